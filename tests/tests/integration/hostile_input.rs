//! Hostile input, end to end (issue 18): what a request or a server can send that must not
//! leak a secret, loop, or reach a log as it is. Unit tests of each module cover the rest.

use std::borrow::Cow;
use std::time::Duration;

use authos_errors::axum::ErrorFormatLayer;
use authos_errors::catalog::{AuthOsError, AuthenticationError};
use authos_errors::client::reqwest::{ApiError, ReadLimits, ResponseExt};
use authos_errors::problem::{MAX_CHALLENGE_DESCRIPTION_LEN, ProblemConfig};
use authos_errors::{ApiErrorCodeExt, Detailed};
use chrono::{DateTime, TimeZone, Utc};
use serde_json::json;
use validator::Validate;

use crate::http_support::{block_on, serve};

fn at() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 1, 15, 10, 30, 0).unwrap()
}

const PASSWORD: &str = "S3cret-Hunter2!";

fn only_lowercase(handle: &str) -> Result<(), validator::ValidationError> {
    if handle.bytes().all(|b| b.is_ascii_lowercase()) {
        return Ok(());
    }
    let mut failure = validator::ValidationError::new("lowercase");
    // A custom rule may add what it likes: only a bound name reaches the body.
    failure.add_param(Cow::Borrowed("max"), &32);
    failure.add_param(Cow::Borrowed("offending"), &handle);
    Err(failure)
}

/// Every rule validator's derive implements without extra features (`regex` needs the user's
/// own `regex` crate and `credit_card` validator's `card` feature: the runtime crate's unit
/// tests build those two reports as the derive does).
#[derive(Debug, Validate)]
struct Hostile {
    #[validate(length(min = 8, max = 64))]
    password: String,
    #[validate(must_match(other = "password"))]
    password_confirmation: String,
    #[validate(length(equal = 6))]
    pin: String,
    #[validate(range(min = 18, max = 130))]
    age: u32,
    #[validate(range(exclusive_min = 0.0, exclusive_max = 1.0))]
    ratio: f64,
    #[validate(email)]
    email: String,
    #[validate(url)]
    homepage: String,
    #[validate(ip)]
    address: String,
    #[validate(contains(pattern = "@"))]
    mention: String,
    #[validate(does_not_contain(pattern = "admin"))]
    nickname: String,
    #[validate(non_control_character)]
    display_name: String,
    #[validate(required)]
    invitation: Option<String>,
    #[validate(custom(function = "only_lowercase"))]
    handle: String,
}

#[test]
fn validator_reports_send_bounds_never_values() {
    let hostile = Hostile {
        password: PASSWORD.into(),
        password_confirmation: format!("{PASSWORD}x"),
        pin: format!("{PASSWORD}-pin"),
        age: 7,
        ratio: 1.5,
        email: format!("{PASSWORD}-email"),
        homepage: format!("{PASSWORD}-url"),
        address: format!("{PASSWORD}-ip"),
        mention: format!("{PASSWORD}-mention"),
        nickname: format!("{PASSWORD}-admin"),
        display_name: format!("{PASSWORD}\u{7}"),
        invitation: None,
        handle: format!("{PASSWORD}-HANDLE"),
    };
    let errors =
        authos_errors::catalog::validation_rules().field_errors(&hostile.validate().unwrap_err());
    let entries: Vec<_> = errors
        .iter()
        .map(|e| (e.pointer(), e.details().cloned()))
        .collect();
    assert_eq!(
        entries,
        [
            ("/address", None),
            ("/age", Some(json!({"max": 130, "min": 18})),),
            ("/display_name", None),
            ("/email", None),
            ("/handle", Some(json!({"max": 32}))),
            ("/homepage", None),
            ("/invitation", None),
            ("/mention", Some(json!({"needle": "@"}))),
            ("/nickname", Some(json!({"needle": "admin"}))),
            ("/password_confirmation", None),
            ("/pin", Some(json!({"equal": 6}))),
            (
                "/ratio",
                Some(json!({"exclusive_max": 1.0, "exclusive_min": 0.0})),
            ),
        ]
    );
    let authos = serde_json::to_string(&errors.body_at(at())).unwrap();
    let problem =
        serde_json::to_string(&errors.problem_at(&ProblemConfig::default(), at())).unwrap();
    for body in [authos, problem] {
        assert!(!body.contains(PASSWORD), "{body}");
        assert!(!body.contains("\"other\""), "{body}");
    }
}

/// A 401 whose message quotes 100 KB of input.
async fn expired() -> Result<(), Detailed<AuthenticationError>> {
    Err(AuthenticationError::TokenExpired.with_message(format!("token {}", "x".repeat(100_000))))
}

#[test]
fn a_huge_accept_is_read_up_to_its_bound_and_the_challenge_stays_small() {
    let router = axum::Router::new()
        .route("/", axum::routing::get(expired))
        .layer(ErrorFormatLayer::default().with_config(authos_errors::catalog::problem_config()));
    // A quarter of a megabyte of ranges: as much as the HTTP server takes in one request.
    let padding = "text/html;q=0.1, ".repeat(15_000);
    let answers = block_on(async {
        let base = format!("http://{}/", serve(router).await);
        let http = reqwest::Client::new();
        let mut answers = Vec::new();
        for accept in [
            format!("{padding}application/problem+json"),
            format!("application/problem+json, {padding}"),
        ] {
            let response = http
                .get(&base)
                .header("accept", accept)
                .send()
                .await
                .expect("the server answers");
            let headers = response.headers().clone();
            let body = response.text().await.expect("a body");
            answers.push((headers, body));
        }
        answers
    });
    let content_types: Vec<_> = answers
        .iter()
        .map(|(headers, _)| headers["content-type"].to_str().unwrap())
        .collect();
    // problem+json past the 16th range is never read; first, it is.
    assert_eq!(
        content_types,
        ["application/json", "application/problem+json"]
    );
    for (headers, body) in &answers {
        let challenge = headers["www-authenticate"].to_str().unwrap();
        let description = challenge
            .split("error_description=\"")
            .nth(1)
            .expect("a description")
            .trim_end_matches('"');
        assert_eq!(
            description.len(),
            MAX_CHALLENGE_DESCRIPTION_LEN,
            "{challenge}"
        );
        assert!(description.starts_with("token xxx") && description.ends_with("x..."));
        // The body keeps the whole message.
        assert!(body.len() > 100_000);
    }
}

/// A raw HTTP/1.1 server that answers one request with a 500 whose body it sends a byte every
/// 100 ms (a valid error body, were it ever finished), until the client hangs up.
fn trickling_server() -> (std::net::SocketAddr, std::thread::JoinHandle<()>) {
    use std::io::{Read, Write};
    let listener =
        std::net::TcpListener::bind((std::net::Ipv4Addr::LOCALHOST, 0)).expect("bind 127.0.0.1:0");
    let addr = listener.local_addr().expect("the bound address");
    let thread = std::thread::spawn(move || {
        let (mut stream, _) = listener.accept().expect("one connection");
        let mut request = [0_u8; 4096];
        let _ = stream.read(&mut request);
        let body = br#"{"error":"Database operation failed","error_code":"DATABASE_ERROR","timestamp":"2025-01-15T10:30:00Z"}"#;
        let head = format!(
            "HTTP/1.1 500 Internal Server Error\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n",
            body.len()
        );
        if stream.write_all(head.as_bytes()).is_err() {
            return;
        }
        for byte in body {
            std::thread::sleep(std::time::Duration::from_millis(100));
            if stream
                .write_all(&[*byte])
                .and_then(|()| stream.flush())
                .is_err()
            {
                return;
            }
        }
    });
    (addr, thread)
}

#[test]
fn a_trickling_error_body_ends_at_the_read_deadline() {
    let limits = ReadLimits::default().with_timeout(Duration::from_millis(300));
    let (addr, server) = trickling_server();
    let unreadable = block_on(async {
        let response = reqwest::get(format!("http://{addr}/")).await.unwrap();
        response
            .authos_error_with::<AuthOsError>(limits)
            .await
            .expect_err("never finished in time")
    });
    assert!(unreadable.is_timeout(), "{unreadable:?}");
    assert_eq!(unreadable.status(), 500);
    assert!(unreadable.parse_error().is_none() && unreadable.read_error().is_none());
    assert_eq!(
        unreadable.to_string(),
        "the body of the HTTP 500 response was not read within 300ms"
    );
    server
        .join()
        .expect("the server stops when the client hangs up");

    let (addr, server) = trickling_server();
    let error = block_on(async {
        let response = reqwest::get(format!("http://{addr}/")).await.unwrap();
        response.error_for_status_with::<AuthOsError>(limits).await
    });
    match error {
        Err(ApiError::Unreadable(unreadable)) => assert!(unreadable.is_timeout()),
        other => panic!("{other:?}"),
    }
    server
        .join()
        .expect("the server stops when the client hangs up");
}
