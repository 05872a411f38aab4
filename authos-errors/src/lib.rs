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
//! # Cargo features
//! - `client`: parse AuthOS error responses back into typed values (the `client` module).
//! - `axum`: answer with any derived error from an axum handler.
//! - `actix-web`: the same for actix-web.
//! - `utoipa`: OpenAPI schemas and documented responses.
#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![cfg_attr(docsrs, feature(doc_auto_cfg))]

// Lets the derive's `::authos_errors::...` paths resolve inside this crate too.
extern crate self as authos_errors;

mod body;
pub mod catalog;
mod code;
mod consistency;
mod detail;
mod info;
pub mod problem;
pub mod reference;

#[cfg(feature = "client")]
pub mod client;

#[cfg(feature = "axum")]
pub mod axum;

#[cfg(feature = "actix-web")]
pub mod actix;

#[cfg(feature = "utoipa")]
pub mod openapi;

#[doc(hidden)]
pub mod __private;

pub use authos_errors_derive::ApiErrorCode;
pub use body::ErrorBody;
pub use code::{ApiErrorCode, FromCode};
pub use consistency::assert_consistent_statuses;
pub use detail::{ApiErrorCodeExt, Detailed};
pub use info::ErrorCodeInfo;

/// The README's examples, compiled and run as doctests so they cannot rot.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;
