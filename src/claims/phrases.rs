//! Multi-word phrase lookup over tokens: "more than", "per cent", "as well as", "the USA".
//!
//! Phrases come from the data files as plain text and are tokenized with the same tokenizer as
//! documents, so "km/h" in a lexicon matches "km/h" in an article.

use rustc_hash::FxHashMap;

use super::tokens::{Gap, Token, tokenize};
use super::words::lower;

/// A table of phrases, matched either case-insensitively or exactly.
#[derive(Debug)]
pub struct PhraseTable<T> {
    case_sensitive: bool,
    by_first: FxHashMap<String, Vec<Entry<T>>>,
}

#[derive(Debug)]
struct Entry<T> {
    rest: Vec<String>,
    value: T,
}

/// A phrase found in a document: `len` tokens from the one it was looked up at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PhraseMatch<'t, T> {
    pub len: usize,
    pub value: &'t T,
}

impl<T> PhraseTable<T> {
    pub fn new(case_sensitive: bool) -> Self {
        Self {
            case_sensitive,
            by_first: FxHashMap::default(),
        }
    }

    fn key(&self, text: &str) -> String {
        if self.case_sensitive {
            text.to_string()
        } else {
            lower(text).into_owned()
        }
    }

    /// Adds a phrase; an empty one is ignored. A later duplicate replaces the earlier value.
    pub fn insert(&mut self, phrase: &str, value: T) {
        let tokens = tokenize(phrase);
        let Some((first, rest)) = tokens.split_first() else {
            return;
        };
        let first = self.key(first.text(phrase));
        let rest: Vec<String> = rest.iter().map(|t| self.key(t.text(phrase))).collect();
        let entries = self.by_first.entry(first).or_default();
        entries.retain(|e| e.rest != rest);
        entries.push(Entry { rest, value });
        // Longest first, so that the first match found is the longest.
        entries.sort_by_key(|e| std::cmp::Reverse(e.rest.len()));
    }

    /// The value of a one-word phrase.
    pub fn get_word(&self, word: &str) -> Option<&T> {
        let entries = if self.case_sensitive {
            self.by_first.get(word)
        } else {
            self.by_first.get(lower(word).as_ref())
        };
        entries?
            .iter()
            .find(|e| e.rest.is_empty())
            .map(|e| &e.value)
    }

    pub fn is_empty(&self) -> bool {
        self.by_first.is_empty()
    }

    fn entries_at(&self, src: &str, token: &Token) -> Option<&Vec<Entry<T>>> {
        let text = token.text(src);
        if self.case_sensitive {
            self.by_first.get(text)
        } else {
            self.by_first.get(lower(text).as_ref())
        }
    }

    fn rest_matches(&self, entry: &Entry<T>, src: &str, tokens: &[Token], at: usize) -> bool {
        entry.rest.iter().enumerate().all(|(k, word)| {
            tokens.get(at + 1 + k).is_some_and(|t| {
                let text = t.text(src);
                t.gap != Gap::Paragraph
                    && if self.case_sensitive {
                        text == word
                    } else {
                        lower(text) == word.as_str()
                    }
            })
        })
    }

    /// The longest phrase that starts at token `at`. Phrases never cross a paragraph break.
    pub fn longest_at<'t>(
        &'t self,
        src: &str,
        tokens: &[Token],
        at: usize,
    ) -> Option<PhraseMatch<'t, T>> {
        let entries = self.entries_at(src, tokens.get(at)?)?;
        entries
            .iter()
            .find(|entry| self.rest_matches(entry, src, tokens, at))
            .map(|entry| PhraseMatch {
                len: entry.rest.len() + 1,
                value: &entry.value,
            })
    }

    /// The longest phrase that ends just before token `end`, at most `max_len` tokens long.
    pub fn longest_ending_at<'t>(
        &'t self,
        src: &str,
        tokens: &[Token],
        end: usize,
        max_len: usize,
    ) -> Option<PhraseMatch<'t, T>> {
        (1..=max_len.min(end)).rev().find_map(|len| {
            let at = end - len;
            let entries = self.entries_at(src, &tokens[at])?;
            entries
                .iter()
                .find(|e| e.rest.len() + 1 == len && self.rest_matches(e, src, tokens, at))
                .map(|entry| PhraseMatch {
                    len,
                    value: &entry.value,
                })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_phrase_wins() {
        let mut table = PhraseTable::new(false);
        table.insert("more", 1);
        table.insert("more than", 2);
        table.insert("per cent", 3);
        let src = "More than 5 per cent";
        let tokens = tokenize(src);
        let m = table.longest_at(src, &tokens, 0).unwrap();
        assert_eq!((m.len, *m.value), (2, 2));
        assert_eq!(*table.longest_at(src, &tokens, 3).unwrap().value, 3);
        assert!(table.longest_at(src, &tokens, 2).is_none());
        let back = table.longest_ending_at(src, &tokens, 2, 3).unwrap();
        assert_eq!((back.len, *back.value), (2, 2));
    }

    #[test]
    fn case_sensitive_tables_need_the_exact_case() {
        let mut table = PhraseTable::new(true);
        table.insert("US", "United States");
        let src = "the US and us";
        let tokens = tokenize(src);
        assert!(table.longest_at(src, &tokens, 1).is_some());
        assert!(table.longest_at(src, &tokens, 3).is_none());
    }

    #[test]
    fn phrases_stop_at_paragraphs() {
        let mut table = PhraseTable::new(false);
        table.insert("as well as", ());
        let src = "as well\n\nas";
        assert!(table.longest_at(src, &tokenize(src), 0).is_none());
    }
}
