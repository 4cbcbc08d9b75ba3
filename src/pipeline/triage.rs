//! The triage stage of `check` (see `docs/suppressions-and-baselines.md`), in its two places:
//! suppressions on the thread that checks a document, where its text and format are at hand;
//! the baseline in output order, on the one thread that reports, since a baseline counts what
//! it has seen.

use std::path::{Path, PathBuf};

use super::CheckOutcome;
use crate::eval::finding::Finding;
use crate::source::Document;
use crate::triage::{
    Baseline, BaselineError, InvalidSuppression, RuleIds, Suppressions, UnusedSuppression,
};

/// How a document's suppressions are read.
#[derive(Debug, Clone, Default)]
pub struct SuppressionOptions {
    /// The rule ids a suppression may name: every rule loaded, before a configuration turns
    /// any off.
    pub rule_ids: RuleIds,
    /// Also report suppressions that silenced nothing (`--report-unused-suppressions`).
    pub report_unused: bool,
}

/// The findings of `document` that its suppressions leave, with the findings of the
/// pseudo-rules (`invalid-suppression`, and `unused-suppression` on request), ordered as
/// evaluation orders findings: by their first label, then by rule.
pub fn suppress(
    document: &Document,
    findings: Vec<Finding>,
    options: &SuppressionOptions,
) -> Vec<Finding> {
    let mut suppressions = Suppressions::parse(&document.text, document.format, &options.rule_ids);
    if suppressions.is_empty() {
        return findings;
    }
    let mut findings = suppressions.apply(findings);
    findings.extend(
        suppressions
            .invalid()
            .iter()
            .map(InvalidSuppression::to_finding),
    );
    if options.report_unused {
        findings.extend(
            suppressions
                .unused()
                .iter()
                .map(UnusedSuppression::to_finding),
        );
    }
    findings.sort_by(|a, b| {
        let first = |f: &Finding| f.labels.first().map_or(0, |l| l.start);
        (first(a), &a.rule).cmp(&(first(b), &b.rule))
    });
    findings
}

/// What a run does with the findings that suppressions leave.
#[derive(Debug, Default)]
pub enum BaselineStage {
    /// Report them all.
    #[default]
    Off,
    /// `--baseline FILE`: report only those the baseline does not hold, and count the others
    /// and the entries that no longer match.
    Filter {
        baseline: Baseline,
        baselined: usize,
    },
    /// `--write-baseline FILE`: record them all and report none.
    Write { file: PathBuf, recorded: Baseline },
}

impl BaselineStage {
    /// Filtering by the baseline file at `file`; an error if it cannot be read.
    pub fn filter(file: &Path) -> Result<Self, BaselineError> {
        Baseline::read(file).map(|baseline| BaselineStage::Filter {
            baseline,
            baselined: 0,
        })
    }

    /// Recording every finding, to be written to `file` at the end.
    pub fn write(file: PathBuf) -> Self {
        BaselineStage::Write {
            file,
            recorded: Baseline::new(),
        }
    }

    /// Applies the stage to one outcome, in output order: afterwards its findings are those to
    /// report. An input that could not be read is left alone: its entries are neither matched
    /// nor fixed.
    pub fn apply(&mut self, outcome: &mut CheckOutcome) {
        if outcome.error.is_some() {
            return;
        }
        match self {
            BaselineStage::Off => {}
            BaselineStage::Filter {
                baseline,
                baselined,
            } => {
                let findings = std::mem::take(&mut outcome.findings);
                let (new, matched) =
                    baseline.filter(&baseline_path(outcome), &outcome.text, findings);
                outcome.findings = new;
                *baselined += matched;
            }
            BaselineStage::Write { recorded, .. } => {
                recorded.record(&baseline_path(outcome), &outcome.text, &outcome.findings);
                outcome.findings.clear();
            }
        }
    }

    /// With a baseline: how many findings it held, and how many of its entries for the inputs
    /// checked matched nothing (fixed).
    pub fn counts(&self) -> Option<(usize, usize)> {
        match self {
            BaselineStage::Filter {
                baseline,
                baselined,
            } => Some((*baselined, baseline.fixed().len())),
            _ => None,
        }
    }

    /// Writes the recorded baseline, if this stage records one: the file and its number of
    /// findings.
    pub fn finish(&self) -> Result<Option<(&Path, usize)>, BaselineError> {
        match self {
            BaselineStage::Write { file, recorded } => {
                recorded.write(file)?;
                Ok(Some((file.as_path(), recorded.len())))
            }
            _ => Ok(None),
        }
    }
}

/// The path a baseline knows an outcome by: the path as reported, or for a record with an id
/// the id (its text when it is a string), so that an entry follows its record wherever the
/// record moves in the input. A record with no id (or `null`) is known by its `FILE#N`.
pub fn baseline_path(outcome: &CheckOutcome) -> String {
    let id = outcome.record.as_ref().and_then(|r| r.id.as_deref());
    match id.filter(|id| id.get() != "null") {
        Some(id) => {
            serde_json::from_str::<String>(id.get()).unwrap_or_else(|_| id.get().to_string())
        }
        None => outcome.path.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::{Format, RecordOrigin, parse_document};
    use serde_json::value::RawValue;

    const TEXT: &str = "Europol said 1,027 individuals were arrested.\n\
                        1,100 of the arrests involved fraud. factlint: ignore part-exceeds-whole\n\
                        Turnout was 120%. factlint: ignore list-cuont\n";

    fn finding(rule: &str, start: usize) -> Finding {
        Finding::fired(rule, start, start + 5)
    }

    fn document(text: &str) -> Document {
        parse_document("a.txt".into(), text.as_bytes().to_vec(), Some(Format::Text)).unwrap()
    }

    fn options(report_unused: bool) -> SuppressionOptions {
        SuppressionOptions {
            rule_ids: RuleIds::new(["part-exceeds-whole", "percent-bounds", "list-count"]),
            report_unused,
        }
    }

    #[test]
    fn suppressions_silence_their_line_and_mistakes_become_findings_in_order() {
        let part = TEXT.find("1,100").unwrap();
        let turnout = TEXT.find("120%").unwrap();
        let findings = vec![
            finding("part-exceeds-whole", part),
            finding("percent-bounds", turnout),
        ];
        let kept = suppress(&document(TEXT), findings, &options(false));
        let rules: Vec<&str> = kept.iter().map(|f| f.rule.as_str()).collect();
        assert_eq!(rules, ["percent-bounds", "invalid-suppression"]);
    }

    #[test]
    fn unused_suppressions_only_on_request() {
        let quiet = suppress(&document(TEXT), Vec::new(), &options(false));
        assert_eq!(quiet.len(), 1, "only the invalid one: {quiet:?}");
        let told = suppress(&document(TEXT), Vec::new(), &options(true));
        let rules: Vec<&str> = told.iter().map(|f| f.rule.as_str()).collect();
        assert_eq!(rules, ["unused-suppression", "invalid-suppression"]);
    }

    #[test]
    fn a_document_without_suppressions_keeps_its_findings_as_they_are() {
        let findings = vec![finding("percent-bounds", 3), finding("list-count", 1)];
        let kept = suppress(
            &document("No directive here."),
            findings.clone(),
            &options(true),
        );
        assert_eq!(kept, findings);
    }

    fn outcome(path: &str, text: &str, findings: Vec<Finding>) -> CheckOutcome {
        CheckOutcome {
            path: path.into(),
            text: text.into(),
            findings,
            notes: Vec::new(),
            error: None,
            record: None,
        }
    }

    #[test]
    fn a_written_baseline_filters_the_same_findings_and_counts_the_fixed() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("baseline.json");
        let text = "Europol said 1,027 individuals were arrested. 1,100 were held.";
        let two = || {
            vec![
                finding("part-exceeds-whole", 13),
                finding("percent-bounds", 46),
            ]
        };
        let mut write = BaselineStage::write(file.clone());
        let mut first = outcome("a.txt", text, two());
        write.apply(&mut first);
        assert!(
            first.findings.is_empty(),
            "nothing is reported while writing"
        );
        assert_eq!(write.finish().unwrap(), Some((file.as_path(), 2)));

        let mut filter = BaselineStage::filter(&file).unwrap();
        let mut again = outcome("a.txt", text, vec![two()[0].clone()]);
        filter.apply(&mut again);
        assert!(again.findings.is_empty());
        let mut other = outcome("b.txt", text, two());
        filter.apply(&mut other);
        assert_eq!(other.findings.len(), 2, "another file's findings are new");
        assert_eq!(filter.counts(), Some((1, 1)));
        assert_eq!(BaselineStage::Off.counts(), None);
    }

    #[test]
    fn a_record_is_known_by_its_id() {
        let mut record = outcome("-#3", "", Vec::new());
        let origin = |id: &str| RecordOrigin {
            file: "-".into(),
            number: 3,
            id: Some(RawValue::from_string(id.into()).unwrap()),
        };
        record.record = Some(origin("\"ap-17\""));
        assert_eq!(baseline_path(&record), "ap-17");
        record.record = Some(origin("17"));
        assert_eq!(baseline_path(&record), "17");
        record.record = Some(origin("null"));
        assert_eq!(baseline_path(&record), "-#3");
        record.record = None;
        assert_eq!(baseline_path(&record), "-#3");
    }
}
