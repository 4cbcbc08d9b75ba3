//! Resolution and checking: from parsed files to a [`RuleSet`], before any document is read.
//!
//! `resolve` declares concepts, knowledge-base entries (`kb`) and rule IDs (duplicates are
//! errors), works out which files see which (a file sees what it imports, directly or not) and
//! flattens concepts through their graph (cycles are errors). `expr`, `ops` and `calls` type
//! expressions with dimensions; `rule` checks rules and tests; [`types`] holds the types.

mod calls;
mod concepts;
mod embedded;
mod expr;
mod kb;
mod literal;
mod ops;
mod resolve;
mod rule;
pub mod types;

use std::sync::Arc;

use super::checked::{FileId, RuleSet, SourceFile};
use super::errors::{Problem, RuleError, RuleErrors};
use super::load::Parsed;

pub use resolve::DEFAULT_TOLERANCE;

/// Collects problems, each with its file's name and text.
#[derive(Default)]
pub(crate) struct Diags {
    sources: Vec<(String, Arc<str>)>,
    errors: Vec<RuleError>,
}

impl Diags {
    /// Registers a file; its [`FileId`] is the order of registration.
    pub fn add_source(&mut self, name: &str, text: Arc<str>) {
        self.sources.push((name.to_string(), text));
    }

    fn error(&self, file: FileId, problem: Problem) -> RuleError {
        match self.sources.get(file.0) {
            Some((name, text)) => RuleError::new(problem, name, text.clone()),
            None => RuleError::new(problem, "?", Arc::from("")),
        }
    }

    pub fn push(&mut self, file: FileId, problem: Problem) {
        let e = self.error(file, problem);
        self.errors.push(e);
    }

    /// A problem with a file that could not be read: no text to show.
    pub fn push_unattached(&mut self, name: &str, problem: Problem) {
        self.errors
            .push(RuleError::new(problem, name, Arc::from("")));
    }

    /// A problem with notes in other places (often other files).
    pub fn push_with_notes(
        &mut self,
        file: FileId,
        problem: Problem,
        notes: Vec<(FileId, Problem)>,
    ) {
        let mut e = self.error(file, problem);
        for (f, note) in notes {
            e = e.with_related(self.error(f, note));
        }
        self.errors.push(e);
    }

    pub fn is_empty(&self) -> bool {
        self.errors.is_empty()
    }

    pub fn into_errors(self) -> RuleErrors {
        RuleErrors {
            errors: self.errors,
        }
    }
}

/// Resolves and checks parsed files. Syntax errors stop before resolution: names that fail
/// to parse would otherwise come back as a flood of unknown names.
pub(crate) fn check(files: Vec<Parsed>, mut diags: Diags) -> Result<RuleSet, RuleErrors> {
    if !diags.is_empty() {
        return Err(diags.into_errors());
    }
    // The embedded knowledge base is the file after the last rule file.
    diags.add_source(embedded::NAME, embedded::text());
    let decls = resolve::declare(&files, &mut diags);
    let (rules, tests) = rule::check_all(&files, &decls, &mut diags);
    if !diags.is_empty() {
        return Err(diags.into_errors());
    }
    let embedded_file = SourceFile {
        path: embedded::NAME.into(),
        name: embedded::NAME.to_string(),
        text: embedded::text(),
    };
    Ok(RuleSet {
        files: files
            .into_iter()
            .map(|f| SourceFile {
                path: f.path,
                name: f.name,
                text: f.text,
            })
            .chain([embedded_file])
            .collect(),
        concepts: decls.concepts,
        kb: decls.kb,
        rules,
        tests,
    })
}

#[cfg(test)]
mod tests;
