//! Where a problem's `type` points: the exact problem+json bytes of an enum of the user's with no
//! configuration (`about:blank`, RFC 9457 §4.2.1), with a `type` base, with a per-variant
//! documentation URL; AuthOS catalog codes at the AuthOS reference under the catalog's own
//! configuration (`catalog::problem_config()`), and the reference's anchor per code that their
//! `type` resolves to.

use std::collections::HashMap;
use std::path::PathBuf;

use authos_errors::catalog::{self, AuthOsError, GeneralError, ResourceError};
use authos_errors::problem::{ProblemConfig, ProblemDetails, ProblemType};
use authos_errors::reference::{JsonWithDocUrls, Markdown};
use authos_errors::{ApiErrorCode, ApiErrorCodeExt, ErrorCodeInfo};
use chrono::{DateTime, TimeZone, Utc};

fn at() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 1, 15, 10, 30, 0).unwrap()
}

fn problem_json<E: ApiErrorCode + ?Sized>(error: &E, config: &ProblemConfig) -> String {
    serde_json::to_string(&ProblemDetails::at(error, config, at())).unwrap()
}

/// An enum of the user's, composing one AuthOS group.
#[derive(Debug, ApiErrorCode)]
#[api_error(group = "Billing Errors")]
enum BillingError {
    /// Card was declined
    #[code("CARD_DECLINED", status = 402, resolution = "Use another card")]
    CardDeclined,

    /// No such invoice
    #[code("NOT_FOUND", status = 404, message = "No invoice {0}")]
    NoInvoice(u32),

    #[code(transparent)]
    General(GeneralError),
}

/// A catalog whose one entry has a documentation page of its own.
#[derive(Debug, ApiErrorCode)]
#[api_error(group = "Billing Errors")]
enum Documented {
    /// Plan limit reached
    #[code(
        "PLAN_LIMIT",
        status = 403,
        doc = "https://billing.example.com/errors/plan-limit"
    )]
    PlanLimit,
}

/// `BillingError::NoInvoice(7)`, documented nowhere: its `NOT_FOUND` is not AuthOS's.
const NO_INVOICE_ABOUT_BLANK: &str = concat!(
    r#"{"type":"about:blank","title":"Not Found","status":404,"#,
    r#""detail":"No invoice 7","error_code":"NOT_FOUND","timestamp":"2025-01-15T10:30:00Z"}"#,
);

#[test]
fn a_users_code_without_configuration_is_about_blank_titled_by_its_status() {
    let config = ProblemConfig::default();
    assert_eq!(
        problem_json(&BillingError::CardDeclined, &config),
        concat!(
            r#"{"type":"about:blank","title":"Payment Required","status":402,"#,
            r#""detail":"Card was declined","error_code":"CARD_DECLINED","#,
            r#""resolution":"Use another card","timestamp":"2025-01-15T10:30:00Z"}"#,
        )
    );
    // The code's name is the catalog's, the entry is not: nothing of AuthOS's describes it.
    assert_eq!(
        problem_json(&BillingError::NoInvoice(7), &config),
        NO_INVOICE_ABOUT_BLANK
    );
}

#[test]
fn a_status_without_a_reason_phrase_keeps_the_description_as_title() {
    #[derive(Debug, ApiErrorCode)]
    enum Odd {
        /// Client went away
        #[code("CLIENT_CLOSED", status = 499)]
        Closed,
    }
    let json = problem_json(&Odd::Closed, &ProblemConfig::default());
    assert!(
        json.starts_with(r#"{"type":"about:blank","title":"Client went away","status":499,"#),
        "{json}"
    );
}

#[test]
fn a_type_base_addresses_every_code_without_a_page_of_its_own() {
    let config = ProblemConfig::default().with_type_base("https://billing.example.com/errors#");
    assert_eq!(
        problem_json(&BillingError::CardDeclined, &config),
        concat!(
            r#"{"type":"https://billing.example.com/errors#CARD_DECLINED","title":"Card was declined","#,
            r#""status":402,"detail":"Card was declined","error_code":"CARD_DECLINED","#,
            r#""resolution":"Use another card","timestamp":"2025-01-15T10:30:00Z"}"#,
        )
    );
    // AuthOS codes composed into the user's catalog are rows of the user's reference too.
    assert_eq!(
        problem_json(&BillingError::General(GeneralError::Conflict), &config),
        concat!(
            r#"{"type":"https://billing.example.com/errors#CONFLICT","#,
            r#""title":"Resource already exists or state conflict","status":409,"#,
            r#""detail":"Resource already exists or state conflict","error_code":"CONFLICT","#,
            r#""timestamp":"2025-01-15T10:30:00Z"}"#,
        )
    );
}

#[test]
fn a_code_with_its_own_page_points_there_whatever_the_base() {
    let expected = concat!(
        r#"{"type":"https://billing.example.com/errors/plan-limit","title":"Plan limit reached","#,
        r#""status":403,"detail":"Plan limit reached","error_code":"PLAN_LIMIT","#,
        r#""timestamp":"2025-01-15T10:30:00Z"}"#,
    );
    assert_eq!(
        problem_json(&Documented::PlanLimit, &ProblemConfig::default()),
        expected
    );
    let based = ProblemConfig::default().with_type_base("https://elsewhere.example.com/#");
    assert_eq!(problem_json(&Documented::PlanLimit, &based), expected);
}

#[test]
fn catalog_codes_point_at_the_authos_reference_under_the_catalogs_config() {
    let config = catalog::problem_config();
    assert_eq!(
        problem_json(&ResourceError::NotFound.with_message("No user 42"), &config),
        concat!(
            r#"{"type":"https://docs.authos.dev/errors#NOT_FOUND","title":"Resource not found","#,
            r#""status":404,"detail":"No user 42","error_code":"NOT_FOUND","#,
            r#""resolution":"Verify ID and permissions","timestamp":"2025-01-15T10:30:00Z"}"#,
        )
    );
    // Spliced into the user's enum, a catalog entry is still the catalog's.
    assert_eq!(
        problem_json(&BillingError::General(GeneralError::Conflict), &config),
        concat!(
            r#"{"type":"https://docs.authos.dev/errors#CONFLICT","#,
            r#""title":"Resource already exists or state conflict","status":409,"#,
            r#""detail":"Resource already exists or state conflict","error_code":"CONFLICT","#,
            r#""timestamp":"2025-01-15T10:30:00Z"}"#,
        )
    );
    for entry in AuthOsError::CATALOG {
        assert_eq!(
            config.problem_type(entry),
            ProblemType::Anchored {
                base: catalog::TYPE_BASE,
                code: entry.code
            },
            "{}",
            entry.code
        );
    }
    // A code of the user's named as an AuthOS one is not documented by the AuthOS reference.
    assert_eq!(
        problem_json(&BillingError::NoInvoice(7), &config),
        NO_INVOICE_ABOUT_BLANK
    );
}

#[test]
fn without_the_catalogs_config_its_codes_are_about_blank_too() {
    // The generic default: nothing says where AuthOS documents its codes.
    let config = ProblemConfig::default();
    for entry in AuthOsError::CATALOG {
        assert_eq!(
            config.problem_type(entry),
            ProblemType::AboutBlank,
            "{}",
            entry.code
        );
    }
    assert_eq!(
        problem_json(&ResourceError::NotFound.with_message("No user 42"), &config),
        concat!(
            r#"{"type":"about:blank","title":"Not Found","status":404,"#,
            r#""detail":"No user 42","error_code":"NOT_FOUND","#,
            r#""resolution":"Verify ID and permissions","timestamp":"2025-01-15T10:30:00Z"}"#,
        )
    );
}

/// The `id`s of the `<a id="..."></a>` anchors of a rendered reference, with how often each
/// appears.
fn anchors(markdown: &str) -> HashMap<&str, usize> {
    let mut ids = HashMap::new();
    for piece in markdown.split("<a id=\"").skip(1) {
        let (id, _) = piece.split_once("\"></a>").expect("a closed anchor");
        *ids.entry(id).or_insert(0) += 1;
    }
    ids
}

#[test]
fn every_catalog_problem_type_resolves_to_one_anchor_of_the_published_reference() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../docs/ERRORS.md");
    let published = std::fs::read_to_string(path).expect("docs/ERRORS.md");
    let ids = anchors(&published);
    let config = catalog::problem_config();
    for entry in AuthOsError::CATALOG {
        let type_uri = config.problem_type(entry).to_string();
        let fragment = type_uri
            .strip_prefix("https://docs.authos.dev/errors#")
            .unwrap_or_else(|| panic!("{type_uri} is not in the AuthOS reference"));
        assert_eq!(ids.get(fragment), Some(&1), "anchor {fragment}");
    }
    // One anchor per code: codes listed in two groups are anchored once.
    let codes: std::collections::HashSet<&str> =
        AuthOsError::CATALOG.iter().map(|e| e.code).collect();
    assert_eq!(ids.len(), codes.len());
    assert_eq!(codes.len(), 58);
}

#[test]
fn a_code_listed_twice_is_anchored_on_its_first_row() {
    let markdown = catalog::REFERENCE.to_string();
    let general = markdown.find("### General Errors").unwrap();
    let resource = markdown.find("### Resource Errors").unwrap();
    let anchor = markdown
        .find(r#"<a id="NOT_FOUND"></a>NOT_FOUND | 404"#)
        .unwrap();
    assert!(general < anchor && anchor < resource);
    assert!(markdown.contains("\n| NOT_FOUND | 404 | Resource not found |"));
}

#[test]
fn a_users_reference_anchors_its_codes_for_its_type_base() {
    let markdown = Markdown::new("Billing API Errors", BillingError::CATALOG).to_string();
    assert!(markdown.contains(
        "| <a id=\"CARD_DECLINED\"></a>CARD_DECLINED | 402 | Card was declined | Use another card |\n"
    ));
    let config = ProblemConfig::default().with_type_base("https://billing.example.com/errors#");
    let ids = anchors(&markdown);
    for entry in BillingError::CATALOG {
        let type_uri = config.problem_type(entry).to_string();
        let fragment = type_uri.rsplit_once('#').unwrap().1;
        assert_eq!(ids.get(fragment), Some(&1), "anchor {fragment}");
    }
}

#[test]
fn a_hand_written_code_that_is_no_html_id_gets_no_anchor() {
    const ODD: &[ErrorCodeInfo] = &[ErrorCodeInfo::new("bad code\"", 400, "odd").with_group("G")];
    let markdown = Markdown::new("Odd", ODD).to_string();
    assert!(
        markdown.contains("| bad code\" | 400 | odd |\n"),
        "{markdown}"
    );
    assert!(!markdown.contains("<a id"));
}

#[test]
fn the_json_reference_with_doc_urls_is_the_catalog_json_plus_each_problem_type() {
    let config = catalog::problem_config();
    let linked = serde_json::to_value(JsonWithDocUrls::new(AuthOsError::CATALOG, &config)).unwrap();
    let plain = serde_json::to_value(AuthOsError::CATALOG).unwrap();
    let (linked, plain) = (linked.as_array().unwrap(), plain.as_array().unwrap());
    assert_eq!(linked.len(), plain.len());
    for ((linked, plain), entry) in linked.iter().zip(plain).zip(AuthOsError::CATALOG) {
        let mut linked = linked.as_object().unwrap().clone();
        let doc_url = linked.remove("doc_url").expect("a doc_url member");
        // Every member of the entry's own JSON, none left out (and nothing else added).
        assert_eq!(&serde_json::Value::Object(linked), plain, "{}", entry.code);
        assert_eq!(doc_url, config.problem_type(entry).to_string());
    }

    let mine = serde_json::to_string(&JsonWithDocUrls::new(Documented::CATALOG, &config)).unwrap();
    assert_eq!(
        mine,
        concat!(
            r#"[{"code":"PLAN_LIMIT","status":403,"description":"Plan limit reached","#,
            r#""resolution":null,"group":"Billing Errors","grpc":"PERMISSION_DENIED","#,
            r#""doc_url":"https://billing.example.com/errors/plan-limit"}]"#,
        )
    );
    let undocumented =
        serde_json::to_value(JsonWithDocUrls::new(&BillingError::CATALOG[..1], &config)).unwrap();
    assert!(undocumented[0]["doc_url"].is_null());
}
