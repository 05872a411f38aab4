//! What localisation costs on the error path: capturing an error and rendering its response
//! (the work of the derived `IntoResponse` plus a re-rendering layer), once per catalog code.
//!
//! ```sh
//! cargo bench --manifest-path bench/Cargo.toml --bench l10n                      # feature off
//! cargo bench --manifest-path bench/Cargo.toml --bench l10n --features fluent    # feature on
//! ```
//!
//! `error_response/no_localizer` is the same code in both runs, so the two runs compare the
//! path with the feature off and on; with it on, `english_request`, `no_header` and
//! `french_request` add the negotiation and rendering of a layer that has a localizer.

use std::hint::black_box;
use std::time::Duration;

use authos_errors::ApiErrorCode;
use authos_errors::catalog::AuthOsError;
use authos_errors::response::{CapturedError, RenderContext};
use chrono::{DateTime, TimeZone, Utc};
use criterion::{Criterion, criterion_group, criterion_main};

fn at() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 1, 15, 10, 30, 0)
        .single()
        .expect("a valid fixed instant")
}

/// One value per code of the AuthOS catalog.
fn every_code() -> Vec<AuthOsError> {
    AuthOsError::CATALOG
        .iter()
        .filter_map(|info| AuthOsError::from_code(info.code))
        .collect()
}

fn error_response(c: &mut Criterion) {
    let errors = every_code();
    let at = at();
    let mut group = c.benchmark_group("error_response");
    group.bench_function("no_localizer", |b| {
        b.iter(|| {
            errors
                .iter()
                .map(|error| {
                    let captured = CapturedError::capture_at(black_box(error), at);
                    captured.render(&RenderContext::default()).body.len()
                })
                .sum::<usize>()
        })
    });
    #[cfg(feature = "fluent")]
    {
        use authos_errors::l10n::Localizer;
        let localizer = authos_errors::catalog::localizer();
        for (name, header) in [
            ("english_request", Some("en-US,en;q=0.9")),
            ("no_header", None),
            ("french_request", Some("fr-FR,fr;q=0.9,en;q=0.8")),
        ] {
            group.bench_function(name, |b| {
                b.iter(|| {
                    errors
                        .iter()
                        .map(|error| {
                            // What a layer with a localizer does per request.
                            let locale = black_box(header)
                                .and_then(|header| localizer.negotiate(header))
                                .unwrap_or_else(|| localizer.source());
                            let captured = CapturedError::capture_at(black_box(error), at);
                            let context = RenderContext::default().with_locale(locale);
                            captured.render(&context).body.len()
                        })
                        .sum::<usize>()
                })
            });
        }
    }
    group.finish();
}

fn config() -> Criterion {
    Criterion::default()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .sample_size(50)
}

criterion_group! {
    name = benches;
    config = config();
    targets = error_response
}
criterion_main!(benches);
