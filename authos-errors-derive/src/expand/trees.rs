//! The parts written once per variant (catalog entries, `info()` arms, `from_code` arms),
//! built tree by tree into one list and turned into a stream once.
//!
//! `quote!` builds a stream per call, and splicing one stream into another crosses into the
//! compiler each time; with thousands of variants that was a large share of the derive. Here
//! the shared tokens are made once and cloned, and each arm costs no crossing but its groups.

use proc_macro2::{Delimiter, Group, Ident, Literal, Punct, Spacing, Span, TokenStream, TokenTree};

use crate::ast::Shape;

/// Ready-made tokens, cloned into each arm.
pub struct Trees {
    self_type: TokenTree,
    colon_joint: TokenTree,
    colon: TokenTree,
    eq_joint: TokenTree,
    gt: TokenTree,
    comma: TokenTree,
    /// `{ .. }`, the pattern that ignores a variant's fields.
    rest: TokenTree,
}

impl Trees {
    pub fn new() -> Self {
        let punct = |c, spacing| TokenTree::Punct(Punct::new(c, spacing));
        let rest = TokenStream::from_iter([punct('.', Spacing::Joint), punct('.', Spacing::Alone)]);
        Trees {
            self_type: TokenTree::Ident(Ident::new("Self", Span::call_site())),
            colon_joint: punct(':', Spacing::Joint),
            colon: punct(':', Spacing::Alone),
            eq_joint: punct('=', Spacing::Joint),
            gt: punct('>', Spacing::Alone),
            comma: punct(',', Spacing::Alone),
            rest: TokenTree::Group(Group::new(Delimiter::Brace, rest)),
        }
    }

    /// `Self::Variant`, with `{ .. }` after it when `ignore_fields`.
    pub fn variant(&self, out: &mut Vec<TokenTree>, variant: &Ident, ignore_fields: bool) {
        out.extend([
            self.self_type.clone(),
            self.colon_joint.clone(),
            self.colon.clone(),
            TokenTree::Ident(variant.clone()),
        ]);
        if ignore_fields {
            out.push(self.rest.clone());
        }
    }

    /// The variant as a value: `Self::Unit`, `Self::Parens()` or `Self::Braces {}`, for a
    /// variant without fields.
    pub fn fieldless_value(&self, out: &mut Vec<TokenTree>, variant: &Ident, shape: Shape) {
        self.variant(out, variant, false);
        match shape {
            Shape::Unit => {}
            Shape::Tuple => out.push(self.empty(Delimiter::Parenthesis)),
            Shape::Struct => out.push(self.empty(Delimiter::Brace)),
        }
    }

    fn empty(&self, delimiter: Delimiter) -> TokenTree {
        TokenTree::Group(Group::new(delimiter, TokenStream::new()))
    }

    /// `=>`
    pub fn fat_arrow(&self, out: &mut Vec<TokenTree>) {
        out.extend([self.eq_joint.clone(), self.gt.clone()]);
    }

    pub fn comma(&self) -> TokenTree {
        self.comma.clone()
    }

    /// `name(arg, arg, ...)`
    pub fn call(&self, out: &mut Vec<TokenTree>, name: &Ident, args: &[Literal]) {
        let mut inner = Vec::with_capacity(args.len() * 2);
        for arg in args {
            if !inner.is_empty() {
                inner.push(self.comma());
            }
            inner.push(TokenTree::Literal(arg.clone()));
        }
        out.push(TokenTree::Ident(name.clone()));
        out.push(TokenTree::Group(Group::new(
            Delimiter::Parenthesis,
            TokenStream::from_iter(inner),
        )));
    }
}
