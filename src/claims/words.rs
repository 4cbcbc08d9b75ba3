//! Word forms: case folding, plural nouns to singular, inflected verbs to their base form.
//!
//! Rule-based and driven by `rules/lexicon/lemmas.toml`: irregular forms and the list of
//! known verbs come from the data, the suffix rules live here.

use std::borrow::Cow;

use super::lexicon::Lemmas;

/// Lower case, without allocating when the word is already lower-case ASCII.
pub fn lower(word: &str) -> Cow<'_, str> {
    if word
        .bytes()
        .all(|b| !b.is_ascii_uppercase() && b.is_ascii())
    {
        Cow::Borrowed(word)
    } else {
        Cow::Owned(word.to_lowercase())
    }
}

/// "Malta's" -> "Malta"; "officers’" stays as is.
pub fn strip_possessive(word: &str) -> &str {
    for suffix in ["'s", "’s", "'S"] {
        if let Some(stem) = word.strip_suffix(suffix) {
            return stem;
        }
    }
    word
}

pub fn is_capitalized(word: &str) -> bool {
    match word.as_bytes().first() {
        Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
        _ => word.chars().next().is_some_and(char::is_uppercase),
    }
}

/// A plural noun's singular, or `None` when the word does not look plural.
/// "countries" -> "country", "arrests" -> "arrest", "children" -> "child", "news" -> None.
pub fn singular(lemmas: &Lemmas, lowered: &str) -> Option<String> {
    singular_parts(lemmas, lowered).map(|(stem, tail)| [stem, tail].concat())
}

/// Does the word look like a plural noun? [`singular`] without building the singular.
pub fn is_plural(lemmas: &Lemmas, lowered: &str) -> bool {
    singular_parts(lemmas, lowered).is_some()
}

/// The singular as a stem and an ending to append: ("countr", "y") for "countries".
fn singular_parts<'a>(lemmas: &'a Lemmas, lowered: &'a str) -> Option<(&'a str, &'static str)> {
    if let Some(s) = lemmas.irregular_plurals.get(lowered) {
        return Some((s.as_str(), ""));
    }
    let possessive = lowered.contains('\'') || lowered.contains('’');
    if possessive
        || lowered.len() < 3
        || lemmas.singular_s.contains(lowered)
        || !lowered.ends_with('s')
    {
        return None;
    }
    if lowered.ends_with("ss") || lowered.ends_with("us") || lowered.ends_with("is") {
        return None;
    }
    if let Some(stem) = lowered.strip_suffix("ies").filter(|s| s.len() > 1) {
        return Some((stem, "y"));
    }
    for sibilant in ["ches", "shes", "sses", "xes", "zzes"] {
        if lowered.ends_with(sibilant) {
            return Some((&lowered[..lowered.len() - 2], ""));
        }
    }
    Some((&lowered[..lowered.len() - 1], ""))
}

/// A noun's lemma: its singular when plural, else itself.
pub fn noun_lemma(lemmas: &Lemmas, lowered: &str) -> String {
    singular(lemmas, lowered).unwrap_or_else(|| lowered.to_string())
}

/// An inflected verb's base form when the word is a known verb form:
/// "arrested" -> "arrest", "seized" -> "seize", "stopped" -> "stop", "carried" -> "carry",
/// "rose" -> "rise", "rises" -> "rise". `None` for words that are not known verbs.
pub fn verb_lemma(lemmas: &Lemmas, lowered: &str) -> Option<String> {
    if let Some(base) = lemmas.irregular_verbs.get(lowered) {
        return Some(base.clone());
    }
    let known = |s: &str| lemmas.verbs.contains(s);
    if known(lowered) {
        return Some(lowered.to_string());
    }
    // One buffer for the candidates: most words try several suffix rules.
    let mut candidate = String::new();
    for (suffix, replacements) in SUFFIX_RULES {
        let Some(stem) = lowered.strip_suffix(suffix) else {
            continue;
        };
        if stem.len() < 2 {
            continue;
        }
        for replacement in *replacements {
            candidate.clear();
            match *replacement {
                Undo::Append(tail) => {
                    candidate.push_str(stem);
                    candidate.push_str(tail);
                }
                Undo::Undouble => {
                    let b = stem.as_bytes();
                    if b.len() >= 2 && b[b.len() - 1] == b[b.len() - 2] {
                        candidate.push_str(&stem[..stem.len() - 1]);
                    } else {
                        continue;
                    }
                }
            }
            if known(&candidate) {
                return Some(candidate);
            }
        }
    }
    None
}

/// Is this word a past tense or participle form ("arrested", "seized", "rose", "taken")?
pub fn is_past_form(lemmas: &Lemmas, lowered: &str) -> bool {
    if let Some(base) = lemmas.irregular_verbs.get(lowered) {
        return base != lowered && !lowered.ends_with('s') && !lowered.ends_with("ing");
    }
    lowered.ends_with("ed") && verb_lemma(lemmas, lowered).is_some()
}

enum Undo {
    Append(&'static str),
    Undouble,
}

/// Suffixes to strip, longest first, and how to rebuild the base form from what is left.
const SUFFIX_RULES: &[(&str, &[Undo])] = &[
    ("ied", &[Undo::Append("y")]),
    ("ies", &[Undo::Append("y")]),
    (
        "ing",
        &[Undo::Append(""), Undo::Append("e"), Undo::Undouble],
    ),
    ("ed", &[Undo::Append(""), Undo::Append("e"), Undo::Undouble]),
    ("es", &[Undo::Append(""), Undo::Append("e")]),
    ("d", &[Undo::Append("")]),
    ("s", &[Undo::Append("")]),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claims::lexicon::Lexicon;

    fn lemmas() -> &'static Lemmas {
        &Lexicon::embedded().lemmas
    }

    #[test]
    fn plural_nouns() {
        let l = lemmas();
        for (plural, single) in [
            ("countries", "country"),
            ("arrests", "arrest"),
            ("individuals", "individual"),
            ("children", "child"),
            ("boxes", "box"),
            ("churches", "church"),
            ("states", "state"),
            ("tonnes", "tonne"),
        ] {
            assert_eq!(singular(l, plural).as_deref(), Some(single), "{plural}");
            assert!(is_plural(l, plural), "{plural}");
        }
        for word in [
            "news", "series", "class", "virus", "crisis", "cocaine", "is",
        ] {
            assert_eq!(singular(l, word), None, "{word}");
            assert!(!is_plural(l, word), "{word}");
        }
    }

    #[test]
    fn verb_forms() {
        let l = lemmas();
        for (form, base) in [
            ("arrested", "arrest"),
            ("seized", "seize"),
            ("stopped", "stop"),
            ("carried", "carry"),
            ("rose", "rise"),
            ("fell", "fall"),
            ("involved", "involve"),
            ("rises", "rise"),
            ("selling", "sell"),
            ("taken", "take"),
        ] {
            assert_eq!(verb_lemma(l, form).as_deref(), Some(base), "{form}");
        }
        assert!(is_past_form(l, "arrested"));
        assert!(is_past_form(l, "rose"));
        assert!(!is_past_form(l, "rises"));
        assert_eq!(verb_lemma(l, "kilograms"), None);
    }

    #[test]
    fn case_and_possessives() {
        assert_eq!(lower("EU"), "eu");
        assert!(matches!(lower("eu"), Cow::Borrowed(_)));
        assert_eq!(strip_possessive("Malta's"), "Malta");
        assert_eq!(strip_possessive("Malta’s"), "Malta");
        assert!(is_capitalized("Élysée"));
    }
}
