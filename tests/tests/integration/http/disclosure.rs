//! The one 5xx text rule over a real socket: a handler's `with_message` on a 5xx reaches the
//! log line and no response, in each of the four formats; `with_public_message` reaches them all.

use authos_errors::axum::ErrorFormatLayer;
use authos_errors::catalog::InfrastructureError;
use authos_errors::{ApiErrorCodeExt, Detailed};
use axum::Router;
use axum::routing::get;
use serde_json::Value;

use crate::http_support::{AxumServer, Client, PROBLEM};

/// What the handler writes from the failed call.
const SECRET: &str = "secret: db01 refused user=app password=hunter2";

/// A text written for the client.
const PUBLIC: &str = "Scheduled maintenance until 10:00 UTC";

async fn withheld() -> Result<String, Detailed<InfrastructureError>> {
    Err(InfrastructureError::DatabaseError.with_message(SECRET))
}

async fn public() -> Result<String, Detailed<InfrastructureError>> {
    Err(InfrastructureError::DatabaseError.with_public_message(PUBLIC))
}

fn server() -> AxumServer {
    let routes = || {
        Router::new()
            .route("/withheld", get(withheld))
            .route("/public", get(public))
    };
    let app = Router::new()
        .nest("/api", routes())
        .nest("/oauth", routes().layer(ErrorFormatLayer::oauth()))
        .nest("/scim/v2", routes().layer(ErrorFormatLayer::scim()))
        .layer(ErrorFormatLayer::default());
    AxumServer::start(app)
}

/// The text member of each format's answer at `path` (`/withheld` or `/public`), with the
/// whole body and headers: `(format, text, everything sent)`.
fn answers(client: &Client, path: &str) -> Vec<(&'static str, String, String)> {
    let asks = [
        ("json", format!("/api{path}"), None, "error"),
        ("problem+json", format!("/api{path}"), PROBLEM, "detail"),
        ("oauth", format!("/oauth{path}"), None, "error_description"),
        ("scim", format!("/scim/v2{path}"), None, "detail"),
    ];
    asks.into_iter()
        .map(|(format, url, accept, member)| {
            let reply = client.get(&url, accept);
            assert_eq!(reply.status, 500, "{format}: {}", reply.body);
            let value: Value = serde_json::from_str(&reply.body).expect("a JSON body");
            let text = value[member].as_str().expect("a string member").to_owned();
            let sent = format!("{}\n{}", reply.headers_text(), reply.body);
            (format, text, sent)
        })
        .collect()
}

#[test]
fn a_5xx_handler_message_is_logged_and_never_sent_in_any_format() {
    let server = server();
    let client = server.client();
    for (format, text, sent) in answers(&client, "/withheld") {
        assert_eq!(text, "Database operation failed", "{format}");
        assert!(
            !sent.contains("hunter2"),
            "{format} sent the secret: {sent}"
        );
    }
    let logs = server.logs().lines();
    let logged: Vec<&String> = logs.iter().filter(|line| line.contains(SECRET)).collect();
    assert_eq!(logged.len(), 4, "one 5xx line per request: {logs:?}");
    for line in logged {
        assert!(
            line.contains(&format!("withheld_message={SECRET}"))
                && line.contains("error_message=Database operation failed")
                && line.contains("DATABASE_ERROR"),
            "{line}"
        );
    }
}

#[test]
fn a_public_5xx_message_is_sent_in_every_format() {
    let server = server();
    for (format, text, _) in answers(&server.client(), "/public") {
        assert_eq!(text, PUBLIC, "{format}");
    }
    assert!(
        server
            .logs()
            .lines()
            .iter()
            .all(|line| !line.contains("withheld_message")),
        "nothing was withheld"
    );
}
