//! `Accept-Language` negotiation: the language of a request.

use fluent_langneg::NegotiationStrategy;
use fluent_langneg::negotiate::filter_matches;
use unic_langid::LanguageIdentifier;

use super::{Locale, Localizer};
use crate::wire::format::{list_items, weighted};

/// At most this many language ranges of a request's `Accept-Language` (all its header lines
/// together) are considered, so a hostile header costs a bounded amount of work.
pub const MAX_LANGUAGE_RANGES: usize = 16;

impl Localizer {
    /// The best language for an `Accept-Language` value (several header lines may be joined
    /// with `,`), or `None` when nothing in it matches: answer in the source language then,
    /// without `Content-Language`.
    ///
    /// Ranges are tried from the highest `q` down (ties keep their order; `q=0` and ranges with
    /// a malformed `q` or tag are ignored; at most [`MAX_LANGUAGE_RANGES`] are read). A range
    /// matches a language exactly, else by Fluent's negotiation (`fr-CA` → `fr`, `en` →
    /// `en-US`); `*` stands for the source language.
    ///
    /// ```
    /// use authos_errors::l10n::Localizer;
    /// let localizer = authos_errors::catalog::localizer();
    /// let chosen = |header: &str| localizer.negotiate(header).map(|l| l.language().to_string());
    /// assert_eq!(chosen("fr-CA").as_deref(), Some("fr"));
    /// assert_eq!(chosen("de, fr;q=0.5, en;q=0.3").as_deref(), Some("fr"));
    /// assert_eq!(chosen("fr;q=0.4, en;q=0.9").as_deref(), Some("en"));
    /// assert_eq!(chosen("de, *;q=0.1").as_deref(), Some("en"));
    /// assert_eq!(chosen("de"), None);
    /// assert_eq!(chosen("fr;q=0"), None);
    /// assert_eq!(chosen(";;, not a tag"), None);
    /// ```
    #[must_use]
    pub fn negotiate(&self, accept_language: &str) -> Option<Locale<'_>> {
        let index = self.negotiate_items(list_items(std::iter::once(accept_language)))?;
        Some(Locale {
            localizer: self,
            index,
        })
    }

    /// The index of the language [`negotiate`](Self::negotiate) chooses from the items of an
    /// `Accept-Language` list, however its header lines split it.
    fn negotiate_items<'h>(&self, items: impl Iterator<Item = &'h str>) -> Option<usize> {
        let mut items = items.take(MAX_LANGUAGE_RANGES);
        // The first usable range: at full quality it sorts first whatever follows, so a match
        // ends the negotiation (a browser's header, most often).
        let first = items.find_map(language_range)?;
        if first.0 == 1000
            && let Some(index) = self.lookup(first.1)
        {
            return Some(index);
        }
        // The ranges on the stack, best first: a common header costs no allocation.
        let mut ranges = [(0u16, ""); MAX_LANGUAGE_RANGES];
        ranges[0] = first;
        let mut count = 1;
        for range in items.filter_map(language_range) {
            ranges[count] = range;
            count += 1;
        }
        let ranges = &mut ranges[..count];
        // Stable (and without allocating at this length): equal qualities keep the client's order.
        ranges.sort_by_key(|(quality, _)| std::cmp::Reverse(*quality));
        ranges.iter().find_map(|(_, range)| self.lookup(range))
    }

    /// The index of the language that best matches one range, by Fluent's negotiation.
    fn lookup(&self, range: &str) -> Option<usize> {
        if range == "*" {
            return Some(0);
        }
        // When every language is a bare language (`en`, `fr`), each of Fluent's steps (an
        // exact match, then the language as a range, then likely subtags) comes down to the
        // same primary language: compare that, on the text.
        if self.bare {
            let primary = range
                .bytes()
                .position(|byte| byte == b'-')
                .map_or(range, |end| &range[..end]);
            return self
                .tags
                .iter()
                .position(|tag| tag.eq_ignore_ascii_case(primary));
        }
        // Fluent's first step, on the text: an exact match.
        if let Some(index) = self
            .tags
            .iter()
            .position(|tag| tag.eq_ignore_ascii_case(range))
        {
            return Some(index);
        }
        let requested: LanguageIdentifier = range.parse().ok()?;
        // Fluent's second step without its allocations: each language as a range.
        if let Some(index) = self
            .languages
            .iter()
            .position(|language| language.matches(&requested, true, false))
        {
            return Some(index);
        }
        // The rest: likely subtags, variants and regions as ranges (`pt-PT` → `pt-BR`).
        let chosen = filter_matches(&[requested], &self.languages, NegotiationStrategy::Lookup);
        let chosen = chosen.first()?;
        self.languages
            .iter()
            .position(|language| language == *chosen)
    }
}

/// What the HTTP layers need: the language of a request as an index they can keep in a future
/// without borrowing the localizer, and back.
#[cfg(feature = "http")]
impl Localizer {
    /// The index of the language for the request's `Accept-Language` header lines (several
    /// count as one list, read up to [`MAX_LANGUAGE_RANGES`] ranges, never joined); 0, the
    /// source language, when there are none or nothing matches.
    pub(crate) fn negotiate_lines<'h>(&self, lines: impl Iterator<Item = &'h str>) -> usize {
        self.negotiate_items(list_items(lines)).unwrap_or(0)
    }

    /// The language at `index` (from [`negotiate_lines`](Self::negotiate_lines)).
    pub(crate) fn locale_at(&self, index: usize) -> Locale<'_> {
        Locale {
            localizer: self,
            index: if index < self.languages.len() {
                index
            } else {
                0
            },
        }
    }
}

/// Whether `range` is an RFC 4647 language range: `*`, or 1-8 letters then `-`-separated
/// subtags of 1-8 letters or digits. (A byte loop: on strings this short, `str::split` costs
/// more than the check.)
fn is_language_range(range: &str) -> bool {
    if range == "*" {
        return true;
    }
    let mut length = 0;
    let mut primary = true;
    for byte in range.bytes() {
        if byte == b'-' {
            if !(1..=8).contains(&length) {
                return false;
            }
            length = 0;
            primary = false;
        } else if byte.is_ascii_alphabetic() || (!primary && byte.is_ascii_digit()) {
            length += 1;
        } else {
            return false;
        }
    }
    (1..=8).contains(&length)
}

/// One `Accept-Language` item as `(quality, range)`: `None` for `q=0`, a malformed `q`, or a
/// range that is not an RFC 4647 language range.
fn language_range(item: &str) -> Option<(u16, &str)> {
    let (range, quality) = weighted(item);
    let quality = quality.filter(|q| *q > 0)?;
    is_language_range(range).then_some((quality, range))
}
