//! Typing expressions: names resolved, claims wrapped as values where values are needed,
//! dimensions checked. Operators are in `ops`, built-in calls in `calls`, literals in
//! `literal`.

use super::Diags;
use super::literal::{number_literal, unit_type};
use super::resolve::{Decls, Lookup};
use super::types::Type;
use crate::rules::ast::{Expr, ExprKind, Span, UnaryOp};
use crate::rules::builtins::{FieldType, field_of};
use crate::rules::checked::{Binding, BindingId, Checked, FileId, Typed};
use crate::rules::errors::{Problem, source_span};
use crate::rules::suggest;

/// What an expression can see.
pub(super) struct Env<'a> {
    pub file: FileId,
    pub decls: &'a Decls,
    /// The bindings in scope: in a `where`, those above and the one being bound.
    pub bindings: &'a [Binding],
    /// Bindings further down the rule, for "bound later".
    pub later: &'a [(String, Span)],
    /// Inside a `where`: the binding being bound, which filters read.
    pub current: Option<BindingId>,
}

pub(super) fn typed(node: Checked, ty: Type, span: Span) -> Typed {
    Typed { node, ty, span }
}

/// A claim where a value is needed becomes its value; anything else stays.
pub(super) fn value(t: Typed) -> Typed {
    match &t.ty {
        Type::Claim(c) => {
            let ty = c.value_type();
            let span = t.span;
            typed(Checked::Value(Box::new(t)), ty, span)
        }
        _ => t,
    }
}

impl Env<'_> {
    /// Types an expression; `None` after a problem (reported once, where it is).
    pub fn expr(&self, e: &Expr, d: &mut Diags) -> Option<Typed> {
        let span = e.span;
        let (node, ty) = match &e.kind {
            ExprKind::Number(n) => {
                let (value, unit) = number_literal(n);
                let ty = unit_type(&unit);
                (Checked::Number { value, unit }, ty)
            }
            ExprKind::Date(date) => (Checked::Date(*date), Type::Date),
            ExprKind::Text(s) => (Checked::Text(s.clone()), Type::Text),
            ExprKind::Regex {
                pattern,
                ignore_case,
            } => {
                self.check_regex(pattern, *ignore_case, span, d)?;
                // Compiled once here, not at each evaluation; a pattern the syntax check
                // accepts but that is too big to compile is the same error.
                let regex = match regex::RegexBuilder::new(pattern)
                    .case_insensitive(*ignore_case)
                    .build()
                {
                    Ok(regex) => regex,
                    Err(e) => {
                        d.push(
                            self.file,
                            Problem::BadRegex {
                                message: e.to_string(),
                                span: source_span(span),
                            },
                        );
                        return None;
                    }
                };
                let node = Checked::Regex {
                    pattern: pattern.clone(),
                    ignore_case: *ignore_case,
                    regex,
                };
                (node, Type::Regex)
            }
            ExprKind::Set(items) => return self.set(items, span, d),
            ExprKind::Name(name) => return self.name(name, span, d),
            ExprKind::Member { object, field } => {
                return self.member(object, &field.name, field.span, span, d);
            }
            ExprKind::Call { function, args } => return self.call(function, args, span, d),
            ExprKind::Kb { name, at } => return self.kb(name, at.as_deref(), span, d),
            ExprKind::Unary { op, operand } => return self.unary(*op, operand, span, d),
            ExprKind::Binary { op, lhs, rhs } => return self.binary(*op, lhs, rhs, span, d),
            ExprKind::Paren(inner) => {
                let t = self.expr(inner, d)?;
                return Some(Typed { span, ..t });
            }
        };
        Some(typed(node, ty, span))
    }

    /// Types an expression that must be a condition.
    pub fn condition(&self, e: &Expr, d: &mut Diags) -> Option<Typed> {
        let t = self.expr(e, d)?;
        if t.ty == Type::Bool {
            return Some(t);
        }
        d.push(self.file, Problem::TypeMismatch {
            expected: "a condition".into(),
            found: t.ty.to_string(),
            span: source_span(t.span),
            help: Some("a condition compares or tests: `a == b`, `a < 5 t`, `x in {...}`, `near(\"from\")`".into()),
        });
        None
    }

    fn check_regex(
        &self,
        pattern: &str,
        ignore_case: bool,
        span: Span,
        d: &mut Diags,
    ) -> Option<()> {
        let parsed = regex_syntax::ParserBuilder::new()
            .case_insensitive(ignore_case)
            .build()
            .parse(pattern);
        match parsed {
            Ok(_) => Some(()),
            Err(e) => {
                let message = match &e {
                    regex_syntax::Error::Parse(p) => p.kind().to_string(),
                    regex_syntax::Error::Translate(t) => t.kind().to_string(),
                    other => other.to_string(),
                };
                d.push(
                    self.file,
                    Problem::BadRegex {
                        message,
                        span: source_span(span),
                    },
                );
                None
            }
        }
    }

    fn set(&self, items: &[Expr], span: Span, d: &mut Diags) -> Option<Typed> {
        let mut checked = Vec::new();
        let mut element = Type::Unknown;
        let mut failed = false;
        for item in items {
            let Some(t) = self.expr(item, d).map(value) else {
                failed = true;
                continue;
            };
            match element.unify(&t.ty) {
                Some(u) => element = u,
                None => {
                    d.push(
                        self.file,
                        Problem::TypeMismatch {
                            expected: format!("{element}, like the elements before it"),
                            found: t.ty.to_string(),
                            span: source_span(t.span),
                            help: Some("the elements of a set are all of one kind".into()),
                        },
                    );
                    failed = true;
                }
            }
            checked.push(t);
        }
        (!failed).then(|| typed(Checked::Set(checked), Type::Set(Box::new(element)), span))
    }

    fn name(&self, name: &str, span: Span, d: &mut Diags) -> Option<Typed> {
        if let Some(n) = self.bindings.iter().rposition(|b| b.name == name) {
            let ty = self.bindings[n].ty.clone();
            return Some(typed(Checked::Binding(BindingId(n)), ty, span));
        }
        if let Some((_, bound)) = self.later.iter().find(|(n, _)| n == name) {
            d.push(
                self.file,
                Problem::LaterBinding {
                    name: name.to_string(),
                    span: source_span(span),
                    bound: source_span(*bound),
                },
            );
            return None;
        }
        if name == "document" {
            d.push(
                self.file,
                Problem::TypeMismatch {
                    expected: "a value".into(),
                    found: "the document".into(),
                    span: source_span(span),
                    help: Some("`document.date` is the document's date".into()),
                },
            );
            return None;
        }
        let help = match self.decls.concept(self.file, name) {
            Lookup::Found(id) => {
                let ty = Type::Set(Box::new(Type::Text));
                return Some(typed(Checked::Concept(id), ty, span));
            }
            Lookup::Hidden(f) => Some(self.decls.hidden_help(self.file, f)),
            Lookup::Missing => {
                let mut names: Vec<&str> = self.bindings.iter().map(|b| b.name.as_str()).collect();
                names.extend(self.decls.visible_concepts(self.file));
                suggest::closest(name, names).map(|c| format!("did you mean `{c}`?")).or_else(|| {
                    Some("a name is a binding of this rule (`let`) or a concept; a word is written in quotes".into())
                })
            }
        };
        d.push(
            self.file,
            Problem::UnknownName {
                what: "name",
                name: name.to_string(),
                span: source_span(span),
                help,
            },
        );
        None
    }

    fn member(
        &self,
        object: &Expr,
        field: &str,
        field_span: Span,
        span: Span,
        d: &mut Diags,
    ) -> Option<Typed> {
        if object.kind == ExprKind::Name("document".into()) {
            if field == "date" {
                return Some(typed(Checked::DocumentDate, Type::Date, span));
            }
            return self.no_field(
                "the document",
                field,
                field_span,
                "the document has `date`".into(),
                d,
            );
        }
        let object = self.expr(object, d)?;
        let Type::Claim(claim) = &object.ty else {
            let help = match &object.ty {
                Type::Set(inner) if matches!(inner.as_ref(), Type::Claim(_)) => {
                    "an `all` binding is a set of claims: use `count`, `sum`, `min` or `max` on it"
                        .to_string()
                }
                _ => "fields belong to claims bound with `let`, and to `document`".to_string(),
            };
            return self.no_field(&object.ty.to_string(), field, field_span, help, d);
        };
        let kind = claim.kind();
        let Some(info) = field_of(kind, field) else {
            let fields: Vec<&str> = crate::rules::builtins::FIELDS
                .iter()
                .filter(|f| f.kind == kind)
                .map(|f| f.name)
                .collect();
            let help = suggest::did_you_mean(field, fields.iter().copied(), || {
                format!("a {} claim has {}", kind.as_str(), suggest::list(&fields))
            });
            return self.no_field(
                &format!("a {} claim", kind.as_str()),
                field,
                field_span,
                help,
                d,
            );
        };
        let ty = match info.ty {
            FieldType::ClaimValue => claim.value_type(),
            FieldType::Text => Type::Text,
            FieldType::TextSet => Type::Set(Box::new(Type::Text)),
            FieldType::Date => Type::Date,
        };
        let node = Checked::Field {
            object: Box::new(object),
            field: info.field,
        };
        Some(typed(node, ty, span))
    }

    fn no_field(
        &self,
        what: &str,
        field: &str,
        span: Span,
        help: String,
        d: &mut Diags,
    ) -> Option<Typed> {
        d.push(
            self.file,
            Problem::NoField {
                what: what.to_string(),
                field: field.to_string(),
                span: source_span(span),
                help,
            },
        );
        None
    }

    fn kb(
        &self,
        name: &crate::rules::ast::Ident,
        at: Option<&Expr>,
        span: Span,
        d: &mut Diags,
    ) -> Option<Typed> {
        let at = match at {
            Some(at) => Some(self.date(at, d)?),
            None => None,
        };
        let entry = match self.decls.kb(self.file, &name.name) {
            Lookup::Found(id) => id,
            found => {
                let help = match found {
                    Lookup::Hidden(f) => Some(self.decls.hidden_help(self.file, f)),
                    _ => suggest::closest(&name.name, self.decls.visible_kb(self.file))
                        .map(|c| format!("did you mean `kb.{c}`?"))
                        .or_else(|| Some("declare it with `table` or `fact`".into())),
                };
                d.push(
                    self.file,
                    Problem::UnknownName {
                        what: "knowledge-base entry",
                        name: name.name.clone(),
                        span: source_span(name.span),
                        help,
                    },
                );
                return None;
            }
        };
        let info = &self.decls.kb[entry.0];
        if at.is_none() && !info.is_timeless() {
            d.push(
                self.file,
                Problem::KbNeedsDate {
                    name: name.name.clone(),
                    span: source_span(span),
                },
            );
            return None;
        }
        let node = Checked::Kb {
            entry,
            at: at.map(Box::new),
        };
        Some(typed(node, info.ty.clone(), span))
    }

    /// An expression that must be a date (a date claim's date will do).
    fn date(&self, e: &Expr, d: &mut Diags) -> Option<Typed> {
        let t = value(self.expr(e, d)?);
        if t.ty == Type::Date {
            return Some(t);
        }
        d.push(
            self.file,
            Problem::TypeMismatch {
                expected: "a date".into(),
                found: t.ty.to_string(),
                span: source_span(t.span),
                help: Some("a lookup is as of a date: `at document.date`, `at 2014-09-22`".into()),
            },
        );
        None
    }

    fn unary(&self, op: UnaryOp, operand: &Expr, span: Span, d: &mut Diags) -> Option<Typed> {
        match op {
            UnaryOp::Not => {
                let x = self.condition(operand, d)?;
                Some(typed(Checked::Not(Box::new(x)), Type::Bool, span))
            }
            UnaryOp::Neg => {
                let x = value(self.expr(operand, d)?);
                let ty = self.number_operand("-", &x, d)?;
                Some(typed(Checked::Neg(Box::new(x)), ty, span))
            }
        }
    }

    /// An operand of arithmetic: a number. Dates get their own error.
    pub fn number_operand(&self, op: &str, x: &Typed, d: &mut Diags) -> Option<Type> {
        match &x.ty {
            Type::Number(_) => Some(x.ty.clone()),
            Type::Date => {
                d.push(
                    self.file,
                    Problem::DateArithmetic {
                        op: op.to_string(),
                        span: source_span(x.span),
                    },
                );
                None
            }
            Type::Range(inner) if **inner == Type::Date => {
                d.push(
                    self.file,
                    Problem::DateArithmetic {
                        op: op.to_string(),
                        span: source_span(x.span),
                    },
                );
                None
            }
            t => {
                let help = match t {
                    Type::Set(_) => Some("did you mean `count(...)`, or `sum(...)`?".to_string()),
                    _ => None,
                };
                d.push(
                    self.file,
                    Problem::TypeMismatch {
                        expected: "a number".into(),
                        found: t.to_string(),
                        span: source_span(x.span),
                        help,
                    },
                );
                None
            }
        }
    }
}
