//! Suppressions: comments in a document that silence rules on one line.
//!
//! | format | directive | silences |
//! |---|---|---|
//! | Markdown, HTML | `<!-- factlint-disable-next-line RULE... -->` | the next line that is not blank and holds more than directives |
//! | Markdown, HTML | `<!-- factlint-disable-line RULE... -->` | its own line |
//! | plain text | `factlint: ignore RULE...` at the end of a line | its own line |
//!
//! A finding is on a line when its primary (first) label starts there. Rule ids are separated
//! by commas or white space; `--` ends the list and starts a reason. A directive naming no rule
//! silences every rule on its line, as a bare `# noqa` does in ruff and a bare
//! `eslint-disable-next-line` does in ESLint.

use std::ops::Range;

use crate::eval::finding::{Finding, Label, Severity};
use crate::rules::RuleSet;
use crate::rules::suggest;
use crate::source::Format;

use super::directives::{self, Found, Reach};
use super::lines::LineIndex;
use super::{INVALID_SUPPRESSION, UNUSED_SUPPRESSION};

/// The rule ids a suppression may name: every rule loaded, including rules a configuration
/// turns off (silencing one of those is unused, not invalid).
#[derive(Debug, Clone, Default)]
pub struct RuleIds {
    sorted: Vec<String>,
}

impl RuleIds {
    pub fn new<S: Into<String>>(ids: impl IntoIterator<Item = S>) -> Self {
        let mut sorted: Vec<String> = ids.into_iter().map(Into::into).collect();
        sorted.sort_unstable();
        sorted.dedup();
        RuleIds { sorted }
    }

    /// The ids of every rule in `rules`.
    pub fn of(rules: &RuleSet) -> Self {
        Self::new(rules.rules.iter().map(|r| r.id.clone()))
    }

    pub fn contains(&self, id: &str) -> bool {
        self.sorted.binary_search_by(|k| k.as_str().cmp(id)).is_ok()
    }

    fn closest(&self, id: &str) -> Option<&str> {
        suggest::closest(id, self.sorted.iter().map(String::as_str))
    }
}

/// One rule id in a directive.
#[derive(Debug, Clone)]
struct Named {
    id: String,
    span: Range<usize>,
    line: usize,
    column: usize,
    known: bool,
    suggestion: Option<String>,
    used: bool,
}

/// One directive, with the 0-based line it silences.
#[derive(Debug, Clone)]
struct Directive {
    span: Range<usize>,
    line: usize,
    column: usize,
    target: Option<usize>,
    /// Empty: every rule.
    rules: Vec<Named>,
    used: bool,
}

/// The suppressions of one document, and which of them silenced a finding.
#[derive(Debug, Clone, Default)]
pub struct Suppressions {
    directives: Vec<Directive>,
    /// `(target line, directive)`, sorted.
    by_target: Vec<(usize, usize)>,
    lines: LineIndex,
}

/// A directive, or one rule id in it, that silenced no finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnusedSuppression {
    /// Byte span of the rule id, or of the whole directive when it names no rule.
    pub start: usize,
    pub end: usize,
    /// 1-based line and column (in characters) of `start`.
    pub line: usize,
    pub column: usize,
    /// The rule id; `None` for a directive that names no rule.
    pub rule: Option<String>,
    /// The 1-based line the directive silences; `None` when no line follows it.
    pub target_line: Option<usize>,
}

/// A rule id in a directive that the rule set does not have.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidSuppression {
    /// Byte span of the rule id.
    pub start: usize,
    pub end: usize,
    /// 1-based line and column (in characters) of `start`.
    pub line: usize,
    pub column: usize,
    pub rule: String,
    /// The closest known rule id, if one is close.
    pub suggestion: Option<String>,
}

impl Suppressions {
    /// The directives of a document's original `text`. Never fails: a directive with an
    /// unknown rule id is kept, and reported by [`Suppressions::invalid`].
    pub fn parse(text: &str, format: Format, rules: &RuleIds) -> Suppressions {
        let found = directives::find(text, format);
        if found.is_empty() {
            return Suppressions::default();
        }
        let lines = LineIndex::new(text);
        let targets = targets(text, &lines, &found);
        let directives: Vec<Directive> = found
            .into_iter()
            .zip(targets)
            .map(|(f, target)| directive(text, &lines, rules, f, target))
            .collect();
        let mut by_target: Vec<(usize, usize)> = directives
            .iter()
            .enumerate()
            .filter_map(|(i, d)| Some((d.target?, i)))
            .collect();
        by_target.sort_unstable();
        Suppressions {
            directives,
            by_target,
            lines,
        }
    }

    /// True when the document has no directive.
    pub fn is_empty(&self) -> bool {
        self.directives.is_empty()
    }

    /// The findings that no directive silences, in their order. Remembers which directives
    /// were used, for [`Suppressions::unused`].
    pub fn apply(&mut self, findings: Vec<Finding>) -> Vec<Finding> {
        if self.directives.is_empty() {
            return findings;
        }
        findings.into_iter().filter(|f| !self.silences(f)).collect()
    }

    fn silences(&mut self, finding: &Finding) -> bool {
        let Some(primary) = finding.labels.first() else {
            return false;
        };
        let line = self.lines.line_of(primary.start);
        let from = self.by_target.partition_point(|&(t, _)| t < line);
        let mut silenced = false;
        for &(target, i) in &self.by_target[from..] {
            if target != line {
                break;
            }
            let directive = &mut self.directives[i];
            if directive.rules.is_empty() {
                directive.used = true;
                silenced = true;
            }
            for named in directive.rules.iter_mut().filter(|n| n.id == finding.rule) {
                named.used = true;
                silenced = true;
            }
        }
        silenced
    }

    /// What silenced nothing in the findings given to [`Suppressions::apply`] so far: each
    /// known rule id that matched no finding, and each directive naming no rule that matched
    /// none. Unknown ids are reported by [`Suppressions::invalid`] instead.
    pub fn unused(&self) -> Vec<UnusedSuppression> {
        let mut unused = Vec::new();
        for d in &self.directives {
            let target_line = d.target.map(|t| t + 1);
            if d.rules.is_empty() && !d.used {
                unused.push(UnusedSuppression {
                    start: d.span.start,
                    end: d.span.end,
                    line: d.line,
                    column: d.column,
                    rule: None,
                    target_line,
                });
            }
            for n in d.rules.iter().filter(|n| n.known && !n.used) {
                unused.push(UnusedSuppression {
                    start: n.span.start,
                    end: n.span.end,
                    line: n.line,
                    column: n.column,
                    rule: Some(n.id.clone()),
                    target_line,
                });
            }
        }
        unused
    }

    /// The rule ids that the rule set does not have.
    pub fn invalid(&self) -> Vec<InvalidSuppression> {
        let named = self.directives.iter().flat_map(|d| &d.rules);
        named
            .filter(|n| !n.known)
            .map(|n| InvalidSuppression {
                start: n.span.start,
                end: n.span.end,
                line: n.line,
                column: n.column,
                rule: n.id.clone(),
                suggestion: n.suggestion.clone(),
            })
            .collect()
    }
}

fn directive(
    text: &str,
    lines: &LineIndex,
    rules: &RuleIds,
    found: Found,
    target: Option<usize>,
) -> Directive {
    let (line, column) = lines.line_column(text, found.span.start);
    let named = found
        .ids
        .into_iter()
        .map(|span| {
            let id = text.get(span.clone()).unwrap_or_default().to_string();
            let (line, column) = lines.line_column(text, span.start);
            let known = rules.contains(&id);
            let suggestion = if known {
                None
            } else {
                rules.closest(&id).map(str::to_string)
            };
            Named {
                id,
                span,
                line,
                column,
                known,
                suggestion,
                used: false,
            }
        })
        .collect();
    Directive {
        span: found.span,
        line,
        column,
        target,
        rules: named,
        used: false,
    }
}

/// The 0-based line each directive silences. One backward pass over the lines from the first
/// directive on, so a long run of directive lines costs no more than its length.
fn targets(text: &str, lines: &LineIndex, found: &[Found]) -> Vec<Option<usize>> {
    let directive_only = directive_only_lines(text, lines, found);
    // Directives come in text order, so their lines do not decrease.
    let at: Vec<usize> = found.iter().map(|f| lines.line_of(f.span.start)).collect();
    let Some(&first) = at.first() else {
        return Vec::new();
    };
    // The first line after each directive's line with more than white space and directives.
    let mut next_content = vec![None; found.len()];
    let mut next = None;
    let mut pending = found.len();
    for l in (first..lines.len()).rev() {
        while pending > 0 && at[pending - 1] >= l {
            pending -= 1;
            next_content[pending] = next;
        }
        let is_content =
            !lines.line(text, l).trim().is_empty() && directive_only.binary_search(&l).is_err();
        if is_content {
            next = Some(l);
        }
    }
    found
        .iter()
        .zip(at)
        .zip(next_content)
        .map(|((f, line), next)| match f.reach {
            Reach::Line => Some(line),
            Reach::NextLine => next,
        })
        .collect()
}

/// The 0-based lines that hold nothing but directives and white space, sorted.
fn directive_only_lines(text: &str, lines: &LineIndex, found: &[Found]) -> Vec<usize> {
    let mut only = Vec::new();
    let mut i = 0;
    while i < found.len() {
        let line = lines.line_of(found[i].span.start);
        let start = lines.start(line);
        let mut rest = String::new();
        let mut at = start;
        while i < found.len() && lines.line_of(found[i].span.start) == line {
            rest.push_str(text.get(at..found[i].span.start).unwrap_or_default());
            at = found[i].span.end;
            i += 1;
        }
        let end = start + lines.line(text, line).len();
        rest.push_str(text.get(at..end.max(at)).unwrap_or_default());
        if rest.trim().is_empty() {
            only.push(line);
        }
    }
    only
}

impl UnusedSuppression {
    /// As a warning of the pseudo-rule `unused-suppression`, so every output format shows it.
    pub fn to_finding(&self) -> Finding {
        let message = match (&self.rule, self.target_line) {
            (_, None) => "unused suppression: no line follows it".to_string(),
            (Some(rule), Some(line)) => {
                format!("unused suppression: `{rule}` reports nothing on line {line}")
            }
            (None, Some(line)) => format!("unused suppression: nothing is reported on line {line}"),
        };
        Finding {
            rule: UNUSED_SUPPRESSION.to_string(),
            severity: Severity::Warning,
            message,
            labels: vec![Label {
                start: self.start,
                end: self.end,
                label: "silences nothing".to_string(),
            }],
            help: Some(
                "remove it; if a finding should be silenced, check the rule id and the line"
                    .to_string(),
            ),
            origin: None,
        }
    }
}

impl InvalidSuppression {
    /// As a warning of the pseudo-rule `invalid-suppression`.
    pub fn to_finding(&self) -> Finding {
        let help = match &self.suggestion {
            Some(s) => format!("did you mean `{s}`?"),
            None => "a rule id is the name after `rule` in a rule file".to_string(),
        };
        Finding {
            rule: INVALID_SUPPRESSION.to_string(),
            severity: Severity::Warning,
            message: format!("unknown rule `{}` in a suppression", self.rule),
            labels: vec![Label {
                start: self.start,
                end: self.end,
                label: "no such rule".to_string(),
            }],
            help: Some(help),
            origin: None,
        }
    }
}

#[cfg(test)]
#[path = "suppress_tests.rs"]
mod tests;
