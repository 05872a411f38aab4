//! What an error answer tells operators: the request span's OpenTelemetry attributes, one log
//! event at the level of its class, and (feature `metrics`) a per-code counter.
//!
//! Every error answer through an error layer is reported once, by the layer, after the route
//! has answered:
//!
//! - the current `tracing` span gets `error.type` = the code and `http.response.status_code` =
//!   the status, as OpenTelemetry's semantic conventions name them, so `tracing-opentelemetry`
//!   exports them unchanged. A span only records fields it declared: create the request span
//!   with [`request_span`] (e.g. from tower-http's `TraceLayer::make_span_with`) or declare both
//!   fields as `tracing::field::Empty` in your own;
//! - one event is logged where the error becomes a response, at the level of its class
//!   ([`ErrorLogLevels`]: 5xx at `ERROR` with the `source()` chain, 4xx at `DEBUG`, by default),
//!   with the code, the status, the message and the request id;
//! - with the `metrics` feature, the counter [`ERRORS_TOTAL`] is incremented with the labels
//!   `error_code` and `status`, through the `metrics` facade (a recorder such as
//!   `metrics-exporter-prometheus` installed by the application exports it).
//!
//! ```
//! use authos_errors::response::{ErrorLogLevels, request_span};
//!
//! let span = request_span("GET", "/api/organizations/globex");
//! // TraceLayer::new_for_http().make_span_with(|r: &Request<_>| request_span(r.method().as_str(), r.uri().path()))
//! let quiet = ErrorLogLevels::default().with_client_errors(None);
//! assert_eq!(quiet.client_errors(), None);
//! # drop(span);
//! ```

use tracing::Level;

use super::response::CapturedError;

/// The name of the per-code error counter (feature `metrics`), labelled `error_code` and
/// `status`: Prometheus's naming for a monotonic count of server-side HTTP error answers.
pub const ERRORS_TOTAL: &str = "http_server_errors_total";

/// The level each class of error answer is logged at; `None` does not log that class.
///
/// ```
/// use authos_errors::response::ErrorLogLevels;
/// use tracing::Level;
///
/// let levels = ErrorLogLevels::default();
/// assert_eq!((levels.client_errors(), levels.server_errors()), (Some(Level::DEBUG), Some(Level::ERROR)));
/// let loud = levels.with_client_errors(Some(Level::INFO));
/// assert_eq!(loud.client_errors(), Some(Level::INFO));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ErrorLogLevels {
    client: Option<Level>,
    server: Option<Level>,
}

impl Default for ErrorLogLevels {
    /// 4xx at `DEBUG` (a storm of one code shows on the counter and the spans without filling
    /// the log), 5xx at `ERROR`.
    fn default() -> Self {
        ErrorLogLevels {
            client: Some(Level::DEBUG),
            server: Some(Level::ERROR),
        }
    }
}

impl ErrorLogLevels {
    /// These levels, 4xx answers logged at `level` (`None`: not logged).
    ///
    /// ```
    /// use authos_errors::response::ErrorLogLevels;
    /// assert_eq!(ErrorLogLevels::default().with_client_errors(None).client_errors(), None);
    /// ```
    #[must_use]
    pub const fn with_client_errors(mut self, level: Option<Level>) -> Self {
        self.client = level;
        self
    }

    /// These levels, 5xx answers logged at `level` (`None`: not logged).
    ///
    /// ```
    /// use authos_errors::response::ErrorLogLevels;
    /// use tracing::Level;
    /// let levels = ErrorLogLevels::default().with_server_errors(Some(Level::WARN));
    /// assert_eq!(levels.server_errors(), Some(Level::WARN));
    /// ```
    #[must_use]
    pub const fn with_server_errors(mut self, level: Option<Level>) -> Self {
        self.server = level;
        self
    }

    /// The level of 4xx answers.
    ///
    /// ```
    /// use authos_errors::response::ErrorLogLevels;
    /// assert_eq!(ErrorLogLevels::default().client_errors(), Some(tracing::Level::DEBUG));
    /// ```
    #[must_use]
    pub const fn client_errors(&self) -> Option<Level> {
        self.client
    }

    /// The level of 5xx answers.
    ///
    /// ```
    /// use authos_errors::response::ErrorLogLevels;
    /// assert_eq!(ErrorLogLevels::default().server_errors(), Some(tracing::Level::ERROR));
    /// ```
    #[must_use]
    pub const fn server_errors(&self) -> Option<Level> {
        self.server
    }

    /// The level `captured`'s answer is logged at.
    pub(crate) fn of(&self, captured: &CapturedError) -> Option<Level> {
        self.of_status(captured.info().status)
    }

    /// The level an answer of `status` is logged at.
    pub(crate) fn of_status(&self, status: u16) -> Option<Level> {
        if status >= 500 {
            self.server
        } else {
            self.client
        }
    }
}

/// A request span that declares the fields an error answer records (`error.type`,
/// `http.response.status_code`), with the request's method and path as OpenTelemetry names
/// them (`http.request.method`, `url.path`).
///
/// ```
/// let span = authos_errors::response::request_span("POST", "/api/signup");
/// # drop(span);
/// ```
#[must_use]
pub fn request_span(method: &str, path: &str) -> tracing::Span {
    tracing::info_span!(
        "request",
        http.request.method = method,
        url.path = path,
        error.type = tracing::field::Empty,
        http.response.status_code = tracing::field::Empty,
    )
}

/// Records `captured`'s answer on the current span and counts it (feature `metrics`).
pub(crate) fn record(captured: &CapturedError, status: u16) {
    let span = tracing::Span::current();
    if !span.is_disabled() {
        span.record("error.type", captured.info().code);
        span.record("http.response.status_code", status);
    }
    #[cfg(feature = "metrics")]
    metrics::counter!(
        ERRORS_TOTAL,
        "error_code" => captured.info().code,
        "status" => status.to_string(),
    )
    .increment(1);
}
