//! Record input (JSON Lines) through every output format: each result is named by its record,
//! carries the record's `id` where the format has a place for it (jsonl, json), and a record
//! that cannot be read is a result with its error and its number.

mod common;

use std::fs;
use std::path::Path;
use std::process::Output;

use common::*;
use factlint::report::reporter::ReportFormat;
use serde_json::Value;

/// Record 1: a contradiction (id "a-1"); 2: not JSON; 3: blank, skipped; 4: clean, id 1.50;
/// 5: longer than the size limit of the runs below.
fn batch(dir: &Path) -> String {
    let file = dir.join("batch.jsonl");
    let long = format!(r#"{{"id": 5, "text": "{}"}}"#, "word ".repeat(100));
    let lines = [
        format!(r#"{{"id": "a-1", "text": "{CONTRADICTION}"}}"#),
        "not json".to_string(),
        String::new(),
        r#"{"id": 1.50, "text": "Police seized 1.3 tonnes of cannabis."}"#.to_string(),
        long,
    ];
    fs::write(&file, lines.join("\n") + "\n").unwrap();
    file.display().to_string()
}

fn check(format: ReportFormat, file: &str) -> Output {
    run(&[
        "check",
        "--input-format",
        "jsonl",
        "--max-file-size",
        "300",
        "--format",
        format.name(),
        file,
    ])
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("UTF-8")
}

#[test]
fn jsonl_lines_lead_with_the_id_as_written_and_the_record_number() {
    let dir = tempfile::tempdir().unwrap();
    let file = batch(dir.path());
    let out = check(ReportFormat::Jsonl, &file);
    assert_eq!(out.status.code(), Some(2), "records that cannot be read");
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    let heads: Vec<String> = lines
        .iter()
        .map(|l| l.split(",\"path\"").next().unwrap().to_string())
        .collect();
    assert_eq!(
        heads,
        [
            r#"{"id":"a-1","record":1"#,
            r#"{"id":null,"record":2"#,
            r#"{"id":1.50,"record":4"#,
            r#"{"id":null,"record":5"#,
        ]
    );
    let parsed: Vec<Value> = lines
        .iter()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(parsed[0]["path"], format!("{file}#1"));
    assert_eq!(parsed[0]["findings"][0]["rule"], "part-exceeds-whole");
    assert!(
        parsed[1]["error"]
            .as_str()
            .unwrap()
            .starts_with(&format!("{file}#2: not JSON"))
    );
    assert!(parsed[2]["error"].is_null());
    assert!(
        parsed[3]["error"]
            .as_str()
            .unwrap()
            .contains("larger than the limit")
    );
}

#[test]
fn json_file_objects_carry_the_id_and_number() {
    let dir = tempfile::tempdir().unwrap();
    let file = batch(dir.path());
    let out = check(ReportFormat::Json, &file);
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let files = report["files"].as_array().unwrap();
    let ids: Vec<(String, u64)> = files
        .iter()
        .map(|f| (f["id"].to_string(), f["record"].as_u64().unwrap()))
        .collect();
    assert_eq!(
        ids,
        [
            ("\"a-1\"".to_string(), 1),
            ("null".to_string(), 2),
            ("1.5".to_string(), 4),
            ("null".to_string(), 5)
        ]
    );
    assert_eq!(report["summary"]["files"], 4);
    assert_eq!(report["summary"]["files_with_errors"], 2);
    assert!(
        stdout(&out).contains("\"id\": 1.50,"),
        "the id is echoed as written"
    );
}

#[test]
fn the_other_formats_name_each_record_by_its_path_and_number() {
    let dir = tempfile::tempdir().unwrap();
    let file = batch(dir.path());

    let github = stdout(&check(ReportFormat::Github, &file));
    assert!(github.contains(&format!("::error file={file}#1,line=1,col=14,")));
    assert!(github.contains(&format!("::error file={file}#2::{file}#2: not JSON")));

    let junit = stdout(&check(ReportFormat::Junit, &file));
    for n in [1, 2, 4, 5] {
        assert!(
            junit.contains(&format!("<testcase name=\"{file}#{n}\"")),
            "{junit}"
        );
    }

    let sarif: Value = serde_json::from_slice(&check(ReportFormat::Sarif, &file).stdout).unwrap();
    let uri = sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
        ["artifactLocation"]["uri"]
        .as_str()
        .unwrap();
    assert!(uri.ends_with("batch.jsonl%231"), "{uri}");

    let human = check(ReportFormat::Human, &file);
    assert!(stdout(&human).contains(&format!("{file}#1:1:14")));
    let err = String::from_utf8_lossy(&human.stderr);
    assert!(err.contains(&format!("{file}#2: not JSON")), "{err}");
    assert!(err.contains("4 files checked: 1 error"), "{err}");
}
