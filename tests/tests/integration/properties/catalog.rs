//! Every entry of the AuthOS catalog resolves from its code and its body survives the wire
//! (through the client parser, as an SDK reads it): exhaustively over `AuthOsError::CATALOG`,
//! then with random instants and handler messages.

use authos_errors::catalog::AuthOsError;
use authos_errors::client::ErrorResponse;
use authos_errors::{ApiErrorCode, ApiErrorCodeExt, ErrorCodeInfo};
use chrono::{DateTime, TimeZone, Utc};
use proptest::prelude::*;

/// The first catalog row that declares `code`: the one `from_code` must resolve to.
fn first_row(code: &str) -> &'static ErrorCodeInfo {
    AuthOsError::CATALOG
        .iter()
        .find(|row| row.code == code)
        .expect("the code comes from the catalog")
}

/// Serialises `err`'s body at `at` and parses it back with the client parser.
fn round_trip(err: &impl ApiErrorCode, at: DateTime<Utc>) -> ErrorResponse<AuthOsError> {
    let text = serde_json::to_string(&err.to_body_at(at)).expect("a body always serialises");
    authos_errors::catalog::client::parse(&text).expect("a body parses back")
}

#[test]
fn every_catalog_code_resolves_to_its_first_row() {
    assert_eq!(AuthOsError::CATALOG.len(), 61);
    for row in AuthOsError::CATALOG {
        let err = AuthOsError::from_code(row.code)
            .unwrap_or_else(|| panic!("from_code({:?}) found nothing", row.code));
        assert_eq!(err.code(), row.code);
        assert_eq!(err.status(), row.status, "{}", row.code);
        // A code listed in two groups resolves to the first (General Errors).
        assert_eq!(err.info(), first_row(row.code), "{}", row.code);
    }
}

#[test]
fn shared_codes_resolve_to_general_errors() {
    for code in ["UNAUTHORIZED", "FORBIDDEN", "NOT_FOUND"] {
        let rows: Vec<_> = AuthOsError::CATALOG
            .iter()
            .filter(|row| row.code == code)
            .collect();
        assert_eq!(rows.len(), 2, "{code} is listed twice in the reference");
        let err = AuthOsError::from_code(code).expect("a catalog code");
        assert_eq!(err.info().group, "General Errors", "{code}");
    }
}

#[test]
fn every_catalog_body_round_trips() {
    let at = Utc.with_ymd_and_hms(2025, 1, 15, 10, 30, 0).unwrap();
    for row in AuthOsError::CATALOG {
        let err = AuthOsError::from_code(row.code).expect("a catalog code");
        let parsed = round_trip(&err, at);
        assert_eq!(parsed.code(), row.code);
        assert_eq!(parsed.message(), first_row(row.code).description);
        assert_eq!(parsed.body().timestamp, at);
        // The client gets the same typed value back.
        assert_eq!(parsed.error(), Some(&err));
        assert_eq!(parsed.info(), Some(first_row(row.code)));
    }
}

#[test]
fn unknown_codes_resolve_to_nothing() {
    for code in [
        "",
        "NEW_CODE_FROM_A_NEWER_SERVER",
        "not_found",
        "NOT_FOUND ",
        " NOT_FOUND",
    ] {
        assert_eq!(AuthOsError::from_code(code), None, "{code:?}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn any_entry_any_instant_any_message_round_trips(
        index in 0..AuthOsError::CATALOG.len(),
        secs in -62_167_219_200_i64..=253_402_300_799,
        nanos in 0_u32..1_000_000_000,
        message in proptest::option::of(any::<String>()),
    ) {
        let row = &AuthOsError::CATALOG[index];
        let at = Utc.timestamp_opt(secs, nanos).single().expect("in range");
        let whole_seconds = Utc.timestamp_opt(secs, 0).single().expect("in range");
        let err = AuthOsError::from_code(row.code).expect("a catalog code");

        let parsed = match &message {
            Some(message) => round_trip(&err.with_message(message.clone()), at),
            None => round_trip(&err, at),
        };
        prop_assert_eq!(parsed.code(), row.code);
        // A 5xx body withholds the handler's text (`authos_errors::disclosure`).
        let expected = message
            .as_deref()
            .filter(|_| !err.info().is_server_error())
            .unwrap_or(first_row(row.code).description);
        prop_assert_eq!(parsed.message(), expected);
        prop_assert_eq!(parsed.body().timestamp, whole_seconds);
        prop_assert_eq!(parsed.error(), Some(&err));
    }
}
