//! The text fields of claims as rules read them (`q.subject`, `q.owner`, `l.head`): one
//! accessor for the evaluator and for the indexes of planned joins, so both read the same
//! words.

use crate::claims::{Approx, Claim};
use crate::rules::builtins::Field;

/// The text of `field` on `claim`: an absent subject, verb, whole or frame field is the empty
/// text, so that rules can ask for it. `None` when the field is not a text of this kind of
/// claim (a quantity's `head`, any claim's `value`).
pub fn text_field(claim: &Claim, field: Field) -> Option<&str> {
    match (claim, field) {
        (_, Field::Text) => Some(claim.text()),
        (Claim::Quantity(q), Field::Subject) => absent(&q.subject),
        (Claim::Quantity(q), Field::Predicate) => absent(&q.predicate),
        (Claim::Quantity(q), Field::PartOf) => absent(&q.part_of),
        (Claim::Quantity(q), Field::Thing) => absent(&q.frame.thing),
        (Claim::Quantity(q), Field::Owner) => absent(&q.frame.owner),
        (Claim::Quantity(q), Field::Time) => absent(&q.frame.time),
        (Claim::Quantity(q), Field::Distribution) => absent(&q.frame.distribution),
        (Claim::Quantity(q), Field::Comparison) => absent(&q.frame.comparison),
        (Claim::Quantity(q), Field::Role) => absent(&q.frame.role),
        (Claim::Quantity(q), Field::Currency) => absent(&q.unit.currency),
        (Claim::Quantity(q), Field::Unit) => Some(&q.unit.symbol),
        (Claim::Quantity(q), Field::Approx) => Some(approx_name(q.approx)),
        (Claim::List(l), Field::Intro) => absent(&l.intro),
        (Claim::List(l), Field::Head) => absent(&l.head),
        _ => None,
    }
}

fn absent(s: &Option<String>) -> Option<&str> {
    Some(s.as_deref().unwrap_or_default())
}

/// An approximation as rules name it: `q.approx == "at_least"`.
pub fn approx_name(a: Approx) -> &'static str {
    match a {
        Approx::Exact => "exact",
        Approx::Over => "over",
        Approx::AtLeast => "at_least",
        Approx::Under => "under",
        Approx::AtMost => "at_most",
        Approx::Nearly => "nearly",
        Approx::About => "about",
        Approx::Vague => "vague",
    }
}
