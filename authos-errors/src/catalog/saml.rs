//! The "SAML Errors" group of the AuthOS catalog.

use crate::ApiErrorCode;

/// Errors of SAML single sign-on.
///
/// Each variant is one row of the reference's "SAML Errors" table.
///
/// ```
/// use authos_errors::{ApiErrorCode, catalog::SamlError};
/// let err = SamlError::SamlNotConfigured;
/// assert_eq!(err.code(), "SAML_NOT_CONFIGURED");
/// assert_eq!(err.status(), 400);
/// assert_eq!(SamlError::from_code("SAML_NOT_CONFIGURED"), Some(err));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, ApiErrorCode)]
#[api_error(group = "SAML Errors")]
pub enum SamlError {
    /// SAML not configured
    #[code(
        "SAML_NOT_CONFIGURED",
        status = 400,
        resolution = "Configure SAML settings"
    )]
    SamlNotConfigured,

    /// SAML response invalid
    #[code(
        "INVALID_SAML_RESPONSE",
        status = 400,
        resolution = "Check IdP configuration"
    )]
    InvalidSamlResponse,

    /// SAML signature failed
    #[code(
        "SAML_SIGNATURE_INVALID",
        status = 400,
        resolution = "Verify certificates"
    )]
    SamlSignatureInvalid,

    /// SAML assertion expired
    #[code("SAML_EXPIRED", status = 400, resolution = "Retry authentication")]
    SamlExpired,
}
