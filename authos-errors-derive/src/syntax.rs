//! The derive input split into its parts by one walk over its tokens.
//!
//! rustc hands a derive a well-formed item, so a light walk finds what the derive needs: the
//! attributes, the kind of item, its name and generics and, for an enum, each variant and its
//! fields, every token kept (for spans, and to write field types back out). syn's full
//! `DeriveInput` parser would also build a typed tree of every doc comment and field type,
//! which an unoptimised proc macro pays for on every rebuild (about a fifth of the derive's
//! time at 1,000 variants); generics, rare and small, still go through syn.

use proc_macro2::{Delimiter, Group, Ident, Punct, Spacing, TokenStream, TokenTree};

/// The item the derive is applied to.
pub struct Item {
    pub attrs: Vec<Attr>,
    pub ident: Ident,
    pub generics: syn::Generics,
    pub body: Body,
}

pub enum Body {
    Enum(Vec<Variant>),
    /// `struct` or `union`: the keyword, where the error goes.
    NotEnum(Ident),
}

/// One outer attribute, `#[...]`.
pub struct Attr {
    pub pound: Punct,
    pub brackets: Group,
    /// The path when it is a single identifier (`code`, `doc`), else `None` (`a::b`).
    pub name: Option<(Ident, String)>,
    pub args: AttrArgs,
}

pub enum AttrArgs {
    /// `#[name]`
    Word,
    /// `#[name(...)]` (or with brackets or braces)
    List(Group),
    /// `#[name = ...]`: the tokens after `=`.
    Value(Vec<TokenTree>),
}

impl Attr {
    /// Whether the path is the single identifier `name`.
    pub fn is(&self, name: &str) -> bool {
        self.name.as_ref().is_some_and(|(_, n)| n == name)
    }

    /// The whole attribute, for an error that spans `#[...]`.
    pub fn tokens(&self) -> TokenStream {
        TokenStream::from_iter([
            TokenTree::Punct(self.pound.clone()),
            TokenTree::Group(self.brackets.clone()),
        ])
    }
}

pub struct Variant {
    pub attrs: Vec<Attr>,
    pub ident: Ident,
    pub shape: Shape,
    pub fields: Vec<Field>,
}

/// How a variant is written: `Unit`, `Tuple(..)` or `Struct { .. }`. A variant with empty
/// parentheses or braces has no fields but keeps its shape, which its patterns and
/// constructors must follow (`Self::Parens()`, `Self::Braces {}`).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Shape {
    Unit,
    Tuple,
    Struct,
}

pub struct Field {
    pub attrs: Vec<Attr>,
    /// `None` for a tuple field.
    pub ident: Option<Ident>,
    pub ty: TokenStream,
}

/// The tokens of a derive input, read front to back.
struct Tokens {
    trees: Vec<TokenTree>,
    at: usize,
}

impl Tokens {
    fn new(stream: TokenStream) -> Self {
        Tokens {
            trees: stream.into_iter().collect(),
            at: 0,
        }
    }

    fn peek(&self) -> Option<&TokenTree> {
        self.trees.get(self.at)
    }

    fn next(&mut self) -> Option<TokenTree> {
        let tree = self.trees.get(self.at).cloned();
        self.at += 1;
        tree
    }

    fn peek_punct(&self, c: char) -> bool {
        matches!(self.peek(), Some(TokenTree::Punct(p)) if p.as_char() == c)
    }

    fn peek_ident(&self, name: &str) -> bool {
        matches!(self.peek(), Some(TokenTree::Ident(i)) if i == name)
    }

    fn ident(&mut self, what: &str) -> syn::Result<Ident> {
        match self.next() {
            Some(TokenTree::Ident(ident)) => Ok(ident),
            // `$name:ident` handed over in an invisible group (older compilers did).
            Some(TokenTree::Group(group))
                if group.delimiter() == Delimiter::None
                    && let [TokenTree::Ident(ident)] =
                        open_invisible_groups(group.stream()).as_slice() =>
            {
                Ok(ident.clone())
            }
            Some(other) => Err(syn::Error::new(other.span(), format!("expected {what}"))),
            None => Err(syn::Error::new(
                proc_macro2::Span::call_site(),
                format!("expected {what}"),
            )),
        }
    }

    /// Outer attributes.
    fn attrs(&mut self) -> Vec<Attr> {
        let mut attrs = Vec::new();
        while let (Some(TokenTree::Punct(pound)), Some(TokenTree::Group(brackets))) =
            (self.trees.get(self.at), self.trees.get(self.at + 1))
        {
            if pound.as_char() != '#' || brackets.delimiter() != Delimiter::Bracket {
                break;
            }
            attrs.push(attr(pound.clone(), brackets.clone()));
            self.at += 2;
        }
        attrs
    }

    /// `pub`, `pub(crate)`, `pub(in path)`, or a `macro_rules!` `$vis:vis` fragment: an
    /// invisible group holding one of those, or nothing at all for an empty visibility.
    fn skip_visibility(&mut self) {
        if let Some(TokenTree::Group(group)) = self.peek()
            && group.delimiter() == Delimiter::None
            && is_visibility(&open_invisible_groups(group.stream()))
        {
            self.at += 1;
            return;
        }
        if self.peek_ident("pub") {
            self.at += 1;
            if matches!(self.peek(), Some(TokenTree::Group(g)) if g.delimiter() == Delimiter::Parenthesis)
            {
                self.at += 1;
            }
        }
    }

    /// `<...>` with everything inside, the brackets balanced.
    fn angle_brackets(&mut self) -> TokenStream {
        let start = self.at;
        let mut depth = 0usize;
        let mut after_arrow_minus = false;
        while let Some(tree) = self.next() {
            if let TokenTree::Punct(punct) = &tree {
                match punct.as_char() {
                    '<' => depth += 1,
                    '>' if !after_arrow_minus => {
                        depth = depth.saturating_sub(1);
                        if depth == 0 {
                            break;
                        }
                    }
                    _ => {}
                }
                after_arrow_minus = punct.as_char() == '-' && punct.spacing() == Spacing::Joint;
            } else {
                after_arrow_minus = false;
            }
        }
        let end = self.at.min(self.trees.len());
        self.trees[start..end].iter().cloned().collect()
    }

    /// The tokens of a discriminant expression, up to the next `,`, not consuming it. In an
    /// expression `<` is a comparison or a shift (`1 << 3`) unless a turbofish `::<` opens it.
    fn skip_expression(&mut self) {
        let mut depth = 0usize;
        let mut after_colons = false;
        while let Some(tree) = self.peek() {
            if let TokenTree::Punct(punct) = tree {
                match punct.as_char() {
                    ',' if depth == 0 => break,
                    '<' if after_colons => depth += 1,
                    '>' if depth > 0 => depth -= 1,
                    _ => {}
                }
                after_colons = punct.as_char() == ':' && punct.spacing() == Spacing::Alone;
            } else {
                after_colons = false;
            }
            self.at += 1;
        }
    }

    /// Tokens up to the next `,` outside angle brackets (a type), not consuming the comma.
    fn until_comma(&mut self) -> TokenStream {
        let mut depth = 0usize;
        let mut after_arrow_minus = false;
        let start = self.at;
        while let Some(tree) = self.peek() {
            if let TokenTree::Punct(punct) = tree {
                match punct.as_char() {
                    ',' if depth == 0 => break,
                    '<' => depth += 1,
                    // `->` in `fn() -> T` closes nothing.
                    '>' if !after_arrow_minus => depth = depth.saturating_sub(1),
                    _ => {}
                }
                after_arrow_minus = punct.as_char() == '-' && punct.spacing() == Spacing::Joint;
            } else {
                after_arrow_minus = false;
            }
            self.at += 1;
        }
        self.trees[start..self.at].iter().cloned().collect()
    }
}

/// `stream`'s trees, with invisible groups opened: a `macro_rules!` that writes the enum
/// hands `$m:meta` or `$e:expr` over wrapped in one, which syn's parser looks through too.
pub fn open_invisible_groups(stream: TokenStream) -> Vec<TokenTree> {
    let mut trees = Vec::new();
    for tree in stream {
        match tree {
            TokenTree::Group(group) if group.delimiter() == Delimiter::None => {
                trees.extend(open_invisible_groups(group.stream()));
            }
            other => trees.push(other),
        }
    }
    trees
}

/// Whether `trees` are a visibility: nothing, `pub`, or `pub(...)`.
fn is_visibility(trees: &[TokenTree]) -> bool {
    match trees {
        [] => true,
        [TokenTree::Ident(word), rest @ ..] if word == "pub" => match rest {
            [] => true,
            [TokenTree::Group(g)] => g.delimiter() == Delimiter::Parenthesis,
            _ => false,
        },
        _ => false,
    }
}

/// `stream`, or the contents of the invisible group that is all of it (an enum handed to the
/// derive through a `macro_rules!` `$item:item`).
fn unwrap_invisible(stream: TokenStream) -> TokenStream {
    let mut trees = stream.clone().into_iter();
    match (trees.next(), trees.next()) {
        (Some(TokenTree::Group(group)), None) if group.delimiter() == Delimiter::None => {
            unwrap_invisible(group.stream())
        }
        _ => stream,
    }
}

fn attr(pound: Punct, brackets: Group) -> Attr {
    let mut inner = Tokens {
        trees: open_invisible_groups(brackets.stream()),
        at: 0,
    };
    let name = match (inner.next(), inner.peek()) {
        (Some(TokenTree::Ident(ident)), next) if !matches!(next, Some(TokenTree::Punct(p)) if p.as_char() == ':') =>
        {
            let text = ident.to_string();
            Some((ident, text))
        }
        _ => None,
    };
    let args = match inner.next() {
        Some(TokenTree::Group(group)) => AttrArgs::List(group),
        Some(TokenTree::Punct(eq)) if eq.as_char() == '=' => {
            AttrArgs::Value(inner.trees.split_off(inner.at))
        }
        _ => AttrArgs::Word,
    };
    Attr {
        pound,
        brackets,
        name,
        args,
    }
}

/// Splits the derive input.
pub fn parse(input: TokenStream) -> syn::Result<Item> {
    let mut tokens = Tokens::new(unwrap_invisible(input));
    let attrs = tokens.attrs();
    tokens.skip_visibility();
    let keyword = tokens.ident("`enum`")?;
    let ident = tokens.ident("the enum's name")?;
    let mut generics = if tokens.peek_punct('<') {
        syn::parse2::<syn::Generics>(tokens.angle_brackets())?
    } else {
        syn::Generics::default()
    };
    let mut body = None;
    while let Some(tree) = tokens.next() {
        match tree {
            TokenTree::Ident(word) if word == "where" => {
                let start = tokens.at - 1;
                while !tokens.peek_punct(';')
                    && match tokens.peek() {
                        None => false,
                        Some(TokenTree::Group(g)) => g.delimiter() != Delimiter::Brace,
                        Some(_) => true,
                    }
                {
                    tokens.at += 1;
                }
                let clause = tokens.trees[start..tokens.at].iter().cloned().collect();
                generics.where_clause = Some(syn::parse2(clause)?);
            }
            TokenTree::Group(group) if group.delimiter() == Delimiter::Brace => {
                body = Some(group);
            }
            _ => {}
        }
    }
    let body = if keyword == "enum" {
        let Some(group) = body else {
            return Err(syn::Error::new(
                ident.span(),
                "expected the enum's variants",
            ));
        };
        Body::Enum(variants(group.stream())?)
    } else {
        Body::NotEnum(keyword)
    };
    Ok(Item {
        attrs,
        ident,
        generics,
        body,
    })
}

fn variants(stream: TokenStream) -> syn::Result<Vec<Variant>> {
    let mut tokens = Tokens::new(stream);
    let mut variants = Vec::new();
    while tokens.peek().is_some() {
        let attrs = tokens.attrs();
        tokens.skip_visibility();
        let ident = tokens.ident("a variant")?;
        let (shape, fields) = match tokens.peek() {
            Some(TokenTree::Group(group)) if group.delimiter() == Delimiter::Brace => {
                let fields = fields(group.stream(), true)?;
                tokens.at += 1;
                (Shape::Struct, fields)
            }
            Some(TokenTree::Group(group)) if group.delimiter() == Delimiter::Parenthesis => {
                let fields = fields(group.stream(), false)?;
                tokens.at += 1;
                (Shape::Tuple, fields)
            }
            _ => (Shape::Unit, Vec::new()),
        };
        if tokens.peek_punct('=') {
            tokens.at += 1;
            tokens.skip_expression();
        }
        tokens.at += 1; // the `,`
        variants.push(Variant {
            attrs,
            ident,
            shape,
            fields,
        });
    }
    Ok(variants)
}

fn fields(stream: TokenStream, named: bool) -> syn::Result<Vec<Field>> {
    let mut tokens = Tokens::new(stream);
    let mut fields = Vec::new();
    while tokens.peek().is_some() {
        let attrs = tokens.attrs();
        tokens.skip_visibility();
        let ident = if named {
            let ident = tokens.ident("a field name")?;
            tokens.at += 1; // the `:`
            Some(ident)
        } else {
            None
        };
        let ty = tokens.until_comma();
        tokens.at += 1; // the `,`
        fields.push(Field { attrs, ident, ty });
    }
    Ok(fields)
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    #[test]
    fn splits_variants_fields_and_types() {
        let item = parse(quote! {
            #[api_error(group = "G")]
            pub(crate) enum E<T: Clone, const N: usize> where T: Send {
                /// Doc
                #[code("A", status = 400)]
                A,
                B { map: HashMap<String, Vec<T>>, f: fn(u8) -> u8 },
                C(#[source] std::io::Error, [u8; N]),
                D = 4,
            }
        })
        .unwrap();
        assert_eq!(item.ident, "E");
        assert_eq!(item.generics.params.len(), 2);
        assert!(item.generics.where_clause.is_some());
        assert!(item.attrs[0].is("api_error"));
        let Body::Enum(variants) = item.body else {
            panic!("an enum")
        };
        let names: Vec<String> = variants.iter().map(|v| v.ident.to_string()).collect();
        assert_eq!(names, ["A", "B", "C", "D"]);
        assert_eq!(variants[0].attrs.len(), 2);
        assert_eq!(variants[1].fields.len(), 2);
        assert_eq!(
            variants[1].fields[0].ty.to_string(),
            "HashMap < String , Vec < T >>"
        );
        assert_eq!(variants[1].fields[1].ty.to_string(), "fn (u8) -> u8");
        assert_eq!(variants[2].fields.len(), 2);
        assert!(variants[2].fields[0].attrs[0].is("source"));
        assert!(variants[3].fields.is_empty());
    }

    #[test]
    fn looks_through_invisible_groups_in_attributes() {
        let meta = Group::new(Delimiter::None, quote!(code("A", status = 400)));
        let item = parse(quote!(enum E { #[#meta] A })).unwrap();
        let Body::Enum(variants) = item.body else {
            panic!("an enum")
        };
        assert!(variants[0].attrs[0].is("code"));
        assert!(matches!(variants[0].attrs[0].args, AttrArgs::List(_)));
    }

    #[test]
    fn reads_visibility_fragments_and_a_wrapped_item() {
        let invisible = |tokens| Group::new(Delimiter::None, tokens);
        for vis in [quote!(), quote!(pub), quote!(pub(crate))] {
            let vis = invisible(vis);
            let empty = invisible(quote!());
            let item = parse(quote!(#vis enum E { A { #empty a: u8 }, B })).unwrap();
            assert_eq!(item.ident, "E");
            let Body::Enum(variants) = item.body else {
                panic!("an enum")
            };
            assert_eq!(variants[0].fields[0].ident.as_ref().unwrap(), "a");
        }
        let whole = invisible(quote!(
            #[api_error(group = "G")]
            pub enum E {
                A,
            }
        ));
        let item = parse(quote!(#whole)).unwrap();
        assert!(item.attrs[0].is("api_error"));
        assert!(matches!(item.body, Body::Enum(_)));
    }

    #[test]
    fn keeps_the_shape_of_fieldless_variants() {
        let item = parse(quote!(
            enum E {
                Unit,
                Parens(),
                Braces {},
                Shift = 1 << 2,
                Less = (1 < 2) as isize,
                Turbo = f::<A, B>(),
                Last,
            }
        ))
        .unwrap();
        let Body::Enum(variants) = item.body else {
            panic!("an enum")
        };
        let shapes: Vec<Shape> = variants.iter().map(|v| v.shape).collect();
        assert_eq!(
            shapes,
            [
                Shape::Unit,
                Shape::Tuple,
                Shape::Struct,
                Shape::Unit,
                Shape::Unit,
                Shape::Unit,
                Shape::Unit
            ]
        );
        assert!(variants.iter().all(|v| v.fields.is_empty()));
        assert_eq!(variants[6].ident, "Last");
    }

    #[test]
    fn struct_is_not_an_enum() {
        let item = parse(quote!(
            struct S<T>(T)
            where
                T: Copy;
        ))
        .unwrap();
        assert!(matches!(item.body, Body::NotEnum(_)));
        assert!(item.generics.where_clause.is_some());
    }
}
