//! The "Device Flow Errors" group of the AuthOS catalog.

use crate::ApiErrorCode;

/// Errors of the OAuth device authorization flow.
///
/// Each variant is one row of the reference's "Device Flow Errors" table.
///
/// ```
/// use authos_errors::{ApiErrorCode, catalog::DeviceFlowError};
/// let err = DeviceFlowError::DeviceCodeExpired;
/// assert_eq!(err.code(), "DEVICE_CODE_EXPIRED");
/// assert_eq!(err.status(), 400);
/// assert_eq!(DeviceFlowError::from_code("DEVICE_CODE_EXPIRED"), Some(err));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, ApiErrorCode)]
#[api_error(group = "Device Flow Errors")]
pub enum DeviceFlowError {
    /// Device code expired
    #[code(
        "DEVICE_CODE_EXPIRED",
        status = 400,
        resolution = "Start new device flow",
        oauth = "expired_token"
    )]
    DeviceCodeExpired,

    /// User hasn’t authorized yet
    #[code(
        "DEVICE_CODE_PENDING",
        status = 400,
        resolution = "Continue polling",
        oauth = "authorization_pending"
    )]
    DeviceCodePending,

    /// Device code not found
    #[code(
        "INVALID_DEVICE_CODE",
        status = 400,
        resolution = "Start new device flow",
        oauth = "invalid_grant"
    )]
    InvalidDeviceCode,

    /// Wrong grant_type value
    #[code(
        "INVALID_GRANT_TYPE",
        status = 400,
        resolution = "Use correct grant type",
        oauth = "unsupported_grant_type"
    )]
    InvalidGrantType,
}
