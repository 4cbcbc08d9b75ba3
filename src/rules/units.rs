//! Units, currencies and scale words for number literals in rules: the extractor's own
//! lexicon files, embedded, so that a rule names units exactly as documents do.
//!
//! A literal takes any unit symbol or name of `rules/lexicon/units.toml`, any currency code
//! or name of `currencies.toml` after the figure (`2 bn EUR`, `300 euros`), a currency symbol
//! that is not a letter before it (`€2.5 bn`), and the scale words of `numbers.toml`
//! (`million`, `bn`, `k`) except those that are also units (`m` is the metre).

use std::collections::BTreeSet;
use std::sync::OnceLock;

use serde::Deserialize;

use crate::claims::Unit;
use crate::claims::lexicon::{currencies_file, units_file};

use super::syntax::is_reserved;

const NUMBERS: &str = include_str!("../../rules/lexicon/numbers.toml");

/// Dimensions the extractor produces without a unit in `units.toml`.
const EXTRA_DIMENSIONS: [&str; 3] = ["count", "money", "age"];

#[derive(Deserialize)]
struct NumbersFile {
    scales: std::collections::BTreeMap<String, f64>,
    suffix_scales: std::collections::BTreeMap<String, f64>,
}

/// One way of writing a unit.
#[derive(Debug)]
struct Spelling {
    text: String,
    /// Symbols, exact names and codes match case for case; names in any case.
    exact: bool,
    unit: Unit,
}

/// Every unit, currency and scale spelling a rule literal may use.
#[derive(Debug)]
pub struct UnitTable {
    /// Longest first, so that the longest spelling wins ("km/h" before "km").
    spellings: Vec<Spelling>,
    /// Currency symbols written before a figure.
    prefixes: Vec<Spelling>,
    scales: Vec<(String, f64)>,
    dimensions: BTreeSet<String>,
}

/// The table built from the embedded files, once.
pub fn units() -> &'static UnitTable {
    static TABLE: OnceLock<UnitTable> = OnceLock::new();
    TABLE.get_or_init(|| match UnitTable::load() {
        Ok(table) => table,
        // The files are part of the binary and loaded by the test suite.
        Err(e) => panic!("embedded lexicon for rule literals is invalid: {e}"),
    })
}

fn money(code: &str, factor: f64) -> Unit {
    Unit {
        currency: Some(code.to_string()),
        ..Unit::new("money", code, factor)
    }
}

impl UnitTable {
    fn load() -> Result<UnitTable, String> {
        let units = units_file().map_err(|e| e.to_string())?;
        let currencies = currencies_file().map_err(|e| e.to_string())?;
        let numbers: NumbersFile = toml::from_str(NUMBERS).map_err(|e| e.to_string())?;
        let mut spellings = Vec::new();
        let mut dimensions: BTreeSet<String> =
            EXTRA_DIMENSIONS.iter().map(|d| d.to_string()).collect();
        for e in units.unit {
            let unit = Unit {
                offset: e.offset,
                ..Unit::new(&e.dimension, &e.symbol, e.factor)
            };
            dimensions.insert(e.dimension.clone());
            let add = |text: &str, exact: bool, spellings: &mut Vec<Spelling>| {
                spellings.push(Spelling {
                    text: text.to_string(),
                    exact,
                    unit: unit.clone(),
                })
            };
            add(&e.symbol, true, &mut spellings);
            for n in &e.exact {
                add(n, true, &mut spellings);
            }
            for n in &e.names {
                add(n, false, &mut spellings);
            }
        }
        let mut prefixes = Vec::new();
        for c in currencies.currency {
            let major = money(&c.code, 1.0);
            spellings.push(Spelling {
                text: c.code.clone(),
                exact: true,
                unit: major.clone(),
            });
            for n in &c.names {
                spellings.push(Spelling {
                    text: n.clone(),
                    exact: false,
                    unit: major.clone(),
                });
            }
            for n in &c.minor {
                spellings.push(Spelling {
                    text: n.clone(),
                    exact: false,
                    unit: money(&c.code, 0.01),
                });
            }
            for s in c
                .symbols
                .iter()
                .filter(|s| !s.starts_with(char::is_alphanumeric))
            {
                prefixes.push(Spelling {
                    text: s.clone(),
                    exact: true,
                    unit: major.clone(),
                });
            }
        }
        // A keyword is never a unit: `5 in x` is membership, not five inches.
        spellings.retain(|s| !is_reserved(&s.text) && !s.text.is_empty());
        spellings.sort_by_key(|s| std::cmp::Reverse(s.text.len()));
        prefixes.sort_by_key(|s| std::cmp::Reverse(s.text.len()));
        let mut scales: Vec<(String, f64)> = numbers
            .scales
            .into_iter()
            .chain(numbers.suffix_scales)
            .filter(|(word, _)| !spellings.iter().any(|s| s.text == *word))
            .collect();
        scales.sort_by_key(|s| std::cmp::Reverse(s.0.len()));
        Ok(UnitTable {
            spellings,
            prefixes,
            scales,
            dimensions,
        })
    }

    /// The length of the longest unit spelling at the start of `rest`, ending a word.
    pub fn match_unit(&self, rest: &str) -> Option<usize> {
        self.spellings
            .iter()
            .find(|s| starts_with_word(rest, &s.text, s.exact))
            .map(|s| s.text.len())
    }

    /// The length of a scale word at the start of `rest`.
    pub fn match_scale(&self, rest: &str) -> Option<usize> {
        self.scales
            .iter()
            .find(|(w, _)| starts_with_word(rest, w, true))
            .map(|(w, _)| w.len())
    }

    /// The length of a currency symbol at the start of `rest` (before a figure).
    pub fn match_prefix(&self, rest: &str) -> Option<usize> {
        self.prefixes
            .iter()
            .find(|s| rest.starts_with(&s.text))
            .map(|s| s.text.len())
    }

    /// The unit a spelling stands for.
    pub fn unit(&self, spelling: &str) -> Option<&Unit> {
        self.spellings
            .iter()
            .find(|s| {
                if s.exact {
                    s.text == spelling
                } else {
                    s.text.eq_ignore_ascii_case(spelling)
                }
            })
            .map(|s| &s.unit)
    }

    /// The currency a prefix symbol stands for.
    pub fn prefix(&self, symbol: &str) -> Option<&Unit> {
        self.prefixes
            .iter()
            .find(|s| s.text == symbol)
            .map(|s| &s.unit)
    }

    /// The factor of a scale word.
    pub fn scale(&self, word: &str) -> Option<f64> {
        self.scales.iter().find(|(w, _)| w == word).map(|(_, f)| *f)
    }

    /// Whether `name` is a dimension: from `units.toml`, plus count, money and age.
    pub fn is_dimension(&self, name: &str) -> bool {
        self.dimensions.contains(name)
    }

    pub fn dimensions(&self) -> impl Iterator<Item = &str> {
        self.dimensions.iter().map(String::as_str)
    }

    /// Every spelling, for "did you mean".
    pub fn spellings(&self) -> impl Iterator<Item = &str> {
        self.spellings
            .iter()
            .map(|s| s.text.as_str())
            .chain(self.scales.iter().map(|(w, _)| w.as_str()))
    }
}

/// `rest` starts with `word` (in any ASCII case unless `exact`), and the word ends there.
fn starts_with_word(rest: &str, word: &str, exact: bool) -> bool {
    let Some(head) = rest.get(..word.len()) else {
        return false;
    };
    let same = if exact {
        head == word
    } else {
        head.eq_ignore_ascii_case(word)
    };
    same && !rest[word.len()..].starts_with(|c: char| c.is_alphanumeric() || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lexicon_files_load() {
        assert!(UnitTable::load().is_ok());
    }

    #[test]
    fn spellings_resolve_to_units_of_the_lexicon() {
        let t = units();
        assert_eq!(t.match_unit("t and"), Some(1));
        assert_eq!(t.match_unit("tonnes)"), Some(6));
        assert_eq!(t.match_unit("km/h"), Some(4));
        assert_eq!(t.match_unit("tx"), None);
        assert_eq!(t.match_unit("in x"), None, "a keyword is not a unit");
        assert_eq!(t.unit("t").map(|u| u.factor), Some(1000.0));
        assert_eq!(
            t.unit("EUR").and_then(|u| u.currency.clone()),
            Some("EUR".into())
        );
        assert_eq!(t.unit("euros").map(|u| u.dimension.as_str()), Some("money"));
        assert_eq!(t.unit("%").map(|u| u.dimension.as_str()), Some("percent"));
        assert_eq!(t.match_scale("bn EUR"), Some(2));
        assert_eq!(t.match_scale("m"), None, "m is the metre");
        assert_eq!(
            t.prefix("€").and_then(|u| u.currency.clone()),
            Some("EUR".into())
        );
        assert!(t.is_dimension("mass") && t.is_dimension("count") && !t.is_dimension("weight"));
    }
}
