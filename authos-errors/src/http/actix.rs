//! actix-web integration: any derived error as a `ResponseError`.
//!
//! With this feature on, `#[derive(ApiErrorCode)]` writes `impl ResponseError` for each enum it
//! derives (through a `macro_rules!` macro of this crate, as for axum: see
//! [`crate::axum`] for why), so every catalog type, every enum you derive (that is `Debug` and
//! `Display`, as `ResponseError` requires) and [`Detailed<E>`](crate::Detailed) can be the error
//! of a handler's `Result`.
//!
//! The response is the one the axum integration builds: the variant's status,
//! `content-type: application/json`, the [`ErrorBody`](crate::ErrorBody), `Retry-After` when
//! known, the RFC 6750 `WWW-Authenticate` challenge on a 401, and for a 5xx a `tracing::error!`
//! of the `source()` chain, which never reaches the body.
//!
//! # Choosing the format per scope
//!
//! `ResponseError::error_response` cannot see the request either, so the format is chosen by
//! [`ErrorFormatMiddleware`], wrapped around an app, a scope or a resource; it does what axum's
//! `ErrorFormatLayer` does, from the same [`crate::response`] core:
//!
//! - [`ErrorFormatMiddleware::negotiated`] (= [`ProblemJsonMiddleware::new`](ErrorFormatMiddleware::new)):
//!   RFC 9457 `application/problem+json` when the request's `Accept` prefers it, the AuthOS
//!   JSON body otherwise;
//! - [`ErrorFormatMiddleware::oauth`]: RFC 6749 §5.2 errors
//!   ([`OAuthErrorBody`](crate::oauth::OAuthErrorBody)), for token endpoints;
//! - [`ErrorFormatMiddleware::scim`]: RFC 7644 §3.12 errors
//!   ([`ScimErrorBody`](crate::scim::ScimErrorBody)), for SCIM endpoints.
//!
//! The innermost middleware decides: once it has rendered an error, the ones around it leave
//! it alone, so `App::new().wrap(ErrorFormatMiddleware::default())` with
//! `web::scope("/oauth").wrap(ErrorFormatMiddleware::oauth())` inside answers each part in its
//! own format.
//!
//! One difference from axum: an error that an inner *middleware* returns as `Err` (rather than a
//! handler's `Err`, which actix-web turns into a response before middleware see it) is rendered
//! by actix-web after this middleware has run, so it stays plain JSON.
//!
//! # Example
//!
//! ```no_run
//! use actix_web::{App, HttpResponse, HttpServer, web};
//! use authos_errors::ApiErrorCode;
//! use authos_errors::actix::{ErrorFormatMiddleware, ProblemJsonMiddleware};
//! use authos_errors::catalog::{AuthOsError, AuthenticationError, DeviceFlowError};
//!
//! #[derive(Debug, ApiErrorCode)]
//! enum StoreError {
//!     /// Database operation failed
//!     #[code("DATABASE_ERROR", status = 500, resolution = "Retry; contact support if persists")]
//!     Database(#[source] std::io::Error), // logged with tracing::error!, never sent
//! }
//!
//! async fn me() -> Result<HttpResponse, AuthOsError> {
//!     Err(AuthenticationError::TokenExpired.into()) // 401 + WWW-Authenticate: Bearer
//! }
//!
//! async fn report() -> Result<HttpResponse, StoreError> {
//!     Err(StoreError::Database(std::io::Error::other("connection refused")))
//! }
//!
//! async fn token() -> Result<HttpResponse, DeviceFlowError> {
//!     Err(DeviceFlowError::DeviceCodePending) // {"error":"authorization_pending",...}
//! }
//!
//! fn main() -> std::io::Result<()> {
//!     let server = HttpServer::new(|| {
//!         App::new()
//!             .wrap(ProblemJsonMiddleware::default()) // problem+json when Accept prefers it
//!             .route("/me", web::get().to(me))
//!             .route("/report", web::get().to(report))
//!             .service(
//!                 web::scope("/oauth")
//!                     .wrap(ErrorFormatMiddleware::oauth())
//!                     .route("/token", web::post().to(token)),
//!             )
//!     });
//!     actix_web::rt::System::new().block_on(server.bind(("127.0.0.1", 8080))?.run())
//! }
//! ```
//!
//! Without a server:
//!
//! ```
//! use actix_web::ResponseError;
//! use authos_errors::catalog::{AuthOsError, GeneralError};
//!
//! let err = AuthOsError::from(GeneralError::Forbidden);
//! assert_eq!(err.status_code().as_u16(), 403);
//! let response = err.error_response();
//! assert_eq!(response.headers().get("content-type").unwrap(), "application/json");
//! ```

use std::error::Error;
use std::fmt;
use std::future::{Future, Ready, ready};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::pin::Pin;
use std::task::Poll;

use actix_web::body::{BodySize, BoxBody, EitherBody, MessageBody};
use actix_web::dev::{Service, ServiceRequest, ServiceResponse, Transform, forward_ready};
use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderMap, HeaderName, HeaderValue};
use actix_web::{HttpResponse, ResponseError};

use super::framework::{FrameworkError, FrameworkRejection};
use super::layer::{
    Answering, ErrorLayer, Rendered, Reported, answer, answer_rejection, log_panic, write_headers,
};
use super::policy::{RequestHeader, RequestHeaders};
use crate::response::{CapturedError, ErrorResponse};
use crate::{ApiErrorCode, Detailed};

mod extract;

pub use extract::{
    Json, form_error_handler, json_error_handler, path_error_handler, query_error_handler,
};

/// The status of `error` as actix-web's type.
#[doc(hidden)]
pub fn __status<E: ApiErrorCode + ?Sized>(error: &E) -> StatusCode {
    status_code(error.status())
}

fn status_code(status: u16) -> StatusCode {
    StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
}

/// The response of `error`, as the derived `ResponseError` impls build it, for types whose
/// [`ApiErrorCode`] impl is hand-written (no `source()` chain is logged for them).
///
/// ```
/// use authos_errors::catalog::MfaError;
/// let response = authos_errors::actix::error_response(&MfaError::InvalidMfaCode);
/// assert_eq!(response.status().as_u16(), 400);
/// ```
pub fn error_response<E: ApiErrorCode + ?Sized>(error: &E) -> HttpResponse {
    __respond(error, None)
}

/// What the derived impls call: `as_error` is the error itself when its type implements
/// `Error`, so that its `source()` chain can be logged.
#[doc(hidden)]
pub fn __respond<E: ApiErrorCode + ?Sized>(
    error: &E,
    as_error: Option<&dyn Error>,
) -> HttpResponse {
    respond_captured(CapturedError::capture(error), as_error)
}

/// The response of an error already captured: logged when it is a 5xx, rendered for the
/// request when a middleware is around the route.
fn respond_captured(captured: CapturedError, as_error: Option<&dyn Error>) -> HttpResponse {
    let (rendered, for_request) = answer(&captured, as_error);
    into_response(rendered, for_request, captured)
}

/// The response of an error rendered by [`answer`] or [`answer_rejection`].
fn into_response(
    rendered: ErrorResponse,
    for_request: bool,
    captured: CapturedError,
) -> HttpResponse {
    let mut response = HttpResponse::new(status_code(rendered.status));
    write_headers(rendered.headers, true, response.headers_mut());
    let mut response = response.set_body(BoxBody::new(rendered.body));
    if for_request {
        response.extensions_mut().insert(Rendered);
    }
    response.extensions_mut().insert(captured);
    response
}

super::layer::header_sink!(HeaderMap, HeaderName, HeaderValue, actix_web::http::header);

/// A handler can return `Err(MfaError::MfaRequired.with_message("..."))` directly.
///
/// ```
/// use std::time::Duration;
/// use actix_web::ResponseError;
/// use authos_errors::{ApiErrorCodeExt, catalog::GeneralError};
///
/// let err = GeneralError::RateLimitExceeded.with_retry_after(Duration::from_secs(30));
/// assert_eq!(err.error_response().headers().get("retry-after").unwrap(), "30");
/// ```
impl<E: ApiErrorCode + Error + 'static> ResponseError for Detailed<E> {
    fn status_code(&self) -> StatusCode {
        __status(self)
    }

    fn error_response(&self) -> HttpResponse<BoxBody> {
        __respond(self, Some(self))
    }
}

/// Names actix-web in [`ErrorLayer`]: the framework the layer's type is for.
#[derive(Debug, Clone, Copy)]
pub enum Actix {}

/// actix-web middleware that answers the errors of the app, scope or resource it wraps in one
/// format: negotiated between the AuthOS body and problem+json, OAuth 2.0 or SCIM. Its builder
/// is [`ErrorLayer`]'s; see the [module docs](self).
///
/// ```
/// use actix_web::{App, web};
/// use authos_errors::actix::ErrorFormatMiddleware;
///
/// let app = App::new()
///     .wrap(ErrorFormatMiddleware::default())
///     .service(web::scope("/scim/v2").wrap(ErrorFormatMiddleware::scim()));
/// # let _ = app;
/// ```
pub type ErrorFormatMiddleware = ErrorLayer<Actix>;

/// The middleware that negotiates problem+json: today's name of
/// [`ErrorFormatMiddleware::negotiated`].
///
/// ```
/// use actix_web::App;
/// use authos_errors::actix::ProblemJsonMiddleware;
/// use authos_errors::problem::ProblemConfig;
///
/// let app = App::new().wrap(ProblemJsonMiddleware::new(
///     ProblemConfig::default().with_type_base("https://errors.example.com/"),
/// ));
/// # let _ = app;
/// ```
pub type ProblemJsonMiddleware = ErrorFormatMiddleware;

impl<S, B> Transform<S, ServiceRequest> for ErrorLayer<Actix>
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = actix_web::Error> + 'static,
    B: MessageBody + 'static,
{
    type Response = ServiceResponse<EitherBody<B>>;
    type Error = actix_web::Error;
    type Transform = ErrorFormatService<S>;
    type InitError = ();
    type Future = Ready<Result<ErrorFormatService<S>, ()>>;

    fn new_transform(&self, service: S) -> Self::Future {
        ready(Ok(ErrorFormatService {
            service,
            layer: self.clone(),
        }))
    }
}

/// The service [`ErrorFormatMiddleware`] wraps around an app, scope or resource.
///
/// ```
/// use authos_errors::actix::ErrorFormatService;
/// fn wrapped<S>(_: &ErrorFormatService<S>) {}
/// ```
#[derive(Debug)]
pub struct ErrorFormatService<S> {
    service: S,
    layer: ErrorFormatMiddleware,
}

/// The service of [`ProblemJsonMiddleware`], by its original name.
///
/// ```
/// use authos_errors::actix::{ProblemJsonMiddleware, ProblemJsonService};
/// fn wrapped<S>(_: &ProblemJsonService<S>) {}
/// # let _ = ProblemJsonMiddleware::default();
/// ```
pub type ProblemJsonService<S> = ErrorFormatService<S>;

type ResponseFuture<B> =
    Pin<Box<dyn Future<Output = Result<ServiceResponse<EitherBody<B>>, actix_web::Error>>>>;

impl<S, B> Service<ServiceRequest> for ErrorFormatService<S>
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = actix_web::Error> + 'static,
    B: MessageBody + 'static,
{
    type Response = ServiceResponse<EitherBody<B>>;
    type Error = actix_web::Error;
    type Future = ResponseFuture<B>;

    forward_ready!(service);

    fn call(&self, request: ServiceRequest) -> Self::Future {
        let answering = self.layer.answering(request.headers());
        let scope = answering.enter();
        // actix-web does not catch a panic of a route: its connection would be dropped
        // unanswered. Caught here, in the call and in every poll.
        let response = catch_unwind(AssertUnwindSafe(|| self.service.call(request)));
        let response = match response {
            Ok(response) => response,
            Err(payload) => {
                let panicked = AnsweredPanic::new(&*payload);
                drop(scope);
                return Box::pin(ready(Err(panicked.into())));
            }
        };
        drop(scope);
        Box::pin(async move {
            // The route turns its error into a response while it is polled, rendered there
            // for this request.
            let mut response = std::pin::pin!(response);
            let response = std::future::poll_fn(|cx| {
                let _scope = answering.enter();
                match catch_unwind(AssertUnwindSafe(|| response.as_mut().poll(cx))) {
                    Ok(poll) => poll,
                    Err(payload) => Poll::Ready(Err(AnsweredPanic::new(&*payload).into())),
                }
            })
            .await?;
            Ok(finish(response, &answering))
        })
    }
}

impl RequestHeaders for HeaderMap {
    fn lines(&self, header: RequestHeader) -> impl Iterator<Item = &str> {
        let name = match header {
            RequestHeader::Accept => actix_web::http::header::ACCEPT,
            RequestHeader::AcceptLanguage => actix_web::http::header::ACCEPT_LANGUAGE,
            RequestHeader::RequestId => HeaderName::from_static(crate::request_id::HEADER),
        };
        self.get_all(name).filter_map(|value| value.to_str().ok())
    }
}

/// Renders an error response the route made outside its poll for this request; any other
/// response is returned as it is.
fn finish<B: MessageBody + 'static>(
    response: ServiceResponse<B>,
    answering: &Answering,
) -> ServiceResponse<EitherBody<B>> {
    let late = {
        let extensions = response.response().extensions();
        answering.finish(
            extensions.get::<CapturedError>(),
            extensions.get::<Rendered>().is_some(),
            || plain_failure(&response),
        )
    };
    let Some((late, now_captured)) = late else {
        let mut response = response;
        report(&mut response, answering);
        return response.map_into_left_body();
    };
    let mut response = response.map_body(|head, _| {
        head.status = status_code(late.status);
        write_headers(late.headers, false, &mut head.headers);
        EitherBody::right(BoxBody::new(late.body))
    });
    let mut extensions = response.response_mut().extensions_mut();
    extensions.insert(Rendered);
    if let Some(captured) = now_captured {
        extensions.insert(captured);
    }
    drop(extensions);
    report(&mut response, answering);
    response
}

/// Reports the error `response` carries once ([`Answering::report`]).
fn report<B>(response: &mut ServiceResponse<B>, answering: &Answering) {
    let reported = {
        let extensions = response.response().extensions();
        answering.report(
            extensions.get::<CapturedError>(),
            response.status().as_u16(),
            extensions.get::<Reported>().is_some(),
        )
    };
    if reported {
        response.response_mut().extensions_mut().insert(Reported);
    }
}

/// The framework failure `response` is, by [`FrameworkError::for_plain_response`]'s rule:
/// actix-web's extractor errors are `text/plain`, its 404 and 405 empty.
fn plain_failure<B: MessageBody>(response: &ServiceResponse<B>) -> Option<FrameworkError> {
    let status = response.status().as_u16();
    // Most responses stop here, before any header is read.
    FrameworkError::from_status(status)?;
    let content_type = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok());
    let empty = matches!(
        response.response().body().size(),
        BodySize::None | BodySize::Sized(0)
    );
    FrameworkError::for_plain_response(status, content_type, empty)
}

/// A panic of the route, answered `INTERNAL_SERVER_ERROR` for the request (rendered while the
/// middleware's request is current, the payload logged then) and returned as the middleware's
/// error, since the request itself went down with the route.
#[derive(Debug)]
struct AnsweredPanic {
    rendered: ErrorResponse,
    for_request: bool,
    captured: CapturedError,
}

impl AnsweredPanic {
    fn new(payload: &(dyn std::any::Any + Send)) -> Self {
        log_panic(payload);
        let rejection = FrameworkRejection::new(FrameworkError::InternalServerError);
        let (rendered, for_request, captured) = answer_rejection(&rejection);
        AnsweredPanic {
            rendered,
            for_request,
            captured,
        }
    }
}

impl fmt::Display for AnsweredPanic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("request handler panicked")
    }
}

impl ResponseError for AnsweredPanic {
    fn status_code(&self) -> StatusCode {
        status_code(self.rendered.status)
    }

    fn error_response(&self) -> HttpResponse<BoxBody> {
        into_response(
            self.rendered.clone(),
            self.for_request,
            self.captured.clone(),
        )
    }
}

/// A handler can return `Err(field_errors)`: a 400 whose body carries the `errors` array.
///
/// ```
/// use actix_web::ResponseError;
/// use authos_errors::catalog::ValidationError;
/// use authos_errors::field_errors::FieldErrors;
///
/// let mut errors = FieldErrors::new();
/// errors.push("email", &ValidationError::InvalidEmail);
/// assert_eq!(errors.error_response().status().as_u16(), 400);
/// ```
impl ResponseError for crate::field_errors::FieldErrors {
    fn status_code(&self) -> StatusCode {
        __status(self)
    }

    fn error_response(&self) -> HttpResponse<BoxBody> {
        respond_captured(CapturedError::capture_field_errors(self), None)
    }
}
