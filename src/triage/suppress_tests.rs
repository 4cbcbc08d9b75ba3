use proptest::prelude::*;

use super::*;

fn rules() -> RuleIds {
    RuleIds::new(["part-exceeds-whole", "list-count", "percent-bounds"])
}

/// A finding of `rule` whose primary label covers the first `words` in `text`.
fn at(text: &str, rule: &str, words: &str) -> Finding {
    let start = text
        .find(words)
        .unwrap_or_else(|| panic!("{words:?} in the text"));
    Finding::fired(rule, start, start + words.len())
}

fn kept(findings: &[Finding]) -> Vec<(&str, usize)> {
    findings
        .iter()
        .map(|f| (f.rule.as_str(), f.labels[0].start))
        .collect()
}

#[test]
fn next_line_silences_the_named_rule_on_the_next_line_with_text() {
    let text = "Intro 12.\n\n<!-- factlint-disable-next-line part-exceeds-whole -->\n\n\
                Police made 1,027 arrests; 1,100 were in Malta.\nLater 1,100 again.\n";
    let mut s = Suppressions::parse(text, Format::Markdown, &rules());
    let findings = vec![
        at(text, "part-exceeds-whole", "1,027"),
        at(text, "list-count", "1,027"),
        at(text, "part-exceeds-whole", "Later"),
        at(text, "part-exceeds-whole", "12."),
    ];
    let rest = s.apply(findings.clone());
    assert_eq!(
        kept(&rest),
        kept(&[
            findings[1].clone(),
            findings[2].clone(),
            findings[3].clone()
        ])
    );
    assert!(s.unused().is_empty());
    assert!(s.invalid().is_empty());
}

#[test]
fn stacked_directives_reach_past_each_other() {
    let text = "<p>x</p>\n<!-- factlint-disable-next-line list-count -->\n\
                <!-- factlint-disable-next-line percent-bounds --> <!-- factlint-disable-next-line part-exceeds-whole -->\n\
                <p>It rose 120% to 35 countries.</p>\n";
    let mut s = Suppressions::parse(text, Format::Html, &rules());
    let findings = vec![
        at(text, "percent-bounds", "120%"),
        at(text, "list-count", "35 countries"),
        at(text, "part-exceeds-whole", "It rose"),
    ];
    assert!(s.apply(findings).is_empty());
    assert!(s.unused().is_empty());
}

#[test]
fn a_directive_naming_no_rule_silences_every_rule_on_its_line() {
    let text = "It rose 120% to 35 countries. <!-- factlint-disable-line -- checked by hand -->\n\
                Then 5 more.\n";
    let mut s = Suppressions::parse(text, Format::Markdown, &rules());
    let findings = vec![
        at(text, "percent-bounds", "120%"),
        at(text, "list-count", "35"),
        at(text, "list-count", "5 more"),
    ];
    let then = text.find("5 more").unwrap_or_default();
    assert_eq!(kept(&s.apply(findings)), [("list-count", then)]);
    assert!(s.unused().is_empty());
}

#[test]
fn plain_text_ignore_silences_its_own_line_only() {
    let text = "Police made 1,027 arrests. factlint: ignore part-exceeds-whole, list-count\n\
                Of these, 1,100 were in Malta.\n";
    let mut s = Suppressions::parse(text, Format::Text, &rules());
    let findings = vec![
        at(text, "part-exceeds-whole", "1,027"),
        at(text, "part-exceeds-whole", "1,100"),
    ];
    let of_these = text.find("1,100").unwrap_or_default();
    assert_eq!(kept(&s.apply(findings)), [("part-exceeds-whole", of_these)]);
    let unused = s.unused();
    assert_eq!(unused.len(), 1);
    assert_eq!(unused[0].rule.as_deref(), Some("list-count"));
    assert_eq!((unused[0].line, unused[0].column), (1, 65));
    assert_eq!(&text[unused[0].start..unused[0].end], "list-count");
    assert_eq!(unused[0].target_line, Some(1));
}

#[test]
fn the_primary_label_decides_the_line() {
    let text = "A 5.\nB 6. factlint: ignore list-count\n";
    let mut s = Suppressions::parse(text, Format::Text, &rules());
    let mut finding = at(text, "list-count", "5.");
    finding
        .labels
        .push(at(text, "list-count", "6.").labels[0].clone());
    let unlabelled = Finding {
        labels: Vec::new(),
        ..finding.clone()
    };
    let rest = s.apply(vec![finding, unlabelled]);
    assert_eq!(rest.len(), 2, "neither starts on line 2");
    assert_eq!(s.unused().len(), 1);
}

#[test]
fn unused_directives_are_reported_with_their_place() {
    let text = "<!-- factlint-disable-next-line -->\nText 5.\n\n\
                Text 6. <!-- factlint-disable-line list-count, list-count -->\n\
                <!-- factlint-disable-next-line percent-bounds -->\n\n";
    let mut s = Suppressions::parse(text, Format::Markdown, &rules());
    let rest = s.apply(vec![at(text, "list-count", "6.")]);
    assert!(rest.is_empty());
    let unused = s.unused();
    let unused: Vec<(Option<&str>, usize, usize, Option<usize>)> = unused
        .iter()
        .map(|u| (u.rule.as_deref(), u.line, u.column, u.target_line))
        .collect();
    // Both `list-count`s name the rule of the finding on their line, so both are used.
    assert_eq!(
        unused,
        [(None, 1, 1, Some(2)), (Some("percent-bounds"), 5, 33, None)]
    );
}

#[test]
fn unknown_rule_ids_are_invalid_not_unused() {
    let text = "Text 5. factlint: ignore list-cuont, no-such-rule\n";
    let s = Suppressions::parse(text, Format::Text, &rules());
    let invalid = s.invalid();
    assert_eq!(invalid.len(), 2);
    assert_eq!(invalid[0].rule, "list-cuont");
    assert_eq!(invalid[0].suggestion.as_deref(), Some("list-count"));
    assert_eq!((invalid[0].line, invalid[0].column), (1, 26));
    assert_eq!(invalid[1].suggestion, None);
    assert!(s.unused().is_empty());
    // An unknown id does not make the directive silence every rule.
    let mut s = s;
    assert_eq!(s.apply(vec![at(text, "list-count", "5.")]).len(), 1);
}

#[test]
fn pseudo_findings_read_well() {
    let text = "Police made 1,027 arrests. factlint: ignore list-cuont\n\n\
                It rose 120%. factlint: ignore percent-bounds\n";
    let s = Suppressions::parse(text, Format::Text, &rules());
    let mut findings: Vec<Finding> = s.invalid().iter().map(|i| i.to_finding()).collect();
    findings.extend(s.unused().iter().map(|u| u.to_finding()));
    let style = crate::report::findings::Style {
        color: false,
        unicode: false,
        width: 80,
    };
    let out = crate::report::findings::render_human("a.txt", text, &findings, style);
    insta::assert_snapshot!(out);
}

#[test]
fn documents_without_directives_cost_nothing() {
    let mut s = Suppressions::parse("Police made 1,027 arrests.\n", Format::Text, &rules());
    assert!(s.is_empty());
    let finding = at("Police made 1,027 arrests.", "list-count", "1,027");
    assert_eq!(s.apply(vec![finding.clone()]), vec![finding]);
}

fn format() -> impl Strategy<Value = Format> {
    prop_oneof![
        Just(Format::Text),
        Just(Format::Markdown),
        Just(Format::Html)
    ]
}

/// Text made of directive pieces, markup and odd characters, so that directives occur.
fn document() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("<!-- factlint-disable-next-line ".to_string()),
        Just("<!-- factlint-disable-line".to_string()),
        Just("factlint: ignore ".to_string()),
        Just(" -->".to_string()),
        Just("list-count".to_string()),
        Just(", ".to_string()),
        Just(" -- ".to_string()),
        Just("\n".to_string()),
        Just("\r\n".to_string()),
        Just("```\n".to_string()),
        Just("<script>".to_string()),
        Just("\u{feff}".to_string()),
        "[a-zé€ <>!`\t-]{0,6}",
    ];
    proptest::collection::vec(piece, 0..40).prop_map(|p| p.concat())
}

proptest! {
    #[test]
    fn parsing_never_panics_and_spans_stay_in_bounds(
        text in prop_oneof![document(), any::<String>()],
        format in format(),
        offsets in proptest::collection::vec(0usize..400, 0..6),
    ) {
        let mut s = Suppressions::parse(&text, format, &rules());
        for d in &s.directives {
            prop_assert!(text.get(d.span.clone()).is_some());
            for n in &d.rules {
                prop_assert!(text.get(n.span.clone()).is_some());
                prop_assert!(!n.id.is_empty());
            }
        }
        // Each next-line target is the first later line with text that is not only directives.
        let found = directives::find(&text, format);
        let only = directive_only_lines(&text, &s.lines, &found);
        for (d, f) in s.directives.iter().zip(&found) {
            let expected = match f.reach {
                Reach::Line => Some(d.line - 1),
                Reach::NextLine => (d.line..s.lines.len()).find(|&l| {
                    !s.lines.line(&text, l).trim().is_empty() && !only.contains(&l)
                }),
            };
            prop_assert_eq!(d.target, expected);
        }
        let findings: Vec<Finding> = offsets
            .iter()
            .map(|&o| Finding {
                rule: "list-count".into(),
                severity: Severity::Error,
                message: String::new(),
                labels: vec![Label { start: o, end: o + 3, label: String::new() }],
                help: None,
                origin: None,
            })
            .collect();
        let n = findings.len();
        prop_assert!(s.apply(findings).len() <= n);
        for u in s.unused() {
            prop_assert!(text.get(u.start..u.end).is_some());
            prop_assert!(u.line >= 1 && u.column >= 1);
        }
        for i in s.invalid() {
            prop_assert!(text.get(i.start..i.end).is_some());
        }
    }
}
