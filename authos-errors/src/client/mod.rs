//! Client side: parse an AuthOS error response back into a typed value, and decide what to do
//! about it the way the reference's troubleshooting guide says.
//!
//! [`parse_response`] reads a response body in every format the server writes (AuthOS JSON,
//! RFC 9457 problem+json, RFC 6749 OAuth, RFC 7644 SCIM; see [`WireFormat`]) into an
//! [`ErrorResponse`]: code, message and status, plus the catalog entry when the code is one the
//! client knows; [`parse_response_with_headers`] also reads the code a SCIM error sends in its
//! `AuthOS-Error-Code` header. [`parse`] reads the AuthOS JSON body (`&[u8]`, `&str`, `Vec<u8>`, ...) alone.
//! A code the client does not know is not an error (a newer server must not break an older
//! client); input that is not an error body is a [`ParseError`], never a panic.
//!
//! What a server adds to a body is read too, in every format: the `details` object
//! ([`ErrorResponse::details`]), the `errors` entries of a many-field failure
//! ([`ErrorResponse::field_errors`], each a [`FieldErrorEntry`] with its own code, message,
//! JSON Pointer and details) and the request id ([`ErrorResponse::request_id`], from
//! `request_id` or a problem's `instance: "urn:request:<id>"`). These names are in use
//! elsewhere with other shapes, so a value of another shape reads as absent instead of
//! failing the parse; given twice, like any member the client reads, it is a [`ParseError`].
//!
//! [`RetryDecision`] and [`BackoffPolicy`] say when to retry: 429 and 5xx only, after the
//! server's `Retry-After`, else after an exponential backoff with full jitter. With the
//! `reqwest` feature, the `reqwest` submodule does all of this for `reqwest::Response`.
//!
//! ```
//! use authos_errors::{ApiErrorCode, client::{self, RetryDecision}, catalog::AuthOsError};
//! use std::time::Duration;
//!
//! let body = br#"{"error":"JWT has expired","error_code":"TOKEN_EXPIRED","timestamp":"2025-01-15T10:30:00Z"}"#;
//! let response = authos_errors::catalog::client::parse(body)?;
//! assert_eq!(response.code(), "TOKEN_EXPIRED");
//! assert_eq!(response.error().map(|e| e.resolution()), Some(Some("Refresh using /api/auth/refresh")));
//! assert!(response.should_refresh_token());
//!
//! // 429 with `Retry-After: 30`: wait 30 seconds (long waits are capped at 5 minutes).
//! assert_eq!(
//!     RetryDecision::for_response(429, Some("30"), 0),
//!     RetryDecision::RetryAfter(Duration::from_secs(30)),
//! );
//! # Ok::<(), client::ParseError>(())
//! ```
//!
//! # Bounded work
//! Input longer than [`MAX_BODY_BYTES`] is refused before it is parsed, so time and memory are
//! linear in at most 64 KiB (`parse` makes a second pass for `details`, `errors` and
//! `request_id`, still linear). Nesting cannot exhaust the stack: values under keys the client
//! ignores are skipped by serde_json without recursion, nesting where a string or the body is
//! expected is refused at its first bracket, and serde_json's recursion limit (128) stays on
//! for anything else. Bound the read of the response body itself too, in size and in time
//! (most HTTP clients can; the `reqwest` integration does), so a huge body is never buffered
//! in the first place and a trickling one never holds the caller for long.

use std::fmt;
use std::str::FromStr;
use std::time::Duration;

use chrono::{DateTime, NaiveDateTime, Utc};

use crate::{ErrorBody, ErrorCodeInfo};

mod backoff;
mod details;
mod formats;
#[cfg(feature = "tonic")]
pub mod grpc;
mod headers;
mod lookup;
#[cfg(feature = "reqwest")]
pub mod reqwest;
mod wire;

pub use backoff::{
    BackoffPolicy, DEFAULT_BACKOFF_BASE, DEFAULT_BACKOFF_CAP, DEFAULT_MAX_RETRY_AFTER, Jitter,
    is_retryable_status,
};
pub use details::FieldErrorEntry;
pub use formats::{
    OAuthFields, ProblemFields, ScimFields, WireFormat, parse_response, parse_response_with_headers,
};
pub use headers::ResponseHeaders;
pub use lookup::Catalog;

/// The largest response body [`parse`] reads: 64 KiB.
///
/// An AuthOS error body is three short strings, well under 1 KiB; anything past this limit is
/// not an error body, and refusing it up front bounds the parser's time and memory.
///
/// ```
/// use authos_errors::client::{self, MAX_BODY_BYTES, ParseErrorKind};
/// let huge = vec![b' '; MAX_BODY_BYTES + 1];
/// assert_eq!(authos_errors::catalog::client::parse(&huge).unwrap_err().kind(), ParseErrorKind::TooLarge);
/// ```
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// Parses an AuthOS JSON error body, looking its code up in `E`'s catalog (the AuthOS
/// catalog's reader is [`catalog::client::parse`](crate::catalog::client::parse)).
///
/// ```
/// use authos_errors::{ApiErrorCode, client};
///
/// #[derive(Debug, PartialEq, ApiErrorCode)]
/// enum BillingError {
///     /// Card was declined
///     #[code("CARD_DECLINED", status = 402)]
///     CardDeclined,
/// }
///
/// let response = client::parse::<BillingError>(r#"{"error":"Card was declined","error_code":"CARD_DECLINED","timestamp":"2025-01-15T10:30:00Z"}"#)?;
/// assert_eq!(response.error(), Some(&BillingError::CardDeclined));
///
/// // Unknown codes parse: the raw code is kept.
/// let newer = client::parse::<BillingError>(r#"{"error":"Quota hit","error_code":"QUOTA_EXCEEDED","timestamp":"2025-01-15T10:30:00Z"}"#)?;
/// assert_eq!((newer.code(), newer.error()), ("QUOTA_EXCEEDED", None));
///
/// // Anything else is a typed error.
/// let err = client::parse::<BillingError>("<html>Bad gateway</html>").unwrap_err();
/// assert_eq!(err.kind(), client::ParseErrorKind::Syntax);
/// # Ok::<(), client::ParseError>(())
/// ```
///
/// # Errors
/// A [`ParseError`] when the input is longer than [`MAX_BODY_BYTES`], is not JSON, ends early,
/// or is JSON but not an error body (a key missing or of the wrong type, a timestamp that is
/// not RFC 3339, a key given twice).
pub fn parse<E: Catalog>(input: impl AsRef<[u8]>) -> Result<ErrorResponse<E>, ParseError> {
    ErrorResponse::from_slice(input.as_ref())
}

/// A parsed error response: the body as sent and, when the code is in `E`'s catalog, the
/// typed error (the AuthOS catalog's: [`catalog::client::ErrorResponse`](crate::catalog::client::ErrorResponse)).
///
/// The body is owned, so the response outlives the buffer it was parsed from.
///
/// ```
/// use authos_errors::{ApiErrorCode, client::ErrorResponse, catalog::{AuthOsError, GeneralError}};
///
/// let response: ErrorResponse<AuthOsError> = r#"{"error":"No user 42","error_code":"NOT_FOUND","timestamp":"2025-01-15T10:30:00Z"}"#.parse()?;
/// assert_eq!(response.message(), "No user 42");
/// // A code listed in two groups resolves to its General Errors entry.
/// assert_eq!(response.error(), Some(&AuthOsError::General(GeneralError::NotFound)));
/// assert_eq!(response.info().map(|info| info.status), Some(404));
/// # Ok::<(), authos_errors::client::ParseError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorResponse<E> {
    body: ErrorBody<'static>,
    error: Option<E>,
    /// The catalog entry of the code, typed value or not.
    info: Option<&'static ErrorCodeInfo>,
    format: WireFormat,
    /// The body's own `status` member, else the HTTP status the caller gave.
    status: Option<u16>,
    timestamp_sent: bool,
    authos_code: bool,
    oauth: Option<OAuthFields>,
    scim: Option<ScimFields>,
    problem: Option<ProblemFields>,
    /// The `details` object.
    details: Option<serde_json::Value>,
    /// The `errors` array of a many-field failure.
    field_errors: Vec<FieldErrorEntry<E>>,
    /// `request_id`, else the id a `urn:request:` `instance` names.
    request_id: Option<String>,
    /// The HTTP response's headers it keeps (`Retry-After`).
    headers: ResponseHeaders,
}

impl<E: Catalog> ErrorResponse<E> {
    /// Parses a response body, looking its code up in `E`'s catalog.
    ///
    /// ```
    /// use authos_errors::{ApiErrorCode, client::ErrorResponse};
    ///
    /// #[derive(Debug, PartialEq, ApiErrorCode)]
    /// enum BillingError {
    ///     /// Card was declined
    ///     #[code("CARD_DECLINED", status = 402)]
    ///     CardDeclined,
    /// }
    ///
    /// let bytes = br#"{"error":"Card was declined","error_code":"CARD_DECLINED","timestamp":"2025-01-15T10:30:00Z"}"#;
    /// let response = ErrorResponse::<BillingError>::from_slice(bytes)?;
    /// assert_eq!(response.error(), Some(&BillingError::CardDeclined));
    /// # Ok::<(), authos_errors::client::ParseError>(())
    /// ```
    ///
    /// # Errors
    /// As [`parse`].
    pub fn from_slice(bytes: &[u8]) -> Result<Self, ParseError> {
        if bytes.len() > MAX_BODY_BYTES {
            return Err(ParseError {
                kind: ParseErrorKind::TooLarge,
                len: bytes.len(),
                reading: Reading::AuthOsBody,
                json: None,
            });
        }
        let refused = |json| ParseError {
            kind: kind_of(&json),
            len: bytes.len(),
            reading: Reading::AuthOsBody,
            json: Some(json),
        };
        let body: ErrorBody<'_> = serde_json::from_slice(bytes).map_err(refused)?;
        // A second, allocation-light pass over a body already known to be a JSON object: the
        // three keys keep `ErrorBody`'s rules, and the structured members are read by the
        // same code as `parse_response`'s.
        let details::ExtensionsOnly(extensions) = serde_json::from_slice(bytes).map_err(refused)?;
        let mut response = Self::from_body(body);
        response.details = extensions.details;
        response.field_errors = extensions
            .errors
            .into_iter()
            .map(details::RawEntry::typed)
            .collect();
        response.request_id = extensions.request_id;
        Ok(response)
    }

    /// Types a body parsed some other way (e.g. by the HTTP client's JSON support).
    ///
    /// ```
    /// use authos_errors::{ErrorBody, catalog::AuthOsError, client::ErrorResponse};
    /// let body: ErrorBody = serde_json::from_str(
    ///     r#"{"error":"Slow down","error_code":"RATE_LIMIT_EXCEEDED","timestamp":"2025-01-15T10:30:00Z"}"#,
    /// ).unwrap();
    /// let response: ErrorResponse<AuthOsError> = ErrorResponse::from_body(body);
    /// assert!(response.error().is_some());
    /// ```
    #[must_use]
    pub fn from_body(body: ErrorBody<'_>) -> Self {
        let (info, error) = E::lookup(&body.error_code);
        ErrorResponse {
            body: body.into_owned(),
            error,
            info,
            format: WireFormat::AuthOsJson,
            status: None,
            timestamp_sent: true,
            authos_code: true,
            oauth: None,
            scim: None,
            problem: None,
            details: None,
            field_errors: Vec::new(),
            request_id: None,
            headers: ResponseHeaders::new(),
        }
    }
}

/// The kind of refusal a serde_json error means.
fn kind_of(json: &serde_json::Error) -> ParseErrorKind {
    match json.classify() {
        serde_json::error::Category::Eof => ParseErrorKind::UnexpectedEnd,
        serde_json::error::Category::Data => ParseErrorKind::InvalidBody,
        // `Io` cannot happen reading a slice; report it as what it would mean.
        serde_json::error::Category::Syntax | serde_json::error::Category::Io => {
            ParseErrorKind::Syntax
        }
    }
}

impl<E: Catalog> FromStr for ErrorResponse<E> {
    type Err = ParseError;

    fn from_str(text: &str) -> Result<Self, ParseError> {
        Self::from_slice(text.as_bytes())
    }
}

impl<E> ErrorResponse<E> {
    /// The body as the server sent it.
    ///
    /// ```
    /// let response = authos_errors::catalog::client::parse(
    ///     r#"{"error":"x","error_code":"CONFLICT","timestamp":"2025-01-15T10:30:00Z"}"#,
    /// )?;
    /// assert_eq!(response.body().timestamp.to_rfc3339(), "2025-01-15T10:30:00+00:00");
    /// # Ok::<(), authos_errors::client::ParseError>(())
    /// ```
    #[must_use]
    pub fn body(&self) -> &ErrorBody<'static> {
        &self.body
    }

    /// The machine-readable code as sent, known or not.
    ///
    /// ```
    /// let response = authos_errors::catalog::client::parse(
    ///     r#"{"error":"x","error_code":"SOMETHING_NEW","timestamp":"2025-01-15T10:30:00Z"}"#,
    /// )?;
    /// assert_eq!(response.code(), "SOMETHING_NEW");
    /// # Ok::<(), authos_errors::client::ParseError>(())
    /// ```
    #[must_use]
    pub fn code(&self) -> &str {
        &self.body.error_code
    }

    /// The human-readable message as sent (it may be more specific than the catalog's description).
    ///
    /// The text is the server's, unchanged: control characters (a line break, an escape
    /// sequence) included. Write it to a terminal or a log through the response's `Display`,
    /// which escapes them, or escape it yourself.
    ///
    /// ```
    /// let response = authos_errors::catalog::client::parse(
    ///     r#"{"error":"`email` is required","error_code":"BAD_REQUEST","timestamp":"2025-01-15T10:30:00Z"}"#,
    /// )?;
    /// assert_eq!(response.message(), "`email` is required");
    /// # Ok::<(), authos_errors::client::ParseError>(())
    /// ```
    #[must_use]
    pub fn message(&self) -> &str {
        &self.body.error
    }

    /// The typed error when the code is in the catalog and the catalog can build a value from
    /// a code alone ([`Catalog`]), `None` for a code this client does not know (or a variant
    /// with data: its entry is [`info`](Self::info)).
    ///
    /// ```
    /// use authos_errors::catalog::{AuthOsError, ScimError};
    /// let response = authos_errors::catalog::client::parse(
    ///     r#"{"error":"x","error_code":"SCIM_FILTER_INVALID","timestamp":"2025-01-15T10:30:00Z"}"#,
    /// )?;
    /// assert_eq!(response.error(), Some(&AuthOsError::Scim(ScimError::ScimFilterInvalid)));
    /// # Ok::<(), authos_errors::client::ParseError>(())
    /// ```
    #[must_use]
    pub fn error(&self) -> Option<&E> {
        self.error.as_ref()
    }

    /// The body's `details` object: the values the message was built from (`{"min": 3}`),
    /// `None` when the body has none (or sends something other than an object there).
    ///
    /// ```
    /// let response = authos_errors::catalog::client::parse(
    ///     r#"{"error":"Slug must be at least 3 characters","error_code":"SLUG_TOO_SHORT","timestamp":"2025-01-15T10:30:00Z","details":{"min":3}}"#,
    /// )?;
    /// assert_eq!(response.details().and_then(|d| d["min"].as_u64()), Some(3));
    /// # Ok::<(), authos_errors::client::ParseError>(())
    /// ```
    #[must_use]
    pub fn details(&self) -> Option<&serde_json::Value> {
        self.details.as_ref()
    }

    /// The entries of a many-field failure's `errors` array, in the order sent; empty when the
    /// body has none (or its `errors` is not an array). An entry without a string
    /// `error_code`, `error` and `pointer` is skipped, alone: the others are still read (a
    /// `details` that is not an object reads as absent).
    ///
    /// ```
    /// let response = authos_errors::catalog::client::parse(concat!(
    ///     r#"{"error":"Invalid request parameters or malformed JSON","error_code":"BAD_REQUEST","timestamp":"2025-01-15T10:30:00Z","#,
    ///     r#""errors":[{"error_code":"INVALID_EMAIL","error":"Invalid email format","pointer":"/email"},"#,
    ///     r#"{"error_code":"WEAK_PASSWORD","error":"Password must be at least 8 characters","pointer":"/password","details":{"min":8}}]}"#,
    /// ))?;
    /// let pointers: Vec<_> = response.field_errors().iter().map(|e| (e.pointer(), e.code())).collect();
    /// assert_eq!(pointers, [("/email", "INVALID_EMAIL"), ("/password", "WEAK_PASSWORD")]);
    /// # Ok::<(), authos_errors::client::ParseError>(())
    /// ```
    #[must_use]
    pub fn field_errors(&self) -> &[FieldErrorEntry<E>] {
        &self.field_errors
    }

    /// The id of the request that failed, to quote to support: the body's `request_id` member
    /// when it is a string, else the id a problem document's `instance` names
    /// (`urn:request:<id>`, percent-decoded). Any other `instance` is not a request id; read it
    /// with [`ProblemFields::instance`].
    ///
    /// An id is checked as the server checks the ids it echoes
    /// ([`RequestId::parse`](crate::request_id::RequestId::parse)): 1 to
    /// [`request_id::MAX_LEN`](crate::request_id::MAX_LEN) visible ASCII characters. Anything
    /// else (a CR or LF that would forge a log line, an escape sequence, a space) is `None`, so
    /// the id can go into a log or a header as it is.
    ///
    /// ```
    /// let problem = authos_errors::catalog::client::parse_response(
    ///     Some(500),
    ///     Some("application/problem+json"),
    ///     r#"{"title":"Database operation failed","status":500,"instance":"urn:request:a%23b","error_code":"DATABASE_ERROR"}"#,
    /// )?;
    /// assert_eq!(problem.request_id(), Some("a#b"));
    /// let body = authos_errors::catalog::client::parse(
    ///     r#"{"error":"x","error_code":"DATABASE_ERROR","timestamp":"2025-01-15T10:30:00Z","request_id":"req-42"}"#,
    /// )?;
    /// assert_eq!(body.request_id(), Some("req-42"));
    /// # Ok::<(), authos_errors::client::ParseError>(())
    /// ```
    #[must_use]
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// The body, detached from the typed error.
    ///
    /// ```
    /// let response = authos_errors::catalog::client::parse(
    ///     r#"{"error":"x","error_code":"CONFLICT","timestamp":"2025-01-15T10:30:00Z"}"#,
    /// )?;
    /// assert_eq!(response.into_body().error_code, "CONFLICT");
    /// # Ok::<(), authos_errors::client::ParseError>(())
    /// ```
    #[must_use]
    pub fn into_body(self) -> ErrorBody<'static> {
        self.body
    }
}

impl<E> ErrorResponse<E> {
    /// The catalog entry of a known code: status, description, resolution, group; found in
    /// any catalog, an enum with data variants included.
    ///
    /// ```
    /// let response = authos_errors::catalog::client::parse(
    ///     r#"{"error":"x","error_code":"WEAK_PASSWORD","timestamp":"2025-01-15T10:30:00Z"}"#,
    /// )?;
    /// let info = response.info().unwrap();
    /// assert_eq!(info.resolution, Some("Use stronger password (min 8 chars)"));
    /// # Ok::<(), authos_errors::client::ParseError>(())
    /// ```
    #[must_use]
    pub fn info(&self) -> Option<&'static ErrorCodeInfo> {
        self.info
    }
}

/// `CODE: message`, e.g. `TOKEN_EXPIRED: JWT has expired`, with the control characters a
/// server may have put in either written as escapes (`\n`, `\r`, `\t`, `\u{1b}`), as are the
/// Unicode line separators and bidirectional overrides: one response is one line of a log,
/// however hostile the server. [`message`](ErrorResponse::message) keeps the text as sent.
///
/// ```
/// let response = authos_errors::catalog::client::parse(
///     "{\"error\":\"bad\\r\\nINFO forged line\",\"error_code\":\"CONFLICT\",\"timestamp\":\"2025-01-15T10:30:00Z\"}",
/// )?;
/// assert_eq!(response.to_string(), r"CONFLICT: bad\r\nINFO forged line");
/// assert_eq!(response.message(), "bad\r\nINFO forged line");
/// # Ok::<(), authos_errors::client::ParseError>(())
/// ```
impl<E> fmt::Display for ErrorResponse<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", Escaped(self.code()), Escaped(self.message()))
    }
}

/// Server text for a log line or a terminal: control characters, the Unicode line and
/// paragraph separators and the bidirectional formatting characters (which can reorder what a
/// reader sees) written as Rust escapes; everything else as it is.
pub(crate) struct Escaped<'a>(pub(crate) &'a str);

impl fmt::Display for Escaped<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut rest = self.0;
        while let Some(at) = rest.find(needs_escape) {
            f.write_str(&rest[..at])?;
            let c = rest[at..].chars().next().unwrap_or_default();
            match c {
                '\n' => f.write_str("\\n")?,
                '\r' => f.write_str("\\r")?,
                '\t' => f.write_str("\\t")?,
                _ => write!(f, "{}", c.escape_unicode())?,
            }
            rest = &rest[at + c.len_utf8()..];
        }
        f.write_str(rest)
    }
}

fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{2028}' | '\u{2029}' | '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
        )
}

/// A response is an error an SDK can return as is.
impl<E: fmt::Debug> std::error::Error for ErrorResponse<E> {}

/// Why a response body is not an AuthOS error body.
///
/// ```
/// use authos_errors::client::{self, ParseErrorKind};
/// let err = authos_errors::catalog::client::parse(r#"{"error":"x","error_code":"X""#).unwrap_err();
/// assert_eq!(err.kind(), ParseErrorKind::UnexpectedEnd);
/// assert!(err.to_string().starts_with("the error response ends before its JSON is complete"));
/// ```
#[derive(Debug)]
pub struct ParseError {
    kind: ParseErrorKind,
    len: usize,
    reading: Reading,
    json: Option<serde_json::Error>,
}

/// What the refused input was read as, for the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reading {
    /// `parse`: the AuthOS JSON body only.
    AuthOsBody,
    /// `parse_response`: any format the server writes.
    AnyFormat,
    /// A response body read from the network, cut off past the limit (`len` bytes read).
    Streamed,
}

/// The kind of a [`ParseError`].
///
/// ```
/// use authos_errors::client::{self, ParseErrorKind};
/// let err = authos_errors::catalog::client::parse(r#"{"error":"x","error_code":42,"timestamp":"2025-01-15T10:30:00Z"}"#).unwrap_err();
/// assert_eq!(err.kind(), ParseErrorKind::InvalidBody);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ParseErrorKind {
    /// Longer than [`MAX_BODY_BYTES`]; not parsed at all.
    TooLarge,
    /// Not JSON: an HTML error page, garbage, invalid UTF-8, text after the JSON.
    Syntax,
    /// Empty, or cut off before the JSON is complete.
    UnexpectedEnd,
    /// JSON, but not an error body: not an object, a key missing, a value of the wrong type,
    /// a timestamp that is not RFC 3339, or a key given twice.
    InvalidBody,
}

impl ParseError {
    /// A body refused for its length before it was parsed: `len` bytes announced or, when
    /// `streamed`, read before reading stopped.
    #[cfg(feature = "reqwest")]
    pub(crate) fn too_large(len: usize, streamed: bool) -> Self {
        ParseError {
            kind: ParseErrorKind::TooLarge,
            len,
            reading: if streamed {
                Reading::Streamed
            } else {
                Reading::AnyFormat
            },
            json: None,
        }
    }

    /// What kind of input was refused.
    ///
    /// ```
    /// use authos_errors::client::{self, ParseErrorKind};
    /// assert_eq!(authos_errors::catalog::client::parse("").unwrap_err().kind(), ParseErrorKind::UnexpectedEnd);
    /// ```
    #[must_use]
    pub fn kind(&self) -> ParseErrorKind {
        self.kind
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.kind {
            ParseErrorKind::TooLarge if self.reading == Reading::Streamed => write!(
                f,
                "the error response is longer than the {MAX_BODY_BYTES} bytes an AuthOS error body can be (reading stopped after {} bytes)",
                self.len
            )?,
            ParseErrorKind::TooLarge => write!(
                f,
                "the error response is {} bytes, more than the {MAX_BODY_BYTES} bytes an AuthOS error body can be",
                self.len
            )?,
            ParseErrorKind::Syntax => f.write_str("the error response is not valid JSON")?,
            ParseErrorKind::UnexpectedEnd => {
                f.write_str("the error response ends before its JSON is complete")?;
            }
            ParseErrorKind::InvalidBody if self.reading == Reading::AuthOsBody => f.write_str(
                r#"the error response is not an AuthOS error body {"error": "...", "error_code": "...", "timestamp": "..."}"#,
            )?,
            ParseErrorKind::InvalidBody => f.write_str(
                "the error response is not an error body in any format AuthOS writes \
                 (AuthOS JSON, RFC 9457 problem+json, RFC 6749 OAuth, RFC 7644 SCIM)",
            )?,
        }
        match &self.json {
            Some(json) => write!(f, ": {json}"),
            None => Ok(()),
        }
    }
}

impl std::error::Error for ParseError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.json
            .as_ref()
            .map(|json| json as &(dyn std::error::Error + 'static))
    }
}

/// What a client should do after an error response, following the troubleshooting guide:
/// 429 and 5xx are worth retrying, honouring `Retry-After` (capped at
/// [`DEFAULT_MAX_RETRY_AFTER`]), else after an exponential backoff with full jitter
/// ([`BackoffPolicy`]); any other status needs a changed request, not a retry.
///
/// ```
/// use std::time::Duration;
/// use authos_errors::client::RetryDecision;
///
/// assert_eq!(RetryDecision::for_response(400, None, 0), RetryDecision::DoNotRetry);
/// assert_eq!(RetryDecision::for_response(503, Some("7"), 0), RetryDecision::RetryAfter(Duration::from_secs(7)));
/// // Somewhere in 0..=4 s: full jitter over the third backoff window.
/// let RetryDecision::Backoff(delay) = RetryDecision::for_response(500, None, 2) else { unreachable!() };
/// assert!(delay <= Duration::from_secs(4));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RetryDecision {
    /// Do not send the same request again (any status but 429 and 5xx).
    DoNotRetry,
    /// Retry after the delay the server asked for in `Retry-After` (zero for a date in the
    /// past; at most the policy's maximum, [`DEFAULT_MAX_RETRY_AFTER`] by default).
    RetryAfter(Duration),
    /// Retry after a jittered exponential backoff ([`BackoffPolicy::backoff`]): there was no
    /// usable `Retry-After`.
    Backoff(Duration),
}

impl RetryDecision {
    /// The decision for a response with HTTP `status` and the `Retry-After` header value
    /// `retry_after`, after `attempt` earlier retries (0 for the first), with the default
    /// [`BackoffPolicy`] (its jitter seeded once per process from the clock). An HTTP-date is
    /// measured from the system clock; see [`for_response_at`](Self::for_response_at).
    ///
    /// ```
    /// use authos_errors::client::RetryDecision;
    /// assert!(RetryDecision::for_response(429, None, 0).delay().is_some());
    /// assert!(RetryDecision::for_response(404, Some("10"), 0).delay().is_none());
    /// ```
    #[must_use]
    pub fn for_response(status: u16, retry_after: Option<&str>, attempt: u32) -> Self {
        Self::for_response_at(status, retry_after, attempt, Utc::now())
    }

    /// As [`for_response`](Self::for_response), measuring an HTTP-date `Retry-After` from `now`.
    /// For reproducible backoff delays, use a seeded [`BackoffPolicy::decide_at`].
    ///
    /// ```
    /// use std::time::Duration;
    /// use authos_errors::client::RetryDecision;
    /// use chrono::{TimeZone, Utc};
    ///
    /// let now = Utc.with_ymd_and_hms(2015, 10, 21, 7, 27, 0).unwrap();
    /// assert_eq!(
    ///     RetryDecision::for_response_at(503, Some("Wed, 21 Oct 2015 07:28:00 GMT"), 0, now),
    ///     RetryDecision::RetryAfter(Duration::from_secs(60)),
    /// );
    /// ```
    #[must_use]
    pub fn for_response_at(
        status: u16,
        retry_after: Option<&str>,
        attempt: u32,
        now: DateTime<Utc>,
    ) -> Self {
        backoff::shared_policy().decide_at(status, retry_after, attempt, now)
    }

    /// How long to wait before retrying, or `None` when the request should not be retried.
    ///
    /// ```
    /// use std::time::Duration;
    /// use authos_errors::client::RetryDecision;
    /// assert_eq!(RetryDecision::Backoff(Duration::from_secs(2)).delay(), Some(Duration::from_secs(2)));
    /// assert_eq!(RetryDecision::DoNotRetry.delay(), None);
    /// ```
    #[must_use]
    pub fn delay(&self) -> Option<Duration> {
        match *self {
            RetryDecision::DoNotRetry => None,
            RetryDecision::RetryAfter(delay) | RetryDecision::Backoff(delay) => Some(delay),
        }
    }
}

/// The backoff window before retry number `attempt + 1` with the default policy:
/// 1 s, 2 s, 4 s, ... doubling, at most 60 s ([`BackoffPolicy::backoff_ceiling`]). The
/// delay [`RetryDecision`] chooses is drawn at random from `0..=backoff_delay(attempt)`.
///
/// ```
/// use std::time::Duration;
/// use authos_errors::client::backoff_delay;
/// assert_eq!(backoff_delay(0), Duration::from_secs(1));
/// assert_eq!(backoff_delay(3), Duration::from_secs(8));
/// assert_eq!(backoff_delay(100), Duration::from_secs(60));
/// ```
#[must_use]
pub fn backoff_delay(attempt: u32) -> Duration {
    backoff::shared_policy().backoff_ceiling(attempt)
}

/// Reads a `Retry-After` header value: delay-seconds (`120`) or an HTTP-date in any of the
/// three forms HTTP allows (`Sun, 06 Nov 1994 08:49:37 GMT`, the obsolete
/// `Sunday, 06-Nov-94 08:49:37 GMT` and `Sun Nov  6 08:49:37 1994`), measured from `now`.
/// A date in the past is a zero delay; anything else is `None`.
///
/// ```
/// use std::time::Duration;
/// use authos_errors::client::parse_retry_after;
/// use chrono::{TimeZone, Utc};
///
/// let now = Utc.with_ymd_and_hms(1994, 11, 6, 8, 49, 0).unwrap();
/// assert_eq!(parse_retry_after("120", now), Some(Duration::from_secs(120)));
/// assert_eq!(parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", now), Some(Duration::from_secs(37)));
/// assert_eq!(parse_retry_after("soon", now), None);
/// ```
#[must_use]
pub fn parse_retry_after(value: &str, now: DateTime<Utc>) -> Option<Duration> {
    let value = value.trim();
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        // All digits, so the only failure left is overflow: a delay beyond u64 seconds.
        return Some(Duration::from_secs(value.parse().unwrap_or(u64::MAX)));
    }
    let date = http_date(value)?;
    Some((date - now).to_std().unwrap_or(Duration::ZERO))
}

/// An HTTP-date (RFC 9110 section 5.6.7) in any of its three forms.
fn http_date(value: &str) -> Option<DateTime<Utc>> {
    // IMF-fixdate is a subset of RFC 2822 dates.
    if value.ends_with(" GMT")
        && let Ok(date) = DateTime::parse_from_rfc2822(value)
    {
        return Some(date.with_timezone(&Utc));
    }
    ["%A, %d-%b-%y %H:%M:%S GMT", "%a %b %e %H:%M:%S %Y"]
        .iter()
        .find_map(|format| NaiveDateTime::parse_from_str(value, format).ok())
        .map(|naive| naive.and_utc())
}

#[cfg(test)]
mod tests {
    use super::{Escaped, parse, parse_response};
    use crate::ApiErrorCode;

    /// A catalog of the tests' own (no module below `catalog/` uses the AuthOS one).
    #[derive(Debug, PartialEq, ApiErrorCode)]
    enum Codes {
        /// Conflict
        #[code("CONFLICT", status = 409)]
        Conflict,
    }

    fn body(error: &str, code: &str, request_id: &str) -> String {
        serde_json::json!({
            "error": error,
            "error_code": code,
            "timestamp": "2025-01-15T10:30:00Z",
            "request_id": request_id,
        })
        .to_string()
    }

    #[test]
    fn request_ids_are_checked_as_the_server_checks_them() {
        let id_of = |id: &str| {
            parse::<Codes>(body("x", "CONFLICT", id))
                .unwrap()
                .request_id()
                .map(str::to_owned)
        };
        assert_eq!(id_of("req-42").as_deref(), Some("req-42"));
        let longest = "r".repeat(crate::request_id::MAX_LEN);
        assert_eq!(id_of(&longest), Some(longest.clone()));
        for hostile in [
            "req\r\nINFO forged".to_owned(),
            "\u{1b}[2Jwiped".to_owned(),
            "two words".to_owned(),
            "caf\u{e9}".to_owned(),
            String::new(),
            format!("{longest}r"),
        ] {
            assert_eq!(id_of(&hostile), None, "{hostile:?}");
        }
        // An unusable member does not hide the problem's `instance`.
        let problem =
            r#"{"title":"x","status":500,"instance":"urn:request:r-7","request_id":"a\nb"}"#;
        let response = parse_response::<Codes>(Some(500), None, problem).unwrap();
        assert_eq!(response.request_id(), Some("r-7"));
    }

    #[test]
    fn display_escapes_what_a_hostile_server_sends() {
        let response = parse::<Codes>(body(
            "line\r\nINFO forged \u{1b}[31mred\u{7}\ttab \u{2028}sep \u{202e}evil caf\u{e9} \u{1f512}",
            "CODE\n2",
            "r",
        ))
        .unwrap();
        assert_eq!(
            response.to_string(),
            r"CODE\n2: line\r\nINFO forged \u{1b}[31mred\u{7}\ttab \u{2028}sep \u{202e}evil café 🔒"
        );
        // The accessor keeps the text as sent.
        assert!(response.message().starts_with("line\r\n"));
        assert_eq!(Escaped("plain text").to_string(), "plain text");
        assert_eq!(Escaped("\u{85}\u{7f}").to_string(), r"\u{85}\u{7f}");
    }
}
