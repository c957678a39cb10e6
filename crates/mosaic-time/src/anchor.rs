//! The article's own date: read from metadata strings, or inferred from the text.

use std::sync::LazyLock;

use chrono::{DateTime, Datelike, NaiveDate};
use mosaic_core::Granularity;
use regex::Regex;

use crate::grammar::{Rel, Spec};
use crate::resolve::fmt_day;
use crate::{analyse, stated_max_year};

/// A publication date guessed from the text, with the reasoning in one line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InferredAnchor {
    /// The inferred publication date.
    pub date: NaiveDate,
    /// How the date was obtained, for the document's diagnostics.
    pub how: String,
}

/// Infers the publication date from the text when metadata has none.
///
/// The anchor is the latest full date the text states (a year-less "Friday, Nov. 1" counts, its
/// year fixed by the weekday and the text's latest year or era cues), moved forward to a bare
/// weekday the report mentions in the past tense ("reacted Saturday"). None when the text states
/// no full date, or states a year later than its latest full date (the article is then written
/// later than any date we could name).
pub fn infer_anchor(text: &str) -> Option<InferredAnchor> {
    let items = analyse(text, None);
    // Years that look ahead ("by 2030", "Vision 2030", "will end in 2026") say nothing about
    // when the article was written; every other stated year is a lower bound for it.
    let stated_max = items
        .iter()
        .filter(|i| !i.future && !target_year(text, i.start))
        .filter_map(|i| stated_max_year(&i.spec))
        .max();
    let (date, at) = items
        .iter()
        .filter_map(|i| {
            let (v, g, _) = i.resolved.as_ref()?;
            let d = NaiveDate::parse_from_str(v, "%Y-%m-%d").ok()?;
            (*g == Granularity::Day).then_some((d, i))
        })
        .max_by_key(|(d, _)| *d)?;
    if stated_max.is_some_and(|y| y > date.year()) {
        return None;
    }
    let said = &text[at.start..at.end];
    let mut how = if at.resolved.as_ref().is_some_and(|r| r.2) {
        format!("latest date in the text, '{said}' = {} (year from its weekday and the text's years or era cues)", fmt_day(date))
    } else {
        format!("latest full date in the text, '{said}' = {}", fmt_day(date))
    };
    // A bare past-tense weekday names a day of the publication week, at or after that date.
    // When the text also names the date's own weekday ("said Tuesday" under a Tuesday dateline),
    // the date is the publication day and the other weekdays lie before it.
    let deltas: Vec<i64> = items
        .iter()
        .filter(|i| !i.future)
        .filter_map(|i| match i.spec {
            Spec::Weekday {
                wd,
                rel: Rel::Plain,
            } => Some(
                (wd.num_days_from_monday() as i64 - date.weekday().num_days_from_monday() as i64)
                    .rem_euclid(7),
            ),
            _ => None,
        })
        .collect();
    let bump = if deltas.contains(&0) {
        0
    } else {
        deltas.into_iter().max().unwrap_or(0)
    };
    let date = date.checked_add_signed(chrono::Duration::days(bump))?;
    if bump > 0 {
        how.push_str(&format!(
            ", moved {bump} day(s) on to the {} the report names",
            date.format("%A")
        ));
    }
    Some(InferredAnchor { date, how })
}

fn target_year(text: &str, start: usize) -> bool {
    const TARGET: &[&str] = &[
        "by", "until", "till", "vision", "agenda", "plan", "target", "horizon", "strategy",
        "before",
    ];
    let prev = text[..start]
        .split(|c: char| !c.is_alphanumeric())
        .rfind(|w| !w.is_empty())
        .unwrap_or("");
    TARGET.contains(&prev.to_lowercase().as_str())
}

static R_NUMERIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<a>\d{1,4})(?P<s>[-/.])(?P<b>\d{1,2})[-/.](?P<c>\d{1,4})(?:$|[ T,])")
        .expect("numeric date pattern")
});

/// Reads a metadata date in any common format: ISO 8601 / RFC 3339, RFC 2822, "June 1, 2023",
/// "1 June 2023", "2023/06/01", "01.06.2023" (dots are European day-first), and "01/06/2023"
/// only when unambiguous (one part above 12, or both equal): a wrong anchor shifts every
/// relative date of the article, so an ambiguous slash date gives None rather than a guess.
pub fn parse_published(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if s.is_empty() || s.len() > 200 {
        return None;
    }
    if let Ok(d) = DateTime::parse_from_rfc3339(s) {
        return Some(d.date_naive());
    }
    if let Ok(d) = DateTime::parse_from_rfc2822(s) {
        return Some(d.date_naive());
    }
    if let Some(d) = s
        .get(..10)
        .and_then(|p| NaiveDate::parse_from_str(p, "%Y-%m-%d").ok())
    {
        return Some(d);
    }
    if s.len() == 8 && s.bytes().all(|b| b.is_ascii_digit()) {
        return NaiveDate::parse_from_str(s, "%Y%m%d").ok();
    }
    if let Some(c) = R_NUMERIC.captures(s) {
        let (a, b, cc) = (
            c["a"].parse::<u32>().ok()?,
            c["b"].parse::<u32>().ok()?,
            c["c"].parse::<i32>().ok()?,
        );
        if c["a"].len() == 4 {
            return NaiveDate::from_ymd_opt(a as i32, b, cc.try_into().ok()?);
        }
        let y = match c["c"].len() {
            4 => cc,
            2 => 2000 + cc,
            _ => return None,
        };
        let (day, month) = if &c["s"] == "." || a > 12 {
            (a, b)
        } else if b > 12 || a == b {
            (b, a)
        } else {
            return None;
        };
        return NaiveDate::from_ymd_opt(y, month, day);
    }
    // Worded dates: the grammar's own full-date rules, taking the first day-precise match.
    crate::find_times(s, None)
        .into_iter()
        .find(|m| m.granularity == Granularity::Day && !m.relative)
        .and_then(|m| NaiveDate::parse_from_str(&m.value, "%Y-%m-%d").ok())
}
