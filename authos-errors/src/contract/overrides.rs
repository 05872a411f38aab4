//! A catalog error with a message, a retry delay or a required scope chosen by the handler.

use std::borrow::Cow;
use std::fmt;
use std::time::Duration;

use serde::{Serialize, Serializer};

use crate::{ApiErrorCode, ErrorCodeInfo};

/// An error of any [`ApiErrorCode`] type with a message of the handler's own and, optionally,
/// a `Retry-After` delay or the OAuth scope the request lacked, so a handler can say *which*
/// field failed without declaring a new enum. The code and status stay the catalog's.
///
/// Made with [`ApiErrorCodeExt::with_message`], [`ApiErrorCodeExt::with_retry_after`] or
/// [`ApiErrorCodeExt::with_required_scope`].
///
/// ```
/// use std::time::Duration;
/// use authos_errors::{ApiErrorCode, ApiErrorCodeExt, catalog::GeneralError};
///
/// let err = GeneralError::BadRequest.with_message("`email` is required");
/// assert_eq!(err.code(), "BAD_REQUEST");
/// assert_eq!(err.status(), 400);
/// assert_eq!(err.message(), "`email` is required");
///
/// let limited = GeneralError::RateLimitExceeded.with_retry_after(Duration::from_secs(30));
/// assert_eq!(limited.retry_after(), Some(Duration::from_secs(30)));
/// assert_eq!(limited.message(), "Too many requests");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Detailed<E> {
    error: E,
    message: Option<Cow<'static, str>>,
    /// Whether a 5xx body may show `message` ([`Detailed::with_public_message`]).
    message_is_public: bool,
    retry_after: Option<Duration>,
    required_scope: Option<Cow<'static, str>>,
}

impl<E: ApiErrorCode> Detailed<E> {
    /// Wraps `error` with nothing overridden yet.
    ///
    /// ```
    /// use authos_errors::{ApiErrorCode, Detailed, catalog::MfaError};
    /// let err = Detailed::new(MfaError::MfaRequired);
    /// assert_eq!(err.message(), "MFA verification needed");
    /// ```
    #[must_use]
    pub fn new(error: E) -> Self {
        Detailed {
            error,
            message: None,
            message_is_public: false,
            retry_after: None,
            required_scope: None,
        }
    }

    /// Replaces the message: sent in the body of a 4xx (the `error` field, the problem's
    /// `detail`, ...); for a 5xx it is logged, never sent, and the body keeps the variant's
    /// declared text ([`disclosure`](crate::disclosure)), so `e.to_string()` of a database
    /// error is safe here. [`with_public_message`](Self::with_public_message) sends it for a 5xx
    /// too.
    ///
    /// ```
    /// use authos_errors::{ApiErrorCode, ApiErrorCodeExt, catalog::{InfrastructureError, ValidationError}};
    /// let err = ValidationError::SlugTooShort.with_message("Slug `ab` is shorter than 3 characters");
    /// assert_eq!(err.to_body().error, "Slug `ab` is shorter than 3 characters");
    ///
    /// let err = InfrastructureError::DatabaseError.with_message("db01: password=hunter2");
    /// assert_eq!(err.message(), "db01: password=hunter2"); // for the log line
    /// assert_eq!(err.to_body().error, "Database operation failed");
    /// ```
    #[must_use]
    pub fn with_message(mut self, message: impl Into<Cow<'static, str>>) -> Self {
        self.message = Some(message.into());
        self.message_is_public = false;
        self
    }

    /// Replaces the message and makes it public: sent in the body whatever the status, a 5xx's
    /// included (the explicit opt-out of the [`disclosure`](crate::disclosure) rule). Only for
    /// a text written for the client, never for an error's `to_string()`.
    ///
    /// ```
    /// use authos_errors::{ApiErrorCode, ApiErrorCodeExt, catalog::InfrastructureError};
    /// let err = InfrastructureError::DatabaseError
    ///     .with_public_message("Scheduled maintenance until 10:00 UTC");
    /// assert_eq!(err.to_body().error, "Scheduled maintenance until 10:00 UTC");
    /// assert_eq!(err.public_message(), "Scheduled maintenance until 10:00 UTC");
    /// ```
    #[must_use]
    pub fn with_public_message(mut self, message: impl Into<Cow<'static, str>>) -> Self {
        self.message = Some(message.into());
        self.message_is_public = true;
        self
    }

    /// Sets the delay a client should wait before retrying (sent as `Retry-After`), instead of
    /// the catalog entry's default ([`ErrorCodeInfo::retry_after`]).
    ///
    /// `Retry-After` is sent in whole seconds, rounded up, and at most
    /// [`MAX_RETRY_AFTER_SECONDS`](crate::problem::MAX_RETRY_AFTER_SECONDS) (about 68 years:
    /// the largest value every client reads); any longer delay, `Duration::MAX` included, is
    /// sent as that maximum.
    ///
    /// ```
    /// use std::time::Duration;
    /// use authos_errors::{ApiErrorCode, ApiErrorCodeExt, catalog::GeneralError};
    /// let err = GeneralError::RateLimitExceeded
    ///     .with_message("Slow down")
    ///     .with_retry_after(Duration::from_secs(5));
    /// assert_eq!(err.retry_after(), Some(Duration::from_secs(5)));
    /// ```
    #[must_use]
    pub fn with_retry_after(mut self, delay: Duration) -> Self {
        self.retry_after = Some(delay);
        self
    }

    /// Names the OAuth scope the request lacked (space-delimited scope tokens, as in a token's
    /// `scope`): a 403 is then answered with the RFC 6750 challenge
    /// `WWW-Authenticate: Bearer realm="...", error="insufficient_scope", error_description="...", scope="..."`
    /// in every format that sends Bearer challenges (all but the OAuth token endpoint's), and a
    /// 401's challenge names the scope too. A token with characters RFC 6750 does not allow in
    /// a scope (`"`, `\`, control or non-ASCII characters) is left out of the header.
    ///
    /// ```
    /// use authos_errors::{ApiErrorCode, ApiErrorCodeExt, catalog::AuthorizationError};
    /// let err = AuthorizationError::Forbidden.with_required_scope("write:users");
    /// assert_eq!(err.required_scope(), Some("write:users"));
    /// assert_eq!(err.status(), 403);
    /// ```
    #[must_use]
    pub fn with_required_scope(mut self, scope: impl Into<Cow<'static, str>>) -> Self {
        self.required_scope = Some(scope.into());
        self
    }

    /// The catalog description (inherent, so it is not ambiguous with the deprecated
    /// `std::error::Error::description` when both traits are in scope).
    ///
    /// ```
    /// use authos_errors::{ApiErrorCodeExt, catalog::MfaError};
    /// let err = MfaError::MfaRequired.with_message("Enter the code from your app");
    /// assert_eq!(err.description(), "MFA verification needed");
    /// ```
    #[must_use]
    pub fn description(&self) -> &'static str {
        self.error.info().description
    }

    /// The wrapped catalog error.
    ///
    /// ```
    /// use authos_errors::{ApiErrorCodeExt, catalog::MfaError};
    /// let err = MfaError::MfaRequired.with_message("Enter the code from your app");
    /// assert_eq!(err.inner(), &MfaError::MfaRequired);
    /// ```
    pub fn inner(&self) -> &E {
        &self.error
    }

    /// Unwraps the catalog error, dropping the overrides.
    ///
    /// ```
    /// use authos_errors::{ApiErrorCodeExt, catalog::MfaError};
    /// let err = MfaError::MfaRequired.with_message("Enter the code from your app");
    /// assert_eq!(err.into_inner(), MfaError::MfaRequired);
    /// ```
    pub fn into_inner(self) -> E {
        self.error
    }
}

impl<E: ApiErrorCode> From<E> for Detailed<E> {
    fn from(error: E) -> Self {
        Detailed::new(error)
    }
}

impl<E: ApiErrorCode> ApiErrorCode for Detailed<E> {
    const CATALOG: &'static [ErrorCodeInfo] = E::CATALOG;

    fn info(&self) -> &'static ErrorCodeInfo {
        self.error.info()
    }

    fn message(&self) -> Cow<'_, str> {
        match &self.message {
            Some(message) => Cow::Borrowed(message),
            None => self.error.message(),
        }
    }

    fn public_message(&self) -> Cow<'_, str> {
        match &self.message {
            Some(message) if self.message_is_public => Cow::Borrowed(message),
            _ => self.error.public_message(),
        }
    }

    fn retry_after(&self) -> Option<Duration> {
        self.retry_after.or_else(|| self.error.retry_after())
    }

    // The inner error's fields, even when the message is overridden: a translation renders the
    // catalog's text for the code, with the variables of the variant.
    fn visit_message_args(&self, visit: &mut dyn FnMut(&'static str, &dyn fmt::Display)) {
        self.error.visit_message_args(visit);
    }

    fn required_scope(&self) -> Option<&str> {
        self.required_scope
            .as_deref()
            .or_else(|| self.error.required_scope())
    }

    fn serialize_details<S: Serializer>(&self, serializer: S) -> Option<Result<S::Ok, S::Error>> {
        self.error.serialize_details(serializer)
    }
}

impl<E: ApiErrorCode> fmt::Display for Detailed<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl<E: ApiErrorCode + std::error::Error + 'static> std::error::Error for Detailed<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.error.source()
    }
}

impl<E: ApiErrorCode> Serialize for Detailed<E> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        crate::contract::details::serialize_body(self, serializer)
    }
}

/// Builders available on every [`ApiErrorCode`] value.
///
/// ```
/// use authos_errors::{ApiErrorCode, ApiErrorCodeExt, catalog::ValidationError};
/// let err = ValidationError::InvalidEmail.with_message("`email` must contain `@`");
/// assert_eq!(err.code(), "INVALID_EMAIL");
/// ```
pub trait ApiErrorCodeExt: ApiErrorCode + Sized {
    /// This error with a message of the handler's own; see [`Detailed::with_message`].
    ///
    /// ```
    /// use authos_errors::{ApiErrorCode, ApiErrorCodeExt, catalog::GeneralError};
    /// assert_eq!(GeneralError::NotFound.with_message("No user 42").message(), "No user 42");
    /// ```
    #[must_use]
    fn with_message(self, message: impl Into<Cow<'static, str>>) -> Detailed<Self> {
        Detailed::new(self).with_message(message)
    }

    /// This error with a message of the handler's own that a 5xx body shows too; see
    /// [`Detailed::with_public_message`].
    ///
    /// ```
    /// use authos_errors::{ApiErrorCode, ApiErrorCodeExt, catalog::GeneralError};
    /// let err = GeneralError::InternalServerError.with_public_message("Try again in a minute");
    /// assert_eq!(err.public_message(), "Try again in a minute");
    /// ```
    #[must_use]
    fn with_public_message(self, message: impl Into<Cow<'static, str>>) -> Detailed<Self> {
        Detailed::new(self).with_public_message(message)
    }

    /// This error with a `Retry-After` delay; see [`Detailed::with_retry_after`].
    ///
    /// ```
    /// use std::time::Duration;
    /// use authos_errors::{ApiErrorCode, ApiErrorCodeExt, catalog::GeneralError};
    /// let err = GeneralError::RateLimitExceeded.with_retry_after(Duration::from_secs(1));
    /// assert_eq!(err.retry_after(), Some(Duration::from_secs(1)));
    /// ```
    #[must_use]
    fn with_retry_after(self, delay: Duration) -> Detailed<Self> {
        Detailed::new(self).with_retry_after(delay)
    }

    /// This error naming the OAuth scope the request lacked; see
    /// [`Detailed::with_required_scope`].
    ///
    /// ```
    /// use authos_errors::{ApiErrorCode, ApiErrorCodeExt, catalog::GeneralError};
    /// let err = GeneralError::Forbidden.with_required_scope("admin:org");
    /// assert_eq!(err.required_scope(), Some("admin:org"));
    /// ```
    #[must_use]
    fn with_required_scope(self, scope: impl Into<Cow<'static, str>>) -> Detailed<Self> {
        Detailed::new(self).with_required_scope(scope)
    }
}

impl<E: ApiErrorCode> ApiErrorCodeExt for E {}
