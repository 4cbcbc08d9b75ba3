//! The built-in functions, predicates and filters, and the fields of claims: one table each.
//!
//! The checker reads arity, role and argument kinds from here; `docs/dsl.md` lists the same
//! signatures (a test keeps the two in step). A *filter* narrows the claims a binding takes and
//! stands only in that binding's `where`, where it reads the claim being bound; a *predicate*
//! and a *function* name all their arguments and stand anywhere.

use crate::rules::ast::ClaimKind;

/// Every built-in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Builtin {
    Count,
    Sum,
    Min,
    Max,
    Abs,
    Rate,
    SameMeasure,
    SameFrame,
    SameContext,
    Headline,
    Converts,
    Restates,
    Parallel,
    Near,
    Scope,
    Dimension,
    Currency,
    Exact,
    Before,
    After,
    Follows,
    SameSentence,
    SameParagraph,
    SameSection,
    Close,
}

/// Where a built-in may stand and what it reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// Computes a value from its arguments.
    Function,
    /// A condition on its arguments.
    Predicate,
    /// A condition on the claim being bound, inside `where`.
    Filter,
}

/// What an argument must be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Param {
    /// A text, a pattern or a concept: words to look for.
    Words,
    /// A place or organisation, by name.
    Place,
    /// A dimension's name, bare: `mass`, `money`, `count`.
    DimensionName,
    /// An ISO 4217 code, bare: `EUR`.
    CurrencyCode,
    /// Another claim (a binding).
    Claim,
    /// A quantity claim.
    Quantity,
    /// Another claim, or words in the text.
    ClaimOrWords,
    /// A set, a list claim, or an `all` binding.
    Collection,
    /// Numbers, dates, or a set of them.
    Ordered,
    /// A number.
    Number,
}

/// One entry of the table.
#[derive(Clone, Copy, Debug)]
pub struct BuiltinInfo {
    pub builtin: Builtin,
    pub name: &'static str,
    pub role: Role,
    /// The argument kinds; the last one repeats when `variadic`.
    pub params: &'static [Param],
    pub variadic: bool,
    /// For filters: the claim kinds they apply to.
    pub applies_to: &'static [ClaimKind],
    /// As documented: `near(words...) -> condition`.
    pub signature: &'static str,
    pub doc: &'static str,
}

impl BuiltinInfo {
    pub fn min_args(&self) -> usize {
        self.params.len()
    }

    pub fn max_args(&self) -> Option<usize> {
        (!self.variadic).then_some(self.params.len())
    }

    /// "1 argument", "2 arguments", "1 or more arguments".
    pub fn arity(&self) -> String {
        let n = self.params.len();
        let noun = if n == 1 && !self.variadic {
            "argument"
        } else {
            "arguments"
        };
        match (self.variadic, n) {
            (true, _) => format!("{n} or more {noun}"),
            (false, 0) => "no arguments".into(),
            (false, _) => format!("{n} {noun}"),
        }
    }
}

const ALL_KINDS: &[ClaimKind] = &ClaimKind::ALL;
const QUANTITY: &[ClaimKind] = &[ClaimKind::Quantity];

/// The table.
pub const BUILTINS: &[BuiltinInfo] = &[
    BuiltinInfo {
        builtin: Builtin::Count,
        name: "count",
        role: Role::Function,
        params: &[Param::Collection],
        variadic: false,
        applies_to: &[],
        signature: "count(set | list | all-binding) -> count",
        doc: "How many: elements of a set, items of a list claim, claims of an `all` binding.",
    },
    BuiltinInfo {
        builtin: Builtin::Sum,
        name: "sum",
        role: Role::Function,
        params: &[Param::Collection],
        variadic: false,
        applies_to: &[],
        signature: "sum(set of numbers | all-binding of quantities) -> number",
        doc: "The total, in the elements' dimension; the sum of intervals is an interval.",
    },
    BuiltinInfo {
        builtin: Builtin::Min,
        name: "min",
        role: Role::Function,
        params: &[Param::Ordered],
        variadic: true,
        applies_to: &[],
        signature: "min(numbers or dates..., or one set of them) -> number | date",
        doc: "The smallest of its arguments, or of the elements of one set.",
    },
    BuiltinInfo {
        builtin: Builtin::Max,
        name: "max",
        role: Role::Function,
        params: &[Param::Ordered],
        variadic: true,
        applies_to: &[],
        signature: "max(numbers or dates..., or one set of them) -> number | date",
        doc: "The largest of its arguments, or of the elements of one set.",
    },
    BuiltinInfo {
        builtin: Builtin::Abs,
        name: "abs",
        role: Role::Function,
        params: &[Param::Number],
        variadic: false,
        applies_to: &[],
        signature: "abs(number) -> number",
        doc: "The magnitude of a number, in its dimension.",
    },
    BuiltinInfo {
        builtin: Builtin::Rate,
        name: "rate",
        role: Role::Function,
        params: &[Param::Quantity, Param::Quantity],
        variadic: false,
        applies_to: &[],
        signature: "rate(quantity, quantity) -> count",
        doc: "The second figure divided by the first, each in its base unit: for money in two \
              currencies, the exchange rate (units of the second currency per unit of the first).",
    },
    BuiltinInfo {
        builtin: Builtin::Converts,
        name: "converts",
        role: Role::Predicate,
        params: &[Param::Quantity, Param::Quantity],
        variadic: false,
        applies_to: &[],
        signature: "converts(quantity, quantity) -> condition",
        doc: "The second figure restates the first in another unit or currency, in brackets right \
              after it: \"5 miles (8 km)\", \"$1.13bn (£600m)\", \"1.55bn euros ($2bn; £1.1bn)\".",
    },
    BuiltinInfo {
        builtin: Builtin::SameMeasure,
        name: "same_measure",
        role: Role::Predicate,
        params: &[Param::Quantity, Param::Quantity],
        variadic: false,
        applies_to: &[],
        signature: "same_measure(quantity, quantity) -> condition",
        doc: "Two different figures that measure the same thing: the same dimension, subject, \
              predicate and scope (a missing subject, predicate or scope matches none).",
    },
    BuiltinInfo {
        builtin: Builtin::SameFrame,
        name: "same_frame",
        role: Role::Predicate,
        params: &[Param::Quantity, Param::Quantity],
        variadic: false,
        applies_to: &[],
        signature: "same_frame(quantity, quantity) -> condition",
        doc: "Two figures about the same thing: units that convert, the same thing (head noun \
              and pinning words), verb, owner, time, places, whole, distribution and comparison \
              form, and something besides the bare noun that pins the figure down (an owner, a \
              pinning word, or a verb with a time of its own sentence). A field stated for one \
              and not for the other is no match; two indefinite mentions (\"a $5m grant\") are \
              two things; thresholds, brackets and classes (a `role`) are never the same.",
    },
    BuiltinInfo {
        builtin: Builtin::SameContext,
        name: "same_context",
        role: Role::Predicate,
        params: &[Param::Quantity, Param::Quantity],
        variadic: false,
        applies_to: &[],
        signature: "same_context(quantity, quantity) -> condition",
        doc: "Two figures that hold in one context: the same owner and the same time, or either \
              unknown for one of them. For a part and its whole, which count different words.",
    },
    BuiltinInfo {
        builtin: Builtin::Headline,
        name: "headline",
        role: Role::Predicate,
        params: &[Param::Quantity, Param::Quantity],
        variadic: false,
        applies_to: &[],
        signature: "headline(quantity, quantity) -> condition",
        doc: "The first figure is the title's only figure of its kind and the second the first \
              figure of that kind in the opening sentence, about the same thing as far as \
              their frames tell.",
    },
    BuiltinInfo {
        builtin: Builtin::Restates,
        name: "restates",
        role: Role::Predicate,
        params: &[Param::Quantity, Param::Quantity],
        variadic: false,
        applies_to: &[],
        signature: "restates(quantity, quantity) -> condition",
        doc: "The second figure states the first one again: the title's only figure of its \
              kind and the first figure of that kind in the opening sentence; or the same \
              measure in two sentences with the same words before the figure and, after it, \
              the same words up to the end of the shorter sentence.",
    },
    BuiltinInfo {
        builtin: Builtin::Parallel,
        name: "parallel",
        role: Role::Predicate,
        params: &[Param::Quantity, Param::Quantity],
        variadic: false,
        applies_to: &[],
        signature: "parallel(quantity, quantity) -> condition",
        doc: "The two figures stand in parallel sentences: each sentence states other figures, \
              some of them of one measure with some of the other's, and none of those agrees \
              with any of the other sentence's (the same measure reported for different \
              groups, not one fact stated twice).",
    },
    BuiltinInfo {
        builtin: Builtin::Near,
        name: "near",
        role: Role::Filter,
        params: &[Param::Words],
        variadic: true,
        applies_to: ALL_KINDS,
        signature: "near(words...) -> condition",
        doc: "The claim's sentence has a word that begins with one of the texts (any case; \
              `\"participat\"` matches \"participating\"), a phrase, a match of a pattern, or a \
              word of a concept.",
    },
    BuiltinInfo {
        builtin: Builtin::Scope,
        name: "scope",
        role: Role::Filter,
        params: &[Param::Place],
        variadic: true,
        applies_to: QUANTITY,
        signature: "scope(places...) -> condition",
        doc: "The figure's scope names one of the places or organisations (by name or alias).",
    },
    BuiltinInfo {
        builtin: Builtin::Dimension,
        name: "dimension",
        role: Role::Filter,
        params: &[Param::DimensionName],
        variadic: false,
        applies_to: QUANTITY,
        signature: "dimension(name) -> condition",
        doc: "The figure measures this dimension (`mass`, `count`, `money`, ...). At the top \
              of a `where`, it also gives the binding's type that dimension.",
    },
    BuiltinInfo {
        builtin: Builtin::Currency,
        name: "currency",
        role: Role::Filter,
        params: &[Param::CurrencyCode],
        variadic: false,
        applies_to: QUANTITY,
        signature: "currency(code) -> condition",
        doc: "The figure is money in this currency (`EUR`). At the top of a `where`, it also \
              gives the binding's type that currency.",
    },
    BuiltinInfo {
        builtin: Builtin::Exact,
        name: "exact",
        role: Role::Filter,
        params: &[],
        variadic: false,
        applies_to: QUANTITY,
        signature: "exact() -> condition",
        doc: "The figure is stated without a hedge such as \"about\" or \"over\".",
    },
    BuiltinInfo {
        builtin: Builtin::Before,
        name: "before",
        role: Role::Filter,
        params: &[Param::ClaimOrWords],
        variadic: false,
        applies_to: ALL_KINDS,
        signature: "before(claim | words) -> condition",
        doc: "The claim ends before the other claim starts; or, given words, it stands before \
              them in its sentence.",
    },
    BuiltinInfo {
        builtin: Builtin::After,
        name: "after",
        role: Role::Filter,
        params: &[Param::ClaimOrWords],
        variadic: false,
        applies_to: ALL_KINDS,
        signature: "after(claim | words) -> condition",
        doc: "The claim starts after the other claim ends; or, given words, it stands after \
              them in its sentence (a list after \"as well as\").",
    },
    BuiltinInfo {
        builtin: Builtin::Follows,
        name: "follows",
        role: Role::Filter,
        params: &[Param::Words],
        variadic: true,
        applies_to: ALL_KINDS,
        signature: "follows(words...) -> condition",
        doc: "The claim comes right after one of the texts, patterns or concept words, with \
              nothing but spaces, commas or brackets between: \"an increase of\" before \
              \"$2m\".",
    },
    BuiltinInfo {
        builtin: Builtin::SameSentence,
        name: "same_sentence",
        role: Role::Filter,
        params: &[Param::Claim],
        variadic: false,
        applies_to: ALL_KINDS,
        signature: "same_sentence(claim) -> condition",
        doc: "The claim is in the same sentence as the other claim.",
    },
    BuiltinInfo {
        builtin: Builtin::SameParagraph,
        name: "same_paragraph",
        role: Role::Filter,
        params: &[Param::Claim],
        variadic: false,
        applies_to: ALL_KINDS,
        signature: "same_paragraph(claim) -> condition",
        doc: "The claim is in the same paragraph as the other claim.",
    },
    BuiltinInfo {
        builtin: Builtin::SameSection,
        name: "same_section",
        role: Role::Filter,
        params: &[Param::Claim],
        variadic: false,
        applies_to: ALL_KINDS,
        signature: "same_section(claim) -> condition",
        doc: "The claim is in the same section as the other claim: between the same headings or page breaks.",
    },
    BuiltinInfo {
        builtin: Builtin::Close,
        name: "close",
        role: Role::Filter,
        params: &[Param::Claim, Param::Number],
        variadic: false,
        applies_to: ALL_KINDS,
        signature: "close(claim, number) -> condition",
        doc: "The claim is at most that many paragraphs from the other claim (0: the same \
              paragraph): a part finds its whole nearby, not anywhere in a long report.",
    },
];

/// The built-in of this name.
pub fn builtin(name: &str) -> Option<&'static BuiltinInfo> {
    BUILTINS.iter().find(|b| b.name == name)
}

/// A field of a claim or of the document, and what it holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    /// A quantity's figure, a date's date, a period's range.
    Value,
    Subject,
    Predicate,
    Scope,
    PartOf,
    Unit,
    Currency,
    Approx,
    Thing,
    Owner,
    Time,
    Distribution,
    Comparison,
    Role,
    Items,
    Intro,
    Head,
    From,
    Until,
    /// The words of the claim as written.
    Text,
}

/// What a field's value is; the dimension of `value` is the claim's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldType {
    ClaimValue,
    Text,
    TextSet,
    Date,
}

/// One field: on which kind, its name, its type, what it means.
#[derive(Clone, Copy, Debug)]
pub struct FieldInfo {
    pub kind: ClaimKind,
    pub name: &'static str,
    pub field: Field,
    pub ty: FieldType,
    pub doc: &'static str,
}

const fn field(
    kind: ClaimKind,
    name: &'static str,
    field: Field,
    ty: FieldType,
    doc: &'static str,
) -> FieldInfo {
    FieldInfo {
        kind,
        name,
        field,
        ty,
        doc,
    }
}

use ClaimKind::{Date as D, List as L, Period as P, Quantity as Q};
use FieldType as T;

/// The fields of each claim kind (see `docs/claims.md` for what the extractor fills in).
pub const FIELDS: &[FieldInfo] = &[
    field(
        Q,
        "value",
        Field::Value,
        T::ClaimValue,
        "the figure, an interval in its unit",
    ),
    field(
        Q,
        "subject",
        Field::Subject,
        T::Text,
        "what is counted or measured, as a lemma",
    ),
    field(
        Q,
        "predicate",
        Field::Predicate,
        T::Text,
        "the governing verb's lemma",
    ),
    field(
        Q,
        "scope",
        Field::Scope,
        T::TextSet,
        "the places and organisations that qualify it",
    ),
    field(
        Q,
        "part_of",
        Field::PartOf,
        T::Text,
        "for \"Ninety of the arrests\": the whole's lemma",
    ),
    field(
        Q,
        "thing",
        Field::Thing,
        T::Text,
        "the frame's thing: the counted noun with its pinning words, as lemmas",
    ),
    field(
        Q,
        "owner",
        Field::Owner,
        T::Text,
        "the frame's owner: whose figure it is (a name as written)",
    ),
    field(
        Q,
        "time",
        Field::Time,
        T::Text,
        "the frame's time: `2019`, `2019-03`, `FY2019`, `2019-Q3`, `previous year`",
    ),
    field(
        Q,
        "distribution",
        Field::Distribution,
        T::Text,
        "the frame's distribution: `each`, `total`, `average`, `median`, `per year`, ...",
    ),
    field(
        Q,
        "comparison",
        Field::Comparison,
        T::Text,
        "the frame's comparison form: `times`, `more`, `less`, `change`, `from`",
    ),
    field(
        Q,
        "role",
        Field::Role,
        T::Text,
        "the frame's role when the figure qualifies a noun: `threshold`, `bracket`, `class`",
    ),
    field(
        Q,
        "unit",
        Field::Unit,
        T::Text,
        "the unit's symbol: `t`, `EUR`, `%`",
    ),
    field(
        Q,
        "currency",
        Field::Currency,
        T::Text,
        "for money, the currency's ISO 4217 code: `EUR`; else empty",
    ),
    field(
        Q,
        "approx",
        Field::Approx,
        T::Text,
        "the hedge: `exact`, `over`, `about`, ...",
    ),
    field(Q, "text", Field::Text, T::Text, "the words as written"),
    field(
        L,
        "items",
        Field::Items,
        T::TextSet,
        "the items' canonical names",
    ),
    field(
        L,
        "intro",
        Field::Intro,
        T::Text,
        "the phrase before the list: `as well as`",
    ),
    field(
        L,
        "head",
        Field::Head,
        T::Text,
        "the plural noun whose items the list names: `marque` in \"three marques - BMW, Mini and Rolls-Royce\"",
    ),
    field(L, "text", Field::Text, T::Text, "the words as written"),
    field(D, "value", Field::Value, T::ClaimValue, "the date"),
    field(D, "text", Field::Text, T::Text, "the words as written"),
    field(
        P,
        "value",
        Field::Value,
        T::ClaimValue,
        "the period, from its first to its last day",
    ),
    field(P, "from", Field::From, T::Date, "the first day"),
    field(P, "until", Field::Until, T::Date, "the last day"),
    field(P, "text", Field::Text, T::Text, "the words as written"),
];

/// The field of this name on this kind of claim.
pub fn field_of(kind: ClaimKind, name: &str) -> Option<&'static FieldInfo> {
    FIELDS.iter().find(|f| f.kind == kind && f.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_documented() {
        for (n, b) in BUILTINS.iter().enumerate() {
            assert!(BUILTINS[..n].iter().all(|o| o.name != b.name), "{}", b.name);
            assert!(b.signature.starts_with(&format!("{}(", b.name)));
            assert_eq!(
                b.role == Role::Filter,
                !b.applies_to.is_empty(),
                "{}",
                b.name
            );
        }
        assert_eq!(
            builtin("near").map(|b| b.arity()),
            Some("1 or more arguments".into())
        );
        assert_eq!(builtin("abs").map(|b| b.arity()), Some("1 argument".into()));
        assert!(field_of(ClaimKind::Period, "from").is_some());
        assert!(field_of(ClaimKind::List, "value").is_none());
    }
}
