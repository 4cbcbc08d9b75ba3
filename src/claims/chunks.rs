//! Long documents are extracted a chunk at a time, so that the tokens, the lower-case view
//! and the flags of only one chunk are in memory at once: a 50 MB report would otherwise hold
//! six times its size in tokens alone.
//!
//! A chunk ends only where no extraction step can see past it: at the end of a paragraph
//! (a blank line follows) whose last token is terminal punctuation, where a sentence always
//! ends (a word before a blank line may go on: "sponsored by\n\n2523") and no figure, date or
//! list reaches across. Every chunk but the first starts at the white space of that blank
//! line, so its first token has the paragraph gap it has in the whole document.

use std::ops::Range;

/// Byte ranges that cover `text`, in order, each at least `target` bytes long except the last
/// (or a single range when no boundary is found).
pub fn chunks(text: &str, target: usize) -> Vec<Range<usize>> {
    let mut ranges = Vec::new();
    let mut start = 0;
    while text.len() - start > target.saturating_add(target / 2) {
        let Some(end) = boundary_after(text.as_bytes(), start + target.max(1)) else {
            break;
        };
        ranges.push(start..end);
        start = end;
    }
    ranges.push(start..text.len());
    ranges
}

/// The first chunk boundary at or after byte `from`: the end of the last token of a paragraph
/// that ends in terminal punctuation.
fn boundary_after(bytes: &[u8], from: usize) -> Option<usize> {
    memchr::memchr_iter(b'\n', bytes.get(from..)?)
        .map(|k| from + k)
        .filter(|&newline| blank_line_follows(bytes, newline))
        .find_map(|newline| {
            let end = bytes[..newline]
                .iter()
                .rposition(|b| !matches!(b, b' ' | b'\t' | b'\r' | b'\n'))?
                + 1;
            (end > from && ends_with_terminal_symbol(&bytes[..end])).then_some(end)
        })
}

/// Only spaces, tabs and carriage returns stand between the line break at `newline` and the
/// next one.
fn blank_line_follows(bytes: &[u8], newline: usize) -> bool {
    bytes
        .get(newline + 1..)
        .and_then(|rest| rest.iter().find(|b| !matches!(b, b' ' | b'\t' | b'\r')))
        == Some(&b'\n')
}

/// The text ends in a punctuation token that ends sentences, not in a word: a dotted
/// abbreviation's last full stop ("U.S.") belongs to the word.
fn ends_with_terminal_symbol(text: &[u8]) -> bool {
    match text {
        [.., b'.', letter, b'.'] if letter.is_ascii_alphabetic() => false,
        [.., last] => matches!(last, b'.' | b'!' | b'?' | b'"' | b')' | b']'),
        [] => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_end_after_a_paragraph_that_ends_a_sentence() {
        let text = "One two.\n\nThree four\n\nfive.\n\nSix.";
        let ranges = chunks(text, 4);
        assert_eq!(ranges, vec![0..8, 8..27, 27..text.len()]);
        assert_eq!(&text[8..27], "\n\nThree four\n\nfive.");
    }

    #[test]
    fn a_dotted_abbreviation_or_a_word_is_no_boundary() {
        let text = "In the U.S.\n\nand more\n\ntext follows here.";
        assert_eq!(chunks(text, 2), vec![0..text.len()]);
    }

    #[test]
    fn a_short_text_is_one_chunk() {
        assert_eq!(chunks("Short.\n\nText.", 1 << 20), vec![0..13]);
        assert_eq!(chunks("", 4), vec![0..0]);
    }
}
