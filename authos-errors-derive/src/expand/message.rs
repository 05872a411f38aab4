//! `message()` and `retry_after()` of the `ApiErrorCode` impl.

use proc_macro2::TokenStream;
use quote::quote;
use syn::Ident;

use super::private;
use crate::ast::{Enum, Field, Variant};

/// The name of the local a message arm binds a field to. The local carries the message
/// literal's span, so a field that cannot be formatted (`{limits}` of a type without
/// `Display`) is reported on the message rather than on the derive.
fn binding_name(field_name: &str) -> String {
    let mut name = String::with_capacity(8 + field_name.len());
    name.push_str("__field_");
    name.push_str(field_name);
    name
}

pub fn message_fn(e: &Enum) -> TokenStream {
    let p = private();
    let mut arms = Vec::new();
    let mut covered = 0usize;
    for variant in &e.variants {
        let v = &variant.ident;
        if let Some(field) = variant.transparent_field() {
            let member = &field.member;
            let ty = &field.ty;
            let call = quote!(<#ty as #p::ApiErrorCode>::message(inner));
            arms.push(quote!(Self::#v { #member: inner } => #call,));
            covered += 1;
            continue;
        }
        if let Some(arm) = message_arm(variant) {
            arms.push(arm);
            covered += 1;
        }
    }
    if arms.is_empty() {
        return TokenStream::new();
    }
    let fallback = if covered < e.variants.len() {
        quote!(_ => #p::Cow::Borrowed(#p::ApiErrorCode::description(self)),)
    } else {
        TokenStream::new()
    };
    quote! {
        fn message(&self) -> #p::Cow<'_, str> {
            match self {
                #(#arms)*
                #fallback
            }
        }
    }
}

/// The arm of a variant with a `message` template.
fn message_arm(variant: &Variant) -> Option<TokenStream> {
    let p = private();
    let v = &variant.ident;
    let (message, template) = variant.template()?;
    if let Some(plain) = template.as_plain_text() {
        return Some(quote!(Self::#v { .. } => #p::Cow::Borrowed(#plain),));
    }
    let span = message.span();
    let used: Vec<&Field> = template
        .fields()
        .into_iter()
        .filter_map(|name| variant.field(name))
        .collect();
    let members = used.iter().map(|f| &f.member);
    let bindings: Vec<Ident> = used
        .iter()
        .map(|f| Ident::new(&binding_name(&f.name), span))
        .collect();
    let format = template.format_string(binding_name);
    Some(quote! {
        Self::#v { #(#members: #bindings,)* .. } =>
            #p::Cow::Owned(#p::format!(#format, #(#bindings = #bindings),*)),
    })
}

pub fn retry_after_fn(e: &Enum) -> TokenStream {
    let p = private();
    let arms: Vec<TokenStream> = e
        .variants
        .iter()
        .filter_map(|variant| {
            let field = variant.transparent_field()?;
            let v = &variant.ident;
            let member = &field.member;
            let ty = &field.ty;
            let call = quote!(<#ty as #p::ApiErrorCode>::retry_after(inner));
            Some(quote!(Self::#v { #member: inner } => #call,))
        })
        .collect();
    if arms.is_empty() {
        return TokenStream::new();
    }
    let fallback = if arms.len() < e.variants.len() {
        quote!(_ => #p::ApiErrorCode::info(self).retry_after.map(|seconds| ::core::time::Duration::from_secs(u64::from(seconds))),)
    } else {
        TokenStream::new()
    };
    quote! {
        fn retry_after(&self) -> #p::Option<::core::time::Duration> {
            match self {
                #(#arms)*
                #fallback
            }
        }
    }
}
