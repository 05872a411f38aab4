//! The keyed-argument reader shared by `#[code(...)]` and `#[api_error(...)]`.
//!
//! Arguments are first split loosely (a literal, a word, or `key = value`), then every
//! argument is checked against the attribute's [`Grammar`]: unknown keys (with a did-you-mean),
//! repeated keys, known keys without a value. Each mistake gets its own message on its own
//! token and the rest of the attribute is still read, so one compile reports them all.

use proc_macro2::{Ident, Spacing, Span, TokenStream, TokenTree};
use quote::ToTokens;
use syn::ext::IdentExt;

use super::lit::Lit;
use crate::errors::Errors;
use crate::suggest::closest;
use crate::syntax::{Attr, AttrArgs, open_invisible_groups};

/// The example a malformed argument list is pointed to.
pub const CODE_EXAMPLE: &str = r#"#[code("CARD_DECLINED", status = 402)]"#;

/// One key of an attribute: what it is called and a value to show in messages.
pub struct Key<K> {
    pub id: K,
    pub name: &'static str,
    pub example: &'static str,
}

/// The keys of one attribute.
pub struct Grammar<K: 'static> {
    /// `#[code]`, `#[api_error]`: where a key was written, for messages.
    pub place: &'static str,
    /// A complete attribute, for messages.
    pub example: &'static str,
    pub keys: &'static [Key<K>],
}

/// One loosely parsed argument.
pub enum Arg {
    Lit(Lit),
    Word(Ident),
    KeyValue {
        key: Ident,
        /// The key's name, without `r#`.
        name: String,
        value: Value,
    },
}

pub enum Value {
    Lit(Lit),
    /// Anything else, kept for its span.
    Other(TokenStream),
    /// `key =` with nothing after it (already reported).
    Missing,
}

impl Value {
    /// The value's tokens, for an error spanning them.
    pub fn tokens(&self) -> TokenStream {
        match self {
            Value::Lit(lit) => lit.to_token_stream(),
            Value::Other(tokens) => tokens.clone(),
            Value::Missing => TokenStream::new(),
        }
    }
}

impl Arg {
    /// The argument's tokens, for an error spanning them.
    pub fn tokens(&self) -> TokenStream {
        match self {
            Arg::Lit(lit) => lit.to_token_stream(),
            Arg::Word(word) => word.to_token_stream(),
            Arg::KeyValue { key, value, .. } => {
                let mut tokens = key.to_token_stream();
                tokens.extend(value.tokens());
                tokens
            }
        }
    }
}

/// What [`Grammar::read`] hands its visitor, in the order written.
pub enum Found<K> {
    /// A known key, the first time it is given.
    Key(K, Ident, Value),
    /// Anything else, with its position among the arguments: the visitor gives it back for
    /// the default treatment (unknown key, bare word, stray literal) or handles it itself.
    Other(usize, Arg),
}

impl<K: Copy + PartialEq> Grammar<K> {
    fn key(&self, name: &str) -> Option<&Key<K>> {
        self.keys.iter().find(|key| key.name == name)
    }

    fn names(&self) -> Vec<&'static str> {
        self.keys.iter().map(|key| key.name).collect()
    }

    fn example_value(&self, name: &str) -> &'static str {
        self.key(name).map_or("false", |key| key.example)
    }

    /// The arguments of `attr`, loosely parsed; `None` (reported) when they cannot be read.
    pub fn parse(&self, attr: &Attr, errors: &mut Errors) -> Option<Vec<Arg>> {
        let AttrArgs::List(group) = &attr.args else {
            let name = attr.name.as_ref().map_or("", |(_, name)| name.as_str());
            errors.spanned(
                attr.tokens(),
                format!(
                    "#[{name}] takes its arguments in parentheses, as in {}",
                    self.example
                ),
            );
            return None;
        };
        let mut cursor = Cursor {
            trees: open_invisible_groups(group.stream()),
            at: 0,
        };
        let mut args = Vec::new();
        while cursor.peek().is_some() {
            match self.parse_arg(&mut cursor, errors) {
                Some(arg) => args.push(arg),
                None => return None,
            }
            match cursor.peek() {
                None => break,
                Some(TokenTree::Punct(comma)) if comma.as_char() == ',' => cursor.at += 1,
                Some(other) => {
                    errors.at(
                        open_span(other),
                        format!("expected `,` between two arguments, as in {}", self.example),
                    );
                    return None;
                }
            }
        }
        Some(args)
    }

    /// One argument. Mistakes that leave the rest readable (`key: value`, `key =` without a
    /// value) are reported and the parse goes on; `None` (reported) when it cannot.
    fn parse_arg(&self, cursor: &mut Cursor, errors: &mut Errors) -> Option<Arg> {
        if let Some(TokenTree::Literal(literal)) = cursor.peek() {
            let lit = Lit::new(literal.clone());
            cursor.at += 1;
            return Some(Arg::Lit(lit));
        }
        let (key, text) = match cursor.peek() {
            Some(TokenTree::Ident(key)) => (key.clone(), key.to_string()),
            other => {
                let span = other.map_or_else(Span::call_site, open_span);
                errors.at(
                    span,
                    format!(
                        "expected a string literal code or `key = value`, as in {CODE_EXAMPLE}"
                    ),
                );
                return None;
            }
        };
        cursor.at += 1;
        if text == "true" || text == "false" {
            return Some(Arg::Lit(Lit::Bool(text == "true", key.span())));
        }
        let name = match text.strip_prefix("r#") {
            Some(name) => name.to_owned(),
            None => text,
        };
        match cursor.peek() {
            Some(TokenTree::Punct(colon)) if colon.as_char() == ':' && !cursor.double_colon() => {
                errors.at(
                    colon.span(),
                    format!(
                        "write `{key} = ...` with `=`: a key and its value are separated by `=`, not `:`"
                    ),
                );
                cursor.at += 1;
            }
            Some(TokenTree::Punct(eq)) if eq.as_char() == '=' => cursor.at += 1,
            _ => return Some(Arg::Word(key)),
        }
        let value = cursor.value();
        if matches!(value, Value::Missing) {
            errors.at(
                key.span(),
                format!(
                    "`{name} =` has no value: write `{name} = {}`, or remove `{name}`",
                    self.example_value(&name)
                ),
            );
        }
        Some(Arg::KeyValue { key, name, value })
    }

    /// Checks `args` in order: a known key goes to `visit` once (a repeat is reported); every
    /// other argument goes to `visit` too, and whatever it gives back is reported as an
    /// unknown key, a bare word or a stray literal.
    pub fn read(
        &self,
        args: Vec<Arg>,
        errors: &mut Errors,
        mut visit: impl FnMut(Found<K>, &mut Errors) -> Option<Arg>,
    ) {
        let mut seen: Vec<K> = Vec::new();
        for (index, arg) in args.into_iter().enumerate() {
            if let Arg::KeyValue { key, name, value } = arg {
                if let Some(known) = self.key(&name) {
                    if seen.contains(&known.id) {
                        errors.at(
                            key.span(),
                            format!("duplicate key `{key}`: give it once and remove this one"),
                        );
                    } else {
                        seen.push(known.id);
                        visit(Found::Key(known.id, key, value), errors);
                    }
                    continue;
                }
                let arg = Arg::KeyValue { key, name, value };
                if let Some(Arg::KeyValue { key, .. }) = visit(Found::Other(index, arg), errors) {
                    self.unknown_key(&key, errors);
                }
                continue;
            }
            match visit(Found::Other(index, arg), errors) {
                Some(Arg::Word(word)) => self.bare_word(&word, errors),
                Some(Arg::Lit(lit)) => errors.spanned(
                    &lit,
                    format!(
                        "{} takes `key = value` pairs, as in {}",
                        self.place, self.example
                    ),
                ),
                Some(Arg::KeyValue { key, .. }) => self.unknown_key(&key, errors),
                None => {}
            }
        }
    }

    /// A word without `= value`: a known key missing its value, or an unknown key.
    pub fn bare_word(&self, word: &Ident, errors: &mut Errors) {
        let name = word.unraw().to_string();
        match self.key(&name) {
            Some(key) => errors.at(
                word.span(),
                format!("`{name}` needs a value: write `{name} = {}`", key.example),
            ),
            None => self.unknown_key(word, errors),
        }
    }

    fn unknown_key(&self, key: &Ident, errors: &mut Errors) {
        let name = key.unraw().to_string();
        let names = self.names();
        let hint = match closest(&name, &names) {
            Some(near) => format!("did you mean `{near}`? "),
            None => String::new(),
        };
        errors.at(
            key.span(),
            format!(
                "unknown key `{name}` in {}; {hint}expected one of: {}",
                self.place,
                names.join(", ")
            ),
        );
    }

    /// Whether `name` is one of the keys.
    pub fn has(&self, name: &str) -> bool {
        self.key(name).is_some()
    }
}

/// The span an error at `tree` points to: for a group, its opening delimiter (as syn does).
fn open_span(tree: &TokenTree) -> Span {
    match tree {
        TokenTree::Group(group) => group.span_open(),
        other => other.span(),
    }
}

/// The tokens inside an attribute's parentheses.
struct Cursor {
    trees: Vec<TokenTree>,
    at: usize,
}

impl Cursor {
    fn peek(&self) -> Option<&TokenTree> {
        self.trees.get(self.at)
    }

    fn double_colon(&self) -> bool {
        matches!(
            (&self.trees[self.at], self.trees.get(self.at + 1)),
            (TokenTree::Punct(first), Some(TokenTree::Punct(second)))
                if first.spacing() == Spacing::Joint && second.as_char() == ':'
        )
    }

    /// A literal token, or `true`/`false`, taken as a literal. (`-402` is two tokens, left to
    /// [`Cursor::value`] so that its error spans both.)
    fn literal(&mut self) -> Option<Lit> {
        let lit = match self.peek()? {
            TokenTree::Literal(literal) => Lit::new(literal.clone()),
            TokenTree::Ident(word) if word == "true" || word == "false" => {
                Lit::Bool(word == "true", word.span())
            }
            _ => return None,
        };
        self.at += 1;
        Some(lit)
    }

    /// The value after `key =`: one literal standing alone, or every token up to the next `,`.
    fn value(&mut self) -> Value {
        let ends_value = |next: Option<&TokenTree>| match next {
            None => true,
            Some(TokenTree::Punct(punct)) => punct.as_char() == ',',
            Some(_) => false,
        };
        if ends_value(self.trees.get(self.at + 1))
            && let Some(lit) = self.literal()
        {
            return Value::Lit(lit);
        }
        let start = self.at;
        while !ends_value(self.peek()) {
            self.at += 1;
        }
        if start == self.at {
            return Value::Missing;
        }
        Value::Other(self.trees[start..self.at].iter().cloned().collect())
    }
}
