//! Document-level inference: the document's date, resolving dates against it, and subjects
//! carried from one sentence to the next ("1,027 individuals were arrested. Five were arrested
//! in Malta.").

use crate::calendar::PartialDate;

use super::dates::{DateKind, DateMatch, shift};
use super::model::{Claim, DateClaim, Period, Quantity, Span};
use super::text::Text;

/// How many sentences back a bare figure looks for the subject of the same verb.
const CARRY_SENTENCES: usize = 3;

/// The document's date when the text makes it unambiguous: the one full date it states, or
/// else the one year it mentions.
pub fn document_date(found: &[(Span, DateMatch)]) -> Option<PartialDate> {
    let mut full = Vec::new();
    let mut years = Vec::new();
    for (_, m) in found {
        let parts: &[_] = match &m.kind {
            DateKind::Date(p) => &[*p],
            DateKind::Period(a, b) => &[*a, *b],
            _ => &[],
        };
        for p in parts {
            if let Some(year) = p.year {
                if let (Some(month), Some(day)) = (p.month, p.day) {
                    full.extend(PartialDate::day(year, month, day));
                }
                years.push(year);
            }
        }
    }
    full.sort();
    full.dedup();
    years.sort();
    years.dedup();
    // A report is not older than the latest year it names: an article that mentions
    // "11 September 2001" and 2005 was not written on 11 September 2001.
    let latest_year = years.last().copied();
    match (full.as_slice(), years.as_slice()) {
        ([one], _) if Some(one.year) == latest_year => Some(*one),
        ([_], _) => None,
        ([], [year]) => Some(PartialDate::year(*year)),
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
            .and_then(|(_, earlier)| earlier.subject.clone());
        measured[k].1.subject = subject;
    }
}
