//! `impl ApiErrorCode`: the catalog, `info()`, and the rustdoc table of codes.

use proc_macro2::{Literal, Span, TokenStream};
use quote::quote;
use syn::{Ident, WhereClause};

use super::message::{message_fn, retry_after_fn};
use super::private;
use crate::ast::{Enum, Own};

pub fn api_error_code_impl(
    e: &Enum,
    where_clause: Option<&WhereClause>,
    table: &Literal,
) -> TokenStream {
    let p = private();
    let ident = &e.ident;
    let (impl_generics, ty_generics, _) = e.generics.split_for_impl();
    let catalog = catalog_expr(e);
    let info_body = info_body(e);
    let message_fn = message_fn(e);
    let retry_after_fn = retry_after_fn(e);
    let details_fn = crate::detail::serialize_details_fn(e);
    quote! {
        #[doc = #table]
        #[automatically_derived]
        impl #impl_generics #p::ApiErrorCode for #ident #ty_generics #where_clause {
            #[doc = #table]
            const CATALOG: &'static [#p::ErrorCodeInfo] = #catalog;

            #[inline]
            fn info(&self) -> &'static #p::ErrorCodeInfo {
                #info_body
            }

            #message_fn
            #retry_after_fn
            #details_fn
        }
    }
}

/// One catalog entry as a call of the local `__entry` that [`catalog_expr`] declares: a dozen
/// tokens per variant instead of a struct literal's forty, which matters for enums of
/// thousands of variants.
fn info_entry(own: &Own) -> TokenStream {
    let code = &own.code;
    let status = Literal::u16_unsuffixed(own.status.unwrap_or(500));
    let description = Literal::string(own.description.as_deref().unwrap_or_default());
    let mut entry = match &own.resolution {
        Some(text) => {
            let text = Literal::string(text);
            quote!(__entry(#code, #status, #description, __Some(#text)))
        }
        None => quote!(__entry(#code, #status, #description, __None)),
    };
    // Protocol mappings are rare: only the entries that have one pay for the tokens.
    let p = private();
    if let Some(variant) = own.oauth {
        let variant = Ident::new(variant, Span::call_site());
        entry.extend(quote!(.with_oauth(#p::OAuthErrorCode::#variant)));
    }
    if let Some(variant) = own.scim {
        let variant = Ident::new(variant, Span::call_site());
        entry.extend(quote!(.with_scim(#p::ScimType::#variant)));
    }
    entry
}

fn catalog_expr(e: &Enum) -> TokenStream {
    let p = private();
    let mut parts: Vec<TokenStream> = Vec::new();
    let mut run: Vec<TokenStream> = Vec::new();
    for variant in &e.variants {
        if let Some(own) = variant.own() {
            let mut entry = info_entry(own);
            entry.extend(crate::detail::info_suffix(variant));
            run.push(entry);
        } else if let Some(field) = variant.transparent_field() {
            if !run.is_empty() {
                parts.push(quote!(&[#(#run),*]));
                run.clear();
            }
            let ty = &field.ty;
            parts.push(quote!(<#ty as #p::ApiErrorCode>::CATALOG));
        }
    }
    let group = &e.group;
    let entries = if parts.is_empty() {
        quote!(&[#(#run),*])
    } else {
        if !run.is_empty() {
            parts.push(quote!(&[#(#run),*]));
        }
        quote! {{
            const PARTS: &[&[#p::ErrorCodeInfo]] = &[#(#parts),*];
            const ALL: [#p::ErrorCodeInfo; #p::catalog_len(PARTS)] = #p::concat_catalog(PARTS);
            &ALL
        }}
    };
    quote! {{
        #[allow(unused_imports)]
        use #p::{None as __None, Some as __Some};
        #[allow(dead_code)]
        const fn __entry(
            code: &'static str,
            status: u16,
            description: &'static str,
            resolution: #p::Option<&'static str>,
        ) -> #p::ErrorCodeInfo {
            #p::ErrorCodeInfo {
                resolution,
                group: #group,
                ..#p::ErrorCodeInfo::new(code, status, description)
            }
        }
        #entries
    }}
}

/// The body of `info()`: an index into `CATALOG` for own codes, a call into the field for
/// transparent variants.
fn info_body(e: &Enum) -> TokenStream {
    let p = private();
    let mut arms = Vec::new();
    let mut own_before = 0usize;
    let mut inner_before: Vec<&TokenStream> = Vec::new();
    for variant in &e.variants {
        let v = &variant.ident;
        if variant.own().is_some() {
            let at = Literal::usize_unsuffixed(own_before);
            let index = if inner_before.is_empty() {
                quote!(#at)
            } else {
                quote!(#at #(+ <#inner_before as #p::ApiErrorCode>::CATALOG.len())*)
            };
            // A unit variant's pattern needs no `{ .. }`: one group fewer to build per arm.
            if variant.is_unit() {
                arms.push(quote!(Self::#v => #index,));
            } else {
                arms.push(quote!(Self::#v { .. } => #index,));
            }
            own_before += 1;
        } else if let Some(field) = variant.transparent_field() {
            let member = &field.member;
            // Through the field's own type tokens: an inner type that is not an API error is
            // reported on that type, once, rather than on the derive.
            let ty = &field.ty;
            let call = quote!(<#ty as #p::ApiErrorCode>::info(inner));
            arms.push(quote!(Self::#v { #member: inner } => return #call,));
            inner_before.push(&field.ty);
        }
    }
    if own_before == 0 {
        // Every arm returns: no index to take (and no unreachable indexing to warn about).
        return quote!(match self { #(#arms)* });
    }
    quote!(&Self::CATALOG[match self { #(#arms)* }])
}

/// For a non-generic enum that composes other catalogs, a const evaluation that fails the
/// build when one code carries two statuses.
pub fn status_check(e: &Enum) -> TokenStream {
    if !e.generics.params.is_empty() || !e.variants.iter().any(|v| v.is_transparent()) {
        return TokenStream::new();
    }
    let p = private();
    let ident = &e.ident;
    quote! {
        const _: () = #p::assert_consistent_statuses(&[<#ident as #p::ApiErrorCode>::CATALOG]);
    }
}

/// The enum's codes as a Markdown table, for rustdoc: one literal, cloned where it is used
/// (escaping a large table is a real cost).
pub fn doc_table(e: &Enum) -> Literal {
    let mut out = format!(
        "Error codes of `{}` (group \"{}\"):\n\n| Code | HTTP | Description | Resolution |\n|---|---|---|---|\n",
        e.ident, e.group
    );
    for variant in &e.variants {
        if let Some(own) = variant.own() {
            out.push_str("| `");
            out.push_str(&own.code.value);
            out.push_str("` | ");
            out.push_str(&own.status.unwrap_or_default().to_string());
            out.push_str(" | ");
            push_cell(&mut out, own.description.as_deref().unwrap_or_default());
            out.push_str(" | ");
            push_cell(&mut out, own.resolution.as_deref().unwrap_or_default());
            out.push_str(" |\n");
        } else if let Some(field) = variant.transparent_field() {
            let ty = field
                .ty
                .to_string()
                .replace(" :: ", "::")
                .replace(" < ", "<")
                .replace(" >", ">");
            out.push_str(&format!("| *every code of `{ty}`* | | | |\n"));
        }
    }
    Literal::string(&out)
}

/// `text` as a table cell: `|` escaped, line breaks as spaces.
fn push_cell(out: &mut String, text: &str) {
    // Byte searches: a `[char]` pattern search is slow in an unoptimised proc macro.
    if text.as_bytes().contains(&b'|') || text.as_bytes().contains(&b'\n') {
        out.push_str(&text.replace('|', "\\|").replace('\n', " "));
    } else {
        out.push_str(text);
    }
}
