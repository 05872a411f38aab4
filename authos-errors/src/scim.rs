//! SCIM 2.0 error types: the `scimType` values of RFC 7644 §3.12.
//!
//! A catalog entry names the `scimType` its code stands for with
//! `#[code("SCIM_USER_EXISTS", status = 409, scim = "uniqueness")]`, which ends up in
//! [`ErrorCodeInfo::scim`](crate::ErrorCodeInfo::scim).
//!
//! ```
//! use authos_errors::{ApiErrorCode, catalog::ScimError, scim::ScimType};
//!
//! assert_eq!(ScimError::ScimUserExists.info().scim, Some(ScimType::Uniqueness));
//! assert_eq!(ScimType::InvalidFilter.as_str(), "invalidFilter");
//! ```

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Utc};
use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

use crate::body::WireTimestamp;
use crate::{ApiErrorCode, ErrorCodeInfo};

/// One `scimType` value of RFC 7644 §3.12 (Table 9).
///
/// ```
/// use authos_errors::scim::ScimType;
///
/// let kind: ScimType = "uniqueness".parse().unwrap();
/// assert_eq!(kind, ScimType::Uniqueness);
/// assert_eq!(kind.to_string(), "uniqueness");
/// assert!("Uniqueness".parse::<ScimType>().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ScimType {
    /// `invalidFilter`: the filter syntax is invalid, or an operator or attribute is unsupported.
    InvalidFilter,
    /// `tooMany`: the filter yields more results than the server will return.
    TooMany,
    /// `uniqueness`: a value is already in use (a duplicate `userName`).
    Uniqueness,
    /// `mutability`: the change would modify a read-only or immutable attribute.
    Mutability,
    /// `invalidSyntax`: the request body is not valid SCIM.
    InvalidSyntax,
    /// `invalidPath`: the `path` attribute is invalid.
    InvalidPath,
    /// `noTarget`: the `path` matched no attribute or sub-attribute.
    NoTarget,
    /// `invalidValue`: a required value is missing or a value is not compatible.
    InvalidValue,
    /// `invalidVers`: the protocol version is not supported.
    InvalidVers,
    /// `sensitive`: the request cannot be completed because of sensitive information in the URI.
    Sensitive,
}

impl ScimType {
    /// Every value, in the RFC's order.
    ///
    /// ```
    /// use authos_errors::scim::ScimType;
    /// assert_eq!(ScimType::ALL.len(), 10);
    /// ```
    pub const ALL: &'static [ScimType] = &[
        ScimType::InvalidFilter,
        ScimType::TooMany,
        ScimType::Uniqueness,
        ScimType::Mutability,
        ScimType::InvalidSyntax,
        ScimType::InvalidPath,
        ScimType::NoTarget,
        ScimType::InvalidValue,
        ScimType::InvalidVers,
        ScimType::Sensitive,
    ];

    /// The value as it is written in the `scimType` member.
    ///
    /// ```
    /// use authos_errors::scim::ScimType;
    /// assert_eq!(ScimType::NoTarget.as_str(), "noTarget");
    /// ```
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            ScimType::InvalidFilter => "invalidFilter",
            ScimType::TooMany => "tooMany",
            ScimType::Uniqueness => "uniqueness",
            ScimType::Mutability => "mutability",
            ScimType::InvalidSyntax => "invalidSyntax",
            ScimType::InvalidPath => "invalidPath",
            ScimType::NoTarget => "noTarget",
            ScimType::InvalidValue => "invalidValue",
            ScimType::InvalidVers => "invalidVers",
            ScimType::Sensitive => "sensitive",
        }
    }
}

impl fmt::Display for ScimType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A string that is not a `scimType` of RFC 7644.
///
/// ```
/// use authos_errors::scim::ScimType;
/// let err = "dup".parse::<ScimType>().unwrap_err();
/// assert_eq!(err.to_string(), "`dup` is not a scimType of RFC 7644");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownScimType(pub String);

impl fmt::Display for UnknownScimType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` is not a scimType of RFC 7644", self.0)
    }
}

impl std::error::Error for UnknownScimType {}

impl FromStr for ScimType {
    type Err = UnknownScimType;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        ScimType::ALL
            .iter()
            .copied()
            .find(|kind| kind.as_str() == text)
            .ok_or_else(|| UnknownScimType(text.to_owned()))
    }
}

impl Serialize for ScimType {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// The `Content-Type` of a SCIM message (RFC 7644 §3.1).
pub const APPLICATION_SCIM_JSON: &str = "application/scim+json";

/// The schema URI of a SCIM error message (RFC 7644 §3.12).
pub const ERROR_SCHEMA: &str = "urn:ietf:params:scim:api:messages:2.0:Error";

/// An RFC 7644 §3.12 error response body, with the AuthOS code kept as extension members.
///
/// Members, in this order: `schemas` (`[`[`ERROR_SCHEMA`]`]`), `status` (a string, as the RFC's
/// examples write it), `scimType` (left out when the catalog entry has none), `detail`, and the
/// extension members `error_code` and `timestamp` (as in [`ErrorBody`](crate::ErrorBody)).
/// `detail` is the error's message, except for a 5xx, where it is the catalog description only.
///
/// ```
/// use authos_errors::catalog::ScimError;
/// use authos_errors::scim::ScimErrorBody;
/// use chrono::{TimeZone, Utc};
///
/// let at = Utc.with_ymd_and_hms(2025, 1, 15, 10, 30, 0).unwrap();
/// assert_eq!(
///     serde_json::to_string(&ScimErrorBody::at(&ScimError::ScimUserExists, at)).unwrap(),
///     concat!(
///         r#"{"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"409","#,
///         r#""scimType":"uniqueness","detail":"User already exists","#,
///         r#""error_code":"SCIM_USER_EXISTS","timestamp":"2025-01-15T10:30:00Z"}"#,
///     )
/// );
/// assert_eq!(
///     serde_json::to_string(&ScimErrorBody::at(&ScimError::ScimUserNotFound, at)).unwrap(),
///     concat!(
///         r#"{"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"404","#,
///         r#""detail":"SCIM user not found","error_code":"SCIM_USER_NOT_FOUND","#,
///         r#""timestamp":"2025-01-15T10:30:00Z"}"#,
///     )
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScimErrorBody<'a> {
    /// The HTTP status (member `status`, written as a string).
    pub status: u16,
    /// The `scimType` member, if the catalog entry maps to one.
    pub scim_type: Option<ScimType>,
    /// The `detail` member.
    pub detail: Cow<'a, str>,
    /// The AuthOS code (extension member `error_code`).
    pub error_code: &'a str,
    /// When the error happened (extension member `timestamp`).
    pub timestamp: DateTime<Utc>,
}

impl<'a> ScimErrorBody<'a> {
    /// The body of `error`, stamped now.
    ///
    /// ```
    /// use authos_errors::catalog::ScimError;
    /// use authos_errors::scim::{ScimErrorBody, ScimType};
    /// let body = ScimErrorBody::new(&ScimError::ScimFilterInvalid);
    /// assert_eq!((body.status, body.scim_type), (400, Some(ScimType::InvalidFilter)));
    /// ```
    #[must_use]
    pub fn new<E: ApiErrorCode + ?Sized>(error: &'a E) -> Self {
        Self::at(error, Utc::now())
    }

    /// The body of `error`, stamped at `at`. A 5xx says only what the catalog says:
    ///
    /// ```
    /// use authos_errors::ApiErrorCodeExt;
    /// use authos_errors::catalog::InfrastructureError;
    /// use authos_errors::scim::ScimErrorBody;
    /// use chrono::{TimeZone, Utc};
    ///
    /// let at = Utc.with_ymd_and_hms(2025, 1, 15, 10, 30, 0).unwrap();
    /// let down = InfrastructureError::DatabaseError.with_message("db01: password=hunter2");
    /// assert_eq!(
    ///     serde_json::to_string(&ScimErrorBody::at(&down, at)).unwrap(),
    ///     concat!(
    ///         r#"{"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"500","#,
    ///         r#""detail":"Database operation failed","error_code":"DATABASE_ERROR","#,
    ///         r#""timestamp":"2025-01-15T10:30:00Z"}"#,
    ///     )
    /// );
    /// ```
    #[must_use]
    pub fn at<E: ApiErrorCode + ?Sized>(error: &'a E, at: DateTime<Utc>) -> Self {
        Self::from_parts(error.info(), error.message(), at)
    }

    pub(crate) fn from_parts(
        info: &'a ErrorCodeInfo,
        message: Cow<'a, str>,
        timestamp: DateTime<Utc>,
    ) -> Self {
        ScimErrorBody {
            status: info.status,
            scim_type: info.scim,
            detail: if info.is_server_error() {
                Cow::Borrowed(info.description)
            } else {
                message
            },
            error_code: info.code,
            timestamp,
        }
    }
}

impl Serialize for ScimErrorBody<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let len = if self.scim_type.is_some() { 6 } else { 5 };
        let mut body = serializer.serialize_struct("ScimErrorBody", len)?;
        body.serialize_field("schemas", &[ERROR_SCHEMA])?;
        body.serialize_field("status", &StatusText(self.status))?;
        match self.scim_type {
            Some(kind) => body.serialize_field("scimType", &kind)?,
            None => body.skip_field("scimType")?,
        }
        body.serialize_field("detail", &*self.detail)?;
        body.serialize_field("error_code", self.error_code)?;
        body.serialize_field("timestamp", &WireTimestamp(self.timestamp))?;
        body.end()
    }
}

/// A status written as a JSON string (`"409"`) without an intermediate `String`.
struct StatusText(u16);

impl Serialize for StatusText {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&self.0)
    }
}
