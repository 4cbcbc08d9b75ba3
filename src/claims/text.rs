//! A document's tokens with the lexicon at hand: the view every extraction step reads.

use std::ops::Range;

use super::lexicon::Lexicon;
use super::tokens::{Gap, Token, TokenKind};

/// `src` with ASCII letters in lower case: the same length, so token offsets apply to both.
/// Lexicons are looked up in it without allocating.
pub fn lowered(src: &str) -> String {
    src.to_ascii_lowercase()
}

/// The lexicon flags of every token; `lower` is the lower-case view of `src` from byte
/// `lower_from`.
fn token_flags(
    src: &str,
    (lower, lower_from): (&str, usize),
    tokens: &[Token],
    lex: &Lexicon,
) -> Vec<u8> {
    tokens
        .iter()
        .map(|t| match t.kind {
            TokenKind::Number => super::lexicon::flags::DIGITS,
            _ => lex.flags(
                src.as_bytes().get(t.start..t.end).unwrap_or_default(),
                lower
                    .as_bytes()
                    .get(t.start - lower_from..t.end - lower_from)
                    .unwrap_or_default(),
            ),
        })
        .collect()
}

/// What a [`Text`] borrows: the tokens of a stretch of the source, its lower-case view and the
/// flags, made once per stretch (a whole document, or one chunk of a long one).
pub struct Prepared {
    pub tokens: Vec<Token>,
    pub lower: String,
    /// The byte of the source that `lower` starts at.
    lower_from: usize,
    pub flags: Vec<u8>,
    /// Where the source's next token after the stretch starts (the source's length when none
    /// follows): the start of the token one past the last.
    after: usize,
}

impl Prepared {
    pub fn new(src: &str, lex: &Lexicon) -> Self {
        Self::stretch(src, 0..src.len(), lex)
    }

    /// The tokens of `src[range]`, which must start and end at white space or at the ends of
    /// `src`; offsets stay offsets into `src`.
    pub fn stretch(src: &str, range: Range<usize>, lex: &Lexicon) -> Self {
        let tokens = super::tokens::tokenize_range(src, range.clone());
        let lower = lowered(src.get(range.clone()).unwrap_or_default());
        let flags = token_flags(src, (&lower, range.start), &tokens, lex);
        Prepared {
            tokens,
            lower,
            lower_from: range.start,
            flags,
            after: super::tokens::next_token_start(src, range.end),
        }
    }

    pub fn text<'a>(&'a self, src: &'a str, lex: &'static Lexicon) -> Text<'a> {
        Text {
            src,
            lower: &self.lower,
            lower_from: self.lower_from,
            after: self.after,
            flags: &self.flags,
            tokens: &self.tokens,
            lex,
        }
    }
}

pub struct Text<'a> {
    pub src: &'a str,
    /// [`lowered`] of the stretch of `src` that starts at byte `lower_from`.
    lower: &'a str,
    lower_from: usize,
    /// [`Prepared::after`].
    after: usize,
    /// The lexicon [`flags`](super::lexicon::flags) of each token.
    pub flags: &'a [u8],
    pub tokens: &'a [Token],
    pub lex: &'static Lexicon,
}

impl<'a> Text<'a> {
    /// Does token `i` carry this lexicon flag?
    #[inline]
    pub fn has(&self, i: usize, flag: u8) -> bool {
        self.flags.get(i).is_some_and(|f| f & flag != 0)
    }

    /// Token `i` starts with a capital letter: [`super::words::is_capitalized`], from the flags.
    #[inline]
    pub fn capitalized(&self, i: usize) -> bool {
        self.has(i, super::lexicon::flags::CAPITAL)
    }

    /// The first token from `from` (inclusive) to `to` (exclusive) that carries any of the
    /// `flags`, else `to`: how the extraction steps skip the many tokens that cannot start
    /// what they look for, in a tight loop over one byte a token.
    #[inline]
    pub fn next_with(&self, flags: u8, from: usize, to: usize) -> usize {
        let to = to.min(self.flags.len());
        self.flags
            .get(from..to)
            .and_then(|f| f.iter().position(|f| f & flags != 0))
            .map_or(to.max(from), |k| from + k)
    }

    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }

    #[inline]
    pub fn str(&self, i: usize) -> &'a str {
        self.tokens.get(i).map_or("", |t| t.text(self.src))
    }

    /// The token in lower case (ASCII letters only: "Élysée" keeps its "É").
    #[inline]
    pub fn lower(&self, i: usize) -> &'a str {
        self.tokens
            .get(i)
            .map_or("", |t| self.lower_slice(t.start, t.end))
    }

    #[inline]
    pub fn kind(&self, i: usize) -> Option<TokenKind> {
        self.tokens.get(i).map(|t| t.kind)
    }

    #[inline]
    pub fn gap(&self, i: usize) -> Gap {
        self.tokens.get(i).map_or(Gap::Paragraph, |t| t.gap)
    }

    pub fn is_word(&self, i: usize) -> bool {
        self.kind(i) == Some(TokenKind::Word)
    }

    pub fn is_number(&self, i: usize) -> bool {
        self.kind(i) == Some(TokenKind::Number)
    }

    /// The bytes of the token in lower case, without the checks that slicing a `str` makes:
    /// comparisons with lexicon words run for every token.
    fn lower_bytes(&self, i: usize) -> &'a [u8] {
        self.tokens
            .get(i)
            .and_then(|t| {
                self.lower
                    .as_bytes()
                    .get(t.start - self.lower_from..t.end - self.lower_from)
            })
            .unwrap_or_default()
    }

    /// Bytes `start..end` of the source in lower case ("" outside the stretch or off a char
    /// boundary).
    pub fn lower_slice(&self, start: usize, end: usize) -> &'a str {
        start
            .checked_sub(self.lower_from)
            .zip(end.checked_sub(self.lower_from))
            .and_then(|(s, e)| self.lower.get(s..e))
            .unwrap_or("")
    }

    /// The token is this word, in any case. `word` is written in lower case.
    #[inline]
    pub fn is(&self, i: usize, word: &str) -> bool {
        debug_assert!(!word.bytes().any(|b| b.is_ascii_uppercase()), "{word}");
        self.lower_bytes(i) == word.as_bytes()
    }

    /// The token is one of these words, in any case. `words` are written in lower case.
    #[inline]
    pub fn is_any(&self, i: usize, words: &[&str]) -> bool {
        let s = self.lower_bytes(i);
        words.iter().any(|w| {
            debug_assert!(!w.bytes().any(|b| b.is_ascii_uppercase()), "{w}");
            w.as_bytes() == s
        })
    }

    #[inline]
    pub fn is_symbol(&self, i: usize, symbols: &[&str]) -> bool {
        let Some(t) = self.tokens.get(i) else {
            return false;
        };
        let s = self.src.as_bytes().get(t.start..t.end).unwrap_or_default();
        t.kind == TokenKind::Symbol && symbols.iter().any(|w| w.as_bytes() == s)
    }

    /// Token `i` is glued to the one before it ("kg" in "1kg").
    pub fn glued(&self, i: usize) -> bool {
        self.gap(i) == Gap::None
    }

    pub fn start(&self, i: usize) -> usize {
        self.tokens.get(i).map_or(self.after, |t| t.start)
    }

    pub fn end(&self, i: usize) -> usize {
        self.tokens.get(i).map_or(self.after, |t| t.end)
    }

    /// Byte span of tokens `from..to` (exclusive).
    pub fn span(&self, from: usize, to: usize) -> (usize, usize) {
        if to <= from {
            let at = self.start(from);
            return (at, at);
        }
        (self.start(from), self.end(to - 1))
    }
}
