//! What the client tells a `tracing` subscriber: a span per call with method, path, attempts,
//! status and request id; an event per attempt and per retry; never a credential.

mod support;

use seam::acs::credentials::GetRequest;
use seam::{RetryPolicy, Seam};
use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

const TOKEN: &str = "seam_at_secret_token_4kq";

/// A writer the subscriber formats into, read back by the test.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn a_retried_call_is_one_span_with_an_event_per_attempt_and_retry_and_no_secret() {
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .finish();
    // Process-wide, in a binary of its own: a subscriber scoped to this thread misses events when other
    // tests in the same process register the same callsites first.
    tracing::subscriber::set_global_default(subscriber).unwrap();

    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(503).insert_header("seam-request-id", "req_first"))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("seam-request-id", "req_second")
                .set_body_json(support::acs_credential_answer()),
        )
        .mount(&server)
        .await;
    let seam = Seam::builder()
        .personal_access_token(TOKEN, "workspace_1")
        .endpoint(server.uri())
        .retry(RetryPolicy::default().initial_backoff(Duration::from_millis(10)))
        .build()
        .unwrap();
    seam.acs().credentials().get(GetRequest::new("cred_1")).await.unwrap();

    let log = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    let lines: Vec<&str> = log.lines().collect();
    let retry = lines.iter().find(|line| line.contains("retrying")).unwrap_or_else(|| panic!("no retry event:\n{log}"));
    assert!(retry.contains(r#"seam_call{method="POST" path="/acs/credentials/get" attempts=1}"#), "{retry}");
    for field in ["attempt=1", "status=503", r#"request_id="req_first""#, "delay_ms="] {
        assert!(retry.contains(field), "`{field}` missing from the retry event: {retry}");
    }
    let answer = lines.iter().find(|line| line.contains("answer")).unwrap_or_else(|| panic!("no answer event:\n{log}"));
    for field in ["attempt=2", "status=200", r#"request_id="req_second""#, "elapsed_ms="] {
        assert!(answer.contains(field), "`{field}` missing from the answer event: {answer}");
    }
    assert!(!log.contains(TOKEN) && !log.contains("Bearer"), "a credential reached the log:\n{log}");
}
