//! What every adapter's error layer does, written once: the builder a route group configures
//! ([`ErrorLayer`]), the per-request state it reads before calling the route ([`Answering`]),
//! and rendering each error once, where the error becomes a response.
//!
//! An error becomes a response inside the route's poll (the handler's `IntoResponse` or
//! `ResponseError`), where the request is out of reach. The layer therefore makes its request
//! current on the polling thread while it polls the route; the derived impls render right there
//! in the request's format and language ([`answer`]), mark the response as rendered, and the layer
//! leaves it alone. Only a response made outside that poll (built by hand, or by another task)
//! is rendered by the layer afterwards ([`Answering::finish`]). The innermost layer decides, as
//! its request is the current one while the route runs.

use std::cell::RefCell;
use std::error::Error;
use std::fmt;
use std::marker::PhantomData;
use std::sync::Arc;

use super::policy::{FormatPolicy, RequestFacts, RequestHeaders};
use super::response::{CapturedError, ErrorResponse, RENDERED_HEADERS, RenderContext};
use crate::problem::{ErrorFormat, ProblemConfig};
use crate::request_id::RequestId;

/// A route group's error layer: the format its errors are answered in (negotiated from
/// `Accept`, or fixed: OAuth 2.0, SCIM), the [`ProblemConfig`] they are rendered with, and
/// (feature `fluent`) the localizer that answers in the client's language.
///
/// One builder for every adapter: `A` names the framework, and each adapter gives it its own
/// name — `authos_errors::axum::ErrorFormatLayer` (a tower layer) is `ErrorLayer<Axum>`,
/// `authos_errors::actix::ErrorFormatMiddleware` (an actix-web transform) is
/// `ErrorLayer<Actix>`.
///
/// ```
/// use authos_errors::axum::ErrorFormatLayer;
/// use authos_errors::problem::{ErrorFormat, ProblemConfig};
///
/// let layer = ErrorFormatLayer::oauth().with_config(ProblemConfig::default().with_realm("example"));
/// assert_eq!(layer.format(), Some(ErrorFormat::OAuth));
/// assert_eq!(layer.config().realm(), "example");
/// assert_eq!(ErrorFormatLayer::default().format(), None); // negotiated
/// // router.layer(layer)
/// ```
pub struct ErrorLayer<A> {
    policy: Arc<FormatPolicy>,
    adapter: PhantomData<fn() -> A>,
}

impl<A> Clone for ErrorLayer<A> {
    fn clone(&self) -> Self {
        ErrorLayer {
            policy: Arc::clone(&self.policy),
            adapter: PhantomData,
        }
    }
}

impl<A> fmt::Debug for ErrorLayer<A> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ErrorLayer")
            .field("policy", &self.policy)
            .finish()
    }
}

impl<A> Default for ErrorLayer<A> {
    /// [`ErrorLayer::negotiated`] with the default [`ProblemConfig`].
    fn default() -> Self {
        ErrorLayer::negotiated(ProblemConfig::default())
    }
}

impl<A> ErrorLayer<A> {
    /// Problem+json when the request's `Accept` prefers it, the AuthOS body otherwise, rendered
    /// with `config` (the same as [`negotiated`](Self::negotiated), under its original name).
    ///
    /// ```
    /// use authos_errors::axum::ProblemJsonLayer;
    /// use authos_errors::problem::ProblemConfig;
    /// let layer = ProblemJsonLayer::new(ProblemConfig::default().with_realm("example"));
    /// assert_eq!(layer.config().realm(), "example");
    /// ```
    #[must_use]
    pub fn new(config: ProblemConfig) -> Self {
        ErrorLayer::negotiated(config)
    }

    /// Problem+json when the request's `Accept` prefers it ([`ErrorFormat::negotiate`]), the
    /// AuthOS body otherwise, rendered with `config`; the answers say `Vary: Accept`.
    ///
    /// ```
    /// use authos_errors::actix::ErrorFormatMiddleware;
    /// use authos_errors::problem::ProblemConfig;
    /// assert_eq!(ErrorFormatMiddleware::negotiated(ProblemConfig::default()).format(), None);
    /// ```
    #[must_use]
    pub fn negotiated(config: ProblemConfig) -> Self {
        ErrorLayer::with_policy(FormatPolicy::new(None, config))
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
        ErrorLayer::with_policy(FormatPolicy::new(Some(format), ProblemConfig::default()))
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
        ErrorLayer::always(ErrorFormat::OAuth)
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
        ErrorLayer::always(ErrorFormat::Scim)
    }

    /// This layer rendering with `config` (the `type` URI base, the challenge realm).
    ///
    /// ```
    /// use authos_errors::axum::ErrorFormatLayer;
    /// use authos_errors::problem::ProblemConfig;
    /// let layer = ErrorFormatLayer::scim().with_config(ProblemConfig::default().with_realm("scim"));
    /// assert_eq!(layer.config().realm(), "scim");
    /// ```
    #[must_use]
    pub fn with_config(self, config: ProblemConfig) -> Self {
        let mut policy = FormatPolicy::clone(&self.policy);
        policy.config = config;
        ErrorLayer::with_policy(policy)
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
    pub fn with_localizer(self, localizer: Arc<crate::l10n::Localizer>) -> Self {
        let mut policy = FormatPolicy::clone(&self.policy);
        policy.localizer = Some(localizer);
        ErrorLayer::with_policy(policy)
    }

    /// The format this layer always answers in; `None` when it negotiates.
    ///
    /// ```
    /// use authos_errors::axum::ErrorFormatLayer;
    /// assert_eq!(ErrorFormatLayer::default().format(), None);
    /// assert!(ErrorFormatLayer::scim().format().is_some());
    /// ```
    #[must_use]
    pub fn format(&self) -> Option<ErrorFormat> {
        self.policy.fixed
    }

    /// The configuration in use.
    ///
    /// ```
    /// use authos_errors::axum::ProblemJsonLayer;
    /// use authos_errors::problem::ProblemConfig;
    /// assert_eq!(ProblemJsonLayer::default().config(), &ProblemConfig::default());
    /// ```
    #[must_use]
    pub fn config(&self) -> &ProblemConfig {
        &self.policy.config
    }

    /// The state of one request through this layer, read from its headers.
    pub(crate) fn answering(&self, headers: &impl RequestHeaders) -> Answering {
        Answering {
            facts: self.policy.read_request(headers),
            policy: Arc::clone(&self.policy),
        }
    }

    fn with_policy(policy: FormatPolicy) -> Self {
        ErrorLayer {
            policy: Arc::new(policy),
            adapter: PhantomData,
        }
    }
}

/// One request through a layer: the route group's policy and what was read from the request
/// before the route consumed it.
#[derive(Debug, Clone)]
pub(crate) struct Answering {
    policy: Arc<FormatPolicy>,
    facts: RequestFacts,
}

thread_local! {
    /// The request whose route is being polled on this thread, innermost layer last.
    static CURRENT: RefCell<Option<Answering>> = const { RefCell::new(None) };
}

/// While alive, this thread's current request is the one it was entered with; dropping it
/// restores the previous one (an outer layer's).
pub(crate) struct Scope {
    previous: Option<Answering>,
}

impl Drop for Scope {
    fn drop(&mut self) {
        let previous = self.previous.take();
        CURRENT.with(|current| *current.borrow_mut() = previous);
    }
}

impl Answering {
    /// Makes this request the current one on this thread until the scope is dropped: hold it
    /// across every poll of the route (and its call).
    pub(crate) fn enter(&self) -> Scope {
        Scope {
            previous: CURRENT.with(|current| current.replace(Some(self.clone()))),
        }
    }

    /// The response that replaces one the route returned, when it is an error response nobody
    /// rendered for this request yet (`captured` is in its extensions, `rendered` says whether
    /// it carries the mark); `None`: keep the route's response as it is.
    pub(crate) fn finish(
        &self,
        captured: Option<&CapturedError>,
        rendered: bool,
    ) -> Option<ErrorResponse> {
        match captured {
            Some(captured) if !rendered => Some(captured.render(&self.context())),
            _ => None,
        }
    }

    fn context(&self) -> RenderContext<'_> {
        self.policy.context(&self.facts)
    }
}

/// The id of the request being answered on this thread, inside an error layer.
pub(crate) fn current_request_id() -> Option<RequestId> {
    CURRENT.with(|current| {
        current
            .borrow()
            .as_ref()
            .and_then(|answering| answering.facts.request_id.clone())
    })
}

/// `render` called with the context of the request being answered on this thread (the
/// default context outside every error layer) and whether that request named languages.
#[cfg(feature = "tonic")]
pub(crate) fn with_current_context<R>(render: impl FnOnce(&RenderContext<'_>, bool) -> R) -> R {
    CURRENT.with(|current| match &*current.borrow() {
        Some(answering) => {
            #[cfg(feature = "fluent")]
            let asked_language = answering.facts.asked_language;
            #[cfg(not(feature = "fluent"))]
            let asked_language = false;
            render(&answering.context(), asked_language)
        }
        None => render(&RenderContext::default(), false),
    })
}

/// Marks a response rendered for its request, so that the layers around it leave it alone.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Rendered;

/// The response to an error, where the error becomes a response: logged first when it is a
/// 5xx (with its `source()` chain: `as_error` is the error itself when it implements `Error`),
/// then rendered in the current request's format and language when a layer is around the
/// route (`true`: mark it [`Rendered`]), else as the default AuthOS JSON body (`false`).
pub(crate) fn answer(
    captured: &CapturedError,
    as_error: Option<&dyn Error>,
) -> (ErrorResponse, bool) {
    captured.log_if_server_error(as_error);
    CURRENT.with(|current| match &*current.borrow() {
        Some(answering) => (captured.render(&answering.context()), true),
        None => (captured.render(&RenderContext::default()), false),
    })
}

/// A framework's response header map, as [`write_headers`] fills it.
pub(crate) trait HeaderSink {
    /// Removes every value of `name`.
    fn remove(&mut self, name: &'static str);
    /// Sets `name` to `value` (replacing, or beside other values when `append`); a value the
    /// framework refuses is left out, not sent broken (rendered values are printable ASCII).
    fn set(&mut self, name: &'static str, value: String, append: bool);
}

/// Writes the rendered headers into a response's map: every header a render may send
/// ([`RENDERED_HEADERS`]) and `Content-Length` are removed first, so nothing of an earlier
/// render survives; `Vary` is appended beside other middleware's, every other one replaces.
pub(crate) fn write_headers(
    headers: Vec<(&'static str, std::borrow::Cow<'static, str>)>,
    sink: &mut impl HeaderSink,
) {
    sink.remove("content-length");
    for name in RENDERED_HEADERS {
        sink.remove(name);
    }
    for (name, value) in headers {
        sink.set(name, value.into_owned(), name == "vary");
    }
}
