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
#[cfg(test)]
mod tests;
mod time;
pub mod words;

use std::ops::Range;

use super::context::{NounPhrase, Roles, noun_phrase_at};
use super::model::Frame;
use super::quantity::Measured;
use super::text::Text;
use super::tokens::{Gap, TokenKind};
use super::words::{noun_lemma, strip_possessive, verb_lemma};

pub use names::Casing;
pub use time::{TimeMention, time_mentions};

/// Most prepositional phrases after a figure's noun that can pin it down ("a tariff on
/// imports of trucks").
const MAX_PINNING_PHRASES: usize = 2;
/// Most words of a noun phrase before "of" that names what a figure measures ("a B1/B2 visa
/// overstay rate of 15 percent").
const MAX_MEASURE_WORDS: usize = 6;
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
        if elliptical(text, sentence.figures, k) && frames[k].thing.is_none() {
            let earlier = frames[k - 1].clone();
            let frame = &mut frames[k];
            frame.thing = earlier.thing;
            frame.comparison = frame.comparison.take().or(earlier.comparison);
            frame.distribution = frame.distribution.take().or(earlier.distribution);
        }
    }
    frames
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
    // The figure's own stretch of the clause: up to the next figure.
    let next_first = sentence
        .figures
        .get(k + 1)
        .map_or(clause.end, |(n, _)| n.first.min(clause.end));
    let own_start = r.phrase_end.max(m.end);
    // "losses of $5.1 million (2018 – $6.5 million)": brackets after a figure hold another's.
    // "... of $3.8 billion, and the fiscal 2016 borrowings of $7.6 billion": a conjunction
    // starts what belongs to the next figure; "..., ministers said on Tuesday" tells when it
    // was said.
    let own_end = (own_start..next_first)
        .find(|&j| {
            text.is_symbol(j, &["("])
                || text.is_any(j, &["and", "or", "but"])
                || text.lex.frames.source_verbs.contains(text.lower(j))
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
    let thing = if is_enumerator(text, m) || in_figure_run(text, m) || names_a_thing(text, m, r) {
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
        distribution: distribution(text, m, r, sentence.times),
        comparison,
    }
}

/// "5 Carlos Moya (Spain)", "1. Introduction": a bare number that starts a line and names
/// what follows numbers an item; it counts nothing.
fn is_enumerator(text: &Text, m: &Measured) -> bool {
    let line_start = m.first == 0 || text.gap(m.first) >= Gap::Line;
    let next = if text.is_symbol(m.end, &[".", ")"]) {
        m.end + 1
    } else {
        m.end
    };
    line_start
        && m.unit.dimension == "count"
        && m.figure.scale.is_none()
        && text.is_number(m.first)
        && text.capitalized(next)
}

/// Possessive determiners: whose figure it is, when no name says so.
const POSSESSIVES: &[&str] = &["his", "her", "its", "my", "our", "their", "your"];

/// Footnote marks that may follow a figure in a table: "27.5**", "4.1††".
const MARKS: &[&str] = &["*", "†", "‡", "§", "¶", "#"];

/// "445 0.5 Farming, fishing": a figure beside another figure, with nothing but spaces and
/// footnote marks between, is a cell of a table flattened into text; the words around it
/// are row labels, not what it counts.
fn in_figure_run(text: &Text, m: &Measured) -> bool {
    // Marks, and the brackets and signs of a cell such as "75.7 (2.1)" or "(24.3)".
    let skip = |j: usize| text.is_symbol(j, MARKS) || text.is_symbol(j, &["(", ")", "%"]);
    let mut before = m.first;
    while before > 0 && skip(before - 1) && text.gap(before) <= Gap::Space {
        before -= 1;
    }
    let mut after = m.end;
    while skip(after) && text.gap(after) <= Gap::Space {
        after += 1;
    }
    let beside = |j: usize, gap_at: usize| text.is_number(j) && text.gap(gap_at) == Gap::Space;
    (before > 0 && beside(before - 1, before)) || beside(after, after)
}

/// "the national 988 Suicide & Crisis Lifeline", "55 Rubella": a capitalised singular noun
/// after a figure names something; the figure counts nothing.
fn names_a_thing(text: &Text, m: &Measured, r: &Roles) -> bool {
    let Some(head) = (m.end..r.phrase_end).find(|&j| text.is_word(j)) else {
        return false;
    };
    text.capitalized(head)
        && text.gap(head) == Gap::Space
        && !super::words::is_plural(&text.lex.lemmas, text.lower(head))
        && m.value.lo > 1.0
}

/// "16 times faster", "1.24 times the odds": what a multiplier multiplies, as its thing.
fn multiplied(text: &Text, m: &Measured, r: &Roles) -> Option<String> {
    let times = r.phrase_end.max(m.end);
    let next = if text.is_any(times, &["times", "fold"]) {
        times + 1
    } else {
        times
    };
    if text.is_any(next, &["the", "as"]) {
        let np = noun_phrase_at(text, next)?;
        let words = np_words(text, &np);
        return (!words.is_empty()).then(|| format!("times {}", words.join(" ")));
    }
    text.is_word(next)
        .then(|| format!("times {}", text.lower(next)))
}

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

/// "a B1/B2 visa overstay rate of 15 percent", "sales of £3bn": the noun phrase before "of"
/// that names what the figure measures, as its first token and its words' lemmas. Tokens
/// glued together ("B1/B2", "COVID-19") are one word.
fn measure_phrase(text: &Text, first: usize, floor: usize) -> Option<(usize, Vec<String>)> {
    if first < floor + 2 || !text.is(first - 1, "of") {
        return None;
    }
    let mut words = Vec::new();
    let mut j = first - 1;
    while j > floor && words.len() < MAX_MEASURE_WORDS {
        let end = j;
        let mut start = j - 1;
        while start > floor && text.glued(start) {
            start -= 1;
        }
        if text.gap(end) > Gap::Space {
            break;
        }
        if end - start == 1 {
            if !text.is_word(start) {
                break;
            }
            let lower = text.lower(start);
            if text.lex.words.is_function_word(lower) || is_finite_verb(text, start) {
                break;
            }
            words.push(noun_lemma(&text.lex.lemmas, strip_possessive(lower)));
        } else {
            let (s, e) = text.span(start, end);
            words.push(text.lower.get(s..e).unwrap_or("").to_string());
        }
        j = start;
    }
    if words.is_empty() {
        return None;
    }
    words.reverse();
    Some((j, words))
}

fn is_finite_verb(text: &Text, j: usize) -> bool {
    let word = text.lower(j);
    verb_lemma(&text.lex.lemmas, word).is_some()
        && (text.lex.words.auxiliaries.contains(word)
            || super::words::is_past_form(&text.lex.lemmas, word))
}

/// The thing a figure counts or measures, with the words that pin it down, as lemmas in
/// text order: "visa overstay rate", "tariff on import of truck", "count of burglary".
fn thing(
    text: &Text,
    m: &Measured,
    r: &Roles,
    measure_np: Option<&(usize, Vec<String>)>,
    clause_start: usize,
    own: Range<usize>,
    times: &[TimeMention],
) -> Option<String> {
    let mut words: Vec<String> = match measure_np {
        Some((_, words)) => words.clone(),
        // "Research and development expense increased $3.7 million", "direct services revenue
        // was $2.9 million": a figure with no noun of its own measures the clause's subject.
        None if r.phrase_end == m.end && r.part_of.is_none() => {
            match clause_subject(text, clause_start, m.first, times) {
                Some((words, _)) if !words.is_empty() => words,
                _ => vec![r.subject.clone()?],
            }
        }
        None => {
            let subject = r.subject.clone()?;
            // The figure's own noun phrase, modifiers included: "12 counts", "a 25% tariff".
            let mut words: Vec<String> = (m.end..r.phrase_end)
                .filter(|&j| text.is_word(j) && !text.lex.words.is_function_word(text.lower(j)))
                .map(|j| noun_lemma(&text.lex.lemmas, strip_possessive(text.lower(j))))
                .collect();
            if words.last() != subject.split(' ').next_back().map(str::to_string).as_ref() {
                words = vec![subject];
            }
            words
        }
    };
    if words.is_empty() {
        return None;
    }
    let mut j = own.start;
    // "26 countries and territories": both nouns are counted.
    if measure_np.is_none()
        && text.is_any(j, &["and", "or"])
        && text.is_word(j + 1)
        && super::words::is_plural(&text.lex.lemmas, text.lower(j + 1))
        && j + 1 < own.end
    {
        words.push(text.lower(j).to_string());
        words.push(noun_lemma(&text.lex.lemmas, text.lower(j + 1)));
        j += 2;
    }
    // "29 million workers claimed the overtime deduction": what they did it to pins them.
    if let Some(object) = verb_object(text, r, j, own.end, times) {
        words.extend(np_words(text, &object));
        return Some(words.join(" "));
    }
    // Prepositional phrases that pin it down: "on imports of trucks", "in the brewer".
    for _ in 0..MAX_PINNING_PHRASES {
        if j >= own.end || !text.lex.frames.pin_prepositions.contains(text.lower(j)) {
            break;
        }
        let Some(np) = pinning_phrase(text, j + 1, own.end, times) else {
            break;
        };
        words.push(text.lower(j).to_string());
        words.extend(np_words(text, &np));
        j = np.end;
    }
    Some(words.join(" "))
}

/// Most words of a clause's subject taken as a figure's thing.
const MAX_SUBJECT_WORDS: usize = 5;

/// The subject of the verb right before a figure ("expense increased $3.7 million", "the
/// rate of unemployment in Ruritania reached 7.4%"), as lemmas in text order with its pinning
/// prepositions, and the place it names, if any (whose figure it is). Words back from the verb
/// to a function word that is no pinning preposition, a comma or a figure, within the clause.
fn clause_subject(
    text: &Text,
    clause_start: usize,
    first: usize,
    times: &[TimeMention],
) -> Option<(Vec<String>, Option<String>)> {
    let lex = text.lex;
    let mut verb = first;
    // Between the verb and the figure: adverbs, and "by", "to" or "at" ("increased by $2m",
    // "rose to 7.4%").
    while verb > clause_start {
        let j = verb - 1;
        let link = text.is_any(j, &["by", "to", "at"]);
        if text.is_word(j) && (link || lex.words.adverbs.contains(text.lower(j))) {
            verb = j;
        } else {
            break;
        }
    }
    let v = verb.checked_sub(1).filter(|&v| v >= clause_start)?;
    let word = text.lower(v);
    let is_verb = lex.words.auxiliaries.contains(word)
        || verb_lemma(&lex.lemmas, word).is_some() && super::words::is_past_form(&lex.lemmas, word)
        || verb_lemma(&lex.lemmas, word).is_some() && word.ends_with('s');
    if !text.is_word(v) || !is_verb {
        return None;
    }
    let mut start = v;
    let in_time = |j: usize| times.iter().any(|t| t.first <= j && j < t.end);
    while start > clause_start && v - start < 2 * MAX_SUBJECT_WORDS {
        let j = start - 1;
        // "Ruritania's unemployment rate in March 2024 was": a time inside the subject is
        // the frame's time, not the thing.
        if in_time(j) {
            start = j;
            continue;
        }
        let w = text.lower(j);
        let connector = text.is(j, "and") || lex.frames.pin_prepositions.contains(w);
        if !text.is_word(j)
            || text.lex.words.is_function_word(w) && !connector
            || lex.words.auxiliaries.contains(w)
        {
            break;
        }
        start = j;
    }
    // A preposition cannot start the subject: "in 2019 revenue rose" keeps "revenue".
    while start < v && lex.frames.pin_prepositions.contains(text.lower(start)) {
        start += 1;
    }
    let mut place = None;
    let mut words: Vec<String> = Vec::new();
    for j in start..v {
        if text.is(j, "and") || in_time(j) {
            continue;
        }
        let after_preposition =
            j > start && lex.frames.pin_prepositions.contains(text.lower(j - 1));
        let possessive = text.str(j).ends_with("'s") || text.str(j).ends_with("’s");
        if text.capitalized(j)
            && (text.has(j, super::lexicon::flags::PLACE) || after_preposition || possessive)
        {
            // "in Ruritania": the place is whose figure it is; drop its preposition.
            place = Some(strip_possessive(text.str(j)).to_string());
            if words
                .last()
                .is_some_and(|w| lex.frames.pin_prepositions.contains(w.as_str()))
            {
                words.pop();
            }
            continue;
        }
        let lower = text.lower(j);
        if lex.frames.pin_prepositions.contains(lower) {
            words.push(lower.to_string());
        } else {
            words.push(noun_lemma(&lex.lemmas, strip_possessive(lower)));
        }
    }
    while words
        .last()
        .is_some_and(|w| lex.frames.pin_prepositions.contains(w.as_str()))
    {
        words.pop();
    }
    (!words.is_empty() || place.is_some()).then_some((words, place))
}

/// The object of the verb after a figure's noun phrase, when that verb is the figure's
/// predicate: "workers *claimed* [the overtime deduction]".
fn verb_object(
    text: &Text,
    r: &Roles,
    from: usize,
    end: usize,
    times: &[TimeMention],
) -> Option<NounPhrase> {
    let predicate = r.predicate.as_deref()?;
    let mut j = from;
    while j < end && text.is_word(j) {
        let word = text.lower(j);
        if text.lex.words.auxiliaries.contains(word) || text.lex.words.adverbs.contains(word) {
            j += 1;
            continue;
        }
        break;
    }
    let verb = verb_lemma(&text.lex.lemmas, text.lower(j))?;
    if verb != predicate || j + 1 >= end {
        return None;
    }
    pinning_phrase(text, j + 1, end, times)
}

/// The noun phrase after a pinning preposition, unless it names a time or a place (those are
/// the frame's time and the claim's scope) or holds a figure.
fn pinning_phrase(text: &Text, at: usize, end: usize, times: &[TimeMention]) -> Option<NounPhrase> {
    let np = noun_phrase_at(text, at)?;
    let inside = at..np.end;
    if np.end > end
        || in_time(times, inside.clone())
        || inside.clone().any(|j| {
            text.is_number(j)
                || text.has(j, super::lexicon::flags::PLACE)
                || text.has(j, super::lexicon::flags::DATE) && text.capitalized(j)
        })
    {
        return None;
    }
    Some(np)
}

fn np_words(text: &Text, np: &NounPhrase) -> Vec<String> {
    (np.first..np.end)
        .filter(|&j| text.is_word(j) && !text.lex.words.is_function_word(text.lower(j)))
        .map(|j| noun_lemma(&text.lex.lemmas, strip_possessive(text.lower(j))))
        .collect()
}

/// Some token of `tokens` is part of a time: "in the third quarter", "a year earlier".
fn in_time(times: &[TimeMention], tokens: Range<usize>) -> bool {
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

/// "16 times faster", "20% more", "rose 5%", "an increase of $2m": a figure that compares.
fn comparison(text: &Text, m: &Measured, r: &Roles) -> Option<String> {
    let frames = &text.lex.frames;
    let after = [m.end, r.phrase_end].into_iter().find_map(|at| {
        frames
            .comparison_after
            .longest_at(text, at)
            .map(|f| f.value.clone())
    });
    if after.is_some() {
        return after;
    }
    if m.first == 0 {
        return None;
    }
    // "an increase of $2m" is a change; "rose to $5m", "a population of 400,000" are levels.
    let change_word = frames
        .change_before
        .longest_ending_at(text, m.first, 3)
        .is_some();
    if !change_word && frames.level_before.contains(text.lower(m.first - 1)) {
        return None;
    }
    let change_verb = text.is_word(m.first - 1)
        && verb_lemma(&text.lex.lemmas, text.lower(m.first - 1))
            .is_some_and(|lemma| frames.change_verbs.contains(lemma.as_str()));
    (change_word || change_verb).then(|| "change".to_string())
}
