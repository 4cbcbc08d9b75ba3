//! The file's layout as serde reads it: every key, with the spans of what later checks may
//! need to point at. Unknown keys are refused here (`deny_unknown_fields`); the meaning of the
//! values is checked in [`super::load`].

use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

use serde::Deserialize;
use serde::de::{self, MapAccess, Unexpected, Visitor};
use toml::Spanned;

/// The keys of the top level, for "did you mean" and for keys put in the wrong table.
pub(super) const TOP_KEYS: &[&str] = &[
    "include",
    "exclude",
    "format",
    "strict",
    "max-warnings",
    "rules",
];

/// The keys of `[rules]`.
pub(super) const RULES_KEYS: &[&str] = &[
    "files",
    "extend-files",
    "disable",
    "default-tolerance",
    "severity",
    "tolerance",
];

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", expecting = "a table")]
pub(super) struct RawConfig {
    #[serde(default)]
    pub include: Vec<Spanned<String>>,
    #[serde(default)]
    pub exclude: Vec<Spanned<String>>,
    pub format: Option<super::OutputFormat>,
    pub strict: Option<bool>,
    pub max_warnings: Option<u64>,
    #[serde(default, deserialize_with = "table")]
    pub rules: RawRules,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", expecting = "a table")]
pub(super) struct RawRules {
    pub files: Option<Spanned<Vec<Spanned<String>>>>,
    #[serde(default)]
    pub extend_files: Vec<Spanned<String>>,
    #[serde(default)]
    pub disable: Vec<Spanned<String>>,
    pub default_tolerance: Option<Percent>,
    #[serde(default)]
    pub severity: BTreeMap<Spanned<String>, super::Level>,
    #[serde(default)]
    pub tolerance: BTreeMap<Spanned<String>, Percent>,
}

/// A name out of a closed list: a format, a severity. Written by hand because serde's enums
/// also accept a table, and then toml's message for a number is "wanted string or table".
pub(super) fn by_name<'de, D, T>(deserializer: D, all: &'static [T]) -> Result<T, D::Error>
where
    D: de::Deserializer<'de>,
    T: Copy + Named,
{
    struct NameVisitor<T: 'static>(&'static [T]);

    impl<T: Copy + Named> Visitor<'_> for NameVisitor<T> {
        type Value = T;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            let names: Vec<&str> = self.0.iter().map(|t| t.name()).collect();
            write!(f, "{} ({})", T::WHAT, crate::rules::suggest::list(&names))
        }

        fn visit_str<E: de::Error>(self, text: &str) -> Result<T, E> {
            match self.0.iter().find(|t| t.name() == text) {
                Some(t) => Ok(*t),
                None => Err(E::unknown_variant(text, T::NAMES)),
            }
        }
    }

    deserializer.deserialize_str(NameVisitor(all))
}

/// A value written as one of a few names.
pub(super) trait Named: 'static {
    /// What the value is, for messages: "an output format".
    const WHAT: &'static str;
    /// Every name, in order.
    const NAMES: &'static [&'static str];
    fn name(self) -> &'static str;
}

/// A struct from a TOML table only. serde would also fill a struct from an array, field by
/// field, and then complain about the first element rather than about the array.
fn table<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: de::Deserializer<'de>,
    T: Deserialize<'de>,
{
    struct TableVisitor<T>(PhantomData<T>);

    impl<'de, T: Deserialize<'de>> Visitor<'de> for TableVisitor<T> {
        type Value = T;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a table")
        }

        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
            T::deserialize(de::value::MapAccessDeserializer::new(map))
        }
    }

    deserializer.deserialize_map(TableVisitor(PhantomData))
}

/// A percentage written as in rule files, `"5 %"` or `"5%"`, kept as a share (0.05).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Percent(pub f64);

const PERCENT: &str = "a percentage such as \"5 %\"";

impl<'de> Deserialize<'de> for Percent {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(PercentVisitor)
    }
}

struct PercentVisitor;

impl Visitor<'_> for PercentVisitor {
    type Value = Percent;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(PERCENT)
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Percent, E> {
        let number = text.trim().strip_suffix('%').map(str::trim_end);
        match number.and_then(|n| n.parse::<f64>().ok()) {
            Some(p) if (0.0..=100.0).contains(&p) => Ok(Percent(p / 100.0)),
            Some(p) if !p.is_nan() => Err(E::custom(format!(
                "the tolerance `{}` is not between 0 % and 100 %",
                text.trim()
            ))),
            _ => Err(E::invalid_value(Unexpected::Str(text), &self)),
        }
    }
}
