//! What the demo answers before (or instead of) its handlers — a malformed or mistyped body, a
//! wrong `Content-Type`, an oversized body, an unknown route, a wrong method — over a real
//! socket: each in the structure of its route group's format (AuthOS JSON, problem+json,
//! French, SCIM, OAuth), read back by the crate's client.

use std::sync::Arc;

use authos_errors::client::{ErrorResponse, WireFormat};
use authos_errors::framework::FrameworkError;
use authos_errors_demo::protocols::{Protocols, Settings};
use authos_errors_demo::{DemoState, FORM_BODY_LIMIT, router_with_protocols};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use serde_json::json;

use super::post_announcing;
use crate::http_support::{AxumServer, Client, Reply, expect_framework_error};
use crate::protocol_demo::ManualClock;

const JSON: (&str, &str) = ("content-type", "application/json");
const PROBLEM: (&str, &str) = ("accept", "application/problem+json");
const FRENCH: (&str, &str) = ("accept-language", "fr");
const LOGIN: &str = "/api/auth/login";

fn demo() -> AxumServer {
    let clock = ManualClock::new();
    AxumServer::start(router_with_protocols(
        Arc::new(DemoState::new(clock.clock())),
        Arc::new(Protocols::new(clock.clock(), Settings::default())),
    ))
}

/// `reply` is `error` with `status`, in `format`, as the crate's client reads it.
fn expect(
    reply: &Reply,
    status: u16,
    format: WireFormat,
    error: FrameworkError,
) -> ErrorResponse<FrameworkError> {
    expect_framework_error("demo", reply, status, format, error)
}

/// One request the framework refuses on an AuthOS route, and what it is refused with.
struct Refused {
    method: &'static str,
    path: &'static str,
    content_type: Option<&'static str>,
    body: Vec<u8>,
    status: u16,
    error: FrameworkError,
}

fn refused_on_authos_routes() -> Vec<Refused> {
    let login = |content_type, body: &[u8], status, error| Refused {
        method: "POST",
        path: LOGIN,
        content_type,
        body: body.to_vec(),
        status,
        error,
    };
    vec![
        login(
            Some("application/json"),
            br#"{"email":"#,
            400,
            FrameworkError::BadRequest,
        ),
        login(
            Some("application/json"),
            br#"{"email":"alice@example.com"}"#,
            400,
            FrameworkError::BadRequest,
        ),
        login(
            Some("text/plain"),
            br#"{"email":"alice@example.com","password":"x"}"#,
            415,
            FrameworkError::UnsupportedMediaType,
        ),
        Refused {
            method: "GET",
            path: "/nowhere",
            content_type: None,
            body: Vec::new(),
            status: 404,
            error: FrameworkError::NotFound,
        },
        Refused {
            method: "GET",
            path: LOGIN,
            content_type: None,
            body: Vec::new(),
            status: 405,
            error: FrameworkError::MethodNotAllowed,
        },
    ]
}

fn send(client: &Client, request: &Refused, extra: &[(&str, &str)]) -> Reply {
    let mut headers: Vec<(&str, &str)> = request
        .content_type
        .map(|value| ("content-type", value))
        .into_iter()
        .collect();
    headers.extend_from_slice(extra);
    client.send(request.method, request.path, &headers, &request.body)
}

/// What each refusal carries beyond its code: the missing member's pointer, the limit, `Allow`.
fn assert_particulars(request: &Refused, reply: &Reply, parsed: &ErrorResponse<FrameworkError>) {
    let what = format!("{} {}: {}", request.method, request.path, reply.body);
    match request.status {
        400 if request.body.ends_with(b"}") => {
            let pointers: Vec<&str> = parsed
                .field_errors()
                .iter()
                .map(|entry| entry.pointer())
                .collect();
            assert_eq!(pointers, ["/password"], "{what}");
        }
        400 => assert!(parsed.field_errors().is_empty(), "{what}"),
        405 => assert_eq!(reply.header("allow"), Some("POST"), "{what}"),
        _ => {}
    }
}

#[test]
fn refusals_on_the_authos_routes_answer_in_the_negotiated_format() {
    let server = demo();
    let client = server.client();
    for request in refused_on_authos_routes() {
        for (headers, format) in [
            (&[][..], WireFormat::AuthOsJson),
            (&[PROBLEM][..], WireFormat::ProblemJson),
        ] {
            let reply = send(&client, &request, headers);
            let parsed = expect(&reply, request.status, format, request.error);
            assert_eq!(parsed.status(), Some(request.status), "{}", reply.body);
            assert_particulars(&request, &reply, &parsed);
        }

        let reply = send(&client, &request, &[FRENCH]);
        let parsed = expect(
            &reply,
            request.status,
            WireFormat::AuthOsJson,
            request.error,
        );
        assert_particulars(&request, &reply, &parsed);
        // The shipped French covers every code the framework answers with: the ones it shares
        // with the catalog, and its own.
        let french = match request.error {
            FrameworkError::BadRequest => "Paramètres de requête invalides ou JSON mal formé",
            FrameworkError::NotFound => "La ressource demandée n’existe pas",
            FrameworkError::MethodNotAllowed => "Méthode non autorisée pour cette ressource",
            FrameworkError::PayloadTooLarge => "Corps de requête trop volumineux",
            FrameworkError::UnsupportedMediaType => "Type de média non pris en charge",
            FrameworkError::RequestTimeout => "Délai de la requête dépassé",
            FrameworkError::InternalServerError => "Erreur inattendue du serveur",
            FrameworkError::GatewayTimeout => "Le service en amont n’a pas répondu à temps",
        };
        assert_eq!(parsed.message(), french, "{}", reply.body);
        assert_eq!(reply.header("content-language"), Some("fr"));
    }
}

/// An oversized body, over a raw socket: two megabytes announced, one byte over the limit sent,
/// all of which the server reads before refusing, so that closing the connection cannot reset
/// it before the answer is read (a client library sending the whole body may see that reset).
#[test]
fn an_oversized_body_answers_the_limit_in_every_format() {
    let server = demo();
    let over_limit = "x".repeat(FORM_BODY_LIMIT + 1);
    for (headers, format) in [
        (&[][..], WireFormat::AuthOsJson),
        (&[PROBLEM][..], WireFormat::ProblemJson),
        (&[FRENCH][..], WireFormat::AuthOsJson),
    ] {
        let mut all = vec![JSON];
        all.extend_from_slice(headers);
        let answer = post_announcing(server.addr(), LOGIN, &all, 2_000_000, &over_limit);
        let content_type = answer
            .headers
            .lines()
            .find_map(|line| line.strip_prefix("content-type: "));
        assert_eq!(content_type, Some(format.content_type()), "{}", answer.body);
        let parsed = ErrorResponse::<FrameworkError>::from_response(
            Some(answer.status),
            content_type,
            answer.body.as_bytes(),
        )
        .unwrap_or_else(|err| panic!("{err}: {}", answer.body));
        assert_eq!(answer.status, 413);
        assert_eq!(parsed.format(), format);
        assert_eq!(parsed.error(), Some(&FrameworkError::PayloadTooLarge));
        assert_eq!(parsed.details(), Some(&json!({ "max": FORM_BODY_LIMIT })));
    }
}

#[test]
fn a_malformed_body_answers_the_frameworks_message_with_the_member_as_a_pointer() {
    let server = demo();
    let client = server.client();
    for (path, body, pointer) in [
        (LOGIN, r#"{"email":"alice@example.com"}"#, "/password"),
        ("/api/auth/mfa", r#"{"email":"alice@example.com"}"#, "/code"),
        (
            "/api/signup",
            r#"{"email":"a@b.c","slug":7,"password":"long enough"}"#,
            "/slug",
        ),
    ] {
        let reply = client.send("POST", path, &[JSON], body.as_bytes());
        let parsed = expect(
            &reply,
            400,
            WireFormat::AuthOsJson,
            FrameworkError::BadRequest,
        );
        assert_eq!(
            parsed.message(),
            "Invalid request parameters or malformed JSON",
            "{path}"
        );
        let pointers: Vec<&str> = parsed
            .field_errors()
            .iter()
            .map(|entry| entry.pointer())
            .collect();
        assert_eq!(pointers, [pointer], "{path}: {}", reply.body);
    }
}

#[test]
fn unknown_routes_are_authos_not_found_except_under_scims_base() {
    let server = demo();
    let client = server.client();
    // Merged last, the SCIM group must not answer the app's unknown routes.
    for path in ["/nowhere", "/api/oauth/nowhere", "/scim"] {
        let reply = client.send("GET", path, &[], b"");
        expect(
            &reply,
            404,
            WireFormat::AuthOsJson,
            FrameworkError::NotFound,
        );
        let reply = client.send("GET", path, &[PROBLEM], b"");
        expect(
            &reply,
            404,
            WireFormat::ProblemJson,
            FrameworkError::NotFound,
        );
    }
    // Under SCIM's base, a client speaks SCIM: the unknown resource is a SCIM 404.
    for path in ["/scim/v2/Nowhere", "/scim/v2/Users/u-1/extra"] {
        let reply = client.send("GET", path, &[PROBLEM], b"");
        let parsed = expect(&reply, 404, WireFormat::Scim, FrameworkError::NotFound);
        assert!(parsed.scim().is_some(), "{path}: {}", reply.body);
    }
}

#[test]
fn wrong_methods_answer_in_their_groups_format_with_allow() {
    let server = demo();
    let client = server.client();
    let reply = client.send("DELETE", "/scim/v2/Users", &[], b"");
    expect(
        &reply,
        405,
        WireFormat::Scim,
        FrameworkError::MethodNotAllowed,
    );
    let allow = reply.header("allow").unwrap_or_default();
    assert!(
        allow.contains("GET") && allow.contains("POST"),
        "{allow}: {}",
        reply.body
    );

    for path in ["/api/oauth/token", "/api/oauth/device/code"] {
        let reply = client.send("GET", path, &[FRENCH], b"");
        let parsed = expect(
            &reply,
            405,
            WireFormat::OAuth,
            FrameworkError::MethodNotAllowed,
        );
        assert_eq!(reply.header("allow"), Some("POST"), "{path}");
        assert!(parsed.oauth().is_some(), "{path}: {}", reply.body);
    }

    let reply = client.send("GET", "/api/signup", &[PROBLEM, FRENCH], b"");
    expect(
        &reply,
        405,
        WireFormat::ProblemJson,
        FrameworkError::MethodNotAllowed,
    );
    assert_eq!(reply.header("allow"), Some("POST"));
}

/// A login body: arbitrary bytes, JSON-looking text, or an object of string members.
fn any_body() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..128),
        "[{}\\[\\]\":,a-z0-9 .-]{0,48}".prop_map(String::into_bytes),
        ("[a-z@.]{0,24}", "[a-z ]{0,24}").prop_map(|(email, password)| {
            format!(r#"{{"email":"{email}","password":"{password}"}}"#).into_bytes()
        }),
    ]
}

#[test]
fn any_body_posted_to_login_answers_the_structure() {
    let server = demo();
    let client = server.client();
    let mut runner = TestRunner::new(Config {
        cases: 32,
        failure_persistence: None,
        ..Config::default()
    });
    runner
        .run(&any_body(), |bytes| {
            let reply = client.send("POST", LOGIN, &[JSON], &bytes);
            // No body logs in: a correct password still asks for MFA.
            let parsed = authos_errors::client::parse_response::<
                authos_errors::catalog::AuthOsError,
            >(
                Some(reply.status),
                reply.header("content-type"),
                reply.body.as_bytes(),
            );
            prop_assert!(parsed.is_ok(), "{} {}", reply.status, reply.body);
            let code = parsed.map(|parsed| parsed.code().to_owned()).unwrap_or_default();
            prop_assert!(
                ["BAD_REQUEST", "INVALID_CREDENTIALS", "ACCOUNT_LOCKED"].contains(&code.as_str()),
                "{code}: {}",
                reply.body
            );
            Ok(())
        })
        .unwrap();
}
