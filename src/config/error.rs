//! What can be wrong with a configuration file, as miette diagnostics that point into it.

use std::fmt;
use std::io;
use std::ops::Range;
use std::sync::Arc;

use miette::{Diagnostic, NamedSource, SourceSpan};

use super::schema::{RULES_KEYS, TOP_KEYS};
use crate::rules::suggest;

/// The text of a configuration file, named for miette.
pub(super) type Source = NamedSource<Arc<str>>;

/// One thing wrong with a configuration file. Every variant has a stable code,
/// `factlint::config::...`, and all but [`ConfigError::Read`] point into the file.
#[derive(Debug, thiserror::Error, Diagnostic)]
pub enum ConfigError {
    #[error("cannot read the configuration `{path}`: {source}")]
    #[diagnostic(
        code(factlint::config::read),
        help("check that the path names a readable file")
    )]
    Read {
        path: String,
        #[source]
        source: io::Error,
    },

    #[error("invalid TOML: {message}")]
    #[diagnostic(
        code(factlint::config::syntax),
        help("see https://toml.io for the syntax; docs/config.md lists the keys")
    )]
    Syntax {
        message: String,
        #[source_code]
        src: Source,
        #[label("{detail}")]
        span: Option<SourceSpan>,
        detail: String,
    },

    #[error("unknown key `{key}`")]
    #[diagnostic(code(factlint::config::unknown_key))]
    UnknownKey {
        key: String,
        #[source_code]
        src: Source,
        #[label("not a key {place}")]
        span: Option<SourceSpan>,
        place: &'static str,
        #[help]
        help: String,
    },

    #[error("unknown value `{value}`")]
    #[diagnostic(code(factlint::config::unknown_value))]
    UnknownValue {
        value: String,
        #[source_code]
        src: Source,
        #[label("expected {expected}")]
        span: Option<SourceSpan>,
        expected: String,
        #[help]
        help: Option<String>,
    },

    #[error("expected {expected}, found {found}")]
    #[diagnostic(code(factlint::config::wrong_type))]
    WrongType {
        expected: String,
        found: String,
        #[source_code]
        src: Source,
        #[label("expected {expected}")]
        span: Option<SourceSpan>,
    },

    #[error("invalid value: {message}")]
    #[diagnostic(code(factlint::config::invalid_value))]
    InvalidValue {
        message: String,
        #[source_code]
        src: Source,
        #[label("{label}")]
        span: Option<SourceSpan>,
        label: String,
        #[help]
        help: Option<String>,
    },

    #[error("invalid {list} glob `{glob}`: {reason}")]
    #[diagnostic(
        code(factlint::config::glob),
        help("globs are written as in .gitignore: `*.md`, `reports/**/*.html`, `drafts/`")
    )]
    Glob {
        list: crate::source::GlobList,
        glob: String,
        reason: String,
        #[source_code]
        src: Source,
        #[label("invalid glob")]
        span: SourceSpan,
    },

    #[error("cannot read the rule file `{path}`: {reason}")]
    #[diagnostic(
        code(factlint::config::rule_file),
        help("rule files are relative to the folder of the configuration file")
    )]
    RuleFile {
        path: String,
        reason: String,
        #[source_code]
        src: Source,
        #[label("named here")]
        span: SourceSpan,
    },

    #[error("`{id}` is disabled and also given the severity `{severity}`")]
    #[diagnostic(
        code(factlint::config::conflict),
        help("remove one of the two; the severity `off` also disables a rule")
    )]
    Conflict {
        id: String,
        severity: &'static str,
        #[source_code]
        src: Source,
        #[label("disabled here")]
        disabled: SourceSpan,
        #[label("given a severity here")]
        given: SourceSpan,
    },

    #[error("no rule `{id}` in the rule set")]
    #[diagnostic(code(factlint::config::unknown_rule))]
    UnknownRule {
        id: String,
        #[source_code]
        src: Source,
        #[label("no rule has this ID")]
        span: SourceSpan,
        #[help]
        help: String,
    },
}

impl ConfigError {
    /// Where the error points, for ordering several errors by their place in the file.
    fn offset(&self) -> usize {
        let span = match self {
            Self::Read { .. } => None,
            Self::Syntax { span, .. }
            | Self::UnknownKey { span, .. }
            | Self::UnknownValue { span, .. }
            | Self::WrongType { span, .. }
            | Self::InvalidValue { span, .. } => *span,
            Self::Glob { span, .. }
            | Self::RuleFile { span, .. }
            | Self::UnknownRule { span, .. } => Some(*span),
            Self::Conflict { disabled, .. } => Some(*disabled),
        };
        span.map_or(0, |s| s.offset())
    }
}

/// Every error found in a configuration file, in the order of the file.
#[derive(Debug, Default)]
pub struct ConfigErrors {
    pub errors: Vec<ConfigError>,
}

impl ConfigErrors {
    pub(super) fn sorted(mut errors: Vec<ConfigError>) -> Self {
        errors.sort_by_key(ConfigError::offset);
        ConfigErrors { errors }
    }

    pub fn is_empty(&self) -> bool {
        self.errors.is_empty()
    }

    pub fn len(&self) -> usize {
        self.errors.len()
    }

    pub fn iter(&self) -> std::slice::Iter<'_, ConfigError> {
        self.errors.iter()
    }
}

impl From<ConfigError> for ConfigErrors {
    fn from(error: ConfigError) -> Self {
        ConfigErrors {
            errors: vec![error],
        }
    }
}

impl IntoIterator for ConfigErrors {
    type Item = ConfigError;
    type IntoIter = std::vec::IntoIter<ConfigError>;

    fn into_iter(self) -> Self::IntoIter {
        self.errors.into_iter()
    }
}

impl fmt::Display for ConfigErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.errors.len() {
            1 => write!(f, "1 error in the configuration"),
            n => write!(f, "{n} errors in the configuration"),
        }
    }
}

impl std::error::Error for ConfigErrors {}

impl Diagnostic for ConfigErrors {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new("factlint::config::errors"))
    }

    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn Diagnostic> + 'a>> {
        Some(Box::new(self.errors.iter().map(|e| e as &dyn Diagnostic)))
    }
}

pub(super) fn span(range: Range<usize>) -> SourceSpan {
    (range.start, range.len()).into()
}

/// A TOML syntax error: the first line of toml's message says what, the others what was
/// expected.
pub(super) fn syntax(err: &toml::de::Error, src: Source) -> ConfigError {
    let mut lines = err.message().lines();
    let message = lines.next().unwrap_or("").to_string();
    let rest: Vec<&str> = lines.collect();
    ConfigError::Syntax {
        detail: if rest.is_empty() {
            "here".into()
        } else {
            rest.join("; ")
        },
        message,
        src,
        span: err.span().map(span),
    }
}

/// A key or value that does not fit the layout. serde's messages are the only account of
/// what went wrong, so they are read back: "unknown field `x`, expected one of `a`, `b`",
/// "unknown variant ...", "invalid type: X, expected Y", "invalid value: X, expected Y".
pub(super) fn schema(err: &toml::de::Error, src: Source) -> ConfigError {
    let message = err.message();
    let span = err.span().map(span);
    let quoted = backticked(message);
    if let Some(rest) = message.strip_prefix("unknown field ") {
        let key = quoted.first().copied().unwrap_or(rest).to_string();
        let expected = expected_names(message);
        return unknown_key(key, &expected, src, span);
    }
    if message.starts_with("unknown variant ") {
        let value = quoted.first().copied().unwrap_or("").to_string();
        let expected = expected_names(message);
        return ConfigError::UnknownValue {
            help: suggest::closest(&value, expected.iter().copied())
                .map(|c| format!("did you mean `{c}`?")),
            expected: suggest::list(&expected),
            value,
            src,
            span,
        };
    }
    for (prefix, wrong_type) in [("invalid type: ", true), ("invalid value: ", false)] {
        let Some(rest) = message.strip_prefix(prefix) else {
            continue;
        };
        let Some((found, expected)) = rest.split_once(", expected ") else {
            continue;
        };
        let (found, expected) = (plain(found), plain(expected));
        return if wrong_type {
            ConfigError::WrongType {
                expected,
                found,
                src,
                span,
            }
        } else {
            ConfigError::InvalidValue {
                message: format!("{found} is not {expected}"),
                label: format!("expected {expected}"),
                help: None,
                src,
                span,
            }
        };
    }
    ConfigError::InvalidValue {
        message: message.to_string(),
        label: "invalid value".into(),
        help: None,
        src,
        span,
    }
}

fn unknown_key(
    key: String,
    expected: &[&str],
    src: Source,
    span: Option<SourceSpan>,
) -> ConfigError {
    let in_rules = expected.iter().any(|k| RULES_KEYS.contains(k));
    let (place, elsewhere, other_table) = if in_rules {
        ("of `[rules]`", TOP_KEYS, "at the top level")
    } else {
        ("at the top level", RULES_KEYS, "in the `[rules]` table")
    };
    let help = if elsewhere.contains(&key.as_str()) {
        format!("`{key}` belongs {other_table}")
    } else {
        suggest::did_you_mean(&key, expected.iter().copied(), || {
            format!("the keys {place} are {}", suggest::list(expected))
        })
    };
    ConfigError::UnknownKey {
        key,
        src,
        span,
        place,
        help,
    }
}

/// The texts between backticks.
fn backticked(message: &str) -> Vec<&str> {
    message.split('`').skip(1).step_by(2).collect()
}

/// The names serde lists after "expected".
fn expected_names(message: &str) -> Vec<&str> {
    message
        .split_once("expected")
        .map_or_else(Vec::new, |(_, list)| backticked(list))
}

/// serde's words for Rust types, in TOML's words.
fn plain(text: &str) -> String {
    match text {
        "a sequence" => "an array".into(),
        "a map" => "a table".into(),
        "u64" => "a whole number of 0 or more".into(),
        "sequence" => "an array".into(),
        "map" => "a table".into(),
        other => other.to_string(),
    }
}
