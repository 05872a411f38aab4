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

use crate::contract::body::{WireTimestamp, optional_field};
use crate::contract::disclosure::body_message;
pub use crate::contract::scim_type::{ScimType, UnknownScimType};
use crate::{ApiErrorCode, ErrorCodeInfo};

/// The `Content-Type` of a SCIM message (RFC 7644 §3.1).
pub const APPLICATION_SCIM_JSON: &str = "application/scim+json";

/// The schema URI of a SCIM error message (RFC 7644 §3.12).
pub const ERROR_SCHEMA: &str = "urn:ietf:params:scim:api:messages:2.0:Error";

/// The response header that carries the AuthOS code of a SCIM error (`AuthOS-Error-Code:
/// SCIM_USER_EXISTS`; lowercase here, as HTTP/2 writes every name), since an RFC 7644 Error
/// message has no member for it. The crate's client reads it back
/// ([`parse_response_with_headers`](crate::client::parse_response_with_headers), and the
/// `reqwest` glue), so `authos_code()` of a SCIM error still names the code. Sent with every SCIM
/// error whose code is visible ASCII (as every derived code is).
///
/// ```
/// use authos_errors::catalog::ScimError;
/// use authos_errors::problem::{ErrorFormat, ProblemConfig};
/// use authos_errors::response::{CapturedError, RenderContext};
/// use authos_errors::scim::ERROR_CODE_HEADER;
///
/// let config = ProblemConfig::default();
/// let response = CapturedError::capture(&ScimError::ScimUserExists)
///     .render(&RenderContext::new(ErrorFormat::Scim, &config));
/// assert_eq!(response.header(ERROR_CODE_HEADER), Some("SCIM_USER_EXISTS"));
/// ```
pub const ERROR_CODE_HEADER: &str = "authos-error-code";

/// The value of [`ERROR_CODE_HEADER`] for `code`: the code, when it is 1 or more visible ASCII
/// characters (a header value must be), else `None`.
#[cfg_attr(not(any(feature = "http", feature = "client")), allow(dead_code))]
pub(crate) fn error_code_header_value(code: &str) -> Option<&str> {
    (!code.is_empty() && code.bytes().all(|b| b.is_ascii_graphic())).then_some(code)
}

/// An RFC 7644 §3.12 error response body.
///
/// Members, in this order: `schemas` (`[`[`ERROR_SCHEMA`]`]`), `status` (a string, as the RFC's
/// examples write it), `scimType` (left out when the catalog entry has none) and `detail`:
/// exactly the members of the RFC's Error message, so a strict client (one that refuses
/// attributes the schema does not define) reads it. The AuthOS code travels in the
/// [`ERROR_CODE_HEADER`] response header. A server whose clients want it in the body, as
/// earlier versions sent it, opts in with [`with_authos_members`](Self::with_authos_members)
/// (over HTTP: [`ProblemConfig::with_scim_authos_members`](crate::problem::ProblemConfig::with_scim_authos_members)):
/// the extension members `error_code` and `timestamp` (as in [`ErrorBody`](crate::ErrorBody))
/// then follow `detail`.
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
///         r#""scimType":"uniqueness","detail":"User already exists"}"#,
///     )
/// );
/// let extended = ScimErrorBody::at(&ScimError::ScimUserNotFound, at).with_authos_members(true);
/// assert_eq!(
///     serde_json::to_string(&extended).unwrap(),
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
    /// The AuthOS code (the [`ERROR_CODE_HEADER`] header; the extension member `error_code`
    /// when [`authos_members`](Self::authos_members) is on).
    pub error_code: &'a str,
    /// When the error happened (the extension member `timestamp` when
    /// [`authos_members`](Self::authos_members) is on).
    pub timestamp: DateTime<Utc>,
    /// Whether the extension members `error_code` and `timestamp` follow `detail`; off by
    /// default, since a strict RFC 7644 client refuses them.
    pub authos_members: bool,
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
    ///         r#""detail":"Database operation failed"}"#,
    ///     )
    /// );
    /// ```
    #[must_use]
    pub fn at<E: ApiErrorCode + ?Sized>(error: &'a E, at: DateTime<Utc>) -> Self {
        Self::from_parts(error.info(), body_message(error), at)
    }

    /// This body with (`true`) or without the extension members `error_code` and `timestamp`
    /// after `detail`.
    ///
    /// ```
    /// use authos_errors::catalog::ScimError;
    /// use authos_errors::scim::ScimErrorBody;
    /// let body = ScimErrorBody::new(&ScimError::ScimUserExists).with_authos_members(true);
    /// assert!(serde_json::to_string(&body).unwrap().contains(r#""error_code":"SCIM_USER_EXISTS""#));
    /// ```
    #[must_use]
    pub fn with_authos_members(mut self, on: bool) -> Self {
        self.authos_members = on;
        self
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
            authos_members: false,
        }
    }
}

impl Serialize for ScimErrorBody<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let len = 3 + usize::from(self.scim_type.is_some()) + 2 * usize::from(self.authos_members);
        let mut body = serializer.serialize_struct("ScimErrorBody", len)?;
        body.serialize_field("schemas", &[ERROR_SCHEMA])?;
        body.serialize_field("status", &StatusText(self.status))?;
        optional_field(&mut body, "scimType", self.scim_type.as_ref())?;
        body.serialize_field("detail", &*self.detail)?;
        if self.authos_members {
            body.serialize_field("error_code", self.error_code)?;
            body.serialize_field("timestamp", &WireTimestamp(self.timestamp))?;
        } else {
            body.skip_field("error_code")?;
            body.skip_field("timestamp")?;
        }
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
