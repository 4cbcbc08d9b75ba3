//! Sentence boundaries over tokens.
//!
//! A sentence ends at `.`, `!` or `?` (with any closing quotes after it) when the next token
//! starts like a sentence; never after an abbreviation ("Mr.", "Jan.") or an initial ("J.").
//! A blank line ends a sentence, unless the text before it is left unfinished (it ends in a
//! function word or a hedge) and the text after it goes on in lower case or with a figure: a
//! page break in a report turned from PDF. A line break ends one after a line that reads like
//! a heading or ends in a colon.

use std::ops::Range;

use super::text::Text;
use super::tokens::{Gap, TokenKind};

const CLOSERS: &[&str] = &["\"", "'", "”", "’", ")", "]", "»"];
const TERMINALS: &[&str] = &[".", "!", "?", "…"];
/// A line shorter than this, ending in a word, is a heading or a dateline; wrapped prose
/// fills its lines further.
const HEADING_MAX_BYTES: usize = 60;

/// Token ranges of the sentences of `text`, in order, covering every token.
pub fn split(text: &Text, abbreviations: &super::filter::WordSet) -> Vec<Range<usize>> {
    let mut sentences = Vec::new();
    let mut start = 0;
    let mut line_start_byte = text.start(0);
    for i in 1..text.len() {
        let gap = text.gap(i);
        let breaks = match gap {
            Gap::Paragraph => !continues_across_blank_line(text, i),
            Gap::Line => line_ends_sentence(text, i, line_start_byte),
            // Only a symbol can end a sentence mid-line: test the rest only after one.
            Gap::Space => {
                text.kind(i - 1) == Some(TokenKind::Symbol)
                    && may_close(text, i - 1)
                    && ends_with_terminal(text, start, i, abbreviations)
                    && starts_sentence(text, i)
            }

            Gap::None => false,
        };
        if gap >= Gap::Line {
            line_start_byte = text.start(i);
        }
        if breaks {
            sentences.push(start..i);
            start = i;
        }
    }
    if start < text.len() {
        sentences.push(start..text.len());
    }
    sentences
}

/// Hard-wrapped reports break sentences with blank lines where a page ended: "with $300
/// billion in\n\ndeposits", "took action on over\n\n6,300 securities". No sentence or heading
/// ends in a function word or a hedge, and none starts in lower case.
pub fn continues_across_blank_line(text: &Text, i: usize) -> bool {
    let Some(last) = i.checked_sub(1) else {
        return false;
    };
    if !text.is_word(last) {
        return false;
    }
    let hedge = text.lex.approximations.get_word(text.lower(last)).is_some();
    let unfinished = hedge || text.lex.words.is_function_word(text.lower(last));
    // A figure after a page break may be the page's number or a footnote's ("sponsored
    // by\n\n2523"): only a hedge before it says it goes on.
    let figure = text
        .str(i)
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_digit())
        || text.has(i, super::lexicon::flags::CURRENCY);
    let lower = text.str(i).chars().next().is_some_and(char::is_lowercase);
    (unfinished && lower) || (hedge && figure)
}

/// Token `i` starts with a byte that a closer or a terminal starts with: a cheap test that
/// rules out the commas, dashes and other symbols before any string is compared.
fn may_close(text: &Text, i: usize) -> bool {
    matches!(
        text.src.as_bytes().get(text.start(i)),
        Some(b'.' | b'!' | b'?' | b'"' | b'\'' | b')' | b']' | 0xC2 | 0xE2)
    )
}

/// Tokens `start..i` end with terminal punctuation that is not an abbreviation's full stop.
fn ends_with_terminal(
    text: &Text,
    start: usize,
    i: usize,
    abbreviations: &super::filter::WordSet,
) -> bool {
    let mut last = i - 1;
    while last > start && text.is_symbol(last, CLOSERS) {
        last -= 1;
    }
    if !text.is_symbol(last, TERMINALS) || last == start {
        return false;
    }
    if text.str(last) != "." {
        return true;
    }
    let before = last - 1;
    if !text.is_word(before) || !text.glued(last) {
        return true;
    }
    let word = text.str(before);
    let initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
    !(initial || abbreviations.contains(text.lower(before)))
}

fn starts_sentence(text: &Text, i: usize) -> bool {
    let s = text.str(i);
    match text.kind(i) {
        Some(TokenKind::Number) => true,
        Some(TokenKind::Word) => s.chars().next().is_some_and(char::is_uppercase),
        _ => [
            "\"", "“", "'", "‘", "(", "[", "-", "–", "—", "•", "*", "£", "$", "€",
        ]
        .contains(&s),
    }
}

/// Marks that open an item of a bulleted list.
pub(crate) const BULLETS: &[&str] = &["-", "*", "•", "–"];

fn line_ends_sentence(text: &Text, i: usize, line_start_byte: usize) -> bool {
    let prev = i - 1;
    let prev_text = text.str(prev);
    if TERMINALS.contains(&prev_text) || CLOSERS.contains(&prev_text) || prev_text == ":" {
        return true;
    }
    let heading = text.end(prev) - line_start_byte < HEADING_MAX_BYTES
        && text.is_word(prev)
        && starts_sentence(text, i);
    heading || BULLETS.contains(&text.str(i))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claims::lexicon::Lexicon;
    use crate::claims::text::Prepared;

    #[test]
    fn every_closer_and_terminal_may_close() {
        let lex = Lexicon::embedded();
        for symbol in CLOSERS.iter().chain(TERMINALS) {
            let src = format!("a{symbol}");
            let prepared = Prepared::new(&src, lex);
            assert!(may_close(&prepared.text(&src, lex), 1), "{symbol}");
        }
        let src = "a, b - c;";
        let prepared = Prepared::new(src, lex);
        let text = prepared.text(src, lex);
        assert!((0..text.len()).all(|i| !may_close(&text, i)));
    }
}
