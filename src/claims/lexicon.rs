//! The lexicons and the gazetteer: data files under `rules/`, embedded in the binary.
//!
//! Each file is parsed once, on first use, into lookup tables. The data, not this code,
//! says which words are units, number words, verbs or places.

use std::sync::OnceLock;

use rustc_hash::FxHashMap;
use serde::Deserialize;

use super::filter::{WordMap, WordSet};
pub use super::frame::words::FrameWords;
use super::frame::words::FrameWordsFile;
use super::model::{Approx, Unit};
use super::phrases::PhraseTable;
use super::words::lower;

/// Every lexicon the extractor reads.
#[derive(Debug)]
pub struct Lexicon {
    pub numbers: Numbers,
    pub approximations: PhraseTable<ApproxPhrase>,
    pub units: Units,
    pub currencies: Currencies,
    pub lemmas: Lemmas,
    pub words: FunctionWords,
    pub dates: Dates,
    pub places: Places,
    pub identifiers: Identifiers,
    /// The words that build a figure's frame: clauses, owners, times, distribution.
    pub frames: FrameWords,
    /// Words whose full stop does not end a sentence: "Mr.", "Jan.".
    pub abbreviations: WordSet,
    /// What each word may begin, from all the tables above: see [`flags`].
    lower_flags: WordMap<u8>,
    exact_flags: WordMap<u8>,
}

/// Bits that say, for one token, which lexicons it may begin an entry of. Computed once per
/// token so that the extraction steps, which each visit every token, test a bit instead of
/// hashing the word again.
pub mod flags {
    /// A figure in words: "ninety", "a", "half", "hundreds".
    pub const NUMBER: u8 = 1;
    /// A date: a month, a weekday, "last", "between".
    pub const DATE: u8 = 2;
    /// A figure in digits (set from the token's kind, not from a lexicon).
    pub const DIGITS: u8 = 4;
    /// A place, organisation or demonym of the gazetteer (exact case).
    pub const PLACE: u8 = 8;
    /// A currency sign, symbol or code (exact case).
    pub const CURRENCY: u8 = 16;
    /// A word that starts with a capital letter.
    pub const CAPITAL: u8 = 32;
}

/// Something in the embedded data is wrong: a bug in factlint's own files, caught by tests.
#[derive(Debug, thiserror::Error)]
#[error("embedded data file rules/{file} is invalid: {message}")]
pub struct LexiconError {
    file: &'static str,
    message: String,
}

macro_rules! embedded {
    ($path:literal) => {
        ($path, include_str!(concat!("../../rules/", $path)))
    };
}

const NUMBERS: (&str, &str) = embedded!("lexicon/numbers.toml");
const APPROXIMATIONS: (&str, &str) = embedded!("lexicon/approximations.toml");
const UNITS: (&str, &str) = embedded!("lexicon/units.toml");
const CURRENCIES: (&str, &str) = embedded!("lexicon/currencies.toml");
const LEMMAS: (&str, &str) = embedded!("lexicon/lemmas.toml");
const FUNCTION_WORDS: (&str, &str) = embedded!("lexicon/function_words.toml");
const DATES: (&str, &str) = embedded!("lexicon/dates.toml");
const IDENTIFIERS: (&str, &str) = embedded!("lexicon/identifiers.toml");
const FRAMES: (&str, &str) = embedded!("lexicon/frames.toml");
const ABBREVIATIONS: (&str, &str) = embedded!("lexicon/abbreviations.toml");
const PLACES: (&str, &str) = embedded!("gazetteer/places.toml");

fn parse<T: for<'de> Deserialize<'de>>(
    (file, text): (&'static str, &str),
) -> Result<T, LexiconError> {
    toml::from_str(text).map_err(|e| LexiconError {
        file,
        message: e.to_string(),
    })
}

impl Lexicon {
    /// The lexicons compiled into the binary.
    pub fn embedded() -> &'static Lexicon {
        static LEXICON: OnceLock<Lexicon> = OnceLock::new();
        LEXICON.get_or_init(|| match Lexicon::load() {
            Ok(lexicon) => lexicon,
            // The data is part of the binary and checked by the test suite.
            Err(e) => panic!("{e}"),
        })
    }

    pub fn load() -> Result<Lexicon, LexiconError> {
        let mut lexicon = Lexicon {
            lower_flags: WordMap::default(),
            exact_flags: WordMap::default(),
            numbers: Numbers::from(parse::<NumbersFile>(NUMBERS)?),
            approximations: approximations(parse(APPROXIMATIONS)?, APPROXIMATIONS.0)?,
            units: Units::from(parse::<UnitsFile>(UNITS)?),
            currencies: Currencies::from(parse::<CurrenciesFile>(CURRENCIES)?),
            lemmas: Lemmas::from(parse::<LemmasFile>(LEMMAS)?),
            words: FunctionWords::from(parse::<FunctionWordsFile>(FUNCTION_WORDS)?),
            dates: dates(parse(DATES)?, DATES.0)?,
            places: Places::from(parse::<PlacesFile>(PLACES)?),
            identifiers: Identifiers::from(parse::<IdentifiersFile>(IDENTIFIERS)?),
            frames: FrameWords::from(parse::<FrameWordsFile>(FRAMES)?),
            abbreviations: word_set(parse::<WordList>(ABBREVIATIONS)?.words),
        };
        lexicon.index_flags();
        Ok(lexicon)
    }

    fn index_flags(&mut self) {
        let mut lower_flags = WordMap::default();
        for w in self.numbers.starters.iter() {
            *lower_flags.entry(w) |= flags::NUMBER;
        }
        for w in self.dates.starters.iter() {
            *lower_flags.entry(w) |= flags::DATE;
        }
        let mut exact_flags = WordMap::default();
        for w in self
            .places
            .by_name
            .first_words()
            .chain(self.places.by_demonym.first_words())
        {
            *exact_flags.entry(w) |= flags::PLACE;
        }
        for w in self.currencies.symbols.first_words() {
            *exact_flags.entry(w) |= flags::CURRENCY;
        }
        self.lower_flags = lower_flags;
        self.exact_flags = exact_flags;
    }

    /// The [`flags`] of a token, from its text and its lower-case form. Run on every token:
    /// it reads bytes, and decodes a character only for a word that starts with a non-ASCII
    /// letter.
    pub fn flags(&self, exact: &[u8], lowered: &[u8]) -> u8 {
        let mut f = self.lower_flags.get(lowered).copied().unwrap_or(0);
        let Some(&first) = exact.first() else {
            return f;
        };
        if first.is_ascii_lowercase() {
            return f;
        }
        let capital = if first.is_ascii() {
            first.is_ascii_uppercase()
        } else {
            std::str::from_utf8(exact).is_ok_and(super::words::is_capitalized)
        };
        if capital {
            f |= flags::CAPITAL;
        }
        f |= self.exact_flags.get(exact).copied().unwrap_or(0);
        // "Malta's" begins what "Malta" begins.
        let stem = strip_possessive_bytes(exact);
        if stem.len() < exact.len() {
            f |= self.exact_flags.get(stem).copied().unwrap_or(0);
        }
        f
    }
}

/// [`super::words::strip_possessive`] on bytes.
fn strip_possessive_bytes(word: &[u8]) -> &[u8] {
    for suffix in ["'s", "’s", "'S"] {
        if let Some(stem) = word.strip_suffix(suffix.as_bytes()) {
            return stem;
        }
    }
    word
}

pub(super) fn word_set(words: impl IntoIterator<Item = String>) -> WordSet {
    words.into_iter().map(|w| lower(&w).into_owned()).collect()
}

fn word_map<V>(map: impl IntoIterator<Item = (String, V)>) -> WordMap<V> {
    let mut words = WordMap::default();
    for (k, v) in map {
        words.insert(&lower(&k), v);
    }
    words
}

// ---- numbers ------------------------------------------------------------------------------

#[derive(Deserialize)]
struct NumbersFile {
    cardinals: FxHashMap<String, f64>,
    scales: FxHashMap<String, f64>,
    suffix_scales: FxHashMap<String, f64>,
    ordinals: FxHashMap<String, f64>,
    ordinal_suffixes: WordList,
    fractions: FxHashMap<String, f64>,
    single: FxHashMap<String, f64>,
    vague: FxHashMap<String, Bounds>,
}

#[derive(Deserialize)]
struct WordList {
    words: Vec<String>,
}

#[derive(Deserialize, Clone, Copy, Debug)]
pub struct Bounds {
    pub lo: f64,
    pub hi: f64,
}

/// Number words: "ninety", "million", "bn", "third", "dozen", "hundreds".
#[derive(Debug)]
pub struct Numbers {
    pub cardinals: WordMap<f64>,
    pub scales: WordMap<f64>,
    pub suffix_scales: WordMap<f64>,
    pub ordinals: WordSet,
    pub ordinal_suffixes: WordSet,
    pub fractions: WordMap<f64>,
    pub single: WordMap<f64>,
    pub vague: WordMap<Bounds>,
    /// Lower-case words that may begin a figure written in words: every cardinal and vague
    /// word, "a", "an", "one" and "half".
    pub starters: WordSet,
    /// Words that make a figure after "a" or "an": scales, fractions, "dozen".
    pub after_article: WordSet,
}

impl From<NumbersFile> for Numbers {
    fn from(f: NumbersFile) -> Self {
        let cardinals = word_map(f.cardinals);
        let vague: WordMap<Bounds> = word_map(f.vague);
        let starters = cardinals
            .keys()
            .chain(vague.keys())
            .map(String::from)
            .chain(["a", "an", "one", "half"].map(String::from))
            .collect();
        let scales = word_map(f.scales);
        let fractions = word_map(f.fractions);
        let single = word_map(f.single);
        let after_article = scales
            .keys()
            .chain(fractions.keys())
            .chain(single.keys())
            .map(String::from)
            .collect();
        Numbers {
            after_article,
            starters,
            cardinals,
            scales,
            suffix_scales: word_map(f.suffix_scales),
            ordinals: word_set(f.ordinals.into_keys()),
            ordinal_suffixes: word_set(f.ordinal_suffixes.words),
            fractions,
            single,
            vague,
        }
    }
}

// ---- approximations -----------------------------------------------------------------------

#[derive(Deserialize)]
struct ApproximationsFile {
    phrase: Vec<ApproxEntry>,
}

#[derive(Deserialize)]
struct ApproxEntry {
    text: String,
    kind: Approx,
    position: Position,
    #[serde(default)]
    weak: bool,
}

#[derive(Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Position {
    Before,
    After,
}

/// A hedge on a figure: "more than" before it, "or so" after it.
#[derive(Debug, Clone, Copy)]
pub struct ApproxPhrase {
    pub kind: Approx,
    pub position: Position,
    /// Counts only right next to the figure ("some 200").
    pub weak: bool,
}

fn approximations(
    f: ApproximationsFile,
    file: &'static str,
) -> Result<PhraseTable<ApproxPhrase>, LexiconError> {
    let mut table = PhraseTable::new(false);
    for e in f.phrase {
        if matches!(e.kind, Approx::Exact | Approx::Vague) {
            return Err(LexiconError {
                file,
                message: format!("`{}`: kind must be a hedge", e.text),
            });
        }
        table.insert(
            &e.text,
            ApproxPhrase {
                kind: e.kind,
                position: e.position,
                weak: e.weak,
            },
        );
    }
    Ok(table)
}

// ---- units --------------------------------------------------------------------------------

/// `rules/lexicon/units.toml` as written. The rule language reads it too.
#[derive(Deserialize)]
pub struct UnitsFile {
    pub unit: Vec<UnitEntry>,
}

#[derive(Deserialize)]
pub struct UnitEntry {
    pub symbol: String,
    pub dimension: String,
    pub factor: f64,
    #[serde(default)]
    pub offset: f64,
    #[serde(default)]
    pub names: Vec<String>,
    #[serde(default)]
    pub exact: Vec<String>,
}

/// The embedded units file, parsed.
pub fn units_file() -> Result<UnitsFile, LexiconError> {
    parse(UNITS)
}

/// The embedded currencies file, parsed.
pub fn currencies_file() -> Result<CurrenciesFile, LexiconError> {
    parse(CURRENCIES)
}

/// Units of measurement, by any of their names.
#[derive(Debug)]
pub struct Units {
    pub by_name: PhraseTable<Unit>,
    pub by_exact_name: PhraseTable<Unit>,
}

impl From<UnitsFile> for Units {
    fn from(f: UnitsFile) -> Self {
        let mut by_name = PhraseTable::new(false);
        let mut by_exact_name = PhraseTable::new(true);
        for e in f.unit {
            let unit = Unit {
                offset: e.offset,
                ..Unit::new(&e.dimension, &e.symbol, e.factor)
            };
            for name in &e.names {
                by_name.insert(name, unit.clone());
            }
            for name in &e.exact {
                by_exact_name.insert(name, unit.clone());
            }
        }
        Units {
            by_name,
            by_exact_name,
        }
    }
}

// ---- currencies ---------------------------------------------------------------------------

/// `rules/lexicon/currencies.toml` as written. The rule language reads it too.
#[derive(Deserialize)]
pub struct CurrenciesFile {
    pub currency: Vec<CurrencyEntry>,
}

#[derive(Deserialize)]
pub struct CurrencyEntry {
    pub code: String,
    #[serde(default)]
    pub symbols: Vec<String>,
    #[serde(default)]
    pub names: Vec<String>,
    #[serde(default)]
    pub minor: Vec<String>,
}

/// A currency as written: its ISO code and the factor of the written unit (0.01 for pence).
#[derive(Debug, Clone)]
pub struct CurrencyName {
    pub code: String,
    pub factor: f64,
}

#[derive(Debug)]
pub struct Currencies {
    /// Before the figure: "£", "US$", and ISO codes ("EUR 5bn"); exact case.
    pub symbols: PhraseTable<CurrencyName>,
    /// After the figure: "pounds", "euros", "pence"; any case.
    pub names: PhraseTable<CurrencyName>,
    /// ISO codes after the figure ("5bn EUR"); exact case.
    pub codes: PhraseTable<CurrencyName>,
}

impl From<CurrenciesFile> for Currencies {
    fn from(f: CurrenciesFile) -> Self {
        let mut symbols = PhraseTable::new(true);
        let mut names = PhraseTable::new(false);
        let mut codes = PhraseTable::new(true);
        for c in f.currency {
            let major = CurrencyName {
                code: c.code.clone(),
                factor: 1.0,
            };
            let minor = CurrencyName {
                code: c.code.clone(),
                factor: 0.01,
            };
            for s in &c.symbols {
                symbols.insert(s, major.clone());
            }
            symbols.insert(&c.code, major.clone());
            codes.insert(&c.code, major.clone());
            for n in &c.names {
                names.insert(n, major.clone());
            }
            for n in &c.minor {
                names.insert(n, minor.clone());
            }
        }
        Currencies {
            symbols,
            names,
            codes,
        }
    }
}

// ---- lemmas -------------------------------------------------------------------------------

#[derive(Deserialize)]
struct LemmasFile {
    irregular_plurals: FxHashMap<String, String>,
    singular_s: WordList,
    irregular_verbs: FxHashMap<String, String>,
    verbs: WordList,
    nominalisations: FxHashMap<String, String>,
    compounds: WordList,
}

/// What the lemmatizer needs: irregular forms, known verbs, nominalisations, compounds.
#[derive(Debug)]
pub struct Lemmas {
    pub irregular_plurals: WordMap<String>,
    pub singular_s: WordSet,
    pub irregular_verbs: WordMap<String>,
    pub verbs: WordSet,
    pub nominalisations: WordMap<String>,
    pub compounds: WordSet,
}

impl From<LemmasFile> for Lemmas {
    fn from(f: LemmasFile) -> Self {
        Lemmas {
            irregular_plurals: word_map(f.irregular_plurals),
            singular_s: word_set(f.singular_s.words),
            irregular_verbs: word_map(f.irregular_verbs),
            verbs: word_set(f.verbs.words),
            nominalisations: word_map(f.nominalisations),
            compounds: word_set(f.compounds.words),
        }
    }
}

// ---- function words -----------------------------------------------------------------------

#[derive(Deserialize)]
struct FunctionWordsFile {
    determiners: Vec<String>,
    pronouns: Vec<String>,
    prepositions: Vec<String>,
    conjunctions: Vec<String>,
    auxiliaries: Vec<String>,
    adverbs: Vec<String>,
    relatives: Vec<String>,
    list_intros: Vec<String>,
    #[serde(default)]
    noun_modifiers: Vec<String>,
    #[serde(default)]
    count_links: Vec<String>,
}

/// The closed classes of English words, which end noun phrases and mark passives.
#[derive(Debug)]
pub struct FunctionWords {
    pub determiners: WordSet,
    pub pronouns: WordSet,
    pub prepositions: WordSet,
    pub conjunctions: WordSet,
    pub auxiliaries: WordSet,
    pub adverbs: WordSet,
    pub relatives: WordSet,
    pub list_intros: PhraseTable<String>,
    /// "-", "were", "over": join a counted noun to the list of its items.
    pub count_links: PhraseTable<()>,
    /// "other", "more": skipped inside a noun phrase.
    pub noun_modifiers: WordSet,
    /// Every closed-class word above, in one set.
    all: WordSet,
}

impl From<FunctionWordsFile> for FunctionWords {
    fn from(f: FunctionWordsFile) -> Self {
        let single_words = |v: Vec<String>| word_set(v.into_iter().filter(|w| !w.contains(' ')));
        let mut list_intros = PhraseTable::new(false);
        for phrase in f.list_intros {
            list_intros.insert(&phrase, phrase.clone());
        }
        let mut count_links = PhraseTable::new(false);
        for phrase in &f.count_links {
            count_links.insert(phrase, ());
        }
        let all = [
            &f.determiners,
            &f.pronouns,
            &f.prepositions,
            &f.conjunctions,
            &f.auxiliaries,
            &f.adverbs,
            &f.relatives,
        ]
        .into_iter()
        .flat_map(|v| {
            v.iter()
                .filter(|w| !w.contains(' '))
                .map(|w| lower(w).into_owned())
        })
        .collect();
        FunctionWords {
            all,
            noun_modifiers: word_set(f.noun_modifiers),
            determiners: single_words(f.determiners),
            pronouns: single_words(f.pronouns),
            prepositions: single_words(f.prepositions),
            conjunctions: single_words(f.conjunctions),
            auxiliaries: single_words(f.auxiliaries),
            adverbs: single_words(f.adverbs),
            relatives: single_words(f.relatives),
            list_intros,
            count_links,
        }
    }
}

impl FunctionWords {
    /// Any closed-class word: none of them can be the noun a figure counts.
    pub fn is_function_word(&self, lowered: &str) -> bool {
        self.all.contains(lowered)
    }
}

// ---- dates --------------------------------------------------------------------------------

#[derive(Deserialize)]
struct DatesFile {
    months: FxHashMap<String, u8>,
    weekdays: FxHashMap<String, u8>,
    relative: FxHashMap<String, RelativeEntry>,
    time_words: WordList,
    time_modifiers: WordList,
}

#[derive(Deserialize, Debug, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum CalendarUnit {
    Day,
    Week,
    Month,
    Year,
}

#[derive(Deserialize, Debug, Clone, Copy, PartialEq, Eq)]
pub struct RelativeEntry {
    pub unit: CalendarUnit,
    pub offset: i32,
}

/// Month and weekday names, relative dates ("last week"), and words that make a time of day.
#[derive(Debug)]
pub struct Dates {
    pub months: WordMap<u8>,
    pub weekdays: WordMap<u8>,
    pub relative: PhraseTable<RelativeEntry>,
    pub time_words: PhraseTable<()>,
    /// "last", "next": before a noun, they make it a time ("last spring").
    pub time_modifiers: WordSet,
    /// Month names written out in full ("may", "september"), as against "sept" or "jan".
    pub full_months: WordSet,
    /// Lower-case words a date may start with: months, weekdays, the first words of relative
    /// dates, "between" and "from".
    pub starters: WordSet,
}

fn dates(f: DatesFile, file: &'static str) -> Result<Dates, LexiconError> {
    if let Some((name, m)) = f.months.iter().find(|(_, m)| !(1..=12).contains(*m)) {
        return Err(LexiconError {
            file,
            message: format!("month `{name}` = {m} is not 1 to 12"),
        });
    }
    let relative_starters: Vec<String> = f
        .relative
        .keys()
        .filter_map(|phrase| phrase.split_whitespace().next())
        .map(|w| lower(w).into_owned())
        .collect();
    let mut relative = PhraseTable::new(false);
    for (phrase, entry) in f.relative {
        relative.insert(&phrase, entry);
    }
    let mut time_words = PhraseTable::new(false);
    for w in f.time_words.words {
        time_words.insert(&w, ());
    }
    let months = word_map(f.months);
    let full_months = months
        .iter()
        .filter(|(name, m)| {
            months
                .iter()
                .all(|(other, n)| n != *m || other.len() <= name.len())
        })
        .map(|(name, _)| name.to_string())
        .collect();
    let starters = months
        .keys()
        .chain(f.weekdays.keys().map(String::as_str))
        .map(|w| lower(w).into_owned())
        .chain(relative_starters)
        .chain(["between", "from"].map(String::from))
        .collect();
    Ok(Dates {
        starters,
        full_months,
        months,
        weekdays: word_map(f.weekdays),
        relative,
        time_words,
        time_modifiers: word_set(f.time_modifiers.words),
    })
}

// ---- places -------------------------------------------------------------------------------

#[derive(Deserialize)]
struct PlacesFile {
    place: Vec<PlaceEntry>,
}

#[derive(Deserialize)]
struct PlaceEntry {
    name: String,
    class: String,
    #[serde(default)]
    code: Option<String>,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    demonyms: Vec<String>,
    #[serde(default)]
    within: Vec<String>,
}

/// A place or organisation of the gazetteer.
#[derive(Debug, Clone)]
pub struct Place {
    pub name: String,
    pub class: String,
    pub code: Option<String>,
    pub within: Vec<String>,
}

/// The gazetteer: names and demonyms of places and organisations, exact case.
#[derive(Debug)]
pub struct Places {
    pub all: Vec<Place>,
    /// Every name and alias, as written, to its entry.
    pub by_alias: FxHashMap<String, usize>,
    pub by_name: PhraseTable<usize>,
    pub by_demonym: PhraseTable<usize>,
}

impl From<PlacesFile> for Places {
    fn from(f: PlacesFile) -> Self {
        let mut by_name = PhraseTable::new(true);
        let mut by_demonym = PhraseTable::new(true);
        let mut all = Vec::with_capacity(f.place.len());
        let mut by_alias = FxHashMap::default();
        for (id, p) in f.place.into_iter().enumerate() {
            by_name.insert(&p.name, id);
            by_alias.insert(p.name.clone(), id);
            for alias in &p.aliases {
                by_name.insert(alias, id);
                by_alias.insert(alias.clone(), id);
            }
            for demonym in &p.demonyms {
                by_demonym.insert(demonym, id);
            }
            all.push(Place {
                name: p.name,
                class: p.class,
                code: p.code,
                within: p.within,
            });
        }
        Places {
            by_alias,
            all,
            by_name,
            by_demonym,
        }
    }
}

/// The canonical name of a place or organisation named by any of its names ("EU" ->
/// "European Union").
pub fn canonical_place(name: &str) -> Option<&'static str> {
    let places = &Lexicon::embedded().places;
    places
        .by_alias
        .get(name)
        .map(|&id| places.all[id].name.as_str())
}

// ---- identifiers --------------------------------------------------------------------------

#[derive(Deserialize)]
struct IdentifiersFile {
    heads: Vec<String>,
    score_words: Vec<String>,
}

/// Words after which a figure names something rather than counts it ("Article 5", "route 66"),
/// and words that make "3-1" a score rather than a range.
#[derive(Debug)]
pub struct Identifiers {
    pub heads: WordSet,
    pub score_words: WordSet,
}

impl From<IdentifiersFile> for Identifiers {
    fn from(f: IdentifiersFile) -> Self {
        Identifiers {
            heads: word_set(f.heads),
            score_words: word_set(f.score_words),
        }
    }
}
