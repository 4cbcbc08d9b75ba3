//! A small fixed run for the formats' tests: a file with findings at every severity (one
//! with a help and two labels), a clean file with a note, an unreadable file, and stdin.

use std::io::{self, Write};
use std::sync::{Arc, Mutex};

use super::findings::Summary;
use super::reporter::{FileResult, Reporter, RuleMeta};
use crate::eval::finding::{Finding, Label, Severity};

pub const ARTICLE: &str = "Raid in Żabbar\n\
    Police made 1,027 arrests. Of these, 1,100 were in Malta.\n\
    Officers from four countries took part: Malta, Italy and Greece.\n";

pub const STDIN: &str = "Turnout was 104% of the voters.";

/// The byte range of `words` in `text`, searched after `from`.
fn at(text: &str, words: &str, from: usize) -> (usize, usize) {
    let start = from
        + text[from..]
            .find(words)
            .expect("the words are in the sample");
    (start, start + words.len())
}

fn label(text: &str, words: &str, from: usize, what: &str) -> Label {
    let (start, end) = at(text, words, from);
    Label {
        start,
        end,
        label: what.to_string(),
    }
}

pub fn article_findings() -> Vec<Finding> {
    vec![
        Finding {
            rule: "part-exceeds-whole".into(),
            severity: Severity::Error,
            message: "1,100 (arrest) is part of 1,027 (arrest), but larger".into(),
            labels: vec![
                label(ARTICLE, "1,027", 0, "whole: 1,027 (arrest)"),
                label(ARTICLE, "1,100", 0, "part: 1,100 (arrest)"),
            ],
            help: Some("check both figures".into()),
            origin: None,
        },
        Finding {
            rule: "list-count".into(),
            severity: Severity::Warning,
            message: "four (country) stated, but 3 listed: Malta, Italy and Greece".into(),
            labels: vec![
                label(ARTICLE, "four", 0, "four (country)"),
                label(ARTICLE, "Malta, Italy and Greece", 0, "3 items"),
            ],
            help: None,
            origin: None,
        },
    ]
}

pub fn stdin_findings() -> Vec<Finding> {
    vec![Finding {
        rule: "percent-bounds".into(),
        severity: Severity::Info,
        message: "104% of the voters is not a share of a whole".into(),
        labels: vec![label(STDIN, "104%", 0, "share: 104%")],
        help: None,
        origin: None,
    }]
}

pub fn rules() -> Vec<RuleMeta> {
    vec![
        RuleMeta {
            id: "part-exceeds-whole".into(),
            severity: Severity::Error,
            doc: Some("A part of a whole cannot be larger than the whole.".into()),
            help: Some("check both figures".into()),
            tags: vec!["counts".into(), "parts".into()],
        },
        RuleMeta {
            id: "list-count".into(),
            severity: Severity::Warning,
            doc: Some(
                "A stated count must match the items listed.\n\nSee \"four countries: A, B and C\"."
                    .into(),
            ),
            help: None,
            tags: Vec::new(),
        },
        RuleMeta {
            id: "percent-bounds".into(),
            severity: Severity::Info,
            doc: None,
            help: None,
            tags: Vec::new(),
        },
    ]
}

pub fn summary() -> Summary {
    Summary {
        files: 4,
        files_with_errors: 1,
        errors: 1,
        warnings: 1,
        infos: 1,
        elapsed_ms: 12,
        ..Summary::default()
    }
}

/// The whole sample run through `reporter`: what it wrote, as text.
pub fn run(reporter: &mut dyn Reporter) -> String {
    let article = article_findings();
    let stdin = stdin_findings();
    let notes = vec!["the file is empty; nothing to check".to_string()];
    let files = [
        FileResult::new("reports/a b/ü.txt", ARTICLE, &article),
        FileResult {
            notes: &notes,
            ..FileResult::new("empty.txt", "", &[])
        },
        FileResult::unreadable(
            "missing.txt",
            "missing.txt: No such file or directory (os error 2)",
        ),
        FileResult::new("-", STDIN, &stdin),
    ];
    let mut out = Vec::new();
    for file in &files {
        reporter.file(&mut out, file).expect("writes to memory");
    }
    reporter
        .finish(&mut out, &summary())
        .expect("writes to memory");
    String::from_utf8(out).expect("reports are UTF-8")
}

/// The version of factlint replaced, so that snapshots survive a release.
pub fn without_version(report: &str) -> String {
    report.replace(
        &format!("\"{}\"", env!("CARGO_PKG_VERSION")),
        "\"[VERSION]\"",
    )
}

/// A second output stream that tests can read after handing it over.
#[derive(Clone, Default)]
pub struct SharedBuffer(pub Arc<Mutex<Vec<u8>>>);

impl SharedBuffer {
    pub fn text(&self) -> String {
        let bytes = self.0.lock().map(|b| b.clone()).unwrap_or_default();
        String::from_utf8(bytes).expect("UTF-8")
    }
}

impl Write for SharedBuffer {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0
            .lock()
            .map_err(|_| io::Error::other("poisoned"))?
            .extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}
