//! OAuth 2.0 error codes: the `error` values of RFC 6749 §5.2 and RFC 8628 §3.5.
//!
//! A catalog entry names the OAuth error its code stands for with
//! `#[code("DEVICE_CODE_PENDING", status = 400, oauth = "authorization_pending")]`, which ends up
//! in [`ErrorCodeInfo::oauth`](crate::ErrorCodeInfo::oauth).
//!
//! ```
//! use authos_errors::{ApiErrorCode, catalog::DeviceFlowError, oauth::OAuthErrorCode};
//!
//! assert_eq!(DeviceFlowError::DeviceCodePending.info().oauth, Some(OAuthErrorCode::AuthorizationPending));
//! assert_eq!(OAuthErrorCode::AuthorizationPending.as_str(), "authorization_pending");
//! ```

use std::borrow::Cow;

use chrono::{DateTime, Utc};
use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

use super::headers::{QuotedText, push_quoted_text};
use crate::contract::body::WireTimestamp;
use crate::contract::disclosure::body_message;
pub use crate::contract::oauth_code::{OAuthErrorCode, UnknownOAuthErrorCode};
use crate::{ApiErrorCode, ErrorCodeInfo};

impl OAuthErrorCode {
    /// The `error` a catalog entry is answered with in the OAuth shape: its own mapping
    /// ([`ErrorCodeInfo::oauth`]) when it has one, otherwise a fallback by status:
    ///
    /// - 401 → `invalid_client`: the only 401 RFC 6749 defines on a token endpoint is failed
    ///   client authentication, so that is how an OAuth client reads any 401;
    /// - 503 → `temporarily_unavailable`, any other 5xx → `server_error`;
    /// - any other 4xx → `invalid_request`, the generic "this request cannot be served".
    ///
    /// ```
    /// use authos_errors::ApiErrorCode;
    /// use authos_errors::catalog::{AuthenticationError, DeviceFlowError, GeneralError};
    /// use authos_errors::oauth::OAuthErrorCode;
    ///
    /// let of = |info| OAuthErrorCode::for_entry(info);
    /// assert_eq!(of(DeviceFlowError::DeviceCodeExpired.info()), OAuthErrorCode::ExpiredToken);
    /// assert_eq!(of(GeneralError::BadRequest.info()), OAuthErrorCode::InvalidRequest);
    /// assert_eq!(of(AuthenticationError::InvalidCredentials.info()), OAuthErrorCode::InvalidClient);
    /// assert_eq!(of(GeneralError::InternalServerError.info()), OAuthErrorCode::ServerError);
    /// ```
    #[must_use]
    pub const fn for_entry(info: &ErrorCodeInfo) -> OAuthErrorCode {
        match (info.oauth, info.status) {
            (Some(code), _) => code,
            (None, 401) => OAuthErrorCode::InvalidClient,
            (None, 503) => OAuthErrorCode::TemporarilyUnavailable,
            (None, 500..) => OAuthErrorCode::ServerError,
            (None, _) => OAuthErrorCode::InvalidRequest,
        }
    }

    /// The HTTP status an entry is answered with in the OAuth shape: the catalog's own status
    /// (RFC 6749 §5.2 says 400 for most errors; AuthOS keeps its status so that the response
    /// still says what the catalog documents), except that `invalid_client` is always 401, as
    /// §5.2 requires when the client tried to authenticate.
    ///
    /// ```
    /// use authos_errors::{ApiErrorCode, ErrorCodeInfo};
    /// use authos_errors::catalog::ScimError;
    /// use authos_errors::oauth::OAuthErrorCode;
    ///
    /// assert_eq!(OAuthErrorCode::status_for_entry(ScimError::ScimUserExists.info()), 409);
    /// let bad_client = ErrorCodeInfo::new("BAD_CLIENT", 400, "Unknown client")
    ///     .with_oauth(OAuthErrorCode::InvalidClient);
    /// assert_eq!(OAuthErrorCode::status_for_entry(&bad_client), 401);
    /// ```
    #[must_use]
    pub const fn status_for_entry(info: &ErrorCodeInfo) -> u16 {
        match OAuthErrorCode::for_entry(info) {
            OAuthErrorCode::InvalidClient => 401,
            _ => info.status,
        }
    }
}

/// An RFC 6749 §5.2 error response body, with the AuthOS code kept as an extension member.
///
/// Members, in this order: `error` ([`OAuthErrorCode::for_entry`]), `error_description`,
/// `error_code` (the AuthOS code) and `timestamp` (as in [`ErrorBody`](crate::ErrorBody)).
/// `error_description` is written with only the characters §5.2 allows
/// (`%x20-21 / %x23-5B / %x5D-7E`): `"` and typographic quotes become `'`, `\` becomes `/`, a
/// run of line breaks, tabs and other whitespace or control characters becomes one space (so
/// words never join), other characters outside printable ASCII are dropped. It is the text every
/// body shows ([`disclosure::body_message`](crate::disclosure::body_message)): for a 5xx the
/// variant's declared text, never a message the handler supplied. §5.2 wants at least
/// one character: a message of which nothing printable remains (one with no ASCII at all) is
/// replaced by the catalog description, and when nothing printable remains of that either, the
/// member is left out (it is optional).
///
/// ```
/// use authos_errors::catalog::DeviceFlowError;
/// use authos_errors::oauth::OAuthErrorBody;
/// use chrono::{TimeZone, Utc};
///
/// let at = Utc.with_ymd_and_hms(2025, 1, 15, 10, 30, 0).unwrap();
/// let body = OAuthErrorBody::at(&DeviceFlowError::DeviceCodePending, at);
/// assert_eq!(
///     serde_json::to_string(&body).unwrap(),
///     concat!(
///         r#"{"error":"authorization_pending","error_description":"User hasn't authorized yet","#,
///         r#""error_code":"DEVICE_CODE_PENDING","timestamp":"2025-01-15T10:30:00Z"}"#,
///     )
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OAuthErrorBody<'a> {
    /// The `error` member.
    pub error: OAuthErrorCode,
    /// The `error_description` member, before the §5.2 character restriction is applied (left
    /// out when nothing printable remains of it).
    pub error_description: Cow<'a, str>,
    /// The AuthOS code (extension member `error_code`).
    pub error_code: &'a str,
    /// When the error happened (extension member `timestamp`).
    pub timestamp: DateTime<Utc>,
}

impl<'a> OAuthErrorBody<'a> {
    /// The body of `error`, stamped now.
    ///
    /// ```
    /// use authos_errors::catalog::OAuthError;
    /// use authos_errors::oauth::{OAuthErrorBody, OAuthErrorCode};
    /// let body = OAuthErrorBody::new(&OAuthError::OauthCodeExpired);
    /// assert_eq!(body.error, OAuthErrorCode::InvalidGrant);
    /// ```
    #[must_use]
    pub fn new<E: ApiErrorCode + ?Sized>(error: &'a E) -> Self {
        Self::at(error, Utc::now())
    }

    /// The body of `error`, stamped at `at`.
    ///
    /// A code without an OAuth mapping falls back by status, and a 5xx says only its declared
    /// text:
    ///
    /// ```
    /// use authos_errors::ApiErrorCodeExt;
    /// use authos_errors::catalog::{GeneralError, InfrastructureError};
    /// use authos_errors::oauth::OAuthErrorBody;
    /// use chrono::{TimeZone, Utc};
    ///
    /// let at = Utc.with_ymd_and_hms(2025, 1, 15, 10, 30, 0).unwrap();
    /// let bad = GeneralError::BadRequest.with_message(r#"Missing "grant_type""#);
    /// assert_eq!(
    ///     serde_json::to_string(&OAuthErrorBody::at(&bad, at)).unwrap(),
    ///     concat!(
    ///         r#"{"error":"invalid_request","error_description":"Missing 'grant_type'","#,
    ///         r#""error_code":"BAD_REQUEST","timestamp":"2025-01-15T10:30:00Z"}"#,
    ///     )
    /// );
    /// let down = InfrastructureError::DatabaseError.with_message("db01: password=hunter2");
    /// assert_eq!(
    ///     serde_json::to_string(&OAuthErrorBody::at(&down, at)).unwrap(),
    ///     concat!(
    ///         r#"{"error":"server_error","error_description":"Database operation failed","#,
    ///         r#""error_code":"DATABASE_ERROR","timestamp":"2025-01-15T10:30:00Z"}"#,
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
        let description = if QuotedText(&message).is_blank() {
            Cow::Borrowed(info.description)
        } else {
            message
        };
        OAuthErrorBody {
            error: OAuthErrorCode::for_entry(info),
            error_description: description,
            error_code: info.code,
            timestamp,
        }
    }
}

impl Serialize for OAuthErrorBody<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut body = serializer.serialize_struct("OAuthErrorBody", 4)?;
        body.serialize_field("error", &self.error)?;
        if QuotedText(&self.error_description).is_blank() {
            body.skip_field("error_description")?;
        } else {
            body.serialize_field(
                "error_description",
                &DescriptionText(&self.error_description),
            )?;
        }
        body.serialize_field("error_code", self.error_code)?;
        body.serialize_field("timestamp", &WireTimestamp(self.timestamp))?;
        body.end()
    }
}

/// An `error_description` restricted to what RFC 6749 §5.2 allows, without an intermediate
/// `String`.
struct DescriptionText<'a>(&'a str);

impl Serialize for DescriptionText<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&QuotedText(self.0))
    }
}

/// The `WWW-Authenticate` challenge of an `invalid_client` (or any other 401) answered in the
/// OAuth shape: HTTP Basic, the client authentication scheme RFC 6749 §2.3.1 requires servers
/// to support. The realm is restricted as a quoted string requires.
///
/// ```
/// use authos_errors::oauth::client_challenge;
/// assert_eq!(client_challenge("authos"), r#"Basic realm="authos""#);
/// ```
#[must_use]
pub fn client_challenge(realm: &str) -> String {
    let mut header = String::from("Basic realm=\"");
    push_quoted_text(&mut header, realm);
    header.push('"');
    header
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use chrono::{TimeZone, Utc};
    use serde_json::{Value, json};

    use super::OAuthErrorBody;
    use crate::ErrorCodeInfo;

    fn description(info: &ErrorCodeInfo, message: &str) -> Option<Value> {
        let at = Utc.with_ymd_and_hms(2025, 1, 15, 10, 30, 0).unwrap();
        let body = OAuthErrorBody::from_parts(info, Cow::Borrowed(message), at);
        let mut json = serde_json::to_value(&body).unwrap();
        assert_eq!(json["error"], "invalid_grant");
        json.as_object_mut().unwrap().remove("error_description")
    }

    #[test]
    fn an_error_description_never_ends_up_empty_nor_joins_words() {
        let ascii = ErrorCodeInfo::new("CODE_USED", 400, "Code was already used")
            .with_oauth(super::OAuthErrorCode::InvalidGrant);
        // Nothing of the message is ASCII: the catalog description, not `""`.
        assert_eq!(
            description(
                &ascii,
                "\u{30b3}\u{30fc}\u{30c9}\u{4f7f}\u{7528}\u{6e08}\u{307f}"
            ),
            Some(json!("Code was already used"))
        );
        assert_eq!(
            description(&ascii, " \n\t "),
            Some(json!("Code was already used"))
        );
        // Separators become one space.
        assert_eq!(
            description(&ascii, "Code was used\r\nby another\u{2028}client"),
            Some(json!("Code was used by another client"))
        );
        // The catalog description itself has nothing printable: no member at all.
        let japanese = ErrorCodeInfo::new("CODE_USED", 400, "\u{4f7f}\u{7528}\u{6e08}\u{307f}")
            .with_oauth(super::OAuthErrorCode::InvalidGrant);
        assert_eq!(description(&japanese, "\u{30b3}\u{30fc}\u{30c9}"), None);
        // Part of it is ASCII: that part.
        assert_eq!(
            description(&japanese, "\u{30b3}\u{30fc}\u{30c9} 42"),
            Some(json!(" 42"))
        );
    }
}
