//! Reading a configuration file: TOML syntax, then the layout, then the meaning of the values
//! (globs that compile, rule files that exist, settings that agree), every error with its span.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use miette::NamedSource;
use toml::Spanned;

use super::error::{self, ConfigError, ConfigErrors, Source, span};
use super::schema::{RawConfig, RawRules};
use super::{Config, Level, RuleRef, RuleSettings};
use crate::source::{GlobList, Globs};

pub(super) fn parse(path: &Path, text: &str) -> Result<Config, ConfigErrors> {
    let text: Arc<str> = Arc::from(text);
    let src = || NamedSource::new(path.display().to_string(), text.clone());
    // Syntax first, on its own, so that a TOML error is told apart from a layout error.
    if let Err(e) = text.parse::<toml::Table>() {
        return Err(error::syntax(&e, src()).into());
    }
    let raw: RawConfig = toml::from_str(&text).map_err(|e| error::schema(&e, src()))?;
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut errors = Vec::new();
    let globs = compile_globs(&dir, &raw, &src, &mut errors);
    let rules = rule_settings(&dir, raw.rules, &src, &mut errors);
    if !errors.is_empty() {
        return Err(ConfigErrors::sorted(errors));
    }
    Ok(Config {
        path: path.to_path_buf(),
        dir,
        format: raw.format,
        strict: raw.strict,
        max_warnings: raw.max_warnings,
        globs,
        rules,
        text,
    })
}

fn compile_globs(
    dir: &Path,
    raw: &RawConfig,
    src: &impl Fn() -> Source,
    errors: &mut Vec<ConfigError>,
) -> Globs {
    let include: Vec<&str> = raw.include.iter().map(|g| g.get_ref().as_str()).collect();
    let exclude: Vec<&str> = raw.exclude.iter().map(|g| g.get_ref().as_str()).collect();
    Globs::new(dir, &include, &exclude).unwrap_or_else(|e| {
        let list = match e.list {
            GlobList::Include => &raw.include,
            GlobList::Exclude => &raw.exclude,
        };
        errors.push(ConfigError::Glob {
            list: e.list,
            glob: e.glob,
            reason: e.reason,
            src: src(),
            span: list.get(e.index).map_or((0, 0).into(), |g| span(g.span())),
        });
        Globs::default()
    })
}

fn rule_settings(
    dir: &Path,
    raw: RawRules,
    src: &impl Fn() -> Source,
    errors: &mut Vec<ConfigError>,
) -> RuleSettings {
    let files = raw.files.map(|files| {
        if files.get_ref().is_empty() {
            errors.push(ConfigError::InvalidValue {
                message: "an empty list of rule files".into(),
                label: "no rule files".into(),
                help: Some(
                    "remove `files` to use the standard library, or name the rule files to load"
                        .into(),
                ),
                src: src(),
                span: Some(span(files.span())),
            });
        }
        rule_files(dir, files.get_ref(), src, errors)
    });
    let extend_files = rule_files(dir, &raw.extend_files, src, errors);
    let disable: Vec<RuleRef> = raw.disable.iter().map(rule_ref).collect();
    let severity = in_file_order(raw.severity);
    for d in &disable {
        let conflict = severity
            .iter()
            .find(|(r, level)| r.id == d.id && *level != Level::Off);
        if let Some((given, level)) = conflict {
            errors.push(ConfigError::Conflict {
                id: d.id.clone(),
                severity: level.as_str(),
                src: src(),
                disabled: d.span,
                given: given.span,
            });
        }
    }
    RuleSettings {
        files,
        extend_files,
        disable,
        severity,
        default_tolerance: raw.default_tolerance.map(|p| p.0),
        tolerance: in_file_order(raw.tolerance)
            .into_iter()
            .map(|(r, p)| (r, p.0))
            .collect(),
    }
}

/// The rule files of a list, relative to `dir`; an error for each that cannot be read.
fn rule_files(
    dir: &Path,
    list: &[Spanned<String>],
    src: &impl Fn() -> Source,
    errors: &mut Vec<ConfigError>,
) -> Vec<PathBuf> {
    list.iter()
        .map(|written| {
            // Not `./x.rules` in messages when the file is in the working directory.
            let path = if dir == Path::new(".") {
                PathBuf::from(written.get_ref())
            } else {
                dir.join(written.get_ref())
            };
            if let Some(reason) = unreadable(&path) {
                errors.push(ConfigError::RuleFile {
                    path: written.get_ref().clone(),
                    reason,
                    src: src(),
                    span: span(written.span()),
                });
            }
            path
        })
        .collect()
}

/// Why a rule file cannot be read, if it cannot.
fn unreadable(path: &Path) -> Option<String> {
    match std::fs::metadata(path) {
        Ok(meta) if meta.is_file() => None,
        Ok(_) => Some("it is not a file".into()),
        Err(e) => Some(e.to_string()),
    }
}

fn rule_ref(id: &Spanned<String>) -> RuleRef {
    RuleRef {
        id: id.get_ref().clone(),
        span: span(id.span()),
    }
}

/// A table keyed by rule ID, in the order of the file rather than of the IDs.
fn in_file_order<T>(table: BTreeMap<Spanned<String>, T>) -> Vec<(RuleRef, T)> {
    let mut entries: Vec<(RuleRef, T)> = table
        .into_iter()
        .map(|(id, value)| (rule_ref(&id), value))
        .collect();
    entries.sort_by_key(|(r, _)| r.span.offset());
    entries
}
