//! The model of the derive input: every fact the later stages need, worked out once.
//!
//! `valid` and `expand` only read it: the message template is parsed here, each field's use
//! of the enum's type parameters is found here, the description is resolved here (the
//! `description` key, else the doc comment's first paragraph).

use proc_macro2::{Ident, Span, TokenStream, TokenTree};
use syn::Member;
use syn::ext::IdentExt;

use crate::attr::lit::LitStr;
use crate::attr::{self, CodeAttr, EnumAttrs, OwnCode};
use crate::errors::Errors;
use crate::syntax::{self, Attr, Body, Item, Shape};
use crate::template::Template;

pub struct Enum {
    pub ident: Ident,
    pub generics: syn::Generics,
    pub attrs: EnumAttrs,
    /// The catalog group: `#[api_error(group = ...)]`, else the enum's name.
    pub group: String,
    /// Whether the input is an enum with variants; when it is not (reported), only stubs are
    /// written.
    pub usable: bool,
    /// Whether the input is an enum (a struct or union given by mistake may lack `Debug`).
    pub is_enum: bool,
    /// Whether thiserror derives too: it needs `#[error(...)]` on the enum or its variants,
    /// and nothing else reads that attribute. Then `#[from]` is thiserror's.
    pub thiserror_derives: bool,
    pub variants: Vec<Variant>,
}

pub struct Variant {
    pub ident: Ident,
    /// Unit, tuple or struct, as written (`Parens()` is a tuple variant without fields).
    pub shape: Shape,
    pub fields: Vec<Field>,
    /// `None` when `#[code]` is missing or unreadable (already reported).
    pub code: Option<Code>,
}

// Boxing `Own` would cost an allocation per variant, the common case; `Transparent` is rare.
#[allow(clippy::large_enum_variant)]
pub enum Code {
    Own(Own),
    /// `#[code(transparent)]`, with the span of `transparent`.
    Transparent(Span),
}

/// A variant's own catalog entry.
pub struct Own {
    pub code: LitStr,
    /// `None` when missing or invalid (already reported).
    pub status: Option<u16>,
    pub resolution: Option<String>,
    /// The `description` key, else the doc comment's first paragraph.
    pub description: Option<String>,
    /// Whether a `description` key was written, valid or not.
    pub description_given: bool,
    pub message: Option<Message>,
    /// The `OAuthErrorCode` variant of `oauth = "..."`.
    pub oauth: Option<&'static str>,
    /// The `ScimType` variant of `scim = "..."`.
    pub scim: Option<&'static str>,
    /// `retry_after = N` (seconds) and the span of `N`.
    pub retry_after: Option<(u32, Span)>,
    /// `doc = "https://..."`.
    pub doc_url: Option<LitStr>,
}

pub struct Message {
    pub text: LitStr,
    /// The parsed template, or what is wrong with it (reported by `valid`).
    pub template: Result<Template, String>,
}

pub struct Field {
    pub member: Member,
    /// The name a message template uses for this field: `min` or `0`.
    pub name: String,
    pub ty: TokenStream,
    /// Where the type starts, for errors about it.
    pub ty_span: Span,
    /// The first of the enum's type parameters the type mentions.
    pub generic_param: Option<String>,
    /// Where the field is marked as the variant's source: `#[source]`, the `#[from]` that
    /// implies it, or the field's name `source` (see [`Variant::from_syntax`]).
    pub source: Option<Span>,
    /// Whether the field is the source by its name alone.
    pub source_by_name: bool,
    /// The span of `#[from]` (ours, or thiserror's when it derives too), when present.
    pub from: Option<Span>,
    /// Whether the field holds a backtrace, which `From` may capture beside a `#[from]`:
    /// `#[backtrace]`, or a type named `Backtrace` (as thiserror decides).
    pub backtrace: bool,
    /// The span of `#[detail]`, when present.
    pub detail: Option<Span>,
}

impl Variant {
    /// Whether the variant has no fields (`Unit`, `Parens()`, `Braces {}`): a value of it can
    /// be built from its code alone.
    pub fn is_fieldless(&self) -> bool {
        self.fields.is_empty()
    }

    pub fn is_transparent(&self) -> bool {
        matches!(self.code, Some(Code::Transparent(_)))
    }

    pub fn own(&self) -> Option<&Own> {
        match &self.code {
            Some(Code::Own(own)) => Some(own),
            _ => None,
        }
    }

    /// The field a transparent variant delegates to.
    pub fn transparent_field(&self) -> Option<&Field> {
        if self.is_transparent() {
            self.fields.first()
        } else {
            None
        }
    }

    /// The message template, when the variant has a valid one.
    pub fn template(&self) -> Option<(&LitStr, &Template)> {
        let message = self.own()?.message.as_ref()?;
        Some((&message.text, message.template.as_ref().ok()?))
    }

    pub fn field(&self, name: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.name == name)
    }
}

impl Enum {
    /// The model of `item`; every mistake in our attributes goes to `errors`.
    pub fn from_syntax(item: Item, errors: &mut Errors) -> Enum {
        let attrs = attr::enum_attrs(&item.attrs, errors);
        misplaced_attrs(&item, errors);
        let group = attrs
            .group
            .clone()
            .unwrap_or_else(|| item.ident.unraw().to_string());
        let mut model = Enum {
            ident: item.ident,
            generics: item.generics,
            attrs,
            group,
            usable: false,
            is_enum: false,
            thiserror_derives: item.attrs.iter().any(|a| a.is("error"))
                || matches!(&item.body, Body::Enum(variants)
                    if variants.iter().any(|v| v.attrs.iter().any(|a| a.is("error")))),
            variants: Vec::new(),
        };
        let variants = match item.body {
            Body::Enum(variants) => variants,
            Body::NotEnum(keyword) => {
                errors.at(
                    keyword.span(),
                    "ApiErrorCode is derived for enums, one variant per error code: write `enum` with a variant for each code",
                );
                return model;
            }
        };
        model.is_enum = true;
        if variants.is_empty() {
            errors.at(
                model.ident.span(),
                format!(
                    "`{}` has no variants, so no error codes: add one such as #[code(\"CARD_DECLINED\", status = 402)] CardDeclined",
                    model.ident
                ),
            );
            return model;
        }
        let params: Vec<String> = model
            .generics
            .type_params()
            .map(|p| p.ident.to_string())
            .collect();
        model.variants = variants
            .into_iter()
            .map(|variant| Variant::from_syntax(variant, &params, errors))
            .collect();
        model.usable = true;
        model
    }

    /// Whether `from_code` can be generated: every variant is fieldless or transparent.
    pub fn supports_from_code(&self) -> bool {
        self.attrs.from_code
            && self
                .variants
                .iter()
                .all(|v| v.is_fieldless() || v.is_transparent())
    }
}

impl Variant {
    fn from_syntax(variant: syntax::Variant, params: &[String], errors: &mut Errors) -> Variant {
        let code = attr::code_attr(&variant, errors).map(|code| match code {
            CodeAttr::Own(own) => Code::Own(Own::new(own, &variant.attrs)),
            CodeAttr::Transparent(span) => Code::Transparent(span),
        });
        let mut fields: Vec<Field> = variant
            .fields
            .into_iter()
            .enumerate()
            .map(|(index, field)| Field::from_syntax(index, field, params))
            .collect();
        // `#[from]` implies `#[source]`, as in thiserror (several `#[from]` are reported by
        // `from_attr`).
        if fields.iter().all(|f| f.source.is_none())
            && let Some(field) = fields.iter_mut().find(|f| f.from.is_some())
        {
            field.source = field.from;
        }
        // Without either, a field named `source` is the source, as in thiserror. A
        // transparent variant's source is its inner error's.
        if !matches!(code, Some(Code::Transparent(_)))
            && fields.iter().all(|f| f.source.is_none())
            && let Some(field) = fields
                .iter_mut()
                .find(|f| f.name == "source" && matches!(f.member, Member::Named(_)))
        {
            field.source = Some(match &field.member {
                Member::Named(ident) => ident.span(),
                Member::Unnamed(index) => index.span,
            });
            field.source_by_name = true;
        }
        Variant {
            ident: variant.ident,
            shape: variant.shape,
            fields,
            code,
        }
    }
}

impl Own {
    fn new(own: OwnCode, attrs: &[Attr]) -> Own {
        let description = own.description.or_else(|| attr::doc_summary(attrs));
        let message = own.message.map(|text| Message {
            template: Template::parse(&text.value),
            text,
        });
        Own {
            code: own.code,
            status: own.status,
            resolution: own.resolution,
            description,
            description_given: own.description_given,
            message,
            oauth: own.oauth,
            scim: own.scim,
            retry_after: own.retry_after,
            doc_url: own.doc_url,
        }
    }
}

impl Field {
    fn from_syntax(index: usize, field: syntax::Field, params: &[String]) -> Field {
        let (member, name) = match field.ident {
            Some(ident) => {
                let name = ident.unraw().to_string();
                (Member::Named(ident), name)
            }
            None => (Member::Unnamed(index.into()), index.to_string()),
        };
        let ty_span = field
            .ty
            .clone()
            .into_iter()
            .next()
            .map_or_else(Span::call_site, |tree| tree.span());
        let generic_param = if params.is_empty() {
            None
        } else {
            first_ident_in(field.ty.clone(), params)
        };
        Field {
            member,
            name,
            ty_span,
            generic_param,
            source: attr::source_attr(&field.attrs),
            source_by_name: false,
            from: attr::from_attr(&field.attrs),
            backtrace: field.attrs.iter().any(|a| a.is("backtrace")) || names_backtrace(&field.ty),
            detail: crate::detail::detail_attr(&field.attrs),
            ty: field.ty,
        }
    }
}

/// Whether a type is a path ending in `Backtrace`, without generic arguments.
fn names_backtrace(ty: &TokenStream) -> bool {
    let mut last_ident = None;
    for token in ty.clone() {
        match token {
            TokenTree::Ident(ident) => last_ident = Some(ident),
            TokenTree::Punct(punct) if punct.as_char() == ':' => {}
            _ => return false,
        }
    }
    last_ident.is_some_and(|ident| ident == "Backtrace")
}

/// The first of `wanted` that `tokens` mention.
fn first_ident_in(tokens: TokenStream, wanted: &[String]) -> Option<String> {
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

/// Reports our attributes where the derive does not read them, which would otherwise be
/// silently ignored: `#[code]` on the enum or a field, `#[api_error]` on a variant or a
/// field, `#[source]` on the enum or a variant.
fn misplaced_attrs(item: &Item, errors: &mut Errors) {
    report_misplaced(&item.attrs, Place::Enum, errors);
    if let Body::Enum(variants) = &item.body {
        for variant in variants {
            report_misplaced(&variant.attrs, Place::Variant, errors);
            for field in &variant.fields {
                report_misplaced(&field.attrs, Place::Field, errors);
            }
        }
    }
}

fn report_misplaced(attrs: &[Attr], place: Place, errors: &mut Errors) {
    for attr in attrs {
        let message = if attr.is("code") && place != Place::Variant {
            "#[code] goes on a variant, not here: move it above the variant it describes"
        } else if attr.is("api_error") && place != Place::Enum {
            "#[api_error] goes on the enum, not here: move it above `enum`"
        } else if attr.is("source") && place != Place::Field {
            "#[source] goes on a field, not here: write it before the field that holds the underlying error"
        } else if let Some(message) = crate::detail::misplaced(attr, place == Place::Field) {
            message
        } else {
            continue;
        };
        errors.spanned(attr.tokens(), message);
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Place {
    Enum,
    Variant,
    Field,
}
