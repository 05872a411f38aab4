//! `#[derive(ApiErrorCode)]` as a downstream service uses it.

mod allocations;
mod code_strings;
mod contract;
mod details;
mod from_sources;
mod lifetimes;
mod message_args;
mod thiserror_strum_port;
