//! A new user's first service, written from the README as issue 20's was: its own enum with
//! data variants, a transparent AuthOS catalog, a run-time `Retry-After`, `?` from a `#[from]`
//! source, validator field errors in problem+json, served over a real socket and read back with
//! the reqwest client, which types the service's own enum.

use std::sync::Arc;
use std::time::Duration;

use authos_errors::ApiErrorCode;
use authos_errors::axum::ProblemJsonLayer;
use authos_errors::catalog::{self, AuthOsError, AuthenticationError, ValidationError};
use authos_errors::client::reqwest::{ApiError, ResponseExt};
use authos_errors::client::{RetryDecision, WireFormat};
use authos_errors::field_errors::FieldErrors;
use authos_errors::l10n::Localizer;
use axum::Router;
use axum::extract::Path;
use axum::routing::{get, post};
use serde::Deserialize;
use validator::Validate;

use crate::http_support::{block_on, serve};

/// The service's own catalog: data variants (so no `from_code`), a run-time delay, a source
/// converted with `?`, and AuthOS's authentication codes spliced in.
#[derive(Debug, ApiErrorCode)]
#[api_error(group = "Order Errors")]
enum OrderError {
    /// Order not found
    #[code("ORDER_NOT_FOUND", status = 404, message = "No order {id}")]
    NotFound {
        #[detail]
        id: u64,
    },

    /// Too many orders
    #[code("ORDERS_THROTTLED", status = 429, message = "Try again in {wait:?}")]
    Throttled {
        #[retry_after]
        wait: Duration,
    },

    /// Order store unreadable
    #[code("ORDER_STORE_FAILED", status = 500)]
    Store(#[from] std::io::Error),

    #[code(transparent)]
    Auth(AuthenticationError),
}

#[derive(Deserialize, Validate)]
struct NewOrder {
    #[validate(length(min = 5))]
    slug: String,
    #[validate(length(min = 12))]
    password: String,
    #[validate(email)]
    email: String,
}

async fn order(Path(id): Path<u64>) -> Result<String, OrderError> {
    match id {
        1 => Ok("order 1".to_owned()),
        7 => Err(OrderError::Throttled {
            wait: Duration::from_secs(7),
        }),
        13 => {
            // `?` from the `#[from]` source, beside the run-time delay of another variant.
            std::fs::read("/nonexistent/first-service/orders.json")?;
            Ok("unreachable".to_owned())
        }
        42 => Err(AuthenticationError::TokenExpired)?,
        _ => Err(OrderError::NotFound { id }),
    }
}

async fn create(axum::Json(body): axum::Json<NewOrder>) -> Result<&'static str, FieldErrors> {
    body.validate()
        .map_err(|report| catalog::validation_rules().field_errors(&report))?;
    Ok("created")
}

/// The service's French: its own codes beside the shipped AuthOS resource, one localizer over
/// both catalogs.
fn localizer() -> Arc<Localizer> {
    let mut localizer = Localizer::over(&[OrderError::CATALOG, AuthOsError::CATALOG]);
    localizer
        .add_resource("fr", "authos/fr.ftl", catalog::AUTHOS_FTL_FR)
        .expect("the shipped French loads");
    localizer
        .add_resource(
            "fr",
            "orders/fr.ftl",
            "ORDER_NOT_FOUND = Aucune commande { $id }\n    .description = Commande introuvable\n",
        )
        .expect("the service's French loads");
    Arc::new(localizer)
}

async fn service() -> String {
    let router = Router::new()
        .route("/orders/{id}", get(order))
        .route("/orders", post(create))
        .layer(ProblemJsonLayer::new(catalog::problem_config()).with_localizer(localizer()));
    format!("http://{}", serve(router).await)
}

const PROBLEM: &str = "application/problem+json";

/// `GET {base}{path}` with `Accept: accept`.
async fn get_from(
    http: &reqwest::Client,
    base: &str,
    path: &str,
    accept: &str,
) -> reqwest::Response {
    http.get(format!("{base}{path}"))
        .header("accept", accept)
        .send()
        .await
        .expect("the service answers")
}

#[test]
fn the_client_types_the_services_own_enum_with_data_variants() {
    let http = reqwest::Client::new();
    block_on(async {
        let base = service().await;
        let response = get_from(&http, &base, "/orders/5", PROBLEM).await;
        let error = response.authos_error_as::<OrderError>().await.unwrap();
        assert_eq!(error.format(), WireFormat::ProblemJson);
        assert_eq!(
            (error.code(), error.message()),
            ("ORDER_NOT_FOUND", "No order 5")
        );
        // The entry is found in the enum's own catalog; no value is built from a code alone.
        let info = error.info().expect("the service's own code is known");
        assert_eq!(
            (info.group, info.description, info.status),
            ("Order Errors", "Order not found", 404)
        );
        assert!(error.error().is_none());
        assert_eq!(error.details(), Some(&serde_json::json!({"id": 5})));

        // A transparent AuthOS code: its entry through the own enum, typed with AuthOS's.
        let expired = || async { get_from(&http, &base, "/orders/42", PROBLEM).await };
        let own = expired()
            .await
            .authos_error_as::<OrderError>()
            .await
            .unwrap();
        assert_eq!(own.info(), Some(AuthenticationError::TokenExpired.info()));
        let authos = expired()
            .await
            .authos_error_as::<AuthOsError>()
            .await
            .unwrap();
        assert_eq!(
            authos.error(),
            Some(&AuthOsError::Authentication(
                AuthenticationError::TokenExpired
            ))
        );
    });
}

#[test]
fn a_run_time_retry_after_reaches_the_received_error() {
    let http = reqwest::Client::new();
    block_on(async {
        let base = service().await;
        for accept in ["application/json", PROBLEM] {
            let response = get_from(&http, &base, "/orders/7", accept).await;
            assert_eq!(response.status(), 429);
            assert_eq!(response.headers()["retry-after"], "7");
            // The README's main path: the error, once read, still knows when to retry.
            let Err(ApiError::Response(error)) = response.error_for_status_as::<OrderError>().await
            else {
                panic!("a 429 reads as an error response");
            };
            assert_eq!(error.code(), "ORDERS_THROTTLED");
            assert_eq!(error.message(), "Try again in 7s");
            assert_eq!(error.retry_after(), Some(Duration::from_secs(7)));
            assert_eq!(
                error.retry_decision(0),
                RetryDecision::RetryAfter(Duration::from_secs(7))
            );
        }
    });
}

#[test]
fn question_mark_from_a_from_source_answers_a_bare_5xx() {
    let http = reqwest::Client::new();
    block_on(async {
        let base = service().await;
        let response = get_from(&http, &base, "/orders/13", PROBLEM).await;
        let error = response.authos_error_as::<OrderError>().await.unwrap();
        assert_eq!(error.status(), Some(500));
        assert_eq!(
            (error.code(), error.message()),
            ("ORDER_STORE_FAILED", "Order store unreadable")
        );
        assert!(error.retry_after().is_none());
        assert!(matches!(error.retry_decision(0), RetryDecision::Backoff(_)));
    });
}

/// `POST {base}/orders` of an order whose slug, password and email all fail validation, asking
/// for problem+json (in `language`, when given).
async fn post_invalid_order(
    http: &reqwest::Client,
    base: &str,
    language: Option<&str>,
) -> reqwest::Response {
    let mut request = http
        .post(format!("{base}/orders"))
        .header("accept", PROBLEM)
        .header("content-type", "application/json");
    if let Some(language) = language {
        request = request.header("accept-language", language);
    }
    request
        .body(r#"{"slug":"abc","password":"hunter2","email":"nope"}"#)
        .send()
        .await
        .expect("the service answers")
}

#[test]
fn validation_messages_name_the_rules_real_bounds() {
    let http = reqwest::Client::new();
    block_on(async {
        let base = service().await;
        let response = post_invalid_order(&http, &base, None).await;
        assert_eq!(response.status(), 400);
        let error = response.authos_error_as::<AuthOsError>().await.unwrap();
        assert_eq!(error.format(), WireFormat::ProblemJson);
        let entries: Vec<_> = error
            .field_errors()
            .iter()
            .map(|e| (e.pointer(), e.code(), e.message(), e.details().cloned()))
            .collect();
        assert_eq!(
            entries,
            [
                ("/email", "INVALID_EMAIL", "Invalid email format", None),
                (
                    "/password",
                    "WEAK_PASSWORD",
                    "Password doesn’t meet requirements (min 12 characters)",
                    Some(serde_json::json!({"min": 12}))
                ),
                (
                    "/slug",
                    "SLUG_TOO_SHORT",
                    "Slug less than 5 characters",
                    Some(serde_json::json!({"min": 5}))
                ),
            ]
        );
        let slug = &error.field_errors()[2];
        assert_eq!(
            slug.error(),
            Some(&AuthOsError::Validation(ValidationError::SlugTooShort))
        );
        // The user's input is never echoed.
        assert!(!format!("{error:?}").contains("hunter2"));
    });
}

#[test]
fn french_bodies_are_french_throughout_with_the_rules_bounds() {
    let http = reqwest::Client::new();
    block_on(async {
        let base = service().await;
        let response = post_invalid_order(&http, &base, Some("fr-FR, en;q=0.5")).await;
        assert_eq!(response.status(), 400);
        // Every text of the body is French, so the body says French alone.
        assert_eq!(response.headers()["content-language"], "fr");
        let error = response.authos_error_as::<AuthOsError>().await.unwrap();
        assert_eq!(
            error.message(),
            "Paramètres de requête invalides ou JSON mal formé"
        );
        let entries: Vec<_> = error
            .field_errors()
            .iter()
            .map(|e| (e.code(), e.message(), e.details().cloned()))
            .collect();
        assert_eq!(
            entries,
            [
                ("INVALID_EMAIL", "Format d’adresse e-mail invalide", None),
                (
                    "WEAK_PASSWORD",
                    "Le mot de passe ne respecte pas les exigences de sécurité (au moins 12 caractères)",
                    Some(serde_json::json!({"min": 12}))
                ),
                (
                    "SLUG_TOO_SHORT",
                    "Le slug doit contenir au moins 5 caractères",
                    Some(serde_json::json!({"min": 5}))
                ),
            ]
        );

        // The service's own code, in French from its own resource, with its own argument.
        let response = http
            .get(format!("{base}/orders/5"))
            .header("accept", PROBLEM)
            .header("accept-language", "fr")
            .send()
            .await
            .unwrap();
        assert_eq!(response.headers()["content-language"], "fr");
        let error = response.authos_error_as::<OrderError>().await.unwrap();
        assert_eq!(error.message(), "Aucune commande 5");
        assert_eq!(
            error.problem().and_then(|p| p.title()),
            Some("Commande introuvable")
        );
    });
}
