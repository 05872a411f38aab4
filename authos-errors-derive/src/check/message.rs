//! Message templates against the variant: every placeholder names a field, and a 5xx
//! message does not show the source.

use syn::Member;

use crate::ast::{SourceBy, Variant};
use crate::attr::{Message, Own};
use crate::errors::Errors;
use crate::suggest::closest;
use crate::template::Template;

pub fn check(variant: &Variant, own: &Own, errors: &mut Errors) {
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
        if variant.field(name).is_none() {
            errors.spanned(
                &message.text,
                format!(
                    "placeholder `{{{name}}}` names no field of `{}`; {}",
                    variant.ident,
                    placeholder_hint(variant, name)
                ),
            );
            continue;
        }
        if own.is_server_error()
            && let Some(by) = variant.is_source(name)
        {
            source_in_server_error(message, template, name, by, errors);
        }
    }
}

/// A 5xx message showing the source: reported on the placeholder, with the message to write
/// instead.
fn source_in_server_error(
    message: &Message,
    template: &Template,
    name: &str,
    by: SourceBy,
    errors: &mut Errors,
) {
    let why = match by {
        SourceBy::Attr | SourceBy::From => "is the #[source]".to_owned(),
        SourceBy::Name => format!(
            "is the variant's source (a field named `{name}` is the source, as in thiserror)"
        ),
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
