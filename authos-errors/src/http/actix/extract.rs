//! actix-web's own failures in the structure: the rejections of this crate's extractors, the
//! error handlers of actix-web's `JsonConfig`, `FormConfig`, `QueryConfig` and `PathConfig`,
//! and a [`Json`] extractor whose failures name the field.

use std::future::Future;
use std::pin::Pin;

use actix_web::body::BoxBody;
use actix_web::dev::Payload;
use actix_web::error::{JsonPayloadError, PathError, QueryPayloadError, UrlencodedError};
use actix_web::http::StatusCode;
use actix_web::http::header;
use actix_web::{FromRequest, HttpRequest, HttpResponse, Responder, ResponseError};
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::{__respond, __status, into_response};
use crate::http::framework::{FrameworkError, FrameworkRejection, is_json_content_type};
use crate::http::layer::answer_rejection;

/// A rejection of this crate's extractors and error handlers, answered like any error of the
/// crate: in the scope's format, localised, with the request id, through the middleware's
/// [framework mapping](super::ErrorFormatMiddleware::with_framework_errors).
///
/// ```
/// use actix_web::ResponseError;
/// use authos_errors::framework::{FrameworkError, FrameworkRejection};
///
/// let rejection = FrameworkRejection::new(FrameworkError::PayloadTooLarge);
/// assert_eq!(rejection.error_response().status().as_u16(), 413);
/// ```
impl ResponseError for FrameworkRejection {
    fn status_code(&self) -> StatusCode {
        __status(&self.error())
    }

    fn error_response(&self) -> HttpResponse<BoxBody> {
        let (rendered, for_request, captured) = answer_rejection(self);
        into_response(rendered, for_request, captured)
    }
}

/// The [`FrameworkError`] of an actix-web extractor error, by its status.
fn rejection_of(error: &dyn ResponseError) -> FrameworkRejection {
    FrameworkRejection::new(
        FrameworkError::from_status(error.status_code().as_u16())
            .unwrap_or(FrameworkError::BadRequest),
    )
}

/// The error handler of `web::JsonConfig`: a body over the limit answers `PAYLOAD_TOO_LARGE`,
/// a wrong `Content-Type` `UNSUPPORTED_MEDIA_TYPE` (where actix-web says 400), anything else
/// `BAD_REQUEST`, in the scope's format. Without it the middleware still answers actix-web's
/// plain responses in the structure, by their status. actix-web's `Json` reports no path: for a field-errors entry naming the
/// refused value, extract [`Json`] (this module's) instead.
///
/// ```
/// use actix_web::{App, web};
/// use authos_errors::actix::{ErrorFormatMiddleware, json_error_handler};
///
/// let app = App::new()
///     .app_data(web::JsonConfig::default().error_handler(json_error_handler))
///     .wrap(ErrorFormatMiddleware::default());
/// # let _ = app;
/// ```
#[must_use]
#[allow(clippy::needless_pass_by_value)] // the signature JsonConfig::error_handler calls
pub fn json_error_handler(error: JsonPayloadError, _: &HttpRequest) -> actix_web::Error {
    let error = match error {
        JsonPayloadError::OverflowKnownLength { .. } | JsonPayloadError::Overflow { .. } => {
            FrameworkError::PayloadTooLarge
        }
        // actix-web's own answer to a wrong Content-Type is a 400.
        JsonPayloadError::ContentType => FrameworkError::UnsupportedMediaType,
        JsonPayloadError::Serialize(_) => FrameworkError::InternalServerError,
        other => return rejection_of(&other).into(),
    };
    FrameworkRejection::new(error).into()
}

/// The error handler of `web::FormConfig`: `PAYLOAD_TOO_LARGE`, `UNSUPPORTED_MEDIA_TYPE` or
/// `BAD_REQUEST`, as for [`json_error_handler`].
///
/// ```
/// use actix_web::{App, web};
/// use authos_errors::actix::form_error_handler;
/// let app = App::new().app_data(web::FormConfig::default().error_handler(form_error_handler));
/// # let _ = app;
/// ```
#[must_use]
#[allow(clippy::needless_pass_by_value)] // the signature FormConfig::error_handler calls
pub fn form_error_handler(error: UrlencodedError, _: &HttpRequest) -> actix_web::Error {
    rejection_of(&error).into()
}

/// The error handler of `web::QueryConfig`: a query string that does not deserialize answers
/// `BAD_REQUEST`.
///
/// ```
/// use actix_web::{App, web};
/// use authos_errors::actix::query_error_handler;
/// let app = App::new().app_data(web::QueryConfig::default().error_handler(query_error_handler));
/// # let _ = app;
/// ```
#[must_use]
#[allow(clippy::needless_pass_by_value)] // the signature QueryConfig::error_handler calls
pub fn query_error_handler(error: QueryPayloadError, _: &HttpRequest) -> actix_web::Error {
    rejection_of(&error).into()
}

/// The error handler of `web::PathConfig`: a path segment that does not deserialize answers
/// `BAD_REQUEST` (as axum's `Path` does; actix-web's own answer is a plain 404).
///
/// ```
/// use actix_web::{App, web};
/// use authos_errors::actix::path_error_handler;
/// let app = App::new().app_data(web::PathConfig::default().error_handler(path_error_handler));
/// # let _ = app;
/// ```
#[must_use]
pub fn path_error_handler(_: PathError, _: &HttpRequest) -> actix_web::Error {
    FrameworkRejection::new(FrameworkError::BadRequest).into()
}

/// actix-web's `Json` extractor and responder, answering a body it cannot read as an error of
/// this crate ([`FrameworkRejection`]) in the scope's format: `UNSUPPORTED_MEDIA_TYPE` without
/// a JSON `Content-Type`, `PAYLOAD_TOO_LARGE` over the `web::PayloadConfig` limit (256 kB by
/// default), `BAD_REQUEST` for malformed JSON, and `BAD_REQUEST` with a field-errors entry
/// whose `pointer` names the value serde refused (see [`crate::framework`]).
///
/// ```
/// use actix_web::{App, web};
/// use authos_errors::actix::{ErrorFormatMiddleware, Json};
/// use serde::Deserialize;
///
/// #[derive(Deserialize)]
/// struct Login { email: String }
///
/// async fn login(Json(login): Json<Login>) -> Json<String> {
///     Json(login.email)
/// }
///
/// let app = App::new()
///     .wrap(ErrorFormatMiddleware::default())
///     .route("/login", web::post().to(login));
/// # let _ = app;
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Json<T>(pub T);

impl<T: DeserializeOwned + 'static> FromRequest for Json<T> {
    type Error = actix_web::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self, actix_web::Error>>>>;

    fn from_request(request: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let announced = is_json_content_type(
            request
                .headers()
                .get(header::CONTENT_TYPE)
                .and_then(|value| value.to_str().ok()),
        );
        // actix-web's own body reading, under its `PayloadConfig` limit.
        let body = announced.then(|| actix_web::web::Bytes::from_request(request, payload));
        Box::pin(async move {
            let Some(body) = body else {
                return Err(FrameworkRejection::new(FrameworkError::UnsupportedMediaType).into());
            };
            let bytes = body
                .await
                .map_err(|error| rejection_of(error.as_response_error()))?;
            Ok(Json(FrameworkRejection::read_json(&bytes)?))
        })
    }
}

/// The value as an `application/json` body; a value serde cannot write answers
/// `INTERNAL_SERVER_ERROR`.
///
/// ```
/// use actix_web::{Responder, test::TestRequest};
/// let request = TestRequest::default().to_http_request();
/// let response = authos_errors::actix::Json([1, 2]).respond_to(&request);
/// assert_eq!(response.headers().get("content-type").unwrap(), "application/json");
/// ```
impl<T: Serialize> Responder for Json<T> {
    type Body = BoxBody;

    fn respond_to(self, _: &HttpRequest) -> HttpResponse<BoxBody> {
        match serde_json::to_vec(&self.0) {
            Ok(bytes) => HttpResponse::Ok()
                .content_type("application/json")
                .body(bytes),
            Err(error) => __respond(&FrameworkError::InternalServerError, Some(&error)),
        }
    }
}

crate::http::framework::json_wrapper!(Json);
