//! The pinned npm packages the tests use (tests/servers/package.json and its lockfile): installed on
//! first use when missing; and where the crates the tests build go. Shared by the `seam` tests and the
//! generator's tests.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;

/// The repository root (this file serves tests of both the root crate and generator/).
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .find(|dir| dir.join("tests/servers/package.json").exists())
        .expect("inside the seam-rs repository")
}

/// The target directory this test binary was built into, wherever `CARGO_TARGET_DIR`, `--target-dir`
/// or a cargo config put it (test binaries live in `<target>/<profile>/deps/`). Scratch files and the
/// builds the tests start go here, so that they share the dependencies the workspace already built
/// and never write into the repository when the target directory is elsewhere.
pub fn target_dir() -> PathBuf {
    let binary = std::env::current_exe().expect("the path of the test binary");
    binary.ancestors().nth(3).expect("a test binary in <target>/<profile>/deps/").to_path_buf()
}

/// The root workspace's `[profile.*]` sections, for the manifests of crates the tests build in
/// [`target_dir`]: with the same profile (and features), their dependencies are the ones already built.
pub fn workspace_profiles() -> String {
    let manifest = std::fs::read_to_string(root().join("Cargo.toml")).expect("the root Cargo.toml");
    let mut profiles = String::new();
    let mut inside = false;
    for line in manifest.lines() {
        if line.starts_with('[') {
            inside = line.starts_with("[profile.");
        }
        if inside {
            profiles.push_str(line);
            profiles.push('\n');
        }
    }
    profiles
}

/// `cargo`, for a build a test starts, without the variables cargo set for the test itself
/// (`CARGO_MANIFEST_DIR`, `CARGO_PKG_*`...). Build scripts such as ring's ask to rerun when those
/// change, so inherited they would rebuild ring, and everything above it, in the shared target
/// directory, and the workspace's next build would rebuild it all back.
pub fn cargo() -> Command {
    let mut command = Command::new(env!("CARGO"));
    for (name, _) in std::env::vars_os() {
        let Some(name) = name.to_str() else { continue };
        let set_by_cargo_for_the_test = name.starts_with("CARGO_PKG_")
            || name.starts_with("CARGO_BIN_EXE_")
            || matches!(
                name,
                "CARGO_MANIFEST_DIR"
                    | "CARGO_MANIFEST_PATH"
                    | "CARGO_MANIFEST_LINKS"
                    | "CARGO_CRATE_NAME"
                    | "CARGO_PRIMARY_PACKAGE"
                    | "CARGO_TARGET_TMPDIR"
                    | "CARGO_RUSTC_CURRENT_DIR"
                    | "OUT_DIR"
            );
        if set_by_cargo_for_the_test {
            command.env_remove(name);
        }
    }
    command
}

pub fn servers_dir() -> PathBuf {
    root().join("tests/servers")
}

/// Installs the pinned npm packages once per machine (`npm ci`); a lock keeps parallel tests from
/// installing twice.
pub fn ensure_installed() {
    static INSTALL: Mutex<()> = Mutex::new(());
    let _guard = INSTALL.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let dir = servers_dir();
    let marker = dir.join("node_modules/.package-lock.json");
    let prism = dir.join("node_modules/@stoplight/prism-cli/package.json");
    let fake = dir.join("node_modules/@seamapi/fake-seam-connect/package.json");
    let types = dir.join("node_modules/@seamapi/types/package.json");
    if marker.exists() && prism.exists() && fake.exists() && types.exists() {
        return;
    }
    let status = Command::new("npm")
        .args(["ci", "--no-audit", "--no-fund", "--loglevel=error"])
        .current_dir(&dir)
        .status()
        .expect("npm must be installed to run the server tests (Node.js 18 or later)");
    assert!(status.success(), "npm ci in tests/servers failed");
}

/// Seam's published OpenAPI document (`openapi` of `@seamapi/types/connect`), as JSON in `path`.
pub fn published_openapi(path: &Path) {
    ensure_installed();
    let output = Command::new("node")
        .args(["--input-type=module", "-e", "const {openapi} = await import('@seamapi/types/connect'); process.stdout.write(JSON.stringify(openapi, null, 1));"])
        .current_dir(servers_dir())
        .output()
        .expect("node must be installed");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    std::fs::write(path, output.stdout).unwrap();
}
