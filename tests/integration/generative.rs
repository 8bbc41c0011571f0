//! Answers generated from Seam's published schema (the pinned `@seamapi/types`) decode with the
//! bindings: for each of our operations, sparse answers (only required properties, every nullable one
//! `null`, empty lists) and full ones (every property, lists with an item), once for each alternative
//! of every `oneOf`/`anyOf` and each enum value. The conformance test compares the two schemas; this
//! one runs the decoder the users run on what the schema allows.

use crate::support;

use seam::{HttpResponse, Operation};
use serde_json::{json, Map, Value};

/// How much of what the schema allows an instance holds.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Shape {
    /// Required properties only; `null` wherever allowed; empty lists.
    Sparse,
    /// Every property, non-null, one item per list.
    Full,
}

/// Builds JSON instances of the published document's schemas.
struct Instances<'a> {
    document: &'a Value,
    shape: Shape,
    /// Which alternative of each `oneOf`/`anyOf`, and which value of each enum, this instance takes
    /// (modulo their count), so that a run over `0..n` covers each of them.
    pick: usize,
    /// The largest number of alternatives or values met, to know how many picks cover them all.
    widest: usize,
}

/// Deeper than any real answer nests; cuts recursive schemas.
const MAX_DEPTH: usize = 12;

/// The schema a `$ref` points to, followed to the end.
fn resolve<'d>(document: &'d Value, schema: &'d Value) -> &'d Value {
    match schema.get("$ref").and_then(Value::as_str) {
        Some(reference) => {
            let pointer = reference.strip_prefix('#').expect("a local reference");
            resolve(document, document.pointer(pointer).unwrap_or_else(|| panic!("{reference} is missing")))
        }
        None => schema,
    }
}

impl<'d> Instances<'d> {
    fn choose<'o>(&mut self, options: &'o [Value]) -> &'o Value {
        self.widest = self.widest.max(options.len());
        &options[self.pick % options.len()]
    }

    fn instance(&mut self, schema: &'d Value, name: &str, depth: usize) -> Value {
        let schema = resolve(self.document, schema);
        if let Some(parts) = schema.get("allOf").and_then(Value::as_array) {
            let mut merged = Map::new();
            for part in parts {
                if let Value::Object(object) = self.instance(part, name, depth) {
                    merged.extend(object);
                }
            }
            return Value::Object(merged);
        }
        if let Some(alternatives) = schema.get("oneOf").or_else(|| schema.get("anyOf")).and_then(Value::as_array) {
            let chosen = self.choose(alternatives);
            return self.instance(chosen, name, depth);
        }
        let nullable = schema.get("nullable") == Some(&Value::Bool(true));
        // Without a type, `nullable` is how the document writes Seam's `z.null()` (the `error` of a
        // pending action attempt, "Null for pending action attempts"): null is all it holds.
        let untyped = ["type", "properties", "enum"].iter().all(|keyword| schema.get(keyword).is_none());
        if nullable && (self.shape == Shape::Sparse || untyped) {
            return Value::Null;
        }
        if let Some(values) = schema.get("enum").and_then(Value::as_array) {
            let values: Vec<Value> = values.iter().filter(|value| !value.is_null()).cloned().collect();
            return self.choose(&values).clone();
        }
        let kind = schema.get("type").and_then(Value::as_str);
        match kind {
            Some("object") | None if schema.get("properties").is_some() => self.object(schema, depth),
            Some("object") => json!({}),
            Some("array") => match self.shape {
                Shape::Full if depth < MAX_DEPTH => match schema.get("items") {
                    Some(items) => Value::Array(vec![self.instance(items, name, depth + 1)]),
                    None => json!([{}]),
                },
                _ => json!([]),
            },
            Some("string") => Value::String(text(schema.get("format").and_then(Value::as_str), name)),
            Some("integer") => json!(schema.get("minimum").and_then(Value::as_i64).unwrap_or(1)),
            Some("number") => json!(schema.get("minimum").and_then(Value::as_f64).unwrap_or(1.5)),
            Some("boolean") => json!(true),
            // No type: any value. What Seam sends there is an object (`access_code` of an access
            // code's action attempt, `z.any()` in Seam's own model), kept as raw JSON by our side.
            _ => json!({}),
        }
    }

    fn object(&mut self, schema: &'d Value, depth: usize) -> Value {
        let required: Vec<&str> = schema
            .get("required")
            .and_then(Value::as_array)
            .map(|names| names.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        let mut object = Map::new();
        let Some(properties) = schema.get("properties").and_then(Value::as_object) else {
            return Value::Object(object);
        };
        for (name, property) in properties {
            let wanted = required.contains(&name.as_str()) || (self.shape == Shape::Full && depth < MAX_DEPTH);
            if wanted {
                let value = self.instance(property, name, depth + 1);
                object.insert(name.clone(), value);
            }
        }
        Value::Object(object)
    }
}

/// A string of the format, or for one without: RFC 3339 for names ending in `_at` (what Seam sends
/// there; see spec/drift-allow.txt, where the spec is deliberately stricter), else plain text.
fn text(format: Option<&str>, name: &str) -> String {
    match format {
        Some("date-time") => "2025-06-16T16:54:17.946Z".to_owned(),
        Some("date") => "2025-06-16".to_owned(),
        Some("uuid") => "1d4fb22b-743b-492f-ad74-cffcbd63c874".to_owned(),
        Some("email") => "jane@example.com".to_owned(),
        Some("uri") => "https://example.com/".to_owned(),
        _ if name.ends_with("_at") => "2025-06-16T16:54:17.946Z".to_owned(),
        _ => "text".to_owned(),
    }
}

/// Decodes generated answers of one operation; returns what failed.
fn check<O: Operation>(document: &Value, failures: &mut Vec<String>) -> usize {
    let schema = document
        .pointer(&format!("/paths/{}/post/responses/200/content/application~1json/schema", O::PATH.replace('/', "~1")))
        .unwrap_or_else(|| panic!("{} has no JSON 200 answer in the published document", O::PATH));
    let mut decoded = 0;
    for shape in [Shape::Sparse, Shape::Full] {
        let mut pick = 0;
        loop {
            let mut instances = Instances { document, shape, pick, widest: 1 };
            let mut answer = instances.instance(schema, "", 0);
            // The spec departs here on purpose (spec/drift-allow.txt): Seam's route types and its fake
            // give generate_code a `{device_id, code}` with a string code, the document an access code.
            if O::PATH == "/access_codes/generate_code" {
                answer["generated_code"] = json!({"device_id": "device_1", "code": "1234"});
            }
            let body = serde_json::to_vec(&answer).unwrap();
            let response =
                HttpResponse { status: 200, content_type: Some("application/json".to_owned()), body: body.into() };
            match O::decode(&response) {
                Ok(_) => decoded += 1,
                Err(error) => failures.push(format!(
                    "{} ({shape:?}, pick {pick}) at `{}`: {}\n  {}",
                    O::PATH,
                    error.field,
                    error.source,
                    excerpt_at(&answer, &error.field)
                )),
            }
            pick += 1;
            if pick >= instances.widest {
                break;
            }
        }
    }
    decoded
}

/// The value at a decode error's dotted path, for the failure message.
fn excerpt_at(answer: &Value, field: &str) -> String {
    let mut value = answer;
    for part in field.split('.').filter(|part| !part.is_empty()) {
        let (key, index) = match part.split_once('[') {
            Some((key, rest)) => (key, rest.trim_end_matches(']').parse::<usize>().ok()),
            None => (part, None),
        };
        value = match value.get(key) {
            Some(found) => found,
            None => break,
        };
        if let Some(index) = index {
            value = value.get(index).unwrap_or(value);
        }
    }
    let text = value.to_string();
    text.chars().take(300).collect()
}

#[test]
fn answers_generated_from_seams_schema_decode() {
    let path = support::target_dir().join("seam-published-openapi-generative.json");
    support::published_openapi(&path);
    let document: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let mut failures = Vec::new();
    let mut decoded = 0;
    {
        use seam::access_codes::{self as codes, unmanaged};
        use seam::acs::credentials::{self as credentials, unmanaged as unmanaged_credentials};
        decoded += check::<codes::CreateRequest>(&document, &mut failures);
        decoded += check::<codes::CreateMultipleRequest>(&document, &mut failures);
        decoded += check::<codes::DeleteRequest>(&document, &mut failures);
        decoded += check::<codes::GenerateCodeRequest>(&document, &mut failures);
        decoded += check::<codes::GetRequest>(&document, &mut failures);
        decoded += check::<codes::ListRequest>(&document, &mut failures);
        decoded += check::<codes::PullBackupAccessCodeRequest>(&document, &mut failures);
        decoded += check::<codes::ReportDeviceConstraintsRequest>(&document, &mut failures);
        decoded += check::<codes::UpdateRequest>(&document, &mut failures);
        decoded += check::<codes::UpdateMultipleRequest>(&document, &mut failures);
        decoded += check::<codes::simulate::CreateUnmanagedAccessCodeRequest>(&document, &mut failures);
        decoded += check::<unmanaged::ConvertToManagedRequest>(&document, &mut failures);
        decoded += check::<unmanaged::DeleteRequest>(&document, &mut failures);
        decoded += check::<unmanaged::GetRequest>(&document, &mut failures);
        decoded += check::<unmanaged::ListRequest>(&document, &mut failures);
        decoded += check::<unmanaged::UpdateRequest>(&document, &mut failures);
        decoded += check::<credentials::AssignRequest>(&document, &mut failures);
        decoded += check::<credentials::CreateRequest>(&document, &mut failures);
        decoded += check::<credentials::CreateOfflineCodeRequest>(&document, &mut failures);
        decoded += check::<credentials::DeleteRequest>(&document, &mut failures);
        decoded += check::<credentials::GetRequest>(&document, &mut failures);
        decoded += check::<credentials::ListRequest>(&document, &mut failures);
        decoded += check::<credentials::ListAccessibleEntrancesRequest>(&document, &mut failures);
        decoded += check::<credentials::UnassignRequest>(&document, &mut failures);
        decoded += check::<credentials::UpdateRequest>(&document, &mut failures);
        decoded += check::<unmanaged_credentials::GetRequest>(&document, &mut failures);
        decoded += check::<unmanaged_credentials::ListRequest>(&document, &mut failures);
        decoded += check::<seam::action_attempts::GetRequest>(&document, &mut failures);
    }
    eprintln!("{decoded} generated answers decoded, {} failed", failures.len());
    assert!(failures.is_empty(), "{} generated answers did not decode:\n{}", failures.len(), failures.join("\n"));
    assert!(decoded > 200, "only {decoded} answers: the generator covers too little");
}
