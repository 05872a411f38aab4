//! The exact bytes and headers of every wire format, from the framework-free core
//! (`authos_errors::response`): catalog entries with and without a protocol mapping, a 5xx whose
//! message must not leak into the protocol formats, and a message with `’` and `"`.

use std::time::Duration;

use authos_errors::catalog::{
    AuthenticationError, DeviceFlowError, GeneralError, InfrastructureError, ScimError,
};
use authos_errors::problem::{ErrorFormat, ProblemConfig};
use authos_errors::response::{CapturedError, ErrorResponse, RenderContext};
use authos_errors::{ApiErrorCode, ApiErrorCodeExt};
use chrono::{DateTime, TimeZone, Utc};

const SCIM_ERROR: &str = r#"{"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"#;

fn at() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 1, 15, 10, 30, 0).unwrap()
}

fn render<E: ApiErrorCode + ?Sized>(error: &E, format: ErrorFormat) -> ErrorResponse {
    let config = authos_errors::catalog::problem_config();
    CapturedError::capture_at(error, at()).render(&RenderContext::new(format, &config))
}

fn body(response: &ErrorResponse) -> &str {
    std::str::from_utf8(&response.body).expect("a UTF-8 body")
}

/// Every header, as `name: value` lines in the order rendered.
fn headers(response: &ErrorResponse) -> Vec<String> {
    response
        .headers
        .iter()
        .map(|(name, value)| format!("{name}: {value}"))
        .collect()
}

#[test]
fn a_mapped_device_flow_code_speaks_oauth_with_no_store_headers() {
    let response = render(&DeviceFlowError::DeviceCodePending, ErrorFormat::OAuth);
    assert_eq!(response.status, 400);
    assert_eq!(
        body(&response),
        concat!(
            r#"{"error":"authorization_pending","error_description":"User hasn't authorized yet","#,
            r#""error_code":"DEVICE_CODE_PENDING","timestamp":"2025-01-15T10:30:00Z"}"#
        )
    );
    assert_eq!(
        headers(&response),
        [
            "content-type: application/json",
            "cache-control: no-store",
            "pragma: no-cache"
        ]
    );
}

#[test]
fn every_catalog_mapping_reaches_the_oauth_error_member() {
    for (error, expected) in [
        (DeviceFlowError::DeviceCodeExpired, "expired_token"),
        (DeviceFlowError::InvalidDeviceCode, "invalid_grant"),
        (DeviceFlowError::InvalidGrantType, "unsupported_grant_type"),
    ] {
        let response = render(&error, ErrorFormat::OAuth);
        let prefix = format!(r#"{{"error":"{expected}","error_description":""#);
        assert!(body(&response).starts_with(&prefix), "{}", body(&response));
        assert_eq!(response.status, 400);
    }
}

#[test]
fn an_unmapped_401_is_invalid_client_with_a_basic_challenge() {
    let response = render(&AuthenticationError::InvalidCredentials, ErrorFormat::OAuth);
    assert_eq!(response.status, 401);
    assert_eq!(
        body(&response),
        concat!(
            r#"{"error":"invalid_client","error_description":"Wrong email or password","#,
            r#""error_code":"INVALID_CREDENTIALS","timestamp":"2025-01-15T10:30:00Z"}"#
        )
    );
    assert_eq!(
        response.header("www-authenticate"),
        Some(r#"Basic realm="authos""#)
    );
}

#[test]
fn quotes_are_escaped_in_json_and_restricted_in_error_description() {
    let error = GeneralError::BadRequest.with_message("Can’t read \"scope\" \\ é");
    assert_eq!(
        body(&render(&error, ErrorFormat::Json)),
        concat!(
            r#"{"error":"Can’t read \"scope\" \\ é","error_code":"BAD_REQUEST","#,
            r#""timestamp":"2025-01-15T10:30:00Z"}"#
        )
    );
    let oauth = render(&error, ErrorFormat::OAuth);
    assert_eq!(oauth.status, 400);
    assert_eq!(
        body(&oauth),
        concat!(
            r#"{"error":"invalid_request","error_description":"Can't read 'scope' / ","#,
            r#""error_code":"BAD_REQUEST","timestamp":"2025-01-15T10:30:00Z"}"#
        )
    );
    let scim = render(&error, ErrorFormat::Scim);
    assert_eq!(
        body(&scim),
        format!(
            concat!(
                "{}",
                r#""status":"400","detail":"Can’t read \"scope\" \\ é"}}"#
            ),
            SCIM_ERROR
        )
    );
}

#[test]
fn a_server_error_tells_protocol_clients_the_catalog_description_only() {
    let error = InfrastructureError::DatabaseError.with_message("db01 refused: password=hunter2");
    let oauth = render(&error, ErrorFormat::OAuth);
    assert_eq!(oauth.status, 500);
    assert_eq!(
        body(&oauth),
        concat!(
            r#"{"error":"server_error","error_description":"Database operation failed","#,
            r#""error_code":"DATABASE_ERROR","timestamp":"2025-01-15T10:30:00Z"}"#
        )
    );
    let scim = render(&error, ErrorFormat::Scim);
    assert_eq!(scim.status, 500);
    assert_eq!(
        body(&scim),
        format!(
            concat!(
                "{}",
                r#""status":"500","detail":"Database operation failed"}}"#
            ),
            SCIM_ERROR
        )
    );
    assert_eq!(scim.header("authos-error-code"), Some("DATABASE_ERROR"));
}

#[test]
fn a_mapped_scim_code_speaks_scim_and_an_unmapped_one_leaves_scim_type_out() {
    let exists = render(&ScimError::ScimUserExists, ErrorFormat::Scim);
    assert_eq!(exists.status, 409);
    // RFC 7644 §3.12's members only; the AuthOS code in a header.
    assert_eq!(
        headers(&exists),
        [
            "content-type: application/scim+json",
            "authos-error-code: SCIM_USER_EXISTS"
        ]
    );
    assert_eq!(
        body(&exists),
        format!(
            concat!(
                "{}",
                r#""status":"409","scimType":"uniqueness","detail":"User already exists"}}"#
            ),
            SCIM_ERROR
        )
    );
    let filter = render(&ScimError::ScimFilterInvalid, ErrorFormat::Scim);
    assert!(
        body(&filter).contains(r#""status":"400","scimType":"invalidFilter","#),
        "{}",
        body(&filter)
    );
    let token = render(&ScimError::InvalidScimToken, ErrorFormat::Scim);
    assert_eq!(token.status, 401);
    assert!(!body(&token).contains("scimType"), "{}", body(&token));
    assert_eq!(
        token.header("www-authenticate"),
        Some(
            r#"Bearer realm="authos", error="invalid_token", error_description="SCIM token invalid/expired""#
        )
    );
}

#[test]
fn scim_bodies_carry_the_authos_members_only_when_the_config_opts_in() {
    let config = ProblemConfig::default().with_scim_authos_members(true);
    let response = CapturedError::capture_at(&ScimError::ScimUserExists, at())
        .render(&RenderContext::new(ErrorFormat::Scim, &config));
    assert_eq!(
        body(&response),
        format!(
            concat!(
                "{}",
                r#""status":"409","scimType":"uniqueness","detail":"User already exists","#,
                r#""error_code":"SCIM_USER_EXISTS","timestamp":"2025-01-15T10:30:00Z"}}"#
            ),
            SCIM_ERROR
        )
    );
    assert_eq!(
        response.header("authos-error-code"),
        Some("SCIM_USER_EXISTS")
    );
    // The other formats do not send the header: their bodies carry the code.
    for format in [
        ErrorFormat::Json,
        ErrorFormat::ProblemJson,
        ErrorFormat::OAuth,
    ] {
        let response = CapturedError::capture_at(&ScimError::ScimUserExists, at())
            .render(&RenderContext::new(format, &config));
        assert_eq!(response.header("authos-error-code"), None, "{format:?}");
    }
}

#[test]
fn retry_after_is_sent_in_every_format() {
    let error = GeneralError::RateLimitExceeded.with_retry_after(Duration::from_millis(29_001));
    for format in [
        ErrorFormat::Json,
        ErrorFormat::ProblemJson,
        ErrorFormat::OAuth,
        ErrorFormat::Scim,
    ] {
        let response = render(&error, format);
        assert_eq!(response.status, 429, "{format:?}");
        assert_eq!(response.header("retry-after"), Some("30"), "{format:?}");
    }
}

#[test]
fn the_authos_formats_are_unchanged() {
    let json = render(&AuthenticationError::TokenExpired, ErrorFormat::Json);
    assert_eq!(
        body(&json),
        r#"{"error":"JWT has expired","error_code":"TOKEN_EXPIRED","timestamp":"2025-01-15T10:30:00Z"}"#
    );
    assert_eq!(
        headers(&json),
        [
            "content-type: application/json",
            r#"www-authenticate: Bearer realm="authos", error="invalid_token", error_description="JWT has expired""#
        ]
    );
    let problem = render(&AuthenticationError::TokenExpired, ErrorFormat::ProblemJson);
    assert_eq!(
        body(&problem),
        concat!(
            r#"{"type":"https://docs.authos.dev/errors#TOKEN_EXPIRED","title":"JWT has expired","#,
            r#""status":401,"detail":"JWT has expired","error_code":"TOKEN_EXPIRED","#,
            r#""resolution":"Refresh using /api/auth/refresh","timestamp":"2025-01-15T10:30:00Z"}"#,
        )
    );
    assert_eq!(
        problem.header("content-type"),
        Some("application/problem+json")
    );
}
