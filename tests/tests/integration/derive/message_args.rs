//! `ApiErrorCode::visit_message_args`: the derive passes the fields a variant's message
//! template interpolates, by template name and formatted with the template's spec, and
//! delegates through transparent variants and `Detailed`.

use authos_errors::catalog::{AuthOsError, ValidationError};
use authos_errors::{ApiErrorCode, ApiErrorCodeExt, Detailed, ErrorCodeInfo};

#[derive(Debug, ApiErrorCode)]
#[allow(dead_code)] // fields the templates leave out, read by nobody
enum Inner {
    /// Slug shorter than the minimum
    #[code(
        "SLUG_TOO_SHORT",
        status = 400,
        message = "Slug {slug:?} is shorter than {min} (min {min})"
    )]
    SlugTooShort {
        min: usize,
        slug: String,
        unused: u8,
    },

    /// Upstream timed out
    #[code(
        "UPSTREAM_TIMEOUT",
        status = 504,
        message = "No answer within {0:.1} s"
    )]
    Timeout(f64, #[source] std::io::Error),

    /// No placeholders
    #[code("PLAIN", status = 400, message = "Plain text {{not a field}}")]
    Plain { ignored: u8 },

    /// Described only
    #[code("DESCRIBED", status = 400)]
    Described,
}

#[derive(Debug, ApiErrorCode)]
enum Outer {
    #[code(transparent)]
    Inner(Inner),
    /// Own
    #[code("OWN", status = 409, message = "Own {type}")]
    Own { r#type: &'static str },
}

fn args(error: &impl ApiErrorCode) -> Vec<String> {
    let mut out = Vec::new();
    error.visit_message_args(&mut |name, value| out.push(format!("{name}={value}")));
    out
}

#[test]
fn fields_the_template_names_are_visited_once_each_with_their_spec() {
    let err = Inner::SlugTooShort {
        min: 3,
        slug: "ab".into(),
        unused: 7,
    };
    assert_eq!(args(&err), ["slug=\"ab\"", "min=3"]);
    let timeout = Inner::Timeout(2.25, std::io::Error::other("secret"));
    assert_eq!(args(&timeout), ["0=2.2"]);
    assert!(args(&Inner::Plain { ignored: 1 }).is_empty());
    assert!(args(&Inner::Described).is_empty());
}

#[test]
fn transparent_variants_and_detailed_delegate() {
    let err = Outer::Inner(Inner::Timeout(1.0, std::io::Error::other("x")));
    assert_eq!(args(&err), ["0=1.0"]);
    assert_eq!(args(&Outer::Own { r#type: "team" }), ["type=team"]);
    let detailed: Detailed<Outer> = Outer::Own { r#type: "org" }.with_message("custom");
    assert_eq!(args(&detailed), ["type=org"]);
    assert!(args(&AuthOsError::from(ValidationError::SlugTooShort)).is_empty());
}

#[test]
fn catalog_entries_carry_their_message_template() {
    let templates: Vec<(&str, Option<&str>)> = Outer::CATALOG
        .iter()
        .map(|info| (info.code, info.message_template))
        .collect();
    assert_eq!(
        templates,
        [
            (
                "SLUG_TOO_SHORT",
                Some("Slug {slug:?} is shorter than {min} (min {min})")
            ),
            ("UPSTREAM_TIMEOUT", Some("No answer within {0:.1} s")),
            ("PLAIN", Some("Plain text {{not a field}}")),
            ("DESCRIBED", None),
            ("OWN", Some("Own {type}")),
        ]
    );
    assert!(
        AuthOsError::CATALOG
            .iter()
            .all(|info| info.message_template.is_none())
    );
}

#[test]
fn hand_written_impls_visit_nothing_by_default() {
    struct Teapot;
    impl ApiErrorCode for Teapot {
        const CATALOG: &'static [ErrorCodeInfo] = &[ErrorCodeInfo::new("TEAPOT", 418, "Teapot")];
        fn info(&self) -> &'static ErrorCodeInfo {
            &Self::CATALOG[0]
        }
    }
    assert!(args(&Teapot).is_empty());
}
