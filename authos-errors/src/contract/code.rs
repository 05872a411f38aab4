//! The trait every derived error enum implements.

use std::borrow::Cow;
use std::fmt;
use std::time::Duration;

use chrono::{DateTime, Utc};

use crate::{ErrorBody, ErrorCodeInfo};

/// A typed API error: each value knows its machine-readable code, HTTP status,
/// documentation and the JSON body it is answered with.
///
/// Implement it with `#[derive(ApiErrorCode)]`; hand-written impls only need
/// [`CATALOG`](Self::CATALOG) and [`info`](Self::info).
///
/// ```
/// use authos_errors::ApiErrorCode;
///
/// #[derive(Debug, ApiErrorCode)]
/// #[api_error(group = "Billing Errors")]
/// enum BillingError {
///     /// Card was declined
///     #[code("CARD_DECLINED", status = 402, resolution = "Use another card")]
///     CardDeclined { last4: String },
///     /// Slug shorter than the minimum
///     #[code("SLUG_TOO_SHORT", status = 400, message = "Slug must be at least {min} characters")]
///     SlugTooShort { min: usize },
/// }
///
/// let err = BillingError::SlugTooShort { min: 3 };
/// assert_eq!(err.code(), "SLUG_TOO_SHORT");
/// assert_eq!(err.status(), 400);
/// assert_eq!(err.message(), "Slug must be at least 3 characters");
/// assert_eq!(BillingError::CATALOG.len(), 2);
/// assert_eq!(BillingError::CATALOG[0].group, "Billing Errors");
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not an API error type",
    label = "`{Self}` does not implement `ApiErrorCode`",
    note = "#[code(transparent)] delegates to a type that derives `ApiErrorCode`: add `#[derive(ApiErrorCode)]` to `{Self}`, or give this variant its own #[code(\"CODE\", status = NNN)]"
)]
pub trait ApiErrorCode {
    /// Every entry this type can produce, in declaration order; a transparent variant
    /// contributes its inner type's entries in place.
    const CATALOG: &'static [ErrorCodeInfo];

    /// The catalog entry of this value.
    fn info(&self) -> &'static ErrorCodeInfo;

    /// The machine-readable code (`"TOKEN_EXPIRED"`).
    fn code(&self) -> &'static str {
        self.info().code
    }

    /// The HTTP status (400..=599).
    fn status(&self) -> u16 {
        self.info().status
    }

    /// The catalog description.
    fn description(&self) -> &'static str {
        self.info().description
    }

    /// The catalog resolution hint, if the catalog has one.
    fn resolution(&self) -> Option<&'static str> {
        self.info().resolution
    }

    /// The human-readable `error` field of the body: the variant's `message` template with
    /// its fields interpolated, else the description. Borrowed when nothing is interpolated.
    fn message(&self) -> Cow<'_, str> {
        Cow::Borrowed(self.description())
    }

    /// The text this error may show in any body, a 5xx's included: the variant's declared text
    /// (its `message` template with the fields filled in, else the description), never a text
    /// a handler supplied at run time unless the handler made it public with
    /// [`Detailed::with_public_message`](crate::Detailed::with_public_message). A 5xx body
    /// shows it in place of [`message`](Self::message) (the rule is
    /// [`disclosure`](crate::disclosure)).
    ///
    /// The default is [`message`](Self::message) when the entry declares a template
    /// ([`ErrorCodeInfo::message_template`]; the derive's `message()` fills it in), else the
    /// description: a hand-written impl whose `message()` carries run-time text without
    /// declaring a template needs no override.
    ///
    /// ```
    /// use authos_errors::{ApiErrorCode, ApiErrorCodeExt, catalog::InfrastructureError};
    ///
    /// let err = InfrastructureError::DatabaseError.with_message("db01 refused: password=hunter2");
    /// assert_eq!(err.message(), "db01 refused: password=hunter2");
    /// assert_eq!(err.public_message(), "Database operation failed");
    /// ```
    fn public_message(&self) -> Cow<'_, str> {
        if self.info().message_template.is_some() {
            self.message()
        } else {
            Cow::Borrowed(self.info().description)
        }
    }

    /// Passes `visit` the value of each field the variant's `message` template interpolates,
    /// named as the template names it (`min` for `{min}`, `0` for `{0}`), once each, formatted
    /// with the template's spec (`{0:.1}` gives `2.2`); nothing for a message without
    /// placeholders, a description, or a hand-written impl that does not override it.
    ///
    /// The derive implements it (delegating through transparent variants, as
    /// [`Detailed`](crate::Detailed) does to its inner error); localised messages (feature
    /// `fluent`) use the values as the variables of the translated text. A 5xx never passes
    /// its `#[source]`, which its template may not interpolate.
    ///
    /// ```
    /// use authos_errors::ApiErrorCode;
    ///
    /// #[derive(Debug, ApiErrorCode)]
    /// enum SignupError {
    ///     /// Slug shorter than the minimum
    ///     #[code("SLUG_TOO_SHORT", status = 400, message = "Slug must be at least {min} characters")]
    ///     SlugTooShort { min: usize, slug: String },
    /// }
    ///
    /// let err = SignupError::SlugTooShort { min: 3, slug: "ab".into() };
    /// let mut args = Vec::new();
    /// err.visit_message_args(&mut |name, value| args.push(format!("{name}={value}")));
    /// assert_eq!(args, ["min=3"]); // `slug` is not in the template
    /// ```
    fn visit_message_args(&self, visit: &mut dyn FnMut(&'static str, &dyn fmt::Display)) {
        let _ = visit;
    }

    /// The value whose code is `code`, when the type can build one from a code alone: what a
    /// client reading a received code types it with. The derive answers with `from_code`
    /// ([`FromCode`](crate::FromCode)) for enums that have it and `None` for enums with data
    /// variants (whose entry a client still finds in [`CATALOG`](Self::CATALOG)); the default
    /// is `None`.
    ///
    /// ```
    /// use authos_errors::ApiErrorCode;
    ///
    /// #[derive(Debug, PartialEq, ApiErrorCode)]
    /// enum Simple {
    ///     /// Not here
    ///     #[code("GONE", status = 410)]
    ///     Gone,
    /// }
    ///
    /// #[derive(Debug, ApiErrorCode)]
    /// enum WithData {
    ///     /// Card was declined
    ///     #[code("CARD_DECLINED", status = 402)]
    ///     CardDeclined { last4: String },
    /// }
    ///
    /// assert_eq!(Simple::value_of_code("GONE"), Some(Simple::Gone));
    /// assert!(WithData::value_of_code("CARD_DECLINED").is_none());
    /// ```
    fn value_of_code(code: &str) -> Option<Self>
    where
        Self: Sized,
    {
        let _ = code;
        None
    }

    /// How long the client should wait before retrying, when known (sent as `Retry-After`).
    ///
    /// The catalog entry's default ([`ErrorCodeInfo::retry_after`]), unless the value sets its
    /// own with [`Detailed::with_retry_after`](crate::Detailed::with_retry_after).
    fn retry_after(&self) -> Option<Duration> {
        self.info()
            .retry_after
            .map(|seconds| Duration::from_secs(u64::from(seconds)))
    }

    /// The OAuth scope the request lacked, when the error says (space-delimited scope tokens):
    /// a 403 then carries an RFC 6750 `insufficient_scope` challenge naming it. `None` unless
    /// set with [`Detailed::with_required_scope`](crate::Detailed::with_required_scope).
    fn required_scope(&self) -> Option<&str> {
        None
    }

    /// Writes the machine-readable values behind the message (the variant's `#[detail]`
    /// fields, as one object) to `serializer`, or returns `None` when the value has none,
    /// leaving the serializer unused.
    ///
    /// The derive implements it for enums with `#[detail]` fields or transparent variants;
    /// the default has no details. The body (`Serialize` of a derived enum) writes them as its
    /// `details` member; HTTP responses capture them when the response is built.
    ///
    /// ```
    /// use authos_errors::ApiErrorCode;
    ///
    /// #[derive(Debug, ApiErrorCode)]
    /// enum SlugError {
    ///     /// Slug shorter than the minimum
    ///     #[code("SLUG_TOO_SHORT", status = 400, message = "Slug must be at least {min} characters")]
    ///     TooShort {
    ///         #[detail]
    ///         min: usize,
    ///     },
    /// }
    ///
    /// let err = SlugError::TooShort { min: 3 };
    /// let details = err.serialize_details(serde_json::value::Serializer);
    /// assert_eq!(details.unwrap().unwrap(), serde_json::json!({"min": 3}));
    /// ```
    fn serialize_details<S: serde::Serializer>(
        &self,
        serializer: S,
    ) -> Option<Result<S::Ok, S::Error>> {
        let _ = serializer;
        None
    }

    /// The wire body, stamped now. Its `error` is [`disclosure::body_message`]: a 5xx says
    /// only its [`public_message`](Self::public_message).
    ///
    /// [`disclosure::body_message`]: crate::disclosure::body_message
    fn to_body(&self) -> ErrorBody<'_> {
        self.to_body_at(Utc::now())
    }

    /// The wire body, stamped at `at` (for reproducible output and tests); see
    /// [`to_body`](Self::to_body).
    fn to_body_at(&self, at: DateTime<Utc>) -> ErrorBody<'_> {
        ErrorBody {
            error: crate::contract::disclosure::body_message(self),
            error_code: Cow::Borrowed(self.code()),
            timestamp: at,
        }
    }
}

/// Look a value up by its machine-readable code.
///
/// The derive implements it (and an inherent `from_code`) for enums whose variants are all
/// unit variants or transparent over a type that implements `FromCode`. When a code appears
/// more than once, the first declared entry wins.
///
/// ```
/// use authos_errors::{ApiErrorCode, FromCode};
///
/// #[derive(Debug, PartialEq, ApiErrorCode)]
/// enum Simple {
///     /// Not here
///     #[code("GONE", status = 410)]
///     Gone,
/// }
///
/// assert_eq!(<Simple as FromCode>::from_code("GONE"), Some(Simple::Gone));
/// assert_eq!(Simple::from_code("NOPE"), None);
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` has no `from_code`: no value of it can be built from a code alone",
    label = "`{Self}` does not implement `FromCode`",
    note = "`from_code` is derived only for enums whose variants are all unit variants (or transparent over such enums)",
    note = "to read a received code, a client needs no `from_code`: `client::parse::<{Self}>` and `ErrorResponse::info` find its entry in `{Self}::CATALOG`",
    note = "for a `#[code(transparent)]` variant over `{Self}`, write `#[api_error(from_code = false)]` on the outer enum to do without it"
)]
pub trait FromCode: Sized {
    /// The value whose code is `code`, or `None` for a code the type does not declare.
    fn from_code(code: &str) -> Option<Self>;
}

/// `error`'s message arguments ([`ApiErrorCode::visit_message_args`]), each formatted once: what
/// its message is translated with after the value is gone (feature `fluent`). Empty, and
/// unallocated, for a message without placeholders.
#[cfg(all(feature = "fluent", feature = "field-errors"))]
pub(crate) fn captured_message_args<E: ApiErrorCode + ?Sized>(
    error: &E,
) -> Vec<(&'static str, String)> {
    let mut args = Vec::new();
    error.visit_message_args(&mut |name, value| args.push((name, value.to_string())));
    args
}
