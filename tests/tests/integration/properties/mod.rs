//! Property tests (proptest): random inputs over the derive, the catalog, the client and
//! negotiation.

mod catalog;
mod client;
mod derive;
mod l10n;
