//! The `seam` crate's integration tests, one binary: linked once, and the tests that wait on servers
//! (Prism, Seam's fake, `npm run serve`) run beside the others instead of one binary after another.
//! Two tests are binaries of their own: the load test (tests/load.rs) measures the process's memory,
//! and the tracing test (tests/tracing.rs) installs a process-wide subscriber.

#[path = "../support/mod.rs"]
mod support;

mod client;
mod contract;
mod examples;
mod fake_server;
mod faults;
mod generative;
mod pages_and_attempts;
mod try_it_locally;
