//! Prints the AuthOS error reference.
//!
//! ```sh
//! cargo run -p authos-errors --example reference                   # Markdown (docs/ERRORS.md)
//! cargo run -p authos-errors --example reference -- --format json  # the catalog as JSON
//! cargo run -p authos-errors --example reference -- --format typescript   # a TypeScript module
//! cargo run -p authos-errors --example reference -- --format json-schema  # the body's JSON Schema
//! ```

use std::io::{self, Write};
use std::process::ExitCode;

use authos_errors::ApiErrorCode;
use authos_errors::catalog::{self, AuthOsError};
use authos_errors::export::{JsonSchema, TypeScript};

const USAGE: &str = "\
usage: reference [--format markdown|json|typescript|json-schema]

Prints the AuthOS error reference to standard output.
  --format markdown   the reference as Markdown (default; docs/ERRORS.md is this output)
  --format json       the catalog as a JSON array of
                      {code, status, description, resolution, group}, plus
                      oauth and scim where the code maps to those protocols,
                      and grpc (its gRPC status code)
  --format typescript  a TypeScript module: the ErrorCode union, the ERROR_CODES
                      map (status, retryable, oauth, scim) and the body interfaces
                      of every wire format
  --format json-schema a JSON Schema (draft 2020-12) of the error body, error_code
                      an enum of the codes; the other formats' bodies in $defs
  -h, --help          this message";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Markdown,
    Json,
    TypeScript,
    JsonSchema,
}

enum Command {
    Print(Format),
    Help,
}

fn main() -> ExitCode {
    let command = match parse_args(std::env::args().skip(1)) {
        Ok(command) => command,
        Err(problem) => {
            eprintln!("error: {problem}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let text = match command {
        Command::Help => format!("{USAGE}\n"),
        Command::Print(Format::Markdown) => catalog::REFERENCE.to_string(),
        Command::Print(Format::Json) => match serde_json::to_string_pretty(AuthOsError::CATALOG) {
            Ok(json) => json + "\n",
            Err(error) => {
                eprintln!("error: cannot write the catalog as JSON: {error}");
                return ExitCode::FAILURE;
            }
        },
        Command::Print(Format::TypeScript) => TypeScript::new(AuthOsError::CATALOG).to_string(),
        Command::Print(Format::JsonSchema) => {
            match serde_json::to_string_pretty(&JsonSchema::new(AuthOsError::CATALOG)) {
                Ok(json) => json + "\n",
                Err(error) => {
                    eprintln!("error: cannot write the JSON Schema: {error}");
                    return ExitCode::FAILURE;
                }
            }
        }
    };
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

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Command, String> {
    let mut format = None;
    while let Some(arg) = args.next() {
        let value = match arg.as_str() {
            "-h" | "--help" => return Ok(Command::Help),
            "--format" => args.next().ok_or_else(|| {
                "`--format` needs a value: `markdown`, `json`, `typescript` or `json-schema`"
                    .to_owned()
            })?,
            other => match other.strip_prefix("--format=") {
                Some(value) => value.to_owned(),
                None => return Err(format!("unexpected argument `{other}`")),
            },
        };
        if format.is_some() {
            return Err("`--format` is given more than once".to_owned());
        }
        format = Some(match value.as_str() {
            "markdown" | "md" => Format::Markdown,
            "json" => Format::Json,
            "typescript" | "ts" => Format::TypeScript,
            "json-schema" => Format::JsonSchema,
            other => {
                return Err(format!(
                    "unknown format `{other}`: expected `markdown`, `json`, `typescript` or \
                     `json-schema`"
                ));
            }
        });
    }
    Ok(Command::Print(format.unwrap_or(Format::Markdown)))
}
