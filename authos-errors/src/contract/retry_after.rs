//! `#[retry_after]` support: the type a field marked with it may have.

use std::time::Duration;

/// A `#[retry_after]` field's value: a [`Duration`], or an `Option<Duration>` (`None`: the
/// catalog's `retry_after`, if any). The derive names it at the field's type, so another type
/// is reported on that field.
#[diagnostic::on_unimplemented(
    message = "a #[retry_after] field holds the delay to send as `Retry-After`, and `{Self}` is not a `std::time::Duration`",
    label = "this #[retry_after] field's type is neither `Duration` nor `Option<Duration>`",
    note = "give the field the type `std::time::Duration` (or `Option<std::time::Duration>`, `None` meaning the catalog's `retry_after`), \
            e.g. `Duration::from_secs(seconds)` from a number of seconds"
)]
pub trait RetryAfterValue {
    /// The delay the field holds, when it holds one.
    fn retry_after_value(&self) -> Option<Duration>;
}

impl RetryAfterValue for Duration {
    fn retry_after_value(&self) -> Option<Duration> {
        Some(*self)
    }
}

impl RetryAfterValue for Option<Duration> {
    fn retry_after_value(&self) -> Option<Duration> {
        *self
    }
}
