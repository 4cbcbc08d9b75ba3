//! Expressions, by precedence climbing. Loosest first:
//!
//! | level | operators | associativity |
//! |---|---|---|
//! | 1 | `or` | left |
//! | 2 | `and` | left |
//! | 3 | `not` (prefix) | |
//! | 4 | `== != < <= > >= ~= in` `not in` `within` | none: they do not chain |
//! | 5 | `to` | none |
//! | 6 | `+ -` | left |
//! | 7 | `* /` | left |
//! | 8 | `-` (prefix) | |
//! | 9 | `.field`, calls, `kb.NAME at DATE` | |
//!
//! Nesting is limited to [`MAX_DEPTH`] levels, counting brackets, prefix operators and each
//! operator of a chain, so that no later pass over the tree can exhaust the stack.

use super::{PError, PResult, Parser, fail, miss, relabel};
use crate::rules::ast::{BinaryOp, Expr, ExprKind, NEG_PRECEDENCE, NOT_PRECEDENCE, Span, UnaryOp};
use crate::rules::errors::{Problem, source_span};

/// How deeply expressions may nest.
pub const MAX_DEPTH: usize = 64;

impl<'a> Parser<'a> {
    /// An expression.
    pub(crate) fn expr(&self, i: &'a str, depth: usize) -> PResult<'a, Expr> {
        self.binary(i, depth, 1)
    }

    fn too_deep(&self, i: &'a str) -> PError<'a> {
        let start = self.offset(i);
        let len = i.chars().next().map_or(0, char::len_utf8);
        PError::problem(
            i,
            Problem::TooDeep {
                limit: MAX_DEPTH,
                span: source_span(Span::new(start, start + len)),
            },
        )
    }

    /// Operators of at least `min` precedence, over prefix expressions.
    fn binary(&self, i: &'a str, depth: usize, min: u8) -> PResult<'a, Expr> {
        if depth > MAX_DEPTH {
            return fail(self.too_deep(i));
        }
        let (mut rest, mut lhs) = self.prefix(i, depth)?;
        let mut chain = 0;
        let mut last: Option<BinaryOp> = None;
        loop {
            let j = self.ws(rest);
            let (_, Some((op, after))) = self.binary_op(j)? else {
                break;
            };
            if op.precedence() < min {
                break;
            }
            if let Some(prev) = last
                && !prev.chains()
                && prev.precedence() == op.precedence()
            {
                return fail(self.chained(j, after, prev, op));
            }
            chain += 1;
            if depth + chain > MAX_DEPTH {
                return fail(self.too_deep(j));
            }
            let k = self.ws(after);
            let (r, rhs) = self.binary(k, depth + chain, op.precedence() + 1)?;
            let span = Span::new(lhs.span.start, rhs.span.end);
            lhs = Expr {
                kind: ExprKind::Binary {
                    op,
                    lhs: Box::new(lhs),
                    rhs: Box::new(rhs),
                },
                span,
            };
            last = Some(op);
            rest = r;
        }
        Ok((rest, lhs))
    }

    fn chained(&self, at: &'a str, after: &'a str, prev: BinaryOp, op: BinaryOp) -> PError<'a> {
        let help = if op == BinaryOp::To || prev == BinaryOp::To {
            "a range has two ends: `FROM to UNTIL`".to_string()
        } else {
            format!(
                "join two comparisons with `and`: `a {} b and b {} c`",
                prev.symbol(),
                op.symbol()
            )
        };
        PError::problem(
            at,
            Problem::Chained {
                op: op.symbol().to_string(),
                span: source_span(self.span(at, after)),
                help,
            },
        )
    }

    /// The binary operator at `j`, if one stands there.
    fn binary_op(&self, j: &'a str) -> PResult<'a, Option<(BinaryOp, &'a str)>> {
        const SYMBOLS: [(&str, BinaryOp); 11] = [
            ("==", BinaryOp::Eq),
            ("!=", BinaryOp::Ne),
            ("<=", BinaryOp::Le),
            (">=", BinaryOp::Ge),
            ("~=", BinaryOp::Approx),
            ("<", BinaryOp::Lt),
            (">", BinaryOp::Gt),
            ("+", BinaryOp::Add),
            ("-", BinaryOp::Sub),
            ("*", BinaryOp::Mul),
            ("/", BinaryOp::Div),
        ];
        if j.starts_with("//") {
            return Ok((j, None)); // a doc comment: the next item's, not a division
        }
        for (s, op) in SYMBOLS {
            if let Some(after) = j.strip_prefix(s) {
                return Ok((j, Some((op, after))));
            }
        }
        for (symbol, help) in [
            ("||", "`||` is written `or`"),
            ("&&", "`&&` is written `and`"),
        ] {
            if j.starts_with(symbol) {
                return fail(PError::expected(j, "an operator").with_help(help));
            }
        }
        if j.starts_with('=') {
            return fail(
                PError::expected(j, "an operator")
                    .with_help("`=` names a binding in `let`; to compare, write `==`"),
            );
        }
        let Ok((after, w)) = self.word(j) else {
            return Ok((j, None));
        };
        let op = match w {
            "or" => BinaryOp::Or,
            "and" => BinaryOp::And,
            "in" => BinaryOp::In,
            "within" => BinaryOp::Within,
            "to" => BinaryOp::To,
            "not" => match self.keyword(self.ws(after), "in") {
                Ok((after_in, _)) => return Ok((j, Some((BinaryOp::NotIn, after_in)))),
                Err(_) => return Ok((j, None)),
            },
            _ => return Ok((j, None)),
        };
        Ok((j, Some((op, after))))
    }

    /// `not x`, `-x`, or a postfix expression.
    fn prefix(&self, i: &'a str, depth: usize) -> PResult<'a, Expr> {
        let (op, after, precedence) = if let Ok((after, _)) = self.keyword(i, "not") {
            (UnaryOp::Not, after, NOT_PRECEDENCE)
        } else if let Some(after) = i.strip_prefix('-') {
            (UnaryOp::Neg, after, NEG_PRECEDENCE)
        } else {
            return self.postfix(i, depth);
        };
        let (rest, operand) = self.binary(self.ws(after), depth + 1, precedence)?;
        let span = Span::new(self.offset(i), operand.span.end);
        Ok((
            rest,
            Expr {
                kind: ExprKind::Unary {
                    op,
                    operand: Box::new(operand),
                },
                span,
            },
        ))
    }

    /// A primary expression followed by `.field`s.
    fn postfix(&self, i: &'a str, depth: usize) -> PResult<'a, Expr> {
        let (mut rest, mut expr) = self.primary(i, depth)?;
        let mut chain = 0;
        loop {
            let j = self.ws(rest);
            let Some(after_dot) = j.strip_prefix('.') else {
                return Ok((rest, expr));
            };
            chain += 1;
            if depth + chain > MAX_DEPTH {
                return fail(self.too_deep(j));
            }
            let (r, field) = self
                .any_word(self.ws(after_dot))
                .map_err(|e| relabel(e, "a field name"))?;
            let span = Span::new(expr.span.start, field.span.end);
            expr = Expr {
                kind: ExprKind::Member {
                    object: Box::new(expr),
                    field,
                },
                span,
            };
            rest = r;
        }
    }

    fn primary(&self, i: &'a str, depth: usize) -> PResult<'a, Expr> {
        let Some(c) = i.chars().next() else {
            return miss(PError::expected(i, "an expression"));
        };
        let (rest, kind) = match c {
            '(' => {
                let (r, inner) = self.expr(self.ws(&i[1..]), depth + 1)?;
                let (r, _) = self.close(self.ws(r), ")", "`)`")?;
                (r, ExprKind::Paren(Box::new(inner)))
            }
            '{' => {
                let (r, items) = self.list(&i[1..], depth, "}", "`,` or `}`")?;
                (r, ExprKind::Set(items))
            }
            '"' => {
                let (r, s) = self.string(i)?;
                (r, ExprKind::Text(s.value))
            }
            '/' => {
                let (r, (pattern, ignore_case)) = self.regex(i)?;
                (
                    r,
                    ExprKind::Regex {
                        pattern,
                        ignore_case,
                    },
                )
            }
            c if c.is_ascii_alphabetic() || c == '_' => return self.named(i, depth),
            _ => match self.date_lit(i) {
                Ok((r, d)) => (r, ExprKind::Date(d.date)),
                Err(nom::Err::Error(_)) => {
                    let (r, n) = self.number(i).map_err(|e| relabel(e, "an expression"))?;
                    (r, ExprKind::Number(n))
                }
                Err(e) => return Err(e),
            },
        };
        Ok((
            rest,
            Expr {
                kind,
                span: self.span(i, rest),
            },
        ))
    }

    /// A name, a call `name(args)`, or `kb.NAME [at DATE]`.
    fn named(&self, i: &'a str, depth: usize) -> PResult<'a, Expr> {
        if let Ok((after, _)) = self.keyword(i, "kb") {
            return self.kb(i, after, depth);
        }
        if let Ok((rest, _)) = self.keyword(i, "document") {
            let span = self.span(i, rest);
            return Ok((
                rest,
                Expr {
                    kind: ExprKind::Name("document".into()),
                    span,
                },
            ));
        }
        let (rest, name) = self.ident(i).map_err(|e| relabel(e, "an expression"))?;
        let j = self.spaces(rest);
        let (rest, kind) = if let Some(after) = j.strip_prefix('(') {
            let (r, args) = self.list(after, depth, ")", "`,` or `)`")?;
            (
                r,
                ExprKind::Call {
                    function: name,
                    args,
                },
            )
        } else {
            (rest, ExprKind::Name(name.name))
        };
        Ok((
            rest,
            Expr {
                kind,
                span: self.span(i, rest),
            },
        ))
    }

    fn kb(&self, i: &'a str, after_kb: &'a str, depth: usize) -> PResult<'a, Expr> {
        let (r, _) = self.symbol(
            self.ws(after_kb),
            ".",
            "`.` and the name of a table or fact",
        )?;
        let (mut rest, name) = self.ident(self.ws(r))?;
        let mut at = None;
        let j = self.ws(rest);
        if let Ok((after_at, _)) = self.keyword(j, "at") {
            let (r, date) = self.postfix(self.ws(after_at), depth + 1)?;
            at = Some(Box::new(date));
            rest = r;
        }
        Ok((
            rest,
            Expr {
                kind: ExprKind::Kb { name, at },
                span: self.span(i, rest),
            },
        ))
    }

    /// Comma-separated expressions up to a closing token; a trailing comma is allowed.
    fn list(
        &self,
        i: &'a str,
        depth: usize,
        close: &'static str,
        what: &'static str,
    ) -> PResult<'a, Vec<Expr>> {
        let mut items = Vec::new();
        let mut rest = self.ws(i);
        loop {
            if let Some(r) = rest.strip_prefix(close) {
                return Ok((r, items));
            }
            let (r, item) = self.expr(rest, depth + 1)?;
            items.push(item);
            rest = self.ws(r);
            if let Some(r) = rest.strip_prefix(',') {
                rest = self.ws(r);
            } else {
                let (r, _) = self.close(rest, close, what)?;
                return Ok((r, items));
            }
        }
    }

    fn close(&self, i: &'a str, close: &'static str, expected: &'static str) -> PResult<'a, ()> {
        match i.strip_prefix(close) {
            Some(r) => Ok((r, ())),
            None => fail(PError::expected(i, expected)),
        }
    }

    /// A literal value, for facts: a number with its unit, a date, a string, or a negative
    /// number. Unlike [`Parser::expr`] it never reads on into the next line.
    pub(crate) fn literal(&self, i: &'a str) -> PResult<'a, Expr> {
        if let Some(after) = i.strip_prefix('-') {
            let (rest, operand) = self.literal(after)?;
            let span = Span::new(self.offset(i), operand.span.end);
            let kind = ExprKind::Unary {
                op: UnaryOp::Neg,
                operand: Box::new(operand),
            };
            return Ok((rest, Expr { kind, span }));
        }
        if i.starts_with('"') {
            let (rest, s) = self.string(i)?;
            return Ok((
                rest,
                Expr {
                    kind: ExprKind::Text(s.value),
                    span: s.span,
                },
            ));
        }
        let (rest, kind) = match self.date_lit(i) {
            Ok((r, d)) => (r, ExprKind::Date(d.date)),
            Err(nom::Err::Error(_)) => {
                let (r, n) = self
                    .number(i)
                    .map_err(|e| relabel(e, "a number, date or string"))?;
                (r, ExprKind::Number(n))
            }
            Err(e) => return Err(e),
        };
        Ok((
            rest,
            Expr {
                kind,
                span: self.span(i, rest),
            },
        ))
    }
}
