//! Date expressions in English news text, normalised to ISO values against the article's date.
//!
//! [`find_times`] runs a regex grammar (one rule per construction, see `grammar.rs`), keeps the
//! longest non-overlapping matches, and resolves year-less and relative ones against the anchor.
//! [`infer_anchor`] guesses the publication date from the text when metadata has none, and
//! [`parse_published`] reads metadata dates. Values follow the answer-key conventions:
//! `2013-11-01`, `2013-11`, `2013`, `199X`, and `2016/2018` for intervals. Vague expressions
//! ("recently", "this week", "today") are not reported.

mod anchor;
mod grammar;
mod resolve;

use std::collections::BTreeMap;
use std::sync::LazyLock;

use chrono::NaiveDate;
use mosaic_core::{Granularity, Span, TimeExpression};
use regex::Regex;

pub use anchor::{infer_anchor, parse_published, InferredAnchor};
pub use resolve::{add_months, weekday_near, year_for_month_day, year_for_weekday_date};

use grammar::{Cand, Spec};
use resolve::{Ctx, Resolved};

/// One date expression found in a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimeMatch {
    /// UTF-8 byte offset of the first byte of the expression.
    pub start: usize,
    /// UTF-8 byte offset just past the expression.
    pub end: usize,
    /// The expression as written (`text[start..end]`).
    pub text: String,
    /// ISO value: `YYYY-MM-DD`, `YYYY-MM`, `YYYY`, `199X`, or `A/B` for an interval.
    pub value: String,
    /// Precision of `value`; `Season` values are written as the year, `Interval` as `A/B`.
    pub granularity: Granularity,
    /// True when the value depended on the anchor (or, with no anchor, on a guessed year).
    pub relative: bool,
}

impl TimeMatch {
    /// The match as the core document model stores it.
    pub fn to_expression(&self) -> TimeExpression {
        TimeExpression {
            span: Span::new(self.start, self.end),
            text: self.text.clone(),
            value: self.value.clone(),
            granularity: self.granularity,
            relative: self.relative,
        }
    }
}

/// A selected candidate with its resolution (None when it needs an anchor it did not get).
#[derive(Clone, Debug)]
pub(crate) struct Item {
    pub start: usize,
    pub end: usize,
    pub spec: Spec,
    pub future: bool,
    pub resolved: Option<Resolved>,
}

/// Finds the date expressions of `text`, non-overlapping and in text order.
///
/// `anchor` is the article's publication date; without it, expressions that need it (“last
/// month”, “Saturday”, “Dec. 8”) are left out, except a year-less date with a weekday
/// (“Friday, Nov. 1”), which takes the latest fitting year not after the latest year the text
/// states.
pub fn find_times(text: &str, anchor: Option<NaiveDate>) -> Vec<TimeMatch> {
    let items = analyse(text, anchor);
    let matches: Vec<TimeMatch> = items
        .into_iter()
        .filter_map(|it| {
            let (value, granularity, relative) = it.resolved?;
            Some(TimeMatch {
                start: it.start,
                end: it.end,
                text: text[it.start..it.end].to_string(),
                value,
                granularity,
                relative,
            })
        })
        .collect();
    merge_intervals(text, matches)
}

/// Resolves a single expression against an anchor, e.g. `resolve_relative("last month", d)`.
///
/// Returns the value of the longest expression found in `expr`, or None.
pub fn resolve_relative(expr: &str, anchor: NaiveDate) -> Option<(String, Granularity)> {
    find_times(expr, Some(anchor))
        .into_iter()
        .max_by_key(|m| m.end - m.start)
        .map(|m| (m.value, m.granularity))
}

pub(crate) fn analyse(text: &str, anchor: Option<NaiveDate>) -> Vec<Item> {
    let chosen = select(grammar::candidates(text));
    let mut ctx = Ctx {
        anchor,
        ..Default::default()
    };
    if anchor.is_none() {
        ctx.year_hi = chosen.iter().filter_map(|c| stated_max_year(&c.spec)).max();
        if let Some((lo, hi)) = era_bounds(text) {
            ctx.year_lo = Some(lo);
            ctx.year_hi = ctx.year_hi.or(Some(hi));
        }
    }
    chosen
        .into_iter()
        .map(|c| {
            let future = looks_ahead(text, c.start, c.end);
            let resolved = resolve::resolve(&c.spec, &ctx, future);
            Item {
                start: c.start,
                end: c.end,
                spec: c.spec,
                future,
                resolved,
            }
        })
        .collect()
}

/// The latest year an absolute expression states (decades and seasons included).
pub(crate) fn stated_max_year(spec: &Spec) -> Option<i32> {
    let Spec::Abs { value, .. } = spec else {
        return None;
    };
    value
        .split('/')
        .filter_map(|v| v.get(..4)?.parse::<i32>().ok())
        .max()
}

/// Longest match wins; among equals, the earlier one. Linearithmic in the number of candidates.
fn select(mut cands: Vec<Cand>) -> Vec<Cand> {
    cands.sort_by_key(|c| (std::cmp::Reverse(c.end - c.start), c.start));
    let mut taken: BTreeMap<usize, usize> = BTreeMap::new();
    let mut out = Vec::new();
    for c in cands {
        if c.end <= c.start {
            continue;
        }
        let clash_before = taken
            .range(..c.end)
            .next_back()
            .is_some_and(|(_, &e)| e > c.start);
        if clash_before {
            continue;
        }
        taken.insert(c.start, c.end);
        out.push(c);
    }
    out.sort_by_key(|c| c.start);
    out
}

/// Words that make a sentence speak of the future, so a bare "Friday" or "in December" is the
/// next one rather than the last.
fn looks_ahead(text: &str, start: usize, end: usize) -> bool {
    const CUES: &[&str] = &[
        "will",
        "shall",
        "scheduled",
        "expected",
        "due",
        "upcoming",
        "ahead",
        "slated",
        "planned",
        "plans",
        "planning",
        "next",
        "tomorrow",
        "ll",
    ];
    let mut from = start.saturating_sub(120);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let before = &text[from..start];
    // Only the current sentence counts; ". " ends one even after an abbreviation, which is close enough.
    let before = before.rsplit(['\n', '!', '?']).next().unwrap_or("");
    let before = before.rsplit(". ").next().unwrap_or("");
    // Only the current clause: "talks that will produce a truce before Ramadan, which began Monday".
    let before = before
        .rsplit([',', ';', ':', '(', '—', '–'])
        .next()
        .unwrap_or("");
    let mut to = (end + 40).min(text.len());
    while !text.is_char_boundary(to) {
        to -= 1;
    }
    let after = text[end..to]
        .split(['.', '\n', '!', '?', ';'])
        .next()
        .unwrap_or("");
    // "will" after a determiner or adjective is the noun ("its good will").
    const NOUN_WILL: &[&str] = &[
        "good",
        "ill",
        "free",
        "political",
        "popular",
        "the",
        "its",
        "his",
        "her",
        "their",
        "our",
        "own",
        "of",
        "a",
    ];
    let hit = |s: &str| {
        let words: Vec<String> = s
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        words.iter().enumerate().any(|(i, w)| {
            CUES.contains(&w.as_str())
                && !(w == "will" && i > 0 && NOUN_WILL.contains(&words[i - 1].as_str()))
        })
    };
    hit(before)
        || after
            .split_whitespace()
            .take(3)
            .any(|w| w.eq_ignore_ascii_case("will"))
}

static R_ERA: LazyLock<Regex> = LazyLock::new(|| {
    grammar::re(
        r"\b(Carter|Reagan|Clinton|Bush|Obama|Trump|Biden)\s+(?:administration|White\s+House)\b",
    )
});

/// Years bounded by era cues in a text with no year: "the Obama administration" is 2009–2017.
/// Only a fallback for dating "Friday, Nov. 1" when the text states no year at all.
fn era_bounds(text: &str) -> Option<(i32, i32)> {
    let mut out: Option<(i32, i32)> = None;
    for c in R_ERA.captures_iter(text) {
        let (lo, hi) = match &c[1] {
            "Carter" => (1977, 1981),
            "Reagan" => (1981, 1989),
            "Bush" => (1989, 2009),
            "Clinton" => (1993, 2001),
            "Obama" => (2009, 2017),
            "Trump" => (2017, 2029),
            _ => (2021, 2025),
        };
        out = Some(out.map_or((lo, hi), |(a, b)| (a.min(lo), b.max(hi))));
    }
    out
}

/// Joins "between 2016 and 2018", "from June 2016 to May 2018" and "2016–2018" into intervals.
fn merge_intervals(text: &str, ms: Vec<TimeMatch>) -> Vec<TimeMatch> {
    let mut out: Vec<TimeMatch> = Vec::with_capacity(ms.len());
    let mut it = ms.into_iter().peekable();
    while let Some(a) = it.next() {
        if let Some(b) = it.peek() {
            if let Some(start) = interval_start(text, &a, b) {
                let b = it.next().expect("peeked");
                out.push(TimeMatch {
                    start,
                    end: b.end,
                    text: text[start..b.end].to_string(),
                    value: format!("{}/{}", a.value, b.value),
                    granularity: Granularity::Interval,
                    relative: a.relative || b.relative,
                });
                continue;
            }
        }
        out.push(a);
    }
    out
}

fn interval_start(text: &str, a: &TimeMatch, b: &TimeMatch) -> Option<usize> {
    let plain = |m: &TimeMatch| {
        !m.relative && !matches!(m.granularity, Granularity::Interval | Granularity::Decade)
    };
    if !plain(a) || !plain(b) || b.value <= a.value {
        return None;
    }
    let gap = text.get(a.end..b.start)?.trim().to_lowercase();
    let pre = text[..a.start].trim_end();
    let ends_with_word = |w: &str| {
        let n = pre.len().checked_sub(w.len())?;
        let tail = pre.get(n..)?;
        let boundary = !pre[..n]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric());
        (tail.eq_ignore_ascii_case(w) && boundary).then_some(n)
    };
    if gap == "and" {
        return ends_with_word("between");
    }
    if matches!(
        gap.as_str(),
        "to" | "until" | "till" | "through" | "-" | "–" | "—"
    ) {
        if let Some(n) = ends_with_word("from") {
            return Some(n);
        }
    }
    let both_years = a.granularity == Granularity::Year && b.granularity == Granularity::Year;
    (matches!(gap.as_str(), "-" | "–" | "—") && both_years).then_some(a.start)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlap_selection_keeps_the_longest() {
        let m = find_times(
            "In December of last year, Sabah said",
            NaiveDate::from_ymd_opt(2023, 5, 30),
        );
        assert_eq!(m.len(), 1);
        assert_eq!(m[0].text, "December of last year");
        assert_eq!(m[0].value, "2022-12");
    }

    /// A tiny deterministic generator, so the fuzz cases are the same on every run.
    fn lcg(seed: &mut u64) -> usize {
        *seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (*seed >> 33) as usize
    }

    #[test]
    fn random_date_soup_never_panics_and_spans_are_valid() {
        const PIECES: &[&str] = &[
            "Nov.",
            "1",
            "2013",
            " ",
            ", ",
            "Friday",
            "May",
            "march",
            "’",
            "é",
            "—",
            "-",
            "–",
            "the",
            "late",
            "1990s",
            "’90s",
            "between",
            "and",
            "from",
            "to",
            "last",
            "year",
            "month",
            "ago",
            "two",
            "Oct.30",
            "13th",
            "of",
            "summer",
            "in",
            "since",
            "9999",
            "0",
            "31",
            "Feb",
            "29",
            "/",
            ".",
            "\n",
            "日本",
            "Saturday",
            "will",
            "mid-",
            "early",
            "week",
            "third",
            "1,979",
            "F-16",
            "yesterday",
        ];
        let anchors = [
            None,
            NaiveDate::from_ymd_opt(2013, 11, 2),
            Some(NaiveDate::MIN),
            Some(NaiveDate::MAX),
        ];
        let mut seed = 7;
        for round in 0..3000 {
            let n = 1 + lcg(&mut seed) % 14;
            let text: String = (0..n)
                .map(|_| PIECES[lcg(&mut seed) % PIECES.len()])
                .collect();
            let found = find_times(&text, anchors[round % anchors.len()]);
            for w in found.windows(2) {
                assert!(w[0].end <= w[1].start, "overlap in {text:?}");
            }
            for m in &found {
                assert_eq!(
                    text.get(m.start..m.end),
                    Some(m.text.as_str()),
                    "bad span in {text:?}"
                );
            }
            let _ = infer_anchor(&text);
            let _ = parse_published(&text);
        }
    }

    #[test]
    fn survives_hostile_input() {
        let junk = "Dec. 99 Feb 30, 2013 ’20s 1999-1999 9999 — \u{1F600}Nov.\u{00e9}1 between and from to -- 2016–";
        let _ = find_times(junk, NaiveDate::from_ymd_opt(1, 1, 1));
        let _ = find_times(junk, NaiveDate::from_ymd_opt(262_000, 12, 31));
        let _ = find_times(&"2016 ".repeat(20_000), None);
        let _ = infer_anchor(junk);
    }
}
