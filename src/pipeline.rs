//! Wiring the stages for one command: walk the inputs, read each document, extract its claims.
//!
//! Streaming: each file is read, processed and handed to the caller before the next is read,
//! so memory does not grow with the number of files. A file that cannot be read yields an
//! outcome with its error; the others go on.

use crate::calendar::PartialDate;
use crate::claims::extract;
use crate::report::claims::FileClaims;
use crate::source::{Input, LoadOptions, SourceError, WalkOptions, load, walk};

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
