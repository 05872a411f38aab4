//! Typed, documented API error catalogs from one derive — and the complete AuthOS catalog.
//!
//! `#[derive(ApiErrorCode)]` on an enum gives each variant a machine-readable code, an HTTP
//! status, a human-readable message, a resolution hint, a JSON body and documentation.
//!
//! ```
//! use authos_errors::ApiErrorCode;
//! use chrono::{TimeZone, Utc};
//!
//! #[derive(Debug, ApiErrorCode)]
//! #[api_error(group = "Billing Errors")]
//! pub enum BillingError {
//!     /// Card was declined
//!     #[code("CARD_DECLINED", status = 402, resolution = "Use another card")]
//!     CardDeclined { last4: String },
//!
//!     /// Billing system error
//!     #[code("STRIPE_ERROR", status = 500, message = "Payment provider unavailable")]
//!     Stripe(#[source] std::io::Error),
//! }
//!
//! let err = BillingError::CardDeclined { last4: "4242".into() };
//! assert_eq!(err.code(), "CARD_DECLINED");
//! assert_eq!(err.status(), 402);
//! assert_eq!(err.to_string(), "Card was declined");
//! let at = Utc.with_ymd_and_hms(2025, 1, 15, 10, 30, 0).unwrap();
//! assert_eq!(
//!     serde_json::to_string(&err.to_body_at(at)).unwrap(),
//!     r#"{"error":"Card was declined","error_code":"CARD_DECLINED","timestamp":"2025-01-15T10:30:00Z"}"#
//! );
//! ```
//!
//! # The derive
//!
//! On each variant, exactly one of:
//! - `#[code("CODE", status = NNN, resolution = "...", description = "...", message = "...")]`:
//!   `CODE` is a string literal in SCREAMING_SNAKE_CASE, unique within the enum; `status` an
//!   integer literal in 400..=599; `description` defaults to the first paragraph of the variant's
//!   doc comment (one of the two is required); `message` is the body's `error` text, with
//!   `{field}` (named fields) or `{0}` (tuple fields) placeholders, `{{`/`}}` for braces and
//!   format specs such as `{n:>4}`; without it the message is the description. A 5xx message
//!   may not interpolate the source field, so the body never carries the underlying error.
//!
//!   Optional keys of the same `#[code]`: `oauth = "authorization_pending"` (an OAuth 2.0 error
//!   code of RFC 6749 §5.2 or RFC 8628 §3.5) and `scim = "uniqueness"` (a `scimType` of
//!   RFC 7644 §3.12), each checked against the RFC's list; `grpc = "failed_precondition"` (a
//!   code of `google/rpc/code.proto`, in lowercase, for when the one the HTTP status maps to
//!   does not fit: see [`grpc`]); `retry_after = 60` (whole seconds,
//!   only with status 429 or 503) and `doc = "https://..."` (an absolute http(s) URL), stored in
//!   the entry's [`ErrorCodeInfo`] as `oauth`, `scim`, `grpc`, `retry_after` and `doc_url`. The
//!   `retry_after` is sent as `Retry-After` unless the error value sets its own delay; the
//!   `doc_url` is the code's problem `type` ([`problem::ProblemConfig`]).
//! - `#[code(transparent)]` on a variant with one field whose type implements [`ApiErrorCode`]:
//!   everything is delegated to it, its catalog is spliced into this enum's `CATALOG` in place,
//!   and `From<Inner>` is generated (unless the field carries thiserror's `#[from]`).
//!
//! A variant's source — what `std::error::Error::source` returns and what a 5xx is logged with,
//! chain included — is the field marked `#[source]`; else the field marked `#[from]`
//! (thiserror's spelling, which also builds the variant through `From<FieldType>`, so `?`
//! converts; it must be the variant's only field, beside at most a backtrace: `#[backtrace]` or a
//! type named `Backtrace`, captured on conversion); else, as in thiserror, a named field called
//! `source`. A field named `source` must therefore be an error: to keep one that is not, mark the
//! real source with `#[source]` or rename the field. The source may be any error type,
//! `Box<dyn Error + Send + Sync>` or `anyhow::Error`. A 5xx `message` may not interpolate the
//! source however it was chosen (`message = "Database failed: {source}"` is a compile error that
//! says to write `message = "Database failed"`), so the body never carries the underlying error.
//! When `thiserror::Error` derives on the same enum (with `display = false`), `#[from]` is
//! thiserror's and it writes the `From` impls.
//! A field marked `#[detail]` (4xx variants only; not the `#[source]`; a `Serialize` type) is
//! written to the body as a member of its `details` object, after the three AuthOS keys, and
//! named in the entry's [`ErrorCodeInfo::details`]; see [`ApiErrorCode::serialize_details`].
//! A field marked `#[retry_after]` (429 and 503 variants only, one per variant; type
//! `std::time::Duration`, or `Option<Duration>` whose `None` means the entry's `retry_after`)
//! is the value's delay, sent as `Retry-After` ([`ApiErrorCode::retry_after`]): a delay known
//! at run time with no wrapper, so `?` keeps converting through every `From` the enum has.
//!
//! On the enum, `#[api_error(...)]` takes `group = "Billing Errors"` (default: the enum's name),
//! `display = false` (no `Display`/`Error`, e.g. beside `thiserror::Error`), `serialize = false`
//! (no `Serialize`), `from_code = false` (no `from_code`, nor anything below built on it),
//! `from = false` (no `From` impls) and `http = false` (none of the axum / actix-web / utoipa
//! impls, for an enum that answers HTTP its own way); and, for enums with `from_code`,
//! `from_str = false` (no `FromStr`/`TryFrom<&str>`), `as_ref = false` (no `AsRef<str>`/
//! `From<Self> for &'static str`), `deserialize = false` (no `Deserialize`) and
//! `all_values = false` (no [`AllValues`], no `ALL`), each leaving room for an impl of your own.
//!
//! Generated: `impl ApiErrorCode`, `Serialize` (the body, stamped now), `Display` (the message),
//! `std::error::Error`, `From` for transparent variants and `#[from]` fields, an inherent
//! `description()`, and, when every variant is a unit variant or transparent over such an enum,
//! `from_code` with [`FromCode`] and, built on it: `FromStr` and `TryFrom<&str>` (error
//! [`UnknownCode`]), `AsRef<str>` and `From<Self> for &'static str` (the code), `Deserialize`
//! (from the code, or from a serialised body's `error_code`), [`AllValues`] and, for unit variants
//! only, `const ALL: &'static [Self]`. An enum that composes other catalogs fails to build if a
//! shared code carries two statuses. Rustdoc of the generated impls shows the enum's code table.
//!
//! ## Public contract
//!
//! What a service may rely on, whatever the enum (`tests/tests/integration/derive/contract.rs` and
//! `tests/tests/integration/wire/leaks.rs` check it):
//! - `CATALOG` is a `const`, in declaration order, a transparent variant's catalog spliced in
//!   its place; `info()` of a value is its row of `CATALOG`.
//! - `message()` is the `message` template with the fields filled in, else the description;
//!   it borrows (no allocation) unless it interpolates a field.
//! - The body never carries the text of a `#[source]` error nor of a field the template does
//!   not name; a 5xx body says only the catalog description or the declared message.
//! - `from_code` returns the first declared variant with that code; `From<Inner>` exists for
//!   each transparent variant (unless `from = false` or thiserror's `#[from]` writes it).
//! - Generic enums keep their parameters; the bounds a template needs are inferred, once each.
//!
//! ```
//! use authos_errors::{ApiErrorCode, catalog::AuthenticationError};
//!
//! #[derive(Debug, ApiErrorCode)]
//! #[api_error(display = false)]
//! enum AppError {
//!     /// Upstream timed out
//!     #[code("UPSTREAM_TIMEOUT", status = 504, message = "No answer within {0:.1} s")]
//!     Timeout(f64),
//!     #[code(transparent)]
//!     Auth(AuthenticationError),
//! }
//!
//! impl std::fmt::Display for AppError {
//!     fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
//!         write!(f, "app error {}", self.code())
//!     }
//! }
//!
//! assert_eq!(AppError::Timeout(2.25).message(), "No answer within 2.2 s");
//! assert_eq!(AppError::from(AuthenticationError::JwtError).status(), 401);
//! assert_eq!(AppError::CATALOG.len(), 7);
//! ```
//!
//! # Cargo features
//! - `client`: parse AuthOS error responses back into typed values (the `client` module).
//! - `reqwest`: read failed `reqwest` responses into typed errors, the body's size bounded
//!   while streaming (the `client::reqwest` module); turns on `client`.
//! - `reqwest-retry`: retries with `Retry-After` and jittered backoff for `reqwest-middleware`
//!   / `reqwest-retry` users (`client::reqwest::RetryMiddleware`); turns on `reqwest`.
//! - `field-errors`: many errors in one response (the `field_errors` module); on with each
//!   HTTP feature.
//! - `validator`: `validator`'s `ValidationErrors` into `FieldErrors` (the `validation` module).
//! - `axum`: answer with any derived error from an axum handler.
//! - `actix-web`: the same for actix-web.
//! - `tonic`: every derived enum into a `tonic::Status` with AIP-193 details, a tower layer for
//!   tonic servers and statuses read back into typed errors (the `grpc` and `client::grpc`
//!   modules); turns on `http` and `client`.
//! - `http`: the `response` module, the framework-free response contract both are built on
//!   (status, headers and body bytes of each format for one error and one request), and the
//!   `framework` module, the codes a framework's own failures are answered with, with no web
//!   framework; `axum` and `actix-web` turn it on.
//! - `utoipa`: OpenAPI schemas and documented responses.
//! - `fluent`: error messages translated with Fluent and negotiated from `Accept-Language`
//!   (the `l10n` module).
//!
//! # Wire formats
//!
//! An error is answered in one of the [`ErrorFormat`](problem::ErrorFormat)s: the AuthOS body
//! ([`ErrorBody`]), RFC 9457 problem details ([`problem::ProblemDetails`]), an OAuth 2.0 token
//! endpoint error ([`oauth::OAuthErrorBody`], for the catalog's device-flow and OAuth codes)
//! or a SCIM error ([`scim::ScimErrorBody`]). A route group picks its format with the
//! integrations' `ErrorFormatLayer` (axum) or `ErrorFormatMiddleware` (actix-web).
//!
//! # Architecture
//!
//! The folders of `src/` are the layers, each importing only from the layers above it in this
//! list; the public modules keep flat paths (`authos_errors::problem`, `::response`, ...).
//!
//! **`contract/`** — what an error is, whatever answers it: the [`ApiErrorCode`] trait, a catalog
//! row ([`ErrorCodeInfo`], with the OAuth and SCIM codes it may name), the AuthOS body
//! ([`ErrorBody`]), the handler's overrides ([`Detailed`]), the one rule for what a body may say
//! ([`disclosure`]: a 5xx shows only its declared text), `#[detail]` support, code strings and
//! the cross-catalog status check. It depends on nothing else in the crate.
//!
//! **`wire/`** — the bytes of each answer: the [`ErrorFormat`](problem::ErrorFormat)s and
//! `Accept` negotiation, RFC 9457 [`problem`] documents, [`oauth`] and [`scim`] bodies, field
//! errors as an extension of the AuthOS body and the problem, [`request_id`]s, and the
//! `Retry-After` and `WWW-Authenticate` header values. The service's policies are data of one
//! config, [`ProblemConfig`](problem::ProblemConfig) (realm, invalid-token codes, problem
//! `type` bases), with generic defaults. No HTTP framework, no AuthOS code.
//!
//! **`l10n/`** (feature `fluent`) — Fluent resources keyed by code, over the contract (and
//! `wire/`'s one parser of weighted lists, shared with `Accept`), a file per job: `load`
//! (resources and their load-time checks), `negotiate` (`Accept-Language`), `render` (a
//! [`Locale`](l10n::Locale)'s texts), `coverage` and `skeleton` (the FTL writer). The variables
//! a translation may use are the derive's [`ErrorCodeInfo::message_args`]; no template is
//! parsed at run time.
//!
//! **`http/`** (feature `http`) — the framework-free answer to one request: the [`response`]
//! contract (status, headers and body bytes of each format), the per-route format policy read
//! from the request's headers, the request-id scope of the 5xx log line, the [`framework`]'s own
//! errors (its catalog, the rule that recognises a framework's plain failure, JSON body
//! rejections); then the thin adapters, `axum` and `actix`, which only convert the contract into
//! their framework's types and recognise their framework's rejections.
//!
//! **`grpc/`** — the gRPC status code of each entry; with feature `tonic`, the same answer as a
//! `tonic::Status` with AIP-193 details, built from the HTTP contract's captured error and read
//! in the call's language and request id by a tower layer that reuses the HTTP layer's scope.
//!
//! **`client/`, `openapi.rs`, `reference.rs`, `export/`, `stability.rs`, `validation.rs`** —
//! what is built on an answer: reading one back, documenting a catalog's answers, rendering its
//! reference, exporting it as TypeScript and JSON Schema, checking it against its committed
//! snapshot, turning `validator` reports into field errors.
//!
//! **`catalog/`** — the AuthOS product: its error enums, built with the derive, and its
//! policies given through the same public means a user has: [`catalog::problem_config`],
//! `catalog::field_errors`, `catalog::validation_rules`, `catalog::localizer` and
//! `catalog::client`. No module below it imports it (a test checks).
//!
//! **`generated/`** — the hidden paths the derive's output names (`__private`, `__http`,
//! `__codes`); not public API.
#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![cfg_attr(docsrs, feature(doc_cfg))]

// Lets the derive's `::authos_errors::...` paths resolve inside this crate too.
extern crate self as authos_errors;

// The folders are the layers, each importing only from the ones before it (see
// "Architecture" above); the public modules keep their flat paths through the re-exports below.
mod contract;
mod wire;

#[cfg(feature = "http")]
mod http;

#[cfg(feature = "fluent")]
pub mod l10n;

pub mod grpc;

#[cfg(feature = "client")]
pub mod client;

#[cfg(feature = "utoipa")]
pub mod openapi;

pub mod reference;

pub mod stability;

pub mod export;

#[cfg(feature = "validator")]
pub mod validation;

pub mod catalog;

// What the derive's output names (files in `generated/`), through hidden paths so the user's
// crate needs no other dependency.
#[doc(hidden)]
#[path = "generated/private.rs"]
pub mod __private;

#[doc(hidden)]
#[path = "generated/http.rs"]
pub mod __http;

#[doc(hidden)]
#[path = "generated/codes.rs"]
pub mod __codes;

pub use contract::disclosure;
pub use wire::{oauth, problem, request_id, scim};

#[cfg(feature = "field-errors")]
pub use wire::field_errors;

#[cfg(feature = "http")]
pub use self::http::{framework, response};

#[cfg(feature = "axum")]
pub use self::http::axum;

#[cfg(feature = "actix-web")]
pub use self::http::actix;

pub use authos_errors_derive::ApiErrorCode;
pub use contract::body::ErrorBody;
pub use contract::code::{ApiErrorCode, FromCode};
pub use contract::consistency::assert_consistent_statuses;
pub use contract::info::ErrorCodeInfo;
pub use contract::overrides::{ApiErrorCodeExt, Detailed};
pub use contract::strings::{AllValues, UnknownCode};

/// The README's examples, compiled and run as doctests so they cannot rot (they use every
/// integration, so they run with `--all-features`, as CI does).
#[cfg(all(
    doctest,
    feature = "client",
    feature = "axum",
    feature = "actix-web",
    feature = "fluent",
    feature = "tonic",
    feature = "validator"
))]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;
