//! How a route group chooses the format and language of its error answers, from the request's
//! headers: what every adapter's layer holds and reads before calling the route.

use super::framework::FrameworkError;
use super::response::{CapturedError, RenderContext};
use crate::problem::{ErrorFormat, ProblemConfig};

/// How a route group chooses the format of its error responses; what the layers of the
/// framework integrations hold.
#[derive(Debug, Clone)]
pub(crate) struct FormatPolicy {
    /// `None`: negotiated from `Accept`; `Some`: always this format.
    pub(crate) fixed: Option<ErrorFormat>,
    pub(crate) config: ProblemConfig,
    /// Translations, negotiated from `Accept-Language` (feature `fluent`).
    #[cfg(feature = "fluent")]
    pub(crate) localizer: Option<std::sync::Arc<crate::l10n::Localizer>>,
    /// What the framework's own failures are answered with.
    pub(crate) framework: FrameworkErrors,
    /// The level each class of error answer is logged at.
    pub(crate) log_levels: super::telemetry::ErrorLogLevels,
}

/// What a route group answers the framework's own failures with.
#[derive(Clone, Default)]
pub(crate) enum FrameworkErrors {
    /// This crate's [`FrameworkError`] codes.
    #[default]
    Catalog,
    /// The user's errors, captured from each [`FrameworkError`].
    Mapped(std::sync::Arc<dyn Fn(FrameworkError) -> CapturedError + Send + Sync>),
    /// The framework's plain responses are left as they are (the crate's own extractors and
    /// handlers still answer with [`FrameworkError`]).
    Kept,
}

impl std::fmt::Debug for FrameworkErrors {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            FrameworkErrors::Catalog => "Catalog",
            FrameworkErrors::Mapped(_) => "Mapped",
            FrameworkErrors::Kept => "Kept",
        })
    }
}

impl FormatPolicy {
    /// The error a framework failure is answered with on this route group.
    pub(crate) fn capture_framework(&self, error: FrameworkError) -> CapturedError {
        match &self.framework {
            FrameworkErrors::Mapped(map) => map(error),
            FrameworkErrors::Catalog | FrameworkErrors::Kept => CapturedError::capture(&error),
        }
    }
}

impl FormatPolicy {
    /// A policy without translations.
    pub(crate) fn new(fixed: Option<ErrorFormat>, config: ProblemConfig) -> Self {
        FormatPolicy {
            fixed,
            config,
            #[cfg(feature = "fluent")]
            localizer: None,
            framework: FrameworkErrors::Catalog,
            log_levels: super::telemetry::ErrorLogLevels::default(),
        }
    }
}

/// The request headers an error answer depends on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(not(feature = "fluent"), allow(dead_code))]
pub(crate) enum RequestHeader {
    /// `Accept`: the format, when the route group negotiates it.
    Accept,
    /// `Accept-Language`: the language, when the route group has a localizer.
    AcceptLanguage,
    /// `X-Request-Id` ([`request_id::HEADER`](crate::request_id::HEADER)).
    RequestId,
}

/// The request headers as a layer sees them, whatever the framework's header map type (each
/// adapter looks a [`RequestHeader`] up by its framework's constant, without parsing a name).
pub(crate) trait RequestHeaders {
    /// The text values of every line of `header`.
    fn lines(&self, header: RequestHeader) -> impl Iterator<Item = &str>;
}

/// `http`'s header map (axum's and tonic's requests carry one).
#[cfg(any(feature = "axum", feature = "tonic"))]
impl RequestHeaders for http::HeaderMap {
    fn lines(&self, header: RequestHeader) -> impl Iterator<Item = &str> {
        let name = match header {
            RequestHeader::Accept => http::header::ACCEPT,
            RequestHeader::AcceptLanguage => http::header::ACCEPT_LANGUAGE,
            RequestHeader::RequestId => http::HeaderName::from_static(crate::request_id::HEADER),
        };
        self.get_all(name)
            .iter()
            .filter_map(|value| value.to_str().ok())
    }
}

/// What a layer takes from the request before calling the route (the request is gone by the
/// time the response exists): everything a [`RenderContext`] needs besides the policy.
/// Reading a new request header (`Accept-Language`, `X-Request-Id`) is a field here and a line
/// in [`FormatPolicy::read_request`].
#[derive(Debug, Clone)]
pub(crate) struct RequestFacts {
    format: ErrorFormat,
    /// The index of the negotiated language in the policy's localizer.
    #[cfg(feature = "fluent")]
    language: usize,
    /// Whether the request named languages at all (`Accept-Language` present): a gRPC status
    /// then carries a `LocalizedMessage`.
    #[cfg(all(feature = "fluent", feature = "tonic"))]
    pub(crate) asked_language: bool,
    pub(crate) request_id: Option<crate::request_id::RequestId>,
}

impl FormatPolicy {
    /// What the error response to this request depends on.
    pub(crate) fn read_request(&self, headers: &impl RequestHeaders) -> RequestFacts {
        let format = match self.fixed {
            Some(format) => format,
            None => negotiate_lines(headers.lines(RequestHeader::Accept)),
        };
        let request_id = headers
            .lines(RequestHeader::RequestId)
            .next()
            .and_then(crate::request_id::RequestId::parse);
        RequestFacts {
            format,
            #[cfg(feature = "fluent")]
            language: self.localizer.as_ref().map_or(0, |localizer| {
                localizer.negotiate_lines(headers.lines(RequestHeader::AcceptLanguage))
            }),
            #[cfg(all(feature = "fluent", feature = "tonic"))]
            asked_language: headers
                .lines(RequestHeader::AcceptLanguage)
                .next()
                .is_some(),
            request_id,
        }
    }

    /// The context to render in, for a request read by [`read_request`](Self::read_request).
    pub(crate) fn context<'p>(&'p self, facts: &'p RequestFacts) -> RenderContext<'p> {
        let context = RenderContext::new(facts.format, &self.config)
            .with_request_id(
                facts
                    .request_id
                    .as_ref()
                    .map(crate::request_id::RequestId::as_str),
            )
            .with_negotiated(self.fixed.is_none());
        #[cfg(feature = "fluent")]
        if let Some(localizer) = &self.localizer {
            return context.with_locale(localizer.locale_at(facts.language));
        }
        context
    }
}

/// The format several `Accept` header lines ask for (they count as one comma-separated list,
/// read up to [`MAX_MEDIA_RANGES`](crate::problem::MAX_MEDIA_RANGES) ranges, never joined).
fn negotiate_lines<'h>(lines: impl Iterator<Item = &'h str>) -> ErrorFormat {
    crate::wire::format::negotiate_ranges(crate::wire::format::list_items(lines))
}

#[cfg(test)]
mod tests {
    use super::{ErrorFormat, negotiate_lines};
    use crate::problem::MAX_MEDIA_RANGES;

    #[test]
    fn accept_lines_are_read_up_to_the_bound_without_joining() {
        let padding = vec!["text/html;q=0.1"; 100_000];
        let late = padding.iter().copied().chain(["application/problem+json"]);
        assert_eq!(negotiate_lines(late), ErrorFormat::Json);
        let early = ["application/json;q=0.5", "application/problem+json"]
            .into_iter()
            .chain(padding.iter().copied());
        assert_eq!(negotiate_lines(early), ErrorFormat::ProblemJson);
        // Ranges count across lines, a line holding several.
        let lines = ["text/html, text/plain"; MAX_MEDIA_RANGES / 2 - 1];
        let last = lines
            .iter()
            .copied()
            .chain(["image/png, application/problem+json"]);
        assert_eq!(negotiate_lines(last), ErrorFormat::ProblemJson);
        let unread = lines
            .iter()
            .copied()
            .chain(["image/png, image/gif, application/problem+json"]);
        assert_eq!(negotiate_lines(unread), ErrorFormat::Json);
        assert_eq!(negotiate_lines(std::iter::empty()), ErrorFormat::Json);
    }
}
