//! Long documents: `cargo bench --bench long`.
//!
//! Joins the articles of `../shared/corpus/dev` (or `fixtures/`) into one document of each size
//! in `FACTLINT_LONG_MB` (megabytes, comma-separated; "1,8" by default, "1,8,50" for the full
//! measure) and checks it with the standard rules on one core, as `factlint check` does one
//! file; then checks the same articles one by one. Prints, per size: the time, the time of the
//! same text as separate articles and the ratio of the two, the rules that met the safety
//! limit, and the peak memory so far against the size (sizes run smallest first, so the peak
//! after the last is that size's). Then the ratio of the largest size's time to the smallest's
//! against the ratio of their sizes: linear time keeps the two close.

mod corpus;

use std::time::Instant;

use factlint::eval::engine::{EvalOptions, evaluate};
use factlint::eval::predicates::DocumentView;
use factlint::rules::RuleSet;
use factlint::source::parse_document;

/// Checks one text as one document: seconds, findings, and the findings that are the safety
/// limit.
fn check(rules: &RuleSet, name: &str, text: Vec<u8>) -> (f64, usize, usize) {
    let start = Instant::now();
    let Ok(doc) = parse_document(name.to_string(), text, None) else {
        return (0.0, 0, 0);
    };
    let extraction = factlint::claims::extract(&doc, None);
    let view = DocumentView::new(&doc.text, doc.prose(), &extraction.claims);
    let options = EvalOptions {
        date: extraction.date,
        ..EvalOptions::default()
    };
    let findings = evaluate(rules, &view, &options).findings;
    let limits = findings
        .iter()
        .filter(|f| f.message.contains("stopped after"))
        .count();
    (start.elapsed().as_secs_f64(), findings.len(), limits)
}

fn main() {
    let docs = corpus::load();
    if docs.is_empty() {
        return;
    }
    let Some(rules) = corpus::standard_rules() else {
        return;
    };
    let sizes: Vec<f64> = std::env::var("FACTLINT_LONG_MB")
        .unwrap_or_else(|_| "1,8".to_string())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    let mut timed = Vec::new();
    for mb in sizes {
        let target = (mb * 1e6) as usize;
        let mut joined = Vec::with_capacity(target + 10_000);
        let mut parts = Vec::new();
        'fill: loop {
            for (_, bytes) in &docs {
                if joined.len() >= target {
                    break 'fill;
                }
                if !joined.is_empty() {
                    joined.extend_from_slice(b"\n\n");
                }
                joined.extend_from_slice(bytes);
                parts.push(bytes);
            }
        }
        let separate: f64 = parts
            .iter()
            .map(|bytes| check(&rules, "article.txt", bytes.to_vec()).0)
            .sum();
        // The long document is handed over, not copied, as `factlint check` reads a file: the
        // peak is then the corpus, the one document and what checking it takes.
        let size = joined.len();
        let (one, findings, limits) = check(&rules, "long.txt", joined);
        let peak = corpus::peak_rss_kib().map_or(0.0, |k| k as f64 * 1024.0);
        println!(
            "{:.1} MB as one document: {one:.2} s ({:.1} MB/s), {findings} findings, {limits} \
             rules at the safety limit; as {} separate articles: {separate:.2} s; ratio \
             {:.2}; peak memory so far {:.0} MiB ({:.1} times the document)",
            size as f64 / 1e6,
            size as f64 / 1e6 / one.max(1e-9),
            parts.len(),
            one / separate.max(1e-9),
            peak / 1048576.0,
            peak / size as f64
        );
        timed.push((size as f64, one));
    }
    if let (Some(first), Some(last)) = (timed.first(), timed.last())
        && timed.len() > 1
    {
        println!(
            "time grows {:.1} times for {:.1} times the size",
            last.1 / first.1.max(1e-9),
            last.0 / first.0
        );
    }
}
