//! PENDING: not built. Move to `tests/tests/` once the `client` module exposes the members below
//! (branch `client` owns client.rs). It pins what a client reads of the structured details that
//! branch `details` added to the server's bodies:
//!
//! - `ErrorResponse::details(&self) -> Option<&serde_json::Value>`: the body's `details` object
//!   (AuthOS JSON and problem+json alike); `None` when absent.
//! - `ErrorResponse::field_errors(&self) -> &[client::FieldErrorEntry]`: the `errors` array, in
//!   order; empty when absent. `FieldErrorEntry` has `error_code() -> &str`, `error() -> &str`,
//!   `pointer() -> &str`, `details() -> Option<&serde_json::Value>` and `info()` (the catalog
//!   entry of a known code, as `ErrorResponse::info` does); unknown codes parse.
//! - `ErrorResponse::request_id(&self) -> Option<&str>`: the AuthOS body's `request_id`, else
//!   problem+json's `instance` with `urn:request:` stripped and percent-decoded; an `instance`
//!   of any other form is not a request id.

use authos_errors::client;
use serde_json::json;

#[test]
fn details_field_errors_and_request_ids_are_read() {
    let body = br#"{"error":"Invalid request parameters or malformed JSON","error_code":"BAD_REQUEST","timestamp":"2025-01-15T10:30:00Z","request_id":"req-42","errors":[{"error_code":"INVALID_EMAIL","error":"Invalid email format","pointer":"/email"},{"error_code":"SLUG_TOO_SHORT","error":"Slug must be at least 3 characters","pointer":"/slug","details":{"min":3}}]}"#;
    let response = client::parse(body).expect("an AuthOS body");
    assert_eq!(response.request_id(), Some("req-42"));
    let entries: Vec<_> = response
        .field_errors()
        .iter()
        .map(|e| (e.pointer(), e.error_code(), e.details().cloned()))
        .collect();
    assert_eq!(
        entries,
        [
            ("/email", "INVALID_EMAIL", None),
            ("/slug", "SLUG_TOO_SHORT", Some(json!({"min": 3}))),
        ]
    );

    let one = br#"{"error":"Slug must be at least 3 characters","error_code":"SLUG_TOO_SHORT","timestamp":"2025-01-15T10:30:00Z","details":{"min":3}}"#;
    let response = client::parse(one).expect("an AuthOS body");
    assert_eq!(response.details(), Some(&json!({"min": 3})));
    assert!(response.field_errors().is_empty());
    assert_eq!(response.request_id(), None);
}

#[test]
fn problem_instance_names_the_request() {
    let body = br#"{"type":"https://docs.authos.dev/errors#DATABASE_ERROR","title":"Database operation failed","status":500,"detail":"Database operation failed","instance":"urn:request:a%23b","error_code":"DATABASE_ERROR","timestamp":"2025-01-15T10:30:00Z"}"#;
    let response = client::parse(body).expect("a problem document");
    assert_eq!(response.request_id(), Some("a#b"));
}
