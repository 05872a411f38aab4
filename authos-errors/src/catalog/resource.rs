//! The "Resource Errors" group of the AuthOS catalog.

use crate::ApiErrorCode;

/// Errors about the resources a request names: missing, duplicate, over a limit.
///
/// Each variant is one row of the reference's "Resource Errors" table.
///
/// ```
/// use authos_errors::{ApiErrorCode, catalog::ResourceError};
/// let err = ResourceError::NotFound;
/// assert_eq!(err.code(), "NOT_FOUND");
/// assert_eq!(err.status(), 404);
/// assert_eq!(ResourceError::from_code("NOT_FOUND"), Some(err));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, ApiErrorCode)]
#[api_error(group = "Resource Errors")]
pub enum ResourceError {
    /// Resource not found
    #[code("NOT_FOUND", status = 404, resolution = "Verify ID and permissions")]
    NotFound,

    /// Resource already exists
    #[code(
        "ALREADY_EXISTS",
        status = 409,
        resolution = "Use different identifier"
    )]
    AlreadyExists,

    /// Max services for tier
    #[code(
        "SERVICE_LIMIT_EXCEEDED",
        status = 400,
        resolution = "Upgrade tier or delete services"
    )]
    ServiceLimitExceeded,

    /// Max members for tier
    #[code(
        "TEAM_LIMIT_EXCEEDED",
        status = 400,
        resolution = "Upgrade tier or remove members"
    )]
    TeamLimitExceeded,

    /// User with email exists
    #[code(
        "USER_ALREADY_EXISTS",
        status = 409,
        resolution = "Use different email or login"
    )]
    UserAlreadyExists,

    /// Invitation link expired
    #[code(
        "INVITATION_EXPIRED",
        status = 400,
        resolution = "Request new invitation"
    )]
    InvitationExpired,

    /// Invitation already used
    #[code(
        "INVITATION_ALREADY_ACCEPTED",
        status = 400,
        resolution = "No action needed"
    )]
    InvitationAlreadyAccepted,
}
