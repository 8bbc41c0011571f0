//! With `--features codegen`, regenerates `generated/` from `spec/seam.yaml` before the library
//! compiles, whenever the spec or the generator changed. Without it (what every consumer builds),
//! it does nothing and the generator is not compiled at all.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    #[cfg(feature = "codegen")]
    regenerate();
}

#[cfg(feature = "codegen")]
fn regenerate() {
    use std::path::PathBuf;

    let root = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    // Exactly the inputs: the spec and the generator's sources. A generator change also rebuilds this
    // script through the build-dependency.
    for input in ["spec", "generator/src", "generator/Cargo.toml"] {
        println!("cargo:rerun-if-changed={}", root.join(input).display());
    }
    let settings = seam_codegen::Settings::default();
    match seam_codegen::regenerate(&root.join("spec/seam.yaml"), &root.join("generated"), &settings) {
        Ok((generated, summary)) => {
            for warning in &generated.warnings {
                println!("cargo:warning=spec/seam.yaml: {warning}");
            }
            for path in &summary.written {
                println!("cargo:warning=seam-codegen regenerated generated/{path}");
            }
        }
        Err(error) => {
            // Cargo shows a build script's stderr when it fails; generated/ is left as it was.
            eprintln!("{error}");
            std::process::exit(1);
        }
    }
}
