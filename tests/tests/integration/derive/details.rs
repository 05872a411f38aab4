//! `#[detail]` fields: the body carries them as a `details` object after the three AuthOS keys,
//! a transparent variant and `Detailed<E>` pass the inner error's on, the catalog entry names
//! them, and an enum without marks keeps the exact three-key body.

use authos_errors::catalog::{AuthOsError, ValidationError};
use authos_errors::{ApiErrorCode, ApiErrorCodeExt};
use proptest::prelude::*;
use serde_json::json;

use crate::http_support::{TIMESTAMP, stamp_free};

#[derive(Debug, ApiErrorCode)]
#[api_error(group = "Signup Errors")]
#[expect(
    dead_code,
    reason = "`slug` exists to show an unmarked field stays out"
)]
enum SignupError {
    /// Slug shorter than the minimum
    #[code(
        "SLUG_TOO_SHORT",
        status = 400,
        message = "Slug must be at least {min} characters"
    )]
    SlugTooShort {
        #[detail]
        min: usize,
        /// Not marked: stays out of the body.
        slug: String,
    },

    /// Password too weak
    #[code("WEAK_PASSWORD", status = 400)]
    WeakPassword(#[detail] u32, #[detail] Vec<String>),

    /// Plain
    #[code("SIGNUPS_CLOSED", status = 403)]
    Closed,

    /// Storage failed
    #[code("SIGNUP_STORE_DOWN", status = 500)]
    Store(#[source] std::io::Error),

    #[code(transparent)]
    Catalog(AuthOsError),
}

#[derive(Debug, ApiErrorCode)]
#[api_error(from_code = false)]
enum AppError {
    #[code(transparent)]
    Signup(SignupError),
}

fn body(value: &impl serde::Serialize) -> String {
    stamp_free(&serde_json::to_string(value).expect("serialises"))
}

#[test]
fn marked_fields_follow_the_three_keys_as_details() {
    let err = SignupError::SlugTooShort {
        min: 3,
        slug: "ab".into(),
    };
    assert_eq!(
        body(&err),
        format!(
            r#"{{"error":"Slug must be at least 3 characters","error_code":"SLUG_TOO_SHORT","timestamp":"{TIMESTAMP}","details":{{"min":3}}}}"#
        )
    );
    let err = SignupError::WeakPassword(8, vec!["digit".into(), "symbol".into()]);
    assert_eq!(
        body(&err),
        format!(
            r#"{{"error":"Password too weak","error_code":"WEAK_PASSWORD","timestamp":"{TIMESTAMP}","details":{{"0":8,"1":["digit","symbol"]}}}}"#
        )
    );
}

#[test]
fn variants_without_marks_keep_the_three_key_body() {
    assert_eq!(
        body(&SignupError::Closed),
        format!(r#"{{"error":"Plain","error_code":"SIGNUPS_CLOSED","timestamp":"{TIMESTAMP}"}}"#)
    );
    assert_eq!(
        body(&SignupError::Catalog(ValidationError::InvalidEmail.into())),
        format!(
            r#"{{"error":"Invalid email format","error_code":"INVALID_EMAIL","timestamp":"{TIMESTAMP}"}}"#
        )
    );
    assert_eq!(
        body(&ValidationError::SlugTooShort),
        format!(
            r#"{{"error":"Slug less than 3 characters","error_code":"SLUG_TOO_SHORT","timestamp":"{TIMESTAMP}"}}"#
        )
    );
}

#[test]
fn transparent_variants_and_detailed_pass_details_on() {
    let inner = || SignupError::SlugTooShort {
        min: 3,
        slug: "ab".into(),
    };
    let expected = format!(
        r#"{{"error":"Slug must be at least 3 characters","error_code":"SLUG_TOO_SHORT","timestamp":"{TIMESTAMP}","details":{{"min":3}}}}"#
    );
    assert_eq!(body(&AppError::Signup(inner())), expected);
    let overridden = inner().with_message("Slug `ab` is too short");
    assert_eq!(
        body(&overridden),
        format!(
            r#"{{"error":"Slug `ab` is too short","error_code":"SLUG_TOO_SHORT","timestamp":"{TIMESTAMP}","details":{{"min":3}}}}"#
        )
    );
}

#[test]
fn serialize_details_answers_none_without_marks() {
    assert!(
        SignupError::Closed
            .serialize_details(serde_json::value::Serializer)
            .is_none()
    );
    assert!(
        SignupError::Store(std::io::Error::other("x"))
            .serialize_details(serde_json::value::Serializer)
            .is_none()
    );
    assert!(
        ValidationError::InvalidEmail
            .serialize_details(serde_json::value::Serializer)
            .is_none()
    );
    let err = SignupError::SlugTooShort {
        min: 3,
        slug: "ab".into(),
    };
    assert_eq!(
        err.serialize_details(serde_json::value::Serializer)
            .map(Result::ok),
        Some(Some(json!({"min": 3})))
    );
}

#[test]
fn the_catalog_entry_names_the_marked_fields() {
    let names: Vec<(&str, &[&str])> = SignupError::CATALOG
        .iter()
        .take(4)
        .map(|info| (info.code, info.details))
        .collect();
    assert_eq!(
        names,
        [
            ("SLUG_TOO_SHORT", &["min"][..]),
            ("WEAK_PASSWORD", &["0", "1"][..]),
            ("SIGNUPS_CLOSED", &[][..]),
            ("SIGNUP_STORE_DOWN", &[][..]),
        ]
    );
    assert!(
        AuthOsError::CATALOG
            .iter()
            .all(|info| info.details.is_empty())
    );
}

#[derive(Debug, ApiErrorCode)]
#[api_error(group = "Property Errors")]
enum Marked {
    /// Every kind of value a detail may hold
    #[code("MARKED", status = 422)]
    Values {
        #[detail]
        text: String,
        #[detail]
        signed: i64,
        #[detail]
        unsigned: u64,
        #[detail]
        flag: bool,
        #[detail]
        maybe: Option<u32>,
        #[detail]
        list: Vec<String>,
    },
}

proptest! {
    #[test]
    fn marked_fields_round_trip_through_json(
        text in any::<String>(),
        signed in any::<i64>(),
        unsigned in any::<u64>(),
        flag in any::<bool>(),
        maybe in any::<Option<u32>>(),
        list in proptest::collection::vec(any::<String>(), 0..4),
    ) {
        let err = Marked::Values {
            text: text.clone(),
            signed,
            unsigned,
            flag,
            maybe,
            list: list.clone(),
        };
        let parsed: serde_json::Value =
            serde_json::from_str(&serde_json::to_string(&err).expect("serialises")).expect("JSON");
        prop_assert_eq!(
            &parsed["details"],
            &json!({
                "text": text,
                "signed": signed,
                "unsigned": unsigned,
                "flag": flag,
                "maybe": maybe,
                "list": list,
            })
        );
        prop_assert_eq!(&parsed["error_code"], "MARKED");
        prop_assert_eq!(parsed.as_object().map(serde_json::Map::len), Some(4));
    }
}

#[test]
fn the_openapi_responses_document_the_detail_members() {
    let doc = serde_json::to_value(authos_errors::openapi::responses::<SignupError>()).unwrap();
    let response = &doc["400"];
    let description = response["description"].as_str().unwrap();
    assert!(
        description.contains("`SLUG_TOO_SHORT`: Slug shorter than the minimum (details: `min`)"),
        "{description}"
    );
    for content in ["application/json", "application/problem+json"] {
        let members =
            &response["content"][content]["schema"]["properties"]["details"]["properties"];
        assert_eq!(
            members["min"]["description"], "Sent by `SLUG_TOO_SHORT`",
            "{content}"
        );
        assert_eq!(
            members["0"]["description"], "Sent by `WEAK_PASSWORD`",
            "{content}"
        );
    }
    // Statuses without details keep the plain schema.
    let plain = &doc["403"]["content"]["application/json"]["schema"]["properties"]["details"];
    assert!(plain.get("properties").is_none(), "{plain}");
}

#[test]
fn framework_responses_carry_details_without_any_layer() {
    use actix_web::ResponseError;
    use axum::response::IntoResponse;

    let expected = format!(
        r#"{{"error":"Slug must be at least 3 characters","error_code":"SLUG_TOO_SHORT","timestamp":"{TIMESTAMP}","details":{{"min":3}}}}"#
    );
    let err = || SignupError::SlugTooShort {
        min: 3,
        slug: "ab".into(),
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("a runtime");
    let axum_body = runtime
        .block_on(axum::body::to_bytes(
            err().into_response().into_body(),
            usize::MAX,
        ))
        .expect("an in-memory body");
    assert_eq!(
        stamp_free(std::str::from_utf8(&axum_body).unwrap()),
        expected
    );
    let actix_body = actix_web::rt::System::new()
        .block_on(actix_web::body::to_bytes(
            err().error_response().into_body(),
        ))
        .expect("an in-memory body");
    assert_eq!(
        stamp_free(std::str::from_utf8(&actix_body).unwrap()),
        expected
    );
}
