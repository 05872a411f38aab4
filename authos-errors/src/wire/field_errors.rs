//! Many errors in one response: [`FieldErrors`] gathers catalog or derived errors, each with
//! the place in the request it concerns, and answers them together.
//!
//! A signup form with a bad email, a short slug and a weak password fails once, naming all
//! three, each with its RFC 6901 JSON pointer and its machine-readable details:
//!
//! ```
//! use authos_errors::catalog::ValidationError;
//! use authos_errors::field_errors::FieldErrors;
//! use authos_errors::{ApiErrorCode, ApiErrorCodeExt};
//!
//! #[derive(Debug, ApiErrorCode)]
//! enum SignupError {
//!     /// Slug less than 3 characters
//!     #[code("SLUG_TOO_SHORT", status = 400, message = "Slug must be at least {min} characters")]
//!     SlugTooShort { #[detail] min: usize },
//! }
//!
//! let mut errors = FieldErrors::new();
//! errors
//!     .push("email", &ValidationError::InvalidEmail)
//!     .push("slug", &SignupError::SlugTooShort { min: 3 })
//!     .push("password", &ValidationError::WeakPassword.with_message("Use at least 8 characters"));
//! let err = errors.into_result().unwrap_err();
//! assert_eq!((err.code(), err.status(), err.len()), ("BAD_REQUEST", 400, 3));
//!
//! let json = serde_json::to_value(&err).unwrap();
//! assert_eq!(json["error_code"], "BAD_REQUEST");
//! assert_eq!(
//!     json["errors"][1],
//!     serde_json::json!({
//!         "error_code": "SLUG_TOO_SHORT",
//!         "error": "Slug must be at least 3 characters",
//!         "pointer": "/slug",
//!         "details": {"min": 3}
//!     })
//! );
//! ```
//!
//! # What the response says when the entries disagree
//!
//! The response is one **summary** code, whatever codes the entries carry: by default
//! [`DEFAULT_SUMMARY`], 400 `BAD_REQUEST` (HTTP's own name for "the request is wrong"), which
//! agrees with any 4xx an entry may have; a service answers with an entry of its own catalog
//! instead (a 422, say) with [`with_summary`](FieldErrors::with_summary) — the AuthOS catalog's
//! is its `BAD_REQUEST` ([`catalog::field_errors`](crate::catalog::field_errors)). The
//! top-level `error` is the summary's description ("Invalid request parameters or malformed
//! JSON") unless [`with_message`](FieldErrors::with_message) sets another. Each entry keeps its
//! own code, message and details; entries are listed in the order they were pushed.
//!
//! # The two bodies
//!
//! AuthOS JSON (`application/json`): the three keys of every AuthOS error, then `errors`:
//!
//! ```text
//! {"error":"Invalid request parameters or malformed JSON","error_code":"BAD_REQUEST","timestamp":"2025-01-15T10:30:00Z",
//!  "errors":[{"error_code":"INVALID_EMAIL","error":"Invalid email format","pointer":"/email"}, ...]}
//! ```
//!
//! RFC 9457 (`application/problem+json`): the members of
//! [`ProblemDetails`](crate::problem::ProblemDetails), then the same `errors` array as an
//! extension member (RFC 9457 §3 shows this very shape). A `pointer` is the JSON Pointer's
//! string form (`/address/city`, RFC 6901 §5), in both bodies; `details` is left out of an
//! entry that has none. Route groups answering in the OAuth or SCIM shape send that protocol's
//! body, which has no place for the array.

use std::borrow::Cow;
use std::fmt;

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde::ser::{SerializeStruct, Serializer};

use crate::contract::body::AuthOsBody;
use crate::contract::disclosure::body_message;
use crate::problem::{ProblemConfig, ProblemDetails};
use crate::wire::problem::ProblemDocument;
use crate::{ApiErrorCode, ErrorCodeInfo};

/// One entry of [`FieldErrors`]: an error and the place in the request it concerns.
///
/// Serialised as `{"error_code", "error", "pointer", "details"}`, `details` only when the
/// error has some.
///
/// ```
/// use authos_errors::catalog::ValidationError;
/// use authos_errors::field_errors::FieldError;
///
/// let entry = FieldError::new("/email", &ValidationError::InvalidEmail);
/// assert_eq!((entry.code(), entry.pointer()), ("INVALID_EMAIL", "/email"));
/// assert_eq!(
///     serde_json::to_string(&entry).unwrap(),
///     r#"{"error_code":"INVALID_EMAIL","error":"Invalid email format","pointer":"/email"}"#
/// );
/// ```
#[derive(Debug, Clone)]
pub struct FieldError {
    info: &'static ErrorCodeInfo,
    message: Cow<'static, str>,
    pointer: String,
    details: Option<serde_json::Value>,
    /// The variables of the message's translation, captured when the entry is made (feature
    /// `fluent`): a localised response translates each entry with its own arguments.
    #[cfg(feature = "fluent")]
    args: Vec<(&'static str, String)>,
    /// The name of the translation's attribute that holds this entry's text, when the text was
    /// made from arguments the code's message does not have (a validation rule's bounds): the
    /// arguments' names joined by `-` (`min`, `min-max`; `none` without any), see
    /// [`crate::l10n`].
    #[cfg(feature = "fluent")]
    variant: Option<String>,
}

/// The name of the variant of a text made from the arguments `names` (in the order the text
/// names them): joined by `-` (`min`, `min-max`), `none` without any; see [`crate::l10n`].
#[cfg(feature = "fluent")]
#[cfg_attr(not(feature = "validator"), allow(dead_code))]
pub(crate) fn variant_name(names: &[&str]) -> String {
    if names.is_empty() {
        "none".to_owned()
    } else {
        names.join("-")
    }
}

/// Two entries are equal when they say the same: code, message, pointer and details. What only
/// a translation reads (the message's arguments, feature `fluent`) does not count, so equality
/// does not depend on the features.
impl PartialEq for FieldError {
    fn eq(&self, other: &Self) -> bool {
        self.info == other.info
            && self.message == other.message
            && self.pointer == other.pointer
            && self.details == other.details
    }
}

impl Eq for FieldError {}

impl FieldError {
    /// The entry for `error` at `pointer`, an RFC 6901 JSON pointer (`""` for the whole
    /// document, else `/` followed by escaped segments; [`pointer()`] builds one).
    ///
    /// ```
    /// use authos_errors::catalog::ValidationError;
    /// use authos_errors::field_errors::FieldError;
    /// let entry = FieldError::new("/members/0/email", &ValidationError::InvalidEmail);
    /// assert_eq!(entry.message(), "Invalid email format");
    /// ```
    #[must_use]
    pub fn new<E: ApiErrorCode + ?Sized>(pointer: impl Into<String>, error: &E) -> Self {
        FieldError {
            info: error.info(),
            message: Cow::Owned(body_message(error).into_owned()),
            pointer: pointer.into(),
            details: crate::contract::details::details_value(error),
            #[cfg(feature = "fluent")]
            args: crate::contract::code::captured_message_args(error),
            #[cfg(feature = "fluent")]
            variant: None,
        }
    }

    /// The entry for the catalog entry `info` itself at `pointer`: its description as the
    /// message, no details (the validation bridge's fallback, OpenAPI's example).
    #[cfg_attr(not(any(feature = "validator", feature = "utoipa")), allow(dead_code))]
    pub(crate) fn of_entry(pointer: impl Into<String>, info: &'static ErrorCodeInfo) -> Self {
        FieldError {
            info,
            message: Cow::Borrowed(info.description),
            pointer: pointer.into(),
            details: None,
            #[cfg(feature = "fluent")]
            args: Vec::new(),
            #[cfg(feature = "fluent")]
            variant: None,
        }
    }

    /// The message's arguments, as captured from the error (feature `fluent`).
    #[cfg(feature = "fluent")]
    #[cfg_attr(not(feature = "http"), allow(dead_code))]
    pub(crate) fn message_args(&self) -> &[(&'static str, String)] {
        &self.args
    }

    /// The attribute of the code's translation that holds this entry's text, if the text was
    /// made from `args` rather than from the code's own message (feature `fluent`).
    #[cfg(feature = "fluent")]
    #[cfg_attr(not(feature = "http"), allow(dead_code))]
    pub(crate) fn variant(&self) -> Option<&str> {
        self.variant.as_deref()
    }

    /// This entry with a text made from `args` (in the order the text names them): a
    /// translation renders it from its attribute named after them, not from the code's message,
    /// with them beside the message's own arguments (an argument of the same name is replaced).
    #[cfg(feature = "fluent")]
    #[cfg_attr(not(feature = "validator"), allow(dead_code))]
    pub(crate) fn with_variant_args(mut self, args: Vec<(&'static str, String)>) -> Self {
        let names: Vec<&str> = args.iter().map(|(name, _)| *name).collect();
        self.variant = Some(variant_name(&names));
        for (name, value) in args {
            match self.args.iter_mut().find(|(known, _)| *known == name) {
                Some(known) => known.1 = value,
                None => self.args.push((name, value)),
            }
        }
        self
    }

    /// The catalog entry of the error.
    ///
    /// ```
    /// use authos_errors::catalog::ValidationError;
    /// use authos_errors::field_errors::FieldError;
    /// let entry = FieldError::new("/slug", &ValidationError::SlugTooShort);
    /// assert_eq!(entry.info().resolution, Some("Use longer slug"));
    /// ```
    #[must_use]
    pub fn info(&self) -> &'static ErrorCodeInfo {
        self.info
    }

    /// The machine-readable code.
    ///
    /// ```
    /// use authos_errors::catalog::ValidationError;
    /// use authos_errors::field_errors::FieldError;
    /// assert_eq!(FieldError::new("/slug", &ValidationError::InvalidSlug).code(), "INVALID_SLUG");
    /// ```
    #[must_use]
    pub fn code(&self) -> &'static str {
        self.info.code
    }

    /// The human-readable message.
    ///
    /// ```
    /// use authos_errors::{ApiErrorCodeExt, catalog::ValidationError};
    /// use authos_errors::field_errors::FieldError;
    /// let entry = FieldError::new("/name", &ValidationError::NameTooShort.with_message("Too short"));
    /// assert_eq!(entry.message(), "Too short");
    /// ```
    #[must_use]
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The RFC 6901 JSON pointer of the value the error concerns.
    ///
    /// ```
    /// use authos_errors::catalog::ValidationError;
    /// use authos_errors::field_errors::FieldError;
    /// assert_eq!(FieldError::new("/url", &ValidationError::InvalidUrl).pointer(), "/url");
    /// ```
    #[must_use]
    pub fn pointer(&self) -> &str {
        &self.pointer
    }

    /// The machine-readable values behind the message (the error's `#[detail]` fields, or
    /// what a validation bridge recorded), when there are any.
    ///
    /// ```
    /// use authos_errors::catalog::ValidationError;
    /// use authos_errors::field_errors::FieldError;
    /// assert_eq!(FieldError::new("/url", &ValidationError::InvalidUrl).details(), None);
    /// ```
    #[must_use]
    pub fn details(&self) -> Option<&serde_json::Value> {
        self.details.as_ref()
    }

    /// This entry with another message.
    ///
    /// ```
    /// use authos_errors::catalog::ValidationError;
    /// use authos_errors::field_errors::FieldError;
    /// let entry = FieldError::new("/email", &ValidationError::InvalidEmail).with_message("No @");
    /// assert_eq!(entry.message(), "No @");
    /// ```
    #[must_use]
    pub fn with_message(mut self, message: impl Into<Cow<'static, str>>) -> Self {
        self.message = message.into();
        self
    }

    /// This entry at another pointer.
    ///
    /// ```
    /// use authos_errors::catalog::ValidationError;
    /// use authos_errors::field_errors::FieldError;
    /// let entry = FieldError::new("", &ValidationError::InvalidEmail).with_pointer("/email");
    /// assert_eq!(entry.pointer(), "/email");
    /// ```
    #[must_use]
    pub fn with_pointer(mut self, pointer: impl Into<String>) -> Self {
        self.pointer = pointer.into();
        self
    }

    /// This entry with `details` in place of the error's own (`None` drops them).
    ///
    /// ```
    /// use authos_errors::catalog::ValidationError;
    /// use authos_errors::field_errors::FieldError;
    /// let entry = FieldError::new("/slug", &ValidationError::SlugTooShort)
    ///     .with_details(Some(serde_json::json!({"min": 3})));
    /// assert_eq!(entry.details(), Some(&serde_json::json!({"min": 3})));
    /// ```
    #[must_use]
    pub fn with_details(mut self, details: Option<serde_json::Value>) -> Self {
        self.details = details;
        self
    }
}

impl Serialize for FieldError {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let len = 3 + usize::from(self.details.is_some());
        let mut entry = serializer.serialize_struct("FieldError", len)?;
        entry.serialize_field("error_code", self.info.code)?;
        entry.serialize_field("error", &*self.message)?;
        entry.serialize_field("pointer", &self.pointer)?;
        match &self.details {
            Some(details) => entry.serialize_field("details", details)?,
            None => entry.skip_field("details")?,
        }
        entry.end()
    }
}

/// The RFC 6901 JSON pointer of a path: each segment escaped (`~` as `~0`, `/` as `~1`) and
/// preceded by `/`. No segments is `""`, the whole document.
///
/// ```
/// use authos_errors::field_errors::pointer;
/// assert_eq!(pointer(["members", "0", "email"]), "/members/0/email");
/// assert_eq!(pointer(["a/b", "m~n"]), "/a~1b/m~0n");
/// assert_eq!(pointer::<[&str; 0], _>([]), "");
/// ```
pub fn pointer<I, T>(segments: I) -> String
where
    I: IntoIterator<Item = T>,
    T: fmt::Display,
{
    let mut out = String::new();
    for segment in segments {
        out.push('/');
        for c in segment.to_string().chars() {
            match c {
                '~' => out.push_str("~0"),
                '/' => out.push_str("~1"),
                _ => out.push(c),
            }
        }
    }
    out
}

/// The entry a [`FieldErrors`] answers with unless [`FieldErrors::with_summary`] gives another:
/// `BAD_REQUEST`, 400, "Invalid request parameters or malformed JSON", in no group, with no
/// resolution and no documentation page (its problem `type` is `about:blank` unless the
/// [`ProblemConfig`] sets a base for every code).
///
/// ```
/// use authos_errors::ApiErrorCode;
/// use authos_errors::field_errors::{DEFAULT_SUMMARY, FieldErrors};
/// assert_eq!(FieldErrors::new().info(), &DEFAULT_SUMMARY);
/// assert_eq!((DEFAULT_SUMMARY.code, DEFAULT_SUMMARY.status), ("BAD_REQUEST", 400));
/// ```
pub const DEFAULT_SUMMARY: ErrorCodeInfo = ErrorCodeInfo::new(
    "BAD_REQUEST",
    400,
    "Invalid request parameters or malformed JSON",
);

/// Several errors answered as one response, 400 `BAD_REQUEST` unless
/// [`with_summary`](Self::with_summary) says otherwise; see the [module docs](self).
///
/// It implements [`ApiErrorCode`] (its own code is the summary's), `Serialize` (the AuthOS body
/// with its `errors` array) and `std::error::Error`, and, with the `axum` / `actix-web`
/// features, is a handler error like any other.
///
/// ```
/// use authos_errors::catalog::ValidationError;
/// use authos_errors::field_errors::FieldErrors;
///
/// let mut errors = FieldErrors::new();
/// assert!(errors.is_empty());
/// errors.push("email", &ValidationError::InvalidEmail);
/// assert_eq!(errors.iter().map(|e| e.pointer()).collect::<Vec<_>>(), ["/email"]);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldErrors {
    summary: &'static ErrorCodeInfo,
    message: Option<Cow<'static, str>>,
    errors: Vec<FieldError>,
}

impl Default for FieldErrors {
    fn default() -> Self {
        FieldErrors {
            summary: &DEFAULT_SUMMARY,
            message: None,
            errors: Vec::new(),
        }
    }
}

impl FieldErrors {
    /// No errors yet, summarised by [`DEFAULT_SUMMARY`].
    ///
    /// ```
    /// use authos_errors::field_errors::FieldErrors;
    /// assert_eq!(FieldErrors::new().len(), 0);
    /// ```
    #[must_use]
    pub fn new() -> Self {
        FieldErrors::default()
    }

    /// These errors answered as `summary`, an entry of your catalog (its code, status and
    /// description; a 4xx such as your `BAD_REQUEST` or a 422), instead of [`DEFAULT_SUMMARY`].
    ///
    /// ```
    /// use authos_errors::ApiErrorCode;
    /// use authos_errors::field_errors::FieldErrors;
    ///
    /// #[derive(Debug, ApiErrorCode)]
    /// enum FormError {
    ///     /// The form has invalid fields
    ///     #[code("INVALID_FORM", status = 422)]
    ///     Invalid,
    /// }
    ///
    /// let errors = FieldErrors::new().with_summary(FormError::Invalid.info());
    /// assert_eq!((errors.code(), errors.status()), ("INVALID_FORM", 422));
    /// assert_eq!(errors.message(), "The form has invalid fields");
    /// ```
    #[must_use]
    pub fn with_summary(mut self, summary: &'static ErrorCodeInfo) -> Self {
        self.summary = summary;
        self
    }

    /// Adds `error` for the request field named `field` (its pointer is `/field`, escaped).
    ///
    /// ```
    /// use authos_errors::catalog::ValidationError;
    /// use authos_errors::field_errors::FieldErrors;
    /// let mut errors = FieldErrors::new();
    /// errors.push("email", &ValidationError::InvalidEmail);
    /// assert_eq!(errors.iter().next().unwrap().pointer(), "/email");
    /// ```
    pub fn push<E: ApiErrorCode + ?Sized>(&mut self, field: &str, error: &E) -> &mut Self {
        self.errors.push(FieldError::new(pointer([field]), error));
        self
    }

    /// Adds `error` for the value at `path` inside the request (`["members", 0, "email"]`
    /// is `/members/0/email`).
    ///
    /// ```
    /// use authos_errors::catalog::ValidationError;
    /// use authos_errors::field_errors::FieldErrors;
    /// let mut errors = FieldErrors::new();
    /// errors.push_at(["members", "0", "email"], &ValidationError::InvalidEmail);
    /// assert_eq!(errors.iter().next().unwrap().pointer(), "/members/0/email");
    /// ```
    pub fn push_at<E, I, T>(&mut self, path: I, error: &E) -> &mut Self
    where
        E: ApiErrorCode + ?Sized,
        I: IntoIterator<Item = T>,
        T: fmt::Display,
    {
        self.errors.push(FieldError::new(pointer(path), error));
        self
    }

    /// Adds an entry made beforehand.
    ///
    /// ```
    /// use authos_errors::catalog::ValidationError;
    /// use authos_errors::field_errors::{FieldError, FieldErrors};
    /// let mut errors = FieldErrors::new();
    /// errors.push_entry(FieldError::new("/url", &ValidationError::InvalidUrl));
    /// assert_eq!(errors.len(), 1);
    /// ```
    pub fn push_entry(&mut self, entry: FieldError) -> &mut Self {
        self.errors.push(entry);
        self
    }

    /// Replaces the top-level message (by default the summary's description).
    ///
    /// ```
    /// use authos_errors::ApiErrorCode;
    /// use authos_errors::field_errors::FieldErrors;
    /// let errors = FieldErrors::new().with_message("The signup form has errors");
    /// assert_eq!(errors.message(), "The signup form has errors");
    /// ```
    #[must_use]
    pub fn with_message(mut self, message: impl Into<Cow<'static, str>>) -> Self {
        self.message = Some(message.into());
        self
    }

    /// How many errors were gathered.
    ///
    /// ```
    /// use authos_errors::field_errors::FieldErrors;
    /// assert_eq!(FieldErrors::new().len(), 0);
    /// ```
    #[must_use]
    pub fn len(&self) -> usize {
        self.errors.len()
    }

    /// Whether no error was gathered.
    ///
    /// ```
    /// use authos_errors::field_errors::FieldErrors;
    /// assert!(FieldErrors::new().is_empty());
    /// ```
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.errors.is_empty()
    }

    /// The entries, in the order they were added.
    ///
    /// ```
    /// use authos_errors::catalog::ValidationError;
    /// use authos_errors::field_errors::FieldErrors;
    /// let mut errors = FieldErrors::new();
    /// errors.push("name", &ValidationError::NameTooShort);
    /// assert_eq!(errors.iter().map(|e| e.code()).collect::<Vec<_>>(), ["NAME_TOO_SHORT"]);
    /// ```
    pub fn iter(&self) -> std::slice::Iter<'_, FieldError> {
        self.errors.iter()
    }

    /// The entries as a slice.
    ///
    /// ```
    /// use authos_errors::catalog::ValidationError;
    /// use authos_errors::field_errors::FieldErrors;
    /// let mut errors = FieldErrors::new();
    /// errors.push("url", &ValidationError::InvalidUrl);
    /// assert_eq!(errors.as_slice()[0].code(), "INVALID_URL");
    /// ```
    #[must_use]
    pub fn as_slice(&self) -> &[FieldError] {
        &self.errors
    }

    /// `Ok(())` when nothing was gathered, else `Err(self)`, for `?` in a handler.
    ///
    /// ```
    /// use authos_errors::catalog::ValidationError;
    /// use authos_errors::field_errors::FieldErrors;
    /// assert!(FieldErrors::new().into_result().is_ok());
    /// let mut errors = FieldErrors::new();
    /// errors.push("url", &ValidationError::InvalidUrl);
    /// assert!(errors.into_result().is_err());
    /// ```
    pub fn into_result(self) -> Result<(), FieldErrors> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(self)
        }
    }

    /// The AuthOS body, stamped at `at`: `{"error", "error_code", "timestamp", "errors"}`.
    ///
    /// ```
    /// use authos_errors::catalog::ValidationError;
    /// use authos_errors::field_errors::FieldErrors;
    /// use chrono::{TimeZone, Utc};
    ///
    /// let mut errors = FieldErrors::new();
    /// errors.push("email", &ValidationError::InvalidEmail);
    /// let at = Utc.with_ymd_and_hms(2025, 1, 15, 10, 30, 0).unwrap();
    /// assert_eq!(
    ///     serde_json::to_string(&errors.body_at(at)).unwrap(),
    ///     concat!(
    ///         r#"{"error":"Invalid request parameters or malformed JSON","error_code":"BAD_REQUEST","#,
    ///         r#""timestamp":"2025-01-15T10:30:00Z","errors":[{"error_code":"INVALID_EMAIL","#,
    ///         r#""error":"Invalid email format","pointer":"/email"}]}"#,
    ///     )
    /// );
    /// ```
    #[must_use]
    pub fn body_at(&self, at: DateTime<Utc>) -> FieldErrorsBody<'_> {
        FieldErrorsBody {
            errors: self,
            timestamp: at,
            request_id: None,
        }
    }

    /// The RFC 9457 document, stamped at `at`: the members of
    /// [`ProblemDetails`](crate::problem::ProblemDetails), then `errors`.
    ///
    /// ```
    /// use authos_errors::catalog::{self, ValidationError};
    /// use chrono::{TimeZone, Utc};
    ///
    /// // AuthOS's summary and problem types, as the catalog configures them.
    /// let mut errors = catalog::field_errors();
    /// errors.push("email", &ValidationError::InvalidEmail);
    /// let at = Utc.with_ymd_and_hms(2025, 1, 15, 10, 30, 0).unwrap();
    /// let config = catalog::problem_config();
    /// assert_eq!(
    ///     serde_json::to_string(&errors.problem_at(&config, at)).unwrap(),
    ///     concat!(
    ///         r#"{"type":"https://docs.authos.dev/errors#BAD_REQUEST","#,
    ///         r#""title":"Invalid request parameters or malformed JSON","status":400,"#,
    ///         r#""detail":"Invalid request parameters or malformed JSON","error_code":"BAD_REQUEST","#,
    ///         r#""timestamp":"2025-01-15T10:30:00Z","errors":[{"error_code":"INVALID_EMAIL","#,
    ///         r#""error":"Invalid email format","pointer":"/email"}]}"#,
    ///     )
    /// );
    /// ```
    #[must_use]
    pub fn problem_at<'a>(
        &'a self,
        config: &'a ProblemConfig,
        at: DateTime<Utc>,
    ) -> FieldErrorsProblem<'a> {
        FieldErrorsProblem {
            errors: self,
            config,
            timestamp: at,
            request_id: None,
        }
    }
}

/// `CATALOG` is [`DEFAULT_SUMMARY`]; a value made [`with_summary`](FieldErrors::with_summary)
/// answers with that entry instead.
impl ApiErrorCode for FieldErrors {
    const CATALOG: &'static [ErrorCodeInfo] = std::slice::from_ref(&DEFAULT_SUMMARY);

    fn info(&self) -> &'static ErrorCodeInfo {
        self.summary
    }

    fn message(&self) -> Cow<'_, str> {
        match &self.message {
            Some(message) => Cow::Borrowed(message),
            None => Cow::Borrowed(self.summary.description),
        }
    }
}

impl Serialize for FieldErrors {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.body_at(Utc::now()).serialize(serializer)
    }
}

/// `BAD_REQUEST: message (/email: INVALID_EMAIL, /slug: SLUG_TOO_SHORT)`, for logs.
impl fmt::Display for FieldErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.summary.code, self.message())?;
        let mut separator = " (";
        for entry in &self.errors {
            write!(f, "{separator}{}: {}", entry.pointer, entry.info.code)?;
            separator = ", ";
        }
        if !self.errors.is_empty() {
            f.write_str(")")?;
        }
        Ok(())
    }
}

impl std::error::Error for FieldErrors {}

impl<'a> IntoIterator for &'a FieldErrors {
    type Item = &'a FieldError;
    type IntoIter = std::slice::Iter<'a, FieldError>;

    fn into_iter(self) -> Self::IntoIter {
        self.errors.iter()
    }
}

impl IntoIterator for FieldErrors {
    type Item = FieldError;
    type IntoIter = std::vec::IntoIter<FieldError>;

    fn into_iter(self) -> Self::IntoIter {
        self.errors.into_iter()
    }
}

impl Extend<FieldError> for FieldErrors {
    fn extend<I: IntoIterator<Item = FieldError>>(&mut self, entries: I) {
        self.errors.extend(entries);
    }
}

impl FromIterator<FieldError> for FieldErrors {
    fn from_iter<I: IntoIterator<Item = FieldError>>(entries: I) -> Self {
        FieldErrors {
            errors: entries.into_iter().collect(),
            ..FieldErrors::default()
        }
    }
}

/// The AuthOS body of a [`FieldErrors`]; made by [`FieldErrors::body_at`].
///
/// ```
/// use authos_errors::field_errors::FieldErrors;
/// use chrono::Utc;
/// let errors = FieldErrors::new();
/// let json = serde_json::to_value(errors.body_at(Utc::now())).unwrap();
/// assert_eq!(json["errors"], serde_json::json!([]));
/// ```
#[derive(Debug, Clone, Copy)]
pub struct FieldErrorsBody<'a> {
    errors: &'a FieldErrors,
    timestamp: DateTime<Utc>,
    request_id: Option<&'a str>,
}

impl<'a> FieldErrorsBody<'a> {
    /// This body with a `request_id` member after `timestamp` (the opt-in request
    /// correlation of the AuthOS body).
    ///
    /// ```
    /// use authos_errors::field_errors::FieldErrors;
    /// use chrono::Utc;
    /// let errors = FieldErrors::new();
    /// let json = serde_json::to_value(errors.body_at(Utc::now()).with_request_id("req-7")).unwrap();
    /// assert_eq!(json["request_id"], "req-7");
    /// ```
    #[must_use]
    pub fn with_request_id(mut self, request_id: &'a str) -> Self {
        self.request_id = Some(request_id);
        self
    }
}

impl Serialize for FieldErrorsBody<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let message = body_message(self.errors);
        AuthOsBody::new(&message, self.errors.summary.code, self.timestamp)
            .with_request_id(self.request_id)
            .with_errors(Some(self.errors.as_slice()))
            .serialize(serializer)
    }
}

/// The RFC 9457 document of a [`FieldErrors`]; made by [`FieldErrors::problem_at`].
///
/// ```
/// use authos_errors::field_errors::FieldErrors;
/// use authos_errors::problem::ProblemConfig;
/// use chrono::Utc;
/// let errors = FieldErrors::new();
/// let config = ProblemConfig::default();
/// let json = serde_json::to_value(errors.problem_at(&config, Utc::now())).unwrap();
/// assert_eq!(json["status"], 400);
/// ```
#[derive(Debug, Clone, Copy)]
pub struct FieldErrorsProblem<'a> {
    errors: &'a FieldErrors,
    config: &'a ProblemConfig,
    timestamp: DateTime<Utc>,
    request_id: Option<&'a str>,
}

impl<'a> FieldErrorsProblem<'a> {
    /// This document with `instance` naming the request (`urn:request:<id>`; see
    /// [`request_id`](crate::request_id)).
    ///
    /// ```
    /// use authos_errors::field_errors::FieldErrors;
    /// use authos_errors::problem::ProblemConfig;
    /// use chrono::Utc;
    /// let (errors, config) = (FieldErrors::new(), ProblemConfig::default());
    /// let problem = errors.problem_at(&config, Utc::now()).with_request_id("req-7");
    /// assert_eq!(serde_json::to_value(problem).unwrap()["instance"], "urn:request:req-7");
    /// ```
    #[must_use]
    pub fn with_request_id(mut self, request_id: &'a str) -> Self {
        self.request_id = Some(request_id);
        self
    }
}

impl Serialize for FieldErrorsProblem<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let problem = ProblemDetails::from_parts(
            self.errors.summary,
            body_message(self.errors),
            self.config,
            self.timestamp,
        );
        ProblemDocument::of(&problem)
            .with_request_id(self.request_id)
            .with_errors(Some(self.errors.as_slice()))
            .serialize(serializer)
    }
}
