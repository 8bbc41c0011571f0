//! `seam-codegen drift`: how our spec differs from a published document for the operations we
//! describe. Two kinds of finding:
//!
//! - **conflicts**, where our bindings would fail on what the published document allows: a response
//!   field we require or declare non-null that it may leave out or send as null, a type or format we
//!   expect that it does not promise, a request field or value it does not accept;
//! - **gaps**, what the published document has that ours lacks: operations, fields, enum values. The
//!   bindings cope (enums are open, unknown fields are ignored), but users cannot see or send them.
//!
//! Conflicts fail the conformance test unless an allow-list entry explains them.

use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Conflict,
    Gap,
}

/// One difference, at a place of our spec named like `POST /access_codes/get response .access_code.status`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Finding {
    pub severity: Severity,
    pub place: String,
    pub message: String,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.severity {
            Severity::Conflict => "conflict",
            Severity::Gap => "gap",
        };
        write!(f, "{kind}: {}: {}", self.place, self.message)
    }
}

/// Compares the operations of `ours` with the same operations of `published`.
pub fn drift(ours: &Value, published: &Value) -> Vec<Finding> {
    let mut findings = Vec::new();
    let empty = Map::new();
    let our_paths = ours.get("paths").and_then(Value::as_object).unwrap_or(&empty);
    let their_paths = published.get("paths").and_then(Value::as_object).unwrap_or(&empty);
    for (path, item) in our_paths {
        let Some(item) = item.as_object() else { continue };
        for (method, operation) in item {
            if !["get", "put", "post", "delete", "options", "head", "patch", "trace"].contains(&method.as_str()) {
                continue;
            }
            let place = format!("{} {path}", method.to_uppercase());
            let Some(theirs) = their_paths.get(path).and_then(|item| item.get(method)) else {
                findings.push(Finding {
                    severity: Severity::Conflict,
                    place,
                    message: "the published document has no such operation".to_owned(),
                });
                continue;
            };
            let mut compare = Compare { ours, theirs: published, findings: &mut findings };
            let body = |operation: &Value| {
                operation.pointer("/requestBody/content/application~1json/schema").cloned().unwrap_or(Value::Null)
            };
            compare.schema(&body(operation), &body(theirs), &format!("{place} request"), Direction::Request, 0);
            let success = |operation: &Value| {
                operation.get("responses").and_then(Value::as_object).and_then(|responses| {
                    responses.iter().find(|(status, _)| status.starts_with('2')).map(|(_, response)| response.clone())
                })
            };
            let response_schema = |document: &Value, response: Option<Value>| {
                let response = response.unwrap_or(Value::Null);
                let response = resolve(document, &response);
                response.pointer("/content/application~1json/schema").cloned().unwrap_or(Value::Null)
            };
            let our_response = response_schema(ours, success(operation));
            let their_response = response_schema(published, success(theirs));
            compare.schema(&our_response, &their_response, &format!("{place} response"), Direction::Response, 0);
        }
    }
    for (path, item) in their_paths {
        let Some(item) = item.as_object() else { continue };
        let ours_has_group = our_paths.keys().any(|ours| same_group(ours, path));
        for method in item.keys() {
            let covered = our_paths.get(path).and_then(|ours| ours.get(method)).is_some();
            // Only for the parts of the API we describe: a group of ours, a sibling operation.
            if !covered && ours_has_group && method == "post" {
                findings.push(Finding {
                    severity: Severity::Gap,
                    place: format!("POST {path}"),
                    message: "an operation of the published document that ours lacks".to_owned(),
                });
            }
        }
    }
    findings.sort();
    findings.dedup();
    findings
}

/// Whether two paths are operations of one group (`/acs/credentials/get`, `/acs/credentials/list`).
fn same_group(a: &str, b: &str) -> bool {
    let group = |path: &str| path.rsplit_once('/').map(|(group, _)| group.to_owned()).unwrap_or_default();
    !group(a).is_empty() && group(a) == group(b)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Direction {
    Request,
    Response,
}

struct Compare<'d> {
    ours: &'d Value,
    theirs: &'d Value,
    findings: &'d mut Vec<Finding>,
}

/// A schema reduced to what the comparison needs: unions and `allOf` merged into one object view.
#[derive(Default, Debug)]
struct Shape {
    types: BTreeSet<String>,
    nullable: bool,
    format: Option<String>,
    enumeration: Option<BTreeSet<String>>,
    /// Properties, each with whether every alternative requires it.
    properties: BTreeMap<String, (Value, bool)>,
    items: Option<Value>,
    max_length: Option<u64>,
    /// Whether any of the schema says nothing about its type (free-form).
    free: bool,
}

impl Compare<'_> {
    fn push(&mut self, severity: Severity, place: &str, message: String) {
        self.findings.push(Finding { severity, place: place.to_owned(), message });
    }

    fn schema(&mut self, ours: &Value, theirs: &Value, place: &str, direction: Direction, depth: usize) {
        if depth > 24 || ours.is_null() && theirs.is_null() {
            return;
        }
        let ours = shape_of(self.ours, ours, 0);
        let theirs = shape_of(self.theirs, theirs, 0);
        if ours.free || theirs.free {
            return;
        }
        let stricter = match direction {
            // An answer: ours must accept all of theirs.
            Direction::Response => "the bindings reject what the published document allows",
            // A request: all of ours must be accepted by theirs.
            Direction::Request => "Seam's schema rejects what the bindings send",
        };
        let numeric = |types: &BTreeSet<String>| types.iter().all(|t| t == "integer" || t == "number");
        let comparable = !ours.types.is_empty() && !theirs.types.is_empty();
        let both_numeric = numeric(&ours.types) && numeric(&theirs.types);
        let types_differ = comparable && ours.types != theirs.types && !both_numeric;
        if types_differ {
            self.push(
                Severity::Conflict,
                place,
                format!("type {:?} here, {:?} published: {stricter}", ours.types, theirs.types),
            );
            return;
        }
        if direction == Direction::Response && theirs.nullable && !ours.nullable {
            self.push(Severity::Conflict, place, format!("not nullable here, nullable published: {stricter}"));
        }
        if direction == Direction::Request && ours.nullable && !theirs.nullable {
            self.push(Severity::Conflict, place, format!("nullable here, not nullable published: {stricter}"));
        }
        let date_time = |shape: &Shape| shape.format.as_deref() == Some("date-time");
        if direction == Direction::Response && date_time(&ours) && !date_time(&theirs) {
            self.push(
                Severity::Conflict,
                place,
                format!("`format: date-time` here, a plain string published: {stricter}"),
            );
        }
        if let (Some(ours_values), Some(their_values)) = (&ours.enumeration, &theirs.enumeration) {
            let missing: Vec<&String> = their_values.difference(ours_values).collect();
            if !missing.is_empty() {
                self.push(Severity::Gap, place, format!("enum values published but not here: {missing:?}"));
            }
            let extra: Vec<&String> = ours_values.difference(their_values).collect();
            if !extra.is_empty() {
                let severity = if direction == Direction::Request { Severity::Conflict } else { Severity::Gap };
                self.push(severity, place, format!("enum values here but no longer published: {extra:?}"));
            }
        }
        if direction == Direction::Request {
            if let (Some(ours_max), Some(their_max)) = (ours.max_length, theirs.max_length) {
                if ours_max > their_max {
                    self.push(
                        Severity::Conflict,
                        place,
                        format!("maxLength {ours_max} here, {their_max} published: {stricter}"),
                    );
                }
            }
            if ours.max_length.is_none() && theirs.max_length.is_some() {
                self.push(
                    Severity::Gap,
                    place,
                    format!("maxLength {} published, not checked here", theirs.max_length.unwrap_or_default()),
                );
            }
        }
        if direction == Direction::Response && ours.max_length.is_some() && ours.max_length < theirs.max_length {
            self.push(Severity::Gap, place, "a shorter maxLength here than published".to_owned());
        }
        for (name, (their_schema, their_required)) in &theirs.properties {
            let field = format!("{place} .{name}");
            match ours.properties.get(name) {
                None => self.push(Severity::Gap, &field, "a field published but not here".to_owned()),
                Some((our_schema, our_required)) => {
                    if direction == Direction::Response && *our_required && !their_required {
                        self.push(Severity::Conflict, &field, format!("required here, optional published: {stricter}"));
                    }
                    if direction == Direction::Request && !*our_required && *their_required {
                        self.push(Severity::Conflict, &field, format!("optional here, required published: {stricter}"));
                    }
                    self.schema(our_schema, their_schema, &field, direction, depth + 1);
                }
            }
        }
        if !theirs.properties.is_empty() {
            for name in ours.properties.keys().filter(|name| !theirs.properties.contains_key(*name)) {
                let field = format!("{place} .{name}");
                let severity = if direction == Direction::Request { Severity::Conflict } else { Severity::Gap };
                self.push(severity, &field, "a field here that the published document does not have".to_owned());
            }
        }
        if let (Some(our_items), Some(their_items)) = (&ours.items, &theirs.items) {
            self.schema(our_items, their_items, &format!("{place}[]"), direction, depth + 1);
        }
    }
}

/// Follows `$ref`s within `document`.
fn resolve<'v>(document: &'v Value, schema: &'v Value) -> &'v Value {
    let mut current = schema;
    for _ in 0..16 {
        match current.get("$ref").and_then(Value::as_str).and_then(|r| r.strip_prefix('#')) {
            Some(pointer) => match document.pointer(pointer) {
                Some(target) => current = target,
                None => return current,
            },
            None => return current,
        }
    }
    current
}

/// The merged view of a schema: `allOf` parts combined, `oneOf`/`anyOf` alternatives united (a
/// property is required only when every alternative requires it).
fn shape_of(document: &Value, schema: &Value, depth: usize) -> Shape {
    let schema = resolve(document, schema);
    let mut shape = Shape::default();
    let Some(object) = schema.as_object() else {
        shape.free = true;
        return shape;
    };
    if depth > 16 {
        shape.free = true;
        return shape;
    }
    if let Some(typ) = object.get("type").and_then(Value::as_str) {
        shape.types.insert(typ.to_owned());
    }
    shape.nullable = object.get("nullable") == Some(&Value::Bool(true));
    shape.format = object.get("format").and_then(Value::as_str).map(str::to_owned);
    shape.max_length = object.get("maxLength").and_then(Value::as_u64);
    if let Some(values) = object.get("enum").and_then(Value::as_array) {
        let strings: BTreeSet<String> = values.iter().filter_map(Value::as_str).map(str::to_owned).collect();
        if values.iter().any(Value::is_null) {
            shape.nullable = true;
        }
        if !strings.is_empty() {
            shape.enumeration = Some(strings);
        }
    }
    let required: BTreeSet<&str> =
        object.get("required").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str).collect();
    if let Some(properties) = object.get("properties").and_then(Value::as_object) {
        for (name, property) in properties {
            shape.properties.insert(name.clone(), (property.clone(), required.contains(name.as_str())));
        }
    }
    shape.items = object.get("items").cloned();
    for part in object.get("allOf").and_then(Value::as_array).into_iter().flatten() {
        let part = shape_of(document, part, depth + 1);
        shape.types.extend(part.types);
        shape.nullable |= part.nullable;
        shape.format = shape.format.or(part.format);
        shape.enumeration = shape.enumeration.or(part.enumeration);
        shape.items = shape.items.or(part.items);
        for (name, (property, part_required)) in part.properties {
            let entry = shape.properties.entry(name.clone()).or_insert((property, false));
            entry.1 |= part_required || required.contains(name.as_str());
        }
    }
    let alternatives: Vec<&Value> = ["oneOf", "anyOf"]
        .iter()
        .filter_map(|keyword| object.get(*keyword).and_then(Value::as_array))
        .flatten()
        .collect();
    if !alternatives.is_empty() {
        let shapes: Vec<Shape> = alternatives.iter().map(|part| shape_of(document, part, depth + 1)).collect();
        let count = shapes.len();
        // Per property: its schema in each alternative that has it, and how many require it.
        let mut seen: BTreeMap<String, (Vec<Value>, usize)> = BTreeMap::new();
        for part in shapes {
            shape.types.extend(part.types);
            shape.nullable |= part.nullable;
            shape.free |= part.free;
            if let Some(values) = part.enumeration {
                shape.enumeration.get_or_insert_with(BTreeSet::new).extend(values);
            }
            shape.items = shape.items.or(part.items);
            for (name, (property, part_required)) in part.properties {
                let entry = seen.entry(name).or_insert((Vec::new(), 0));
                if !entry.0.contains(&property) {
                    entry.0.push(property);
                }
                entry.1 += usize::from(part_required);
            }
        }
        for (name, (mut schemas, required_in)) in seen {
            // The property's schemas across alternatives, united the same way.
            let property = if schemas.len() == 1 { schemas.remove(0) } else { serde_json::json!({ "anyOf": schemas }) };
            let entry = shape.properties.entry(name).or_insert((property, false));
            entry.1 |= required_in == count;
        }
        // Alternatives of different types are not one type.
        if shape.types.len() > 1 {
            shape.free = true;
        }
    }
    let typed = !shape.types.is_empty() || !shape.properties.is_empty() || shape.enumeration.is_some();
    shape.free |= !typed;
    shape
}

/// An allow-list of deliberate differences: lines `<place> | <start of the message> | <reason>`, where
/// `*` in a place stands for any text (`POST /acs/credentials/* .starts_at`); `#` starts a comment. Returns the
/// findings it does not explain, and the entries that explain nothing.
pub fn unexplained<'f>(findings: &'f [Finding], allow_list: &str) -> (Vec<&'f Finding>, Vec<String>) {
    let entries: Vec<(String, String)> = allow_list
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .filter_map(|line| {
            let mut parts = line.splitn(3, '|').map(|part| part.trim().to_owned());
            Some((parts.next()?, parts.next()?))
        })
        .collect();
    let matches = |finding: &Finding, (place, message): &(String, String)| {
        glob(place, &finding.place) && finding.message.starts_with(message.as_str())
    };
    let left = findings.iter().filter(|finding| !entries.iter().any(|entry| matches(finding, entry))).collect();
    let stale = entries
        .iter()
        .filter(|entry| !findings.iter().any(|finding| matches(finding, entry)))
        .map(|(place, message)| format!("{place} | {message}"))
        .collect();
    (left, stale)
}

/// Whether `text` matches `pattern`, where `*` stands for any text.
fn glob(pattern: &str, text: &str) -> bool {
    let mut pieces = pattern.split('*');
    let first = pieces.next().unwrap_or_default();
    let Some(mut rest) = text.strip_prefix(first) else { return false };
    let pieces: Vec<&str> = pieces.collect();
    for (index, piece) in pieces.iter().enumerate() {
        if index == pieces.len() - 1 {
            return rest.ends_with(piece);
        }
        match rest.find(piece) {
            Some(at) => rest = &rest[at + piece.len()..],
            None => return false,
        }
    }
    rest.is_empty()
}

/// The report as Markdown: counts, then each finding.
pub fn report(findings: &[Finding]) -> String {
    let count = |severity| findings.iter().filter(|f| f.severity == severity).count();
    let mut out = format!(
        "# Drift from the published document\n\n{} conflicts (the bindings would reject or send what the published document does not allow), {} gaps (what it has and ours lacks).\n",
        count(Severity::Conflict),
        count(Severity::Gap)
    );
    for (severity, title) in [(Severity::Conflict, "Conflicts"), (Severity::Gap, "Gaps")] {
        out.push_str(&format!("\n## {title}\n\n"));
        for finding in findings.iter().filter(|f| f.severity == severity) {
            out.push_str(&format!("- `{}`: {}\n", finding.place, finding.message));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn document(request: Value, response: Value) -> Value {
        json!({"paths": {"/things/get": {"post": {
            "requestBody": {"content": {"application/json": {"schema": request}}},
            "responses": {"200": {"content": {"application/json": {"schema": response}}}}
        }}}})
    }

    #[test]
    fn stricter_responses_and_unaccepted_requests_are_conflicts_missing_things_are_gaps() {
        let ours = document(
            json!({"type": "object", "properties": {"id": {"type": "string", "maxLength": 20}, "extra": {"type": "string"}}}),
            json!({"type": "object", "required": ["name", "kind"], "properties": {
                "name": {"type": "string"}, "kind": {"type": "string", "enum": ["a"]}, "at": {"type": "string", "format": "date-time"}
            }}),
        );
        let theirs = document(
            json!({"type": "object", "properties": {"id": {"type": "string", "maxLength": 10}, "search": {"type": "string"}}}),
            json!({"type": "object", "required": ["kind"], "properties": {
                "name": {"type": "string", "nullable": true}, "kind": {"type": "string", "enum": ["a", "b"]},
                "at": {"type": "string"}, "new_field": {"type": "boolean"}
            }}),
        );
        let found: Vec<String> = drift(&ours, &theirs).iter().map(ToString::to_string).collect();
        let expect = [
            "conflict: POST /things/get request .extra: a field here that the published document does not have",
            "conflict: POST /things/get request .id: maxLength 20 here, 10 published: Seam's schema rejects what the bindings send",
            "conflict: POST /things/get response .at: `format: date-time` here, a plain string published: the bindings reject what the published document allows",
            "conflict: POST /things/get response .name: not nullable here, nullable published: the bindings reject what the published document allows",
            "conflict: POST /things/get response .name: required here, optional published: the bindings reject what the published document allows",
            "gap: POST /things/get request .search: a field published but not here",
            "gap: POST /things/get response .kind: enum values published but not here: [\"b\"]",
            "gap: POST /things/get response .new_field: a field published but not here",
        ];
        assert_eq!(found, expect);
    }

    #[test]
    fn unions_merge_and_the_allow_list_explains() {
        let ours =
            document(json!({}), json!({"type": "object", "required": ["a"], "properties": {"a": {"type": "string"}}}));
        let theirs = document(
            json!({}),
            json!({"oneOf": [
                {"type": "object", "required": ["a"], "properties": {"a": {"type": "string"}}},
                {"type": "object", "properties": {"a": {"type": "string"}, "b": {"type": "string"}}}
            ]}),
        );
        let findings = drift(&ours, &theirs);
        assert_eq!(findings.len(), 2, "{findings:#?}");
        let allow = "# deliberate\nPOST /things/get response .a | required here | Seam's fake always sends it\nPOST /things/get response .b* | a field | later\nPOST /x | gone | stale\n";
        let (left, stale) = unexplained(&findings, allow);
        assert!(left.is_empty(), "{left:?}");
        assert_eq!(stale, ["POST /x | gone"]);
        assert!(glob(
            "POST /acs/credentials/* .starts_at",
            "POST /acs/credentials/get response .acs_credential .starts_at"
        ));
        assert!(!glob(
            "POST /acs/credentials/* .starts_at",
            "POST /acs/credentials/get response .acs_credential .ends_at"
        ));
        assert!(glob("exact", "exact") && !glob("exact", "exactly"));
    }
}
