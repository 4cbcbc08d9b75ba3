//! The PySpark job of docs/ci.md (`tests/spark/check_archive.py`), run for real on a local
//! Spark (`local[2]`): a few hundred records, some with planted contradictions, piped through
//! factlint with `RDD.pipe`; the findings it collects must equal those of `factlint check`
//! run directly on the same records.
//!
//! It needs Java and pyspark (`python3 -m pip install pyspark`), and skips with a message
//! where either is missing. `.ci/run` installs pyspark, so CI runs it.

mod common;

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

use common::*;
use serde_json::{Value, json};

/// Corpus articles to take when the corpus is present.
const CORPUS_RECORDS: usize = 300;

/// Contradictions of our own, each planted in several records.
const PLANTED: &[&str] = &[
    "Europol said 1,027 individuals were arrested. 1,100 of the arrests involved forged papers.",
    "Police detained 418 suspects in the raids. 520 of the suspects were later released on bail.",
    "Turnout reached 120% of the registered voters, the electoral commission said.",
    "Officers from 35 countries took part: all 28 EU Member States as well as Norway, Serbia, Switzerland, Australia, Colombia and the USA.",
    "The authorities questioned 64 people. 80 of the people questioned were foreign nationals.",
    "The price of a ticket rose from 40 euros to 50 euros, an increase of 20 euros.",
];

/// Why the test cannot run here, if it cannot.
fn missing_tools() -> Option<String> {
    let java = Command::new("java")
        .arg("-version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
    if !java.is_ok_and(|s| s.success()) {
        return Some("Java is not installed (Spark needs Java 17 or later)".into());
    }
    let pyspark = Command::new("python3")
        .args(["-c", "import pyspark"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
    if !pyspark.is_ok_and(|s| s.success()) {
        return Some("pyspark is not installed (python3 -m pip install pyspark)".into());
    }
    None
}

/// The records: corpus articles (or else the fixture articles, several times over), the
/// planted contradictions, the fixtures that each fire one rule, and records that cannot be
/// read.
fn records() -> Vec<String> {
    let mut texts: Vec<(String, String)> = Vec::new();
    match corpus() {
        Some(dir) => {
            let mut names: Vec<_> = fs::read_dir(&dir)
                .expect("the corpus folder")
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "txt"))
                .collect();
            names.sort();
            for path in names.into_iter().take(CORPUS_RECORDS) {
                let name = path.file_stem().unwrap().to_string_lossy().into_owned();
                texts.push((format!("corpus/{name}"), fs::read_to_string(&path).unwrap()));
            }
        }
        None => {
            eprintln!("note: ../shared/corpus is absent; the records are our fixtures only");
            let article = fs::read_to_string(fixture("articles/harbour-operation.txt")).unwrap();
            for i in 0..CORPUS_RECORDS {
                texts.push((format!("fixture/harbour-{i}"), article.clone()));
            }
        }
    }
    for (i, text) in PLANTED.iter().enumerate() {
        for copy in 0..5 {
            let padded = format!("A report from the archive, copy {copy}.\n\n{text}\n");
            texts.push((format!("planted/{i}/{copy}"), padded));
        }
    }
    let mut findings: Vec<_> = fs::read_dir(root().join("fixtures/findings"))
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    findings.sort();
    let mut lines: Vec<String> = texts
        .into_iter()
        .map(|(id, text)| json!({"id": id, "text": text, "format": "text"}).to_string())
        .collect();
    for path in findings {
        let format = if path.extension().is_some_and(|x| x == "md") {
            "markdown"
        } else {
            "text"
        };
        let id = format!("fixture/{}", path.file_name().unwrap().to_string_lossy());
        let text = fs::read_to_string(&path).unwrap();
        lines.push(
            json!({"id": id, "text": text, "format": format, "date": "2014-09-22"}).to_string(),
        );
    }
    lines.push("this record is not JSON".into());
    lines.push(json!({"id": "no-text", "body": "no text"}).to_string());
    lines.push(json!({"id": 17, "text": PLANTED[0]}).to_string());
    // The order of an archive is not the order of its ids.
    lines.rotate_left(37);
    lines
}

/// The rows the job collects from result lines, as `findings_of` in check_archive.py makes
/// them: one per finding (id, rule, severity, message, labels' offsets and words) or per
/// record that could not be read (id, error without its path).
fn rows_of(result: &Value) -> Vec<Value> {
    let mut rows = Vec::new();
    let id = result.get("id").cloned().unwrap_or(Value::Null);
    if let Some(error) = result["error"].as_str() {
        let prefix = format!("{}: ", result["path"].as_str().unwrap());
        let error = error.strip_prefix(&prefix).unwrap_or(error);
        rows.push(json!({"id": id, "error": error}));
    }
    for f in result["findings"].as_array().unwrap() {
        let labels: Vec<Value> = f["labels"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| json!({"start": l["start"], "end": l["end"], "text": l["text"], "label": l["label"]}))
            .collect();
        rows.push(json!({
            "id": id,
            "rule": f["rule"],
            "severity": f["severity"],
            "message": f["message"],
            "labels": labels,
        }));
    }
    rows
}

fn sorted(mut rows: Vec<Value>) -> Vec<Value> {
    rows.sort_by_cached_key(|row| row.to_string());
    rows
}

fn json_lines(text: &str) -> Vec<Value> {
    text.lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

#[test]
fn the_pyspark_job_collects_the_same_findings_as_factlint_run_directly() {
    if let Some(why) = missing_tools() {
        eprintln!("skipped: the Spark test needs Java and pyspark: {why}");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("records.jsonl");
    let lines = records();
    fs::write(&input, lines.join("\n") + "\n").unwrap();
    let input = input.display().to_string();
    let config = empty_config(dir.path());

    let direct = run(&[
        "check",
        "--config",
        &config,
        "--input-format",
        "jsonl",
        "--format",
        "jsonl",
        &input,
    ]);
    assert_eq!(direct.status.code(), Some(2), "two records cannot be read");
    let results = json_lines(&String::from_utf8(direct.stdout).unwrap());
    assert_eq!(results.len(), lines.len(), "one result line per record");
    let expected = sorted(results.iter().flat_map(rows_of).collect());

    let output = dir.path().join("findings.jsonl");
    let started = Instant::now();
    let job = Command::new("python3")
        .arg(root().join("tests/spark/check_archive.py"))
        .args([&input, &output.display().to_string()])
        .args(["--factlint", env!("CARGO_BIN_EXE_factlint")])
        .args(["--master", "local[2]", "--partitions", "4"])
        // A fresh temporary folder is no place for a configuration; none is looked for above
        // the workers' folders either.
        .args(["--config", &config])
        .env("SPARK_LOCAL_IP", "127.0.0.1")
        .stdin(Stdio::null())
        .output()
        .expect("python3 runs");
    let took = started.elapsed();
    assert!(
        job.status.success(),
        "the Spark job failed:\n{}",
        String::from_utf8_lossy(&job.stderr)
    );
    eprintln!(
        "the Spark job took {:.1} s: {}",
        took.as_secs_f64(),
        String::from_utf8_lossy(&job.stdout).trim()
    );
    let collected = sorted(json_lines(&fs::read_to_string(&output).unwrap()));
    assert_eq!(collected.len(), expected.len());
    assert!(
        collected == expected,
        "the job's findings differ from a direct run"
    );

    // The planted contradictions were found, in every copy, and the bad records told.
    for (i, _) in PLANTED.iter().enumerate() {
        for copy in 0..5 {
            let id = format!("planted/{i}/{copy}");
            assert!(
                collected
                    .iter()
                    .any(|r| r["id"] == id.as_str() && r.get("rule").is_some()),
                "no finding for {id}"
            );
        }
    }
    let errors: Vec<&Value> = collected
        .iter()
        .filter(|r| r.get("error").is_some())
        .collect();
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(collected.len() > 40, "{} rows", collected.len());
}

/// A configuration with nothing in it, so that no `factlint.toml` above the test's folders
/// changes the job's run.
fn empty_config(dir: &Path) -> String {
    let path = dir.join("factlint.toml");
    fs::write(&path, "").unwrap();
    path.display().to_string()
}
