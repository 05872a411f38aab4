//! `#[api_error(...)]` on the enum: its keys and the function that reads them.

use syn::ext::IdentExt;

use super::args::{Found, Grammar, Key, Value};
use super::lit::Lit;
use crate::errors::Errors;
use crate::syntax::Attr;

#[derive(Clone, Copy, PartialEq, Eq)]
enum EnumKey {
    Group,
    Display,
    Serialize,
    FromCode,
    From,
    Http,
    FromStr,
    AsRef,
    Deserialize,
    AllValues,
}

/// The keys of `#[api_error(...)]`, with the value each shows in messages. One line a key:
/// this table is the grammar.
#[rustfmt::skip]
const GRAMMAR: Grammar<EnumKey> = Grammar {
    place: "#[api_error]",
    example: r#"#[api_error(group = "Billing Errors")]"#,
    keys: &[
        Key { id: EnumKey::Group, name: "group", example: "\"Billing Errors\"" },
        Key { id: EnumKey::Display, name: "display", example: "false" },
        Key { id: EnumKey::Serialize, name: "serialize", example: "false" },
        Key { id: EnumKey::FromCode, name: "from_code", example: "false" },
        Key { id: EnumKey::From, name: "from", example: "false" },
        Key { id: EnumKey::Http, name: "http", example: "false" },
        Key { id: EnumKey::FromStr, name: "from_str", example: "false" },
        Key { id: EnumKey::AsRef, name: "as_ref", example: "false" },
        Key { id: EnumKey::Deserialize, name: "deserialize", example: "false" },
        Key { id: EnumKey::AllValues, name: "all_values", example: "false" },
    ],
};

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
    /// Where `from_code` is generated: `FromStr` and `TryFrom<&str>`.
    pub from_str: bool,
    /// Where `from_code` is generated: `AsRef<str>` and `From<Self> for &'static str`.
    pub as_ref: bool,
    /// Where `from_code` is generated: `serde::Deserialize` from the code.
    pub deserialize: bool,
    /// Where `from_code` is generated: `AllValues` (and `ALL` for unit variants only).
    pub all_values: bool,
}

/// Reads every `#[api_error(...)]` among the enum's attributes.
pub fn enum_attrs(attrs: &[Attr], errors: &mut Errors) -> EnumAttrs {
    let mut out = EnumAttrs {
        group: None,
        display: true,
        serialize: true,
        from_code: true,
        from: true,
        http: true,
        from_str: true,
        as_ref: true,
        deserialize: true,
        all_values: true,
    };
    // One grammar over all of them: a key given in two `#[api_error]`s is a duplicate.
    let mut args = Vec::new();
    for attr in attrs.iter().filter(|a| a.is("api_error")) {
        args.extend(GRAMMAR.parse(attr, errors).into_iter().flatten());
    }
    GRAMMAR.read(args, errors, |found, errors| {
        let (key, ident, value) = match found {
            Found::Key(key, ident, value) => (key, ident, value),
            Found::Other(_, arg) => return Some(arg),
        };
        let flag = match key {
            EnumKey::Group => {
                out.group = group(value, errors);
                return None;
            }
            EnumKey::Display => &mut out.display,
            EnumKey::Serialize => &mut out.serialize,
            EnumKey::FromCode => &mut out.from_code,
            EnumKey::From => &mut out.from,
            EnumKey::Http => &mut out.http,
            EnumKey::FromStr => &mut out.from_str,
            EnumKey::AsRef => &mut out.as_ref,
            EnumKey::Deserialize => &mut out.deserialize,
            EnumKey::AllValues => &mut out.all_values,
        };
        if let Some(value) = bool_value(&ident.unraw().to_string(), value, errors) {
            *flag = value;
        }
        None
    });
    out
}

fn group(value: Value, errors: &mut Errors) -> Option<String> {
    match value {
        Value::Lit(Lit::Str(group)) if !group.value.trim().is_empty() => Some(group.value),
        Value::Lit(Lit::Str(group)) => {
            errors.spanned(
                group,
                r#"the group name must not be empty: write a heading such as `group = "Billing Errors"`, or leave `group` out to use the enum's name"#,
            );
            None
        }
        Value::Missing => None,
        other => {
            let tokens = other.tokens();
            let example = match &other {
                Value::Other(_) => match syn::parse2::<proc_macro2::Ident>(tokens.clone()) {
                    Ok(word) => format!("\"{}\"", word.unraw()),
                    Err(_) => "\"Billing Errors\"".to_owned(),
                },
                _ => "\"Billing Errors\"".to_owned(),
            };
            errors.spanned(
                tokens,
                format!("`group` takes a string literal: write `group = {example}`"),
            );
            None
        }
    }
}

fn bool_value(name: &str, value: Value, errors: &mut Errors) -> Option<bool> {
    match value {
        Value::Lit(Lit::Bool(value, _)) => Some(value),
        Value::Missing => None,
        Value::Lit(Lit::Str(text)) if matches!(text.value.as_str(), "true" | "false") => {
            errors.spanned(
                &text,
                format!(
                    "`{name}` takes a bool, not a string: write `{name} = {}` without quotes",
                    text.value
                ),
            );
            None
        }
        other => {
            errors.spanned(
                other.tokens(),
                format!("`{name}` takes `true` or `false`: write `{name} = false`"),
            );
            None
        }
    }
}
