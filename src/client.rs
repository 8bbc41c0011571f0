//! The HTTP client: configuration, sending a request with timeouts and retries, reading the answer.

use crate::auth::{Auth, AuthSettings};
use crate::error::{field_errors, ApiError, Error, InvalidInputError, Result, RetryStop, ValidationError};
use crate::http::{Body, DecodeError, HttpRequest, HttpResponse, Method};
use crate::retry::{parse_retry_after, RetryPolicy};
use reqwest::header::{HeaderMap, HeaderName, HeaderValue, CONTENT_TYPE, COOKIE, RETRY_AFTER};
use std::fmt;
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};
use tracing::Instrument as _;

/// Seam's production API.
pub const DEFAULT_ENDPOINT: &str = "https://connect.getseam.com";
/// The timeout of one attempt unless configured otherwise.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
/// How long a call may take in all, attempts and waits between them included, unless configured
/// otherwise.
pub const DEFAULT_DEADLINE: Duration = Duration::from_secs(60);

const SDK_NAME: &str = "seam-rs";
const SDK_VERSION: &str = env!("CARGO_PKG_VERSION");
/// How much of an unexpected body an error quotes.
const EXCERPT_BYTES: usize = 512;

/// An API operation: a request type that knows its method, path and response type, how to write
/// itself into an HTTP request and how to read its answer. Generated for every request type;
/// [`Seam::execute`] sends any of them.
pub trait Operation {
    /// HTTP method.
    const METHOD: Method;
    /// HTTP path template, such as `/acs/credentials/create` or `/pets/{petId}`.
    const PATH: &'static str;
    /// Whether sending the request twice does no more than sending it once (reads, updates, deletes),
    /// so that a timeout or a 5xx may be retried.
    const RETRY_SAFE: bool;
    /// What a success answer decodes to.
    type Response;
    /// The flag property of an envelope (`ok`): a 2xx answer whose flag is `false` is an error.
    const ENVELOPE_FLAG: Option<&'static str> = None;

    /// Checks the spec's constraints before sending; generated where the spec has any.
    fn validate(&self) -> std::result::Result<(), ValidationError> {
        Ok(())
    }

    /// Writes the parameters and the body.
    fn encode(&self, request: &mut HttpRequest) -> std::result::Result<(), serde_json::Error>;

    /// Reads a 2xx answer.
    fn decode(response: &HttpResponse) -> std::result::Result<Self::Response, DecodeError>;
}

/// A Seam API client: the whole API is reachable from it (`seam.acs().credentials().create(..)`).
/// Cheap to clone (clones share the connection pool) and safe to share across tasks.
#[derive(Clone)]
pub struct Seam {
    inner: Arc<Inner>,
    timeout: Duration,
    deadline: Duration,
    retry: RetryPolicy,
}

struct Inner {
    http: reqwest::Client,
    endpoint: String,
    auth: Auth,
    /// The SDK's and the credentials' headers, sent with every request.
    headers: HeaderMap,
}

impl fmt::Debug for Seam {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Seam")
            .field("endpoint", &self.inner.endpoint)
            .field("auth", &self.inner.auth)
            .field("timeout", &self.timeout)
            .field("deadline", &self.deadline)
            .field("retry", &self.retry)
            .finish()
    }
}

/// Why one attempt failed, and whether another may follow.
enum Failure {
    /// Not sent, or refused before the server ran it: a refused connection or a 429; with the
    /// server's `Retry-After`.
    NotRun(Error, Option<Duration>),
    /// Maybe run: a timeout, a broken connection or a 5xx; with the server's `Retry-After` (a 503
    /// may carry one).
    MaybeRun(Error, Option<Duration>),
    /// Final: a 4xx, an undecodable success.
    Final(Error),
}

impl Seam {
    /// A client for Seam's production API authenticated with an API key.
    pub fn new(api_key: impl Into<String>) -> Result<Self> {
        Self::builder().api_key(api_key).build()
    }

    /// A client configured from the environment: `SEAM_API_KEY`, or `SEAM_PERSONAL_ACCESS_TOKEN`
    /// with `SEAM_WORKSPACE_ID`; and `SEAM_ENDPOINT`.
    pub fn from_env() -> Result<Self> {
        Self::builder().build()
    }

    /// A client with other settings: credentials, endpoint, HTTP client, timeout, retries.
    pub fn builder() -> SeamBuilder {
        SeamBuilder::default()
    }

    /// The base URL requests go to.
    pub fn endpoint(&self) -> &str {
        &self.inner.endpoint
    }

    /// This client with another per-attempt timeout; the connection pool is shared.
    pub fn with_timeout(&self, timeout: Duration) -> Seam {
        Seam { timeout, ..self.clone() }
    }

    /// This client with another deadline per call: attempts and the waits between them end by then.
    pub fn with_deadline(&self, deadline: Duration) -> Seam {
        Seam { deadline, ..self.clone() }
    }

    /// This client with another retry policy ([`RetryPolicy::none`] switches retries off).
    pub fn with_retry(&self, retry: RetryPolicy) -> Seam {
        Seam { retry, ..self.clone() }
    }

    /// Sends any operation and returns its whole success body. The group methods
    /// (`seam.acs().credentials().create(..)`) return the part the API documents as the result.
    ///
    /// Each call is a `tracing` span `seam_call` (method, path, and once known the attempts, status
    /// and request id), with an event per attempt and per retry; neither credentials nor bodies are
    /// recorded.
    pub async fn execute<O: Operation>(&self, request: &O) -> Result<O::Response> {
        request.validate().map_err(Error::Validation)?;
        let path = O::PATH;
        let mut http = HttpRequest::new(path);
        request.encode(&mut http).map_err(|source| Error::Encode { path, source })?;
        let prepared = self.prepare(O::METHOD, &http).map_err(Error::Validation)?;
        let span = tracing::info_span!(
            "seam_call",
            method = O::METHOD.as_str(),
            path,
            attempts = tracing::field::Empty,
            status = tracing::field::Empty,
            request_id = tracing::field::Empty,
        );
        let call = Call { path, retry_safe: O::RETRY_SAFE, envelope_flag: O::ENVELOPE_FLAG };
        let success = if span.is_disabled() {
            // No subscriber listens: spare every poll the span's enter and exit.
            self.send(call, &prepared).await?
        } else {
            self.send(call, &prepared).instrument(span).await?
        };
        let Success { status, request_id, http } = success;
        O::decode(&http).map_err(|DecodeError { field, source }| Error::Decode {
            path,
            status,
            request_id,
            field,
            excerpt: excerpt(&http.body),
            body: http.body.to_vec().into_boxed_slice(),
            source,
        })
    }

    /// Sends a prepared request until it succeeds or fails for good. Not generic over the operation:
    /// one copy of the retry loop serves every operation, and only validation, encoding and decoding
    /// are compiled per operation.
    async fn send(&self, call: Call, prepared: &Prepared) -> Result<Success> {
        let Call { path, retry_safe, envelope_flag } = call;
        let started = Instant::now();
        let mut attempts = 0;
        loop {
            attempts += 1;
            let remaining = self.deadline.saturating_sub(started.elapsed());
            let timeout = self.timeout.min(remaining);
            let attempt_started = Instant::now();
            let outcome = self.attempt(path, prepared, timeout).await;
            let span = tracing::Span::current();
            span.record("attempts", attempts);
            let failure = match outcome {
                Ok(response) => {
                    span.record("status", response.status);
                    if let Some(request_id) = &response.request_id {
                        span.record("request_id", request_id.as_str());
                    }
                    tracing::debug!(
                        attempt = attempts,
                        status = response.status,
                        request_id = response.request_id.as_deref(),
                        elapsed_ms = attempt_started.elapsed().as_millis() as u64,
                        "answer"
                    );
                    return self.check_envelope(path, envelope_flag, response);
                }
                Err(failure) => failure,
            };
            // An attempt cut short by the deadline ends the call, whatever the operation.
            if matches!(failure, Failure::MaybeRun(Error::Timeout { .. }, _)) && timeout < self.timeout {
                return Err(self.failed(Error::DeadlineExceeded { path, deadline: self.deadline, attempts }, attempts));
            }
            let (error, retry_after) = match failure {
                Failure::NotRun(error, retry_after) => (error, retry_after),
                Failure::MaybeRun(error, retry_after) if retry_safe => (error, retry_after),
                Failure::MaybeRun(error, _) | Failure::Final(error) => return Err(self.failed(error, attempts)),
            };
            let retry = attempts - 1;
            let stop = if retry >= self.retry.max_retries {
                Some(RetryStop::Exhausted)
            } else {
                match self.retry.delay(retry, retry_after) {
                    None => Some(RetryStop::RetryAfterTooLong(retry_after.unwrap_or_default())),
                    Some(delay) if started.elapsed() + delay >= self.deadline => {
                        Some(RetryStop::Deadline(self.deadline))
                    }
                    Some(delay) => {
                        tracing::info!(
                            attempt = attempts,
                            status = error.status(),
                            request_id = error.request_id(),
                            delay_ms = delay.as_millis() as u64,
                            error = %error,
                            "retrying"
                        );
                        tokio::time::sleep(delay).await;
                        None
                    }
                }
            };
            if let Some(stop) = stop {
                let error = self.failed(error, attempts);
                return Err(if attempts == 1 && stop == RetryStop::Exhausted {
                    error
                } else {
                    Error::Retried { path, attempts, stop, last: Box::new(error) }
                });
            }
        }
    }

    /// Records a final failure on the call's span.
    fn failed(&self, error: Error, attempts: u32) -> Error {
        let span = tracing::Span::current();
        if let Some(status) = error.status() {
            span.record("status", status);
        }
        if let Some(request_id) = error.request_id() {
            span.record("request_id", request_id);
        }
        tracing::debug!(attempts, kind = ?error.kind(), error = %error, "failed");
        error
    }

    /// A 2xx answer whose envelope flag is `false` is an error; any other goes on to be decoded.
    fn check_envelope(&self, path: &'static str, flag: Option<&str>, response: Success) -> Result<Success> {
        let body = &response.http.body;
        if flag.is_some_and(|flag| !ends_with_true_flag(body, flag) && envelope_flag(body, flag) == Some(false)) {
            return Err(error_from_body(path, response.status, response.request_id, body));
        }
        Ok(response)
    }

    /// The request as it goes on the wire, built once: retries copy neither headers nor body.
    fn prepare(&self, method: Method, http: &HttpRequest) -> std::result::Result<Prepared, ValidationError> {
        let query = http.query_string();
        let url = if query.is_empty() {
            format!("{}{}", self.inner.endpoint, http.path())
        } else {
            format!("{}{}?{query}", self.inner.endpoint, http.path())
        };
        let mut headers = self.inner.headers.clone();
        for (name, value) in http.headers() {
            let header_name = HeaderName::from_bytes(name.as_bytes()).map_err(|_| ValidationError {
                field: name.clone(),
                rule: "is not a valid HTTP header name".to_owned(),
            })?;
            headers.append(header_name, header_value(name, value)?);
        }
        if let Some(cookies) = http.cookie_header() {
            headers.insert(COOKIE, header_value("Cookie", &cookies)?);
        }
        let body = match http.body() {
            Body::Empty => None,
            Body::Json { bytes, content_type } => {
                headers.insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
                Some(bytes::Bytes::copy_from_slice(bytes))
            }
            Body::Form(text) => {
                headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/x-www-form-urlencoded"));
                Some(bytes::Bytes::copy_from_slice(text.as_bytes()))
            }
            Body::Raw { bytes, content_type } => {
                headers.insert(CONTENT_TYPE, header_value("Content-Type", content_type)?);
                Some(bytes::Bytes::copy_from_slice(bytes))
            }
        };
        Ok(Prepared { method: method.to_reqwest(), url, headers, body })
    }

    async fn attempt(
        &self,
        path: &'static str,
        prepared: &Prepared,
        timeout: Duration,
    ) -> std::result::Result<Success, Failure> {
        let mut request =
            self.inner.http.request(prepared.method.clone(), prepared.url.as_str()).headers(prepared.headers.clone());
        if let Some(body) = &prepared.body {
            request = request.body(body.clone());
        }
        let transport = |source: reqwest::Error| {
            if source.is_timeout() {
                Failure::MaybeRun(Error::Timeout { path, timeout }, None)
            } else if source.is_connect() {
                Failure::NotRun(Error::Transport { path, source }, None)
            } else {
                Failure::MaybeRun(Error::Transport { path, source }, None)
            }
        };
        // One timer for the whole attempt, answer and body included; reqwest's own timeout would set
        // up two per request.
        let exchange = async {
            let response = request.send().await.map_err(transport)?;
            let status = response.status().as_u16();
            let header =
                |name| response.headers().get(name).and_then(|v: &HeaderValue| v.to_str().ok()).map(str::to_owned);
            let request_id = header("seam-request-id");
            let content_type = header(CONTENT_TYPE.as_str());
            let retry_after = header(RETRY_AFTER.as_str());
            let bytes = response.bytes().await.map_err(transport)?;
            Ok((status, request_id, content_type, retry_after, bytes))
        };
        let (status, request_id, content_type, retry_after, bytes) =
            tokio::time::timeout(timeout, exchange)
                .await
                .map_err(|_| Failure::MaybeRun(Error::Timeout { path, timeout }, None))??;
        let retry_after = retry_after.and_then(|value| parse_retry_after(&value, SystemTime::now()));
        match status {
            200..=299 => Ok(Success { status, request_id, http: HttpResponse { status, content_type, body: bytes } }),
            429 => Err(Failure::NotRun(error_from_body(path, status, request_id, &bytes), retry_after)),
            500..=599 => Err(Failure::MaybeRun(error_from_body(path, status, request_id, &bytes), retry_after)),
            _ => Err(Failure::Final(error_from_body(path, status, request_id, &bytes))),
        }
    }
}

/// A header's value, or the rule it breaks, named by the header (a parameter's wire name).
fn header_value(field: &str, value: &str) -> std::result::Result<HeaderValue, ValidationError> {
    HeaderValue::from_str(value).map_err(|_| ValidationError {
        field: field.to_owned(),
        rule: "must be text allowed in an HTTP header (no line breaks or control characters)".to_owned(),
    })
}

/// A request ready to send, shared by its attempts.
struct Prepared {
    method: reqwest::Method,
    url: String,
    headers: HeaderMap,
    body: Option<bytes::Bytes>,
}

/// What the retry loop needs to know of an operation.
#[derive(Clone, Copy)]
struct Call {
    path: &'static str,
    retry_safe: bool,
    envelope_flag: Option<&'static str>,
}

/// A 2xx answer, before the operation decodes it.
struct Success {
    status: u16,
    request_id: Option<String>,
    http: HttpResponse,
}

/// Whether the body ends with `"<flag>":true}`, as Seam writes its answers: in valid JSON that is
/// the top-level object's last property, so the flag is true without reading the rest. (An invalid
/// body fails to decode anyway.)
fn ends_with_true_flag(body: &[u8], flag: &str) -> bool {
    let Some(rest) = body.trim_ascii_end().strip_suffix(b"}") else { return false };
    let Some(rest) = rest.trim_ascii_end().strip_suffix(b"true") else { return false };
    let Some(rest) = rest.trim_ascii_end().strip_suffix(b":") else { return false };
    let Some(rest) = rest.trim_ascii_end().strip_suffix(b"\"") else { return false };
    rest.strip_suffix(flag.as_bytes()).is_some_and(|rest| rest.ends_with(b"\""))
}

/// The boolean value of the top-level property `flag` of a JSON object, skipping everything else
/// without building it; `None` when the body is not such an object.
fn envelope_flag(body: &[u8], flag: &str) -> Option<bool> {
    use serde::de::{Deserializer as _, IgnoredAny, MapAccess, Visitor};

    struct Flag<'f>(&'f str);

    impl<'de> Visitor<'de> for Flag<'_> {
        type Value = Option<bool>;

        fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
            formatter.write_str("a JSON object")
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<Option<bool>, A::Error> {
            let mut found = None;
            while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
                if key == self.0 {
                    found = map.next_value::<Option<bool>>()?;
                } else {
                    map.next_value::<IgnoredAny>()?;
                }
            }
            Ok(found)
        }
    }

    serde_json::Deserializer::from_slice(body).deserialize_map(Flag(flag)).ok().flatten()
}

fn error_from_body(path: &'static str, status: u16, request_id: Option<String>, bytes: &[u8]) -> Error {
    let error = serde_json::from_slice::<serde_json::Value>(bytes).ok().and_then(|body| body.get("error").cloned());
    let text = |value: &serde_json::Value, key: &str| value.get(key).and_then(|v| v.as_str()).map(str::to_owned);
    let api = match error {
        Some(data) if text(&data, "type").is_some() => ApiError {
            status,
            error_type: text(&data, "type").unwrap_or_default(),
            message: text(&data, "message").unwrap_or_default(),
            request_id,
            data,
        },
        _ if status == 401 => ApiError {
            status,
            error_type: "unauthorized".to_owned(),
            message: excerpt(bytes),
            request_id,
            data: serde_json::Value::Null,
        },
        _ => {
            return Error::UnexpectedResponse {
                path,
                status,
                request_id,
                excerpt: excerpt(bytes),
                body: bytes.to_vec().into_boxed_slice(),
            }
        }
    };
    if status == 401 {
        Error::Unauthorized(Box::new(api))
    } else if api.error_type == "invalid_input" {
        let fields = api.data.get("validation_errors").map(field_errors).unwrap_or_default();
        Error::InvalidInput(Box::new(InvalidInputError { api, fields }))
    } else {
        Error::Api(Box::new(api))
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

/// Settings of a [`Seam`] client. Credentials given here replace those of the environment.
#[derive(Default)]
pub struct SeamBuilder {
    auth: AuthSettings,
    endpoint: Option<String>,
    http: Option<reqwest::Client>,
    timeout: Option<Duration>,
    deadline: Option<Duration>,
    retry: Option<RetryPolicy>,
}

impl fmt::Debug for SeamBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let redacted = |value: &Option<String>| value.as_ref().map(|_| "<redacted>");
        f.debug_struct("SeamBuilder")
            .field("api_key", &redacted(&self.auth.api_key))
            .field("personal_access_token", &redacted(&self.auth.personal_access_token))
            .field("workspace_id", &self.auth.workspace_id)
            .field("client_session_token", &redacted(&self.auth.client_session_token))
            .field("endpoint", &self.endpoint)
            .field("timeout", &self.timeout)
            .field("deadline", &self.deadline)
            .field("retry", &self.retry)
            .finish()
    }
}

impl SeamBuilder {
    /// An API key, sent as `Authorization: Bearer <key>`.
    pub fn api_key(mut self, api_key: impl Into<String>) -> Self {
        self.auth.api_key = Some(api_key.into());
        self
    }

    /// A personal access token and the workspace it acts in (sent as `seam-workspace`).
    pub fn personal_access_token(mut self, token: impl Into<String>, workspace_id: impl Into<String>) -> Self {
        self.auth.personal_access_token = Some(token.into());
        self.auth.workspace_id = Some(workspace_id.into());
        self
    }

    /// A client session token, as front ends use.
    pub fn client_session_token(mut self, token: impl Into<String>) -> Self {
        self.auth.client_session_token = Some(token.into());
        self
    }

    /// Another base URL, such as a local fake server: `http://127.0.0.1:8080`. Default: `SEAM_ENDPOINT`,
    /// else [`DEFAULT_ENDPOINT`].
    pub fn endpoint(mut self, endpoint: impl Into<String>) -> Self {
        self.endpoint = Some(endpoint.into());
        self
    }

    /// A `reqwest::Client` of your own (proxies, TLS roots, connection limits).
    pub fn http_client(mut self, http: reqwest::Client) -> Self {
        self.http = Some(http);
        self
    }

    /// The timeout of each attempt; default [`DEFAULT_TIMEOUT`] (30 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// How long a call may take in all, attempts and the waits between them included; default
    /// [`DEFAULT_DEADLINE`] (60 s). An attempt that would run past it is cut short
    /// ([`Error::DeadlineExceeded`]), and no retry starts that could not end before it.
    pub fn deadline(mut self, deadline: Duration) -> Self {
        self.deadline = Some(deadline);
        self
    }

    /// The retry policy; default [`RetryPolicy::default`], [`RetryPolicy::none`] for none.
    pub fn retry(mut self, retry: RetryPolicy) -> Self {
        self.retry = Some(retry);
        self
    }

    pub fn build(self) -> Result<Seam> {
        self.build_with_env(|name| std::env::var(name).ok().filter(|value| !value.is_empty()))
    }

    fn build_with_env(self, env: impl Fn(&str) -> Option<String>) -> Result<Seam> {
        let auth = self.auth.resolve(&env)?;
        let endpoint = self.endpoint.or_else(|| env("SEAM_ENDPOINT")).unwrap_or_else(|| DEFAULT_ENDPOINT.to_owned());
        let endpoint = endpoint.trim_end_matches('/').to_owned();
        if endpoint.is_empty() {
            return Err(Error::Config(
                "no endpoint: the API's document names no absolute server URL; give one with `.endpoint(..)`"
                    .to_owned(),
            ));
        }
        if !(endpoint.starts_with("https://") || endpoint.starts_with("http://")) {
            return Err(Error::Config(format!("the endpoint `{endpoint}` is not an http(s) URL")));
        }
        let mut headers = HeaderMap::new();
        headers.insert("seam-sdk-name", HeaderValue::from_static(SDK_NAME));
        headers.insert("seam-sdk-version", HeaderValue::from_static(SDK_VERSION));
        headers.extend(auth.headers());
        let http = match self.http {
            Some(http) => http,
            None => reqwest::Client::builder()
                .user_agent(format!("{SDK_NAME}/{SDK_VERSION}"))
                .build()
                .map_err(|error| Error::Config(format!("cannot build the HTTP client: {error}")))?,
        };
        Ok(Seam {
            inner: Arc::new(Inner { http, endpoint, headers, auth }),
            timeout: self.timeout.unwrap_or(DEFAULT_TIMEOUT),
            deadline: self.deadline.unwrap_or(DEFAULT_DEADLINE),
            retry: self.retry.unwrap_or_default(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn no_env(_: &str) -> Option<String> {
        None
    }

    #[test]
    fn debug_never_shows_a_secret() {
        let seam = Seam::builder()
            .api_key("seam_secret_key_123")
            .endpoint("http://127.0.0.1:1")
            .build_with_env(no_env)
            .unwrap();
        assert!(!format!("{seam:?}").contains("seam_secret_key_123"));
        let builder =
            Seam::builder().personal_access_token("seam_at_secret", "ws").client_session_token("seam_cst_secret");
        let shown = format!("{builder:?}");
        assert!(!shown.contains("secret"), "{shown}");
    }

    #[test]
    fn configuration_errors_say_what_is_wrong() {
        let message = |builder: SeamBuilder| builder.build_with_env(no_env).unwrap_err().to_string();
        assert!(message(Seam::builder()).contains("no credentials"));
        assert!(message(Seam::builder().api_key(" ")).contains("empty"));
        assert!(message(Seam::builder().api_key("k").endpoint("ftp://x")).contains("not an http(s) URL"));
        let seam = Seam::builder().api_key("k").endpoint("http://127.0.0.1:1/").build_with_env(no_env).unwrap();
        assert_eq!(seam.endpoint(), "http://127.0.0.1:1");
    }

    #[test]
    fn endpoint_and_credentials_from_the_environment() {
        let env = |name: &str| match name {
            "SEAM_API_KEY" => Some("seam_env_key".to_owned()),
            "SEAM_ENDPOINT" => Some("http://127.0.0.1:9".to_owned()),
            _ => None,
        };
        let seam = Seam::builder().build_with_env(env).unwrap();
        assert_eq!(seam.endpoint(), "http://127.0.0.1:9");
        let explicit = Seam::builder().endpoint("https://example.test").build_with_env(env).unwrap();
        assert_eq!(explicit.endpoint(), "https://example.test");
    }

    #[test]
    fn per_call_settings_share_the_pool() {
        let seam = Seam::builder().api_key("k").endpoint("http://127.0.0.1:1").build_with_env(no_env).unwrap();
        let quick = seam.with_timeout(Duration::from_millis(5)).with_retry(RetryPolicy::none());
        assert!(Arc::ptr_eq(&seam.inner, &quick.inner));
        assert_eq!((seam.timeout, quick.timeout), (DEFAULT_TIMEOUT, Duration::from_millis(5)));
        assert_eq!(quick.retry.max_retries, 0);
    }

    #[test]
    fn a_true_flag_at_the_end_is_seen_without_parsing() {
        assert!(ends_with_true_flag(br#"{"access_code":{"ok":false},"ok":true}"#, "ok"));
        assert!(ends_with_true_flag(b"{\"a\": 1, \"ok\" : true }\n", "ok"));
        assert!(!ends_with_true_flag(br#"{"ok":true,"error":{"ok":true}}"#, "ok"));
        assert!(!ends_with_true_flag(br#"{"ok":false}"#, "ok"));
        assert!(!ends_with_true_flag(br#"{"not_ok":true}"#, "ok"));
        assert!(!ends_with_true_flag(br#"{"x":1,"ok":true]"#, "ok"));
    }

    #[test]
    fn the_envelope_flag_is_read_without_building_the_body() {
        assert_eq!(envelope_flag(br#"{"items": [{"ok": true}], "ok": false}"#, "ok"), Some(false));
        assert_eq!(envelope_flag(br#"{"ok": true, "error": null}"#, "ok"), Some(true));
        assert_eq!(envelope_flag(br#"{"items": []}"#, "ok"), None);
        assert_eq!(envelope_flag(b"[1, 2]", "ok"), None);
        assert_eq!(envelope_flag(b"not json", "ok"), None);
    }

    #[test]
    fn excerpts_are_bounded() {
        let long = vec![b'a'; 4096];
        assert_eq!(excerpt(&long).chars().count(), EXCERPT_BYTES + 1);
        assert_eq!(excerpt(b"<html>"), "<html>");
    }
}
