//! spec/seam.yaml with structural edits decoded from the input (delete, replace, copy, rename and
//! insert nodes), so that most inputs stay valid YAML and reach the resolver and the emitters.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = seam_codegen_fuzz::mutate_seam(data);
    seam_codegen_fuzz::check_spec(&text);
});
