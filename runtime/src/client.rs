//! The HTTP client: configuration, sending a request with timeouts and retries, reading the answer.

use crate::auth::Credential;
use crate::error::{Error, ErrorBody, ErrorReader, Result, RetryStop, ValidationError};
use crate::http::{encode_segment, Body, DecodeError, HttpRequest, HttpResponse, Method};
use crate::retry::{parse_retry_after, RetryPolicy};
use reqwest::header::{HeaderMap, HeaderName, HeaderValue, CONTENT_TYPE, COOKIE, RETRY_AFTER};
use std::fmt;
use std::future::Future;
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};
use tracing::Instrument as _;

/// The timeout of one attempt unless configured otherwise.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
/// How long a call may take in all, attempts and waits between them included, unless configured
/// otherwise.
pub const DEFAULT_DEADLINE: Duration = Duration::from_secs(60);

/// How much of an unexpected body an error quotes.
const EXCERPT_BYTES: usize = 512;

/// An API operation: a request type that knows its method, path and response type, how to write
/// itself into an HTTP request and how to read its answer. Generated for every request type;
/// [`Client::execute`] sends any of them.
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

/// What sends operations: a [`Client`], or an API's own client type that wraps one and has its own
/// error type (the `seam` crate's `Seam`). [`crate::Pages`] walks a list through it.
pub trait Execute: Clone + Send + Sync + 'static {
    /// What a call fails with: [`Error`], or a type that every [`Error`] converts into.
    type Error: From<Error> + Send + 'static;

    /// Sends the operation and returns its whole success body.
    fn execute<O>(&self, request: &O) -> impl Future<Output = std::result::Result<O::Response, Self::Error>> + Send
    where
        O: Operation + Sync,
        O::Response: Send;
}

/// An HTTP client for one API: its base URL, credentials and headers, and how it writes errors.
/// Cheap to clone (clones share the connection pool) and safe to share across tasks.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
    timeout: Duration,
    deadline: Duration,
    retry: RetryPolicy,
}

struct Inner {
    http: reqwest::Client,
    endpoint: String,
    credentials: Vec<Credential>,
    /// The API's headers and the credentials' headers, sent with every request.
    headers: HeaderMap,
    /// Credentials that go into the query string, appended to every URL.
    query_credentials: Vec<(String, String)>,
    request_id_header: Option<HeaderName>,
    error_reader: Option<ErrorReader>,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("endpoint", &self.inner.endpoint)
            .field("credentials", &self.inner.credentials)
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

impl Client {
    /// A client for the API at `endpoint` (its base URL; a trailing `/` is dropped); set credentials,
    /// headers and the rest on the builder.
    pub fn builder(endpoint: impl Into<String>) -> ClientBuilder {
        ClientBuilder::new(endpoint)
    }

    /// The base URL requests go to.
    pub fn endpoint(&self) -> &str {
        &self.inner.endpoint
    }

    /// This client with another per-attempt timeout; the connection pool is shared.
    pub fn with_timeout(&self, timeout: Duration) -> Client {
        Client { timeout, ..self.clone() }
    }

    /// This client with another deadline per call: attempts and the waits between them end by then.
    pub fn with_deadline(&self, deadline: Duration) -> Client {
        Client { deadline, ..self.clone() }
    }

    /// This client with another retry policy ([`RetryPolicy::none`] switches retries off).
    pub fn with_retry(&self, retry: RetryPolicy) -> Client {
        Client { retry, ..self.clone() }
    }

    /// Sends any operation and returns its whole success body.
    ///
    /// Each call is a `tracing` span `api_call` (method, path, and once known the attempts, status
    /// and request id), with an event per attempt and per retry; neither credentials nor bodies are
    /// recorded.
    pub async fn execute<O: Operation>(&self, request: &O) -> Result<O::Response> {
        let span = tracing::info_span!(
            "api_call",
            method = O::METHOD.as_str(),
            path = O::PATH,
            attempts = tracing::field::Empty,
            status = tracing::field::Empty,
            request_id = tracing::field::Empty,
        );
        self.execute_in(request, span).await
    }

    /// [`execute`](Self::execute) in a span of the caller's, which an API's client names after itself
    /// (`seam_call`); the client records the fields `attempts`, `status` and `request_id` on it, so
    /// the span must declare them (`tracing::field::Empty`).
    pub async fn execute_in<O: Operation>(&self, request: &O, span: tracing::Span) -> Result<O::Response> {
        request.validate().map_err(Error::Validation)?;
        let path = O::PATH;
        let mut http = HttpRequest::new(path);
        request.encode(&mut http).map_err(|source| Error::Encode { path, source })?;
        let prepared = self.prepare(O::METHOD, &http).map_err(Error::Validation)?;
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
            return Err(self.error_from_body(path, response.status, response.request_id, body));
        }
        Ok(response)
    }

    /// The request as it goes on the wire, built once: retries copy neither headers nor body.
    fn prepare(&self, method: Method, http: &HttpRequest) -> std::result::Result<Prepared, ValidationError> {
        let mut query = http.query_string();
        for (name, key) in &self.inner.query_credentials {
            let pair = format!("{}={}", encode_segment(name), encode_segment(key));
            query = if query.is_empty() { pair } else { query + "&" + &pair };
        }
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
        // reqwest's messages quote the URL, and the URL may carry a credential; the path is in ours.
        let transport = |source: reqwest::Error| {
            let source = source.without_url();
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
            let request_id = self.inner.request_id_header.as_ref().and_then(|name| header(name.as_str()));
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
            429 => Err(Failure::NotRun(self.error_from_body(path, status, request_id, &bytes), retry_after)),
            500..=599 => Err(Failure::MaybeRun(self.error_from_body(path, status, request_id, &bytes), retry_after)),
            _ => Err(Failure::Final(self.error_from_body(path, status, request_id, &bytes))),
        }
    }

    /// The error an answer reports: as the API's reader reads it, else an unexpected answer (a 401
    /// is [`Error::Unauthorized`] either way).
    fn error_from_body(&self, path: &'static str, status: u16, request_id: Option<String>, bytes: &[u8]) -> Error {
        let read = self.inner.error_reader.and_then(|read| read(status, bytes));
        match read {
            Some(body) => Error::from_body(status, request_id, body),
            None if status == 401 => Error::from_body(
                status,
                request_id,
                ErrorBody::new("unauthorized", excerpt(bytes), serde_json::Value::Null),
            ),
            None => Error::UnexpectedResponse {
                path,
                status,
                request_id,
                excerpt: excerpt(bytes),
                body: bytes.to_vec().into_boxed_slice(),
            },
        }
    }
}

impl Execute for Client {
    type Error = Error;

    fn execute<O>(&self, request: &O) -> impl Future<Output = Result<O::Response>> + Send
    where
        O: Operation + Sync,
        O::Response: Send,
    {
        Client::execute(self, request)
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

/// The start of a body, for error messages: bounded, and cut on a character boundary.
fn excerpt(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(&bytes[..bytes.len().min(EXCERPT_BYTES)]);
    let mut excerpt = text.into_owned();
    if bytes.len() > EXCERPT_BYTES {
        excerpt.push('…');
    }
    excerpt
}

/// Settings of a [`Client`]: what the API's crate sets once (credentials, headers, how errors are
/// written) and what its users may change (endpoint, HTTP client, timeout, deadline, retries).
#[derive(Clone)]
pub struct ClientBuilder {
    endpoint: String,
    credentials: Vec<Credential>,
    headers: Vec<(String, String)>,
    user_agent: Option<String>,
    request_id_header: Option<String>,
    error_reader: Option<ErrorReader>,
    http: Option<reqwest::Client>,
    timeout: Option<Duration>,
    deadline: Option<Duration>,
    retry: Option<RetryPolicy>,
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("endpoint", &self.endpoint)
            .field("credentials", &self.credentials)
            .field("headers", &self.headers)
            .field("user_agent", &self.user_agent)
            .field("timeout", &self.timeout)
            .field("deadline", &self.deadline)
            .field("retry", &self.retry)
            .finish_non_exhaustive()
    }
}

impl ClientBuilder {
    /// Settings for the API at `endpoint`; see [`Client::builder`].
    pub fn new(endpoint: impl Into<String>) -> Self {
        ClientBuilder {
            endpoint: endpoint.into(),
            credentials: Vec::new(),
            headers: Vec::new(),
            user_agent: None,
            request_id_header: None,
            error_reader: None,
            http: None,
            timeout: None,
            deadline: None,
            retry: None,
        }
    }

    /// Another base URL, such as a local fake server: `http://127.0.0.1:8080`.
    pub fn endpoint(mut self, endpoint: impl Into<String>) -> Self {
        self.endpoint = endpoint.into();
        self
    }

    /// A credential sent with every request; several may be given (an API key and a token).
    pub fn credential(mut self, credential: Credential) -> Self {
        self.credentials.push(credential);
        self
    }

    /// A header sent with every request, such as an SDK's name and version; checked by
    /// [`build`](Self::build). Not for secrets: use [`credential`](Self::credential).
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// The `User-Agent` of every request, unless [`http_client`](Self::http_client) brings its own.
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = Some(user_agent.into());
        self
    }

    /// The response header that carries the server's request id (Seam's `seam-request-id`), quoted in
    /// errors and `tracing` spans.
    pub fn request_id_header(mut self, name: impl Into<String>) -> Self {
        self.request_id_header = Some(name.into());
        self
    }

    /// How the API writes its errors; without a reader, an error answer is
    /// [`Error::UnexpectedResponse`] with the whole body.
    pub fn error_reader(mut self, reader: ErrorReader) -> Self {
        self.error_reader = Some(reader);
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

    /// The client, or [`Error::Config`] saying which setting is wrong.
    pub fn build(self) -> Result<Client> {
        let endpoint = self.endpoint.trim_end_matches('/').to_owned();
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
        for (name, value) in &self.headers {
            let header_name = HeaderName::from_bytes(name.as_bytes())
                .map_err(|_| Error::Config(format!("`{name}` is not an HTTP header name")))?;
            let header_value = HeaderValue::from_str(value)
                .map_err(|_| Error::Config(format!("the value of the header `{name}` is not allowed in HTTP")))?;
            headers.insert(header_name, header_value);
        }
        let mut query_credentials = Vec::new();
        for credential in &self.credentials {
            if let Some((name, value)) = credential.header() {
                headers.insert(name, value);
            }
            if let Some((name, key)) = credential.query() {
                query_credentials.push((name.to_owned(), key.to_owned()));
            }
        }
        let request_id_header = match &self.request_id_header {
            Some(name) => Some(
                HeaderName::from_bytes(name.as_bytes())
                    .map_err(|_| Error::Config(format!("`{name}` is not an HTTP header name")))?,
            ),
            None => None,
        };
        let http = match self.http {
            Some(http) => http,
            None => {
                let mut builder = reqwest::Client::builder();
                if let Some(user_agent) = &self.user_agent {
                    builder = builder.user_agent(user_agent);
                }
                builder.build().map_err(|error| Error::Config(format!("cannot build the HTTP client: {error}")))?
            }
        };
        Ok(Client {
            inner: Arc::new(Inner {
                http,
                endpoint,
                credentials: self.credentials,
                headers,
                query_credentials,
                request_id_header,
                error_reader: self.error_reader,
            }),
            timeout: self.timeout.unwrap_or(DEFAULT_TIMEOUT),
            deadline: self.deadline.unwrap_or(DEFAULT_DEADLINE),
            retry: self.retry.unwrap_or_default(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_a_secret() {
        let builder = Client::builder("http://127.0.0.1:1")
            .credential(Credential::bearer("secret_token_123").unwrap())
            .credential(Credential::api_key_query("key", "secret_key_456").unwrap());
        assert!(!format!("{builder:?}").contains("secret"), "{builder:?}");
        let client = builder.build().unwrap();
        assert!(!format!("{client:?}").contains("secret"), "{client:?}");
    }

    #[test]
    fn configuration_errors_say_what_is_wrong() {
        let message = |builder: ClientBuilder| builder.build().unwrap_err().to_string();
        assert!(message(Client::builder("")).contains("no endpoint"));
        assert!(message(Client::builder("ftp://x")).contains("not an http(s) URL"));
        assert!(message(Client::builder("http://x").header("bad header", "v")).contains("`bad header`"));
        assert!(message(Client::builder("http://x").request_id_header("a b")).contains("`a b`"));
        let client = Client::builder("http://127.0.0.1:1/").build().unwrap();
        assert_eq!(client.endpoint(), "http://127.0.0.1:1");
    }

    #[test]
    fn query_credentials_join_the_query_string() {
        let client = Client::builder("http://127.0.0.1:1")
            .credential(Credential::api_key_query("api key", "a&b").unwrap())
            .build()
            .unwrap();
        let mut request = HttpRequest::new("/pets");
        request.query_param("limit", &3, crate::ParamStyle::Form, true).unwrap();
        let prepared = client.prepare(Method::Get, &request).unwrap();
        assert_eq!(prepared.url, "http://127.0.0.1:1/pets?limit=3&api%20key=a%26b");
        let prepared = client.prepare(Method::Get, &HttpRequest::new("/pets")).unwrap();
        assert_eq!(prepared.url, "http://127.0.0.1:1/pets?api%20key=a%26b");
    }

    #[test]
    fn per_call_settings_share_the_pool() {
        let client = Client::builder("http://127.0.0.1:1").build().unwrap();
        let quick = client.with_timeout(Duration::from_millis(5)).with_retry(RetryPolicy::none());
        assert!(Arc::ptr_eq(&client.inner, &quick.inner));
        assert_eq!((client.timeout, quick.timeout), (DEFAULT_TIMEOUT, Duration::from_millis(5)));
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
