//! Rules against a document: bind each rule's `let`s to claims (a join), evaluate its
//! requirements in three-valued logic, and report a finding for each definite failure.
//!
//! Each binding finds its candidates through the indexes of a plan ([`super::plan`]), so the
//! work grows with the claims and the pairs that can match, not with all pairs. A safety limit
//! remains against rules whose plan is a cross product: reaching it is an error finding on the
//! document, never a silent skip.

use crate::calendar::PartialDate;
use crate::claims::{Approx, Claim};
use crate::rules::checked::{
    Arith, Binding, Builtin, Checked, ClaimKind, Comparison, Field, KbKind, MessagePart, Rule,
    RuleSet, Typed, Value as KbValue,
};

use super::consensus::{Disagreement, odd_ones_out};
use super::fields::text_field;
use super::finding::{Finding, Label, RuleOrigin, Severity};
use super::measure::Measure;
use super::plan::{Indexed, access_paths};
use super::predicates::{DocumentView, before, same_measure, same_sentence};
use super::truth::Truth;
use super::value::{Val, compare, member, within};

/// The texts (and the words of sets and concepts) and the patterns among a filter's arguments.
fn words_and_patterns(values: &[Val]) -> (Vec<String>, Vec<regex::Regex>) {
    let mut words = Vec::new();
    let mut patterns = Vec::new();
    for v in values {
        match v {
            Val::Text(t) => words.push(t.clone()),
            Val::Set(s) => words.extend(s.iter().filter_map(|x| match x {
                Val::Text(t) => Some(t.clone()),
                _ => None,
            })),
            Val::Regex(r) => patterns.push(r.clone()),
            _ => {}
        }
    }
    (words, patterns)
}

/// The safety limit on one rule's work on one document: this many steps (a claim tested
/// against a filter, a combination checked), plus [`DEFAULT_STEPS_PER_CLAIM`] for each claim.
/// A planned rule does a few steps per claim and per pair that can match; a cross product of
/// unrestricted bindings does one per pair of claims, and only that meets the limit.
pub const DEFAULT_BUDGET: usize = 2_000_000;
pub const DEFAULT_STEPS_PER_CLAIM: usize = 1_000;

/// Documents with fewer claims are evaluated without a plan: for them, building the indexes
/// costs more than it saves.
pub const PLAN_MIN_CLAIMS: usize = 200;

/// What evaluation needs besides the rules and the document.
#[derive(Debug, Clone, Copy)]
pub struct EvalOptions {
    pub date: Option<PartialDate>,
    /// The safety limit's steps for any document, and its steps for each claim.
    pub budget: usize,
    pub steps_per_claim: usize,
    /// Also report requirements that cannot be told, at info level.
    pub strict: bool,
    /// Find each binding's candidates through indexes (see [`super::plan`]); off, every
    /// claim of the pool is tried, which gives the same findings slowly.
    pub planned: bool,
    /// Plan only documents with at least this many claims ([`PLAN_MIN_CLAIMS`]).
    pub plan_min_claims: usize,
}

impl Default for EvalOptions {
    fn default() -> Self {
        EvalOptions {
            date: None,
            budget: DEFAULT_BUDGET,
            steps_per_claim: DEFAULT_STEPS_PER_CLAIM,
            strict: false,
            planned: true,
            plan_min_claims: PLAN_MIN_CLAIMS,
        }
    }
}

/// The findings of one document, with an error finding for each rule that met the safety
/// limit.
#[derive(Debug, Default)]
pub struct Evaluation {
    pub findings: Vec<Finding>,
}

/// Evaluates every rule of `rules` against one document.
pub fn evaluate(rules: &RuleSet, doc: &DocumentView, options: &EvalOptions) -> Evaluation {
    let mut out = Evaluation::default();
    let limit = options
        .budget
        .saturating_add(options.steps_per_claim.saturating_mul(doc.claims.len()));
    for rule in &rules.rules {
        let mut run = RuleRun {
            rules,
            rule,
            doc,
            options,
            limit,
            env: Vec::new(),
            tried: 0,
            disagreements: Vec::new(),
            agreements: Vec::new(),
            statements: rustc_hash::FxHashMap::default(),
            out: &mut out,
        };
        let plans = run.plan();
        run.bind(0, &plans);
        let disagreements = std::mem::take(&mut run.disagreements);
        let agreements = std::mem::take(&mut run.agreements);
        let over_limit = run.tried > limit;
        out.findings
            .extend(odd_ones_out(disagreements, &agreements));
        if over_limit {
            out.findings.push(limit_finding(rules, rule, limit));
        }
    }
    out.findings
        .sort_by_key(|f| (f.labels.first().map_or(0, |l| l.start), f.rule.clone()));
    // One contradiction found from each of its claims in turn ("45%, 40% and 25% of the
    // vote") is one finding: the same rule on the same words.
    let mut seen = std::collections::HashSet::new();
    out.findings.retain(|f| {
        let mut spans: Vec<(usize, usize)> = f.labels.iter().map(|l| (l.start, l.end)).collect();
        spans.sort_unstable();
        spans.dedup();
        seen.insert((f.rule.clone(), spans))
    });
    out
}

/// The error that stands for the findings a rule could not finish looking for.
fn limit_finding(rules: &RuleSet, rule: &Rule, limit: usize) -> Finding {
    let file = rules.file(rule.origin.file);
    Finding {
        rule: rule.id.clone(),
        severity: Severity::Error,
        message: format!(
            "rule {} stopped after {limit} steps on this document, so some of its findings may \
             be missing",
            rule.id
        ),
        labels: Vec::new(),
        help: Some(
            "the rule tries too many combinations of claims: tie each `let` to an earlier one \
             with a condition that narrows it (same_sentence, same_paragraph, close, \
             same_section, a field equality such as `b.subject == a.subject`, or same_frame)"
                .to_string(),
        ),
        origin: Some(RuleOrigin {
            file: file.name.clone(),
            line: file.line_of(rule.origin.span.start),
        }),
    }
}

/// One rule being evaluated: the claims bound so far.
struct RuleRun<'a, 'o> {
    rules: &'a RuleSet,
    rule: &'a Rule,
    doc: &'a DocumentView<'a>,
    options: &'a EvalOptions,
    /// The safety limit on `tried` for this document.
    limit: usize,
    env: Vec<Val>,
    tried: usize,
    /// For a rule that compares two figures: the pairs that disagree, reduced to one
    /// finding per wrong figure when the rule is done.
    disagreements: Vec<Disagreement>,
    /// For the same rules: the pairs that agree.
    agreements: Vec<(usize, usize)>,
    /// For rules that compare tuples of claims: each tuple's number.
    statements: rustc_hash::FxHashMap<Vec<usize>, usize>,
    out: &'o mut Evaluation,
}

/// A binding's filter in two parts: the conditions on its own claim, decided once per
/// document (they give its pool of claims), and the conditions that name earlier bindings,
/// decided for each combination. `a and b` holds only when both hold, so the split keeps the
/// meaning; it turns most joins from every claim against every claim into a few against a few.
struct Plan<'a> {
    pool: Indexed,
    joined: Vec<&'a Typed>,
}

impl<'a> RuleRun<'a, '_> {
    /// Each binding's pool: the claims of its kind and subject for which the conditions on the
    /// claim alone hold.
    fn plan(&mut self) -> Vec<Plan<'a>> {
        let rule = self.rule;
        // A short article's claims are tried all against all faster than indexes are built.
        let planned = self.options.planned && self.doc.claims.len() >= self.options.plan_min_claims;
        let mut pools = Vec::new();
        let mut paths = Vec::new();
        let mut joined = Vec::new();
        for (k, binding) in rule.bindings.iter().enumerate() {
            let part = |joined: bool| -> Vec<&'a Typed> {
                binding
                    .conditions
                    .iter()
                    .filter(|c| c.joined == joined)
                    .map(|c| &c.expr)
                    .collect()
            };
            let own = part(false);
            joined.push(part(true));
            // The conditions on the claim alone name no earlier binding: stand-ins fill their
            // places in the environment.
            self.env = vec![Val::Unknown; k];
            let mut pool = Vec::new();
            for i in 0..self.doc.claims.len() {
                self.tried += 1;
                if self.tried > self.limit {
                    break;
                }
                if self.selects(binding, &own, i) {
                    pool.push(i);
                }
            }
            self.env.clear();
            pools.push(pool);
            paths.push(if planned {
                access_paths(&binding.conditions, k)
            } else {
                Vec::new()
            });
        }
        // From the last binding back: a claim that leaves a later single binding without a
        // candidate can complete no combination, so it leaves its pool before that pool's
        // indexes are built (a semi-join, as in Yannakakis's algorithm). Only the later
        // binding's conditions that name this binding alone can be decided here.
        let mut indexed: Vec<Option<Indexed>> = (0..pools.len()).map(|_| None).collect();
        for k in (0..pools.len()).rev() {
            let mut pool = std::mem::take(&mut pools[k]);
            // An `all` binding is bound to its whole pool: none of it may leave.
            let reducible = planned && !rule.bindings[k].all;
            for (m, later) in indexed.iter().enumerate().skip(k + 1) {
                let Some(later) = later.as_ref().filter(|_| !rule.bindings[m].all) else {
                    continue;
                };
                let only_k: Vec<&Typed> = rule.bindings[m]
                    .conditions
                    .iter()
                    .filter(|c| c.names == [k])
                    .map(|c| &c.expr)
                    .collect();
                if only_k.is_empty() || !reducible {
                    continue;
                }
                pool.retain(|&c| {
                    self.env = vec![Val::Unknown; m];
                    self.env[k] = Val::Claim(c);
                    let bound = |j: usize| (j == k).then_some(c);
                    let candidates = later.candidates(self.doc, &bound);
                    candidates.iter().any(|&i| {
                        self.tried += 1;
                        self.holds_for(&only_k, i)
                    })
                });
                self.env.clear();
            }
            indexed[k] = Some(Indexed::new(self.doc, pool, &paths[k]));
        }
        indexed
            .into_iter()
            .zip(joined)
            .filter_map(|(pool, joined)| pool.map(|pool| Plan { pool, joined }))
            .collect()
    }

    /// Binds binding `k` and the ones after it, then checks the requirements. The depth is the
    /// number of `let`s of the rule, fixed by the rule file.
    fn bind(&mut self, k: usize, plans: &[Plan]) {
        if self.tried > self.limit {
            return;
        }
        let (Some(binding), Some(plan)) = (self.rule.bindings.get(k), plans.get(k)) else {
            self.tried += 1;
            self.check();
            return;
        };
        let env = &self.env;
        let bound = |j: usize| match env.get(j) {
            Some(Val::Claim(i)) => Some(*i),
            _ => None,
        };
        let pool = plan.pool.candidates(self.doc, &bound);
        let mut candidates = Vec::new();
        for &i in pool.iter() {
            // Filtering is work too: a long document must not take quadratic time unbounded.
            self.tried += 1;
            if self.tried > self.limit {
                return;
            }
            if self.holds_for(&plan.joined, i) {
                candidates.push(i);
            }
        }
        if binding.all {
            self.env.push(Val::Claims(candidates));
            self.bind(k + 1, plans);
            self.env.pop();
            return;
        }
        for i in candidates {
            self.env.push(Val::Claim(i));
            self.bind(k + 1, plans);
            self.env.pop();
            if self.tried > self.limit {
                return;
            }
        }
    }

    /// Claim `i` is of the binding's kind and subject, and `conditions` hold for it.
    fn selects(&mut self, binding: &Binding, conditions: &[&Typed], i: usize) -> bool {
        let claim = &self.doc.claims[i];
        let kind_matches = matches!(
            (binding.kind, claim),
            (ClaimKind::Quantity, Claim::Quantity(_))
                | (ClaimKind::List, Claim::List(_))
                | (ClaimKind::Date, Claim::Date(_))
                | (ClaimKind::Period, Claim::Period(_))
        );
        kind_matches && subject_matches(binding, claim) && self.holds_for(conditions, i)
    }

    /// Every one of `conditions` holds when claim `i` is the binding being decided.
    fn holds_for(&mut self, conditions: &[&Typed], i: usize) -> bool {
        // The filter sees this claim as the binding itself.
        self.env.push(Val::Claim(i));
        let holds = conditions
            .iter()
            .all(|c| self.eval_with_current(c, i).truth() == Truth::Holds);
        self.env.pop();
        holds
    }

    fn check(&mut self) {
        let pair = self.compared_pair();
        let mut holds = true;
        for requirement in &self.rule.requirements {
            let truth = self.eval(requirement).truth();
            holds &= truth == Truth::Holds;
            let severity = match truth {
                Truth::Fails => self.rule.severity,
                Truth::Unknown if self.options.strict => Severity::Info,
                _ => continue,
            };
            let finding = self.finding(severity, truth);
            match pair {
                Some((a, b)) if truth == Truth::Fails => {
                    self.disagreements.push(Disagreement { a, b, finding });
                }
                _ => self.out.findings.push(finding),
            }
        }
        if let (Some(pair), true) = (pair, holds) {
            self.agreements.push(pair);
        }
    }

    /// The two statements compared, when the rule requires that they agree (`==` or `~=`)
    /// and binds them as two halves of the same shape: two single claims of one kind (a figure
    /// stated twice), or two tuples of single claims with the same kinds in the same order (a
    /// conversion "$99 (£69)" against another, by four bindings). Their failures are reduced by
    /// [`odd_ones_out`], so a wrong statement is one finding however many others it meets. A
    /// tuple is numbered the first time it is met. A rule that orders its claims (a part and
    /// its whole) keeps a finding per pair.
    fn compared_pair(&mut self) -> Option<(usize, usize)> {
        let agreement = self.rule.requirements.iter().all(|r| {
            matches!(
                r.node,
                Checked::Compare {
                    op: Comparison::Eq | Comparison::Approx,
                    ..
                }
            )
        });
        let bindings = &self.rule.bindings;
        let half = bindings.len() / 2;
        let halves_alike = bindings.len() % 2 == 0
            && half > 0
            && bindings.iter().all(|b| !b.all)
            && (0..half).all(|k| bindings[k].kind == bindings[k + half].kind);
        if !agreement || !halves_alike {
            return None;
        }
        let claims: Vec<usize> = self
            .env
            .iter()
            .map(|v| match v {
                Val::Claim(i) => Some(*i),
                _ => None,
            })
            .collect::<Option<_>>()?;
        if half == 1 {
            return Some((claims[0], claims[1]));
        }
        let mut number = |tuple: &[usize]| {
            let next = self.statements.len();
            *self.statements.entry(tuple.to_vec()).or_insert(next)
        };
        let first = number(&claims[..half]);
        let second = number(&claims[half..]);
        Some((first, second))
    }

    fn finding(&mut self, severity: Severity, truth: Truth) -> Finding {
        let mut labels = Vec::new();
        for (binding, value) in self.rule.bindings.iter().zip(self.env.clone()) {
            let claims = match value {
                Val::Claim(i) => vec![i],
                Val::Claims(c) => c,
                _ => Vec::new(),
            };
            for i in claims {
                let claim = &self.doc.claims[i];
                let span = claim.span();
                labels.push(Label {
                    start: span.start,
                    end: span.end,
                    label: format!("{}: {}", binding.name, describe(claim)),
                });
            }
        }
        let mut message = self.message();
        if truth == Truth::Unknown {
            message = format!("cannot tell: {message}");
        }
        let file = self.rules.file(self.rule.origin.file);
        Finding {
            rule: self.rule.id.clone(),
            severity,
            message,
            labels,
            help: self.rule.help.clone(),
            origin: Some(RuleOrigin {
                file: file.name.clone(),
                line: file.line_of(self.rule.origin.span.start),
            }),
        }
    }

    fn message(&mut self) -> String {
        let parts = self.rule.message.clone();
        parts
            .iter()
            .map(|part| match part {
                MessagePart::Text(t) => t.clone(),
                MessagePart::Expr(e) => {
                    let value = self.eval(e);
                    self.show(&value)
                }
            })
            .collect()
    }

    /// A value as a person reads it in a message: claims as written.
    fn show(&self, value: &Val) -> String {
        match value {
            Val::Claim(i) => describe(&self.doc.claims[*i]),
            Val::Claims(c) => c
                .iter()
                .map(|i| describe(&self.doc.claims[*i]))
                .collect::<Vec<_>>()
                .join(", "),
            Val::Num(m) => show_measure(m),
            Val::Date(d) => d.to_string(),
            Val::Text(t) => t.clone(),
            Val::Regex(r) => format!("/{}/", r.as_str()),
            Val::Bool(t) => format!("{t:?}").to_lowercase(),
            Val::Set(s) => format!(
                "{{{}}}",
                s.iter()
                    .map(|v| self.show(v))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            Val::Range(a, b) => format!("{} to {}", self.show(a), self.show(b)),
            Val::Unknown => "unknown".to_string(),
        }
    }

    fn eval(&mut self, e: &Typed) -> Val {
        self.eval_with_current(e, usize::MAX)
    }

    /// Evaluates `e`; `current` is the claim a filter is deciding on (or `usize::MAX`).
    fn eval_with_current(&mut self, e: &Typed, current: usize) -> Val {
        match &e.node {
            Checked::Number { value, unit } => Val::Num(Measure::from_interval(
                &crate::claims::Interval::exact(*value),
                unit,
            )),
            Checked::Date(d) => Val::Date(*d),
            Checked::Text(t) => Val::Text(t.clone()),
            Checked::Regex { regex, .. } => Val::Regex(regex.clone()),
            Checked::Set(items) => Val::Set(
                items
                    .iter()
                    .map(|i| self.eval_with_current(i, current))
                    .collect(),
            ),
            Checked::Binding(id) => self.env.get(id.0).cloned().unwrap_or(Val::Unknown),
            Checked::Value(inner) => {
                let v = self.eval_with_current(inner, current);
                self.value_of(&v)
            }
            Checked::Field { object, field } => {
                let v = self.eval_with_current(object, current);
                self.field(&v, *field)
            }
            Checked::DocumentDate => self.options.date.map_or(Val::Unknown, Val::Date),
            Checked::Concept(id) => Val::Set(
                self.rules.concepts[id.0]
                    .words
                    .iter()
                    .map(|w| Val::Text(w.clone()))
                    .collect(),
            ),
            Checked::Kb { entry, at } => {
                let date = at.as_ref().map(|a| self.eval_with_current(a, current));
                self.kb(entry.0, date)
            }
            Checked::Not(x) => Val::Bool(self.eval_with_current(x, current).truth().not()),
            Checked::Neg(x) => match self.eval_with_current(x, current) {
                Val::Num(m) => Val::Num(Measure {
                    lo: -m.hi,
                    hi: -m.lo,
                    lo_open: m.hi_open,
                    hi_open: m.lo_open,
                    ..m
                }),
                _ => Val::Unknown,
            },
            Checked::And(a, b) => {
                let left = self.eval_with_current(a, current).truth();
                if left == Truth::Fails {
                    return Val::Bool(Truth::Fails);
                }
                Val::Bool(left.and(self.eval_with_current(b, current).truth()))
            }
            Checked::Or(a, b) => {
                let left = self.eval_with_current(a, current).truth();
                if left == Truth::Holds {
                    return Val::Bool(Truth::Holds);
                }
                Val::Bool(left.or(self.eval_with_current(b, current).truth()))
            }
            Checked::Compare { op, lhs, rhs } => {
                // Texts of claims and literals compare where they are, without copies.
                if matches!(op, Comparison::Eq | Comparison::Ne | Comparison::Approx)
                    && let (Some(a), Some(b)) = (self.text_of(lhs), self.text_of(rhs))
                {
                    let equal = Truth::from_bool(a.eq_ignore_ascii_case(b));
                    return Val::Bool(if *op == Comparison::Ne {
                        equal.not()
                    } else {
                        equal
                    });
                }
                let (a, b) = (
                    self.eval_with_current(lhs, current),
                    self.eval_with_current(rhs, current),
                );
                let (a, b) = (self.value_of(&a), self.value_of(&b));
                Val::Bool(compare(*op, &a, &b, self.rule.tolerance))
            }
            Checked::In {
                element,
                set,
                negated,
            } => {
                let element = self.eval_with_current(element, current);
                let element = self.value_of(&element);
                // A text in a concept: look at its words where they are, without a set.
                if let (Val::Text(t), Checked::Concept(id)) = (&element, &set.node) {
                    let words = &self.rules.concepts[id.0].words;
                    let found = words
                        .iter()
                        .any(|w| w.trim().eq_ignore_ascii_case(t.trim()));
                    let truth = Truth::from_bool(found);
                    return Val::Bool(if *negated { truth.not() } else { truth });
                }
                let set = self.eval_with_current(set, current);
                let truth = match (&element, self.value_of(&set)) {
                    (Val::Text(t), Val::Regex(r)) => Truth::from_bool(r.is_match(t)),
                    (_, Val::Set(s)) => member(&element, &s),
                    (_, range @ Val::Range(..)) => within(&element, &range),
                    _ => Truth::Unknown,
                };
                Val::Bool(if *negated { truth.not() } else { truth })
            }
            Checked::Within { inner, outer } => {
                let (a, b) = (
                    self.eval_with_current(inner, current),
                    self.eval_with_current(outer, current),
                );
                Val::Bool(within(&self.value_of(&a), &self.value_of(&b)))
            }
            Checked::Range { from, until } => {
                let (a, b) = (
                    self.eval_with_current(from, current),
                    self.eval_with_current(until, current),
                );
                Val::Range(Box::new(self.value_of(&a)), Box::new(self.value_of(&b)))
            }
            Checked::Arith { op, lhs, rhs } => {
                let (a, b) = (
                    self.eval_with_current(lhs, current),
                    self.eval_with_current(rhs, current),
                );
                match (self.value_of(&a), self.value_of(&b)) {
                    (Val::Num(a), Val::Num(b)) => match op {
                        Arith::Add => Val::Num(a.add(&b)),
                        Arith::Sub => Val::Num(a.sub(&b)),
                        Arith::Mul => Val::Num(a.mul(&b)),
                        Arith::Div => a.div(&b).map_or(Val::Unknown, Val::Num),
                    },
                    _ => Val::Unknown,
                }
            }
            Checked::Call { builtin, args } => self.call(*builtin, args, current),
        }
    }

    /// A claim where a value is needed: its figure, date, range or items.
    fn value_of(&self, v: &Val) -> Val {
        match v {
            Val::Claim(i) => match &self.doc.claims[*i] {
                Claim::Quantity(q) => Val::Num(Measure::of(q)),
                Claim::Date(d) => d.value.map_or(Val::Unknown, Val::Date),
                Claim::Period(p) => match (p.from, p.until) {
                    (Some(a), Some(b)) => {
                        Val::Range(Box::new(Val::Date(a)), Box::new(Val::Date(b)))
                    }
                    _ => Val::Unknown,
                },
                Claim::List(l) => Val::Set(
                    l.items
                        .iter()
                        .map(|it| Val::Text(it.canonical.clone()))
                        .collect(),
                ),
            },
            other => other.clone(),
        }
    }

    fn field(&self, v: &Val, field: Field) -> Val {
        let Val::Claim(i) = v else {
            return Val::Unknown;
        };
        let claim = &self.doc.claims[*i];
        if let Some(text) = text_field(claim, field) {
            return Val::Text(text.to_string());
        }
        match (claim, field) {
            (_, Field::Value) => self.value_of(v),
            (Claim::Quantity(q), Field::Scope) => {
                Val::Set(q.scope.iter().map(|s| Val::Text(s.clone())).collect())
            }
            (Claim::List(_), Field::Items) => self.value_of(v),
            (Claim::Period(p), Field::From) => p.from.map_or(Val::Unknown, Val::Date),
            (Claim::Period(p), Field::Until) => p.until.map_or(Val::Unknown, Val::Date),
            _ => Val::Unknown,
        }
    }

    /// A knowledge-base lookup: a table's names or a fact's value on a date.
    fn kb(&self, entry: usize, at: Option<Val>) -> Val {
        let entry = &self.rules.kb[entry];
        let date = match at {
            None => None,
            Some(Val::Date(d)) => Some(d),
            Some(_) => return Val::Unknown,
        };
        let holding: Vec<&KbValue> = match date {
            None => entry.rows.iter().map(|r| &r.value).collect(),
            Some(d) => {
                let (first, last) = (d.first_day(), d.last_day());
                let mut rows = Vec::new();
                for row in &entry.rows {
                    let starts = row.from.map_or(i64::MIN, |f| f.first_day());
                    let ends = row.until.map_or(i64::MAX, |u| u.last_day());
                    let covers_all = starts <= first && last <= ends;
                    let covers_some = starts <= last && first <= ends;
                    if covers_some && !covers_all {
                        return Val::Unknown; // the date spans a change: cannot tell
                    }
                    if covers_all {
                        rows.push(&row.value);
                    }
                }
                rows
            }
        };
        let to_val = |v: &KbValue| match v {
            KbValue::Number { value, unit } => Val::Num(Measure::from_interval(
                &crate::claims::Interval::exact(*value),
                unit,
            )),
            KbValue::Date(d) => Val::Date(*d),
            KbValue::Text(t) => Val::Text(t.clone()),
        };
        match entry.kind {
            KbKind::Table => Val::Set(holding.into_iter().map(to_val).collect()),
            KbKind::Fact => match holding.as_slice() {
                [one] => to_val(one),
                _ => Val::Unknown,
            },
        }
    }

    /// A text field of a bound claim, or a text literal, borrowed: `a.subject`, `"heroin"`.
    /// `None` for anything else, which is then evaluated the long way.
    fn text_of<'e>(&'e self, e: &'e Typed) -> Option<&'e str> {
        match &e.node {
            Checked::Text(t) => Some(t),
            Checked::Field { object, field } => {
                let Checked::Binding(id) = &object.node else {
                    return None;
                };
                let Some(Val::Claim(i)) = self.env.get(id.0) else {
                    return None;
                };
                text_field(&self.doc.claims[*i], *field)
            }
            _ => None,
        }
    }

    /// How many places scope a bound quantity (`count(q.scope)`), or items a bound list has
    /// (`count(l)`); `None` for anything else.
    fn count_in_place(&self, e: &Typed) -> Option<usize> {
        let bound = |b: &Typed| match &b.node {
            Checked::Binding(id) => match self.env.get(id.0) {
                Some(Val::Claim(i)) => self.doc.claims.get(*i),
                _ => None,
            },
            _ => None,
        };
        match &e.node {
            Checked::Field {
                object,
                field: Field::Scope,
            } => match bound(object)? {
                Claim::Quantity(q) => Some(q.scope.len()),
                _ => None,
            },
            Checked::Value(inner) => match bound(inner)? {
                Claim::List(l) => Some(l.items.len()),
                _ => None,
            },
            _ => match bound(e)? {
                Claim::List(l) => Some(l.items.len()),
                _ => None,
            },
        }
    }

    /// The words and patterns of a filter's literal arguments (texts, concepts, patterns),
    /// borrowed; `None` when an argument is computed.
    fn literal_words<'e>(
        &'e self,
        args: &'e [Typed],
    ) -> Option<(Vec<&'e str>, Vec<&'e regex::Regex>)> {
        let mut words = Vec::new();
        let mut patterns = Vec::new();
        for a in args {
            match &a.node {
                Checked::Text(t) => words.push(t.as_str()),
                Checked::Concept(id) => {
                    words.extend(self.rules.concepts[id.0].words.iter().map(String::as_str));
                }
                Checked::Regex { regex, .. } => patterns.push(regex),
                _ => return None,
            }
        }
        Some((words, patterns))
    }

    /// The predicates that relate two quantity claims by what the document says around them.
    fn is_pair_predicate(builtin: Builtin) -> bool {
        matches!(
            builtin,
            Builtin::Restates
                | Builtin::Parallel
                | Builtin::Converts
                | Builtin::SameFrame
                | Builtin::SameContext
                | Builtin::Headline
        )
    }

    /// One of [`Self::is_pair_predicate`]'s predicates on claims `a` and `b`.
    fn pair_holds(&self, builtin: Builtin, a: usize, b: usize) -> bool {
        match builtin {
            Builtin::Restates => self.doc.restates(a, b),
            Builtin::Parallel => self.doc.parallel(a, b),
            Builtin::Converts => self.doc.converts(a, b),
            Builtin::SameFrame => self.doc.same_frame(a, b),
            Builtin::SameContext => self.doc.same_context(a, b),
            Builtin::Headline => self.doc.headline(a, b),
            _ => false,
        }
    }

    fn call(&mut self, builtin: Builtin, args: &[Typed], current: usize) -> Val {
        let claim = self.doc.claims.get(current);
        let truth = |b: bool| Val::Bool(Truth::from_bool(b));
        // `count` of a claim's places or a list's items: counted where they are.
        if builtin == Builtin::Count
            && let Some(n) = args.first().and_then(|a| self.count_in_place(a))
        {
            return Val::Num(Measure::exact(n as f64, "count"));
        }
        // Predicates on bound claims, decided on the claims' indices without evaluating them.
        let bound = |a: &Typed| match &a.node {
            Checked::Binding(id) => match self.env.get(id.0) {
                Some(Val::Claim(i)) => Some(*i),
                _ => None,
            },
            _ => None,
        };
        match (builtin, args) {
            (_, [a, b]) if Self::is_pair_predicate(builtin) => {
                if let (Some(a), Some(b)) = (bound(a), bound(b)) {
                    return truth(self.pair_holds(builtin, a, b));
                }
            }
            (Builtin::Before | Builtin::After, [other]) => {
                if let (Some(c), Some(other)) = (claim, bound(other)) {
                    let other = &self.doc.claims[other];
                    return truth(if builtin == Builtin::After {
                        before(other, c)
                    } else {
                        before(c, other)
                    });
                }
            }
            (Builtin::SameSentence, [other]) => {
                if let (Some(c), Some(o)) = (claim, bound(other)) {
                    return truth(same_sentence(c, &self.doc.claims[o]) && current != o);
                }
            }
            _ => {}
        }
        // The filters most rules use read literal arguments: decided without evaluating them.
        match (builtin, claim) {
            (Builtin::Exact, Some(Claim::Quantity(q))) => return truth(q.approx == Approx::Exact),
            (Builtin::Dimension, Some(Claim::Quantity(q))) => {
                if let Some(Checked::Text(d)) = args.first().map(|a| &a.node) {
                    return truth(&q.unit.dimension == d);
                }
            }
            (Builtin::Near | Builtin::Follows, Some(c)) => {
                if let Some((words, patterns)) = self.literal_words(args) {
                    let found = if builtin == Builtin::Near {
                        self.near_words(c, &words, &patterns)
                    } else {
                        self.follows_words(c, &words, &patterns)
                    };
                    return truth(found);
                }
            }
            _ => {}
        }
        let values: Vec<Val> = args
            .iter()
            .map(|a| self.eval_with_current(a, current))
            .collect();
        let quantity = match claim {
            Some(Claim::Quantity(q)) => Some(q),
            _ => None,
        };
        match builtin {
            Builtin::Count => match values.first().map(|v| self.value_of(v)) {
                Some(Val::Set(s)) => Val::Num(Measure::exact(s.len() as f64, "count")),
                _ => match values.first() {
                    Some(Val::Claims(c)) => Val::Num(Measure::exact(c.len() as f64, "count")),
                    _ => Val::Unknown,
                },
            },
            Builtin::Sum => self.numbers(values.first()).map_or(Val::Unknown, |ns| {
                let mut it = ns.into_iter();
                it.next().map_or(Val::Unknown, |first| {
                    Val::Num(it.fold(first, |acc, n| acc.add(&n)))
                })
            }),
            Builtin::Min | Builtin::Max => {
                let ns = if values.len() == 1 {
                    self.numbers(values.first())
                } else {
                    values
                        .iter()
                        .map(|v| match self.value_of(v) {
                            Val::Num(m) => Some(m),
                            _ => None,
                        })
                        .collect()
                };
                ns.and_then(|ns| extreme(ns, builtin == Builtin::Min))
                    .map_or(Val::Unknown, Val::Num)
            }
            Builtin::Abs => match values.first().map(|v| self.value_of(v)) {
                Some(Val::Num(m)) => {
                    let (lo, hi) = if m.lo >= 0.0 {
                        (m.lo, m.hi)
                    } else if m.hi <= 0.0 {
                        (-m.hi, -m.lo)
                    } else {
                        (0.0, m.hi.max(-m.lo))
                    };
                    Val::Num(Measure { lo, hi, ..m })
                }
                _ => Val::Unknown,
            },
            Builtin::SameMeasure => match (values.first(), values.get(1)) {
                (Some(Val::Claim(a)), Some(Val::Claim(b))) => {
                    match (&self.doc.claims[*a], &self.doc.claims[*b]) {
                        (Claim::Quantity(x), Claim::Quantity(y)) => truth(same_measure(x, y)),
                        _ => truth(false),
                    }
                }
                _ => Val::Unknown,
            },
            Builtin::Restates
            | Builtin::Parallel
            | Builtin::Converts
            | Builtin::SameFrame
            | Builtin::SameContext
            | Builtin::Headline => match (values.first(), values.get(1)) {
                (Some(Val::Claim(a)), Some(Val::Claim(b))) => {
                    truth(self.pair_holds(builtin, *a, *b))
                }
                _ => Val::Unknown,
            },
            Builtin::Rate => match (values.first(), values.get(1)) {
                (Some(Val::Claim(a)), Some(Val::Claim(b))) => {
                    match (&self.doc.claims[*a], &self.doc.claims[*b]) {
                        (Claim::Quantity(x), Claim::Quantity(y)) => Measure::of(y)
                            .div(&Measure::of(x))
                            .map_or(Val::Unknown, |mut r| {
                                r.dimension = "count".to_string();
                                r.currency = None;
                                Val::Num(r)
                            }),
                        _ => Val::Unknown,
                    }
                }
                _ => Val::Unknown,
            },
            Builtin::Follows | Builtin::Near => {
                let Some(claim) = claim else {
                    return Val::Unknown;
                };
                let (words, patterns) = words_and_patterns(&values);
                let words: Vec<&str> = words.iter().map(String::as_str).collect();
                let patterns: Vec<&regex::Regex> = patterns.iter().collect();
                truth(if builtin == Builtin::Near {
                    self.near_words(claim, &words, &patterns)
                } else {
                    self.follows_words(claim, &words, &patterns)
                })
            }
            Builtin::Scope => {
                let Some(q) = quantity else {
                    return Val::Unknown;
                };
                let wanted: Vec<String> = values
                    .iter()
                    .filter_map(|v| match v {
                        Val::Text(t) => Some(t.clone()),
                        _ => None,
                    })
                    .collect();
                truth(
                    q.scope
                        .iter()
                        .any(|s| wanted.iter().any(|w| in_place(s, w))),
                )
            }
            Builtin::Dimension => match (quantity, values.first()) {
                (Some(q), Some(Val::Text(d))) => truth(&q.unit.dimension == d),
                _ => truth(false),
            },
            Builtin::Currency => match (quantity, values.first()) {
                (Some(q), Some(Val::Text(c))) => {
                    truth(q.unit.currency.as_deref() == Some(c.as_str()))
                }
                _ => truth(false),
            },
            Builtin::Exact => truth(quantity.is_some_and(|q| q.approx == Approx::Exact)),
            Builtin::Before | Builtin::After => {
                let Some(claim) = claim else {
                    return Val::Unknown;
                };
                let after = builtin == Builtin::After;
                match values.first() {
                    Some(Val::Claim(other)) => {
                        let other = &self.doc.claims[*other];
                        truth(if after {
                            before(other, claim)
                        } else {
                            before(claim, other)
                        })
                    }
                    Some(Val::Text(words)) => truth(self.words_around(claim, words, after)),
                    _ => Val::Unknown,
                }
            }
            Builtin::SameSentence => match values.first() {
                Some(Val::Claim(other)) => truth(claim.is_some_and(|c| {
                    same_sentence(c, &self.doc.claims[*other]) && current != *other
                })),
                _ => Val::Unknown,
            },
            Builtin::SameSection => match values.first() {
                Some(Val::Claim(other)) => truth(claim.is_some_and(|c| {
                    self.doc.same_section(c, &self.doc.claims[*other]) && current != *other
                })),
                _ => Val::Unknown,
            },
            Builtin::SameParagraph => match values.first() {
                Some(Val::Claim(other)) => truth(claim.is_some_and(|c| {
                    self.doc.same_paragraph(c, &self.doc.claims[*other]) && current != *other
                })),
                _ => Val::Unknown,
            },
            Builtin::Close => match (values.first(), values.get(1)) {
                (Some(Val::Claim(other)), Some(Val::Num(n))) => truth(claim.is_some_and(|c| {
                    let apart = self.doc.paragraphs_apart(c, &self.doc.claims[*other]);
                    current != *other && apart.is_some_and(|k| k as f64 <= n.hi)
                })),
                _ => Val::Unknown,
            },
        }
    }

    /// `words` stand shortly before the claim (for `after("as well as")`) or after it, in its
    /// sentence.
    /// `near`: one of the words, or a match of a pattern, in the claim's sentence.
    fn near_words(&self, claim: &Claim, words: &[&str], patterns: &[&regex::Regex]) -> bool {
        let sentence = super::predicates::sentence_of(claim);
        let in_sentence = self
            .doc
            .text
            .get(sentence.start..sentence.end)
            .unwrap_or_default();
        self.doc.near(claim, words) || patterns.iter().any(|p| p.is_match(in_sentence))
    }

    /// `follows`: the claim comes right after one of the words or a match of a pattern, with
    /// only spaces, commas or brackets between.
    fn follows_words(&self, claim: &Claim, words: &[&str], patterns: &[&regex::Regex]) -> bool {
        let sentence = super::predicates::sentence_of(claim);
        let range = sentence.start..claim.span().start;
        let raw = self.doc.text.get(range).unwrap_or_default();
        let before = raw.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, ',' | '('));
        words
            .iter()
            .any(|w| super::predicates::ends_with_words(before, &w.to_ascii_lowercase()))
            || patterns
                .iter()
                .any(|p| p.find_iter(before).any(|m| m.end() == before.len()))
    }

    fn words_around(&self, claim: &Claim, words: &str, after: bool) -> bool {
        let sentence = super::predicates::sentence_of(claim);
        let span = claim.span();
        let (from, to) = if after {
            (sentence.start, span.start)
        } else {
            (span.end, sentence.end)
        };
        self.doc
            .text
            .get(from..to)
            .is_some_and(|t| super::predicates::contains_word(t, &words.to_ascii_lowercase()))
    }

    /// The numbers of a set, a list of numbers or an `all` binding of quantities.
    fn numbers(&self, v: Option<&Val>) -> Option<Vec<Measure>> {
        let items: Vec<Val> = match v? {
            Val::Claims(c) => c.iter().map(|i| self.value_of(&Val::Claim(*i))).collect(),
            other => match self.value_of(other) {
                Val::Set(s) => s,
                _ => return None,
            },
        };
        items
            .into_iter()
            .map(|v| match v {
                Val::Num(m) => Some(m),
                _ => None,
            })
            .collect()
    }
}

fn extreme(ns: Vec<Measure>, min: bool) -> Option<Measure> {
    let mut it = ns.into_iter();
    let first = it.next()?;
    Some(it.fold(first, |acc, n| {
        let pick_lo = if min {
            acc.lo.min(n.lo)
        } else {
            acc.lo.max(n.lo)
        };
        let pick_hi = if min {
            acc.hi.min(n.hi)
        } else {
            acc.hi.max(n.hi)
        };
        Measure {
            lo: pick_lo,
            hi: pick_hi,
            lo_open: false,
            hi_open: false,
            ..acc
        }
    }))
}

/// A place scopes to a wanted one: the same, or the wanted one by an alias ("EU").
fn in_place(scope: &str, wanted: &str) -> bool {
    if scope.eq_ignore_ascii_case(wanted) {
        return true;
    }
    let lex = crate::claims::lexicon::Lexicon::embedded();
    let places = &lex.places;
    places
        .all
        .iter()
        .any(|p| p.name == scope && p.within.iter().any(|w| w.eq_ignore_ascii_case(wanted)))
        || crate::claims::lexicon::canonical_place(wanted).is_some_and(|c| c == scope)
}

fn subject_matches(binding: &Binding, claim: &Claim) -> bool {
    let Some(subject) = &binding.subject else {
        return true;
    };
    let matches = |s: &Option<String>| {
        s.as_ref()
            .is_some_and(|s| subject.words.iter().any(|w| w.eq_ignore_ascii_case(s)))
    };
    match claim {
        Claim::Quantity(q) => matches(&q.subject) || (q.subject.is_none() && matches(&q.predicate)),
        Claim::List(l) => l.items.iter().all(|i| {
            subject
                .words
                .iter()
                .any(|w| w.eq_ignore_ascii_case(&i.class))
        }),
        _ => true,
    }
}

/// A claim as written, with what it counts: "34 countries", "1.3 kilograms of heroin".
pub fn describe(claim: &Claim) -> String {
    match claim {
        Claim::Quantity(q) => match &q.subject {
            Some(s) if !q.text.to_lowercase().contains(s.as_str()) => format!("{} ({s})", q.text),
            _ => q.text.clone(),
        },
        other => other.text().to_string(),
    }
}

fn show_measure(m: &Measure) -> String {
    let unit = match (m.dimension.as_str(), &m.currency) {
        (_, Some(c)) => format!(" {c}"),
        ("count", _) => String::new(),
        ("mass", _) => " kg".to_string(),
        ("percent", _) => " %".to_string(),
        (d, _) => format!(" ({d})"),
    };
    let n = |x: f64| {
        let r = (x * 1e6).round() / 1e6;
        format!("{r}")
    };
    if m.lo == m.hi {
        format!("{}{unit}", n(m.lo))
    } else {
        format!("{} to {}{unit}", n(m.lo), n(m.hi))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claims::extract_text;

    fn run(rules: &str, text: &str, budget: usize) -> Evaluation {
        let rules = crate::rules::load_str("t.rules", rules).expect("the rules check");
        let claims = extract_text(text, text, None).claims;
        let view = DocumentView::new(text, text, &claims);
        let options = EvalOptions {
            budget,
            steps_per_claim: 0,
            ..EvalOptions::default()
        };
        evaluate(&rules, &view, &options)
    }

    const PAIRS: &str = "rule pairs {\n  let a = quantity\n  let b = quantity where after(a)\n  \
                         require a > 1000\n}\n";

    #[test]
    fn a_rule_that_meets_the_limit_is_an_error_on_the_document() {
        let text = "Police seized 12 guns. ".repeat(500);
        let evaluation = run(PAIRS, &text, 10_000);
        let limits: Vec<&Finding> = evaluation
            .findings
            .iter()
            .filter(|f| f.message.contains("rule pairs stopped after"))
            .collect();
        assert_eq!(limits.len(), 1, "{:?}", evaluation.findings.last());
        assert_eq!(limits[0].severity, Severity::Error);
        // Filtering alone would be 500 × 500 steps: the limit stops it first.
        assert!(evaluation.findings.len() < 10_000);
        let small = run(
            PAIRS,
            "Police seized 12 guns. Police seized 14 guns.",
            10_000,
        );
        assert_eq!(small.findings.len(), 1);
        assert!(!small.findings[0].message.contains("stopped after"));
    }

    #[test]
    fn one_wrong_conversion_among_several_is_one_finding() {
        let rules = crate::rules::standard().expect("the standard rules check");
        let text = "The film earned $13.5m (£30m) in three days. Its total reached $21.6m \
                    (£11.4m), and a rival took $24.1m (£12.7m).";
        let claims = extract_text(text, text, None).claims;
        let view = DocumentView::new(text, text, &claims);
        let findings: Vec<Finding> = evaluate(&rules, &view, &EvalOptions::default())
            .findings
            .into_iter()
            .filter(|f| f.rule == "exchange-rate-consistency")
            .collect();
        assert_eq!(findings.len(), 1, "{findings:?}");
        assert!(
            findings[0]
                .labels
                .iter()
                .any(|l| &text[l.start..l.end] == "£30m")
        );
    }

    #[test]
    fn one_contradiction_seen_from_each_claim_is_one_finding() {
        let rule = "rule sums {\n  let s = quantity where dimension(percent)\n  \
                    let others = all quantity where dimension(percent) and same_sentence(s)\n  \
                    require s + sum(others) <= 100 %\n}\n";
        let text = "Labour won 45% of the vote, the Tories 40% and the Liberals 25%.";
        let evaluation = run(rule, text, DEFAULT_BUDGET);
        assert_eq!(evaluation.findings.len(), 1, "{:?}", evaluation.findings);
        assert_eq!(evaluation.findings[0].labels.len(), 3);
    }
}
