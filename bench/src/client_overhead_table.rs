//! The table of the client-overhead benchmark, from the JSON that `benches/client_overhead.rs` writes
//! (`bench/target/results/client_overhead.json`): the bench prints it, and `seam-bench report` puts it
//! in BENCHMARKS.md. One module for both (the bench includes it with `#[path]`), so they never differ.

use serde_json::Value;
use std::fmt::Write as _;

/// The table, then a line on the conditions of the run and one on the noise between rounds.
pub fn markdown(v: &Value) -> String {
    let mut out = String::new();
    let w = &mut out;
    let num = |value: &Value| value.as_f64().unwrap_or(f64::NAN);
    let config = &v["config"];
    let target = num(&v["target"]);
    let rounds = config["rounds"].as_u64().unwrap_or(0);
    let other = if config["control"].as_bool().unwrap_or(false) { "raw again (control)" } else { "seam" };
    let calls = thousands(num(&config["calls"]));
    let rows: [(String, &str, Unit, Option<&str>, bool); 8] = [
        (
            format!("latency, median of {calls} sequential calls"),
            "latency_median_us",
            Unit::Micros,
            Some("latency_median"),
            true,
        ),
        (
            format!("latency, p99 of {calls} sequential calls"),
            "latency_p99_us",
            Unit::Micros,
            Some("latency_p99"),
            true,
        ),
        (
            format!(
                "throughput, {} concurrent tasks, {} calls (ratio: raw ÷ {other} calls/s, i.e. time per call)",
                config["concurrency"],
                thousands(num(&config["throughput_calls"]))
            ),
            "throughput_per_s",
            Unit::PerSecond,
            Some("throughput"),
            true,
        ),
        (
            "client CPU per call, sequential calls".to_owned(),
            "cpu_us_sequential",
            Unit::Micros,
            Some("cpu_sequential"),
            false,
        ),
        (
            "client CPU per call, concurrent calls".to_owned(),
            "cpu_us_concurrent",
            Unit::Micros,
            Some("cpu_concurrent"),
            false,
        ),
        ("server CPU per call (the same work for both)".to_owned(), "server_cpu_us", Unit::Micros, None, false),
        ("allocations per call, client thread (sequential calls)".to_owned(), "allocations", Unit::Count, None, false),
        ("bytes allocated per call, client thread".to_owned(), "allocated_bytes", Unit::Count, None, false),
    ];
    writeln!(w, "| measure (median of {rounds} rounds) | raw reqwest | {other} | {other} ÷ raw, median of the rounds' ratios | min–max of the rounds' ratios | target | verdict |").unwrap();
    writeln!(w, "|---|---:|---:|---:|---:|---:|---|").unwrap();
    for (label, key, unit, ratio_key, targeted) in rows {
        if v["raw"][key].is_null() && v["seam"][key].is_null() {
            continue; // allocations are not counted with a multi-thread client runtime
        }
        let (raw, seam) = (unit.show(num(&v["raw"][key])), unit.show(num(&v["seam"][key])));
        let (ratio, range, verdict) = match ratio_key.map(|k| &v["ratios"][k]) {
            Some(r) => {
                let median = num(&r["median"]);
                let range = format!("{:.2}–{:.2}x", num(&r["min"]), num(&r["max"]));
                let verdict = if !targeted {
                    String::new()
                } else {
                    let above = r["above_target"].as_u64().unwrap_or(0);
                    let base = if median <= target { "met" } else { "**missed**" };
                    if above > 0 {
                        format!("{base} ({above} of {rounds} rounds above)")
                    } else {
                        base.to_owned()
                    }
                };
                // Three decimals where two would round onto the target and hide which side it falls.
                let shown =
                    if (median - target).abs() < 0.005 { format!("{median:.3}x") } else { format!("{median:.2}x") };
                (shown, range, verdict)
            }
            None => (String::new(), String::new(), String::new()),
        };
        let target_cell = if targeted { format!("≤ {target:.1}x") } else { String::new() };
        writeln!(w, "| {label} | {raw} | {seam} | {ratio} | {range} | {target_cell} | {verdict} |").unwrap();
    }
    writeln!(w).unwrap();
    writeln!(
        w,
        "Conditions: {} rounds; in each, {} sequential calls per side in slices of {}, then {} calls per side from {} concurrent tasks in slices of {}, the two sides alternating slice by slice (raw first in even rounds, {other} first in odd ones); {} warm-up calls per side first; client runtime {}; server {}; load average {} before, {} after; {:.0} s in all.",
        rounds,
        calls,
        thousands(num(&config["slice"])),
        thousands(num(&config["throughput_calls"])),
        config["concurrency"],
        thousands(num(&config["throughput_slice"])),
        thousands(num(&config["warmup"])),
        config["client_runtime"].as_str().unwrap_or("?"),
        config["server"].as_str().unwrap_or("?"),
        v["machine"]["load_before"].as_str().unwrap_or("?"),
        v["machine"]["load_after"].as_str().unwrap_or("?"),
        num(&v["wall_s"]),
    )
    .unwrap();
    if config["raw_timeout"].as_bool().unwrap_or(false) {
        writeln!(
            w,
            "RAW_TIMEOUT=1: the raw side also set reqwest's per-request timeout (30 s), as seam does on every attempt."
        )
        .unwrap();
    }
    writeln!(w).unwrap();
    // The noise of the machine: how far each side's own figures moved between rounds. The ratios pair
    // the two sides of a round, so they move less.
    let spread = |side: &str, key: &str, unit: Unit| -> String {
        let values: Vec<f64> =
            v["rounds"].as_array().map(|r| r.iter().map(|round| num(&round[side][key])).collect()).unwrap_or_default();
        let min = values.iter().copied().fold(f64::INFINITY, f64::min);
        let max = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        format!("{}–{}", unit.show(min), unit.show(max))
    };
    writeln!(
        w,
        "Stability: from round to round, raw's median latency ranged {} and {other}'s {}, their p99 {} and {}, their throughput {} and {}.",
        spread("raw", "latency_median_us", Unit::Micros),
        spread("seam", "latency_median_us", Unit::Micros),
        spread("raw", "latency_p99_us", Unit::Micros),
        spread("seam", "latency_p99_us", Unit::Micros),
        spread("raw", "throughput_per_s", Unit::PerSecond),
        spread("seam", "throughput_per_s", Unit::PerSecond),
    )
    .unwrap();
    out
}

#[derive(Clone, Copy)]
enum Unit {
    Micros,
    PerSecond,
    Count,
}

impl Unit {
    fn show(self, x: f64) -> String {
        match self {
            Unit::Micros => format!("{x:.1} µs"),
            Unit::PerSecond => format!("{}/s", thousands(x)),
            Unit::Count if x >= 1000.0 => thousands(x),
            Unit::Count => format!("{x:.1}"),
        }
    }
}

/// `12345.6` as `12,346`.
fn thousands(x: f64) -> String {
    if !x.is_finite() {
        return "?".to_owned();
    }
    let digits = format!("{:.0}", x.abs());
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if x < 0.0 {
        out.insert(0, '-');
    }
    out
}
