//! The "SCIM Errors" group of the AuthOS catalog.

use crate::ApiErrorCode;

/// Errors of SCIM user provisioning.
///
/// Each variant is one row of the reference's "SCIM Errors" table.
///
/// ```
/// use authos_errors::{ApiErrorCode, catalog::ScimError};
/// let err = ScimError::InvalidScimToken;
/// assert_eq!(err.code(), "INVALID_SCIM_TOKEN");
/// assert_eq!(err.status(), 401);
/// assert_eq!(ScimError::from_code("INVALID_SCIM_TOKEN"), Some(err));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, ApiErrorCode)]
#[api_error(group = "SCIM Errors")]
pub enum ScimError {
    /// SCIM token invalid/expired
    #[code(
        "INVALID_SCIM_TOKEN",
        status = 401,
        resolution = "Create new SCIM token"
    )]
    InvalidScimToken,

    /// User already exists
    #[code(
        "SCIM_USER_EXISTS",
        status = 409,
        resolution = "Update existing user",
        scim = "uniqueness"
    )]
    ScimUserExists,

    /// SCIM user not found
    #[code("SCIM_USER_NOT_FOUND", status = 404, resolution = "Check user ID")]
    ScimUserNotFound,

    /// Invalid filter syntax
    #[code(
        "SCIM_FILTER_INVALID",
        status = 400,
        resolution = "Fix filter expression",
        scim = "invalidFilter"
    )]
    ScimFilterInvalid,
}
