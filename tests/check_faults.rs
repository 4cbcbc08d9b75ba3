//! Faults met in an archive, through the real binary: each is reported with its file (or
//! record number), every other file is still checked, the exit code is the documented one
//! (2: an input could not be read), and nothing panics.

mod common;

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};
use std::time::{Duration, Instant};

use common::*;
use serde_json::Value;

fn jsonl(out: &Output) -> Vec<Value> {
    String::from_utf8(out.stdout.clone())
        .expect("output is UTF-8")
        .lines()
        .map(|line| serde_json::from_str(line).expect("each line is JSON"))
        .collect()
}

/// The file objects of a JSON report, by path.
fn by_path(report: &Value) -> std::collections::BTreeMap<String, Value> {
    report["files"]
        .as_array()
        .expect("files")
        .iter()
        .map(|f| (f["path"].as_str().unwrap().to_string(), f.clone()))
        .collect()
}

fn assert_no_panic(out: &Output) {
    let err = stderr(out);
    assert!(!err.contains("panicked"), "{err}");
    assert!(out.status.code().is_some(), "killed by a signal: {err}");
}

/// A file this process cannot read. `chmod 000` does not stop root, so there (or where the
/// mode does not stop a read) the file is a link to `/proc/self/mem`, which every reader gets
/// an I/O error from at offset 0. `None` where neither works.
fn unreadable_file(dir: &Path) -> Option<PathBuf> {
    use std::os::unix::fs::PermissionsExt;
    let path = dir.join("unreadable.txt");
    fs::write(&path, CLEAN).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o000)).unwrap();
    if fs::read(&path).is_err() {
        return Some(path);
    }
    fs::remove_file(&path).unwrap();
    if cfg!(target_os = "linux") && fs::read("/proc/self/mem").is_err() {
        eprintln!("note: chmod 000 does not stop this user; using a link to /proc/self/mem");
        std::os::unix::fs::symlink("/proc/self/mem", &path).unwrap();
        return Some(path);
    }
    eprintln!("skipped: no way to make an unreadable file for this user");
    None
}

/// 100 MB of real text, written in pieces.
fn hundred_megabytes(path: &Path) {
    let mut file = std::io::BufWriter::new(fs::File::create(path).unwrap());
    let line = format!("{CLEAN}\n");
    let mut written = 0;
    while written < 100_000_000 {
        file.write_all(line.as_bytes()).unwrap();
        written += line.len();
    }
    file.flush().unwrap();
}

#[test]
fn every_fault_is_reported_with_its_file_and_the_others_are_checked() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("archive");
    fs::create_dir_all(root.join("sub")).unwrap();
    fs::write(root.join("a-contradiction.txt"), CONTRADICTION).unwrap();
    fs::write(root.join("b-binary.txt"), b"PK\x03\x04\x00\x00binary").unwrap();
    fs::write(root.join("c-latin1.txt"), b"Caf\xe9 prices rose 4%.").unwrap();
    hundred_megabytes(&root.join("d-huge.txt"));
    fs::write(root.join("sub/e-clean.txt"), CLEAN).unwrap();
    std::os::unix::fs::symlink(root.join("sub"), root.join("sub/loop")).unwrap();
    let unreadable = unreadable_file(&root);
    fs::write(root.join("z-contradiction.md"), CONTRADICTION).unwrap();

    for jobs in ["1", "2"] {
        let out = run(&["check", "--format", "json", "--jobs", jobs, &s(&root)]);
        assert_no_panic(&out);
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        let report: Value = serde_json::from_slice(&out.stdout).expect("the report is JSON");
        let files = by_path(&report);
        let error_of = |name: &str| {
            let file = &files[&s(&root.join(name))];
            file["error"].as_str().unwrap_or_default().to_string()
        };
        assert!(error_of("b-binary.txt").contains("binary file (NUL byte at offset 4)"));
        assert!(error_of("c-latin1.txt").contains(":1:4: invalid UTF-8 (byte offset 3)"));
        assert!(
            error_of("d-huge.txt").contains("bytes is larger than the limit of 33554432 bytes")
        );
        assert!(error_of("sub/loop").contains("loop"), "{files:?}");
        if let Some(path) = &unreadable {
            let name = path.file_name().unwrap().to_str().unwrap();
            assert!(!error_of(name).is_empty(), "{files:?}");
        }
        // The other files were checked.
        for name in ["a-contradiction.txt", "z-contradiction.md"] {
            let file = &files[&s(&root.join(name))];
            assert_eq!(file["error"], Value::Null);
            assert_eq!(file["findings"][0]["rule"], "part-exceeds-whole", "{name}");
        }
        assert_eq!(
            files[&s(&root.join("sub/e-clean.txt"))]["error"],
            Value::Null
        );
        let failed = 4 + usize::from(unreadable.is_some());
        assert_eq!(report["summary"]["files"], files.len());
        assert_eq!(report["summary"]["files_with_errors"], failed);
        assert_eq!(report["summary"]["errors"], 2);
        // Each error is also on stderr, naming its file.
        let err = stderr(&out);
        for name in ["b-binary.txt", "c-latin1.txt", "d-huge.txt", "sub/loop"] {
            assert!(err.contains(&s(&root.join(name))), "{name}: {err}");
        }
    }
}

#[test]
fn a_100_mb_file_over_a_given_limit_is_refused_unread_and_the_next_is_checked() {
    let dir = tempfile::tempdir().unwrap();
    let huge = dir.path().join("huge.txt");
    hundred_megabytes(&huge);
    let small = dir.path().join("small.txt");
    fs::write(&small, CONTRADICTION).unwrap();
    // Over the limit: refused on its stated size, without reading it.
    let started = Instant::now();
    let out = run(&[
        "check",
        "--format",
        "jsonl",
        "--max-file-size",
        "1000000",
        &s(&huge),
        &s(&small),
    ]);
    assert_no_panic(&out);
    assert!(started.elapsed() < Duration::from_secs(20));
    assert_eq!(out.status.code(), Some(2));
    let lines = jsonl(&out);
    assert_eq!(lines.len(), 2);
    assert!(lines[0]["error"].as_str().unwrap().contains("100000"));
    assert_eq!(lines[1]["findings"][0]["rule"], "part-exceeds-whole");
}

#[test]
fn a_file_deleted_while_the_run_is_going_on_is_reported_and_the_run_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let fifos = [dir.path().join("first.txt"), dir.path().join("second.txt")];
    for fifo in &fifos {
        let made = std::process::Command::new("mkfifo").arg(fifo).status();
        if !made.is_ok_and(|status| status.success()) {
            eprintln!("skipped: mkfifo is not available");
            return;
        }
    }
    let victim = dir.path().join("victim.txt");
    let after = dir.path().join("after.txt");
    fs::write(&victim, CLEAN).unwrap();
    fs::write(&after, CONTRADICTION).unwrap();
    // Two threads, each stuck reading a FIFO: the run is going on, and the victim (walked
    // already, or about to be) has not been read when it is deleted.
    let child = bin()
        .args(["check", "--format", "jsonl", "--jobs", "2"])
        .args([&fifos[0], &fifos[1], &victim, &after])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let writers: Vec<fs::File> = fifos.iter().map(|fifo| open_when_read(fifo)).collect();
    fs::remove_file(&victim).unwrap();
    for mut writer in writers {
        writer.write_all(CLEAN.as_bytes()).unwrap();
    }
    let out = child.wait_with_output().unwrap();
    assert_no_panic(&out);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let lines = jsonl(&out);
    let paths: Vec<_> = lines.iter().map(|l| l["path"].as_str().unwrap()).collect();
    assert_eq!(
        paths,
        [&s(&fifos[0]), &s(&fifos[1]), &s(&victim), &s(&after)]
    );
    assert_eq!(lines[0]["error"], Value::Null);
    // Whether the walk or the read meets the deletion, the report is the same.
    let error = lines[2]["error"].as_str().unwrap();
    assert!(error.contains("No such file or directory"), "{error}");
    assert_eq!(lines[3]["findings"][0]["rule"], "part-exceeds-whole");
}

/// Opens `fifo` for writing once a reader has it open (a non-blocking open fails until then),
/// within 30 seconds.
fn open_when_read(fifo: &Path) -> fs::File {
    use std::os::unix::fs::OpenOptionsExt;
    const O_NONBLOCK: i32 = 0o4000; // Linux
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        match fs::OpenOptions::new()
            .write(true)
            .custom_flags(O_NONBLOCK)
            .open(fifo)
        {
            Ok(file) => return file,
            Err(err) if Instant::now() < deadline => {
                let _ = err;
                std::thread::sleep(Duration::from_millis(5));
            }
            Err(err) => panic!("factlint never opened {}: {err}", fifo.display()),
        }
    }
}

#[test]
fn a_record_that_is_not_json_is_reported_with_its_number_and_the_others_go_on() {
    let input = [
        format!(r#"{{"id": "a", "text": "{CONTRADICTION}"}}"#).into_bytes(),
        b"this is not JSON".to_vec(),
        Vec::new(),
        br#"{"id": 4, "body": "no text"}"#.to_vec(),
        br#"{"id": 5, "text": ["wrong", "type"]}"#.to_vec(),
        b"{\"id\": 6, \"text\": \"caf\xe9\"}".to_vec(),
        format!(r#"{{"id": 7.0, "text": "{CLEAN}", "date": "2014-09-22"}}"#).into_bytes(),
    ]
    .join(&b'\n');
    let out = run_with_stdin(
        &["check", "--input-format", "jsonl", "--format", "jsonl", "-"],
        &input,
    );
    assert_no_panic(&out);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let lines = jsonl(&out);
    let summary: Vec<_> = lines
        .iter()
        .map(|l| {
            (
                l["id"].to_string(),
                l["record"].as_u64().unwrap(),
                l["error"].is_null(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            ("\"a\"".to_string(), 1, true),
            ("null".to_string(), 2, false),
            ("4".to_string(), 4, false),
            ("5".to_string(), 5, false),
            ("null".to_string(), 6, false),
            ("7.0".to_string(), 7, true),
        ]
    );
    assert_eq!(lines[0]["findings"][0]["rule"], "part-exceeds-whole");
    assert_eq!(lines[1]["path"], "-#2");
    assert!(
        lines[1]["error"]
            .as_str()
            .unwrap()
            .starts_with("-#2: not JSON")
    );
    assert!(lines[2]["error"].as_str().unwrap().contains("no `text`"));
    assert!(
        lines[3]["error"]
            .as_str()
            .unwrap()
            .contains("`text` must be a string, not an array")
    );
    assert!(stderr(&out).contains("-#2: not JSON"));
}

#[test]
fn a_record_file_that_is_not_json_names_the_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("batch.jsonl");
    fs::write(&file, format!("{{\"text\": \"{CLEAN}\"}}\n{{\"text\": \n")).unwrap();
    let out = run(&[
        "check",
        "--input-format",
        "jsonl",
        "--format",
        "jsonl",
        &s(dir.path()),
    ]);
    assert_no_panic(&out);
    assert_eq!(out.status.code(), Some(2));
    let lines = jsonl(&out);
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[1]["path"], format!("{}#2", s(&file)));
    assert_eq!(lines[1]["record"], 2);
    assert!(
        lines[1]["error"]
            .as_str()
            .unwrap()
            .contains("not JSON: EOF")
    );
}
