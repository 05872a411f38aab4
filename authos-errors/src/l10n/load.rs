//! Loading resources, and the checks a resource passes before it is added.

use std::fmt;
use std::path::Path;

use fluent_bundle::FluentResource;
use fluent_bundle::concurrent::FluentBundle;
use fluent_syntax::ast;
use unic_langid::LanguageIdentifier;

use super::{Localizer, Translation, is_code, template_variables};
use crate::ErrorCodeInfo;

impl Localizer {
    /// Adds the Fluent resource `ftl` (named `file` in error reports) to the translation for
    /// `language`, creating it on first use. A language may have several resources; a message
    /// id may appear in only one of them. Nothing is added when an error is returned.
    ///
    /// # Errors
    /// [`LoadError::Language`] for a tag that does not parse, [`LoadError::SourceLanguage`] for
    /// the source language, [`LoadError::Resource`] listing every syntax error, duplicate
    /// message and variable the code's template does not have, with its line.
    ///
    /// ```
    /// use authos_errors::{ApiErrorCode, catalog::AuthOsError, l10n::{LoadError, Localizer}};
    /// let mut localizer = Localizer::new(AuthOsError::CATALOG);
    /// let err = localizer
    ///     .add_resource("de", "de/errors.ftl", "TOKEN_EXPIRED = Das JWT ist am { $when } abgelaufen\n")
    ///     .unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     "de/errors.ftl:1: message `TOKEN_EXPIRED` uses the variable `$when`, which the code's message template does not have (it has none)"
    /// );
    /// ```
    pub fn add_resource(
        &mut self,
        language: &str,
        file: &str,
        ftl: impl Into<String>,
    ) -> Result<(), LoadError> {
        let language = parse_language(language)?;
        if language == self.languages[0] {
            return Err(LoadError::SourceLanguage {
                tag: language.to_string(),
            });
        }
        let resource = parse_resource(file, ftl.into())?;
        let messages = summarise(&resource, file);
        let index = self.languages[1..].iter().position(|l| *l == language);
        let existing = index.map_or(&[][..], |i| &self.translations[i].messages[..]);
        let mut problems = check_messages(&self.catalogs, &messages, existing);
        let existing_terms = index.map_or(&[][..], |i| &self.translations[i].terms[..]);
        let (terms, term_problems) = check_terms(&resource, file, existing_terms);
        problems.extend(term_problems);
        if !problems.is_empty() {
            problems.sort_by_key(|p| p.line);
            return Err(LoadError::Resource {
                file: file.to_owned(),
                problems,
            });
        }
        let translation = match index {
            Some(i) => &mut self.translations[i],
            None => {
                let mut bundle = FluentBundle::new_concurrent(vec![language.clone()]);
                bundle.set_use_isolating(false);
                // NUMBER() on a fresh bundle: no id to collide with.
                let _ = bundle.add_builtins();
                self.languages.push(language);
                self.languages_changed();
                self.translations.push(Translation {
                    bundle,
                    messages: Vec::new(),
                    terms: Vec::new(),
                });
                let last = self.translations.len() - 1;
                &mut self.translations[last]
            }
        };
        // Duplicates were refused above, so this adds every entry.
        let _ = translation.bundle.add_resource(resource);
        translation.messages.extend(messages);
        translation.terms.extend(terms);
        Ok(())
    }

    /// Reads the Fluent resource at `path` (UTF-8) and adds it as
    /// [`add_resource`](Self::add_resource) does; errors name the path.
    ///
    /// # Errors
    /// [`LoadError::Io`] when the file cannot be read, else as [`add_resource`](Self::add_resource).
    ///
    /// ```
    /// use authos_errors::{ApiErrorCode, catalog::AuthOsError, l10n::{LoadError, Localizer}};
    /// let mut localizer = Localizer::new(AuthOsError::CATALOG);
    /// let err = localizer.add_file("de", "no/such/errors.ftl").unwrap_err();
    /// assert!(matches!(err, LoadError::Io { .. }));
    /// assert!(err.to_string().starts_with("no/such/errors.ftl: cannot read: "));
    /// ```
    pub fn add_file(&mut self, language: &str, path: impl AsRef<Path>) -> Result<(), LoadError> {
        let path = path.as_ref();
        let file = path.display().to_string();
        let ftl = std::fs::read_to_string(path).map_err(|source| LoadError::Io {
            file: file.clone(),
            source,
        })?;
        self.add_resource(language, &file, ftl)
    }
}

/// What a resource's message is made of, as far as coverage and load checks care.
#[derive(Debug, Clone)]
pub(super) struct MessageSummary {
    pub(super) id: String,
    pub(super) file: String,
    pub(super) line: usize,
    pub(super) has_value: bool,
    pub(super) has_description: bool,
    /// The variables of its value and `.description`.
    pub(super) variables: Vec<String>,
    /// The variables of its other attributes, each a text variant named after the arguments
    /// it is rendered with (`.min-max`, see `validation::Rules::template`): the
    /// attribute's name and the variable.
    pub(super) variant_variables: Vec<(String, String)>,
}

impl MessageSummary {
    /// The variables the message uses that the code's message template (`known`) does not
    /// have, less those a variant attribute is named after.
    pub(super) fn unknown_variables<'m>(
        &'m self,
        known: &'m [String],
    ) -> impl Iterator<Item = &'m String> + 'm {
        let plain = self
            .variables
            .iter()
            .filter(|variable| !known.contains(variable));
        let variants = self
            .variant_variables
            .iter()
            .filter(|(attribute, variable)| {
                !known.contains(variable) && !attribute.split('-').any(|name| name == variable)
            })
            .map(|(_, variable)| variable);
        plain.chain(variants)
    }
}

pub(super) fn parse_language(tag: &str) -> Result<LanguageIdentifier, LoadError> {
    tag.parse().map_err(|_| LoadError::Language {
        tag: tag.to_owned(),
    })
}

pub(super) fn parse_resource(file: &str, ftl: String) -> Result<FluentResource, LoadError> {
    match FluentResource::try_new(ftl) {
        Ok(resource) => Ok(resource),
        Err((resource, errors)) => Err(LoadError::Resource {
            file: file.to_owned(),
            problems: errors
                .into_iter()
                .map(|error| ResourceProblem {
                    line: line_of(resource.source(), error.pos.start),
                    kind: ResourceProblemKind::Syntax {
                        reason: error.kind.to_string(),
                    },
                })
                .collect(),
        }),
    }
}

/// The line of a parser error at `offset`: that of the last text before it, since the parser
/// often notices a mistake only at the next line or the end of the file.
fn line_of(source: &str, offset: usize) -> usize {
    source
        .get(..offset)
        .map_or(1, |before| before.trim_end().matches('\n').count() + 1)
}

/// The line where the `nth` (0-based) entry named `id` starts: the AST has no positions.
fn line_of_entry(source: &str, id: &str, nth: usize) -> usize {
    source
        .lines()
        .enumerate()
        .filter(|(_, line)| {
            line.strip_prefix(id)
                .is_some_and(|rest| rest.trim_start().starts_with('='))
        })
        .nth(nth)
        .map_or(1, |(index, _)| index + 1)
}

pub(super) fn summarise(resource: &FluentResource, file: &str) -> Vec<MessageSummary> {
    let mut messages: Vec<MessageSummary> = Vec::new();
    for entry in resource.entries() {
        let ast::Entry::Message(message) = entry else {
            continue;
        };
        let id = message.id.name;
        let mut variables = Vec::new();
        let mut variant_variables = Vec::new();
        if let Some(value) = &message.value {
            pattern_variables(value, &mut variables);
        }
        for attribute in &message.attributes {
            if attribute.id.name == "description" {
                pattern_variables(&attribute.value, &mut variables);
            } else {
                let mut used = Vec::new();
                pattern_variables(&attribute.value, &mut used);
                variant_variables.extend(
                    used.into_iter()
                        .map(|variable| (attribute.id.name.to_owned(), variable)),
                );
            }
        }
        let nth = messages.iter().filter(|m| m.id == id).count();
        messages.push(MessageSummary {
            id: id.to_owned(),
            file: file.to_owned(),
            line: line_of_entry(resource.source(), id, nth),
            has_value: message.value.is_some(),
            has_description: message
                .attributes
                .iter()
                .any(|a| a.id.name == "description"),
            variables,
            variant_variables,
        });
    }
    messages
}

fn pattern_variables(pattern: &ast::Pattern<&str>, out: &mut Vec<String>) {
    for element in &pattern.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            expression_variables(expression, out);
        }
    }
}

fn expression_variables(expression: &ast::Expression<&str>, out: &mut Vec<String>) {
    match expression {
        ast::Expression::Select { selector, variants } => {
            inline_variables(selector, out);
            for variant in variants {
                pattern_variables(&variant.value, out);
            }
        }
        ast::Expression::Inline(inline) => inline_variables(inline, out),
    }
}

fn inline_variables(expression: &ast::InlineExpression<&str>, out: &mut Vec<String>) {
    let arguments = match expression {
        ast::InlineExpression::VariableReference { id } => {
            if !out.iter().any(|seen| seen == id.name) {
                out.push(id.name.to_owned());
            }
            return;
        }
        ast::InlineExpression::Placeable { expression } => {
            expression_variables(expression, out);
            return;
        }
        ast::InlineExpression::FunctionReference { arguments, .. } => arguments,
        // A term's own `$x` are its parameters, set by the call's arguments.
        ast::InlineExpression::TermReference {
            arguments: Some(arguments),
            ..
        } => arguments,
        _ => return,
    };
    for positional in &arguments.positional {
        inline_variables(positional, out);
    }
    for named in &arguments.named {
        inline_variables(&named.value, out);
    }
}

fn check_messages(
    catalogs: &[&'static [ErrorCodeInfo]],
    messages: &[MessageSummary],
    existing: &[MessageSummary],
) -> Vec<ResourceProblem> {
    let mut problems = Vec::new();
    for (index, message) in messages.iter().enumerate() {
        let earlier = existing
            .iter()
            .chain(&messages[..index])
            .find(|m| m.id == message.id);
        if let Some(first) = earlier {
            problems.push(ResourceProblem {
                line: message.line,
                kind: ResourceProblemKind::DuplicateMessage {
                    id: message.id.clone(),
                    first: format!("{}:{}", first.file, first.line),
                },
            });
        }
        if !is_code(catalogs, &message.id) {
            continue;
        }
        let known = template_variables(catalogs, &message.id);
        for variable in message.unknown_variables(&known) {
            problems.push(ResourceProblem {
                line: message.line,
                kind: ResourceProblemKind::UnknownVariable {
                    code: message.id.clone(),
                    variable: variable.clone(),
                    known: known.clone(),
                },
            });
        }
    }
    problems
}

/// Terms (`-brand = …`) may be shared between resources of one language, defined once: the
/// resource's term ids, and a problem for each one defined before.
fn check_terms(
    resource: &FluentResource,
    file: &str,
    existing: &[String],
) -> (Vec<String>, Vec<ResourceProblem>) {
    let mut terms: Vec<String> = Vec::new();
    let mut problems = Vec::new();
    for entry in resource.entries() {
        let ast::Entry::Term(term) = entry else {
            continue;
        };
        let id = term.id.name;
        let nth = terms.iter().filter(|t| *t == id).count();
        if nth > 0 || existing.iter().any(|t| t == id) {
            let line = line_of_entry(resource.source(), &format!("-{id}"), nth);
            problems.push(ResourceProblem {
                line,
                kind: ResourceProblemKind::DuplicateMessage {
                    id: format!("-{id}"),
                    first: if nth > 0 {
                        format!(
                            "{file}:{}",
                            line_of_entry(resource.source(), &format!("-{id}"), 0)
                        )
                    } else {
                        "an earlier resource".to_owned()
                    },
                },
            });
        }
        terms.push(id.to_owned());
    }
    (terms, problems)
}

/// Why a resource was refused. Each problem says where, as `file:line: …`.
#[derive(Debug)]
#[non_exhaustive]
pub enum LoadError {
    /// The language is not a language tag (`fr`, `pt-BR`).
    Language {
        /// The tag as given.
        tag: String,
    },
    /// A resource for the source language, whose texts are the derive's: reword them in the
    /// `#[code]` attributes, or load the resource under a regional tag (`en-GB`).
    SourceLanguage {
        /// The tag as given.
        tag: String,
    },
    /// The file could not be read.
    Io {
        /// The path, as given.
        file: String,
        /// What the operating system said.
        source: std::io::Error,
    },
    /// The resource has mistakes; nothing of it was added.
    Resource {
        /// The file name, as given.
        file: String,
        /// Every mistake found, by line.
        problems: Vec<ResourceProblem>,
    },
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Language { tag } => write!(
                f,
                "`{tag}` is not a language tag: write one such as `fr` or `pt-BR`"
            ),
            LoadError::SourceLanguage { tag } => write!(
                f,
                "`{tag}` is the source language, whose texts are the derive's: change the #[code] \
                 attributes, or load the resource under a regional tag such as `{tag}-GB`"
            ),
            LoadError::Io { file, source } => write!(f, "{file}: cannot read: {source}"),
            LoadError::Resource { file, problems } => {
                for (index, problem) in problems.iter().enumerate() {
                    if index > 0 {
                        f.write_str("\n")?;
                    }
                    write!(f, "{file}:{}: {}", problem.line, problem.kind)?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for LoadError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            LoadError::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// One mistake in a Fluent resource.
///
/// ```
/// use authos_errors::{ApiErrorCode, catalog::AuthOsError, l10n::{LoadError, Localizer, ResourceProblemKind}};
/// let mut localizer = Localizer::new(AuthOsError::CATALOG);
/// let Err(LoadError::Resource { problems, .. }) =
///     localizer.add_resource("fr", "fr.ftl", "# ok\nTOKEN_EXPIRED = { oops\n")
/// else { panic!("a syntax error is refused") };
/// assert_eq!(problems[0].line, 2);
/// assert!(matches!(problems[0].kind, ResourceProblemKind::Syntax { .. }));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResourceProblem {
    /// The line (1-based) of the mistake, or of the message it is in.
    pub line: usize,
    /// What is wrong.
    pub kind: ResourceProblemKind,
}

/// What is wrong in a [`ResourceProblem`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ResourceProblemKind {
    /// Not Fluent syntax.
    Syntax {
        /// The parser's explanation.
        reason: String,
    },
    /// A message (or term) defined twice for one language.
    DuplicateMessage {
        /// The message id (`-name` for a term).
        id: String,
        /// Where it was first defined (`file:line`).
        first: String,
    },
    /// A message uses a variable the code's message template does not interpolate: it would
    /// never be set.
    UnknownVariable {
        /// The error code.
        code: String,
        /// The variable, without `$`.
        variable: String,
        /// The variables the code has.
        known: Vec<String>,
    },
}

impl fmt::Display for ResourceProblemKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ResourceProblemKind::Syntax { reason } => write!(f, "syntax error: {reason}"),
            ResourceProblemKind::DuplicateMessage { id, first } => {
                write!(f, "`{id}` is defined twice (first at {first}): keep one")
            }
            ResourceProblemKind::UnknownVariable {
                code,
                variable,
                known,
            } => {
                write!(
                    f,
                    "message `{code}` uses the variable `${variable}`, which the code's message template does not have"
                )?;
                if known.is_empty() {
                    f.write_str(" (it has none)")
                } else {
                    let known: Vec<String> = known.iter().map(|k| format!("${k}")).collect();
                    write!(f, " (it has {})", known.join(", "))
                }
            }
        }
    }
}
