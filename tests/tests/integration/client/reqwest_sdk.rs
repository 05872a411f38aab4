//! The reqwest integration against real servers on 127.0.0.1 started by the tests: the demo
//! app (crate `authos-errors-demo`) in each format negotiated by `Accept`, OAuth and SCIM route
//! groups, tiny axum routers for retry scenarios, and a raw socket server that streams an
//! endless body.

use std::io::{Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpListener};
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

use authos_errors::ApiErrorCode;
use authos_errors::axum::ErrorFormatLayer;
use authos_errors::catalog::client::AuthOsResponseExt;
use authos_errors::catalog::{
    AuthOsError, AuthenticationError, AuthorizationError, DeviceFlowError, GeneralError, ScimError,
};
use authos_errors::client::reqwest::{
    ApiError, AuthOsRetryableStrategy, FullJitterPolicy, ResponseExt, RetryMiddleware,
};
use authos_errors::client::{
    BackoffPolicy, MAX_BODY_BYTES, ParseErrorKind, RetryDecision, WireFormat,
};
use authos_errors::oauth::OAuthErrorCode;
use authos_errors::scim::ScimType;
use authos_errors_demo as app;

use crate::http_support::{block_on, serve};
use axum::Router;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::routing::{get, post};

/// The demo app with a frozen clock, so `Retry-After` is exact; its base URL.
async fn demo() -> String {
    let frozen = Instant::now();
    let addr = serve(app::app(Arc::new(move || frozen))).await;
    format!("http://{addr}")
}

const FORMATS: [(Option<&str>, WireFormat, &str); 3] = [
    (None, WireFormat::AuthOsJson, "application/json"),
    (
        Some("application/json"),
        WireFormat::AuthOsJson,
        "application/json",
    ),
    (
        Some("application/problem+json"),
        WireFormat::ProblemJson,
        "application/problem+json",
    ),
];

#[test]
fn failed_demo_responses_read_into_typed_errors_in_every_negotiated_format() {
    let http = reqwest::Client::new();
    block_on(async {
        let base = demo().await;
        for (accept, format, content_type) in FORMATS {
            let mut request = http.get(format!("{base}/api/organizations/initech"));
            if let Some(accept) = accept {
                request = request.header("accept", accept);
            }
            let response = request.send().await.expect("the demo answers");
            assert_eq!(response.headers()["content-type"], content_type);
            let error = match response.error_for_authos_status().await {
                Err(ApiError::Response(error)) => error,
                other => panic!("{accept:?}: {other:?}"),
            };
            assert_eq!(error.format(), format, "{accept:?}");
            assert_eq!(
                error.error(),
                Some(&AuthOsError::Authorization(
                    AuthorizationError::OrganizationNotActive
                ))
            );
            assert!(error.is_organization_inactive());
            assert_eq!(error.status(), Some(403));
            assert!(error.timestamp().is_some());

            // A success is passed through untouched.
            let mut request = http.get(format!("{base}/api/organizations/acme"));
            if let Some(accept) = accept {
                request = request.header("accept", accept);
            }
            let ok = request
                .send()
                .await
                .expect("the demo answers")
                .error_for_authos_status()
                .await
                .expect("a 200 is not an error");
            assert_eq!(ok.status(), 200);
        }
    });
}

#[test]
fn the_demo_rate_limit_reads_as_retry_after_in_every_format() {
    let http = reqwest::Client::new();
    block_on(async {
        let base = demo().await;
        for _ in 0..app::RATE_LIMIT {
            let ok = http
                .get(format!("{base}/api/limited"))
                .send()
                .await
                .unwrap();
            assert_eq!(ok.status(), 200);
        }
        for (accept, format, _) in FORMATS {
            let mut request = http.get(format!("{base}/api/limited"));
            if let Some(accept) = accept {
                request = request.header("accept", accept);
            }
            let response = request.send().await.unwrap();
            assert_eq!(
                response.retry_decision(0),
                RetryDecision::RetryAfter(app::RATE_WINDOW),
                "the frozen clock: the whole window is left"
            );
            let error = response.authos_error().await.expect("an error body");
            assert_eq!(error.format(), format);
            assert_eq!(
                error.error(),
                Some(&AuthOsError::General(GeneralError::RateLimitExceeded))
            );
            assert_eq!(error.status(), Some(429));
            // The error read from the body keeps the response's `Retry-After` and decision.
            let seconds = app::RATE_WINDOW.as_secs().to_string();
            assert_eq!(error.retry_after_header(), Some(seconds.as_str()));
            assert_eq!(error.retry_after(), Some(app::RATE_WINDOW));
            assert_eq!(
                error.retry_decision(0),
                RetryDecision::RetryAfter(app::RATE_WINDOW)
            );
        }
        // The same through `error_for_authos_status()`, the README's main path.
        let response = http
            .get(format!("{base}/api/limited"))
            .send()
            .await
            .unwrap();
        let Err(ApiError::Response(error)) = response.error_for_authos_status().await else {
            panic!("a 429 is an error response");
        };
        assert_eq!(
            error.retry_decision(0),
            RetryDecision::RetryAfter(app::RATE_WINDOW)
        );
    });
}

/// A raw HTTP/1.1 server that answers one request with a 500 and a chunked body that never
/// ends, writing until the client hangs up. Returns its address and how many bytes it wrote.
fn endless_body_server(content_length: Option<u64>) -> (SocketAddr, std::thread::JoinHandle<u64>) {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).expect("bind 127.0.0.1:0");
    let addr = listener.local_addr().expect("the bound address");
    let thread = std::thread::spawn(move || {
        let (mut stream, _) = listener.accept().expect("one connection");
        let mut request = [0_u8; 4096];
        let _ = stream.read(&mut request);
        let framing = match content_length {
            Some(len) => format!("content-length: {len}\r\n"),
            None => "transfer-encoding: chunked\r\n".to_owned(),
        };
        let head = format!(
            "HTTP/1.1 500 Internal Server Error\r\ncontent-type: application/json\r\n{framing}\r\n"
        );
        if stream.write_all(head.as_bytes()).is_err() {
            return 0;
        }
        let data = [b' '; 8192];
        let chunk = if content_length.is_some() {
            data.to_vec()
        } else {
            let mut framed = format!("{:x}\r\n", data.len()).into_bytes();
            framed.extend_from_slice(&data);
            framed.extend_from_slice(b"\r\n");
            framed
        };
        let mut written = 0_u64;
        // Until the client closes the connection (or a bound far past anything it may read).
        while written < content_length.unwrap_or(1 << 30) {
            if stream.write_all(&chunk).is_err() {
                break;
            }
            written += data.len() as u64;
        }
        written
    });
    (addr, thread)
}

#[test]
fn an_endless_body_is_cut_off_at_the_limit() {
    let (addr, server) = endless_body_server(None);
    let unreadable = block_on(async {
        let response = reqwest::get(format!("http://{addr}/")).await.unwrap();
        response.authos_error().await.expect_err("no error body")
    });
    assert_eq!(unreadable.status(), 500);
    let parse = unreadable
        .parse_error()
        .expect("refused, not a transport error");
    assert_eq!(parse.kind(), ParseErrorKind::TooLarge);
    assert!(
        parse.to_string().contains("reading stopped after"),
        "{parse}"
    );
    // The client hung up: the server stopped long before its 1 GiB bound.
    let written = server.join().expect("the server thread");
    assert!(written < 1 << 30, "{written} bytes written");
    assert!(written > MAX_BODY_BYTES as u64, "{written} bytes written");
}

#[test]
fn a_content_length_over_the_limit_is_refused_before_reading() {
    let (addr, server) = endless_body_server(Some(10 * 1024 * 1024));
    let error = block_on(async {
        let response = reqwest::get(format!("http://{addr}/")).await.unwrap();
        response.error_for_authos_status().await.expect_err("a 500")
    });
    let ApiError::Unreadable(unreadable) = &error else {
        panic!("{error:?}")
    };
    let parse = unreadable.parse_error().expect("refused for its length");
    assert_eq!(parse.kind(), ParseErrorKind::TooLarge);
    // The announced length is reported: refused before reading, not cut off while streaming.
    assert!(parse.to_string().contains("is 10485760 bytes"), "{parse}");
    assert!(!parse.to_string().contains("reading stopped"), "{parse}");
    server.join().expect("the server thread");
}

#[test]
fn an_html_error_page_is_a_typed_unreadable_response() {
    let router = Router::new().route(
        "/",
        get(|| async { (StatusCode::BAD_GATEWAY, "<html>Bad gateway</html>") }),
    );
    let error = block_on(async {
        let addr = serve(router).await;
        reqwest::get(format!("http://{addr}/"))
            .await
            .unwrap()
            .error_for_authos_status()
            .await
            .expect_err("a 502")
    });
    let ApiError::Unreadable(unreadable) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(unreadable.status(), 502);
    assert_eq!(
        unreadable.parse_error().map(|e| e.kind()),
        Some(ParseErrorKind::Syntax)
    );
}

/// A router whose `/` answers with each of `failures` in turn, then 200; counts the hits.
fn flaky(failures: Vec<(StatusCode, Option<&'static str>)>) -> (Router, Arc<AtomicU32>) {
    let hits = Arc::new(AtomicU32::new(0));
    let counter = Arc::clone(&hits);
    let failures = Arc::new(failures);
    let router = Router::new().route(
        "/",
        get(move || {
            let hit = counter.fetch_add(1, Ordering::SeqCst) as usize;
            let failures = Arc::clone(&failures);
            async move {
                match failures.get(hit) {
                    Some((status, retry_after)) => {
                        let body = r#"{"error":"Try later","error_code":"SERVICE_UNAVAILABLE","timestamp":"2025-01-15T10:30:00Z"}"#;
                        let mut response = (*status, body).into_response();
                        if let Some(value) = retry_after {
                            response
                                .headers_mut()
                                .insert("retry-after", value.parse().unwrap());
                        }
                        response
                    }
                    None => (StatusCode::OK, "done").into_response(),
                }
            }
        }),
    );
    (router, hits)
}

/// Serves `router` and returns the URL of `/`.
async fn url_of(router: Router) -> String {
    format!("http://{}/", serve(router).await)
}

fn with_retries(retry: RetryMiddleware) -> reqwest_middleware::ClientWithMiddleware {
    reqwest_middleware::ClientBuilder::new(reqwest::Client::new())
        .with(retry)
        .build()
}

/// Millisecond backoff windows, so tests that back off do not wait.
fn quick() -> BackoffPolicy {
    BackoffPolicy::default()
        .with_seed(0x5eed)
        .with_base(Duration::from_millis(1))
        .with_cap(Duration::from_millis(5))
}

#[test]
fn a_429_with_retry_after_is_retried_after_the_wait() {
    let (router, hits) = flaky(vec![(StatusCode::TOO_MANY_REQUESTS, Some("1"))]);
    let http = with_retries(RetryMiddleware::new(3).with_policy(quick()));
    let response = block_on(async {
        http.get(url_of(router).await)
            .send()
            .await
            .expect("a response")
    });
    assert_eq!(response.status(), 200);
    assert_eq!(hits.load(Ordering::SeqCst), 2);
}

#[test]
fn a_503_then_success_is_retried_with_an_http_date_or_backoff() {
    // A date already past means "now"; no header means a jittered backoff.
    let (router, hits) = flaky(vec![
        (
            StatusCode::SERVICE_UNAVAILABLE,
            Some("Wed, 21 Oct 2015 07:28:00 GMT"),
        ),
        (StatusCode::SERVICE_UNAVAILABLE, None),
    ]);
    let http = with_retries(RetryMiddleware::new(3).with_policy(quick()));
    let body = block_on(async {
        let response = http
            .get(url_of(router).await)
            .send()
            .await
            .expect("a response");
        response
            .error_for_authos_status()
            .await
            .expect("success after retries")
            .text()
            .await
            .expect("the body")
    });
    assert_eq!(body, "done");
    assert_eq!(hits.load(Ordering::SeqCst), 3);
}

#[test]
fn retries_stop_after_the_limit_with_the_last_error_typed() {
    let (router, hits) = flaky(vec![(StatusCode::SERVICE_UNAVAILABLE, None); 10]);
    let http = with_retries(RetryMiddleware::new(2).with_policy(quick()));
    let error = block_on(async {
        let response = http
            .get(url_of(router).await)
            .send()
            .await
            .expect("a response");
        response.error_for_authos_status().await.expect_err("a 503")
    });
    assert_eq!(hits.load(Ordering::SeqCst), 3, "one try and two retries");
    let response = error.response().expect("a typed error");
    assert_eq!(response.code(), "SERVICE_UNAVAILABLE");
    assert_eq!(response.status(), Some(503));
}

#[test]
fn a_final_4xx_is_never_retried() {
    let (router, hits) = flaky(vec![(StatusCode::UNAUTHORIZED, Some("0")); 10]);
    let http = with_retries(RetryMiddleware::new(5).with_policy(quick()));
    let status = block_on(async {
        http.get(url_of(router).await)
            .send()
            .await
            .expect("a response")
            .status()
    });
    assert_eq!(status, 401);
    assert_eq!(hits.load(Ordering::SeqCst), 1);
}

#[test]
fn reqwest_retry_users_get_the_same_classification_and_jittered_backoff() {
    let retry = reqwest_retry::RetryTransientMiddleware::new_with_policy_and_strategy(
        FullJitterPolicy::new(3).with_policy(quick()),
        AuthOsRetryableStrategy,
    );
    let (router, hits) = flaky(vec![(StatusCode::SERVICE_UNAVAILABLE, None); 2]);
    let http = reqwest_middleware::ClientBuilder::new(reqwest::Client::new())
        .with(retry)
        .build();
    let status = block_on(async {
        http.get(url_of(router).await)
            .send()
            .await
            .expect("a response")
            .status()
    });
    assert_eq!(status, 200);
    assert_eq!(hits.load(Ordering::SeqCst), 3);

    let retry = reqwest_retry::RetryTransientMiddleware::new_with_policy_and_strategy(
        FullJitterPolicy::new(3).with_policy(quick()),
        AuthOsRetryableStrategy,
    );
    let (router, hits) = flaky(vec![(StatusCode::CONFLICT, None); 5]);
    let http = reqwest_middleware::ClientBuilder::new(reqwest::Client::new())
        .with(retry)
        .build();
    let status = block_on(async {
        http.get(url_of(router).await)
            .send()
            .await
            .expect("a response")
            .status()
    });
    assert_eq!(status, 409);
    assert_eq!(hits.load(Ordering::SeqCst), 1, "a 409 is final");
}

async fn device_code_pending() -> Result<String, DeviceFlowError> {
    Err(DeviceFlowError::DeviceCodePending)
}

async fn wrong_client_secret() -> Result<String, AuthenticationError> {
    Err(AuthenticationError::InvalidCredentials)
}

async fn scim_user_exists() -> Result<String, ScimError> {
    Err(ScimError::ScimUserExists)
}

#[test]
fn oauth_and_scim_route_groups_read_into_typed_errors() {
    let oauth = Router::new()
        .route("/oauth/token", post(device_code_pending))
        .route("/oauth/client", post(wrong_client_secret))
        .layer(ErrorFormatLayer::oauth());
    let scim = Router::new()
        .route("/scim/v2/Users", post(scim_user_exists))
        .layer(ErrorFormatLayer::scim());
    let router = Router::new()
        .route("/api/pending", get(device_code_pending))
        .merge(oauth)
        .merge(scim)
        .layer(ErrorFormatLayer::default());
    let http = reqwest::Client::new();
    block_on(async {
        let base = format!("http://{}", serve(router).await);
        let read = |response: reqwest::Response| async move {
            match response.error_for_authos_status().await {
                Err(ApiError::Response(error)) => error,
                other => panic!("{other:?}"),
            }
        };

        let pending = read(
            http.post(format!("{base}/oauth/token"))
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_eq!(pending.format(), WireFormat::OAuth);
        assert_eq!(
            pending.error(),
            Some(&AuthOsError::DeviceFlow(DeviceFlowError::DeviceCodePending))
        );
        assert_eq!(
            pending.oauth().and_then(|oauth| oauth.code()),
            Some(OAuthErrorCode::AuthorizationPending)
        );
        assert_eq!(pending.message(), "User hasn't authorized yet");
        assert_eq!(pending.status(), Some(400));

        // invalid_client is answered 401 (RFC 6749 §5.2) whatever the catalog's status.
        let client = read(
            http.post(format!("{base}/oauth/client"))
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_eq!(
            client.oauth().and_then(|oauth| oauth.code()),
            Some(OAuthErrorCode::InvalidClient)
        );
        assert_eq!(client.code(), "INVALID_CREDENTIALS");
        assert_eq!(client.status(), Some(401));

        let exists = read(
            http.post(format!("{base}/scim/v2/Users"))
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_eq!(exists.format(), WireFormat::Scim);
        // The body has RFC 7644's members only; the code came in `AuthOS-Error-Code`.
        assert_eq!(exists.authos_code(), Some("SCIM_USER_EXISTS"));
        assert_eq!(
            exists.error(),
            Some(&AuthOsError::Scim(ScimError::ScimUserExists))
        );
        assert_eq!(
            exists.scim().and_then(|scim| scim.kind()),
            Some(ScimType::Uniqueness)
        );
        assert_eq!(exists.status(), Some(409));

        // Outside the protocol groups the same error keeps the AuthOS formats.
        let api = read(
            http.get(format!("{base}/api/pending"))
                .header("accept", "application/problem+json")
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_eq!(api.format(), WireFormat::ProblemJson);
        assert_eq!(api.code(), "DEVICE_CODE_PENDING");
    });
}

#[test]
fn a_refused_connection_comes_back_as_a_transport_error_after_the_retries() {
    // A port bound and never listened on: held for the whole test, so no other test's server
    // can take it, and a connection to it is refused.
    let reserved = tokio::net::TcpSocket::new_v4()
        .and_then(|socket| {
            socket.bind(SocketAddr::from((Ipv4Addr::LOCALHOST, 0)))?;
            Ok(socket)
        })
        .expect("a bound socket");
    let addr = reserved.local_addr().expect("the bound address");
    let http = with_retries(RetryMiddleware::new(2).with_policy(quick()));
    let error: ApiError<AuthOsError> = block_on(async {
        http.get(format!("http://{addr}/"))
            .send()
            .await
            .expect_err("nothing listens")
            .into()
    });
    match error {
        ApiError::Transport(error) => assert!(error.is_connect(), "{error:?}"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn the_demo_scim_errors_read_back_with_their_authos_code() {
    let http = reqwest::Client::new();
    block_on(async {
        let frozen = Instant::now();
        let settings = app::protocols::Settings::default();
        let token = format!("Bearer {}", settings.scim_token);
        let base = format!(
            "http://{}",
            serve(app::app_with_protocols(Arc::new(move || frozen), settings)).await
        );
        let cases = [
            (
                None,
                "/scim/v2/Users/nobody",
                401,
                "INVALID_SCIM_TOKEN",
                None,
            ),
            (
                Some(token.as_str()),
                "/scim/v2/Users/nobody",
                404,
                "SCIM_USER_NOT_FOUND",
                None,
            ),
            (
                Some(token.as_str()),
                "/scim/v2/Users?filter=userName%20co%20%22a%22",
                400,
                "SCIM_FILTER_INVALID",
                Some(ScimType::InvalidFilter),
            ),
        ];
        for (authorization, path, status, code, kind) in cases {
            let mut request = http.get(format!("{base}{path}"));
            if let Some(authorization) = authorization {
                request = request.header("authorization", authorization);
            }
            let response = request.send().await.expect("the demo answers");
            let error = match response.error_for_authos_status().await {
                Err(ApiError::Response(error)) => error,
                other => panic!("{path}: {other:?}"),
            };
            assert_eq!(error.format(), WireFormat::Scim, "{path}");
            assert_eq!(error.authos_code(), Some(code), "{path}");
            assert_eq!(error.error().map(|e| e.code()), Some(code), "{path}");
            assert_eq!(error.status(), Some(status), "{path}");
            assert_eq!(error.scim().and_then(|scim| scim.kind()), kind, "{path}");
            // RFC 7644 §3.12 sends no timestamp.
            assert_eq!(error.timestamp(), None, "{path}");
        }
    });
}
