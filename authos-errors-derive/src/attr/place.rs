//! Our attributes written where the derive does not read them, which would otherwise be
//! silently ignored: `#[code]` on the enum or a field, `#[api_error]` on a variant or a field,
//! `#[source]`, `#[detail]` or `#[retry_after]` on the enum or a variant, `#[detail]` or
//! `#[retry_after]` with arguments.

use crate::errors::Errors;
use crate::syntax::{Attr, AttrArgs, Body, Item};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Place {
    Enum,
    Variant,
    Field,
}

/// Reports every attribute of ours that stands where it is not read, in the order written.
pub fn misplaced_attrs(item: &Item, errors: &mut Errors) {
    report(&item.attrs, Place::Enum, errors);
    if let Body::Enum(variants) = &item.body {
        for variant in variants {
            report(&variant.attrs, Place::Variant, errors);
            for field in &variant.fields {
                report(&field.attrs, Place::Field, errors);
            }
        }
    }
}

fn report(attrs: &[Attr], place: Place, errors: &mut Errors) {
    for attr in attrs {
        let message = if attr.is("code") && place != Place::Variant {
            "#[code] goes on a variant, not here: move it above the variant it describes"
        } else if attr.is("api_error") && place != Place::Enum {
            "#[api_error] goes on the enum, not here: move it above `enum`"
        } else if attr.is("source") && place != Place::Field {
            "#[source] goes on a field, not here: write it before the field that holds the underlying error"
        } else if attr.is("detail") && place != Place::Field {
            "#[detail] goes on a field, not here: write it before each field whose value the body should carry"
        } else if attr.is("detail") && !matches!(attr.args, AttrArgs::Word) {
            "#[detail] takes no arguments: write `#[detail]`; the member is named after the field"
        } else if attr.is("retry_after") && place != Place::Field {
            "#[retry_after] goes on a field, not here: write it before the `Duration` field that holds the delay (a fixed delay is the #[code] key `retry_after = 60`)"
        } else if attr.is("retry_after") && !matches!(attr.args, AttrArgs::Word) {
            "#[retry_after] takes no arguments: write `#[retry_after]` before a `Duration` field (a fixed delay is the #[code] key `retry_after = 60`)"
        } else {
            continue;
        };
        errors.spanned(attr.tokens(), message);
    }
}
