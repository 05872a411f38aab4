//! One error path of `benches/l10n.rs`, run a given number of times over every catalog code,
//! for instruction counts that load on the machine cannot move:
//!
//! ```sh
//! cargo build --release --manifest-path bench/Cargo.toml --example l10n_paths --features fluent
//! valgrind --tool=callgrind --callgrind-out-file=/dev/null \
//!     bench/target/release/examples/l10n_paths english_request 200
//! ```
//!
//! Paths: `no_localizer`, and with the feature `english_request`, `no_header`, `french_request`.
//! The figure per response is (count at N rounds - count at 0 rounds) / (N x 61).

use std::hint::black_box;
use std::process::ExitCode;

use authos_errors::ApiErrorCode;
use authos_errors::catalog::AuthOsError;
use authos_errors::response::{CapturedError, RenderContext};
use chrono::{TimeZone, Utc};

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let (Some(path), Some(Ok(rounds))) = (args.next(), args.next().map(|n| n.parse::<usize>()))
    else {
        eprintln!("usage: l10n_paths <path> <rounds>");
        return ExitCode::from(2);
    };
    let Some(at) = Utc.with_ymd_and_hms(2025, 1, 15, 10, 30, 0).single() else {
        return ExitCode::FAILURE;
    };
    let errors: Vec<AuthOsError> = AuthOsError::CATALOG
        .iter()
        .filter_map(|info| AuthOsError::from_code(info.code))
        .collect();
    let mut total = 0usize;
    // Load the translations outside the measured difference (both runs pay it once).
    #[cfg(feature = "fluent")]
    if let Some(locale) = authos_errors::l10n::Localizer::authos().negotiate("fr") {
        total += locale.message(&errors[0]).len();
    }
    for _ in 0..rounds {
        for error in &errors {
            let captured = CapturedError::capture_at(black_box(error), at);
            total += match path.as_str() {
                "no_localizer" => captured.render(&RenderContext::default()).body.len(),
                #[cfg(feature = "fluent")]
                other => {
                    use authos_errors::l10n::Localizer;
                    let localizer = Localizer::authos();
                    let header = match other {
                        "english_request" => Some("en-US,en;q=0.9"),
                        "french_request" => Some("fr-FR,fr;q=0.9,en;q=0.8"),
                        _ => None,
                    };
                    let locale = black_box(header)
                        .and_then(|header| localizer.negotiate(header))
                        .unwrap_or_else(|| localizer.source());
                    let context = RenderContext::default().with_locale(locale);
                    captured.render(&context).body.len()
                }
                #[cfg(not(feature = "fluent"))]
                _ => return ExitCode::from(2),
            };
        }
    }
    println!("{total}");
    ExitCode::SUCCESS
}
