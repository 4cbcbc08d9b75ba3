//! Typing binary operators: logic, comparisons, membership, ranges, arithmetic.

use super::Diags;
use super::expr::{Env, typed, value};
use super::types::{Dim, Type};
use crate::rules::ast::{BinaryOp, Expr, Span};
use crate::rules::checked::{Arith, Checked, Comparison, Typed};
use crate::rules::errors::{Problem, source_span};

fn comparison(op: BinaryOp) -> Option<Comparison> {
    Some(match op {
        BinaryOp::Eq => Comparison::Eq,
        BinaryOp::Ne => Comparison::Ne,
        BinaryOp::Lt => Comparison::Lt,
        BinaryOp::Le => Comparison::Le,
        BinaryOp::Gt => Comparison::Gt,
        BinaryOp::Ge => Comparison::Ge,
        BinaryOp::Approx => Comparison::Approx,
        _ => return None,
    })
}

fn arith(op: BinaryOp) -> Option<Arith> {
    Some(match op {
        BinaryOp::Add => Arith::Add,
        BinaryOp::Sub => Arith::Sub,
        BinaryOp::Mul => Arith::Mul,
        BinaryOp::Div => Arith::Div,
        _ => return None,
    })
}

/// Why two dimensions do not go together, and what to do.
fn dimension_help(a: &Dim, b: &Dim, op: BinaryOp) -> String {
    if a.is("money") && b.is("money") {
        return "amounts in different currencies never compare: factlint does not convert between currencies".into();
    }
    if matches!(op, BinaryOp::Mul | BinaryOp::Div) {
        return "factlint has no compound units: one side of `*` (or the right side of `/`) must be a count or a percentage".into();
    }
    if a.is("count") || b.is("count") {
        return "a number without a unit is a count: write the unit, as in `1.3 t` or `5 %`, or compare counts with counts".into();
    }
    "figures convert only within one dimension: these two never can".into()
}

impl Env<'_> {
    pub(super) fn binary(
        &self,
        op: BinaryOp,
        lhs: &Expr,
        rhs: &Expr,
        span: Span,
        d: &mut Diags,
    ) -> Option<Typed> {
        if let BinaryOp::And | BinaryOp::Or = op {
            let l = self.condition(lhs, d);
            let r = self.condition(rhs, d);
            let (l, r) = (Box::new(l?), Box::new(r?));
            let node = if op == BinaryOp::And {
                Checked::And(l, r)
            } else {
                Checked::Or(l, r)
            };
            return Some(typed(node, Type::Bool, span));
        }
        let l = self.expr(lhs, d).map(value);
        let r = self.expr(rhs, d).map(value);
        let (l, r) = (l?, r?);
        if let Some(cmp) = comparison(op) {
            self.compare(op, &l, &r, d)?;
            let node = Checked::Compare {
                op: cmp,
                lhs: Box::new(l),
                rhs: Box::new(r),
            };
            return Some(typed(node, Type::Bool, span));
        }
        if let Some(a) = arith(op) {
            let lt = self.number_operand(op.symbol(), &l, d);
            let rt = self.number_operand(op.symbol(), &r, d);
            let (Type::Number(ld), Type::Number(rd)) = (lt?, rt?) else {
                return None;
            };
            let dim = match a {
                Arith::Add | Arith::Sub => ld.unify(&rd),
                Arith::Mul => ld.product(&rd),
                Arith::Div => ld.quotient(&rd),
            };
            let Some(dim) = dim else {
                return self.mismatch(op, &l, &r, dimension_help(&ld, &rd, op), d);
            };
            let node = Checked::Arith {
                op: a,
                lhs: Box::new(l),
                rhs: Box::new(r),
            };
            return Some(typed(node, Type::Number(dim), span));
        }
        match op {
            BinaryOp::In | BinaryOp::NotIn => {
                self.membership(&l, &r, d)?;
                let node = Checked::In {
                    element: Box::new(l),
                    set: Box::new(r),
                    negated: op == BinaryOp::NotIn,
                };
                Some(typed(node, Type::Bool, span))
            }
            BinaryOp::Within => {
                self.within(&l, &r, d)?;
                let node = Checked::Within {
                    inner: Box::new(l),
                    outer: Box::new(r),
                };
                Some(typed(node, Type::Bool, span))
            }
            _ => {
                let ty = self.range(&l, &r, d)?;
                let node = Checked::Range {
                    from: Box::new(l),
                    until: Box::new(r),
                };
                Some(typed(node, ty, span))
            }
        }
    }

    fn mismatch(
        &self,
        op: BinaryOp,
        l: &Typed,
        r: &Typed,
        help: String,
        d: &mut Diags,
    ) -> Option<Typed> {
        d.push(
            self.file,
            Problem::DimensionMismatch {
                op: op.symbol().to_string(),
                left: l.ty.to_string(),
                right: r.ty.to_string(),
                left_span: source_span(l.span),
                right_span: source_span(r.span),
                help,
            },
        );
        None
    }

    /// The right side is not what the left side needs.
    fn wrong_right(
        &self,
        expected: String,
        r: &Typed,
        help: Option<String>,
        d: &mut Diags,
    ) -> Option<()> {
        d.push(
            self.file,
            Problem::TypeMismatch {
                expected,
                found: r.ty.to_string(),
                span: source_span(r.span),
                help,
            },
        );
        None
    }

    fn compare(&self, op: BinaryOp, l: &Typed, r: &Typed, d: &mut Diags) -> Option<()> {
        let ordered = !matches!(op, BinaryOp::Eq | BinaryOp::Ne);
        match (&l.ty, &r.ty) {
            (Type::Number(a), Type::Number(b)) => match a.unify(b) {
                Some(_) => Some(()),
                None => {
                    self.mismatch(op, l, r, dimension_help(a, b, op), d);
                    None
                }
            },
            (Type::Date, Type::Date) if op == BinaryOp::Approx => self.wrong_right(
                "figures".into(),
                r,
                Some("`~=` compares figures within a tolerance; dates compare with `==`, `<`, `within`".into()),
                d,
            ),
            (Type::Date, Type::Date) => Some(()),
            (a, b) if !ordered && a.unify(b).is_some() && !matches!(a, Type::Regex) => Some(()),
            (a, b) if a.unify(b).is_some() => self.wrong_right(
                "figures or dates".into(),
                r,
                Some(format!("`{}` orders figures and dates; {a} is equal (`==`) or not (`!=`)", op.symbol())),
                d,
            ),
            (a, b) => {
                let help = match (a, b) {
                    (Type::Number(_), Type::Set(_)) | (Type::Set(_), Type::Number(_)) => {
                        Some("did you mean `count(...)` of the set?".into())
                    }
                    (Type::Text, Type::Set(_)) | (Type::Text, Type::Regex) => {
                        Some("to test membership or a pattern, write `in`".into())
                    }
                    (Type::Number(_), Type::Date) | (Type::Date, Type::Number(_)) => {
                        Some("a date is not a number: compare dates with dates".into())
                    }
                    _ => None,
                };
                self.wrong_right(format!("{a}, like the left side"), r, help, d)
            }
        }
    }

    fn membership(&self, l: &Typed, r: &Typed, d: &mut Diags) -> Option<()> {
        match &r.ty {
            Type::Set(element) | Type::Range(element) => {
                if element.unify(&l.ty).is_some() {
                    return Some(());
                }
                let help = matches!(l.ty, Type::Set(_)).then(|| {
                    "to say every element of a set is in another, write `within`".to_string()
                });
                d.push(
                    self.file,
                    Problem::TypeMismatch {
                        expected: format!("{element}, to be in {}", r.ty),
                        found: l.ty.to_string(),
                        span: source_span(l.span),
                        help,
                    },
                );
                None
            }
            Type::Regex if l.ty == Type::Text => Some(()),
            Type::Regex => self.wrong_right(
                "a set or a range".into(),
                r,
                Some(format!("a pattern matches texts, not {}", l.ty)),
                d,
            ),
            _ => self.wrong_right(
                "a set, a pattern or a range".into(),
                r,
                Some(
                    "`in` tests membership: `x in {\"a\", \"b\"}`, `x in concept`, `x in 1 to 5`"
                        .into(),
                ),
                d,
            ),
        }
    }

    fn within(&self, l: &Typed, r: &Typed, d: &mut Diags) -> Option<()> {
        let unrange = |t: &Type| match t {
            Type::Range(inner) => inner.as_ref().clone(),
            t => t.clone(),
        };
        let (a, b) = (unrange(&l.ty), unrange(&r.ty));
        let fits = match (&a, &b) {
            (Type::Number(x), Type::Number(y)) => match x.unify(y) {
                Some(_) => true,
                None => {
                    self.mismatch(
                        BinaryOp::Within,
                        l,
                        r,
                        dimension_help(x, y, BinaryOp::Within),
                        d,
                    );
                    return None;
                }
            },
            (Type::Date, Type::Date) => true,
            (Type::Set(x), Type::Set(y)) => x.unify(y).is_some(),
            _ => false,
        };
        if fits {
            return Some(());
        }
        let help = match (&a, &b) {
            (Type::Number(_) | Type::Date | Type::Text, Type::Set(_)) => {
                "to test membership in a set, write `in`"
            }
            _ => "`within` holds figures in figures or ranges, dates in periods, sets in sets",
        };
        let expected = format!("something that can hold {}", l.ty);
        self.wrong_right(expected, r, Some(help.into()), d)
    }

    fn range(&self, l: &Typed, r: &Typed, d: &mut Diags) -> Option<Type> {
        match (&l.ty, &r.ty) {
            (Type::Number(a), Type::Number(b)) => match a.unify(b) {
                Some(dim) => Some(Type::Range(Box::new(Type::Number(dim)))),
                None => {
                    self.mismatch(BinaryOp::To, l, r, dimension_help(a, b, BinaryOp::To), d);
                    None
                }
            },
            (Type::Date, Type::Date) => Some(Type::Range(Box::new(Type::Date))),
            (Type::Number(_) | Type::Date, _) => {
                self.wrong_right(format!("{}, like the start", l.ty), r, None, d)?;
                None
            }
            _ => {
                d.push(
                    self.file,
                    Problem::TypeMismatch {
                        expected: "a figure or a date".into(),
                        found: l.ty.to_string(),
                        span: source_span(l.span),
                        help: Some(
                            "a range runs between two figures or two dates: `1 t to 2 t`".into(),
                        ),
                    },
                );
                None
            }
        }
    }
}
