//! A bit filter in front of hash lookups: most words of a text are in no lexicon, and the
//! filter says so from their first two bytes, their last byte and their length, without
//! hashing them.

/// Remembers (first byte, second byte, last byte, length) of every key, as one bit of 65,536. A
/// word whose bit is not set is certainly absent; one whose bit is set may be present.
#[derive(Clone)]
pub struct KeyFilter {
    bits: Box<[u64; 1024]>,
}

impl std::fmt::Debug for KeyFilter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("KeyFilter")
    }
}

impl Default for KeyFilter {
    fn default() -> Self {
        Self {
            bits: Box::new([0; 1024]),
        }
    }
}

fn slot(b: &[u8]) -> usize {
    let first = u32::from(b.first().copied().unwrap_or(0));
    let second = u32::from(b.get(1).copied().unwrap_or(0));
    let last = u32::from(b.last().copied().unwrap_or(0));
    let len = b.len().min(255) as u32;
    // The four bytes mixed by one multiplication; the high half is the best mixed.
    let key = first | second << 8 | last << 16 | len << 24;
    (key.wrapping_mul(0x9E37_79B1) >> 16) as usize
}

impl KeyFilter {
    pub fn insert(&mut self, key: &str) {
        let s = slot(key.as_bytes());
        self.bits[s >> 6] |= 1 << (s & 63);
    }

    #[inline]
    pub fn may_contain(&self, key: &str) -> bool {
        self.may_contain_bytes(key.as_bytes())
    }

    #[inline]
    pub fn may_contain_bytes(&self, key: &[u8]) -> bool {
        let s = slot(key);
        self.bits[s >> 6] & (1 << (s & 63)) != 0
    }
}

/// A set of lower-case words behind a [`KeyFilter`].
#[derive(Debug, Default, Clone)]
pub struct WordSet {
    filter: KeyFilter,
    words: rustc_hash::FxHashSet<String>,
}

impl WordSet {
    pub fn contains(&self, word: &str) -> bool {
        self.filter.may_contain(word) && self.words.contains(word)
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.words.iter().map(String::as_str)
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

impl FromIterator<String> for WordSet {
    fn from_iter<I: IntoIterator<Item = String>>(iter: I) -> Self {
        let mut set = WordSet::default();
        for word in iter {
            set.filter.insert(&word);
            set.words.insert(word);
        }
        set
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_false_negatives() {
        let words = [
            "the",
            "ten",
            "a",
            "",
            "thousand",
            "é",
            "x".repeat(40).as_str().to_string().leak(),
        ];
        let set: WordSet = words.iter().map(|w| w.to_string()).collect();
        for w in words {
            assert!(set.contains(w));
        }
        assert!(!set.contains("then"));
        assert!(!set.contains("zebra"));
    }
}
