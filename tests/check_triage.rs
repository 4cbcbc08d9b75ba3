//! Suppressions and baselines through the real binary (docs/suppressions-and-baselines.md):
//! comments that silence a finding in Markdown and plain text, the pseudo-rules for unused and
//! invalid ones, and baselines that keep accepted findings out of the report across edits.

mod common;

use std::fs;
use std::process::Output;

use common::*;
use serde_json::Value;

const WHOLE: &str = "Europol said 1,027 individuals were arrested.";
const PART: &str = "1,100 of the arrests involved forged papers.";
const SHARE: &str = "Turnout reached 120% of the voters.";

fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", stderr(out)))
}

/// The rule of every finding of a JSON report, file by file.
fn rules(report: &Value) -> Vec<String> {
    report["files"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| f["findings"].as_array().unwrap().iter())
        .map(|f| f["rule"].as_str().unwrap().to_string())
        .collect()
}

fn check_json(args: &[&str]) -> (Output, Value) {
    let mut all = vec!["check", "--format", "json"];
    all.extend(args);
    let out = run(&all);
    let report = json(&out);
    (out, report)
}

#[test]
fn a_comment_silences_its_rule_in_markdown_and_in_plain_text() {
    let dir = tempfile::tempdir().unwrap();
    let markdown = dir.path().join("a.md");
    let text = dir.path().join("a.txt");
    let unsuppressed = dir.path().join("b.txt");
    fs::write(
        &markdown,
        format!(
            "# Raids\n\n<!-- factlint-disable-next-line part-exceeds-whole -- earlier raids -->\n{WHOLE}\n{PART}\n\n{SHARE}\n"
        ),
    )
    .unwrap();
    fs::write(
        &text,
        format!("{WHOLE} factlint: ignore part-exceeds-whole\n{PART}\n\n{SHARE}\n"),
    )
    .unwrap();
    fs::write(&unsuppressed, format!("{WHOLE}\n{PART}\n\n{SHARE}\n")).unwrap();

    let (out, report) = check_json(&[&s(&markdown), &s(&text), &s(&unsuppressed)]);
    assert_eq!(out.status.code(), Some(1));
    let per_file: Vec<Vec<&str>> = report["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            f["findings"]
                .as_array()
                .unwrap()
                .iter()
                .map(|x| x["rule"].as_str().unwrap())
                .collect()
        })
        .collect();
    assert_eq!(
        per_file,
        [
            vec!["percent-bounds"],
            vec!["percent-bounds"],
            vec!["part-exceeds-whole", "percent-bounds"],
        ],
        "only the rule named, only on the line of the finding's first label"
    );
}

#[test]
fn an_unused_suppression_is_reported_only_on_request_and_an_invalid_one_always() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a.txt");
    fs::write(
        &file,
        format!(
            "{WHOLE} {PART} factlint: ignore part-exceeds-whole, list-count\nNo figures. factlint: ignore part-exceds-whole\n"
        ),
    )
    .unwrap();
    let (out, report) = check_json(&[&s(&file)]);
    assert_eq!(rules(&report), ["invalid-suppression"]);
    assert_eq!(out.status.code(), Some(0), "a warning fails nothing");
    let finding = &report["files"][0]["findings"][0];
    assert_eq!(finding["severity"], "warning");
    assert_eq!(finding["help"], "did you mean `part-exceeds-whole`?");

    let (out, report) = check_json(&["--report-unused-suppressions", &s(&file)]);
    assert_eq!(
        rules(&report),
        ["unused-suppression", "invalid-suppression"]
    );
    let unused = &report["files"][0]["findings"][0];
    assert_eq!(unused["labels"][0]["text"], "list-count");
    assert_eq!(unused["labels"][0]["line"], 1);
    // They are warnings, counted by --max-warnings.
    assert_eq!(report["summary"]["warnings"], 2);
    let strict = run(&[
        "check",
        "--report-unused-suppressions",
        "--max-warnings",
        "1",
        &s(&file),
    ]);
    assert_eq!(strict.status.code(), Some(1));
    assert_eq!(out.status.code(), Some(0));

    // In SARIF they are results of rules the log describes.
    let sarif = run(&[
        "check",
        "--format",
        "sarif",
        "--report-unused-suppressions",
        &s(&file),
    ]);
    let log: Value = serde_json::from_slice(&sarif.stdout).unwrap();
    let run = &log["runs"][0];
    let described = &run["tool"]["driver"]["rules"];
    for result in run["results"].as_array().unwrap() {
        let index = result["ruleIndex"].as_u64().expect("a rule index") as usize;
        assert_eq!(described[index]["id"], result["ruleId"]);
    }
    assert_eq!(run["results"].as_array().unwrap().len(), 2);
}

/// An article of two paragraphs with one contradiction in each.
fn article(before: &str) -> String {
    format!(
        "{before}{WHOLE} {PART}\n\nPolice detained 418 suspects. 520 of the suspects were released.\n"
    )
}

#[test]
fn a_baseline_hides_accepted_findings_across_edits_and_reports_new_and_fixed_ones() {
    let dir = tempfile::tempdir().unwrap();
    let reports = dir.path().join("reports");
    fs::create_dir(&reports).unwrap();
    let a = reports.join("a.txt");
    let clean = reports.join("clean.txt");
    fs::write(&a, article("")).unwrap();
    fs::write(&clean, "Police seized 1.3 tonnes of cannabis.\n").unwrap();
    let baseline = dir.path().join("baseline.json");

    let written = run(&["check", &s(&reports), "--write-baseline", &s(&baseline)]);
    assert_eq!(written.status.code(), Some(0), "{}", stderr(&written));
    assert!(
        written.stdout.is_empty(),
        "nothing is reported while writing"
    );
    assert!(stderr(&written).contains(&format!("2 findings written to {}", s(&baseline))));
    let file: Value = serde_json::from_str(&fs::read_to_string(&baseline).unwrap()).unwrap();
    assert_eq!(file["findings"].as_array().unwrap().len(), 2);

    // Unchanged: everything is baselined.
    let (out, report) = check_json(&[&s(&reports), "--baseline", &s(&baseline)]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(rules(&report).is_empty());
    assert_eq!(report["summary"]["baselined"], 2);
    assert_eq!(report["summary"]["fixed"], 0);

    // A paragraph inserted above moves both findings down: still baselined.
    fs::write(
        &a,
        article("An introduction of a few words.\n\nAnd a second one.\n\n"),
    )
    .unwrap();
    let (out, report) = check_json(&[&s(&reports), "--baseline", &s(&baseline)]);
    assert_eq!(out.status.code(), Some(0));
    assert!(rules(&report).is_empty(), "{report}");
    assert_eq!(report["summary"]["baselined"], 2);

    // The first contradiction fixed, a new one added in another file.
    fs::write(
        &a,
        "Europol said 1,027 individuals were arrested. 900 of the arrests involved forged papers.\n\nPolice detained 418 suspects. 520 of the suspects were released.\n",
    )
    .unwrap();
    fs::write(&clean, format!("{SHARE}\n")).unwrap();
    let (out, report) = check_json(&[&s(&reports), "--baseline", &s(&baseline)]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "the new finding decides the exit code"
    );
    assert_eq!(rules(&report), ["percent-bounds"]);
    assert_eq!(report["summary"]["baselined"], 1);
    assert_eq!(report["summary"]["fixed"], 1);
    assert_eq!(report["summary"]["errors"], 1);

    // People read the counts on the summary line.
    let human = run(&["check", &s(&reports), "--baseline", &s(&baseline)]);
    assert!(
        stderr(&human).contains("; 1 baselined, 1 fixed in "),
        "{}",
        stderr(&human)
    );

    // A file not checked in this run is neither matched nor fixed.
    let (_, report) = check_json(&[&s(&clean), "--baseline", &s(&baseline)]);
    assert_eq!(report["summary"]["baselined"], 0);
    assert_eq!(report["summary"]["fixed"], 0);
}

#[test]
fn a_baseline_that_cannot_be_read_stops_the_run_with_2() {
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("baseline.json");
    fs::write(&broken, "{\"version\": 1, \"findings\": [{\"path\": 3}]}").unwrap();
    let out = run(&["check", "--baseline", &s(&broken), &fixture("articles")]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert!(
        stderr(&out).contains("factlint::baseline::invalid"),
        "{}",
        stderr(&out)
    );
    let missing = run(&[
        "check",
        "--baseline",
        &s(&dir.path().join("none.json")),
        &fixture("articles"),
    ]);
    assert_eq!(missing.status.code(), Some(2));
    let both = run(&[
        "check",
        "--baseline",
        &s(&broken),
        "--write-baseline",
        &s(&broken),
        &fixture("articles"),
    ]);
    assert_eq!(
        both.status.code(),
        Some(2),
        "the two flags exclude each other"
    );

    // A baseline that cannot be written fails the run, even with --exit-zero.
    let unwritable = dir.path().join("no-such-folder/baseline.json");
    let out = run(&[
        "check",
        "--exit-zero",
        "--write-baseline",
        &s(&unwritable),
        &fixture("articles"),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("factlint::baseline::io"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn records_are_baselined_by_their_id_wherever_they_are_in_the_input() {
    let dir = tempfile::tempdir().unwrap();
    let baseline = dir.path().join("baseline.json");
    let record =
        |id: &str, text: &str| serde_json::json!({"id": id, "text": text}).to_string() + "\n";
    let contradiction = format!("{WHOLE} {PART}");
    let first = record("r-1", &contradiction) + &record("r-2", "No figures.");
    let args = ["check", "--input-format", "jsonl", "--format", "jsonl", "-"];
    let mut write = args.to_vec();
    write.extend(["--write-baseline", baseline.to_str().unwrap()]);
    let out = run_with_stdin(&write, first.as_bytes());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));

    // The record moved to another line, and a new one with the same text under another id.
    let second = record("r-2", "No figures.")
        + &record("r-1", &contradiction)
        + &record("r-3", &contradiction);
    let mut filter = args.to_vec();
    filter.extend(["--baseline", baseline.to_str().unwrap()]);
    let out = run_with_stdin(&filter, second.as_bytes());
    assert_eq!(out.status.code(), Some(1));
    let lines: Vec<Value> = out
        .stdout
        .split(|b| *b == b'\n')
        .filter(|l| !l.is_empty())
        .map(|l| serde_json::from_slice(l).unwrap())
        .collect();
    let found: Vec<(&str, usize)> = lines
        .iter()
        .map(|l| {
            (
                l["id"].as_str().unwrap(),
                l["findings"].as_array().unwrap().len(),
            )
        })
        .collect();
    assert_eq!(found, [("r-2", 0), ("r-1", 0), ("r-3", 1)]);
}
