//! The README's "Try it locally", as a new user runs it: `npm --prefix tests/servers run serve`
//! starts Seam's fake and Prism, prints a command line per example, and each printed command, run as
//! printed, succeeds.

mod support;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

/// `serve.mjs`, killed when dropped (its servers exit when it does).
struct Serve(std::process::Child);

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn the_printed_commands_run_the_examples_against_the_local_servers() {
    support::ensure_installed();
    let mut child = Command::new("npm")
        .args(["--prefix", "tests/servers", "run", "--silent", "serve"])
        .current_dir(support::root())
        .env("FAKE_PORT", support::free_port().to_string())
        .env("PRISM_PORT", support::free_port().to_string())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("npm must be installed");
    let stdout = child.stdout.take().unwrap();
    let serve = Serve(child);

    // The command lines it prints, once both servers answer.
    let (lines, received) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if lines.send(line).is_err() {
                return;
            }
        }
    });
    let mut commands = Vec::new();
    while commands.len() < 2 {
        let line = received
            .recv_timeout(Duration::from_secs(90))
            .expect("serve printed no command line within 90 s (or exited)");
        if line.starts_with("SEAM_ENDPOINT=") {
            commands.push(line);
        }
    }

    // Built by `cargo test` with the rest; `cargo run --example` would build the same binaries.
    let examples = std::env::current_exe().unwrap().parent().unwrap().parent().unwrap().join("examples");
    for command in &commands {
        let words: Vec<&str> = command.split_whitespace().collect();
        let (assignments, rest): (Vec<&str>, Vec<&str>) = words.iter().partition(|word| word.contains('='));
        assert_eq!(rest[..3], ["cargo", "run", "--example"], "{command}");
        let example = examples.join(rest[3]);
        assert!(example.exists(), "{} is not built; run the whole `cargo test`", example.display());
        let mut run = Command::new(&example);
        for assignment in assignments {
            let (name, value) = assignment.split_once('=').unwrap();
            run.env(name, value);
        }
        let output = run.env_remove("SEAM_PERSONAL_ACCESS_TOKEN").env_remove("SEAM_WORKSPACE_ID").output().unwrap();
        let printed = String::from_utf8_lossy(&output.stdout);
        assert!(output.status.success(), "`{command}` failed:\n{printed}\n{}", String::from_utf8_lossy(&output.stderr));
        assert!(printed.contains("created"), "`{command}` printed:\n{printed}");
    }
    drop(serve);
}
