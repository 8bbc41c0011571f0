//! The baseline of the decode benchmark: plain `#[derive(Deserialize)]` structs with the same fields as
//! the generated `AccessCode` and `AcsCredential`, written by hand: enums as plain `String`s, optional
//! and nullable fields as `Option`, errors and warnings as one struct with the union of their fields.
//! What they lack against the generated types is exactly the forward compatibility: typed enums that keep
//! unknown values, tagged unions that keep unknown variants as JSON, three-state `Nullable`.

use serde::Deserialize;

#[derive(Debug, Deserialize)]
pub struct AccessCode {
    pub access_code_id: String,
    pub code: Option<String>,
    pub common_code_key: Option<String>,
    pub created_at: String,
    pub device_id: String,
    pub dormakaba_oracode_metadata: Option<DormakabaOracodeMetadata>,
    pub ends_at: Option<String>,
    pub errors: Vec<Problem>,
    pub is_backup: Option<bool>,
    pub is_backup_access_code_available: bool,
    pub is_external_modification_allowed: bool,
    pub is_managed: bool,
    pub is_offline_access_code: bool,
    pub is_one_time_use: bool,
    pub is_scheduled_on_device: Option<bool>,
    pub is_waiting_for_code_assignment: Option<bool>,
    pub name: Option<String>,
    pub pending_mutations: Option<Vec<PendingMutation>>,
    pub pulled_backup_access_code_id: Option<String>,
    pub starts_at: Option<String>,
    pub status: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub warnings: Vec<Problem>,
    pub workspace_id: String,
}

#[derive(Debug, Deserialize)]
pub struct DormakabaOracodeMetadata {
    pub is_cancellable: Option<bool>,
    pub is_early_checkin_able: Option<bool>,
    pub is_extendable: Option<bool>,
    pub is_overridable: Option<bool>,
    pub site_name: Option<String>,
    pub stay_id: Option<f64>,
    pub user_level_id: Option<String>,
    pub user_level_name: Option<String>,
}

/// A pending mutation of an access code: one struct with the union of its variants' fields.
#[derive(Debug, Deserialize)]
pub struct PendingMutation {
    pub mutation_code: String,
    pub created_at: String,
    pub message: String,
    pub scheduled_at: Option<String>,
    pub from: Option<MutationValues>,
    pub to: Option<MutationValues>,
}

/// The `from` and `to` of a pending mutation, the union of their fields.
#[derive(Debug, Deserialize)]
pub struct MutationValues {
    pub code: Option<String>,
    pub name: Option<String>,
    pub starts_at: Option<String>,
    pub ends_at: Option<String>,
}

/// An access-code error or warning, or an ACS credential error or warning.
#[derive(Debug, Deserialize)]
pub struct Problem {
    pub error_code: Option<String>,
    pub warning_code: Option<String>,
    pub message: String,
    pub created_at: Option<String>,
    pub is_access_code_error: Option<bool>,
}

#[derive(Debug, Deserialize)]
pub struct AcsCredential {
    pub access_method: Option<String>,
    pub acs_credential_id: String,
    pub acs_credential_pool_id: Option<String>,
    pub acs_system_id: String,
    pub acs_user_id: Option<String>,
    pub assa_abloy_vostio_metadata: Option<VostioMetadata>,
    pub card_number: Option<String>,
    pub code: Option<String>,
    pub connected_account_id: Option<String>,
    pub created_at: String,
    pub display_name: String,
    pub ends_at: Option<String>,
    pub errors: Vec<Problem>,
    pub external_type: Option<String>,
    pub external_type_display_name: Option<String>,
    pub is_issued: Option<bool>,
    pub is_latest_desired_state_synced_with_provider: Option<bool>,
    pub is_managed: Option<bool>,
    pub is_multi_phone_sync_credential: Option<bool>,
    pub is_one_time_use: Option<bool>,
    pub issued_at: Option<String>,
    pub latest_desired_state_synced_with_provider_at: Option<String>,
    pub parent_acs_credential_id: Option<String>,
    pub starts_at: Option<String>,
    pub user_identity_id: Option<String>,
    pub visionline_metadata: Option<VisionlineMetadata>,
    pub warnings: Vec<Problem>,
    pub workspace_id: String,
}

#[derive(Debug, Deserialize)]
pub struct VostioMetadata {
    pub auto_join: Option<bool>,
    pub door_names: Option<Vec<String>>,
    pub endpoint_id: Option<String>,
    pub key_id: Option<String>,
    pub key_issuing_request_id: Option<String>,
    pub override_guest_acs_entrance_ids: Option<Vec<String>>,
}

#[derive(Debug, Deserialize)]
pub struct VisionlineMetadata {
    pub auto_join: Option<bool>,
    pub card_function_type: Option<String>,
    pub card_id: Option<String>,
    pub common_acs_entrance_ids: Option<Vec<String>>,
    pub credential_id: Option<String>,
    pub guest_acs_entrance_ids: Option<Vec<String>>,
    pub is_valid: Option<bool>,
    pub joiner_acs_credential_ids: Option<Vec<String>>,
}
