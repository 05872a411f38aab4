//! Structured details over real sockets, in axum and actix-web: the demo's signup answers a
//! three-field failure once, in both JSON forms; a `#[detail]` error carries its values; a
//! request's `x-request-id` reaches the problem document's `instance`, the AuthOS body when
//! opted in, and the 5xx log line; a request without one gets nothing invented.

use std::sync::Arc;
use std::time::Instant;

use authos_errors::ApiErrorCode;
use authos_errors::catalog;
use authos_errors::problem::ProblemConfig;
use authos_errors_demo as app;

use crate::http_support::{
    AxumServer, Client, LogCapture, PROBLEM, TIMESTAMP, assert_json_error, assert_problem,
};

const ENTRIES: &str = concat!(
    r#"[{"error_code":"INVALID_EMAIL","error":"Invalid email format","pointer":"/email"},"#,
    r#"{"error_code":"SLUG_TOO_SHORT","error":"Slug must be at least 3 characters","pointer":"/slug","details":{"min":3}},"#,
    r#"{"error_code":"WEAK_PASSWORD","error":"Password must be at least 8 characters","pointer":"/password","details":{"min":8}}]"#,
);

const BAD_SIGNUP: &str = r#"{"email":"alice","slug":"ab","password":"hunter2"}"#;

fn demo() -> AxumServer {
    let frozen = Instant::now();
    AxumServer::start(app::app(Arc::new(move || frozen)))
}

#[test]
fn signup_with_three_invalid_fields_names_all_three_in_both_forms() {
    let server = demo();
    let client = server.client();
    let reply = client.post("/api/signup", BAD_SIGNUP, None);
    assert_json_error(
        &reply,
        400,
        &format!(
            r#"{{"error":"Invalid request parameters or malformed JSON","error_code":"BAD_REQUEST","timestamp":"{TIMESTAMP}","errors":{ENTRIES}}}"#
        ),
    );
    let problem = client.post("/api/signup", BAD_SIGNUP, PROBLEM);
    assert_problem(
        &problem,
        400,
        &format!(
            concat!(
                r#"{{"type":"https://docs.authos.dev/errors#BAD_REQUEST","title":"Invalid request parameters or malformed JSON","#,
                r#""status":400,"detail":"Invalid request parameters or malformed JSON","error_code":"BAD_REQUEST","#,
                r#""timestamp":"{}","errors":{}}}"#
            ),
            TIMESTAMP, ENTRIES
        ),
    );
    let ok = client.post(
        "/api/signup",
        r#"{"email":"bob@example.com","slug":"bobs","password":"long enough"}"#,
        None,
    );
    assert_eq!((ok.status, ok.body.as_str()), (201, r#"{"slug":"bobs"}"#));
}

#[test]
fn the_openapi_document_shows_the_three_field_failure() {
    let doc = serde_json::to_value(app::openapi()).unwrap();
    let example = &doc["paths"]["/api/signup"]["post"]["responses"]["400"]["content"]["application/json"]
        ["examples"]["FIELD_ERRORS"]["value"];
    let entries: Vec<(&str, &str)> = example["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["pointer"].as_str().unwrap(),
                e["error_code"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        entries,
        [
            ("/email", "INVALID_EMAIL"),
            ("/slug", "SLUG_TOO_SHORT"),
            ("/password", "WEAK_PASSWORD")
        ]
    );
    assert_eq!(
        example["errors"][1]["details"],
        serde_json::json!({"min": 3})
    );
    let problem = &doc["paths"]["/api/signup"]["post"]["responses"]["400"]["content"]["application/problem+json"]
        ["examples"]["FIELD_ERRORS"]["value"];
    assert_eq!(problem["errors"], example["errors"]);
    assert!(
        app::SignupFieldError::CATALOG
            .iter()
            .all(|info| !info.details.is_empty())
    );
}

mod axum_routes {
    use authos_errors::axum::ErrorFormatLayer;
    use axum::Router;
    use axum::routing::get;

    use super::*;

    #[derive(Debug, ApiErrorCode)]
    pub enum QuotaError {
        /// Quota exceeded
        #[code("QUOTA_EXCEEDED", status = 403, message = "At most {limit} projects")]
        Exceeded {
            #[detail]
            limit: u32,
        },
        /// Storage unavailable
        #[code("STORAGE_DOWN", status = 503)]
        Storage(#[source] std::io::Error),
    }

    async fn quota() -> Result<&'static str, QuotaError> {
        Err(QuotaError::Exceeded { limit: 5 })
    }

    async fn storage() -> Result<&'static str, QuotaError> {
        Err(QuotaError::Storage(std::io::Error::other(AXUM_STORAGE)))
    }

    pub const AXUM_STORAGE: &str = "axum storage node 7 unreachable";

    pub fn server(config: ProblemConfig) -> AxumServer {
        AxumServer::start(
            Router::new()
                .route("/quota", get(quota))
                .route("/storage", get(storage))
                .layer(ErrorFormatLayer::new(config)),
        )
    }
}

mod actix_routes {
    use actix_web::{HttpResponse, web};
    use authos_errors::actix::ErrorFormatMiddleware;
    use authos_errors::field_errors::FieldErrors;

    use super::*;

    async fn quota() -> Result<HttpResponse, super::axum_routes::QuotaError> {
        Err(super::axum_routes::QuotaError::Exceeded { limit: 5 })
    }

    async fn storage() -> Result<HttpResponse, super::axum_routes::QuotaError> {
        Err(super::axum_routes::QuotaError::Storage(
            std::io::Error::other(ACTIX_STORAGE),
        ))
    }

    async fn signup(body: web::Bytes) -> Result<HttpResponse, FieldErrors> {
        let value: serde_json::Value = serde_json::from_slice(&body).unwrap_or_default();
        let field = |name: &str| value[name].as_str().unwrap_or_default().to_owned();
        app::signup_errors(&field("email"), &field("slug"), &field("password")).into_result()?;
        Ok(HttpResponse::Created().finish())
    }

    pub const ACTIX_STORAGE: &str = "actix storage node 9 unreachable";

    pub fn server(config: ProblemConfig) -> crate::http_support::ActixServer {
        crate::http_support::ActixServer::start(move |service: &mut web::ServiceConfig| {
            service.service(
                web::scope("")
                    .wrap(ErrorFormatMiddleware::new(config.clone()))
                    .route("/quota", web::get().to(quota))
                    .route("/storage", web::get().to(storage))
                    .route("/api/signup", web::post().to(signup)),
            );
        })
    }
}

const QUOTA_JSON: &str = r#"{"error":"At most 5 projects","error_code":"QUOTA_EXCEEDED","timestamp":"<timestamp>","details":{"limit":5}}"#;

fn quota_problem(instance: &str) -> String {
    format!(
        concat!(
            r#"{{"type":"about:blank","title":"Forbidden","status":403,"#,
            r#""detail":"At most 5 projects",{}"error_code":"QUOTA_EXCEEDED","timestamp":"<timestamp>","#,
            r#""details":{{"limit":5}}}}"#
        ),
        instance
    )
}

/// The checks every framework passes: details in both forms, request ids where asked for
/// and nowhere else.
fn check_details_and_request_ids(client: &Client, opted_in: &Client) {
    let id = [("x-request-id", "req-42")];
    let problem_with_id = [
        ("x-request-id", "req-42"),
        ("accept", "application/problem+json"),
    ];
    // Without an id: nothing invented, in either form.
    assert_json_error(&client.get("/quota", None), 403, QUOTA_JSON);
    assert_problem(&client.get("/quota", PROBLEM), 403, &quota_problem(""));
    // With an id: the problem document names the request; the AuthOS body stays three keys
    // plus details unless the server opted in.
    assert_json_error(&client.get_with("/quota", &id), 403, QUOTA_JSON);
    assert_problem(
        &client.get_with("/quota", &problem_with_id),
        403,
        &quota_problem(r#""instance":"urn:request:req-42","#),
    );
    assert_json_error(
        &opted_in.get_with("/quota", &id),
        403,
        r#"{"error":"At most 5 projects","error_code":"QUOTA_EXCEEDED","timestamp":"<timestamp>","request_id":"req-42","details":{"limit":5}}"#,
    );
    assert_json_error(&opted_in.get("/quota", None), 403, QUOTA_JSON);
    // An id that could break a log line or a URI is ignored, not echoed.
    assert_problem(
        &client.get_with(
            "/quota",
            &[
                ("x-request-id", "a b"),
                ("accept", "application/problem+json"),
            ],
        ),
        403,
        &quota_problem(""),
    );
}

/// A 5xx with an id: the problem document and the log line share it; the body no field data.
fn check_server_error_correlation(
    client: &Client,
    logs: &LogCapture,
    request_id: &str,
    source: &str,
) {
    let reply = client.get_with(
        "/storage",
        &[
            ("x-request-id", request_id),
            ("accept", "application/problem+json"),
        ],
    );
    assert_problem(
        &reply,
        503,
        &format!(
            concat!(
                r#"{{"type":"about:blank","title":"Service Unavailable","status":503,"#,
                r#""detail":"Storage unavailable","instance":"urn:request:{}","error_code":"STORAGE_DOWN","#,
                r#""timestamp":"<timestamp>"}}"#
            ),
            request_id
        ),
    );
    assert!(!reply.body.contains(source));
    let lines = logs.lines();
    let logged: Vec<&String> = lines.iter().filter(|line| line.contains(source)).collect();
    assert_eq!(logged.len(), 1, "{lines:?}");
    assert!(
        logged[0].contains(&format!("request_id={request_id}"))
            && logged[0].contains("STORAGE_DOWN"),
        "{}",
        logged[0]
    );
}

#[test]
fn axum_answers_details_and_request_ids() {
    let server = axum_routes::server(catalog::problem_config());
    let opted_in = axum_routes::server(catalog::problem_config().with_request_id_in_body(true));
    check_details_and_request_ids(&server.client(), &opted_in.client());
    check_server_error_correlation(
        &server.client(),
        server.logs(),
        "axum-500-1",
        axum_routes::AXUM_STORAGE,
    );
}

#[test]
fn actix_answers_details_field_errors_and_request_ids() {
    let server = actix_routes::server(catalog::problem_config());
    let opted_in = actix_routes::server(catalog::problem_config().with_request_id_in_body(true));
    check_details_and_request_ids(&server.client(), &opted_in.client());
    check_server_error_correlation(
        &server.client(),
        server.logs(),
        "actix-500-1",
        actix_routes::ACTIX_STORAGE,
    );

    let client = server.client();
    assert_json_error(
        &client.post("/api/signup", BAD_SIGNUP, None),
        400,
        &format!(
            r#"{{"error":"Invalid request parameters or malformed JSON","error_code":"BAD_REQUEST","timestamp":"{TIMESTAMP}","errors":{ENTRIES}}}"#
        ),
    );
    assert_problem(
        &client.post_with(
            "/api/signup",
            BAD_SIGNUP,
            &[
                ("x-request-id", "signup-1"),
                ("accept", "application/problem+json"),
            ],
        ),
        400,
        &format!(
            concat!(
                r#"{{"type":"https://docs.authos.dev/errors#BAD_REQUEST","title":"Invalid request parameters or malformed JSON","#,
                r#""status":400,"detail":"Invalid request parameters or malformed JSON","instance":"urn:request:signup-1","#,
                r#""error_code":"BAD_REQUEST","timestamp":"{}","errors":{}}}"#
            ),
            TIMESTAMP, ENTRIES
        ),
    );
}
