//! seam-codegen: generates the `seam` crate's typed bindings from an OpenAPI 3.0 document.
//!
//! The pipeline has four stages with hard boundaries, each in its own module:
//!
//! 1. [`load`]: YAML or JSON text to `openapiv3::OpenAPI`; syntax errors carry a line and column.
//! 2. [`resolve`]: `openapiv3` to the generator's own [`model`]; every `$ref` resolved, every name decided
//!    (by [`naming`]), every unsupported construct reported with a JSON pointer. Errors are collected.
//! 3. [`emit`]: the model to tokens with `quote`; emitters decide no names and do no I/O.
//! 4. [`write`](mod@write): prettyplease formatting, the `@generated` header, and writing only what changed.
//!
//! [`generate`] runs stages 1 to 3 and formats in memory, so a spec with any error writes nothing.

pub mod conventions;
pub mod cycles;
pub mod diagnostics;
pub mod diff;
pub mod drift;
pub mod emit;
pub mod growth;
pub mod lint;
pub mod load;
pub mod locate;
pub mod model;
pub mod naming;
pub mod resolve;
pub mod standalone;
pub mod validation;
pub mod write;

pub use diagnostics::{Diagnostic, Location};
pub use write::{Comparison, OutputFile, WriteSummary};

use std::fmt;
use std::path::{Path, PathBuf};

/// The command printed in file headers and in check-mode reports.
pub const REGENERATE_COMMAND: &str = "cargo run -p seam-codegen";

/// Options of a generation run.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The command that regenerates the output, written into every file header.
    pub regenerate_command: String,
    /// The name of the crate the output is mounted in, as doc examples refer to it.
    pub crate_name: String,
    /// The client type at the crate's root, which the operations hang off (`Seam`).
    pub client_name: String,
    /// Leave out operations and properties marked `x-undocumented` instead of hiding them from rustdoc.
    pub drop_undocumented: bool,
    /// What the API adds to plain OpenAPI: Seam's conventions by default.
    pub conventions: conventions::Conventions,
    /// Treat warnings about the spec as errors: nothing is generated while there are any.
    pub deny_warnings: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            regenerate_command: REGENERATE_COMMAND.to_owned(),
            crate_name: "seam".to_owned(),
            client_name: "Seam".to_owned(),
            drop_undocumented: false,
            conventions: conventions::Conventions::seam(),
            deny_warnings: false,
        }
    }
}

impl Settings {
    /// The crate and client the generated code is written for.
    pub fn target(&self) -> emit::Target<'_> {
        emit::Target { crate_name: &self.crate_name, client: &self.client_name }
    }
}

/// The generated files, in memory, and the warnings about the spec.
#[derive(Debug)]
pub struct Generated {
    pub files: Vec<OutputFile>,
    pub warnings: Vec<Diagnostic>,
    /// What a client needs besides the operations: the server and the security schemes.
    pub api: standalone::ApiInfo,
}

#[derive(Debug)]
pub enum Error {
    /// The spec could not be read.
    Read { path: PathBuf, source: std::io::Error },
    /// The spec has problems; each names its place.
    Spec { source_name: String, diagnostics: Vec<Diagnostic> },
    /// The generator produced tokens that are not Rust: a bug in seam-codegen.
    Emit(String),
    /// The output could not be written or read.
    Output { path: PathBuf, source: std::io::Error },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Read { path, source } => write!(f, "cannot read {}: {source}", path.display()),
            Error::Spec { source_name, diagnostics } => {
                let count = diagnostics.len();
                write!(
                    f,
                    "{source_name}: {count} problem{} found; nothing was written",
                    if count == 1 { "" } else { "s" }
                )?;
                for diagnostic in diagnostics {
                    write!(f, "\n  {source_name}: {diagnostic}")?;
                }
                Ok(())
            }
            Error::Emit(message) => write!(f, "internal error in seam-codegen (please report): {message}"),
            Error::Output { path, source } => write!(f, "cannot write {}: {source}", path.display()),
        }
    }
}

impl std::error::Error for Error {}

/// Runs load, resolve, emit and format on a spec's text, entirely in memory.
pub fn generate(spec_text: &str, source_name: &str, settings: &Settings) -> Result<Generated, Error> {
    let loaded = load_model(spec_text, source_name, settings)?;
    let files = render_all(&loaded.model, settings)?;
    Ok(Generated { files, warnings: loaded.warnings, api: loaded.api })
}

/// A spec read and resolved: stages 1 and 2 of [`generate`], for commands that compare models
/// rather than write code (`diff`).
#[derive(Debug)]
pub struct Loaded {
    pub model: model::Model,
    /// The document as plain JSON, for JSON pointers into it.
    pub document: serde_json::Value,
    /// The warnings about the spec, located.
    pub warnings: Vec<Diagnostic>,
    /// What a client needs besides the operations: the server and the security schemes.
    pub api: standalone::ApiInfo,
}

/// Runs load and resolve on a spec's text; errors (and warnings, under `deny_warnings`) carry their
/// line and column.
pub fn load_model(spec_text: &str, source_name: &str, settings: &Settings) -> Result<Loaded, Error> {
    let spec_error = |mut diagnostics: Vec<Diagnostic>| {
        locate(spec_text, &mut diagnostics);
        Error::Spec { source_name: source_name.to_owned(), diagnostics }
    };
    let (api, document) = load::parse_document(spec_text).map_err(spec_error)?;
    let mut warnings = lint::lint(&document);
    let resolved = resolve::resolve(&api, settings.drop_undocumented, &settings.conventions).map_err(spec_error)?;
    warnings.extend(resolved.warnings);
    if settings.deny_warnings && !warnings.is_empty() {
        return Err(spec_error(warnings));
    }
    locate(spec_text, &mut warnings);
    Ok(Loaded { model: resolved.model, document, warnings, api: standalone::ApiInfo::of(&api) })
}

/// Adds the line and column of each diagnostic's pointer; the text is read for positions only when
/// there is something to report.
pub(crate) fn locate(spec_text: &str, diagnostics: &mut [Diagnostic]) {
    let pointers = diagnostics.iter().any(|d| matches!(d.location, Location::Pointer(_)));
    if !pointers {
        return;
    }
    let pointers: Vec<String> = diagnostics
        .iter()
        .filter_map(|d| match &d.location {
            Location::Pointer(pointer) => Some(pointer.as_str().to_owned()),
            _ => None,
        })
        .collect();
    let positions = locate::Positions::of_pointers(spec_text, pointers.iter().map(String::as_str));
    for diagnostic in diagnostics.iter_mut() {
        if let Location::Pointer(pointer) = &diagnostic.location {
            diagnostic.position = positions.find(pointer);
        }
    }
}

/// Emits and formats the files on all cores. Each file is made alone from the model, so the output
/// does not depend on the order in which threads finish.
fn render_all(model: &model::Model, settings: &Settings) -> Result<Vec<OutputFile>, Error> {
    let kinds = emit::file_kinds(model);
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(kinds.len());
    // Shared types first: the largest file should not start last.
    let queue = std::sync::Mutex::new(kinds.iter().copied().enumerate().rev().collect::<Vec<_>>());
    let mut types_first = queue.lock().unwrap_or_else(|p| p.into_inner());
    if let Some(position) = types_first.iter().position(|(_, kind)| matches!(kind, emit::FileKind::Types)) {
        let types = types_first.remove(position);
        types_first.push(types);
    }
    drop(types_first);
    let results = std::sync::Mutex::new(Vec::with_capacity(kinds.len()));
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| loop {
                let Some((position, kind)) = queue.lock().unwrap_or_else(|p| p.into_inner()).pop() else { break };
                let file = emit::emit_file(model, kind, settings.target());
                let rendered = write::render(&file.path, file.tokens, &settings.regenerate_command);
                results.lock().unwrap_or_else(|p| p.into_inner()).push((position, rendered));
            });
        }
    });
    let mut results = results.into_inner().unwrap_or_else(|p| p.into_inner());
    results.sort_by_key(|(position, _)| *position);
    results.into_iter().map(|(_, rendered)| rendered.map_err(Error::Emit)).collect()
}

/// [`generate`] on a file.
pub fn generate_file(spec: &Path, settings: &Settings) -> Result<Generated, Error> {
    let text = std::fs::read_to_string(spec).map_err(|source| Error::Read { path: spec.to_owned(), source })?;
    generate(&text, &spec.display().to_string(), settings)
}

/// Regenerates `out_dir` from `spec`, writing only changed files.
pub fn regenerate(spec: &Path, out_dir: &Path, settings: &Settings) -> Result<(Generated, WriteSummary), Error> {
    let generated = generate_file(spec, settings)?;
    let summary =
        write::write(out_dir, &generated.files).map_err(|source| Error::Output { path: out_dir.to_owned(), source })?;
    Ok((generated, summary))
}

/// Compares `out_dir` with what `spec` generates, writing nothing.
pub fn check(spec: &Path, out_dir: &Path, settings: &Settings) -> Result<Comparison, Error> {
    let generated = generate_file(spec, settings)?;
    write::compare(out_dir, &generated.files).map_err(|source| Error::Output { path: out_dir.to_owned(), source })
}

/// A check-mode report: what is stale, missing and extra, and the command that fixes it.
pub fn describe_staleness(out_dir: &Path, comparison: &Comparison, fix_command: &str) -> String {
    let mut report = format!("{} is not what the spec generates:", out_dir.display());
    for (label, paths) in [("stale", &comparison.stale), ("missing", &comparison.missing), ("extra", &comparison.extra)]
    {
        for path in paths {
            report.push_str(&format!("\n  {label:<8}{path}"));
        }
    }
    report.push_str(&format!("\nFix it with: {fix_command}"));
    report
}
