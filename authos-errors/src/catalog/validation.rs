//! The "Validation Errors" group of the AuthOS catalog.

use crate::ApiErrorCode;

/// Errors in the values of a request.
///
/// Each variant is one row of the reference's "Validation Errors" table.
///
/// ```
/// use authos_errors::{ApiErrorCode, catalog::ValidationError};
/// let err = ValidationError::InvalidEmail;
/// assert_eq!(err.code(), "INVALID_EMAIL");
/// assert_eq!(err.status(), 400);
/// assert_eq!(ValidationError::from_code("INVALID_EMAIL"), Some(err));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, ApiErrorCode)]
#[api_error(group = "Validation Errors")]
pub enum ValidationError {
    /// Invalid email format
    #[code("INVALID_EMAIL", status = 400, resolution = "Provide valid email")]
    InvalidEmail,

    /// Password doesn’t meet requirements
    #[code(
        "WEAK_PASSWORD",
        status = 400,
        resolution = "Use stronger password (min 8 chars)"
    )]
    WeakPassword,

    /// Invalid slug format
    #[code(
        "INVALID_SLUG",
        status = 400,
        resolution = "Use alphanumeric, hyphens, underscores only"
    )]
    InvalidSlug,

    /// Slug is reserved
    #[code("RESERVED_SLUG", status = 400, resolution = "Choose different slug")]
    ReservedSlug,

    /// Slug less than 3 characters
    #[code("SLUG_TOO_SHORT", status = 400, resolution = "Use longer slug")]
    SlugTooShort,

    /// Slug more than 50 characters
    #[code("SLUG_TOO_LONG", status = 400, resolution = "Use shorter slug")]
    SlugTooLong,

    /// Name less than 2 characters
    #[code("NAME_TOO_SHORT", status = 400, resolution = "Use longer name")]
    NameTooShort,

    /// Name more than 100 characters
    #[code("NAME_TOO_LONG", status = 400, resolution = "Use shorter name")]
    NameTooLong,

    /// URL format invalid
    #[code(
        "INVALID_URL",
        status = 400,
        resolution = "Provide valid URL with http(s)"
    )]
    InvalidUrl,
}
