//! Typing calls of built-ins: arity, where they may stand, argument kinds, result types.

use super::Diags;
use super::expr::{Env, typed, value};
use super::types::{ClaimType, Dim, Type};
use crate::rules::ast::{Expr, ExprKind, Ident, Span};
use crate::rules::builtins::{BUILTINS, Builtin, BuiltinInfo, Param, Role, builtin};
use crate::rules::checked::{Checked, Typed};
use crate::rules::errors::{Problem, source_span};
use crate::rules::suggest;
use crate::rules::units::units;

impl Env<'_> {
    pub(super) fn call(
        &self,
        function: &Ident,
        args: &[Expr],
        span: Span,
        d: &mut Diags,
    ) -> Option<Typed> {
        let Some(info) = builtin(&function.name) else {
            let names: Vec<&str> = BUILTINS.iter().map(|b| b.name).collect();
            let help = suggest::did_you_mean(&function.name, names.iter().copied(), || {
                format!("the built-in functions are {}", suggest::list(&names))
            });
            d.push(
                self.file,
                Problem::UnknownName {
                    what: "function",
                    name: function.name.clone(),
                    span: source_span(function.span),
                    help: Some(help),
                },
            );
            return None;
        };
        let too_few = args.len() < info.min_args();
        let too_many = info.max_args().is_some_and(|max| args.len() > max);
        if too_few || too_many {
            d.push(
                self.file,
                Problem::Arity {
                    function: info.name.to_string(),
                    expected: info.arity(),
                    found: args.len(),
                    span: source_span(span),
                    help: format!("`{}`", info.signature),
                },
            );
            return None;
        }
        if info.role == Role::Filter {
            self.filter_applies(info, span, d)?;
        }
        let mut checked = Vec::new();
        let mut failed = false;
        for (n, arg) in args.iter().enumerate() {
            let param = info.params.get(n).or(info.params.last()).copied();
            match param.and_then(|p| self.argument(info, p, arg, d)) {
                Some(t) => checked.push(t),
                None => failed = true,
            }
        }
        if failed {
            return None;
        }
        let ty = self.result(info, &checked, d)?;
        Some(typed(
            Checked::Call {
                builtin: info.builtin,
                args: checked,
            },
            ty,
            span,
        ))
    }

    /// A filter stands in a `where`, on a binding of a kind it applies to.
    fn filter_applies(&self, info: &BuiltinInfo, span: Span, d: &mut Diags) -> Option<()> {
        let Some(current) = self.current else {
            d.push(
                self.file,
                Problem::FilterOutsideWhere {
                    function: info.name.to_string(),
                    span: source_span(span),
                    help: format!(
                        "a filter chooses claims for a binding: `let x = quantity where {}(...)`",
                        info.name
                    ),
                },
            );
            return None;
        };
        let kind = match &self.bindings[current.0].ty {
            Type::Claim(c) => c.kind(),
            Type::Set(inner) => match inner.as_ref() {
                Type::Claim(c) => c.kind(),
                _ => return Some(()),
            },
            _ => return Some(()),
        };
        if info.applies_to.contains(&kind) {
            return Some(());
        }
        let kinds: Vec<&str> = info.applies_to.iter().map(|k| k.as_str()).collect();
        d.push(
            self.file,
            Problem::TypeMismatch {
                expected: format!("a binding of {} claims", kinds.join(" or ")),
                found: format!("a binding of {} claims", kind.as_str()),
                span: source_span(span),
                help: Some(format!(
                    "`{}` filters {} claims only",
                    info.name,
                    kinds.join(" and ")
                )),
            },
        );
        None
    }

    fn argument(
        &self,
        info: &BuiltinInfo,
        param: Param,
        arg: &Expr,
        d: &mut Diags,
    ) -> Option<Typed> {
        match param {
            Param::DimensionName => return self.named_argument(arg, "dimension", d),
            Param::CurrencyCode => return self.named_argument(arg, "currency", d),
            _ => {}
        }
        let raw = self.expr(arg, d)?;
        let one_quantity = matches!(raw.ty, Type::Claim(ClaimType::Quantity(_)));
        // Filters and predicates read claims; the rest read values. An `all` binding stays a
        // set of claims either way: aggregates read the claims themselves.
        let keep_claim = matches!(param, Param::Claim | Param::Quantity | Param::ClaimOrWords);
        let t = if keep_claim { raw } else { value(raw) };
        let ok = match (param, &t.ty) {
            (Param::Words, Type::Text | Type::Regex) => true,
            (Param::Words, Type::Set(e)) => **e == Type::Text,
            (Param::Place, Type::Text) => true,
            (Param::Claim, Type::Claim(_)) => true,
            (Param::Quantity, Type::Claim(ClaimType::Quantity(_))) => true,
            (Param::ClaimOrWords, Type::Claim(_) | Type::Text | Type::Regex) => true,
            (Param::Collection, Type::Set(_)) => true,
            (Param::Ordered, Type::Number(_) | Type::Date) => true,
            (Param::Ordered, Type::Set(e)) => matches!(e.value(), Type::Number(_) | Type::Date),
            (Param::Number, Type::Number(_)) => true,
            _ => false,
        };
        if ok {
            return Some(t);
        }
        let expected = match param {
            Param::Words => "words: a text, a pattern or a concept",
            Param::Place => "a place's name, in quotes",
            Param::Claim => "a claim (a binding)",
            Param::Quantity => "a quantity claim (a binding)",
            Param::ClaimOrWords => "a claim or words in quotes",
            Param::Collection => "a set, a list claim or an `all` binding",
            Param::Ordered => "figures or dates, or a set of them",
            _ => "a number",
        };
        let help = match param {
            Param::Collection if one_quantity => Some(
                "one claim is bound at a time; to use every claim that matches, bind them with `let x = all quantity ...`".to_string(),
            ),
            _ => Some(format!("`{}`", info.signature)),
        };
        d.push(
            self.file,
            Problem::TypeMismatch {
                expected: expected.into(),
                found: t.ty.to_string(),
                span: source_span(t.span),
                help,
            },
        );
        None
    }

    /// `dimension(mass)`, `currency(EUR)`: a bare name from the lexicon, kept as text.
    fn named_argument(&self, arg: &Expr, what: &'static str, d: &mut Diags) -> Option<Typed> {
        let word = match &arg.kind {
            ExprKind::Name(n) => n.as_str(),
            ExprKind::Text(t) => t.as_str(),
            _ => "",
        };
        let table = units();
        let known = match what {
            "dimension" => table.is_dimension(word),
            _ => table
                .unit(word)
                .is_some_and(|u| u.currency.as_deref() == Some(word)),
        };
        if known {
            return Some(typed(Checked::Text(word.to_string()), Type::Text, arg.span));
        }
        let help = if what == "dimension" {
            let dims: Vec<&str> = table.dimensions().collect();
            suggest::did_you_mean(word, dims.iter().copied(), || {
                format!("the dimensions are {}", suggest::list(&dims))
            })
        } else {
            "a currency is its ISO 4217 code, as in rules/lexicon/currencies.toml: `EUR`, `USD`"
                .to_string()
        };
        d.push(
            self.file,
            Problem::UnknownWord {
                what,
                word: if word.is_empty() {
                    "(an expression)".into()
                } else {
                    word.to_string()
                },
                span: source_span(arg.span),
                help,
            },
        );
        None
    }

    fn result(&self, info: &BuiltinInfo, args: &[Typed], d: &mut Diags) -> Option<Type> {
        match info.builtin {
            Builtin::Count | Builtin::Rate => Some(Type::count()),
            Builtin::Abs => args.first().map(|a| a.ty.clone()),
            Builtin::Sum => {
                let element = match args.first().map(|a| &a.ty) {
                    Some(Type::Set(e)) => e.value(),
                    _ => Type::Unknown,
                };
                match element {
                    Type::Number(_) => Some(element),
                    Type::Unknown => Some(Type::Number(Dim::default())),
                    other => {
                        self.bad_elements(info, &args[0], &other, "figures", d);
                        None
                    }
                }
            }
            Builtin::Min | Builtin::Max => {
                let types: Vec<Type> = match args {
                    [one] => match &one.ty {
                        Type::Set(e) => vec![e.value()],
                        t => vec![t.clone()],
                    },
                    many => many.iter().map(|a| a.ty.clone()).collect(),
                };
                let mut result = Type::Unknown;
                for (t, arg) in types.iter().zip(args.iter().cycle()) {
                    match result.unify(t) {
                        Some(u) => result = u,
                        None => {
                            self.bad_elements(info, arg, t, &result.to_string(), d);
                            return None;
                        }
                    }
                }
                Some(result)
            }
            _ => Some(Type::Bool),
        }
    }

    fn bad_elements(
        &self,
        info: &BuiltinInfo,
        arg: &Typed,
        found: &Type,
        expected: &str,
        d: &mut Diags,
    ) {
        d.push(
            self.file,
            Problem::TypeMismatch {
                expected: expected.to_string(),
                found: found.to_string(),
                span: source_span(arg.span),
                help: Some(format!("`{}`", info.signature)),
            },
        );
    }
}

/// The claim type a binding's filter narrows to: `dimension(mass)`, `currency(EUR)` at the top
/// of its `where`.
pub(super) fn narrowed(claim: ClaimType, filter: Option<&Typed>) -> ClaimType {
    let ClaimType::Quantity(mut dim) = claim else {
        return claim;
    };
    let mut stack: Vec<&Typed> = filter.into_iter().collect();
    while let Some(t) = stack.pop() {
        match &t.node {
            Checked::And(a, b) => stack.extend([a.as_ref(), b.as_ref()]),
            Checked::Call { builtin, args } => {
                let name = match args.first().map(|a| &a.node) {
                    Some(Checked::Text(n)) => n.clone(),
                    _ => continue,
                };
                match builtin {
                    crate::rules::builtins::Builtin::Dimension => dim.dimension = Some(name),
                    crate::rules::builtins::Builtin::Currency => {
                        dim.dimension = Some("money".into());
                        dim.currency = Some(name);
                    }
                    _ => {}
                }
            }
            _ => {}
        }
    }
    ClaimType::Quantity(dim)
}
