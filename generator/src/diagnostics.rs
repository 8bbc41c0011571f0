//! Errors and warnings that point at the place in the spec they are about.

use std::fmt;

/// Where in the input a diagnostic applies.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Location {
    /// A JSON pointer into the document, such as `#/paths/~1acs~1credentials~1create/post`.
    Pointer(String),
    /// A position in the YAML or JSON text (1-based), for syntax errors.
    Text { line: usize, column: usize },
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::Pointer(pointer) => f.write_str(pointer),
            Location::Text { line, column } => write!(f, "line {line}, column {column}"),
        }
    }
}

/// One problem found in the spec.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    pub location: Location,
    pub message: String,
    /// The line and column (1-based) of a pointer location in the spec's text, once known.
    pub position: Option<(usize, usize)>,
}

impl Diagnostic {
    pub fn at(pointer: &Pointer, message: impl Into<String>) -> Self {
        Diagnostic { location: Location::Pointer(pointer.to_string()), message: message.into(), position: None }
    }

    /// A diagnostic at a position in the text, for syntax errors.
    pub fn at_text(line: usize, column: usize, message: impl Into<String>) -> Self {
        Diagnostic { location: Location::Text { line, column }, message: message.into(), position: None }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.position {
            Some((line, column)) => write!(f, "{} (line {line}, column {column}): {}", self.location, self.message),
            None => write!(f, "{}: {}", self.location, self.message),
        }
    }
}

/// A JSON pointer (RFC 6901) in its URI-fragment form, built segment by segment.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pointer(String);

impl Pointer {
    pub fn root() -> Self {
        Pointer("#".to_owned())
    }

    /// Parses a local `$ref` such as `#/components/schemas/acs_credential`.
    pub fn from_ref(reference: &str) -> Option<Self> {
        (reference == "#" || reference.starts_with("#/")).then(|| Pointer(reference.to_owned()))
    }

    pub fn push(&self, segment: impl fmt::Display) -> Self {
        let escaped = segment.to_string().replace('~', "~0").replace('/', "~1");
        Pointer(format!("{}/{}", self.0, escaped))
    }

    /// The pointer one level up (the root's parent is the root).
    pub fn parent(&self) -> Self {
        match self.0.rsplit_once('/') {
            Some((parent, _)) if !parent.is_empty() => Pointer(parent.to_owned()),
            _ => Pointer::root(),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Pointer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointer_segments_are_escaped() {
        let pointer = Pointer::root().push("paths").push("/acs/credentials/create").push("a~b");
        assert_eq!(pointer.as_str(), "#/paths/~1acs~1credentials~1create/a~0b");
    }
}
