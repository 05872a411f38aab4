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
//! Any other attribute is a *variant*: the text of a field-errors entry made from other
//! arguments than the message's, named after them, joined by `-` — the validation bridge's
//! templates (`validation::Rules::template`, feature `validator`) fill a rule's bounds, and a
//! translation says the same bounds with `.min`, `.max`, `.min-max`, `.equal`:
//!
//! ```ftl
//! WEAK_PASSWORD = Le mot de passe ne respecte pas les exigences de sécurité
//!     .min = Le mot de passe doit contenir au moins { $min } caractères
//! ```
//!
//! A text made from no argument at all (`Slug too short`) is the variant `.none`. A variant
//! may use the variables it is named after; an entry whose variant the translation
//! lacks stays in the source language, whose text names the same bounds as its `details`.
//!
//! Mistakes in a resource (syntax errors, a duplicate message, a variable the code's template
//! (or the variant's name) does not have) are reported when it is loaded, with file and line, as a [`LoadError`];
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
//! request's language with `Content-Language` and `Vary: Accept-Language` (the entries of a
//! [`FieldErrors`](crate::field_errors::FieldErrors) too, each with its own arguments; a body
//! only partly translated says `Content-Language: fr, en`); any other server
//! passes a [`Locale`] to `response::RenderContext::with_locale`.
//!
//! Codes listed in several groups of a catalog (AuthOS's `NOT_FOUND`, `UNAUTHORIZED`,
//! `FORBIDDEN`) have one message, as a code is one contract: the translation of the first
//! group's text.

mod coverage;
mod load;
mod negotiate;
mod render;
mod skeleton;

use std::borrow::Cow;
use std::fmt;
use std::sync::{Mutex, PoisonError};

use fluent_bundle::FluentResource;
use fluent_bundle::concurrent::FluentBundle;
use unic_langid::LanguageIdentifier;

use crate::ErrorCodeInfo;

pub use coverage::{Coverage, coverage};
pub use load::{LoadError, ResourceProblem, ResourceProblemKind};
pub use negotiate::MAX_LANGUAGE_RANGES;
pub use render::Locale;
pub use skeleton::{SKELETON_HEADER, skeleton};

use load::{MessageSummary, parse_language};

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
    /// The catalogs translated, in the order they were given; a code is one contract across
    /// them.
    catalogs: Vec<&'static [ErrorCodeInfo]>,
    /// The source language first, then each translation's, in the order they were added.
    languages: Vec<LanguageIdentifier>,
    /// Each language's tag (`fr`), interned: a response's `Content-Language` is borrowed, and
    /// matched as text.
    tags: Vec<&'static str>,
    /// Each translation's tag with the source language's (`fr, en`), interned: the
    /// `Content-Language` of a body only partly translated. The source's own tag at 0.
    mixed_tags: Vec<&'static str>,
    /// Whether every language is a primary language alone (`en`, `fr`): negotiation then
    /// compares primary subtags, without parsing.
    bare: bool,
    translations: Vec<Translation>,
}

struct Translation {
    bundle: FluentBundle<FluentResource>,
    /// Every message of the loaded resources, for coverage reports.
    messages: Vec<MessageSummary>,
    /// Every term id (without `-`) of the loaded resources, to refuse a second definition.
    terms: Vec<String>,
}

impl fmt::Debug for Localizer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Localizer")
            .field("catalogs", &self.catalogs.len())
            .field("codes", &entries(&self.catalogs).count())
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
        Localizer::over(&[catalog])
    }

    /// A localizer over several catalogs — a service's own and the AuthOS catalog, say — with
    /// only the source language: resources are keyed by the codes of all of them, and
    /// [`coverage`](Self::coverage) checks a translation against all of them.
    ///
    /// ```
    /// use authos_errors::{ApiErrorCode, catalog::AuthOsError, l10n::Localizer};
    ///
    /// #[derive(Debug, ApiErrorCode)]
    /// enum OrderError {
    ///     /// Order not found
    ///     #[code("ORDER_NOT_FOUND", status = 404)]
    ///     NotFound,
    /// }
    ///
    /// let localizer = Localizer::over(&[OrderError::CATALOG, AuthOsError::CATALOG]);
    /// assert_eq!(localizer.catalogs().len(), 2);
    /// ```
    #[must_use]
    pub fn over(catalogs: &[&'static [ErrorCodeInfo]]) -> Self {
        let mut localizer = Localizer {
            catalogs: Vec::new(),
            languages: vec![LanguageIdentifier::from_bytes(b"en").unwrap_or_default()],
            tags: Vec::new(),
            mixed_tags: Vec::new(),
            bare: true,
            translations: Vec::new(),
        };
        for catalog in catalogs {
            localizer = localizer.with_catalog(catalog);
        }
        localizer.languages_changed();
        localizer
    }

    /// This localizer over `catalog` too (once, however often it is given): its codes are
    /// keyed, checked and covered as the first catalog's are. Add catalogs before resources
    /// that translate their codes: a resource's variables are checked against the catalogs
    /// known when it is loaded (and [`coverage`](Self::coverage) checks them again).
    ///
    /// ```
    /// use authos_errors::{ApiErrorCode, catalog::{AuthOsError, MfaError}, l10n::Localizer};
    ///
    /// #[derive(Debug, ApiErrorCode)]
    /// enum OrderError {
    ///     /// Order not found
    ///     #[code("ORDER_NOT_FOUND", status = 404)]
    ///     NotFound,
    /// }
    ///
    /// let mut localizer = Localizer::new(OrderError::CATALOG).with_catalog(AuthOsError::CATALOG);
    /// localizer.add_resource("fr", "fr/orders.ftl", "ORDER_NOT_FOUND = Commande introuvable\n")?;
    /// localizer.add_resource("fr", "fr/authos.ftl", authos_errors::catalog::AUTHOS_FTL_FR)?;
    /// let french = localizer.locale("fr").unwrap();
    /// assert_eq!(french.message(&OrderError::NotFound), "Commande introuvable");
    /// assert_eq!(french.message(&MfaError::MfaRequired), "Vérification MFA requise");
    /// localizer.coverage("fr").unwrap().assert_complete(); // every code of both catalogs
    /// # Ok::<(), authos_errors::l10n::LoadError>(())
    /// ```
    #[must_use]
    pub fn with_catalog(mut self, catalog: &'static [ErrorCodeInfo]) -> Self {
        if !self
            .catalogs
            .iter()
            .any(|known| std::ptr::eq(*known, catalog))
        {
            self.catalogs.push(catalog);
        }
        self
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
        self.languages[0] = language;
        self.languages_changed();
        Ok(self)
    }

    /// Recomputes what is derived from the languages, once per change rather than per request.
    fn languages_changed(&mut self) {
        self.tags = self
            .languages
            .iter()
            .map(|language| interned(language.to_string()))
            .collect();
        let source = self.tags[0];
        self.mixed_tags = self
            .tags
            .iter()
            .enumerate()
            .map(|(index, tag)| match index {
                0 => source,
                _ => interned(format!("{tag}, {source}")),
            })
            .collect();
        self.bare = self.languages.iter().all(|language| {
            language.script.is_none() && language.region.is_none() && language.variants().len() == 0
        });
    }

    /// The catalog this localizer translates: the first it was given (see
    /// [`catalogs`](Self::catalogs) for all of them; empty without any).
    ///
    /// ```
    /// use authos_errors::l10n::Localizer;
    /// assert_eq!(authos_errors::catalog::localizer().catalog().len(), 61);
    /// ```
    #[must_use]
    pub fn catalog(&self) -> &'static [ErrorCodeInfo] {
        self.catalogs.first().copied().unwrap_or_default()
    }

    /// Every catalog this localizer translates, in the order they were given.
    ///
    /// ```
    /// use authos_errors::{ApiErrorCode, catalog::AuthOsError, l10n::Localizer};
    /// assert_eq!(Localizer::new(AuthOsError::CATALOG).catalogs(), [AuthOsError::CATALOG]);
    /// ```
    #[must_use]
    pub fn catalogs(&self) -> &[&'static [ErrorCodeInfo]] {
        &self.catalogs
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
}

/// `tag` as a `&'static str`, allocated once per distinct tag for the life of the process (the
/// tags a service loads are few and fixed; no request adds one), so that a response's
/// `Content-Language` is borrowed rather than copied for every response.
fn interned(tag: String) -> &'static str {
    static TAGS: Mutex<Vec<&'static str>> = Mutex::new(Vec::new());
    let mut tags = TAGS.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(known) = tags.iter().find(|known| **known == tag) {
        return known;
    }
    let tag: &'static str = Box::leak(tag.into_boxed_str());
    tags.push(tag);
    tag
}

/// The Fluent variable of a placeholder name ([`ErrorCodeInfo::message_args`]): `min` stays
/// `min`, a tuple index `0` becomes `arg0` (a Fluent identifier cannot start with a digit).
fn variable_name(name: &str) -> Cow<'_, str> {
    if name.bytes().all(|b| b.is_ascii_digit()) {
        Cow::Owned(format!("arg{name}"))
    } else {
        Cow::Borrowed(name)
    }
}

/// Every entry of `catalogs`, in order.
fn entries<'c>(
    catalogs: &'c [&'static [ErrorCodeInfo]],
) -> impl Iterator<Item = &'static ErrorCodeInfo> + 'c {
    catalogs.iter().flat_map(|catalog| catalog.iter())
}

/// Whether `code` is a code of one of `catalogs`.
fn is_code(catalogs: &[&'static [ErrorCodeInfo]], code: &str) -> bool {
    entries(catalogs).any(|info| info.code == code)
}

/// The Fluent variables a translation of `code` may use (`$min`, `$arg0`): the placeholders of
/// its templates, over every entry of the code, should it appear in several groups or catalogs.
fn template_variables(catalogs: &[&'static [ErrorCodeInfo]], code: &str) -> Vec<String> {
    let mut variables: Vec<String> = Vec::new();
    for info in entries(catalogs).filter(|info| info.code == code) {
        for name in info.message_args {
            let variable = variable_name(name);
            if !variables.iter().any(|seen| *seen == *variable) {
                variables.push(variable.into_owned());
            }
        }
    }
    variables
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
            assert!(super::render::is_exact_number(exact), "{exact}");
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
            assert!(!super::render::is_exact_number(text), "{text}");
        }
    }
}
