//! The human output of `factlint check` for each kind of finding of the standard rules: every
//! article of `fixtures/findings/` holds one contradiction, for the rule it is named after, and
//! its report is snapshotted. The articles of `fixtures/articles/` hold none.

mod common;

use std::process::Output;

use common::*;
use serde_json::Value;

/// `factlint check --format FORMAT PATH` from the repository root, without colour.
fn check(format: &str, path: &str) -> Output {
    bin()
        .current_dir(root())
        .env("NO_COLOR", "1")
        .args(["check", "--format", format, path])
        .output()
        .expect("the factlint binary runs")
}

/// The findings of one file, as JSON.
fn findings(path: &str) -> Vec<Value> {
    let out = check("json", path);
    let report: Value = serde_json::from_slice(&out.stdout).expect("a JSON report");
    report["files"][0]["findings"]
        .as_array()
        .expect("findings is an array")
        .clone()
}

/// The human report of `fixtures/findings/FILE`, which must give exactly one finding, of the
/// rule the file is named after, and exit 1. The line where the rule is defined is checked here
/// and written as `[line of RULE]`, so that the snapshots do not change whenever the standard
/// library gains a line.
fn human_report(file: &str) -> String {
    let path = format!("fixtures/findings/{file}");
    let rule = file.split('.').next().unwrap_or_default();
    let found: Vec<Value> = findings(&path);
    let rules: Vec<&str> = found.iter().filter_map(|f| f["rule"].as_str()).collect();
    assert_eq!(rules, [rule], "{path}: {found:#?}");

    let out = check("human", &path);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("1 file checked: 1 error, 0 warnings, 0 infos"),
        "{stderr}"
    );
    let stdout = String::from_utf8(out.stdout).expect("UTF-8 output");
    assert!(!stdout.contains('\u{1b}'), "colour in: {stdout}");

    let standard = factlint::rules::standard().expect("the standard rules check");
    let defined = standard.rule(rule).expect("a rule of the standard library");
    let (rule_file, line) = standard.location(defined.origin);
    let place = format!("{rule_file}:{line}\n");
    assert!(stdout.contains(&place), "{place:?} not in: {stdout}");
    stdout.replace(&place, &format!("{rule_file}:[line of {rule}]\n"))
}

/// One test per fixture, its snapshot named after it.
macro_rules! finding {
    ($($test:ident: $file:literal,)*) => {
        $(
            #[test]
            fn $test() {
                insta::assert_snapshot!($file, human_report($file));
            }
        )*

        const FIXTURES: &[&str] = &[$($file),*];
    };
}

finding! {
    count_composition: "count-composition.txt",
    part_exceeds_whole: "part-exceeds-whole.txt",
    scoped_part_exceeds_whole: "scoped-part-exceeds-whole.txt",
    kb_membership: "kb-membership.md",
    list_count: "list-count.txt",
    change_arithmetic: "change-arithmetic.txt",
    percent_bounds: "percent-bounds.txt",
    period_order: "period-order.md",
    repeated_figure: "repeated-figure.txt",
    headline_figure: "headline-figure.txt",
    conversion_consistency: "conversion-consistency.txt",
    exchange_rate_consistency: "exchange-rate-consistency.txt",
    approximation_consistency: "approximation-consistency.txt",
}

#[test]
fn every_finding_fixture_has_its_snapshot_test() {
    let mut files: Vec<String> = std::fs::read_dir(root().join("fixtures/findings"))
        .expect("fixtures/findings")
        .filter_map(|e| Some(e.ok()?.file_name().to_str()?.to_string()))
        .collect();
    files.sort();
    let mut listed: Vec<String> = FIXTURES.iter().map(|f| f.to_string()).collect();
    listed.sort();
    assert_eq!(files, listed);
}

#[test]
fn the_fixture_articles_give_no_finding() {
    let out = check("human", "fixtures/articles");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout), "");

    let out = check("json", "fixtures/articles");
    let report: Value = serde_json::from_slice(&out.stdout).expect("a JSON report");
    let files = report["files"].as_array().expect("files is an array");
    assert!(!files.is_empty());
    for file in files {
        assert_eq!(file["findings"], Value::Array(Vec::new()), "{file:#}");
        assert_eq!(file["error"], Value::Null, "{file:#}");
    }
}
