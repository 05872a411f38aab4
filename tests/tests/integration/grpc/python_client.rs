//! A client from another language: Python's `grpcio` with `grpcio-status` (from PyPI, installed
//! by `.ci/run`) reads the rich details of the demo's statuses. Skipped, saying so, where
//! Python or those packages are missing.

use std::process::Command;

use super::start_demo;

/// The Python program: plain `grpcio` calls without generated stubs.
const PROGRAM: &str = include_str!("python_client.py");

/// Whether `python3` can import `grpc` and `grpc_status`.
fn python_grpc_available() -> bool {
    Command::new("python3")
        .args(["-c", "import grpc, grpc_status"])
        .output()
        .is_ok_and(|output| output.status.success())
}

#[test]
fn python_grpcio_reads_the_code_error_info_bad_request_retry_info_and_localized_message() {
    if !python_grpc_available() {
        eprintln!(
            "SKIPPED python_grpcio: python3 with grpcio and grpcio-status is not installed \
             (.ci/run installs them: python3 -m pip install --user grpcio==1.85.3 grpcio-status==1.85.3)"
        );
        return;
    }
    let server = start_demo();
    let output = Command::new("python3")
        .args(["-c", PROGRAM, &server.addr().to_string()])
        .output()
        .expect("python3 runs");
    assert!(
        output.status.success(),
        "the Python client failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let lines: Vec<serde_json::Value> = String::from_utf8(output.stdout)
        .expect("UTF-8")
        .lines()
        .map(|line| serde_json::from_str(line).expect("one JSON object a line"))
        .collect();
    let french = authos_errors::catalog::localizer()
        .negotiate("fr")
        .unwrap()
        .message(&authos_errors::catalog::AuthorizationError::OrganizationNotActive)
        .into_owned();
    assert_eq!(
        lines[0],
        serde_json::json!({
            "code": "FAILED_PRECONDITION",
            "message": "Organization suspended/pending",
            "ErrorInfo": {"reason": "ORGANIZATION_NOT_ACTIVE", "domain": "authos.dev", "metadata": {}},
            "Help": ["https://docs.authos.dev/errors#ORGANIZATION_NOT_ACTIVE"],
            "RequestInfo": "py-1",
            "LocalizedMessage": ["fr", french],
        })
    );
    assert_eq!(lines[1]["code"], "INVALID_ARGUMENT");
    assert_eq!(lines[1]["ErrorInfo"]["reason"], "BAD_REQUEST");
    assert_eq!(
        lines[1]["BadRequest"],
        serde_json::json!([
            ["email", "INVALID_EMAIL", "Invalid email format"],
            [
                "slug",
                "SLUG_TOO_SHORT",
                "Slug must be at least 3 characters"
            ],
            [
                "password",
                "WEAK_PASSWORD",
                "Password must be at least 8 characters"
            ],
        ])
    );
    for line in &lines[2..5] {
        assert_eq!(line, &serde_json::json!({"ok": true}));
    }
    assert_eq!(lines[5]["code"], "RESOURCE_EXHAUSTED");
    assert_eq!(lines[5]["RetryInfo"], 60);
    assert_eq!(lines[6]["code"], "INTERNAL");
    assert_eq!(lines[6]["message"], "Database operation failed");
    assert!(!lines[6].to_string().contains("postgres"));
}
