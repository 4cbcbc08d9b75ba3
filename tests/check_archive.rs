//! `factlint check` over an archive, through the real binary: the same output on any number of
//! threads, shards that split the inputs, record input, and the run-loop flags and exit codes.

mod common;

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;
use std::process::Output;

use common::*;
use serde_json::Value;

/// The inputs of an archive: the real corpus when present, our fixtures, and a folder of
/// small articles with contradictions and faults.
fn archive(dir: &Path) -> Vec<String> {
    for i in 0..40 {
        let text = if i % 5 == 0 { CONTRADICTION } else { CLEAN };
        fs::write(dir.join(format!("article-{i:03}.txt")), text).unwrap();
    }
    fs::write(dir.join("binary.txt"), b"\x00\x01").unwrap();
    fs::write(dir.join("latin1.md"), b"caf\xe9").unwrap();
    let mut paths = vec![s(dir), fixture("articles"), fixture("source")];
    match corpus() {
        Some(corpus) => paths.push(s(&corpus)),
        None => eprintln!("note: ../shared/corpus is absent; the archive is our fixtures only"),
    }
    paths
}

fn check(args: &[&str], paths: &[String]) -> Output {
    let mut all: Vec<&str> = vec!["check"];
    all.extend(args);
    all.extend(paths.iter().map(String::as_str));
    run(&all)
}

/// The JSON report without its timing, the one thing that differs from run to run.
fn without_timing(out: &Output) -> Value {
    let mut report: Value = serde_json::from_slice(&out.stdout).expect("the report is JSON");
    report["summary"]["elapsed_ms"] = Value::from(0);
    report
}

#[test]
fn one_thread_and_two_give_the_same_output_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let paths = archive(dir.path());
    let one = check(&["--format", "jsonl", "--jobs", "1"], &paths);
    let two = check(&["--format", "jsonl", "--jobs", "2"], &paths);
    assert_eq!(one.status.code(), Some(2), "{}", stderr(&one));
    assert_eq!(two.status.code(), one.status.code());
    assert!(one.stdout == two.stdout, "jsonl output differs");
    assert!(one.stdout.len() > 1000);
    assert_eq!(stderr(&one), stderr(&two));

    let one = check(&["--format", "json", "--jobs", "1"], &paths);
    let four = check(&["--format", "json", "--jobs", "4"], &paths);
    assert_eq!(without_timing(&one), without_timing(&four));
    let report = without_timing(&one);
    assert!(report["summary"]["errors"].as_u64().unwrap() >= 8);
    assert_eq!(report["summary"]["files_with_errors"], 2);

    let one = check(&["--jobs", "1"], &paths);
    let two = check(&["--jobs", "2"], &paths);
    assert!(one.stdout == two.stdout, "human output differs");
}

#[test]
fn outcomes_come_in_walk_order() {
    let dir = tempfile::tempdir().unwrap();
    let paths = archive(dir.path());
    let out = check(&["--format", "jsonl", "--jobs", "2"], &paths);
    let listed = paths_listed(&out);
    // Within each folder, sorted by name; folders in the order given.
    let ours: Vec<_> = listed
        .iter()
        .filter(|p| p.starts_with(&paths[0]))
        .cloned()
        .collect();
    let mut sorted = ours.clone();
    sorted.sort();
    assert_eq!(ours, sorted);
    assert_eq!(ours.len(), 42);
    assert!(listed[..42].iter().all(|p| p.starts_with(&paths[0])));
}

fn paths_listed(out: &Output) -> Vec<String> {
    String::from_utf8(out.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["path"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect()
}

#[test]
fn the_shards_union_is_the_whole_with_no_overlap() {
    let dir = tempfile::tempdir().unwrap();
    let paths = archive(dir.path());
    let whole = paths_listed(&check(&["--format", "jsonl"], &paths));
    for n in [2, 7] {
        let mut union = Vec::new();
        for k in 1..=n {
            let shard = format!("{k}/{n}");
            let out = check(&["--format", "jsonl", "--shard", &shard], &paths);
            let listed = paths_listed(&out);
            // Positions k, k+n, k+2n, ... of the walk.
            let expected: Vec<_> = whole.iter().skip(k - 1).step_by(n).cloned().collect();
            assert_eq!(listed, expected, "shard {shard}");
            union.extend(listed);
        }
        let distinct: BTreeSet<_> = union.iter().collect();
        assert_eq!(distinct.len(), union.len(), "overlap among {n} shards");
        assert_eq!(distinct, whole.iter().collect(), "{n} shards miss inputs");
    }
}

#[test]
fn records_are_sharded_too() {
    let input: String = (1..=10)
        .map(|i| format!("{{\"id\": {i}, \"text\": \"{CLEAN}\"}}\n"))
        .collect();
    let ids = |shard: &str| -> Vec<u64> {
        let out = run_with_stdin(
            &[
                "check",
                "--input-format",
                "jsonl",
                "--format",
                "jsonl",
                "--shard",
                shard,
            ],
            input.as_bytes(),
        );
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .map(|l| {
                serde_json::from_str::<Value>(l).unwrap()["id"]
                    .as_u64()
                    .unwrap()
            })
            .collect()
    };
    assert_eq!(ids("1/3"), [1, 4, 7, 10]);
    assert_eq!(ids("2/3"), [2, 5, 8]);
    assert_eq!(ids("3/3"), [3, 6, 9]);
}

#[test]
fn a_bad_shard_or_job_count_is_a_usage_error() {
    for args in [
        ["--shard", "0/2"],
        ["--shard", "3/2"],
        ["--shard", "half"],
        ["--jobs", "0"],
        ["--jobs", "many"],
    ] {
        let out = run(&["check", args[0], args[1], &fixture("articles")]);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty());
        assert!(
            stderr(&out).contains(&format!("invalid value '{}'", args[1])),
            "{args:?}"
        );
    }
}

/// A rule file whose one rule reports at warning level.
fn warning_rules(dir: &Path) -> String {
    let path = dir.join("warn.rules");
    fs::write(
        &path,
        r#"/// A part of a whole cannot be larger than the whole.
rule part-larger {
  severity warning
  let whole = quantity where exact() and dimension(count) and whole.part_of == ""
  let part = quantity where exact() and after(whole) and part.part_of != ""
  require part <= whole
  message "{part} is part of {whole}, but larger"
}
"#,
    )
    .unwrap();
    s(&path)
}

#[test]
fn max_warnings_and_exit_codes() {
    let dir = tempfile::tempdir().unwrap();
    let rules = warning_rules(dir.path());
    let two = [dir.path().join("a.txt"), dir.path().join("b.txt")];
    for path in &two {
        fs::write(path, CONTRADICTION).unwrap();
    }
    let files: Vec<String> = two.iter().map(|p| s(p)).collect();
    let code = |extra: &[&str]| {
        let mut args = vec!["--rules", rules.as_str(), "--format", "json"];
        args.extend(extra);
        let out = check(&args, &files);
        let report: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(report["summary"]["warnings"], 2, "{report}");
        (out.status.code(), stderr(&out))
    };
    assert_eq!(code(&[]).0, Some(0));
    assert_eq!(code(&["--max-warnings", "2"]).0, Some(0));
    let (status, err) = code(&["--max-warnings", "1"]);
    assert_eq!(status, Some(1));
    assert!(
        err.contains("error: 2 warnings, more than --max-warnings 1"),
        "{err}"
    );
    assert_eq!(code(&["--max-warnings", "0", "--exit-zero"]).0, Some(0));

    // Error-level findings: 1; an unreadable input as well: 2 wins.
    let mut with_missing = files.clone();
    assert_eq!(check(&[], &files).status.code(), Some(1));
    with_missing.push(s(&dir.path().join("missing.txt")));
    assert_eq!(check(&[], &with_missing).status.code(), Some(2));
    assert_eq!(
        check(&["--exit-zero"], &with_missing).status.code(),
        Some(0)
    );
    assert_eq!(check(&[], &[fixture("articles")]).status.code(), Some(0));
}

#[test]
fn quiet_keeps_findings_and_errors_but_drops_notes_and_the_summary() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a.txt");
    fs::write(&file, CONTRADICTION).unwrap();
    let missing = s(&dir.path().join("missing.txt"));
    let paths = [s(&file), missing.clone()];
    let loud = check(&[], &paths);
    let quiet = check(&["--quiet"], &paths);
    assert_eq!(loud.stdout, quiet.stdout);
    assert!(String::from_utf8_lossy(&quiet.stdout).contains("part-exceeds-whole"));
    assert!(stderr(&loud).contains("2 files checked"));
    assert!(
        !stderr(&quiet).contains("files checked"),
        "{}",
        stderr(&quiet)
    );
    assert!(stderr(&quiet).contains(&missing));
    assert_eq!(quiet.status.code(), Some(2));
}

#[test]
fn no_progress_line_when_stderr_is_not_a_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let paths = archive(dir.path());
    let out = check(&["--format", "json"], &paths);
    let err = stderr(&out);
    assert!(!err.contains("files checked in"), "{err}");
    assert!(!err.contains('\r'));
}

/// Results come out while stdin is still open: records are not read to the end first.
#[test]
fn records_stream_through_before_the_input_ends() {
    use std::io::{BufRead, BufReader, Write};
    use std::process::Stdio;
    use std::sync::mpsc;
    use std::time::Duration;

    for jobs in ["1", "2"] {
        let mut child = bin()
            .args([
                "check",
                "--input-format",
                "jsonl",
                "--format",
                "jsonl",
                "--jobs",
                jobs,
                "-",
            ])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (lines, received) = mpsc::channel();
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let id = serde_json::from_str::<Value>(&line.unwrap()).unwrap()["id"].clone();
                if lines.send(id).is_err() {
                    break;
                }
            }
        });
        let record = |i: usize| format!("{{\"id\": {i}, \"text\": \"{CLEAN}\"}}\n");
        // More records than the threads take ahead (4 per thread), then wait with stdin open.
        for i in 1..=20 {
            stdin.write_all(record(i).as_bytes()).unwrap();
        }
        stdin.flush().unwrap();
        for expected in 1..=5 {
            let id = received
                .recv_timeout(Duration::from_secs(30))
                .unwrap_or_else(|_| {
                    panic!("--jobs {jobs}: no result {expected} while stdin is open")
                });
            assert_eq!(id, expected);
        }
        drop(stdin);
        let rest: Vec<Value> = received.iter().collect();
        assert_eq!(rest.len(), 15);
        reader.join().unwrap();
        assert_eq!(child.wait().unwrap().code(), Some(0));
    }
}
