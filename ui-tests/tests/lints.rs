//! The derive's output is lint-clean: this file denies every warning, clippy's default set
//! and clippy's pedantic set, and declares enums that exercise every part of the generator
//! (generics, transparent delegation, templates, sources, `from_code`, thiserror beside us).
//! `cargo clippy -p authos-errors-ui-tests --all-targets -- -D warnings` checks it.
#![deny(warnings, clippy::all, clippy::pedantic)]

use std::error::Error as _;
use std::fmt::Debug;

use authos_errors::catalog::AuthenticationError;
use authos_errors::{ApiErrorCode, FromCode};

/// Billing failures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ApiErrorCode)]
#[api_error(group = "Billing Errors")]
pub enum BillingError {
    /// Card was declined
    #[code("CARD_DECLINED", status = 402, resolution = "Use another card")]
    CardDeclined,
    /// Billing system error
    #[code("BILLING_UNAVAILABLE", status = 503)]
    Unavailable,
}

/// An application error composed of other catalogs.
#[derive(Debug, PartialEq, Eq, ApiErrorCode)]
pub enum AppError {
    /// Delegates to the billing catalog.
    #[code(transparent)]
    Billing(BillingError),
    /// Delegates to the authentication catalog.
    #[code(transparent)]
    Auth(AuthenticationError),
    /// Maintenance window
    #[code("MAINTENANCE", status = 503, message = "Down for maintenance")]
    Maintenance,
}

/// A generic store error: a message over a type parameter, a generic source, a where-clause.
#[derive(Debug, ApiErrorCode)]
pub enum StoreError<K, E>
where
    K: Debug,
{
    /// Key not found
    #[code("KEY_NOT_FOUND", status = 404, message = "No entry for {key:?}")]
    KeyNotFound {
        /// The key looked up.
        key: K,
    },
    /// Storage backend failed
    #[code("BACKEND_FAILED", status = 503)]
    Backend(#[source] E),
}

/// Every template form and source shape.
#[derive(Debug, ApiErrorCode)]
pub enum UploadError {
    /// File too large
    #[code(
        "FILE_TOO_LARGE",
        status = 413,
        message = "{0} bytes is over the {1:>6} byte limit"
    )]
    TooLarge(u64, u64),
    /// Unsupported type
    #[code(
        "UNSUPPORTED_TYPE",
        status = 415,
        message = "Type {mime} is not accepted; use {{png}}"
    )]
    UnsupportedType {
        /// The rejected media type.
        mime: String,
    },
    /// Storage failed
    #[code("STORAGE_FAILED", status = 500)]
    Storage {
        /// Where the upload was going.
        path: String,
        /// Why it failed.
        #[source]
        cause: std::io::Error,
    },
    /// Post-processing failed
    #[code("POSTPROCESS_FAILED", status = 500)]
    Postprocess(#[source] Box<dyn std::error::Error + Send + Sync>),
}

/// thiserror writes Display and Error; the derive writes the catalog.
#[derive(Debug, thiserror::Error, ApiErrorCode)]
#[api_error(display = false, serialize = false)]
pub enum ImportError {
    /// Malformed row
    #[error("row {row} is malformed")]
    #[code("MALFORMED_ROW", status = 422, message = "Row {row} is malformed")]
    Malformed {
        /// The 1-based row number.
        row: usize,
    },
    /// Authentication failed
    #[error(transparent)]
    #[code(transparent)]
    Auth(#[from] AuthenticationError),
}

#[test]
fn transparent_variants_delegate_and_compose_the_catalog() {
    let app = AppError::from(BillingError::CardDeclined);
    assert_eq!(app.code(), "CARD_DECLINED");
    assert_eq!(app.resolution(), Some("Use another card"));
    assert_eq!(
        AppError::CATALOG.len(),
        BillingError::CATALOG.len() + AuthenticationError::CATALOG.len() + 1
    );
    assert_eq!(
        AppError::from_code("MAINTENANCE"),
        Some(AppError::Maintenance)
    );
    assert_eq!(
        <AppError as FromCode>::from_code("BILLING_UNAVAILABLE"),
        Some(AppError::Billing(BillingError::Unavailable))
    );
}

#[test]
fn generic_fields_and_sources_work() {
    let missing: StoreError<u32, std::io::Error> = StoreError::KeyNotFound { key: 7 };
    assert_eq!(missing.message(), "No entry for 7");
    let failed: StoreError<u32, std::io::Error> =
        StoreError::Backend(std::io::Error::other("disk full"));
    assert_eq!(
        failed.source().map(ToString::to_string).as_deref(),
        Some("disk full")
    );
    assert_eq!(failed.message(), "Storage backend failed");
}

#[test]
fn templates_and_sources_render() {
    assert_eq!(
        UploadError::TooLarge(20, 10).message(),
        "20 bytes is over the     10 byte limit"
    );
    let mime = UploadError::UnsupportedType {
        mime: "image/tiff".to_owned(),
    };
    assert_eq!(
        mime.to_string(),
        "Type image/tiff is not accepted; use {png}"
    );
    let storage = UploadError::Storage {
        path: "/uploads/a".to_owned(),
        cause: std::io::Error::other("read-only"),
    };
    assert_eq!(storage.message(), "Storage failed");
    assert!(storage.source().is_some());
    let post = UploadError::Postprocess("crashed".into());
    assert_eq!(
        post.source().map(ToString::to_string).as_deref(),
        Some("crashed")
    );
}

#[test]
fn thiserror_and_the_derive_share_an_enum() {
    let malformed = ImportError::Malformed { row: 3 };
    assert_eq!(malformed.to_string(), "row 3 is malformed");
    assert_eq!(malformed.message(), "Row 3 is malformed");
    let auth = ImportError::from(AuthenticationError::TokenExpired);
    assert_eq!(auth.code(), "TOKEN_EXPIRED");
}

/// Errors whose bodies carry machine-readable details.
#[derive(Debug, ApiErrorCode)]
#[api_error(group = "Signup Errors", from_code = false)]
pub enum SignupError {
    /// Slug shorter than the minimum
    #[code(
        "SLUG_TOO_SHORT",
        status = 400,
        message = "Slug must be at least {min} characters"
    )]
    SlugTooShort {
        /// The minimum length.
        #[detail]
        min: usize,
        /// The slug as sent (not a detail).
        slug: String,
    },
    /// Password too weak
    #[code("WEAK_PASSWORD", status = 400)]
    WeakPassword(#[detail] u32, #[detail] &'static str),
    /// Delegates to the authentication catalog.
    #[code(transparent)]
    Auth(AuthenticationError),
}

#[test]
fn details_are_written_by_lint_clean_code() {
    let err = SignupError::SlugTooShort {
        min: 3,
        slug: "ab".to_owned(),
    };
    assert!(matches!(&err, SignupError::SlugTooShort { slug, .. } if slug == "ab"));
    assert_eq!(SignupError::CATALOG[0].details, ["min"]);
    assert_eq!(SignupError::CATALOG[1].details, ["0", "1"]);
    assert_eq!(
        SignupError::WeakPassword(8, "digit").message(),
        "Password too weak"
    );
    assert_eq!(
        SignupError::from(AuthenticationError::TokenExpired).status(),
        401
    );
}

/// `#[from]` sources (one beside a captured backtrace) and a transparent `#[from]`, with the
/// lifetime of a borrowed field.
#[derive(Debug, ApiErrorCode)]
pub enum SyncError<'a> {
    /// Remote is unknown
    #[code("UNKNOWN_REMOTE", status = 404, message = "No remote named {name}")]
    UnknownRemote {
        /// The remote's name.
        name: &'a str,
    },
    /// Transfer failed
    #[code("TRANSFER_FAILED", status = 502)]
    Transfer(#[from] std::io::Error),
    /// Manifest is not UTF-8
    #[code("MANIFEST_NOT_UTF8", status = 422)]
    Manifest {
        /// The decoding error.
        #[from]
        source: std::str::Utf8Error,
        /// Where it was converted.
        #[backtrace]
        backtrace: std::backtrace::Backtrace,
    },
    /// Delegates to the billing catalog.
    #[code(transparent)]
    Billing(#[from] BillingError),
}

#[test]
fn from_fields_convert_and_codes_parse() {
    let transfer = SyncError::from(std::io::Error::other("reset"));
    assert_eq!(transfer.code(), "TRANSFER_FAILED");
    assert!(transfer.source().is_some());
    assert_eq!(
        SyncError::from(BillingError::Unavailable).code(),
        "BILLING_UNAVAILABLE"
    );
    assert_eq!("CARD_DECLINED".parse(), Ok(BillingError::CardDeclined));
    let code: &'static str = BillingError::Unavailable.into();
    assert_eq!(code, "BILLING_UNAVAILABLE");
    assert_eq!(BillingError::ALL.len(), 2);
}

/// Fieldless variants of every shape, which keep their shape in the generated code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ApiErrorCode)]
pub enum ShapeError {
    /// Nothing in braces
    #[code("SHAPE_BRACES", status = 400)]
    Braces {},
    /// Nothing in parentheses
    #[code("SHAPE_PARENS", status = 400, message = "Parentheses, empty")]
    Parens(),
    /// Plain unit
    #[code("SHAPE_UNIT", status = 400)]
    Unit,
}

#[test]
fn fieldless_shapes_parse_from_their_codes() {
    assert_eq!(
        ShapeError::from_code("SHAPE_BRACES"),
        Some(ShapeError::Braces {})
    );
    assert_eq!("SHAPE_PARENS".parse(), Ok(ShapeError::Parens()));
    assert_eq!(ShapeError::ALL.len(), 3);
}
