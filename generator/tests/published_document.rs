//! Seam's entire published OpenAPI document (from the pinned npm package @seamapi/types, unedited)
//! through `seam-codegen crate`: every path becomes an operation, the document's quirks become
//! warnings, and the crate compiles without a warning.

use crate::npm;
use seam_codegen::standalone::write_crate;
use seam_codegen::Settings;
use std::time::Instant;

#[test]
fn seams_published_document_becomes_a_crate_that_compiles_without_warnings() {
    let target = npm::target_dir();
    std::fs::create_dir_all(&target).unwrap();
    let document = target.join("seam-published-openapi.json");
    npm::published_openapi(&document);
    let paths = serde_json::from_str::<serde_json::Value>(&std::fs::read_to_string(&document).unwrap()).unwrap()
        ["paths"]
        .as_object()
        .unwrap()
        .len();

    let out = target.join("published-crate");
    let started = Instant::now();
    let runtime = std::path::Path::new(seam_codegen::standalone::BUNDLED_RUNTIME);
    let (warnings, _) = write_crate(&document, &out, "seam-published", runtime, &Settings::default()).unwrap();
    let generation = started.elapsed();

    let mut generated = Vec::new();
    let mut dirs = vec![out.join("src/generated")];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else {
                generated.push(std::fs::read_to_string(path).unwrap());
            }
        }
    }
    let operations: usize = generated.iter().map(|text| text.matches("impl crate::Operation for").count()).sum();
    let types: usize =
        generated.iter().map(|text| text.matches("\npub struct ").count() + text.matches("\npub enum ").count()).sum();
    let lines: usize = generated.iter().map(|text| text.lines().count()).sum();
    eprintln!("{paths} paths -> {operations} operations, {types} top-level types, {lines} lines, {} warnings, generated in {generation:?}", warnings.len());
    assert_eq!(operations, paths, "every path of the document is an operation");
    for warning in &warnings {
        assert!(
            warning.message.contains("ignored: the same path's `post` is generated")
                || warning.message.contains("duplicate enum value")
                || warning.message.contains("is taken")
                || warning.message.contains("`ok` is the envelope's flag"),
            "unexpected warning: {warning}"
        );
    }

    std::fs::copy(npm::root().join("Cargo.lock"), out.join("Cargo.lock")).unwrap();
    // A check, with dependencies checked into a directory of its own: the fixture crates build in the
    // shared target directory at the same time, and two cargo processes would queue for its lock.
    let manifest = out.join("Cargo.toml");
    let text = std::fs::read_to_string(&manifest).unwrap();
    std::fs::write(&manifest, format!("{text}\n{}", npm::workspace_profiles())).unwrap();
    let output = npm::cargo()
        .args(["check", "--quiet", "--message-format=short"])
        .current_dir(&out)
        .env("CARGO_TARGET_DIR", target.join("published-check"))
        .env("CARGO_INCREMENTAL", "0")
        .output()
        .unwrap();
    let log = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "the crate for the published document does not compile:\n{log}");
    assert!(!log.contains("warning"), "warnings:\n{log}");
}
