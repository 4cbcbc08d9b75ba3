//! Planned joins change the work, never the result: the planned evaluator gives the findings of
//! the unplanned one (every claim of a pool tried against every earlier binding) on every
//! fixture with the standard rules, and on random documents with random rules.

use std::path::Path;

use factlint::claims::extract_text;
use factlint::eval::engine::{EvalOptions, evaluate};
use factlint::eval::finding::Finding;
use factlint::eval::predicates::DocumentView;
use factlint::rules::RuleSet;
use proptest::prelude::*;

/// What a reader sees of a finding: rule, severity, message and the words it points at.
fn seen(findings: &[Finding]) -> Vec<String> {
    findings
        .iter()
        .map(|f| {
            let spans: Vec<String> = f
                .labels
                .iter()
                .map(|l| format!("{}..{} {}", l.start, l.end, l.label))
                .collect();
            format!(
                "{} {:?} {} [{}]",
                f.rule,
                f.severity,
                f.message,
                spans.join("; ")
            )
        })
        .collect()
}

fn both(rules: &RuleSet, text: &str) -> (Vec<String>, Vec<String>) {
    let claims = extract_text(text, text, None).claims;
    let view = DocumentView::new(text, text, &claims);
    let run = |planned: bool| {
        // Every document planned, however short, so that the plan is what is tested.
        let options = EvalOptions {
            planned,
            plan_min_claims: 0,
            ..EvalOptions::default()
        };
        seen(&evaluate(rules, &view, &options).findings)
    };
    (run(true), run(false))
}

fn texts_under(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            texts_under(&path, out);
        } else if path.extension().is_some_and(|e| e == "txt" || e == "md") {
            out.push(path);
        }
    }
}

#[test]
fn the_standard_rules_find_the_same_with_and_without_a_plan_on_every_fixture() {
    let rules = factlint::rules::standard().expect("the standard rules check");
    let mut files = Vec::new();
    texts_under(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures")
            .as_path(),
        &mut files,
    );
    assert!(files.len() > 10, "the fixtures are where they were");
    for file in files {
        let Ok(text) = std::fs::read_to_string(&file) else {
            continue;
        };
        let (planned, naive) = both(&rules, &text);
        assert_eq!(planned, naive, "{}", file.display());
    }
}

/// Sentences with figures of the kinds the rules join on: subjects, verbs, places, money with
/// conversions, shares, counts of lists, restatements, headings between them.
const SENTENCES: &[&str] = &[
    "Police arrested {n} people in Paris.",
    "Police arrested {n} people.",
    "Of the arrests, {n} were in Malta.",
    "The firm made $ {n} m (£ {n} m) last year.",
    "The deal is worth ${n}bn (£{n}bn).",
    "Sales rose {n}% to £{n}m from £{n}m.",
    "{n} of the suspects were charged.",
    "Labour won {n}% of the vote, the Tories {n}% and the Liberals {n}%.",
    "The three countries are France, Spain and Italy.",
    "About {n} people attended.",
    "More than {n} people attended the rally in London.",
    "Europol said {n} individuals were arrested.",
    "The walk is {n} miles ({n} km) long.",
    "The phone costs £{n} in the UK (about {n} euros).",
    "The company employs {n} staff.",
    "It has {n} stores, {n} of them in France.",
];
const HEADINGS: &[&str] = &["Results", "2. Costs", "Annual report"];

fn document() -> impl Strategy<Value = String> {
    let sentence = (0..SENTENCES.len(), prop::collection::vec(1u32..2000, 3));
    let block = (prop::collection::vec(sentence, 1..4), 0..HEADINGS.len() * 3);
    prop::collection::vec(block, 1..6).prop_map(|blocks| {
        let mut text = String::from("Police arrested 1,027 people\n\n");
        for (sentences, heading) in blocks {
            if let Some(h) = HEADINGS.get(heading) {
                text.push_str(h);
                text.push_str("\n\n");
            }
            for (k, numbers) in sentences {
                let mut s = SENTENCES[k].to_string();
                for n in numbers {
                    s = s.replacen("{n}", &n.to_string(), 1);
                }
                text.push_str(&s);
                text.push(' ');
            }
            text.push_str("\n\n");
        }
        text
    })
}

/// Conditions that tie binding `b` to binding `a`, of every kind the planner reads, and some it
/// does not.
const JOINS: &[&str] = &[
    "same_sentence(a)",
    "same_paragraph(a)",
    "same_section(a)",
    "close(a, 1)",
    "after(a)",
    "before(a)",
    "b.subject == a.subject",
    "b.currency == a.currency",
    "b.thing == a.thing",
    "b.predicate == a.subject",
    "b.thing == a.owner",
    "same_frame(a, b)",
    "restates(a, b)",
    "headline(a, b)",
    "converts(a, b)",
    "same_context(a, b)",
    "not same_sentence(a)",
    "exact()",
    "dimension(money)",
];
const REQUIREMENTS: &[&str] = &["a ~= b", "a <= b", "a == b", "a + b > a"];

/// A filter of one to three of the joins, with `and` and `or`; `rename` turns the joins
/// between `a` and `b` into joins between `b` and `c`.
fn filter(parts: &[(usize, bool)], rename: bool) -> String {
    let mut filter = String::new();
    for (k, (join, or)) in parts.iter().enumerate() {
        if k > 0 {
            filter.push_str(if *or { " or " } else { " and " });
        }
        let mut join = JOINS[*join].to_string();
        if rename {
            join = join
                .replace("b.", "c.")
                .replace(", b)", ", c)")
                .replace("(a", "(b")
                .replace("a.", "b.");
        }
        filter.push_str(&join);
    }
    filter
}

/// Two bindings, or three: the third a single claim or an `all` set tied to the second; or the
/// second an `all` set that the third is tied to.
fn rule() -> impl Strategy<Value = String> {
    let condition = || prop::collection::vec((0..JOINS.len(), any::<bool>()), 1..4);
    (
        condition(),
        condition(),
        0..REQUIREMENTS.len(),
        any::<bool>(),
        0..4usize,
    )
        .prop_map(|(first, second, req, first_exact, third)| {
            let a = if first_exact {
                "quantity where exact()"
            } else {
                "quantity"
            };
            let b = filter(&first, false);
            let (c, require) = match third {
                1 => (
                    format!("  let c = quantity where {}\n", filter(&second, true)),
                    format!("{} and a <= c", REQUIREMENTS[req]),
                ),
                2 => (
                    format!("  let c = all quantity where {}\n", filter(&second, true)),
                    format!("{} or count(c) > 1", REQUIREMENTS[req]),
                ),
                3 => {
                    // `b` a set, which a condition of the third binding names: no plan may
                    // shrink it.
                    let c = filter(&second, false).replace("b.", "c.").replace(", b)", ", c)");
                    let c = format!("count(b) > 1 and ({c})");
                    return format!(
                        "rule r {{\n  let a = {a}\n  let b = all quantity where {b}\n  \
                         let c = quantity where {c}\n  require count(b) < 3 or a ~= c\n}}\n"
                    );
                }
                _ => (String::new(), REQUIREMENTS[req].to_string()),
            };
            format!("rule r {{\n  let a = {a}\n  let b = quantity where {b}\n{c}  require {require}\n}}\n")
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn random_rules_find_the_same_with_and_without_a_plan(text in document(), rule in rule()) {
        let rules = factlint::rules::load_str("r.rules", &rule).expect("the generated rule checks");
        let (planned, naive) = both(&rules, &text);
        prop_assert_eq!(planned, naive, "rule:\n{}\ntext:\n{}", rule, text);
    }
}
