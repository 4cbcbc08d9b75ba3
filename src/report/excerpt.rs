//! The words around a finding, for people: a document's long lines (a whole paragraph on one
//! line is common in news) are cut to the stretch around the labels, so that the underlines
//! stay on screen.
//!
//! miette reads the source through [`SourceCode::read_span`]; this source answers with a
//! substring of the original that starts and ends near the labelled words, and tells miette
//! the line and column where that substring starts, so line numbers and columns stay true.

use miette::{MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};

/// Characters kept before the first and after the last labelled word of a long line.
const MARGIN_CHARS: usize = 60;

/// A document's text under its name, cutting lines longer than `max_line_chars`.
#[derive(Debug)]
pub struct Excerpt<'a> {
    name: &'a str,
    text: &'a str,
    max_line_chars: usize,
}

impl<'a> Excerpt<'a> {
    pub fn new(name: &'a str, text: &'a str, max_line_chars: usize) -> Self {
        Excerpt {
            name,
            text,
            max_line_chars,
        }
    }
}

impl SourceCode for Excerpt<'_> {
    fn read_span<'b>(
        &'b self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'b> + 'b>, MietteError> {
        let text = self.text;
        let (at, end) = (span.offset(), span.offset() + span.len());
        if end > text.len() || !text.is_char_boundary(at) || !text.is_char_boundary(end) {
            return Err(MietteError::OutOfBounds);
        }
        let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i);
        let long = text[line_start..line_end]
            .lines()
            .any(|line| line.chars().count() > self.max_line_chars);
        // With no context asked for, miette wants the span's own position (for the header).
        let exact = context_lines_before == 0 && context_lines_after == 0;
        if !long || exact {
            let whole = text.read_span(span, context_lines_before, context_lines_after)?;
            return Ok(Box::new(MietteSpanContents::new_named(
                self.name.to_string(),
                whole.data(),
                *whole.span(),
                whole.line(),
                whole.column(),
                whole.line_count(),
            )));
        }
        // Only the lines of the labels themselves, the first and last cut around them.
        let from = cut_before(text, line_start, at);
        let to = cut_after(text, end, line_end);
        let shown = &text[from..to];
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.to_string(),
            shown.as_bytes(),
            SourceSpan::from(from..to),
            text[..from].matches('\n').count(),
            text[line_start..from].chars().count(),
            shown.matches('\n').count() + 1,
        )))
    }
}

/// Where to start showing a line that begins at `line_start`: a word boundary some
/// characters before `at`, or the line's start when it is near.
fn cut_before(text: &str, line_start: usize, at: usize) -> usize {
    let at = floor_boundary(text, at.min(text.len()));
    let before = &text[line_start..at];
    let Some((offset, _)) = before.char_indices().rev().nth(MARGIN_CHARS) else {
        return line_start;
    };
    // Start after a space, so that no word is cut in two.
    match before[offset..].find(' ') {
        Some(space) => line_start + offset + space + 1,
        None => line_start + offset,
    }
}

/// Where to stop showing a line that ends at `line_end`: a word boundary some characters
/// after `at`, or the line's end when it is near.
fn cut_after(text: &str, at: usize, line_end: usize) -> usize {
    let at = floor_boundary(text, at.min(line_end));
    let after = &text[at..line_end];
    let Some((offset, _)) = after.char_indices().nth(MARGIN_CHARS) else {
        return line_end;
    };
    match after[..offset].rfind(' ') {
        Some(space) => at + space,
        None => at + offset,
    }
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The data shown, and the 0-based line and column where it starts.
    fn read(text: &str, at: usize, len: usize) -> (String, usize, usize) {
        let excerpt = Excerpt::new("a.txt", text, 100);
        let contents = excerpt
            .read_span(&SourceSpan::from(at..at + len), 1, 1)
            .unwrap_or_else(|e| panic!("{e}"));
        let data = String::from_utf8(contents.data().to_vec()).unwrap_or_default();
        (data, contents.line(), contents.column())
    }

    #[test]
    fn short_lines_are_shown_whole_with_their_context() {
        let text = "Title\n\nPolice made 1,027 arrests.\n\nMore.\n";
        let at = text.find("1,027").unwrap_or_default();
        let (data, line, column) = read(text, at, 5);
        assert_eq!(data, "\nPolice made 1,027 arrests.\n\n");
        assert_eq!((line, column), (1, 0));
    }

    #[test]
    fn a_long_line_is_cut_around_the_words_at_word_boundaries() {
        let filler = "word ".repeat(60);
        let text = format!("Title\n\n{filler}Police made 1,027 arrests. {filler}\n");
        let at = text.find("1,027").unwrap_or_default();
        let (data, line, column) = read(&text, at, 5);
        assert!(data.contains("Police made 1,027 arrests."), "{data}");
        assert!(data.len() < 160, "{} bytes: {data}", data.len());
        assert!(
            data.starts_with("word ") && data.ends_with("word"),
            "{data:?}"
        );
        assert_eq!(line, 2);
        // The column of the cut, in characters from the start of the line.
        let line_start = text.find("word").unwrap_or_default();
        assert_eq!(column + data.find("1,027").unwrap_or(0), at - line_start);
    }

    #[test]
    fn cutting_never_splits_a_character() {
        let text = format!("{}1,027{}", "é".repeat(200), "ü".repeat(200));
        let at = text.find("1,027").unwrap_or_default();
        let (data, _, _) = read(&text, at, 5);
        assert!(data.contains("1,027"));
    }
}
