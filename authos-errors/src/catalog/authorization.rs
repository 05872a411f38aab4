//! The "Authorization Errors" group of the AuthOS catalog.

use crate::ApiErrorCode;

/// Errors about what an authenticated caller may do.
///
/// Each variant is one row of the reference's "Authorization Errors" table.
///
/// ```
/// use authos_errors::{ApiErrorCode, catalog::AuthorizationError};
/// let err = AuthorizationError::Forbidden;
/// assert_eq!(err.code(), "FORBIDDEN");
/// assert_eq!(err.status(), 403);
/// assert_eq!(AuthorizationError::from_code("FORBIDDEN"), Some(err));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, ApiErrorCode)]
#[api_error(group = "Authorization Errors")]
pub enum AuthorizationError {
    /// Insufficient permissions
    #[code("FORBIDDEN", status = 403, resolution = "Use account with proper role")]
    Forbidden,

    /// Organization suspended/pending
    #[code(
        "ORGANIZATION_NOT_ACTIVE",
        status = 403,
        resolution = "Contact platform admin",
        grpc = "failed_precondition"
    )]
    OrganizationNotActive,

    /// Not a member of organization
    #[code(
        "NOT_ORGANIZATION_MEMBER",
        status = 403,
        resolution = "Request membership"
    )]
    NotOrganizationMember,

    /// Platform owner access needed
    #[code(
        "PLATFORM_OWNER_REQUIRED",
        status = 403,
        resolution = "Use platform owner account"
    )]
    PlatformOwnerRequired,
}
