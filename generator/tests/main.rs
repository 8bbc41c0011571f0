//! The generator's tests, one binary (`autotests = false` in Cargo.toml): each file of this directory
//! is a module.

#[path = "../../tests/support/npm.rs"]
mod npm;

mod conformance;
mod diff;
mod diff_cli;
mod errors;
mod fixture_specs;
mod freshness;
mod fuzz_regressions;
mod keyword_mixes;
mod locality;
// Its compile check runs beside the fixture crates' builds (fixture_specs), in a target directory
// of its own, so that neither waits for the other's cargo lock.
mod published_document;
mod self_reference;
mod settings;
