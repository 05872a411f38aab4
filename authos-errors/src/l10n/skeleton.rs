//! The FTL skeleton writer: a catalog's source texts as a Fluent resource, the start of a
//! translation.

use super::variable_name;
use crate::ErrorCodeInfo;

/// The comment a [`skeleton`] starts with: how to translate it.
pub const SKELETON_HEADER: &str = "\
# Error messages by error code, in the catalog's source language (generated: do not edit).
# To translate, copy this file to locales/<language>/errors.ftl and rewrite each text after `=`;
# keep the `{ $variable }` placeholders (a translation may use fewer, never others), and give a
# `.description` attribute where the source has one.

";

/// A Fluent resource of `catalog`'s source texts, one message per code (the first entry of a
/// code listed in several groups): the English resource a translation starts from.
///
/// Each message's value is the variant's `message` template in Fluent syntax (`{min}` →
/// `{ $min }`, `{0:.1}` → `{ $arg0 }`), else its description; a templated code also gets its
/// description as the `.description` attribute. Braces and line starts Fluent would read as
/// syntax are escaped, so the resource, loaded as a translation, renders every message exactly
/// as the derive does.
///
/// ```
/// use authos_errors::{ApiErrorCode, l10n};
///
/// #[derive(Debug, ApiErrorCode)]
/// #[api_error(group = "Signup Errors")]
/// enum SignupError {
///     /// Slug shorter than the minimum
///     #[code("SLUG_TOO_SHORT", status = 400, message = "Slug must be at least {min} characters")]
///     SlugTooShort { min: usize },
///     /// Email taken
///     #[code("EMAIL_TAKEN", status = 409)]
///     EmailTaken,
/// }
///
/// let expected = "## Signup Errors\n\n\
///     SLUG_TOO_SHORT = Slug must be at least { $min } characters\n    .description = Slug shorter than the minimum\n\
///     EMAIL_TAKEN = Email taken\n";
/// assert_eq!(l10n::skeleton(SignupError::CATALOG), format!("{}{expected}", l10n::SKELETON_HEADER));
/// ```
#[must_use]
pub fn skeleton(catalog: &[ErrorCodeInfo]) -> String {
    let mut out = String::from(SKELETON_HEADER);
    let mut group: Option<&str> = None;
    for (index, info) in catalog.iter().enumerate() {
        if group != Some(info.group) {
            if group.is_some() {
                out.push('\n');
            }
            out.push_str("## ");
            out.push_str(info.group);
            out.push_str("\n\n");
            group = Some(info.group);
        }
        let text = info.message_template.map_or_else(
            || fluent_text(info.description, None),
            |template| fluent_text(template, Some(info.message_args)),
        );
        if let Some(first) = catalog[..index].iter().find(|seen| seen.code == info.code) {
            // One message per code: a later group's own English text is kept as a note.
            if first.group != info.group {
                out.push_str(&format!(
                    "# {} is translated under {}; here its English text is: {}\n",
                    info.code,
                    first.group,
                    text.replace('\n', " ")
                ));
            }
            continue;
        }
        out.push_str(info.code);
        out.push_str(" = ");
        out.push_str(&text);
        out.push('\n');
        if info.message_template.is_some() {
            out.push_str("    .description = ");
            out.push_str(&fluent_text(info.description, None));
            out.push('\n');
        }
    }
    out
}

/// `text` as a Fluent pattern: with `args` (a template and its
/// [`message_args`](ErrorCodeInfo::message_args)), each `{field}` placeholder becomes the
/// variable of the argument it names; literal braces and syntax-significant line starts are
/// written as string literals, and continuation lines are indented.
fn fluent_text(text: &str, args: Option<&[&str]>) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut line_start = true;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' | '}' if args.is_some() && chars.peek() == Some(&c) => {
                chars.next();
                out.push_str(if c == '{' { "{ \"{\" }" } else { "{ \"}\" }" });
            }
            '{' if args.is_some() => {
                let mut inner = String::new();
                for next in chars.by_ref() {
                    if next == '}' {
                        break;
                    }
                    inner.push(next);
                }
                // The placeholder's text only says which argument it shows (`{r#type:?}` is
                // `type`); the name is the derive's.
                let written = inner.split(':').next().unwrap_or_default().trim();
                let name = args
                    .unwrap_or_default()
                    .iter()
                    .find(|arg| written == **arg || written.strip_prefix("r#") == Some(**arg))
                    .map_or(written, |arg| *arg);
                out.push_str("{ $");
                out.push_str(&variable_name(name));
                out.push_str(" }");
            }
            '{' => out.push_str("{ \"{\" }"),
            '}' => out.push_str("{ \"}\" }"),
            '\n' => {
                out.push_str("\n    ");
                line_start = true;
                continue;
            }
            // Fluent trims a pattern's edges and reads `[`, `*`, `.` at a line's start as syntax.
            ' ' if out.is_empty() || chars.peek().is_none() => out.push_str("{ \" \" }"),
            '[' | '*' | '.' if line_start => {
                out.push_str("{ \"");
                out.push(c);
                out.push_str("\" }");
            }
            c => out.push(c),
        }
        line_start = false;
    }
    out
}
