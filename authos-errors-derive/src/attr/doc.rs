//! The first paragraph of a doc comment.

use proc_macro2::TokenTree;

use super::lit::Lit;
use crate::syntax::{Attr, AttrArgs};

/// The first paragraph of the doc comment, lines joined by spaces. Lines after it are not
/// read at all: a long doc comment costs no more than its summary.
pub fn doc_summary(attrs: &[Attr]) -> Option<String> {
    let mut lines: Vec<String> = Vec::new();
    for attr in attrs.iter().filter(|a| a.is("doc")) {
        let AttrArgs::Value(value) = &attr.args else {
            continue;
        };
        // `#[doc = include_str!(...)]` and the like are not read.
        let [TokenTree::Literal(literal)] = value.as_slice() else {
            continue;
        };
        let Lit::Str(text) = Lit::new(literal.clone()) else {
            continue;
        };
        // An empty `///` line is an empty string, which `lines()` would skip entirely.
        if text.value.trim().is_empty() {
            if !lines.is_empty() {
                return Some(lines.join(" "));
            }
            continue;
        }
        for line in text.value.lines() {
            let line = line.trim();
            if line.is_empty() {
                if !lines.is_empty() {
                    return Some(lines.join(" "));
                }
            } else {
                lines.push(line.to_owned());
            }
        }
    }
    if lines.is_empty() {
        None
    } else {
        Some(lines.join(" "))
    }
}
