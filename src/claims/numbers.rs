//! Reading a figure: digits ("1,027", "1.3"), words ("thirty-four", "one hundred and twenty"),
//! scales ("1.3 million", "2.5bn"), fractions ("two-thirds", "half") and vague amounts
//! ("hundreds of", "tens of thousands of").

use super::model::Interval;
use super::text::Text;
use super::tokens::{Gap, TokenKind};
use super::words::is_plural;

/// A figure as written, before units and hedges.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// First token of the figure.
    pub first: usize,
    /// One past the last token.
    pub end: usize,
    /// The number as written, without its scale: 1.3 in "1.3 million".
    pub nominal: f64,
    /// What the written precision allows, without the scale: [1.25, 1.35) for "1.3".
    pub precision: Interval,
    /// A scale word after the figure ("million", "bn"), as factor and symbol.
    pub scale: Option<Scale>,
    /// A fraction ("two-thirds", "half"): `nominal` is a ratio of one.
    pub fraction: bool,
    /// "hundreds of": `precision` holds the whole range.
    pub vague: bool,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scale {
    pub factor: f64,
    pub symbol: &'static str,
}

fn scale_symbol(factor: f64) -> &'static str {
    match factor {
        1e3 => "thousand",
        1e6 => "million",
        1e9 => "billion",
        1e12 => "trillion",
        1e5 => "lakh",
        1e7 => "crore",
        _ => "scale",
    }
}

/// Precision of a decimal written with `decimals` digits after the point: 1.3 -> [1.25, 1.35).
pub fn precision_of(value: f64, decimals: usize) -> Interval {
    if decimals == 0 {
        return Interval::exact(value);
    }
    let half = 0.5 * 10f64.powi(-(decimals as i32));
    // Round away binary noise: 1.2871 - 0.00005 is 1.28705, not 1.2870499999999998.
    let digits = 10f64.powi(decimals as i32 + 1);
    let round = |x: f64| (x * digits).round() / digits;
    Interval::half_open(round(value - half), round(value + half))
}

/// Parses "1,027" or "1.3" into its value and number of decimals, without allocating.
pub fn parse_digits(s: &str) -> Option<(f64, usize)> {
    let mut mantissa: u64 = 0;
    let mut digits = 0usize;
    let mut decimals = None::<usize>;
    for b in s.bytes() {
        match b {
            b'0'..=b'9' => {
                mantissa = mantissa.checked_mul(10)?.checked_add(u64::from(b - b'0'))?;
                digits += 1;
                if let Some(d) = decimals.as_mut() {
                    *d += 1;
                }
            }
            b',' if decimals.is_none() => {}
            b'.' if decimals.is_none() => decimals = Some(0),
            _ => return None,
        }
    }
    if digits == 0 || digits > 18 {
        return None;
    }
    let decimals = decimals.unwrap_or(0);
    // Both operands are exact, and IEEE division rounds once: the same double as parsing.
    Some((mantissa as f64 / 10f64.powi(decimals as i32), decimals))
}

/// Reads a figure starting at token `i`. `money` says a currency came first, which makes a
/// bare "m" a million ("£10m") rather than a metre.
pub fn figure_at(text: &Text, i: usize, money: bool) -> Option<Figure> {
    let mut figure = match text.kind(i)? {
        TokenKind::Number => digits_at(text, i)?,
        TokenKind::Word => words_at(text, i)?,
        TokenKind::Symbol => return None,
    };
    if !figure.vague && !figure.fraction && figure.scale.is_none() {
        if let Some(end) = and_a_half(text, figure.end) {
            figure.nominal += 0.5;
            figure.precision = Interval::exact(figure.nominal);
            figure.end = end;
        }
    }
    Some(with_scale(text, figure, money))
}

fn digits_at(text: &Text, i: usize) -> Option<Figure> {
    let (value, decimals) = parse_digits(text.str(i))?;
    Some(Figure {
        first: i,
        end: i + 1,
        nominal: value,
        precision: precision_of(value, decimals),
        scale: None,
        fraction: false,
        vague: false,
    })
}

/// "two-and-a-half", "2 and a half": one past "half", if the words follow.
fn and_a_half(text: &Text, at: usize) -> Option<usize> {
    let mut j = at;
    for word in ["and", "a", "half"] {
        if text.is_symbol(j, &["-"]) && text.glued(j) {
            j += 1;
        }
        if !text.is(j, word) || text.gap(j) > Gap::Space {
            return None;
        }
        j += 1;
    }
    Some(j)
}

/// A scale after the figure: a word ("million") or an abbreviation ("bn", "m", "k").
fn with_scale(text: &Text, mut figure: Figure, money: bool) -> Figure {
    if figure.scale.is_some() || figure.vague {
        return figure;
    }
    let mut next = figure.end;
    // "a $600-billion commitment", "a 10-million-strong crowd": a scale word joined by a hyphen.
    let hyphenated = text.is_symbol(next, &["-"])
        && text.glued(next)
        && text.glued(next + 1)
        && numbers_scale(text, next + 1).is_some_and(|f| f >= 1e3);
    if hyphenated {
        next += 1;
    }
    // Scales are words ("million", "bn", "k"); most figures are followed by anything else.
    if text.gap(next) > Gap::Line || !text.is_word(next) {
        return figure;
    }
    let word = text.lower(next);
    let numbers = &text.lex.numbers;
    // Hard-wrapped text breaks lines anywhere: "a profit of $100\nmillion". A scale spelled
    // out may stand on the next line; an abbreviation ("m") there is another word.
    if text.gap(next) == Gap::Line && !numbers.scales.contains_key(word) {
        return figure;
    }
    let factor = if let Some(&f) = numbers.scales.get(word).filter(|&&f| f >= 1e3) {
        Some(f)
    } else if let Some(&f) = numbers.suffix_scales.get(word) {
        // "m" is also a metre: a million only with money or before a plural noun ("10m people");
        // "mm" is a millimetre but with money ("$105mm").
        let allowed = match word {
            "mm" => money,
            "m" if text.str(next) == "m" => money || counts_things(text, next + 1),
            _ => true,
        };
        allowed.then_some(f)
    } else {
        None
    };
    if let Some(factor) = factor {
        // "$14m" is rounded to the million as "$1.3bn" is to the hundred million: a whole
        // number before a scale word stands for half a unit of the scale either side.
        if figure.precision.lo == figure.precision.hi && !figure.fraction {
            figure.precision = Interval::half_open(figure.nominal - 0.5, figure.nominal + 0.5);
        }
        figure.scale = Some(Scale {
            factor,
            symbol: scale_symbol(factor),
        });
        figure.end = next + 1;
    }
    figure
}

/// The factor of the scale word at token `i` ("million", not the abbreviations).
fn numbers_scale(text: &Text, i: usize) -> Option<f64> {
    text.lex.numbers.scales.get(text.lower(i)).copied()
}

/// Token `i` begins what a count counts: a plural noun or "of".
fn counts_things(text: &Text, i: usize) -> bool {
    text.is_word(i) && (text.is(i, "of") || is_plural(&text.lex.lemmas, text.lower(i)))
}

/// Figures written in words: cardinals, "a dozen", fractions, vague amounts.
fn words_at(text: &Text, i: usize) -> Option<Figure> {
    vague_at(text, i)
        .or_else(|| fraction_at(text, i))
        .or_else(|| single_at(text, i))
        .or_else(|| cardinal_words_at(text, i))
}

/// "thirty-four", "one hundred and twenty", "two million", "a hundred".
fn cardinal_words_at(text: &Text, i: usize) -> Option<Figure> {
    let numbers = &text.lex.numbers;
    let mut total = 0.0;
    let mut current = 0.0;
    let mut seen_any = false;
    let mut last_scale: Option<f64> = None;
    let mut last_cardinal: Option<f64> = None;
    let mut j = i;
    let article = text.is_any(i, &["a", "an"]);
    if article {
        // "a hundred", "a million": the article stands for one, and only before a scale
        // ("a twenty-year period" is no figure of 21).
        if !numbers.scales.contains_key(text.lower(i + 1)) {
            return None;
        }
        current = 1.0;
        j += 1;
    }
    let mut end = j;
    loop {
        let word = text.lower(j);
        if !text.is_word(j) {
            break;
        }
        if let Some(&v) = numbers.cardinals.get(word) {
            // Only "twenty" and the like take a unit after them ("twenty one"); "five six" is
            // two figures.
            if last_cardinal.is_some_and(|prev| !(prev >= 20.0 && prev % 10.0 == 0.0 && v < 10.0)) {
                break;
            }
            current += v;
            last_scale = None;
            last_cardinal = Some(v);
        } else if let Some(&s) = numbers.scales.get(word) {
            if !seen_any && !article {
                break;
            }
            if s == 100.0 {
                current = if current == 0.0 {
                    100.0
                } else {
                    current * 100.0
                };
            } else {
                total += current.max(1.0) * s;
                current = 0.0;
            }
            last_scale = Some(s);
            last_cardinal = None;
        } else {
            break;
        }
        seen_any = true;
        end = j + 1;
        // Joined by a hyphen ("thirty-four") or by "and" after a hundred ("one hundred and
        // twenty").
        if text.is_symbol(j + 1, &["-"]) && text.glued(j + 1) && text.glued(j + 2) {
            j += 2;
        } else if text.is(j + 1, "and") && last_scale == Some(100.0) && text.is_word(j + 2) {
            let next = text.lower(j + 2);
            if !numbers.cardinals.contains_key(next) {
                break;
            }
            j += 2;
        } else {
            j += 1;
        }
    }
    if !seen_any {
        return None;
    }
    let value = total + current;
    let mut figure = Figure {
        first: i,
        end,
        nominal: value,
        precision: Interval::exact(value),
        scale: None,
        fraction: false,
        vague: false,
    };
    // "two million": keep the scale apart, as with "2 million".
    if let Some(s) = last_scale.filter(|&s| s >= 1e3) {
        let nominal = value / s;
        figure.nominal = nominal;
        figure.precision = Interval::exact(nominal);
        figure.scale = Some(Scale {
            factor: s,
            symbol: scale_symbol(s),
        });
    }
    Some(figure)
}

/// "a dozen", "a pair of".
fn single_at(text: &Text, i: usize) -> Option<Figure> {
    if !text.is_any(i, &["a", "an", "one"]) {
        return None;
    }
    let &v = text.lex.numbers.single.get(text.lower(i + 1))?;
    Some(Figure {
        first: i,
        end: i + 2,
        nominal: v,
        precision: Interval::exact(v),
        scale: None,
        fraction: false,
        vague: false,
    })
}

/// "half", "a third", "two-thirds", "three quarters", "half a million".
fn fraction_at(text: &Text, i: usize) -> Option<Figure> {
    let numbers = &text.lex.numbers;
    let (numerator, denominator_at) = if text.is(i, "half") {
        (1.0, i)
    } else if text.is_any(i, &["a", "an", "one"]) {
        (1.0, i + 1)
    } else if let Some(&n) = numbers.cardinals.get(text.lower(i)) {
        let hyphen = text.is_symbol(i + 1, &["-"]) && text.glued(i + 1) && text.glued(i + 2);
        (n, if hyphen { i + 2 } else { i + 1 })
    } else {
        return None;
    };
    if denominator_at > i && text.gap(denominator_at) > Gap::Space {
        return None;
    }
    let &denominator = numbers.fractions.get(text.lower(denominator_at))?;
    // A plural denominator needs a numerator above one, and "a third" needs its article.
    let plural = text.lower(denominator_at).ends_with('s');
    if (plural && numerator < 2.0) || (!plural && numerator > 1.0) {
        return None;
    }
    if text.is_symbol(denominator_at + 1, &["-"]) && text.glued(denominator_at + 1) {
        return None; // "half-time", "a third-party"
    }
    let value = numerator / denominator;
    let mut figure = Figure {
        first: i,
        end: denominator_at + 1,
        nominal: value,
        precision: Interval::exact(value),
        scale: None,
        fraction: true,
        vague: false,
    };
    // "half a million", "a quarter of a billion": a figure, not a share.
    let mut j = figure.end;
    if text.is(j, "of") {
        j += 1;
    }
    if text.is_any(j, &["a", "an"]) {
        if let Some(&s) = numbers.scales.get(text.lower(j + 1)) {
            figure.fraction = false;
            figure.end = j + 2;
            if s >= 1e3 {
                figure.scale = Some(Scale {
                    factor: s,
                    symbol: scale_symbol(s),
                });
            } else {
                figure.nominal *= s;
                figure.precision = Interval::exact(figure.nominal);
            }
        }
    }
    Some(figure)
}

/// "hundreds of", "tens of thousands of", "dozens": an order of magnitude, not a figure.
fn vague_at(text: &Text, i: usize) -> Option<Figure> {
    let numbers = &text.lex.numbers;
    let first = *numbers.vague.get(text.lower(i))?;
    let (mut lo, mut hi) = (first.lo, first.hi);
    let mut end = i + 1;
    // "tens of thousands": each further vague word multiplies by its base (a thousand).
    while text.is(end, "of") {
        let Some(next) = numbers.vague.get(text.lower(end + 1)) else {
            break;
        };
        let base = next.lo / 2.0;
        lo *= base;
        hi *= base;
        end += 2;
    }
    Some(Figure {
        first: i,
        end,
        nominal: lo,
        precision: Interval::half_open(lo, hi),
        scale: None,
        fraction: false,
        vague: true,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claims::lexicon::Lexicon;

    fn read(src: &str) -> Option<(f64, Option<f64>, usize, bool, bool)> {
        let lex = Lexicon::embedded();
        let prepared = crate::claims::text::Prepared::new(src, lex);
        let text = prepared.text(src, lex);
        figure_at(&text, 0, false).map(|f| {
            (
                f.nominal,
                f.scale.map(|s| s.factor),
                f.end,
                f.fraction,
                f.vague,
            )
        })
    }

    #[test]
    fn digits_parse_like_the_standard_library() {
        for text in [
            "1,027",
            "1.3",
            "0.1",
            "12",
            "2.5",
            "55.67",
            "1,234,567.891",
            "274.5",
        ] {
            let expected: f64 = text.replace(',', "").parse().unwrap();
            assert_eq!(parse_digits(text).map(|p| p.0), Some(expected), "{text}");
        }
        assert_eq!(parse_digits("1.3"), Some((1.3, 1)));
        assert_eq!(parse_digits("9".repeat(30).as_str()), None);
        assert_eq!(parse_digits(""), None);
    }

    #[test]
    fn digits_and_precision() {
        assert_eq!(read("1,027 people"), Some((1027.0, None, 1, false, false)));
        assert_eq!(read("1.3 million"), Some((1.3, Some(1e6), 2, false, false)));
        assert_eq!(read("2.5bn"), Some((2.5, Some(1e9), 2, false, false)));
        // A scale word joined by a hyphen, as in "a 600-billion commitment".
        assert_eq!(
            read("600-billion deal"),
            Some((600.0, Some(1e9), 3, false, false))
        );
        // "10-point" is no scale.
        assert_eq!(read("10-point lead"), Some((10.0, None, 1, false, false)));
        let p = precision_of(1.3, 1);
        assert!(p.contains(1.25) && p.contains(1.349) && !p.contains(1.35));
    }

    #[test]
    fn a_bare_m_is_a_million_only_before_things() {
        assert_eq!(read("10m people").map(|f| f.1), Some(Some(1e6)));
        assert_eq!(read("100m race").map(|f| f.1), Some(None));
    }

    #[test]
    fn words() {
        assert_eq!(read("Ninety of").map(|f| f.0), Some(90.0));
        assert_eq!(
            read("thirty-four countries").map(|f| (f.0, f.2)),
            Some((34.0, 3))
        );
        assert_eq!(
            read("one hundred and twenty people").map(|f| (f.0, f.2)),
            Some((120.0, 4))
        );
        assert_eq!(
            read("two million").map(|f| (f.0, f.1)),
            Some((2.0, Some(1e6)))
        );
        assert_eq!(read("a dozen eggs").map(|f| f.0), Some(12.0));
        assert_eq!(read("a hundred").map(|f| f.0), Some(100.0));
        assert_eq!(read("five six").map(|f| f.2), Some(1));
        assert_eq!(
            read("two-and-a-half years").map(|f| (f.0, f.2)),
            Some((2.5, 7))
        );
        assert_eq!(
            read("2 and a half million").map(|f| (f.0, f.1)),
            Some((2.5, Some(1e6)))
        );
    }

    #[test]
    fn fractions() {
        assert_eq!(read("two-thirds of").map(|f| (f.3, f.2)), Some((true, 3)));
        assert!((read("two-thirds of").unwrap().0 - 2.0 / 3.0).abs() < 1e-9);
        assert_eq!(read("half of them").map(|f| f.0), Some(0.5));
        assert_eq!(read("a quarter").map(|f| f.0), Some(0.25));
        assert_eq!(
            read("half a million").map(|f| (f.0, f.1, f.3)),
            Some((0.5, Some(1e6), false))
        );
        assert_eq!(read("half-time"), None);
        assert_eq!(read("a third-party"), None);
    }

    #[test]
    fn vague_amounts() {
        let (lo, _, end, _, vague) = read("tens of thousands of people").unwrap();
        assert_eq!((lo, end, vague), (20_000.0, 3, true));
        assert_eq!(read("hundreds of locations").map(|f| f.0), Some(200.0));
    }
}
