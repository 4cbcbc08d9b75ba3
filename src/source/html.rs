//! The prose view of an HTML document.
//!
//! html5gum tokenizes the page with byte spans. Text tokens are kept (with character references
//! decoded in place); tags, comments and doctypes are blanked; block-level tags become line
//! breaks. Page furniture (scripts, navigation, headers, footers, forms, and elements whose
//! class or id marks them as newsletter boxes, share bars, ...) is blanked with everything in it.
//!
//! This is a tokenizer, not a tree builder: furniture ends at the matching end tag, counting
//! nested elements of the same name. An unclosed piece of furniture runs to `</body>`, which is
//! the price of never guessing at HTML's implied end tags.

use std::ops::Range;

use html5gum::{DefaultEmitter, Span, StartTag, Token, Tokenizer};

use super::boilerplate::{Lexicon, lexicon};
use super::entity::{decode_reference, prose_form};
use super::mask::{Break, Mask};
use super::meta::HtmlDates;
use crate::calendar::PartialDate;

/// Elements that are never article prose, blanked with all their content. Those the tokenizer
/// reads as raw text (`xmp`, `noembed`, ...) are here too, or their content would be kept.
fn is_furniture_tag(name: &[u8]) -> bool {
    matches!(
        name,
        b"script"
            | b"style"
            | b"noscript"
            | b"template"
            | b"svg"
            | b"math"
            | b"head"
            | b"title"
            | b"nav"
            | b"header"
            | b"footer"
            | b"aside"
            | b"form"
            | b"button"
            | b"select"
            | b"textarea"
            | b"iframe"
            | b"object"
            | b"canvas"
            | b"dialog"
            | b"xmp"
            | b"noembed"
            | b"noframes"
            | b"plaintext"
    )
}

/// ARIA roles of page furniture.
fn is_furniture_role(role: &[u8]) -> bool {
    let role = role.trim_ascii().to_ascii_lowercase();
    matches!(
        role.as_slice(),
        b"navigation" | b"banner" | b"contentinfo" | b"complementary" | b"search" | b"dialog"
    )
}

/// Containers whose class or id describes the whole page, not a piece of furniture.
fn is_structural_tag(name: &[u8]) -> bool {
    matches!(name, b"html" | b"body" | b"main" | b"article")
}

/// Elements without content, which therefore never open a furniture region.
fn is_void_tag(name: &[u8]) -> bool {
    matches!(
        name,
        b"area"
            | b"base"
            | b"br"
            | b"col"
            | b"embed"
            | b"hr"
            | b"img"
            | b"input"
            | b"link"
            | b"meta"
            | b"source"
            | b"track"
            | b"wbr"
    )
}

/// Blanks the markup and furniture of `body` in `mask`; returns the date the page states.
pub(crate) fn mask_html(body: &str, mask: &mut Mask<'_>) -> Option<PartialDate> {
    let lexicon = lexicon();
    let mut emitter = DefaultEmitter::<usize>::new_with_span();
    // Read the content of <script>, <style>, <textarea>, <title>, ... as text, not as tags.
    emitter.naively_switch_states(true);
    let mut furniture: Option<Furniture> = None;
    let mut dates = HtmlDates::default();
    for token in Tokenizer::new_with_emitter(body, emitter) {
        let Ok(token) = token;
        match token {
            Token::StartTag(tag) => {
                // A <time> in the page header usually dates the article; elsewhere in the
                // furniture it dates a related story.
                let counts_for_time = furniture.as_ref().is_none_or(|f| f.name == b"header");
                dates.see_start_tag(&tag.name, |name| attribute(&tag, name), counts_for_time);
                if furniture
                    .as_mut()
                    .is_some_and(|f| f.continues_past_start(&tag))
                {
                    continue;
                }
                furniture = start_tag(&tag, mask, lexicon);
            }
            Token::EndTag(tag) => {
                let ends_furniture = furniture.as_mut().is_some_and(|f| f.ends_at_end(&tag.name));
                if ends_furniture {
                    furniture = None;
                }
                if furniture.is_none() {
                    mask.request_break(block_break(&tag.name));
                }
            }
            Token::String(text) if furniture.is_none() => {
                keep_text(body, text.span, &text.value, mask)
            }
            // Comments, doctypes, parse errors and the text of furniture are blanked.
            _ => {}
        }
    }
    dates.date()
}

/// An open element that is blanked with all its content.
struct Furniture {
    name: Vec<u8>,
    /// Open elements of the same name, counting this one.
    depth: usize,
}

impl Furniture {
    /// Sees a start tag inside the furniture; false when the furniture ends before it (an
    /// unclosed `<head>` ends where `<body>` starts).
    fn continues_past_start(&mut self, tag: &StartTag<usize>) -> bool {
        if self.name == b"head" && tag.name == b"body" {
            return false;
        }
        if tag.name == self.name && !tag.self_closing {
            self.depth += 1;
        }
        true
    }

    /// Sees an end tag inside the furniture; true when the furniture ends with it.
    fn ends_at_end(&mut self, name: &[u8]) -> bool {
        if name == self.name {
            self.depth -= 1;
            return self.depth == 0;
        }
        // Unclosed furniture cannot outlive the document's body.
        matches!(name, b"body" | b"html")
    }
}

/// Handles a start tag outside furniture; returns the furniture it opens, if it does.
fn start_tag(tag: &StartTag<usize>, mask: &mut Mask<'_>, lexicon: &Lexicon) -> Option<Furniture> {
    mask.request_break(block_break(&tag.name));
    let opens = is_furniture(tag, lexicon) && !tag.self_closing && !is_void_tag(&tag.name);
    opens.then(|| Furniture {
        name: tag.name.to_vec(),
        depth: 1,
    })
}

fn is_furniture(tag: &StartTag<usize>, lexicon: &Lexicon) -> bool {
    if is_furniture_tag(&tag.name) {
        return true;
    }
    if is_structural_tag(&tag.name) {
        return false;
    }
    let marked = |attr: &str| attribute(tag, attr).is_some_and(|v| lexicon.marks_html_element(v));
    marked("class")
        || marked("id")
        || attribute(tag, "role").is_some_and(is_furniture_role)
        || attribute(tag, "hidden").is_some()
        || attribute(tag, "aria-hidden").is_some_and(|v| v.eq_ignore_ascii_case(b"true"))
}

fn attribute<'t>(tag: &'t StartTag<usize>, name: &str) -> Option<&'t [u8]> {
    tag.attributes
        .get(name.as_bytes())
        .map(|v| v.value.as_slice())
}

/// The break a tag of this name stands for in the prose view.
fn block_break(name: &[u8]) -> Break {
    match name {
        b"br" | b"td" | b"th" => Break::Line,
        b"p" | b"div" | b"li" | b"h1" | b"h2" | b"h3" | b"h4" | b"h5" | b"h6" | b"tr"
        | b"table" | b"thead" | b"tbody" | b"tfoot" | b"caption" | b"ul" | b"ol" | b"dl"
        | b"dd" | b"dt" | b"section" | b"article" | b"main" | b"blockquote" | b"pre" | b"hr"
        | b"figure" | b"figcaption" | b"address" | b"details" | b"summary" | b"fieldset"
        | b"legend" | b"hgroup" | b"center" | b"body" | b"html" | b"head" | b"title" | b"nav"
        | b"header" | b"footer" | b"aside" | b"form" | b"dialog" | b"menu" | b"option" => {
            Break::Paragraph
        }
        _ => Break::None,
    }
}

/// Keeps a text token's bytes, decoding character references in place. `decoded` is the
/// tokenizer's reading of the span: when it equals the source, there is nothing to decode.
fn keep_text(body: &str, span: Span<usize>, decoded: &[u8], mask: &mut Mask<'_>) {
    let range: Range<usize> = span.start..span.end;
    let Some(source) = body.get(range.clone()) else {
        return;
    };
    if source.as_bytes() == decoded || !source.contains('&') {
        mask.keep(range);
        return;
    }
    let mut kept_to = range.start;
    for at in memchr::memchr_iter(b'&', source.as_bytes()).map(|i| range.start + i) {
        if at < kept_to {
            continue;
        }
        let Some((len, decoded)) = body.get(at..range.end).and_then(decode_reference) else {
            continue;
        };
        mask.keep(kept_to..at);
        mask.put(at..at + len, prose_form(&decoded));
        kept_to = at + len;
    }
    mask.keep(kept_to..range.end);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The prose view and date of an HTML snippet, before boilerplate paragraphs are looked at.
    fn masked(html: &str) -> (String, Option<PartialDate>) {
        let mut mask = Mask::new(html, 0);
        let date = mask_html(html, &mut mask);
        (String::from_utf8(mask.finish()).unwrap(), date)
    }

    fn prose(html: &str) -> String {
        masked(html).0
    }

    /// The prose view with white space runs collapsed, for readable assertions.
    fn words(html: &str) -> String {
        prose(html).split_whitespace().collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn keeps_text_at_its_offsets() {
        let html = "<p>Police seized <b>1.3 tonnes</b> of cannabis.</p>";
        let view = prose(html);
        assert_eq!(view.len(), html.len());
        let at = html.find("1.3 tonnes").unwrap();
        assert_eq!(&view[at..at + 10], "1.3 tonnes");
        assert_eq!(words(html), "Police seized 1.3 tonnes of cannabis.");
    }

    #[test]
    fn block_tags_break_lines() {
        let view = prose("<h1>Title</h1><p>One.</p><p>Two<br>three</p>");
        assert!(view.contains("Title\n\n"), "{view:?}");
        assert!(view.contains("One.\n\n"), "{view:?}");
        assert!(view.contains("Two\n"), "{view:?}");
        assert!(!view.contains("Two\n\n"), "{view:?}");
    }

    #[test]
    fn furniture_is_blanked_with_its_content() {
        let html = "<html><head><title>Site</title><style>p{}</style></head><body>\
                    <nav><ul><li>Home</li></ul></nav><header>Masthead</header>\
                    <p>Turnout was 64 per cent.</p><script>var a = '<p>x</p>';</script>\
                    <aside>Most read</aside><form><button>Go</button></form>\
                    <footer>Contact</footer></body></html>";
        assert_eq!(words(html), "Turnout was 64 per cent.");
    }

    #[test]
    fn furniture_by_class_id_role_and_hidden() {
        let html = "<div class=\"story\"><p>Kept.</p>\
                    <div class=\"Newsletter-box\"><div><p>Join</p></div><p>now</p></div>\
                    <ul id=\"share-links\"><li>Facebook</li></ul>\
                    <div role=\"navigation\">Menu</div><p hidden>Secret</p>\
                    <span aria-hidden=\"true\">*</span><p>Also kept.</p></div>";
        assert_eq!(words(html), "Kept. Also kept.");
    }

    #[test]
    fn page_level_classes_do_not_blank_the_article() {
        let html = "<body class=\"single-post comments-open\"><article class=\"has-share\">\
                    <p>Kept.</p></article></body>";
        assert_eq!(words(html), "Kept.");
    }

    #[test]
    fn unclosed_head_ends_at_body() {
        assert_eq!(words("<head><title>T</title><body><p>Text</p>"), "Text");
    }

    #[test]
    fn character_references_are_decoded_in_place() {
        let html = "<p>Fish&amp;chips cost &pound;4&nbsp;each, it&#8217;s &#1; &bogus; fine</p>";
        let view = prose(html);
        assert_eq!(view.len(), html.len());
        let at = html.find("&amp;").unwrap();
        assert_eq!(&view[at..at + 5], "&    ");
        assert_eq!(words(html), "Fish& chips cost £ 4 each, it’ s &bogus; fine");
    }

    #[test]
    fn dates_from_meta_and_time() {
        let html = "<head><meta property=\"article:published_time\" content=\"2014-09-22T10:00:00Z\">\
                    </head><body><time datetime=\"2013-01-01\">x</time></body>";
        assert_eq!(masked(html).1, PartialDate::day(2014, 9, 22));
        let html = "<aside><time datetime=\"2012-05-05\"></time></aside>\
                    <p>Text <time datetime=\"2013-01-01\">1 Jan</time></p>";
        assert_eq!(masked(html).1, PartialDate::day(2013, 1, 1));
        assert_eq!(masked("<p>no date</p>").1, None);
    }

    #[test]
    fn malformed_html_does_not_panic() {
        for html in [
            "<",
            "<p",
            "</",
            "<!",
            "a < b",
            "<p>unclosed <b>bold",
            "<div class=",
            "&",
            "x&",
            "<!-- open",
            "<script>never closed",
            "</p></div>",
            "<nav>",
            "a\r\n&amp;",
            "<p a=\"1\"\r\n>é</p>",
        ] {
            let view = prose(html);
            assert_eq!(view.len(), html.len(), "{html:?}");
        }
        assert_eq!(words("a < b and c"), "a < b and c");
    }
}
