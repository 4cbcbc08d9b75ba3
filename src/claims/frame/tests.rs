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

#[test]
fn thresholds_brackets_and_classes_have_a_role() {
    let text = "Levels must fall to <5 µg/dL. Boys under the age of 16 may not drive. \
                Among students aged 12–17 years, 13.1% smoked. Use a 15-minute sampling period.";
    let role = |figure: &str| frame_of(text, figure).role;
    assert_eq!(role("<5").as_deref(), Some("threshold"));
    assert_eq!(role("16").as_deref(), Some("threshold"));
    assert_eq!(role("12–17 years").as_deref(), Some("bracket"));
    assert_eq!(role("15-minute").as_deref(), Some("class"));
    assert_eq!(role("13.1%"), None);
}

#[test]
fn a_persons_age_is_no_bracket() {
    let text = "Charlie Bell has died of cancer aged 44.";
    assert_eq!(frame_of(text, "44").role, None);
}

#[test]
fn the_level_a_movement_starts_from_is_marked() {
    let text = "The share of cases rose from 29% to 60% between 1993 and 2010.";
    assert_eq!(frame_of(text, "29%").comparison.as_deref(), Some("from"));
    assert_eq!(frame_of(text, "60%").comparison, None);
}

#[test]
fn respectively_pairs_figures_with_times_in_order() {
    let text = "Fiscal 2019 and 2018 results included $17.1 million and $24.5 million, \
                respectively, related to the divested business.";
    assert_eq!(
        frame_of(text, "$17.1 million").time.as_deref(),
        Some("FY2019")
    );
    assert_eq!(
        frame_of(text, "$24.5 million").time.as_deref(),
        Some("FY2018")
    );
}

#[test]
fn a_paragraphs_time_holds_for_later_sentences_as_context() {
    let text = "Net cash was $7.2 million in fiscal 2019. The provision of cash was due to an \
                operating loss of $13.2 million.\n\nOther costs were $3 million.";
    let carried = frame_of(text, "$13.2 million");
    assert_eq!(carried.time.as_deref(), Some("FY2019"));
    assert!(carried.time_from_context);
    // A new paragraph starts afresh.
    assert_eq!(frame_of(text, "$3 million").time, None);
}

#[test]
fn a_line_label_is_the_owner_of_its_figures() {
    let text = "- Pollster One: 88% of voters approve of the plan.\n\
                - Pollster Two: 81% of voters approve of the plan.";
    assert_eq!(frame_of(text, "88%").owner.as_deref(), Some("Pollster One"));
    assert_eq!(frame_of(text, "81%").owner.as_deref(), Some("Pollster Two"));
}

#[test]
fn a_purpose_pins_what_money_is_for() {
    let text = "The plan invests $213 billion to produce affordable homes. \
                The plan invests $100 billion to upgrade public schools.";
    assert_ne!(
        frame_of(text, "$213 billion").thing,
        frame_of(text, "$100 billion").thing
    );
    assert_eq!(
        frame_of(text, "$100 billion").thing.as_deref(),
        Some("plan to upgrade public school")
    );
}

#[test]
fn coordinated_figures_keep_their_own_pinning_phrases() {
    let text = "This includes a $35 billion investment in the HOME program, $45 billion for \
                the Housing Trust Fund, and $12 billion for the Capital Magnet Fund.";
    assert_eq!(
        frame_of(text, "$45 billion").thing.as_deref(),
        Some("investment for housing trust fund")
    );
}

#[test]
fn money_names_what_it_is_after_in() {
    let text = "The law provided $122 billion in school funding.";
    assert_eq!(
        frame_of(text, "$122 billion").thing.as_deref(),
        Some("school funding")
    );
}

#[test]
fn a_participles_phrase_stays_in_the_subject() {
    let text = "Services revenue generated from our partnerships was $56.6 million.";
    assert_eq!(
        frame_of(text, "$56.6 million").thing.as_deref(),
        Some("service revenue generated partnership")
    );
}

#[test]
fn a_title_in_title_case_names_no_owner() {
    let text = "President Biden Announces an Additional $9 Billion in Student Debt Relief for \
                125,000 Americans\n\nThe relief was approved today.";
    assert_eq!(frame_of(text, "125,000").owner, None);
}

#[test]
fn a_figure_restated_in_another_unit_does_not_end_the_stretch() {
    let text = "Subscription revenue increased by $69.9 million, or 15%, in 2019 when compared \
                to 2018.";
    assert_eq!(
        frame_of(text, "$69.9 million").time.as_deref(),
        Some("2019")
    );
}

#[test]
fn a_time_after_the_figure_is_not_its_noun() {
    let text = "Service revenues grew by 1.6% year over year.";
    assert_eq!(
        frame_of(text, "1.6%").thing.as_deref(),
        Some("service revenue")
    );
}

#[test]
fn the_level_after_a_change_measures_the_clauses_subject() {
    let text = "Research and development expenses increased $3.7 million to $7.5 million for \
                the year ended December 31, 2019.";
    let level = frame_of(text, "$7.5 million");
    assert_eq!(level.thing.as_deref(), Some("research development expense"));
    assert_eq!(level.time.as_deref(), Some("2019-12-31"));
}

#[test]
fn how_a_figure_comes_about_pins_it() {
    let text = "The Budget will lower Medicaid costs by $20 billion by requiring audits. The \
                Budget will lower Medicaid costs by $10 billion by improving access.";
    assert_ne!(
        frame_of(text, "$20 billion").thing,
        frame_of(text, "$10 billion").thing
    );
    let text = "250,000 children would lose access to child care. 290,000 children would lose \
                access to Head Start slots.";
    assert_eq!(
        frame_of(text, "250,000").thing.as_deref(),
        Some("child access to child care")
    );
}

#[test]
fn a_frequency_is_no_multiplier_and_a_multiplier_names_its_outcome() {
    let text = "Take the drug 2 times a day. Men are 16 times more likely to die.";
    let dose = frame_of(text, "2");
    assert_eq!(dose.comparison, None);
    assert_eq!(dose.distribution.as_deref(), Some("per day"));
    let ratio = frame_of(text, "16");
    assert_eq!(ratio.comparison.as_deref(), Some("times"));
    assert_eq!(ratio.thing.as_deref(), Some("times more likely die"));
}

#[test]
fn an_opening_event_is_a_time_and_a_time_no_owner() {
    let text = "Today, 99% of schools are open. Before ARP, only 46% of schools were open.";
    let now = frame_of(text, "99%");
    assert_eq!(now.time.as_deref(), Some("today"));
    assert_eq!(now.owner, None);
    assert_eq!(frame_of(text, "46%").time.as_deref(), Some("before arp"));
}

#[test]
fn only_a_dated_time_carries_to_later_sentences() {
    let text = "Before data editing, 7,998 records were kept. The response rate was 38%.";
    assert_eq!(frame_of(text, "38%").time, None);
}

#[test]
fn a_plural_noun_that_spells_a_reporting_verb_reports_nothing() {
    let text = "GE Aerospace announced an investment across 16 states — creating 5,000 new jobs.";
    assert_eq!(
        frame_of(text, "5,000").owner.as_deref(),
        Some("GE Aerospace")
    );
}

#[test]
fn a_hypothetical_figure_is_marked() {
    let text = "Revenue rose by an increase in EMEA of $3.9 million. In constant currency, the \
                change would have been attributable to an increase in EMEA of $2.7 million.";
    assert!(!frame_of(text, "$3.9 million").hypothetical);
    assert!(frame_of(text, "$2.7 million").hypothetical);
}

#[test]
fn the_ends_of_a_range_are_no_amounts() {
    let text = "The bank charged a range of $5 to $30 million in fees. Its rival received between \
                $4 and $12 million in fees.";
    for figure in ["$5", "$30 million", "$4", "$12 million"] {
        assert_eq!(
            frame_of(text, figure).role.as_deref(),
            Some("range"),
            "{figure}"
        );
    }
    // "from ... to" is a change, not a range.
    let change = "Fees rose from $5 million to $30 million.";
    assert_eq!(frame_of(change, "$30 million").role, None);
}

#[test]
fn days_told_apart_by_words_are_times() {
    let text = "The desk made $110 million the very next day. It made $42.5 million that day.";
    assert_eq!(
        frame_of(text, "$110 million").time.as_deref(),
        Some("next day")
    );
    assert_eq!(
        frame_of(text, "$42.5 million").time.as_deref(),
        Some("that day")
    );
}

#[test]
fn a_page_break_inside_a_sentence_keeps_it_whole() {
    // A report turned from PDF: the blank line is where a page ended.
    let text = "The bank had $300 billion in assets and took action on over\n\n6,300 \
                securities, with a profit of $100\nmillion.";
    let over = quantities(text)
        .into_iter()
        .find(|q| q.text.ends_with("6,300"))
        .expect("the figure after the page break");
    assert_eq!(over.approx, crate::claims::Approx::Over, "{}", over.text);
    assert_eq!(over.sentence, quantities(text)[0].sentence);
    assert!(
        quantities(text).iter().any(|q| q.text == "$100\nmillion"),
        "{:?}",
        quantities(text).iter().map(|q| &q.text).collect::<Vec<_>>()
    );
}

#[test]
fn a_number_after_a_page_break_is_no_continuation_without_a_hedge() {
    // A footnote's or a page's number after a line that ends in a preposition.
    let text = "See the memorandum on the transaction sponsored by\n\n2523\n\nThe bank sold 40 \
                loans.";
    let figures = quantities(text);
    let loans = figures.iter().find(|q| q.text == "40").expect("the loans");
    assert!(
        figures
            .iter()
            .filter(|q| q.text == "2523")
            .all(|q| q.sentence != loans.sentence)
    );
}

#[test]
fn a_hedge_after_and_is_the_next_figures() {
    let text = "It rated 6,300 subprime securities and over 1,900 CDO securities.";
    assert!(quantities(text).iter().any(|q| q.text == "over 1,900"));
}

#[test]
fn a_bare_number_running_to_the_next_opens_a_range() {
    let text = "The unit started with 30 to 40 employees.";
    assert_eq!(frame_of(text, "30").role.as_deref(), Some("range"));
    assert_eq!(frame_of(text, "40").role.as_deref(), Some("range"));
    // "and" joins two figures, "from" opens a change.
    let joined = "They would have had 540,000 and 240,000 fewer visits.";
    assert_eq!(frame_of(joined, "540,000").role, None);
    let change = "Sales rose from 30 to 40 stores.";
    assert_eq!(frame_of(change, "30").role, None);
}

#[test]
fn a_provision_of_a_law_and_finance_millions() {
    let text = "Savers may move their 401(k) plans. The desk made $105mm in fees on 65mm pipes.";
    let figures = quantities(text);
    assert!(
        figures.iter().all(|q| q.text != "401"),
        "a provision is no figure"
    );
    let money = figures
        .iter()
        .find(|q| q.text == "$105mm")
        .expect("the money");
    assert_eq!(money.unit.symbol, "USD m");
    let pipes = figures
        .iter()
        .find(|q| q.text == "65mm")
        .expect("the pipes");
    assert_eq!(pipes.unit.dimension, "length");
}

#[test]
fn a_pinning_phrase_may_start_after_a_line_break() {
    // Hard-wrapped text: the line ends after the preposition.
    let text = "The bank had $300 billion in assets, $188 billion in\ndeposits and 2,300 branches.";
    assert_eq!(
        frame_of(text, "$188 billion").thing.as_deref(),
        Some("deposit")
    );
}
