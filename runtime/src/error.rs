//! The one error type of every call, and how an API's error bodies are read into it.

use std::fmt;
use std::time::Duration;

/// What a call can fail with. Each variant is a different situation a caller may want to handle
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
    /// The API answered with an error its [`ErrorReader`] understood, other than the ones below.
    #[error(transparent)]
    Api(Box<ApiError>),
    /// HTTP 401: the credentials were missing, wrong or revoked.
    #[error(transparent)]
    Unauthorized(Box<ApiError>),
    /// The API rejected the request's input, with a message per field.
    #[error(transparent)]
    InvalidInput(Box<InvalidInputError>),
    /// The request broke a rule of the spec (pattern, length, range...) and was not sent.
    #[error(transparent)]
    Validation(ValidationError),
    /// No answer within one attempt's timeout.
    #[error("no answer from {path} within {timeout:?}")]
    Timeout { path: &'static str, timeout: Duration },
    /// The call's deadline passed during an attempt (see [`crate::ClientBuilder::deadline`]).
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
    /// A non-2xx answer that is not an error the API's [`ErrorReader`] understands (a proxy's HTML
    /// page, an empty body, or any error of an API without a reader).
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
    /// The client was configured wrongly; the message says how.
    #[error("invalid client configuration: {0}")]
    Config(String),
}

/// Why a call stopped retrying.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum RetryStop {
    /// Every retry of the [`crate::RetryPolicy`] was used.
    Exhausted,
    /// The next wait would end after the call's deadline.
    Deadline(Duration),
    /// The server's `Retry-After` asked for a longer wait than the policy allows.
    RetryAfterTooLong(Duration),
}

impl fmt::Display for RetryStop {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RetryStop::Exhausted => f.write_str("every retry was used"),
            RetryStop::Deadline(deadline) => write!(f, "no time for another before the deadline of {deadline:?}"),
            RetryStop::RetryAfterTooLong(wait) => {
                write!(f, "the server asked to wait {wait:?}, longer than the retry policy allows")
            }
        }
    }
}

/// The situation behind an [`Error`], whatever variant carries it: what a caller branches on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The resource does not exist: HTTP 404, or an error the API's reader classifies so (Seam's
    /// `*_not_found` types).
    NotFound,
    /// HTTP 401: the credentials were missing, wrong or revoked.
    Unauthorized,
    /// HTTP 403: the credentials do not allow this.
    Forbidden,
    /// The request's input was rejected: before sending ([`Error::Validation`]), by the server
    /// ([`Error::InvalidInput`]), or it could not be encoded.
    InvalidInput,
    /// HTTP 429.
    RateLimited,
    /// HTTP 5xx.
    Server,
    /// No answer in time: an attempt's timeout, the call's deadline, or work the call started on the
    /// server (an action attempt, a long-running operation) still pending when waiting for it ended.
    Timeout,
    /// The request or the answer did not get through.
    Transport,
    /// A 2xx answer that does not match the response type.
    Decode,
    /// Work the call started on the server (an action attempt, a long-running operation) finished
    /// with an error.
    OperationFailed,
    /// The client is configured wrongly.
    Config,
    /// Anything else: another 4xx error from the server (see [`ApiError::error_type`]), a list whose
    /// cursor repeats.
    Other,
}

/// Shorthand for results of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// An error reported by the API.
#[derive(Clone, PartialEq)]
#[non_exhaustive]
pub struct ApiError {
    /// HTTP status code of the answer.
    pub status: u16,
    /// The API's error type, such as Seam's `invalid_input` or `access_code_not_found`.
    pub error_type: String,
    /// The API's human-readable message.
    pub message: String,
    /// The answer's request id header (see [`crate::ClientBuilder::request_id_header`]): quote it
    /// when asking the API's provider for support.
    pub request_id: Option<String>,
    /// The whole error object as received, with any fields beyond its type and message.
    pub data: serde_json::Value,
    /// The situation, where the API's reader knows better than the status.
    pub(crate) kind: Option<ErrorKind>,
}

/// How an API writes its errors: reads the body of a non-2xx answer (or of a 2xx answer whose
/// envelope flag is false) into an [`ErrorBody`], or `None` when the body is no error the API
/// writes. Set with [`crate::ClientBuilder::error_reader`].
pub type ErrorReader = fn(status: u16, body: &[u8]) -> Option<ErrorBody>;

/// An error as the API wrote it, read by its [`ErrorReader`].
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct ErrorBody {
    pub error_type: String,
    pub message: String,
    /// The whole error object, kept in [`ApiError::data`].
    pub data: serde_json::Value,
    /// The situation, when the error type says more than the status (a `*_not_found` on a 400).
    pub kind: Option<ErrorKind>,
    /// Messages by field: the request's input was rejected ([`Error::InvalidInput`]).
    pub fields: Option<Vec<FieldError>>,
}

impl ErrorBody {
    pub fn new(error_type: impl Into<String>, message: impl Into<String>, data: serde_json::Value) -> Self {
        ErrorBody { error_type: error_type.into(), message: message.into(), data, kind: None, fields: None }
    }

    /// This error, classified as `kind` whatever its status.
    pub fn kind(self, kind: ErrorKind) -> Self {
        ErrorBody { kind: Some(kind), ..self }
    }

    /// This error, a rejection of the request's input with these messages by field.
    pub fn fields(self, fields: Vec<FieldError>) -> Self {
        ErrorBody { fields: Some(fields), ..self }
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "API error `{}` (HTTP {}{}): {}",
            self.error_type,
            self.status,
            request_id_suffix(&self.request_id),
            self.message
        )
    }
}

/// Compact: the error object's other fields (a server's stack, context) are named, not dumped.
impl fmt::Debug for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let other_fields: Vec<&str> = self
            .data
            .as_object()
            .map(|object| object.keys().map(String::as_str).filter(|key| !["type", "message"].contains(key)).collect())
            .unwrap_or_default();
        f.debug_struct("ApiError")
            .field("status", &self.status)
            .field("error_type", &self.error_type)
            .field("message", &self.message)
            .field("request_id", &self.request_id)
            .field("data_fields", &other_fields)
            .finish()
    }
}

impl std::error::Error for ApiError {}

/// A rejection of the request's input (Seam's `invalid_input`), with its messages by field.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct InvalidInputError {
    pub api: ApiError,
    /// One entry per field Seam complained about, in the order it listed them; `field` is a dotted
    /// path (`visionline_metadata.card_format`), empty for messages about the request as a whole.
    pub fields: Vec<FieldError>,
}

impl fmt::Display for InvalidInputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.api)?;
        // The message often already quotes the field messages (Seam's does); each is said once.
        for field in &self.fields {
            let unsaid: Vec<&str> = field
                .messages
                .iter()
                .map(String::as_str)
                .filter(|message| !self.api.message.contains(*message))
                .collect();
            if unsaid.is_empty() {
                continue;
            }
            let name = if field.field.is_empty() { "(request)" } else { &field.field };
            write!(f, "; {name}: {}", unsaid.join(", "))?;
        }
        Ok(())
    }
}

impl std::error::Error for InvalidInputError {}

/// Validation messages for one field.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct FieldError {
    pub field: String,
    pub messages: Vec<String>,
}

impl FieldError {
    pub fn new(field: impl Into<String>, messages: Vec<String>) -> Self {
        FieldError { field: field.into(), messages }
    }
}

/// A request that breaks a constraint of the spec, found before sending.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid request: `{field}` {rule}")]
#[non_exhaustive]
pub struct ValidationError {
    /// The field, as a dotted path of wire names.
    pub field: String,
    /// The rule it breaks, in words: "must match the pattern `^\d+$`".
    pub rule: String,
}

impl ValidationError {
    /// This error, of a value held in `parent` (a field, or with `index` one of its items): the
    /// field `code` of the third item of `access_methods` becomes `access_methods[2].code`.
    pub fn under(self, parent: &str, index: Option<usize>) -> Self {
        let mut field = parent.to_owned();
        if let Some(index) = index {
            field.push_str(&format!("[{index}]"));
        }
        if !self.field.is_empty() {
            if !field.is_empty() && !self.field.starts_with('[') {
                field.push('.');
            }
            field.push_str(&self.field);
        }
        ValidationError { field, rule: self.rule }
    }
}

impl Error {
    /// The error an answer reports, as the API's [`ErrorReader`] read it: [`Error::Unauthorized`]
    /// for a 401, [`Error::InvalidInput`] with messages by field, else [`Error::Api`].
    pub fn from_body(status: u16, request_id: Option<String>, body: ErrorBody) -> Error {
        let ErrorBody { error_type, message, data, kind, fields } = body;
        let api = ApiError { status, error_type, message, request_id, data, kind };
        match fields {
            _ if status == 401 => Error::Unauthorized(Box::new(api)),
            Some(fields) => Error::InvalidInput(Box::new(InvalidInputError { api, fields })),
            None => Error::Api(Box::new(api)),
        }
    }

    /// The situation behind this error, whatever the variant; [`Error::Retried`] answers for its
    /// last attempt.
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::Api(api) => api.kind(),
            Error::Unauthorized(_) => ErrorKind::Unauthorized,
            Error::InvalidInput(_) | Error::Validation(_) | Error::Encode { .. } => ErrorKind::InvalidInput,
            Error::Timeout { .. } | Error::DeadlineExceeded { .. } => ErrorKind::Timeout,
            Error::Transport { .. } => ErrorKind::Transport,
            Error::UnexpectedResponse { status, .. } => kind_of_status(*status).unwrap_or(ErrorKind::Other),
            Error::Decode { .. } => ErrorKind::Decode,
            Error::RepeatedCursor { .. } => ErrorKind::Other,
            Error::Retried { last, .. } => last.kind(),
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

    /// The resource does not exist (HTTP 404, or an error the API's reader classifies so).
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

    /// No answer in time (an attempt's timeout or the call's deadline).
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

    /// The request id of the answer, when one arrived: quote it when asking for support.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            Error::UnexpectedResponse { request_id, .. } | Error::Decode { request_id, .. } => request_id.as_deref(),
            Error::Retried { last, .. } => last.request_id(),
            other => other.api().and_then(|api| api.request_id.as_deref()),
        }
    }

    /// The whole body of an answer that was not understood (`UnexpectedResponse`, `Decode`); messages
    /// quote only its start. Error objects the API's reader understood are [`ApiError::data`].
    pub fn body(&self) -> Option<&[u8]> {
        match self {
            Error::UnexpectedResponse { body, .. } | Error::Decode { body, .. } => Some(body),
            Error::Retried { last, .. } => last.body(),
            _ => None,
        }
    }

    /// The body of the error answer decoded as `T` (the type the document gives the answer): the
    /// error object the API's reader read, or the body of an answer it did not read. `None` without
    /// an error answer, or when the body is not a `T`. Generated `error_answer` functions use it.
    pub fn decode_answer<T: serde::de::DeserializeOwned>(&self) -> Option<T> {
        match self.last_attempt() {
            Error::Api(api) | Error::Unauthorized(api) => T::deserialize(&api.data).ok(),
            Error::InvalidInput(invalid) => T::deserialize(&invalid.api.data).ok(),
            Error::UnexpectedResponse { body, .. } => serde_json::from_slice(body).ok(),
            _ => None,
        }
    }
}

impl ApiError {
    /// The situation: as the API's reader classified the error, else from the status.
    pub fn kind(&self) -> ErrorKind {
        self.kind.or_else(|| kind_of_status(self.status)).unwrap_or(ErrorKind::Other)
    }
}

impl ErrorKind {
    /// The situation an HTTP status alone says, if it says one: 401, 403, 404, 429 and 5xx.
    pub fn of_status(status: u16) -> Option<ErrorKind> {
        kind_of_status(status)
    }
}

fn kind_of_status(status: u16) -> Option<ErrorKind> {
    Some(match status {
        401 => ErrorKind::Unauthorized,
        403 => ErrorKind::Forbidden,
        404 => ErrorKind::NotFound,
        429 => ErrorKind::RateLimited,
        500..=599 => ErrorKind::Server,
        _ => return None,
    })
}

/// An [`ErrorReader`] for the ways JSON APIs commonly write errors, for APIs whose document says no
/// more: an `error` object with a `message` and a `type`, `code` or `status` (Stripe, Google); an
/// `error` string with an optional `error_description` (OAuth 2); a problem document (RFC 7807:
/// `type`, `title`, `detail`); a top-level `message` with an optional `code`, `type` or `error`
/// (GitHub); an `errors` array whose first entry has a `message` or `detail`. Anything else is
/// `None`, and the call fails with [`Error::UnexpectedResponse`] and the whole body. Without a type,
/// the error type is `http_<status>`.
pub fn read_json_error(status: u16, body: &[u8]) -> Option<ErrorBody> {
    let data: serde_json::Value = serde_json::from_slice(body).ok()?;
    let object = data.as_object()?;
    let text = |value: Option<&serde_json::Value>| match value? {
        serde_json::Value::String(text) if !text.is_empty() => Some(text.clone()),
        serde_json::Value::Number(number) => Some(number.to_string()),
        _ => None,
    };
    let type_of = |object: &serde_json::Map<String, serde_json::Value>| {
        ["type", "code", "error_type", "status", "error"].iter().find_map(|key| text(object.get(*key)))
    };
    let (error_type, message) = match object.get("error") {
        Some(serde_json::Value::Object(error)) => (type_of(error), text(error.get("message"))?),
        Some(serde_json::Value::String(error)) => {
            let message = text(object.get("error_description")).or_else(|| text(object.get("message")));
            (Some(error.clone()), message.unwrap_or_else(|| error.clone()))
        }
        _ => match text(object.get("message")).or_else(|| text(object.get("detail"))) {
            Some(message) => (type_of(object).or_else(|| text(object.get("title"))), message),
            None => match object.get("errors").and_then(|errors| errors.as_array()?.first()?.as_object()) {
                Some(first) => {
                    let message = text(first.get("message")).or_else(|| text(first.get("detail")))?;
                    (type_of(first), message)
                }
                None => (type_of(object), text(object.get("title"))?),
            },
        },
    };
    let error_type = error_type.unwrap_or_else(|| format!("http_{status}"));
    Some(ErrorBody::new(error_type, message, data))
}

/// Compact, because `fn main() -> Result<()>` prints it: the kind, the status and request id,
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

pub(crate) fn request_id_suffix(request_id: &Option<String>) -> String {
    request_id.as_ref().map(|id| format!(", request id {id}")).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn api(status: u16, error_type: &str) -> ApiError {
        ApiError {
            status,
            error_type: error_type.to_owned(),
            message: "m".to_owned(),
            request_id: Some("req_1".to_owned()),
            data: json!({"type": error_type, "message": "m", "stack": "at x (y.js:1)\n".repeat(50)}),
            kind: None,
        }
    }

    #[test]
    fn the_json_reader_knows_the_common_error_shapes() {
        let read = |body: &str| read_json_error(404, body.as_bytes()).map(|b| (b.error_type, b.message));
        let pair = |t: &str, m: &str| Some((t.to_owned(), m.to_owned()));
        assert_eq!(read(r#"{"error":{"type":"not_found","message":"gone"}}"#), pair("not_found", "gone"));
        assert_eq!(read(r#"{"error":{"code":404,"message":"gone","status":"NOT_FOUND"}}"#), pair("404", "gone"));
        assert_eq!(
            read(r#"{"error":"invalid_grant","error_description":"expired"}"#),
            pair("invalid_grant", "expired")
        );
        assert_eq!(read(r#"{"error":"Not Found","message":"no pet 7","status":404}"#), pair("Not Found", "no pet 7"));
        assert_eq!(
            read(r#"{"type":"https://e.com/p","title":"Missing","detail":"no pet 7"}"#),
            pair("https://e.com/p", "no pet 7")
        );
        assert_eq!(read(r#"{"title":"Missing","status":404}"#), pair("404", "Missing"));
        assert_eq!(
            read(r#"{"message":"Not Found","documentation_url":"https://docs"}"#),
            pair("http_404", "Not Found")
        );
        assert_eq!(read(r#"{"errors":[{"code":"bad","message":"no"}]}"#), pair("bad", "no"));
        assert_eq!(read(r#"{"pets":[]}"#), None);
        assert_eq!(read("[1]"), None);
        assert_eq!(read("<html>"), None);
        let body = read_json_error(500, br#"{"message":"boom","trace":"x"}"#).unwrap();
        assert_eq!(body.data["trace"], "x", "the whole object is kept");
    }

    #[test]
    fn kinds_follow_the_reader_and_the_status_through_retries() {
        let cases = [
            (api(404, "whatever"), ErrorKind::NotFound),
            (ApiError { kind: Some(ErrorKind::NotFound), ..api(400, "device_not_found") }, ErrorKind::NotFound),
            (api(400, "device_not_found"), ErrorKind::Other),
            (api(403, "forbidden"), ErrorKind::Forbidden),
            (api(429, "rate_limited"), ErrorKind::RateLimited),
            (api(503, "service_unavailable"), ErrorKind::Server),
            (api(409, "access_code_already_exists"), ErrorKind::Other),
        ];
        for (api, kind) in cases {
            let error = Error::Api(Box::new(api.clone()));
            assert_eq!(error.kind(), kind, "{api}");
            let retried = Error::Retried { path: "/x", attempts: 3, stop: RetryStop::Exhausted, last: Box::new(error) };
            assert_eq!(retried.kind(), kind);
            assert_eq!(retried.status(), Some(api.status));
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
    fn an_error_answer_decodes_from_what_was_read_or_from_the_raw_body() {
        #[derive(serde::Deserialize, Debug, PartialEq)]
        struct Missing {
            message: String,
        }
        let read = Error::Api(Box::new(api(404, "not_found")));
        assert_eq!(read.decode_answer(), Some(Missing { message: "m".to_owned() }));
        let retried = Error::Retried { path: "/x", attempts: 2, stop: RetryStop::Exhausted, last: Box::new(read) };
        assert_eq!(retried.decode_answer(), Some(Missing { message: "m".to_owned() }), "through retries");
        let unread = |body: &[u8]| Error::UnexpectedResponse {
            path: "/x",
            status: 418,
            request_id: None,
            excerpt: String::new(),
            body: body.to_vec().into_boxed_slice(),
        };
        assert_eq!(unread(br#"{"message":"teapot"}"#).decode_answer(), Some(Missing { message: "teapot".to_owned() }));
        assert_eq!(unread(b"<html>").decode_answer::<Missing>(), None, "a body of another shape");
        assert_eq!(Error::Config("x".to_owned()).decode_answer::<Missing>(), None, "no answer at all");
    }

    #[test]
    fn debug_is_compact_and_never_dumps_the_error_object() {
        let error = Error::Api(Box::new(api(500, "internal")));
        let debug = format!("{error:?}");
        assert!(!debug.contains("y.js"), "{debug}");
        assert!(debug.contains("kind: Server") && debug.contains("req_1"), "{debug}");
        assert!(format!("{:?}", api(500, "internal")).contains(r#"data_fields: ["stack"]"#));
    }
}
