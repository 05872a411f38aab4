//! Cross-checks that need the whole enum: unique codes, descriptions, message placeholders
//! against fields, transparent variants' shape. Reads the model, never the tokens.

use std::collections::HashMap;

use proc_macro2::Span;
use syn::Member;

use crate::ast::{Code, Enum, Field, Message, Own, Variant};
use crate::errors::Errors;
use crate::suggest::closest;
use crate::template::Template;

pub fn check(input: &Enum, errors: &mut Errors) {
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
                check_message(variant, own, errors);
                check_retry_after(own, errors);
            }
            Some(Code::Transparent(span)) => check_transparent(variant, *span, errors),
            None => {}
        }
    }
    crate::detail::check(input, errors);
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

fn check_message(variant: &Variant, own: &Own, errors: &mut Errors) {
    let Some(message) = &own.message else {
        return;
    };
    let template = match &message.template {
        Ok(template) => template,
        Err(reason) => {
            errors.spanned(&message.text, reason);
            return;
        }
    };
    for name in template.fields() {
        let Some(field) = variant.field(name) else {
            errors.spanned(
                &message.text,
                format!(
                    "placeholder `{{{name}}}` names no field of `{}`; {}",
                    variant.ident,
                    placeholder_hint(variant, name)
                ),
            );
            continue;
        };
        if field.source.is_some() && own.status.is_some_and(|s| s >= 500) {
            source_in_server_error(message, template, field, errors);
        }
    }
}

/// A 5xx message showing the source: reported on the placeholder, with the message to write
/// instead.
fn source_in_server_error(
    message: &Message,
    template: &Template,
    field: &Field,
    errors: &mut Errors,
) {
    let name = &field.name;
    let why = if field.source_by_name {
        format!("is the variant's source (a field named `{name}` is the source, as in thiserror)")
    } else {
        "is the #[source]".to_owned()
    };
    let instead = match template.without(name) {
        rest if rest.is_empty() => {
            "remove the placeholder, or leave `message` out to show the description".to_owned()
        }
        rest => format!("remove the placeholder: write `message = \"{rest}\"`"),
    };
    let span = template
        .position_of(name)
        .map_or_else(|| message.text.span(), |at| message.text.span_of(at));
    errors.at(
        span,
        format!(
            "a 5xx message must not show the underlying error: `{{{name}}}` {why}; it stays in the logs via `source()`, so {instead}"
        ),
    );
}

/// What to write instead of a placeholder `{name}` that names no field of `variant`.
fn placeholder_hint(variant: &Variant, name: &str) -> String {
    let names: Vec<&str> = variant.fields.iter().map(|f| f.name.as_str()).collect();
    if names.is_empty() {
        return "a unit variant has no fields to show: remove the placeholder, or add the field to the variant".to_owned();
    }
    let listed = names
        .iter()
        .map(|n| format!("`{{{n}}}`"))
        .collect::<Vec<_>>()
        .join(", ");
    let named = matches!(variant.fields[0].member, Member::Named(_));
    let is_index = name.chars().all(|c| c.is_ascii_digit());
    if named && is_index {
        let example = name
            .parse::<usize>()
            .ok()
            .and_then(|index| names.get(index))
            .unwrap_or(&names[0]);
        return if names.len() == 1 {
            format!("its field has a name: write `{{{example}}}` rather than a position")
        } else {
            format!("its fields have names, not positions: write one of {listed}")
        };
    }
    if !named && !is_index {
        return if names.len() == 1 {
            "its one field has no name: write `{0}`".to_owned()
        } else {
            format!("its fields have no names, only positions: write one of {listed}")
        };
    }
    let near = closest(name, &names).or_else(|| {
        // `{minimum}` for `min`, `{id}` for `id_number`: one name abbreviates the other.
        names
            .iter()
            .copied()
            .find(|c| name.starts_with(c) || c.starts_with(name))
    });
    match near {
        Some(near) if names.len() == 1 => format!("did you mean `{{{near}}}`?"),
        Some(near) => format!("did you mean `{{{near}}}`? the fields are {listed}"),
        None => format!("write one of {listed}"),
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
