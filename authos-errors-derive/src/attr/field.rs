//! The field attributes: `#[source]`, `#[from]`, `#[backtrace]`, `#[detail]` and
//! `#[retry_after]`.

use proc_macro2::Span;

use crate::syntax::Attr;

/// What a field's attributes say, as written (which field is the variant's source is the
/// model's business: `ast::Variant::source`).
#[derive(Default)]
pub struct FieldAttrs {
    /// The span of `#[source]`, when present.
    pub source: Option<Span>,
    /// The span of `#[from]` (ours, or thiserror's when it derives too), when present.
    pub from: Option<Span>,
    /// Whether `#[backtrace]` is present.
    pub backtrace: bool,
    /// The span of `#[detail]`, when present (one with arguments is reported by `place`).
    pub detail: Option<Span>,
    /// The span of `#[retry_after]`, when present (one with arguments is reported by `place`).
    pub retry_after: Option<Span>,
}

/// Reads a field's attributes; the first of each counts.
pub fn field_attrs(attrs: &[Attr]) -> FieldAttrs {
    let mut out = FieldAttrs::default();
    for (ident, name) in attrs.iter().filter_map(|attr| attr.name.as_ref()) {
        let slot = match name.as_str() {
            "source" => &mut out.source,
            "from" => &mut out.from,
            "detail" => &mut out.detail,
            "retry_after" => &mut out.retry_after,
            "backtrace" => {
                out.backtrace = true;
                continue;
            }
            _ => continue,
        };
        slot.get_or_insert(ident.span());
    }
    out
}
