//! The AuthOS catalog's mapping of `validator` rules to its codes, built with the public
//! [`Rules`] API as any catalog's would be (feature `validator`).

use crate::ApiErrorCode;
use crate::catalog::{GeneralError, ValidationError};
use crate::validation::Rules;
use ValidationError::{NameTooLong, NameTooShort, SlugTooLong, SlugTooShort, WeakPassword};

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
/// [`Rules`]. The catalog's texts name AuthOS's own bounds ("Slug less than 3 characters"); an
/// entry's message is rendered from the rule's real bounds instead ([`Rules::template`]), so
/// `length(min = 5)` on a slug says "Slug less than 5 characters" beside `{"min": 5}`, and a
/// failure whose bounds none names gets a text that names no number:
///
/// | code | templates, first that fits |
/// |---|---|
/// | `SLUG_TOO_SHORT` | `Slug less than {min} characters`, `Slug not {equal} characters`, `Slug too short` |
/// | `SLUG_TOO_LONG` | `Slug more than {max} characters`, `Slug not {equal} characters`, `Slug too long` |
/// | `NAME_TOO_SHORT` | `Name less than {min} characters`, `Name not {equal} characters`, `Name too short` |
/// | `NAME_TOO_LONG` | `Name more than {max} characters`, `Name not {equal} characters`, `Name too long` |
/// | `WEAK_PASSWORD` | the description, then `({min} to {max} characters)`, `(min {min} characters)`, `(max {max} characters)` or `({equal} characters)`; else the description alone |
///
/// The shipped French ([`localizer`](crate::catalog::localizer)) says each template with the same
/// bounds, from the variants `.min`, `.max`, `.min-max`, `.equal` and `.none` of its code.
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
/// assert_eq!(errors.iter().nth(1).unwrap().message(), "Slug less than 3 characters");
///
/// let mut weak = ValidationError::new("length");
/// weak.add_param(Cow::Borrowed("min"), &12);
/// let mut report = ValidationErrors::new();
/// report.add("password", weak);
/// let errors = catalog::validation_rules().field_errors(&report);
/// assert_eq!(
///     errors.iter().next().unwrap().message(),
///     "Password doesn’t meet requirements (min 12 characters)"
/// );
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
        .template(&SlugTooShort, "Slug less than {min} characters")
        .template(&SlugTooShort, "Slug not {equal} characters")
        .template(&SlugTooShort, "Slug too short")
        .template(&SlugTooLong, "Slug more than {max} characters")
        .template(&SlugTooLong, "Slug not {equal} characters")
        .template(&SlugTooLong, "Slug too long")
        .template(&NameTooShort, "Name less than {min} characters")
        .template(&NameTooShort, "Name not {equal} characters")
        .template(&NameTooShort, "Name too short")
        .template(&NameTooLong, "Name more than {max} characters")
        .template(&NameTooLong, "Name not {equal} characters")
        .template(&NameTooLong, "Name too long")
        .template(
            &WeakPassword,
            "Password doesn’t meet requirements ({min} to {max} characters)",
        )
        .template(
            &WeakPassword,
            "Password doesn’t meet requirements (min {min} characters)",
        )
        .template(
            &WeakPassword,
            "Password doesn’t meet requirements (max {max} characters)",
        )
        .template(
            &WeakPassword,
            "Password doesn’t meet requirements ({equal} characters)",
        )
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
