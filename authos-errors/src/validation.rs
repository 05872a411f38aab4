//! A bridge from [`validator`](https://docs.rs/validator): its `ValidationErrors` report
//! becomes one [`FieldErrors`] response, each rule name mapped to a catalog code.
//!
//! `validator` rather than `garde`: `validator` reports each failure with its rule name
//! (`email`, `length`) and parameters (`min`, `max`), which map to catalog codes and to
//! machine-readable details; `garde` reports a path and an English message only.
//!
//! # Mapping rules to codes
//!
//! [`Rules::new`] maps nothing: every failure is answered with the fallback, by default the
//! generic [`DEFAULT_SUMMARY`] (`BAD_REQUEST`). Your rules map to your codes with
//! [`Rules::rule`] (every field), [`Rules::field_rule`] (one field name) and
//! [`Rules::length_rule`] (a field's `length`, by the bound the value misses); the rule added
//! last is checked first. [`Rules::with_fallback`] and [`Rules::with_summary`] choose the
//! codes of unmapped failures and of the whole response.
//!
//! # Messages from the rule's bounds
//!
//! A catalog's text is fixed ("Slug less than 3 characters"), the rule's bounds are not
//! (`length(min = 5)`). [`Rules::template`] gives a code a message template whose `{min}`,
//! `{max}`, `{equal}`, `{exclusive_min}`, `{exclusive_max}` and `{needle}` placeholders are filled
//! from the very bounds written to the entry's `details`, so the message and the details never
//! disagree. A code may have several templates: the first whose placeholders are all bounds of
//! the failure is used; when none is, the entry keeps its error's message.
//!
//! The AuthOS catalog's mapping is built the same way:
//! [`catalog::validation_rules`](crate::catalog::validation_rules).
//!
//! Each entry's `pointer` is the path of the value (`/members/0/email`; a struct-level
//! `#[validate(schema(...))]` error is `""`, the whole document), its `error` the rule's
//! `message` when the rule sets one, else its code's first [template](Rules::template) that
//! fits the failure's bounds, else the mapped error's message, and its `details` the
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
//! use authos_errors::validation::Rules;
//! use validator::{ValidationError, ValidationErrors};
//!
//! #[derive(Debug, ApiErrorCode)]
//! enum SignupError {
//!     /// Invalid email format
//!     #[code("INVALID_EMAIL", status = 400)]
//!     InvalidEmail,
//!     /// Slug too short
//!     #[code("SLUG_TOO_SHORT", status = 400)]
//!     SlugTooShort,
//!     /// Slug too long
//!     #[code("SLUG_TOO_LONG", status = 400)]
//!     SlugTooLong,
//! }
//!
//! let rules = Rules::new()
//!     .rule("email", &SignupError::InvalidEmail)
//!     .length_rule("slug", &SignupError::SlugTooShort, &SignupError::SlugTooLong);
//!
//! let mut report = ValidationErrors::new();
//! report.add("email", ValidationError::new("email"));
//! let mut short = ValidationError::new("length");
//! short.add_param(Cow::Borrowed("min"), &3);
//! short.add_param(Cow::Borrowed("value"), &"ab");
//! report.add("slug", short);
//! report.add("nickname", ValidationError::new("required"));
//!
//! let errors = rules.field_errors(&report);
//! let entries: Vec<_> = errors.iter().map(|e| (e.pointer(), e.code())).collect();
//! assert_eq!(
//!     entries,
//!     [("/email", "INVALID_EMAIL"), ("/nickname", "BAD_REQUEST"), ("/slug", "SLUG_TOO_SHORT")]
//! );
//! assert_eq!(errors.iter().nth(2).unwrap().details(), Some(&serde_json::json!({"min": 3})));
//! assert_eq!(errors.code(), "BAD_REQUEST");
//! ```

use std::borrow::Cow;
use std::fmt;

use ::validator::{ValidationError as Failure, ValidationErrors, ValidationErrorsKind};
use serde_json::{Map, Value};

use crate::field_errors::{DEFAULT_SUMMARY, FieldError, FieldErrors, pointer};
use crate::{ApiErrorCode, ErrorCodeInfo};

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
/// let rules = Rules::new()
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
    /// The mappings, most recently added first.
    own: Vec<Rule>,
    /// The entry of a failure no rule maps.
    fallback: FieldError,
    /// The entry the whole response answers with.
    summary: &'static ErrorCodeInfo,
    /// Message templates by catalog entry, in the order they were added.
    templates: Vec<(&'static ErrorCodeInfo, &'static str)>,
}

/// One mapping: the rule (on one field, or any), and the entry to answer with.
#[derive(Clone)]
struct Rule {
    field: Option<Cow<'static, str>>,
    rule: Cow<'static, str>,
    entry: FieldError,
    /// For a `length` rule split by bound: the entry when the value is longer than its `max`.
    too_long: Option<FieldError>,
}

impl fmt::Debug for Rules {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Rules")
            .field(
                "rules",
                &self
                    .own
                    .iter()
                    .map(|own| (own.field.as_deref(), &*own.rule, own.entry.code()))
                    .collect::<Vec<_>>(),
            )
            .field("fallback", &self.fallback.code())
            .field("summary", &self.summary.code)
            .field(
                "templates",
                &self
                    .templates
                    .iter()
                    .map(|(info, template)| (info.code, *template))
                    .collect::<Vec<_>>(),
            )
            .finish()
    }
}

impl Default for Rules {
    fn default() -> Self {
        Rules::new()
    }
}

impl Rules {
    /// No mapping yet: every failure is answered with [`DEFAULT_SUMMARY`], as is the response.
    ///
    /// ```
    /// use authos_errors::validation::Rules;
    /// use validator::{ValidationError, ValidationErrors};
    /// let mut report = ValidationErrors::new();
    /// report.add("homepage", ValidationError::new("url"));
    /// assert_eq!(Rules::new().field_errors(&report).iter().next().unwrap().code(), "BAD_REQUEST");
    /// ```
    #[must_use]
    pub fn new() -> Self {
        Rules {
            own: Vec::new(),
            fallback: FieldError::of_entry("", &DEFAULT_SUMMARY),
            summary: &DEFAULT_SUMMARY,
            templates: Vec::new(),
        }
    }

    /// Maps the rule named `rule` (the `code` of `validator`'s error: `"length"`, or your
    /// custom function's `ValidationError::new("...")`) on any field to `error`.
    ///
    /// ```
    /// use authos_errors::{ApiErrorCode, catalog::ValidationError};
    /// use authos_errors::validation::Rules;
    /// use validator::ValidationErrors;
    /// let rules = Rules::new().rule("slug_chars", &ValidationError::InvalidSlug);
    /// let mut report = ValidationErrors::new();
    /// report.add("org_slug", validator::ValidationError::new("slug_chars"));
    /// assert_eq!(rules.field_errors(&report).iter().next().unwrap().code(), "INVALID_SLUG");
    /// ```
    #[must_use]
    pub fn rule<E: ApiErrorCode + ?Sized>(self, rule: &'static str, error: &E) -> Self {
        self.push(None, rule, FieldError::new("", error), None)
    }

    /// Maps the rule named `rule` on the field named `field` (its name in the validated
    /// struct) to `error`.
    ///
    /// ```
    /// use authos_errors::catalog::ValidationError;
    /// use authos_errors::validation::Rules;
    /// use validator::ValidationErrors;
    /// let rules = Rules::new().field_rule("org_slug", "length", &ValidationError::SlugTooLong);
    /// let mut report = ValidationErrors::new();
    /// report.add("org_slug", validator::ValidationError::new("length"));
    /// assert_eq!(rules.field_errors(&report).iter().next().unwrap().code(), "SLUG_TOO_LONG");
    /// ```
    #[must_use]
    pub fn field_rule<E: ApiErrorCode + ?Sized>(
        self,
        field: &'static str,
        rule: &'static str,
        error: &E,
    ) -> Self {
        self.push(Some(field), rule, FieldError::new("", error), None)
    }

    /// Maps the `length` rule on the field named `field` to `too_long` when the value is
    /// longer than the rule's `max`, else to `too_short` (it missed its `min` or `equal`). The
    /// value's length is read from the failure's `value` parameter when present, else a rule
    /// with only a `max` is taken as missed from above.
    ///
    /// ```
    /// use std::borrow::Cow;
    /// use authos_errors::catalog::ValidationError;
    /// use authos_errors::validation::Rules;
    /// use validator::ValidationErrors;
    ///
    /// let rules = Rules::new().length_rule("slug", &ValidationError::SlugTooShort, &ValidationError::SlugTooLong);
    /// let mut long = validator::ValidationError::new("length");
    /// long.add_param(Cow::Borrowed("max"), &5);
    /// long.add_param(Cow::Borrowed("value"), &"much-too-long");
    /// let mut report = ValidationErrors::new();
    /// report.add("slug", long);
    /// assert_eq!(rules.field_errors(&report).iter().next().unwrap().code(), "SLUG_TOO_LONG");
    /// ```
    #[must_use]
    pub fn length_rule<E: ApiErrorCode + ?Sized, F: ApiErrorCode + ?Sized>(
        self,
        field: &'static str,
        too_short: &E,
        too_long: &F,
    ) -> Self {
        self.push(
            Some(field),
            "length",
            FieldError::new("", too_short),
            Some(FieldError::new("", too_long)),
        )
    }

    /// Answers a failure no rule maps with `error` instead of [`DEFAULT_SUMMARY`].
    ///
    /// ```
    /// use authos_errors::catalog::GeneralError;
    /// use authos_errors::validation::Rules;
    /// use validator::ValidationErrors;
    /// let rules = Rules::new().with_fallback(&GeneralError::BadRequest);
    /// let mut report = ValidationErrors::new();
    /// report.add("age", validator::ValidationError::new("range"));
    /// let errors = rules.field_errors(&report);
    /// assert_eq!(errors.iter().next().unwrap().info().group, "General Errors");
    /// ```
    #[must_use]
    pub fn with_fallback<E: ApiErrorCode + ?Sized>(mut self, error: &E) -> Self {
        self.fallback = FieldError::new("", error);
        self
    }

    /// Answers the whole response with `summary` instead of [`DEFAULT_SUMMARY`]
    /// ([`FieldErrors::with_summary`]).
    ///
    /// ```
    /// use authos_errors::ApiErrorCode;
    /// use authos_errors::catalog::GeneralError;
    /// use authos_errors::validation::Rules;
    /// let rules = Rules::new().with_summary(GeneralError::BadRequest.info());
    /// let errors = rules.field_errors(&validator::ValidationErrors::new());
    /// assert_eq!(errors.info().group, "General Errors");
    /// ```
    #[must_use]
    pub fn with_summary(mut self, summary: &'static ErrorCodeInfo) -> Self {
        self.summary = summary;
        self
    }

    /// Answers the entries of `error`'s catalog entry (its code in its catalog: another
    /// catalog's same code is not affected) with `template`, its `{min}`, `{max}`, `{equal}`,
    /// `{exclusive_min}`, `{exclusive_max}` and `{needle}` filled from the failure's bounds (the
    /// values of its `details`; `{{` and `}}` for braces). Templates of one code are tried in
    /// the order added; one naming a bound the failure lacks is skipped, and when none fits the
    /// entry keeps its error's message. A rule's own `message` still wins.
    ///
    /// A localised response (feature `fluent`) renders such an entry from the attribute of the
    /// code's translation named after the bounds the template names, in its order, joined by
    /// `-` (`.min`, `.min-max`; `.none` for a template naming none), with those bounds as its
    /// variables (`{ $min }`), so message and
    /// details agree in every language; without that attribute the entry keeps the source
    /// language's text (and `Content-Language` says so). The shipped French resource has one for
    /// every template of [`catalog::validation_rules`](crate::catalog::validation_rules):
    ///
    /// ```ftl
    /// SLUG_TOO_SHORT = Le slug doit contenir au moins 3 caractères
    ///     .min = Le slug doit contenir au moins { $min } caractères
    /// ```
    ///
    /// ```
    /// use std::borrow::Cow;
    /// use authos_errors::catalog::ValidationError;
    /// use authos_errors::validation::Rules;
    /// use validator::ValidationErrors;
    ///
    /// let rules = Rules::new()
    ///     .field_rule("slug", "length", &ValidationError::SlugTooShort)
    ///     .template(&ValidationError::SlugTooShort, "Slug less than {min} characters");
    /// let mut short = validator::ValidationError::new("length");
    /// short.add_param(Cow::Borrowed("min"), &5);
    /// let mut report = ValidationErrors::new();
    /// report.add("slug", short);
    /// let errors = rules.field_errors(&report);
    /// let entry = errors.iter().next().unwrap();
    /// assert_eq!(entry.message(), "Slug less than 5 characters");
    /// assert_eq!(entry.details(), Some(&serde_json::json!({"min": 5})));
    /// ```
    #[must_use]
    pub fn template<E: ApiErrorCode + ?Sized>(mut self, error: &E, template: &'static str) -> Self {
        self.templates.push((error.info(), template));
        self
    }

    /// The templates a translation lacks: for each [`template`](Self::template) whose variant
    /// `locale` does not have, its code and that variant's name (`min`, `min-max`, `none`), in
    /// the order the templates were added. An entry made from such a template stays in the
    /// source language; a test asserts this is empty for every language a service ships.
    /// Always empty for the source language, whose texts are the templates themselves.
    ///
    /// ```
    /// use authos_errors::catalog::{self, ValidationError};
    /// use authos_errors::l10n::Localizer;
    /// use authos_errors::validation::Rules;
    ///
    /// let french = catalog::localizer().locale("fr").unwrap();
    /// assert!(catalog::validation_rules().untranslated_templates(french).is_empty());
    ///
    /// let rules = Rules::new().template(&ValidationError::InvalidSlug, "Slug not {equal} characters");
    /// assert_eq!(rules.untranslated_templates(french), [("INVALID_SLUG", "equal".to_owned())]);
    /// ```
    #[cfg(feature = "fluent")]
    #[must_use]
    pub fn untranslated_templates(
        &self,
        locale: crate::l10n::Locale<'_>,
    ) -> Vec<(&'static str, String)> {
        if locale.is_source() {
            return Vec::new();
        }
        self.templates
            .iter()
            .filter_map(|(info, template)| {
                let mut names: Vec<&'static str> = Vec::new();
                for piece in pieces(template)? {
                    if let Piece::Bound(name) = piece
                        && !names.contains(&name)
                    {
                        names.push(name);
                    }
                }
                let variant = crate::field_errors::variant_name(&names);
                (!locale.has_variant(info.code, &variant)).then_some((info.code, variant))
            })
            .collect()
    }

    fn push(
        mut self,
        field: Option<&'static str>,
        rule: &'static str,
        entry: FieldError,
        too_long: Option<FieldError>,
    ) -> Self {
        self.own.insert(
            0,
            Rule {
                field: field.map(Cow::Borrowed),
                rule: Cow::Borrowed(rule),
                entry,
                too_long,
            },
        );
        self
    }

    /// The report as one [`FieldErrors`], entries sorted by pointer, then rule.
    ///
    /// ```
    /// use authos_errors::validation::Rules;
    /// use validator::ValidationErrors;
    /// assert!(Rules::new().field_errors(&ValidationErrors::new()).is_empty());
    /// ```
    #[must_use]
    pub fn field_errors(&self, report: &ValidationErrors) -> FieldErrors {
        let mut found = Vec::new();
        collect(report, &mut Vec::new(), &mut found);
        found.sort_by(|a, b| (&a.at, &a.failure.code).cmp(&(&b.at, &b.failure.code)));
        found
            .into_iter()
            .map(|found| self.entry(found.at, found.field, found.failure))
            .collect::<FieldErrors>()
            .with_summary(self.summary)
    }

    fn entry(&self, at: String, field: &str, failure: &Failure) -> FieldError {
        let own = self.own.iter().find(|own| {
            own.rule == failure.code && own.field.as_deref().is_none_or(|only| only == field)
        });
        let template = match own {
            Some(Rule {
                too_long: Some(longer),
                ..
            }) if too_long(failure) => longer,
            Some(own) => &own.entry,
            None => &self.fallback,
        };
        let mapped = template.clone().with_pointer(at);
        let details = parameters(failure);
        let rendered = || {
            let bounds = details.as_ref().and_then(Value::as_object)?;
            self.templates
                .iter()
                .filter(|(info, _)| *info == mapped.info())
                .find_map(|(_, template)| render(template, bounds))
        };
        let entry = match (&failure.message, rendered()) {
            (Some(message), _) => mapped.with_message(message.clone()),
            (None, Some(Rendered { text, used })) => {
                let entry = mapped.with_message(text);
                // A translation renders the same bounds, from its attribute named after them.
                #[cfg(feature = "fluent")]
                let entry = entry.with_variant_args(used);
                #[cfg(not(feature = "fluent"))]
                let _ = used;
                entry
            }
            (None, None) => mapped,
        };
        match details {
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

/// A template filled from a failure's bounds.
struct Rendered {
    text: String,
    /// The bounds the template names, in the order it first names them, with their text.
    used: Vec<(&'static str, String)>,
}

/// One piece of a template: text as it is, or the bound a `{name}` names.
enum Piece<'t> {
    Text(&'t str),
    Bound(&'static str),
}

/// `template` in pieces (`{{` and `}}` are braces); `None` when it is malformed or names what
/// is not a bound.
fn pieces(template: &str) -> Option<Vec<Piece<'_>>> {
    let mut pieces = Vec::new();
    let mut rest = template;
    while let Some(at) = rest.find(['{', '}']) {
        pieces.push(Piece::Text(&rest[..at]));
        let tail = &rest[at..];
        if tail.starts_with("{{") || tail.starts_with("}}") {
            pieces.push(Piece::Text(&tail[..1]));
            rest = &tail[2..];
        } else if let Some(inner) = tail.strip_prefix('{') {
            let end = inner.find('}')?;
            let name = BOUNDS
                .iter()
                .copied()
                .find(|bound| *bound == &inner[..end])?;
            pieces.push(Piece::Bound(name));
            rest = &inner[end + 1..];
        } else {
            return None;
        }
    }
    pieces.push(Piece::Text(rest));
    Some(pieces)
}

/// `template` with each `{name}` replaced by the bound `name` of `bounds` (a string as is, any
/// other value as JSON); `None` when it names a bound `bounds` lacks, a name that is not a
/// bound, or is malformed.
fn render(template: &str, bounds: &Map<String, Value>) -> Option<Rendered> {
    let mut text = String::with_capacity(template.len() + 8);
    let mut used: Vec<(&'static str, String)> = Vec::new();
    for piece in pieces(template)? {
        match piece {
            Piece::Text(part) => text.push_str(part),
            Piece::Bound(name) => {
                let value = match bounds.get(name)? {
                    Value::String(value) => value.clone(),
                    other => other.to_string(),
                };
                text.push_str(&value);
                if used.iter().all(|(seen, _)| *seen != name) {
                    used.push((name, value));
                }
            }
        }
    }
    Some(Rendered { text, used })
}

/// `Rules::new().field_errors(&report)`: every failure answered with [`DEFAULT_SUMMARY`]. Map
/// rules to codes with [`Rules`] (the AuthOS catalog's:
/// [`catalog::validation_rules`](crate::catalog::validation_rules)).
///
/// ```
/// use authos_errors::field_errors::FieldErrors;
/// let errors = FieldErrors::from(validator::ValidationErrors::new());
/// assert!(errors.is_empty());
/// ```
impl From<ValidationErrors> for FieldErrors {
    fn from(report: ValidationErrors) -> Self {
        Rules::new().field_errors(&report)
    }
}

impl From<&ValidationErrors> for FieldErrors {
    fn from(report: &ValidationErrors) -> Self {
        Rules::new().field_errors(report)
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
        let errors = Rules::new().field_errors(&report);
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
