//! Every `--format` of `factlint check` through the real binary, on the articles of
//! `fixtures/report/` (a path with a space, a comma and a non-ASCII letter among them), a file
//! that does not exist, and the fixed rules of `fixtures/report/report.rules`.

mod common;

use std::process::Output;

use common::*;
use serde_json::Value;

const MISSING: &str = "fixtures/report/missing.txt";

/// `factlint check --rules fixtures/report/report.rules --format FORMAT fixtures/report/ MISSING`,
/// run from the repository root so that paths are relative.
fn check(format: &str) -> Output {
    let out = bin()
        .current_dir(root())
        .args([
            "check",
            "--rules",
            "fixtures/report/report.rules",
            "--format",
            format,
            "fixtures/report/",
            MISSING,
        ])
        .output()
        .expect("the factlint binary runs");
    // The missing file makes the run exit 2; the others are still checked and reported.
    assert_eq!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("UTF-8 output")
}

fn without_version(report: &str) -> String {
    report.replace(
        &format!("\"{}\"", env!("CARGO_PKG_VERSION")),
        "\"[VERSION]\"",
    )
}

#[test]
fn human() {
    let out = check("human");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("4 files checked: 3 errors, 1 warning, 0 infos; 1 file could not be read"),
        "{stderr}"
    );
    assert!(stderr.contains("missing.txt: No such file"), "{stderr}");
    insta::assert_snapshot!("check-human", stdout(&out));
}

#[test]
fn json() {
    let mut report: Value = serde_json::from_str(&stdout(&check("json"))).expect("JSON");
    assert_eq!(report["summary"]["files"], 4);
    assert_eq!(report["files"][3]["path"], MISSING);
    report["summary"]["elapsed_ms"] = Value::from(0);
    insta::assert_json_snapshot!("check-json", report);
}

#[test]
fn jsonl_lines_are_the_files_of_the_json_report() {
    let jsonl = stdout(&check("jsonl"));
    let json: Value = serde_json::from_str(&stdout(&check("json"))).expect("JSON");
    let lines: Vec<Value> = jsonl
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect();
    assert_eq!(&Value::Array(lines), &json["files"]);
    insta::assert_snapshot!("check-jsonl", jsonl);
}

#[test]
fn sarif_is_valid_and_names_the_rules_and_the_unreadable_file() {
    let sarif = stdout(&check("sarif"));
    if let Some(path) = std::env::var_os("FACTLINT_SARIF_OUT") {
        // For running Microsoft's validator on what the tests see.
        std::fs::write(path, &sarif).expect("FACTLINT_SARIF_OUT is writable");
    }
    let log: Value = serde_json::from_str(&sarif).expect("JSON");
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("fixtures/sarif/sarif-schema-2.1.0.json"))
            .expect("the schema fixture"),
    )
    .expect("the schema is JSON");
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(&log)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");

    let run = &log["runs"][0];
    let rules: Vec<&str> = run["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        rules,
        [
            "part-larger-than-whole",
            "count-of-list",
            "unused-suppression",
            "invalid-suppression"
        ]
    );
    let uris: Vec<&str> = run["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap()
        })
        .collect();
    assert!(
        uris.contains(&"fixtures/report/dossier%20%C3%BC/port%20raid%2C%20Valletta.txt"),
        "{uris:?}"
    );
    let notification = &run["invocations"][0]["toolExecutionNotifications"][0];
    assert_eq!(notification["level"], "error");
    assert_eq!(
        notification["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        MISSING
    );
    assert_eq!(run["invocations"][0]["executionSuccessful"], false);
    insta::assert_snapshot!("check-sarif", without_version(&sarif));
}

#[test]
fn sarif_of_stdin() {
    let out = run_with_stdin(
        &["check", "--format", "sarif", "-"],
        "Police said 61 people were arrested in the raid. 75 of the arrests concerned forged papers.".as_bytes(),
    );
    assert_eq!(out.status.code(), Some(1));
    let log: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let result = &log["runs"][0]["results"][0];
    assert_eq!(
        result["locations"][0]["physicalLocation"]["artifactLocation"],
        serde_json::json!({"uri": "stdin"})
    );
    assert_eq!(
        result["locations"][0]["physicalLocation"]["region"]["snippet"]["text"],
        "61"
    );
    assert_eq!(
        log["runs"][0]["invocations"][0]["executionSuccessful"],
        true
    );
}

#[test]
fn github() {
    let github = stdout(&check("github"));
    assert!(github.lines().all(|l| l.starts_with("::")), "{github}");
    insta::assert_snapshot!("check-github", github);
}

#[test]
fn junit() {
    let junit = stdout(&check("junit"));
    let xml = roxmltree::Document::parse(&junit).expect("well-formed XML");
    let suite = xml
        .descendants()
        .find(|n| n.has_tag_name("testsuite"))
        .expect("a test suite");
    // Two files with errors, one clean, one unreadable.
    assert_eq!(suite.attribute("tests"), Some("4"));
    assert_eq!(suite.attribute("failures"), Some("2"));
    assert_eq!(suite.attribute("errors"), Some("1"));
    let timeless = regex::Regex::new(r#"time="[0-9]+\.[0-9]{3}""#)
        .unwrap()
        .replace_all(&junit, r#"time="[TIME]""#)
        .into_owned();
    insta::assert_snapshot!("check-junit", timeless);
}

#[test]
fn every_format_is_documented_and_the_examples_are_true() {
    let cli = std::fs::read_to_string(root().join("docs/cli.md")).unwrap();
    let formats = std::fs::read_to_string(root().join("docs/report-formats.md")).unwrap();
    let json = std::fs::read_to_string(root().join("docs/report-json.md")).unwrap();
    for format in factlint::report::reporter::ReportFormat::ALL {
        let row = format!("| `{}`", format.name());
        assert!(
            cli.contains(&row),
            "{} is not in docs/cli.md",
            format.name()
        );
        assert!(
            formats.contains(&row),
            "{} is not in docs/report-formats.md",
            format.name()
        );
    }
    // The examples check a two-line article.txt and a missing.txt.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("article.txt"),
        "Europol said 1,027 individuals were arrested.\n1,100 of the arrests involved fraud.\n",
    )
    .unwrap();
    for (format, doc) in [("github", &formats), ("jsonl", &json)] {
        let out = bin()
            .current_dir(dir.path())
            .args(["check", "--format", format, "article.txt", "missing.txt"])
            .output()
            .unwrap();
        for line in String::from_utf8(out.stdout).unwrap().lines() {
            assert!(doc.contains(line), "{format}: the docs lack {line}");
        }
    }
}
