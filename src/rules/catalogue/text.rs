//! The catalogue as plain text for a terminal: an index of the rules, then each rule.

use std::fmt::Write;

use super::{Catalogue, RuleEntry, TestEntry};

pub(super) fn render(catalogue: &Catalogue) -> String {
    let mut out = index(catalogue);
    for rule in &catalogue.rules {
        out.push('\n');
        out.push_str(&rule_text(rule));
    }
    if !catalogue.other_tests.is_empty() {
        out.push_str("\nother tests (they expect no finding and follow no test of a rule)\n");
        for (i, test) in catalogue.other_tests.iter().enumerate() {
            if i > 0 {
                out.push('\n');
            }
            out.push_str(&test_text(test));
        }
    }
    out
}

fn index(catalogue: &Catalogue) -> String {
    let count = catalogue.rules.len();
    let noun = if count == 1 { "rule" } else { "rules" };
    let mut out = format!("{count} {noun}");
    if count > 0 {
        let _ = write!(out, " in {}", catalogue.files().join(", "));
    }
    out.push('\n');
    let width = catalogue
        .rules
        .iter()
        .map(|r| r.id.len())
        .max()
        .unwrap_or(0);
    for r in &catalogue.rules {
        let line = format!("  {:width$}  {:7}  {}", r.id, r.severity, r.summary());
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

fn rule_text(rule: &RuleEntry) -> String {
    let tags = if rule.tags.is_empty() {
        "none".to_string()
    } else {
        rule.tags.join(", ")
    };
    let mut out = format!(
        "{}\n  severity: {}\n  tags:     {tags}\n  defined:  {}:{}\n",
        rule.id, rule.severity, rule.file, rule.line
    );
    if let Some(doc) = &rule.doc {
        out.push('\n');
        out.push_str(&indented(doc.trim(), "  "));
    }
    out.push('\n');
    out.push_str(&indented(&rule.definition, "    "));
    if rule.tests.is_empty() {
        out.push_str("\n  no tests\n");
    } else {
        out.push_str("\n  tests:\n");
        for (i, test) in rule.tests.iter().enumerate() {
            if i > 0 {
                out.push('\n');
            }
            out.push_str(&test_text(test));
        }
    }
    out
}

fn test_text(test: &TestEntry) -> String {
    let date = test
        .date
        .as_ref()
        .map(|d| format!(", date {d}"))
        .unwrap_or_default();
    let mut out = format!(
        "    {:?} ({}:{}{date})\n      expects {}\n",
        test.name,
        test.file,
        test.line,
        test.expectation()
    );
    out.push_str(&indented(&test.text, "      | "));
    out
}

/// Every line of `text` after `indent`, without white space at the ends of lines.
fn indented(text: &str, indent: &str) -> String {
    let mut out = String::new();
    for line in text.lines() {
        out.push_str(format!("{indent}{line}").trim_end());
        out.push('\n');
    }
    out
}
