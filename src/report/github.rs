//! GitHub Actions workflow commands: one annotation line per finding, written as each file is
//! done (docs/report-formats.md).
//!
//! `::error file=PATH,line=L,col=C,endLine=L,endColumn=C,title=RULE::MESSAGE`. Property values
//! escape `%`, CR, LF, `:` and `,`; the message escapes `%`, CR and LF, so that every command
//! stays on one line whatever the path or the message holds.

use std::io::{self, Write};

use super::findings::Summary;
use super::position::LineIndex;
use super::reporter::{FileResult, Reporter};
use crate::eval::finding::Severity;

/// Writes one workflow command per finding, and one per unreadable file.
#[derive(Debug, Default)]
pub struct GithubReporter;

impl Reporter for GithubReporter {
    fn file(&mut self, out: &mut dyn Write, file: &FileResult<'_>) -> io::Result<()> {
        let path = escape_property(file.path);
        if let Some(error) = file.error {
            writeln!(out, "::error file={path}::{}", escape_data(error))?;
        }
        if file.findings.is_empty() {
            return Ok(());
        }
        let index = LineIndex::new(file.text);
        for finding in file.findings {
            let command = match finding.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            write!(out, "::{command} file={path}")?;
            if let Some(label) = finding.labels.first() {
                let region = index.region(label.start, label.end);
                write!(
                    out,
                    ",line={},col={},endLine={},endColumn={}",
                    region.start.line, region.start.column, region.end.line, region.end.column
                )?;
            }
            let mut message = finding.message.clone();
            if let Some(help) = &finding.help {
                message.push_str("\nhelp: ");
                message.push_str(help);
            }
            writeln!(
                out,
                ",title={}::{}",
                escape_property(&finding.rule),
                escape_data(&message)
            )?;
        }
        Ok(())
    }

    fn finish(&mut self, _out: &mut dyn Write, _summary: &Summary) -> io::Result<()> {
        Ok(())
    }
}

/// The message of a command: `%`, CR and LF are percent-encoded (GitHub shows `%0A` as a
/// line break).
pub fn escape_data(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '%' => escaped.push_str("%25"),
            '\r' => escaped.push_str("%0D"),
            '\n' => escaped.push_str("%0A"),
            c => escaped.push(c),
        }
    }
    escaped
}

/// A property value: as [`escape_data`], and `:` and `,`, which end a value.
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::sample;

    #[test]
    fn the_sample_run_as_workflow_commands() {
        let out = sample::run(&mut GithubReporter);
        assert_eq!(out.lines().count(), 4, "{out}");
        insta::assert_snapshot!("github", out);
    }

    #[test]
    fn escaping_keeps_one_command_on_one_line() {
        assert_eq!(escape_data("50%\r\nnext: a,b"), "50%25%0D%0Anext: a,b");
        assert_eq!(escape_property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
    }
}
