//! Word-keyed lookups for the per-token hot path.
//!
//! Most words of a text are in no lexicon: a bit filter says so from their first two bytes,
//! their last byte and their length, without hashing them. The words that pass it are looked
//! up with their bytes packed in an integer, so that no string is hashed or compared.

use rustc_hash::FxHashMap;

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
    pub fn may_contain_bytes(&self, key: &[u8]) -> bool {
        let s = slot(key);
        self.bits[s >> 6] & (1 << (s & 63)) != 0
    }
}

/// A map from words (byte strings) to values, behind a [`KeyFilter`]. Words of up to 7 bytes,
/// most of them, are keyed by a `u64` (the bytes and the length) that hashes in one
/// multiplication; words of 8 to 15 bytes by a `u128`; longer ones by their bytes.
#[derive(Debug, Clone)]
pub struct WordMap<V> {
    filter: KeyFilter,
    short: FxHashMap<u64, V>,
    middle: FxHashMap<u128, V>,
    long: FxHashMap<Box<[u8]>, V>,
    /// The words, in insertion order, for listing them.
    words: Vec<String>,
}

impl<V> Default for WordMap<V> {
    fn default() -> Self {
        Self {
            filter: KeyFilter::default(),
            short: FxHashMap::default(),
            middle: FxHashMap::default(),
            long: FxHashMap::default(),
            words: Vec::new(),
        }
    }
}

const SHORT: usize = 7;
const MIDDLE: usize = 15;

// Byte loops, not copies: words are short, and a variable-length copy is a call. The length
// in the top byte keeps "a" apart from "\0a".
fn pack_short(bytes: &[u8]) -> u64 {
    let packed = bytes.iter().fold(0, |key, &b| key << 8 | u64::from(b));
    packed | (bytes.len() as u64) << 56
}

fn pack_middle(bytes: &[u8]) -> u128 {
    let packed = bytes.iter().fold(0, |key, &b| key << 8 | u128::from(b));
    packed | (bytes.len() as u128) << 120
}

impl<V> WordMap<V> {
    /// The value of `word`, made with `V::default()` when the word is new.
    pub fn entry(&mut self, word: &str) -> &mut V
    where
        V: Default,
    {
        let bytes = word.as_bytes();
        if self.get_unfiltered(bytes).is_none() {
            self.filter.insert(word);
            self.words.push(word.to_string());
        }
        match bytes.len() {
            n if n <= SHORT => self.short.entry(pack_short(bytes)).or_default(),
            n if n <= MIDDLE => self.middle.entry(pack_middle(bytes)).or_default(),
            _ => self.long.entry(bytes.into()).or_default(),
        }
    }

    /// Sets the value of `word`, replacing any earlier one.
    pub fn insert(&mut self, word: &str, value: V) {
        let bytes = word.as_bytes();
        let earlier = match bytes.len() {
            n if n <= SHORT => self.short.insert(pack_short(bytes), value),
            n if n <= MIDDLE => self.middle.insert(pack_middle(bytes), value),
            _ => self.long.insert(bytes.into(), value),
        };
        if earlier.is_none() {
            self.filter.insert(word);
            self.words.push(word.to_string());
        }
    }

    /// The filter's answer inline, since it is the answer for most words; the map's in a call.
    #[inline(always)]
    pub fn get<W: AsRef<[u8]> + ?Sized>(&self, word: &W) -> Option<&V> {
        let word = word.as_ref();
        if self.filter.may_contain_bytes(word) {
            self.get_unfiltered(word)
        } else {
            None
        }
    }

    #[inline(never)]
    fn get_unfiltered(&self, word: &[u8]) -> Option<&V> {
        match word.len() {
            n if n <= SHORT => self.short.get(&pack_short(word)),
            n if n <= MIDDLE => self.middle.get(&pack_middle(word)),
            _ => self.long.get(word),
        }
    }

    pub fn contains_key<W: AsRef<[u8]> + ?Sized>(&self, word: &W) -> bool {
        self.get(word).is_some()
    }

    /// The words, in the order they were first inserted.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.words.iter().map(String::as_str)
    }

    /// The words and their values, in the order the words were first inserted.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &V)> {
        self.words
            .iter()
            .filter_map(|w| Some((w.as_str(), self.get_unfiltered(w.as_bytes())?)))
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

/// A set of lower-case words: a [`WordMap`] without values.
#[derive(Debug, Default, Clone)]
pub struct WordSet {
    words: WordMap<()>,
}

impl WordSet {
    #[inline]
    pub fn contains<W: AsRef<[u8]> + ?Sized>(&self, word: &W) -> bool {
        self.words.get(word).is_some()
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.words.keys()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

impl FromIterator<String> for WordSet {
    fn from_iter<I: IntoIterator<Item = String>>(iter: I) -> Self {
        let mut set = WordSet::default();
        for word in iter {
            set.words.insert(&word, ());
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

    #[test]
    fn words_of_every_length_keep_their_values() {
        let mut map = WordMap::default();
        let words = [
            "",
            "a",
            "sevenby",
            "eightbyt",
            "fifteen_bytes_x",
            "sixteen_bytes_xx",
        ];
        for (k, w) in words.iter().enumerate() {
            map.insert(w, k);
        }
        *map.entry("a") += 10;
        for (k, w) in words.iter().enumerate() {
            let expected = if *w == "a" { k + 10 } else { k };
            assert_eq!(map.get(w.as_bytes()), Some(&expected), "{w}");
        }
        // Packed keys do not confuse a word with its zero-padded or shifted neighbours.
        for absent in [
            &b"\0a"[..],
            b"\0\0\0\0\0\0\0a",
            b"eightby",
            b"fifteen_bytes_",
        ] {
            assert_eq!(map.get_unfiltered(absent), None);
        }
        assert_eq!(map.keys().collect::<Vec<_>>(), words);
        assert_eq!(map.len(), words.len());
    }
}
