//! axum integration: answer with any derived error from a handler.
//!
//! # Design
//!
//! `impl<E: ApiErrorCode> IntoResponse for E` is not allowed (the orphan rule: `IntoResponse`
//! and `E` are both foreign to this crate). Instead, with this feature on, **`#[derive(ApiErrorCode)]`
//! writes `impl IntoResponse` for each enum it derives**: the derive's output calls a
//! `macro_rules!` macro of this crate, which expands to the impl when the `axum` feature is on and
//! to nothing otherwise (a proc macro cannot see this crate's features; a macro defined here can).
//! Your crate needs no axum-core dependency of its own. So every catalog type
//! ([`AuthOsError`](crate::catalog::AuthOsError) and each group enum), every enum you derive, and
//! [`Detailed<E>`](crate::Detailed) can be the error of a handler's `Result` as they are. For a
//! type with a hand-written [`ApiErrorCode`] impl, [`error_response`] builds the same response.
//!
//! # The response
//!
//! - the variant's status, `content-type: application/json`, the [`ErrorBody`](crate::ErrorBody);
//! - `Retry-After: <seconds>` when the error knows its delay
//!   ([`with_retry_after`](crate::ApiErrorCodeExt::with_retry_after));
//! - `WWW-Authenticate: Bearer ...` on a 401, per RFC 6750 ([`www_authenticate`](crate::problem::www_authenticate));
//! - for a 5xx, the error and its `source()` chain are logged with `tracing::error!`; the body
//!   carries the catalog description or the declared message only, never the source's text.
//!
//! # Choosing the format per route group
//!
//! `IntoResponse` cannot see the request or the route, so the format is chosen by a layer:
//! [`ErrorFormatLayer`]. Every error response made here carries the captured error
//! ([`CapturedError`]) in its extensions; the layer re-renders those responses
//! ([`crate::response`]) in its format and with its [`ProblemConfig`](crate::problem::ProblemConfig) (the `type` URI base, the
//! challenge realm), and leaves every other response untouched. Without a layer, errors are
//! the AuthOS JSON body.
//!
//! - [`ErrorFormatLayer::negotiated`] (= [`ProblemJsonLayer::new`](ErrorFormatLayer::new)): RFC 9457
//!   `application/problem+json` when the request's `Accept` prefers it
//!   ([`ErrorFormat::negotiate`](crate::problem::ErrorFormat::negotiate)), the AuthOS JSON body otherwise;
//! - [`ErrorFormatLayer::oauth`]: RFC 6749 §5.2 errors, for token and device-authorization
//!   endpoints ([`OAuthErrorBody`](crate::oauth::OAuthErrorBody));
//! - [`ErrorFormatLayer::scim`]: RFC 7644 §3.12 errors, for SCIM endpoints
//!   ([`ScimErrorBody`](crate::scim::ScimErrorBody)).
//!
//! The innermost layer decides: once a layer has rendered an error, the layers around it leave
//! it alone, so an app-wide negotiating layer and the protocol route groups nested inside it
//! combine. A group you `merge` takes its layer with `route_layer`: `Router::layer` wraps the
//! group's fallback too, and axum answers the whole app's unknown routes with the fallback of
//! the router merged last, which would then answer them in that group's format:
//!
//! ```
//! use authos_errors::axum::ErrorFormatLayer;
//! use authos_errors::catalog::{DeviceFlowError, ScimError};
//! use axum::{Router, routing::post};
//!
//! async fn token() -> Result<String, DeviceFlowError> {
//!     Err(DeviceFlowError::DeviceCodePending)
//! }
//! async fn create_user() -> Result<String, ScimError> {
//!     Err(ScimError::ScimUserExists)
//! }
//!
//! let oauth = Router::new()
//!     .route("/oauth/token", post(token))
//!     .route_layer(ErrorFormatLayer::oauth());
//! let scim = Router::new()
//!     .route("/scim/v2/Users", post(create_user))
//!     .route_layer(ErrorFormatLayer::scim());
//! let app: Router = Router::new()
//!     // .route("/api/...", ...)
//!     .merge(oauth)
//!     .merge(scim)
//!     .layer(ErrorFormatLayer::default()); // negotiated, for every other route
//! # let _ = app;
//! ```
//!
//! # Example
//!
//! ```no_run
//! use std::time::Duration;
//! use authos_errors::axum::ProblemJsonLayer;
//! use authos_errors::catalog::{AuthOsError, GeneralError, ResourceError};
//! use authos_errors::{ApiErrorCodeExt, Detailed};
//! use axum::{Router, extract::Path, routing::get};
//!
//! async fn organization(Path(slug): Path<String>) -> Result<String, Detailed<AuthOsError>> {
//!     match slug.as_str() {
//!         "acme" => Ok("Acme Corp".to_owned()),
//!         _ => Err(AuthOsError::from(ResourceError::NotFound)
//!             .with_message(format!("No organization `{slug}`"))),
//!     }
//! }
//!
//! async fn limited() -> Result<&'static str, Detailed<GeneralError>> {
//!     Err(GeneralError::RateLimitExceeded.with_retry_after(Duration::from_secs(30)))
//! }
//!
//! fn main() -> std::io::Result<()> {
//!     let app = Router::new()
//!         .route("/organizations/{slug}", get(organization))
//!         .route("/limited", get(limited))
//!         .layer(ProblemJsonLayer::default()); // problem+json when Accept prefers it
//!     let runtime = tokio::runtime::Builder::new_current_thread().enable_io().build()?;
//!     runtime.block_on(async {
//!         let listener = tokio::net::TcpListener::bind("127.0.0.1:3000").await?;
//!         axum::serve(listener, app).await
//!     })
//! }
//! ```
//!
//! Without a server:
//!
//! ```
//! use axum_core::response::IntoResponse;
//! use authos_errors::catalog::{AuthOsError, AuthenticationError};
//!
//! fn handler() -> Result<String, AuthOsError> {
//!     Err(AuthenticationError::TokenExpired.into())
//! }
//!
//! let response = handler().into_response();
//! assert_eq!(response.status(), 401);
//! assert_eq!(response.headers()["content-type"], "application/json");
//! assert_eq!(
//!     response.headers()["www-authenticate"],
//!     "Bearer" // no realm nor `invalid_token` code unless a layer's ProblemConfig sets them
//! );
//! ```

use std::error::Error;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use axum_core::body::Body;
use axum_core::response::{IntoResponse, Response};
use http::header::{HeaderName, HeaderValue};
use http::{HeaderMap, Request, StatusCode};

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::framework::{FrameworkError, FrameworkRejection, is_json_content_type};
use super::layer::{
    Answering, ErrorLayer, Rendered, Reported, answer, answer_rejection, log_panic, write_headers,
};
use crate::response::{CapturedError, ErrorResponse};
use crate::{ApiErrorCode, Detailed};

/// The response of `error`, as the derived `IntoResponse` impls build it, for types whose
/// [`ApiErrorCode`] impl is hand-written. It cannot log a `source()` chain (nothing says the type
/// is an `Error`); the derived impls do.
///
/// ```
/// use authos_errors::{ApiErrorCode, ErrorCodeInfo};
///
/// struct Teapot;
/// impl ApiErrorCode for Teapot {
///     const CATALOG: &'static [ErrorCodeInfo] = &[ErrorCodeInfo::new("TEAPOT", 418, "I'm a teapot")
///         .with_group("Kitchen Errors")];
///     fn info(&self) -> &'static ErrorCodeInfo {
///         &Self::CATALOG[0]
///     }
/// }
///
/// let response = authos_errors::axum::error_response(&Teapot);
/// assert_eq!(response.status(), 418);
/// ```
pub fn error_response<E: ApiErrorCode + ?Sized>(error: &E) -> Response {
    __respond(error, None)
}

/// What the derived impls call: `as_error` is the error itself when its type implements
/// `Error`, so that its `source()` chain can be logged.
#[doc(hidden)]
pub fn __respond<E: ApiErrorCode + ?Sized>(error: &E, as_error: Option<&dyn Error>) -> Response {
    respond_captured(CapturedError::capture(error), as_error)
}

/// The response of an error already captured: logged when it is a 5xx, rendered for the
/// request when a layer is around the route.
fn respond_captured(captured: CapturedError, as_error: Option<&dyn Error>) -> Response {
    let (rendered, for_request) = answer(&captured, as_error);
    into_response(rendered, for_request, captured)
}

/// The response of an error rendered by [`answer`] or [`answer_rejection`].
fn into_response(rendered: ErrorResponse, for_request: bool, captured: CapturedError) -> Response {
    let mut response = Response::new(Body::empty());
    apply(&mut response, rendered);
    if for_request {
        response.extensions_mut().insert(Rendered);
    }
    response.extensions_mut().insert(captured);
    response
}

/// Writes `rendered` into `response`: status, body and headers.
fn apply(response: &mut Response, rendered: ErrorResponse) {
    *response.status_mut() =
        StatusCode::from_u16(rendered.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    *response.body_mut() = Body::from(rendered.body);
    let fresh = response.headers().is_empty();
    write_headers(rendered.headers, fresh, response.headers_mut());
}

super::layer::header_sink!(HeaderMap, HeaderName, HeaderValue, http::header);

/// A handler can return `Err(MfaError::MfaRequired.with_message("..."))` directly.
///
/// ```
/// use axum_core::response::IntoResponse;
/// use authos_errors::{ApiErrorCodeExt, catalog::GeneralError};
/// use std::time::Duration;
///
/// let response = GeneralError::RateLimitExceeded
///     .with_retry_after(Duration::from_secs(30))
///     .into_response();
/// assert_eq!(response.status(), 429);
/// assert_eq!(response.headers()["retry-after"], "30");
/// ```
impl<E: ApiErrorCode + Error + 'static> IntoResponse for Detailed<E> {
    fn into_response(self) -> Response {
        __respond(&self, Some(&self))
    }
}

/// Names axum in [`ErrorLayer`]: the framework the layer's type is for.
#[derive(Debug, Clone, Copy)]
pub enum Axum {}

/// A tower layer that answers the errors of the routes it wraps in one route group's format:
/// negotiated between the AuthOS body and problem+json, OAuth 2.0 or SCIM. Its builder is
/// [`ErrorLayer`]'s; see the [module docs](self).
///
/// ```
/// use authos_errors::axum::ErrorFormatLayer;
/// use authos_errors::problem::{ErrorFormat, ProblemConfig};
///
/// let layer = ErrorFormatLayer::oauth().with_config(ProblemConfig::default().with_realm("example"));
/// assert_eq!(layer.format(), Some(ErrorFormat::OAuth));
/// // router.layer(layer)
/// ```
pub type ErrorFormatLayer = ErrorLayer<Axum>;

/// The layer that negotiates problem+json: today's name of
/// [`ErrorFormatLayer::negotiated`].
///
/// ```
/// use authos_errors::axum::ProblemJsonLayer;
/// use authos_errors::problem::ProblemConfig;
///
/// let layer = ProblemJsonLayer::new(
///     ProblemConfig::default().with_type_base("https://errors.example.com/"),
/// );
/// // router.layer(layer)
/// # let _ = layer;
/// ```
pub type ProblemJsonLayer = ErrorFormatLayer;

impl<S> tower_layer::Layer<S> for ErrorLayer<Axum> {
    type Service = ErrorFormatService<S>;

    fn layer(&self, inner: S) -> ErrorFormatService<S> {
        ErrorFormatService {
            inner,
            layer: self.clone(),
        }
    }
}

/// The service [`ErrorFormatLayer`] wraps around a router or handler.
///
/// ```
/// use authos_errors::axum::{ErrorFormatLayer, ErrorFormatService};
/// use tower_layer::Layer;
///
/// #[derive(Clone)]
/// struct Inner;
/// let service: ErrorFormatService<Inner> = ErrorFormatLayer::oauth().layer(Inner);
/// # let _ = service;
/// ```
#[derive(Debug, Clone)]
pub struct ErrorFormatService<S> {
    inner: S,
    layer: ErrorFormatLayer,
}

/// The service of [`ProblemJsonLayer`], by its original name.
///
/// ```
/// use authos_errors::axum::{ProblemJson, ProblemJsonLayer};
/// use tower_layer::Layer;
///
/// #[derive(Clone)]
/// struct Inner;
/// let service: ProblemJson<Inner> = ProblemJsonLayer::default().layer(Inner);
/// # let _ = service;
/// ```
pub type ProblemJson<S> = ErrorFormatService<S>;

impl<S, ReqBody> tower_service::Service<Request<ReqBody>> for ErrorFormatService<S>
where
    S: tower_service::Service<Request<ReqBody>, Response = Response>,
{
    type Response = Response;
    type Error = S::Error;
    type Future = ErrorFormatFuture<S::Future>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request<ReqBody>) -> Self::Future {
        let answering = self.layer.answering(request.headers());
        let scope = answering.enter();
        let inner = self.inner.call(request);
        drop(scope);
        ErrorFormatFuture { inner, answering }
    }
}

pin_project_lite::pin_project! {
    /// The response future of [`ErrorFormatService`].
    pub struct ErrorFormatFuture<F> {
        #[pin]
        inner: F,
        answering: Answering,
    }
}

/// The response future of [`ProblemJson`], by its original name.
///
/// ```
/// use authos_errors::axum::ProblemJsonFuture;
/// fn polled<F>(_: ProblemJsonFuture<F>) {}
/// ```
pub type ProblemJsonFuture<F> = ErrorFormatFuture<F>;

impl<F, E> Future for ErrorFormatFuture<F>
where
    F: Future<Output = Result<Response, E>>,
{
    type Output = Result<Response, E>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.project();
        // The route turns its error into a response inside this poll, rendered there for
        // this request.
        let scope = this.answering.enter();
        let result = this.inner.poll(cx);
        drop(scope);
        let result = ready!(result);
        Poll::Ready(result.map(|mut response| {
            let rendered = response.extensions().get::<Rendered>().is_some();
            let captured = response.extensions().get::<CapturedError>();
            let late = this
                .answering
                .finish(captured, rendered, || plain_failure(&response));
            if let Some((late, now_captured)) = late {
                apply(&mut response, late);
                response.extensions_mut().insert(Rendered);
                if let Some(captured) = now_captured {
                    response.extensions_mut().insert(captured);
                }
            }
            let reported = response.extensions().get::<Reported>().is_some();
            let captured = response.extensions().get::<CapturedError>();
            if this
                .answering
                .report(captured, response.status().as_u16(), reported)
            {
                response.extensions_mut().insert(Reported);
            }
            response
        }))
    }
}

/// The framework failure `response` is, by [`FrameworkError::for_plain_response`]'s rule:
/// axum's rejections are `text/plain`, its unknown route and wrong method empty.
fn plain_failure(response: &Response) -> Option<FrameworkError> {
    let status = response.status().as_u16();
    // Most responses stop here, before any header is read.
    FrameworkError::from_status(status)?;
    let content_type = response
        .headers()
        .get(http::header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok());
    let empty = http_body::Body::size_hint(response.body()).exact() == Some(0);
    FrameworkError::for_plain_response(status, content_type, empty)
}

/// A rejection of this crate's extractors, answered like any error of the crate: in the
/// route's format, localised, with the request id, through the layer's
/// [framework mapping](ErrorLayer::with_framework_errors).
///
/// ```
/// use axum_core::response::IntoResponse;
/// use authos_errors::framework::{FrameworkError, FrameworkRejection};
///
/// let response = FrameworkRejection::new(FrameworkError::UnsupportedMediaType).into_response();
/// assert_eq!(response.status(), 415);
/// assert_eq!(response.headers()["content-type"], "application/json");
/// ```
impl IntoResponse for FrameworkRejection {
    fn into_response(self) -> Response {
        let (rendered, for_request, captured) = answer_rejection(&self);
        into_response(rendered, for_request, captured)
    }
}

/// The answer to a panic, for tower-http's `CatchPanicLayer::custom`: `INTERNAL_SERVER_ERROR`
/// in the route's format, the payload logged (`tracing::error!`, with the request id) and
/// never sent.
///
/// Put the error layer *around* the catch-panic layer (added after it), so that the request
/// is known when the panic is caught:
///
/// ```
/// use authos_errors::axum::{ErrorFormatLayer, catch_panic};
/// use axum::{Router, routing::get};
/// use tower_http::catch_panic::CatchPanicLayer;
///
/// async fn broken() -> &'static str {
///     panic!("the cache is poisoned")
/// }
///
/// let app: Router = Router::new()
///     .route("/broken", get(broken))
///     .layer(CatchPanicLayer::custom(catch_panic))
///     .layer(ErrorFormatLayer::default());
/// // GET /broken: 500 {"error":"Unexpected server error","error_code":"INTERNAL_SERVER_ERROR",...}
/// # let _ = app;
/// ```
///
/// Without `catch_panic`, tower-http's own `text/plain` 500 is answered
/// `INTERNAL_SERVER_ERROR` by the layer too (the payload then logged by tower-http, without the
/// request id).
#[must_use]
#[allow(clippy::needless_pass_by_value)] // the signature CatchPanicLayer::custom calls
pub fn catch_panic(payload: Box<dyn std::any::Any + Send + 'static>) -> Response {
    log_panic(&*payload);
    FrameworkRejection::new(FrameworkError::InternalServerError).into_response()
}

/// axum's `Json` extractor and response, answering a body it cannot read as an error of this
/// crate ([`FrameworkRejection`]) in the route's format: `UNSUPPORTED_MEDIA_TYPE` without a JSON
/// `Content-Type`, `PAYLOAD_TOO_LARGE` over the body limit (axum's `DefaultBodyLimit`),
/// `BAD_REQUEST` for malformed JSON, and `BAD_REQUEST` with a field-errors entry whose
/// `pointer` names the value serde refused (read with `serde_path_to_error`, as axum's `Json`
/// does; see [`crate::framework`]).
///
/// A drop-in for `axum::Json`: import this one instead. Handlers keeping `axum::Json` are
/// answered in the structure too (the error layer renders axum's plain rejections as
/// `BAD_REQUEST`, `UNSUPPORTED_MEDIA_TYPE`, `PAYLOAD_TOO_LARGE`), without the field's pointer.
///
/// ```
/// use authos_errors::axum::{ErrorFormatLayer, Json};
/// use axum::{Router, routing::post};
/// use serde::{Deserialize, Serialize};
///
/// #[derive(Deserialize)]
/// struct Login { email: String }
/// #[derive(Serialize)]
/// struct Session { user: String }
///
/// async fn login(Json(login): Json<Login>) -> Json<Session> {
///     Json(Session { user: login.email })
/// }
///
/// let app: Router = Router::new()
///     .route("/login", post(login))
///     .layer(ErrorFormatLayer::default());
/// // POST /login {"email": 42}: 400, "error_code":"BAD_REQUEST",
/// //   "errors":[{"error_code":"BAD_REQUEST","error":"invalid type: integer `42`, expected a string","pointer":"/email"}]
/// # let _ = app;
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Json<T>(pub T);

impl<T, S> axum_core::extract::FromRequest<S> for Json<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = FrameworkRejection;

    async fn from_request(
        request: axum_core::extract::Request,
        state: &S,
    ) -> Result<Self, FrameworkRejection> {
        let announced = is_json_content_type(
            request
                .headers()
                .get(http::header::CONTENT_TYPE)
                .and_then(|value| value.to_str().ok()),
        );
        if !announced {
            return Err(FrameworkError::UnsupportedMediaType.into());
        }
        // axum's own body reading, under its `DefaultBodyLimit`.
        let body = <String as axum_core::extract::FromRequest<S>>::from_request(request, state)
            .await
            .map_err(|rejection| {
                FrameworkError::from_status(rejection.status().as_u16())
                    .unwrap_or(FrameworkError::BadRequest)
            })?;
        FrameworkRejection::read_json(body.as_bytes()).map(Json)
    }
}

/// The value as an `application/json` body; a value serde cannot write answers
/// `INTERNAL_SERVER_ERROR`.
///
/// ```
/// use axum_core::response::IntoResponse;
/// let response = authos_errors::axum::Json(vec![1, 2]).into_response();
/// assert_eq!(response.headers()["content-type"], "application/json");
/// ```
impl<T: Serialize> IntoResponse for Json<T> {
    fn into_response(self) -> Response {
        match serde_json::to_vec(&self.0) {
            Ok(bytes) => {
                let mut response = Response::new(Body::from(bytes));
                response.headers_mut().insert(
                    http::header::CONTENT_TYPE,
                    HeaderValue::from_static("application/json"),
                );
                response
            }
            Err(error) => __respond(&FrameworkError::InternalServerError, Some(&error)),
        }
    }
}

super::framework::json_wrapper!(Json);

/// A handler can return `Err(field_errors)`: a 400 whose body carries the `errors` array.
///
/// ```
/// use axum_core::response::IntoResponse;
/// use authos_errors::catalog::ValidationError;
/// use authos_errors::field_errors::FieldErrors;
///
/// let mut errors = FieldErrors::new();
/// errors.push("email", &ValidationError::InvalidEmail);
/// let response = errors.into_response();
/// assert_eq!(response.status(), 400);
/// assert_eq!(response.headers()["content-type"], "application/json");
/// ```
impl IntoResponse for crate::field_errors::FieldErrors {
    fn into_response(self) -> Response {
        respond_captured(CapturedError::capture_field_errors(&self), None)
    }
}
