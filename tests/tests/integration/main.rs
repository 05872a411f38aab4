//! The integration tests of `authos-errors`, one binary with a module per layer of the crate
//! (see its "Architecture" docs): run one layer with `cargo test -p authos-errors-tests -- http::`.
//!
//! | module | what it checks |
//! |---|---|
//! | [`derive`] | the contract of `#[derive(ApiErrorCode)]`: codes, messages, sources, `#[detail]`, generics, allocations |
//! | [`wire`] | the bytes of every wire format, field errors, and that no body leaks a source |
//! | [`http`] | the axum and actix-web adapters over real sockets: negotiation, challenges, request ids, logging, protocol route groups |
//! | [`grpc`] | the demo's gRPC service over a real socket: statuses read by tonic-types, the crate's client and Python's grpcio |
//! | [`client`] | reading error responses back: the parser, every format, details, backoff, the reqwest integration |
//! | [`l10n`] | Fluent resources, rendering, negotiation and what a localised render allocates |
//! | [`properties`] | property tests (proptest) across the layers |
//! | [`catalog`] | the AuthOS catalog against the reference index, and its committed stability snapshot |
//! | [`reference`] | the rendered reference, where a problem's `type` points, the TypeScript and JSON Schema exports (`tsc`, `jsonschema`), the stability check of any catalog |
//! | [`openapi`] | the OpenAPI documentation of errors |
//! | [`demo`] | the demo app against hostile clients: bounded state, expiring locks, body limits, configured URLs, log lines |
//! | [`first_service`] | a new user's service end to end (issue 20): own enum with data variants, run-time `Retry-After`, validator bounds, the client typing it |
//! | [`hostile_input`] | what a request or a server can send that must not leak a secret, loop, or reach a log as it is |
//!
//! All tests share one process, on parallel threads: a test must not set process-wide state.
//! Servers bind ephemeral ports, each server records its own log lines
//! ([`http_support::LogCapture`]), and allocations are counted per thread.

mod http_support;
mod protocol_demo;

mod catalog;
mod client;
mod demo;
mod derive;
mod first_service;
mod grpc;
mod hostile_input;
mod http;
mod l10n;
mod openapi;
mod properties;
mod reference;
mod wire;
