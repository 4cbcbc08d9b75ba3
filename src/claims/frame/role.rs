//! Figures that qualify a noun rather than state an amount of the story: thresholds ("<5
//! µg/dL", "under the age of 16"), brackets ("students aged 12–17 years") and classes ("a
//! 15-minute sampling period", "a two-color format"). A document names several of each
//! ("aged ≤15 years ... aged 16–17 years"), so two of them with different values are two
//! categories, never one figure stated twice. (A cell of a table run into text has the role
//! `cell`, found with the thing: see `thing::in_figure_run`.)

use crate::claims::quantity::Measured;
use crate::claims::text::Text;
use crate::claims::tokens::Gap;

/// Signs that make a figure a bound: "<5", "≥90 mm Hg".
const COMPARISON_SIGNS: &[&str] = &["<", ">", "≤", "≥", "⩽", "⩾", "=<", ">="];

/// The figure's role, if it qualifies rather than states: `threshold`, `bracket` or `class`.
pub(super) fn role_of(text: &Text, m: &Measured) -> Option<String> {
    let signed = text.is_symbol(m.first, COMPARISON_SIGNS)
        || m.first > 0
            && text.is_symbol(m.first - 1, COMPARISON_SIGNS)
            && text.gap(m.first) == Gap::None;
    if signed {
        return Some("threshold".to_string());
    }
    // "students aged 12–17 years" is a bracket; "died aged 44" is a person's age.
    if let Some(found) = text
        .lex
        .frames
        .role_before
        .longest_ending_at(text, m.first, 4)
    {
        let bracket = found.value == "bracket";
        if !bracket || is_range(text, m) {
            return Some(found.value.clone());
        }
    }
    hyphen_compound(text, m).then(|| "class".to_string())
}

/// "12–17", "5 to 11": the figure is written as a range.
fn is_range(text: &Text, m: &Measured) -> bool {
    (m.first + 1..m.end).any(|j| text.is_symbol(j, &["–", "-", "—"]) || text.is_any(j, &["to"]))
}

/// "a 15-minute sampling period", "a two-color format", "a 3-dose series": the figure is
/// joined by a hyphen to a word, and the compound modifies a noun after it.
fn hyphen_compound(text: &Text, m: &Measured) -> bool {
    let joined = |j: usize| {
        text.is_symbol(j, &["-", "‐"])
            && text.gap(j) == Gap::None
            && text.is_word(j + 1)
            && text.gap(j + 1) == Gap::None
    };
    // The hyphen is inside the figure's tokens ("15-minute", read with its unit) or right
    // after them ("two-color").
    let Some(hyphen) = (m.first + 1..=m.end).find(|&j| joined(j)) else {
        return false;
    };
    // The compound runs on through further hyphens ("3-year-old"); a noun must follow it.
    let mut end = hyphen + 2;
    while joined(end) {
        end += 2;
    }
    text.is_word(end) && text.gap(end) == Gap::Space && !text.capitalized(end)
}
