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
    pub(crate) fn negotiate_lines<'h>(&self, mut lines: impl Iterator<Item = &'h str>) -> usize {
        let Some(first) = lines.next() else {
            return 0;
        };
        // A browser's header starts with its preferred language at full quality (`en-US` of
        // `en-US,en;q=0.9`): when that matches, it wins whatever follows, so it is read alone,
        // in one pass, before the list is parsed. The same answer as the full negotiation.
        if let Some(index) = leading_range(first).and_then(|range| self.lookup(range)) {
            return index;
        }
        self.negotiate_items(list_items(std::iter::once(first).chain(lines)))
            .unwrap_or(0)
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

/// The first item of an `Accept-Language` line when it is a bare language range (no
/// parameters, so at full quality) followed by `,` or the end: `en-US` of `en-US,en;q=0.9`;
/// `None` for anything else, which the full parse reads.
#[cfg(feature = "http")]
fn leading_range(line: &str) -> Option<&str> {
    let bytes = line.as_bytes();
    let is_space = |byte: &u8| matches!(byte, b' ' | b'\t');
    let start = bytes.iter().position(|byte| !is_space(byte))?;
    let end = start
        + bytes[start..]
            .iter()
            .position(|byte| !(byte.is_ascii_alphanumeric() || *byte == b'-'))
            .unwrap_or(bytes.len() - start);
    let after = bytes[end..].iter().find(|byte| !is_space(byte));
    if after.is_some_and(|byte| *byte != b',') {
        return None;
    }
    let range = &line[start..end];
    is_language_range(range).then_some(range)
}

/// One `Accept-Language` item as `(quality, range)`: `None` for `q=0`, a malformed `q`, or a
/// range that is not an RFC 4647 language range.
fn language_range(item: &str) -> Option<(u16, &str)> {
    let (range, quality) = weighted(item);
    let quality = quality.filter(|q| *q > 0)?;
    is_language_range(range).then_some((quality, range))
}

#[cfg(all(test, feature = "http"))]
mod tests {
    use super::Localizer;
    use crate::wire::format::list_items;

    /// The shortcut for a leading full-quality range chooses what the full negotiation
    /// chooses, for bare languages and regional ones, matching or not.
    #[test]
    fn the_leading_range_shortcut_answers_as_the_full_negotiation() {
        let mut bare = Localizer::new(&[]);
        bare.add_resource("fr", "fr.ftl", "").unwrap();
        let mut regional = Localizer::new(&[]);
        regional.add_resource("pt-BR", "pt.ftl", "").unwrap();
        regional.add_resource("fr", "fr.ftl", "").unwrap();
        let headers = [
            "en-US,en;q=0.9",
            "fr",
            " fr-CA , en",
            "fr-CA\t",
            "de, fr;q=0.5",
            "en;q=0.5, fr",
            "fr;q=1, en",
            "*",
            "",
            ",fr",
            "fr;q=0",
            "fr-",
            "-fr",
            "fr,",
            "fr x",
            "pt-PT",
            "PT-br",
            "zh-Hant-TW, fr",
            "123, fr",
            "fr-abcdefghi, en",
            "é, fr",
        ];
        for localizer in [&bare, &regional] {
            for header in headers {
                let full = localizer
                    .negotiate_items(list_items(std::iter::once(header)))
                    .unwrap_or(0);
                assert_eq!(
                    localizer.negotiate_lines(std::iter::once(header)),
                    full,
                    "{header:?}"
                );
            }
        }
    }
}
