//! Arbitrary bytes as a spec's text (YAML or JSON), through load, resolve, emit, format and write.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        seam_codegen_fuzz::check_spec(text);
    }
});
