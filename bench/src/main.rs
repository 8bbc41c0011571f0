//! `seam-bench generation ...` measures generation and writes the compile crates; `seam-bench report
//! ...` turns every result of bench/run.sh into BENCHMARKS.md. For bench/corpus/run.sh:
//! `seam-bench progenitor-one --spec FILE` runs progenitor on one document, and `seam-bench
//! corpus-report ...` writes bench/CORPUS.md.

mod client_overhead_table;

use seam_bench::*;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let get = |name: &str| -> String {
        let i = args.iter().position(|a| a == name).unwrap_or_else(|| panic!("missing {name}"));
        args[i + 1].clone()
    };
    match args.first().map(String::as_str) {
        Some("generation") => generation(
            Path::new(&get("--root")),
            Path::new(&get("--full")),
            get("--runs").parse().expect("--runs N"),
            Path::new(&get("--out")),
            Path::new(&get("--compile-dir")),
        ),
        Some("report") => report(Path::new(&get("--results")), Path::new(&get("--criterion")), Path::new(&get("--out"))),
        Some("progenitor-one") => match corpus::progenitor_one(Path::new(&get("--spec"))) {
            Ok(lines) => println!("{lines} lines"),
            Err(message) => {
                eprintln!("error: {message}");
                std::process::exit(1);
            }
        },
        Some("corpus-report") => corpus::report::write(Path::new(&get("--dir")), Path::new(&get("--out"))),
        _ => panic!("usage: seam-bench generation --root R --full F --runs N --out DIR --compile-dir DIR | report --results DIR --criterion DIR --out FILE | progenitor-one --spec FILE | corpus-report --dir DIR --out FILE"),
    }
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let n = xs.len();
    if n % 2 == 1 {
        xs[n / 2]
    } else {
        (xs[n / 2 - 1] + xs[n / 2]) / 2.0
    }
}

fn time<T>(f: impl FnOnce() -> T) -> (f64, T) {
    let start = Instant::now();
    let value = f();
    (start.elapsed().as_secs_f64(), value)
}

/// The document progenitor gets: the same text, edited as `progenitor_edits` says, in the same format.
fn for_progenitor(text: &str, format: Format) -> (String, Vec<progenitor_edits::Edit>) {
    let mut value: serde_json::Value = match format {
        Format::Yaml => serde_yaml::from_str(text).expect("YAML"),
        Format::Json => serde_json::from_str(text).expect("JSON"),
    };
    let edits = progenitor_edits::apply(&mut value);
    if edits.is_empty() {
        return (text.to_owned(), edits);
    }
    let patched = match format {
        Format::Yaml => serde_yaml::to_string(&value).unwrap(),
        Format::Json => serde_json::to_string(&value).unwrap(),
    };
    (patched, edits)
}

fn generation(root: &Path, full: &Path, runs: usize, out: &Path, compile_dir: &Path) {
    std::fs::create_dir_all(out).unwrap();
    let spec = std::fs::read_to_string(root.join("spec/seam.yaml")).unwrap();
    let full_text = std::fs::read_to_string(full).unwrap();
    let mut results = serde_json::Map::new();

    // spec/seam.yaml: interleaved runs after one warm-up each, so that drift hits both alike.
    let (spec_for_progenitor, spec_edits) = for_progenitor(&spec, Format::Yaml);
    let ours = run_ours(&spec, "spec/seam.yaml").expect("spec/seam.yaml generates");
    let theirs = run_progenitor(&spec_for_progenitor, Format::Yaml).expect("progenitor accepts spec/seam.yaml");
    let builder = {
        let api: openapiv3::OpenAPI = serde_yaml::from_str(&spec_for_progenitor).unwrap();
        let mut settings = progenitor::GenerationSettings::default();
        settings.with_interface(progenitor::InterfaceStyle::Builder);
        let tokens = progenitor::Generator::new(&settings).generate_tokens(&api).unwrap();
        prettyplease::unparse(&syn::parse2(tokens).unwrap())
    };
    let (mut t_ours, mut t_theirs) = (Vec::new(), Vec::new());
    for _ in 0..runs {
        t_ours.push(time(|| run_ours(&spec, "spec/seam.yaml").unwrap()).0);
        t_theirs.push(time(|| run_progenitor(&spec_for_progenitor, Format::Yaml).unwrap()).0);
    }
    // Where the time goes: parsing alone, for both (our load stage; serde_yaml into openapiv3 for
    // progenitor), and progenitor's formatting alone.
    let (mut p_ours, mut p_theirs, mut f_theirs) = (Vec::new(), Vec::new(), Vec::new());
    let theirs_tokens = {
        let api: openapiv3::OpenAPI = serde_yaml::from_str(&spec_for_progenitor).unwrap();
        progenitor::Generator::default().generate_tokens(&api).unwrap()
    };
    for _ in 0..runs {
        p_ours.push(time(|| seam_codegen::load::parse(&spec).map(|_| ())).0);
        p_theirs.push(time(|| serde_yaml::from_str::<openapiv3::OpenAPI>(&spec_for_progenitor).unwrap()).0);
        f_theirs.push(time(|| prettyplease::unparse(&syn::parse2(theirs_tokens.clone()).unwrap())).0);
    }
    results.insert("spec_ours_parse_s".into(), median(p_ours).into());
    results.insert("spec_progenitor_parse_s".into(), median(p_theirs).into());
    results.insert("spec_progenitor_format_s".into(), median(f_theirs).into());
    results.insert("spec_operations".into(), count_operations(&spec, Format::Yaml).into());
    results.insert("spec_ours_s".into(), median(t_ours).into());
    results.insert("spec_progenitor_s".into(), median(t_theirs).into());
    results.insert("spec_ours_lines".into(), ours.lines().into());
    results.insert("spec_ours_bytes".into(), ours.bytes().into());
    results.insert("spec_ours_doc_lines".into(), ours.doc_lines().into());
    results.insert("spec_progenitor_doc_lines".into(), theirs.doc_lines().into());
    results.insert("spec_ours_files".into(), ours.files.len().into());
    results.insert("spec_progenitor_lines".into(), theirs.lines().into());
    results.insert("spec_progenitor_bytes".into(), theirs.bytes().into());
    results.insert("spec_progenitor_builder_lines".into(), builder.lines().count().into());
    results.insert("spec_progenitor_builder_bytes".into(), builder.len().into());
    results.insert("spec_progenitor_edits".into(), edits_json(&spec_edits));

    // Seam's full published document.
    results.insert("full_operations".into(), count_operations(&full_text, Format::Json).into());
    match run_ours(&full_text, "seam-full.json") {
        Ok(output) => {
            let mut t = Vec::new();
            for _ in 0..runs {
                t.push(time(|| run_ours(&full_text, "seam-full.json").unwrap()).0);
            }
            results.insert("full_ours_s".into(), median(t).into());
            results.insert("full_ours_lines".into(), output.lines().into());
            results.insert("full_ours_bytes".into(), output.bytes().into());
        }
        Err(error) => {
            results.insert("full_ours_error_count".into(), error.count.into());
            results.insert("full_ours_first_errors".into(), error.first.into());
        }
    }
    let (full_for_progenitor, full_edits) = for_progenitor(&full_text, Format::Json);
    results.insert("full_progenitor_edits".into(), edits_json(&full_edits));
    match run_progenitor(&full_for_progenitor, Format::Json) {
        Ok(output) => {
            let mut t = Vec::new();
            for _ in 0..runs {
                t.push(time(|| run_progenitor(&full_for_progenitor, Format::Json).unwrap()).0);
            }
            results.insert("full_progenitor_s".into(), median(t).into());
            results.insert("full_progenitor_lines".into(), output.lines().into());
            results.insert("full_progenitor_bytes".into(), output.bytes().into());
        }
        Err(error) => {
            results.insert("full_progenitor_error".into(), error.into());
        }
    }
    let unedited = run_progenitor(&full_text, Format::Json).err().unwrap_or_else(|| "accepted".into());
    results.insert("full_progenitor_unedited".into(), unedited.into());
    results.insert("runs".into(), runs.into());
    std::fs::write(out.join("generation.json"), serde_json::to_string_pretty(&results).unwrap()).unwrap();

    write_compile_crates(root, compile_dir, &ours, &theirs);
}

fn count_operations(text: &str, format: Format) -> usize {
    let value: serde_json::Value = match format {
        Format::Yaml => serde_yaml::from_str(text).unwrap(),
        Format::Json => serde_json::from_str(text).unwrap(),
    };
    let methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
    value["paths"]
        .as_object()
        .map(|paths| paths.values().map(|item| methods.iter().filter(|m| item.get(**m).is_some()).count()).sum())
        .unwrap_or(0)
}

fn edits_json(edits: &[progenitor_edits::Edit]) -> serde_json::Value {
    edits.iter().map(|e| serde_json::json!({"what": e.what, "places": e.places})).collect()
}

/// Two throwaway crates: ours (the seam crate's hand-written src/ plus the generated files of this run,
/// with the seam crate's dependencies, the runtime crate among them) and progenitor's (its formatted output as lib.rs, with the
/// dependencies its output names).
fn write_compile_crates(root: &Path, dir: &Path, ours: &Output, theirs: &Output) {
    let _ = std::fs::remove_dir_all(dir.join("ours/src"));
    let _ = std::fs::remove_dir_all(dir.join("ours/generated"));
    copy_dir(&root.join("src"), &dir.join("ours/src"));
    std::fs::copy(root.join("README.md"), dir.join("ours/README.md")).unwrap();
    for (path, contents) in &ours.files {
        let target = dir.join("ours/generated").join(path);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::write(target, contents).unwrap();
    }
    let manifest = std::fs::read_to_string(root.join("Cargo.toml")).unwrap();
    // The runtime crate is a dependency, as progenitor-client is of progenitor's output: the crate
    // measured is the seam crate's own code and its bindings.
    let runtime = root.join("runtime").display().to_string();
    let deps = toml_table(&manifest, "[dependencies]")
        .replace("path = \"runtime\"", &format!("path = {}", serde_json::Value::String(runtime)));
    // The seam crate's features (default ones on), less `codegen`, which pulls in the generator.
    let features: String = toml_table(&manifest, "[features]")
        .lines()
        .filter(|line| !line.trim_start().starts_with("codegen") && !line.trim_start().starts_with('#'))
        .map(|line| format!("{line}\n"))
        .collect();
    std::fs::write(
        dir.join("ours/Cargo.toml"),
        format!("[package]\nname = \"seam\"\nversion = \"0.1.0\"\nedition = \"2021\"\npublish = false\n\n[features]\n{features}\n[dependencies]\n{deps}"),
    )
    .unwrap();
    std::fs::create_dir_all(dir.join("progenitor/src")).unwrap();
    std::fs::write(dir.join("progenitor/src/lib.rs"), &theirs.files[0].1).unwrap();
    let uses = |name: &str| theirs.files[0].1.contains(&format!("{name}::"));
    let mut deps = String::from(
        "progenitor-client = \"=0.15.1\"\nreqwest = { version = \"0.13\", default-features = false, features = [\"json\", \"stream\", \"query\"] }\nserde = { version = \"1\", features = [\"derive\"] }\nserde_json = \"1\"\nfutures = \"0.3\"\nbytes = \"1\"\n",
    );
    for (name, line) in [
        ("chrono", "chrono = { version = \"0.4\", default-features = false, features = [\"serde\", \"std\"] }\n"),
        ("uuid", "uuid = { version = \"1\", features = [\"serde\"] }\n"),
        ("regress", "regress = \"0.10\"\n"),
        ("serde_urlencoded", "serde_urlencoded = \"0.7\"\n"),
    ] {
        if uses(name) {
            deps.push_str(line);
        }
    }
    std::fs::write(
        dir.join("progenitor/Cargo.toml"),
        format!("[package]\nname = \"progenitor-output\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n[lib]\ndoctest = false\n\n[dependencies]\n{deps}"),
    )
    .unwrap();
    std::fs::write(dir.join("Cargo.toml"), "[workspace]\nmembers = [\"ours\", \"progenitor\"]\nresolver = \"2\"\n")
        .unwrap();
}

fn toml_table(manifest: &str, header: &str) -> String {
    let mut out = String::new();
    let mut inside = false;
    for line in manifest.lines() {
        if line.starts_with('[') {
            inside = line.trim() == header;
            continue;
        }
        if inside {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

// ---- report ----

fn read_json(path: &Path) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))).unwrap()
}

fn criterion_median_ns(dir: &Path, id: &str) -> Option<f64> {
    let path: PathBuf = dir.join("decode").join(id).join("new/estimates.json");
    let value = read_json(&path);
    value["median"]["point_estimate"].as_f64()
}

fn verdict(ratio: f64, target: f64) -> &'static str {
    if ratio <= target {
        "met"
    } else {
        "**missed**"
    }
}

/// The section of `benches/client_overhead.rs`, or "not run" when its JSON is missing.
fn client_overhead(w: &mut String, results: &Path) {
    writeln!(w, "## Client overhead against raw reqwest\n").unwrap();
    let path = results.join("client_overhead.json");
    let Ok(text) = std::fs::read_to_string(&path) else {
        writeln!(w, "Not run: no `client_overhead.json` among the results (`cd bench && cargo bench --bench client_overhead` writes it).\n").unwrap();
        return;
    };
    let v: serde_json::Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    writeln!(w, "`bench/benches/client_overhead.rs`: the per-call cost of `seam.acs().credentials().get(..)` (defaults on: 30 s timeout, 60 s deadline, retries, the `ok` check) against raw reqwest sending the same request (same client configuration, headers and body, checked at the server) and decoding the answer into the same type, both against one in-process hyper server on loopback that answers every call with the same precomputed envelope. Every ratio is seam's cost ÷ raw's, per round (inside a round the two sides alternate slice by slice, so that the machine's drift and bursts of load hit both alike); the table shows the median over rounds and how far the rounds' ratios spread. `CONTROL=1` (a second raw client in seam's place) gives the harness's own noise: its ratios come out at 1.00x with a spread of a few percent.\n").unwrap();
    writeln!(w, "{}", client_overhead_table::markdown(&v)).unwrap();
}

fn report(results: &Path, criterion: &Path, out: &Path) {
    let g = read_json(&results.join("generation.json"));
    let compile = read_json(&results.join("compile.json"));
    let text = |name: &str| std::fs::read_to_string(results.join(name)).unwrap_or_default().trim().to_owned();
    let f = |key: &str| g[key].as_f64().unwrap_or(f64::NAN);
    let mut md = String::new();
    let w = &mut md;
    writeln!(w, "# Benchmarks: seam-codegen against progenitor\n").unwrap();
    writeln!(
        w,
        "Written by `{}` on {} (wall time of the run: {}). Do not edit by hand; rerun the script.\n",
        text("command.txt"),
        text("date.txt"),
        text("duration.txt")
    )
    .unwrap();
    writeln!(w, "| machine | |\n|---|---|").unwrap();
    for line in text("machine.txt").lines() {
        if let Some((k, v)) = line.split_once(": ") {
            writeln!(w, "| {k} | {v} |").unwrap();
        }
    }
    writeln!(w).unwrap();

    let ops = g["spec_operations"].as_u64().unwrap_or(0);
    let gen_ratio = f("spec_ours_s") / f("spec_progenitor_s");
    let line_ratio = f("spec_ours_lines") / f("spec_progenitor_lines");
    // Each figure is [median, min, max] of `runs` rebuilds.
    let cd = |k: &str| compile[k][0].as_f64().unwrap_or(f64::NAN);
    let range = |k: &str| {
        format!("{:.2}–{:.2} s", compile[k][1].as_f64().unwrap_or(f64::NAN), compile[k][2].as_f64().unwrap_or(f64::NAN))
    };
    let compile_runs = &compile["runs"];
    let debug_ratio = cd("ours_debug_s") / cd("progenitor_debug_s");
    let release_ratio = cd("ours_release_s") / cd("progenitor_release_s");
    let ns = |id: &str| criterion_median_ns(criterion, id).unwrap_or(f64::NAN);
    let (ac_gen, ac_plain, cr_gen, cr_plain) = (
        ns("access_code/generated"),
        ns("access_code/plain"),
        ns("acs_credential/generated"),
        ns("acs_credential/plain"),
    );

    writeln!(w, "## Summary (spec/seam.yaml, {ops} operations; progenitor {})\n", text("progenitor_version.txt"))
        .unwrap();
    writeln!(w, "| measure | seam-codegen | progenitor / plain baseline | ratio | target | |").unwrap();
    writeln!(w, "|---|---:|---:|---:|---:|---|").unwrap();
    writeln!(
        w,
        "| generation time (parse, generate, format), median of {} | {:.1} ms | {:.1} ms | {:.2}x | ≤ 0.1x | {} |",
        g["runs"],
        f("spec_ours_s") * 1e3,
        f("spec_progenitor_s") * 1e3,
        gen_ratio,
        verdict(gen_ratio, 0.1)
    )
    .unwrap();
    writeln!(
        w,
        "| generated lines | {} | {} | {:.2}x | ≤ 1.0x | {} |",
        g["spec_ours_lines"],
        g["spec_progenitor_lines"],
        line_ratio,
        verdict(line_ratio, 1.0)
    )
    .unwrap();
    writeln!(
        w,
        "| generated lines without comments and docs | {} | {} | {:.2}x | | |",
        f("spec_ours_lines") - f("spec_ours_doc_lines"),
        f("spec_progenitor_lines") - f("spec_progenitor_doc_lines"),
        (f("spec_ours_lines") - f("spec_ours_doc_lines"))
            / (f("spec_progenitor_lines") - f("spec_progenitor_doc_lines"))
    )
    .unwrap();
    writeln!(
        w,
        "| generated bytes | {} | {} | {:.2}x | | |",
        g["spec_ours_bytes"],
        g["spec_progenitor_bytes"],
        f("spec_ours_bytes") / f("spec_progenitor_bytes")
    )
    .unwrap();
    writeln!(w, "| compile, debug (`touch src/lib.rs && cargo build`, deps prebuilt), median of {compile_runs} (range) | {:.2} s ({}) | {:.2} s ({}) | {:.2}x | ≤ 0.6x | {} |", cd("ours_debug_s"), range("ours_debug_s"), cd("progenitor_debug_s"), range("progenitor_debug_s"), debug_ratio, verdict(debug_ratio, 0.6)).unwrap();
    writeln!(
        w,
        "| compile, release, median of {compile_runs} (range) | {:.2} s ({}) | {:.2} s ({}) | {:.2}x | ≤ 0.6x | {} |",
        cd("ours_release_s"),
        range("ours_release_s"),
        cd("progenitor_release_s"),
        range("progenitor_release_s"),
        release_ratio,
        verdict(release_ratio, 0.6)
    )
    .unwrap();
    let paired = std::fs::read_to_string(results.join("decode_paired.json"))
        .ok()
        .map(|text| serde_json::from_str::<serde_json::Value>(&text).unwrap());
    for kind in ["access_code", "acs_credential"] {
        let Some(paired) = &paired else { break };
        let Some(k) = paired["kinds"].as_array().and_then(|kinds| kinds.iter().find(|k| k["kind"] == kind)) else {
            continue;
        };
        let q = |name: &str| k["ratio"][name].as_f64().unwrap_or(f64::NAN);
        writeln!(w, "| decode 1,000 {kind}, paired rounds: median of {} (middle half of the rounds) | {:.0} µs | {:.0} µs (plain) | {:.3}x ({:.3}–{:.3}x) | ≤ 1.05x | {} |", paired["rounds"], k["generated_us"].as_f64().unwrap_or(f64::NAN), k["plain_us"].as_f64().unwrap_or(f64::NAN), q("median"), q("p25"), q("p75"), verdict(q("median"), 1.05)).unwrap();
    }
    writeln!(
        w,
        "| decode 1,000 access_code (criterion median) | {:.0} µs | {:.0} µs (plain) | {:.2}x | ≤ 1.05x | {} |",
        ac_gen / 1e3,
        ac_plain / 1e3,
        ac_gen / ac_plain,
        verdict(ac_gen / ac_plain, 1.05)
    )
    .unwrap();
    writeln!(
        w,
        "| decode 1,000 acs_credential (criterion median) | {:.0} µs | {:.0} µs (plain) | {:.2}x | ≤ 1.05x | {} |",
        cr_gen / 1e3,
        cr_plain / 1e3,
        cr_gen / cr_plain,
        verdict(cr_gen / cr_plain, 1.05)
    )
    .unwrap();
    writeln!(w).unwrap();
    writeln!(w, "Where generation time goes (medians): parsing the YAML alone takes {:.1} ms in ours (`seam_codegen::load::parse`: YAML to `openapiv3` through `serde_path_to_error`, for located errors) and {:.1} ms for progenitor (`serde_yaml` into `openapiv3`); progenitor's `syn` + prettyplease formatting alone takes {:.1} ms. Progenitor with `InterfaceStyle::Builder` (builders for every operation, closer to our request types) emits {} lines.\n",
        f("spec_ours_parse_s") * 1e3, f("spec_progenitor_parse_s") * 1e3, f("spec_progenitor_format_s") * 1e3, g["spec_progenitor_builder_lines"]).unwrap();

    writeln!(w, "Compile in instructions (`bash bench/compile_instructions.sh`: the rustc process alone, run by cargo through a wrapper under callgrind, on the no-change debug rebuild the table times). The wall-clock ratio is higher than this one because both crates pay the same fixed costs that callgrind does not see or that do not grow with the code: cargo's own no-op work, starting rustc, and reading and writing the incremental cache:\n").unwrap();
    writeln!(w, "{}\n", text("compile_instructions.md")).unwrap();

    writeln!(w, "Decode in instructions, which callgrind counts the same on a busy machine as on a quiet one (`bash bench/decode_instructions.sh`: one page of 1,000 objects decoded ten times, less the setup, divided by ten):\n").unwrap();
    writeln!(w, "{}\n", text("decode_instructions.md")).unwrap();

    client_overhead(w, results);

    writeln!(
        w,
        "## Seam's full published document (@seamapi/types {}, {} operations)\n",
        text("seamapi_types_version.txt"),
        g["full_operations"]
    )
    .unwrap();
    writeln!(w, "| | seam-codegen | progenitor |\n|---|---:|---:|").unwrap();
    let ours_full = if g.get("full_ours_s").is_some() {
        format!("{:.1} ms, {} lines", f("full_ours_s") * 1e3, g["full_ours_lines"])
    } else {
        format!("not supported yet ({} errors)", g["full_ours_error_count"])
    };
    let theirs_full = if g.get("full_progenitor_s").is_some() {
        format!(
            "{:.1} ms, {} lines, {} bytes",
            f("full_progenitor_s") * 1e3,
            g["full_progenitor_lines"],
            g["full_progenitor_bytes"]
        )
    } else {
        format!("failed: {}", g["full_progenitor_error"])
    };
    writeln!(w, "| generation (median of {}), output | {ours_full} | {theirs_full} |\n", g["runs"]).unwrap();
    if let Some(first) = g["full_ours_first_errors"].as_array() {
        writeln!(w, "seam-codegen's first errors on it (it reports every error with its JSON pointer):\n").unwrap();
        for e in first {
            writeln!(w, "- {}", e.as_str().unwrap_or_default()).unwrap();
        }
        writeln!(w).unwrap();
    }

    writeln!(w, "## Edits progenitor needed\n").unwrap();
    writeln!(w, "Applied in code (`bench/src/progenitor_edits.rs`) to a copy of each document; progenitor parses the edited text in the same format as ours.\n").unwrap();
    for (doc, key, unedited) in [
        ("spec/seam.yaml", "spec_progenitor_edits", None),
        ("full document", "full_progenitor_edits", Some("full_progenitor_unedited")),
    ] {
        let edits = g[key].as_array().cloned().unwrap_or_default();
        if let Some(u) = unedited {
            writeln!(w, "- {doc}: progenitor on the unedited document: `{}`.", g[u].as_str().unwrap_or_default())
                .unwrap();
        }
        if edits.is_empty() {
            writeln!(w, "- {doc}: none; progenitor accepts it as it is.").unwrap();
        }
        for e in edits {
            let places: Vec<&str> = e["places"].as_array().unwrap().iter().filter_map(|p| p.as_str()).collect();
            writeln!(w, "- {doc}: {} — {} places:", e["what"].as_str().unwrap(), places.len()).unwrap();
            for p in places {
                writeln!(w, "  - `{p}`").unwrap();
            }
        }
    }
    writeln!(w).unwrap();

    writeln!(w, "## Incremental build with `--features codegen`, nothing changed\n").unwrap();
    writeln!(w, "{}\n", text("incremental.md")).unwrap();

    writeln!(w, "## Targets missed, and why\n").unwrap();
    writeln!(
        w,
        "{}\n",
        text("notes.md")
            .replace("{GEN}", &format!("{gen_ratio:.2}"))
            .replace("{LINES}", &format!("{line_ratio:.2}"))
            .replace("{DEBUG}", &format!("{debug_ratio:.2}"))
            .replace("{RELEASE}", &format!("{release_ratio:.2}"))
            .replace("{BUILDER}", &g["spec_progenitor_builder_lines"].to_string())
            .replace("{BUILDER_RATIO}", &format!("{:.2}", f("spec_ours_lines") / f("spec_progenitor_builder_lines")))
    )
    .unwrap();

    writeln!(w, "## How it was measured\n").unwrap();
    writeln!(w, "{}", text("method.md")).unwrap();
    std::fs::write(out, md).unwrap();
}
