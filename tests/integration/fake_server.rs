//! The generated client end to end against Seam's own fake (`@seamapi/fake-seam-connect`), typed, on
//! a loopback port. The fake implements access codes and action attempts (not ACS credentials, which
//! tests/contract.rs covers against the spec).

use crate::support;

use seam::access_codes::simulate::CreateUnmanagedAccessCodeRequest;
use seam::access_codes::{
    unmanaged, CreateRequest, DeleteRequest, GenerateCodeRequest, GetRequest, ListRequest, PullBackupAccessCodeRequest,
    UpdateRequest,
};
use seam::types::{AccessCodeStatus, AccessCodeType, ActionAttemptActionType, ActionAttemptStatus};
use seam::{Error, ErrorKind, Seam, WaitOptions};
use std::time::Duration;
use support::{seam_for, start_fake, FAKE_API_KEY, FAKE_DEVICE};

async fn create_code(seam: &Seam, code: &str, name: &str) -> seam::types::AccessCode {
    let request = CreateRequest::new(FAKE_DEVICE).code(code).name(name);
    seam.access_codes().create(request).await.unwrap().access_code
}

#[tokio::test]
async fn create_then_get_an_access_code() {
    let fake = start_fake();
    let seam = seam_for(&fake, FAKE_API_KEY);
    let created = create_code(&seam, "1234", "Front door guest").await;
    assert_eq!(created.device_id, FAKE_DEVICE, "ids such as august_device_1 are not UUIDs and must still decode");
    assert_eq!(created.code.as_deref(), Some("1234"));
    assert_eq!(created.r#type, AccessCodeType::Ongoing);
    let fetched = seam.access_codes().get(GetRequest::new().access_code_id(&*created.access_code_id)).await.unwrap();
    assert_eq!(fetched, created);
}

#[tokio::test]
async fn list_walks_every_item_by_stream_and_by_page() {
    let fake = start_fake();
    let seam = seam_for(&fake, FAKE_API_KEY);
    let mut created = Vec::new();
    for n in 0..12 {
        created.push(create_code(&seam, &format!("10{n:02}"), &format!("guest {n}")).await.access_code_id);
    }
    let listed = seam.access_codes().list(ListRequest::new().device_id(FAKE_DEVICE)).await.unwrap();
    assert_eq!(listed.len(), 12);

    let streamed: Vec<_> =
        seam.access_codes().list_all(ListRequest::new().device_id(FAKE_DEVICE)).try_collect().await.unwrap();
    let mut ids: Vec<_> = streamed.into_iter().map(|code| code.access_code_id).collect();
    ids.sort();
    created.sort();
    assert_eq!(ids, created);

    // The fake answers every list in one page, without `pagination`: that is the last page.
    let mut pages = seam.access_codes().list_pages(ListRequest::new().device_id(FAKE_DEVICE));
    let first = pages.next_page().await.unwrap().unwrap();
    assert_eq!((first.items.len(), first.next_page_cursor), (12, None));
    assert!(pages.next_page().await.unwrap().is_none());
}

#[tokio::test]
async fn update_returns_an_action_attempt_to_wait_for() {
    let fake = start_fake();
    let seam = seam_for(&fake, FAKE_API_KEY);
    let code = create_code(&seam, "2468", "cleaner").await;
    let attempt = seam.access_codes().update(UpdateRequest::new(&*code.access_code_id).code("8642")).await.unwrap();
    assert_eq!(attempt.action_type, ActionAttemptActionType::UpdateAccessCode);
    let options = WaitOptions::default().timeout(Duration::from_secs(10)).poll_interval(Duration::from_millis(200));
    let settled = seam.wait_for_action_attempt(attempt, options).await.unwrap();
    assert_eq!(settled.status, ActionAttemptStatus::Success);
    let updated = seam.access_codes().get(GetRequest::new().access_code_id(&*code.access_code_id)).await.unwrap();
    assert_eq!(updated.code.as_deref(), Some("8642"));
}

#[tokio::test]
async fn delete_returns_its_action_attempt_and_the_code_is_gone() {
    let fake = start_fake();
    let seam = seam_for(&fake, FAKE_API_KEY);
    let code = create_code(&seam, "1357", "temporary").await;
    let attempt = seam.access_codes().delete(DeleteRequest::new(&*code.access_code_id)).await.unwrap();
    assert_eq!(attempt.action_type, ActionAttemptActionType::DeleteAccessCode);
    let options = WaitOptions::default().timeout(Duration::from_secs(10)).poll_interval(Duration::from_millis(200));
    seam.wait_for_action_attempt(attempt, options).await.unwrap();
    let gone = seam.access_codes().get(GetRequest::new().access_code_id(&*code.access_code_id)).await.unwrap_err();
    assert_eq!(gone.api().map(|api| api.status), Some(404), "{gone}");
}

#[tokio::test]
async fn generate_code_and_pull_a_backup_code() {
    let fake = start_fake();
    let seam = seam_for(&fake, FAKE_API_KEY);
    let generated = seam.access_codes().generate_code(GenerateCodeRequest::new(FAKE_DEVICE)).await.unwrap();
    assert_eq!(generated.device_id, FAKE_DEVICE);
    assert!(!generated.code.is_empty() && generated.code.chars().all(|c| c.is_ascii_digit()), "{}", generated.code);

    let time_bound = CreateRequest::new(FAKE_DEVICE)
        .code("9090")
        .name("stay")
        .starts_at("2030-01-01T00:00:00Z")
        .ends_at("2030-01-02T00:00:00Z")
        .use_backup_access_code_pool(true);
    let code = seam.access_codes().create(time_bound).await.unwrap().access_code;
    assert_eq!(code.status, AccessCodeStatus::Unset);
    let response = seam.execute(&PullBackupAccessCodeRequest::new(&*code.access_code_id)).await.unwrap();
    // The fake answers with `backup_access_code` only; Seam's API sends `access_code` too.
    assert!(
        response.backup_access_code.is_backup_access_code_available
            || !response.backup_access_code.access_code_id.is_empty()
    );
}

#[tokio::test]
async fn unmanaged_codes_list_and_update() {
    let fake = start_fake();
    let seam = seam_for(&fake, FAKE_API_KEY);
    let simulated = CreateUnmanagedAccessCodeRequest::new("4321", FAKE_DEVICE, "found on the lock");
    let unmanaged_code = seam.access_codes().simulate().create_unmanaged_access_code(simulated).await.unwrap();
    assert!(!unmanaged_code.is_managed);

    let listed = seam.access_codes().unmanaged().list(unmanaged::ListRequest::new(FAKE_DEVICE)).await.unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].access_code_id, unmanaged_code.access_code_id);

    seam.access_codes()
        .unmanaged()
        .update(unmanaged::UpdateRequest::new(&*unmanaged_code.access_code_id, true))
        .await
        .unwrap();
    let managed =
        seam.access_codes().get(GetRequest::new().access_code_id(&*unmanaged_code.access_code_id)).await.unwrap();
    assert!(managed.is_managed);
}

#[tokio::test]
async fn a_bad_key_is_unauthorized() {
    let fake = start_fake();
    let seam = seam_for(&fake, "seam_apikey_that_does_not_exist");
    let error = seam.access_codes().list(ListRequest::new().device_id(FAKE_DEVICE)).await.unwrap_err();
    match &error {
        Error::Unauthorized(api) if error.is_unauthorized() => {
            assert_eq!((api.status, api.error_type.as_str()), (401, "unauthorized"));
            assert!(api.request_id.is_some(), "the fake sends seam-request-id");
        }
        other => panic!("expected Unauthorized, got {other:?}"),
    }
    assert!(!error.to_string().contains("seam_apikey_that_does_not_exist"));
}

#[tokio::test]
async fn invalid_input_carries_messages_per_field() {
    let fake = start_fake();
    let seam = seam_for(&fake, FAKE_API_KEY);
    // Sent as the spec allows; the fake requires a device_id or access_code_ids for a list.
    let error = seam.access_codes().list(ListRequest::new()).await.unwrap_err();
    let Error::InvalidInput(invalid) = &error else { panic!("expected InvalidInput, got {error:?}") };
    assert_eq!(invalid.api.error_type, "invalid_input");
    assert!(!invalid.fields.is_empty(), "{invalid}");
    assert!(error.is_invalid_input());
    // Each sentence once: the fake's message already quotes the field messages.
    let message = error.to_string();
    for field in &invalid.fields {
        for text in &field.messages {
            assert_eq!(message.matches(text.as_str()).count(), 1, "`{text}` not said exactly once in: {message}");
        }
    }
    // A request with a bad field value, named by field.
    let error = seam.access_codes().create(CreateRequest::new("")).await.unwrap_err();
    assert!(matches!(error, Error::InvalidInput(_) | Error::Api(_)), "{error:?}");
}

#[tokio::test]
async fn a_missing_resource_is_an_api_error() {
    let fake = start_fake();
    let seam = seam_for(&fake, FAKE_API_KEY);
    let error =
        seam.access_codes().get(GetRequest::new().access_code_id("access_code_that_does_not_exist")).await.unwrap_err();
    let api = error.api().unwrap_or_else(|| panic!("expected an API error, got {error:?}"));
    assert_eq!(api.status, 404);
    assert!(!api.message.is_empty());
    assert!(error.request_id().is_some());
    // What the fake sends (`not_found`) and what Seam documents (`access_code_not_found`) alike.
    assert!(error.is_not_found(), "{error:?}");
    assert_eq!((error.kind(), error.status()), (ErrorKind::NotFound, Some(404)));
    // Debug, which `fn main() -> seam::Result<()>` prints, is a few lines: no body, no server stack.
    let debug = format!("{error:?}");
    assert!(debug.len() < 400, "{} bytes: {debug}", debug.len());
    assert!(!debug.contains("stack"), "{debug}");
}

#[tokio::test]
async fn waiting_on_an_unknown_action_attempt_is_an_api_error() {
    let fake = start_fake();
    let seam = seam_for(&fake, FAKE_API_KEY);
    let error =
        seam.action_attempts().get(seam::action_attempts::GetRequest::new("action_attempt_404")).await.unwrap_err();
    assert_eq!(error.api().map(|api| api.error_type.as_str()), Some("action_attempt_not_found"), "{error:?}");
}
