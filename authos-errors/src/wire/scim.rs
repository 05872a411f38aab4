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

use chrono::{DateTime, Utc};
use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

use crate::contract::body::WireTimestamp;
use crate::contract::disclosure::body_message;
pub use crate::contract::scim_type::{ScimType, UnknownScimType};
use crate::{ApiErrorCode, ErrorCodeInfo};

/// The `Content-Type` of a SCIM message (RFC 7644 §3.1).
pub const APPLICATION_SCIM_JSON: &str = "application/scim+json";

/// The schema URI of a SCIM error message (RFC 7644 §3.12).
pub const ERROR_SCHEMA: &str = "urn:ietf:params:scim:api:messages:2.0:Error";

/// An RFC 7644 §3.12 error response body, with the AuthOS code kept as extension members.
///
/// Members, in this order: `schemas` (`[`[`ERROR_SCHEMA`]`]`), `status` (a string, as the RFC's
/// examples write it), `scimType` (left out when the catalog entry has none), `detail`, and the
/// extension members `error_code` and `timestamp` (as in [`ErrorBody`](crate::ErrorBody)).
/// `detail` is the text every body shows
/// ([`disclosure::body_message`](crate::disclosure::body_message)): the error's message, and for
/// a 5xx the variant's declared text only, never a message the handler supplied.
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

    /// The body of `error`, stamped at `at`. A 5xx says only its declared text:
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
        Self::from_parts(error.info(), body_message(error), at)
    }

    /// The body of the entry `info` whose body text is `message` (already chosen by
    /// [`body_message`], or its translation).
    pub(crate) fn from_parts(
        info: &'a ErrorCodeInfo,
        message: Cow<'a, str>,
        timestamp: DateTime<Utc>,
    ) -> Self {
        ScimErrorBody {
            status: info.status,
            scim_type: info.scim,
            detail: message,
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
