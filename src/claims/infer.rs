//! Document-level inference: the document's date, resolving dates against it, and subjects
//! carried from one sentence to the next ("1,027 individuals were arrested. Five were arrested
//! in Malta.").

use crate::calendar::PartialDate;

use super::dates::{DateKind, DateMatch, shift};
use super::lexicon::CalendarUnit;
use super::model::{Claim, DateClaim, Period, Quantity, Span};
use super::text::Text;

/// How many sentences back a bare figure looks for the subject of the same verb.
const CARRY_SENTENCES: usize = 3;

/// Words before a year that place it in the past or the future of the writing ("since
/// 1997", "in 2003", "by 2010"), so that it cannot be taken for the year of writing.
const ANCHORED_YEAR_CUES: &[&str] = &[
    "since", "until", "till", "before", "after", "by", "from", "between", "in", "during", "of",
    "to", "through",
];

/// The document's date when the text makes it unambiguous, and never a guess:
/// - the one full date it states, when no later year is mentioned ("11 September 2001" in an
///   article that also names 2005 is no date of writing);
/// - else the one year it mentions, when nothing anchors that year elsewhere in time ("since
///   1997", "in 2003") and no relative year ("last year") says the writing is in another.
pub fn document_date(text: &Text, found: &[(Span, DateMatch)]) -> Option<PartialDate> {
    let mut full = Vec::new();
    let mut years = Vec::new();
    let mut anchored = false;
    let mut relative_years = false;
    for (_, m) in found {
        let parts: &[_] = match &m.kind {
            DateKind::Date(p) => &[*p],
            DateKind::Period(a, b) => &[*a, *b],
            DateKind::Relative(entry) => {
                relative_years |= entry.unit == CalendarUnit::Year;
                &[]
            }
            DateKind::Ago(_, unit) => {
                relative_years |= *unit == CalendarUnit::Year;
                &[]
            }
            _ => &[],
        };
        for p in parts {
            let Some(year) = p.year else { continue };
            if let (Some(month), Some(day)) = (p.month, p.day) {
                full.extend(PartialDate::day(year, month, day));
            }
            years.push(year);
            anchored |= m.first > 0 && text.is_any(m.first - 1, ANCHORED_YEAR_CUES);
        }
    }
    full.sort();
    full.dedup();
    years.sort();
    years.dedup();
    let latest_year = years.last().copied();
    match (full.as_slice(), years.as_slice()) {
        ([one], _) if Some(one.year) == latest_year => Some(*one),
        ([], [year]) if !anchored && !relative_years => Some(PartialDate::year(*year)),
        _ => None,
    }
}

/// Date and period claims, resolved against the document date.
pub fn date_claims(
    text: &Text,
    found: &[(Span, DateMatch)],
    date: Option<PartialDate>,
    original: &str,
) -> Vec<Claim> {
    found
        .iter()
        .map(|(sentence, m)| {
            let (start, end) = text.span(m.first, m.end);
            let written = original[start..end].to_string();
            let date_claim = |value: Option<PartialDate>, relative: bool| {
                Claim::Date(DateClaim {
                    start,
                    end,
                    text: written.clone(),
                    value,
                    relative,
                    sentence: *sentence,
                })
            };
            let period = |from: Option<PartialDate>, until: Option<PartialDate>| {
                Claim::Period(Period {
                    start,
                    end,
                    text: written.clone(),
                    from,
                    until,
                    sentence: *sentence,
                })
            };
            match m.kind {
                DateKind::Date(parts) => {
                    let (value, relative) = parts.resolve(date);
                    date_claim(value, relative)
                }
                DateKind::Period(a, b) => period(a.resolve(date).0, b.resolve(date).0),
                DateKind::Relative(entry) => {
                    match date.and_then(|d| shift(d, entry.unit, entry.offset)) {
                        Some((from, Some(until))) => period(Some(from), Some(until)),
                        Some((day, None)) => date_claim(Some(day), true),
                        // A week is a stretch of days, known or not.
                        None if entry.unit == CalendarUnit::Week => period(None, None),
                        None => date_claim(None, true),
                    }
                }
                DateKind::Ago(amount, unit) => date_claim(
                    date.and_then(|d| shift(d, unit, -amount)).map(|(d, _)| d),
                    true,
                ),
                DateKind::Weekday(weekday) => {
                    date_claim(date.and_then(|d| last_weekday(d, weekday)), true)
                }
                DateKind::MonthRelative(month, direction) => {
                    date_claim(date.and_then(|d| month_relative(d, month, direction)), true)
                }
            }
        })
        .collect()
}

/// The latest `weekday` on or before a full document date: news reports what happened.
fn last_weekday(document: PartialDate, weekday: u8) -> Option<PartialDate> {
    let today = document.weekday()?;
    let back = (i64::from(today) - i64::from(weekday)).rem_euclid(7);
    Some(PartialDate::from_days(document.first_day() - back))
}

/// "last November": the latest November before the document's month; "next March": the first
/// March after it.
fn month_relative(document: PartialDate, month: u8, direction: i8) -> Option<PartialDate> {
    let current = document.month?;
    let year = match direction {
        d if d < 0 && month < current => document.year,
        d if d < 0 => document.year - 1,
        _ if month > current => document.year,
        _ => document.year + 1,
    };
    PartialDate::month(year, month)
}

/// A figure with a verb but no noun ("Five were arrested in Malta") counts what an earlier
/// figure with the same verb counted, a few sentences back at most.
pub fn carry_subjects(measured: &mut [(usize, Quantity)]) {
    for k in 1..measured.len() {
        let (sentence, q) = &measured[k];
        if q.subject.is_some() || q.predicate.is_none() {
            continue;
        }
        let subject = measured[..k]
            .iter()
            .rev()
            .take_while(|(s, _)| sentence - s <= CARRY_SENTENCES)
            .find(|(_, earlier)| earlier.predicate == q.predicate && earlier.subject.is_some())
            .map(|(_, earlier)| (earlier.subject.clone(), earlier.frame.thing.clone()));
        if let Some((subject, thing)) = subject {
            let q = &mut measured[k].1;
            q.subject = subject;
            // The figure counts what the earlier one counted: its thing too.
            if q.frame.thing.is_none() {
                q.frame.thing = thing;
            }
        }
    }
}
