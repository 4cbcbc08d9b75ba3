//! Literals: strings and texts, dates, numbers with their units, patterns.

use nom::Parser as _;
use nom::bytes::complete::take_while;
use nom::character::complete::{char, satisfy};
use nom::combinator::{opt, recognize};
use nom::sequence::pair;

use super::lex::is_reserved;
use super::{PError, PResult, Parser, fail, miss};
use crate::calendar::PartialDate;
use crate::rules::ast::{DateLit, NumberLit, Span, StrLit, Text};
use crate::rules::errors::{Problem, source_span};
use crate::rules::suggest;
use crate::rules::units::units;

fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

impl<'a> Parser<'a> {
    /// A string literal on one line: `"..."` with the escapes `\" \\ \n \t`.
    pub(crate) fn string(&self, i: &'a str) -> PResult<'a, StrLit> {
        let Some(mut rest) = i.strip_prefix('"') else {
            return miss(PError::expected(i, "a string"));
        };
        let mut value = String::new();
        loop {
            let plain = rest.find(['"', '\\', '\n']).unwrap_or(rest.len());
            value.push_str(&rest[..plain]);
            rest = &rest[plain..];
            match rest.chars().next() {
                Some('"') => {
                    let rest = &rest[1..];
                    return Ok((
                        rest,
                        StrLit {
                            value,
                            span: self.span(i, rest),
                        },
                    ));
                }
                Some('\\') => {
                    let (after, escaped) = self.escape(rest)?;
                    value.push(escaped);
                    rest = after;
                }
                _ => return fail(self.unterminated(i, "string")),
            }
        }
    }

    /// An escape sequence at `\`.
    pub(crate) fn escape(&self, i: &'a str) -> PResult<'a, char> {
        let mut chars = i.chars();
        chars.next();
        let c = chars.next();
        let escaped = match c {
            Some('"') => '"',
            Some('\\') => '\\',
            Some('n') => '\n',
            Some('t') => '\t',
            _ => {
                let len = 1 + c.map_or(0, char::len_utf8);
                let start = self.offset(i);
                return fail(PError::problem(
                    i,
                    Problem::BadEscape {
                        escape: i[..len].to_string(),
                        span: source_span(Span::new(start, start + len)),
                    },
                ));
            }
        };
        Ok((chars.as_str(), escaped))
    }

    /// An unclosed string or pattern, underlined from its start to the end of its line.
    pub(crate) fn unterminated(&self, start: &'a str, what: &'static str) -> PError<'a> {
        let line = start.find('\n').unwrap_or(start.len());
        let line = start[..line].trim_end().len().max(1);
        let from = self.offset(start);
        let help = match what {
            "string" => {
                "close it with `\"` on the same line; a long text can be written as several strings, one per line"
            }
            "pattern" => {
                "close it with `/` on the same line; a `/` inside the pattern is written `\\/`"
            }
            _ => "close it on the same line",
        };
        PError::problem(
            start,
            Problem::Unterminated {
                what,
                span: source_span(Span::new(from, from + line)),
                help: help.to_string(),
            },
        )
    }

    /// One string or several adjacent ones (on following lines): one text.
    pub(crate) fn text(&self, i: &'a str) -> PResult<'a, Text> {
        let (mut rest, first) = self.string(i)?;
        let mut pieces = vec![first];
        loop {
            let j = self.ws(rest);
            if !j.starts_with('"') {
                return Ok((rest, Text { pieces }));
            }
            let (after, piece) = self.string(j)?;
            pieces.push(piece);
            rest = after;
        }
    }

    /// `YYYY-MM-DD` or `YYYY-MM`.
    pub(crate) fn date_lit(&self, i: &'a str) -> PResult<'a, DateLit> {
        let b = i.as_bytes();
        let digits = |from: usize, n: usize| {
            b.len() >= from + n && b[from..from + n].iter().all(u8::is_ascii_digit)
        };
        if !(digits(0, 4) && b.get(4) == Some(&b'-') && digits(5, 2)) {
            return miss(PError::expected(i, "a date"));
        }
        let len = if b.get(7) == Some(&b'-') && digits(8, 2) {
            10
        } else {
            7
        };
        let after = &i[len..];
        let decimal =
            after.starts_with('.') && after[1..].starts_with(|c: char| c.is_ascii_digit());
        if decimal || after.starts_with(|c: char| is_word_char(c) || c == '-') {
            return miss(PError::expected(i, "a date"));
        }
        let text = &i[..len];
        let span = self.span(i, &i[len..]);
        let number = |r: std::ops::Range<usize>| text[r].parse::<u8>().unwrap_or(0);
        let year = text[..4].parse::<i32>().unwrap_or(0);
        let date = if len == 10 {
            PartialDate::day(year, number(5..7), number(8..10))
        } else {
            PartialDate::month(year, number(5..7))
        };
        match date {
            Some(date) => Ok((&i[len..], DateLit { date, span })),
            None => fail(PError::problem(
                i,
                Problem::BadDate {
                    text: text.to_string(),
                    span: source_span(span),
                },
            )),
        }
    }

    /// A number with an optional currency before it, and scale and unit after it on the same
    /// line: `1_027`, `1.3 t`, `2 bn EUR`, `€2.5bn`, `12%`.
    pub(crate) fn number(&self, i: &'a str) -> PResult<'a, NumberLit> {
        let table = units();
        let prefix_len = table.match_prefix(i).unwrap_or(0);
        let after_prefix = &i[prefix_len..];
        let digits = |s: &'a str| -> PResult<'a, &'a str> {
            recognize(pair(
                satisfy(|c: char| c.is_ascii_digit()),
                take_while(|c: char| c.is_ascii_digit() || c == '_'),
            ))
            .parse(s)
        };
        let (rest, number) = recognize(pair(digits, opt(pair(char('.'), digits))))
            .parse(after_prefix)
            .or_else(|_: nom::Err<PError<'a>>| miss(PError::expected(i, "a number")))?;
        let prefix = (prefix_len > 0).then(|| self.ident_at(i, after_prefix));
        let mut end = rest;
        let mut next = self.spaces(rest);
        let scale = table.match_scale(next).map(|len| {
            end = &next[len..];
            let scale = self.ident_at(next, end);
            next = self.spaces(end);
            scale
        });
        let unit = match table.match_unit(next) {
            Some(len) if prefix.is_none() => {
                end = &next[len..];
                Some(self.ident_at(next, end))
            }
            _ => None,
        };
        if unit.is_none() {
            self.no_stray_unit(next)?;
        }
        Ok((
            end,
            NumberLit {
                digits: number.to_string(),
                prefix,
                scale,
                unit,
            },
        ))
    }

    /// After a figure, a word on the same line that is not a keyword was meant as a unit.
    fn no_stray_unit(&self, next: &'a str) -> PResult<'a, ()> {
        let Ok((after, w)) = self.word(next) else {
            return Ok((next, ()));
        };
        if is_reserved(w) {
            return Ok((next, ()));
        }
        let help = suggest::did_you_mean(w, units().spellings(), || {
            "units are written as in the lexicon (rules/lexicon/units.toml, currencies.toml): `t`, `tonnes`, `kg`, `%`, `EUR`, `euros`".to_string()
        });
        fail(PError::problem(
            next,
            Problem::UnknownWord {
                what: "unit",
                word: w.to_string(),
                span: source_span(self.span(next, after)),
                help,
            },
        ))
    }

    /// A pattern: `/heroin|cocaine/` or `/heroin/i`.
    pub(crate) fn regex(&self, i: &'a str) -> PResult<'a, (String, bool)> {
        let Some(mut rest) = i.strip_prefix('/') else {
            return miss(PError::expected(i, "a pattern"));
        };
        let mut pattern = String::new();
        loop {
            let plain = rest.find(['/', '\\', '\n']).unwrap_or(rest.len());
            pattern.push_str(&rest[..plain]);
            rest = &rest[plain..];
            match rest.chars().next() {
                Some('/') => break,
                // `\/` is a slash; any other escape belongs to the pattern.
                Some('\\') if rest[1..].starts_with('/') => {
                    pattern.push('/');
                    rest = &rest[2..];
                }
                Some('\\') if rest.len() > 1 && !rest[1..].starts_with('\n') => {
                    let c = rest[1..].chars().next().map_or(1, char::len_utf8);
                    pattern.push_str(&rest[..1 + c]);
                    rest = &rest[1 + c..];
                }
                _ => return fail(self.unterminated(i, "pattern")),
            }
        }
        let rest = &rest[1..];
        match rest.strip_prefix('i') {
            Some(after) if !after.starts_with(is_word_char) => Ok((after, (pattern, true))),
            _ => Ok((rest, (pattern, false))),
        }
    }
}
