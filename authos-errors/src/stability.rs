//! A stability check for any catalog: its contract recorded in a committed snapshot file, and
//! every change since classified as breaking, additive or cosmetic.
//!
//! Clients match on error codes, branch on statuses, read `details` members and protocol
//! errors: that is API. [`Snapshot::of`] takes what a client relies on from a catalog — each
//! code's status, OAuth 2.0 `error` and SCIM `scimType` mapping, `details` members and default
//! `Retry-After`, plus its group, description and resolution — and writes it as a diff-friendly
//! text file, one section per code, sorted by code. [`check`] compares the current catalog with
//! the committed file and fails with every change and its [`ChangeClass`]:
//!
//! | change | class |
//! |---|---|
//! | code removed, status changed, OAuth or SCIM mapping changed or removed, `details` member removed, `Retry-After` default removed | breaking |
//! | code added, `details` member added, SCIM mapping added, OAuth mapping added that the code was already answered with | additive |
//! | description, resolution or group changed, `Retry-After` default changed | cosmetic |
//!
//! An OAuth mapping added to a code that was answered with another `error` (the fallback for
//! its status, see [`OAuthErrorCode::for_entry`]) changes what OAuth clients receive: breaking.
//!
//! Every change fails the check until it is accepted, whatever its class: running the tests
//! with [`UPDATE_ENV`] set to `1` (`AUTHOS_ERRORS_UPDATE_SNAPSHOTS=1 cargo test`) rewrites the
//! snapshot, and the change to the committed file is what a reviewer sees.
//!
//! # `cargo test` recipe
//!
//! One test in the crate that owns the catalog; the first run with
//! `AUTHOS_ERRORS_UPDATE_SNAPSHOTS=1` creates the file, which is then committed:
//!
//! ```no_run
//! # use authos_errors::ApiErrorCode;
//! # #[derive(Debug, ApiErrorCode)]
//! # enum MyApiError {
//! #     /// Card was declined
//! #     #[code("CARD_DECLINED", status = 402)]
//! #     CardDeclined,
//! # }
//! #[test]
//! fn error_codes_are_stable() {
//!     authos_errors::stability::assert_stable(
//!         MyApiError::CATALOG,
//!         concat!(env!("CARGO_MANIFEST_DIR"), "/tests/error-codes.snapshot"),
//!     );
//! }
//! ```
//!
//! A status changed from 402 to 400 then fails `cargo test` with:
//!
//! ```text
//! the error catalog differs from its snapshot /app/tests/error-codes.snapshot (1 change):
//!   breaking  CARD_DECLINED: status 402 -> 400
//! Breaking changes fail clients written against the recorded catalog: make them only in a release that may break clients.
//! To accept the changes, run the tests again with AUTHOS_ERRORS_UPDATE_SNAPSHOTS=1 (`AUTHOS_ERRORS_UPDATE_SNAPSHOTS=1 cargo test`) and commit the updated snapshot.
//! ```
//!
//! The file itself (valid TOML, though only this module reads it):
//!
//! ```
//! use authos_errors::{ApiErrorCode, catalog::GeneralError, stability::Snapshot};
//!
//! let text = Snapshot::of(&GeneralError::CATALOG[..1]).to_string();
//! assert!(text.ends_with(concat!(
//!     "[BAD_REQUEST]\n",
//!     "status = 400\n",
//!     "group = \"General Errors\"\n",
//!     "description = \"Invalid request parameters or malformed JSON\"\n",
//! )));
//! ```

use std::collections::BTreeMap;
use std::fmt::{self, Display, Formatter};
use std::io;
use std::path::{Path, PathBuf};

use crate::ErrorCodeInfo;
use crate::export::Quoted;
use crate::oauth::OAuthErrorCode;
use crate::scim::ScimType;

/// The environment variable that accepts the current catalog: set to `1`, [`check`] and
/// [`assert_stable`] write the snapshot instead of failing (`AUTHOS_ERRORS_UPDATE_SNAPSHOTS=1
/// cargo test`).
///
/// ```
/// assert_eq!(authos_errors::stability::UPDATE_ENV, "AUTHOS_ERRORS_UPDATE_SNAPSHOTS");
/// ```
pub const UPDATE_ENV: &str = "AUTHOS_ERRORS_UPDATE_SNAPSHOTS";

/// The first lines of every snapshot file.
const HEADER: &str = "\
# The error contract of a catalog, checked by authos_errors::stability: one section per code,
# sorted by code. Do not edit: regenerate with AUTHOS_ERRORS_UPDATE_SNAPSHOTS=1 cargo test.
";

/// What clients of one code rely on: one section of a [`Snapshot`].
///
/// ```
/// use authos_errors::{ApiErrorCode, catalog::GeneralError, stability::Snapshot};
///
/// let snapshot = Snapshot::of(GeneralError::CATALOG);
/// let limited = snapshot.get("RATE_LIMIT_EXCEEDED").unwrap();
/// assert_eq!((limited.status, limited.retry_after), (429, Some(60)));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct CodeContract {
    /// The machine-readable code.
    pub code: String,
    /// The HTTP status.
    pub status: u16,
    /// The OAuth 2.0 `error` the code is mapped to ([`ErrorCodeInfo::oauth`]).
    pub oauth: Option<OAuthErrorCode>,
    /// The SCIM `scimType` the code is mapped to ([`ErrorCodeInfo::scim`]).
    pub scim: Option<ScimType>,
    /// The default `Retry-After`, in seconds ([`ErrorCodeInfo::retry_after`]).
    pub retry_after: Option<u32>,
    /// The names of the `details` members ([`ErrorCodeInfo::details`]), sorted.
    pub details: Vec<String>,
    /// The catalog group.
    pub group: String,
    /// The catalog description.
    pub description: String,
    /// The catalog resolution hint.
    pub resolution: Option<String>,
}

impl CodeContract {
    fn of(info: &ErrorCodeInfo) -> Self {
        let mut details: Vec<String> = info.details.iter().map(|&name| name.to_owned()).collect();
        details.sort();
        details.dedup();
        CodeContract {
            code: info.code.to_owned(),
            status: info.status,
            oauth: info.oauth,
            scim: info.scim,
            retry_after: info.retry_after,
            details,
            group: info.group.to_owned(),
            description: info.description.to_owned(),
            resolution: info.resolution.map(str::to_owned),
        }
    }

    /// The OAuth `error` this code is answered with on an OAuth endpoint (its mapping, else the
    /// fallback for its status).
    fn oauth_sent(&self) -> OAuthErrorCode {
        let mut entry = ErrorCodeInfo::new("", self.status, "");
        entry.oauth = self.oauth;
        OAuthErrorCode::for_entry(&entry)
    }
}

/// The contract of a catalog, one [`CodeContract`] per code, sorted by code: what [`check`]
/// records and compares. [`Display`] writes the snapshot file, [`Snapshot::parse`] reads it.
///
/// ```
/// use authos_errors::{ApiErrorCode, catalog::AuthOsError, stability::Snapshot};
///
/// let snapshot = Snapshot::of(AuthOsError::CATALOG);
/// assert_eq!(Snapshot::parse(&snapshot.to_string()).unwrap(), snapshot);
/// assert!(snapshot.changes_since(&snapshot).is_empty());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Snapshot {
    codes: BTreeMap<String, CodeContract>,
}

impl Snapshot {
    /// The contract of `catalog`. A code listed twice is recorded from its first entry, the
    /// one `from_code` finds.
    ///
    /// ```
    /// use authos_errors::{ApiErrorCode, catalog::ScimError, stability::Snapshot};
    /// let snapshot = Snapshot::of(ScimError::CATALOG);
    /// assert_eq!(snapshot.len(), ScimError::CATALOG.len());
    /// ```
    #[must_use]
    pub fn of(catalog: &[ErrorCodeInfo]) -> Snapshot {
        let codes = crate::export::by_code(catalog)
            .into_iter()
            .map(|(code, info)| (code.to_owned(), CodeContract::of(info)))
            .collect();
        Snapshot { codes }
    }

    /// The contract of `code`, when the snapshot has it.
    ///
    /// ```
    /// use authos_errors::{ApiErrorCode, catalog::ScimError, stability::Snapshot};
    /// let snapshot = Snapshot::of(ScimError::CATALOG);
    /// assert_eq!(snapshot.get("SCIM_USER_EXISTS").unwrap().status, 409);
    /// assert!(snapshot.get("NOPE").is_none());
    /// ```
    #[must_use]
    pub fn get(&self, code: &str) -> Option<&CodeContract> {
        self.codes.get(code)
    }

    /// Every code's contract, sorted by code.
    ///
    /// ```
    /// use authos_errors::{ApiErrorCode, catalog::MfaError, stability::Snapshot};
    /// let snapshot = Snapshot::of(MfaError::CATALOG);
    /// let codes: Vec<&str> = snapshot.codes().map(|c| c.code.as_str()).collect();
    /// assert_eq!(codes[..2], ["INVALID_MFA_CODE", "MFA_ALREADY_ENABLED"]);
    /// ```
    pub fn codes(&self) -> impl ExactSizeIterator<Item = &CodeContract> {
        self.codes.values()
    }

    /// How many codes the snapshot records.
    ///
    /// ```
    /// use authos_errors::stability::Snapshot;
    /// assert_eq!(Snapshot::of(&[]).len(), 0);
    /// ```
    #[must_use]
    pub fn len(&self) -> usize {
        self.codes.len()
    }

    /// Whether the snapshot records no code.
    ///
    /// ```
    /// use authos_errors::stability::Snapshot;
    /// assert!(Snapshot::of(&[]).is_empty());
    /// ```
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.codes.is_empty()
    }

    /// What changed from `recorded` to this snapshot, by code, then in the order of the
    /// snapshot's lines.
    ///
    /// ```
    /// use authos_errors::ErrorCodeInfo;
    /// use authos_errors::stability::{ChangeClass, Snapshot};
    ///
    /// let recorded = Snapshot::of(&[ErrorCodeInfo::new("GONE", 410, "Gone")]);
    /// let current = Snapshot::of(&[ErrorCodeInfo::new("GONE", 404, "Gone")]);
    /// let changes = current.changes_since(&recorded);
    /// assert_eq!(changes[0].class, ChangeClass::Breaking);
    /// assert_eq!(changes[0].to_string(), "breaking  GONE: status 410 -> 404");
    /// ```
    #[must_use]
    pub fn changes_since(&self, recorded: &Snapshot) -> Vec<Change> {
        let mut changes = Vec::new();
        let mut codes: Vec<&String> = recorded.codes.keys().chain(self.codes.keys()).collect();
        codes.sort();
        codes.dedup();
        for code in codes {
            let mut push = |kind: ChangeKind, class: ChangeClass| {
                changes.push(Change {
                    code: code.clone(),
                    class,
                    kind,
                });
            };
            match (recorded.codes.get(code), self.codes.get(code)) {
                (Some(was), None) => push(
                    ChangeKind::CodeRemoved { status: was.status },
                    ChangeClass::Breaking,
                ),
                (None, Some(now)) => push(
                    ChangeKind::CodeAdded { status: now.status },
                    ChangeClass::Additive,
                ),
                (Some(was), Some(now)) => compare(was, now, &mut push),
                (None, None) => {}
            }
        }
        changes
    }

    /// Reads a snapshot file's text, as [`Display`] writes it.
    ///
    /// # Errors
    ///
    /// A line that is not a section header `[CODE]`, a `key = value` line of a known key, a
    /// comment or blank; a code recorded twice; a section without `status`, `group` or
    /// `description`.
    ///
    /// ```
    /// use authos_errors::stability::Snapshot;
    ///
    /// let snapshot = Snapshot::parse(
    ///     "[GONE]\nstatus = 410\ngroup = \"\"\ndescription = \"Gone\"\ndetails = [\"since\"]\n",
    /// )
    /// .unwrap();
    /// assert_eq!(snapshot.get("GONE").unwrap().details, ["since"]);
    /// let error = Snapshot::parse("[GONE]\nstatus = gone\n").unwrap_err();
    /// assert_eq!(error.to_string(), "line 2: `status` must be an integer, not `gone`");
    /// ```
    pub fn parse(text: &str) -> Result<Snapshot, ParseError> {
        let mut codes = BTreeMap::new();
        let mut section: Option<Section> = None;
        for (index, raw) in text.lines().enumerate() {
            let line_number = index + 1;
            let error = |message: String| ParseError {
                line: line_number,
                message,
            };
            let line = raw.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some(header) = line.strip_prefix('[') {
                let Some(name) = header.strip_suffix(']') else {
                    return Err(error(format!(
                        "a section header must end with `]`: `{line}`"
                    )));
                };
                if let Some(done) = section.take() {
                    done.finish(&mut codes)?;
                }
                let code = if name.starts_with('"') {
                    parse_string(name).map_err(error)?
                } else {
                    name.to_owned()
                };
                if code.is_empty() {
                    return Err(error("a section header needs a code: `[CODE]`".to_owned()));
                }
                if codes.contains_key(&code) {
                    return Err(error(format!("`{code}` is recorded twice")));
                }
                section = Some(Section::new(code, line_number));
                continue;
            }
            let Some(current) = section.as_mut() else {
                return Err(error(format!(
                    "expected a section header `[CODE]` before `{line}`"
                )));
            };
            let Some((key, value)) = line.split_once('=') else {
                return Err(error(format!("expected `key = value`, not `{line}`")));
            };
            current.set(key.trim(), value.trim()).map_err(error)?;
        }
        if let Some(done) = section {
            done.finish(&mut codes)?;
        }
        Ok(Snapshot { codes })
    }
}

/// The changes of one code recorded in both snapshots, each passed to `push` with its class.
fn compare(was: &CodeContract, now: &CodeContract, push: &mut impl FnMut(ChangeKind, ChangeClass)) {
    use ChangeClass::{Additive, Breaking, Cosmetic};
    if was.status != now.status {
        push(
            ChangeKind::StatusChanged {
                was: was.status,
                now: now.status,
            },
            Breaking,
        );
    }
    if was.oauth != now.oauth {
        // Adding the mapping an OAuth client already received (the fallback for the status)
        // changes nothing on the wire.
        let class = if was.oauth.is_none() && was.oauth_sent() == now.oauth_sent() {
            Additive
        } else {
            Breaking
        };
        push(
            ChangeKind::OAuthChanged {
                was: was.oauth,
                now: now.oauth,
            },
            class,
        );
    }
    if was.scim != now.scim {
        let class = if was.scim.is_none() {
            Additive
        } else {
            Breaking
        };
        push(
            ChangeKind::ScimChanged {
                was: was.scim,
                now: now.scim,
            },
            class,
        );
    }
    if was.retry_after != now.retry_after {
        let class = match (was.retry_after, now.retry_after) {
            (Some(_), None) => Breaking,
            (None, Some(_)) => Additive,
            _ => Cosmetic,
        };
        push(
            ChangeKind::RetryAfterChanged {
                was: was.retry_after,
                now: now.retry_after,
            },
            class,
        );
    }
    for name in &was.details {
        if !now.details.contains(name) {
            push(ChangeKind::DetailRemoved { name: name.clone() }, Breaking);
        }
    }
    for name in &now.details {
        if !was.details.contains(name) {
            push(ChangeKind::DetailAdded { name: name.clone() }, Additive);
        }
    }
    if was.group != now.group {
        push(
            ChangeKind::GroupChanged {
                was: was.group.clone(),
                now: now.group.clone(),
            },
            Cosmetic,
        );
    }
    if was.description != now.description {
        push(
            ChangeKind::DescriptionChanged {
                was: was.description.clone(),
                now: now.description.clone(),
            },
            Cosmetic,
        );
    }
    if was.resolution != now.resolution {
        push(
            ChangeKind::ResolutionChanged {
                was: was.resolution.clone(),
                now: now.resolution.clone(),
            },
            Cosmetic,
        );
    }
}

/// The snapshot file: a comment header, then one section per code, sorted by code.
impl Display for Snapshot {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str(HEADER)?;
        for contract in self.codes.values() {
            f.write_str("\n[")?;
            if is_bare_key(&contract.code) {
                f.write_str(&contract.code)?;
            } else {
                write!(f, "{}", Quoted(&contract.code))?;
            }
            f.write_str("]\n")?;
            writeln!(f, "status = {}", contract.status)?;
            if let Some(oauth) = contract.oauth {
                writeln!(f, "oauth = \"{oauth}\"")?;
            }
            if let Some(scim) = contract.scim {
                writeln!(f, "scim = \"{scim}\"")?;
            }
            if let Some(seconds) = contract.retry_after {
                writeln!(f, "retry_after = {seconds}")?;
            }
            if !contract.details.is_empty() {
                f.write_str("details = [")?;
                for (index, name) in contract.details.iter().enumerate() {
                    if index > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{}", Quoted(name))?;
                }
                f.write_str("]\n")?;
            }
            writeln!(f, "group = {}", Quoted(&contract.group))?;
            writeln!(f, "description = {}", Quoted(&contract.description))?;
            if let Some(resolution) = &contract.resolution {
                writeln!(f, "resolution = {}", Quoted(resolution))?;
            }
        }
        Ok(())
    }
}

/// Whether `code` can be a section header without quotes (what the derive accepts always can).
fn is_bare_key(code: &str) -> bool {
    !code.is_empty()
        && code
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

/// A quoted string as [`Quoted`] writes it, the whole of `text`.
fn parse_string(text: &str) -> Result<String, String> {
    let (value, rest) = parse_string_prefix(text)?;
    if !rest.trim().is_empty() {
        return Err(format!("unexpected `{}` after a string", rest.trim()));
    }
    Ok(value)
}

/// A quoted string at the start of `text`, and what follows it.
fn parse_string_prefix(text: &str) -> Result<(String, &str), String> {
    let Some(body) = text.strip_prefix('"') else {
        return Err(format!("expected a quoted string, not `{text}`"));
    };
    let mut value = String::new();
    let mut chars = body.char_indices();
    while let Some((at, c)) = chars.next() {
        match c {
            '"' => return Ok((value, &body[at + 1..])),
            '\\' => {
                let escaped = match chars.next().map(|(_, e)| e) {
                    Some('"') => '"',
                    Some('\\') => '\\',
                    Some('n') => '\n',
                    Some('r') => '\r',
                    Some('t') => '\t',
                    Some('u') => {
                        let hex: String = chars.by_ref().take(4).map(|(_, h)| h).collect();
                        u32::from_str_radix(&hex, 16)
                            .ok()
                            .filter(|_| hex.len() == 4)
                            .and_then(char::from_u32)
                            .ok_or_else(|| format!("`\\u{hex}` is not a character"))?
                    }
                    Some(other) => return Err(format!("unknown escape `\\{other}`")),
                    None => return Err("a string ends with `\\`".to_owned()),
                };
                value.push(escaped);
            }
            c => value.push(c),
        }
    }
    Err(format!("unterminated string `{text}`"))
}

/// One `[CODE]` section while it is read.
struct Section {
    code: String,
    line: usize,
    status: Option<u16>,
    oauth: Option<OAuthErrorCode>,
    scim: Option<ScimType>,
    retry_after: Option<u32>,
    details: Option<Vec<String>>,
    group: Option<String>,
    description: Option<String>,
    resolution: Option<String>,
}

impl Section {
    fn new(code: String, line: usize) -> Self {
        Section {
            code,
            line,
            status: None,
            oauth: None,
            scim: None,
            retry_after: None,
            details: None,
            group: None,
            description: None,
            resolution: None,
        }
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), String> {
        fn once<T>(slot: &mut Option<T>, key: &str, value: T) -> Result<(), String> {
            if slot.is_some() {
                return Err(format!("`{key}` is set twice"));
            }
            *slot = Some(value);
            Ok(())
        }
        fn integer<T: std::str::FromStr>(key: &str, value: &str) -> Result<T, String> {
            value
                .parse()
                .map_err(|_| format!("`{key}` must be an integer, not `{value}`"))
        }
        match key {
            "status" => once(&mut self.status, key, integer(key, value)?),
            "retry_after" => once(&mut self.retry_after, key, integer(key, value)?),
            "oauth" => {
                let name = parse_string(value)?;
                let code = name.parse().map_err(|e| format!("`oauth`: {e}"))?;
                once(&mut self.oauth, key, code)
            }
            "scim" => {
                let name = parse_string(value)?;
                let kind = name.parse().map_err(|e| format!("`scim`: {e}"))?;
                once(&mut self.scim, key, kind)
            }
            "details" => once(&mut self.details, key, parse_list(value)?),
            "group" => once(&mut self.group, key, parse_string(value)?),
            "description" => once(&mut self.description, key, parse_string(value)?),
            "resolution" => once(&mut self.resolution, key, parse_string(value)?),
            other => Err(format!("unknown key `{other}`")),
        }
    }

    fn finish(self, codes: &mut BTreeMap<String, CodeContract>) -> Result<(), ParseError> {
        let missing = |key: &str| ParseError {
            line: self.line,
            message: format!("`{}` has no `{key}`", self.code),
        };
        let status = self.status.ok_or_else(|| missing("status"))?;
        let group = self.group.clone().ok_or_else(|| missing("group"))?;
        let description = self
            .description
            .clone()
            .ok_or_else(|| missing("description"))?;
        let mut details = self.details.unwrap_or_default();
        details.sort();
        details.dedup();
        codes.insert(
            self.code.clone(),
            CodeContract {
                code: self.code,
                status,
                oauth: self.oauth,
                scim: self.scim,
                retry_after: self.retry_after,
                details,
                group,
                description,
                resolution: self.resolution,
            },
        );
        Ok(())
    }
}

/// `["a", "b"]`.
fn parse_list(value: &str) -> Result<Vec<String>, String> {
    let Some(inner) = value
        .strip_prefix('[')
        .and_then(|rest| rest.strip_suffix(']'))
    else {
        return Err(format!("expected a list `[\"name\", ...]`, not `{value}`"));
    };
    let mut items = Vec::new();
    let mut rest = inner.trim_start();
    while !rest.is_empty() {
        let (item, after) = parse_string_prefix(rest)?;
        items.push(item);
        let after = after.trim_start();
        rest = match after.strip_prefix(',') {
            Some(next) => next.trim_start(),
            None if after.is_empty() => after,
            None => return Err(format!("expected `,` or `]` before `{after}`")),
        };
    }
    Ok(items)
}

/// A snapshot file that [`Snapshot::parse`] cannot read: the line and what is wrong with it.
///
/// ```
/// use authos_errors::stability::Snapshot;
/// let error = Snapshot::parse("status = 400\n").unwrap_err();
/// assert_eq!(error.line, 1);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// The 1-based line number.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl Display for ParseError {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for ParseError {}

/// How a change affects clients written against the recorded catalog.
///
/// ```
/// use authos_errors::stability::ChangeClass;
/// assert_eq!(ChangeClass::Breaking.to_string(), "breaking");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ChangeClass {
    /// A client may fail: something it matches on or reads is gone or different.
    Breaking,
    /// Something new a client may start to use; nothing it used changed.
    Additive,
    /// Documentation: nothing a client matches on.
    Cosmetic,
}

impl Display for ChangeClass {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ChangeClass::Breaking => "breaking",
            ChangeClass::Additive => "additive",
            ChangeClass::Cosmetic => "cosmetic",
        })
    }
}

/// One change of one code between a recorded snapshot and the current catalog.
///
/// [`Display`] writes `class  CODE: what changed`, the line of the check's failure message.
///
/// ```
/// use authos_errors::ErrorCodeInfo;
/// use authos_errors::stability::{ChangeClass, ChangeKind, Snapshot};
///
/// let recorded = Snapshot::of(&[ErrorCodeInfo::new("SLUG_TOO_SHORT", 400, "Too short").with_details(&["min"])]);
/// let current = Snapshot::of(&[ErrorCodeInfo::new("SLUG_TOO_SHORT", 400, "Too short")]);
/// let change = &current.changes_since(&recorded)[0];
/// assert_eq!(change.kind, ChangeKind::DetailRemoved { name: "min".into() });
/// assert_eq!(change.class, ChangeClass::Breaking);
/// assert_eq!(change.to_string(), "breaking  SLUG_TOO_SHORT: details member `min` removed");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Change {
    /// The code that changed.
    pub code: String,
    /// How clients are affected.
    pub class: ChangeClass,
    /// What changed.
    pub kind: ChangeKind,
}

/// What changed about one code (`was` is the recorded value, `now` the current one).
///
/// ```
/// use authos_errors::stability::ChangeKind;
/// let kind = ChangeKind::StatusChanged { was: 409, now: 400 };
/// assert_eq!(kind.to_string(), "status 409 -> 400");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ChangeKind {
    /// The code is gone.
    CodeRemoved {
        /// Its recorded status.
        status: u16,
    },
    /// A new code.
    CodeAdded {
        /// Its status.
        status: u16,
    },
    /// The HTTP status changed.
    StatusChanged {
        /// The recorded status.
        was: u16,
        /// The current status.
        now: u16,
    },
    /// The OAuth 2.0 mapping was added, changed or removed.
    OAuthChanged {
        /// The recorded mapping.
        was: Option<OAuthErrorCode>,
        /// The current mapping.
        now: Option<OAuthErrorCode>,
    },
    /// The SCIM mapping was added, changed or removed.
    ScimChanged {
        /// The recorded mapping.
        was: Option<ScimType>,
        /// The current mapping.
        now: Option<ScimType>,
    },
    /// The default `Retry-After` was added, changed or removed.
    RetryAfterChanged {
        /// The recorded delay, in seconds.
        was: Option<u32>,
        /// The current delay, in seconds.
        now: Option<u32>,
    },
    /// A `details` member is no longer sent.
    DetailRemoved {
        /// The member's name.
        name: String,
    },
    /// A new `details` member.
    DetailAdded {
        /// The member's name.
        name: String,
    },
    /// The catalog group changed.
    GroupChanged {
        /// The recorded group.
        was: String,
        /// The current group.
        now: String,
    },
    /// The description changed.
    DescriptionChanged {
        /// The recorded description.
        was: String,
        /// The current description.
        now: String,
    },
    /// The resolution hint was added, changed or removed.
    ResolutionChanged {
        /// The recorded resolution.
        was: Option<String>,
        /// The current resolution.
        now: Option<String>,
    },
}

impl Display for ChangeKind {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        /// `from -> to` of an optional value, `none` for an absent one.
        fn optional<T: Display>(value: Option<&T>) -> String {
            value.map_or_else(|| "none".to_owned(), |value| format!("`{value}`"))
        }
        match self {
            ChangeKind::CodeRemoved { status } => write!(f, "code removed (was {status})"),
            ChangeKind::CodeAdded { status } => write!(f, "code added ({status})"),
            ChangeKind::StatusChanged { was, now } => write!(f, "status {was} -> {now}"),
            ChangeKind::OAuthChanged { was, now } => write!(
                f,
                "OAuth error {} -> {}",
                optional(was.as_ref()),
                optional(now.as_ref())
            ),
            ChangeKind::ScimChanged { was, now } => write!(
                f,
                "SCIM scimType {} -> {}",
                optional(was.as_ref()),
                optional(now.as_ref())
            ),
            ChangeKind::RetryAfterChanged { was, now } => write!(
                f,
                "Retry-After default {} -> {}",
                optional(was.as_ref()),
                optional(now.as_ref())
            ),
            ChangeKind::DetailRemoved { name } => write!(f, "details member `{name}` removed"),
            ChangeKind::DetailAdded { name } => write!(f, "details member `{name}` added"),
            ChangeKind::GroupChanged { was, now } => write!(f, "group {was:?} -> {now:?}"),
            ChangeKind::DescriptionChanged { was, now } => {
                write!(f, "description {was:?} -> {now:?}")
            }
            ChangeKind::ResolutionChanged { was, now } => write!(
                f,
                "resolution {} -> {}",
                was.as_ref()
                    .map_or_else(|| "none".to_owned(), |s| format!("{s:?}")),
                now.as_ref()
                    .map_or_else(|| "none".to_owned(), |s| format!("{s:?}"))
            ),
        }
    }
}

impl Display for Change {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "{:<8}  {}: {}", self.class, self.code, self.kind)
    }
}

/// What a passing [`check`] did.
///
/// ```
/// use authos_errors::stability::Outcome;
/// assert!(Outcome::Unchanged.changes().is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The catalog matches the snapshot.
    Unchanged,
    /// Updating was requested: the snapshot was written, accepting these changes (every code
    /// added, when there was no snapshot yet).
    Written {
        /// The accepted changes.
        changes: Vec<Change>,
    },
}

impl Outcome {
    /// The changes accepted: none unless the snapshot was written.
    ///
    /// ```
    /// use authos_errors::stability::Outcome;
    /// assert!(Outcome::Written { changes: Vec::new() }.changes().is_empty());
    /// ```
    #[must_use]
    pub fn changes(&self) -> &[Change] {
        match self {
            Outcome::Unchanged => &[],
            Outcome::Written { changes } => changes,
        }
    }
}

/// Why a [`check`] failed. [`Display`] is the whole message a failing test shows, including
/// how to accept the changes.
///
/// ```
/// use authos_errors::stability::{StabilityCheck, StabilityError};
/// let missing = std::env::temp_dir().join("authos-errors-doc-no-such-dir/none.snapshot");
/// let error = StabilityCheck::new(&[], &missing).update(false).run().unwrap_err();
/// assert!(matches!(error, StabilityError::Missing { .. }));
/// ```
#[derive(Debug)]
#[non_exhaustive]
pub enum StabilityError {
    /// The catalog differs from the snapshot.
    Changed {
        /// The snapshot file.
        path: PathBuf,
        /// Every change, by code.
        changes: Vec<Change>,
    },
    /// There is no snapshot file yet.
    Missing {
        /// Where it was looked for.
        path: PathBuf,
    },
    /// The snapshot file is not one this module wrote.
    Malformed {
        /// The snapshot file.
        path: PathBuf,
        /// What is wrong with it.
        error: ParseError,
    },
    /// The snapshot file could not be read or written.
    Io {
        /// The snapshot file.
        path: PathBuf,
        /// The I/O error.
        source: io::Error,
    },
}

/// How to accept, the last line of every message that asks for a regenerated snapshot.
const ACCEPT: &str = "run the tests again with AUTHOS_ERRORS_UPDATE_SNAPSHOTS=1 \
                      (`AUTHOS_ERRORS_UPDATE_SNAPSHOTS=1 cargo test`)";

impl Display for StabilityError {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            StabilityError::Changed { path, changes } => {
                let count = changes.len();
                writeln!(
                    f,
                    "the error catalog differs from its snapshot {} ({count} change{}):",
                    path.display(),
                    if count == 1 { "" } else { "s" }
                )?;
                for change in changes {
                    writeln!(f, "  {change}")?;
                }
                if changes.iter().any(|c| c.class == ChangeClass::Breaking) {
                    writeln!(
                        f,
                        "Breaking changes fail clients written against the recorded catalog: \
                         make them only in a release that may break clients."
                    )?;
                }
                write!(
                    f,
                    "To accept the changes, {ACCEPT} and commit the updated snapshot."
                )
            }
            StabilityError::Missing { path } => write!(
                f,
                "no snapshot of the error catalog at {}: to create it, {ACCEPT} and commit it.",
                path.display()
            ),
            StabilityError::Malformed { path, error } => write!(
                f,
                "{} is not a snapshot of an error catalog ({error}): to write it anew, {ACCEPT} \
                 and commit it.",
                path.display()
            ),
            StabilityError::Io { path, source } => {
                write!(f, "cannot read or write {}: {source}", path.display())
            }
        }
    }
}

impl std::error::Error for StabilityError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            StabilityError::Malformed { error, .. } => Some(error),
            StabilityError::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// A catalog checked against its snapshot file, updating it when asked: [`StabilityCheck::new`]
/// asks when [`UPDATE_ENV`] is `1`, [`StabilityCheck::update`] says so explicitly.
///
/// ```
/// use authos_errors::{ApiErrorCode, catalog::MfaError};
/// use authos_errors::stability::{Outcome, StabilityCheck};
///
/// let dir = std::env::temp_dir().join(format!("authos-errors-doc-{}", std::process::id()));
/// let path = dir.join("mfa.snapshot");
/// let written = StabilityCheck::new(MfaError::CATALOG, &path).update(true).run().unwrap();
/// assert_eq!(written.changes().len(), MfaError::CATALOG.len()); // every code added
/// let checked = StabilityCheck::new(MfaError::CATALOG, &path).update(false).run().unwrap();
/// assert_eq!(checked, Outcome::Unchanged);
/// # std::fs::remove_dir_all(dir).unwrap();
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct StabilityCheck<'a> {
    catalog: &'a [ErrorCodeInfo],
    path: PathBuf,
    update: bool,
}

impl<'a> StabilityCheck<'a> {
    /// A check of `catalog` against the snapshot at `path`, updating it when the environment
    /// variable [`UPDATE_ENV`] is `1`.
    ///
    /// ```
    /// use authos_errors::{ApiErrorCode, catalog::MfaError, stability::StabilityCheck};
    /// let check = StabilityCheck::new(MfaError::CATALOG, "tests/mfa.snapshot");
    /// # drop(check);
    /// ```
    pub fn new(catalog: &'a [ErrorCodeInfo], path: impl AsRef<Path>) -> Self {
        StabilityCheck {
            catalog,
            path: path.as_ref().to_owned(),
            update: std::env::var_os(UPDATE_ENV).is_some_and(|value| value == "1"),
        }
    }

    /// This check writing the snapshot (`true`) or only comparing (`false`), whatever the
    /// environment says.
    ///
    /// ```
    /// use authos_errors::{ApiErrorCode, catalog::MfaError, stability::StabilityCheck};
    /// let check = StabilityCheck::new(MfaError::CATALOG, "tests/mfa.snapshot").update(false);
    /// # drop(check);
    /// ```
    pub fn update(mut self, update: bool) -> Self {
        self.update = update;
        self
    }

    /// Compares the catalog with the snapshot; when updating, writes the snapshot (creating
    /// its folder) if anything differs and returns the accepted changes.
    ///
    /// # Errors
    ///
    /// Without updating: [`StabilityError::Changed`] when the catalog differs,
    /// [`StabilityError::Missing`] without a file, [`StabilityError::Malformed`] for a file
    /// this module cannot read. Either way, [`StabilityError::Io`] when the file cannot be
    /// read or written.
    ///
    /// ```
    /// use authos_errors::ErrorCodeInfo;
    /// use authos_errors::stability::StabilityCheck;
    ///
    /// let dir = std::env::temp_dir().join(format!("authos-errors-doc-run-{}", std::process::id()));
    /// let path = dir.join("errors.snapshot");
    /// StabilityCheck::new(&[ErrorCodeInfo::new("GONE", 410, "Gone")], &path).update(true).run().unwrap();
    /// let error = StabilityCheck::new(&[], &path).update(false).run().unwrap_err();
    /// assert!(error.to_string().contains("  breaking  GONE: code removed (was 410)\n"));
    /// # std::fs::remove_dir_all(dir).unwrap();
    /// ```
    pub fn run(&self) -> Result<Outcome, StabilityError> {
        let current = Snapshot::of(self.catalog);
        let io_error = |source| StabilityError::Io {
            path: self.path.clone(),
            source,
        };
        let text = match std::fs::read_to_string(&self.path) {
            Ok(text) => Some(text),
            Err(error) if error.kind() == io::ErrorKind::NotFound => None,
            Err(error) => return Err(io_error(error)),
        };
        let recorded = text.as_deref().map(Snapshot::parse);
        let changes = match &recorded {
            Some(Ok(recorded)) => current.changes_since(recorded),
            Some(Err(_)) | None => current.changes_since(&Snapshot::default()),
        };
        let rendered = current.to_string();
        if !self.update {
            return match recorded {
                None => Err(StabilityError::Missing {
                    path: self.path.clone(),
                }),
                Some(Err(error)) => Err(StabilityError::Malformed {
                    path: self.path.clone(),
                    error,
                }),
                Some(Ok(_)) if changes.is_empty() => Ok(Outcome::Unchanged),
                Some(Ok(_)) => Err(StabilityError::Changed {
                    path: self.path.clone(),
                    changes,
                }),
            };
        }
        if text.as_deref() == Some(rendered.as_str()) {
            return Ok(Outcome::Unchanged);
        }
        if let Some(dir) = self.path.parent().filter(|dir| !dir.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(io_error)?;
        }
        std::fs::write(&self.path, rendered).map_err(io_error)?;
        Ok(Outcome::Written { changes })
    }
}

/// Compares `catalog` with the snapshot at `path` ([`StabilityCheck::new`]): the check of a
/// `cargo test`, updating the snapshot when [`UPDATE_ENV`] is `1`.
///
/// # Errors
///
/// As [`StabilityCheck::run`].
///
/// ```
/// use authos_errors::{ApiErrorCode, catalog::MfaError, stability};
/// let missing = std::env::temp_dir().join("authos-errors-doc-check/none/mfa.snapshot");
/// if std::env::var_os(stability::UPDATE_ENV).is_none() {
///     let error = stability::check(MfaError::CATALOG, &missing).unwrap_err();
///     assert!(error.to_string().starts_with("no snapshot of the error catalog at "));
/// }
/// ```
pub fn check(catalog: &[ErrorCodeInfo], path: impl AsRef<Path>) -> Result<Outcome, StabilityError> {
    StabilityCheck::new(catalog, path).run()
}

/// [`check`], panicking with the failure message: the one line of a stability test. When the
/// snapshot was written, the accepted changes are printed to standard error.
///
/// # Panics
///
/// When [`check`] fails: the message lists each change with its class and says how to accept
/// them.
///
/// ```no_run
/// use authos_errors::{ApiErrorCode, catalog::AuthOsError};
/// authos_errors::stability::assert_stable(
///     AuthOsError::CATALOG,
///     concat!(env!("CARGO_MANIFEST_DIR"), "/tests/error-codes.snapshot"),
/// );
/// ```
#[track_caller]
pub fn assert_stable(catalog: &[ErrorCodeInfo], path: impl AsRef<Path>) {
    let path = path.as_ref();
    match check(catalog, path) {
        Ok(Outcome::Unchanged) => {}
        Ok(Outcome::Written { changes }) => {
            eprintln!(
                "{UPDATE_ENV}=1: wrote {} ({} change{} accepted)",
                path.display(),
                changes.len(),
                if changes.len() == 1 { "" } else { "s" }
            );
            for change in changes {
                eprintln!("  {change}");
            }
        }
        Err(error) => panic!("{error}"),
    }
}
