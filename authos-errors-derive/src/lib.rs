//! `#[derive(ApiErrorCode)]`: the derive behind [`authos-errors`](https://docs.rs/authos-errors).
//!
//! Use it through `authos_errors::ApiErrorCode`, which re-exports it beside the trait of the
//! same name; the attribute grammar and the generated items are documented there.
//!
//! The pipeline runs top to bottom, each stage in its own module, and `derive` (below) calls
//! them in that order:
//!
//! 1. `syntax` splits the input's tokens into attributes, variants (with their shape: unit,
//!    tuple or struct) and fields, looking through the invisible groups a `macro_rules!`
//!    fragment arrives in;
//! 2. `attr` reads every attribute of ours, and nothing after it reads one: `#[api_error]` on
//!    the enum, `#[code]` and the doc comment on a variant (message templates parsed by
//!    `template` as they are read), `#[source]`, `#[from]`, `#[backtrace]` and `#[detail]` on a
//!    field, and ours where they are not read (`attr/place.rs`). The grammar of each keyed
//!    attribute is one table (`attr/code.rs`, `attr/api_error.rs`) over one reader
//!    (`attr/args.rs`);
//! 3. `ast` builds the model from the two, holding what `attr` read as it is (`Code`, `Own`,
//!    `FieldAttrs`: no copies) and working out each fact once: which field is a variant's
//!    source, each field's use of the type parameters, whether it holds a backtrace, whether
//!    `from_code` is written;
//! 4. `check` runs every cross-check on the model (codes, descriptions, `retry_after`,
//!    sources, transparent variants; `check/message.rs` the templates, `check/detail.rs` the
//!    `#[detail]` marks, `check/from.rs` the `#[from]` marks) and records its verdicts in it:
//!    the `From` impls to write (`Variant::from_impl`). Whether an entry is a 5xx is asked of
//!    `Own::is_server_error` alone;
//! 5. `expand` writes every item from the model and those verdicts, one group of items a file.
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
mod check;
mod errors;
mod expand;
mod suggest;
mod syntax;
mod template;

use proc_macro::TokenStream;

use crate::ast::Enum;
use crate::errors::Errors;

/// Derives `authos_errors::ApiErrorCode` for an enum; see the `authos_errors` crate docs.
#[proc_macro_derive(
    ApiErrorCode,
    attributes(api_error, code, source, from, backtrace, detail, retry_after)
)]
pub fn derive_api_error_code(input: TokenStream) -> TokenStream {
    derive(input.into()).into()
}

/// The whole derive, one stage after the other: split the input, build the model (reading
/// every attribute), check it, then expand it or report what is wrong beside stubs.
fn derive(input: proc_macro2::TokenStream) -> proc_macro2::TokenStream {
    let item = match syntax::parse(input) {
        Ok(item) => item,
        Err(error) => return error.to_compile_error(),
    };
    let mut errors = Errors::default();
    let mut model = Enum::from_syntax(item, &mut errors);
    if model.usable {
        check::check(&mut model, &mut errors);
    }
    if errors.is_empty() {
        expand::impls(&model)
    } else {
        let mut out = errors.to_compile_errors();
        out.extend(expand::stubs(&model));
        out
    }
}
