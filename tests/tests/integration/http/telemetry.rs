//! What an error answer tells operators over a real socket: the request span's OpenTelemetry
//! attributes, one log event at its class's level, and the per-code counter.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use authos_errors::axum::ErrorFormatLayer;
use authos_errors::catalog::{AuthenticationError, GeneralError};
use authos_errors::response::{ERRORS_TOTAL, ErrorLogLevels, request_span};
use axum::Router;
use axum::http::Request;
use axum::routing::get;
use tower_http::trace::TraceLayer;
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Level, Metadata, Subscriber};

use crate::http_support::{block_on, serve};

/// Every span field recorded, by name, and every event's level and message.
#[derive(Clone, Default)]
struct Recorder {
    fields: Arc<Mutex<BTreeMap<String, String>>>,
    events: Arc<Mutex<Vec<(Level, String)>>>,
    next_id: Arc<AtomicU64>,
    /// The spans entered, innermost last, for `Span::current()`.
    entered: Arc<Mutex<Vec<(Id, &'static Metadata<'static>)>>>,
    metadata: Arc<Mutex<BTreeMap<u64, &'static Metadata<'static>>>>,
}

struct Fields<'a>(&'a mut BTreeMap<String, String>);

impl Visit for Fields<'_> {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        self.0.insert(field.name().to_owned(), format!("{value:?}"));
    }
    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.insert(field.name().to_owned(), value.to_owned());
    }
}

impl Subscriber for Recorder {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, span: &Attributes<'_>) -> Id {
        span.record(&mut Fields(
            &mut self.fields.lock().unwrap_or_else(PoisonError::into_inner),
        ));
        let id = self.next_id.fetch_add(1, Ordering::Relaxed) + 1;
        self.metadata
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(id, span.metadata());
        Id::from_u64(id)
    }
    fn record(&self, _: &Id, values: &Record<'_>) {
        values.record(&mut Fields(
            &mut self.fields.lock().unwrap_or_else(PoisonError::into_inner),
        ));
    }
    fn record_follows_from(&self, _: &Id, _: &Id) {}
    fn event(&self, event: &Event<'_>) {
        let mut fields = BTreeMap::new();
        event.record(&mut Fields(&mut fields));
        self.events
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push((
                *event.metadata().level(),
                fields.remove("message").unwrap_or_default(),
            ));
    }
    fn enter(&self, id: &Id) {
        let metadata = self.metadata.lock().unwrap_or_else(PoisonError::into_inner)[&id.into_u64()];
        self.entered
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push((id.clone(), metadata));
    }
    fn exit(&self, id: &Id) {
        let mut entered = self.entered.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(at) = entered.iter().rposition(|(entered, _)| entered == id) {
            entered.remove(at);
        }
    }
    fn current_span(&self) -> tracing_core::span::Current {
        match self
            .entered
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .last()
        {
            Some((id, metadata)) => tracing_core::span::Current::new(id.clone(), metadata),
            None => tracing_core::span::Current::none(),
        }
    }
}

/// Counts `ERRORS_TOTAL` by its labels.
#[derive(Default)]
struct Counters(Mutex<BTreeMap<String, u64>>);

struct LabelledCounter(Arc<Counters>, String);

impl metrics::CounterFn for LabelledCounter {
    fn increment(&self, value: u64) {
        *self
            .0
            .0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .entry(self.1.clone())
            .or_default() += value;
    }
    fn absolute(&self, _: u64) {}
}

struct CountingRecorder(Arc<Counters>);

impl metrics::Recorder for CountingRecorder {
    fn describe_counter(
        &self,
        _: metrics::KeyName,
        _: Option<metrics::Unit>,
        _: metrics::SharedString,
    ) {
    }
    fn describe_gauge(
        &self,
        _: metrics::KeyName,
        _: Option<metrics::Unit>,
        _: metrics::SharedString,
    ) {
    }
    fn describe_histogram(
        &self,
        _: metrics::KeyName,
        _: Option<metrics::Unit>,
        _: metrics::SharedString,
    ) {
    }
    fn register_counter(&self, key: &metrics::Key, _: &metrics::Metadata<'_>) -> metrics::Counter {
        let labels: Vec<String> = key
            .labels()
            .map(|label| format!("{}={}", label.key(), label.value()))
            .collect();
        let name = format!("{}{{{}}}", key.name(), labels.join(","));
        metrics::Counter::from_arc(Arc::new(LabelledCounter(Arc::clone(&self.0), name)))
    }
    fn register_gauge(&self, _: &metrics::Key, _: &metrics::Metadata<'_>) -> metrics::Gauge {
        metrics::Gauge::noop()
    }
    fn register_histogram(
        &self,
        _: &metrics::Key,
        _: &metrics::Metadata<'_>,
    ) -> metrics::Histogram {
        metrics::Histogram::noop()
    }
}

async fn expired() -> Result<&'static str, AuthenticationError> {
    Err(AuthenticationError::TokenExpired)
}

async fn broken() -> Result<&'static str, GeneralError> {
    Err(GeneralError::InternalServerError)
}

async fn fine() -> &'static str {
    "ok"
}

/// Serves the routes behind `layer` and tower-http's TraceLayer making [`request_span`]s, on
/// this thread (so the recorder and the counters, installed for this thread, see it all), and
/// GETs each path.
fn run(layer: ErrorFormatLayer, paths: &[&str]) -> (Recorder, Arc<Counters>) {
    run_nested(layer, None, paths)
}

/// [`run`], with a second error layer around the first.
fn run_nested(
    layer: ErrorFormatLayer,
    outer: Option<ErrorFormatLayer>,
    paths: &[&str],
) -> (Recorder, Arc<Counters>) {
    let recorder = Recorder::default();
    let counters = Arc::new(Counters::default());
    let _subscriber = tracing::subscriber::set_default(recorder.clone());
    let counting = CountingRecorder(Arc::clone(&counters));
    let _metrics = metrics::set_default_local_recorder(&counting);
    let mut router = Router::new()
        .route("/expired", get(expired))
        .route("/broken", get(broken))
        .route("/fine", get(fine))
        .layer(layer);
    if let Some(outer) = outer {
        router = router.layer(outer);
    }
    let router = router.layer(
        TraceLayer::new_for_http().make_span_with(|request: &Request<_>| {
            request_span(request.method().as_str(), request.uri().path())
        }),
    );
    block_on(async {
        let addr = serve(router).await;
        let client = reqwest::Client::new();
        for path in paths {
            client
                .get(format!("http://{addr}{path}"))
                .send()
                .await
                .expect("the server answers");
        }
    });
    (recorder, counters)
}

#[test]
fn an_error_answer_records_its_code_and_status_on_the_request_span() {
    let (recorder, _) = run(ErrorFormatLayer::default(), &["/expired"]);
    let fields = recorder
        .fields
        .lock()
        .unwrap_or_else(PoisonError::into_inner);
    assert_eq!(
        fields.get("error.type").map(String::as_str),
        Some("TOKEN_EXPIRED")
    );
    assert_eq!(
        fields.get("http.response.status_code").map(String::as_str),
        Some("401")
    );
    assert_eq!(fields.get("url.path").map(String::as_str), Some("/expired"));
}

#[test]
fn a_success_records_no_error_type() {
    let (recorder, counters) = run(ErrorFormatLayer::default(), &["/fine"]);
    let fields = recorder
        .fields
        .lock()
        .unwrap_or_else(PoisonError::into_inner);
    assert_eq!(fields.get("error.type"), None);
    assert!(
        counters
            .0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .is_empty()
    );
}

#[test]
fn each_error_is_logged_once_at_its_class_level() {
    let (recorder, _) = run(ErrorFormatLayer::default(), &["/expired", "/broken"]);
    let events = recorder
        .events
        .lock()
        .unwrap_or_else(PoisonError::into_inner);
    let ours: Vec<_> = events
        .iter()
        .filter(|(_, message)| message.starts_with("request failed"))
        .collect();
    assert_eq!(
        ours,
        [
            &(
                Level::DEBUG,
                "request failed with a client error".to_owned()
            ),
            &(
                Level::ERROR,
                "request failed with a server error".to_owned()
            ),
        ]
    );
}

#[test]
fn the_levels_are_configurable_per_layer() {
    let levels = ErrorLogLevels::default()
        .with_client_errors(Some(Level::WARN))
        .with_server_errors(None);
    let (recorder, _) = run(
        ErrorFormatLayer::default().with_log_levels(levels),
        &["/expired", "/broken"],
    );
    let events = recorder
        .events
        .lock()
        .unwrap_or_else(PoisonError::into_inner);
    let ours: Vec<_> = events
        .iter()
        .filter(|(_, message)| message.starts_with("request failed"))
        .collect();
    assert_eq!(
        ours,
        [&(Level::WARN, "request failed with a client error".to_owned())]
    );
}

#[test]
fn every_error_answer_counts_once_per_code_and_status() {
    // Two nested layers: each error is still counted once.
    let (_, counters) = run_nested(
        ErrorFormatLayer::default(),
        Some(ErrorFormatLayer::default()),
        &["/expired", "/expired", "/broken", "/fine", "/nowhere"],
    );
    let counted = counters
        .0
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .clone();
    assert_eq!(
        counted,
        BTreeMap::from([
            (
                format!("{ERRORS_TOTAL}{{error_code=INTERNAL_SERVER_ERROR,status=500}}"),
                1
            ),
            (
                format!("{ERRORS_TOTAL}{{error_code=NOT_FOUND,status=404}}"),
                1
            ),
            (
                format!("{ERRORS_TOTAL}{{error_code=TOKEN_EXPIRED,status=401}}"),
                2
            ),
        ])
    );
}
