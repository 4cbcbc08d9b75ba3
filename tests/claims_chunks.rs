//! A long document is extracted a chunk at a time; the claims must be the same as from the
//! whole text at once, whatever the chunk size. Checked on every fixture, the seed article,
//! and (when `../shared/corpus` is present) a stretch of each kind of writing joined into one
//! document, where chunk boundaries fall in headings, tables and lists.

use std::path::{Path, PathBuf};

use factlint::claims::extract_in_chunks;

/// Bytes of each corpus folder joined into one document: enough for hundreds of boundaries.
const CORPUS_BYTES: usize = 400_000;

fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            files_under(&path, out);
        } else if path
            .extension()
            .is_some_and(|e| e == "txt" || e == "md" || e == "html")
        {
            out.push(path);
        }
    }
}

fn assert_same_claims(name: &str, text: &str, chunk_sizes: &[usize]) {
    let whole = extract_in_chunks(text, text, None, usize::MAX);
    for &size in chunk_sizes {
        let chunked = extract_in_chunks(text, text, None, size);
        assert_eq!(
            chunked.date, whole.date,
            "{name}: date with chunks of {size}"
        );
        assert_eq!(
            chunked.claims.len(),
            whole.claims.len(),
            "{name}: claims with chunks of {size}"
        );
        for (a, b) in chunked.claims.iter().zip(&whole.claims) {
            assert_eq!(a, b, "{name}: chunks of {size}");
        }
    }
}

#[test]
fn fixtures_and_seed_give_the_same_claims_in_chunks() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    files_under(&root.join("fixtures"), &mut files);
    files_under(&root.join("../shared/seeds"), &mut files);
    assert!(!files.is_empty());
    for path in files {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        assert_same_claims(&path.display().to_string(), &text, &[1, 64, 512]);
    }
}

#[test]
fn joined_corpus_documents_give_the_same_claims_in_chunks() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    let Ok(folders) = std::fs::read_dir(&corpus) else {
        eprintln!("skipped: ../shared/corpus is absent");
        return;
    };
    let mut folders: Vec<PathBuf> = folders.filter_map(|e| e.ok().map(|e| e.path())).collect();
    folders.sort();
    for folder in folders.into_iter().filter(|f| f.is_dir()) {
        let mut files = Vec::new();
        files_under(&folder, &mut files);
        let mut joined = String::new();
        for path in files {
            if joined.len() >= CORPUS_BYTES {
                break;
            }
            if let Ok(text) = std::fs::read_to_string(&path) {
                joined.push_str(&text);
                joined.push_str("\n\n");
            }
        }
        let mut end = CORPUS_BYTES.min(joined.len());
        while !joined.is_char_boundary(end) {
            end -= 1;
        }
        joined.truncate(end);
        assert_same_claims(&folder.display().to_string(), &joined, &[2_000, 50_000]);
    }
}
