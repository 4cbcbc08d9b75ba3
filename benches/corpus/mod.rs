//! The corpus the benchmarks read: `../shared/corpus/dev` when present, else `fixtures/`.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

// The allocator of the `factlint` binary, in every benchmark that uses this module, so that
// the figures are the product's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

pub fn rounds() -> usize {
    std::env::var("FACTLINT_BENCH_ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(10)
}

pub fn articles(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            articles(&path, out);
        } else if path
            .extension()
            .is_some_and(|e| e == "txt" || e == "md" || e == "html")
        {
            out.push(path);
        }
    }
}

pub fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Every article of the corpus, read into memory: (path, bytes). Prints what was read.
pub fn load() -> Vec<(String, Vec<u8>)> {
    let corpus = Path::new("../shared/corpus/dev");
    let root = if corpus.is_dir() {
        corpus
    } else {
        Path::new("fixtures")
    };
    let mut paths = Vec::new();
    articles(root, &mut paths);
    let docs: Vec<(String, Vec<u8>)> = paths
        .iter()
        .filter_map(|p| std::fs::read(p).ok().map(|b| (p.display().to_string(), b)))
        .collect();
    let bytes: usize = docs.iter().map(|(_, b)| b.len()).sum();
    if docs.is_empty() {
        eprintln!("no articles found under {}", root.display());
    } else {
        println!(
            "corpus: {} ({} articles, {:.2} MB)",
            root.display(),
            docs.len(),
            bytes as f64 / 1e6
        );
    }
    docs
}

/// Megabytes and articles read in all rounds.
pub fn totals(docs: &[(String, Vec<u8>)]) -> (f64, f64) {
    let bytes: usize = docs.iter().map(|(_, b)| b.len()).sum();
    (
        (bytes * rounds()) as f64 / 1e6,
        (docs.len() * rounds()) as f64,
    )
}

/// The standard rules, with the lexicons parsed (they are parsed once per process, on first
/// use: not part of what is timed). `None`, said on stderr, if the rules have errors.
pub fn standard_rules() -> Option<factlint::rules::RuleSet> {
    let rules = match factlint::rules::standard() {
        Ok(rules) => rules,
        Err(errors) => {
            eprintln!("the standard rules have {} errors", errors.len());
            return None;
        }
    };
    let _ = factlint::claims::extract_text("1 kg", "1 kg", None);
    Some(rules)
}
