//! `Display`, `std::error::Error`, `Serialize`, the inherent `description()` and the HTTP
//! integrations.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::{WhereClause, parse_quote};

use super::{match_self, private};
use crate::ast::Enum;

/// A call of the runtime crate's `__derive_http_impls!`, which expands to the impls of the HTTP
/// integrations (axum, actix-web, utoipa) whose features are enabled on `authos-errors`: this
/// macro cannot see those features, a `macro_rules!` of that crate can.
pub fn http_impls(e: &Enum, where_clause: Option<&WhereClause>) -> TokenStream {
    if !e.attrs.http {
        return TokenStream::new();
    }
    let ident = &e.ident;
    let (impl_generics, ty_generics, _) = e.generics.split_for_impl();
    let predicates = where_clause.into_iter().flat_map(|w| w.predicates.iter());
    quote! {
        ::authos_errors::__derive_http_impls! {
            impl [#impl_generics] for [#ident #ty_generics] where [#(#predicates,)*]
        }
    }
}

/// An inherent `description()`, so `err.description()` is not ambiguous with the deprecated
/// `std::error::Error::description` when both traits are in scope.
pub fn inherent_description(e: &Enum, where_clause: Option<&WhereClause>) -> TokenStream {
    let p = private();
    let ident = &e.ident;
    let (impl_generics, ty_generics, _) = e.generics.split_for_impl();
    quote! {
        #[automatically_derived]
        impl #impl_generics #ident #ty_generics #where_clause {
            /// The catalog description of this error; the same as
            /// [`ApiErrorCode::description`](::authos_errors::ApiErrorCode::description).
            #[inline]
            #[must_use]
            pub fn description(&self) -> &'static str {
                #p::ApiErrorCode::description(self)
            }
        }
    }
}

pub fn display_impl(e: &Enum, where_clause: Option<&WhereClause>) -> TokenStream {
    let p = private();
    let ident = &e.ident;
    let (impl_generics, ty_generics, _) = e.generics.split_for_impl();
    quote! {
        #[automatically_derived]
        impl #impl_generics #p::fmt::Display for #ident #ty_generics #where_clause {
            fn fmt(&self, f: &mut #p::fmt::Formatter<'_>) -> #p::fmt::Result {
                f.write_str(&#p::ApiErrorCode::message(self))
            }
        }
    }
}

/// `where_clause` plus `Self: Debug`, which `Error` needs.
fn with_debug(where_clause: Option<&WhereClause>) -> WhereClause {
    let p = private();
    let mut clause = where_clause.cloned().unwrap_or_else(|| parse_quote!(where));
    clause.predicates.push(parse_quote!(Self: #p::fmt::Debug));
    clause
}

/// The `Error` impl of the stubs: no `source()`.
pub fn empty_error_impl(e: &Enum, where_clause: Option<&WhereClause>) -> TokenStream {
    let p = private();
    let ident = &e.ident;
    let (impl_generics, ty_generics, _) = e.generics.split_for_impl();
    let clause = with_debug(where_clause);
    quote! {
        #[automatically_derived]
        impl #impl_generics #p::Error for #ident #ty_generics #clause {}
    }
}

pub fn error_impl(e: &Enum, where_clause: Option<&WhereClause>) -> TokenStream {
    let p = private();
    let ident = &e.ident;
    let (impl_generics, ty_generics, _) = e.generics.split_for_impl();
    let mut clause = with_debug(where_clause);
    for (field, _) in e.variants.iter().filter_map(|v| v.source_field()) {
        if field.generic_param.is_some() {
            let ty = &field.ty;
            clause.predicates.push(parse_quote!(#ty: #p::AsDynError));
        }
    }
    let source_fn = source_fn(e);
    quote! {
        #[automatically_derived]
        impl #impl_generics #p::Error for #ident #ty_generics #clause {
            #source_fn
        }
    }
}

fn source_fn(e: &Enum) -> TokenStream {
    let p = private();
    let mut arms = Vec::new();
    for variant in &e.variants {
        let v = &variant.ident;
        if let Some(field) = variant.transparent_field() {
            let member = &field.member;
            arms.push(quote!(Self::#v { #member: inner } => #p::Error::source(inner),));
        } else if let Some((field, _)) = variant.source_field() {
            let member = &field.member;
            // Spanned at the field's type: a #[source] that is not an error is reported there.
            let call = quote_spanned!(field.ty_span=> source.as_dyn_error());
            arms.push(quote!(Self::#v { #member: source, .. } => #p::Some(#call),));
        }
    }
    if arms.is_empty() {
        return TokenStream::new();
    }
    let body = match_self(e, &arms, quote!(_ => #p::None,));
    quote! {
        fn source(&self) -> #p::Option<&(dyn #p::Error + 'static)> {
            use #p::AsDynError as _;
            #body
        }
    }
}

pub fn serialize_impl(e: &Enum, where_clause: Option<&WhereClause>) -> TokenStream {
    let p = private();
    let ident = &e.ident;
    let (impl_generics, ty_generics, _) = e.generics.split_for_impl();
    quote! {
        #[automatically_derived]
        impl #impl_generics #p::serde::Serialize for #ident #ty_generics #where_clause {
            fn serialize<S>(&self, serializer: S) -> #p::Result<S::Ok, S::Error>
            where
                S: #p::serde::Serializer,
            {
                #p::serialize_body(self, serializer)
            }
        }
    }
}
