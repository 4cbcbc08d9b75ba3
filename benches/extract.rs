//! Extraction throughput on one core: `cargo bench --bench extract`.
//!
//! Reads every article of `../shared/corpus/dev` (or, where that is absent, `fixtures/`),
//! then extracts the claims of all of them several times over, one document at a time, on the
//! calling thread. Prints MB/s, articles/s and the peak resident memory, which stays flat
//! because nothing is kept from one document to the next.

mod corpus;

use std::time::Instant;

use factlint::source::parse_document;

fn main() {
    let docs = corpus::load();
    if docs.is_empty() {
        return;
    }
    let (mb, articles) = corpus::totals(&docs);

    // The lexicons are parsed once per process, on first use: not part of the throughput.
    let _ = factlint::claims::extract_text("1 kg", "1 kg", None);

    // Extraction alone, from prepared documents: the claims stage.
    let prepared: Vec<_> = docs
        .iter()
        .filter_map(|(path, raw)| parse_document(path.clone(), raw.clone(), None).ok())
        .collect();
    let mut claims = 0usize;
    let start = Instant::now();
    for _ in 0..corpus::rounds() {
        for doc in &prepared {
            claims += factlint::claims::extract(doc, None).claims.len();
        }
    }
    let seconds = start.elapsed().as_secs_f64();
    println!(
        "extract:         {:.1} MB/s, {:.0} articles/s on one core ({} claims per round)",
        mb / seconds,
        articles / seconds,
        claims / corpus::rounds()
    );

    // The whole per-document path: UTF-8 and binary checks, format detection, prose view,
    // boilerplate, then extraction.
    let start = Instant::now();
    for _ in 0..corpus::rounds() {
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
    if let Some(kib) = corpus::peak_rss_kib() {
        println!(
            "peak memory: {:.1} MiB (the corpus itself is held in memory)",
            kib as f64 / 1024.0
        );
    }
}
