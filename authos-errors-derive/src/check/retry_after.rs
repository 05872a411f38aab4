//! `#[retry_after]` fields the derive cannot honour, each reported with what to write instead.

use crate::ast::Enum;
use crate::errors::Errors;

pub fn check(model: &Enum, errors: &mut Errors) {
    for variant in &model.variants {
        let mut marked = variant.fields.iter().filter_map(|f| f.attrs.retry_after);
        let Some(first) = marked.next() else {
            continue;
        };
        for extra in marked {
            errors.at(
                extra,
                format!(
                    "`{}` has more than one #[retry_after]: a response has one `Retry-After`, keep #[retry_after] on one field",
                    variant.ident
                ),
            );
        }
        if variant.is_transparent() {
            errors.at(
                first,
                "a transparent variant takes its `Retry-After` from the inner error: remove #[retry_after] here and mark a field of the inner type's variant",
            );
        } else if let Some(status) = variant.own().and_then(|own| own.status)
            && status != 429
            && status != 503
        {
            errors.at(
                first,
                format!(
                    "#[retry_after] goes with status 429 (Too Many Requests) or 503 (Service Unavailable), the answers a client may retry after waiting; `{}`'s status is {status}: change the status, or remove #[retry_after]",
                    variant.ident
                ),
            );
        }
    }
}
