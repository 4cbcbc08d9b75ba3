//! factlint: a linter for facts.
//!
//! The pipeline: [`source`] reads documents, [`claims`] extracts the checkable claims.

pub mod calendar;
pub mod claims;
pub mod source;
