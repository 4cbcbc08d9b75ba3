//! Fingerprints of findings that survive edits elsewhere in the file.
//!
//! A fingerprint is a SHA-256 digest (its first 16 bytes, in hex) of:
//! - the file's path, with `\` turned into `/` and a leading `./` dropped;
//! - the rule id;
//! - for each label, in order: the words under it, and the words around it, at most
//!   [`CONTEXT_WORDS`] on each side, not crossing a sentence end or a blank line;
//! - the occurrence: 0 for the first finding in the file with the same digest of all the
//!   above, 1 for the second, in the order of their primary labels.
//!
//! Words are what white space separates, so line breaks, indentation and reflowing do not
//! matter, and case does. Offsets and line numbers are not part of it: a paragraph inserted
//! above a finding leaves its fingerprint alone; a change to its figures, or to the words
//! beside them, makes a new one.

use sha2::{Digest, Sha256};

use crate::eval::finding::Finding;

/// Words of context taken on each side of a label.
pub const CONTEXT_WORDS: usize = 6;

/// Bumped when the digest changes, so old baselines do not silently match nothing.
const SCHEME: &[u8] = b"factlint fingerprint 1";

/// The fingerprint of each finding of one file, in the order given. `text` is the file's
/// original text, into which the labels point.
///
/// ```
/// use factlint::eval::finding::{Finding, Label, Severity};
/// let text = "Police made 1,027 arrests.";
/// let finding = Finding {
///     rule: "list-count".into(),
///     severity: Severity::Error,
///     message: String::new(),
///     labels: vec![Label { start: 12, end: 17, label: String::new() }],
///     help: None,
///     origin: None,
/// };
/// let moved = format!("A new paragraph.\n\n{text}");
/// let mut shifted = finding.clone();
/// shifted.labels[0].start += 18;
/// shifted.labels[0].end += 18;
/// assert_eq!(
///     factlint::triage::fingerprints("a.txt", text, &[finding]),
///     factlint::triage::fingerprints("./a.txt", &moved, &[shifted]),
/// );
/// ```
pub fn fingerprints(path: &str, text: &str, findings: &[Finding]) -> Vec<String> {
    let path = normalise_path(path);
    let digests: Vec<[u8; 32]> = findings.iter().map(|f| digest(&path, text, f)).collect();
    // Occurrences count in document order, whatever order the findings come in.
    let mut order: Vec<usize> = (0..findings.len()).collect();
    order.sort_by_key(|&i| {
        (
            findings[i].labels.first().map_or(usize::MAX, |l| l.start),
            i,
        )
    });
    let mut occurrence = vec![0u64; findings.len()];
    let mut seen: rustc_hash::FxHashMap<[u8; 32], u64> = Default::default();
    for i in order {
        let count = seen.entry(digests[i]).or_insert(0);
        occurrence[i] = *count;
        *count += 1;
    }
    digests
        .iter()
        .zip(occurrence)
        .map(|(d, n)| {
            let mut hasher = Sha256::new();
            field(&mut hasher, d);
            field(&mut hasher, &n.to_le_bytes());
            hex(&hasher.finalize()[..16])
        })
        .collect()
}

/// The path as recorded in baselines: forward slashes, no leading `./`.
pub fn normalise_path(path: &str) -> String {
    let slashed = path.replace('\\', "/");
    let mut rest = slashed.as_str();
    while let Some(r) = rest.strip_prefix("./") {
        rest = r.trim_start_matches('/');
    }
    rest.to_string()
}

fn digest(path: &str, text: &str, finding: &Finding) -> [u8; 32] {
    let mut hasher = Sha256::new();
    field(&mut hasher, SCHEME);
    field(&mut hasher, path.as_bytes());
    field(&mut hasher, finding.rule.as_bytes());
    field(&mut hasher, &(finding.labels.len() as u64).to_le_bytes());
    for label in &finding.labels {
        let start = floor_boundary(text, label.start);
        let end = floor_boundary(text, label.end.max(label.start));
        let words = text.get(start..end).unwrap_or_default();
        field(&mut hasher, join(words.split_whitespace()).as_bytes());
        let before = text.get(..start).unwrap_or_default();
        let after = text.get(end..).unwrap_or_default();
        field(
            &mut hasher,
            join(words_before(before).into_iter()).as_bytes(),
        );
        field(&mut hasher, join(words_after(after).into_iter()).as_bytes());
    }
    hasher.finalize().into()
}

/// Length-prefixed, so that no two different field lists hash the same bytes.
fn field(hasher: &mut Sha256, bytes: &[u8]) {
    hasher.update((bytes.len() as u64).to_le_bytes());
    hasher.update(bytes);
}

fn join<'a>(words: impl Iterator<Item = &'a str>) -> String {
    words.collect::<Vec<_>>().join(" ")
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The last words of `before`, in order, back to a sentence end or a blank line.
fn words_before(before: &str) -> Vec<&str> {
    let mut words = Vec::new();
    let mut rest = before;
    while words.len() < CONTEXT_WORDS {
        let trimmed = rest.trim_end();
        if is_paragraph_break(&rest[trimmed.len()..]) {
            break;
        }
        let start = trimmed
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_whitespace())
            .map_or(0, |(i, c)| i + c.len_utf8());
        let word = &trimmed[start..];
        if word.is_empty() || ends_sentence(word) {
            break;
        }
        words.push(word);
        rest = &trimmed[..start];
    }
    words.reverse();
    words
}

/// The first words of `after`, up to and including the one that ends the sentence, and not
/// past a blank line.
fn words_after(after: &str) -> Vec<&str> {
    let mut words = Vec::new();
    let mut rest = after;
    while words.len() < CONTEXT_WORDS {
        let trimmed = rest.trim_start();
        if is_paragraph_break(&rest[..rest.len() - trimmed.len()]) {
            break;
        }
        let end = trimmed.find(char::is_whitespace).unwrap_or(trimmed.len());
        let word = &trimmed[..end];
        if word.is_empty() {
            break;
        }
        words.push(word);
        if ends_sentence(word) {
            break;
        }
        rest = &trimmed[end..];
    }
    words
}

fn is_paragraph_break(space: &str) -> bool {
    space.bytes().filter(|&b| b == b'\n').count() >= 2
}

/// `arrests.`, `said?"`, `Malta.)`, `arrests.</p>`: a full stop, question or exclamation mark
/// before closing quotes, brackets and end tags.
fn ends_sentence(word: &str) -> bool {
    let mut w = word;
    loop {
        if w.ends_with('>') {
            match w.rfind('<') {
                Some(i) => w = &w[..i],
                None => return false,
            }
        } else if let Some(r) = w.strip_suffix(['"', '\'', '”', '’', ')', ']', '*', '_']) {
            w = r;
        } else {
            return w.ends_with(['.', '!', '?', '…']);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::finding::{Label, Severity};

    fn finding(text: &str, rule: &str, words: &[&str]) -> Finding {
        let labels = words
            .iter()
            .map(|w| {
                let start = text.find(w).unwrap_or_else(|| panic!("{w:?} in the text"));
                Label {
                    start,
                    end: start + w.len(),
                    label: String::new(),
                }
            })
            .collect();
        Finding {
            rule: rule.into(),
            severity: Severity::Error,
            message: String::new(),
            labels,
            help: None,
            origin: None,
        }
    }

    fn one(path: &str, text: &str, rule: &str, words: &[&str]) -> String {
        fingerprints(path, text, &[finding(text, rule, words)]).remove(0)
    }

    #[test]
    fn context_stops_at_sentence_ends_and_blank_lines() {
        let text = "Seized in May. Police made 1,027 arrests.</p> Next <p>line.\n\nMore";
        let start = text.find("1,027").unwrap_or_default();
        assert_eq!(words_before(&text[..start]), ["Police", "made"]);
        assert_eq!(words_after(&text[start + 5..]), ["arrests.</p>"]);
        assert_eq!(words_after(" a b\n\nc"), ["a", "b"]);
        assert_eq!(words_before("x\n \nc d"), ["c", "d"]);
        assert_eq!(words_before("\n\n"), Vec::<&str>::new());
        assert_eq!(
            words_after("1 2 3 4 5 6 7 8"),
            ["1", "2", "3", "4", "5", "6"]
        );
        assert!(ends_sentence("said?\"") && ends_sentence("Malta.)") && !ends_sentence("1.3"));
        assert!(!ends_sentence("<b>") && !ends_sentence("x>"));
    }

    #[test]
    fn edits_elsewhere_do_not_change_it() {
        let text = "Police made 1,027 arrests. Of these, 1,100 were in Malta.\n";
        let fp = one(
            "reports/a.txt",
            text,
            "part-exceeds-whole",
            &["1,027", "1,100"],
        );
        let edited = format!(
            "A new first paragraph, 12 words long.\n\n{}\nA new last one.\n",
            text.replace("Police made", "Police  made\n")
        );
        let words = ["1,027", "1,100"];
        assert_eq!(
            one(".\\reports\\a.txt", &edited, "part-exceeds-whole", &words),
            fp
        );
        // Line endings and line breaks are white space like any other.
        let crlf = format!("Intro.\r\n\r\n{}", text.replace(' ', "\r\n  "));
        assert_eq!(
            one("reports/a.txt", &crlf, "part-exceeds-whole", &words),
            fp
        );
        // The figures, the words beside them, the rule or the file make it another finding.
        let changed = text.replace("1,100", "1,200");
        assert_ne!(
            one(
                "reports/a.txt",
                &changed,
                "part-exceeds-whole",
                &["1,027", "1,200"]
            ),
            fp
        );
        let reworded = text.replace("Of these", "Of those");
        assert_ne!(
            one("reports/a.txt", &reworded, "part-exceeds-whole", &words),
            fp
        );
        assert_ne!(one("reports/a.txt", text, "list-count", &words), fp);
        assert_ne!(one("reports/b.txt", text, "part-exceeds-whole", &words), fp);
    }

    #[test]
    fn identical_findings_are_told_apart_by_occurrence() {
        let text = "It rose 120%.\n\nIt rose 120%.\n";
        let first = finding(text, "percent-bounds", &["120%"]);
        let mut second = first.clone();
        second.labels[0].start += 15;
        second.labels[0].end += 15;
        let fps = fingerprints("a.txt", text, &[second.clone(), first.clone()]);
        assert_ne!(fps[0], fps[1]);
        // Numbered in document order, not in the order given.
        assert_eq!(
            fingerprints("a.txt", text, &[first, second]),
            [fps[1].clone(), fps[0].clone()]
        );
        assert_eq!(fps[0].len(), 32);
    }

    #[test]
    fn odd_offsets_do_not_panic() {
        let text = "é€ x";
        let mut f = finding(text, "r", &["x"]);
        for (start, end) in [(1, 4), (5, 2), (99, 120), (0, 0)] {
            f.labels[0].start = start;
            f.labels[0].end = end;
            assert_eq!(fingerprints("a", text, std::slice::from_ref(&f)).len(), 1);
        }
    }

    #[test]
    fn paths_are_normalised() {
        assert_eq!(normalise_path(".\\reports\\a.txt"), "reports/a.txt");
        assert_eq!(normalise_path("././/a.txt"), "a.txt");
        assert_eq!(normalise_path("/abs/a.txt"), "/abs/a.txt");
        assert_eq!(normalise_path("-"), "-");
    }
}
