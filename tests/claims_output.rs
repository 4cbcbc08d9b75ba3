//! What people and machines read from `factlint claims`: table snapshots, JSON Lines, stdin,
//! the JSON round trip, and errors that name the file and let the other files go on.

mod common;

use common::*;
use factlint::report::claims::ClaimsReport;
use serde_json::Value;

fn table(rel: &str) -> String {
    let out = bin()
        .current_dir(root())
        .args(["claims", &format!("fixtures/{rel}")])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn table_snapshots() {
    for name in [
        "number-forms",
        "approximations",
        "non-quantities",
        "units",
        "dates",
        "lists",
    ] {
        insta::assert_snapshot!(
            format!("table-{name}"),
            table(&format!("claims/{name}.txt"))
        );
    }
    insta::assert_snapshot!(
        "table-harbour-operation",
        table("articles/harbour-operation.txt")
    );
}

#[test]
fn json_reads_back_into_the_claim_model() {
    let out = run(&[
        "claims",
        "--format",
        "json",
        &fixture("articles/harbour-operation.txt"),
    ]);
    let report: ClaimsReport = serde_json::from_slice(&out.stdout).expect("the JSON reads back");
    assert_eq!(report.version, 1);
    let again = serde_json::to_string(&report).unwrap();
    let reread: ClaimsReport = serde_json::from_str(&again).unwrap();
    assert_eq!(report, reread);
    assert!(report.files[0].claims.len() > 10);
}

#[test]
fn jsonl_has_one_file_per_line() {
    let out = run(&["claims", "--format", "jsonl", &fixture("claims")]);
    assert_eq!(out.status.code(), Some(0));
    let lines: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 6);
    let paths: Vec<&str> = lines.iter().map(|l| l["path"].as_str().unwrap()).collect();
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted, "files come out in path order");
}

#[test]
fn stdin_is_a_document() {
    let out = run_with_stdin(
        &["claims", "--format", "json", "-"],
        "Police seized 1.3 tonnes of cannabis.".as_bytes(),
    );
    assert_eq!(out.status.code(), Some(0));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["files"][0]["path"], "-");
    let claims = only_file_claims(&report);
    assert_eq!(quantity(&claims, "1.3 tonnes")["predicate"], "seize");
}

#[test]
fn html_and_markdown_offsets_point_into_the_original() {
    for rel in ["source/news.html", "source/article.md"] {
        let path = root().join("fixtures").join(rel);
        let original = std::fs::read_to_string(&path).unwrap();
        let report = claims_json(&path);
        let claims = only_file_claims(&report);
        assert!(!claims.is_empty(), "{rel}");
        for c in &claims {
            let (s, e) = (
                c["start"].as_u64().unwrap() as usize,
                c["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(&original[s..e], c["text"].as_str().unwrap(), "{rel}");
        }
    }
}

#[test]
fn a_bad_file_is_reported_and_the_others_go_on() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a-good.txt"),
        "Police seized 12 kg of heroin.",
    )
    .unwrap();
    std::fs::write(dir.path().join("b-latin1.txt"), b"Caf\xe9 sold 12 cakes.").unwrap();
    std::fs::write(dir.path().join("c-binary.txt"), b"\x00\x01\x02 12 kg").unwrap();
    std::fs::write(dir.path().join("d-empty.txt"), b"").unwrap();
    std::fs::write(
        dir.path().join("e-good.md"),
        "# Title\n\nOfficers made 40 arrests.",
    )
    .unwrap();
    let out = run(&[
        "claims",
        "--format",
        "jsonl",
        &dir.path().display().to_string(),
    ]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "an unreadable input makes exit code 2"
    );
    let lines: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 5);
    assert_eq!(lines[0]["claims"][0]["text"], "12 kg");
    assert!(lines[1]["error"].as_str().unwrap().contains("UTF-8"));
    assert!(lines[2]["error"].as_str().unwrap().contains("binary"));
    assert_eq!(lines[3]["claims"], Value::Array(vec![]));
    assert_eq!(lines[4]["claims"][0]["text"], "40");
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("b-latin1.txt:1:4"), "{stderr}");
    assert!(stderr.contains("c-binary.txt"), "{stderr}");
    assert!(
        stderr.contains("d-empty.txt") && stderr.contains("empty"),
        "{stderr}"
    );
}

#[test]
fn missing_paths_and_oversized_files() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.txt");
    std::fs::write(&big, "1,027 people. ".repeat(1000)).unwrap();
    let missing = dir.path().join("missing.txt");
    let out = run(&[
        "claims",
        "--max-file-size",
        "1000",
        &big.display().to_string(),
        &missing.display().to_string(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("big.txt") && stderr.contains("missing.txt"),
        "{stderr}"
    );
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(run(&["claims"]).status.code(), Some(2));
    assert_eq!(
        run(&["claims", "--date", "yesterday", "x.txt"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(run(&["frobnicate"]).status.code(), Some(2));
}

#[test]
fn a_huge_file_and_a_symlink_loop_are_reported_and_the_rest_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let huge = std::fs::File::create(dir.path().join("huge.txt")).unwrap();
    huge.set_len(100 * 1024 * 1024).unwrap(); // 100 MB, never read: the size says no
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    std::os::unix::fs::symlink(dir.path(), dir.path().join("sub/loop")).unwrap();
    std::fs::write(dir.path().join("sub/ok.txt"), "Officers made 40 arrests.").unwrap();
    let out = run(&[
        "claims",
        "--format",
        "jsonl",
        &dir.path().display().to_string(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("huge.txt"), "{stderr}");
    assert!(stderr.contains("loop"), "{stderr}");
    assert!(
        stdout.contains("\"40\""),
        "the good file is still read: {stdout}"
    );
}
