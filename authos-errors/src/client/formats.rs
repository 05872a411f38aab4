//! One entry point for every error format the server writes: AuthOS JSON, RFC 9457
//! problem+json, RFC 6749 OAuth errors and RFC 7644 SCIM errors.

use std::borrow::Cow;

use chrono::{DateTime, Utc};

use super::Catalog;
use super::details::{Extensions, RawEntry, request_id_of_instance};
use super::wire::Members;
use super::{ErrorResponse, MAX_BODY_BYTES, ParseError, ParseErrorKind, Reading};
use crate::ErrorBody;
use crate::oauth::OAuthErrorCode;
use crate::scim::ScimType;

/// The `type` of a problem document that names none (RFC 9457 section 4.2.1).
const ABOUT_BLANK: &str = "about:blank";

/// Reads an error response in any format the server writes, looking its code up in `E`'s
/// catalog (the AuthOS catalog's reader is
/// [`catalog::client::parse_response`](crate::catalog::client::parse_response)).
///
/// `http_status` is the response's status (`None` when unknown): it is the status of a body
/// that carries none. `content_type` is the `Content-Type` header value, if any: it tells
/// problem+json and SCIM bodies apart; the members decide otherwise, so a server that labels
/// every body `application/json` still parses. See
/// [`ErrorResponse::from_response`] for the rules and another catalog.
///
/// ```
/// use authos_errors::client::{self, WireFormat};
/// use authos_errors::catalog::{AuthOsError, InfrastructureError};
///
/// // RFC 9457, as `ProblemJsonLayer` writes it.
/// let problem = br#"{"type":"https://docs.authos.dev/errors#DATABASE_ERROR","title":"Database operation failed","status":500,"detail":"Database operation failed","error_code":"DATABASE_ERROR","timestamp":"2025-01-15T10:30:00Z"}"#;
/// let response = client::parse_response::<AuthOsError>(Some(500), Some("application/problem+json"), problem)?;
/// assert_eq!(response.format(), WireFormat::ProblemJson);
/// assert_eq!(response.code(), "DATABASE_ERROR");
/// assert_eq!(response.error(), Some(&AuthOsError::Infrastructure(InfrastructureError::DatabaseError)));
/// assert_eq!(response.status(), Some(500));
///
/// // An OAuth error from a server that is not AuthOS: typed as OAuth, no AuthOS code.
/// let oauth = br#"{"error":"invalid_grant","error_description":"Code was already used"}"#;
/// let response = client::parse_response::<AuthOsError>(Some(400), Some("application/json"), oauth)?;
/// assert_eq!(response.format(), WireFormat::OAuth);
/// assert_eq!(response.oauth().map(|oauth| oauth.error()), Some("invalid_grant"));
/// assert_eq!((response.authos_code(), response.error()), (None, None));
/// assert_eq!(response.message(), "Code was already used");
/// # Ok::<(), client::ParseError>(())
/// ```
///
/// # Errors
/// A [`ParseError`] when the body is longer than [`MAX_BODY_BYTES`], is not JSON, ends early,
/// or is JSON but none of the four formats (not an object, a member of the wrong type or given
/// twice, a timestamp that is not RFC 3339, a status outside 100..=599, or none of the members
/// that mark a format).
pub fn parse_response<E: Catalog>(
    http_status: Option<u16>,
    content_type: Option<&str>,
    body: impl AsRef<[u8]>,
) -> Result<ErrorResponse<E>, ParseError> {
    ErrorResponse::from_response(http_status, content_type, body.as_ref())
}

/// [`parse_response`] with the response's headers: reads `Content-Type` and the AuthOS code a
/// SCIM error carries in its [`AuthOS-Error-Code`](crate::scim::ERROR_CODE_HEADER) header (an
/// RFC 7644 Error message has no member for it), so [`authos_code`](ErrorResponse::authos_code)
/// and [`error`](ErrorResponse::error) of a SCIM error name the code. Header names are matched
/// without regard to case, the first of each used; a header code is used when the body carries no
/// `error_code`, and only when it is visible ASCII. The `reqwest` glue calls this.
///
/// ```
/// use authos_errors::client::{self, WireFormat};
/// use authos_errors::catalog::{AuthOsError, ScimError};
///
/// let body = br#"{"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"409","scimType":"uniqueness","detail":"User already exists"}"#;
/// let headers = [("Content-Type", "application/scim+json"), ("AuthOS-Error-Code", "SCIM_USER_EXISTS")];
/// let response = client::parse_response_with_headers::<AuthOsError>(Some(409), headers, body)?;
/// assert_eq!(response.format(), WireFormat::Scim);
/// assert_eq!(response.authos_code(), Some("SCIM_USER_EXISTS"));
/// assert_eq!(response.error(), Some(&AuthOsError::Scim(ScimError::ScimUserExists)));
///
/// // Without the header: typed as SCIM, no AuthOS code.
/// let response =
///     client::parse_response::<AuthOsError>(Some(409), Some("application/scim+json"), body)?;
/// assert_eq!((response.authos_code(), response.code()), (None, "uniqueness"));
/// # Ok::<(), client::ParseError>(())
/// ```
///
/// # Errors
/// As [`parse_response`].
pub fn parse_response_with_headers<'h, E: Catalog>(
    http_status: Option<u16>,
    headers: impl IntoIterator<Item = (&'h str, &'h str)>,
    body: impl AsRef<[u8]>,
) -> Result<ErrorResponse<E>, ParseError> {
    ErrorResponse::from_response_with_headers(http_status, headers, body.as_ref())
}

/// The wire format an [`ErrorResponse`] was read from.
///
/// ```
/// use authos_errors::client::{self, WireFormat};
/// let body = r#"{"error":"Slow down","error_code":"RATE_LIMIT_EXCEEDED","timestamp":"2025-01-15T10:30:00Z"}"#;
/// assert_eq!(authos_errors::catalog::client::parse(body)?.format(), WireFormat::AuthOsJson);
/// assert_eq!(WireFormat::Scim.content_type(), "application/scim+json");
/// # Ok::<(), client::ParseError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum WireFormat {
    /// `{"error": message, "error_code": code, "timestamp": ...}`, `application/json`.
    AuthOsJson,
    /// RFC 9457 problem details, `application/problem+json`: code from `error_code`, message
    /// from `detail`.
    ProblemJson,
    /// RFC 6749 section 5.2 OAuth error, `application/json`: `error` is the OAuth error code,
    /// `error_description` the message; AuthOS adds `error_code` and `timestamp`.
    OAuth,
    /// RFC 7644 section 3.12 SCIM error, `application/scim+json`: message from `detail`.
    Scim,
}

impl WireFormat {
    /// The `Content-Type` a server sends this format with.
    ///
    /// ```
    /// use authos_errors::client::WireFormat;
    /// assert_eq!(WireFormat::ProblemJson.content_type(), "application/problem+json");
    /// assert_eq!(WireFormat::OAuth.content_type(), "application/json");
    /// ```
    #[must_use]
    pub const fn content_type(self) -> &'static str {
        match self {
            WireFormat::AuthOsJson | WireFormat::OAuth => crate::problem::APPLICATION_JSON,
            WireFormat::ProblemJson => crate::problem::APPLICATION_PROBLEM_JSON,
            WireFormat::Scim => crate::scim::APPLICATION_SCIM_JSON,
        }
    }
}

/// The members of an RFC 6749 OAuth error beyond the message.
///
/// ```
/// let response = authos_errors::catalog::client::parse_response(
///     Some(400),
///     None,
///     r#"{"error":"authorization_pending","error_description":"User hasn't authorized yet","error_code":"DEVICE_CODE_PENDING","timestamp":"2025-01-15T10:30:00Z"}"#,
/// )?;
/// let oauth = response.oauth().unwrap();
/// assert_eq!(oauth.error(), "authorization_pending");
/// assert_eq!(oauth.description(), Some("User hasn't authorized yet"));
/// assert_eq!(oauth.uri(), None);
/// assert_eq!(response.code(), "DEVICE_CODE_PENDING");
/// # Ok::<(), authos_errors::client::ParseError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OAuthFields {
    error: String,
    description: Option<String>,
    uri: Option<String>,
}

impl OAuthFields {
    /// The OAuth `error` code as sent (`invalid_grant`, `slow_down`, ...).
    ///
    /// ```
    /// let response = authos_errors::catalog::client::parse_response(None, None, r#"{"error":"slow_down"}"#)?;
    /// assert_eq!(response.oauth().map(|oauth| oauth.error()), Some("slow_down"));
    /// # Ok::<(), authos_errors::client::ParseError>(())
    /// ```
    #[must_use]
    pub fn error(&self) -> &str {
        &self.error
    }

    /// The OAuth `error` as a registered value, `None` for an extension value this client
    /// does not know.
    ///
    /// ```
    /// use authos_errors::oauth::OAuthErrorCode;
    /// let response = authos_errors::catalog::client::parse_response(None, None, r#"{"error":"invalid_grant"}"#)?;
    /// assert_eq!(response.oauth().and_then(|oauth| oauth.code()), Some(OAuthErrorCode::InvalidGrant));
    /// let extension = authos_errors::catalog::client::parse_response(None, None, r#"{"error":"consent_required"}"#)?;
    /// assert_eq!(extension.oauth().and_then(|oauth| oauth.code()), None);
    /// # Ok::<(), authos_errors::client::ParseError>(())
    /// ```
    #[must_use]
    pub fn code(&self) -> Option<OAuthErrorCode> {
        self.error.parse().ok()
    }

    /// The `error_description`, if sent.
    ///
    /// ```
    /// let response = authos_errors::catalog::client::parse_response(None, None, r#"{"error":"access_denied"}"#)?;
    /// assert_eq!(response.oauth().and_then(|oauth| oauth.description()), None);
    /// # Ok::<(), authos_errors::client::ParseError>(())
    /// ```
    #[must_use]
    pub fn description(&self) -> Option<&str> {
        self.description.as_deref()
    }

    /// The `error_uri`, if sent.
    ///
    /// ```
    /// let response = authos_errors::catalog::client::parse_response(
    ///     None,
    ///     None,
    ///     r#"{"error":"invalid_scope","error_uri":"https://example.com/scopes"}"#,
    /// )?;
    /// assert_eq!(response.oauth().and_then(|oauth| oauth.uri()), Some("https://example.com/scopes"));
    /// # Ok::<(), authos_errors::client::ParseError>(())
    /// ```
    #[must_use]
    pub fn uri(&self) -> Option<&str> {
        self.uri.as_deref()
    }
}

/// The members of an RFC 7644 SCIM error beyond status and message.
///
/// ```
/// let response = authos_errors::catalog::client::parse_response(
///     Some(409),
///     Some("application/scim+json"),
///     r#"{"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"409","scimType":"uniqueness","detail":"User already exists","error_code":"SCIM_USER_EXISTS","timestamp":"2025-01-15T10:30:00Z"}"#,
/// )?;
/// assert_eq!(response.scim().and_then(|scim| scim.scim_type()), Some("uniqueness"));
/// assert_eq!(response.status(), Some(409));
/// # Ok::<(), authos_errors::client::ParseError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScimFields {
    scim_type: Option<String>,
}

impl ScimFields {
    /// The `scimType` (`uniqueness`, `invalidFilter`, ...), if sent.
    ///
    /// ```
    /// let response = authos_errors::catalog::client::parse_response(
    ///     None,
    ///     Some("application/scim+json"),
    ///     r#"{"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"404"}"#,
    /// )?;
    /// assert_eq!(response.scim().and_then(|scim| scim.scim_type()), None);
    /// # Ok::<(), authos_errors::client::ParseError>(())
    /// ```
    #[must_use]
    pub fn scim_type(&self) -> Option<&str> {
        self.scim_type.as_deref()
    }

    /// The `scimType` as an RFC 7644 value, `None` when absent or not one of them.
    ///
    /// ```
    /// use authos_errors::scim::ScimType;
    /// let response = authos_errors::catalog::client::parse_response(
    ///     None,
    ///     Some("application/scim+json"),
    ///     r#"{"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"400","scimType":"invalidFilter"}"#,
    /// )?;
    /// assert_eq!(response.scim().and_then(|scim| scim.kind()), Some(ScimType::InvalidFilter));
    /// # Ok::<(), authos_errors::client::ParseError>(())
    /// ```
    #[must_use]
    pub fn kind(&self) -> Option<ScimType> {
        self.scim_type.as_deref().and_then(|text| text.parse().ok())
    }
}

/// The members of an RFC 9457 problem document beyond code, status and message.
///
/// ```
/// let response = authos_errors::catalog::client::parse_response(
///     None,
///     Some("application/problem+json"),
///     r#"{"type":"https://docs.authos.dev/errors#WEAK_PASSWORD","title":"Password too weak","status":400,"detail":"Password too weak","error_code":"WEAK_PASSWORD","resolution":"Use stronger password (min 8 chars)","timestamp":"2025-01-15T10:30:00Z"}"#,
/// )?;
/// let problem = response.problem().unwrap();
/// assert_eq!(problem.type_uri(), "https://docs.authos.dev/errors#WEAK_PASSWORD");
/// assert_eq!(problem.title(), Some("Password too weak"));
/// assert_eq!(problem.resolution(), Some("Use stronger password (min 8 chars)"));
/// # Ok::<(), authos_errors::client::ParseError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProblemFields {
    type_uri: String,
    title: Option<String>,
    resolution: Option<String>,
    instance: Option<String>,
}

impl ProblemFields {
    /// The `type` URI; `about:blank` when the document has none (RFC 9457 section 4.2.1).
    ///
    /// ```
    /// let response = authos_errors::catalog::client::parse_response(
    ///     Some(404),
    ///     Some("application/problem+json"),
    ///     r#"{"title":"Not Found"}"#,
    /// )?;
    /// assert_eq!(response.problem().map(|p| p.type_uri()), Some("about:blank"));
    /// # Ok::<(), authos_errors::client::ParseError>(())
    /// ```
    #[must_use]
    pub fn type_uri(&self) -> &str {
        &self.type_uri
    }

    /// The `title`, if sent.
    ///
    /// ```
    /// let response = authos_errors::catalog::client::parse_response(
    ///     Some(404),
    ///     Some("application/problem+json"),
    ///     r#"{"title":"Not Found"}"#,
    /// )?;
    /// assert_eq!(response.problem().and_then(|p| p.title()), Some("Not Found"));
    /// # Ok::<(), authos_errors::client::ParseError>(())
    /// ```
    #[must_use]
    pub fn title(&self) -> Option<&str> {
        self.title.as_deref()
    }

    /// The AuthOS `resolution` extension member, if sent.
    ///
    /// ```
    /// let response = authos_errors::catalog::client::parse_response(
    ///     Some(404),
    ///     Some("application/problem+json"),
    ///     r#"{"title":"Not Found"}"#,
    /// )?;
    /// assert_eq!(response.problem().and_then(|p| p.resolution()), None);
    /// # Ok::<(), authos_errors::client::ParseError>(())
    /// ```
    #[must_use]
    pub fn resolution(&self) -> Option<&str> {
        self.resolution.as_deref()
    }

    /// The `instance` URI reference as sent, whatever its form: `urn:request:<id>` names the
    /// request (read it decoded with [`ErrorResponse::request_id`]), anything else is the
    /// server's own reference to this occurrence.
    ///
    /// ```
    /// let response = authos_errors::catalog::client::parse_response(
    ///     Some(404),
    ///     Some("application/problem+json"),
    ///     r#"{"title":"Not Found","instance":"/orders/42"}"#,
    /// )?;
    /// assert_eq!(response.problem().and_then(|p| p.instance()), Some("/orders/42"));
    /// assert_eq!(response.request_id(), None);
    /// # Ok::<(), authos_errors::client::ParseError>(())
    /// ```
    #[must_use]
    pub fn instance(&self) -> Option<&str> {
        self.instance.as_deref()
    }
}

/// The media type named by a `Content-Type` value, without parameters.
fn media_type(content_type: &str) -> &str {
    content_type.split(';').next().unwrap_or_default().trim()
}

fn owned(text: Option<Cow<'_, str>>) -> Option<String> {
    text.map(Cow::into_owned)
}

impl<E: Catalog> ErrorResponse<E> {
    /// Reads an error response in any format the server writes, looking its code up in `E`'s
    /// catalog. [`parse_response`] is this for the AuthOS catalog.
    ///
    /// The format is told by the members, the content type deciding where they leave a doubt:
    /// - **SCIM** when `schemas` names `urn:ietf:params:scim:api:messages:2.0:Error`, or the
    ///   content type is `application/scim+json` and there is no `error`: message from
    ///   `detail` (else `scimType`), code from `error_code` (else the `AuthOS-Error-Code`
    ///   header given to [`from_response_with_headers`](Self::from_response_with_headers), else
    ///   `scimType`, else empty),
    ///   status from `status` (`"409"` or `409`).
    /// - **OAuth** when there is an `error` string and an `error_description`, or an `error`
    ///   without `error_code`: message from `error_description` (else `error`), code from
    ///   `error_code` (else the OAuth `error`, with [`authos_code`](Self::authos_code) `None`
    ///   and no catalog lookup).
    /// - **AuthOS JSON** when there are `error` and `error_code` and no `error_description`.
    /// - **Problem** otherwise (and when the content type is `application/problem+json` and
    ///   any of `type`, `title`, `detail` is present, even beside an `error`), when the content
    ///   type says so or any of `type`, `title`, `detail`, `status`, `error_code` is present:
    ///   code from `error_code` (else the `type` URI), message from `detail` (else `title`).
    ///
    /// The status is the body's `status` member when it has one, else `http_status`
    /// ([`status`](Self::status) falls back to the catalog entry's). Unknown members are
    /// ignored; `null` counts as absent.
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
    /// let bytes = br#"{"type":"/errors/CARD_DECLINED","status":402,"detail":"Card ending 4242 was declined","error_code":"CARD_DECLINED"}"#;
    /// let response = ErrorResponse::<BillingError>::from_response(None, Some("application/problem+json"), bytes)?;
    /// assert_eq!(response.error(), Some(&BillingError::CardDeclined));
    /// assert_eq!(response.message(), "Card ending 4242 was declined");
    /// assert_eq!(response.timestamp(), None);
    /// # Ok::<(), authos_errors::client::ParseError>(())
    /// ```
    ///
    /// # Errors
    /// As [`parse_response`].
    pub fn from_response(
        http_status: Option<u16>,
        content_type: Option<&str>,
        bytes: &[u8],
    ) -> Result<Self, ParseError> {
        Self::read(http_status, content_type, None, bytes)
    }

    /// [`from_response`](Self::from_response) with the response's headers, as
    /// [`parse_response_with_headers`] reads them.
    ///
    /// ```
    /// use authos_errors::{ApiErrorCode, client::ErrorResponse};
    ///
    /// #[derive(Debug, PartialEq, ApiErrorCode)]
    /// enum DirectoryError {
    ///     /// Group is full
    ///     #[code("GROUP_FULL", status = 409, scim = "tooMany")]
    ///     GroupFull,
    /// }
    ///
    /// let body = br#"{"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"409","scimType":"tooMany","detail":"Group is full"}"#;
    /// let headers = [("content-type", "application/scim+json"), ("authos-error-code", "GROUP_FULL")];
    /// let response = ErrorResponse::<DirectoryError>::from_response_with_headers(Some(409), headers, body)?;
    /// assert_eq!(response.error(), Some(&DirectoryError::GroupFull));
    /// # Ok::<(), authos_errors::client::ParseError>(())
    /// ```
    ///
    /// # Errors
    /// As [`parse_response`].
    pub fn from_response_with_headers<'h>(
        http_status: Option<u16>,
        headers: impl IntoIterator<Item = (&'h str, &'h str)>,
        bytes: &[u8],
    ) -> Result<Self, ParseError> {
        let mut content_type = None;
        let mut header_code = None;
        for (name, value) in headers {
            if content_type.is_none() && name.eq_ignore_ascii_case("content-type") {
                content_type = Some(value);
            } else if header_code.is_none()
                && name.eq_ignore_ascii_case(crate::scim::ERROR_CODE_HEADER)
            {
                header_code = crate::scim::error_code_header_value(value.trim());
            }
        }
        Self::read(http_status, content_type, header_code, bytes)
    }

    fn read(
        http_status: Option<u16>,
        content_type: Option<&str>,
        header_code: Option<&str>,
        bytes: &[u8],
    ) -> Result<Self, ParseError> {
        let refused = |kind, json| ParseError {
            kind,
            len: bytes.len(),
            reading: Reading::AnyFormat,
            json,
        };
        if bytes.len() > MAX_BODY_BYTES {
            return Err(refused(ParseErrorKind::TooLarge, None));
        }
        let members: Members<'_> = serde_json::from_slice(bytes)
            .map_err(|json| refused(super::kind_of(&json), Some(json)))?;
        let media = content_type.map(media_type).unwrap_or_default();
        Self::from_members(members, media, http_status, header_code).ok_or_else(|| {
            let json = <serde_json::Error as serde::de::Error>::custom(
                "the object has none of the members that mark an error body",
            );
            refused(ParseErrorKind::InvalidBody, Some(json))
        })
    }

    fn from_members(
        members: Members<'_>,
        media: &str,
        http_status: Option<u16>,
        header_code: Option<&str>,
    ) -> Option<Self> {
        let Members {
            error,
            error_code,
            timestamp,
            error_description,
            error_uri,
            type_uri,
            title,
            detail,
            status,
            resolution,
            scim_error_schema,
            scim_type,
            instance,
            extensions,
        } = members;
        let Extensions {
            details,
            errors,
            request_id,
            ..
        } = extensions;
        let request_id =
            request_id.or_else(|| instance.as_deref().and_then(request_id_of_instance));
        let body_status = status;
        let status = status.or(http_status);
        let scim_media = media.eq_ignore_ascii_case(WireFormat::Scim.content_type());
        let problem_media = media.eq_ignore_ascii_case(WireFormat::ProblemJson.content_type());

        let mut oauth = None;
        let mut scim = None;
        let mut problem = None;
        let problem_members = type_uri.is_some() || title.is_some() || detail.is_some();
        let format = if scim_error_schema || (scim_media && error.is_none()) {
            WireFormat::Scim
        } else if error.is_some() && !(problem_media && problem_members) {
            if error_description.is_some() || error_code.is_none() {
                WireFormat::OAuth
            } else {
                WireFormat::AuthOsJson
            }
        } else if problem_media || problem_members || body_status.is_some() || error_code.is_some()
        {
            WireFormat::ProblemJson
        } else {
            return None;
        };
        // Told by the body alone (above); a code in the header names it when the body does not.
        let error_code = error_code.or_else(|| header_code.map(|code| Cow::Owned(code.to_owned())));
        let authos_code = error_code.is_some();

        let (code, message) = match (format, error) {
            (WireFormat::Scim, error) => {
                let code = error_code.or_else(|| scim_type.clone());
                let message = detail.or(error).or_else(|| scim_type.clone());
                scim = Some(ScimFields {
                    scim_type: owned(scim_type),
                });
                (code, message)
            }
            (WireFormat::OAuth, Some(error)) => {
                let message = error_description.clone().unwrap_or_else(|| error.clone());
                let code = error_code.unwrap_or_else(|| error.clone());
                oauth = Some(OAuthFields {
                    error: error.into_owned(),
                    description: owned(error_description),
                    uri: owned(error_uri),
                });
                (Some(code), Some(message))
            }
            (WireFormat::AuthOsJson, error) => (error_code, error),
            // Problem details (OAuth is only chosen with an `error`).
            (_, error) => {
                let type_uri = type_uri.unwrap_or(Cow::Borrowed(ABOUT_BLANK));
                let code = error_code.unwrap_or_else(|| type_uri.clone());
                let message = detail.or_else(|| title.clone()).or(error);
                problem = Some(ProblemFields {
                    type_uri: type_uri.into_owned(),
                    title: owned(title),
                    resolution: owned(resolution),
                    instance: owned(instance),
                });
                (Some(code), message)
            }
        };

        let code = code.unwrap_or_default();
        let (info, error) = if authos_code {
            E::lookup(&code)
        } else {
            (None, None)
        };
        Some(ErrorResponse {
            body: ErrorBody {
                error: Cow::Owned(message.unwrap_or_default().into_owned()),
                error_code: Cow::Owned(code.into_owned()),
                // The documented stand-in of a body that carries no timestamp.
                timestamp: timestamp.unwrap_or(DateTime::<Utc>::UNIX_EPOCH),
            },
            error,
            info,
            format,
            status,
            timestamp_sent: timestamp.is_some(),
            authos_code,
            oauth,
            scim,
            problem,
            details,
            field_errors: errors.into_iter().map(RawEntry::typed).collect(),
            request_id,
            headers: super::ResponseHeaders::new(),
        })
    }
}

impl<E> ErrorResponse<E> {
    /// The wire format the response was read from.
    ///
    /// ```
    /// use authos_errors::client::{self, WireFormat};
    /// let response = authos_errors::catalog::client::parse_response(Some(409), None, r#"{"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":409,"detail":"exists"}"#)?;
    /// assert_eq!(response.format(), WireFormat::Scim);
    /// # Ok::<(), client::ParseError>(())
    /// ```
    #[must_use]
    pub fn format(&self) -> WireFormat {
        self.format
    }

    /// The AuthOS `error_code` when the body has one, `None` for an OAuth, SCIM or problem
    /// body from a server that does not send it ([`code`](Self::code) then holds the OAuth
    /// `error`, the `scimType` or the problem `type`).
    ///
    /// ```
    /// let ours = authos_errors::catalog::client::parse_response(None, None, r#"{"error":"slow_down","error_description":"Polling too fast","error_code":"DEVICE_CODE_SLOW_DOWN"}"#)?;
    /// assert_eq!(ours.authos_code(), Some("DEVICE_CODE_SLOW_DOWN"));
    /// let theirs = authos_errors::catalog::client::parse_response(None, None, r#"{"error":"slow_down"}"#)?;
    /// assert_eq!((theirs.authos_code(), theirs.code()), (None, "slow_down"));
    /// # Ok::<(), authos_errors::client::ParseError>(())
    /// ```
    #[must_use]
    pub fn authos_code(&self) -> Option<&str> {
        self.authos_code.then_some(self.code())
    }

    /// When the server says the error happened, `None` when the body carries no timestamp
    /// (plain OAuth and SCIM servers; [`body`](Self::body) then holds the Unix epoch).
    ///
    /// ```
    /// let response = authos_errors::catalog::client::parse(
    ///     r#"{"error":"x","error_code":"CONFLICT","timestamp":"2025-01-15T10:30:00Z"}"#,
    /// )?;
    /// assert_eq!(response.timestamp().map(|t| t.to_rfc3339()).as_deref(), Some("2025-01-15T10:30:00+00:00"));
    /// # Ok::<(), authos_errors::client::ParseError>(())
    /// ```
    #[must_use]
    pub fn timestamp(&self) -> Option<DateTime<Utc>> {
        self.timestamp_sent.then_some(self.body.timestamp)
    }

    /// The OAuth members, for an [`OAuth`](WireFormat::OAuth) body.
    ///
    /// ```
    /// let response = authos_errors::catalog::client::parse_response(None, None, r#"{"error":"expired_token"}"#)?;
    /// assert_eq!(response.oauth().map(|oauth| oauth.error()), Some("expired_token"));
    /// # Ok::<(), authos_errors::client::ParseError>(())
    /// ```
    #[must_use]
    pub fn oauth(&self) -> Option<&OAuthFields> {
        self.oauth.as_ref()
    }

    /// The SCIM members, for a [`Scim`](WireFormat::Scim) body.
    ///
    /// ```
    /// let response = authos_errors::catalog::client::parse_response(None, Some("application/scim+json"), r#"{"status":"400","scimType":"invalidFilter"}"#)?;
    /// assert_eq!(response.scim().and_then(|scim| scim.scim_type()), Some("invalidFilter"));
    /// # Ok::<(), authos_errors::client::ParseError>(())
    /// ```
    #[must_use]
    pub fn scim(&self) -> Option<&ScimFields> {
        self.scim.as_ref()
    }

    /// The problem members, for a [`ProblemJson`](WireFormat::ProblemJson) body.
    ///
    /// ```
    /// let response = authos_errors::catalog::client::parse_response(None, None, r#"{"type":"urn:x","status":418}"#)?;
    /// assert_eq!(response.problem().map(|p| p.type_uri()), Some("urn:x"));
    /// # Ok::<(), authos_errors::client::ParseError>(())
    /// ```
    #[must_use]
    pub fn problem(&self) -> Option<&ProblemFields> {
        self.problem.as_ref()
    }
}

impl<E> ErrorResponse<E> {
    /// The HTTP status of the error: the body's `status` member (problem, SCIM), else the
    /// status the caller passed to [`from_response`](Self::from_response), else the catalog
    /// entry's; `None` when none of them is known.
    ///
    /// ```
    /// let response = authos_errors::catalog::client::parse(
    ///     r#"{"error":"x","error_code":"CONFLICT","timestamp":"2025-01-15T10:30:00Z"}"#,
    /// )?;
    /// assert_eq!(response.status(), Some(409));
    /// let unknown = authos_errors::catalog::client::parse_response(Some(418), None, r#"{"error":"x","error_code":"TEAPOT"}"#)?;
    /// assert_eq!(unknown.status(), Some(418));
    /// # Ok::<(), authos_errors::client::ParseError>(())
    /// ```
    #[must_use]
    pub fn status(&self) -> Option<u16> {
        self.status.or_else(|| self.info().map(|info| info.status))
    }
}
