//! How a received code is looked up in the catalog a client names: the entry in any enum's
//! `CATALOG`, the typed value where the enum can build one from a code.

use crate::{ApiErrorCode, ErrorCodeInfo};

/// A catalog a client reads received codes with: every type that implements
/// [`ApiErrorCode`], enums with data variants included.
///
/// A received code finds its [`ErrorCodeInfo`] in the type's [`CATALOG`](ApiErrorCode::CATALOG)
/// (the first row that declares it) and, where the type can build a value from a code alone
/// (an enum whose variants are all unit variants, or transparent over such enums: the ones
/// with [`FromCode`](crate::FromCode)), its typed value ([`ApiErrorCode::value_of_code`]).
///
/// ```
/// use authos_errors::{ApiErrorCode, client::{self, Catalog}};
///
/// #[derive(Debug, ApiErrorCode)]
/// enum OrderError {
///     /// Order not found
///     #[code("ORDER_NOT_FOUND", status = 404)]
///     NotFound { id: u64 },
/// }
///
/// // No value can be built from the code alone, but the entry is known.
/// let (entry, value) = OrderError::lookup("ORDER_NOT_FOUND");
/// assert_eq!(entry.map(|info| info.status), Some(404));
/// assert!(value.is_none());
///
/// let response = client::parse::<OrderError>(
///     r#"{"error":"No order 7","error_code":"ORDER_NOT_FOUND","timestamp":"2025-01-15T10:30:00Z"}"#,
/// )?;
/// assert_eq!(response.info().map(|info| info.description), Some("Order not found"));
/// # Ok::<(), client::ParseError>(())
/// ```
#[diagnostic::on_unimplemented(
    message = "the client cannot read responses as `{Self}`: it is not an error catalog",
    label = "the received code is looked up in this type's catalog",
    note = "name the error enum the service answers with: one that derives `ApiErrorCode` (data variants are fine)"
)]
pub trait Catalog: Sized {
    /// The catalog entry declaring `code` and, when the type can build one, its typed value;
    /// `(None, None)` for a code the catalog does not declare.
    fn lookup(code: &str) -> (Option<&'static ErrorCodeInfo>, Option<Self>);
}

impl<E: ApiErrorCode> Catalog for E {
    fn lookup(code: &str) -> (Option<&'static ErrorCodeInfo>, Option<Self>) {
        match E::value_of_code(code) {
            Some(value) => (Some(value.info()), Some(value)),
            None => (E::CATALOG.iter().find(|row| row.code == code), None),
        }
    }
}
