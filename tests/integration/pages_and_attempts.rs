//! Pagination over several pages and waiting on action attempts, against a local double that plays
//! what Seam's fake does not (the fake answers every access-code list in one page, and settles
//! every attempt successfully).

use seam::access_codes::ListRequest;
use seam::types::{ActionAttempt, ActionAttemptStatus};
use seam::{Error, Seam, WaitOptions};
use serde_json::{json, Value};
use std::time::Duration;
use wiremock::matchers::{body_partial_json, method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

fn access_code(n: usize) -> Value {
    json!({
        "access_code_id": format!("code_{n}"), "device_id": "august_device_1", "workspace_id": "w",
        "name": format!("guest {n}"), "code": format!("{n:04}"), "common_code_key": null, "type": "ongoing",
        "created_at": "2025-06-16T16:54:17.946514Z", "errors": [], "warnings": [], "is_managed": true,
        "status": "set", "is_backup_access_code_available": false, "is_external_modification_allowed": false,
        "is_one_time_use": false, "is_offline_access_code": false
    })
}

/// Three pages of two, keyed by `page_cursor`.
async fn paginated_server() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/access_codes/list"))
        .respond_with(|request: &Request| {
            let body: Value = serde_json::from_slice(&request.body).unwrap();
            let page = match body.get("page_cursor").and_then(Value::as_str) {
                None => 0,
                Some("cursor_1") => 1,
                Some("cursor_2") => 2,
                Some(other) => panic!("unexpected cursor {other}"),
            };
            let next = (page < 2).then(|| format!("cursor_{}", page + 1));
            ResponseTemplate::new(200).set_body_json(json!({
                "ok": true,
                "access_codes": [access_code(page * 2), access_code(page * 2 + 1)],
                "pagination": {"has_next_page": next.is_some(), "next_page_cursor": next, "next_page_url": null}
            }))
        })
        .mount(&server)
        .await;
    server
}

fn client(server: &MockServer) -> Seam {
    Seam::builder().api_key("k").endpoint(server.uri()).build().unwrap()
}

#[tokio::test]
async fn the_stream_walks_every_page_in_order() {
    let server = paginated_server().await;
    let codes: Vec<_> =
        client(&server).access_codes().list_all(ListRequest::new().device_id("d")).try_collect().await.unwrap();
    let ids: Vec<_> = codes.iter().map(|c| c.access_code_id.as_str()).collect();
    assert_eq!(ids, ["code_0", "code_1", "code_2", "code_3", "code_4", "code_5"]);
    assert_eq!(server.received_requests().await.unwrap().len(), 3);
}

#[tokio::test]
async fn pages_one_at_a_time_and_resume_from_a_saved_cursor() {
    let server = paginated_server().await;
    let seam = client(&server);
    let mut pages = seam.access_codes().list_pages(ListRequest::new().device_id("d"));
    let first = pages.next_page().await.unwrap().unwrap();
    assert_eq!(first.items.len(), 2);
    let saved = first.next_page_cursor.clone().unwrap();
    drop(pages);

    // Later, perhaps in another process: start from the saved cursor.
    let resumed = ListRequest::new().device_id("d").page_cursor(saved);
    let rest: Vec<_> = seam.access_codes().list_all(resumed).try_collect().await.unwrap();
    assert_eq!(rest.len(), 4);
    assert_eq!(rest[0].access_code_id, "code_2");
}

fn attempt(status: &str, error: Value) -> Value {
    json!({"action_attempt_id": "attempt_1", "action_type": "CREATE_ACCESS_CODE", "status": status, "result": null, "error": error})
}

async fn attempts_server(answers: Vec<Value>) -> MockServer {
    let server = MockServer::start().await;
    let last = answers.len() - 1;
    for (index, answer) in answers.into_iter().enumerate() {
        let mock = Mock::given(path("/action_attempts/get"))
            .and(body_partial_json(json!({"action_attempt_id": "attempt_1"})))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({"ok": true, "action_attempt": answer})));
        // Earlier answers once each, in order; the last one from then on.
        let mock = if index < last {
            mock.up_to_n_times(1).with_priority(u8::try_from(index + 1).unwrap())
        } else {
            mock.with_priority(100)
        };
        mock.mount(&server).await;
    }
    server
}

fn pending() -> ActionAttempt {
    serde_json::from_value(attempt("pending", Value::Null)).unwrap()
}

fn quick() -> WaitOptions {
    WaitOptions::default().timeout(Duration::from_secs(3)).poll_interval(Duration::from_millis(20))
}

#[tokio::test]
async fn waiting_polls_until_success() {
    let server = attempts_server(vec![attempt("pending", Value::Null), attempt("success", Value::Null)]).await;
    let settled = client(&server).wait_for_action_attempt(pending(), quick()).await.unwrap();
    assert_eq!(settled.status, ActionAttemptStatus::Success);
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
}

#[tokio::test]
async fn a_failed_attempt_is_a_typed_error_with_seams_reason() {
    let failure = json!({"type": "failed_to_set_on_device", "message": "The lock is offline"});
    let server = attempts_server(vec![attempt("error", failure)]).await;
    match client(&server).wait_for_action_attempt(pending(), quick()).await.unwrap_err() {
        Error::ActionAttemptFailed(attempt) => {
            let error = attempt.error.unwrap();
            assert_eq!(
                (error.r#type.as_str(), error.message.as_str()),
                ("failed_to_set_on_device", "The lock is offline")
            );
        }
        other => panic!("expected ActionAttemptFailed, got {other:?}"),
    }
}

#[tokio::test]
async fn a_pending_attempt_times_out_with_the_last_state_seen() {
    let server = attempts_server(vec![attempt("pending", Value::Null)]).await;
    let options = WaitOptions::default().timeout(Duration::from_millis(300)).poll_interval(Duration::from_millis(50));
    let started = std::time::Instant::now();
    match client(&server).wait_for_action_attempt(pending(), options).await.unwrap_err() {
        Error::ActionAttemptTimeout { attempt, waited } => {
            assert_eq!(attempt.status, ActionAttemptStatus::Pending);
            assert!(waited >= Duration::from_millis(300));
        }
        other => panic!("expected ActionAttemptTimeout, got {other:?}"),
    }
    assert!(started.elapsed() < Duration::from_secs(2));
    assert!(server.received_requests().await.unwrap().len() >= 3);
}

#[tokio::test]
async fn a_settled_attempt_is_returned_without_polling() {
    let server = attempts_server(vec![attempt("success", Value::Null)]).await;
    let done: ActionAttempt = serde_json::from_value(attempt("success", Value::Null)).unwrap();
    client(&server).wait_for_action_attempt(done, quick()).await.unwrap();
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn a_server_that_repeats_a_cursor_ends_the_walk_with_an_error() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/access_codes/list"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "ok": true,
            "access_codes": [access_code(0)],
            "pagination": {"has_next_page": true, "next_page_cursor": "same", "next_page_url": null}
        })))
        .mount(&server)
        .await;
    let result: Result<Vec<_>, Error> =
        client(&server).access_codes().list_all(ListRequest::new().device_id("d")).try_collect().await;
    let error = result.unwrap_err();
    assert!(matches!(&error, Error::RepeatedCursor { cursor, .. } if cursor == "same"), "{error:?}");
    assert!(error.to_string().contains("/access_codes/list"), "{error}");
    // The first page, then the page the cursor named; the cursor it gave again is not followed.
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
}

#[tokio::test]
async fn a_success_status_with_ok_false_is_seams_error() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/access_codes/list"))
        .respond_with(ResponseTemplate::new(200).insert_header("seam-request-id", "req_ok_false").set_body_json(
            json!({
                "ok": false,
                "access_codes": [],
                "error": {"type": "device_disconnected", "message": "The device is offline"}
            }),
        ))
        .mount(&server)
        .await;
    let error = client(&server).access_codes().list(ListRequest::new().device_id("d")).await.unwrap_err();
    let Error::Api(api) = &error else { panic!("not an API error: {error:?}") };
    assert_eq!(api.error_type, "device_disconnected");
    assert_eq!(api.message, "The device is offline");
    assert_eq!(api.request_id.as_deref(), Some("req_ok_false"));
}
