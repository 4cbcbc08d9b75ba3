//! Findings for people (miette diagnostics) and machines (JSON, see `docs/report-json.md`).

use std::fmt::Write as _;
use std::time::Duration;

use miette::{Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, SourceCode};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use super::excerpt::Excerpt;
use crate::eval::finding::{Finding, Severity};

/// The version of the report format; bumped on any incompatible change.
pub const REPORT_VERSION: u32 = 1;

/// One label as written to JSON: byte offsets, and line and column (1-based, in characters)
/// computed from the original text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JsonLabel {
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub column: usize,
    /// The document's own words under the label.
    pub text: String,
    /// What the words are in the finding.
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JsonFinding {
    pub rule: String,
    pub severity: Severity,
    pub message: String,
    pub labels: Vec<JsonLabel>,
    pub help: Option<String>,
}

/// A record's `id` exactly as it was written in the input (`1.50` stays `1.50`), so that
/// results join back to their rows.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(transparent)]
pub struct RecordId(pub Box<RawValue>);

impl RecordId {
    /// The id as JSON text.
    pub fn get(&self) -> &str {
        self.0.get()
    }

    /// `null`: the id of a record that has none, or could not be read far enough to find it.
    pub fn null() -> Self {
        RecordId(RawValue::NULL.to_owned())
    }
}

impl PartialEq for RecordId {
    fn eq(&self, other: &Self) -> bool {
        self.get() == other.get()
    }
}

impl Eq for RecordId {}

/// One file of the report: its findings, or why it could not be checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JsonFile {
    /// The id of the record the text came from, echoed back (`null` for a record with no
    /// valid id); absent for files.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<RecordId>,
    /// The record's 1-based line number in its input; absent for files.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record: Option<u64>,
    pub path: String,
    pub findings: Vec<JsonFinding>,
    pub error: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    pub files: usize,
    pub files_with_errors: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// With `--baseline`: the findings it held, which are not reported.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baselined: Option<usize>,
    /// With `--baseline`: its entries for the files checked that matched no finding.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fixed: Option<usize>,
    pub elapsed_ms: u64,
}

impl Summary {
    pub fn add(&mut self, findings: &[Finding], failed: bool) {
        self.files += 1;
        self.files_with_errors += usize::from(failed);
        for f in findings {
            match f.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
                Severity::Info => self.infos += 1,
            }
        }
    }

    /// "3 files checked: 1 error, 2 warnings, 0 infos in 12 ms".
    pub fn line(&self, elapsed: Duration) -> String {
        let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
        let mut line = format!(
            "{} checked: {}, {}, {}",
            plural(self.files, "file"),
            plural(self.errors, "error"),
            plural(self.warnings, "warning"),
            plural(self.infos, "info"),
        );
        if self.files_with_errors > 0 {
            let _ = write!(
                line,
                "; {} could not be read",
                plural(self.files_with_errors, "file")
            );
        }
        if let (Some(baselined), Some(fixed)) = (self.baselined, self.fixed) {
            let _ = write!(line, "; {baselined} baselined, {fixed} fixed");
        }
        let _ = write!(line, " in {} ms", elapsed.as_millis());
        line
    }
}

/// `{"version":1,"files":[...],"summary":{...}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JsonReport {
    pub version: u32,
    pub files: Vec<JsonFile>,
    pub summary: Summary,
}

/// Line and column (1-based; the column counts characters) of a byte offset.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(text, offset.min(text.len()));
    let before = &text[..offset];
    let line = before.bytes().filter(|b| *b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// A file's findings for JSON, with lines, columns and the words under each label.
pub fn json_file(path: &str, text: &str, findings: &[Finding], error: Option<String>) -> JsonFile {
    // A long report may have many findings: its lines are found once.
    let lines = super::position::LineIndex::new(text);
    let findings = findings
        .iter()
        .map(|f| JsonFinding {
            rule: f.rule.clone(),
            severity: f.severity,
            message: f.message.clone(),
            help: f.help.clone(),
            labels: f
                .labels
                .iter()
                .map(|l| {
                    let super::position::Position { line, column } = lines.position(l.start);
                    let words = text.get(l.start..l.end).unwrap_or_default().to_string();
                    JsonLabel {
                        start: l.start,
                        end: l.end,
                        line,
                        column,
                        text: words,
                        label: l.label.clone(),
                    }
                })
                .collect(),
        })
        .collect();
    JsonFile {
        id: None,
        record: None,
        path: path.to_string(),
        findings,
        error,
    }
}

/// A finding as a miette diagnostic over the document's text.
#[derive(Debug)]
struct FindingDiagnostic<'a> {
    finding: &'a Finding,
    source: Excerpt<'a>,
}

impl std::fmt::Display for FindingDiagnostic<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.finding.message)
    }
}

impl std::error::Error for FindingDiagnostic<'_> {}

impl Diagnostic for FindingDiagnostic<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn std::fmt::Display + 'b>> {
        Some(Box::new(&self.finding.rule))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.finding.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn std::fmt::Display + 'b>> {
        let origin = self
            .finding
            .origin
            .as_ref()
            .map(|o| format!("rule defined at {}:{}", o.file, o.line));
        let text = match (&self.finding.help, origin) {
            (Some(h), Some(o)) => format!("{h}\n{o}"),
            (Some(h), None) => h.clone(),
            (None, Some(o)) => o,
            (None, None) => return None,
        };
        Some(Box::new(text))
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(self.finding.labels.iter().map(|l| {
            LabeledSpan::new(
                Some(l.label.clone()),
                l.start,
                l.end.saturating_sub(l.start),
            )
        })))
    }
}

/// How human output looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    pub color: bool,
    pub unicode: bool,
    pub width: usize,
}

impl Default for Style {
    fn default() -> Self {
        Style {
            color: false,
            unicode: true,
            width: 100,
        }
    }
}

/// The findings of one file as people read them: one miette report each.
pub fn render_human(path: &str, text: &str, findings: &[Finding], style: Style) -> String {
    let theme = match (style.color, style.unicode) {
        (true, true) => GraphicalTheme::unicode(),
        (false, true) => GraphicalTheme::unicode_nocolor(),
        (_, false) => GraphicalTheme::none(),
    };
    let handler = GraphicalReportHandler::new_themed(theme).with_width(style.width);
    let mut out = String::new();
    for finding in findings {
        let diagnostic = FindingDiagnostic {
            finding,
            // Lines far wider than the report (a paragraph on one line) are cut around the
            // labelled words.
            source: Excerpt::new(path, text, (style.width * 3 / 2).max(120)),
        };
        let _ = handler.render_report(&mut out, &diagnostic);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::finding::Label;

    fn finding() -> Finding {
        Finding {
            rule: "part-exceeds-whole".into(),
            severity: Severity::Error,
            message: "a part (1,100 arrests) is larger than its whole (1,027 arrests)".into(),
            labels: vec![
                Label {
                    start: 12,
                    end: 17,
                    label: "whole: 1,027 arrests".into(),
                },
                Label {
                    start: 37,
                    end: 42,
                    label: "part: 1,100 arrests".into(),
                },
            ],
            help: Some("check both figures".into()),
            origin: None,
        }
    }

    #[test]
    fn lines_and_columns_count_characters() {
        let text = "ab\ncé 12\n";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 3), (2, 1));
        assert_eq!(line_column(text, 7), (2, 4));
        assert_eq!(line_column(text, 999), (3, 1));
    }

    #[test]
    fn json_labels_carry_the_words() {
        let text = "Police made 1,027 arrests. Of these, 1,100 were in Malta.";
        let file = json_file("a.txt", text, &[finding()], None);
        assert_eq!(file.findings[0].labels[0].text, "1,027");
        assert_eq!(file.findings[0].labels[1].text, "1,100");
        assert_eq!(file.findings[0].labels[1].column, 38);
    }

    #[test]
    fn human_output_names_rule_and_words() {
        let text = "Police made 1,027 arrests. Of these, 1,100 were in Malta.";
        let out = render_human(
            "a.txt",
            text,
            &[finding()],
            Style {
                color: false,
                unicode: false,
                width: 80,
            },
        );
        assert!(out.contains("part-exceeds-whole"), "{out}");
        assert!(out.contains("whole: 1,027 arrests"), "{out}");
        assert!(out.contains("a.txt:1:13"), "{out}");
    }

    #[test]
    fn summary_line() {
        let mut summary = Summary::default();
        summary.add(&[finding()], false);
        summary.add(&[], true);
        assert_eq!(
            summary.line(Duration::from_millis(7)),
            "2 files checked: 1 error, 0 warnings, 0 infos; 1 file could not be read in 7 ms"
        );
        summary.baselined = Some(3);
        summary.fixed = Some(0);
        assert_eq!(
            summary.line(Duration::from_millis(7)),
            "2 files checked: 1 error, 0 warnings, 0 infos; 1 file could not be read; \
             3 baselined, 0 fixed in 7 ms"
        );
    }
}
