//! A derived error as a `tonic::Status`: the code of its entry ([`ErrorCodeInfo::grpc_code`]),
//! its message, and the AIP-193 details in `grpc-status-details-bin`.
//!
//! Built from the same [`CapturedError`] an HTTP response is rendered from, for the call being
//! answered on this thread ([`GrpcErrorLayer`](super::GrpcErrorLayer) makes its request id and
//! language current while the service polls).

use std::collections::HashMap;
use std::error::Error;
use std::time::Duration;

use tonic::{Code, Status};
use tonic_types::{ErrorDetails, FieldViolation, HelpLink, StatusExt};

use super::field_path::field_path;
use crate::field_errors::{FieldError, FieldErrors};
use crate::http::layer::with_current_context;
use crate::problem::ProblemType;
use crate::response::{CapturedError, RenderContext};
use crate::{ApiErrorCode, ErrorCodeInfo};

pub use crate::problem::DEFAULT_GRPC_DOMAIN as DEFAULT_DOMAIN;

/// The `tonic::Status` of `error`, for a type whose [`ApiErrorCode`] impl is written by hand
/// (a derived enum converts with `?` or `Status::from`).
///
/// - the code: the entry's [`grpc_code`](ErrorCodeInfo::grpc_code);
/// - the message: the error's message; for a 5xx only its description (the error and its
///   `source()` chain are logged with `tracing::error!`, never sent);
/// - the details, in this order: one `ErrorInfo` (`reason` = the code, `domain` =
///   [`ProblemConfig::grpc_domain`](crate::problem::ProblemConfig::grpc_domain), `metadata` =
///   the message's variables and the `#[detail]` fields as strings; none for a 5xx); a
///   `BadRequest` with one violation per field error (from a
///   [`FieldErrors`](crate::field_errors::FieldErrors)); `RetryInfo` when the error knows its
///   delay; `Help` linking the code's documentation, when it has some; `RequestInfo` with the
///   call's `x-request-id`; `LocalizedMessage` when the call's `accept-language` negotiated a
///   translation (layer with a localizer, feature `fluent`).
///
/// ```
/// use authos_errors::catalog::AuthenticationError;
/// use tonic::Code;
/// use tonic_types::StatusExt;
///
/// let status = authos_errors::grpc::status(&AuthenticationError::TokenExpired);
/// assert_eq!(status.code(), Code::Unauthenticated);
/// assert_eq!(status.message(), "JWT has expired");
/// let info = status.get_details_error_info().unwrap();
/// assert_eq!((info.reason.as_str(), info.domain.as_str()), ("TOKEN_EXPIRED", "authos.dev"));
/// assert_eq!(
///     status.get_details_help().unwrap().links[0].url,
///     "https://docs.authos.dev/errors#TOKEN_EXPIRED"
/// );
/// ```
#[must_use]
pub fn status<E: ApiErrorCode + ?Sized>(error: &E) -> Status {
    __status(error, None)
}

/// What the derived `From<E> for Status` calls: `as_error` is the error itself when it
/// implements `Error`, for the 5xx log line.
#[doc(hidden)]
#[must_use]
pub fn __status<E: ApiErrorCode + ?Sized>(error: &E, as_error: Option<&dyn Error>) -> Status {
    answer(&CapturedError::capture(error), as_error)
}

/// The `tonic::Status` of many field errors: `INVALID_ARGUMENT` (the entry of the
/// collection's code) with a `BadRequest` holding one `FieldViolation` per entry (`field` the
/// entry's path, `description` its message, `reason` its code). `Status::from(errors)` is the
/// same.
///
/// ```
/// use authos_errors::catalog::ValidationError;
/// use authos_errors::field_errors::FieldErrors;
/// use tonic_types::StatusExt;
///
/// let mut errors = FieldErrors::new();
/// errors.push("email", &ValidationError::InvalidEmail);
/// let status = authos_errors::grpc::status_of_field_errors(&errors);
/// assert_eq!(status.code(), tonic::Code::InvalidArgument);
/// let violation = &status.get_details_bad_request().unwrap().field_violations[0];
/// assert_eq!(
///     (violation.field.as_str(), violation.reason.as_str(), violation.description.as_str()),
///     ("email", "INVALID_EMAIL", "Invalid email format")
/// );
/// ```
#[must_use]
pub fn status_of_field_errors(errors: &FieldErrors) -> Status {
    answer(&CapturedError::capture_field_errors(errors), None)
}

/// Logs a 5xx (once, where the error value still exists), then renders for the current call.
fn answer(captured: &CapturedError, as_error: Option<&dyn Error>) -> Status {
    captured.log_if_server_error(as_error);
    with_current_context(|context, asked_language| render(captured, context, asked_language))
}

/// The status of `captured` for a call in `context`.
pub(crate) fn render(
    captured: &CapturedError,
    context: &RenderContext<'_>,
    asked_language: bool,
) -> Status {
    let info = captured.info();
    let server_error = info.is_server_error();
    // A 5xx says what failed, never why: the description, no variables.
    let message = if server_error {
        info.description
    } else {
        captured.message()
    };
    let mut details = ErrorDetails::new();
    details.set_error_info(
        info.code,
        context.config.grpc_domain(),
        if server_error {
            HashMap::new()
        } else {
            metadata(captured)
        },
    );
    if let Some(errors) = &captured.extras.errors {
        details.set_bad_request(errors.iter().map(violation).collect::<Vec<_>>());
    }
    if let Some(seconds) = captured.retry_after_seconds() {
        details.set_retry_info(Some(Duration::from_secs(seconds)));
    }
    if let Some(link) = help_link(info, context) {
        details.set_help(vec![link]);
    }
    if let Some(request_id) = context.request_id {
        details.set_request_info(request_id, "");
    }
    if asked_language {
        localize(captured, context, &mut details);
    }
    Status::with_error_details(code(info), message, details)
}

/// The tonic code of `info`'s entry.
fn code(info: &ErrorCodeInfo) -> Code {
    Code::from_i32(info.grpc_code() as i32)
}

/// `ErrorInfo.metadata`: every variable of the message, then every detail, as text (a string
/// as it is, any other JSON value as JSON).
fn metadata(captured: &CapturedError) -> HashMap<String, String> {
    let mut metadata = HashMap::new();
    for (name, value) in &captured.args {
        metadata.insert((*name).to_owned(), value.clone());
    }
    if let Some(serde_json::Value::Object(details)) = &captured.extras.details {
        for (name, value) in details {
            let text = match value {
                serde_json::Value::String(text) => text.clone(),
                other => other.to_string(),
            };
            metadata.insert(name.clone(), text);
        }
    }
    metadata
}

/// One `FieldViolation` of a `BadRequest`.
fn violation(error: &FieldError) -> FieldViolation {
    let mut violation = FieldViolation::new(field_path(error.pointer()), error.message());
    violation.reason = error.code().to_owned();
    violation
}

/// The `Help` link to the code's documentation: the page problem documents' `type` names
/// ([`ProblemConfig::problem_type`](crate::problem::ProblemConfig::problem_type)); none for a
/// code documented nowhere.
fn help_link(info: &ErrorCodeInfo, context: &RenderContext<'_>) -> Option<HelpLink> {
    match context.config.problem_type(info) {
        ProblemType::AboutBlank => None,
        documented => Some(HelpLink::new(
            format!("Error code {}", info.code),
            documented.to_string(),
        )),
    }
}

/// `LocalizedMessage`: the message (a 5xx: the description) in the negotiated language, when
/// there is a translation of the code.
#[cfg(feature = "fluent")]
fn localize(captured: &CapturedError, context: &RenderContext<'_>, details: &mut ErrorDetails) {
    let Some(localized) = captured.localized(context) else {
        return;
    };
    let text = if captured.info().is_server_error() {
        localized.title
    } else {
        localized.message
    };
    if let Some(text) = text {
        details.set_localized_message(localized.content_language, text);
    }
}

#[cfg(not(feature = "fluent"))]
fn localize(_: &CapturedError, _: &RenderContext<'_>, _: &mut ErrorDetails) {}

impl From<FieldErrors> for Status {
    fn from(errors: FieldErrors) -> Self {
        status_of_field_errors(&errors)
    }
}

impl<E: ApiErrorCode + Error + 'static> From<crate::Detailed<E>> for Status {
    fn from(error: crate::Detailed<E>) -> Self {
        __status(&error, Some(&error))
    }
}
