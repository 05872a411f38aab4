//! The demo's OAuth 2.0 device flow and SCIM endpoints (`authos_errors_demo::protocols`) served by
//! axum (the demo app itself) and by actix-web (thin handlers over the same logic, here), a
//! clock the tests advance, and a raw HTTP client for requests a protocol client library would
//! not send.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use authos_errors::Detailed;
use authos_errors::actix::ErrorFormatMiddleware;
use authos_errors::catalog::AuthOsError;
use authos_errors_demo as app;

use crate::http_support::{ActixServer, AxumServer, bind};

pub use authos_errors_demo::protocols::{
    self, ProtocolReply, ProtocolRequest, Protocols, Settings,
};

/// A clock that stands still until a test moves it.
#[derive(Clone)]
pub struct ManualClock {
    start: Instant,
    elapsed_secs: Arc<AtomicU64>,
}

impl ManualClock {
    pub fn new() -> ManualClock {
        ManualClock {
            start: Instant::now(),
            elapsed_secs: Arc::new(AtomicU64::new(0)),
        }
    }

    pub fn advance(&self, by: Duration) {
        self.elapsed_secs.fetch_add(by.as_secs(), Ordering::SeqCst);
    }

    pub fn clock(&self) -> protocols::Clock {
        let this = self.clone();
        Arc::new(move || this.start + Duration::from_secs(this.elapsed_secs.load(Ordering::SeqCst)))
    }
}

/// Which framework serves the demo.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Framework {
    Axum,
    Actix,
}

/// A running demo server of either framework.
pub enum Server {
    Axum(AxumServer),
    Actix(ActixServer),
}

impl Server {
    /// The demo with `settings` and `clock`, its public base URL its own address as the demo
    /// server sets it without `PUBLIC_BASE_URL`: for axum the whole demo app
    /// (`app_with_protocols`), for actix-web the protocol routes of [`actix_routes`].
    pub fn start(framework: Framework, clock: &ManualClock, mut settings: Settings) -> Server {
        let listener = bind();
        let addr = listener.local_addr().expect("the bound address");
        settings.public_base_url = format!("http://{addr}");
        Server::start_on(listener, framework, clock, settings)
    }

    /// The demo with `settings` as they are, `public_base_url` included.
    pub fn start_configured(
        framework: Framework,
        clock: &ManualClock,
        settings: Settings,
    ) -> Server {
        Server::start_on(bind(), framework, clock, settings)
    }

    fn start_on(
        listener: std::net::TcpListener,
        framework: Framework,
        clock: &ManualClock,
        settings: Settings,
    ) -> Server {
        match framework {
            Framework::Axum => Server::Axum(AxumServer::start_on(
                listener,
                app::app_with_protocols(clock.clock(), settings),
            )),
            Framework::Actix => {
                let protocols = web::Data::new(Protocols::new(clock.clock(), settings));
                Server::Actix(ActixServer::start_on(listener, move |config| {
                    actix_routes(config, protocols.clone());
                }))
            }
        }
    }

    /// The address served.
    pub fn addr(&self) -> std::net::SocketAddr {
        match self {
            Server::Axum(server) => server.addr(),
            Server::Actix(server) => server.addr(),
        }
    }

    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr())
    }

    pub fn raw(&self) -> RawClient {
        RawClient::new(self.base_url())
    }
}

/// The protocol routes for actix-web: the axum demo's route groups (`protocols_axum.rs`), each
/// under its format middleware.
pub fn actix_routes(config: &mut web::ServiceConfig, protocols: web::Data<Protocols>) {
    config
        .app_data(protocols)
        .service(
            web::resource("/api/oauth/device/code")
                .wrap(
                    ErrorFormatMiddleware::oauth()
                        .with_config(authos_errors::catalog::problem_config()),
                )
                .route(web::post().to(device_authorization)),
        )
        .service(
            web::resource("/api/oauth/token")
                .wrap(
                    ErrorFormatMiddleware::oauth()
                        .with_config(authos_errors::catalog::problem_config()),
                )
                .route(web::post().to(token)),
        )
        .service(
            web::resource(protocols::VERIFY_PATH)
                .wrap(
                    ErrorFormatMiddleware::default()
                        .with_config(authos_errors::catalog::problem_config()),
                )
                .route(web::post().to(approve_device)),
        )
        .service(
            web::scope("/scim/v2")
                .wrap(
                    ErrorFormatMiddleware::scim()
                        .with_config(authos_errors::catalog::problem_config()),
                )
                .service(
                    web::resource("/Users")
                        .route(web::post().to(create_user))
                        .route(web::get().to(list_users)),
                )
                .service(web::resource("/Users/{id}").route(web::get().to(get_user))),
        );
}

type Shared = web::Data<Protocols>;
type Answer = Result<HttpResponse, Detailed<AuthOsError>>;

fn request<'a>(request: &'a HttpRequest, body: &'a [u8]) -> ProtocolRequest<'a> {
    let text = |name| {
        request
            .headers()
            .get(name)
            .and_then(|value| value.to_str().ok())
    };
    ProtocolRequest {
        authorization: text(actix_web::http::header::AUTHORIZATION),
        query: Some(request.query_string()).filter(|query| !query.is_empty()),
        body,
    }
}

fn respond(reply: ProtocolReply) -> HttpResponse {
    let mut response =
        HttpResponse::build(StatusCode::from_u16(reply.status).unwrap_or(StatusCode::OK));
    for (name, value) in reply.headers {
        response.insert_header((name, value));
    }
    response.body(reply.body)
}

async fn device_authorization(p: Shared, r: HttpRequest, body: web::Bytes) -> Answer {
    p.device_authorization(&request(&r, &body)).map(respond)
}

async fn approve_device(p: Shared, r: HttpRequest, body: web::Bytes) -> Answer {
    p.approve_device(&request(&r, &body)).map(respond)
}

async fn token(p: Shared, r: HttpRequest, body: web::Bytes) -> Answer {
    p.token(&request(&r, &body)).map(respond)
}

async fn create_user(p: Shared, r: HttpRequest, body: web::Bytes) -> Answer {
    p.create_user(&request(&r, &body)).map(respond)
}

async fn list_users(p: Shared, r: HttpRequest) -> Answer {
    p.list_users(&request(&r, &[])).map(respond)
}

async fn get_user(p: Shared, r: HttpRequest, id: web::Path<String>) -> Answer {
    p.get_user(&request(&r, &[]), &id).map(respond)
}

/// One response as received.
#[derive(Debug)]
pub struct Answered {
    pub status: u16,
    headers: Vec<(String, String)>,
    pub body: String,
}

impl Answered {
    /// The value of header `name`, when sent once; panics when it is sent more than once.
    pub fn header(&self, name: &str) -> Option<&str> {
        let mut values = self
            .headers
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str());
        let first = values.next();
        assert!(values.next().is_none(), "header {name} sent more than once");
        first
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body)
            .unwrap_or_else(|e| panic!("a JSON body ({e}): {}", self.body))
    }
}

/// A blocking client sending exactly the requests a test writes, statuses as data.
pub struct RawClient {
    agent: ureq::Agent,
    base: String,
}

impl RawClient {
    fn new(base: String) -> RawClient {
        let config = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(30)))
            .build();
        RawClient {
            agent: ureq::Agent::new_with_config(config),
            base,
        }
    }

    /// `POST path` with an `application/x-www-form-urlencoded` body.
    pub fn post_form(&self, path: &str, form: &str) -> Answered {
        self.post_form_accepting(path, form, None)
    }

    /// `POST path` with a form body and `Accept: <accept>` when given.
    pub fn post_form_accepting(&self, path: &str, form: &str, accept: Option<&str>) -> Answered {
        let mut request = self
            .agent
            .post(format!("{}{path}", self.base))
            .header("content-type", "application/x-www-form-urlencoded");
        if let Some(accept) = accept {
            request = request.header("accept", accept);
        }
        read(request.send(form))
    }

    /// `GET path`, with `Authorization: <authorization>` when given.
    pub fn get(&self, path: &str, authorization: Option<&str>) -> Answered {
        let mut request = self.agent.get(format!("{}{path}", self.base));
        if let Some(authorization) = authorization {
            request = request.header("authorization", authorization);
        }
        read(request.call())
    }

    /// `POST path` with a SCIM body, with `Authorization: <authorization>` when given.
    pub fn post_scim(&self, path: &str, authorization: Option<&str>, body: &str) -> Answered {
        let mut request = self
            .agent
            .post(format!("{}{path}", self.base))
            .header("content-type", protocols::SCIM_CONTENT_TYPE)
            .header("accept", protocols::SCIM_CONTENT_TYPE);
        if let Some(authorization) = authorization {
            request = request.header("authorization", authorization);
        }
        read(request.send(body))
    }
}

fn read(result: Result<ureq::http::Response<ureq::Body>, ureq::Error>) -> Answered {
    let mut response = result.expect("the server answers");
    let headers = response
        .headers()
        .iter()
        .map(|(name, value)| {
            let value = value.to_str().expect("an ASCII header value");
            (name.as_str().to_owned(), value.to_owned())
        })
        .collect();
    let body = response.body_mut().read_to_string().expect("a UTF-8 body");
    Answered {
        status: response.status().as_u16(),
        headers,
        body,
    }
}
