//! Baselines: findings accepted earlier, so that a run reports only new ones.
//!
//! The file is JSON, sorted so that it diffs well:
//! `{"version":1,"findings":[{"path":..,"rule":..,"fingerprint":..,"message":..}]}`. A
//! finding matches an entry when its path, rule and fingerprint (see [`super::fingerprint`])
//! are the entry's; the message is there for people reading the file.

use std::collections::{BTreeMap, BTreeSet};
use std::io;
use std::path::Path;

use miette::{NamedSource, SourceSpan};
use serde::{Deserialize, Serialize};

use super::fingerprint::{fingerprints, normalise_path};
use crate::eval::finding::Finding;

/// The version of the baseline file; bumped on any change to the file or the fingerprints.
pub const BASELINE_VERSION: u32 = 1;

/// One accepted finding.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BaselineEntry {
    pub path: String,
    pub rule: String,
    pub fingerprint: String,
    pub message: String,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct BaselineFile {
    version: u32,
    findings: Vec<BaselineEntry>,
}

/// Only the version, read first, so that a newer file gets a clear error before its shape is
/// judged.
#[derive(Deserialize)]
struct VersionOnly {
    version: u64,
}

/// A baseline read or written by this run, and which of its entries the run has seen again.
#[derive(Debug, Clone, Default)]
pub struct Baseline {
    /// By `(path, rule, fingerprint)`: the order of the file.
    entries: BTreeMap<(String, String, String), Slot>,
    /// The (normalised) paths given to [`Baseline::filter`].
    checked: BTreeSet<String>,
}

#[derive(Debug, Clone)]
struct Slot {
    message: String,
    matched: bool,
}

/// A baseline that cannot be read or written.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum BaselineError {
    #[error("{path}: {source}")]
    #[diagnostic(
        code(factlint::baseline::io),
        help("check the path; `--write-baseline FILE` writes a new baseline")
    )]
    Io {
        path: String,
        #[source]
        source: io::Error,
    },

    /// Not JSON, or not the shape of a baseline.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Invalid(Box<InvalidBaseline>),

    #[error(
        "{path}: baseline version {found} is not supported (this factlint reads version {BASELINE_VERSION})"
    )]
    #[diagnostic(
        code(factlint::baseline::version),
        help("write the baseline anew with this factlint: `factlint check --write-baseline FILE`")
    )]
    Version { path: String, found: u64 },
}

/// A baseline file that is not JSON or not the shape of a baseline, at serde_json's line and
/// column.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
#[error("{path}:{line}:{column}: invalid baseline: {message}")]
#[diagnostic(
    code(factlint::baseline::invalid),
    help("a baseline is written by `factlint check --write-baseline FILE`; write it anew")
)]
pub struct InvalidBaseline {
    pub path: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
    #[source_code]
    pub source_code: NamedSource<String>,
    #[label("here")]
    pub span: SourceSpan,
}

impl Baseline {
    pub fn new() -> Self {
        Self::default()
    }

    /// Reads a baseline file.
    pub fn read(file: &Path) -> Result<Baseline, BaselineError> {
        let name = file.display().to_string();
        let json = std::fs::read_to_string(file).map_err(|source| BaselineError::Io {
            path: name.clone(),
            source,
        })?;
        Self::from_json(&name, &json)
    }

    /// Reads a baseline from its JSON text; `name` names it in errors.
    pub fn from_json(name: &str, json: &str) -> Result<Baseline, BaselineError> {
        let invalid = |e: serde_json::Error| invalid(name, json, &e);
        let version: VersionOnly = serde_json::from_str(json).map_err(invalid)?;
        if version.version != u64::from(BASELINE_VERSION) {
            return Err(BaselineError::Version {
                path: name.to_string(),
                found: version.version,
            });
        }
        let file: BaselineFile = serde_json::from_str(json).map_err(invalid)?;
        let mut baseline = Baseline::new();
        for e in file.findings {
            let key = (normalise_path(&e.path), e.rule, e.fingerprint);
            let slot = Slot {
                message: e.message,
                matched: false,
            };
            baseline.entries.insert(key, slot);
        }
        Ok(baseline)
    }

    /// Adds the findings of one file, for writing.
    pub fn record(&mut self, path: &str, text: &str, findings: &[Finding]) {
        let path = normalise_path(path);
        for (finding, fingerprint) in findings.iter().zip(fingerprints(&path, text, findings)) {
            let key = (path.clone(), finding.rule.clone(), fingerprint);
            let slot = Slot {
                message: finding.message.clone(),
                matched: false,
            };
            self.entries.insert(key, slot);
        }
    }

    /// The entries, sorted by path, rule and fingerprint.
    pub fn entries(&self) -> impl Iterator<Item = BaselineEntry> + '_ {
        self.entries
            .iter()
            .map(|((path, rule, fingerprint), slot)| BaselineEntry {
                path: path.clone(),
                rule: rule.clone(),
                fingerprint: fingerprint.clone(),
                message: slot.message.clone(),
            })
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The file's text: pretty JSON, one key per line, ending with a newline.
    pub fn to_json(&self) -> String {
        let file = BaselineFile {
            version: BASELINE_VERSION,
            findings: self.entries().collect(),
        };
        let mut json = serde_json::to_string_pretty(&file)
            .unwrap_or_else(|e| unreachable!("a baseline is plain data: {e}"));
        json.push('\n');
        json
    }

    /// Writes the baseline to `file`, replacing it.
    pub fn write(&self, file: &Path) -> Result<(), BaselineError> {
        std::fs::write(file, self.to_json()).map_err(|source| BaselineError::Io {
            path: file.display().to_string(),
            source,
        })
    }

    /// The findings of one file that the baseline does not hold, in their order, and how many
    /// it does hold. `text` is the file's original text, as for [`fingerprints`].
    pub fn filter(
        &mut self,
        path: &str,
        text: &str,
        findings: Vec<Finding>,
    ) -> (Vec<Finding>, usize) {
        let path = normalise_path(path);
        let prints = fingerprints(&path, text, &findings);
        self.checked.insert(path.clone());
        let mut matched = 0;
        let mut new = Vec::new();
        for (finding, fingerprint) in findings.into_iter().zip(prints) {
            let key = (path.clone(), finding.rule.clone(), fingerprint);
            match self.entries.get_mut(&key) {
                Some(slot) => {
                    slot.matched = true;
                    matched += 1;
                }
                None => new.push(finding),
            }
        }
        (new, matched)
    }

    /// The entries of the files given to [`Baseline::filter`] that matched no finding: fixed
    /// (or changed beyond recognition). Entries of files this run did not check are not
    /// counted, so a shard or a subset of the files counts only its own.
    pub fn fixed(&self) -> Vec<BaselineEntry> {
        self.entries
            .iter()
            .filter(|((path, ..), slot)| !slot.matched && self.checked.contains(path))
            .map(|((path, rule, fingerprint), slot)| BaselineEntry {
                path: path.clone(),
                rule: rule.clone(),
                fingerprint: fingerprint.clone(),
                message: slot.message.clone(),
            })
            .collect()
    }
}

/// serde_json's error, at its line and column in the file.
fn invalid(name: &str, json: &str, error: &serde_json::Error) -> BaselineError {
    let (line, column) = (error.line().max(1), error.column().max(1));
    let line_start = json
        .split_inclusive('\n')
        .take(line - 1)
        .map(str::len)
        .sum::<usize>();
    let mut offset = (line_start + column - 1).min(json.len());
    while !json.is_char_boundary(offset) {
        offset -= 1;
    }
    let full = error.to_string();
    let suffix = format!(" at line {} column {}", error.line(), error.column());
    let message = full.strip_suffix(&suffix).unwrap_or(&full).to_string();
    BaselineError::Invalid(Box::new(InvalidBaseline {
        path: name.to_string(),
        line,
        column,
        message,
        source_code: NamedSource::new(name, json.to_string()),
        span: SourceSpan::from(offset..offset),
    }))
}

#[cfg(test)]
#[path = "baseline_tests.rs"]
mod tests;
