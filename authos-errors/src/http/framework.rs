//! The errors a web framework answers on its own — a body that is not JSON, an unknown route,
//! a wrong method, a body over the limit, a timeout, a panic — as a small catalog of this
//! crate ([`FrameworkError`]), and the framework-free decisions about them: which code a
//! framework's plain response gets ([`FrameworkError::for_plain_response`]), and what a JSON
//! body that does not deserialize is answered with ([`FrameworkRejection`]).
//!
//! The adapters only recognise their framework's responses and rejections; what they become is
//! decided here, once.
//!
//! # The codes
//!
//! | code | status | answers |
//! |---|---|---|
//! | `BAD_REQUEST` | 400 | a malformed body, query or path; a JSON body of the wrong shape (axum's 422 too) |
//! | `NOT_FOUND` | 404 | an unknown route |
//! | `METHOD_NOT_ALLOWED` | 405 | a method the route does not serve (the `Allow` header is kept) |
//! | `REQUEST_TIMEOUT` | 408 | a request that took too long (tower-http's `TimeoutLayer`) |
//! | `PAYLOAD_TOO_LARGE` | 413 | a body over the limit |
//! | `UNSUPPORTED_MEDIA_TYPE` | 415 | a body without the `Content-Type` the route reads |
//! | `INTERNAL_SERVER_ERROR` | 500 | a panic, a route the framework could not serve |
//! | `GATEWAY_TIMEOUT` | 504 | an upstream that did not answer in time |
//!
//! `BAD_REQUEST`, `NOT_FOUND` and `INTERNAL_SERVER_ERROR` carry the codes, statuses and texts of
//! the AuthOS General group ([`GeneralError`](crate::catalog::GeneralError)), so an AuthOS
//! service and its clients see their own codes; the other five are this crate's. On a SCIM
//! route `BAD_REQUEST` says `scimType: invalidSyntax` (RFC 7644 §3.12), on an OAuth route
//! `invalid_request` (RFC 6749 §5.2).
//!
//! # Which responses are the framework's
//!
//! An error layer (axum's `ErrorFormatLayer`, actix-web's `ErrorFormatMiddleware`) renders a
//! response the route returned **only** when all of these hold:
//! - it carries no captured error (no error of this crate made it);
//! - its status is one of 400, 404, 405, 408, 413, 415, 422, 500, 504;
//! - its body is empty, or its `Content-Type` is `text/plain` (with any parameters).
//!
//! That is exactly what the frameworks send for their own failures: axum's extractor
//! rejections are `text/plain` with these statuses, its unknown route and wrong method are
//! empty; actix-web's extractor errors are `text/plain`, its 404 and 405 empty; tower-http's
//! timeout is an empty 408, its caught panic and body limit `text/plain`. A JSON, HTML or any
//! other typed response of yours, and every success, is left alone. A plain-text 404 of your
//! own is rendered as `NOT_FOUND`; to keep such responses as they are, map the framework's
//! errors yourself or turn the conversion off
//! ([`ErrorLayer::with_framework_errors`](crate::response::ErrorLayer::with_framework_errors),
//! [`ErrorLayer::keep_framework_responses`](crate::response::ErrorLayer::keep_framework_responses)).
//!
//! ```
//! use authos_errors::framework::FrameworkError;
//!
//! assert_eq!(FrameworkError::for_plain_response(415, Some("text/plain; charset=utf-8"), false),
//!            Some(FrameworkError::UnsupportedMediaType));
//! assert_eq!(FrameworkError::for_plain_response(405, None, true), Some(FrameworkError::MethodNotAllowed));
//! // A typed body, or a status the frameworks do not use for their failures: not theirs.
//! assert_eq!(FrameworkError::for_plain_response(404, Some("application/json"), false), None);
//! assert_eq!(FrameworkError::for_plain_response(409, Some("text/plain"), false), None);
//! ```
//!
//! # JSON bodies
//!
//! Axum's and actix-web's own JSON extractors report a body of the wrong shape in text only;
//! the error layer answers them `BAD_REQUEST`. The extractors of this crate
//! (`authos_errors::axum::Json`, `authos_errors::actix::Json`) read the body with
//! `serde_path_to_error`, as axum itself does, and name the place: the answer carries one
//! field-errors entry whose `pointer` is the RFC 6901 pointer of the value serde refused (of
//! the missing member, for a missing field), whose `error` is serde's message without its
//! line and column, and whose code is `BAD_REQUEST`. See [`FrameworkRejection`].

use std::borrow::Cow;
use std::fmt;

use serde::de::DeserializeOwned;

use crate::field_errors::FieldError;

/// The errors a web framework answers on its own, as this crate's small catalog; see the
/// [module docs](self) for when each is answered.
///
/// A derived enum like any other: its `CATALOG` documents the codes, `from_code` reads them
/// back, and with the `utoipa` feature it documents its responses
/// ([`openapi::framework_responses`](crate::openapi::framework_responses) lists those of a
/// JSON body).
///
/// ```
/// use authos_errors::ApiErrorCode;
/// use authos_errors::framework::FrameworkError;
///
/// assert_eq!(FrameworkError::MethodNotAllowed.code(), "METHOD_NOT_ALLOWED");
/// assert_eq!(FrameworkError::PayloadTooLarge.status(), 413);
/// assert_eq!(FrameworkError::BadRequest.info().scim.map(|t| t.as_str()), Some("invalidSyntax"));
/// assert_eq!(FrameworkError::BadRequest.info().oauth.map(|c| c.as_str()), Some("invalid_request"));
/// assert_eq!(FrameworkError::from_code("GATEWAY_TIMEOUT"), Some(FrameworkError::GatewayTimeout));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, crate::ApiErrorCode)]
#[api_error(group = "Framework Errors")]
pub enum FrameworkError {
    /// Invalid request parameters or malformed JSON
    #[code(
        "BAD_REQUEST",
        status = 400,
        oauth = "invalid_request",
        scim = "invalidSyntax"
    )]
    BadRequest,

    /// Requested resource does not exist
    #[code("NOT_FOUND", status = 404)]
    NotFound,

    /// Method not allowed on this resource
    #[code(
        "METHOD_NOT_ALLOWED",
        status = 405,
        resolution = "Use one of the methods the Allow header lists"
    )]
    MethodNotAllowed,

    /// Request timed out
    #[code(
        "REQUEST_TIMEOUT",
        status = 408,
        resolution = "Retry; send the request in one go"
    )]
    RequestTimeout,

    /// Request body too large
    #[code("PAYLOAD_TOO_LARGE", status = 413, resolution = "Send a smaller body")]
    PayloadTooLarge,

    /// Unsupported media type
    #[code(
        "UNSUPPORTED_MEDIA_TYPE",
        status = 415,
        resolution = "Send the Content-Type the endpoint reads, such as application/json"
    )]
    UnsupportedMediaType,

    /// Unexpected server error
    #[code("INTERNAL_SERVER_ERROR", status = 500)]
    InternalServerError,

    /// Upstream did not answer in time
    #[code("GATEWAY_TIMEOUT", status = 504, resolution = "Retry later")]
    GatewayTimeout,
}

/// The French of the framework's own codes, `METHOD_NOT_ALLOWED`, `REQUEST_TIMEOUT`,
/// `PAYLOAD_TOO_LARGE`, `UNSUPPORTED_MEDIA_TYPE` and `GATEWAY_TIMEOUT`
/// (`locales/fr/framework.ftl`; feature `fluent`), which
/// [`Localizer::with_framework`](crate::l10n::Localizer::with_framework) loads. Its three other
/// codes are the AuthOS General group's, whose French is the AuthOS catalog's; a catalog that
/// does not have them translates those three itself.
///
/// ```
/// assert!(authos_errors::framework::FRAMEWORK_FTL_FR.contains("METHOD_NOT_ALLOWED = "));
/// ```
#[cfg(feature = "fluent")]
pub const FRAMEWORK_FTL_FR: &str = include_str!("../../locales/fr/framework.ftl");

#[cfg(feature = "fluent")]
impl crate::l10n::Localizer {
    /// This localizer over the codes the HTTP layers answer a framework's own failures with
    /// too ([`FrameworkError::CATALOG`](crate::ApiErrorCode::CATALOG)), with their French
    /// ([`FRAMEWORK_FTL_FR`]) added, so that a 405, 408, 413, 415 or 504 a layer answers is in
    /// the request's language like the service's own errors.
    ///
    /// # Errors
    /// As [`add_resource`](crate::l10n::Localizer::add_resource): a
    /// [`LoadError`](crate::l10n::LoadError) when a resource already loaded for French defines
    /// one of those five codes (a message is defined once).
    ///
    /// ```
    /// use authos_errors::framework::FrameworkError;
    /// use authos_errors::{ApiErrorCode, catalog::AuthOsError, l10n::Localizer};
    ///
    /// let localizer = Localizer::new(AuthOsError::CATALOG).with_authos()?.with_framework()?;
    /// let french = localizer.locale("fr").unwrap();
    /// assert_eq!(french.message(&FrameworkError::MethodNotAllowed), "Méthode non autorisée pour cette ressource");
    /// localizer.coverage("fr").unwrap().assert_complete(); // AuthOS's codes and the framework's
    /// # Ok::<(), authos_errors::l10n::LoadError>(())
    /// ```
    pub fn with_framework(self) -> Result<Self, crate::l10n::LoadError> {
        let mut localizer = self.with_catalog(<FrameworkError as crate::ApiErrorCode>::CATALOG);
        localizer.add_resource("fr", "locales/fr/framework.ftl", FRAMEWORK_FTL_FR)?;
        Ok(localizer)
    }
}

impl FrameworkError {
    /// The code a framework's failure with this HTTP status gets: 400 and 422 `BAD_REQUEST`,
    /// 404, 405, 408, 413, 415, 500 and 504 their own code; `None` for any other status.
    ///
    /// ```
    /// use authos_errors::framework::FrameworkError;
    /// assert_eq!(FrameworkError::from_status(422), Some(FrameworkError::BadRequest));
    /// assert_eq!(FrameworkError::from_status(504), Some(FrameworkError::GatewayTimeout));
    /// assert_eq!(FrameworkError::from_status(200), None);
    /// ```
    #[must_use]
    pub const fn from_status(status: u16) -> Option<Self> {
        Some(match status {
            400 | 422 => FrameworkError::BadRequest,
            404 => FrameworkError::NotFound,
            405 => FrameworkError::MethodNotAllowed,
            408 => FrameworkError::RequestTimeout,
            413 => FrameworkError::PayloadTooLarge,
            415 => FrameworkError::UnsupportedMediaType,
            500 => FrameworkError::InternalServerError,
            504 => FrameworkError::GatewayTimeout,
            _ => return None,
        })
    }

    /// The code of a response no error of this crate made, when it is a framework's failure:
    /// a status [`from_status`](Self::from_status) knows, and an empty body or a `text/plain`
    /// `Content-Type`. The rule the error layers apply; see the [module docs](self).
    ///
    /// ```
    /// use authos_errors::framework::FrameworkError;
    /// assert_eq!(FrameworkError::for_plain_response(404, None, true), Some(FrameworkError::NotFound));
    /// assert_eq!(FrameworkError::for_plain_response(404, Some("text/html"), false), None);
    /// assert_eq!(FrameworkError::for_plain_response(200, Some("text/plain"), false), None);
    /// ```
    #[must_use]
    pub fn for_plain_response(
        status: u16,
        content_type: Option<&str>,
        body_is_empty: bool,
    ) -> Option<Self> {
        let error = Self::from_status(status)?;
        (body_is_empty || content_type.is_some_and(is_text_plain)).then_some(error)
    }
}

/// Whether a `Content-Type` value is `text/plain`, parameters aside.
fn is_text_plain(content_type: &str) -> bool {
    content_type
        .split(';')
        .next()
        .is_some_and(|essence| essence.trim().eq_ignore_ascii_case("text/plain"))
}

/// Whether a request's `Content-Type` announces JSON: `application/json` or any
/// `application/*+json`, parameters aside (what axum's `Json` accepts).
#[cfg_attr(not(any(feature = "axum", feature = "actix-web")), allow(dead_code))]
pub(crate) fn is_json_content_type(content_type: Option<&str>) -> bool {
    let Some(essence) = content_type.and_then(|value| value.split(';').next()) else {
        return false;
    };
    let essence = essence.trim();
    let Some((kind, subtype)) = essence.split_once('/') else {
        return false;
    };
    kind.eq_ignore_ascii_case("application")
        && (subtype.eq_ignore_ascii_case("json")
            || subtype.len() > 5
                && subtype
                    .get(subtype.len() - 5..)
                    .is_some_and(|suffix| suffix.eq_ignore_ascii_case("+json")))
}

/// The longest serde message an entry repeats, in bytes: serde quotes the refused value, which
/// may be as long as the body.
pub const MAX_FIELD_MESSAGE_LEN: usize = 200;

/// Why a request was refused before its handler ran: the [`FrameworkError`] it is answered
/// with and, for a JSON body of the wrong shape, the field-errors entry naming the place.
///
/// The rejection of this crate's extractors (`authos_errors::axum::Json`,
/// `authos_errors::actix::Json`) and what its actix-web error handlers return; with the `axum`
/// / `actix-web` features it is a response like any error of this crate, rendered for the
/// request by the error layer around the route (through the layer's
/// [framework mapping](crate::response::ErrorLayer::with_framework_errors)).
///
/// ```
/// use authos_errors::framework::{FrameworkError, FrameworkRejection};
///
/// #[derive(Debug, serde::Deserialize)]
/// struct Login { email: String }
///
/// let rejection = FrameworkRejection::read_json::<Login>(br#"{"email": 42}"#).unwrap_err();
/// assert_eq!(rejection.error(), FrameworkError::BadRequest);
/// let entry = &rejection.field_errors()[0];
/// assert_eq!(entry.pointer(), "/email");
/// assert_eq!(entry.message(), "invalid type: integer `42`, expected a string");
///
/// let missing = FrameworkRejection::read_json::<Login>(b"{}").unwrap_err();
/// assert_eq!(missing.field_errors()[0].pointer(), "/email");
/// assert!(FrameworkRejection::read_json::<Login>(b"{").unwrap_err().field_errors().is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrameworkRejection {
    error: FrameworkError,
    fields: Vec<FieldError>,
}

impl FrameworkRejection {
    /// A rejection answered with `error` alone.
    ///
    /// ```
    /// use authos_errors::framework::{FrameworkError, FrameworkRejection};
    /// let rejection = FrameworkRejection::new(FrameworkError::PayloadTooLarge);
    /// assert_eq!(rejection.error(), FrameworkError::PayloadTooLarge);
    /// ```
    #[must_use]
    pub fn new(error: FrameworkError) -> Self {
        FrameworkRejection {
            error,
            fields: Vec::new(),
        }
    }

    /// Reads a JSON request body into `T`, as the crate's `Json` extractors do: serde's syntax
    /// errors (including an early end and trailing characters) are `BAD_REQUEST` alone, its
    /// data errors `BAD_REQUEST` with one entry naming the place (see the [module docs](self)).
    ///
    /// # Errors
    /// The rejection to answer with when `body` is not a JSON `T`.
    ///
    /// ```
    /// use authos_errors::framework::FrameworkRejection;
    /// let numbers: Vec<u8> = FrameworkRejection::read_json(b"[1, 2]").unwrap();
    /// assert_eq!(numbers, [1, 2]);
    /// let rejection = FrameworkRejection::read_json::<Vec<u8>>(b"[1, 300]").unwrap_err();
    /// assert_eq!(rejection.field_errors()[0].pointer(), "/1");
    /// ```
    pub fn read_json<T: DeserializeOwned>(body: &[u8]) -> Result<T, FrameworkRejection> {
        let mut deserializer = serde_json::Deserializer::from_slice(body);
        let value = match serde_path_to_error::deserialize(&mut deserializer) {
            Ok(value) => value,
            Err(error) => return Err(Self::json_error(error.path(), error.inner())),
        };
        deserializer
            .end()
            .map_err(|_| FrameworkRejection::new(FrameworkError::BadRequest))?;
        Ok(value)
    }

    /// The rejection of serde_json's `error` at `path`.
    fn json_error(path: &serde_path_to_error::Path, error: &serde_json::Error) -> Self {
        let mut rejection = FrameworkRejection::new(FrameworkError::BadRequest);
        if !error.is_data() {
            return rejection;
        }
        let message = serde_message(error);
        let mut segments: Vec<String> = path
            .iter()
            .filter_map(|segment| match segment {
                serde_path_to_error::Segment::Seq { index } => Some(index.to_string()),
                serde_path_to_error::Segment::Map { key } => Some(key.clone()),
                serde_path_to_error::Segment::Enum { variant } => Some(variant.clone()),
                serde_path_to_error::Segment::Unknown => None,
            })
            .collect();
        // serde reports a missing field at the object that lacks it; the entry names the field.
        if let Some(field) = message
            .strip_prefix("missing field `")
            .and_then(|rest| rest.strip_suffix('`'))
        {
            segments.push(field.to_owned());
        }
        let entry = FieldError::new(
            crate::field_errors::pointer(segments),
            &FrameworkError::BadRequest,
        )
        .with_message(bounded(message));
        rejection.fields.push(entry);
        rejection
    }

    /// The code this rejection is answered with.
    ///
    /// ```
    /// use authos_errors::framework::{FrameworkError, FrameworkRejection};
    /// assert_eq!(FrameworkRejection::new(FrameworkError::NotFound).error().status(), 404);
    /// # use authos_errors::ApiErrorCode;
    /// ```
    #[must_use]
    pub fn error(&self) -> FrameworkError {
        self.error
    }

    /// The field-errors entries the answer carries (one for a JSON body of the wrong shape,
    /// else none).
    ///
    /// ```
    /// use authos_errors::framework::{FrameworkError, FrameworkRejection};
    /// assert!(FrameworkRejection::new(FrameworkError::BadRequest).field_errors().is_empty());
    /// ```
    #[must_use]
    pub fn field_errors(&self) -> &[FieldError] {
        &self.fields
    }
}

impl From<FrameworkError> for FrameworkRejection {
    fn from(error: FrameworkError) -> Self {
        FrameworkRejection::new(error)
    }
}

impl fmt::Display for FrameworkRejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.error.description())?;
        if let Some(entry) = self.fields.first() {
            write!(f, " at `{}`: {}", entry.pointer(), entry.message())?;
        }
        Ok(())
    }
}

impl std::error::Error for FrameworkRejection {}

/// serde_json's message without the ` at line L column C` it appends.
fn serde_message(error: &serde_json::Error) -> String {
    let text = error.to_string();
    let position = format!(" at line {} column {}", error.line(), error.column());
    match text.strip_suffix(&position) {
        Some(message) => message.to_owned(),
        None => text,
    }
}

/// `text` cut at [`MAX_FIELD_MESSAGE_LEN`] bytes (on a character boundary), ending `...`.
fn bounded(text: String) -> Cow<'static, str> {
    if text.len() <= MAX_FIELD_MESSAGE_LEN {
        return Cow::Owned(text);
    }
    let mut end = MAX_FIELD_MESSAGE_LEN - 3;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    Cow::Owned(format!("{}...", &text[..end]))
}

/// `Deref`, `DerefMut` and `From<T>` of an adapter's `Json<T>` wrapper, as the frameworks' own
/// `Json` have them: each adapter's type is its own, the impls are the same.
#[cfg(any(feature = "axum", feature = "actix-web"))]
macro_rules! json_wrapper {
    ($json:ident) => {
        impl<T> std::ops::Deref for $json<T> {
            type Target = T;
            fn deref(&self) -> &T {
                &self.0
            }
        }

        impl<T> std::ops::DerefMut for $json<T> {
            fn deref_mut(&mut self) -> &mut T {
                &mut self.0
            }
        }

        impl<T> From<T> for $json<T> {
            fn from(value: T) -> Self {
                $json(value)
            }
        }
    };
}

#[cfg(any(feature = "axum", feature = "actix-web"))]
pub(crate) use json_wrapper;

#[cfg(test)]
mod tests {
    use super::{FrameworkRejection, MAX_FIELD_MESSAGE_LEN, is_json_content_type};

    #[test]
    fn json_content_types() {
        for accepted in [
            "application/json",
            "Application/JSON; charset=utf-8",
            "application/scim+json",
            "application/problem+json",
        ] {
            assert!(is_json_content_type(Some(accepted)), "{accepted}");
        }
        for refused in [
            "text/plain",
            "application/jsonx",
            "application/+json",
            "json",
            "",
        ] {
            assert!(!is_json_content_type(Some(refused)), "{refused}");
        }
        assert!(!is_json_content_type(None));
    }

    #[test]
    fn a_long_refused_value_is_cut() {
        let body = format!(r#"["{}é"]"#, "x".repeat(1000));
        let rejection = FrameworkRejection::read_json::<Vec<u8>>(body.as_bytes()).unwrap_err();
        let message = rejection.field_errors()[0].message();
        assert!(message.len() <= MAX_FIELD_MESSAGE_LEN && message.ends_with("..."));
    }

    #[test]
    fn trailing_characters_are_a_syntax_error() {
        let rejection = FrameworkRejection::read_json::<Vec<u8>>(b"[1] [2]").unwrap_err();
        assert!(rejection.field_errors().is_empty());
    }
}
