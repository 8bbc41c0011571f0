//! The README's "Try it locally", as a new user runs it: `npm --prefix tests/servers run serve`
//! starts Seam's fake and Prism, prints a command line per example, and each printed command, run as
//! printed, succeeds.

use crate::support;

use std::io::{BufRead, BufReader};
use std::os::unix::process::CommandExt as _;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

/// `npm run serve` in a process group of its own, stopped as Ctrl-C stops it: a signal to the whole
/// group (npm, the `sh` it starts, `serve.mjs`), on which `serve.mjs` stops both servers. Killing npm
/// alone would leave `sh` and everything under it running.
struct Serve(std::process::Child);

impl Drop for Serve {
    fn drop(&mut self) {
        let group = format!("-{}", self.0.id());
        let _ = Command::new("kill").args(["-INT", "--", &group]).status();
        let _ = self.0.wait();
    }
}

#[test]
fn the_printed_commands_run_the_examples_against_the_local_servers() {
    support::ensure_installed();
    let ports = [support::free_port(), support::free_port()];
    let mut child = Command::new("npm")
        .args(["--prefix", "tests/servers", "run", "--silent", "serve"])
        .current_dir(support::root())
        .env("FAKE_PORT", ports[0].to_string())
        .env("PRISM_PORT", ports[1].to_string())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .process_group(0)
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
    let group = serve.0.id();
    drop(serve);
    // Nothing it started outlives it: neither server listens any more, and its group is empty.
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while ports.iter().any(|port| std::net::TcpStream::connect(("127.0.0.1", *port)).is_ok()) {
        assert!(std::time::Instant::now() < deadline, "a server still listens after serve stopped");
        std::thread::sleep(Duration::from_millis(100));
    }
    let left = Command::new("pgrep").args(["-g", &group.to_string()]).output().unwrap();
    assert!(left.stdout.is_empty(), "processes left over: {}", String::from_utf8_lossy(&left.stdout));
}
