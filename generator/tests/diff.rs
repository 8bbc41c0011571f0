//! `seam-codegen diff` on fixture pairs: tests/fixtures/diff/<case>.old.yaml and <case>.new.yaml,
//! one kind of change each. Every report is a snapshot, and every verdict (breaking or not) is stated
//! here too, so that accepting a snapshot cannot flip one unnoticed.

use seam_codegen::diff::{self, Heading, Impact};
use seam_codegen::Settings;
use std::path::{Path, PathBuf};

/// Each case and whether it is breaking for code using the bindings.
const CASES: &[(&str, bool)] = &[
    ("request_required_field_added", true),
    ("request_optional_field_added", false),
    ("response_field_added", false),
    ("response_field_removed", true),
    ("optional_to_required", true),
    ("required_to_optional", true),
    ("nullable_changed", true),
    ("enum_value_added", false),
    ("enum_value_removed", true),
    ("operation_added", false),
    ("operation_removed", true),
    ("constraint_tightened", true),
    ("constraint_loosened", false),
    ("type_changed", true),
    ("docs_only", false),
    ("no_change", false),
    ("shared_type_field_added", true),
    ("request_default_changed", false),
    ("request_argument_order", true),
    ("union_variant_added", false),
    ("returns_changed", true),
    ("pagination_added", false),
    ("plain_operation_renamed", true),
    ("plain_behaviour_changed", false),
];

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/diff")
}

/// The changes of a case, under the profile its name says (`plain_*`: plain, else Seam's).
fn changes(case: &str) -> Vec<diff::Change> {
    let conventions = if case.starts_with("plain_") {
        seam_codegen::conventions::Conventions::plain()
    } else {
        seam_codegen::conventions::Conventions::seam()
    };
    let settings = Settings { conventions, ..Settings::default() };
    let read = |side: &str| std::fs::read_to_string(fixtures().join(format!("{case}.{side}.yaml"))).unwrap();
    let (old, new) = (read("old"), read("new"));
    let (changes, warnings) =
        diff::diff_texts((&old, &format!("{case}.old.yaml")), (&new, &format!("{case}.new.yaml")), &settings)
            .unwrap_or_else(|error| panic!("{case}: {error}"));
    assert!(warnings.is_empty(), "{case}: {warnings:#?}");
    changes
}

fn report(case: &str, changes: &[diff::Change]) -> String {
    let profile = if case.starts_with("plain_") { "plain" } else { "seam" };
    let (old, new) = (format!("{case}.old.yaml"), format!("{case}.new.yaml"));
    diff::report(changes, &Heading { old: &old, new: &new, crate_name: "seam", profile })
}

#[test]
fn each_fixture_pair_reports_its_changes_and_verdict() {
    for (case, breaking) in CASES {
        let changes = changes(case);
        let text = report(case, &changes);
        insta::assert_snapshot!(format!("diff_{case}"), text);
        assert_eq!(diff::is_breaking(&changes), *breaking, "{case}:\n{text}");
        if *case == "no_change" {
            assert!(changes.is_empty(), "{text}");
        } else {
            assert!(!changes.is_empty(), "{case} finds no change");
        }
    }
}

#[test]
fn every_fixture_pair_has_a_verdict() {
    let mut cases: Vec<String> = std::fs::read_dir(fixtures())
        .unwrap()
        .filter_map(|entry| entry.unwrap().file_name().to_string_lossy().strip_suffix(".old.yaml").map(str::to_owned))
        .filter(|case| case != "seam_realistic")
        .collect();
    cases.sort();
    let mut listed: Vec<String> = CASES.iter().map(|(case, _)| (*case).to_owned()).collect();
    listed.sort();
    assert_eq!(cases, listed);
    for case in &cases {
        assert!(fixtures().join(format!("{case}.new.yaml")).exists(), "{case} has no .new.yaml");
    }
}

/// Kinds of change whose impact depends on who uses the type, checked item by item.
#[test]
fn impacts_follow_how_users_build_and_read_each_type() {
    let impact_of = |case: &str, item: &str| {
        let changes = changes(case);
        let found: Vec<Impact> = changes.iter().filter(|c| c.item == item).map(|c| c.impact).collect();
        assert_eq!(found.len(), 1, "{case}: {item}: {changes:#?}");
        found[0]
    };
    // A request's new optional field is a setter; a response's new required field is a field to read.
    assert_eq!(impact_of("request_optional_field_added", "seam::things::CreateRequest::colour"), Impact::Additive);
    assert_eq!(impact_of("response_field_added", "seam::types::Thing::size"), Impact::Additive);
    // A type that requests carry has no constructor: any new field breaks its literals.
    assert_eq!(impact_of("shared_type_field_added", "seam::types::Address::unit"), Impact::Breaking);
    // Required and nullable to optional keeps `Option<String>` in a response: only how `None` is
    // written changes. Optional to optional and nullable is `Option` to `Nullable`.
    assert_eq!(impact_of("nullable_changed", "seam::types::Thing::code"), Impact::Behaviour);
    assert_eq!(impact_of("nullable_changed", "seam::types::Thing::label"), Impact::Breaking);
    assert_eq!(impact_of("request_default_changed", "seam::things::ListRequest::limit"), Impact::Behaviour);
    assert_eq!(impact_of("docs_only", "seam::types::Thing::label"), Impact::Documentation);
}

/// The sample for the pull request: a realistic change to spec/seam.yaml (a copy, so that the
/// snapshot does not move with the spec): an optional `created_before` filter on
/// `/access_codes/list` with a sentence about it in the operation's description, a new access code
/// status `suspended`, and `is_backup_access_code_available` no longer required in access codes.
#[test]
fn realistic_change_to_the_seam_spec() {
    let changes = changes("seam_realistic");
    let text = report("seam_realistic", &changes);
    insta::assert_snapshot!("diff_seam_realistic", text);
    assert!(diff::is_breaking(&changes));
    let items: Vec<(&str, Impact)> = changes.iter().map(|c| (c.item.as_str(), c.impact)).collect();
    assert_eq!(
        items,
        [
            ("seam::types::AccessCode::is_backup_access_code_available", Impact::Breaking),
            ("seam::access_codes::ListRequest::created_before", Impact::Additive),
            ("seam::types::AccessCodeStatus::Suspended", Impact::Additive),
            ("seam.access_codes().list", Impact::Documentation),
        ]
    );
}

#[test]
fn the_seam_spec_compared_with_itself_has_no_change() {
    let spec = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/seam.yaml")).unwrap();
    let (changes, _) = diff::diff_texts((&spec, "old"), (&spec, "new"), &Settings::default()).unwrap();
    assert!(changes.is_empty(), "{changes:#?}");
}

#[test]
fn a_spec_that_does_not_resolve_is_an_error_with_its_place() {
    let old = std::fs::read_to_string(fixtures().join("no_change.old.yaml")).unwrap();
    let broken = old.replace("#/components/schemas/thing", "#/components/schemas/thingy");
    let error = diff::diff_texts((&old, "old.yaml"), (&broken, "new.yaml"), &Settings::default()).unwrap_err();
    let message = error.to_string();
    assert!(message.contains("new.yaml: #/paths/~1things~1create/post"), "{message}");
    assert!(message.contains("line "), "{message}");
}
