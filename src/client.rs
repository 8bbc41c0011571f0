//! Seam's client: the runtime's [`Client`] with Seam's endpoint, credentials (arguments or the
//! `SEAM_*` variables), SDK headers, request id header and error format.

use crate::auth::AuthSettings;
use crate::error::{read_error, Error, Result};
use seam_codegen_runtime::{Client, Execute, Operation, RetryPolicy};
use std::fmt;
use std::future::Future;
use std::time::Duration;

/// Seam's production API.
pub const DEFAULT_ENDPOINT: &str = "https://connect.getseam.com";

const SDK_NAME: &str = "seam-rs";
const SDK_VERSION: &str = env!("CARGO_PKG_VERSION");

/// A Seam API client: the whole API is reachable from it (`seam.acs().credentials().create(..)`).
/// Cheap to clone (clones share the connection pool) and safe to share across tasks.
#[derive(Clone)]
pub struct Seam {
    client: Client,
}

impl fmt::Debug for Seam {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Seam").field(&self.client).finish()
    }
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
        self.client.endpoint()
    }

    /// This client with another per-attempt timeout; the connection pool is shared.
    pub fn with_timeout(&self, timeout: Duration) -> Seam {
        Seam { client: self.client.with_timeout(timeout) }
    }

    /// This client with another deadline per call: attempts and the waits between them end by then.
    pub fn with_deadline(&self, deadline: Duration) -> Seam {
        Seam { client: self.client.with_deadline(deadline) }
    }

    /// This client with another retry policy ([`RetryPolicy::none`] switches retries off).
    pub fn with_retry(&self, retry: RetryPolicy) -> Seam {
        Seam { client: self.client.with_retry(retry) }
    }

    /// Sends any operation and returns its whole success body. The group methods
    /// (`seam.acs().credentials().create(..)`) return the part the API documents as the result.
    ///
    /// Each call is a `tracing` span `seam_call` (method, path, and once known the attempts, status
    /// and request id), with an event per attempt and per retry; neither credentials nor bodies are
    /// recorded.
    pub async fn execute<O: Operation>(&self, request: &O) -> Result<O::Response> {
        let span = tracing::info_span!(
            "seam_call",
            method = O::METHOD.as_str(),
            path = O::PATH,
            attempts = tracing::field::Empty,
            status = tracing::field::Empty,
            request_id = tracing::field::Empty,
        );
        Ok(self.client.execute_in(request, span).await?)
    }
}

impl Execute for Seam {
    type Error = Error;

    fn execute<O>(&self, request: &O) -> impl Future<Output = Result<O::Response>> + Send
    where
        O: Operation + Sync,
        O::Response: Send,
    {
        Seam::execute(self, request)
    }
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

    /// The timeout of each attempt; default [`crate::DEFAULT_TIMEOUT`] (30 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// How long a call may take in all, attempts and the waits between them included; default
    /// [`crate::DEFAULT_DEADLINE`] (60 s). An attempt that would run past it is cut short
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
        let mut client = Client::builder(endpoint)
            .header("seam-sdk-name", SDK_NAME)
            .header("seam-sdk-version", SDK_VERSION)
            .user_agent(format!("{SDK_NAME}/{SDK_VERSION}"))
            .request_id_header("seam-request-id")
            .error_reader(read_error);
        client = auth.configure(client)?;
        if let Some(http) = self.http {
            client = client.http_client(http);
        }
        if let Some(timeout) = self.timeout {
            client = client.timeout(timeout);
        }
        if let Some(deadline) = self.deadline {
            client = client.deadline(deadline);
        }
        if let Some(retry) = self.retry {
            client = client.retry(retry);
        }
        Ok(Seam { client: client.build()? })
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
        let session = Seam::builder()
            .client_session_token("seam_cst_secret")
            .endpoint("http://127.0.0.1:1")
            .build_with_env(no_env)
            .unwrap();
        assert!(!format!("{session:?}").contains("secret"), "{session:?}");
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
        assert_eq!(Seam::builder().api_key("k").build_with_env(no_env).unwrap().endpoint(), DEFAULT_ENDPOINT);
    }
}
