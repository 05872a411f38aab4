//! RFC 9457 problem details (`application/problem+json`) for any catalog error, and the
//! pieces every HTTP integration shares: the [`ErrorFormat`]s and `Accept` negotiation, the
//! `Retry-After` value and the RFC 6750 `WWW-Authenticate` challenge.
//!
//! The whole response (status, headers, body bytes) of each format is built in one place, the
//! `response` module (features `axum` or `actix-web`); these pieces are public so that any other
//! server can answer exactly the same way.
//!
//! ```
//! use authos_errors::catalog::{self, AuthenticationError};
//! use authos_errors::problem::ProblemDetails;
//! use chrono::{TimeZone, Utc};
//!
//! let config = catalog::problem_config(); // the AuthOS reference documents its codes
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

pub use super::config::{ABOUT_BLANK, ProblemConfig, ProblemType};
pub use super::format::{ErrorFormat, MAX_MEDIA_RANGES};
pub use super::headers::{
    MAX_CHALLENGE_DESCRIPTION_LEN, MAX_RETRY_AFTER_SECONDS, retry_after_seconds, www_authenticate,
};

/// The `Content-Type` of the plain AuthOS body ([`ErrorBody`](crate::ErrorBody)).
pub const APPLICATION_JSON: &str = "application/json";

/// The `Content-Type` of an RFC 9457 problem document ([`ProblemDetails`]).
pub const APPLICATION_PROBLEM_JSON: &str = "application/problem+json";

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
    /// use authos_errors::catalog::{self, MfaError};
    /// use authos_errors::problem::ProblemDetails;
    /// let config = catalog::problem_config();
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
