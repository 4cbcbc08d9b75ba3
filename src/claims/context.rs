//! What a figure is about: its subject ("1,027 individuals" -> individual), the verb that
//! governs it ("were arrested" -> arrest), the whole it is part of ("Ninety of the arrests"),
//! and the places that scope it ("in Malta").

use super::places::Mention;
use super::quantity::Measured;
use super::text::Text;
use super::tokens::{Gap, TokenKind};
use super::words::{is_past_form, is_plural, noun_lemma, strip_possessive, verb_lemma};

/// A noun phrase: its tokens and the lemma of its head.
#[derive(Debug, Clone, PartialEq)]
pub struct NounPhrase {
    pub first: usize,
    pub end: usize,
    pub lemma: String,
}

/// The roles found for one figure.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Roles {
    pub subject: Option<String>,
    pub predicate: Option<String>,
    pub part_of: Option<String>,
    /// One past the last token that belongs to the figure's phrase (its noun, its "of X").
    pub phrase_end: usize,
    /// The figure is bare: no noun of its own, so a subject may be carried over.
    pub bare: bool,
}

/// Most words a noun phrase may have before its head.
const MAX_PHRASE_WORDS: usize = 5;
/// Verbs that report rather than state what the figure measures.
const REPORTING_VERBS: &[&str] = &[
    "say", "tell", "add", "state", "announce", "claim", "show", "reveal", "suggest",
];

/// The noun phrase starting at `at`: determiners, modifiers, and the head noun.
pub fn noun_phrase_at(text: &Text, at: usize) -> Option<NounPhrase> {
    noun_phrase_from(text, at, Gap::Space)
}

/// The noun phrase starting at `at`, which may stand after a line break or a page break within
/// its sentence: hard-wrapped reports break lines after a preposition ("$188 billion
/// in\ndeposits"). The caller bounds the phrase by its sentence.
pub fn noun_phrase_after_break(text: &Text, at: usize) -> Option<NounPhrase> {
    noun_phrase_from(text, at, Gap::Paragraph)
}

fn noun_phrase_from(text: &Text, at: usize, first_gap: Gap) -> Option<NounPhrase> {
    let lex = text.lex;
    // Inside the phrase its words stand on one line.
    let joined = |j: usize| text.gap(j) <= if j == at { first_gap } else { Gap::Space };
    let starts_time = |j: usize| {
        let word = text.lower(j);
        lex.dates.time_modifiers.contains(word)
            || lex.dates.months.contains_key(word)
            || lex.dates.weekdays.contains_key(word)
    };
    if starts_time(at) {
        return None; // "£300,000 last spring"
    }
    let mut j = at;
    while text.is_word(j) && joined(j) && lex.words.determiners.contains(text.lower(j)) {
        j += 1;
    }
    // "the 1,027 arrests": a figure inside the phrase belongs to the whole.
    if text.is_number(j) && joined(j) {
        j += 1;
    }
    let first = j;
    // The phrase's words, on the stack: this runs for every figure.
    let mut slots = [0usize; MAX_PHRASE_WORDS];
    let mut count = 0;
    while count < MAX_PHRASE_WORDS && text.is_word(j) && joined(j) {
        let word = text.lower(j);
        if lex.words.noun_modifiers.contains(word) {
            j += 1; // "three other detainees"
            continue;
        }
        if lex.words.is_function_word(word) {
            break;
        }
        // "arrests made", "170 involved": a verb ends the phrase, unless it is an adjective
        // before a noun ("30 injured people").
        let participle = is_past_form(&lex.lemmas, word);
        if participle && !(text.is_word(j + 1) && is_plural(&lex.lemmas, text.lower(j + 1))) {
            break;
        }
        // "coca-growing regions", "two arch-rivals": a hyphenated word counts by its last part.
        let hyphenated = text.is_symbol(j + 1, &["-"])
            && text.glued(j + 1)
            && text.glued(j + 2)
            && text.is_word(j + 2);
        let last = if hyphenated { j + 2 } else { j };
        slots[count] = last;
        count += 1;
        j = last + 1;
        // A plural noun ends the phrase: "individuals were", "countries including".
        if is_plural(&lex.lemmas, text.lower(last)) {
            break;
        }
    }
    let words = &slots[..count];
    let &head = words.last()?;
    let head_lower = text.lower(head);
    let lemma = noun_lemma(&lex.lemmas, strip_possessive(head_lower));
    // "EU Member States" -> "member state": a known compound takes its modifier along.
    let lemma = match words.len().checked_sub(2).map(|k| words[k]) {
        Some(modifier) => {
            let compound = format!("{} {lemma}", text.lower(modifier));
            if lex.lemmas.compounds.contains(&compound) {
                compound
            } else {
                lemma
            }
        }
        None => lemma,
    };
    Some(NounPhrase {
        first,
        end: head + 1,
        lemma,
    })
}

/// Figures of these dimensions name what they measure with "of": "1.3 kg of heroin", "5% of
/// the vote", "5GB of memory"; but "within 24 hours of a match" does not.
fn measures_stuff(dimension: &str) -> bool {
    matches!(
        dimension,
        "count" | "percent" | "mass" | "volume" | "area" | "length" | "money" | "data" | "energy"
    )
}

/// Subject, predicate and part-of for the figure `m`.
pub fn roles(text: &Text, m: &Measured) -> Roles {
    let mut roles = Roles {
        phrase_end: m.end,
        ..Roles::default()
    };
    let count_like = matches!(m.unit.dimension.as_str(), "count" | "percent");
    if let Some(noun) = m.hyphen_noun {
        roles.subject = Some(noun_lemma(&text.lex.lemmas, text.lower(noun)));
        roles.phrase_end = noun + 1;
        if text.is(noun, "strong") {
            if let Some(np) = noun_phrase_at(text, noun + 1) {
                roles.subject = Some(np.lemma);
                roles.phrase_end = np.end;
            }
        }
    } else if count_like
        && text.is(m.end, "of")
        && text.is_any(
            m.end + 1,
            &["them", "those", "these", "us", "whom", "which"],
        )
    {
        // "Four people, two of them paralysed": a part of a whole named before.
        roles.part_of = Some(text.lower(m.end + 1).to_string());
        roles.phrase_end = m.end + 2;
    } else if text.is(m.end, "of")
        && text.gap(m.end) <= Gap::Space
        && measures_stuff(&m.unit.dimension)
    {
        if let Some(np) = noun_phrase_at(text, m.end + 1) {
            // "Ninety of the arrests", "5% of the vote": a part of a whole.
            let determiner = np.first > m.end + 1;
            // "Ninety of the arrests" is a part of the arrests; "4,000 of its first hybrid"
            // counts something else about one hybrid.
            let plural_whole = is_plural(&text.lex.lemmas, text.lower(np.end - 1));
            let partitive = (determiner && plural_whole) || m.unit.dimension == "percent";
            if count_like && !m.figure.vague && partitive {
                // "eight of the 10 leading causes" states its own whole, and is a part of that
                // whole ("10 cause"), not of one stated elsewhere.
                let own_whole = (m.end + 1..np.end).find(|&j| text.is_number(j));
                roles.part_of = Some(match own_whole {
                    Some(j) => format!("{} {}", text.str(j), np.lemma),
                    None => np.lemma.clone(),
                });
            }
            roles.subject = Some(np.lemma);
            roles.phrase_end = np.end;
        }
    } else if count_like || m.adjectival || matches!(m.unit.dimension.as_str(), "money" | "age") {
        // "1,027 individuals", "a £5m deal", "a 30-year-old man"; but "12 km long" has none.
        if let Some(np) = noun_phrase_at(text, m.end).filter(|np| np.first == m.end) {
            roles.subject = Some(np.lemma);
            roles.phrase_end = np.end;
        }
    }
    roles.predicate = predicate_after(text, roles.phrase_end);
    // "dies aged 44", "was jailed, aged 19": the verb before "aged" governs an age.
    if roles.predicate.is_none()
        && m.unit.dimension == "age"
        && text.is_any(m.first.wrapping_sub(1), &["aged", "age"])
    {
        roles.predicate = verb_before(text, m.first - 1).map(|(_, lemma)| lemma);
    }
    if roles.predicate.is_none() {
        if let Some(nominal) = nominalisation_before(text, m.first) {
            roles.predicate = Some(nominal);
        } else if let Some((verb, lemma)) = verb_before(text, m.first) {
            roles.predicate = Some(lemma);
            if roles.subject.is_none() {
                roles.subject = subject_of_verb(text, verb);
            }
        }
    }
    if roles.subject.is_none() {
        roles.subject = noun_of_before(text, m.first);
    }
    // "one in 13 pupils", "two-thirds of voters": a share is part of what it counts.
    if m.figure.fraction && roles.part_of.is_none() {
        roles.part_of = roles.subject.clone();
    }
    roles.bare = roles.subject.is_none();
    roles
}

/// The verb after a figure's phrase: "were arrested", "have been seized", "involved".
fn predicate_after(text: &Text, at: usize) -> Option<String> {
    let lex = text.lex;
    let mut j = at;
    let mut auxiliaries = 0;
    while text.is_word(j) && text.gap(j) <= Gap::Space {
        let word = text.lower(j);
        if lex.words.auxiliaries.contains(word) {
            auxiliaries += 1;
        } else if !(auxiliaries > 0 && lex.words.adverbs.contains(word)) {
            break;
        }
        j += 1;
    }
    if !text.is_word(j) || text.gap(j) > Gap::Space {
        return None;
    }
    let word = text.lower(j);
    let lemma = verb_lemma(&lex.lemmas, word)?;
    // With no auxiliary, only a finite form is a verb here ("170 involved", "prices rise").
    let finite = auxiliaries > 0 || is_past_form(&lex.lemmas, word) || word.ends_with('s');
    (finite && !REPORTING_VERBS.contains(&lemma.as_str())).then_some(lemma)
}

/// "the confiscation of 1.3 kg": a verb written as a noun before "of".
fn nominalisation_before(text: &Text, first: usize) -> Option<String> {
    if first < 2 || !text.is(first - 1, "of") {
        return None;
    }
    let noun = text.lower(first - 2);
    let singular_noun = noun_lemma(&text.lex.lemmas, noun);
    text.lex
        .lemmas
        .nominalisations
        .get(singular_noun.as_str())
        .cloned()
}

/// A verb shortly before the figure: "seized 200 kg", "rose 12% to £1.2bn", "rose by 5%".
/// Returns the verb's token and lemma.
fn verb_before(text: &Text, first: usize) -> Option<(usize, String)> {
    let lex = text.lex;
    let mut j = first;
    for _ in 0..6 {
        j = j.checked_sub(1)?;
        if text.gap(j + 1) > Gap::Space {
            return None;
        }
        match text.kind(j)? {
            TokenKind::Number => continue,
            TokenKind::Symbol if ["%", "£", "$", "€", "-", "–"].contains(&text.str(j)) => {
                continue;
            }
            TokenKind::Symbol => return None,
            TokenKind::Word => {
                let word = text.lower(j);
                if [
                    "by", "to", "from", "at", "up", "down", "about", "around", "nearly", "almost",
                    "some", "than", "more", "over", "under", "only", "just", "a", "an", "another",
                    "further", "million", "billion", "bn", "m", "per", "cent", "percent",
                ]
                .contains(&word)
                {
                    continue;
                }
                let lemma = verb_lemma(&lex.lemmas, word)?;
                if lex.words.auxiliaries.contains(word) || REPORTING_VERBS.contains(&lemma.as_str())
                {
                    return None;
                }
                let finite =
                    is_past_form(&lex.lemmas, word) || word.ends_with('s') || word.ends_with("ing");
                return finite.then_some((j, lemma));
            }
        }
    }
    None
}

/// The noun before a verb: "profits rose 12%" -> profit; "the dollar reached $1.28" -> dollar.
fn subject_of_verb(text: &Text, verb: usize) -> Option<String> {
    let lex = text.lex;
    let mut j = verb;
    loop {
        j = j.checked_sub(1)?;
        if !text.is_word(j) || text.gap(j + 1) > Gap::Space {
            return None;
        }
        let word = text.lower(j);
        if lex.words.auxiliaries.contains(word) || lex.words.adverbs.contains(word) {
            continue;
        }
        if text.lex.words.is_function_word(text.lower(j))
            || verb_lemma(&lex.lemmas, word).is_some_and(|_| is_past_form(&lex.lemmas, word))
        {
            return None;
        }
        return Some(noun_lemma(&lex.lemmas, strip_possessive(word)));
    }
}

/// "sales of £3bn", "a population of 400,000": the noun before "of" names what is measured.
fn noun_of_before(text: &Text, first: usize) -> Option<String> {
    if first < 2 || !text.is(first - 1, "of") || !text.is_word(first - 2) {
        return None;
    }
    let word = text.lower(first - 2);
    if text.lex.words.is_function_word(text.lower(first - 2)) {
        return None;
    }
    Some(noun_lemma(&text.lex.lemmas, strip_possessive(word)))
}

/// Prepositions after which a place scopes a figure: "in Malta", "across Europe".
const LOCATIVES: &[&str] = &["in", "across", "throughout", "within", "inside", "at"];

/// Does a locative preposition introduce the mention ("in Malta", "in the EU")?
pub fn is_locative(text: &Text, mention: &Mention) -> bool {
    mention.first > 0 && text.is_any(mention.first - 1, LOCATIVES)
}
