//! The "MFA Errors" group of the AuthOS catalog.

use crate::ApiErrorCode;

/// Errors of multi-factor authentication.
///
/// Each variant is one row of the reference's "MFA Errors" table.
///
/// ```
/// use authos_errors::{ApiErrorCode, catalog::MfaError};
/// let err = MfaError::MfaRequired;
/// assert_eq!(err.code(), "MFA_REQUIRED");
/// assert_eq!(err.status(), 401);
/// assert_eq!(MfaError::from_code("MFA_REQUIRED"), Some(err));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, ApiErrorCode)]
#[api_error(group = "MFA Errors")]
pub enum MfaError {
    /// MFA verification needed
    #[code("MFA_REQUIRED", status = 401, resolution = "Complete MFA verification")]
    MfaRequired,

    /// Wrong TOTP or backup code
    #[code("INVALID_MFA_CODE", status = 400, resolution = "Enter correct code")]
    InvalidMfaCode,

    /// MFA not set up for user
    #[code("MFA_NOT_ENABLED", status = 400, resolution = "Set up MFA first")]
    MfaNotEnabled,

    /// MFA already active
    #[code("MFA_ALREADY_ENABLED", status = 400, resolution = "No action needed")]
    MfaAlreadyEnabled,

    /// No backup codes available
    #[code(
        "NO_BACKUP_CODES",
        status = 400,
        resolution = "Regenerate backup codes"
    )]
    NoBackupCodes,
}
