//! Sources of type `anyhow::Error` and `Box<dyn Error + Send + Sync>`, with `#[source]` or
//! `#[from]`: `source()` returns the boxed error's own chain, `?` converts into the variant, a
//! 5xx body never carries their text, and the HTTP integrations log the chain.

use std::error::Error;

use authos_errors::ApiErrorCode;
use axum::Router;
use axum::routing::get;

use crate::http_support::{AxumServer, assert_json_error, body};

type BoxError = Box<dyn Error + Send + Sync + 'static>;

const SECRET: &str = "token=s3cr3t-7f";

#[derive(Debug, ApiErrorCode)]
enum JobError {
    /// Job runner failed
    #[code("RUNNER_FAILED", status = 500)]
    Runner(#[source] anyhow::Error),

    /// Plugin failed
    #[code("PLUGIN_FAILED", status = 502)]
    Plugin(#[source] BoxError),

    /// Job failed
    #[code("JOB_FAILED", status = 500, message = "Job failed")]
    Any(#[from] anyhow::Error),

    /// Hook failed
    #[code("HOOK_FAILED", status = 503)]
    Hook {
        #[from]
        source: BoxError,
    },

    /// Job is paused
    #[code("JOB_PAUSED", status = 409)]
    Paused,
}

fn chain(err: &dyn Error) -> Vec<String> {
    let mut out = Vec::new();
    let mut next = err.source();
    while let Some(source) = next {
        out.push(source.to_string());
        next = source.source();
    }
    out
}

fn anyhow_error() -> anyhow::Error {
    anyhow::Error::new(std::io::Error::other(SECRET)).context("running step 3")
}

fn boxed_error() -> BoxError {
    Box::new(std::io::Error::other(SECRET))
}

fn any_job() -> Result<(), JobError> {
    Err(anyhow_error())?
}

fn hook() -> Result<(), JobError> {
    Err(boxed_error())?
}

#[test]
fn from_converts_with_question_mark_and_source_returns_the_boxed_chain() {
    let any = any_job().unwrap_err();
    assert!(matches!(any, JobError::Any(_)));
    assert_eq!(chain(&any), ["running step 3", SECRET]);

    let hooked = hook().unwrap_err();
    assert!(matches!(hooked, JobError::Hook { .. }));
    assert_eq!(chain(&hooked), [SECRET]);

    assert_eq!(
        chain(&JobError::Runner(anyhow_error())),
        ["running step 3", SECRET]
    );
    assert_eq!(chain(&JobError::Plugin(boxed_error())), [SECRET]);
    assert!(JobError::Paused.source().is_none());
}

#[test]
fn bodies_never_carry_the_source_text() {
    for err in [
        JobError::Runner(anyhow_error()),
        JobError::Plugin(boxed_error()),
        any_job().unwrap_err(),
        hook().unwrap_err(),
    ] {
        let json = serde_json::to_string(&err).unwrap();
        assert!(
            !json.contains("s3cr3t") && !json.contains("step 3"),
            "{json}"
        );
        assert!(!err.to_string().contains("s3cr3t"));
    }
    assert_eq!(any_job().unwrap_err().to_string(), "Job failed");
    assert_eq!(hook().unwrap_err().to_string(), "Hook failed");
}

async fn runner() -> Result<(), JobError> {
    Err(JobError::Runner(anyhow_error()))
}

async fn plugin() -> Result<(), JobError> {
    Err(JobError::Plugin(boxed_error()))
}

#[test]
fn http_logs_the_chain_of_an_anyhow_or_boxed_source_and_never_sends_it() {
    let server = AxumServer::start(
        Router::new()
            .route("/runner", get(runner))
            .route("/plugin", get(plugin)),
    );
    let logs = server.logs();
    let client = server.client();
    let reply = client.get("/runner", None);
    assert_json_error(&reply, 500, &body("Job runner failed", "RUNNER_FAILED"));
    let reply = client.get("/plugin", None);
    assert_json_error(&reply, 502, &body("Plugin failed", "PLUGIN_FAILED"));
    let lines = logs.lines();
    for code in ["RUNNER_FAILED", "PLUGIN_FAILED"] {
        assert!(
            lines
                .iter()
                .any(|line| line.contains(code) && line.contains("s3cr3t")),
            "{code} logs its source chain: {lines:?}"
        );
    }
    assert!(
        lines
            .iter()
            .any(|line| line.contains("RUNNER_FAILED") && line.contains("running step 3")),
        "anyhow's context is logged: {lines:?}"
    );
}
