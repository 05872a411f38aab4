//! The HTTP error response contract, free of any framework: for one error and one
//! [`RenderContext`], the status, the headers and the body bytes, in every [`ErrorFormat`].
//!
//! The axum and actix-web integrations only translate an [`ErrorResponse`] into their own
//! response type; any other server can do the same. Rendering happens in two steps so that a
//! layer which sees the request can choose the format after the handler has failed:
//! [`CapturedError::capture`] detaches what is needed from the error value (the integrations
//! keep it in the response's extensions), and [`CapturedError::render`] writes the response.
//!
//! | format | `Content-Type` | body | extra headers |
//! |---|---|---|---|
//! | [`Json`](ErrorFormat::Json) | `application/json` | [`ErrorBody`](crate::ErrorBody) | `WWW-Authenticate: Bearer` on 401 (and 403 with a required scope) |
//! | [`ProblemJson`](ErrorFormat::ProblemJson) | `application/problem+json` | [`ProblemDetails`] | `WWW-Authenticate: Bearer` on 401 (and 403 with a required scope) |
//! | [`OAuth`](ErrorFormat::OAuth) | `application/json` | [`OAuthErrorBody`] | `Cache-Control: no-store`, `Pragma: no-cache`, `WWW-Authenticate: Basic` on 401 |
//! | [`Scim`](ErrorFormat::Scim) | `application/scim+json` | [`ScimErrorBody`] | [`AuthOS-Error-Code`](crate::scim::ERROR_CODE_HEADER), `WWW-Authenticate: Bearer` on 401 (and 403 with a required scope) |
//!
//! The text of every format is [`body_message`](crate::disclosure::body_message): a 5xx shows
//! only its declared text, the handler's own ([`withheld_message`](CapturedError::withheld_message))
//! goes to the 5xx log line of the integrations.
//!
//! With a locale (feature `fluent`, `RenderContext::with_locale`) the texts of every format
//! but OAuth are translated — the message, the problem's title, and each field-errors entry with
//! its own arguments — and `Content-Language` and `Vary: Accept-Language` are sent.
//! `Content-Language` is true to every translated text of the body: the locale's language
//! (`fr`) when all of them are in it, the source language (`en`) when none is (codes the
//! translation lacks keep the derive's texts), both (`fr, en`) when the body mixes them.
//!
//! Every format sends `Retry-After` when the error knows its delay: the one the handler set
//! ([`Detailed::with_retry_after`](crate::Detailed::with_retry_after)), else the catalog entry's
//! default ([`ErrorCodeInfo::retry_after`]). The Bearer challenges are RFC 6750's
//! ([`www_authenticate`](crate::problem::www_authenticate)). The status is the catalog's,
//! except that OAuth's `invalid_client` is always 401 ([`OAuthErrorCode::status_for_entry`]).
//!
//! ```
//! use authos_errors::catalog::DeviceFlowError;
//! use authos_errors::problem::{ErrorFormat, ProblemConfig};
//! use authos_errors::response::{CapturedError, RenderContext};
//! use chrono::{TimeZone, Utc};
//!
//! let at = Utc.with_ymd_and_hms(2025, 1, 15, 10, 30, 0).unwrap();
//! let captured = CapturedError::capture_at(&DeviceFlowError::DeviceCodePending, at);
//! let config = ProblemConfig::default();
//! let response = captured.render(&RenderContext::new(ErrorFormat::OAuth, &config));
//! assert_eq!(response.status, 400);
//! assert_eq!(response.header("content-type"), Some("application/json"));
//! assert_eq!(response.header("cache-control"), Some("no-store"));
//! assert_eq!(response.header("pragma"), Some("no-cache"));
//! assert_eq!(
//!     String::from_utf8(response.body).unwrap(),
//!     concat!(
//!         r#"{"error":"authorization_pending","error_description":"User hasn't authorized yet","#,
//!         r#""error_code":"DEVICE_CODE_PENDING","timestamp":"2025-01-15T10:30:00Z"}"#,
//!     )
//! );
//! ```
//!
//! # Adding a format
//!
//! A new [`ErrorFormat`] variant, its content type in [`ErrorFormat::content_type`], and one arm
//! in [`CapturedError::render`] (plus its header names in [`RENDERED_HEADERS`] if it sends new
//! ones). The integrations and their layers need no change.

use std::borrow::Cow;
use std::fmt;

use chrono::{DateTime, Utc};
use serde::Serialize;

pub use super::layer::ErrorLayer;
pub use super::telemetry::{ERRORS_TOTAL, ErrorLogLevels, request_span};
use crate::contract::body::AuthOsBody;
use crate::contract::disclosure::{body_message, withheld_message};
use crate::oauth::{self, OAuthErrorBody, OAuthErrorCode};
use crate::problem::{ErrorFormat, ProblemConfig, ProblemDetails, retry_after_seconds};
use crate::scim::{ERROR_CODE_HEADER, ScimErrorBody};
use crate::wire::problem::ProblemDocument;
use crate::{ApiErrorCode, ErrorCodeInfo};

/// A `tracing` event at a level chosen at run time (the macros want a constant one).
macro_rules! event_at {
    ($level:expr, $($event:tt)+) => {{
        let level: tracing::Level = $level;
        if level == tracing::Level::ERROR {
            tracing::event!(tracing::Level::ERROR, $($event)+);
        } else if level == tracing::Level::WARN {
            tracing::event!(tracing::Level::WARN, $($event)+);
        } else if level == tracing::Level::INFO {
            tracing::event!(tracing::Level::INFO, $($event)+);
        } else if level == tracing::Level::DEBUG {
            tracing::event!(tracing::Level::DEBUG, $($event)+);
        } else {
            tracing::event!(tracing::Level::TRACE, $($event)+);
        }
    }};
}

/// The names (lowercase) of every header [`CapturedError::render`] may send. A layer that
/// renders an error response made without it removes all of them first, so that nothing of
/// the previous format (a Bearer challenge, say) survives into the new one. `Vary` (sent when
/// the format or the language was negotiated) is not among them: the integrations append it
/// beside other middleware's.
///
/// ```
/// use authos_errors::response::RENDERED_HEADERS;
/// assert!(RENDERED_HEADERS.contains(&"www-authenticate"));
/// ```
pub const RENDERED_HEADERS: &[&str] = &[
    "content-type",
    "cache-control",
    "pragma",
    "retry-after",
    "www-authenticate",
    "content-language",
    ERROR_CODE_HEADER,
];

/// How one response is rendered: the format, and the [`ProblemConfig`] (the `type` URI bases,
/// the challenge realm and invalid-token codes).
///
/// Built with [`RenderContext::new`] (fields may be added, such as the client's locale or the
/// request id).
///
/// ```
/// use authos_errors::problem::{ErrorFormat, ProblemConfig};
/// use authos_errors::response::RenderContext;
///
/// let config = ProblemConfig::default().with_realm("example");
/// let context = RenderContext::new(ErrorFormat::Scim, &config);
/// assert_eq!(context.format, ErrorFormat::Scim);
/// assert_eq!(RenderContext::default().format, ErrorFormat::Json);
/// ```
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub struct RenderContext<'a> {
    /// The format to answer in.
    pub format: ErrorFormat,
    /// The `type` URI bases, the realm and invalid-token codes of challenges.
    pub config: &'a ProblemConfig,
    /// The language to answer in (feature `fluent`): the `error` / `detail` / `title` texts
    /// are translated, `Content-Language` and `Vary: Accept-Language` sent. `None`: the
    /// derive's texts, no such headers. OAuth bodies stay as they are (RFC 6749 §5.2 wants
    /// ASCII descriptions).
    #[cfg(feature = "fluent")]
    pub locale: Option<crate::l10n::Locale<'a>>,
    /// The request's `x-request-id`, when it carried a usable one
    /// ([`request_id`](crate::request_id)).
    pub request_id: Option<&'a str>,
    /// Whether the format was negotiated from the request's `Accept`: the answer then says
    /// `Vary: Accept`, so that a shared cache keeps one answer per format (RFC 9110 §12.5.5).
    pub negotiated: bool,
}

/// The default configuration, for the default context.
static DEFAULT_CONFIG: ProblemConfig = ProblemConfig::DEFAULT;

impl Default for RenderContext<'static> {
    /// The AuthOS JSON body with the default [`ProblemConfig`] (no realm, no invalid-token
    /// code, `about:blank` problem types): what a handler's error becomes when no layer
    /// chooses otherwise.
    fn default() -> Self {
        RenderContext::new(ErrorFormat::Json, &DEFAULT_CONFIG)
    }
}

impl<'a> RenderContext<'a> {
    /// A context answering in `format` with `config`.
    ///
    /// ```
    /// use authos_errors::problem::{ErrorFormat, ProblemConfig};
    /// use authos_errors::response::RenderContext;
    /// let config = ProblemConfig::default();
    /// assert_eq!(RenderContext::new(ErrorFormat::OAuth, &config).format, ErrorFormat::OAuth);
    /// ```
    #[must_use]
    pub const fn new(format: ErrorFormat, config: &'a ProblemConfig) -> Self {
        RenderContext {
            format,
            config,
            #[cfg(feature = "fluent")]
            locale: None,
            request_id: None,
            negotiated: false,
        }
    }

    /// This context answering in `locale`'s language (feature `fluent`).
    ///
    /// ```
    /// use authos_errors::catalog::GeneralError;
    /// use authos_errors::l10n::Localizer;
    /// use authos_errors::response::{CapturedError, RenderContext};
    ///
    /// let french = Localizer::authos().negotiate("fr-CA").unwrap();
    /// let response = CapturedError::capture(&GeneralError::Conflict)
    ///     .render(&RenderContext::default().with_locale(french));
    /// assert_eq!(response.header("content-language"), Some("fr"));
    /// assert_eq!(response.header("vary"), Some("Accept-Language"));
    /// let body = String::from_utf8(response.body).unwrap();
    /// assert!(body.starts_with(r#"{"error":"La ressource existe déjà ou son état est en conflit","error_code":"CONFLICT""#));
    /// ```
    #[cfg(feature = "fluent")]
    #[must_use]
    pub const fn with_locale(mut self, locale: crate::l10n::Locale<'a>) -> Self {
        self.locale = Some(locale);
        self
    }

    /// This context for a request whose id is `request_id`: problem documents name it in
    /// `instance`, the AuthOS body in `request_id` when the config opts in.
    ///
    /// ```
    /// use authos_errors::catalog::GeneralError;
    /// use authos_errors::problem::{ErrorFormat, ProblemConfig};
    /// use authos_errors::response::{CapturedError, RenderContext};
    /// let config = ProblemConfig::default();
    /// let context = RenderContext::new(ErrorFormat::ProblemJson, &config).with_request_id(Some("r-1"));
    /// let response = CapturedError::capture(&GeneralError::Conflict).render(&context);
    /// assert!(String::from_utf8(response.body).unwrap().contains(r#""instance":"urn:request:r-1""#));
    /// ```
    #[must_use]
    pub const fn with_request_id(mut self, request_id: Option<&'a str>) -> Self {
        self.request_id = request_id;
        self
    }

    /// This context for a format negotiated from the request's `Accept` (`true`): the answer
    /// says `Vary: Accept`.
    ///
    /// ```
    /// use authos_errors::catalog::GeneralError;
    /// use authos_errors::response::{CapturedError, RenderContext};
    /// let response = CapturedError::capture(&GeneralError::Conflict)
    ///     .render(&RenderContext::default().with_negotiated(true));
    /// assert_eq!(response.header("vary"), Some("Accept"));
    /// ```
    #[must_use]
    pub const fn with_negotiated(mut self, negotiated: bool) -> Self {
        self.negotiated = negotiated;
        self
    }
}

/// One rendered error response: what a framework integration turns into its own type.
///
/// ```
/// use authos_errors::catalog::ScimError;
/// use authos_errors::problem::{ErrorFormat, ProblemConfig};
/// use authos_errors::response::{CapturedError, RenderContext};
///
/// let config = ProblemConfig::default();
/// let response = CapturedError::capture(&ScimError::ScimUserExists)
///     .render(&RenderContext::new(ErrorFormat::Scim, &config));
/// assert_eq!(response.status, 409);
/// assert_eq!(response.header("Content-Type"), Some("application/scim+json"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorResponse {
    /// The HTTP status.
    pub status: u16,
    /// The headers, names in lowercase, each at most once, values valid header values
    /// (printable ASCII).
    pub headers: Vec<(&'static str, Cow<'static, str>)>,
    /// The body.
    pub body: Vec<u8>,
}

impl ErrorResponse {
    /// The value of header `name` (case-insensitive), if sent.
    ///
    /// ```
    /// use authos_errors::catalog::GeneralError;
    /// use authos_errors::response::{CapturedError, RenderContext};
    /// let response = CapturedError::capture(&GeneralError::Forbidden).render(&RenderContext::default());
    /// assert_eq!(response.header("content-type"), Some("application/json"));
    /// assert_eq!(response.header("www-authenticate"), None);
    /// ```
    #[must_use]
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(header, _)| header.eq_ignore_ascii_case(name))
            .map(|(_, value)| &**value)
    }
}

/// Everything needed to render one error response, detached from the error value (`'static`,
/// `Send`, `Sync`) so that it can travel in a response's extensions to a layer that knows the
/// request.
///
/// ```
/// use authos_errors::ApiErrorCodeExt;
/// use authos_errors::catalog::ResourceError;
/// use authos_errors::response::CapturedError;
///
/// let captured = CapturedError::capture(&ResourceError::NotFound.with_message("No user 42"));
/// assert_eq!(captured.info().code, "NOT_FOUND");
/// assert_eq!(captured.message(), "No user 42");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CapturedError {
    info: &'static ErrorCodeInfo,
    /// The text its bodies show ([`body_message`]).
    message: Cow<'static, str>,
    /// The handler's text the bodies withhold, for the log line ([`withheld_message`]).
    withheld: Option<Cow<'static, str>>,
    timestamp: DateTime<Utc>,
    retry_after: Option<u64>,
    /// The variables of the message's translation ([`ApiErrorCode::visit_message_args`]);
    /// empty, and unallocated, for a message without placeholders.
    #[cfg(feature = "fluent")]
    args: Vec<(&'static str, String)>,
    required_scope: Option<Cow<'static, str>>,
    extras: crate::wire::json::Extras,
}

/// The texts and header of a response in the context's language (feature `fluent`).
#[cfg_attr(not(feature = "fluent"), allow(dead_code))]
struct Localized<'a> {
    message: Option<Cow<'a, str>>,
    title: Option<Cow<'a, str>>,
    /// The extras with each field-errors entry translated, when there are entries.
    extras: Option<crate::wire::json::Extras>,
    /// Interned: borrowed into the header, never copied.
    content_language: &'static str,
}

impl CapturedError {
    /// Captures a [`FieldErrors`](crate::field_errors::FieldErrors), stamped now: its bodies
    /// carry the `errors` array.
    ///
    /// ```
    /// use authos_errors::catalog::ValidationError;
    /// use authos_errors::field_errors::FieldErrors;
    /// use authos_errors::response::{CapturedError, RenderContext};
    /// let mut errors = FieldErrors::new();
    /// errors.push("email", &ValidationError::InvalidEmail);
    /// let response = CapturedError::capture_field_errors(&errors).render(&RenderContext::default());
    /// assert_eq!(response.status, 400);
    /// assert!(String::from_utf8(response.body).unwrap().contains(r#""pointer":"/email""#));
    /// ```
    #[must_use]
    pub fn capture_field_errors(errors: &crate::field_errors::FieldErrors) -> Self {
        let mut captured = Self::capture(errors);
        captured.extras.errors = Some(errors.as_slice().into());
        captured
    }

    /// This error carrying `entries` as its `errors` array (none: unchanged).
    pub(crate) fn with_field_errors(mut self, entries: &[crate::field_errors::FieldError]) -> Self {
        if !entries.is_empty() {
            self.extras.errors = Some(entries.into());
        }
        self
    }

    /// Captures `error`, stamped now.
    ///
    /// ```
    /// use authos_errors::catalog::MfaError;
    /// use authos_errors::response::CapturedError;
    /// assert_eq!(CapturedError::capture(&MfaError::InvalidMfaCode).info().status, 400);
    /// ```
    #[must_use]
    pub fn capture<E: ApiErrorCode + ?Sized>(error: &E) -> Self {
        Self::capture_at(error, Utc::now())
    }

    /// Captures `error`, stamped at `at`.
    ///
    /// ```
    /// use std::time::Duration;
    /// use authos_errors::ApiErrorCodeExt;
    /// use authos_errors::catalog::GeneralError;
    /// use authos_errors::response::CapturedError;
    /// use chrono::{TimeZone, Utc};
    ///
    /// let at = Utc.with_ymd_and_hms(2025, 1, 15, 10, 30, 0).unwrap();
    /// let err = GeneralError::RateLimitExceeded.with_retry_after(Duration::from_millis(1500));
    /// let captured = CapturedError::capture_at(&err, at);
    /// assert_eq!((captured.timestamp(), captured.retry_after_seconds()), (at, Some(2)));
    /// ```
    #[must_use]
    pub fn capture_at<E: ApiErrorCode + ?Sized>(error: &E, at: DateTime<Utc>) -> Self {
        CapturedError {
            info: error.info(),
            message: Cow::Owned(body_message(error).into_owned()),
            withheld: withheld_message(error).map(|text| Cow::Owned(text.into_owned())),
            timestamp: at,
            retry_after: retry_after_seconds(error),
            #[cfg(feature = "fluent")]
            args: crate::contract::code::captured_message_args(error),
            required_scope: error.required_scope().map(|s| Cow::Owned(s.to_owned())),
            extras: crate::wire::json::Extras::of(error),
        }
    }

    /// The translated texts for `context`'s language, `None` without one (or for OAuth): the
    /// message, the title, each field-errors entry with its own arguments, and the
    /// `Content-Language` of all of them together.
    #[cfg(feature = "fluent")]
    fn localized<'s>(&'s self, context: &RenderContext<'s>) -> Option<Localized<'s>> {
        let locale = context
            .locale
            .filter(|_| context.format != ErrorFormat::OAuth)?;
        if locale.is_source() {
            // The derive's texts, as captured: nothing to look up.
            return Some(Localized {
                message: None,
                title: None,
                extras: None,
                content_language: locale.content_language(false, false),
            });
        }
        let message = locale.translate_code(self.info.code, None, |visit| {
            for (name, value) in &self.args {
                visit(name, value);
            }
        });
        let title = message.as_ref().and_then(|_| locale.description(self.info));
        // Which texts are in the language and which (a code the translation lacks) stay in the
        // source language; a problem's title without a translation (a templated code without
        // `.description`) stays too.
        let mut translated = message.is_some();
        let mut untranslated =
            message.is_none() || (context.format == ErrorFormat::ProblemJson && title.is_none());
        let extras = self.extras.errors.as_ref().map(|entries| {
            let entries: Vec<crate::field_errors::FieldError> = entries
                .iter()
                .map(|entry| {
                    let text = locale.translate_code(entry.code(), entry.variant(), |visit| {
                        for (name, value) in entry.message_args() {
                            visit(name, value);
                        }
                    });
                    translated |= text.is_some();
                    untranslated |= text.is_none();
                    match text {
                        Some(text) => entry.clone().with_message(text.into_owned()),
                        None => entry.clone(),
                    }
                })
                .collect();
            crate::wire::json::Extras {
                details: self.extras.details.clone(),
                errors: Some(entries.into()),
            }
        });
        Some(Localized {
            message,
            title,
            extras,
            content_language: locale.content_language(translated, untranslated),
        })
    }

    #[cfg(not(feature = "fluent"))]
    #[allow(clippy::unused_self)]
    fn localized(&self, _: &RenderContext<'_>) -> Option<Localized<'_>> {
        None
    }

    /// The catalog entry.
    ///
    /// ```
    /// use authos_errors::catalog::ScimError;
    /// use authos_errors::response::CapturedError;
    /// assert_eq!(CapturedError::capture(&ScimError::ScimUserExists).info().code, "SCIM_USER_EXISTS");
    /// ```
    #[must_use]
    pub fn info(&self) -> &'static ErrorCodeInfo {
        self.info
    }

    /// The text its bodies show ([`body_message`]: for a 5xx, the declared text only).
    ///
    /// ```
    /// use authos_errors::catalog::ScimError;
    /// use authos_errors::response::CapturedError;
    /// assert_eq!(CapturedError::capture(&ScimError::ScimUserExists).message(), "User already exists");
    /// ```
    #[must_use]
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The handler's text the bodies withhold ([`withheld_message`]): what the 5xx log line
    /// carries beside the body's text, `None` when the bodies show the error's whole message.
    ///
    /// ```
    /// use authos_errors::ApiErrorCodeExt;
    /// use authos_errors::catalog::InfrastructureError;
    /// use authos_errors::response::CapturedError;
    /// let captured = CapturedError::capture(&InfrastructureError::DatabaseError.with_message("db01 down"));
    /// assert_eq!(captured.message(), "Database operation failed");
    /// assert_eq!(captured.withheld_message(), Some("db01 down"));
    /// ```
    #[must_use]
    pub fn withheld_message(&self) -> Option<&str> {
        self.withheld.as_deref()
    }

    /// When the error was captured.
    ///
    /// ```
    /// use authos_errors::catalog::ScimError;
    /// use authos_errors::response::CapturedError;
    /// use chrono::Utc;
    /// let before = Utc::now();
    /// assert!(CapturedError::capture(&ScimError::ScimUserExists).timestamp() >= before);
    /// ```
    #[must_use]
    pub fn timestamp(&self) -> DateTime<Utc> {
        self.timestamp
    }

    /// The `Retry-After` value in whole seconds, if any ([`retry_after_seconds`]).
    ///
    /// ```
    /// use authos_errors::catalog::ScimError;
    /// use authos_errors::response::CapturedError;
    /// assert_eq!(CapturedError::capture(&ScimError::ScimUserExists).retry_after_seconds(), None);
    /// ```
    #[must_use]
    pub fn retry_after_seconds(&self) -> Option<u64> {
        self.retry_after
    }

    /// The response in `context`'s format. See the [module docs](self) for what each format
    /// sends.
    ///
    /// ```
    /// use authos_errors::catalog::{self, AuthenticationError};
    /// use authos_errors::problem::ErrorFormat;
    /// use authos_errors::response::{CapturedError, RenderContext};
    ///
    /// let captured = CapturedError::capture(&AuthenticationError::InvalidCredentials);
    /// let config = catalog::problem_config();
    /// let json = captured.render(&RenderContext::new(ErrorFormat::Json, &config));
    /// assert_eq!(json.header("www-authenticate"), Some(r#"Bearer realm="authos""#));
    /// let oauth = captured.render(&RenderContext::new(ErrorFormat::OAuth, &config));
    /// assert_eq!(oauth.status, 401);
    /// assert_eq!(oauth.header("www-authenticate"), Some(r#"Basic realm="authos""#));
    /// ```
    #[must_use]
    pub fn render(&self, context: &RenderContext<'_>) -> ErrorResponse {
        let info = self.info;
        let localized = self.localized(context);
        let message = Cow::Borrowed(
            localized
                .as_ref()
                .and_then(|l| l.message.as_deref())
                .unwrap_or(&self.message),
        );
        let extras = localized
            .as_ref()
            .and_then(|l| l.extras.as_ref())
            .unwrap_or(&self.extras);
        let scope = self.required_scope.as_deref();
        let mut status = info.status;
        let mut headers: Vec<(&'static str, Cow<'static, str>)> = Vec::with_capacity(6);
        headers.push(("content-type", Cow::Borrowed(context.format.content_type())));
        let (body, challenge) = match context.format {
            ErrorFormat::Json => {
                let request_id = context
                    .request_id
                    .filter(|_| context.config.request_id_in_body());
                let body = AuthOsBody::new(&message, info.code, self.timestamp)
                    .with_request_id(request_id)
                    .with_details(extras.details())
                    .with_errors(extras.errors());
                (
                    to_bytes(&body),
                    crate::wire::headers::challenge(info, &self.message, context.config, scope),
                )
            }
            ErrorFormat::ProblemJson => {
                let mut problem =
                    ProblemDetails::from_parts(info, message, context.config, self.timestamp);
                if let Some(title) = localized.as_ref().and_then(|l| l.title.as_deref()) {
                    problem.title = title;
                }
                let document = ProblemDocument::of(&problem)
                    .with_request_id(context.request_id)
                    .with_details(extras.details())
                    .with_errors(extras.errors());
                (
                    to_bytes(&document),
                    crate::wire::headers::challenge(info, &self.message, context.config, scope),
                )
            }
            ErrorFormat::OAuth => {
                // RFC 6749 §5.1: token endpoint responses must not be cached.
                headers.push(("cache-control", Cow::Borrowed("no-store")));
                headers.push(("pragma", Cow::Borrowed("no-cache")));
                status = OAuthErrorCode::status_for_entry(info);
                (
                    to_bytes(&OAuthErrorBody::from_parts(info, message, self.timestamp)),
                    // RFC 7617 §2 requires a realm of a Basic challenge: empty without one.
                    (status == 401).then(|| {
                        oauth::client_challenge(context.config.realm().unwrap_or_default())
                    }),
                )
            }
            ErrorFormat::Scim => {
                // The RFC 7644 Error message has no member for the AuthOS code.
                if let Some(code) = crate::wire::scim::error_code_header_value(info.code) {
                    headers.push((ERROR_CODE_HEADER, Cow::Borrowed(code)));
                }
                let body = ScimErrorBody::from_parts(info, message, self.timestamp)
                    .with_authos_members(context.config.scim_authos_members());
                (
                    to_bytes(&body),
                    // SCIM clients authenticate with Bearer tokens (RFC 7644 §2).
                    crate::wire::headers::challenge(info, &self.message, context.config, scope),
                )
            }
        };
        if let Some(seconds) = self.retry_after {
            headers.push(("retry-after", Cow::Owned(seconds.to_string())));
        }
        if let Some(challenge) = challenge {
            headers.push(("www-authenticate", Cow::Owned(challenge)));
        }
        // `Vary` names every request header the answer depended on; the adapters append it
        // beside any `Vary` of other middleware.
        let vary = match (context.negotiated, localized.is_some()) {
            (true, true) => Some("Accept, Accept-Language"),
            (true, false) => Some("Accept"),
            (false, true) => Some("Accept-Language"),
            (false, false) => None,
        };
        if let Some(localized) = localized {
            headers.push((
                "content-language",
                Cow::Borrowed(localized.content_language),
            ));
        }
        if let Some(vary) = vary {
            headers.push(("vary", Cow::Borrowed(vary)));
        }
        ErrorResponse {
            status,
            headers,
            body,
        }
    }

    #[cfg_attr(not(any(feature = "axum", feature = "actix-web")), allow(dead_code))]
    pub(crate) fn log(&self, level: tracing::Level, as_error: Option<&dyn std::error::Error>) {
        log_answer(
            self.info,
            &self.message,
            self.withheld.as_deref(),
            level,
            as_error,
        );
    }
}

/// Logs an error answer once at `level`: a 5xx (`info`'s status) with its message and `source()`
/// chain, the one place the underlying error's text goes since no answer carries it; a 4xx
/// without; both with the id of the request being answered when an error layer is around the
/// route or service. The one log line of every adapter, HTTP and gRPC.
#[cfg_attr(
    not(any(feature = "axum", feature = "actix-web", feature = "tonic")),
    allow(dead_code)
)]
pub(crate) fn log_answer(
    info: &ErrorCodeInfo,
    message: &str,
    withheld_message: Option<&str>,
    level: tracing::Level,
    as_error: Option<&dyn std::error::Error>,
) {
    // The id of the request, when an error layer is around the route: support finds the
    // line from the id in the response.
    let request_id = crate::http::layer::current_request_id();
    let request_id = request_id
        .as_ref()
        .map(crate::request_id::RequestId::as_str);
    if info.is_server_error() {
        let source = SourceChain(as_error.and_then(std::error::Error::source));
        event_at!(
            level,
            error_code = info.code,
            status = info.status,
            error_message = %message,
            withheld_message,
            source = %source,
            request_id,
            "request failed with a server error",
        );
    } else {
        event_at!(
            level,
            error_code = info.code,
            status = info.status,
            error_message = %message,
            request_id,
            "request failed with a client error",
        );
    }
}

/// A body as JSON bytes.
fn to_bytes<T: Serialize>(body: &T) -> Vec<u8> {
    // Serialising strings and integers into memory cannot fail; keep a valid body anyway.
    serde_json::to_vec(body).unwrap_or_else(|_| b"{}".to_vec())
}

/// Writes an error and its `source()` chain as `error: cause: cause`, for logs only.
#[cfg_attr(
    not(any(feature = "axum", feature = "actix-web", feature = "tonic")),
    allow(dead_code)
)]
struct SourceChain<'a>(Option<&'a (dyn std::error::Error + 'static)>);

impl fmt::Display for SourceChain<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut next = self.0;
        let mut first = true;
        while let Some(error) = next {
            if !first {
                f.write_str(": ")?;
            }
            write!(f, "{error}")?;
            first = false;
            next = error.source();
        }
        if first {
            f.write_str("(no source)")?;
        }
        Ok(())
    }
}
