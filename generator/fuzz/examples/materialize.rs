//! `materialize FILE`: prints the spec text a mutate_seam input stands for.
fn main() {
    let path = std::env::args().nth(1).expect("usage: materialize FILE");
    let data = std::fs::read(path).expect("readable input");
    print!("{}", seam_codegen_fuzz::mutate_seam(&data));
}
