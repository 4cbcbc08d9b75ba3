//! Claims of whole articles through the real binary: the shared seed article (when present)
//! and our own fixture article with the same phenomena.

mod common;

use common::*;
use serde_json::Value;

fn assert_quantity(
    q: &Value,
    value: (f64, f64),
    subject: Option<&str>,
    predicate: Option<&str>,
    scope: &[&str],
) {
    assert_eq!(lo_hi(q), value, "value of {q}");
    assert_eq!(q["subject"].as_str(), subject, "subject of {q}");
    assert_eq!(q["predicate"].as_str(), predicate, "predicate of {q}");
    let got: Vec<&str> = q["scope"]
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    assert_eq!(got, scope, "scope of {q}");
}

fn list_canonicals(list: &Value) -> Vec<String> {
    list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["canonical"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn seed_article_claims() {
    let Some(seed) = seed() else {
        eprintln!("skipped: ../shared/seeds is absent");
        return;
    };
    let report = claims_json(&seed);
    assert_eq!(report["files"][0]["date"], "2014");
    let claims = only_file_claims(&report);

    assert_quantity(
        quantity(&claims, "34"),
        (34.0, 34.0),
        Some("country"),
        None,
        &[],
    );
    let arrested = quantities(&claims, "1,027");
    assert_eq!(arrested.len(), 2);
    for q in arrested {
        assert_quantity(q, (1027.0, 1027.0), Some("individual"), Some("arrest"), &[]);
    }
    assert_quantity(
        quantity(&claims, "Five"),
        (5.0, 5.0),
        Some("individual"),
        Some("arrest"),
        &["Malta"],
    );

    let heroin = quantity(&claims, "1.3 kilograms");
    assert_quantity(
        heroin,
        (1.25, 1.35),
        Some("heroin"),
        Some("confiscate"),
        &["Malta"],
    );
    assert_eq!(heroin["unit"]["dimension"], "mass");
    assert_eq!(heroin["unit"]["factor"], 1.0);
    let cannabis = quantity(&claims, "1kilograms");
    assert_quantity(
        cannabis,
        (1.0, 1.0),
        Some("cannabis"),
        Some("confiscate"),
        &["Malta"],
    );

    for (text, value) in [("Ninety", 90.0), ("170", 170.0)] {
        let q = quantity(&claims, text);
        assert_quantity(q, (value, value), Some("arrest"), Some("involve"), &[]);
        assert_eq!(q["part_of"], "arrest");
    }
    let over = quantity(&claims, "over 1,000");
    assert_eq!(over["approx"], "over");
    assert_eq!(over["value"]["lo"], 1000.0);
    assert_eq!(over["value"]["hi"], Value::Null);
    assert_eq!(over["value"]["lo_open"], true);
    assert_eq!(over["subject"], "arrest");

    assert_quantity(
        quantity(&claims, "28"),
        (28.0, 28.0),
        Some("member state"),
        None,
        &["European Union"],
    );

    let lists: Vec<&Value> = claims
        .iter()
        .filter(|c| c["kind"] == "list" && c["intro"] == "as well as")
        .collect();
    assert_eq!(lists.len(), 1);
    assert_eq!(
        list_canonicals(lists[0]),
        [
            "Australia",
            "Colombia",
            "Norway",
            "Serbia",
            "Switzerland",
            "United States"
        ]
    );
    assert!(
        lists[0]["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|i| i["class"] == "country")
    );
    assert_eq!(lists[0]["items"][5]["text"], "the USA");

    assert_quantity(
        quantity(&claims, "599 kg"),
        (599.0, 599.0),
        Some("cocaine"),
        Some("seize"),
        &[],
    );
    assert_quantity(
        quantity(&claims, "200 kg"),
        (200.0, 200.0),
        Some("heroin"),
        Some("seize"),
        &[],
    );
    let tonnes = quantity(&claims, "1.3 tonnes");
    assert_quantity(tonnes, (1.25, 1.35), Some("cannabis"), Some("seize"), &[]);
    assert_eq!(tonnes["unit"]["factor"], 1000.0);
    assert_quantity(
        quantity(&claims, "30"),
        (30.0, 30.0),
        Some("child"),
        Some("save"),
        &["Romania"],
    );

    let period = claims
        .iter()
        .find(|c| c["kind"] == "period" && c["text"] == "between September 15 and 23")
        .expect("the period of joint action");
    assert_eq!(
        (period["from"].as_str(), period["until"].as_str()),
        (Some("2014-09-15"), Some("2014-09-23"))
    );
    assert_eq!(period["text"], "between September 15 and 23");

    let year = claims.iter().find(|c| c["text"] == "2014").expect("2014");
    assert_eq!(year["kind"], "date");

    let text = std::fs::read_to_string(&seed).unwrap();
    let newsletter = text.find("Sign up to our free newsletters").unwrap();
    assert!(
        claims
            .iter()
            .all(|c| c["start"].as_u64().unwrap() < newsletter as u64),
        "a claim from the newsletter block"
    );
    // Offsets point at the original bytes.
    for c in &claims {
        let (s, e) = (
            c["start"].as_u64().unwrap() as usize,
            c["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[s..e], c["text"].as_str().unwrap());
    }
}

#[test]
fn fixture_article_claims() {
    let path = root().join("fixtures/articles/harbour-operation.txt");
    let report = claims_json(&path);
    assert_eq!(report["files"][0]["date"], "2015");
    let claims = only_file_claims(&report);

    assert_quantity(
        quantity(&claims, "31"),
        (31.0, 31.0),
        Some("country"),
        None,
        &[],
    );
    for q in quantities(&claims, "842") {
        assert_quantity(q, (842.0, 842.0), Some("person"), Some("detain"), &[]);
    }
    assert_quantity(
        quantity(&claims, "Twelve"),
        (12.0, 12.0),
        Some("person"),
        Some("detain"),
        &["Cyprus"],
    );
    assert_quantity(
        quantity(&claims, "2.4 kilograms"),
        (2.35, 2.45),
        Some("cocaine"),
        Some("seize"),
        &["Cyprus"],
    );
    assert_quantity(
        quantity(&claims, "3kilograms"),
        (3.0, 3.0),
        Some("khat"),
        Some("seize"),
        &["Cyprus"],
    );
    for (text, value) in [("Sixty", 60.0), ("115", 115.0)] {
        let q = quantity(&claims, text);
        assert_quantity(q, (value, value), Some("detention"), Some("concern"), &[]);
        assert_eq!(q["part_of"], "detention");
    }
    let over = quantity(&claims, "more than 800");
    assert_eq!(
        (over["approx"].as_str(), over["subject"].as_str()),
        (Some("over"), Some("person"))
    );
    assert_quantity(
        quantity(&claims, "28"),
        (28.0, 28.0),
        Some("member state"),
        None,
        &["European Union"],
    );
    let list = claims.iter().find(|c| c["kind"] == "list").expect("a list");
    assert_eq!(list_canonicals(list), ["Norway", "Iceland", "Turkey"]);
    assert_eq!(list["intro"], "as well as");
    let period = claims
        .iter()
        .find(|c| c["kind"] == "period" && c["text"] == "between March 3 and 9")
        .expect("a period");
    assert_eq!(
        (period["from"].as_str(), period["until"].as_str()),
        (Some("2015-03-03"), Some("2015-03-09"))
    );
    assert_quantity(
        quantity(&claims, "410 kg"),
        (410.0, 410.0),
        Some("cocaine"),
        Some("seize"),
        &[],
    );
    assert_quantity(
        quantity(&claims, "2.1 tonnes"),
        (2.05, 2.15),
        Some("cannabis resin"),
        Some("seize"),
        &[],
    );
    assert_quantity(
        quantity(&claims, "Forty"),
        (40.0, 40.0),
        Some("woman"),
        Some("help"),
        &["Moldova"],
    );
    let text = std::fs::read_to_string(&path).unwrap();
    let newsletter = text.find("Sign up to our weekly newsletter").unwrap();
    assert!(
        claims
            .iter()
            .all(|c| c["start"].as_u64().unwrap() < newsletter as u64)
    );
}

#[test]
fn every_corpus_article_is_read_without_a_panic() {
    let Some(corpus) = corpus() else {
        eprintln!("skipped: ../shared/corpus is absent");
        return;
    };
    let out = run(&["claims", "--format", "jsonl", &corpus.display().to_string()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let files = std::fs::read_dir(&corpus)
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .is_ok_and(|e| e.path().extension().is_some_and(|x| x == "txt"))
        })
        .count();
    let lines = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .filter(|l| l.contains("\"claims\""))
        .count();
    assert_eq!(lines, files);
    let out = run(&["check", "--format", "json", &corpus.display().to_string()]);
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
