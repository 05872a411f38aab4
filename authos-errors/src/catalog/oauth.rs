//! The "OAuth Errors" group of the AuthOS catalog.

use crate::ApiErrorCode;

/// Errors of sign-in through an OAuth provider.
///
/// Each variant is one row of the reference's "OAuth Errors" table.
///
/// ```
/// use authos_errors::{ApiErrorCode, catalog::OAuthError};
/// let err = OAuthError::OauthError;
/// assert_eq!(err.code(), "OAUTH_ERROR");
/// assert_eq!(err.status(), 500);
/// assert_eq!(OAuthError::from_code("OAUTH_ERROR"), Some(err));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, ApiErrorCode)]
#[api_error(group = "OAuth Errors")]
pub enum OAuthError {
    /// OAuth provider error
    #[code("OAUTH_ERROR", status = 500, resolution = "Check provider status")]
    OauthError,

    /// CSRF state mismatch
    #[code(
        "OAUTH_STATE_MISMATCH",
        status = 400,
        resolution = "Restart OAuth flow"
    )]
    OauthStateMismatch,

    /// Authorization code expired
    #[code(
        "OAUTH_CODE_EXPIRED",
        status = 400,
        resolution = "Restart OAuth flow",
        oauth = "invalid_grant"
    )]
    OauthCodeExpired,

    /// OAuth provider not set up
    #[code(
        "PROVIDER_NOT_CONFIGURED",
        status = 400,
        resolution = "Configure provider credentials"
    )]
    ProviderNotConfigured,
}
