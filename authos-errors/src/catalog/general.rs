//! The "General Errors" group of the AuthOS catalog.

use crate::ApiErrorCode;

/// Errors any endpoint can return.
///
/// Each variant is one row of the reference's "General Errors" table.
///
/// ```
/// use authos_errors::{ApiErrorCode, catalog::GeneralError};
/// let err = GeneralError::BadRequest;
/// assert_eq!(err.code(), "BAD_REQUEST");
/// assert_eq!(err.status(), 400);
/// assert_eq!(GeneralError::from_code("BAD_REQUEST"), Some(err));
/// // A rate-limited client is told to wait a minute unless the handler knows better.
/// assert_eq!(GeneralError::RateLimitExceeded.info().retry_after, Some(60));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, ApiErrorCode)]
#[api_error(group = "General Errors")]
pub enum GeneralError {
    /// Invalid request parameters or malformed JSON
    #[code("BAD_REQUEST", status = 400)]
    BadRequest,

    /// Missing or invalid authentication
    #[code("UNAUTHORIZED", status = 401)]
    Unauthorized,

    /// Valid credentials but insufficient permissions
    #[code("FORBIDDEN", status = 403)]
    Forbidden,

    /// Requested resource does not exist
    #[code("NOT_FOUND", status = 404)]
    NotFound,

    /// Resource already exists or state conflict
    #[code("CONFLICT", status = 409)]
    Conflict,

    /// Too many requests
    ///
    /// Answered with `Retry-After: 60` unless the handler sets the delay it knows
    /// ([`Detailed::with_retry_after`](crate::Detailed::with_retry_after)): one minute, the
    /// longest backoff an AuthOS client waits between retries on its own.
    #[code("RATE_LIMIT_EXCEEDED", status = 429, retry_after = 60)]
    RateLimitExceeded,

    /// Unexpected server error
    #[code("INTERNAL_SERVER_ERROR", status = 500)]
    InternalServerError,
}
