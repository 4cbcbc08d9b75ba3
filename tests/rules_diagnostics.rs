//! Every broken rule file in `fixtures/rules/broken/` and the diagnostics it gets, as miette
//! renders them (plain ASCII, no colours, 80 columns), so that a change in any message, label
//! or help shows up in review.

use std::collections::BTreeSet;
use std::path::PathBuf;

use miette::{Diagnostic, GraphicalReportHandler, GraphicalTheme};

fn broken_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir("fixtures/rules/broken")
        .expect("the fixtures folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "rules"))
        .collect();
    files.sort();
    files
}

fn render(diagnostic: &dyn Diagnostic) -> String {
    let mut out = String::new();
    GraphicalReportHandler::new_themed(GraphicalTheme::none())
        .with_width(80)
        .with_links(false)
        .render_report(&mut out, diagnostic)
        .expect("rendering to a string");
    out
}

#[test]
fn each_broken_file_gets_its_diagnostics() {
    let mut codes = BTreeSet::new();
    for path in broken_files() {
        let errors = match factlint::rules::load(std::slice::from_ref(&path)) {
            Ok(_) => panic!("{} loaded without errors", path.display()),
            Err(errors) => errors,
        };
        let mut rendered = String::new();
        for e in errors.iter() {
            codes.extend(e.code().map(|c| c.to_string()));
            rendered.push_str(&render(e));
            rendered.push('\n');
        }
        let name = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("?")
            .to_string();
        insta::assert_snapshot!(name, rendered);
    }
    assert!(
        codes.len() >= 15,
        "only {} distinct codes: {codes:?}",
        codes.len()
    );
}
