//! Tokens: white space and comments, names, keywords, rule IDs, line ends and doc comments.

use nom::Parser as _;
use nom::bytes::complete::{take_while, take_while1};
use nom::character::complete::satisfy;
use nom::combinator::recognize;
use nom::sequence::pair;

use super::{PError, PResult, Parser, fail, miss};
use crate::rules::ast::{Comment, Ident, Span};
use crate::rules::errors::{Problem, source_span};

/// Words that are never names: they start items and statements or are operators.
const RESERVED: [&str; 27] = [
    "rule",
    "concept",
    "table",
    "fact",
    "import",
    "test",
    "tolerance",
    "severity",
    "tags",
    "let",
    "require",
    "message",
    "help",
    "and",
    "or",
    "not",
    "in",
    "within",
    "to",
    "at",
    "where",
    "of",
    "all",
    "kb",
    "from",
    "until",
    "document",
];

pub fn is_reserved(word: &str) -> bool {
    RESERVED.contains(&word)
}

/// Lower-case words of letters and digits joined by single hyphens: `countries-add-up`.
pub fn valid_rule_id(id: &str) -> bool {
    id.starts_with(|c: char| c.is_ascii_lowercase())
        && id.split('-').all(|part| {
            !part.is_empty()
                && part
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
}

/// The nearest valid rule ID: lower case, `_` and spaces to hyphens, no doubled hyphens.
fn kebab(id: &str) -> String {
    // CamelCase words are split: `CountriesAddUp` is `countries-add-up`.
    let mut lowered = String::new();
    let mut previous: Option<char> = None;
    for c in id.chars() {
        let after_lower = previous.is_some_and(|p| p.is_ascii_lowercase() || p.is_ascii_digit());
        if c.is_ascii_uppercase() && after_lower {
            lowered.push('-');
        }
        match c {
            '_' | ' ' => lowered.push('-'),
            c if c.is_ascii_alphanumeric() || c == '-' => lowered.push(c.to_ascii_lowercase()),
            _ => {}
        }
        previous = Some(c);
    }
    let parts: Vec<&str> = lowered.split('-').filter(|p| !p.is_empty()).collect();
    let joined = parts.join("-");
    if joined.starts_with(|c: char| c.is_ascii_lowercase()) {
        joined
    } else {
        format!("rule-{joined}")
    }
}

fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

impl<'a> Parser<'a> {
    /// Skips white space and `//` comments, recording the comments. Stops at a `///` doc
    /// comment, which belongs to the item after it.
    pub(crate) fn ws(&self, mut i: &'a str) -> &'a str {
        loop {
            i = i.trim_start_matches([' ', '\t', '\r', '\n']);
            if i.starts_with("//") && (!i.starts_with("///") || i.starts_with("////")) {
                let len = i.find('\n').unwrap_or(i.len());
                let start = self.offset(i);
                let text = i[..len].trim_end().to_string();
                self.comments.borrow_mut().insert(
                    start,
                    Comment {
                        span: Span::new(start, start + text.len()),
                        text,
                    },
                );
                i = &i[len..];
            } else {
                return i;
            }
        }
    }

    /// Skips spaces and tabs only: what may stand between tokens of one line.
    pub(crate) fn spaces(&self, i: &'a str) -> &'a str {
        i.trim_start_matches([' ', '\t'])
    }

    /// A word: a letter or `_`, then letters, digits and `_`.
    pub(crate) fn word(&self, i: &'a str) -> PResult<'a, &'a str> {
        recognize(pair(
            satisfy(|c: char| c.is_ascii_alphabetic() || c == '_'),
            take_while(is_word_char),
        ))
        .parse(i)
        .or_else(|_: nom::Err<PError<'a>>| miss(PError::expected(i, "a name")))
    }

    /// A name that is not a keyword.
    pub(crate) fn ident(&self, i: &'a str) -> PResult<'a, Ident> {
        let (rest, w) = self.word(i)?;
        if is_reserved(w) {
            return miss(PError::expected(i, "a name"));
        }
        Ok((rest, self.ident_at(i, rest)))
    }

    /// A word, keywords included: field names after `.`.
    pub(crate) fn any_word(&self, i: &'a str) -> PResult<'a, Ident> {
        let (rest, _) = self.word(i)?;
        Ok((rest, self.ident_at(i, rest)))
    }

    pub(crate) fn ident_at(&self, from: &'a str, to: &'a str) -> Ident {
        Ident {
            name: from[..from.len() - to.len()].to_string(),
            span: self.span(from, to),
        }
    }

    /// One keyword.
    pub(crate) fn keyword(&self, i: &'a str, kw: &'static str) -> PResult<'a, Span> {
        match self.word(i) {
            Ok((rest, w)) if w == kw => Ok((rest, self.span(i, rest))),
            _ => miss(PError::expected(i, kw)),
        }
    }

    /// One punctuation token, such as `{` or `=`.
    pub(crate) fn symbol(
        &self,
        i: &'a str,
        s: &'static str,
        what: &'static str,
    ) -> PResult<'a, Span> {
        match i.strip_prefix(s) {
            Some(rest) => Ok((rest, self.span(i, rest))),
            None => miss(PError::expected(i, what)),
        }
    }

    /// Words joined by hyphens, as rule IDs and tags are written; checked by the caller.
    pub(crate) fn hyphenated(&self, i: &'a str, what: &'static str) -> PResult<'a, Ident> {
        let (rest, _) = take_while1(|c: char| is_word_char(c) || c == '-')
            .parse(i)
            .or_else(|_: nom::Err<PError<'a>>| miss(PError::expected(i, what)))?;
        Ok((rest, self.ident_at(i, rest)))
    }

    /// A rule ID: `countries-add-up`.
    pub(crate) fn rule_id(&self, i: &'a str) -> PResult<'a, Ident> {
        let (rest, id) = self.hyphenated(i, "a rule ID")?;
        if !valid_rule_id(&id.name) {
            return fail(PError::problem(
                i,
                Problem::BadRuleId {
                    suggestion: kebab(&id.name),
                    id: id.name,
                    span: source_span(id.span),
                },
            ));
        }
        Ok((rest, id))
    }

    /// The end of a statement or item: nothing but a comment before the end of the line, or a
    /// closing `}`.
    pub(crate) fn end_of_line(&self, i: &'a str) -> PResult<'a, ()> {
        let j = self.spaces(i);
        // At the start of a line already: a block that ran into the next item ended there.
        let line_start = self.src[..self.offset(i)].ends_with('\n');
        let at_end =
            line_start || j.is_empty() || j.starts_with(['\n', '\r', '}']) || j.starts_with("//");
        if at_end {
            Ok((i, ()))
        } else {
            miss(
                PError::expected(j, "the end of the line")
                    .with_help("each statement stands on its own line"),
            )
        }
    }

    /// `///` lines: an item's documentation.
    pub(crate) fn doc(&self, i: &'a str) -> (&'a str, Option<crate::rules::ast::Doc>) {
        let mut lines = Vec::new();
        let mut rest = i;
        let mut start = None;
        let mut end = i;
        while rest.starts_with("///") && !rest.starts_with("////") {
            start.get_or_insert(rest);
            let len = rest.find('\n').unwrap_or(rest.len());
            lines.push(rest[3..len].trim_end().to_string());
            end = &rest[len..];
            rest = self.ws(end);
        }
        match start {
            Some(start) => (
                rest,
                Some(crate::rules::ast::Doc {
                    lines,
                    span: self.span(start, end),
                }),
            ),
            None => (i, None),
        }
    }

    /// Skips to the first line after the one `from` is on that starts (after indentation)
    /// with something `restart` accepts, or to the end of the text.
    pub(crate) fn skip_lines(&self, from: &'a str, restart: impl Fn(&str) -> bool) -> &'a str {
        let mut rest = from;
        loop {
            let Some(nl) = rest.find('\n') else {
                return &rest[rest.len()..];
            };
            rest = &rest[nl + 1..];
            let line = self.spaces(rest);
            if restart(line) {
                return rest;
            }
        }
    }
}

/// The first word of a text, if it starts with one.
pub(crate) fn first_word(s: &str) -> &str {
    let len = s.find(|c: char| !is_word_char(c)).unwrap_or(s.len());
    &s[..len]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_ids_are_kebab_case() {
        assert!(valid_rule_id("countries-add-up"));
        assert!(valid_rule_id("eu-size2"));
        assert!(!valid_rule_id("Countries"));
        assert!(!valid_rule_id("a--b"));
        assert!(!valid_rule_id("a_b"));
        assert!(!valid_rule_id("-a"));
        assert_eq!(kebab("Countries_Add__Up"), "countries-add-up");
        assert_eq!(kebab("CountriesAddUp"), "countries-add-up");
        assert_eq!(kebab("2x"), "rule-2x");
    }
}
