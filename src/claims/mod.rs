//! Claims out: the deterministic extractor and the claim model.
//!
//! [`extract`] reads a [`Document`]'s prose view and returns every checkable claim with byte
//! offsets into the original file. The steps, each in its own module: [`tokens`] splits the
//! text, [`sentences`] finds sentence ends, [`dates`] takes dates and periods first (so that
//! "15 September 2014" is not read as figures), [`quantity`] reads figures with units and
//! hedges, [`context`] finds what each figure is about, [`places`] and [`lists`] read the
//! gazetteer's names.

pub mod chunks;
pub mod context;
pub mod dates;
pub mod filter;
pub mod frame;
pub mod lexicon;
pub mod lists;
pub mod model;
pub mod numbers;
pub mod phrases;
pub mod places;
pub mod quantity;
pub mod sentences;
pub mod text;
pub mod tokens;
pub mod words;

mod infer;
#[cfg(test)]
mod tests;

use std::ops::Range;

pub use model::{
    Approx, Claim, DateClaim, Frame, Interval, List, ListItem, Period, Quantity, Span, Unit,
};

use crate::calendar::PartialDate;
use crate::source::Document;
use context::{Roles, is_locative, roles};
use dates::{DateMatch, date_at};
use lexicon::{Lexicon, flags};
use places::{Mention, mentions};
use quantity::{Found, Measured, may_start_quantity, quantity_at};
use text::Text;
use tokens::Gap;

/// What the extractor found in one document.
#[derive(Debug, Clone, PartialEq)]
pub struct Extraction {
    /// The document date used to resolve relative dates: given, stated in the metadata, or
    /// inferred from the text.
    pub date: Option<PartialDate>,
    pub claims: Vec<Claim>,
}

/// Extracts the claims of a document. `date` overrides the document's own date.
pub fn extract(document: &Document, date: Option<PartialDate>) -> Extraction {
    extract_text(
        document.prose(),
        &document.text,
        date.or(document.meta_date),
    )
}

/// Documents longer than this many bytes are extracted a chunk at a time ([`chunks`]).
const CHUNK_BYTES: usize = 1 << 20;

/// Extracts the claims of `prose`, a view of `original` of the same length in which markup is
/// blanked (or `original` itself for plain text). Offsets are offsets into `original`.
pub fn extract_text(prose: &str, original: &str, date: Option<PartialDate>) -> Extraction {
    extract_in_chunks(prose, original, date, CHUNK_BYTES)
}

/// [`extract_text`], reading about `chunk_bytes` of the text at a time. The claims are the
/// same whatever the chunk size: chunks end where no step looks past, and what one sentence
/// passes to the next (the time of a heading or paragraph, subjects, the casing of words)
/// carries across.
pub fn extract_in_chunks(
    prose: &str,
    original: &str,
    date: Option<PartialDate>,
    chunk_bytes: usize,
) -> Extraction {
    let lex = Lexicon::embedded();
    // A prose view must match its original byte for byte in length; anything else is a bug in
    // the caller, and reading the original instead keeps offsets right.
    let prose = if prose.len() == original.len() {
        prose
    } else {
        original
    };
    let ranges = chunks::chunks(prose, chunk_bytes);
    // The document's date rests on every date it states: a document of several chunks is read
    // for its dates first; one chunk is decided from its own.
    let mut known_date = match date {
        Some(date) => Some(Some(date)),
        None if ranges.len() > 1 => Some(date_of_chunks(prose, &ranges, lex)),
        None => None,
    };
    let mut carried = Carried {
        casing: frame::Casing::new(prose),
        section_time: None,
        paragraph_time: None,
        sentences_before: 0,
        claims: Vec::new(),
        figures: Vec::new(),
    };
    for range in ranges {
        let prepared = text::Prepared::stretch(prose, range, lex);
        let text = prepared.text(prose, lex);
        let sentences = sentences::split(&text, &lex.abbreviations);
        let mut taken = vec![false; text.len()];
        let found_dates = find_dates(&text, &sentences, &mut taken);
        let date = *known_date.get_or_insert_with(|| infer::document_date(&text, &found_dates));
        let chunk = Chunk {
            text: &text,
            sentences: &sentences,
            found_dates: &found_dates,
            original,
            date,
        };
        extract_chunk(&chunk, &mut taken, &mut carried);
    }
    let Carried {
        mut claims,
        figures,
        ..
    } = carried;
    infer::carry_subjects(&mut claims, &figures);
    // In text order; at one span, dates before lists before figures. Unstable: a stable sort
    // of a long report's claims would need a buffer half their size.
    claims.sort_unstable_by_key(|c| {
        let kind = match c {
            Claim::Date(_) | Claim::Period(_) => 0,
            Claim::List(_) => 1,
            Claim::Quantity(_) => 2,
        };
        (c.span().start, c.span().end, kind)
    });
    Extraction {
        date: known_date.flatten(),
        claims,
    }
}

/// The date of a document of several chunks, from the dates stated in all of them.
fn date_of_chunks(
    prose: &str,
    ranges: &[Range<usize>],
    lex: &'static Lexicon,
) -> Option<PartialDate> {
    let mut evidence = infer::DateEvidence::default();
    for range in ranges {
        let prepared = text::Prepared::stretch(prose, range.clone(), lex);
        let text = prepared.text(prose, lex);
        let sentences = sentences::split(&text, &lex.abbreviations);
        let mut taken = vec![false; text.len()];
        evidence.add(&text, &find_dates(&text, &sentences, &mut taken));
    }
    evidence.date()
}

/// One chunk of a document, read: its tokens, sentences and dates.
struct Chunk<'t, 'a> {
    text: &'t Text<'a>,
    sentences: &'t [Range<usize>],
    found_dates: &'t [(Span, DateMatch)],
    original: &'a str,
    date: Option<PartialDate>,
}

/// What extraction carries from one chunk to the next.
struct Carried<'a> {
    casing: frame::Casing<'a>,
    /// The time of the last heading that states one.
    section_time: Option<String>,
    /// The time stated earlier in the current paragraph.
    paragraph_time: Option<String>,
    /// Sentences in the chunks before: figures are numbered by sentence across the document.
    sentences_before: usize,
    claims: Vec<Claim>,
    /// The figures among `claims`: the number of the sentence (counted across the document)
    /// and the index in `claims` of each.
    figures: Vec<(usize, usize)>,
}

/// Extracts the claims of one chunk into `carried`; `taken` marks the tokens of its dates.
fn extract_chunk(chunk: &Chunk, taken: &mut [bool], carried: &mut Carried) {
    let Chunk {
        text,
        sentences,
        found_dates,
        original,
        date,
    } = *chunk;
    let date_claims = infer::date_claims(text, found_dates, date, original);
    // The date step's finds by token range, beside their claims (one each, in order).
    let dated: Vec<(Range<usize>, &Claim)> = found_dates
        .iter()
        .map(|(_, m)| m.first..m.end)
        .zip(date_claims.iter())
        .collect();
    let mut next_date = 0;
    let mut found_lists = Vec::new();
    let Carried {
        casing,
        section_time,
        paragraph_time,
        sentences_before,
        claims,
        figures,
    } = carried;
    for (index, range) in sentences.iter().enumerate() {
        let sentence = sentence_span(text, range);
        let names = mentions(text, range.clone());
        let lists = lists::lists(text, range.clone(), &names, sentence, original);
        let listed: Vec<Range<usize>> = lists.iter().map(|(first, end, _)| *first..*end).collect();
        found_lists.extend(lists.into_iter().map(|(_, _, list)| Claim::List(list)));
        let mut in_sentence = find_quantities(text, range.clone(), taken);
        inherit_units(text, &mut in_sentence);
        let mut with_roles: Vec<(Measured, Roles)> = in_sentence
            .into_iter()
            .map(|m| {
                let r = roles(text, &m);
                (m, r)
            })
            .filter(|(m, r)| !is_pronoun_one(text, m, r))
            .collect();
        share_in_coordination(text, range.start, &mut with_roles);
        let scopes = assign_scopes(text, &with_roles, &names, &listed);
        let first_date = next_date;
        while dated
            .get(next_date)
            .is_some_and(|(t, _)| t.start < range.end)
        {
            next_date += 1;
        }
        let times = frame::time_mentions(text, range.clone(), &dated[first_date..next_date]);
        let in_sentence = frame::Sentence {
            range: range.clone(),
            figures: &with_roles,
            times: &times,
            listed: &listed,
        };
        let mut frames = frame::frames(text, &in_sentence, casing);
        if range.start == 0 || text.gap(range.start) >= Gap::Paragraph {
            *paragraph_time = None;
        }
        // "Fiscal Year 2019 Compared with Fiscal Year 2018": a heading's time holds for the
        // figures under it that state none, up to the next heading. Within a paragraph, the
        // time of an earlier sentence holds for the figures after it that state none ("Cash
        // was $7.2 million in fiscal 2019. The provision was due to ... $22.4 million").
        if frame::is_heading_line(text, range.clone()) {
            *section_time = times.first().map(|t| t.label.clone());
        } else if let Some(time) = paragraph_time.as_ref().or(section_time.as_ref()) {
            for f in frames
                .iter_mut()
                .filter(|f| f.time.is_none() && f.thing.is_some())
            {
                f.time = Some(time.clone());
                f.time_from_context = true;
            }
        }
        // Only a resolved date or fiscal period carries: "before data editing" or an
        // unresolved "january" is too weak to tell later figures apart.
        if let Some(first) = times.first().filter(|t| is_dated(&t.label)) {
            *paragraph_time = Some(first.label.clone());
        }
        for (((m, r), scope), frame) in with_roles.into_iter().zip(scopes).zip(frames) {
            let mut q = build_quantity(text, &m, r, scope, sentence, original);
            q.frame = Box::new(frame);
            figures.push((*sentences_before + index, claims.len()));
            claims.push(Claim::Quantity(q));
        }
    }
    *sentences_before += sentences.len();
    drop(dated);
    claims.extend(date_claims);
    claims.extend(found_lists);
}

/// A time label that names a date, a year, a period or a fiscal period: "2019", "2019-03",
/// "FY2019", "2019-Q3", "2018..2019".
fn is_dated(label: &str) -> bool {
    label.starts_with(|c: char| c.is_ascii_digit()) || label.starts_with("FY")
}

/// The lemma of the first verb in a past form among the tokens `range`: the main clause's
/// verb when none of its figures has one ("Half of the students seriously considered ...").
fn first_past_verb(text: &Text, range: Range<usize>) -> Option<String> {
    range
        .filter(|&j| text.is_word(j) && !text.capitalized(j))
        .find(|&j| words::is_past_form(&text.lex.lemmas, text.lower(j)))
        .and_then(|j| words::verb_lemma(&text.lex.lemmas, text.lower(j)))
}

/// "a commercial one", "tipped as one to watch": "one" with nothing counted is a pronoun.
fn is_pronoun_one(text: &Text, m: &Measured, r: &Roles) -> bool {
    m.end == m.first + 1
        && text.lower(m.first) == "one"
        && m.unit.dimension == "count"
        && r.subject.is_none()
        && r.part_of.is_none()
}

fn sentence_span(text: &Text, range: &Range<usize>) -> Span {
    let (start, end) = text.span(range.start, range.end);
    Span::new(start, end)
}

fn find_dates(
    text: &Text,
    sentences: &[Range<usize>],
    taken: &mut [bool],
) -> Vec<(Span, DateMatch)> {
    let mut found = Vec::new();
    for range in sentences {
        let sentence = sentence_span(text, range);
        let mut i = range.start;
        while i < range.end {
            // Dates start with a figure, a date word, or a number word ("three years ago").
            i = text.next_with(flags::DIGITS | flags::DATE | flags::NUMBER, i, range.end);
            if i >= range.end {
                break;
            }
            match date_at(text, i).filter(|m| m.end <= range.end) {
                Some(m) => {
                    taken[m.first..m.end].iter_mut().for_each(|t| *t = true);
                    found.push((sentence, m));
                    i = m.end.max(i + 1);
                }
                None => i += 1,
            }
        }
    }
    found
}

fn find_quantities(text: &Text, range: Range<usize>, taken: &mut [bool]) -> Vec<Measured> {
    let mut found = Vec::new();
    let mut i = range.start;
    while i < range.end {
        // What a quantity may start with carries one of these flags.
        i = text.next_with(
            flags::DIGITS | flags::NUMBER | flags::CURRENCY,
            i,
            range.end,
        );
        if i >= range.end {
            break;
        }
        if taken[i] || !may_start_quantity(text, i) {
            i += 1;
            continue;
        }
        match quantity_at(text, i) {
            Some(Found::Quantity(m))
                if m.end <= range.end && !taken[m.first..m.end].iter().any(|t| *t) =>
            {
                taken[m.first..m.end].iter_mut().for_each(|t| *t = true);
                i = m.end;
                found.push(*m);
            }
            Some(Found::Skip(to)) => i = to.max(i + 1),
            _ => i += 1,
        }
    }
    found
}

/// "from 36 to 21 days", "from 5 to 10%": the first figure is in the unit of the second.
fn inherit_units(text: &Text, found: &mut [Measured]) {
    for k in 0..found.len().saturating_sub(1) {
        let (first, next) = (&found[k], &found[k + 1]);
        let bare = first.unit.dimension == "count"
            && first.figure.scale.is_none()
            && !first.figure.fraction;
        let from_to = text.is(first.first.wrapping_sub(1), "from")
            && text.is(first.end, "to")
            && (first.end + 1..next.first).all(|j| text.lex.words.adverbs.contains(text.lower(j)));
        if bare && from_to && next.unit.dimension != "count" {
            found[k].unit = found[k + 1].unit.clone();
        }
    }
}

/// The items of `items` (in order of `first`) from the first whose `first` is at least `at`.
fn starting_at<T>(items: &[T], first: impl Fn(&T) -> usize, at: usize) -> &[T] {
    &items[items.partition_point(|x| first(x) < at)..]
}

/// Figures `k` and `k + 1` are coordinated: only commas and "and" stand between the first
/// one's phrase and the second one ("599 kg of cocaine, 200 kg of heroin and 1.3 tonnes").
fn coordinated(text: &Text, found: &[(Measured, Roles)], k: usize) -> bool {
    let (first, next) = (&found[k], &found[k + 1]);
    first.0.end <= next.0.first
        && (first.1.phrase_end..next.0.first)
            .all(|j| text.is_symbol(j, &[","]) || text.is_any(j, &["and", "or"]))
}

/// Within a sentence: coordinated figures share a verb ("599 kg of cocaine, 200 kg of heroin
/// and 1.3 tonnes of cannabis were seized"; "the confiscation of 1.3 kg of heroin and 1 kg of
/// cannabis"), and a bare figure takes the subject of an earlier one with the same verb
/// ("Ninety of the arrests involved X and 170 involved Y").
fn share_in_coordination(text: &Text, sentence_start: usize, found: &mut [(Measured, Roles)]) {
    let pairs = found.len().saturating_sub(1);
    for k in (0..pairs).rev() {
        if found[k].1.predicate.is_none() && coordinated(text, found, k) {
            found[k].1.predicate = found[k + 1].1.predicate.clone();
        }
    }
    for k in 0..pairs {
        if found[k + 1].1.predicate.is_none() && coordinated(text, found, k) {
            found[k + 1].1.predicate = found[k].1.predicate.clone();
        }
    }
    // "52.9% of transgender students considered suicide, compared with 24.0% of cisgender
    // females": the reference of a comparison states what the main clause's verb says.
    for k in 0..found.len() {
        let first = found[k].0.first;
        let reference = text
            .lex
            .frames
            .reference_before
            .longest_ending_at(text, first, 3)
            .is_some();
        if reference && found[k].1.predicate.is_none() {
            let main = found[..k]
                .iter()
                .rev()
                .find_map(|(_, r)| r.predicate.clone())
                .or_else(|| first_past_verb(text, sentence_start..first));
            found[k].1.predicate = main;
        }
    }
    // "24 fouls in the game, seven on Heinze, five on Ronaldo": bare counts after a count with
    // a noun, and no verb of their own, count the same thing.
    for k in 1..found.len() {
        let (m, r) = &found[k];
        if r.bare
            && r.predicate.is_none()
            && m.unit.dimension == "count"
            && text.is_symbol(m.first.wrapping_sub(1), &[","])
        {
            let earlier = found[..k]
                .iter()
                .rev()
                .find(|(e, er)| e.unit.dimension == "count" && er.subject.is_some());
            if let Some((_, er)) = earlier {
                found[k].1.subject = er.subject.clone();
            }
        }
    }
    for k in 1..found.len() {
        if !found[k].1.bare || found[k].1.predicate.is_none() {
            continue;
        }
        let earlier = found[..k]
            .iter()
            .rev()
            .find(|(_, r)| r.subject.is_some() && r.predicate == found[k].1.predicate)
            .map(|(_, r)| (r.subject.clone(), r.part_of.clone()));
        if let Some((subject, part_of)) = earlier {
            found[k].1.subject = subject;
            found[k].1.part_of = part_of;
        }
    }
}

/// How far a place after "in", "across" ... may stand from a figure's phrase and still scope
/// it: "Five were arrested in Malta" (3 tokens), but not a place at the end of a long clause.
const SCOPE_AFTER_TOKENS: usize = 5;
const SCOPE_BEFORE_TOKENS: usize = 8;

/// Places that scope each figure: those in its own phrase ("28 EU Member States", "30 Romanian
/// children"); else a place after "in", "across" ... shortly after its phrase, or shortly
/// before it; else the places of a figure coordinated with it.
fn assign_scopes(
    text: &Text,
    found: &[(Measured, Roles)],
    names: &[Mention],
    listed: &[Range<usize>],
) -> Vec<Vec<String>> {
    let in_list = |m: &Mention| listed.iter().any(|r| r.start <= m.first && m.end <= r.end);
    let introduced = |m: &Mention| {
        text.lex
            .words
            .list_intros
            .longest_ending_at(text, m.first, 3)
            .is_some()
    };
    let locatives: Vec<&Mention> = names
        .iter()
        .filter(|m| is_locative(text, m) && !in_list(m) && !introduced(m))
        .collect();
    let mut scopes: Vec<Vec<usize>> = found
        .iter()
        .enumerate()
        .map(|(k, (m, r))| {
            // Mentions are in document order: each search starts where its window does, so
            // a long report costs linear time.
            let own: Vec<usize> = starting_at(names, |n| n.first, m.first)
                .iter()
                .take_while(|n| n.first < r.phrase_end)
                .filter(|n| n.end <= r.phrase_end)
                .map(|n| n.place)
                .collect();
            if !own.is_empty() {
                return own;
            }
            let next_first = found.get(k + 1).map_or(usize::MAX, |(n, _)| n.first);
            let prev_end = k.checked_sub(1).map_or(0, |p| found[p].1.phrase_end);
            // A new clause ("..., while Brent crude in London gained") has places of its own.
            let same_clause = |from: usize, to: usize| {
                (from..to).all(|j| !text.lex.words.relatives.contains(text.lower(j)))
            };
            let after = starting_at(&locatives, |n| n.first, r.phrase_end)
                .iter()
                .take_while(|n| n.first < next_first)
                .filter(|n| {
                    n.first >= r.phrase_end
                        && n.end <= next_first
                        && n.first - r.phrase_end <= SCOPE_AFTER_TOKENS
                        && same_clause(r.phrase_end, n.first)
                });
            let after: Vec<usize> = after.map(|n| n.place).collect();
            if !after.is_empty() {
                return after;
            }
            // "NATO has 26 members", "the EU's 25 member states": the owner scopes the count.
            let owner = starting_at(names, |n| n.first, prev_end)
                .iter()
                .take_while(|n| n.first < m.first)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .find(|n| {
                    n.end <= m.first
                        && n.first >= prev_end
                        && (n.end..m.first).all(|j| {
                            text.is_any(j, &["has", "have", "had", "now", "all", "its", "'s", "’s"])
                                || text.is_symbol(j, &["'", "’"])
                                || text.is(j, "s") && text.is_symbol(j.wrapping_sub(1), &["'", "’"])
                        })
                });
            if let Some(n) = owner {
                return vec![n.place];
            }
            let before = starting_at(&locatives, |n| n.first, prev_end)
                .iter()
                .take_while(|n| n.first < m.first)
                .filter(|n| {
                    n.first >= prev_end
                        && n.end <= m.first
                        && m.first - n.end <= SCOPE_BEFORE_TOKENS
                        && same_clause(n.end, m.first)
                });
            before.map(|n| n.place).collect()
        })
        .collect();
    for k in 0..found.len().saturating_sub(1) {
        if coordinated(text, found, k) {
            if scopes[k + 1].is_empty() {
                scopes[k + 1] = scopes[k].clone();
            } else if scopes[k].is_empty() {
                scopes[k] = scopes[k + 1].clone();
            }
        }
    }
    scopes
        .into_iter()
        .map(|places| {
            let mut names: Vec<String> = Vec::new();
            for place in places {
                let name = &text.lex.places.all[place].name;
                if !names.contains(name) {
                    names.push(name.clone());
                }
            }
            names
        })
        .collect()
}

fn build_quantity(
    text: &Text,
    m: &Measured,
    r: Roles,
    scope: Vec<String>,
    sentence: Span,
    original: &str,
) -> Quantity {
    let (start, end) = text.span(m.first, m.end);
    Quantity {
        start,
        end,
        text: original[start..end].to_string(),
        value: m.value,
        nominal: m.figure.nominal,
        approx: m.approx,
        unit: m.unit.clone(),
        subject: r.subject,
        predicate: r.predicate,
        scope,
        part_of: r.part_of,
        frame: Box::default(),
        sentence,
    }
}
