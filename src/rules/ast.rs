//! The syntax tree of one rule file, as written: every node carries its byte span.
//!
//! This is what the parser produces and the formatter prints. Names are not resolved and
//! nothing is type-checked here; [`super::checked`] holds the checked form the evaluator
//! reads. Parentheses are kept ([`ExprKind::Paren`]) so that the formatter prints the
//! grouping the author chose.

use crate::calendar::PartialDate;

pub use crate::claims::Span;

/// A name as written, with its span: a binding, a concept, a rule ID, a unit.
#[derive(Clone, Debug, PartialEq)]
pub struct Ident {
    pub name: String,
    pub span: Span,
}

/// A string literal, unescaped.
#[derive(Clone, Debug, PartialEq)]
pub struct StrLit {
    pub value: String,
    pub span: Span,
}

/// One or more adjacent string literals, read as one text (long texts span lines).
#[derive(Clone, Debug, PartialEq)]
pub struct Text {
    pub pieces: Vec<StrLit>,
}

impl Text {
    pub fn value(&self) -> String {
        self.pieces.iter().map(|p| p.value.as_str()).collect()
    }

    pub fn span(&self) -> Span {
        let start = self.pieces.first().map_or(0, |p| p.span.start);
        let end = self.pieces.last().map_or(0, |p| p.span.end);
        Span::new(start, end)
    }
}

/// A `//` comment (not a `///` doc comment), kept for the formatter.
#[derive(Clone, Debug, PartialEq)]
pub struct Comment {
    /// The comment's text, `//` included, trailing white space removed.
    pub text: String,
    pub span: Span,
}

/// `///` lines before an item: its documentation.
#[derive(Clone, Debug, PartialEq)]
pub struct Doc {
    /// Each line's text after `///`, as written (usually starting with a space).
    pub lines: Vec<String>,
    pub span: Span,
}

impl Doc {
    /// The documentation as one text: lines joined, one leading space of each dropped.
    pub fn text(&self) -> String {
        let lines: Vec<&str> = self
            .lines
            .iter()
            .map(|l| l.strip_prefix(' ').unwrap_or(l))
            .collect();
        lines.join("\n")
    }
}

/// A whole rule file.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct File {
    pub items: Vec<Item>,
    /// Every `//` comment, in order.
    pub comments: Vec<Comment>,
}

/// A top-level declaration.
#[derive(Clone, Debug, PartialEq)]
pub enum Item {
    Import(Import),
    Tolerance(Tolerance),
    Concept(Concept),
    Table(Table),
    Fact(Fact),
    Rule(Rule),
    Test(Test),
}

impl Item {
    /// Where the item's `///` documentation starts, if it has any.
    pub fn doc_start(&self) -> Option<usize> {
        let doc = match self {
            Item::Concept(x) => &x.doc,
            Item::Table(x) => &x.doc,
            Item::Fact(x) => &x.doc,
            Item::Rule(x) => &x.doc,
            _ => return None,
        };
        doc.as_ref().map(|d| d.span.start)
    }

    pub fn span(&self) -> Span {
        match self {
            Item::Import(x) => x.span,
            Item::Tolerance(x) => x.span,
            Item::Concept(x) => x.span,
            Item::Table(x) => x.span,
            Item::Fact(x) => x.span,
            Item::Rule(x) => x.span,
            Item::Test(x) => x.span,
        }
    }
}

/// `import "path"`: the path is relative to the importing file.
#[derive(Clone, Debug, PartialEq)]
pub struct Import {
    pub path: StrLit,
    pub span: Span,
}

/// `tolerance 5 %`: the slack of `~=`, for a file or for one rule.
#[derive(Clone, Debug, PartialEq)]
pub struct Tolerance {
    pub value: Expr,
    pub span: Span,
}

/// `concept drugs = "heroin" | "cocaine" | opiates`.
#[derive(Clone, Debug, PartialEq)]
pub struct Concept {
    pub doc: Option<Doc>,
    pub name: Ident,
    pub terms: Vec<Term>,
    pub span: Span,
}

/// One alternative of a concept: a word or phrase, or another concept.
#[derive(Clone, Debug, PartialEq)]
pub enum Term {
    Word(StrLit),
    Concept(Ident),
}

/// The days on which a knowledge-base row holds: both ends included, either may be open.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Validity {
    pub from: Option<DateLit>,
    pub until: Option<DateLit>,
}

/// A date as written in a validity period.
#[derive(Clone, Debug, PartialEq)]
pub struct DateLit {
    pub date: PartialDate,
    pub span: Span,
}

/// `table eu_members { "Belgium", "France" from 1958-01-01 ... }`: a set of names that
/// changes over time.
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    pub doc: Option<Doc>,
    pub name: Ident,
    pub rows: Vec<TableRow>,
    pub span: Span,
}

/// Names that are in a table during one validity period.
#[derive(Clone, Debug, PartialEq)]
pub struct TableRow {
    pub names: Vec<StrLit>,
    pub validity: Validity,
    pub span: Span,
}

/// `fact eu_size { 28 from 2013-07-01 until 2020-01-31  27 from 2020-02-01 }`, or
/// `fact founded = 1958-01-01`: one value at a time.
#[derive(Clone, Debug, PartialEq)]
pub struct Fact {
    pub doc: Option<Doc>,
    pub name: Ident,
    pub rows: Vec<FactRow>,
    pub span: Span,
}

/// A fact's value during one validity period.
#[derive(Clone, Debug, PartialEq)]
pub struct FactRow {
    pub value: Expr,
    pub validity: Validity,
    pub span: Span,
}

/// `rule ID { ... }`.
#[derive(Clone, Debug, PartialEq)]
pub struct Rule {
    pub doc: Option<Doc>,
    pub id: Ident,
    pub body: Vec<Stmt>,
    pub span: Span,
}

pub use crate::severity::Severity;

/// A statement inside a rule.
#[derive(Clone, Debug, PartialEq)]
pub struct Stmt {
    pub kind: StmtKind,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum StmtKind {
    /// `severity error`
    Severity(Severity),
    /// `tags counts, lists`
    Tags(Vec<Ident>),
    /// `tolerance 2 %`
    Tolerance(Tolerance),
    /// `let total = quantity of country where near("took part")`
    Let(Let),
    /// `require total == members + count(partners)`
    Require(Expr),
    /// `message "{total} countries stated"`
    Message(Template),
    /// `help "check the total"`
    Help(Text),
}

/// `let NAME = SELECTOR`.
#[derive(Clone, Debug, PartialEq)]
pub struct Let {
    pub name: Ident,
    pub selector: Selector,
}

/// The four kinds of claim the extractor produces.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ClaimKind {
    Quantity,
    List,
    Date,
    Period,
}

impl ClaimKind {
    pub const ALL: [ClaimKind; 4] = [
        ClaimKind::Quantity,
        ClaimKind::List,
        ClaimKind::Date,
        ClaimKind::Period,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ClaimKind::Quantity => "quantity",
            ClaimKind::List => "list",
            ClaimKind::Date => "date",
            ClaimKind::Period => "period",
        }
    }
}

/// `[all] KIND [of SUBJECT] [where CONDITION]`.
#[derive(Clone, Debug, PartialEq)]
pub struct Selector {
    /// `all`: bind the set of every matching claim instead of each claim in turn.
    pub all: bool,
    pub kind: ClaimKind,
    pub kind_span: Span,
    pub subject: Option<Subject>,
    pub condition: Option<Expr>,
    pub span: Span,
}

/// What a selected claim is about: a lemma or phrase, or a concept's words.
#[derive(Clone, Debug, PartialEq)]
pub enum Subject {
    /// A bare word: a concept if one has this name, else the lemma itself.
    Word(Ident),
    /// A quoted lemma or phrase: `"member state"`.
    Text(StrLit),
}

/// A message: literal text with `{expr}` holes, over one or more adjacent literals.
#[derive(Clone, Debug, PartialEq)]
pub struct Template {
    pub pieces: Vec<TemplatePiece>,
}

/// One string literal of a template.
#[derive(Clone, Debug, PartialEq)]
pub struct TemplatePiece {
    pub parts: Vec<TemplatePart>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum TemplatePart {
    Text(String),
    Expr(Expr),
}

/// `test "name" { text "..." expect RULE at "words" }`.
#[derive(Clone, Debug, PartialEq)]
pub struct Test {
    pub name: StrLit,
    pub body: Vec<TestStmt>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct TestStmt {
    pub kind: TestStmtKind,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum TestStmtKind {
    /// The document's text.
    Text(Text),
    /// The document's date.
    Date(DateLit),
    /// `expect RULE [at "words"]`.
    Expect { rule: Ident, at: Option<StrLit> },
    /// `expect none`: no rule fires.
    ExpectNone,
}

/// An expression with its span.
#[derive(Clone, Debug, PartialEq)]
pub struct Expr {
    pub kind: ExprKind,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ExprKind {
    Number(NumberLit),
    Date(PartialDate),
    Text(String),
    /// `/pattern/` or `/pattern/i`.
    Regex {
        pattern: String,
        ignore_case: bool,
    },
    /// `{a, b, c}`
    Set(Vec<Expr>),
    /// A binding, a concept, or `document`.
    Name(String),
    /// `a.value`
    Member {
        object: Box<Expr>,
        field: Ident,
    },
    /// `count(x)`, `near("from")`
    Call {
        function: Ident,
        args: Vec<Expr>,
    },
    /// `kb.eu_members at document.date`
    Kb {
        name: Ident,
        at: Option<Box<Expr>>,
    },
    Unary {
        op: UnaryOp,
        operand: Box<Expr>,
    },
    Binary {
        op: BinaryOp,
        lhs: Box<Expr>,
        rhs: Box<Expr>,
    },
    /// `( expr )`, kept so the formatter prints the author's grouping.
    Paren(Box<Expr>),
}

/// A number as written: `1.3 t`, `2 bn EUR`, `€2.5 bn`, `5 %`, `1_027`.
#[derive(Clone, Debug, PartialEq)]
pub struct NumberLit {
    /// Digits as written, with `_` separators and an optional decimal point.
    pub digits: String,
    /// A currency symbol written before the digits: `€`, `$`, `£`.
    pub prefix: Option<Ident>,
    /// A scale word: `thousand`, `million`, `bn`, `k`.
    pub scale: Option<Ident>,
    /// A unit or currency: `t`, `tonnes`, `%`, `EUR`, `euros`.
    pub unit: Option<Ident>,
}

impl NumberLit {
    /// The digits' value, before scale and unit.
    pub fn value(&self) -> f64 {
        let digits: String = self.digits.chars().filter(|c| *c != '_').collect();
        digits.parse().unwrap_or(f64::NAN)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum UnaryOp {
    /// `not`
    Not,
    /// `-`
    Neg,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BinaryOp {
    Or,
    And,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    /// `~=`: equal within the tolerance.
    Approx,
    In,
    NotIn,
    Within,
    /// `a to b`: the range from a to b.
    To,
    Add,
    Sub,
    Mul,
    Div,
}

impl BinaryOp {
    pub fn symbol(self) -> &'static str {
        match self {
            BinaryOp::Or => "or",
            BinaryOp::And => "and",
            BinaryOp::Eq => "==",
            BinaryOp::Ne => "!=",
            BinaryOp::Lt => "<",
            BinaryOp::Le => "<=",
            BinaryOp::Gt => ">",
            BinaryOp::Ge => ">=",
            BinaryOp::Approx => "~=",
            BinaryOp::In => "in",
            BinaryOp::NotIn => "not in",
            BinaryOp::Within => "within",
            BinaryOp::To => "to",
            BinaryOp::Add => "+",
            BinaryOp::Sub => "-",
            BinaryOp::Mul => "*",
            BinaryOp::Div => "/",
        }
    }

    /// Binding strength: higher binds tighter. `not` stands at 3, unary minus at 8.
    pub fn precedence(self) -> u8 {
        match self {
            BinaryOp::Or => 1,
            BinaryOp::And => 2,
            BinaryOp::Eq
            | BinaryOp::Ne
            | BinaryOp::Lt
            | BinaryOp::Le
            | BinaryOp::Gt
            | BinaryOp::Ge
            | BinaryOp::Approx
            | BinaryOp::In
            | BinaryOp::NotIn
            | BinaryOp::Within => 4,
            BinaryOp::To => 5,
            BinaryOp::Add | BinaryOp::Sub => 6,
            BinaryOp::Mul | BinaryOp::Div => 7,
        }
    }

    /// Comparisons and ranges do not chain: `a < b < c` is an error, not `(a < b) < c`.
    pub fn chains(self) -> bool {
        !matches!(self.precedence(), 4 | 5)
    }
}

/// Precedence of `not`.
pub const NOT_PRECEDENCE: u8 = 3;
/// Precedence of unary minus.
pub const NEG_PRECEDENCE: u8 = 8;
