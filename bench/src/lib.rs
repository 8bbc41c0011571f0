//! Shared code of the benchmarks: the two generators run the same way, the minimal edits progenitor
//! needs, and the data and plain structs of the decode benchmark.

pub mod corpus;
pub mod pages;
pub mod plain;
pub mod progenitor_edits;

use std::panic::{catch_unwind, AssertUnwindSafe};

/// What one generator produced: formatted Rust source, file by file.
pub struct Output {
    pub files: Vec<(String, String)>,
}

impl Output {
    pub fn lines(&self) -> usize {
        self.files.iter().map(|(_, text)| text.lines().count()).sum()
    }
    /// Lines that are documentation (`///`, `//!`, `#[doc`) or the `@generated` header comments.
    pub fn doc_lines(&self) -> usize {
        self.files
            .iter()
            .flat_map(|(_, text)| text.lines())
            .filter(|line| {
                let line = line.trim_start();
                line.starts_with("//") || line.starts_with("#[doc") || line.starts_with("#![doc")
            })
            .count()
    }
    pub fn bytes(&self) -> usize {
        self.files.iter().map(|(_, text)| text.len()).sum()
    }
}

/// Ours: `seam_codegen::generate` parses, resolves, emits and formats in memory.
pub fn run_ours(spec_text: &str, source_name: &str) -> Result<Output, OursError> {
    match seam_codegen::generate(spec_text, source_name, &seam_codegen::Settings::default()) {
        Ok(generated) => Ok(Output {
            files: generated.files.into_iter().map(|file| (file.path.to_string(), file.contents)).collect(),
        }),
        Err(seam_codegen::Error::Spec { diagnostics, .. }) => Err(OursError {
            count: diagnostics.len(),
            first: diagnostics.iter().take(5).map(|d| d.to_string()).collect(),
        }),
        Err(other) => Err(OursError { count: 1, first: vec![other.to_string()] }),
    }
}

#[derive(Debug)]
pub struct OursError {
    pub count: usize,
    pub first: Vec<String>,
}

/// Text format of a spec, so that each generator parses the text it is given.
#[derive(Clone, Copy)]
pub enum Format {
    Yaml,
    Json,
}

/// Progenitor, used as a library as its documentation shows: parse the document into `openapiv3`,
/// `Generator::default().generate_tokens`, then `syn` and `prettyplease` to format.
pub fn run_progenitor(spec_text: &str, format: Format) -> Result<Output, String> {
    let api: openapiv3::OpenAPI = match format {
        Format::Yaml => serde_yaml::from_str(spec_text).map_err(|e| format!("parse: {e}"))?,
        Format::Json => serde_json::from_str(spec_text).map_err(|e| format!("parse: {e}"))?,
    };
    // progenitor panics on some inputs; report that as a failure rather than abort the run.
    let result = catch_unwind(AssertUnwindSafe(|| {
        let mut generator = progenitor::Generator::default();
        let tokens = generator.generate_tokens(&api).map_err(|e| format!("generate: {e}"))?;
        let file: syn::File = syn::parse2(tokens).map_err(|e| format!("syn: {e}"))?;
        Ok::<_, String>(prettyplease::unparse(&file))
    }));
    match result {
        Ok(Ok(text)) => Ok(Output { files: vec![("lib.rs".to_owned(), text)] }),
        Ok(Err(e)) => Err(e),
        Err(panic) => Err(format!("panic: {}", panic_message(&panic))),
    }
}

pub fn panic_message(panic: &Box<dyn std::any::Any + Send>) -> String {
    if let Some(s) = panic.downcast_ref::<&str>() {
        (*s).to_owned()
    } else if let Some(s) = panic.downcast_ref::<String>() {
        s.clone()
    } else {
        "(non-string panic)".to_owned()
    }
}
