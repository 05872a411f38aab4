//! Header values of an error answer: `Retry-After` and the RFC 6750 `WWW-Authenticate`
//! challenge, always valid header text whatever the message holds.

use std::fmt::{self, Write as _};
use std::time::Duration;

use crate::{ApiErrorCode, ErrorCodeInfo};

/// The `Retry-After` value, in whole seconds (rounded up, so a client never retries early),
/// when the error knows one: the delay set on the error, else its catalog entry's default.
///
/// ```
/// use std::time::Duration;
/// use authos_errors::ApiErrorCodeExt;
/// use authos_errors::catalog::GeneralError;
/// use authos_errors::problem::retry_after_seconds;
///
/// let err = GeneralError::RateLimitExceeded.with_retry_after(Duration::from_millis(1500));
/// assert_eq!(retry_after_seconds(&err), Some(2));
/// assert_eq!(retry_after_seconds(&GeneralError::RateLimitExceeded), Some(60)); // the entry's default
/// assert_eq!(retry_after_seconds(&GeneralError::Conflict), None);
/// ```
#[must_use]
pub fn retry_after_seconds<E: ApiErrorCode + ?Sized>(error: &E) -> Option<u64> {
    error.retry_after().map(ceil_seconds)
}

fn ceil_seconds(delay: Duration) -> u64 {
    delay.as_secs() + u64::from(delay.subsec_nanos() > 0)
}

/// The codes that say the presented Bearer token itself is bad (RFC 6750 `invalid_token`).
const INVALID_TOKEN_CODES: &[&str] = &["TOKEN_EXPIRED", "JWT_ERROR", "INVALID_SCIM_TOKEN"];

/// The RFC 6750 `WWW-Authenticate` challenge for a 401, or for a 403 that names the scope the
/// request lacked; `None` otherwise.
///
/// On a 401, for `TOKEN_EXPIRED`, `JWT_ERROR` and `INVALID_SCIM_TOKEN` the challenge says
/// `error="invalid_token"` with the message as `error_description`; any other 401 gets the plain
/// `Bearer realm="..."` (RFC 6750 §3.1: no error information when the request lacked a usable
/// token). On a 403 whose error names the scope it needed
/// ([`Detailed::with_required_scope`](crate::Detailed::with_required_scope)) the challenge says
/// `error="insufficient_scope"` with the message and the `scope` (RFC 6750 §3.1); a 401 names
/// the scope too when the error knows it. Characters a quoted `error_description` may not hold
/// (`"`, `\`, non-ASCII) are replaced so the header is always valid.
///
/// ```
/// use authos_errors::ApiErrorCodeExt;
/// use authos_errors::catalog::{AuthenticationError, GeneralError};
/// use authos_errors::problem::www_authenticate;
///
/// assert_eq!(
///     www_authenticate(&AuthenticationError::TokenExpired, "authos").as_deref(),
///     Some(r#"Bearer realm="authos", error="invalid_token", error_description="JWT has expired""#)
/// );
/// assert_eq!(
///     www_authenticate(&AuthenticationError::InvalidCredentials, "authos").as_deref(),
///     Some(r#"Bearer realm="authos""#)
/// );
/// assert_eq!(www_authenticate(&GeneralError::Forbidden, "authos"), None);
/// assert_eq!(
///     www_authenticate(&GeneralError::Forbidden.with_required_scope("write:users"), "authos").as_deref(),
///     Some(concat!(
///         r#"Bearer realm="authos", error="insufficient_scope", "#,
///         r#"error_description="Valid credentials but insufficient permissions", scope="write:users""#,
///     ))
/// );
/// ```
#[must_use]
pub fn www_authenticate<E: ApiErrorCode + ?Sized>(error: &E, realm: &str) -> Option<String> {
    challenge(
        error.info(),
        &error.message(),
        realm,
        error.required_scope(),
    )
}

pub(crate) fn challenge(
    info: &ErrorCodeInfo,
    message: &str,
    realm: &str,
    scope: Option<&str>,
) -> Option<String> {
    let error = match (info.status, scope) {
        (401, _) if INVALID_TOKEN_CODES.contains(&info.code) => Some("invalid_token"),
        (401, _) => None,
        (403, Some(_)) => Some("insufficient_scope"),
        _ => return None,
    };
    let mut header = String::from("Bearer realm=\"");
    push_quoted_text(&mut header, realm);
    header.push('"');
    if let Some(error) = error {
        header.push_str(", error=\"");
        header.push_str(error);
        header.push_str("\", error_description=\"");
        push_quoted_text(&mut header, message);
        header.push('"');
    }
    if let Some(scope) = scope.map(ScopeTokens).filter(|tokens| !tokens.is_empty()) {
        // Writing into a `String` cannot fail.
        let _ = write!(header, ", scope=\"{scope}\"");
    }
    Some(header)
}

/// A space-delimited scope list keeping only the tokens RFC 6750 §3 allows
/// (`1*( %x21 / %x23-5B / %x5D-7E )`): a token with any other character is left out whole,
/// never altered into a different scope.
struct ScopeTokens<'a>(&'a str);

impl ScopeTokens<'_> {
    fn tokens(&self) -> impl Iterator<Item = &str> {
        self.0.split(' ').filter(|token| is_scope_token(token))
    }

    fn is_empty(&self) -> bool {
        self.tokens().next().is_none()
    }
}

fn is_scope_token(token: &str) -> bool {
    !token.is_empty()
        && token
            .bytes()
            .all(|b| matches!(b, 0x21 | 0x23..=0x5B | 0x5D..=0x7E))
}

impl fmt::Display for ScopeTokens<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (index, token) in self.tokens().enumerate() {
            if index > 0 {
                f.write_char(' ')?;
            }
            f.write_str(token)?;
        }
        Ok(())
    }
}

/// Appends `text` keeping only what RFC 6750 allows inside its quoted strings.
pub(crate) fn push_quoted_text(out: &mut String, text: &str) {
    // Writing into a `String` cannot fail.
    let _ = write!(out, "{}", QuotedText(text));
}

/// `text` restricted to `%x20-21 / %x23-5B / %x5D-7E`, the characters both an RFC 6750 quoted
/// string and an RFC 6749 §5.2 `error_description` may hold: `"` and typographic quotes become
/// `'`, `\` becomes `/`, anything else outside printable ASCII is dropped.
pub(crate) struct QuotedText<'a>(pub(crate) &'a str);

impl fmt::Display for QuotedText<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for c in self.0.chars() {
            match c {
                '"' | '\u{2018}' | '\u{2019}' | '\u{201C}' | '\u{201D}' => f.write_char('\'')?,
                '\\' => f.write_char('/')?,
                ' '..='~' => f.write_char(c)?,
                _ => {}
            }
        }
        Ok(())
    }
}
