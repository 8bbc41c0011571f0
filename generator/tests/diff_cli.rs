//! The `seam-codegen diff` command: exit codes, and specs read from git revisions (`REV:PATH`,
//! `--base`) in a repository made for the test.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/diff").join(name)
}

fn seam_codegen(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_seam-codegen")).current_dir(dir).args(args).output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn code(output: &Output) -> i32 {
    output.status.code().unwrap_or(-1)
}

#[test]
fn exit_codes_say_no_change_breaking_change_or_error() {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    let pair = |case: &str| {
        let (old, new) = (fixture(&format!("{case}.old.yaml")), fixture(&format!("{case}.new.yaml")));
        seam_codegen(here, &["diff", old.to_str().unwrap(), new.to_str().unwrap()])
    };
    let additive = pair("request_optional_field_added");
    assert_eq!(code(&additive), 0, "{}", text(&additive.stderr));
    assert!(text(&additive.stdout).starts_with("# API diff: 0 breaking, 0 changed behaviour, 1 additive"));

    let breaking = pair("request_required_field_added");
    assert_eq!(code(&breaking), 1, "{}", text(&breaking.stderr));
    assert!(text(&breaking.stdout).starts_with("# API diff: 1 breaking"), "{}", text(&breaking.stdout));

    let missing = seam_codegen(here, &["diff", "no/such/spec.yaml", fixture("no_change.new.yaml").to_str().unwrap()]);
    assert_eq!(code(&missing), 2);
    assert!(text(&missing.stderr).contains("cannot read no/such/spec.yaml"), "{}", text(&missing.stderr));
    assert!(missing.stdout.is_empty());

    // A spec that does not resolve: its located error, as other subcommands report it.
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("broken.yaml");
    let good = std::fs::read_to_string(fixture("no_change.old.yaml")).unwrap();
    std::fs::write(&broken, good.replace("#/components/schemas/thing\"", "#/components/schemas/thingy\"")).unwrap();
    let error = seam_codegen(dir.path(), &["diff", fixture("no_change.old.yaml").to_str().unwrap(), "broken.yaml"]);
    assert_eq!(code(&error), 2);
    let stderr = text(&error.stderr);
    assert!(stderr.contains("broken.yaml: #/paths/~1things~1create/post") && stderr.contains("line "), "{stderr}");

    // The plain profile names operations from their operationId.
    let (old, new) = (fixture("plain_operation_renamed.old.yaml"), fixture("plain_operation_renamed.new.yaml"));
    let plain = seam_codegen(here, &["diff", "--profile", "plain", old.to_str().unwrap(), new.to_str().unwrap()]);
    assert_eq!(code(&plain), 1);
    assert!(text(&plain.stdout).contains("`seam.list_pets` (`GET /pets`): renamed to `seam.get_pets`"));
}

fn git(dir: &Path, args: &[&str]) {
    let status = Command::new("git")
        .current_dir(dir)
        .args(["-c", "user.name=test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false"])
        .args(args)
        .status()
        .unwrap();
    assert!(status.success(), "git {args:?}");
}

/// A repository whose `api/spec.yaml` gained a required request field in its second commit.
fn repository() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("api")).unwrap();
    git(dir.path(), &["init", "-q"]);
    let spec = dir.path().join("api/spec.yaml");
    std::fs::copy(fixture("request_required_field_added.old.yaml"), &spec).unwrap();
    git(dir.path(), &["add", "."]);
    git(dir.path(), &["commit", "-q", "-m", "first"]);
    std::fs::copy(fixture("request_required_field_added.new.yaml"), &spec).unwrap();
    git(dir.path(), &["commit", "-q", "-am", "second"]);
    dir
}

#[test]
fn revisions_are_read_with_git() {
    let repo = repository();
    let root = repo.path();

    let both = seam_codegen(root, &["diff", "HEAD~1:api/spec.yaml", "HEAD:api/spec.yaml"]);
    assert_eq!(code(&both), 1, "{}", text(&both.stderr));
    let stdout = text(&both.stdout);
    assert!(stdout.contains("`HEAD~1:api/spec.yaml` → `HEAD:api/spec.yaml`"), "{stdout}");
    assert!(stdout.contains("`seam::things::CreateRequest::colour`: field added (required, `String`)"), "{stdout}");

    // A revision against the working copy, from a subdirectory: PATH is from the repository's root as
    // git reads it, a file from the current directory.
    let api = root.join("api");
    let mixed = seam_codegen(&api, &["diff", "HEAD~1:api/spec.yaml", "spec.yaml"]);
    assert_eq!(code(&mixed), 1, "{}", text(&mixed.stderr));

    // `--base REV`: --spec at REV against the file as it is.
    let spec = api.join("spec.yaml");
    let base = seam_codegen(root, &["diff", "--base", "HEAD~1", "--spec", spec.to_str().unwrap()]);
    assert_eq!(code(&base), 1, "{}", text(&base.stderr));
    assert!(text(&base.stdout).contains("field added (required, `String`)"));
    let same = seam_codegen(root, &["diff", "--base", "HEAD", "--spec", spec.to_str().unwrap()]);
    assert_eq!(code(&same), 0, "{}", text(&same.stderr));

    let unknown = seam_codegen(root, &["diff", "nosuchrev:api/spec.yaml", "api/spec.yaml"]);
    assert_eq!(code(&unknown), 2);
    let stderr = text(&unknown.stderr);
    assert!(stderr.contains("cannot read `nosuchrev:api/spec.yaml` with git: fatal:"), "{stderr}");

    let no_file = seam_codegen(root, &["diff", "HEAD:api/other.yaml", "api/spec.yaml"]);
    assert_eq!(code(&no_file), 2);
    assert!(text(&no_file.stderr).contains("cannot read `HEAD:api/other.yaml` with git"));
}

#[test]
fn a_missing_git_is_a_clear_error() {
    let repo = repository();
    let output = Command::new(env!("CARGO_BIN_EXE_seam-codegen"))
        .current_dir(repo.path())
        .env("PATH", "")
        .args(["diff", "HEAD~1:api/spec.yaml", "api/spec.yaml"])
        .output()
        .unwrap();
    assert_eq!(code(&output), 2);
    let stderr = text(&output.stderr);
    assert!(stderr.contains("git is not installed (or not on the PATH)"), "{stderr}");
}
