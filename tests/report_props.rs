//! The machine formats hold for any path, message and text: JUnit is well-formed XML that gives
//! the path back, every GitHub command is one line, SARIF and JSON Lines are valid JSON.

use factlint::eval::finding::{Finding, Label, Severity};
use factlint::report::findings::Summary;
use factlint::report::reporter::{FileResult, ReportFormat, ReportSetup, reporter};
use proptest::prelude::*;

fn any_text() -> impl Strategy<Value = String> {
    // Any scalar value, with the awkward ones (controls, separators, markup) made likely.
    prop::collection::vec(
        prop_oneof![
            any::<char>(),
            prop::sample::select(vec![
                '\0', '\r', '\n', '\t', '\u{b}', '\u{1b}', '%', ':', ',', '<', '&', '"', '\'', ']',
                '\u{2028}', '\u{FFFE}', '\u{FFFF}', 'é', '😀', ' ', '/',
            ]),
        ],
        0..24,
    )
    .prop_map(|chars| chars.into_iter().collect())
}

/// XML 1.0's `Char` production.
fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}')
        || c >= '\u{10000}'
}

fn severity() -> impl Strategy<Value = Severity> {
    prop::sample::select(vec![Severity::Error, Severity::Warning, Severity::Info])
}

prop_compose! {
    fn finding(text_len: usize)(
        rule in any_text(),
        severity in severity(),
        message in any_text(),
        help in prop::option::of(any_text()),
        spans in prop::collection::vec((0..=text_len + 3, 0..=text_len + 3, any_text()), 0..3),
    ) -> Finding {
        Finding {
            rule,
            severity,
            message,
            labels: spans
                .into_iter()
                .map(|(start, end, label)| Label { start, end, label })
                .collect(),
            help,
            origin: None,
        }
    }
}

prop_compose! {
    fn case()(text in any_text())(
        findings in prop::collection::vec(finding(text.len()), 0..4),
        text in Just(text),
        path in any_text().prop_filter("a path is not empty", |p| !p.is_empty()),
        error in prop::option::of(any_text()),
    ) -> (String, String, Vec<Finding>, Option<String>) {
        (path, text, findings, error)
    }
}

fn render(format: ReportFormat, files: &[FileResult<'_>]) -> String {
    let mut report = reporter(format, ReportSetup::default());
    let mut out = Vec::new();
    for file in files {
        report.file(&mut out, file).expect("writes to memory");
    }
    report
        .finish(&mut out, &Summary::default())
        .expect("writes to memory");
    String::from_utf8(out).expect("every format writes UTF-8")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn every_machine_format_survives_any_input(cases in prop::collection::vec(case(), 1..4)) {
        let files: Vec<FileResult<'_>> = cases
            .iter()
            .map(|(path, text, findings, error)| FileResult {
                error: error.as_deref(),
                ..FileResult::new(path, text, findings)
            })
            .collect();

        let junit = render(ReportFormat::Junit, &files);
        let xml = roxmltree::Document::parse(&junit)
            .map_err(|e| TestCaseError::fail(format!("{e}\n{junit}")))?;
        let names: Vec<&str> = xml
            .descendants()
            .filter(|n| n.has_tag_name("testcase"))
            .filter_map(|n| n.attribute("name"))
            .collect();
        // A parser gives every path back, but for what XML cannot carry at all.
        let expected: Vec<String> = cases
            .iter()
            .map(|(path, ..)| path.chars().map(|c| if xml_char(c) { c } else { '\u{FFFD}' }).collect())
            .collect();
        prop_assert_eq!(&names, &expected);

        let github = render(ReportFormat::Github, &files);
        let commands = cases
            .iter()
            .map(|(_, _, findings, error)| findings.len() + usize::from(error.is_some()))
            .sum::<usize>();
        // `lines` splits at LF and CRLF; a lone CR would also end a line for the runner.
        prop_assert!(!github.contains('\r'));
        prop_assert_eq!(github.lines().count(), commands, "{}", github);
        for line in github.lines() {
            prop_assert!(
                line.starts_with("::error ")
                    || line.starts_with("::warning ")
                    || line.starts_with("::notice "),
                "{}",
                line
            );
        }

        let sarif = render(ReportFormat::Sarif, &files);
        let log: serde_json::Value = serde_json::from_str(&sarif)
            .map_err(|e| TestCaseError::fail(format!("{e}\n{sarif}")))?;
        let findings: usize = cases.iter().map(|(_, _, f, _)| f.len()).sum();
        prop_assert_eq!(
            log["runs"][0]["results"].as_array().map(Vec::len),
            Some(findings)
        );

        let jsonl = render(ReportFormat::Jsonl, &files);
        prop_assert_eq!(jsonl.lines().count(), files.len());
        for line in jsonl.lines() {
            prop_assert!(serde_json::from_str::<serde_json::Value>(line).is_ok(), "{}", line);
        }
    }
}
