//! Literal values, read from the token's text.
//!
//! syn's `Lit::new` unescapes a string literal to find its suffix and `LitStr::value`
//! unescapes it again on every call; unoptimised, that was the largest single cost of the
//! derive (every doc comment is a string literal). A literal without escapes (all of them in
//! practice, and every doc comment, which rustc hands over as a raw string) is read here by
//! slicing; anything else falls back to syn.

use std::ops::Range;

use proc_macro2::{Literal, Span, TokenStream, TokenTree};
use quote::ToTokens;

/// A literal argument of one of our attributes.
pub enum Lit {
    Str(LitStr),
    Int(syn::LitInt),
    Float(syn::LitFloat),
    /// `true` or `false`, which are identifiers to the tokenizer.
    Bool(bool, Span),
    /// Any other literal (char, byte string, ...), kept for its span.
    Other(Literal),
}

/// A string literal and its value.
#[derive(Clone)]
pub struct LitStr {
    pub value: String,
    pub token: Literal,
}

impl LitStr {
    pub fn span(&self) -> Span {
        self.token.span()
    }

    /// The span of `range` (bytes of the value) inside the literal where the compiler can give
    /// one (a nightly compiler can; a stable one cannot), else the whole literal's. Only a
    /// literal whose value is its text (no escapes) maps byte for byte.
    pub fn span_of(&self, range: Range<usize>) -> Span {
        let text = self.token.to_string();
        let offset = if text.starts_with('"') && !text.as_bytes().contains(&b'\\') {
            Some(1)
        } else if let Some(raw) = text.strip_prefix('r') {
            raw.find('"').map(|quote| quote + 2)
        } else {
            None
        };
        offset
            .and_then(|offset| self.token.subspan(range.start + offset..range.end + offset))
            .unwrap_or_else(|| self.span())
    }
}

impl ToTokens for LitStr {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        tokens.extend([TokenTree::Literal(self.token.clone())]);
    }
}

impl ToTokens for Lit {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        match self {
            Lit::Str(text) => text.to_tokens(tokens),
            Lit::Int(int) => int.to_tokens(tokens),
            Lit::Float(float) => float.to_tokens(tokens),
            Lit::Bool(value, span) => {
                tokens.extend([TokenTree::Ident(proc_macro2::Ident::new(
                    if *value { "true" } else { "false" },
                    *span,
                ))]);
            }
            Lit::Other(literal) => tokens.extend([TokenTree::Literal(literal.clone())]),
        }
    }
}

impl Lit {
    pub fn new(literal: Literal) -> Lit {
        let text = literal.to_string();
        if let Some(value) = plain_string_value(&text) {
            return Lit::Str(LitStr {
                value,
                token: literal,
            });
        }
        match syn::Lit::new(literal.clone()) {
            syn::Lit::Str(text) => Lit::Str(LitStr {
                value: text.value(),
                token: literal,
            }),
            syn::Lit::Int(int) => Lit::Int(int),
            syn::Lit::Float(float) => Lit::Float(float),
            _ => Lit::Other(literal),
        }
    }
}

/// The value of a string literal that needs no unescaping: a raw string, or a string
/// without `\` (and without `\r`, which rustc would have normalised); `None` otherwise.
fn plain_string_value(text: &str) -> Option<String> {
    if let Some(raw) = text.strip_prefix('r') {
        let hashes = &raw[..raw.len() - raw.trim_start_matches('#').len()];
        let inner = raw[hashes.len()..]
            .strip_prefix('"')?
            .strip_suffix(hashes)?
            .strip_suffix('"')?;
        return Some(inner.to_owned());
    }
    let inner = text.strip_prefix('"')?.strip_suffix('"')?;
    // Byte searches (memchr, optimised in core even when this crate is not); a `[char]`
    // pattern search here cost a tenth of the whole derive.
    if inner.as_bytes().contains(&b'\\') || inner.as_bytes().contains(&b'\r') {
        return None;
    }
    Some(inner.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(literal: Literal) -> String {
        match Lit::new(literal) {
            Lit::Str(text) => text.value,
            _ => panic!("a string"),
        }
    }

    #[test]
    fn reads_plain_raw_and_escaped_strings() {
        assert_eq!(value(Literal::string("plain text")), "plain text");
        assert_eq!(value(Literal::string("a \"quote\"\n")), "a \"quote\"\n");
        let raw: Literal = "r#\"raw \"x\" \\n\"#".parse().unwrap();
        assert_eq!(value(raw), "raw \"x\" \\n");
        assert!(matches!(
            Lit::new(Literal::u16_unsuffixed(404)),
            Lit::Int(_)
        ));
        assert!(matches!(Lit::new(Literal::character('x')), Lit::Other(_)));
    }
}
