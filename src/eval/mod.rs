//! Evaluation: rules against a document's claims, into findings.

pub mod finding;
pub mod kb;
pub mod measure;
pub mod predicates;
pub mod truth;
