//! Fixtures for the runtime benchmarks in `benches/runtime.rs`: one error enum declared with
//! `#[derive(ApiErrorCode)]` and its hand-written twin, so each benchmark compares the derive
//! with the code a careful engineer would write by hand, in the same run.
//!
//! ```
//! use authos_errors::ApiErrorCode;
//! use authos_errors_bench::{Derived, Hand};
//! assert_eq!(Derived::CardDeclined.code(), Hand::CardDeclined.code());
//! assert_eq!(Derived::CardDeclined.status(), Hand::CardDeclined.status());
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

use std::borrow::Cow;

use authos_errors::ApiErrorCode;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// A billing catalog declared with the derive.
#[allow(missing_docs)]
#[derive(Debug, Clone, PartialEq, Eq, ApiErrorCode)]
#[api_error(group = "Billing Errors")]
pub enum Derived {
    /// Card was declined
    #[code("CARD_DECLINED", status = 402, resolution = "Use another card")]
    CardDeclined,
    /// Card has expired
    #[code("CARD_EXPIRED", status = 402)]
    CardExpired,
    /// Invoice not found
    #[code("INVOICE_NOT_FOUND", status = 404)]
    InvoiceNotFound,
    /// Invoice already paid
    #[code("INVOICE_ALREADY_PAID", status = 409)]
    InvoiceAlreadyPaid,
    /// Currency not supported
    #[code("UNSUPPORTED_CURRENCY", status = 400)]
    UnsupportedCurrency,
    /// Amount is below the minimum
    #[code("AMOUNT_TOO_SMALL", status = 400)]
    AmountTooSmall,
    /// Too many payment attempts
    #[code("TOO_MANY_ATTEMPTS", status = 429, resolution = "Retry later")]
    TooManyAttempts,
    /// Payment provider unavailable
    #[code("PROVIDER_UNAVAILABLE", status = 503)]
    ProviderUnavailable,
    /// Slug shorter than the minimum
    #[code(
        "SLUG_TOO_SHORT",
        status = 400,
        message = "Slug must be at least {min} characters"
    )]
    SlugTooShort { min: usize },
}

/// The same catalog written by hand: a `match` per accessor.
#[allow(missing_docs)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Hand {
    CardDeclined,
    CardExpired,
    InvoiceNotFound,
    InvoiceAlreadyPaid,
    UnsupportedCurrency,
    AmountTooSmall,
    TooManyAttempts,
    ProviderUnavailable,
    SlugTooShort { min: usize },
}

impl Hand {
    /// The machine-readable code.
    pub fn code(&self) -> &'static str {
        match self {
            Hand::CardDeclined => "CARD_DECLINED",
            Hand::CardExpired => "CARD_EXPIRED",
            Hand::InvoiceNotFound => "INVOICE_NOT_FOUND",
            Hand::InvoiceAlreadyPaid => "INVOICE_ALREADY_PAID",
            Hand::UnsupportedCurrency => "UNSUPPORTED_CURRENCY",
            Hand::AmountTooSmall => "AMOUNT_TOO_SMALL",
            Hand::TooManyAttempts => "TOO_MANY_ATTEMPTS",
            Hand::ProviderUnavailable => "PROVIDER_UNAVAILABLE",
            Hand::SlugTooShort { .. } => "SLUG_TOO_SHORT",
        }
    }

    /// The HTTP status.
    pub fn status(&self) -> u16 {
        match self {
            Hand::CardDeclined | Hand::CardExpired => 402,
            Hand::InvoiceNotFound => 404,
            Hand::InvoiceAlreadyPaid => 409,
            Hand::UnsupportedCurrency | Hand::AmountTooSmall | Hand::SlugTooShort { .. } => 400,
            Hand::TooManyAttempts => 429,
            Hand::ProviderUnavailable => 503,
        }
    }

    /// The catalog description.
    pub fn description(&self) -> &'static str {
        match self {
            Hand::CardDeclined => "Card was declined",
            Hand::CardExpired => "Card has expired",
            Hand::InvoiceNotFound => "Invoice not found",
            Hand::InvoiceAlreadyPaid => "Invoice already paid",
            Hand::UnsupportedCurrency => "Currency not supported",
            Hand::AmountTooSmall => "Amount is below the minimum",
            Hand::TooManyAttempts => "Too many payment attempts",
            Hand::ProviderUnavailable => "Payment provider unavailable",
            Hand::SlugTooShort { .. } => "Slug shorter than the minimum",
        }
    }

    /// The message: the template filled in, else the description.
    pub fn message(&self) -> Cow<'_, str> {
        match self {
            Hand::SlugTooShort { min } => {
                Cow::Owned(format!("Slug must be at least {min} characters"))
            }
            other => Cow::Borrowed(other.description()),
        }
    }
}

/// Every unit variant of [`Derived`], in order, for benchmarks that walk the catalog.
pub const DERIVED_UNIT: [Derived; 8] = [
    Derived::CardDeclined,
    Derived::CardExpired,
    Derived::InvoiceNotFound,
    Derived::InvoiceAlreadyPaid,
    Derived::UnsupportedCurrency,
    Derived::AmountTooSmall,
    Derived::TooManyAttempts,
    Derived::ProviderUnavailable,
];

/// Every unit variant of [`Hand`], in the same order as [`DERIVED_UNIT`].
pub const HAND_UNIT: [Hand; 8] = [
    Hand::CardDeclined,
    Hand::CardExpired,
    Hand::InvoiceNotFound,
    Hand::InvoiceAlreadyPaid,
    Hand::UnsupportedCurrency,
    Hand::AmountTooSmall,
    Hand::TooManyAttempts,
    Hand::ProviderUnavailable,
];

/// The body as one would write it by hand with `#[derive(Serialize)]`; chrono's own serde
/// writes a whole-second UTC instant as `2025-01-15T10:30:00Z`, the same bytes as `ErrorBody`.
#[derive(Debug, Serialize)]
pub struct HandBody<'a> {
    /// The human-readable message.
    pub error: &'a str,
    /// The machine-readable code.
    pub error_code: &'a str,
    /// When the error happened.
    pub timestamp: DateTime<Utc>,
}

/// The body as one would parse it by hand with `#[derive(Deserialize)]`, borrowing strings
/// from the input like `ErrorBody` does.
#[derive(Debug, Deserialize)]
pub struct HandParsedBody<'a> {
    /// The human-readable message.
    #[serde(borrow)]
    pub error: Cow<'a, str>,
    /// The machine-readable code.
    #[serde(borrow)]
    pub error_code: Cow<'a, str>,
    /// When the error happened.
    pub timestamp: DateTime<Utc>,
}

/// Whether the two flavours agree, checked before timing anything.
pub fn flavours_agree() -> bool {
    DERIVED_UNIT.iter().zip(HAND_UNIT.iter()).all(|(d, h)| {
        d.code() == h.code() && d.status() == h.status() && d.message() == h.message()
    }) && Derived::SlugTooShort { min: 3 }.message() == Hand::SlugTooShort { min: 3 }.message()
}
