//! What can be wrong with a rule file, as miette diagnostics.
//!
//! A [`Problem`] says what is wrong and where (spans into one file); a [`RuleError`] attaches
//! the file's name and text, so that miette renders the lines with the spans underlined.
//! Several errors come out of one run: [`RuleErrors`].

use std::fmt;
use std::sync::Arc;

use miette::{Diagnostic, LabeledSpan, NamedSource, SourceCode, SourceSpan};

use super::ast::Span;

/// A span as miette wants it.
pub fn source_span(span: Span) -> SourceSpan {
    (span.start, span.len()).into()
}

/// One thing wrong in a rule file. Every variant has a stable code, `factlint::rules::...`.
#[derive(Debug, Clone, thiserror::Error, Diagnostic)]
pub enum Problem {
    #[error("expected {expected}, found {found}")]
    #[diagnostic(code(factlint::rules::expected))]
    Expected {
        expected: String,
        found: String,
        #[label("expected {expected}")]
        span: SourceSpan,
        #[help]
        help: Option<String>,
    },

    #[error("unknown {place} `{word}`")]
    #[diagnostic(code(factlint::rules::unknown_keyword))]
    UnknownKeyword {
        word: String,
        place: &'static str,
        #[label("not a keyword here")]
        span: SourceSpan,
        #[help]
        help: String,
    },

    #[error("this {what} is never closed")]
    #[diagnostic(
        code(factlint::rules::unclosed_block),
        help("add `}}` at the end of the {what}")
    )]
    UnclosedBlock {
        what: &'static str,
        #[label("the {what} opens here")]
        open: SourceSpan,
        #[label("expected `}}` before this")]
        end: SourceSpan,
    },

    #[error("unterminated {what}")]
    #[diagnostic(code(factlint::rules::unterminated))]
    Unterminated {
        what: &'static str,
        #[label("the {what} starts here and is not closed on this line")]
        span: SourceSpan,
        #[help]
        help: String,
    },

    #[error("nested too deeply: more than {limit} levels")]
    #[diagnostic(
        code(factlint::rules::too_deep),
        help("split the expression: bind parts with `let`, or write fewer nested brackets")
    )]
    TooDeep {
        limit: usize,
        #[label("this is nested more than {limit} levels deep")]
        span: SourceSpan,
    },

    #[error("`{id}` is not a rule ID")]
    #[diagnostic(
        code(factlint::rules::rule_id),
        help("a rule ID is lower-case words joined by hyphens: `{suggestion}`")
    )]
    BadRuleId {
        id: String,
        suggestion: String,
        #[label("not lower-case words joined by hyphens")]
        span: SourceSpan,
    },

    #[error("unknown {what} `{word}`")]
    #[diagnostic(code(factlint::rules::unknown_word))]
    UnknownWord {
        what: &'static str,
        word: String,
        #[label("not a {what}")]
        span: SourceSpan,
        #[help]
        help: String,
    },

    #[error("`{text}` is not a date")]
    #[diagnostic(
        code(factlint::rules::bad_date),
        help(
            "dates are written YYYY-MM-DD or YYYY-MM, with a month from 01 to 12 and a day that exists"
        )
    )]
    BadDate {
        text: String,
        #[label("no such date")]
        span: SourceSpan,
    },

    #[error("a doc comment must stand before a rule, concept, table or fact")]
    #[diagnostic(
        code(factlint::rules::doc_comment),
        help("use `//` for a comment inside a block; `///` documents the item after it")
    )]
    StrayDocComment {
        #[label("this `///` documents nothing")]
        span: SourceSpan,
    },

    #[error("unknown escape `{escape}` in a string")]
    #[diagnostic(code(factlint::rules::escape), help(r#"the escapes are \" \\ \n \t"#))]
    BadEscape {
        escape: String,
        #[label("unknown escape")]
        span: SourceSpan,
    },

    #[error("`{op}` cannot be chained")]
    #[diagnostic(code(factlint::rules::chained_comparison))]
    Chained {
        op: String,
        #[label("a second `{op}` in a row")]
        span: SourceSpan,
        #[help]
        help: String,
    },

    #[error("cannot read `{path}`: {reason}")]
    #[diagnostic(code(factlint::rules::import))]
    Import {
        path: String,
        reason: String,
        #[label("imported here")]
        span: Option<SourceSpan>,
    },

    #[error("import cycle: {cycle}")]
    #[diagnostic(
        code(factlint::rules::import_cycle),
        help(
            "a file cannot import itself, even through other files: move what both need into a third file"
        )
    )]
    ImportCycle {
        cycle: String,
        #[label("this import starts the cycle")]
        span: SourceSpan,
    },

    #[error("{what} `{name}` is defined twice")]
    #[diagnostic(code(factlint::rules::duplicate))]
    Duplicate {
        what: &'static str,
        name: String,
        #[label("defined again here")]
        span: SourceSpan,
        #[label("first defined here")]
        first: Option<SourceSpan>,
        #[help]
        help: Option<String>,
    },

    #[error("unknown {what} `{name}`")]
    #[diagnostic(code(factlint::rules::unknown_name))]
    UnknownName {
        what: &'static str,
        name: String,
        #[label("not defined")]
        span: SourceSpan,
        #[help]
        help: Option<String>,
    },

    #[error("{what} cycle: {cycle}")]
    #[diagnostic(
        code(factlint::rules::definition_cycle),
        help("a definition cannot depend on itself: break the cycle")
    )]
    DefinitionCycle {
        what: &'static str,
        cycle: String,
        #[label("the cycle starts here")]
        span: SourceSpan,
        #[label(collection, "and goes on here")]
        others: Vec<LabeledSpan>,
    },

    #[error("`{name}` is bound after this condition")]
    #[diagnostic(
        code(factlint::rules::later_binding),
        help(
            "a `where` condition may use its own binding and the ones above it: move `let {name}` up"
        )
    )]
    LaterBinding {
        name: String,
        #[label("used here")]
        span: SourceSpan,
        #[label("bound here")]
        bound: SourceSpan,
    },

    #[error("a rule has one `{statement}`")]
    #[diagnostic(code(factlint::rules::duplicate_statement), help("remove one of them"))]
    DuplicateStatement {
        statement: &'static str,
        #[label("second `{statement}`")]
        span: SourceSpan,
        #[label("first `{statement}`")]
        first: SourceSpan,
    },

    #[error("rule `{id}` requires nothing")]
    #[diagnostic(
        code(factlint::rules::no_require),
        help("add `require CONDITION`: the rule reports a finding where the condition fails")
    )]
    NoRequire {
        id: String,
        #[label("no `require` in this rule")]
        span: SourceSpan,
    },

    #[error("expected {expected}, found {found}")]
    #[diagnostic(code(factlint::rules::type_mismatch))]
    TypeMismatch {
        expected: String,
        found: String,
        #[label("this is {found}")]
        span: SourceSpan,
        #[help]
        help: Option<String>,
    },

    #[error("`{op}` on {left} and {right}")]
    #[diagnostic(code(factlint::rules::dimension_mismatch))]
    DimensionMismatch {
        op: String,
        left: String,
        right: String,
        #[label("{left}")]
        left_span: SourceSpan,
        #[label("{right}")]
        right_span: SourceSpan,
        #[help]
        help: String,
    },

    #[error("arithmetic on dates: `{op}`")]
    #[diagnostic(
        code(factlint::rules::date_arithmetic),
        help(
            "dates are compared (`<`, `==`, `within`), not added or subtracted; a range of dates is `FROM to UNTIL`"
        )
    )]
    DateArithmetic {
        op: String,
        #[label("a date here")]
        span: SourceSpan,
    },

    #[error("`{function}` takes {expected}, given {found}")]
    #[diagnostic(code(factlint::rules::arity))]
    Arity {
        function: String,
        expected: String,
        found: usize,
        #[label("called here")]
        span: SourceSpan,
        #[help]
        help: String,
    },

    #[error("`{function}` filters a binding's claims and belongs in its `where`")]
    #[diagnostic(code(factlint::rules::filter_outside_where))]
    FilterOutsideWhere {
        function: String,
        #[label("not inside a `where`")]
        span: SourceSpan,
        #[help]
        help: String,
    },

    #[error("`kb.{name}` changes over time: say when")]
    #[diagnostic(
        code(factlint::rules::kb_date),
        help("write `kb.{name} at document.date`, or at a date such as `kb.{name} at 2014-09-22`")
    )]
    KbNeedsDate {
        name: String,
        #[label("which date?")]
        span: SourceSpan,
    },

    #[error("two values of `{name}` hold at the same time")]
    #[diagnostic(
        code(factlint::rules::overlapping_validity),
        help(
            "the periods of a fact, and of one name in a table, must not overlap: end one before the next begins"
        )
    )]
    OverlappingValidity {
        name: String,
        #[label("this period")]
        span: SourceSpan,
        #[label("overlaps this one")]
        other: SourceSpan,
    },

    #[error("this period ends before it starts")]
    #[diagnostic(
        code(factlint::rules::backwards_period),
        help("`from` names the first day and `until` the last: swap them")
    )]
    BackwardsPeriod {
        #[label("`until` is before `from`")]
        span: SourceSpan,
    },

    #[error("invalid pattern: {message}")]
    #[diagnostic(code(factlint::rules::regex))]
    BadRegex {
        message: String,
        #[label("{message}")]
        span: SourceSpan,
    },

    #[error("{what} has no field `{field}`")]
    #[diagnostic(code(factlint::rules::no_field))]
    NoField {
        what: String,
        field: String,
        #[label("no such field")]
        span: SourceSpan,
        #[help]
        help: String,
    },

    #[error("the test's text does not contain \"{words}\"")]
    #[diagnostic(
        code(factlint::rules::expect_text),
        help("`at` names words of the text, exactly as written there")
    )]
    ExpectTextNotFound {
        words: String,
        #[label("not in the text")]
        span: SourceSpan,
    },

    #[error("{message}")]
    #[diagnostic(code(factlint::rules::test))]
    BadTest {
        message: String,
        #[label("{label}")]
        span: SourceSpan,
        label: String,
        #[help]
        help: Option<String>,
    },

    /// A second place that belongs to another error, in another file.
    #[error("{message}")]
    #[diagnostic(severity(Advice))]
    Note {
        message: String,
        #[label("here")]
        span: SourceSpan,
    },
}

/// A problem in a named rule file, with the file's text for rendering.
#[derive(Debug, Clone)]
pub struct RuleError {
    problem: Problem,
    source: NamedSource<Arc<str>>,
    related: Vec<RuleError>,
}

impl RuleError {
    pub fn new(problem: Problem, file_name: &str, text: Arc<str>) -> Self {
        RuleError {
            problem,
            source: NamedSource::new(file_name, text),
            related: Vec::new(),
        }
    }

    /// Adds a note in another place (often another file) that belongs to this error.
    pub fn with_related(mut self, note: RuleError) -> Self {
        self.related.push(note);
        self
    }

    pub fn problem(&self) -> &Problem {
        &self.problem
    }

    /// The name of the file the problem is in.
    pub fn file_name(&self) -> &str {
        self.source.name()
    }
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.problem, f)
    }
}

impl std::error::Error for RuleError {}

impl Diagnostic for RuleError {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.problem.code()
    }

    fn severity(&self) -> Option<miette::Severity> {
        self.problem.severity()
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.problem.help()
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        self.problem.labels()
    }

    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn Diagnostic> + 'a>> {
        if self.related.is_empty() {
            return None;
        }
        Some(Box::new(self.related.iter().map(|r| r as &dyn Diagnostic)))
    }
}

/// Every problem found in a set of rule files, in file order.
#[derive(Debug, Clone, Default)]
pub struct RuleErrors {
    pub errors: Vec<RuleError>,
}

impl RuleErrors {
    pub fn is_empty(&self) -> bool {
        self.errors.is_empty()
    }

    pub fn len(&self) -> usize {
        self.errors.len()
    }

    pub fn iter(&self) -> std::slice::Iter<'_, RuleError> {
        self.errors.iter()
    }
}

impl IntoIterator for RuleErrors {
    type Item = RuleError;
    type IntoIter = std::vec::IntoIter<RuleError>;

    fn into_iter(self) -> Self::IntoIter {
        self.errors.into_iter()
    }
}

impl fmt::Display for RuleErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.errors.len() {
            1 => write!(f, "1 error in the rule files"),
            n => write!(f, "{n} errors in the rule files"),
        }
    }
}

impl std::error::Error for RuleErrors {}

impl Diagnostic for RuleErrors {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new("factlint::rules::errors"))
    }

    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn Diagnostic> + 'a>> {
        Some(Box::new(self.errors.iter().map(|e| e as &dyn Diagnostic)))
    }
}
