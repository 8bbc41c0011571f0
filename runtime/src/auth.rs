//! Credentials as OpenAPI's `securitySchemes` describe them: a bearer token, HTTP basic, or an API
//! key in a header or the query string. Each is checked once, when it is made, and never shown.

use crate::error::Error;
use base64::Engine as _;
use reqwest::header::{HeaderName, HeaderValue, AUTHORIZATION};
use std::fmt;

/// A credential sent with every request of a [`crate::Client`]. `Debug` never shows its secret.
#[derive(Clone, PartialEq, Eq)]
pub struct Credential(Scheme);

#[derive(Clone, PartialEq, Eq)]
enum Scheme {
    /// A header whose whole value is secret: `Authorization: Bearer ...`, `Authorization: Basic ...`,
    /// or an API key.
    Header { name: HeaderName, value: HeaderValue },
    /// An API key in the query string, `?name=key`.
    Query { name: String, key: String },
}

impl Credential {
    /// `Authorization: Bearer <token>` (an `http` scheme with `scheme: bearer`, or OAuth 2 and
    /// OpenID Connect access tokens).
    pub fn bearer(token: impl Into<String>) -> Result<Self, Error> {
        let token = non_empty(token.into())?;
        Ok(Credential(Scheme::Header { name: AUTHORIZATION, value: secret(&format!("Bearer {token}"))? }))
    }

    /// `Authorization: Basic <base64 of user:password>` (an `http` scheme with `scheme: basic`).
    pub fn basic(user: impl Into<String>, password: impl Into<String>) -> Result<Self, Error> {
        let user = non_empty(user.into())?;
        if user.contains(':') {
            return Err(Error::Config("a basic-auth user name cannot contain `:`".to_owned()));
        }
        let encoded = base64::engine::general_purpose::STANDARD.encode(format!("{user}:{}", password.into()));
        Ok(Credential(Scheme::Header { name: AUTHORIZATION, value: secret(&format!("Basic {encoded}"))? }))
    }

    /// An API key in a header (an `apiKey` scheme with `in: header`), such as `X-Api-Key: <key>`.
    pub fn api_key_header(header: &str, key: impl Into<String>) -> Result<Self, Error> {
        let name = HeaderName::from_bytes(header.as_bytes())
            .map_err(|_| Error::Config(format!("`{header}` is not an HTTP header name")))?;
        Ok(Credential(Scheme::Header { name, value: secret(&non_empty(key.into())?)? }))
    }

    /// An API key in the query string (an `apiKey` scheme with `in: query`), such as `?key=<key>`.
    /// Errors never quote a URL, so the key stays out of messages and logs.
    pub fn api_key_query(parameter: &str, key: impl Into<String>) -> Result<Self, Error> {
        if parameter.is_empty() {
            return Err(Error::Config("an API key's query parameter needs a name".to_owned()));
        }
        Ok(Credential(Scheme::Query { name: parameter.to_owned(), key: non_empty(key.into())? }))
    }

    /// The header this credential sends, if it is one.
    pub(crate) fn header(&self) -> Option<(HeaderName, HeaderValue)> {
        match &self.0 {
            Scheme::Header { name, value } => Some((name.clone(), value.clone())),
            Scheme::Query { .. } => None,
        }
    }

    /// The query parameter this credential sends, if it is one.
    pub(crate) fn query(&self) -> Option<(&str, &str)> {
        match &self.0 {
            Scheme::Query { name, key } => Some((name, key)),
            Scheme::Header { .. } => None,
        }
    }
}

impl fmt::Debug for Credential {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Scheme::Header { name, .. } => write!(f, "Credential({name}: <redacted>)"),
            Scheme::Query { name, .. } => write!(f, "Credential(?{name}=<redacted>)"),
        }
    }
}

fn non_empty(value: String) -> Result<String, Error> {
    if value.trim().is_empty() {
        return Err(Error::Config("a credential is empty".to_owned()));
    }
    Ok(value)
}

/// A header value marked sensitive, so that neither reqwest nor hyper shows it.
fn secret(value: &str) -> Result<HeaderValue, Error> {
    let mut value = HeaderValue::from_str(value)
        .map_err(|_| Error::Config("a credential contains characters not allowed in an HTTP header".to_owned()))?;
    value.set_sensitive(true);
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_scheme_sends_what_its_rfc_says() {
        let (name, value) = Credential::bearer("t0k").unwrap().header().unwrap();
        assert_eq!((name.as_str(), value.to_str().unwrap()), ("authorization", "Bearer t0k"));
        assert!(value.is_sensitive());
        // RFC 7617's example.
        let (_, value) = Credential::basic("Aladdin", "open sesame").unwrap().header().unwrap();
        assert_eq!(value.to_str().unwrap(), "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
        let (name, value) = Credential::api_key_header("X-Api-Key", "k").unwrap().header().unwrap();
        assert_eq!((name.as_str(), value.to_str().unwrap()), ("x-api-key", "k"));
        assert_eq!(Credential::api_key_query("key", "k").unwrap().query(), Some(("key", "k")));
    }

    #[test]
    fn bad_credentials_are_configuration_errors_that_quote_no_secret() {
        for error in [
            Credential::bearer(" ").unwrap_err(),
            Credential::bearer("sec\nret").unwrap_err(),
            Credential::basic("a:b", "secret").unwrap_err(),
            Credential::api_key_header("bad header", "secret").unwrap_err(),
            Credential::api_key_query("", "secret").unwrap_err(),
        ] {
            assert!(matches!(error, Error::Config(_)), "{error:?}");
            assert!(!error.to_string().contains("secret"), "{error}");
        }
    }

    #[test]
    fn secrets_never_print() {
        assert_eq!(format!("{:?}", Credential::bearer("s3cret").unwrap()), "Credential(authorization: <redacted>)");
        assert_eq!(format!("{:?}", Credential::api_key_query("key", "s3cret").unwrap()), "Credential(?key=<redacted>)");
    }
}
