//! Rendering in one language: the [`Locale`] a negotiation chose, and its texts.

use std::borrow::Cow;
use std::fmt;

use fluent_bundle::{FluentArgs, FluentValue};
use unic_langid::LanguageIdentifier;

use super::{Localizer, Translation, variable_name};
use crate::{ApiErrorCode, ErrorCodeInfo};

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
    pub(super) localizer: &'a Localizer,
    /// Index into `localizer.languages`; 0 is the source language.
    pub(super) index: usize,
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

    /// The `Content-Language` of a body whose texts are in this language where `translated`,
    /// and in the source language where `untranslated`: this language's tag (`fr`), the
    /// source's (`en`) when nothing was translated, both (`fr, en`) for a mixed body.
    #[cfg(feature = "http")]
    pub(crate) fn content_language(&self, translated: bool, untranslated: bool) -> &'static str {
        let localizer = self.localizer;
        match (translated, untranslated) {
            (false, _) => localizer.tags[0],
            (true, false) => localizer.tags[self.index],
            (true, true) => localizer.mixed_tags[self.index],
        }
    }

    pub(super) fn translation(&self) -> Option<&'a Translation> {
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
        self.translate_code(error.info().code, None, |visit| {
            error.visit_message_args(visit);
        })
    }

    /// The translation of the message of `code` (of its attribute `variant`, for a text made
    /// from other arguments than the message's), whose variables `args` passes as
    /// [`ApiErrorCode::visit_message_args`] does: for a server that kept the code and the
    /// arguments rather than the error value.
    pub(crate) fn translate_code(
        &self,
        code: &str,
        variant: Option<&str>,
        args: impl FnOnce(&mut dyn FnMut(&'static str, &dyn fmt::Display)),
    ) -> Option<Cow<'a, str>> {
        let bundle = &self.translation()?.bundle;
        let message = bundle.get_message(code)?;
        let pattern = match variant {
            Some(attribute) => message.get_attribute(attribute)?.value(),
            None => message.value()?,
        };
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

    /// Whether this language's translation of `code` has the attribute `variant` (a text
    /// variant, see the [module docs](super)).
    #[cfg(feature = "validator")]
    pub(crate) fn has_variant(&self, code: &str, variant: &str) -> bool {
        self.translation()
            .and_then(|translation| translation.bundle.get_message(code))
            .is_some_and(|message| message.get_attribute(variant).is_some())
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
pub(super) fn is_exact_number(text: &str) -> bool {
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
