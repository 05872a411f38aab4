//! `#[detail]` fields: machine-readable values written next to the message, as the body's
//! `details` object. Reads, checks and expands the marks; the rest of the derive calls in
//! through one hook each (`ast::Field::from_syntax`, `ast::report_misplaced`,
//! `valid::check`, `expand::catalog`).

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};

use crate::ast::{Enum, Field, Variant};
use crate::errors::Errors;
use crate::syntax::{Attr, AttrArgs};

/// The span of `#[detail]` among a field's attributes, when present.
pub fn detail_attr(attrs: &[Attr]) -> Option<Span> {
    attrs
        .iter()
        .find(|a| a.is("detail"))
        .and_then(|a| a.name.as_ref())
        .map(|(ident, _)| ident.span())
}

/// What is wrong with `attr` where it stands, when it is a `#[detail]` the derive cannot read:
/// anywhere but on a field, or with arguments.
pub fn misplaced(attr: &Attr, on_field: bool) -> Option<&'static str> {
    if !attr.is("detail") {
        None
    } else if !on_field {
        Some(
            "#[detail] goes on a field, not here: write it before each field whose value the body should carry",
        )
    } else if !matches!(attr.args, AttrArgs::Word) {
        Some("#[detail] takes no arguments: write `#[detail]`; the member is named after the field")
    } else {
        None
    }
}

/// Reports every `#[detail]` the derive cannot honour, saying what to write instead.
pub fn check(model: &Enum, errors: &mut Errors) {
    for variant in &model.variants {
        for field in variant.fields.iter().filter(|f| f.detail.is_some()) {
            let span = field.detail.unwrap_or_else(Span::call_site);
            let name = &field.name;
            if field.source.is_some() {
                let what = if field.source_by_name {
                    "the variant's source (a field named `source` is the source, as in thiserror)"
                } else {
                    "the #[source]"
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
            } else if is_server_error(variant) {
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

fn is_server_error(variant: &Variant) -> bool {
    variant
        .own()
        .is_some_and(|own| own.status.is_none_or(|status| status >= 500))
}

/// `.with_details(&["min", ...])` for a catalog entry whose variant marks fields.
pub fn info_suffix(variant: &Variant) -> TokenStream {
    let names: Vec<String> = variant
        .fields
        .iter()
        .filter(|f| f.detail.is_some())
        .map(|f| f.name.clone())
        .collect();
    if names.is_empty() {
        return TokenStream::new();
    }
    quote!(.with_details(&[#(#names),*]))
}

/// `ApiErrorCode::serialize_details` for an enum that marks fields or delegates to inner
/// catalogs; nothing for the others, which keep the trait's default.
pub fn serialize_details_fn(e: &Enum) -> TokenStream {
    let p = quote!(::authos_errors::__private);
    let mut arms = Vec::new();
    for variant in &e.variants {
        let v = &variant.ident;
        if variant.is_transparent() {
            let Some(field) = variant.fields.first() else {
                continue;
            };
            let member = &field.member;
            let ty = &field.ty;
            arms.push(quote! {
                Self::#v { #member: inner } =>
                    <#ty as #p::ApiErrorCode>::serialize_details(inner, serializer),
            });
            continue;
        }
        let marked: Vec<&Field> = variant
            .fields
            .iter()
            .filter(|f| f.detail.is_some())
            .collect();
        if marked.is_empty() {
            continue;
        }
        let members = marked.iter().map(|f| &f.member);
        let bindings: Vec<_> = marked
            .iter()
            .map(|f| format_ident!("__detail_{}", f.name, span = f.ty_span))
            .collect();
        let writes = marked.iter().zip(&bindings).map(|(field, binding)| {
            let name = &field.name;
            // Spanned at the field's type: a type that is not `Serialize` is reported there.
            quote_spanned! {field.ty_span=>
                ::authos_errors::__private::detail_field(__out, #name, #binding)?;
            }
        });
        let len = marked.len();
        arms.push(quote! {
            Self::#v { #(#members: #bindings,)* .. } =>
                #p::details_struct(serializer, #len, |__out| {
                    #(#writes)*
                    #p::Result::Ok(())
                }),
        });
    }
    if arms.is_empty() {
        return TokenStream::new();
    }
    let fallback = if arms.len() < e.variants.len() {
        quote!(_ => #p::None,)
    } else {
        TokenStream::new()
    };
    quote! {
        fn serialize_details<__S>(
            &self,
            serializer: __S,
        ) -> #p::Option<#p::Result<__S::Ok, __S::Error>>
        where
            __S: #p::serde::Serializer,
        {
            match self {
                #(#arms)*
                #fallback
            }
        }
    }
}
