//! The "Infrastructure Errors" group of the AuthOS catalog.

use crate::ApiErrorCode;

/// Failures of the services AuthOS depends on. All are 5xx: the body carries the catalog description only.
///
/// Each variant is one row of the reference's "Infrastructure Errors" table.
///
/// ```
/// use authos_errors::{ApiErrorCode, catalog::InfrastructureError};
/// let err = InfrastructureError::DatabaseError;
/// assert_eq!(err.code(), "DATABASE_ERROR");
/// assert_eq!(err.status(), 500);
/// assert_eq!(InfrastructureError::from_code("DATABASE_ERROR"), Some(err));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, ApiErrorCode)]
#[api_error(group = "Infrastructure Errors")]
pub enum InfrastructureError {
    /// Database operation failed
    #[code(
        "DATABASE_ERROR",
        status = 500,
        resolution = "Retry; contact support if persists"
    )]
    DatabaseError,

    /// Billing system error
    #[code("STRIPE_ERROR", status = 500, resolution = "Check Stripe status")]
    StripeError,

    /// Email delivery failed
    #[code(
        "EMAIL_SEND_FAILED",
        status = 500,
        resolution = "Check SMTP configuration"
    )]
    EmailSendFailed,

    /// Encryption/decryption failed
    #[code("ENCRYPTION_ERROR", status = 500, resolution = "Contact support")]
    EncryptionError,
}
