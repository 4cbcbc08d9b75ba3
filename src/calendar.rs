//! Calendar dates with a granularity: a year, a month of a year, or a day.
//!
//! Documents and claims often name a date only in part ("2014", "September 2014"), so a
//! date here is a day, a month or a year, never a guess at the missing parts.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A date known to the year, the month or the day. Ordered by its first day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PartialDate {
    pub year: i32,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

impl PartialDate {
    pub fn year(year: i32) -> Self {
        Self {
            year,
            month: None,
            day: None,
        }
    }

    pub fn month(year: i32, month: u8) -> Option<Self> {
        (1..=12).contains(&month).then_some(Self {
            year,
            month: Some(month),
            day: None,
        })
    }

    /// A full date, or `None` when the day does not exist (30 February).
    pub fn day(year: i32, month: u8, day: u8) -> Option<Self> {
        ((1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month)).then_some(
            Self {
                year,
                month: Some(month),
                day: Some(day),
            },
        )
    }

    pub fn is_full(&self) -> bool {
        self.day.is_some()
    }

    /// Days since 1970-01-01 of the first day this date covers.
    pub fn first_day(&self) -> i64 {
        days_from_civil(self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
    }

    /// Days since 1970-01-01 of the last day this date covers.
    pub fn last_day(&self) -> i64 {
        match (self.month, self.day) {
            (Some(m), Some(d)) => days_from_civil(self.year, m, d),
            (Some(m), None) => days_from_civil(self.year, m, days_in_month(self.year, m)),
            _ => days_from_civil(self.year, 12, 31),
        }
    }

    /// The full date `days` days since 1970-01-01.
    pub fn from_days(days: i64) -> Self {
        let (year, month, day) = civil_from_days(days);
        Self {
            year,
            month: Some(month),
            day: Some(day),
        }
    }

    /// Monday = 0 ... Sunday = 6, for a full date.
    pub fn weekday(&self) -> Option<u8> {
        self.day?;
        // 1970-01-01 was a Thursday (3).
        Some(((self.first_day() + 3).rem_euclid(7)) as u8)
    }
}

pub fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Howard Hinnant's days-from-civil algorithm (proleptic Gregorian).
fn days_from_civil(year: i32, month: u8, day: u8) -> i64 {
    let y = i64::from(year) - i64::from(month <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(days: i64) -> (i32, u8, u8) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
    (year, month, day)
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
            if let Some(d) = self.day {
                write!(f, "-{d:02}")?;
            }
        }
        Ok(())
    }
}

/// Why a text is not a date of the form `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD")]
pub struct DateParseError(pub String);

impl FromStr for PartialDate {
    type Err = DateParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = || DateParseError(s.to_string());
        let mut parts = s.trim().splitn(3, '-');
        let year_text = parts.next().ok_or_else(err)?;
        if year_text.len() != 4 || !year_text.bytes().all(|b| b.is_ascii_digit()) {
            return Err(err());
        }
        let year: i32 = year_text.parse().map_err(|_| err())?;
        let mut number = |max_len: usize| -> Result<Option<u8>, DateParseError> {
            match parts.next() {
                None => Ok(None),
                Some(p)
                    if (1..=max_len).contains(&p.len())
                        && p.bytes().all(|b| b.is_ascii_digit()) =>
                {
                    p.parse().map(Some).map_err(|_| err())
                }
                Some(_) => Err(err()),
            }
        };
        let month = number(2)?;
        let day = number(2)?;
        match (month, day) {
            (None, _) => Ok(Self::year(year)),
            (Some(m), None) => Self::month(year, m).ok_or_else(err),
            (Some(m), Some(d)) => Self::day(year, m, d).ok_or_else(err),
        }
    }
}

impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_each_granularity() {
        assert_eq!("2014".parse(), Ok(PartialDate::year(2014)));
        assert_eq!("2014-09".parse(), Ok(PartialDate::month(2014, 9).unwrap()));
        assert_eq!(
            "2014-09-15".parse(),
            Ok(PartialDate::day(2014, 9, 15).unwrap())
        );
        assert!("2014-02-30".parse::<PartialDate>().is_err());
        assert!("14-09-15".parse::<PartialDate>().is_err());
        assert!("2014-13".parse::<PartialDate>().is_err());
        assert!("".parse::<PartialDate>().is_err());
    }

    #[test]
    fn day_numbers_round_trip() {
        for days in [-800_000, -1, 0, 1, 16_328, 20_000, 3_000_000] {
            assert_eq!(PartialDate::from_days(days).first_day(), days);
        }
        assert_eq!(PartialDate::day(1970, 1, 1).unwrap().first_day(), 0);
        // 2014-09-15 was a Monday.
        assert_eq!(PartialDate::day(2014, 9, 15).unwrap().weekday(), Some(0));
    }

    #[test]
    fn spans_of_partial_dates() {
        let sept = PartialDate::month(2014, 9).unwrap();
        assert_eq!(
            PartialDate::from_days(sept.last_day()),
            PartialDate::day(2014, 9, 30).unwrap()
        );
        let leap = PartialDate::year(2016);
        assert_eq!(leap.last_day() - leap.first_day(), 365);
    }
}
