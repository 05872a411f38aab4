//! OpenAPI documentation of errors: the demo server's `/openapi.json` over a real socket, the
//! responses of whole catalogs, and the derived `IntoResponses` inside `#[utoipa::path]`.

use std::collections::BTreeSet;

use authos_errors::catalog::{AuthOsError, AuthenticationError};
use authos_errors::problem::ProblemDetails;
use authos_errors::{ApiErrorCode, ErrorBody, openapi};
use authos_errors_demo as app;
use serde_json::{Value, json};
use utoipa::{IntoResponses, OpenApi, PartialSchema, ToSchema};

use crate::http_support::AxumServer;

fn demo_document() -> Value {
    let server = AxumServer::start(app::app(app::system_clock()));
    let reply = server.client().get("/openapi.json", None);
    assert_eq!(reply.status, 200);
    assert_eq!(reply.header("content-type"), Some("application/json"));
    serde_json::from_str(&reply.body).expect("the document is JSON")
}

/// An endpoint's path, method, and each error status with the codes it documents.
type Endpoint = (
    &'static str,
    &'static str,
    &'static [(&'static str, &'static [&'static str])],
);

fn example_names(response: &Value, content_type: &str) -> Vec<String> {
    response["content"][content_type]["examples"]
        .as_object()
        .map(|examples| examples.keys().cloned().collect())
        .unwrap_or_default()
}

#[test]
fn the_demo_document_lists_each_endpoints_error_responses_with_examples() {
    let doc = demo_document();
    let expected: [Endpoint; 5] = [
        (
            "/api/auth/login",
            "post",
            // A JSON body's framework errors too: 400, 413, 415.
            &[
                ("400", &["BAD_REQUEST"]),
                (
                    "401",
                    &["ACCOUNT_LOCKED", "INVALID_CREDENTIALS", "MFA_REQUIRED"],
                ),
                ("413", &["PAYLOAD_TOO_LARGE"]),
                ("415", &["UNSUPPORTED_MEDIA_TYPE"]),
            ],
        ),
        (
            "/api/auth/mfa",
            "post",
            &[
                ("400", &["BAD_REQUEST", "INVALID_MFA_CODE"]),
                ("401", &["UNAUTHORIZED"]),
                ("413", &["PAYLOAD_TOO_LARGE"]),
                ("415", &["UNSUPPORTED_MEDIA_TYPE"]),
            ],
        ),
        (
            "/api/organizations/{slug}",
            "get",
            &[
                ("403", &["ORGANIZATION_NOT_ACTIVE"]),
                ("404", &["NOT_FOUND"]),
            ],
        ),
        ("/api/limited", "get", &[("429", &["RATE_LIMIT_EXCEEDED"])]),
        ("/api/reports/usage", "get", &[("500", &["DATABASE_ERROR"])]),
    ];
    for (path, method, errors) in expected {
        let responses = &doc["paths"][path][method]["responses"];
        let statuses: Vec<&str> = responses
            .as_object()
            .unwrap_or_else(|| panic!("{method} {path} has responses"))
            .keys()
            .map(String::as_str)
            .collect();
        let mut want = vec!["200"];
        want.extend(errors.iter().map(|(status, _)| *status));
        assert_eq!(statuses, want, "{method} {path}");
        for (status, codes) in errors {
            let response = &responses[*status];
            for content_type in ["application/json", "application/problem+json"] {
                assert_eq!(
                    example_names(response, content_type),
                    codes.to_vec(),
                    "{method} {path} {status} {content_type}"
                );
                // Generated clients get the codes of each response as a type.
                assert_eq!(
                    response["content"][content_type]["schema"]["properties"]["error_code"],
                    json!({
                        "type": "string",
                        "description": "Machine-readable code",
                        "enum": codes,
                    }),
                    "{method} {path} {status} {content_type}"
                );
            }
            assert_eq!(
                response["headers"]["WWW-Authenticate"].is_object(),
                *status == "401",
                "{method} {path} {status}"
            );
            assert_eq!(
                response["headers"]["Retry-After"].is_object(),
                *status == "429",
                "{method} {path} {status}"
            );
        }
    }

    // Signup's 400 is its field errors (tests/http/details.rs), its 413 and 415 the framework's.
    let signup = doc["paths"]["/api/signup"]["post"]["responses"]
        .as_object()
        .expect("signup has responses");
    assert_eq!(
        signup.keys().map(String::as_str).collect::<Vec<_>>(),
        ["201", "400", "413", "415"]
    );
    let login_401 = &doc["paths"]["/api/auth/login"]["post"]["responses"]["401"];
    assert_eq!(
        login_401["content"]["application/json"]["examples"]["ACCOUNT_LOCKED"],
        json!({
            "summary": "Too many failed attempts",
            "value": {
                "error": "Too many failed attempts",
                "error_code": "ACCOUNT_LOCKED",
                "timestamp": "2025-01-15T10:30:00Z"
            }
        })
    );
    assert_eq!(
        login_401["content"]["application/problem+json"]["examples"]["ACCOUNT_LOCKED"]["value"],
        json!({
            "type": "https://docs.authos.dev/errors#ACCOUNT_LOCKED",
            "title": "Too many failed attempts",
            "status": 401,
            "detail": "Too many failed attempts",
            "error_code": "ACCOUNT_LOCKED",
            "resolution": "Wait or contact support",
            "timestamp": "2025-01-15T10:30:00Z"
        })
    );
    assert_eq!(
        login_401["content"]["application/json"]["schema"]["required"],
        json!(["error", "error_code", "timestamp"])
    );
}

#[test]
fn a_whole_catalog_is_one_response_per_status_with_one_example_per_code() {
    let doc = serde_json::to_value(openapi::responses::<AuthOsError>()).expect("serialisable");
    let statuses: BTreeSet<String> = AuthOsError::CATALOG
        .iter()
        .map(|info| info.status.to_string())
        .collect();
    let documented: BTreeSet<String> = doc.as_object().expect("a map").keys().cloned().collect();
    assert_eq!(documented, statuses);

    let codes: BTreeSet<&str> = AuthOsError::CATALOG.iter().map(|info| info.code).collect();
    assert_eq!(codes.len(), 58);
    let mut seen = BTreeSet::new();
    for (status, response) in doc.as_object().expect("a map") {
        for name in example_names(response, "application/json") {
            let example = &response["content"]["application/json"]["examples"][&name]["value"];
            assert_eq!(example["error_code"], name.as_str());
            let info = AuthOsError::CATALOG
                .iter()
                .find(|info| info.code == name)
                .expect("a catalog code");
            assert_eq!(info.status.to_string(), *status);
            // Where a code is listed twice, the example is its first row's, as from_code resolves.
            assert_eq!(example["error"], info.description);
            let text = example.to_string();
            let body: ErrorBody<'_> =
                serde_json::from_str(&text).expect("the example is a valid body");
            assert_eq!(body.error_code, name);
            assert!(seen.insert(name), "one example per code");
        }
        for content_type in ["application/json", "application/problem+json"] {
            let schema = &response["content"][content_type]["schema"];
            assert_eq!(
                schema["properties"]["error_code"]["enum"],
                json!(example_names(response, content_type)),
                "{status} {content_type}: error_code is the enum of the documented codes"
            );
            assert!(
                schema["required"]
                    .as_array()
                    .is_some_and(|required| required.contains(&json!("error_code")))
            );
        }
    }
    assert_eq!(
        seen.iter().map(String::as_str).collect::<BTreeSet<_>>(),
        codes
    );
}

/// A service's own errors, documented by the derive's `IntoResponses` (only its catalog is used).
#[allow(dead_code)]
#[derive(Debug, ApiErrorCode)]
#[api_error(group = "Billing Errors")]
enum BillingError {
    /// Card was declined
    #[code("CARD_DECLINED", status = 402, resolution = "Use another card")]
    CardDeclined,
    /// Billing system error
    #[code("STRIPE_ERROR", status = 500, message = "Payment provider unavailable")]
    Stripe(#[source] std::io::Error),
    #[code(transparent)]
    Auth(AuthenticationError),
}

/// Charge the saved card.
#[utoipa::path(
    post,
    path = "/api/billing/charge",
    responses((status = 200, description = "Charged"), BillingError)
)]
#[allow(dead_code)]
fn charge() {}

#[derive(OpenApi)]
#[openapi(paths(charge), components(schemas(ErrorBody, ProblemDetails)))]
struct BillingApi;

#[test]
fn derived_enums_document_their_responses_in_utoipa_paths() {
    let direct = BillingError::responses();
    assert_eq!(
        direct.keys().map(String::as_str).collect::<Vec<_>>(),
        ["401", "402", "500"]
    );

    let doc = serde_json::to_value(BillingApi::openapi()).expect("serialisable");
    let responses = &doc["paths"]["/api/billing/charge"]["post"]["responses"];
    assert_eq!(
        example_names(&responses["401"], "application/json"),
        [
            "ACCOUNT_LOCKED",
            "EMAIL_NOT_VERIFIED",
            "INVALID_CREDENTIALS",
            "JWT_ERROR",
            "TOKEN_EXPIRED",
            "UNAUTHORIZED"
        ]
    );
    assert_eq!(
        responses["500"]["content"]["application/json"]["examples"]["STRIPE_ERROR"]["value"]["error"],
        "Billing system error",
        "documentation shows the description; a 500 never shows a source"
    );
    assert!(responses["200"].is_object());
    assert!(doc["components"]["schemas"]["ErrorBody"].is_object());
    assert!(doc["components"]["schemas"]["ProblemDetails"].is_object());
    assert_eq!(ErrorBody::name(), "ErrorBody");
    assert_eq!(
        serde_json::to_value(ProblemDetails::schema()).expect("serialisable")["required"],
        json!([
            "type",
            "title",
            "status",
            "detail",
            "error_code",
            "timestamp"
        ])
    );
}
