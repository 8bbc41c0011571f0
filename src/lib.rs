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
//! `seam-codegen`. The runtime under them (transport, retries, deadlines, pagination, [`Nullable`],
//! [`DateTime`]) is the crate `seam-codegen-runtime`, written by hand and shared with every crate
//! `seam-codegen` writes; Seam's own parts ([`Seam`]'s credentials and environment variables, its
//! headers and error format, [`Error`] and action-attempt waits) are this crate's.

#[cfg(feature = "action-attempts")]
mod action_attempt_wait;
mod auth;
mod client;
mod error;

// prettyplease formats the generated files; rustfmt would fight it.
#[rustfmt::skip]
#[path = "../generated/mod.rs"]
mod generated;

#[cfg(feature = "action-attempts")]
pub use action_attempt_wait::WaitOptions;
pub use client::{Seam, SeamBuilder, DEFAULT_ENDPOINT};
pub use error::{Error, Result};
pub use generated::*;
/// The runtime's parts, which the bindings are written in: Seam's client is the runtime's
/// [`Client`](seam_codegen_runtime::Client) with Seam's settings.
pub use seam_codegen_runtime::{
    wire, ApiError, Body, DateTime, DecodeError, ErrorKind, FieldError, HttpRequest, HttpResponse, InvalidInputError,
    Method, Nullable, Operation, Page, Paginated, ParamStyle, Part, RetryPolicy, RetryStop, ValidationError,
    DEFAULT_DEADLINE, DEFAULT_TIMEOUT,
};
/// `serde_json`, whose `Value` holds the untyped parts of answers (`ApiError::data`, JSON that no
/// schema describes), re-exported so that reading them needs no dependency of your own.
pub use serde_json;

/// The pages of a list request through a [`Seam`] client.
pub type Pages<O> = seam_codegen_runtime::Pages<O, Seam>;
/// Every item of a paginated list, with this crate's [`Error`].
pub type Items<T> = seam_codegen_runtime::Items<T, Error>;

/// The README's example, compiled as a doctest so that it stays true.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
