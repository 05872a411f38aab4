//! The fuzz targets' checks: each takes one input of arbitrary bytes, runs a parser or a
//! renderer of `authos-errors` on it, and panics if it panics or breaks one of its promises.
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
use authos_errors::client::{self, MAX_BODY_BYTES, ParseErrorKind, RetryDecision, WireFormat};
use authos_errors::problem::{self, ErrorFormat, ProblemConfig};
use authos_errors::response::{CapturedError, ErrorResponse, RenderContext};
use authos_errors::{ApiErrorCode, ApiErrorCodeExt, Detailed, disclosure};
use chrono::{DateTime, TimeZone, Utc};
use serde_json::Value;

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
    Target {
        name: "client_response",
        check: client_response,
    },
    Target {
        name: "render",
        check: render,
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

/// The statuses `client_response` passes as the HTTP status (`None`: unknown).
const HTTP_STATUSES: [Option<u16>; 8] = [
    None,
    Some(400),
    Some(401),
    Some(404),
    Some(409),
    Some(429),
    Some(500),
    Some(503),
];

/// The `Content-Type` values `client_response` passes.
const CONTENT_TYPES: [Option<&str>; 4] = [
    None,
    Some("application/json"),
    Some("application/problem+json; charset=utf-8"),
    Some("application/scim+json"),
];

/// The `AuthOS-Error-Code` values `client_response` passes: none, a catalog code, an unknown
/// one, and ones a server could not have sent.
const CODE_HEADERS: [Option<&str>; 4] = [
    None,
    Some("SCIM_USER_EXISTS"),
    Some("NOT_A_CODE"),
    Some("SCIM\u{1b}[0m USER"),
];

/// `client::parse_response_with_headers` on any bytes, with each status, content type and code
/// header: a typed result, never a panic; refusals of the right kind; a typed error has the
/// code read; `Display` never prints a control character.
///
/// The first byte picks the status, content type and code header; the rest is the body.
pub fn client_response(data: &[u8]) -> &'static str {
    let Some((&selector, body)) = data.split_first() else {
        return "empty";
    };
    let status = HTTP_STATUSES[usize::from(selector & 7)];
    let content_type = CONTENT_TYPES[usize::from((selector >> 3) & 3)];
    let code_header = CODE_HEADERS[usize::from(selector >> 5) % CODE_HEADERS.len()];
    let headers = [
        ("Content-Type", content_type),
        ("AuthOS-Error-Code", code_header),
    ];
    let present = headers
        .into_iter()
        .filter_map(|(name, value)| Some((name, value?)));
    let response = match client::parse_response_with_headers::<AuthOsError>(status, present, body) {
        Ok(response) => response,
        Err(err) => {
            assert_eq!(
                err.kind() == ParseErrorKind::TooLarge,
                body.len() > MAX_BODY_BYTES,
                "{err}"
            );
            assert!(!err.to_string().is_empty());
            return "refused";
        }
    };
    let shown = response.to_string();
    assert!(!shown.is_empty());
    assert!(!shown.chars().any(char::is_control), "{shown:?}");
    if let Some(code) = response.authos_code() {
        assert_eq!(code, response.code());
    }
    if let Some(error) = response.error() {
        assert_eq!(Some(error.code()), response.authos_code());
    }
    if let Some(status) = response.status() {
        assert!((100..=599).contains(&status), "{status}");
    }
    if let Some(id) = response.request_id() {
        assert!(
            !id.is_empty() && id.bytes().all(|b| b.is_ascii_graphic()),
            "{id:?}"
        );
    }
    match response.format() {
        WireFormat::AuthOsJson => "AuthOS JSON",
        WireFormat::ProblemJson => "problem+json",
        WireFormat::OAuth => "OAuth",
        WireFormat::Scim => "SCIM",
        _ => "other format",
    }
}

/// A service's own 5xx whose declared message interpolates a field.
#[derive(Debug, Clone, PartialEq, Eq, ApiErrorCode)]
enum StorageError {
    /// Storage unavailable
    #[code(
        "STORAGE_DOWN",
        status = 503,
        message = "Bucket {bucket} is unavailable"
    )]
    Down {
        /// The bucket, any text.
        bucket: String,
    },
}

/// An input of `render`, decoded.
struct RenderInput {
    entry: usize,
    flags: u8,
    delay: Duration,
    message: String,
    request_id: String,
    scope: String,
}

impl RenderInput {
    /// Byte 0: the error (a catalog row, or `StorageError`); byte 1: flags; bytes 2..14: the
    /// delay (seconds, little-endian u64, then nanoseconds); the rest, as lossy UTF-8, split
    /// at `\n`: the message, the request id and the required scope.
    fn decode(data: &[u8]) -> RenderInput {
        let byte = |i: usize| data.get(i).copied().unwrap_or(0);
        let mut seconds = [0; 8];
        for (i, slot) in seconds.iter_mut().enumerate() {
            *slot = byte(2 + i);
        }
        let nanos = u32::from_le_bytes([byte(10), byte(11), byte(12), byte(13)]) % 1_000_000_000;
        let text = String::from_utf8_lossy(data.get(14..).unwrap_or_default());
        let mut parts = text.splitn(3, '\n');
        let mut next = || parts.next().unwrap_or_default().to_owned();
        RenderInput {
            entry: usize::from(byte(0)),
            flags: byte(1),
            delay: Duration::new(u64::from_le_bytes(seconds), nanos),
            message: next(),
            request_id: next(),
            scope: next(),
        }
    }

    fn flag(&self, bit: u8) -> bool {
        self.flags & (1 << bit) != 0
    }

    /// `error` with the overrides the flags ask for.
    fn detailed<E: ApiErrorCode>(&self, error: E) -> Detailed<E> {
        let mut detailed = Detailed::new(error);
        if self.flag(0) {
            detailed = if self.flag(1) {
                detailed.with_public_message(self.message.clone())
            } else {
                detailed.with_message(self.message.clone())
            };
        }
        if self.flag(2) {
            detailed = detailed.with_retry_after(self.delay);
        }
        if self.flag(3) {
            detailed = detailed.with_required_scope(self.scope.clone());
        }
        detailed
    }
}

/// Every format's rendering (`response::CapturedError::render`) of a catalog error or a
/// templated 5xx with any message, public or not, any request id, delay and scope: never a
/// panic; every header printable ASCII; every body JSON with its format's members, showing the
/// text [`disclosure::body_message`] chooses; `Retry-After` the rounded-up, clamped delay; and
/// the crate's client reads each answer back to the same code, status and message.
pub fn render(data: &[u8]) -> &'static str {
    let input = RenderInput::decode(data);
    let catalog = AuthOsError::CATALOG;
    let (server_error, templated) = if input.entry < catalog.len() {
        let error = AuthOsError::from_code(catalog[input.entry].code).expect("a catalog code");
        let error = input.detailed(error);
        render_every_format(&error, &input);
        (error.info().is_server_error(), false)
    } else {
        let error = StorageError::Down {
            bucket: input.message.clone(),
        };
        render_every_format(&input.detailed(error), &input);
        (true, true)
    };
    match (templated, server_error, input.flag(0), input.flag(1)) {
        (true, _, false, _) => "templated 5xx",
        (true, _, true, false) => "templated 5xx, message withheld",
        (true, _, true, true) => "templated 5xx, public message",
        (false, false, false, _) => "catalog 4xx",
        (false, false, true, _) => "catalog 4xx, handler message",
        (false, true, false, _) => "catalog 5xx",
        (false, true, true, false) => "catalog 5xx, message withheld",
        (false, true, true, true) => "catalog 5xx, public message",
    }
}

fn render_every_format<E: ApiErrorCode>(error: &Detailed<E>, input: &RenderInput) {
    let config = ProblemConfig::default()
        .with_request_id_in_body(input.flag(4))
        .with_scim_authos_members(input.flag(5));
    let request_id = input.flag(6).then_some(input.request_id.as_str());
    let captured = CapturedError::capture(error);
    let text = disclosure::body_message(error);
    for format in [
        ErrorFormat::Json,
        ErrorFormat::ProblemJson,
        ErrorFormat::OAuth,
        ErrorFormat::Scim,
    ] {
        let context = RenderContext::new(format, &config).with_request_id(request_id);
        let response = captured.render(&context);
        check_headers(&response, error, input);
        let body: Value = serde_json::from_slice(&response.body)
            .unwrap_or_else(|e| panic!("{format:?}: not JSON ({e}): {:?}", response.body));
        let object = body.as_object().expect("a JSON object");
        let member = |name: &str| object.get(name).and_then(Value::as_str);
        let code = error.info().code;
        let shown = match format {
            ErrorFormat::Json => {
                assert_eq!(member("error_code"), Some(code));
                assert!(member("timestamp").is_some());
                member("error")
            }
            ErrorFormat::ProblemJson => {
                assert_eq!(member("error_code"), Some(code));
                assert_eq!(object["status"], response.status);
                assert!(member("type").is_some() && member("title").is_some());
                member("detail")
            }
            ErrorFormat::OAuth => {
                assert!(member("error").is_some());
                if let Some(description) = member("error_description") {
                    // RFC 6749 §5.2: %x20-21 / %x23-5B / %x5D-7E, at least one character.
                    assert!(!description.is_empty());
                    assert!(
                        description
                            .bytes()
                            .all(|b| matches!(b, 0x20..=0x21 | 0x23..=0x5b | 0x5d..=0x7e)),
                        "{description:?}"
                    );
                }
                None
            }
            _ => {
                let status = response.status.to_string();
                assert_eq!(member("status"), Some(status.as_str()));
                assert_eq!(
                    object["schemas"],
                    serde_json::json!(["urn:ietf:params:scim:api:messages:2.0:Error"])
                );
                let allowed: &[&str] = if input.flag(5) {
                    &[
                        "schemas",
                        "status",
                        "scimType",
                        "detail",
                        "error_code",
                        "timestamp",
                    ]
                } else {
                    &["schemas", "status", "scimType", "detail"]
                };
                assert!(
                    object.keys().all(|key| allowed.contains(&key.as_str())),
                    "{body}"
                );
                assert_eq!(response.header("authos-error-code"), Some(code));
                member("detail")
            }
        };
        if let Some(shown) = shown {
            assert_eq!(shown, text, "{format:?}");
        }
        read_back(&response, format, code, shown);
    }
}

/// Every header printable ASCII, names lowercase and sent once; `Retry-After` exact.
fn check_headers<E: ApiErrorCode>(response: &ErrorResponse, error: &E, input: &RenderInput) {
    for (i, (name, value)) in response.headers.iter().enumerate() {
        assert!(
            !name.is_empty() && name.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'),
            "{name:?}"
        );
        assert!(
            value.bytes().all(|b| (0x20..=0x7e).contains(&b)),
            "{name}: {value:?}"
        );
        assert!(
            response.headers[..i].iter().all(|(seen, _)| seen != name),
            "{name} sent twice"
        );
    }
    let expected = if input.flag(2) {
        let delay = input.delay;
        let seconds = delay
            .as_secs()
            .saturating_add(u64::from(delay.subsec_nanos() > 0));
        Some(seconds.min(problem::MAX_RETRY_AFTER_SECONDS))
    } else {
        error.info().retry_after.map(u64::from)
    };
    let sent = response.header("retry-after").map(|value| {
        value
            .parse::<u64>()
            .unwrap_or_else(|_| panic!("Retry-After: {value:?}"))
    });
    assert_eq!(sent, expected);
}

/// The crate's client reads `response` back as the format, code, status and message it was.
fn read_back(response: &ErrorResponse, format: ErrorFormat, code: &str, shown: Option<&str>) {
    let headers = response
        .headers
        .iter()
        .map(|(name, value)| (*name, value.as_ref()));
    let read = match client::parse_response_with_headers::<AuthOsError>(
        Some(response.status),
        headers,
        &response.body,
    ) {
        Ok(read) => read,
        // A handler's text is not bounded; the client's read is (`MAX_BODY_BYTES`).
        Err(e) if response.body.len() > MAX_BODY_BYTES => {
            assert_eq!(e.kind(), ParseErrorKind::TooLarge);
            return;
        }
        Err(e) => panic!("{format:?}: the client cannot read it: {e}"),
    };
    let expected_format = match format {
        ErrorFormat::Json => WireFormat::AuthOsJson,
        ErrorFormat::ProblemJson => WireFormat::ProblemJson,
        ErrorFormat::OAuth => WireFormat::OAuth,
        _ => WireFormat::Scim,
    };
    assert_eq!(read.format(), expected_format);
    assert_eq!(read.authos_code(), Some(code), "{format:?}");
    assert_eq!(read.status(), Some(response.status), "{format:?}");
    if let Some(shown) = shown {
        assert_eq!(read.message(), shown, "{format:?}");
    }
}
