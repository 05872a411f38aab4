//! Property tests (proptest): random inputs over the derive, the catalog, the client and
//! negotiation, gRPC statuses.

mod catalog;
mod client;
mod derive;
mod grpc;
mod l10n;
