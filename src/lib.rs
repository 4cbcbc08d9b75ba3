//! factlint: a linter for facts.
//!
//! The pipeline: [`source`] reads documents, [`claims`] extracts the checkable claims,
//! [`report`] renders them; [`pipeline`] wires the stages for each command. [`rules`] reads
//! rule files into a checked rule set (parsing, name resolution, type check, formatting),
//! before any document is read; [`eval`] holds the evaluation core. [`config`] reads
//! `factlint.toml`.
//!
//! ```
//! let extraction = factlint::claims::extract_text(
//!     "Police seized 1.3 tonnes of cannabis.",
//!     "Police seized 1.3 tonnes of cannabis.",
//!     None,
//! );
//! let factlint::claims::Claim::Quantity(q) = &extraction.claims[0] else { panic!() };
//! assert_eq!(q.text, "1.3 tonnes");
//! assert_eq!(q.subject.as_deref(), Some("cannabis"));
//! ```

pub mod calendar;
pub mod claims;
pub mod config;
pub mod eval;
pub mod pipeline;
pub mod report;
pub mod rules;
pub mod severity;
pub mod source;
pub mod triage;
