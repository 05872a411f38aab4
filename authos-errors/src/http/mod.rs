//! The HTTP answer: the framework-free response contract (status, headers, body bytes of each
//! format for one error and one request), the per-route format policy, the request-id scope of
//! the 5xx log line, and the thin adapters that translate the contract into axum's and
//! actix-web's types. Built on `core`, `wire` and `l10n`.

pub mod response;

// Used by the adapters; a server of its own builds on `response` alone.
#[cfg_attr(not(any(feature = "axum", feature = "actix-web")), allow(dead_code))]
pub(crate) mod policy;
#[cfg_attr(not(any(feature = "axum", feature = "actix-web")), allow(dead_code))]
pub(crate) mod request_scope;

#[cfg(feature = "axum")]
pub mod axum;

#[cfg(feature = "actix-web")]
pub mod actix;
