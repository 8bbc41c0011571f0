//! Pages of 1,000 objects for the decode benchmark, built from the spec's example (acs_credential, the
//! fixture tests/fixtures/seeds/acs_credential_object.json) and from a realistic access code consistent
//! with spec/seam.yaml's `components/schemas/access_code`, varied by index: ids, names, codes, times,
//! enum values (one in 50 is a value the spec does not list yet), optional fields present or absent,
//! and errors and warnings on some objects (one in 100 with an error code the spec does not list).

use serde_json::{json, Value};

const ACS_CREDENTIAL: &str = include_str!("../../tests/fixtures/seeds/acs_credential_object.json");

fn uuid(kind: u32, i: usize) -> String {
    format!(
        "{kind:08x}-{:04x}-4{:03x}-a{:03x}-{:012x}",
        i % 0xffff,
        i % 0xfff,
        (i * 7) % 0xfff,
        i * 2_654_435_761 % 0xffff_ffff_ffff
    )
}

fn time(i: usize, offset_days: usize) -> String {
    format!(
        "2025-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z",
        1 + (i / 28 + offset_days) % 12,
        1 + (i + offset_days) % 28,
        i % 24,
        (i * 7) % 60,
        (i * 13) % 60,
        i % 1000
    )
}

pub fn access_code(i: usize) -> Value {
    const STATUSES: [&str; 5] = ["setting", "set", "unset", "removing", "unknown"];
    let time_bound = !i.is_multiple_of(3);
    let mut object = json!({
        "access_code_id": uuid(0xacc0_de00, i),
        "code": if i % 10 == 9 { Value::Null } else { json!(format!("{:04}", (i * 7919) % 10_000)) },
        "common_code_key": if i.is_multiple_of(4) { json!(format!("auto_set_by_seam_{i}")) } else { Value::Null },
        "created_at": time(i, 0),
        "device_id": uuid(0xde71_ce00, i % 97),
        "errors": [],
        "is_backup": false,
        "is_backup_access_code_available": i.is_multiple_of(5),
        "is_external_modification_allowed": false,
        "is_managed": true,
        "is_offline_access_code": i.is_multiple_of(11),
        "is_one_time_use": false,
        "is_scheduled_on_device": time_bound,
        "is_waiting_for_code_assignment": false,
        "name": format!("Guest stay {i} - front door"),
        "pulled_backup_access_code_id": Value::Null,
        "status": if i % 50 == 49 { "programming_queued" } else { STATUSES[i % STATUSES.len()] },
        "type": if time_bound { "time_bound" } else { "ongoing" },
        "warnings": [],
        "workspace_id": uuid(0x5eed_0000, 1),
    });
    if time_bound {
        object["starts_at"] = json!(time(i, 1));
        object["ends_at"] = json!(time(i, 4));
    }
    if i % 10 == 3 {
        object["errors"] = json!([{
            "error_code": if i % 100 == 3 { "lock_battery_too_low_for_codes" } else { "failed_to_set_on_device" },
            "message": "Failed to set code on device.",
            "is_access_code_error": true,
            "created_at": time(i, 0),
        }]);
    }
    if i % 10 == 6 {
        object["warnings"] = json!([{
            "warning_code": "code_modified_external_to_seam",
            "message": "Code was modified or removed externally after Seam successfully set it on the device.",
            "created_at": time(i, 0),
        }]);
    }
    object
}

pub fn acs_credential(i: usize) -> Value {
    const METHODS: [&str; 4] = ["code", "card", "mobile_key", "cloud_key"];
    let mut object: Value = serde_json::from_str(ACS_CREDENTIAL).expect("the fixture is JSON");
    object["acs_credential_id"] = json!(uuid(0xc4ed_0000, i));
    object["acs_user_id"] = json!(uuid(0x05e4_0000, i % 211));
    object["display_name"] = json!(format!("Guest Lock {}, Vingcard Lock {}", i % 40, i % 7));
    object["created_at"] = json!(time(i, 0));
    object["starts_at"] = json!(time(i, 1));
    object["ends_at"] = json!(time(i, 5));
    object["card_number"] = json!(format!("{:016x}", i * 2_654_435_761));
    object["access_method"] = json!(if i % 50 == 49 { "biometric" } else { METHODS[i % METHODS.len()] });
    object["visionline_metadata"]["card_id"] = json!((i % 500).to_string());
    object["visionline_metadata"]["credential_id"] = json!((i + 10).to_string());
    if i.is_multiple_of(4) {
        object["code"] = json!(format!("{:06}", i * 37 % 1_000_000));
    }
    if i.is_multiple_of(3) {
        object["issued_at"] = Value::Null;
        object["is_issued"] = json!(false);
    }
    if i % 10 == 3 {
        object["errors"] = json!([{
            "error_code": if i % 100 == 3 { "provider_rejected_credential" } else { "credential_issuance_failed" },
            "message": "The credential's schedule was changed outside Seam.",
        }]);
    }
    if i % 10 == 6 {
        object["warnings"] = json!([{
            "warning_code": "waiting_to_be_issued",
            "message": "Credential is waiting to be issued.",
            "created_at": time(i, 0),
        }]);
    }
    object
}

/// A page: a JSON array of `count` objects, as bytes.
pub fn page(count: usize, make: fn(usize) -> Value) -> Vec<u8> {
    serde_json::to_vec(&Value::Array((0..count).map(make).collect())).expect("a Value serializes")
}
