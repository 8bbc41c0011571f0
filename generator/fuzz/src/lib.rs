//! What the fuzz targets check, and the structural mutations of spec/seam.yaml.
//!
//! Every input goes through the whole pipeline: `seam_codegen::generate` (load, resolve, emit, format)
//! and, when it succeeds, `seam_codegen::write::write` into a temporary directory that already holds an
//! earlier generated tree. A panic anywhere is a crash; so are:
//! - two runs on the same text giving different output (the generator promises byte-identical output);
//! - a generated file path that is absolute or climbs out of the output directory;
//! - after a successful write, an output directory that is not exactly the generated files, or any
//!   file written outside it (temporary files included);
//! - after a failed write, an output directory that differs from what it was (a partial tree).
//! Hangs are caught by libFuzzer's `-timeout`.

mod checks;

pub use checks::{check_spec, BASELINE_SPEC};
use serde_json::Value;
use std::sync::OnceLock;

const SEAM_YAML: &str = include_str!("../../../spec/seam.yaml");

fn seam_value() -> &'static Value {
    static VALUE: OnceLock<Value> = OnceLock::new();
    VALUE.get_or_init(|| serde_yaml::from_str(SEAM_YAML).expect("spec/seam.yaml is valid YAML"))
}

const STRINGS: &[&str] = &[
    "", "object", "string", "integer", "number", "boolean", "array", "null", "date-time", "uuid",
    "#/components/schemas/access_code", "#/components/schemas/acs_credential", "#/components/schemas/missing",
    "#/components/schemas/access_code/properties/code", "#/components/responses/bad_request", "#/paths",
    "#/components/schemas/access_code_error", "#", "type", "self", "Self", "crate", "super", "r#type", "123abc",
    "_", "__", "a-b", "ü", "é_é", "access_code", "acs", "mod", "types", "../x", "x/y", "/acs/credentials/list",
    "/", "//", "/a/b/c/d", "/access_codes/", "Option", "Result", "Box", "String", "Vec", "unknown", "Unknown",
    "error_code", "warning_code", "ok", "pagination",
];

const KEYS: &[&str] = &[
    "type", "properties", "items", "required", "enum", "oneOf", "anyOf", "allOf", "not", "discriminator",
    "propertyName", "mapping", "$ref", "nullable", "additionalProperties", "x-response-key", "x-undocumented",
    "x-deprecated", "x-draft", "operationId", "requestBody", "responses", "200", "default", "content",
    "application/json", "schema", "description", "format", "minLength", "maxLength", "pattern", "minimum",
    "maximum", "example", "deprecated", "post", "get", "parameters", "title", "components", "schemas", "paths",
];

/// A small value chosen by `byte`.
fn value_for(byte: u8, base: &Value) -> Value {
    let pick = |n: usize| (byte as usize) % n;
    match byte % 8 {
        0 => Value::Null,
        1 | 2 => Value::String(STRINGS[pick(STRINGS.len())].to_owned()),
        3 => serde_json::json!(i64::from(byte) - 128),
        4 => Value::Bool(byte & 16 != 0),
        5 => Value::Object(Default::default()),
        6 => Value::Array(vec![Value::String(STRINGS[pick(STRINGS.len())].to_owned())]),
        _ => {
            // a whole schema of the document, so that structure moves around
            let schemas = base.pointer("/components/schemas").and_then(Value::as_object);
            schemas
                .and_then(|s| s.values().nth(pick(s.len().max(1))))
                .cloned()
                .unwrap_or(Value::Null)
        }
    }
}

#[derive(Clone)]
enum Seg {
    Key(String),
    Index(usize),
}

fn count(value: &Value) -> usize {
    1 + match value {
        Value::Object(map) => map.values().map(count).sum(),
        Value::Array(items) => items.iter().map(count).sum(),
        _ => 0,
    }
}

/// The path of the `n`th node in pre-order (the root is 0).
fn path_of(value: &Value, n: &mut usize, path: &mut Vec<Seg>) -> bool {
    if *n == 0 {
        return true;
    }
    *n -= 1;
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                path.push(Seg::Key(key.clone()));
                if path_of(child, n, path) {
                    return true;
                }
                path.pop();
            }
        }
        Value::Array(items) => {
            for (index, child) in items.iter().enumerate() {
                path.push(Seg::Index(index));
                if path_of(child, n, path) {
                    return true;
                }
                path.pop();
            }
        }
        _ => {}
    }
    false
}

fn at<'a>(mut value: &'a Value, path: &[Seg]) -> &'a Value {
    for seg in path {
        value = match (seg, value) {
            (Seg::Key(k), Value::Object(map)) => &map[k],
            (Seg::Index(i), Value::Array(items)) => &items[*i],
            _ => unreachable!("path follows the value"),
        };
    }
    value
}

fn at_mut<'a>(mut value: &'a mut Value, path: &[Seg]) -> &'a mut Value {
    for seg in path {
        value = match (seg, value) {
            (Seg::Key(k), Value::Object(map)) => map.get_mut(k).expect("path exists"),
            (Seg::Index(i), Value::Array(items)) => &mut items[*i],
            _ => unreachable!("path follows the value"),
        };
    }
    value
}

/// spec/seam.yaml with the edits that `data` encodes: byte 0 picks YAML or JSON output, then each
/// group of four bytes is (node: 2 bytes, action, argument).
pub fn mutate_seam(data: &[u8]) -> String {
    let base = seam_value();
    let mut doc = base.clone();
    let as_json = data.first().is_some_and(|b| b & 1 == 1);
    for op in data.get(1..).unwrap_or_default().chunks_exact(4).take(16) {
        let total = count(&doc);
        let mut n = (usize::from(op[0]) << 8 | usize::from(op[1])) * 7919 % total;
        let (action, arg) = (op[2], op[3]);
        let mut path = Vec::new();
        path_of(&doc, &mut n, &mut path);
        let Some((last, parent_path)) = path.split_last() else { continue };
        let parent = at_mut(&mut doc, parent_path);
        match (action % 6, parent, last) {
            (0, Value::Object(map), Seg::Key(key)) => {
                map.shift_remove(key);
            }
            (0, Value::Array(items), Seg::Index(i)) => {
                items.remove(*i);
            }
            (1, parent, _) => {
                let value = value_for(arg, base);
                *at_mut(parent, std::slice::from_ref(last)) = value;
            }
            (2, Value::Object(map), Seg::Key(key)) => {
                // rename the key
                if let Some(value) = map.shift_remove(key) {
                    map.insert(KEYS[usize::from(arg) % KEYS.len()].to_owned(), value);
                }
            }
            (3, parent, _) => {
                // insert a key into the node (if it is an object) or push into it (if an array)
                match at_mut(parent, std::slice::from_ref(last)) {
                    Value::Object(map) => {
                        map.insert(KEYS[usize::from(arg) % KEYS.len()].to_owned(), value_for(arg.rotate_left(3), base));
                    }
                    Value::Array(items) => items.push(value_for(arg, base)),
                    _ => {}
                }
            }
            (4, parent, _) => {
                // replace the node by a copy of another node of the document
                let mut m = usize::from(arg) * 104_729 % total;
                let mut other = Vec::new();
                let base_total = count(base);
                m %= base_total;
                let copy = if path_of(base, &mut m, &mut other) { at(base, &other).clone() } else { Value::Null };
                *at_mut(parent, std::slice::from_ref(last)) = copy;
            }
            (_, parent, _) => {
                // duplicate the node under a sibling name (objects) or at the end (arrays)
                let value = at_mut(parent, std::slice::from_ref(last)).clone();
                match parent {
                    Value::Object(map) => {
                        map.insert(format!("{}{}", STRINGS[usize::from(arg) % STRINGS.len()], arg), value);
                    }
                    Value::Array(items) => items.push(value),
                    _ => {}
                }
            }
        }
    }
    if as_json {
        serde_json::to_string_pretty(&doc).expect("a Value serializes")
    } else {
        serde_yaml::to_string(&doc).expect("a Value serializes")
    }
}
