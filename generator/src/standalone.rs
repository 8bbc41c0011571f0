//! `seam-codegen crate`: a complete crate for any OpenAPI 3.0 document: `Cargo.toml`, a copy of the
//! hand-written runtime of the `seam` crate, and the generated bindings.

use crate::write::{self, OutputFile, WriteSummary, GENERATED_MARKER};
use crate::{generate, Error, Settings};
use std::path::Path;

/// The runtime modules, verbatim from the `seam` crate's `src/`; the action-attempt helper is left out
/// because it needs Seam's own `action_attempt` schema.
const RUNTIME: &[(&str, &str)] = &[
    ("auth.rs", include_str!("../../src/auth.rs")),
    ("client.rs", include_str!("../../src/client.rs")),
    ("datetime.rs", include_str!("../../src/datetime.rs")),
    ("error.rs", include_str!("../../src/error.rs")),
    ("http.rs", include_str!("../../src/http.rs")),
    ("nullable.rs", include_str!("../../src/nullable.rs")),
    ("pagination.rs", include_str!("../../src/pagination.rs")),
    ("retry.rs", include_str!("../../src/retry.rs")),
    ("wire.rs", include_str!("../../src/wire.rs")),
];

/// The line of the runtime that names Seam's production API as the default endpoint.
const SEAM_ENDPOINT_LINE: &str = "pub const DEFAULT_ENDPOINT: &str = \"https://connect.getseam.com\";";

/// The document's server URL when it is absolute; else empty, and the client asks for an endpoint.
fn default_endpoint(server_url: Option<&str>) -> String {
    match server_url {
        Some(url) if (url.starts_with("https://") || url.starts_with("http://")) && !url.contains('{') => {
            url.trim_end_matches('/').to_owned()
        }
        _ => String::new(),
    }
}

const LIB_TEMPLATE: &str = include_str!("../templates/lib.rs.in");
const MANIFEST_TEMPLATE: &str = include_str!("../templates/Cargo.toml.in");

/// Module names the runtime takes at the crate root; a group of operations may not use them.
pub const RESERVED_MODULES: &[&str] = &[
    "auth",
    "client",
    "datetime",
    "error",
    "nullable",
    "pagination",
    "retry",
    "wire",
    "generated",
    "action_attempt_wait",
];

/// The files of the crate, in memory: `Cargo.toml` separately, since it is not Rust.
pub fn crate_files(
    spec_text: &str,
    source_name: &str,
    crate_name: &str,
    settings: &Settings,
) -> Result<(String, Vec<OutputFile>, Vec<crate::Diagnostic>), Error> {
    check_crate_name(crate_name)?;
    let settings = Settings {
        crate_name: crate_name.replace('-', "_"),
        regenerate_command: format!("seam-codegen crate --spec <spec> --out <dir> --name {crate_name}"),
        ..settings.clone()
    };
    let generated = generate(spec_text, source_name, &settings)?;
    let source =
        Path::new(source_name).file_name().map_or_else(|| source_name.to_owned(), |f| f.to_string_lossy().into_owned());
    let header = |origin: &str| {
        format!("// {GENERATED_MARKER}: {origin}. Do not edit by hand.\n// Regenerate with: seam-codegen crate --spec <spec> --out <dir> --name {crate_name}\n\n")
    };
    let mut files: Vec<OutputFile> = generated
        .files
        .into_iter()
        .map(|file| OutputFile { path: format!("src/generated/{}", file.path), contents: file.contents })
        .collect();
    let endpoint = default_endpoint(generated.server_url.as_deref());
    for (name, text) in RUNTIME {
        let text = if *name == "client.rs" {
            // The API's own server, not Seam's: a forgotten `.endpoint(..)` must never send another
            // API's credentials to Seam.
            if !text.contains(SEAM_ENDPOINT_LINE) {
                return Err(Error::Emit("src/client.rs no longer declares DEFAULT_ENDPOINT as expected".to_owned()));
            }
            text.replace(SEAM_ENDPOINT_LINE, &format!("pub const DEFAULT_ENDPOINT: &str = {endpoint:?};"))
        } else {
            (*text).to_owned()
        };
        files.push(OutputFile {
            path: format!("src/{name}"),
            contents: format!("{}{text}", header(&format!("the seam-rs runtime, src/{name}"))),
        });
    }
    files.push(OutputFile {
        path: "src/lib.rs".to_owned(),
        contents: format!("{}{}", header("crate root"), LIB_TEMPLATE.replace("{source}", &source)),
    });
    let manifest = MANIFEST_TEMPLATE.replace("{name}", crate_name).replace("{source}", &source);
    Ok((manifest, files, generated.warnings))
}

/// Writes the crate into `out_dir`, only what changed, nothing at all if the spec has an error.
pub fn write_crate(
    spec: &Path,
    out_dir: &Path,
    crate_name: &str,
    settings: &Settings,
) -> Result<(Vec<crate::Diagnostic>, WriteSummary), Error> {
    let text = std::fs::read_to_string(spec).map_err(|source| Error::Read { path: spec.to_owned(), source })?;
    let (manifest, files, warnings) = crate_files(&text, &spec.display().to_string(), crate_name, settings)?;
    let output = |source| Error::Output { path: out_dir.to_owned(), source };
    let mut summary = write::write(out_dir, &files).map_err(output)?;
    let manifest_path = out_dir.join("Cargo.toml");
    if std::fs::read_to_string(&manifest_path).ok().as_deref() != Some(manifest.as_str()) {
        std::fs::write(&manifest_path, manifest).map_err(output)?;
        summary.written.push("Cargo.toml".to_owned());
    }
    Ok((warnings, summary))
}

fn check_crate_name(name: &str) -> Result<(), Error> {
    let valid = name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        && !crate::naming::RUST_KEYWORDS.contains(&name);
    if valid {
        Ok(())
    } else {
        Err(Error::Spec {
            source_name: "--name".to_owned(),
            diagnostics: vec![crate::Diagnostic {
                location: crate::Location::Pointer("#".to_owned()),
                message: format!(
                    "`{name}` is not a crate name: use letters, digits, `-` and `_`, starting with a letter"
                ),
                position: None,
            }],
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::{generate, Settings};

    fn default_endpoint(spec_text: &str) -> String {
        let generated = generate(spec_text, "spec.yaml", &Settings::default()).unwrap();
        super::default_endpoint(generated.server_url.as_deref())
    }

    #[test]
    fn the_default_endpoint_comes_from_the_first_absolute_server() {
        let spec = |servers: &str| format!("openapi: 3.0.3\ninfo: {{title: t, version: '1'}}\npaths: {{}}\n{servers}");
        assert_eq!(
            default_endpoint(&spec("servers: [{url: 'https://api.example.com/v2/'}]")),
            "https://api.example.com/v2"
        );
        let with_variables =
            "servers:\n  - url: 'https://{region}.example.com'\n    variables: {region: {default: eu}}";
        assert_eq!(default_endpoint(&spec(with_variables)), "https://eu.example.com");
        assert_eq!(default_endpoint(&spec("servers: [{url: /v1}]")), "");
        assert_eq!(default_endpoint(&spec("")), "");
    }
}
