//! Route groups answering in their protocol's error shape over a real socket, for axum and
//! actix-web alike: an OAuth token endpoint (RFC 6749 §5.2 / RFC 8628), SCIM endpoints
//! (RFC 7644 §3.12), and the AuthOS API around them, which keeps its own formats.

use actix_web::{HttpResponse, web};
use authos_errors::ApiErrorCode;
use authos_errors::actix::ErrorFormatMiddleware;
use authos_errors::axum::ErrorFormatLayer;
use authos_errors::catalog::{AuthenticationError, DeviceFlowError, ScimError};
use axum::Router;
use axum::routing::{get, post};

use crate::http_support::{
    ActixServer, AxumServer, Client, LogCapture, PROBLEM, Reply, TIMESTAMP, assert_json_error, body,
};

/// What the failing store says, per server; it must reach that server's log once and never a
/// response.
const AXUM_STORE_FAILURE: &str = "axum token store unreachable (secret=s3cr3t)";
const ACTIX_STORE_FAILURE: &str = "actix token store unreachable (secret=s3cr3t)";

/// A service's own 5xx, with a source that must never be sent.
#[derive(Debug, ApiErrorCode)]
#[api_error(group = "Infrastructure Errors")]
enum TokenStoreError {
    /// Token store failed
    #[code("TOKEN_STORE_ERROR", status = 500)]
    Unreachable(#[source] std::io::Error),
}

fn token_store_failure(text: &str) -> TokenStoreError {
    TokenStoreError::Unreachable(std::io::Error::other(text))
}

/// The routes both servers serve: `/oauth/*` under the OAuth format, `/scim/v2/*` under SCIM,
/// `/api/*` negotiated (problem+json when asked for, the AuthOS body otherwise).
fn check_routes(client: &Client) {
    // RFC 8628 §3.5: a polling device reads `authorization_pending` and keeps polling.
    let accepts = [None, Some("application/json"), PROBLEM];
    for accept in accepts {
        let reply = client.post("/oauth/token", "{}", accept);
        assert_oauth(
            &reply,
            400,
            "authorization_pending",
            "User hasn't authorized yet",
            "DEVICE_CODE_PENDING",
        );
        assert_eq!(reply.header("www-authenticate"), None);
    }

    let reply = client.post("/oauth/client", "{}", None);
    assert_oauth(
        &reply,
        401,
        "invalid_client",
        "Wrong email or password",
        "INVALID_CREDENTIALS",
    );
    assert_eq!(
        reply.header("www-authenticate"),
        Some(r#"Basic realm="authos""#)
    );

    let reply = client.post("/oauth/broken", "{}", None);
    assert_oauth(
        &reply,
        500,
        "server_error",
        "Token store failed",
        "TOKEN_STORE_ERROR",
    );
    assert!(!reply.body.contains("s3cr3t") && !reply.headers_text().contains("s3cr3t"));

    let reply = client.post("/scim/v2/Users", "{}", None);
    assert_eq!(reply.status, 409, "{}", reply.body);
    assert_eq!(reply.header("content-type"), Some("application/scim+json"));
    // RFC 7644 §3.12's members only; the AuthOS code in a header.
    assert_eq!(
        reply.body,
        concat!(
            r#"{"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"409","#,
            r#""scimType":"uniqueness","detail":"User already exists"}"#
        )
    );
    assert_eq!(reply.header("authos-error-code"), Some("SCIM_USER_EXISTS"));

    let reply = client.get("/scim/v2/Users/42", None);
    assert_eq!(reply.status, 401, "{}", reply.body);
    assert_eq!(reply.header("content-type"), Some("application/scim+json"));
    assert_eq!(
        reply.header("www-authenticate"),
        Some(
            r#"Bearer realm="authos", error="invalid_token", error_description="SCIM token invalid/expired""#
        )
    );
    assert_eq!(
        reply.header("authos-error-code"),
        Some("INVALID_SCIM_TOKEN")
    );

    // The same error outside the protocol groups keeps the AuthOS formats.
    let reply = client.get("/api/pending", None);
    assert_json_error(
        &reply,
        400,
        &body("User hasn’t authorized yet", "DEVICE_CODE_PENDING"),
    );
    assert_eq!(reply.header("cache-control"), None);
    let reply = client.get("/api/pending", PROBLEM);
    assert_eq!(reply.status, 400);
    assert_eq!(
        reply.header("content-type"),
        Some("application/problem+json")
    );
}

fn assert_oauth(reply: &Reply, status: u16, error: &str, description: &str, code: &str) {
    assert_eq!(reply.status, status, "{}", reply.body);
    assert_eq!(reply.header("content-type"), Some("application/json"));
    assert_eq!(reply.header("cache-control"), Some("no-store"));
    assert_eq!(reply.header("pragma"), Some("no-cache"));
    assert_eq!(
        reply.body_at_timestamp(),
        format!(
            r#"{{"error":"{error}","error_description":"{description}","error_code":"{code}","timestamp":"{TIMESTAMP}"}}"#
        )
    );
}

/// The 5xx was logged, with its source, exactly once (the re-rendering layers do not log).
fn assert_logged_once(logs: &LogCapture, failure: &str) {
    let logged = logs
        .lines()
        .into_iter()
        .filter(|line| line.contains("TOKEN_STORE_ERROR") && line.contains(failure))
        .count();
    assert_eq!(logged, 1);
}

mod axum_server {
    use super::*;

    async fn pending() -> Result<String, DeviceFlowError> {
        Err(DeviceFlowError::DeviceCodePending)
    }
    async fn bad_client() -> Result<String, AuthenticationError> {
        Err(AuthenticationError::InvalidCredentials)
    }
    async fn broken() -> Result<String, TokenStoreError> {
        Err(token_store_failure(AXUM_STORE_FAILURE))
    }
    async fn user_exists() -> Result<String, ScimError> {
        Err(ScimError::ScimUserExists)
    }
    async fn bad_token() -> Result<String, ScimError> {
        Err(ScimError::InvalidScimToken)
    }

    #[test]
    fn axum_route_groups_answer_in_their_protocol_shape() {
        let oauth = Router::new()
            .route("/oauth/token", post(pending))
            .route("/oauth/client", post(bad_client))
            .route("/oauth/broken", post(broken))
            .layer(ErrorFormatLayer::oauth().with_config(authos_errors::catalog::problem_config()));
        let scim = Router::new()
            .route("/scim/v2/Users", post(user_exists))
            .route("/scim/v2/Users/{id}", get(bad_token))
            .layer(ErrorFormatLayer::scim().with_config(authos_errors::catalog::problem_config()));
        let app = Router::new()
            .route("/api/pending", get(pending))
            .merge(oauth)
            .merge(scim)
            .layer(
                ErrorFormatLayer::default().with_config(authos_errors::catalog::problem_config()),
            );
        let server = AxumServer::start(app);
        check_routes(&server.client());
        let logs = server.logs().clone();
        drop(server);
        assert_logged_once(&logs, AXUM_STORE_FAILURE);
    }
}

mod actix_server {
    use super::*;

    async fn pending() -> Result<HttpResponse, DeviceFlowError> {
        Err(DeviceFlowError::DeviceCodePending)
    }
    async fn bad_client() -> Result<HttpResponse, AuthenticationError> {
        Err(AuthenticationError::InvalidCredentials)
    }
    async fn broken() -> Result<HttpResponse, TokenStoreError> {
        Err(token_store_failure(ACTIX_STORE_FAILURE))
    }
    async fn user_exists() -> Result<HttpResponse, ScimError> {
        Err(ScimError::ScimUserExists)
    }
    async fn bad_token() -> Result<HttpResponse, ScimError> {
        Err(ScimError::InvalidScimToken)
    }

    fn routes(config: &mut web::ServiceConfig) {
        config.service(
            web::scope("")
                .wrap(
                    ErrorFormatMiddleware::default()
                        .with_config(authos_errors::catalog::problem_config()),
                )
                .route("/api/pending", web::get().to(pending))
                .service(
                    web::scope("/oauth")
                        .wrap(
                            ErrorFormatMiddleware::oauth()
                                .with_config(authos_errors::catalog::problem_config()),
                        )
                        .route("/token", web::post().to(pending))
                        .route("/client", web::post().to(bad_client))
                        .route("/broken", web::post().to(broken)),
                )
                .service(
                    web::scope("/scim/v2")
                        .wrap(
                            ErrorFormatMiddleware::scim()
                                .with_config(authos_errors::catalog::problem_config()),
                        )
                        .route("/Users", web::post().to(user_exists))
                        .route("/Users/{id}", web::get().to(bad_token)),
                ),
        );
    }

    #[test]
    fn actix_scopes_answer_in_their_protocol_shape() {
        let server = ActixServer::start(routes);
        check_routes(&server.client());
        let logs = server.logs().clone();
        drop(server);
        assert_logged_once(&logs, ACTIX_STORE_FAILURE);
    }
}
