//! The axum integration over a real socket: the demo app (crate `authos-errors-demo`) and a
//! router with a custom `ProblemConfig`, driven by a real HTTP client.

use std::sync::Arc;
use std::time::Instant;

use authos_errors::axum::ProblemJsonLayer;
use authos_errors::catalog::{self, AuthOsError, AuthenticationError, ScimError};
use authos_errors_demo as app;
use axum::Router;
use axum::routing::get;

use crate::http_support::{
    AxumServer, PROBLEM, TIMESTAMP, assert_json_error, assert_problem, body,
};

/// The demo app with a frozen clock, so the rate-limit window never moves.
fn demo() -> AxumServer {
    let frozen = Instant::now();
    AxumServer::start(app::app(Arc::new(move || frozen)))
}

fn credentials(email: &str, password: &str) -> String {
    format!(r#"{{"email":"{email}","password":"{password}"}}"#)
}

#[test]
fn failed_logins_answer_invalid_credentials_then_lock_the_account() {
    let server = demo();
    let client = server.client();
    let wrong = credentials(app::DEMO_EMAIL, "hunter2");
    for _ in 0..app::MAX_FAILED_LOGINS {
        let reply = client.post("/api/auth/login", &wrong, None);
        assert_json_error(
            &reply,
            401,
            &body("Wrong email or password", "INVALID_CREDENTIALS"),
        );
        assert_eq!(
            reply.header("www-authenticate"),
            Some(r#"Bearer realm="authos""#)
        );
        assert_eq!(reply.header("retry-after"), None);
    }
    let locked = body("Too many failed attempts", "ACCOUNT_LOCKED");
    let reply = client.post("/api/auth/login", &wrong, None);
    assert_json_error(&reply, 401, &locked);
    assert_eq!(
        reply.header("www-authenticate"),
        Some(r#"Bearer realm="authos""#)
    );
    // Locked means locked: the right password does not get through either.
    let right = credentials(app::DEMO_EMAIL, app::DEMO_PASSWORD);
    assert_json_error(&client.post("/api/auth/login", &right, None), 401, &locked);

    let reply = client.post("/api/auth/login", &wrong, PROBLEM);
    assert_problem(
        &reply,
        401,
        &format!(
            concat!(
                r#"{{"type":"https://docs.authos.dev/errors#ACCOUNT_LOCKED","title":"Too many failed attempts","#,
                r#""status":401,"detail":"Too many failed attempts","error_code":"ACCOUNT_LOCKED","#,
                r#""resolution":"Wait or contact support","timestamp":"{}"}}"#
            ),
            TIMESTAMP
        ),
    );
    assert_eq!(
        reply.header("www-authenticate"),
        Some(r#"Bearer realm="authos""#)
    );
}

#[test]
fn the_right_password_asks_for_mfa_and_the_right_code_signs_in() {
    let server = demo();
    let client = server.client();
    let reply = client.post(
        "/api/auth/mfa",
        r#"{"email":"alice@example.com","code":"123456"}"#,
        None,
    );
    assert_json_error(
        &reply,
        401,
        &body("Log in with your password first", "UNAUTHORIZED"),
    );

    let right = credentials(app::DEMO_EMAIL, app::DEMO_PASSWORD);
    let reply = client.post("/api/auth/login", &right, None);
    assert_json_error(
        &reply,
        401,
        &body(
            "MFA verification needed: POST your one-time code to /api/auth/mfa",
            "MFA_REQUIRED",
        ),
    );
    assert_eq!(
        reply.header("www-authenticate"),
        Some(r#"Bearer realm="authos""#)
    );

    let wrong_code = r#"{"email":"alice@example.com","code":"000000"}"#;
    let reply = client.post("/api/auth/mfa", wrong_code, None);
    assert_json_error(
        &reply,
        400,
        &body("Wrong TOTP or backup code", "INVALID_MFA_CODE"),
    );
    assert_eq!(
        reply.header("www-authenticate"),
        None,
        "only a 401 challenges"
    );
    let reply = client.post("/api/auth/mfa", wrong_code, PROBLEM);
    assert_problem(
        &reply,
        400,
        &format!(
            concat!(
                r#"{{"type":"https://docs.authos.dev/errors#INVALID_MFA_CODE","title":"Wrong TOTP or backup code","#,
                r#""status":400,"detail":"Wrong TOTP or backup code","error_code":"INVALID_MFA_CODE","#,
                r#""resolution":"Enter correct code","timestamp":"{}"}}"#
            ),
            TIMESTAMP
        ),
    );

    let reply = client.post(
        "/api/auth/mfa",
        r#"{"email":"alice@example.com","code":"123456"}"#,
        None,
    );
    assert_eq!(reply.status, 200);
    assert_eq!(reply.body, r#"{"access_token":"demo-access-token"}"#);
}

#[test]
fn a_malformed_body_is_a_bad_request_naming_the_member_it_lacks() {
    let server = demo();
    let client = server.client();
    let malformed_json = body(
        "Invalid request parameters or malformed JSON",
        "BAD_REQUEST",
    );
    for not_json in ["", "not json", r#"{"email":"alice@example.com""#] {
        assert_json_error(
            &client.post("/api/auth/login", not_json, None),
            400,
            &malformed_json,
        );
    }
    for (wrong_shape, pointer, message) in [
        (
            r#"{"email":"alice@example.com"}"#,
            "/password",
            "missing field `password`",
        ),
        (
            r#"{"email":1,"password":"x"}"#,
            "/email",
            "invalid type: integer `1`, expected a string",
        ),
    ] {
        let reply = client.post("/api/auth/login", wrong_shape, None);
        assert_eq!(reply.status, 400, "{}", reply.body);
        assert_eq!(reply.header("content-type"), Some("application/json"));
        let answer: serde_json::Value = serde_json::from_str(&reply.body).expect("JSON");
        assert_eq!(answer["error_code"], "BAD_REQUEST");
        assert_eq!(
            answer["error"],
            "Invalid request parameters or malformed JSON"
        );
        assert_eq!(
            answer["errors"],
            serde_json::json!([{
                "error_code": "BAD_REQUEST",
                "error": message,
                "pointer": pointer,
            }]),
            "{wrong_shape}"
        );
    }
}

#[test]
fn organization_lookup_answers_not_found_and_not_active() {
    let server = demo();
    let client = server.client();
    let reply = client.get("/api/organizations/acme", None);
    assert_eq!(reply.status, 200);
    assert_eq!(
        reply.body,
        r#"{"name":"Acme Corp","slug":"acme","status":"active"}"#
    );

    let reply = client.get("/api/organizations/initech", None);
    assert_json_error(
        &reply,
        403,
        &body("Organization suspended/pending", "ORGANIZATION_NOT_ACTIVE"),
    );
    assert_eq!(reply.header("www-authenticate"), None);
    assert_problem(
        &client.get("/api/organizations/initech", PROBLEM),
        403,
        &format!(
            concat!(
                r#"{{"type":"https://docs.authos.dev/errors#ORGANIZATION_NOT_ACTIVE","#,
                r#""title":"Organization suspended/pending","status":403,"#,
                r#""detail":"Organization suspended/pending","error_code":"ORGANIZATION_NOT_ACTIVE","#,
                r#""resolution":"Contact platform admin","timestamp":"{}"}}"#
            ),
            TIMESTAMP
        ),
    );

    let reply = client.get("/api/organizations/globex", None);
    assert_json_error(&reply, 404, &body("No organization `globex`", "NOT_FOUND"));
    assert_problem(
        &client.get("/api/organizations/globex", PROBLEM),
        404,
        &format!(
            concat!(
                r#"{{"type":"https://docs.authos.dev/errors#NOT_FOUND","title":"Resource not found","#,
                r#""status":404,"detail":"No organization `globex`","error_code":"NOT_FOUND","#,
                r#""resolution":"Verify ID and permissions","timestamp":"{}"}}"#
            ),
            TIMESTAMP
        ),
    );
}

#[test]
fn the_rate_limit_answers_429_with_retry_after() {
    let server = demo();
    let client = server.client();
    for remaining in (0..app::RATE_LIMIT).rev() {
        let reply = client.get("/api/limited", None);
        assert_eq!(reply.status, 200);
        assert_eq!(
            reply.body,
            format!(r#"{{"pong":true,"remaining":{remaining}}}"#)
        );
    }
    // The clock is frozen at the window's start: the whole window remains.
    let reply = client.get("/api/limited", None);
    assert_json_error(
        &reply,
        429,
        &body("Too many requests", "RATE_LIMIT_EXCEEDED"),
    );
    assert_eq!(reply.header("retry-after"), Some("60"));
    let reply = client.get("/api/limited", PROBLEM);
    assert_problem(
        &reply,
        429,
        &format!(
            concat!(
                r#"{{"type":"https://docs.authos.dev/errors#RATE_LIMIT_EXCEEDED","title":"Too many requests","#,
                r#""status":429,"detail":"Too many requests","error_code":"RATE_LIMIT_EXCEEDED","#,
                r#""timestamp":"{}"}}"#
            ),
            TIMESTAMP
        ),
    );
    assert_eq!(reply.header("retry-after"), Some("60"));
}

#[test]
fn a_server_error_logs_its_source_and_never_sends_it() {
    let server = demo();
    let logs = server.logs();
    let client = server.client();
    let reply = client.get("/api/reports/usage", None);
    assert_json_error(
        &reply,
        500,
        &body("Database operation failed", "DATABASE_ERROR"),
    );
    let problem = client.get("/api/reports/usage", PROBLEM);
    assert_problem(
        &problem,
        500,
        &format!(
            concat!(
                r#"{{"type":"https://docs.authos.dev/errors#DATABASE_ERROR","title":"Database operation failed","#,
                r#""status":500,"detail":"Database operation failed","error_code":"DATABASE_ERROR","#,
                r#""resolution":"Retry; contact support if persists","timestamp":"{}"}}"#
            ),
            TIMESTAMP
        ),
    );
    for sent in [&reply, &problem] {
        assert!(!sent.body.contains("postgres") && !sent.body.contains("s3cr3t"));
        assert!(sent.headers_text().find("postgres").is_none());
    }
    let logged = logs
        .lines()
        .into_iter()
        .filter(|line| line.contains("DATABASE_ERROR") && line.contains(app::DATABASE_FAILURE))
        .count();
    assert!(
        logged >= 2,
        "each 500 logs its source chain: {:?}",
        logs.lines()
    );
}

#[test]
fn problem_json_is_sent_only_when_the_client_prefers_it() {
    let server = demo();
    let client = server.client();
    let cases = [
        (None, "application/json"),
        (Some("*/*"), "application/json"),
        (Some("application/json"), "application/json"),
        (
            Some("application/json, application/problem+json"),
            "application/json",
        ),
        (
            Some("application/problem+json;q=0.5, application/json"),
            "application/json",
        ),
        (
            Some("application/*, application/problem+json;q=0.9"),
            "application/json",
        ),
        (Some("text/html"), "application/json"),
        (Some("application/problem+json"), "application/problem+json"),
        (
            Some("application/json;q=0.1, application/problem+json"),
            "application/problem+json",
        ),
        (
            Some("*/*;q=0.2, application/problem+json"),
            "application/problem+json",
        ),
    ];
    for (accept, content_type) in cases {
        let reply = client.get("/api/organizations/initech", accept);
        assert_eq!(reply.status, 403);
        assert_eq!(
            reply.header("content-type"),
            Some(content_type),
            "Accept: {accept:?}"
        );
    }
    // Success responses are never touched by the layer.
    let reply = client.get("/api/organizations/acme", PROBLEM);
    assert_eq!(reply.header("content-type"), Some("application/json"));
}

#[test]
fn invalid_tokens_get_an_rfc6750_challenge_under_the_configured_realm_and_type_base() {
    let router = Router::new()
        .route(
            "/expired",
            get(|| async { Err::<(), _>(AuthOsError::from(AuthenticationError::TokenExpired)) }),
        )
        .route(
            "/scim",
            get(|| async { Err::<(), _>(ScimError::InvalidScimToken) }),
        )
        .layer(ProblemJsonLayer::new(
            // AuthOS's invalid-token codes, under a realm and type base of the service's own.
            catalog::problem_config()
                .with_realm("example")
                .with_type_base("https://errors.example.com/"),
        ));
    let server = AxumServer::start(router);
    let client = server.client();

    let reply = client.get("/expired", None);
    assert_json_error(&reply, 401, &body("JWT has expired", "TOKEN_EXPIRED"));
    assert_eq!(
        reply.header("www-authenticate"),
        Some(
            r#"Bearer realm="example", error="invalid_token", error_description="JWT has expired""#
        )
    );
    let reply = client.get("/expired", PROBLEM);
    assert_problem(
        &reply,
        401,
        &format!(
            concat!(
                r#"{{"type":"https://errors.example.com/TOKEN_EXPIRED","title":"JWT has expired","#,
                r#""status":401,"detail":"JWT has expired","error_code":"TOKEN_EXPIRED","#,
                r#""resolution":"Refresh using /api/auth/refresh","timestamp":"{}"}}"#
            ),
            TIMESTAMP
        ),
    );
    let reply = client.get("/scim", None);
    assert_eq!(reply.status, 401);
    let challenge = reply.header("www-authenticate").expect("a challenge");
    assert!(
        challenge
            .starts_with(r#"Bearer realm="example", error="invalid_token", error_description=""#),
        "{challenge}"
    );
}
