//! Shared by the rule-language tests: random syntax trees, and trees with positions erased.
#![allow(dead_code)]

use factlint::calendar::PartialDate;
use factlint::rules::ast::*;
use proptest::prelude::*;

fn at() -> Span {
    Span::default()
}

fn ident(name: &str) -> Ident {
    Ident {
        name: name.to_string(),
        span: at(),
    }
}

fn lit(value: String) -> StrLit {
    StrLit { value, span: at() }
}

fn e(kind: ExprKind) -> Expr {
    Expr { kind, span: at() }
}

const NAMES: &[&str] = &["a", "b", "total", "members", "x_1", "partners"];
const FIELDS: &[&str] = &[
    "value", "subject", "scope", "from", "until", "text", "items",
];
const FUNCTIONS: &[&str] = &["count", "sum", "near", "after", "same_measure", "abs"];
const RULE_IDS: &[&str] = &["countries-add-up", "eu-size", "r1", "a-b-c"];

fn name() -> impl Strategy<Value = String> {
    prop::sample::select(NAMES).prop_map(str::to_string)
}

/// Strings with the characters that need escapes, braces, and some beyond ASCII.
fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            prop::sample::select(vec![
                "\"", "\\", "\n", "\t", "{", "}", "é", "€", "//", "a b"
            ])
            .prop_map(str::to_string),
            "[a-zA-Z0-9 .,:%]{0,6}",
        ],
        0..5,
    )
    .prop_map(|parts| parts.concat())
}

fn date() -> impl Strategy<Value = PartialDate> {
    (1900..2100i32, 1..=12u8, prop::option::of(1..=28u8)).prop_map(|(y, m, d)| match d {
        Some(d) => PartialDate::day(y, m, d).unwrap_or(PartialDate::year(y)),
        None => PartialDate::month(y, m).unwrap_or(PartialDate::year(y)),
    })
}

fn number() -> impl Strategy<Value = NumberLit> {
    let digits = prop::sample::select(vec!["1", "1.3", "1_027", "28", "0.05", "2014"]);
    let scale = prop::option::of(prop::sample::select(vec!["bn", "million", "k", "thousand"]));
    let unit = prop::option::of(prop::sample::select(vec![
        "t", "kg", "%", "EUR", "euros", "km/h", "tonnes", "pp",
    ]));
    (digits, scale, unit, any::<bool>()).prop_map(|(digits, scale, unit, euro)| NumberLit {
        digits: digits.to_string(),
        prefix: euro.then(|| ident("€")),
        scale: scale.map(ident),
        unit: if euro { None } else { unit.map(ident) },
    })
}

fn leaf() -> impl Strategy<Value = Expr> {
    prop_oneof![
        number().prop_map(|n| e(ExprKind::Number(n))),
        date().prop_map(|d| e(ExprKind::Date(d))),
        text().prop_map(|s| e(ExprKind::Text(s))),
        ("[a-z|.][a-z|. ]{0,5}/?[a-z]{0,3}", any::<bool>()).prop_map(|(pattern, ignore_case)| e(
            ExprKind::Regex {
                pattern,
                ignore_case
            }
        )),
        name().prop_map(|n| e(ExprKind::Name(n))),
        Just(e(ExprKind::Name("document".into()))),
        name().prop_map(|n| e(ExprKind::Kb {
            name: ident(&n),
            at: None
        })),
    ]
}

const BINARY: &[BinaryOp] = &[
    BinaryOp::Or,
    BinaryOp::And,
    BinaryOp::Eq,
    BinaryOp::Ne,
    BinaryOp::Lt,
    BinaryOp::Le,
    BinaryOp::Gt,
    BinaryOp::Ge,
    BinaryOp::Approx,
    BinaryOp::In,
    BinaryOp::NotIn,
    BinaryOp::Within,
    BinaryOp::To,
    BinaryOp::Add,
    BinaryOp::Sub,
    BinaryOp::Mul,
    BinaryOp::Div,
];

pub fn expr() -> impl Strategy<Value = Expr> {
    leaf().prop_recursive(5, 40, 3, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..3).prop_map(|v| e(ExprKind::Set(v))),
            (inner.clone(), prop::sample::select(FIELDS)).prop_map(|(o, f)| e(ExprKind::Member {
                object: Box::new(o),
                field: ident(f)
            })),
            (
                prop::sample::select(FUNCTIONS),
                prop::collection::vec(inner.clone(), 0..3)
            )
                .prop_map(|(f, args)| e(ExprKind::Call {
                    function: ident(f),
                    args
                })),
            (name(), inner.clone()).prop_map(|(n, d)| e(ExprKind::Kb {
                name: ident(&n),
                at: Some(Box::new(d))
            })),
            (any::<bool>(), inner.clone()).prop_map(|(not, x)| e(ExprKind::Unary {
                op: if not { UnaryOp::Not } else { UnaryOp::Neg },
                operand: Box::new(x)
            })),
            (prop::sample::select(BINARY), inner.clone(), inner).prop_map(|(op, l, r)| e(
                ExprKind::Binary {
                    op,
                    lhs: Box::new(l),
                    rhs: Box::new(r)
                }
            )),
        ]
    })
}

/// Adjacent text parts merge when read back, and empty ones vanish: generate neither.
fn template() -> impl Strategy<Value = Template> {
    let part = prop_oneof![
        text().prop_map(TemplatePart::Text),
        expr().prop_map(TemplatePart::Expr)
    ];
    let piece = prop::collection::vec(part, 0..4).prop_map(|parts| {
        let mut merged: Vec<TemplatePart> = Vec::new();
        for part in parts {
            match (merged.last_mut(), part) {
                (_, TemplatePart::Text(t)) if t.is_empty() => {}
                (Some(TemplatePart::Text(prev)), TemplatePart::Text(t)) => prev.push_str(&t),
                (_, part) => merged.push(part),
            }
        }
        TemplatePiece {
            parts: merged,
            span: at(),
        }
    });
    prop::collection::vec(piece, 1..3).prop_map(|pieces| Template { pieces })
}

fn text_lit() -> impl Strategy<Value = Text> {
    prop::collection::vec(text().prop_map(lit), 1..3).prop_map(|pieces| Text { pieces })
}

fn doc() -> impl Strategy<Value = Option<Doc>> {
    prop::option::of(
        prop::collection::vec("( [A-Za-z0-9,.]{1,8}){0,4}", 1..3)
            .prop_map(|lines| Doc { lines, span: at() }),
    )
}

fn validity() -> impl Strategy<Value = Validity> {
    (prop::option::of(date()), prop::option::of(date())).prop_map(|(from, until)| Validity {
        from: from.map(|date| DateLit { date, span: at() }),
        until: until.map(|date| DateLit { date, span: at() }),
    })
}

fn literal() -> impl Strategy<Value = Expr> {
    prop_oneof![
        number().prop_map(|n| e(ExprKind::Number(n))),
        date().prop_map(|d| e(ExprKind::Date(d))),
        text().prop_map(|s| e(ExprKind::Text(s))),
        number().prop_map(|n| e(ExprKind::Unary {
            op: UnaryOp::Neg,
            operand: Box::new(e(ExprKind::Number(n)))
        })),
    ]
}

fn stmt() -> impl Strategy<Value = Stmt> {
    let selector = (
        any::<bool>(),
        prop::sample::select(ClaimKind::ALL.to_vec()),
        prop::option::of(prop_oneof![
            name().prop_map(|n| Subject::Word(ident(&n))),
            text().prop_map(|t| Subject::Text(lit(t))),
        ]),
        prop::option::of(expr()),
    )
        .prop_map(|(all, kind, subject, condition)| Selector {
            all,
            kind,
            kind_span: at(),
            subject,
            condition,
            span: at(),
        });
    let kind = prop_oneof![
        prop::sample::select(Severity::ALL.to_vec()).prop_map(StmtKind::Severity),
        prop::collection::vec("[a-z0-9_-]{1,6}", 1..3)
            .prop_map(|t| StmtKind::Tags(t.iter().map(|t| ident(t)).collect())),
        expr().prop_map(|value| StmtKind::Tolerance(Tolerance { value, span: at() })),
        (name(), selector).prop_map(|(n, selector)| StmtKind::Let(Let {
            name: ident(&n),
            selector
        })),
        expr().prop_map(StmtKind::Require),
        template().prop_map(StmtKind::Message),
        text_lit().prop_map(StmtKind::Help),
    ];
    kind.prop_map(|kind| Stmt { kind, span: at() })
}

fn test_stmt() -> impl Strategy<Value = TestStmt> {
    let kind = prop_oneof![
        text_lit().prop_map(TestStmtKind::Text),
        date().prop_map(|date| TestStmtKind::Date(DateLit { date, span: at() })),
        (
            prop::sample::select(RULE_IDS),
            prop::option::of(text().prop_map(lit))
        )
            .prop_map(|(r, at)| TestStmtKind::Expect { rule: ident(r), at }),
        Just(TestStmtKind::ExpectNone),
    ];
    kind.prop_map(|kind| TestStmt { kind, span: at() })
}

fn item() -> impl Strategy<Value = Item> {
    prop_oneof![
        text().prop_map(|p| Item::Import(Import {
            path: lit(p),
            span: at()
        })),
        expr().prop_map(|value| Item::Tolerance(Tolerance { value, span: at() })),
        (
            doc(),
            name(),
            prop::collection::vec(
                prop_oneof![
                    text().prop_map(|t| Term::Word(lit(t))),
                    name().prop_map(|n| Term::Concept(ident(&n)))
                ],
                1..4
            )
        )
            .prop_map(|(doc, n, terms)| Item::Concept(Concept {
                doc,
                name: ident(&n),
                terms,
                span: at()
            })),
        (
            doc(),
            name(),
            prop::collection::vec(
                (
                    prop::collection::vec(text().prop_map(lit), 1..3),
                    validity()
                )
                    .prop_map(|(names, validity)| TableRow {
                        names,
                        validity,
                        span: at()
                    }),
                0..3
            )
        )
            .prop_map(|(doc, n, rows)| Item::Table(Table {
                doc,
                name: ident(&n),
                rows,
                span: at()
            })),
        (
            doc(),
            name(),
            prop::collection::vec(
                (literal(), validity()).prop_map(|(value, validity)| FactRow {
                    value,
                    validity,
                    span: at()
                }),
                1..3
            )
        )
            .prop_map(|(doc, n, rows)| Item::Fact(Fact {
                doc,
                name: ident(&n),
                rows,
                span: at()
            })),
        (
            doc(),
            prop::sample::select(RULE_IDS),
            prop::collection::vec(stmt(), 0..5)
        )
            .prop_map(|(doc, id, body)| Item::Rule(Rule {
                doc,
                id: ident(id),
                body,
                span: at()
            })),
        (text(), prop::collection::vec(test_stmt(), 0..4)).prop_map(|(n, body)| Item::Test(Test {
            name: lit(n),
            body,
            span: at()
        })),
    ]
}

pub fn file_strategy() -> impl Strategy<Value = File> {
    prop::collection::vec(item(), 0..5).prop_map(|items| File {
        items,
        comments: Vec::new(),
    })
}

/// A tree with every span set to zero and brackets dropped: what the author meant.
pub fn erase(mut file: File) -> File {
    file.comments.clear();
    for item in &mut file.items {
        erase_item(item);
    }
    file
}

fn z(span: &mut Span) {
    *span = Span::default();
}

fn erase_doc(doc: &mut Option<Doc>) {
    if let Some(d) = doc {
        z(&mut d.span);
    }
}

fn erase_validity(v: &mut Validity) {
    for d in [&mut v.from, &mut v.until].into_iter().flatten() {
        z(&mut d.span);
    }
}

fn erase_text(t: &mut Text) {
    for p in &mut t.pieces {
        z(&mut p.span);
    }
}

fn erase_item(item: &mut Item) {
    match item {
        Item::Import(x) => {
            z(&mut x.span);
            z(&mut x.path.span);
        }
        Item::Tolerance(x) => {
            z(&mut x.span);
            erase_expr(&mut x.value);
        }
        Item::Concept(x) => {
            z(&mut x.span);
            z(&mut x.name.span);
            erase_doc(&mut x.doc);
            for t in &mut x.terms {
                match t {
                    Term::Word(w) => z(&mut w.span),
                    Term::Concept(c) => z(&mut c.span),
                }
            }
        }
        Item::Table(x) => {
            z(&mut x.span);
            z(&mut x.name.span);
            erase_doc(&mut x.doc);
            for row in &mut x.rows {
                z(&mut row.span);
                erase_validity(&mut row.validity);
                for n in &mut row.names {
                    z(&mut n.span);
                }
            }
        }
        Item::Fact(x) => {
            z(&mut x.span);
            z(&mut x.name.span);
            erase_doc(&mut x.doc);
            for row in &mut x.rows {
                z(&mut row.span);
                erase_validity(&mut row.validity);
                erase_expr(&mut row.value);
            }
        }
        Item::Rule(x) => {
            z(&mut x.span);
            z(&mut x.id.span);
            erase_doc(&mut x.doc);
            for s in &mut x.body {
                erase_stmt(s);
            }
        }
        Item::Test(x) => {
            z(&mut x.span);
            z(&mut x.name.span);
            for s in &mut x.body {
                z(&mut s.span);
                match &mut s.kind {
                    TestStmtKind::Text(t) => erase_text(t),
                    TestStmtKind::Date(d) => z(&mut d.span),
                    TestStmtKind::Expect { rule, at } => {
                        z(&mut rule.span);
                        if let Some(at) = at {
                            z(&mut at.span);
                        }
                    }
                    TestStmtKind::ExpectNone => {}
                }
            }
        }
    }
}

fn erase_stmt(s: &mut Stmt) {
    z(&mut s.span);
    match &mut s.kind {
        StmtKind::Severity(_) => {}
        StmtKind::Tags(tags) => tags.iter_mut().for_each(|t| z(&mut t.span)),
        StmtKind::Tolerance(t) => {
            z(&mut t.span);
            erase_expr(&mut t.value);
        }
        StmtKind::Let(l) => {
            z(&mut l.name.span);
            let s = &mut l.selector;
            z(&mut s.span);
            z(&mut s.kind_span);
            match &mut s.subject {
                Some(Subject::Word(w)) => z(&mut w.span),
                Some(Subject::Text(t)) => z(&mut t.span),
                None => {}
            }
            if let Some(c) = &mut s.condition {
                erase_expr(c);
            }
        }
        StmtKind::Require(e) => erase_expr(e),
        StmtKind::Message(t) => {
            for p in &mut t.pieces {
                z(&mut p.span);
                for part in &mut p.parts {
                    if let TemplatePart::Expr(e) = part {
                        erase_expr(e);
                    }
                }
            }
        }
        StmtKind::Help(t) => erase_text(t),
    }
}

pub fn erase_expr(e: &mut Expr) {
    if let ExprKind::Paren(inner) = &mut e.kind {
        let inner = std::mem::replace(
            inner.as_mut(),
            Expr {
                kind: ExprKind::Name(String::new()),
                span: Span::default(),
            },
        );
        *e = inner;
        erase_expr(e);
        return;
    }
    z(&mut e.span);
    match &mut e.kind {
        ExprKind::Number(n) => {
            for i in [&mut n.prefix, &mut n.scale, &mut n.unit]
                .into_iter()
                .flatten()
            {
                z(&mut i.span);
            }
        }
        ExprKind::Set(items) => items.iter_mut().for_each(erase_expr),
        ExprKind::Member { object, field } => {
            erase_expr(object);
            z(&mut field.span);
        }
        ExprKind::Call { function, args } => {
            z(&mut function.span);
            args.iter_mut().for_each(erase_expr);
        }
        ExprKind::Kb { name, at } => {
            z(&mut name.span);
            if let Some(at) = at {
                erase_expr(at);
            }
        }
        ExprKind::Unary { operand, .. } => erase_expr(operand),
        ExprKind::Binary { lhs, rhs, .. } => {
            erase_expr(lhs);
            erase_expr(rhs);
        }
        _ => {}
    }
}
