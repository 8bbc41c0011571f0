//! A spec change shows up as a small diff: changing one field's description changes only the lines of
//! that field's doc comment; a new optional field, enum value, operation or union variant is one
//! hunk of one file.

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

/// The node at `path` in the spec.
fn node<'v>(spec: &'v mut Value, path: &[&str]) -> &'v mut Value {
    let mut node = spec;
    for key in path {
        node = node.get_mut(*key).unwrap_or_else(|| panic!("no `{key}` in the spec"));
    }
    node
}

fn set(spec: &mut Value, path: &[&str], value: &str) {
    *node(spec, path) = Value::String(value.to_owned());
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
    assert_eq!(changes[0].0, "acs/credentials.rs");
    assert_eq!(changes[0].2.trim(), "/// New PIN.");
}

/// The hunks of the diff between two generations, as (file, removed lines, added lines); no file may
/// appear or disappear.
fn hunks(before: &[OutputFile], after: &[OutputFile]) -> Vec<(String, Vec<String>, Vec<String>)> {
    let paths = |files: &[OutputFile]| files.iter().map(|f| f.path.clone()).collect::<Vec<_>>();
    assert_eq!(paths(before), paths(after), "the set of files changed");
    let mut hunks = Vec::new();
    for (old, new) in before.iter().zip(after) {
        let diff = similar::TextDiff::from_lines(&old.contents, &new.contents);
        for group in diff.grouped_ops(0) {
            let (mut removed, mut added) = (Vec::new(), Vec::new());
            for op in &group {
                for change in diff.iter_changes(op) {
                    let line = change.value().trim_end().to_owned();
                    match change.tag() {
                        similar::ChangeTag::Delete => removed.push(line),
                        similar::ChangeTag::Insert => added.push(line),
                        similar::ChangeTag::Equal => {}
                    }
                }
            }
            hunks.push((old.path.clone(), removed, added));
        }
    }
    hunks
}

/// The one hunk a change makes: only added lines, in `file`.
fn one_added_hunk(before: &[OutputFile], after: &[OutputFile], file: &str) -> Vec<String> {
    let hunks = hunks(before, after);
    assert_eq!(hunks.len(), 1, "{hunks:#?}");
    let (path, removed, added) = hunks.into_iter().next().unwrap();
    assert_eq!(path, file);
    assert!(removed.is_empty(), "{removed:#?}");
    added
}

fn yaml(text: &str) -> Value {
    serde_yaml::from_str(text).unwrap()
}

fn mapping<'v>(spec: &'v mut Value, path: &[&str]) -> &'v mut serde_yaml::Mapping {
    node(spec, path).as_mapping_mut().expect("a mapping")
}

#[test]
fn a_new_optional_field_is_one_hunk() {
    let original = spec();
    let mut edited = original.clone();
    mapping(&mut edited, &["components", "schemas", "acs_credential", "properties"])
        .insert("nickname".into(), yaml("{type: string, description: A name for the credential.}"));
    let added = one_added_hunk(&files(&original), &files(&edited), "types.rs");
    assert!(added.iter().any(|line| line.trim() == "pub nickname: Option<String>,"), "{added:#?}");
}

#[test]
fn a_new_enum_value_is_one_line() {
    let original = spec();
    let mut edited = original.clone();
    let values =
        edited["components"]["schemas"]["access_code"]["properties"]["status"]["enum"].as_sequence_mut().unwrap();
    values.push("permanent".into());
    let added = one_added_hunk(&files(&original), &files(&edited), "types.rs");
    assert_eq!(added, ["        Permanent = \"permanent\","]);
}

#[test]
fn a_new_operation_is_one_block() {
    let original = spec();
    let mut edited = original.clone();
    let operation = yaml(
        "post:
  operationId: acs_credentials_unmanaged_delete
  summary: Delete an Unmanaged Credential
  requestBody:
    required: true
    content:
      application/json:
        schema:
          type: object
          required: [acs_credential_id]
          properties:
            acs_credential_id: {type: string, description: ID of the unmanaged credential to delete.}
  responses:
    '200':
      description: OK
      content:
        application/json:
          schema:
            type: object
            required: [ok]
            properties:
              ok: {type: boolean, enum: [true]}
      x-response-key: null
",
    );
    mapping(&mut edited, &["paths"]).insert("/acs/credentials/unmanaged/delete".into(), operation);
    let added = one_added_hunk(&files(&original), &files(&edited), "acs/credentials/unmanaged.rs");
    let block = added.join("\n");
    for part in [
        "pub async fn delete(",
        "impl crate::Operation for DeleteRequest",
        "pub struct DeleteRequest",
        "pub struct DeleteResponse",
    ] {
        assert!(block.contains(part), "{part} is not in the block:\n{block}");
    }
}

#[test]
fn a_new_union_variant_is_one_line() {
    let spec = |branches: &str| {
        format!(
            "openapi: 3.0.3
info: {{title: pets, version: '1'}}
paths: {{}}
components:
  schemas:
    Pet:
      oneOf: [{branches}]
      discriminator:
        propertyName: kind
        mapping: {{cat: '#/components/schemas/Cat', dog: '#/components/schemas/Dog', bird: '#/components/schemas/Bird'}}
    Cat: {{type: object, required: [kind], properties: {{kind: {{type: string}}, meows: {{type: boolean}}}}}}
    Dog: {{type: object, required: [kind], properties: {{kind: {{type: string}}, barks: {{type: boolean}}}}}}
    Bird: {{type: object, required: [kind], properties: {{kind: {{type: string}}, sings: {{type: boolean}}}}}}
"
        )
    };
    let generate = |text: String| generate(&text, "pets.yaml", &Settings::default()).unwrap().files;
    let before = generate(spec("{$ref: '#/components/schemas/Cat'}, {$ref: '#/components/schemas/Dog'}"));
    let after = generate(spec(
        "{$ref: '#/components/schemas/Cat'}, {$ref: '#/components/schemas/Dog'}, {$ref: '#/components/schemas/Bird'}",
    ));
    let added = one_added_hunk(&before, &after, "types.rs");
    assert_eq!(added, ["        Bird(Bird) = \"bird\","]);
}
