//! For an enum with `from_code`: one call of the runtime crate's `__derive_code_impls!`, which
//! writes `FromStr`, `TryFrom<&str>`, `AsRef<str>`, `From<Self> for &'static str` and
//! `Deserialize` in terms of `from_code` and `code()`, plus the one thing that needs every
//! variant by name, the list of values: `const ALL` and an `AllValues` impl built on it when
//! no variant has fields, else an `AllValues` impl chaining the inner enums' lists.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;
use syn::{WhereClause, parse_quote};

use super::private;
use super::trees::Trees;
use crate::ast::{Enum, Variant};

pub fn code_str_impls(e: &Enum, where_clause: Option<&WhereClause>) -> TokenStream {
    if !e.from_code {
        return TokenStream::new();
    }
    let p = private();
    let ident = &e.ident;
    let (impl_generics, ty_generics, _) = e.generics.split_for_impl();
    let mut out = TokenStream::new();
    let mut wanted = Vec::new();
    for (on, name) in [
        (e.attrs.from_str, "from_str"),
        (e.attrs.as_ref, "as_ref"),
        (e.attrs.deserialize, "deserialize"),
    ] {
        if on {
            wanted.push(Ident::new(name, Span::call_site()));
        }
    }
    if e.attrs.all_values {
        if e.variants.iter().all(Variant::is_fieldless) {
            let trees = Trees::new();
            let mut values = Vec::with_capacity(e.variants.len() * 5);
            for variant in &e.variants {
                trees.fieldless_value(&mut values, &variant.ident, variant.shape);
                values.push(trees.comma());
            }
            let values = TokenStream::from_iter(values);
            out.extend(quote! {
                #[automatically_derived]
                impl #impl_generics #ident #ty_generics #where_clause {
                    /// Every value, in declaration order.
                    pub const ALL: &'static [Self] = &[#values];
                }
            });
            wanted.push(Ident::new("all_from_const", Span::call_site()));
        } else {
            let trees = Trees::new();
            let steps = e.variants.iter().map(|variant| {
                let v = &variant.ident;
                match variant.transparent_field() {
                    Some(field) => {
                        let ty = &field.ty;
                        let member = &field.member;
                        quote! {
                            .chain(<#ty as #p::AllValues>::all().map(|inner| Self::#v { #member: inner }))
                        }
                    }
                    None => {
                        let mut value = Vec::new();
                        trees.fieldless_value(&mut value, v, variant.shape);
                        let value = TokenStream::from_iter(value);
                        quote!(.chain([#value]))
                    }
                }
            });
            out.extend(quote! {
                #[automatically_derived]
                impl #impl_generics #p::AllValues for #ident #ty_generics #where_clause {
                    #[inline]
                    fn all() -> impl ::core::iter::Iterator<Item = Self> {
                        ::core::iter::empty() #(#steps)*
                    }
                }
            });
        }
    }
    if wanted.is_empty() {
        return out;
    }
    let de = syn::Lifetime::new("'__de", Span::call_site());
    let mut de_generics = e.generics.clone();
    de_generics.params.insert(0, parse_quote!(#de));
    let (de_impl_generics, _, _) = de_generics.split_for_impl();
    let predicates = where_clause.into_iter().flat_map(|w| w.predicates.iter());
    out.extend(quote! {
        ::authos_errors::__derive_code_impls! {
            [impl [#impl_generics] de [#de] [#de_impl_generics] for [#ident #ty_generics]
             name [#ident] where [#(#predicates,)*]]
            #(#wanted)*
        }
    });
    out
}
