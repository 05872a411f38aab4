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
//! - `WWW-Authenticate: Bearer ...` on a 401, per RFC 6750 ([`problem::www_authenticate`]);
//! - for a 5xx, the error and its `source()` chain are logged with `tracing::error!`; the body
//!   carries the catalog description or the declared message only, never the source's text.
//!
//! # Problem details
//!
//! `IntoResponse` cannot see the request, so the `Accept` header is read by a layer:
//! [`ProblemJsonLayer`]. Every error response made here carries its details in the response
//! extensions; the layer re-renders those responses as RFC 9457 `application/problem+json`
//! when the request prefers it ([`ErrorFormat::negotiate`]), and applies its
//! [`ProblemConfig`] (the `type` URI base, the Bearer realm). Without the layer, errors are
//! always plain JSON. The layer leaves every other response untouched.
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
//!     r#"Bearer realm="authos", error="invalid_token", error_description="JWT has expired""#
//! );
//! ```

use std::error::Error;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll, ready};

use axum_core::body::Body;
use axum_core::response::{IntoResponse, Response};
use http::header::{self, HeaderValue};
use http::{Request, StatusCode};

use crate::problem::{self, DEFAULT_REALM, ErrorFormat, ProblemConfig, RenderedError};
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
    let rendered = RenderedError::capture(error);
    rendered.log_if_server_error(as_error);
    let status =
        StatusCode::from_u16(rendered.info.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut response = Response::new(Body::from(
        rendered.body(ErrorFormat::Json, &ProblemConfig::default()),
    ));
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(problem::APPLICATION_JSON),
    );
    if let Some(seconds) = rendered.retry_after {
        headers.insert(header::RETRY_AFTER, HeaderValue::from(seconds));
    }
    if let Some(value) = rendered
        .www_authenticate(DEFAULT_REALM)
        .and_then(|challenge| HeaderValue::try_from(challenge).ok())
    {
        headers.insert(header::WWW_AUTHENTICATE, value);
    }
    response.extensions_mut().insert(rendered);
    response
}

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

/// A tower layer that answers errors as RFC 9457 `application/problem+json` when the request's
/// `Accept` prefers it, and applies a [`ProblemConfig`]. See the [module docs](self).
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
#[derive(Debug, Clone, Default)]
pub struct ProblemJsonLayer {
    config: Arc<ProblemConfig>,
}

impl ProblemJsonLayer {
    /// A layer that renders problem documents with `config`.
    ///
    /// ```
    /// use authos_errors::axum::ProblemJsonLayer;
    /// use authos_errors::problem::ProblemConfig;
    /// let layer = ProblemJsonLayer::new(ProblemConfig::default().with_realm("example"));
    /// assert_eq!(layer.config().realm(), "example");
    /// ```
    #[must_use]
    pub fn new(config: ProblemConfig) -> Self {
        ProblemJsonLayer {
            config: Arc::new(config),
        }
    }

    /// The configuration in use.
    ///
    /// ```
    /// use authos_errors::axum::ProblemJsonLayer;
    /// assert_eq!(ProblemJsonLayer::default().config().realm(), "authos");
    /// ```
    #[must_use]
    pub fn config(&self) -> &ProblemConfig {
        &self.config
    }
}

impl<S> tower_layer::Layer<S> for ProblemJsonLayer {
    type Service = ProblemJson<S>;

    fn layer(&self, inner: S) -> ProblemJson<S> {
        ProblemJson {
            inner,
            config: Arc::clone(&self.config),
        }
    }
}

/// The service [`ProblemJsonLayer`] wraps around a router or handler.
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
#[derive(Debug, Clone)]
pub struct ProblemJson<S> {
    inner: S,
    config: Arc<ProblemConfig>,
}

impl<S, ReqBody> tower_service::Service<Request<ReqBody>> for ProblemJson<S>
where
    S: tower_service::Service<Request<ReqBody>, Response = Response>,
{
    type Response = Response;
    type Error = S::Error;
    type Future = ProblemJsonFuture<S::Future>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request<ReqBody>) -> Self::Future {
        let format = negotiate_headers(request.headers());
        ProblemJsonFuture {
            inner: self.inner.call(request),
            format,
            config: Arc::clone(&self.config),
        }
    }
}

/// The format the request's `Accept` header lines ask for (several lines count as one list).
fn negotiate_headers(headers: &http::HeaderMap) -> ErrorFormat {
    let mut lines = headers
        .get_all(header::ACCEPT)
        .iter()
        .filter_map(|value| value.to_str().ok());
    match (lines.next(), lines.next()) {
        (None, _) => ErrorFormat::Json,
        (Some(only), None) => ErrorFormat::negotiate(Some(only)),
        (Some(first), Some(second)) => {
            let mut joined = format!("{first},{second}");
            for line in lines {
                joined.push(',');
                joined.push_str(line);
            }
            ErrorFormat::negotiate(Some(&joined))
        }
    }
}

pin_project_lite::pin_project! {
    /// The response future of [`ProblemJson`].
    pub struct ProblemJsonFuture<F> {
        #[pin]
        inner: F,
        format: ErrorFormat,
        config: Arc<ProblemConfig>,
    }
}

impl<F, E> Future for ProblemJsonFuture<F>
where
    F: Future<Output = Result<Response, E>>,
{
    type Output = Result<Response, E>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.project();
        let result = ready!(this.inner.poll(cx));
        Poll::Ready(result.map(|response| rerender(response, *this.format, this.config)))
    }
}

/// Re-renders an error response made by this module for `format` and `config`.
fn rerender(mut response: Response, format: ErrorFormat, config: &ProblemConfig) -> Response {
    let Some(rendered) = response.extensions().get::<RenderedError>().cloned() else {
        return response;
    };
    if config.realm() != DEFAULT_REALM
        && let Some(value) = rendered
            .www_authenticate(config.realm())
            .and_then(|challenge| HeaderValue::try_from(challenge).ok())
    {
        response
            .headers_mut()
            .insert(header::WWW_AUTHENTICATE, value);
    }
    if format == ErrorFormat::ProblemJson {
        *response.body_mut() = Body::from(rendered.body(format, config));
        let headers = response.headers_mut();
        headers.remove(header::CONTENT_LENGTH);
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static(problem::APPLICATION_PROBLEM_JSON),
        );
    }
    response
}
