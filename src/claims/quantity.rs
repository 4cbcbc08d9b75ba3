//! Finding the figure, its unit and its hedge at a token: "over 1,000", "€2.5bn",
//! "1.3 kilograms", "between 10 and 20", "a 30-year-old". Figures that name things rather
//! than measure them (scores, times of day, model numbers, phone numbers) are left alone.

use super::lexicon::{ApproxPhrase, CurrencyName, Position, flags};
use super::model::{Approx, Interval, Unit};
use super::numbers::{Figure, figure_at};
use super::text::Text;
use super::tokens::{Gap, TokenKind};
use super::words::is_capitalized;

/// "about 200" allows this share either side; "nearly 1,000" this share below.
pub const DEFAULT_TOLERANCE: f64 = 0.1;

/// What was found at a token.
#[derive(Debug, Clone, PartialEq)]
pub enum Found {
    Quantity(Box<Measured>),
    /// Not a quantity: leave tokens up to this one alone.
    Skip(usize),
}

/// A figure with its unit and hedge, before its subject and scope are known.
#[derive(Debug, Clone, PartialEq)]
pub struct Measured {
    /// First token of the claim: the hedge, the currency or the figure.
    pub first: usize,
    /// One past the last token of the claim: the figure or its unit.
    pub end: usize,
    pub figure: Figure,
    pub value: Interval,
    pub approx: Approx,
    pub unit: Unit,
    /// A compound adjective's noun: "point" in "a 10-point lead".
    pub hyphen_noun: Option<usize>,
    /// Written as an adjective before its noun: "a 24-hour strike", "a 10-mile walk".
    pub adjectival: bool,
}

/// Reads a quantity whose first token is `i`, if there is one.
pub fn quantity_at(text: &Text, i: usize) -> Option<Found> {
    let (currency, figure_start) = match currency_before_figure(text, i) {
        Some((c, len)) => (Some(c), i + len),
        None => (None, i),
    };
    let mut figure = figure_at(text, figure_start, currency.is_some())?;
    let not_measure = if text.is_number(figure.first) {
        not_a_measure(text, &figure)
    } else {
        None
    };
    // The unit after the figure, looked up once for the tests below and the claim.
    let unit_after_figure = unit_after(text, figure.end);
    if let Some(skip) = not_measure
        .or_else(|| names_something(text, &figure, unit_after_figure).then_some(figure.end))
    {
        return Some(Found::Skip(past_pair(text, skip)));
    }
    let mut end = figure.end;
    // "between 10 and 20", "10-20": one claim for the whole range.
    let mut range_hi = None;
    match range_after(text, &figure) {
        Some(RangeEnd::Score(skip_to)) => return Some(Found::Skip(skip_to)),
        Some(RangeEnd::Upper(upper)) => {
            end = upper.end;
            // "10-20 million": the scale of the upper figure is the range's.
            if figure.scale.is_none() {
                figure.scale = upper.scale;
            }
            range_hi = Some(upper);
        }
        None => {}
    }
    if let Some(ratio) = ratio_after(text, &figure, end) {
        let value = Interval::exact(figure.nominal / ratio.nominal);
        let unit = Unit::new("percent", "fraction", 100.0);
        let measured = Measured {
            first: i,
            end: ratio.end,
            figure: Figure {
                nominal: value.lo,
                precision: value,
                fraction: true,
                ..figure
            },
            value,
            approx: Approx::Exact,
            unit,
            hyphen_noun: None,
            adjectival: false,
        };
        return Some(Found::Quantity(Box::new(measured)));
    }
    let mut unit = Unit::count();
    let mut hyphen_noun = None;
    let mut adjectival = false;
    let mut currency = currency;
    if currency.is_none() {
        if let Some((c, len)) = currency_after(text, end) {
            currency = Some(c);
            end += len;
        }
    }
    if let Some(c) = &currency {
        unit = Unit {
            currency: Some(c.code.clone()),
            ..Unit::new("money", &c.code, c.factor)
        };
    } else if let Some(age) = age_at(text, &figure, end) {
        end = age.0;
        unit = age.1;
    } else if let Some((u, len)) = if end == figure.end {
        unit_after_figure
    } else {
        unit_after(text, end)
    } {
        if u.symbol == "m" && text.glued(end) && figure.scale.is_none() {
            return Some(Found::Skip(end + 1)); // "100m": metres or a million, left alone
        }
        unit = u.clone();
        end += len;
    } else if text.is_symbol(end, &["-"])
        && text.glued(end)
        && text.glued(end + 1)
        && text.is_word(end + 1)
    {
        match unit_after(text, end + 1) {
            // "a 24-hour strike", "a 10-mile walk"
            Some((u, len)) => {
                unit = u.clone();
                end += 1 + len;
                adjectival = true;
            }
            // "a 10-point lead", "a 2,000-strong crowd"
            None => hyphen_noun = Some(end + 1),
        }
    }
    if figure.fraction {
        unit = Unit::new("percent", "fraction", 100.0);
    }
    if let Some(scale) = figure.scale {
        unit.factor *= scale.factor;
        unit.symbol = if unit.symbol.is_empty() {
            scale.symbol.to_string()
        } else {
            format!("{} {}", unit.symbol, short_scale(scale))
        };
    }
    let mut first = i;
    let mut approx = Approx::Exact;
    if figure.vague {
        approx = Approx::Vague;
    } else if range_hi.is_none() {
        if let Some((kind, len)) = hedge_before(text, first) {
            approx = kind;
            first -= len;
        } else if let Some((kind, len)) = hedge_after(text, end) {
            approx = kind;
            end += len;
        }
    }
    if text.is(first.wrapping_sub(1), "between") && range_hi.is_some() {
        first -= 1;
    }
    let precision = match &range_hi {
        Some(upper) => Interval {
            lo: figure.precision.lo,
            hi: upper.precision.hi,
            lo_open: figure.precision.lo_open,
            hi_open: upper.precision.hi_open,
        },
        None => figure.precision,
    };
    let value = hedge(precision, figure.nominal, approx, &unit);
    figure.end = figure.end.max(range_hi.map_or(0, |u| u.end));
    Some(Found::Quantity(Box::new(Measured {
        first,
        end,
        figure,
        value,
        approx,
        unit,
        hyphen_noun,
        adjectival,
    })))
}

/// The short form of a scale after a unit symbol: "EUR bn", "USD m".
fn short_scale(scale: super::numbers::Scale) -> &'static str {
    match scale.factor {
        1e3 => "k",
        1e6 => "m",
        1e9 => "bn",
        1e12 => "tn",
        _ => scale.symbol,
    }
}

/// The interval a hedge allows around a stated precision.
pub fn hedge(p: Interval, nominal: f64, approx: Approx, unit: &Unit) -> Interval {
    let floor = if unit.dimension == "temperature" || unit.dimension == "percentage_point" {
        f64::NEG_INFINITY
    } else {
        0.0
    };
    let slack = nominal.abs() * DEFAULT_TOLERANCE;
    tidy(match approx {
        Approx::Exact | Approx::Vague => p,
        Approx::Over => Interval {
            lo: p.lo,
            hi: f64::INFINITY,
            lo_open: true,
            hi_open: false,
        },
        Approx::AtLeast => Interval {
            lo: p.lo,
            hi: f64::INFINITY,
            lo_open: p.lo_open,
            hi_open: false,
        },
        Approx::Under => Interval {
            lo: floor,
            hi: p.hi,
            lo_open: false,
            hi_open: true,
        },
        Approx::AtMost => Interval {
            lo: floor,
            hi: p.hi,
            lo_open: false,
            hi_open: p.hi_open,
        },
        // "nearly 1,000" is just below a thousand; "nearly 4 million" is just below four
        // million, down to the least its rounding allows (3.5 million).
        Approx::Nearly => Interval {
            lo: p.lo.min(nominal - slack),
            hi: nominal,
            lo_open: false,
            hi_open: true,
        },
        Approx::About => Interval::closed(p.lo - slack, p.hi + slack),
    })
}

/// Rounds away binary noise from interval arithmetic: 125.4 - 12.54 is 112.86, not
/// 112.85999999999999.
fn tidy(mut v: Interval) -> Interval {
    let round = |x: f64| {
        if !x.is_finite() || x == 0.0 {
            return x;
        }
        let scale = 10f64.powi(12 - x.abs().log10().ceil() as i32);
        (x * scale).round() / scale
    };
    v.lo = round(v.lo);
    v.hi = round(v.hi);
    v
}

/// A currency sign or code right before a figure: "£300", "US$ 5m", "EUR 2.5bn".
fn currency_before_figure(text: &Text, i: usize) -> Option<(&'static CurrencyName, usize)> {
    let m = text.lex.currencies.symbols.longest_at(text, i)?;
    let figure = i + m.len;
    (text.gap(figure) <= Gap::Space && (text.is_number(figure) || text.is_word(figure)))
        .then_some((m.value, m.len))
}

/// A currency name or code after a figure: "20 euros", "50p", "2.5bn EUR".
fn currency_after(text: &Text, at: usize) -> Option<(&'static CurrencyName, usize)> {
    if text.gap(at) > Gap::Space {
        return None;
    }
    let currencies = &text.lex.currencies;
    let m = currencies
        .names
        .longest_at(text, at)
        .or_else(|| currencies.codes.longest_at(text, at))?;
    Some((m.value, m.len))
}

/// A unit of measurement after a figure, glued or not: "1kilograms", "1.3 tonnes", "12%".
fn unit_after(text: &Text, at: usize) -> Option<(&'static Unit, usize)> {
    if text.gap(at) > Gap::Space {
        return None;
    }
    let units = &text.lex.units;
    let m = units
        .by_exact_name
        .longest_at(text, at)
        .or_else(|| units.by_name.longest_at(text, at))?;
    // A unit word must end where a word ends: "5 mins" but not "5 minsk".
    Some((m.value, m.len))
}

/// "a 30-year-old", "30 years old", "aged 45": an age, in years or months.
fn age_at(text: &Text, figure: &Figure, at: usize) -> Option<(usize, Unit)> {
    // "Mr Mubanga, 32, from Wembley": a bare figure set off by commas after a name.
    let apposition = figure.first >= 2
        && text.is_number(figure.first)
        && text.is_symbol(figure.first - 1, &[","])
        && text.capitalized(figure.first - 2)
        && text.is_symbol(at, &[","])
        && figure.nominal.fract() == 0.0
        && (1.0..=120.0).contains(&figure.nominal);
    let aged = apposition || text.is_any(figure.first.wrapping_sub(1), &["aged", "age"]);
    let mut j = at;
    if text.is_symbol(j, &["-"]) {
        j += 1;
    }
    let per_year = match text.lower(j) {
        "year" | "years" => 1.0,
        "month" | "months" => 1.0 / 12.0,
        "week" | "weeks" => 7.0 / 365.2425,
        _ if aged => return Some((at, Unit::new("age", "year", 1.0))),
        _ => return None,
    };
    let symbol = if per_year == 1.0 {
        "year"
    } else if per_year < 0.05 {
        "week"
    } else {
        "month"
    };
    let mut k = j + 1;
    if text.is_symbol(k, &["-"]) {
        k += 1;
    }
    if text.is(k, "old") {
        return Some((k + 1, Unit::new("age", symbol, per_year)));
    }
    None
}

/// Figures that are not measures: ordinals, times, identifiers, phone and version numbers.
/// Returns the token to skip to.
fn not_a_measure(text: &Text, figure: &Figure) -> Option<usize> {
    let (i, next) = (figure.first, figure.first + 1);
    let lex = text.lex;
    let skip_to = figure.end.max(next);
    // Glued letters that are no scale or unit: "21st", "3G", "4x4", "1990s".
    if text.is_word(next) && text.glued(next) && figure.scale.is_none() {
        let word = text.lower(next);
        let known_unit = unit_after(text, next).is_some() || currency_after(text, next).is_some();
        if lex.numbers.ordinal_suffixes.contains(word) || !known_unit {
            return Some(next + 1);
        }
    }
    // Times of day: "10:30", "3pm", "10.30 GMT".
    if text.lex.dates.time_words.longest_at(text, next).is_some() && text.gap(next) <= Gap::Space {
        return Some(next + 1);
    }
    // "10:30", "2.0.1", "15/09", "3:1": one figure glued to another by a symbol.
    if text.is_symbol(next, &[":", ".", "/"])
        && text.glued(next)
        && text.is_number(next + 1)
        && text.glued(next + 1)
    {
        let mut j = next + 1;
        while text.is_symbol(j + 1, &[":", ".", "/"]) && text.glued(j + 1) && text.is_number(j + 2)
        {
            j += 2;
        }
        return Some(j + 1);
    }
    let digits = text.str(i);
    // Leading zeros and international prefixes: phone numbers, codes.
    if (digits.len() > 1 && digits.starts_with('0') && !digits.starts_with("0."))
        || text.is_symbol(i.wrapping_sub(1), &["+", "#"])
    {
        let mut j = next;
        while text.is_number(j) || (text.is_symbol(j, &["-"]) && text.is_number(j + 1)) {
            j += 1;
        }
        return Some(j);
    }
    if i == 0 {
        return None;
    }
    let prev = i - 1;
    // "COVID-19", "MiG-29": glued to a word by a hyphen.
    if text.is_symbol(prev, &["-"])
        && text.glued(i)
        && text.glued(prev)
        && prev > 0
        && text.is_word(prev - 1)
    {
        return Some(skip_to);
    }
    // "No. 10"
    if text.is_symbol(prev, &["."]) && prev > 0 && text.is(prev - 1, "no") {
        return Some(skip_to);
    }
    // "Samoa (7)", "England (2)": a seeding or a ranking after a name.
    if text.is_symbol(prev, &["("])
        && text.is_symbol(figure.end, &[")"])
        && prev > 0
        && text.capitalized(prev - 1)
    {
        return Some(skip_to);
    }
    None
}

/// A figure that names something: "Article 5", "number one", "Nokia 7610", "Formula One",
/// "It Happened One Night".
fn names_something(
    text: &Text,
    figure: &Figure,
    unit_after_figure: Option<(&Unit, usize)>,
) -> bool {
    // "the Six Nations", "BBC Five Live": a capitalised number word inside a sentence, before
    // another capitalised word, is part of a name.
    let first = figure.first;
    let mid_sentence = first > 0
        && text.gap(first) <= Gap::Space
        && !text.is_symbol(first - 1, &[".", "\"", "“", ":"]);
    if text.is_word(first)
        && mid_sentence
        && text.capitalized(first)
        && text.has(figure.end, flags::CAPITAL)
    {
        return true;
    }
    // "50 Cent", "24 Hour Party People": a unit or currency word written with a capital
    // inside a sentence is part of a name (codes such as "EUR" are all capitals).
    let next = figure.end;
    let next_word = text.str(next);
    if mid_sentence
        && text.is_word(next)
        && is_capitalized(next_word)
        && next_word.chars().any(char::is_lowercase)
        && (unit_after_figure.is_some() || currency_after(text, next).is_some())
    {
        return true;
    }
    // "401(k)", "a 203(k) loan": a provision of a law, its letter glued in brackets.
    let provision = text.is_symbol(next, &["("])
        && text.glued(next)
        && text.is_word(next + 1)
        && text.str(next + 1).len() == 1
        && text.glued(next + 1)
        && text.is_symbol(next + 2, &[")"])
        && text.glued(next + 2);
    if provision {
        return true;
    }
    // "the Tories 40%": a share after a name is a figure, not a model number.
    if unit_after_figure.is_some_and(|(unit, _)| unit.dimension == "percent") {
        return false;
    }
    let Some(prev) = figure.first.checked_sub(1) else {
        return false;
    };
    if !text.is_word(prev) || text.gap(figure.first) > Gap::Space {
        return false;
    }
    let word = text.lower(prev);
    text.lex.identifiers.heads.contains(word)
        || (text.capitalized(prev) && !is_ordinary_word_before_figure(text, prev))
}

/// Past the second figure of a pair glued by a dash ("3-1" after "Olympiakos 3").
fn past_pair(text: &Text, end: usize) -> usize {
    let dash = text.is_symbol(end, &["-", "–"]) && text.gap(end + 1) <= Gap::Space;
    if dash && text.is_number(end + 1) {
        end + 2
    } else {
        end
    }
}

/// A capitalised word that may stand before a real figure: a sentence's first word, a
/// function word, a month, a place, a currency code, a hedge.
fn is_ordinary_word_before_figure(text: &Text, prev: usize) -> bool {
    let lex = text.lex;
    let word = text.lower(prev);
    let after_break = prev > 0
        && text.is_symbol(
            prev - 1,
            &[".", "\"", "“", ":", "(", "-", "–", "—", "‘", "'"],
        )
        && text.gap(prev) != Gap::None;
    let sentence_start = prev == 0 || text.gap(prev) >= Gap::Line || after_break;
    // "the EU's 25 member states": an owner, not a model's name.
    let possessive = word.ends_with("'s") || word.ends_with("’s");
    sentence_start
        || possessive
        || text.lex.words.is_function_word(text.lower(prev))
        || lex.dates.months.contains_key(word)
        || lex.dates.weekdays.contains_key(word)
        || lex.places.by_name.longest_at(text, prev).is_some()
        || lex.places.by_demonym.longest_at(text, prev).is_some()
        || lex.currencies.symbols.longest_at(text, prev).is_some()
        || lex.approximations.longest_at(text, prev).is_some()
}

enum RangeEnd {
    Upper(Figure),
    Score(usize),
}

/// "10-20", "10–20", "between 10 and 20"; or a score, "won 3-1", "a 52-48 vote".
fn range_after(text: &Text, figure: &Figure) -> Option<RangeEnd> {
    let at = figure.end;
    let dash = text.is_symbol(at, &["-", "–", "—"]) && text.gap(at + 1) <= Gap::Space;
    let between = text.is(figure.first.wrapping_sub(1), "between") && text.is(at, "and");
    if !(dash || between) || !text.is_number(at + 1) && !text.is_word(at + 1) {
        return None;
    }
    let upper = figure_at(text, at + 1, false)?;
    if upper.vague || upper.fraction {
        return None;
    }
    if dash && is_score(text, figure.first, upper.end) {
        return Some(RangeEnd::Score(upper.end));
    }
    if upper.nominal >= figure.nominal {
        Some(RangeEnd::Upper(upper))
    } else if dash {
        // "52-48" with no score word: a result of some kind, not a range.
        Some(RangeEnd::Score(upper.end))
    } else {
        None
    }
}

/// A figure pair with a score word close by: "won 3-1", "a 52-48 vote", "a 2-0 lead".
fn is_score(text: &Text, first: usize, end: usize) -> bool {
    // "Italy 17-28 Ireland", "Clyde 0-5 Celtic": a result between two names.
    let name = |j: usize| {
        text.is_word(j)
            && text.capitalized(j)
            && !text.lex.words.is_function_word(text.lower(j))
            && !text.lex.dates.months.contains_key(text.lower(j))
    };
    if first > 0 && name(first - 1) && name(end) {
        return true;
    }
    let words = &text.lex.identifiers.score_words;
    let near = (first.saturating_sub(3)..first).chain(end..end + 3);
    near.filter(|&j| text.is_word(j))
        .any(|j| words.contains(text.lower(j)))
}

/// "one in 13 pupils": a ratio, read as the fraction 1/13.
fn ratio_after(text: &Text, figure: &Figure, at: usize) -> Option<Figure> {
    if !text.is(at, "in")
        || figure.scale.is_some()
        || figure.vague
        || figure.fraction
        || figure.nominal < 1.0
    {
        return None;
    }
    let whole =
        figure_at(text, at + 1, false).filter(|w| !w.vague && !w.fraction && w.scale.is_none())?;
    // "5 in 2004" is a figure and a year, and the year is no whole.
    let small = whole.nominal < 1000.0 || text.str(at + 1).contains(',');
    (small && whole.nominal > figure.nominal && whole.nominal.fract() == 0.0).then_some(whole)
}

/// A hedge before the figure: "more than 1,000", "some 200". Returns its kind and length.
fn hedge_before(text: &Text, first: usize) -> Option<(Approx, usize)> {
    let table = &text.lex.approximations;
    // "securities and over 1,900": "and over" is a hedge after a figure ("65 and over"); the
    // hedge before this one is the shorter "over".
    let mut max_len = 4;
    let m = loop {
        let m = table.longest_ending_at(text, first, max_len)?;
        if m.value.position == Position::Before || m.len <= 1 {
            break m;
        }
        max_len = m.len - 1;
    };
    let ApproxPhrase {
        kind,
        position,
        weak,
    } = *m.value;
    // A weak hedge ("some", "over") counts before digits, a currency or a number word, but not
    // before the pronoun-like "one" ("some one", "over one another").
    let figure_word = text.lower(first);
    let applies = !weak
        || text.is_number(first)
        || text.has(first, flags::CURRENCY)
        || (text.lex.numbers.starters.contains(figure_word) && figure_word != "one");
    // Hard-wrapped text may put the hedge at the end of a line, or of a page
    // ("took action on over\n\n6,300 securities").
    let joined =
        text.gap(first) <= Gap::Line || super::sentences::continues_across_blank_line(text, first);
    (position == Position::Before && joined && applies).then_some((kind, m.len))
}

/// A hedge after the figure and its unit: "1,000 or more", "200 or so".
fn hedge_after(text: &Text, end: usize) -> Option<(Approx, usize)> {
    let m = text.lex.approximations.longest_at(text, end)?;
    let ApproxPhrase { kind, position, .. } = *m.value;
    (position == Position::After && text.gap(end) <= Gap::Space).then_some((kind, m.len))
}

/// Does token `i` start something a quantity could begin with? A cheap test, run on every
/// token: one set lookup for words, and the currency table only for symbols and capitals.
pub fn may_start_quantity(text: &Text, i: usize) -> bool {
    match text.kind(i) {
        Some(TokenKind::Number) => true,
        // "a" and "an" start a figure only before a scale, a fraction or "dozen".
        Some(_) if matches!(text.lower(i), "a" | "an") => {
            text.lex.numbers.after_article.contains(text.lower(i + 1))
        }
        Some(_) => text.has(i, flags::NUMBER | flags::CURRENCY),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearly_a_rounded_figure_is_just_below_the_figure_itself() {
        let unit = Unit::new("count", "", 1.0);
        // "nearly 4 million": the figure allows 3.5 to 4.5 million by its rounding.
        let rounded = Interval {
            lo: 3.5,
            hi: 4.5,
            lo_open: false,
            hi_open: true,
        };
        let v = hedge(rounded, 4.0, Approx::Nearly, &unit);
        assert_eq!((v.lo, v.hi), (3.5, 4.0));
        // "nearly 1,000": an exact figure, just below it.
        let v = hedge(
            Interval::closed(1000.0, 1000.0),
            1000.0,
            Approx::Nearly,
            &unit,
        );
        assert_eq!((v.lo, v.hi), (900.0, 1000.0));
    }
}
