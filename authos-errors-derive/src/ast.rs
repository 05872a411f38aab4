//! A typed model of the derive input: the enum, its variants and their fields.

use proc_macro2::Span;
use syn::ext::IdentExt;
use syn::{Attribute, Data, DeriveInput, Fields, Generics, Ident, Member, Type};

use crate::attr::{self, CodeAttr, EnumAttrs};
use crate::errors::Errors;

pub struct Enum<'a> {
    pub ident: &'a Ident,
    pub generics: &'a Generics,
    pub attrs: EnumAttrs,
    pub variants: Vec<Variant<'a>>,
}

pub struct Variant<'a> {
    pub ident: &'a Ident,
    pub fields: Vec<Field<'a>>,
    /// `None` when `#[code]` is missing or unreadable (already reported).
    pub code: Option<CodeAttr>,
    /// The doc comment's first paragraph.
    pub doc: Option<String>,
}

pub struct Field<'a> {
    pub member: Member,
    pub ty: &'a Type,
    /// The span of `#[source]`, when present.
    pub source: Option<Span>,
    /// Whether thiserror's `#[from]` is on the field.
    pub from: bool,
    /// The span of `#[detail]`, when present.
    pub detail: Option<Span>,
}

impl Field<'_> {
    /// The name a message template uses for this field: `min` or `0`.
    pub fn template_name(&self) -> String {
        match &self.member {
            Member::Named(ident) => ident.unraw().to_string(),
            Member::Unnamed(index) => index.index.to_string(),
        }
    }
}

impl Variant<'_> {
    pub fn is_unit(&self) -> bool {
        self.fields.is_empty()
    }

    pub fn is_transparent(&self) -> bool {
        matches!(self.code, Some(CodeAttr::Transparent(_)))
    }
}

impl<'a> Enum<'a> {
    /// The model of `input`; `None` (with the reason in `errors`) when it is not an enum.
    pub fn from_syn(input: &'a DeriveInput, errors: &mut Errors) -> Option<Self> {
        let attrs = attr::enum_attrs(&input.attrs, errors);
        misplaced_attrs(input, errors);
        let data = match &input.data {
            Data::Enum(data) => data,
            Data::Struct(data) => {
                errors.spanned(
                    data.struct_token,
                    "ApiErrorCode is derived for enums, one variant per error code: write `enum` with a variant for each code",
                );
                return None;
            }
            Data::Union(data) => {
                errors.spanned(
                    data.union_token,
                    "ApiErrorCode is derived for enums, one variant per error code: write `enum` with a variant for each code",
                );
                return None;
            }
        };
        if data.variants.is_empty() {
            errors.at(
                input.ident.span(),
                format!(
                    "`{}` has no variants, so no error codes: add one such as #[code(\"CARD_DECLINED\", status = 402)] CardDeclined",
                    input.ident
                ),
            );
            return None;
        }
        let variants = data
            .variants
            .iter()
            .map(|variant| Variant {
                ident: &variant.ident,
                fields: fields(&variant.fields),
                code: attr::code_attr(variant, errors),
                doc: attr::doc_summary(&variant.attrs),
            })
            .collect();
        Some(Enum {
            ident: &input.ident,
            generics: &input.generics,
            attrs,
            variants,
        })
    }

    /// The catalog group: `#[api_error(group = ...)]`, else the enum's name.
    pub fn group(&self) -> String {
        self.attrs
            .group
            .clone()
            .unwrap_or_else(|| self.ident.unraw().to_string())
    }

    /// Whether `from_code` can be generated: every variant is a unit variant or transparent.
    pub fn supports_from_code(&self) -> bool {
        self.attrs.from_code
            && self
                .variants
                .iter()
                .all(|v| v.is_unit() || v.is_transparent())
    }
}

/// Reports our attributes where the derive does not read them, which would otherwise be
/// silently ignored: `#[code]` on the enum or a field, `#[api_error]` on a variant or a
/// field, `#[source]` on the enum or a variant.
fn misplaced_attrs(input: &DeriveInput, errors: &mut Errors) {
    let mut report = |attrs: &[Attribute], place: Place| {
        for attr in attrs {
            let message = if attr.path().is_ident("code") && place != Place::Variant {
                "#[code] goes on a variant, not here: move it above the variant it describes"
            } else if attr.path().is_ident("api_error") && place != Place::Enum {
                "#[api_error] goes on the enum, not here: move it above `enum`"
            } else if attr.path().is_ident("source") && place != Place::Field {
                "#[source] goes on a field, not here: write it before the field that holds the underlying error"
            } else {
                continue;
            };
            errors.spanned(attr, message);
        }
    };
    report(&input.attrs, Place::Enum);
    if let Data::Enum(data) = &input.data {
        for variant in &data.variants {
            report(&variant.attrs, Place::Variant);
            for field in &variant.fields {
                report(&field.attrs, Place::Field);
            }
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Place {
    Enum,
    Variant,
    Field,
}

fn fields(fields: &Fields) -> Vec<Field<'_>> {
    fields
        .iter()
        .enumerate()
        .map(|(index, field)| Field {
            member: match &field.ident {
                Some(ident) => Member::Named(ident.clone()),
                None => Member::Unnamed(index.into()),
            },
            ty: &field.ty,
            source: attr::source_attr(field),
            from: attr::has_from_attr(field),
            detail: crate::detail::detail_attr(field),
        })
        .collect()
}
