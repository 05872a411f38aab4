//! Hostile input, end to end (issue 18): what a request or a server can send that must not
//! leak a secret, loop, or reach a log as it is. Unit tests of each module cover the rest.

use std::borrow::Cow;

use authos_errors::field_errors::FieldErrors;
use authos_errors::problem::ProblemConfig;
use chrono::{DateTime, TimeZone, Utc};
use serde_json::json;
use validator::Validate;

fn at() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 1, 15, 10, 30, 0).unwrap()
}

const PASSWORD: &str = "S3cret-Hunter2!";

fn only_lowercase(handle: &str) -> Result<(), validator::ValidationError> {
    if handle.bytes().all(|b| b.is_ascii_lowercase()) {
        return Ok(());
    }
    let mut failure = validator::ValidationError::new("lowercase");
    // A custom rule may add what it likes: only a bound name reaches the body.
    failure.add_param(Cow::Borrowed("max"), &32);
    failure.add_param(Cow::Borrowed("offending"), &handle);
    Err(failure)
}

/// Every rule validator's derive implements without extra features (`regex` needs the user's
/// own `regex` crate and `credit_card` validator's `card` feature: the runtime crate's unit
/// tests build those two reports as the derive does).
#[derive(Debug, Validate)]
struct Hostile {
    #[validate(length(min = 8, max = 64))]
    password: String,
    #[validate(must_match(other = "password"))]
    password_confirmation: String,
    #[validate(length(equal = 6))]
    pin: String,
    #[validate(range(min = 18, max = 130))]
    age: u32,
    #[validate(range(exclusive_min = 0.0, exclusive_max = 1.0))]
    ratio: f64,
    #[validate(email)]
    email: String,
    #[validate(url)]
    homepage: String,
    #[validate(ip)]
    address: String,
    #[validate(contains(pattern = "@"))]
    mention: String,
    #[validate(does_not_contain(pattern = "admin"))]
    nickname: String,
    #[validate(non_control_character)]
    display_name: String,
    #[validate(required)]
    invitation: Option<String>,
    #[validate(custom(function = "only_lowercase"))]
    handle: String,
}

#[test]
fn validator_reports_send_bounds_never_values() {
    let hostile = Hostile {
        password: PASSWORD.into(),
        password_confirmation: format!("{PASSWORD}x"),
        pin: format!("{PASSWORD}-pin"),
        age: 7,
        ratio: 1.5,
        email: format!("{PASSWORD}-email"),
        homepage: format!("{PASSWORD}-url"),
        address: format!("{PASSWORD}-ip"),
        mention: format!("{PASSWORD}-mention"),
        nickname: format!("{PASSWORD}-admin"),
        display_name: format!("{PASSWORD}\u{7}"),
        invitation: None,
        handle: format!("{PASSWORD}-HANDLE"),
    };
    let errors = FieldErrors::from(hostile.validate().unwrap_err());
    let entries: Vec<_> = errors
        .iter()
        .map(|e| (e.pointer(), e.details().cloned()))
        .collect();
    assert_eq!(
        entries,
        [
            ("/address", None),
            ("/age", Some(json!({"max": 130, "min": 18})),),
            ("/display_name", None),
            ("/email", None),
            ("/handle", Some(json!({"max": 32}))),
            ("/homepage", None),
            ("/invitation", None),
            ("/mention", Some(json!({"needle": "@"}))),
            ("/nickname", Some(json!({"needle": "admin"}))),
            ("/password_confirmation", None),
            ("/pin", Some(json!({"equal": 6}))),
            (
                "/ratio",
                Some(json!({"exclusive_max": 1.0, "exclusive_min": 0.0})),
            ),
        ]
    );
    let authos = serde_json::to_string(&errors.body_at(at())).unwrap();
    let problem =
        serde_json::to_string(&errors.problem_at(&ProblemConfig::default(), at())).unwrap();
    for body in [authos, problem] {
        assert!(!body.contains(PASSWORD), "{body}");
        assert!(!body.contains("\"other\""), "{body}");
    }
}
