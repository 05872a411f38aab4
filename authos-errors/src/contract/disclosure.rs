//! What an error's body may say: the one rule every format applies to the text it shows.
//!
//! A **4xx** body shows the error's [`message`](ApiErrorCode::message), whoever wrote it: the
//! client made the mistake, and a handler's `with_message("`email` is required")` tells it which.
//!
//! A **5xx** body shows only the variant's declared text,
//! [`public_message`](ApiErrorCode::public_message): its `message` template with its fields
//! filled in, else the catalog description. A text the handler supplied at run time
//! ([`Detailed::with_message`](crate::Detailed::with_message), typically `e.to_string()` of a
//! database or network error) is **withheld**: it is logged with the 5xx log line of the HTTP
//! integrations, never sent. A handler that wants a 5xx body to say something of its own says
//! so explicitly with [`Detailed::with_public_message`](crate::Detailed::with_public_message).
//! (The derive already refuses a 5xx template that names the `#[source]`.)
//!
//! Every format follows it, with or without HTTP: the AuthOS body
//! ([`to_body`](ApiErrorCode::to_body), `Serialize` of an error), the RFC 9457 document
//! ([`ProblemDetails`](crate::problem::ProblemDetails)), OAuth's `error_description`
//! ([`OAuthErrorBody`](crate::oauth::OAuthErrorBody)), SCIM's `detail`
//! ([`ScimErrorBody`](crate::scim::ScimErrorBody)), field-error entries and every HTTP response.
//! A server of its own calls [`body_message`] for the text and [`withheld_message`] for its log.
//!
//! ```
//! use authos_errors::{ApiErrorCodeExt, disclosure};
//! use authos_errors::catalog::{GeneralError, InfrastructureError};
//!
//! let missing = GeneralError::NotFound.with_message("No user 42");
//! assert_eq!(disclosure::body_message(&missing), "No user 42");
//! assert_eq!(disclosure::withheld_message(&missing), None);
//!
//! let down = InfrastructureError::DatabaseError.with_message("db01: password=hunter2");
//! assert_eq!(disclosure::body_message(&down), "Database operation failed");
//! assert_eq!(disclosure::withheld_message(&down).as_deref(), Some("db01: password=hunter2"));
//!
//! let said = InfrastructureError::DatabaseError.with_public_message("Maintenance until 10:00 UTC");
//! assert_eq!(disclosure::body_message(&said), "Maintenance until 10:00 UTC");
//! ```

use std::borrow::Cow;

use crate::ApiErrorCode;

/// The text a body of `error` shows (see the [module docs](self)): its
/// [`message`](ApiErrorCode::message) for a 4xx, its
/// [`public_message`](ApiErrorCode::public_message) for a 5xx.
///
/// ```
/// use authos_errors::{ApiErrorCode, ApiErrorCodeExt, disclosure::body_message};
///
/// #[derive(Debug, ApiErrorCode)]
/// enum StorageError {
///     /// Storage unavailable
///     #[code("STORAGE_DOWN", status = 503, message = "Bucket {bucket} is unavailable")]
///     Down { bucket: String },
/// }
///
/// let err = StorageError::Down { bucket: "avatars".into() }.with_message("s3: AccessDenied key=AKIA...");
/// assert_eq!(body_message(&err), "Bucket avatars is unavailable");
/// ```
pub fn body_message<E: ApiErrorCode + ?Sized>(error: &E) -> Cow<'_, str> {
    if error.info().is_server_error() {
        error.public_message()
    } else {
        error.message()
    }
}

/// The text of `error` its body withholds, for the log line: its
/// [`message`](ApiErrorCode::message) when that is not what [`body_message`] shows (a 5xx whose
/// handler supplied a text of its own), else `None`.
///
/// ```
/// use authos_errors::{ApiErrorCodeExt, disclosure::withheld_message};
/// use authos_errors::catalog::InfrastructureError;
///
/// assert_eq!(withheld_message(&InfrastructureError::DatabaseError), None);
/// let err = InfrastructureError::DatabaseError.with_message("connection reset by db01");
/// assert_eq!(withheld_message(&err).as_deref(), Some("connection reset by db01"));
/// ```
pub fn withheld_message<E: ApiErrorCode + ?Sized>(error: &E) -> Option<Cow<'_, str>> {
    if !error.info().is_server_error() {
        return None;
    }
    let message = error.message();
    (message != error.public_message()).then_some(message)
}
