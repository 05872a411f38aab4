//! The TypeScript module of a catalog.

use std::fmt::{self, Display, Formatter};

use super::{Quoted, by_code, is_retryable};
use crate::ErrorCodeInfo;
use crate::oauth::OAuthErrorCode;
use crate::scim::{ERROR_SCHEMA, ScimType};

/// A catalog as a TypeScript module, written by [`Display`]: the union type `ErrorCode` of the
/// codes, the `const` map `ERROR_CODES` (code → `{ status, retryable, oauth?, scim? }`, `as const`,
/// so each value keeps its literal type), `isErrorCode` to narrow a string, `errorCodeInfo` to
/// read any code's entry as one interface, and the body
/// interfaces of every wire format: `ErrorBody` (AuthOS JSON, with the optional `request_id`,
/// `details` and `errors`), `ProblemDetails` (RFC 9457 with the AuthOS extension members),
/// `OAuthErrorBody` (RFC 6749 §5.2) and `ScimErrorBody` (RFC 7644 §3.12), whose `error_code` and
/// `timestamp` extension members are optional.
///
/// `retryable` is `true` for 429 and 503 and for codes with a default `Retry-After`. The module
/// type-checks under `tsc --strict` (TypeScript 5), and a code added to the catalog makes every
/// exhaustive `switch` over `ErrorCode` fail to compile until it handles the code.
///
/// ```
/// use authos_errors::{ApiErrorCode, catalog::DeviceFlowError, export::TypeScript};
///
/// let module = TypeScript::new(DeviceFlowError::CATALOG).to_string();
/// assert!(module.contains("export type ErrorCode =\n  | \"DEVICE_CODE_EXPIRED\"\n"));
/// assert!(module.contains(
///     "  \"DEVICE_CODE_PENDING\": { status: 400, retryable: false, oauth: \"authorization_pending\" },\n"
/// ));
/// assert!(module.contains("export interface OAuthErrorBody {\n"));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[must_use]
pub struct TypeScript<'a> {
    catalog: &'a [ErrorCodeInfo],
}

impl<'a> TypeScript<'a> {
    /// The module of `catalog`.
    ///
    /// ```
    /// use authos_errors::{ErrorCodeInfo, export::TypeScript};
    /// const MINE: &[ErrorCodeInfo] = &[ErrorCodeInfo::new("GONE", 410, "Gone")];
    /// assert!(TypeScript::new(MINE).to_string().contains("  \"GONE\": { status: 410, retryable: false },\n"));
    /// ```
    pub const fn new(catalog: &'a [ErrorCodeInfo]) -> Self {
        TypeScript { catalog }
    }
}

impl Display for TypeScript<'_> {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        let codes = by_code(self.catalog);
        f.write_str(
            "// The error catalog as TypeScript, written by authos-errors \
             (authos_errors::export::TypeScript):\n\
             // regenerate it from the catalog rather than editing it.\n",
        )?;

        f.write_str("\n/** Every machine-readable error code of the catalog. */\n")?;
        write_union(f, "ErrorCode", codes.keys().copied())?;
        f.write_str("\n/** An OAuth 2.0 `error` value (RFC 6749 §5.2, RFC 8628 §3.5). */\n")?;
        write_union(
            f,
            "OAuthErrorCode",
            OAuthErrorCode::ALL.iter().map(|code| code.as_str()),
        )?;
        f.write_str("\n/** A SCIM `scimType` value (RFC 7644 §3.12). */\n")?;
        write_union(
            f,
            "ScimType",
            ScimType::ALL.iter().map(|kind| kind.as_str()),
        )?;

        f.write_str(ENTRY_INTERFACE)?;
        f.write_str(
            "\n/** Each code of the catalog: its status, retryability and protocol mappings. */\n\
             export const ERROR_CODES = {\n",
        )?;
        for (code, info) in &codes {
            writeln!(f, "  /** {} */", DocText(info.description))?;
            write!(
                f,
                "  {}: {{ status: {}, retryable: {}",
                Quoted(code),
                info.status,
                is_retryable(info)
            )?;
            if let Some(oauth) = info.oauth {
                write!(f, ", oauth: {}", Quoted(oauth.as_str()))?;
            }
            if let Some(scim) = info.scim {
                write!(f, ", scim: {}", Quoted(scim.as_str()))?;
            }
            f.write_str(" },\n")?;
        }
        f.write_str("} as const satisfies { readonly [Code in ErrorCode]: ErrorCodeInfo };\n")?;

        f.write_str(IS_ERROR_CODE)?;
        f.write_str(BODIES)?;
        write!(
            f,
            "\n/** A SCIM 2.0 error response (RFC 7644 §3.12, `application/scim+json`). */\n\
             export interface ScimErrorBody {{\n\
             \x20 readonly schemas: readonly [{}];\n{SCIM_MEMBERS}}}\n",
            Quoted(ERROR_SCHEMA)
        )?;
        f.write_str(ANY_BODY)
    }
}

/// `export type NAME =` and one `| "member"` line each (`never` for none).
fn write_union<'a>(
    f: &mut Formatter<'_>,
    name: &str,
    members: impl ExactSizeIterator<Item = &'a str>,
) -> fmt::Result {
    if members.len() == 0 {
        return writeln!(f, "export type {name} = never;");
    }
    writeln!(f, "export type {name} =")?;
    let last = members.len() - 1;
    for (index, member) in members.enumerate() {
        let end = if index == last { ";" } else { "" };
        writeln!(f, "  | {}{end}", Quoted(member))?;
    }
    Ok(())
}

const ENTRY_INTERFACE: &str = "
/** What a client needs to know about one code. */
export interface ErrorCodeInfo {
  /** The HTTP status the code is answered with. */
  readonly status: number;
  /** Whether the same request may succeed later: 429, 503, or a code with a default `Retry-After`. */
  readonly retryable: boolean;
  /** The OAuth 2.0 `error` the code is answered with on token endpoints, where it maps to one. */
  readonly oauth?: OAuthErrorCode;
  /** The SCIM `scimType` the code is answered with on SCIM endpoints, where it maps to one. */
  readonly scim?: ScimType;
}
";

const IS_ERROR_CODE: &str = "
/** Whether `value` is a code of this catalog (a newer server may send codes it does not know). */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === \"string\" && Object.prototype.hasOwnProperty.call(ERROR_CODES, value);
}

/** The entry of `code` as an `ErrorCodeInfo`, for code that reads any code's `oauth` or `scim`. */
export function errorCodeInfo(code: ErrorCode): ErrorCodeInfo {
  return ERROR_CODES[code];
}
";

const BODIES: &str = "
/** Machine-readable values behind the message: the `#[detail]` fields of the error. */
export interface ErrorDetails {
  readonly [member: string]: unknown;
}

/** One entry of `errors`: one invalid value of the request. */
export interface FieldError {
  readonly error_code: ErrorCode;
  /** Human-readable message. */
  readonly error: string;
  /** RFC 6901 JSON pointer of the value in the request (`\"\"` for the whole document). */
  readonly pointer: string;
  readonly details?: ErrorDetails;
}

/** The AuthOS error body (`application/json`). */
export interface ErrorBody {
  /** Human-readable message. */
  readonly error: string;
  readonly error_code: ErrorCode;
  /** When the error happened: UTC, whole seconds, `Z` suffix (`2025-01-15T10:30:00Z`). */
  readonly timestamp: string;
  /** The request's `x-request-id`, when the request carried one and the server opted in. */
  readonly request_id?: string;
  readonly details?: ErrorDetails;
  /** Every invalid value, when the request had several (`error_code` is then `BAD_REQUEST`). */
  readonly errors?: readonly FieldError[];
}

/** An RFC 9457 problem document (`application/problem+json`) with the AuthOS extension members. */
export interface ProblemDetails {
  /** Documentation URI of the code, or `about:blank`. */
  readonly type: string;
  /** The catalog description of the code. */
  readonly title: string;
  /** The HTTP status. */
  readonly status: number;
  /** Human-readable message. */
  readonly detail: string;
  /** `urn:request:<id>`: the request's `x-request-id`, when it carried one. */
  readonly instance?: string;
  readonly error_code: ErrorCode;
  /** What the caller can do about it, when the catalog says. */
  readonly resolution?: string;
  /** When the error happened: UTC, whole seconds, `Z` suffix. */
  readonly timestamp: string;
  readonly details?: ErrorDetails;
  readonly errors?: readonly FieldError[];
}

/** An OAuth 2.0 error response (RFC 6749 §5.2) of a token or device authorization endpoint. */
export interface OAuthErrorBody {
  readonly error: OAuthErrorCode;
  /** Human-readable text, in the characters RFC 6749 allows. */
  readonly error_description?: string;
  readonly error_code: ErrorCode;
  /** When the error happened: UTC, whole seconds, `Z` suffix. */
  readonly timestamp: string;
}
";

/// The members of `ScimErrorBody` after `schemas`.
const SCIM_MEMBERS: &str = "  /** The HTTP status, as a string (`\"409\"`). */
  readonly status: string;
  readonly scimType?: ScimType;
  /** Human-readable message. */
  readonly detail: string;
  /** The AuthOS code, when the server sends it as an extension member. */
  readonly error_code?: ErrorCode;
  /** When the error happened, when the server sends it as an extension member. */
  readonly timestamp?: string;
";

const ANY_BODY: &str = "
/** The body of an error response in any of the formats. */
export type AnyErrorBody = ErrorBody | ProblemDetails | OAuthErrorBody | ScimErrorBody;
";

/// Text for one line of a `/** ... */` comment: line breaks become spaces and `*/` cannot close
/// the comment early.
struct DocText<'a>(&'a str);

impl Display for DocText<'_> {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        let mut previous = ' ';
        for c in self.0.chars() {
            match c {
                '\n' | '\r' | '\u{2028}' | '\u{2029}' => f.write_str(" ")?,
                '/' if previous == '*' => f.write_str("\\/")?,
                c => write!(f, "{c}")?,
            }
            previous = c;
        }
        Ok(())
    }
}
