//! `impl ApiErrorCode`: the catalog, `info()`, and the rustdoc table of codes.

use proc_macro2::{Literal, Span, TokenStream, TokenTree};
use quote::quote;
use syn::{Ident, WhereClause};

use super::details;
use super::message::{message_args_fn, message_fn, retry_after_fn};
use super::private;
use super::trees::Trees;
use crate::ast::{Enum, Shape};
use crate::attr::Own;
use crate::template::Template;

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
    let message_args_fn = message_args_fn(e);
    let details_fn = details::serialize_details_fn(e);
    // A client types a received code with it; only enums with `from_code` can.
    let value_of_code_fn = if e.from_code {
        quote! {
            #[inline]
            fn value_of_code(code: &str) -> #p::Option<Self> {
                <Self as #p::FromCode>::from_code(code)
            }
        }
    } else {
        TokenStream::new()
    };
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
            #message_args_fn
            #details_fn
            #value_of_code_fn
        }
    }
}

/// One catalog entry as a call of a local `const fn` that [`catalog_expr`] declares,
/// `__entry(code, status, description)` or `__entry_r(.., resolution)`: a handful of tokens
/// per variant instead of a struct literal's forty, which matters for enums of thousands of
/// variants.
fn info_entry(out: &mut Vec<TokenTree>, trees: &Trees, names: &[Ident; 2], own: &Own) {
    let code = own.code.token.clone();
    let status = Literal::u16_unsuffixed(own.status.unwrap_or(500));
    let description = string_literal(own.description.as_deref().unwrap_or_default());
    match &own.resolution {
        Some(text) => {
            let resolution = string_literal(text);
            trees.call(out, &names[1], &[code, status, description, resolution]);
        }
        None => trees.call(out, &names[0], &[code, status, description]),
    }
    // Protocol mappings, retry-after and doc links are rare: only the entries that have one
    // pay for the tokens.
    let p = private();
    if let Some(variant) = own.oauth {
        let variant = Ident::new(variant, Span::call_site());
        out.extend(quote!(.with_oauth(#p::OAuthErrorCode::#variant)));
    }
    if let Some(variant) = own.scim {
        let variant = Ident::new(variant, Span::call_site());
        out.extend(quote!(.with_scim(#p::ScimType::#variant)));
    }
    if let Some(variant) = own.grpc {
        let variant = Ident::new(variant, Span::call_site());
        out.extend(quote!(.with_grpc(#p::GrpcCode::#variant)));
    }
    if let Some((seconds, _)) = own.retry_after {
        let seconds = Literal::u32_unsuffixed(seconds);
        out.extend(quote!(.with_retry_after(#seconds)));
    }
    if let Some(url) = &own.doc_url {
        out.extend(quote!(.with_doc_url(#url)));
    }
    if let Some(message) = &own.message {
        let template = &message.text;
        out.extend(quote!(.with_message_template(#template)));
        // The placeholder names, so nothing parses the template at run time; only for the
        // templates that have placeholders, to keep the expansion small.
        let names = message
            .template
            .as_ref()
            .map(Template::fields)
            .unwrap_or_default();
        if !names.is_empty() {
            out.extend(quote!(.with_message_args(&[#(#names),*])));
        }
    }
}

/// `&[entry, entry, ...]`
fn slice(entries: Vec<TokenTree>) -> TokenStream {
    let entries = TokenStream::from_iter(entries);
    quote!(&[#entries])
}

fn catalog_expr(e: &Enum) -> TokenStream {
    let p = private();
    let trees = Trees::new();
    let names = [
        Ident::new("__entry", Span::call_site()),
        Ident::new("__entry_r", Span::call_site()),
    ];
    let mut parts: Vec<TokenStream> = Vec::new();
    let mut run: Vec<TokenTree> = Vec::new();
    for variant in &e.variants {
        if let Some(own) = variant.own() {
            info_entry(&mut run, &trees, &names, own);
            run.extend(details::info_suffix(variant));
            run.push(trees.comma());
        } else if let Some(field) = variant.transparent_field() {
            if !run.is_empty() {
                parts.push(slice(std::mem::take(&mut run)));
            }
            let ty = &field.ty;
            parts.push(quote!(<#ty as #p::ApiErrorCode>::CATALOG));
        }
    }
    let group = &e.group;
    let entries = if parts.is_empty() {
        slice(run)
    } else {
        if !run.is_empty() {
            parts.push(slice(run));
        }
        quote! {{
            const PARTS: &[&[#p::ErrorCodeInfo]] = &[#(#parts),*];
            const ALL: [#p::ErrorCodeInfo; #p::catalog_len(PARTS)] = #p::concat_catalog(PARTS);
            &ALL
        }}
    };
    quote! {{
        #[allow(dead_code)]
        const fn __entry(
            code: &'static str,
            status: u16,
            description: &'static str,
        ) -> #p::ErrorCodeInfo {
            #p::ErrorCodeInfo::new(code, status, description).with_group(#group)
        }
        #[allow(dead_code)]
        const fn __entry_r(
            code: &'static str,
            status: u16,
            description: &'static str,
            resolution: &'static str,
        ) -> #p::ErrorCodeInfo {
            __entry(code, status, description).with_resolution(resolution)
        }
        #entries
    }}
}

/// A string literal for `text`.
fn string_literal(text: &str) -> Literal {
    Literal::string(text)
}

/// The body of `info()`: an index into `CATALOG` for own codes, a call into the field for
/// transparent variants.
fn info_body(e: &Enum) -> TokenStream {
    let p = private();
    let trees = Trees::new();
    let mut arms: Vec<TokenTree> = Vec::new();
    let mut own_before = 0usize;
    let mut inner_before: Vec<&TokenStream> = Vec::new();
    for variant in &e.variants {
        let v = &variant.ident;
        if variant.own().is_some() {
            // A unit variant's pattern needs no `{ .. }`; any other shape takes it (with or
            // without fields).
            trees.variant(&mut arms, v, variant.shape != Shape::Unit);
            trees.fat_arrow(&mut arms);
            arms.push(TokenTree::Literal(Literal::usize_unsuffixed(own_before)));
            if !inner_before.is_empty() {
                arms.extend(quote!(#(+ <#inner_before as #p::ApiErrorCode>::CATALOG.len())*));
            }
            arms.push(trees.comma());
            own_before += 1;
        } else if let Some(field) = variant.transparent_field() {
            let member = &field.member;
            // Through the field's own type tokens: an inner type that is not an API error is
            // reported on that type, once, rather than on the derive.
            let ty = &field.ty;
            let call = quote!(<#ty as #p::ApiErrorCode>::info(inner));
            arms.extend(quote!(Self::#v { #member: inner } => return #call,));
            inner_before.push(&field.ty);
        }
    }
    let arms = TokenStream::from_iter(arms);
    if own_before == 0 {
        // Every arm returns: no index to take (and no unreachable indexing to warn about).
        return quote!(match self { #arms });
    }
    quote!(&Self::CATALOG[match self { #arms }])
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
    raw_string_literal(&out).unwrap_or_else(|| Literal::string(&out))
}

/// `text` as a raw string literal `r#"..."#`. rustc reads a raw literal as it is, while an
/// escaped one (what `Literal::string` writes, every line break as `\n`) it unescapes again
/// for each of the three items the table documents: about 15 M instructions at 1,000
/// variants. `None` when the text holds a `#` or a carriage return.
fn raw_string_literal(text: &str) -> Option<Literal> {
    let bytes = text.as_bytes();
    if bytes.contains(&b'#') || bytes.contains(&b'\r') {
        return None;
    }
    let mut source = String::with_capacity(text.len() + 5);
    source.push_str("r#\"");
    source.push_str(text);
    source.push_str("\"#");
    source.parse().ok()
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
