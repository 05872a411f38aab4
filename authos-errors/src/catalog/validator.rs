//! The AuthOS catalog's mapping of `validator` rules to its codes, built with the public
//! [`Rules`] API as any catalog's would be (feature `validator`).

use crate::ApiErrorCode;
use crate::catalog::{GeneralError, ValidationError};
use crate::validation::Rules;

/// The AuthOS mapping of `validator` rule names to catalog codes:
///
/// | rule | field | code |
/// |---|---|---|
/// | `email` | any | `INVALID_EMAIL` |
/// | `url` | any | `INVALID_URL` |
/// | `length` | `slug` | `SLUG_TOO_SHORT` / `SLUG_TOO_LONG` (by the bound the value misses) |
/// | `length` | `name` | `NAME_TOO_SHORT` / `NAME_TOO_LONG` |
/// | `length` | `password` | `WEAK_PASSWORD` |
/// | anything else | | `BAD_REQUEST` |
///
/// The response answers with AuthOS's `BAD_REQUEST`. Rules you add take precedence, as with any
/// [`Rules`].
///
/// ```
/// use std::borrow::Cow;
/// use authos_errors::{ApiErrorCode, catalog};
/// use validator::{ValidationError, ValidationErrors};
///
/// let mut report = ValidationErrors::new();
/// report.add("email", ValidationError::new("email"));
/// let mut short = ValidationError::new("length");
/// short.add_param(Cow::Borrowed("min"), &3);
/// short.add_param(Cow::Borrowed("value"), &"ab");
/// report.add("slug", short);
///
/// let errors = catalog::validation_rules().field_errors(&report);
/// let entries: Vec<_> = errors.iter().map(|e| (e.pointer(), e.code())).collect();
/// assert_eq!(entries, [("/email", "INVALID_EMAIL"), ("/slug", "SLUG_TOO_SHORT")]);
/// assert_eq!(errors.iter().nth(1).unwrap().details(), Some(&serde_json::json!({"min": 3})));
/// assert_eq!(errors.info(), catalog::GeneralError::BadRequest.info());
/// ```
#[must_use]
pub fn validation_rules() -> Rules {
    Rules::new()
        .with_fallback(&GeneralError::BadRequest)
        .with_summary(GeneralError::BadRequest.info())
        .rule("email", &ValidationError::InvalidEmail)
        .rule("url", &ValidationError::InvalidUrl)
        .length_rule(
            "slug",
            &ValidationError::SlugTooShort,
            &ValidationError::SlugTooLong,
        )
        .length_rule(
            "name",
            &ValidationError::NameTooShort,
            &ValidationError::NameTooLong,
        )
        .field_rule("password", "length", &ValidationError::WeakPassword)
}

impl Rules {
    /// The AuthOS mapping: [`catalog::validation_rules`](validation_rules).
    ///
    /// ```
    /// # #![allow(deprecated)]
    /// use authos_errors::validation::Rules;
    /// let mut report = validator::ValidationErrors::new();
    /// report.add("homepage", validator::ValidationError::new("url"));
    /// assert_eq!(Rules::authos().field_errors(&report).iter().next().unwrap().code(), "INVALID_URL");
    /// ```
    #[deprecated(
        since = "0.1.0",
        note = "use `authos_errors::catalog::validation_rules()`"
    )]
    #[must_use]
    pub fn authos() -> Self {
        validation_rules()
    }
}
