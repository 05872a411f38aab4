//! A standard OAuth 2.0 client library (the `oauth2` crate) runs the demo's RFC 8628 device
//! flow over a real socket, against the axum demo and the actix-web routes alike: it completes
//! after `authorization_pending` answers, and reads each device-flow error as the RFC's typed
//! error, the AuthOS code still in the body.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::Duration;

use oauth2::basic::{BasicClient, BasicErrorResponseType, BasicTokenType};
use oauth2::{
    AuthorizationCode, ClientId, DeviceAuthorizationUrl, DeviceCodeErrorResponseType,
    EndpointNotSet, EndpointSet, RequestTokenError, StandardDeviceAuthorizationResponse,
    StandardErrorResponse, TokenResponse, TokenUrl, reqwest,
};

use crate::protocol_demo::{Framework, ManualClock, Server, Settings, protocols};

const FRAMEWORKS: [Framework; 2] = [Framework::Axum, Framework::Actix];
const CLIENT_ID: &str = "living-room-tv";

/// Device codes live 10 minutes; the client is asked to poll every second.
fn settings() -> Settings {
    Settings {
        device_code_lifetime: Duration::from_secs(600),
        poll_interval: Duration::from_secs(1),
        ..Settings::default()
    }
}

type DeviceClient =
    BasicClient<EndpointNotSet, EndpointSet, EndpointNotSet, EndpointNotSet, EndpointSet>;

/// The OAuth client of a TV app, as its documentation configures it.
fn oauth_client(server: &Server, client_id: &str) -> DeviceClient {
    let base = server.base_url();
    BasicClient::new(ClientId::new(client_id.to_owned()))
        .set_device_authorization_url(
            DeviceAuthorizationUrl::new(format!("{base}/api/oauth/device/code")).expect("a URL"),
        )
        .set_token_uri(TokenUrl::new(format!("{base}/api/oauth/token")).expect("a URL"))
}

fn http_client() -> reqwest::Client {
    reqwest::ClientBuilder::new()
        // As the oauth2 crate asks: a token endpoint is never followed through redirects.
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("a reqwest client")
}

fn block_on<F: Future>(future: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime")
        .block_on(future)
}

/// The device authorization response, through the client.
async fn start_flow(
    client: &DeviceClient,
    http: &reqwest::Client,
) -> StandardDeviceAuthorizationResponse {
    client
        .exchange_device_code()
        .request_async(http)
        .await
        .expect("the device authorization response parses")
}

/// How the tests sleep between polls: briefly, whatever interval the server asks for (the
/// client's own loop still decides when to poll again).
fn short_sleep(_interval: Duration) -> tokio::time::Sleep {
    tokio::time::sleep(Duration::from_millis(10))
}

#[test]
fn a_standard_client_completes_the_device_flow_after_pending_answers() {
    for framework in FRAMEWORKS {
        let clock = ManualClock::new();
        let server = Server::start(framework, &clock, settings());
        let client = oauth_client(&server, CLIENT_ID);
        let http = http_client();
        let details = block_on(start_flow(&client, &http));

        let user_code = details.user_code().secret().clone();
        assert_eq!(
            user_code.len(),
            9,
            "{framework:?}: XXXX-XXXX, got {user_code}"
        );
        assert_eq!(
            details.verification_uri().url().as_str(),
            format!("{}{}", server.base_url(), protocols::VERIFY_PATH)
        );
        assert_eq!(details.expires_in(), Duration::from_secs(600));
        assert_eq!(details.interval(), Duration::from_secs(1));

        // The user approves on another device once the TV has been told twice to keep polling;
        // they type the code as people do, lowercase and without the dash.
        let (pending_sender, pending_answers) = mpsc::channel::<()>();
        let typed = user_code.to_lowercase().replace('-', "");
        let raw = server.raw();
        let approver = std::thread::spawn(move || {
            for _ in 0..2 {
                // The sender is dropped if the flow ends first: then there is nothing to approve.
                pending_answers.recv().ok()?;
            }
            Some(raw.post_form(protocols::VERIFY_PATH, &format!("user_code={typed}")))
        });
        let pending = Arc::new(AtomicUsize::new(0));
        let counted = Arc::clone(&pending);
        let sleep = move |interval| {
            counted.fetch_add(1, Ordering::SeqCst);
            let _ = pending_sender.send(());
            short_sleep(interval)
        };
        let token = block_on(
            client
                .exchange_device_access_token(&details)
                .request_async(&http, sleep, None),
        )
        .unwrap_or_else(|e| panic!("{framework:?}: the flow completes: {e:?}"));

        let approval = approver
            .join()
            .expect("the approver runs")
            .expect("the flow waited for the user");
        assert_eq!(approval.status, 200, "{}", approval.body);
        assert_eq!(approval.json(), serde_json::json!({ "approved": true }));
        assert!(pending.load(Ordering::SeqCst) >= 2, "{framework:?}");
        assert_eq!(*token.token_type(), BasicTokenType::Bearer);
        assert_eq!(token.access_token().secret().len(), 32);
        assert_eq!(token.expires_in(), Some(protocols::ACCESS_TOKEN_LIFETIME));

        // A device code is redeemed once.
        let again = block_on(client.exchange_device_access_token(&details).request_async(
            &http,
            short_sleep,
            None,
        ));
        let error = server_error(again, framework);
        assert_eq!(
            *error.error(),
            DeviceCodeErrorResponseType::Basic(BasicErrorResponseType::InvalidGrant)
        );
    }
}

/// The error the server answered (not one the client made up), as the client typed it.
fn server_error<T: std::fmt::Debug, E: std::error::Error + 'static>(
    result: Result<T, RequestTokenError<E, oauth2::DeviceCodeErrorResponse>>,
    framework: Framework,
) -> oauth2::DeviceCodeErrorResponse {
    match result {
        Err(RequestTokenError::ServerResponse(error)) => error,
        other => panic!("{framework:?}: expected an error response, got {other:?}"),
    }
}

#[test]
fn an_expired_device_code_reads_as_expired_token() {
    for framework in FRAMEWORKS {
        let clock = ManualClock::new();
        let server = Server::start(framework, &clock, settings());
        let client = oauth_client(&server, CLIENT_ID);
        let http = http_client();
        let details = block_on(start_flow(&client, &http));

        // Only the server's clock moves: the client still believes the code is valid and asks,
        // so the `expired_token` below is the server's answer, not the client's own timeout
        // (which would say "This device code has expired.").
        clock.advance(Duration::from_secs(600));
        let result = block_on(client.exchange_device_access_token(&details).request_async(
            &http,
            short_sleep,
            None,
        ));
        let error = server_error(result, framework);
        assert_eq!(*error.error(), DeviceCodeErrorResponseType::ExpiredToken);
        assert_eq!(
            error.error_description().map(String::as_str),
            Some("Device code expired")
        );

        // The user who comes back too late is told so, in the AuthOS format of the user's API.
        let typed = details.user_code().secret();
        let late = server
            .raw()
            .post_form(protocols::VERIFY_PATH, &format!("user_code={typed}"));
        assert_eq!(late.status, 400, "{}", late.body);
        assert_eq!(late.header("content-type"), Some("application/json"));
        assert_eq!(late.json()["error_code"], "DEVICE_CODE_EXPIRED");
    }
}

#[test]
fn an_unknown_or_foreign_device_code_reads_as_invalid_grant() {
    for framework in FRAMEWORKS {
        let clock = ManualClock::new();
        let server = Server::start(framework, &clock, settings());
        let http = http_client();

        // A device code this server never issued.
        let client = oauth_client(&server, CLIENT_ID);
        let forged: StandardDeviceAuthorizationResponse =
            serde_json::from_value(serde_json::json!({
                "device_code": "not-a-device-code",
                "user_code": "BCDF-GHJK",
                "verification_uri": format!("{}{}", server.base_url(), protocols::VERIFY_PATH),
                "expires_in": 600,
                "interval": 1,
            }))
            .expect("a device authorization response");
        let result = block_on(client.exchange_device_access_token(&forged).request_async(
            &http,
            short_sleep,
            None,
        ));
        let error = server_error(result, framework);
        assert_eq!(
            *error.error(),
            DeviceCodeErrorResponseType::Basic(BasicErrorResponseType::InvalidGrant)
        );
        assert_eq!(
            error.error_description().map(String::as_str),
            Some("Device code not found")
        );

        // A real device code, redeemed by another client.
        let details = block_on(start_flow(&client, &http));
        let intruder = oauth_client(&server, "someone-else");
        let result = block_on(
            intruder
                .exchange_device_access_token(&details)
                .request_async(&http, short_sleep, None),
        );
        let error = server_error(result, framework);
        assert_eq!(
            *error.error(),
            DeviceCodeErrorResponseType::Basic(BasicErrorResponseType::InvalidGrant)
        );
        assert_eq!(
            error.error_description().map(String::as_str),
            Some("Device code was issued to another client")
        );
    }
}

#[test]
fn other_grant_types_read_as_unsupported_grant_type() {
    for framework in FRAMEWORKS {
        let clock = ManualClock::new();
        let server = Server::start(framework, &clock, settings());
        let client = oauth_client(&server, CLIENT_ID);
        let http = http_client();

        // The same client library, trying the grants this token endpoint does not serve.
        let code = block_on(
            client
                .exchange_code(AuthorizationCode::new("some-code".to_owned()))
                .request_async(&http),
        );
        let credentials = block_on(client.exchange_client_credentials().request_async(&http));
        for result in [code, credentials] {
            match result {
                Err(RequestTokenError::ServerResponse(error)) => {
                    assert_eq!(*error.error(), BasicErrorResponseType::UnsupportedGrantType);
                }
                other => panic!("{framework:?}: expected unsupported_grant_type, got {other:?}"),
            }
        }

        // On the wire: RFC 6749 §5.2's body and headers, the AuthOS code kept.
        let reply = server.raw().post_form(
            "/api/oauth/token",
            "grant_type=password&username=a&password=b",
        );
        assert_eq!(reply.status, 400, "{}", reply.body);
        assert_eq!(reply.header("content-type"), Some("application/json"));
        assert_eq!(reply.header("cache-control"), Some("no-store"));
        assert_eq!(reply.header("pragma"), Some("no-cache"));
        let parsed: StandardErrorResponse<BasicErrorResponseType> =
            serde_json::from_str(&reply.body).expect("an RFC 6749 error response");
        assert_eq!(
            *parsed.error(),
            BasicErrorResponseType::UnsupportedGrantType
        );
        assert_eq!(reply.json()["error_code"], "INVALID_GRANT_TYPE");
    }
}

#[test]
fn malformed_requests_read_as_invalid_request() {
    for framework in FRAMEWORKS {
        let clock = ManualClock::new();
        let server = Server::start(framework, &clock, settings());
        let raw = server.raw();
        let cases = [
            (
                "/api/oauth/device/code",
                "",
                "Missing parameter `client_id`",
            ),
            (
                "/api/oauth/token",
                "device_code=x",
                "Missing parameter `grant_type`",
            ),
            (
                "/api/oauth/token",
                "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Adevice_code&client_id=a",
                "Missing parameter `device_code`",
            ),
            (
                "/api/oauth/token",
                "grant_type=a&grant_type=b",
                "Parameter `grant_type` is sent more than once",
            ),
        ];
        for (path, form, description) in cases {
            let reply = raw.post_form(path, form);
            assert_eq!(
                reply.status, 400,
                "{framework:?} {path} {form}: {}",
                reply.body
            );
            assert_eq!(reply.header("cache-control"), Some("no-store"));
            let parsed: StandardErrorResponse<BasicErrorResponseType> =
                serde_json::from_str(&reply.body).expect("an RFC 6749 error response");
            assert_eq!(*parsed.error(), BasicErrorResponseType::InvalidRequest);
            assert_eq!(
                parsed.error_description().map(String::as_str),
                Some(description)
            );
            assert_eq!(reply.json()["error_code"], "BAD_REQUEST");
        }
    }
}

#[test]
fn a_successful_token_response_is_not_cached() {
    for framework in FRAMEWORKS {
        let clock = ManualClock::new();
        let server = Server::start(framework, &clock, settings());
        let raw = server.raw();
        let started = raw.post_form("/api/oauth/device/code", "client_id=cli");
        assert_eq!(started.status, 200, "{}", started.body);
        assert_eq!(started.header("cache-control"), Some("no-store"));
        let started = started.json();
        let user_code = started["user_code"].as_str().expect("a user code");
        let device_code = started["device_code"].as_str().expect("a device code");
        let approved = raw.post_form(protocols::VERIFY_PATH, &format!("user_code={user_code}"));
        assert_eq!(approved.status, 200, "{}", approved.body);

        let form = format!(
            "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Adevice_code\
             &device_code={device_code}&client_id=cli"
        );
        let reply = raw.post_form("/api/oauth/token", &form);
        assert_eq!(reply.status, 200, "{framework:?}: {}", reply.body);
        assert_eq!(reply.header("content-type"), Some("application/json"));
        assert_eq!(reply.header("cache-control"), Some("no-store"));
        assert_eq!(reply.header("pragma"), Some("no-cache"));
        let token = reply.json();
        assert_eq!(token["token_type"], "Bearer");
        assert_eq!(token["expires_in"], 3600);
        assert!(token["access_token"].is_string());
    }
}

#[test]
fn the_approval_endpoint_answers_in_the_authos_formats() {
    for framework in FRAMEWORKS {
        let clock = ManualClock::new();
        let server = Server::start(framework, &clock, settings());
        let raw = server.raw();
        // The user's endpoint, not the OAuth client's: AuthOS JSON, or problem+json when asked.
        let reply = raw.post_form(protocols::VERIFY_PATH, "user_code=ZZZZ-ZZZZ");
        assert_eq!(reply.status, 400, "{framework:?}: {}", reply.body);
        assert_eq!(reply.header("content-type"), Some("application/json"));
        assert_eq!(reply.header("cache-control"), None);
        let body = reply.json();
        assert_eq!(body["error_code"], "INVALID_DEVICE_CODE");
        assert_eq!(body["error"], "No device is waiting for this user code");

        let reply = raw.post_form_accepting(
            protocols::VERIFY_PATH,
            "user_code=ZZZZ-ZZZZ",
            Some("application/problem+json"),
        );
        assert_eq!(reply.status, 400, "{framework:?}: {}", reply.body);
        assert_eq!(
            reply.header("content-type"),
            Some("application/problem+json")
        );
        assert_eq!(reply.json()["error_code"], "INVALID_DEVICE_CODE");
    }
}
