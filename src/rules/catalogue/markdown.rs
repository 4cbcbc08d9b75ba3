//! The catalogue as Markdown: a title, a table of contents, then a section per rule.

use std::fmt::Write;

use super::{Catalogue, RuleEntry, TestEntry};

/// The page: `# title`, the preamble as its own paragraph if any, a table of the rules, then
/// each rule.
pub(super) fn page(catalogue: &Catalogue, title: &str, preamble: &str) -> String {
    let mut out = format!("# {title}\n\n");
    if !preamble.trim().is_empty() {
        out.push_str(preamble.trim());
        out.push_str("\n\n");
    }
    out.push_str(&contents(catalogue));
    for rule in &catalogue.rules {
        out.push('\n');
        out.push_str(&section(rule));
    }
    if !catalogue.other_tests.is_empty() {
        out.push_str(
            "\n## Other tests\n\nTests that expect no finding and follow no test of a rule.\n\n",
        );
        for test in &catalogue.other_tests {
            out.push_str(&test_item(test, None));
        }
    }
    out
}

fn contents(catalogue: &Catalogue) -> String {
    let files: Vec<String> = catalogue.files().iter().map(|f| code(f)).collect();
    let count = catalogue.rules.len();
    let mut out = match count {
        0 => "No rules.\n".to_string(),
        1 => format!("1 rule, defined in {}.\n", files.join(", ")),
        n => format!("{n} rules, defined in {}.\n", files.join(", ")),
    };
    if count > 0 {
        out.push_str("\n| rule | severity | what it checks |\n|---|---|---|\n");
        for r in &catalogue.rules {
            // A rule ID is lower-case words joined by hyphens: it is its own heading anchor.
            let _ = writeln!(
                out,
                "| [{id}](#{id}) | {} | {} |",
                r.severity,
                escape_dollars(&r.summary()).replace('|', "\\|"),
                id = r.id,
            );
        }
    }
    out
}

fn section(rule: &RuleEntry) -> String {
    let mut out = format!("## {}\n\n", rule.id);
    if let Some(doc) = &rule.doc {
        out.push_str(&escape_dollars(doc.trim()));
        out.push_str("\n\n");
    }
    let tags = if rule.tags.is_empty() {
        "none".to_string()
    } else {
        rule.tags
            .iter()
            .map(|t| code(t))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let _ = write!(
        out,
        "- Severity: {}\n- Tags: {tags}\n- Defined in: {}, line {}\n\n",
        rule.severity,
        code(&rule.file),
        rule.line
    );
    out.push_str(&fenced("rules", &rule.definition, ""));
    if rule.tests.is_empty() {
        out.push_str("\nNo tests.\n");
        return out;
    }
    out.push_str("\nTests:\n\n");
    for (i, test) in rule.tests.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&test_item(test, Some(&rule.file)));
    }
    out
}

/// A list item: the test's name, where it is, its date and expectation, then its text.
fn test_item(test: &TestEntry, rule_file: Option<&str>) -> String {
    let place = match rule_file {
        Some(file) if file == test.file => format!("line {}", test.line),
        _ => format!("{}, line {}", code(&test.file), test.line),
    };
    let date = test
        .date
        .as_ref()
        .map(|d| format!("; document date {d}"))
        .unwrap_or_default();
    let expects = if test.expected_findings.is_empty() {
        "no finding".to_string()
    } else {
        let each: Vec<String> = test
            .expected_findings
            .iter()
            .map(|e| match &e.at {
                Some(words) => format!("{} at {}", code(&e.rule), code(words)),
                None => code(&e.rule),
            })
            .collect();
        each.join(", ")
    };
    let mut out = format!(
        "- **{}** ({place}{date}): expects {expects}\n\n",
        test.name.replace('*', "\\*")
    );
    out.push_str(&fenced("text", &test.text, "  "));
    out
}

/// Documentation is Markdown, but its authors write `$` for dollars: escaped outside code
/// spans, so that "$99 ... $149" is not read as mathematics (GitHub reads `$...$` so).
fn escape_dollars(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_code = false;
    for c in text.chars() {
        match c {
            '`' => in_code = !in_code,
            '$' if !in_code => out.push('\\'),
            _ => {}
        }
        out.push(c);
    }
    out
}

/// `text` as inline code, with a fence longer than any run of backticks in it.
fn code(text: &str) -> String {
    let fence = "`".repeat(longest_backtick_run(text) + 1);
    if fence.len() == 1 {
        format!("`{text}`")
    } else {
        format!("{fence} {text} {fence}")
    }
}

/// A fenced code block, every non-blank line indented by `indent`.
fn fenced(info: &str, text: &str, indent: &str) -> String {
    let fence = "`".repeat((longest_backtick_run(text) + 1).max(3));
    let mut out = format!("{indent}{fence}{info}\n");
    for line in text.lines() {
        if line.trim().is_empty() {
            out.push('\n');
        } else {
            let _ = writeln!(out, "{indent}{line}");
        }
    }
    let _ = writeln!(out, "{indent}{fence}");
    out
}

fn longest_backtick_run(text: &str) -> usize {
    text.split(|c| c != '`').map(str::len).max().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn code_spans_outrun_the_backticks_inside() {
        assert_eq!(code("35"), "`35`");
        assert_eq!(code("a `b` c"), "`` a `b` c ``");
    }

    #[test]
    fn dollars_are_escaped_outside_code_only() {
        assert_eq!(
            escape_dollars("\"$99 (£69)\" and `$149`"),
            "\"\\$99 (£69)\" and `$149`"
        );
    }

    #[test]
    fn a_fenced_block_is_indented_and_keeps_blank_lines_empty() {
        assert_eq!(
            fenced("text", "Title\n\nBody", "  "),
            "  ```text\n  Title\n\n  Body\n  ```\n"
        );
        assert_eq!(fenced("text", "a ``` b", ""), "````text\na ``` b\n````\n");
    }

    proptest! {
        /// Whatever a test's text holds, its block ends only at its own fence, with every
        /// line of the text inside.
        #[test]
        fn a_fenced_block_holds_any_text(text in "[a-z `\n]{0,40}") {
            let block = fenced("text", &text, "");
            let lines: Vec<&str> = block.lines().collect();
            let fence = lines[0].trim_end_matches("text");
            prop_assert!(fence.len() >= 3);
            let inner = &lines[1..lines.len() - 1];
            prop_assert_eq!(lines[lines.len() - 1], fence);
            prop_assert!(inner.iter().all(|l| !l.trim_start().starts_with(fence)));
            let expected: Vec<&str> = text
                .lines()
                .map(|l| if l.trim().is_empty() { "" } else { l })
                .collect();
            prop_assert_eq!(inner, &expected[..]);
        }
    }
}
