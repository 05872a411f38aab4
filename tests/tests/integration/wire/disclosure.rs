//! The one 5xx text rule (`authos_errors::disclosure`), format by format: a handler's
//! `with_message` never reaches a 5xx body in any format (the declared text does), the explicit
//! `with_public_message` does, and a 4xx still shows the handler's text.

use std::borrow::Cow;

use authos_errors::catalog::{GeneralError, InfrastructureError};
use authos_errors::field_errors::FieldErrors;
use authos_errors::oauth::OAuthErrorBody;
use authos_errors::problem::{ErrorFormat, ProblemConfig, ProblemDetails};
use authos_errors::response::{CapturedError, RenderContext};
use authos_errors::scim::ScimErrorBody;
use authos_errors::{ApiErrorCode, ApiErrorCodeExt, disclosure};
use chrono::{DateTime, TimeZone, Utc};
use serde_json::Value;

/// What a handler writes from a failed call: must never reach a 5xx body.
const SECRET: &str = "secret: db01 refused user=app password=hunter2";

/// A text written for the client, sent on purpose.
const PUBLIC: &str = "Scheduled maintenance until 10:00 UTC";

#[derive(Debug, ApiErrorCode)]
enum StorageError {
    /// Storage unavailable
    #[code(
        "STORAGE_DOWN",
        status = 503,
        message = "Bucket {bucket} is unavailable"
    )]
    Down { bucket: String },
}

fn at() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 1, 15, 10, 30, 0).unwrap()
}

/// The text member of each format's body, by format, built without HTTP.
fn wire_texts<E: ApiErrorCode + serde::Serialize>(error: &E) -> Vec<(&'static str, String)> {
    let config = ProblemConfig::default();
    let value = |text: String| serde_json::from_str::<Value>(&text).expect("valid JSON");
    let json = value(serde_json::to_string(&error.to_body_at(at())).expect("serialises"));
    let serialized = value(serde_json::to_string(error).expect("serialises"));
    let problem = serde_json::to_value(ProblemDetails::at(error, &config, at())).expect("JSON");
    let oauth = serde_json::to_value(OAuthErrorBody::at(error, at())).expect("JSON");
    let scim = serde_json::to_value(ScimErrorBody::at(error, at())).expect("JSON");
    let mut entries = FieldErrors::new();
    entries.push("bucket", error);
    let entries = serde_json::to_value(&entries).expect("JSON");
    let text = |value: &Value| value.as_str().expect("a string member").to_owned();
    vec![
        ("to_body", text(&json["error"])),
        ("Serialize", text(&serialized["error"])),
        ("problem+json", text(&problem["detail"])),
        ("OAuth", text(&oauth["error_description"])),
        ("SCIM", text(&scim["detail"])),
        ("field error entry", text(&entries["errors"][0]["error"])),
    ]
}

/// The text member of each format's HTTP response body (the framework-free contract every
/// adapter sends), and the whole body, which must not carry the text anywhere else either.
fn rendered_texts<E: ApiErrorCode + ?Sized>(error: &E) -> Vec<(ErrorFormat, String, String)> {
    let config = ProblemConfig::default();
    let captured = CapturedError::capture_at(error, at());
    let formats = [
        (ErrorFormat::Json, "error"),
        (ErrorFormat::ProblemJson, "detail"),
        (ErrorFormat::OAuth, "error_description"),
        (ErrorFormat::Scim, "detail"),
    ];
    formats
        .into_iter()
        .map(|(format, member)| {
            let context = RenderContext::new(format, &config).with_request_id(Some("req-1"));
            let response = captured.render(&context);
            let body = String::from_utf8(response.body).expect("UTF-8");
            let value: Value = serde_json::from_str(&body).expect("valid JSON");
            let text = value[member].as_str().expect("a string member").to_owned();
            (format, text, body)
        })
        .collect()
}

#[test]
fn a_handler_message_never_reaches_a_5xx_body_in_any_format() {
    let catalog = InfrastructureError::DatabaseError.with_message(SECRET);
    let templated = StorageError::Down {
        bucket: "avatars".into(),
    }
    .with_message(SECRET);
    let cases = [
        (wire_texts(&catalog), "Database operation failed"),
        (wire_texts(&templated), "Bucket avatars is unavailable"),
    ];
    for (texts, declared) in cases {
        for (format, text) in texts {
            assert_eq!(text, declared, "{format}");
        }
    }
    for (format, text, body) in rendered_texts(&catalog)
        .into_iter()
        .chain(rendered_texts(&templated))
    {
        assert!(!body.contains("hunter2"), "{format:?} leaked: {body}");
        assert!(
            text == "Database operation failed" || text == "Bucket avatars is unavailable",
            "{format:?}: {text}"
        );
    }
    // What the bodies withhold is what the 5xx log line carries.
    assert_eq!(
        disclosure::withheld_message(&catalog).as_deref(),
        Some(SECRET)
    );
    let captured = CapturedError::capture_at(&templated, at());
    assert_eq!(captured.message(), "Bucket avatars is unavailable");
    assert_eq!(captured.withheld_message(), Some(SECRET));
    // A 5xx without a handler text withholds nothing.
    assert_eq!(
        disclosure::withheld_message(&InfrastructureError::DatabaseError),
        None
    );
}

#[test]
fn a_public_message_reaches_a_5xx_body_in_every_format() {
    let catalog = InfrastructureError::DatabaseError.with_public_message(PUBLIC);
    let templated = StorageError::Down {
        bucket: "avatars".into(),
    }
    .with_public_message(PUBLIC);
    for (format, text) in wire_texts(&catalog)
        .into_iter()
        .chain(wire_texts(&templated))
    {
        assert_eq!(text, PUBLIC, "{format}");
    }
    for (format, text, _) in rendered_texts(&catalog)
        .into_iter()
        .chain(rendered_texts(&templated))
    {
        assert_eq!(text, PUBLIC, "{format:?}");
    }
    assert_eq!(disclosure::withheld_message(&catalog), None);
    // The latest call decides: a later `with_message` is not public.
    let withdrawn = InfrastructureError::DatabaseError
        .with_public_message(PUBLIC)
        .with_message(SECRET);
    assert_eq!(
        disclosure::body_message(&withdrawn),
        Cow::Borrowed("Database operation failed")
    );
}

#[test]
fn a_4xx_still_shows_the_handler_message_in_every_format() {
    let err = GeneralError::BadRequest.with_message("`email` is required");
    for (format, text) in wire_texts(&err) {
        assert_eq!(text, "`email` is required", "{format}");
    }
    for (format, text, _) in rendered_texts(&err) {
        assert_eq!(text, "`email` is required", "{format:?}");
    }
    assert_eq!(disclosure::withheld_message(&err), None);
}
