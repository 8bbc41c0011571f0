//! Strict reading of the document's schemas: what openapiv3 accepts without a word but the author
//! surely did not mean. A misspelt keyword (`minLenght`) is ignored by every tool; `required: [nmae]`
//! silently leaves `name` optional; `format: datetime` silently makes a date a string. Each is a
//! warning here, naming the place, the keyword or value, and what was probably meant.

use crate::diagnostics::{Diagnostic, Pointer};
use serde_json::{Map, Value};

/// The keywords of an OpenAPI 3.0 Schema Object.
const SCHEMA_KEYWORDS: &[&str] = &[
    "title",
    "multipleOf",
    "maximum",
    "exclusiveMaximum",
    "minimum",
    "exclusiveMinimum",
    "maxLength",
    "minLength",
    "pattern",
    "maxItems",
    "minItems",
    "uniqueItems",
    "maxProperties",
    "minProperties",
    "required",
    "enum",
    "type",
    "allOf",
    "oneOf",
    "anyOf",
    "not",
    "items",
    "properties",
    "additionalProperties",
    "description",
    "format",
    "default",
    "nullable",
    "discriminator",
    "readOnly",
    "writeOnly",
    "xml",
    "externalDocs",
    "example",
    "deprecated",
];

/// Formats OpenAPI and JSON Schema define, by type; others are legal but mean nothing to a tool.
const STRING_FORMATS: &[&str] = &[
    "date",
    "date-time",
    "time",
    "duration",
    "password",
    "byte",
    "binary",
    "email",
    "idn-email",
    "uuid",
    "uri",
    "uri-reference",
    "iri",
    "iri-reference",
    "uri-template",
    "hostname",
    "idn-hostname",
    "ipv4",
    "ipv6",
    "json-pointer",
    "relative-json-pointer",
    "regex",
];
const INTEGER_FORMATS: &[&str] = &["int32", "int64"];
const NUMBER_FORMATS: &[&str] = &["float", "double", "int32", "int64"];

/// Warnings about every schema of the document.
pub fn lint(document: &Value) -> Vec<Diagnostic> {
    let mut linter = Linter { warnings: Vec::new() };
    let root = Pointer::root();
    if let Some(schemas) = document.pointer("/components/schemas").and_then(Value::as_object) {
        for (name, schema) in schemas {
            linter.schema(schema, &root.push("components").push("schemas").push(name), 0);
        }
    }
    // Schemas of parameters and bodies, wherever they are written.
    for section in ["paths", "components"] {
        if let Some(value) = document.get(section) {
            linter.find_media_schemas(value, &root.push(section), 0);
        }
    }
    linter.warnings
}

struct Linter {
    warnings: Vec<Diagnostic>,
}

/// Deeper than any real document nests; a guard against pathological input, not a limit in practice.
const MAX_DEPTH: usize = 64;

impl Linter {
    fn warn(&mut self, at: &Pointer, message: String) {
        self.warnings.push(Diagnostic::at(at, message));
    }

    /// Walks paths and components for `schema` keys of parameters and media types (component schemas
    /// are walked on their own).
    fn find_media_schemas(&mut self, value: &Value, at: &Pointer, depth: usize) {
        if depth > MAX_DEPTH {
            return;
        }
        let Some(object) = value.as_object() else {
            if let Some(items) = value.as_array() {
                for (index, item) in items.iter().enumerate() {
                    self.find_media_schemas(item, &at.push(index), depth + 1);
                }
            }
            return;
        };
        for (key, child) in object {
            let child_at = at.push(key);
            match key.as_str() {
                "schemas" if depth == 0 => {}
                "schema" => self.schema(child, &child_at, 0),
                "example" | "examples" | "default" => {}
                _ => self.find_media_schemas(child, &child_at, depth + 1),
            }
        }
    }

    fn schema(&mut self, value: &Value, at: &Pointer, depth: usize) {
        let Some(schema) = value.as_object() else { return };
        if depth > MAX_DEPTH || schema.contains_key("$ref") {
            return;
        }
        for key in schema.keys() {
            if !SCHEMA_KEYWORDS.contains(&key.as_str()) && !key.starts_with("x-") {
                let hint = match closest(key, SCHEMA_KEYWORDS) {
                    Some(meant) => format!("; did you mean `{meant}`?"),
                    None => String::new(),
                };
                self.warn(&at.push(key), format!("`{key}` is not a schema keyword and is ignored{hint}"));
            }
        }
        self.required(schema, at);
        self.format(schema, at);
        for keyword in ["default", "example"] {
            if let Some(value) = schema.get(keyword) {
                self.value_fits(schema, value, &at.push(keyword), keyword);
            }
        }
        if let Some(properties) = schema.get("properties").and_then(Value::as_object) {
            for (name, property) in properties {
                self.schema(property, &at.push("properties").push(name), depth + 1);
            }
        }
        for keyword in ["items", "additionalProperties", "not"] {
            if let Some(child) = schema.get(keyword) {
                self.schema(child, &at.push(keyword), depth + 1);
            }
        }
        for keyword in ["allOf", "oneOf", "anyOf"] {
            if let Some(parts) = schema.get(keyword).and_then(Value::as_array) {
                for (index, part) in parts.iter().enumerate() {
                    self.schema(part, &at.push(keyword).push(index), depth + 1);
                }
            }
        }
    }

    /// `required` naming a property the schema does not declare, where nothing else could declare it.
    fn required(&mut self, schema: &Map<String, Value>, at: &Pointer) {
        let (Some(required), Some(properties)) =
            (schema.get("required").and_then(Value::as_array), schema.get("properties").and_then(Value::as_object))
        else {
            return;
        };
        let open = ["allOf", "oneOf", "anyOf"].iter().any(|keyword| schema.contains_key(*keyword))
            || schema.get("additionalProperties").is_some_and(|additional| additional != &Value::Bool(false));
        if open {
            return;
        }
        let names: Vec<&str> = properties.keys().map(String::as_str).collect();
        for (index, name) in required.iter().enumerate() {
            let Some(name) = name.as_str() else { continue };
            if !properties.contains_key(name) {
                let hint = match closest(name, &names) {
                    Some(meant) => format!("; did you mean `{meant}`?"),
                    None => String::new(),
                };
                self.warn(
                    &at.push("required").push(index),
                    format!("`required` names `{name}`, which is not a property of this schema{hint}"),
                );
            }
        }
    }

    fn format(&mut self, schema: &Map<String, Value>, at: &Pointer) {
        let Some(format) = schema.get("format").and_then(Value::as_str) else { return };
        let known = match schema.get("type").and_then(Value::as_str) {
            Some("string") => STRING_FORMATS,
            Some("integer") => INTEGER_FORMATS,
            Some("number") => NUMBER_FORMATS,
            _ => return,
        };
        if !known.contains(&format) {
            let typ = schema.get("type").and_then(Value::as_str).unwrap_or_default();
            let hint = match closest(format, known) {
                Some(meant) => format!("; did you mean `{meant}`?"),
                None => " and generated as a plain value".to_owned(),
            };
            self.warn(&at.push("format"), format!("`format: {format}` is not a known format of `type: {typ}`{hint}"));
        }
    }

    /// A `default` or `example` of the wrong JSON type, or outside the schema's `enum`.
    fn value_fits(&mut self, schema: &Map<String, Value>, value: &Value, at: &Pointer, keyword: &str) {
        let nullable = schema.get("nullable") == Some(&Value::Bool(true));
        if value.is_null() && nullable {
            return;
        }
        let fits = match schema.get("type").and_then(Value::as_str) {
            Some("string") => value.is_string(),
            Some("integer") => value.as_i64().is_some() || value.as_u64().is_some(),
            Some("number") => value.is_number(),
            Some("boolean") => value.is_boolean(),
            Some("array") => value.is_array(),
            Some("object") => value.is_object(),
            _ => true,
        };
        if !fits {
            let typ = schema.get("type").and_then(Value::as_str).unwrap_or_default();
            self.warn(at, format!("the {keyword} {value} is not of `type: {typ}`"));
            return;
        }
        if let Some(allowed) = schema.get("enum").and_then(Value::as_array) {
            if !allowed.contains(value) {
                self.warn(at, format!("the {keyword} {value} is not one of the schema's `enum` values"));
            }
        }
    }
}

/// The candidate nearest to `word` by edit distance, when it is near enough to be a typo.
pub fn closest<'c>(word: &str, candidates: &[&'c str]) -> Option<&'c str> {
    let limit = (word.chars().count() / 3).clamp(1, 3);
    candidates
        .iter()
        .map(|candidate| (edit_distance(&word.to_lowercase(), &candidate.to_lowercase()), *candidate))
        .filter(|(distance, _)| *distance <= limit)
        .min()
        .map(|(_, candidate)| candidate)
}

/// Levenshtein distance with adjacent transpositions counted as one edit (`minLenght`).
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut previous_previous: Vec<usize> = vec![0; b.len() + 1];
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut current = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            current[j] = (previous[j] + 1).min(current[j - 1] + 1).min(previous[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                current[j] = current[j].min(previous_previous[j - 2] + 1);
            }
        }
        previous_previous = std::mem::replace(&mut previous, current);
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn messages(document: Value) -> Vec<String> {
        lint(&document).iter().map(ToString::to_string).collect()
    }

    #[test]
    fn typos_of_keywords_required_names_and_formats() {
        let found = messages(serde_json::json!({"components": {"schemas": {"Pet": {
            "type": "object",
            "required": ["nmae"],
            "properties": {
                "name": {"type": "string", "minLenght": 3},
                "born": {"type": "string", "format": "datetime"},
                "legs": {"type": "integer", "default": "four"}
            }
        }}}}));
        let expect = [
            "#/components/schemas/Pet/required/0: `required` names `nmae`, which is not a property of this schema; did you mean `name`?",
            "#/components/schemas/Pet/properties/name/minLenght: `minLenght` is not a schema keyword and is ignored; did you mean `minLength`?",
            "#/components/schemas/Pet/properties/born/format: `format: datetime` is not a known format of `type: string`; did you mean `date-time`?",
            "#/components/schemas/Pet/properties/legs/default: the default \"four\" is not of `type: integer`",
        ];
        for line in expect {
            assert!(found.contains(&line.to_owned()), "missing {line}\nin {found:#?}");
        }
        assert_eq!(found.len(), expect.len(), "{found:#?}");
    }

    #[test]
    fn schemas_of_parameters_and_bodies_and_extensions() {
        let found = messages(serde_json::json!({"paths": {"/a": {"get": {
            "parameters": [{"name": "q", "in": "query", "schema": {"type": "string", "x-anything": 1, "enum": ["a"], "example": "b"}}]
        }}}}));
        assert_eq!(
            found,
            ["#/paths/~1a/get/parameters/0/schema/example: the example \"b\" is not one of the schema's `enum` values"]
        );
    }

    #[test]
    fn nearest_candidate() {
        assert_eq!(closest("acs_credentail", &["acs_credential", "acs_entrance"]), Some("acs_credential"));
        assert_eq!(closest("zzz", &["acs_credential"]), None);
        assert_eq!(edit_distance("minLenght", "minLength"), 1);
    }
}
