//! Planned joins: each binding of a rule finds its candidates through an index on the claims
//! bound before it, instead of trying every claim of its pool against every earlier binding.
//!
//! A binding's joined conditions (those that name an earlier binding) are read once per rule
//! for *access paths*: conditions that can only hold for claims in a known part of the pool:
//! the sentence or the paragraphs of another claim, the claims after or before it, the same
//! text in a field (`b.subject == a.subject`), the same thing counted (`same_frame`), the same
//! lead-in words (`restates`), the brackets right after a figure (`converts`), the headline
//! and the lede. An access path is necessary, never sufficient: the evaluator still decides
//! every condition on the candidates it yields, so a plan changes the work, never a result.
//! The indexes a plan needs are built once per document and rule, over the binding's pool.

use std::borrow::Cow;
use std::hash::{Hash, Hasher};

use rustc_hash::{FxHashMap, FxHasher};

use crate::claims::lexicon::Lexicon;
use crate::claims::{Claim, frame};
use crate::rules::builtins::{Builtin, Field};
use crate::rules::checked::{Checked, Comparison, Condition, Typed};

use super::fields::text_field;
use super::predicates::{CONVERSION_REACH, DocumentView, sentence_of};

/// A part of a binding's pool that holds every claim for which one of its conditions can
/// hold, given the claim bound to an earlier binding `other`.
#[derive(Clone, Debug, PartialEq)]
pub enum Access {
    /// `same_sentence(other)`.
    Sentence { other: usize },
    /// `same_section(other)`.
    Section { other: usize },
    /// `same_paragraph(other)` (0 apart) and `close(other, n)`.
    Paragraphs { other: usize, apart: usize },
    /// `after(other)`.
    After { other: usize },
    /// `before(other)`.
    Before { other: usize },
    /// `this.field == other.other_field` on texts.
    SameText {
        field: Field,
        other: usize,
        other_field: Field,
    },
    /// `same_frame`: the same thing counted (its head and pinning words), unit, verb, whole,
    /// places, distribution and comparison form.
    SameThing { other: usize },
    /// `restates`: the same words before the figure.
    Echo { other: usize },
    /// `headline`: the title's claims (`true`) or the lede's.
    Opening { title: bool },
    /// `converts(other, this)`: a restatement in the brackets right after `other`.
    Bracket { other: usize },
    /// Either condition of an `or`.
    Either(Box<Access>, Box<Access>),
}

impl Access {
    /// Ranges of position narrow a pool least: the other paths are preferred inside an `or`.
    fn narrowness(&self) -> u8 {
        match self {
            Access::Bracket { .. } | Access::Sentence { .. } | Access::Opening { .. } => 0,
            Access::SameText { .. } | Access::SameThing { .. } | Access::Echo { .. } => 1,
            Access::Paragraphs { .. } | Access::Section { .. } => 2,
            Access::Either(..) => 3,
            Access::After { .. } | Access::Before { .. } => 4,
        }
    }
}

/// The access paths of binding `own` from its joined conditions. An empty result means the
/// binding is a cross product of its pool with the bindings before it.
pub fn access_paths(conditions: &[Condition], own: usize) -> Vec<Access> {
    let mut paths = Vec::new();
    for condition in conditions.iter().filter(|c| c.joined) {
        paths.extend(paths_of(&condition.expr, own));
    }
    paths
}

/// The access paths implied by `e` holding. `a and b` holds only when both do: the paths of
/// either apply. `a or b` holds when one does: only a path of each side, joined, applies.
fn paths_of(e: &Typed, own: usize) -> Vec<Access> {
    let other_binding = |arg: &Typed| match &arg.node {
        Checked::Binding(id) if id.0 != own => Some(id.0),
        _ => None,
    };
    let is_own = |arg: &Typed| matches!(&arg.node, Checked::Binding(id) if id.0 == own);
    match &e.node {
        Checked::And(a, b) => {
            let mut paths = paths_of(a, own);
            paths.extend(paths_of(b, own));
            paths
        }
        Checked::Or(a, b) => {
            let narrowest = |paths: Vec<Access>| paths.into_iter().min_by_key(Access::narrowness);
            match (narrowest(paths_of(a, own)), narrowest(paths_of(b, own))) {
                (Some(x), Some(y)) => vec![Access::Either(Box::new(x), Box::new(y))],
                _ => Vec::new(),
            }
        }
        Checked::Compare {
            op: Comparison::Eq | Comparison::Approx,
            lhs,
            rhs,
        } => {
            let field_of = |x: &Typed| match &x.node {
                Checked::Field { object, field } => match &object.node {
                    Checked::Binding(id) => Some((id.0, *field)),
                    _ => None,
                },
                _ => None,
            };
            // Only texts compare by their words; numbers, dates and sets compare otherwise.
            let texts = |f: Field| {
                !matches!(
                    f,
                    Field::Value | Field::Scope | Field::Items | Field::From | Field::Until
                )
            };
            let pair = match (field_of(lhs), field_of(rhs)) {
                (Some((x, f)), Some((y, g))) if x == own && y != own => Some((f, y, g)),
                (Some((x, f)), Some((y, g))) if y == own && x != own => Some((g, x, f)),
                _ => None,
            };
            match pair {
                Some((field, other, other_field)) if texts(field) && texts(other_field) => {
                    vec![Access::SameText {
                        field,
                        other,
                        other_field,
                    }]
                }
                _ => Vec::new(),
            }
        }
        Checked::Call { builtin, args } => {
            let path = match (builtin, args.as_slice()) {
                (Builtin::SameSentence, [x]) => {
                    other_binding(x).map(|other| Access::Sentence { other })
                }
                (Builtin::SameSection, [x]) => {
                    other_binding(x).map(|other| Access::Section { other })
                }
                (Builtin::SameParagraph, [x]) => {
                    other_binding(x).map(|other| Access::Paragraphs { other, apart: 0 })
                }
                (Builtin::Close, [x, n]) => match (other_binding(x), &n.node) {
                    (Some(other), Checked::Number { value, unit }) => {
                        // As the evaluator reads the bound: in the literal's unit, scaled.
                        let bound = value * unit.factor + unit.offset;
                        (bound.is_finite() && (0.0..1e9).contains(&bound)).then(|| {
                            Access::Paragraphs {
                                other,
                                apart: bound.floor() as usize,
                            }
                        })
                    }
                    _ => None,
                },
                (Builtin::After, [x]) => other_binding(x).map(|other| Access::After { other }),
                (Builtin::Before, [x]) => other_binding(x).map(|other| Access::Before { other }),
                (Builtin::SameFrame, [x, y]) if is_own(y) || is_own(x) => other_binding(x)
                    .or_else(|| other_binding(y))
                    .map(|other| Access::SameThing { other }),
                (Builtin::Headline, [x, y]) if is_own(y) && other_binding(x).is_some() => {
                    Some(Access::Opening { title: false })
                }
                (Builtin::Headline, [x, y]) if is_own(x) && other_binding(y).is_some() => {
                    Some(Access::Opening { title: true })
                }
                (Builtin::Restates, [x, y]) if is_own(x) || is_own(y) => {
                    other_binding(x).or_else(|| other_binding(y)).map(|other| {
                        Access::Either(
                            Box::new(Access::Opening { title: is_own(x) }),
                            Box::new(Access::Echo { other }),
                        )
                    })
                }
                (Builtin::Converts, [x, y]) if is_own(y) => {
                    other_binding(x).map(|other| Access::Bracket { other })
                }
                _ => None,
            };
            path.into_iter().collect()
        }
        _ => Vec::new(),
    }
}

/// A pool with the indexes its binding's access paths need.
pub struct Indexed {
    /// The claims of the pool, in document order (claims are sorted by position).
    pub pool: Vec<usize>,
    paths: Vec<Built>,
}

/// One access path with its index.
enum Built {
    /// Claims by a hashed key: a collision only adds candidates, which the conditions then
    /// reject.
    Keyed {
        key: Key,
        other: usize,
        map: FxHashMap<u64, Vec<usize>>,
    },
    /// The pool's paragraph numbers, in order, for ranges of paragraphs.
    Paragraphs {
        other: usize,
        apart: usize,
        numbers: Vec<usize>,
        claims: Vec<usize>,
    },
    After {
        other: usize,
    },
    Before {
        other: usize,
    },
    Bracket {
        other: usize,
    },
    Opening(Vec<usize>),
    Either(Box<Built>, Box<Built>),
}

/// What a keyed index hashes.
#[derive(Clone, Copy)]
enum Key {
    Sentence,
    Section,
    Text { own: Field, other: Field },
    Frame,
    Echo,
}

impl Key {
    /// The key of claim `i` as the binding being decided (`as_other` false) or as the earlier
    /// binding it is compared with; `None` when the condition cannot hold for it.
    fn of(self, doc: &DocumentView, i: usize, as_other: bool) -> Option<u64> {
        let claim = doc.claims.get(i)?;
        let mut h = FxHasher::default();
        match self {
            Key::Sentence => {
                let s = sentence_of(claim);
                (s.start, s.end).hash(&mut h);
            }
            Key::Section => doc.section_of(claim.span().start).hash(&mut h),
            Key::Text { own, other } => {
                let field = if as_other { other } else { own };
                text_field(claim, field)?.to_ascii_lowercase().hash(&mut h);
            }
            Key::Frame => match claim {
                Claim::Quantity(q) => {
                    frame::compare::frame_key(q, &Lexicon::embedded().frames)?.hash(&mut h);
                }
                _ => return None,
            },
            Key::Echo => match claim {
                Claim::Quantity(q) => doc.echo_lead_in(q)?.hash(&mut h),
                _ => return None,
            },
        }
        Some(h.finish())
    }
}

impl Indexed {
    /// Builds the indexes of `paths` over `pool`.
    pub fn new(doc: &DocumentView, pool: Vec<usize>, paths: &[Access]) -> Self {
        let paths = paths.iter().map(|p| build(doc, &pool, p)).collect();
        Indexed { pool, paths }
    }

    /// The claims of the pool that may satisfy the conditions, given the claims bound so far
    /// (`bound(k)` is binding `k`'s claim, `None` when it binds a set): the narrowest of the
    /// access paths that apply, in document order; the whole pool when none applies.
    pub fn candidates<'s>(
        &'s self,
        doc: &DocumentView,
        bound: &dyn Fn(usize) -> Option<usize>,
    ) -> Cow<'s, [usize]> {
        let mut best: Cow<'s, [usize]> = Cow::Borrowed(&self.pool);
        let mut from = 0;
        let mut until = usize::MAX;
        for path in &self.paths {
            // Positions bound every other path's candidates too: keep them aside.
            match path {
                Built::After { other } => {
                    if let Some(o) = bound(*other).and_then(|o| doc.claims.get(o)) {
                        from = from.max(o.span().end);
                    }
                    continue;
                }
                Built::Before { other } => {
                    if let Some(o) = bound(*other).and_then(|o| doc.claims.get(o)) {
                        until = until.min(o.span().start);
                    }
                    continue;
                }
                _ => {}
            }
            if let Some(found) = lookup(doc, &self.pool, path, bound)
                && found.len() < best.len()
            {
                best = found;
            }
        }
        if from == 0 && until == usize::MAX {
            return best;
        }
        // Candidates are in document order: the claims starting in [from, until] are a slice.
        let start_of = |i: &usize| doc.claims.get(*i).map_or(0, |c| c.span().start);
        let lo = best.partition_point(|i| start_of(i) < from);
        let hi = best.partition_point(|i| start_of(i) <= until).max(lo);
        match best {
            Cow::Borrowed(b) => Cow::Borrowed(&b[lo..hi]),
            Cow::Owned(mut v) => {
                v.truncate(hi);
                v.drain(..lo);
                Cow::Owned(v)
            }
        }
    }
}

fn build(doc: &DocumentView, pool: &[usize], path: &Access) -> Built {
    let keyed = |key: Key, other: usize| {
        let mut map: FxHashMap<u64, Vec<usize>> = FxHashMap::default();
        for &i in pool {
            if let Some(k) = key.of(doc, i, false) {
                map.entry(k).or_default().push(i);
            }
        }
        Built::Keyed { key, other, map }
    };
    match path {
        Access::Sentence { other } => keyed(Key::Sentence, *other),
        Access::Section { other } => keyed(Key::Section, *other),
        Access::SameText {
            field,
            other,
            other_field,
        } => keyed(
            Key::Text {
                own: *field,
                other: *other_field,
            },
            *other,
        ),
        Access::SameThing { other } => keyed(Key::Frame, *other),
        Access::Echo { other } => keyed(Key::Echo, *other),
        Access::Paragraphs { other, apart } => {
            let (mut numbers, mut claims) = (Vec::new(), Vec::new());
            for &i in pool {
                if let Some(p) = doc.paragraph_of(doc.claims[i].span().start) {
                    numbers.push(p);
                    claims.push(i);
                }
            }
            Built::Paragraphs {
                other: *other,
                apart: *apart,
                numbers,
                claims,
            }
        }
        Access::After { other } => Built::After { other: *other },
        Access::Before { other } => Built::Before { other: *other },
        Access::Bracket { other } => Built::Bracket { other: *other },
        Access::Opening { title } => {
            let opening = doc.opening_claims(*title);
            Built::Opening(
                pool.iter()
                    .copied()
                    .filter(|i| opening.binary_search(i).is_ok())
                    .collect(),
            )
        }
        Access::Either(a, b) => {
            Built::Either(Box::new(build(doc, pool, a)), Box::new(build(doc, pool, b)))
        }
    }
}

/// The candidates of one path; `None` when it does not apply (an earlier binding holds a set,
/// or a range of positions, which [`Indexed::candidates`] applies to every path).
fn lookup<'s>(
    doc: &DocumentView,
    pool: &'s [usize],
    path: &'s Built,
    bound: &dyn Fn(usize) -> Option<usize>,
) -> Option<Cow<'s, [usize]>> {
    let start_of = |i: &usize| doc.claims.get(*i).map_or(0, |c| c.span().start);
    match path {
        Built::Keyed { key, other, map } => {
            let other = bound(*other)?;
            let found = key
                .of(doc, other, true)
                .and_then(|k| map.get(&k))
                .map_or(&[][..], Vec::as_slice);
            Some(Cow::Borrowed(found))
        }
        Built::Paragraphs {
            other,
            apart,
            numbers,
            claims,
        } => {
            let other = doc.claims.get(bound(*other)?)?;
            let Some(p) = doc.paragraph_of(other.span().start) else {
                return Some(Cow::Borrowed(&[]));
            };
            let lo = numbers.partition_point(|&n| n < p.saturating_sub(*apart));
            let hi = numbers.partition_point(|&n| n <= p.saturating_add(*apart));
            Some(Cow::Borrowed(&claims[lo..hi.max(lo)]))
        }
        Built::Bracket { other } => {
            let end = doc.claims.get(bound(*other)?)?.span().end;
            let lo = pool.partition_point(|i| start_of(i) < end);
            let hi = pool.partition_point(|i| start_of(i) <= end.saturating_add(CONVERSION_REACH));
            Some(Cow::Borrowed(&pool[lo..hi.max(lo)]))
        }
        Built::Opening(claims) => Some(Cow::Borrowed(claims)),
        Built::After { .. } | Built::Before { .. } => None,
        Built::Either(a, b) => {
            let (a, b) = (lookup(doc, pool, a, bound)?, lookup(doc, pool, b, bound)?);
            Some(Cow::Owned(union(&a, &b)))
        }
    }
}

/// Two sorted lists of claims merged, without repeats.
fn union(a: &[usize], b: &[usize]) -> Vec<usize> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        let next = match (a.get(i), b.get(j)) {
            (Some(&x), Some(&y)) if x <= y => {
                i += 1;
                if x == y {
                    j += 1;
                }
                x
            }
            (_, Some(&y)) => {
                j += 1;
                y
            }
            (Some(&x), None) => {
                i += 1;
                x
            }
            (None, None) => break,
        };
        out.push(next);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn union_merges_in_order_without_repeats() {
        assert_eq!(union(&[1, 3, 5], &[2, 3, 6]), vec![1, 2, 3, 5, 6]);
        assert_eq!(union(&[], &[4]), vec![4]);
        assert_eq!(union(&[4], &[]), vec![4]);
    }
}
