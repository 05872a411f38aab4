//! Client side of gRPC (feature `tonic`): a `tonic::Status` read back into a typed error, the
//! way [`ErrorResponse`](super::ErrorResponse) reads an HTTP error body.
//!
//! [`GrpcErrorResponse::from_status`] reads the status code and message and the AIP-193
//! details any AIP-193 server sends (`grpc-status-details-bin`, decoded by tonic-types):
//! the code (`ErrorInfo.reason`), looked up in the catalog `E`, its metadata, the field errors
//! of a `BadRequest`, the delay of a `RetryInfo`, the text of a `LocalizedMessage`, the id of a
//! `RequestInfo` and the first `Help` link. A status without details (from another server, or
//! with details that do not decode) still reads: its code and message, nothing else.
//!
//! ```
//! use std::time::Duration;
//! use authos_errors::{ApiErrorCodeExt, client::grpc::GrpcErrorResponse};
//! use authos_errors::catalog::{AuthOsError, GeneralError};
//! use authos_errors::grpc::GrpcCode;
//!
//! // What a tonic handler returned with `?`...
//! let status = tonic::Status::from(
//!     GeneralError::RateLimitExceeded.with_retry_after(Duration::from_secs(30)),
//! );
//! // ...read by the caller.
//! let response = GrpcErrorResponse::<AuthOsError>::from_status(&status);
//! assert_eq!(response.grpc_code(), GrpcCode::ResourceExhausted);
//! assert_eq!(response.code(), Some("RATE_LIMIT_EXCEEDED"));
//! assert_eq!(response.error(), Some(&AuthOsError::General(GeneralError::RateLimitExceeded)));
//! assert_eq!(response.retry_after(), Some(Duration::from_secs(30)));
//! ```

use std::collections::BTreeMap;
use std::fmt;
use std::time::Duration;

use tonic_types::StatusExt;

use super::Catalog;
use super::details::{FieldErrorEntry, RawEntry};
use crate::grpc::GrpcCode;
use crate::grpc::field_path::field_pointer;
use crate::{ApiErrorCode, ErrorCodeInfo};

/// An error status received over gRPC: the status code and message, and what its AIP-193
/// details say, with the typed error when `E`'s catalog knows the code.
///
/// ```
/// use authos_errors::catalog::AuthorizationError;
/// use authos_errors::client::grpc::GrpcErrorResponse;
/// use authos_errors::grpc::GrpcCode;
///
/// let status = tonic::Status::from(AuthorizationError::OrganizationNotActive);
/// let response = GrpcErrorResponse::<AuthorizationError>::from_status(&status);
/// assert_eq!(response.grpc_code(), GrpcCode::FailedPrecondition);
/// assert_eq!(response.error(), Some(&AuthorizationError::OrganizationNotActive));
/// assert_eq!(response.message(), "Organization suspended/pending");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GrpcErrorResponse<E> {
    grpc_code: GrpcCode,
    message: String,
    /// `ErrorInfo.reason`, `ErrorInfo.domain`.
    reason: Option<(String, String)>,
    metadata: BTreeMap<String, String>,
    error: Option<E>,
    field_errors: Vec<FieldErrorEntry<E>>,
    retry_after: Option<Duration>,
    /// `LocalizedMessage`: the locale, the text.
    localized: Option<(String, String)>,
    request_id: Option<String>,
    doc_url: Option<String>,
}

impl<E: Catalog> GrpcErrorResponse<E> {
    /// Reads `status`, looking its code up in `E`'s catalog. Never fails: what is absent or
    /// does not decode reads as absent; a request id is kept only when the server could have
    /// sent it (1 to [`request_id::MAX_LEN`](crate::request_id::MAX_LEN) visible ASCII
    /// characters).
    ///
    /// ```
    /// use authos_errors::client::grpc::GrpcErrorResponse;
    /// use authos_errors::grpc::GrpcCode;
    ///
    /// let plain = tonic::Status::unavailable("try later");
    /// let response: GrpcErrorResponse<authos_errors::catalog::AuthOsError> = GrpcErrorResponse::from_status(&plain);
    /// assert_eq!((response.grpc_code(), response.message()), (GrpcCode::Unavailable, "try later"));
    /// assert_eq!((response.code(), response.error()), (None, None));
    /// ```
    #[must_use]
    pub fn from_status(status: &tonic::Status) -> Self {
        let details = status.get_error_details();
        let reason = details
            .error_info()
            .map(|info| (info.reason.clone(), info.domain.clone()));
        let error = reason.as_ref().and_then(|(code, _)| E::lookup(code).1);
        GrpcErrorResponse {
            grpc_code: GrpcCode::from_i32(status.code() as i32).unwrap_or(GrpcCode::Unknown),
            message: status.message().to_owned(),
            metadata: details
                .error_info()
                .map(|info| info.metadata.clone().into_iter().collect())
                .unwrap_or_default(),
            reason,
            error,
            field_errors: details
                .bad_request()
                .map(|bad_request| {
                    bad_request
                        .field_violations
                        .iter()
                        .map(|violation| {
                            RawEntry::new(
                                violation.reason.clone(),
                                violation.description.clone(),
                                field_pointer(&violation.field),
                            )
                            .typed()
                        })
                        .collect()
                })
                .unwrap_or_default(),
            retry_after: details.retry_info().and_then(|info| info.retry_delay),
            localized: details
                .localized_message()
                .map(|text| (text.locale.clone(), text.message.clone())),
            request_id: details
                .request_info()
                .map(|info| info.request_id.clone())
                .filter(|id| crate::request_id::is_usable(id)),
            doc_url: details
                .help()
                .and_then(|help| help.links.first())
                .map(|link| link.url.clone()),
        }
    }
}

impl<E: Catalog> From<tonic::Status> for GrpcErrorResponse<E> {
    fn from(status: tonic::Status) -> Self {
        GrpcErrorResponse::from_status(&status)
    }
}

impl<E: Catalog> From<&tonic::Status> for GrpcErrorResponse<E> {
    fn from(status: &tonic::Status) -> Self {
        GrpcErrorResponse::from_status(status)
    }
}

impl<E> GrpcErrorResponse<E> {
    /// The gRPC status code (an unknown number reads as `UNKNOWN`).
    ///
    /// ```
    /// use authos_errors::client::grpc::GrpcErrorResponse;
    /// use authos_errors::grpc::GrpcCode;
    /// let response: GrpcErrorResponse<authos_errors::catalog::AuthOsError> = tonic::Status::not_found("x").into();
    /// assert_eq!(response.grpc_code(), GrpcCode::NotFound);
    /// ```
    #[must_use]
    pub fn grpc_code(&self) -> GrpcCode {
        self.grpc_code
    }

    /// The status message as sent.
    ///
    /// ```
    /// use authos_errors::client::grpc::GrpcErrorResponse;
    /// let response: GrpcErrorResponse<authos_errors::catalog::AuthOsError> = tonic::Status::not_found("No user 42").into();
    /// assert_eq!(response.message(), "No user 42");
    /// ```
    #[must_use]
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The machine-readable code (`ErrorInfo.reason`), known or not; `None` without an
    /// `ErrorInfo`.
    ///
    /// ```
    /// use authos_errors::catalog::MfaError;
    /// use authos_errors::client::grpc::GrpcErrorResponse;
    /// let response: GrpcErrorResponse<authos_errors::catalog::AuthOsError> = tonic::Status::from(MfaError::MfaRequired).into();
    /// assert_eq!(response.code(), Some("MFA_REQUIRED"));
    /// ```
    #[must_use]
    pub fn code(&self) -> Option<&str> {
        self.reason.as_ref().map(|(code, _)| code.as_str())
    }

    /// `ErrorInfo.domain`: the service that defines the code.
    ///
    /// ```
    /// use authos_errors::catalog::MfaError;
    /// use authos_errors::client::grpc::GrpcErrorResponse;
    /// let response: GrpcErrorResponse<authos_errors::catalog::AuthOsError> = tonic::Status::from(MfaError::MfaRequired).into();
    /// // Outside a layer the default config names no service (AuthOS's layer says "authos.dev").
    /// assert_eq!(response.domain(), Some(""));
    /// ```
    #[must_use]
    pub fn domain(&self) -> Option<&str> {
        self.reason.as_ref().map(|(_, domain)| domain.as_str())
    }

    /// The typed error, when the code is in `E`'s catalog.
    ///
    /// ```
    /// use authos_errors::catalog::{AuthOsError, MfaError};
    /// use authos_errors::client::grpc::GrpcErrorResponse;
    /// let response: GrpcErrorResponse<authos_errors::catalog::AuthOsError> = tonic::Status::from(MfaError::MfaRequired).into();
    /// assert_eq!(response.error(), Some(&AuthOsError::Mfa(MfaError::MfaRequired)));
    /// ```
    #[must_use]
    pub fn error(&self) -> Option<&E> {
        self.error.as_ref()
    }

    /// `ErrorInfo.metadata`: the message's variables and the error's details, as text.
    ///
    /// ```
    /// use authos_errors::ApiErrorCode;
    /// use authos_errors::client::grpc::GrpcErrorResponse;
    ///
    /// #[derive(Debug, ApiErrorCode)]
    /// enum SlugError {
    ///     /// Slug too short
    ///     #[code("SLUG_TOO_SHORT", status = 400, message = "Slug {slug:?} is under {min} characters")]
    ///     TooShort { slug: String, #[detail] min: usize },
    /// }
    ///
    /// let status = tonic::Status::from(SlugError::TooShort { slug: "ab".into(), min: 3 });
    /// let response: GrpcErrorResponse<authos_errors::catalog::AuthOsError> = status.into();
    /// assert_eq!(response.metadata().get("slug").map(String::as_str), Some("\"ab\""));
    /// assert_eq!(response.metadata().get("min").map(String::as_str), Some("3"));
    /// ```
    #[must_use]
    pub fn metadata(&self) -> &BTreeMap<String, String> {
        &self.metadata
    }

    /// The field errors of a `BadRequest`, each with its code, message and JSON Pointer
    /// (rebuilt from the violation's field path), in the order sent.
    ///
    /// ```
    /// use authos_errors::catalog::ValidationError;
    /// use authos_errors::client::grpc::GrpcErrorResponse;
    /// use authos_errors::field_errors::FieldErrors;
    ///
    /// let mut errors = FieldErrors::new();
    /// errors.push("email", &ValidationError::InvalidEmail);
    /// let response: GrpcErrorResponse<authos_errors::catalog::AuthOsError> = tonic::Status::from(errors).into();
    /// let entry = &response.field_errors()[0];
    /// assert_eq!((entry.pointer(), entry.code()), ("/email", "INVALID_EMAIL"));
    /// ```
    #[must_use]
    pub fn field_errors(&self) -> &[FieldErrorEntry<E>] {
        &self.field_errors
    }

    /// How long to wait before retrying (`RetryInfo.retry_delay`).
    ///
    /// ```
    /// use authos_errors::client::grpc::GrpcErrorResponse;
    /// let response: GrpcErrorResponse<authos_errors::catalog::AuthOsError> = tonic::Status::internal("x").into();
    /// assert_eq!(response.retry_after(), None);
    /// ```
    #[must_use]
    pub fn retry_after(&self) -> Option<std::time::Duration> {
        self.retry_after
    }

    /// The translated message and its locale (`LocalizedMessage`), when the server sent one.
    ///
    /// ```
    /// use authos_errors::client::grpc::GrpcErrorResponse;
    /// let response: GrpcErrorResponse<authos_errors::catalog::AuthOsError> = tonic::Status::internal("x").into();
    /// assert_eq!(response.localized_message(), None);
    /// ```
    #[must_use]
    pub fn localized_message(&self) -> Option<(&str, &str)> {
        self.localized
            .as_ref()
            .map(|(locale, text)| (locale.as_str(), text.as_str()))
    }

    /// The id the server answered the call under (`RequestInfo.request_id`).
    ///
    /// ```
    /// use authos_errors::client::grpc::GrpcErrorResponse;
    /// let response: GrpcErrorResponse<authos_errors::catalog::AuthOsError> = tonic::Status::internal("x").into();
    /// assert_eq!(response.request_id(), None);
    /// ```
    #[must_use]
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// The first `Help` link: where the code is documented.
    ///
    /// ```
    /// use authos_errors::client::grpc::GrpcErrorResponse;
    ///
    /// #[derive(Debug, authos_errors::ApiErrorCode)]
    /// enum ShopError {
    ///     /// Out of stock
    ///     #[code("OUT_OF_STOCK", status = 409, doc = "https://docs.example.com/errors/out-of-stock")]
    ///     OutOfStock,
    /// }
    ///
    /// let response: GrpcErrorResponse<ShopError> = tonic::Status::from(ShopError::OutOfStock).into();
    /// assert_eq!(response.doc_url(), Some("https://docs.example.com/errors/out-of-stock"));
    /// ```
    #[must_use]
    pub fn doc_url(&self) -> Option<&str> {
        self.doc_url.as_deref()
    }
}

impl<E: ApiErrorCode> GrpcErrorResponse<E> {
    /// The catalog entry of the typed error.
    ///
    /// ```
    /// use authos_errors::catalog::MfaError;
    /// use authos_errors::client::grpc::GrpcErrorResponse;
    /// let response: GrpcErrorResponse<authos_errors::catalog::AuthOsError> = tonic::Status::from(MfaError::MfaRequired).into();
    /// assert_eq!(response.info().map(|info| info.status), Some(401));
    /// ```
    #[must_use]
    pub fn info(&self) -> Option<&'static ErrorCodeInfo> {
        self.error.as_ref().map(ApiErrorCode::info)
    }
}

/// `CODE: message` (the gRPC code's name without an `ErrorInfo`), server text escaped as
/// [`ErrorResponse`](super::ErrorResponse)'s `Display` escapes it: one status, one log line.
///
/// ```
/// use authos_errors::client::grpc::GrpcErrorResponse;
/// let response: GrpcErrorResponse<authos_errors::catalog::AuthOsError> = tonic::Status::not_found("no\nuser").into();
/// assert_eq!(response.to_string(), r"NOT_FOUND: no\nuser");
/// ```
impl<E> fmt::Display for GrpcErrorResponse<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let code = self.code().unwrap_or(self.grpc_code.as_str());
        write!(
            f,
            "{}: {}",
            super::Escaped(code),
            super::Escaped(&self.message)
        )
    }
}
