//! The AuthOS catalog is the reference's Error Code Index, row for row (`tests/fixtures/catalog.tsv`
//! is a byte copy of the index).

use std::collections::BTreeSet;
use std::panic;

use authos_errors::catalog::{
    AuthOsError, AuthenticationError, AuthorizationError, DeviceFlowError, GeneralError,
    InfrastructureError, MfaError, OAuthError, ResourceError, SamlError, ScimError,
    ValidationError, WebhookError,
};
use authos_errors::{ApiErrorCode, ErrorCodeInfo, FromCode};

const INDEX: &str = include_str!("../../../fixtures/catalog.tsv");

/// One row of the index, as the fixture spells it.
#[derive(Debug, PartialEq)]
struct Row<'a> {
    group: &'a str,
    code: &'a str,
    status: u16,
    description: &'a str,
    resolution: Option<&'a str>,
}

fn index() -> Vec<Row<'static>> {
    INDEX
        .lines()
        .enumerate()
        .map(|(n, line)| {
            let fields: Vec<&str> = line.split('\t').collect();
            let [group, code, status, description, resolution] = fields[..] else {
                panic!(
                    "fixture line {}: expected 5 tab-separated fields: {line:?}",
                    n + 1
                )
            };
            Row {
                group,
                code,
                status: status.parse().unwrap_or_else(|_| {
                    panic!("fixture line {}: status {status:?} is not a number", n + 1)
                }),
                description,
                resolution: (!resolution.is_empty()).then_some(resolution),
            }
        })
        .collect()
}

fn row(info: &'static ErrorCodeInfo) -> Row<'static> {
    Row {
        group: info.group,
        code: info.code,
        status: info.status,
        description: info.description,
        resolution: info.resolution,
    }
}

#[test]
fn catalog_is_the_reference_index_row_for_row() {
    let expected = index();
    let actual: Vec<Row> = AuthOsError::CATALOG.iter().map(row).collect();
    for (n, (actual, expected)) in actual.iter().zip(&expected).enumerate() {
        assert_eq!(
            actual, expected,
            "catalog row {n} differs from the reference"
        );
    }
    assert_eq!(actual.len(), expected.len(), "number of catalog rows");
    assert_eq!(actual.len(), 61);
}

#[test]
fn typographic_apostrophes_are_kept() {
    let descriptions: Vec<&str> = AuthOsError::CATALOG
        .iter()
        .map(|info| info.description)
        .filter(|d| d.contains('’'))
        .collect();
    assert_eq!(
        descriptions,
        [
            "Password doesn’t meet requirements",
            "User hasn’t authorized yet"
        ]
    );
    assert!(AuthOsError::CATALOG.iter().all(|info| {
        !info.description.contains('\'') && !info.resolution.unwrap_or("").contains('\'')
    }));
}

#[test]
fn fifty_eight_distinct_codes_and_three_shared_ones() {
    let codes: BTreeSet<&str> = AuthOsError::CATALOG.iter().map(|i| i.code).collect();
    assert_eq!(codes.len(), 58);
    let shared: BTreeSet<&str> = codes
        .iter()
        .copied()
        .filter(|code| {
            AuthOsError::CATALOG
                .iter()
                .filter(|i| i.code == *code)
                .count()
                > 1
        })
        .collect();
    assert_eq!(
        shared,
        BTreeSet::from(["FORBIDDEN", "NOT_FOUND", "UNAUTHORIZED"])
    );
}

#[test]
fn from_code_resolves_every_code_to_its_first_entry() {
    for expected in index() {
        let error = AuthOsError::from_code(expected.code)
            .unwrap_or_else(|| panic!("from_code({:?}) is None", expected.code));
        let first = AuthOsError::CATALOG
            .iter()
            .find(|info| info.code == expected.code)
            .expect("the code is in the catalog");
        assert_eq!(error.info(), first, "from_code({:?})", expected.code);
        assert_eq!(
            (error.code(), error.status()),
            (expected.code, expected.status)
        );
    }
    // Shared codes resolve to the General Errors entry.
    for code in ["UNAUTHORIZED", "FORBIDDEN", "NOT_FOUND"] {
        let error = AuthOsError::from_code(code).expect("shared code resolves");
        assert_eq!(error.info().group, "General Errors", "{code}");
        assert!(
            matches!(error, AuthOsError::General(_)),
            "{code}: {error:?}"
        );
    }
    assert_eq!(AuthOsError::from_code("NOT_A_CODE"), None);
    assert_eq!(
        AuthOsError::from_code("not_found"),
        None,
        "codes are case-sensitive"
    );
    assert_eq!(<AuthOsError as FromCode>::from_code(""), None);
}

#[test]
fn each_group_enum_catalog_is_its_rows() {
    let groups: [(&str, &[ErrorCodeInfo]); 12] = [
        ("General Errors", GeneralError::CATALOG),
        ("Authentication Errors", AuthenticationError::CATALOG),
        ("Authorization Errors", AuthorizationError::CATALOG),
        ("Validation Errors", ValidationError::CATALOG),
        ("Resource Errors", ResourceError::CATALOG),
        ("MFA Errors", MfaError::CATALOG),
        ("Device Flow Errors", DeviceFlowError::CATALOG),
        ("OAuth Errors", OAuthError::CATALOG),
        ("SAML Errors", SamlError::CATALOG),
        ("SCIM Errors", ScimError::CATALOG),
        ("Webhook Errors", WebhookError::CATALOG),
        ("Infrastructure Errors", InfrastructureError::CATALOG),
    ];
    let index = index();
    let mut group_order: Vec<&str> = index.iter().map(|r| r.group).collect();
    group_order.dedup();
    assert_eq!(
        group_order,
        groups.map(|(name, _)| name),
        "groups in the reference's order"
    );
    for (group, catalog) in groups {
        let expected: Vec<&Row> = index.iter().filter(|r| r.group == group).collect();
        let actual: Vec<Row> = catalog.iter().map(row).collect();
        assert_eq!(actual.iter().collect::<Vec<_>>(), expected, "{group}");
    }
}

#[test]
fn group_enums_resolve_their_own_codes() {
    // The shared codes resolve to each group's own entry inside its enum.
    assert_eq!(
        AuthenticationError::from_code("UNAUTHORIZED").map(|e| e.description()),
        Some("Missing or invalid credentials")
    );
    assert_eq!(
        AuthorizationError::from_code("FORBIDDEN").map(|e| e.description()),
        Some("Insufficient permissions")
    );
    assert_eq!(
        ResourceError::from_code("NOT_FOUND").map(|e| e.description()),
        Some("Resource not found")
    );
    assert_eq!(GeneralError::from_code("TOKEN_EXPIRED"), None);
}

/// The compile-time check's message names the code (the `compile_fail` doctest in the catalog
/// module shows the build failing; this reads the message the build prints, by running the
/// same `const fn` at run time).
#[test]
fn conflicting_status_message_names_the_code() {
    let mut resource = ResourceError::CATALOG.to_vec();
    resource[0].status = 410;
    let payload = panic::catch_unwind(|| {
        authos_errors::assert_consistent_statuses(&[GeneralError::CATALOG, &resource]);
    })
    .expect_err("a changed status on a shared code is refused");
    let message = payload
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| payload.downcast_ref::<&str>().map(|s| (*s).to_owned()))
        .expect("panic message is text");
    assert!(message.contains("`NOT_FOUND`"), "{message}");
    assert!(
        message.contains("404") && message.contains("410"),
        "{message}"
    );
    assert!(message.contains("Resource Errors"), "{message}");
}
