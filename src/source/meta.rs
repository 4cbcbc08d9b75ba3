//! The date a document states about itself: `date:` in front matter, a publication-time
//! `<meta>` in HTML, else the first `<time datetime>`. Only the leading `YYYY-MM-DD` part of a
//! value counts; a value that is not a valid date is ignored, never an error.

use crate::calendar::PartialDate;

/// Front matter keys that hold the publication date.
const FRONT_MATTER_KEYS: [&str; 4] = ["date", "published", "publishdate", "pubdate"];

/// `<meta>` names (in `property`, `name` or `itemprop`) that hold the publication date.
const META_KEYS: [&str; 7] = [
    "article:published_time",
    "date",
    "datepublished",
    "dc.date",
    "dc.date.issued",
    "pubdate",
    "publish-date",
];

/// The date at the start of `value`: `2014-09-22`, `2014-09-22T10:00:00Z`, `"2014-09"`, `2014`.
pub(crate) fn leading_date(value: &str) -> Option<PartialDate> {
    let value = value.trim().trim_start_matches(['"', '\'']);
    let end = value
        .bytes()
        .take(10)
        .position(|b| !(b.is_ascii_digit() || b == b'-'))
        .unwrap_or(value.len().min(10));
    value.get(..end)?.trim_end_matches('-').parse().ok()
}

/// The date in a YAML (`date: 2014-09-22`) or TOML (`date = 2014-09-22`) front matter block.
/// Only top-level keys count: an indented `date:` belongs to some nested map.
pub(crate) fn front_matter_date(block: &str) -> Option<PartialDate> {
    block.lines().find_map(|line| {
        if line.starts_with(char::is_whitespace) {
            return None;
        }
        let (key, value) = line.split_once([':', '='])?;
        let key = key.trim().trim_matches(['"', '\'']);
        FRONT_MATTER_KEYS
            .iter()
            .any(|k| k.eq_ignore_ascii_case(key))
            .then(|| leading_date(value))
            .flatten()
    })
}

/// Collects the dates an HTML page states in its tags, in document order.
#[derive(Debug, Default)]
pub(crate) struct HtmlDates {
    meta: Option<PartialDate>,
    time: Option<PartialDate>,
}

impl HtmlDates {
    /// Looks at one start tag. `attribute` gives an attribute's value by (lower-case) name;
    /// `counts_for_time` is false inside page furniture, whose `<time>`s date other articles.
    pub(crate) fn see_start_tag<'t>(
        &mut self,
        name: &[u8],
        attribute: impl Fn(&str) -> Option<&'t [u8]>,
        counts_for_time: bool,
    ) {
        let text = |name: &str| attribute(name).and_then(|v| std::str::from_utf8(v).ok());
        match name {
            b"meta" if self.meta.is_none() => {
                let is_date_key = ["property", "name", "itemprop"]
                    .iter()
                    .filter_map(|a| text(a))
                    .any(|key| META_KEYS.iter().any(|k| k.eq_ignore_ascii_case(key.trim())));
                if is_date_key {
                    self.meta = text("content").and_then(leading_date);
                }
            }
            b"time" if counts_for_time && self.time.is_none() => {
                self.time = text("datetime").and_then(leading_date);
            }
            _ => {}
        }
    }

    /// A publication-time `<meta>` wins over the first `<time>`.
    pub(crate) fn date(&self) -> Option<PartialDate> {
        self.meta.or(self.time)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u8, d: u8) -> Option<PartialDate> {
        PartialDate::day(y, m, d)
    }

    #[test]
    fn leading_dates() {
        assert_eq!(leading_date("2014-09-22"), day(2014, 9, 22));
        assert_eq!(leading_date(" 2014-09-22T10:00:00Z"), day(2014, 9, 22));
        assert_eq!(leading_date("\"2014-09-22\""), day(2014, 9, 22));
        assert_eq!(leading_date("'2014-09'"), PartialDate::month(2014, 9));
        assert_eq!(leading_date("2014"), Some(PartialDate::year(2014)));
        assert_eq!(leading_date("2014-02-30"), None);
        assert_eq!(leading_date("22 September 2014"), None);
        assert_eq!(leading_date(""), None);
        assert_eq!(leading_date("é"), None);
    }

    #[test]
    fn front_matter_in_yaml_and_toml() {
        assert_eq!(
            front_matter_date("title: Budget\ndate: 2014-09-22\n"),
            day(2014, 9, 22)
        );
        assert_eq!(
            front_matter_date("title = \"x\"\ndate = 2014-09-22T10:00:00Z\n"),
            day(2014, 9, 22)
        );
        assert_eq!(front_matter_date("Date: \"2014-09-22\""), day(2014, 9, 22));
        assert_eq!(front_matter_date("author:\n  date: 2001-01-01\n"), None);
        assert_eq!(front_matter_date("date: soon\n"), None);
        assert_eq!(front_matter_date("updated: 2014-09-22\n"), None);
    }

    /// An attribute lookup over name-value pairs.
    fn attrs<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<&'a [u8]> {
        move |name| {
            pairs
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| v.as_bytes())
        }
    }

    #[test]
    fn html_meta_wins_over_time() {
        let mut dates = HtmlDates::default();
        let time = [("datetime", "2013-01-02")];
        dates.see_start_tag(b"time", attrs(&time), false);
        assert_eq!(dates.date(), None);
        dates.see_start_tag(b"time", attrs(&time), true);
        assert_eq!(dates.date(), day(2013, 1, 2));
        dates.see_start_tag(
            b"meta",
            attrs(&[("name", "date"), ("content", "bad")]),
            true,
        );
        assert_eq!(dates.date(), day(2013, 1, 2));
        let published = [
            ("property", "article:published_time"),
            ("content", "2014-09-22T08:00Z"),
        ];
        dates.see_start_tag(b"meta", attrs(&published), true);
        assert_eq!(dates.date(), day(2014, 9, 22));
        let later = [("itemprop", "datePublished"), ("content", "2015-01-01")];
        dates.see_start_tag(b"meta", attrs(&later), true);
        assert_eq!(dates.date(), day(2014, 9, 22));
    }
}
