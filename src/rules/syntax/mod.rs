//! The rule file grammar, written with nom over the file's text.
//!
//! Every parser is a method of `Parser`, which knows the whole text, so any position in the
//! input is a byte offset into the file and every node gets its span. A parser starts at a
//! token and stops right after its last token: callers skip white space and comments
//! themselves, which keeps spans tight and lets a statement insist on ending its line.
//!
//! Errors do not stop the parse. A broken item or statement is recorded and the parser skips
//! to the next line that starts an item or statement, so one run reports every error.
//! The files: `lex` (white space, comments, names, keywords), `literals` (strings, dates,
//! numbers with units, patterns), `expr` (expressions), `items` (top-level declarations),
//! `block` (the statements of rules and tests).

mod block;
mod expr;
mod items;
mod lex;
mod literals;

use std::cell::RefCell;
use std::collections::BTreeMap;

use nom::error::{ErrorKind, ParseError};

use super::ast::{Comment, File, Span};
use super::errors::{Problem, source_span};

pub use expr::MAX_DEPTH;
pub use lex::{is_reserved, valid_rule_id};

/// Parses a rule file. Returns the items it could read and every problem it found.
pub fn parse(src: &str) -> (File, Vec<Problem>) {
    let parser = Parser::new(src);
    let items = parser.items(src);
    let comments = parser.comments.into_inner().into_values().collect();
    (File { items, comments }, parser.problems.into_inner())
}

/// The parse of one file: the whole text, and what was collected on the way.
pub(crate) struct Parser<'a> {
    src: &'a str,
    /// By start offset: backtracking may skip the same comment twice.
    comments: RefCell<BTreeMap<usize, Comment>>,
    /// Problems inside blocks, recorded where the parser recovered from them.
    problems: RefCell<Vec<Problem>>,
}

pub(crate) type PResult<'a, T> = nom::IResult<&'a str, T, PError<'a>>;

/// A parse error at a position: what was expected there, or a finished problem.
#[derive(Debug)]
pub(crate) struct PError<'a> {
    at: &'a str,
    kind: PErrorKind,
}

#[derive(Debug)]
enum PErrorKind {
    Expected {
        what: Vec<&'static str>,
        help: Option<&'static str>,
    },
    Problem(Box<Problem>),
}

impl<'a> PError<'a> {
    pub(crate) fn expected(at: &'a str, what: &'static str) -> Self {
        PError {
            at,
            kind: PErrorKind::Expected {
                what: vec![what],
                help: None,
            },
        }
    }

    pub(crate) fn with_help(mut self, text: &'static str) -> Self {
        if let PErrorKind::Expected { help, .. } = &mut self.kind {
            *help = Some(text);
        }
        self
    }

    pub(crate) fn problem(at: &'a str, problem: Problem) -> Self {
        PError {
            at,
            kind: PErrorKind::Problem(Box::new(problem)),
        }
    }
}

impl<'a> ParseError<&'a str> for PError<'a> {
    fn from_error_kind(input: &'a str, _kind: ErrorKind) -> Self {
        PError::expected(input, "something else")
    }

    fn append(_input: &'a str, _kind: ErrorKind, other: Self) -> Self {
        other
    }

    /// Of two alternatives, the one that read further explains the failure better; at the
    /// same place, both expectations are listed.
    fn or(self, other: Self) -> Self {
        use std::cmp::Ordering;
        match self.at.len().cmp(&other.at.len()) {
            Ordering::Less => self,
            Ordering::Greater => other,
            Ordering::Equal => match (self.kind, other.kind) {
                (
                    PErrorKind::Expected { mut what, help },
                    PErrorKind::Expected {
                        what: more,
                        help: other_help,
                    },
                ) => {
                    for w in more {
                        if !what.contains(&w) {
                            what.push(w);
                        }
                    }
                    PError {
                        at: self.at,
                        kind: PErrorKind::Expected {
                            what,
                            help: help.or(other_help),
                        },
                    }
                }
                (kind @ PErrorKind::Problem(_), _) | (_, kind) => PError { at: self.at, kind },
            },
        }
    }
}

/// A failure that no alternative can repair: stop trying others.
pub(crate) fn fail<'a, T>(e: PError<'a>) -> PResult<'a, T> {
    Err(nom::Err::Failure(e))
}

/// A recoverable error says what was expected here instead; a failure keeps its own problem.
pub(crate) fn relabel<'a>(e: nom::Err<PError<'a>>, what: &'static str) -> nom::Err<PError<'a>> {
    match e {
        nom::Err::Error(e) => nom::Err::Error(PError::expected(e.at, what)),
        other => other,
    }
}

/// A failure that an alternative may repair.
pub(crate) fn miss<'a, T>(e: PError<'a>) -> PResult<'a, T> {
    Err(nom::Err::Error(e))
}

impl<'a> Parser<'a> {
    fn new(src: &'a str) -> Self {
        Parser {
            src,
            comments: RefCell::new(BTreeMap::new()),
            problems: RefCell::new(Vec::new()),
        }
    }

    /// The byte offset of a position in the text.
    pub(crate) fn offset(&self, at: &str) -> usize {
        self.src.len() - at.len()
    }

    /// The span from one position to another (`to` after `from`).
    pub(crate) fn span(&self, from: &str, to: &str) -> Span {
        Span::new(self.offset(from), self.offset(to))
    }

    /// Records a problem and goes on.
    pub(crate) fn report(&self, problem: Problem) {
        self.problems.borrow_mut().push(problem);
    }

    /// Records a parse error as a problem.
    pub(crate) fn report_error(&self, e: nom::Err<PError<'a>>) {
        match e {
            nom::Err::Error(e) | nom::Err::Failure(e) => {
                let problem = self.to_problem(e);
                self.report(problem);
            }
            nom::Err::Incomplete(_) => {}
        }
    }

    fn to_problem(&self, e: PError<'a>) -> Problem {
        match e.kind {
            PErrorKind::Problem(p) => *p,
            PErrorKind::Expected { what, help } => {
                let (found, len) = describe(e.at);
                let start = self.offset(e.at);
                Problem::Expected {
                    expected: one_of(&what),
                    found,
                    span: source_span(Span::new(start, start + len)),
                    help: help.map(str::to_string),
                }
            }
        }
    }
}

/// "`a`", "`a` or `b`", "`a`, `b` or `c`".
fn one_of(what: &[&str]) -> String {
    match what {
        [] => "something else".to_string(),
        [one] => one.to_string(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

/// What stands at a position, for "found ...", and how many bytes to underline.
fn describe(at: &str) -> (String, usize) {
    let Some(c) = at.chars().next() else {
        return ("the end of the file".to_string(), 0);
    };
    if c == '\n' || c == '\r' {
        return ("the end of the line".to_string(), 0);
    }
    if c == '"' {
        return ("a string".to_string(), 1);
    }
    if c.is_alphanumeric() || c == '_' {
        let len = at
            .find(|ch: char| !(ch.is_alphanumeric() || ch == '_' || ch == '.'))
            .unwrap_or(at.len());
        let word = &at[..len];
        let word = word.trim_end_matches('.');
        return (format!("`{word}`"), word.len());
    }
    (format!("`{c}`"), c.len_utf8())
}

#[cfg(test)]
mod tests;
