//! Per-entry HTTP defaults and per-error challenges over a real socket, for axum and actix-web
//! alike: `Retry-After` from the catalog entry unless the handler sets one, the RFC 6750
//! `insufficient_scope` challenge of a 403 that names its scope (in every format that sends
//! Bearer challenges), and the `about:blank` problem of an enum of the user's; the layers are
//! configured as AuthOS configures them (`catalog::problem_config()`).
//!
//! Then the generic defaults a service gets without configuring anything: a bare `Bearer`
//! challenge (no realm, no `invalid_token`) even for a 401 named `TOKEN_EXPIRED`, `about:blank`
//! problem types and the generic field-errors summary.

use std::time::Duration;

use actix_web::{HttpResponse, web};
use authos_errors::actix::ErrorFormatMiddleware;
use authos_errors::axum::ErrorFormatLayer;
use authos_errors::catalog::{self, AuthenticationError, AuthorizationError, GeneralError};
use authos_errors::field_errors::FieldErrors;
use authos_errors::{ApiErrorCode, ApiErrorCodeExt, Detailed};
use axum::Router;
use axum::routing::{get, post};

use crate::http_support::{
    ActixServer, AxumServer, Client, PROBLEM, assert_json_error, assert_problem, body,
};

/// A rate limiter's catalog whose 429 entry carries a default delay.
#[derive(Debug, ApiErrorCode)]
enum QuotaError {
    /// Quota exhausted
    #[code("QUOTA_EXHAUSTED", status = 429, retry_after = 60)]
    Exhausted,

    /// Slow down
    #[code("TOO_FAST", status = 429)]
    TooFast,
}

/// An enum of the user's, answered without any `type` configuration.
#[derive(Debug, ApiErrorCode)]
enum BillingError {
    /// Card was declined
    #[code("CARD_DECLINED", status = 402)]
    CardDeclined,
}

const SCOPE_CHALLENGE: &str = concat!(
    r#"Bearer realm="authos", error="insufficient_scope", "#,
    r#"error_description="Insufficient permissions", scope="write:users""#,
);

/// The routes both servers serve: `/api/*` negotiated, `/scim/v2/*` in SCIM, `/oauth/*` in
/// OAuth 2.0 token endpoint errors.
fn check_routes(client: &Client) {
    // The entry's default delay, in every format.
    for accept in [None, PROBLEM] {
        let reply = client.get("/api/quota", accept);
        assert_eq!(reply.status, 429, "{}", reply.body);
        assert_eq!(reply.header("retry-after"), Some("60"));
    }
    let reply = client.post("/scim/v2/Quota", "{}", None);
    assert_eq!(reply.header("retry-after"), Some("60"));
    let reply = client.post("/oauth/quota", "{}", None);
    assert_eq!(reply.header("retry-after"), Some("60"));
    // The handler's delay wins over the entry's, rounded up to whole seconds.
    let reply = client.get("/api/quota-soon", None);
    assert_json_error(&reply, 429, &body("Quota exhausted", "QUOTA_EXHAUSTED"));
    assert_eq!(reply.header("retry-after"), Some("3"));
    // The AuthOS catalog's rate limit waits a minute by default.
    let reply = client.get("/api/limited", None);
    assert_json_error(
        &reply,
        429,
        &body("Too many requests", "RATE_LIMIT_EXCEEDED"),
    );
    assert_eq!(reply.header("retry-after"), Some("60"));
    // No default, no delay set: no header.
    let reply = client.get("/api/too-fast", None);
    assert_eq!(reply.status, 429);
    assert_eq!(reply.header("retry-after"), None);

    // A 403 naming its scope gets the insufficient_scope challenge in every Bearer format.
    let reply = client.get("/api/admin", None);
    assert_json_error(&reply, 403, &body("Insufficient permissions", "FORBIDDEN"));
    assert_eq!(reply.header("www-authenticate"), Some(SCOPE_CHALLENGE));
    let reply = client.get("/api/admin", PROBLEM);
    assert_eq!(reply.status, 403);
    assert_eq!(reply.header("www-authenticate"), Some(SCOPE_CHALLENGE));
    let reply = client.post("/scim/v2/Users", "{}", None);
    assert_eq!(reply.status, 403);
    assert_eq!(reply.header("content-type"), Some("application/scim+json"));
    assert_eq!(reply.header("www-authenticate"), Some(SCOPE_CHALLENGE));
    // A token endpoint challenges clients, not Bearer tokens.
    let reply = client.post("/oauth/admin", "{}", None);
    assert_eq!(reply.status, 403);
    assert_eq!(reply.header("www-authenticate"), None);
    // A 403 that names no scope challenges nothing.
    let reply = client.get("/api/forbidden", None);
    assert_eq!(reply.status, 403);
    assert_eq!(reply.header("www-authenticate"), None);
    // A 401 names the scope beside its own error.
    let reply = client.get("/api/expired", None);
    assert_eq!(reply.status, 401);
    assert_eq!(
        reply.header("www-authenticate"),
        Some(concat!(
            r#"Bearer realm="authos", error="invalid_token", "#,
            r#"error_description="JWT has expired", scope="read:users""#,
        ))
    );

    // An enum of the user's: about:blank, titled by the status.
    let reply = client.get("/api/card", PROBLEM);
    assert_problem(
        &reply,
        402,
        concat!(
            r#"{"type":"about:blank","title":"Payment Required","status":402,"#,
            r#""detail":"Card was declined","error_code":"CARD_DECLINED","timestamp":"<timestamp>"}"#,
        ),
    );
}

/// A service's own session errors: a 401 that happens to share its name with an AuthOS code.
#[derive(Debug, ApiErrorCode)]
enum SessionError {
    /// Session token has expired
    #[code("TOKEN_EXPIRED", status = 401, resolution = "Sign in again")]
    Expired,
}

/// What a service of its own gets from unconfigured layers, the AuthOS catalog compiled in or
/// not: nothing of AuthOS's policies.
fn check_generic_defaults(client: &Client) {
    for path in ["/plain/expired", "/layered/expired"] {
        let reply = client.get(path, None);
        assert_json_error(
            &reply,
            401,
            &body("Session token has expired", "TOKEN_EXPIRED"),
        );
        assert_eq!(reply.header("www-authenticate"), Some("Bearer"), "{path}");
    }
    let reply = client.get("/layered/expired", PROBLEM);
    assert_problem(
        &reply,
        401,
        concat!(
            r#"{"type":"about:blank","title":"Unauthorized","status":401,"#,
            r#""detail":"Session token has expired","error_code":"TOKEN_EXPIRED","#,
            r#""resolution":"Sign in again","timestamp":"<timestamp>"}"#,
        ),
    );
    assert_eq!(reply.header("www-authenticate"), Some("Bearer"));
    // Even an AuthOS catalog error: the AuthOS values are configuration, not defaults.
    let reply = client.get("/layered/authos-expired", PROBLEM);
    assert_eq!(reply.header("www-authenticate"), Some("Bearer"));
    assert!(
        reply
            .body
            .starts_with(r#"{"type":"about:blank","title":"Unauthorized","#),
        "{}",
        reply.body
    );
    // The OAuth format's Basic challenge keeps the realm RFC 7617 requires, empty.
    let reply = client.get("/oauth/expired", None);
    assert_eq!(reply.header("www-authenticate"), Some(r#"Basic realm="""#));
    // Field errors: the generic summary, about:blank.
    let reply = client.get("/layered/fields", None);
    assert_eq!(reply.status, 400);
    assert!(
        reply.body_at_timestamp().starts_with(concat!(
            r#"{"error":"Invalid request parameters or malformed JSON","error_code":"BAD_REQUEST","#,
            r#""timestamp":"<timestamp>","errors":[{"error_code":"TOKEN_EXPIRED","#,
        )),
        "{}",
        reply.body
    );
    let reply = client.get("/layered/fields", PROBLEM);
    assert!(
        reply.body_at_timestamp().starts_with(concat!(
            r#"{"type":"about:blank","title":"Bad Request","#,
            r#""status":400,"detail":"Invalid request parameters or malformed JSON","#,
            r#""error_code":"BAD_REQUEST","timestamp":"<timestamp>","errors":["#,
        )),
        "{}",
        reply.body
    );
}

fn fields() -> FieldErrors {
    let mut errors = FieldErrors::new();
    errors.push("session", &SessionError::Expired);
    errors
}

fn admin_scope() -> Detailed<AuthorizationError> {
    AuthorizationError::Forbidden.with_required_scope("write:users")
}

fn soon() -> Detailed<QuotaError> {
    QuotaError::Exhausted.with_retry_after(Duration::from_millis(2500))
}

fn expired() -> Detailed<AuthenticationError> {
    AuthenticationError::TokenExpired.with_required_scope("read:users")
}

mod axum_server {
    use super::*;

    async fn quota() -> Result<String, QuotaError> {
        Err(QuotaError::Exhausted)
    }
    async fn quota_soon() -> Result<String, Detailed<QuotaError>> {
        Err(soon())
    }
    async fn limited() -> Result<String, GeneralError> {
        Err(GeneralError::RateLimitExceeded)
    }
    async fn too_fast() -> Result<String, QuotaError> {
        Err(QuotaError::TooFast)
    }
    async fn admin() -> Result<String, Detailed<AuthorizationError>> {
        Err(admin_scope())
    }
    async fn forbidden() -> Result<String, AuthorizationError> {
        Err(AuthorizationError::Forbidden)
    }
    async fn expired_token() -> Result<String, Detailed<AuthenticationError>> {
        Err(expired())
    }
    async fn card() -> Result<String, BillingError> {
        Err(BillingError::CardDeclined)
    }

    async fn session_expired() -> Result<String, SessionError> {
        Err(SessionError::Expired)
    }
    async fn authos_expired() -> Result<String, AuthenticationError> {
        Err(AuthenticationError::TokenExpired)
    }
    async fn invalid_fields() -> Result<String, FieldErrors> {
        Err(fields())
    }

    #[test]
    fn axum_answers_a_services_own_401_with_the_generic_defaults() {
        let layered = Router::new()
            .route("/layered/expired", get(session_expired))
            .route("/layered/authos-expired", get(authos_expired))
            .route("/layered/fields", get(invalid_fields))
            .layer(ErrorFormatLayer::default());
        let oauth = Router::new()
            .route("/oauth/expired", get(session_expired))
            .layer(ErrorFormatLayer::oauth());
        let app = Router::new()
            .route("/plain/expired", get(session_expired))
            .merge(layered)
            .merge(oauth);
        let server = AxumServer::start(app);
        check_generic_defaults(&server.client());
    }

    #[test]
    fn axum_sends_entry_defaults_and_scope_challenges() {
        let oauth = Router::new()
            .route("/oauth/quota", post(quota))
            .route("/oauth/admin", post(admin))
            .layer(ErrorFormatLayer::oauth().with_config(catalog::problem_config()));
        let scim = Router::new()
            .route("/scim/v2/Quota", post(quota))
            .route("/scim/v2/Users", post(admin))
            .layer(ErrorFormatLayer::scim().with_config(catalog::problem_config()));
        let app = Router::new()
            .route("/api/quota", get(quota))
            .route("/api/quota-soon", get(quota_soon))
            .route("/api/limited", get(limited))
            .route("/api/too-fast", get(too_fast))
            .route("/api/admin", get(admin))
            .route("/api/forbidden", get(forbidden))
            .route("/api/expired", get(expired_token))
            .route("/api/card", get(card))
            .merge(oauth)
            .merge(scim)
            .layer(ErrorFormatLayer::default().with_config(catalog::problem_config()));
        let server = AxumServer::start(app);
        check_routes(&server.client());
    }
}

mod actix_server {
    use super::*;

    async fn quota() -> Result<HttpResponse, QuotaError> {
        Err(QuotaError::Exhausted)
    }
    async fn quota_soon() -> Result<HttpResponse, Detailed<QuotaError>> {
        Err(soon())
    }
    async fn limited() -> Result<HttpResponse, GeneralError> {
        Err(GeneralError::RateLimitExceeded)
    }
    async fn too_fast() -> Result<HttpResponse, QuotaError> {
        Err(QuotaError::TooFast)
    }
    async fn admin() -> Result<HttpResponse, Detailed<AuthorizationError>> {
        Err(admin_scope())
    }
    async fn forbidden() -> Result<HttpResponse, AuthorizationError> {
        Err(AuthorizationError::Forbidden)
    }
    async fn expired_token() -> Result<HttpResponse, Detailed<AuthenticationError>> {
        Err(expired())
    }
    async fn card() -> Result<HttpResponse, BillingError> {
        Err(BillingError::CardDeclined)
    }

    fn routes(config: &mut web::ServiceConfig) {
        config.service(
            web::scope("")
                .wrap(ErrorFormatMiddleware::default().with_config(catalog::problem_config()))
                .route("/api/quota", web::get().to(quota))
                .route("/api/quota-soon", web::get().to(quota_soon))
                .route("/api/limited", web::get().to(limited))
                .route("/api/too-fast", web::get().to(too_fast))
                .route("/api/admin", web::get().to(admin))
                .route("/api/forbidden", web::get().to(forbidden))
                .route("/api/expired", web::get().to(expired_token))
                .route("/api/card", web::get().to(card))
                .service(
                    web::scope("/oauth")
                        .wrap(ErrorFormatMiddleware::oauth().with_config(catalog::problem_config()))
                        .route("/quota", web::post().to(quota))
                        .route("/admin", web::post().to(admin)),
                )
                .service(
                    web::scope("/scim/v2")
                        .wrap(ErrorFormatMiddleware::scim().with_config(catalog::problem_config()))
                        .route("/Quota", web::post().to(quota))
                        .route("/Users", web::post().to(admin)),
                ),
        );
    }

    async fn session_expired() -> Result<HttpResponse, SessionError> {
        Err(SessionError::Expired)
    }
    async fn authos_expired() -> Result<HttpResponse, AuthenticationError> {
        Err(AuthenticationError::TokenExpired)
    }
    async fn invalid_fields() -> Result<HttpResponse, FieldErrors> {
        Err(fields())
    }

    fn generic_routes(config: &mut web::ServiceConfig) {
        config
            .route("/plain/expired", web::get().to(session_expired))
            .service(
                web::scope("/layered")
                    .wrap(ErrorFormatMiddleware::default())
                    .route("/expired", web::get().to(session_expired))
                    .route("/authos-expired", web::get().to(authos_expired))
                    .route("/fields", web::get().to(invalid_fields)),
            )
            .service(
                web::scope("/oauth")
                    .wrap(ErrorFormatMiddleware::oauth())
                    .route("/expired", web::get().to(session_expired)),
            );
    }

    #[test]
    fn actix_answers_a_services_own_401_with_the_generic_defaults() {
        let server = ActixServer::start(generic_routes);
        check_generic_defaults(&server.client());
    }

    #[test]
    fn actix_sends_entry_defaults_and_scope_challenges() {
        let server = ActixServer::start(routes);
        check_routes(&server.client());
    }
}
