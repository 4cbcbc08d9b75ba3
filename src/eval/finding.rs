//! Findings: what a rule reports about a document.

use serde::{Deserialize, Serialize};

pub use crate::severity::Severity;

/// Words of the document a finding points at, and what they are in the finding.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Label {
    /// Byte offsets into the original file.
    pub start: usize,
    pub end: usize,
    /// What these words are: "total: 1,027 arrests", "part: 1,100 arrests".
    pub label: String,
}

/// Where a rule is defined, for "where the rule lives".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleOrigin {
    pub file: String,
    pub line: usize,
}

/// One rule's report about one place in a document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    pub rule: String,
    pub severity: Severity,
    pub message: String,
    pub labels: Vec<Label>,
    pub help: Option<String>,
    pub origin: Option<RuleOrigin>,
}

#[cfg(test)]
impl Finding {
    /// An error of `rule` with one label on the bytes `start..end`, for tests of what happens
    /// to findings after evaluation.
    pub(crate) fn fired(rule: &str, start: usize, end: usize) -> Finding {
        Finding {
            rule: rule.into(),
            severity: Severity::Error,
            message: format!("{rule} fired"),
            labels: vec![Label {
                start,
                end,
                label: "here".into(),
            }],
            help: None,
            origin: None,
        }
    }
}
