//! A catalog for other languages: a TypeScript module and a JSON Schema of the bodies.
//!
//! - [`TypeScript`] writes a module with a union type of the codes (`ErrorCode`), a `const`
//!   map of each code's status, retryability and protocol mappings (`ERROR_CODES`), and the
//!   interfaces of the body of every wire format: the AuthOS body, RFC 9457 problem details,
//!   the OAuth 2.0 and SCIM error bodies. A front end then `switch`es exhaustively over codes.
//! - [`JsonSchema`] is a JSON Schema (draft 2020-12) of the AuthOS body whose `error_code` is
//!   the `enum` of the codes, with the other formats' bodies in its `$defs`.
//!
//! Both take any catalog (`&[ErrorCodeInfo]`, e.g. an enum's
//! [`CATALOG`](crate::ApiErrorCode::CATALOG)), list each code once, sorted, and need no feature:
//! the TypeScript is [`Display`], the schema [`serde::Serialize`]. The
//! `reference` example prints the AuthOS catalog's
//! (`cargo run -p authos-errors --example reference -- --format typescript` or
//! `--format json-schema`).
//!
//! A body's `error_code` is one of the catalog's codes: export the catalog your service
//! answers with, composed of every enum it uses. A
//! [`FieldErrors`](crate::field_errors::FieldErrors) response is summarised as `BAD_REQUEST`
//! (the AuthOS [`GeneralError`](crate::catalog::GeneralError)), and its entries carry the codes
//! of the errors pushed into it.
//!
//! ```
//! use authos_errors::{ApiErrorCode, catalog::GeneralError};
//! use authos_errors::export::{JsonSchema, TypeScript};
//!
//! let module = TypeScript::new(GeneralError::CATALOG).to_string();
//! assert!(module.contains("  | \"RATE_LIMIT_EXCEEDED\"\n"));
//! assert!(module.contains("  \"RATE_LIMIT_EXCEEDED\": { status: 429, retryable: true },\n"));
//!
//! let schema = serde_json::to_value(JsonSchema::new(GeneralError::CATALOG)).unwrap();
//! assert_eq!(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
//! assert_eq!(schema["$defs"]["ErrorCode"]["enum"][0], "BAD_REQUEST");
//! ```

mod json_schema;
mod typescript;

use std::collections::BTreeMap;
use std::fmt::{self, Display, Formatter};

pub use json_schema::JsonSchema;
pub use typescript::TypeScript;

use crate::ErrorCodeInfo;

/// Each code of `catalog` once, sorted by code, with its first entry (the one `from_code`
/// finds).
pub(crate) fn by_code(catalog: &[ErrorCodeInfo]) -> BTreeMap<&'static str, &ErrorCodeInfo> {
    let mut codes = BTreeMap::new();
    for info in catalog {
        codes.entry(info.code).or_insert(info);
    }
    codes
}

/// Whether the same request may succeed later: the server is rate limiting or unavailable
/// (429, 503), or the catalog gives the code a `Retry-After`.
fn is_retryable(info: &ErrorCodeInfo) -> bool {
    matches!(info.status, 429 | 503) || info.retry_after.is_some()
}

/// A string in double quotes, escaped so that it is both a TOML basic string (the stability
/// snapshot) and a JavaScript string literal (the TypeScript module): `"`, `\`, line breaks, tabs,
/// other control characters and the two line separators JavaScript cannot hold raw are escaped,
/// so any text stays on its line.
pub(crate) struct Quoted<'a>(pub(crate) &'a str);

impl Display for Quoted<'_> {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str("\"")?;
        for c in self.0.chars() {
            match c {
                '"' => f.write_str("\\\"")?,
                '\\' => f.write_str("\\\\")?,
                '\n' => f.write_str("\\n")?,
                '\r' => f.write_str("\\r")?,
                '\t' => f.write_str("\\t")?,
                c if c.is_control() || c == '\u{2028}' || c == '\u{2029}' => {
                    write!(f, "\\u{:04X}", u32::from(c))?;
                }
                c => write!(f, "{c}")?,
            }
        }
        f.write_str("\"")
    }
}
