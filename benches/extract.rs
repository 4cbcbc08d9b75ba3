//! Extraction throughput on one core: `cargo bench --bench extract`.
//!
//! Reads every article of `../shared/corpus/dev` (or, where that is absent, `fixtures/`),
//! then extracts the claims of all of them several times over, one document at a time, on the
//! calling thread. Prints MB/s, articles/s and the peak resident memory, which stays flat
//! because nothing is kept from one document to the next.

use std::path::{Path, PathBuf};
use std::time::Instant;

use factlint::source::parse_document;

fn rounds() -> usize {
    std::env::var("FACTLINT_BENCH_ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(10)
}

fn articles(dir: &Path, out: &mut Vec<PathBuf>) {
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

fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn main() {
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
        return;
    }
    let mb = (bytes * rounds()) as f64 / 1e6;
    let articles = (docs.len() * rounds()) as f64;
    println!(
        "corpus: {} ({} articles, {:.2} MB)",
        root.display(),
        docs.len(),
        bytes as f64 / 1e6
    );

    // The lexicons are parsed once per process, on first use: not part of the throughput.
    let _ = factlint::claims::extract_text("1 kg", "1 kg", None);

    // Extraction alone, from prepared documents: the claims stage.
    let prepared: Vec<_> = docs
        .iter()
        .filter_map(|(path, raw)| parse_document(path.clone(), raw.clone(), None).ok())
        .collect();
    let mut claims = 0usize;
    let start = Instant::now();
    for _ in 0..rounds() {
        for doc in &prepared {
            claims += factlint::claims::extract(doc, None).claims.len();
        }
    }
    let seconds = start.elapsed().as_secs_f64();
    println!(
        "extract:         {:.1} MB/s, {:.0} articles/s on one core ({} claims per round)",
        mb / seconds,
        articles / seconds,
        claims / rounds()
    );

    // The whole per-document path: UTF-8 and binary checks, format detection, prose view,
    // boilerplate, then extraction.
    let start = Instant::now();
    for _ in 0..rounds() {
        for (path, raw) in &docs {
            if let Ok(doc) = parse_document(path.clone(), raw.clone(), None) {
                std::hint::black_box(factlint::claims::extract(&doc, None));
            }
        }
    }
    let seconds = start.elapsed().as_secs_f64();
    println!(
        "read + extract:  {:.1} MB/s, {:.0} articles/s on one core",
        mb / seconds,
        articles / seconds
    );
    if let Some(kib) = peak_rss_kib() {
        println!(
            "peak memory: {:.1} MiB (the corpus itself is held in memory)",
            kib as f64 / 1024.0
        );
    }
}
