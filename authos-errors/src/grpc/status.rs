//! A derived error as a `tonic::Status`: the code of its entry ([`ErrorCodeInfo::grpc_code`]),
//! its message, and the AIP-193 details in `grpc-status-details-bin`.
//!
//! Built from the error where it becomes a status, for the call being answered on this thread
//! ([`GrpcErrorLayer`](super::GrpcErrorLayer) makes its request id and language current while
//! the service polls), with the HTTP layer's context and 5xx log line.

use std::collections::HashMap;
use std::error::Error;
use std::time::Duration;

use tonic::{Code, Status};
use tonic_types::{ErrorDetails, FieldViolation, HelpLink, StatusExt};

use super::field_path::field_path;
use crate::contract::details::details_value;
use crate::field_errors::{FieldError, FieldErrors};
use crate::http::layer::with_current_context;
use crate::http::response::log_answer;
use crate::problem::ProblemType;
use crate::problem::retry_after_seconds;
use crate::response::RenderContext;
use crate::{ApiErrorCode, ErrorCodeInfo};

/// The `tonic::Status` of `error`, for a type whose [`ApiErrorCode`] impl is written by hand
/// (a derived enum converts with `?` or `Status::from`).
///
/// - the code: the entry's [`grpc_code`](ErrorCodeInfo::grpc_code);
/// - the message: what [`disclosure::body_message`](crate::disclosure::body_message) lets
///   any body show — the error's message, and for a 5xx only its declared text (a handler's
///   run-time text is logged as `withheld_message` with the `source()` chain, never sent);
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
/// // The domain, and a Help link to the code's documentation, come from the layer's
/// // ProblemConfig (`catalog::problem_config()` for AuthOS's); outside a layer, the default.
/// assert_eq!((info.reason.as_str(), info.domain.as_str()), ("TOKEN_EXPIRED", ""));
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
    answer(error, None, as_error)
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
    answer(errors, Some(errors.as_slice()), None)
}

/// Logs a 5xx (once, where the error value still exists), then builds the status for the call
/// being answered on this thread. Straight from the error, without capturing it as an HTTP
/// response does: a status is built where the error is, once.
fn answer<E: ApiErrorCode + ?Sized>(
    error: &E,
    field_errors: Option<&[FieldError]>,
    as_error: Option<&dyn Error>,
) -> Status {
    let info = error.info();
    let server_error = info.is_server_error();
    // The one rule of what a body may say, as every HTTP format: a 5xx shows its declared
    // text; a handler's own text is logged, never sent.
    let message = crate::disclosure::body_message(error);
    if let Some(level) = crate::http::layer::current_log_levels().of_status(info.status) {
        let withheld = crate::disclosure::withheld_message(error);
        log_answer(info, &message, withheld.as_deref(), level, as_error);
    }
    let message = message.into_owned();
    with_current_context(|context, asked_language| {
        let mut details = ErrorDetails::new();
        details.set_error_info(
            info.code,
            context.config.grpc_domain(),
            if server_error {
                HashMap::new()
            } else {
                metadata(error)
            },
        );
        if let Some(errors) = field_errors {
            details.set_bad_request(errors.iter().map(violation).collect::<Vec<_>>());
        }
        if let Some(seconds) = retry_after_seconds(error) {
            details.set_retry_info(Some(Duration::from_secs(seconds)));
        }
        if let Some(link) = help_link(info, context) {
            details.set_help(vec![link]);
        }
        if let Some(request_id) = context.request_id {
            details.set_request_info(request_id, "");
        }
        if asked_language {
            localize(error, context, &mut details);
        }
        Status::with_error_details(code(info), message, details)
    })
}

/// The tonic code of `info`'s entry.
fn code(info: &ErrorCodeInfo) -> Code {
    Code::from_i32(info.grpc_code() as i32)
}

/// `ErrorInfo.metadata`: every variable of the message, then every detail, as text (a string
/// as it is, any other JSON value as JSON).
fn metadata<E: ApiErrorCode + ?Sized>(error: &E) -> HashMap<String, String> {
    let mut metadata = HashMap::new();
    error.visit_message_args(&mut |name, value| {
        metadata.insert(name.to_owned(), value.to_string());
    });
    if let Some(serde_json::Value::Object(details)) = details_value(error) {
        for (name, value) in details {
            let text = match value {
                serde_json::Value::String(text) => text,
                other => other.to_string(),
            };
            metadata.insert(name, text);
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
    // Each string built at its length in one allocation (`format!` and `to_string` grow theirs).
    let url = match context.config.problem_type(info) {
        ProblemType::AboutBlank => return None,
        ProblemType::Url(url) => url.to_owned(),
        ProblemType::Anchored { base, code } => concat(base, code),
    };
    Some(HelpLink {
        description: concat("Error code ", info.code),
        url,
    })
}

/// `head` followed by `tail`, allocated once.
fn concat(head: &str, tail: &str) -> String {
    let mut text = String::with_capacity(head.len() + tail.len());
    text.push_str(head);
    text.push_str(tail);
    text
}

/// `LocalizedMessage`: the message in the negotiated language, when it has a translation of
/// the code (a translation is of the declared text: a handler's own text is never sent).
#[cfg(feature = "fluent")]
fn localize<E: ApiErrorCode + ?Sized>(
    error: &E,
    context: &RenderContext<'_>,
    details: &mut ErrorDetails,
) {
    let Some(locale) = context.locale else {
        return;
    };
    if let Some(text) = locale.translate(error) {
        details.set_localized_message(locale.content_language(true, false), text);
    }
}

#[cfg(not(feature = "fluent"))]
fn localize<E: ApiErrorCode + ?Sized>(_: &E, _: &RenderContext<'_>, _: &mut ErrorDetails) {}

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
