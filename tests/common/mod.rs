//! Helpers for integration tests: run the real binary, read its JSON.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

pub fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_factlint"))
}

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn fixture(rel: &str) -> String {
    root().join("fixtures").join(rel).display().to_string()
}

/// The shared seed article, when the material beside the repository is present.
pub fn seed() -> Option<PathBuf> {
    let path = root().join("../shared/seeds/000_2319a253f9972857.txt");
    path.is_file().then_some(path)
}

pub fn corpus() -> Option<PathBuf> {
    let path = root().join("../shared/corpus/dev");
    path.is_dir().then_some(path)
}

pub fn run(args: &[&str]) -> Output {
    bin()
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("the factlint binary runs")
}

pub fn run_with_stdin(args: &[&str], input: &[u8]) -> Output {
    use std::io::Write;
    let mut child = bin()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the factlint binary runs");
    child
        .stdin
        .take()
        .expect("stdin is piped")
        .write_all(input)
        .expect("stdin takes the input");
    child
        .wait_with_output()
        .expect("the factlint binary finishes")
}

/// `factlint claims --format json PATH`, parsed; asserts exit code 0.
pub fn claims_json(path: &Path) -> Value {
    let out = run(&["claims", "--format", "json", &path.display().to_string()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("claims output is JSON")
}

/// The claims of the only file in a report.
pub fn only_file_claims(report: &Value) -> Vec<Value> {
    let files = report["files"].as_array().expect("files is an array");
    assert_eq!(files.len(), 1);
    files[0]["claims"]
        .as_array()
        .expect("claims is an array")
        .clone()
}

/// Quantities whose text is exactly `text`, in document order.
pub fn quantities<'a>(claims: &'a [Value], text: &str) -> Vec<&'a Value> {
    claims
        .iter()
        .filter(|c| c["kind"] == "quantity" && c["text"] == text)
        .collect()
}

/// The one quantity with this text; panics with the list of texts when absent.
pub fn quantity<'a>(claims: &'a [Value], text: &str) -> &'a Value {
    let found = quantities(claims, text);
    assert!(
        !found.is_empty(),
        "no quantity {text:?}; found: {:?}",
        texts(claims)
    );
    found[0]
}

pub fn texts(claims: &[Value]) -> Vec<String> {
    claims
        .iter()
        .map(|c| {
            format!(
                "{}:{}",
                c["kind"].as_str().unwrap_or(""),
                c["text"].as_str().unwrap_or("")
            )
        })
        .collect()
}

pub fn lo_hi(q: &Value) -> (f64, f64) {
    let bound = |v: &Value, inf: f64| v.as_f64().unwrap_or(inf);
    (
        bound(&q["value"]["lo"], f64::NEG_INFINITY),
        bound(&q["value"]["hi"], f64::INFINITY),
    )
}

/// The files of `fixtures/<dir>` with this extension, sorted, by paths relative to the
/// repository (the working directory of tests), as diagnostics show them.
pub fn fixture_files(dir: &str, extension: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(Path::new("fixtures").join(dir))
        .expect("the fixtures folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == extension))
        .collect();
    files.sort();
    files
}

/// A diagnostic as miette renders it for a person, minus colours and links, 80 columns wide:
/// what snapshot tests compare.
pub fn render(diagnostic: &dyn miette::Diagnostic) -> String {
    let mut out = String::new();
    miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::none())
        .with_width(80)
        .with_links(false)
        .render_report(&mut out, diagnostic)
        .expect("rendering to a string");
    out
}

/// A contradiction the standard rules report at error level (`part-exceeds-whole`).
pub const CONTRADICTION: &str =
    "Europol said 1,027 individuals were arrested. 1,100 of the arrests involved fraud.";
/// An article the standard rules have nothing to say about.
pub const CLEAN: &str = "Police seized 1.3 tonnes of cannabis in 12 raids.";

/// A path as an argument.
pub fn s(path: &Path) -> String {
    path.display().to_string()
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Each diagnostic [`render`]ed, one after another; the codes seen are added to `codes`.
pub fn render_each<'a, D: miette::Diagnostic + 'a>(
    diagnostics: impl IntoIterator<Item = &'a D>,
    codes: &mut std::collections::BTreeSet<String>,
) -> String {
    let mut rendered = String::new();
    for d in diagnostics {
        codes.extend(d.code().map(|c| c.to_string()));
        rendered.push_str(&render(d));
        rendered.push('\n');
    }
    rendered
}

/// A fixture's name for its snapshot: its file stem.
pub fn stem(path: &Path) -> String {
    path.file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("?")
        .to_string()
}
