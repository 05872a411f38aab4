//! The demo server's log: a newline in a logged value cannot start a forged line.

use std::io;
use std::sync::{Arc, Mutex, PoisonError};

use authos_errors_demo::{self as app, ReportError, log_subscriber};
use axum::routing::get;
use serde_json::Value;

use crate::http_support::AxumServer;

/// What a client got into an error's text: a line break, then a log line of its own making.
const FORGED: &str = "refused\nINFO authos: admin signed in\r\n{\"level\":\"INFO\",\"fields\":{\"message\":\"forged\"}}";

/// Everything written to the log, shared with the test.
#[derive(Clone, Default)]
struct Written(Arc<Mutex<Vec<u8>>>);

impl io::Write for Written {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl Written {
    fn text(&self) -> String {
        let bytes = self
            .0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone();
        String::from_utf8(bytes).expect("a UTF-8 log")
    }
}

async fn forged_source() -> Result<(), ReportError> {
    Err(ReportError::Database(io::Error::other(FORGED)))
}

#[test]
fn a_newline_in_a_5xx_source_stays_inside_its_log_line() {
    let written = Written::default();
    let writer = written.clone();
    let router = app::app(app::system_clock()).route("/api/reports/forged", get(forged_source));
    let server = AxumServer::start_logging_to(router, log_subscriber(move || writer.clone()));
    let client = server.client();
    assert_eq!(client.get("/api/reports/forged", None).status, 500);
    assert_eq!(client.get("/api/reports/usage", None).status, 500);
    drop(server);

    let log = written.text();
    assert!(!log.contains('\r'), "{log}");
    let lines: Vec<Value> = log
        .lines()
        .map(|line| {
            serde_json::from_str(line)
                .unwrap_or_else(|e| panic!("each line is one JSON event ({e}): {line:?}"))
        })
        .collect();
    assert_eq!(lines.len(), 2, "one line per 5xx, no forged one: {log}");
    for line in &lines {
        assert_eq!(line["level"], "ERROR", "{line}");
        assert_eq!(
            line["fields"]["message"],
            "request failed with a server error"
        );
    }
    // The source is logged whole, its line breaks escaped within the line.
    assert_eq!(lines[0]["fields"]["error_code"], "DATABASE_ERROR");
    assert_eq!(lines[0]["fields"]["source"], FORGED);
    assert_eq!(lines[1]["fields"]["source"], app::DATABASE_FAILURE);
}
