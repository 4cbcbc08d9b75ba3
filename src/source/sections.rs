//! Sections: where a long document changes subject. A section starts at a heading (a line
//! that stands alone between blank lines, is short and ends no sentence: a Markdown or HTML
//! heading in the prose view, "3.2 Findings" or a title in plain text) and at a page break.
//! Rules compare some claims only within a section: exchange rates of one part of a report,
//! not of two reports bound into one file.

/// A heading is at most this many bytes: longer lines are prose.
const HEADING_MAX_BYTES: usize = 120;

/// The byte offsets where sections start, in order; the first is always 0.
pub fn section_starts(prose: &str) -> Vec<usize> {
    let mut starts = vec![0];
    let mut offset = 0;
    let mut previous_blank = true;
    let mut lines = prose.split_inclusive('\n').peekable();
    while let Some(line) = lines.next() {
        let at = offset;
        offset += line.len();
        if let Some(k) = line.find('\u{c}') {
            starts.push(at + k + 1);
        }
        let blank = line.trim().is_empty();
        let next_blank = lines.peek().is_none_or(|l| l.trim().is_empty());
        if !blank && previous_blank && next_blank && is_heading(line.trim()) {
            let indent = line.len() - line.trim_start().len();
            starts.push(at + indent);
        }
        previous_blank = blank;
    }
    starts.sort_unstable();
    starts.dedup();
    starts
}

/// A short line with a letter that ends no sentence and starts as headings do.
fn is_heading(line: &str) -> bool {
    let starts_well = line
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
    let ends_open = line.ends_with(['.', ',', ';', ':', '!', '?', '"', '\u{201d}', ')']);
    line.len() <= HEADING_MAX_BYTES
        && starts_well
        && !ends_open
        && line.chars().any(char::is_alphabetic)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_and_page_breaks_start_sections() {
        let text =
            "Annual report 2019\n\nRevenue rose 5%.\n\n2. Costs\n\nCosts fell.\n\u{c}Page two.";
        let starts = section_starts(text);
        let at = |s: &str| text.find(s).unwrap_or(usize::MAX);
        assert_eq!(starts, vec![0, at("2. Costs"), at("Page two")]);
    }

    #[test]
    fn sentences_lists_and_wrapped_lines_are_no_headings() {
        let text =
            "Revenue rose 5%.\n\n- item one\n\nThe line goes on\nover two lines\n\nNote:\n\nend";
        assert_eq!(section_starts(text), vec![0]);
    }
}
