//! spec/seam.yaml against Seam's published OpenAPI document (the pinned @seamapi/types): for each of
//! our operations, every answer the published document allows must decode with our bindings, and
//! everything our bindings send must be accepted by it. Differences pass only through
//! spec/drift-allow.txt, each with its reason; entries that no longer explain anything fail too, so
//! the list stays short and true.

use crate::npm;

use seam_codegen::drift::{drift, report, unexplained};
use std::path::Path;

#[test]
fn spec_conforms_to_seams_published_document_but_for_the_allow_list() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let target = npm::target_dir();
    std::fs::create_dir_all(&target).unwrap();
    let published_path = target.join("seam-published-openapi-conformance.json");
    npm::published_openapi(&published_path);
    let read = |path: &Path| {
        let text = std::fs::read_to_string(path).unwrap();
        seam_codegen::load::parse_document(&text).unwrap_or_else(|e| panic!("{}: {e:?}", path.display())).1
    };
    let ours = read(&root.join("spec/seam.yaml"));
    let published = read(&published_path);
    let findings = drift(&ours, &published);
    let allow_list = std::fs::read_to_string(root.join("spec/drift-allow.txt")).unwrap();
    let (left, stale) = unexplained(&findings, &allow_list);
    let left: Vec<String> = left.iter().map(ToString::to_string).collect();
    assert!(
        left.is_empty(),
        "differences from Seam's published document that spec/drift-allow.txt does not explain:\n{}\n\nthe whole report:\n{}",
        left.join("\n"),
        report(&findings)
    );
    assert!(stale.is_empty(), "allow-list entries that explain nothing any more: {stale:#?}");
}
