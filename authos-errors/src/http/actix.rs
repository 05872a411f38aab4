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
use std::future::{Future, Ready, ready};
use std::pin::Pin;
use std::rc::Rc;

use actix_web::body::{BoxBody, EitherBody, MessageBody};
use actix_web::dev::{Service, ServiceRequest, ServiceResponse, Transform, forward_ready};
use actix_web::http::StatusCode;
use actix_web::http::header::{HeaderMap, HeaderName, HeaderValue};
use actix_web::{HttpResponse, ResponseError};

use super::policy::{FormatChosen, FormatPolicy, RequestHeaders};
use crate::problem::{ErrorFormat, ProblemConfig};
use crate::response::{CapturedError, ErrorResponse, RENDERED_HEADERS, RenderContext};
use crate::{ApiErrorCode, Detailed};

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

/// The response of an error already captured (logged first when it is a 5xx).
fn respond_captured(captured: CapturedError, as_error: Option<&dyn Error>) -> HttpResponse {
    captured.log_if_server_error(as_error);
    let rendered = captured.render(&RenderContext::default());
    let mut response = HttpResponse::new(status_code(rendered.status));
    set_headers(response.headers_mut(), rendered.headers);
    let mut response = response.set_body(BoxBody::new(rendered.body));
    response.extensions_mut().insert(captured);
    response
}

/// Puts the rendered headers in place of any earlier ones (other headers stay).
fn set_headers(
    headers: &mut HeaderMap,
    rendered: Vec<(&'static str, std::borrow::Cow<'static, str>)>,
) {
    for name in RENDERED_HEADERS {
        headers.remove(*name);
    }
    for (name, value) in rendered {
        // Rendered values are printable ASCII; a value that is not is left out, not sent broken.
        if let Ok(value) = HeaderValue::try_from(value.into_owned()) {
            if name == "vary" {
                headers.append(HeaderName::from_static(name), value);
            } else {
                headers.insert(HeaderName::from_static(name), value);
            }
        }
    }
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

/// actix-web middleware that answers the errors of the app, scope or resource it wraps in one
/// format: negotiated between the AuthOS body and problem+json, OAuth 2.0 or SCIM. See the
/// [module docs](self).
///
/// Like actix-web's own middleware it is per worker (`!Send`): make it inside the
/// `HttpServer::new` factory, from a `ProblemConfig` the factory clones.
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
#[derive(Debug, Clone)]
pub struct ErrorFormatMiddleware {
    policy: Rc<FormatPolicy>,
}

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

impl Default for ErrorFormatMiddleware {
    /// [`ErrorFormatMiddleware::negotiated`] with the default [`ProblemConfig`].
    fn default() -> Self {
        ErrorFormatMiddleware::negotiated(ProblemConfig::default())
    }
}

impl ErrorFormatMiddleware {
    /// Problem+json when the request's `Accept` prefers it, the AuthOS body otherwise, rendered
    /// with `config` (the same as [`negotiated`](Self::negotiated), under its original name).
    ///
    /// ```
    /// use authos_errors::actix::ProblemJsonMiddleware;
    /// use authos_errors::problem::ProblemConfig;
    /// let middleware = ProblemJsonMiddleware::new(ProblemConfig::default().with_realm("example"));
    /// assert_eq!(middleware.config().realm(), Some("example"));
    /// ```
    #[must_use]
    pub fn new(config: ProblemConfig) -> Self {
        ErrorFormatMiddleware::negotiated(config)
    }

    /// Problem+json when the request's `Accept` prefers it
    /// ([`ErrorFormat::negotiate`]), the AuthOS body otherwise, rendered with `config`.
    ///
    /// ```
    /// use authos_errors::actix::ErrorFormatMiddleware;
    /// use authos_errors::problem::ProblemConfig;
    /// assert_eq!(ErrorFormatMiddleware::negotiated(ProblemConfig::default()).format(), None);
    /// ```
    #[must_use]
    pub fn negotiated(config: ProblemConfig) -> Self {
        ErrorFormatMiddleware::with_policy(None, config)
    }

    /// Always `format`, whatever the request accepts.
    ///
    /// ```
    /// use authos_errors::actix::ErrorFormatMiddleware;
    /// use authos_errors::problem::ErrorFormat;
    /// let middleware = ErrorFormatMiddleware::always(ErrorFormat::ProblemJson);
    /// assert_eq!(middleware.format(), Some(ErrorFormat::ProblemJson));
    /// ```
    #[must_use]
    pub fn always(format: ErrorFormat) -> Self {
        ErrorFormatMiddleware::with_policy(Some(format), ProblemConfig::default())
    }

    /// RFC 6749 §5.2 errors ([`ErrorFormat::OAuth`]), for OAuth token and device-authorization
    /// endpoints.
    ///
    /// ```
    /// use authos_errors::actix::ErrorFormatMiddleware;
    /// use authos_errors::problem::ErrorFormat;
    /// assert_eq!(ErrorFormatMiddleware::oauth().format(), Some(ErrorFormat::OAuth));
    /// ```
    #[must_use]
    pub fn oauth() -> Self {
        ErrorFormatMiddleware::always(ErrorFormat::OAuth)
    }

    /// RFC 7644 §3.12 errors ([`ErrorFormat::Scim`]), for SCIM endpoints.
    ///
    /// ```
    /// use authos_errors::actix::ErrorFormatMiddleware;
    /// use authos_errors::problem::ErrorFormat;
    /// assert_eq!(ErrorFormatMiddleware::scim().format(), Some(ErrorFormat::Scim));
    /// ```
    #[must_use]
    pub fn scim() -> Self {
        ErrorFormatMiddleware::always(ErrorFormat::Scim)
    }

    /// This middleware rendering with `config` (the `type` URI base, the challenge realm).
    ///
    /// ```
    /// use authos_errors::actix::ErrorFormatMiddleware;
    /// use authos_errors::problem::ProblemConfig;
    /// let middleware = ErrorFormatMiddleware::oauth()
    ///     .with_config(ProblemConfig::default().with_realm("token"));
    /// assert_eq!(middleware.config().realm(), Some("token"));
    /// ```
    #[must_use]
    pub fn with_config(self, config: ProblemConfig) -> Self {
        let mut policy = FormatPolicy::clone(&self.policy);
        policy.config = config;
        ErrorFormatMiddleware {
            policy: Rc::new(policy),
        }
    }

    /// This middleware answering in the client's language (feature `fluent`): the language is
    /// negotiated from `Accept-Language` ([`Localizer::negotiate`](crate::l10n::Localizer::negotiate)),
    /// the `error` text (problem+json `title` and `detail`, SCIM `detail`) rendered in it, and
    /// `Content-Language` and `Vary: Accept-Language` sent. No header or no match: the derive's
    /// texts, labelled with the source language. OAuth bodies are not translated.
    ///
    /// ```
    /// use authos_errors::actix::ErrorFormatMiddleware;
    /// use authos_errors::l10n::Localizer;
    /// use std::sync::Arc;
    ///
    /// let middleware = ErrorFormatMiddleware::default().with_localizer(Arc::clone(Localizer::authos()));
    /// // App::new().wrap(middleware): `Accept-Language: fr` gets the French texts
    /// # let _ = middleware;
    /// ```
    #[cfg(feature = "fluent")]
    #[must_use]
    pub fn with_localizer(self, localizer: std::sync::Arc<crate::l10n::Localizer>) -> Self {
        let mut policy = FormatPolicy::clone(&self.policy);
        policy.localizer = Some(localizer);
        ErrorFormatMiddleware {
            policy: Rc::new(policy),
        }
    }

    fn with_policy(fixed: Option<ErrorFormat>, config: ProblemConfig) -> Self {
        ErrorFormatMiddleware {
            policy: Rc::new(FormatPolicy::new(fixed, config)),
        }
    }

    /// The format this middleware always answers in; `None` when it negotiates.
    ///
    /// ```
    /// use authos_errors::actix::ErrorFormatMiddleware;
    /// assert_eq!(ErrorFormatMiddleware::default().format(), None);
    /// ```
    #[must_use]
    pub fn format(&self) -> Option<ErrorFormat> {
        self.policy.fixed
    }

    /// The configuration in use.
    ///
    /// ```
    /// use authos_errors::actix::ProblemJsonMiddleware;
    /// assert_eq!(ProblemJsonMiddleware::default().config().realm(), None);
    /// ```
    #[must_use]
    pub fn config(&self) -> &ProblemConfig {
        &self.policy.config
    }
}

impl<S, B> Transform<S, ServiceRequest> for ErrorFormatMiddleware
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
            policy: Rc::clone(&self.policy),
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
    policy: Rc<FormatPolicy>,
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
        let facts = self.policy.read_request(request.headers());
        let policy = Rc::clone(&self.policy);
        let scope = facts
            .request_id
            .clone()
            .map(crate::http::request_scope::enter);
        let response = self.service.call(request);
        drop(scope);
        Box::pin(async move {
            // The route turns its error into a response while it is polled: its 5xx log line
            // takes the request id from there.
            let mut response = std::pin::pin!(response);
            let response = std::future::poll_fn(|cx| {
                let _scope = facts
                    .request_id
                    .clone()
                    .map(crate::http::request_scope::enter);
                response.as_mut().poll(cx)
            })
            .await?;
            Ok(rerender(response, &policy.context(&facts)))
        })
    }
}

impl RequestHeaders for HeaderMap {
    fn lines<'h>(&'h self, name: &'static str) -> impl Iterator<Item = &'h str> {
        self.get_all(name).filter_map(|value| value.to_str().ok())
    }
}

/// Re-renders an error response made by this module in `context`, unless an inner middleware
/// already has; any other response is returned as it is.
fn rerender<B: MessageBody + 'static>(
    response: ServiceResponse<B>,
    context: &RenderContext<'_>,
) -> ServiceResponse<EitherBody<B>> {
    let rendered: Option<ErrorResponse> = {
        let extensions = response.response().extensions();
        match extensions.get::<CapturedError>() {
            Some(captured) if extensions.get::<FormatChosen>().is_none() => {
                Some(captured.render(context))
            }
            _ => None,
        }
    };
    let Some(rendered) = rendered else {
        return response.map_into_left_body();
    };
    let mut response = response.map_body(|head, _| {
        head.status = status_code(rendered.status);
        set_headers(&mut head.headers, rendered.headers);
        EitherBody::right(BoxBody::new(rendered.body))
    });
    response
        .response_mut()
        .extensions_mut()
        .insert(FormatChosen);
    response
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
