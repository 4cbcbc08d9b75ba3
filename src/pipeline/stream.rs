//! `factlint check` over an archive: the inputs as a lazy stream of items (documents, or the
//! lines of record files), an optional shard of them, checked on several threads and handed
//! back in the stream's order.

use std::fmt;
use std::iter;
use std::num::NonZeroUsize;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::str::FromStr;
use std::sync::Arc;

use super::ordered::ordered_map;
use super::{CheckOptions, CheckOutcome, check_document};
use crate::rules::checked::RuleSet;
use crate::source::{
    Input, RecordLine, RecordOrigin, SourceError, load, read_record, record_lines, record_path,
    walk,
};

/// One thing to check, as the walk found it: a document to read, a line of record input, or
/// an input that failed before it could be read (a walk error, a record file that would not
/// open, a record line over the size limit).
#[derive(Debug)]
pub enum CheckItem {
    Document(Input),
    Record(RecordLine),
    Failed(SourceError),
    /// A record line that failed before it could be parsed (over the size limit): its result
    /// still carries its number.
    FailedRecord(RecordOrigin, SourceError),
}

impl CheckItem {
    /// The path the item's outcome is reported under.
    pub fn path(&self) -> String {
        match self {
            Self::Document(input) => input.to_string(),
            Self::Record(line) => record_path(&line.file, line.number),
            Self::Failed(error) | Self::FailedRecord(_, error) => error.path().to_string(),
        }
    }
}

/// Why an item has no findings: it could not be read, or factlint failed on it.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum CheckError {
    #[error(transparent)]
    #[diagnostic(transparent)]
    Source(#[from] SourceError),

    /// A bug in factlint, met on this input. It is reported like an unreadable input so that
    /// the other inputs are still checked.
    #[error("{path}: internal error while checking: {message}")]
    #[diagnostic(
        code(factlint::internal),
        help("this is a bug in factlint; please report it with the input that caused it")
    )]
    Internal { path: String, message: String },
}

impl CheckError {
    /// The path of the input this error is about.
    pub fn path(&self) -> &str {
        match self {
            Self::Source(error) => error.path(),
            Self::Internal { path, .. } => path,
        }
    }
}

/// One of `count` slices of the inputs: `K/N`. The item at position `p` of the stream
/// (0-based, in walk order, counting documents, records and failed inputs alike) belongs to
/// shard `p mod N + 1`, so the shards of `1/N` to `N/N` are disjoint and together hold every
/// input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shard {
    index: u64,
    count: u64,
}

impl Shard {
    /// Shard `index` of `count`, for `1 <= index <= count`.
    pub fn new(index: u64, count: u64) -> Option<Self> {
        (index >= 1 && index <= count).then_some(Self { index, count })
    }

    pub fn index(&self) -> u64 {
        self.index
    }

    pub fn count(&self) -> u64 {
        self.count
    }

    /// Whether the item at `position` (0-based) is this shard's.
    pub fn contains(&self, position: u64) -> bool {
        position % self.count == self.index - 1
    }
}

impl fmt::Display for Shard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

/// Why a text is not a shard.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a shard: write K/N with 1 <= K <= N, such as 2/4")]
pub struct ShardParseError(pub String);

impl FromStr for Shard {
    type Err = ShardParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = || ShardParseError(s.to_string());
        let (index, count) = s.trim().split_once('/').ok_or_else(err)?;
        let number = |t: &str| {
            (!t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()))
                .then(|| t.parse::<u64>().ok())
                .flatten()
        };
        let (index, count) = (
            number(index).ok_or_else(err)?,
            number(count).ok_or_else(err)?,
        );
        Shard::new(index, count).ok_or_else(err)
    }
}

/// The items of a run over `paths`, as a lazy stream in walk order: the documents, or with
/// `options.walk.records` the lines of each record input, keeping only `shard`'s.
pub fn check_items(
    paths: &[String],
    options: &CheckOptions,
    shard: Option<Shard>,
) -> impl Iterator<Item = CheckItem> + use<> {
    let records = options.walk.records;
    let limit = options.load.max_file_size;
    walk(paths, &options.walk)
        .flat_map(move |input| -> Box<dyn Iterator<Item = CheckItem>> {
            match input {
                Err(error) => Box::new(iter::once(CheckItem::Failed(error))),
                Ok(input) if records => match record_lines(&input, limit) {
                    Ok(mut lines) => {
                        let file = input.to_string();
                        Box::new(iter::from_fn(move || {
                            Some(match lines.next()? {
                                Ok(line) => CheckItem::Record(line),
                                Err(error @ SourceError::TooLarge { .. }) => {
                                    let origin = RecordOrigin {
                                        file: file.clone(),
                                        number: lines.line_number(),
                                        id: None,
                                    };
                                    CheckItem::FailedRecord(origin, error)
                                }
                                Err(error) => CheckItem::Failed(error),
                            })
                        }))
                    }
                    Err(error) => Box::new(iter::once(CheckItem::Failed(error))),
                },
                Ok(input) => Box::new(iter::once(CheckItem::Document(input))),
            }
        })
        .zip(0u64..)
        .filter(move |(_, position)| shard.is_none_or(|s| s.contains(*position)))
        .map(|(item, _)| item)
}

/// Reads and checks one item. Never panics: a panic in the checker becomes the outcome's
/// [`CheckError::Internal`].
pub fn check_item(item: CheckItem, rules: &RuleSet, options: &CheckOptions) -> CheckOutcome {
    guarded(item.path(), || check_item_unguarded(item, rules, options))
}

/// `check()`, or the outcome of an internal error on `path` if it panics.
fn guarded(path: String, check: impl FnOnce() -> CheckOutcome) -> CheckOutcome {
    catch_unwind(AssertUnwindSafe(check)).unwrap_or_else(|panic| {
        let message = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "a panic".to_string());
        CheckOutcome::failed(CheckError::Internal { path, message })
    })
}

fn check_item_unguarded(item: CheckItem, rules: &RuleSet, options: &CheckOptions) -> CheckOutcome {
    match item {
        CheckItem::Document(input) => match load(&input, &options.load) {
            Ok(document) => check_document(&document, rules, options),
            Err(error) => CheckOutcome::failed(error.into()),
        },
        CheckItem::Record(line) => {
            let record = read_record(line, options.load.format);
            let mut outcome = match record.document {
                Ok(document) => check_document(&document, rules, options),
                Err(error) => CheckOutcome::failed(error.into()),
            };
            outcome.record = Some(record.origin);
            outcome
        }
        CheckItem::Failed(error) => CheckOutcome::failed(error.into()),
        CheckItem::FailedRecord(origin, error) => {
            let mut outcome = CheckOutcome::failed(error.into());
            outcome.record = Some(origin);
            outcome
        }
    }
}

/// Checks `items` on `jobs` threads against one shared rule set; the outcomes come back in
/// the items' order, with at most a few items per thread in flight. See
/// [`ordered_map`](super::ordered_map).
pub fn check_parallel<I>(
    items: I,
    rules: Arc<RuleSet>,
    options: Arc<CheckOptions>,
    jobs: NonZeroUsize,
) -> impl Iterator<Item = CheckOutcome>
where
    I: Iterator<Item = CheckItem>,
{
    ordered_map(items, jobs, move |item| check_item(item, &rules, &options))
}

#[cfg(test)]
mod tests;
