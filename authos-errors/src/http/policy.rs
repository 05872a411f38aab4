//! How a route group chooses the format and language of its error answers, from the request's
//! headers: what every adapter's layer holds and reads before calling the route.

use super::response::RenderContext;
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
}

impl FormatPolicy {
    /// A policy without translations.
    pub(crate) fn new(fixed: Option<ErrorFormat>, config: ProblemConfig) -> Self {
        FormatPolicy {
            fixed,
            config,
            #[cfg(feature = "fluent")]
            localizer: None,
        }
    }
}

/// The request headers as a layer sees them, whatever the framework's header map type.
pub(crate) trait RequestHeaders {
    /// The text values of every header line called `name` (lowercase).
    fn lines<'h>(&'h self, name: &'static str) -> impl Iterator<Item = &'h str>;
}

/// `http`'s header map (axum's and tonic's requests carry one).
#[cfg(any(feature = "axum", feature = "tonic"))]
impl RequestHeaders for http::HeaderMap {
    fn lines<'h>(&'h self, name: &'static str) -> impl Iterator<Item = &'h str> {
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
            None => negotiate_lines(headers.lines("accept")),
        };
        let request_id = headers
            .lines(crate::request_id::HEADER)
            .next()
            .and_then(crate::request_id::RequestId::parse);
        RequestFacts {
            format,
            #[cfg(feature = "fluent")]
            language: self.localizer.as_ref().map_or(0, |localizer| {
                localizer.negotiate_lines(headers.lines("accept-language"))
            }),
            #[cfg(all(feature = "fluent", feature = "tonic"))]
            asked_language: headers.lines("accept-language").next().is_some(),
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
    crate::wire::format::negotiate_ranges(lines.flat_map(|line| line.split(',')))
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
