//! The accessors a handler calls on every error do not touch the heap: `code()`, `status()`,
//! `info()`, `description()`, `message()` without placeholders and `from_code` read static
//! data only. Only a message with placeholders allocates, to fill them in.
//!
//! `allocation_counter` installs a counting global allocator in this test binary and counts
//! per thread, so tests running in parallel on other threads cannot disturb a measurement.

use std::borrow::Cow;
use std::hint::black_box;

use allocation_counter::measure;
use authos_errors::ApiErrorCode;
use authos_errors::catalog::{AuthOsError, MfaError};

#[derive(Debug, Clone, PartialEq, Eq, ApiErrorCode)]
#[api_error(group = "Billing Errors")]
enum BillingError {
    /// Card was declined
    #[code("CARD_DECLINED", status = 402, resolution = "Use another card")]
    CardDeclined,

    /// Invoice not found
    #[code("INVOICE_NOT_FOUND", status = 404)]
    InvoiceNotFound,

    /// Billing system error
    #[code(
        "PROVIDER_DOWN",
        status = 503,
        message = "Payment provider unavailable"
    )]
    ProviderDown,
}

#[derive(Debug, ApiErrorCode)]
#[api_error(group = "Slug Errors")]
enum SlugError {
    /// Slug shorter than the minimum
    #[code(
        "SLUG_TOO_SHORT",
        status = 400,
        message = "Slug must be at least {min} characters"
    )]
    SlugTooShort { min: usize },

    /// Slug already taken
    #[code("SLUG_TAKEN", status = 409)]
    SlugTaken { slug: String },

    #[code(transparent)]
    Billing(BillingError),
}

/// Calls every allocation-free accessor of `error`, returning how many heap allocations the
/// calls made on this thread.
fn allocations_of_accessors<E: ApiErrorCode>(error: &E) -> u64 {
    measure(|| {
        black_box(black_box(error).code());
        black_box(black_box(error).status());
        black_box(black_box(error).info());
        black_box(black_box(error).description());
        black_box(black_box(error).resolution());
        let message = black_box(error).message();
        assert!(
            matches!(message, Cow::Borrowed(_)),
            "a message without placeholders is borrowed"
        );
        black_box(message);
    })
    .count_total
}

#[test]
fn counter_sees_allocations_on_this_thread() {
    // The measurement is only worth something if it can fail.
    let info = measure(|| {
        black_box(String::from("allocates"));
    });
    assert_eq!(info.count_total, 1);
}

#[test]
fn derived_accessors_do_not_allocate() {
    let values = [
        BillingError::CardDeclined,
        BillingError::InvoiceNotFound,
        BillingError::ProviderDown,
    ];
    for value in &values {
        assert_eq!(allocations_of_accessors(value), 0, "{value:?}");
    }
    // A variant with fields but no message, and a transparent one.
    let taken = SlugError::SlugTaken {
        slug: "acme".to_owned(),
    };
    assert_eq!(allocations_of_accessors(&taken), 0);
    assert!(matches!(&taken, SlugError::SlugTaken { slug } if slug == "acme"));
    let wrapped = SlugError::Billing(BillingError::ProviderDown);
    assert_eq!(allocations_of_accessors(&wrapped), 0);
}

#[test]
fn derived_from_code_does_not_allocate() {
    let codes = [
        "CARD_DECLINED",
        "INVOICE_NOT_FOUND",
        "PROVIDER_DOWN",
        "NOPE",
    ];
    let info = measure(|| {
        for code in codes {
            black_box(BillingError::from_code(black_box(code)));
        }
    });
    assert_eq!(info.count_total, 0);
    assert_eq!(
        BillingError::from_code("PROVIDER_DOWN"),
        Some(BillingError::ProviderDown)
    );
}

#[test]
fn catalog_accessors_and_from_code_do_not_allocate() {
    for entry in AuthOsError::CATALOG {
        let mut found = None;
        let info = measure(|| {
            found = black_box(AuthOsError::from_code(black_box(entry.code)));
        });
        assert_eq!(info.count_total, 0, "from_code({:?})", entry.code);
        let error = found.unwrap_or_else(|| panic!("{} resolves", entry.code));
        assert_eq!(allocations_of_accessors(&error), 0, "{error:?}");
    }
    let unknown = measure(|| {
        black_box(AuthOsError::from_code(black_box("NOT_A_CODE")));
    });
    assert_eq!(unknown.count_total, 0);
    assert_eq!(allocations_of_accessors(&MfaError::MfaRequired), 0);
}

#[test]
fn message_with_placeholders_allocates_its_text() {
    let error = SlugError::SlugTooShort { min: 3 };
    let mut message = Cow::Borrowed("");
    let info = measure(|| {
        message = black_box(&error).message();
    });
    assert!(
        info.count_total >= 1,
        "filling in a template needs a String"
    );
    assert_eq!(message, "Slug must be at least 3 characters");
    assert!(matches!(message, Cow::Owned(_)));
}
