//! The generated client against a local HTTP server on loopback (wiremock): the method, path, headers
//! and body it sends, what it returns, and how an error answer becomes an error value.

use seam::access_codes::DeleteRequest;
use seam::acs::credentials::{CreateRequest, CreateRequestAccessMethod, UpdateRequest};
use seam::types::ActionAttemptStatus;
use seam::{Error, ErrorKind, RetryStop, Seam};
use serde_json::{json, Value};
use wiremock::matchers::{body_json, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const KEY: &str = "seam_test_key_7xq";

fn credential_json() -> Value {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/seeds/create_pin_code_for_acs_user.output.json"
    ));
    serde_json::from_str(&text.unwrap()).unwrap()
}

fn client(server: &MockServer) -> Seam {
    Seam::builder().api_key(KEY).endpoint(server.uri()).build().unwrap()
}

#[tokio::test]
async fn create_sends_method_path_headers_and_body_and_unwraps_the_response_key() {
    let server = MockServer::start().await;
    let body = json!({"access_method": "code", "acs_user_id": "53f39f90-5113-4bdd-8432-acf328ce508c", "code": "1234"});
    Mock::given(method("POST"))
        .and(path("/acs/credentials/create"))
        .and(header("authorization", format!("Bearer {KEY}").as_str()))
        .and(header("content-type", "application/json"))
        .and(header("seam-sdk-name", "seam-rs"))
        .and(body_json(&body))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"ok": true, "acs_credential": credential_json()})),
        )
        .expect(1)
        .mount(&server)
        .await;

    let request = CreateRequest::new(CreateRequestAccessMethod::Code)
        .acs_user_id("53f39f90-5113-4bdd-8432-acf328ce508c")
        .code("1234");
    let credential = client(&server).acs().credentials().create(request).await.unwrap();
    assert_eq!(credential.code.as_deref(), Some("1234"));
    assert_eq!(credential.acs_credential_id, "73a0a199-024f-454d-a916-9bbda8502c12");
}

#[tokio::test]
async fn update_sends_only_the_fields_that_were_set() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/acs/credentials/update"))
        .and(header("authorization", format!("Bearer {KEY}").as_str()))
        .and(body_json(
            json!({"acs_credential_id": "1d4fb22b-743b-492f-ad74-cffcbd63c874", "ends_at": "2025-06-18T10:42:53.000Z"}),
        ))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"ok": true, "acs_credential": credential_json()})),
        )
        .expect(1)
        .mount(&server)
        .await;

    let request = UpdateRequest::new("1d4fb22b-743b-492f-ad74-cffcbd63c874").ends_at("2025-06-18T10:42:53.000Z");
    client(&server).acs().credentials().update(request).await.unwrap();
}

#[tokio::test]
async fn an_error_envelope_becomes_an_api_error_with_type_message_and_request_id() {
    let server = MockServer::start().await;
    let error = json!({"type": "acs_credential_not_found", "message": "Could not find an acs_credential", "data": {"acs_credential_id": "x"}});
    Mock::given(method("POST"))
        .and(path("/acs/credentials/update"))
        .respond_with(
            ResponseTemplate::new(404)
                .insert_header("seam-request-id", "req_5f2b")
                .set_body_json(json!({"ok": false, "error": error})),
        )
        .mount(&server)
        .await;

    let failure = client(&server).acs().credentials().update(UpdateRequest::new("x").code("1")).await.unwrap_err();
    let api = failure.api().unwrap_or_else(|| panic!("expected an API error, got {failure:?}"));
    assert_eq!(api.status, 404);
    assert_eq!(api.error_type, "acs_credential_not_found");
    assert_eq!(api.message, "Could not find an acs_credential");
    assert_eq!(api.request_id.as_deref(), Some("req_5f2b"));
    assert_eq!(api.data, error);
    assert_eq!(failure.request_id(), Some("req_5f2b"));
    let message = failure.to_string();
    assert!(message.contains("acs_credential_not_found") && message.contains("req_5f2b"), "{message}");
    assert!(!message.contains(KEY), "the key must not leak into errors");
}

#[tokio::test]
async fn a_non_seam_error_page_is_reported_with_status_and_excerpt() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(502).set_body_string("<html><body>Bad gateway</body></html>"))
        .mount(&server)
        .await;
    let error = client(&server).acs().credentials().update(UpdateRequest::new("x")).await.unwrap_err();
    assert_eq!((error.kind(), error.status()), (ErrorKind::Server, Some(502)));
    match error.last_attempt() {
        Error::UnexpectedResponse { status, excerpt, path, body, .. } => {
            assert_eq!((*status, *path), (502, "/acs/credentials/update"));
            assert_eq!(&**body, b"<html><body>Bad gateway</body></html>");
            assert!(excerpt.contains("Bad gateway"));
        }
        other => panic!("expected UnexpectedResponse, got {other:?}"),
    }
}

#[tokio::test]
async fn an_undecodable_success_names_the_field() {
    let server = MockServer::start().await;
    let mut credential = credential_json();
    credential["errors"] = json!("not a list");
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"ok": true, "acs_credential": credential})))
        .mount(&server)
        .await;
    let request = CreateRequest::new(CreateRequestAccessMethod::Card);
    match client(&server).acs().credentials().create(request).await.unwrap_err() {
        Error::Decode { field, status, .. } => {
            assert_eq!(status, 200);
            assert_eq!(field, "acs_credential.errors");
        }
        other => panic!("expected Decode, got {other:?}"),
    }
}

#[tokio::test]
async fn execute_gives_the_whole_response_including_the_action_attempt() {
    let server = MockServer::start().await;
    let attempt = json!({
        "action_attempt_id": "5f0a2a1c-1f1b-4a55-9d3f-0a2f1d3c4b5e",
        "action_type": "DELETE_ACCESS_CODE",
        "status": "pending",
        "result": null,
        "error": null
    });
    Mock::given(method("POST"))
        .and(path("/access_codes/delete"))
        .and(body_json(json!({"access_code_id": "ac_1"})))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"ok": true, "action_attempt": attempt})))
        .expect(2)
        .mount(&server)
        .await;
    let seam = client(&server);
    // The method follows `x-response-key: null` and returns nothing...
    seam.access_codes().delete(DeleteRequest::new("ac_1")).await.unwrap();
    // ...while `execute` keeps the action attempt the answer carries.
    let response = seam.execute(&DeleteRequest::new("ac_1")).await.unwrap();
    assert_eq!(response.action_attempt.status, ActionAttemptStatus::Pending);
    assert_eq!(response.action_attempt.action_attempt_id, "5f0a2a1c-1f1b-4a55-9d3f-0a2f1d3c4b5e");
}

#[tokio::test]
async fn a_refused_connection_is_a_transport_error() {
    // A port that was just free and has no listener: connecting is refused.
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let endpoint = format!("http://127.0.0.1:{port}");
    let seam = Seam::builder().api_key(KEY).endpoint(endpoint).build().unwrap();
    let failure = seam.acs().credentials().update(UpdateRequest::new("x")).await.unwrap_err();
    assert!(failure.is_transport(), "{failure:?}");
    assert!(matches!(failure.last_attempt(), Error::Transport { path: "/acs/credentials/update", .. }), "{failure:?}");
    // A refused connection never reached the server: retried even for an operation that is not
    // safe to repeat, and the error says how many attempts were made.
    assert!(matches!(failure, Error::Retried { attempts: 3, stop: RetryStop::Exhausted, .. }), "{failure:?}");
}

#[test]
fn the_client_can_be_shared_across_tasks() {
    fn shareable<T: Send + Sync + Clone + 'static>() {}
    shareable::<Seam>();
}

#[tokio::test]
async fn unmanaged_credentials_need_a_filter_and_no_forbidden_pair_before_sending() {
    use seam::acs::credentials::unmanaged::ListRequest;
    let server = MockServer::start().await;
    let seam = client(&server);
    let Error::Validation(none) = seam.acs().credentials().unmanaged().list(ListRequest::new()).await.unwrap_err()
    else {
        panic!("not a validation error")
    };
    assert_eq!(none.field, "acs_user_id");
    assert!(none.rule.contains("`acs_system_id`, `user_identity_id`"), "{none}");
    let both = ListRequest::new().acs_user_id("53f39f90-5113-4bdd-8432-acf328ce508c").user_identity_id("u");
    let Error::Validation(both) = seam.acs().credentials().unmanaged().list(both).await.unwrap_err() else {
        panic!("not a validation error")
    };
    assert!(both.to_string().contains("cannot be given together"), "{both}");
    assert!(server.received_requests().await.unwrap().is_empty());
}
