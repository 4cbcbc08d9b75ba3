//! What rules ask about claims: same sentence, same paragraph, before or after, words nearby,
//! the same measure stated twice. Built-in filters of the rule language call these.

use crate::claims::{Claim, Quantity, Span};

use super::measure::Measure;

/// A document as the evaluator sees it: its text, claims and paragraphs.
#[derive(Debug)]
pub struct DocumentView<'a> {
    /// The original text; claim offsets point into it.
    pub text: &'a str,
    pub claims: &'a [Claim],
    /// Byte spans of paragraphs, in order.
    pub paragraphs: Vec<Span>,
}

impl<'a> DocumentView<'a> {
    /// `prose` is the document's prose view (blank lines separate paragraphs).
    pub fn new(text: &'a str, prose: &str, claims: &'a [Claim]) -> Self {
        DocumentView {
            text,
            claims,
            paragraphs: paragraphs(prose),
        }
    }

    fn paragraph_of(&self, offset: usize) -> Option<usize> {
        self.paragraphs
            .iter()
            .position(|p| p.start <= offset && offset < p.end.max(p.start + 1))
    }

    pub fn same_paragraph(&self, a: &Claim, b: &Claim) -> bool {
        let (pa, pb) = (
            self.paragraph_of(a.span().start),
            self.paragraph_of(b.span().start),
        );
        pa.is_some() && pa == pb
    }

    /// Does one of `words` stand within the sentence of `claim` (any case, whole words)?
    pub fn near(&self, claim: &Claim, words: &[String]) -> bool {
        let sentence = sentence_of(claim);
        let Some(text) = self.text.get(sentence.start..sentence.end) else {
            return false;
        };
        let lowered = text.to_lowercase();
        words
            .iter()
            .any(|w| contains_word(&lowered, &w.to_lowercase()))
    }
}

/// Paragraphs: stretches of text between blank lines.
pub fn paragraphs(prose: &str) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut start = None;
    let mut offset = 0;
    for line in prose.split_inclusive('\n') {
        let blank = line.trim().is_empty();
        match (blank, start) {
            (false, None) => start = Some(offset),
            (true, Some(s)) => {
                spans.push(Span::new(s, offset));
                start = None;
            }
            _ => {}
        }
        offset += line.len();
    }
    if let Some(s) = start {
        spans.push(Span::new(s, prose.len()));
    }
    spans
}

/// `word` occurs in `haystack` with no letter or digit glued to either side. Both lower case.
pub fn contains_word(haystack: &str, word: &str) -> bool {
    if word.is_empty() {
        return false;
    }
    let is_wordy = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    haystack.match_indices(word).any(|(i, _)| {
        let before = haystack[..i].chars().next_back();
        let after = haystack[i + word.len()..].chars().next();
        // A prefix match counts ("particip" finds "participation"): only the start must be a
        // word boundary when the word is a stem.
        !is_wordy(before) && (!is_wordy(after) || word.len() >= 5)
    })
}

pub fn sentence_of(claim: &Claim) -> Span {
    match claim {
        Claim::Quantity(q) => q.sentence,
        Claim::List(l) => l.sentence,
        Claim::Date(d) => d.sentence,
        Claim::Period(p) => p.sentence,
    }
}

pub fn same_sentence(a: &Claim, b: &Claim) -> bool {
    sentence_of(a) == sentence_of(b)
}

/// `a` ends before `b` starts.
pub fn before(a: &Claim, b: &Claim) -> bool {
    a.span().end <= b.span().start
}

/// Two figures state the same measure: the same thing counted or measured (subject, or with
/// no subject the same verb), in units that convert, with the same scope and the same whole.
/// Vague amounts ("hundreds of") measure nothing precisely enough to be compared.
pub fn same_measure(a: &Quantity, b: &Quantity) -> bool {
    let what = match (&a.subject, &b.subject) {
        (Some(x), Some(y)) => x == y,
        (None, None) => a.predicate.is_some() && a.predicate == b.predicate,
        _ => false,
    };
    let mut sa = a.scope.clone();
    let mut sb = b.scope.clone();
    sa.sort();
    sb.sort();
    what && a.unit.commensurable(&b.unit)
        && sa == sb
        && a.part_of == b.part_of
        && a.approx != crate::claims::Approx::Vague
        && b.approx != crate::claims::Approx::Vague
        && Measure::of(a).commensurable(&Measure::of(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_split_on_blank_lines() {
        let prose = "One.\nTwo.\n\nThree.\n   \nFour.";
        let spans = paragraphs(prose);
        assert_eq!(spans.len(), 3);
        assert_eq!(&prose[spans[0].start..spans[0].end], "One.\nTwo.\n");
        assert_eq!(&prose[spans[2].start..spans[2].end], "Four.");
    }

    #[test]
    fn words_and_stems() {
        assert!(contains_word("officers took part in", "took part"));
        assert!(contains_word("the participation of", "particip"));
        assert!(!contains_word("a partisan", "part"));
        assert!(!contains_word("apart from", "part"));
    }
}
