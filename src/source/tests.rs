//! Tests of the whole stage: fixture documents end to end, and the prose-view invariants over
//! arbitrary input in every format.

use std::path::PathBuf;

use proptest::prelude::*;

use super::*;

fn fixture(name: &str) -> PathBuf {
    [env!("CARGO_MANIFEST_DIR"), "fixtures", "source", name]
        .iter()
        .collect()
}

fn load_fixture(name: &str) -> Document {
    let doc = load(&Input::Path(fixture(name)), &LoadOptions::default()).unwrap();
    assert_invariants(&doc.text, doc.prose());
    doc
}

/// The prose view has the text's length; every char of it is white space, the original char,
/// or a decoded character reference written where the reference's `&` was.
fn assert_invariants(text: &str, prose: &str) {
    assert_eq!(prose.len(), text.len(), "{text:?}");
    for (i, c) in prose.char_indices() {
        let original = text.as_bytes()[i..].starts_with(c.encode_utf8(&mut [0; 4]).as_bytes());
        let blank = c == ' ' || c == '\n';
        let decoded = text.as_bytes()[i] == b'&';
        assert!(
            original || blank || decoded,
            "byte {i} of {text:?} became {c:?} in {prose:?}"
        );
    }
}

/// Asserts that `phrase` is prose, at the offset of its last occurrence in the text (earlier
/// ones may be in a title or front matter).
fn assert_kept(doc: &Document, phrase: &str) {
    let at = doc
        .text
        .rfind(phrase)
        .unwrap_or_else(|| panic!("{phrase:?} not in the fixture"));
    assert_eq!(&doc.prose()[at..at + phrase.len()], phrase);
}

fn assert_blanked(doc: &Document, phrase: &str) {
    assert!(doc.text.contains(phrase), "{phrase:?} not in the fixture");
    assert!(
        !doc.prose().contains(phrase),
        "{phrase:?} should be blanked:\n{}",
        doc.prose()
    );
}

#[test]
fn html_news_page() {
    let doc = load_fixture("news.html");
    assert_eq!(doc.format, Format::Html);
    assert_eq!(
        doc.meta_date,
        crate::calendar::PartialDate::day(2019, 3, 14)
    );
    for phrase in [
        "Harbour raid: 1.3 tonnes of cannabis seized",
        "Police seized 1.3 tonnes of cannabis from a container",
        "three men, aged 34, 41 and 52, had been arrested.",
        "The port handled 2.4 million containers in 2018, up 6% on the year before.",
    ] {
        assert_kept(&doc, phrase);
    }
    let pound = doc.text.find("&pound;4").unwrap();
    assert_eq!(&doc.prose()[pound..pound + 8], "£     4");
    for phrase in [
        "The Coastal Courier",
        "window.dataLayer",
        "font-family",
        "We use cookies",
        "Accept cookies",
        "Sport",
        "Share on Facebook",
        "Advertisement",
        "Smaller haul",
        "Sign up to our morning briefing",
        "All rights reserved",
        "Privacy policy",
        "ad slot",
        "<p>",
    ] {
        assert_blanked(&doc, phrase);
    }
}

#[test]
fn markdown_article() {
    let doc = load_fixture("article.md");
    assert_eq!(doc.format, Format::Markdown);
    assert_eq!(doc.meta_date, crate::calendar::PartialDate::day(2021, 2, 9));
    for phrase in [
        "Council budget: what the ",
        "£214 million",
        "up 3.5% on this year",
        "draft budget",
        "£1,873",
        "Adult care",
        "£76m",
        "Libraries lose 12 posts.",
        "fortnightly",
        "\"We have protected the front line,\" said the council leader.",
    ] {
        assert_kept(&doc, phrase);
    }
    for phrase in [
        "author: Sam Okafor",
        "https://example.org",
        "Draft budget 2021/22",
        "Chart of spending",
        "9,999 lines",
        "total = 71",
        "|",
        "**",
        "Read more",
        "Sign up for our",
        "unsubscribe",
    ] {
        assert_blanked(&doc, phrase);
    }
    let dash = doc.text.find("&ndash;").unwrap();
    assert_eq!(&doc.prose()[dash..dash + 7], "\u{2013}    ");
}

#[test]
fn plain_text_article_ending_in_a_newsletter_block() {
    let doc = load_fixture("article.txt");
    assert_eq!(doc.format, Format::Text);
    assert_eq!(doc.meta_date, None);
    let block = doc.text.find("Get our weekly briefing").unwrap();
    assert_eq!(&doc.prose()[..block], &doc.text[..block]);
    let rest = &doc.prose()[block..];
    assert!(rest.bytes().all(|b| b == b' ' || b == b'\n'), "{rest}");
    assert_eq!(
        rest.matches('\n').count(),
        doc.text[block..].matches('\n').count()
    );
}

#[test]
fn walking_the_fixtures_finds_them_in_order() {
    let dir = fixture("").display().to_string();
    let inputs: Vec<_> = walk(&[dir], &WalkOptions::default())
        .map(Result::unwrap)
        .collect();
    let names: Vec<_> = inputs
        .iter()
        .map(|input| match input {
            Input::Path(path) => path.file_name().unwrap().to_string_lossy().into_owned(),
            Input::Stdin => "-".into(),
        })
        .collect();
    assert_eq!(names, ["article.md", "article.txt", "news.html"]);
}

#[test]
fn a_cookie_notice_in_plain_text() {
    let text = "Turnout was 64.2%.\n\nThis site uses cookies. By continuing you accept them.\n";
    let doc = parse_document("-".into(), text.as_bytes().to_vec(), Some(Format::Text)).unwrap();
    assert_eq!(
        doc.prose().split_whitespace().collect::<Vec<_>>(),
        ["Turnout", "was", "64.2%."]
    );
}

const FORMATS: [Format; 3] = [Format::Text, Format::Markdown, Format::Html];

/// Fragments that exercise the markup paths of every format.
fn markup_soup() -> impl Strategy<Value = String> {
    let fragment = prop::sample::select(vec![
        "<p>",
        "</p>",
        "<nav>",
        "</nav>",
        "<div class=\"share\">",
        "</div>",
        "<script>",
        "</script>",
        "<br>",
        "<!--",
        "-->",
        "<",
        ">",
        "&",
        "&amp;",
        "&#8217;",
        "&pound;",
        "&nGt;",
        "&nbsp;",
        "\n",
        "\n\n",
        "\r\n",
        "# ",
        "**",
        "*",
        "`",
        "```\n",
        "[",
        "](",
        ")",
        "![",
        "|",
        "---\n",
        "+++\n",
        "date: 2014-09-22\n",
        "\\",
        "- ",
        "> ",
        "    ",
        "Sign up to our newsletter",
        "We use cookies",
        "1.3 tonnes",
        "é",
        "€",
        "😀",
        "\u{feff}",
        "\t",
        "text",
    ]);
    prop::collection::vec(fragment, 0..60).prop_map(|parts| parts.concat())
}

fn check(text: String) -> Result<(), TestCaseError> {
    for format in FORMATS {
        match parse_document("-".into(), text.clone().into_bytes(), Some(format)) {
            Ok(doc) => {
                prop_assert_eq!(&doc.text, &text);
                assert_invariants(&doc.text, doc.prose());
            }
            Err(SourceError::Binary { .. }) => prop_assert!(text.contains('\0')),
            Err(err) => prop_assert!(false, "unexpected error {err}"),
        }
    }
    Ok(())
}

proptest! {
    #[test]
    fn prose_invariants_hold_for_any_string(text in any::<String>()) {
        check(text)?;
    }

    #[test]
    fn prose_invariants_hold_for_markup_soup(text in markup_soup()) {
        check(text)?;
    }

    #[test]
    fn plain_prose_is_copied_unchanged(text in "[A-Za-z0-9 .,;%£\n]{0,400}") {
        let doc = parse_document("a.txt".into(), text.clone().into_bytes(), None).unwrap();
        prop_assert_eq!(doc.prose(), text);
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        let _ = parse_document("-".into(), bytes, None);
    }
}
