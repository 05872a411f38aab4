//! The AuthOS catalog's translations, loaded through the public [`Localizer`] API as any
//! catalog's would be (feature `fluent`).

use std::sync::{Arc, OnceLock};

use crate::ApiErrorCode;
use crate::catalog::AuthOsError;
use crate::l10n::Localizer;

/// The English source texts of the AuthOS catalog as Fluent (`locales/en/errors.ftl`): what
/// [`l10n::skeleton`](crate::l10n::skeleton) writes for
/// [`AuthOsError::CATALOG`](crate::ApiErrorCode::CATALOG), the starting point of a translation.
///
/// ```
/// use authos_errors::{ApiErrorCode, catalog::{self, AuthOsError}, l10n};
/// assert_eq!(l10n::skeleton(AuthOsError::CATALOG), catalog::AUTHOS_FTL_EN);
/// ```
pub const AUTHOS_FTL_EN: &str = include_str!("../../locales/en/errors.ftl");

/// The French translation of the AuthOS catalog (`locales/fr/errors.ftl`), every code.
///
/// ```
/// assert!(authos_errors::catalog::AUTHOS_FTL_FR.contains("TOKEN_EXPIRED = "));
/// ```
pub const AUTHOS_FTL_FR: &str = include_str!("../../locales/fr/errors.ftl");

/// The AuthOS catalog ([`AuthOsError::CATALOG`](crate::ApiErrorCode::CATALOG)) with its French
/// translation ([`AUTHOS_FTL_FR`]), loaded on first use; shared, for the HTTP layers.
///
/// ```
/// use authos_errors::catalog::{self, AuthenticationError};
/// let french = catalog::localizer().negotiate("fr").unwrap();
/// assert_eq!(french.message(&AuthenticationError::InvalidCredentials), "Adresse e-mail ou mot de passe incorrect");
/// ```
#[must_use]
pub fn localizer() -> &'static Arc<Localizer> {
    static AUTHOS: OnceLock<Arc<Localizer>> = OnceLock::new();
    AUTHOS.get_or_init(|| {
        let mut localizer = Localizer::new(AuthOsError::CATALOG);
        // The shipped resource is checked by the tests; were it ever refused, answering in
        // English beats panicking inside a request.
        let _ = localizer.add_resource("fr", "locales/fr/errors.ftl", AUTHOS_FTL_FR);
        Arc::new(localizer)
    })
}

impl Localizer {
    /// The AuthOS catalog with its French translation: [`catalog::localizer`](localizer).
    ///
    /// ```
    /// # #![allow(deprecated)]
    /// use authos_errors::l10n::Localizer;
    /// assert!(std::sync::Arc::ptr_eq(Localizer::authos(), authos_errors::catalog::localizer()));
    /// ```
    #[deprecated(since = "0.1.0", note = "use `authos_errors::catalog::localizer()`")]
    #[must_use]
    pub fn authos() -> &'static Arc<Localizer> {
        localizer()
    }
}
