//! An error into a `tonic::Status`, run a given number of times over every catalog code, for
//! instruction counts that load on the machine cannot move:
//!
//! ```sh
//! cargo build --release --manifest-path bench/Cargo.toml --example grpc_paths --features tonic
//! valgrind --tool=callgrind --callgrind-out-file=/dev/null \
//!     bench/target/release/examples/grpc_paths ours 100
//! ```
//!
//! Paths: `ours` (`tonic::Status::from(error)`, the derived conversion, outside any layer) and
//! `hand` (the same status written by hand with tonic-types, as a service without this crate
//! would: a `match` from HTTP status to gRPC code, `ErrorInfo`, `Help`, `RetryInfo`). Both make
//! byte-identical statuses; the program checks that before it measures. The figure per status
//! is (count at N rounds - count at 0 rounds) / (N x 61).

use std::collections::HashMap;
use std::hint::black_box;
use std::process::ExitCode;
use std::time::Duration;

use authos_errors::ApiErrorCode;
use authos_errors::catalog::AuthOsError;
use tonic::{Code, Status};
use tonic_types::{ErrorDetails, StatusExt};

/// What a service without this crate writes for each of its errors.
fn hand_written(error: &AuthOsError) -> Status {
    let code = match error.status() {
        400 => Code::InvalidArgument,
        401 => Code::Unauthenticated,
        403 if error.code() == "ORGANIZATION_NOT_ACTIVE" => Code::FailedPrecondition,
        403 => Code::PermissionDenied,
        404 | 410 => Code::NotFound,
        409 => Code::AlreadyExists,
        429 => Code::ResourceExhausted,
        _ => Code::Internal,
    };
    let mut details = ErrorDetails::new();
    details.set_error_info(error.code(), "authos.dev", HashMap::new());
    if let Some(delay) = error.retry_after() {
        details.set_retry_info(Some(Duration::from_secs(delay.as_secs())));
    }
    details.add_help_link(
        format!("Error code {}", error.code()),
        format!("https://docs.authos.dev/errors#{}", error.code()),
    );
    let message = if error.info().is_server_error() {
        error.description().to_owned()
    } else {
        error.message().into_owned()
    };
    Status::with_error_details(code, message, details)
}

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let (Some(path), Some(Ok(rounds))) = (args.next(), args.next().map(|n| n.parse::<usize>()))
    else {
        eprintln!("usage: grpc_paths ours|hand <rounds>");
        return ExitCode::from(2);
    };
    let errors: Vec<AuthOsError> = AuthOsError::CATALOG
        .iter()
        .filter_map(|info| AuthOsError::from_code(info.code))
        .collect();
    for error in &errors {
        let (ours, hand) = (Status::from(*error), hand_written(error));
        let same = ours.code() == hand.code()
            && ours.message() == hand.message()
            && ours.details() == hand.details();
        if !same {
            eprintln!(
                "the two paths differ for {}: {ours:?} / {hand:?}",
                error.code()
            );
            return ExitCode::FAILURE;
        }
    }
    let ours = path == "ours";
    let mut total = 0usize;
    for _ in 0..rounds {
        for error in &errors {
            let status = if ours {
                Status::from(*black_box(error))
            } else {
                hand_written(black_box(error))
            };
            total += status.details().len();
        }
    }
    println!("{total}");
    ExitCode::SUCCESS
}
