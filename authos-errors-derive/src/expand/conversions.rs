//! `from_code` (code string to variant), and the `From` impls the checks decided on
//! (`Variant::from_impl`): `From<Inner>` for transparent variants, `From<FieldType>` for
//! `#[from]` fields.

use proc_macro2::{Literal, Span, TokenStream, TokenTree};
use quote::quote;
use syn::WhereClause;

use super::private;
use super::trees::Trees;
use crate::ast::{Enum, FromImpl, Variant};
use crate::attr::lit::LitStr;

/// (variant, its code literal, the code's length)
type Row<'a> = (&'a Variant, &'a LitStr, usize);

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

/// `From<Inner>` for each transparent variant the checks gave one.
pub fn from_impls(e: &Enum, where_clause: Option<&WhereClause>) -> TokenStream {
    let ident = &e.ident;
    let (impl_generics, ty_generics, _) = e.generics.split_for_impl();
    let impls = e.variants.iter().filter_map(|variant| {
        if !matches!(variant.from_impl, Some(FromImpl::Transparent)) {
            return None;
        }
        let field = variant.transparent_field()?;
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

/// `From<FieldType>` for each `#[from]` field the checks accepted; a backtrace beside it is
/// captured.
pub fn from_field_impls(e: &Enum, where_clause: Option<&WhereClause>) -> TokenStream {
    let ident = &e.ident;
    let (impl_generics, ty_generics, _) = e.generics.split_for_impl();
    let mut out = TokenStream::new();
    for variant in &e.variants {
        let Some(FromImpl::Field(index)) = variant.from_impl else {
            continue;
        };
        let v = &variant.ident;
        let ty = &variant.fields[index].ty;
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
