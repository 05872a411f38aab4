//! The HTTP answer: the framework-free response contract (status, headers, body bytes of each
//! format for one error and one request), the per-route format policy and the layer builder
//! every adapter shares (rendering each error once, for its request), and the thin adapters that translate the contract into axum's and
//! actix-web's types. Built on `core`, `wire` and `l10n`.

pub mod framework;
pub mod response;

// What every adapter's layer does, written once; a server of its own builds on `response`.
// With tonic alone, the HTTP rendering half of the layer is unused.
#[cfg_attr(not(any(feature = "axum", feature = "actix-web")), allow(dead_code))]
pub(crate) mod layer;
#[cfg_attr(
    not(any(feature = "axum", feature = "actix-web", feature = "tonic")),
    allow(dead_code)
)]
pub(crate) mod policy;
pub(crate) mod telemetry;

#[cfg(feature = "axum")]
pub mod axum;

#[cfg(feature = "actix-web")]
pub mod actix;
