//! Multi-word phrase lookup over tokens: "more than", "per cent", "as well as", "the USA".
//!
//! Phrases come from the data files as plain text and are tokenized with the same tokenizer as
//! documents, so "km/h" in a lexicon matches "km/h" in an article.

use super::filter::WordMap;
use super::text::Text;
use super::tokens::{Gap, tokenize};
use super::words::lower;

/// A table of phrases, matched either case-insensitively or exactly.
#[derive(Debug)]
pub struct PhraseTable<T> {
    case_sensitive: bool,
    by_first: WordMap<Vec<Entry<T>>>,
    /// The last word of every phrase: most tokens end none, and say so in one lookup.
    last_words: WordMap<()>,
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
            by_first: WordMap::default(),
            last_words: WordMap::default(),
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
        self.last_words
            .insert(rest.last().map_or(first.as_str(), String::as_str), ());
        let entries = self.by_first.entry(&first);
        entries.retain(|e| e.rest != rest);
        entries.push(Entry { rest, value });
        // Longest first, so that the first match found is the longest.
        entries.sort_by_key(|e| std::cmp::Reverse(e.rest.len()));
    }

    /// The value of a one-word phrase.
    pub fn get_word(&self, word: &str) -> Option<&T> {
        let entries = if self.case_sensitive {
            self.entries(word)
        } else {
            self.entries(&lower(word))
        };
        entries?
            .iter()
            .find(|e| e.rest.is_empty())
            .map(|e| &e.value)
    }

    /// The first words of every phrase, as the table keys them.
    pub fn first_words(&self) -> impl Iterator<Item = &str> {
        self.by_first.keys()
    }

    /// Does some phrase start with this word (as the table keys it)?
    pub fn starts_with_word(&self, key: &str) -> bool {
        self.entries(key).is_some()
    }

    pub fn is_empty(&self) -> bool {
        self.by_first.is_empty()
    }

    #[inline]
    fn entries(&self, key: &str) -> Option<&Vec<Entry<T>>> {
        self.by_first.get(key.as_bytes())
    }

    /// The token's text as this table keys it: exact, or lower case.
    fn token_key<'s>(&self, text: &Text<'s>, i: usize) -> &'s str {
        if self.case_sensitive {
            text.str(i)
        } else {
            text.lower(i)
        }
    }

    fn rest_matches(&self, entry: &Entry<T>, text: &Text, at: usize) -> bool {
        entry.rest.iter().enumerate().all(|(k, word)| {
            let j = at + 1 + k;
            j < text.len() && text.gap(j) != Gap::Paragraph && self.token_key(text, j) == word
        })
    }

    /// The longest phrase that starts at token `at`. Phrases never cross a paragraph break.
    pub fn longest_at<'t>(&'t self, text: &Text, at: usize) -> Option<PhraseMatch<'t, T>> {
        if at >= text.len() {
            return None;
        }
        let entries = self.entries(self.token_key(text, at))?;
        entries
            .iter()
            .find(|entry| self.rest_matches(entry, text, at))
            .map(|entry| PhraseMatch {
                len: entry.rest.len() + 1,
                value: &entry.value,
            })
    }

    /// The longest phrase that ends just before token `end`, at most `max_len` tokens long.
    pub fn longest_ending_at<'t>(
        &'t self,
        text: &Text,
        end: usize,
        max_len: usize,
    ) -> Option<PhraseMatch<'t, T>> {
        if end == 0 || !self.last_words.contains_key(self.token_key(text, end - 1)) {
            return None;
        }
        (1..=max_len.min(end)).rev().find_map(|len| {
            let at = end - len;
            let entries = self.entries(self.token_key(text, at))?;
            entries
                .iter()
                .find(|e| e.rest.len() + 1 == len && self.rest_matches(e, text, at))
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
    use crate::claims::lexicon::Lexicon;

    fn with_text<R>(src: &str, f: impl FnOnce(&Text) -> R) -> R {
        let lex = Lexicon::embedded();
        let prepared = crate::claims::text::Prepared::new(src, lex);
        f(&prepared.text(src, lex))
    }

    #[test]
    fn longest_phrase_wins() {
        let mut table = PhraseTable::new(false);
        table.insert("more", 1);
        table.insert("more than", 2);
        table.insert("per cent", 3);
        with_text("More than 5 per cent", |text| {
            let m = table.longest_at(text, 0).unwrap();
            assert_eq!((m.len, *m.value), (2, 2));
            assert_eq!(*table.longest_at(text, 3).unwrap().value, 3);
            assert!(table.longest_at(text, 2).is_none());
            let back = table.longest_ending_at(text, 2, 3).unwrap();
            assert_eq!((back.len, *back.value), (2, 2));
            assert_eq!(*table.longest_ending_at(text, 1, 3).unwrap().value, 1);
            // "5" ends no phrase; "cent" ends one, but "per cent" starts after "5".
            assert!(table.longest_ending_at(text, 3, 3).is_none());
            assert_eq!(*table.longest_ending_at(text, 5, 2).unwrap().value, 3);
            assert!(table.longest_ending_at(text, 5, 1).is_none());
        });
    }

    #[test]
    fn case_sensitive_tables_need_the_exact_case() {
        let mut table = PhraseTable::new(true);
        table.insert("US", "United States");
        with_text("the US and us", |text| {
            assert!(table.longest_at(text, 1).is_some());
            assert!(table.longest_at(text, 3).is_none());
        });
    }

    #[test]
    fn phrases_stop_at_paragraphs() {
        let mut table = PhraseTable::new(false);
        table.insert("as well as", ());
        with_text("as well\n\nas", |text| {
            assert!(table.longest_at(text, 0).is_none())
        });
    }
}
