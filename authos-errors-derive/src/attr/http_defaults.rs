//! The values of `retry_after = 60` and `doc = "https://..."`: a row's default `Retry-After`
//! and its documentation page.

use proc_macro2::Span;

use super::args::Value;
use super::lit::{Lit, LitStr};
use crate::errors::Errors;

/// The statuses whose responses carry `Retry-After` (RFC 9110 §10.2.3, RFC 6585 §4).
const RETRY_STATUSES: &str = "429 (Too Many Requests) and 503 (Service Unavailable)";

/// The seconds of `retry_after = N`, with the span to report a misplaced key at.
pub fn retry_after_value(value: &Value, errors: &mut Errors) -> Option<(u32, Span)> {
    let hint = "write the delay in whole seconds, as in `retry_after = 60`";
    match value {
        Value::Lit(Lit::Int(int)) => match int.base10_parse::<u32>() {
            Ok(seconds) if seconds > 0 => Some((seconds, int.span())),
            _ => {
                errors.spanned(
                    int,
                    format!(
                        "`retry_after = {}` is not a delay: {hint} (1..=4294967295)",
                        int.base10_digits()
                    ),
                );
                None
            }
        },
        Value::Missing => None,
        other => {
            errors.spanned(
                other.tokens(),
                format!("`retry_after` takes an integer literal: {hint}"),
            );
            None
        }
    }
}

/// Reports `retry_after` on a row whose status does not send `Retry-After`.
pub fn check_retry_status(code: &str, status: u16, span: Span, errors: &mut Errors) {
    if !matches!(status, 429 | 503) {
        errors.at(
            span,
            format!(
                "`retry_after` sets a default `Retry-After`, which only {RETRY_STATUSES} responses carry, but `{code}` has status {status}: remove `retry_after`, or set a delay per error with `Detailed::with_retry_after`"
            ),
        );
    }
}

/// The URL of `doc = "..."`, which must be absolute `http(s)` (it becomes a problem `type`).
pub fn doc_url(text: &LitStr, errors: &mut Errors) -> Option<String> {
    let url = &text.value;
    let host = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .map(|rest| rest.split(['/', '?', '#']).next().unwrap_or_default());
    let valid =
        host.is_some_and(|host| !host.is_empty()) && url.bytes().all(|b| b.is_ascii_graphic());
    if valid {
        Some(url.clone())
    } else {
        errors.spanned(
            text,
            format!(
                "`doc` must be an absolute http(s) URL without spaces, as in `doc = \"https://docs.example.com/errors#CARD_DECLINED\"`; `{url}` is not"
            ),
        );
        None
    }
}
