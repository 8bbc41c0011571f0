//! The generated client against Prism serving spec/seam.yaml: a contract mock that rejects (422) any
//! request that does not match the spec, and in dynamic mode answers with random responses valid
//! against it, every one of which must decode into the generated types.

use crate::support;

use seam::access_codes as codes;
use seam::acs::credentials::{
    self, CreateRequest, CreateRequestAccessMethod as AccessMethod, CreateRequestVisionlineMetadata,
};
use seam::{Error, Seam};
use serde_json::Value;
use support::{seam_for, start_prism};

const ID: &str = "1d4fb22b-743b-492f-ad74-cffcbd63c874";
const OTHER_ID: &str = "59c9af06-7881-46d2-8d9b-3eda964c058b";

/// Sends a call, keeps only whether it succeeded, and names the operation.
macro_rules! run {
    ($name:literal, $call:expr) => {{
        let _decoded = $call.await?;
        $name
    }};
}

/// Every operation of the spec, called with a valid request; `index` picks one (modulo the count).
const OPERATIONS: usize = 28;

async fn call(seam: &Seam, index: usize) -> Result<&'static str, Error> {
    let creds = seam.acs().credentials();
    let access_codes = seam.access_codes();
    Ok(match index % OPERATIONS {
        0 => run!("acs.credentials.assign", creds.assign(credentials::AssignRequest::new(ID).acs_user_id(OTHER_ID))),
        1 => run!(
            "acs.credentials.create",
            creds.create(CreateRequest::new(AccessMethod::Code).acs_user_id(ID).code("1234"))
        ),
        2 => run!(
            "acs.credentials.create_offline_code",
            creds.create_offline_code(credentials::CreateOfflineCodeRequest::new(ID, OTHER_ID))
        ),
        3 => run!("acs.credentials.delete", creds.delete(credentials::DeleteRequest::new(ID))),
        4 => run!("acs.credentials.get", creds.get(credentials::GetRequest::new(ID))),
        5 => run!("acs.credentials.list", creds.list(credentials::ListRequest::new().acs_system_id(ID).limit(10))),
        6 => run!(
            "acs.credentials.list_accessible_entrances",
            creds.list_accessible_entrances(credentials::ListAccessibleEntrancesRequest::new(ID))
        ),
        7 => run!(
            "acs.credentials.unassign",
            creds.unassign(credentials::UnassignRequest::new(ID).user_identity_id(OTHER_ID))
        ),
        8 => run!(
            "acs.credentials.update",
            creds.update(credentials::UpdateRequest::new(ID).code("5678").ends_at("2030-06-18T10:42:53.000Z"))
        ),
        9 => run!("acs.credentials.unmanaged.get", creds.unmanaged().get(credentials::unmanaged::GetRequest::new(ID))),
        10 => run!(
            "acs.credentials.unmanaged.list",
            creds.unmanaged().list(credentials::unmanaged::ListRequest::new().acs_user_id(ID))
        ),
        11 => {
            run!("access_codes.create", access_codes.create(codes::CreateRequest::new(ID).code("4321").name("Guest")))
        }
        12 => run!(
            "access_codes.create_multiple",
            access_codes.create_multiple(codes::CreateMultipleRequest::new(vec![ID.to_owned(), OTHER_ID.to_owned()]))
        ),
        13 => run!("access_codes.delete", access_codes.delete(codes::DeleteRequest::new(ID))),
        14 => run!("access_codes.generate_code", access_codes.generate_code(codes::GenerateCodeRequest::new(ID))),
        15 => run!("access_codes.get", access_codes.get(codes::GetRequest::new().access_code_id(ID))),
        16 => run!("access_codes.list", access_codes.list(codes::ListRequest::new().device_id(ID))),
        17 => run!(
            "access_codes.pull_backup_access_code",
            access_codes.pull_backup_access_code(codes::PullBackupAccessCodeRequest::new(ID))
        ),
        18 => run!(
            "access_codes.report_device_constraints",
            access_codes.report_device_constraints(codes::ReportDeviceConstraintsRequest::new(ID).min_code_length(4))
        ),
        19 => run!(
            "access_codes.simulate.create_unmanaged_access_code",
            access_codes.simulate().create_unmanaged_access_code(
                codes::simulate::CreateUnmanagedAccessCodeRequest::new("1234", ID, "Found")
            )
        ),
        20 => run!(
            "access_codes.unmanaged.convert_to_managed",
            access_codes.unmanaged().convert_to_managed(codes::unmanaged::ConvertToManagedRequest::new(ID))
        ),
        21 => run!(
            "access_codes.unmanaged.delete",
            access_codes.unmanaged().delete(codes::unmanaged::DeleteRequest::new(ID))
        ),
        22 => run!(
            "access_codes.unmanaged.get",
            access_codes.unmanaged().get(codes::unmanaged::GetRequest::new().access_code_id(ID))
        ),
        23 => {
            run!("access_codes.unmanaged.list", access_codes.unmanaged().list(codes::unmanaged::ListRequest::new(ID)))
        }
        24 => run!(
            "access_codes.unmanaged.update",
            access_codes.unmanaged().update(codes::unmanaged::UpdateRequest::new(ID, true))
        ),
        25 => run!("access_codes.update", access_codes.update(codes::UpdateRequest::new(ID).name("Renamed"))),
        26 => run!(
            "access_codes.update_multiple",
            access_codes.update_multiple(codes::UpdateMultipleRequest::new("common-key").name("All"))
        ),
        _ => run!("action_attempts.get", seam.action_attempts().get(seam::action_attempts::GetRequest::new(ID))),
    })
}

#[tokio::test]
async fn every_operation_sends_what_the_spec_accepts() {
    let prism = start_prism(false);
    let seam = seam_for(&prism, "seam_test_key");
    for index in 0..OPERATIONS {
        if let Err(error) = call(&seam, index).await {
            panic!("operation {index} failed against the spec: {error}\n{}", prism.log());
        }
    }
}

#[tokio::test]
async fn the_documented_credential_requests_match_the_spec() {
    let prism = start_prism(false);
    let seam = seam_for(&prism, "seam_test_key");
    for name in ["pin_code_for_user_identity", "card_for_acs_user", "mobile_key_for_user_identity"] {
        // The documented body, as the Rust API builds it (examples.rs checks it encodes to it).
        let request = crate::examples::create_request(name);
        seam.acs().credentials().create(request).await.unwrap_or_else(|e| panic!("{name}: {e}"));
    }
    let card = CreateRequest::new(AccessMethod::Card).acs_user_id(ID).visionline_metadata(
        CreateRequestVisionlineMetadata::new()
            .card_format(credentials::CreateRequestVisionlineMetadataCardFormat::TlCode),
    );
    seam.acs().credentials().create(card).await.unwrap();
}

#[tokio::test]
async fn prism_rejects_a_request_that_breaks_the_spec() {
    // The contract mock must be strict for the tests above to mean anything.
    let prism = start_prism(false);
    let client = reqwest::Client::new();
    let send = |body: Value| {
        client.post(format!("{}/acs/credentials/update", prism.url)).bearer_auth("seam_test_key").json(&body).send()
    };
    // Prism answers with the spec's own 400 response and lists what was wrong in `sl-violations`.
    for (body, what) in [
        (serde_json::json!({"code": "1234"}), "a missing required field"),
        (serde_json::json!({"acs_credential_id": ID, "code": 1234}), "a wrong type"),
        (serde_json::json!({"acs_credential_id": ID, "code": "12ab"}), "a broken pattern"),
    ] {
        let response = send(body).await.unwrap();
        assert_eq!(response.status(), 400, "{what}");
        assert!(response.headers().contains_key("sl-violations"), "{what}: no violations reported");
    }
    let valid = send(serde_json::json!({"acs_credential_id": ID})).await.unwrap();
    assert_eq!(valid.status(), 200);
    assert!(!valid.headers().contains_key("sl-violations"));
}

#[tokio::test]
async fn five_hundred_random_valid_responses_all_decode() {
    let prism = start_prism(true);
    let seam = seam_for(&prism, "seam_test_key");
    let mut per_operation = std::collections::BTreeMap::new();
    for index in 0..(OPERATIONS * 19) {
        match call(&seam, index).await {
            Ok(name) => *per_operation.entry(name).or_insert(0) += 1,
            Err(error) => panic!("response {index} (operation {}) did not decode: {error}", index % OPERATIONS),
        }
    }
    let total: usize = per_operation.values().sum();
    assert!(total >= 500, "{total}");
    assert_eq!(per_operation.len(), OPERATIONS, "{per_operation:?}");
}
