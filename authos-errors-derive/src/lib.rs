//! `#[derive(ApiErrorCode)]`: the derive behind [`authos-errors`](https://docs.rs/authos-errors).
//!
//! Use it through `authos_errors::ApiErrorCode`, which re-exports it beside the trait of the
//! same name; the attribute grammar and the generated items are documented there.
//!
//! The pipeline runs one way, each stage in its own module:
//!
//! 1. `syntax` splits the input's tokens into attributes, variants and fields;
//! 2. `ast` builds the model, every fact worked out once (reading attributes through `attr`,
//!    whose grammar tables live in `attr/code.rs` and `attr/api_error.rs`; message templates
//!    through `template`);
//! 3. `valid` cross-checks the model;
//! 4. `expand` writes the impls from the model.
//!
//! A variant's source, the field `std::error::Error::source` returns and a 5xx logs the
//! chain through, is the field marked `#[source]`; else the one marked `#[from]`; else a named
//! field called `source`, as in thiserror (to keep such a field out of `source()`, mark the real
//! source with `#[source]`, or rename the field). A 5xx `message` may not interpolate the
//! source, whichever way it was chosen: the error names the placeholder and the message to
//! write instead.
//!
//! Every mistake found on the way is collected in `errors::Errors` and reported in one
//! compile, on the offending token; on error the trait impls are still emitted as stubs so
//! the user sees our messages and nothing else.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod ast;
mod attr;
mod detail;
mod errors;
mod expand;
mod from_attr;
mod suggest;
mod syntax;
mod template;
mod valid;

use proc_macro::TokenStream;

/// Derives `authos_errors::ApiErrorCode` for an enum; see the `authos_errors` crate docs.
#[proc_macro_derive(
    ApiErrorCode,
    attributes(api_error, code, source, from, backtrace, detail)
)]
pub fn derive_api_error_code(input: TokenStream) -> TokenStream {
    expand::derive(input.into()).into()
}
