//! Reading `#[api_error(...)]`, `#[code(...)]`, `#[source]` and doc comments.
//!
//! Arguments are first parsed loosely (any literal, word or `key = value`), then checked one by
//! one, so that every mistake in an attribute gets its own message on its own token.

use proc_macro2::{Span, TokenStream, TokenTree};
use quote::ToTokens;
use syn::ext::IdentExt;
use syn::parse::ParseStream;
use syn::{Attribute, Expr, ExprLit, Ident, Lit, LitBool, LitStr, Meta, Token};

use crate::errors::Errors;
use crate::suggest::{closest, is_screaming_snake, screaming_snake};

const ENUM_KEYS: &[&str] = &["group", "display", "serialize", "from_code", "from", "http"];
const VARIANT_KEYS: &[&str] = &[
    "status",
    "resolution",
    "description",
    "message",
    "oauth",
    "scim",
];

/// The values `oauth = "..."` accepts (RFC 6749 §5.2, RFC 8628 §3.5), with the variant of
/// `OAuthErrorCode` each stands for.
const OAUTH_CODES: &[(&str, &str)] = &[
    ("invalid_request", "InvalidRequest"),
    ("invalid_client", "InvalidClient"),
    ("invalid_grant", "InvalidGrant"),
    ("unauthorized_client", "UnauthorizedClient"),
    ("unsupported_grant_type", "UnsupportedGrantType"),
    ("invalid_scope", "InvalidScope"),
    ("authorization_pending", "AuthorizationPending"),
    ("slow_down", "SlowDown"),
    ("access_denied", "AccessDenied"),
    ("expired_token", "ExpiredToken"),
];

/// The values `scim = "..."` accepts (RFC 7644 §3.12), with the variant of `ScimType` each
/// stands for.
const SCIM_TYPES: &[(&str, &str)] = &[
    ("invalidFilter", "InvalidFilter"),
    ("tooMany", "TooMany"),
    ("uniqueness", "Uniqueness"),
    ("mutability", "Mutability"),
    ("invalidSyntax", "InvalidSyntax"),
    ("invalidPath", "InvalidPath"),
    ("noTarget", "NoTarget"),
    ("invalidValue", "InvalidValue"),
    ("invalidVers", "InvalidVers"),
    ("sensitive", "Sensitive"),
];
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
    /// Generate the impls of the enabled HTTP integrations (axum, actix-web, utoipa).
    pub http: bool,
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
    /// Whether a `description` key was written, valid or not.
    pub description_given: bool,
    pub message: Option<LitStr>,
    /// The `OAuthErrorCode` variant of `oauth = "..."`.
    pub oauth: Option<&'static str>,
    /// The `ScimType` variant of `scim = "..."`.
    pub scim: Option<&'static str>,
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
    /// `key =` with nothing after it (already reported).
    Missing,
}

/// Parses one argument. Mistakes that leave the rest of the attribute readable (`key: value`,
/// `key =` without a value) go to `reported` instead of stopping the parse, so the remaining
/// arguments are still checked in the same compile.
/// The next token as a literal when it stands alone (followed by `,` or the end), read once from
/// the cursor: peeking, forking and parsing it again cost a measurable share of a large derive.
fn standalone_literal(input: ParseStream) -> syn::Result<Option<Lit>> {
    let cursor = input.cursor();
    let ends_value = |rest: syn::buffer::Cursor| {
        rest.eof()
            || rest
                .punct()
                .is_some_and(|(punct, _)| punct.as_char() == ',')
    };
    let lit = if let Some((literal, rest)) = cursor.literal() {
        ends_value(rest).then(|| Lit::new(literal))
    } else if let Some((ident, rest)) = cursor.ident() {
        (ends_value(rest) && (ident == "true" || ident == "false"))
            .then(|| Lit::Bool(LitBool::new(ident == "true", ident.span())))
    } else {
        None
    };
    if lit.is_some() {
        input.parse::<TokenTree>()?;
    }
    Ok(lit)
}

fn parse_arg(input: ParseStream, reported: &mut Vec<syn::Error>) -> syn::Result<Arg> {
    // A literal token only: `-402` is two tokens, kept whole in `Value::Other` so that its
    // error spans both.
    if input.peek(Lit) && !input.peek(Token![-]) {
        return Ok(Arg::Lit(input.parse()?));
    }
    if input.peek(Ident::peek_any) {
        let key = input.call(Ident::parse_any)?;
        if input.peek(Token![:]) && !input.peek(Token![::]) {
            let colon: Token![:] = input.parse()?;
            reported.push(syn::Error::new(
                colon.span,
                format!(
                    "write `{key} = ...` with `=`: a key and its value are separated by `=`, not `:`"
                ),
            ));
        } else if input.peek(Token![=]) {
            input.parse::<Token![=]>()?;
        } else {
            return Ok(Arg::Word(key));
        }
        if let Some(lit) = standalone_literal(input)? {
            return Ok(Arg::KeyValue {
                key,
                value: Value::Lit(lit),
            });
        }
        let mut rest = TokenStream::new();
        while !input.is_empty() && !input.peek(Token![,]) {
            rest.extend([input.parse::<TokenTree>()?]);
        }
        if rest.is_empty() {
            let name = key.unraw().to_string();
            reported.push(syn::Error::new(
                key.span(),
                format!(
                    "`{name} =` has no value: write `{name} = {}`, or remove `{name}`",
                    example_value(&name)
                ),
            ));
            return Ok(Arg::KeyValue {
                key,
                value: Value::Missing,
            });
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

/// The arguments of `#[name(...)]`; every problem found is pushed to `errors`.
fn parse_args(attr: &Attribute, example: &str, errors: &mut Errors) -> Option<Vec<Arg>> {
    let name = attr
        .path()
        .segments
        .last()
        .map(|s| s.ident.to_string())
        .unwrap_or_default();
    if !matches!(attr.meta, Meta::List(_)) {
        errors.spanned(
            attr,
            format!("#[{name}] takes its arguments in parentheses, as in {example}"),
        );
        return None;
    }
    let mut reported = Vec::new();
    let parsed = attr.parse_args_with(|input: ParseStream| {
        let mut args = Vec::new();
        while !input.is_empty() {
            args.push(parse_arg(input, &mut reported)?);
            if input.is_empty() {
                break;
            }
            if !input.peek(Token![,]) {
                return Err(input.error(format!(
                    "expected `,` between two arguments, as in {example}"
                )));
            }
            input.parse::<Token![,]>()?;
        }
        Ok(args)
    });
    for error in reported {
        errors.push(error);
    }
    match parsed {
        Ok(args) => Some(args),
        Err(error) => {
            errors.push(error);
            None
        }
    }
}

fn value_span(value: &Value) -> TokenStream {
    match value {
        Value::Lit(lit) => lit.to_token_stream(),
        Value::Other(tokens) => tokens.clone(),
        Value::Missing => TokenStream::new(),
    }
}

/// A word with no `= value`: a known key missing its value, or an unknown key.
fn bare_word(errors: &mut Errors, word: &Ident, known: &[&str], place: &str) {
    let name = word.unraw().to_string();
    if known.contains(&name.as_str()) {
        errors.at(
            word.span(),
            format!(
                "`{name}` needs a value: write `{name} = {}`",
                example_value(&name)
            ),
        );
    } else {
        unknown_key(errors, word, known, place);
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
    const ENUM_EXAMPLE: &str = r#"#[api_error(group = "Billing Errors")]"#;
    let mut out = EnumAttrs {
        group: None,
        display: true,
        serialize: true,
        from_code: true,
        from: true,
        http: true,
    };
    let mut seen: Vec<String> = Vec::new();
    for attr in attrs.iter().filter(|a| a.path().is_ident("api_error")) {
        let Some(args) = parse_args(attr, ENUM_EXAMPLE, errors) else {
            continue;
        };
        for arg in args {
            let (key, value) = match arg {
                Arg::KeyValue { key, value } => (key, value),
                Arg::Word(word) => {
                    bare_word(errors, &word, ENUM_KEYS, "#[api_error]");
                    continue;
                }
                Arg::Lit(lit) => {
                    errors.spanned(
                        &lit,
                        format!("#[api_error] takes `key = value` pairs, as in {ENUM_EXAMPLE}"),
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
                    Value::Missing => {}
                    other => {
                        let tokens = value_span(&other);
                        let example = match syn::parse2::<Ident>(tokens.clone()) {
                            Ok(word) => format!("\"{}\"", word.unraw()),
                            Err(_) => "\"Billing Errors\"".to_owned(),
                        };
                        errors.spanned(
                            tokens,
                            format!("`group` takes a string literal: write `group = {example}`"),
                        );
                    }
                }
                continue;
            }
            let flag = match value {
                Value::Lit(Lit::Bool(LitBool { value, .. })) => value,
                Value::Missing => continue,
                Value::Lit(Lit::Str(text)) if matches!(text.value().as_str(), "true" | "false") => {
                    errors.spanned(
                        &text,
                        format!(
                            "`{name}` takes a bool, not a string: write `{name} = {}` without quotes",
                            text.value()
                        ),
                    );
                    continue;
                }
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
                "http" => out.http = flag,
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
        "oauth" => "\"invalid_request\"",
        "scim" => "\"invalidValue\"",
        _ => "false",
    }
}

/// A `#[code(...)]` to suggest for `variant`: its name in SCREAMING_SNAKE_CASE.
fn suggested_code_attr(variant: &Ident, rest: &str) -> String {
    let code = screaming_snake(&variant.unraw().to_string());
    format!("#[code(\"{code}\", {rest})]")
}

/// Reads the one `#[code(...)]` of a variant; `None` when it is missing or unusable
/// (the reason is in `errors`).
pub fn code_attr(variant: &syn::Variant, errors: &mut Errors) -> Option<CodeAttr> {
    let mut code_attrs = variant.attrs.iter().filter(|a| a.path().is_ident("code"));
    let Some(first) = code_attrs.next() else {
        let delegate = if variant.fields.len() == 1 {
            ", or #[code(transparent)] to delegate to its field"
        } else {
            ""
        };
        errors.at(
            variant.ident.span(),
            format!(
                "variant `{}` has no error code: add {} above it{delegate}",
                variant.ident,
                suggested_code_attr(&variant.ident, "status = 400"),
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
    let args = parse_args(first, EXAMPLE, errors)?;
    if args.is_empty() {
        errors.spanned(
            first,
            format!(
                "#[code] is empty: give the code and status, as in {}",
                suggested_code_attr(&variant.ident, "status = 400")
            ),
        );
        return None;
    }
    if let Some(Arg::Word(word)) = args.first()
        && word == "transparent"
    {
        for extra in &args[1..] {
            let span = match extra {
                Arg::Lit(lit) => lit.to_token_stream(),
                Arg::Word(word) => word.to_token_stream(),
                Arg::KeyValue { key, value } => {
                    let mut tokens = key.to_token_stream();
                    tokens.extend(value_span(value));
                    tokens
                }
            };
            errors.spanned(
                span,
                "#[code(transparent)] takes nothing else, the inner type supplies the code, status and message: remove this argument",
            );
        }
        return Some(CodeAttr::Transparent(word.span()));
    }

    let (code, code_index) = find_code(variant, &args, errors);
    let mut own = OwnCode {
        code: code
            .clone()
            .unwrap_or_else(|| LitStr::new("", Span::call_site())),
        status: None,
        resolution: None,
        description: None,
        description_given: false,
        message: None,
        oauth: None,
        scim: None,
    };
    let mut seen: Vec<String> = Vec::new();
    let mut transparent_given = false;
    // A bare number was reported as "write `status = N`"; no second error for the status.
    let mut status_reported = false;
    for (index, arg) in args.into_iter().enumerate() {
        if Some(index) == code_index {
            continue;
        }
        let (key, value) = match arg {
            Arg::KeyValue { key, value } => (key, value),
            Arg::Word(word) if word == "transparent" => {
                transparent_given = true;
                errors.at(
                    word.span(),
                    "a variant either has its own code or is transparent: remove `transparent`, or write #[code(transparent)] alone to delegate to the variant's field",
                );
                continue;
            }
            Arg::Word(word) => {
                bare_word(errors, &word, VARIANT_KEYS, "#[code]");
                continue;
            }
            Arg::Lit(Lit::Str(extra)) => {
                errors.spanned(
                    &extra,
                    format!(
                        "a variant has one code: remove `\"{}\"`, or declare another variant for it",
                        extra.value()
                    ),
                );
                continue;
            }
            Arg::Lit(Lit::Int(int)) => {
                status_reported = true;
                errors.spanned(
                    &int,
                    format!(
                        "write `status = {}`: after the code, every argument is `key = value`",
                        int.base10_digits()
                    ),
                );
                continue;
            }
            Arg::Lit(lit) => {
                errors.spanned(
                    &lit,
                    format!(
                        "unexpected literal: the code comes first and once, everything after it is `key = value`, as in {EXAMPLE}"
                    ),
                );
                continue;
            }
        };
        let name = key.unraw().to_string();
        if name == "code" {
            // Reported by `find_code`.
            continue;
        }
        if !VARIANT_KEYS.contains(&name.as_str()) {
            unknown_key(errors, &key, VARIANT_KEYS, "#[code]");
            continue;
        }
        if seen.contains(&name) {
            duplicate_key(errors, &key);
            continue;
        }
        seen.push(name.clone());
        if name == "description" {
            own.description_given = true;
        }
        if name == "status" {
            own.status = status_value(&value, errors);
            continue;
        }
        let text = match value {
            Value::Lit(Lit::Str(text)) => text,
            Value::Missing => continue,
            other => {
                errors.spanned(
                    value_span(&other),
                    format!("`{name}` takes a string literal: write `{name} = \"...\"`"),
                );
                continue;
            }
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
            "message" => own.message = Some(text),
            "oauth" => {
                own.oauth = protocol_value(&text, OAUTH_CODES, OAUTH_PROTOCOL, errors);
            }
            "scim" => own.scim = protocol_value(&text, SCIM_TYPES, SCIM_PROTOCOL, errors),
            _ => {}
        }
    }
    let code = code?;
    if !seen.iter().any(|key| key == "status") && !transparent_given && !status_reported {
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

const OAUTH_PROTOCOL: &str = "an OAuth 2.0 error code of RFC 6749 §5.2 or RFC 8628 §3.5";
const SCIM_PROTOCOL: &str = "a scimType of RFC 7644 §3.12";

/// The variant name `text` stands for in `table`, or an error naming the closest value.
fn protocol_value(
    text: &LitStr,
    table: &[(&str, &'static str)],
    protocol: &str,
    errors: &mut Errors,
) -> Option<&'static str> {
    let value = text.value();
    if let Some((_, variant)) = table.iter().find(|(name, _)| *name == value) {
        return Some(variant);
    }
    let names: Vec<&str> = table.iter().map(|(name, _)| *name).collect();
    let hint = match closest(&value, &names) {
        Some(near) => format!("did you mean `\"{near}\"`? "),
        None => String::new(),
    };
    errors.spanned(
        text,
        format!(
            "`\"{value}\"` is not {protocol}; {hint}expected one of: {}",
            names.join(", ")
        ),
    );
    None
}

/// The code literal of `#[code(...)]` and its position among `args`, reporting it when it is
/// not the first argument or not a string literal.
fn find_code(
    variant: &syn::Variant,
    args: &[Arg],
    errors: &mut Errors,
) -> (Option<LitStr>, Option<usize>) {
    let string_at = args
        .iter()
        .position(|arg| matches!(arg, Arg::Lit(Lit::Str(_))));
    if let Some(index) = string_at
        && let Arg::Lit(Lit::Str(code)) = &args[index]
    {
        check_code_literal(code, errors);
        if index > 0 {
            errors.spanned(
                code,
                format!(
                    "the code goes first in #[code]: write #[code(\"{}\", ...)] with the keys after it",
                    code.value()
                ),
            );
        }
        return (Some(code.clone()), Some(index));
    }
    let code_key = args.iter().find_map(|arg| match arg {
        Arg::KeyValue { key, value } if key == "code" => Some((key, value)),
        _ => None,
    });
    if let Some((key, value)) = code_key {
        let (hint, code) = match value {
            Value::Lit(Lit::Str(code)) => {
                check_code_literal(code, errors);
                (
                    format!("#[code(\"{}\", ...)]", code.value()),
                    Some(code.clone()),
                )
            }
            _ => (suggested_code_attr(&variant.ident, "..."), None),
        };
        errors.at(
            key.span(),
            format!("write the code first and without `code =`: {hint}"),
        );
        return (code, None);
    }
    match &args[0] {
        Arg::Word(word) => {
            let name = word.unraw().to_string();
            let message = if VARIANT_KEYS.contains(&name.as_str()) {
                format!(
                    "#[code] starts with the code as a string literal, then `{name} = ...`: {}",
                    suggested_code_attr(&variant.ident, &format!("{name} = ..."))
                )
            } else {
                format!(
                    "the code must be a string literal: write `\"{}\"`",
                    screaming_snake(&name)
                )
            };
            errors.at(word.span(), message);
            (None, Some(0))
        }
        Arg::Lit(lit) => {
            errors.spanned(
                lit,
                format!(
                    "the code must be a string literal in SCREAMING_SNAKE_CASE, as in {}",
                    suggested_code_attr(&variant.ident, "status = 400")
                ),
            );
            (None, Some(0))
        }
        Arg::KeyValue { key, .. } => {
            errors.at(
                key.span(),
                format!(
                    "missing code: #[code] starts with the code as a string literal, as in {}",
                    suggested_code_attr(&variant.ident, "status = 400")
                ),
            );
            (None, None)
        }
    }
}

fn check_code_literal(code: &LitStr, errors: &mut Errors) {
    let value = code.value();
    if value.is_empty() {
        errors.spanned(
            code,
            format!(
                "the code must not be empty: write it in SCREAMING_SNAKE_CASE, as in {EXAMPLE}"
            ),
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

const STATUS_ADVICE: &str =
    "use 400..=599, 4xx when the caller can fix the request, 5xx when the server failed";

fn status_value(value: &Value, errors: &mut Errors) -> Option<u16> {
    match value {
        Value::Lit(Lit::Int(int)) => match int.base10_parse::<u16>() {
            Ok(status) if (400..=599).contains(&status) => Some(status),
            _ => {
                let hint = match int.base10_digits().parse::<u32>() {
                    Ok(100..=399) => " (1xx, 2xx and 3xx are not errors)",
                    _ => "",
                };
                errors.spanned(
                    int,
                    format!(
                        "status {} is not an HTTP error status{hint}: {STATUS_ADVICE}",
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
        Value::Lit(Lit::Float(float)) => {
            let whole = float
                .base10_digits()
                .split('.')
                .next()
                .and_then(|digits| digits.parse::<u16>().ok())
                .filter(|status| (400..=599).contains(status))
                .unwrap_or(400);
            errors.spanned(
                float,
                format!("status is a whole number: write `status = {whole}`"),
            );
            None
        }
        Value::Other(tokens) if is_negative_number(tokens) => {
            let text = tokens.to_string().replace(' ', "");
            let hint = match text.trim_start_matches('-').parse::<u16>() {
                Ok(status) if (400..=599).contains(&status) => {
                    format!("write `status = {status}`")
                }
                _ => STATUS_ADVICE.to_owned(),
            };
            errors.spanned(tokens, format!("status `{text}` is negative: {hint}"));
            None
        }
        Value::Missing => None,
        other => {
            errors.spanned(
                value_span(other),
                "status must be an integer literal between 400 and 599: write `status = 400`",
            );
            None
        }
    }
}

/// Whether `tokens` is `-` followed by one numeric literal.
fn is_negative_number(tokens: &TokenStream) -> bool {
    let tokens: Vec<TokenTree> = tokens.clone().into_iter().collect();
    matches!(
        tokens.as_slice(),
        [TokenTree::Punct(minus), TokenTree::Literal(number)]
            if minus.as_char() == '-' && number.to_string().starts_with(|c: char| c.is_ascii_digit())
    )
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
