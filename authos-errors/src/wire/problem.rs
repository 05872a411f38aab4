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
use std::fmt;

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde::ser::{SerializeStruct, Serializer};

use crate::contract::body::{Absent, WireTimestamp, optional_field};
use crate::contract::disclosure::body_message;
use crate::{ApiErrorCode, ErrorCodeInfo};

pub use super::format::{ErrorFormat, MAX_MEDIA_RANGES};
pub use super::headers::{
    MAX_CHALLENGE_DESCRIPTION_LEN, MAX_RETRY_AFTER_SECONDS, retry_after_seconds, www_authenticate,
};

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
    scim_authos_members: bool,
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
        scim_authos_members: false,
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

    /// Adds the extension members `error_code` and `timestamp` to SCIM error bodies (after
    /// `detail`, as earlier versions always sent them); off by default, so the body has only
    /// RFC 7644's members, which a strict SCIM client requires. The code is sent in the
    /// [`AuthOS-Error-Code`](crate::scim::ERROR_CODE_HEADER) header either way.
    ///
    /// ```
    /// use authos_errors::problem::ProblemConfig;
    /// assert!(ProblemConfig::default().with_scim_authos_members(true).scim_authos_members());
    /// assert!(!ProblemConfig::default().scim_authos_members());
    /// ```
    #[must_use]
    pub fn with_scim_authos_members(mut self, on: bool) -> Self {
        self.scim_authos_members = on;
        self
    }

    /// Whether SCIM error bodies carry `error_code` and `timestamp`; see
    /// [`with_scim_authos_members`](Self::with_scim_authos_members).
    ///
    /// ```
    /// use authos_errors::problem::ProblemConfig;
    /// assert!(!ProblemConfig::default().scim_authos_members());
    /// ```
    #[must_use]
    pub fn scim_authos_members(&self) -> bool {
        self.scim_authos_members
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
/// description; the status's reason phrase when the `type` is `about:blank`), `status`, `detail` (the text the `error` field of [`ErrorBody`](crate::ErrorBody) shows:
/// [`disclosure::body_message`](crate::disclosure::body_message), so a 5xx says only its
/// declared text),
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
    /// The `detail` member: the error's body text
    /// ([`body_message`](crate::disclosure::body_message)).
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
        Self::from_parts(error.info(), body_message(error), config, at)
    }

    /// The document of the entry `info` whose body text is `detail` (already chosen by
    /// [`body_message`], or its translation).
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
        ProblemDocument::of(self).serialize(serializer)
    }
}

/// The one writer of the problem document: the members of [`ProblemDetails`] with `instance`
/// (`urn:request:<id>`) after `detail` when the request has an id, and the extension members
/// `details` and `errors` after `timestamp` when present. Every problem document is written by
/// it: [`ProblemDetails`], HTTP responses, field errors. `D` and `F` are the types of the
/// `details` and `errors` values ([`Absent`] when a document never has them).
pub(crate) struct ProblemDocument<'a, D = Absent, F = Absent> {
    problem: &'a ProblemDetails<'a>,
    request_id: Option<&'a str>,
    details: Option<D>,
    errors: Option<F>,
}

impl<'a> ProblemDocument<'a> {
    /// The members of `problem`, no extension beyond them yet.
    pub(crate) fn of(problem: &'a ProblemDetails<'a>) -> Self {
        ProblemDocument {
            problem,
            request_id: None,
            details: None,
            errors: None,
        }
    }
}

impl<'a, D: Serialize, F: Serialize> ProblemDocument<'a, D, F> {
    /// This document with `instance` naming the request, when it has an id.
    #[cfg_attr(not(feature = "field-errors"), allow(dead_code))]
    pub(crate) fn with_request_id(mut self, request_id: Option<&'a str>) -> Self {
        self.request_id = request_id;
        self
    }

    /// This document with the extension member `details`, when there are any.
    #[cfg_attr(not(feature = "http"), allow(dead_code))]
    pub(crate) fn with_details<T: Serialize>(
        self,
        details: Option<T>,
    ) -> ProblemDocument<'a, T, F> {
        ProblemDocument {
            problem: self.problem,
            request_id: self.request_id,
            details,
            errors: self.errors,
        }
    }

    /// This document with the extension member `errors`, when there are any.
    #[cfg_attr(not(feature = "field-errors"), allow(dead_code))]
    pub(crate) fn with_errors<T: Serialize>(self, errors: Option<T>) -> ProblemDocument<'a, D, T> {
        ProblemDocument {
            problem: self.problem,
            request_id: self.request_id,
            details: self.details,
            errors,
        }
    }
}

impl<D: Serialize, F: Serialize> Serialize for ProblemDocument<'_, D, F> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let problem = self.problem;
        let len = 6
            + usize::from(self.request_id.is_some())
            + usize::from(problem.resolution.is_some())
            + usize::from(self.details.is_some())
            + usize::from(self.errors.is_some());
        let mut doc = serializer.serialize_struct("ProblemDetails", len)?;
        doc.serialize_field("type", &Collected(problem.problem_type))?;
        doc.serialize_field("title", problem.title)?;
        doc.serialize_field("status", &problem.status)?;
        doc.serialize_field("detail", &*problem.detail)?;
        optional_field(
            &mut doc,
            "instance",
            self.request_id.map(crate::request_id::Instance).as_ref(),
        )?;
        doc.serialize_field("error_code", problem.error_code)?;
        optional_field(&mut doc, "resolution", problem.resolution)?;
        doc.serialize_field("timestamp", &WireTimestamp(problem.timestamp))?;
        optional_field(&mut doc, "details", self.details.as_ref())?;
        optional_field(&mut doc, "errors", self.errors.as_ref())?;
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
