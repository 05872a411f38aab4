//! Reading `#[api_error(...)]`, `#[code(...)]`, `#[source]` and doc comments.
//!
//! Arguments are first parsed loosely (any literal, word or `key = value`), then checked one by
//! one, so that every mistake in an attribute gets its own message on its own token.

use proc_macro2::{Span, TokenStream, TokenTree};
use quote::ToTokens;
use syn::ext::IdentExt;
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::{Attribute, Expr, ExprLit, Ident, Lit, LitBool, LitStr, Meta, Token};

use crate::errors::Errors;
use crate::suggest::{closest, is_screaming_snake, screaming_snake};

const ENUM_KEYS: &[&str] = &["group", "display", "serialize", "from_code", "from"];
const VARIANT_KEYS: &[&str] = &["status", "resolution", "description", "message"];
const EXAMPLE: &str = r#"#[code("CARD_DECLINED", status = 402)]"#;

/// Options of `#[api_error(...)]` on the enum.
pub struct EnumAttrs {
    /// The catalog group; `None` means the enum's name.
    pub group: Option<String>,
    /// Generate `Display` and `std::error::Error`.
    pub display: bool,
    /// Generate `serde::Serialize`.
    pub serialize: bool,
    /// Generate `from_code` where the variants allow it.
    pub from_code: bool,
    /// Generate `From<Inner>` for transparent variants.
    pub from: bool,
}

/// What `#[code(...)]` says about one variant.
pub enum CodeAttr {
    Own(OwnCode),
    Transparent(Span),
}

/// A variant with a code of its own.
pub struct OwnCode {
    pub code: LitStr,
    /// `None` when missing or invalid (already reported).
    pub status: Option<u16>,
    pub resolution: Option<String>,
    pub description: Option<String>,
    pub message: Option<LitStr>,
}

/// One loosely parsed argument.
enum Arg {
    Lit(Lit),
    Word(Ident),
    KeyValue { key: Ident, value: Value },
}

enum Value {
    Lit(Lit),
    /// Anything else, kept for its span.
    Other(TokenStream),
}

impl Parse for Arg {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        if input.peek(Lit) {
            return Ok(Arg::Lit(input.parse()?));
        }
        if input.peek(Ident::peek_any) {
            let key = input.call(Ident::parse_any)?;
            if !input.peek(Token![=]) {
                return Ok(Arg::Word(key));
            }
            input.parse::<Token![=]>()?;
            if input.peek(Lit) && (input.peek2(Token![,]) || peek_end(input)) {
                return Ok(Arg::KeyValue {
                    key,
                    value: Value::Lit(input.parse()?),
                });
            }
            let mut rest = TokenStream::new();
            while !input.is_empty() && !input.peek(Token![,]) {
                rest.extend([input.parse::<TokenTree>()?]);
            }
            if rest.is_empty() {
                return Err(input.error(format!("expected a value after `{key} =`")));
            }
            return Ok(Arg::KeyValue {
                key,
                value: Value::Other(rest),
            });
        }
        Err(input.error(format!(
            "expected a string literal code or `key = value`, as in {EXAMPLE}"
        )))
    }
}

fn peek_end(input: ParseStream) -> bool {
    let fork = input.fork();
    fork.parse::<Lit>().is_ok() && fork.is_empty()
}

fn parse_args(attr: &Attribute) -> syn::Result<Vec<Arg>> {
    attr.parse_args_with(Punctuated::<Arg, Token![,]>::parse_terminated)
        .map(|args| args.into_iter().collect())
}

fn value_span(value: &Value) -> TokenStream {
    match value {
        Value::Lit(lit) => lit.to_token_stream(),
        Value::Other(tokens) => tokens.clone(),
    }
}

fn unknown_key(errors: &mut Errors, key: &Ident, known: &[&str], place: &str) {
    let name = key.unraw().to_string();
    let hint = match closest(&name, known) {
        Some(near) => format!("did you mean `{near}`? "),
        None => String::new(),
    };
    errors.at(
        key.span(),
        format!(
            "unknown key `{name}` in {place}; {hint}expected one of: {}",
            known.join(", ")
        ),
    );
}

fn duplicate_key(errors: &mut Errors, key: &Ident) {
    errors.at(
        key.span(),
        format!("duplicate key `{key}`: give it once and remove this one"),
    );
}

/// Reads every `#[api_error(...)]` on the enum.
pub fn enum_attrs(attrs: &[Attribute], errors: &mut Errors) -> EnumAttrs {
    let mut out = EnumAttrs {
        group: None,
        display: true,
        serialize: true,
        from_code: true,
        from: true,
    };
    let mut seen: Vec<String> = Vec::new();
    for attr in attrs.iter().filter(|a| a.path().is_ident("api_error")) {
        let args = match parse_args(attr) {
            Ok(args) => args,
            Err(err) => {
                errors.push(err);
                continue;
            }
        };
        for arg in args {
            let (key, value) = match arg {
                Arg::KeyValue { key, value } => (key, value),
                Arg::Word(word) => {
                    let name = word.to_string();
                    if ENUM_KEYS.contains(&name.as_str()) {
                        errors.at(
                            word.span(),
                            format!("`{name}` needs a value: write `{name} = {}`", example_value(&name)),
                        );
                    } else {
                        unknown_key(errors, &word, ENUM_KEYS, "#[api_error]");
                    }
                    continue;
                }
                Arg::Lit(lit) => {
                    errors.spanned(
                        &lit,
                        r#"#[api_error] takes `key = value` pairs, as in #[api_error(group = "Billing Errors")]"#,
                    );
                    continue;
                }
            };
            let name = key.unraw().to_string();
            if !ENUM_KEYS.contains(&name.as_str()) {
                unknown_key(errors, &key, ENUM_KEYS, "#[api_error]");
                continue;
            }
            if seen.contains(&name) {
                duplicate_key(errors, &key);
                continue;
            }
            seen.push(name.clone());
            if name == "group" {
                match value {
                    Value::Lit(Lit::Str(group)) if !group.value().trim().is_empty() => {
                        out.group = Some(group.value());
                    }
                    Value::Lit(Lit::Str(group)) => errors.spanned(
                        group,
                        r#"the group name must not be empty: write a heading such as `group = "Billing Errors"`, or leave `group` out to use the enum's name"#,
                    ),
                    other => errors.spanned(
                        value_span(&other),
                        r#"`group` takes a string literal: `group = "Billing Errors"`"#,
                    ),
                }
                continue;
            }
            let flag = match value {
                Value::Lit(Lit::Bool(LitBool { value, .. })) => value,
                other => {
                    errors.spanned(
                        value_span(&other),
                        format!("`{name}` takes `true` or `false`: write `{name} = false`"),
                    );
                    continue;
                }
            };
            match name.as_str() {
                "display" => out.display = flag,
                "serialize" => out.serialize = flag,
                "from_code" => out.from_code = flag,
                _ => out.from = flag,
            }
        }
    }
    out
}

fn example_value(key: &str) -> &'static str {
    match key {
        "group" => "\"Billing Errors\"",
        "status" => "400",
        "resolution" | "description" | "message" => "\"...\"",
        _ => "false",
    }
}

/// Reads the one `#[code(...)]` of a variant; `None` when it is missing or unusable
/// (the reason is in `errors`).
pub fn code_attr(variant: &syn::Variant, errors: &mut Errors) -> Option<CodeAttr> {
    let mut code_attrs = variant.attrs.iter().filter(|a| a.path().is_ident("code"));
    let Some(first) = code_attrs.next() else {
        errors.at(
            variant.ident.span(),
            format!(
                "variant `{}` has no error code: add {EXAMPLE} above it, or #[code(transparent)] to delegate to its one field",
                variant.ident
            ),
        );
        return None;
    };
    for extra in code_attrs {
        errors.spanned(
            extra,
            format!(
                "second #[code] on `{}`: a variant has one code; merge the keys into the first #[code(...)]",
                variant.ident
            ),
        );
    }
    let args = match parse_args(first) {
        Ok(args) => args,
        Err(err) => {
            errors.push(err);
            return None;
        }
    };
    let mut args = args.into_iter();
    let Some(head) = args.next() else {
        errors.spanned(
            first,
            format!("#[code] is empty: give the code and status, as in {EXAMPLE}"),
        );
        return None;
    };
    let code = match head {
        Arg::Lit(Lit::Str(code)) => {
            check_code_literal(&code, errors);
            Some(code)
        }
        Arg::Word(word) if word == "transparent" => {
            for extra in args {
                let span = match &extra {
                    Arg::Lit(lit) => lit.to_token_stream(),
                    Arg::Word(word) => word.to_token_stream(),
                    Arg::KeyValue { key, .. } => key.to_token_stream(),
                };
                errors.spanned(
                    span,
                    "#[code(transparent)] takes nothing else: the inner type supplies the code, status and message; remove this",
                );
            }
            return Some(CodeAttr::Transparent(word.span()));
        }
        Arg::Word(word) => {
            let name = word.unraw().to_string();
            let msg = if VARIANT_KEYS.contains(&name.as_str()) {
                format!(
                    "#[code] starts with the code as a string literal, then `{name} = ...`: {EXAMPLE}"
                )
            } else {
                format!(
                    "the code must be a string literal: write `\"{}\"`",
                    screaming_snake(&name)
                )
            };
            errors.at(word.span(), msg);
            None
        }
        Arg::Lit(lit) => {
            errors.spanned(
                &lit,
                format!("the code must be a string literal in SCREAMING_SNAKE_CASE, as in {EXAMPLE}"),
            );
            None
        }
        Arg::KeyValue { key, value } => {
            let name = key.unraw().to_string();
            if name == "code" {
                let hint = match &value {
                    Value::Lit(Lit::Str(s)) => format!("#[code(\"{}\", ...)]", s.value()),
                    _ => EXAMPLE.to_owned(),
                };
                errors.at(
                    key.span(),
                    format!("write the code first and without `code =`: {hint}"),
                );
            } else {
                errors.at(
                    key.span(),
                    format!("missing code: #[code] starts with the code as a string literal, as in {EXAMPLE}"),
                );
            }
            None
        }
    };

    let mut own = OwnCode {
        code: code.clone().unwrap_or_else(|| LitStr::new("", Span::call_site())),
        status: None,
        resolution: None,
        description: None,
        message: None,
    };
    let mut seen: Vec<String> = Vec::new();
    let mut status_given = false;
    for arg in args {
        let (key, value) = match arg {
            Arg::KeyValue { key, value } => (key, value),
            Arg::Word(word) if word == "transparent" => {
                errors.at(
                    word.span(),
                    "`transparent` stands alone: write #[code(transparent)] without a code or keys",
                );
                continue;
            }
            Arg::Word(word) => {
                let name = word.unraw().to_string();
                if VARIANT_KEYS.contains(&name.as_str()) {
                    errors.at(
                        word.span(),
                        format!("`{name}` needs a value: write `{name} = {}`", example_value(&name)),
                    );
                } else {
                    unknown_key(errors, &word, VARIANT_KEYS, "#[code]");
                }
                continue;
            }
            Arg::Lit(lit) => {
                errors.spanned(
                    &lit,
                    format!("unexpected literal: the code comes first and once, everything after it is `key = value`, as in {EXAMPLE}"),
                );
                continue;
            }
        };
        let name = key.unraw().to_string();
        if !VARIANT_KEYS.contains(&name.as_str()) {
            unknown_key(errors, &key, VARIANT_KEYS, "#[code]");
            continue;
        }
        if seen.contains(&name) {
            duplicate_key(errors, &key);
            continue;
        }
        seen.push(name.clone());
        if name == "status" {
            status_given = true;
            own.status = status_value(&value, errors);
            continue;
        }
        let Value::Lit(Lit::Str(text)) = value else {
            errors.spanned(
                value_span(&value),
                format!("`{name}` takes a string literal: `{name} = \"...\"`"),
            );
            continue;
        };
        if text.value().trim().is_empty() {
            errors.spanned(
                &text,
                format!("`{name}` must not be empty: write the text, or leave `{name}` out"),
            );
            continue;
        }
        match name.as_str() {
            "resolution" => own.resolution = Some(text.value()),
            "description" => own.description = Some(text.value()),
            _ => own.message = Some(text),
        }
    }
    let code = code?;
    if !status_given {
        errors.spanned(
            &code,
            format!(
                "missing `status = NNN` for `{}`: add the HTTP status (400..=599), as in #[code(\"{}\", status = 400)]",
                code.value(),
                code.value()
            ),
        );
    }
    Some(CodeAttr::Own(own))
}

fn check_code_literal(code: &LitStr, errors: &mut Errors) {
    let value = code.value();
    if value.is_empty() {
        errors.spanned(
            code,
            format!("the code must not be empty: write it in SCREAMING_SNAKE_CASE, as in {EXAMPLE}"),
        );
    } else if !is_screaming_snake(&value) {
        let fixed = screaming_snake(&value);
        let hint = if fixed.is_empty() {
            format!("as in {EXAMPLE}")
        } else {
            format!("write `\"{fixed}\"`")
        };
        errors.spanned(
            code,
            format!(
                "code `{value}` is not SCREAMING_SNAKE_CASE (upper-case letters, digits and single underscores, starting with a letter): {hint}"
            ),
        );
    }
}

fn status_value(value: &Value, errors: &mut Errors) -> Option<u16> {
    match value {
        Value::Lit(Lit::Int(int)) => match int.base10_parse::<u16>() {
            Ok(status) if (400..=599).contains(&status) => Some(status),
            _ => {
                let hint = match int.base10_digits().parse::<u32>() {
                    Ok(s) if (100..400).contains(&s) => {
                        " (1xx, 2xx and 3xx are not errors)"
                    }
                    _ => "",
                };
                errors.spanned(
                    int,
                    format!(
                        "status {} is not an HTTP error status{hint}: use 400..=599, 4xx when the caller can fix the request, 5xx when the server failed",
                        int.base10_digits()
                    ),
                );
                None
            }
        },
        Value::Lit(Lit::Str(text)) if text.value().trim().parse::<u16>().is_ok() => {
            errors.spanned(
                text,
                format!(
                    "status is an integer, not a string: write `status = {}`",
                    text.value().trim()
                ),
            );
            None
        }
        other => {
            errors.spanned(
                value_span(other),
                "status must be an integer literal between 400 and 599: write `status = 400`",
            );
            None
        }
    }
}

/// The first paragraph of the doc comment, lines joined by spaces.
pub fn doc_summary(attrs: &[Attribute]) -> Option<String> {
    let mut lines: Vec<String> = Vec::new();
    for attr in attrs {
        let Meta::NameValue(meta) = &attr.meta else {
            continue;
        };
        if !meta.path.is_ident("doc") {
            continue;
        }
        let Expr::Lit(ExprLit {
            lit: Lit::Str(text),
            ..
        }) = &meta.value
        else {
            continue;
        };
        let value = text.value();
        // An empty `///` line is an empty string, which `lines()` would skip entirely.
        let source_lines: Vec<&str> = if value.trim().is_empty() {
            vec![""]
        } else {
            value.lines().collect()
        };
        for line in source_lines {
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

/// Whether a field carries `#[source]`; the span of that attribute.
pub fn source_attr(field: &syn::Field) -> Option<Span> {
    field
        .attrs
        .iter()
        .find(|a| a.path().is_ident("source"))
        .map(|a| a.path().segments[0].ident.span())
}

/// Whether a field carries thiserror's `#[from]`, which already writes the `From` impl.
pub fn has_from_attr(field: &syn::Field) -> bool {
    field.attrs.iter().any(|a| a.path().is_ident("from"))
}
