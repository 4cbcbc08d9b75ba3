//! Dates and periods: "15 September 2014", "September 15", "2014", "between September 15 and
//! 23", "2004-05", "the 1990s", "last week", "three years ago", "on Monday".
//!
//! Finding is separate from resolving: a date without a year, or a relative one, is resolved
//! against the document date once that is known.

use crate::calendar::PartialDate;

use super::lexicon::{CalendarUnit, RelativeEntry, flags};
use super::numbers::parse_digits;
use super::text::Text;
use super::tokens::{Gap, TokenKind};

/// The parts of a date the text states.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DateParts {
    pub year: Option<i32>,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

impl DateParts {
    /// The date, taking a missing year from `document` when there is one.
    pub fn resolve(&self, document: Option<PartialDate>) -> (Option<PartialDate>, bool) {
        let (year, relative) = match (self.year, document) {
            (Some(y), _) => (y, false),
            (None, Some(d)) => (d.year, true),
            (None, None) => return (None, true),
        };
        let date = match (self.month, self.day) {
            (Some(m), Some(d)) => PartialDate::day(year, m, d),
            (Some(m), None) => PartialDate::month(year, m),
            _ => Some(PartialDate::year(year)),
        };
        (date, relative)
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum DateKind {
    Date(DateParts),
    Period(DateParts, DateParts),
    /// "last week", "yesterday".
    Relative(RelativeEntry),
    /// "on Monday": Monday = 0.
    Weekday(u8),
    /// "three years ago".
    Ago(i32, CalendarUnit),
    /// "last November" (-1), "next March" (+1).
    MonthRelative(u8, i8),
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DateMatch {
    pub first: usize,
    pub end: usize,
    pub kind: DateKind,
}

const EARLIEST_YEAR: f64 = 1000.0;
const LATEST_YEAR: f64 = 2100.0;
/// Below this, a bare four-digit figure is a year only after a word like "in" or "since".
const PLAIN_YEAR_FROM: f64 = 1900.0;
/// Words after which a bare four-digit figure is a year.
const YEAR_CUES: &[&str] = &[
    "in", "since", "by", "until", "till", "from", "of", "during", "before", "after", "year",
    "early", "late", "mid", "the", "between", "and", "to", "through", "around",
];
/// Words after which a capitalised month name on its own is a month ("in May", not "May I").
const MONTH_CUES: &[&str] = &[
    "in", "since", "by", "until", "till", "from", "of", "during", "before", "after", "early",
    "late", "mid", "last", "next", "this", "between", "through", "to", "end", "since", "on",
];

/// A date or period starting at token `i`.
pub fn date_at(text: &Text, i: usize) -> Option<DateMatch> {
    match text.kind(i)? {
        TokenKind::Number => number_date_at(text, i),
        TokenKind::Word => word_date_at(text, i),
        TokenKind::Symbol => None,
    }
}

/// Dates that start with a figure: "15 September", "2014", "2004-05", "the 1990s", "three
/// years ago" (in digits).
fn number_date_at(text: &Text, i: usize) -> Option<DateMatch> {
    if let Some(a) = ago_at(text, i) {
        return Some(a);
    }
    simple_date(text, i).or_else(|| decade_at(text, i))
}

/// Dates that start with a word. Each pattern is tried only when the word can begin it, since
/// "the" and "a" begin relative dates ("the day after tomorrow", "a week ago") and are the
/// commonest words of all.
fn word_date_at(text: &Text, i: usize) -> Option<DateMatch> {
    if text.has(i, flags::DATE) {
        if let Some(m) = text.lex.dates.relative.longest_at(text, i) {
            return Some(DateMatch {
                first: i,
                end: i + m.len,
                kind: DateKind::Relative(*m.value),
            });
        }
        if let Some(p) = period_at(text, i) {
            return Some(p);
        }
        if let Some(m) = relative_month_at(text, i) {
            return Some(m);
        }
    }
    if text.has(i, flags::NUMBER) {
        if let Some(a) = ago_at(text, i) {
            return Some(a);
        }
    }
    // Months and weekdays are capitalised date starters; other capitalised starters ("The",
    // "Last") begin none of the dates below.
    if !text.has(i, flags::CAPITAL) || !text.has(i, flags::DATE) {
        return None;
    }
    let dates = &text.lex.dates;
    let word = text.lower(i);
    if !dates.months.contains_key(word) && !dates.weekdays.contains_key(word) {
        return None;
    }
    if let Some(d) = simple_date(text, i) {
        return Some(d);
    }
    let weekday = *text.lex.dates.weekdays.get(text.lower(i))?;
    Some(DateMatch {
        first: i,
        end: i + 1,
        kind: DateKind::Weekday(weekday),
    })
}

/// A date, or a period written with a dash after it ("2004-05", "September 15-23").
fn simple_date(text: &Text, i: usize) -> Option<DateMatch> {
    let (end, parts) = simple_at(text, i)?;
    dash_period(text, i, end, parts).or(Some(DateMatch {
        first: i,
        end,
        kind: DateKind::Date(parts),
    }))
}

fn month_at(text: &Text, i: usize) -> Option<u8> {
    // Months are date starters: the token's flags say no for almost every token.
    if !text.has(i, flags::DATE) || !text.capitalized(i) {
        return None;
    }
    let month = *text.lex.dates.months.get(text.lower(i))?;
    // "Sept." and "Jan.": the abbreviation's full stop belongs to the month.
    Some(month)
}

/// One past a month name, with the full stop of an abbreviation ("Sept.", not "May.").
fn month_end(text: &Text, i: usize) -> usize {
    let abbreviated = !text.lex.dates.full_months.contains(text.lower(i));
    if abbreviated && text.is_symbol(i + 1, &["."]) && text.glued(i + 1) {
        i + 2
    } else {
        i + 1
    }
}

fn day_at(text: &Text, i: usize) -> Option<(u8, usize)> {
    let s = text.str(i);
    if !text.is_number(i) || s.len() > 2 || s.contains('.') {
        return None;
    }
    let day: u8 = s.parse().ok().filter(|d| (1..=31).contains(d))?;
    let suffix = text.is_word(i + 1)
        && text.glued(i + 1)
        && text
            .lex
            .numbers
            .ordinal_suffixes
            .contains(text.lower(i + 1));
    Some((day, if suffix { i + 2 } else { i + 1 }))
}

fn year_at(text: &Text, i: usize) -> Option<i32> {
    let s = text.str(i);
    if !text.is_number(i) || s.len() != 4 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (value, _) = parse_digits(s)?;
    (EARLIEST_YEAR..=LATEST_YEAR)
        .contains(&value)
        .then_some(value as i32)
}

/// "15 September 2014", "September 15, 2014", "September 2014", "2014", "in May".
fn simple_at(text: &Text, i: usize) -> Option<(usize, DateParts)> {
    let mut start = i;
    // "Monday, 15 September": the weekday is part of the date.
    if text.has(i, flags::DATE)
        && text.lex.dates.weekdays.contains_key(text.lower(i))
        && text.capitalized(i)
    {
        start = if text.is_symbol(i + 1, &[","]) {
            i + 2
        } else {
            i + 1
        };
        return full_date_at(text, start).filter(|(_, p)| p.day.is_some());
    }
    full_date_at(text, start)
        .or_else(|| bare_year_at(text, i))
        .or_else(|| bare_month_at(text, i))
}

fn full_date_at(text: &Text, i: usize) -> Option<(usize, DateParts)> {
    // 15 September [2014], 15th of September
    if let Some((day, after)) = day_at(text, i) {
        let of = usize::from(text.is(after, "of"));
        let month = month_at(text, after + of)?;
        let end = month_end(text, after + of);
        return Some(with_year(
            text,
            end,
            DateParts {
                year: None,
                month: Some(month),
                day: Some(day),
            },
        ));
    }
    let month = month_at(text, i)?;
    let after = month_end(text, i);
    // September 15[, 2014]
    if let Some((day, end)) = day_at(text, after).filter(|_| text.gap(after) <= Gap::Space) {
        if year_at(text, after).is_none() {
            return Some(with_year(
                text,
                end,
                DateParts {
                    year: None,
                    month: Some(month),
                    day: Some(day),
                },
            ));
        }
    }
    // September 2014
    let year = year_at(text, after).filter(|_| text.gap(after) <= Gap::Space)?;
    Some((
        after + 1,
        DateParts {
            year: Some(year),
            month: Some(month),
            day: None,
        },
    ))
}

fn with_year(text: &Text, end: usize, parts: DateParts) -> (usize, DateParts) {
    let at = if text.is_symbol(end, &[","]) {
        end + 1
    } else {
        end
    };
    match year_at(text, at).filter(|_| text.gap(at) <= Gap::Space) {
        Some(year) => (
            at + 1,
            DateParts {
                year: Some(year),
                ..parts
            },
        ),
        None => (end, parts),
    }
}

/// A four-digit figure that reads as a year: not a count ("2,014"), an amount ("£2000"), a
/// measure ("1500 km") or hedged ("about 1500").
fn bare_year_at(text: &Text, i: usize) -> Option<(usize, DateParts)> {
    let year = year_at(text, i)?;
    let cued = i > 0 && text.is_any(i - 1, YEAR_CUES);
    if f64::from(year) < PLAIN_YEAR_FROM && !cued {
        return None;
    }
    let next = i + 1;
    let glued_word = text.is_word(next) && text.glued(next);
    let measured = text.gap(next) <= Gap::Space
        && (text.is_symbol(next, &["%"])
            || text.lex.units.by_name.longest_at(text, next).is_some()
            || text.lex.currencies.names.longest_at(text, next).is_some()
            || text.lex.numbers.scales.contains_key(text.lower(next)));
    let money = i > 0
        && text
            .lex
            .currencies
            .symbols
            .get_word(text.str(i - 1))
            .is_some()
        && text.gap(i) <= Gap::Space;
    let hedged = i > 0
        && text
            .lex
            .approximations
            .longest_ending_at(text, i, 3)
            .is_some()
        && !cued;
    (!(glued_word || measured || money || hedged)).then_some((
        next,
        DateParts {
            year: Some(year),
            month: None,
            day: None,
        },
    ))
}

/// "last November", "next March": a month relative to the document's.
fn relative_month_at(text: &Text, i: usize) -> Option<DateMatch> {
    let direction = match text.lower(i) {
        "last" => -1,
        "next" => 1,
        _ => return None,
    };
    let month = month_at(text, i + 1)?;
    Some(DateMatch {
        first: i,
        end: month_end(text, i + 1),
        kind: DateKind::MonthRelative(month, direction),
    })
}

fn bare_month_at(text: &Text, i: usize) -> Option<(usize, DateParts)> {
    let month = month_at(text, i)?;
    let cued = i > 0 && text.is_any(i - 1, MONTH_CUES);
    cued.then_some((
        month_end(text, i),
        DateParts {
            year: None,
            month: Some(month),
            day: None,
        },
    ))
}

/// "between September 15 and 23", "from 2004 to 2006", "between 15 and 23 September".
fn period_at(text: &Text, i: usize) -> Option<DateMatch> {
    let joiners: &[&str] = if text.is(i, "between") {
        &["and"]
    } else if text.is(i, "from") {
        &["to", "until", "till", "through"]
    } else {
        return None;
    };
    // "between 15 and 23 September": the first day borrows the month of the second.
    if let Some((day, after)) = day_at(text, i + 1) {
        if text.is_any(after, joiners) {
            if let Some((end, second)) =
                full_date_at(text, after + 1).filter(|(_, p)| p.day.is_some())
            {
                let first = DateParts {
                    day: Some(day),
                    ..second
                };
                return Some(DateMatch {
                    first: i,
                    end,
                    kind: DateKind::Period(first, second),
                });
            }
        }
    }
    let (after, first) = full_date_at(text, i + 1).or_else(|| bare_year_at(text, i + 1))?;
    if !text.is_any(after, joiners) {
        return None;
    }
    let (end, second) =
        match full_date_at(text, after + 1).or_else(|| bare_year_at(text, after + 1)) {
            Some(found) => found,
            // "between September 15 and 23": the second day borrows month and year.
            None if first.day.is_some() => {
                let (day, end) = day_at(text, after + 1)?;
                (
                    end,
                    DateParts {
                        day: Some(day),
                        ..first
                    },
                )
            }
            None => return None,
        };
    let first = DateParts {
        year: first.year.or(second.year),
        ..first
    };
    let second = DateParts {
        year: second.year.or(first.year),
        ..second
    };
    Some(DateMatch {
        first: i,
        end,
        kind: DateKind::Period(first, second),
    })
}

/// A dash after a date: "2004-05", "2004-2005", "September 15-23", "15-23 September".
fn dash_period(text: &Text, first: usize, end: usize, parts: DateParts) -> Option<DateMatch> {
    if !text.is_symbol(end, &["-", "–"]) || text.gap(end + 1) > Gap::Space {
        return None;
    }
    let next = end + 1;
    if parts.month.is_none() {
        let year = parts.year?;
        let s = text.str(next);
        let second = match s.len() {
            2 if text.is_number(next) => (year / 100) * 100 + s.parse::<i32>().ok()?,
            4 => year_at(text, next)?,
            _ => return None,
        };
        if second <= year {
            return None;
        }
        let until = DateParts {
            year: Some(second),
            ..Default::default()
        };
        return Some(DateMatch {
            first,
            end: next + 1,
            kind: DateKind::Period(parts, until),
        });
    }
    let (day, after) = day_at(text, next)?;
    (parts.day.is_some_and(|d| d < day)).then(|| {
        let until = DateParts {
            day: Some(day),
            ..parts
        };
        let (end, until) = with_year(text, after, until);
        let from = DateParts {
            year: until.year,
            ..parts
        };
        DateMatch {
            first,
            end,
            kind: DateKind::Period(from, until),
        }
    })
}

/// "the 1990s": a decade, as a period of ten years.
fn decade_at(text: &Text, i: usize) -> Option<DateMatch> {
    let year = year_at(text, i)?;
    if year % 10 != 0 || !text.is(i + 1, "s") || !text.glued(i + 1) {
        return None;
    }
    let from = DateParts {
        year: Some(year),
        ..Default::default()
    };
    let until = DateParts {
        year: Some(year + 9),
        ..Default::default()
    };
    Some(DateMatch {
        first: i,
        end: i + 2,
        kind: DateKind::Period(from, until),
    })
}

/// "three years ago", "10 days ago".
fn ago_at(text: &Text, i: usize) -> Option<DateMatch> {
    // Tried on every figure: the rare "ago" first.
    if !text.is(i + 2, "ago") {
        return None;
    }
    let amount = if text.is_number(i) {
        parse_digits(text.str(i)).map(|(v, _)| v)?
    } else {
        *text.lex.numbers.cardinals.get(text.lower(i))?
    };
    let unit = match text.lower(i + 1) {
        "day" | "days" => CalendarUnit::Day,
        "week" | "weeks" => CalendarUnit::Week,
        "month" | "months" => CalendarUnit::Month,
        "year" | "years" => CalendarUnit::Year,
        _ => return None,
    };
    (amount.fract() == 0.0 && amount < 10_000.0).then_some(DateMatch {
        first: i,
        end: i + 3,
        kind: DateKind::Ago(amount as i32, unit),
    })
}

/// A date `offset` calendar units from `document`, at the granularity of the unit.
pub fn shift(
    document: PartialDate,
    unit: CalendarUnit,
    offset: i32,
) -> Option<(PartialDate, Option<PartialDate>)> {
    match unit {
        CalendarUnit::Day => {
            document.day?;
            Some((
                PartialDate::from_days(document.first_day() + i64::from(offset)),
                None,
            ))
        }
        CalendarUnit::Week => {
            document.day?;
            let monday =
                document.first_day() - i64::from(document.weekday()?) + 7 * i64::from(offset);
            Some((
                PartialDate::from_days(monday),
                Some(PartialDate::from_days(monday + 6)),
            ))
        }
        CalendarUnit::Month => {
            let month = i32::from(document.month?) - 1 + offset;
            let year = document.year + month.div_euclid(12);
            Some((
                PartialDate::month(year, (month.rem_euclid(12) + 1) as u8)?,
                None,
            ))
        }
        CalendarUnit::Year => Some((PartialDate::year(document.year + offset), None)),
    }
}
