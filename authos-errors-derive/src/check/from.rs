//! thiserror's `#[from]`: which variants get a `From` impl, recorded in the model
//! (`Variant::from_impl`), and an error for every `#[from]` the derive cannot honour.
//!
//! A transparent variant gets `From<Inner>` unless `#[api_error(from = false)]`, its field is
//! marked `#[from]` or its type is a type parameter. A `#[from]` field gets `From<FieldType>`
//! when it is the variant's only field beside at most a backtrace (captured on conversion) and
//! no other variant already converts from its type. When thiserror derives on the same enum,
//! `#[from]` is thiserror's: it writes those impls and this derive none of them.

use std::collections::HashMap;

use crate::ast::{Enum, FromImpl, Variant};
use crate::errors::Errors;

/// How a type is compared with another: its tokens, spaced the same way by `to_string`.
fn type_key(variant: &Variant, index: usize) -> String {
    variant.fields[index].ty.to_string()
}

pub fn check(model: &mut Enum, errors: &mut Errors) {
    let verdicts = verdicts(model, errors);
    for (variant, verdict) in model.variants.iter_mut().zip(verdicts) {
        variant.from_impl = verdict;
    }
}

/// The `From` impl of each variant, in order, reporting every `#[from]` rejected.
fn verdicts(e: &Enum, errors: &mut Errors) -> Vec<Option<FromImpl>> {
    let mut verdicts: Vec<Option<FromImpl>> = e
        .variants
        .iter()
        .map(|variant| {
            let field = variant.transparent_field()?;
            (e.attrs.from
                && variant.fields.len() == 1
                && field.attrs.from.is_none()
                && field.generic_param.is_none())
            .then_some(FromImpl::Transparent)
        })
        .collect();
    if e.thiserror_derives {
        return verdicts;
    }
    // The `From` impls the enum gets, by source type: the first variant that claims each.
    let mut claimed: HashMap<String, &syn::Ident> = HashMap::new();
    for (variant, verdict) in e.variants.iter().zip(&verdicts) {
        if verdict.is_some() {
            claimed.insert(type_key(variant, 0), &variant.ident);
        }
    }
    for (variant, verdict) in e.variants.iter().zip(&mut verdicts) {
        let marked: Vec<usize> = (0..variant.fields.len())
            .filter(|&index| variant.fields[index].attrs.from.is_some())
            .collect();
        let Some(&index) = marked.first() else {
            continue;
        };
        let field = &variant.fields[index];
        let span = field.attrs.from.unwrap_or(variant.ident.span());
        if !e.attrs.from {
            errors.at(
                span,
                "#[from] asks for a `From` impl, but #[api_error(from = false)] turns them off: remove one of the two",
            );
            continue;
        }
        if marked.len() > 1 {
            for &extra in &marked[1..] {
                let span = variant.fields[extra].attrs.from.unwrap_or(span);
                errors.at(
                    span,
                    format!(
                        "`{}` has more than one #[from]: `From` builds the variant from one field, keep #[from] on one",
                        variant.ident
                    ),
                );
            }
            continue;
        }
        let others: Vec<String> = variant
            .fields
            .iter()
            .enumerate()
            .filter(|(other, f)| *other != index && !f.backtrace)
            .map(|(_, f)| format!("`{}`", f.name))
            .collect();
        if !others.is_empty() {
            errors.at(
                span,
                format!(
                    "#[from] builds `{}` from this field alone, but it also has {} (only a backtrace may sit beside it): write #[source] instead and a `From` impl by hand, or move the other fields out",
                    variant.ident,
                    others.join(", ")
                ),
            );
            continue;
        }
        let key = type_key(variant, index);
        if let Some(first) = claimed.get(&key) {
            errors.spanned(
                &field.ty,
                format!(
                    "two `From<{}>` impls: `{first}` already converts from this type; keep one conversion and build `{}` by hand",
                    key.replace(" :: ", "::").replace(" < ", "<").replace(" >", ">"),
                    variant.ident
                ),
            );
            continue;
        }
        claimed.insert(key, &variant.ident);
        *verdict = Some(FromImpl::Field(index));
    }
    verdicts
}
