//! When two figures are about the same thing: their frames agree.
//!
//! A field the text does not state is unknown. [`same_frame`] asks for agreement on what is
//! known and on what is missing: the same thing (the same head noun and pinning words), verb,
//! owner, time, places, whole, distribution and comparison form, where a field stated for one
//! figure and not for the other is no match.
//! [`conflicts`] is weaker: it only asks whether a field known for both differs.

use crate::claims::model::{Approx, Quantity};

use super::words::FrameWords;

/// Both figures state one measure about one thing, as far as the text says.
pub fn same_frame(a: &Quantity, b: &Quantity, words: &FrameWords) -> bool {
    // Two indefinite mentions ("a $200bn investment", "an $88m investment") introduce two
    // things.
    if !comparable(a, b) || a.frame.indefinite && b.frame.indefinite {
        return false;
    }
    // Thresholds, brackets and classes are categories: a document names several.
    if a.frame.role.is_some() || b.frame.role.is_some() {
        return false;
    }
    let (Some(ta), Some(tb)) = (&a.frame.thing, &b.frame.thing) else {
        return false;
    };
    // A bare noun ("$5m in funding", "12 states", "3 million Americans") recurs for different
    // things: the frame must pin the figure down by an owner or words of its thing; or by its
    // verb and a time of its own sentence ("1,240 drivers walked out on Monday"), not one
    // carried from the context.
    let timed = a.frame.time.is_some() && !a.frame.time_from_context && a.predicate.is_some();
    let pinned = a.frame.owner.is_some() || ta.contains(' ') || timed;
    // "1.8 times more likely": a ratio compares two groups the frame does not hold; only
    // whose ratio it is ("the network is ten times faster") pins it down.
    let ratio_without_owner =
        a.frame.comparison.as_deref() == Some("times") && a.frame.owner.is_none();
    if !pinned || ratio_without_owner {
        return false;
    }
    let same = |x: &Option<String>, y: &Option<String>| match (x, y) {
        (Some(x), Some(y)) => x.eq_ignore_ascii_case(y),
        (None, None) => true,
        _ => false,
    };
    same_thing(ta, tb, words)
        && same_owner(&a.frame.owner, &b.frame.owner)
        && same_time(a, b)
        && a.frame.hypothetical == b.frame.hypothetical
        && same(&a.frame.distribution, &b.frame.distribution)
        && same(&a.frame.comparison, &b.frame.comparison)
        && a.part_of == b.part_of
        && same_places(&a.scope, &b.scope)
        && a.predicate == b.predicate
}

/// What [`same_frame`] asks to be exactly equal, as one value: two figures with different
/// keys never have the same frame (the owner and the time, which may be written in short or
/// carried from the context, are left out). `None` for a figure with no thing, which has no
/// frame to share. Indexes of figures by frame use it; it must stay in step with
/// [`same_frame`].
pub fn frame_key(q: &Quantity, words: &FrameWords) -> Option<impl std::hash::Hash + Eq> {
    let thing = thing_key(q.frame.thing.as_deref()?, words);
    let lower = |x: &Option<String>| x.as_deref().map(str::to_ascii_lowercase);
    // Scopes hold each place once: as sorted sets, equal when `same_places` says so.
    let mut places = q.scope.clone();
    places.sort();
    Some((
        thing,
        (q.unit.dimension.clone(), q.unit.currency.clone()),
        (lower(&q.frame.distribution), lower(&q.frame.comparison)),
        (q.part_of.clone(), q.predicate.clone(), places),
        q.frame.hypothetical,
    ))
}

/// Some part of the frame is known for both figures and differs: they are about different
/// things ("Gabon had a rate of 13.7 percent" and "Togo had a rate of 19.0 percent"); or both
/// are indefinite ("an increase of $12m due to X", "an increase of $23m due to Y").
pub fn conflicts(a: &Quantity, b: &Quantity, words: &FrameWords) -> bool {
    let differs = |x: &Option<String>, y: &Option<String>| match (x, y) {
        (Some(x), Some(y)) => !x.eq_ignore_ascii_case(y),
        _ => false,
    };
    let owners_differ = a.frame.owner.is_some()
        && b.frame.owner.is_some()
        && !same_owner(&a.frame.owner, &b.frame.owner);
    let things_differ = match (&a.frame.thing, &b.frame.thing) {
        (Some(ta), Some(tb)) => !same_thing(ta, tb, words),
        _ => false,
    };
    things_differ
        || a.frame.indefinite && b.frame.indefinite
        || a.frame.hypothetical != b.frame.hypothetical
        || owners_differ
        || differs(&a.frame.time, &b.frame.time)
        || differs(&a.frame.distribution, &b.frame.distribution)
        || differs(&a.frame.comparison, &b.frame.comparison)
}

/// The two figures hold in one context: their owners (names) and their times are the same,
/// or unknown for one of them. A part and its whole ("1,027 were arrested in 2014 ... Ninety of
/// the arrests") need not name the same thing, but must not belong to different owners or
/// years.
pub fn same_context(a: &Quantity, b: &Quantity) -> bool {
    let agrees = |x: &Option<String>, y: &Option<String>| match (x, y) {
        (Some(x), Some(y)) => x.eq_ignore_ascii_case(y),
        _ => true,
    };
    // Owners that are names must agree; a clause's common subject ("officers seized") is a
    // weaker owner, which a whole and its part may state in other words.
    let named = |x: &Option<String>| x.clone().filter(|o| o.starts_with(char::is_uppercase));
    let (oa, ob) = (named(&a.frame.owner), named(&b.frame.owner));
    (oa.is_none() || ob.is_none() || same_owner(&oa, &ob)) && agrees(&a.frame.time, &b.frame.time)
}

/// The same time, or none for one figure and only a time from the context for the other.
pub fn same_time(a: &Quantity, b: &Quantity) -> bool {
    match (&a.frame.time, &b.frame.time) {
        (Some(x), Some(y)) => x.eq_ignore_ascii_case(y),
        (None, None) => true,
        (Some(_), None) => a.frame.time_from_context,
        (None, Some(_)) => b.frame.time_from_context,
    }
}

/// Both owners unknown, or the same, or one is the other's first or last word: "President"
/// and "President Biden", "Trump" and "President Trump"; but not "Hydrogen Hub" and "Midwest
/// Hydrogen Hub", nor "Georgia" and "Connecticut, Michigan, and Georgia".
fn same_owner(a: &Option<String>, b: &Option<String>) -> bool {
    let (a, b) = match (a, b) {
        (None, None) => return true,
        (Some(a), Some(b)) => (a.to_lowercase(), b.to_lowercase()),
        _ => return false,
    };
    let short_for = |short: &str, long: &str| {
        let words: Vec<&str> = long.split(' ').collect();
        !short.contains(' ') && words.len() == 2 && (words[0] == short || words[1] == short)
    };
    a == b || short_for(&a, &b) || short_for(&b, &a)
}

/// Figures that can state the same measure: units that convert, neither vague.
fn comparable(a: &Quantity, b: &Quantity) -> bool {
    a.unit.commensurable(&b.unit) && a.approx != Approx::Vague && b.approx != Approx::Vague
}

fn same_places(a: &[String], b: &[String]) -> bool {
    a.len() == b.len() && a.iter().all(|x| b.contains(x))
}

/// The same head noun and the same pinning words, in any order: "rate of unemployment" and
/// "unemployment rate"; but not "count of burglary" and "count of fraud", nor "total
/// subscribers" and "subscribers".
fn same_thing(a: &str, b: &str, w: &FrameWords) -> bool {
    thing_key(a, w) == thing_key(b, w)
}

/// What [`same_frame`] compares of a thing: its head noun and its sorted pinning words. The
/// head is the last word before the first pinning preposition.
pub fn thing_key(thing: &str, w: &FrameWords) -> (String, Vec<String>) {
    let words: Vec<&str> = thing.split(' ').filter(|p| !p.is_empty()).collect();
    let head_at = words
        .iter()
        .position(|p| w.pin_prepositions.contains(*p))
        .unwrap_or(words.len())
        .saturating_sub(1);
    let head = words.get(head_at).copied().unwrap_or("").to_string();
    let mut pins: Vec<String> = words
        .iter()
        .enumerate()
        .filter(|&(k, p)| k != head_at && !w.pin_prepositions.contains(*p) && *p != "and")
        .map(|(_, p)| p.to_string())
        .collect();
    pins.sort();
    pins.dedup();
    (head, pins)
}
