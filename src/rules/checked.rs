//! The checked rule set: what the evaluator reads.
//!
//! Names are resolved to indices, concepts are flattened to their words, knowledge-base
//! rows carry their validity periods, claims in calculations are wrapped in explicit
//! [`Checked::Value`] nodes, and every expression node has its span and static [`Type`].
//! The tree is closed: an evaluator is one `match` over [`Checked`] (as in cel-rust and jaq).

use std::path::PathBuf;
use std::sync::Arc;

use miette::NamedSource;

use crate::calendar::PartialDate;
use crate::claims::Unit;

pub use super::ast::{ClaimKind, Severity, Span};
pub use super::builtins::{Builtin, Field};
pub use super::check::types::{ClaimType, Dim, Type};

/// Rule files, loaded, resolved and type-checked.
#[derive(Clone, Debug)]
pub struct RuleSet {
    /// Every file read, the roots first, then imports in the order met.
    pub files: Vec<SourceFile>,
    pub concepts: Vec<Concept>,
    pub kb: Vec<KbEntry>,
    pub rules: Vec<Rule>,
    pub tests: Vec<Test>,
}

/// The index of a file in [`RuleSet::files`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FileId(pub usize);

/// The index of a concept in [`RuleSet::concepts`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ConceptId(pub usize);

/// The index of an entry in [`RuleSet::kb`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct KbId(pub usize);

/// The index of a binding in its rule's [`Rule::bindings`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct BindingId(pub usize);

/// A rule file's name and text, kept for diagnostics about rules and findings.
#[derive(Clone, Debug)]
pub struct SourceFile {
    pub path: PathBuf,
    /// The path as shown to people.
    pub name: String,
    pub text: Arc<str>,
}

impl SourceFile {
    /// The file for miette, so that spans render with lines and columns.
    pub fn named_source(&self) -> NamedSource<Arc<str>> {
        NamedSource::new(&self.name, self.text.clone())
    }

    /// The 1-based line of a byte offset.
    pub fn line_of(&self, offset: usize) -> usize {
        let end = offset.min(self.text.len());
        self.text.as_bytes()[..end]
            .iter()
            .filter(|b| **b == b'\n')
            .count()
            + 1
    }
}

/// Where something is defined.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Origin {
    pub file: FileId,
    pub span: Span,
}

/// `concept NAME = ...`, flattened.
#[derive(Clone, Debug)]
pub struct Concept {
    pub name: String,
    /// Every word and phrase, other concepts' included, in order, without repeats.
    pub words: Vec<String>,
    pub doc: Option<String>,
    pub origin: Origin,
}

/// A constant: a knowledge-base value.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// A number in its stated unit (`2 bn EUR` is 2e9 with the unit EUR).
    Number {
        value: f64,
        unit: Unit,
    },
    Date(PartialDate),
    Text(String),
}

/// Whether an entry is a set of names or one value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KbKind {
    /// `table`: the names that hold on a date. Each row is one name.
    Table,
    /// `fact`: the one value that holds on a date.
    Fact,
}

/// A table or fact of the knowledge base.
#[derive(Clone, Debug)]
pub struct KbEntry {
    pub name: String,
    pub kind: KbKind,
    /// What a lookup gives: a set of texts for a table, the values' type for a fact.
    pub ty: Type,
    pub rows: Vec<KbRow>,
    pub doc: Option<String>,
    pub origin: Origin,
}

impl KbEntry {
    /// No row has a validity period: the entry holds at all times and needs no `at`.
    pub fn is_timeless(&self) -> bool {
        self.rows
            .iter()
            .all(|r| r.from.is_none() && r.until.is_none())
    }
}

/// A value and the days it holds: from the first day of `from` to the last day of `until`,
/// both included; `None` is open-ended.
#[derive(Clone, Debug, PartialEq)]
pub struct KbRow {
    pub value: Value,
    pub from: Option<PartialDate>,
    pub until: Option<PartialDate>,
    pub span: Span,
}

/// A checked rule.
#[derive(Clone, Debug)]
pub struct Rule {
    pub id: String,
    pub severity: Severity,
    /// The `///` documentation.
    pub doc: Option<String>,
    pub tags: Vec<String>,
    /// The `message`; without one, the first line of the doc, else "rule ID failed".
    pub message: Vec<MessagePart>,
    pub help: Option<String>,
    /// The slack of `~=`, as a share: 0.05 for `tolerance 5 %`.
    pub tolerance: f64,
    /// Whether the rule or its file states the tolerance; if not, it is
    /// [`DEFAULT_TOLERANCE`](super::DEFAULT_TOLERANCE), which a configuration may replace.
    pub tolerance_stated: bool,
    pub bindings: Vec<Binding>,
    /// Every requirement must hold; a definite failure of one is a finding.
    pub requirements: Vec<Typed>,
    pub origin: Origin,
}

/// A piece of a message.
#[derive(Clone, Debug)]
pub enum MessagePart {
    Text(String),
    /// Shown as written in the document for a claim, else as a value.
    Expr(Typed),
}

/// `let NAME = [all] KIND [of SUBJECT] [where CONDITION]`.
#[derive(Clone, Debug)]
pub struct Binding {
    pub name: String,
    /// Binds the set of every matching claim rather than each claim in turn.
    pub all: bool,
    pub kind: ClaimKind,
    pub subject: Option<Subject>,
    /// May refer to this binding and the ones before it.
    pub filter: Option<Typed>,
    /// The filter split at its top-level `and`s, each part marked when it names an earlier
    /// binding: the evaluator decides the other parts once per document.
    pub conditions: Vec<Condition>,
    /// A claim, or a set of claims for `all`.
    pub ty: Type,
    pub span: Span,
}

/// One part of a binding's filter.
#[derive(Clone, Debug)]
pub struct Condition {
    pub expr: Typed,
    /// Names a binding other than its own.
    pub joined: bool,
    /// The other bindings it names, in order.
    pub names: Vec<usize>,
}

/// The parts of binding `own`'s filter: `a and b` holds only when both hold, so they can be
/// decided apart.
pub fn conditions(filter: Option<&Typed>, own: usize) -> Vec<Condition> {
    let mut parts = Vec::new();
    if let Some(f) = filter {
        conjuncts(f, &mut parts);
    }
    parts
        .into_iter()
        .map(|e| {
            let mut names = Vec::new();
            bindings_named(e, &mut names);
            names.retain(|&b| b != own);
            names.sort_unstable();
            names.dedup();
            Condition {
                joined: !names.is_empty(),
                names,
                expr: e.clone(),
            }
        })
        .collect()
}

/// The conditions of a chain of `and`s. The depth is bounded by the parser's nesting limit.
fn conjuncts<'a>(e: &'a Typed, out: &mut Vec<&'a Typed>) {
    match &e.node {
        Checked::And(a, b) => {
            conjuncts(a, out);
            conjuncts(b, out);
        }
        _ => out.push(e),
    }
}

/// The bindings `e` names, in any order, with repeats. The depth is bounded by the parser's
/// nesting limit.
fn bindings_named(e: &Typed, out: &mut Vec<usize>) {
    let mut all = |es: &[&Typed]| es.iter().for_each(|x| bindings_named(x, out));
    match &e.node {
        Checked::Binding(id) => out.push(id.0),
        Checked::Number { .. }
        | Checked::Date(_)
        | Checked::Text(_)
        | Checked::Regex { .. }
        | Checked::DocumentDate
        | Checked::Concept(_) => {}
        Checked::Set(items) | Checked::Call { args: items, .. } => {
            items.iter().for_each(|x| bindings_named(x, out));
        }
        Checked::Value(x) | Checked::Not(x) | Checked::Neg(x) => all(&[x]),
        Checked::Field { object, .. } => all(&[object]),
        Checked::Kb { at, .. } => {
            if let Some(x) = at.as_deref() {
                all(&[x]);
            }
        }
        Checked::And(a, b) | Checked::Or(a, b) => all(&[a, b]),
        Checked::Compare { lhs, rhs, .. } | Checked::Arith { lhs, rhs, .. } => all(&[lhs, rhs]),
        Checked::In { element, set, .. } => all(&[element, set]),
        Checked::Within { inner, outer } => all(&[inner, outer]),
        Checked::Range { from, until } => all(&[from, until]),
    }
}

/// What selected claims must be about: for quantities the subject lemma, for lists the class
/// of the items (`country`). Any of the words matches.
#[derive(Clone, Debug, PartialEq)]
pub struct Subject {
    pub words: Vec<String>,
    /// The concept the words come from, if a concept was named.
    pub concept: Option<ConceptId>,
}

/// A checked expression: its node, its static type, its span in the rule file.
#[derive(Clone, Debug)]
pub struct Typed {
    pub node: Checked,
    pub ty: Type,
    pub span: Span,
}

/// Comparison operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Comparison {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    /// Equal within the rule's tolerance.
    Approx,
}

/// Arithmetic operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Arith {
    Add,
    Sub,
    Mul,
    Div,
}

/// The nodes of a checked expression.
#[derive(Clone, Debug)]
pub enum Checked {
    /// A number in its stated unit, scale applied: `2 bn EUR` is 2e9 EUR. Rule literals are
    /// exact values, not precision intervals.
    Number {
        value: f64,
        unit: Unit,
    },
    Date(PartialDate),
    Text(String),
    Regex {
        pattern: String,
        ignore_case: bool,
        /// The pattern, compiled.
        regex: regex::Regex,
    },
    Set(Vec<Typed>),
    /// The claim bound to a binding (the set of claims, for `all`).
    Binding(BindingId),
    /// A claim's value where a value is needed: a quantity's figure, a date, a period's
    /// range, a list's items.
    Value(Box<Typed>),
    Field {
        object: Box<Typed>,
        field: Field,
    },
    /// `document.date`
    DocumentDate,
    /// A concept's words, as a set of texts.
    Concept(ConceptId),
    /// `kb.NAME [at DATE]`
    Kb {
        entry: KbId,
        at: Option<Box<Typed>>,
    },
    Not(Box<Typed>),
    Neg(Box<Typed>),
    And(Box<Typed>, Box<Typed>),
    Or(Box<Typed>, Box<Typed>),
    Compare {
        op: Comparison,
        lhs: Box<Typed>,
        rhs: Box<Typed>,
    },
    /// `element in set`, `text in /pattern/`, `x in a to b`; `not in` when negated.
    In {
        element: Box<Typed>,
        set: Box<Typed>,
        negated: bool,
    },
    /// Every value of `inner` lies in `outer`; for sets, a subset.
    Within {
        inner: Box<Typed>,
        outer: Box<Typed>,
    },
    /// `from to until`
    Range {
        from: Box<Typed>,
        until: Box<Typed>,
    },
    Arith {
        op: Arith,
        lhs: Box<Typed>,
        rhs: Box<Typed>,
    },
    Call {
        builtin: Builtin,
        args: Vec<Typed>,
    },
}

/// `test "name" { ... }`.
#[derive(Clone, Debug)]
pub struct Test {
    pub name: String,
    pub text: String,
    pub date: Option<PartialDate>,
    pub expect: Expect,
    pub origin: Origin,
}

/// What a test expects of its text.
#[derive(Clone, Debug, PartialEq)]
pub enum Expect {
    /// `expect none`: no rule fires.
    Nothing,
    /// These findings, and no others.
    Findings(Vec<ExpectedFinding>),
}

/// `expect RULE [at "words"]`.
#[derive(Clone, Debug, PartialEq)]
pub struct ExpectedFinding {
    pub rule: String,
    /// The words the finding must underline: their first occurrence in the text, as a byte
    /// range of the text.
    pub at: Option<Span>,
    pub span: Span,
}

impl RuleSet {
    /// The file something is defined in.
    pub fn file(&self, id: FileId) -> &SourceFile {
        &self.files[id.0]
    }

    /// The file name and 1-based line of a definition, for "where the rule lives".
    pub fn location(&self, origin: Origin) -> (&str, usize) {
        let file = self.file(origin.file);
        (&file.name, file.line_of(origin.span.start))
    }

    /// The rule with this ID.
    pub fn rule(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id == id)
    }
}
