//! What rules ask about claims: same sentence, same paragraph, before or after, words nearby,
//! the same measure stated twice. Built-in filters of the rule language call these.

use crate::claims::lexicon::Lexicon;
use crate::claims::{Claim, Quantity, Span, frame};

use super::measure::Measure;

/// A document as the evaluator sees it: its text, claims and paragraphs.
#[derive(Debug)]
pub struct DocumentView<'a> {
    /// The original text; claim offsets point into it. Words of rules are matched in it
    /// ignoring ASCII case, so no lower-case copy of a long report is made.
    pub text: &'a str,
    pub claims: &'a [Claim],
    /// Byte spans of paragraphs, in order.
    pub paragraphs: Vec<Span>,
    /// Where sections start (headings, page breaks), in order; the first is 0.
    pub sections: Vec<usize>,
    /// The claims of the title and of the opening sentence after it, by index.
    opening: Opening,
}

/// A title is one line of at most this many bytes.
const TITLE_MAX_BYTES: usize = 150;
/// Fewest words before and after a figure that must repeat for two sentences to state the
/// same thing.
const ECHO_WORDS_BEFORE_MIN: usize = 2;
const ECHO_WORDS_AFTER: usize = 2;

/// A restatement in brackets is short: "(£600m)", "($2bn; £1.1bn)".
const BRACKET_MAX_BYTES: usize = 60;
/// [`DocumentView::converts`] finds a restatement starting at most this many bytes after the
/// figure it restates.
pub const CONVERSION_REACH: usize = 2 * BRACKET_MAX_BYTES;
/// A place may stand between a figure and its restatement, or after the restatement: "£99 in
/// the UK (149 euros)", "$99 (£69 in the UK)". At most this many words, starting with one of
/// these.
const PLACE_WORDS: usize = 4;
const PLACE_STARTS: &[&str] = &["in", "at"];
/// Words that may stand beside the figures of a restatement: "(about £600m)", "(or 8 km)".
const BRACKET_WORDS: &[&str] = &[
    "about",
    "almost",
    "approximately",
    "around",
    "c.",
    "circa",
    "nearly",
    "or",
    "roughly",
    "some",
];

/// The headline and the lede: where news states its main figure twice.
#[derive(Debug, Default)]
struct Opening {
    title: Vec<usize>,
    lede: Vec<usize>,
}

impl<'a> DocumentView<'a> {
    /// `prose` is the document's prose view (blank lines separate paragraphs).
    pub fn new(text: &'a str, prose: &str, claims: &'a [Claim]) -> Self {
        let paragraphs = paragraphs(prose);
        let opening = opening(prose, &paragraphs, claims);
        DocumentView {
            text,
            claims,
            paragraphs,
            sections: crate::source::section_starts(prose),
            opening,
        }
    }

    /// Claim `b` states claim `a` again: [`Self::headline`]; or the same measure in two
    /// sentences whose words around the figure are the same ("Europol said 1,027 individuals
    /// were arrested"), for the same time, and whose frames tell them apart in nothing.
    pub fn restates(&self, a: usize, b: usize) -> bool {
        let Some((x, y)) = self.comparable_pair(a, b) else {
            return false;
        };
        self.headline(a, b)
            || (x.sentence != y.sentence
                && same_measure(x, y)
                && self.echoes(x, y)
                && frame::compare::same_time(x, y)
                && !frame::compare::conflicts(x, y, &Lexicon::embedded().frames))
    }

    /// Claim `a` is the title's only figure of its kind and `b` the first figure of that kind
    /// in the opening sentence, with the same subject where both have one, and not stated for
    /// two different times.
    pub fn headline(&self, a: usize, b: usize) -> bool {
        let Some((x, y)) = self.comparable_pair(a, b) else {
            return false;
        };
        let first_of_kind = |among: &[usize], i: usize| {
            among.iter().copied().find(|&k| match &self.claims[k] {
                Claim::Quantity(q) => comparable(q, x),
                _ => false,
            }) == Some(i)
        };
        let only_of_kind = |among: &[usize]| {
            among
                .iter()
                .filter(|&&k| matches!(&self.claims[k], Claim::Quantity(q) if comparable(q, x)))
                .count()
                == 1
        };
        // Headlines say "firms" where the lede says "companies"; but "three processors" and
        // "10 times" count different things.
        let same_thing = match (&x.subject, &y.subject) {
            (Some(s), Some(t)) => s == t,
            _ => true,
        };
        // A count must count something: "America 250", a list's "1.", and "one of the most
        // legendary battles" are no figures of the story.
        let counts_something = |q: &Quantity| {
            q.unit.dimension != "count"
                || (q.subject.is_some() && !(q.nominal == 1.0 && q.part_of.is_some()))
        };
        if !counts_something(x) || !counts_something(y) {
            return false;
        }
        // Headlines compress: only a time stated for both can tell them apart.
        let times_differ =
            x.frame.time.is_some() && y.frame.time.is_some() && x.frame.time != y.frame.time;
        self.opening.title.contains(&a)
            && only_of_kind(&self.opening.title)
            && first_of_kind(&self.opening.lede, b)
            && same_thing
            && !times_differ
    }

    /// Claims `a` and `b`, two different figures that could state the same thing.
    fn comparable_pair(&self, a: usize, b: usize) -> Option<(&Quantity, &Quantity)> {
        match (self.claims.get(a), self.claims.get(b)) {
            // Thresholds, brackets and classes are categories, never one figure restated.
            (Some(Claim::Quantity(x)), Some(Claim::Quantity(y)))
                if a != b
                    && comparable(x, y)
                    && x.frame.role.is_none()
                    && y.frame.role.is_none() =>
            {
                Some((x, y))
            }
            _ => None,
        }
    }

    /// Claims `a` and `b` stand in parallel sentences: each sentence states other figures, some
    /// of one measure with some of the other's, and none of those agrees with any of the
    /// other sentence's ("obesity increased from 26.5% to 33.0% among men and from 32.4% to
    /// 34.9% among women" and "... from 15.4% to 18.6% among boys and from 13.8% to 15.1% among
    /// girls"). Such sentences report the same measure for different groups, drugs or years; a
    /// sentence that restates a fact restates the figures around it too, so one of them agrees.
    pub fn parallel(&self, a: usize, b: usize) -> bool {
        let (Some(Claim::Quantity(x)), Some(Claim::Quantity(y))) =
            (self.claims.get(a), self.claims.get(b))
        else {
            return false;
        };
        if x.sentence == y.sentence {
            return false;
        }
        let (around_a, around_b) = (self.figures_beside(a), self.figures_beside(b));
        let mut one_measure = false;
        for (p, mp) in &around_a {
            for (q, mq) in &around_b {
                // Of one measure: units that convert, and not two different subjects ("100
                // controls" and "two hospitals" count different things).
                let subjects_differ =
                    p.subject.is_some() && q.subject.is_some() && p.subject != q.subject;
                if mp.commensurable(mq) && !subjects_differ {
                    if !mp.disjoint(mq) {
                        return false;
                    }
                    one_measure = true;
                }
            }
        }
        one_measure
    }

    /// The measures of the other figures of claim `i`'s sentence that state an amount (not
    /// vague, not a threshold, bracket or class). Claims are in text order, so a sentence's
    /// claims stand next to each other.
    fn figures_beside(&self, i: usize) -> Vec<(&Quantity, Measure)> {
        let sentence = sentence_of(&self.claims[i]);
        let in_sentence = |k: &usize| {
            self.claims
                .get(*k)
                .is_some_and(|c| sentence_of(c) == sentence)
        };
        let first = (0..i).rev().take_while(in_sentence).last().unwrap_or(i);
        (first..)
            .take_while(in_sentence)
            .filter(|&k| k != i)
            .filter_map(|k| match &self.claims[k] {
                Claim::Quantity(q)
                    if q.approx != crate::claims::Approx::Vague && q.frame.role.is_none() =>
                {
                    Some((q, Measure::of(q)))
                }
                _ => None,
            })
            .collect()
    }

    /// Claims `a` and `b` are figures about the same thing: see [`frame::compare::same_frame`].
    pub fn same_frame(&self, a: usize, b: usize) -> bool {
        match (self.claims.get(a), self.claims.get(b)) {
            (Some(Claim::Quantity(x)), Some(Claim::Quantity(y))) => {
                a != b && frame::compare::same_frame(x, y, &Lexicon::embedded().frames)
            }
            _ => false,
        }
    }

    /// Claims `a` and `b` hold in one context: see [`frame::compare::same_context`].
    pub fn same_context(&self, a: usize, b: usize) -> bool {
        match (self.claims.get(a), self.claims.get(b)) {
            (Some(Claim::Quantity(x)), Some(Claim::Quantity(y))) => {
                frame::compare::same_context(x, y)
            }
            _ => false,
        }
    }

    /// Claim `b` restates claim `a` in another unit or currency, in brackets right after it:
    /// "5 miles (8 km)", "1.55bn euros ($2bn; £1.1bn)". Nothing but figures, separators and
    /// hedges stands in the brackets.
    pub fn converts(&self, a: usize, b: usize) -> bool {
        let (Some(Claim::Quantity(x)), Some(Claim::Quantity(y))) =
            (self.claims.get(a), self.claims.get(b))
        else {
            return false;
        };
        // Cheap tests first: a restatement stands in the few bytes after the figure.
        if y.start < x.end || y.start - x.end > CONVERSION_REACH {
            return false;
        }
        let other_unit = x.unit.dimension == y.unit.dimension
            && (x.unit.symbol != y.unit.symbol || x.unit.currency != y.unit.currency)
            && !matches!(x.unit.dimension.as_str(), "count" | "percent");
        if !other_unit || y.start < x.end {
            return false;
        }
        let Some(rest) = self.text.get(x.end..) else {
            return false;
        };
        // "£99 (149 euros)", or with a short place between: "£99 in the UK (149 euros)".
        let Some(open) = rest
            .char_indices()
            .take(BRACKET_MAX_BYTES)
            .find(|(_, c)| *c == '(')
            .map(|(i, _)| x.end + i)
        else {
            return false;
        };
        let between = &self.text[x.end..open];
        let words: Vec<&str> = between.split_whitespace().collect();
        let place_between = words.len() <= PLACE_WORDS
            && words.first().is_none_or(|w| PLACE_STARTS.contains(w))
            && !between
                .contains(|c: char| c.is_ascii_digit() || matches!(c, '.' | ';' | ':' | ','));
        if !place_between {
            return false;
        }
        let Some(close) = self.text[open..]
            .char_indices()
            .take(BRACKET_MAX_BYTES)
            .find(|(_, c)| *c == ')')
            .map(|(i, _)| open + i)
        else {
            return false;
        };
        if y.end > close {
            return false;
        }
        // Blank out the figures in the brackets; what remains must be separators and hedges.
        // Claims are in document order: those in the brackets are one run of them.
        let first = self.claims.partition_point(|c| c.span().start <= open);
        let in_brackets = self.claims[first..]
            .iter()
            .map(Claim::span)
            .take_while(|span| span.start < close)
            .filter(|span| span.end <= close);
        let mut inside = self.text[open + 1..close].to_string();
        // After the last figure, a place may follow: "($99; £69 in the UK)".
        let mut last_figure = 0;
        for span in in_brackets {
            let (s, e) = (span.start - open - 1, span.end - open - 1);
            inside.replace_range(s..e, &" ".repeat(e - s));
            last_figure = last_figure.max(e);
        }
        let (figures, tail) = inside.split_at(last_figure);
        let tail_words: Vec<&str> = tail.split_whitespace().collect();
        let place_after = tail_words.len() <= PLACE_WORDS
            && tail_words.first().is_none_or(|w| PLACE_STARTS.contains(w));
        place_after
            && figures
                .split(|c: char| c.is_whitespace() || matches!(c, ';' | ',' | ':' | '/'))
                .filter(|w| !w.is_empty())
                .all(|w| BRACKET_WORDS.contains(&w.to_lowercase().as_str()))
    }

    /// The two sentences say the same thing in the same words up to the figure, and after it
    /// one goes on as the other does ("Europol said 1,027 individuals were arrested." and
    /// "Europol said 1,072 individuals were arrested across Europe."). Only the whole lead-in
    /// counts: sentences of one template that differ before the figure ("In 2021, a total of
    /// 75.5% of students self-identified ..." and "... a total of 57% of students reported
    /// ...") state different things.
    fn echoes(&self, x: &Quantity, y: &Quantity) -> bool {
        let (before_x, before_y) = (self.lead_in(x), self.lead_in(y));
        let (after_x, after_y) = (
            self.words(x.end, x.sentence.end),
            self.words(y.end, y.sentence.end),
        );
        let shared_after = after_x
            .iter()
            .zip(&after_y)
            .take_while(|(a, b)| a == b)
            .count();
        let goes_on_alike = shared_after == after_x.len().min(after_y.len());
        before_x == before_y
            && before_x.len() >= ECHO_WORDS_BEFORE_MIN
            && shared_after >= ECHO_WORDS_AFTER
            && goes_on_alike
    }

    /// The words of a figure's sentence before it, lower case, without punctuation: what
    /// [`Self::restates`] asks two sentences to share. `None` when they are too few to tell.
    pub fn echo_lead_in(&self, q: &Quantity) -> Option<Vec<String>> {
        let words = self.lead_in(q);
        (words.len() >= ECHO_WORDS_BEFORE_MIN).then_some(words)
    }

    fn lead_in(&self, q: &Quantity) -> Vec<String> {
        self.words(q.sentence.start, q.start)
    }

    fn words(&self, from: usize, to: usize) -> Vec<String> {
        self.text
            .get(from..to)
            .unwrap_or("")
            .split_whitespace()
            .map(|w| {
                w.trim_matches(|c: char| !c.is_alphanumeric())
                    .to_lowercase()
            })
            .filter(|w| !w.is_empty())
            .collect()
    }

    /// The claims of the title (`true`) or of the opening sentence after it, by index.
    pub fn opening_claims(&self, title: bool) -> &[usize] {
        if title {
            &self.opening.title
        } else {
            &self.opening.lede
        }
    }

    /// The paragraph holding `offset`: paragraphs are in order, so a binary search finds it.
    pub fn paragraph_of(&self, offset: usize) -> Option<usize> {
        let k = self
            .paragraphs
            .partition_point(|p| p.end.max(p.start + 1) <= offset);
        self.paragraphs
            .get(k)
            .filter(|p| p.start <= offset)
            .map(|_| k)
    }

    /// How many paragraphs apart two claims stand (0 in the same paragraph).
    pub fn paragraphs_apart(&self, a: &Claim, b: &Claim) -> Option<usize> {
        let (pa, pb) = (
            self.paragraph_of(a.span().start)?,
            self.paragraph_of(b.span().start)?,
        );
        Some(pa.abs_diff(pb))
    }

    /// The number of the section holding `offset`.
    pub fn section_of(&self, offset: usize) -> usize {
        self.sections
            .partition_point(|&s| s <= offset)
            .saturating_sub(1)
    }

    pub fn same_section(&self, a: &Claim, b: &Claim) -> bool {
        self.section_of(a.span().start) == self.section_of(b.span().start)
    }

    pub fn same_paragraph(&self, a: &Claim, b: &Claim) -> bool {
        let (pa, pb) = (
            self.paragraph_of(a.span().start),
            self.paragraph_of(b.span().start),
        );
        pa.is_some() && pa == pb
    }

    /// Does one of `words` stand within the sentence of `claim` (any case, whole words)?
    pub fn near(&self, claim: &Claim, words: &[&str]) -> bool {
        let sentence = sentence_of(claim);
        let Some(in_sentence) = self.text.get(sentence.start..sentence.end) else {
            return false;
        };
        words
            .iter()
            .any(|w| contains_word(in_sentence, &w.to_ascii_lowercase()))
    }
}

/// Two figures that could state the same thing: units that convert, neither vague.
fn comparable(a: &Quantity, b: &Quantity) -> bool {
    a.unit.commensurable(&b.unit)
        && a.approx != crate::claims::Approx::Vague
        && b.approx != crate::claims::Approx::Vague
}

/// The quantity claims of the title (a first paragraph of one short line that does not end
/// a sentence) and of the first sentence after it.
fn opening(prose: &str, paragraphs: &[Span], claims: &[Claim]) -> Opening {
    let (Some(title), Some(body)) = (paragraphs.first(), paragraphs.get(1)) else {
        return Opening::default();
    };
    let line = prose.get(title.start..title.end).unwrap_or("").trim();
    let is_title = !line.is_empty()
        && line.len() <= TITLE_MAX_BYTES
        && !line.contains('\n')
        && !line.ends_with(['.', ':', ';', ',']);
    if !is_title {
        return Opening::default();
    }
    let body_text = prose.get(body.start..body.end).unwrap_or("");
    let lede_at = body.start + (body_text.len() - body_text.trim_start().len());
    let quantities = |keep: &dyn Fn(&Quantity) -> bool| -> Vec<usize> {
        claims
            .iter()
            .enumerate()
            .filter(|(_, c)| matches!(c, Claim::Quantity(q) if keep(q)))
            .map(|(i, _)| i)
            .collect()
    };
    Opening {
        title: quantities(&|q| title.start <= q.start && q.end <= title.end),
        lede: quantities(&|q| q.sentence.start <= lede_at && lede_at < q.sentence.end),
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
    find_ignoring_case(haystack, word).any(|i| {
        let before = haystack[..i].chars().next_back();
        let after = haystack[i + word.len()..].chars().next();
        // A prefix match counts ("particip" finds "participation"): only the start must be a
        // word boundary when the word is a stem.
        !is_wordy(before) && (!is_wordy(after) || word.len() >= 5)
    })
}

/// `haystack` ends with `words` (in lower case; ASCII case ignored), which start at a word
/// boundary.
pub fn ends_with_words(haystack: &str, words: &str) -> bool {
    let Some(cut) = haystack.len().checked_sub(words.len()) else {
        return false;
    };
    !words.is_empty()
        && haystack.as_bytes()[cut..].eq_ignore_ascii_case(words.as_bytes())
        && !haystack
            .get(..cut)
            .and_then(|h| h.chars().next_back())
            .is_some_and(char::is_alphanumeric)
}

/// Where `needle` (in lower case) starts in `haystack`, ignoring ASCII case: the offsets
/// `str::match_indices` finds in the haystack's lower-case view.
fn find_ignoring_case<'h>(haystack: &'h str, needle: &'h str) -> impl Iterator<Item = usize> + 'h {
    let (h, n) = (haystack.as_bytes(), needle.as_bytes());
    let first = n.first().copied().unwrap_or(0);
    let mut from = 0;
    std::iter::from_fn(move || {
        while from + n.len() <= h.len() {
            let at = from;
            from += 1;
            if h[at].to_ascii_lowercase() == first && h[at..at + n.len()].eq_ignore_ascii_case(n) {
                // match_indices does not overlap its matches.
                from = at + n.len().max(1);
                return Some(at);
            }
        }
        None
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
    // The same places in any order; most figures have none or one, compared without a copy.
    let same_scope = match (a.scope.as_slice(), b.scope.as_slice()) {
        ([], []) => true,
        ([x], [y]) => x == y,
        (x, y) if x.len() == y.len() => {
            let (mut x, mut y) = (x.to_vec(), y.to_vec());
            x.sort();
            y.sort();
            x == y
        }
        _ => false,
    };
    what && a.unit.commensurable(&b.unit)
        && same_scope
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
    fn words_at_the_end() {
        assert!(ends_with_words("sales rose from", "from"));
        assert!(ends_with_words("an increase of", "an increase of"));
        assert!(!ends_with_words("wherefrom", "from"));
        assert!(!ends_with_words("from the", "from"));
    }

    #[test]
    fn words_and_stems() {
        assert!(contains_word("officers took part in", "took part"));
        assert!(contains_word("the participation of", "particip"));
        assert!(!contains_word("a partisan", "part"));
        assert!(!contains_word("apart from", "part"));
    }
}
