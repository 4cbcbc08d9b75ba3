//! Every broken configuration in `fixtures/config/broken/` and the diagnostics it gets, as
//! miette renders them (plain ASCII, no colours, 80 columns), so that a change in any message,
//! label or help shows up in review. A file that reads without error is applied to the
//! standard rules, and must fail there.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use factlint::config::{Config, ConfigErrors};

fn broken_files() -> Vec<PathBuf> {
    common::fixture_files("config/broken", "toml")
}

fn errors_of(path: &Path) -> ConfigErrors {
    let config = match Config::load(path) {
        Ok(config) => config,
        Err(errors) => return errors,
    };
    let mut rules = factlint::rules::standard().expect("the standard rules");
    match config.apply(&mut rules) {
        Ok(()) => panic!("{} has no error", path.display()),
        Err(errors) => errors,
    }
}

#[test]
fn each_broken_configuration_gets_its_diagnostics() {
    let mut codes = BTreeSet::new();
    for path in broken_files() {
        let rendered = common::render_each(errors_of(&path).iter(), &mut codes);
        insta::assert_snapshot!(common::stem(&path), rendered);
    }
    // Every kind of error but an unreadable file, which has no text to show.
    assert_eq!(codes.len(), 9, "{codes:?}");
}
