//! The words of `rules/lexicon/frames.toml`, as lookup tables.

use rustc_hash::FxHashMap;
use serde::Deserialize;

use crate::claims::filter::WordSet;
use crate::claims::lexicon::word_set;
use crate::claims::phrases::PhraseTable;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrameWordsFile {
    clause_breaks: Vec<String>,
    intro_words: Vec<String>,
    source_verbs: Vec<String>,
    fiscal_words: Vec<String>,
    pin_prepositions: Vec<String>,
    distribution_before: FxHashMap<String, String>,
    distribution_after: FxHashMap<String, String>,
    comparison_after: FxHashMap<String, String>,
    change: ChangeFile,
    quarter_words: FxHashMap<String, u8>,
    relative_times: FxHashMap<String, String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ChangeFile {
    before: Vec<String>,
    verbs: Vec<String>,
    level_before: Vec<String>,
}

/// The frame words, looked up by the frame builder.
#[derive(Debug)]
pub struct FrameWords {
    pub clause_breaks: WordSet,
    pub intro_words: WordSet,
    pub source_verbs: WordSet,
    pub fiscal_words: WordSet,
    pub pin_prepositions: WordSet,
    pub distribution_before: PhraseTable<String>,
    pub distribution_after: PhraseTable<String>,
    pub comparison_after: PhraseTable<String>,
    pub change_before: PhraseTable<()>,
    /// Lemmas of verbs of change.
    pub change_verbs: WordSet,
    pub level_before: WordSet,
    pub quarter_words: FxHashMap<String, u8>,
    pub relative_times: PhraseTable<String>,
}

fn table(map: FxHashMap<String, String>) -> PhraseTable<String> {
    let mut t = PhraseTable::new(false);
    for (phrase, value) in map {
        t.insert(&phrase, value);
    }
    t
}

impl From<FrameWordsFile> for FrameWords {
    fn from(f: FrameWordsFile) -> Self {
        let mut change_before = PhraseTable::new(false);
        for phrase in &f.change.before {
            change_before.insert(phrase, ());
        }
        FrameWords {
            clause_breaks: word_set(f.clause_breaks),
            intro_words: word_set(f.intro_words),
            source_verbs: word_set(f.source_verbs),
            fiscal_words: word_set(f.fiscal_words),
            pin_prepositions: word_set(f.pin_prepositions),
            distribution_before: table(f.distribution_before),
            distribution_after: table(f.distribution_after),
            comparison_after: table(f.comparison_after),
            change_before,
            change_verbs: word_set(f.change.verbs),
            level_before: word_set(f.change.level_before),
            quarter_words: f.quarter_words,
            relative_times: table(f.relative_times),
        }
    }
}
