//! RFC 9457 problem details (`application/problem+json`) for any catalog error, and the
//! pieces every HTTP integration shares: the [`ErrorFormat`]s and `Accept` negotiation, the
//! `Retry-After` value and the RFC 6750 `WWW-Authenticate` challenge.
//!
//! The whole response (status, headers, body bytes) of each format is built in one place, the
//! `response` module (features `axum` or `actix-web`); these pieces are public so that any other
//! server can answer exactly the same way.
//!
//! ```
//! use authos_errors::catalog::AuthenticationError;
//! use authos_errors::problem::{ProblemConfig, ProblemDetails};
//! use chrono::{TimeZone, Utc};
//!
//! let config = ProblemConfig::default();
//! let at = Utc.with_ymd_and_hms(2025, 1, 15, 10, 30, 0).unwrap();
//! let problem = ProblemDetails::at(&AuthenticationError::TokenExpired, &config, at);
//! assert_eq!(
//!     serde_json::to_string(&problem).unwrap(),
//!     concat!(
//!         r#"{"type":"https://docs.authos.dev/errors#TOKEN_EXPIRED","title":"JWT has expired","#,
//!         r#""status":401,"detail":"JWT has expired","error_code":"TOKEN_EXPIRED","#,
//!         r#""resolution":"Refresh using /api/auth/refresh","timestamp":"2025-01-15T10:30:00Z"}"#,
//!     )
//! );
//! ```

use std::borrow::Cow;
use std::fmt::{self, Write as _};
use std::time::Duration;

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde::ser::{SerializeStruct, Serializer};

use crate::body::WireTimestamp;
use crate::{ApiErrorCode, ErrorCodeInfo};

/// The `Content-Type` of the plain AuthOS body ([`ErrorBody`](crate::ErrorBody)).
pub const APPLICATION_JSON: &str = "application/json";

/// The `Content-Type` of an RFC 9457 problem document ([`ProblemDetails`]).
pub const APPLICATION_PROBLEM_JSON: &str = "application/problem+json";

/// The default prefix of a problem's `type` URI; the code is appended to it.
pub const DEFAULT_TYPE_BASE: &str = "https://docs.authos.dev/errors#";

/// The default `realm` of the `WWW-Authenticate: Bearer` challenge sent with a 401.
pub const DEFAULT_REALM: &str = "authos";

/// How problem documents and challenges are addressed: the base of the `type` URI and the
/// Bearer realm. The defaults are [`DEFAULT_TYPE_BASE`] and [`DEFAULT_REALM`].
///
/// ```
/// use authos_errors::problem::ProblemConfig;
///
/// let config = ProblemConfig::default()
///     .with_type_base("https://errors.example.com/")
///     .with_realm("example");
/// assert_eq!(config.type_uri("NOT_FOUND"), "https://errors.example.com/NOT_FOUND");
/// assert_eq!(config.realm(), "example");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProblemConfig {
    type_base: Cow<'static, str>,
    realm: Cow<'static, str>,
    request_id_in_body: bool,
}

impl Default for ProblemConfig {
    fn default() -> Self {
        ProblemConfig::DEFAULT
    }
}

impl ProblemConfig {
    /// [`ProblemConfig::default`], as a constant (for a `static` default).
    pub(crate) const DEFAULT: ProblemConfig = ProblemConfig {
        type_base: Cow::Borrowed(DEFAULT_TYPE_BASE),
        realm: Cow::Borrowed(DEFAULT_REALM),
        request_id_in_body: false,
    };

    /// Adds a `request_id` member (after `timestamp`) to the AuthOS JSON body of every error
    /// answered for a request that carried an `x-request-id`; off by default, so the body
    /// stays the reference's three keys. Problem documents always name the request in
    /// `instance` (see [`request_id`](crate::request_id)).
    ///
    /// ```
    /// use authos_errors::problem::ProblemConfig;
    /// assert!(ProblemConfig::default().with_request_id_in_body(true).request_id_in_body());
    /// assert!(!ProblemConfig::default().request_id_in_body());
    /// ```
    #[must_use]
    pub fn with_request_id_in_body(mut self, on: bool) -> Self {
        self.request_id_in_body = on;
        self
    }

    /// Whether the AuthOS body carries the request's id; see
    /// [`with_request_id_in_body`](Self::with_request_id_in_body).
    ///
    /// ```
    /// use authos_errors::problem::ProblemConfig;
    /// assert!(!ProblemConfig::default().request_id_in_body());
    /// ```
    #[must_use]
    pub fn request_id_in_body(&self) -> bool {
        self.request_id_in_body
    }

    /// Sets the prefix of every `type` URI (the code is appended as is, so end it with `#`,
    /// `/` or `=` as your documentation needs).
    ///
    /// ```
    /// use authos_errors::problem::ProblemConfig;
    /// let config = ProblemConfig::default().with_type_base("urn:problem:");
    /// assert_eq!(config.type_uri("CONFLICT"), "urn:problem:CONFLICT");
    /// ```
    #[must_use]
    pub fn with_type_base(mut self, base: impl Into<Cow<'static, str>>) -> Self {
        self.type_base = base.into();
        self
    }

    /// Sets the `realm` of the Bearer challenge.
    ///
    /// ```
    /// use authos_errors::problem::ProblemConfig;
    /// assert_eq!(ProblemConfig::default().with_realm("billing").realm(), "billing");
    /// ```
    #[must_use]
    pub fn with_realm(mut self, realm: impl Into<Cow<'static, str>>) -> Self {
        self.realm = realm.into();
        self
    }

    /// The prefix of every `type` URI.
    ///
    /// ```
    /// use authos_errors::problem::{DEFAULT_TYPE_BASE, ProblemConfig};
    /// assert_eq!(ProblemConfig::default().type_base(), DEFAULT_TYPE_BASE);
    /// ```
    #[must_use]
    pub fn type_base(&self) -> &str {
        &self.type_base
    }

    /// The realm of the Bearer challenge.
    ///
    /// ```
    /// use authos_errors::problem::{DEFAULT_REALM, ProblemConfig};
    /// assert_eq!(ProblemConfig::default().realm(), DEFAULT_REALM);
    /// ```
    #[must_use]
    pub fn realm(&self) -> &str {
        &self.realm
    }

    /// The `type` URI of `code`.
    ///
    /// ```
    /// use authos_errors::problem::ProblemConfig;
    /// assert_eq!(
    ///     ProblemConfig::default().type_uri("TOKEN_EXPIRED"),
    ///     "https://docs.authos.dev/errors#TOKEN_EXPIRED"
    /// );
    /// ```
    #[must_use]
    pub fn type_uri(&self, code: &str) -> String {
        format!("{}{code}", self.type_base)
    }
}

/// An RFC 9457 problem document for one error.
///
/// Members, in this order: `type` (the configured base + the code), `title` (the catalog
/// description), `status`, `detail` (the message, as in the `error` field of [`ErrorBody`](crate::ErrorBody)),
/// and the extension members `error_code`, `resolution` (left out when the catalog has none)
/// and `timestamp` (as in [`ErrorBody`](crate::ErrorBody): UTC, whole seconds, `Z`).
///
/// ```
/// use authos_errors::ApiErrorCodeExt;
/// use authos_errors::catalog::GeneralError;
/// use authos_errors::problem::{ProblemConfig, ProblemDetails};
/// use chrono::{TimeZone, Utc};
///
/// let err = GeneralError::NotFound.with_message("No organization `globex`");
/// let config = ProblemConfig::default().with_type_base("https://errors.example.com/");
/// let at = Utc.with_ymd_and_hms(2025, 1, 15, 10, 30, 0).unwrap();
/// let json = serde_json::to_string(&ProblemDetails::at(&err, &config, at)).unwrap();
/// assert_eq!(
///     json,
///     concat!(
///         r#"{"type":"https://errors.example.com/NOT_FOUND","title":"Requested resource does not exist","#,
///         r#""status":404,"detail":"No organization `globex`","error_code":"NOT_FOUND","#,
///         r#""timestamp":"2025-01-15T10:30:00Z"}"#,
///     )
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProblemDetails<'a> {
    /// The prefix of the `type` URI; the code follows it.
    pub type_base: &'a str,
    /// The `title` member: the catalog description.
    pub title: &'a str,
    /// The HTTP status.
    pub status: u16,
    /// The `detail` member: the error's message.
    pub detail: Cow<'a, str>,
    /// The machine-readable code (extension member `error_code`).
    pub error_code: &'a str,
    /// The catalog resolution hint (extension member `resolution`), if any.
    pub resolution: Option<&'a str>,
    /// When the error happened (extension member `timestamp`).
    pub timestamp: DateTime<Utc>,
}

impl<'a> ProblemDetails<'a> {
    /// The problem document of `error`, stamped now.
    ///
    /// ```
    /// use authos_errors::catalog::MfaError;
    /// use authos_errors::problem::{ProblemConfig, ProblemDetails};
    /// let config = ProblemConfig::default();
    /// let problem = ProblemDetails::new(&MfaError::InvalidMfaCode, &config);
    /// assert_eq!(problem.status, 400);
    /// assert_eq!(problem.type_uri(), "https://docs.authos.dev/errors#INVALID_MFA_CODE");
    /// ```
    #[must_use]
    pub fn new<E: ApiErrorCode + ?Sized>(error: &'a E, config: &'a ProblemConfig) -> Self {
        Self::at(error, config, Utc::now())
    }

    /// The problem document of `error`, stamped at `at`.
    ///
    /// ```
    /// use authos_errors::catalog::MfaError;
    /// use authos_errors::problem::{ProblemConfig, ProblemDetails};
    /// use chrono::{TimeZone, Utc};
    /// let config = ProblemConfig::default();
    /// let at = Utc.with_ymd_and_hms(2025, 1, 15, 10, 30, 0).unwrap();
    /// let problem = ProblemDetails::at(&MfaError::InvalidMfaCode, &config, at);
    /// assert_eq!(problem.timestamp, at);
    /// assert_eq!(problem.resolution, Some("Enter correct code"));
    /// ```
    #[must_use]
    pub fn at<E: ApiErrorCode + ?Sized>(
        error: &'a E,
        config: &'a ProblemConfig,
        at: DateTime<Utc>,
    ) -> Self {
        Self::from_parts(error.info(), error.message(), config, at)
    }

    pub(crate) fn from_parts(
        info: &ErrorCodeInfo,
        detail: Cow<'a, str>,
        config: &'a ProblemConfig,
        timestamp: DateTime<Utc>,
    ) -> Self {
        ProblemDetails {
            type_base: config.type_base(),
            title: info.description,
            status: info.status,
            detail,
            error_code: info.code,
            resolution: info.resolution,
            timestamp,
        }
    }

    /// The `type` member: the base followed by the code.
    ///
    /// ```
    /// use authos_errors::catalog::GeneralError;
    /// use authos_errors::problem::{ProblemConfig, ProblemDetails};
    /// let config = ProblemConfig::default().with_type_base("/errors/");
    /// assert_eq!(ProblemDetails::new(&GeneralError::Conflict, &config).type_uri(), "/errors/CONFLICT");
    /// ```
    #[must_use]
    pub fn type_uri(&self) -> String {
        TypeUri(self).to_string()
    }
}

/// `type_base` and `error_code` written back to back, without an intermediate `String`.
struct TypeUri<'p, 'a>(&'p ProblemDetails<'a>);

impl fmt::Display for TypeUri<'_, '_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0.type_base)?;
        f.write_str(self.0.error_code)
    }
}

impl Serialize for ProblemDetails<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let len = if self.resolution.is_some() { 7 } else { 6 };
        let mut doc = serializer.serialize_struct("ProblemDetails", len)?;
        doc.serialize_field("type", &Collected(TypeUri(self)))?;
        doc.serialize_field("title", self.title)?;
        doc.serialize_field("status", &self.status)?;
        doc.serialize_field("detail", &*self.detail)?;
        doc.serialize_field("error_code", self.error_code)?;
        match self.resolution {
            Some(resolution) => doc.serialize_field("resolution", resolution)?,
            None => doc.skip_field("resolution")?,
        }
        doc.serialize_field("timestamp", &WireTimestamp(self.timestamp))?;
        doc.end()
    }
}

/// Serialises a `Display` value as a string without an intermediate `String`.
struct Collected<T>(T);

impl<T: fmt::Display> Serialize for Collected<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&self.0)
    }
}

/// Which body (and which protocol's headers) an error response carries.
///
/// [`negotiate`](Self::negotiate) chooses between the first two from a request's `Accept`; the
/// protocol formats [`OAuth`](Self::OAuth) and [`Scim`](Self::Scim) are chosen by the route
/// (the endpoint's clients speak that protocol whatever they accept).
///
/// ```
/// use authos_errors::problem::ErrorFormat;
/// assert_eq!(ErrorFormat::Json.content_type(), "application/json");
/// assert_eq!(ErrorFormat::ProblemJson.content_type(), "application/problem+json");
/// assert_eq!(ErrorFormat::OAuth.content_type(), "application/json");
/// assert_eq!(ErrorFormat::Scim.content_type(), "application/scim+json");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum ErrorFormat {
    /// The AuthOS body ([`ErrorBody`](crate::ErrorBody)), `application/json`. The default.
    #[default]
    Json,
    /// An RFC 9457 document ([`ProblemDetails`]), `application/problem+json`.
    ProblemJson,
    /// An OAuth 2.0 token endpoint error (RFC 6749 §5.2,
    /// [`OAuthErrorBody`](crate::oauth::OAuthErrorBody)), `application/json`, not cacheable.
    OAuth,
    /// A SCIM 2.0 error (RFC 7644 §3.12, [`ScimErrorBody`](crate::scim::ScimErrorBody)),
    /// `application/scim+json`.
    Scim,
}

impl ErrorFormat {
    /// The `Content-Type` of this format.
    ///
    /// ```
    /// use authos_errors::problem::{ErrorFormat, APPLICATION_JSON};
    /// assert_eq!(ErrorFormat::default().content_type(), APPLICATION_JSON);
    /// ```
    #[must_use]
    pub const fn content_type(self) -> &'static str {
        match self {
            ErrorFormat::Json | ErrorFormat::OAuth => APPLICATION_JSON,
            ErrorFormat::ProblemJson => APPLICATION_PROBLEM_JSON,
            ErrorFormat::Scim => crate::scim::APPLICATION_SCIM_JSON,
        }
    }

    /// Chooses the format for a request's `Accept` header value (several header lines may be
    /// joined with `,`). `None` (no header) means plain JSON.
    ///
    /// Quality values are honoured the RFC 9110 way: each of the two media types gets the `q`
    /// of the most specific range that matches it (`application/problem+json`, then
    /// `application/*`, then `*/*`). Problem JSON is chosen only when the client prefers it
    /// strictly; a tie, `*/*`, an absent or unparsable header keep the AuthOS JSON body.
    ///
    /// ```
    /// use authos_errors::problem::ErrorFormat;
    ///
    /// assert_eq!(ErrorFormat::negotiate(Some("application/problem+json")), ErrorFormat::ProblemJson);
    /// assert_eq!(
    ///     ErrorFormat::negotiate(Some("application/json;q=0.5, application/problem+json")),
    ///     ErrorFormat::ProblemJson
    /// );
    /// assert_eq!(
    ///     ErrorFormat::negotiate(Some("application/problem+json;q=0.5, application/json")),
    ///     ErrorFormat::Json
    /// );
    /// assert_eq!(ErrorFormat::negotiate(Some("application/json, application/problem+json")), ErrorFormat::Json);
    /// assert_eq!(ErrorFormat::negotiate(Some("*/*")), ErrorFormat::Json);
    /// assert_eq!(ErrorFormat::negotiate(None), ErrorFormat::Json);
    /// ```
    #[must_use]
    pub fn negotiate(accept: Option<&str>) -> ErrorFormat {
        let Some(accept) = accept else {
            return ErrorFormat::Json;
        };
        let problem = quality_of(accept, "application", "problem+json");
        let json = quality_of(accept, "application", "json");
        if problem > json {
            ErrorFormat::ProblemJson
        } else {
            ErrorFormat::Json
        }
    }
}

/// The quality (in thousandths, 0..=1000) the `Accept` value gives to `kind/subtype`: that of
/// the most specific matching range, 0 when none matches.
fn quality_of(accept: &str, kind: &str, subtype: &str) -> u16 {
    // (specificity, quality) of the best match so far; specificity 3 = exact, 2 = kind/*, 1 = */*.
    let mut best: Option<(u8, u16)> = None;
    for range in accept.split(',') {
        let mut parts = range.split(';');
        let media = parts.next().unwrap_or_default().trim();
        let Some((range_kind, range_subtype)) = media.split_once('/') else {
            continue;
        };
        let (range_kind, range_subtype) = (range_kind.trim(), range_subtype.trim());
        let specificity = if range_kind == "*" && range_subtype == "*" {
            1
        } else if range_kind.eq_ignore_ascii_case(kind) && range_subtype == "*" {
            2
        } else if range_kind.eq_ignore_ascii_case(kind)
            && range_subtype.eq_ignore_ascii_case(subtype)
        {
            3
        } else {
            continue;
        };
        let mut quality = Some(1000);
        for parameter in parts {
            if let Some((name, value)) = parameter.split_once('=')
                && name.trim().eq_ignore_ascii_case("q")
            {
                quality = parse_quality(value.trim());
            }
        }
        // A range whose q does not parse says nothing usable about the client's preference.
        let Some(quality) = quality else { continue };
        if best.is_none_or(|(seen, _)| specificity > seen) {
            best = Some((specificity, quality));
        }
    }
    best.map_or(0, |(_, quality)| quality)
}

/// Parses an RFC 9110 qvalue (`0`, `0.5`, `1.000`) into thousandths.
fn parse_quality(text: &str) -> Option<u16> {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    if fraction.len() > 3 || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut thousandths: u16 = match whole {
        "0" => 0,
        "1" => 1000,
        _ => return None,
    };
    let mut scale = 100;
    for digit in fraction.bytes() {
        thousandths += u16::from(digit - b'0') * scale;
        scale /= 10;
    }
    (thousandths <= 1000).then_some(thousandths)
}

/// The `Retry-After` value, in whole seconds (rounded up, so a client never retries early),
/// when the error knows one.
///
/// ```
/// use std::time::Duration;
/// use authos_errors::ApiErrorCodeExt;
/// use authos_errors::catalog::GeneralError;
/// use authos_errors::problem::retry_after_seconds;
///
/// let err = GeneralError::RateLimitExceeded.with_retry_after(Duration::from_millis(1500));
/// assert_eq!(retry_after_seconds(&err), Some(2));
/// assert_eq!(retry_after_seconds(&GeneralError::RateLimitExceeded), None);
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

/// The RFC 6750 `WWW-Authenticate` challenge for a 401, `None` for any other status.
///
/// For `TOKEN_EXPIRED`, `JWT_ERROR` and `INVALID_SCIM_TOKEN` the challenge says
/// `error="invalid_token"` with the message as `error_description`; any other 401 gets the plain
/// `Bearer realm="..."` (RFC 6750 §3.1: no error information when the request lacked a usable
/// token). Characters a quoted `error_description` may not hold (`"`, `\`, non-ASCII) are
/// replaced so the header is always valid.
///
/// ```
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
/// ```
#[must_use]
pub fn www_authenticate<E: ApiErrorCode + ?Sized>(error: &E, realm: &str) -> Option<String> {
    challenge(error.info(), &error.message(), realm)
}

pub(crate) fn challenge(info: &ErrorCodeInfo, message: &str, realm: &str) -> Option<String> {
    if info.status != 401 {
        return None;
    }
    let mut header = String::from("Bearer realm=\"");
    push_quoted_text(&mut header, realm);
    header.push('"');
    if INVALID_TOKEN_CODES.contains(&info.code) {
        header.push_str(", error=\"invalid_token\", error_description=\"");
        push_quoted_text(&mut header, message);
        header.push('"');
    }
    Some(header)
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
