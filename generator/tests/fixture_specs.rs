//! Tier-2 snapshots: one small spec per construct (tests/fixtures/*.yaml). Each one's generated code is
//! a committed snapshot, and each becomes a crate (`seam-codegen crate`) that must compile under
//! `#![deny(warnings)]` and round-trip its sample JSON (`*.samples.json`), unknown enum values and
//! unknown union tags included; a sample of a type only requests hold (no `Deserialize`) gives the
//! Rust expression that builds it (`built`) and checks what it encodes to.

use crate::npm;

use seam_codegen::standalone::{crate_files, Runtime};
use seam_codegen::Settings;
use serde_json::Value;
use std::path::{Path, PathBuf};

const FIXTURES: &[&str] = &[
    "keywords",
    "enums",
    "nullable",
    "tagged_union",
    "untagged_union",
    "all_of_and_maps",
    "recursion_and_inline",
    "operations",
    "plain_operations",
];

/// The conventions a fixture is generated with: Seam's, but plain HTTP for `plain_*` fixtures.
fn settings(name: &str) -> Settings {
    let conventions = if name.starts_with("plain_") {
        seam_codegen::conventions::Conventions::plain()
    } else {
        seam_codegen::conventions::Conventions::seam()
    };
    Settings { conventions, ..Settings::default() }
}

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn spec(name: &str) -> String {
    std::fs::read_to_string(fixtures_dir().join(format!("{name}.yaml"))).unwrap()
}

#[test]
fn generated_code_of_each_fixture_matches_its_snapshot() {
    for name in FIXTURES {
        let generated = seam_codegen::generate(&spec(name), &format!("{name}.yaml"), &settings(name))
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let mut text = String::new();
        for file in &generated.files {
            text.push_str(&format!("===== {} =====\n{}\n", file.path, file.contents));
        }
        for warning in &generated.warnings {
            text.push_str(&format!("===== warning =====\n{warning}\n"));
        }
        insta::assert_snapshot!(*name, text);
    }
}

/// The resolver's output per fixture, so that a resolver change is reviewed as a model diff before
/// it is reviewed as generated code.
#[test]
fn model_of_each_fixture_matches_its_snapshot() {
    for name in FIXTURES {
        let settings = settings(name);
        let api = seam_codegen::load::parse(&spec(name)).unwrap_or_else(|e| panic!("{name}: {e:?}"));
        let resolved = seam_codegen::resolve::resolve(&api, settings.drop_undocumented, &settings.conventions)
            .unwrap_or_else(|e| panic!("{name}: {e:?}"));
        insta::assert_debug_snapshot!(format!("{name}_model"), resolved.model);
    }
}

/// A test file for the fixture's crate: one test per sample.
fn round_trip_tests(crate_ident: &str, samples: &[Value]) -> String {
    let mut out = String::from("use serde_json::Value;\n\n");
    for (index, sample) in samples.iter().enumerate() {
        let ty = sample["type"].as_str().unwrap();
        let json = serde_json::to_string(&sample["json"]).unwrap();
        // A type only requests hold has no `Deserialize`: the sample builds it and checks what it writes.
        if let Some(built) = sample.get("built").and_then(Value::as_str) {
            out.push_str(&format!(
                "#[test]\nfn sample_{index}_encodes() {{\n    let json: Value = serde_json::from_str(r##\"{json}\"##).unwrap();\n    let typed: {crate_ident}::{ty} = {built};\n    assert_eq!(serde_json::to_value(&typed).unwrap(), json);\n}}\n\n"
            ));
            continue;
        }
        match sample.get("error").and_then(Value::as_str) {
            None => out.push_str(&format!(
                "#[test]\nfn sample_{index}() {{\n    let json: Value = serde_json::from_str(r##\"{json}\"##).unwrap();\n    let typed: {crate_ident}::{ty} = serde_json::from_value(json.clone()).unwrap();\n    assert_eq!(serde_json::to_value(&typed).unwrap(), json);\n}}\n\n"
            )),
            Some(expected) => out.push_str(&format!(
                "#[test]\nfn sample_{index}_is_rejected() {{\n    let json: Value = serde_json::from_str(r##\"{json}\"##).unwrap();\n    let error = serde_json::from_value::<{crate_ident}::{ty}>(json).unwrap_err().to_string();\n    assert!(error.contains(r##\"{expected}\"##), \"{{error}}\");\n}}\n\n"
            )),
        }
    }
    out
}

#[test]
fn every_fixture_compiles_under_deny_warnings_and_round_trips_its_samples() {
    let workspace_root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let target = npm::target_dir();
    let root = target.join("fixture-crates");
    std::fs::create_dir_all(&root).unwrap();
    let mut members = Vec::new();
    let runtime = Runtime::Path(workspace_root.join("runtime").display().to_string());
    for name in FIXTURES {
        let crate_name = format!("fixture-{}", name.replace('_', "-"));
        let (manifest, files, _) =
            crate_files(&spec(name), &format!("{name}.yaml"), &crate_name, &runtime, &settings(name)).unwrap();
        let dir = root.join(name);
        seam_codegen::write::write(&dir, &files).unwrap();
        let lib = dir.join("src/lib.rs");
        let text = std::fs::read_to_string(&lib).unwrap();
        std::fs::write(&lib, format!("#![deny(warnings)]\n{text}")).unwrap();
        // A member of the fixtures' workspace rather than a workspace of its own, so dependencies build once.
        let manifest = manifest.replace("[workspace]\n", "")
            + "\n[dev-dependencies]\nserde_json = \"1\"\nwiremock = \"0.6\"\ntokio = { version = \"1\", features = [\"macros\", \"rt-multi-thread\"] }\n";
        std::fs::write(dir.join("Cargo.toml"), manifest).unwrap();
        let samples: Vec<Value> = serde_json::from_str(
            &std::fs::read_to_string(fixtures_dir().join(format!("{name}.samples.json"))).unwrap(),
        )
        .unwrap();
        std::fs::create_dir_all(dir.join("tests")).unwrap();
        std::fs::write(dir.join("tests/round_trip.rs"), round_trip_tests(&crate_name.replace('-', "_"), &samples))
            .unwrap();
        // Requests on the wire, checked by a loopback server, for fixtures that have such a test.
        let requests = fixtures_dir().join(format!("{name}.requests.rs"));
        if requests.exists() {
            std::fs::copy(&requests, dir.join("tests/requests.rs")).unwrap();
        }
        members.push(format!("\"{name}\""));
    }
    std::fs::write(
        root.join("Cargo.toml"),
        format!("[workspace]\nmembers = [{}]\nresolver = \"2\"\n\n{}", members.join(", "), npm::workspace_profiles()),
    )
    .unwrap();
    std::fs::copy(workspace_root.join("Cargo.lock"), root.join("Cargo.lock")).unwrap();
    // The integration tests (round trips, requests on the wire) and the doctests (each generated
    // example compiles). Not the library's unit tests: they are the runtime's own, which the `seam`
    // crate runs from the same source.
    for targets in [&["--test", "*"][..], &["--doc"][..]] {
        let output = npm::cargo()
            .args(["test", "--workspace", "--quiet"])
            .args(targets)
            .current_dir(&root)
            // The workspace's own target directory: dependencies it already built are not built again.
            .env("CARGO_TARGET_DIR", &target)
            // Built once, so incremental compilation would only cost time and disk.
            .env("CARGO_INCREMENTAL", "0")
            .output()
            .unwrap();
        let log = format!("{}\n{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
        assert!(output.status.success(), "the fixture crates failed ({}):\n{log}", targets.join(" "));
        assert!(!log.contains("warning:"), "warnings:\n{log}");
    }
}
