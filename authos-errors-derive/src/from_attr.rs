//! thiserror's `#[from]`: `From<FieldType>` for a variant built from that one field (beside at
//! most a backtrace, captured on conversion), the field being the variant's source (`ast` sets
//! that).
//!
//! When thiserror derives on the same enum, the attribute is thiserror's: it writes the `From`
//! impls and this derive writes none of them.

use std::collections::HashMap;

use proc_macro2::TokenStream;
use quote::quote;
use syn::WhereClause;

use crate::ast::{Enum, Field, Variant};
use crate::errors::Errors;

/// A `#[from]` field and its variant.
type FromField<'a> = (&'a Variant, usize, &'a Field);

/// How a type is compared with another: its tokens, spaced the same way by `to_string`.
fn type_key(field: &Field) -> String {
    field.ty.to_string()
}

/// The `#[from]` fields this derive writes a `From` impl for, and an error for each other one.
fn sort(e: &Enum) -> (Vec<FromField<'_>>, Vec<syn::Error>) {
    let mut accepted: Vec<FromField<'_>> = Vec::new();
    let mut rejected = Vec::new();
    if e.thiserror_derives {
        return (accepted, rejected);
    }
    // The `From` impls the enum gets, by source type: the first variant that claims each.
    let mut claimed: HashMap<String, &syn::Ident> = HashMap::new();
    if e.attrs.from {
        for variant in &e.variants {
            if let Some(field) = variant.transparent_field()
                && variant.fields.len() == 1
                && field.from.is_none()
                && field.generic_param.is_none()
            {
                claimed.insert(type_key(field), &variant.ident);
            }
        }
    }
    for variant in &e.variants {
        let marked: Vec<usize> = (0..variant.fields.len())
            .filter(|&index| variant.fields[index].from.is_some())
            .collect();
        let Some(&index) = marked.first() else {
            continue;
        };
        let field = &variant.fields[index];
        let span = field.from.unwrap_or(variant.ident.span());
        if !e.attrs.from {
            rejected.push(syn::Error::new(
                span,
                "#[from] asks for a `From` impl, but #[api_error(from = false)] turns them off: remove one of the two",
            ));
            continue;
        }
        if marked.len() > 1 {
            for &extra in &marked[1..] {
                let span = variant.fields[extra].from.unwrap_or(span);
                rejected.push(syn::Error::new(
                    span,
                    format!(
                        "`{}` has more than one #[from]: `From` builds the variant from one field, keep #[from] on one",
                        variant.ident
                    ),
                ));
            }
            continue;
        }
        let others: Vec<String> = variant
            .fields
            .iter()
            .enumerate()
            .filter(|(other, f)| *other != index && !f.backtrace)
            .map(|(_, f)| format!("`{}`", f.name))
            .collect();
        if !others.is_empty() {
            rejected.push(syn::Error::new(
                span,
                format!(
                    "#[from] builds `{}` from this field alone, but it also has {} (only a backtrace may sit beside it): write #[source] instead and a `From` impl by hand, or move the other fields out",
                    variant.ident,
                    others.join(", ")
                ),
            ));
            continue;
        }
        let key = type_key(field);
        if let Some(first) = claimed.get(&key) {
            rejected.push(syn::Error::new_spanned(
                &field.ty,
                format!(
                    "two `From<{}>` impls: `{first}` already converts from this type; keep one conversion and build `{}` by hand",
                    key.replace(" :: ", "::").replace(" < ", "<").replace(" >", ">"),
                    variant.ident
                ),
            ));
            continue;
        }
        claimed.insert(key, &variant.ident);
        accepted.push((variant, index, field));
    }
    (accepted, rejected)
}

/// Reports every `#[from]` this derive cannot honour.
pub fn check(e: &Enum, errors: &mut Errors) {
    for error in sort(e).1 {
        errors.push(error);
    }
}

/// `From<FieldType>` for each accepted `#[from]` field; a backtrace beside it is captured.
pub fn impls(e: &Enum, where_clause: Option<&WhereClause>) -> TokenStream {
    let ident = &e.ident;
    let (impl_generics, ty_generics, _) = e.generics.split_for_impl();
    let mut out = TokenStream::new();
    for (variant, index, field) in sort(e).0 {
        let v = &variant.ident;
        let ty = &field.ty;
        let inits = variant.fields.iter().enumerate().map(|(other, f)| {
            let member = &f.member;
            if other == index {
                quote!(#member: source)
            } else {
                quote!(#member: ::core::convert::From::from(::std::backtrace::Backtrace::capture()))
            }
        });
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
