//! The `seam-codegen` command: regenerate (default) or check the bindings, compare specs, write crates.

use clap::{Parser, Subcommand};
use seam_codegen::{Settings, REGENERATE_COMMAND};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Generates typed Rust bindings for the Seam API from an OpenAPI 3.0 document.
///
/// With no subcommand, regenerates the output directory from the spec.
#[derive(Parser)]
#[command(version)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    paths: Paths,
}

#[derive(clap::Args, Clone)]
struct Paths {
    /// The OpenAPI document (YAML or JSON). Default: spec/seam.yaml of this repository.
    #[arg(long, global = true, value_name = "FILE")]
    spec: Option<PathBuf>,
    /// The directory of generated modules. Default: generated/ of this repository.
    #[arg(long, global = true, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Leave out operations and properties marked `x-undocumented` (by default they are generated,
    /// hidden from rustdoc).
    #[arg(long, global = true)]
    drop_undocumented: bool,
    /// Treat warnings about the spec (unknown keywords, typos, ignored constructs) as errors.
    #[arg(long, global = true)]
    deny_warnings: bool,
}

#[derive(Subcommand)]
enum Command {
    /// Change nothing; exit 1 when the output differs from what the spec generates, listing the
    /// stale, missing and extra files and the command that fixes them.
    Check,
    /// Compare the spec's operations with a published document (such as Seam's, from the npm
    /// package @seamapi/types): conflicts (what the bindings would reject or send that it does not
    /// allow) and gaps (what it has that the spec lacks), as Markdown. Exits 1 when a conflict is not
    /// explained by --allow.
    Drift {
        /// The published OpenAPI document (JSON or YAML).
        #[arg(long, value_name = "FILE")]
        published: PathBuf,
        /// Deliberate conflicts, one `<place> | <message start> | <reason>` a line.
        #[arg(long, value_name = "FILE")]
        allow: Option<PathBuf>,
    },
    /// Write a complete crate (Cargo.toml, crate root with the API's client, bindings) for any OpenAPI
    /// 3.0 document into --out (required: the default output directory holds the committed Seam
    /// bindings). The crate depends on the runtime crate seam-codegen-runtime by path.
    Crate {
        /// The crate's name; its client is named after it (`petstore` gives `Petstore`).
        #[arg(long)]
        name: String,
        /// The sources of seam-codegen-runtime the crate depends on; default: those this
        /// seam-codegen was built with (`runtime/` of its repository).
        #[arg(long, value_name = "DIR")]
        runtime: Option<PathBuf>,
        /// The API's conventions: `plain` (HTTP as the document says it) or `seam` (Seam's envelope,
        /// path groups, action attempts, cursor pagination).
        #[arg(long, default_value = "plain", value_parser = ["plain", "seam"])]
        profile: String,
    },
    /// What changes between two versions of a spec for code using the bindings they generate: each
    /// operation, type, field, enum value and constraint added, removed or changed, as breaking,
    /// changed behaviour, additive or documentation, in Markdown. Exits 1 when a change is breaking,
    /// 2 when a spec cannot be read.
    ///
    /// `seam-codegen diff HEAD~1:spec/seam.yaml spec/seam.yaml`, or `seam-codegen diff --base main`
    /// for `main:spec/seam.yaml` against the working copy of spec/seam.yaml (or of --spec).
    Diff {
        /// The old spec: a file, or `REV:PATH` as `git show` reads it in the current directory
        /// (`HEAD~1:spec/seam.yaml`; PATH from the repository's root, or from here with `./`).
        #[arg(value_name = "OLD", required_unless_present = "base")]
        old: Option<String>,
        /// The new spec: a file or `REV:PATH`. Default: --spec (spec/seam.yaml of this repository).
        #[arg(value_name = "NEW")]
        new: Option<String>,
        /// Compare --spec (default spec/seam.yaml) at this git revision with the file as it is now.
        #[arg(long, value_name = "REV", conflicts_with = "old")]
        base: Option<String>,
        /// The API's conventions, for both versions: `seam` (the default, as spec/seam.yaml is
        /// generated) or `plain`.
        #[arg(long, default_value = "seam", value_parser = ["plain", "seam"])]
        profile: String,
        /// The crate's name, as the report names items (`seam::access_codes::CreateRequest::code`).
        #[arg(long, default_value = "seam")]
        name: String,
    },
}

fn repository_root() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap_or(Path::new("."));
    // Shown relative to where the command runs, as people type paths.
    std::env::current_dir()
        .ok()
        .and_then(|cwd| root.strip_prefix(cwd).ok().map(Path::to_owned))
        .unwrap_or_else(|| root.to_owned())
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let explicit = cli.paths.spec.is_some() || cli.paths.out.is_some();
    let spec = cli.paths.spec.unwrap_or_else(|| repository_root().join("spec/seam.yaml"));
    let out_given = cli.paths.out.is_some();
    let out = cli.paths.out.unwrap_or_else(|| repository_root().join("generated"));
    let settings = Settings {
        drop_undocumented: cli.paths.drop_undocumented,
        deny_warnings: cli.paths.deny_warnings,
        ..Settings::default()
    };
    match cli.command {
        None => match seam_codegen::regenerate(&spec, &out, &settings) {
            Ok((generated, summary)) => {
                print_warnings(&generated.warnings);
                println!("{}: {summary}", out.display());
                ExitCode::SUCCESS
            }
            Err(error) => {
                eprintln!("error: {error}");
                ExitCode::from(2)
            }
        },
        Some(Command::Drift { published, allow }) => drift(&spec, &published, allow.as_deref()),
        Some(Command::Diff { old, new, base, profile, name }) => {
            use seam_codegen::diff::Source;
            let old = match (base, old) {
                (Some(rev), _) => Source::at_revision(&rev, &spec),
                (None, Some(old)) => Source::parse(&old),
                (None, None) => unreachable!("clap requires OLD or --base"),
            };
            let new = new.map_or_else(|| Source::File(spec.clone()), |new| Source::parse(&new));
            let settings = Settings {
                conventions: seam_codegen::conventions::Conventions::named(&profile)
                    .unwrap_or_else(seam_codegen::conventions::Conventions::seam),
                crate_name: name.clone(),
                ..settings
            };
            diff(&old, &new, &profile, &settings)
        }
        Some(Command::Crate { .. }) if !out_given => {
            eprintln!("error: `crate` needs --out DIR: the default output directory holds the committed bindings");
            ExitCode::from(2)
        }
        Some(Command::Crate { name, runtime, profile }) => match seam_codegen::standalone::write_crate(
            &spec,
            &out,
            &name,
            &runtime.unwrap_or_else(|| PathBuf::from(seam_codegen::standalone::BUNDLED_RUNTIME)),
            &Settings {
                conventions: seam_codegen::conventions::Conventions::named(&profile)
                    .unwrap_or_else(seam_codegen::conventions::Conventions::plain),
                ..settings
            },
        ) {
            Ok((warnings, summary)) => {
                print_warnings(&warnings);
                println!("{}: crate `{name}`: {summary}", out.display());
                ExitCode::SUCCESS
            }
            Err(error) => {
                eprintln!("error: {error}");
                ExitCode::from(2)
            }
        },
        Some(Command::Check) => match seam_codegen::check(&spec, &out, &settings) {
            Ok(comparison) if comparison.is_fresh() => {
                println!("{} is up to date with {}", out.display(), spec.display());
                ExitCode::SUCCESS
            }
            Ok(comparison) => {
                let fix = if explicit {
                    format!("seam-codegen --spec {} --out {}", spec.display(), out.display())
                } else {
                    REGENERATE_COMMAND.to_owned()
                };
                eprintln!("{}", seam_codegen::describe_staleness(&out, &comparison, &fix));
                ExitCode::from(1)
            }
            Err(error) => {
                eprintln!("error: {error}");
                ExitCode::from(2)
            }
        },
    }
}

fn drift(spec: &Path, published: &Path, allow: Option<&Path>) -> ExitCode {
    let read = |path: &Path| {
        let text = std::fs::read_to_string(path).map_err(|error| format!("cannot read {}: {error}", path.display()))?;
        seam_codegen::load::parse_document(&text).map(|(_, document)| document).map_err(|diagnostics| {
            let lines: Vec<String> = diagnostics.iter().map(|d| format!("  {}: {d}", path.display())).collect();
            format!("{} is not an OpenAPI 3.0 document:\n{}", path.display(), lines.join("\n"))
        })
    };
    let allow_list = match allow.map(std::fs::read_to_string).transpose() {
        Ok(text) => text.unwrap_or_default(),
        Err(error) => {
            eprintln!("error: cannot read the allow-list: {error}");
            return ExitCode::from(2);
        }
    };
    let (ours, theirs) = match (read(spec), read(published)) {
        (Ok(ours), Ok(theirs)) => (ours, theirs),
        (Err(error), _) | (_, Err(error)) => {
            eprintln!("error: {error}");
            return ExitCode::from(2);
        }
    };
    let findings = seam_codegen::drift::drift(&ours, &theirs);
    print!("{}", seam_codegen::drift::report(&findings));
    let (left, stale) = seam_codegen::drift::unexplained(&findings, &allow_list);
    for entry in &stale {
        eprintln!("warning: the allow-list entry `{entry}` explains no finding; remove it");
    }
    let conflicts = left.iter().filter(|finding| finding.severity == seam_codegen::drift::Severity::Conflict).count();
    eprintln!("{} findings not explained by the allow-list, {conflicts} of them conflicts", left.len());
    if conflicts == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

fn diff(
    old: &seam_codegen::diff::Source,
    new: &seam_codegen::diff::Source,
    profile: &str,
    settings: &Settings,
) -> ExitCode {
    let (old_text, new_text) = match (old.read(), new.read()) {
        (Ok(old), Ok(new)) => (old, new),
        (Err(error), _) | (_, Err(error)) => {
            eprintln!("error: {error}");
            return ExitCode::from(2);
        }
    };
    let (old_name, new_name) = (old.to_string(), new.to_string());
    let (changes, warnings) =
        match seam_codegen::diff::diff_texts((&old_text, &old_name), (&new_text, &new_name), settings) {
            Ok(compared) => compared,
            Err(error) => {
                eprintln!("error: {error}");
                return ExitCode::from(2);
            }
        };
    for warning in &warnings {
        eprintln!("warning: {warning}");
    }
    let heading =
        seam_codegen::diff::Heading { old: &old_name, new: &new_name, crate_name: &settings.crate_name, profile };
    print!("{}", seam_codegen::diff::report(&changes, &heading));
    if seam_codegen::diff::is_breaking(&changes) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn print_warnings(warnings: &[seam_codegen::Diagnostic]) {
    for warning in warnings {
        eprintln!("warning: {warning}");
    }
}
