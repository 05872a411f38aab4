//! `FieldErrors`: a form with several invalid fields answered once, each entry with its code,
//! message, JSON pointer and details, in the AuthOS body and the RFC 9457 document; and the
//! `validator` bridge that builds it from a `ValidationErrors` report.

use std::borrow::Cow;

use authos_errors::catalog::ValidationError;
use authos_errors::field_errors::{DEFAULT_SUMMARY, FieldError, FieldErrors};
use authos_errors::problem::ProblemConfig;
use authos_errors::{ApiErrorCode, ApiErrorCodeExt};
use chrono::{DateTime, TimeZone, Utc};
use serde_json::json;
use validator::Validate;

#[derive(Debug, ApiErrorCode)]
#[api_error(group = "Signup Errors")]
enum SignupError {
    /// Slug less than 3 characters
    #[code(
        "SLUG_TOO_SHORT",
        status = 400,
        resolution = "Use longer slug",
        message = "Slug must be at least {min} characters"
    )]
    SlugTooShort {
        #[detail]
        min: usize,
    },
    /// Password doesn't meet requirements
    #[code(
        "WEAK_PASSWORD",
        status = 400,
        message = "Password must be at least {min} characters"
    )]
    WeakPassword {
        #[detail]
        min: usize,
    },
    /// Slug is reserved
    #[code("RESERVED_SLUG", status = 400)]
    Reserved,
}

fn at() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 1, 15, 10, 30, 0).unwrap()
}

fn signup_errors() -> FieldErrors {
    let mut errors = FieldErrors::new();
    errors
        .push("email", &ValidationError::InvalidEmail)
        .push("slug", &SignupError::SlugTooShort { min: 3 })
        .push("password", &SignupError::WeakPassword { min: 8 });
    errors
}

const ENTRIES: &str = concat!(
    r#"[{"error_code":"INVALID_EMAIL","error":"Invalid email format","pointer":"/email"},"#,
    r#"{"error_code":"SLUG_TOO_SHORT","error":"Slug must be at least 3 characters","pointer":"/slug","details":{"min":3}},"#,
    r#"{"error_code":"WEAK_PASSWORD","error":"Password must be at least 8 characters","pointer":"/password","details":{"min":8}}]"#,
);

#[test]
fn three_invalid_fields_make_one_authos_body() {
    let errors = signup_errors();
    assert_eq!((errors.status(), errors.code()), (400, "BAD_REQUEST"));
    assert_eq!(
        serde_json::to_string(&errors.body_at(at())).unwrap(),
        format!(
            r#"{{"error":"Invalid request parameters or malformed JSON","error_code":"BAD_REQUEST","timestamp":"2025-01-15T10:30:00Z","errors":{ENTRIES}}}"#
        )
    );
}

#[test]
fn three_invalid_fields_make_one_problem_document() {
    let errors = signup_errors().with_message("The signup form has 3 errors");
    let config = ProblemConfig::default().with_type_base("https://errors.example.com/");
    assert_eq!(
        serde_json::to_string(&errors.problem_at(&config, at()).with_request_id("req 7")).unwrap(),
        format!(
            concat!(
                r#"{{"type":"https://errors.example.com/BAD_REQUEST","title":"Invalid request parameters or malformed JSON","#,
                r#""status":400,"detail":"The signup form has 3 errors","instance":"urn:request:req%207","#,
                r#""error_code":"BAD_REQUEST","timestamp":"2025-01-15T10:30:00Z","errors":{}}}"#
            ),
            ENTRIES
        )
    );
}

#[test]
fn a_services_own_summary_answers_for_the_fields() {
    #[derive(Debug, ApiErrorCode)]
    enum FormError {
        /// The form has invalid fields
        #[code("INVALID_FORM", status = 422, resolution = "Fix the fields listed")]
        Invalid,
    }
    let errors = signup_errors().with_summary(FormError::Invalid.info());
    assert_eq!((errors.status(), errors.code()), (422, "INVALID_FORM"));
    assert_eq!(
        serde_json::to_string(&errors.body_at(at())).unwrap(),
        format!(
            r#"{{"error":"The form has invalid fields","error_code":"INVALID_FORM","timestamp":"2025-01-15T10:30:00Z","errors":{ENTRIES}}}"#
        )
    );
    let problem = serde_json::to_value(errors.problem_at(&ProblemConfig::default(), at())).unwrap();
    assert_eq!(
        (&problem["type"], &problem["status"], &problem["error_code"]),
        (&json!("about:blank"), &json!(422), &json!("INVALID_FORM"))
    );
    assert!(
        errors
            .to_string()
            .starts_with("INVALID_FORM: The form has invalid fields (")
    );
    // The generic default, for comparison: HTTP's own BAD_REQUEST, in no catalog group.
    assert_eq!(signup_errors().info(), &DEFAULT_SUMMARY);
    assert_eq!(DEFAULT_SUMMARY.group, "");
}

#[test]
fn the_authos_body_carries_a_request_id_only_when_asked() {
    let errors = signup_errors();
    let body = serde_json::to_value(errors.body_at(at()).with_request_id("req-7")).unwrap();
    assert_eq!(body["request_id"], "req-7");
    let plain = serde_json::to_value(errors.body_at(at())).unwrap();
    assert!(plain.get("request_id").is_none());
}

#[test]
fn pointers_escape_their_segments_and_entries_keep_their_order() {
    let mut errors = FieldErrors::new();
    errors
        .push("a/b", &ValidationError::InvalidUrl)
        .push_at(["members", "0", "e~mail"], &ValidationError::InvalidEmail)
        .push_entry(FieldError::new("", &SignupError::Reserved));
    let pointers: Vec<&str> = errors.iter().map(FieldError::pointer).collect();
    assert_eq!(pointers, ["/a~1b", "/members/0/e~0mail", ""]);
    assert_eq!(
        errors.to_string(),
        "BAD_REQUEST: Invalid request parameters or malformed JSON (/a~1b: INVALID_URL, /members/0/e~0mail: INVALID_EMAIL, : RESERVED_SLUG)"
    );
}

#[test]
fn an_entry_takes_the_message_of_a_detailed_error() {
    let mut errors = FieldErrors::new();
    errors.push(
        "slug",
        &SignupError::SlugTooShort { min: 3 }.with_message("`ab` is too short"),
    );
    let entry = errors.iter().next().unwrap();
    assert_eq!(entry.message(), "`ab` is too short");
    assert_eq!(entry.details(), Some(&json!({"min": 3})));
}

#[test]
fn empty_collector_is_ok() {
    assert_eq!(FieldErrors::new().into_result(), Ok(()));
    assert!(signup_errors().into_result().is_err());
}

#[derive(Debug, Validate)]
struct Signup {
    #[validate(email)]
    email: String,
    #[validate(length(min = 3, max = 50))]
    slug: String,
    #[validate(length(min = 8))]
    password: String,
    #[validate(length(min = 2, max = 100))]
    name: String,
    #[validate(url)]
    homepage: String,
    #[validate(custom(function = "not_reserved"))]
    handle: String,
    #[validate(nested)]
    members: Vec<Member>,
}

#[derive(Debug, Validate)]
struct Member {
    #[validate(email(message = "Each member needs an email address"))]
    email: String,
}

fn not_reserved(handle: &str) -> Result<(), validator::ValidationError> {
    if handle == "admin" {
        return Err(validator::ValidationError::new("reserved"));
    }
    Ok(())
}

fn invalid_signup() -> Signup {
    Signup {
        email: "not-an-email".into(),
        slug: "ab".into(),
        password: "hunter2".into(),
        name: "x".repeat(101),
        homepage: "nope".into(),
        handle: "admin".into(),
        members: vec![
            Member {
                email: "a@example.com".into(),
            },
            Member {
                email: "broken".into(),
            },
        ],
    }
}

#[test]
fn validator_reports_map_rules_to_catalog_codes() {
    let report = invalid_signup().validate().unwrap_err();
    let errors = authos_errors::catalog::validation_rules().field_errors(&report);
    let entries: Vec<(&str, &str, Option<&serde_json::Value>)> = errors
        .iter()
        .map(|e| (e.pointer(), e.code(), e.details()))
        .collect();
    assert_eq!(
        entries,
        [
            ("/email", "INVALID_EMAIL", None),
            ("/handle", "BAD_REQUEST", None),
            ("/homepage", "INVALID_URL", None),
            ("/members/1/email", "INVALID_EMAIL", None),
            (
                "/name",
                "NAME_TOO_LONG",
                Some(&json!({"max": 100, "min": 2}))
            ),
            ("/password", "WEAK_PASSWORD", Some(&json!({"min": 8}))),
            (
                "/slug",
                "SLUG_TOO_SHORT",
                Some(&json!({"max": 50, "min": 3}))
            ),
        ]
    );
    let member = errors.iter().nth(3).unwrap();
    assert_eq!(member.message(), "Each member needs an email address");
    // The user's input is never echoed: not the password, not the slug.
    let body = serde_json::to_string(&errors).unwrap();
    assert!(
        !body.contains("hunter2") && !body.contains("\"ab\""),
        "{body}"
    );
}

#[test]
fn slug_longer_than_the_maximum_is_slug_too_long() {
    let mut signup = invalid_signup();
    signup.slug = "s".repeat(51);
    let errors =
        authos_errors::catalog::validation_rules().field_errors(&signup.validate().unwrap_err());
    let slug = errors.iter().find(|e| e.pointer() == "/slug").unwrap();
    assert_eq!(slug.code(), "SLUG_TOO_LONG");
}

#[test]
fn own_rules_map_to_own_codes_and_win_over_built_in_ones() {
    let rules = authos_errors::catalog::validation_rules()
        .rule("reserved", &SignupError::Reserved)
        .field_rule("password", "length", &SignupError::WeakPassword { min: 8 });
    let errors = rules.field_errors(&invalid_signup().validate().unwrap_err());
    let handle = errors.iter().find(|e| e.pointer() == "/handle").unwrap();
    assert_eq!(handle.code(), "RESERVED_SLUG");
    let password = errors.iter().find(|e| e.pointer() == "/password").unwrap();
    assert_eq!(
        (password.code(), password.message()),
        ("WEAK_PASSWORD", "Password must be at least 8 characters")
    );
    // The rule's own parameters are the details.
    assert_eq!(password.details(), Some(&json!({"min": 8})));
}

#[test]
fn without_rules_every_failure_is_the_generic_summary() {
    // `From` maps no rule: a service's codes are its own to choose (`Rules`).
    let errors = FieldErrors::from(invalid_signup().validate().unwrap_err());
    assert!(errors.len() >= 6, "{errors}");
    for entry in &errors {
        assert_eq!(entry.info(), &DEFAULT_SUMMARY, "{}", entry.pointer());
    }
    assert_eq!(errors.info(), &DEFAULT_SUMMARY);
}

#[test]
fn schema_level_failures_point_at_the_whole_document() {
    let mut report = validator::ValidationErrors::new();
    let mut failure = validator::ValidationError::new("passwords_match");
    failure.message = Some(Cow::Borrowed("Passwords differ"));
    report.add("__all__", failure);
    let errors = FieldErrors::from(report);
    let entry = errors.iter().next().unwrap();
    assert_eq!(
        (entry.pointer(), entry.code(), entry.message()),
        ("", "BAD_REQUEST", "Passwords differ")
    );
}

/// One `length` failure on `field` with the given bounds, as validator_derive reports it.
fn length_report(
    field: &'static str,
    bounds: &[(&'static str, u64)],
    value: &str,
) -> validator::ValidationErrors {
    let mut failure = validator::ValidationError::new("length");
    for (name, bound) in bounds {
        failure.add_param(Cow::Borrowed(*name), bound);
    }
    failure.add_param(Cow::Borrowed("value"), &value);
    let mut report = validator::ValidationErrors::new();
    report.add(field, failure);
    report
}

#[test]
fn catalog_messages_name_the_rules_real_bounds() {
    let rules = authos_errors::catalog::validation_rules();
    let cases = [
        (
            "slug",
            &[("min", 5)][..],
            "abc",
            "SLUG_TOO_SHORT",
            "Slug less than 5 characters",
        ),
        (
            "slug",
            &[("min", 3), ("max", 20)][..],
            &"s".repeat(21),
            "SLUG_TOO_LONG",
            "Slug more than 20 characters",
        ),
        (
            "slug",
            &[("equal", 6)][..],
            "abc",
            "SLUG_TOO_SHORT",
            "Slug not 6 characters",
        ),
        (
            "name",
            &[("min", 4)][..],
            "ab",
            "NAME_TOO_SHORT",
            "Name less than 4 characters",
        ),
        (
            "name",
            &[("max", 10)][..],
            &"n".repeat(11),
            "NAME_TOO_LONG",
            "Name more than 10 characters",
        ),
        (
            "password",
            &[("min", 12)][..],
            "hunter2",
            "WEAK_PASSWORD",
            "Password doesn’t meet requirements (min 12 characters)",
        ),
        (
            "password",
            &[("min", 12), ("max", 64)][..],
            "hunter2",
            "WEAK_PASSWORD",
            "Password doesn’t meet requirements (12 to 64 characters)",
        ),
    ];
    for (field, bounds, value, code, message) in cases {
        let errors = rules.field_errors(&length_report(field, bounds, value));
        let entry = errors.iter().next().unwrap();
        assert_eq!(
            (entry.code(), entry.message()),
            (code, message),
            "{field} {bounds:?}"
        );
        let details: serde_json::Map<String, serde_json::Value> = bounds
            .iter()
            .map(|(name, bound)| ((*name).to_owned(), json!(bound)))
            .collect();
        assert_eq!(entry.details(), Some(&serde_json::Value::Object(details)));
    }
    // The catalog's own description stays the reference's text.
    assert_eq!(
        ValidationError::SlugTooShort.message(),
        "Slug less than 3 characters"
    );
}

#[test]
fn templates_belong_to_their_catalog_entry_and_a_rules_message_wins() {
    // A service's own WEAK_PASSWORD is not AuthOS's: AuthOS's template does not touch it.
    let rules = authos_errors::catalog::validation_rules().field_rule(
        "password",
        "length",
        &SignupError::WeakPassword { min: 8 },
    );
    let errors = rules.field_errors(&length_report("password", &[("min", 10)], "x"));
    assert_eq!(
        errors.iter().next().unwrap().message(),
        "Password must be at least 8 characters"
    );

    let mut failure = validator::ValidationError::new("length");
    failure.add_param(Cow::Borrowed("min"), &5);
    failure.message = Some(Cow::Borrowed("Too short"));
    let mut report = validator::ValidationErrors::new();
    report.add("slug", failure);
    let errors = authos_errors::catalog::validation_rules().field_errors(&report);
    assert_eq!(errors.iter().next().unwrap().message(), "Too short");
}

/// Equality is what an entry says, not how it was made nor which features are on: an entry the
/// validator bridge rendered from a rule's bounds equals one built by hand with the same texts.
#[test]
fn entries_that_say_the_same_are_equal_whatever_made_them() {
    let errors = authos_errors::catalog::validation_rules().field_errors(&length_report(
        "slug",
        &[("min", 5)],
        "abc",
    ));
    let by_hand = FieldError::new("/slug", &ValidationError::SlugTooShort)
        .with_message("Slug less than 5 characters")
        .with_details(Some(json!({"min": 5})));
    assert_eq!(errors.iter().next(), Some(&by_hand));
}

#[derive(Debug, ApiErrorCode)]
#[api_error(group = "Profile Errors")]
enum ProfileError {
    /// Field too short
    #[code("FIELD_TOO_SHORT", status = 400, message = "{field} is too short")]
    TooShort { field: String },
}

/// A translation's variant says the rule's bound beside the message's own arguments, as the
/// load check lets it.
#[test]
fn a_translated_variant_has_the_bounds_and_the_messages_own_arguments() {
    use authos_errors::l10n::Localizer;
    use authos_errors::response::{CapturedError, RenderContext};
    let too_short = ProfileError::TooShort {
        field: "nickname".into(),
    };
    let rules = authos_errors::validation::Rules::new()
        .field_rule("nickname", "length", &too_short)
        .template(&too_short, "{min} characters at least");
    let errors = rules.field_errors(&length_report("nickname", &[("min", 4)], "ab"));
    assert_eq!(
        errors.iter().next().unwrap().message(),
        "4 characters at least"
    );
    let mut localizer = Localizer::new(ProfileError::CATALOG);
    localizer
        .add_resource(
            "fr",
            "fr.ftl",
            "FIELD_TOO_SHORT = { $field } est trop court\n    .min = { $field } : au moins { $min } caractères\n\
             BAD_REQUEST = Requête invalide\n",
        )
        .expect("a variant may use the message's variables and its own");
    let config = ProblemConfig::default();
    let response = CapturedError::capture_field_errors(&errors).render(
        &RenderContext::new(authos_errors::problem::ErrorFormat::Json, &config)
            .with_locale(localizer.locale("fr").unwrap()),
    );
    assert_eq!(response.header("content-language"), Some("fr"));
    let body: serde_json::Value = serde_json::from_slice(&response.body).unwrap();
    assert_eq!(
        body["errors"][0]["error"],
        "nickname : au moins 4 caractères"
    );
}

/// The numbers `message` names: each must be a bound of `details`, and the bound `code` is
/// about must be among them.
fn names_its_bounds(
    code: &str,
    message: &str,
    details: &serde_json::Map<String, serde_json::Value>,
) -> Result<(), proptest::test_runner::TestCaseError> {
    let named: Vec<u64> = message
        .split(|c: char| !c.is_ascii_digit())
        .filter(|part| !part.is_empty())
        .map(|part| part.parse().unwrap())
        .collect();
    for number in &named {
        proptest::prop_assert!(
            details.values().any(|v| v.as_u64() == Some(*number)),
            "{message} {details:?}"
        );
    }
    let about = match code {
        "SLUG_TOO_SHORT" | "NAME_TOO_SHORT" => details.get("min"),
        "SLUG_TOO_LONG" | "NAME_TOO_LONG" => details.get("max"),
        _ => details.get("min").or(details.get("max")),
    };
    if let Some(bound) = about.and_then(serde_json::Value::as_u64) {
        proptest::prop_assert!(named.contains(&bound), "{message} {details:?}");
    }
    Ok(())
}

proptest::proptest! {
    /// Whatever the bounds of a `length` rule, each AuthOS entry's message names exactly the
    /// bound its details carry, in English and in the shipped French.
    #[test]
    fn messages_and_details_agree_for_any_bounds(
        field in proptest::sample::select(&["slug", "name", "password"][..]),
        min in proptest::option::of(0u64..10_000),
        max in proptest::option::of(0u64..10_000),
        length in 0usize..300,
    ) {
        use authos_errors::response::{CapturedError, RenderContext};
        let bounds: Vec<(&'static str, u64)> =
            [("min", min), ("max", max)].into_iter().filter_map(|(n, b)| Some((n, b?))).collect();
        proptest::prop_assume!(!bounds.is_empty());
        let errors = authos_errors::catalog::validation_rules()
            .field_errors(&length_report(field, &bounds, &"x".repeat(length)));
        let entry = errors.iter().next().unwrap();
        let details = entry.details().and_then(serde_json::Value::as_object).unwrap();
        names_its_bounds(entry.code(), entry.message(), details)?;

        let config = ProblemConfig::default();
        let french = authos_errors::catalog::localizer().locale("fr").unwrap();
        let response = CapturedError::capture_field_errors(&errors).render(
            &RenderContext::new(authos_errors::problem::ErrorFormat::Json, &config).with_locale(french),
        );
        proptest::prop_assert_eq!(response.header("content-language"), Some("fr"));
        let body: serde_json::Value = serde_json::from_slice(&response.body).unwrap();
        let translated = body["errors"][0]["error"].as_str().unwrap();
        proptest::prop_assert_ne!(translated, entry.message());
        names_its_bounds(entry.code(), translated, details)?;
    }
}
