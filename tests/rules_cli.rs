//! `factlint fmt` and `factlint check --rules` through the real binary.

use std::process::{Command, Output};

fn factlint(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_factlint"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn fmt_prints_the_canonical_layout() {
    let out = factlint(&["fmt", "fixtures/rules/unformatted.rules"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let expected = std::fs::read_to_string("fixtures/rules/unformatted.rules")
        .map(|t| factlint::rules::format_str("x", &t).expect("formats"))
        .expect("readable");
    assert_eq!(text(&out.stdout), expected);
}

#[test]
fn fmt_check_names_the_files_that_would_change() {
    let out = factlint(&[
        "fmt",
        "--check",
        "fixtures/rules/valid/sketch.rules",
        "fixtures/rules/unformatted.rules",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(text(&out.stdout), "fixtures/rules/unformatted.rules\n");
    let out = factlint(&["fmt", "--check", "fixtures/rules/valid/sketch.rules"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(text(&out.stdout), "");
}

#[test]
fn fmt_write_rewrites_in_place() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("r.rules");
    std::fs::write(&path, "rule   r{require 1==1}").expect("writable");
    let out = factlint(&["fmt", "--write", path.to_str().expect("a UTF-8 path")]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let rewritten = std::fs::read_to_string(&path).expect("readable");
    assert_eq!(rewritten, "rule r {\n  require 1 == 1\n}\n");
}

#[test]
fn fmt_refuses_a_file_with_syntax_errors() {
    let out = factlint(&["fmt", "fixtures/rules/broken/unknown-keyword.rules"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("unknown item `rulle`"));
    assert_eq!(text(&out.stdout), "");
}

#[test]
fn check_with_broken_rules_exits_2_before_reading_any_document() {
    let out = factlint(&[
        "check",
        "--rules",
        "fixtures/rules/broken/several-errors.rules",
        "no/such/document.txt",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    for expected in [
        "unknown severity `fatal`",
        "unknown claim kind `quantty`",
        "unknown statement `mesage`",
        "unknown item `concpet`",
        "unterminated string",
        "several-errors.rules:3:12",
        "the rules have 5 errors; no document was read",
    ] {
        assert!(stderr.contains(expected), "{expected:?} not in:\n{stderr}");
    }
    assert!(
        !stderr.contains("no/such/document.txt"),
        "a document was read:\n{stderr}"
    );
}

#[test]
fn check_with_type_errors_exits_2() {
    let out = factlint(&[
        "check",
        "--rules",
        "fixtures/rules/broken/currency-mismatch.rules",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("money in EUR and money in USD"));
}

#[test]
fn check_with_valid_rules_reads_the_documents() {
    let out = factlint(&[
        "check",
        "--rules",
        "fixtures/rules/valid/sketch.rules",
        "fixtures/articles/harbour-operation.txt",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("1 file checked"),
        "{}",
        text(&out.stderr)
    );
    // A document that cannot be read is reported by name, with exit code 2.
    let out = factlint(&[
        "check",
        "--rules",
        "fixtures/rules/valid/sketch.rules",
        "no-such-doc.txt",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("no-such-doc.txt"));
}

#[test]
fn a_cross_product_is_warned_about_at_the_binding_when_rules_load() {
    let rules = "fixtures/rules/plans/cross-product.rules";
    let out = factlint(&[
        "check",
        "--no-config",
        "--rules",
        rules,
        "fixtures/articles",
    ]);
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("factlint::rules::cross_product"),
        "{stderr}"
    );
    assert!(
        stderr.contains("in rule pairs, `b` is tried against every claim"),
        "{stderr}"
    );
    assert!(stderr.contains("cross-product.rules:4"), "{stderr}");
    // Quiet, it says nothing; the standard rules have nothing to warn about.
    let quiet = factlint(&[
        "check",
        "--no-config",
        "-q",
        "--rules",
        rules,
        "fixtures/articles",
    ]);
    assert!(!text(&quiet.stderr).contains("cross_product"));
    let standard = factlint(&["check", "--no-config", "fixtures/articles"]);
    assert!(!text(&standard.stderr).contains("cross_product"));
}
