//! The "Webhook Errors" group of the AuthOS catalog.

use crate::ApiErrorCode;

/// Errors of webhook configuration.
///
/// Each variant is one row of the reference's "Webhook Errors" table.
///
/// ```
/// use authos_errors::{ApiErrorCode, catalog::WebhookError};
/// let err = WebhookError::InvalidWebhookUrl;
/// assert_eq!(err.code(), "INVALID_WEBHOOK_URL");
/// assert_eq!(err.status(), 400);
/// assert_eq!(WebhookError::from_code("INVALID_WEBHOOK_URL"), Some(err));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, ApiErrorCode)]
#[api_error(group = "Webhook Errors")]
pub enum WebhookError {
    /// URL not HTTP(S)
    #[code(
        "INVALID_WEBHOOK_URL",
        status = 400,
        resolution = "Use http:// or https://"
    )]
    InvalidWebhookUrl,

    /// Unknown event type
    #[code(
        "INVALID_WEBHOOK_EVENT",
        status = 400,
        resolution = "Use valid event type"
    )]
    InvalidWebhookEvent,

    /// Webhook name taken
    #[code("WEBHOOK_NAME_EXISTS", status = 409, resolution = "Use different name")]
    WebhookNameExists,
}
