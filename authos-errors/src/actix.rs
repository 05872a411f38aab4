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
//! # Problem details
//!
//! `ResponseError::error_response` cannot see the request either, so negotiation is the
//! [`ProblemJsonMiddleware`] (`App::new().wrap(ProblemJsonMiddleware::default())`), which does
//! what axum's `ProblemJsonLayer` does. One difference: an error that an inner *middleware*
//! returns as `Err` (rather than a handler's `Err`, which actix-web turns into a response before
//! middleware see it) is rendered by actix-web after this middleware has run, so it stays plain
//! JSON.
//!
//! # Example
//!
//! ```no_run
//! use actix_web::{App, HttpResponse, HttpServer, web};
//! use authos_errors::ApiErrorCode;
//! use authos_errors::actix::ProblemJsonMiddleware;
//! use authos_errors::catalog::{AuthOsError, AuthenticationError};
//!
//! #[derive(Debug, ApiErrorCode)]
//! enum StoreError {
//!     /// Database operation failed
//!     #[code("DATABASE_ERROR", status = 500, resolution = "Retry; contact support if persists")]
//!     Database(#[source] std::io::Error), // logged with tracing::error!, never sent
//! }
//!
//! async fn me() -> Result<HttpResponse, AuthOsError> {
//!     Err(AuthenticationError::TokenExpired.into()) // 401 + WWW-Authenticate: Bearer ... invalid_token
//! }
//!
//! async fn report() -> Result<HttpResponse, StoreError> {
//!     Err(StoreError::Database(std::io::Error::other("connection refused")))
//! }
//!
//! fn main() -> std::io::Result<()> {
//!     let server = HttpServer::new(|| {
//!         App::new()
//!             .wrap(ProblemJsonMiddleware::default()) // problem+json when Accept prefers it
//!             .route("/me", web::get().to(me))
//!             .route("/report", web::get().to(report))
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
use std::future::{Future, Ready, ready};
use std::pin::Pin;
use std::rc::Rc;

use actix_web::body::{BoxBody, EitherBody, MessageBody};
use actix_web::dev::{Service, ServiceRequest, ServiceResponse, Transform, forward_ready};
use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpResponse, ResponseError};

use crate::problem::{self, DEFAULT_REALM, ErrorFormat, ProblemConfig, RenderedError};
use crate::{ApiErrorCode, Detailed};

/// The status of `error` as actix-web's type.
#[doc(hidden)]
pub fn __status<E: ApiErrorCode + ?Sized>(error: &E) -> StatusCode {
    StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
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
    let rendered = RenderedError::capture(error);
    rendered.log_if_server_error(as_error);
    let mut builder = HttpResponse::build(__status(error));
    builder.insert_header((header::CONTENT_TYPE, problem::APPLICATION_JSON));
    if let Some(seconds) = rendered.retry_after {
        builder.insert_header((header::RETRY_AFTER, seconds));
    }
    if let Some(value) = rendered
        .www_authenticate(DEFAULT_REALM)
        .and_then(|challenge| HeaderValue::try_from(challenge).ok())
    {
        builder.insert_header((header::WWW_AUTHENTICATE, value));
    }
    let mut response = builder.body(rendered.body(ErrorFormat::Json, &ProblemConfig::default()));
    response.extensions_mut().insert(rendered);
    response
}

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

/// actix-web middleware that answers errors as RFC 9457 `application/problem+json` when the
/// request's `Accept` prefers it, and applies a [`ProblemConfig`]. See the [module docs](self).
///
/// Like actix-web's own middleware it is per worker (`!Send`): make it inside the
/// `HttpServer::new` factory, from a `ProblemConfig` the factory clones.
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
#[derive(Debug, Clone, Default)]
pub struct ProblemJsonMiddleware {
    config: Rc<ProblemConfig>,
}

impl ProblemJsonMiddleware {
    /// Middleware that renders problem documents with `config`.
    ///
    /// ```
    /// use authos_errors::actix::ProblemJsonMiddleware;
    /// use authos_errors::problem::ProblemConfig;
    /// let middleware = ProblemJsonMiddleware::new(ProblemConfig::default().with_realm("example"));
    /// assert_eq!(middleware.config().realm(), "example");
    /// ```
    #[must_use]
    pub fn new(config: ProblemConfig) -> Self {
        ProblemJsonMiddleware {
            config: Rc::new(config),
        }
    }

    /// The configuration in use.
    ///
    /// ```
    /// use authos_errors::actix::ProblemJsonMiddleware;
    /// assert_eq!(ProblemJsonMiddleware::default().config().realm(), "authos");
    /// ```
    #[must_use]
    pub fn config(&self) -> &ProblemConfig {
        &self.config
    }
}

impl<S, B> Transform<S, ServiceRequest> for ProblemJsonMiddleware
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = actix_web::Error> + 'static,
    B: MessageBody + 'static,
{
    type Response = ServiceResponse<EitherBody<B>>;
    type Error = actix_web::Error;
    type Transform = ProblemJsonService<S>;
    type InitError = ();
    type Future = Ready<Result<ProblemJsonService<S>, ()>>;

    fn new_transform(&self, service: S) -> Self::Future {
        ready(Ok(ProblemJsonService {
            service,
            config: Rc::clone(&self.config),
        }))
    }
}

/// The service [`ProblemJsonMiddleware`] wraps around an app or scope.
///
/// ```
/// use authos_errors::actix::{ProblemJsonMiddleware, ProblemJsonService};
/// fn wrapped<S>(_: &ProblemJsonService<S>) {}
/// # let _ = ProblemJsonMiddleware::default();
/// ```
#[derive(Debug)]
pub struct ProblemJsonService<S> {
    service: S,
    config: Rc<ProblemConfig>,
}

type ResponseFuture<B> =
    Pin<Box<dyn Future<Output = Result<ServiceResponse<EitherBody<B>>, actix_web::Error>>>>;

impl<S, B> Service<ServiceRequest> for ProblemJsonService<S>
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = actix_web::Error> + 'static,
    B: MessageBody + 'static,
{
    type Response = ServiceResponse<EitherBody<B>>;
    type Error = actix_web::Error;
    type Future = ResponseFuture<B>;

    forward_ready!(service);

    fn call(&self, request: ServiceRequest) -> Self::Future {
        let format = negotiate_headers(request.headers());
        let config = Rc::clone(&self.config);
        let response = self.service.call(request);
        Box::pin(async move { Ok(rerender(response.await?, format, &config)) })
    }
}

/// The format the request's `Accept` header lines ask for (several lines count as one list).
fn negotiate_headers(headers: &actix_web::http::header::HeaderMap) -> ErrorFormat {
    let lines: Vec<&str> = headers
        .get_all(header::ACCEPT)
        .filter_map(|value| value.to_str().ok())
        .collect();
    match lines.as_slice() {
        [] => ErrorFormat::Json,
        [only] => ErrorFormat::negotiate(Some(only)),
        many => ErrorFormat::negotiate(Some(&many.join(","))),
    }
}

/// Re-renders an error response made by this module for `format` and `config`.
fn rerender<B: MessageBody + 'static>(
    response: ServiceResponse<B>,
    format: ErrorFormat,
    config: &ProblemConfig,
) -> ServiceResponse<EitherBody<B>> {
    let rendered = response
        .response()
        .extensions()
        .get::<RenderedError>()
        .cloned();
    let Some(rendered) = rendered else {
        return response.map_into_left_body();
    };
    let challenge = (config.realm() != DEFAULT_REALM)
        .then(|| rendered.www_authenticate(config.realm()))
        .flatten()
        .and_then(|challenge| HeaderValue::try_from(challenge).ok());
    let problem_body = (format == ErrorFormat::ProblemJson).then(|| rendered.body(format, config));
    response.map_body(|head, body| {
        if let Some(value) = challenge {
            head.headers_mut().insert(header::WWW_AUTHENTICATE, value);
        }
        match problem_body {
            Some(bytes) => {
                head.headers_mut().insert(
                    header::CONTENT_TYPE,
                    HeaderValue::from_static(problem::APPLICATION_PROBLEM_JSON),
                );
                EitherBody::right(BoxBody::new(bytes))
            }
            None => EitherBody::left(body),
        }
    })
}
