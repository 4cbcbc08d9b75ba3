//! Static types of rule expressions, and what each operator accepts.
//!
//! A number's type carries its dimension (mass, count, money, ...) and, for money, its
//! currency, when they are known before a document is read: from a literal (`1.3 t`), or from
//! a binding's `dimension(...)` or `currency(...)` filter. Unknown parts match anything and
//! are decided per claim by the evaluator.

use std::fmt;

use crate::rules::ast::{BinaryOp, ClaimKind};

/// What a number measures, as far as it is known before any document is read.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Dim {
    /// `count`, `mass`, `money`, `percent`, ...; `None` when unknown.
    pub dimension: Option<String>,
    /// The ISO 4217 code of money; `None` when unknown or not money.
    pub currency: Option<String>,
}

impl Dim {
    pub fn known(dimension: &str, currency: Option<&str>) -> Self {
        Dim {
            dimension: Some(dimension.to_string()),
            currency: currency.map(str::to_string),
        }
    }

    pub fn count() -> Self {
        Dim::known("count", None)
    }

    pub fn is(&self, dimension: &str) -> bool {
        self.dimension.as_deref() == Some(dimension)
    }

    /// The dimension both sides can have, or `None` when they cannot be the same.
    pub fn unify(&self, other: &Dim) -> Option<Dim> {
        let pick = |a: &Option<String>, b: &Option<String>| match (a, b) {
            (Some(x), Some(y)) if x != y => Err(()),
            (Some(x), _) | (_, Some(x)) => Ok(Some(x.clone())),
            _ => Ok(None),
        };
        Some(Dim {
            dimension: pick(&self.dimension, &other.dimension).ok()?,
            currency: pick(&self.currency, &other.currency).ok()?,
        })
    }

    /// The dimension of a product: a count or a percentage scales the other side. Factlint
    /// has no compound units, so mass times length has none.
    pub fn product(&self, other: &Dim) -> Option<Dim> {
        let scales = |d: &Dim| d.is("count") || d.is("percent");
        if scales(self) {
            Some(other.clone())
        } else if scales(other) {
            Some(self.clone())
        } else if self.dimension.is_none() || other.dimension.is_none() {
            Some(Dim::default())
        } else {
            None
        }
    }

    /// The dimension of a quotient: like by like is a ratio (a count); anything by a count
    /// keeps its dimension.
    pub fn quotient(&self, other: &Dim) -> Option<Dim> {
        if other.is("count") || other.is("percent") {
            Some(self.clone())
        } else if self.dimension.is_some() && other.dimension.is_some() {
            self.unify(other).map(|_| Dim::count())
        } else {
            Some(Dim::default())
        }
    }
}

impl fmt::Display for Dim {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.dimension, &self.currency) {
            (None, _) => write!(f, "a number"),
            (Some(d), _) if d == "count" => write!(f, "a count"),
            (Some(_), Some(c)) => write!(f, "money in {c}"),
            (Some(d), None) if d == "money" => write!(f, "money"),
            (Some(d), None) => write!(f, "a {}", d.replace('_', " ")),
        }
    }
}

/// The kind of claim a binding holds; for a quantity, what it measures.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum ClaimType {
    Quantity(Dim),
    List,
    Date,
    Period,
}

impl ClaimType {
    pub fn kind(&self) -> ClaimKind {
        match self {
            ClaimType::Quantity(_) => ClaimKind::Quantity,
            ClaimType::List => ClaimKind::List,
            ClaimType::Date => ClaimKind::Date,
            ClaimType::Period => ClaimKind::Period,
        }
    }

    /// What the claim stands for in a calculation: its value.
    pub fn value_type(&self) -> Type {
        match self {
            ClaimType::Quantity(d) => Type::Number(d.clone()),
            ClaimType::List => Type::Set(Box::new(Type::Text)),
            ClaimType::Date => Type::Date,
            ClaimType::Period => Type::Range(Box::new(Type::Date)),
        }
    }
}

/// The static type of an expression.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Type {
    /// A condition: holds, fails, or cannot tell.
    Bool,
    Number(Dim),
    Date,
    /// `a to b`, a period: every value between two ends, both included.
    Range(Box<Type>),
    Text,
    /// `/pattern/`
    Regex,
    Set(Box<Type>),
    /// A claim bound by `let`.
    Claim(ClaimType),
    /// The element type of an empty set: anything.
    Unknown,
}

impl Type {
    pub fn count() -> Self {
        Type::Number(Dim::count())
    }

    /// Both types can describe the same values; the more precise of the two.
    pub fn unify(&self, other: &Type) -> Option<Type> {
        match (self, other) {
            (Type::Unknown, t) | (t, Type::Unknown) => Some(t.clone()),
            (Type::Number(a), Type::Number(b)) => a.unify(b).map(Type::Number),
            (Type::Range(a), Type::Range(b)) => a.unify(b).map(|t| Type::Range(Box::new(t))),
            (Type::Set(a), Type::Set(b)) => a.unify(b).map(|t| Type::Set(Box::new(t))),
            (a, b) if a == b => Some(a.clone()),
            _ => None,
        }
    }

    /// A claim as a value; other types as they are.
    pub fn value(&self) -> Type {
        match self {
            Type::Claim(c) => c.value_type(),
            t => t.clone(),
        }
    }
}

impl fmt::Display for Type {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Type::Bool => write!(f, "a condition"),
            Type::Number(d) => write!(f, "{d}"),
            Type::Date => write!(f, "a date"),
            Type::Range(t) => match t.as_ref() {
                Type::Date => write!(f, "a period"),
                t => write!(f, "a range of {}", plural(t)),
            },
            Type::Text => write!(f, "a text"),
            Type::Regex => write!(f, "a pattern"),
            Type::Set(t) => write!(f, "a set of {}", plural(t)),
            Type::Claim(ClaimType::Quantity(d)) if d.dimension.is_some() => {
                write!(f, "a quantity ({d})")
            }
            Type::Claim(c) => write!(f, "a {} claim", c.kind().as_str()),
            Type::Unknown => write!(f, "anything"),
        }
    }
}

/// "texts", "counts", "mass figures": a type in the plural, for "a set of ...".
fn plural(t: &Type) -> String {
    match t {
        Type::Number(d) if d.dimension.is_none() => "numbers".into(),
        Type::Number(d) if d.is("count") => "counts".into(),
        Type::Number(d) => format!("{} figures", d.to_string().trim_start_matches("a ")),
        Type::Text => "texts".into(),
        Type::Date => "dates".into(),
        Type::Claim(c) => format!("{} claims", c.kind().as_str()),
        t => format!("({t})"),
    }
}

/// The operators whose operands are numbers.
pub fn is_arithmetic(op: BinaryOp) -> bool {
    matches!(
        op,
        BinaryOp::Add | BinaryOp::Sub | BinaryOp::Mul | BinaryOp::Div
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dimensions_combine_as_documented() {
        let mass = Dim::known("mass", None);
        let eur = Dim::known("money", Some("EUR"));
        let usd = Dim::known("money", Some("USD"));
        assert_eq!(mass.unify(&Dim::default()), Some(mass.clone()));
        assert_eq!(mass.unify(&Dim::count()), None);
        assert_eq!(eur.unify(&usd), None);
        assert_eq!(eur.unify(&Dim::known("money", None)), Some(eur.clone()));
        assert_eq!(Dim::count().product(&mass), Some(mass.clone()));
        assert_eq!(Dim::known("percent", None).product(&eur), Some(eur.clone()));
        assert_eq!(mass.product(&Dim::known("length", None)), None);
        assert_eq!(mass.quotient(&mass), Some(Dim::count()));
        assert_eq!(eur.quotient(&usd), None);
        assert_eq!(
            Type::Set(Box::new(Type::Text)).to_string(),
            "a set of texts"
        );
        assert_eq!(Type::Number(eur).to_string(), "money in EUR");
    }
}
