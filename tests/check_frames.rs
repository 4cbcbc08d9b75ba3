//! What a figure is about decides what is compared: fixtures of our own for each phenomenon of
//! the claim frame, through the real binary, each with the finding or the silence it must give.

mod common;

use std::path::Path;

use common::{bin, root};
use serde_json::Value;

/// The rule and the labelled words of each finding of `path`.
fn findings(path: &Path) -> Vec<(String, Vec<String>)> {
    let out = bin()
        .args(["check", "--no-config", "--format", "json"])
        .arg(path)
        .output()
        .expect("factlint runs");
    let report: Value = serde_json::from_slice(&out.stdout).expect("a JSON report");
    report["files"][0]["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            let rule = f["rule"].as_str().unwrap_or_default().to_string();
            let words = f["labels"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|l| l["text"].as_str().map(str::to_string))
                .collect();
            (rule, words)
        })
        .collect()
}

fn frames_fixture(name: &str) -> std::path::PathBuf {
    root().join("fixtures/frames").join(name)
}

#[test]
fn parallel_sentences_about_different_owners_are_a_series() {
    // Four people, four sentences: no figure is stated twice.
    assert_eq!(findings(&frames_fixture("roster.txt")), []);
}

#[test]
fn figures_for_different_periods_are_different_figures() {
    assert_eq!(findings(&frames_fixture("periods.txt")), []);
}

#[test]
fn shares_of_different_wholes_or_groups_do_not_add_up() {
    assert_eq!(findings(&frames_fixture("wholes.txt")), []);
}

#[test]
fn distribution_words_keep_rates_totals_and_items_apart() {
    assert_eq!(findings(&frames_fixture("distribution.txt")), []);
}

#[test]
fn what_is_not_a_figure_of_the_story_is_never_compared() {
    assert_eq!(findings(&frames_fixture("non-figures.txt")), []);
}

#[test]
fn thresholds_brackets_classes_templates_and_starting_levels_are_not_restatements() {
    // "<5" and "5–9 µg/dL", ages "≤15" and "16–17", a 15- and a 30-minute period, one template
    // with "zero" and "1.0", references of two different comparisons, and the level a
    // movement started from against the level it reached.
    assert_eq!(findings(&frames_fixture("categories.txt")), []);
}

#[test]
fn a_paragraphs_year_holds_for_its_later_sentences() {
    // Each paragraph's figures belong to its own fiscal year; "respectively" pairs figures and
    // years in order.
    assert_eq!(findings(&frames_fixture("years.txt")), []);
}

#[test]
fn a_hedged_restatement_is_compared_by_its_interval() {
    let found = findings(&frames_fixture("hedged-restatement.txt"));
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "repeated-figure");
    assert_eq!(found[0].1, ["40", "around 120"]);
}

#[test]
fn a_paraphrased_restatement_meets_its_first_statement() {
    // "the rate of unemployment in Ruritania" and "Ruritania's unemployment rate".
    let found = findings(&frames_fixture("paraphrase.txt"));
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "repeated-figure");
    assert_eq!(found[0].1, ["7.4%", "4.7%"]);
}

#[test]
fn multipliers_are_compared_with_multipliers_of_the_same_thing() {
    let path = frames_fixture("multipliers.txt");
    // 16 and 16 about Eastvale agree; 4 is about another network.
    assert_eq!(findings(&path), []);
    let text = std::fs::read_to_string(&path).expect("fixture");
    let edited = text.replacen(
        "is 16 times faster than copper",
        "is 20 times faster than copper",
        1,
    );
    let dir = tempfile::tempdir().expect("temp dir");
    let copy = dir.path().join("multipliers.txt");
    std::fs::write(&copy, edited).expect("written");
    let found = findings(&copy);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].1, ["16", "20"]);
}

#[test]
fn one_wrong_figure_among_agreeing_ones_is_one_finding() {
    let text = "Rail strike\n\nThe union said 1,240 drivers walked out on Monday.\n\n\
                Managers said 1,240 drivers walked out on Monday, and 80 stayed at work.\n\n\
                By the evening the company said 1,420 drivers walked out on Monday.\n";
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("strike.txt");
    std::fs::write(&path, text).expect("written");
    let found = findings(&path);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "repeated-figure");
    assert!(found[0].1.contains(&"1,420".to_string()), "{found:?}");
}

/// Each quantity of a fixture with its frame, one per line, as `factlint claims` gives them.
fn frames_of(name: &str) -> String {
    let report = common::claims_json(&frames_fixture(name));
    common::only_file_claims(&report)
        .iter()
        .filter(|c| c["kind"] == "quantity")
        .map(|c| format!("{}  {}", c["text"].as_str().unwrap_or_default(), c["frame"]))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn frames_of_the_fixtures() {
    for name in [
        "roster.txt",
        "periods.txt",
        "distribution.txt",
        "paraphrase.txt",
    ] {
        insta::assert_snapshot!(format!("frames-{name}"), frames_of(name));
    }
}
