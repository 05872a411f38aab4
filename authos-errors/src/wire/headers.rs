//! Header values of an error answer: `Retry-After` and the RFC 6750 `WWW-Authenticate`
//! challenge, always valid header text whatever the message holds.

use std::fmt::{self, Write as _};
use std::time::Duration;

use super::config::ProblemConfig;
use crate::{ApiErrorCode, ErrorCodeInfo};

/// The longest `Retry-After` sent, in seconds: 2,147,483,647 (2^31 − 1, about 68 years); a
/// longer delay (up to `Duration::MAX`) is sent as this.
///
/// HTTP puts no bound on delay-seconds, but clients do: RFC 9111 §1.2.2 asks recipients of
/// delta-seconds for at least 31 bits and to read anything larger as 2^31, and a client that
/// parses into a signed 32-bit integer (Java's `Integer.parseInt`, for one) refuses a larger
/// value, and may then retry at once. This is the largest value all of them read as a delay,
/// and it still says "not in this lifetime" for a delay meant as "never"; every delay a handler
/// would plausibly mean (hours, days, a billing month) is sent exactly.
///
/// ```
/// use std::time::Duration;
/// use authos_errors::ApiErrorCodeExt;
/// use authos_errors::catalog::GeneralError;
/// use authos_errors::problem::{MAX_RETRY_AFTER_SECONDS, retry_after_seconds};
///
/// let forever = GeneralError::RateLimitExceeded.with_retry_after(Duration::MAX);
/// assert_eq!(retry_after_seconds(&forever), Some(MAX_RETRY_AFTER_SECONDS));
/// ```
pub const MAX_RETRY_AFTER_SECONDS: u64 = 2_147_483_647;

/// The `Retry-After` value, in whole seconds (rounded up, so a client never retries early),
/// when the error knows one: the delay set on the error, else its catalog entry's default.
/// A delay longer than [`MAX_RETRY_AFTER_SECONDS`] is that maximum.
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

/// `delay` in whole seconds, rounded up, at most [`MAX_RETRY_AFTER_SECONDS`] (saturating: the
/// round-up of `Duration::MAX` would overflow).
fn ceil_seconds(delay: Duration) -> u64 {
    delay
        .as_secs()
        .saturating_add(u64::from(delay.subsec_nanos() > 0))
        .min(MAX_RETRY_AFTER_SECONDS)
}

/// The RFC 6750 `WWW-Authenticate` challenge for a 401, or for a 403 that names the scope the
/// request lacked; `None` otherwise. `config` says the realm and which codes say
/// `invalid_token` ([`ProblemConfig::with_realm`](crate::problem::ProblemConfig::with_realm),
/// [`with_invalid_token_codes`](crate::problem::ProblemConfig::with_invalid_token_codes)); by default neither is set, and every 401
/// gets a bare `Bearer`.
///
/// On a 401 whose code is one of the config's invalid-token codes the challenge says
/// `error="invalid_token"` with the message as `error_description`; any other 401 gets the plain
/// challenge (RFC 6750 §3.1: no error information when the request lacked a usable token). On
/// a 403 whose error names the scope it needed
/// ([`Detailed::with_required_scope`](crate::Detailed::with_required_scope)) the challenge says
/// `error="insufficient_scope"` with the message and the `scope` (RFC 6750 §3.1); a 401 names
/// the scope too when the error knows it. Characters a quoted `error_description` may not hold
/// (`"`, `\`, line breaks, non-ASCII) are replaced so the header is always valid, as in the
/// OAuth body ([`OAuthErrorBody`](crate::oauth::OAuthErrorBody)): a line break becomes a space,
/// and a message of which nothing printable remains gives way to the catalog description. The
/// description is cut at [`MAX_CHALLENGE_DESCRIPTION_LEN`] bytes.
///
/// ```
/// use authos_errors::ApiErrorCodeExt;
/// use authos_errors::catalog::{self, AuthenticationError, GeneralError};
/// use authos_errors::problem::{ProblemConfig, www_authenticate};
///
/// // A service's own choices: the AuthOS catalog's realm and invalid-token codes.
/// let authos = catalog::problem_config();
/// assert_eq!(
///     www_authenticate(&AuthenticationError::TokenExpired, &authos).as_deref(),
///     Some(r#"Bearer realm="authos", error="invalid_token", error_description="JWT has expired""#)
/// );
/// assert_eq!(
///     www_authenticate(&AuthenticationError::InvalidCredentials, &authos).as_deref(),
///     Some(r#"Bearer realm="authos""#)
/// );
/// assert_eq!(www_authenticate(&GeneralError::Forbidden, &authos), None);
/// assert_eq!(
///     www_authenticate(&GeneralError::Forbidden.with_required_scope("write:users"), &authos).as_deref(),
///     Some(concat!(
///         r#"Bearer realm="authos", error="insufficient_scope", "#,
///         r#"error_description="Valid credentials but insufficient permissions", scope="write:users""#,
///     ))
/// );
/// // The generic default: no realm, no invalid-token code.
/// let plain = ProblemConfig::default();
/// assert_eq!(www_authenticate(&AuthenticationError::TokenExpired, &plain).as_deref(), Some("Bearer"));
/// ```
#[must_use]
pub fn www_authenticate<E: ApiErrorCode + ?Sized>(
    error: &E,
    config: &ProblemConfig,
) -> Option<String> {
    challenge(
        error.info(),
        &error.message(),
        config,
        error.required_scope(),
    )
}

pub(crate) fn challenge(
    info: &ErrorCodeInfo,
    message: &str,
    config: &ProblemConfig,
    scope: Option<&str>,
) -> Option<String> {
    let error = match (info.status, scope) {
        (401, _) if config.is_invalid_token(info) => Some("invalid_token"),
        (401, _) => None,
        (403, Some(_)) => Some("insufficient_scope"),
        _ => return None,
    };
    let mut header = String::from("Bearer");
    // The first parameter follows the scheme after a space, the others after a comma.
    let mut separator = " ";
    if let Some(realm) = config.realm() {
        header.push_str(" realm=\"");
        push_quoted_text(&mut header, realm);
        header.push('"');
        separator = ", ";
    }
    if let Some(error) = error {
        header.push_str(separator);
        header.push_str("error=\"");
        header.push_str(error);
        header.push('"');
        separator = ", ";
        // As in the OAuth body: the catalog description when nothing printable remains of the
        // message, no `error_description` (it is optional) when nothing remains of that either.
        let description = [message, info.description]
            .into_iter()
            .find(|text| !QuotedText(text).is_blank());
        if let Some(description) = description {
            header.push_str(", error_description=\"");
            push_challenge_description(&mut header, description);
            header.push('"');
        }
    }
    if let Some(scope) = scope.map(ScopeTokens).filter(|tokens| !tokens.is_empty()) {
        // Writing into a `String` cannot fail.
        let _ = write!(header, "{separator}scope=\"{scope}\"");
    }
    Some(header)
}

/// The longest `error_description` a `WWW-Authenticate` challenge carries, in bytes: 256. A
/// longer one is cut to 253 bytes and ends with `...`; the body still has the whole message.
///
/// The challenge is a response header, and the message is the handler's (it may quote
/// input): without a bound it grows with the message (100 KB has been seen), past what proxies
/// accept in a response's headers (nginx's default buffer for them is 4 or 8 KiB: a larger one
/// turns the answer into a 502). A description is a one-line hint for a developer; 256 bytes
/// hold any the AuthOS catalog has, several times over.
///
/// ```
/// use authos_errors::ApiErrorCodeExt;
/// use authos_errors::catalog::{self, AuthenticationError};
/// use authos_errors::problem::{MAX_CHALLENGE_DESCRIPTION_LEN, www_authenticate};
///
/// let long = AuthenticationError::TokenExpired.with_message("x".repeat(100_000));
/// let header = www_authenticate(&long, &catalog::problem_config()).unwrap();
/// let description = header.split("error_description=\"").nth(1).unwrap().trim_end_matches('"');
/// assert_eq!(description.len(), MAX_CHALLENGE_DESCRIPTION_LEN);
/// assert!(description.ends_with("xxx..."));
/// ```
pub const MAX_CHALLENGE_DESCRIPTION_LEN: usize = 256;

/// Appends `description` as a challenge's quoted `error_description`, cut to
/// [`MAX_CHALLENGE_DESCRIPTION_LEN`] bytes: the rest of a long message is never even read.
fn push_challenge_description(header: &mut String, description: &str) {
    /// Appends at most `room` bytes, then refuses, which stops the formatting.
    struct Bounded<'a> {
        out: &'a mut String,
        room: usize,
    }
    impl fmt::Write for Bounded<'_> {
        fn write_str(&mut self, text: &str) -> fmt::Result {
            if text.len() <= self.room {
                self.out.push_str(text);
                self.room -= text.len();
                return Ok(());
            }
            let mut end = self.room;
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            self.out.push_str(&text[..end]);
            self.room = 0;
            Err(fmt::Error)
        }
    }
    let start = header.len();
    // One byte more than the maximum: whether anything was cut.
    let mut bounded = Bounded {
        out: header,
        room: MAX_CHALLENGE_DESCRIPTION_LEN + 1,
    };
    // An error only says the room ran out, which the length says too.
    let _ = write!(bounded, "{}", QuotedText(description));
    if header.len() - start > MAX_CHALLENGE_DESCRIPTION_LEN {
        // `QuotedText` writes ASCII only: any byte is a char boundary.
        header.truncate(start + MAX_CHALLENGE_DESCRIPTION_LEN - "...".len());
        header.push_str("...");
    }
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
/// `'`, `\` becomes `/`, a run of whitespace and control characters (a line break, a tab, a
/// no-break space) becomes one space, so words never join (none at the very start or end), and
/// anything else outside printable ASCII is dropped. Plain spaces are kept as they are.
pub(crate) struct QuotedText<'a>(pub(crate) &'a str);

/// What one character of a [`QuotedText`] becomes.
enum Quoted {
    /// A printable character, or its stand-in.
    Visible(char),
    /// A plain space, kept as it is.
    Space,
    /// Whitespace or a control character: one space for the whole run.
    Separator,
    /// Anything else: dropped.
    Dropped,
}

fn quoted(c: char) -> Quoted {
    match c {
        '"' | '\u{2018}' | '\u{2019}' | '\u{201C}' | '\u{201D}' => Quoted::Visible('\''),
        '\\' => Quoted::Visible('/'),
        '!'..='~' => Quoted::Visible(c),
        ' ' => Quoted::Space,
        _ if c.is_whitespace() || c.is_control() => Quoted::Separator,
        _ => Quoted::Dropped,
    }
}

impl QuotedText<'_> {
    /// Whether nothing but spaces (or nothing at all) remains of the text: a message with no
    /// ASCII at all, say.
    pub(crate) fn is_blank(&self) -> bool {
        !self
            .0
            .chars()
            .any(|c| matches!(quoted(c), Quoted::Visible(_)))
    }
}

impl fmt::Display for QuotedText<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The run of spaces and separators since the last visible character, written when the
        // next one comes: as it was when it is plain spaces, else as one space.
        let mut spaces = 0;
        let mut separated = false;
        let mut started = false;
        for c in self.0.chars() {
            match quoted(c) {
                Quoted::Visible(visible) => {
                    if separated {
                        if started {
                            f.write_char(' ')?;
                        }
                    } else {
                        for _ in 0..spaces {
                            f.write_char(' ')?;
                        }
                    }
                    (spaces, separated, started) = (0, false, true);
                    f.write_char(visible)?;
                }
                Quoted::Space => spaces += 1,
                Quoted::Separator => separated = true,
                Quoted::Dropped => {}
            }
        }
        if !separated {
            for _ in 0..spaces {
                f.write_char(' ')?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::{MAX_RETRY_AFTER_SECONDS, ceil_seconds, retry_after_seconds};
    use crate::problem::ProblemConfig;
    use crate::{ApiErrorCode, ApiErrorCodeExt};

    /// A 429 of a catalog of the tests' own (no module below `catalog/` uses the AuthOS one).
    #[derive(Debug, ApiErrorCode)]
    enum Limited {
        /// Too many requests
        #[code("RATE_LIMIT_EXCEEDED", status = 429, retry_after = 60)]
        RateLimitExceeded,
    }

    /// A config that says `invalid_token` for `TOKEN_EXPIRED`, under the realm `authos`.
    fn invalid_token_config() -> ProblemConfig {
        ProblemConfig::default()
            .with_realm("authos")
            .with_invalid_token_codes(&["TOKEN_EXPIRED"])
    }

    #[test]
    fn retry_after_rounds_up_and_saturates_at_the_documented_maximum() {
        let cases = [
            (Duration::ZERO, 0),
            (Duration::from_nanos(1), 1),
            (Duration::from_millis(999), 1),
            (Duration::from_secs(1), 1),
            (Duration::new(1, 1), 2),
            (Duration::new(59, 999_999_999), 60),
            (Duration::from_secs(86_400 * 30), 86_400 * 30),
            (
                Duration::new(MAX_RETRY_AFTER_SECONDS - 1, 1),
                MAX_RETRY_AFTER_SECONDS,
            ),
            (
                Duration::from_secs(MAX_RETRY_AFTER_SECONDS),
                MAX_RETRY_AFTER_SECONDS,
            ),
            (
                Duration::new(MAX_RETRY_AFTER_SECONDS, 1),
                MAX_RETRY_AFTER_SECONDS,
            ),
            (Duration::from_secs(u64::MAX), MAX_RETRY_AFTER_SECONDS),
            // Its round-up overflows u64: it was sent as `Retry-After: 0`, "retry now".
            (Duration::MAX, MAX_RETRY_AFTER_SECONDS),
        ];
        for (delay, seconds) in cases {
            assert_eq!(ceil_seconds(delay), seconds, "{delay:?}");
        }
        let forever = Limited::RateLimitExceeded.with_retry_after(Duration::MAX);
        assert_eq!(retry_after_seconds(&forever), Some(2_147_483_647));
    }

    #[test]
    fn quoted_text_turns_separators_into_one_space() {
        let cases = [
            ("line one\nline two", "line one line two"),
            ("a\r\n\tb", "a b"),
            ("a \n b", "a b"),
            ("a\u{2028}b\u{a0}c\u{85}d", "a b c d"),
            ("red\u{1b}[0m", "red [0m"),
            ("a  b", "a  b"),
            ("  indented", "  indented"),
            ("\nfirst\r\n", "first"),
            ("Caf\u{e9} \u{201C}ok\u{201D} C:\\x", "Caf 'ok' C:/x"),
            ("\u{65e5}\u{672c}\u{8a9e}", ""),
        ];
        for (text, quoted) in cases {
            assert_eq!(super::QuotedText(text).to_string(), quoted, "{text:?}");
        }
        assert!(super::QuotedText("\u{65e5}\u{672c} \n ").is_blank());
        assert!(super::QuotedText("").is_blank());
        assert!(!super::QuotedText("\u{65e5}\"").is_blank());
    }

    #[test]
    fn a_challenge_description_falls_back_then_is_left_out() {
        use crate::ErrorCodeInfo;
        let config = invalid_token_config();
        let ascii = ErrorCodeInfo::new("TOKEN_EXPIRED", 401, "JWT has expired");
        assert_eq!(
            super::challenge(&ascii, "\u{30c8}\u{30fc}\u{30af}\u{30f3}", &config, None).as_deref(),
            Some(
                r#"Bearer realm="authos", error="invalid_token", error_description="JWT has expired""#
            )
        );
        assert_eq!(
            super::challenge(&ascii, "expired\r\nat noon", &config, None).as_deref(),
            Some(
                r#"Bearer realm="authos", error="invalid_token", error_description="expired at noon""#
            )
        );
        let japanese = ErrorCodeInfo::new("TOKEN_EXPIRED", 401, "\u{671f}\u{9650}\u{5207}\u{308c}");
        assert_eq!(
            super::challenge(&japanese, "\u{30c8}\u{30fc}\u{30af}\u{30f3}", &config, None)
                .as_deref(),
            Some(r#"Bearer realm="authos", error="invalid_token""#)
        );
    }

    #[test]
    fn without_a_realm_the_first_parameter_follows_the_scheme() {
        use crate::ErrorCodeInfo;
        let generic = ProblemConfig::default();
        let expired = ErrorCodeInfo::new("TOKEN_EXPIRED", 401, "JWT has expired");
        let forbidden = ErrorCodeInfo::new("FORBIDDEN", 403, "Not allowed");
        let cases = [
            (&generic, &expired, None, Some("Bearer")),
            (
                &generic,
                &expired,
                Some("read"),
                Some(r#"Bearer scope="read""#),
            ),
            (
                &generic,
                &forbidden,
                Some("write"),
                Some(r#"Bearer error="insufficient_scope", error_description="no", scope="write""#),
            ),
            (&generic, &forbidden, None, None),
        ];
        for (config, info, scope, expected) in cases {
            assert_eq!(
                super::challenge(info, "no", config, scope).as_deref(),
                expected,
                "{} {scope:?}",
                info.code
            );
        }
        let config = ProblemConfig::default().with_invalid_token_codes(&["TOKEN_EXPIRED"]);
        assert_eq!(
            super::challenge(&expired, "gone", &config, Some("read")).as_deref(),
            Some(r#"Bearer error="invalid_token", error_description="gone", scope="read""#)
        );
        // The code alone is not enough: the entry must be a 401.
        let teapot = ErrorCodeInfo::new("TOKEN_EXPIRED", 418, "Short and stout");
        assert_eq!(super::challenge(&teapot, "x", &config, None), None);
    }

    #[test]
    fn a_challenge_description_is_cut_at_the_documented_length() {
        use super::MAX_CHALLENGE_DESCRIPTION_LEN as MAX;
        use crate::ErrorCodeInfo;
        let info = ErrorCodeInfo::new("TOKEN_EXPIRED", 401, "JWT has expired");
        let config = invalid_token_config();
        let description = |message: &str| {
            let header = super::challenge(&info, message, &config, None).unwrap();
            let start = header.find("error_description=\"").unwrap() + 19;
            assert!(header.ends_with('"'), "{header}");
            header[start..header.len() - 1].to_owned()
        };
        let fits = "a".repeat(MAX);
        assert_eq!(description(&fits), fits);
        let over = "b".repeat(MAX + 1);
        assert_eq!(description(&over), format!("{}...", "b".repeat(MAX - 3)));
        // 100 KB of message, multi-byte characters among it: 256 bytes of ASCII.
        let huge = "\u{e9}t\u{e9} ".repeat(25_000);
        let cut = description(&huge);
        assert_eq!(cut.len(), MAX);
        assert!(cut.starts_with("t t t") && cut.ends_with("..."), "{cut}");
        // What the message loses in restriction does not count.
        let dropped = format!("{}{}", "\u{e9}".repeat(10_000), "c".repeat(MAX));
        assert_eq!(description(&dropped), "c".repeat(MAX));
    }

    #[cfg(feature = "http")]
    #[test]
    fn every_format_sends_the_clamped_retry_after() {
        use crate::response::{CapturedError, RenderContext};
        let forever = Limited::RateLimitExceeded.with_retry_after(Duration::MAX);
        for format in [
            crate::problem::ErrorFormat::Json,
            crate::problem::ErrorFormat::ProblemJson,
            crate::problem::ErrorFormat::OAuth,
            crate::problem::ErrorFormat::Scim,
        ] {
            let config = crate::problem::ProblemConfig::default();
            let response =
                CapturedError::capture(&forever).render(&RenderContext::new(format, &config));
            assert_eq!(
                response.header("retry-after"),
                Some("2147483647"),
                "{format:?}"
            );
        }
    }
}
