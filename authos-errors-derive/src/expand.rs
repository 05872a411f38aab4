//! Code generation: the trait impls for a checked [`Enum`], or stubs when it has errors. Reads
//! the model and the checks' verdicts in it; decides nothing the model already knows.
//!
//! Each submodule writes one group of items from the model: `catalog` the `ApiErrorCode`
//! impl (catalog, `info()`, rustdoc table), `message` the message and retry-after
//! functions, `details` the `#[detail]` names and `serialize_details`, `traits`
//! `Display`/`Error`/`Serialize` and the inherent items, `conversions` `from_code` and the
//! `From` impls, `strings` the code conversions, `bounds` the inferred where-clause.

mod bounds;
mod catalog;
mod conversions;
mod details;
mod message;
mod strings;
mod traits;
mod trees;

#[cfg(test)]
mod size_guard;

use proc_macro2::TokenStream;
use quote::quote;

use crate::ast::Enum;

/// `match self { arms }`, ending in `fallback` when some variants have no arm of their own
/// (and only then: an unreachable `_` arm would warn).
fn match_self(e: &Enum, arms: &[TokenStream], fallback: TokenStream) -> TokenStream {
    let fallback = if arms.len() < e.variants.len() {
        fallback
    } else {
        TokenStream::new()
    };
    quote! {
        match self {
            #(#arms)*
            #fallback
        }
    }
}

/// The path every generated item reaches the runtime through.
fn private() -> TokenStream {
    quote!(::authos_errors::__private)
}

/// Every item the derive writes for a checked model without errors.
pub fn impls(e: &Enum) -> TokenStream {
    let where_clause = bounds::inferred_bounds(e);
    let table = catalog::doc_table(e);
    let mut out = catalog::api_error_code_impl(e, where_clause.as_ref(), &table);
    if e.attrs.display {
        out.extend(traits::display_impl(e, where_clause.as_ref()));
        out.extend(traits::error_impl(e, where_clause.as_ref()));
    }
    if e.attrs.serialize {
        out.extend(traits::serialize_impl(e, where_clause.as_ref()));
    }
    if e.from_code {
        let body = conversions::from_code_body(e);
        out.extend(conversions::from_code_impls(
            e,
            where_clause.as_ref(),
            &body,
            &quote!(#[doc = #table]),
        ));
    }
    out.extend(conversions::from_impls(e, where_clause.as_ref()));
    out.extend(conversions::from_field_impls(e, where_clause.as_ref()));
    out.extend(traits::inherent_description(e, where_clause.as_ref()));
    out.extend(catalog::status_check(e));
    out.extend(traits::http_impls(e, where_clause.as_ref()));
    out.extend(strings::code_str_impls(e, where_clause.as_ref()));
    out
}

/// Placeholder impls that keep the rest of the user's crate type-checking while our errors
/// are reported, so the user sees those and nothing else.
pub fn stubs(e: &Enum) -> TokenStream {
    let p = private();
    let ident = &e.ident;
    let (impl_generics, ty_generics, where_clause) = e.generics.split_for_impl();
    let mut out = quote! {
        #[automatically_derived]
        impl #impl_generics #p::ApiErrorCode for #ident #ty_generics #where_clause {
            const CATALOG: &'static [#p::ErrorCodeInfo] = &[];
            fn info(&self) -> &'static #p::ErrorCodeInfo {
                ::core::unimplemented!()
            }
        }
    };
    if e.attrs.display {
        out.extend(traits::display_impl(e, where_clause));
        // `Error` needs `Debug`, which a struct or union given to us by mistake may lack.
        if e.is_enum {
            out.extend(traits::empty_error_impl(e, where_clause));
        }
    }
    if e.attrs.serialize {
        out.extend(traits::serialize_impl(e, where_clause));
    }
    if e.usable {
        if e.from_code {
            out.extend(conversions::from_code_impls(
                e,
                where_clause,
                &quote!(#p::None),
                &TokenStream::new(),
            ));
        }
        out.extend(conversions::from_impls(e, where_clause));
        out.extend(conversions::from_field_impls(e, where_clause));
        out.extend(traits::inherent_description(e, where_clause));
        out.extend(traits::http_impls(e, where_clause));
    }
    out
}
