//! Decode throughput: pages of 1,000 access codes and 1,000 ACS credentials, into the generated types
//! of the `seam` crate and into plain `#[derive(Deserialize)]` structs with the same fields.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use seam_bench::{pages, plain};
use std::time::Duration;

fn decode(c: &mut Criterion) {
    let access_codes = pages::page(1000, pages::access_code);
    let credentials = pages::page(1000, pages::acs_credential);
    // Both sides must accept the whole page, unknown enum values included.
    assert_eq!(serde_json::from_slice::<Vec<seam::types::AccessCode>>(&access_codes).unwrap().len(), 1000);
    assert_eq!(serde_json::from_slice::<Vec<plain::AccessCode>>(&access_codes).unwrap().len(), 1000);
    assert_eq!(serde_json::from_slice::<Vec<seam::types::AcsCredential>>(&credentials).unwrap().len(), 1000);
    assert_eq!(serde_json::from_slice::<Vec<plain::AcsCredential>>(&credentials).unwrap().len(), 1000);

    let mut group = c.benchmark_group("decode");
    group.sample_size(50).measurement_time(Duration::from_secs(5)).warm_up_time(Duration::from_secs(2));
    group.throughput(Throughput::Elements(1000));
    group.bench_with_input(BenchmarkId::new("access_code", "generated"), &access_codes, |b, page| {
        b.iter(|| serde_json::from_slice::<Vec<seam::types::AccessCode>>(page).unwrap())
    });
    group.bench_with_input(BenchmarkId::new("access_code", "plain"), &access_codes, |b, page| {
        b.iter(|| serde_json::from_slice::<Vec<plain::AccessCode>>(page).unwrap())
    });
    group.bench_with_input(BenchmarkId::new("acs_credential", "generated"), &credentials, |b, page| {
        b.iter(|| serde_json::from_slice::<Vec<seam::types::AcsCredential>>(page).unwrap())
    });
    group.bench_with_input(BenchmarkId::new("acs_credential", "plain"), &credentials, |b, page| {
        b.iter(|| serde_json::from_slice::<Vec<plain::AcsCredential>>(page).unwrap())
    });
    group.finish();
}

criterion_group!(benches, decode);
criterion_main!(benches);
