//! The canonical layout of rule files, as `factlint fmt` prints it.
//!
//! Two-space indentation, one statement per line, single spaces around operators, one blank
//! line between items (consecutive imports stay together), the author's single blank lines
//! inside blocks kept, parentheses only where written or needed. A condition that would make
//! a line longer than 100 columns is broken before each `and` (or `or`) of its top-level
//! chain, and a long `let` before its `where`; other lines are not wrapped. Comments are kept:
//! a comment on its own line stays before what follows it, a comment after a statement stays
//! on its line, and a comment inside a multi-line expression moves above the statement.
//! Formatting formatted text changes nothing.

mod expr;

use super::ast::{
    Comment, DateLit, Doc, Expr, Fact, File, Item, Rule, Span, Stmt, StmtKind, Subject, Table,
    Template, TemplatePart, Term, Test, TestStmtKind, Text, Validity,
};

pub use expr::{expr, number, string};

/// Prints a parsed file in the canonical layout. `src` is the text it was parsed from (for
/// comments and blank lines); for a tree built by hand, pass `""`.
pub fn format_file(file: &File, src: &str) -> String {
    let mut p = Printer {
        src,
        comments: &file.comments,
        next: 0,
        out: String::new(),
        last_end: 0,
    };
    let mut previous: Option<&Item> = None;
    for item in &file.items {
        let start = item.doc_start().unwrap_or(item.span().start);
        let together = previous.is_some_and(|prev| one_line_kin(prev, item))
            && !p.blank_between(p.last_end, start);
        if previous.is_some() && !together {
            p.out.push('\n');
        }
        p.leading(leading_bound(item), 0, previous.is_none());
        p.blank_after_comment(item.span().start);
        p.item(item);
        previous = Some(item);
    }
    p.leading(usize::MAX, 0, previous.is_none());
    p.out
}

/// Imports, concepts and one-line facts may stand on consecutive lines, when the author put
/// them so: one-line items of a kind read as a list.
fn one_line_kin(a: &Item, b: &Item) -> bool {
    let one_line_fact = |i: &Item| match i {
        Item::Fact(f) => f.rows.len() == 1 && f.rows[0].validity == Validity::default(),
        _ => false,
    };
    matches!(
        (a, b),
        (Item::Import(_), Item::Import(_)) | (Item::Concept(_), Item::Concept(_))
    ) || (one_line_fact(a) && one_line_fact(b))
}

/// Comments before this offset go before the item: inside one-line items they move up;
/// inside blocks they stay with the block's lines.
fn leading_bound(item: &Item) -> usize {
    match item {
        Item::Rule(_) | Item::Table(_) | Item::Test(_) => item.span().start,
        Item::Fact(f) if f.rows.len() != 1 || f.rows[0].validity != Validity::default() => {
            f.span.start
        }
        _ => item.span().end,
    }
}

struct Printer<'a> {
    src: &'a str,
    comments: &'a [Comment],
    next: usize,
    out: String,
    /// Where the last printed thing ended in the source.
    last_end: usize,
}

impl Printer<'_> {
    /// The author left an empty line between two offsets of the source.
    fn blank_between(&self, from: usize, to: usize) -> bool {
        self.src.get(from..to).is_some_and(|gap| {
            let lines: Vec<&str> = gap.split('\n').collect();
            lines.len() > 2
                && lines[1..lines.len() - 1]
                    .iter()
                    .any(|l| l.trim().is_empty())
        })
    }

    fn indent(&mut self, level: usize) {
        for _ in 0..level {
            self.out.push_str("  ");
        }
    }

    /// After a comment line, the blank line the author left between it and what follows.
    fn blank_after_comment(&mut self, start: usize) {
        if self.out.ends_with('\n')
            && self.last_line_is_comment()
            && self.blank_between(self.last_end, start)
        {
            self.out.push('\n');
        }
    }

    fn last_line_is_comment(&self) -> bool {
        let body = self.out.trim_end_matches('\n');
        let last = body.rsplit('\n').next().unwrap_or("");
        last.trim_start().starts_with("//") && !last.trim_start().starts_with("///")
    }

    /// Prints the comments that start before `until`, each on its own line.
    fn leading(&mut self, until: usize, level: usize, first: bool) {
        let mut first = first;
        while let Some(c) = self.comments.get(self.next) {
            if c.span.start >= until {
                break;
            }
            if !first
                && self.blank_between(self.last_end, c.span.start)
                && !self.out.ends_with("\n\n")
            {
                self.out.push('\n');
            }
            self.indent(level);
            self.out.push_str(&c.text);
            self.out.push('\n');
            self.last_end = c.span.end;
            self.next += 1;
            first = false;
        }
    }

    /// Ends a line, with the comment that follows `end` on the same source line, if any.
    fn end_line(&mut self, end: usize) {
        if let Some(c) = self.comments.get(self.next)
            && c.span.start >= end
            && self
                .src
                .get(end..c.span.start)
                .is_some_and(|gap| !gap.contains('\n'))
        {
            self.out.push(' ');
            self.out.push_str(&c.text);
            self.last_end = c.span.end;
            self.next += 1;
        } else {
            self.last_end = self.last_end.max(end);
        }
        self.out.push('\n');
    }

    /// One line of a block: comments before it, a blank line if the author left one, the
    /// line, and its trailing comment.
    fn line(&mut self, level: usize, span: Span, first: bool, text: &str) {
        let blank = !first && self.blank_between(self.last_end, span.start);
        if blank {
            self.out.push('\n');
        }
        self.leading(span.end, level, first || blank);
        self.blank_after_comment(span.start);
        self.indent(level);
        self.out.push_str(text);
        self.end_line(span.end);
    }

    /// `{`, the lines, the comments before `}`, and `}`.
    fn block<T>(&mut self, span: Span, lines: &[T], each: impl Fn(&mut Self, &T, bool)) {
        if lines.is_empty() && !self.has_comment_before(span.end) {
            self.out.push_str(" {}");
            self.end_line(span.end);
            return;
        }
        self.out.push_str(" {\n");
        for (n, line) in lines.iter().enumerate() {
            each(self, line, n == 0);
        }
        self.leading(span.end, 1, lines.is_empty());
        self.out.push('}');
        self.end_line(span.end);
    }

    fn has_comment_before(&self, end: usize) -> bool {
        self.comments
            .get(self.next)
            .is_some_and(|c| c.span.start < end)
    }

    fn doc(&mut self, doc: &Option<Doc>) {
        for line in doc.iter().flat_map(|d| &d.lines) {
            self.out.push_str("///");
            self.out.push_str(line);
            self.out.push('\n');
        }
    }

    fn item(&mut self, item: &Item) {
        match item {
            Item::Import(x) => {
                self.out
                    .push_str(&format!("import {}", string(&x.path.value)));
                self.end_line(x.span.end);
            }
            Item::Tolerance(x) => {
                self.out.push_str(&format!("tolerance {}", expr(&x.value)));
                self.end_line(x.span.end);
            }
            Item::Concept(x) => {
                self.doc(&x.doc);
                let terms: Vec<String> = x
                    .terms
                    .iter()
                    .map(|t| match t {
                        Term::Word(w) => string(&w.value),
                        Term::Concept(c) => c.name.clone(),
                    })
                    .collect();
                self.out
                    .push_str(&format!("concept {} = {}", x.name.name, terms.join(" | ")));
                self.end_line(x.span.end);
            }
            Item::Table(x) => self.table(x),
            Item::Fact(x) => self.fact(x),
            Item::Rule(x) => self.rule(x),
            Item::Test(x) => self.test(x),
        }
    }

    fn table(&mut self, t: &Table) {
        self.doc(&t.doc);
        self.out.push_str(&format!("table {}", t.name.name));
        self.block(t.span, &t.rows, |p, row, first| {
            let names: Vec<String> = row.names.iter().map(|n| string(&n.value)).collect();
            let text = format!("{}{}", names.join(", "), validity(&row.validity));
            p.line(1, row.span, first, &text);
        });
    }

    fn fact(&mut self, f: &Fact) {
        self.doc(&f.doc);
        self.out.push_str(&format!("fact {}", f.name.name));
        match f.rows.as_slice() {
            [row] if row.validity == Validity::default() => {
                self.out.push_str(&format!(" = {}", expr(&row.value)));
                self.end_line(f.span.end);
            }
            rows => self.block(f.span, rows, |p, row, first| {
                let text = format!("{}{}", expr(&row.value), validity(&row.validity));
                p.line(1, row.span, first, &text);
            }),
        }
    }

    fn rule(&mut self, r: &Rule) {
        self.doc(&r.doc);
        self.out.push_str(&format!("rule {}", r.id.name));
        self.block(r.span, &r.body, |p, stmt, first| {
            let text = statement(stmt);
            p.line(1, stmt.span, first, &text);
        });
    }

    fn test(&mut self, t: &Test) {
        self.out
            .push_str(&format!("test {}", string(&t.name.value)));
        self.block(t.span, &t.body, |p, stmt, first| {
            let text = match &stmt.kind {
                TestStmtKind::Text(text) => format!("text {}", pieces(text, 5)),
                TestStmtKind::Date(d) => format!("date {}", date(d)),
                TestStmtKind::Expect { rule, at: None } => format!("expect {}", rule.name),
                TestStmtKind::Expect { rule, at: Some(at) } => {
                    format!("expect {} at {}", rule.name, string(&at.value))
                }
                TestStmtKind::ExpectNone => "expect none".to_string(),
            };
            p.line(1, stmt.span, first, &text);
        });
    }
}

fn date(d: &DateLit) -> String {
    d.date.to_string()
}

fn validity(v: &Validity) -> String {
    let mut s = String::new();
    if let Some(from) = &v.from {
        s.push_str(&format!(" from {}", date(from)));
    }
    if let Some(until) = &v.until {
        s.push_str(&format!(" until {}", date(until)));
    }
    s
}

/// Adjacent strings, one per line, aligned under the first (which starts at `column` of
/// the statement).
fn pieces(text: &Text, column: usize) -> String {
    let strings: Vec<String> = text.pieces.iter().map(|p| string(&p.value)).collect();
    strings.join(&format!("\n{}", " ".repeat(column + 2)))
}

fn statement(stmt: &Stmt) -> String {
    match &stmt.kind {
        StmtKind::Severity(s) => format!("severity {}", s.as_str()),
        StmtKind::Tags(tags) => {
            let names: Vec<&str> = tags.iter().map(|t| t.name.as_str()).collect();
            format!("tags {}", names.join(", "))
        }
        StmtKind::Tolerance(t) => format!("tolerance {}", expr(&t.value)),
        StmtKind::Let(l) => {
            let s = &l.selector;
            let mut text = format!("let {} = ", l.name.name);
            if s.all {
                text.push_str("all ");
            }
            text.push_str(s.kind.as_str());
            match &s.subject {
                Some(Subject::Word(w)) => text.push_str(&format!(" of {}", w.name)),
                Some(Subject::Text(t)) => text.push_str(&format!(" of {}", string(&t.value))),
                None => {}
            }
            match &s.condition {
                Some(c) => {
                    let one_line = format!("{text} where {}", expr(c));
                    if fits(&one_line) {
                        one_line
                    } else {
                        format!("{text}\n    {}", long_condition("where", c, 6))
                    }
                }
                None => text,
            }
        }
        StmtKind::Require(e) => long_condition("require", e, 4),
        StmtKind::Message(t) => format!("message {}", template(t, 8)),
        StmtKind::Help(t) => format!("help {}", pieces(t, 5)),
    }
}

/// Lines longer than this are broken where the language allows.
const WIDTH: usize = 100;

/// A statement (at indentation 2, continuation lines included) fits the width.
fn fits(text: &str) -> bool {
    text.lines().all(|line| 4 + line.chars().count() <= WIDTH)
}

/// `keyword condition`, broken before each `and` or `or` of its top-level chain when it is too
/// long, the continuation lines indented by `indent`.
fn long_condition(keyword: &str, e: &Expr, indent: usize) -> String {
    let one_line = format!("{keyword} {}", expr(e));
    if fits(&one_line) {
        return one_line;
    }
    match expr::chain(e) {
        Some((op, operands)) => {
            let joint = format!("\n{}{} ", " ".repeat(indent), op.symbol());
            format!("{keyword} {}", operands.join(&joint))
        }
        None => one_line,
    }
}

fn template(t: &Template, column: usize) -> String {
    let strings: Vec<String> = t
        .pieces
        .iter()
        .map(|piece| {
            let mut s = String::from("\"");
            for part in &piece.parts {
                match part {
                    TemplatePart::Text(text) => {
                        let escaped = expr::escape(text).replace('{', "{{").replace('}', "}}");
                        s.push_str(&escaped);
                    }
                    // A set in a hole gets spaces, or `{{` would read as a brace.
                    TemplatePart::Expr(e) => match expr(e) {
                        x if x.starts_with('{') => s.push_str(&format!("{{ {x} }}")),
                        x => s.push_str(&format!("{{{x}}}")),
                    },
                }
            }
            s.push('"');
            s
        })
        .collect();
    strings.join(&format!("\n{}", " ".repeat(column + 2)))
}

#[cfg(test)]
mod tests;
