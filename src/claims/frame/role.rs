//! Figures that qualify a noun rather than state an amount of the story: thresholds ("<5
//! µg/dL", "under the age of 16"), brackets ("students aged 12–17 years") and classes ("a
//! 15-minute sampling period", "a two-color format"). A document names several of each
//! ("aged ≤15 years ... aged 16–17 years"), so two of them with different values are two
//! categories, never one figure stated twice. (A cell of a table run into text has the role
//! `cell`, found with the thing: see `thing::in_figure_run`.)

use crate::claims::lexicon::flags;
use crate::claims::model::Approx;
use crate::claims::quantity::Measured;
use crate::claims::text::Text;
use crate::claims::tokens::TokenKind;

/// The figure's role, if it qualifies rather than states: `threshold`, `bracket` or `class`.
pub(super) fn role_of(text: &Text, m: &Measured) -> Option<String> {
    // "<5", "≥90 mm Hg": a bound of the approximation lexicon written as a sign.
    let bound = matches!(
        m.approx,
        Approx::Over | Approx::AtLeast | Approx::Under | Approx::AtMost
    );
    let sign = text.kind(m.first) == Some(TokenKind::Symbol) && !text.has(m.first, flags::CURRENCY);
    if bound && sign {
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
    // "a 15-minute sampling period", "a two-color format": the extractor read the figure as
    // a compound adjective.
    (m.adjectival || m.hyphen_noun.is_some()).then(|| "class".to_string())
}

/// "12–17", "5 to 11": the figure is written as a range.
fn is_range(text: &Text, m: &Measured) -> bool {
    (m.first + 1..m.end).any(|j| text.is_symbol(j, &["–", "-", "—"]) || text.is_any(j, &["to"]))
}
