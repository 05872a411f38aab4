//! A demo AuthOS-style API whose endpoints answer with catalog errors: the router the demo
//! server (`cargo run -p authos-errors-demo`) serves, and the one the integration tests drive
//! over real sockets, so what the tests check is what the demo runs.
//!
//! | endpoint | answers |
//! |---|---|
//! | `POST /api/auth/login` `{"email","password"}` | `MFA_REQUIRED` for the right password; `INVALID_CREDENTIALS`, then `ACCOUNT_LOCKED` for [`LOCKOUT_WINDOW`] after [`MAX_FAILED_LOGINS`] failures |
//! | `POST /api/auth/mfa` `{"email","code"}` | `200 {"access_token"}`; `INVALID_MFA_CODE`; `UNAUTHORIZED` without a password step first |
//! | `GET /api/organizations/{slug}` | `200` for `acme`; `ORGANIZATION_NOT_ACTIVE` for `initech`; `NOT_FOUND` otherwise |
//! | `GET /api/limited` | `200` [`RATE_LIMIT`] times per [`RATE_WINDOW`], then `RATE_LIMIT_EXCEEDED` with `Retry-After` |
//! | `GET /api/reports/usage` | `DATABASE_ERROR`: its `io::Error` source is logged, never sent |
//! | `POST /api/signup` `{"email","slug","password"}` | `201 {"slug"}`; one `BAD_REQUEST` naming every invalid field (`errors`: `INVALID_EMAIL`, `SLUG_TOO_SHORT` / `SLUG_TOO_LONG` with `min` / `max`, `WEAK_PASSWORD` with `min`) |
//! | `GET /openapi.json` | the OpenAPI document, every endpoint's error responses with examples |
//!
//! Routes that read a body (the three `POST`s above, and the device flow's forms) refuse one
//! larger than [`FORM_BODY_LIMIT`] with `413` `PAYLOAD_TOO_LARGE` ([`RequestError`]), in their
//! route group's error format.
//!
//! The JSON routes read their body with [`authos_errors::axum::Json`]: a body that is not
//! JSON answers `BAD_REQUEST` ("Invalid request parameters or malformed JSON"), a missing or
//! mistyped member `BAD_REQUEST` with an `errors` entry naming it by JSON pointer, another
//! `Content-Type` `UNSUPPORTED_MEDIA_TYPE`. Unknown routes answer `NOT_FOUND`, a wrong method
//! `METHOD_NOT_ALLOWED` with `Allow`, a panic `INTERNAL_SERVER_ERROR`: every answer in the
//! structure of its route group's format.
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

use std::collections::HashSet;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use authos_errors::axum::{Json, ProblemJsonLayer, catch_panic};
use authos_errors::catalog::{self, AuthOsError, AuthenticationError, GeneralError, MfaError};
use authos_errors::field_errors::FieldErrors;
use authos_errors::framework::{FrameworkError, FrameworkRejection};
use authos_errors::openapi::{JSON_BODY_ERRORS, ResponseDocs};
use authos_errors::{ApiErrorCode, ApiErrorCodeExt, Detailed, ErrorCodeInfo};
use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, FromRequest, Path, Request, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde::Deserialize;
use serde_json::{Value, json};
use tower_http::catch_panic::CatchPanicLayer;
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
/// How long a failed login counts against its account, and how long a locked account stays
/// locked: failures count while each comes within this window of the one before, and the lock
/// ends this long after the failure that set it (attempts while locked do not extend it, so
/// that anyone can lock an account but nobody can keep it locked without trying again).
pub const LOCKOUT_WINDOW: Duration = Duration::from_secs(15 * 60);
/// The most failed-login counters kept at once. They are keyed by whatever e-mail a client
/// sends (unknown addresses lock too, so that answers do not tell which accounts exist); beyond
/// this many, the counter that failed least recently is forgotten. A production server also
/// limits how fast one client may try.
pub const FAILED_LOGIN_CAPACITY: usize = 10_000;
/// The longest e-mail address (RFC 5321 §4.5.3.1: a 256-octet path, its brackets removed); a
/// longer one cannot be an account and gets no counter.
pub const MAX_EMAIL_LEN: usize = 254;
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

/// The largest body a form route reads (login, MFA, signup, the device flow's forms): their
/// fields fit in far less, and a larger body is refused before it is read.
pub const FORM_BODY_LIMIT: usize = 4 * 1024;

/// What the demo refuses before a handler runs.
#[derive(Debug, ApiErrorCode)]
#[api_error(group = "Request Errors")]
pub enum RequestError {
    /// Request body too large
    #[code(
        "PAYLOAD_TOO_LARGE",
        status = 413,
        resolution = "Send a smaller body",
        message = "Body must be at most {max} bytes"
    )]
    BodyTooLarge {
        /// The largest body accepted, in bytes.
        #[detail]
        max: usize,
    },
    /// Any other failure of the framework (a malformed body, an unknown route, ...), as the
    /// library answers it.
    #[code(transparent)]
    Framework(FrameworkError),
}

impl RequestError {
    /// The demo's answer to a framework failure: a body over the limit says the limit
    /// ([`RequestError::BodyTooLarge`]), every other failure is the library's.
    ///
    /// ```
    /// use authos_errors::ApiErrorCode;
    /// use authos_errors::framework::{FrameworkError, FrameworkRejection};
    /// use authos_errors_demo::{FORM_BODY_LIMIT, RequestError};
    ///
    /// let error = RequestError::for_framework_error(FrameworkError::PayloadTooLarge);
    /// assert!(matches!(error, RequestError::BodyTooLarge { max: FORM_BODY_LIMIT }));
    /// assert_eq!(RequestError::for_framework_error(FrameworkError::NotFound).code(), "NOT_FOUND");
    /// ```
    pub fn for_framework_error(error: FrameworkError) -> RequestError {
        match error {
            FrameworkError::PayloadTooLarge => RequestError::BodyTooLarge {
                max: FORM_BODY_LIMIT,
            },
            other => RequestError::Framework(other),
        }
    }
}

/// A form route's body, read up to the `DefaultBodyLimit` of its route group; a larger one is
/// refused with [`RequestError::BodyTooLarge`], which the group's format layer renders (axum's
/// own rejection would be plain text).
pub(crate) struct FormBody(pub(crate) Bytes);

impl<S: Send + Sync> FromRequest<S> for FormBody {
    type Rejection = Response;

    async fn from_request(request: Request, state: &S) -> Result<Self, Response> {
        match Bytes::from_request(request, state).await {
            Ok(body) => Ok(FormBody(body)),
            Err(rejection) if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                Err(RequestError::BodyTooLarge {
                    max: FORM_BODY_LIMIT,
                }
                .into_response())
            }
            Err(_) => Err(AuthOsError::from(GeneralError::BadRequest)
                .with_message("The body could not be read")
                .into_response()),
        }
    }
}

/// The limit of every form route group.
pub(crate) fn form_body_limit() -> DefaultBodyLimit {
    DefaultBodyLimit::max(FORM_BODY_LIMIT)
}

/// The demo server's log: each event at `INFO` and above as one JSON object on one line of
/// `writer` (the server passes `std::io::stderr`).
///
/// JSON, because there every field value is a JSON string: a CR or LF in a value (an error's
/// text, a 5xx source a client had a hand in) is written `\n`, never a line break that would
/// start a forged log line. tracing-subscriber's text format writes the message and every
/// value recorded with `%` (as the 5xx log records the source chain) as they are.
///
/// ```
/// let subscriber = authos_errors_demo::log_subscriber(std::io::stderr);
/// tracing::subscriber::with_default(subscriber, || {
///     tracing::error!(source = %"refused\nINFO forged line", "request failed");
/// });
/// ```
pub fn log_subscriber<W>(writer: W) -> impl tracing::Subscriber + Send + Sync + 'static
where
    W: for<'writer> tracing_subscriber::fmt::MakeWriter<'writer> + Send + Sync + 'static,
{
    tracing_subscriber::fmt()
        .json()
        .with_writer(writer)
        .finish()
}

/// Where the app reads the time: the system clock when serving, a fixed instant in tests so
/// that `Retry-After` is exact.
pub type Clock = Arc<dyn Fn() -> Instant + Send + Sync>;

/// The system clock.
pub fn system_clock() -> Clock {
    Arc::new(Instant::now)
}

struct Accounts {
    /// Failures by e-mail, each forgotten [`LOCKOUT_WINDOW`] after the last one.
    failed_logins: ExpiringMap<String, u32>,
    awaiting_mfa: HashSet<String>,
}

struct RateWindow {
    started: Instant,
    served: u32,
}

/// The state of the demo's own endpoints (failed logins, the rate-limit window), shared by
/// every request.
pub struct DemoState {
    clock: Clock,
    accounts: Mutex<Accounts>,
    rate: Mutex<Option<RateWindow>>,
}

/// How much state the demo holds, to check that hostile clients cannot grow it without bound.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct DemoStats {
    /// Failed-login counters kept: at most [`FAILED_LOGIN_CAPACITY`].
    pub failed_login_counters: usize,
}

impl DemoState {
    /// Empty state, reading the time from `clock`.
    ///
    /// ```
    /// let state = authos_errors_demo::DemoState::new(authos_errors_demo::system_clock());
    /// assert_eq!(state.stats().failed_login_counters, 0);
    /// ```
    pub fn new(clock: Clock) -> DemoState {
        DemoState {
            clock,
            accounts: Mutex::new(Accounts {
                failed_logins: ExpiringMap::new(LOCKOUT_WINDOW, FAILED_LOGIN_CAPACITY),
                awaiting_mfa: HashSet::new(),
            }),
            rate: Mutex::new(None),
        }
    }

    /// How much state is held now.
    pub fn stats(&self) -> DemoStats {
        DemoStats {
            failed_login_counters: lock(&self.accounts).failed_logins.len(),
        }
    }
}

mod api;
mod expiring;
pub mod grpc;
pub mod protocols;
mod protocols_axum;

use expiring::ExpiringMap;

/// The demo router with the OAuth 2.0 device flow and SCIM 2.0 endpoints of `protocols.rs`
/// merged in, each route group answering errors in its protocol's format.
pub fn app_with_protocols(clock: Clock, settings: protocols::Settings) -> Router {
    let protocols = Arc::new(protocols::Protocols::new(clock.clone(), settings));
    router_with_protocols(Arc::new(DemoState::new(clock)), protocols)
}

/// [`app_with_protocols`] over state the caller keeps, to read its [`stats`](DemoState::stats).
///
/// ```
/// use std::sync::Arc;
/// use authos_errors_demo::protocols::{Protocols, Settings};
/// use authos_errors_demo::{DemoState, router_with_protocols, system_clock};
///
/// let state = Arc::new(DemoState::new(system_clock()));
/// let protocols = Arc::new(Protocols::new(system_clock(), Settings::default()));
/// let router: axum::Router = router_with_protocols(Arc::clone(&state), Arc::clone(&protocols));
/// # drop(router);
/// ```
pub fn router_with_protocols(
    state: Arc<DemoState>,
    protocols: Arc<protocols::Protocols>,
) -> Router {
    router(state).merge(protocols_axum::router(protocols))
}

/// The demo router, problem+json negotiation included.
pub fn app(clock: Clock) -> Router {
    router(Arc::new(DemoState::new(clock)))
}

/// [`app`] over state the caller keeps, to read its [`stats`](DemoState::stats).
///
/// ```
/// use std::sync::Arc;
/// use authos_errors_demo::{DemoState, router, system_clock};
///
/// let state = Arc::new(DemoState::new(system_clock()));
/// let app: axum::Router = router(Arc::clone(&state));
/// # drop(app);
/// assert_eq!(state.stats().failed_login_counters, 0);
/// ```
pub fn router(state: Arc<DemoState>) -> Router {
    let forms = Router::new()
        .route("/api/auth/login", post(login))
        .route("/api/auth/mfa", post(verify_mfa))
        .route("/api/signup", post(signup))
        .route_layer(form_body_limit());
    Router::new()
        .route("/api/organizations/{slug}", get(organization))
        .route("/api/limited", get(limited))
        .route("/api/reports/usage", get(usage_report))
        .route("/openapi.json", get(openapi_json))
        .merge(forms)
        // The app's unknown routes: a fallback of its own keeps them under the layers below
        // when other route groups are merged in (`router_with_protocols`).
        .fallback(not_found)
        // A panic answers INTERNAL_SERVER_ERROR in the format of the layer around it.
        .layer(CatchPanicLayer::custom(catch_panic))
        // Problem+json when `Accept` prefers it; English or French after `Accept-Language`;
        // the framework's failures (unknown route, wrong method, unreadable body) in the
        // structure too, a body over the limit saying the limit.
        .layer(
            ProblemJsonLayer::new(catalog::problem_config())
                .with_localizer(Arc::clone(authos_errors::catalog::localizer()))
                .with_framework_errors(RequestError::for_framework_error),
        )
        .with_state(state)
}

async fn not_found() -> FrameworkRejection {
    FrameworkRejection::new(FrameworkError::NotFound)
}

fn json_response(value: &Value) -> Response {
    (
        [(header::CONTENT_TYPE, "application/json")],
        value.to_string(),
    )
        .into_response()
}

/// The body of `POST /api/auth/login`.
#[derive(Deserialize)]
struct LoginBody {
    email: String,
    password: String,
}

/// The body of `POST /api/auth/mfa`.
#[derive(Deserialize)]
struct MfaBody {
    email: String,
    code: String,
}

/// The body of `POST /api/signup`.
#[derive(Deserialize)]
struct SignupBody {
    email: String,
    slug: String,
    password: String,
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    // A handler that panicked mid-update leaves counters that are still meaningful.
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

async fn login(
    State(state): State<Arc<DemoState>>,
    Json(LoginBody { email, password }): Json<LoginBody>,
) -> Result<Response, Detailed<AuthOsError>> {
    Err(state.login(email, &password))
}

async fn verify_mfa(
    State(state): State<Arc<DemoState>>,
    Json(MfaBody { email, code }): Json<MfaBody>,
) -> Result<Response, Detailed<AuthOsError>> {
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
    let (slug, name) = DemoState::organization(&slug)?;
    Ok(json_response(
        &json!({ "slug": slug, "name": name, "status": "active" }),
    ))
}

async fn limited(State(state): State<Arc<DemoState>>) -> Result<Response, Detailed<GeneralError>> {
    let remaining = state.limited()?;
    Ok(json_response(
        &json!({ "pong": true, "remaining": remaining }),
    ))
}

async fn usage_report() -> Result<Response, ReportError> {
    Err(DemoState::usage_report())
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
    let mut errors = catalog::field_errors();
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

async fn signup(
    Json(SignupBody {
        email,
        slug,
        password,
    }): Json<SignupBody>,
) -> Result<Response, FieldErrors> {
    signup_errors(&email, &slug, &password).into_result()?;
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

/// The catalog rows of the framework errors a JSON route answers before its handler runs
/// ([`JSON_BODY_ERRORS`]), as the demo answers them ([`RequestError::for_framework_error`]).
fn json_body_rows() -> Vec<ErrorCodeInfo> {
    JSON_BODY_ERRORS
        .iter()
        .map(|error| *RequestError::for_framework_error(*error).info())
        .collect()
}

/// The OpenAPI document of the demo: each endpoint's success and error responses.
pub fn openapi() -> utoipa::openapi::OpenApi {
    // The examples written as the app answers: AuthOS's problem types and challenges.
    let config = catalog::problem_config();
    let docs = ResponseDocs::new(&config);
    let endpoint = |method, id: &str, ok: &str, errors: Vec<ErrorCodeInfo>| {
        let responses = ResponsesBuilder::new()
            .response("200", ResponseBuilder::new().description(ok).build())
            .responses_from_iter(docs.responses_for(&errors).responses)
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
                    &["INVALID_CREDENTIALS", "ACCOUNT_LOCKED", "MFA_REQUIRED"],
                    &json_body_rows(),
                ),
            ),
        )
        .path(
            "/api/auth/mfa",
            endpoint(
                HttpMethod::Post,
                "verify_mfa",
                "The access token",
                rows(&["UNAUTHORIZED", "INVALID_MFA_CODE"], &json_body_rows()),
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
                .responses_from_iter(docs.responses_for(&json_body_rows()).responses)
                // Replaces the framework's 400: the same `BAD_REQUEST`, documented with the
                // `errors` array a malformed member's answer carries too.
                .responses_from_iter(docs.field_errors(GeneralError::BadRequest.info()))
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
