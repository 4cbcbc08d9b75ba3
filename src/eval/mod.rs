//! Evaluation: rules against a document's claims, into findings.

pub mod consensus;
pub mod engine;
pub mod fields;
pub mod finding;
pub mod measure;
pub mod plan;
pub mod plan_warnings;
pub mod predicates;
pub mod tests_runner;
pub mod truth;
pub mod value;
