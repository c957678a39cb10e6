//! Places year-less and relative expressions on the calendar, given the article's anchor date.

use chrono::{Datelike, Months, NaiveDate, Weekday};
use mosaic_core::Granularity;

use crate::grammar::{Rel, Spec};

/// What resolution knows besides the expression itself.
#[derive(Clone, Debug, Default)]
pub(crate) struct Ctx {
    pub anchor: Option<NaiveDate>,
    /// Without an anchor, a weekday-dated "Friday, Nov. 1" takes the latest fitting year in
    /// `[year_lo, year_hi]`: the text's own years (or era cues) bound it.
    pub year_hi: Option<i32>,
    pub year_lo: Option<i32>,
}

/// A resolved value: ISO text, granularity, and whether it depended on the anchor or a guess.
pub(crate) type Resolved = (String, Granularity, bool);

pub(crate) fn fmt_day(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn fmt_month(y: i32, m: u32) -> String {
    format!("{y:04}-{m:02}")
}

/// Shifts a (year, month) by `n` months.
pub fn add_months(y: i32, m: u32, n: i32) -> (i32, u32) {
    let idx = y as i64 * 12 + (m as i64 - 1) + n as i64;
    (idx.div_euclid(12) as i32, (idx.rem_euclid(12) + 1) as u32)
}

/// The most recent `wd` on or before `anchor` (`forward` = the first one after it).
pub fn weekday_near(anchor: NaiveDate, wd: Weekday, forward: bool) -> Option<NaiveDate> {
    let a = anchor.weekday().num_days_from_monday() as i64;
    let w = wd.num_days_from_monday() as i64;
    if forward {
        let mut d = (w - a).rem_euclid(7);
        if d == 0 {
            d = 7;
        }
        anchor.checked_add_signed(chrono::Duration::days(d))
    } else {
        anchor.checked_sub_signed(chrono::Duration::days((a - w).rem_euclid(7)))
    }
}

/// The year for a year-less month-day, preferring one whose weekday agrees with a stated weekday
/// (the weekday is the stronger evidence). A sentence that looks ahead takes the first date on or
/// after the anchor; otherwise the nearest date, unless it lies more than two months ahead — a
/// news report's undated "Oct. 6" in June is last October.
pub fn year_for_month_day(
    anchor: NaiveDate,
    month: u32,
    day: u32,
    weekday: Option<Weekday>,
    future: bool,
) -> Option<NaiveDate> {
    let mut best: Option<(bool, i64, NaiveDate)> = None;
    for y in anchor.year() - 1..=anchor.year() + 1 {
        let Some(d) = NaiveDate::from_ymd_opt(y, month, day) else {
            continue;
        };
        let agrees = weekday.is_none() || weekday == Some(d.weekday());
        let ahead = (d - anchor).num_days();
        let cost = if future {
            if ahead >= 0 {
                ahead
            } else {
                10_000 - ahead
            }
        } else if ahead > 61 {
            100_000 + ahead
        } else {
            // Ties go to the past: news mostly reports what already happened.
            ahead.abs() * 2 + i64::from(ahead > 0)
        };
        let key = (!agrees, cost, d);
        if best.is_none() || best.is_some_and(|b| (key.0, key.1) < (b.0, b.1)) {
            best = Some(key);
        }
    }
    best.map(|b| b.2)
}

/// Without an anchor: the latest year in `[lo, hi]` in which `month/day` falls on `wd`.
pub fn year_for_weekday_date(
    month: u32,
    day: u32,
    wd: Weekday,
    hi: i32,
    lo: i32,
) -> Option<NaiveDate> {
    (lo.max(hi - 40)..=hi)
        .rev()
        .filter_map(|y| NaiveDate::from_ymd_opt(y, month, day))
        .find(|d| d.weekday() == wd)
}

pub(crate) fn resolve(spec: &Spec, ctx: &Ctx, future: bool) -> Option<Resolved> {
    if let Spec::Abs { value, gran } = spec {
        return Some((value.clone(), *gran, false));
    }
    if let (
        Spec::MonthDay {
            month,
            day,
            weekday: Some(wd),
        },
        None,
    ) = (spec, ctx.anchor)
    {
        let d =
            year_for_weekday_date(*month, *day, *wd, ctx.year_hi?, ctx.year_lo.unwrap_or(1900))?;
        return Some((fmt_day(d), Granularity::Day, true));
    }
    let a = ctx.anchor?;
    let r = match *spec {
        Spec::Abs { .. } => return None,
        Spec::MonthDay {
            month,
            day,
            weekday,
        } => (
            fmt_day(year_for_month_day(a, month, day, weekday, future)?),
            Granularity::Day,
        ),
        Spec::Month { month, rel } => {
            let am = a.month();
            let y = match rel {
                Rel::This => a.year(),
                Rel::Last => a.year() - i32::from(month >= am),
                Rel::Next => a.year() + i32::from(month <= am),
                Rel::Plain if future => a.year() + i32::from(month < am),
                Rel::Plain => a.year() - i32::from(month > am),
            };
            (fmt_month(y, month), Granularity::Month)
        }
        Spec::MonthYearOffset { month, years } => (
            fmt_month(a.year().checked_add(years)?, month),
            Granularity::Month,
        ),
        Spec::Weekday { wd, rel } => {
            let fwd = match rel {
                Rel::Next => true,
                Rel::Last => false,
                Rel::This | Rel::Plain => future,
            };
            let mut d = weekday_near(a, wd, fwd)?;
            if rel == Rel::Last && d == a {
                d = d.checked_sub_signed(chrono::Duration::days(7))?;
            }
            (fmt_day(d), Granularity::Day)
        }
        Spec::Days(n) => (
            fmt_day(a.checked_add_signed(chrono::Duration::try_days(n)?)?),
            Granularity::Day,
        ),
        Spec::Months(n) => {
            let d = if n >= 0 {
                a.checked_add_months(Months::new(n as u32))?
            } else {
                a.checked_sub_months(Months::new(n.unsigned_abs()))?
            };
            (fmt_month(d.year(), d.month()), Granularity::Month)
        }
        Spec::Years(n) => (
            format!("{:04}", a.year().checked_add(n)?),
            Granularity::Year,
        ),
        Spec::Season { last_month, rel } => {
            let am = a.month();
            let y = match rel {
                Rel::Last => a.year() - i32::from(am <= last_month),
                Rel::Next => a.year() + i32::from(am + 2 >= last_month),
                _ => a.year(),
            };
            (format!("{y:04}"), Granularity::Season)
        }
    };
    // Values outside four-digit years are noise from absurd offsets ("99 years ago" is fine).
    if !(1000..=9999).contains(&r.0[..4].parse::<i32>().unwrap_or(0)) {
        return None;
    }
    Some((r.0, r.1, true))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, dd: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, dd).expect("valid")
    }

    #[test]
    fn month_arithmetic_wraps_years() {
        assert_eq!(add_months(2013, 1, -1), (2012, 12));
        assert_eq!(add_months(2013, 12, 1), (2014, 1));
        assert_eq!(add_months(2013, 11, -23), (2011, 12));
    }

    #[test]
    fn weekday_search_includes_the_anchor_itself() {
        assert_eq!(
            weekday_near(d(2013, 11, 2), Weekday::Sat, false),
            Some(d(2013, 11, 2))
        );
        assert_eq!(
            weekday_near(d(2013, 11, 2), Weekday::Sat, true),
            Some(d(2013, 11, 9))
        );
        assert_eq!(
            weekday_near(d(2013, 11, 2), Weekday::Tue, false),
            Some(d(2013, 10, 29))
        );
    }

    #[test]
    fn year_less_dates_pick_the_right_year() {
        assert_eq!(
            year_for_month_day(d(2025, 1, 10), 12, 8, None, false),
            Some(d(2024, 12, 8))
        );
        // Nov 1 2013 is a Friday; a stated Thursday can only be Nov 1 2012.
        assert_eq!(
            year_for_month_day(d(2013, 11, 2), 11, 1, Some(Weekday::Thu), false),
            Some(d(2012, 11, 1))
        );
        assert_eq!(
            year_for_month_day(d(2019, 6, 10), 10, 6, None, false),
            Some(d(2018, 10, 6))
        );
        assert_eq!(
            year_for_month_day(d(2019, 6, 10), 10, 6, None, true),
            Some(d(2019, 10, 6))
        );
        assert_eq!(
            year_for_month_day(d(2019, 6, 10), 7, 20, None, false),
            Some(d(2019, 7, 20))
        );
        assert_eq!(
            year_for_weekday_date(11, 1, Weekday::Fri, 2017, 2009),
            Some(d(2013, 11, 1))
        );
    }
}
