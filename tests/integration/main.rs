//! The `seam` crate's integration tests, one binary: linked once, and the tests that wait on servers
//! (Prism, Seam's fake, `npm run serve`) run beside the others instead of one binary after another.
//! The load test is a binary of its own (tests/load.rs): it measures this process's memory.

#[path = "../support/mod.rs"]
mod support;

mod client;
mod contract;
mod examples;
mod fake_server;
mod faults;
mod generative;
mod pages_and_attempts;
mod tracing;
mod try_it_locally;
