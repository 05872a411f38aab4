//! The framework's own failures over real sockets, axum and actix-web alike: what a request
//! gets before (or instead of) its handler — malformed or oversized bodies, a missing
//! `Content-Type`, unknown routes, wrong methods, rejected paths, queries and forms, a panic, a
//! timeout — answered as `authos_errors::framework::FrameworkError`s in the route group's format
//! (AuthOS JSON, problem+json, French, SCIM, OAuth) and read back by the crate's client.
//!
//! Both servers serve the same routes: `/plain/login` reads the framework's own `Json`,
//! `/login` the crate's (which names the refused field), `/scim/v2/Users` and `/oauth/token`
//! are protocol route groups, `/mapped/login` maps the framework's errors to a catalog of its
//! own, and the rest of the app negotiates, with a French localizer.

use std::sync::Arc;

use authos_errors::ApiErrorCode;
use authos_errors::client::{ErrorResponse, WireFormat};
use authos_errors::framework::FrameworkError;
use authos_errors::l10n::Localizer;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use serde::Deserialize;

use crate::http_support::{
    ActixServer, AxumServer, Client, LogCapture, body, expect_framework_error as expect,
};

/// What the panicking handler panics with; it must reach the log and never a response.
const PANIC_PAYLOAD: &str = "secret-panic-payload: token=abc123";

/// The body limit of both servers, in bytes.
const BODY_LIMIT: usize = 1024;

const JSON: (&str, &str) = ("content-type", "application/json");
const PROBLEM: (&str, &str) = ("accept", "application/problem+json");
const FRENCH: (&str, &str) = ("accept-language", "fr");

#[derive(Debug, Deserialize)]
struct Login {
    email: String,
    #[allow(dead_code)]
    remember: Option<bool>,
}

#[derive(Debug, Deserialize)]
struct Search {
    page: u32,
}

/// A service's own catalog, to which `/mapped` maps the framework's errors.
#[derive(Debug, PartialEq, ApiErrorCode)]
#[api_error(group = "Shop Errors")]
enum ShopError {
    /// The request could not be read
    #[code("SHOP_UNREADABLE_REQUEST", status = 400)]
    Unreadable,
    #[code(transparent)]
    Framework(FrameworkError),
}

fn shop_error(error: FrameworkError) -> ShopError {
    match error {
        FrameworkError::BadRequest => ShopError::Unreadable,
        other => ShopError::Framework(other),
    }
}

/// The framework's codes in French.
fn french() -> Arc<Localizer> {
    let mut localizer = Localizer::new(FrameworkError::CATALOG);
    localizer
        .add_resource(
            "fr",
            "fr/framework.ftl",
            "BAD_REQUEST = Paramètres de requête invalides ou JSON mal formé\n\
             NOT_FOUND = La ressource demandée n’existe pas\n\
             METHOD_NOT_ALLOWED = Méthode non autorisée pour cette ressource\n\
             PAYLOAD_TOO_LARGE = Corps de requête trop volumineux\n\
             UNSUPPORTED_MEDIA_TYPE = Type de média non pris en charge\n\
             INTERNAL_SERVER_ERROR = Erreur inattendue du serveur\n",
        )
        .expect("a valid resource");
    Arc::new(localizer)
}

mod axum_app {
    use std::time::Duration;

    use authos_errors::axum::{ErrorFormatLayer, catch_panic};
    use axum::Router;
    use axum::extract::{DefaultBodyLimit, Form, Path, Query};
    use axum::http::{StatusCode, header};
    use axum::routing::{get, post};
    use tower_http::catch_panic::CatchPanicLayer;
    use tower_http::timeout::TimeoutLayer;

    use super::{BODY_LIMIT, Login, PANIC_PAYLOAD, Search, french, shop_error};

    async fn plain_login(axum::Json(login): axum::Json<Login>) -> String {
        login.email
    }

    async fn login(
        authos_errors::axum::Json(login): authos_errors::axum::Json<Login>,
    ) -> authos_errors::axum::Json<String> {
        authos_errors::axum::Json(login.email)
    }

    async fn user(Path(id): Path<u32>) -> String {
        id.to_string()
    }

    async fn search(Query(search): Query<Search>) -> String {
        search.page.to_string()
    }

    async fn form(Form(login): Form<Login>) -> String {
        login.email
    }

    async fn panics() -> String {
        panic!("{PANIC_PAYLOAD}")
    }

    async fn hangs() -> String {
        std::future::pending().await
    }

    async fn hello() -> &'static str {
        "hello"
    }

    async fn json_not_found() -> (
        StatusCode,
        [(header::HeaderName, &'static str); 1],
        &'static str,
    ) {
        (
            StatusCode::NOT_FOUND,
            [(header::CONTENT_TYPE, "application/json")],
            r#"{"missing":true}"#,
        )
    }

    pub fn router() -> Router {
        // Merged groups take their layer with `route_layer`: `layer` would wrap their
        // fallback too, and axum answers the whole app's unknown routes with the fallback of
        // the router merged last.
        let scim = Router::new()
            .route("/scim/v2/Users", post(plain_login))
            .route_layer(ErrorFormatLayer::scim());
        let oauth = Router::new()
            .route("/oauth/token", post(plain_login))
            .route_layer(ErrorFormatLayer::oauth());
        let mapped = Router::new()
            .route("/mapped/login", post(plain_login))
            .route_layer(ErrorFormatLayer::default().with_framework_errors(shop_error));
        Router::new()
            .route("/plain/login", post(plain_login))
            .route("/login", post(login))
            .route("/users/{id}", get(user))
            .route("/search", get(search))
            .route("/form", post(form))
            .route("/panic", get(panics))
            .route(
                "/slow",
                get(hangs).layer(TimeoutLayer::with_status_code(
                    StatusCode::REQUEST_TIMEOUT,
                    Duration::from_millis(1),
                )),
            )
            .route("/hello", get(hello))
            .route("/json-404", get(json_not_found))
            .merge(scim)
            .merge(oauth)
            .merge(mapped)
            .layer(DefaultBodyLimit::max(BODY_LIMIT))
            .layer(CatchPanicLayer::custom(catch_panic))
            .layer(ErrorFormatLayer::default().with_localizer(french()))
    }
}

mod actix_app {
    use actix_web::{HttpResponse, web};
    use authos_errors::actix::{
        ErrorFormatMiddleware, json_error_handler, path_error_handler, query_error_handler,
    };

    use super::{BODY_LIMIT, Login, PANIC_PAYLOAD, Search, french, shop_error};

    async fn plain_login(login: web::Json<Login>) -> String {
        login.into_inner().email
    }

    async fn login(
        authos_errors::actix::Json(login): authos_errors::actix::Json<Login>,
    ) -> authos_errors::actix::Json<String> {
        authos_errors::actix::Json(login.email)
    }

    async fn user(id: web::Path<u32>) -> String {
        id.into_inner().to_string()
    }

    async fn search(search: web::Query<Search>) -> String {
        search.page.to_string()
    }

    async fn form(login: web::Form<Login>) -> String {
        login.into_inner().email
    }

    async fn panics() -> String {
        panic!("{PANIC_PAYLOAD}")
    }

    async fn hello() -> &'static str {
        "hello"
    }

    async fn json_not_found() -> HttpResponse {
        HttpResponse::NotFound()
            .content_type("application/json")
            .body(r#"{"missing":true}"#)
    }

    pub fn configure(config: &mut web::ServiceConfig) {
        config
            .app_data(web::PayloadConfig::new(BODY_LIMIT))
            .app_data(web::JsonConfig::default().limit(BODY_LIMIT))
            .app_data(web::PathConfig::default().error_handler(path_error_handler))
            .app_data(web::QueryConfig::default().error_handler(query_error_handler))
            .service(
                web::scope("/scim/v2")
                    .wrap(ErrorFormatMiddleware::scim())
                    .route("/Users", web::post().to(plain_login)),
            )
            .service(
                web::scope("/oauth")
                    .wrap(ErrorFormatMiddleware::oauth())
                    .route("/token", web::post().to(plain_login)),
            )
            .service(
                web::scope("/mapped")
                    .wrap(ErrorFormatMiddleware::default().with_framework_errors(shop_error))
                    .service(web::resource("/login").route(web::post().to(plain_login))),
            )
            .service(
                web::scope("")
                    .wrap(ErrorFormatMiddleware::default().with_localizer(french()))
                    // A resource answers a method none of its routes takes 405, with `Allow`
                    // (`route("/path", web::post())` guards the resource itself: a 404).
                    .service(web::resource("/plain/login").route(web::post().to(plain_login)))
                    .service(
                        // The framework's Json, its errors through the crate's handler.
                        web::resource("/handled/login")
                            .app_data(
                                web::JsonConfig::default()
                                    .limit(BODY_LIMIT)
                                    .error_handler(json_error_handler),
                            )
                            .route(web::post().to(plain_login)),
                    )
                    .route("/login", web::post().to(login))
                    .route("/users/{id}", web::get().to(user))
                    .route("/search", web::get().to(search))
                    .route("/form", web::post().to(form))
                    .route("/panic", web::get().to(panics))
                    .route("/hello", web::get().to(hello))
                    .route("/json-404", web::get().to(json_not_found)),
            );
    }
}

/// Both servers, for tests that check each the same way.
struct Servers {
    axum: AxumServer,
    actix: ActixServer,
}

impl Servers {
    fn start() -> Servers {
        Servers {
            axum: AxumServer::start(axum_app::router()),
            actix: ActixServer::start(actix_app::configure),
        }
    }

    /// Runs `check` against each server: its name (for messages), a client, its log.
    fn each(&self, check: impl Fn(&str, &Client, &LogCapture)) {
        check("axum", &self.axum.client(), self.axum.logs());
        check("actix-web", &self.actix.client(), self.actix.logs());
    }
}

#[test]
fn malformed_json_is_bad_request_in_every_format() {
    Servers::start().each(|server, client, _| {
        let malformed = br#"{"email":"#;
        let reply = client.send("POST", "/plain/login", &[JSON], malformed);
        expect(
            server,
            &reply,
            400,
            WireFormat::AuthOsJson,
            FrameworkError::BadRequest,
        );
        assert_eq!(
            reply.body_at_timestamp(),
            body(
                "Invalid request parameters or malformed JSON",
                "BAD_REQUEST"
            ),
            "{server}"
        );

        let reply = client.send(
            "POST",
            "/plain/login",
            &[JSON, PROBLEM, ("x-request-id", "req-42")],
            malformed,
        );
        let parsed = expect(
            server,
            &reply,
            400,
            WireFormat::ProblemJson,
            FrameworkError::BadRequest,
        );
        assert_eq!(
            parsed.request_id(),
            Some("req-42"),
            "{server}: {}",
            reply.body
        );
        assert_eq!(
            reply.header("vary"),
            Some("Accept, Accept-Language"),
            "{server}"
        );

        let reply = client.send("POST", "/plain/login", &[JSON, FRENCH], malformed);
        let parsed = expect(
            server,
            &reply,
            400,
            WireFormat::AuthOsJson,
            FrameworkError::BadRequest,
        );
        assert_eq!(
            parsed.message(),
            "Paramètres de requête invalides ou JSON mal formé"
        );
        assert_eq!(reply.header("content-language"), Some("fr"), "{server}");

        let reply = client.send("POST", "/scim/v2/Users", &[JSON], malformed);
        let parsed = expect(
            server,
            &reply,
            400,
            WireFormat::Scim,
            FrameworkError::BadRequest,
        );
        let scim = parsed.scim().expect("a SCIM body");
        assert_eq!(
            scim.scim_type(),
            Some("invalidSyntax"),
            "{server}: {}",
            reply.body
        );

        let reply = client.send("POST", "/oauth/token", &[JSON], malformed);
        let parsed = expect(
            server,
            &reply,
            400,
            WireFormat::OAuth,
            FrameworkError::BadRequest,
        );
        let oauth = parsed.oauth().expect("an OAuth body");
        assert_eq!(oauth.error(), "invalid_request", "{server}: {}", reply.body);
        assert_eq!(reply.header("cache-control"), Some("no-store"), "{server}");
    });
}

#[test]
fn data_errors_are_bad_request_and_the_crates_json_names_the_field() {
    Servers::start().each(|server, client, _| {
        // The framework's own Json: the code, no pointer (axum's 422 is answered 400).
        let reply = client.send("POST", "/plain/login", &[JSON], br#"{"email":42}"#);
        let parsed = expect(
            server,
            &reply,
            400,
            WireFormat::AuthOsJson,
            FrameworkError::BadRequest,
        );
        assert!(parsed.field_errors().is_empty(), "{server}: {}", reply.body);

        // The crate's Json: one entry naming the refused value, in every JSON format.
        for accept in [None, Some(PROBLEM)] {
            let headers: Vec<_> = [JSON].into_iter().chain(accept).collect();
            let reply = client.send("POST", "/login", &headers, br#"{"email":42}"#);
            let format = if accept.is_some() {
                WireFormat::ProblemJson
            } else {
                WireFormat::AuthOsJson
            };
            let parsed = expect(server, &reply, 400, format, FrameworkError::BadRequest);
            let entries = parsed.field_errors();
            assert_eq!(entries.len(), 1, "{server}: {}", reply.body);
            assert_eq!(entries[0].pointer(), "/email");
            assert_eq!(entries[0].code(), "BAD_REQUEST");
            assert_eq!(
                entries[0].message(),
                "invalid type: integer `42`, expected a string"
            );
        }

        let reply = client.send("POST", "/login", &[JSON], br#"{"remember":true}"#);
        let parsed = expect(
            server,
            &reply,
            400,
            WireFormat::AuthOsJson,
            FrameworkError::BadRequest,
        );
        let entry = &parsed.field_errors()[0];
        assert_eq!(
            (entry.pointer(), entry.message()),
            ("/email", "missing field `email`")
        );

        let reply = client.send("POST", "/login", &[JSON], br#"{"email":"ada@example.com"}"#);
        assert_eq!(
            (reply.status, reply.body.as_str()),
            (200, r#""ada@example.com""#)
        );
    });
}

#[test]
fn a_body_that_is_not_announced_as_json_is_unsupported_media_type() {
    Servers::start().each(|server, client, _| {
        // actix-web's own `Json` answers a wrong `Content-Type` 400 (BAD_REQUEST): its 415
        // comes with the crate's `json_error_handler`.
        let plain = if server == "axum" {
            "/plain/login"
        } else {
            "/handled/login"
        };
        for path in [plain, "/login"] {
            let body = br#"{"email":"ada@example.com"}"#;
            let reply = client.send("POST", path, &[("content-type", "text/plain")], body);
            expect(
                server,
                &reply,
                415,
                WireFormat::AuthOsJson,
                FrameworkError::UnsupportedMediaType,
            );
            let reply = client.send("POST", path, &[PROBLEM], body);
            expect(
                server,
                &reply,
                415,
                WireFormat::ProblemJson,
                FrameworkError::UnsupportedMediaType,
            );
        }
        // A form route sent JSON.
        let reply = client.send("POST", "/form", &[JSON], br#"{"email":"ada@example.com"}"#);
        expect(
            server,
            &reply,
            415,
            WireFormat::AuthOsJson,
            FrameworkError::UnsupportedMediaType,
        );
    });
}

#[test]
fn an_oversized_body_is_payload_too_large() {
    let oversized = format!(r#"{{"email":"{}"}}"#, "a".repeat(BODY_LIMIT * 4));
    Servers::start().each(|server, client, _| {
        for path in ["/plain/login", "/login", "/scim/v2/Users"] {
            let reply = client.send("POST", path, &[JSON, FRENCH], oversized.as_bytes());
            let format = if path.starts_with("/scim") {
                WireFormat::Scim
            } else {
                WireFormat::AuthOsJson
            };
            let parsed = expect(server, &reply, 413, format, FrameworkError::PayloadTooLarge);
            if format == WireFormat::AuthOsJson {
                assert_eq!(
                    parsed.message(),
                    "Corps de requête trop volumineux",
                    "{server}"
                );
            }
        }
    });
    // actix-web's Json with the crate's error handler.
    let actix = ActixServer::start(actix_app::configure);
    let reply = actix
        .client()
        .send("POST", "/handled/login", &[JSON], oversized.as_bytes());
    expect(
        "actix-web",
        &reply,
        413,
        WireFormat::AuthOsJson,
        FrameworkError::PayloadTooLarge,
    );
}

#[test]
fn unknown_routes_are_not_found_and_wrong_methods_keep_allow() {
    Servers::start().each(|server, client, _| {
        let reply = client.send("GET", "/nowhere", &[], b"");
        expect(
            server,
            &reply,
            404,
            WireFormat::AuthOsJson,
            FrameworkError::NotFound,
        );
        assert_eq!(
            reply.body_at_timestamp(),
            body("Requested resource does not exist", "NOT_FOUND")
        );
        let reply = client.send("GET", "/nowhere", &[PROBLEM, FRENCH], b"");
        let parsed = expect(
            server,
            &reply,
            404,
            WireFormat::ProblemJson,
            FrameworkError::NotFound,
        );
        assert_eq!(
            parsed.message(),
            "La ressource demandée n’existe pas",
            "{server}: {} {}",
            reply.body,
            reply.headers_text()
        );

        for accept in [None, Some(PROBLEM)] {
            let headers: Vec<_> = accept.into_iter().collect();
            let reply = client.send("DELETE", "/plain/login", &headers, b"");
            let format = if accept.is_some() {
                WireFormat::ProblemJson
            } else {
                WireFormat::AuthOsJson
            };
            expect(
                server,
                &reply,
                405,
                format,
                FrameworkError::MethodNotAllowed,
            );
            assert_eq!(reply.header("allow"), Some("POST"), "{server}");
        }
    });
}

#[test]
fn path_and_query_rejections_are_bad_request() {
    Servers::start().each(|server, client, _| {
        let reply = client.send("GET", "/users/abc", &[PROBLEM], b"");
        expect(
            server,
            &reply,
            400,
            WireFormat::ProblemJson,
            FrameworkError::BadRequest,
        );
        let reply = client.send("GET", "/search?page=first", &[], b"");
        expect(
            server,
            &reply,
            400,
            WireFormat::AuthOsJson,
            FrameworkError::BadRequest,
        );
        let reply = client.send("GET", "/users/7", &[], b"");
        assert_eq!((reply.status, reply.body.as_str()), (200, "7"), "{server}");
    });
}

#[test]
fn a_panic_is_internal_server_error_and_its_payload_reaches_only_the_log() {
    Servers::start().each(|server, client, logs| {
        for accept in [None, Some(PROBLEM)] {
            let headers: Vec<_> = [("x-request-id", "req-panic")]
                .into_iter()
                .chain(accept)
                .collect();
            let reply = client.send("GET", "/panic", &headers, b"");
            let format = if accept.is_some() {
                WireFormat::ProblemJson
            } else {
                WireFormat::AuthOsJson
            };
            let parsed = expect(
                server,
                &reply,
                500,
                format,
                FrameworkError::InternalServerError,
            );
            assert_eq!(parsed.message(), "Unexpected server error", "{server}");
            for secret in ["secret-panic-payload", "abc123"] {
                assert!(!reply.body.contains(secret), "{server}: {}", reply.body);
                assert!(!reply.headers_text().contains(secret), "{server}");
            }
        }
        let lines = logs.lines();
        let logged = lines
            .iter()
            .filter(|line| line.contains(PANIC_PAYLOAD) && line.contains("request_id=req-panic"))
            .count();
        assert_eq!(logged, 2, "{server}: {lines:#?}");
        // The server still answers.
        assert_eq!(client.send("GET", "/hello", &[], b"").body, "hello");
    });
}

#[test]
fn a_timeout_is_request_timeout() {
    let server = AxumServer::start(axum_app::router());
    let reply = server.client().send("GET", "/slow", &[PROBLEM], b"");
    expect(
        "axum",
        &reply,
        408,
        WireFormat::ProblemJson,
        FrameworkError::RequestTimeout,
    );
}

#[test]
fn a_route_group_maps_the_framework_errors_to_its_own_catalog() {
    Servers::start().each(|server, client, _| {
        let reply = client.send("POST", "/mapped/login", &[JSON], b"{");
        assert_eq!(reply.status, 400, "{server}");
        let parsed = ErrorResponse::<ShopError>::from_response(
            Some(reply.status),
            reply.header("content-type"),
            reply.body.as_bytes(),
        )
        .expect("an error body");
        assert_eq!(parsed.error(), Some(&ShopError::Unreadable), "{server}");
        let reply = client.send("DELETE", "/mapped/login", &[], b"");
        assert_eq!(reply.header("allow"), Some("POST"), "{server}");
        let parsed = ErrorResponse::<ShopError>::from_response(
            Some(reply.status),
            reply.header("content-type"),
            reply.body.as_bytes(),
        )
        .expect("an error body");
        assert_eq!(
            parsed.error(),
            Some(&ShopError::Framework(FrameworkError::MethodNotAllowed)),
            "{server}"
        );
    });
}

#[test]
fn the_services_own_responses_are_left_alone() {
    Servers::start().each(|server, client, _| {
        let reply = client.send("GET", "/hello", &[PROBLEM], b"");
        assert_eq!(
            (reply.status, reply.body.as_str()),
            (200, "hello"),
            "{server}"
        );
        assert!(
            reply
                .header("content-type")
                .is_some_and(|value| value.starts_with("text/plain")),
            "{server}"
        );
        let reply = client.send("GET", "/json-404", &[PROBLEM], b"");
        assert_eq!(
            (reply.status, reply.body.as_str()),
            (404, r#"{"missing":true}"#),
            "{server}"
        );
        assert_eq!(reply.header("content-type"), Some("application/json"));
    });
}

/// A request body: arbitrary bytes, JSON-looking text, or a valid login.
fn any_body() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..128),
        "[{}\\[\\]\":,a-z0-9 .-]{0,48}".prop_map(String::into_bytes),
        "[a-z@.]{0,24}".prop_map(|email| format!(r#"{{"email":"{email}"}}"#).into_bytes()),
    ]
}

#[test]
fn any_body_posted_to_a_json_route_answers_success_or_the_structure() {
    let servers = Servers::start();
    let clients = [
        ("axum", servers.axum.client()),
        ("actix-web", servers.actix.client()),
    ];
    let mut runner = TestRunner::new(Config {
        cases: 64,
        failure_persistence: None,
        ..Config::default()
    });
    runner
        .run(&(any_body(), 0..2usize), |(bytes, path)| {
            let path = ["/plain/login", "/login"][path];
            for (server, client) in &clients {
                let reply = client.send("POST", path, &[JSON], &bytes);
                if reply.status == 200 {
                    continue;
                }
                let parsed = authos_errors::client::parse_response::<FrameworkError>(
                    Some(reply.status),
                    reply.header("content-type"),
                    reply.body.as_bytes(),
                );
                prop_assert!(
                    parsed.is_ok(),
                    "{server} {path}: {} {}",
                    reply.status,
                    reply.body
                );
                let code = parsed
                    .map(|parsed| parsed.code().to_owned())
                    .unwrap_or_default();
                prop_assert!(
                    FrameworkError::from_code(&code).is_some(),
                    "{server}: {code}"
                );
            }
            Ok(())
        })
        .unwrap();
}
