//! Blocks in braces, and the statements of rules and tests.

use super::lex::first_word;
use super::{PError, PResult, Parser, fail, miss};
use crate::rules::ast::{
    ClaimKind, Doc, Let, Rule, Selector, Severity, Stmt, StmtKind, Subject, Template, TemplatePart,
    TemplatePiece, Test, TestStmt, TestStmtKind,
};
use crate::rules::errors::{Problem, source_span};
use crate::rules::suggest;

/// The words that start a statement in a rule.
pub(crate) const RULE_STATEMENTS: [&str; 7] = [
    "severity",
    "tags",
    "tolerance",
    "let",
    "require",
    "message",
    "help",
];

/// The words that start a statement in a test.
const TEST_STATEMENTS: [&str; 3] = ["text", "date", "expect"];

/// Words that only start a top-level item: met inside a block, they mean a `}` is missing.
const ITEM_ONLY: [&str; 6] = ["rule", "concept", "table", "fact", "test", "import"];

impl<'a> Parser<'a> {
    /// The entries of a block from `{` (at `open`) to `}`, one per line, recovering after
    /// each broken one at the next line that `restart` accepts. A block that runs into the
    /// next item or the end of the file is reported as unclosed and ends there.
    pub(crate) fn block<T>(
        &self,
        open: &'a str,
        what: &'static str,
        restart: impl Fn(&str) -> bool,
        entry: impl Fn(&'a str) -> PResult<'a, T>,
    ) -> (&'a str, Vec<T>) {
        let open_span = self.span(open, &open[1..]);
        let mut entries = Vec::new();
        let mut rest = self.ws(&open[1..]);
        let restart = |line: &str| {
            restart(line) || line.starts_with('}') || ITEM_ONLY.contains(&first_word(line))
        };
        loop {
            if let Some(after) = rest.strip_prefix('}') {
                return (after, entries);
            }
            let word = first_word(rest);
            if rest.is_empty() || ITEM_ONLY.contains(&word) {
                let end = self.offset(rest);
                self.report(Problem::UnclosedBlock {
                    what,
                    open: source_span(open_span),
                    end: source_span(crate::rules::ast::Span::new(end, end + word.len())),
                });
                return (rest, entries);
            }
            if rest.starts_with("///") {
                let (after, doc) = self.doc(rest);
                let span = doc.map_or_else(Default::default, |d: Doc| d.span);
                self.report(Problem::StrayDocComment {
                    span: source_span(span),
                });
                rest = after;
                continue;
            }
            let parsed = entry(rest).and_then(|(r, e)| self.end_of_line(r).map(|_| (r, e)));
            match parsed {
                Ok((r, e)) => {
                    entries.push(e);
                    rest = self.ws(r);
                }
                Err(e) => {
                    self.report_error(e);
                    rest = self.ws(self.skip_lines(rest, restart));
                }
            }
        }
    }

    /// `rule ID { statements }`; `i` is at `rule`, `id` at the ID.
    pub(crate) fn rule(&self, i: &'a str, id: &'a str, doc: Option<Doc>) -> PResult<'a, Rule> {
        // A malformed ID is reported, and the body is still read for its own errors.
        let (r, id) = match self.rule_id(id) {
            Err(nom::Err::Failure(e)) => {
                let (r, id) = self.hyphenated(id, "a rule ID")?;
                self.report_error(nom::Err::Failure(e));
                (r, id)
            }
            other => other?,
        };
        let open = self.ws(r);
        self.symbol(open, "{", "`{` to open the rule")?;
        let restart = |line: &str| RULE_STATEMENTS.contains(&first_word(line));
        let (rest, body) = self.block(open, "rule", restart, |s| self.statement(s));
        let span = self.span(i, rest);
        Ok((
            rest,
            Rule {
                doc,
                id,
                body,
                span,
            },
        ))
    }

    fn statement(&self, i: &'a str) -> PResult<'a, Stmt> {
        let (after, word) = self
            .word(i)
            .or_else(|_| fail(PError::expected(i, "a statement or `}`")))?;
        let j = self.ws(after);
        let (rest, kind) = match word {
            "severity" => {
                let (r, level) = self.word(j)?;
                match Severity::ALL.iter().find(|s| s.as_str() == level) {
                    Some(s) => (r, StmtKind::Severity(*s)),
                    None => return fail(self.unknown_severity(j, r, level)),
                }
            }
            "tags" => {
                let mut tags = Vec::new();
                let mut r = j;
                loop {
                    let (after, tag) = self.hyphenated(r, "a tag")?;
                    tags.push(tag);
                    r = after;
                    match self.spaces(after).strip_prefix(',') {
                        Some(more) => r = self.spaces(more),
                        None => break,
                    }
                }
                (r, StmtKind::Tags(tags))
            }
            "tolerance" => {
                let (r, t) = self.tolerance(i, j)?;
                (r, StmtKind::Tolerance(t))
            }
            "let" => {
                let (r, name) = self.ident(j)?;
                let (r, _) = self.symbol(self.ws(r), "=", "`=`")?;
                let (r, selector) = self.selector(self.ws(r))?;
                (r, StmtKind::Let(Let { name, selector }))
            }
            "require" => {
                let (r, e) = self.expr(j, 0)?;
                (r, StmtKind::Require(e))
            }
            "message" => {
                let (r, t) = self.template(j)?;
                (r, StmtKind::Message(t))
            }
            "help" => {
                let (r, t) = self.text(j)?;
                (r, StmtKind::Help(t))
            }
            _ => return fail(self.unknown_statement(i, after, word)),
        };
        Ok((
            rest,
            Stmt {
                kind,
                span: self.span(i, rest),
            },
        ))
    }

    fn unknown_severity(&self, at: &'a str, after: &'a str, level: &str) -> PError<'a> {
        let names = Severity::ALL.map(Severity::as_str);
        PError::problem(
            at,
            Problem::UnknownWord {
                what: "severity",
                word: level.to_string(),
                span: source_span(self.span(at, after)),
                help: suggest::did_you_mean(level, names, || {
                    format!("the severities are {}", suggest::list(&names))
                }),
            },
        )
    }

    fn unknown_statement(&self, i: &'a str, after: &'a str, word: &str) -> PError<'a> {
        let next = self.spaces(after);
        let looks_like_condition = ["==", "!=", "<", ">", "~=", "."]
            .iter()
            .any(|op| next.starts_with(op));
        let help = if looks_like_condition {
            format!("a condition is a statement of its own: `require {word} ...`")
        } else {
            suggest::did_you_mean(word, RULE_STATEMENTS, || {
                format!(
                    "a statement in a rule starts with {}",
                    suggest::list(&RULE_STATEMENTS)
                )
            })
        };
        PError::problem(
            i,
            Problem::UnknownKeyword {
                word: word.to_string(),
                place: "statement",
                span: source_span(self.span(i, after)),
                help,
            },
        )
    }

    /// `[all] KIND [of SUBJECT] [where CONDITION]`.
    fn selector(&self, i: &'a str) -> PResult<'a, Selector> {
        let (mut r, all) = match self.keyword(i, "all") {
            Ok((after, _)) => (self.ws(after), true),
            Err(_) => (i, false),
        };
        let (after_kind, word) = self.word(r).or_else(|_| {
            fail(PError::expected(
                r,
                "a claim kind: `quantity`, `list`, `date` or `period`",
            ))
        })?;
        let kind_span = self.span(r, after_kind);
        let Some(kind) = ClaimKind::ALL.into_iter().find(|k| k.as_str() == word) else {
            let kinds = ClaimKind::ALL.map(ClaimKind::as_str);
            let singular = word.strip_suffix("ies").map(|s| format!("{s}y"));
            let singular = singular.or_else(|| word.strip_suffix('s').map(str::to_string));
            let help = match singular {
                Some(s) if kinds.contains(&s.as_str()) => {
                    format!("claim kinds are singular, also after `all`: `{s}`")
                }
                _ => suggest::did_you_mean(word, kinds, || {
                    format!("the claim kinds are {}", suggest::list(&kinds))
                }),
            };
            return fail(PError::problem(
                r,
                Problem::UnknownWord {
                    what: "claim kind",
                    word: word.to_string(),
                    span: source_span(kind_span),
                    help,
                },
            ));
        };
        r = after_kind;
        let mut subject = None;
        if let Ok((after, _)) = self.keyword(self.ws(r), "of") {
            let j = self.ws(after);
            let (after, s) = if j.starts_with('"') {
                let (a, s) = self.string(j)?;
                (a, Subject::Text(s))
            } else {
                let (a, w) = self.ident(j).or_else(|_| {
                    fail(PError::expected(
                        j,
                        "a word, a phrase in quotes or a concept",
                    ))
                })?;
                (a, Subject::Word(w))
            };
            subject = Some(s);
            r = after;
        }
        let mut condition = None;
        if let Ok((after, _)) = self.keyword(self.ws(r), "where") {
            let (after, e) = self.expr(self.ws(after), 0)?;
            condition = Some(e);
            r = after;
        }
        Ok((
            r,
            Selector {
                all,
                kind,
                kind_span,
                subject,
                condition,
                span: self.span(i, r),
            },
        ))
    }

    /// One or more message literals with `{expr}` holes; `{{` and `}}` are braces.
    fn template(&self, i: &'a str) -> PResult<'a, Template> {
        let (mut rest, first) = self.template_piece(i)?;
        let mut pieces = vec![first];
        loop {
            let j = self.ws(rest);
            if !j.starts_with('"') {
                return Ok((rest, Template { pieces }));
            }
            let (after, piece) = self.template_piece(j)?;
            pieces.push(piece);
            rest = after;
        }
    }

    fn template_piece(&self, i: &'a str) -> PResult<'a, TemplatePiece> {
        let Some(mut rest) = i.strip_prefix('"') else {
            return miss(PError::expected(i, "a message in quotes"));
        };
        let mut parts = Vec::new();
        let mut text = String::new();
        loop {
            let plain = rest.find(['"', '\\', '\n', '{', '}']).unwrap_or(rest.len());
            text.push_str(&rest[..plain]);
            rest = &rest[plain..];
            match rest.chars().next() {
                Some('"') => break,
                Some('\\') => {
                    let (after, escaped) = self.escape(rest)?;
                    text.push(escaped);
                    rest = after;
                }
                Some(c @ ('{' | '}')) if rest[1..].starts_with(c) => {
                    text.push(c);
                    rest = &rest[2..];
                }
                Some('{') => {
                    if !text.is_empty() {
                        parts.push(TemplatePart::Text(std::mem::take(&mut text)));
                    }
                    let (after, e) = self.expr(self.ws(&rest[1..]), 1)?;
                    let close = self.ws(after);
                    let Some(after) = close.strip_prefix('}') else {
                        return fail(
                            PError::expected(close, "`}` to close `{` in the message")
                                .with_help("a brace in a message is written `{{` or `}}`"),
                        );
                    };
                    parts.push(TemplatePart::Expr(e));
                    rest = after;
                }
                Some('}') => {
                    return fail(
                        PError::expected(rest, "`{` before `}`")
                            .with_help("a brace in a message is written `{{` or `}}`"),
                    );
                }
                _ => return fail(self.unterminated(i, "string")),
            }
        }
        if !text.is_empty() {
            parts.push(TemplatePart::Text(text));
        }
        let rest = &rest[1..];
        Ok((
            rest,
            TemplatePiece {
                parts,
                span: self.span(i, rest),
            },
        ))
    }

    /// `test "name" { ... }`; `i` is at `test`, `name` at the name.
    pub(crate) fn test(&self, i: &'a str, name: &'a str) -> PResult<'a, Test> {
        let (r, name) = self.string(name)?;
        let open = self.ws(r);
        self.symbol(open, "{", "`{` to open the test")?;
        let restart = |line: &str| TEST_STATEMENTS.contains(&first_word(line));
        let (rest, body) = self.block(open, "test", restart, |s| self.test_statement(s));
        let span = self.span(i, rest);
        Ok((rest, Test { name, body, span }))
    }

    fn test_statement(&self, i: &'a str) -> PResult<'a, TestStmt> {
        let (after, word) = self
            .word(i)
            .or_else(|_| fail(PError::expected(i, "`text`, `date`, `expect` or `}`")))?;
        let j = self.ws(after);
        let (rest, kind) = match word {
            "text" => {
                let (r, t) = self.text(j)?;
                (r, TestStmtKind::Text(t))
            }
            "date" => {
                let (r, d) = self.date_lit(j)?;
                (r, TestStmtKind::Date(d))
            }
            "expect" if first_word(j) == "none" => (&j[4..], TestStmtKind::ExpectNone),
            "expect" => {
                let (r, rule) = self.rule_id(j)?;
                let (r, at) = match self.keyword(self.spaces(r), "at") {
                    Ok((after_at, _)) => {
                        let (r, s) = self.string(self.ws(after_at))?;
                        (r, Some(s))
                    }
                    Err(_) => (r, None),
                };
                (r, TestStmtKind::Expect { rule, at })
            }
            _ => {
                return fail(PError::problem(
                    i,
                    Problem::UnknownKeyword {
                        word: word.to_string(),
                        place: "test statement",
                        span: source_span(self.span(i, after)),
                        help: suggest::did_you_mean(word, TEST_STATEMENTS, || {
                            format!("a test holds {}", suggest::list(&TEST_STATEMENTS))
                        }),
                    },
                ));
            }
        };
        Ok((
            rest,
            TestStmt {
                kind,
                span: self.span(i, rest),
            },
        ))
    }
}
