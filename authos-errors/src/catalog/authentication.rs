//! The "Authentication Errors" group of the AuthOS catalog.

use crate::ApiErrorCode;

/// Errors about who the caller is: credentials, tokens, account state.
///
/// Each variant is one row of the reference's "Authentication Errors" table.
///
/// ```
/// use authos_errors::{ApiErrorCode, catalog::AuthenticationError};
/// let err = AuthenticationError::Unauthorized;
/// assert_eq!(err.code(), "UNAUTHORIZED");
/// assert_eq!(err.status(), 401);
/// assert_eq!(AuthenticationError::from_code("UNAUTHORIZED"), Some(err));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, ApiErrorCode)]
#[api_error(group = "Authentication Errors")]
pub enum AuthenticationError {
    /// Missing or invalid credentials
    #[code(
        "UNAUTHORIZED",
        status = 401,
        resolution = "Provide valid JWT or API key"
    )]
    Unauthorized,

    /// JWT has expired
    #[code(
        "TOKEN_EXPIRED",
        status = 401,
        resolution = "Refresh using /api/auth/refresh"
    )]
    TokenExpired,

    /// Invalid JWT signature or format
    #[code("JWT_ERROR", status = 401, resolution = "Obtain new token")]
    JwtError,

    /// Wrong email or password
    #[code("INVALID_CREDENTIALS", status = 401, resolution = "Verify credentials")]
    InvalidCredentials,

    /// Account email not verified
    #[code(
        "EMAIL_NOT_VERIFIED",
        status = 401,
        resolution = "Check email for verification link"
    )]
    EmailNotVerified,

    /// Too many failed attempts
    #[code("ACCOUNT_LOCKED", status = 401, resolution = "Wait or contact support")]
    AccountLocked,
}
