//! Writes the English Fluent resource of the AuthOS catalog: the starting point of a
//! translation (`locales/en/errors.ftl` is this output).
//!
//! ```sh
//! cargo run -p authos-errors --example ftl_skeleton > authos-errors/locales/en/errors.ftl
//! ```
//!
//! For a catalog of your own, print `authos_errors::l10n::skeleton(MyError::CATALOG)`.

use std::io::{self, Write};
use std::process::ExitCode;

use authos_errors::ApiErrorCode;
use authos_errors::catalog::AuthOsError;
use authos_errors::l10n;

fn main() -> ExitCode {
    let text = l10n::skeleton(AuthOsError::CATALOG);
    match io::stdout().lock().write_all(text.as_bytes()) {
        Ok(()) => ExitCode::SUCCESS,
        // A reader that stops early (`| head`) is not a failure of ours.
        Err(error) if error.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: cannot write to standard output: {error}");
            ExitCode::FAILURE
        }
    }
}
