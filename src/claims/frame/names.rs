//! Owners: the proper name a figure's clause is about ("Gabon had a rate of 13.7 percent",
//! "Smith, 32, was sentenced to 15 years").

use std::ops::Range;

use rustc_hash::{FxHashMap, FxHashSet};

use crate::claims::lexicon::flags;
use crate::claims::sentences::BULLETS;
use crate::claims::text::Text;
use crate::claims::tokens::{Gap, TokenKind};
use crate::claims::words::{is_past_form, is_plural, noun_lemma, strip_possessive, verb_lemma};

/// Most words of one name: "Department of Health and Human Services".
const MAX_NAME_WORDS: usize = 8;

/// Whether a capitalised word is written in lower case elsewhere in the document: then a
/// capital at the start of a sentence is only the sentence's ("Revenue rose"), not a name's.
/// Looked up lazily, for the few sentence-initial words that could be owners, and remembered.
pub struct Casing<'a> {
    src: &'a str,
    seen: FxHashMap<String, bool>,
    /// In a long document, every word written in lower case, found in one pass on first use:
    /// searching the whole text for each word would take time quadratic in its length.
    lower_words: Option<FxHashSet<&'a str>>,
}

/// Documents longer than this are read once for their lower-case words.
const SEARCH_MAX_BYTES: usize = 1 << 16;

impl<'a> Casing<'a> {
    pub fn new(src: &'a str) -> Self {
        Casing {
            src,
            seen: FxHashMap::default(),
            lower_words: None,
        }
    }

    fn written_in_lower_case(&mut self, lower: &str) -> bool {
        if let Some(&known) = self.seen.get(lower) {
            return known;
        }
        let letters = !lower.is_empty() && lower.bytes().all(|b| b.is_ascii_lowercase());
        let found = if self.src.len() > SEARCH_MAX_BYTES && letters {
            let src = self.src;
            self.lower_words
                .get_or_insert_with(|| lower_case_words(src))
                .contains(lower)
        } else {
            let bytes = self.src.as_bytes();
            memchr::memmem::find_iter(bytes, lower.as_bytes()).any(|at| {
                let before = at.checked_sub(1).map(|b| bytes[b]);
                let after = bytes.get(at + lower.len()).copied();
                !before.is_some_and(|b| b.is_ascii_alphanumeric())
                    && !after.is_some_and(|b| b.is_ascii_alphabetic())
            })
        };
        self.seen.insert(lower.to_string(), found);
        found
    }
}

/// The runs of ASCII letters in lower case that no letter or digit precedes: exactly the
/// words the search in [`Casing`] would find.
fn lower_case_words(src: &str) -> FxHashSet<&str> {
    let bytes = src.as_bytes();
    let mut words = FxHashSet::default();
    let mut i = 0;
    while i < bytes.len() {
        let starts = bytes[i].is_ascii_alphabetic()
            && !i
                .checked_sub(1)
                .is_some_and(|p| bytes[p].is_ascii_alphanumeric());
        if !starts {
            i += 1;
            continue;
        }
        let end = bytes[i..]
            .iter()
            .position(|b| !b.is_ascii_alphabetic())
            .map_or(bytes.len(), |k| i + k);
        if bytes[i..end].iter().all(u8::is_ascii_lowercase)
            && let Some(word) = src.get(i..end)
        {
            words.insert(word);
        }
        i = end;
    }
    words
}

/// Fewest words longer than three letters of a title in title case.
const MIN_TITLE_CASE_WORDS: usize = 5;

/// A sentence in capitals throughout (a heading in a report), or in title case ("President
/// Biden Announces an Additional $9 Billion in Student Debt Relief"): its capitals name
/// nothing.
pub fn is_heading(text: &Text, range: Range<usize>) -> bool {
    let (mut words, mut long_words) = (0, 0);
    let mut all_caps = true;
    for j in range {
        if !text.is_word(j) || text.str(j).len() <= 1 {
            continue;
        }
        let lower_case = text.str(j).bytes().any(|b| b.is_ascii_lowercase());
        all_caps &= !lower_case;
        words += 1;
        if text.str(j).chars().count() > 3 {
            if !text.capitalized(j) {
                return false;
            }
            long_words += 1;
        }
    }
    (all_caps && words >= 3) || long_words >= MIN_TITLE_CASE_WORDS
}

/// Most words of a common-noun subject taken as an owner.
const MAX_SUBJECT_WORDS: usize = 5;

/// The owner of a figure: the last proper name in `region` (the clause before the figure's
/// noun phrase), after an opening adverbial, that is neither a list item nor the source of a
/// report ("Europol said"), and stands where a subject does: before the clause's verb, or
/// possessive, or with an apposition ("Smith, 32,"). Without such a name, and when
/// `subject_too` (the figure has a noun of its own, so the clause's subject is not what it
/// measures), the clause's subject as lemmas: "the average price for eggs has declined for
/// three weeks" belongs to `average price egg`.
pub fn owner(
    text: &Text,
    region: Range<usize>,
    listed: &[Range<usize>],
    casing: &mut Casing,
    subject_too: bool,
) -> Option<String> {
    // "A spokesman said the new rules would ...": the clause reported starts after the verb
    // that reports it.
    let start = (region.start..region.end)
        .rev()
        .find(|&j| is_source_verb(text, j))
        .map(|j| if text.is(j + 1, "that") { j + 2 } else { j + 1 })
        .unwrap_or_else(|| after_adverbial(text, region.clone()));
    let verb = (start..region.end).find(|&j| is_clause_verb(text, j));
    let mut best = None;
    let mut j = start;
    while j < region.end {
        if !is_name_word(text, j) {
            j += 1;
            continue;
        }
        let first = j;
        let mut end = j + 1;
        while end < region.end && end - first < MAX_NAME_WORDS {
            if is_name_word(text, end) && text.gap(end) <= Gap::Space {
                end += 1;
            } else if text.is_any(end, &["of", "and", "&", "for"])
                && is_name_word(text, end + 1)
                && end + 1 < region.end
            {
                end += 2;
            } else {
                break;
            }
        }
        j = end;
        let in_list = listed.iter().any(|r| r.start <= first && end <= r.end);
        // "the arrests in Malta", "imports from China": a name after a preposition is a
        // place or a party, not whose figure it is.
        let oblique = first > 0 && text.lex.words.prepositions.contains(text.lower(first - 1));
        // "AI skilling opportunities for 840,000 people": a name after the verb is the
        // figure's owner only as a possessive or with an apposition.
        let subject_place = verb.is_none_or(|v| end <= v)
            || text.str(end - 1).ends_with("'s")
            || text.str(end - 1).ends_with("’s")
            || text.is_symbol(end, &[","]);
        if in_list
            || oblique
            || !subject_place
            || reports(text, end)
            || !is_name(text, first, end, casing)
        {
            continue;
        }
        best = Some(name_text(text, first, end));
    }
    best.or_else(|| {
        // "Icann said its decision ...": a source is no owner, named or not.
        let verb = verb.filter(|&v| subject_too && !reports(text, v))?;
        common_subject(text, start, verb)
    })
}

/// A finite verb that can end a clause's subject: an auxiliary or a past form of a known verb,
/// in lower case. (A present form in "-s" is as often a plural noun: "the new rules".)
fn is_clause_verb(text: &Text, j: usize) -> bool {
    if !text.is_word(j) || text.capitalized(j) {
        return false;
    }
    let word = text.lower(j);
    text.lex.words.auxiliaries.contains(word)
        || verb_lemma(&text.lex.lemmas, word).is_some() && is_past_form(&text.lex.lemmas, word)
}

/// Whose figure the subject `start..verb` says: a name after one of its prepositions ("the
/// fibre network in Eastvale"), else its head noun as a lemma ("the average price for eggs" is
/// `price`); none for a pronoun or when a figure stands in it.
fn common_subject(text: &Text, start: usize, verb: usize) -> Option<String> {
    if (start..verb).any(|j| text.is_number(j)) || verb - start > 2 * MAX_SUBJECT_WORDS {
        return None;
    }
    let pins = &text.lex.frames.pin_prepositions;
    let named = (start + 1..verb)
        .find(|&j| text.is_word(j) && text.capitalized(j) && pins.contains(text.lower(j - 1)));
    if let Some(j) = named {
        return Some(strip_possessive(text.str(j)).to_string());
    }
    // The head: the last content word before the first preposition.
    let end = (start..verb)
        .find(|&j| pins.contains(text.lower(j)))
        .unwrap_or(verb);
    (start..end)
        .rev()
        .find(|&j| text.is_word(j) && !text.lex.words.is_function_word(text.lower(j)))
        .map(|j| noun_lemma(&text.lex.lemmas, strip_possessive(text.lower(j))))
}

/// After "According to the report," or "In 2019,": where the clause's subject starts.
/// A reporting verb of `source_verbs` at `j`, not the plural noun it can also be: "across 16
/// states", "the reports", "their estimates" name things.
pub(super) fn is_source_verb(text: &Text, j: usize) -> bool {
    let noun_before = j > 0
        && (text.is_number(j - 1)
            || text.lex.words.determiners.contains(text.lower(j - 1))
            || text.lex.words.prepositions.contains(text.lower(j - 1)));
    text.is_word(j) && text.lex.frames.source_verbs.contains(text.lower(j)) && !noun_before
}

fn after_adverbial(text: &Text, region: Range<usize>) -> usize {
    if !text.is_word(region.start)
        || !text
            .lex
            .frames
            .intro_words
            .contains(text.lower(region.start))
    {
        return region.start;
    }
    (region.start..region.end)
        .find(|&j| text.is_symbol(j, &[","]))
        .map_or(region.start, |j| j + 1)
}

/// A capitalised word that is not a function word: "Gabon", "B1", "NATO".
fn is_name_word(text: &Text, j: usize) -> bool {
    text.is_word(j) && text.capitalized(j) && !text.lex.words.is_function_word(text.lower(j))
        || text.is_word(j) && text.is(j, "the") && text.capitalized(j + 1) && text.is_word(j + 1)
}

/// The run `first..end` names someone or something: more than a single letter, not a date
/// word, and not a common word capitalised only because it starts the sentence.
fn is_name(text: &Text, first: usize, end: usize, casing: &mut Casing) -> bool {
    let first = if text.is(first, "the") {
        first + 1
    } else {
        first
    };
    if first >= end {
        return false;
    }
    if end - first == 1 {
        let word = text.lower(first);
        // "Four people were hurt": a number word is a figure, never a name.
        if word.chars().count() < 2
            || text.has(first, flags::NUMBER)
            || text.lex.dates.months.contains_key(word)
            || text.lex.dates.weekdays.contains_key(word)
        {
            return false;
        }
        let starts_sentence = first == 0
            || text.gap(first) >= Gap::Line
            || text.is_symbol(first - 1, &[".", "!", "?", "\"", "“", "-", "•", "*"]);
        let stem = strip_possessive(word);
        // "Prices rose", "Police said": a plural at the start of a sentence is a common noun;
        // names are rarely plural.
        let common = verb_lemma(&text.lex.lemmas, stem).is_some()
            || is_plural(&text.lex.lemmas, stem)
            || text
                .str(first)
                .bytes()
                .skip(1)
                .all(|b| !b.is_ascii_uppercase())
                && casing.written_in_lower_case(stem);
        if starts_sentence && common {
            return false;
        }
    }
    true
}

/// A reporting verb follows the name: "Europol said", "the ministry reported".
fn reports(text: &Text, end: usize) -> bool {
    let at = if text.is_symbol(end, &[","]) {
        end + 1
    } else {
        end
    };
    text.kind(at) == Some(TokenKind::Word)
        && (text.lex.frames.source_verbs.contains(text.lower(at))
            || text.lex.words.auxiliaries.contains(text.lower(at))
                && text.is_word(at + 1)
                && is_past_form(&text.lex.lemmas, text.lower(at + 1))
                && text.lex.frames.source_verbs.contains(text.lower(at + 1)))
}

/// Most tokens of a label before a colon that names the source of a line.
const MAX_LABEL_TOKENS: usize = 6;

/// "CNN: 88% of MAGA Republicans ...", "The Economist/YouGov: 87% of ...": a short capitalised
/// label that opens a line and ends in a colon says whose the figures after it are.
pub fn line_label(text: &Text, clause_start: usize) -> Option<String> {
    let colon = clause_start.checked_sub(1)?;
    if !text.is_symbol(colon, &[":"]) {
        return None;
    }
    let first = (colon.saturating_sub(MAX_LABEL_TOKENS)..colon)
        .rev()
        .find(|&j| j == 0 || text.gap(j) >= Gap::Line)?;
    // A bullet before the label is no part of it.
    let first = if text.is_symbol(first, BULLETS) {
        first + 1
    } else {
        first
    };
    let label = first..colon;
    let capitalised = text.capitalized(first) && label.clone().all(|j| !text.is_number(j));
    (capitalised && !label.is_empty()).then(|| name_text(text, first, colon))
}

/// The name as written, without a leading "the" and a possessive "'s".
fn name_text(text: &Text, first: usize, end: usize) -> String {
    let first = if text.is(first, "the") {
        first + 1
    } else {
        first
    };
    let (s, e) = text.span(first, end);
    let written = text.src.get(s..e).unwrap_or("");
    strip_possessive(written).to_string()
}

#[cfg(test)]
mod casing_tests {
    use super::*;

    /// The one-pass set of a long document finds what the search finds in a short one.
    #[test]
    fn lower_case_words_are_what_the_search_finds() {
        let text = "Revenue rose. revenue-based 2revenue Revenues, revenue2 cost. Élan élan";
        let long = format!("{text}{}", " ".repeat(SEARCH_MAX_BYTES));
        for word in ["revenue", "cost", "rose", "revenues", "lan", "based"] {
            let short = Casing::new(text).written_in_lower_case(word);
            assert_eq!(
                Casing::new(&long).written_in_lower_case(word),
                short,
                "{word}"
            );
        }
    }
}
