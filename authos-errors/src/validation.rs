//! A bridge from [`validator`](https://docs.rs/validator): its `ValidationErrors` report
//! becomes one [`FieldErrors`] response, each rule name mapped to a catalog code.
//!
//! `validator` rather than `garde`: `validator` reports each failure with its rule name
//! (`email`, `length`) and parameters (`min`, `max`), which map to catalog codes and to
//! machine-readable details; `garde` reports a path and an English message only.
//!
//! # Built-in mapping ([`Rules::authos`])
//!
//! | rule | field | code |
//! |---|---|---|
//! | `email` | any | `INVALID_EMAIL` |
//! | `url` | any | `INVALID_URL` |
//! | `length` | `slug` | `SLUG_TOO_SHORT` / `SLUG_TOO_LONG` (by the bound the value misses) |
//! | `length` | `name` | `NAME_TOO_SHORT` / `NAME_TOO_LONG` |
//! | `length` | `password` | `WEAK_PASSWORD` |
//! | anything else | | `BAD_REQUEST` |
//!
//! Your own rules map to your own codes with [`Rules::rule`] (every field) and
//! [`Rules::field_rule`] (one field name), which take precedence over the built-in ones.
//!
//! Each entry's `pointer` is the path of the value (`/members/0/email`; a struct-level
//! `#[validate(schema(...))]` error is `""`, the whole document), its `error` the rule's
//! `message` when the rule sets one, else the mapped error's message, and its `details` the
//! rule's bounds, and nothing else. Entries are sorted by pointer, then rule, so the same
//! report always gives the same body.
//!
//! # What reaches `details`
//!
//! Only parameters on an allow-list of the bounds validator's built-in rules declare:
//!
//! | rule | copied |
//! |---|---|
//! | `length` | `min`, `max`, `equal` |
//! | `range` | `min`, `max`, `exclusive_min`, `exclusive_max` |
//! | `contains`, `does_not_contain` | `needle` (the pattern written in the attribute) |
//! | `email`, `url`, `ip`, `regex`, `credit_card`, `non_control_character`, `required`, `must_match`, `custom`, `schema` | nothing |
//!
//! Never a value: not `value` (the user's input, which every rule adds), not `must_match`'s
//! `other` (the *other* field's value: the password a confirmation had to match), and no
//! parameter a custom rule adds under any other name; an entry with no bound has no `details`.
//!
//! ```
//! use std::borrow::Cow;
//! use authos_errors::ApiErrorCode;
//! use validator::{ValidationError, ValidationErrors};
//!
//! let mut report = ValidationErrors::new();
//! report.add("email", ValidationError::new("email"));
//! let mut short = ValidationError::new("length");
//! short.add_param(Cow::Borrowed("min"), &3);
//! short.add_param(Cow::Borrowed("value"), &"ab");
//! report.add("slug", short);
//!
//! let errors = authos_errors::validation::Rules::authos().field_errors(&report);
//! let entries: Vec<_> = errors.iter().map(|e| (e.pointer(), e.code())).collect();
//! assert_eq!(entries, [("/email", "INVALID_EMAIL"), ("/slug", "SLUG_TOO_SHORT")]);
//! assert_eq!(errors.iter().nth(1).unwrap().details(), Some(&serde_json::json!({"min": 3})));
//! assert_eq!(errors.code(), "BAD_REQUEST");
//! ```

use std::borrow::Cow;
use std::fmt;

use ::validator::{ValidationError as Failure, ValidationErrors, ValidationErrorsKind};
use serde_json::{Map, Value};

use crate::ApiErrorCode;
use crate::catalog::{GeneralError, ValidationError};
use crate::field_errors::{FieldError, FieldErrors, pointer};

/// How `validator` rule names become catalog codes; see the [module docs](self).
///
/// ```
/// use authos_errors::ApiErrorCode;
/// use authos_errors::validation::Rules;
/// use validator::{ValidationError, ValidationErrors};
///
/// #[derive(Debug, ApiErrorCode)]
/// enum SignupError {
///     /// Slug is reserved
///     #[code("RESERVED_SLUG", status = 400, resolution = "Choose different slug")]
///     Reserved,
///     /// Invitation code unknown
///     #[code("UNKNOWN_INVITATION", status = 400)]
///     UnknownInvitation,
/// }
///
/// let rules = Rules::authos()
///     .rule("reserved", &SignupError::Reserved)
///     .field_rule("invitation", "exists", &SignupError::UnknownInvitation);
/// let mut report = ValidationErrors::new();
/// report.add("slug", ValidationError::new("reserved"));
/// report.add("invitation", ValidationError::new("exists"));
/// let codes: Vec<_> = rules.field_errors(&report).iter().map(|e| e.code()).collect();
/// assert_eq!(codes, ["UNKNOWN_INVITATION", "RESERVED_SLUG"]);
/// ```
#[derive(Clone)]
pub struct Rules {
    /// `(field, rule, the entry to answer with)`, most recently added first.
    own: Vec<(Option<Cow<'static, str>>, Cow<'static, str>, FieldError)>,
}

impl fmt::Debug for Rules {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list()
            .entries(
                self.own
                    .iter()
                    .map(|(field, rule, entry)| (field.as_deref(), &**rule, entry.code())),
            )
            .finish()
    }
}

impl Default for Rules {
    fn default() -> Self {
        Rules::authos()
    }
}

impl Rules {
    /// The built-in mapping to the AuthOS catalog, with no rules of your own yet.
    ///
    /// ```
    /// use authos_errors::validation::Rules;
    /// use validator::{ValidationError, ValidationErrors};
    /// let mut report = ValidationErrors::new();
    /// report.add("homepage", ValidationError::new("url"));
    /// assert_eq!(Rules::authos().field_errors(&report).iter().next().unwrap().code(), "INVALID_URL");
    /// ```
    #[must_use]
    pub fn authos() -> Self {
        Rules { own: Vec::new() }
    }

    /// Maps the rule named `rule` (the `code` of `validator`'s error: `"length"`, or your
    /// custom function's `ValidationError::new("...")`) on any field to `error`.
    ///
    /// ```
    /// use authos_errors::{ApiErrorCode, catalog::ValidationError};
    /// use authos_errors::validation::Rules;
    /// use validator::ValidationErrors;
    /// let rules = Rules::authos().rule("slug_chars", &ValidationError::InvalidSlug);
    /// let mut report = ValidationErrors::new();
    /// report.add("org_slug", validator::ValidationError::new("slug_chars"));
    /// assert_eq!(rules.field_errors(&report).iter().next().unwrap().code(), "INVALID_SLUG");
    /// ```
    #[must_use]
    pub fn rule<E: ApiErrorCode + ?Sized>(mut self, rule: &'static str, error: &E) -> Self {
        self.own
            .insert(0, (None, Cow::Borrowed(rule), FieldError::new("", error)));
        self
    }

    /// Maps the rule named `rule` on the field named `field` (its name in the validated
    /// struct) to `error`; checked before [`rule`](Self::rule) mappings.
    ///
    /// ```
    /// use authos_errors::catalog::ValidationError;
    /// use authos_errors::validation::Rules;
    /// use validator::ValidationErrors;
    /// let rules = Rules::authos().field_rule("org_slug", "length", &ValidationError::SlugTooLong);
    /// let mut report = ValidationErrors::new();
    /// report.add("org_slug", validator::ValidationError::new("length"));
    /// assert_eq!(rules.field_errors(&report).iter().next().unwrap().code(), "SLUG_TOO_LONG");
    /// ```
    #[must_use]
    pub fn field_rule<E: ApiErrorCode + ?Sized>(
        mut self,
        field: &'static str,
        rule: &'static str,
        error: &E,
    ) -> Self {
        self.own.insert(
            0,
            (
                Some(Cow::Borrowed(field)),
                Cow::Borrowed(rule),
                FieldError::new("", error),
            ),
        );
        self
    }

    /// The report as one [`FieldErrors`], entries sorted by pointer, then rule.
    ///
    /// ```
    /// use authos_errors::validation::Rules;
    /// use validator::ValidationErrors;
    /// assert!(Rules::authos().field_errors(&ValidationErrors::new()).is_empty());
    /// ```
    #[must_use]
    pub fn field_errors(&self, report: &ValidationErrors) -> FieldErrors {
        let mut found = Vec::new();
        collect(report, &mut Vec::new(), &mut found);
        found.sort_by(|a, b| (&a.at, &a.failure.code).cmp(&(&b.at, &b.failure.code)));
        found
            .into_iter()
            .map(|found| self.entry(found.at, found.field, found.failure))
            .collect()
    }

    fn entry(&self, at: String, field: &str, failure: &Failure) -> FieldError {
        let own = self.own.iter().find(|(only, rule, _)| {
            *rule == failure.code && only.as_deref().is_none_or(|only| only == field)
        });
        let mapped = match own {
            Some((_, _, template)) => template.clone().with_pointer(at),
            None => builtin(field, failure).entry(at),
        };
        let entry = match &failure.message {
            Some(message) => mapped.with_message(message.clone()),
            None => mapped,
        };
        match parameters(failure) {
            Some(details) => entry.with_details(Some(details)),
            None => entry,
        }
    }
}

/// One failure of a report: where it is, the field it names, the rule.
struct Found<'r> {
    at: String,
    field: &'r str,
    failure: &'r Failure,
}

/// Every failure of `report`, under `path`.
fn collect<'r>(report: &'r ValidationErrors, path: &mut Vec<String>, out: &mut Vec<Found<'r>>) {
    for (name, kind) in report.errors() {
        // `__all__` holds struct-level (schema) failures: they concern the struct itself.
        let own_level = name == "__all__";
        if !own_level {
            path.push(name.to_string());
        }
        match kind {
            ValidationErrorsKind::Field(failures) => {
                let at = pointer(path.iter());
                for failure in failures {
                    out.push(Found {
                        at: at.clone(),
                        field: name,
                        failure,
                    });
                }
            }
            ValidationErrorsKind::Struct(inner) => collect(inner, path, out),
            ValidationErrorsKind::List(items) => {
                for (index, inner) in items {
                    path.push(index.to_string());
                    collect(inner, path, out);
                    path.pop();
                }
            }
        }
        if !own_level {
            path.pop();
        }
    }
}

/// The catalog error a built-in rule maps to.
fn builtin(field: &str, failure: &Failure) -> &'static dyn ErasedCode {
    match (&*failure.code, field) {
        ("email", _) => &ValidationError::InvalidEmail,
        ("url", _) => &ValidationError::InvalidUrl,
        ("length", "slug") if too_long(failure) => &ValidationError::SlugTooLong,
        ("length", "slug") => &ValidationError::SlugTooShort,
        ("length", "name") if too_long(failure) => &ValidationError::NameTooLong,
        ("length", "name") => &ValidationError::NameTooShort,
        ("length", "password") => &ValidationError::WeakPassword,
        _ => &GeneralError::BadRequest,
    }
}

/// Whether a `length` failure missed its `max` (else its `min` or `equal`): from the length
/// of the `value` parameter when present, else from which bound the rule declares.
fn too_long(failure: &Failure) -> bool {
    let bound = |name: &str| failure.params.get(name).and_then(Value::as_u64);
    let length = match failure.params.get("value") {
        Some(Value::String(text)) => Some(text.chars().count() as u64),
        Some(Value::Array(items)) => Some(items.len() as u64),
        Some(Value::Object(members)) => Some(members.len() as u64),
        _ => None,
    };
    match (length, bound("max"), bound("min")) {
        (Some(length), Some(max), _) => length > max,
        (None, Some(_), None) => true,
        _ => false,
    }
}

/// The parameters copied into `details`: the bounds validator's built-in rules declare
/// (validator_derive 0.20: `length` adds `min`/`max`/`equal`, `range` adds `min`/`max`/
/// `exclusive_min`/`exclusive_max`, `contains`/`does_not_contain` add `needle`, the pattern
/// written in the attribute). Every rule also adds `value`, the user's input, and `must_match`
/// adds `other`, the value of the other field (a password): neither is a bound, and neither is
/// anything a custom rule adds under another name.
const BOUNDS: &[&str] = &[
    "min",
    "max",
    "equal",
    "exclusive_min",
    "exclusive_max",
    "needle",
];

/// The rule's bounds ([`BOUNDS`]), when it declares any.
fn parameters(failure: &Failure) -> Option<Value> {
    let mut names: Vec<&Cow<'static, str>> = failure
        .params
        .keys()
        .filter(|name| BOUNDS.contains(&&***name))
        .collect();
    if names.is_empty() {
        return None;
    }
    names.sort();
    let members: Map<String, Value> = names
        .into_iter()
        .filter_map(|name| Some((name.to_string(), failure.params.get(name)?.clone())))
        .collect();
    Some(Value::Object(members))
}

/// A catalog error behind a reference, so [`builtin`] can answer any of two enums.
trait ErasedCode {
    fn entry(&self, at: String) -> FieldError;
}

impl<E: ApiErrorCode> ErasedCode for E {
    fn entry(&self, at: String) -> FieldError {
        FieldError::new(at, self)
    }
}

/// `Rules::authos().field_errors(&report)`.
///
/// ```
/// use authos_errors::field_errors::FieldErrors;
/// let errors = FieldErrors::from(validator::ValidationErrors::new());
/// assert!(errors.is_empty());
/// ```
impl From<ValidationErrors> for FieldErrors {
    fn from(report: ValidationErrors) -> Self {
        Rules::authos().field_errors(&report)
    }
}

impl From<&ValidationErrors> for FieldErrors {
    fn from(report: &ValidationErrors) -> Self {
        Rules::authos().field_errors(report)
    }
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use serde_json::{Value, json};
    use validator::{ValidationError as Failure, ValidationErrors};

    use super::Rules;

    /// A failure of `rule` with the parameters validator_derive 0.20 adds for it: the rule's
    /// bounds, then `value`, the user's input (`must_match` adds `other` too).
    fn failure(rule: &'static str, params: &[(&'static str, Value)]) -> Failure {
        let mut failure = Failure::new(rule);
        for (name, value) in params {
            failure.add_param(Cow::Borrowed(*name), value);
        }
        failure
    }

    fn details_of(failure: Failure) -> Option<Value> {
        let mut report = ValidationErrors::new();
        report.add("field", failure);
        let errors = Rules::authos().field_errors(&report);
        let entry = errors.iter().next().expect("one entry");
        entry.details().cloned()
    }

    #[test]
    fn every_built_in_rule_copies_its_bounds_and_never_a_value() {
        let secret = json!("S3cret-Hunter2!");
        let cases = [
            (
                failure(
                    "length",
                    &[
                        ("min", json!(3)),
                        ("max", json!(50)),
                        ("value", secret.clone()),
                    ],
                ),
                Some(json!({"max": 50, "min": 3})),
            ),
            (
                failure("length", &[("equal", json!(6)), ("value", secret.clone())]),
                Some(json!({"equal": 6})),
            ),
            (
                failure(
                    "range",
                    &[
                        ("min", json!(1)),
                        ("max", json!(10)),
                        ("exclusive_min", json!(0)),
                        ("exclusive_max", json!(11)),
                        ("value", json!(42)),
                    ],
                ),
                Some(json!({"exclusive_max": 11, "exclusive_min": 0, "max": 10, "min": 1})),
            ),
            (
                failure(
                    "contains",
                    &[("needle", json!("@")), ("value", secret.clone())],
                ),
                Some(json!({"needle": "@"})),
            ),
            (
                failure(
                    "does_not_contain",
                    &[("needle", json!("admin")), ("value", secret.clone())],
                ),
                Some(json!({"needle": "admin"})),
            ),
            (
                failure(
                    "must_match",
                    &[("other", secret.clone()), ("value", json!("typo"))],
                ),
                None,
            ),
            (failure("email", &[("value", secret.clone())]), None),
            (failure("url", &[("value", secret.clone())]), None),
            (failure("ip", &[("value", secret.clone())]), None),
            (failure("regex", &[("value", secret.clone())]), None),
            (failure("credit_card", &[("value", secret.clone())]), None),
            (
                failure("non_control_character", &[("value", secret.clone())]),
                None,
            ),
            (failure("required", &[("value", Value::Null)]), None),
            // A custom function's own parameters: only bound names pass.
            (
                failure(
                    "reserved",
                    &[
                        ("max", json!(5)),
                        ("taken_by", secret.clone()),
                        ("value", secret.clone()),
                    ],
                ),
                Some(json!({"max": 5})),
            ),
        ];
        for (failure, expected) in cases {
            let rule = failure.code.clone();
            assert_eq!(details_of(failure), expected, "rule `{rule}`");
        }
    }
}
