//! What an HTTP response carries beyond the catalog entry and the message, captured with the
//! error: the error's `details`, or the entries of a
//! [`FieldErrors`](crate::field_errors::FieldErrors). The bodies themselves are written by the
//! one writer of each format (the AuthOS body's and the problem document's).

use crate::ApiErrorCode;
use crate::contract::details::details_value;
use crate::field_errors::FieldError;

/// The optional members of a captured error's AuthOS body and problem document. Empty for most
/// errors, whose bodies then have none.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Extras {
    pub(crate) details: Option<serde_json::Value>,
    pub(crate) errors: Option<std::sync::Arc<[FieldError]>>,
}

impl Extras {
    pub(crate) fn of<E: ApiErrorCode + ?Sized>(error: &E) -> Self {
        Extras {
            details: details_value(error),
            errors: None,
        }
    }

    /// The `details` member's value, when there is one.
    pub(crate) fn details(&self) -> Option<&serde_json::Value> {
        self.details.as_ref()
    }

    /// The `errors` member's value, when there is one.
    pub(crate) fn errors(&self) -> Option<&[FieldError]> {
        self.errors.as_deref()
    }
}
