//! The fuzz targets' checks: each takes one input of arbitrary bytes, runs a client-side parser
//! of `authos-errors` on it, and panics if the parser panics or breaks one of its promises.
//!
//! Shared by the cargo-fuzz targets in `fuzz_targets/` (libFuzzer, nightly) and by the stable
//! driver in `stable/`, so both engines check exactly the same properties. Each check returns
//! the path the input took, so a driver can show how much of the parser a run reached.
//!
//! ```
//! let body = br#"{"error":"x","error_code":"X","timestamp":"2025-01-15T10:30:00Z"}"#;
//! assert_eq!(authos_errors_fuzz::client_body(body), "parsed, unknown code");
//! assert_eq!(authos_errors_fuzz::retry_after(b"\x00120"), "delay-seconds");
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

use std::time::Duration;

use authos_errors::catalog::{self, AuthOsError, AuthenticationError};
use authos_errors::client::{self, MAX_BODY_BYTES, ParseErrorKind, RetryDecision};
use authos_errors::problem::{self, ErrorFormat};
use authos_errors::{ApiErrorCode, ApiErrorCodeExt};
use chrono::{DateTime, TimeZone, Utc};

/// A fuzz target: a name (its seed directory and cargo-fuzz binary) and its check.
#[derive(Clone, Copy)]
pub struct Target {
    /// The name, as in `fuzz/seeds/<name>` and `cargo fuzz run <name>`.
    pub name: &'static str,
    /// Runs the target's checks on one input and says which path it took; panics on a finding.
    pub check: fn(&[u8]) -> &'static str,
}

/// Every target, for drivers that run them all.
pub const TARGETS: &[Target] = &[
    Target {
        name: "client_body",
        check: client_body,
    },
    Target {
        name: "retry_after",
        check: retry_after,
    },
    Target {
        name: "http_headers",
        check: http_headers,
    },
];

/// `client::parse` on any bytes: a typed result, never a panic; refusals are of the right
/// kind; and whatever parses survives being written back and parsed again.
pub fn client_body(data: &[u8]) -> &'static str {
    let response = match authos_errors::catalog::client::parse(data) {
        Ok(response) => response,
        Err(err) => {
            assert_eq!(
                err.kind() == ParseErrorKind::TooLarge,
                data.len() > MAX_BODY_BYTES,
                "{err}"
            );
            assert!(!err.to_string().is_empty());
            return match err.kind() {
                ParseErrorKind::TooLarge => "refused: too large",
                ParseErrorKind::Syntax => "refused: syntax",
                ParseErrorKind::UnexpectedEnd => "refused: unexpected end",
                ParseErrorKind::InvalidBody => "refused: invalid body",
                _ => "refused: other",
            };
        }
    };
    assert!(data.len() <= MAX_BODY_BYTES, "parsed {} bytes", data.len());
    assert!(!response.to_string().is_empty());
    // A known code is typed as the catalog entry with exactly that code.
    if let Some(error) = response.error() {
        assert_eq!(error.code(), response.code());
        assert_eq!(
            AuthOsError::from_code(response.code()).as_ref(),
            Some(error)
        );
    }

    let written = serde_json::to_string(response.body()).expect("a parsed body serialises");
    // Parsing refuses UTC years outside 0000..=9999, so whatever parsed can be written back.
    let again = authos_errors::catalog::client::parse(&written).unwrap_or_else(|err| {
        panic!("a body written from a parsed one does not parse: {err}\n{written}")
    });
    assert_eq!(again.code(), response.code());
    assert_eq!(again.message(), response.message());
    assert_eq!(again.error(), response.error());
    // The wire keeps whole seconds.
    assert_eq!(
        again.body().timestamp.timestamp(),
        response.body().timestamp.timestamp()
    );
    if response.error().is_some() {
        "parsed, catalog code"
    } else {
        "parsed, unknown code"
    }
}

/// `Retry-After` parsing and the retry decision on any header value, at several clocks
/// (chrono's extremes among them): never a panic, and the decision follows the status.
///
/// The first byte picks the clock and the attempt number; the rest, if UTF-8, is the value.
pub fn retry_after(data: &[u8]) -> &'static str {
    let Some((&selector, value)) = data.split_first() else {
        return "empty";
    };
    let Ok(value) = std::str::from_utf8(value) else {
        return "not UTF-8";
    };
    let clocks = [
        Utc.with_ymd_and_hms(2025, 1, 15, 10, 30, 0).single(),
        Utc.with_ymd_and_hms(1994, 11, 6, 8, 49, 37).single(),
        Some(DateTime::<Utc>::MIN_UTC),
        Some(DateTime::<Utc>::MAX_UTC),
    ];
    let now = clocks[usize::from(selector) % clocks.len()].expect("a valid date");
    let attempt = u32::from(selector) * 1_000_000;

    let delay = client::parse_retry_after(value, now);
    let trimmed = value.trim();
    let all_digits = !trimmed.is_empty() && trimmed.bytes().all(|b| b.is_ascii_digit());
    if all_digits {
        let expected = trimmed.parse::<u64>().unwrap_or(u64::MAX);
        assert_eq!(delay, Some(Duration::from_secs(expected)));
    }

    for status in [0, 400, 404, 429, 499, 500, 503, 599, 600] {
        let decision = RetryDecision::for_response_at(status, Some(value), attempt, now);
        let retryable = status == 429 || (500..=599).contains(&status);
        assert_eq!(
            decision.delay().is_some(),
            retryable,
            "{status}: {decision:?}"
        );
        if retryable {
            match delay {
                // Honoured exactly, up to the documented cap.
                Some(delay) => assert_eq!(
                    decision,
                    RetryDecision::RetryAfter(delay.min(client::DEFAULT_MAX_RETRY_AFTER))
                ),
                None => assert!(
                    matches!(decision, RetryDecision::Backoff(delay) if delay <= client::backoff_delay(attempt)),
                    "{decision:?}"
                ),
            }
        }
    }
    assert!(client::backoff_delay(attempt) <= Duration::from_secs(60));

    match delay {
        Some(_) if all_digits => "delay-seconds",
        Some(_) => "HTTP-date",
        None => "not a Retry-After value",
    }
}

/// The server side's parsing of request text and writing of header text: `Accept`
/// negotiation on any value, and the `WWW-Authenticate` challenge built from any message and
/// realm, which must stay one well-formed header (printable ASCII, no quote or backslash
/// smuggled into its quoted strings).
///
/// The input, if UTF-8, is the `Accept` value; split at its first `\n`, it is also the realm
/// and the message.
pub fn http_headers(data: &[u8]) -> &'static str {
    let Ok(text) = std::str::from_utf8(data) else {
        return "not UTF-8";
    };
    let format = ErrorFormat::negotiate(Some(text));

    let (realm, message) = text.split_once('\n').unwrap_or((text, text));
    let err = AuthenticationError::TokenExpired.with_message(message.to_owned());
    // AuthOS's invalid-token codes, under the fuzzed realm.
    let config = catalog::problem_config().with_realm(realm.to_owned());
    let header = problem::www_authenticate(&err, &config).expect("a 401 has a challenge");
    assert!(
        header.bytes().all(|b| (0x20..=0x7e).contains(&b)),
        "not a printable-ASCII header: {header:?}"
    );
    assert!(!header.contains('\\'), "{header:?}");
    // Exactly the six quotes of `realm="..."`, `error="..."` and `error_description="..."`.
    assert_eq!(header.matches('"').count(), 6, "{header:?}");
    assert!(header.starts_with("Bearer realm=\""), "{header:?}");

    match format {
        ErrorFormat::ProblemJson => "Accept: problem+json",
        ErrorFormat::Json => "Accept: json",
        // Negotiation only ever picks the two AuthOS formats; OAuth and SCIM are per route.
        _ => "Accept: other",
    }
}
