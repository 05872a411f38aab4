//! The values of `oauth = "..."`, `scim = "..."` and `grpc = "..."`: the error codes the
//! RFCs and `google/rpc/code.proto` define.

use super::lit::LitStr;
use crate::errors::Errors;
use crate::suggest::closest;

/// The values `oauth = "..."` accepts (RFC 6749 §5.2, RFC 8628 §3.5), with the variant of
/// `OAuthErrorCode` each stands for.
const OAUTH_CODES: &[(&str, &str)] = &[
    ("invalid_request", "InvalidRequest"),
    ("invalid_client", "InvalidClient"),
    ("invalid_grant", "InvalidGrant"),
    ("unauthorized_client", "UnauthorizedClient"),
    ("unsupported_grant_type", "UnsupportedGrantType"),
    ("invalid_scope", "InvalidScope"),
    ("authorization_pending", "AuthorizationPending"),
    ("slow_down", "SlowDown"),
    ("access_denied", "AccessDenied"),
    ("expired_token", "ExpiredToken"),
];

/// The values `scim = "..."` accepts (RFC 7644 §3.12), with the variant of `ScimType` each
/// stands for.
const SCIM_TYPES: &[(&str, &str)] = &[
    ("invalidFilter", "InvalidFilter"),
    ("tooMany", "TooMany"),
    ("uniqueness", "Uniqueness"),
    ("mutability", "Mutability"),
    ("invalidSyntax", "InvalidSyntax"),
    ("invalidPath", "InvalidPath"),
    ("noTarget", "NoTarget"),
    ("invalidValue", "InvalidValue"),
    ("invalidVers", "InvalidVers"),
    ("sensitive", "Sensitive"),
];

/// The values `grpc = "..."` accepts (the codes of `google/rpc/code.proto` in lowercase), with
/// the variant of `GrpcCode` each stands for. `ok` is not among them: an error is never OK.
const GRPC_CODES: &[(&str, &str)] = &[
    ("cancelled", "Cancelled"),
    ("unknown", "Unknown"),
    ("invalid_argument", "InvalidArgument"),
    ("deadline_exceeded", "DeadlineExceeded"),
    ("not_found", "NotFound"),
    ("already_exists", "AlreadyExists"),
    ("permission_denied", "PermissionDenied"),
    ("resource_exhausted", "ResourceExhausted"),
    ("failed_precondition", "FailedPrecondition"),
    ("aborted", "Aborted"),
    ("out_of_range", "OutOfRange"),
    ("unimplemented", "Unimplemented"),
    ("internal", "Internal"),
    ("unavailable", "Unavailable"),
    ("data_loss", "DataLoss"),
    ("unauthenticated", "Unauthenticated"),
];

/// The `OAuthErrorCode` variant `text` names.
pub fn oauth(text: &LitStr, errors: &mut Errors) -> Option<&'static str> {
    lookup(
        text,
        OAUTH_CODES,
        "an OAuth 2.0 error code of RFC 6749 §5.2 or RFC 8628 §3.5",
        errors,
    )
}

/// The `ScimType` variant `text` names.
pub fn scim(text: &LitStr, errors: &mut Errors) -> Option<&'static str> {
    lookup(text, SCIM_TYPES, "a scimType of RFC 7644 §3.12", errors)
}

/// The `GrpcCode` variant `text` names.
pub fn grpc(text: &LitStr, errors: &mut Errors) -> Option<&'static str> {
    // `code.proto` writes the names in capitals: say how to write one instead of listing all.
    let lower = text.value.to_ascii_lowercase();
    if lower != text.value && GRPC_CODES.iter().any(|(name, _)| *name == lower) {
        errors.spanned(
            text,
            format!("write the gRPC code in lowercase: `grpc = \"{lower}\"`"),
        );
        return None;
    }
    lookup(
        text,
        GRPC_CODES,
        "an error code of google/rpc/code.proto (in lowercase)",
        errors,
    )
}

/// The variant name `text` stands for in `table`, or an error naming the closest value.
fn lookup(
    text: &LitStr,
    table: &[(&str, &'static str)],
    protocol: &str,
    errors: &mut Errors,
) -> Option<&'static str> {
    let value = &text.value;
    if let Some((_, variant)) = table.iter().find(|(name, _)| name == value) {
        return Some(variant);
    }
    let names: Vec<&str> = table.iter().map(|(name, _)| *name).collect();
    let hint = match closest(value, &names) {
        Some(near) => format!("did you mean `\"{near}\"`? "),
        None => String::new(),
    };
    errors.spanned(
        text,
        format!(
            "`\"{value}\"` is not {protocol}; {hint}expected one of: {}",
            names.join(", ")
        ),
    );
    None
}
