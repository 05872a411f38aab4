//! Every cross-check, on the model, never the tokens: unique codes, descriptions,
//! `retry_after` against the status, sources, transparent variants' shape (here); message
//! placeholders against fields (`check/message.rs`); `#[detail]` marks (`check/detail.rs`);
//! `#[retry_after]` fields (`check/retry_after.rs`);
//! `#[from]` marks, whose verdicts, the `From` impls to write, are recorded in the model
//! (`check/from.rs`).

mod detail;
mod from;
mod message;
mod retry_after;

use std::collections::HashMap;

use proc_macro2::Span;

use crate::ast::{Enum, Variant};
use crate::attr::{Code, Own};
use crate::errors::Errors;

/// Checks the model, reporting to `errors`, and records the verdicts later stages read.
pub fn check(model: &mut Enum, errors: &mut Errors) {
    variants(model, errors);
    detail::check(model, errors);
    retry_after::check(model, errors);
    from::check(model, errors);
}

fn variants(input: &Enum, errors: &mut Errors) {
    let mut first_use: HashMap<&str, &Variant> = HashMap::new();
    for variant in &input.variants {
        check_sources(variant, errors);
        match &variant.code {
            Some(Code::Own(own)) => {
                let code = own.code.value.as_str();
                if !code.is_empty() {
                    if let Some(first) = first_use.get(code) {
                        duplicate_code(code, first, own, variant, errors);
                    } else {
                        first_use.insert(code, variant);
                    }
                }
                check_description(variant, own, errors);
                message::check(variant, own, errors);
                check_retry_after(own, errors);
            }
            Some(Code::Transparent(span)) => check_transparent(variant, *span, errors),
            None => {}
        }
    }
}

fn duplicate_code(code: &str, first: &Variant, own: &Own, variant: &Variant, errors: &mut Errors) {
    errors.spanned(
        &own.code,
        format!(
            "duplicate code `{code}`: `{}` already uses it; codes are unique within an enum, so give `{}` its own code",
            first.ident, variant.ident
        ),
    );
    if let Some(first_own) = first.own() {
        errors.spanned(
            &first_own.code,
            format!("note: `{code}` is first used here, by `{}`", first.ident),
        );
    }
}

/// `Retry-After` accompanies 429 and 503 responses (RFC 9110 §10.2.3, RFC 6585 §4).
fn check_retry_after(own: &Own, errors: &mut Errors) {
    let (Some((_, span)), Some(status)) = (own.retry_after, own.status) else {
        return;
    };
    if status != 429 && status != 503 {
        errors.at(
            span,
            format!(
                "`retry_after` goes with status 429 (Too Many Requests) or 503 (Service Unavailable), the answers a client may retry after waiting; this code's status is {status}: change the status, or remove `retry_after`"
            ),
        );
    }
}

fn check_description(variant: &Variant, own: &Own, errors: &mut Errors) {
    if own.description.is_none() && !own.description_given {
        errors.at(
            variant.ident.span(),
            format!(
                "`{}` has no description: add a doc comment `/// What went wrong` above it, or `description = \"...\"` to its #[code]",
                variant.ident
            ),
        );
    }
}

fn check_sources(variant: &Variant, errors: &mut Errors) {
    for extra in variant.fields.iter().filter_map(|f| f.attrs.source).skip(1) {
        errors.at(
            extra,
            format!(
                "`{}` has more than one #[source]: an error has one source, keep #[source] on one field",
                variant.ident
            ),
        );
    }
}

fn check_transparent(variant: &Variant, span: Span, errors: &mut Errors) {
    if variant.fields.len() != 1 {
        errors.at(
            span,
            format!(
                "#[code(transparent)] needs exactly one field, the error it delegates to, as in `Auth(AuthenticationError)`; `{}` has {}",
                variant.ident,
                variant.fields.len()
            ),
        );
        return;
    }
    let field = &variant.fields[0];
    if let Some(param) = &field.generic_param {
        errors.spanned(
            &field.ty,
            format!(
                "#[code(transparent)] over a type that depends on the type parameter `{param}` is not supported: the enum's CATALOG is a const built from the inner CATALOG; name a concrete error type"
            ),
        );
    }
}
