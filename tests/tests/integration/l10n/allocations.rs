//! A localised render allocates only what the message needs: nothing for a translation without
//! variables (borrowed from the resource) and nothing in the source language; a few small
//! buffers for one with variables. Counted per thread by `allocation_counter`'s global allocator.

use std::hint::black_box;

use allocation_counter::measure;
use authos_errors::ApiErrorCode;
use authos_errors::catalog::{AuthOsError, ValidationError};
use authos_errors::l10n::Localizer;

#[derive(Debug, ApiErrorCode)]
enum SignupError {
    /// Slug shorter than the minimum
    #[code(
        "HANDLE_TOO_SHORT",
        status = 400,
        message = "Slug must be at least {min} characters"
    )]
    HandleTooShort { min: usize },
}

#[test]
fn a_translation_without_variables_is_borrowed() {
    let localizer = authos_errors::catalog::localizer();
    let french = localizer.locale("fr").expect("French is loaded");
    let err = AuthOsError::from(ValidationError::SlugTooShort);
    // First use builds the bundle's lazily created parts; measure the steady state.
    black_box(french.translate(&err));
    let counted = measure(|| {
        let text = black_box(french.translate(black_box(&err)));
        assert!(matches!(text, Some(std::borrow::Cow::Borrowed(_))));
    });
    assert_eq!(counted.count_total, 0);
    let source = localizer.source();
    let counted = measure(|| {
        black_box(source.translate(black_box(&err)));
    });
    assert_eq!(counted.count_total, 0);
}

#[test]
fn a_translation_with_a_variable_allocates_a_few_small_buffers() {
    let mut localizer = Localizer::new(SignupError::CATALOG);
    localizer
        .add_resource(
            "fr",
            "fr.ftl",
            "HANDLE_TOO_SHORT = Au moins { $min } { $min ->\n    [one] caractère\n   *[other] caractères\n}\n",
        )
        .expect("loads");
    let french = localizer.locale("fr").expect("French is loaded");
    let err = SignupError::HandleTooShort { min: 3 };
    black_box(french.translate(&err));
    let counted = measure(|| {
        let text = french.translate(black_box(&err)).expect("translated");
        assert_eq!(text, "Au moins 3 caractères");
    });
    // The variable's text (formatted by the derive, then kept), the argument lists, Fluent's
    // number and select resolution, the message: ten small buffers, 407 bytes, when written.
    // The bound leaves room for Fluent's internals, not for copying a resource or a bundle.
    assert!(counted.count_total <= 12, "{counted:?}");
    assert!(counted.bytes_total <= 512, "{counted:?}");
}

/// A range that matches a language exactly or by its primary language costs no allocation;
/// one that does not goes through Fluent's full negotiation, which allocates.
#[test]
fn negotiating_a_common_header_does_not_allocate() {
    let localizer = authos_errors::catalog::localizer();
    for header in [
        "en-US,en;q=0.9",
        "fr-CA, en;q=0.8",
        "fr;q=0.5, en-GB",
        "*",
        "",
    ] {
        black_box(localizer.negotiate(header));
        let counted = measure(|| {
            black_box(localizer.negotiate(black_box(header)));
        });
        assert_eq!(counted.count_total, 0, "{header}");
    }
}
