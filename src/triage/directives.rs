//! Finding suppression directives in a document's original text.
//!
//! A directive is found line by line with a regular expression. In Markdown and HTML it must
//! be a comment, and the document's own parser has to agree that it is one: a directive shown
//! in a code block, a code span or a `<script>` is an example, not a directive.

use std::ops::Range;
use std::sync::LazyLock;

use html5gum::{DefaultEmitter, Token, Tokenizer};
use pulldown_cmark::{Event, Parser};
use regex::Regex;

use crate::source::{Format, markdown_options};

/// Which line a directive silences.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Reach {
    /// The next line that is not blank and holds more than directives.
    NextLine,
    /// The directive's own line.
    Line,
}

/// A directive as written: where it is, what it reaches and the spans of the rule ids it
/// names (none: every rule).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Found {
    pub reach: Reach,
    pub span: Range<usize>,
    pub ids: Vec<Range<usize>>,
}

/// `<!-- factlint-disable-next-line RULE... -->` and `<!-- factlint-disable-line RULE... -->`,
/// on one line.
static COMMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"<!--[ \t]*factlint-disable-(next-line|line)(?:[ \t]+([^\r\n]*?))?[ \t]*-->")
        .unwrap_or_else(|e| unreachable!("the directive pattern is valid: {e}"))
});

/// `factlint: ignore RULE...` up to the end of the line.
static IGNORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?m)\bfactlint:[ \t]*ignore(?:[ \t]+([^\r\n]*?))?[ \t]*\r?$")
        .unwrap_or_else(|e| unreachable!("the directive pattern is valid: {e}"))
});

/// Every directive in `text`, in order. Plain text has `factlint: ignore`; Markdown and HTML
/// have the comments.
pub(crate) fn find(text: &str, format: Format) -> Vec<Found> {
    if memchr::memmem::find(text.as_bytes(), b"factlint").is_none() {
        return Vec::new();
    }
    match format {
        Format::Text => IGNORE
            .captures_iter(text)
            .filter_map(|c| {
                let whole = c.get(0)?;
                Some(Found {
                    reach: Reach::Line,
                    span: whole.start()..whole.end(),
                    ids: c
                        .get(1)
                        .map_or_else(Vec::new, |list| ids(text, list.range())),
                })
            })
            .collect(),
        Format::Markdown | Format::Html => {
            let found: Vec<Found> = COMMENT
                .captures_iter(text)
                .filter_map(|c| {
                    let whole = c.get(0)?;
                    let reach = match c.get(1)?.as_str() {
                        "next-line" => Reach::NextLine,
                        _ => Reach::Line,
                    };
                    Some(Found {
                        reach,
                        span: whole.start()..whole.end(),
                        ids: c
                            .get(2)
                            .map_or_else(Vec::new, |list| ids(text, list.range())),
                    })
                })
                .collect();
            if found.is_empty() {
                return found;
            }
            let comments = comment_ranges(text, format);
            found
                .into_iter()
                .filter(|f| comments.iter().any(|c| c.contains(&f.span.start)))
                .collect()
        }
    }
}

/// The spans of the rule ids in a directive's list: words separated by commas or white space.
/// A `--` ends the list; what follows is the reason, for people.
fn ids(text: &str, list: Range<usize>) -> Vec<Range<usize>> {
    let Some(words) = text.get(list.clone()) else {
        return Vec::new();
    };
    let mut ids = Vec::new();
    let mut start = None;
    let separator = |c: char| c == ',' || c.is_whitespace();
    for (i, c) in words.char_indices().chain([(words.len(), ' ')]) {
        match (start, separator(c)) {
            (None, false) => start = Some(i),
            (Some(s), true) => {
                if &words[s..i] == "--" {
                    break;
                }
                ids.push(list.start + s..list.start + i);
                start = None;
            }
            _ => {}
        }
    }
    ids
}

/// Where the document's parser sees HTML comments (Markdown: raw HTML, which holds them).
fn comment_ranges(text: &str, format: Format) -> Vec<Range<usize>> {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let shift = text.len() - body.len();
    let ranges: Vec<Range<usize>> = match format {
        Format::Text => Vec::new(),
        Format::Markdown => Parser::new_ext(body, markdown_options())
            .into_offset_iter()
            .filter(|(event, _)| matches!(event, Event::Html(_) | Event::InlineHtml(_)))
            .map(|(_, range)| range)
            .collect(),
        Format::Html => {
            let mut emitter = DefaultEmitter::<usize>::new_with_span();
            // The content of <script>, <style>, <textarea>, ... is text, not comments.
            emitter.naively_switch_states(true);
            Tokenizer::new_with_emitter(body, emitter)
                .filter_map(|token| match token {
                    Ok(Token::Comment(comment)) => Some(comment.span.start..comment.span.end),
                    _ => None,
                })
                .collect()
        }
    };
    ranges
        .into_iter()
        .map(|r| r.start + shift..r.end + shift)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str, format: Format) -> Vec<(Reach, Vec<&str>)> {
        find(text, format)
            .into_iter()
            .map(|f| (f.reach, f.ids.into_iter().map(|r| &text[r]).collect()))
            .collect()
    }

    #[test]
    fn ids_are_separated_by_commas_or_spaces_and_end_at_a_reason() {
        let text = "<!-- factlint-disable-next-line a-b,c  d , e -- figures from 2013 -->\n";
        assert_eq!(
            words(text, Format::Markdown),
            [(Reach::NextLine, vec!["a-b", "c", "d", "e"])]
        );
        let text = "x <!--factlint-disable-line-->\n<!-- factlint-disable-line a -->";
        assert_eq!(
            words(text, Format::Html),
            [(Reach::Line, vec![]), (Reach::Line, vec!["a"])]
        );
    }

    #[test]
    fn plain_text_ignores_at_the_end_of_a_line() {
        let text =
            "It rose 5%. factlint: ignore a, b\r\nfactlint:ignore\nfactlint: ignore a but more";
        assert_eq!(
            words(text, Format::Text),
            [
                (Reach::Line, vec!["a", "b"]),
                (Reach::Line, vec![]),
                (Reach::Line, vec!["a", "but", "more"]),
            ]
        );
        // Not the word `factlint`, or not `ignore`.
        assert!(find("nofactlint: ignore a\n", Format::Text).is_empty());
        assert!(find("factlint: ignored\n", Format::Text).is_empty());
    }

    #[test]
    fn each_format_has_its_own_syntax() {
        assert!(find("<!-- factlint-disable-next-line a -->\n", Format::Text).is_empty());
        assert!(find("Text. factlint: ignore a\n", Format::Markdown).is_empty());
        assert!(find("<!-- factlint-disable-next-lines a -->\n", Format::Html).is_empty());
        // A comment that spans lines is not a directive.
        assert!(find("<!-- factlint-disable-next-line\na -->\n", Format::Html).is_empty());
    }

    #[test]
    fn markdown_code_is_not_a_directive() {
        let text = "---\ntitle: <!-- factlint-disable-line f -->\n---\n\n\
                    Inline `<!-- factlint-disable-line a -->` code.\n\n\
                    \x20   <!-- factlint-disable-line i -->\n\n\
                    ```html\n<!-- factlint-disable-next-line b -->\n```\n\n\
                    Real. <!-- factlint-disable-line c -->\n\n\
                    <!-- factlint-disable-next-line d -->\nNext.\n";
        assert_eq!(
            words(text, Format::Markdown),
            [(Reach::Line, vec!["c"]), (Reach::NextLine, vec!["d"])]
        );
    }

    #[test]
    fn html_scripts_and_attributes_are_not_directives() {
        let text = "<script>var s = '<!-- factlint-disable-line a -->';</script>\n\
                    <p title=\"<!-- factlint-disable-line b -->\">x</p>\n\
                    <title><!-- factlint-disable-line t --></title>\n\
                    <style><!-- factlint-disable-line s --></style>\n\
                    <textarea><!-- factlint-disable-line x --></textarea>\n\
                    <p>y <!-- factlint-disable-line c --></p>\n";
        assert_eq!(words(text, Format::Html), [(Reach::Line, vec!["c"])]);
        let bom = "\u{feff}<!-- factlint-disable-line d -->";
        assert_eq!(words(bom, Format::Html), [(Reach::Line, vec!["d"])]);
        assert_eq!(words(bom, Format::Markdown), [(Reach::Line, vec!["d"])]);
    }
}
