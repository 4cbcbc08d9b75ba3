//! Which markup a document is written in: by its extension, else by a look at its start.

use std::path::Path;

use super::Format;

/// How much of a document the content sniffing looks at.
const SNIFF_LEN: usize = 4096;

/// Tag names whose presence suggests HTML rather than prose that mentions a `<`.
const HTML_TAGS: &[&[u8]] = &[
    b"p",
    b"div",
    b"body",
    b"head",
    b"br",
    b"span",
    b"a",
    b"h1",
    b"h2",
    b"h3",
    b"h4",
    b"h5",
    b"h6",
    b"ul",
    b"ol",
    b"li",
    b"table",
    b"tr",
    b"td",
    b"em",
    b"strong",
    b"b",
    b"i",
    b"meta",
    b"link",
    b"script",
    b"style",
    b"title",
    b"section",
    b"article",
    b"img",
    b"blockquote",
    b"nav",
];

/// The format of a document: by the extension of `path`, else by its content.
pub fn detect_format(path: &str, text: &str) -> Format {
    format_from_extension(Path::new(path)).unwrap_or_else(|| sniff_format(text))
}

/// The format a file extension stands for, ignoring case; `None` for anything that is not a
/// document extension (these are also the files a directory walk picks up).
pub fn format_from_extension(path: &Path) -> Option<Format> {
    let extension = path.extension()?.to_str()?.to_ascii_lowercase();
    match extension.as_str() {
        "txt" | "text" => Some(Format::Text),
        "md" | "markdown" | "mdown" => Some(Format::Markdown),
        "html" | "htm" | "xhtml" => Some(Format::Html),
        _ => None,
    }
}

/// The format of a text with no telling extension (stdin, `README`), judged from its start.
pub fn sniff_format(text: &str) -> Format {
    let sample = sample(text);
    let start = sample.trim_start_matches('\u{feff}');
    let head = start.trim_start().as_bytes();
    let starts_with = |prefix: &[u8]| {
        head.get(..prefix.len())
            .is_some_and(|h| h.eq_ignore_ascii_case(prefix))
    };
    if starts_with(b"<!doctype html") || starts_with(b"<html") {
        return Format::Html;
    }
    if ["---\n", "---\r\n", "+++\n", "+++\r\n"]
        .iter()
        .any(|f| start.starts_with(f))
    {
        return Format::Markdown;
    }
    let tags = html_tag_count(sample.as_bytes());
    let markdown = markdown_signal_count(sample);
    // At least one tag per KiB, and more tags than Markdown signals (Markdown may embed HTML).
    if tags >= 2 && tags * 1024 >= sample.len() && tags > markdown {
        Format::Html
    } else if markdown >= 2 || start.starts_with("# ") {
        Format::Markdown
    } else {
        Format::Text
    }
}

/// The first `SNIFF_LEN` bytes of `text`, cut at a char boundary.
fn sample(text: &str) -> &str {
    let mut end = text.len().min(SNIFF_LEN);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Start and end tags of common HTML elements: `<p>`, `</div>`, `<a href=...>`, `<br/>`.
fn html_tag_count(sample: &[u8]) -> usize {
    memchr::memchr_iter(b'<', sample)
        .filter(|&at| {
            let rest = &sample[at + 1..];
            let rest = rest.strip_prefix(b"/").unwrap_or(rest);
            let name_len = rest
                .iter()
                .take_while(|b| b.is_ascii_alphanumeric())
                .count();
            let (name, after) = rest.split_at(name_len);
            matches!(
                after.first(),
                None | Some(b'>' | b'/' | b' ' | b'\t' | b'\n' | b'\r')
            ) && HTML_TAGS.iter().any(|tag| tag.eq_ignore_ascii_case(name))
        })
        .count()
}

/// Lines and spans that are Markdown syntax and rare in plain prose: ATX headings, code
/// fences, setext underlines, inline links, strong emphasis.
fn markdown_signal_count(sample: &str) -> usize {
    let line_signals = sample
        .lines()
        .filter(|line| {
            let hashes = line.bytes().take_while(|&b| b == b'#').count();
            ((1..=6).contains(&hashes) && line[hashes..].starts_with(' '))
                || line.starts_with("```")
                || line.starts_with("~~~")
                || (line.len() >= 3 && line.bytes().all(|b| b == b'='))
        })
        .count();
    let links = memchr::memmem::find_iter(sample.as_bytes(), b"](").count();
    let strong = memchr::memmem::find_iter(sample.as_bytes(), b"**").count() / 2;
    line_signals + links + strong
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn by_extension_ignoring_case() {
        assert_eq!(detect_format("a/b.MD", "<html>"), Format::Markdown);
        assert_eq!(detect_format("x.htm", "# no"), Format::Html);
        assert_eq!(detect_format("x.xhtml", ""), Format::Html);
        assert_eq!(detect_format("notes.text", "# Title"), Format::Text);
        assert_eq!(format_from_extension(Path::new("a.pdf")), None);
        assert_eq!(format_from_extension(Path::new("README")), None);
    }

    #[test]
    fn html_by_content() {
        assert_eq!(sniff_format("  \n<!DOCTYPE html><p>x"), Format::Html);
        assert_eq!(sniff_format("\u{feff}<HTML lang=en>"), Format::Html);
        assert_eq!(sniff_format("<p>One.</p>\n<p>Two.</p>"), Format::Html);
        assert_eq!(
            sniff_format("<div class=\"a\"><span>x</span></div>"),
            Format::Html
        );
    }

    #[test]
    fn markdown_by_content() {
        assert_eq!(sniff_format("---\ntitle: x\n---\nBody"), Format::Markdown);
        assert_eq!(sniff_format("# Title\n\nText."), Format::Markdown);
        assert_eq!(
            sniff_format("Intro\n\n## Part\n\nSee [the report](http://x)."),
            Format::Markdown
        );
        assert_eq!(
            sniff_format("Title\n=====\n\nThe **main** point."),
            Format::Markdown
        );
    }

    #[test]
    fn text_by_default() {
        assert_eq!(sniff_format(""), Format::Text);
        assert_eq!(
            sniff_format("Police seized 1.3 tonnes of cannabis.\n\n- in 2014\n- in 2015"),
            Format::Text
        );
        assert_eq!(
            sniff_format("If a < b and c > d, then #1 wins."),
            Format::Text
        );
        let long = format!("{}<b>bold</b>", "Plain prose. ".repeat(300));
        assert_eq!(sniff_format(&long), Format::Text);
    }
}
