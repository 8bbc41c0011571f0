//! Decode time of the generated types as a ratio to the plain `#[derive(Deserialize)]` baseline, in
//! paired rounds: each round decodes the same page `BATCH` times into each side, in alternating
//! order, and keeps generated ÷ plain. Drift and bursts of load on a shared machine then hit both
//! sides of a ratio alike, where criterion measures one side for seconds and then the other, so that
//! its ratio moves by ±10% from run to run here.
//!
//! `cd bench && cargo bench --bench decode_paired`; ROUNDS [201], BATCH [5], RESULTS_DIR
//! [target/results] (writes `decode_paired.json`). Times are the thread's CPU time.

mod support;

use seam_bench::{pages, plain};
use std::hint::black_box;
use std::path::PathBuf;
use support::{cpu_ns, env_usize, median, percentile};

fn main() {
    let rounds = env_usize("ROUNDS", 201);
    let batch = env_usize("BATCH", 5);
    let results = std::env::var_os("RESULTS_DIR").map(PathBuf::from).unwrap_or_else(|| "target/results".into());

    let access_codes = pages::page(1000, pages::access_code);
    let credentials = pages::page(1000, pages::acs_credential);
    let kinds = [
        pair(
            "access_code",
            rounds,
            batch,
            || serde_json::from_slice::<Vec<seam::types::AccessCode>>(black_box(&access_codes)).unwrap().len(),
            || serde_json::from_slice::<Vec<plain::AccessCode>>(black_box(&access_codes)).unwrap().len(),
        ),
        pair(
            "acs_credential",
            rounds,
            batch,
            || serde_json::from_slice::<Vec<seam::types::AcsCredential>>(black_box(&credentials)).unwrap().len(),
            || serde_json::from_slice::<Vec<plain::AcsCredential>>(black_box(&credentials)).unwrap().len(),
        ),
    ];
    let report = serde_json::json!({ "rounds": rounds, "batch": batch, "kinds": kinds });
    std::fs::create_dir_all(&results).unwrap();
    let path = results.join("decode_paired.json");
    std::fs::write(&path, serde_json::to_string_pretty(&report).unwrap()).unwrap();
    for kind in &kinds {
        let ratio = |q: &str| kind["ratio"][q].as_f64().unwrap();
        println!(
            "{}: generated ÷ plain, median of {rounds} rounds {:.3}x (middle half {:.3}–{:.3}x, all {:.3}–{:.3}x); \
             per decode {:.0} µs / {:.0} µs",
            kind["kind"].as_str().unwrap(),
            ratio("median"),
            ratio("p25"),
            ratio("p75"),
            ratio("min"),
            ratio("max"),
            kind["generated_us"].as_f64().unwrap(),
            kind["plain_us"].as_f64().unwrap(),
        );
    }
    println!("wrote {}", path.display());
}

fn pair(
    kind: &str,
    rounds: usize,
    batch: usize,
    mut generated: impl FnMut() -> usize,
    mut plain: impl FnMut() -> usize,
) -> serde_json::Value {
    // Both sides must accept the whole page, unknown enum values included.
    assert_eq!((generated(), plain()), (1000, 1000), "{kind}: both sides decode the whole page");
    // Warm caches, the allocator and the CPU's clock before the first round counts.
    for _ in 0..batch * 4 {
        black_box(generated());
        black_box(plain());
    }
    let mut ratios = Vec::with_capacity(rounds);
    let (mut generated_ns, mut plain_ns) = (Vec::with_capacity(rounds), Vec::with_capacity(rounds));
    for round in 0..rounds {
        let (g, p) = if round % 2 == 0 {
            let g = time(batch, &mut generated);
            (g, time(batch, &mut plain))
        } else {
            let p = time(batch, &mut plain);
            (time(batch, &mut generated), p)
        };
        ratios.push(g / p);
        generated_ns.push(g / batch as f64);
        plain_ns.push(p / batch as f64);
    }
    ratios.sort_by(f64::total_cmp);
    let at = |p: f64| percentile(&ratios, p);
    serde_json::json!({
        "kind": kind,
        "ratio": { "median": median(&ratios), "p25": at(0.25), "p75": at(0.75), "min": at(0.0), "max": at(1.0) },
        "generated_us": median(&generated_ns) / 1e3,
        "plain_us": median(&plain_ns) / 1e3,
    })
}

/// CPU time of this thread for `batch` calls, in nanoseconds.
fn time(batch: usize, decode: &mut impl FnMut() -> usize) -> f64 {
    let start = cpu_ns(libc::CLOCK_THREAD_CPUTIME_ID);
    for _ in 0..batch {
        black_box(decode());
    }
    cpu_ns(libc::CLOCK_THREAD_CPUTIME_ID) - start
}
