//! `client::parse_response`: every error format the server writes (AuthOS JSON, RFC 9457
//! problem+json, RFC 6749 OAuth, RFC 7644 SCIM) reads into the same `ErrorResponse`, and the
//! renderers' output parses back to the code, status and message it was rendered from.

use authos_errors::catalog::{AuthOsError, DeviceFlowError, InfrastructureError, ScimError};
use authos_errors::client::{ErrorResponse, MAX_BODY_BYTES, ParseErrorKind, WireFormat};
use authos_errors::oauth::{OAuthErrorBody, OAuthErrorCode};
use authos_errors::problem::{ProblemConfig, ProblemDetails};
use authos_errors::scim::{ScimErrorBody, ScimType};
use authos_errors::{ApiErrorCode, ApiErrorCodeExt, FromCode};
use chrono::{DateTime, TimeZone, Utc};
use proptest::prelude::*;

fn at() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 1, 15, 10, 30, 0).unwrap()
}

#[test]
fn the_servers_own_problem_json_parses() {
    // Exactly what `ProblemJsonLayer` answered that `client::parse` used to refuse.
    let body = serde_json::to_string(&ProblemDetails::at(
        &InfrastructureError::DatabaseError,
        &authos_errors::catalog::problem_config(),
        at(),
    ))
    .unwrap();
    assert!(
        authos_errors::catalog::client::parse(&body).is_err(),
        "parse stays AuthOS JSON only"
    );

    let response = authos_errors::catalog::client::parse_response(
        Some(500),
        Some("application/problem+json"),
        &body,
    )
    .unwrap();
    assert_eq!(response.format(), WireFormat::ProblemJson);
    assert_eq!(response.code(), "DATABASE_ERROR");
    assert_eq!(response.authos_code(), Some("DATABASE_ERROR"));
    assert_eq!(
        response.error(),
        Some(&AuthOsError::Infrastructure(
            InfrastructureError::DatabaseError
        ))
    );
    assert_eq!(response.message(), "Database operation failed");
    assert_eq!(response.status(), Some(500));
    assert_eq!(response.timestamp(), Some(at()));
    let problem = response.problem().unwrap();
    assert_eq!(
        problem.type_uri(),
        "https://docs.authos.dev/errors#DATABASE_ERROR"
    );
    assert_eq!(problem.title(), Some("Database operation failed"));
}

#[test]
fn authos_json_parses_with_or_without_a_content_type() {
    let body = r#"{"error":"JWT has expired","error_code":"TOKEN_EXPIRED","timestamp":"2025-01-15T10:30:00Z"}"#;
    for content_type in [
        None,
        Some("application/json"),
        Some("application/json; charset=utf-8"),
        Some("text/plain"),
    ] {
        let response =
            authos_errors::catalog::client::parse_response(Some(401), content_type, body).unwrap();
        let strict = authos_errors::catalog::client::parse(body).unwrap();
        assert_eq!(response.body(), strict.body());
        assert_eq!(response.error(), strict.error());
        assert_eq!(
            response.format(),
            WireFormat::AuthOsJson,
            "{content_type:?}"
        );
        assert!(response.should_refresh_token());
        assert_eq!(response.status(), Some(401));
    }
}

#[test]
fn authos_oauth_errors_carry_both_codes() {
    let body = r#"{"error":"authorization_pending","error_description":"User hasn't authorized yet","error_code":"DEVICE_CODE_PENDING","timestamp":"2025-01-15T10:30:00Z"}"#;
    let response =
        authos_errors::catalog::client::parse_response(Some(400), Some("application/json"), body)
            .unwrap();
    assert_eq!(response.format(), WireFormat::OAuth);
    assert_eq!(response.code(), "DEVICE_CODE_PENDING");
    assert_eq!(
        response.error(),
        Some(&AuthOsError::DeviceFlow(DeviceFlowError::DeviceCodePending))
    );
    assert_eq!(response.message(), "User hasn't authorized yet");
    assert_eq!(response.timestamp(), Some(at()));
    let oauth = response.oauth().unwrap();
    assert_eq!(oauth.code(), Some(OAuthErrorCode::AuthorizationPending));
    assert_eq!(oauth.error(), "authorization_pending");
    assert_eq!(oauth.description(), Some("User hasn't authorized yet"));
}

#[test]
fn plain_oauth_errors_are_typed_without_an_authos_code() {
    let body = r#"{"error":"invalid_grant","error_description":"Refresh token revoked","error_uri":"https://as.example.com/errors/invalid_grant"}"#;
    let response = authos_errors::catalog::client::parse_response(Some(400), None, body).unwrap();
    assert_eq!(response.format(), WireFormat::OAuth);
    assert_eq!(response.authos_code(), None);
    assert_eq!(response.error(), None);
    assert_eq!(response.code(), "invalid_grant");
    assert_eq!(response.message(), "Refresh token revoked");
    assert_eq!(response.status(), Some(400));
    assert_eq!(response.timestamp(), None);
    let oauth = response.oauth().unwrap();
    assert_eq!(oauth.code(), Some(OAuthErrorCode::InvalidGrant));
    assert_eq!(
        oauth.uri(),
        Some("https://as.example.com/errors/invalid_grant")
    );

    // Only `error` is required; the message is then the code itself.
    for code in OAuthErrorCode::ALL {
        let text = format!(r#"{{"error":"{}"}}"#, code.as_str());
        let response = authos_errors::catalog::client::parse_response(None, None, &text).unwrap();
        assert_eq!(response.oauth().and_then(|o| o.code()), Some(*code));
        assert_eq!(response.message(), code.as_str());
        assert_eq!(response.status(), None);
    }
}

#[test]
fn scim_errors_parse_with_a_string_or_number_status() {
    let body = r#"{"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"409","scimType":"uniqueness","detail":"User already exists","error_code":"SCIM_USER_EXISTS","timestamp":"2025-01-15T10:30:00Z"}"#;
    let response = authos_errors::catalog::client::parse_response(
        Some(409),
        Some("application/scim+json"),
        body,
    )
    .unwrap();
    assert_eq!(response.format(), WireFormat::Scim);
    assert_eq!(
        response.error(),
        Some(&AuthOsError::Scim(ScimError::ScimUserExists))
    );
    assert_eq!(response.message(), "User already exists");
    assert_eq!(response.status(), Some(409));
    assert_eq!(
        response.scim().and_then(|s| s.kind()),
        Some(ScimType::Uniqueness)
    );

    // A plain SCIM server: numeric status, no scimType, no AuthOS code; the schema URI is
    // enough to tell the format even labelled application/json.
    let plain = r#"{"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":404,"detail":"Resource 2819c223 not found"}"#;
    let response =
        authos_errors::catalog::client::parse_response(None, Some("application/json"), plain)
            .unwrap();
    assert_eq!(response.format(), WireFormat::Scim);
    assert_eq!(response.status(), Some(404));
    assert_eq!(response.authos_code(), None);
    assert_eq!(response.code(), "");
    assert_eq!(response.message(), "Resource 2819c223 not found");
    assert_eq!(response.scim().and_then(|s| s.scim_type()), None);
}

#[test]
fn the_body_status_wins_over_the_http_status_and_the_catalog_is_the_last_resort() {
    let problem = r#"{"status":503,"detail":"x","error_code":"NOT_FOUND"}"#;
    let response =
        authos_errors::catalog::client::parse_response(Some(502), None, problem).unwrap();
    assert_eq!(response.status(), Some(503));
    let authos = r#"{"error":"x","error_code":"NOT_FOUND"}"#;
    assert_eq!(
        authos_errors::catalog::client::parse_response(Some(502), None, authos)
            .unwrap()
            .status(),
        Some(502)
    );
    assert_eq!(
        authos_errors::catalog::client::parse_response(None, None, authos)
            .unwrap()
            .status(),
        Some(404)
    );
    let unknown = r#"{"error":"x","error_code":"QUOTA_EXCEEDED"}"#;
    let response = authos_errors::catalog::client::parse_response(None, None, unknown).unwrap();
    assert_eq!((response.status(), response.error()), (None, None));
}

#[test]
fn unknown_members_and_codes_parse_in_every_format() {
    let bodies = [
        (
            None,
            r#"{"error":"x","error_code":"NEW_CODE","timestamp":"2025-01-15T10:30:00Z","trace":{"id":[1,2]}}"#,
        ),
        (
            Some("application/problem+json"),
            r#"{"type":"about:blank","status":400,"detail":"x","error_code":"NEW_CODE","instance":"/a","errors":[{"field":"email"}]}"#,
        ),
        (
            None,
            r#"{"error":"new_oauth_error","error_description":"x","error_code":"NEW_CODE","extra":null}"#,
        ),
        (
            Some("application/scim+json"),
            r#"{"schemas":["urn:ietf:params:scim:api:messages:2.0:Error","urn:x"],"status":"400","scimType":"somethingNew","detail":"x","error_code":"NEW_CODE","meta":{}}"#,
        ),
    ];
    for (content_type, body) in bodies {
        let response =
            authos_errors::catalog::client::parse_response(Some(400), content_type, body)
                .unwrap_or_else(|err| panic!("{body}: {err}"));
        assert_eq!(response.code(), "NEW_CODE", "{body}");
        assert_eq!(response.message(), "x", "{body}");
        assert_eq!(response.error(), None, "{body}");
    }
}

#[test]
fn anything_else_is_a_typed_error() {
    let cases = [
        (r#"{"unrelated":true}"#, ParseErrorKind::InvalidBody),
        ("{}", ParseErrorKind::InvalidBody),
        ("[]", ParseErrorKind::InvalidBody),
        (r#""error""#, ParseErrorKind::InvalidBody),
        (r#"{"error":42}"#, ParseErrorKind::InvalidBody),
        (
            r#"{"status":"4xx","detail":"x"}"#,
            ParseErrorKind::InvalidBody,
        ),
        (r#"{"status":99,"detail":"x"}"#, ParseErrorKind::InvalidBody),
        (
            r#"{"detail":"x","detail":"y"}"#,
            ParseErrorKind::InvalidBody,
        ),
        (
            r#"{"error":"x","error_code":"X","timestamp":"yesterday"}"#,
            ParseErrorKind::InvalidBody,
        ),
        (
            r#"{"schemas":"urn:x","detail":"x"}"#,
            ParseErrorKind::InvalidBody,
        ),
        ("<html>Bad gateway</html>", ParseErrorKind::Syntax),
        (r#"{"error":"x"} trailing"#, ParseErrorKind::Syntax),
        (r#"{"error":"x""#, ParseErrorKind::UnexpectedEnd),
        ("", ParseErrorKind::UnexpectedEnd),
    ];
    for (body, kind) in cases {
        let err = authos_errors::catalog::client::parse_response(
            Some(500),
            Some("application/json"),
            body,
        )
        .expect_err(body);
        assert_eq!(err.kind(), kind, "{body}: {err}");
        assert!(!err.to_string().is_empty());
    }
    let err = authos_errors::catalog::client::parse_response(None, None, "{}").unwrap_err();
    assert!(
        err.to_string()
            .contains("not an error body in any format AuthOS writes"),
        "{err}"
    );
    // A problem document may legitimately be empty: its type is then about:blank.
    let empty_problem = authos_errors::catalog::client::parse_response(
        Some(500),
        Some("application/problem+json"),
        "{}",
    )
    .expect("RFC 9457 makes every member optional");
    assert_eq!(empty_problem.code(), "about:blank");
    assert_eq!(empty_problem.status(), Some(500));
}

#[test]
fn the_size_limit_holds_for_every_format() {
    let mut body = String::from(r#"{"type":"about:blank","detail":""#);
    body.push_str(&"x".repeat(MAX_BODY_BYTES));
    body.push_str(r#""}"#);
    let err = authos_errors::catalog::client::parse_response(
        Some(500),
        Some("application/problem+json"),
        &body,
    )
    .expect_err("over the limit");
    assert_eq!(err.kind(), ParseErrorKind::TooLarge);
}

#[derive(Debug, ApiErrorCode)]
#[api_error(group = "Property Errors")]
enum Derived {
    /// A templated message
    #[code("TEMPLATED", status = 422, message = "{name} is not valid")]
    Templated { name: String },

    /// Payment required
    #[code("PAYMENT_REQUIRED", status = 402, resolution = "Pay")]
    Payment,

    /// Upstream down
    #[code("UPSTREAM_DOWN", status = 503)]
    Upstream,
}

/// A unit-only derived catalog, so responses can be typed with it (`FromCode`).
#[derive(Debug, Clone, PartialEq, ApiErrorCode)]
enum Billing {
    /// Card was declined
    #[code("CARD_DECLINED", status = 402, resolution = "Use another card")]
    CardDeclined,

    /// Billing provider unavailable
    #[code("BILLING_DOWN", status = 503)]
    BillingDown,
}

impl Derived {
    fn from_index(index: usize, name: String) -> Derived {
        match index % 3 {
            0 => Derived::Templated { name },
            1 => Derived::Payment,
            _ => Derived::Upstream,
        }
    }
}

/// Any instant RFC 3339 can write with a four-digit year, at whole seconds.
fn wire_instant() -> impl Strategy<Value = DateTime<Utc>> {
    (-62_167_219_200_i64..=253_402_300_799)
        .prop_map(|secs| Utc.timestamp_opt(secs, 0).single().expect("in range"))
}

/// One body the server renders, with what reading it back must give.
struct Rendering {
    content_type: &'static str,
    format: WireFormat,
    text: String,
    /// The HTTP status the server answers with.
    status: u16,
    /// The message the body carries.
    message: String,
    /// The `AuthOS-Error-Code` header the server sends beside the body (SCIM only).
    code_header: Option<&'static str>,
    /// Whether the body carries the timestamp (all but SCIM's, which has RFC 7644's members only).
    timestamp_sent: bool,
}

impl Rendering {
    /// The HTTP status the test passes along: always for OAuth (its body has none and the
    /// server always sends one), optionally for the formats whose body or catalog says it.
    fn http_status(&self, send_status: bool) -> Option<u16> {
        (send_status || self.format == WireFormat::OAuth).then_some(self.status)
    }
}

/// RFC 6749 §5.2's `error_description` characters, as the OAuth renderer documents it: `"` and
/// typographic quotes become `'`, `\` becomes `/`, a run of whitespace and control characters
/// becomes one space (none at either end; a run of plain spaces stays), anything else outside
/// printable ASCII is dropped.
fn oauth_description(text: &str) -> String {
    // Separators as `\n` first, then each gap between visible characters rewritten.
    let marked: String = text
        .chars()
        .filter_map(|c| match c {
            '"' | '\u{2018}' | '\u{2019}' | '\u{201C}' | '\u{201D}' => Some('\''),
            '\\' => Some('/'),
            ' '..='~' => Some(c),
            _ if c.is_whitespace() || c.is_control() => Some('\n'),
            _ => None,
        })
        .collect();
    let mut out = String::new();
    let mut gap = String::new();
    for c in marked.chars() {
        if c == ' ' || c == '\n' {
            gap.push(c);
            continue;
        }
        if gap.contains('\n') {
            if !out.is_empty() {
                out.push(' ');
            }
        } else {
            out.push_str(&gap);
        }
        gap.clear();
        out.push(c);
    }
    if !gap.contains('\n') {
        out.push_str(&gap);
    }
    out
}

/// The `error_description` of an OAuth body: the message's, else (nothing printable left of
/// it) the catalog description's.
fn oauth_message(message: &str, description: &str) -> String {
    let quoted = oauth_description(message);
    if quoted.trim_matches(' ').is_empty() {
        oauth_description(description)
    } else {
        quoted
    }
}

/// Every format the server renders for `error`: AuthOS JSON, problem+json, OAuth and SCIM.
fn rendered<E: ApiErrorCode>(error: &E, at: DateTime<Utc>) -> Vec<Rendering> {
    let config = ProblemConfig::default();
    let info = error.info();
    // One rule for every format (`authos_errors::disclosure`): a 5xx shows its declared text
    // (for these entries, without templates, the catalog description), never the handler's.
    let message = if info.is_server_error() {
        info.description.to_owned()
    } else {
        error.message().into_owned()
    };
    let protocol_message = message.clone();
    vec![
        Rendering {
            content_type: "application/json",
            format: WireFormat::AuthOsJson,
            text: serde_json::to_string(&error.to_body_at(at)).expect("serialises"),
            status: info.status,
            message: message.clone(),
            code_header: None,
            timestamp_sent: true,
        },
        Rendering {
            content_type: "application/problem+json",
            format: WireFormat::ProblemJson,
            text: serde_json::to_string(&ProblemDetails::at(error, &config, at))
                .expect("serialises"),
            status: info.status,
            message,
            code_header: None,
            timestamp_sent: true,
        },
        Rendering {
            content_type: "application/json",
            format: WireFormat::OAuth,
            text: serde_json::to_string(&OAuthErrorBody::at(error, at)).expect("serialises"),
            status: OAuthErrorCode::status_for_entry(info),
            message: oauth_message(&protocol_message, info.description),
            code_header: None,
            timestamp_sent: true,
        },
        Rendering {
            content_type: "application/scim+json",
            format: WireFormat::Scim,
            text: serde_json::to_string(&ScimErrorBody::at(error, at)).expect("serialises"),
            status: info.status,
            message: protocol_message,
            code_header: Some(info.code),
            timestamp_sent: false,
        },
    ]
}

/// Reads `rendering` back as `E`'s catalog and checks code, format, message, status and time.
fn read_back<C: FromCode + ApiErrorCode>(
    error: &impl ApiErrorCode,
    rendering: &Rendering,
    send_status: bool,
    at: DateTime<Utc>,
) -> Result<ErrorResponse<C>, TestCaseError> {
    let Rendering {
        content_type, text, ..
    } = rendering;
    let mut headers = vec![("Content-Type", *content_type)];
    headers.extend(
        rendering
            .code_header
            .map(|code| ("AuthOS-Error-Code", code)),
    );
    let response = ErrorResponse::<C>::from_response_with_headers(
        rendering.http_status(send_status),
        headers,
        text.as_bytes(),
    )
    .map_err(|err| TestCaseError::fail(format!("{content_type}: {err}\n{text}")))?;
    prop_assert_eq!(response.format(), rendering.format, "{}", text);
    prop_assert_eq!(response.code(), error.code());
    prop_assert_eq!(response.authos_code(), Some(error.code()));
    prop_assert_eq!(response.message(), rendering.message.as_str(), "{}", text);
    prop_assert_eq!(response.status(), Some(rendering.status), "{}", text);
    prop_assert_eq!(response.timestamp(), rendering.timestamp_sent.then_some(at));
    Ok(response)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn every_catalog_entry_round_trips_through_every_format(
        index in 0..AuthOsError::CATALOG.len(),
        message in proptest::option::of(any::<String>()),
        at in wire_instant(),
        send_status in any::<bool>(),
    ) {
        let code = AuthOsError::CATALOG[index].code;
        let plain = AuthOsError::from_code(code).expect("a catalog code");
        let error = match message {
            Some(message) => plain.with_message(message),
            None => plain.with_message(plain.description()),
        };
        for rendering in rendered(&error, at) {
            let response = read_back::<AuthOsError>(&error, &rendering, send_status, at)?;
            prop_assert_eq!(response.error(), Some(&plain));
            prop_assert_eq!(response.info(), Some(plain.info()));
            match rendering.format {
                WireFormat::OAuth => prop_assert_eq!(
                    response.oauth().and_then(|oauth| oauth.code()),
                    Some(OAuthErrorCode::for_entry(plain.info()))
                ),
                WireFormat::Scim => prop_assert_eq!(
                    response.scim().and_then(|scim| scim.kind()),
                    plain.info().scim
                ),
                _ => {}
            }
        }
    }

    #[test]
    fn derived_errors_round_trip_through_every_format(
        index in 0..3_usize,
        name in any::<String>(),
        at in wire_instant(),
        send_status in any::<bool>(),
    ) {
        let error = Derived::from_index(index, name);
        for rendering in rendered(&error, at) {
            // Codes outside the AuthOS catalog: the catalog knows nothing, so the status is
            // the response's (or the body's own member).
            let response = read_back::<AuthOsError>(&error, &rendering, true, at)?;
            prop_assert_eq!(response.error(), None);
            if !send_status && rendering.format != WireFormat::AuthOsJson {
                read_back::<AuthOsError>(&error, &rendering, false, at)?;
            }
        }
    }

    #[test]
    fn responses_are_typed_with_a_derived_catalog(
        declined in any::<bool>(),
        message in any::<String>(),
        at in wire_instant(),
    ) {
        let plain = if declined { Billing::CardDeclined } else { Billing::BillingDown };
        let error = plain.clone().with_message(message);
        for rendering in rendered(&error, at) {
            let response = read_back::<Billing>(&error, &rendering, false, at)?;
            prop_assert_eq!(response.error(), Some(&plain));
        }
    }

    /// The OAuth and SCIM shapes as the issue fixes them, written independently of the
    /// renderers (a numeric SCIM status too, as other servers send): every catalog entry reads
    /// back to its code, status and message.
    #[test]
    fn the_fixed_oauth_and_scim_shapes_read_back_for_every_catalog_entry(
        index in 0..AuthOsError::CATALOG.len(),
        message in any::<String>(),
        at in wire_instant(),
        numeric_status in any::<bool>(),
    ) {
        let info = &AuthOsError::CATALOG[index];
        let plain = AuthOsError::from_code(info.code).expect("a catalog code");
        let stamp = at.format("%Y-%m-%dT%H:%M:%SZ").to_string();
        let oauth_error = info.oauth.map_or("invalid_request", OAuthErrorCode::as_str);
        let oauth = serde_json::json!({
            "error": oauth_error,
            "error_description": message,
            "error_code": info.code,
            "timestamp": stamp,
        });
        let status = if numeric_status {
            serde_json::json!(info.status)
        } else {
            serde_json::json!(info.status.to_string())
        };
        let mut scim = serde_json::json!({
            "schemas": ["urn:ietf:params:scim:api:messages:2.0:Error"],
            "status": status,
            "detail": message,
            "error_code": info.code,
            "timestamp": stamp,
        });
        if let Some(kind) = info.scim {
            scim["scimType"] = serde_json::json!(kind.as_str());
        }
        for (content_type, body, format) in [
            ("application/json", oauth, WireFormat::OAuth),
            ("application/scim+json", scim, WireFormat::Scim),
        ] {
            let text = body.to_string();
            let response = authos_errors::catalog::client::parse_response(Some(info.status), Some(content_type), &text)
                .map_err(|err| TestCaseError::fail(format!("{content_type}: {err}\n{text}")))?;
            prop_assert_eq!(response.format(), format);
            prop_assert_eq!(response.code(), info.code);
            prop_assert_eq!(response.message(), message.as_str());
            prop_assert_eq!(response.status(), Some(info.status));
            prop_assert_eq!(response.error(), Some(&plain));
            prop_assert_eq!(response.timestamp(), Some(at));
            if format == WireFormat::OAuth {
                prop_assert_eq!(response.oauth().map(|o| o.error()), Some(oauth_error));
            } else {
                prop_assert_eq!(response.scim().and_then(|s| s.kind()), info.scim);
            }
        }
    }

    #[test]
    fn any_bytes_with_any_content_type_are_a_response_or_a_typed_error(
        bytes in prop::collection::vec(any::<u8>(), 0..512),
        content_type in proptest::option::of(prop::sample::select(vec![
            "application/json",
            "application/problem+json",
            "application/scim+json",
            "text/html",
        ])),
        http_status in proptest::option::of(any::<u16>()),
    ) {
        match authos_errors::catalog::client::parse_response(http_status, content_type, &bytes) {
            // Only a JSON object is ever an error body.
            Ok(_) => prop_assert!(serde_json::from_slice::<serde_json::Value>(&bytes).is_ok_and(|v| v.is_object())),
            Err(err) => prop_assert!(!err.to_string().is_empty()),
        }
    }
}

#[test]
fn deep_nesting_in_any_member_returns_without_overflowing_the_stack() {
    let depth = MAX_BODY_BYTES / 2 - 64;
    let nested = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    for member in [
        "error",
        "error_code",
        "detail",
        "status",
        "schemas",
        "timestamp",
        "scimType",
    ] {
        let text = format!(r#"{{"{member}":{nested}}}"#);
        assert!(text.len() <= MAX_BODY_BYTES);
        let err = authos_errors::catalog::client::parse_response(Some(500), None, &text)
            .expect_err(member);
        assert_eq!(err.kind(), ParseErrorKind::InvalidBody, "{member}: {err}");
    }
    // Under a member no format defines, the value is skipped and the body still read.
    let text = format!(r#"{{"error":"slow_down","extra":{nested}}}"#);
    match authos_errors::catalog::client::parse_response(Some(400), None, &text) {
        Ok(response) => assert_eq!(response.code(), "slow_down"),
        Err(err) => assert_eq!(err.kind(), ParseErrorKind::Syntax, "{err}"),
    }
}

#[test]
fn the_content_type_settles_what_the_members_leave_open() {
    // An AuthOS JSON body sent as application/scim+json (a proxy or an older route) keeps
    // its message; a body with the SCIM schema is SCIM whatever its label.
    let authos = r#"{"error":"Token invalid","error_code":"INVALID_SCIM_TOKEN","timestamp":"2025-01-15T10:30:00Z"}"#;
    let response = authos_errors::catalog::client::parse_response(
        Some(401),
        Some("application/scim+json"),
        authos,
    )
    .unwrap();
    assert_eq!(response.format(), WireFormat::AuthOsJson);
    assert_eq!(response.message(), "Token invalid");

    // A problem document with an `error` extension member stays a problem when labelled one.
    let problem = r#"{"type":"about:blank","title":"Bad Request","detail":"email is required","error":"validation"}"#;
    let response = authos_errors::catalog::client::parse_response(
        Some(400),
        Some("application/problem+json"),
        problem,
    )
    .unwrap();
    assert_eq!(response.format(), WireFormat::ProblemJson);
    assert_eq!(response.message(), "email is required");
    assert_eq!(response.code(), "about:blank");
    // Unlabelled, the same members read as a plain OAuth error (`error` without `error_code`).
    let response =
        authos_errors::catalog::client::parse_response(Some(400), None, problem).unwrap();
    assert_eq!(response.format(), WireFormat::OAuth);
}

/// An RFC 7644 Error as a strict SCIM server sends it: no `error_code` member.
const STRICT_SCIM: &[u8] = br#"{"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"404","detail":"SCIM user not found"}"#;

#[test]
fn a_scim_error_takes_its_authos_code_from_the_header_when_the_body_has_none() {
    let read = |headers: &[(&str, &str)], body: &[u8]| {
        authos_errors::client::parse_response_with_headers::<AuthOsError>(
            Some(404),
            headers.iter().copied(),
            body,
        )
        .expect("a SCIM error")
    };
    let scim = ("content-type", "application/scim+json");
    let response = read(
        &[scim, ("AUTHOS-ERROR-CODE", " SCIM_USER_NOT_FOUND ")],
        STRICT_SCIM,
    );
    assert_eq!(response.format(), WireFormat::Scim);
    assert_eq!(response.authos_code(), Some("SCIM_USER_NOT_FOUND"));
    assert_eq!(
        response.error(),
        Some(&AuthOsError::Scim(ScimError::ScimUserNotFound))
    );
    assert_eq!(response.message(), "SCIM user not found");
    // No header, an empty one, or one a server could not have sent: no AuthOS code.
    for headers in [
        &[scim][..],
        &[scim, ("authos-error-code", "")],
        &[scim, ("authos-error-code", "SCIM\u{1b}[31m")],
        &[scim, ("authos-error-code", "SCIM USER")],
        &[scim, ("x-authos-error-code", "SCIM_USER_NOT_FOUND")],
    ] {
        let response = read(headers, STRICT_SCIM);
        assert_eq!(response.authos_code(), None, "{headers:?}");
        assert_eq!(response.error(), None, "{headers:?}");
    }
    // A body that carries its code (the opt-in members) is believed over the header.
    let extended = br#"{"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"404","detail":"x","error_code":"NOT_FOUND"}"#;
    let response = read(
        &[scim, ("authos-error-code", "SCIM_USER_NOT_FOUND")],
        extended,
    );
    assert_eq!(response.authos_code(), Some("NOT_FOUND"));
    // The header does not change how the body's format is told.
    let oauth = br#"{"error":"invalid_grant"}"#;
    let response = read(&[("authos-error-code", "OAUTH_CODE_EXPIRED")], oauth);
    assert_eq!(response.format(), WireFormat::OAuth);
}

#[test]
fn parse_response_keeps_the_headers_it_is_given() {
    use authos_errors::client::{ResponseHeaders, RetryDecision};
    use std::time::Duration;
    let body = r#"{"type":"about:blank","title":"Service temporarily unavailable","status":503,"error_code":"SERVICE_UNAVAILABLE"}"#;
    let headers = ResponseHeaders::from_pairs([
        ("Content-Type", "application/problem+json"),
        ("RETRY-AFTER", "17"),
    ]);
    let response = authos_errors::catalog::client::parse_response(
        None,
        Some("application/problem+json"),
        body,
    )
    .unwrap()
    .with_headers(&headers);
    assert_eq!(response.retry_after(), Some(Duration::from_secs(17)));
    assert_eq!(
        response.retry_decision(0),
        RetryDecision::RetryAfter(Duration::from_secs(17))
    );
    // A 4xx is final whatever its header says; garbage and oversized values are no delay.
    let conflict = authos_errors::catalog::client::parse_response(
        Some(409),
        None,
        r#"{"error":"x","error_code":"CONFLICT","timestamp":"2025-01-15T10:30:00Z"}"#,
    )
    .unwrap();
    let with = |value: &str| {
        conflict
            .clone()
            .with_headers(&ResponseHeaders::new().with_retry_after(value))
    };
    assert_eq!(with("5").retry_decision(0), RetryDecision::DoNotRetry);
    assert_eq!(with("soon").retry_after(), None);
    assert_eq!(with(&"9".repeat(65)).retry_after_header(), None);
}
