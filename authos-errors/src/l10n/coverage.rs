//! What a translation covers of the catalogs: the codes it lacks, the messages no code has,
//! the variables no template gives.

use std::fmt;

use unic_langid::LanguageIdentifier;

use super::load::{LoadError, MessageSummary, parse_language, parse_resource, summarise};
use super::{Localizer, entries, is_code, template_variables};
use crate::ErrorCodeInfo;

impl Localizer {
    /// What the translation for `language` covers of the catalogs (all of them, with
    /// [`with_catalog`](Self::with_catalog)), `None` when the localizer
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
            &self.catalogs,
            locale.language().clone(),
            &translation.messages,
        ))
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
    Ok(coverage_of(
        &[catalog],
        language,
        &summarise(&resource, file),
    ))
}

fn coverage_of(
    catalogs: &[&'static [ErrorCodeInfo]],
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
    let mut seen: Vec<&str> = Vec::new();
    for info in entries(catalogs) {
        if seen.contains(&info.code) {
            continue;
        }
        seen.push(info.code);
        match messages.iter().find(|m| m.id == info.code) {
            Some(message) if message.has_value => {
                let templated =
                    entries(catalogs).any(|i| i.code == info.code && i.message_template.is_some());
                if templated && !message.has_description {
                    coverage.missing_descriptions.push(info.code);
                }
            }
            _ => coverage.missing.push(info.code),
        }
    }
    for message in messages {
        if !is_code(catalogs, &message.id) {
            if !coverage.unknown.contains(&message.id) {
                coverage.unknown.push(message.id.clone());
            }
            continue;
        }
        let known = template_variables(catalogs, &message.id);
        for variable in message.unknown_variables(&known) {
            coverage
                .unknown_variables
                .push((message.id.clone(), variable.clone()));
        }
    }
    coverage
}
