//! Support for the code `#[derive(ApiErrorCode)]` generates. Not public API.

pub use ::chrono;
pub use ::serde;
pub use ::std::borrow::Cow;
pub use ::std::error::Error;
pub use ::std::fmt;
pub use ::std::format;
pub use ::std::option::Option::{self, None, Some};
pub use ::std::string::String;

pub use crate::contract::details::{DetailValue, detail_field, details_struct};
pub use crate::contract::retry_after::RetryAfterValue;
pub use crate::grpc::GrpcCode;
pub use crate::oauth::OAuthErrorCode;
pub use crate::scim::ScimType;
pub use crate::{AllValues, ApiErrorCode, ErrorCodeInfo, FromCode};

/// Total number of entries in `parts`, for sizing a concatenated catalog.
#[must_use]
pub const fn catalog_len(parts: &[&[ErrorCodeInfo]]) -> usize {
    let mut len = 0;
    let mut i = 0;
    while i < parts.len() {
        len += parts[i].len();
        i += 1;
    }
    len
}

/// `parts` laid end to end, at compile time; `N` must be [`catalog_len`] of `parts`.
#[must_use]
pub const fn concat_catalog<const N: usize>(parts: &[&[ErrorCodeInfo]]) -> [ErrorCodeInfo; N] {
    const BLANK: ErrorCodeInfo = ErrorCodeInfo::new("", 0, "");
    let mut out = [BLANK; N];
    let mut at = 0;
    let mut i = 0;
    while i < parts.len() {
        let mut j = 0;
        while j < parts[i].len() {
            out[at] = parts[i][j];
            at += 1;
            j += 1;
        }
        i += 1;
    }
    assert!(at == N, "concat_catalog: N is not the total length");
    out
}

/// Turns a `#[source]` field into `&dyn Error`, whether it is a concrete error type or a
/// boxed trait object (which does not itself implement `Error`).
pub trait AsDynError {
    /// The field as a trait object.
    fn as_dyn_error(&self) -> &(dyn Error + 'static);
}

impl<T: Error + 'static> AsDynError for T {
    fn as_dyn_error(&self) -> &(dyn Error + 'static) {
        self
    }
}

impl AsDynError for dyn Error + 'static {
    fn as_dyn_error(&self) -> &(dyn Error + 'static) {
        self
    }
}

impl AsDynError for dyn Error + Send + 'static {
    fn as_dyn_error(&self) -> &(dyn Error + 'static) {
        self
    }
}

impl AsDynError for dyn Error + Send + Sync + 'static {
    fn as_dyn_error(&self) -> &(dyn Error + 'static) {
        self
    }
}

pub use crate::contract::consistency::assert_consistent_statuses;
pub use ::core::result::Result;

/// The body of a derived enum's `Serialize`: the AuthOS keys, and `details` when it has any.
pub fn serialize_body<E, S>(error: &E, serializer: S) -> Result<S::Ok, S::Error>
where
    E: ApiErrorCode + ?Sized,
    S: ::serde::Serializer,
{
    crate::contract::details::serialize_body(error, serializer)
}
