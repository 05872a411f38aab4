//! The client side: error responses read back into typed errors.

mod backoff;
mod details;
mod formats;
mod parse;
mod reqwest_sdk;
