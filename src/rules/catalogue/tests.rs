use std::path::PathBuf;

use super::*;
use crate::rules::{load, load_str, standard};

const SHARES: &str = r#"test "nothing to see" {
  text "Police seized 40 kg of cocaine."
  expect none
}

/// A share lies within its whole. Changes are not shares.
rule share-bounds {
  severity info
  tags shares
  let s = quantity where dimension(percent) and s.part_of != ""
  // both ends
  require s >= 0 % and s <= 100 %
}

/// A period ends after it starts.
rule period-order {
  let p = period
  require p.from <= p.until
}

test "a share too big" {
  text "Turnout reached 120% of the voters."
  expect share-bounds at "120%"
}

test "a share that fits" {
  text "Turnout reached 60% of the voters."
  expect none
}

test "both" {
  text "Turnout reached 120% of the voters between September 23 and 15."
  date 2014-10-01
  expect period-order
  expect share-bounds at "120%"
}
"#;

fn shares() -> Catalogue {
    Catalogue::new(&load_str("shares.rules", SHARES).expect("valid rules"))
}

fn names(tests: &[TestEntry]) -> Vec<&str> {
    tests.iter().map(|t| t.name.as_str()).collect()
}

#[test]
fn rules_come_in_file_order_with_their_definitions_as_written() {
    let catalogue = shares();
    let ids: Vec<&str> = catalogue.rules.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["share-bounds", "period-order"]);
    let share = &catalogue.rules[0];
    let start = SHARES.find("rule share-bounds").unwrap();
    let end = SHARES[start..].find("\n}").unwrap() + start + 2;
    assert_eq!(share.definition, &SHARES[start..end]);
    assert!(share.definition.contains("// both ends"));
    assert_eq!(share.severity, "info");
    assert_eq!(share.tags, ["shares"]);
    assert_eq!(
        share.doc.as_deref(),
        Some("A share lies within its whole. Changes are not shares.")
    );
    assert_eq!((share.file.as_str(), share.line), ("shares.rules", 7));
    // Without a `severity` statement.
    assert_eq!(catalogue.rules[1].severity, "warning");
}

#[test]
fn tests_go_with_the_rules_they_name_and_negative_tests_with_the_test_before() {
    let catalogue = shares();
    assert_eq!(
        names(&catalogue.rules[0].tests),
        ["a share too big", "a share that fits", "both"]
    );
    assert_eq!(names(&catalogue.rules[1].tests), ["both"]);
    assert_eq!(names(&catalogue.other_tests), ["nothing to see"]);
}

#[test]
fn expectations_keep_the_words_and_the_date() {
    let catalogue = shares();
    let both = &catalogue.rules[1].tests[0];
    assert_eq!(both.date.as_deref(), Some("2014-10-01"));
    assert_eq!(
        both.expected_findings,
        [
            ExpectedFinding {
                rule: "period-order".into(),
                at: None
            },
            ExpectedFinding {
                rule: "share-bounds".into(),
                at: Some("120%".into())
            },
        ]
    );
    assert_eq!(
        both.expectation(),
        r#"period-order, share-bounds at "120%""#
    );
    let fits = &catalogue.rules[0].tests[1];
    assert!(fits.expected_findings.is_empty());
    assert_eq!(fits.expectation(), "no finding");
    assert_eq!(fits.line, 26);
}

#[test]
fn the_summary_is_the_first_sentence_on_one_line() {
    let catalogue = shares();
    assert_eq!(
        catalogue.rules[0].summary(),
        "A share lies within its whole."
    );
    let mut rule = catalogue.rules[1].clone();
    rule.doc = Some("Two lines\nof one sentence: \"1.5 t\".\n\nAnother paragraph.".into());
    assert_eq!(rule.summary(), "Two lines of one sentence: \"1.5 t\".");
    rule.doc = None;
    assert_eq!(rule.summary(), "");
}

#[test]
fn the_json_form_holds_everything() {
    let json: serde_json::Value =
        serde_json::from_str(&shares().render(CatalogueFormat::Json)).expect("JSON");
    assert_eq!(json["version"], 1);
    assert_eq!(json["rules"][0]["id"], "share-bounds");
    assert_eq!(
        json["rules"][0]["tests"][0]["expected_findings"][0]["at"],
        "120%"
    );
    assert_eq!(json["rules"][1]["doc"], "A period ends after it starts.");
    assert_eq!(
        json["other_tests"][0]["expected_findings"],
        serde_json::json!([])
    );
}

#[test]
fn rules_of_imported_files_follow_and_name_their_file() {
    let dir = tempfile::tempdir().unwrap();
    let main = dir.path().join("main.rules");
    let other = dir.path().join("other.rules");
    std::fs::write(
        &main,
        "import \"other.rules\"\n\nrule b {\n  let q = quantity\n  require q >= 0\n}\n",
    )
    .unwrap();
    std::fs::write(
        &other,
        "rule a {\n  let p = period\n  require p.from <= p.until\n}\n",
    )
    .unwrap();
    let catalogue = Catalogue::new(&load(std::slice::from_ref(&main)).expect("valid rules"));
    let placed: Vec<(&str, PathBuf, usize)> = catalogue
        .rules
        .iter()
        .map(|r| (r.id.as_str(), PathBuf::from(&r.file), r.line))
        .collect();
    assert_eq!(placed, [("b", main, 3), ("a", other, 1)]);
    assert_eq!(
        catalogue.rules[1].definition,
        "rule a {\n  let p = period\n  require p.from <= p.until\n}"
    );
    assert_eq!(catalogue.files().len(), 2);
}

#[test]
fn every_standard_rule_has_its_definition_and_a_test_that_names_it() {
    let catalogue = Catalogue::new(&standard().expect("the standard rules check"));
    assert!(!catalogue.rules.is_empty());
    for rule in &catalogue.rules {
        assert!(
            rule.definition.starts_with(&format!("rule {} {{", rule.id))
                && rule.definition.ends_with('}'),
            "{}",
            rule.definition
        );
        assert!(rule.doc.is_some(), "{} has no documentation", rule.id);
        assert!(
            rule.tests
                .iter()
                .any(|t| t.expected_findings.iter().any(|e| e.rule == rule.id)),
            "no test names {}",
            rule.id
        );
    }
    assert_eq!(names(&catalogue.other_tests), Vec::<&str>::new());
}
