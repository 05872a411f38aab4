//! Reference documentation rendered from any catalog: Markdown, and JSON through serde.
//!
//! [`Markdown`] renders a catalog (any `&[ErrorCodeInfo]`, e.g. an enum's
//! [`CATALOG`](crate::ApiErrorCode::CATALOG)) in the structure of the AuthOS "Error Codes
//! Reference": title, introduction, the error format with an example body, and the "Error Code
//! Index" with one table per group. Each code's first row starts with the anchor
//! `<a id="CODE"></a>` (the code itself, verbatim), so `<address of the page>#CODE` links it:
//! set that address followed by `#` as the problem `type` base
//! ([`ProblemConfig::with_type_base`](crate::problem::ProblemConfig::with_type_base)) and every
//! problem document points at its code's row. An HTTP status summary and a troubleshooting guide are
//! optional sections. The complete AuthOS reference is [`catalog::REFERENCE`](crate::catalog::REFERENCE).
//!
//! ```
//! use authos_errors::{ApiErrorCode, reference::Markdown};
//!
//! #[derive(Debug, ApiErrorCode)]
//! #[api_error(group = "Billing Errors")]
//! enum BillingError {
//!     /// Card was declined
//!     #[code("CARD_DECLINED", status = 402, resolution = "Use another card")]
//!     CardDeclined,
//! }
//!
//! let markdown = Markdown::new("Billing API Errors", BillingError::CATALOG).to_string();
//! assert!(markdown.starts_with("# Billing API Errors\n"));
//! assert!(markdown.contains("### Billing Errors\n"));
//! assert!(markdown.contains(
//!     r#"| <a id="CARD_DECLINED"></a>CARD_DECLINED | 402 | Card was declined | Use another card |"#
//! ));
//! ```
//!
//! Codes that stand for an error of a standard protocol ([`ErrorCodeInfo::oauth`],
//! [`ErrorCodeInfo::scim`]) are listed again in a "Protocol Mappings" section after the index,
//! one table per protocol, so the index tables stay the catalog's own; its last table gives
//! every code's gRPC status code ([`ErrorCodeInfo::grpc_code`]).
//!
//! For JSON, [`ErrorCodeInfo`] implements [`serde::Serialize`] (written by hand, so the default
//! build needs no `serde_derive` and no JSON crate): a catalog serialises as an array of
//! `{"code", "status", "description", "resolution", "group"}` objects, `resolution` being
//! `null` when the catalog has none, followed by `"oauth"` and `"scim"` for the entries that
//! have a protocol mapping (and only for those), then `"grpc"`, every entry's gRPC status code
//! (`"INVALID_ARGUMENT"`). [`JsonWithDocUrls`] adds each entry's documentation link (opt-in).
//!
//! ```
//! use authos_errors::{ApiErrorCode, catalog::{MfaError, ScimError}};
//!
//! let json = serde_json::to_string(&MfaError::CATALOG[..1]).unwrap();
//! assert_eq!(
//!     json,
//!     r#"[{"code":"MFA_REQUIRED","status":401,"description":"MFA verification needed","resolution":"Complete MFA verification","group":"MFA Errors","grpc":"UNAUTHENTICATED"}]"#
//! );
//! let json = serde_json::to_string(ScimError::ScimUserExists.info()).unwrap();
//! assert_eq!(
//!     json,
//!     r#"{"code":"SCIM_USER_EXISTS","status":409,"description":"User already exists","resolution":"Update existing user","group":"SCIM Errors","scim":"uniqueness","grpc":"ALREADY_EXISTS"}"#
//! );
//! ```

use std::fmt::{self, Display, Formatter};

use serde::ser::{Serialize, SerializeStruct, Serializer};

use crate::ErrorCodeInfo;
use crate::oauth::OAuthErrorCode;
use crate::problem::{ProblemConfig, ProblemType};

/// One row of an "HTTP Status Code Summary" table: what a status means and what usually causes it.
///
/// ```
/// use authos_errors::reference::StatusSummaryRow;
///
/// const TOO_MANY: StatusSummaryRow = StatusSummaryRow {
///     status: 429,
///     meaning: "Too Many Requests",
///     common_causes: "Rate limited",
/// };
/// assert_eq!(TOO_MANY.status, 429);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct StatusSummaryRow {
    /// The HTTP status code (`429`).
    pub status: u16,
    /// Its name (`"Too Many Requests"`).
    pub meaning: &'static str,
    /// When an API answers with it (`"Rate limited"`).
    pub common_causes: &'static str,
}

/// One topic of a troubleshooting guide: a heading and the steps to take, in order.
///
/// ```
/// use authos_errors::reference::TroubleshootingTopic;
///
/// const DECLINED: TroubleshootingTopic = TroubleshootingTopic {
///     title: "Card declined",
///     steps: &["Ask the customer for another card", "Check the card's expiry date"],
/// };
/// assert_eq!(DECLINED.steps.len(), 2);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TroubleshootingTopic {
    /// The topic's heading (`"“Token expired” Errors"`).
    pub title: &'static str,
    /// What to do, one bullet each.
    pub steps: &'static [&'static str],
}

/// The Markdown reference of a catalog, built step by step and written by [`Display`].
///
/// Entries are grouped by [`ErrorCodeInfo::group`], groups in order of first appearance and
/// entries in catalog order within a group. Each group gets a `| Code | HTTP | Description |`
/// table, with a `Resolution` column when any entry of the group has a resolution. `|` in a cell
/// is escaped and line breaks become spaces, so any text keeps the table intact.
///
/// A "Protocol Mappings" section follows the index: for OAuth 2.0 and SCIM
/// ([`ErrorCodeInfo::oauth`], [`ErrorCodeInfo::scim`]) a table of the codes that map to them, in
/// catalog order, and what the others answer; for gRPC every code's status code
/// ([`ErrorCodeInfo::grpc_code`]).
///
/// Every builder method is `const`, so a finished reference can itself be a `const`
/// (see [`catalog::REFERENCE`](crate::catalog::REFERENCE)).
///
/// ```
/// use authos_errors::reference::{Markdown, StatusSummaryRow, TroubleshootingTopic};
/// use authos_errors::ErrorCodeInfo;
///
/// const CATALOG: &[ErrorCodeInfo] = &[ErrorCodeInfo::new("CARD_DECLINED", 402, "Card was declined")
///         .with_group("Billing Errors")];
/// const STATUSES: &[StatusSummaryRow] = &[StatusSummaryRow {
///     status: 402,
///     meaning: "Payment Required",
///     common_causes: "Card declined",
/// }];
/// const GUIDE: &[TroubleshootingTopic] = &[TroubleshootingTopic {
///     title: "Card declined",
///     steps: &["Use another card"],
/// }];
///
/// let markdown = Markdown::new("Billing Errors Reference", CATALOG)
///     .with_intro("Every error the billing API returns.")
///     .with_status_summary(STATUSES)
///     .with_troubleshooting(GUIDE)
///     .to_string();
/// assert!(markdown.contains("| Code | HTTP | Description |\n")); // no resolution in the group
/// assert!(markdown.contains("## HTTP Status Code Summary\n"));
/// assert!(markdown.contains("| 402 | Payment Required | Card declined |\n"));
/// assert!(markdown.contains("### Card declined\n\n- Use another card\n"));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[must_use]
pub struct Markdown<'a> {
    title: &'a str,
    catalog: &'a [ErrorCodeInfo],
    intro: Option<&'a str>,
    status_summary: &'a [StatusSummaryRow],
    troubleshooting: &'a [TroubleshootingTopic],
}

impl<'a> Markdown<'a> {
    /// A reference titled `title` documenting `catalog`, with no optional section yet.
    ///
    /// ```
    /// use authos_errors::{ApiErrorCode, catalog::ScimError, reference::Markdown};
    /// let markdown = Markdown::new("SCIM errors", ScimError::CATALOG).to_string();
    /// assert!(markdown.contains("SCIM_USER_NOT_FOUND | 404 | SCIM user not found | Check user ID |"));
    /// ```
    pub const fn new(title: &'a str, catalog: &'a [ErrorCodeInfo]) -> Self {
        Markdown {
            title,
            catalog,
            intro: None,
            status_summary: &[],
            troubleshooting: &[],
        }
    }

    /// A paragraph under the title.
    ///
    /// ```
    /// use authos_errors::{ApiErrorCode, catalog::ScimError, reference::Markdown};
    /// let markdown = Markdown::new("SCIM errors", ScimError::CATALOG).with_intro("For provisioning clients.");
    /// assert!(markdown.to_string().starts_with("# SCIM errors\n\nFor provisioning clients.\n"));
    /// ```
    pub const fn with_intro(mut self, intro: &'a str) -> Self {
        self.intro = Some(intro);
        self
    }

    /// An "HTTP Status Code Summary" section with these rows, after the code index.
    ///
    /// ```
    /// use authos_errors::{ApiErrorCode, catalog::{self, ScimError}, reference::Markdown};
    /// let markdown = Markdown::new("SCIM errors", ScimError::CATALOG)
    ///     .with_status_summary(catalog::STATUS_SUMMARY)
    ///     .to_string();
    /// assert!(markdown.contains("| 404 | Not Found | Resource doesn’t exist |"));
    /// ```
    pub const fn with_status_summary(mut self, rows: &'a [StatusSummaryRow]) -> Self {
        self.status_summary = rows;
        self
    }

    /// A "Troubleshooting Guide" section with these topics, at the end.
    ///
    /// ```
    /// use authos_errors::{ApiErrorCode, catalog::{self, ScimError}, reference::Markdown};
    /// let markdown = Markdown::new("SCIM errors", ScimError::CATALOG)
    ///     .with_troubleshooting(catalog::TROUBLESHOOTING)
    ///     .to_string();
    /// assert!(markdown.contains("## Troubleshooting Guide\n\n### “Token expired” Errors\n"));
    /// ```
    pub const fn with_troubleshooting(mut self, topics: &'a [TroubleshootingTopic]) -> Self {
        self.troubleshooting = topics;
        self
    }

    /// The catalog this reference documents.
    ///
    /// ```
    /// use authos_errors::catalog;
    /// assert_eq!(catalog::REFERENCE.catalog().len(), 61);
    /// ```
    #[must_use]
    pub const fn catalog(&self) -> &'a [ErrorCodeInfo] {
        self.catalog
    }
}

/// The example body of the "error format" section: the wire format, with placeholders.
const EXAMPLE_BODY: &str = r#"{
  "error": "Human-readable error message",
  "error_code": "MACHINE_READABLE_CODE",
  "timestamp": "2025-01-15T10:30:00Z"
}"#;

impl Display for Markdown<'_> {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        writeln!(f, "# {}", self.title)?;
        if let Some(intro) = self.intro {
            writeln!(f, "\n{intro}")?;
        }
        writeln!(f, "\nAll errors follow this structure:")?;
        writeln!(f, "\n```json\n{EXAMPLE_BODY}\n```")?;

        writeln!(f, "\n## Error Code Index")?;
        for (index, entry) in self.catalog.iter().enumerate() {
            let group = entry.group;
            // A group's table is written where the group first appears; quadratic, but
            // catalogs are small and this needs no allocation.
            if self.catalog[..index].iter().any(|e| e.group == group) {
                continue;
            }
            let rows = || self.catalog[index..].iter().filter(|e| e.group == group);
            let with_resolution = rows().any(|e| e.resolution.is_some());
            writeln!(f, "\n### {group}\n")?;
            if with_resolution {
                f.write_str(
                    "| Code | HTTP | Description | Resolution |\n| --- | --- | --- | --- |\n",
                )?;
            } else {
                f.write_str("| Code | HTTP | Description |\n| --- | --- | --- |\n")?;
            }
            for row in rows() {
                write!(
                    f,
                    "| {} | {} | {} |",
                    CodeCell::of(self.catalog, row),
                    row.status,
                    Cell(row.description)
                )?;
                if with_resolution {
                    write!(f, " {} |", Cell(row.resolution.unwrap_or("")))?;
                }
                f.write_str("\n")?;
            }
        }

        write_protocol_mappings(f, self.catalog)?;

        if !self.status_summary.is_empty() {
            writeln!(f, "\n## HTTP Status Code Summary\n")?;
            f.write_str("| Status | Meaning | Common Causes |\n| --- | --- | --- |\n")?;
            for row in self.status_summary {
                writeln!(
                    f,
                    "| {} | {} | {} |",
                    row.status,
                    Cell(row.meaning),
                    Cell(row.common_causes)
                )?;
            }
        }

        if !self.troubleshooting.is_empty() {
            writeln!(f, "\n## Troubleshooting Guide")?;
            for topic in self.troubleshooting {
                writeln!(f, "\n### {}\n", topic.title)?;
                for step in topic.steps {
                    writeln!(f, "- {step}")?;
                }
            }
        }
        Ok(())
    }
}

/// The code cell of an index row: the code, preceded by the code's anchor `<a id="CODE"></a>`
/// on its first row in the catalog (an id is unique per page, and a code listed in two groups
/// is documented first where `from_code` finds it). The id is the code itself: an ASCII
/// SCREAMING_SNAKE_CASE code is a valid HTML id and URL fragment as is, and is as stable as
/// the code, so `https://<reference page>#CODE` links the row (the problem `type` of AuthOS
/// codes is [`catalog::TYPE_BASE`](crate::catalog::TYPE_BASE) + code).
struct CodeCell<'a> {
    code: &'a str,
    anchored: bool,
}

impl<'a> CodeCell<'a> {
    fn of(catalog: &'a [ErrorCodeInfo], row: &'a ErrorCodeInfo) -> Self {
        let first = catalog.iter().find(|entry| entry.code == row.code);
        CodeCell {
            code: row.code,
            anchored: first.is_some_and(|first| std::ptr::eq(first, row)) && is_html_id(row.code),
        }
    }
}

/// Whether `code` can be an `id` and a URL fragment without escaping (codes the derive accepts
/// always can; a hand-written entry might not).
fn is_html_id(code: &str) -> bool {
    !code.is_empty()
        && code
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

impl Display for CodeCell<'_> {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        if self.anchored {
            write!(f, "<a id=\"{}\"></a>", self.code)?;
        }
        Cell(self.code).fmt(f)
    }
}

/// The "Protocol Mappings" section: OAuth 2.0 and SCIM for the entries that map to them, gRPC
/// for every entry; nothing for an empty catalog.
fn write_protocol_mappings(f: &mut Formatter<'_>, catalog: &[ErrorCodeInfo]) -> fmt::Result {
    let oauth = || catalog.iter().filter(|e| e.oauth.is_some());
    let scim = || catalog.iter().filter(|e| e.scim.is_some());
    if catalog.is_empty() {
        return Ok(());
    }
    writeln!(f, "\n## Protocol Mappings\n")?;
    writeln!(
        f,
        "On the endpoints of a standard protocol, errors are answered in that protocol's own \
         format; the code stays in the `error_code` member."
    )?;
    if oauth().next().is_some() {
        writeln!(f, "\n### OAuth 2.0\n")?;
        writeln!(
            f,
            "Token and device authorization endpoints (RFC 6749 §5.2, RFC 8628 §3.5) answer \
             these codes with this `error`:\n"
        )?;
        f.write_str("| Code | HTTP | `error` |\n| --- | --- | --- |\n")?;
        for row in oauth() {
            let code = OAuthErrorCode::for_entry(row);
            let status = OAuthErrorCode::status_for_entry(row);
            writeln!(f, "| {} | {status} | `{code}` |", Cell(row.code))?;
        }
        writeln!(
            f,
            "\nAny other code answers `invalid_client` for a 401, `temporarily_unavailable` for a \
             503, `server_error` for another 5xx, and `invalid_request` otherwise."
        )?;
    }
    if scim().next().is_some() {
        writeln!(f, "\n### SCIM 2.0\n")?;
        writeln!(
            f,
            "SCIM endpoints (RFC 7644 §3.12) answer these codes with this `scimType`:\n"
        )?;
        f.write_str("| Code | HTTP | `scimType` |\n| --- | --- | --- |\n")?;
        for row in scim() {
            if let Some(kind) = row.scim {
                writeln!(f, "| {} | {} | `{kind}` |", Cell(row.code), row.status)?;
            }
        }
        writeln!(f, "\nAny other code answers without a `scimType`.")?;
    }
    write_grpc_mapping(f, catalog)
}

/// The gRPC table of "Protocol Mappings": each code once, with its status code.
fn write_grpc_mapping(f: &mut Formatter<'_>, catalog: &[ErrorCodeInfo]) -> fmt::Result {
    writeln!(f, "\n### gRPC\n")?;
    writeln!(
        f,
        "gRPC services answer each code with this status code (`google/rpc/code.proto`); the \
         code is the `reason` of the status's `google.rpc.ErrorInfo`:\n"
    )?;
    f.write_str("| Code | HTTP | gRPC |\n| --- | --- | --- |\n")?;
    for (index, row) in catalog.iter().enumerate() {
        // A code listed in two groups is one row.
        if catalog[..index]
            .iter()
            .any(|earlier| earlier.code == row.code)
        {
            continue;
        }
        writeln!(
            f,
            "| {} | {} | `{}` |",
            Cell(row.code),
            row.status,
            row.grpc_code()
        )?;
    }
    Ok(())
}

/// Text made safe for one Markdown table cell.
struct Cell<'a>(&'a str);

impl Display for Cell<'_> {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        let mut rest = self.0;
        while let Some(at) = rest.find(['|', '\\', '\n', '\r']) {
            f.write_str(&rest[..at])?;
            // Escaping `\` too keeps an escaped `|` from being read as `\` + cell border.
            f.write_str(match rest.as_bytes()[at] {
                b'|' => "\\|",
                b'\\' => "\\\\",
                _ => " ",
            })?;
            rest = &rest[at + 1..];
        }
        f.write_str(rest)
    }
}

/// Writes `{"code", "status", "description", "resolution", "group"}`, `resolution` being `null`
/// when absent, then `"oauth"` (the OAuth 2.0 `error`) and `"scim"` (the `scimType`) when the
/// entry has them, then `"grpc"` (its gRPC status code, [`ErrorCodeInfo::grpc_code`]); an entry
/// without an OAuth or SCIM mapping has exactly six members. By hand rather than derived: the
/// default build then needs no `serde_derive`.
///
/// ```
/// use authos_errors::{ApiErrorCode, catalog::{DeviceFlowError, GeneralError}};
/// let json = serde_json::to_value(GeneralError::BadRequest.info()).unwrap();
/// assert_eq!(json["code"], "BAD_REQUEST");
/// assert_eq!(json["status"], 400);
/// assert!(json["resolution"].is_null());
/// assert_eq!(json["group"], "General Errors");
/// assert_eq!(json["grpc"], "INVALID_ARGUMENT");
/// assert_eq!(json.as_object().unwrap().len(), 6);
/// let json = serde_json::to_value(DeviceFlowError::DeviceCodeExpired.info()).unwrap();
/// assert_eq!(json["oauth"], "expired_token");
/// assert!(json.get("scim").is_none());
/// ```
impl Serialize for ErrorCodeInfo {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut entry = serializer.serialize_struct("ErrorCodeInfo", member_count(self))?;
        write_members(&mut entry, self)?;
        entry.end()
    }
}

/// How many members [`write_members`] writes for `entry`.
fn member_count(entry: &ErrorCodeInfo) -> usize {
    6 + usize::from(entry.oauth.is_some()) + usize::from(entry.scim.is_some())
}

/// The members of an entry's JSON, in order: one place for [`ErrorCodeInfo`]'s own JSON and for
/// [`JsonWithDocUrls`], which appends to it.
fn write_members<S: SerializeStruct>(out: &mut S, entry: &ErrorCodeInfo) -> Result<(), S::Error> {
    out.serialize_field("code", entry.code)?;
    out.serialize_field("status", &entry.status)?;
    out.serialize_field("description", entry.description)?;
    out.serialize_field("resolution", &entry.resolution)?;
    out.serialize_field("group", entry.group)?;
    match entry.oauth {
        Some(oauth) => out.serialize_field("oauth", &oauth)?,
        None => out.skip_field("oauth")?,
    }
    match entry.scim {
        Some(scim) => out.serialize_field("scim", &scim)?,
        None => out.skip_field("scim")?,
    }
    out.serialize_field("grpc", &entry.grpc_code())?;
    Ok(())
}

/// A catalog as JSON with each entry's documentation link: every member of an
/// [`ErrorCodeInfo`]'s JSON, then `doc_url`, the address its problem documents' `type` points
/// at ([`ProblemConfig::problem_type`]: the entry's own page, else a configured base + the
/// code; the AuthOS reference for AuthOS codes under
/// [`catalog::problem_config`](crate::catalog::problem_config)), `null` when the code is
/// documented nowhere (`about:blank`). Opt-in, so the plain catalog JSON stays as it is.
///
/// ```
/// use authos_errors::{ApiErrorCode, catalog::{self, MfaError}};
/// use authos_errors::reference::JsonWithDocUrls;
///
/// let config = catalog::problem_config();
/// let json = serde_json::to_string(&JsonWithDocUrls::new(&MfaError::CATALOG[..1], &config)).unwrap();
/// assert_eq!(
///     json,
///     concat!(
///         r#"[{"code":"MFA_REQUIRED","status":401,"description":"MFA verification needed","#,
///         r#""resolution":"Complete MFA verification","group":"MFA Errors","grpc":"UNAUTHENTICATED","#,
///         r#""doc_url":"https://docs.authos.dev/errors#MFA_REQUIRED"}]"#,
///     )
/// );
/// ```
#[derive(Debug, Clone, Copy)]
pub struct JsonWithDocUrls<'a> {
    catalog: &'a [ErrorCodeInfo],
    config: &'a ProblemConfig,
}

impl<'a> JsonWithDocUrls<'a> {
    /// The entries of `catalog`, linked as `config` addresses problem types.
    ///
    /// ```
    /// use authos_errors::ErrorCodeInfo;
    /// use authos_errors::problem::ProblemConfig;
    /// use authos_errors::reference::JsonWithDocUrls;
    ///
    /// const MINE: &[ErrorCodeInfo] = &[ErrorCodeInfo::new("GONE", 410, "Gone")];
    /// let config = ProblemConfig::default();
    /// let json = serde_json::to_value(JsonWithDocUrls::new(MINE, &config)).unwrap();
    /// assert!(json[0]["doc_url"].is_null()); // documented nowhere: about:blank
    /// let config = ProblemConfig::default().with_type_base("https://example.com/errors#");
    /// let json = serde_json::to_value(JsonWithDocUrls::new(MINE, &config)).unwrap();
    /// assert_eq!(json[0]["doc_url"], "https://example.com/errors#GONE");
    /// ```
    #[must_use]
    pub const fn new(catalog: &'a [ErrorCodeInfo], config: &'a ProblemConfig) -> Self {
        JsonWithDocUrls { catalog, config }
    }
}

impl Serialize for JsonWithDocUrls<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.catalog.iter().map(|entry| LinkedEntry {
            entry,
            config: self.config,
        }))
    }
}

/// One entry of [`JsonWithDocUrls`].
struct LinkedEntry<'a> {
    entry: &'a ErrorCodeInfo,
    config: &'a ProblemConfig,
}

impl Serialize for LinkedEntry<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let entry = self.entry;
        let mut out = serializer.serialize_struct("ErrorCodeInfo", member_count(entry) + 1)?;
        write_members(&mut out, entry)?;
        let doc_url = match self.config.problem_type(entry) {
            ProblemType::AboutBlank => None,
            linked => Some(DocUrl(linked)),
        };
        out.serialize_field("doc_url", &doc_url)?;
        out.end()
    }
}

/// A problem type as a JSON string, written without an intermediate `String`.
struct DocUrl<'a>(ProblemType<'a>);

impl Serialize for DocUrl<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&self.0)
    }
}
