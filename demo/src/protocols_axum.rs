//! The axum routes of `protocols.rs`: thin handlers, and the route groups that choose each
//! protocol's error format.

use std::sync::Arc;

use authos_errors::Detailed;
use authos_errors::axum::ErrorFormatLayer;
use authos_errors::catalog::{self, AuthOsError};
use authos_errors::framework::{FrameworkError, FrameworkRejection};
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get, post};

use super::protocols::{ProtocolReply, ProtocolRequest, Protocols, USERS_PATH, VERIFY_PATH};
use super::{FormBody, form_body_limit};

/// The device flow under the OAuth error format, the user's approval under the AuthOS formats
/// (negotiated), SCIM Users under the SCIM error format.
pub fn router(protocols: Arc<Protocols>) -> Router {
    let oauth = Router::new()
        .route("/api/oauth/device/code", post(device_authorization))
        .route("/api/oauth/token", post(token))
        .route_layer(form_body_limit())
        .route_layer(ErrorFormatLayer::oauth().with_config(catalog::problem_config()));
    let user = Router::new()
        .route(VERIFY_PATH, post(approve_device))
        .route_layer(form_body_limit())
        .route_layer(ErrorFormatLayer::default().with_config(catalog::problem_config()));
    let scim = Router::new()
        .route(USERS_PATH, post(create_user).get(list_users))
        .route(&format!("{USERS_PATH}/{{id}}"), get(get_user))
        // Any other path under SCIM's base is a SCIM resource that does not exist.
        .route(&format!("{SCIM_BASE}/{{*rest}}"), any(scim_not_found))
        .route_layer(ErrorFormatLayer::scim().with_config(catalog::problem_config()));
    oauth.merge(user).merge(scim).with_state(protocols)
}

/// The base of SCIM's endpoints (RFC 7644 §3.13).
const SCIM_BASE: &str = "/scim/v2";

type Shared = State<Arc<Protocols>>;
type Answer = Result<Response, Detailed<AuthOsError>>;

fn request<'a>(headers: &'a HeaderMap, uri: &'a Uri, body: &'a [u8]) -> ProtocolRequest<'a> {
    let text = |name| headers.get(name).and_then(|value| value.to_str().ok());
    ProtocolRequest {
        authorization: text(header::AUTHORIZATION),
        query: uri.query(),
        body,
    }
}

fn respond(reply: ProtocolReply) -> Response {
    let status = StatusCode::from_u16(reply.status).unwrap_or(StatusCode::OK);
    let mut response = (status, reply.body).into_response();
    for (name, value) in reply.headers {
        if let Ok(value) = value.parse() {
            response.headers_mut().insert(name, value);
        }
    }
    response
}

async fn device_authorization(
    State(p): Shared,
    h: HeaderMap,
    uri: Uri,
    FormBody(body): FormBody,
) -> Answer {
    p.device_authorization(&request(&h, &uri, &body))
        .map(respond)
}

async fn approve_device(
    State(p): Shared,
    h: HeaderMap,
    uri: Uri,
    FormBody(body): FormBody,
) -> Answer {
    p.approve_device(&request(&h, &uri, &body)).map(respond)
}

async fn token(State(p): Shared, h: HeaderMap, uri: Uri, FormBody(body): FormBody) -> Answer {
    p.token(&request(&h, &uri, &body)).map(respond)
}

async fn create_user(State(p): Shared, h: HeaderMap, uri: Uri, body: Bytes) -> Answer {
    p.create_user(&request(&h, &uri, &body)).map(respond)
}

async fn list_users(State(p): Shared, h: HeaderMap, uri: Uri) -> Answer {
    p.list_users(&request(&h, &uri, &[])).map(respond)
}

async fn get_user(State(p): Shared, Path(id): Path<String>, h: HeaderMap, uri: Uri) -> Answer {
    p.get_user(&request(&h, &uri, &[]), &id).map(respond)
}

/// Any other path under [`SCIM_BASE`]: `NOT_FOUND`, answered in SCIM's format by its group.
async fn scim_not_found() -> FrameworkRejection {
    FrameworkRejection::new(FrameworkError::NotFound)
}
