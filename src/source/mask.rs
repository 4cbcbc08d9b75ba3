//! The prose view under construction: a copy of the text in which everything the format parser
//! does not keep is blanked, in one left-to-right pass.
//!
//! A parser reports the ranges of prose in order ([`Mask::keep`]); every byte between two kept
//! ranges is blanked when the second one arrives. Blanking turns a byte into a space but leaves
//! a `\n` alone, so line structure survives. Only whole chars are ever kept or blanked, which is
//! what keeps the view valid UTF-8.

use std::ops::Range;

/// How much of a line break a blanked region must hold so that later stages see block ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Break {
    None,
    /// One `\n`: a `<br>`, a table cell.
    Line,
    /// `\n\n`, room permitting: the end of a paragraph, heading, list item, ...
    Paragraph,
}

impl Break {
    fn newlines(self) -> usize {
        match self {
            Self::None => 0,
            Self::Line => 1,
            Self::Paragraph => 2,
        }
    }
}

pub(crate) struct Mask<'a> {
    text: &'a str,
    /// Ranges from the parser are relative to `base` (the parser does not see a BOM).
    base: usize,
    out: Vec<u8>,
    /// Everything before `cursor` is final.
    cursor: usize,
    /// The break the next blanked region must hold.
    pending: Break,
}

impl<'a> Mask<'a> {
    /// A mask over `text` for a parser that reads `text[base..]`.
    pub(crate) fn new(text: &'a str, base: usize) -> Self {
        let base = if text.is_char_boundary(base) { base } else { 0 };
        Self {
            text,
            base,
            out: text.as_bytes().to_vec(),
            cursor: 0,
            pending: Break::None,
        }
    }

    /// Keeps `range` as prose and blanks everything between the previous kept range and this one.
    /// A range that overlaps what is already final, or does not fall on char boundaries, is
    /// clipped or dropped rather than trusted.
    pub(crate) fn keep(&mut self, range: Range<usize>) {
        if let Some(range) = self.clip(range) {
            self.blank_to(range.start);
            self.cursor = range.end;
        }
    }

    /// Writes `replacement` (a decoded character reference) at the start of `range` and blanks
    /// the rest of it. When it does not fit, or the range is not usable as given, nothing is
    /// kept and the range is blanked with the next gap.
    pub(crate) fn put(&mut self, range: Range<usize>, replacement: &str) {
        let wanted = range.start.saturating_add(self.base)..range.end.saturating_add(self.base);
        let Some(range) = self.clip(range) else {
            return;
        };
        if range != wanted || replacement.is_empty() || replacement.len() > range.len() {
            return;
        }
        self.blank_to(range.start);
        let (head, tail) = self.out[range].split_at_mut(replacement.len());
        head.copy_from_slice(replacement.as_bytes());
        tail.fill(b' ');
        self.cursor = wanted.end;
    }

    /// Asks for a line or paragraph break in the blanked region before the next kept range.
    pub(crate) fn request_break(&mut self, brk: Break) {
        self.pending = self.pending.max(brk);
    }

    /// Blanks whatever follows the last kept range and returns the bytes of the prose view.
    pub(crate) fn finish(mut self) -> Vec<u8> {
        self.blank_to(self.out.len());
        self.out
    }

    fn clip(&self, range: Range<usize>) -> Option<Range<usize>> {
        let start = range.start.saturating_add(self.base).max(self.cursor);
        let end = range.end.saturating_add(self.base).min(self.out.len());
        (start < end && self.text.is_char_boundary(start) && self.text.is_char_boundary(end))
            .then_some(start..end)
    }

    fn blank_to(&mut self, end: usize) {
        if self.cursor < end {
            blank(&mut self.out[self.cursor..end], self.pending);
            self.pending = Break::None;
        }
    }
}

/// Blanks `bytes` in place: `\n` stays, every other byte becomes a space; then, if the region
/// holds fewer newlines than `brk` asks for, spaces from its start become newlines.
pub(crate) fn blank(bytes: &mut [u8], brk: Break) {
    let mut newlines = 0;
    for byte in bytes.iter_mut() {
        if *byte == b'\n' {
            newlines += 1;
        } else {
            *byte = b' ';
        }
    }
    let missing = brk.newlines().saturating_sub(newlines);
    for byte in bytes.iter_mut().filter(|b| **b != b'\n').take(missing) {
        *byte = b'\n';
    }
}

/// The prose view as a string. The mask only ever keeps whole chars of valid UTF-8 and writes
/// ASCII or whole chars, so the conversion cannot fail; should it anyway, a fully blanked view
/// of the right length is still a correct (if empty) answer.
pub(crate) fn into_prose(text: &str, bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).unwrap_or_else(|_| {
        debug_assert!(false, "the prose view of a valid text is valid UTF-8");
        text.bytes()
            .map(|b| if b == b'\n' { '\n' } else { ' ' })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view(mask: Mask<'_>) -> String {
        String::from_utf8(mask.finish()).unwrap()
    }

    #[test]
    fn blanks_between_kept_ranges_and_keeps_newlines() {
        let text = "<p>one</p>\n<p>two</p>";
        let mut mask = Mask::new(text, 0);
        mask.keep(3..6);
        mask.keep(10..11);
        mask.keep(14..17);
        assert_eq!(view(mask), "   one    \n   two    ");
    }

    #[test]
    fn breaks_are_placed_in_the_next_gap() {
        let text = "<p>one</p><p>two</p>";
        let mut mask = Mask::new(text, 0);
        mask.keep(3..6);
        mask.request_break(Break::Paragraph);
        mask.keep(13..16);
        mask.request_break(Break::Line);
        assert_eq!(view(mask), "   one\n\n     two\n   ");
    }

    #[test]
    fn a_break_counts_the_newlines_already_there() {
        let mut bytes = *b"  \n";
        blank(&mut bytes, Break::Line);
        assert_eq!(&bytes, b"  \n");
        blank(&mut bytes, Break::Paragraph);
        assert_eq!(&bytes, b"\n \n");
        let mut short = *b"|";
        blank(&mut short, Break::Paragraph);
        assert_eq!(&short, b"\n");
    }

    #[test]
    fn put_writes_a_decoded_reference_when_it_fits() {
        let text = "a &copy; b &nGt; c";
        let mut mask = Mask::new(text, 0);
        mask.keep(0..2);
        mask.put(2..8, "©");
        mask.keep(8..11);
        mask.put(11..16, "≫\u{20d2}");
        mask.keep(16..18);
        assert_eq!(view(mask), "a ©     b       c");
    }

    #[test]
    fn ranges_off_char_boundaries_or_out_of_bounds_are_dropped() {
        let text = "é-ü";
        let mut mask = Mask::new(text, 0);
        mask.keep(1..3);
        mask.keep(3..99);
        assert_eq!(view(mask), "   ü");
    }

    #[test]
    fn ranges_are_relative_to_the_base() {
        let text = "\u{feff}abc";
        let mut mask = Mask::new(text, 3);
        mask.keep(0..3);
        assert_eq!(view(mask), "   abc");
    }

    #[test]
    fn overlapping_ranges_are_clipped() {
        let text = "abcdef";
        let mut mask = Mask::new(text, 0);
        mask.keep(0..4);
        mask.keep(2..5);
        assert_eq!(view(mask), "abcde ");
    }
}
