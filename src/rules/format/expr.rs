//! Expressions and literals in their canonical form, with parentheses where the tree needs
//! them (and where the author wrote them).

use crate::rules::ast::{
    BinaryOp, Expr, ExprKind, NEG_PRECEDENCE, NOT_PRECEDENCE, NumberLit, UnaryOp,
};

/// Binds tighter than any operator: literals, names, calls, fields.
const ATOM: u8 = 10;

fn precedence(e: &Expr) -> u8 {
    match &e.kind {
        ExprKind::Binary { op, .. } => op.precedence(),
        ExprKind::Unary {
            op: UnaryOp::Not, ..
        } => NOT_PRECEDENCE,
        ExprKind::Unary {
            op: UnaryOp::Neg, ..
        } => NEG_PRECEDENCE,
        // `kb.x at d` reads its date as far as a field access goes: `kb.x at d.e`.
        ExprKind::Kb { at: Some(_), .. } => ATOM - 1,
        _ => ATOM,
    }
}

/// An expression on one line.
pub fn expr(e: &Expr) -> String {
    let mut out = String::new();
    write(e, &mut out);
    out
}

fn write(e: &Expr, out: &mut String) {
    match &e.kind {
        ExprKind::Number(n) => out.push_str(&number(n)),
        ExprKind::Date(d) => out.push_str(&d.to_string()),
        ExprKind::Text(s) => out.push_str(&string(s)),
        ExprKind::Regex {
            pattern,
            ignore_case,
        } => {
            out.push('/');
            out.push_str(&pattern.replace('/', "\\/"));
            out.push('/');
            if *ignore_case {
                out.push('i');
            }
        }
        ExprKind::Set(items) => {
            out.push('{');
            list(items, out);
            out.push('}');
        }
        ExprKind::Name(n) => out.push_str(n),
        ExprKind::Member { object, field } => {
            operand(object, ATOM, out);
            out.push('.');
            out.push_str(&field.name);
        }
        ExprKind::Call { function, args } => {
            out.push_str(&function.name);
            out.push('(');
            list(args, out);
            out.push(')');
        }
        ExprKind::Kb { name, at } => {
            out.push_str("kb.");
            out.push_str(&name.name);
            if let Some(at) = at {
                out.push_str(" at ");
                operand(at, ATOM, out);
            }
        }
        ExprKind::Unary { op, operand: x } => {
            let (symbol, min) = match op {
                UnaryOp::Not => ("not ", NOT_PRECEDENCE),
                UnaryOp::Neg => ("-", NEG_PRECEDENCE),
            };
            out.push_str(symbol);
            operand(x, min, out);
        }
        ExprKind::Binary { op, lhs, rhs } => {
            let p = op.precedence();
            // Left-associative operators take an equal one on the left without brackets;
            // comparisons and ranges do not chain, so an equal one needs brackets either side.
            let left_min = if op.chains() { p } else { p + 1 };
            operand(lhs, left_min, out);
            out.push(' ');
            out.push_str(op.symbol());
            out.push(' ');
            operand(rhs, p + 1, out);
        }
        ExprKind::Paren(inner) => {
            out.push('(');
            write(inner, out);
            out.push(')');
        }
    }
}

/// The operands of a chain of one `and` or `or` at the top of `e` (`a and b and c`), each as
/// written in the chain, with the operator; `None` for any other expression.
pub fn chain(e: &Expr) -> Option<(BinaryOp, Vec<String>)> {
    let ExprKind::Binary { op, .. } = &e.kind else {
        return None;
    };
    let op = *op;
    if !matches!(op, BinaryOp::And | BinaryOp::Or) {
        return None;
    }
    let mut rights = Vec::new();
    let mut left = e;
    while let ExprKind::Binary { op: o, lhs, rhs } = &left.kind
        && *o == op
    {
        rights.push(rhs.as_ref());
        left = lhs;
    }
    let mut operands = Vec::new();
    let mut first = String::new();
    operand(left, op.precedence(), &mut first);
    operands.push(first);
    for r in rights.into_iter().rev() {
        let mut s = String::new();
        operand(r, op.precedence() + 1, &mut s);
        operands.push(s);
    }
    Some((op, operands))
}

/// Writes `e`, in brackets if it binds more loosely than `min`.
fn operand(e: &Expr, min: u8, out: &mut String) {
    if precedence(e) < min {
        out.push('(');
        write(e, out);
        out.push(')');
    } else {
        write(e, out);
    }
}

fn list(items: &[Expr], out: &mut String) {
    for (n, item) in items.iter().enumerate() {
        if n > 0 {
            out.push_str(", ");
        }
        write(item, out);
    }
}

/// `€2.5 bn`, `1.3 t`, `2 bn EUR`, `5 %`.
pub fn number(n: &NumberLit) -> String {
    let mut s = String::new();
    if let Some(p) = &n.prefix {
        s.push_str(&p.name);
    }
    s.push_str(&n.digits);
    for word in [&n.scale, &n.unit].into_iter().flatten() {
        s.push(' ');
        s.push_str(&word.name);
    }
    s
}

/// A string literal with its escapes.
pub fn string(s: &str) -> String {
    format!("\"{}\"", escape(s))
}

pub(crate) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::ast::Span;

    fn e(kind: ExprKind) -> Expr {
        Expr {
            kind,
            span: Span::default(),
        }
    }

    fn name(n: &str) -> Expr {
        e(ExprKind::Name(n.into()))
    }

    fn bin(op: BinaryOp, l: Expr, r: Expr) -> Expr {
        e(ExprKind::Binary {
            op,
            lhs: Box::new(l),
            rhs: Box::new(r),
        })
    }

    #[test]
    fn brackets_only_where_the_tree_needs_them() {
        let sub = bin(
            BinaryOp::Sub,
            name("a"),
            bin(BinaryOp::Sub, name("b"), name("c")),
        );
        assert_eq!(expr(&sub), "a - (b - c)");
        let left = bin(
            BinaryOp::Sub,
            bin(BinaryOp::Sub, name("a"), name("b")),
            name("c"),
        );
        assert_eq!(expr(&left), "a - b - c");
        let cmp = bin(
            BinaryOp::Eq,
            bin(BinaryOp::Lt, name("a"), name("b")),
            name("c"),
        );
        assert_eq!(expr(&cmp), "(a < b) == c");
        let not = e(ExprKind::Unary {
            op: UnaryOp::Not,
            operand: Box::new(bin(BinaryOp::And, name("a"), name("b"))),
        });
        assert_eq!(expr(&not), "not (a and b)");
    }
}
