//! The one error type of every call: the runtime's errors, Seam's action attempts, and how Seam
//! writes its errors (`{"ok": false, "error": {"type", "message", ...}}`).

#[cfg(feature = "action-attempts")]
use crate::types::ActionAttempt;
use seam_codegen_runtime::{ApiError, ErrorBody, ErrorKind, FieldError, InvalidInputError, RetryStop, ValidationError};
use std::fmt;
use std::time::Duration;

/// What a call can fail with: the runtime's [`seam_codegen_runtime::Error`], variant for variant,
/// and the outcomes of waiting for an action attempt. Each variant is a different situation a caller may want to handle
/// differently; every variant that follows an answer carries its request id. To tell situations
/// apart without matching variants (a 404 may arrive as [`Error::Api`] or
/// [`Error::UnexpectedResponse`], or wrapped in [`Error::Retried`]), use [`Error::kind`] and the
/// `is_*` helpers.
///
/// Messages are said once along the [`source`](std::error::Error::source) chain: `Display` says
/// what happened here, and the cause (reqwest's or serde's error, the last attempt's failure) is the
/// source. `Debug` is compact: kind, status, request id and the messages of the chain; the raw body
/// is available through [`Error::body`] and [`ApiError::data`].
#[derive(thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Seam answered with an error (`{"ok": false, "error": {...}}`) other than the ones below.
    #[error(transparent)]
    Api(Box<ApiError>),
    /// HTTP 401: the credentials were missing, wrong or revoked.
    #[error(transparent)]
    Unauthorized(Box<ApiError>),
    /// Seam rejected the request's input (`invalid_input`), with a message per field.
    #[error(transparent)]
    InvalidInput(Box<InvalidInputError>),
    /// The request broke a rule of the spec (pattern, length, range...) and was not sent.
    #[error(transparent)]
    Validation(ValidationError),
    /// No answer within one attempt's timeout.
    #[error("no answer from {path} within {timeout:?}")]
    Timeout { path: &'static str, timeout: Duration },
    /// The call's deadline passed during an attempt (see [`crate::SeamBuilder::deadline`]).
    #[error("the deadline of {deadline:?} for {path} passed during attempt {attempts}")]
    DeadlineExceeded { path: &'static str, deadline: Duration, attempts: u32 },
    /// The request did not reach the server or the answer did not arrive: DNS, connection, TLS,
    /// reset. The source is reqwest's error.
    #[error("request to {path} failed")]
    Transport {
        path: &'static str,
        #[source]
        source: reqwest::Error,
    },
    /// A non-2xx answer without an error envelope (a proxy's HTML page, an empty body...).
    #[error("HTTP {status} from {path} without an error body{}: {excerpt}", request_id_suffix(request_id))]
    UnexpectedResponse {
        path: &'static str,
        status: u16,
        request_id: Option<String>,
        /// The start of the body, bounded; the whole of it is [`Error::body`].
        excerpt: String,
        body: Box<[u8]>,
    },
    /// A 2xx answer whose body does not match the operation's response type. The source is serde's
    /// error.
    #[error(
        "cannot decode the response of {path} (HTTP {status}{}) at `{field}`; the body starts: {excerpt}",
        request_id_suffix(request_id)
    )]
    Decode {
        path: &'static str,
        status: u16,
        request_id: Option<String>,
        /// Where in the body decoding failed, such as `access_codes[3].status`.
        field: String,
        /// The start of the body, bounded; the whole of it is [`Error::body`].
        excerpt: String,
        body: Box<[u8]>,
        #[source]
        source: serde_json::Error,
    },
    /// A paginated list answered with a cursor it had already given: following it would never end.
    #[error("the pages of {path} loop: the server gave the cursor `{cursor}` twice")]
    RepeatedCursor { path: &'static str, cursor: String },
    /// The request could not be encoded. The source is serde's error.
    #[error("cannot encode the request to {path}")]
    Encode {
        path: &'static str,
        #[source]
        source: serde_json::Error,
    },
    /// The call made more than one attempt, or stopped retrying early (the deadline, a long
    /// `Retry-After`), and failed; `last` is the last attempt's failure, and also the source.
    #[error("{path} failed after {attempts} attempt{}: {stop}", if *attempts == 1 { "" } else { "s" })]
    Retried {
        path: &'static str,
        attempts: u32,
        stop: RetryStop,
        #[source]
        last: Box<Error>,
    },
    /// An action attempt finished with `status: error`; it carries Seam's error type and message.
    #[cfg(feature = "action-attempts")]
    #[error("action attempt {} ({}) failed: {}", .0.action_attempt_id, .0.action_type, action_attempt_error(.0))]
    ActionAttemptFailed(Box<ActionAttempt>),
    /// An action attempt was still pending when waiting for it timed out; it carries the last state seen.
    #[cfg(feature = "action-attempts")]
    #[error("action attempt {} ({}) still pending after {waited:?}", .attempt.action_attempt_id, .attempt.action_type)]
    ActionAttemptTimeout { attempt: Box<ActionAttempt>, waited: Duration },
    /// The client was configured wrongly; the message says how.
    #[error("invalid client configuration: {0}")]
    Config(String),
}

/// Shorthand for results of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// The situation behind this error, whatever the variant; [`Error::Retried`] answers for its
    /// last attempt.
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::Api(api) => api.kind(),
            Error::Unauthorized(_) => ErrorKind::Unauthorized,
            Error::InvalidInput(_) | Error::Validation(_) | Error::Encode { .. } => ErrorKind::InvalidInput,
            Error::Timeout { .. } | Error::DeadlineExceeded { .. } => ErrorKind::Timeout,
            Error::Transport { .. } => ErrorKind::Transport,
            Error::UnexpectedResponse { status, .. } => ErrorKind::of_status(*status).unwrap_or(ErrorKind::Other),
            Error::Decode { .. } => ErrorKind::Decode,
            Error::RepeatedCursor { .. } => ErrorKind::Other,
            Error::Retried { last, .. } => last.kind(),
            #[cfg(feature = "action-attempts")]
            Error::ActionAttemptFailed(_) => ErrorKind::OperationFailed,
            #[cfg(feature = "action-attempts")]
            Error::ActionAttemptTimeout { .. } => ErrorKind::Timeout,
            Error::Config(_) => ErrorKind::Config,
        }
    }

    /// The failure of the call's last attempt: the error inside [`Error::Retried`], else this one.
    /// Match on it to handle a variant whether or not the call was retried.
    pub fn last_attempt(&self) -> &Error {
        match self {
            Error::Retried { last, .. } => last,
            other => other,
        }
    }

    /// The resource does not exist (HTTP 404, or Seam's `not_found`/`*_not_found`).
    pub fn is_not_found(&self) -> bool {
        self.kind() == ErrorKind::NotFound
    }

    /// HTTP 401: the credentials were missing, wrong or revoked.
    pub fn is_unauthorized(&self) -> bool {
        self.kind() == ErrorKind::Unauthorized
    }

    /// The input was rejected, before sending or by the server.
    pub fn is_invalid_input(&self) -> bool {
        self.kind() == ErrorKind::InvalidInput
    }

    /// HTTP 429.
    pub fn is_rate_limited(&self) -> bool {
        self.kind() == ErrorKind::RateLimited
    }

    /// HTTP 5xx.
    pub fn is_server_error(&self) -> bool {
        self.kind() == ErrorKind::Server
    }

    /// No answer in time (an attempt's timeout or the call's deadline), or an action attempt still
    /// pending.
    pub fn is_timeout(&self) -> bool {
        self.kind() == ErrorKind::Timeout
    }

    /// The request or the answer did not get through.
    pub fn is_transport(&self) -> bool {
        self.kind() == ErrorKind::Transport
    }

    /// The error the server reported, for `Api`, `Unauthorized` and `InvalidInput` (also inside
    /// `Retried`).
    pub fn api(&self) -> Option<&ApiError> {
        match self {
            Error::Api(error) | Error::Unauthorized(error) => Some(error),
            Error::InvalidInput(error) => Some(&error.api),
            Error::Retried { last, .. } => last.api(),
            _ => None,
        }
    }

    /// The HTTP status of the answer, when one arrived.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::UnexpectedResponse { status, .. } | Error::Decode { status, .. } => Some(*status),
            Error::Retried { last, .. } => last.status(),
            other => other.api().map(|api| api.status),
        }
    }

    /// The `seam-request-id` of the answer, when one arrived: quote it when asking Seam for support.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            Error::UnexpectedResponse { request_id, .. } | Error::Decode { request_id, .. } => request_id.as_deref(),
            Error::Retried { last, .. } => last.request_id(),
            other => other.api().and_then(|api| api.request_id.as_deref()),
        }
    }

    /// The whole body of an answer that was not understood (`UnexpectedResponse`, `Decode`); messages
    /// quote only its start. Seam's error objects are [`ApiError::data`].
    pub fn body(&self) -> Option<&[u8]> {
        match self {
            Error::UnexpectedResponse { body, .. } | Error::Decode { body, .. } => Some(body),
            Error::Retried { last, .. } => last.body(),
            _ => None,
        }
    }
}

/// Compact, because `fn main() -> seam::Result<()>` prints it: the kind, the status and request id,
/// and each message of the source chain once; never a body.
impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut debug = f.debug_struct("Error");
        debug.field("kind", &self.kind());
        if let Some(status) = self.status() {
            debug.field("status", &status);
        }
        if let Some(request_id) = self.request_id() {
            debug.field("request_id", &request_id);
        }
        debug.field("message", &self.to_string());
        let mut causes = Vec::new();
        let mut source = std::error::Error::source(self);
        while let Some(cause) = source {
            causes.push(cause.to_string());
            source = cause.source();
        }
        if !causes.is_empty() {
            debug.field("caused_by", &causes);
        }
        debug.finish()
    }
}

/// Seam's error format: `{"error": {"type": "...", "message": "...", ...}}` (the envelope's `ok` is
/// false); `invalid_input` carries `validation_errors`, and `not_found` or `*_not_found` types mean
/// the resource does not exist whatever the status. The [`seam_codegen_runtime::ErrorReader`] of
/// [`crate::Seam`].
pub(crate) fn read_error(_status: u16, body: &[u8]) -> Option<ErrorBody> {
    let body = serde_json::from_slice::<serde_json::Value>(body).ok()?;
    let data = body.get("error")?.clone();
    let text = |key: &str| data.get(key).and_then(|value| value.as_str()).map(str::to_owned);
    let error_type = text("type")?;
    let message = text("message").unwrap_or_default();
    let not_found = error_type == "not_found" || error_type.ends_with("_not_found");
    let fields = (error_type == "invalid_input").then(|| data.get("validation_errors").map(field_errors));
    let read = ErrorBody::new(error_type, message, data.clone());
    Some(match fields {
        Some(fields) => read.kind(ErrorKind::InvalidInput).fields(fields.unwrap_or_default()),
        None if not_found => read.kind(ErrorKind::NotFound),
        None => read,
    })
}

/// Reads Seam's `validation_errors`, which nest like the request (`{"_errors": [...], "field": {"_errors": [...]}}`).
fn field_errors(validation: &serde_json::Value) -> Vec<FieldError> {
    fn walk(value: &serde_json::Value, path: &str, out: &mut Vec<FieldError>) {
        let Some(object) = value.as_object() else { return };
        let messages: Vec<String> = object
            .get("_errors")
            .and_then(|e| e.as_array())
            .map(|list| list.iter().filter_map(|m| m.as_str().map(str::to_owned)).collect())
            .unwrap_or_default();
        if !messages.is_empty() {
            out.push(FieldError::new(path, messages));
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

/// The runtime's errors, variant for variant.
impl From<seam_codegen_runtime::Error> for Error {
    fn from(error: seam_codegen_runtime::Error) -> Self {
        use seam_codegen_runtime::Error as Runtime;
        match error {
            Runtime::Api(api) => Error::Api(api),
            Runtime::Unauthorized(api) => Error::Unauthorized(api),
            Runtime::InvalidInput(input) => Error::InvalidInput(input),
            Runtime::Validation(validation) => Error::Validation(validation),
            Runtime::Timeout { path, timeout } => Error::Timeout { path, timeout },
            Runtime::DeadlineExceeded { path, deadline, attempts } => {
                Error::DeadlineExceeded { path, deadline, attempts }
            }
            Runtime::Transport { path, source } => Error::Transport { path, source },
            Runtime::UnexpectedResponse { path, status, request_id, excerpt, body } => {
                Error::UnexpectedResponse { path, status, request_id, excerpt, body }
            }
            Runtime::Decode { path, status, request_id, field, excerpt, body, source } => {
                Error::Decode { path, status, request_id, field, excerpt, body, source }
            }
            Runtime::RepeatedCursor { path, cursor } => Error::RepeatedCursor { path, cursor },
            Runtime::Encode { path, source } => Error::Encode { path, source },
            Runtime::Retried { path, attempts, stop, last } => {
                Error::Retried { path, attempts, stop, last: Box::new(Error::from(*last)) }
            }
            Runtime::Config(message) => Error::Config(message),
            // The runtime's error is non-exhaustive; a variant it adds shows here until it has its own.
            other => Error::Config(format!("unexpected runtime error: {other}")),
        }
    }
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

    /// An error as Seam answers it, read by Seam's reader.
    fn api(status: u16, error_type: &str) -> Error {
        let body =
            json!({"ok": false, "error": {"type": error_type, "message": "m", "stack": "at x (y.js:1)\n".repeat(50)}});
        let read = read_error(status, body.to_string().as_bytes()).unwrap();
        Error::from(seam_codegen_runtime::Error::from_body(status, Some("req_1".to_owned()), read))
    }

    #[test]
    fn kinds_follow_status_and_error_type_through_retries() {
        let cases = [
            (api(404, "access_code_not_found"), ErrorKind::NotFound),
            (api(400, "device_not_found"), ErrorKind::NotFound),
            (api(404, "whatever"), ErrorKind::NotFound),
            (api(403, "forbidden"), ErrorKind::Forbidden),
            (api(429, "rate_limited"), ErrorKind::RateLimited),
            (api(503, "service_unavailable"), ErrorKind::Server),
            (api(400, "invalid_input"), ErrorKind::InvalidInput),
            (api(409, "access_code_already_exists"), ErrorKind::Other),
        ];
        for (error, kind) in cases {
            assert_eq!(error.kind(), kind, "{error}");
            assert_eq!(error.api().unwrap().kind(), kind, "{error}");
            let status = error.status();
            let retried = Error::Retried { path: "/x", attempts: 3, stop: RetryStop::Exhausted, last: Box::new(error) };
            assert_eq!(retried.kind(), kind);
            assert_eq!(retried.status(), status);
            assert_eq!(retried.request_id(), Some("req_1"));
        }
        let page = Error::UnexpectedResponse {
            path: "/x",
            status: 404,
            request_id: None,
            excerpt: String::new(),
            body: Box::default(),
        };
        assert!(page.is_not_found());
        assert!(Error::Config("x".to_owned()).kind() == ErrorKind::Config);
    }

    #[test]
    fn debug_is_compact_and_never_dumps_the_error_object() {
        let error = api(500, "internal");
        let debug = format!("{error:?}");
        assert!(!debug.contains("y.js"), "{debug}");
        assert!(debug.contains("kind: Server") && debug.contains("req_1"), "{debug}");
        assert!(format!("{:?}", error.api().unwrap()).contains(r#"data_fields: ["stack"]"#));
    }

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
                FieldError::new("", vec!["Only one of acs_user_id or user_identity_id".into()]),
                FieldError::new("code", vec!["Invalid".into()]),
                FieldError::new("visionline_metadata.card_format", vec!["Invalid enum value".into()]),
            ]
        );
    }
}
