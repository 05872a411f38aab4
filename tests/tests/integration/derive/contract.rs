//! The runtime contract of `#[derive(ApiErrorCode)]` (`authos_errors` crate docs, "Public
//! contract", and the `ApiErrorCode` trait docs), exercised
//! the way a downstream service uses it.

use std::borrow::Cow;
use std::error::Error as _;

use authos_errors::catalog::{AuthenticationError, GeneralError};
use authos_errors::{ApiErrorCode, ErrorBody, ErrorCodeInfo, FromCode};
use chrono::{DateTime, TimeZone, Utc};

#[derive(Debug, ApiErrorCode)]
#[api_error(group = "Billing Errors")]
// `allow`, not `expect`: with feature `tonic` the derived `From<BillingError> for Status` makes
// the fields count as read.
#[allow(
    dead_code,
    reason = "`last4` is data a service carries; no test reads it back"
)]
pub enum BillingError {
    /// Card was declined
    #[code("CARD_DECLINED", status = 402, resolution = "Use another card")]
    CardDeclined { last4: String },

    /// Billing system error
    #[code("STRIPE_ERROR", status = 500, message = "Payment provider unavailable")]
    Stripe(#[source] std::io::Error),

    /// Slug shorter than the minimum
    #[code(
        "SLUG_TOO_SHORT",
        status = 400,
        message = "Slug must be at least {min} characters"
    )]
    SlugTooShort { min: usize },

    #[code(transparent)]
    Auth(AuthenticationError),
}

/// Every variant shape, with a default group and a tuple-field template.
#[derive(Debug, ApiErrorCode)]
#[allow(
    dead_code,
    reason = "the fields give the variants their shapes; no test reads them (allow: see BillingError)"
)]
pub enum Shapes {
    /// A unit variant
    #[code("UNIT", status = 404)]
    Unit,

    /// A tuple variant
    #[code("TUPLE", status = 409, message = "{1} conflicts with {0}")]
    Tuple(String, String),

    /// Ignored: the `description` key wins over the doc comment
    #[code("NAMED", status = 422, description = "A named variant")]
    Named { field: u32, other: bool },

    /// A boxed source
    #[code("BOXED", status = 503, message = "Try later ({{maintenance}})")]
    Boxed {
        #[source]
        cause: Box<dyn std::error::Error + Send + Sync>,
    },
}

/// A unit-only enum composed with the catalog, for `from_code`.
#[derive(Debug, PartialEq, ApiErrorCode)]
pub enum Composite {
    /// Local first
    #[code("LOCAL", status = 400)]
    Local,

    #[code(transparent)]
    General(GeneralError),

    /// After the transparent block
    #[code("LATER", status = 418)]
    Later,
}

/// Generic over the payload, with the bound the template needs inferred.
#[derive(Debug, ApiErrorCode)]
pub enum Limit<T>
where
    T: Copy,
{
    /// Limit exceeded
    #[code("OVER_LIMIT", status = 400, message = "limit is {max}")]
    Over { max: T },
}

fn at() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 1, 15, 10, 30, 0).unwrap()
}

fn json(err: &impl ApiErrorCode) -> String {
    serde_json::to_string(&err.to_body_at(at())).unwrap()
}

#[test]
fn design_example_codes_statuses_and_messages() {
    let declined = BillingError::CardDeclined {
        last4: "4242".into(),
    };
    assert_eq!(declined.code(), "CARD_DECLINED");
    assert_eq!(declined.status(), 402);
    assert_eq!(declined.description(), "Card was declined");
    assert_eq!(declined.resolution(), Some("Use another card"));
    assert_eq!(declined.message(), "Card was declined");
    assert_eq!(declined.info().group, "Billing Errors");

    let stripe = BillingError::Stripe(std::io::Error::other("conn reset"));
    assert_eq!(stripe.code(), "STRIPE_ERROR");
    assert_eq!(stripe.status(), 500);
    assert_eq!(stripe.message(), "Payment provider unavailable");
    assert_eq!(stripe.resolution(), None);

    let short = BillingError::SlugTooShort { min: 3 };
    assert_eq!(short.message(), "Slug must be at least 3 characters");

    let auth = BillingError::Auth(AuthenticationError::TokenExpired);
    assert_eq!(auth.code(), "TOKEN_EXPIRED");
    assert_eq!(auth.status(), 401);
    assert_eq!(auth.info().group, "Authentication Errors");
    assert_eq!(auth.resolution(), Some("Refresh using /api/auth/refresh"));
}

#[test]
fn json_bodies_are_exact() {
    assert_eq!(
        json(&BillingError::CardDeclined {
            last4: "4242".into()
        }),
        r#"{"error":"Card was declined","error_code":"CARD_DECLINED","timestamp":"2025-01-15T10:30:00Z"}"#
    );
    assert_eq!(
        json(&BillingError::SlugTooShort { min: 3 }),
        r#"{"error":"Slug must be at least 3 characters","error_code":"SLUG_TOO_SHORT","timestamp":"2025-01-15T10:30:00Z"}"#
    );
    assert_eq!(
        json(&BillingError::Auth(AuthenticationError::AccountLocked)),
        r#"{"error":"Too many failed attempts","error_code":"ACCOUNT_LOCKED","timestamp":"2025-01-15T10:30:00Z"}"#
    );
}

#[test]
fn five_hundred_body_never_shows_the_source() {
    let err = BillingError::Stripe(std::io::Error::other("password=hunter2 at db-7"));
    let body = serde_json::to_string(&err).unwrap();
    assert!(!body.contains("hunter2"), "{body}");
    assert!(body.contains(r#""error":"Payment provider unavailable""#));
    assert_eq!(err.to_string(), "Payment provider unavailable");
    // The source stays reachable for logs.
    assert_eq!(
        err.source().unwrap().to_string(),
        "password=hunter2 at db-7"
    );
}

#[test]
fn generated_serialize_is_the_body_stamped_now() {
    let before = Utc::now().timestamp();
    let value: serde_json::Value =
        serde_json::to_value(BillingError::SlugTooShort { min: 5 }).unwrap();
    let after = Utc::now().timestamp();
    let object = value.as_object().unwrap();
    let keys: Vec<&str> = object.keys().map(String::as_str).collect();
    assert_eq!(keys.len(), 3);
    assert_eq!(value["error"], "Slug must be at least 5 characters");
    assert_eq!(value["error_code"], "SLUG_TOO_SHORT");
    let stamp = value["timestamp"].as_str().unwrap();
    assert_eq!(stamp.len(), "2025-01-15T10:30:00Z".len());
    assert!(stamp.ends_with('Z'));
    let parsed = DateTime::parse_from_rfc3339(stamp).unwrap().timestamp();
    assert!((before..=after).contains(&parsed), "{stamp}");
}

#[test]
fn key_order_is_error_error_code_timestamp() {
    let text = serde_json::to_string(&GeneralError::Conflict).unwrap();
    let error = text.find(r#""error":"#).unwrap();
    let code = text.find(r#""error_code":"#).unwrap();
    let stamp = text.find(r#""timestamp":"#).unwrap();
    assert!(error < code && code < stamp, "{text}");
}

#[test]
fn body_round_trips_through_parsing() {
    let err = BillingError::SlugTooShort { min: 3 };
    let text = json(&err);
    let parsed: ErrorBody<'_> = serde_json::from_str(&text).unwrap();
    assert_eq!(parsed, err.to_body_at(at()));
    assert_eq!(parsed.error_code, "SLUG_TOO_SHORT");
    assert!(matches!(parsed.error_code, Cow::Borrowed(_)));
}

#[test]
fn parsing_is_tolerant_of_newer_servers() {
    let parsed: ErrorBody<'_> = serde_json::from_str(
        r#"{"request_id":"r-1","timestamp":"2025-01-15T12:30:00.250+02:00","error_code":"BRAND_NEW_CODE","error":"new","details":{"a":[1,2]}}"#,
    )
    .unwrap();
    assert_eq!(parsed.error_code, "BRAND_NEW_CODE");
    assert_eq!(parsed.error, "new");
    assert_eq!(parsed.timestamp, at() + chrono::Duration::milliseconds(250));
}

#[test]
fn parsing_rejects_malformed_bodies_with_clear_errors() {
    let missing = serde_json::from_str::<ErrorBody<'_>>(r#"{"error":"x","error_code":"X"}"#)
        .unwrap_err()
        .to_string();
    assert!(missing.contains("missing field `timestamp`"), "{missing}");

    let bad_time = serde_json::from_str::<ErrorBody<'_>>(
        r#"{"error":"x","error_code":"X","timestamp":"yesterday"}"#,
    )
    .unwrap_err()
    .to_string();
    assert!(bad_time.contains("RFC 3339"), "{bad_time}");

    let wrong_type =
        serde_json::from_str::<ErrorBody<'_>>(r#"{"error":1,"error_code":"X","timestamp":"t"}"#)
            .unwrap_err()
            .to_string();
    assert!(wrong_type.contains("expected a string"), "{wrong_type}");

    let duplicate = serde_json::from_str::<ErrorBody<'_>>(
        r#"{"error":"a","error":"b","error_code":"X","timestamp":"2025-01-15T10:30:00Z"}"#,
    )
    .unwrap_err()
    .to_string();
    assert!(duplicate.contains("duplicate field `error`"), "{duplicate}");

    let past_9999 = serde_json::from_str::<ErrorBody<'_>>(
        r#"{"error":"x","error_code":"X","timestamp":"9999-12-31T23:59:59-23:59"}"#,
    )
    .unwrap_err()
    .to_string();
    assert!(past_9999.contains("0000..=9999"), "{past_9999}");

    assert!(serde_json::from_str::<ErrorBody<'_>>("[]").is_err());
}

#[test]
fn every_variant_shape() {
    assert_eq!(Shapes::Unit.message(), "A unit variant");
    let tuple = Shapes::Tuple("alice".into(), "bob".into());
    assert_eq!(tuple.message(), "bob conflicts with alice");
    assert_eq!(tuple.to_string(), "bob conflicts with alice");

    let named = Shapes::Named {
        field: 1,
        other: true,
    };
    assert_eq!(named.description(), "A named variant");
    assert_eq!(named.message(), "A named variant");
    assert_eq!(named.info().group, "Shapes");

    let boxed = Shapes::Boxed {
        cause: "disk full".into(),
    };
    assert_eq!(boxed.message(), "Try later ({maintenance})");
    assert_eq!(boxed.source().unwrap().to_string(), "disk full");
    assert!(Shapes::Unit.source().is_none());
}

#[test]
fn messages_borrow_unless_interpolated() {
    assert!(matches!(Shapes::Unit.message(), Cow::Borrowed(_)));
    let boxed = Shapes::Boxed { cause: "x".into() };
    assert!(matches!(boxed.message(), Cow::Borrowed(_)));
    assert!(matches!(
        BillingError::SlugTooShort { min: 1 }.message(),
        Cow::Owned(_)
    ));
}

#[test]
fn catalog_is_in_declaration_order_with_transparent_entries_in_place() {
    let codes: Vec<&str> = BillingError::CATALOG.iter().map(|i| i.code).collect();
    assert_eq!(
        codes,
        [
            "CARD_DECLINED",
            "STRIPE_ERROR",
            "SLUG_TOO_SHORT",
            "UNAUTHORIZED",
            "TOKEN_EXPIRED",
            "JWT_ERROR",
            "INVALID_CREDENTIALS",
            "EMAIL_NOT_VERIFIED",
            "ACCOUNT_LOCKED"
        ]
    );
    let composite: Vec<&str> = Composite::CATALOG.iter().map(|i| i.code).collect();
    assert_eq!(composite.first(), Some(&"LOCAL"));
    assert_eq!(composite.last(), Some(&"LATER"));
    assert_eq!(composite.len(), 2 + GeneralError::CATALOG.len());
    // info() of an own variant after a transparent block points at its own row.
    assert_eq!(Composite::Later.info(), Composite::CATALOG.last().unwrap());
    assert_eq!(Composite::Later.status(), 418);
}

#[test]
fn catalog_is_a_const() {
    const CODES: &[ErrorCodeInfo] = BillingError::CATALOG;
    const FIRST: &str = CODES[0].code;
    assert_eq!(FIRST, "CARD_DECLINED");
}

#[test]
fn info_matches_the_catalog_row() {
    let err = BillingError::SlugTooShort { min: 1 };
    assert_eq!(err.info(), &BillingError::CATALOG[2]);
}

#[test]
fn from_code_for_unit_and_transparent_variants() {
    assert_eq!(Composite::from_code("LOCAL"), Some(Composite::Local));
    assert_eq!(
        Composite::from_code("CONFLICT"),
        Some(Composite::General(GeneralError::Conflict))
    );
    assert_eq!(Composite::from_code("LATER"), Some(Composite::Later));
    assert_eq!(Composite::from_code("later"), None);
    assert_eq!(Composite::from_code(""), None);
    assert_eq!(
        <Composite as FromCode>::from_code("LATER"),
        Some(Composite::Later)
    );
    for info in Composite::CATALOG {
        assert_eq!(Composite::from_code(info.code).unwrap().code(), info.code);
    }
}

#[test]
fn from_is_generated_for_transparent_variants() {
    let err: BillingError = AuthenticationError::JwtError.into();
    assert!(matches!(
        err,
        BillingError::Auth(AuthenticationError::JwtError)
    ));
    let composite: Composite = GeneralError::BadRequest.into();
    assert_eq!(composite, Composite::General(GeneralError::BadRequest));
}

#[test]
fn generics_are_carried_through() {
    let over = Limit::Over { max: 10_u8 };
    assert_eq!(over.message(), "limit is 10");
    assert_eq!(over.code(), "OVER_LIMIT");
    assert_eq!(Limit::<u64>::CATALOG.len(), 1);
    assert_eq!(serde_json::to_value(&over).unwrap()["error"], "limit is 10");
}

#[test]
fn timestamps_are_utc_whole_seconds_with_z() {
    let subsecond = at() + chrono::Duration::milliseconds(999);
    let body = GeneralError::BadRequest.to_body_at(subsecond);
    assert_eq!(
        serde_json::to_string(&body).unwrap(),
        r#"{"error":"Invalid request parameters or malformed JSON","error_code":"BAD_REQUEST","timestamp":"2025-01-15T10:30:00Z"}"#
    );
}

#[test]
fn strings_are_escaped_in_json() {
    let err = Shapes::Tuple("a\"b".into(), "line\nbreak\\".into());
    let text = serde_json::to_string(&err.to_body_at(at())).unwrap();
    assert!(
        text.starts_with(r#"{"error":"line\nbreak\\ conflicts with a\"b","#),
        "{text}"
    );
    let back: ErrorBody<'_> = serde_json::from_str(&text).unwrap();
    assert_eq!(back.error, "line\nbreak\\ conflicts with a\"b");
}
