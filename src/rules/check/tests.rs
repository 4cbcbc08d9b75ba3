use crate::rules::checked::{Checked, Expect, KbKind, Type};
use crate::rules::types::{ClaimType, Dim};
use crate::rules::{RuleSet, load_str};

fn ok(src: &str) -> RuleSet {
    match load_str("test.rules", src) {
        Ok(set) => set,
        Err(e) => panic!(
            "{:#?}",
            e.errors
                .iter()
                .map(|e| e.problem().to_string())
                .collect::<Vec<_>>()
        ),
    }
}

/// The problems' messages.
fn problems(src: &str) -> Vec<String> {
    match load_str("test.rules", src) {
        Ok(_) => Vec::new(),
        Err(e) => e.iter().map(|e| e.problem().to_string()).collect(),
    }
}

fn rule(body: &str) -> String {
    format!("rule r {{\n{body}\n}}\n")
}

#[test]
fn the_sketch_checks() {
    let set = ok(include_str!("../../../fixtures/rules/valid/sketch.rules"));
    assert_eq!(set.rules.len(), 3);
    assert_eq!(set.tests.len(), 2);
    let kb = |name: &str| set.kb.iter().find(|e| e.name == name).expect(name);
    let eu = kb("eu_members");
    assert_eq!(eu.kind, KbKind::Table);
    assert_eq!(
        set.file(eu.origin.file).name,
        "rules/kb/memberships.toml",
        "embedded"
    );
    assert!(set.kb.iter().any(|e| e.name == "nato_members"));
    let r = &set.rules[0];
    assert_eq!(set.location(r.origin).1, 7, "the rule's line");
    assert_eq!(r.tolerance, 0.05);
    assert_eq!(r.bindings.len(), 3);
    assert_eq!(r.requirements[0].ty, Type::Bool);
    let Checked::Compare { lhs, .. } = &r.requirements[0].node else {
        panic!()
    };
    assert!(
        matches!(lhs.node, Checked::Value(_)),
        "a claim in a comparison is its value"
    );
    assert!(matches!(set.tests[1].expect, Expect::Nothing));
    let Expect::Findings(f) = &set.tests[0].expect else {
        panic!()
    };
    assert_eq!(f[0].at.map(|s| s.start), Some(14));
}

#[test]
fn dimension_filters_type_the_binding() {
    let set = ok(&rule(
        "  let w = quantity of heroin where dimension(mass) and near(\"seized\")\n  require w < 2 t",
    ));
    assert_eq!(
        set.rules[0].bindings[0].ty,
        Type::Claim(ClaimType::Quantity(Dim::known("mass", None)))
    );
    let p = problems(&rule(
        "  let w = quantity where dimension(mass)\n  require w < 2",
    ));
    assert_eq!(p, ["`<` on a mass and a count"]);
    let p = problems(&rule(
        "  let w = quantity where currency(EUR)\n  require w > 2 bn USD",
    ));
    assert_eq!(p, ["`>` on money in EUR and money in USD"]);
}

#[test]
fn type_errors_are_found_before_any_document() {
    let kb = "table t {\n  \"a\" from 2000-01-01\n}\n";
    let cases = [
        (
            "  let m = quantity\n  require m == kb.t at document.date",
            "expected a number, like the left side, found a set of texts",
        ),
        (
            "  require 2014-01-01 + 1 < 2015-01-01",
            "arithmetic on dates: `+`",
        ),
        ("  require 1 t * 2 m > 0 t", "`*` on a mass and a length"),
        (
            "  require 2 bn EUR < 3 bn USD",
            "`<` on money in EUR and money in USD",
        ),
        (
            "  require count(kb.t) > 1",
            "`kb.t` changes over time: say when",
        ),
        (
            "  let l = list\n  require l > 3",
            "expected a set of texts, like the left side, found a count",
        ),
        ("  require 5", "expected a condition, found a count"),
        ("  require /a(/ == /b/", "invalid pattern: unclosed group"),
    ];
    for (body, expected) in cases {
        assert_eq!(
            problems(&format!("{kb}{}", rule(body))),
            [expected],
            "{body}"
        );
    }
}

#[test]
fn names_resolve_with_suggestions() {
    let p = problems(&rule("  let total = quantity\n  require totl > 1"));
    assert_eq!(p, ["unknown name `totl`"]);
    let p = problems(&rule(
        "  let a = quantity where after(b)\n  let b = quantity\n  require a > b",
    ));
    assert_eq!(p, ["`b` is bound after this condition"]);
    let p = problems(&rule("  let a = quantity\n  require cuont(a) > 1"));
    assert_eq!(p, ["unknown function `cuont`"]);
    let p = problems("concept a = b | \"x\"\nconcept b = a\n");
    assert_eq!(p, ["concept cycle: a → b → a"]);
    let p = problems(&format!(
        "{}{}",
        rule("  require 1 == 1"),
        rule("  require 2 == 2")
    ));
    assert_eq!(p, ["rule `r` is defined twice"]);
}

#[test]
fn concepts_flatten_through_other_concepts() {
    let set =
        ok("concept opiates = \"heroin\" | \"opium\"\nconcept drugs = \"cocaine\" | opiates\n");
    assert_eq!(set.concepts[1].words, ["cocaine", "heroin", "opium"]);
}

#[test]
fn knowledge_base_periods_must_not_overlap() {
    let p = problems("fact n {\n  28 from 2013-07-01 until 2020-01-31\n  27 from 2020-01-31\n}\n");
    assert_eq!(p, ["two values of `n` hold at the same time"]);
    let p = problems("fact n {\n  1 from 2020-01-01 until 2019-01-01\n}\n");
    assert_eq!(p, ["this period ends before it starts"]);
}

#[test]
fn tests_are_checked() {
    let p = problems(&format!(
        "{}test \"t\" {{\n  text \"a b\"\n  expect r at \"c\"\n  expect q\n}}\n",
        rule("  require 1 == 1")
    ));
    assert_eq!(
        p,
        ["unknown rule `q`", "the test's text does not contain \"c\""]
    );
}

#[test]
fn filters_stay_in_where() {
    let p = problems(&rule("  let a = quantity\n  require near(\"x\")"));
    assert_eq!(
        p,
        ["`near` filters a binding's claims and belongs in its `where`"]
    );
    let p = problems(&rule(
        "  let a = list where scope(\"EU\")\n  require count(a) > 1",
    ));
    assert_eq!(
        p,
        ["expected a binding of quantity claims, found a binding of list claims"]
    );
}

#[test]
fn a_tolerance_is_stated_by_the_rule_or_its_file() {
    let stated = |src: &str| {
        let r = &ok(src).rules[0];
        (r.tolerance, r.tolerance_stated)
    };
    assert_eq!(stated(&rule("require 1 ~= 1")), (0.0, false));
    assert_eq!(stated(&rule("tolerance 2 %\nrequire 1 ~= 1")), (0.02, true));
    let in_file = format!("tolerance 5 %\n{}", rule("require 1 ~= 1"));
    assert_eq!(stated(&in_file), (0.05, true));
}
