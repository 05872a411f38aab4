//! The parts of the AuthOS reference that are not catalog rows: its title and introduction, the
//! HTTP status summary and the troubleshooting guide, verbatim.

use crate::ApiErrorCode;
use crate::catalog::AuthOsError;
use crate::reference::{Markdown, StatusSummaryRow, TroubleshootingTopic};

/// The title of the AuthOS reference.
///
/// ```
/// assert_eq!(authos_errors::catalog::REFERENCE_TITLE, "Error Codes Reference");
/// ```
pub const REFERENCE_TITLE: &str = "Error Codes Reference";

/// The introduction of the AuthOS reference.
///
/// ```
/// assert!(authos_errors::catalog::REFERENCE_INTRO.ends_with("AuthOS API."));
/// ```
pub const REFERENCE_INTRO: &str =
    "Complete reference of all error codes returned by the AuthOS API.";

/// The reference's "HTTP Status Code Summary": every status the AuthOS API answers with,
/// success statuses included.
///
/// ```
/// use authos_errors::catalog::STATUS_SUMMARY;
/// let too_many = STATUS_SUMMARY.iter().find(|row| row.status == 429).unwrap();
/// assert_eq!(too_many.meaning, "Too Many Requests");
/// ```
pub const STATUS_SUMMARY: &[StatusSummaryRow] = &[
    status(200, "Success", "Request completed"),
    status(201, "Created", "Resource created"),
    status(204, "No Content", "Success, no response body"),
    status(400, "Bad Request", "Invalid input, validation failure"),
    status(401, "Unauthorized", "Missing/invalid authentication"),
    status(403, "Forbidden", "Valid auth, wrong permissions"),
    status(404, "Not Found", "Resource doesn’t exist"),
    status(409, "Conflict", "Duplicate resource"),
    status(429, "Too Many Requests", "Rate limited"),
    status(500, "Server Error", "Unexpected error"),
    status(503, "Service Unavailable", "Maintenance/overload"),
];

/// The reference's "Troubleshooting Guide", topic by topic.
///
/// ```
/// use authos_errors::catalog::TROUBLESHOOTING;
/// assert_eq!(TROUBLESHOOTING[1].title, "“Rate limit exceeded” Errors");
/// assert_eq!(TROUBLESHOOTING[1].steps[0], "Implement exponential backoff");
/// ```
pub const TROUBLESHOOTING: &[TroubleshootingTopic] = &[
    TroubleshootingTopic {
        title: "“Token expired” Errors",
        steps: &[
            "Implement automatic token refresh on 401 responses",
            "Check that refresh token is stored securely",
            "Verify system clocks are synchronized",
        ],
    },
    TroubleshootingTopic {
        title: "“Rate limit exceeded” Errors",
        steps: &[
            "Implement exponential backoff",
            "Check Retry-After header for wait time",
            "Review rate limit policies in documentation",
        ],
    },
    TroubleshootingTopic {
        title: "“Organization not active” Errors",
        steps: &[
            "Contact platform administrator",
            "Check organization status in admin console",
            "Organization may be pending approval",
        ],
    },
    TroubleshootingTopic {
        title: "“Forbidden” Errors",
        steps: &[
            "Verify user has required role (owner/admin/member)",
            "Check if accessing correct organization",
            "Ensure token contains required claims",
        ],
    },
];

/// The complete AuthOS "Error Codes Reference" as Markdown: [`AuthOsError::CATALOG`] with the
/// reference's title, introduction, status summary and troubleshooting guide.
/// `docs/ERRORS.md` is this, rendered.
///
/// ```
/// let markdown = authos_errors::catalog::REFERENCE.to_string();
/// assert!(markdown.starts_with("# Error Codes Reference\n"));
/// assert!(markdown.contains(
///     "| <a id=\"TOKEN_EXPIRED\"></a>TOKEN_EXPIRED | 401 | JWT has expired | Refresh using /api/auth/refresh |\n"
/// ));
/// ```
pub const REFERENCE: Markdown<'static> = Markdown::new(REFERENCE_TITLE, AuthOsError::CATALOG)
    .with_intro(REFERENCE_INTRO)
    .with_status_summary(STATUS_SUMMARY)
    .with_troubleshooting(TROUBLESHOOTING);

const fn status(
    status: u16,
    meaning: &'static str,
    common_causes: &'static str,
) -> StatusSummaryRow {
    StatusSummaryRow {
        status,
        meaning,
        common_causes,
    }
}
