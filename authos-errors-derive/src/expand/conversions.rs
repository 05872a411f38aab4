//! `from_code` (code string to variant) and `From<Inner>` for transparent variants.

use proc_macro2::{Literal, Span, TokenStream, TokenTree};
use quote::quote;
use syn::WhereClause;

use super::private;
use super::trees::Trees;
use crate::ast::{Enum, Variant};

/// (variant, its code literal, the code's length)
type Row<'a> = (&'a Variant, &'a crate::attr::lit::LitStr, usize);

/// Looks own codes up by length first, then by text: one jump and a handful of compares.
pub fn from_code_body(e: &Enum) -> TokenStream {
    let p = private();
    let trees = Trees::new();
    let mut steps = Vec::new();
    let mut run: Vec<Row> = Vec::new();
    for variant in &e.variants {
        if let Some(own) = variant.own() {
            run.push((variant, &own.code, own.code.value.len()));
        } else if let Some(field) = variant.transparent_field() {
            flush(&trees, &mut run, &mut steps);
            let ty = &field.ty;
            let v = &variant.ident;
            let member = &field.member;
            steps.push(quote! {
                if let #p::Some(inner) = <#ty as #p::FromCode>::from_code(code) {
                    return #p::Some(Self::#v { #member: inner });
                }
            });
        }
    }
    flush(&trees, &mut run, &mut steps);
    quote! {
        #(#steps)*
        #p::None
    }
}

/// One step of `from_code` for a run of own codes.
fn flush(trees: &Trees, run: &mut Vec<Row>, steps: &mut Vec<TokenStream>) {
    if run.is_empty() {
        return;
    }
    let p = private();
    run.sort_by_key(|(_, _, len)| *len);
    // A labeled block per run of own codes: a miss breaks out to the next step, so each
    // arm is just `"CODE" => Self::Variant`, without a `return Some(...)` of its own.
    let label = syn::Lifetime::new(&format!("'__run{}", steps.len()), Span::call_site());
    let by_length = run.chunk_by(|a, b| a.2 == b.2).map(|same_length| {
        let len = Literal::usize_unsuffixed(same_length[0].2);
        let mut arms: Vec<TokenTree> = Vec::with_capacity(same_length.len() * 8);
        for (variant, code, _) in same_length {
            arms.push(TokenTree::Literal(code.token.clone()));
            trees.fat_arrow(&mut arms);
            trees.fieldless_value(&mut arms, &variant.ident, variant.shape);
            arms.push(trees.comma());
        }
        let arms = TokenStream::from_iter(arms);
        quote!(#len => match code { #arms _ => break #label },)
    });
    steps.push(quote! {
        #label: {
            return #p::Some(match code.len() {
                #(#by_length)*
                _ => break #label,
            });
        }
    });
    run.clear();
}

pub fn from_code_impls(
    e: &Enum,
    where_clause: Option<&WhereClause>,
    body: &TokenStream,
    docs: &TokenStream,
) -> TokenStream {
    let p = private();
    let ident = &e.ident;
    let (impl_generics, ty_generics, _) = e.generics.split_for_impl();
    quote! {
        #[automatically_derived]
        impl #impl_generics #ident #ty_generics #where_clause {
            /// The variant whose machine-readable code is `code`, or `None` for a code this
            /// enum does not declare. The first declared entry wins for a repeated code.
            ///
            #docs
            #[must_use]
            pub fn from_code(code: &str) -> #p::Option<Self> {
                #body
            }
        }

        #[automatically_derived]
        impl #impl_generics #p::FromCode for #ident #ty_generics #where_clause {
            #[inline]
            fn from_code(code: &str) -> #p::Option<Self> {
                Self::from_code(code)
            }
        }
    }
}

pub fn from_impls(e: &Enum, where_clause: Option<&WhereClause>) -> TokenStream {
    if !e.attrs.from {
        return TokenStream::new();
    }
    let ident = &e.ident;
    let (impl_generics, ty_generics, _) = e.generics.split_for_impl();
    let impls = e.variants.iter().filter_map(|variant| {
        let field = variant.transparent_field()?;
        // A type parameter as the inner type is reported by `valid`; `From<T>` would also
        // overlap core's `From<T> for T`.
        if field.from.is_some() || variant.fields.len() != 1 || field.generic_param.is_some() {
            return None;
        }
        let v = &variant.ident;
        let ty = &field.ty;
        let member = &field.member;
        Some(quote! {
            #[automatically_derived]
            impl #impl_generics ::core::convert::From<#ty> for #ident #ty_generics #where_clause {
                #[inline]
                fn from(inner: #ty) -> Self {
                    Self::#v { #member: inner }
                }
            }
        })
    });
    quote!(#(#impls)*)
}
