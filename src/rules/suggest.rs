//! "Did you mean": the closest known name to a misspelt one.

/// The candidate closest to `word`, if it is close enough to be a likely misspelling: at most
/// one edit for short words, about one edit in three for longer ones. Case is ignored in the
/// distance, so `Rule` suggests `rule`.
pub fn closest<'c>(word: &str, candidates: impl IntoIterator<Item = &'c str>) -> Option<&'c str> {
    let lowered = word.to_lowercase();
    let limit = (word.chars().count() / 3).max(1);
    candidates
        .into_iter()
        .map(|c| (strsim::damerau_levenshtein(&lowered, &c.to_lowercase()), c))
        .filter(|(d, c)| *d <= limit && *c != word)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// "did you mean `x`?" for the closest candidate, else a fallback text.
pub fn did_you_mean<'c>(
    word: &str,
    candidates: impl IntoIterator<Item = &'c str>,
    otherwise: impl FnOnce() -> String,
) -> String {
    match closest(word, candidates) {
        Some(c) => format!("did you mean `{c}`?"),
        None => otherwise(),
    }
}

/// "`a`, `b` or `c`".
pub fn list(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    match quoted.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn close_words_are_suggested_and_far_ones_not() {
        let keywords = ["rule", "concept", "table", "fact"];
        assert_eq!(closest("rulle", keywords), Some("rule"));
        assert_eq!(closest("Rule", keywords), Some("rule"));
        assert_eq!(closest("concpet", keywords), Some("concept"));
        assert_eq!(closest("banana", keywords), None);
        assert_eq!(list(&["a", "b", "c"]), "`a`, `b` or `c`");
    }
}
