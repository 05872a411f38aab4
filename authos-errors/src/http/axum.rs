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
//! ([`crate::response`]) in its format and with its [`ProblemConfig`] (the `type` URI base, the
//! challenge realm), and leaves every other response untouched. Without a layer, errors are
//! the AuthOS JSON body.
//!
//! - [`ErrorFormatLayer::negotiated`] (= [`ProblemJsonLayer::new`](ErrorFormatLayer::new)): RFC 9457
//!   `application/problem+json` when the request's `Accept` prefers it
//!   ([`ErrorFormat::negotiate`]), the AuthOS JSON body otherwise;
//! - [`ErrorFormatLayer::oauth`]: RFC 6749 §5.2 errors, for token and device-authorization
//!   endpoints ([`OAuthErrorBody`](crate::oauth::OAuthErrorBody));
//! - [`ErrorFormatLayer::scim`]: RFC 7644 §3.12 errors, for SCIM endpoints
//!   ([`ScimErrorBody`](crate::scim::ScimErrorBody)).
//!
//! The innermost layer decides: once a layer has rendered an error, the layers around it leave
//! it alone, so an app-wide negotiating layer and the protocol route groups nested inside it
//! combine:
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
//!     .layer(ErrorFormatLayer::oauth());
//! let scim = Router::new()
//!     .route("/scim/v2/Users", post(create_user))
//!     .layer(ErrorFormatLayer::scim());
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
use std::sync::Arc;
use std::task::{Context, Poll, ready};

use axum_core::body::Body;
use axum_core::response::{IntoResponse, Response};
use http::header::{HeaderName, HeaderValue};
use http::{HeaderMap, Request, StatusCode};

use super::policy::{FormatChosen, FormatPolicy, RequestFacts, RequestHeaders};
use crate::problem::{ErrorFormat, ProblemConfig};
use crate::response::{CapturedError, ErrorResponse, RENDERED_HEADERS, RenderContext};
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

/// The response of an error already captured (logged first when it is a 5xx).
fn respond_captured(captured: CapturedError, as_error: Option<&dyn Error>) -> Response {
    captured.log_if_server_error(as_error);
    let mut response = Response::new(Body::empty());
    apply(&mut response, captured.render(&RenderContext::default()));
    response.extensions_mut().insert(captured);
    response
}

/// Writes `rendered` into `response`: status, body, and the rendered headers in place of any
/// earlier ones (other headers stay).
fn apply(response: &mut Response, rendered: ErrorResponse) {
    *response.status_mut() =
        StatusCode::from_u16(rendered.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    *response.body_mut() = Body::from(rendered.body);
    let headers = response.headers_mut();
    headers.remove(http::header::CONTENT_LENGTH);
    for name in RENDERED_HEADERS {
        headers.remove(*name);
    }
    for (name, value) in rendered.headers {
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

/// A tower layer that answers the errors of the routes it wraps in one route group's format:
/// negotiated between the AuthOS body and problem+json, OAuth 2.0 or SCIM. See the
/// [module docs](self).
///
/// ```
/// use authos_errors::axum::ErrorFormatLayer;
/// use authos_errors::problem::{ErrorFormat, ProblemConfig};
///
/// let layer = ErrorFormatLayer::oauth().with_config(ProblemConfig::default().with_realm("example"));
/// assert_eq!(layer.format(), Some(ErrorFormat::OAuth));
/// assert_eq!(layer.config().realm(), Some("example"));
/// // router.layer(layer)
/// ```
#[derive(Debug, Clone)]
pub struct ErrorFormatLayer {
    policy: Arc<FormatPolicy>,
}

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

impl Default for ErrorFormatLayer {
    /// [`ErrorFormatLayer::negotiated`] with the default [`ProblemConfig`].
    fn default() -> Self {
        ErrorFormatLayer::negotiated(ProblemConfig::default())
    }
}

impl ErrorFormatLayer {
    /// Problem+json when the request's `Accept` prefers it, the AuthOS body otherwise, rendered
    /// with `config` (the same as [`negotiated`](Self::negotiated), under its original name).
    ///
    /// ```
    /// use authos_errors::axum::ProblemJsonLayer;
    /// use authos_errors::problem::ProblemConfig;
    /// let layer = ProblemJsonLayer::new(ProblemConfig::default().with_realm("example"));
    /// assert_eq!(layer.config().realm(), Some("example"));
    /// ```
    #[must_use]
    pub fn new(config: ProblemConfig) -> Self {
        ErrorFormatLayer::negotiated(config)
    }

    /// Problem+json when the request's `Accept` prefers it ([`ErrorFormat::negotiate`]), the
    /// AuthOS body otherwise, rendered with `config`.
    ///
    /// ```
    /// use authos_errors::axum::ErrorFormatLayer;
    /// use authos_errors::problem::ProblemConfig;
    /// assert_eq!(ErrorFormatLayer::negotiated(ProblemConfig::default()).format(), None);
    /// ```
    #[must_use]
    pub fn negotiated(config: ProblemConfig) -> Self {
        ErrorFormatLayer::with_policy(None, config)
    }

    /// Always `format`, whatever the request accepts.
    ///
    /// ```
    /// use authos_errors::axum::ErrorFormatLayer;
    /// use authos_errors::problem::ErrorFormat;
    /// let layer = ErrorFormatLayer::always(ErrorFormat::ProblemJson);
    /// assert_eq!(layer.format(), Some(ErrorFormat::ProblemJson));
    /// ```
    #[must_use]
    pub fn always(format: ErrorFormat) -> Self {
        ErrorFormatLayer::with_policy(Some(format), ProblemConfig::default())
    }

    /// RFC 6749 §5.2 errors ([`ErrorFormat::OAuth`]), for OAuth token and device-authorization
    /// endpoints.
    ///
    /// ```
    /// use authos_errors::axum::ErrorFormatLayer;
    /// use authos_errors::problem::ErrorFormat;
    /// assert_eq!(ErrorFormatLayer::oauth().format(), Some(ErrorFormat::OAuth));
    /// ```
    #[must_use]
    pub fn oauth() -> Self {
        ErrorFormatLayer::always(ErrorFormat::OAuth)
    }

    /// RFC 7644 §3.12 errors ([`ErrorFormat::Scim`]), for SCIM endpoints.
    ///
    /// ```
    /// use authos_errors::axum::ErrorFormatLayer;
    /// use authos_errors::problem::ErrorFormat;
    /// assert_eq!(ErrorFormatLayer::scim().format(), Some(ErrorFormat::Scim));
    /// ```
    #[must_use]
    pub fn scim() -> Self {
        ErrorFormatLayer::always(ErrorFormat::Scim)
    }

    /// This layer rendering with `config` (the `type` URI base, the challenge realm).
    ///
    /// ```
    /// use authos_errors::axum::ErrorFormatLayer;
    /// use authos_errors::problem::ProblemConfig;
    /// let layer = ErrorFormatLayer::scim().with_config(ProblemConfig::default().with_realm("scim"));
    /// assert_eq!(layer.config().realm(), Some("scim"));
    /// ```
    #[must_use]
    pub fn with_config(self, config: ProblemConfig) -> Self {
        let mut policy = FormatPolicy::clone(&self.policy);
        policy.config = config;
        ErrorFormatLayer {
            policy: Arc::new(policy),
        }
    }

    /// This layer answering in the client's language (feature `fluent`): the language is
    /// negotiated from `Accept-Language` ([`Localizer::negotiate`](crate::l10n::Localizer::negotiate)),
    /// the `error` text (problem+json `title` and `detail`, SCIM `detail`) rendered in it, and
    /// `Content-Language` and `Vary: Accept-Language` sent. No header or no match: the derive's
    /// texts, labelled with the source language. OAuth bodies are not translated.
    ///
    /// ```
    /// use authos_errors::axum::ErrorFormatLayer;
    /// use authos_errors::l10n::Localizer;
    /// use std::sync::Arc;
    ///
    /// let layer = ErrorFormatLayer::default().with_localizer(Arc::clone(Localizer::authos()));
    /// // router.layer(layer): `Accept-Language: fr` gets the French texts
    /// # let _ = layer;
    /// ```
    #[cfg(feature = "fluent")]
    #[must_use]
    pub fn with_localizer(self, localizer: std::sync::Arc<crate::l10n::Localizer>) -> Self {
        let mut policy = FormatPolicy::clone(&self.policy);
        policy.localizer = Some(localizer);
        ErrorFormatLayer {
            policy: Arc::new(policy),
        }
    }

    fn with_policy(fixed: Option<ErrorFormat>, config: ProblemConfig) -> Self {
        ErrorFormatLayer {
            policy: Arc::new(FormatPolicy::new(fixed, config)),
        }
    }

    /// The format this layer always answers in; `None` when it negotiates.
    ///
    /// ```
    /// use authos_errors::axum::ErrorFormatLayer;
    /// assert_eq!(ErrorFormatLayer::default().format(), None);
    /// ```
    #[must_use]
    pub fn format(&self) -> Option<ErrorFormat> {
        self.policy.fixed
    }

    /// The configuration in use.
    ///
    /// ```
    /// use authos_errors::axum::ProblemJsonLayer;
    /// assert_eq!(ProblemJsonLayer::default().config().realm(), None);
    /// ```
    #[must_use]
    pub fn config(&self) -> &ProblemConfig {
        &self.policy.config
    }
}

impl<S> tower_layer::Layer<S> for ErrorFormatLayer {
    type Service = ErrorFormatService<S>;

    fn layer(&self, inner: S) -> ErrorFormatService<S> {
        ErrorFormatService {
            inner,
            policy: Arc::clone(&self.policy),
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
    policy: Arc<FormatPolicy>,
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
        let facts = self.policy.read_request(request.headers());
        let scope = facts
            .request_id
            .clone()
            .map(crate::http::request_scope::enter);
        let inner = self.inner.call(request);
        drop(scope);
        ErrorFormatFuture {
            inner,
            facts,
            policy: Arc::clone(&self.policy),
        }
    }
}

impl RequestHeaders for HeaderMap {
    fn lines<'h>(&'h self, name: &'static str) -> impl Iterator<Item = &'h str> {
        self.get_all(name)
            .iter()
            .filter_map(|value| value.to_str().ok())
    }
}

pin_project_lite::pin_project! {
    /// The response future of [`ErrorFormatService`].
    pub struct ErrorFormatFuture<F> {
        #[pin]
        inner: F,
        facts: RequestFacts,
        policy: Arc<FormatPolicy>,
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
        // The route turns its error into a response inside this poll: its 5xx log line takes
        // the request id from there.
        let scope = this
            .facts
            .request_id
            .clone()
            .map(crate::http::request_scope::enter);
        let result = this.inner.poll(cx);
        drop(scope);
        let result = ready!(result);
        let context = this.policy.context(this.facts);
        Poll::Ready(result.map(|response| rerender(response, &context)))
    }
}

/// Re-renders an error response made by this module in `context`, unless an inner layer
/// already has; any other response is returned as it is.
fn rerender(mut response: Response, context: &RenderContext<'_>) -> Response {
    if response.extensions().get::<FormatChosen>().is_some() {
        return response;
    }
    let Some(captured) = response.extensions().get::<CapturedError>() else {
        return response;
    };
    let rendered = captured.render(context);
    apply(&mut response, rendered);
    response.extensions_mut().insert(FormatChosen);
    response
}

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
