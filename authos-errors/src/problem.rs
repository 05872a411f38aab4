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

/// Where the AuthOS error reference (`docs/ERRORS.md`) is published, up to the fragment: the
/// `type` of an AuthOS catalog code is this followed by the code, the anchor of the code's row
/// in the reference ([`reference::Markdown`](crate::reference::Markdown) writes
/// `<a id="CODE"></a>` in front of each code).
pub const DEFAULT_TYPE_BASE: &str = "https://docs.authos.dev/errors#";

/// The `type` of a problem that documents nothing beyond its HTTP status (RFC 9457 §4.2.1).
pub const ABOUT_BLANK: &str = "about:blank";

/// The default `realm` of the `WWW-Authenticate: Bearer` challenge sent with a 401.
pub const DEFAULT_REALM: &str = "authos";

/// How problem documents and challenges are addressed: the base of the `type` URI and the
/// Bearer realm (default [`DEFAULT_REALM`]).
///
/// The `type` of a problem points at the documentation of its code, and never at a page that
/// does not document it ([`problem_type`](Self::problem_type)):
/// 1. the entry's own [`doc_url`](ErrorCodeInfo::doc_url), when it has one;
/// 2. else the base set with [`with_type_base`](Self::with_type_base), followed by the code;
/// 3. else, for a code of the AuthOS [`catalog`](crate::catalog), [`DEFAULT_TYPE_BASE`]
///    followed by the code (its row in the published AuthOS reference);
/// 4. else `about:blank`: the problem means no more than its HTTP status (RFC 9457 §4.2.1).
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
    /// `None` until the user sets a base.
    type_base: Option<Cow<'static, str>>,
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
        type_base: None,
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

    /// Sets the prefix of the `type` URI of every code without a `doc_url` of its own, AuthOS
    /// catalog codes included (the code is appended as is, so end it with `#`, `/` or `=` as
    /// your documentation needs). A reference rendered with
    /// [`reference::Markdown`](crate::reference::Markdown) has an anchor per code, so the
    /// address of that page followed by `#` makes every `type` point at its code's row.
    ///
    /// ```
    /// use authos_errors::problem::ProblemConfig;
    /// let config = ProblemConfig::default().with_type_base("urn:problem:");
    /// assert_eq!(config.type_uri("CONFLICT"), "urn:problem:CONFLICT");
    /// ```
    #[must_use]
    pub fn with_type_base(mut self, base: impl Into<Cow<'static, str>>) -> Self {
        self.type_base = Some(base.into());
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

    /// The base set with [`with_type_base`](Self::with_type_base), else [`DEFAULT_TYPE_BASE`]
    /// (which only AuthOS catalog codes use).
    ///
    /// ```
    /// use authos_errors::problem::{DEFAULT_TYPE_BASE, ProblemConfig};
    /// assert_eq!(ProblemConfig::default().type_base(), DEFAULT_TYPE_BASE);
    /// ```
    #[must_use]
    pub fn type_base(&self) -> &str {
        self.type_base.as_deref().unwrap_or(DEFAULT_TYPE_BASE)
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

    /// [`type_base`](Self::type_base) followed by `code`: the `type` URI of an AuthOS catalog
    /// code. For any entry, [`problem_type`](Self::problem_type) says which `type` it gets.
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
        format!("{}{code}", self.type_base())
    }

    /// The `type` of the problem documents of `entry` (see [`ProblemConfig`] for the order).
    ///
    /// ```
    /// use authos_errors::ErrorCodeInfo;
    /// use authos_errors::catalog::GeneralError;
    /// use authos_errors::problem::{ProblemConfig, ProblemType};
    /// use authos_errors::ApiErrorCode;
    ///
    /// const MINE: ErrorCodeInfo = ErrorCodeInfo::new("CARD_DECLINED", 402, "Card was declined");
    /// let config = ProblemConfig::default();
    /// assert_eq!(config.problem_type(&MINE), ProblemType::AboutBlank);
    /// assert_eq!(
    ///     config.problem_type(GeneralError::Conflict.info()).to_string(),
    ///     "https://docs.authos.dev/errors#CONFLICT"
    /// );
    /// let documented = MINE.with_doc_url("https://billing.example.com/errors/card-declined");
    /// assert_eq!(
    ///     config.problem_type(&documented),
    ///     ProblemType::Url("https://billing.example.com/errors/card-declined")
    /// );
    /// let based = ProblemConfig::default().with_type_base("https://billing.example.com/errors#");
    /// assert_eq!(based.problem_type(&MINE).to_string(), "https://billing.example.com/errors#CARD_DECLINED");
    /// ```
    #[must_use]
    pub fn problem_type<'a>(&'a self, entry: &ErrorCodeInfo) -> ProblemType<'a> {
        if let Some(url) = entry.doc_url {
            return ProblemType::Url(url);
        }
        let code = entry.code;
        match &self.type_base {
            Some(base) => ProblemType::Anchored { base, code },
            None if is_authos_entry(entry) => ProblemType::Anchored {
                base: DEFAULT_TYPE_BASE,
                code,
            },
            None => ProblemType::AboutBlank,
        }
    }
}

/// Whether `entry` is a row of the AuthOS catalog (itself, or spliced into an enum of the
/// user's by `#[code(transparent)]`): the only entries documented at [`DEFAULT_TYPE_BASE`].
fn is_authos_entry(entry: &ErrorCodeInfo) -> bool {
    use crate::catalog::AuthOsError;
    // A code shared by two groups has two entries; compare whole entries, so that an enum of
    // the user's declaring a code of the same name is not mistaken for the catalog's.
    <AuthOsError as ApiErrorCode>::CATALOG.contains(entry)
}

/// The `type` member of a problem document: what its problem type is documented by.
///
/// Displays as the URI sent.
///
/// ```
/// use authos_errors::problem::ProblemType;
/// assert_eq!(ProblemType::AboutBlank.to_string(), "about:blank");
/// let anchored = ProblemType::Anchored { base: "https://errors.example.com/#", code: "GONE" };
/// assert_eq!(anchored.to_string(), "https://errors.example.com/#GONE");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ProblemType<'a> {
    /// `about:blank` (RFC 9457 §4.2.1): nothing is documented beyond the HTTP status, so the
    /// `title` is the status's reason phrase (`"Payment Required"`).
    AboutBlank,
    /// The entry's own documentation page ([`ErrorCodeInfo::doc_url`]).
    Url(&'a str),
    /// A base followed by the code: the code's anchor in a generated reference.
    Anchored {
        /// The prefix (`"https://docs.authos.dev/errors#"`).
        base: &'a str,
        /// The code (`"TOKEN_EXPIRED"`).
        code: &'a str,
    },
}

impl fmt::Display for ProblemType<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            ProblemType::AboutBlank => f.write_str(ABOUT_BLANK),
            ProblemType::Url(url) => f.write_str(url),
            ProblemType::Anchored { base, code } => {
                f.write_str(base)?;
                f.write_str(code)
            }
        }
    }
}

/// The reason phrase RFC 9110 §15 (and RFCs 6585, 8470, 7725, 4918) recommend for an error
/// status: the `title` of an `about:blank` problem.
fn reason_phrase(status: u16) -> Option<&'static str> {
    Some(match status {
        400 => "Bad Request",
        401 => "Unauthorized",
        402 => "Payment Required",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        406 => "Not Acceptable",
        407 => "Proxy Authentication Required",
        408 => "Request Timeout",
        409 => "Conflict",
        410 => "Gone",
        411 => "Length Required",
        412 => "Precondition Failed",
        413 => "Content Too Large",
        414 => "URI Too Long",
        415 => "Unsupported Media Type",
        416 => "Range Not Satisfiable",
        417 => "Expectation Failed",
        421 => "Misdirected Request",
        422 => "Unprocessable Content",
        423 => "Locked",
        424 => "Failed Dependency",
        425 => "Too Early",
        426 => "Upgrade Required",
        428 => "Precondition Required",
        429 => "Too Many Requests",
        431 => "Request Header Fields Too Large",
        451 => "Unavailable For Legal Reasons",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        505 => "HTTP Version Not Supported",
        507 => "Insufficient Storage",
        508 => "Loop Detected",
        511 => "Network Authentication Required",
        _ => return None,
    })
}

/// An RFC 9457 problem document for one error.
///
/// Members, in this order: `type` (see [`ProblemConfig::problem_type`]), `title` (the catalog
/// description; the status's reason phrase when the `type` is `about:blank`), `status`, `detail` (the message, as in the `error` field of [`ErrorBody`](crate::ErrorBody)),
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
    /// The `type` member.
    pub problem_type: ProblemType<'a>,
    /// The `title` member: the catalog description, or the status's reason phrase for an
    /// `about:blank` problem (RFC 9457 §4.2.1).
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
        let problem_type = config.problem_type(info);
        let title = match problem_type {
            ProblemType::AboutBlank => reason_phrase(info.status).unwrap_or(info.description),
            _ => info.description,
        };
        ProblemDetails {
            problem_type,
            title,
            status: info.status,
            detail,
            error_code: info.code,
            resolution: info.resolution,
            timestamp,
        }
    }

    /// The `type` member, as sent.
    ///
    /// ```
    /// use authos_errors::catalog::GeneralError;
    /// use authos_errors::problem::{ProblemConfig, ProblemDetails};
    /// let config = ProblemConfig::default().with_type_base("/errors/");
    /// assert_eq!(ProblemDetails::new(&GeneralError::Conflict, &config).type_uri(), "/errors/CONFLICT");
    /// ```
    #[must_use]
    pub fn type_uri(&self) -> String {
        self.problem_type.to_string()
    }
}

impl Serialize for ProblemDetails<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let len = if self.resolution.is_some() { 7 } else { 6 };
        let mut doc = serializer.serialize_struct("ProblemDetails", len)?;
        doc.serialize_field("type", &Collected(self.problem_type))?;
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
    /// strictly; a tie, `*/*`, an absent or unparsable header keep the AuthOS JSON body. At
    /// most [`MAX_MEDIA_RANGES`] ranges are read.
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
        negotiate_ranges(accept.split(','))
    }
}

/// At most this many media ranges of a request's `Accept` (all its header lines together) are
/// read by [`ErrorFormat::negotiate`] and the HTTP layers, so a hostile header (a megabyte of
/// ranges) costs a bounded amount of work, as `Accept-Language` does (`l10n::MAX_LANGUAGE_RANGES`,
/// feature `fluent`). Browsers send at most 8; ranges past the 16th are ignored.
///
/// ```
/// use authos_errors::problem::{ErrorFormat, MAX_MEDIA_RANGES};
///
/// let padding = "text/html;q=0.1, ".repeat(MAX_MEDIA_RANGES);
/// let late = format!("{padding}application/problem+json");
/// assert_eq!(ErrorFormat::negotiate(Some(&late)), ErrorFormat::Json); // never read
/// let early = format!("application/problem+json, {padding}");
/// assert_eq!(ErrorFormat::negotiate(Some(&early)), ErrorFormat::ProblemJson);
/// ```
pub const MAX_MEDIA_RANGES: usize = 16;

/// The format the first [`MAX_MEDIA_RANGES`] of an `Accept` value's media ranges ask for:
/// problem+json when it gets a strictly higher quality than JSON.
pub(crate) fn negotiate_ranges<'h>(ranges: impl Iterator<Item = &'h str>) -> ErrorFormat {
    // (specificity, quality) of the best match so far for each of the two media types.
    let mut problem: Option<(u8, u16)> = None;
    let mut json: Option<(u8, u16)> = None;
    for range in ranges.take(MAX_MEDIA_RANGES) {
        // A range whose q does not parse says nothing usable about the client's preference.
        let Some((kind, subtype, quality)) = media_range(range) else {
            continue;
        };
        for (best, wanted) in [(&mut problem, "problem+json"), (&mut json, "json")] {
            if let Some(specificity) = specificity(kind, subtype, "application", wanted)
                && best.is_none_or(|(seen, _)| specificity > seen)
            {
                *best = Some((specificity, quality));
            }
        }
    }
    let quality = |best: Option<(u8, u16)>| best.map_or(0, |(_, quality)| quality);
    if quality(problem) > quality(json) {
        ErrorFormat::ProblemJson
    } else {
        ErrorFormat::Json
    }
}

/// One `Accept` media range as `(type, subtype, quality in thousandths)`; `None` when it is not
/// `type/subtype` or its `q` does not parse.
fn media_range(range: &str) -> Option<(&str, &str, u16)> {
    let mut parts = range.split(';');
    let media = parts.next().unwrap_or_default().trim();
    let (kind, subtype) = media.split_once('/')?;
    let mut quality = Some(1000);
    for parameter in parts {
        if let Some((name, value)) = parameter.split_once('=')
            && name.trim().eq_ignore_ascii_case("q")
        {
            quality = parse_quality(value.trim());
        }
    }
    Some((kind.trim(), subtype.trim(), quality?))
}

/// How specifically the range `range_kind/range_subtype` matches `kind/subtype`: 3 exactly,
/// 2 as `kind/*`, 1 as `*/*`; `None` when it does not match.
fn specificity(range_kind: &str, range_subtype: &str, kind: &str, subtype: &str) -> Option<u8> {
    if range_kind == "*" && range_subtype == "*" {
        Some(1)
    } else if range_kind.eq_ignore_ascii_case(kind) && range_subtype == "*" {
        Some(2)
    } else if range_kind.eq_ignore_ascii_case(kind) && range_subtype.eq_ignore_ascii_case(subtype) {
        Some(3)
    } else {
        None
    }
}

/// Parses an RFC 9110 qvalue (`0`, `0.5`, `1.000`) into thousandths: for `Accept` here and
/// `Accept-Language` in localisation.
pub(crate) fn parse_quality(text: &str) -> Option<u16> {
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
/// (`"`, `\`, line breaks, non-ASCII) are replaced so the header is always valid, as in the
/// OAuth body ([`OAuthErrorBody`](crate::oauth::OAuthErrorBody)): a line break becomes a space,
/// and a message of which nothing printable remains gives way to the catalog description. The
/// description is cut at [`MAX_CHALLENGE_DESCRIPTION_LEN`] bytes.
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
        header.push('"');
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
        let _ = write!(header, ", scope=\"{scope}\"");
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
/// use authos_errors::catalog::AuthenticationError;
/// use authos_errors::problem::{MAX_CHALLENGE_DESCRIPTION_LEN, www_authenticate};
///
/// let long = AuthenticationError::TokenExpired.with_message("x".repeat(100_000));
/// let header = www_authenticate(&long, "authos").unwrap();
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
    use crate::ApiErrorCodeExt;
    use crate::catalog::GeneralError;

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
        let forever = GeneralError::RateLimitExceeded.with_retry_after(Duration::MAX);
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
        let ascii = ErrorCodeInfo::new("TOKEN_EXPIRED", 401, "JWT has expired");
        assert_eq!(
            super::challenge(&ascii, "\u{30c8}\u{30fc}\u{30af}\u{30f3}", "authos", None).as_deref(),
            Some(
                r#"Bearer realm="authos", error="invalid_token", error_description="JWT has expired""#
            )
        );
        assert_eq!(
            super::challenge(&ascii, "expired\r\nat noon", "authos", None).as_deref(),
            Some(
                r#"Bearer realm="authos", error="invalid_token", error_description="expired at noon""#
            )
        );
        let japanese = ErrorCodeInfo::new("TOKEN_EXPIRED", 401, "\u{671f}\u{9650}\u{5207}\u{308c}");
        assert_eq!(
            super::challenge(
                &japanese,
                "\u{30c8}\u{30fc}\u{30af}\u{30f3}",
                "authos",
                None
            )
            .as_deref(),
            Some(r#"Bearer realm="authos", error="invalid_token""#)
        );
    }

    #[test]
    fn a_megabyte_of_accept_is_read_only_up_to_the_bound() {
        use super::{ErrorFormat, MAX_MEDIA_RANGES};
        let megabyte = 1 << 20;
        let padding = "text/html;q=0.1, ".repeat(megabyte / 17);
        let late = format!("{padding}application/problem+json");
        assert!(late.len() >= megabyte);
        assert_eq!(ErrorFormat::negotiate(Some(&late)), ErrorFormat::Json);
        let early = format!("application/problem+json, {padding}");
        assert_eq!(
            ErrorFormat::negotiate(Some(&early)),
            ErrorFormat::ProblemJson
        );
        // One range a megabyte long, parameters and all.
        let one = format!("application/problem+json{}", ";x=1".repeat(megabyte / 4));
        assert_eq!(ErrorFormat::negotiate(Some(&one)), ErrorFormat::ProblemJson);
        let spaces = format!("{}application/problem+json", " ".repeat(megabyte));
        assert_eq!(
            ErrorFormat::negotiate(Some(&spaces)),
            ErrorFormat::ProblemJson
        );
        // The last range read, and the first one not.
        let last = format!(
            "{}application/problem+json",
            "text/html, ".repeat(MAX_MEDIA_RANGES - 1)
        );
        assert_eq!(
            ErrorFormat::negotiate(Some(&last)),
            ErrorFormat::ProblemJson
        );
        let unread = format!(
            "{}application/problem+json",
            "text/html, ".repeat(MAX_MEDIA_RANGES)
        );
        assert_eq!(ErrorFormat::negotiate(Some(&unread)), ErrorFormat::Json);
    }

    #[test]
    fn a_challenge_description_is_cut_at_the_documented_length() {
        use super::MAX_CHALLENGE_DESCRIPTION_LEN as MAX;
        use crate::ErrorCodeInfo;
        let info = ErrorCodeInfo::new("TOKEN_EXPIRED", 401, "JWT has expired");
        let description = |message: &str| {
            let header = super::challenge(&info, message, "authos", None).unwrap();
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

    #[cfg(any(feature = "axum", feature = "actix-web"))]
    #[test]
    fn every_format_sends_the_clamped_retry_after() {
        use crate::response::{CapturedError, RenderContext};
        let forever = GeneralError::RateLimitExceeded.with_retry_after(Duration::MAX);
        for format in [
            super::ErrorFormat::Json,
            super::ErrorFormat::ProblemJson,
            super::ErrorFormat::OAuth,
            super::ErrorFormat::Scim,
        ] {
            let config = super::ProblemConfig::default();
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
