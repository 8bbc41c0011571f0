//! Real servers for the integration tests, started on free loopback ports by the tests themselves and
//! stopped when the test ends: Seam's fake (`@seamapi/fake-seam-connect`) and Prism serving
//! spec/seam.yaml. Their npm packages are pinned in tests/servers/package.json and its lockfile, and
//! installed on first use when missing.

#![allow(dead_code)]

use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The API key the fake seeds, for workspace `seed_workspace_1`.
pub const FAKE_API_KEY: &str = "seam_apikey1_token";
/// A device the fake seeds; note that it is not a UUID.
pub const FAKE_DEVICE: &str = "august_device_1";

mod npm;

// Each test binary uses some of them.
#[allow(unused_imports)]
pub use npm::{ensure_installed, published_openapi, root, servers_dir, target_dir};

/// Seam's documented `acs_credential` object (tests/fixtures/seeds/) in a success answer, as
/// `/acs/credentials/get` gives it.
pub fn acs_credential_answer() -> serde_json::Value {
    let path = root().join("tests/fixtures/seeds/acs_credential_object.json");
    let credential: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    serde_json::json!({"ok": true, "acs_credential": credential})
}

pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// A server process (node itself, not a launcher script, so that killing it stops the server), killed
/// when dropped.
pub struct Server {
    child: Child,
    pub url: String,
    name: &'static str,
    log: PathBuf,
}

impl Server {
    fn start(name: &'static str, mut command: Command, port: u16) -> Server {
        let log = std::env::temp_dir().join(format!("seam-rs-{name}-{port}.log"));
        let log_file = std::fs::File::create(&log).unwrap();
        let child = command
            .stdin(Stdio::null())
            .stdout(log_file.try_clone().unwrap())
            .stderr(log_file)
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {name}: {e}"));
        let mut server = Server { child, url: format!("http://127.0.0.1:{port}"), name, log };
        server.wait_until_listening(port);
        server
    }

    fn wait_until_listening(&mut self, port: u16) {
        let deadline = Instant::now() + Duration::from_secs(60);
        while Instant::now() < deadline {
            if let Some(status) = self.child.try_wait().unwrap() {
                panic!("{} exited with {status} before listening:\n{}", self.name, self.log());
            }
            if TcpStream::connect(("127.0.0.1", port)).is_ok() {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!("{} did not listen on port {port} within 60 s:\n{}", self.name, self.log());
    }

    pub fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_file(&self.log);
    }
}

/// Seam's fake, seeded (API key [`FAKE_API_KEY`], device [`FAKE_DEVICE`]).
pub fn start_fake() -> Server {
    ensure_installed();
    let port = free_port();
    let mut command = Command::new("node");
    command
        .arg(servers_dir().join("node_modules/@seamapi/fake-seam-connect/dist/server.js"))
        .arg("--seed")
        .env("PORT", port.to_string())
        .env("HOST", "127.0.0.1");
    Server::start("fake-seam-connect", command, port)
}

/// Prism serving spec/seam.yaml; it answers 422 to any request that does not match the spec.
/// `dynamic` makes it answer with random responses valid against the spec instead of examples.
pub fn start_prism(dynamic: bool) -> Server {
    ensure_installed();
    let port = free_port();
    let mut command = Command::new("node");
    command.arg(servers_dir().join("node_modules/@stoplight/prism-cli/dist/index.js")).args([
        "mock",
        "--host",
        "127.0.0.1",
        "--port",
        &port.to_string(),
    ]);
    if dynamic {
        command.arg("--dynamic");
    }
    command.arg(root().join("spec/seam.yaml"));
    Server::start("prism", command, port)
}

pub fn seam_for(server: &Server, api_key: &str) -> seam::Seam {
    seam::Seam::builder().api_key(api_key).endpoint(&server.url).build().unwrap()
}
