//! A successful response, run a given number of times, for instruction counts that load on the
//! machine cannot move: what the error layer's look at every response (is it a framework's
//! plain failure? `authos_errors::framework`) costs a success.
//!
//! ```sh
//! cargo build --release --manifest-path bench/Cargo.toml --example success_paths
//! valgrind --tool=callgrind --callgrind-out-file=/dev/null \
//!     bench/target/release/examples/success_paths layer 10000
//! ```
//!
//! Paths, each a `200 text/plain` answer to a request with `Accept: application/json`:
//! `bare` (the handler service alone), `layer` (through `ErrorFormatLayer::default()`, which
//! reads the response's status after the route, as it now does for every response) and
//! `layer_kept` (through `ErrorFormatLayer::default().keep_framework_responses()`, which skips
//! that look: the same layer without it). The figure per response is
//! (count at N rounds - count at 0 rounds) / N.

use std::convert::Infallible;
use std::future::{Future, Ready, ready};
use std::hint::black_box;
use std::pin::pin;
use std::process::ExitCode;
use std::task::{Context, Poll, Waker};

use authos_errors::axum::ErrorFormatLayer;
use axum_core::body::Body;
use axum_core::response::Response;
use http::{HeaderValue, Request, header};
use tower_layer::Layer;
use tower_service::Service;

/// The "handler": answers every request `200 text/plain` "ok".
#[derive(Clone)]
struct Succeeding;

impl Service<Request<()>> for Succeeding {
    type Response = Response;
    type Error = Infallible;
    type Future = Ready<Result<Response, Infallible>>;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, _: Request<()>) -> Self::Future {
        let mut response = Response::new(Body::from("ok"));
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/plain; charset=utf-8"),
        );
        ready(Ok(response))
    }
}

/// Calls `service` once and returns the response's status.
fn call<S>(service: &mut S, context: &mut Context<'_>) -> Option<u16>
where
    S: Service<Request<()>, Response = Response, Error = Infallible>,
{
    let request = Request::builder()
        .header(header::ACCEPT, black_box("application/json"))
        .body(())
        .ok()?;
    let future = pin!(service.call(request));
    match future.poll(context) {
        Poll::Ready(Ok(response)) => Some(response.status().as_u16()),
        Poll::Ready(Err(never)) => match never {},
        Poll::Pending => None,
    }
}

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let (Some(path), Some(Ok(rounds))) = (args.next(), args.next().map(|n| n.parse::<usize>()))
    else {
        eprintln!("usage: success_paths bare|layer|layer_kept <rounds>");
        return ExitCode::from(2);
    };
    let mut context = Context::from_waker(Waker::noop());
    let mut bare = Succeeding;
    let mut layer = ErrorFormatLayer::default().layer(Succeeding);
    let mut kept = ErrorFormatLayer::default()
        .keep_framework_responses()
        .layer(Succeeding);
    let mut total = 0usize;
    for _ in 0..rounds {
        let status = match path.as_str() {
            "bare" => call(&mut bare, &mut context),
            "layer" => call(&mut layer, &mut context),
            "layer_kept" => call(&mut kept, &mut context),
            _ => {
                eprintln!("unknown path {path}");
                return ExitCode::from(2);
            }
        };
        let Some(status) = status else {
            return ExitCode::FAILURE;
        };
        total += usize::from(status);
    }
    println!("{total}");
    ExitCode::SUCCESS
}
