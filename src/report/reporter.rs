//! One streaming interface for every output format of `factlint check`.
//!
//! The command picks a [`ReportFormat`], builds its [`Reporter`] with [`reporter`], hands it
//! each checked file in output order and then the summary. Formats that are one document
//! (json, sarif, junit) keep a small record per file (never its text) until
//! [`Reporter::finish`]; the others (human, jsonl, github) write each file as it comes.
//!
//! ```
//! use factlint::report::findings::Summary;
//! use factlint::report::reporter::{FileResult, ReportFormat, ReportSetup, reporter};
//!
//! let mut out = Vec::new();
//! let mut report = reporter(ReportFormat::Jsonl, ReportSetup::default());
//! let file = FileResult::new("a.txt", "No figures here.", &[]);
//! report.file(&mut out, &file).unwrap();
//! report.finish(&mut out, &Summary::default()).unwrap();
//! assert_eq!(
//!     String::from_utf8(out).unwrap(),
//!     "{\"path\":\"a.txt\",\"findings\":[],\"error\":null}\n"
//! );
//! ```

use std::io::{self, Write};
use std::time::Duration;

use serde::{Deserialize, Serialize};

use serde_json::value::RawValue;

use super::findings::{
    JsonFile, JsonReport, REPORT_VERSION, RecordId, Style, Summary, json_file, render_human,
};
use crate::eval::finding::{Finding, Severity};
use crate::rules::checked::{self, RuleSet};
use crate::triage::{INVALID_SUPPRESSION, PSEUDO_RULES, UNUSED_SUPPRESSION};

/// The output formats of `factlint check`.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, clap::ValueEnum,
)]
#[serde(rename_all = "lowercase")]
pub enum ReportFormat {
    /// Diagnostics for people, grouped by file, then a summary line on stderr.
    #[default]
    Human,
    /// One JSON document: {"version":1,"files":[...],"summary":{...}} (docs/report-json.md).
    Json,
    /// One JSON object per file and line, written as each file is done.
    Jsonl,
    /// SARIF 2.1.0, for code scanning (docs/report-formats.md).
    Sarif,
    /// GitHub Actions workflow commands: one annotation per finding.
    Github,
    /// JUnit XML: one test case per file.
    Junit,
}

impl ReportFormat {
    pub const ALL: [ReportFormat; 6] = [
        ReportFormat::Human,
        ReportFormat::Json,
        ReportFormat::Jsonl,
        ReportFormat::Sarif,
        ReportFormat::Github,
        ReportFormat::Junit,
    ];

    /// Whether the format writes each file as it comes (human, jsonl, github), rather than one
    /// document at the end.
    pub fn streams(self) -> bool {
        matches!(
            self,
            ReportFormat::Human | ReportFormat::Jsonl | ReportFormat::Github
        )
    }

    /// The name given to `--format`.
    pub fn name(self) -> &'static str {
        match self {
            ReportFormat::Human => "human",
            ReportFormat::Json => "json",
            ReportFormat::Jsonl => "jsonl",
            ReportFormat::Sarif => "sarif",
            ReportFormat::Github => "github",
            ReportFormat::Junit => "junit",
        }
    }
}

/// One checked file, as a reporter sees it.
#[derive(Clone, Copy, Debug)]
pub struct FileResult<'a> {
    /// The path as given or found by the walk; `-` for stdin.
    pub path: &'a str,
    /// The record id when the text came from a JSON Lines record, as written there; echoed
    /// back.
    pub id: Option<&'a RawValue>,
    /// The record's 1-based line number when the text came from a JSON Lines record.
    pub record: Option<u64>,
    /// The original text, which every finding's offsets point into.
    pub text: &'a str,
    pub findings: &'a [Finding],
    /// Things worth telling that are not errors, such as an empty file.
    pub notes: &'a [String],
    /// Why the file could not be read or checked.
    pub error: Option<&'a str>,
}

impl<'a> FileResult<'a> {
    /// A file that was read and checked, with no id and no notes.
    pub fn new(path: &'a str, text: &'a str, findings: &'a [Finding]) -> Self {
        FileResult {
            path,
            id: None,
            record: None,
            text,
            findings,
            notes: &[],
            error: None,
        }
    }

    /// A file that could not be read.
    pub fn unreadable(path: &'a str, error: &'a str) -> Self {
        FileResult {
            path,
            id: None,
            record: None,
            text: "",
            findings: &[],
            notes: &[],
            error: Some(error),
        }
    }
}

/// Writes the report of one run in one format.
pub trait Reporter: Send {
    /// Called once per file, in output order.
    fn file(&mut self, out: &mut dyn Write, file: &FileResult<'_>) -> io::Result<()>;
    /// Called once, after the last file.
    fn finish(&mut self, out: &mut dyn Write, summary: &Summary) -> io::Result<()>;
}

/// What a report says about a rule (SARIF lists every rule of the run).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleMeta {
    pub id: String,
    pub severity: Severity,
    /// The `///` documentation.
    pub doc: Option<String>,
    pub help: Option<String>,
    pub tags: Vec<String>,
}

impl RuleMeta {
    pub fn of_rule(rule: &checked::Rule) -> Self {
        RuleMeta {
            id: rule.id.clone(),
            severity: rule.severity,
            doc: rule.doc.clone(),
            help: rule.help.clone(),
            tags: rule.tags.clone(),
        }
    }

    /// Every rule of the set, in its order.
    pub fn of_rule_set(rules: &RuleSet) -> Vec<Self> {
        rules.rules.iter().map(RuleMeta::of_rule).collect()
    }

    /// The pseudo-rules of suppressions (`invalid-suppression`, `unused-suppression`), which
    /// any run may report: warnings, documented in `docs/suppressions-and-baselines.md`.
    pub fn pseudo_rules() -> Vec<Self> {
        PSEUDO_RULES
            .iter()
            .map(|(id, doc)| RuleMeta {
                id: id.to_string(),
                severity: Severity::Warning,
                doc: Some(doc.to_string()),
                help: Some(pseudo_rule_help(id).to_string()),
                tags: vec!["suppression".to_string()],
            })
            .collect()
    }
}

fn pseudo_rule_help(id: &str) -> &'static str {
    match id {
        UNUSED_SUPPRESSION => {
            "Remove the comment; if a finding should be silenced, check the rule id and the line"
        }
        INVALID_SUPPRESSION => "Name a rule of the rule set: the name after `rule` in a rule file",
        _ => "See docs/suppressions-and-baselines.md",
    }
}

/// What the formats need besides the files.
#[derive(Clone, Debug, Default)]
pub struct ReportSetup {
    /// How human output looks.
    pub style: Style,
    /// The rules of the run, for formats that describe them.
    pub rules: Vec<RuleMeta>,
    /// No summary line (`--quiet`).
    pub quiet: bool,
}

impl ReportSetup {
    /// The rules of `rules` and the pseudo-rules of suppressions.
    pub fn new(rules: &RuleSet, style: Style) -> Self {
        let mut metas = RuleMeta::of_rule_set(rules);
        metas.extend(RuleMeta::pseudo_rules());
        ReportSetup {
            style,
            rules: metas,
            quiet: false,
        }
    }
}

/// The reporter of a format. Human output writes its summary line on stderr, unless quiet.
pub fn reporter(format: ReportFormat, setup: ReportSetup) -> Box<dyn Reporter> {
    match format {
        ReportFormat::Human => {
            let status: Box<dyn Write + Send> = if setup.quiet {
                Box::new(io::sink())
            } else {
                Box::new(io::stderr())
            };
            Box::new(HumanReporter::new(setup.style, status))
        }
        ReportFormat::Json => Box::new(JsonReporter::default()),
        ReportFormat::Jsonl => Box::new(JsonlReporter),
        ReportFormat::Sarif => Box::new(super::sarif::SarifReporter::new(setup.rules)),
        ReportFormat::Github => Box::new(super::github::GithubReporter),
        ReportFormat::Junit => Box::new(super::junit::JunitReporter::default()),
    }
}

/// miette diagnostics per file, then the summary line on a second stream (stderr).
pub struct HumanReporter {
    style: Style,
    status: Box<dyn Write + Send>,
}

impl HumanReporter {
    pub fn new(style: Style, status: Box<dyn Write + Send>) -> Self {
        HumanReporter { style, status }
    }
}

impl Reporter for HumanReporter {
    fn file(&mut self, out: &mut dyn Write, file: &FileResult<'_>) -> io::Result<()> {
        let rendered = render_human(file.path, file.text, file.findings, self.style);
        out.write_all(rendered.as_bytes())
    }

    fn finish(&mut self, _out: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        let elapsed = Duration::from_millis(summary.elapsed_ms);
        writeln!(self.status, "{}", summary.line(elapsed))
    }
}

/// The file object of the JSON report, with the record id when there is one.
fn json_file_of(file: &FileResult<'_>) -> JsonFile {
    let mut json = json_file(
        file.path,
        file.text,
        file.findings,
        file.error.map(str::to_string),
    );
    json.record = file.record;
    json.id = match (file.id, file.record) {
        (Some(id), _) => Some(RecordId(id.to_owned())),
        // A record without a valid id still says so, so that every line of record output has
        // the same keys.
        (None, Some(_)) => Some(RecordId::null()),
        (None, None) => None,
    };
    json
}

/// `{"version":1,"files":[...],"summary":{...}}`, written at the end.
#[derive(Debug, Default)]
pub struct JsonReporter {
    files: Vec<JsonFile>,
}

impl Reporter for JsonReporter {
    fn file(&mut self, _out: &mut dyn Write, file: &FileResult<'_>) -> io::Result<()> {
        self.files.push(json_file_of(file));
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        let report = JsonReport {
            version: REPORT_VERSION,
            files: std::mem::take(&mut self.files),
            summary: summary.clone(),
        };
        serde_json::to_writer_pretty(&mut *out, &report).map_err(io::Error::other)?;
        writeln!(out)
    }
}

/// One JSON file object per line, as each file is done; no summary line, so that every line
/// is the result of one input (a record piped through factlint gives back one line).
#[derive(Debug, Default)]
pub struct JsonlReporter;

impl Reporter for JsonlReporter {
    fn file(&mut self, out: &mut dyn Write, file: &FileResult<'_>) -> io::Result<()> {
        serde_json::to_writer(&mut *out, &json_file_of(file)).map_err(io::Error::other)?;
        writeln!(out)
    }

    fn finish(&mut self, _out: &mut dyn Write, _summary: &Summary) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::sample::{self, SharedBuffer};

    fn plain() -> Style {
        Style {
            color: false,
            unicode: false,
            width: 80,
        }
    }

    #[test]
    fn human_output_is_the_diagnostics_then_the_summary_on_the_second_stream() {
        let status = SharedBuffer::default();
        let mut human = HumanReporter::new(plain(), Box::new(status.clone()));
        let out = sample::run(&mut human);
        let expected = render_human(
            "reports/a b/ü.txt",
            sample::ARTICLE,
            &sample::article_findings(),
            plain(),
        ) + &render_human("-", sample::STDIN, &sample::stdin_findings(), plain());
        assert_eq!(out, expected);
        assert_eq!(
            status.text(),
            "4 files checked: 1 error, 1 warning, 1 info; 1 file could not be read in 12 ms\n"
        );
        insta::assert_snapshot!("human", out);
    }

    #[test]
    fn json_output_is_one_document_with_the_summary() {
        let out = sample::run(&mut JsonReporter::default());
        let report: JsonReport = serde_json::from_str(&out).expect("the report is JSON");
        assert_eq!(report.version, REPORT_VERSION);
        assert_eq!(report.summary, sample::summary());
        assert_eq!(
            report.files[0],
            json_file(
                "reports/a b/ü.txt",
                sample::ARTICLE,
                &sample::article_findings(),
                None
            )
        );
        assert!(!out.contains("\"id\""), "no id key without records: {out}");
        insta::assert_snapshot!("json", out);
    }

    #[test]
    fn jsonl_output_is_one_file_object_per_line_and_no_summary() {
        let out = sample::run(&mut JsonlReporter);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 4);
        for line in &lines {
            let file: JsonFile = serde_json::from_str(line).expect("each line is JSON");
            assert!(file.id.is_none());
        }
        insta::assert_snapshot!("jsonl", out);
    }

    #[test]
    fn jsonl_echoes_the_record_id_and_number_first() {
        let id = RawValue::from_string("\"ap-2014-0917\"".into()).unwrap();
        let file = FileResult {
            id: Some(&id),
            record: Some(17),
            ..FileResult::unreadable("records.jsonl#17", "record 17 has no text")
        };
        let mut out = Vec::new();
        JsonlReporter.file(&mut out, &file).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "{\"id\":\"ap-2014-0917\",\"record\":17,\"path\":\"records.jsonl#17\",\"findings\":[],\"error\":\"record 17 has no text\"}\n"
        );
    }

    #[test]
    fn a_record_id_is_echoed_as_written_and_a_missing_one_is_null() {
        let id = RawValue::from_string("1.50".into()).unwrap();
        let with_id = FileResult {
            id: Some(&id),
            record: Some(1),
            ..FileResult::new("-#1", "", &[])
        };
        let without = FileResult {
            record: Some(2),
            ..FileResult::new("-#2", "", &[])
        };
        let mut out = Vec::new();
        for file in [with_id, without] {
            JsonlReporter.file(&mut out, &file).unwrap();
        }
        let out = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = out.lines().collect();
        assert!(lines[0].starts_with("{\"id\":1.50,\"record\":1,"), "{out}");
        assert!(lines[1].starts_with("{\"id\":null,\"record\":2,"), "{out}");
        let parsed: JsonFile = serde_json::from_str(lines[0]).unwrap();
        assert_eq!(
            parsed.id.map(|id| id.get().to_string()).as_deref(),
            Some("1.50")
        );
    }

    #[test]
    fn every_format_has_a_reporter_and_a_name() {
        for format in ReportFormat::ALL {
            let setup = ReportSetup {
                style: plain(),
                rules: sample::rules(),
                quiet: false,
            };
            let mut report = reporter(format, setup);
            let out = sample::run(report.as_mut());
            // Human output writes its summary on stderr; every other format says something
            // about the unreadable file on stdout.
            assert_eq!(
                out.contains("missing.txt"),
                format != ReportFormat::Human,
                "{}",
                format.name()
            );
            let parsed: ReportFormat =
                serde_json::from_value(serde_json::json!(format.name())).unwrap();
            assert_eq!(parsed, format);
        }
    }
}
