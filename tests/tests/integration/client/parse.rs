//! Parsing AuthOS error responses on the client side: malformed input is a typed error, unknown
//! codes and extra keys are not, and every catalog code survives the trip.

use std::time::Duration;

use authos_errors::catalog::{AuthOsError, GeneralError};
use authos_errors::client::{
    ErrorResponse, MAX_BODY_BYTES, ParseError, ParseErrorKind, RetryDecision, backoff_delay,
    parse_retry_after,
};
use authos_errors::{ApiErrorCode, ErrorBody, ErrorCodeInfo};
use chrono::{DateTime, TimeZone, Utc};

fn at() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 1, 15, 10, 30, 0).unwrap()
}

fn kind(input: impl AsRef<[u8]>) -> ParseErrorKind {
    match authos_errors::catalog::client::parse(input) {
        Ok(response) => panic!("parsed into {response:?}"),
        Err(err) => {
            assert!(!err.to_string().is_empty());
            err.kind()
        }
    }
}

#[test]
fn every_catalog_code_round_trips() {
    for entry in AuthOsError::CATALOG {
        let error = AuthOsError::from_code(entry.code).expect("catalog code resolves");
        let json = serde_json::to_vec(&error.to_body_at(at())).unwrap();
        let response =
            authos_errors::catalog::client::parse(&json).expect("a body the crate wrote parses");
        assert_eq!(response.code(), entry.code);
        assert_eq!(response.error(), Some(&error));
        assert_eq!(response.body(), &error.to_body_at(at()));
        let info = response.info().expect("known code has an entry");
        if info != entry {
            // Only the shared codes resolve elsewhere: to the General Errors entry.
            assert_eq!(info.group, "General Errors", "{}", entry.code);
            assert_eq!((info.code, info.status), (entry.code, entry.status));
        }
    }
}

#[test]
fn bytes_str_and_owned_input_all_parse() {
    let text = r#"{"error":"Too many requests","error_code":"RATE_LIMIT_EXCEEDED","timestamp":"2025-01-15T10:30:00Z"}"#;
    let expected = authos_errors::catalog::client::parse(text).unwrap();
    assert_eq!(
        authos_errors::catalog::client::parse(text.as_bytes()).unwrap(),
        expected
    );
    assert_eq!(
        text.parse::<ErrorResponse<AuthOsError>>().unwrap(),
        expected
    );
    assert_eq!(
        ErrorResponse::<AuthOsError>::from_slice(text.as_bytes()).unwrap(),
        expected
    );
    assert_eq!(
        expected.error(),
        Some(&AuthOsError::General(GeneralError::RateLimitExceeded))
    );
    assert_eq!(
        expected.to_string(),
        "RATE_LIMIT_EXCEEDED: Too many requests"
    );
}

#[test]
fn unknown_code_and_extra_keys_succeed() {
    let response = authos_errors::catalog::client::parse(
        r#"{"request_id":"abc","error":"Quota hit","error_code":"QUOTA_EXCEEDED","details":{"a":[1,2,{"b":null}]},"timestamp":"2025-01-15T11:30:00+01:00"}"#,
    )
    .expect("newer server, older client");
    assert_eq!(response.code(), "QUOTA_EXCEEDED");
    assert_eq!(response.message(), "Quota hit");
    assert_eq!(response.error(), None);
    assert_eq!(response.info(), None);
    assert_eq!(response.body().timestamp, at());
    assert!(!response.should_refresh_token());
}

#[test]
fn garbage_is_a_syntax_error() {
    assert_eq!(
        kind("<html><body>502 Bad Gateway</body></html>"),
        ParseErrorKind::Syntax
    );
    assert_eq!(kind("not json"), ParseErrorKind::Syntax);
    assert_eq!(kind(b"\xff\xfe\x00garbage"), ParseErrorKind::Syntax);
    assert_eq!(
        kind(b"{\"error\":\"\xff\",\"error_code\":\"X\",\"timestamp\":\"2025-01-15T10:30:00Z\"}"),
        ParseErrorKind::Syntax
    );
    assert_eq!(
        kind(r#"{"error":"x","error_code":"X","timestamp":"2025-01-15T10:30:00Z"} trailing"#),
        ParseErrorKind::Syntax
    );
}

#[test]
fn truncated_or_empty_input_is_unexpected_end() {
    let full = r#"{"error":"x","error_code":"BAD_REQUEST","timestamp":"2025-01-15T10:30:00Z"}"#;
    for cut in 0..full.len() {
        let err = authos_errors::catalog::client::parse(&full[..cut])
            .expect_err("a prefix is not a body");
        assert_eq!(
            err.kind(),
            ParseErrorKind::UnexpectedEnd,
            "cut at {cut}: {err}"
        );
    }
    assert_eq!(kind("   "), ParseErrorKind::UnexpectedEnd);
}

#[test]
fn wrong_types_are_invalid_bodies() {
    for input in [
        r#"{"error":1,"error_code":"X","timestamp":"2025-01-15T10:30:00Z"}"#,
        r#"{"error":"x","error_code":null,"timestamp":"2025-01-15T10:30:00Z"}"#,
        r#"{"error":"x","error_code":["X"],"timestamp":"2025-01-15T10:30:00Z"}"#,
        r#"{"error":"x","error_code":"X","timestamp":1736937000}"#,
        r#"{"error":"x","error_code":"X","timestamp":"yesterday"}"#,
        r#"["x","X","2025-01-15T10:30:00Z"]"#,
        r#""just a string""#,
        "null",
        "42",
    ] {
        assert_eq!(kind(input), ParseErrorKind::InvalidBody, "{input}");
    }
}

#[test]
fn missing_or_repeated_keys_are_invalid_bodies() {
    for (input, key) in [
        (
            r#"{"error_code":"X","timestamp":"2025-01-15T10:30:00Z"}"#,
            "error",
        ),
        (
            r#"{"error":"x","timestamp":"2025-01-15T10:30:00Z"}"#,
            "error_code",
        ),
        (r#"{"error":"x","error_code":"X"}"#, "timestamp"),
        (r#"{}"#, "error"),
        (
            r#"{"error":"x","error":"y","error_code":"X","timestamp":"2025-01-15T10:30:00Z"}"#,
            "error",
        ),
    ] {
        let err = authos_errors::catalog::client::parse(input).expect_err(input);
        assert_eq!(err.kind(), ParseErrorKind::InvalidBody, "{input}");
        assert!(
            err.to_string().contains(&format!("`{key}`")),
            "{input}: {err}"
        );
    }
}

#[test]
fn huge_input_is_refused_before_parsing() {
    let mut huge = br#"{"error":""#.to_vec();
    huge.resize(MAX_BODY_BYTES, b'a');
    huge.extend_from_slice(br#"","error_code":"X","timestamp":"2025-01-15T10:30:00Z"}"#);
    let err = authos_errors::catalog::client::parse(&huge).expect_err("over the limit");
    assert_eq!(err.kind(), ParseErrorKind::TooLarge);
    assert!(
        err.to_string().contains(&MAX_BODY_BYTES.to_string()),
        "{err}"
    );
    assert!(std::error::Error::source(&err).is_none());

    // Just under the limit still parses.
    let mut large = br#"{"error":""#.to_vec();
    let tail = br#"","error_code":"X","timestamp":"2025-01-15T10:30:00Z"}"#;
    large.resize(MAX_BODY_BYTES - tail.len(), b'a');
    large.extend_from_slice(tail);
    assert_eq!(large.len(), MAX_BODY_BYTES);
    assert!(authos_errors::catalog::client::parse(&large).is_ok());
}

#[test]
fn deep_nesting_never_overflows_the_stack() {
    let depth = MAX_BODY_BYTES / 2 - 100;
    let nested = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    // Under a key the client ignores: skipped without recursion, so it parses.
    let ignored = format!(
        r#"{{"error":"x","error_code":"X","timestamp":"2025-01-15T10:30:00Z","extra":{nested}}}"#
    );
    assert!(
        ignored.len() <= MAX_BODY_BYTES,
        "the size limit alone would not stop it"
    );
    assert_eq!(
        authos_errors::catalog::client::parse(&ignored)
            .expect("extra keys are ignored")
            .code(),
        "X"
    );
    // Where a string or the body is expected: refused at the first bracket.
    let in_field =
        format!(r#"{{"error":{nested},"error_code":"X","timestamp":"2025-01-15T10:30:00Z"}}"#);
    assert_eq!(kind(&in_field), ParseErrorKind::InvalidBody);
    assert_eq!(kind(&nested), ParseErrorKind::InvalidBody);
    // Unbalanced nesting is cut off, not followed.
    assert_eq!(kind("[".repeat(depth)), ParseErrorKind::InvalidBody);
}

#[test]
fn parse_error_is_a_std_error_with_its_cause() {
    fn assert_error<E: std::error::Error + Send + Sync + 'static>(_: &E) {}
    let err: ParseError = authos_errors::catalog::client::parse("{").unwrap_err();
    assert_error(&err);
    assert!(std::error::Error::source(&err).is_some());
    assert!(
        err.to_string()
            .starts_with("the error response ends before its JSON is complete"),
        "{err}"
    );
}

#[test]
fn troubleshooting_helpers() {
    let body = |code: &str| {
        format!(r#"{{"error":"x","error_code":"{code}","timestamp":"2025-01-15T10:30:00Z"}}"#)
    };
    let expired = authos_errors::catalog::client::parse(body("TOKEN_EXPIRED")).unwrap();
    assert!(expired.should_refresh_token());
    assert!(!expired.is_organization_inactive());
    let inactive = authos_errors::catalog::client::parse(body("ORGANIZATION_NOT_ACTIVE")).unwrap();
    assert!(inactive.is_organization_inactive());
    assert!(!inactive.should_refresh_token());
    for code in ["JWT_ERROR", "UNAUTHORIZED", "FORBIDDEN"] {
        let other = authos_errors::catalog::client::parse(body(code)).unwrap();
        assert!(
            !other.should_refresh_token() && !other.is_organization_inactive(),
            "{code}"
        );
    }
}

#[test]
fn other_catalogs_parse_too() {
    #[derive(Debug, PartialEq, ApiErrorCode)]
    #[api_error(group = "Billing Errors")]
    enum BillingError {
        /// Card was declined
        #[code("CARD_DECLINED", status = 402)]
        CardDeclined,
    }
    let text = r#"{"error":"Card was declined","error_code":"CARD_DECLINED","timestamp":"2025-01-15T10:30:00Z"}"#;
    let response: ErrorResponse<BillingError> = text.parse().unwrap();
    assert_eq!(response.error(), Some(&BillingError::CardDeclined));
    assert_eq!(response.info().map(|i: &ErrorCodeInfo| i.status), Some(402));
    // Not in the AuthOS catalog, yet parses.
    assert_eq!(
        authos_errors::catalog::client::parse(text).unwrap().error(),
        None
    );
    let from_body = ErrorResponse::<BillingError>::from_body(ErrorBody {
        error: "Card was declined".into(),
        error_code: "CARD_DECLINED".into(),
        timestamp: at(),
    });
    assert_eq!(from_body, response);
    assert_eq!(response.into_body(), from_body.body().clone());
}

#[test]
fn retry_only_rate_limits_and_server_errors() {
    for status in [400, 401, 403, 404, 409, 422, 499] {
        assert_eq!(
            RetryDecision::for_response_at(status, Some("5"), 0, at()),
            RetryDecision::DoNotRetry,
            "{status}"
        );
    }
    for status in [429, 500, 502, 503, 599] {
        assert_eq!(
            RetryDecision::for_response_at(status, Some("5"), 0, at()),
            RetryDecision::RetryAfter(Duration::from_secs(5)),
            "{status}"
        );
    }
}

#[test]
fn retry_after_http_dates_in_all_three_forms() {
    let now = Utc.with_ymd_and_hms(1994, 11, 6, 8, 49, 0).unwrap();
    for value in [
        "Sun, 06 Nov 1994 08:49:37 GMT",
        "Sunday, 06-Nov-94 08:49:37 GMT",
        "Sun Nov  6 08:49:37 1994",
        "  Sun, 06 Nov 1994 08:49:37 GMT  ",
    ] {
        assert_eq!(
            parse_retry_after(value, now),
            Some(Duration::from_secs(37)),
            "{value:?}"
        );
    }
    // A date already past: retry now.
    let later = now + chrono::Duration::hours(1);
    assert_eq!(
        parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", later),
        Some(Duration::ZERO)
    );
    assert_eq!(
        RetryDecision::for_response_at(503, Some("Sun, 06 Nov 1994 08:49:37 GMT"), 3, now),
        RetryDecision::RetryAfter(Duration::from_secs(37))
    );
}

#[test]
fn unusable_retry_after_falls_back_to_backoff() {
    for value in [
        "",
        "soon",
        "-5",
        "1.5",
        "Sun, 06 Nov 1994 08:49:37 +0100",
        "Mon, 32 Nov 1994 08:49:37 GMT",
    ] {
        assert_eq!(parse_retry_after(value, at()), None, "{value:?}");
        let decision = RetryDecision::for_response_at(429, Some(value), 1, at());
        assert!(
            matches!(decision, RetryDecision::Backoff(delay) if delay <= Duration::from_secs(2)),
            "{value:?}: {decision:?}"
        );
    }
    assert_eq!(
        parse_retry_after("99999999999999999999999", at()),
        Some(Duration::from_secs(u64::MAX)),
        "an absurd delay saturates rather than failing"
    );
}

#[test]
fn backoff_doubles_up_to_a_minute() {
    let delays: Vec<u64> = (0..8)
        .map(|attempt| backoff_delay(attempt).as_secs())
        .collect();
    assert_eq!(delays, [1, 2, 4, 8, 16, 32, 60, 60]);
    assert_eq!(backoff_delay(u32::MAX), Duration::from_secs(60));
    // The delay itself is drawn from the window (full jitter).
    let decision = RetryDecision::for_response_at(500, None, 4, at());
    assert!(
        matches!(decision, RetryDecision::Backoff(delay) if delay <= Duration::from_secs(16)),
        "{decision:?}"
    );
    assert_eq!(
        decision.delay(),
        match decision {
            RetryDecision::Backoff(delay) => Some(delay),
            _ => None,
        }
    );
    assert_eq!(RetryDecision::DoNotRetry.delay(), None);
}
