//! Fault injection with local doubles (wiremock, and a raw TCP server where HTTP itself must break):
//! each case checks the error kind, the number of attempts, and that nothing hangs.

use seam::acs::credentials::{CreateRequest, CreateRequestAccessMethod, GetRequest};
use seam::{Error, RetryPolicy, RetryStop, Seam};
use serde_json::json;
use std::io::{Read, Write};
use std::net::TcpListener;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const ID: &str = "1d4fb22b-743b-492f-ad74-cffcbd63c874";

fn fast_retries() -> RetryPolicy {
    RetryPolicy::default()
        .max_retries(2)
        .initial_backoff(Duration::from_millis(10))
        .max_backoff(Duration::from_millis(40))
        .max_retry_after(Duration::from_secs(5))
}

fn client(endpoint: &str) -> Seam {
    Seam::builder()
        .api_key("seam_test_key")
        .endpoint(endpoint)
        .retry(fast_retries())
        .timeout(Duration::from_secs(5))
        .build()
        .unwrap()
}

/// Every case must finish well within this, whatever the fault.
async fn bounded<T>(future: impl std::future::Future<Output = T>) -> T {
    tokio::time::timeout(Duration::from_secs(20), future).await.expect("the call hung")
}

async fn requests(server: &MockServer) -> usize {
    server.received_requests().await.unwrap().len()
}

#[tokio::test]
async fn too_many_requests_waits_for_retry_after_then_succeeds() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(429)
                .insert_header("retry-after", "1")
                .set_body_json(json!({"error": {"type": "rate_limited", "message": "slow down"}})),
        )
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_json(crate::support::acs_credential_answer()))
        .mount(&server)
        .await;
    let started = Instant::now();
    // Create is not safe to repeat in general, but a 429 means Seam did not run it.
    let created =
        bounded(client(&server.uri()).acs().credentials().create(CreateRequest::new(CreateRequestAccessMethod::Card)))
            .await;
    assert!(created.is_ok(), "{created:?}");
    assert_eq!(requests(&server).await, 2);
    assert!(started.elapsed() >= Duration::from_secs(1), "Retry-After: 1 was not honoured");
}

#[tokio::test]
async fn server_errors_are_retried_for_a_safe_operation() {
    let server = MockServer::start().await;
    for status in [500, 503] {
        Mock::given(method("POST"))
            .respond_with(ResponseTemplate::new(status))
            .up_to_n_times(1)
            .with_priority(1)
            .mount(&server)
            .await;
    }
    Mock::given(path("/acs/credentials/get"))
        .respond_with(ResponseTemplate::new(200).set_body_json(crate::support::acs_credential_answer()))
        .mount(&server)
        .await;
    let credential = bounded(client(&server.uri()).acs().credentials().get(GetRequest::new(ID))).await.unwrap();
    assert_eq!(credential.acs_credential_id, "73a0a199-024f-454d-a916-9bbda8502c12");
    assert_eq!(requests(&server).await, 3);
}

#[tokio::test]
async fn server_errors_end_an_unsafe_operation_at_once() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(500)
                .set_body_json(json!({"error": {"type": "internal_server_error", "message": "boom"}})),
        )
        .mount(&server)
        .await;
    let error =
        bounded(client(&server.uri()).acs().credentials().create(CreateRequest::new(CreateRequestAccessMethod::Code)))
            .await
            .unwrap_err();
    assert_eq!(error.api().map(|api| (api.status, api.error_type.as_str())), Some((500, "internal_server_error")));
    assert_eq!(requests(&server).await, 1, "a create that may have run must not be sent twice");
}

#[tokio::test]
async fn retries_give_up_after_the_policy_and_can_be_switched_off() {
    let server = MockServer::start().await;
    Mock::given(method("POST")).respond_with(ResponseTemplate::new(503)).mount(&server).await;
    let seam = client(&server.uri());
    let error = bounded(seam.acs().credentials().get(GetRequest::new(ID))).await.unwrap_err();
    assert!(matches!(error.last_attempt(), Error::UnexpectedResponse { status: 503, .. }), "{error:?}");
    assert!(matches!(error, Error::Retried { attempts: 3, stop: RetryStop::Exhausted, .. }), "{error:?}");
    assert!(error.is_server_error());
    assert_eq!(requests(&server).await, 3, "one attempt and two retries");
    server.reset().await;
    Mock::given(method("POST")).respond_with(ResponseTemplate::new(503)).mount(&server).await;
    let error =
        bounded(seam.with_retry(RetryPolicy::none()).acs().credentials().get(GetRequest::new(ID))).await.unwrap_err();
    assert!(matches!(error, Error::UnexpectedResponse { status: 503, .. }), "one attempt is not wrapped: {error:?}");
    assert_eq!(requests(&server).await, 1);
}

#[tokio::test]
async fn a_slow_answer_times_out_per_attempt() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(crate::support::acs_credential_answer())
                .set_delay(Duration::from_secs(3)),
        )
        .mount(&server)
        .await;
    let seam = client(&server.uri()).with_timeout(Duration::from_millis(200));
    let started = Instant::now();
    let error = bounded(seam.acs().credentials().get(GetRequest::new(ID))).await.unwrap_err();
    assert!(
        matches!(error.last_attempt(), Error::Timeout { timeout, .. } if *timeout == Duration::from_millis(200)),
        "{error:?}"
    );
    assert!(error.is_timeout());
    assert_eq!(requests(&server).await, 3);
    assert!(started.elapsed() < Duration::from_secs(2), "{:?}", started.elapsed());
}

/// A raw TCP server that answers every connection with `respond` and counts connections.
fn raw_server(respond: impl Fn(&mut std::net::TcpStream) + Send + 'static) -> (String, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let connections = Arc::new(AtomicUsize::new(0));
    let counter = connections.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { return };
            counter.fetch_add(1, Ordering::SeqCst);
            let mut buffer = [0u8; 8192];
            let _ = stream.set_read_timeout(Some(Duration::from_millis(500)));
            let _ = stream.read(&mut buffer);
            respond(&mut stream);
        }
    });
    (url, connections)
}

#[tokio::test]
async fn a_reset_connection_is_a_transport_error_retried_when_safe() {
    let (url, connections) = raw_server(|stream| drop(stream.shutdown(std::net::Shutdown::Both)));
    let error = bounded(client(&url).acs().credentials().get(GetRequest::new(ID))).await.unwrap_err();
    assert!(matches!(error.last_attempt(), Error::Transport { .. }), "{error:?}");
    assert_eq!(connections.load(Ordering::SeqCst), 3);
}

#[tokio::test]
async fn a_truncated_body_is_a_transport_error() {
    let (url, connections) = raw_server(|stream| {
        let _ = stream.write_all(b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n{\"ok\": true, \"acs_cred");
    });
    let error = bounded(client(&url).with_retry(RetryPolicy::none()).acs().credentials().get(GetRequest::new(ID)))
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Transport { .. }), "{error:?}");
    assert_eq!(connections.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn a_cut_json_body_is_a_decode_error_with_an_excerpt() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_string(r#"{"ok": true, "acs_credential": {"acs_cred"#))
        .mount(&server)
        .await;
    match bounded(client(&server.uri()).acs().credentials().get(GetRequest::new(ID))).await.unwrap_err() {
        Error::Decode { status, excerpt, .. } => {
            assert_eq!(status, 200);
            assert!(excerpt.starts_with(r#"{"ok": true"#), "{excerpt}");
        }
        other => panic!("expected Decode, got {other:?}"),
    }
    assert_eq!(requests(&server).await, 1, "a decode failure is not retried");
}

#[tokio::test]
async fn a_non_json_success_is_a_decode_error() {
    let server = MockServer::start().await;
    Mock::given(method("POST")).respond_with(ResponseTemplate::new(200).set_body_string("OK")).mount(&server).await;
    let error = bounded(client(&server.uri()).acs().credentials().get(GetRequest::new(ID))).await.unwrap_err();
    assert!(matches!(&error, Error::Decode { excerpt, .. } if excerpt == "OK"), "{error:?}");
}

#[tokio::test]
async fn an_html_bad_gateway_page_is_reported_and_retried_when_safe() {
    let server = MockServer::start().await;
    let page = "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>";
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(502).set_body_raw(page, "text/html"))
        .mount(&server)
        .await;
    let error = bounded(client(&server.uri()).acs().credentials().get(GetRequest::new(ID))).await.unwrap_err();
    match error.last_attempt() {
        Error::UnexpectedResponse { status, excerpt, .. } => {
            assert_eq!(*status, 502);
            assert!(excerpt.contains("502 Bad Gateway"));
        }
        other => panic!("expected UnexpectedResponse, got {other:?}"),
    }
    assert_eq!(requests(&server).await, 3);
}

#[tokio::test]
async fn client_side_validation_fails_before_sending() {
    let server = MockServer::start().await;
    let update = seam::acs::credentials::UpdateRequest::new(ID).code("12ab");
    let error = bounded(client(&server.uri()).acs().credentials().update(update)).await.unwrap_err();
    match &error {
        Error::Validation(invalid) => {
            assert_eq!(invalid.field, "code");
            assert_eq!(invalid.rule, r"must match the pattern `^\d+$`");
        }
        other => panic!("expected Validation, got {other:?}"),
    }
    let later = seam::acs::credentials::UpdateRequest::new(ID).ends_at("next week");
    match bounded(client(&server.uri()).acs().credentials().update(later)).await.unwrap_err() {
        Error::Validation(invalid) => assert_eq!(
            (invalid.field.as_str(), invalid.rule.starts_with("must be an RFC 3339 date-time")),
            ("ends_at", true)
        ),
        other => panic!("expected Validation, got {other:?}"),
    }
    let both = seam::acs::credentials::AssignRequest::new(ID).acs_user_id(ID).user_identity_id(ID);
    match bounded(client(&server.uri()).acs().credentials().assign(both)).await.unwrap_err() {
        Error::Validation(invalid) => {
            assert_eq!(invalid.field, "user_identity_id");
            assert!(invalid.rule.contains("only one of `acs_user_id`, `user_identity_id`"), "{}", invalid.rule);
        }
        other => panic!("expected Validation, got {other:?}"),
    }
    // Constraints on a list and on its items.
    use seam::access_codes::ReportDeviceConstraintsRequest;
    for (lengths, field, rule) in [
        (vec![], "supported_code_lengths", "must have at least 1 item, not 0"),
        (vec![4, 3], "supported_code_lengths[1]", "must be at least 4, not 3"),
    ] {
        let report = ReportDeviceConstraintsRequest::new(ID).supported_code_lengths(lengths);
        match bounded(client(&server.uri()).access_codes().report_device_constraints(report)).await.unwrap_err() {
            Error::Validation(invalid) => assert_eq!((invalid.field.as_str(), invalid.rule.as_str()), (field, rule)),
            other => panic!("expected Validation, got {other:?}"),
        }
    }
    assert_eq!(requests(&server).await, 0, "nothing was sent");
}

#[tokio::test]
async fn telemetry_headers_and_user_agent_are_sent_even_with_a_caller_supplied_client() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_json(crate::support::acs_credential_answer()))
        .mount(&server)
        .await;
    let own = reqwest::Client::builder().build().unwrap();
    let seam = Seam::builder().api_key("k").endpoint(server.uri()).http_client(own).build().unwrap();
    seam.acs().credentials().get(GetRequest::new(ID)).await.unwrap();
    let request = &server.received_requests().await.unwrap()[0];
    assert_eq!(request.headers.get("seam-sdk-name").unwrap(), "seam-rs");
    assert_eq!(request.headers.get("seam-sdk-version").unwrap(), env!("CARGO_PKG_VERSION"));
}

#[tokio::test]
async fn retry_after_on_a_503_is_honoured() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(503).insert_header("retry-after", "1"))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_json(crate::support::acs_credential_answer()))
        .mount(&server)
        .await;
    let started = Instant::now();
    bounded(client(&server.uri()).acs().credentials().get(GetRequest::new(ID))).await.unwrap();
    assert_eq!(requests(&server).await, 2);
    assert!(started.elapsed() >= Duration::from_secs(1), "Retry-After: 1 on a 503 was not honoured");
}

#[tokio::test]
async fn a_retry_after_beyond_the_policy_ends_the_call_and_says_so() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(503).insert_header("retry-after", "120"))
        .mount(&server)
        .await;
    let started = Instant::now();
    let error = bounded(client(&server.uri()).acs().credentials().get(GetRequest::new(ID))).await.unwrap_err();
    assert!(
        matches!(error, Error::Retried { attempts: 1, stop: RetryStop::RetryAfterTooLong(wait), .. } if wait == Duration::from_secs(120)),
        "{error:?}"
    );
    assert!(error.to_string().contains("asked to wait 120s"), "{error}");
    assert!(started.elapsed() < Duration::from_secs(2));
}

#[tokio::test]
async fn the_deadline_bounds_a_call_across_attempts_and_waits() {
    // Every attempt is slower than the deadline: the first is cut short by it.
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(crate::support::acs_credential_answer())
                .set_delay(Duration::from_secs(3)),
        )
        .mount(&server)
        .await;
    let seam = client(&server.uri()).with_deadline(Duration::from_millis(300));
    let started = Instant::now();
    let error = bounded(seam.acs().credentials().get(GetRequest::new(ID))).await.unwrap_err();
    let elapsed = started.elapsed();
    assert!(
        matches!(error, Error::DeadlineExceeded { attempts: 1, deadline, .. } if deadline == Duration::from_millis(300)),
        "{error:?}"
    );
    assert!(error.is_timeout());
    assert!(elapsed >= Duration::from_millis(300) && elapsed < Duration::from_secs(1), "{elapsed:?}");

    // An operation that is not safe to repeat is cut short the same way.
    let error = bounded(seam.acs().credentials().create(CreateRequest::new(CreateRequestAccessMethod::Code)))
        .await
        .unwrap_err();
    assert!(matches!(error, Error::DeadlineExceeded { attempts: 1, .. }), "{error:?}");

    // Failing attempts with waits between them: no retry starts that could not end in time.
    server.reset().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(503).insert_header("retry-after", "2"))
        .mount(&server)
        .await;
    let seam = client(&server.uri()).with_deadline(Duration::from_secs(1));
    let started = Instant::now();
    let error = bounded(seam.acs().credentials().get(GetRequest::new(ID))).await.unwrap_err();
    assert!(matches!(error, Error::Retried { attempts: 1, stop: RetryStop::Deadline(_), .. }), "{error:?}");
    assert!(started.elapsed() < Duration::from_secs(1), "{:?}", started.elapsed());
    assert_eq!(requests(&server).await, 1);
}

#[tokio::test]
async fn each_message_is_said_once_along_the_source_chain() {
    let (url, _) = raw_server(|stream| drop(stream.shutdown(std::net::Shutdown::Both)));
    let error = bounded(client(&url).acs().credentials().get(GetRequest::new(ID))).await.unwrap_err();
    let mut messages = vec![error.to_string()];
    let mut source = std::error::Error::source(&error);
    while let Some(cause) = source {
        messages.push(cause.to_string());
        source = cause.source();
    }
    assert!(messages.len() >= 3, "{messages:?}");
    for (index, message) in messages.iter().enumerate() {
        for later in &messages[index + 1..] {
            assert!(!message.contains(later.as_str()), "`{later}` is repeated in `{message}`");
        }
    }
    let debug = format!("{error:?}");
    assert!(debug.starts_with("Error { kind: Transport"), "{debug}");
}
