//! Localised error messages (feature `fluent`): [Project Fluent](https://projectfluent.org)
//! resources keyed by error code, negotiated from `Accept-Language`.
//!
//! A translation is an `.ftl` resource in which each message id is an error code and each
//! variable is a field the variant's `message` template interpolates:
//!
//! ```ftl
//! SLUG_TOO_SHORT = Le slug doit contenir au moins { $min } caractères
//!     .description = Slug plus court que le minimum
//! ```
//!
//! The value is the body's `error` text (the problem+json `detail`). The optional `.description`
//! attribute is the problem+json `title`; without it the value serves as the title of a code
//! whose message is its description (no `message` template), and a templated code keeps its
//! English title. A tuple field `{0}` is the variable `$arg0`. Numbers stay numbers, so a
//! translation can select plural forms (`{ $min -> [one] … *[other] … }`); Fluent's `NUMBER()`
//! is available. A value is never changed on its way through Fluent: only a number an `f64`
//! holds exactly (an integer up to 2^53 in magnitude, a decimal of up to 15 significant digits)
//! is a Fluent number; anything else that looks numeric — `u64::MAX`, a 20-digit account
//! number, `000123` — is passed as the text it was formatted to.
//!
//! The *source language* (English unless [`Localizer::with_source_language`] says otherwise) is
//! the derive's own texts: a request negotiated to it, a request without `Accept-Language`, one
//! that matches nothing, and any code a translation lacks, are answered exactly as without this
//! feature. Fluent's Unicode isolation marks around placeables are turned off
//! (`set_use_isolating(false)`): the text goes into JSON for any client, not into a
//! bidirectional UI that needs them.
//!
//! Mistakes in a resource (syntax errors, a duplicate message, a variable the code's template
//! does not have) are reported when it is loaded, with file and line, as a [`LoadError`];
//! rendering never panics, and a message Fluent cannot format falls back to the source text.
//!
//! ```
//! use authos_errors::{ApiErrorCode, ApiErrorCodeExt};
//! use authos_errors::l10n::Localizer;
//!
//! #[derive(Debug, ApiErrorCode)]
//! enum SignupError {
//!     /// Slug shorter than the minimum
//!     #[code("SLUG_TOO_SHORT", status = 400, message = "Slug must be at least {min} characters")]
//!     SlugTooShort { min: usize },
//! }
//!
//! let mut localizer = Localizer::new(SignupError::CATALOG);
//! localizer.add_resource(
//!     "fr",
//!     "fr/errors.ftl",
//!     "SLUG_TOO_SHORT = Le slug doit contenir au moins { $min } caractères\n",
//! )?;
//!
//! let err = SignupError::SlugTooShort { min: 3 };
//! let french = localizer.negotiate("fr-CA, en;q=0.8").expect("fr-CA falls back to fr");
//! assert_eq!(french.language().to_string(), "fr");
//! assert_eq!(french.message(&err), "Le slug doit contenir au moins 3 caractères");
//!
//! let english = localizer.negotiate("en-US").expect("English is the source language");
//! assert_eq!(english.message(&err), err.message());
//! assert!(localizer.negotiate("de").is_none()); // no match: answer as without localisation
//! # Ok::<(), authos_errors::l10n::LoadError>(())
//! ```
//!
//! The AuthOS catalog ships in English
//! ([`catalog::AUTHOS_FTL_EN`](crate::catalog::AUTHOS_FTL_EN), the derive's texts) and French
//! ([`catalog::AUTHOS_FTL_FR`](crate::catalog::AUTHOS_FTL_FR));
//! [`catalog::localizer`](crate::catalog::localizer) has both loaded.
//!
//! Over HTTP, the format layers negotiate: `ErrorFormatLayer::with_localizer` (axum) and
//! `ErrorFormatMiddleware::with_localizer` (actix-web) render each error response in the
//! request's language with `Content-Language` and `Vary: Accept-Language`; any other server
//! passes a [`Locale`] to `response::RenderContext::with_locale`.
//!
//! Codes listed in several groups of a catalog (AuthOS's `NOT_FOUND`, `UNAUTHORIZED`,
//! `FORBIDDEN`) have one message, as a code is one contract: the translation of the first
//! group's text.

use std::borrow::Cow;
use std::fmt;
use std::path::Path;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use fluent_langneg::NegotiationStrategy;
use fluent_langneg::negotiate::filter_matches;
use fluent_syntax::ast;
use unic_langid::LanguageIdentifier;

use crate::{ApiErrorCode, ErrorCodeInfo};

/// The comment a [`skeleton`] starts with: how to translate it.
pub const SKELETON_HEADER: &str = "\
# Error messages by error code, in the catalog's source language (generated: do not edit).
# To translate, copy this file to locales/<language>/errors.ftl and rewrite each text after `=`;
# keep the `{ $variable }` placeholders (a translation may use fewer, never others), and give a
# `.description` attribute where the source has one.

";

/// At most this many language ranges of a request's `Accept-Language` (all its header lines
/// together) are considered, so a hostile header costs a bounded amount of work.
pub const MAX_LANGUAGE_RANGES: usize = 16;

/// Translations of one error catalog, and the negotiation that picks one for a request.
///
/// Built once at start-up ([`Localizer::new`], then [`add_resource`](Self::add_resource) or
/// [`add_file`](Self::add_file) per resource), then shared (`Send + Sync`; the HTTP layers hold
/// it in an `Arc`). See the [module docs](self).
///
/// ```
/// use authos_errors::l10n::Localizer;
/// let localizer = authos_errors::catalog::localizer();
/// let languages: Vec<String> = localizer.languages().map(|l| l.to_string()).collect();
/// assert_eq!(languages, ["en", "fr"]);
/// ```
pub struct Localizer {
    catalog: &'static [ErrorCodeInfo],
    /// The source language first, then each translation's, in the order they were added.
    languages: Vec<LanguageIdentifier>,
    /// Each language's tag as text (`fr`), for `Content-Language` and quick matching.
    tags: Vec<String>,
    translations: Vec<Translation>,
}

struct Translation {
    bundle: FluentBundle<FluentResource>,
    /// Every message of the loaded resources, for coverage reports.
    messages: Vec<MessageSummary>,
    /// Every term id (without `-`) of the loaded resources, to refuse a second definition.
    terms: Vec<String>,
}

/// What a resource's message is made of, as far as coverage and load checks care.
#[derive(Debug, Clone)]
struct MessageSummary {
    id: String,
    file: String,
    line: usize,
    has_value: bool,
    has_description: bool,
    variables: Vec<String>,
}

impl fmt::Debug for Localizer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Localizer")
            .field("codes", &self.catalog.len())
            .field("languages", &self.languages)
            .finish_non_exhaustive()
    }
}

impl Localizer {
    /// A localizer for `catalog` with only the source language, English: every request is
    /// answered with the derive's texts until a translation is added.
    ///
    /// ```
    /// use authos_errors::{ApiErrorCode, catalog::AuthOsError, l10n::Localizer};
    /// let localizer = Localizer::new(AuthOsError::CATALOG);
    /// assert_eq!(localizer.source().language().to_string(), "en");
    /// ```
    #[must_use]
    pub fn new(catalog: &'static [ErrorCodeInfo]) -> Self {
        Localizer {
            catalog,
            languages: vec![LanguageIdentifier::from_bytes(b"en").unwrap_or_default()],
            tags: vec!["en".to_owned()],
            translations: Vec::new(),
        }
    }

    /// This localizer with `tag` as the language of the derive's texts (for a catalog written
    /// in another language than English).
    ///
    /// # Errors
    /// [`LoadError::Language`] when `tag` is not a language tag; [`LoadError::SourceLanguage`]
    /// when a translation for it was already added.
    ///
    /// ```
    /// use authos_errors::{ApiErrorCode, catalog::AuthOsError, l10n::Localizer};
    /// let localizer = Localizer::new(AuthOsError::CATALOG).with_source_language("en-GB")?;
    /// assert_eq!(localizer.source().language().to_string(), "en-GB");
    /// # Ok::<(), authos_errors::l10n::LoadError>(())
    /// ```
    pub fn with_source_language(mut self, tag: &str) -> Result<Self, LoadError> {
        let language = parse_language(tag)?;
        if self.languages[1..].contains(&language) {
            return Err(LoadError::SourceLanguage {
                tag: tag.to_owned(),
            });
        }
        self.tags[0] = language.to_string();
        self.languages[0] = language;
        Ok(self)
    }

    /// Adds the Fluent resource `ftl` (named `file` in error reports) to the translation for
    /// `language`, creating it on first use. A language may have several resources; a message
    /// id may appear in only one of them. Nothing is added when an error is returned.
    ///
    /// # Errors
    /// [`LoadError::Language`] for a tag that does not parse, [`LoadError::SourceLanguage`] for
    /// the source language, [`LoadError::Resource`] listing every syntax error, duplicate
    /// message and variable the code's template does not have, with its line.
    ///
    /// ```
    /// use authos_errors::{ApiErrorCode, catalog::AuthOsError, l10n::{LoadError, Localizer}};
    /// let mut localizer = Localizer::new(AuthOsError::CATALOG);
    /// let err = localizer
    ///     .add_resource("de", "de/errors.ftl", "TOKEN_EXPIRED = Das JWT ist am { $when } abgelaufen\n")
    ///     .unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     "de/errors.ftl:1: message `TOKEN_EXPIRED` uses the variable `$when`, which the code's message template does not have (it has none)"
    /// );
    /// ```
    pub fn add_resource(
        &mut self,
        language: &str,
        file: &str,
        ftl: impl Into<String>,
    ) -> Result<(), LoadError> {
        let language = parse_language(language)?;
        if language == self.languages[0] {
            return Err(LoadError::SourceLanguage {
                tag: language.to_string(),
            });
        }
        let resource = parse_resource(file, ftl.into())?;
        let messages = summarise(&resource, file);
        let index = self.languages[1..].iter().position(|l| *l == language);
        let existing = index.map_or(&[][..], |i| &self.translations[i].messages[..]);
        let mut problems = check_messages(self.catalog, &messages, existing);
        let existing_terms = index.map_or(&[][..], |i| &self.translations[i].terms[..]);
        let (terms, term_problems) = check_terms(&resource, file, existing_terms);
        problems.extend(term_problems);
        if !problems.is_empty() {
            problems.sort_by_key(|p| p.line);
            return Err(LoadError::Resource {
                file: file.to_owned(),
                problems,
            });
        }
        let translation = match index {
            Some(i) => &mut self.translations[i],
            None => {
                let mut bundle = FluentBundle::new_concurrent(vec![language.clone()]);
                bundle.set_use_isolating(false);
                // NUMBER() on a fresh bundle: no id to collide with.
                let _ = bundle.add_builtins();
                self.tags.push(language.to_string());
                self.languages.push(language);
                self.translations.push(Translation {
                    bundle,
                    messages: Vec::new(),
                    terms: Vec::new(),
                });
                let last = self.translations.len() - 1;
                &mut self.translations[last]
            }
        };
        // Duplicates were refused above, so this adds every entry.
        let _ = translation.bundle.add_resource(resource);
        translation.messages.extend(messages);
        translation.terms.extend(terms);
        Ok(())
    }

    /// Reads the Fluent resource at `path` (UTF-8) and adds it as
    /// [`add_resource`](Self::add_resource) does; errors name the path.
    ///
    /// # Errors
    /// [`LoadError::Io`] when the file cannot be read, else as [`add_resource`](Self::add_resource).
    ///
    /// ```
    /// use authos_errors::{ApiErrorCode, catalog::AuthOsError, l10n::{LoadError, Localizer}};
    /// let mut localizer = Localizer::new(AuthOsError::CATALOG);
    /// let err = localizer.add_file("de", "no/such/errors.ftl").unwrap_err();
    /// assert!(matches!(err, LoadError::Io { .. }));
    /// assert!(err.to_string().starts_with("no/such/errors.ftl: cannot read: "));
    /// ```
    pub fn add_file(&mut self, language: &str, path: impl AsRef<Path>) -> Result<(), LoadError> {
        let path = path.as_ref();
        let file = path.display().to_string();
        let ftl = std::fs::read_to_string(path).map_err(|source| LoadError::Io {
            file: file.clone(),
            source,
        })?;
        self.add_resource(language, &file, ftl)
    }

    /// The catalog this localizer translates.
    ///
    /// ```
    /// use authos_errors::l10n::Localizer;
    /// assert_eq!(authos_errors::catalog::localizer().catalog().len(), 61);
    /// ```
    #[must_use]
    pub fn catalog(&self) -> &'static [ErrorCodeInfo] {
        self.catalog
    }

    /// The source language, then each translation's, in the order they were added.
    ///
    /// ```
    /// use authos_errors::l10n::Localizer;
    /// assert_eq!(authos_errors::catalog::localizer().languages().count(), 2);
    /// ```
    pub fn languages(&self) -> impl Iterator<Item = &LanguageIdentifier> {
        self.languages.iter()
    }

    /// The source language: the derive's texts.
    ///
    /// ```
    /// use authos_errors::l10n::Localizer;
    /// assert!(authos_errors::catalog::localizer().source().is_source());
    /// ```
    #[must_use]
    pub fn source(&self) -> Locale<'_> {
        Locale {
            localizer: self,
            index: 0,
        }
    }

    /// The language exactly `tag` (no fallback), if the localizer has it.
    ///
    /// ```
    /// use authos_errors::l10n::Localizer;
    /// assert!(authos_errors::catalog::localizer().locale("fr").is_some());
    /// assert!(authos_errors::catalog::localizer().locale("fr-CA").is_none()); // `negotiate` falls back; this does not
    /// ```
    #[must_use]
    pub fn locale(&self, tag: &str) -> Option<Locale<'_>> {
        let language: LanguageIdentifier = tag.parse().ok()?;
        let index = self.languages.iter().position(|l| *l == language)?;
        Some(Locale {
            localizer: self,
            index,
        })
    }

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
        self.negotiate_items(accept_language.split(','))
    }

    /// [`negotiate`](Self::negotiate) over the items of an `Accept-Language` list, however its
    /// header lines split it.
    fn negotiate_items<'h>(&self, items: impl Iterator<Item = &'h str>) -> Option<Locale<'_>> {
        // The ranges on the stack, best first: a common header costs no allocation.
        let mut ranges = [(0u16, ""); MAX_LANGUAGE_RANGES];
        let mut count = 0;
        for item in items.take(MAX_LANGUAGE_RANGES) {
            let Some((quality, range)) = language_range(item) else {
                continue;
            };
            // A first range at full quality sorts first whatever follows: try it at once.
            if count == 0
                && quality == 1000
                && let Some(index) = self.lookup(range)
            {
                return Some(self.locale_at_index(index));
            }
            ranges[count] = (quality, range);
            count += 1;
        }
        let ranges = &mut ranges[..count];
        // Stable (and without allocating at this length): equal qualities keep the client's order.
        ranges.sort_by_key(|(quality, _)| std::cmp::Reverse(*quality));
        let index = ranges.iter().find_map(|(_, range)| self.lookup(range))?;
        Some(self.locale_at_index(index))
    }

    fn locale_at_index(&self, index: usize) -> Locale<'_> {
        Locale {
            localizer: self,
            index,
        }
    }

    /// The index of the language that best matches one range, by Fluent's negotiation.
    fn lookup(&self, range: &str) -> Option<usize> {
        if range == "*" {
            return Some(0);
        }
        // Fluent's first step, on the text: an exact match.
        if let Some(index) = self
            .tags
            .iter()
            .position(|tag| tag.eq_ignore_ascii_case(range))
        {
            return Some(index);
        }
        // When every language is a bare language (`en`, `fr`), each of Fluent's later steps
        // comes down to the same primary language: compare that, without parsing.
        if self.languages.iter().all(is_bare_language) {
            let primary = range
                .bytes()
                .position(|byte| byte == b'-')
                .map_or(range, |end| &range[..end]);
            return self
                .tags
                .iter()
                .position(|tag| tag.eq_ignore_ascii_case(primary));
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

    /// What the translation for `language` covers of the catalog, `None` when the localizer
    /// has no such translation. See [`Coverage`].
    ///
    /// ```
    /// use authos_errors::l10n::Localizer;
    /// let coverage = authos_errors::catalog::localizer().coverage("fr").unwrap();
    /// assert!(coverage.is_complete(), "{coverage}");
    /// ```
    #[must_use]
    pub fn coverage(&self, language: &str) -> Option<Coverage> {
        let locale = self.locale(language)?;
        let translation = locale.translation()?;
        Some(coverage_of(
            self.catalog,
            locale.language().clone(),
            &translation.messages,
        ))
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
        self.negotiate_items(lines.flat_map(|line| line.split(',')))
            .map_or(0, |locale| locale.index)
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

/// One language of a [`Localizer`], as chosen by [`Localizer::negotiate`]: renders error
/// messages in it.
///
/// ```
/// use authos_errors::catalog::ValidationError;
/// use authos_errors::l10n::Localizer;
/// let french = authos_errors::catalog::localizer().negotiate("fr").unwrap();
/// assert_eq!(french.message(&ValidationError::SlugTooShort), "Le slug doit contenir au moins 3 caractères");
/// ```
#[derive(Clone, Copy)]
pub struct Locale<'a> {
    localizer: &'a Localizer,
    /// Index into `localizer.languages`; 0 is the source language.
    index: usize,
}

impl fmt::Debug for Locale<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Locale").field(self.language()).finish()
    }
}

impl<'a> Locale<'a> {
    /// The language, as the localizer knows it (`fr`, also for a request for `fr-CA`): the
    /// `Content-Language` of a response in it.
    ///
    /// ```
    /// use authos_errors::l10n::Localizer;
    /// assert_eq!(authos_errors::catalog::localizer().negotiate("fr-BE").unwrap().language().to_string(), "fr");
    /// ```
    #[must_use]
    pub fn language(&self) -> &'a LanguageIdentifier {
        &self.localizer.languages[self.index]
    }

    /// Whether this is the source language, whose texts are the derive's.
    ///
    /// ```
    /// use authos_errors::l10n::Localizer;
    /// assert!(authos_errors::catalog::localizer().negotiate("en-GB").unwrap().is_source());
    /// ```
    #[must_use]
    pub fn is_source(&self) -> bool {
        self.index == 0
    }

    /// The tag of this language (`fr`), or of the source language when `source`: the
    /// `Content-Language` of a text in it.
    #[cfg(feature = "http")]
    pub(crate) fn tag(&self, source: bool) -> &'a str {
        &self.localizer.tags[if source { 0 } else { self.index }]
    }

    fn translation(&self) -> Option<&'a Translation> {
        self.index
            .checked_sub(1)
            .and_then(|i| self.localizer.translations.get(i))
    }

    /// The `error` text of `error` in this language: its translation, else (source language,
    /// a code the translation lacks, a message Fluent cannot format) the text a body shows
    /// untranslated ([`disclosure::body_message`](crate::disclosure::body_message): a 5xx's
    /// declared text).
    ///
    /// ```
    /// use authos_errors::{ApiErrorCode, ApiErrorCodeExt, catalog::GeneralError};
    /// use authos_errors::l10n::Localizer;
    /// let french = authos_errors::catalog::localizer().negotiate("fr").unwrap();
    /// // A handler's own text cannot be translated: the code's French text replaces it.
    /// let err = GeneralError::NotFound.with_message("No organization `globex`");
    /// assert_eq!(french.message(&err), "La ressource demandée n’existe pas");
    /// assert_eq!(authos_errors::catalog::localizer().source().message(&err), "No organization `globex`");
    /// ```
    #[must_use]
    pub fn message<'e, E: ApiErrorCode + ?Sized>(&self, error: &'e E) -> Cow<'e, str>
    where
        'a: 'e,
    {
        match self.translate(error) {
            Some(text) => text,
            None => crate::disclosure::body_message(error),
        }
    }

    /// The translation of `error`'s message, `None` when this language does not have one (the
    /// source language never does). Borrowed from the resource when the text has no variables.
    ///
    /// ```
    /// use authos_errors::catalog::MfaError;
    /// use authos_errors::l10n::Localizer;
    /// let localizer = authos_errors::catalog::localizer();
    /// assert_eq!(localizer.locale("fr").unwrap().translate(&MfaError::MfaRequired).as_deref(), Some("Vérification MFA requise"));
    /// assert_eq!(localizer.source().translate(&MfaError::MfaRequired), None);
    /// ```
    #[must_use]
    pub fn translate<E: ApiErrorCode + ?Sized>(&self, error: &E) -> Option<Cow<'a, str>> {
        self.translate_code(error.info().code, |visit| error.visit_message_args(visit))
    }

    /// The translation of the message of `code`, whose variables `args` passes as
    /// [`ApiErrorCode::visit_message_args`] does: for a server that kept the code and the
    /// arguments rather than the error value.
    pub(crate) fn translate_code(
        &self,
        code: &str,
        args: impl FnOnce(&mut dyn FnMut(&'static str, &dyn fmt::Display)),
    ) -> Option<Cow<'a, str>> {
        let bundle = &self.translation()?.bundle;
        let pattern = bundle.get_message(code)?.value()?;
        // The displayed values first: FluentArgs borrows them. No allocation without variables.
        let mut texts: Vec<(&'static str, String)> = Vec::new();
        args(&mut |name, value| texts.push((name, value.to_string())));
        let fluent_args = (!texts.is_empty()).then(|| {
            let mut fluent_args = FluentArgs::with_capacity(texts.len());
            for (name, text) in &texts {
                fluent_args.set(variable_name(name), fluent_value(text));
            }
            fluent_args
        });
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, fluent_args.as_ref(), &mut errors);
        if !errors.is_empty() {
            return None;
        }
        Some(text)
    }

    /// The catalog description of `info` in this language (the problem+json `title`): the
    /// message's `.description` attribute, else its value when the code has no message
    /// template; `None` otherwise and in the source language.
    ///
    /// ```
    /// use authos_errors::{ApiErrorCode, catalog::GeneralError};
    /// use authos_errors::l10n::Localizer;
    /// let french = authos_errors::catalog::localizer().locale("fr").unwrap();
    /// assert_eq!(french.description(GeneralError::Conflict.info()).as_deref(), Some("La ressource existe déjà ou son état est en conflit"));
    /// ```
    #[must_use]
    pub fn description(&self, info: &ErrorCodeInfo) -> Option<Cow<'a, str>> {
        let bundle = &self.translation()?.bundle;
        let message = bundle.get_message(info.code)?;
        let pattern = match message.get_attribute("description") {
            Some(attribute) => attribute.value(),
            None if info.message_template.is_none() => message.value()?,
            None => return None,
        };
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, None, &mut errors);
        errors.is_empty().then_some(text)
    }
}

/// The Fluent variable of a template name: `min` stays `min`, a tuple index `0` becomes `arg0`
/// (a Fluent identifier cannot start with a digit).
fn variable_name(template_name: &'static str) -> Cow<'static, str> {
    if template_name.bytes().all(|b| b.is_ascii_digit()) {
        Cow::Owned(format!("arg{template_name}"))
    } else {
        Cow::Borrowed(template_name)
    }
}

/// A Fluent number when the text is a plain decimal that an `f64` holds exactly (`3`, `-2.5`,
/// `0.25`), so plural selection works and the digits read back as written; text otherwise, so a
/// value is never changed: an integer beyond 2^53 (`u64::MAX`, a 20-digit account number), a
/// decimal of more than 15 significant digits, leading zeros (`000123`), `1e5`, `inf`.
///
/// The value arrives formatted (its type is not known here), so a `String` field holding `42`
/// is a number too; that is harmless, as its digits read back the same.
fn fluent_value(text: &str) -> FluentValue<'_> {
    if is_exact_number(text) {
        FluentValue::try_number(text)
    } else {
        FluentValue::from(text)
    }
}

/// Whether `text` is a plain decimal whose `f64` Fluent writes back digit for digit: an integer
/// of magnitude at most 2^53 (every integer up to it is an `f64`), or a number with a fraction
/// of at most 15 significant digits (an `f64`'s decimal precision: each such text is the
/// shortest that reads back as its `f64`, which is what Fluent writes, padded to the text's own
/// number of fraction digits).
fn is_exact_number(text: &str) -> bool {
    /// 2^53.
    const LARGEST_EXACT_INTEGER: u64 = 9_007_199_254_740_992;
    let digits = text.strip_prefix('-').unwrap_or(text);
    let (whole, fraction) = match digits.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (digits, None),
    };
    let plain = !whole.is_empty()
        && whole.bytes().all(|b| b.is_ascii_digit())
        && (whole == "0" || !whole.starts_with('0'))
        && fraction.is_none_or(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()));
    if !plain {
        return false;
    }
    match fraction {
        None => whole
            .parse::<u64>()
            .is_ok_and(|integer| integer <= LARGEST_EXACT_INTEGER),
        Some(fraction) => {
            let significant = whole
                .bytes()
                .chain(fraction.bytes())
                .skip_while(|b| *b == b'0')
                .count();
            significant <= 15
        }
    }
}

fn parse_language(tag: &str) -> Result<LanguageIdentifier, LoadError> {
    tag.parse().map_err(|_| LoadError::Language {
        tag: tag.to_owned(),
    })
}

/// Whether `language` is a primary language subtag alone (`fr`, not `fr-CA`).
fn is_bare_language(language: &LanguageIdentifier) -> bool {
    language.script.is_none() && language.region.is_none() && language.variants().len() == 0
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
    let mut parts = item.split(';');
    let range = parts.next().unwrap_or_default().trim();
    let mut quality = Some(1000);
    for parameter in parts {
        if let Some((name, value)) = parameter.split_once('=')
            && name.trim().eq_ignore_ascii_case("q")
        {
            quality = crate::wire::format::parse_quality(value.trim());
        }
    }
    let quality = quality.filter(|q| *q > 0)?;
    is_language_range(range).then_some((quality, range))
}

fn parse_resource(file: &str, ftl: String) -> Result<FluentResource, LoadError> {
    match FluentResource::try_new(ftl) {
        Ok(resource) => Ok(resource),
        Err((resource, errors)) => Err(LoadError::Resource {
            file: file.to_owned(),
            problems: errors
                .into_iter()
                .map(|error| ResourceProblem {
                    line: line_of(resource.source(), error.pos.start),
                    kind: ResourceProblemKind::Syntax {
                        reason: error.kind.to_string(),
                    },
                })
                .collect(),
        }),
    }
}

/// The line of a parser error at `offset`: that of the last text before it, since the parser
/// often notices a mistake only at the next line or the end of the file.
fn line_of(source: &str, offset: usize) -> usize {
    source
        .get(..offset)
        .map_or(1, |before| before.trim_end().matches('\n').count() + 1)
}

/// The line where the `nth` (0-based) entry named `id` starts: the AST has no positions.
fn line_of_entry(source: &str, id: &str, nth: usize) -> usize {
    source
        .lines()
        .enumerate()
        .filter(|(_, line)| {
            line.strip_prefix(id)
                .is_some_and(|rest| rest.trim_start().starts_with('='))
        })
        .nth(nth)
        .map_or(1, |(index, _)| index + 1)
}

fn summarise(resource: &FluentResource, file: &str) -> Vec<MessageSummary> {
    let mut messages: Vec<MessageSummary> = Vec::new();
    for entry in resource.entries() {
        let ast::Entry::Message(message) = entry else {
            continue;
        };
        let id = message.id.name;
        let mut variables = Vec::new();
        if let Some(value) = &message.value {
            pattern_variables(value, &mut variables);
        }
        for attribute in &message.attributes {
            pattern_variables(&attribute.value, &mut variables);
        }
        let nth = messages.iter().filter(|m| m.id == id).count();
        messages.push(MessageSummary {
            id: id.to_owned(),
            file: file.to_owned(),
            line: line_of_entry(resource.source(), id, nth),
            has_value: message.value.is_some(),
            has_description: message
                .attributes
                .iter()
                .any(|a| a.id.name == "description"),
            variables,
        });
    }
    messages
}

fn pattern_variables(pattern: &ast::Pattern<&str>, out: &mut Vec<String>) {
    for element in &pattern.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            expression_variables(expression, out);
        }
    }
}

fn expression_variables(expression: &ast::Expression<&str>, out: &mut Vec<String>) {
    match expression {
        ast::Expression::Select { selector, variants } => {
            inline_variables(selector, out);
            for variant in variants {
                pattern_variables(&variant.value, out);
            }
        }
        ast::Expression::Inline(inline) => inline_variables(inline, out),
    }
}

fn inline_variables(expression: &ast::InlineExpression<&str>, out: &mut Vec<String>) {
    let arguments = match expression {
        ast::InlineExpression::VariableReference { id } => {
            if !out.iter().any(|seen| seen == id.name) {
                out.push(id.name.to_owned());
            }
            return;
        }
        ast::InlineExpression::Placeable { expression } => {
            expression_variables(expression, out);
            return;
        }
        ast::InlineExpression::FunctionReference { arguments, .. } => arguments,
        // A term's own `$x` are its parameters, set by the call's arguments.
        ast::InlineExpression::TermReference {
            arguments: Some(arguments),
            ..
        } => arguments,
        _ => return,
    };
    for positional in &arguments.positional {
        inline_variables(positional, out);
    }
    for named in &arguments.named {
        inline_variables(&named.value, out);
    }
}

/// The Fluent variables `code`'s template gives (`$min`, `$arg0`); over every entry of the
/// code, should it appear in several groups.
fn template_variables(catalog: &[ErrorCodeInfo], code: &str) -> Vec<String> {
    let mut variables = Vec::new();
    for info in catalog.iter().filter(|info| info.code == code) {
        for name in template_fields(info.message_template.unwrap_or_default()) {
            let variable = if name.bytes().all(|b| b.is_ascii_digit()) {
                format!("arg{name}")
            } else {
                name.to_owned()
            };
            if !variables.contains(&variable) {
                variables.push(variable);
            }
        }
    }
    variables
}

/// The field names of a message template's placeholders (`{min}`, `{0:.1}`), in order.
fn template_fields(template: &str) -> impl Iterator<Item = &str> {
    let mut rest = template;
    std::iter::from_fn(move || {
        loop {
            let open = rest.find('{')?;
            if rest[open + 1..].starts_with('{') {
                rest = &rest[open + 2..];
                continue;
            }
            let after = &rest[open + 1..];
            let close = after.find('}')?;
            let inner = &after[..close];
            rest = &after[close + 1..];
            let name = inner.split(':').next().unwrap_or_default().trim();
            if !name.is_empty() {
                return Some(name);
            }
        }
    })
}

fn check_messages(
    catalog: &[ErrorCodeInfo],
    messages: &[MessageSummary],
    existing: &[MessageSummary],
) -> Vec<ResourceProblem> {
    let mut problems = Vec::new();
    for (index, message) in messages.iter().enumerate() {
        let earlier = existing
            .iter()
            .chain(&messages[..index])
            .find(|m| m.id == message.id);
        if let Some(first) = earlier {
            problems.push(ResourceProblem {
                line: message.line,
                kind: ResourceProblemKind::DuplicateMessage {
                    id: message.id.clone(),
                    first: format!("{}:{}", first.file, first.line),
                },
            });
        }
        if !catalog.iter().any(|info| info.code == message.id) {
            continue;
        }
        let known = template_variables(catalog, &message.id);
        for variable in &message.variables {
            if !known.contains(variable) {
                problems.push(ResourceProblem {
                    line: message.line,
                    kind: ResourceProblemKind::UnknownVariable {
                        code: message.id.clone(),
                        variable: variable.clone(),
                        known: known.clone(),
                    },
                });
            }
        }
    }
    problems
}

/// Terms (`-brand = …`) may be shared between resources of one language, defined once: the
/// resource's term ids, and a problem for each one defined before.
fn check_terms(
    resource: &FluentResource,
    file: &str,
    existing: &[String],
) -> (Vec<String>, Vec<ResourceProblem>) {
    let mut terms: Vec<String> = Vec::new();
    let mut problems = Vec::new();
    for entry in resource.entries() {
        let ast::Entry::Term(term) = entry else {
            continue;
        };
        let id = term.id.name;
        let nth = terms.iter().filter(|t| *t == id).count();
        if nth > 0 || existing.iter().any(|t| t == id) {
            let line = line_of_entry(resource.source(), &format!("-{id}"), nth);
            problems.push(ResourceProblem {
                line,
                kind: ResourceProblemKind::DuplicateMessage {
                    id: format!("-{id}"),
                    first: if nth > 0 {
                        format!(
                            "{file}:{}",
                            line_of_entry(resource.source(), &format!("-{id}"), 0)
                        )
                    } else {
                        "an earlier resource".to_owned()
                    },
                },
            });
        }
        terms.push(id.to_owned());
    }
    (terms, problems)
}

/// Why a resource was refused. Each problem says where, as `file:line: …`.
#[derive(Debug)]
#[non_exhaustive]
pub enum LoadError {
    /// The language is not a language tag (`fr`, `pt-BR`).
    Language {
        /// The tag as given.
        tag: String,
    },
    /// A resource for the source language, whose texts are the derive's: reword them in the
    /// `#[code]` attributes, or load the resource under a regional tag (`en-GB`).
    SourceLanguage {
        /// The tag as given.
        tag: String,
    },
    /// The file could not be read.
    Io {
        /// The path, as given.
        file: String,
        /// What the operating system said.
        source: std::io::Error,
    },
    /// The resource has mistakes; nothing of it was added.
    Resource {
        /// The file name, as given.
        file: String,
        /// Every mistake found, by line.
        problems: Vec<ResourceProblem>,
    },
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Language { tag } => write!(
                f,
                "`{tag}` is not a language tag: write one such as `fr` or `pt-BR`"
            ),
            LoadError::SourceLanguage { tag } => write!(
                f,
                "`{tag}` is the source language, whose texts are the derive's: change the #[code] \
                 attributes, or load the resource under a regional tag such as `{tag}-GB`"
            ),
            LoadError::Io { file, source } => write!(f, "{file}: cannot read: {source}"),
            LoadError::Resource { file, problems } => {
                for (index, problem) in problems.iter().enumerate() {
                    if index > 0 {
                        f.write_str("\n")?;
                    }
                    write!(f, "{file}:{}: {}", problem.line, problem.kind)?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for LoadError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            LoadError::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// One mistake in a Fluent resource.
///
/// ```
/// use authos_errors::{ApiErrorCode, catalog::AuthOsError, l10n::{LoadError, Localizer, ResourceProblemKind}};
/// let mut localizer = Localizer::new(AuthOsError::CATALOG);
/// let Err(LoadError::Resource { problems, .. }) =
///     localizer.add_resource("fr", "fr.ftl", "# ok\nTOKEN_EXPIRED = { oops\n")
/// else { panic!("a syntax error is refused") };
/// assert_eq!(problems[0].line, 2);
/// assert!(matches!(problems[0].kind, ResourceProblemKind::Syntax { .. }));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResourceProblem {
    /// The line (1-based) of the mistake, or of the message it is in.
    pub line: usize,
    /// What is wrong.
    pub kind: ResourceProblemKind,
}

/// What is wrong in a [`ResourceProblem`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ResourceProblemKind {
    /// Not Fluent syntax.
    Syntax {
        /// The parser's explanation.
        reason: String,
    },
    /// A message (or term) defined twice for one language.
    DuplicateMessage {
        /// The message id (`-name` for a term).
        id: String,
        /// Where it was first defined (`file:line`).
        first: String,
    },
    /// A message uses a variable the code's message template does not interpolate: it would
    /// never be set.
    UnknownVariable {
        /// The error code.
        code: String,
        /// The variable, without `$`.
        variable: String,
        /// The variables the code has.
        known: Vec<String>,
    },
}

impl fmt::Display for ResourceProblemKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ResourceProblemKind::Syntax { reason } => write!(f, "syntax error: {reason}"),
            ResourceProblemKind::DuplicateMessage { id, first } => {
                write!(f, "`{id}` is defined twice (first at {first}): keep one")
            }
            ResourceProblemKind::UnknownVariable {
                code,
                variable,
                known,
            } => {
                write!(
                    f,
                    "message `{code}` uses the variable `${variable}`, which the code's message template does not have"
                )?;
                if known.is_empty() {
                    f.write_str(" (it has none)")
                } else {
                    let known: Vec<String> = known.iter().map(|k| format!("${k}")).collect();
                    write!(f, " (it has {})", known.join(", "))
                }
            }
        }
    }
}

/// What a translation covers of a catalog: the codes it lacks, the messages no code has, and
/// the variables its messages use that their code's template does not have. A CI test can fail
/// on anything missing with [`Coverage::assert_complete`].
///
/// ```
/// use authos_errors::{ApiErrorCode, catalog::MfaError, l10n};
/// let ftl = "MFA_REQUIRED = Vérification MFA requise\nMFA_TYPO = …\n";
/// let coverage = l10n::coverage(MfaError::CATALOG, "fr", "fr/mfa.ftl", ftl)?;
/// assert!(!coverage.is_complete());
/// assert_eq!(coverage.missing, ["INVALID_MFA_CODE", "MFA_NOT_ENABLED", "MFA_ALREADY_ENABLED", "NO_BACKUP_CODES"]);
/// assert_eq!(coverage.unknown, ["MFA_TYPO"]);
/// # Ok::<(), authos_errors::l10n::LoadError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Coverage {
    /// The language of the translation.
    pub language: LanguageIdentifier,
    /// Codes of the catalog with no message (or a message without a value), in catalog order.
    pub missing: Vec<&'static str>,
    /// Codes whose message is templated and has no `.description` attribute, so the
    /// problem+json `title` stays in the source language.
    pub missing_descriptions: Vec<&'static str>,
    /// Message ids that are no code of the catalog (typos, removed codes).
    pub unknown: Vec<String>,
    /// `(code, variable)`: variables a message uses that the code's template does not have.
    pub unknown_variables: Vec<(String, String)>,
}

impl Coverage {
    /// Whether the translation has a message for every code, and nothing else wrong.
    ///
    /// ```
    /// use authos_errors::l10n::Localizer;
    /// assert!(authos_errors::catalog::localizer().coverage("fr").unwrap().is_complete());
    /// ```
    #[must_use]
    pub fn is_complete(&self) -> bool {
        self.missing.is_empty()
            && self.missing_descriptions.is_empty()
            && self.unknown.is_empty()
            && self.unknown_variables.is_empty()
    }

    /// Panics, listing what is missing or wrong, unless the translation is complete: the
    /// one-line check for a test.
    ///
    /// # Panics
    /// When [`is_complete`](Self::is_complete) is false.
    ///
    /// ```
    /// use authos_errors::l10n::Localizer;
    /// authos_errors::catalog::localizer().coverage("fr").unwrap().assert_complete();
    /// ```
    #[track_caller]
    pub fn assert_complete(&self) {
        assert!(self.is_complete(), "{self}");
    }
}

impl fmt::Display for Coverage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let language = &self.language;
        if self.is_complete() {
            return write!(f, "the `{language}` translation covers every code");
        }
        write!(f, "the `{language}` translation is incomplete:")?;
        for code in &self.missing {
            write!(f, "\n  missing: {code}")?;
        }
        for code in &self.missing_descriptions {
            write!(f, "\n  missing `.description` attribute: {code}")?;
        }
        for id in &self.unknown {
            write!(f, "\n  not a code of the catalog: {id}")?;
        }
        for (code, variable) in &self.unknown_variables {
            write!(
                f,
                "\n  {code} uses ${variable}, which its template does not have"
            )?;
        }
        Ok(())
    }
}

/// The coverage of the Fluent resource `ftl` (named `file` in errors) for `catalog`, without
/// building a [`Localizer`]: for a CI check over `.ftl` files.
///
/// # Errors
/// [`LoadError::Language`] for a bad tag, [`LoadError::Resource`] for syntax errors (variables
/// are reported in the [`Coverage`], not as errors).
///
/// ```
/// use authos_errors::{ApiErrorCode, catalog::AuthOsError, l10n};
/// let coverage = l10n::coverage(AuthOsError::CATALOG, "fr", "fr/errors.ftl", authos_errors::catalog::AUTHOS_FTL_FR)?;
/// coverage.assert_complete();
/// # Ok::<(), authos_errors::l10n::LoadError>(())
/// ```
pub fn coverage(
    catalog: &'static [ErrorCodeInfo],
    language: &str,
    file: &str,
    ftl: &str,
) -> Result<Coverage, LoadError> {
    let language = parse_language(language)?;
    let resource = parse_resource(file, ftl.to_owned())?;
    Ok(coverage_of(catalog, language, &summarise(&resource, file)))
}

fn coverage_of(
    catalog: &'static [ErrorCodeInfo],
    language: LanguageIdentifier,
    messages: &[MessageSummary],
) -> Coverage {
    let mut coverage = Coverage {
        language,
        missing: Vec::new(),
        missing_descriptions: Vec::new(),
        unknown: Vec::new(),
        unknown_variables: Vec::new(),
    };
    for (index, info) in catalog.iter().enumerate() {
        if catalog[..index].iter().any(|seen| seen.code == info.code) {
            continue;
        }
        match messages.iter().find(|m| m.id == info.code) {
            Some(message) if message.has_value => {
                let templated = catalog
                    .iter()
                    .any(|i| i.code == info.code && i.message_template.is_some());
                if templated && !message.has_description {
                    coverage.missing_descriptions.push(info.code);
                }
            }
            _ => coverage.missing.push(info.code),
        }
    }
    for message in messages {
        if !catalog.iter().any(|info| info.code == message.id) {
            if !coverage.unknown.contains(&message.id) {
                coverage.unknown.push(message.id.clone());
            }
            continue;
        }
        let known = template_variables(catalog, &message.id);
        for variable in &message.variables {
            if !known.contains(variable) {
                coverage
                    .unknown_variables
                    .push((message.id.clone(), variable.clone()));
            }
        }
    }
    coverage
}

/// A Fluent resource of `catalog`'s source texts, one message per code (the first entry of a
/// code listed in several groups): the English resource a translation starts from.
///
/// Each message's value is the variant's `message` template in Fluent syntax (`{min}` →
/// `{ $min }`, `{0:.1}` → `{ $arg0 }`), else its description; a templated code also gets its
/// description as the `.description` attribute. Braces and line starts Fluent would read as
/// syntax are escaped, so the resource, loaded as a translation, renders every message exactly
/// as the derive does.
///
/// ```
/// use authos_errors::{ApiErrorCode, l10n};
///
/// #[derive(Debug, ApiErrorCode)]
/// #[api_error(group = "Signup Errors")]
/// enum SignupError {
///     /// Slug shorter than the minimum
///     #[code("SLUG_TOO_SHORT", status = 400, message = "Slug must be at least {min} characters")]
///     SlugTooShort { min: usize },
///     /// Email taken
///     #[code("EMAIL_TAKEN", status = 409)]
///     EmailTaken,
/// }
///
/// let expected = "## Signup Errors\n\n\
///     SLUG_TOO_SHORT = Slug must be at least { $min } characters\n    .description = Slug shorter than the minimum\n\
///     EMAIL_TAKEN = Email taken\n";
/// assert_eq!(l10n::skeleton(SignupError::CATALOG), format!("{}{expected}", l10n::SKELETON_HEADER));
/// ```
#[must_use]
pub fn skeleton(catalog: &[ErrorCodeInfo]) -> String {
    let mut out = String::from(SKELETON_HEADER);
    let mut group: Option<&str> = None;
    for (index, info) in catalog.iter().enumerate() {
        if group != Some(info.group) {
            if group.is_some() {
                out.push('\n');
            }
            out.push_str("## ");
            out.push_str(info.group);
            out.push_str("\n\n");
            group = Some(info.group);
        }
        let text = info.message_template.map_or_else(
            || fluent_text(info.description, false),
            |template| fluent_text(template, true),
        );
        if let Some(first) = catalog[..index].iter().find(|seen| seen.code == info.code) {
            // One message per code: a later group's own English text is kept as a note.
            if first.group != info.group {
                out.push_str(&format!(
                    "# {} is translated under {}; here its English text is: {}\n",
                    info.code,
                    first.group,
                    text.replace('\n', " ")
                ));
            }
            continue;
        }
        out.push_str(info.code);
        out.push_str(" = ");
        out.push_str(&text);
        out.push('\n');
        if info.message_template.is_some() {
            out.push_str("    .description = ");
            out.push_str(&fluent_text(info.description, false));
            out.push('\n');
        }
    }
    out
}

/// `text` as a Fluent pattern: `{field}` placeholders become variables when `template`, literal
/// braces and syntax-significant line starts are written as string literals, and continuation
/// lines are indented.
fn fluent_text(text: &str, template: bool) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut line_start = true;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' | '}' if template && chars.peek() == Some(&c) => {
                chars.next();
                out.push_str(if c == '{' { "{ \"{\" }" } else { "{ \"}\" }" });
            }
            '{' if template => {
                let mut inner = String::new();
                for next in chars.by_ref() {
                    if next == '}' {
                        break;
                    }
                    inner.push(next);
                }
                let name = inner.split(':').next().unwrap_or_default().trim();
                let name = if name.bytes().all(|b| b.is_ascii_digit()) {
                    format!("arg{name}")
                } else {
                    name.to_owned()
                };
                out.push_str("{ $");
                out.push_str(&name);
                out.push_str(" }");
            }
            '{' => out.push_str("{ \"{\" }"),
            '}' => out.push_str("{ \"}\" }"),
            '\n' => {
                out.push_str("\n    ");
                line_start = true;
                continue;
            }
            // Fluent trims a pattern's edges and reads `[`, `*`, `.` at a line's start as syntax.
            ' ' if out.is_empty() || chars.peek().is_none() => out.push_str("{ \" \" }"),
            '[' | '*' | '.' if line_start => {
                out.push_str("{ \"");
                out.push(c);
                out.push_str("\" }");
            }
            c => out.push(c),
        }
        line_start = false;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::Localizer;
    use crate::ApiErrorCode;

    #[derive(Debug, ApiErrorCode)]
    enum TransferError {
        /// Amount over the limit
        #[code(
            "OVER_LIMIT",
            status = 400,
            message = "{amount} is over the limit of {limit}"
        )]
        OverLimit { amount: i64, limit: u64 },
        /// Account unknown
        #[code("UNKNOWN_ACCOUNT", status = 404, message = "No account {account}")]
        UnknownAccount { account: String },
        /// Rate too high
        #[code("RATE_TOO_HIGH", status = 400, message = "Rate {rate} is too high")]
        RateTooHigh { rate: f64 },
        /// Attempts left
        #[code("ATTEMPTS_LEFT", status = 400, message = "{left} attempts left")]
        AttemptsLeft { left: u64 },
    }

    const FRENCH: &str = "\
OVER_LIMIT = { $amount } dépasse la limite de { $limit }
UNKNOWN_ACCOUNT = Aucun compte { $account }
RATE_TOO_HIGH = Le taux { $rate } est trop élevé
ATTEMPTS_LEFT = { $left ->
    [one] Il reste { $left } essai
   *[other] Il reste { $left } essais
}
";

    fn french(error: &TransferError) -> String {
        let mut localizer = Localizer::new(TransferError::CATALOG);
        localizer
            .add_resource("fr", "fr.ftl", FRENCH)
            .expect("the resource loads");
        let french = localizer.locale("fr").expect("French is loaded");
        french.message(error).into_owned()
    }

    #[test]
    fn localised_messages_keep_every_digit() {
        assert_eq!(
            french(&TransferError::OverLimit {
                amount: i64::MIN,
                limit: u64::MAX,
            }),
            "-9223372036854775808 dépasse la limite de 18446744073709551615"
        );
        for account in ["000123", "12345678901234567890", "9007199254740993", "1e5"] {
            assert_eq!(
                french(&TransferError::UnknownAccount {
                    account: account.into(),
                }),
                format!("Aucun compte {account}")
            );
        }
        for (rate, text) in [
            (0.1, "0.1"),
            (-2.5, "-2.5"),
            (0.1 + 0.2, "0.30000000000000004"),
            (1e21, "1000000000000000000000"),
            (123_456.789, "123456.789"),
        ] {
            assert_eq!(
                french(&TransferError::RateTooHigh { rate }),
                format!("Le taux {text} est trop élevé")
            );
        }
    }

    #[test]
    fn small_integers_still_select_plural_forms() {
        assert_eq!(
            french(&TransferError::AttemptsLeft { left: 1 }),
            "Il reste 1 essai"
        );
        assert_eq!(
            french(&TransferError::AttemptsLeft { left: 3 }),
            "Il reste 3 essais"
        );
        assert_eq!(
            french(&TransferError::AttemptsLeft {
                left: 9_007_199_254_740_992
            }),
            "Il reste 9007199254740992 essais"
        );
        // Beyond 2^53 the value is text: the default variant, every digit kept.
        assert_eq!(
            french(&TransferError::AttemptsLeft { left: u64::MAX }),
            "Il reste 18446744073709551615 essais"
        );
    }

    #[cfg(feature = "http")]
    #[test]
    fn accept_language_lines_are_read_up_to_the_bound_without_joining() {
        use super::MAX_LANGUAGE_RANGES;
        let mut localizer = Localizer::new(TransferError::CATALOG);
        localizer
            .add_resource("fr", "fr.ftl", FRENCH)
            .expect("the resource loads");
        let padding = vec!["de;q=0.9"; 100_000];
        let late = padding.iter().copied().chain(["fr"]);
        assert_eq!(localizer.negotiate_lines(late), 0);
        let early = ["de, fr"].into_iter().chain(padding.iter().copied());
        assert_eq!(
            localizer
                .locale_at(localizer.negotiate_lines(early))
                .language()
                .to_string(),
            "fr"
        );
        let lines = ["de, it"; MAX_LANGUAGE_RANGES / 2 - 1];
        let last = lines.iter().copied().chain(["es, fr"]);
        assert_ne!(localizer.negotiate_lines(last), 0);
        let unread = lines.iter().copied().chain(["es, nl, fr"]);
        assert_eq!(localizer.negotiate_lines(unread), 0);
    }

    #[test]
    fn exact_numbers_are_the_texts_an_f64_reads_back() {
        for exact in [
            "0",
            "-0",
            "3",
            "-2.5",
            "2.50",
            "1.0",
            "0.000001",
            "9007199254740992",
            "-9007199254740992",
            "123456789012.345",
        ] {
            assert!(super::is_exact_number(exact), "{exact}");
        }
        for text in [
            "9007199254740993",
            "18446744073709551615",
            "123456789012345678901234567890",
            "0.30000000000000004",
            "1234567890123.456",
            "007",
            "00",
            "1e5",
            "inf",
            "NaN",
            "+1",
            "1.",
            ".5",
            "-",
            "",
            "1_000",
        ] {
            assert!(!super::is_exact_number(text), "{text}");
        }
    }
}
