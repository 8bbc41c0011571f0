//! The one error type of every call.

use std::fmt;

/// What a call can fail with. Match on the variant to tell a Seam API error from a transport failure
/// or a response that does not decode.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Seam answered with an error envelope (`{"ok": false, "error": {...}}`).
    #[error(transparent)]
    Api(Box<ApiError>),
    /// A non-2xx answer without a Seam error envelope (a proxy's HTML page, an empty body...).
    #[error("HTTP {status} from {path} without a Seam error body{}: {excerpt}", request_id_suffix(request_id))]
    UnexpectedResponse { path: &'static str, status: u16, request_id: Option<String>, excerpt: String },
    /// A 2xx answer whose body does not match the operation's response type.
    #[error("cannot decode the response of {path} (HTTP {status}{}) at `{field}`: {source}; the body starts: {excerpt}", request_id_suffix(request_id))]
    Decode {
        path: &'static str,
        status: u16,
        request_id: Option<String>,
        /// Where in the body decoding failed, such as `access_codes[3].status`.
        field: String,
        excerpt: String,
        source: serde_json::Error,
    },
    /// The request could not be encoded as JSON.
    #[error("cannot encode the request to {path}: {source}")]
    Encode { path: &'static str, source: serde_json::Error },
    /// The request did not reach Seam or the answer did not arrive (connection, TLS, timeout).
    #[error("request to {path} failed: {source}")]
    Transport { path: &'static str, source: reqwest::Error },
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
    /// The whole `error` object as received, with any fields beyond `type` and `message`
    /// (such as `validation_errors`).
    pub data: serde_json::Value,
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Seam API error `{}` (HTTP {}{}): {}", self.error_type, self.status, request_id_suffix(&self.request_id), self.message)
    }
}

impl std::error::Error for ApiError {}

impl Error {
    /// The Seam API error, if this is one.
    pub fn api(&self) -> Option<&ApiError> {
        match self {
            Error::Api(error) => Some(error),
            _ => None,
        }
    }

    /// The `seam-request-id` of the answer, when one arrived.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            Error::Api(error) => error.request_id.as_deref(),
            Error::UnexpectedResponse { request_id, .. } | Error::Decode { request_id, .. } => request_id.as_deref(),
            Error::Encode { .. } | Error::Transport { .. } | Error::Config(_) => None,
        }
    }
}

fn request_id_suffix(request_id: &Option<String>) -> String {
    request_id.as_ref().map(|id| format!(", request id {id}")).unwrap_or_default()
}
