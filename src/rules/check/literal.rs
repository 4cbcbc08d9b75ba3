//! Literal values: numbers with their units, and the constants of the knowledge base and of
//! tolerances.

use super::types::{Dim, Type};
use crate::claims::Unit;
use crate::rules::ast::{Expr, ExprKind, NumberLit, UnaryOp};
use crate::rules::checked::Value;
use crate::rules::errors::{Problem, source_span};
use crate::rules::units::units;

/// The value and unit of a number literal: `2 bn EUR` is 2e9 in EUR.
pub(super) fn number_literal(n: &NumberLit) -> (f64, Unit) {
    let table = units();
    let scale = n
        .scale
        .as_ref()
        .and_then(|s| table.scale(&s.name))
        .unwrap_or(1.0);
    let unit = n
        .prefix
        .as_ref()
        .and_then(|p| table.prefix(&p.name))
        .or_else(|| n.unit.as_ref().and_then(|u| table.unit(&u.name)))
        .cloned()
        .unwrap_or_else(Unit::count);
    (n.value() * scale, unit)
}

pub(super) fn unit_type(unit: &Unit) -> Type {
    Type::Number(Dim::known(&unit.dimension, unit.currency.as_deref()))
}

/// A knowledge-base value: a number, a negative number, a date or a text.
pub(super) fn literal_value(e: &Expr) -> Result<(Value, Type), Box<Problem>> {
    match &e.kind {
        ExprKind::Number(n) => {
            let (value, unit) = number_literal(n);
            let ty = unit_type(&unit);
            Ok((Value::Number { value, unit }, ty))
        }
        ExprKind::Unary {
            op: UnaryOp::Neg,
            operand,
        } => match literal_value(operand)? {
            (Value::Number { value, unit }, ty) => Ok((
                Value::Number {
                    value: -value,
                    unit,
                },
                ty,
            )),
            _ => Err(Box::new(Problem::DateArithmetic {
                op: "-".into(),
                span: source_span(e.span),
            })),
        },
        ExprKind::Date(d) => Ok((Value::Date(*d), Type::Date)),
        ExprKind::Text(s) => Ok((Value::Text(s.clone()), Type::Text)),
        _ => Err(Box::new(Problem::TypeMismatch {
            expected: "a number, a date or a text".into(),
            found: "an expression".into(),
            span: source_span(e.span),
            help: None,
        })),
    }
}

/// A tolerance: a percentage literal, as a share (`5 %` is 0.05).
pub(super) fn literal_share(e: &Expr) -> Result<f64, Box<Problem>> {
    match literal_value(e) {
        Ok((Value::Number { value, unit }, _)) if unit.dimension == "percent" => {
            Ok(value * unit.factor / 100.0)
        }
        found => Err(Box::new(Problem::TypeMismatch {
            expected: "a percentage".into(),
            found: found.map_or("an expression".into(), |(_, t)| t.to_string()),
            span: source_span(e.span),
            help: Some(
                "the tolerance of `~=` is a share of the larger figure: `tolerance 5 %`".into(),
            ),
        })),
    }
}
