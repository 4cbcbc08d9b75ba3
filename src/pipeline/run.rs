//! The end of a `check` run, on the one thread that reports: each outcome, in output order,
//! through the baseline into the counts and the report.

use std::io::{self, Write};
use std::path::PathBuf;
use std::time::Duration;

use super::CheckOutcome;
use super::triage::BaselineStage;
use crate::report::findings::Summary;
use crate::report::reporter::{FileResult, Reporter};
use crate::triage::BaselineError;

/// A run's report in the making: the format's reporter, the baseline stage and the counts.
pub struct CheckRun {
    report: Box<dyn Reporter>,
    baseline: BaselineStage,
    summary: Summary,
}

/// What a finished run leaves.
#[derive(Debug)]
pub struct RunEnd {
    /// The counts of the whole run, with the baseline's.
    pub summary: Summary,
    /// With `--write-baseline`: the file written and the number of findings in it.
    pub written: Result<Option<(PathBuf, usize)>, BaselineError>,
    /// Whether the end of the report reached its output.
    pub report: io::Result<()>,
}

impl CheckRun {
    pub fn new(report: Box<dyn Reporter>, baseline: BaselineStage) -> Self {
        CheckRun {
            report,
            baseline,
            summary: Summary::default(),
        }
    }

    /// Passes one outcome through the baseline and counts it. Afterwards its findings are
    /// those to report.
    pub fn triage(&mut self, outcome: &mut CheckOutcome) {
        self.baseline.apply(outcome);
        self.summary.add(&outcome.findings, outcome.error.is_some());
    }

    /// Reports one outcome, after [`CheckRun::triage`].
    pub fn report(&mut self, out: &mut dyn Write, outcome: &CheckOutcome) -> io::Result<()> {
        let error = outcome.error.as_ref().map(ToString::to_string);
        let file = FileResult {
            id: outcome.record.as_ref().and_then(|r| r.id.as_deref()),
            record: outcome.record.as_ref().map(|r| r.number),
            notes: &outcome.notes,
            error: error.as_deref(),
            ..FileResult::new(&outcome.path, &outcome.text, &outcome.findings)
        };
        self.report.file(out, &file)
    }

    /// The counts so far.
    pub fn summary(&self) -> &Summary {
        &self.summary
    }

    /// Ends the run: writes the baseline being recorded, if any, then the end of the report
    /// with the summary, which is written even when the baseline could not be.
    pub fn finish(mut self, out: &mut dyn Write, elapsed: Duration) -> RunEnd {
        if let Some((baselined, fixed)) = self.baseline.counts() {
            self.summary.baselined = Some(baselined);
            self.summary.fixed = Some(fixed);
        }
        self.summary.elapsed_ms = u64::try_from(elapsed.as_millis()).unwrap_or(u64::MAX);
        let written = self
            .baseline
            .finish()
            .map(|w| w.map(|(file, count)| (file.to_path_buf(), count)));
        let report = self.report.finish(out, &self.summary);
        RunEnd {
            summary: self.summary,
            written,
            report,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::finding::{Finding, Label, Severity};
    use crate::report::findings::JsonReport;
    use crate::report::reporter::{ReportFormat, ReportSetup, reporter};

    const TEXT: &str = "Europol said 1,027 individuals were arrested. 1,100 were held.";

    fn outcome(path: &str) -> CheckOutcome {
        CheckOutcome {
            path: path.into(),
            text: TEXT.into(),
            findings: vec![Finding {
                rule: "part-exceeds-whole".into(),
                severity: Severity::Error,
                message: "larger".into(),
                labels: vec![Label {
                    start: 46,
                    end: 51,
                    label: "part".into(),
                }],
                help: None,
                origin: None,
            }],
            notes: Vec::new(),
            error: None,
            record: None,
        }
    }

    fn json_run(baseline: BaselineStage, paths: &[&str]) -> (JsonReport, RunEnd) {
        let mut run = CheckRun::new(
            reporter(ReportFormat::Json, ReportSetup::default()),
            baseline,
        );
        let mut out = Vec::new();
        for path in paths {
            let mut outcome = outcome(path);
            run.triage(&mut outcome);
            run.report(&mut out, &outcome).unwrap();
        }
        let end = run.finish(&mut out, Duration::from_millis(5));
        (serde_json::from_slice(&out).unwrap(), end)
    }

    #[test]
    fn a_baseline_written_then_read_leaves_only_new_findings_and_counts_them() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("baseline.json");
        let (report, end) = json_run(BaselineStage::write(file.clone()), &["a.txt"]);
        assert_eq!(
            report.summary.errors, 0,
            "nothing is reported while writing"
        );
        assert_eq!(end.written.unwrap(), Some((file.clone(), 1)));

        let filter = BaselineStage::filter(&file).unwrap();
        let (report, end) = json_run(filter, &["a.txt", "b.txt"]);
        assert_eq!(report.files[0].findings.len(), 0);
        assert_eq!(report.files[1].findings.len(), 1, "b.txt's finding is new");
        assert_eq!(report.summary, end.summary);
        assert_eq!(
            (end.summary.errors, end.summary.baselined, end.summary.fixed),
            (1, Some(1), Some(0))
        );
    }

    #[test]
    fn without_a_baseline_the_summary_has_no_baseline_counts() {
        let (report, end) = json_run(BaselineStage::Off, &["a.txt"]);
        assert_eq!(report.summary.errors, 1);
        assert_eq!(end.summary.baselined, None);
        assert!(matches!(end.written, Ok(None)));
        assert!(end.report.is_ok());
    }
}
