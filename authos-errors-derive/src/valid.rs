//! Cross-checks that need the whole enum: unique codes, descriptions, message placeholders
//! against fields, transparent variants' shape.

use std::collections::HashMap;

use proc_macro2::TokenTree;
use quote::ToTokens;
use syn::Type;

use crate::ast::{Enum, Variant};
use crate::attr::{CodeAttr, OwnCode};
use crate::errors::Errors;
use crate::template::Template;

pub fn check(input: &Enum, errors: &mut Errors) {
    let mut first_use: HashMap<String, &Variant> = HashMap::new();
    for variant in &input.variants {
        check_sources(variant, errors);
        match &variant.code {
            Some(CodeAttr::Own(own)) => {
                let code = own.code.value();
                if !code.is_empty() {
                    if let Some(first) = first_use.get(&code) {
                        duplicate_code(&code, first, own, variant, errors);
                    } else {
                        first_use.insert(code, variant);
                    }
                }
                check_description(variant, own, errors);
                check_message(variant, own, errors);
            }
            Some(CodeAttr::Transparent(span)) => check_transparent(input, variant, *span, errors),
            None => {}
        }
    }
}

fn duplicate_code(code: &str, first: &Variant, own: &OwnCode, variant: &Variant, errors: &mut Errors) {
    errors.spanned(
        &own.code,
        format!(
            "duplicate code `{code}`: `{}` already uses it; codes are unique within an enum, so give `{}` its own code",
            first.ident, variant.ident
        ),
    );
    if let Some(CodeAttr::Own(first_own)) = &first.code {
        errors.spanned(
            &first_own.code,
            format!("note: `{code}` is first used here, by `{}`", first.ident),
        );
    }
}

fn check_description(variant: &Variant, own: &OwnCode, errors: &mut Errors) {
    if own.description.is_none() && variant.doc.is_none() {
        errors.at(
            variant.ident.span(),
            format!(
                "`{}` has no description: add a doc comment `/// What went wrong` above it, or `description = \"...\"` to its #[code]",
                variant.ident
            ),
        );
    }
}

fn check_message(variant: &Variant, own: &OwnCode, errors: &mut Errors) {
    let Some(message) = &own.message else {
        return;
    };
    let template = match Template::parse(&message.value()) {
        Ok(template) => template,
        Err(reason) => {
            errors.spanned(message, reason);
            return;
        }
    };
    let names: Vec<String> = variant.fields.iter().map(|f| f.template_name()).collect();
    for name in template.fields() {
        let Some(field) = variant.fields.iter().find(|f| f.template_name() == name) else {
            let known = if names.is_empty() {
                format!("`{}` has no fields; remove the placeholder", variant.ident)
            } else {
                format!(
                    "the fields of `{}` are: {}",
                    variant.ident,
                    names.iter().map(|n| format!("{{{n}}}")).collect::<Vec<_>>().join(", ")
                )
            };
            errors.spanned(
                message,
                format!("placeholder `{{{name}}}` names no field; {known}"),
            );
            continue;
        };
        if field.source.is_some() && own.status.is_some_and(|s| s >= 500) {
            errors.spanned(
                message,
                format!(
                    "a 5xx message must not show the underlying error: `{{{name}}}` is the #[source]; it stays in the logs via `source()`, so remove the placeholder"
                ),
            );
        }
    }
}

fn check_sources(variant: &Variant, errors: &mut Errors) {
    for extra in variant.fields.iter().filter_map(|f| f.source).skip(1) {
        errors.at(
            extra,
            format!(
                "`{}` has more than one #[source]: an error has one source, keep #[source] on one field",
                variant.ident
            ),
        );
    }
}

fn check_transparent(input: &Enum, variant: &Variant, span: proc_macro2::Span, errors: &mut Errors) {
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
    let ty = variant.fields[0].ty;
    if let Some(param) = generic_param_in(input, ty) {
        errors.spanned(
            ty,
            format!(
                "#[code(transparent)] over a type that depends on the type parameter `{param}` is not supported: the enum's CATALOG is a const built from the inner CATALOG; name a concrete error type"
            ),
        );
    }
}

/// The first type parameter of the enum that `ty` mentions.
pub fn generic_param_in(input: &Enum, ty: &Type) -> Option<String> {
    let params: Vec<String> = input
        .generics
        .type_params()
        .map(|p| p.ident.to_string())
        .collect();
    if params.is_empty() {
        return None;
    }
    first_ident_in(ty.to_token_stream(), &params)
}

fn first_ident_in(tokens: proc_macro2::TokenStream, wanted: &[String]) -> Option<String> {
    for token in tokens {
        match token {
            TokenTree::Ident(ident) => {
                let name = ident.to_string();
                if wanted.contains(&name) {
                    return Some(name);
                }
            }
            TokenTree::Group(group) => {
                if let Some(found) = first_ident_in(group.stream(), wanted) {
                    return Some(found);
                }
            }
            _ => {}
        }
    }
    None
}
