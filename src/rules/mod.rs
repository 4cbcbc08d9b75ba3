//! The rule language: rule files in, a checked rule set out.
//!
//! The stages, each in its own module: [`syntax`] parses a file into an [`ast::File`] with
//! nom, recovering after errors so one run reports them all; [`format`] prints a file in
//! its canonical layout.

pub mod ast;
pub mod errors;
pub mod format;
pub mod syntax;
pub mod units;

mod suggest;

pub use errors::{Problem, RuleError, RuleErrors};
