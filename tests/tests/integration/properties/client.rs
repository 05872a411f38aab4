//! The client parser: every body a server writes parses back to the same code, message and
//! typed error; newer servers (unknown codes, extra keys, other offsets) never break it; any
//! other input is a typed error, never a panic; and its work is bounded on huge or deeply
//! nested input.

use authos_errors::catalog::AuthOsError;
use authos_errors::client::{MAX_BODY_BYTES, ParseErrorKind};
use authos_errors::{ApiErrorCode, ApiErrorCodeExt};
use chrono::{DateTime, FixedOffset, TimeZone, Utc};
use proptest::prelude::*;

/// Any instant RFC 3339 can write with a four-digit year, at whole seconds.
fn wire_instant() -> impl Strategy<Value = DateTime<Utc>> {
    (-62_167_219_200_i64..=253_402_300_799)
        .prop_map(|secs| Utc.timestamp_opt(secs, 0).single().expect("in range"))
}

/// A JSON value of any shape, a few levels deep, for the keys a newer server may add.
fn any_json() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::from),
        any::<i64>().prop_map(serde_json::Value::from),
        any::<f64>()
            .prop_filter("JSON has no NaN or infinity", |f| f.is_finite())
            .prop_map(serde_json::Value::from),
        any::<String>().prop_map(serde_json::Value::from),
    ];
    leaf.prop_recursive(4, 32, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(serde_json::Value::from),
            prop::collection::btree_map("[a-z_]{1,8}", inner, 0..4)
                .prop_map(|map| serde_json::Value::Object(map.into_iter().collect())),
        ]
    })
}

/// Writes the JSON object `entries` in the given order (serde_json's map would sort the keys).
fn object_text(entries: &[(String, String)]) -> String {
    let members: Vec<String> = entries
        .iter()
        .map(|(key, value)| format!("{}:{value}", serde_json::to_string(key).expect("a key")))
        .collect();
    format!("{{{}}}", members.join(","))
}

fn string_json(text: &str) -> String {
    serde_json::to_string(text).expect("a str always serialises")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn every_catalog_body_parses_to_its_typed_error(
        index in 0..AuthOsError::CATALOG.len(),
        message in proptest::option::of(any::<String>()),
        at in wire_instant(),
    ) {
        let code = AuthOsError::CATALOG[index].code;
        let err = AuthOsError::from_code(code).expect("a catalog code");
        let text = match &message {
            Some(message) => serde_json::to_string(&err.with_message(message.clone()).to_body_at(at)),
            None => serde_json::to_string(&err.to_body_at(at)),
        }
        .expect("serialises");

        let response = authos_errors::catalog::client::parse(&text).expect("a server's body parses");
        prop_assert_eq!(response.code(), code);
        // A 5xx body withholds the handler's text (`authos_errors::disclosure`).
        let expected = message.as_deref().filter(|_| !err.info().is_server_error());
        prop_assert_eq!(response.message(), expected.unwrap_or(err.description()));
        prop_assert_eq!(response.error(), Some(&err));
        prop_assert_eq!(response.info(), Some(err.info()));
        prop_assert_eq!(response.body().timestamp, at);
    }

    #[test]
    fn unknown_codes_extra_keys_and_offsets_parse(
        code in "[A-Z][A-Z0-9]{0,10}(_[A-Z0-9]{1,6}){0,3}",
        message in any::<String>(),
        at in wire_instant(),
        offset_minutes in -(23 * 60 + 59)..=(23 * 60 + 59),
        millis in 0_u32..1000,
        extras in prop::collection::vec(("[a-z_]{1,12}", any_json()), 0..4),
        order in any::<u64>(),
    ) {
        let instant = at + chrono::Duration::milliseconds(i64::from(millis));
        let offset = FixedOffset::east_opt(offset_minutes * 60).expect("under a day");
        let stamp = instant.with_timezone(&offset).to_rfc3339();

        let mut entries = vec![
            ("error".to_owned(), string_json(&message)),
            ("error_code".to_owned(), string_json(&code)),
            ("timestamp".to_owned(), string_json(&stamp)),
        ];
        for (key, value) in extras {
            if !["error", "error_code", "timestamp"].contains(&key.as_str()) {
                entries.push((key, value.to_string()));
            }
        }
        // Any key order: rotate and reverse by the drawn bits.
        let len = entries.len();
        entries.rotate_left(usize::try_from(order % len as u64).expect("small"));
        if order & (1 << 32) != 0 {
            entries.reverse();
        }
        let text = object_text(&entries);

        let response = authos_errors::catalog::client::parse(&text).expect("a newer server's body parses");
        prop_assert_eq!(response.code(), code.as_str());
        prop_assert_eq!(response.message(), message.as_str());
        prop_assert_eq!(response.body().timestamp, instant);
        let known = AuthOsError::from_code(&code);
        prop_assert_eq!(response.error(), known.as_ref());
    }

    #[test]
    fn any_bytes_are_a_response_or_a_typed_error(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        match authos_errors::catalog::client::parse(&bytes) {
            Ok(response) => prop_assert!(!response.to_string().is_empty()),
            Err(err) => prop_assert!(!err.to_string().is_empty()),
        }
    }

    #[test]
    fn a_truncated_body_is_an_unexpected_end(
        index in 0..AuthOsError::CATALOG.len(),
        message in any::<String>(),
        cut in any::<prop::sample::Index>(),
    ) {
        let err = AuthOsError::from_code(AuthOsError::CATALOG[index].code).expect("a catalog code");
        let text = serde_json::to_string(&err.with_message(message).to_body()).expect("serialises");
        let end = cut.index(text.len());
        // A strict prefix of an object is never complete JSON.
        let result = authos_errors::catalog::client::parse(&text.as_bytes()[..end]);
        prop_assert_eq!(result.map(|_| ()).map_err(|e| e.kind()), Err(ParseErrorKind::UnexpectedEnd));
    }
}

#[test]
fn a_ten_megabyte_body_is_refused_before_parsing() {
    let mut huge = String::from(r#"{"error":""#);
    huge.push_str(&"x".repeat(10 * 1024 * 1024));
    huge.push_str(r#"","error_code":"BAD_REQUEST","timestamp":"2025-01-15T10:30:00Z"}"#);
    let err = authos_errors::catalog::client::parse(&huge).expect_err("over the limit");
    assert_eq!(err.kind(), ParseErrorKind::TooLarge);
    assert!(err.to_string().contains(&huge.len().to_string()), "{err}");
}

#[test]
fn a_hundred_thousand_nested_arrays_are_refused() {
    let nested = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert_eq!(
        authos_errors::catalog::client::parse(&nested)
            .expect_err("not a body")
            .kind(),
        ParseErrorKind::TooLarge
    );
}

#[test]
fn deep_nesting_within_the_size_limit_returns_without_overflowing_the_stack() {
    // As deep as fits in the limit, at the top level and under an unknown key.
    let depth = MAX_BODY_BYTES / 2 - 64;
    let top = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    // An array is refused at its first byte, before any nesting is read.
    assert_eq!(
        authos_errors::catalog::client::parse(&top)
            .expect_err("not a body")
            .kind(),
        ParseErrorKind::InvalidBody
    );
    let under_unknown_key = format!(
        r#"{{"error":"x","error_code":"X","timestamp":"2025-01-15T10:30:00Z","extra":{}{}}}"#,
        "[".repeat(depth),
        "]".repeat(depth)
    );
    assert!(under_unknown_key.len() <= MAX_BODY_BYTES);
    // Ignored values are skipped without recursion: this returns (no stack overflow) and the
    // body around them is still read.
    match authos_errors::catalog::client::parse(&under_unknown_key) {
        Ok(response) => assert_eq!(response.code(), "X"),
        Err(err) => assert_eq!(err.kind(), ParseErrorKind::Syntax, "{err}"),
    }
    let objects = format!("{}{}", r#"{"a":"#.repeat(depth / 5), "}".repeat(depth / 5));
    assert!(authos_errors::catalog::client::parse(&objects).is_err());
}

#[test]
fn nesting_a_newer_server_may_send_is_accepted() {
    let depth = 100;
    let text = format!(
        r#"{{"error":"x","error_code":"X","timestamp":"2025-01-15T10:30:00Z","details":{}{}}}"#,
        "[".repeat(depth),
        "]".repeat(depth)
    );
    assert_eq!(
        authos_errors::catalog::client::parse(&text)
            .expect("a body")
            .code(),
        "X"
    );
}

#[test]
fn a_body_at_the_limit_is_parsed() {
    let frame = r#"{"error":"","error_code":"BAD_REQUEST","timestamp":"2025-01-15T10:30:00Z"}"#;
    let room = MAX_BODY_BYTES - frame.len();
    // Two-byte characters, so the parser decodes UTF-8 all the way; one ASCII byte if odd.
    let message = "é".repeat(room / 2) + &"x".repeat(room % 2);
    let text = format!(
        r#"{{"error":"{message}","error_code":"BAD_REQUEST","timestamp":"2025-01-15T10:30:00Z"}}"#
    );
    assert_eq!(text.len(), MAX_BODY_BYTES);
    assert_eq!(
        authos_errors::catalog::client::parse(&text)
            .expect("at the limit")
            .message(),
        message
    );
    let over = format!("{text} ");
    assert_eq!(
        authos_errors::catalog::client::parse(&over)
            .expect_err("over")
            .kind(),
        ParseErrorKind::TooLarge
    );
}
