//! One error path, run a given number of times over every catalog code, for instruction
//! counts that load on the machine cannot move:
//!
//! ```sh
//! cargo build --release --manifest-path bench/Cargo.toml --example l10n_paths --features fluent
//! valgrind --tool=callgrind --callgrind-out-file=/dev/null \
//!     bench/target/release/examples/l10n_paths layer_english 200
//! ```
//!
//! Paths: `core` (capture and render, as `benches/l10n.rs` times them) and `layer` (a
//! request with `Accept-Language: en-US,en;q=0.9` through the axum `ErrorFormatLayer` to a
//! handler's error: the derived `IntoResponse`, the layer's reading of the request and its
//! re-rendering, no socket); with the
//! feature, `core_english`, `core_no_header`, `core_french` and `layer_english`,
//! `layer_no_header`, `layer_french` do the same with a localizer (`Accept-Language:
//! en-US,en;q=0.9`, none, `fr-FR,fr;q=0.9,en;q=0.8`). `handler` is the derived
//! `IntoResponse` alone, without a layer (the AuthOS JSON body). A third argument picks the
//! format of `core` and `layer`: `json` (the default), `problem` (`core` renders
//! problem+json; `layer` negotiates it from `Accept: application/problem+json`), `oauth` and
//! `scim` (`core` renders them; `layer` is `ErrorFormatLayer::oauth()` / `::scim()`). The
//! figure per response is (count at N rounds - count at 0 rounds) / (N x 61).

use std::convert::Infallible;
use std::future::{Future, Ready, ready};
use std::hint::black_box;
use std::pin::pin;
use std::process::ExitCode;
use std::task::{Context, Poll, Waker};

use authos_errors::ApiErrorCode;
use authos_errors::axum::ErrorFormatLayer;
use authos_errors::catalog::AuthOsError;
use authos_errors::problem::{ErrorFormat, ProblemConfig};
use authos_errors::response::{CapturedError, RenderContext};
use axum_core::response::{IntoResponse, Response};
use chrono::{TimeZone, Utc};
use http::Request;
use tower_layer::Layer;
use tower_service::Service;

/// The "handler": answers every request with the error it carries.
#[derive(Clone)]
struct Failing;

impl Service<Request<AuthOsError>> for Failing {
    type Response = Response;
    type Error = Infallible;
    type Future = Ready<Result<Response, Infallible>>;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, request: Request<AuthOsError>) -> Self::Future {
        ready(Ok(request.into_body().into_response()))
    }
}

/// The request's `Accept-Language`: a browser's English for `layer` too, so that building the
/// request costs the same with and without a localizer.
fn header_of(path: &str) -> Option<&'static str> {
    if path.ends_with("_english") || path == "layer" {
        Some("en-US,en;q=0.9")
    } else if path.ends_with("_french") {
        Some("fr-FR,fr;q=0.9,en;q=0.8")
    } else {
        None
    }
}

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let (Some(path), Some(Ok(rounds))) = (args.next(), args.next().map(|n| n.parse::<usize>()))
    else {
        eprintln!("usage: l10n_paths <path> <rounds> [json|problem|oauth|scim]");
        return ExitCode::from(2);
    };
    let (format, accept, base_layer) = match args.next().as_deref() {
        None | Some("json") => (ErrorFormat::Json, None, ErrorFormatLayer::default()),
        Some("problem") => (
            ErrorFormat::ProblemJson,
            Some("application/problem+json"),
            ErrorFormatLayer::default(),
        ),
        Some("oauth") => (ErrorFormat::OAuth, None, ErrorFormatLayer::oauth()),
        Some("scim") => (ErrorFormat::Scim, None, ErrorFormatLayer::scim()),
        Some(other) => {
            eprintln!("unknown format {other}");
            return ExitCode::from(2);
        }
    };
    let config = ProblemConfig::default();
    let Some(at) = Utc.with_ymd_and_hms(2025, 1, 15, 10, 30, 0).single() else {
        return ExitCode::FAILURE;
    };
    let errors: Vec<AuthOsError> = AuthOsError::CATALOG
        .iter()
        .filter_map(|info| AuthOsError::from_code(info.code))
        .collect();
    let localized = path != "core" && path != "layer" && path != "handler";
    let header = header_of(&path);
    #[cfg_attr(not(feature = "fluent"), allow(unused_mut))]
    let mut layer = base_layer;
    let mut total = 0usize;
    #[cfg(feature = "fluent")]
    {
        // Load the translations outside the measured difference (both runs pay it once).
        if let Some(locale) = authos_errors::catalog::localizer().negotiate("fr") {
            total += locale.message(&errors[0]).len();
        }
        if localized {
            layer =
                layer.with_localizer(std::sync::Arc::clone(authos_errors::catalog::localizer()));
        }
    }
    #[cfg(not(feature = "fluent"))]
    if localized {
        eprintln!("{path} needs --features fluent");
        return ExitCode::from(2);
    }
    let mut service = layer.layer(Failing);
    let mut context = Context::from_waker(Waker::noop());
    for _ in 0..rounds {
        for error in &errors {
            total += if path.starts_with("core") {
                let captured = CapturedError::capture_at(black_box(error), at);
                #[cfg(feature = "fluent")]
                let render_context = if localized {
                    let localizer = authos_errors::catalog::localizer();
                    let locale = black_box(header)
                        .and_then(|header| localizer.negotiate(header))
                        .unwrap_or_else(|| localizer.source());
                    RenderContext::new(format, &config).with_locale(locale)
                } else {
                    RenderContext::new(format, &config)
                };
                #[cfg(not(feature = "fluent"))]
                let render_context = RenderContext::new(format, &config);
                captured.render(&render_context).body.len()
            } else if path == "handler" {
                let response = black_box(*error).into_response();
                usize::from(response.status().as_u16())
            } else {
                let mut request = Request::builder();
                if let Some(header) = header {
                    request = request.header("accept-language", header);
                }
                if let Some(accept) = accept {
                    request = request.header("accept", accept);
                }
                let Ok(request) = request.body(*error) else {
                    return ExitCode::FAILURE;
                };
                let future = pin!(service.call(request));
                match future.poll(&mut context) {
                    Poll::Ready(Ok(response)) => usize::from(response.status().as_u16()),
                    Poll::Ready(Err(never)) => match never {},
                    Poll::Pending => return ExitCode::FAILURE,
                }
            };
        }
    }
    println!("{total}");
    ExitCode::SUCCESS
}
