//! What a client reads of the structured members a server adds: `details`, the `errors`
//! entries of a many-field failure and the request id, in the AuthOS body and problem+json
//! alike. The server's own rendered bytes read back to what it rendered; the demo's signup
//! failure reads back over a real socket; members of another shape read as absent, a member
//! given twice is refused.

use std::sync::Arc;
use std::time::Instant;

use authos_errors::catalog::{AuthOsError, GeneralError, ResourceError, ValidationError};
use authos_errors::client::{ErrorResponse, MAX_BODY_BYTES, ParseErrorKind, WireFormat};
use authos_errors::field_errors::{FieldError, FieldErrors};
use authos_errors::problem::{ErrorFormat, ProblemConfig};
use authos_errors::response::{CapturedError, RenderContext};
use authos_errors::{ApiErrorCode, ErrorCodeInfo};
use authos_errors_demo as app;
use chrono::{TimeZone, Utc};
use proptest::prelude::*;
use serde_json::{Value, json};

use crate::http_support::{AxumServer, PROBLEM};

#[test]
fn details_field_errors_and_request_ids_are_read() {
    let body = br#"{"error":"Invalid request parameters or malformed JSON","error_code":"BAD_REQUEST","timestamp":"2025-01-15T10:30:00Z","request_id":"req-42","errors":[{"error_code":"INVALID_EMAIL","error":"Invalid email format","pointer":"/email"},{"error_code":"SLUG_TOO_SHORT","error":"Slug must be at least 3 characters","pointer":"/slug","details":{"min":3}}]}"#;
    for response in [
        authos_errors::catalog::client::parse(body).expect("an AuthOS body"),
        authos_errors::catalog::client::parse_response(Some(400), Some("application/json"), body)
            .expect("an AuthOS body"),
    ] {
        assert_eq!(response.format(), WireFormat::AuthOsJson);
        assert_eq!(response.request_id(), Some("req-42"));
        let entries: Vec<_> = response
            .field_errors()
            .iter()
            .map(|e| (e.pointer(), e.code(), e.message(), e.details().cloned()))
            .collect();
        assert_eq!(
            entries,
            [
                ("/email", "INVALID_EMAIL", "Invalid email format", None),
                (
                    "/slug",
                    "SLUG_TOO_SHORT",
                    "Slug must be at least 3 characters",
                    Some(json!({"min": 3}))
                ),
            ]
        );
        let first = &response.field_errors()[0];
        assert_eq!(
            first.error(),
            Some(&AuthOsError::Validation(ValidationError::InvalidEmail))
        );
        assert_eq!(first.info().map(|info| info.status), Some(400));
        assert_eq!(response.details(), None);
    }

    let one = br#"{"error":"Slug must be at least 3 characters","error_code":"SLUG_TOO_SHORT","timestamp":"2025-01-15T10:30:00Z","details":{"min":3}}"#;
    let response = authos_errors::catalog::client::parse(one).expect("an AuthOS body");
    assert_eq!(response.details(), Some(&json!({"min": 3})));
    assert!(response.field_errors().is_empty());
    assert_eq!(response.request_id(), None);
}

#[test]
fn problem_instance_names_the_request() {
    let body = br#"{"type":"https://docs.authos.dev/errors#DATABASE_ERROR","title":"Database operation failed","status":500,"detail":"Database operation failed","instance":"urn:request:a%23b","error_code":"DATABASE_ERROR","timestamp":"2025-01-15T10:30:00Z","details":{"table":"users"}}"#;
    let response = authos_errors::catalog::client::parse_response(Some(500), PROBLEM, body)
        .expect("a problem document");
    assert_eq!(response.format(), WireFormat::ProblemJson);
    assert_eq!(response.request_id(), Some("a#b"));
    assert_eq!(
        response.problem().and_then(|p| p.instance()),
        Some("urn:request:a%23b")
    );
    assert_eq!(response.details(), Some(&json!({"table": "users"})));

    // Any other instance is the server's own reference, not a request id.
    let other = br#"{"title":"Not Found","status":404,"instance":"/orders/42"}"#;
    let response = authos_errors::catalog::client::parse_response(Some(404), PROBLEM, other)
        .expect("a problem document");
    assert_eq!(response.request_id(), None);
    assert_eq!(
        response.problem().and_then(|p| p.instance()),
        Some("/orders/42")
    );
    // A request URN with a broken escape names no request either.
    let broken = br#"{"title":"Not Found","status":404,"instance":"urn:request:a%2"}"#;
    let response = authos_errors::catalog::client::parse_response(Some(404), PROBLEM, broken)
        .expect("a problem document");
    assert_eq!(response.request_id(), None);
}

#[test]
fn members_of_another_shape_read_as_absent() {
    // ASP.NET's validation problem: `errors` is an object of arrays; a numeric `request_id`.
    let aspnet = br#"{"type":"https://tools.ietf.org/html/rfc9110#section-15.5.1","title":"One or more validation errors occurred.","status":400,"errors":{"Email":["The Email field is required."]},"request_id":17,"details":"see errors"}"#;
    let response = authos_errors::catalog::client::parse_response(Some(400), PROBLEM, aspnet)
        .expect("a problem document");
    assert!(response.field_errors().is_empty());
    assert_eq!((response.request_id(), response.details()), (None, None));

    // One entry without a pointer is skipped, alone: the other is still read.
    let partial = br#"{"error":"x","error_code":"BAD_REQUEST","timestamp":"2025-01-15T10:30:00Z","errors":[{"error_code":"INVALID_EMAIL","error":"y","pointer":"/email"},{"error_code":"WEAK_PASSWORD","error":"z"}],"details":null}"#;
    let response = authos_errors::catalog::client::parse(partial).expect("an AuthOS body");
    let pointers: Vec<_> = response
        .field_errors()
        .iter()
        .map(|e| e.pointer())
        .collect();
    assert_eq!(pointers, ["/email"]);
    assert_eq!(response.details(), None);

    // Unknown members, in the body and in an entry, still parse; so does an unknown code.
    let newer = br#"{"error":"x","error_code":"BAD_REQUEST","timestamp":"2025-01-15T10:30:00Z","trace":[1,2],"errors":[{"error_code":"NEWER_RULE","error":"y","pointer":"/a","severity":"warn"}]}"#;
    let response = authos_errors::catalog::client::parse(newer).expect("an AuthOS body");
    let entry = &response.field_errors()[0];
    assert_eq!(
        (entry.code(), entry.error(), entry.info()),
        ("NEWER_RULE", None, None)
    );
}

#[test]
fn a_member_given_twice_or_an_instance_not_a_string_is_refused() {
    let twice = br#"{"error":"x","error_code":"CONFLICT","timestamp":"2025-01-15T10:30:00Z","details":{"a":1},"details":{"a":2}}"#;
    let err = authos_errors::catalog::client::parse(twice).unwrap_err();
    assert_eq!(err.kind(), ParseErrorKind::InvalidBody);
    assert!(
        err.to_string().contains("`details` is given twice"),
        "{err}"
    );
    let err = authos_errors::catalog::client::parse_response(None, None, twice).unwrap_err();
    assert!(
        err.to_string().contains("`details` is given twice"),
        "{err}"
    );

    let instance = br#"{"title":"Not Found","status":404,"instance":42}"#;
    let err =
        authos_errors::catalog::client::parse_response(Some(404), PROBLEM, instance).unwrap_err();
    assert_eq!(err.kind(), ParseErrorKind::InvalidBody);
}

#[test]
fn the_size_limit_holds_with_details() {
    let filler = "x".repeat(MAX_BODY_BYTES);
    let body = format!(
        r#"{{"error":"x","error_code":"CONFLICT","timestamp":"2025-01-15T10:30:00Z","details":{{"filler":"{filler}"}}}}"#
    );
    assert_eq!(
        authos_errors::catalog::client::parse(&body)
            .unwrap_err()
            .kind(),
        ParseErrorKind::TooLarge
    );
    assert_eq!(
        authos_errors::catalog::client::parse_response(None, None, &body)
            .unwrap_err()
            .kind(),
        ParseErrorKind::TooLarge
    );
}

/// A server's own error with `#[detail]` fields.
#[derive(Debug, ApiErrorCode)]
#[api_error(group = "Client Round Trip")]
enum Limited {
    /// Over a limit
    #[code("OVER_LIMIT", status = 422, message = "At most {limit} {what}")]
    Over {
        #[detail]
        limit: u64,
        #[detail]
        what: String,
        #[detail]
        signed: i64,
        #[detail]
        flag: bool,
        #[detail]
        maybe: Option<u32>,
        #[detail]
        tags: Vec<String>,
    },
}

/// The codes an entry may carry: catalog codes and one this client's catalog does not know.
fn entry_error() -> impl Strategy<Value = (&'static ErrorCodeInfo, Option<AuthOsError>)> {
    let known = [
        AuthOsError::Validation(ValidationError::InvalidEmail),
        AuthOsError::Validation(ValidationError::SlugTooShort),
        AuthOsError::Validation(ValidationError::WeakPassword),
        AuthOsError::Resource(ResourceError::AlreadyExists),
        AuthOsError::General(GeneralError::Conflict),
    ];
    prop_oneof![
        proptest::sample::select(known.to_vec()).prop_map(|e| (e.info(), Some(e))),
        Just((Limited::info_of_over(), None)),
    ]
}

impl Limited {
    fn info_of_over() -> &'static ErrorCodeInfo {
        Limited::Over {
            limit: 0,
            what: String::new(),
            signed: 0,
            flag: false,
            maybe: None,
            tags: Vec::new(),
        }
        .info()
    }
}

/// A `details` object of JSON scalars and short arrays.
fn details_object() -> impl Strategy<Value = Value> {
    let scalar = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<String>().prop_map(Value::from),
    ];
    let value = prop_oneof![
        scalar.clone(),
        proptest::collection::vec(scalar, 0..3).prop_map(Value::from),
    ];
    proptest::collection::btree_map(any::<String>(), value, 0..4)
        .prop_map(|map| Value::Object(map.into_iter().collect()))
}

/// What a client reads back of each rendering of `captured`, with and without `request_id`
/// (the AuthOS body, opted in to `request_id` or not, and problem+json), each with whether
/// the rendering carries the id.
fn read_back(
    captured: &CapturedError,
    request_id: &str,
) -> Vec<(ErrorResponse<AuthOsError>, bool)> {
    let plain = ProblemConfig::default();
    let opted_in = ProblemConfig::default().with_request_id_in_body(true);
    let mut read = Vec::new();
    for (format, config, id, carried) in [
        (ErrorFormat::Json, &plain, None, false),
        (ErrorFormat::Json, &plain, Some(request_id), false),
        (ErrorFormat::Json, &opted_in, Some(request_id), true),
        (ErrorFormat::ProblemJson, &plain, None, false),
        (ErrorFormat::ProblemJson, &plain, Some(request_id), true),
    ] {
        let rendered = captured.render(&RenderContext::new(format, config).with_request_id(id));
        let response = authos_errors::catalog::client::parse_response(
            Some(rendered.status),
            rendered.header("content-type"),
            &rendered.body,
        )
        .unwrap_or_else(|e| panic!("{format:?} reads back: {e}"));
        if format == ErrorFormat::Json {
            // `parse` reads the AuthOS body the same way.
            let parsed =
                authos_errors::catalog::client::parse(&rendered.body).expect("an AuthOS body");
            assert_eq!(
                (parsed.details(), parsed.field_errors(), parsed.request_id()),
                (
                    response.details(),
                    response.field_errors(),
                    response.request_id()
                )
            );
        }
        read.push((response, carried));
    }
    read
}

proptest! {
    #[test]
    fn derived_details_and_request_ids_read_back(
        limit in any::<u64>(),
        what in any::<String>(),
        signed in any::<i64>(),
        flag in any::<bool>(),
        maybe in any::<Option<u32>>(),
        tags in proptest::collection::vec(any::<String>(), 0..3),
        request_id in "[!-~]{1,40}",
    ) {
        let error = Limited::Over { limit, what: what.clone(), signed, flag, maybe, tags: tags.clone() };
        let expected = json!({
            "limit": limit, "what": what, "signed": signed, "flag": flag, "maybe": maybe, "tags": tags,
        });
        for (response, carried) in read_back(&CapturedError::capture(&error), &request_id) {
            prop_assert_eq!(response.code(), "OVER_LIMIT");
            prop_assert_eq!(response.details(), Some(&expected));
            prop_assert!(response.field_errors().is_empty());
            prop_assert_eq!(response.request_id(), carried.then_some(request_id.as_str()));
        }
    }

    #[test]
    fn field_errors_and_request_ids_read_back(
        entries in proptest::collection::vec(
            (entry_error(), any::<String>(), any::<String>(), proptest::option::of(details_object())),
            0..5,
        ),
        request_id in "[!-~]{1,40}",
    ) {
        let mut errors = FieldErrors::new();
        for ((info, _), pointer, message, details) in &entries {
            errors.push_entry(
                FieldError::new(pointer.clone(), &InfoOnly(info))
                    .with_message(message.clone())
                    .with_details(details.clone()),
            );
        }
        let check = |response: &ErrorResponse<AuthOsError>, id: Option<&str>| -> Result<(), TestCaseError> {
            prop_assert_eq!(response.code(), "BAD_REQUEST");
            prop_assert_eq!(response.request_id(), id);
            prop_assert_eq!(response.field_errors().len(), entries.len());
            for (read, ((info, typed), pointer, message, details)) in response.field_errors().iter().zip(&entries) {
                prop_assert_eq!(read.code(), info.code);
                prop_assert_eq!(read.message(), message.as_str());
                prop_assert_eq!(read.pointer(), pointer.as_str());
                prop_assert_eq!(read.details(), details.as_ref());
                prop_assert_eq!(read.error(), typed.as_ref());
            }
            Ok(())
        };

        // As the server's handlers answer: rendered from the captured failure.
        for (response, carried) in read_back(&CapturedError::capture_field_errors(&errors), &request_id) {
            check(&response, carried.then_some(request_id.as_str()))?;
        }
        // As `FieldErrors::body_at` / `problem_at` serialise.
        let at = Utc.with_ymd_and_hms(2025, 1, 15, 10, 30, 0).unwrap();
        let config = ProblemConfig::default();
        let bodies = [
            (serde_json::to_vec(&errors.body_at(at)).unwrap(), None),
            (serde_json::to_vec(&errors.body_at(at).with_request_id(&request_id)).unwrap(), Some(request_id.as_str())),
            (serde_json::to_vec(&errors.problem_at(&config, at)).unwrap(), None),
            (serde_json::to_vec(&errors.problem_at(&config, at).with_request_id(&request_id)).unwrap(), Some(request_id.as_str())),
        ];
        for (bytes, id) in bodies {
            let response = authos_errors::catalog::client::parse_response(Some(400), None, &bytes).unwrap();
            check(&response, id)?;
        }
    }
}

/// An error that is just a catalog entry, so an entry can carry any code, known or not.
struct InfoOnly(&'static ErrorCodeInfo);

impl ApiErrorCode for InfoOnly {
    const CATALOG: &'static [ErrorCodeInfo] = &[];

    fn info(&self) -> &'static ErrorCodeInfo {
        self.0
    }
}

#[test]
fn the_demo_signup_failure_reads_back_with_all_three_entries() {
    let frozen = Instant::now();
    let server = AxumServer::start(app::app(Arc::new(move || frozen)));
    let client = server.client();
    let bad_signup = r#"{"email":"alice","slug":"ab","password":"hunter2"}"#;
    let expected = [
        ("/email", "INVALID_EMAIL", None),
        ("/slug", "SLUG_TOO_SHORT", Some(json!({"min": 3}))),
        ("/password", "WEAK_PASSWORD", Some(json!({"min": 8}))),
    ];
    let json = client.post("/api/signup", bad_signup, None);
    let problem = client.post_with(
        "/api/signup",
        bad_signup,
        &[
            ("accept", "application/problem+json"),
            ("x-request-id", "signup#1"),
        ],
    );
    for (reply, format, request_id) in [
        (json, WireFormat::AuthOsJson, None),
        (problem, WireFormat::ProblemJson, Some("signup#1")),
    ] {
        let response = authos_errors::catalog::client::parse_response(
            Some(reply.status),
            reply.header("content-type"),
            reply.body.as_bytes(),
        )
        .expect("the signup failure parses");
        assert_eq!(response.format(), format);
        assert_eq!(
            response.error(),
            Some(&AuthOsError::General(GeneralError::BadRequest))
        );
        assert_eq!(response.request_id(), request_id);
        let entries: Vec<_> = response
            .field_errors()
            .iter()
            .map(|e| (e.pointer(), e.code(), e.details().cloned()))
            .collect();
        assert_eq!(entries, expected, "{format:?}");
        assert!(response.field_errors().iter().all(|e| e.info().is_some()));
    }
}
