//! The value of `status = NNN`.

use proc_macro2::{TokenStream, TokenTree};

use super::args::Value;
use super::lit::Lit;
use crate::errors::Errors;

const STATUS_ADVICE: &str =
    "use 400..=599, 4xx when the caller can fix the request, 5xx when the server failed";

/// The HTTP error status `value` holds; `None` (reported) when it holds none.
pub fn status_value(value: &Value, errors: &mut Errors) -> Option<u16> {
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
        Value::Lit(Lit::Str(text)) if text.value.trim().parse::<u16>().is_ok() => {
            errors.spanned(
                text,
                format!(
                    "status is an integer, not a string: write `status = {}`",
                    text.value.trim()
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
            negative_status(tokens, errors);
            None
        }
        Value::Missing => None,
        other => {
            errors.spanned(
                other.tokens(),
                "status must be an integer literal between 400 and 599: write `status = 400`",
            );
            None
        }
    }
}

fn negative_status(tokens: &TokenStream, errors: &mut Errors) {
    let text = tokens.to_string().replace(' ', "");
    let hint = match text.trim_start_matches('-').parse::<u16>() {
        Ok(status) if (400..=599).contains(&status) => format!("write `status = {status}`"),
        _ => STATUS_ADVICE.to_owned(),
    };
    errors.spanned(tokens, format!("status `{text}` is negative: {hint}"));
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
