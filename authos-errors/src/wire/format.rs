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
    /// strictly; a tie, `*/*`, an absent or unparsable header keep the AuthOS JSON body.
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
        let problem = quality_of(accept, "application", "problem+json");
        let json = quality_of(accept, "application", "json");
        if problem > json {
            ErrorFormat::ProblemJson
        } else {
            ErrorFormat::Json
        }
    }
}

/// The quality (in thousandths, 0..=1000) the `Accept` value gives to `kind/subtype`: that of
/// the most specific matching range, 0 when none matches.
fn quality_of(accept: &str, kind: &str, subtype: &str) -> u16 {
    // (specificity, quality) of the best match so far; specificity 3 = exact, 2 = kind/*, 1 = */*.
    let mut best: Option<(u8, u16)> = None;
    for range in accept.split(',') {
        let mut parts = range.split(';');
        let media = parts.next().unwrap_or_default().trim();
        let Some((range_kind, range_subtype)) = media.split_once('/') else {
            continue;
        };
        let (range_kind, range_subtype) = (range_kind.trim(), range_subtype.trim());
        let specificity = if range_kind == "*" && range_subtype == "*" {
            1
        } else if range_kind.eq_ignore_ascii_case(kind) && range_subtype == "*" {
            2
        } else if range_kind.eq_ignore_ascii_case(kind)
            && range_subtype.eq_ignore_ascii_case(subtype)
        {
            3
        } else {
            continue;
        };
        let mut quality = Some(1000);
        for parameter in parts {
            if let Some((name, value)) = parameter.split_once('=')
                && name.trim().eq_ignore_ascii_case("q")
            {
                quality = parse_quality(value.trim());
            }
        }
        // A range whose q does not parse says nothing usable about the client's preference.
        let Some(quality) = quality else { continue };
        if best.is_none_or(|(seen, _)| specificity > seen) {
            best = Some((specificity, quality));
        }
    }
    best.map_or(0, |(_, quality)| quality)
}

/// Parses an RFC 9110 qvalue (`0`, `0.5`, `1.000`) into thousandths: for `Accept` here and
/// `Accept-Language` in localisation.
pub(crate) fn parse_quality(text: &str) -> Option<u16> {
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
