//! thiserror's `#[from]`: `From<FieldType>` for a variant built from that one field (beside at
//! most a backtrace, captured on conversion), the field being the variant's source.
//!
//! When thiserror derives on the same enum (it reads `#[error(...)]`, so one is present), the
//! attribute is thiserror's: it writes the `From` impls and this derive writes none of them.

use std::collections::HashMap;

use proc_macro2::TokenStream;
use quote::{ToTokens, quote};
use syn::{Attribute, Data, DeriveInput, Type, WhereClause};

use crate::ast::Enum;
use crate::errors::Errors;
use crate::valid;

/// Whether thiserror derives on this enum too: it requires `#[error(...)]` on the enum or on
/// every variant, and nothing else reads that attribute.
pub fn thiserror_derives(input: &DeriveInput) -> bool {
    let is_error = |attrs: &[Attribute]| attrs.iter().any(|a| a.path().is_ident("error"));
    is_error(&input.attrs)
        || matches!(&input.data, Data::Enum(data) if data.variants.iter().any(|v| is_error(&v.attrs)))
}

/// One field marked `#[from]`.
struct FromField<'a> {
    variant: &'a syn::Variant,
    field: &'a syn::Field,
    index: usize,
    attr: &'a Attribute,
}

fn from_fields(input: &DeriveInput) -> Vec<FromField<'_>> {
    let Data::Enum(data) = &input.data else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for variant in &data.variants {
        for (index, field) in variant.fields.iter().enumerate() {
            if let Some(attr) = field.attrs.iter().find(|a| a.path().is_ident("from")) {
                out.push(FromField {
                    variant,
                    field,
                    index,
                    attr,
                });
            }
        }
    }
    out
}

/// A backtrace field: `#[backtrace]`, or a type named `Backtrace` (as thiserror decides).
fn is_backtrace(field: &syn::Field) -> bool {
    field.attrs.iter().any(|a| a.path().is_ident("backtrace"))
        || matches!(&field.ty, Type::Path(path) if path.path.segments.last().is_some_and(|s| s.ident == "Backtrace"))
}

fn type_key(ty: &Type) -> String {
    ty.to_token_stream().to_string()
}

/// The `#[from]` fields this derive writes a `From` impl for, and an error for each of the others.
fn sort<'a>(input: &'a DeriveInput, model: &Enum) -> (Vec<FromField<'a>>, Vec<syn::Error>) {
    let mut accepted = Vec::new();
    let mut rejected = Vec::new();
    if thiserror_derives(input) {
        return (accepted, rejected);
    }
    let fields = from_fields(input);
    if fields.is_empty() {
        return (accepted, rejected);
    }
    // The `From` impls the enum gets, by source type: the first variant that claims each.
    let mut claimed: HashMap<String, String> = HashMap::new();
    for variant in &model.variants {
        if variant.is_transparent()
            && model.attrs.from
            && variant.fields.len() == 1
            && !variant.fields[0].from
            && valid::generic_param_in(model, variant.fields[0].ty).is_none()
        {
            claimed.insert(type_key(variant.fields[0].ty), variant.ident.to_string());
        }
    }
    for from in fields {
        let variant = from.variant;
        let span = from.attr.path().segments[0].ident.span();
        let reject = |message: String| syn::Error::new(span, message);
        if !model.attrs.from {
            rejected.push(reject(
                "#[from] asks for a `From` impl, but #[api_error(from = false)] turns them off: remove one of the two".to_owned(),
            ));
            continue;
        }
        let mut marked = variant
            .fields
            .iter()
            .enumerate()
            .filter(|(_, f)| f.attrs.iter().any(|a| a.path().is_ident("from")))
            .map(|(index, _)| index);
        let first = marked.next();
        if marked.next().is_some() {
            // Reported on each `#[from]` after the first.
            if first != Some(from.index) {
                rejected.push(reject(format!(
                    "`{}` has more than one #[from]: `From` builds the variant from one field, keep #[from] on one",
                    variant.ident
                )));
            }
            continue;
        }
        let others: Vec<String> = variant
            .fields
            .iter()
            .enumerate()
            .filter(|(index, field)| *index != from.index && !is_backtrace(field))
            .map(|(index, field)| match &field.ident {
                Some(ident) => format!("`{ident}`"),
                None => format!("`{index}`"),
            })
            .collect();
        if !others.is_empty() {
            rejected.push(reject(format!(
                "#[from] builds `{}` from this field alone, but it also has {} (only a backtrace may sit beside it): write #[source] instead and a `From` impl by hand, or move the other fields out",
                variant.ident,
                others.join(", ")
            )));
            continue;
        }
        let key = type_key(&from.field.ty);
        if let Some(first) = claimed.get(&key) {
            rejected.push(syn::Error::new_spanned(
                &from.field.ty,
                format!(
                    "two `From<{}>` impls: `{first}` already converts from this type; keep one conversion and build `{}` by hand",
                    key.replace(" :: ", "::"),
                    variant.ident
                ),
            ));
            continue;
        }
        claimed.insert(key, variant.ident.to_string());
        accepted.push(from);
    }
    (accepted, rejected)
}

/// Reports every `#[from]` this derive cannot honour.
pub fn check(input: &DeriveInput, model: &Enum, errors: &mut Errors) {
    for error in sort(input, model).1 {
        errors.push(error);
    }
}

/// `From<FieldType>` for each variant with a `#[from]` field, unless thiserror writes them.
pub fn impls(input: &DeriveInput, model: &Enum, where_clause: Option<&WhereClause>) -> TokenStream {
    let ident = model.ident;
    let (impl_generics, ty_generics, _) = model.generics.split_for_impl();
    let mut out = TokenStream::new();
    for from in sort(input, model).0 {
        let v = &from.variant.ident;
        let ty = &from.field.ty;
        let mut inits = Vec::new();
        for (index, field) in from.variant.fields.iter().enumerate() {
            let member = match &field.ident {
                Some(ident) => syn::Member::Named(ident.clone()),
                None => syn::Member::Unnamed(index.into()),
            };
            if index == from.index {
                inits.push(quote!(#member: source));
            } else {
                inits.push(quote! {
                    #member: ::core::convert::From::from(::std::backtrace::Backtrace::capture())
                });
            }
        }
        out.extend(quote! {
            #[automatically_derived]
            impl #impl_generics ::core::convert::From<#ty> for #ident #ty_generics #where_clause {
                #[inline]
                fn from(source: #ty) -> Self {
                    Self::#v { #(#inits),* }
                }
            }
        });
    }
    out
}
