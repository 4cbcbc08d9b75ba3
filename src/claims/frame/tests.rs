//! The frame builder on sentences written for the purpose.

use crate::claims::{Claim, Frame, Quantity, extract_text};

fn quantities(text: &str) -> Vec<Quantity> {
    extract_text(text, text, None)
        .claims
        .into_iter()
        .filter_map(|c| match c {
            Claim::Quantity(q) => Some(q),
            _ => None,
        })
        .collect()
}

fn frame_of(text: &str, figure: &str) -> Frame {
    quantities(text)
        .into_iter()
        .find(|q| q.text == figure)
        .map(|q| *q.frame)
        .unwrap_or_else(|| panic!("no figure {figure:?} in {text:?}"))
}

#[test]
fn an_apposition_names_the_owner() {
    let text =
        "Harlan Voss, 32, was sentenced to 15 years. Mira Quell, 41, was sentenced to 8 years.";
    assert_eq!(
        frame_of(text, "15 years").owner.as_deref(),
        Some("Harlan Voss")
    );
    assert_eq!(
        frame_of(text, "8 years").owner.as_deref(),
        Some("Mira Quell")
    );
}

#[test]
fn an_opening_adverbial_is_no_owner() {
    let text = "According to the Annual Review, Ruritania had a visa refusal rate of 13.5 percent.";
    let frame = frame_of(text, "13.5 percent");
    assert_eq!(frame.owner.as_deref(), Some("Ruritania"));
    assert_eq!(frame.thing.as_deref(), Some("visa refusal rate"));
}

#[test]
fn the_source_of_a_report_is_no_owner() {
    let text = "Interpol said 412 people were detained.";
    assert_eq!(frame_of(text, "412").owner, None);
}

#[test]
fn a_sentence_initial_common_word_is_no_owner() {
    let text = "Turnover rose 5% to $10m in the third quarter of 2019, from $9.5m a year earlier.";
    assert_eq!(frame_of(text, "$10m").owner, None);
    assert_eq!(frame_of(text, "$9.5m").owner, None);
}

#[test]
fn each_figure_takes_the_time_of_its_own_stretch() {
    let text = "Revenue increased $2 million for fiscal 2019 and $278 million for fiscal 2018.";
    let first = frame_of(text, "$2 million");
    let second = frame_of(text, "$278 million");
    assert_eq!(first.time.as_deref(), Some("FY2019"));
    assert_eq!(second.time.as_deref(), Some("FY2018"));
    // The second figure has no noun of its own: it states the same thing for another year.
    assert_eq!(second.thing, first.thing);
    assert_eq!(first.comparison.as_deref(), Some("change"));
}

#[test]
fn quarters_and_relative_times() {
    let text = "Turnover rose 5% to $10m in the third quarter of 2019, from $9.5m a year earlier.";
    assert_eq!(frame_of(text, "$10m").time.as_deref(), Some("2019-Q3"));
    let earlier = frame_of(text, "$9.5m");
    assert_eq!(earlier.time.as_deref(), Some("previous year"));
    // "a year earlier" is a time, not "a year" as a rate.
    assert_eq!(earlier.distribution, None);
    assert_eq!(frame_of(text, "5%").comparison.as_deref(), Some("change"));
    assert_eq!(frame_of(text, "$10m").comparison, None);
}

#[test]
fn pinning_words_belong_to_the_thing() {
    let text = "The order imposes a 25% tariff on imports of steel.";
    assert_eq!(
        frame_of(text, "25%").thing.as_deref(),
        Some("tariff on import of steel")
    );
}

#[test]
fn distribution_words() {
    assert_eq!(
        frame_of("Each pass costs $35 per month.", "$35")
            .distribution
            .as_deref(),
        Some("per month")
    );
    assert_eq!(
        frame_of("The scheme paid a total of $40m to farmers.", "$40m")
            .distribution
            .as_deref(),
        Some("total")
    );
    assert_eq!(
        frame_of("Workers earn an average of $900 a week.", "$900")
            .distribution
            .as_deref(),
        Some("average")
    );
}

#[test]
fn multipliers_compare() {
    let frame = frame_of("The new link is 16 times faster than the old one.", "16");
    assert_eq!(frame.comparison.as_deref(), Some("times"));
    assert_eq!(frame.thing.as_deref(), Some("times faster"));
}

#[test]
fn table_cells_and_enumerators_count_nothing() {
    let text = "Mining 810 22.6 612 22.1 Construction 5,674 10.2\n\n5 Harlan Voss (Ruritania)";
    for q in quantities(text) {
        assert_eq!(q.frame.thing, None, "{}", q.text);
    }
}

#[test]
fn a_heading_names_no_owner() {
    let text = "RURITANIA AND ZEMBLA SIGN PACT WORTH $300M";
    assert_eq!(frame_of(text, "$300M").owner, None);
}
