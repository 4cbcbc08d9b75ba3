//! Wiring the stages for one command: walk the inputs, read each document, extract its claims.
//!
//! Streaming: each file is read, processed and handed to the caller before the next is read,
//! so memory does not grow with the number of files. A file that cannot be read yields an
//! outcome with its error; the others go on. `check` over an archive runs on several threads
//! ([`check_parallel`]) with the same order and the same bound on memory; each document's
//! suppressions are applied where it is checked, and the baseline and the report in output
//! order ([`CheckRun`]).

mod ordered;
mod progress;
mod run;
mod stream;
mod triage;

pub use ordered::{OrderedMap, WINDOW_PER_THREAD, default_jobs, ordered_map};
pub use progress::Progress;
pub use run::{CheckRun, RunEnd};
pub use stream::{
    CheckError, CheckItem, Shard, ShardParseError, check_item, check_items, check_parallel,
};
pub use triage::{BaselineStage, SuppressionOptions, baseline_path, suppress};

use crate::calendar::PartialDate;
use crate::claims::extract;
use crate::eval::engine::{EvalOptions, evaluate};
use crate::eval::finding::Finding;
use crate::eval::predicates::DocumentView;
use crate::report::claims::FileClaims;
use crate::rules::checked::RuleSet;
use crate::source::{
    Document, Input, LoadOptions, RecordOrigin, SourceError, WalkOptions, load, walk,
};

/// What `factlint claims` needs to know besides the paths.
#[derive(Debug, Clone, Default)]
pub struct ClaimsOptions {
    /// Overrides every document's own date.
    pub date: Option<PartialDate>,
    pub load: LoadOptions,
    pub walk: WalkOptions,
}

/// One file's result: its claims, or the error that kept it from being read.
#[derive(Debug)]
pub struct Outcome {
    pub claims: FileClaims,
    pub error: Option<SourceError>,
    /// Things worth telling that are not errors, such as an empty file.
    pub notes: Vec<String>,
}

impl Outcome {
    fn failed(error: SourceError) -> Self {
        let claims = FileClaims {
            path: error.path().to_string(),
            date: None,
            claims: Vec::new(),
            error: Some(error.to_string()),
        };
        Outcome {
            claims,
            error: Some(error),
            notes: Vec::new(),
        }
    }
}

/// The claims of every document under `paths`, one outcome per file, in walk order.
pub fn claims<'a>(
    paths: &'a [String],
    options: &'a ClaimsOptions,
) -> impl Iterator<Item = Outcome> + 'a {
    walk(paths, &options.walk).map(move |input| match input {
        Ok(input) => claims_of(&input, options),
        Err(error) => Outcome::failed(error),
    })
}

/// The claims of one input.
pub fn claims_of(input: &Input, options: &ClaimsOptions) -> Outcome {
    match load(input, &options.load) {
        Ok(document) => {
            let extraction = extract(&document, options.date);
            let notes = if document.text.trim().is_empty() {
                vec![format!(
                    "{}: the file is empty; nothing to check",
                    document.path
                )]
            } else {
                Vec::new()
            };
            let claims = FileClaims {
                path: document.path,
                date: extraction.date,
                claims: extraction.claims,
                error: None,
            };
            Outcome {
                claims,
                error: None,
                notes,
            }
        }
        Err(error) => Outcome::failed(error),
    }
}

/// What `factlint check` needs to know besides the paths and the rules.
#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    /// Overrides every document's own date.
    pub date: Option<PartialDate>,
    pub load: LoadOptions,
    pub walk: WalkOptions,
    /// Also report what cannot be told, at info level.
    pub strict: bool,
    /// Read each document's suppression comments and apply them to its findings; `None`
    /// leaves findings as evaluation makes them.
    pub suppressions: Option<SuppressionOptions>,
}

/// One file (or record) checked: its findings (with the text they point into), or its error.
#[derive(Debug)]
pub struct CheckOutcome {
    pub path: String,
    /// The original text, for rendering the findings.
    pub text: String,
    pub findings: Vec<Finding>,
    pub notes: Vec<String>,
    pub error: Option<CheckError>,
    /// For record input: the record's file, number and id.
    pub record: Option<RecordOrigin>,
}

impl CheckOutcome {
    fn failed(error: CheckError) -> Self {
        CheckOutcome {
            path: error.path().to_string(),
            text: String::new(),
            findings: Vec::new(),
            notes: Vec::new(),
            error: Some(error),
            record: None,
        }
    }
}

/// Checks every document under `paths` against `rules`, one outcome per file, in walk order,
/// on the calling thread.
pub fn check<'a>(
    paths: &'a [String],
    rules: &'a RuleSet,
    options: &'a CheckOptions,
) -> impl Iterator<Item = CheckOutcome> + 'a {
    check_items(paths, options, None).map(move |item| check_item(item, rules, options))
}

/// Checks one document against `rules`.
pub fn check_document(
    document: &Document,
    rules: &RuleSet,
    options: &CheckOptions,
) -> CheckOutcome {
    let extraction = extract(document, options.date);
    let view = DocumentView::new(&document.text, document.prose(), &extraction.claims);
    let eval_options = EvalOptions {
        date: extraction.date,
        strict: options.strict,
        ..EvalOptions::default()
    };
    let evaluation = evaluate(rules, &view, &eval_options);
    let findings = match &options.suppressions {
        Some(suppressions) => suppress(document, evaluation.findings, suppressions),
        None => evaluation.findings,
    };
    CheckOutcome {
        path: document.path.clone(),
        text: document.text.clone(),
        findings,
        notes: Vec::new(),
        error: None,
        record: None,
    }
}

// The rule set is built once and shared by every thread of a run.
const _: () = {
    const fn shared_across_threads<T: Send + Sync>() {}
    shared_across_threads::<RuleSet>();
    shared_across_threads::<CheckOptions>();
};
