//! Properties of the whole extractor: no panic on any input, offsets that point at the
//! original bytes, claims in document order.

use proptest::prelude::*;

use super::{Claim, extract_text};

/// Pieces of news-like text, so that generated inputs reach deep into the extractor.
const PIECES: &[&str] = &[
    "1,027",
    "1.3",
    "1kilograms",
    "Ninety",
    "thirty-four",
    "one hundred and twenty",
    "million",
    "2.5bn",
    "€",
    "£300,000",
    "$",
    "US$",
    "a dozen",
    "half",
    "a third",
    "two-thirds",
    "12%",
    "per cent",
    "percentage points",
    "between",
    "and",
    "10-20",
    "3-1",
    "over",
    "more than",
    "nearly",
    "about",
    "hundreds of",
    "tens of thousands of",
    "kg",
    "tonnes",
    "km/h",
    "°C",
    "of",
    "the",
    "arrests",
    "were",
    "arrested",
    "seized",
    "in",
    "Malta",
    "EU",
    "Member States",
    "as well as",
    "Australia",
    ",",
    ".",
    "\n\n",
    "\n",
    "15 September 2014",
    "September 15",
    "2014",
    "2004-05",
    "last week",
    "three years ago",
    "Monday",
    "-year-old",
    "aged",
    "Article 5",
    "COVID-19",
    "10:30",
    "3pm",
    "020 7946",
    "(",
    ")",
    "\"",
    "’s",
    "Mr.",
    "No.",
    "ï",
    "🙂",
    " ",
    "-",
    "–",
];

fn news_like() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..60).prop_map(|parts| parts.join(" "))
}

fn check(original: &str) {
    let extraction = extract_text(original, original, None);
    let mut last = 0;
    for claim in &extraction.claims {
        let span = claim.span();
        assert!(span.start <= span.end && span.end <= original.len());
        assert!(original.is_char_boundary(span.start) && original.is_char_boundary(span.end));
        assert_eq!(&original[span.start..span.end], claim.text());
        assert!(span.start >= last, "claims out of order");
        last = span.start;
        if let Claim::List(list) = claim {
            for item in &list.items {
                assert_eq!(&original[item.start..item.end], item.text);
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn any_text_is_safe(text in any::<String>()) {
        check(&text);
    }

    #[test]
    fn news_like_text_is_safe(text in news_like()) {
        check(&text);
    }
}

#[test]
fn long_and_odd_inputs() {
    check(&"1,".repeat(50_000));
    check(&"9".repeat(10_000));
    check(&"a ".repeat(50_000));
    check(&format!("{}1.3 million", "-".repeat(10_000)));
    check("1e308 1e309 99999999999999999999999999999999999999999999999999 percent");
}
