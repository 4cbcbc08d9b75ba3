//! Boilerplate paragraphs: newsletter sign-ups, cookie notices, share links and the like, which
//! surround an article in every format and are not part of what it claims.
//!
//! Detection is by paragraph of the prose view (after markup is blanked), driven by the phrase
//! lists in `rules/lexicon/boilerplate.toml`. Only short paragraphs are candidates, which both
//! protects real paragraphs that mention a phrase and bounds the work. Phrases are matched in
//! place, only at word starts, through an index by their first two bytes, so a paragraph costs
//! a scan for white space and a lookup per word.

use std::ops::Range;
use std::sync::OnceLock;

use memchr::memmem::Finder;
use rustc_hash::FxHashMap;
use serde::Deserialize;

use super::mask::{Break, blank};

const LEXICON_TOML: &str = include_str!("../../rules/lexicon/boilerplate.toml");

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LexiconFile {
    limits: Limits,
    phrases: PhraseLists,
    html: HtmlMarkers,
}

#[derive(Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields)]
struct Limits {
    max_paragraph_bytes: usize,
    max_heading_bytes: usize,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PhraseLists {
    contains: Vec<String>,
    starts_with: Vec<String>,
    equals: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct HtmlMarkers {
    markers: Vec<String>,
}

/// The boilerplate lexicon, compiled for matching.
///
/// Phrases are stored normalized (ASCII lower case, single spaces) and matched in place against
/// the prose view by [`phrase_end`], so no paragraph is ever copied or lowercased.
pub(crate) struct Lexicon {
    limits: Limits,
    /// The `contains` phrases by their opening (first two bytes), to be tried at word starts.
    contains: FxHashMap<usize, Vec<Vec<u8>>>,
    /// The openings of the `contains` phrases as a bitset, which rules out most word starts
    /// with one lookup.
    openings: Vec<u64>,
    starts_with: Vec<Vec<u8>>,
    equals: Vec<Vec<u8>>,
    html_markers: Vec<Finder<'static>>,
}

/// The lexicon embedded from `rules/lexicon/boilerplate.toml`, parsed on first use.
pub(crate) fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(|| {
        // The file is compiled in, not user input, and a unit test parses it.
        Lexicon::parse(LEXICON_TOML).expect("rules/lexicon/boilerplate.toml is valid")
    })
}

impl Lexicon {
    fn parse(source: &str) -> Result<Self, toml::de::Error> {
        let file: LexiconFile = toml::from_str(source)?;
        let mut contains = FxHashMap::<usize, Vec<Vec<u8>>>::default();
        let mut openings = vec![0; OPENINGS / 64];
        for phrase in normalized(&file.phrases.contains) {
            let opening = opening(&phrase).unwrap_or_default();
            openings[opening / 64] |= 1 << (opening % 64);
            contains.entry(opening).or_default().push(phrase);
        }
        let html_markers = normalized(&file.html.markers)
            .iter()
            .map(|marker| Finder::new(marker).into_owned())
            .collect();
        Ok(Self {
            limits: file.limits,
            contains,
            openings,
            starts_with: normalized(&file.phrases.starts_with),
            equals: normalized(&file.phrases.equals),
            html_markers,
        })
    }

    /// Whether an HTML `class` or `id` value marks its element as boilerplate.
    pub(crate) fn marks_html_element(&self, value: &[u8]) -> bool {
        let value = value.to_ascii_lowercase();
        self.html_markers.iter().any(|m| m.find(&value).is_some())
    }

    /// Whether a paragraph (trimmed) contains a `contains` phrase at a word start, starts with a
    /// `starts_with` phrase, or is an `equals` phrase give or take trailing punctuation.
    fn has_phrase(&self, para: &[u8]) -> bool {
        let is_rest_bare = |end: usize| {
            para[end..]
                .iter()
                .all(|b| b.is_ascii_punctuation() || b.is_ascii_whitespace())
        };
        self.starts_with
            .iter()
            .any(|p| phrase_end(para, p).is_some())
            || self
                .equals
                .iter()
                .any(|p| phrase_end(para, p).is_some_and(is_rest_bare))
            || word_starts(para).any(|at| self.contains_at(&para[at..]))
    }

    fn contains_at(&self, text: &[u8]) -> bool {
        let Some(opening) = opening(text) else {
            return false;
        };
        if self.openings[opening / 64] & (1 << (opening % 64)) == 0 {
            return false;
        }
        self.contains
            .get(&opening)
            .is_some_and(|phrases| phrases.iter().any(|p| phrase_end(text, p).is_some()))
    }

    /// A short line that reads as a heading rather than a sentence.
    fn is_heading_like(&self, para: &[u8]) -> bool {
        is_short(para, self.limits.max_heading_bytes) && !ends_sentence(para)
    }
}

/// The number of possible openings (first two bytes) of a phrase.
const OPENINGS: usize = 1 << 16;

/// The first two bytes of `text` as a phrase sees them (lower case, any white space a space),
/// as an index below `OPENINGS`.
fn opening(text: &[u8]) -> Option<usize> {
    let fold = |b: u8| {
        usize::from(if b.is_ascii_whitespace() {
            b' '
        } else {
            b.to_ascii_lowercase()
        })
    };
    match text {
        [a, b, ..] => Some(fold(*a) << 8 | fold(*b)),
        _ => None,
    }
}

/// The phrases, normalized. Phrases of fewer than two bytes are dropped: they would match
/// almost any paragraph, and matching relies on a phrase's first two bytes.
fn normalized(phrases: &[String]) -> Vec<Vec<u8>> {
    let normalize = |phrase: &String| {
        let words: Vec<&str> = phrase.split_ascii_whitespace().collect();
        words.join(" ").to_ascii_lowercase().into_bytes()
    };
    phrases
        .iter()
        .map(normalize)
        .filter(|p| p.len() >= 2)
        .collect()
}

/// Where a normalized `phrase` ends if it occurs at the start of `text`, ignoring ASCII case
/// and matching each space of the phrase to a run of white space.
fn phrase_end(text: &[u8], phrase: &[u8]) -> Option<usize> {
    let mut at = 0;
    for &expected in phrase {
        if expected == b' ' {
            let run = text
                .get(at..)?
                .iter()
                .take_while(|b| b.is_ascii_whitespace())
                .count();
            if run == 0 {
                return None;
            }
            at += run;
        } else if text.get(at)?.to_ascii_lowercase() == expected {
            at += 1;
        } else {
            return None;
        }
    }
    Some(at)
}

/// Where the words of `text` may start: its start and after every space, newline or tab.
fn word_starts(text: &[u8]) -> impl Iterator<Item = usize> + '_ {
    std::iter::once(0).chain(memchr::memchr3_iter(b' ', b'\n', b'\t', text).map(|i| i + 1))
}

/// Whether `text`, with runs of white space counted as one byte, is at most `limit` bytes.
/// Blanked markup inside an HTML paragraph makes the raw length overstate what a reader sees.
fn is_short(text: &[u8], limit: usize) -> bool {
    if text.len() <= limit {
        return true;
    }
    let mut len = 0;
    let mut in_space = false;
    for &byte in text {
        let space = byte.is_ascii_whitespace();
        len += usize::from(!(space && in_space));
        in_space = space;
        if len > limit {
            return false;
        }
    }
    true
}

/// Blanks the boilerplate paragraphs of a prose view in place, keeping their newlines.
pub(crate) fn blank_boilerplate(prose: &mut [u8]) {
    let lexicon = lexicon();
    let limit = lexicon.limits.max_paragraph_bytes;
    // Backwards, so that a heading can look at the verdict on the paragraph after it.
    let mut next_is_boilerplate = false;
    for range in paragraphs(prose).into_iter().rev() {
        let para = prose[range.clone()].trim_ascii();
        let boilerplate = is_short(para, limit)
            && (lexicon.has_phrase(para) || (next_is_boilerplate && lexicon.is_heading_like(para)));
        if boilerplate {
            blank(&mut prose[range], Break::None);
        }
        next_is_boilerplate = boilerplate;
    }
}

/// The paragraphs of a prose view: maximal runs of lines that are not blank, from the start of
/// the first line to the end of the last one.
fn paragraphs(prose: &[u8]) -> Vec<Range<usize>> {
    let mut paragraphs = Vec::new();
    let mut current: Option<Range<usize>> = None;
    let mut line_start = 0;
    while line_start < prose.len() {
        let line_end =
            memchr::memchr(b'\n', &prose[line_start..]).map_or(prose.len(), |i| line_start + i);
        if prose[line_start..line_end]
            .iter()
            .all(u8::is_ascii_whitespace)
        {
            paragraphs.extend(current.take());
        } else {
            current.get_or_insert(line_start..line_end).end = line_end;
        }
        line_start = line_end + 1;
    }
    paragraphs.extend(current);
    paragraphs
}

/// Whether a paragraph ends like a sentence, looking past closing quotes and brackets.
fn ends_sentence(para: &[u8]) -> bool {
    const CLOSERS: [&str; 6] = ["\"", "'", ")", "]", "\u{201d}", "\u{2019}"];
    let mut text = para.trim_ascii_end();
    while let Some(rest) = CLOSERS.iter().find_map(|c| text.strip_suffix(c.as_bytes())) {
        text = rest;
    }
    matches!(text.last(), Some(b'.' | b'!' | b'?')) || text.ends_with("\u{2026}".as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cleaned(text: &str) -> String {
        let mut bytes = text.as_bytes().to_vec();
        blank_boilerplate(&mut bytes);
        String::from_utf8(bytes).unwrap()
    }

    #[test]
    fn the_embedded_lexicon_parses() {
        let lexicon = Lexicon::parse(LEXICON_TOML).unwrap();
        assert!(lexicon.contains.values().map(Vec::len).sum::<usize>() > 10);
        assert!(lexicon.limits.max_heading_bytes < lexicon.limits.max_paragraph_bytes);
        assert!(Lexicon::parse("[limits]\nmax_paragraph_bytes = 1").is_err());
    }

    #[test]
    fn blanks_the_newsletter_block_and_nothing_before_it() {
        let article = "Police seized 1.3 tonnes of cannabis in the raid, officers said.\n\n\
                       Three men were charged on Friday.\n\n";
        let block = "Sign up to our free newsletters\n\n\
                     Get the best updates straight to your inbox:\n\
                     Please select at least one mailing list.\n\n\
                     You can unsubscribe at any time by clicking the link in the footer of our \
                     emails. We use Mailchimp as our marketing platform. By subscribing, you \
                     acknowledge that your information will be transferred to Mailchimp for \
                     processing.\n";
        let prose = cleaned(&format!("{article}{block}"));
        assert_eq!(prose.len(), article.len() + block.len());
        assert_eq!(&prose[..article.len()], article);
        assert!(
            prose[article.len()..]
                .bytes()
                .all(|b| b == b' ' || b == b'\n')
        );
        assert_eq!(
            prose[article.len()..].matches('\n').count(),
            block.matches('\n').count()
        );
    }

    #[test]
    fn a_long_paragraph_that_mentions_a_newsletter_stays() {
        let long = format!(
            "The council said {} residents had signed up for its newsletter, and that it would \
             subscribe to our partners' alerts.",
            "many ".repeat(80)
        );
        assert_eq!(cleaned(&long), long);
    }

    #[test]
    fn a_heading_stays_unless_boilerplate_follows() {
        let text = "Results\n\nTurnout was 64.2 per cent.\n\nMore from us\n\nWe use cookies to improve the site.\n";
        let prose = cleaned(text);
        assert!(prose.starts_with("Results\n\nTurnout was 64.2 per cent.\n\n"));
        assert!(!prose.contains("More from us"));
        assert!(!prose.contains("cookies"));
    }

    #[test]
    fn phrases_at_the_start_or_as_the_whole_paragraph() {
        let text =
            "Read more: the budget in numbers\n\nADVERTISEMENT\n\nAn advertisement cost £40,000.\n";
        let prose = cleaned(text);
        assert!(!prose.contains("Read more"));
        assert!(!prose.contains("ADVERTISEMENT"));
        assert!(prose.contains("An advertisement cost £40,000."));
    }

    #[test]
    fn matching_ignores_case_and_line_breaks() {
        let blanked = format!("{}\n{}", " ".repeat(12), " ".repeat(7));
        assert_eq!(cleaned("Share   this\nARTICLE"), blanked);
    }

    #[test]
    fn phrases_match_in_place() {
        assert_eq!(
            phrase_end(b"Sign  Up\nto our x", b"sign up to our"),
            Some(15)
        );
        assert_eq!(phrase_end(b"sign upto our", b"sign up to our"), None);
        assert_eq!(phrase_end(b"sign up", b"sign up to our"), None);
        assert_eq!(
            phrase_end(b"\xc2\xa9 2019", "\u{a9} 2019".as_bytes()),
            Some(7)
        );
        let lexicon = lexicon();
        assert!(lexicon.has_phrase(b"Please (do) unsubscribe here"));
        assert!(!lexicon.has_phrase(b"Reunsubscribed"));
    }

    #[test]
    fn shortness_counts_runs_of_white_space_once() {
        assert!(is_short(b"abc", 3));
        assert!(!is_short(b"abcd", 3));
        assert!(is_short(b"a      \n     b", 3));
        assert!(!is_short(b"a      \n     bc", 3));
    }

    #[test]
    fn paragraphs_are_separated_by_blank_lines() {
        let text = b"a\nb\n \t\nc\n\n\nd";
        assert_eq!(paragraphs(text), vec![0..3, 7..8, 11..12]);
        assert_eq!(paragraphs(b""), Vec::<Range<usize>>::new());
    }

    #[test]
    fn sentence_ends() {
        assert!(ends_sentence(b"He left."));
        assert!(ends_sentence("\u{201c}Go!\u{201d}".as_bytes()));
        assert!(ends_sentence(b"(see above.)"));
        assert!(!ends_sentence(b"Sign up to our free newsletters"));
        assert!(!ends_sentence(b"Get updates:"));
    }

    #[test]
    fn html_markers() {
        let lexicon = lexicon();
        assert!(lexicon.marks_html_element(b"article-Share-bar"));
        assert!(lexicon.marks_html_element(b"NewsletterSignup"));
        assert!(!lexicon.marks_html_element(b"story-body"));
    }
}
