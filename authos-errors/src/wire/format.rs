//! The formats an error can be answered in, and `Accept` negotiation between them.

use super::problem::{APPLICATION_JSON, APPLICATION_PROBLEM_JSON};
use super::scim::APPLICATION_SCIM_JSON;

/// Which body (and which protocol's headers) an error response carries.
///
/// [`negotiate`](Self::negotiate) chooses between the first two from a request's `Accept`; the
/// protocol formats [`OAuth`](Self::OAuth) and [`Scim`](Self::Scim) are chosen by the route
/// (the endpoint's clients speak that protocol whatever they accept).
///
/// ```
/// use authos_errors::problem::ErrorFormat;
/// assert_eq!(ErrorFormat::Json.content_type(), "application/json");
/// assert_eq!(ErrorFormat::ProblemJson.content_type(), "application/problem+json");
/// assert_eq!(ErrorFormat::OAuth.content_type(), "application/json");
/// assert_eq!(ErrorFormat::Scim.content_type(), "application/scim+json");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum ErrorFormat {
    /// The AuthOS body ([`ErrorBody`](crate::ErrorBody)), `application/json`. The default.
    #[default]
    Json,
    /// An RFC 9457 document ([`ProblemDetails`](crate::problem::ProblemDetails)), `application/problem+json`.
    ProblemJson,
    /// An OAuth 2.0 token endpoint error (RFC 6749 §5.2,
    /// [`OAuthErrorBody`](crate::oauth::OAuthErrorBody)), `application/json`, not cacheable.
    OAuth,
    /// A SCIM 2.0 error (RFC 7644 §3.12, [`ScimErrorBody`](crate::scim::ScimErrorBody)),
    /// `application/scim+json`.
    Scim,
}

impl ErrorFormat {
    /// The `Content-Type` of this format.
    ///
    /// ```
    /// use authos_errors::problem::{ErrorFormat, APPLICATION_JSON};
    /// assert_eq!(ErrorFormat::default().content_type(), APPLICATION_JSON);
    /// ```
    #[must_use]
    pub const fn content_type(self) -> &'static str {
        match self {
            ErrorFormat::Json | ErrorFormat::OAuth => APPLICATION_JSON,
            ErrorFormat::ProblemJson => APPLICATION_PROBLEM_JSON,
            ErrorFormat::Scim => APPLICATION_SCIM_JSON,
        }
    }

    /// Chooses the format for a request's `Accept` header value (several header lines may be
    /// joined with `,`). `None` (no header) means plain JSON.
    ///
    /// Quality values are honoured the RFC 9110 way: each of the two media types gets the `q`
    /// of the most specific range that matches it (`application/problem+json`, then
    /// `application/*`, then `*/*`). Problem JSON is chosen only when the client prefers it
    /// strictly; a tie, `*/*`, an absent or unparsable header keep the AuthOS JSON body. At
    /// most [`MAX_MEDIA_RANGES`] ranges are read.
    ///
    /// ```
    /// use authos_errors::problem::ErrorFormat;
    ///
    /// assert_eq!(ErrorFormat::negotiate(Some("application/problem+json")), ErrorFormat::ProblemJson);
    /// assert_eq!(
    ///     ErrorFormat::negotiate(Some("application/json;q=0.5, application/problem+json")),
    ///     ErrorFormat::ProblemJson
    /// );
    /// assert_eq!(
    ///     ErrorFormat::negotiate(Some("application/problem+json;q=0.5, application/json")),
    ///     ErrorFormat::Json
    /// );
    /// assert_eq!(ErrorFormat::negotiate(Some("application/json, application/problem+json")), ErrorFormat::Json);
    /// assert_eq!(ErrorFormat::negotiate(Some("*/*")), ErrorFormat::Json);
    /// assert_eq!(ErrorFormat::negotiate(None), ErrorFormat::Json);
    /// ```
    #[must_use]
    pub fn negotiate(accept: Option<&str>) -> ErrorFormat {
        let Some(accept) = accept else {
            return ErrorFormat::Json;
        };
        negotiate_ranges(list_items(std::iter::once(accept)))
    }
}

/// At most this many media ranges of a request's `Accept` (all its header lines together) are
/// read by [`ErrorFormat::negotiate`] and the HTTP layers, so a hostile header (a megabyte of
/// ranges) costs a bounded amount of work, as `Accept-Language` does (`l10n::MAX_LANGUAGE_RANGES`,
/// feature `fluent`). Browsers send at most 8; ranges past the 16th are ignored.
///
/// ```
/// use authos_errors::problem::{ErrorFormat, MAX_MEDIA_RANGES};
///
/// let padding = "text/html;q=0.1, ".repeat(MAX_MEDIA_RANGES);
/// let late = format!("{padding}application/problem+json");
/// assert_eq!(ErrorFormat::negotiate(Some(&late)), ErrorFormat::Json); // never read
/// let early = format!("application/problem+json, {padding}");
/// assert_eq!(ErrorFormat::negotiate(Some(&early)), ErrorFormat::ProblemJson);
/// ```
pub const MAX_MEDIA_RANGES: usize = 16;

/// The format the first [`MAX_MEDIA_RANGES`] of an `Accept` value's media ranges ask for:
/// problem+json when it gets a strictly higher quality than JSON.
pub(crate) fn negotiate_ranges<'h>(ranges: impl Iterator<Item = &'h str>) -> ErrorFormat {
    // (specificity, quality) of the best match so far for each of the two media types.
    let mut problem: Option<(u8, u16)> = None;
    let mut json: Option<(u8, u16)> = None;
    for range in ranges.take(MAX_MEDIA_RANGES) {
        // A range whose q does not parse says nothing usable about the client's preference.
        let Some((kind, subtype, quality)) = media_range(range) else {
            continue;
        };
        for (best, wanted) in [(&mut problem, "problem+json"), (&mut json, "json")] {
            if let Some(specificity) = specificity(kind, subtype, "application", wanted)
                && best.is_none_or(|(seen, _)| specificity > seen)
            {
                *best = Some((specificity, quality));
            }
        }
    }
    let quality = |best: Option<(u8, u16)>| best.map_or(0, |(_, quality)| quality);
    if quality(problem) > quality(json) {
        ErrorFormat::ProblemJson
    } else {
        ErrorFormat::Json
    }
}

/// One `Accept` media range as `(type, subtype, quality in thousandths)`; `None` when it is not
/// `type/subtype` or its `q` does not parse.
fn media_range(range: &str) -> Option<(&str, &str, u16)> {
    let (media, quality) = weighted(range);
    let (kind, subtype) = split_at(media, b'/')?;
    Some((kind.trim_ascii(), subtype.trim_ascii(), quality?))
}

/// The items of a list header sent as several lines (RFC 9110 §5.3: they count as one
/// comma-separated list), without joining the lines.
pub(crate) fn list_items<'h>(
    mut lines: impl Iterator<Item = &'h str>,
) -> impl Iterator<Item = &'h str> {
    let mut rest: Option<&'h str> = None;
    std::iter::from_fn(move || {
        loop {
            if let Some(line) = rest {
                return Some(match split_at(line, b',') {
                    Some((item, after)) => {
                        rest = Some(after);
                        item
                    }
                    None => {
                        rest = None;
                        line
                    }
                });
            }
            rest = Some(lines.next()?);
        }
    })
}

/// One item of a weighted list, `Accept` or `Accept-Language` (RFC 9110 §12.4.2): its value
/// (before any `;`, without surrounding whitespace) and its `q` in thousandths (1000 without
/// one), `None` when the `q` does not parse; other parameters are skipped.
pub(crate) fn weighted(item: &str) -> (&str, Option<u16>) {
    let Some((value, mut parameters)) = split_at(item, b';') else {
        return (item.trim_ascii(), Some(1000));
    };
    let mut quality = Some(1000);
    loop {
        let (parameter, rest) = split_at(parameters, b';').unwrap_or((parameters, ""));
        if let Some((name, value)) = split_at(parameter, b'=')
            && name.trim_ascii().eq_ignore_ascii_case("q")
        {
            quality = parse_quality(value.trim_ascii());
        }
        if rest.is_empty() {
            break;
        }
        parameters = rest;
    }
    (value.trim_ascii(), quality)
}

/// `text` around the first `byte` (ASCII). A byte loop: on header items this short it costs
/// less than `str::split_once`'s searcher.
fn split_at(text: &str, byte: u8) -> Option<(&str, &str)> {
    let at = text.bytes().position(|b| b == byte)?;
    Some((&text[..at], &text[at + 1..]))
}

/// How specifically the range `range_kind/range_subtype` matches `kind/subtype`: 3 exactly,
/// 2 as `kind/*`, 1 as `*/*`; `None` when it does not match.
fn specificity(range_kind: &str, range_subtype: &str, kind: &str, subtype: &str) -> Option<u8> {
    if range_kind == "*" && range_subtype == "*" {
        Some(1)
    } else if range_kind.eq_ignore_ascii_case(kind) && range_subtype == "*" {
        Some(2)
    } else if range_kind.eq_ignore_ascii_case(kind) && range_subtype.eq_ignore_ascii_case(subtype) {
        Some(3)
    } else {
        None
    }
}

/// Parses an RFC 9110 qvalue (`0`, `0.5`, `1.000`) into thousandths.
fn parse_quality(text: &str) -> Option<u16> {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    if fraction.len() > 3 || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut thousandths: u16 = match whole {
        "0" => 0,
        "1" => 1000,
        _ => return None,
    };
    let mut scale = 100;
    for digit in fraction.bytes() {
        thousandths += u16::from(digit - b'0') * scale;
        scale /= 10;
    }
    (thousandths <= 1000).then_some(thousandths)
}

#[cfg(test)]
mod tests {
    use super::{ErrorFormat, MAX_MEDIA_RANGES};

    #[test]
    fn a_megabyte_of_accept_is_read_only_up_to_the_bound() {
        let megabyte = 1 << 20;
        let padding = "text/html;q=0.1, ".repeat(megabyte / 17);
        let late = format!("{padding}application/problem+json");
        assert!(late.len() >= megabyte);
        assert_eq!(ErrorFormat::negotiate(Some(&late)), ErrorFormat::Json);
        let early = format!("application/problem+json, {padding}");
        assert_eq!(
            ErrorFormat::negotiate(Some(&early)),
            ErrorFormat::ProblemJson
        );
        // One range a megabyte long, parameters and all.
        let one = format!("application/problem+json{}", ";x=1".repeat(megabyte / 4));
        assert_eq!(ErrorFormat::negotiate(Some(&one)), ErrorFormat::ProblemJson);
        let spaces = format!("{}application/problem+json", " ".repeat(megabyte));
        assert_eq!(
            ErrorFormat::negotiate(Some(&spaces)),
            ErrorFormat::ProblemJson
        );
        // The last range read, and the first one not.
        let last = format!(
            "{}application/problem+json",
            "text/html, ".repeat(MAX_MEDIA_RANGES - 1)
        );
        assert_eq!(
            ErrorFormat::negotiate(Some(&last)),
            ErrorFormat::ProblemJson
        );
        let unread = format!(
            "{}application/problem+json",
            "text/html, ".repeat(MAX_MEDIA_RANGES)
        );
        assert_eq!(ErrorFormat::negotiate(Some(&unread)), ErrorFormat::Json);
    }
}
