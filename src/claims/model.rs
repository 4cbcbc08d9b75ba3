//! The claim model: what the extractor produces and what rules read.
//!
//! Serialized as documented in `docs/claims.md`; the same JSON reads back, so another
//! extractor can feed factlint.

use serde::{Deserialize, Serialize};

use crate::calendar::PartialDate;

/// A byte range `[start, end)` in the original file.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Self { start, end }
    }

    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }
}

/// A set of real numbers between two bounds. An infinite bound is `null` in JSON.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Interval {
    #[serde(with = "lower_bound")]
    pub lo: f64,
    #[serde(with = "upper_bound")]
    pub hi: f64,
    /// The lower bound itself is excluded ("over 1,000").
    #[serde(default, skip_serializing_if = "is_false")]
    pub lo_open: bool,
    /// The upper bound itself is excluded (1.3 stands for [1.25, 1.35)).
    #[serde(default, skip_serializing_if = "is_false")]
    pub hi_open: bool,
}

fn is_false(b: &bool) -> bool {
    !*b
}

impl Interval {
    pub fn exact(x: f64) -> Self {
        Self {
            lo: x,
            hi: x,
            lo_open: false,
            hi_open: false,
        }
    }

    pub fn closed(lo: f64, hi: f64) -> Self {
        Self {
            lo,
            hi,
            lo_open: false,
            hi_open: false,
        }
    }

    pub fn half_open(lo: f64, hi: f64) -> Self {
        Self {
            lo,
            hi,
            lo_open: false,
            hi_open: true,
        }
    }

    pub fn contains(&self, x: f64) -> bool {
        let above = if self.lo_open {
            x > self.lo
        } else {
            x >= self.lo
        };
        let below = if self.hi_open {
            x < self.hi
        } else {
            x <= self.hi
        };
        above && below
    }

    pub fn scale(&self, factor: f64) -> Self {
        let (lo, hi) = (self.lo * factor, self.hi * factor);
        if factor >= 0.0 {
            Self { lo, hi, ..*self }
        } else {
            Self {
                lo: hi,
                hi: lo,
                lo_open: self.hi_open,
                hi_open: self.lo_open,
            }
        }
    }
}

/// JSON has no infinity: an unbounded side is written as `null`.
fn serialize_bound<S: serde::Serializer>(x: f64, s: S) -> Result<S::Ok, S::Error> {
    if x.is_finite() {
        s.serialize_f64(x)
    } else {
        s.serialize_none()
    }
}

mod lower_bound {
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(x: &f64, s: S) -> Result<S::Ok, S::Error> {
        super::serialize_bound(*x, s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
        Ok(Option::<f64>::deserialize(d)?.unwrap_or(f64::NEG_INFINITY))
    }
}

mod upper_bound {
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(x: &f64, s: S) -> Result<S::Ok, S::Error> {
        super::serialize_bound(*x, s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
        Ok(Option::<f64>::deserialize(d)?.unwrap_or(f64::INFINITY))
    }
}

/// How a figure is hedged in the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Approx {
    /// Stated as is: "1,027".
    Exact,
    /// "over", "more than", "above": strictly more.
    Over,
    /// "at least", "or more".
    AtLeast,
    /// "under", "fewer than", "less than": strictly less.
    Under,
    /// "up to", "at most", "as many as".
    AtMost,
    /// "nearly", "almost", "just under": a little below.
    Nearly,
    /// "about", "around", "some": a little either side.
    About,
    /// "hundreds of", "dozens of": an order of magnitude.
    Vague,
}

/// What kind of thing a figure measures. Figures compare only within one dimension.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Unit {
    /// `count`, `mass`, `length`, `money`, `percent`, `percentage_point`, `duration`, `age`, ...
    pub dimension: String,
    /// The unit as shown to people: `kg`, `t`, `EUR bn`, `million`, `%`.
    pub symbol: String,
    /// Multiplies the stated value into the dimension's base unit (kg, m, 1 for counts,
    /// one unit of the currency for money).
    pub factor: f64,
    /// Added after the factor (temperatures only).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub offset: f64,
    /// ISO 4217 code, for money.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
}

fn is_zero(x: &f64) -> bool {
    *x == 0.0
}

impl Unit {
    pub fn count() -> Self {
        Self::new("count", "", 1.0)
    }

    pub fn new(dimension: &str, symbol: &str, factor: f64) -> Self {
        Self {
            dimension: dimension.to_string(),
            symbol: symbol.to_string(),
            factor,
            offset: 0.0,
            currency: None,
        }
    }

    /// The same dimension and currency: values convert into each other.
    pub fn commensurable(&self, other: &Unit) -> bool {
        self.dimension == other.dimension && self.currency == other.currency
    }
}

/// A figure: "1.3 kilograms of heroin", "over 1,000 arrests", "€2.5bn".
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Quantity {
    pub start: usize,
    pub end: usize,
    pub text: String,
    /// The values the text allows, in the stated unit, after precision and approximation.
    pub value: Interval,
    /// The figure as written, in the stated unit: 1.3 for "1.3 tonnes".
    pub nominal: f64,
    pub approx: Approx,
    pub unit: Unit,
    /// What is counted or measured, as a lemma: `arrest`, `member state`, `heroin`.
    pub subject: Option<String>,
    /// The governing verb's lemma: `arrest`, `seize`.
    pub predicate: Option<String>,
    /// Places and organisations that qualify the figure, by canonical name.
    #[serde(default)]
    pub scope: Vec<String>,
    /// For partitives ("Ninety of the arrests"): the lemma of the whole.
    pub part_of: Option<String>,
    /// What the figure is about beyond its subject: whose, when, how it distributes. Boxed:
    /// most claims are read far less often than they are moved.
    #[serde(default)]
    pub frame: Box<Frame>,
    pub sentence: Span,
}

/// What a figure is about, beyond its subject, scope and whole: the thing with the words that
/// pin it down, whose figure it is, when it holds, how it distributes and whether it compares.
/// A field the text does not state is `None`: unknown, never a wildcard. See docs/claims.md.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Frame {
    /// The figure stands in an indefinite noun phrase ("a $200 billion investment", "an
    /// investment of $88 million"): it introduces something new, so two such figures are two
    /// things, not one stated twice.
    #[serde(default, skip_serializing_if = "is_false")]
    pub indefinite: bool,
    /// The counted or measured thing as lemmas in text order, with its pinning modifiers:
    /// "visa overstay rate", "count of burglary", "stake in brewer".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thing: Option<String>,
    /// Whose figure it is: the person, organisation, product or place the clause is about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// When it holds: "2019", "2019-03", "FY2019", "2019-Q3", "2018..2019", "previous year".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time: Option<String>,
    /// The time is not stated in the figure's sentence but carried from an earlier sentence of
    /// its paragraph or from its section's heading: it tells two figures apart when both have
    /// a time, but a figure without one may still be the same.
    #[serde(default, skip_serializing_if = "is_false")]
    pub time_from_context: bool,
    /// How it distributes: "each", "total", "average", "median", "per year", ...
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub distribution: Option<String>,
    /// A figure that compares rather than states an amount: "times" ("16 times faster"),
    /// "more", "less", "change" ("rose 5%").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comparison: Option<String>,
    /// A figure that qualifies rather than states an amount of the story: `threshold` ("<5
    /// µg/dL", "under the age of 16"), `bracket` ("students aged 12–17 years") or `class`
    /// ("a 15-minute period", "a two-color format"); or `cell`, a cell of a table run into
    /// text ("Mining 810 22.6 612"), whose neighbouring words are labels, not its frame. Such
    /// figures recur with other values as categories or cells, never as one fact restated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// The figure's clause is hypothetical ("would have been attributable to an increase of
    /// $13.0 million", "could save $5m"): it is never the same as a figure stated as fact.
    #[serde(default, skip_serializing_if = "is_false")]
    pub hypothetical: bool,
}

/// One item of a list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListItem {
    pub text: String,
    pub start: usize,
    pub end: usize,
    /// `country`, `organisation`, `city`, ...; `name` for a proper name not in the gazetteer.
    pub class: String,
    pub canonical: String,
}

/// Coordinated items of one class: "Australia, Colombia, Norway and the USA".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct List {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub items: Vec<ListItem>,
    /// The phrase that introduces the list: "as well as", "including".
    pub intro: Option<String>,
    /// The plural noun the list names every item of, as a lemma: "marque" in "its three
    /// marques - BMW, Mini and Rolls-Royce". Only when a link such as a dash, a colon or
    /// "were" joins the noun to the list.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub head: Option<String>,
    pub sentence: Span,
}

/// A calendar date: "15 September 2014", "2014", "last week".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateClaim {
    pub start: usize,
    pub end: usize,
    pub text: String,
    /// `None` when the text needs a document date that is not known ("last week").
    pub value: Option<PartialDate>,
    /// Resolved against the document date ("last week", "on Monday", "September 15").
    #[serde(default, skip_serializing_if = "is_false")]
    pub relative: bool,
    pub sentence: Span,
}

/// A stretch of time: "between September 15 and 23".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Period {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub from: Option<PartialDate>,
    pub until: Option<PartialDate>,
    pub sentence: Span,
}

/// Anything the extractor found that a rule can check.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Claim {
    Quantity(Quantity),
    List(List),
    Date(DateClaim),
    Period(Period),
}

impl Claim {
    pub fn span(&self) -> Span {
        match self {
            Claim::Quantity(q) => Span::new(q.start, q.end),
            Claim::List(l) => Span::new(l.start, l.end),
            Claim::Date(d) => Span::new(d.start, d.end),
            Claim::Period(p) => Span::new(p.start, p.end),
        }
    }

    pub fn kind(&self) -> &'static str {
        match self {
            Claim::Quantity(_) => "quantity",
            Claim::List(_) => "list",
            Claim::Date(_) => "date",
            Claim::Period(_) => "period",
        }
    }

    pub fn text(&self) -> &str {
        match self {
            Claim::Quantity(q) => &q.text,
            Claim::List(l) => &l.text,
            Claim::Date(d) => &d.text,
            Claim::Period(p) => &p.text,
        }
    }
}
