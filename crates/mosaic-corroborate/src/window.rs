//! When an act happened, as a closed range of days.

use chrono::{Datelike, Duration, NaiveDate};
use serde::Serialize;

/// A closed range of days.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Window {
    pub lo: NaiveDate,
    pub hi: NaiveDate,
}

/// How many days before its publication a report with no date of its own may tell of.
pub const PUBLICATION_LOOKBACK_DAYS: i64 = 7;

impl Window {
    /// The days an answer-key date covers: `2024-01-02`, `2024-01`, `2024`, `2016/2018`, `199X`.
    pub fn of_date(value: &str) -> Option<Window> {
        if let Some((a, b)) = value.split_once('/') {
            let (a, b) = (Window::of_date(a)?, Window::of_date(b)?);
            return Some(Window { lo: a.lo, hi: b.hi });
        }
        if let Some(decade) = value.strip_suffix('X') {
            let start: i32 = format!("{decade}0").parse().ok()?;
            return Some(Window {
                lo: NaiveDate::from_ymd_opt(start, 1, 1)?,
                hi: NaiveDate::from_ymd_opt(start + 9, 12, 31)?,
            });
        }
        let parts: Vec<&str> = value.split('-').collect();
        let year: i32 = parts.first()?.parse().ok()?;
        match parts.len() {
            1 => Some(Window {
                lo: NaiveDate::from_ymd_opt(year, 1, 1)?,
                hi: NaiveDate::from_ymd_opt(year, 12, 31)?,
            }),
            2 => {
                let month: u32 = parts[1].parse().ok()?;
                let lo = NaiveDate::from_ymd_opt(year, month, 1)?;
                let next = if month == 12 {
                    NaiveDate::from_ymd_opt(year + 1, 1, 1)?
                } else {
                    NaiveDate::from_ymd_opt(year, month + 1, 1)?
                };
                Some(Window {
                    lo,
                    hi: next.pred_opt()?,
                })
            }
            _ => {
                let day =
                    NaiveDate::parse_from_str(&value[..10.min(value.len())], "%Y-%m-%d").ok()?;
                Some(Window { lo: day, hi: day })
            }
        }
    }

    /// The week before a publication date, the day itself included.
    pub fn before_publication(published: NaiveDate) -> Window {
        Window {
            lo: published - Duration::days(PUBLICATION_LOOKBACK_DAYS),
            hi: published,
        }
    }

    /// Do the windows share a day, give or take `slack` days (time zones, "on Tuesday" read
    /// against another day's paper)?
    pub fn overlaps(&self, other: &Window, slack: i64) -> bool {
        self.lo - Duration::days(slack) <= other.hi && other.lo - Duration::days(slack) <= self.hi
    }

    /// How many days the window spans.
    pub fn days(&self) -> i64 {
        (self.hi - self.lo).num_days() + 1
    }

    /// Is the window one day?
    pub fn is_day(&self) -> bool {
        self.lo == self.hi
    }

    /// Both windows together.
    pub fn union(&self, other: &Window) -> Window {
        Window {
            lo: self.lo.min(other.lo),
            hi: self.hi.max(other.hi),
        }
    }

    /// Sortable ISO bounds, as the store indexes them.
    pub fn bounds(&self) -> (String, String) {
        (self.lo.to_string(), self.hi.to_string())
    }

    /// The month of the window's start, `YYYY-MM`.
    pub fn month(&self) -> String {
        format!("{:04}-{:02}", self.lo.year(), self.lo.month())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_of_answer_key_dates() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert_eq!(Window::of_date("2024-01-02").unwrap().lo, d("2024-01-02"));
        let m = Window::of_date("2024-02").unwrap();
        assert_eq!((m.lo, m.hi), (d("2024-02-01"), d("2024-02-29")));
        assert_eq!(Window::of_date("199X").unwrap().hi, d("1999-12-31"));
        assert_eq!(Window::of_date("2016/2018").unwrap().hi, d("2018-12-31"));
        assert!(Window::of_date("soon").is_none());
        let p = Window::before_publication(d("2024-01-05"));
        assert!(p.overlaps(&Window::of_date("2024-01-02").unwrap(), 0));
        assert!(!p.overlaps(&Window::of_date("2023-11").unwrap(), 1));
    }
}
