//! The HTTP client: configuration, authentication, sending a request and reading the answer.

use crate::error::{ApiError, Error, Result};
use reqwest::header::{HeaderMap, HeaderValue, CONTENT_TYPE};
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::fmt;
use std::sync::Arc;
use std::time::Duration;

/// Seam's production API.
pub const DEFAULT_ENDPOINT: &str = "https://connect.getseam.com";

const SDK_NAME: &str = "seam-rs";
const SDK_VERSION: &str = env!("CARGO_PKG_VERSION");
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
/// How much of an unexpected body an error quotes.
const EXCERPT_BYTES: usize = 512;

/// An API operation: a request type that knows its path and its response type.
/// Generated for every request type; [`Seam::execute`] sends any of them.
pub trait Operation: Serialize {
    /// HTTP path, such as `/acs/credentials/create`.
    const PATH: &'static str;
    /// The success body, without the envelope's `ok`.
    type Response: DeserializeOwned;
}

/// A Seam API client. Cheap to clone (the connection pool is shared) and safe to use from many tasks.
#[derive(Clone)]
pub struct Seam {
    inner: Arc<Inner>,
}

struct Inner {
    http: reqwest::Client,
    endpoint: String,
    api_key: String,
}

impl fmt::Debug for Seam {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Seam").field("endpoint", &self.inner.endpoint).field("api_key", &"<redacted>").finish()
    }
}

impl Seam {
    /// A client for Seam's production API authenticated with an API key.
    pub fn new(api_key: impl Into<String>) -> Result<Self> {
        Self::builder().api_key(api_key).build()
    }

    /// A client with other settings: endpoint, HTTP client.
    pub fn builder() -> SeamBuilder {
        SeamBuilder::default()
    }

    /// The base URL requests go to.
    pub fn endpoint(&self) -> &str {
        &self.inner.endpoint
    }

    /// Sends any operation and returns its whole success body; the group methods
    /// (`seam.acs().credentials().create(..)`) return only the part the API documents as the result.
    pub async fn execute<O: Operation>(&self, request: &O) -> Result<O::Response> {
        let path = O::PATH;
        let body = serde_json::to_vec(request).map_err(|source| Error::Encode { path, source })?;
        let response = self
            .inner
            .http
            .post(format!("{}{path}", self.inner.endpoint))
            .bearer_auth(&self.inner.api_key)
            .header(CONTENT_TYPE, HeaderValue::from_static("application/json"))
            .body(body)
            .send()
            .await
            .map_err(|source| Error::Transport { path, source })?;
        let status = response.status().as_u16();
        let request_id = response.headers().get("seam-request-id").and_then(|v| v.to_str().ok()).map(str::to_owned);
        let bytes = response.bytes().await.map_err(|source| Error::Transport { path, source })?;
        if (200..300).contains(&status) {
            decode(path, status, request_id, &bytes)
        } else {
            Err(error_from_body(path, status, request_id, &bytes))
        }
    }
}

fn decode<T: DeserializeOwned>(path: &'static str, status: u16, request_id: Option<String>, bytes: &[u8]) -> Result<T> {
    serde_json::from_slice(bytes).map_err(|_| {
        // Decode again, tracking the path, only on failure: the fast path pays nothing for it.
        let tracked = serde_path_to_error::deserialize::<_, T>(&mut serde_json::Deserializer::from_slice(bytes));
        let (field, source) = match tracked {
            Err(error) => (error.path().to_string(), error.into_inner()),
            Ok(_) => unreachable!("a body that failed to decode decodes when its path is tracked"),
        };
        Error::Decode { path, status, request_id, field, excerpt: excerpt(bytes), source }
    })
}

fn error_from_body(path: &'static str, status: u16, request_id: Option<String>, bytes: &[u8]) -> Error {
    let error = serde_json::from_slice::<serde_json::Value>(bytes).ok().and_then(|body| body.get("error").cloned());
    let text = |value: &serde_json::Value, key: &str| value.get(key).and_then(|v| v.as_str()).map(str::to_owned);
    match error {
        Some(data) if text(&data, "type").is_some() => Error::Api(Box::new(ApiError {
            status,
            error_type: text(&data, "type").unwrap_or_default(),
            message: text(&data, "message").unwrap_or_default(),
            request_id,
            data,
        })),
        _ => Error::UnexpectedResponse { path, status, request_id, excerpt: excerpt(bytes) },
    }
}

/// The start of a body, for error messages: bounded, and cut on a character boundary.
fn excerpt(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(&bytes[..bytes.len().min(EXCERPT_BYTES)]);
    let mut excerpt = text.into_owned();
    if bytes.len() > EXCERPT_BYTES {
        excerpt.push('…');
    }
    excerpt
}

/// Settings of a [`Seam`] client.
#[derive(Default)]
pub struct SeamBuilder {
    api_key: Option<String>,
    endpoint: Option<String>,
    http: Option<reqwest::Client>,
}

impl fmt::Debug for SeamBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SeamBuilder")
            .field("api_key", &self.api_key.as_ref().map(|_| "<redacted>"))
            .field("endpoint", &self.endpoint)
            .finish()
    }
}

impl SeamBuilder {
    /// The API key, sent as `Authorization: Bearer <key>`.
    pub fn api_key(mut self, api_key: impl Into<String>) -> Self {
        self.api_key = Some(api_key.into());
        self
    }

    /// Another base URL, such as a local fake server: `http://127.0.0.1:8080`.
    pub fn endpoint(mut self, endpoint: impl Into<String>) -> Self {
        self.endpoint = Some(endpoint.into());
        self
    }

    /// A `reqwest::Client` of your own (proxies, TLS roots, timeouts). By default the client has a
    /// 30-second timeout and a `seam-rs` user agent.
    pub fn http_client(mut self, http: reqwest::Client) -> Self {
        self.http = Some(http);
        self
    }

    pub fn build(self) -> Result<Seam> {
        let api_key = match self.api_key {
            Some(key) if !key.trim().is_empty() => key,
            Some(_) => return Err(Error::Config("the API key is empty".to_owned())),
            None => return Err(Error::Config("an API key is required: call `.api_key(..)`".to_owned())),
        };
        if HeaderValue::from_str(&format!("Bearer {api_key}")).is_err() {
            return Err(Error::Config("the API key contains characters not allowed in an HTTP header".to_owned()));
        }
        let endpoint = self.endpoint.unwrap_or_else(|| DEFAULT_ENDPOINT.to_owned());
        let endpoint = endpoint.trim_end_matches('/').to_owned();
        if !(endpoint.starts_with("https://") || endpoint.starts_with("http://")) {
            return Err(Error::Config(format!("the endpoint `{endpoint}` is not an http(s) URL")));
        }
        let http = match self.http {
            Some(http) => http,
            None => default_http_client()?,
        };
        Ok(Seam { inner: Arc::new(Inner { http, endpoint, api_key }) })
    }
}

fn default_http_client() -> Result<reqwest::Client> {
    let mut headers = HeaderMap::new();
    headers.insert("seam-sdk-name", HeaderValue::from_static(SDK_NAME));
    headers.insert("seam-sdk-version", HeaderValue::from_static(SDK_VERSION));
    reqwest::Client::builder()
        .timeout(DEFAULT_TIMEOUT)
        .user_agent(format!("{SDK_NAME}/{SDK_VERSION}"))
        .default_headers(headers)
        .build()
        .map_err(|error| Error::Config(format!("cannot build the HTTP client: {error}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_the_key() {
        let seam = Seam::new("seam_secret_key_123").unwrap();
        assert!(!format!("{seam:?}").contains("seam_secret_key_123"));
        let builder = Seam::builder().api_key("seam_secret_key_123");
        assert!(!format!("{builder:?}").contains("seam_secret_key_123"));
    }

    #[test]
    fn configuration_errors_say_what_is_wrong() {
        let message = |result: Result<Seam>| result.unwrap_err().to_string();
        assert!(message(Seam::builder().build()).contains("API key is required"));
        assert!(message(Seam::new(" ")).contains("empty"));
        assert!(message(Seam::builder().api_key("k").endpoint("ftp://x").build()).contains("not an http(s) URL"));
        assert_eq!(Seam::builder().api_key("k").endpoint("http://127.0.0.1:1/").build().unwrap().endpoint(), "http://127.0.0.1:1");
    }

    #[test]
    fn excerpts_are_bounded() {
        let long = vec![b'a'; 4096];
        assert_eq!(excerpt(&long).chars().count(), EXCERPT_BYTES + 1);
        assert_eq!(excerpt(b"<html>"), "<html>");
    }
}
