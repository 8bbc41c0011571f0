//! The runtime of the clients `seam-codegen` generates: sending a typed [`Operation`] over HTTP with
//! credentials, timeouts, a deadline and retries, reading the answer or the API's error, and walking
//! paginated lists. Written by hand, and it knows no API: the generated code (or the hand-written
//! part of a crate such as `seam`) configures a [`Client`] with the API's base URL, credentials,
//! headers and error format, and implements [`Operation`] for each request type.
//!
//! ```no_run
//! # async fn run() -> seam_codegen_runtime::Result<()> {
//! use seam_codegen_runtime::{Client, Credential};
//!
//! let client = Client::builder("https://api.example.com/v1")
//!     .credential(Credential::api_key_header("X-Api-Key", "secret")?)
//!     .user_agent("example-client/1.0")
//!     .build()?;
//! # let _ = client;
//! # Ok(())
//! # }
//! ```

mod auth;
mod client;
mod datetime;
mod error;
mod http;
mod nullable;
mod pagination;
mod retry;
pub mod wire;

pub use auth::Credential;
pub use client::{Client, ClientBuilder, Execute, Operation, DEFAULT_DEADLINE, DEFAULT_TIMEOUT};
pub use datetime::DateTime;
pub use error::{
    read_json_error, ApiError, Error, ErrorBody, ErrorKind, ErrorReader, FieldError, InvalidInputError, Result,
    RetryStop, ValidationError,
};
pub use http::{Body, DecodeError, HttpRequest, HttpResponse, Method, ParamStyle, Part};
pub use nullable::Nullable;
pub use pagination::{Items, Page, Pages, Paginated};
/// `reqwest`, whose `Client` can be given to [`ClientBuilder::http_client`] (proxies, TLS roots,
/// connection limits), re-exported so that its version is always the one the runtime uses.
pub use reqwest;
pub use retry::RetryPolicy;
/// `serde_json`, whose `Value` holds the untyped parts of answers (`ApiError::data`, JSON that no
/// schema describes), re-exported so that reading them needs no dependency of your own.
pub use serde_json;
