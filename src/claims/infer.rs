//! Document-level inference: the document's date, resolving dates against it, and subjects
//! carried from one sentence to the next ("1,027 individuals were arrested. Five were arrested
//! in Malta.").

use std::collections::BTreeSet;

use crate::calendar::PartialDate;

use super::dates::{DateKind, DateMatch, shift};
use super::lexicon::CalendarUnit;
use super::model::{Claim, DateClaim, Period, Quantity, Span};
use super::text::Text;

fn quantity(claims: &[Claim], index: usize) -> Option<&Quantity> {
    match claims.get(index) {
        Some(Claim::Quantity(q)) => Some(q),
        _ => None,
    }
}

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
    let mut evidence = DateEvidence::default();
    evidence.add(text, found);
    evidence.date()
}

/// What the dates of a document say about its date, gathered a stretch of text at a time
/// (a long document is extracted in chunks) and decided at the end by [`DateEvidence::date`].
#[derive(Default)]
pub struct DateEvidence {
    full: BTreeSet<PartialDate>,
    years: BTreeSet<i32>,
    anchored: bool,
    relative_years: bool,
}

impl DateEvidence {
    /// Adds the dates `found` in `text`.
    pub fn add(&mut self, text: &Text, found: &[(Span, DateMatch)]) {
        for (_, m) in found {
            let parts: &[_] = match &m.kind {
                DateKind::Date(p) => &[*p],
                DateKind::Period(a, b) => &[*a, *b],
                DateKind::Relative(entry) => {
                    self.relative_years |= entry.unit == CalendarUnit::Year;
                    &[]
                }
                DateKind::Ago(_, unit) => {
                    self.relative_years |= *unit == CalendarUnit::Year;
                    &[]
                }
                _ => &[],
            };
            for p in parts {
                let Some(year) = p.year else { continue };
                if let (Some(month), Some(day)) = (p.month, p.day) {
                    self.full.extend(PartialDate::day(year, month, day));
                }
                self.years.insert(year);
                self.anchored |= m.first > 0 && text.is_any(m.first - 1, ANCHORED_YEAR_CUES);
            }
        }
    }

    /// The document's date, as [`document_date`] describes.
    pub fn date(&self) -> Option<PartialDate> {
        let latest_year = self.years.last().copied();
        let only_full = self.full.first().copied().filter(|_| self.full.len() == 1);
        let only_year = self
            .years
            .first()
            .copied()
            .filter(|_| self.years.len() == 1);
        match (only_full, self.full.is_empty(), only_year) {
            (Some(full), _, _) if Some(full.year) == latest_year => Some(full),
            (_, true, Some(year)) if !self.anchored && !self.relative_years => {
                Some(PartialDate::year(year))
            }
            _ => None,
        }
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
pub fn carry_subjects(claims: &mut [Claim], figures: &[(usize, usize)]) {
    for k in 1..figures.len() {
        let (sentence, index) = figures[k];
        let Some(q) = quantity(claims, index) else {
            continue;
        };
        if q.subject.is_some() || q.predicate.is_none() {
            continue;
        }
        let subject = figures[..k]
            .iter()
            .rev()
            .take_while(|(s, _)| sentence - s <= CARRY_SENTENCES)
            .filter_map(|&(_, earlier)| quantity(claims, earlier))
            .find(|earlier| earlier.predicate == q.predicate && earlier.subject.is_some())
            .map(|earlier| (earlier.subject.clone(), earlier.frame.thing.clone()));
        if let (Some((subject, thing)), Some(Claim::Quantity(q))) = (subject, claims.get_mut(index))
        {
            q.subject = subject;
            // The figure counts what the earlier one counted: its thing too.
            if q.frame.thing.is_none() {
                q.frame.thing = thing;
            }
        }
    }
}
