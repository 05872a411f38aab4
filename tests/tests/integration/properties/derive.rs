//! Property tests of derived enums: whatever text a field holds (quotes, backslashes, control
//! characters, braces, any unicode, very long), the message is the template with the fields put
//! in, and the body is valid JSON that parses back to the same message, code and timestamp.
//!
//! Expected messages are built by plain concatenation, independently of the derive's `format!`.

use authos_errors::{ApiErrorCode, ErrorBody};
use chrono::{DateTime, TimeZone, Utc};
use proptest::prelude::*;

#[derive(Debug, ApiErrorCode)]
#[api_error(group = "Property Errors")]
#[expect(
    dead_code,
    reason = "some fields exist only to show they are not substituted"
)]
enum Templated {
    /// A named-field variant
    #[code(
        "NAMED_FIELDS",
        status = 400,
        message = "User {name} said \"{quote}\" ({{braces}}) and {name} again"
    )]
    Named {
        name: String,
        quote: String,
        unused: String,
    },

    /// A tuple variant whose template uses its fields out of order
    #[code("TUPLE_FIELDS", status = 409, message = "{1} conflicts with {0}")]
    Tuple(String, String),

    /// The description, since no message is declared
    #[code("DESCRIBED", status = 422, resolution = "Nothing to substitute")]
    Described { text: String },

    /// Upstream unavailable
    #[code(
        "UPSTREAM_DOWN",
        status = 503,
        message = "Upstream {service} is unavailable"
    )]
    Upstream {
        service: String,
        #[source]
        cause: std::io::Error,
    },

    /// A string beside a number
    #[code("MIXED_FIELDS", status = 400, message = "{count} items named {label}")]
    Mixed { count: u64, label: String },
}

/// Characters that break naive JSON writers or template engines, plus any `char` at all.
fn tricky_char() -> impl Strategy<Value = char> {
    prop_oneof![
        4 => any::<char>(),
        3 => prop::sample::select(vec![
            '"', '\\', '/', '{', '}', '\n', '\r', '\t', '\u{0}', '\u{8}', '\u{c}', '\u{1b}',
            '\u{1f}', '\u{7f}', '\u{85}', '\u{2028}', '\u{2029}', '\u{feff}', '\u{fffd}', 'é',
            '漢', '😀', '\u{10ffff}',
        ]),
        3 => prop::char::range(' ', '~'),
    ]
}

/// Mostly short strings of tricky characters; sometimes a very long one (up to ~600 KiB).
fn tricky_text() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => prop::collection::vec(tricky_char(), 0..48).prop_map(String::from_iter),
        1 => (prop::collection::vec(tricky_char(), 1..8), 1_000_usize..20_000)
            .prop_map(|(unit, times)| String::from_iter(unit).repeat(times)),
    ]
}

/// Any instant whose year RFC 3339 can write with four digits, at nanosecond precision.
fn wire_instant() -> impl Strategy<Value = DateTime<Utc>> {
    // 0000-01-01T00:00:00Z ..= 9999-12-31T23:59:59Z
    (-62_167_219_200_i64..=253_402_300_799, 0_u32..1_000_000_000).prop_map(|(secs, nanos)| {
        Utc.timestamp_opt(secs, nanos)
            .single()
            .expect("in chrono's range")
    })
}

/// The JSON text of a string, written by serde_json's own string escaper (not the body code).
fn json_string(text: &str) -> String {
    serde_json::to_string(text).expect("a str always serialises")
}

/// Checks everything a user relies on for one value whose message should be `expected`.
fn assert_body_contract(
    err: &Templated,
    expected: &str,
    at: DateTime<Utc>,
) -> Result<(), TestCaseError> {
    prop_assert_eq!(err.message(), expected);
    prop_assert_eq!(err.to_string(), expected);

    let whole_seconds = Utc
        .timestamp_opt(at.timestamp(), 0)
        .single()
        .expect("in range");
    let text = serde_json::to_string(&err.to_body_at(at)).expect("a body always serialises");

    // Exact bytes: the keys in order, the message escaped as JSON escapes it, whole seconds, `Z`.
    let expected_text = format!(
        r#"{{"error":{},"error_code":"{}","timestamp":"{}"}}"#,
        json_string(expected),
        err.code(),
        whole_seconds.format("%Y-%m-%dT%H:%M:%SZ"),
    );
    prop_assert_eq!(&text, &expected_text);

    // Valid JSON to an independent reader, and the same values back through `ErrorBody`.
    let value: serde_json::Value = serde_json::from_str(&text).expect("the body is valid JSON");
    prop_assert_eq!(value["error"].as_str(), Some(expected));
    let parsed: ErrorBody<'_> = serde_json::from_str(&text).expect("the body parses back");
    prop_assert_eq!(&parsed.error, expected);
    prop_assert_eq!(&parsed.error_code, err.code());
    prop_assert_eq!(parsed.timestamp, whole_seconds);

    // The generated `Serialize` writes the same message and code (stamped now).
    let stamped_now = serde_json::to_string(err).expect("the generated Serialize succeeds");
    let now: ErrorBody<'_> =
        serde_json::from_str(&stamped_now).expect("the generated Serialize writes a body");
    prop_assert_eq!(&now.error, expected);
    prop_assert_eq!(&now.error_code, err.code());
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn named_fields_are_substituted_verbatim(
        name in tricky_text(),
        quote in tricky_text(),
        unused in tricky_text(),
        at in wire_instant(),
    ) {
        let expected = [
            "User ", &name, " said \"", &quote, "\" ({braces}) and ", &name, " again",
        ]
        .concat();
        let err = Templated::Named { name, quote, unused };
        assert_body_contract(&err, &expected, at)?;
    }

    #[test]
    fn tuple_fields_are_substituted_in_template_order(
        first in tricky_text(),
        second in tricky_text(),
        at in wire_instant(),
    ) {
        let expected = [second.as_str(), " conflicts with ", first.as_str()].concat();
        let err = Templated::Tuple(first, second);
        assert_body_contract(&err, &expected, at)?;
    }

    #[test]
    fn without_a_template_the_message_is_the_description(
        text in tricky_text(),
        at in wire_instant(),
    ) {
        let err = Templated::Described { text };
        assert_body_contract(&err, "The description, since no message is declared", at)?;
    }

    #[test]
    fn server_errors_substitute_declared_fields_only(
        service in tricky_text(),
        cause in tricky_text(),
        at in wire_instant(),
    ) {
        let expected = ["Upstream ", service.as_str(), " is unavailable"].concat();
        let err = Templated::Upstream { service, cause: std::io::Error::other(cause) };
        prop_assert_eq!(err.status(), 503);
        assert_body_contract(&err, &expected, at)?;
    }

    #[test]
    fn numbers_and_strings_mix(count in any::<u64>(), label in tricky_text(), at in wire_instant()) {
        let expected = [count.to_string().as_str(), " items named ", label.as_str()].concat();
        let err = Templated::Mixed { count, label };
        assert_body_contract(&err, &expected, at)?;
    }
}
