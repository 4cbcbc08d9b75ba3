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
    respective_words: Vec<String>,
    modal_words: Vec<String>,
    reference_before: Vec<String>,
    distribution_before: FxHashMap<String, String>,
    distribution_after: FxHashMap<String, String>,
    comparison_after: FxHashMap<String, String>,
    role_before: FxHashMap<String, String>,
    change: ChangeFile,
    quarter_words: FxHashMap<String, u8>,
    relative_times: FxHashMap<String, String>,
    period_ended: PeriodEndedFile,
    event_times: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PeriodEndedFile {
    ended: Vec<String>,
    nouns: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ChangeFile {
    before: Vec<String>,
    verbs: Vec<String>,
    level_before: Vec<String>,
    starting_level: [String; 2],
}

/// The frame words, looked up by the frame builder.
#[derive(Debug)]
pub struct FrameWords {
    pub clause_breaks: WordSet,
    pub intro_words: WordSet,
    pub source_verbs: WordSet,
    pub fiscal_words: WordSet,
    pub pin_prepositions: WordSet,
    pub respective_words: WordSet,
    pub modal_words: WordSet,
    pub reference_before: PhraseTable<()>,
    pub distribution_before: PhraseTable<String>,
    pub distribution_after: PhraseTable<String>,
    pub comparison_after: PhraseTable<String>,
    pub role_before: PhraseTable<String>,
    pub change_before: PhraseTable<()>,
    /// Lemmas of verbs of change.
    pub change_verbs: WordSet,
    pub level_before: WordSet,
    /// "from" and "to" of "from 29% to 60%".
    pub starting_level: [String; 2],
    pub quarter_words: FxHashMap<String, u8>,
    pub relative_times: PhraseTable<String>,
    /// "ended", "ending" and the period nouns before them: "the year ended".
    pub period_ended: WordSet,
    pub period_nouns: WordSet,
    pub event_times: PhraseTable<()>,
}

fn table(map: FxHashMap<String, String>) -> PhraseTable<String> {
    let mut t = PhraseTable::new(false);
    for (phrase, value) in map {
        t.insert(&phrase, value);
    }
    t
}

fn phrases(list: &[String]) -> PhraseTable<()> {
    let mut t = PhraseTable::new(false);
    for phrase in list {
        t.insert(phrase, ());
    }
    t
}

impl From<FrameWordsFile> for FrameWords {
    fn from(f: FrameWordsFile) -> Self {
        let change_before = phrases(&f.change.before);
        FrameWords {
            clause_breaks: word_set(f.clause_breaks),
            intro_words: word_set(f.intro_words),
            source_verbs: word_set(f.source_verbs),
            fiscal_words: word_set(f.fiscal_words),
            pin_prepositions: word_set(f.pin_prepositions),
            respective_words: word_set(f.respective_words),
            modal_words: word_set(f.modal_words),
            reference_before: phrases(&f.reference_before),
            distribution_before: table(f.distribution_before),
            distribution_after: table(f.distribution_after),
            comparison_after: table(f.comparison_after),
            role_before: table(f.role_before),
            change_before,
            change_verbs: word_set(f.change.verbs),
            level_before: word_set(f.change.level_before),
            starting_level: f.change.starting_level,
            quarter_words: f.quarter_words,
            relative_times: table(f.relative_times),
            period_ended: word_set(f.period_ended.ended),
            period_nouns: word_set(f.period_ended.nouns),
            event_times: phrases(&f.event_times),
        }
    }
}
