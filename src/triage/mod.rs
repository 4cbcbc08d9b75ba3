//! Triage: which of a document's findings are reported.
//!
//! Between evaluation and report. Two filters, applied in this order:
//! - [`Suppressions`]: comments in the document that silence a rule on one line
//!   (`<!-- factlint-disable-next-line RULE -->` in Markdown and HTML, `factlint: ignore RULE`
//!   at the end of a line of plain text);
//! - [`Baseline`]: findings accepted earlier, recorded by a fingerprint that survives edits
//!   elsewhere in the file, so that a run reports only new ones.
//!
//! Suppressions that name no known rule, and (on request) suppressions that silenced nothing,
//! become findings of the pseudo-rules [`INVALID_SUPPRESSION`] and [`UNUSED_SUPPRESSION`], so
//! every output format shows them. See `docs/suppressions-and-baselines.md`.
//!
//! ```
//! use factlint::eval::finding::{Finding, Label, Severity};
//! use factlint::source::Format;
//! use factlint::triage::{RuleIds, Suppressions};
//!
//! let text = "Police made 1,027 arrests. factlint: ignore part-exceeds-whole\n";
//! let rules = RuleIds::new(["part-exceeds-whole"]);
//! let mut suppressions = Suppressions::parse(text, Format::Text, &rules);
//! let finding = Finding {
//!     rule: "part-exceeds-whole".into(),
//!     severity: Severity::Error,
//!     message: "a part is larger than its whole".into(),
//!     labels: vec![Label { start: 12, end: 17, label: "whole".into() }],
//!     help: None,
//!     origin: None,
//! };
//! assert!(suppressions.apply(vec![finding]).is_empty());
//! assert!(suppressions.unused().is_empty());
//! ```

pub mod baseline;
mod directives;
pub mod fingerprint;
mod lines;
pub mod suppress;

pub use baseline::{BASELINE_VERSION, Baseline, BaselineEntry, BaselineError, InvalidBaseline};
pub use fingerprint::fingerprints;
pub use suppress::{InvalidSuppression, RuleIds, Suppressions, UnusedSuppression};

/// The pseudo-rule of a suppression that silenced no finding (`--report-unused-suppressions`).
pub const UNUSED_SUPPRESSION: &str = "unused-suppression";

/// The pseudo-rule of a suppression that names a rule the rule set does not have.
pub const INVALID_SUPPRESSION: &str = "invalid-suppression";

/// The pseudo-rules and a sentence on each, for lists of rules (SARIF's `tool.driver.rules`).
pub const PSEUDO_RULES: [(&str, &str); 2] = [
    (
        UNUSED_SUPPRESSION,
        "A suppression comment silenced no finding: the rule no longer fires on that line, or \
         the comment names the wrong rule or stands on the wrong line.",
    ),
    (
        INVALID_SUPPRESSION,
        "A suppression comment names a rule that the rule set does not have.",
    ),
];
