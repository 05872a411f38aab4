//! Enums with lifetime parameters, const generics and defaults: the same trait, `Display`,
//! body and HTTP answers as any other enum.

use authos_errors::ApiErrorCode;
use axum::Router;
use axum::routing::get;
use chrono::{TimeZone, Utc};

use crate::http_support::{AxumServer, assert_json_error, body};

#[derive(Debug, ApiErrorCode)]
#[api_error(group = "Lookup Errors")]
enum LookupError<'a, T: std::fmt::Display = u32, const MAX: usize = 64> {
    /// Name is unknown
    #[code("UNKNOWN_NAME", status = 404, message = "No user named {name}")]
    UnknownName { name: &'a str },

    /// Identifier is too large
    #[code("ID_TOO_LARGE", status = 422, message = "Identifier {0} is too large")]
    TooLarge(T),

    /// Directory unavailable
    #[code("DIRECTORY_DOWN", status = 503)]
    Down(#[from] std::io::Error),
}

/// A lifetime with a bound, and a transparent variant.
#[derive(Debug, ApiErrorCode)]
enum Borrowed<'a, 'b: 'a> {
    /// Field is invalid
    #[code("INVALID_FIELD", status = 400, message = "{field}: {reason}")]
    Invalid { field: &'a str, reason: &'b str },
    #[code(transparent)]
    Auth(authos_errors::catalog::AuthenticationError),
}

#[test]
fn borrowed_fields_interpolate_into_message_display_and_body() {
    let name = String::from("ada");
    let err: LookupError<'_> = LookupError::UnknownName { name: &name };
    assert_eq!((err.code(), err.status()), ("UNKNOWN_NAME", 404));
    assert_eq!(err.to_string(), "No user named ada");
    let at = Utc.with_ymd_and_hms(2025, 1, 15, 10, 30, 0).unwrap();
    assert_eq!(
        serde_json::to_string(&err.to_body_at(at)).unwrap(),
        r#"{"error":"No user named ada","error_code":"UNKNOWN_NAME","timestamp":"2025-01-15T10:30:00Z"}"#
    );
    let field = String::from("email");
    let err = Borrowed::Invalid {
        field: &field,
        reason: "missing @",
    };
    assert_eq!(err.message(), "email: missing @");
    assert_eq!(
        Borrowed::from(authos_errors::catalog::AuthenticationError::JwtError).status(),
        401
    );
}

#[test]
fn const_generics_and_defaults_change_nothing_in_the_catalog() {
    let err: LookupError<'static, i64, 8> = LookupError::TooLarge(-1);
    assert_eq!(err.message(), "Identifier -1 is too large");
    assert_eq!(<LookupError<'static>>::CATALOG.len(), 3);
    assert_eq!(<LookupError<'static>>::CATALOG[2].group, "Lookup Errors");
    let down: LookupError<'_> = std::io::Error::other("reset").into();
    assert_eq!(
        std::error::Error::source(&down).unwrap().to_string(),
        "reset"
    );
}

async fn unknown() -> Result<(), LookupError<'static>> {
    Err(LookupError::UnknownName { name: "grace" })
}

async fn down() -> Result<(), LookupError<'static, String, 4>> {
    Err(std::io::Error::other("reset").into())
}

#[test]
fn lifetime_enums_answer_http() {
    let server = AxumServer::start(
        Router::new()
            .route("/unknown", get(unknown))
            .route("/down", get(down)),
    );
    let client = server.client();
    assert_json_error(
        &client.get("/unknown", None),
        404,
        &body("No user named grace", "UNKNOWN_NAME"),
    );
    assert_json_error(
        &client.get("/down", None),
        503,
        &body("Directory unavailable", "DIRECTORY_DOWN"),
    );
}

#[test]
fn lifetime_enums_are_actix_response_errors() {
    use actix_web::ResponseError;
    let err: LookupError<'_> = LookupError::UnknownName { name: "ada" };
    assert_eq!(err.status_code().as_u16(), 404);
    assert_eq!(err.error_response().status().as_u16(), 404);
}

#[test]
fn lifetime_enums_document_their_responses() {
    let responses = <LookupError<'static> as utoipa::IntoResponses>::responses();
    let statuses: Vec<&str> = responses.keys().map(String::as_str).collect();
    assert_eq!(statuses, ["404", "422", "503"]);
}
