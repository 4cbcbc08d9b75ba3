//! Top-level declarations: `import`, `tolerance`, `concept`, `table`, `fact`, `rule`, `test`.

use super::lex::first_word;
use super::{PError, PResult, Parser, fail, miss, relabel};
use crate::rules::ast::{
    Concept, Doc, Fact, FactRow, Import, Item, Span, Table, TableRow, Term, Tolerance, Validity,
};
use crate::rules::errors::{Problem, source_span};
use crate::rules::suggest;

/// The words that start a top-level item.
pub(crate) const ITEM_KEYWORDS: [&str; 7] = [
    "rule",
    "concept",
    "table",
    "fact",
    "test",
    "import",
    "tolerance",
];

/// A line where the parser can start again after a broken item.
pub(crate) fn starts_item(line: &str) -> bool {
    ITEM_KEYWORDS.contains(&first_word(line)) || line.starts_with("///")
}

impl<'a> Parser<'a> {
    /// Every item of the file, recovering after each broken one.
    pub(crate) fn items(&self, src: &'a str) -> Vec<Item> {
        let mut items = Vec::new();
        let mut i = self.ws(src);
        while !i.is_empty() {
            match self.item(i) {
                Ok((rest, item)) => {
                    items.push(item);
                    match self.end_of_line(rest) {
                        Ok(_) => i = self.ws(rest),
                        Err(e) => {
                            self.report_error(e);
                            i = self.ws(self.skip_lines(rest, starts_item));
                        }
                    }
                }
                Err(e) => {
                    self.report_error(e);
                    i = self.ws(self.skip_lines(i, starts_item));
                }
            }
        }
        items
    }

    fn item(&self, i: &'a str) -> PResult<'a, Item> {
        let (i, doc) = self.doc(i);
        let expected =
            "an item: `rule`, `concept`, `table`, `fact`, `test`, `import` or `tolerance`";
        let Ok((after, word)) = self.word(i) else {
            if let Some(doc) = doc {
                return fail(PError::problem(
                    i,
                    Problem::StrayDocComment {
                        span: source_span(doc.span),
                    },
                ));
            }
            return fail(PError::expected(i, expected));
        };
        let after_ws = self.ws(after);
        match word {
            "rule" => self.rule(i, after_ws, doc).map(|(r, x)| (r, Item::Rule(x))),
            "concept" => self
                .concept(i, after_ws, doc)
                .map(|(r, x)| (r, Item::Concept(x))),
            "table" => self
                .table(i, after_ws, doc)
                .map(|(r, x)| (r, Item::Table(x))),
            "fact" => self.fact(i, after_ws, doc).map(|(r, x)| (r, Item::Fact(x))),
            "test" | "import" | "tolerance" if doc.is_some() => {
                let span = doc.map_or(Span::default(), |d| d.span);
                fail(PError::problem(
                    i,
                    Problem::StrayDocComment {
                        span: source_span(span),
                    },
                ))
            }
            "test" => self.test(i, after_ws).map(|(r, x)| (r, Item::Test(x))),
            "import" => {
                let (rest, path) = self.string(after_ws)?;
                let span = self.span(i, rest);
                Ok((rest, Item::Import(Import { path, span })))
            }
            "tolerance" => {
                let (rest, t) = self.tolerance(i, after_ws)?;
                Ok((rest, Item::Tolerance(t)))
            }
            _ => fail(PError::problem(
                i,
                Problem::UnknownKeyword {
                    word: word.to_string(),
                    place: "item",
                    span: source_span(self.span(i, after)),
                    help: suggest::did_you_mean(word, ITEM_KEYWORDS, || {
                        format!("an item starts with {}", suggest::list(&ITEM_KEYWORDS))
                    }),
                },
            )),
        }
    }

    /// `tolerance EXPR`, at top level or in a rule; `i` is at the keyword.
    pub(crate) fn tolerance(&self, i: &'a str, value: &'a str) -> PResult<'a, Tolerance> {
        let (rest, value) = self.expr(value, 0)?;
        Ok((
            rest,
            Tolerance {
                value,
                span: self.span(i, rest),
            },
        ))
    }

    fn concept(&self, i: &'a str, name: &'a str, doc: Option<Doc>) -> PResult<'a, Concept> {
        let (r, name) = self.ident(name)?;
        let (r, _) = self.symbol(self.ws(r), "=", "`=`")?;
        let mut terms = Vec::new();
        let mut rest = self.ws(r);
        loop {
            let (r, term) = self.term(rest)?;
            terms.push(term);
            rest = r;
            let j = self.ws(r);
            match j.strip_prefix('|') {
                Some(after) => rest = self.ws(after),
                None => break,
            }
        }
        let span = self.span(i, rest);
        Ok((
            rest,
            Concept {
                doc,
                name,
                terms,
                span,
            },
        ))
    }

    fn term(&self, i: &'a str) -> PResult<'a, Term> {
        if i.starts_with('"') {
            let (r, s) = self.string(i)?;
            return Ok((r, Term::Word(s)));
        }
        match self.ident(i) {
            Ok((r, name)) => Ok((r, Term::Concept(name))),
            Err(_) => fail(PError::expected(i, "a word in quotes or a concept's name")),
        }
    }

    fn table(&self, i: &'a str, name: &'a str, doc: Option<Doc>) -> PResult<'a, Table> {
        let (r, name) = self.ident(name)?;
        let open = self.ws(r);
        self.symbol(open, "{", "`{`")?;
        let (rest, rows) = self.block(open, "table", |_| true, |s| self.table_row(s));
        let span = self.span(i, rest);
        Ok((
            rest,
            Table {
                doc,
                name,
                rows,
                span,
            },
        ))
    }

    fn table_row(&self, i: &'a str) -> PResult<'a, TableRow> {
        let mut names = Vec::new();
        let mut rest = i;
        loop {
            let (r, name) = self
                .string(rest)
                .map_err(|e| relabel(e, "a name in quotes"))?;
            names.push(name);
            rest = r;
            match self.spaces(r).strip_prefix(',') {
                Some(after) => rest = self.ws(after),
                None => break,
            }
        }
        let (rest, validity) = self.validity(rest)?;
        Ok((
            rest,
            TableRow {
                names,
                validity,
                span: self.span(i, rest),
            },
        ))
    }

    /// `[from DATE] [until DATE]` on the same line.
    fn validity(&self, i: &'a str) -> PResult<'a, Validity> {
        let mut validity = Validity::default();
        let mut rest = i;
        if let Ok((r, _)) = self.keyword(self.spaces(rest), "from") {
            let (r, date) = self.date_lit(self.spaces(r))?;
            validity.from = Some(date);
            rest = r;
        }
        if let Ok((r, _)) = self.keyword(self.spaces(rest), "until") {
            let (r, date) = self.date_lit(self.spaces(r))?;
            validity.until = Some(date);
            rest = r;
        }
        Ok((rest, validity))
    }

    fn fact(&self, i: &'a str, name: &'a str, doc: Option<Doc>) -> PResult<'a, Fact> {
        let (r, name) = self.ident(name)?;
        let j = self.ws(r);
        let (rest, rows) = if let Some(after) = j.strip_prefix('=') {
            let (rest, row) = self.fact_row(self.ws(after))?;
            (rest, vec![row])
        } else if j.starts_with('{') {
            self.block(j, "fact", |_| true, |s| self.fact_row(s))
        } else {
            return miss(PError::expected(j, "`=` or `{`"));
        };
        let span = self.span(i, rest);
        Ok((
            rest,
            Fact {
                doc,
                name,
                rows,
                span,
            },
        ))
    }

    fn fact_row(&self, i: &'a str) -> PResult<'a, FactRow> {
        let (rest, value) = self.literal(i)?;
        let (rest, validity) = self.validity(rest)?;
        Ok((
            rest,
            FactRow {
                value,
                validity,
                span: self.span(i, rest),
            },
        ))
    }
}
