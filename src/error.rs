//! The one error type of every call.

#[cfg(feature = "action-attempts")]
use crate::types::ActionAttempt;
use std::fmt;
use std::time::Duration;

/// What a call can fail with. Each variant is a different situation a caller may want to handle
/// differently; every variant that follows an answer from Seam carries its request id.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Seam answered with an error (`{"ok": false, "error": {...}}`) other than the ones below.
    #[error(transparent)]
    Api(Box<ApiError>),
    /// HTTP 401: the credentials were missing, wrong or revoked.
    #[error("unauthorized: {0}")]
    Unauthorized(Box<ApiError>),
    /// Seam rejected the request's input (`invalid_input`), with a message per field.
    #[error(transparent)]
    InvalidInput(Box<InvalidInputError>),
    /// The request broke a rule of the spec (pattern, length, range...) and was not sent.
    #[error(transparent)]
    Validation(ValidationError),
    /// No answer within the timeout (of the last attempt, after retries).
    #[error("no answer from {path} within {timeout:?}")]
    Timeout { path: &'static str, timeout: Duration },
    /// The request did not reach Seam or the answer did not arrive: DNS, connection, TLS, reset.
    #[error("request to {path} failed: {source}")]
    Transport { path: &'static str, source: reqwest::Error },
    /// A non-2xx answer without a Seam error envelope (a proxy's HTML page, an empty body...).
    #[error("HTTP {status} from {path} without a Seam error body{}: {excerpt}", request_id_suffix(request_id))]
    UnexpectedResponse { path: &'static str, status: u16, request_id: Option<String>, excerpt: String },
    /// A 2xx answer whose body does not match the operation's response type.
    #[error(
        "cannot decode the response of {path} (HTTP {status}{}) at `{field}`: {source}; the body starts: {excerpt}",
        request_id_suffix(request_id)
    )]
    Decode {
        path: &'static str,
        status: u16,
        request_id: Option<String>,
        /// Where in the body decoding failed, such as `access_codes[3].status`.
        field: String,
        /// The start of the body, bounded.
        excerpt: String,
        source: serde_json::Error,
    },
    /// A paginated list answered with a cursor it had already given: following it would never end.
    #[error("the pages of {path} loop: the server gave the cursor `{cursor}` twice")]
    RepeatedCursor { path: &'static str, cursor: String },
    /// The request could not be encoded as JSON.
    #[error("cannot encode the request to {path}: {source}")]
    Encode { path: &'static str, source: serde_json::Error },
    /// An action attempt finished with `status: error`; it carries Seam's error type and message.
    #[cfg(feature = "action-attempts")]
    #[error("action attempt {} ({}) failed: {}", .0.action_attempt_id, .0.action_type, action_attempt_error(.0))]
    ActionAttemptFailed(Box<ActionAttempt>),
    /// An action attempt was still pending when waiting for it timed out; it carries the last state seen.
    #[cfg(feature = "action-attempts")]
    #[error("action attempt {} ({}) still pending after {waited:?}", .attempt.action_attempt_id, .attempt.action_type)]
    ActionAttemptTimeout { attempt: Box<ActionAttempt>, waited: Duration },
    /// The client was configured wrongly; the message says how.
    #[error("invalid Seam client configuration: {0}")]
    Config(String),
}

/// Shorthand for results of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// An error reported by the Seam API.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiError {
    /// HTTP status code of the answer.
    pub status: u16,
    /// Seam's error type, such as `invalid_input` or `access_code_not_found`.
    pub error_type: String,
    /// Seam's human-readable message.
    pub message: String,
    /// The `seam-request-id` response header: quote it when asking Seam for support.
    pub request_id: Option<String>,
    /// The whole `error` object as received, with any fields beyond `type` and `message`.
    pub data: serde_json::Value,
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Seam API error `{}` (HTTP {}{}): {}",
            self.error_type,
            self.status,
            request_id_suffix(&self.request_id),
            self.message
        )
    }
}

impl std::error::Error for ApiError {}

/// Seam's `invalid_input` error, with its validation messages by field.
#[derive(Debug, Clone, PartialEq)]
pub struct InvalidInputError {
    pub api: ApiError,
    /// One entry per field Seam complained about, in the order it listed them; `field` is a dotted
    /// path (`visionline_metadata.card_format`), empty for messages about the request as a whole.
    pub fields: Vec<FieldError>,
}

impl fmt::Display for InvalidInputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.api)?;
        for field in &self.fields {
            let name = if field.field.is_empty() { "(request)" } else { &field.field };
            write!(f, "; {name}: {}", field.messages.join(", "))?;
        }
        Ok(())
    }
}

impl std::error::Error for InvalidInputError {}

/// Validation messages for one field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: String,
    pub messages: Vec<String>,
}

/// A request that breaks a constraint of the spec, found before sending.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid request: `{field}` {rule}")]
pub struct ValidationError {
    /// The field, as a dotted path of wire names.
    pub field: String,
    /// The rule it breaks, in words: "must match the pattern `^\d+$`".
    pub rule: String,
}

impl Error {
    /// The error Seam reported, for `Api`, `Unauthorized` and `InvalidInput`.
    pub fn api(&self) -> Option<&ApiError> {
        match self {
            Error::Api(error) | Error::Unauthorized(error) => Some(error),
            Error::InvalidInput(error) => Some(&error.api),
            _ => None,
        }
    }

    /// The `seam-request-id` of the answer, when one arrived.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            Error::UnexpectedResponse { request_id, .. } | Error::Decode { request_id, .. } => request_id.as_deref(),
            other => other.api().and_then(|api| api.request_id.as_deref()),
        }
    }
}

/// Reads Seam's `validation_errors`, which nest like the request (`{"_errors": [...], "field": {"_errors": [...]}}`).
pub(crate) fn field_errors(validation: &serde_json::Value) -> Vec<FieldError> {
    fn walk(value: &serde_json::Value, path: &str, out: &mut Vec<FieldError>) {
        let Some(object) = value.as_object() else { return };
        let messages: Vec<String> = object
            .get("_errors")
            .and_then(|e| e.as_array())
            .map(|list| list.iter().filter_map(|m| m.as_str().map(str::to_owned)).collect())
            .unwrap_or_default();
        if !messages.is_empty() {
            out.push(FieldError { field: path.to_owned(), messages });
        }
        for (key, child) in object.iter().filter(|(key, _)| *key != "_errors") {
            let child_path = if path.is_empty() { key.clone() } else { format!("{path}.{key}") };
            walk(child, &child_path, out);
        }
    }
    let mut out = Vec::new();
    walk(validation, "", &mut out);
    out
}

fn request_id_suffix(request_id: &Option<String>) -> String {
    request_id.as_ref().map(|id| format!(", request id {id}")).unwrap_or_default()
}

#[cfg(feature = "action-attempts")]
fn action_attempt_error(attempt: &ActionAttempt) -> String {
    match &attempt.error {
        Some(error) => format!("{}: {}", error.r#type, error.message),
        None => "no error details".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn validation_errors_flatten_to_dotted_fields() {
        let validation = json!({
            "_errors": ["Only one of acs_user_id or user_identity_id"],
            "code": {"_errors": ["Invalid"]},
            "visionline_metadata": {"_errors": [], "card_format": {"_errors": ["Invalid enum value"]}}
        });
        assert_eq!(
            field_errors(&validation),
            [
                FieldError { field: "".into(), messages: vec!["Only one of acs_user_id or user_identity_id".into()] },
                FieldError { field: "code".into(), messages: vec!["Invalid".into()] },
                FieldError {
                    field: "visionline_metadata.card_format".into(),
                    messages: vec!["Invalid enum value".into()]
                },
            ]
        );
    }
}
