//! Lines and columns of the words a finding points at, for the machine formats.
//!
//! Positions follow [`line_column`](super::findings::line_column): lines and columns are
//! 1-based and a column counts characters (Unicode scalar values). A finding usually has a few
//! labels, but a large file may have many findings, so the line starts are found once per file
//! rather than by scanning from the top for every label.

/// A 1-based line and a 1-based column counted in characters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// Where the words under one label are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Region<'a> {
    pub start: Position,
    /// The position just after the last character: an exclusive end, as SARIF wants it.
    pub end: Position,
    /// Byte offset into the original file.
    pub byte_offset: usize,
    pub byte_length: usize,
    /// The document's own words there.
    pub text: &'a str,
}

/// The start of every line of one text.
#[derive(Debug)]
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let starts = std::iter::once(0)
            .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1))
            .collect();
        LineIndex { text, starts }
    }

    /// The position of a byte offset; an offset past the end or inside a character counts as
    /// the start of the character it falls in (or the end of the text).
    pub fn position(&self, offset: usize) -> Position {
        let offset = floor_char_boundary(self.text, offset.min(self.text.len()));
        // `starts[0] == 0 <= offset`, so the partition point is at least 1.
        let line = self.starts.partition_point(|&s| s <= offset);
        let line_start = self.starts[line - 1];
        let column = self.text[line_start..offset].chars().count() + 1;
        Position { line, column }
    }

    /// The region of the bytes `start..end`, clamped to the text.
    pub fn region(&self, start: usize, end: usize) -> Region<'a> {
        let start = floor_char_boundary(self.text, start.min(self.text.len()));
        let end = floor_char_boundary(self.text, end.clamp(start, self.text.len()));
        Region {
            start: self.position(start),
            end: self.position(end),
            byte_offset: start,
            byte_length: end - start,
            text: &self.text[start..end],
        }
    }
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::findings::line_column;
    use proptest::prelude::*;

    #[test]
    fn regions_end_after_their_last_character() {
        let text = "ab\ncé 12\nx";
        let index = LineIndex::new(text);
        let region = index.region(7, 9);
        assert_eq!(region.text, "12");
        assert_eq!(region.start, Position { line: 2, column: 4 });
        assert_eq!(region.end, Position { line: 2, column: 6 });
        assert_eq!((region.byte_offset, region.byte_length), (7, 2));
        let across = index.region(4, 11);
        assert_eq!(across.text, "é 12\nx");
        assert_eq!(across.end, Position { line: 3, column: 2 });
    }

    #[test]
    fn offsets_out_of_the_text_are_clamped() {
        let index = LineIndex::new("é");
        let region = index.region(1, 99);
        assert_eq!((region.byte_offset, region.byte_length), (0, 2));
        assert_eq!(index.region(5, 2).byte_length, 0);
        assert_eq!(
            LineIndex::new("").position(3),
            Position { line: 1, column: 1 }
        );
    }

    proptest! {
        #[test]
        fn positions_agree_with_the_json_report(text in "(.|\n){0,40}", offset in 0usize..200) {
            let (line, column) = line_column(&text, offset);
            prop_assert_eq!(LineIndex::new(&text).position(offset), Position { line, column });
        }
    }
}
