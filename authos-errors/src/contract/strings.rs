//! Codes as strings, and every value of an enum: what strum's `EnumString`, `AsRefStr`,
//! `IntoStaticStr` and `EnumIter` give, for enums whose values are known by their code alone.

use std::error::Error;
use std::fmt;

/// A string that is not a code of the enum it was parsed as: the error of the derived
/// `FromStr` and `TryFrom<&str>`, and the message of a failed `Deserialize`.
///
/// ```
/// use authos_errors::{ApiErrorCode, UnknownCode};
///
/// #[derive(Debug, PartialEq, ApiErrorCode)]
/// enum Gate {
///     /// Gate is closed
///     #[code("GATE_CLOSED", status = 403)]
///     Closed,
/// }
///
/// assert_eq!("GATE_CLOSED".parse::<Gate>(), Ok(Gate::Closed));
/// let err: UnknownCode = "GATE_OPEN".parse::<Gate>().unwrap_err();
/// assert_eq!(err.code(), "GATE_OPEN");
/// assert_eq!(err.to_string(), "`GATE_OPEN` is not an error code of `Gate`");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct UnknownCode {
    code: Box<str>,
    type_name: &'static str,
}

impl UnknownCode {
    /// The error for `code`, which `type_name` (the enum's name, for the message) does not declare.
    ///
    /// ```
    /// let err = authos_errors::UnknownCode::new("NOPE", "BillingError");
    /// assert_eq!(err.type_name(), "BillingError");
    /// ```
    #[must_use]
    pub fn new(code: &str, type_name: &'static str) -> Self {
        UnknownCode {
            code: code.into(),
            type_name,
        }
    }

    /// The string that was not a code.
    ///
    /// ```
    /// assert_eq!(authos_errors::UnknownCode::new("NOPE", "E").code(), "NOPE");
    /// ```
    #[must_use]
    pub fn code(&self) -> &str {
        &self.code
    }

    /// The name of the enum the string was parsed as.
    ///
    /// ```
    /// assert_eq!(authos_errors::UnknownCode::new("NOPE", "E").type_name(), "E");
    /// ```
    #[must_use]
    pub fn type_name(&self) -> &'static str {
        self.type_name
    }
}

impl fmt::Display for UnknownCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // `{:?}` would escape; a code is shown as given, but bounded so a hostile input
        // cannot make the message arbitrarily long.
        const SHOWN: usize = 64;
        let shown = match self.code.char_indices().nth(SHOWN) {
            Some((end, _)) => &self.code[..end],
            None => &self.code,
        };
        let ellipsis = if shown.len() < self.code.len() {
            "…"
        } else {
            ""
        };
        write!(
            f,
            "`{shown}{ellipsis}` is not an error code of `{}`",
            self.type_name
        )
    }
}

impl Error for UnknownCode {}

/// Every value of an enum, in declaration order: strum's `EnumIter`.
///
/// The derive implements it for the enums that get `from_code` (every variant a unit variant or
/// transparent over such an enum). An enum of unit variants also has an inherent
/// `const ALL: &'static [Self]`; a transparent variant's values are built by calling into the
/// inner enum, which no `const` can do, so for those enums this iterator is the list. A value
/// whose code repeats one listed earlier is still listed: the list is of values, not of codes.
///
/// ```
/// use authos_errors::{AllValues, ApiErrorCode, catalog::AuthenticationError};
///
/// #[derive(Debug, PartialEq, ApiErrorCode)]
/// enum Access {
///     /// Gate is closed
///     #[code("GATE_CLOSED", status = 403)]
///     Closed,
///     #[code(transparent)]
///     Auth(AuthenticationError),
/// }
///
/// let codes: Vec<&str> = Access::all().map(|value| value.code()).collect();
/// assert_eq!(codes[0], "GATE_CLOSED");
/// assert_eq!(codes.len(), Access::CATALOG.len());
/// assert_eq!(Access::all().nth(1), Some(Access::Auth(AuthenticationError::Unauthorized)));
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot list its values",
    label = "a transparent variant over `{Self}` needs `{Self}: AllValues`",
    note = "the list of values is derived only for enums whose variants are all unit variants (or transparent over such enums); \
            on the outer enum write `#[api_error(all_values = false)]` to do without it"
)]
pub trait AllValues: Sized {
    /// Every value, in declaration order; a transparent variant's values in its place.
    fn all() -> impl Iterator<Item = Self>;
}
