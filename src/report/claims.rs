//! Claims for people and machines: a table, JSON and JSON Lines (see `docs/claims.md`).

use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

use crate::calendar::PartialDate;
use crate::claims::{Approx, Claim, Interval, Quantity};

/// The version of the claim format; bumped on any incompatible change.
pub const FORMAT_VERSION: u32 = 1;

/// The claims of one file, or why there are none.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FileClaims {
    pub path: String,
    pub date: Option<PartialDate>,
    pub claims: Vec<Claim>,
    /// Why the file could not be read; its claims are then empty.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// `{"version":1,"files":[...]}`: the whole output of `factlint claims --format json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClaimsReport {
    pub version: u32,
    pub files: Vec<FileClaims>,
}

impl ClaimsReport {
    pub fn new(files: Vec<FileClaims>) -> Self {
        Self {
            version: FORMAT_VERSION,
            files,
        }
    }
}

/// "1,027", "[1.25, 1.35)", "> 1000", "about [180, 220]".
pub fn format_interval(v: &Interval) -> String {
    let n = |x: f64| {
        if x.is_infinite() {
            if x > 0.0 {
                "∞".to_string()
            } else {
                "-∞".to_string()
            }
        } else {
            let rounded = (x * 1e6).round() / 1e6;
            format!("{rounded}")
        }
    };
    if v.lo == v.hi {
        return n(v.lo);
    }
    if v.hi.is_infinite() && v.hi > 0.0 {
        return format!("{} {}", if v.lo_open { ">" } else { "≥" }, n(v.lo));
    }
    let open = if v.lo_open { "(" } else { "[" };
    let close = if v.hi_open { ")" } else { "]" };
    format!("{open}{}, {}{close}", n(v.lo), n(v.hi))
}

fn quantity_value(q: &Quantity) -> String {
    let value = format_interval(&q.value);
    match q.approx {
        Approx::Exact => value,
        other => {
            let word = serde_json::to_value(other)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default();
            format!("{value} ({word})")
        }
    }
}

const TEXT_WIDTH: usize = 36;

fn clip(s: &str, width: usize) -> String {
    let flat: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= width {
        return flat;
    }
    let mut out: String = flat.chars().take(width - 1).collect();
    out.push('…');
    out
}

/// One row per claim: text, kind, value, unit, subject, predicate, scope.
pub fn table_rows(claims: &[Claim]) -> Vec<[String; 7]> {
    claims
        .iter()
        .map(|c| match c {
            Claim::Quantity(q) => [
                clip(&q.text, TEXT_WIDTH),
                "quantity".into(),
                quantity_value(q),
                if q.unit.symbol.is_empty() {
                    q.unit.dimension.clone()
                } else {
                    format!("{} ({})", q.unit.symbol, q.unit.dimension)
                },
                match (&q.subject, &q.part_of) {
                    (Some(s), Some(w)) => format!("{s} (part of {w})"),
                    (Some(s), None) => s.clone(),
                    _ => String::new(),
                },
                q.predicate.clone().unwrap_or_default(),
                q.scope.join(", "),
            ],
            Claim::List(l) => [
                clip(&l.text, TEXT_WIDTH),
                "list".into(),
                format!("{} items", l.items.len()),
                String::new(),
                l.items.first().map(|i| i.class.clone()).unwrap_or_default(),
                l.intro.clone().unwrap_or_default(),
                String::new(),
            ],
            Claim::Date(d) => [
                clip(&d.text, TEXT_WIDTH),
                "date".into(),
                d.value.map_or_else(|| "?".to_string(), |v| v.to_string()),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
            ],
            Claim::Period(p) => [
                clip(&p.text, TEXT_WIDTH),
                "period".into(),
                format!(
                    "{} .. {}",
                    p.from.map_or_else(|| "?".to_string(), |v| v.to_string()),
                    p.until.map_or_else(|| "?".to_string(), |v| v.to_string())
                ),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
            ],
        })
        .collect()
}

/// The human table for one file: a heading line, then aligned columns.
pub fn render_table(file: &FileClaims) -> String {
    let mut out = String::new();
    let date = file
        .date
        .map_or_else(|| "unknown".to_string(), |d| d.to_string());
    let _ = writeln!(
        out,
        "{} (date: {date}, {} claims)",
        file.path,
        file.claims.len()
    );
    if let Some(error) = &file.error {
        let _ = writeln!(out, "  error: {error}");
        return out;
    }
    let header = [
        "text",
        "kind",
        "value",
        "unit",
        "subject",
        "predicate",
        "scope",
    ]
    .map(String::from);
    let rows = table_rows(&file.claims);
    let mut widths = [0usize; 7];
    for row in std::iter::once(&header).chain(&rows) {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    for row in std::iter::once(&header).chain(&rows) {
        let mut line = String::from(" ");
        for (k, (w, cell)) in widths.iter().zip(row).enumerate() {
            line.push(' ');
            line.push_str(cell);
            if k + 1 < row.len() {
                line.push_str(&" ".repeat(w - cell.chars().count() + 1));
            }
        }
        let _ = writeln!(out, "{}", line.trim_end());
    }
    out
}
