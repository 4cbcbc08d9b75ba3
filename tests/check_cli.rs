//! `factlint check` and `factlint test` through the real binary, with the standard rules.

mod common;

use common::*;
use serde_json::Value;

fn check_json(path: &std::path::Path) -> (Option<i32>, Value) {
    let out = run(&["check", "--format", "json", &path.display().to_string()]);
    let report = serde_json::from_slice(&out.stdout).expect("the report is JSON");
    (out.status.code(), report)
}

/// The rules with a label on `words`, found inside the edited phrase `phrase`.
fn fired_at(report: &Value, text: &str, phrase: &str, words: &str) -> Vec<String> {
    let at = text.find(phrase).expect("the edited phrase is in the text")
        + phrase.find(words).expect("words in phrase");
    let edited = (at, at + words.len());
    report["files"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| {
            f["labels"].as_array().unwrap().iter().any(|l| {
                let (s, e) = (
                    l["start"].as_u64().unwrap() as usize,
                    l["end"].as_u64().unwrap() as usize,
                );
                s < edited.1 && edited.0 < e
            })
        })
        .map(|f| f["rule"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn the_seed_article_is_clean_and_each_edit_is_caught_at_the_edited_words() {
    let Some(seed) = seed() else {
        eprintln!("skipped: ../shared/seeds is absent");
        return;
    };
    let (code, report) = check_json(&seed);
    assert_eq!(code, Some(0));
    assert_eq!(
        report["files"][0]["findings"],
        Value::Array(vec![]),
        "{report}"
    );
    let original = std::fs::read_to_string(&seed).unwrap();
    let dir = tempfile::tempdir().unwrap();
    for (from, to, words) in [
        ("34 countries", "35 countries", "35"),
        ("Ninety of the arrests", "1,100 of the arrests", "1,100"),
        (
            "1.3 kilograms of heroin",
            "300 kilograms of heroin",
            "300 kilograms",
        ),
        ("all 28 EU Member States", "all 27 EU Member States", "27"),
    ] {
        let edited = original.replacen(from, to, 1);
        let path = dir.path().join("edited.txt");
        std::fs::write(&path, &edited).unwrap();
        let (code, report) = check_json(&path);
        assert_eq!(code, Some(1), "{to}: {report}");
        assert!(
            !fired_at(&report, &edited, to, words).is_empty(),
            "{to}: no finding on {words:?}: {report}"
        );
    }
}

#[test]
fn our_fixture_article_is_clean_and_an_edit_is_caught() {
    let path = root().join("fixtures/articles/harbour-operation.txt");
    let (code, report) = check_json(&path);
    assert_eq!(code, Some(0), "{report}");
    let original = std::fs::read_to_string(&path).unwrap();
    let edited = original.replacen(
        "Twelve were detained in Cyprus",
        "900 were detained in Cyprus",
        1,
    );
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("edited.txt");
    std::fs::write(&copy, &edited).unwrap();
    let (code, report) = check_json(&copy);
    assert_eq!(code, Some(1));
    // One finding for each statement of the whole ("842 people were detained", twice).
    let fired = fired_at(&report, &edited, "900 were detained", "900");
    assert!(
        !fired.is_empty() && fired.iter().all(|r| r == "scoped-part-exceeds-whole"),
        "{fired:?}"
    );
    let finding = &report["files"][0]["findings"][0];
    assert_eq!(finding["severity"], "error");
    assert!(finding["labels"][0]["line"].as_u64().unwrap() >= 1);
    assert_eq!(
        report["summary"]["errors"].as_u64(),
        Some(fired.len() as u64)
    );
}

#[test]
fn human_output_names_the_rule_and_underlines_the_words() {
    let out = run_with_stdin(
        &["check", "-"],
        b"Europol said 1,027 individuals were arrested. 1,100 of the arrests involved fraud.",
    );
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("part-exceeds-whole"), "{stdout}");
    assert!(stdout.contains("part: 1,100 (arrest)"), "{stdout}");
    assert!(
        String::from_utf8(out.stderr)
            .unwrap()
            .contains("1 file checked: 1 error")
    );
}

#[test]
fn the_standard_library_passes_its_own_tests() {
    let out = run(&["test"]);
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(stdout.contains(" passed, 0 failed"), "{stdout}");
}

#[test]
fn a_failing_rule_test_exits_1_and_shows_what_was_found() {
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("wrong.rules");
    std::fs::write(
        &rules,
        "rule big {\n  let q = quantity\n  require q < 10\n}\n\ntest \"wrong expectation\" {\n  text \"There were 5 cars.\"\n  expect big\n}\n",
    )
    .unwrap();
    let out = run(&["test", &rules.display().to_string()]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.contains("FAIL  wrong expectation") && stdout.contains("found:    no finding"),
        "{stdout}"
    );
    // A folder stands for the rule files in it.
    let folder = run(&["test", &dir.path().display().to_string()]);
    assert_eq!(folder.status.code(), Some(1));
    assert_eq!(String::from_utf8(folder.stdout).unwrap(), stdout);
}

#[test]
fn the_standard_library_is_in_canonical_layout() {
    let out = bin()
        .current_dir(root())
        .args(["fmt", "--check", "rules/std/standard.rules"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn every_flag_of_check_is_in_its_section_of_docs_cli() {
    let cli = std::fs::read_to_string(root().join("docs/cli.md")).unwrap();
    let start = cli.find("## `factlint check`").expect("the check section");
    let end = cli[start..]
        .find("## `factlint test`")
        .map_or(cli.len(), |e| start + e);
    let section = &cli[start..end];
    let help = run(&["check", "--help"]);
    let help = String::from_utf8(help.stdout).unwrap();
    let flags: Vec<&str> = help
        .split(|c: char| c.is_whitespace() || c == ',' || c == '[' || c == ']')
        .filter(|w| w.starts_with("--") && w.len() > 2)
        .map(|w| w.split('=').next().unwrap())
        .filter(|w| {
            w.chars()
                .skip(2)
                .all(|c| c.is_ascii_lowercase() || c == '-')
        })
        .collect();
    assert!(flags.len() >= 18, "{flags:?}");
    for flag in flags {
        if flag == "--help" {
            continue;
        }
        assert!(
            section.contains(&format!("`{flag}")) || section.contains(&format!("`-j`, `{flag}")),
            "{flag} is not in the check section of docs/cli.md"
        );
    }
}
