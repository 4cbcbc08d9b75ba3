use std::sync::OnceLock;

use super::*;
use crate::eval::engine::{EvalOptions, evaluate};
use crate::eval::predicates::DocumentView;
use crate::rules::RuleSet;
use crate::source::{Format, parse_document};

fn standard() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(|| crate::rules::standard().unwrap_or_else(|e| panic!("{e:?}")))
}

/// The standard rules' findings on `text`, as `factlint check` finds them.
fn check(text: &str) -> Vec<Finding> {
    check_with(standard(), text)
}

/// A rule that fires on every exact count, for many findings on real articles.
fn every_count() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(|| {
        let rules = "rule every-count {\n  severity warning\n  \
                     let q = quantity where dimension(count) and exact()\n  \
                     require q < 0\n  message \"{q}\"\n}\n";
        crate::rules::load_str("every-count.rules", rules).unwrap_or_else(|e| panic!("{e:?}"))
    })
}

fn check_with(rules: &RuleSet, text: &str) -> Vec<Finding> {
    let document = parse_document("a.txt".into(), text.as_bytes().to_vec(), Some(Format::Text))
        .unwrap_or_else(|e| panic!("{e}"));
    let extraction = crate::claims::extract(&document, None);
    let view = DocumentView::new(&document.text, document.prose(), &extraction.claims);
    let options = EvalOptions {
        date: extraction.date,
        ..EvalOptions::default()
    };
    evaluate(rules, &view, &options).findings
}

const ARTICLE: &str = "Europol coordinated the operation.\n\n\
    Europol said 1,027 individuals were arrested. 1,100 of the arrests involved human \
    trafficking.\n\n\
    Turnout reached 120% of the voters.\n";

fn baseline_of(path: &str, text: &str) -> Baseline {
    let mut baseline = Baseline::new();
    baseline.record(path, text, &check(text));
    baseline
}

#[test]
fn the_article_has_two_findings() {
    let rules: Vec<String> = check(ARTICLE).into_iter().map(|f| f.rule).collect();
    assert_eq!(rules, ["part-exceeds-whole", "percent-bounds"]);
}

#[test]
fn a_finding_moved_down_by_an_edit_above_stays_baselined() {
    let mut baseline = baseline_of("reports/a.txt", ARTICLE);
    let edited = ARTICLE.replace(
        "operation.\n\n",
        "operation.\n\nA new paragraph: police in 12 countries took part, \
         and 40 officers were involved.\n\n",
    );
    let findings = check(&edited);
    assert_eq!(findings.len(), 2);
    let (new, matched) = baseline.filter("./reports/a.txt", &edited, findings);
    assert_eq!((new.len(), matched), (0, 2));
    assert!(baseline.fixed().is_empty());
}

#[test]
fn a_changed_figure_is_a_new_finding() {
    let mut baseline = baseline_of("a.txt", ARTICLE);
    let edited = ARTICLE.replace("1,100 of", "1,200 of");
    let (new, matched) = baseline.filter("a.txt", &edited, check(&edited));
    assert_eq!(matched, 1);
    assert_eq!(new.len(), 1);
    assert_eq!(new[0].rule, "part-exceeds-whole");
    // Its old entry no longer matches anything.
    let fixed = baseline.fixed();
    assert_eq!(fixed.len(), 1);
    assert_eq!(fixed[0].rule, "part-exceeds-whole");
}

#[test]
fn a_removed_contradiction_counts_as_fixed() {
    let mut baseline = baseline_of("a.txt", ARTICLE);
    baseline.record("b.txt", ARTICLE, &check(ARTICLE));
    let edited = ARTICLE.replace("120%", "60%");
    let (new, matched) = baseline.filter("a.txt", &edited, check(&edited));
    assert_eq!((new.len(), matched), (0, 1));
    let fixed = baseline.fixed();
    assert_eq!(
        fixed.len(),
        1,
        "b.txt was not checked, so its entries are not fixed"
    );
    assert_eq!(
        (fixed[0].path.as_str(), fixed[0].rule.as_str()),
        ("a.txt", "percent-bounds")
    );
}

#[test]
fn two_identical_findings_are_both_tracked() {
    let once = "Turnout reached 120% of the voters.\n";
    let twice = format!("{once}\nIn the north, as before:\n\n{once}");
    let findings = check(&twice);
    assert_eq!(findings.len(), 2);
    let mut baseline = Baseline::new();
    baseline.record("a.txt", &twice, &findings);
    assert_eq!(baseline.len(), 2);
    let (new, matched) = baseline.filter("a.txt", &twice, findings);
    assert_eq!((new.len(), matched), (0, 2));
    // One copy removed: one finding still matches, one is fixed.
    let mut baseline =
        Baseline::from_json("b", &baseline.to_json()).unwrap_or_else(|e| panic!("{e}"));
    let (new, matched) = baseline.filter("a.txt", once, check(once));
    assert_eq!((new.len(), matched), (0, 1));
    assert_eq!(baseline.fixed().len(), 1);
}

#[test]
fn the_file_round_trips_and_reads_well() {
    let mut baseline = baseline_of("reports\\b.txt", ARTICLE);
    baseline.record("./reports/a.txt", ARTICLE, &check(ARTICLE));
    let json = baseline.to_json();
    insta::assert_snapshot!(json);
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let file = dir.path().join("baseline.json");
    baseline.write(&file).unwrap_or_else(|e| panic!("{e}"));
    let read = Baseline::read(&file).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(read.to_json(), json);
    assert_eq!(
        read.entries().collect::<Vec<_>>(),
        baseline.entries().collect::<Vec<_>>()
    );
}

#[test]
fn a_malformed_baseline_names_the_file_line_and_column() {
    let json = "{\n  \"version\": 1,\n  \"findings\": [\n    {\"path\": \"a.txt\",}\n  ]\n}\n";
    let err = Baseline::from_json("base.json", json).err();
    let Some(BaselineError::Invalid(invalid)) = &err else {
        panic!("{err:?}");
    };
    assert_eq!((invalid.line, invalid.column), (4, 22));
    let at = invalid.span.offset();
    assert_eq!(&json[at..at + 1], "}");
    let message = err.map(|e| e.to_string()).unwrap_or_default();
    assert_eq!(
        message,
        "base.json:4:22: invalid baseline: key must be a string"
    );

    let missing = "{\"version\": 1, \"findings\": [{\"path\": \"a.txt\"}]}";
    let err = Baseline::from_json("base.json", missing).err();
    let message = err.map(|e| e.to_string()).unwrap_or_default();
    assert!(message.starts_with("base.json:1:"), "{message}");
    assert!(message.contains("missing field `rule`"), "{message}");
}

#[test]
fn other_versions_and_missing_files_are_clear_errors() {
    let err = Baseline::from_json("base.json", "{\"version\": 2, \"findings\": \"?\"}").err();
    assert_eq!(
        err.map(|e| e.to_string()).unwrap_or_default(),
        "base.json: baseline version 2 is not supported (this factlint reads version 1)"
    );
    let err = Baseline::read(Path::new("no/such/baseline.json")).err();
    assert!(matches!(err, Some(BaselineError::Io { .. })), "{err:?}");
    let empty = Baseline::from_json("b", "{\"version\":1,\"findings\":[]}");
    assert!(empty.is_ok_and(|b| b.is_empty()));
}

#[test]
fn a_malformed_baseline_reads_well() {
    let json =
        "{\n  \"version\": 1,\n  \"findings\": [\n    {\"path\": \"a.txt\", \"rule\": 3}\n  ]\n}\n";
    let Err(err) = Baseline::from_json("factlint-baseline.json", json) else {
        panic!("a rule id is a string");
    };
    let mut out = String::new();
    let handler =
        miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::none()).with_width(80);
    handler
        .render_report(&mut out, &err)
        .unwrap_or_else(|e| panic!("{e}"));
    insta::assert_snapshot!(out);
}

/// Every finding on the real articles survives a paragraph without figures inserted after the
/// headline and the opening paragraph (which rules read together) and another in the middle,
/// at a blank line; so do the findings of a rule that fires on every count, many of them alike.
#[test]
fn corpus_findings_survive_inserted_paragraphs() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/dev");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("skipped: ../shared/corpus/dev is absent");
        return;
    };
    let note = "An editor's note was added here, and it names no figure at all.\n\n";
    let (mut files, mut seen, mut alike) = (0, 0, 0);
    for entry in entries.flatten() {
        let Ok(text) = std::fs::read_to_string(entry.path()) else {
            continue;
        };
        let path = format!("corpus/{}", entry.file_name().to_string_lossy());
        let paragraph_end = |from: usize| text[from..].find("\n\n").map(|i| from + i + 2);
        let opening = paragraph_end(0).and_then(paragraph_end).unwrap_or(0);
        let middle = text[..text.len() / 2]
            .rfind("\n\n")
            .map_or(opening, |i| (i + 2).max(opening));
        let edited = format!(
            "{}{note}{}{note}{}",
            &text[..opening],
            &text[opening..middle],
            &text[middle..]
        );
        for rules in [standard(), every_count()] {
            let findings = check_with(rules, &text);
            let mut baseline = Baseline::new();
            baseline.record(&path, &text, &findings);
            let after = check_with(rules, &edited);
            assert_eq!(
                after.len(),
                findings.len(),
                "{path}: the note changed the findings"
            );
            let (new, matched) = baseline.filter(&path, &edited, after);
            assert!(new.is_empty(), "{path}: {new:?}");
            assert_eq!(matched, findings.len());
            assert!(baseline.fixed().is_empty());
            seen += findings.len();
            let distinct: std::collections::BTreeSet<_> = findings
                .iter()
                .map(|f| (&f.rule, f.labels.first().map(|l| &text[l.start..l.end])))
                .collect();
            alike += findings.len() - distinct.len();
        }
        files += 1;
    }
    eprintln!(
        "{files} articles, {seen} findings ({alike} with the words of another), all still baselined"
    );
    assert!(files > 0);
}
