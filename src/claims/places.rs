//! Places and organisations named in a sentence, from the gazetteer: "Malta", "the USA",
//! "EU", and demonyms such as "Romanian".

use std::ops::Range;

use super::lexicon::flags;
use super::text::Text;
use super::words::strip_possessive;

/// A place named in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mention {
    /// First token, including a leading "the".
    pub first: usize,
    pub end: usize,
    /// Index into the gazetteer.
    pub place: usize,
    /// Named by its demonym ("Romanian children") rather than its name.
    pub demonym: bool,
}

/// A place named at token `i`, if any.
pub fn mention_at(text: &Text, i: usize) -> Option<Mention> {
    let places = &text.lex.places;
    // Most tokens are no place: test the flag before anything else.
    let the = !text.has(i, flags::PLACE) && text.has(i + 1, flags::PLACE) && text.lower(i) == "the";
    let at = if the { i + 1 } else { i };
    if !text.has(at, flags::PLACE) {
        return None;
    }
    if let Some(m) = places.by_name.longest_at(text, at) {
        return Some(Mention {
            first: i,
            end: at + m.len,
            place: *m.value,
            demonym: false,
        });
    }
    // "Malta's"
    let stem = strip_possessive(text.str(at));
    if let Some(&place) = places.by_name.get_word(stem) {
        return Some(Mention {
            first: i,
            end: at + 1,
            place,
            demonym: false,
        });
    }
    if the {
        return None;
    }
    let m = places.by_demonym.longest_at(text, at)?;
    Some(Mention {
        first: at,
        end: at + m.len,
        place: *m.value,
        demonym: true,
    })
}

/// Every place named in the tokens `range`, left to right, not overlapping.
pub fn mentions(text: &Text, range: Range<usize>) -> Vec<Mention> {
    let mut found = Vec::new();
    let mut i = range.start;
    while i < range.end {
        // A mention starts at a flagged name, or at the "the" just before one.
        let name = text.next_with(flags::PLACE, i, range.end);
        if name >= range.end {
            break;
        }
        i = i.max(name.saturating_sub(1));
        match mention_at(text, i).filter(|m| m.end <= range.end) {
            Some(m) => {
                i = m.end;
                found.push(m);
            }
            None => i += 1,
        }
    }
    found
}
