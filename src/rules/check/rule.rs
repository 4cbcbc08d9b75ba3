//! Checking rules (statements, bindings, requirements, messages) and tests.

use super::Diags;
use super::calls::narrowed;
use super::expr::Env;
use super::literal::literal_share;
use super::resolve::{Decls, Lookup, duplicate_statement};
use super::types::{ClaimType, Dim, Type};
use crate::rules::ast::{
    self, ClaimKind, Item, Severity, Span, StmtKind, Subject as AstSubject, TemplatePart,
    TestStmtKind,
};
use crate::rules::checked::{
    Binding, BindingId, Expect, ExpectedFinding, FileId, MessagePart, Origin, Rule, Subject, Test,
};
use crate::rules::errors::{Problem, source_span};
use crate::rules::load::Parsed;
use crate::rules::suggest;

/// Checks every rule and test of every file.
pub(super) fn check_all(files: &[Parsed], decls: &Decls, d: &mut Diags) -> (Vec<Rule>, Vec<Test>) {
    let mut rules = Vec::new();
    let mut tests = Vec::new();
    for (n, f) in files.iter().enumerate() {
        let file = FileId(n);
        for item in &f.ast.items {
            match item {
                Item::Rule(r) => rules.extend(check_rule(r, file, decls, d)),
                Item::Test(t) => tests.extend(check_test(t, file, decls, d)),
                _ => {}
            }
        }
    }
    (rules, tests)
}

/// Remembers the first of a statement that a rule has once, and reports the others.
fn once<T>(
    slot: &mut Option<(T, Span)>,
    value: T,
    span: Span,
    name: &'static str,
    file: FileId,
    d: &mut Diags,
) {
    match slot {
        Some((_, first)) => d.push(file, duplicate_statement(name, span, *first)),
        None => *slot = Some((value, span)),
    }
}

fn claim_type(kind: ClaimKind) -> ClaimType {
    match kind {
        ClaimKind::Quantity => ClaimType::Quantity(Dim::default()),
        ClaimKind::List => ClaimType::List,
        ClaimKind::Date => ClaimType::Date,
        ClaimKind::Period => ClaimType::Period,
    }
}

fn binding_type(all: bool, claim: ClaimType) -> Type {
    let one = Type::Claim(claim);
    if all { Type::Set(Box::new(one)) } else { one }
}

fn check_rule(r: &ast::Rule, file: FileId, decls: &Decls, d: &mut Diags) -> Option<Rule> {
    let mut severity = None;
    let mut tags = None;
    let mut tolerance = None;
    let mut message = None;
    let mut help = None;
    let mut bindings: Vec<Binding> = Vec::new();
    let mut requirements = Vec::new();
    let mut wrote_require = false;
    let lets: Vec<(String, Span)> = r
        .body
        .iter()
        .filter_map(|s| match &s.kind {
            StmtKind::Let(l) => Some((l.name.name.clone(), l.name.span)),
            _ => None,
        })
        .collect();
    let mut failed = false;
    for stmt in &r.body {
        let env = Env {
            file,
            decls,
            bindings: &bindings,
            later: &[],
            current: None,
        };
        match &stmt.kind {
            StmtKind::Severity(s) => once(&mut severity, *s, stmt.span, "severity", file, d),
            StmtKind::Tags(t) => {
                let names = t.iter().map(|t| t.name.clone()).collect();
                once(&mut tags, names, stmt.span, "tags", file, d);
            }
            StmtKind::Tolerance(t) => match literal_share(&t.value) {
                Ok(share) => once(&mut tolerance, share, stmt.span, "tolerance", file, d),
                Err(p) => d.push(file, *p),
            },
            StmtKind::Help(t) => once(&mut help, t.value(), stmt.span, "help", file, d),
            StmtKind::Message(t) => match message_parts(t, &env, d) {
                Some(parts) => once(&mut message, parts, stmt.span, "message", file, d),
                None => failed = true,
            },
            StmtKind::Require(e) => {
                wrote_require = true;
                match env.condition(e, d) {
                    Some(t) => requirements.push(t),
                    None => failed = true,
                }
            }
            StmtKind::Let(l) => {
                let index = bindings.len();
                let later = lets.get(index + 1..).unwrap_or_default();
                match bind(l, file, decls, &mut bindings, later, d) {
                    Some(b) => bindings[index] = b,
                    None => failed = true,
                }
            }
        }
    }
    if !wrote_require {
        d.push(
            file,
            Problem::NoRequire {
                id: r.id.name.clone(),
                span: source_span(r.id.span),
            },
        );
        return None;
    }
    if failed {
        return None;
    }
    let doc = r.doc.as_ref().map(|d| d.text());
    let message = message.map(|(m, _)| m).unwrap_or_else(|| {
        let first_line = doc
            .as_ref()
            .and_then(|d| d.lines().next())
            .filter(|l| !l.trim().is_empty());
        vec![MessagePart::Text(match first_line {
            Some(line) => line.trim().to_string(),
            None => format!("rule `{}` failed", r.id.name),
        })]
    });
    Some(Rule {
        id: r.id.name.clone(),
        severity: severity.map_or(Severity::Warning, |(s, _)| s),
        doc,
        tags: tags.map(|(t, _)| t).unwrap_or_default(),
        message,
        help: help.map(|(h, _)| h),
        tolerance: tolerance.map_or_else(|| decls.tolerance(file), |(t, _)| t),
        tolerance_stated: tolerance.is_some() || decls.states_tolerance(file),
        bindings,
        requirements,
        origin: Origin {
            file,
            span: r.id.span,
        },
    })
}

/// Checks a `let`: the binding is pushed first, so that its own `where` can name it.
fn bind(
    l: &ast::Let,
    file: FileId,
    decls: &Decls,
    bindings: &mut Vec<Binding>,
    later: &[(String, Span)],
    d: &mut Diags,
) -> Option<Binding> {
    let s = &l.selector;
    if let Some(first) = bindings.iter().find(|b| b.name == l.name.name) {
        d.push(
            file,
            Problem::Duplicate {
                what: "binding",
                name: l.name.name.clone(),
                span: source_span(l.name.span),
                first: Some(source_span(first.span)),
                help: Some("each `let` in a rule names a different binding".into()),
            },
        );
    }
    let subject = subject(s.subject.as_ref(), file, decls, d);
    bindings.push(Binding {
        name: l.name.name.clone(),
        all: s.all,
        kind: s.kind,
        subject: None,
        filter: None,
        conditions: Vec::new(),
        // In its own `where`, even an `all` binding names the one claim being bound.
        ty: binding_type(false, claim_type(s.kind)),
        span: l.name.span,
    });
    let index = bindings.len() - 1;
    let env = Env {
        file,
        decls,
        bindings,
        later,
        current: Some(BindingId(index)),
    };
    let filter = match &s.condition {
        Some(c) => Some(env.condition(c, d)?),
        None => None,
    };
    let claim = narrowed(claim_type(s.kind), filter.as_ref());
    Some(Binding {
        subject: subject?,
        conditions: crate::rules::checked::conditions(filter.as_ref(), index),
        filter,
        ty: binding_type(s.all, claim),
        ..bindings[index].clone()
    })
}

/// `of WORD` is a concept when one of that name is visible, else the word itself.
fn subject(
    s: Option<&AstSubject>,
    file: FileId,
    decls: &Decls,
    d: &mut Diags,
) -> Option<Option<Subject>> {
    let subject = match s {
        None => return Some(None),
        Some(AstSubject::Text(t)) => Subject {
            words: vec![t.value.clone()],
            concept: None,
        },
        Some(AstSubject::Word(w)) => match decls.concept(file, &w.name) {
            Lookup::Found(id) => Subject {
                words: decls.concepts[id.0].words.clone(),
                concept: Some(id),
            },
            Lookup::Hidden(f) => {
                d.push(
                    file,
                    Problem::UnknownName {
                        what: "concept",
                        name: w.name.clone(),
                        span: source_span(w.span),
                        help: Some(decls.hidden_help(file, f)),
                    },
                );
                return None;
            }
            Lookup::Missing => Subject {
                words: vec![w.name.clone()],
                concept: None,
            },
        },
    };
    Some(Some(subject))
}

fn message_parts(t: &ast::Template, env: &Env, d: &mut Diags) -> Option<Vec<MessagePart>> {
    let mut parts: Vec<MessagePart> = Vec::new();
    let mut failed = false;
    for part in t.pieces.iter().flat_map(|p| &p.parts) {
        match part {
            TemplatePart::Text(s) => match parts.last_mut() {
                Some(MessagePart::Text(prev)) => prev.push_str(s),
                _ => parts.push(MessagePart::Text(s.clone())),
            },
            TemplatePart::Expr(e) => match env.expr(e, d) {
                Some(t) => parts.push(MessagePart::Expr(t)),
                None => failed = true,
            },
        }
    }
    (!failed).then_some(parts)
}

fn check_test(t: &ast::Test, file: FileId, decls: &Decls, d: &mut Diags) -> Option<Test> {
    let mut text: Option<(String, Span)> = None;
    let mut date = None;
    let mut findings = Vec::new();
    let mut none: Option<Span> = None;
    let mut failed = false;
    for stmt in &t.body {
        match &stmt.kind {
            TestStmtKind::Text(x) => once(&mut text, x.value(), stmt.span, "text", file, d),
            TestStmtKind::Date(x) => once(&mut date, x.date, stmt.span, "date", file, d),
            TestStmtKind::ExpectNone => none = Some(stmt.span),
            TestStmtKind::Expect { rule, at } => {
                if let Lookup::Found(()) = decls.rule(file, &rule.name) {
                    findings.push((rule, at, stmt.span));
                    continue;
                }
                failed = true;
                let help = match decls.rule(file, &rule.name) {
                    Lookup::Hidden(f) => Some(decls.hidden_help(file, f)),
                    _ => suggest::closest(&rule.name, decls.visible_rules(file))
                        .map(|c| format!("did you mean `{c}`?")),
                };
                d.push(
                    file,
                    Problem::UnknownName {
                        what: "rule",
                        name: rule.name.clone(),
                        span: source_span(rule.span),
                        help,
                    },
                );
            }
        }
    }
    let Some((text, _)) = text else {
        d.push(
            file,
            bad_test(
                t.name.span,
                "the test has no text",
                "no `text` in this test",
                "add `text \"...\"`: the document the rules run on",
            ),
        );
        return None;
    };
    let expect = match (none, findings.is_empty()) {
        (Some(span), false) => {
            d.push(
                file,
                bad_test(
                    span,
                    "`expect none` with other expectations",
                    "expects nothing",
                    "a test expects findings or none: remove one",
                ),
            );
            return None;
        }
        (Some(_), true) => Expect::Nothing,
        (None, true) if !failed => {
            d.push(
                file,
                bad_test(
                    t.name.span,
                    "the test expects nothing",
                    "no `expect` in this test",
                    "add `expect RULE at \"words\"`, or `expect none`",
                ),
            );
            return None;
        }
        _ => {
            let mut expected = Vec::new();
            for (rule, at, span) in findings {
                let at = match at {
                    None => None,
                    Some(words) => match text.find(&words.value) {
                        Some(start) => Some(Span::new(start, start + words.value.len())),
                        None => {
                            d.push(
                                file,
                                Problem::ExpectTextNotFound {
                                    words: words.value.clone(),
                                    span: source_span(words.span),
                                },
                            );
                            failed = true;
                            continue;
                        }
                    },
                };
                expected.push(ExpectedFinding {
                    rule: rule.name.clone(),
                    at,
                    span,
                });
            }
            Expect::Findings(expected)
        }
    };
    if failed {
        return None;
    }
    Some(Test {
        name: t.name.value.clone(),
        text,
        date: date.map(|(d, _)| d),
        expect,
        origin: Origin {
            file,
            span: t.name.span,
        },
    })
}

fn bad_test(span: Span, message: &str, label: &str, help: &str) -> Problem {
    Problem::BadTest {
        message: message.into(),
        span: source_span(span),
        label: label.into(),
        help: Some(help.into()),
    }
}
