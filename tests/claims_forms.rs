//! Every number form, hedge, unit and non-quantity of the extractor, on fixture documents,
//! through the real binary.

mod common;

use common::*;
use serde_json::Value;

fn claims_of(rel: &str) -> Vec<Value> {
    only_file_claims(&claims_json(&root().join("fixtures").join(rel)))
}

const INF: f64 = f64::INFINITY;

#[test]
fn number_forms() {
    let claims = claims_of("claims/number-forms.txt");
    // text, lo, hi, dimension, symbol
    let expected: &[(&str, f64, f64, &str, &str)] = &[
        ("1,027", 1027.0, 1027.0, "count", ""),
        ("1.3 tonnes", 1.25, 1.35, "mass", "t"),
        ("1kilograms", 1.0, 1.0, "mass", "kg"),
        ("Ninety", 90.0, 90.0, "count", ""),
        ("Thirty-four", 34.0, 34.0, "count", ""),
        ("One hundred and twenty", 120.0, 120.0, "count", ""),
        ("1.3 million", 1.25, 1.35, "count", "million"),
        ("€2.5bn", 2.45, 2.55, "money", "EUR bn"),
        ("£300,000", 300_000.0, 300_000.0, "money", "GBP"),
        ("$1.2 trillion", 1.15, 1.25, "money", "USD tn"),
        ("a dozen", 12.0, 12.0, "count", ""),
        ("Half", 0.5, 0.5, "percent", "fraction"),
        ("12%", 12.0, 12.0, "percent", "%"),
        ("12 per cent", 12.0, 12.0, "percent", "%"),
        (
            "3.5 percentage points",
            3.45,
            3.55,
            "percentage_point",
            "pp",
        ),
        ("between 10 and 20", 10.0, 20.0, "count", ""),
        ("10-20", 10.0, 20.0, "count", ""),
        ("2.5bn euros", 2.45, 2.55, "money", "EUR bn"),
        // A share after a name is a figure, not a model number.
        ("33%", 33.0, 33.0, "percent", "%"),
        ("22%", 22.0, 22.0, "percent", "%"),
    ];
    for &(text, lo, hi, dimension, symbol) in expected {
        let q = quantity(&claims, text);
        assert_eq!(lo_hi(q), (lo, hi), "{text}");
        assert_eq!(q["unit"]["dimension"], dimension, "{text}");
        assert_eq!(q["unit"]["symbol"], symbol, "{text}");
    }
    let thirds = quantity(&claims, "Two-thirds");
    assert!((lo_hi(thirds).0 - 2.0 / 3.0).abs() < 1e-9);
    assert_eq!(thirds["part_of"], "member");
    assert_eq!(quantity(&claims, "€2.5bn")["unit"]["factor"], 1e9);
    assert_eq!(quantity(&claims, "€2.5bn")["unit"]["currency"], "EUR");
    assert_eq!(quantity(&claims, "1.3 million")["unit"]["factor"], 1e6);
    assert_eq!(quantity(&claims, "Half")["part_of"], "budget");
}

#[test]
fn approximations() {
    let claims = claims_of("claims/approximations.txt");
    let expected: &[(&str, &str, f64, f64)] = &[
        ("Over 1,000", "over", 1000.0, INF),
        ("More than 500", "over", 500.0, INF),
        ("above 300", "over", 300.0, INF),
        ("At least 40", "at_least", 40.0, INF),
        ("Under 200", "under", 0.0, 200.0),
        ("Fewer than 60", "under", 0.0, 60.0),
        ("Less than 5%", "under", 0.0, 5.0),
        ("Up to 300", "at_most", 0.0, 300.0),
        ("At most 12", "at_most", 0.0, 12.0),
        ("Nearly 1,000", "nearly", 900.0, 1000.0),
        ("Almost 90", "nearly", 81.0, 90.0),
        ("Just under 50", "nearly", 45.0, 50.0),
        ("About 200", "about", 180.0, 220.0),
        ("Around 70", "about", 63.0, 77.0),
        ("Roughly 400", "about", 360.0, 440.0),
        ("Some 250", "about", 225.0, 275.0),
        ("Approximately 30", "about", 27.0, 33.0),
        ("An estimated 15,000", "about", 13_500.0, 16_500.0),
        ("Dozens", "vague", 24.0, 144.0),
        ("Hundreds", "vague", 200.0, 1000.0),
        ("Thousands", "vague", 2000.0, 10_000.0),
        ("Tens of thousands", "vague", 20_000.0, 100_000.0),
    ];
    for &(text, approx, lo, hi) in expected {
        let q = quantity(&claims, text);
        assert_eq!(q["approx"], approx, "{text}");
        let (got_lo, got_hi) = lo_hi(q);
        assert!(
            (got_lo - lo).abs() < 1e-6 && (got_hi == hi || (got_hi - hi).abs() < 1e-6),
            "{text}: {got_lo}..{got_hi}"
        );
    }
    assert_eq!(claims.len(), expected.len(), "{:?}", texts(&claims));
    assert_eq!(quantity(&claims, "Tens of thousands")["subject"], "worker");
}

#[test]
fn non_quantities_are_left_alone() {
    let claims = claims_of("claims/non-quantities.txt");
    let quantities: Vec<&Value> = claims.iter().filter(|c| c["kind"] == "quantity").collect();
    // Only the two ages are quantities, in their own dimension: not a score between two
    // names, a currency word inside a name, or "one" standing for a noun.
    let texts: Vec<&str> = quantities
        .iter()
        .map(|q| q["text"].as_str().unwrap())
        .collect();
    assert_eq!(texts, ["30-year-old", "45"]);
    assert!(quantities.iter().all(|q| q["unit"]["dimension"] == "age"));
    assert_eq!(quantities[0]["subject"], "man");
    let dates: Vec<&str> = claims
        .iter()
        .filter(|c| c["kind"] == "date")
        .map(|c| c["text"].as_str().unwrap())
        .collect();
    assert_eq!(dates, ["2014", "15 September 2014"]);
}

#[test]
fn units_of_measure() {
    let claims = claims_of("claims/units.txt");
    let expected: &[(&str, &str, f64)] = &[
        ("12 km", "length", 1000.0),
        ("8 miles", "length", 1609.344),
        ("50 km/h", "speed", 1.0 / 3.6),
        ("70 mph", "speed", 0.44704),
        ("35°C", "temperature", 1.0),
        ("212°F", "temperature", 5.0 / 9.0),
        ("400 hectares", "area", 10_000.0),
        ("5,000 litres", "volume", 0.001),
        ("300 metres", "length", 1.0),
        ("12 lb", "mass", 0.45359237),
        ("18 months", "duration", 2_629_746.0),
    ];
    for &(text, dimension, factor) in expected {
        let q = quantity(&claims, text);
        assert_eq!(q["unit"]["dimension"], dimension, "{text}");
        let got = q["unit"]["factor"].as_f64().unwrap();
        assert!((got - factor).abs() / factor < 1e-3, "{text}: factor {got}");
    }
    let barrels = quantity(&claims, "2.1 million barrels");
    assert_eq!(barrels["unit"]["dimension"], "volume");
    assert_eq!(
        (barrels["subject"].as_str(), barrels["predicate"].as_str()),
        (Some("output"), Some("fall"))
    );
    // °F converts to the base unit (°C) with an offset.
    let f = quantity(&claims, "212°F");
    let base =
        212.0 * f["unit"]["factor"].as_f64().unwrap() + f["unit"]["offset"].as_f64().unwrap();
    assert!((base - 100.0).abs() < 1e-6);
}

#[test]
fn dates_and_periods() {
    let claims = claims_of("claims/dates.txt");
    let value = |text: &str| -> Value {
        let c = claims
            .iter()
            .find(|c| c["text"] == text)
            .unwrap_or_else(|| panic!("no claim {text:?}: {:?}", texts(&claims)));
        match c["kind"].as_str() {
            Some("date") => c["value"].clone(),
            _ => Value::String(format!(
                "{}..{}",
                c["from"].as_str().unwrap_or("?"),
                c["until"].as_str().unwrap_or("?")
            )),
        }
    };
    assert_eq!(value("15 September 2014"), "2014-09-15");
    assert_eq!(value("September 15"), "2014-09-15");
    assert_eq!(
        value("between September 15 and 23"),
        "2014-09-15..2014-09-23"
    );
    assert_eq!(value("2007"), "2007");
    assert_eq!(value("last week"), "2014-09-08..2014-09-14");
    assert_eq!(value("three years ago"), "2011");
    assert_eq!(value("1990s"), "1990..1999");
    assert_eq!(value("2004-05"), "2004..2005");
    assert_eq!(value("May"), "2014-05");
    assert!(
        claims.iter().all(|c| c["kind"] != "quantity"),
        "{:?}",
        texts(&claims)
    );
}

#[test]
fn relative_dates_wait_for_a_document_date() {
    let out = run_with_stdin(
        &["claims", "--format", "json", "-"],
        b"Prices rose last week.",
    );
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let claims = only_file_claims(&report);
    assert_eq!(claims[0]["text"], "last week");
    assert_eq!(claims[0]["value"], Value::Null);
    let out = run_with_stdin(
        &["claims", "--format", "json", "--date", "2024-03-14", "-"],
        b"Prices rose last week.",
    );
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let claims = only_file_claims(&report);
    assert_eq!(
        (claims[0]["from"].as_str(), claims[0]["until"].as_str()),
        (Some("2024-03-04"), Some("2024-03-10"))
    );
}

#[test]
fn lists_of_places_and_organisations() {
    let claims = claims_of("claims/lists.txt");
    let lists: Vec<&Value> = claims.iter().filter(|c| c["kind"] == "list").collect();
    let canon = |l: &Value| -> Vec<String> {
        l["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["canonical"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(lists.len(), 7, "{:?}", texts(&claims));
    assert_eq!(
        canon(lists[0]),
        [
            "Australia",
            "Colombia",
            "Norway",
            "Serbia",
            "Switzerland",
            "United States"
        ]
    );
    assert_eq!(lists[1]["items"][0]["class"], "organisation");
    assert_eq!(canon(lists[2]), ["France", "Spain", "Italy"]);
    assert_eq!(lists[2]["intro"], "including");
    assert_eq!(canon(lists[3]), ["Germany", "France"]);
    // The plural noun a list names every item of, when a dash, colon or "were" joins them.
    assert!(lists[..4].iter().all(|l| l.get("head").is_none()));
    assert_eq!(lists[4]["head"], "marque");
    assert_eq!(lists[4]["items"].as_array().unwrap().len(), 3);
    assert_eq!(lists[5]["head"], "factory");
    assert_eq!(lists[5]["items"].as_array().unwrap().len(), 6);
    assert!(lists[6].get("head").is_none(), "{}", lists[6]);
}
