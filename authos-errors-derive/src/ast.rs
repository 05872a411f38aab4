//! The model of the derive input: every fact the later stages need, worked out once.
//!
//! Built from the split tokens (`syntax`) and what the attributes say (`attr`, whose `Code`,
//! `Own` and `FieldAttrs` the model holds as they are); the checks (`check`) then read it and
//! record their verdicts in it (`Variant::from_impl`), and `expand` only reads it. Facts worked
//! out here: each field's use of the enum's type parameters, whether it holds a backtrace, the
//! variant's source, whether `from_code` is written.

use proc_macro2::{Ident, Span, TokenStream, TokenTree};
use syn::Member;
use syn::ext::IdentExt;

use crate::attr::lit::LitStr;
use crate::attr::{self, Code, EnumAttrs, FieldAttrs, Own};
use crate::errors::Errors;
pub use crate::syntax::Shape;
use crate::syntax::{self, Body, Item};
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
    /// Whether `from_code` (and the conversions built on it) is written: asked for, and every
    /// variant is fieldless or transparent.
    pub from_code: bool,
    pub variants: Vec<Variant>,
}

pub struct Variant {
    pub ident: Ident,
    /// Unit, tuple or struct, as written (`Parens()` is a tuple variant without fields).
    pub shape: Shape,
    pub fields: Vec<Field>,
    /// `None` when `#[code]` is missing or unreadable (already reported).
    pub code: Option<Code>,
    /// The field `source()` returns, and what made it the source.
    pub source: Option<Source>,
    /// The `From` impl the variant gets: the checks' verdict (`check::from`), `None` before
    /// they run and for a variant that gets none.
    pub from_impl: Option<FromImpl>,
}

/// A variant's source field.
pub struct Source {
    /// Its index among the variant's fields.
    pub index: usize,
    pub by: SourceBy,
}

/// What made a field the variant's source, in order of precedence.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum SourceBy {
    /// `#[source]` (the first, when several are written: the others are reported).
    Attr,
    /// `#[from]`, which implies `#[source]`, as in thiserror.
    From,
    /// Its name, `source`, as in thiserror.
    Name,
}

/// A `From` impl the derive writes for a variant.
#[derive(Clone, Copy)]
pub enum FromImpl {
    /// `From<Inner>` for a transparent variant's one field.
    Transparent,
    /// `From<FieldType>` for the `#[from]` field at this index, a backtrace beside it captured.
    Field(usize),
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
    pub attrs: FieldAttrs,
    /// Whether the field holds a backtrace, which `From` may capture beside a `#[from]`:
    /// `#[backtrace]`, or a type named `Backtrace` (as thiserror decides).
    pub backtrace: bool,
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
        self.own()?.template()
    }

    pub fn field(&self, name: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.name == name)
    }

    /// The source field, and what made it the source.
    pub fn source_field(&self) -> Option<(&Field, SourceBy)> {
        let source = self.source.as_ref()?;
        Some((&self.fields[source.index], source.by))
    }

    /// Whether the field named `name` is the source, or marked `#[source]` (a second mark is
    /// reported on its own), and by what.
    pub fn is_source(&self, name: &str) -> Option<SourceBy> {
        let index = self.fields.iter().position(|f| f.name == name)?;
        match &self.source {
            Some(source) if source.index == index => Some(source.by),
            _ => self.fields[index].attrs.source.map(|_| SourceBy::Attr),
        }
    }
}

impl Enum {
    /// The model of `item`; every mistake in our attributes goes to `errors`.
    pub fn from_syntax(item: Item, errors: &mut Errors) -> Enum {
        let attrs = attr::enum_attrs(&item.attrs, errors);
        attr::misplaced_attrs(&item, errors);
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
            from_code: false,
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
        model.from_code = model.attrs.from_code
            && model
                .variants
                .iter()
                .all(|v| v.is_fieldless() || v.is_transparent());
        model.usable = true;
        model
    }
}

impl Variant {
    fn from_syntax(variant: syntax::Variant, params: &[String], errors: &mut Errors) -> Variant {
        let code = attr::code_attr(&variant, errors);
        let fields: Vec<Field> = variant
            .fields
            .into_iter()
            .enumerate()
            .map(|(index, field)| Field::from_syntax(index, field, params))
            .collect();
        let transparent = matches!(code, Some(Code::Transparent(_)));
        Variant {
            ident: variant.ident,
            shape: variant.shape,
            source: source_of(&fields, transparent),
            fields,
            code,
            from_impl: None,
        }
    }
}

/// The variant's source, as thiserror chooses it: the field marked `#[source]`, else the one
/// marked `#[from]`, else a named field called `source`. A transparent variant's source is its
/// inner error's, so it has no field of its own chosen by name.
fn source_of(fields: &[Field], transparent: bool) -> Option<Source> {
    let marked = |by: SourceBy, is: fn(&Field) -> bool| {
        let index = fields.iter().position(is)?;
        Some(Source { index, by })
    };
    marked(SourceBy::Attr, |f| f.attrs.source.is_some())
        .or_else(|| marked(SourceBy::From, |f| f.attrs.from.is_some()))
        .or_else(|| {
            if transparent {
                return None;
            }
            marked(SourceBy::Name, |f| {
                f.name == "source" && matches!(f.member, Member::Named(_))
            })
        })
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
        let attrs = attr::field_attrs(&field.attrs);
        Field {
            member,
            name,
            ty_span,
            generic_param,
            backtrace: attrs.backtrace || names_backtrace(&field.ty),
            attrs,
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
