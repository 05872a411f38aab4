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

use std::borrow::Cow;
use std::cell::RefCell;
use std::error::Error;
use std::fmt;
use std::marker::PhantomData;
use std::sync::Arc;

use super::framework::{FrameworkError, FrameworkRejection};
use super::policy::{FormatPolicy, FrameworkErrors, RequestFacts, RequestHeaders};
use super::response::{CapturedError, ErrorResponse, RENDERED_HEADERS, RenderContext};
use super::telemetry::ErrorLogLevels;
use crate::ApiErrorCode;
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
/// assert_eq!(layer.config().realm(), Some("example"));
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
    /// assert_eq!(layer.config().realm(), Some("example"));
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
    /// assert_eq!(layer.config().realm(), Some("scim"));
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

    /// This layer answering the framework's own failures ([`FrameworkError`]: a malformed body,
    /// an unknown route, a wrong method, a body over the limit, a timeout, a panic) with errors
    /// of your catalog: `map` gives the error each one is answered with, rendered like any
    /// other (format, language, request id). It applies to the framework's plain responses the
    /// layer recognises (see [`crate::framework`]), to this crate's extractors and handlers,
    /// and to the `catch_panic` answer; the field-errors entries of a JSON body keep
    /// `BAD_REQUEST`.
    ///
    /// ```
    /// use authos_errors::ApiErrorCode;
    /// use authos_errors::axum::ErrorFormatLayer;
    /// use authos_errors::framework::FrameworkError;
    ///
    /// #[derive(Debug, ApiErrorCode)]
    /// #[api_error(group = "Shop Errors")]
    /// enum ShopError {
    ///     /// The request could not be read
    ///     #[code("SHOP_UNREADABLE_REQUEST", status = 400, resolution = "Send a JSON body")]
    ///     Unreadable,
    ///     #[code(transparent)]
    ///     Framework(FrameworkError),
    /// }
    ///
    /// let layer = ErrorFormatLayer::default().with_framework_errors(|error| match error {
    ///     FrameworkError::BadRequest => ShopError::Unreadable,
    ///     other => ShopError::Framework(other),
    /// });
    /// // router.layer(layer): malformed JSON answers SHOP_UNREADABLE_REQUEST
    /// # let _ = layer;
    /// ```
    #[must_use]
    pub fn with_framework_errors<E, F>(self, map: F) -> Self
    where
        E: ApiErrorCode,
        F: Fn(FrameworkError) -> E + Send + Sync + 'static,
    {
        let mut policy = FormatPolicy::clone(&self.policy);
        policy.framework =
            FrameworkErrors::Mapped(Arc::new(move |error| CapturedError::capture(&map(error))));
        ErrorLayer::with_policy(policy)
    }

    /// This layer leaving the framework's plain responses as they are (an empty 404, axum's
    /// `text/plain` rejections, ...): only errors of this crate are rendered. For a route group
    /// whose own plain-text 4xx responses must stay plain (see [`crate::framework`] for the
    /// rule the layer applies otherwise).
    ///
    /// ```
    /// use authos_errors::actix::ErrorFormatMiddleware;
    /// let middleware = ErrorFormatMiddleware::default().keep_framework_responses();
    /// # let _ = middleware;
    /// ```
    #[must_use]
    pub fn keep_framework_responses(self) -> Self {
        let mut policy = FormatPolicy::clone(&self.policy);
        policy.framework = FrameworkErrors::Kept;
        ErrorLayer::with_policy(policy)
    }

    /// This layer logging each class of error answer at `levels` (default: 4xx at `DEBUG`,
    /// 5xx at `ERROR` with the source chain; see [`ErrorLogLevels`]).
    ///
    /// ```
    /// use authos_errors::axum::ErrorFormatLayer;
    /// use authos_errors::response::ErrorLogLevels;
    /// use tracing::Level;
    ///
    /// let layer = ErrorFormatLayer::default()
    ///     .with_log_levels(ErrorLogLevels::default().with_client_errors(Some(Level::INFO)));
    /// assert_eq!(layer.log_levels().client_errors(), Some(Level::INFO));
    /// ```
    #[must_use]
    pub fn with_log_levels(self, levels: ErrorLogLevels) -> Self {
        let mut policy = FormatPolicy::clone(&self.policy);
        policy.log_levels = levels;
        ErrorLayer::with_policy(policy)
    }

    /// The levels error answers are logged at.
    ///
    /// ```
    /// use authos_errors::axum::ErrorFormatLayer;
    /// use authos_errors::response::ErrorLogLevels;
    /// assert_eq!(ErrorFormatLayer::default().log_levels(), ErrorLogLevels::default());
    /// ```
    #[must_use]
    pub fn log_levels(&self) -> ErrorLogLevels {
        self.policy.log_levels
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
    /// it carries the mark), or a framework's plain failure (`framework` reads the response by
    /// [`FrameworkError::for_plain_response`]'s rule; asked only of a response no error of this
    /// crate made), with the error it now carries; `None`: keep the route's response as it is.
    pub(crate) fn finish(
        &self,
        captured: Option<&CapturedError>,
        rendered: bool,
        framework: impl FnOnce() -> Option<FrameworkError>,
    ) -> Option<(ErrorResponse, Option<CapturedError>)> {
        match captured {
            Some(captured) if !rendered => Some((captured.render(&self.context()), None)),
            Some(_) => None,
            None if rendered || matches!(self.policy.framework, FrameworkErrors::Kept) => None,
            None => {
                let captured = self.policy.capture_framework(framework()?);
                // Made without this crate: logged here, as `answer` logs the others.
                if let Some(level) = self.policy.log_levels.of(&captured) {
                    captured.log(level, None);
                }
                Some((captured.render(&self.context()), Some(captured)))
            }
        }
    }

    /// Reports an error answer once, after the route has answered, on the span and the counter
    /// ([`telemetry`](super::telemetry)): `captured` is the error the response carries,
    /// `reported` whether an inner layer already did. `true`: mark the response reported.
    pub(crate) fn report(
        &self,
        captured: Option<&CapturedError>,
        status: u16,
        reported: bool,
    ) -> bool {
        match captured {
            Some(captured) if !reported => {
                super::telemetry::record(captured, status);
                true
            }
            _ => false,
        }
    }

    fn context(&self) -> RenderContext<'_> {
        self.policy.context(&self.facts)
    }
}

/// Marks a response whose error a layer has reported ([`Answering::report`]).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Reported;

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

/// The log levels of the route group being answered on this thread (the defaults outside
/// every error layer).
#[cfg_attr(not(feature = "tonic"), allow(dead_code))]
pub(crate) fn current_log_levels() -> ErrorLogLevels {
    CURRENT.with(|current| {
        current
            .borrow()
            .as_ref()
            .map_or_else(ErrorLogLevels::default, |answering| {
                answering.policy.log_levels
            })
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
    CURRENT.with(|current| {
        let levels = current
            .borrow()
            .as_ref()
            .map_or_else(ErrorLogLevels::default, |answering| {
                answering.policy.log_levels
            });
        if let Some(level) = levels.of(captured) {
            captured.log(level, as_error);
        }
    });
    CURRENT.with(|current| match &*current.borrow() {
        Some(answering) => (captured.render(&answering.context()), true),
        None => (captured.render(&RenderContext::default()), false),
    })
}

/// The response to a framework failure this crate recognised (an extractor's rejection, a
/// panic), where it becomes a response: the error the current route group maps it to
/// ([`ErrorLayer::with_framework_errors`]), carrying the rejection's field-errors entries, then
/// as [`answer`]. Returns the captured error too, for the response's extensions.
pub(crate) fn answer_rejection(
    rejection: &FrameworkRejection,
) -> (ErrorResponse, bool, CapturedError) {
    let answering = CURRENT.with(|current| current.borrow().clone());
    let captured = match &answering {
        Some(answering) => answering.policy.capture_framework(rejection.error()),
        None => CapturedError::capture(&rejection.error()),
    }
    .with_field_errors(rejection.field_errors());
    let (response, for_request) = answer(&captured, None);
    (response, for_request, captured)
}

/// Logs a caught panic's payload (a string, else a note that it is none) with the id of the
/// current request: the one place it goes, as no answer carries it. Debug-quoted, so that
/// whatever it holds stays one line.
pub(crate) fn log_panic(payload: &(dyn std::any::Any + Send)) {
    let text = payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("(the panic payload is not a string)");
    match current_request_id() {
        Some(request_id) => tracing::error!(
            panic = ?text,
            request_id = %request_id,
            "request handler panicked",
        ),
        None => tracing::error!(panic = ?text, "request handler panicked"),
    }
}

/// A framework's response header map, as [`write_headers`] fills it.
pub(crate) trait HeaderSink {
    /// Removes every value of `name`.
    fn remove(&mut self, name: &'static str);
    /// Sets `name` to `value` (replacing, or beside other values when `append`); `value` is
    /// header text ([`write_headers`] checked it), a value the framework still refuses is left out.
    fn set(&mut self, name: &'static str, value: Cow<'static, str>, append: bool);
}

/// Writes the rendered headers into a response's map. Into a response made for the error
/// (`fresh`) they are simply set; into another one, every header a render may send
/// ([`RENDERED_HEADERS`]) and `Content-Length` are removed first, so nothing of an earlier
/// render survives. `Vary` is appended beside other middleware's, every other one replaces.
pub(crate) fn write_headers(
    headers: Vec<(&'static str, Cow<'static, str>)>,
    fresh: bool,
    sink: &mut impl HeaderSink,
) {
    if !fresh {
        sink.remove("content-length");
        for name in RENDERED_HEADERS {
            sink.remove(name);
        }
    }
    for (name, value) in headers {
        // A borrowed value is one of this crate's constants or interned language tags, checked
        // where it is made; a computed one that is not printable ASCII is left out, not sent
        // broken (nor handed to a framework that would panic on it).
        let printable = match &value {
            Cow::Borrowed(text) => {
                debug_assert!(is_header_text(text), "{name}: {text:?}");
                true
            }
            Cow::Owned(text) => is_header_text(text),
        };
        if printable {
            sink.set(name, value, name == "vary");
        }
    }
}

/// [`HeaderSink`] for a framework's header map, whose name and value types are `http`'s (axum)
/// or their actix-web twins: the same calls, other types; `$header` is the module of the
/// framework's header-name constants.
#[cfg(any(feature = "axum", feature = "actix-web"))]
macro_rules! header_sink {
    ($map:ty, $name:ty, $value:ty, $($header:ident)::+) => {
        /// The framework's name for one of the contract's headers: its constant for every
        /// standard one, so that no name is parsed per response.
        fn header_name(name: &'static str) -> $name {
            match name {
                "content-type" => $($header)::+::CONTENT_TYPE,
                "vary" => $($header)::+::VARY,
                "content-language" => $($header)::+::CONTENT_LANGUAGE,
                "retry-after" => $($header)::+::RETRY_AFTER,
                "www-authenticate" => $($header)::+::WWW_AUTHENTICATE,
                "cache-control" => $($header)::+::CACHE_CONTROL,
                "pragma" => $($header)::+::PRAGMA,
                "content-length" => $($header)::+::CONTENT_LENGTH,
                other => <$name>::from_static(other),
            }
        }

        impl $crate::http::layer::HeaderSink for $map {
            fn remove(&mut self, name: &'static str) {
                <$map>::remove(self, header_name(name));
            }

            fn set(
                &mut self,
                name: &'static str,
                value: std::borrow::Cow<'static, str>,
                append: bool,
            ) {
                let value = match value {
                    std::borrow::Cow::Borrowed(text) => <$value>::from_static(text),
                    std::borrow::Cow::Owned(text) => match <$value>::try_from(text) {
                        Ok(value) => value,
                        Err(_) => return,
                    },
                };
                let name = header_name(name);
                if append {
                    self.append(name, value);
                } else {
                    self.insert(name, value);
                }
            }
        }
    };
}

#[cfg(any(feature = "axum", feature = "actix-web"))]
pub(crate) use header_sink;

/// Whether `value` may go into a header as it is: visible ASCII, spaces and tabs (what every
/// render writes; checked again so an adapter never sends, nor panics on, anything else).
fn is_header_text(value: &str) -> bool {
    value
        .bytes()
        .all(|byte| byte == b'\t' || (b' '..=b'~').contains(&byte))
}
