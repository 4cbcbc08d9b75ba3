//! `factlint check` with a configuration file, through the real binary: found from the working
//! directory upward or named with `--config`, its errors pointed at, its settings applied, and
//! the command line winning over it.

mod common;

use std::fs;
use std::path::Path;
use std::process::{Output, Stdio};

use common::*;
use serde_json::Value;

/// Fires `part-exceeds-whole` (an error in the standard library).
const CONTRADICTION: &str =
    "Europol said 1,027 individuals were arrested. 1,100 of the arrests involved fraud.\n";
/// Fires `percent-bounds` too.
const TWO_FINDINGS: &str = "Europol said 1,027 individuals were arrested. 1,100 of the arrests \
                            involved fraud.\n\nTurnout reached 120% of the voters.\n";

fn write(path: &Path, text: &str) {
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

/// `factlint ARGS` run in `dir`.
fn run_in(dir: &Path, args: &[&str]) -> Output {
    bin()
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .output()
        .expect("the factlint binary runs")
}

/// The rules and severities of every finding of a JSON report, by file name.
fn findings(out: &Output) -> Vec<(String, String, String)> {
    let report: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", stderr(out)));
    let mut found = Vec::new();
    for file in report["files"].as_array().unwrap() {
        let name = Path::new(file["path"].as_str().unwrap())
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        for f in file["findings"].as_array().unwrap() {
            found.push((
                name.clone(),
                f["rule"].as_str().unwrap().to_string(),
                f["severity"].as_str().unwrap().to_string(),
            ));
        }
    }
    found
}

fn owned(rows: &[(&str, &str, &str)]) -> Vec<(String, String, String)> {
    rows.iter()
        .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
        .collect()
}

#[test]
fn the_nearest_file_above_the_working_directory_is_found_and_applied() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(&root.join("reports/a.txt"), TWO_FINDINGS);
    let deep = root.join("reports/2014/09");
    fs::create_dir_all(&deep).unwrap();

    // No configuration: both findings at their own severity.
    let plain = run_in(root, &["check", "--format", "json", "reports"]);
    assert_eq!(plain.status.code(), Some(1), "{}", stderr(&plain));
    assert_eq!(
        findings(&plain),
        owned(&[
            ("a.txt", "part-exceeds-whole", "error"),
            ("a.txt", "percent-bounds", "error"),
        ])
    );

    write(
        &root.join("factlint.toml"),
        "[rules]\ndisable = [\"percent-bounds\"]\n\n[rules.severity]\npart-exceeds-whole = \"warning\"\n",
    );
    // Found from a folder two levels below it; the paths are the command line's.
    let configured = run_in(&deep, &["check", "--format", "json", "../.."]);
    assert_eq!(configured.status.code(), Some(0), "{}", stderr(&configured));
    assert_eq!(
        findings(&configured),
        owned(&[("a.txt", "part-exceeds-whole", "warning")])
    );

    // A nearer file wins over the one above it.
    write(&deep.join("factlint.toml"), "");
    let nearer = run_in(&deep, &["check", "--format", "json", "../.."]);
    assert_eq!(nearer.status.code(), Some(1));
    assert_eq!(findings(&nearer).len(), 2);
}

#[test]
fn a_bad_key_exits_2_before_any_document_is_read_and_points_at_the_key() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(&root.join("a.txt"), CONTRADICTION);
    write(
        &root.join("factlint.toml"),
        "format = \"json\"\nexlude = [\"drafts/\"]\n",
    );
    let out = run_in(root, &["check", "a.txt"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty(), "no document was reported");
    let err = stderr(&out);
    assert!(err.contains("factlint::config::unknown_key"), "{err}");
    assert!(err.contains("unknown key `exlude`"), "{err}");
    // The label is at line 2, column 1 of the file, under the key.
    assert!(err.contains("factlint.toml:2:1]"), "{err}");
    assert!(err.contains("did you mean `exclude`?"), "{err}");
    assert!(err.contains("no document was read"), "{err}");
}

#[test]
fn a_wrong_type_and_an_unknown_rule_are_errors_too() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(&root.join("a.txt"), CONTRADICTION);
    write(&root.join("types.toml"), "strict = \"yes\"\n");
    let out = run_in(root, &["check", "--config", "types.toml", "a.txt"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("factlint::config::wrong_type"));

    write(
        &root.join("rules.toml"),
        "[rules]\ndisable = [\"part-exceeds-hole\"]\n",
    );
    let out = run_in(root, &["check", "--config", "rules.toml", "a.txt"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("factlint::config::unknown_rule"), "{err}");
    assert!(err.contains("did you mean `part-exceeds-whole`?"), "{err}");

    // A file named with --config that does not exist is an error, not a silent default.
    let out = run_in(root, &["check", "--config", "missing.toml", "a.txt"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("factlint::config::read"));
}

#[test]
fn globs_narrow_a_walked_folder_but_not_a_named_file() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    for name in [
        "reports/2014/a.txt",
        "reports/2014/b.draft.txt",
        "reports/drafts/c.txt",
        "notes/n.txt",
    ] {
        write(&root.join(name), CONTRADICTION);
    }
    write(
        &root.join("factlint.toml"),
        "include = [\"reports/\"]\nexclude = [\"drafts/\", \"*.draft.txt\"]\n",
    );
    let out = run_in(root, &["check", "--format", "json", "."]);
    let names: Vec<String> = findings(&out).into_iter().map(|(name, ..)| name).collect();
    assert_eq!(names, ["a.txt"]);

    let named = run_in(
        root,
        &["check", "--format", "json", "reports/2014/b.draft.txt"],
    );
    assert_eq!(
        findings(&named).len(),
        1,
        "a file named is read whatever the globs"
    );
}

#[test]
fn the_file_sets_defaults_and_the_command_line_wins() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(&root.join("a.txt"), CONTRADICTION);
    write(
        &root.join("factlint.toml"),
        "format = \"jsonl\"\nmax-warnings = 0\n\n[rules.severity]\npart-exceeds-whole = \"warning\"\n",
    );
    // format and max-warnings from the file: one warning is too many.
    let out = run_in(root, &["check", "a.txt"]);
    assert_eq!(out.status.code(), Some(1));
    let line: Value = serde_json::from_slice(&out.stdout).expect("one jsonl line");
    assert_eq!(line["findings"][0]["severity"], "warning");
    assert!(stderr(&out).contains("1 warnings, more than --max-warnings 0"));

    // The flags win.
    let out = run_in(
        root,
        &["check", "--format", "json", "--max-warnings", "1", "a.txt"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(findings(&out).len(), 1);

    // --config names another file, and the one found upward is not read.
    write(
        &root.join("other.toml"),
        "[rules]\ndisable = [\"part-exceeds-whole\"]\n",
    );
    let out = run_in(
        root,
        &[
            "check",
            "--config",
            "other.toml",
            "--format",
            "json",
            "a.txt",
        ],
    );
    assert_eq!(out.status.code(), Some(0));
    assert!(findings(&out).is_empty());
}

#[test]
fn strict_and_the_file_itself_can_be_turned_off_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    // With no date, the EU's size cannot be told: an info finding, but only when strict.
    write(
        &root.join("a.txt"),
        "The ministers of all 27 EU member states met in Brussels.\n",
    );
    write(&root.join("factlint.toml"), "strict = true\n");
    let strict = owned(&[("a.txt", "kb-membership", "info")]);

    let out = run_in(root, &["check", "--format", "json", "a.txt"]);
    assert_eq!(findings(&out), strict, "{}", stderr(&out));
    let out = run_in(root, &["check", "--format", "json", "--no-strict", "a.txt"]);
    assert!(findings(&out).is_empty(), "{}", stderr(&out));
    // The last of --strict and --no-strict wins.
    let out = run_in(
        root,
        &[
            "check",
            "--format",
            "json",
            "--no-strict",
            "--strict",
            "a.txt",
        ],
    );
    assert_eq!(findings(&out), strict);
    let out = run_in(root, &["check", "--format", "json", "--no-config", "a.txt"]);
    assert!(findings(&out).is_empty(), "{}", stderr(&out));

    // --no-config does not read even a broken file.
    write(&root.join("factlint.toml"), "strict = \"yes\"\n");
    let out = run_in(root, &["check", "--format", "json", "a.txt"]);
    assert_eq!(out.status.code(), Some(2));
    let out = run_in(root, &["check", "--format", "json", "--no-config", "a.txt"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // Naming a file and refusing all files is a usage error.
    let out = run_in(
        root,
        &["check", "--config", "x.toml", "--no-config", "a.txt"],
    );
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn rule_files_extend_the_standard_library_from_the_file_and_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(&root.join("a.txt"), TWO_FINDINGS);
    let house = "/// Any percentage above 100 %, as a warning of our own.\nrule house-share {\n  severity warning\n  let p = quantity where dimension(percent)\n  require p <= 100 %\n  message \"{p} is over 100 %\"\n}\n";
    write(&root.join("rules/house.rules"), house);
    let extra = run_in(
        root,
        &[
            "check",
            "--format",
            "json",
            "--extend-rules",
            "rules/house.rules",
            "a.txt",
        ],
    );
    let rules: Vec<String> = findings(&extra).into_iter().map(|(_, r, _)| r).collect();
    assert!(rules.contains(&"house-share".to_string()), "{rules:?}");
    assert!(
        rules.contains(&"part-exceeds-whole".to_string()),
        "the standard library is still loaded: {rules:?}"
    );

    // The same through the file's extend-files, relative to the file's folder.
    write(
        &root.join("factlint.toml"),
        "[rules]\nextend-files = [\"rules/house.rules\"]\n",
    );
    let sub = root.join("sub");
    fs::create_dir_all(&sub).unwrap();
    let from_file = run_in(&sub, &["check", "--format", "json", "../a.txt"]);
    assert_eq!(findings(&from_file), findings(&extra));

    // --rules replaces the whole set: only the house rule runs.
    let only = run_in(
        root,
        &[
            "check",
            "--format",
            "json",
            "--rules",
            "rules/house.rules",
            "a.txt",
        ],
    );
    let rules: Vec<String> = findings(&only).into_iter().map(|(_, r, _)| r).collect();
    assert_eq!(rules, ["house-share"]);
}
