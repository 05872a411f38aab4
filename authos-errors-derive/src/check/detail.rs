//! `#[detail]` marks the derive cannot honour, each reported with what to write instead.

use crate::ast::{Enum, SourceBy};
use crate::errors::Errors;

pub fn check(model: &Enum, errors: &mut Errors) {
    for variant in &model.variants {
        for field in &variant.fields {
            let Some(span) = field.attrs.detail else {
                continue;
            };
            let name = &field.name;
            if let Some(by) = variant.is_source(name) {
                let what = match by {
                    SourceBy::Attr | SourceBy::From => "the #[source]",
                    SourceBy::Name => {
                        "the variant's source (a field named `source` is the source, as in thiserror)"
                    }
                };
                errors.at(
                    span,
                    format!(
                        "`{name}` is {what}: the underlying error never goes into the body, so it cannot be a #[detail]; remove #[detail] (the source is logged with the 5xx)"
                    ),
                );
            } else if variant.is_transparent() {
                errors.at(
                    span,
                    "a transparent variant takes its details from the inner error: remove #[detail] here and mark the fields of the inner type's variants",
                );
            } else if variant.own().is_some_and(|own| own.is_server_error()) {
                errors.at(
                    span,
                    format!(
                        "a 5xx body never shows field data, and `{}` is a 5xx: remove #[detail] from `{name}` (log the value instead), or give the variant a 4xx status",
                        variant.ident
                    ),
                );
            } else if field.generic_param.is_some() {
                errors.at(
                    span,
                    format!(
                        "`{name}` has a generic type, which a #[detail] cannot carry: give the field a concrete type, or remove #[detail]"
                    ),
                );
            }
        }
    }
}
