//! `message()` and `retry_after()` of the `ApiErrorCode` impl.

use proc_macro2::{Literal, TokenStream};
use quote::{quote, quote_spanned};
use syn::Ident;

use super::{match_self, private};
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
    for variant in &e.variants {
        let v = &variant.ident;
        if let Some(field) = variant.transparent_field() {
            let member = &field.member;
            let ty = &field.ty;
            let call = quote!(<#ty as #p::ApiErrorCode>::message(inner));
            arms.push(quote!(Self::#v { #member: inner } => #call,));
            continue;
        }
        if let Some(arm) = message_arm(variant) {
            arms.push(arm);
        }
    }
    if arms.is_empty() {
        return TokenStream::new();
    }
    let body = match_self(
        e,
        &arms,
        quote!(_ => #p::Cow::Borrowed(#p::ApiErrorCode::description(self)),),
    );
    quote! {
        fn message(&self) -> #p::Cow<'_, str> {
            #body
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
        .iter()
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

/// `visit_message_args`: the fields a variant's message template interpolates, by template
/// name, each formatted with its spec; transparent variants delegate. Nothing for an enum
/// without either, which keeps the trait's no-op default.
pub fn message_args_fn(e: &Enum) -> TokenStream {
    let p = private();
    let mut arms = Vec::new();
    for variant in &e.variants {
        let v = &variant.ident;
        if let Some(field) = variant.transparent_field() {
            let member = &field.member;
            let ty = &field.ty;
            arms.push(quote! {
                Self::#v { #member: inner } => <#ty as #p::ApiErrorCode>::visit_message_args(inner, visit),
            });
            continue;
        }
        let Some((message, template)) = variant.template() else {
            continue;
        };
        let span = message.span();
        let mut members = Vec::new();
        let mut bindings = Vec::new();
        let mut calls = Vec::new();
        for name in template.fields() {
            let Some(field) = variant.field(name) else {
                continue;
            };
            let bound = Ident::new(&binding_name(name), span);
            // The field's first placeholder gives the spec, as in the English text. Through
            // `format!`, as `message()` formats it: a field that cannot be formatted then
            // gives the same diagnostic twice, which rustc reports once.
            let format = match template.spec_of(name) {
                Some(spec) if !spec.is_empty() => Literal::string(&format!("{{:{spec}}}")),
                _ => Literal::string("{}"),
            };
            let value = quote!(&#p::format!(#format, #bound));
            calls.push(quote!(visit(#name, #value);));
            members.push(&field.member);
            bindings.push(bound);
        }
        if !calls.is_empty() {
            arms.push(quote! {
                Self::#v { #(#members: #bindings,)* .. } => { #(#calls)* }
            });
        }
    }
    if arms.is_empty() {
        return TokenStream::new();
    }
    let body = match_self(e, &arms, quote!(_ => {}));
    quote! {
        fn visit_message_args(
            &self,
            visit: &mut dyn ::core::ops::FnMut(&'static str, &dyn #p::fmt::Display),
        ) {
            #body
        }
    }
}

pub fn retry_after_fn(e: &Enum) -> TokenStream {
    let p = private();
    let from_catalog = quote!(#p::ApiErrorCode::info(self).retry_after.map(|seconds| ::core::time::Duration::from_secs(u64::from(seconds))));
    let arms: Vec<TokenStream> = e
        .variants
        .iter()
        .filter_map(|variant| {
            let v = &variant.ident;
            if let Some(field) = variant.transparent_field() {
                let member = &field.member;
                let ty = &field.ty;
                let call = quote!(<#ty as #p::ApiErrorCode>::retry_after(inner));
                return Some(quote!(Self::#v { #member: inner } => #call,));
            }
            // A `#[retry_after]` field: its delay, else (an `Option` that is `None`) the
            // catalog's. Spanned at the field's type: another type is reported there.
            let field = variant
                .fields
                .iter()
                .find(|f| f.attrs.retry_after.is_some())?;
            let member = &field.member;
            let call = quote_spanned! {field.ty_span=>
                #p::RetryAfterValue::retry_after_value(__retry_after)
            };
            Some(
                quote!(Self::#v { #member: __retry_after, .. } => #call.or_else(|| #from_catalog),),
            )
        })
        .collect();
    if arms.is_empty() {
        return TokenStream::new();
    }
    let body = match_self(e, &arms, quote!(_ => #from_catalog,));
    quote! {
        fn retry_after(&self) -> #p::Option<::core::time::Duration> {
            #body
        }
    }
}
