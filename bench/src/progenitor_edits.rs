//! The minimal edits progenitor needs to accept a document, applied to a `serde_json::Value` copy of
//! it. Each edit is counted, with the places it touched, and listed in BENCHMARKS.md.
//!
//! Found by running progenitor 0.15.1 on the unedited documents:
//! - spec/seam.yaml: accepted as it is (every operation has an `operationId`); no edit.
//! - Seam's full published document: `generate: type error value does not conform to the given
//!   schema`. Twelve object properties carry `default: {"$ref": "#/components/schemas/access_code"}`,
//!   a reference where a literal value belongs (OpenAPI does not resolve `$ref` inside `default`), which
//!   typify checks against the schema and rejects. Removing exactly those twelve `default`s is enough;
//!   removing any other set of defaults (nulls, enum strings, numbers, arrays, the other object
//!   defaults) is not needed (checked one kind at a time).

use serde_json::Value;

/// One kind of edit and where it applied.
#[derive(Debug, Clone)]
pub struct Edit {
    pub what: &'static str,
    pub places: Vec<String>,
}

/// Applies every edit progenitor needs; returns those that touched something.
pub fn apply(doc: &mut Value) -> Vec<Edit> {
    let mut ref_defaults = Edit {
        what: "removed `default` values that are a `{\"$ref\": ...}` object (a reference where a literal belongs; typify rejects them)",
        places: Vec::new(),
    };
    remove_ref_defaults(doc, &mut String::from("#"), &mut ref_defaults.places);
    [ref_defaults].into_iter().filter(|edit| !edit.places.is_empty()).collect()
}

fn remove_ref_defaults(value: &mut Value, pointer: &mut String, places: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            let is_ref_default = matches!(map.get("default"), Some(Value::Object(d)) if d.contains_key("$ref"));
            if is_ref_default {
                map.remove("default");
                places.push(format!("{pointer}/default"));
            }
            for (key, child) in map.iter_mut() {
                let len = pointer.len();
                pointer.push('/');
                pointer.push_str(&key.replace('~', "~0").replace('/', "~1"));
                remove_ref_defaults(child, pointer, places);
                pointer.truncate(len);
            }
        }
        Value::Array(items) => {
            for (index, child) in items.iter_mut().enumerate() {
                let len = pointer.len();
                pointer.push_str(&format!("/{index}"));
                remove_ref_defaults(child, pointer, places);
                pointer.truncate(len);
            }
        }
        _ => {}
    }
}
