//! Splitting the prose view into words, figures and symbols, with byte offsets.
//!
//! The tokenizer is deliberately simple and fast: it decides nothing about meaning. A run of
//! digits is a [`TokenKind::Number`]; letters glued to it ("2.5bn", "1kilograms", "21st") come
//! out as a separate word with no gap before it, so later stages can tell "1kg" from "1 kg".

/// What separates a token from the one before it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Gap {
    /// Glued to the previous token: "1" "kg" in "1kg".
    None,
    /// Spaces or tabs.
    Space,
    /// One line break.
    Line,
    /// A blank line: a new paragraph.
    Paragraph,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters, possibly with digits after the first letter ("G20") or inner apostrophes
    /// and dotted abbreviations ("Malta's", "U.S.").
    Word,
    /// Digits, with thousands separators and a decimal part: "1,027", "1.3".
    Number,
    /// Any other single character: "%", "£", "-", ",".
    Symbol,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: TokenKind,
    pub gap: Gap,
}

impl Token {
    pub fn text<'a>(&self, src: &'a str) -> &'a str {
        &src[self.start..self.end]
    }
}

use std::ops::Range;

/// ASCII letters and digits, by byte: one load instead of three comparisons in the hot loop.
static ASCII_ALNUM: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    table
};

/// Splits `src` into tokens. Linear in the input; allocates only the output.
pub fn tokenize(src: &str) -> Vec<Token> {
    tokenize_range(src, 0..src.len())
}

/// The tokens of `src[range]`, with offsets into `src`: the same tokens as [`tokenize`] finds
/// there when no token crosses the range's ends (a range that starts at white space gives its
/// first token the gap that white space makes).
pub fn tokenize_range(src: &str, range: Range<usize>) -> Vec<Token> {
    let bytes = src.as_bytes().get(..range.end).unwrap_or(src.as_bytes());
    // News prose averages a token per five bytes: a quarter of the length rarely regrows.
    let mut tokens = Vec::with_capacity(range.len() / 4);
    let mut i = range.start;
    let mut newlines = 0u32;
    let mut spaced = false;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'\n' {
            newlines += 1;
            i += 1;
            continue;
        }
        if b == b' ' || b == b'\t' || b == b'\r' || b == 0x0b || b == 0x0c {
            spaced = true;
            i += 1;
            continue;
        }
        // ASCII needs no decoding; other characters may be white space (no-break space).
        let c = if b.is_ascii() {
            char::from(b)
        } else {
            char_at(src, i)
        };
        if !b.is_ascii() && c.is_whitespace() {
            spaced = true;
            i += c.len_utf8();
            continue;
        }
        let gap = match newlines {
            0 if spaced => Gap::Space,
            0 => Gap::None,
            1 => Gap::Line,
            _ => Gap::Paragraph,
        };
        newlines = 0;
        spaced = false;
        let (end, kind) = if b.is_ascii_digit() {
            (number_end(bytes, i), TokenKind::Number)
        } else if b.is_ascii_alphabetic() || (!b.is_ascii() && c.is_alphabetic()) {
            (word_end(src, i), TokenKind::Word)
        } else {
            (i + c.len_utf8(), TokenKind::Symbol)
        };
        tokens.push(Token {
            start: i,
            end,
            kind,
            gap,
        });
        i = end;
    }
    tokens
}

/// Where the first token at or after byte `from` starts: past white space, as [`tokenize`]
/// skips it; `src.len()` when none follows.
pub fn next_token_start(src: &str, from: usize) -> usize {
    let mut i = from;
    while let Some(c) = src.get(i..).and_then(|rest| rest.chars().next()) {
        if !c.is_whitespace() {
            return i;
        }
        i += c.len_utf8();
    }
    src.len()
}

fn char_at(src: &str, i: usize) -> char {
    src[i..].chars().next().unwrap_or(' ')
}

/// "1,027", "1.3", "12": thousands groups of exactly three digits, one decimal part.
fn number_end(bytes: &[u8], start: usize) -> usize {
    let digits = |mut j: usize| {
        while j < bytes.len() && bytes[j].is_ascii_digit() {
            j += 1;
        }
        j
    };
    let mut end = digits(start);
    // Thousands groups only after a first group of one to three digits.
    if end - start <= 3 {
        while end + 4 <= bytes.len()
            && bytes[end] == b','
            && bytes[end + 1..end + 4].iter().all(u8::is_ascii_digit)
            && !bytes.get(end + 4).is_some_and(u8::is_ascii_digit)
        {
            end += 4;
        }
    }
    if end + 1 < bytes.len() && bytes[end] == b'.' && bytes[end + 1].is_ascii_digit() {
        end = digits(end + 1);
    }
    end
}

/// Letters and digits after a first letter, inner apostrophes ("Malta's", "don't") and dotted
/// abbreviations ("U.S.", "a.m.").
fn word_end(src: &str, start: usize) -> usize {
    let bytes = src.as_bytes();
    let mut end = start;
    loop {
        // ASCII letters and digits, the common case, without decoding.
        end = ascii_alnum_end(bytes, end);
        // Most words end at an ASCII space or punctuation: no need to decode anything.
        match bytes.get(end) {
            None => break,
            Some(&b) if b.is_ascii() && b != b'\'' && b != b'.' => break,
            _ => {}
        }
        let Some(c) = src[end..].chars().next() else {
            break;
        };
        if c.is_alphanumeric() {
            end += c.len_utf8();
            continue;
        }
        let after = end + c.len_utf8();
        let letter_after = src[after..].chars().next().is_some_and(char::is_alphabetic);
        if (c == '\'' || c == '’') && letter_after {
            end = after;
            continue;
        }
        if c == '.' {
            let single_letter = end - start == 1 || is_dotted_abbreviation(bytes, start, end);
            // "U.S.", "a.m.": a single letter, a dot, a single letter, a dot.
            if single_letter
                && bytes.get(after).is_some_and(u8::is_ascii_alphabetic)
                && bytes.get(after + 1) == Some(&b'.')
            {
                end = after + 2;
                continue;
            }
            if is_dotted_abbreviation(bytes, start, end) {
                end = after;
            }
        }
        break;
    }
    end
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// The end of the run of ASCII letters and digits from `at`, eight bytes at a time. A word's
/// length is unpredictable, so a byte loop mispredicts its exit once a word; here the end
/// of most words is computed from one 8-byte load.
fn ascii_alnum_end(bytes: &[u8], mut at: usize) -> usize {
    while let Some(chunk) = bytes
        .get(at..at + 8)
        .and_then(|c| <[u8; 8]>::try_from(c).ok())
    {
        let stops = not_alnum_bytes(u64::from_le_bytes(chunk));
        if stops != 0 {
            return at + (stops.trailing_zeros() / 8) as usize;
        }
        at += 8;
    }
    while at < bytes.len() && ASCII_ALNUM[usize::from(bytes[at])] {
        at += 1;
    }
    at
}

/// The high bit of each byte of `x` that is not an ASCII letter or digit.
fn not_alnum_bytes(x: u64) -> u64 {
    // Bytes in 0..128 compared with a range by adding: no carry crosses a byte.
    let in_range = |v: u64, lo: u8, hi: u8| {
        let at_least_lo = v + ONES * u64::from(0x80 - lo);
        let above_hi = v + ONES * u64::from(0x7f - hi);
        at_least_lo & !above_hi & HIGH_BITS
    };
    let low7 = x & !HIGH_BITS;
    let letters = in_range(low7 | (ONES * 0x20), b'a', b'z');
    let digits = in_range(low7, b'0', b'9');
    // Non-ASCII bytes stop the run too: their low seven bits may look like a letter.
    (!(letters | digits) | x) & HIGH_BITS
}

/// `start..end` reads like "U.S" or "a.m": single letters separated by dots.
fn is_dotted_abbreviation(bytes: &[u8], start: usize, end: usize) -> bool {
    end - start >= 3
        && bytes[start..end].iter().enumerate().all(|(k, b)| {
            if k % 2 == 0 {
                b.is_ascii_alphabetic()
            } else {
                *b == b'.'
            }
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(src: &str) -> Vec<(&str, TokenKind, Gap)> {
        tokenize(src)
            .iter()
            .map(|t| (t.text(src), t.kind, t.gap))
            .collect()
    }

    #[test]
    fn figures_and_glued_units() {
        use Gap::*;
        use TokenKind::*;
        assert_eq!(
            texts("1,027 and 1.3 1kilograms €2.5bn"),
            vec![
                ("1,027", Number, None),
                ("and", Word, Space),
                ("1.3", Number, Space),
                ("1", Number, Space),
                ("kilograms", Word, None),
                ("€", Symbol, Space),
                ("2.5", Number, None),
                ("bn", Word, None),
            ]
        );
    }

    #[test]
    fn sentence_dots_and_odd_commas() {
        let t = texts("in 2014. Then 1,2 and 12,3456.");
        let words: Vec<&str> = t.iter().map(|x| x.0).collect();
        assert_eq!(
            words,
            [
                "in", "2014", ".", "Then", "1", ",", "2", "and", "12", ",", "3456", "."
            ]
        );
    }

    #[test]
    fn words_keep_apostrophes_and_abbreviations() {
        let words: Vec<&str> = texts("Malta's U.S. a.m. G20 COVID-19 don’t")
            .iter()
            .map(|x| x.0)
            .collect();
        assert_eq!(
            words,
            [
                "Malta's", "U.S.", "a.m.", "G20", "COVID", "-", "19", "don’t"
            ]
        );
    }

    #[test]
    fn gaps_record_lines_and_paragraphs() {
        let gaps: Vec<Gap> = texts("a b\nc\n\nd").iter().map(|x| x.2).collect();
        assert_eq!(gaps, [Gap::None, Gap::Space, Gap::Line, Gap::Paragraph]);
    }

    #[test]
    fn eight_bytes_at_a_time_agrees_with_one_at_a_time() {
        for b in 0..=255u8 {
            for at in 0..8 {
                let mut chunk = *b"abcdefgh";
                chunk[at] = b;
                let expected = if b.is_ascii_alphanumeric() { 8 } else { at };
                let bytes = [&chunk[..], b" "].concat();
                assert_eq!(ascii_alnum_end(&bytes, 0), expected, "{b:#x} at {at}");
            }
        }
        assert_eq!(ascii_alnum_end(b"Zz09Aa", 0), 6);
        assert_eq!(ascii_alnum_end(b"ninetyninebottles of", 0), 17);
    }

    #[test]
    fn unicode_is_safe() {
        let src = "Zürich’s 5 km – 10 km ½ 🙂 naïve";
        let toks = tokenize(src);
        for t in &toks {
            assert!(src.is_char_boundary(t.start) && src.is_char_boundary(t.end));
        }
        assert_eq!(toks[0].text(src), "Zürich’s");
    }
}
