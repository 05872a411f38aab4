//! `#[derive(ApiErrorCode)]`: the derive behind [`authos-errors`](https://docs.rs/authos-errors).
//!
//! Use it through `authos_errors::ApiErrorCode`, which re-exports it beside the trait of the
//! same name; the attribute grammar and the generated items are documented there.
//!
//! The pipeline runs one way: `ast` builds a typed model of the enum (using `attr` to read
//! the attributes), `valid` cross-checks it, `expand` writes the impls. Every mistake found
//! on the way is collected in `errors::Errors` and reported in one compile, and on error the
//! trait impls are still emitted as stubs so the user sees our messages and nothing else.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod ast;
mod attr;
mod detail;
mod errors;
mod expand;
mod suggest;
mod template;
mod valid;

use proc_macro::TokenStream;
use syn::{DeriveInput, parse_macro_input};

/// Derives `authos_errors::ApiErrorCode` for an enum; see the `authos_errors` crate docs.
#[proc_macro_derive(ApiErrorCode, attributes(api_error, code, source, detail))]
pub fn derive_api_error_code(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    expand::derive(&input).into()
}
