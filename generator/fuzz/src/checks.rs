//! The checks every fuzz input goes through (see the crate docs). A file of its own so that
//! generator/tests/fuzz_regressions.rs can compile exactly these checks without the mutators.

use std::collections::BTreeMap;
use std::path::{Component, Path};
use std::sync::OnceLock;

/// A small valid spec (the base spec of generator/tests/errors.rs): its output is the "earlier tree"
/// every write lands on.
pub const BASELINE_SPEC: &str = r##"
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

fn baseline() -> &'static [seam_codegen::OutputFile] {
    static FILES: OnceLock<Vec<seam_codegen::OutputFile>> = OnceLock::new();
    FILES.get_or_init(|| {
        seam_codegen::generate(BASELINE_SPEC, "baseline.yaml", &seam_codegen::Settings::default())
            .expect("the baseline spec generates")
            .files
    })
}

/// Runs one spec text through generate and write, and panics on any broken promise.
pub fn check_spec(text: &str) {
    let settings = seam_codegen::Settings::default();
    let first = seam_codegen::generate(text, "fuzz.yaml", &settings);
    let generated = match first {
        Ok(generated) => generated,
        Err(seam_codegen::Error::Spec { diagnostics, .. }) => {
            assert!(!diagnostics.is_empty(), "Error::Spec without any diagnostic");
            return;
        }
        Err(seam_codegen::Error::Emit(message)) => panic!("generator emitted tokens that are not Rust: {message}"),
        Err(other) => panic!("unexpected error from generate on text: {other}"),
    };
    // Determinism costs a second run: checked on a fixed quarter of the inputs (chosen by a hash of
    // the text, so that a crash reproduces).
    let hash = text.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3));
    if hash % 4 == 0 {
        let second =
            seam_codegen::generate(text, "fuzz.yaml", &settings).expect("second run of a spec that generated once");
        assert!(
            generated.files.len() == second.files.len()
                && generated.files.iter().zip(&second.files).all(|(a, b)| a.path == b.path && a.contents == b.contents),
            "the same spec gave different output on two runs"
        );
    }
    for file in &generated.files {
        let path = Path::new(&file.path);
        assert!(
            !file.path.is_empty() && path.components().all(|c| matches!(c, Component::Normal(_))),
            "generated file path {:?} is not a plain relative path inside the output directory",
            file.path
        );
    }
    let mut seen = std::collections::HashSet::new();
    for file in &generated.files {
        assert!(
            seen.insert(file.path.to_lowercase()),
            "two generated files share the path {:?} (ignoring case)",
            file.path
        );
    }

    let dir = tempfile::tempdir().expect("temporary directory");
    let out = dir.path().join("generated");
    seam_codegen::write::write(&out, baseline()).expect("writing the baseline tree");
    let before = snapshot(dir.path());
    match seam_codegen::write::write(&out, &generated.files) {
        Ok(_) => {
            let after = snapshot(dir.path());
            let expected: BTreeMap<String, Vec<u8>> = generated
                .files
                .iter()
                .map(|f| (format!("generated/{}", f.path), f.contents.clone().into_bytes()))
                .collect();
            if after != expected {
                let extra: Vec<_> = after.keys().filter(|k| !expected.contains_key(*k)).collect();
                let missing: Vec<_> = expected.keys().filter(|k| !after.contains_key(*k)).collect();
                panic!("after a successful write the tree is not the generated files: extra {extra:?}, missing {missing:?}");
            }
        }
        Err(error) => {
            assert_eq!(snapshot(dir.path()), before, "a failed write ({error}) left a partial tree");
        }
    }
}

/// Every file under `root`, by relative path with `/` separators.
fn snapshot(root: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, files: &mut BTreeMap<String, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).expect("readable directory") {
            let path = entry.expect("directory entry").path();
            if path.is_dir() {
                walk(root, &path, files);
            } else {
                let relative = path.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
                files.insert(relative, std::fs::read(&path).expect("readable file"));
            }
        }
    }
    let mut files = BTreeMap::new();
    walk(root, root, &mut files);
    files
}
