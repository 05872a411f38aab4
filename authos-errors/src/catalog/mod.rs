//! The AuthOS error catalog: one enum per group of the reference, and [`AuthOsError`] over all of them.
//!
//! Every code, status, description and resolution is the reference's, verbatim; the groups and
//! their order are the reference's too, so `AuthOsError::CATALOG` is its Error Code Index.
//!
//! ```
//! use authos_errors::{ApiErrorCode, catalog::{AuthOsError, MfaError}};
//!
//! assert_eq!(AuthOsError::CATALOG.len(), 61);
//! let err = AuthOsError::from(MfaError::MfaRequired);
//! assert_eq!(err.code(), "MFA_REQUIRED");
//! assert_eq!(err.info().group, "MFA Errors");
//! assert_eq!(AuthOsError::from_code("MFA_REQUIRED"), Some(err));
//! ```
//!
//! The rest of the reference is here too, as data: [`STATUS_SUMMARY`], [`TROUBLESHOOTING`], and
//! [`REFERENCE`], the whole reference ready to render as Markdown.
//!
//! # How AuthOS answers
//!
//! The catalog brings its policies through the same public means any service has, never as
//! special cases of the generic layers: [`problem_config`] (problem `type`s at the AuthOS
//! reference, [`TYPE_BASE`]; the challenge realm [`REALM`]; the [`INVALID_TOKEN_CODES`]),
//! `field_errors()` (many field errors summarised by its `BAD_REQUEST`; feature
//! `field-errors`), `localizer()` and its Fluent resources `AUTHOS_FTL_EN` / `AUTHOS_FTL_FR`
//! (feature `fluent`), `validation_rules()` (feature `validator`) and the client's AuthOS
//! readers in `catalog::client` (feature `client`).
//!
//! # One status per code
//!
//! UNAUTHORIZED, FORBIDDEN and NOT_FOUND are each listed in two groups, with the same status.
//! Composing catalogs that give a shared code two statuses does not compile: if the Resource
//! group declared NOT_FOUND as 410, building `AuthOsError` would fail with
//!
//! ```text
//! error[E0080]: evaluation panicked: error code `NOT_FOUND` has HTTP 404 in "General Errors"
//! but HTTP 410 in "Resource Errors": a code must carry one status everywhere; change one of
//! the two `status = ...`
//! ```
//!
//! (The build prints it on one line.) The same check runs for every composition of catalogs
//! made with `#[code(transparent)]`, yours included:
//!
//! ```compile_fail,E0080
//! use authos_errors::{ApiErrorCode, catalog::GeneralError};
//!
//! #[derive(Debug, ApiErrorCode)]
//! #[api_error(group = "Resource Errors")]
//! enum ResourceError {
//!     /// Resource not found
//!     #[code("NOT_FOUND", status = 410, resolution = "Verify ID and permissions")]
//!     NotFound,
//! }
//!
//! #[derive(Debug, ApiErrorCode)]
//! enum AuthOsError {
//!     #[code(transparent)]
//!     General(GeneralError),
//!     #[code(transparent)]
//!     Resource(ResourceError),
//! }
//! ```

mod authentication;
mod authorization;
#[cfg(feature = "client")]
pub mod client;
mod config;
mod device_flow;
mod general;
mod guide;
mod infrastructure;
#[cfg(feature = "fluent")]
mod l10n;
mod mfa;
mod oauth;
mod resource;
mod saml;
mod scim;
mod validation;
#[cfg(feature = "validator")]
mod validator;
mod webhook;

pub use authentication::AuthenticationError;
pub use authorization::AuthorizationError;
#[cfg(feature = "field-errors")]
pub use config::field_errors;
pub use config::{INVALID_TOKEN_CODES, REALM, TYPE_BASE, problem_config};
pub use device_flow::DeviceFlowError;
pub use general::GeneralError;
pub use guide::{REFERENCE, REFERENCE_INTRO, REFERENCE_TITLE, STATUS_SUMMARY, TROUBLESHOOTING};
pub use infrastructure::InfrastructureError;
#[cfg(feature = "fluent")]
pub use l10n::{AUTHOS_FTL_EN, AUTHOS_FTL_FR, localizer};
pub use mfa::MfaError;
pub use oauth::OAuthError;
pub use resource::ResourceError;
pub use saml::SamlError;
pub use scim::ScimError;
pub use validation::ValidationError;
#[cfg(feature = "validator")]
pub use validator::validation_rules;
pub use webhook::WebhookError;

use crate::ApiErrorCode;

/// Any error of the AuthOS catalog: one transparent variant per group, in the reference's order.
///
/// `From` each group enum; `from_code` resolves every code of the reference (a code listed in two
/// groups resolves to its first group, General Errors).
///
/// ```
/// use authos_errors::{ApiErrorCode, catalog::{AuthOsError, AuthenticationError}};
///
/// let err: AuthOsError = AuthenticationError::TokenExpired.into();
/// assert_eq!(err.status(), 401);
/// assert_eq!(err.message(), "JWT has expired");
/// assert_eq!(err.resolution(), Some("Refresh using /api/auth/refresh"));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, ApiErrorCode)]
pub enum AuthOsError {
    /// General Errors.
    #[code(transparent)]
    General(GeneralError),

    /// Authentication Errors.
    #[code(transparent)]
    Authentication(AuthenticationError),

    /// Authorization Errors.
    #[code(transparent)]
    Authorization(AuthorizationError),

    /// Validation Errors.
    #[code(transparent)]
    Validation(ValidationError),

    /// Resource Errors.
    #[code(transparent)]
    Resource(ResourceError),

    /// MFA Errors.
    #[code(transparent)]
    Mfa(MfaError),

    /// Device Flow Errors.
    #[code(transparent)]
    DeviceFlow(DeviceFlowError),

    /// OAuth Errors.
    #[code(transparent)]
    OAuth(OAuthError),

    /// SAML Errors.
    #[code(transparent)]
    Saml(SamlError),

    /// SCIM Errors.
    #[code(transparent)]
    Scim(ScimError),

    /// Webhook Errors.
    #[code(transparent)]
    Webhook(WebhookError),

    /// Infrastructure Errors.
    #[code(transparent)]
    Infrastructure(InfrastructureError),
}
