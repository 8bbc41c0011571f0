//! Decode time of the generated types as a ratio to the plain `#[derive(Deserialize)]` baseline, in
//! paired rounds: each round decodes the same page `BATCH` times into each side, in alternating
//! order, and keeps generated ÷ plain. Drift and bursts of load on a shared machine then hit both
//! sides of a ratio alike, where criterion measures one side for seconds and then the other, so that
//! its ratio moves by ±10% from run to run here.
//!
//! `cd bench && cargo bench --bench decode_paired`; ROUNDS [201], BATCH [5], RESULTS_DIR
//! [target/results] (writes `decode_paired.json`). Times are the thread's CPU time.

use seam_bench::{pages, plain};
use std::hint::black_box;
use std::path::PathBuf;

fn main() {
    let rounds: usize = env("ROUNDS", 201);
    let batch: usize = env("BATCH", 5);
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
    let ratio = quantiles(&mut ratios);
    serde_json::json!({
        "kind": kind,
        "ratio": ratio,
        "generated_us": quantiles(&mut generated_ns)["median"].as_f64().unwrap() / 1e3,
        "plain_us": quantiles(&mut plain_ns)["median"].as_f64().unwrap() / 1e3,
    })
}

/// CPU time of this thread for `batch` calls, in nanoseconds.
fn time(batch: usize, decode: &mut impl FnMut() -> usize) -> f64 {
    let start = thread_cpu_ns();
    for _ in 0..batch {
        black_box(decode());
    }
    thread_cpu_ns() - start
}

fn quantiles(values: &mut [f64]) -> serde_json::Value {
    values.sort_by(f64::total_cmp);
    let at = |q: f64| values[((values.len() - 1) as f64 * q).round() as usize];
    serde_json::json!({ "median": at(0.5), "p25": at(0.25), "p75": at(0.75), "min": at(0.0), "max": at(1.0) })
}

fn thread_cpu_ns() -> f64 {
    let mut time = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: `time` is a valid, writable timespec for the duration of the call.
    let status = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut time) };
    assert_eq!(status, 0, "clock_gettime");
    time.tv_sec as f64 * 1e9 + time.tv_nsec as f64
}

fn env(name: &str, default: usize) -> usize {
    match std::env::var(name) {
        Ok(value) => value.parse().unwrap_or_else(|_| panic!("{name}={value} is not a number")),
        Err(_) => default,
    }
}
