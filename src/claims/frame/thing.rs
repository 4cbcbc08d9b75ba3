//! The thing a figure counts or measures: its noun phrase, the noun phrase before "of" that
//! names what it measures, or its clause's subject; with the words and phrases that pin it
//! down. And the figures that count nothing (enumerators, table cells, names).

use std::ops::Range;

use super::{TimeMention, in_time};
use crate::claims::context::{NounPhrase, Roles, noun_phrase_after_break, noun_phrase_at};
use crate::claims::quantity::Measured;
use crate::claims::text::Text;
use crate::claims::tokens::Gap;
use crate::claims::words::{noun_lemma, strip_possessive, verb_lemma};

/// Most prepositional phrases after a figure's noun that can pin it down ("a tariff on
/// imports of trucks").
const MAX_PINNING_PHRASES: usize = 2;
/// Most words of a noun phrase before "of" that names what a figure measures ("a B1/B2 visa
/// overstay rate of 15 percent").
const MAX_MEASURE_WORDS: usize = 6;

/// "5 Carlos Moya (Spain)", "1. Introduction": a bare number that starts a line and names
/// what follows numbers an item; it counts nothing.
pub(super) fn is_enumerator(text: &Text, m: &Measured) -> bool {
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

/// Footnote marks that may follow a figure in a table: "27.5**", "4.1††".
const MARKS: &[&str] = &["*", "†", "‡", "§", "¶", "#"];

/// "445 0.5 Farming, fishing": a figure beside another figure, with nothing but spaces and
/// footnote marks between, is a cell of a table flattened into text; the words around it
/// are row labels, not what it counts.
pub(super) fn in_figure_run(text: &Text, m: &Measured) -> bool {
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
    // Right beside the figure a number must stand apart ("445 0.5"); beside its brackets or
    // marks it may touch them ("76.1 (5.0) 0.955").
    let beside = |j: usize, gap_at: usize, skipped: bool| {
        text.is_number(j)
            && (text.gap(gap_at) == Gap::Space || skipped && text.gap(gap_at) == Gap::None)
    };
    (before > 0 && beside(before - 1, before, before < m.first))
        || beside(after, after, after > m.end)
}

/// "the national 988 Suicide & Crisis Lifeline", "55 Rubella": a capitalised singular noun
/// after a figure names something; the figure counts nothing.
pub(super) fn names_a_thing(text: &Text, m: &Measured, r: &Roles) -> bool {
    let Some(head) = (m.end..r.phrase_end).find(|&j| text.is_word(j)) else {
        return false;
    };
    text.capitalized(head)
        && text.gap(head) == Gap::Space
        && !crate::claims::words::is_plural(&text.lex.lemmas, text.lower(head))
        && m.value.lo > 1.0
}

/// "16 times faster", "1.24 times the odds": what a multiplier multiplies, as its thing.
pub(super) fn multiplied(text: &Text, m: &Measured, r: &Roles) -> Option<String> {
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
    // "2.1 times more likely to have attempted suicide", "four times a day": the words up to
    // the clause's end or the other side of the comparison ("than", "compared", "among") say
    // what is multiplied.
    let mut words = vec!["times".to_string()];
    let mut j = next;
    while j < text.len()
        && words.len() <= MAX_MULTIPLIED_WORDS
        && text.is_word(j)
        && !text.is_any(
            j,
            &["than", "compared", "among", "versus", "vs", "when", "with"],
        )
    {
        let word = text.lower(j);
        if !text.lex.words.is_function_word(word) || words.len() == 1 {
            words.push(
                verb_lemma(&text.lex.lemmas, word)
                    .filter(|_| words.len() > 2)
                    .unwrap_or_else(|| word.to_string()),
            );
        }
        j += 1;
    }
    (words.len() > 1).then(|| words.join(" "))
}

/// Most words after "times" that say what a multiplier multiplies.
const MAX_MULTIPLIED_WORDS: usize = 5;

/// "a B1/B2 visa overstay rate of 15 percent", "sales of £3bn": the noun phrase before "of"
/// that names what the figure measures, as its first token and its words' lemmas. Tokens
/// glued together ("B1/B2", "COVID-19") are one word.
pub(super) fn measure_phrase(
    text: &Text,
    first: usize,
    floor: usize,
) -> Option<(usize, Vec<String>)> {
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
            words.push(text.lower_slice(s, e).to_string());
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
            || crate::claims::words::is_past_form(&text.lex.lemmas, word))
}

/// The thing a figure counts or measures, with the words that pin it down, as lemmas in
/// text order: "visa overstay rate", "tariff on import of truck", "count of burglary".
pub(super) fn thing(
    text: &Text,
    m: &Measured,
    r: &Roles,
    measure_np: Option<&(usize, Vec<String>)>,
    clause_start: usize,
    own: Range<usize>,
    times: &[TimeMention],
) -> Option<String> {
    // "$122 billion in school funding": money names what it is after "in".
    if measure_np.is_none()
        && r.phrase_end == m.end
        && m.unit.dimension == "money"
        && text.is_any(own.start, &["in"])
    {
        if let Some(np) = pinning_phrase(text, own.start + 1, own.end, times) {
            let mut words = np_words(text, &np);
            words.extend(purpose(text, np.end, own.end, times).unwrap_or_default());
            if !words.is_empty() {
                return Some(words.join(" "));
            }
        }
    }
    let mut words: Vec<String> = match measure_np {
        Some((_, words)) => words.clone(),
        // "Research and development expense increased $3.7 million", "direct services revenue
        // was $2.9 million": a figure with no noun of its own measures the clause's subject.
        // "grew by 1.6% year over year": a time after the figure is not its noun.
        None if (r.phrase_end == m.end || in_time(times, m.end..r.phrase_end))
            && r.part_of.is_none() =>
        {
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
        && crate::claims::words::is_plural(&text.lex.lemmas, text.lower(j + 1))
        && j + 1 < own.end
    {
        words.push(text.lower(j).to_string());
        words.push(noun_lemma(&text.lex.lemmas, text.lower(j + 1)));
        j += 2;
    }
    // "29 million workers claimed the overtime deduction": what they did it to pins them;
    // "250,000 children would lose access to child care", with what pins that.
    if let Some(object) = verb_object(text, r, j, own.end, times) {
        words.extend(np_words(text, &object));
        // "lose access to child care": "to" pins what the object is.
        let after = if text.is_any(object.end, &["to"]) {
            pinning_phrase(text, object.end + 1, own.end, times).map(|np| {
                words.push("to".to_string());
                words.extend(np_words(text, &np));
                np.end
            })
        } else {
            None
        };
        words.extend(pins(text, after.unwrap_or(object.end)..own.end, times));
        return Some(words.join(" "));
    }
    // "invests $213 billion to produce affordable homes": the purpose pins what the money is.
    if let Some(purpose) = purpose(text, j, own.end, times) {
        words.extend(purpose);
        return Some(words.join(" "));
    }
    words.extend(pins(text, j..own.end, times));
    Some(words.join(" "))
}

/// The prepositional phrases at the start of `stretch` that pin a figure's thing down: "on
/// imports of trucks", "in the brewer", "for the Housing Trust Fund"; as the prepositions and
/// the lemmas of their nouns.
pub(super) fn pins(text: &Text, stretch: Range<usize>, times: &[TimeMention]) -> Vec<String> {
    let mut words = Vec::new();
    let mut j = stretch.start;
    for _ in 0..MAX_PINNING_PHRASES {
        if j >= stretch.end || !text.lex.frames.pin_prepositions.contains(text.lower(j)) {
            break;
        }
        let Some(np) = pinning_phrase(text, j + 1, stretch.end, times) else {
            break;
        };
        words.push(text.lower(j).to_string());
        words.extend(np_words(text, &np));
        j = np.end;
    }
    words
}

/// What a figure is for or how it comes about, right after its noun phrase: "to build
/// housing", "to support employment" ("to" and a verb in its base form), "by requiring
/// insurers to ..." ("by" and a verb in "-ing"), "living with a caregiver" (a verb in "-ing");
/// as the preposition, the verb's lemma and its object's lemmas.
fn purpose(text: &Text, at: usize, end: usize, times: &[TimeMention]) -> Option<Vec<String>> {
    let (preposition, verb_at) = if text.is_any(at, &["to", "by"]) {
        (Some(text.lower(at)), at + 1)
    } else {
        (None, at)
    };
    if verb_at >= end || !text.is_word(verb_at) {
        return None;
    }
    let word = text.lower(verb_at);
    if text.lex.words.is_function_word(word) {
        return None;
    }
    let lemma = verb_lemma(&text.lex.lemmas, word)?;
    let form_fits = match preposition {
        Some("to") => lemma == word,
        _ => word.ends_with("ing") && lemma != word,
    };
    if !form_fits {
        return None;
    }
    let mut words: Vec<String> = preposition.into_iter().map(str::to_string).collect();
    words.push(lemma);
    if let Some(object) = pinning_phrase(text, verb_at + 1, end, times) {
        words.extend(np_words(text, &object));
    }
    Some(words)
}

/// The head of a thing, without its pinning phrases: "investment" of "investment in home
/// investment partnership".
pub(super) fn head_words<'t>(thing: &'t str, text: &Text) -> Vec<&'t str> {
    thing
        .split(' ')
        .take_while(|w| !text.lex.frames.pin_prepositions.contains(w))
        .collect()
}

/// Most words of a clause's subject taken as a figure's thing.
const MAX_SUBJECT_WORDS: usize = 5;

/// The subject of the verb right before a figure ("expense increased $3.7 million", "the
/// rate of unemployment in Ruritania reached 7.4%"), as lemmas in text order with its pinning
/// prepositions, and the place it names, if any (whose figure it is). Words back from the verb
/// to a function word that is no pinning preposition, a comma or a figure, within the clause.
pub(super) fn clause_subject(
    text: &Text,
    clause_start: usize,
    first: usize,
    times: &[TimeMention],
) -> Option<(Vec<String>, Option<String>)> {
    let lex = text.lex;
    let mut verb = first;
    // Between the verb and the figure: adverbs, and "by", "to" or "at" ("increased by $2m",
    // "rose to 7.4%").
    // "increased $9.6 million to $24.4 million": the change before "to" stands between too.
    while verb > clause_start {
        let j = verb - 1;
        let link = text.is_any(j, &["by", "to", "at"]);
        let change_before_to = text.is_any(verb, &["to"]) && in_figure_before(text, j);
        if text.is_word(j) && (link || lex.words.adverbs.contains(text.lower(j))) {
            verb = j;
        } else if change_before_to {
            verb = figure_start(text, j, clause_start);
        } else {
            break;
        }
    }
    let v = verb.checked_sub(1).filter(|&v| v >= clause_start)?;
    let word = text.lower(v);
    let is_verb = lex.words.auxiliaries.contains(word)
        || verb_lemma(&lex.lemmas, word).is_some()
            && crate::claims::words::is_past_form(&lex.lemmas, word)
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
        // "services revenue generated from our partnerships was": a participle's phrase
        // belongs to the subject.
        if let Some(participle) = participle_before(text, j) {
            start = participle;
            continue;
        }
        let connector = text.is(j, "and") || lex.frames.pin_prepositions.contains(w);
        if !text.is_word(j)
            || text.lex.words.is_function_word(w) && !connector
            || lex.words.auxiliaries.contains(w)
        {
            break;
        }
        start = j;
    }
    // "adults aged ≥18 years increased": a unit after a figure is no subject.
    if start > clause_start && !text.is_word(start - 1) && start + 1 == v {
        return None;
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
            && (text.has(j, crate::claims::lexicon::flags::PLACE)
                || after_preposition
                || possessive)
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
        } else if lex.words.determiners.contains(lower) || lex.words.prepositions.contains(lower) {
            continue;
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

/// Token `j` is a determiner after a preposition after a past participle ("generated from
/// our"): the participle's index.
fn participle_before(text: &Text, j: usize) -> Option<usize> {
    let lex = text.lex;
    let (preposition, participle) = (j.checked_sub(1)?, j.checked_sub(2)?);
    let participle_word = text.lower(participle);
    (lex.words.determiners.contains(text.lower(j))
        && text.is_word(preposition)
        && lex.words.prepositions.contains(text.lower(preposition))
        && text.is_word(participle)
        && participle_word.ends_with("ed")
        && crate::claims::words::is_past_form(&lex.lemmas, participle_word))
    .then_some(participle)
}

/// Token `j` ends a figure: a number, or a scale word or currency sign after one ("$9.6
/// million").
fn in_figure_before(text: &Text, j: usize) -> bool {
    let scale = text.lex.numbers.scales.contains_key(text.lower(j));
    text.is_number(j) || scale && j > 0 && text.is_number(j - 1) && text.gap(j) <= Gap::Space
}

/// The first token of the figure that ends at token `j`: back over numbers and currency signs
/// ("$9.6 million"), not before `floor`.
fn figure_start(text: &Text, j: usize, floor: usize) -> usize {
    let mut first = j;
    while first > floor
        && (text.is_number(first - 1)
            || text.has(first - 1, crate::claims::lexicon::flags::CURRENCY))
    {
        first -= 1;
    }
    first
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
    let np = noun_phrase_after_break(text, at)?;
    let inside = at..np.end;
    if np.end > end
        || in_time(times, inside.clone())
        || inside.clone().any(|j| {
            text.is_number(j)
                || text.has(j, crate::claims::lexicon::flags::PLACE)
                || text.has(j, crate::claims::lexicon::flags::DATE) && text.capitalized(j)
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
