//! `#[code(...)]` on a variant: its keys and the functions that read them.

use proc_macro2::Span;
use syn::ext::IdentExt;

use super::args::{Arg, CODE_EXAMPLE, Found, Grammar, Key, Value};
use super::doc::doc_summary;
use super::lit::{Lit, LitStr};
use super::protocol;
use super::status::status_value;
use crate::errors::Errors;
use crate::suggest::{is_screaming_snake, screaming_snake};
use crate::syntax::{self, Attr};
use crate::template::Template;

#[derive(Clone, Copy, PartialEq, Eq)]
enum CodeKey {
    Status,
    Resolution,
    Description,
    Message,
    OAuth,
    Scim,
    Grpc,
    RetryAfter,
    Doc,
}

/// The keys that may follow the code in `#[code("CODE", ...)]`, with the value each shows in
/// messages. One line a key: this table is the grammar.
#[rustfmt::skip]
const GRAMMAR: Grammar<CodeKey> = Grammar {
    place: "#[code]",
    example: CODE_EXAMPLE,
    keys: &[
        Key { id: CodeKey::Status, name: "status", example: "400" },
        Key { id: CodeKey::Resolution, name: "resolution", example: "\"...\"" },
        Key { id: CodeKey::Description, name: "description", example: "\"...\"" },
        Key { id: CodeKey::Message, name: "message", example: "\"...\"" },
        Key { id: CodeKey::OAuth, name: "oauth", example: "\"invalid_request\"" },
        Key { id: CodeKey::Scim, name: "scim", example: "\"invalidValue\"" },
        Key { id: CodeKey::Grpc, name: "grpc", example: "\"failed_precondition\"" },
        Key { id: CodeKey::RetryAfter, name: "retry_after", example: "60" },
        Key { id: CodeKey::Doc, name: "doc", example: "\"https://docs.example.com/errors/CODE\"" },
    ],
};

/// The word that makes a variant delegate everything to its one field.
const TRANSPARENT: &str = "transparent";

/// What `#[code(...)]` says about one variant.
// Boxing `Own` would cost an allocation per variant, the common case; `Transparent` is rare.
#[allow(clippy::large_enum_variant)]
pub enum Code {
    Own(Own),
    /// `#[code(transparent)]`, with the span of `transparent`.
    Transparent(Span),
}

/// A variant's own catalog entry, as `#[code("CODE", ...)]` and the doc comment give it, each
/// value read once.
pub struct Own {
    pub code: LitStr,
    /// `None` when missing or invalid (already reported).
    pub status: Option<u16>,
    pub resolution: Option<String>,
    /// The `description` key, else the doc comment's first paragraph.
    pub description: Option<String>,
    /// Whether a `description` key was written, valid or not.
    pub description_given: bool,
    pub message: Option<Message>,
    /// The `OAuthErrorCode` variant of `oauth = "..."`.
    pub oauth: Option<&'static str>,
    /// The `ScimType` variant of `scim = "..."`.
    pub scim: Option<&'static str>,
    /// The `GrpcCode` variant of `grpc = "..."`.
    pub grpc: Option<&'static str>,
    /// `retry_after = N` (seconds), with the span of `N` for the status check.
    pub retry_after: Option<(u32, Span)>,
    /// `doc = "https://..."`.
    pub doc_url: Option<LitStr>,
}

/// `message = "..."`: the literal and its template, parsed as it is read.
pub struct Message {
    pub text: LitStr,
    /// The parsed template, or what is wrong with it (reported by the checks).
    pub template: Result<Template, String>,
}

impl Own {
    /// Whether the entry is a 5xx, whose body shows neither the source nor field data. A
    /// missing status (already reported) is not: it gets no second error.
    pub fn is_server_error(&self) -> bool {
        self.status.is_some_and(|status| status >= 500)
    }

    /// The message template, when the entry has a valid one.
    pub fn template(&self) -> Option<(&LitStr, &Template)> {
        let message = self.message.as_ref()?;
        Some((&message.text, message.template.as_ref().ok()?))
    }
}

/// A `#[code(...)]` to suggest for `variant`: its name in SCREAMING_SNAKE_CASE.
fn suggested_code_attr(variant: &proc_macro2::Ident, rest: &str) -> String {
    let code = screaming_snake(&variant.unraw().to_string());
    format!("#[code(\"{code}\", {rest})]")
}

/// Reads the one `#[code(...)]` of a variant; `None` when it is missing or unusable (the
/// reason is in `errors`).
pub fn code_attr(variant: &syntax::Variant, errors: &mut Errors) -> Option<Code> {
    let first = the_code_attr(variant, errors)?;
    let args = GRAMMAR.parse(first, errors)?;
    if args.is_empty() {
        errors.spanned(
            first.tokens(),
            format!(
                "#[code] is empty: give the code and status, as in {}",
                suggested_code_attr(&variant.ident, "status = 400")
            ),
        );
        return None;
    }
    if let Some(Arg::Word(word)) = args.first()
        && word == TRANSPARENT
    {
        let span = word.span();
        for extra in &args[1..] {
            errors.spanned(
                extra.tokens(),
                "#[code(transparent)] takes nothing else, the inner type supplies the code, status and message: remove this argument",
            );
        }
        return Some(Code::Transparent(span));
    }
    own_code(variant, args, errors).map(Code::Own)
}

/// The first `#[code]` of `variant`, reporting a missing one and any second one.
fn the_code_attr<'a>(variant: &'a syntax::Variant, errors: &mut Errors) -> Option<&'a Attr> {
    let mut code_attrs = variant.attrs.iter().filter(|a| a.is("code"));
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
            extra.tokens(),
            format!(
                "second #[code] on `{}`: a variant has one code; merge the keys into the first #[code(...)]",
                variant.ident
            ),
        );
    }
    Some(first)
}

/// What the visitor of the keys remembers besides the values.
#[derive(Default)]
struct Seen {
    status: bool,
    transparent: bool,
    /// A bare number was reported as "write `status = N`": no second error for the status.
    bare_status: bool,
}

fn own_code(variant: &syntax::Variant, args: Vec<Arg>, errors: &mut Errors) -> Option<Own> {
    let (code, code_index) = find_code(variant, &args, errors);
    let mut own = Own {
        // Replaced by the code once every key is read (a missing code is reported, and every
        // key is still checked).
        code: LitStr {
            value: String::new(),
            token: proc_macro2::Literal::string(""),
        },
        status: None,
        resolution: None,
        description: None,
        description_given: false,
        message: None,
        oauth: None,
        scim: None,
        grpc: None,
        retry_after: None,
        doc_url: None,
    };
    let mut seen = Seen::default();
    GRAMMAR.read(args, errors, |found, errors| match found {
        Found::Key(key, _, value) => {
            read_key(&mut own, &mut seen, key, value, errors);
            None
        }
        Found::Other(at, _) if Some(at) == code_index => None,
        Found::Other(_, arg) => positional(arg, &mut seen, errors),
    });
    own.code = code?;
    if own.description.is_none() {
        own.description = doc_summary(&variant.attrs);
    }
    if !seen.status && !seen.transparent && !seen.bare_status {
        let code = &own.code.value;
        errors.spanned(
            &own.code,
            format!(
                "missing `status = NNN` for `{code}`: add the HTTP status (400..=599), as in #[code(\"{code}\", status = 400)]"
            ),
        );
    }
    Some(own)
}

/// An argument after the code that is not `key = value`; what it is given back for the
/// default treatment.
fn positional(arg: Arg, seen: &mut Seen, errors: &mut Errors) -> Option<Arg> {
    match arg {
        Arg::Word(word) if word == TRANSPARENT => {
            seen.transparent = true;
            errors.at(
                word.span(),
                "a variant either has its own code or is transparent: remove `transparent`, or write #[code(transparent)] alone to delegate to the variant's field",
            );
        }
        Arg::Lit(Lit::Str(extra)) => errors.spanned(
            &extra,
            format!(
                "a variant has one code: remove `\"{}\"`, or declare another variant for it",
                extra.value
            ),
        ),
        Arg::Lit(Lit::Int(int)) => {
            seen.bare_status = true;
            errors.spanned(
                &int,
                format!(
                    "write `status = {}`: after the code, every argument is `key = value`",
                    int.base10_digits()
                ),
            );
        }
        Arg::Lit(lit) => errors.spanned(
            &lit,
            format!(
                "unexpected literal: the code comes first and once, everything after it is `key = value`, as in {CODE_EXAMPLE}"
            ),
        ),
        // `code = ...` was reported by `find_code`.
        Arg::KeyValue { name, .. } if name == "code" => {}
        other => return Some(other),
    }
    None
}

fn read_key(own: &mut Own, seen: &mut Seen, key: CodeKey, value: Value, errors: &mut Errors) {
    let name = match key {
        CodeKey::Status => {
            seen.status = true;
            own.status = status_value(&value, errors);
            return;
        }
        CodeKey::RetryAfter => {
            own.retry_after = retry_after_value(value, errors);
            return;
        }
        CodeKey::Doc => "doc",
        CodeKey::Description => {
            own.description_given = true;
            "description"
        }
        CodeKey::Resolution => "resolution",
        CodeKey::Message => "message",
        CodeKey::OAuth => "oauth",
        CodeKey::Scim => "scim",
        CodeKey::Grpc => "grpc",
    };
    let Some(text) = text_value(name, value, errors) else {
        return;
    };
    match key {
        CodeKey::Resolution => own.resolution = Some(text.value),
        CodeKey::Description => own.description = Some(text.value),
        CodeKey::Message => {
            own.message = Some(Message {
                template: Template::parse(&text.value),
                text,
            });
        }
        CodeKey::OAuth => own.oauth = protocol::oauth(&text, errors),
        CodeKey::Scim => own.scim = protocol::scim(&text, errors),
        CodeKey::Grpc => own.grpc = protocol::grpc(&text, errors),
        CodeKey::Doc => own.doc_url = doc_url(text, errors),
        CodeKey::Status | CodeKey::RetryAfter => {}
    }
}

/// `retry_after = N`: whole seconds, at least 1.
fn retry_after_value(value: Value, errors: &mut Errors) -> Option<(u32, Span)> {
    const ADVICE: &str =
        "give the seconds a client should wait as a whole number, as in `retry_after = 60`";
    match value {
        Value::Lit(Lit::Int(int)) => match int.base10_parse::<u32>() {
            Ok(0) => {
                errors.spanned(&int, format!("`retry_after = 0` tells clients to retry at once: {ADVICE}, or leave `retry_after` out"));
                None
            }
            Ok(seconds) if int.suffix().is_empty() => Some((seconds, int.span())),
            _ => {
                errors.spanned(
                    &int,
                    format!(
                        "`retry_after` is a number of seconds up to {}: {ADVICE}",
                        u32::MAX
                    ),
                );
                None
            }
        },
        Value::Lit(Lit::Str(text)) if text.value.trim().parse::<u32>().is_ok() => {
            errors.spanned(
                &text,
                format!(
                    "`retry_after` is an integer, not a string: write `retry_after = {}`",
                    text.value.trim()
                ),
            );
            None
        }
        Value::Missing => None,
        other => {
            errors.spanned(
                other.tokens(),
                format!("`retry_after` takes an integer literal: {ADVICE}"),
            );
            None
        }
    }
}

/// `doc = "..."`: an absolute http(s) URL.
fn doc_url(text: LitStr, errors: &mut Errors) -> Option<LitStr> {
    let rest = text
        .value
        .strip_prefix("https://")
        .or_else(|| text.value.strip_prefix("http://"));
    let host_ok = rest.is_some_and(|rest| {
        !rest.is_empty() && !rest.starts_with('/') && !rest.contains(char::is_whitespace)
    });
    if host_ok {
        return Some(text);
    }
    errors.spanned(
        &text,
        format!(
            "`doc` takes an absolute http(s) URL, such as `doc = \"https://docs.example.com/errors/CODE\"`; `{}` is not one",
            text.value
        ),
    );
    None
}

/// A non-empty string literal, or the reason it is not one (reported).
fn text_value(name: &str, value: Value, errors: &mut Errors) -> Option<LitStr> {
    let text = match value {
        Value::Lit(Lit::Str(text)) => text,
        Value::Missing => return None,
        other => {
            errors.spanned(
                other.tokens(),
                format!("`{name}` takes a string literal: write `{name} = \"...\"`"),
            );
            return None;
        }
    };
    if text.value.trim().is_empty() {
        errors.spanned(
            &text,
            format!("`{name}` must not be empty: write the text, or leave `{name}` out"),
        );
        return None;
    }
    Some(text)
}

/// The code literal of `#[code(...)]` and its position among `args`, reporting it when it is
/// not the first argument or not a string literal.
fn find_code(
    variant: &syntax::Variant,
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
                    code.value
                ),
            );
        }
        return (Some(code.clone()), Some(index));
    }
    if let Some((key, value)) = args.iter().find_map(|arg| match arg {
        Arg::KeyValue { key, name, value } if name == "code" => Some((key, value)),
        _ => None,
    }) {
        return (code_key(variant, key, value, errors), None);
    }
    misplaced_code(variant, &args[0], errors);
    // A word or literal in the code's place stands for the code: not checked again as a key.
    let index = (!matches!(args[0], Arg::KeyValue { .. })).then_some(0);
    (None, index)
}

/// `code = "..."`, reported: the code is written first and without a key.
fn code_key(
    variant: &syntax::Variant,
    key: &proc_macro2::Ident,
    value: &Value,
    errors: &mut Errors,
) -> Option<LitStr> {
    let (hint, code) = match value {
        Value::Lit(Lit::Str(code)) => {
            check_code_literal(code, errors);
            (
                format!("#[code(\"{}\", ...)]", code.value),
                Some(code.clone()),
            )
        }
        _ => (suggested_code_attr(&variant.ident, "..."), None),
    };
    errors.at(
        key.span(),
        format!("write the code first and without `code =`: {hint}"),
    );
    code
}

/// No string literal among the arguments: what the first argument should have been.
fn misplaced_code(variant: &syntax::Variant, first: &Arg, errors: &mut Errors) {
    match first {
        Arg::Word(word) => {
            let name = word.unraw().to_string();
            let message = if GRAMMAR.has(&name) {
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
        }
        Arg::Lit(lit) => errors.spanned(
            lit,
            format!(
                "the code must be a string literal in SCREAMING_SNAKE_CASE, as in {}",
                suggested_code_attr(&variant.ident, "status = 400")
            ),
        ),
        Arg::KeyValue { key, .. } => errors.at(
            key.span(),
            format!(
                "missing code: #[code] starts with the code as a string literal, as in {}",
                suggested_code_attr(&variant.ident, "status = 400")
            ),
        ),
    }
}

fn check_code_literal(code: &LitStr, errors: &mut Errors) {
    let value = &code.value;
    if value.is_empty() {
        errors.spanned(
            code,
            format!(
                "the code must not be empty: write it in SCREAMING_SNAKE_CASE, as in {CODE_EXAMPLE}"
            ),
        );
    } else if !is_screaming_snake(value) {
        let fixed = screaming_snake(value);
        let hint = if fixed.is_empty() {
            format!("as in {CODE_EXAMPLE}")
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
