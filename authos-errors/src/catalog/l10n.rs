//! The AuthOS catalog's translations, loaded through the public [`Localizer`] API as any
//! catalog's would be (feature `fluent`).

use std::sync::{Arc, OnceLock};

use crate::ApiErrorCode;
use crate::catalog::AuthOsError;
use crate::l10n::{LoadError, Localizer};

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
/// translation ([`AUTHOS_FTL_FR`]), loaded on first use; shared, for the HTTP layers. With
/// feature `http`, the framework's own codes too (`Localizer::with_framework`), so that a
/// 405, 413 or 415 a layer answers is French as well.
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
        // The shipped resources are checked by the tests; were one ever refused, answering in
        // English beats panicking inside a request.
        let localizer = Localizer::new(AuthOsError::CATALOG).with_authos();
        #[cfg(feature = "http")]
        let localizer = localizer.and_then(Localizer::with_framework);
        let localizer = localizer.unwrap_or_else(|_| Localizer::new(AuthOsError::CATALOG));
        Arc::new(localizer)
    })
}

impl Localizer {
    /// This localizer over the AuthOS catalog too
    /// ([`with_catalog`](Localizer::with_catalog)`(AuthOsError::CATALOG)`), with its shipped
    /// translations ([`AUTHOS_FTL_FR`]) added: a service answering with its own errors and
    /// AuthOS's, in one call.
    ///
    /// # Errors
    /// As [`add_resource`](Localizer::add_resource): a [`LoadError`] when a resource already
    /// loaded for French defines one of the AuthOS codes (a message is defined once).
    ///
    /// ```
    /// use authos_errors::{ApiErrorCode, catalog::MfaError, l10n::Localizer};
    ///
    /// #[derive(Debug, ApiErrorCode)]
    /// enum OrderError {
    ///     /// Order not found
    ///     #[code("ORDER_NOT_FOUND", status = 404)]
    ///     NotFound,
    /// }
    ///
    /// let mut localizer = Localizer::new(OrderError::CATALOG).with_authos()?;
    /// localizer.add_resource("fr", "fr/orders.ftl", "ORDER_NOT_FOUND = Commande introuvable\n")?;
    /// let french = localizer.negotiate("fr").unwrap();
    /// assert_eq!(french.message(&OrderError::NotFound), "Commande introuvable");
    /// assert_eq!(french.message(&MfaError::MfaRequired), "Vérification MFA requise");
    /// localizer.coverage("fr").unwrap().assert_complete();
    /// # Ok::<(), authos_errors::l10n::LoadError>(())
    /// ```
    pub fn with_authos(self) -> Result<Self, LoadError> {
        let mut localizer = self.with_catalog(AuthOsError::CATALOG);
        localizer.add_resource("fr", "locales/fr/errors.ftl", AUTHOS_FTL_FR)?;
        Ok(localizer)
    }

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
