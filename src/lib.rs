//! Typed Rust client for the [Seam API](https://docs.seam.co): access-control credentials
//! (`/acs/credentials/*`) and access codes (`/access_codes/*`).
//!
//! Operations are grouped as in Seam's own SDKs and take a typed request whose constructor asks for
//! the required fields; optional fields have setters of the same name.
//!
//! ```no_run
//! use seam::acs::credentials::{CreateRequest, CreateRequestAccessMethod};
//!
//! # async fn run() -> seam::Result<()> {
//! let seam = seam::Seam::new("seam_apikey_...")?;
//! let credential = seam
//!     .acs()
//!     .credentials()
//!     .create(
//!         CreateRequest::new(CreateRequestAccessMethod::Code)
//!             .acs_user_id("53f39f90-5113-4bdd-8432-acf328ce508c")
//!             .code("1234"),
//!     )
//!     .await?;
//! println!("created {}", credential.acs_credential_id);
//! # Ok(())
//! # }
//! ```
//!
//! The bindings ([`types`], [`acs`], [`access_codes`]) are generated from `spec/seam.yaml` by
//! `seam-codegen`; the runtime around them ([`Seam`], [`Error`], [`Nullable`]) is written by hand.

#[cfg(feature = "action-attempts")]
mod action_attempt_wait;
mod auth;
mod client;
mod datetime;
mod error;
mod http;
mod nullable;
mod pagination;
mod retry;
pub mod wire;

// prettyplease formats the generated files; rustfmt would fight it.
#[rustfmt::skip]
#[path = "../generated/mod.rs"]
mod generated;

#[cfg(feature = "action-attempts")]
pub use action_attempt_wait::WaitOptions;
pub use client::{Operation, Seam, SeamBuilder, DEFAULT_DEADLINE, DEFAULT_ENDPOINT, DEFAULT_TIMEOUT};
pub use datetime::DateTime;
pub use error::{ApiError, Error, ErrorKind, FieldError, InvalidInputError, Result, RetryStop, ValidationError};
pub use generated::*;
pub use http::{Body, DecodeError, HttpRequest, HttpResponse, Method, ParamStyle, Part};
pub use nullable::Nullable;
pub use pagination::{Items, Page, Pages, Paginated};
pub use retry::RetryPolicy;
/// `serde_json`, whose `Value` holds the untyped parts of answers (`ApiError::data`, JSON that no
/// schema describes), re-exported so that reading them needs no dependency of your own.
pub use serde_json;

/// The README's example, compiled as a doctest so that it stays true.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
