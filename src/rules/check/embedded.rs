//! The knowledge base embedded in factlint: `rules/kb/memberships.toml`, read here as data
//! (the evaluator reads the same file), so that every rule file can name `kb.eu_members`,
//! `kb.nato_members`, ... without declaring them. A rule file's own `table` or `fact` of the
//! same name takes the embedded entry's place.

use std::sync::Arc;

use serde::Deserialize;

use crate::calendar::PartialDate;
use crate::rules::ast::Span;
use crate::rules::checked::{FileId, KbEntry, KbKind, KbRow, Origin, Type, Value};

/// The file, as rule sets show it.
pub const NAME: &str = "rules/kb/memberships.toml";
const TEXT: &str = include_str!("../../../rules/kb/memberships.toml");

#[derive(Deserialize)]
struct MembershipsFile {
    group: Vec<Group>,
}

#[derive(Deserialize)]
struct Group {
    id: String,
    name: String,
    #[serde(rename = "member")]
    members: Vec<Member>,
}

#[derive(Deserialize)]
struct Member {
    country: String,
    from: PartialDate,
    #[serde(default)]
    until: Option<PartialDate>,
}

/// The embedded file's text, for diagnostics and the rule set's files.
pub fn text() -> Arc<str> {
    Arc::from(TEXT)
}

/// One table per group, `<id>_members`, its rows spanning the members' entries in the file.
/// An invalid embedded file is a bug caught by the tests; it then gives no entries.
pub fn entries(file: FileId) -> Vec<KbEntry> {
    let Ok(parsed) = toml::from_str::<MembershipsFile>(TEXT) else {
        return Vec::new();
    };
    let mut search_from = 0;
    parsed
        .group
        .into_iter()
        .map(|g| {
            let group_at = TEXT[search_from..]
                .find(&format!("id = \"{}\"", g.id))
                .map_or(search_from, |at| search_from + at);
            let rows = g
                .members
                .iter()
                .map(|m| {
                    let needle = format!("country = \"{}\"", m.country);
                    let span = match TEXT[search_from..].find(&needle) {
                        Some(at) => {
                            search_from += at + needle.len();
                            Span::new(search_from - needle.len(), search_from)
                        }
                        None => Span::default(),
                    };
                    KbRow {
                        value: Value::Text(m.country.clone()),
                        from: Some(m.from),
                        until: m.until,
                        span,
                    }
                })
                .collect();
            KbEntry {
                name: format!("{}_members", g.id),
                kind: KbKind::Table,
                ty: Type::Set(Box::new(Type::Text)),
                rows,
                doc: Some(format!("Members of the {} over time (embedded).", g.name)),
                origin: Origin {
                    file,
                    span: Span::new(group_at, group_at),
                },
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_memberships_load_with_their_places() {
        assert!(toml::from_str::<MembershipsFile>(TEXT).is_ok());
        let entries = entries(FileId(0));
        let eu = entries
            .iter()
            .find(|e| e.name == "eu_members")
            .expect("the EU");
        let uk = eu
            .rows
            .iter()
            .find(|r| r.value == Value::Text("United Kingdom".into()));
        let uk = uk.expect("the United Kingdom");
        assert_eq!(
            uk.until.map(|d| d.to_string()).as_deref(),
            Some("2020-01-31")
        );
        assert_eq!(
            &TEXT[uk.span.start..uk.span.end],
            "country = \"United Kingdom\""
        );
    }
}
