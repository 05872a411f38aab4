//! The where-clause of the generated impls.

use syn::{WhereClause, WherePredicate, parse_quote};

use super::private;
use crate::ast::Enum;

/// The original where-clause plus the bounds the generated code needs on type parameters:
/// `Display`/`Debug` for interpolated fields, each once. A generic source's bound goes on
/// the `Error` impl alone (see `traits::error_impl`), so `code()` works whatever the source.
pub fn inferred_bounds(e: &Enum) -> Option<WhereClause> {
    let p = private();
    let mut clause = e.generics.where_clause.clone();
    let mut added: Vec<WherePredicate> = Vec::new();
    // (type, whether `Debug`): `T: Display` once however many fields of type `T` show it.
    let mut seen: Vec<(String, bool)> = Vec::new();
    for variant in &e.variants {
        let Some((_, template)) = variant.template() else {
            continue;
        };
        for field in variant.fields.iter().filter(|f| f.generic_param.is_some()) {
            if !template.shows(&field.name) {
                continue;
            }
            let ty = &field.ty;
            let debug = template.uses_debug(&field.name);
            let key = (ty.to_string(), debug);
            if seen.contains(&key) {
                continue;
            }
            seen.push(key);
            added.push(if debug {
                parse_quote!(#ty: #p::fmt::Debug)
            } else {
                parse_quote!(#ty: #p::fmt::Display)
            });
        }
    }
    if added.is_empty() {
        return clause;
    }
    clause
        .get_or_insert_with(|| WhereClause {
            where_token: syn::token::Where::default(),
            predicates: syn::punctuated::Punctuated::new(),
        })
        .predicates
        .extend(added);
    clause
}
