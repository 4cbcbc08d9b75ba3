//! The values an expression evaluates to, and their comparisons in three-valued logic.

use crate::calendar::PartialDate;
use crate::rules::checked::Comparison;

use super::measure::Measure;
use super::truth::Truth;

/// A runtime value. Claims are indices into the document's claims.
#[derive(Clone, Debug)]
pub enum Val {
    Num(Measure),
    /// A date covers every day from its first to its last ("2014" is a whole year).
    Date(PartialDate),
    Text(String),
    Regex(regex::Regex),
    Bool(Truth),
    Set(Vec<Val>),
    /// `a to b`, both ends included.
    Range(Box<Val>, Box<Val>),
    Claim(usize),
    Claims(Vec<usize>),
    /// Nothing can be told: a date the document does not give, a fact not known then.
    Unknown,
}

impl Val {
    pub fn truth(&self) -> Truth {
        match self {
            Val::Bool(t) => *t,
            _ => Truth::Unknown,
        }
    }
}

/// The days a date covers, as a measure in days: comparisons of dates then are comparisons
/// of intervals, so "2014" is neither before nor after "2014-09-22".
pub fn days(date: PartialDate) -> Measure {
    let mut m = Measure::exact(date.first_day() as f64, "date");
    m.hi = date.last_day() as f64;
    m
}

/// Compares two values: numbers and dates as intervals, texts by equality.
pub fn compare(op: Comparison, lhs: &Val, rhs: &Val, tolerance: f64) -> Truth {
    let (a, b) = match (lhs, rhs) {
        (Val::Num(a), Val::Num(b)) if a.commensurable(b) => (a.clone(), b.clone()),
        (Val::Date(a), Val::Date(b)) => (days(*a), days(*b)),
        (Val::Text(a), Val::Text(b)) => {
            let equal = Truth::from_bool(a.eq_ignore_ascii_case(b));
            return match op {
                Comparison::Eq | Comparison::Approx => equal,
                Comparison::Ne => equal.not(),
                _ => Truth::Unknown,
            };
        }
        _ => return Truth::Unknown,
    };
    match op {
        Comparison::Eq => a.equals(&b),
        Comparison::Ne => a.equals(&b).not(),
        Comparison::Approx => a.approx_equals(&b, tolerance),
        Comparison::Lt => a.less_than(&b),
        Comparison::Le => a.at_most(&b),
        Comparison::Gt => b.less_than(&a),
        Comparison::Ge => b.at_most(&a),
    }
}

/// Is `element` one of `set`'s elements (texts, numbers or dates)?
pub fn member(element: &Val, set: &[Val]) -> Truth {
    let mut result = Truth::Fails;
    for candidate in set {
        result = result.or(compare(Comparison::Eq, element, candidate, 0.0));
        if result == Truth::Holds {
            break;
        }
    }
    result
}

/// Every value of `inner` lies within `outer`: a number or date in a range, a set in a set.
pub fn within(inner: &Val, outer: &Val) -> Truth {
    match (inner, outer) {
        (_, Val::Unknown) | (Val::Unknown, _) => Truth::Unknown,
        (Val::Set(elements), Val::Set(set)) => elements
            .iter()
            .fold(Truth::Holds, |acc, e| acc.and(member(e, set))),
        (value, Val::Range(lo, hi)) => {
            let above = compare(Comparison::Ge, value, lo, 0.0);
            let below = compare(Comparison::Le, value, hi, 0.0);
            match (above, below) {
                (Truth::Holds, Truth::Holds) => Truth::Holds,
                // Entirely outside on one side.
                _ if compare(Comparison::Lt, value, lo, 0.0) == Truth::Holds
                    || compare(Comparison::Gt, value, hi, 0.0) == Truth::Holds =>
                {
                    Truth::Fails
                }
                _ => Truth::Unknown,
            }
        }
        (value, Val::Set(set)) => member(value, set),
        (Val::Num(a), Val::Num(b)) if a.commensurable(b) => a.within(b),
        _ => Truth::Unknown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_figure_within_another() {
        let num = |lo: f64, hi: f64, hi_open: bool| {
            let mut m = Measure::exact(lo, "count");
            m.hi = hi;
            m.hi_open = hi_open;
            Val::Num(m)
        };
        let nearly_1000 = num(900.0, 1000.0, true);
        assert_eq!(
            within(&num(1027.0, 1027.0, false), &nearly_1000),
            Truth::Fails
        );
        assert_eq!(
            within(&num(1000.0, 1000.0, false), &nearly_1000),
            Truth::Fails
        );
        assert_eq!(
            within(&num(950.0, 950.0, false), &nearly_1000),
            Truth::Holds
        );
        assert_eq!(
            within(&num(950.0, 1050.0, false), &nearly_1000),
            Truth::Unknown
        );
    }

    fn date(s: &str) -> Val {
        Val::Date(s.parse().unwrap())
    }

    #[test]
    fn dates_compare_as_the_days_they_cover() {
        assert_eq!(
            compare(
                Comparison::Lt,
                &date("2014-09-22"),
                &date("2020-02-01"),
                0.0
            ),
            Truth::Holds
        );
        assert_eq!(
            compare(Comparison::Lt, &date("2014"), &date("2014-09-22"), 0.0),
            Truth::Unknown
        );
        assert_eq!(
            compare(Comparison::Ge, &date("2021"), &date("2020-02-01"), 0.0),
            Truth::Holds
        );
    }

    #[test]
    fn sets_and_ranges() {
        let set = vec![Val::Text("Malta".into()), Val::Text("France".into())];
        assert_eq!(member(&Val::Text("malta".into()), &set), Truth::Holds);
        assert_eq!(member(&Val::Text("Norway".into()), &set), Truth::Fails);
        let range = Val::Range(Box::new(date("1958-01-01")), Box::new(date("2100-01-01")));
        assert_eq!(within(&date("2014-09-15"), &range), Truth::Holds);
        assert_eq!(within(&date("1950"), &range), Truth::Fails);
        assert_eq!(
            within(&Val::Set(vec![Val::Text("Malta".into())]), &Val::Set(set)),
            Truth::Holds
        );
    }
}
