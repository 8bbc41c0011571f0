//! A spec the generator cannot handle gets an error naming the place, and the output directory is
//! left exactly as it was.

use seam_codegen::{generate, regenerate, Error, Location, Settings};
use std::path::Path;

const VALID: &str = r##"
openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /acs/credentials/create:
    post:
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                acs_user_id: {type: string}
      responses:
        "200":
          description: OK
          content:
            application/json:
              schema:
                type: object
                properties:
                  acs_credential: {$ref: "#/components/schemas/acs_credential"}
      x-response-key: acs_credential
components:
  schemas:
    acs_credential:
      type: object
      properties:
        acs_credential_id: {type: string}
"##;

fn diagnostics(spec: &str) -> Vec<seam_codegen::Diagnostic> {
    match generate(spec, "spec.yaml", &Settings::default()) {
        Err(Error::Spec { diagnostics, .. }) => diagnostics,
        Err(other) => panic!("expected spec diagnostics, got {other}"),
        Ok(_) => panic!("expected the spec to be rejected"),
    }
}

/// Runs the generator into a directory holding earlier output, and returns the error after checking
/// that every byte of that directory is unchanged.
fn rejected_without_touching_output(spec: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let spec_path = dir.path().join("seam.yaml");
    std::fs::write(&spec_path, spec).unwrap();
    let out = dir.path().join("generated");
    regenerate(&write_valid_spec(dir.path()), &out, &Settings::default()).unwrap();
    let before = snapshot(&out);
    let error = regenerate(&spec_path, &out, &Settings::default()).unwrap_err();
    assert_eq!(snapshot(&out), before, "generated/ changed although generation failed");
    error.to_string().replace(&dir.path().display().to_string(), "<tmp>")
}

fn write_valid_spec(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("valid.yaml");
    std::fs::write(&path, VALID).unwrap();
    path
}

/// Every file under `dir`, with its contents.
fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    let mut dirs = vec![dir.to_owned()];
    while let Some(current) = dirs.pop() {
        for entry in std::fs::read_dir(&current).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else {
                let name = path.strip_prefix(dir).unwrap().to_string_lossy().into_owned();
                files.push((name, std::fs::read(&path).unwrap()));
            }
        }
    }
    files.sort();
    files
}

#[test]
fn the_valid_base_spec_generates() {
    generate(VALID, "spec.yaml", &Settings::default()).unwrap();
}

#[test]
fn malformed_yaml_names_line_and_column() {
    let spec = VALID.replace("acs_user_id: {type: string}", "acs_user_id: {type: string");
    let found = diagnostics(&spec);
    assert!(matches!(found[0].location, Location::Text { .. }), "{found:?}");
    insta::assert_snapshot!(rejected_without_touching_output(&spec), @r"
    <tmp>/seam.yaml: 1 problem found; nothing was written
      <tmp>/seam.yaml: line 14, column 16: not valid YAML or JSON: did not find expected ',' or '}'
    ");
}

#[test]
fn dangling_ref_names_the_pointer() {
    let spec = VALID.replace("#/components/schemas/acs_credential\"}", "#/components/schemas/acs_credentail\"}");
    let found = diagnostics(&spec);
    assert_eq!(
        found[0].location,
        Location::Pointer("#/paths/~1acs~1credentials~1create/post/responses/200/content/application~1json/schema/properties/acs_credential".into())
    );
    insta::assert_snapshot!(rejected_without_touching_output(&spec), @r"
    <tmp>/seam.yaml: 1 problem found; nothing was written
      <tmp>/seam.yaml: #/paths/~1acs~1credentials~1create/post/responses/200/content/application~1json/schema/properties/acs_credential (line 22, column 19): $ref `#/components/schemas/acs_credentail` points to no schema in #/components/schemas; did you mean `#/components/schemas/acs_credential`?
    ");
}

#[test]
fn unsupported_construct_names_the_pointer() {
    let spec = VALID.replace("acs_user_id: {type: string}", "acs_user_id: {not: {type: integer}}");
    insta::assert_snapshot!(rejected_without_touching_output(&spec), @r"
    <tmp>/seam.yaml: 1 problem found; nothing was written
      <tmp>/seam.yaml: #/paths/~1acs~1credentials~1create/post/requestBody/content/application~1json/schema/properties/acs_user_id (line 13, column 17): `not` is not supported by seam-codegen; remove it; Rust types cannot express a negation
    ");
}

#[test]
fn every_problem_is_reported_not_just_the_first() {
    let spec = VALID
        .replace("acs_user_id: {type: string}", "acs_user_id: {not: {type: string}}")
        .replace("acs_credential_id: {type: string}", "acs_credential_id: {$ref: \"#/components/schemas/missing\"}");
    let found = diagnostics(&spec);
    assert_eq!(found.len(), 2, "{found:#?}");
}

#[test]
fn shape_errors_name_the_pointer() {
    let spec = VALID.replace("info: {title: t, version: \"1\"}", "info: {title: [not, a, string], version: \"1\"}");
    let found = diagnostics(&spec);
    assert_eq!(found[0].location, Location::Pointer("#/info/title".into()), "{found:?}");
}

#[test]
fn response_key_must_name_a_property() {
    let spec = VALID.replace("x-response-key: acs_credential", "x-response-key: acs_credentials");
    let found = diagnostics(&spec);
    assert_eq!(found[0].location, Location::Pointer("#/paths/~1acs~1credentials~1create/post/x-response-key".into()));
}

#[test]
fn fields_that_collide_after_case_conversion_are_numbered_with_a_warning() {
    let spec = VALID.replace(
        "        acs_credential_id: {type: string}",
        "        acs_credential_id: {type: string}\n        acsCredentialId: {type: string}",
    );
    let generated = generate(&spec, "spec.yaml", &Settings::default()).unwrap();
    let warning = &generated.warnings[0];
    assert_eq!(
        warning.location,
        Location::Pointer("#/components/schemas/acs_credential/properties/acsCredentialId".into())
    );
    assert!(warning.message.contains("#/components/schemas/acs_credential/properties/acs_credential_id"), "{warning}");
    let types = &generated.files.iter().find(|f| f.path == "types.rs").unwrap().contents;
    assert!(
        types.contains("pub acs_credential_id_: ") && types.contains(r#"#[serde(rename = "acsCredentialId")]"#),
        "{types}"
    );
}

#[test]
fn schemas_that_collide_after_case_conversion_are_numbered_with_a_warning_naming_both() {
    let spec = VALID.replace(
        "components:\n  schemas:\n",
        "components:\n  schemas:\n    AcsCredential: {type: object, properties: {x: {type: string}}}\n",
    );
    let generated = generate(&spec, "spec.yaml", &Settings::default()).unwrap();
    let warning = generated.warnings.iter().find(|w| w.message.contains("becomes the Rust type")).unwrap();
    assert_eq!(warning.location, Location::Pointer("#/components/schemas/acs_credential".into()), "{warning}");
    assert!(warning.message.contains("#/components/schemas/AcsCredential"), "{warning}");
    assert!(warning.message.contains("`AcsCredential2`"), "{warning}");
    let types = &generated.files.iter().find(|f| f.path == "types.rs").unwrap().contents;
    assert!(types.contains("pub struct AcsCredential {") && types.contains("pub struct AcsCredential2 {"), "{types}");
}

#[test]
fn strict_reading_warns_with_pointer_line_and_column_and_deny_warnings_writes_nothing() {
    let spec = VALID.replace("acs_credential_id: {type: string}", "acs_credential_id: {type: string, maxLenght: 9}");
    let generated = generate(&spec, "spec.yaml", &Settings::default()).unwrap();
    let warning = generated.warnings.iter().find(|w| w.message.contains("maxLenght")).expect("a warning");
    assert!(warning.message.contains("did you mean `maxLength`?"), "{warning}");
    let line = spec.lines().position(|l| l.contains("maxLenght")).unwrap() + 1;
    assert_eq!(warning.position.map(|(l, _)| l), Some(line), "{warning}");
    let denied = Settings { deny_warnings: true, ..Settings::default() };
    let error = generate(&spec, "spec.yaml", &denied).unwrap_err().to_string();
    assert!(error.contains("nothing was written") && error.contains("maxLenght"), "{error}");
}
