//! The prose view of a Markdown document.
//!
//! pulldown-cmark reports each event with its byte range. Text and inline code are kept; all
//! other syntax (emphasis markers, heading `#`s, link brackets and URLs, images, HTML, list
//! bullets, table pipes, footnote marks) is blanked, as are code blocks and front matter in
//! full. Block starts and ends become paragraph breaks.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::entity::prose_form;
use super::mask::{Break, Mask};
use super::meta::front_matter_date;
use crate::calendar::PartialDate;

/// The Markdown extensions factlint reads, here and wherever else a document's Markdown is
/// parsed again (suppression comments), so that both see the same structure.
pub(crate) fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS
}

/// Blanks the markup of `body` in `mask`; returns the date in its front matter.
pub(crate) fn mask_markdown(body: &str, mask: &mut Mask<'_>) -> Option<PartialDate> {
    // Open elements whose text is not prose: code blocks, images, front matter.
    let mut hidden = 0usize;
    let mut in_front_matter = false;
    let mut date = None;
    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        match event {
            Event::Start(tag) => {
                let end = tag.to_end();
                mask.request_break(block_break(&end));
                hidden += usize::from(hides_text(&end));
                in_front_matter |= matches!(tag, Tag::MetadataBlock(_));
            }
            Event::End(end) => {
                mask.request_break(block_break(&end));
                hidden = hidden.saturating_sub(usize::from(hides_text(&end)));
                in_front_matter &= !matches!(end, TagEnd::MetadataBlock(_));
            }
            Event::Text(text) if in_front_matter => {
                date = date.or_else(|| front_matter_date(&text));
            }
            Event::Text(text) if hidden == 0 => keep_text(body, range, &text, mask),
            Event::Code(_) if hidden == 0 => keep_code(body, range, mask),
            Event::HardBreak => mask.request_break(Break::Line),
            Event::Rule => mask.request_break(Break::Paragraph),
            // Soft breaks are newlines already; HTML, footnote marks and task boxes are markup.
            _ => {}
        }
    }
    date
}

fn hides_text(end: &TagEnd) -> bool {
    matches!(
        end,
        TagEnd::CodeBlock | TagEnd::Image | TagEnd::MetadataBlock(_)
    )
}

fn block_break(end: &TagEnd) -> Break {
    match end {
        TagEnd::Emphasis
        | TagEnd::Strong
        | TagEnd::Strikethrough
        | TagEnd::Superscript
        | TagEnd::Subscript
        | TagEnd::Link
        | TagEnd::Image => Break::None,
        TagEnd::TableCell => Break::Line,
        TagEnd::Paragraph
        | TagEnd::Heading(_)
        | TagEnd::BlockQuote(_)
        | TagEnd::CodeBlock
        | TagEnd::HtmlBlock
        | TagEnd::List(_)
        | TagEnd::Item
        | TagEnd::FootnoteDefinition
        | TagEnd::DefinitionList
        | TagEnd::DefinitionListTitle
        | TagEnd::DefinitionListDefinition
        | TagEnd::Table
        | TagEnd::TableHead
        | TagEnd::TableRow
        | TagEnd::MetadataBlock(_) => Break::Paragraph,
    }
}

/// Keeps a text event's bytes when they are the text itself. An escape (`\*`) is reported
/// without its backslash, which is then blanked with the gap; an entity (`&amp;`) is decoded in
/// place. Anything else rewritten is blanked rather than misquoted.
fn keep_text(body: &str, range: Range<usize>, text: &str, mask: &mut Mask<'_>) {
    match body.get(range.clone()) {
        Some(source) if source == text => mask.keep(range),
        Some(source) if source.starts_with('&') && source.ends_with(';') => {
            mask.put(range, prose_form(text));
        }
        _ => {}
    }
}

/// Keeps the content of a code span, without its backticks.
fn keep_code(body: &str, range: Range<usize>, mask: &mut Mask<'_>) {
    let Some(source) = body.get(range.clone()) else {
        return;
    };
    let content = source.trim_start_matches('`');
    let start = range.start + (source.len() - content.len());
    let content = content.trim_end_matches('`');
    mask.keep(start..start + content.len());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn masked(md: &str) -> (String, Option<PartialDate>) {
        let mut mask = Mask::new(md, 0);
        let date = mask_markdown(md, &mut mask);
        (String::from_utf8(mask.finish()).unwrap(), date)
    }

    fn words(md: &str) -> String {
        masked(md)
            .0
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn keeps_text_and_inline_code_at_their_offsets() {
        let md = "# The *budget*\n\nSpending rose by **4.2%** to `£1.3bn` in [2014](http://x.org/2015).\n";
        let (view, _) = masked(md);
        assert_eq!(view.len(), md.len());
        for phrase in ["budget", "4.2%", "£1.3bn", "2014"] {
            let at = md.find(phrase).unwrap();
            assert_eq!(&view[at..at + phrase.len()], phrase);
        }
        assert_eq!(
            words(md),
            "The budget Spending rose by 4.2% to £1.3bn in 2014 ."
        );
        assert!(view.contains("budget \n\n"), "{view:?}");
    }

    #[test]
    fn blanks_code_blocks_images_html_and_footnote_marks() {
        let md = "Text.[^1]\n\n```\nlet x = 5;\n```\n\n    indented 7\n\n![a chart of 9](c.png)\n\n\
                  <div>\nhtml 3\n</div>\n\n[^1]: Note.\n";
        assert_eq!(words(md), "Text. Note.");
    }

    #[test]
    fn tables_and_lists_keep_cell_and_item_text() {
        let md = "- one\n- [x] two\n\n| Year | Tonnes |\n|---|---|\n| 2014 | 1.3 |\n";
        assert_eq!(words(md), "one two Year Tonnes 2014 1.3");
        let view = masked(md).0;
        assert!(!view.contains('|'));
    }

    #[test]
    fn escapes_and_entities() {
        let md = "A \\*literal\\* star &amp; a &nbsp;gap &copy; 2014";
        let (view, _) = masked(md);
        // A backslash is blanked in place, so it leaves a space behind.
        assert_eq!(words(md), "A *literal * star & a gap © 2014");
        let at = md.find("&copy;").unwrap();
        assert_eq!(&view[at..at + 6], "©    ");
    }

    #[test]
    fn front_matter_is_blanked_and_dated() {
        let md = "---\ntitle: Budget 2015\ndate: 2014-09-22\n---\n\nBody text.\n";
        let (view, date) = masked(md);
        assert_eq!(date, PartialDate::day(2014, 9, 22));
        assert_eq!(
            view.split_whitespace().collect::<Vec<_>>(),
            ["Body", "text."]
        );
        let toml = "+++\ndate = \"2014-09-22\"\n+++\nBody.";
        assert_eq!(masked(toml).1, PartialDate::day(2014, 9, 22));
    }
}
