//! `factlint check` throughput on one core, with the standard rules: `cargo bench --bench check`.
//!
//! Reads every article of `../shared/corpus/dev` (or, where that is absent, `fixtures/`), then
//! checks all of them several times over (`FACTLINT_BENCH_ROUNDS`, 10 by default), one document
//! at a time on the calling thread: the whole per-document path of `factlint check` (UTF-8 and
//! binary checks, format detection, prose view, extraction, evaluation of every standard rule),
//! without the file system and without printing. Prints MB/s, articles/s, findings per round
//! and the peak resident memory.

mod corpus;

use std::time::Instant;

use factlint::eval::engine::{EvalOptions, evaluate};
use factlint::eval::predicates::DocumentView;
use factlint::source::parse_document;

fn main() {
    let docs = corpus::load();
    if docs.is_empty() {
        return;
    }
    let (mb, articles) = corpus::totals(&docs);
    let Some(rules) = corpus::standard_rules() else {
        return;
    };

    let mut findings = 0usize;
    let start = Instant::now();
    for _ in 0..corpus::rounds() {
        for (path, raw) in &docs {
            let Ok(doc) = parse_document(path.clone(), raw.clone(), None) else {
                continue;
            };
            let extraction = factlint::claims::extract(&doc, None);
            let view = DocumentView::new(&doc.text, doc.prose(), &extraction.claims);
            let options = EvalOptions {
                date: extraction.date,
                ..EvalOptions::default()
            };
            findings += evaluate(&rules, &view, &options).findings.len();
        }
    }
    let seconds = start.elapsed().as_secs_f64();
    println!(
        "check: {:.1} MB/s, {:.0} articles/s on one core, {} rules ({} findings per round)",
        mb / seconds,
        articles / seconds,
        rules.rules.len(),
        findings / corpus::rounds()
    );
    if let Some(kib) = corpus::peak_rss_kib() {
        println!(
            "peak memory: {:.1} MiB (the corpus itself is held in memory)",
            kib as f64 / 1024.0
        );
    }
}
