//! Lines of a text by byte offset.

/// The byte offset where each line starts; lines end at `\n`.
#[derive(Debug, Clone, Default)]
pub(crate) struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub(crate) fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        LineIndex { starts }
    }

    /// The number of lines; a text ending in `\n` has an empty last line.
    pub(crate) fn len(&self) -> usize {
        self.starts.len()
    }

    /// The 0-based line holding `offset` (an offset past the end is on the last line).
    pub(crate) fn line_of(&self, offset: usize) -> usize {
        self.starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1)
    }

    /// The bytes of 0-based `line`, without its `\n`.
    pub(crate) fn line<'t>(&self, text: &'t str, line: usize) -> &'t str {
        let start = self.starts.get(line).copied().unwrap_or(text.len());
        let end = self
            .starts
            .get(line + 1)
            .map_or(text.len(), |next| next.saturating_sub(1));
        text.get(start.min(end)..end).unwrap_or_default()
    }

    /// The byte offset where 0-based `line` starts.
    pub(crate) fn start(&self, line: usize) -> usize {
        self.starts.get(line).copied().unwrap_or(usize::MAX)
    }

    /// 1-based line and column of `offset`; the column counts characters, as in the reports.
    pub(crate) fn line_column(&self, text: &str, offset: usize) -> (usize, usize) {
        let line = self.line_of(offset);
        let start = self.start(line).min(text.len());
        let mut end = offset.clamp(start, text.len());
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let column = text.get(start..end).map_or(0, |s| s.chars().count()) + 1;
        (line + 1, column)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns() {
        let text = "ab\ncé 12\n";
        let index = LineIndex::new(text);
        assert_eq!(index.len(), 3);
        assert_eq!(index.line_of(0), 0);
        assert_eq!(index.line_of(2), 0);
        assert_eq!(index.line_of(3), 1);
        assert_eq!(index.line_of(999), 2);
        assert_eq!(index.line(text, 1), "cé 12");
        assert_eq!(index.line(text, 2), "");
        assert_eq!(index.line(text, 7), "");
        assert_eq!(index.line_column(text, 7), (2, 4));
        // Inside the two bytes of `é`: the column of `é`.
        assert_eq!(index.line_column(text, 5), (2, 2));
        assert_eq!(index.line_column(text, 999), (3, 1));
    }
}
