//! Many calls at once: 1,000 concurrent `get`s from one client to a local server, in rounds, with no
//! error, every answer decoded, and memory that stays bounded from one round to the next.

mod support;

use seam::acs::credentials::GetRequest;
use seam::Seam;
use std::time::{Duration, Instant};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const CONCURRENT: usize = 1_000;
const ROUNDS: usize = 4;

/// The resident set of this process, from /proc (Linux); `None` elsewhere.
fn resident_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let kib: f64 = status.lines().find(|line| line.starts_with("VmRSS:"))?.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_concurrent_calls_succeed_with_bounded_memory() {
    // The server keeps no log of requests, so that its memory does not grow with the calls.
    let server = MockServer::builder().disable_request_recording().start().await;
    Mock::given(method("POST"))
        .and(path("/acs/credentials/get"))
        .respond_with(ResponseTemplate::new(200).set_body_json(support::acs_credential_answer()))
        .mount(&server)
        .await;
    let seam = Seam::builder().api_key("seam_test_key").endpoint(server.uri()).build().unwrap();

    let mut resident_after_round = Vec::new();
    for round in 0..ROUNDS {
        let started = Instant::now();
        let calls: Vec<_> = (0..CONCURRENT)
            .map(|n| {
                let seam = seam.clone();
                tokio::spawn(
                    async move { seam.acs().credentials().get(GetRequest::new(format!("credential_{n}"))).await },
                )
            })
            .collect();
        let mut errors = Vec::new();
        for call in calls {
            match call.await.expect("the task panicked") {
                Ok(got) => assert_eq!(got.acs_credential_id, "73a0a199-024f-454d-a916-9bbda8502c12"),
                Err(error) => errors.push(format!("{error:?}")),
            }
        }
        let elapsed = started.elapsed();
        let resident = resident_mib();
        eprintln!(
            "round {round}: {CONCURRENT} concurrent calls in {elapsed:.2?} ({:.0} calls/s), {} errors, resident {}",
            CONCURRENT as f64 / elapsed.as_secs_f64(),
            errors.len(),
            resident.map_or("unknown".to_owned(), |mib| format!("{mib:.1} MiB"))
        );
        assert!(errors.is_empty(), "{} of {CONCURRENT} calls failed; the first: {}", errors.len(), errors[0]);
        assert!(elapsed < Duration::from_secs(60), "round {round} took {elapsed:?}");
        resident_after_round.extend(resident);
    }
    // The first round grows the connection pools of both ends; later rounds reuse them. A leak per
    // call would add megabytes per round of 1,000 calls.
    if let (Some(first), Some(last)) = (resident_after_round.first(), resident_after_round.last()) {
        assert!(last - first < 32.0, "resident memory grew from {first:.1} MiB to {last:.1} MiB over the rounds");
        assert!(*last < 512.0, "resident memory reached {last:.1} MiB");
    }
}
