//! One finding per wrong figure. A rule that requires two figures of the same kind to agree
//! (`let a`, `let b`, `require a ~= b`) fails once for each pair that disagrees; when one figure
//! disagrees with several others that agree among themselves, that figure is the finding, once,
//! naming the others. Figures that disagree in more than one way (a roster: 15 people, 15
//! sentences, 15 different figures) are a series of different things, not one figure stated
//! wrongly, and give no finding.

use rustc_hash::FxHashMap;

use super::finding::{Finding, Label};

/// A failed pair: the two claims and the finding the rule gave for it.
pub struct Disagreement {
    pub a: usize,
    pub b: usize,
    pub finding: Finding,
}

/// The findings that stand for `disagreements`: per group of figures linked by disagreement,
/// one finding when one figure is in every disagreement of the group and the others agree
/// among themselves (each pair of them is in `agreements`), none otherwise.
pub fn odd_ones_out(
    disagreements: Vec<Disagreement>,
    agreements: &[(usize, usize)],
) -> Vec<Finding> {
    // Only agreements between figures of some disagreement matter: a long report agrees with
    // itself in far more pairs than it disagrees.
    let involved: rustc_hash::FxHashSet<usize> =
        disagreements.iter().flat_map(|d| [d.a, d.b]).collect();
    let agreed: rustc_hash::FxHashSet<(usize, usize)> = agreements
        .iter()
        .filter(|(a, b)| involved.contains(a) && involved.contains(b))
        .map(|&(a, b)| (a.min(b), a.max(b)))
        .collect();
    let mut groups = Groups::default();
    for d in &disagreements {
        groups.join(d.a, d.b);
    }
    let mut by_group: FxHashMap<usize, Vec<Disagreement>> = FxHashMap::default();
    for d in disagreements {
        by_group.entry(groups.root(d.a)).or_default().push(d);
    }
    let mut groups: Vec<Vec<Disagreement>> = by_group.into_values().collect();
    groups.sort_by_key(|g| g.iter().map(|d| d.a.min(d.b)).min());
    groups
        .into_iter()
        .filter_map(|g| one_finding(g, &agreed))
        .collect()
}

/// The one finding of a group, if one figure is in all its disagreements and the others agree.
fn one_finding(
    mut group: Vec<Disagreement>,
    agreed: &rustc_hash::FxHashSet<(usize, usize)>,
) -> Option<Finding> {
    if group.len() == 1 {
        return group.pop().map(|d| d.finding);
    }
    let first = &group[0];
    let odd = [first.a, first.b]
        .into_iter()
        .find(|&x| group.iter().all(|d| d.a == x || d.b == x))?;
    // "80.6 years" for women against "78.5" for one group and "74.0" for another: the others
    // must have been found to agree with each other, not merely never compared.
    let others: Vec<usize> = group
        .iter()
        .map(|d| if d.a == odd { d.b } else { d.a })
        .collect();
    let all_agree = others.iter().enumerate().all(|(i, &x)| {
        others[i + 1..]
            .iter()
            .all(|&y| agreed.contains(&(x.min(y), x.max(y))))
    });
    if !all_agree {
        return None;
    }
    group.sort_by_key(|d| if d.a == odd { d.b } else { d.a });
    let mut rest = group.into_iter();
    let mut finding = rest.next()?.finding;
    let others = rest.len();
    for d in rest {
        // The other figure's label: the one not yet among the finding's.
        for label in d.finding.labels {
            let known = finding
                .labels
                .iter()
                .any(|l| l.start == label.start && l.end == label.end);
            if !known {
                finding.labels.push(Label {
                    label: format!("also: {}", label.label),
                    ..label
                });
            }
        }
    }
    finding.message = format!(
        "{} ({} other mention{} agree{} with the first)",
        finding.message,
        others,
        if others == 1 { "" } else { "s" },
        if others == 1 { "s" } else { "" },
    );
    Some(finding)
}

/// Groups of claims, by union and find.
#[derive(Default)]
struct Groups {
    parent: FxHashMap<usize, usize>,
}

impl Groups {
    fn root(&mut self, x: usize) -> usize {
        let mut r = x;
        while let Some(&p) = self.parent.get(&r) {
            if p == r {
                break;
            }
            r = p;
        }
        // Path halving is not needed for the few claims a group holds; set the root directly.
        self.parent.insert(x, r);
        r
    }

    fn join(&mut self, a: usize, b: usize) {
        self.parent.entry(a).or_insert(a);
        self.parent.entry(b).or_insert(b);
        let (ra, rb) = (self.root(a), self.root(b));
        if ra != rb {
            self.parent.insert(ra.max(rb), ra.min(rb));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(a: usize, b: usize) -> Disagreement {
        let mut finding = Finding::fired("r", a * 10, a * 10 + 1);
        finding.labels.push(Label {
            start: b * 10,
            end: b * 10 + 1,
            label: "there".into(),
        });
        Disagreement { a, b, finding }
    }

    #[test]
    fn a_single_disagreement_is_its_finding() {
        let out = odd_ones_out(vec![d(1, 2)], &[]);
        assert_eq!(out.len(), 1);
    }

    #[test]
    fn one_figure_against_agreeing_others_is_one_finding() {
        // 3 disagrees with 1 and 2, which agree: one finding, on 3, naming both.
        let out = odd_ones_out(vec![d(1, 3), d(2, 3)], &[(1, 2)]);
        assert_eq!(out.len(), 1);
        let spans: Vec<usize> = out[0].labels.iter().map(|l| l.start).collect();
        assert!(spans.contains(&30) && spans.contains(&10) && spans.contains(&20));
        assert!(out[0].message.contains("1 other mention agrees"));
    }

    #[test]
    fn a_series_of_different_figures_gives_none() {
        // 1, 2 and 3 all differ: a roster, not a figure restated wrongly.
        assert!(odd_ones_out(vec![d(1, 2), d(1, 3), d(2, 3)], &[]).is_empty());
        // Two pairs that agree within and differ across: {1, 2} against {3, 4}.
        assert!(
            odd_ones_out(vec![d(1, 3), d(1, 4), d(2, 3), d(2, 4)], &[(1, 2), (3, 4)]).is_empty()
        );
    }

    #[test]
    fn separate_groups_are_judged_apart() {
        let out = odd_ones_out(vec![d(1, 2), d(5, 7), d(6, 7)], &[(5, 6)]);
        assert_eq!(out.len(), 2);
    }

    #[test]
    fn others_never_compared_are_no_majority() {
        // 3 differs from 1 and from 2, but 1 and 2 were never found to agree.
        assert!(odd_ones_out(vec![d(1, 3), d(2, 3)], &[]).is_empty());
    }
}
