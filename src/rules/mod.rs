//! The rule language: rule files in, a checked [`RuleSet`] out, before any document is read.
//!
//! The stages, each in its own module: [`syntax`] parses a file into an [`ast::File`] with
//! nom, recovering after errors so that one run reports them all; `load` follows imports
//! and rejects import cycles; `check` resolves names (concepts, the knowledge base, bindings,
//! rule IDs), rejects definition cycles and type-checks expressions with dimensions, giving
//! the [`checked`] form the evaluator reads; [`format`](mod@format) prints a file in its canonical layout.
//! Built-in functions, filters and claim fields are one table each in [`builtins`]; unit names
//! come from the extractor's lexicon ([`units`]). The language is described in `docs/dsl.md`.
//! [`catalogue`] lists a rule set's rules with their docs, definitions and tests
//! (`factlint rules`, `docs/rules.md`).
//!
//! ```
//! let rules = factlint::rules::load_str(
//!     "eu.rules",
//!     r#"
//! fact eu_size {
//!   28 from 2013-07-01 until 2020-01-31
//!   27 from 2020-02-01
//! }
//!
//! /// The EU's size, as of the document's date.
//! rule eu-size {
//!   severity error
//!   let m = quantity of "member state" where scope("EU")
//!   require m == kb.eu_size at document.date
//! }
//! "#,
//! )
//! .expect("valid rules");
//! assert_eq!(rules.rules[0].id, "eu-size");
//!
//! let errors = factlint::rules::load_str("bad.rules", "rule x { require 1 t == 2 }").unwrap_err();
//! assert_eq!(errors.len(), 1);
//! ```

pub mod ast;
pub mod builtins;
pub mod catalogue;
pub mod checked;
pub mod errors;
pub mod format;
pub mod paths;
pub mod syntax;
pub mod units;

mod check;
mod load;
pub(crate) mod suggest;

use std::path::PathBuf;

pub use check::DEFAULT_TOLERANCE;
pub use check::types;
pub use checked::RuleSet;
pub use errors::{Problem, RuleError, RuleErrors};

use check::Diags;
use load::Root;

/// Loads rule files and everything they import, and checks them. Paths of imports are
/// relative to the importing file. Every problem in every file is returned, not just the
/// first.
pub fn load(paths: &[PathBuf]) -> Result<RuleSet, RuleErrors> {
    let roots = paths
        .iter()
        .map(|p| Root {
            path: p.clone(),
            text: None,
        })
        .collect();
    load_roots(roots)
}

/// Checks the rule file `text`, named `name` in diagnostics. Its imports are read from disk,
/// relative to `name`'s folder.
pub fn load_str(name: &str, text: &str) -> Result<RuleSet, RuleErrors> {
    load_roots(vec![Root {
        path: PathBuf::from(name),
        text: Some(text.to_string()),
    }])
}

fn load_roots(roots: Vec<Root>) -> Result<RuleSet, RuleErrors> {
    let mut diags = Diags::default();
    let files = load::read_all(roots, &mut diags);
    load::report_cycles(&files, &mut diags);
    check::check(files, diags)
}

/// The canonical layout of a rule file's text; its syntax errors if it has any. Names are not
/// resolved: a file formats even when its imports are missing.
pub fn format_str(name: &str, text: &str) -> Result<String, RuleErrors> {
    let (file, problems) = syntax::parse(text);
    if problems.is_empty() {
        return Ok(format::format_file(&file, text));
    }
    let source: std::sync::Arc<str> = std::sync::Arc::from(text);
    Err(RuleErrors {
        errors: problems
            .into_iter()
            .map(|p| RuleError::new(p, name, source.clone()))
            .collect(),
    })
}

/// The standard rule library (`rules/std/standard.rules`), embedded in the binary and used
/// when no rule files are given.
pub fn standard() -> Result<RuleSet, RuleErrors> {
    load_standard_and(&[])
}

/// The standard library and the rule files `paths` (with their imports), checked together as
/// one rule set: a configuration's `extend-files`.
pub fn load_standard_and(paths: &[PathBuf]) -> Result<RuleSet, RuleErrors> {
    let standard = Root {
        path: PathBuf::from("rules/std/standard.rules"),
        text: Some(include_str!("../../rules/std/standard.rules").to_string()),
    };
    let others = paths.iter().map(|p| Root {
        path: p.clone(),
        text: None,
    });
    load_roots(std::iter::once(standard).chain(others).collect())
}
