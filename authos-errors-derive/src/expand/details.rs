//! `#[detail]` fields in the expansion: the names in the catalog entry
//! (`ErrorCodeInfo::details`) and `ApiErrorCode::serialize_details`, which writes the body's
//! `details` object.

use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};

use super::match_self;
use crate::ast::{Enum, Field, Variant};

/// `.with_details(&["min", ...])` for a catalog entry whose variant marks fields.
pub fn info_suffix(variant: &Variant) -> TokenStream {
    let names: Vec<String> = variant
        .fields
        .iter()
        .filter(|f| f.attrs.detail.is_some())
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
            .filter(|f| f.attrs.detail.is_some())
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
    let body = match_self(e, &arms, quote!(_ => #p::None,));
    quote! {
        fn serialize_details<__S>(
            &self,
            serializer: __S,
        ) -> #p::Option<#p::Result<__S::Ok, __S::Error>>
        where
            __S: #p::serde::Serializer,
        {
            #body
        }
    }
}
