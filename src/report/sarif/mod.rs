//! SARIF 2.1.0: one log with one run, for code scanning services (docs/report-formats.md).
//!
//! Results are kept as small records (the message and the words under each label, never the
//! file's text) and written with the rules and the invocation at the end. Paths become URI
//! references relative to `%SRCROOT%`, the directory factlint was run in; columns count
//! characters, as the run's `columnKind` says.

use std::collections::HashMap;
use std::io::{self, Write};

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use super::findings::Summary;
use super::position::LineIndex;
use super::reporter::{FileResult, Reporter, RuleMeta};
use crate::eval::finding::Finding;

mod log;

use log::{
    ArtifactLocation, BaseId, Driver, Invocation, Location, Log, Message, Notification,
    OriginalUriBaseIds, PhysicalLocation, ReportingDescriptor, Run, SarifRegion, SarifResult, Tool,
    level,
};

pub const SARIF_SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
pub const SARIF_VERSION: &str = "2.1.0";
/// The base of every relative artifact URI.
pub const SRCROOT: &str = "%SRCROOT%";
/// The artifact URI of stdin, which has no path.
pub const STDIN_URI: &str = "stdin";
/// Where to learn about factlint: the package's `homepage`, else its `repository`, else its
/// page on crates.io, where the package's metadata (`license`, `readme`, `include`) is meant
/// to publish it.
pub const INFORMATION_URI: &str = match (
    env!("CARGO_PKG_HOMEPAGE").is_empty(),
    env!("CARGO_PKG_REPOSITORY").is_empty(),
) {
    (false, _) => env!("CARGO_PKG_HOMEPAGE"),
    (true, false) => env!("CARGO_PKG_REPOSITORY"),
    (true, true) => concat!("https://crates.io/crates/", env!("CARGO_PKG_NAME")),
};

/// Collects results and notifications, and writes the log at the end.
#[derive(Debug)]
pub struct SarifReporter {
    rules: Vec<RuleMeta>,
    rule_index: HashMap<String, usize>,
    results: Vec<SarifResult>,
    notifications: Vec<Notification>,
    unreadable: bool,
}

impl SarifReporter {
    pub fn new(rules: Vec<RuleMeta>) -> Self {
        let rule_index = rules
            .iter()
            .enumerate()
            .map(|(i, r)| (r.id.clone(), i))
            .collect();
        SarifReporter {
            rules,
            rule_index,
            results: Vec::new(),
            notifications: Vec::new(),
            unreadable: false,
        }
    }

    fn result(
        &self,
        finding: &Finding,
        artifact: &ArtifactLocation,
        index: &LineIndex,
    ) -> SarifResult {
        let mut locations = finding
            .labels
            .iter()
            .enumerate()
            .map(|(i, label)| Location {
                id: i,
                physical_location: PhysicalLocation {
                    artifact_location: artifact.clone(),
                    region: Some(SarifRegion::of(index.region(label.start, label.end))),
                },
                message: Some(Message::sentence(&label.label)),
            });
        let primary = locations.next().unwrap_or_else(|| Location {
            id: 0,
            physical_location: PhysicalLocation {
                artifact_location: artifact.clone(),
                region: None,
            },
            message: None,
        });
        let message = Message::sentence(&finding.message);
        SarifResult {
            rule_id: finding.rule.clone(),
            rule_index: self.rule_index.get(&finding.rule).copied(),
            level: level(finding.severity),
            message,
            locations: [primary],
            related_locations: locations.collect(),
        }
    }
}

impl Reporter for SarifReporter {
    fn file(&mut self, _out: &mut dyn Write, file: &FileResult<'_>) -> io::Result<()> {
        let artifact = ArtifactLocation::of_path(file.path);
        if let Some(error) = file.error {
            self.unreadable = true;
            self.notifications
                .push(Notification::about(artifact.clone(), "error", error));
        }
        for note in file.notes {
            self.notifications
                .push(Notification::about(artifact.clone(), "note", note));
        }
        if !file.findings.is_empty() {
            let index = LineIndex::new(file.text);
            for finding in file.findings {
                let result = self.result(finding, &artifact, &index);
                self.results.push(result);
            }
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, _summary: &Summary) -> io::Result<()> {
        let log = Log {
            schema: SARIF_SCHEMA,
            version: SARIF_VERSION,
            runs: [Run {
                tool: Tool {
                    driver: Driver {
                        name: "factlint",
                        version: env!("CARGO_PKG_VERSION"),
                        semantic_version: env!("CARGO_PKG_VERSION"),
                        information_uri: INFORMATION_URI,
                        rules: self.rules.iter().map(ReportingDescriptor::of).collect(),
                    },
                },
                invocations: [Invocation {
                    execution_successful: !self.unreadable,
                    tool_execution_notifications: &self.notifications,
                }],
                original_uri_base_ids: OriginalUriBaseIds {
                    srcroot: BaseId {
                        description: Message::sentence("The directory factlint was run in"),
                    },
                },
                column_kind: "unicodeCodePoints",
                results: &self.results,
            }],
        };
        serde_json::to_writer_pretty(&mut *out, &log).map_err(io::Error::other)?;
        writeln!(out)
    }
}

/// What a relative path may keep as it is in a URI reference: unreserved characters and the
/// path separator. Everything else, `:` included (it would read as a scheme), is encoded.
const PATH_KEEP: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'/');

/// The URI of a path: relative to [`SRCROOT`] for a relative path, a `file:` URI for an
/// absolute one, and [`STDIN_URI`] for `-`.
pub fn artifact_uri(path: &str) -> (String, Option<&'static str>) {
    if path == "-" {
        return (STDIN_URI.to_string(), None);
    }
    let slashed = if cfg!(windows) {
        path.replace('\\', "/")
    } else {
        path.to_string()
    };
    let encoded = utf8_percent_encode(&slashed, PATH_KEEP).to_string();
    if std::path::Path::new(path).is_absolute() {
        // `C:/x` on Windows is `file:///C:/x`; `/x` elsewhere is `file:///x`.
        let rooted = if encoded.starts_with('/') {
            encoded
        } else {
            format!("/{}", encoded.replacen("%3A", ":", 1))
        };
        (format!("file://{rooted}"), None)
    } else {
        let relative = encoded.strip_prefix("./").unwrap_or(&encoded).to_string();
        (relative, Some(SRCROOT))
    }
}

#[cfg(test)]
mod tests {
    use super::log::{first_paragraph, pascal_case};
    use super::*;
    use crate::report::sample;
    use serde_json::Value;

    fn sample_log() -> (String, Value) {
        let out = sample::run(&mut SarifReporter::new(sample::rules()));
        let log = serde_json::from_str(&out).expect("SARIF is JSON");
        (out, log)
    }

    #[test]
    fn the_sample_run_as_sarif() {
        let (out, _) = sample_log();
        insta::assert_snapshot!("sarif", sample::without_version(&out));
    }

    #[test]
    fn the_sample_run_is_valid_against_the_sarif_schema() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/fixtures/sarif/sarif-schema-2.1.0.json"
        );
        let schema: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        let validator = jsonschema::options()
            .should_validate_formats(true)
            .build(&schema)
            .expect("the schema compiles");
        let (_, log) = sample_log();
        let errors: Vec<String> = validator
            .iter_errors(&log)
            .map(|e| format!("{}: {e}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{errors:#?}");
        // The format checks check: a space is not allowed in a URI reference.
        let mut broken = log.clone();
        broken["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] =
            Value::from("reports/a b.txt");
        assert!(!validator.is_valid(&broken));
    }

    #[test]
    fn results_point_at_their_rule_and_the_unreadable_file_fails_the_run() {
        let (_, log) = sample_log();
        let run = &log["runs"][0];
        let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
        for result in run["results"].as_array().unwrap() {
            let index = result["ruleIndex"].as_u64().unwrap() as usize;
            assert_eq!(rules[index]["id"], result["ruleId"]);
        }
        let invocation = &run["invocations"][0];
        assert_eq!(invocation["executionSuccessful"], false);
        let levels: Vec<&Value> = invocation["toolExecutionNotifications"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| &n["level"])
            .collect();
        assert_eq!(levels, ["note", "error"]);
    }

    #[test]
    fn relative_paths_are_uri_references_below_srcroot() {
        assert_eq!(
            artifact_uri("reports/a b/ü.txt"),
            ("reports/a%20b/%C3%BC.txt".to_string(), Some(SRCROOT))
        );
        assert_eq!(artifact_uri("./a.txt").0, "a.txt");
        assert_eq!(artifact_uri("a:b#c?d%.md").0, "a%3Ab%23c%3Fd%25.md");
        assert_eq!(artifact_uri("../x.txt").0, "../x.txt");
        assert_eq!(artifact_uri("-"), (STDIN_URI.to_string(), None));
    }

    #[cfg(unix)]
    #[test]
    fn absolute_paths_are_file_uris() {
        assert_eq!(
            artifact_uri("/tmp/a b.txt"),
            ("file:///tmp/a%20b.txt".to_string(), None)
        );
        // A backslash is a character of a Unix file name, not a separator.
        assert_eq!(artifact_uri("a\\b.txt").0, "a%5Cb.txt");
    }

    #[test]
    fn messages_become_sentences() {
        assert_eq!(Message::sentence("larger").text, "larger.");
        assert_eq!(Message::sentence("Done.").text, "Done.");
        assert_eq!(Message::sentence("why? ").text, "why?");
    }

    #[test]
    fn rule_names_and_short_descriptions() {
        assert_eq!(pascal_case("part-exceeds-whole"), "PartExceedsWhole");
        assert_eq!(first_paragraph("One\ntwo.\n\nThree."), "One two.");
    }
}
