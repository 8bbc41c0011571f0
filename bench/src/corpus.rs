//! The corpus measurement (bench/corpus/run.sh): progenitor on one document, and the report that turns
//! the per-document outcomes into bench/CORPUS.md.

pub mod report;

use std::path::Path;

/// Progenitor on one document, as its documentation shows it used as a library: parse into
/// `openapiv3::OpenAPI`, `Generator::default().generate_tokens`, then `syn` and `prettyplease`.
/// Returns the number of lines of formatted Rust.
///
/// A panic is deliberately not caught: the corpus run counts panics by the process's exit status.
pub fn progenitor_one(spec: &Path) -> Result<usize, String> {
    let text = std::fs::read_to_string(spec).map_err(|e| format!("cannot read {}: {e}", spec.display()))?;
    let yaml = matches!(spec.extension().and_then(|e| e.to_str()), Some("yaml" | "yml"));
    let api: openapiv3::OpenAPI = if yaml {
        serde_yaml::from_str(&text).map_err(|e| format!("parse: {e}"))?
    } else {
        serde_json::from_str(&text).map_err(|e| format!("parse: {e}"))?
    };
    let tokens = progenitor::Generator::default().generate_tokens(&api).map_err(|e| format!("generate: {e}"))?;
    let file: syn::File =
        syn::parse2(tokens).map_err(|e| format!("syn (progenitor emitted tokens that are not a file): {e}"))?;
    Ok(prettyplease::unparse(&file).lines().count())
}
