//! Times: when a figure holds. Dates and periods found by the date step, fiscal years
//! ("fiscal 2019", "FY2019"), quarters ("the third quarter of 2019", "Q3") and relative times
//! ("a year earlier").

use std::ops::Range;

use crate::calendar::PartialDate;
use crate::claims::model::Claim;
use crate::claims::sentences::BULLETS;
use crate::claims::text::Text;
use crate::claims::tokens::Gap;

/// A time named in a sentence: tokens `first..end` and its label ("2019", "FY2019").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeMention {
    pub first: usize,
    pub end: usize,
    pub label: String,
}

/// Most tokens between a quarter and its year: "the third quarter of 2019".
const QUARTER_YEAR_GAP: usize = 3;

/// The times of the tokens `range`: `dates` are the date step's finds (token range and claim)
/// in that range, in order.
pub fn time_mentions(
    text: &Text,
    range: Range<usize>,
    dates: &[(Range<usize>, &Claim)],
) -> Vec<TimeMention> {
    let frames = &text.lex.frames;
    let mut found: Vec<TimeMention> = Vec::new();
    for (tokens, claim) in dates {
        // A date the document's date does not resolve ("on Thursday") is known by its words.
        let mut label = date_label(claim).unwrap_or_else(|| claim.text().to_lowercase());
        let mut first = tokens.start;
        // "fiscal 2019", "fiscal year 2019", "financial year 2019", "FY 2019".
        let mut k = first;
        if k > range.start && text.is(k - 1, "year") {
            k -= 1;
        }
        if k > range.start && frames.fiscal_words.contains(text.lower(k - 1)) && is_year(&label) {
            label = format!("FY{label}");
            first = k - 1;
        }
        // "fiscal 2019 and 2018": a year coordinated right after a fiscal year is one too.
        let coordinated = first > range.start + 1
            && text.is_any(first - 1, &["and", "or"])
            && found
                .last()
                .is_some_and(|t| t.end + 1 == first && t.label.starts_with("FY"));
        if coordinated && is_year(&label) {
            label = format!("FY{label}");
        }
        // "the year ended December 31, 2019", "the three months ending June 30".
        if first >= range.start + 2
            && frames.period_ended.contains(text.lower(first - 1))
            && frames.period_nouns.contains(text.lower(first - 2))
        {
            first -= 2;
            while first > range.start
                && (text.is_number(first - 1)
                    || frames.fiscal_words.contains(text.lower(first - 1))
                    || text.is_any(first - 1, &["the"]))
            {
                first -= 1;
            }
        }
        found.push(TimeMention {
            first,
            end: tokens.end,
            label,
        });
    }
    if let Some(event) = event_time(text, range.clone()) {
        found.push(event);
    }
    let mut j = range.start;
    while j < range.end {
        if let Some(m) = word_time(text, j, &found) {
            j = m.end;
            found.push(m);
        } else if let Some(phrase) = frames.relative_times.longest_at(text, j) {
            let covered = found.iter().any(|t| t.first <= j && j < t.end);
            if !covered {
                found.push(TimeMention {
                    first: j,
                    end: j + phrase.len,
                    label: phrase.value.clone(),
                });
            }
            j += phrase.len;
        } else {
            j += 1;
        }
    }
    found.sort_by_key(|t| t.first);
    // A quarter and its year are one time: "the third quarter of 2019" is 2019-Q3.
    let mut merged: Vec<TimeMention> = Vec::with_capacity(found.len());
    for t in found {
        if let Some(last) = merged.last_mut() {
            let quarter = last.label.starts_with('Q') && !last.label.contains('-');
            if quarter && is_year(&t.label) && t.first <= last.end + QUARTER_YEAR_GAP {
                last.label = format!("{}-{}", t.label, last.label);
                last.end = t.end;
                continue;
            }
        }
        merged.push(t);
    }
    merged
}

/// Most tokens of an event after "before" that opens a sentence.
const MAX_EVENT_TOKENS: usize = 5;

/// "Before ARP, only 46% of schools were open": a sentence (or a bullet) that opens with a
/// word of `event_times` and a short phrase up to a comma holds at a time relative to that
/// event; the label is the phrase in lower case without function words.
fn event_time(text: &Text, range: Range<usize>) -> Option<TimeMention> {
    let mut start = range.start;
    if text.is_symbol(start, BULLETS) {
        start += 1;
    }
    let opener = text.lex.frames.event_times.longest_at(text, start)?;
    let words_start = start + opener.len;
    let comma = (words_start..(words_start + MAX_EVENT_TOKENS + 1).min(range.end))
        .find(|&j| text.is_symbol(j, &[","]))?;
    let mut label: Vec<&str> = (start..start + opener.len).map(|j| text.lower(j)).collect();
    label.extend(
        (words_start..comma)
            .filter(|&j| text.is_word(j) && !text.lex.words.is_function_word(text.lower(j)))
            .map(|j| text.lower(j)),
    );
    (comma > words_start && !(words_start..comma).any(|j| text.is_number(j))).then(|| TimeMention {
        first: start,
        end: comma,
        label: label.join(" "),
    })
}

fn is_year(label: &str) -> bool {
    label.len() == 4 && label.bytes().all(|b| b.is_ascii_digit())
}

fn date_label(claim: &Claim) -> Option<String> {
    match claim {
        Claim::Date(d) => d.value.map(|v| v.to_string()),
        Claim::Period(p) => match (p.from, p.until) {
            (Some(a), Some(b)) => Some(period_label(a, b)),
            _ => None,
        },
        _ => None,
    }
}

fn period_label(a: PartialDate, b: PartialDate) -> String {
    if a == b {
        a.to_string()
    } else {
        format!("{a}..{b}")
    }
}

/// "FY2019", "FY19", "Q3", "the third quarter": a time written as a word.
fn word_time(text: &Text, j: usize, dates: &[TimeMention]) -> Option<TimeMention> {
    if dates.iter().any(|t| t.first <= j && j < t.end) || !text.is_word(j) {
        return None;
    }
    let word = text.lower(j);
    let mention = |end: usize, label: String| {
        Some(TimeMention {
            first: j,
            end,
            label,
        })
    };
    if let Some(digits) = word.strip_prefix("fy") {
        let year = match digits.len() {
            2 => 2000 + digits.parse::<i32>().ok()?,
            4 => digits.parse::<i32>().ok()?,
            _ => return None,
        };
        return mention(j + 1, format!("FY{year:04}"));
    }
    if let Some(q) = word.strip_prefix('q') {
        if q.len() == 1 && matches!(q.as_bytes()[0], b'1'..=b'4') && text.capitalized(j) {
            return mention(j + 1, format!("Q{q}"));
        }
        return None;
    }
    let quarter = text.lex.frames.quarter_words.get(word)?;
    (text.is(j + 1, "quarter") && text.gap(j + 1) <= Gap::Space)
        .then(|| mention(j + 2, format!("Q{quarter}")))
        .flatten()
}

/// The time of a figure: the first one in its own stretch of the clause (`own`, from the end
/// of its noun phrase to the next figure), else the last one before it in the clause, else the
/// last one before it in the sentence ("In 2019, sales rose, while costs were $3m"), which
/// starts at `sentence_start`.
pub fn time_of(
    times: &[TimeMention],
    before: Range<usize>,
    own: Range<usize>,
    sentence_start: usize,
) -> Option<String> {
    let last_before = |from: usize| {
        times
            .iter()
            .rev()
            .find(|t| t.first >= from && t.end <= before.end)
    };
    times
        .iter()
        .find(|t| t.first >= own.start && t.first < own.end)
        .or_else(|| last_before(before.start))
        .or_else(|| last_before(sentence_start))
        .map(|t| t.label.clone())
}
