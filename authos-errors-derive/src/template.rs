//! Message templates: `"Slug must be at least {min} characters"`.
//!
//! A template is split into literal text and placeholders here, so the derive can check that
//! every placeholder names a field and emit a format string over its own bindings.

use std::iter::Peekable;
use std::ops::Range;
use std::str::CharIndices;

/// A parsed message template.
#[cfg_attr(test, derive(Debug))]
pub struct Template {
    pub pieces: Vec<Piece>,
    /// The field names the placeholders refer to, each once, in order of first use.
    names: Vec<String>,
}

#[cfg_attr(test, derive(Debug))]
pub enum Piece {
    /// Literal text, braces already unescaped.
    Text(String),
    /// `{name}` or `{name:spec}`; `name` is a field name or a tuple index.
    Field {
        name: String,
        spec: String,
        /// Where the placeholder is in the template, braces included (bytes), for an error
        /// pointing at it.
        at: Range<usize>,
    },
}

/// The placeholder whose `{` is at `open`, up to and including its `}`.
fn placeholder(chars: &mut Peekable<CharIndices>, open: usize) -> Result<Piece, String> {
    let mut inner = String::new();
    let end = loop {
        match chars.next() {
            Some((close, '}')) => break close + 1,
            Some((_, '{')) | None => {
                return Err(
                    "unclosed `{` in message: close the placeholder as `{field}`, or write `{{` for a literal brace"
                        .to_owned(),
                );
            }
            Some((_, c)) => inner.push(c),
        }
    };
    let (name, spec) = match inner.split_once(':') {
        Some((name, spec)) => (name.trim(), spec),
        None => (inner.trim(), ""),
    };
    if name.is_empty() {
        return Err("empty placeholder `{}` in message: name the field, as `{field}` for a named field or `{0}` for a tuple field".to_owned());
    }
    // `{r#type}` names the field `r#type`, as `{type}` does (thiserror 1 reads it so; `format!`
    // refuses it, but the derive writes its own format string over its own bindings).
    let name = match name.strip_prefix("r#") {
        Some(raw) if raw.starts_with(|c: char| c == '_' || c.is_alphabetic()) => raw,
        _ => name,
    };
    let is_index = name.chars().all(|c| c.is_ascii_digit());
    let is_ident = name
        .chars()
        .next()
        .is_some_and(|c| c == '_' || c.is_alphabetic())
        && name.chars().all(|c| c == '_' || c.is_alphanumeric());
    if !is_index && !is_ident {
        return Err(format!(
            "placeholder `{{{inner}}}` in message is not a field: write `{{field}}` or `{{0}}`; expressions are not supported"
        ));
    }
    Ok(Piece::Field {
        name: name.to_owned(),
        spec: spec.to_owned(),
        at: open..end,
    })
}

impl Template {
    /// Splits `source`, or says what is wrong with it in a sentence the user can act on.
    pub fn parse(source: &str) -> Result<Template, String> {
        let mut pieces = Vec::new();
        let mut text = String::new();
        let mut chars = source.char_indices().peekable();
        while let Some((at, c)) = chars.next() {
            let next = chars.peek().map(|&(_, next)| next);
            match c {
                '{' if next == Some('{') => {
                    chars.next();
                    text.push('{');
                }
                '}' if next == Some('}') => {
                    chars.next();
                    text.push('}');
                }
                '}' => {
                    return Err(
                        "unmatched `}` in message: write `}}` for a literal brace".to_owned()
                    );
                }
                '{' => {
                    let field = placeholder(&mut chars, at)?;
                    if !text.is_empty() {
                        pieces.push(Piece::Text(std::mem::take(&mut text)));
                    }
                    pieces.push(field);
                }
                c => text.push(c),
            }
        }
        if !text.is_empty() {
            pieces.push(Piece::Text(text));
        }
        let mut names: Vec<String> = Vec::new();
        for piece in &pieces {
            if let Piece::Field { name, .. } = piece
                && !names.contains(name)
            {
                names.push(name.clone());
            }
        }
        Ok(Template { pieces, names })
    }

    /// The field names the template refers to, each once, in order of first use.
    pub fn fields(&self) -> &[String] {
        &self.names
    }

    /// Whether a placeholder names `field`.
    pub fn shows(&self, field: &str) -> bool {
        self.names.iter().any(|name| name == field)
    }

    /// Where the first placeholder for `name` is in the template (bytes, braces included).
    pub fn position_of(&self, name: &str) -> Option<Range<usize>> {
        self.pieces.iter().find_map(|piece| match piece {
            Piece::Field { name: n, at, .. } if n == name => Some(at.clone()),
            Piece::Text(_) | Piece::Field { .. } => None,
        })
    }

    /// The template as it would be written without the placeholders for `name`: what a
    /// message that must not show that field can say instead. Empty brackets or quotes the
    /// placeholder leaves behind, and the separator before it, go too (`"Failed: {source}"`
    /// becomes `"Failed"`).
    pub fn without(&self, name: &str) -> String {
        let mut out = self.written(|n| (n != name).then(|| n.to_owned()));
        for empty in ["()", "[]", "``", "''", "\"\""] {
            out = out.replace(empty, "");
        }
        while out.contains("  ") {
            out = out.replace("  ", " ");
        }
        out.trim()
            .trim_end_matches([':', ',', ';', '-', '\u{2014}', '=', ' '])
            .trim()
            .to_owned()
    }

    /// The whole message when it has no placeholders.
    pub fn as_plain_text(&self) -> Option<String> {
        let mut out = String::new();
        for piece in &self.pieces {
            match piece {
                Piece::Text(text) => out.push_str(text),
                Piece::Field { .. } => return None,
            }
        }
        Some(out)
    }

    /// A `format!` string whose placeholders are renamed by `rename`, with literal braces
    /// escaped again.
    pub fn format_string(&self, rename: impl Fn(&str) -> String) -> String {
        self.written(|name| Some(rename(name)))
    }

    /// The template written out again, each placeholder's name replaced by what `rename`
    /// gives, or the placeholder left out where it gives `None`.
    fn written(&self, rename: impl Fn(&str) -> Option<String>) -> String {
        let mut out = String::new();
        for piece in &self.pieces {
            match piece {
                Piece::Text(text) => out.push_str(&text.replace('{', "{{").replace('}', "}}")),
                Piece::Field { name, spec, .. } => {
                    let Some(name) = rename(name) else {
                        continue;
                    };
                    out.push('{');
                    out.push_str(&name);
                    if !spec.is_empty() {
                        out.push(':');
                        out.push_str(spec);
                    }
                    out.push('}');
                }
            }
        }
        out
    }

    /// The format spec of the first placeholder for `name` (`".1"` for `{0:.1}`, `""` for `{0}`).
    pub fn spec_of(&self, name: &str) -> Option<&str> {
        self.pieces.iter().find_map(|piece| match piece {
            Piece::Field { name: n, spec, .. } if n == name => Some(spec.as_str()),
            Piece::Text(_) | Piece::Field { .. } => None,
        })
    }

    /// Whether the placeholder for `name` asks for `Debug` (`{name:?}`) rather than `Display`.
    pub fn uses_debug(&self, name: &str) -> bool {
        self.pieces.iter().any(|piece| {
            matches!(piece, Piece::Field { name: n, spec, .. } if n == name && spec.ends_with('?'))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_text_and_fields() {
        let t = Template::parse("at least {min} chars, {{literal}} {0:>4}").unwrap();
        assert_eq!(t.fields(), ["min", "0"]);
        assert_eq!(
            t.format_string(|n| format!("__f_{n}")),
            "at least {__f_min} chars, {{literal}} {__f_0:>4}"
        );
        assert!(t.as_plain_text().is_none());
    }

    #[test]
    fn raw_identifiers_name_the_field_without_r_hash() {
        let t = Template::parse("{r#type} in {r#match:?}, {type}").unwrap();
        assert_eq!(t.fields(), ["type", "match"]);
        assert_eq!(
            t.format_string(|n| format!("__f_{n}")),
            "{__f_type} in {__f_match:?}, {__f_type}"
        );
        assert!(
            Template::parse("{r#0}")
                .unwrap_err()
                .contains("not a field")
        );
    }

    #[test]
    fn positions_and_text_without_a_field() {
        let t = Template::parse("Database {{x}} failed: {source}").unwrap();
        assert_eq!(t.position_of("source"), Some(23..31));
        assert_eq!(t.without("source"), "Database {{x}} failed");
        let t = Template::parse("Upload of {name} failed ({source:?}) - {source}").unwrap();
        assert_eq!(t.position_of("source"), Some(25..35));
        assert_eq!(t.without("source"), "Upload of {name} failed");
        assert_eq!(Template::parse("{source}").unwrap().without("source"), "");
    }

    #[test]
    fn plain_text_is_unescaped() {
        let t = Template::parse("use {{braces}}").unwrap();
        assert_eq!(t.as_plain_text().as_deref(), Some("use {braces}"));
    }

    #[test]
    fn rejects_malformed() {
        assert!(Template::parse("{").unwrap_err().contains("unclosed"));
        assert!(Template::parse("}").unwrap_err().contains("unmatched"));
        assert!(
            Template::parse("{}")
                .unwrap_err()
                .contains("empty placeholder")
        );
        assert!(
            Template::parse("{a.b}")
                .unwrap_err()
                .contains("not a field")
        );
    }
}
