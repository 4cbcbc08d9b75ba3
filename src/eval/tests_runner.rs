//! Running the `test` blocks of rule files: each test's text is extracted and checked, and
//! the findings are compared with what the test expects.

use crate::claims::extract_text;
use crate::rules::checked::{Expect, RuleSet, Test};

use super::engine::{EvalOptions, evaluate};
use super::finding::Finding;
use super::predicates::DocumentView;

/// The outcome of one test block.
#[derive(Debug, Clone)]
pub struct TestResult {
    pub name: String,
    pub passed: bool,
    /// What was expected, in words: "count-composition at \"35\"", "no finding".
    pub expected: Vec<String>,
    /// The findings the text gave: rule id and the words of each label.
    pub actual: Vec<String>,
}

/// Runs every test of `rules`.
pub fn run_tests(rules: &RuleSet) -> Vec<TestResult> {
    rules.tests.iter().map(|t| run_test(rules, t)).collect()
}

fn run_test(rules: &RuleSet, test: &Test) -> TestResult {
    let extraction = extract_text(&test.text, &test.text, test.date);
    let view = DocumentView::new(&test.text, &test.text, &extraction.claims);
    let options = EvalOptions {
        date: extraction.date,
        ..EvalOptions::default()
    };
    let findings = evaluate(rules, &view, &options).findings;
    let actual: Vec<String> = findings.iter().map(|f| describe(&test.text, f)).collect();
    let (passed, expected) = match &test.expect {
        Expect::Nothing => (findings.is_empty(), vec!["no finding".to_string()]),
        Expect::Findings(wanted) => {
            let each_found = wanted.iter().all(|w| {
                findings.iter().any(|f| {
                    f.rule == w.rule
                        && w.at.is_none_or(|at| {
                            f.labels
                                .iter()
                                .any(|l| l.start < at.end && at.start < l.end)
                        })
                })
            });
            let only_wanted = findings
                .iter()
                .all(|f| wanted.iter().any(|w| w.rule == f.rule));
            let words = wanted
                .iter()
                .map(|w| match w.at {
                    Some(at) => format!(
                        "{} at {:?}",
                        w.rule,
                        test.text.get(at.start..at.end).unwrap_or_default()
                    ),
                    None => w.rule.clone(),
                })
                .collect();
            (each_found && only_wanted, words)
        }
    };
    TestResult {
        name: test.name.clone(),
        passed,
        expected,
        actual,
    }
}

fn describe(text: &str, f: &Finding) -> String {
    let words: Vec<String> = f
        .labels
        .iter()
        .map(|l| format!("{:?}", text.get(l.start..l.end).unwrap_or_default()))
        .collect();
    format!("{} at {}", f.rule, words.join(", "))
}
