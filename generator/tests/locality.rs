//! A spec change shows up as a small diff: changing one field's description changes only the lines of
//! that field's doc comment.

use seam_codegen::{generate, OutputFile, Settings};
use serde_yaml::Value;

fn spec() -> Value {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../spec/seam.yaml")).unwrap();
    serde_yaml::from_str(&text).unwrap()
}

fn files(spec: &Value) -> Vec<OutputFile> {
    generate(&serde_yaml::to_string(spec).unwrap(), "seam.yaml", &Settings::default()).unwrap().files
}

/// (file, old line, new line) for every line that differs; files must keep their line count.
fn changed_lines(before: &[OutputFile], after: &[OutputFile]) -> Vec<(String, String, String)> {
    let mut changes = Vec::new();
    for (old, new) in before.iter().zip(after) {
        assert_eq!(old.path, new.path);
        let (old_lines, new_lines): (Vec<_>, Vec<_>) = (old.contents.lines().collect(), new.contents.lines().collect());
        assert_eq!(old_lines.len(), new_lines.len(), "{} changed its number of lines", old.path);
        for (a, b) in old_lines.iter().zip(&new_lines) {
            if a != b {
                changes.push((old.path.clone(), a.to_string(), b.to_string()));
            }
        }
    }
    changes
}

fn set(spec: &mut Value, path: &[&str], value: &str) {
    let mut node = spec;
    for key in path {
        node = node.get_mut(*key).unwrap_or_else(|| panic!("no `{key}` in the spec"));
    }
    *node = Value::String(value.to_owned());
}

#[test]
fn changing_a_schema_field_description_changes_only_its_doc_line() {
    let original = spec();
    let before = files(&original);
    let mut edited = original.clone();
    set(
        &mut edited,
        &["components", "schemas", "acs_credential", "properties", "card_number", "description"],
        "Printed card number.",
    );
    let changes = changed_lines(&before, &files(&edited));
    assert_eq!(changes.len(), 1, "{changes:#?}");
    let (file, old, new) = &changes[0];
    assert_eq!(file, "types.rs");
    assert!(old.trim_start().starts_with("/// Number of the card"), "{old}");
    assert_eq!(new.trim(), "/// Printed card number.");
}

#[test]
fn changing_a_request_field_description_changes_only_its_doc_line() {
    let original = spec();
    let before = files(&original);
    let mut edited = original.clone();
    let path = [
        "paths",
        "/acs/credentials/update",
        "post",
        "requestBody",
        "content",
        "application/json",
        "schema",
        "properties",
        "code",
        "description",
    ];
    set(&mut edited, &path, "New PIN.");
    let changes = changed_lines(&before, &files(&edited));
    assert_eq!(changes.len(), 1, "{changes:#?}");
    assert_eq!(changes[0].0, "acs.rs");
    assert_eq!(changes[0].2.trim(), "/// New PIN.");
}
