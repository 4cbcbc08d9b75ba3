//! Figures as sets of values in a dimension's base unit, and what can be said about them.
//!
//! "1.3 tonnes" is [1250, 1350) kg, so "1,300 kg" agrees with it and "1,400 kg" does not.
//! A comparison holds when it holds for every pair of values the two figures allow, fails when
//! it fails for every pair, and cannot tell otherwise.

use crate::claims::{Interval, Quantity, Unit};

use super::truth::Truth;

/// A figure in base units: kg for mass, one for counts, one unit of the currency for money.
#[derive(Clone, Debug, PartialEq)]
pub struct Measure {
    pub lo: f64,
    pub hi: f64,
    pub lo_open: bool,
    pub hi_open: bool,
    pub dimension: String,
    pub currency: Option<String>,
}

impl Measure {
    pub fn exact(x: f64, dimension: &str) -> Self {
        Measure {
            lo: x,
            hi: x,
            lo_open: false,
            hi_open: false,
            dimension: dimension.to_string(),
            currency: None,
        }
    }

    /// A claim's value converted into its dimension's base unit.
    pub fn of(q: &Quantity) -> Self {
        Self::from_interval(&q.value, &q.unit)
    }

    pub fn from_interval(v: &Interval, unit: &Unit) -> Self {
        let scaled = v.scale(unit.factor);
        Measure {
            lo: scaled.lo + unit.offset,
            hi: scaled.hi + unit.offset,
            lo_open: scaled.lo_open,
            hi_open: scaled.hi_open,
            dimension: unit.dimension.clone(),
            currency: unit.currency.clone(),
        }
    }

    pub fn is_point(&self) -> bool {
        self.lo == self.hi && !self.lo_open && !self.hi_open
    }

    /// Same dimension and currency: the two can be compared.
    pub fn commensurable(&self, other: &Measure) -> bool {
        self.dimension == other.dimension && self.currency == other.currency
    }

    /// Widened on each side by `slack`, in base units.
    pub fn widened_by(&self, slack: f64) -> Measure {
        if slack <= 0.0 {
            return self.clone();
        }
        Measure {
            lo: self.lo - slack,
            hi: self.hi + slack,
            lo_open: false,
            hi_open: false,
            ..self.clone()
        }
    }

    /// Every value of `self` is below every value of `other`.
    fn entirely_below(&self, other: &Measure) -> bool {
        self.hi < other.lo || (self.hi == other.lo && (self.hi_open || other.lo_open))
    }

    /// No value is in both.
    pub fn disjoint(&self, other: &Measure) -> bool {
        self.entirely_below(other) || other.entirely_below(self)
    }

    /// `a within b`: every value of `self` is in `outer` (holds), none is (fails), or some are.
    pub fn within(&self, outer: &Measure) -> Truth {
        let lo_inside =
            outer.lo < self.lo || (outer.lo == self.lo && (!outer.lo_open || self.lo_open));
        let hi_inside =
            self.hi < outer.hi || (self.hi == outer.hi && (!outer.hi_open || self.hi_open));
        if self.disjoint(outer) {
            Truth::Fails
        } else if lo_inside && hi_inside {
            Truth::Holds
        } else {
            Truth::Unknown
        }
    }

    pub fn equals(&self, other: &Measure) -> Truth {
        if self.disjoint(other) {
            Truth::Fails
        } else if self.is_point() && other.is_point() {
            Truth::Holds
        } else {
            Truth::Unknown
        }
    }

    /// `~=`: the two agree within `tolerance` (a share, 0.05 for 5 %) of the larger of the
    /// two, applied once: fails only when the gap between the figures' intervals is wider than
    /// that. With no tolerance, the intervals must meet.
    pub fn approx_equals(&self, other: &Measure, tolerance: f64) -> Truth {
        let slack = tolerance * self.magnitude().max(other.magnitude());
        Truth::from_bool(!self.widened_by(slack).disjoint(other))
    }

    /// The largest absolute finite bound.
    fn magnitude(&self) -> f64 {
        [self.lo, self.hi]
            .into_iter()
            .filter(|x| x.is_finite())
            .fold(0.0f64, |m, x| m.max(x.abs()))
    }

    pub fn less_than(&self, other: &Measure) -> Truth {
        if self.entirely_below(other) {
            Truth::Holds
        } else if self.lo > other.hi || (self.lo == other.hi && !self.lo_open && !other.hi_open) {
            Truth::Fails
        } else {
            Truth::Unknown
        }
    }

    pub fn at_most(&self, other: &Measure) -> Truth {
        if self.hi <= other.lo {
            Truth::Holds
        } else if other.entirely_below(self) {
            Truth::Fails
        } else {
            Truth::Unknown
        }
    }

    pub fn add(&self, other: &Measure) -> Measure {
        Measure {
            lo: self.lo + other.lo,
            hi: self.hi + other.hi,
            lo_open: self.lo_open || other.lo_open,
            hi_open: self.hi_open || other.hi_open,
            ..self.clone()
        }
    }

    pub fn sub(&self, other: &Measure) -> Measure {
        Measure {
            lo: self.lo - other.hi,
            hi: self.hi - other.lo,
            lo_open: self.lo_open || other.hi_open,
            hi_open: self.hi_open || other.lo_open,
            ..self.clone()
        }
    }

    /// Interval product; the dimension is the left operand's (the checker allows only a plain
    /// number on one side).
    pub fn mul(&self, other: &Measure) -> Measure {
        let products = [
            self.lo * other.lo,
            self.lo * other.hi,
            self.hi * other.lo,
            self.hi * other.hi,
        ];
        let lo = products
            .iter()
            .copied()
            .filter(|x| !x.is_nan())
            .fold(f64::INFINITY, f64::min);
        let hi = products
            .iter()
            .copied()
            .filter(|x| !x.is_nan())
            .fold(f64::NEG_INFINITY, f64::max);
        let dimension = if self.dimension == "count" {
            other.clone()
        } else {
            self.clone()
        };
        Measure {
            lo,
            hi,
            lo_open: false,
            hi_open: false,
            ..dimension
        }
    }

    /// Interval quotient; `None` when the divisor may be zero.
    pub fn div(&self, other: &Measure) -> Option<Measure> {
        if other.lo <= 0.0 && other.hi >= 0.0 {
            return None;
        }
        let inverse = Measure {
            lo: 1.0 / other.hi,
            hi: 1.0 / other.lo,
            lo_open: false,
            hi_open: false,
            ..other.clone()
        };
        let mut q = self.mul(&inverse);
        if self.commensurable(other) {
            q.dimension = "count".to_string();
            q.currency = None;
        } else {
            q.dimension = self.dimension.clone();
            q.currency = self.currency.clone();
        }
        Some(q)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(lo: f64, hi: f64) -> Measure {
        Measure {
            lo,
            hi,
            lo_open: false,
            hi_open: false,
            dimension: "mass".into(),
            currency: None,
        }
    }

    #[test]
    fn tonnes_and_kilograms() {
        let tonnes = Measure::from_interval(
            &Interval::half_open(1.25, 1.35),
            &Unit::new("mass", "t", 1000.0),
        );
        assert_eq!(tonnes.equals(&m(1300.0, 1300.0)), Truth::Unknown); // agrees: no finding
        assert_eq!(tonnes.equals(&m(1400.0, 1400.0)), Truth::Fails);
        assert_eq!(tonnes.equals(&m(1350.0, 1350.0)), Truth::Fails); // [1250, 1350) excludes 1350
        assert_eq!(m(2000.0, 2000.0).at_most(&tonnes), Truth::Fails);
        assert_eq!(m(1000.0, 1000.0).at_most(&tonnes), Truth::Holds);
    }

    #[test]
    fn approximate_equality_and_order() {
        assert_eq!(
            m(100.0, 100.0).approx_equals(&m(104.0, 104.0), 0.05),
            Truth::Holds
        );
        assert_eq!(
            m(100.0, 100.0).approx_equals(&m(120.0, 120.0), 0.05),
            Truth::Fails
        );
        assert_eq!(m(1.0, 2.0).less_than(&m(3.0, 4.0)), Truth::Holds);
        assert_eq!(m(3.0, 4.0).less_than(&m(1.0, 2.0)), Truth::Fails);
        assert_eq!(m(1.0, 3.0).less_than(&m(2.0, 4.0)), Truth::Unknown);
    }

    #[test]
    fn interval_arithmetic() {
        let sum = m(1.0, 2.0).add(&m(10.0, 20.0));
        assert_eq!((sum.lo, sum.hi), (11.0, 22.0));
        let diff = m(10.0, 20.0).sub(&m(1.0, 2.0));
        assert_eq!((diff.lo, diff.hi), (8.0, 19.0));
        assert!(m(1.0, 2.0).div(&m(-1.0, 1.0)).is_none());
        let q = m(10.0, 10.0).div(&m(2.0, 5.0)).unwrap();
        assert_eq!((q.lo, q.hi, q.dimension.as_str()), (2.0, 5.0, "count"));
    }
}
