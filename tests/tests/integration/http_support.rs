//! Shared by the HTTP tests: a blocking HTTP client over a real socket, exact-body checks with
//! the timestamp verified by format, axum and actix-web servers on ephemeral ports, and a tracing
//! subscriber per server that captures what that server logs.

use std::fmt::{self, Write as _};
use std::net::{Ipv4Addr, SocketAddr, TcpListener};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::JoinHandle;
use std::time::Duration;

use actix_web::dev::{Service, ServiceRequest};
use authos_errors::client::{ErrorResponse, WireFormat};
use authos_errors::framework::FrameworkError;
use tracing::field::{Field, Visit};
use tracing::instrument::{WithDispatch, WithSubscriber as _};
use tracing::{Dispatch, Event, Metadata, Subscriber, span};

/// What the tests write in place of a timestamp whose format was checked.
pub const TIMESTAMP: &str = "<timestamp>";

/// One HTTP response as received.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    headers: Vec<(String, String)>,
    pub body: String,
}

impl Reply {
    /// Every header line, as `(name, value)`.
    pub fn headers(&self) -> impl Iterator<Item = (&str, &str)> {
        self.headers
            .iter()
            .map(|(name, value)| (name.as_str(), value.as_str()))
    }

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

    /// The body with its one `"timestamp"` value checked (`YYYY-MM-DDTHH:MM:SSZ`) and replaced
    /// by [`TIMESTAMP`], for exact comparison.
    pub fn body_at_timestamp(&self) -> String {
        stamp_free(&self.body)
    }
}

/// `body` with its one `"timestamp":"..."` value checked and replaced by [`TIMESTAMP`].
pub fn stamp_free(body: &str) -> String {
    const KEY: &str = "\"timestamp\":\"";
    let start = body.find(KEY).expect("the body has a timestamp") + KEY.len();
    assert_eq!(
        body[start..].matches(KEY).count(),
        0,
        "one timestamp only: {body}"
    );
    let value = body
        .get(start..start + 20)
        .expect("a 20-character timestamp");
    assert!(
        is_wire_timestamp(value),
        "timestamp {value:?} is not YYYY-MM-DDTHH:MM:SSZ"
    );
    assert_eq!(
        &body[start + 20..start + 21],
        "\"",
        "timestamp longer than expected: {body}"
    );
    format!("{}{TIMESTAMP}{}", &body[..start], &body[start + 20..])
}

fn is_wire_timestamp(value: &str) -> bool {
    value.len() == 20
        && value.bytes().enumerate().all(|(i, b)| match i {
            4 | 7 => b == b'-',
            10 => b == b'T',
            13 | 16 => b == b':',
            19 => b == b'Z',
            _ => b.is_ascii_digit(),
        })
}

/// A blocking client for one server. Statuses are data, not errors; a global timeout keeps a
/// broken server from hanging the test run.
pub struct Client {
    agent: ureq::Agent,
    base: String,
}

impl Client {
    pub fn new(addr: std::net::SocketAddr) -> Client {
        let config = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(30)))
            .build();
        Client {
            agent: ureq::Agent::new_with_config(config),
            base: format!("http://{addr}"),
        }
    }

    pub fn get(&self, path: &str, accept: Option<&str>) -> Reply {
        let mut request = self.agent.get(format!("{}{path}", self.base));
        if let Some(accept) = accept {
            request = request.header("accept", accept);
        }
        read(request.call())
    }

    /// A GET with the given request headers (`accept-language`, ...).
    pub fn get_with(&self, path: &str, headers: &[(&str, &str)]) -> Reply {
        let mut request = self.agent.get(format!("{}{path}", self.base));
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        read(request.call())
    }

    pub fn post(&self, path: &str, json: &str, accept: Option<&str>) -> Reply {
        let mut request = self
            .agent
            .post(format!("{}{path}", self.base))
            .header("content-type", "application/json");
        if let Some(accept) = accept {
            request = request.header("accept", accept);
        }
        read(request.send(json))
    }

    /// A POST of a JSON body with the given request headers.
    pub fn post_with(&self, path: &str, json: &str, headers: &[(&str, &str)]) -> Reply {
        let mut request = self
            .agent
            .post(format!("{}{path}", self.base))
            .header("content-type", "application/json");
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        read(request.send(json))
    }
}

impl Client {
    /// Any request: `method`, `path`, the given headers (no others but the client's own) and
    /// `body` (sent when not empty).
    pub fn send(&self, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Reply {
        let mut request = ureq::http::Request::builder()
            .method(method)
            .uri(format!("{}{path}", self.base));
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let request = request.body(body.to_vec()).expect("a valid request");
        read(self.agent.run(request))
    }
}

fn read(result: Result<ureq::http::Response<ureq::Body>, ureq::Error>) -> Reply {
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
    Reply {
        status: response.status().as_u16(),
        headers,
        body,
    }
}

/// Every event one server logged, one line each: `LEVEL field=value ...`.
///
/// Each server records into its own capture, never a process-wide subscriber: every test of
/// the binary runs in this process, so a test sees only the lines its own servers logged. An
/// axum server's thread has the capture as its default subscriber; actix-web's workers are
/// threads of its own, so there the capture is the subscriber of every request's future
/// ([`LogCapture::record_requests`]).
#[derive(Clone, Default)]
pub struct LogCapture {
    lines: Arc<Mutex<Vec<String>>>,
}

impl LogCapture {
    pub fn lines(&self) -> Vec<String> {
        self.lines
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }
}

impl Subscriber for LogCapture {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, _: &span::Attributes<'_>) -> span::Id {
        span::Id::from_u64(1)
    }
    fn record(&self, _: &span::Id, _: &span::Record<'_>) {}
    fn record_follows_from(&self, _: &span::Id, _: &span::Id) {}
    fn event(&self, event: &Event<'_>) {
        let mut line = event.metadata().level().to_string();
        event.record(&mut FieldWriter(&mut line));
        self.lines
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(line);
    }
    fn enter(&self, _: &span::Id) {}
    fn exit(&self, _: &span::Id) {}
}

impl LogCapture {
    /// A middleware for `App::wrap_fn` that runs each request with this capture as its tracing
    /// subscriber, wherever actix-web polls it.
    pub fn record_requests<S>(
        &self,
    ) -> impl Fn(ServiceRequest, &S) -> WithDispatch<S::Future> + Clone + use<S>
    where
        S: Service<ServiceRequest>,
    {
        let dispatch = Dispatch::new(self.clone());
        move |request, service| {
            // The synchronous part of `call` logs here too.
            let _default = tracing::dispatcher::set_default(&dispatch);
            service.call(request).with_subscriber(dispatch.clone())
        }
    }
}

struct FieldWriter<'a>(&'a mut String);

impl Visit for FieldWriter<'_> {
    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        let _ = write!(self.0, " {}={value:?}", field.name());
    }
    fn record_str(&mut self, field: &Field, value: &str) {
        let _ = write!(self.0, " {}={value}", field.name());
    }
}

impl Reply {
    /// Every header as `name: value` lines, to search what was sent.
    pub fn headers_text(&self) -> String {
        self.headers
            .iter()
            .map(|(name, value)| format!("{name}: {value}\n"))
            .collect()
    }
}

/// What serves `router` until the shutdown signal, for [`AxumServer::serve`].
fn serving(
    router: axum::Router,
) -> impl FnOnce(
    tokio::net::TcpListener,
    tokio::sync::oneshot::Receiver<()>,
) -> std::pin::Pin<Box<dyn std::future::Future<Output = ()>>>
+ Send
+ 'static {
    move |listener, stopped| {
        Box::pin(async move {
            axum::serve(listener, router)
                .with_graceful_shutdown(async move {
                    let _ = stopped.await;
                })
                .await
                .expect("the server runs");
        })
    }
}

/// A server on 127.0.0.1:<ephemeral> running `router` on its own thread until dropped.
pub struct AxumServer {
    addr: SocketAddr,
    logs: LogCapture,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl AxumServer {
    pub fn start(router: axum::Router) -> AxumServer {
        AxumServer::start_on(bind(), router)
    }

    /// The server on `listener`, bound by the caller (to build `router` knowing its address).
    pub fn start_on(listener: TcpListener, router: axum::Router) -> AxumServer {
        let logs = LogCapture::default();
        let dispatch = Dispatch::new(logs.clone());
        AxumServer::serve(listener, serving(router), logs, dispatch)
    }

    /// A server on 127.0.0.1:<ephemeral> running `run` (given the listener and the shutdown
    /// signal) on its own thread until dropped: any server library on tokio.
    pub fn start_with<F, S>(run: S) -> AxumServer
    where
        S: FnOnce(tokio::net::TcpListener, tokio::sync::oneshot::Receiver<()>) -> F
            + Send
            + 'static,
        F: std::future::Future<Output = ()>,
    {
        let logs = LogCapture::default();
        let dispatch = Dispatch::new(logs.clone());
        AxumServer::serve(bind(), run, logs, dispatch)
    }

    /// The server logging to `subscriber` instead of a [`LogCapture`] (its `logs()` stay empty).
    pub fn start_logging_to(
        router: axum::Router,
        subscriber: impl Subscriber + Send + Sync + 'static,
    ) -> AxumServer {
        AxumServer::serve(
            bind(),
            serving(router),
            LogCapture::default(),
            Dispatch::new(subscriber),
        )
    }

    fn serve<F, S>(
        listener: TcpListener,
        run: S,
        logs: LogCapture,
        dispatch: Dispatch,
    ) -> AxumServer
    where
        S: FnOnce(tokio::net::TcpListener, tokio::sync::oneshot::Receiver<()>) -> F
            + Send
            + 'static,
        F: std::future::Future<Output = ()>,
    {
        listener
            .set_nonblocking(true)
            .expect("non-blocking listener");
        let addr = listener.local_addr().expect("the bound address");
        let (shutdown, stopped) = tokio::sync::oneshot::channel::<()>();
        let thread = std::thread::spawn(move || {
            // A current-thread runtime: every task of the server runs, and logs, on this thread.
            let _default = tracing::dispatcher::set_default(&dispatch);
            // Timers too, for the tower-http timeout layer a test may install.
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("a tokio runtime");
            runtime.block_on(async move {
                let listener = tokio::net::TcpListener::from_std(listener).expect("tokio listener");
                run(listener, stopped).await;
            });
        });
        AxumServer {
            addr,
            logs,
            shutdown: Some(shutdown),
            thread: Some(thread),
        }
    }

    pub fn client(&self) -> Client {
        Client::new(self.addr)
    }

    /// The address served, for clients of other libraries.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// What this server logged.
    pub fn logs(&self) -> &LogCapture {
        &self.logs
    }
}

impl Drop for AxumServer {
    fn drop(&mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// The `Accept` value that asks for RFC 9457 problem details.
pub const PROBLEM: Option<&str> = Some("application/problem+json");

/// The expected JSON body, with the timestamp placeholder.
pub fn body(error: &str, code: &str) -> String {
    format!(r#"{{"error":"{error}","error_code":"{code}","timestamp":"{TIMESTAMP}"}}"#)
}

/// Status, content type and body of a plain JSON error reply.
pub fn assert_json_error(reply: &Reply, status: u16, expected_body: &str) {
    assert_eq!(reply.status, status, "{}", reply.body);
    assert_eq!(reply.header("content-type"), Some("application/json"));
    assert_eq!(reply.body_at_timestamp(), expected_body);
}

/// Status, content type and body of a problem+json reply.
pub fn assert_problem(reply: &Reply, status: u16, expected_body: &str) {
    assert_eq!(reply.status, status, "{}", reply.body);
    assert_eq!(
        reply.header("content-type"),
        Some("application/problem+json")
    );
    assert_eq!(reply.body_at_timestamp(), expected_body);
}

/// An actix-web server on 127.0.0.1:<ephemeral> (one worker) serving the routes `configure`
/// adds, on its own thread until dropped.
pub struct ActixServer {
    addr: SocketAddr,
    logs: LogCapture,
    handle: actix_web::dev::ServerHandle,
    thread: Option<JoinHandle<()>>,
}

impl ActixServer {
    pub fn start<F>(configure: F) -> ActixServer
    where
        F: Fn(&mut actix_web::web::ServiceConfig) + Clone + Send + 'static,
    {
        ActixServer::start_on(bind(), configure)
    }

    /// The server on `listener`, bound by the caller (to configure the routes knowing its
    /// address).
    pub fn start_on<F>(listener: TcpListener, configure: F) -> ActixServer
    where
        F: Fn(&mut actix_web::web::ServiceConfig) + Clone + Send + 'static,
    {
        let logs = LogCapture::default();
        let record = logs.clone();
        let addr = listener.local_addr().expect("the bound address");
        let (handle_sender, handle_receiver) = std::sync::mpsc::channel();
        let thread = std::thread::spawn(move || {
            actix_web::rt::System::new().block_on(async move {
                let server = actix_web::HttpServer::new(move || {
                    actix_web::App::new()
                        .configure(configure.clone())
                        .wrap_fn(record.record_requests())
                })
                .workers(1)
                .disable_signals()
                .listen(listener)
                .expect("listen on the bound socket")
                .run();
                handle_sender
                    .send(server.handle())
                    .expect("the test waits for the handle");
                server.await.expect("the server runs");
            });
        });
        let handle = handle_receiver.recv().expect("the server starts");
        ActixServer {
            addr,
            logs,
            handle,
            thread: Some(thread),
        }
    }

    pub fn client(&self) -> Client {
        Client::new(self.addr)
    }

    /// The address served, for clients of other libraries.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// What this server logged.
    pub fn logs(&self) -> &LogCapture {
        &self.logs
    }
}

impl Drop for ActixServer {
    fn drop(&mut self) {
        actix_web::rt::System::new().block_on(self.handle.stop(true));
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// A listener on 127.0.0.1:<ephemeral>.
pub fn bind() -> TcpListener {
    TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).expect("bind 127.0.0.1:0")
}

/// Runs `future` to completion on a runtime of its own (current thread, I/O and timers).
pub fn block_on<F: std::future::Future>(future: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime")
        .block_on(future)
}

/// Serves `router` on 127.0.0.1 from the current runtime (until the runtime ends).
pub async fn serve(router: axum::Router) -> SocketAddr {
    let listener = tokio::net::TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
        .await
        .expect("bind 127.0.0.1:0");
    let addr = listener.local_addr().expect("the bound address");
    tokio::spawn(async move { axum::serve(listener, router).await });
    addr
}

/// The reply read back by the crate's client as a typed `FrameworkError` answer with `status`,
/// in `format`; the parsed response, for further checks.
pub fn expect_framework_error(
    server: &str,
    reply: &Reply,
    status: u16,
    format: WireFormat,
    error: FrameworkError,
) -> ErrorResponse<FrameworkError> {
    assert_eq!(reply.status, status, "{server}: {}", reply.body);
    let content_type = reply.header("content-type");
    assert_eq!(content_type, Some(format.content_type()), "{server}");
    // The headers too: a SCIM error names its code in `AuthOS-Error-Code`.
    let parsed = ErrorResponse::<FrameworkError>::from_response_with_headers(
        Some(reply.status),
        reply.headers(),
        reply.body.as_bytes(),
    )
    .unwrap_or_else(|err| panic!("{server}: {err}: {}", reply.body));
    assert_eq!(parsed.format(), format, "{server}: {}", reply.body);
    assert_eq!(parsed.error(), Some(&error), "{server}: {}", reply.body);
    parsed
}
