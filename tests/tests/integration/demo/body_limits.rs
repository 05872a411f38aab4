//! Form routes read a few KiB at most, and say so in their route group's error format.

use std::sync::Arc;

use authos_errors_demo::protocols::{self, Protocols, Settings};
use authos_errors_demo::{DemoState, FORM_BODY_LIMIT, router_with_protocols};
use serde_json::{Value, json};

use super::post_announcing;
use crate::http_support::{AxumServer, PROBLEM};
use crate::protocol_demo::{ManualClock, Server};

/// A hostile body: two megabytes announced, the first 8 KiB sent.
const HOSTILE: usize = 2_000_000;
const HOSTILE_SENT: usize = 8 * 1024;
const FORM: (&str, &str) = ("content-type", "application/x-www-form-urlencoded");

fn demo() -> AxumServer {
    let clock = ManualClock::new();
    AxumServer::start(router_with_protocols(
        Arc::new(DemoState::new(clock.clock())),
        Arc::new(Protocols::new(clock.clock(), Settings::default())),
    ))
}

fn json(body: &str) -> Value {
    serde_json::from_str(body).unwrap_or_else(|e| panic!("a JSON body ({e}): {body}"))
}

/// A JSON object of `size` bytes exactly, with a string member `pad`.
fn json_body_of(size: usize) -> String {
    let frame = r#"{"pad":""}"#.len();
    format!(r#"{{"pad":"{}"}}"#, "x".repeat(size - frame))
}

#[test]
fn json_form_routes_refuse_a_large_body_in_the_negotiated_format() {
    let server = demo();
    let client = server.client();
    for path in ["/api/auth/login", "/api/auth/mfa", "/api/signup"] {
        // At the limit, the body is read: the handler says what it is missing.
        let read = client.post(path, &json_body_of(FORM_BODY_LIMIT), None);
        assert_eq!(read.status, 400, "{path}: {}", read.body);
        assert_eq!(json(&read.body)["error_code"], "BAD_REQUEST");

        let reply = client.post(path, &json_body_of(FORM_BODY_LIMIT + 1), None);
        assert_eq!(reply.status, 413, "{path}: {}", reply.body);
        assert_eq!(reply.header("content-type"), Some("application/json"));
        let body = json(&reply.body);
        assert_eq!(body["error_code"], "PAYLOAD_TOO_LARGE", "{path}");
        assert_eq!(
            body["error"],
            format!("Body must be at most {FORM_BODY_LIMIT} bytes")
        );
        assert_eq!(body["details"], json!({ "max": FORM_BODY_LIMIT }));

        let hostile = post_announcing(
            server.addr(),
            path,
            &[
                ("content-type", "application/json"),
                ("accept", PROBLEM.unwrap_or_default()),
            ],
            HOSTILE,
            &json_body_of(HOSTILE)[..HOSTILE_SENT],
        );
        assert_eq!(hostile.status, 413, "{path}: {}", hostile.body);
        assert!(
            hostile
                .headers
                .contains("content-type: application/problem+json\r\n"),
            "{}",
            hostile.headers
        );
        assert_eq!(hostile.json()["error_code"], "PAYLOAD_TOO_LARGE");
    }
}

#[test]
fn device_flow_forms_refuse_a_large_body_in_their_formats() {
    let axum = demo();
    let server = Server::Axum(axum);
    let raw = server.raw();
    let Server::Axum(axum) = &server else {
        unreachable!()
    };
    let at_limit = format!("client_id=tv&pad={}", "x".repeat(FORM_BODY_LIMIT - 17));
    assert_eq!(at_limit.len(), FORM_BODY_LIMIT);
    let read = raw.post_form("/api/oauth/device/code", &at_limit);
    assert_eq!(read.status, 200, "{}", read.body);

    let over = format!("client_id={}", "c".repeat(FORM_BODY_LIMIT - 9));
    let hostile = format!("client_id={}", "c".repeat(HOSTILE_SENT - 10));
    for path in ["/api/oauth/device/code", "/api/oauth/token"] {
        let reply = raw.post_form(path, &over);
        assert_eq!(reply.status, 413, "{path}: {}", reply.body);
        let body = reply.json();
        assert_eq!(body["error"], "invalid_request", "{path}: the OAuth shape");
        assert_eq!(
            body["error_description"],
            format!("Body must be at most {FORM_BODY_LIMIT} bytes")
        );
        assert_eq!(body["error_code"], "PAYLOAD_TOO_LARGE");

        let reply = post_announcing(axum.addr(), path, &[FORM], HOSTILE, &hostile);
        assert_eq!(reply.status, 413, "{path}: {}", reply.body);
        assert_eq!(reply.json()["error"], "invalid_request");
    }
    let reply = raw.post_form(protocols::VERIFY_PATH, &over);
    assert_eq!(reply.status, 413, "{}", reply.body);
    assert_eq!(
        reply.json()["error_code"],
        "PAYLOAD_TOO_LARGE",
        "the AuthOS shape"
    );
    let reply = post_announcing(
        axum.addr(),
        protocols::VERIFY_PATH,
        &[FORM],
        HOSTILE,
        &hostile,
    );
    assert_eq!(reply.status, 413, "{}", reply.body);
    assert_eq!(reply.json()["error_code"], "PAYLOAD_TOO_LARGE");
}
