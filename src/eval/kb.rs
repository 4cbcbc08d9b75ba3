//! The knowledge base: facts that hold between dates, such as who was in the EU when.
//!
//! Data, not code: `rules/kb/memberships.toml`, embedded in the binary. A group's members are
//! asked for "as of" a date; when the date is known only to the year or month and the
//! membership changed within it, the answer is "cannot tell", never a guess.

use std::sync::OnceLock;

use serde::Deserialize;

use crate::calendar::PartialDate;

const MEMBERSHIPS: &str = include_str!("../../rules/kb/memberships.toml");

#[derive(Debug, Deserialize)]
struct MembershipsFile {
    group: Vec<Group>,
}

/// A group with members over time: the EU, the euro area, NATO.
#[derive(Debug, Clone, Deserialize)]
pub struct Group {
    /// Named in rules as `kb.<id>_members`.
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    pub source: String,
    #[serde(rename = "member")]
    pub members: Vec<Membership>,
}

/// One spell of one country in a group, both days inclusive.
#[derive(Debug, Clone, Deserialize)]
pub struct Membership {
    pub country: String,
    pub from: PartialDate,
    #[serde(default)]
    pub until: Option<PartialDate>,
    pub source: String,
}

impl Membership {
    fn covers_day(&self, day: i64) -> bool {
        self.from.first_day() <= day && self.until.is_none_or(|u| day <= u.last_day())
    }
}

/// Every group of the knowledge base.
#[derive(Debug, Clone)]
pub struct KnowledgeBase {
    pub groups: Vec<Group>,
}

/// The embedded knowledge base is part of the binary; its tests check that it loads.
#[derive(Debug, thiserror::Error)]
#[error("embedded knowledge base rules/kb/memberships.toml is invalid: {0}")]
pub struct KbError(String);

impl KnowledgeBase {
    pub fn embedded() -> &'static KnowledgeBase {
        static KB: OnceLock<KnowledgeBase> = OnceLock::new();
        KB.get_or_init(|| match KnowledgeBase::parse(MEMBERSHIPS) {
            Ok(kb) => kb,
            Err(e) => panic!("{e}"),
        })
    }

    pub fn parse(text: &str) -> Result<KnowledgeBase, KbError> {
        let file: MembershipsFile = toml::from_str(text).map_err(|e| KbError(e.to_string()))?;
        Ok(KnowledgeBase { groups: file.group })
    }

    /// A group by its id ("eu") or any of its names ("European Union", "EU").
    pub fn group(&self, name: &str) -> Option<&Group> {
        self.groups
            .iter()
            .find(|g| g.id == name || g.name == name || g.aliases.iter().any(|a| a == name))
    }
}

impl Group {
    /// The members on `date`, sorted; `None` when the date is partial and membership changed
    /// within it (the EU in 2020), so nothing can be told.
    pub fn members_at(&self, date: PartialDate) -> Option<Vec<&str>> {
        let (first, last) = (date.first_day(), date.last_day());
        let at_start = self.members_on(first);
        (at_start == self.members_on(last) && !self.changes_within(first, last)).then_some(at_start)
    }

    fn members_on(&self, day: i64) -> Vec<&str> {
        let mut members: Vec<&str> = self
            .members
            .iter()
            .filter(|m| m.covers_day(day))
            .map(|m| m.country.as_str())
            .collect();
        members.sort_unstable();
        members.dedup();
        members
    }

    fn changes_within(&self, first: i64, last: i64) -> bool {
        self.members.iter().any(|m| {
            let joins = m.from.first_day();
            let leaves = m.until.map(|u| u.last_day() + 1);
            (first < joins && joins <= last) || leaves.is_some_and(|l| first < l && l <= last)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn count(group: &str, date: &str) -> Option<usize> {
        let kb = KnowledgeBase::embedded();
        kb.group(group)?
            .members_at(date.parse().ok()?)
            .map(|m| m.len())
    }

    #[test]
    fn eu_sizes_over_time() {
        assert_eq!(count("eu", "2014-09-22"), Some(28));
        assert_eq!(count("EU", "2020-01-31"), Some(28));
        assert_eq!(count("European Union", "2020-02-01"), Some(27));
        assert_eq!(count("eu", "2004-06-01"), Some(25));
        assert_eq!(count("eu", "2014"), Some(28));
        assert_eq!(count("eu", "2020"), None, "the UK left during 2020");
        assert_eq!(count("eu", "2013"), None, "Croatia joined during 2013");
    }

    #[test]
    fn other_groups() {
        assert_eq!(count("nato", "2024-06-01"), Some(32));
        assert_eq!(count("euro", "2014-09-22"), Some(18));
        let kb = KnowledgeBase::embedded();
        let schengen = kb
            .group("schengen")
            .unwrap()
            .members_at("2014-09-22".parse().unwrap())
            .unwrap();
        assert!(schengen.contains(&"Norway"));
        assert!(
            kb.groups
                .iter()
                .all(|g| !g.source.is_empty() && g.members.iter().all(|m| !m.source.is_empty()))
        );
    }
}
