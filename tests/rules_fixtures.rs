//! The valid rule files in `fixtures/rules/valid/`: each loads and checks, and each is in the
//! canonical layout, so formatting it changes nothing (and formatting twice is formatting once).

use std::path::PathBuf;

use factlint::rules::{self, format_str};

fn valid_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir("fixtures/rules/valid")
        .expect("the fixtures folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "rules"))
        .collect();
    files.sort();
    assert!(files.len() >= 3);
    files
}

#[test]
fn every_valid_fixture_loads() {
    for path in valid_files() {
        if let Err(errors) = rules::load(std::slice::from_ref(&path)) {
            let messages: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
            panic!("{}: {messages:#?}", path.display());
        }
    }
}

#[test]
fn every_valid_fixture_is_canonical_and_formatting_is_idempotent() {
    for path in valid_files() {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(&path).expect("readable");
        let once = format_str(&name, &text).expect("formats");
        let twice = format_str(&name, &once).expect("formats again");
        assert_eq!(once, twice, "{name}: formatting is not idempotent");
        assert_eq!(
            once, text,
            "{name} is not in the canonical layout: run factlint fmt --write"
        );
    }
}

#[test]
fn the_unformatted_fixture_formats_to_its_snapshot() {
    let path = "fixtures/rules/unformatted.rules";
    let text = std::fs::read_to_string(path).expect("readable");
    let once = format_str(path, &text).expect("formats");
    assert_eq!(format_str(path, &once).expect("formats again"), once);
    insta::assert_snapshot!("unformatted", once);
}

#[test]
fn the_seizure_rules_are_checked_into_typed_trees() {
    let set = rules::load(&[PathBuf::from("fixtures/rules/valid/seizures.rules")]).expect("loads");
    // The imported file's declarations come with it.
    assert!(set.files.iter().any(|f| f.name.ends_with("eu.rules")));
    assert_eq!(
        set.concepts
            .iter()
            .find(|c| c.name == "drugs")
            .map(|c| c.words.len()),
        Some(5)
    );
    let part = set.rule("part-within-whole").expect("the rule");
    assert_eq!(part.tolerance, 0.02, "the file's tolerance");
    assert_eq!(part.bindings[1].ty.to_string(), "a quantity (a mass)");
    let parts = set.rule("parts-add-up").expect("the rule");
    assert_eq!(parts.tolerance, 0.05, "the rule's own tolerance");
    assert_eq!(parts.bindings[1].ty.to_string(), "a set of quantity claims");
    assert_eq!(set.tests.len(), 2);
}
