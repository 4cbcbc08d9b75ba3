//! The rule catalogue: `docs/rules.md` is the standard library's, and `factlint rules` prints
//! catalogues of rule files and folders.

mod common;

use std::process::Output;

use common::*;
use factlint::rules::catalogue::{Catalogue, CatalogueFormat};

const DOCS: &str = "docs/rules.md";
const REGENERATE: &str = "FACTLINT_BLESS=1 cargo test --test rules_catalogue";
const FIXTURE: &str = "fixtures/rules/valid/catalogue.rules";

/// `docs/rules.md` as it should be: the standard library's catalogue under a note that says
/// where it comes from.
fn standard_page() -> String {
    let rules = factlint::rules::standard().expect("the standard rules check");
    let preamble = format!(
        "This page is generated from `rules/std/standard.rules`: each rule's doc comment, \
         definition and inline tests. Do not edit it by hand; after changing the rules, \
         regenerate it with `{REGENERATE}` (the test fails while the page is out of date). \
         `factlint rules` prints the same catalogue for any rule files."
    );
    Catalogue::new(&rules).markdown_page("The standard rules", &preamble)
}

#[test]
fn docs_rules_md_is_the_catalogue_of_the_standard_library() {
    let path = root().join(DOCS);
    let expected = standard_page();
    if std::env::var_os("FACTLINT_BLESS").is_some_and(|v| v == "1") {
        std::fs::write(&path, &expected).expect("docs/rules.md is writable");
        return;
    }
    let actual = std::fs::read_to_string(&path).unwrap_or_default();
    if actual != expected {
        let first = actual
            .lines()
            .zip(expected.lines())
            .position(|(a, e)| a != e)
            .unwrap_or_else(|| actual.lines().count().min(expected.lines().count()));
        panic!(
            "{DOCS} is not the catalogue of the standard rules (first difference at line {}). \
             Regenerate it with `{REGENERATE}`.",
            first + 1
        );
    }
}

fn rules_command(args: &[&str]) -> Output {
    bin()
        .current_dir(root())
        .arg("rules")
        .args(args)
        .output()
        .expect("the factlint binary runs")
}

fn stdout(out: &Output) -> String {
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).expect("UTF-8 output")
}

#[test]
fn text_catalogue_of_a_rule_file() {
    insta::assert_snapshot!("rules-text", stdout(&rules_command(&[FIXTURE])));
}

#[test]
fn markdown_catalogue_of_a_rule_file() {
    let out = stdout(&rules_command(&["--format", "markdown", FIXTURE]));
    insta::assert_snapshot!("rules-markdown", out);
}

#[test]
fn without_files_the_standard_library_is_listed() {
    let rules = factlint::rules::standard().expect("the standard rules check");
    let catalogue = Catalogue::new(&rules);
    assert_eq!(
        stdout(&rules_command(&["--format", "markdown"])),
        catalogue.render(CatalogueFormat::Markdown)
    );
    assert_eq!(
        stdout(&rules_command(&[])),
        catalogue.render(CatalogueFormat::Text)
    );
}

#[test]
fn a_folder_stands_for_its_rule_files() {
    let out = stdout(&rules_command(&[
        "--format",
        "json",
        "fixtures/rules/valid",
    ]));
    let json: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    let files: std::collections::BTreeSet<&str> = json["rules"]
        .as_array()
        .expect("rules is an array")
        .iter()
        .filter_map(|r| r["file"].as_str())
        .collect();
    assert!(files.contains(FIXTURE), "{files:?}");
    assert!(
        files.contains("fixtures/rules/valid/seizures.rules"),
        "{files:?}"
    );
}

#[test]
fn rule_files_with_errors_exit_2() {
    let out = rules_command(&["fixtures/rules/broken/unknown-keyword.rules"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown item `rulle`"));
    assert!(out.stdout.is_empty());

    let empty = tempfile::tempdir().expect("a temporary folder");
    let out = rules_command(&[empty.path().to_str().expect("a UTF-8 path")]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no .rules file"));
}

#[test]
fn the_json_fields_are_documented() {
    let cli = std::fs::read_to_string(root().join("docs/cli.md")).expect("docs/cli.md");
    let row = cli
        .lines()
        .find(|l| l.starts_with("| `json` | `{\"version\":1,\"rules\""))
        .expect("the json row of `factlint rules` in docs/cli.md");
    let out = stdout(&rules_command(&["--format", "json", FIXTURE]));
    let json: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    let objects = [
        &json,
        &json["rules"][0],
        &json["rules"][0]["tests"][0],
        &json["rules"][0]["tests"][0]["expected_findings"][0],
    ];
    for object in objects {
        for key in object.as_object().expect("an object").keys() {
            assert!(
                row.contains(&format!("\"{key}\"")),
                "{key} is not in: {row}"
            );
        }
    }
}
