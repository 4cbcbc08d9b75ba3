//! The frame of each figure: what it is about beyond its subject word (see docs/claims.md).
//!
//! The frame is built from the figure's clause, not from a window of words: the clause ends at
//! ";", ":", a spaced dash or a word such as "while"; its owner is the last proper name of the
//! clause before the figure's noun phrase (after an opening adverbial such as "According to
//! the report,", and never a name that only reports the figure, "Europol said"); its time is
//! the date, fiscal year, quarter or relative time of the figure's own stretch of the clause,
//! else the nearest one before it; the thing is the figure's noun with the modifiers and
//! prepositional phrases that pin it down. See [`compare`] for when two frames agree.

pub mod compare;
mod names;
mod role;
#[cfg(test)]
mod tests;
mod thing;
mod time;
pub mod words;

use std::ops::Range;

use super::context::Roles;
use super::model::Frame;
use super::quantity::Measured;
use super::text::Text;
use super::tokens::{Gap, TokenKind};
use super::words::{noun_lemma, verb_lemma};

pub use names::Casing;
use thing::{
    clause_subject, in_figure_run, is_enumerator, measure_phrase, multiplied, names_a_thing, thing,
};
pub use time::{TimeMention, time_mentions};

/// A clause longer than this is cut: owners and times further away are not the figure's.
const MAX_CLAUSE_TOKENS: usize = 60;

/// Most tokens of a heading line.
const MAX_HEADING_TOKENS: usize = 16;

/// The tokens `range` are a heading: a line of its own, a paragraph by itself, starting with a
/// capital and ending without punctuation ("Fiscal Year 2019 Compared with Fiscal Year 2018").
pub fn is_heading_line(text: &Text, range: Range<usize>) -> bool {
    let (first, end) = (range.start, range.end);
    if end <= first || end - first > MAX_HEADING_TOKENS {
        return false;
    }
    let alone = (first == 0 || text.gap(first) >= Gap::Paragraph)
        && (end >= text.len() || text.gap(end) >= Gap::Paragraph)
        && (first + 1..end).all(|j| text.gap(j) <= Gap::Space);
    alone
        && text.capitalized(first)
        && !text.is_symbol(end - 1, &[".", "!", "?", ":", ";", ",", "\"", "”"])
}

/// The figures of one sentence with what the extractor found for them.
pub struct Sentence<'s> {
    pub range: Range<usize>,
    pub figures: &'s [(Measured, Roles)],
    /// Dates, fiscal years, quarters and relative times of the sentence, in order.
    pub times: &'s [TimeMention],
    /// Token ranges of lists: their names are items, not owners.
    pub listed: &'s [Range<usize>],
}

/// The frame of every figure of a sentence, in order.
pub fn frames(text: &Text, sentence: &Sentence, casing: &mut Casing) -> Vec<Frame> {
    let heading = names::is_heading(text, sentence.range.clone());
    let mut frames: Vec<Frame> = (0..sentence.figures.len())
        .map(|k| frame_of(text, sentence, k, heading, casing))
        .collect();
    for k in 1..frames.len() {
        // "at ages 2, 4, and 6 months": figures listed after a bracket share its role; "a
        // range of $5 to $30 million": so does a range's other end.
        if frames[k - 1].role.is_none() && bare_range(text, sentence.figures, k) {
            frames[k - 1].role = Some("range".to_string());
        }
        let range_end = frames[k - 1].role.as_deref() == Some("range")
            && range_with_previous(text, sentence.figures, k);
        if frames[k].role.is_none()
            && (listed_with_previous(text, sentence.figures, k) || range_end)
        {
            frames[k].role = frames[k - 1].role.clone();
        }
        if elliptical(text, sentence.figures, k) && frames[k].thing.is_none() {
            let earlier = frames[k - 1].clone();
            // "$35 billion for the HOME program, $45 billion for the Housing Trust Fund": the
            // head is shared, the pinning phrases are each figure's own.
            let own_pins = own_pins(text, sentence, k);
            // "and 5.3% of cisgender males": a figure's own "of" phrase names its thing.
            if own_pins.first().is_some_and(|w| w == "of") {
                frames[k].thing = Some(own_pins[1..].join(" ")).filter(|t| !t.is_empty());
                continue;
            }
            let thing = earlier.thing.map(|t| {
                if own_pins.is_empty() {
                    return t;
                }
                let mut words = thing::head_words(&t, text);
                words.extend(own_pins.iter().map(String::as_str));
                words.join(" ")
            });
            let frame = &mut frames[k];
            frame.thing = thing;
            frame.comparison = frame.comparison.take().or(earlier.comparison);
            frame.distribution = frame.distribution.take().or(earlier.distribution);
        }
    }
    pair_respectively(text, sentence, &mut frames);
    frames
}

/// Most tokens between the last of coordinated figures and "respectively".
const MAX_RESPECTIVELY_GAP: usize = 2;

/// "fiscal 2019 and 2018 results included $17.1 million and $24.5 million, respectively":
/// coordinated figures before "respectively" take the times coordinated before them, in order.
fn pair_respectively(text: &Text, sentence: &Sentence, frames: &mut [Frame]) {
    let figures = sentence.figures;
    for last in 1..figures.len() {
        let after = figures[last].1.phrase_end.max(figures[last].0.end);
        let marked = (after..after + MAX_RESPECTIVELY_GAP + 1)
            .take_while(|&j| j < sentence.range.end)
            .any(|j| text.lex.frames.respective_words.contains(text.lower(j)));
        if !marked {
            continue;
        }
        let mut first = last;
        while first > 0 && listed_with_previous(text, figures, first) {
            first -= 1;
        }
        let count = last + 1 - first;
        let times: Vec<&TimeMention> = sentence
            .times
            .iter()
            .filter(|t| t.end <= figures[first].0.first)
            .collect();
        if count < 2 || times.len() < count {
            continue;
        }
        for (frame, time) in frames[first..=last]
            .iter_mut()
            .zip(&times[times.len() - count..])
        {
            frame.time = Some(time.label.clone());
        }
    }
}

/// The pinning phrases right after figure `k`, up to the next figure.
fn own_pins(text: &Text, sentence: &Sentence, k: usize) -> Vec<String> {
    let (m, r) = &sentence.figures[k];
    let start = r.phrase_end.max(m.end);
    let end = sentence
        .figures
        .get(k + 1)
        .map_or(sentence.range.end, |(n, _)| n.first);
    thing::pins(text, start..end.max(start), sentence.times)
}

/// Figure `k` follows figure `k - 1` with only commas and a conjunction between.
fn listed_with_previous(text: &Text, figures: &[(Measured, Roles)], k: usize) -> bool {
    let (prev, m) = (&figures[k - 1].0, &figures[k].0);
    prev.end < m.first
        && prev.unit.dimension == m.unit.dimension
        && (prev.end..m.first).all(|j| text.is_symbol(j, &[","]) || text.is_any(j, &["and", "or"]))
}

/// "$5 to $30 million", "5-10%": the figure is the other end of a range opened by the one
/// before it.
fn range_with_previous(text: &Text, figures: &[(Measured, Roles)], k: usize) -> bool {
    let (prev, m) = (&figures[k - 1].0, &figures[k].0);
    prev.end < m.first
        && m.first - prev.end == 1
        && (text.is_any(prev.end, &["to", "and"]) || text.is_symbol(prev.end, &["-", "–", "—"]))
}

/// "with 30 to 40 employees": a bare number, after a function word (not "from", which opens a
/// change), that runs to the next figure opens a range.
fn bare_range(text: &Text, figures: &[(Measured, Roles)], k: usize) -> bool {
    let prev = &figures[k - 1].0;
    let opens = prev.first.checked_sub(1).is_none_or(|j| {
        let word = text.lower(j);
        text.is_word(j) && word != "from" && text.lex.words.is_function_word(word)
    });
    // "had 540,000 and 240,000 fewer": "and" joins two figures; only "to" or a dash spans.
    let spans = !text.is_any(prev.end, &["and"]);
    prev.unit.dimension == "count"
        && prev.figure.scale.is_none()
        && text.is_number(prev.first)
        && opens
        && spans
        && range_with_previous(text, figures, k)
}

/// "$2 million for fiscal 2019 and $278 million for fiscal 2018": a figure with no noun or
/// verb of its own, coordinated with the figure before it in the same clause, states the same
/// thing for another owner or time.
fn elliptical(text: &Text, figures: &[(Measured, Roles)], k: usize) -> bool {
    let ((prev, _), (m, r)) = (&figures[k - 1], &figures[k]);
    r.subject.is_none()
        && r.predicate.is_none()
        && prev.unit.dimension == m.unit.dimension
        && m.first > 0
        && (text.is_any(m.first - 1, &["and", "or"]) || text.is_symbol(m.first - 1, &[","]))
        && !(prev.end..m.first).any(|j| breaks_clause(text, j))
}

fn frame_of(
    text: &Text,
    sentence: &Sentence,
    k: usize,
    heading: bool,
    casing: &mut Casing,
) -> Frame {
    let (m, r) = &sentence.figures[k];
    let clause = clause_of(
        text,
        sentence.range.clone(),
        m.first,
        r.phrase_end.max(m.end),
    );
    // "a rate of 13.7 percent" names what it measures before "of"; "the confiscation of 300
    // kg of heroin" after the figure.
    let measure_np = if r.phrase_end > m.end {
        None
    } else {
        measure_phrase(text, m.first, clause.start)
    };
    let np_start = measure_np.as_ref().map_or(m.first, |(first, _)| *first);
    // The figure's own stretch of the clause: up to the next figure. "increased by $69.9
    // million, or 15%, in 2019": a figure restated in another unit right after it is no next
    // figure; the stretch goes on after it.
    let alternative = sentence
        .figures
        .get(k + 1)
        .filter(|(n, _)| is_alternative(text, (m, r), n));
    let next = k + 1 + usize::from(alternative.is_some());
    let next_first = sentence
        .figures
        .get(next)
        .map_or(clause.end, |(n, _)| n.first.min(clause.end));
    let own_start = alternative
        .map_or(r.phrase_end.max(m.end), |(n, nr)| nr.phrase_end.max(n.end))
        .min(next_first);
    // "losses of $5.1 million (2018 – $6.5 million)": brackets after a figure hold another's.
    // "... of $3.8 billion, and the fiscal 2016 borrowings of $7.6 billion": a conjunction
    // starts what belongs to the next figure; "..., ministers said on Tuesday" tells when it
    // was said.
    let own_end = (own_start..next_first)
        .find(|&j| {
            text.is_symbol(j, &["("])
                || text.is_any(j, &["and", "or", "but"])
                || names::is_source_verb(text, j)
        })
        .unwrap_or(next_first);
    let own = own_start..own_end.max(own_start);
    // "Labour won 45% of the vote, the Conservatives won 40%": the owner is looked for after
    // the figure before first, then in the whole clause ("Smith, 32, was sentenced to ...").
    let since_previous = k
        .checked_sub(1)
        .map(|p| {
            sentence.figures[p]
                .1
                .phrase_end
                .max(sentence.figures[p].0.end)
        })
        .filter(|&e| e > clause.start && e < np_start);
    let own_noun = r.phrase_end > m.end;
    let owner = if heading {
        None
    } else {
        since_previous
            .and_then(|from| names::owner(text, from..np_start, sentence.listed, casing, own_noun))
            .or_else(|| {
                names::owner(
                    text,
                    clause.start..np_start,
                    sentence.listed,
                    casing,
                    own_noun,
                )
            })
            // "GE Aerospace announced a $1 billion investment — creating 5,000 new jobs": a
            // clause without a subject of its own belongs to the sentence's.
            .or_else(|| {
                (clause.start > sentence.range.start)
                    .then(|| {
                        names::owner(
                            text,
                            sentence.range.start..clause.start,
                            sentence.listed,
                            casing,
                            false,
                        )
                    })
                    .flatten()
            })
    };
    // "CNN: 88% of MAGA Republicans approve": a line's label is whose figures follow.
    let owner = owner.or_else(|| {
        (!heading)
            .then(|| names::line_label(text, clause.start))
            .flatten()
    });
    // "Today, 99% of schools are open": a time is no owner.
    let owner = owner.filter(|name| {
        !sentence
            .times
            .iter()
            .any(|t| t.label.eq_ignore_ascii_case(name))
    });
    // "Sales rose 5% ... from $9.5m": the capitalised first word is what the sentence
    // measures, not whose it is.
    let owner = owner.filter(|name| {
        let lemma = noun_lemma(&text.lex.lemmas, &name.to_ascii_lowercase());
        !sentence
            .figures
            .iter()
            .any(|(_, r)| r.subject.as_deref() == Some(lemma.as_str()))
    });
    // "The rate of unemployment in Ruritania reached 7.4%": the place of the subject.
    let owner = owner.or_else(|| {
        (!own_noun && measure_np.is_none())
            .then(|| clause_subject(text, clause.start, m.first, sentence.times))
            .flatten()
            .and_then(|(_, place)| place)
    });
    // "our two countries", "its 25% stake": a possessive is an owner, if only a pronoun.
    let owner = owner.or_else(|| {
        let before = np_start.checked_sub(1)?;
        let word = text.lower(before);
        POSSESSIVES.contains(&word).then(|| word.to_string())
    });
    let indefinite = np_start
        .checked_sub(1)
        .is_some_and(|j| text.is_any(j, &["a", "an"]))
        && np_start > clause.start;
    let comparison = comparison(text, m, r);
    let cell = in_figure_run(text, m);
    let thing = if is_enumerator(text, m) || cell || names_a_thing(text, m, r) {
        None
    } else if comparison.as_deref() == Some("times") {
        multiplied(text, m, r)
    } else {
        thing(
            text,
            m,
            r,
            measure_np.as_ref(),
            clause.start,
            own.clone(),
            sentence.times,
        )
    };
    Frame {
        indefinite,
        thing,
        owner,
        time: time::time_of(
            sentence.times,
            clause.start..m.first,
            own.clone(),
            sentence.range.start,
        ),
        time_from_context: false,
        hypothetical: (clause.start..m.first)
            .any(|j| text.lex.frames.modal_words.contains(text.lower(j))),
        distribution: distribution(text, m, r, sentence.times),
        comparison,
        role: if cell {
            Some("cell".to_string())
        } else {
            role::role_of(text, m)
        },
    }
}

/// Figure `n` restates the figure `m` in another unit, right after it: "$69.9 million, or 15%",
/// "$5m (15%)".
fn is_alternative(text: &Text, (m, r): (&Measured, &Roles), n: &Measured) -> bool {
    let end = r.phrase_end.max(m.end);
    end < n.first
        && n.first - end <= 2
        && m.unit.dimension != n.unit.dimension
        && (end..n.first).all(|j| text.is_symbol(j, &[",", "("]) || text.is_any(j, &["or"]))
        && (end..n.first).any(|j| text.is_symbol(j, &["("]) || text.is_any(j, &["or"]))
}

/// Possessive determiners: whose figure it is, when no name says so.
const POSSESSIVES: &[&str] = &["his", "her", "its", "my", "our", "their", "your"];

/// The clause around tokens `first..end` within `sentence`.
fn clause_of(text: &Text, sentence: Range<usize>, first: usize, end: usize) -> Range<usize> {
    let lo = first.saturating_sub(MAX_CLAUSE_TOKENS).max(sentence.start);
    let start = (lo..first)
        .rev()
        .find(|&j| breaks_clause(text, j))
        .map_or(lo, |j| j + 1);
    let hi = (end + MAX_CLAUSE_TOKENS).min(sentence.end);
    let stop = (end..hi).find(|&j| breaks_clause(text, j)).unwrap_or(hi);
    start..stop.max(start)
}

/// Token `j` ends a clause: ";", ":", a dash between spaces, or a word such as "while".
fn breaks_clause(text: &Text, j: usize) -> bool {
    match text.kind(j) {
        Some(TokenKind::Symbol) => {
            // "2015: N = 15,624": a colon after a figure labels what follows.
            text.is_symbol(j, &[";"])
                || (text.is_symbol(j, &[":"]) && !(j > 0 && text.is_number(j - 1)))
                || (text.is_symbol(j, &["—", "–", "-"])
                    && text.gap(j) > Gap::None
                    && text.gap(j + 1) > Gap::None)
        }
        Some(TokenKind::Word) => text.lex.frames.clause_breaks.contains(text.lower(j)),
        _ => false,
    }
}

/// Some token of `tokens` is part of a time: "in the third quarter", "a year earlier".
pub(super) fn in_time(times: &[TimeMention], tokens: Range<usize>) -> bool {
    times
        .iter()
        .any(|t| t.first < tokens.end && tokens.start < t.end)
}

/// "each", "a total of", "on average", "$35 per month", "40 deaths a year"; but "a year
/// earlier" is a time.
fn distribution(text: &Text, m: &Measured, r: &Roles, times: &[TimeMention]) -> Option<String> {
    let frames = &text.lex.frames;
    if let Some(found) = frames
        .distribution_before
        .longest_ending_at(text, m.first, 3)
    {
        return Some(found.value.clone());
    }
    [m.end, r.phrase_end]
        .into_iter()
        .find_map(|at| {
            frames
                .distribution_after
                .longest_at(text, at)
                .filter(|found| !in_time(times, at..at + found.len))
        })
        .map(|found| found.value.clone())
}

/// Most tokens between the two levels of "from 13.1% in DC to 28.0% in Oregon".
const MAX_MOVEMENT_GAP: usize = 6;

/// "increased from 29% to 60%": the figure after "from" is the level a movement started
/// from, when a figure follows "to" in the same clause.
fn starts_a_movement(text: &Text, m: &Measured, r: &Roles) -> bool {
    let [from, to] = &text.lex.frames.starting_level;
    if m.first == 0 || text.lower(m.first - 1) != from {
        return false;
    }
    let after = r.phrase_end.max(m.end);
    (after..after + MAX_MOVEMENT_GAP)
        .take_while(|&j| !breaks_clause(text, j) && !text.is_symbol(j, &[".", "!", "?"]))
        .any(|j| {
            text.lower(j) == to
                && (text.is_number(j + 1) || text.is_number(j + 2) && text.gap(j + 2) == Gap::None)
        })
}

/// "16 times faster", "20% more", "rose 5%", "an increase of $2m": a figure that compares.
fn comparison(text: &Text, m: &Measured, r: &Roles) -> Option<String> {
    let frames = &text.lex.frames;
    let after = [m.end, r.phrase_end].into_iter().find_map(|at| {
        frames
            .comparison_after
            .longest_at(text, at)
            .map(|f| (f.value.clone(), at + f.len))
    });
    if let Some((form, end)) = after {
        // "four times a day" is a frequency, not a multiplier.
        let frequency =
            form == "times" && frames.distribution_after.longest_at(text, end).is_some();
        return (!frequency).then_some(form);
    }
    if m.first == 0 {
        return None;
    }
    // "an increase of $2m" is a change; "rose to $5m", "a population of 400,000" are levels.
    let change_word = frames
        .change_before
        .longest_ending_at(text, m.first, 3)
        .is_some();
    if starts_a_movement(text, m, r) {
        return Some("from".to_string());
    }
    if !change_word && frames.level_before.contains(text.lower(m.first - 1)) {
        return None;
    }
    let change_verb = text.is_word(m.first - 1)
        && verb_lemma(&text.lex.lemmas, text.lower(m.first - 1))
            .is_some_and(|lemma| frames.change_verbs.contains(lemma.as_str()));
    (change_word || change_verb).then(|| "change".to_string())
}
