//! The rendered reference: `docs/ERRORS.md` is current, every table row is the index's, and the
//! renderer works for any catalog.

use std::path::PathBuf;

use authos_errors::catalog::{self, AuthOsError};
use authos_errors::reference::{Markdown, StatusSummaryRow, TroubleshootingTopic};
use authos_errors::{ApiErrorCode, ErrorCodeInfo};

const INDEX: &str = include_str!("../../../fixtures/catalog.tsv");

fn docs_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../docs/ERRORS.md")
}

#[test]
fn docs_errors_md_is_the_rendered_reference() {
    let rendered = catalog::REFERENCE.to_string();
    let path = docs_path();
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some_and(|v| v == "1") {
        std::fs::write(&path, &rendered).expect("write docs/ERRORS.md");
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == rendered,
        "docs/ERRORS.md is not the rendered AuthOS reference; regenerate it with\n    \
         cargo run -p authos-errors --example reference > docs/ERRORS.md\n\
         (or UPDATE_SNAPSHOTS=1 cargo test -p authos-errors-tests --test integration reference::markdown)"
    );
}

/// Splits a Markdown table row into its cells, undoing the renderer's escapes.
fn cells(line: &str) -> Vec<String> {
    let inner = line
        .strip_prefix("| ")
        .and_then(|l| l.strip_suffix(" |"))
        .unwrap_or_else(|| panic!("not a table row: {line:?}"));
    let mut cells = vec![String::new()];
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => cells.last_mut().unwrap().extend(chars.next()),
            '|' => {
                let cell = cells.last_mut().unwrap();
                *cell = cell.trim_end().to_owned();
                cells.push(String::new());
                if chars.peek() == Some(&' ') {
                    chars.next();
                }
            }
            c => cells.last_mut().unwrap().push(c),
        }
    }
    cells
}

/// Every row of the Error Code Index tables, as `[group, code, status, description, resolution]`.
fn index_rows(markdown: &str) -> Vec<[String; 5]> {
    let index = markdown
        .split_once("## Error Code Index\n")
        .expect("an Error Code Index section")
        .1;
    let index = index.split("\n## ").next().unwrap_or(index);
    let mut group = String::new();
    let mut rows = Vec::new();
    for line in index.lines() {
        if let Some(heading) = line.strip_prefix("### ") {
            group = heading.to_owned();
        } else if line.starts_with("| ")
            && !line.starts_with("| Code |")
            && !line.starts_with("| ---")
        {
            let mut cells = cells(line);
            cells.resize(4, String::new());
            let [code, status, description, resolution] =
                <[String; 4]>::try_from(cells).expect("at most 4 cells");
            let code = without_anchor(&code).to_owned();
            rows.push([group.clone(), code, status, description, resolution]);
        }
    }
    rows
}

/// The code of a code cell, its `<a id="CODE"></a>` anchor (checked to name the code) removed.
fn without_anchor(cell: &str) -> &str {
    let Some(rest) = cell.strip_prefix("<a id=\"") else {
        return cell;
    };
    let (id, code) = rest.split_once("\"></a>").expect("a closed anchor");
    assert_eq!(id, code, "the anchor of a row is its code");
    code
}

#[test]
fn every_table_row_is_a_row_of_the_index() {
    let rendered = catalog::REFERENCE.to_string();
    let rows = index_rows(&rendered);
    let expected: Vec<[String; 5]> = INDEX
        .lines()
        .map(|line| {
            let fields: Vec<String> = line.split('\t').map(str::to_owned).collect();
            fields.try_into().expect("5 fields per fixture line")
        })
        .collect();
    assert_eq!(rows.len(), 61);
    for (n, (row, expected)) in rows.iter().zip(&expected).enumerate() {
        assert_eq!(row, expected, "table row {n}");
    }
}

#[test]
fn resolution_column_only_where_the_group_has_resolutions() {
    let rendered = catalog::REFERENCE.to_string();
    let general = rendered
        .split_once("### General Errors\n\n")
        .expect("General Errors table")
        .1;
    assert!(general.starts_with("| Code | HTTP | Description |\n| --- | --- | --- |\n"));
    assert_eq!(
        rendered
            .matches("| Code | HTTP | Description | Resolution |\n")
            .count(),
        11
    );
}

#[test]
fn reference_structure_and_authos_sections() {
    let rendered = catalog::REFERENCE.to_string();
    let headings: Vec<&str> = rendered.lines().filter(|l| l.starts_with('#')).collect();
    assert_eq!(
        headings[..3],
        [
            "# Error Codes Reference",
            "## Error Code Index",
            "### General Errors"
        ]
    );
    assert!(rendered.contains(
        "Complete reference of all error codes returned by the AuthOS API.\n\nAll errors follow this structure:\n\n```json\n{\n  \"error\": \"Human-readable error message\",\n  \"error_code\": \"MACHINE_READABLE_CODE\",\n  \"timestamp\": \"2025-01-15T10:30:00Z\"\n}\n```\n"
    ));
    assert!(
        rendered.contains("## HTTP Status Code Summary\n\n| Status | Meaning | Common Causes |\n")
    );
    assert!(rendered.contains("| 503 | Service Unavailable | Maintenance/overload |\n"));
    assert!(rendered.contains(
        "### “Rate limit exceeded” Errors\n\n- Implement exponential backoff\n- Check Retry-After header for wait time\n"
    ));
    assert!(rendered.ends_with("- Ensure token contains required claims\n"));
    // The example body is what the crate actually sends.
    let example: serde_json::Value = serde_json::from_str(
        rendered
            .split("```json\n")
            .nth(1)
            .and_then(|r| r.split("\n```").next())
            .unwrap(),
    )
    .expect("example body is JSON");
    assert_eq!(example.as_object().map(|o| o.len()), Some(3));
}

const MIXED: &[ErrorCodeInfo] = &[
    info("A_ONE", 400, "first a", None, "Alpha"),
    info("B_ONE", 404, "first b", Some("fix b"), "Beta"),
    info(
        "A_TWO",
        409,
        "pipes | and \\ backslash\nand a newline",
        None,
        "Alpha",
    ),
];

const fn info(
    code: &'static str,
    status: u16,
    description: &'static str,
    resolution: Option<&'static str>,
    group: &'static str,
) -> ErrorCodeInfo {
    ErrorCodeInfo {
        resolution,
        group,
        ..ErrorCodeInfo::new(code, status, description)
    }
}

#[test]
fn any_catalog_is_grouped_in_order_of_first_appearance_and_escaped() {
    let rendered = Markdown::new("Mixed", MIXED).to_string();
    let alpha = rendered.find("### Alpha").expect("Alpha table");
    let beta = rendered.find("### Beta").expect("Beta table");
    assert!(alpha < beta);
    assert!(rendered.contains(
        "### Alpha\n\n| Code | HTTP | Description |\n| --- | --- | --- |\n| <a id=\"A_ONE\"></a>A_ONE | 400 | first a |\n| <a id=\"A_TWO\"></a>A_TWO | 409 | pipes \\| and \\\\ backslash and a newline |\n"
    ));
    assert!(rendered.contains("### Beta\n\n| Code | HTTP | Description | Resolution |\n"));
    let rows = index_rows(&rendered);
    assert_eq!(
        rows[1][3], "pipes | and \\ backslash and a newline",
        "escapes undo to the text"
    );
    assert!(!rendered.contains("HTTP Status Code Summary"));
    assert!(!rendered.contains("Troubleshooting Guide"));
}

#[test]
fn group_with_some_resolutions_leaves_the_others_empty() {
    const PARTIAL: &[ErrorCodeInfo] = &[
        info("X", 400, "x", Some("do x"), "G"),
        info("Y", 400, "y", None, "G"),
    ];
    let rendered = Markdown::new("Partial", PARTIAL).to_string();
    assert!(
        rendered.contains(
            "| <a id=\"X\"></a>X | 400 | x | do x |\n| <a id=\"Y\"></a>Y | 400 | y |  |\n"
        )
    );
}

#[test]
fn optional_sections_render_when_given() {
    const STATUSES: &[StatusSummaryRow] = &[StatusSummaryRow {
        status: 402,
        meaning: "Payment Required",
        common_causes: "a | b",
    }];
    const GUIDE: &[TroubleshootingTopic] = &[TroubleshootingTopic {
        title: "Declined",
        steps: &["one", "two"],
    }];
    let rendered = Markdown::new("T", MIXED)
        .with_intro("Intro.")
        .with_status_summary(STATUSES)
        .with_troubleshooting(GUIDE)
        .to_string();
    assert!(rendered.starts_with("# T\n\nIntro.\n\nAll errors follow this structure:\n"));
    assert!(rendered.contains("| 402 | Payment Required | a \\| b |\n"));
    assert!(rendered.ends_with("## Troubleshooting Guide\n\n### Declined\n\n- one\n- two\n"));
}

#[test]
fn json_export_is_the_catalog() {
    let json = serde_json::to_value(AuthOsError::CATALOG).expect("catalog serialises");
    let entries = json.as_array().expect("an array");
    assert_eq!(entries.len(), 61);
    for (entry, info) in entries.iter().zip(AuthOsError::CATALOG) {
        let object = entry.as_object().expect("an object per entry");
        let keys: Vec<&str> = object.keys().map(String::as_str).collect();
        // The OAuth and SCIM mappings are members only for the entries that have them; every
        // entry has its gRPC code.
        let expected_keys =
            6 + usize::from(info.oauth.is_some()) + usize::from(info.scim.is_some());
        assert_eq!(entry["grpc"], info.grpc_code().as_str());
        assert_eq!(keys.len(), expected_keys, "{keys:?}");
        assert_eq!(
            entry.get("oauth").and_then(|v| v.as_str()),
            info.oauth.map(|code| code.as_str())
        );
        assert_eq!(
            entry.get("scim").and_then(|v| v.as_str()),
            info.scim.map(|kind| kind.as_str())
        );
        assert_eq!(entry["code"], info.code);
        assert_eq!(entry["status"], info.status);
        assert_eq!(entry["description"], info.description);
        assert_eq!(entry["group"], info.group);
        match info.resolution {
            Some(resolution) => assert_eq!(entry["resolution"], resolution),
            None => assert!(entry["resolution"].is_null(), "{entry}"),
        }
    }
    // Keys in a stable, documented order.
    let first = serde_json::to_string(&AuthOsError::CATALOG[0]).unwrap();
    assert_eq!(
        first,
        r#"{"code":"BAD_REQUEST","status":400,"description":"Invalid request parameters or malformed JSON","resolution":null,"group":"General Errors","grpc":"INVALID_ARGUMENT"}"#
    );
    let mapped = AuthOsError::CATALOG
        .iter()
        .find(|info| info.code == "DEVICE_CODE_EXPIRED")
        .expect("a device-flow row");
    assert_eq!(
        serde_json::to_string(mapped).unwrap(),
        r#"{"code":"DEVICE_CODE_EXPIRED","status":400,"description":"Device code expired","resolution":"Start new device flow","group":"Device Flow Errors","oauth":"expired_token","grpc":"INVALID_ARGUMENT"}"#
    );
}

/// The rows of the table under `### {heading}` in the Protocol Mappings section.
fn mapping_rows(markdown: &str, heading: &str) -> Vec<Vec<String>> {
    let section = markdown
        .split_once("\n## Protocol Mappings\n")
        .expect("a Protocol Mappings section")
        .1;
    let section = section.split("\n## ").next().unwrap_or(section);
    let table = section
        .split_once(&format!("### {heading}\n"))
        .unwrap_or_else(|| panic!("a {heading} table"))
        .1;
    let table = table.split("\n### ").next().unwrap_or(table);
    table
        .lines()
        .filter(|line| line.starts_with("| ") && !line.starts_with("| Code |"))
        .filter(|line| !line.starts_with("| ---"))
        .map(cells)
        .collect()
}

#[test]
fn protocol_mappings_list_every_mapped_code_after_the_index() {
    let rendered = catalog::REFERENCE.to_string();
    let index = rendered.find("## Error Code Index").expect("the index");
    let mappings = rendered.find("## Protocol Mappings").expect("the mappings");
    let summary = rendered
        .find("## HTTP Status Code Summary")
        .expect("the summary");
    assert!(index < mappings && mappings < summary);

    let oauth: Vec<Vec<String>> = AuthOsError::CATALOG
        .iter()
        .filter_map(|info| {
            let code = info.oauth?;
            Some(vec![
                info.code.to_owned(),
                info.status.to_string(),
                format!("`{code}`"),
            ])
        })
        .collect();
    assert_eq!(oauth.len(), 5);
    assert_eq!(mapping_rows(&rendered, "OAuth 2.0"), oauth);
    let scim: Vec<Vec<String>> = AuthOsError::CATALOG
        .iter()
        .filter_map(|info| {
            let kind = info.scim?;
            Some(vec![
                info.code.to_owned(),
                info.status.to_string(),
                format!("`{kind}`"),
            ])
        })
        .collect();
    assert_eq!(scim.len(), 2);
    assert_eq!(mapping_rows(&rendered, "SCIM 2.0"), scim);

    // gRPC: every code once (a code listed in two groups is one row), with its status code.
    let mut grpc: Vec<Vec<String>> = Vec::new();
    for info in AuthOsError::CATALOG {
        if grpc.iter().all(|row| row[0] != info.code) {
            grpc.push(vec![
                info.code.to_owned(),
                info.status.to_string(),
                format!("`{}`", info.grpc_code()),
            ]);
        }
    }
    assert_eq!(mapping_rows(&rendered, "gRPC"), grpc);
    assert!(grpc.contains(&vec![
        "ORGANIZATION_NOT_ACTIVE".to_owned(),
        "403".to_owned(),
        "`FAILED_PRECONDITION`".to_owned()
    ]));

    // A catalog without OAuth or SCIM mappings has the gRPC table alone; one with only SCIM
    // mappings has the SCIM and gRPC tables.
    let mixed = Markdown::new("Mixed", MIXED).to_string();
    assert!(!mixed.contains("### OAuth 2.0") && !mixed.contains("### SCIM 2.0"));
    assert_eq!(mapping_rows(&mixed, "gRPC").len(), MIXED.len());
    const SCIM_ONLY: &[ErrorCodeInfo] = &[ErrorCodeInfo::new("TAKEN", 409, "Taken")
        .with_group("Directory")
        .with_scim(authos_errors::scim::ScimType::Uniqueness)];
    let rendered = Markdown::new("Directory", SCIM_ONLY).to_string();
    assert!(!rendered.contains("### OAuth 2.0"));
    assert_eq!(
        mapping_rows(&rendered, "SCIM 2.0"),
        [["TAKEN", "409", "`uniqueness`"]]
    );
    assert_eq!(
        mapping_rows(&rendered, "gRPC"),
        [["TAKEN", "409", "`ALREADY_EXISTS`"]]
    );
    assert!(
        !Markdown::new("Empty", &[])
            .to_string()
            .contains("Protocol Mappings")
    );
}
