//! Stage 1: text to `openapiv3::OpenAPI`, with every syntax or shape error located.

use crate::diagnostics::{Diagnostic, Location, Pointer};
use openapiv3::OpenAPI;

/// Parses a YAML or JSON OpenAPI 3.0 document.
pub fn parse(text: &str) -> Result<OpenAPI, Vec<Diagnostic>> {
    parse_document(text).map(|(api, _)| api)
}

/// Parses a document into `openapiv3`, and also into plain JSON for the checks that need every
/// keyword as written (openapiv3 drops what it does not know).
pub fn parse_document(text: &str) -> Result<(OpenAPI, serde_json::Value), Vec<Diagnostic>> {
    // JSON is YAML too, but serde_json reads it several times faster, which matters for large documents.
    let value: serde_json::Value = if text.trim_start().starts_with('{') {
        serde_json::from_str(text).map_err(|error| {
            let message = format!("not valid JSON: {}", strip_position(&error.to_string()));
            vec![Diagnostic::at_text(error.line(), error.column(), message)]
        })?
    } else {
        let yaml: serde_yaml::Value = serde_yaml::from_str(text).map_err(|error| {
            let location = match error.location() {
                Some(at) => Location::Text { line: at.line(), column: at.column() },
                None => Location::Pointer(Pointer::root().to_string()),
            };
            vec![Diagnostic {
                location,
                message: format!("not valid YAML or JSON: {}", strip_position(&error.to_string())),
                position: None,
            }]
        })?;
        // Keys that are not strings (a YAML `200:` is a number) become strings, as in JSON.
        serde_json::to_value(&yaml)
            .map_err(|error| vec![Diagnostic::at(&Pointer::root(), format!("cannot be read as JSON: {error}"))])?
    };
    check_version(value.get("openapi").and_then(serde_json::Value::as_str))?;
    let api = serde_path_to_error::deserialize::<_, OpenAPI>(&value).map_err(shape_error)?;
    Ok((api, value))
}

/// A document that parses but is not OpenAPI, located by the path serde was at.
fn shape_error<E: std::fmt::Display>(error: serde_path_to_error::Error<E>) -> Vec<Diagnostic> {
    let mut pointer = Pointer::root();
    for segment in error.path().iter() {
        match segment {
            serde_path_to_error::Segment::Seq { index } => pointer = pointer.push(index),
            serde_path_to_error::Segment::Map { key } => pointer = pointer.push(key),
            serde_path_to_error::Segment::Enum { .. } | serde_path_to_error::Segment::Unknown => {}
        }
    }
    vec![Diagnostic::at(&pointer, format!("not a valid OpenAPI 3.0 document here: {}", error.inner()))]
}

fn check_version(version: Option<&str>) -> Result<(), Vec<Diagnostic>> {
    let pointer = Pointer::root().push("openapi");
    match version {
        Some(version) if version.starts_with("3.0.") => Ok(()),
        Some(version) => Err(vec![Diagnostic::at(
            &pointer,
            format!("OpenAPI version {version} is not supported; seam-codegen reads OpenAPI 3.0.x"),
        )]),
        None => Err(vec![Diagnostic::at(&pointer, "missing `openapi: 3.0.x`; is this an OpenAPI document?")]),
    }
}

/// serde appends "at line L column C" to its messages; the location is reported separately.
fn strip_position(message: &str) -> &str {
    message.split(" at line ").next().unwrap_or(message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_syntax_error_has_line_and_column() {
        let errors = parse("openapi: 3.0.3\ninfo: [unclosed\n").unwrap_err();
        assert!(
            matches!(errors[0].location, Location::Text { line: 3, .. } | Location::Text { line: 2, .. }),
            "{errors:?}"
        );
    }

    #[test]
    fn json_syntax_error_has_line_and_column() {
        let errors = parse("{\n  \"openapi\": \"3.0.3\",\n  \"info\": [\n}").unwrap_err();
        assert_eq!(errors[0].location, Location::Text { line: 4, column: 1 }, "{errors:?}");
        assert!(errors[0].message.starts_with("not valid JSON"), "{errors:?}");
    }

    #[test]
    fn rejects_other_versions() {
        let errors = parse("openapi: 3.1.0\ninfo: {title: t, version: v}\npaths: {}\n").unwrap_err();
        assert_eq!(errors[0].location, Location::Pointer("#/openapi".into()));
    }
}
