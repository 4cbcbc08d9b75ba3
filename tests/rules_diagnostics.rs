//! Every broken rule file in `fixtures/rules/broken/` and the diagnostics it gets, as miette
//! renders them (plain ASCII, no colours, 80 columns), so that a change in any message, label
//! or help shows up in review.

mod common;

use std::collections::BTreeSet;
use std::path::PathBuf;

fn broken_files() -> Vec<PathBuf> {
    common::fixture_files("rules/broken", "rules")
}

#[test]
fn each_broken_file_gets_its_diagnostics() {
    let mut codes = BTreeSet::new();
    for path in broken_files() {
        let errors = match factlint::rules::load(std::slice::from_ref(&path)) {
            Ok(_) => panic!("{} loaded without errors", path.display()),
            Err(errors) => errors,
        };
        let rendered = common::render_each(errors.iter(), &mut codes);
        insta::assert_snapshot!(common::stem(&path), rendered);
    }
    assert!(
        codes.len() >= 15,
        "only {} distinct codes: {codes:?}",
        codes.len()
    );
}
