//! A demo AuthOS-style API whose endpoints answer with catalog errors: the router the demo
//! server (`cargo run -p authos-errors-demo`) serves, and the one the integration tests drive
//! over real sockets, so what the tests check is what the demo runs.
//!
//! | endpoint | answers |
//! |---|---|
//! | `POST /api/auth/login` `{"email","password"}` | `MFA_REQUIRED` for the right password; `INVALID_CREDENTIALS`, then `ACCOUNT_LOCKED` after [`MAX_FAILED_LOGINS`] failures; `BAD_REQUEST` for a malformed body |
//! | `POST /api/auth/mfa` `{"email","code"}` | `200 {"access_token"}`; `INVALID_MFA_CODE`; `UNAUTHORIZED` without a password step first |
//! | `GET /api/organizations/{slug}` | `200` for `acme`; `ORGANIZATION_NOT_ACTIVE` for `initech`; `NOT_FOUND` otherwise |
//! | `GET /api/limited` | `200` [`RATE_LIMIT`] times per [`RATE_WINDOW`], then `RATE_LIMIT_EXCEEDED` with `Retry-After` |
//! | `GET /api/reports/usage` | `DATABASE_ERROR`: its `io::Error` source is logged, never sent |
//! | `POST /api/signup` `{"email","slug","password"}` | `201 {"slug"}`; one `BAD_REQUEST` naming every invalid field (`errors`: `INVALID_EMAIL`, `SLUG_TOO_SHORT` / `SLUG_TOO_LONG` with `min` / `max`, `WEAK_PASSWORD` with `min`) |
//! | `GET /openapi.json` | the OpenAPI document, every endpoint's error responses with examples |
//!
//! Errors answer in French for `Accept-Language: fr` (the catalog's text for the code), in
//! English otherwise. [`app_with_protocols`] adds the OAuth 2.0 device flow and SCIM 2.0 users
//! of [`protocols`].
//!
//! ```
//! use std::sync::Arc;
//! use std::time::Instant;
//!
//! // A frozen clock: the rate-limit window never moves, so `Retry-After` is exact.
//! let frozen = Instant::now();
//! let router: axum::Router = authos_errors_demo::app(Arc::new(move || frozen));
//! # drop(router);
//! ```

#![deny(missing_docs)]

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use authos_errors::axum::ProblemJsonLayer;
use authos_errors::catalog::{AuthOsError, AuthenticationError, GeneralError, MfaError};
use authos_errors::field_errors::FieldErrors;
use authos_errors::l10n::Localizer;
use authos_errors::problem::ProblemConfig;
use authos_errors::{ApiErrorCode, ApiErrorCodeExt, Detailed, ErrorCodeInfo};
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde_json::{Value, json};
use utoipa::openapi::path::{HttpMethod, OperationBuilder, PathItem};
use utoipa::openapi::{
    InfoBuilder, OpenApiBuilder, PathsBuilder, ResponseBuilder, ResponsesBuilder,
};

/// The one demo user.
pub const DEMO_EMAIL: &str = "alice@example.com";
/// Alice's password.
pub const DEMO_PASSWORD: &str = "correct horse battery staple";
/// Alice's current one-time code.
pub const DEMO_MFA_CODE: &str = "123456";
/// Failed logins an account survives; the next attempt is refused with `ACCOUNT_LOCKED`.
pub const MAX_FAILED_LOGINS: u32 = 3;
/// Requests `/api/limited` serves per window.
pub const RATE_LIMIT: u32 = 3;
/// The rate-limit window.
pub const RATE_WINDOW: Duration = Duration::from_secs(60);
/// What the failing database says; it must appear in the logs and never in a response.
pub const DATABASE_FAILURE: &str = "connection to postgres://authos:s3cr3t@10.0.0.7:5432 refused";

/// The demo's own error with a source: the catalog's `DATABASE_ERROR` row, carrying the I/O
/// error that caused it.
#[derive(Debug, ApiErrorCode)]
#[api_error(group = "Infrastructure Errors")]
pub enum ReportError {
    /// Database operation failed
    #[code(
        "DATABASE_ERROR",
        status = 500,
        resolution = "Retry; contact support if persists"
    )]
    Database(#[source] std::io::Error),
}

/// Where the app reads the time: the system clock when serving, a fixed instant in tests so
/// that `Retry-After` is exact.
pub type Clock = Arc<dyn Fn() -> Instant + Send + Sync>;

/// The system clock.
pub fn system_clock() -> Clock {
    Arc::new(Instant::now)
}

#[derive(Default)]
struct Accounts {
    failed_logins: HashMap<String, u32>,
    awaiting_mfa: HashSet<String>,
}

struct RateWindow {
    started: Instant,
    served: u32,
}

struct AppState {
    clock: Clock,
    accounts: Mutex<Accounts>,
    rate: Mutex<Option<RateWindow>>,
}

mod api;
pub mod grpc;
pub mod protocols;
mod protocols_axum;

/// The demo router with the OAuth 2.0 device flow and SCIM 2.0 endpoints of `protocols.rs`
/// merged in, each route group answering errors in its protocol's format.
pub fn app_with_protocols(clock: Clock, settings: protocols::Settings) -> Router {
    let protocols = Arc::new(protocols::Protocols::new(clock.clone(), settings));
    app(clock).merge(protocols_axum::router(protocols))
}

/// The demo router, problem+json negotiation included.
pub fn app(clock: Clock) -> Router {
    let state = AppState::new(clock);
    Router::new()
        .route("/api/auth/login", post(login))
        .route("/api/auth/mfa", post(verify_mfa))
        .route("/api/organizations/{slug}", get(organization))
        .route("/api/limited", get(limited))
        .route("/api/reports/usage", get(usage_report))
        .route("/api/signup", post(signup))
        .route("/openapi.json", get(openapi_json))
        // Problem+json when `Accept` prefers it; English or French after `Accept-Language`.
        .layer(
            ProblemJsonLayer::new(ProblemConfig::default())
                .with_localizer(Arc::clone(Localizer::authos())),
        )
        .with_state(state)
}

fn json_response(value: &Value) -> Response {
    (
        [(header::CONTENT_TYPE, "application/json")],
        value.to_string(),
    )
        .into_response()
}

/// The string members `names` of a JSON object body, or `BAD_REQUEST` saying what is expected.
fn string_fields<const N: usize>(
    body: &[u8],
    names: [&str; N],
) -> Result<[String; N], Detailed<AuthOsError>> {
    let expected = || {
        let list = names.map(|name| format!("`{name}`")).join(" and ");
        AuthOsError::from(GeneralError::BadRequest)
            .with_message(format!("Body must be a JSON object with {list} strings"))
    };
    let value: Value = serde_json::from_slice(body).map_err(|_| expected())?;
    let mut out = names.map(|_| String::new());
    for (slot, name) in out.iter_mut().zip(names) {
        *slot = value
            .get(name)
            .and_then(Value::as_str)
            .ok_or_else(expected)?
            .to_owned();
    }
    Ok(out)
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    // A handler that panicked mid-update leaves counters that are still meaningful.
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

async fn login(
    State(state): State<Arc<AppState>>,
    body: Bytes,
) -> Result<Response, Detailed<AuthOsError>> {
    let [email, password] = string_fields(&body, ["email", "password"])?;
    Err(state.login(email, &password))
}

async fn verify_mfa(
    State(state): State<Arc<AppState>>,
    body: Bytes,
) -> Result<Response, Detailed<AuthOsError>> {
    let [email, code] = string_fields(&body, ["email", "code"])?;
    let mut accounts = lock(&state.accounts);
    if !accounts.awaiting_mfa.contains(&email) {
        return Err(AuthOsError::from(AuthenticationError::Unauthorized)
            .with_message("Log in with your password first"));
    }
    if code != DEMO_MFA_CODE {
        return Err(AuthOsError::from(MfaError::InvalidMfaCode).into());
    }
    accounts.awaiting_mfa.remove(&email);
    Ok(json_response(
        &json!({ "access_token": "demo-access-token" }),
    ))
}

async fn organization(Path(slug): Path<String>) -> Result<Response, Detailed<AuthOsError>> {
    let (slug, name) = AppState::organization(&slug)?;
    Ok(json_response(
        &json!({ "slug": slug, "name": name, "status": "active" }),
    ))
}

async fn limited(State(state): State<Arc<AppState>>) -> Result<Response, Detailed<GeneralError>> {
    let remaining = state.limited()?;
    Ok(json_response(
        &json!({ "pong": true, "remaining": remaining }),
    ))
}

async fn usage_report() -> Result<Response, ReportError> {
    Err(AppState::usage_report())
}

/// The shortest slug a signup accepts.
pub const SLUG_MIN: usize = 3;
/// The longest slug a signup accepts.
pub const SLUG_MAX: usize = 50;
/// The shortest password a signup accepts.
pub const PASSWORD_MIN: usize = 8;

/// What a signup field can get wrong, with the numbers behind each message as `details`.
#[derive(Debug, ApiErrorCode)]
#[api_error(group = "Signup Errors")]
pub enum SignupFieldError {
    /// Slug less than 3 characters
    #[code(
        "SLUG_TOO_SHORT",
        status = 400,
        resolution = "Use longer slug",
        message = "Slug must be at least {min} characters"
    )]
    SlugTooShort {
        /// The shortest slug accepted.
        #[detail]
        min: usize,
    },
    /// Slug more than 50 characters
    #[code(
        "SLUG_TOO_LONG",
        status = 400,
        resolution = "Use shorter slug",
        message = "Slug must be at most {max} characters"
    )]
    SlugTooLong {
        /// The longest slug accepted.
        #[detail]
        max: usize,
    },
    /// Password doesn’t meet requirements
    #[code(
        "WEAK_PASSWORD",
        status = 400,
        resolution = "Use stronger password (min 8 chars)",
        message = "Password must be at least {min} characters"
    )]
    WeakPassword {
        /// The shortest password accepted.
        #[detail]
        min: usize,
    },
}

/// Every invalid field of a signup, answered at once.
pub fn signup_errors(email: &str, slug: &str, password: &str) -> FieldErrors {
    let mut errors = FieldErrors::new();
    if !email.contains('@') {
        errors.push(
            "email",
            &authos_errors::catalog::ValidationError::InvalidEmail,
        );
    }
    let slug_length = slug.chars().count();
    if slug_length < SLUG_MIN {
        errors.push("slug", &SignupFieldError::SlugTooShort { min: SLUG_MIN });
    } else if slug_length > SLUG_MAX {
        errors.push("slug", &SignupFieldError::SlugTooLong { max: SLUG_MAX });
    }
    if password.chars().count() < PASSWORD_MIN {
        errors.push(
            "password",
            &SignupFieldError::WeakPassword { min: PASSWORD_MIN },
        );
    }
    errors
}

async fn signup(body: Bytes) -> Result<Response, Response> {
    let [email, slug, password] =
        string_fields(&body, ["email", "slug", "password"]).map_err(IntoResponse::into_response)?;
    signup_errors(&email, &slug, &password)
        .into_result()
        .map_err(IntoResponse::into_response)?;
    let mut response = json_response(&json!({ "slug": slug }));
    *response.status_mut() = axum::http::StatusCode::CREATED;
    Ok(response)
}

async fn openapi_json() -> Response {
    match openapi().to_json() {
        Ok(text) => ([(header::CONTENT_TYPE, "application/json")], text).into_response(),
        Err(_) => GeneralError::InternalServerError.into_response(),
    }
}

/// The catalog rows of `codes` (the first row of a code listed twice), plus `extra` rows.
fn rows(codes: &[&str], extra: &[ErrorCodeInfo]) -> Vec<ErrorCodeInfo> {
    let mut out: Vec<ErrorCodeInfo> = codes
        .iter()
        .filter_map(|code| AuthOsError::CATALOG.iter().find(|info| info.code == *code))
        .copied()
        .collect();
    out.extend_from_slice(extra);
    out
}

/// The OpenAPI document of the demo: each endpoint's success and error responses.
pub fn openapi() -> utoipa::openapi::OpenApi {
    let endpoint = |method, id: &str, ok: &str, errors: Vec<ErrorCodeInfo>| {
        let responses = ResponsesBuilder::new()
            .response("200", ResponseBuilder::new().description(ok).build())
            .responses_from_iter(authos_errors::openapi::responses_for(&errors).responses)
            .build();
        let operation = OperationBuilder::new()
            .operation_id(Some(id))
            .responses(responses);
        PathItem::new(method, operation)
    };
    let paths = PathsBuilder::new()
        .path(
            "/api/auth/login",
            endpoint(
                HttpMethod::Post,
                "login",
                "Never: a correct password asks for MFA",
                rows(
                    &[
                        "BAD_REQUEST",
                        "INVALID_CREDENTIALS",
                        "ACCOUNT_LOCKED",
                        "MFA_REQUIRED",
                    ],
                    &[],
                ),
            ),
        )
        .path(
            "/api/auth/mfa",
            endpoint(
                HttpMethod::Post,
                "verify_mfa",
                "The access token",
                rows(&["BAD_REQUEST", "UNAUTHORIZED", "INVALID_MFA_CODE"], &[]),
            ),
        )
        .path(
            "/api/organizations/{slug}",
            endpoint(
                HttpMethod::Get,
                "organization",
                "The organization",
                rows(&["ORGANIZATION_NOT_ACTIVE", "NOT_FOUND"], &[]),
            ),
        )
        .path(
            "/api/limited",
            endpoint(
                HttpMethod::Get,
                "limited",
                "Pong",
                rows(&["RATE_LIMIT_EXCEEDED"], &[]),
            ),
        )
        .path("/api/signup", {
            let responses = ResponsesBuilder::new()
                .response(
                    "201",
                    ResponseBuilder::new()
                        .description("The new account's slug")
                        .build(),
                )
                .responses_from_iter(<FieldErrors as utoipa::IntoResponses>::responses())
                .build();
            let operation = OperationBuilder::new()
                .operation_id(Some("signup"))
                .responses(responses);
            PathItem::new(HttpMethod::Post, operation)
        })
        .path(
            "/api/reports/usage",
            endpoint(
                HttpMethod::Get,
                "usage_report",
                "Never: the database is down",
                rows(&[], ReportError::CATALOG),
            ),
        );
    OpenApiBuilder::new()
        .info(
            InfoBuilder::new()
                .title("AuthOS demo")
                .version("0.1.0")
                .build(),
        )
        .paths(paths.build())
        .build()
}
