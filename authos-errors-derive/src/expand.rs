//! Code generation: the trait impls for a checked [`Enum`], or stubs when it has errors.

use proc_macro2::{Literal, Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{DeriveInput, Ident, WhereClause, parse_quote};

use crate::ast::{Enum, Field, Variant};
use crate::attr::{self, CodeAttr, OwnCode};
use crate::errors::Errors;
use crate::template::Template;
use crate::valid;

/// The whole derive: parse, validate, then expand or report.
pub fn derive(input: &DeriveInput) -> TokenStream {
    let mut errors = Errors::default();
    let model = Enum::from_syn(input, &mut errors);
    if let Some(model) = &model {
        valid::check(model, &mut errors);
        crate::detail::check(input, model, &mut errors);
    }
    match model {
        Some(model) if errors.is_empty() => impls(&model),
        model => {
            let reported = errors.to_compile_errors();
            let stubs = stubs(input, model.as_ref());
            quote! { #reported #stubs }
        }
    }
}

fn private() -> TokenStream {
    quote!(::authos_errors::__private)
}

/// Placeholder impls that keep the rest of the user's crate type-checking while our errors
/// are reported, so the user sees those and nothing else.
fn stubs(input: &DeriveInput, model: Option<&Enum>) -> TokenStream {
    let p = private();
    let ident = &input.ident;
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    let flags = match model {
        Some(model) => (model.attrs.display, model.attrs.serialize),
        None => {
            let attrs = attr::enum_attrs(&input.attrs, &mut Errors::default());
            (attrs.display, attrs.serialize)
        }
    };
    let mut out = quote! {
        #[automatically_derived]
        impl #impl_generics #p::ApiErrorCode for #ident #ty_generics #where_clause {
            const CATALOG: &'static [#p::ErrorCodeInfo] = &[];
            fn info(&self) -> &'static #p::ErrorCodeInfo {
                ::core::unimplemented!()
            }
        }
    };
    if flags.0 {
        out.extend(display_impl(ident, &input.generics, where_clause));
        // `Error` needs `Debug`, which a struct or union given to us by mistake may lack; the
        // enum's real impl carries the same `Self: Debug` bound.
        if matches!(input.data, syn::Data::Enum(_)) {
            let mut clause = where_clause.cloned().unwrap_or_else(|| parse_quote!(where));
            clause.predicates.push(parse_quote!(Self: #p::fmt::Debug));
            out.extend(quote! {
                #[automatically_derived]
                impl #impl_generics #p::Error for #ident #ty_generics #clause {}
            });
        }
    }
    if flags.1 {
        out.extend(serialize_impl(ident, &input.generics, where_clause));
    }
    if let Some(model) = model {
        if model.supports_from_code() {
            out.extend(from_code_impls(
                model,
                where_clause,
                &quote!(#p::None),
                &TokenStream::new(),
            ));
        }
        out.extend(from_impls(model, where_clause));
        out.extend(inherent_description(model, where_clause));
        out.extend(http_impls(model, where_clause));
    }
    out
}

fn impls(e: &Enum) -> TokenStream {
    let p = private();
    let ident = e.ident;
    let (impl_generics, ty_generics, _) = e.generics.split_for_impl();
    let where_clause = inferred_bounds(e);
    // One literal, cloned where it is used: escaping a large table is a real cost.
    let table = Literal::string(&doc_table(e));
    let catalog = catalog_expr(e);
    let info_body = info_body(e);
    let message_fn = message_fn(e);
    let retry_after_fn = retry_after_fn(e);
    let details_fn = crate::detail::serialize_details_fn(e);

    let mut out = quote! {
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
    };
    if e.attrs.display {
        out.extend(display_impl(ident, e.generics, where_clause.as_ref()));
        out.extend(error_impl(e, where_clause.as_ref()));
    }
    if e.attrs.serialize {
        out.extend(serialize_impl(ident, e.generics, where_clause.as_ref()));
    }
    if e.supports_from_code() {
        let body = from_code_body(e);
        out.extend(from_code_impls(
            e,
            where_clause.as_ref(),
            &body,
            &quote!(#[doc = #table]),
        ));
    }
    out.extend(from_impls(e, where_clause.as_ref()));
    out.extend(inherent_description(e, where_clause.as_ref()));
    out.extend(status_check(e));
    out.extend(http_impls(e, where_clause.as_ref()));
    out
}

/// A call of the runtime crate's `__derive_http_impls!`, which expands to the impls of the HTTP
/// integrations (axum, actix-web, utoipa) whose features are enabled on `authos-errors`: this
/// macro cannot see those features, a `macro_rules!` of that crate can.
fn http_impls(e: &Enum, where_clause: Option<&WhereClause>) -> TokenStream {
    if !e.attrs.http {
        return TokenStream::new();
    }
    let ident = e.ident;
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
fn inherent_description(e: &Enum, where_clause: Option<&WhereClause>) -> TokenStream {
    let p = private();
    let ident = e.ident;
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

fn own_code<'a>(variant: &'a Variant) -> Option<&'a OwnCode> {
    match &variant.code {
        Some(CodeAttr::Own(own)) => Some(own),
        _ => None,
    }
}

fn transparent_field<'a>(variant: &'a Variant) -> Option<&'a Field<'a>> {
    if variant.is_transparent() {
        variant.fields.first()
    } else {
        None
    }
}

/// The original where-clause plus the bounds the generated code needs on type parameters:
/// `Display`/`Debug` for interpolated fields. A generic source's bound goes on the `Error`
/// impl alone (see `error_impl`), so `code()` works whatever the source type.
fn inferred_bounds(e: &Enum) -> Option<WhereClause> {
    let p = private();
    let mut clause = e.generics.where_clause.clone();
    let mut add = |predicate: syn::WherePredicate| {
        clause
            .get_or_insert_with(|| WhereClause {
                where_token: Default::default(),
                predicates: Default::default(),
            })
            .predicates
            .push(predicate);
    };
    for variant in &e.variants {
        let template = own_code(variant)
            .and_then(|own| own.message.as_ref())
            .and_then(|m| Template::parse(&m.value()).ok());
        for field in &variant.fields {
            if valid::generic_param_in(e, field.ty).is_none() {
                continue;
            }
            let ty = field.ty;
            if let Some(template) = &template {
                let name = field.template_name();
                if template.fields().contains(&name.as_str()) {
                    if template.uses_debug(&name) {
                        add(parse_quote!(#ty: #p::fmt::Debug));
                    } else {
                        add(parse_quote!(#ty: #p::fmt::Display));
                    }
                }
            }
        }
    }
    clause
}

/// One catalog entry as a call of the local `__entry` that [`catalog_expr`] declares: a dozen
/// tokens per variant instead of a struct literal's forty, which matters for enums of
/// thousands of variants.
fn info_entry(own: &OwnCode, variant: &Variant) -> TokenStream {
    let code = &own.code;
    let status = Literal::u16_unsuffixed(own.status.unwrap_or(500));
    let description = own
        .description
        .as_deref()
        .or(variant.doc.as_deref())
        .unwrap_or_default();
    let mut entry = match &own.resolution {
        Some(text) => quote!(__entry(#code, #status, #description, __Some(#text))),
        None => quote!(__entry(#code, #status, #description, __None)),
    };
    entry.extend(crate::detail::info_suffix(variant));
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
        if let Some(own) = own_code(variant) {
            run.push(info_entry(own, variant));
        } else if let Some(field) = transparent_field(variant) {
            if !run.is_empty() {
                parts.push(quote!(&[#(#run),*]));
                run.clear();
            }
            let ty = field.ty;
            parts.push(quote!(<#ty as #p::ApiErrorCode>::CATALOG));
        }
    }
    let group = e.group();
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
    let mut inner_before: Vec<&syn::Type> = Vec::new();
    for variant in &e.variants {
        let v = variant.ident;
        if own_code(variant).is_some() {
            let at = Literal::usize_unsuffixed(own_before);
            let index = if inner_before.is_empty() {
                quote!(#at)
            } else {
                quote!(#at #(+ <#inner_before as #p::ApiErrorCode>::CATALOG.len())*)
            };
            arms.push(quote!(Self::#v { .. } => #index,));
            own_before += 1;
        } else if let Some(field) = transparent_field(variant) {
            let member = &field.member;
            // Through the field's own type tokens: an inner type that is not an API error is
            // reported on that type, once, rather than on the derive.
            let ty = field.ty;
            let call = quote!(<#ty as #p::ApiErrorCode>::info(inner));
            arms.push(quote!(Self::#v { #member: inner } => return #call,));
            inner_before.push(field.ty);
        }
    }
    if own_before == 0 {
        // Every arm returns: no index to take (and no unreachable indexing to warn about).
        return quote!(match self { #(#arms)* });
    }
    quote!(&Self::CATALOG[match self { #(#arms)* }])
}

/// The local a message arm binds a field to. It carries the message literal's span, so a
/// field that cannot be formatted (`{limits}` of a type without `Display`) is reported on
/// the message rather than on the derive.
fn binding(field_name: &str, span: proc_macro2::Span) -> Ident {
    format_ident!("__field_{}", field_name, span = span)
}

fn message_fn(e: &Enum) -> TokenStream {
    let p = private();
    let mut arms = Vec::new();
    let mut covered = 0usize;
    for variant in &e.variants {
        let v = variant.ident;
        if let Some(field) = transparent_field(variant) {
            let member = &field.member;
            let ty = field.ty;
            let call = quote!(<#ty as #p::ApiErrorCode>::message(inner));
            arms.push(quote!(Self::#v { #member: inner } => #call,));
            covered += 1;
            continue;
        }
        let Some(message) = own_code(variant).and_then(|own| own.message.as_ref()) else {
            continue;
        };
        let Ok(template) = Template::parse(&message.value()) else {
            continue;
        };
        covered += 1;
        if let Some(plain) = template.as_plain_text() {
            arms.push(quote!(Self::#v { .. } => #p::Cow::Borrowed(#plain),));
            continue;
        }
        let used: Vec<&Field> = template
            .fields()
            .into_iter()
            .filter_map(|name| variant.fields.iter().find(|f| f.template_name() == name))
            .collect();
        let members = used.iter().map(|f| &f.member);
        let bindings: Vec<Ident> = used
            .iter()
            .map(|f| binding(&f.template_name(), message.span()))
            .collect();
        let format = template.format_string(|name| binding(name, message.span()).to_string());
        arms.push(quote! {
            Self::#v { #(#members: #bindings,)* .. } =>
                #p::Cow::Owned(#p::format!(#format, #(#bindings = #bindings),*)),
        });
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

fn retry_after_fn(e: &Enum) -> TokenStream {
    let p = private();
    let arms: Vec<TokenStream> = e
        .variants
        .iter()
        .filter_map(|variant| {
            let field = transparent_field(variant)?;
            let v = variant.ident;
            let member = &field.member;
            let ty = field.ty;
            let call = quote!(<#ty as #p::ApiErrorCode>::retry_after(inner));
            Some(quote!(Self::#v { #member: inner } => #call,))
        })
        .collect();
    if arms.is_empty() {
        return TokenStream::new();
    }
    let fallback = if arms.len() < e.variants.len() {
        quote!(_ => #p::None,)
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

fn display_impl(
    ident: &Ident,
    generics: &syn::Generics,
    where_clause: Option<&WhereClause>,
) -> TokenStream {
    let p = private();
    let (impl_generics, ty_generics, _) = generics.split_for_impl();
    quote! {
        #[automatically_derived]
        impl #impl_generics #p::fmt::Display for #ident #ty_generics #where_clause {
            fn fmt(&self, f: &mut #p::fmt::Formatter<'_>) -> #p::fmt::Result {
                f.write_str(&#p::ApiErrorCode::message(self))
            }
        }
    }
}

fn error_impl(e: &Enum, where_clause: Option<&WhereClause>) -> TokenStream {
    let p = private();
    let ident = e.ident;
    let (impl_generics, ty_generics, _) = e.generics.split_for_impl();
    let mut clause = where_clause.cloned().unwrap_or_else(|| parse_quote!(where));
    clause.predicates.push(parse_quote!(Self: #p::fmt::Debug));
    for field in e.variants.iter().flat_map(|v| &v.fields) {
        if field.source.is_some() && valid::generic_param_in(e, field.ty).is_some() {
            let ty = field.ty;
            clause.predicates.push(parse_quote!(#ty: #p::AsDynError));
        }
    }
    let mut arms = Vec::new();
    for variant in &e.variants {
        let v = variant.ident;
        if let Some(field) = transparent_field(variant) {
            let member = &field.member;
            arms.push(quote!(Self::#v { #member: inner } => #p::Error::source(inner),));
        } else if let Some(field) = variant.fields.iter().find(|f| f.source.is_some()) {
            let member = &field.member;
            // Spanned at the field's type: a #[source] that is not an error is reported there.
            let call = quote_spanned!(field.ty.span()=> source.as_dyn_error());
            arms.push(quote!(Self::#v { #member: source, .. } => #p::Some(#call),));
        }
    }
    let source_fn = if arms.is_empty() {
        TokenStream::new()
    } else {
        let fallback = if arms.len() < e.variants.len() {
            quote!(_ => #p::None,)
        } else {
            TokenStream::new()
        };
        quote! {
            fn source(&self) -> #p::Option<&(dyn #p::Error + 'static)> {
                use #p::AsDynError as _;
                match self {
                    #(#arms)*
                    #fallback
                }
            }
        }
    };
    quote! {
        #[automatically_derived]
        impl #impl_generics #p::Error for #ident #ty_generics #clause {
            #source_fn
        }
    }
}

fn serialize_impl(
    ident: &Ident,
    generics: &syn::Generics,
    where_clause: Option<&WhereClause>,
) -> TokenStream {
    let p = private();
    let (impl_generics, ty_generics, _) = generics.split_for_impl();
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

/// Looks own codes up by length first, then by text: one jump and a handful of compares.
fn from_code_body(e: &Enum) -> TokenStream {
    let p = private();
    let mut steps = Vec::new();
    // (variant, its code literal, the code's length)
    let mut run: Vec<(&Variant, &syn::LitStr, usize)> = Vec::new();
    let flush = |run: &mut Vec<(&Variant, &syn::LitStr, usize)>, steps: &mut Vec<TokenStream>| {
        if run.is_empty() {
            return;
        }
        run.sort_by_key(|(_, _, len)| *len);
        // A labeled block per run of own codes: a miss breaks out to the next step, so each
        // arm is just `"CODE" => Self::Variant`, without a `return Some(...)` of its own.
        let label = syn::Lifetime::new(&format!("'__run{}", steps.len()), Span::call_site());
        let by_length = run.chunk_by(|a, b| a.2 == b.2).map(|same_length| {
            let len = Literal::usize_unsuffixed(same_length[0].2);
            let arms = same_length.iter().map(|(variant, code, _)| {
                let v = variant.ident;
                quote!(#code => Self::#v,)
            });
            quote!(#len => match code { #(#arms)* _ => break #label },)
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
    };
    for variant in &e.variants {
        if let Some(own) = own_code(variant) {
            run.push((variant, &own.code, own.code.value().len()));
        } else if let Some(field) = transparent_field(variant) {
            flush(&mut run, &mut steps);
            let ty = field.ty;
            let v = variant.ident;
            let member = &field.member;
            steps.push(quote! {
                if let #p::Some(inner) = <#ty as #p::FromCode>::from_code(code) {
                    return #p::Some(Self::#v { #member: inner });
                }
            });
        }
    }
    flush(&mut run, &mut steps);
    quote! {
        #(#steps)*
        #p::None
    }
}

fn from_code_impls(
    e: &Enum,
    where_clause: Option<&WhereClause>,
    body: &TokenStream,
    docs: &TokenStream,
) -> TokenStream {
    let p = private();
    let ident = e.ident;
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

fn from_impls(e: &Enum, where_clause: Option<&WhereClause>) -> TokenStream {
    if !e.attrs.from {
        return TokenStream::new();
    }
    let ident = e.ident;
    let (impl_generics, ty_generics, _) = e.generics.split_for_impl();
    let impls = e.variants.iter().filter_map(|variant| {
        let field = transparent_field(variant)?;
        // A type parameter as the inner type is reported by `valid`; `From<T>` would also
        // overlap core's `From<T> for T`.
        if field.from || variant.fields.len() != 1 || valid::generic_param_in(e, field.ty).is_some()
        {
            return None;
        }
        let v = variant.ident;
        let ty = field.ty;
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

/// For a non-generic enum that composes other catalogs, a const evaluation that fails the
/// build when one code carries two statuses.
fn status_check(e: &Enum) -> TokenStream {
    if !e.generics.params.is_empty() || !e.variants.iter().any(Variant::is_transparent) {
        return TokenStream::new();
    }
    let p = private();
    let ident = e.ident;
    quote! {
        const _: () = #p::assert_consistent_statuses(&[<#ident as #p::ApiErrorCode>::CATALOG]);
    }
}

/// The enum's codes as a Markdown table, for rustdoc.
fn doc_table(e: &Enum) -> String {
    let mut out = format!(
        "Error codes of `{}` (group \"{}\"):\n\n| Code | HTTP | Description | Resolution |\n|---|---|---|---|\n",
        e.ident,
        e.group()
    );
    for variant in &e.variants {
        if let Some(own) = own_code(variant) {
            let description = own
                .description
                .clone()
                .or_else(|| variant.doc.clone())
                .unwrap_or_default();
            out.push_str(&format!(
                "| `{}` | {} | {} | {} |\n",
                own.code.value(),
                own.status.unwrap_or_default(),
                escape_cell(&description),
                escape_cell(own.resolution.as_deref().unwrap_or("")),
            ));
        } else if let Some(field) = transparent_field(variant) {
            let ty = field_type_name(field);
            out.push_str(&format!("| *every code of `{ty}`* | | | |\n"));
        }
    }
    out
}

fn field_type_name(field: &Field) -> String {
    let ty = field.ty;
    quote!(#ty)
        .to_string()
        .replace(" :: ", "::")
        .replace(" < ", "<")
        .replace(" >", ">")
}

fn escape_cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}
