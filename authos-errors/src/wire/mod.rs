//! Wire formats: what the bytes of each error answer are — the RFC 9457 problem document, the
//! OAuth 2.0 and SCIM error bodies, field errors as an extension of the AuthOS body and the
//! problem, request ids, and the header values (`Retry-After`, `WWW-Authenticate`). Built on
//! `core` alone; knows nothing of HTTP frameworks nor of the AuthOS catalog.

pub(crate) mod config;
pub(crate) mod format;
pub(crate) mod headers;
pub mod oauth;
pub mod problem;
pub mod request_id;
pub mod scim;

#[cfg(feature = "field-errors")]
pub mod field_errors;

#[cfg(feature = "http")]
pub(crate) mod json;
