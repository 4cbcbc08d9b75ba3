//! JUnit XML: one test suite with one test case per file (docs/report-formats.md).
//!
//! A file with a finding at error level fails; a file that could not be read is an error.
//! The counts stand in the suite's attributes, so each file is kept as a small record (its
//! findings rendered as text, never the file's text) and the document is written at the end.
//! Characters that XML 1.0 cannot carry at all (most control characters) are replaced by
//! U+FFFD; everything else is escaped so that a parser gives back the very text, line breaks
//! and tabs in attributes included.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::{self, Write};
use std::path::Path;

use quick_xml::Writer;
use quick_xml::events::attributes::Attribute;
use quick_xml::events::{BytesDecl, BytesText, Event};
use quick_xml::name::QName;

use super::findings::Summary;
use super::position::LineIndex;
use super::reporter::{FileResult, Reporter};
use crate::eval::finding::{Finding, Severity};

/// Collects one test case per file and writes the suite at the end.
#[derive(Debug, Default)]
pub struct JunitReporter {
    cases: Vec<TestCase>,
}

#[derive(Debug)]
struct TestCase {
    name: String,
    classname: String,
    outcome: Outcome,
}

#[derive(Debug)]
enum Outcome {
    /// Read and checked; findings below error level, if any, as text.
    Passed { output: Option<String> },
    /// At least one finding at error level.
    Failed {
        message: String,
        rule: String,
        text: String,
    },
    /// The file could not be read.
    Error { message: String },
}

impl Reporter for JunitReporter {
    fn file(&mut self, _out: &mut dyn Write, file: &FileResult<'_>) -> io::Result<()> {
        let outcome = if let Some(error) = file.error {
            Outcome::Error {
                message: error.to_string(),
            }
        } else {
            let text = findings_text(file);
            let errors: Vec<&Finding> = file
                .findings
                .iter()
                .filter(|f| f.severity == Severity::Error)
                .collect();
            match errors.as_slice() {
                [] => Outcome::Passed {
                    output: (!text.is_empty()).then_some(text),
                },
                [first, rest @ ..] => Outcome::Failed {
                    message: match rest.len() {
                        0 => first.message.clone(),
                        more => format!("{} (and {more} more)", first.message),
                    },
                    rule: first.rule.clone(),
                    text,
                },
            }
        };
        self.cases.push(TestCase {
            name: file.path.to_string(),
            classname: classname(file.path),
            outcome,
        });
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        let count = |f: fn(&Outcome) -> bool| {
            self.cases
                .iter()
                .filter(|c| f(&c.outcome))
                .count()
                .to_string()
        };
        let tests = self.cases.len().to_string();
        let failures = count(|o| matches!(o, Outcome::Failed { .. }));
        let errors = count(|o| matches!(o, Outcome::Error { .. }));
        let time = format!("{:.3}", summary.elapsed_ms as f64 / 1000.0);
        let mut writer = Writer::new_with_indent(out, b' ', 2);
        writer.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
        let totals = [
            ("tests", tests.as_str()),
            ("failures", failures.as_str()),
            ("errors", errors.as_str()),
            ("time", time.as_str()),
        ];
        writer
            .create_element("testsuites")
            .with_attribute(("name", "factlint"))
            .with_attributes(totals)
            .write_inner_content(|w| {
                w.create_element("testsuite")
                    .with_attribute(("name", "factlint"))
                    .with_attributes(totals)
                    .with_attribute(("skipped", "0"))
                    .write_inner_content(|w| {
                        for case in &self.cases {
                            write_case(w, case)?;
                        }
                        Ok(())
                    })?;
                Ok(())
            })?;
        writeln!(writer.get_mut())
    }
}

fn write_case<W: Write>(w: &mut Writer<W>, case: &TestCase) -> io::Result<()> {
    let element = w
        .create_element("testcase")
        .with_attribute(attribute("name", &case.name))
        .with_attribute(attribute("classname", &case.classname))
        .with_attribute(attribute("file", &case.name));
    match &case.outcome {
        Outcome::Passed { output: None } => {
            element.write_empty()?;
        }
        Outcome::Passed {
            output: Some(output),
        } => {
            element.write_inner_content(|w| {
                w.create_element("system-out")
                    .write_text_content(text(output))?;
                Ok(())
            })?;
        }
        Outcome::Failed {
            message,
            rule,
            text: findings,
        } => {
            element.write_inner_content(|w| {
                w.create_element("failure")
                    .with_attribute(attribute("message", message))
                    .with_attribute(attribute("type", rule))
                    .write_text_content(text(findings))?;
                Ok(())
            })?;
        }
        Outcome::Error { message } => {
            element.write_inner_content(|w| {
                w.create_element("error")
                    .with_attribute(attribute("message", message))
                    .with_attribute(("type", "unreadable"))
                    .write_empty()?;
                Ok(())
            })?;
        }
    }
    Ok(())
}

fn attribute<'a>(key: &'a str, value: &str) -> Attribute<'a> {
    Attribute {
        key: QName(key.as_bytes()),
        value: Cow::Owned(escape(value, true).into_bytes()),
    }
}

fn text(content: &str) -> BytesText<'static> {
    BytesText::from_escaped(escape(content, false))
}

/// `PATH:LINE:COLUMN: SEVERITY[RULE]: MESSAGE` per finding, each label indented below it.
fn findings_text(file: &FileResult<'_>) -> String {
    let mut text = String::new();
    if file.findings.is_empty() {
        return text;
    }
    let index = LineIndex::new(file.text);
    for finding in file.findings {
        let _ = write!(text, "{}", file.path);
        if let Some(label) = finding.labels.first() {
            let start = index.position(label.start);
            let _ = write!(text, ":{}:{}", start.line, start.column);
        }
        let _ = writeln!(
            text,
            ": {}[{}]: {}",
            finding.severity, finding.rule, finding.message
        );
        for label in &finding.labels {
            let start = index.position(label.start);
            let _ = writeln!(text, "  {}:{}: {}", start.line, start.column, label.label);
        }
        if let Some(help) = &finding.help {
            let _ = writeln!(text, "  help: {help}");
        }
    }
    text
}

/// The folder of the path, which groups test cases in JUnit viewers; `.` when it has none.
fn classname(path: &str) -> String {
    match Path::new(path).parent().map(|p| p.to_string_lossy()) {
        Some(parent) if !parent.is_empty() => parent.into_owned(),
        _ => ".".to_string(),
    }
}

/// The text escaped for XML, with every character that XML 1.0 forbids replaced by U+FFFD.
/// CR is escaped everywhere (a parser would read it as LF); in an attribute, LF and tab too (a
/// parser would read them as spaces).
pub fn escape(text: &str, in_attribute: bool) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&apos;"),
            '\r' => escaped.push_str("&#13;"),
            '\n' if in_attribute => escaped.push_str("&#10;"),
            '\t' if in_attribute => escaped.push_str("&#9;"),
            '\t' | '\n' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'.. => {
                escaped.push(c)
            }
            _ => escaped.push('\u{FFFD}'),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::sample;

    #[test]
    fn the_sample_run_as_junit() {
        let out = sample::run(&mut JunitReporter::default());
        let xml = roxmltree::Document::parse(&out).expect("well-formed XML");
        let suite = xml
            .descendants()
            .find(|n| n.has_tag_name("testsuite"))
            .unwrap();
        assert_eq!(suite.attribute("tests"), Some("4"));
        assert_eq!(suite.attribute("failures"), Some("1"));
        assert_eq!(suite.attribute("errors"), Some("1"));
        insta::assert_snapshot!("junit", out);
    }

    #[test]
    fn escaping_keeps_the_text_and_drops_what_xml_cannot_carry() {
        assert_eq!(escape("a<b&\"c'>", false), "a&lt;b&amp;&quot;c&apos;&gt;");
        assert_eq!(
            escape("a\u{1}b\u{FFFE}\t\n\r", false),
            "a\u{FFFD}b\u{FFFD}\t\n&#13;"
        );
        assert_eq!(escape("\t\n\r", true), "&#9;&#10;&#13;");
        assert_eq!(escape("plain é 😀", true), "plain é 😀");
    }

    #[test]
    fn classnames_are_folders() {
        assert_eq!(classname("reports/2014/a.txt"), "reports/2014");
        assert_eq!(classname("a.txt"), ".");
        assert_eq!(classname("-"), ".");
    }
}
