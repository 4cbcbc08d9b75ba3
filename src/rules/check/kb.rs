//! Knowledge-base entries: tables and facts with validity periods.

use std::collections::HashMap;

use super::Diags;
use super::literal::literal_value;
use crate::calendar::PartialDate;
use crate::rules::ast::{Item, Span, Validity};
use crate::rules::checked::{FileId, KbEntry, KbKind, KbRow, Origin, Type, Value};
use crate::rules::errors::{Problem, source_span};

/// The checked entry of a `table` or `fact` item, its problems reported.
pub(super) fn entry(item: &Item, file: FileId, diags: &mut Diags) -> Option<KbEntry> {
    let (name, doc, kind, rows, ty) = match item {
        Item::Table(t) => {
            let mut rows = Vec::new();
            for row in &t.rows {
                let (from, until) = period(&row.validity, row.span, file, diags);
                for n in &row.names {
                    rows.push(KbRow {
                        value: Value::Text(n.value.clone()),
                        from,
                        until,
                        span: n.span,
                    });
                }
            }
            let ty = Type::Set(Box::new(Type::Text));
            (&t.name, &t.doc, KbKind::Table, rows, ty)
        }
        Item::Fact(f) => {
            let mut rows = Vec::new();
            let mut ty: Option<(Type, Span)> = None;
            for row in &f.rows {
                let (from, until) = period(&row.validity, row.span, file, diags);
                let (value, row_ty) = match literal_value(&row.value) {
                    Ok(v) => v,
                    Err(p) => {
                        diags.push(file, *p);
                        continue;
                    }
                };
                match &ty {
                    Some((first, _)) if first.unify(&row_ty).is_none() => {
                        diags.push(
                            file,
                            Problem::TypeMismatch {
                                expected: first.to_string(),
                                found: row_ty.to_string(),
                                span: source_span(row.value.span),
                                help: Some(format!(
                                    "every value of `{}` is of one kind",
                                    f.name.name
                                )),
                            },
                        );
                    }
                    Some(_) => {}
                    None => ty = Some((row_ty, row.value.span)),
                }
                rows.push(KbRow {
                    value,
                    from,
                    until,
                    span: row.span,
                });
            }
            let ty = ty.map_or(Type::Unknown, |(t, _)| t);
            (&f.name, &f.doc, KbKind::Fact, rows, ty)
        }
        _ => return None,
    };
    report_overlaps(&name.name, kind, &rows, file, diags);
    Some(KbEntry {
        name: name.name.clone(),
        kind,
        ty,
        rows,
        doc: doc.as_ref().map(|d| d.text()),
        origin: Origin {
            file,
            span: name.span,
        },
    })
}

/// A row's period; one that ends before it starts is reported.
fn period(
    v: &Validity,
    span: Span,
    file: FileId,
    diags: &mut Diags,
) -> (Option<PartialDate>, Option<PartialDate>) {
    let from = v.from.as_ref().map(|d| d.date);
    let until = v.until.as_ref().map(|d| d.date);
    if let (Some(f), Some(u)) = (from, until)
        && u.last_day() < f.first_day()
    {
        diags.push(
            file,
            Problem::BackwardsPeriod {
                span: source_span(span),
            },
        );
    }
    (from, until)
}

/// First and last day of a row, open ends at the ends of time.
fn days(row: &KbRow) -> (i64, i64) {
    (
        row.from.map_or(i64::MIN, |d| d.first_day()),
        row.until.map_or(i64::MAX, |d| d.last_day()),
    )
}

/// A fact has one value a day; a table lists a name at most once a day.
fn report_overlaps(name: &str, kind: KbKind, rows: &[KbRow], file: FileId, diags: &mut Diags) {
    let mut groups: HashMap<String, Vec<&KbRow>> = HashMap::new();
    for row in rows {
        let key = match (kind, &row.value) {
            (KbKind::Table, Value::Text(t)) => t.clone(),
            _ => String::new(),
        };
        groups.entry(key).or_default().push(row);
    }
    let mut keys: Vec<&String> = groups.keys().collect();
    keys.sort();
    for key in keys {
        let mut group = groups[key].clone();
        group.sort_by_key(|r| days(r).0);
        for pair in group.windows(2) {
            let (a, b) = (days(pair[0]), days(pair[1]));
            if b.0 <= a.1 {
                diags.push(
                    file,
                    Problem::OverlappingValidity {
                        name: name.to_string(),
                        span: source_span(pair[1].span),
                        other: source_span(pair[0].span),
                    },
                );
            }
        }
    }
}
