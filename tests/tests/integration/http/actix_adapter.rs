//! The actix-web integration over a real socket: an `HttpServer` bound to 127.0.0.1:0 with the
//! same kinds of errors as the axum demo, driven by a real HTTP client; the middleware configured
//! as AuthOS configures it (`catalog::problem_config()`).

use std::net::{Ipv4Addr, SocketAddr, TcpListener};
use std::thread::JoinHandle;
use std::time::Duration;

use actix_web::dev::ServerHandle;
use actix_web::{App, HttpResponse, HttpServer, web};
use authos_errors::actix::ProblemJsonMiddleware;
use authos_errors::catalog::{self, AuthOsError, AuthenticationError, GeneralError, ResourceError};
use authos_errors::problem::ProblemConfig;
use authos_errors::{ApiErrorCode, ApiErrorCodeExt, Detailed};

use crate::http_support::{
    Client, LogCapture, PROBLEM, TIMESTAMP, assert_json_error, assert_problem, body,
};

/// What the failing store says; it must reach the logs and never a response.
const STORE_FAILURE: &str = "disk /var/lib/authos full (user=admin, token=abc123)";

/// A service's own error, derived in this (user) crate: it gets `ResponseError` from the derive.
#[derive(Debug, ApiErrorCode)]
#[api_error(group = "Infrastructure Errors")]
enum StoreError {
    /// Database operation failed
    #[code(
        "DATABASE_ERROR",
        status = 500,
        resolution = "Retry; contact support if persists"
    )]
    Database(#[source] std::io::Error),
}

/// Neither `Debug` nor `Display`: it must still compile with the actix-web feature on (it just
/// is not a `ResponseError`).
#[allow(dead_code)]
#[derive(ApiErrorCode)]
#[api_error(display = false)]
enum QuietError {
    /// Quiet
    #[code("QUIET", status = 400)]
    Quiet,
}

async fn expired() -> Result<HttpResponse, AuthOsError> {
    Err(AuthenticationError::TokenExpired.into())
}

async fn locked() -> Result<HttpResponse, AuthenticationError> {
    Err(AuthenticationError::AccountLocked)
}

async fn organization(slug: web::Path<String>) -> Result<HttpResponse, Detailed<ResourceError>> {
    Err(ResourceError::NotFound.with_message(format!("No organization `{slug}`")))
}

async fn limited() -> Result<HttpResponse, Detailed<GeneralError>> {
    Err(GeneralError::RateLimitExceeded.with_retry_after(Duration::from_secs(30)))
}

async fn usage() -> Result<HttpResponse, StoreError> {
    Err(StoreError::Database(std::io::Error::other(STORE_FAILURE)))
}

async fn healthy() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("application/json")
        .body(r#"{"ok":true}"#)
}

/// An actix-web server on its own thread (one worker) until dropped.
struct Server {
    addr: SocketAddr,
    logs: LogCapture,
    handle: ServerHandle,
    thread: Option<JoinHandle<()>>,
}

impl Server {
    fn start(config: ProblemConfig) -> Server {
        let logs = LogCapture::default();
        let record = logs.clone();
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).expect("bind 127.0.0.1:0");
        let addr = listener.local_addr().expect("the bound address");
        let (handle_sender, handle_receiver) = std::sync::mpsc::channel();
        let thread = std::thread::spawn(move || {
            actix_web::rt::System::new().block_on(async move {
                let server = HttpServer::new(move || {
                    App::new()
                        .wrap(ProblemJsonMiddleware::new(config.clone()))
                        .route("/expired", web::get().to(expired))
                        .route("/locked", web::get().to(locked))
                        .route("/organizations/{slug}", web::get().to(organization))
                        .route("/limited", web::get().to(limited))
                        .route("/usage", web::get().to(usage))
                        .route("/healthy", web::get().to(healthy))
                        .wrap_fn(record.record_requests())
                })
                .workers(1)
                .disable_signals()
                .listen(listener)
                .expect("listen on the bound socket")
                .run();
                handle_sender
                    .send(server.handle())
                    .expect("the test waits for the handle");
                server.await.expect("the server runs");
            });
        });
        let handle = handle_receiver.recv().expect("the server starts");
        Server {
            addr,
            logs,
            handle,
            thread: Some(thread),
        }
    }

    fn client(&self) -> Client {
        Client::new(self.addr)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        actix_web::rt::System::new().block_on(self.handle.stop(true));
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

#[test]
fn a_401_carries_the_rfc6750_challenge() {
    let server = Server::start(catalog::problem_config());
    let client = server.client();
    let reply = client.get("/expired", None);
    assert_json_error(&reply, 401, &body("JWT has expired", "TOKEN_EXPIRED"));
    assert_eq!(
        reply.header("www-authenticate"),
        Some(
            r#"Bearer realm="authos", error="invalid_token", error_description="JWT has expired""#
        )
    );
    let reply = client.get("/locked", None);
    assert_json_error(
        &reply,
        401,
        &body("Too many failed attempts", "ACCOUNT_LOCKED"),
    );
    assert_eq!(
        reply.header("www-authenticate"),
        Some(r#"Bearer realm="authos""#)
    );
}

#[test]
fn the_middleware_applies_the_configured_realm_and_type_base() {
    let server = Server::start(
        catalog::problem_config()
            .with_realm("example")
            .with_type_base("https://errors.example.com/"),
    );
    let client = server.client();
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
    assert_eq!(
        reply.header("www-authenticate"),
        Some(
            r#"Bearer realm="example", error="invalid_token", error_description="JWT has expired""#
        )
    );
}

#[test]
fn a_detailed_error_keeps_its_message_in_both_formats() {
    let server = Server::start(catalog::problem_config());
    let client = server.client();
    let reply = client.get("/organizations/globex", None);
    assert_json_error(&reply, 404, &body("No organization `globex`", "NOT_FOUND"));
    assert_eq!(reply.header("www-authenticate"), None);
    assert_problem(
        &client.get("/organizations/globex", PROBLEM),
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
    let server = Server::start(catalog::problem_config());
    let client = server.client();
    for accept in [None, PROBLEM] {
        let reply = client.get("/limited", accept);
        assert_eq!(reply.status, 429);
        assert_eq!(reply.header("retry-after"), Some("30"));
    }
    assert_json_error(
        &client.get("/limited", None),
        429,
        &body("Too many requests", "RATE_LIMIT_EXCEEDED"),
    );
}

#[test]
fn a_server_error_logs_its_source_and_never_sends_it() {
    let server = Server::start(catalog::problem_config());
    let logs = &server.logs;
    let client = server.client();
    let reply = client.get("/usage", None);
    assert_json_error(
        &reply,
        500,
        &body("Database operation failed", "DATABASE_ERROR"),
    );
    let problem = client.get("/usage", PROBLEM);
    assert_eq!(problem.status, 500);
    for sent in [&reply, &problem] {
        assert!(!sent.body.contains("abc123") && !sent.body.contains("/var/lib"));
        assert!(!sent.headers_text().contains("abc123"));
    }
    assert!(
        logs.lines()
            .iter()
            .any(|line| line.contains("DATABASE_ERROR") && line.contains(STORE_FAILURE)),
        "the 500 logs its source chain: {:?}",
        logs.lines()
    );
}

#[test]
fn problem_json_is_sent_only_when_the_client_prefers_it() {
    let server = Server::start(catalog::problem_config());
    let client = server.client();
    let cases = [
        (None, "application/json"),
        (Some("*/*"), "application/json"),
        (
            Some("application/json, application/problem+json"),
            "application/json",
        ),
        (
            Some("application/problem+json;q=0.5, application/json"),
            "application/json",
        ),
        (Some("application/problem+json"), "application/problem+json"),
        (
            Some("application/json;q=0.1, application/problem+json"),
            "application/problem+json",
        ),
    ];
    for (accept, content_type) in cases {
        let reply = client.get("/locked", accept);
        assert_eq!(reply.status, 401);
        assert_eq!(
            reply.header("content-type"),
            Some(content_type),
            "Accept: {accept:?}"
        );
    }
    let reply = client.get("/healthy", PROBLEM);
    assert_eq!(reply.status, 200);
    assert_eq!(reply.header("content-type"), Some("application/json"));
    assert_eq!(reply.body, r#"{"ok":true}"#);
}
