//! The date grammar: one regex per construction, each turning a match into a [`Spec`] that the
//! resolver later pins to the calendar. Rules only recognise; they never look at the anchor.

use std::sync::LazyLock;

use chrono::Weekday;
use mosaic_core::Granularity;
use regex::{Captures, Regex};

/// What a matched expression means before it is placed on the calendar.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Spec {
    /// Fully stated by the text ("November 2016", "1979", "the 1990s").
    Abs { value: String, gran: Granularity },
    /// Day and month without a year; a stated weekday can fix the year.
    MonthDay {
        month: u32,
        day: u32,
        weekday: Option<Weekday>,
    },
    /// A month without a year ("in December", "the third week of October").
    Month { month: u32, rel: Rel },
    /// A month of a year given relative to the anchor ("December of last year").
    MonthYearOffset { month: u32, years: i32 },
    /// A weekday on its own ("Saturday", "last Tuesday").
    Weekday { wd: Weekday, rel: Rel },
    /// Whole days from the anchor ("yesterday" = -1, "three weeks ago" = -21).
    Days(i64),
    /// Calendar months from the anchor ("last month" = -1).
    Months(i32),
    /// Calendar years from the anchor ("last year" = -1).
    Years(i32),
    /// A season relative to the anchor ("last summer"); the number is the season's last month.
    Season { last_month: u32, rel: Rel },
}

/// The deictic word in front of a year-less expression.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Rel {
    /// No word: past in a news report unless the sentence looks ahead.
    Plain,
    Last,
    This,
    Next,
}

/// A candidate match before overlap resolution.
#[derive(Clone, Debug)]
pub(crate) struct Cand {
    pub start: usize,
    pub end: usize,
    pub spec: Spec,
}

const FULLM: &str =
    "January|February|March|April|May|June|July|August|September|October|November|December";
const ABBRM: &str = "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec";
const WD: &str = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon|Tues|Tue|Wed|Thurs|Thur|Thu|Fri|Sat|Sun)\b\.?";
const DAY: &str = r"(?P<d>[0-3]?\d)(?P<sfx>st|nd|rd|th)?\b";
const YEAR: &str = r"(?P<y>(?:19|20)\d\d)\b";
/// A part of a period ("the end of", "early", "mid-", "the third week of"): the value keeps the
/// period's own precision, since the keys write "the end of August 2001" as "2001-08".
const PART: &str = r"(?P<part>(?:the\s+)?(?:very\s+)?(?:(?:beginning|start|end|middle|close|turn|(?:first|second|latter|last)\s+half|(?:first|second|third|fourth|fifth|last|final)\s+(?:week|quarter|half|days|weeks|months))\s+of\s+(?:the\s+)?|(?:early|mid|late)(?:\s*-\s*|\s+)(?:the\s+)?))";

fn month_re() -> String {
    format!(r"(?:(?:{FULLM})\b|(?:{ABBRM})(?:\.|\b))")
}

/// Compiles a rule. Word boundaries are ASCII-only: a Unicode `\b` stops the regex crate's fast
/// DFA on any non-ASCII text (curly quotes are everywhere in news), costing ~50x; the rules check
/// letters around numbers themselves.
pub(crate) fn re(p: &str) -> Regex {
    Regex::new(&p.replace(r"\b", r"(?-u:\b)")).expect("grammar pattern compiles")
}

static R_ISO: LazyLock<Regex> =
    LazyLock::new(|| re(r"\b(?P<y>(?:19|20)\d\d)-(?P<mo>[01]\d)-(?P<d>[0-3]\d)\b"));
static R_MDY: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)\b(?:(?P<wd>{WD}),?\s+(?:the\s+)?)?(?P<m>{m})\s*{DAY}(?:\s*,\s*|\s+)(?:of\s+)?{YEAR}",
        m = month_re()
    ))
});
static R_DMY: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)\b(?:(?P<wd>{WD}),?\s+)?(?:the\s+)?{DAY}(?:\s+of)?\s+(?P<m>{m})(?:\s*,\s*|\s+){YEAR}",
        m = month_re()
    ))
});
static R_MD: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)\b(?:(?P<wd>{WD}),?\s+(?:the\s+)?)?(?P<m>{m})\s*{DAY}",
        m = month_re()
    ))
});
static R_DM: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)\b(?:(?P<wd>{WD}),?\s+)?(?:the\s+)?{DAY}(?:\s+of)?\s+(?P<m>{m})",
        m = month_re()
    ))
});
static R_MY: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)\b{PART}?(?P<m>{m})(?:\s*,\s*|\s+)(?:of\s+)?{YEAR}",
        m = month_re()
    ))
});
static R_MRELY: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)\b{PART}?(?P<m>{FULLM})\b(?:\s+of)?\s+(?P<rel>last|this|next)\s+year\b"
    ))
});
static R_MONTH: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)(?:\b(?P<prep>in|since|by|until|till|through|throughout|during|before|after|from|to)\s+)?(?:\b(?P<rel>last|this|next)\s+|\b{PART})?(?P<m>{FULLM})\b"
    ))
});
static R_SEASON_Y: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)\b(?:the\s+)?(?:(?:early|late|mid)\s*-?\s*)?(?P<s>spring|summer|autumn|fall|winter)(?:\s+of)?(?:\s*,\s*|\s+){YEAR}"
    ))
});
static R_SEASON_REL: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\b(?P<rel>last|this|next)\s+(?P<s>spring|summer|autumn|fall)\b"));
static R_YEAR_PART: LazyLock<Regex> = LazyLock::new(|| re(&format!(r"(?i)\b{PART}{YEAR}")));
static R_DECADE: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)(?:\b{PART}|\bthe\s+)?(?:\b(?P<c>1[89]|20)(?P<dd>\d)0['’]?s\b|['’](?P<dd2>\d)0s\b)"
    ))
});
static R_RANGE: LazyLock<Regex> =
    LazyLock::new(|| re(r"\b(?P<y1>(?:19|20)\d\d)\s*[-–—/]\s*(?P<y2>(?:19|20)?\d\d)\b"));
static R_YEAR: LazyLock<Regex> = LazyLock::new(|| re(r"\b(?P<y>(?:19|20)\d\d)\b"));
static R_REL: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:(?P<mod>early|earlier|late|later|mid)\s*-?\s*)?(?P<rel>last|this|next)\s+(?P<u>year|month)\b",
    )
});
static R_AGO: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?P<n>a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2})\s+(?P<u>days?|weeks?|months?|years?)\s+ago\b",
    )
});
static R_DAYREL: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|yesterday|tomorrow)\b",
    )
});
static R_WEEKDAY: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b(?:(?P<rel>[Ll]ast|[Tt]his|[Nn]ext)\s+)?(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b",
    )
});

/// Words after a number that make it a count or a measure rather than a year.
const UNITS: &[&str] = &[
    "people",
    "persons",
    "person",
    "troops",
    "soldiers",
    "men",
    "women",
    "children",
    "civilians",
    "refugees",
    "migrants",
    "fighters",
    "militants",
    "members",
    "agents",
    "officers",
    "police",
    "policemen",
    "workers",
    "employees",
    "students",
    "prisoners",
    "detainees",
    "deaths",
    "dead",
    "casualties",
    "victims",
    "cases",
    "votes",
    "seats",
    "km",
    "kilometers",
    "kilometres",
    "miles",
    "mi",
    "meters",
    "metres",
    "m",
    "ft",
    "feet",
    "kg",
    "kilograms",
    "tons",
    "tonnes",
    "pounds",
    "lbs",
    "dollars",
    "euros",
    "usd",
    "eur",
    "lira",
    "liras",
    "rials",
    "yuan",
    "rubles",
    "roubles",
    "hours",
    "hrs",
    "minutes",
    "seconds",
    "times",
    "units",
    "rockets",
    "missiles",
    "drones",
    "tanks",
    "vehicles",
    "cars",
    "homes",
    "houses",
    "buildings",
    "acres",
    "hectares",
    "barrels",
    "mw",
    "gw",
    "kw",
    "mg",
    "ml",
    "liters",
    "litres",
    "gallons",
    "square",
    "sq",
    "cubic",
    "households",
    "families",
    "villages",
    "pages",
    "words",
    "copies",
    "signatures",
    "million",
    "billion",
    "thousand",
    "percent",
    "per",
    "arrests",
    "suspects",
    "individuals",
    "staff",
    "personnel",
    "jets",
    "aircraft",
    "planes",
    "ships",
    "vessels",
    "weapons",
    "guns",
    "rifles",
    "bullets",
    "shells",
    "bombs",
    "mines",
    "protesters",
    "demonstrators",
    "citizens",
    "residents",
    "inhabitants",
    "nationals",
    "spies",
    "operatives",
    "documents",
    "files",
    "images",
    "videos",
    "pieces",
    "items",
    "calories",
    "gmt",
    "utc",
    "local",
    "days",
    "weeks",
    "months",
    "years",
    "points",
    "euro",
    "dollar",
    "degrees",
    "sorties",
    "trucks",
    "hostages",
    "rounds",
    "shots",
    "strikes",
    "attacks",
    "raids",
    "sites",
    "posts",
    "followers",
];

/// Words before a number that make it an identifier ("Resolution 2231", "Law No. 2016").
const ID_WORDS: &[&str] = &[
    "no",
    "nos",
    "number",
    "resolution",
    "law",
    "article",
    "flight",
    "route",
    "highway",
    "room",
    "decree",
    "order",
    "code",
    "item",
    "page",
    "p",
    "pp",
    "chapter",
    "section",
    "paragraph",
    "bill",
    "vol",
    "volume",
    "issue",
    "model",
    "version",
    "v",
    "platform",
    "tel",
    "phone",
    "fax",
    "box",
    "unit",
    "batch",
    "case",
    "file",
    "ref",
    "reference",
    "id",
    "lot",
    "serial",
    "apt",
    "suite",
    "building",
    "block",
    "plot",
    "gate",
    "bus",
    "train",
    "line",
    "channel",
    "frequency",
    "about",
    "nearly",
    "almost",
    "approximately",
    "roughly",
    "some",
    "over",
    "than",
];

fn month_num(s: &str) -> Option<u32> {
    let k: String = s.chars().take(3).flat_map(|c| c.to_lowercase()).collect();
    Some(match k.as_str() {
        "jan" => 1,
        "feb" => 2,
        "mar" => 3,
        "apr" => 4,
        "may" => 5,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" => 9,
        "oct" => 10,
        "nov" => 11,
        "dec" => 12,
        _ => return None,
    })
}

fn weekday_of(s: &str) -> Option<Weekday> {
    let k: String = s.chars().take(3).flat_map(|c| c.to_lowercase()).collect();
    Some(match k.as_str() {
        "mon" => Weekday::Mon,
        "tue" => Weekday::Tue,
        "wed" => Weekday::Wed,
        "thu" => Weekday::Thu,
        "fri" => Weekday::Fri,
        "sat" => Weekday::Sat,
        "sun" => Weekday::Sun,
        _ => return None,
    })
}

/// Month and weekday names are proper nouns: lower-case "may", "march", "sun" are other words.
fn capitalised(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_uppercase())
}

fn num<T: std::str::FromStr>(c: &Captures, name: &str) -> Option<T> {
    c.name(name)?.as_str().parse().ok()
}

fn words_before(text: &str, at: usize, n: usize) -> Vec<String> {
    text[..at]
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .rev()
        .take(n)
        .map(|w| w.to_lowercase())
        .collect()
}

fn word_after(text: &str, at: usize) -> String {
    text[at..]
        .trim_start_matches([' ', '\t', '-'])
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("")
        .to_lowercase()
}

/// Rejects a number glued to other characters: "1,979", "2016.5", "F-2016", "#2016", "2016%".
fn digits_isolated(text: &str, s: usize, e: usize) -> bool {
    let mut b = text[..s].chars().rev();
    let (p1, p2) = (b.next(), b.next());
    let glued = match p1 {
        Some(c) if c.is_alphanumeric() || "$€£#/\\_@+".contains(c) => true,
        // "1,979", "2.2016" are parts of numbers; "F-2016" is a name; "Oct.30" is fine.
        Some(',' | '.') => p2.is_some_and(|d| d.is_ascii_digit()),
        Some('-') => p2.is_some_and(|d| d.is_alphanumeric()),
        _ => false,
    };
    !glued && digits_end_ok(text, e)
}

fn numeric_token(t: &str) -> bool {
    !t.is_empty()
        && t.chars().all(|c| c.is_ascii_digit() || "+-()".contains(c))
        && t.chars().any(|c| c.is_ascii_digit())
}

/// The right edge of a number: not glued to letters, digits, "%", or a decimal / thousands part.
fn digits_end_ok(text: &str, e: usize) -> bool {
    let mut a = text[e..].chars();
    let (n1, n2) = (a.next(), a.next());
    match n1 {
        Some(c) if c.is_alphanumeric() || c == '%' || c == '/' => false,
        Some(',' | '.' | ':' | '-') => !n2.is_some_and(|d| d.is_ascii_digit()),
        _ => true,
    }
}

/// A bare four-digit number reads as a year unless its neighbours make it a count or an id.
fn plausible_year(text: &str, s: usize, e: usize) -> bool {
    if !digits_isolated(text, s, e) {
        return false;
    }
    // A number between other numbers is part of a phone number, a code or a table.
    let before = &text[..s];
    let after = &text[e..];
    let prev_tok = before
        .trim_end()
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or("");
    let next_tok = after
        .trim_start()
        .split(char::is_whitespace)
        .next()
        .unwrap_or("");
    if (before.ends_with(char::is_whitespace) && numeric_token(prev_tok))
        || (after.starts_with(char::is_whitespace) && numeric_token(next_tok))
    {
        return false;
    }
    let prev = words_before(text, s, 1);
    if prev.first().is_some_and(|w| ID_WORDS.contains(&w.as_str())) {
        return false;
    }
    let next = word_after(text, e);
    !UNITS.contains(&next.as_str())
}

/// Weekdays inside names ("Bloody Sunday", "Saturday Night Live", "The Sunday Times").
fn weekday_in_name(text: &str, s: usize, e: usize) -> bool {
    const BEFORE: &[&str] = &[
        "good", "black", "bloody", "ash", "super", "easter", "holy", "palm", "cyber", "maundy",
        "whit", "the",
    ];
    const AFTER: &[&str] = &[
        "night",
        "times",
        "telegraph",
        "express",
        "mirror",
        "star",
        "post",
        "herald",
        "morning",
        "prayer",
        "prayers",
        "massacre",
        "school",
        "club",
        "mail",
        "independent",
        "agreement",
        "accord",
    ];
    let prev_raw = text[..s]
        .trim_end()
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    let prev_is_cap = prev_raw.chars().next().is_some_and(|c| c.is_uppercase());
    if prev_is_cap && BEFORE.contains(&prev_raw.to_lowercase().as_str()) {
        return true;
    }
    let next_raw = text[e..]
        .trim_start()
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    next_raw.chars().next().is_some_and(|c| c.is_uppercase())
        && AFTER.contains(&next_raw.to_lowercase().as_str())
}

fn word_num(s: &str) -> Option<i64> {
    Some(match s.to_lowercase().as_str() {
        "a" | "an" | "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        d => d.parse().ok()?,
    })
}

fn rel_of(s: Option<regex::Match>) -> Rel {
    match s.map(|m| m.as_str().to_lowercase()) {
        Some(w) if w == "last" => Rel::Last,
        Some(w) if w == "this" => Rel::This,
        Some(w) if w == "next" => Rel::Next,
        _ => Rel::Plain,
    }
}

fn valid_day(y: i32, m: u32, d: u32) -> bool {
    chrono::NaiveDate::from_ymd_opt(y, m, d).is_some()
}

/// Any leap year accepts every real month-day pair.
fn valid_month_day(m: u32, d: u32) -> bool {
    valid_day(2000, m, d)
}

fn weekday_group(c: &Captures) -> Result<Option<Weekday>, ()> {
    match c.name("wd") {
        None => Ok(None),
        Some(w) if capitalised(w.as_str()) => Ok(weekday_of(w.as_str())),
        Some(_) => Err(()),
    }
}

fn abs(value: String, gran: Granularity) -> Spec {
    Spec::Abs { value, gran }
}

/// Runs every rule over `text` and returns all candidates, overlapping ones included.
pub(crate) fn candidates(text: &str) -> Vec<Cand> {
    let mut out = Vec::new();
    let mut push = |start: usize, end: usize, spec: Spec| out.push(Cand { start, end, spec });

    for c in R_ISO.captures_iter(text) {
        let (Some(y), Some(m), Some(d)) = (
            num::<i32>(&c, "y"),
            num::<u32>(&c, "mo"),
            num::<u32>(&c, "d"),
        ) else {
            continue;
        };
        let all = c.get(0).expect("group 0");
        if valid_day(y, m, d) && digits_isolated(text, all.start(), all.end()) {
            push(
                all.start(),
                all.end(),
                abs(format!("{y:04}-{m:02}-{d:02}"), Granularity::Day),
            );
        }
    }
    for r in [&*R_MDY, &*R_DMY] {
        for c in r.captures_iter(text) {
            let all = c.get(0).expect("group 0");
            let mt = c.name("m").expect("month group");
            let (Some(m), Some(d), Some(y)) = (
                month_num(mt.as_str()),
                num::<u32>(&c, "d"),
                num::<i32>(&c, "y"),
            ) else {
                continue;
            };
            if !capitalised(mt.as_str())
                || !valid_day(y, m, d)
                || !digits_isolated(text, all.start(), all.end())
            {
                continue;
            }
            let Ok(wd) = weekday_group(&c) else { continue };
            let start = if wd.is_none() {
                c.name("m")
                    .map_or(all.start(), |m| m.start())
                    .min(c.name("d").map_or(all.start(), |d| d.start()))
            } else {
                all.start()
            };
            push(
                start,
                all.end(),
                abs(format!("{y:04}-{m:02}-{d:02}"), Granularity::Day),
            );
        }
    }
    for r in [&*R_MD, &*R_DM] {
        for c in r.captures_iter(text) {
            let all = c.get(0).expect("group 0");
            let mt = c.name("m").expect("month group");
            let dt = c.name("d").expect("day group");
            let (Some(m), Ok(d)) = (month_num(mt.as_str()), dt.as_str().parse::<u32>()) else {
                continue;
            };
            if !capitalised(mt.as_str())
                || !valid_month_day(m, d)
                || !digits_isolated(
                    text,
                    dt.start(),
                    c.name("sfx").map_or(dt.end(), |x| x.end()),
                )
            {
                continue;
            }
            // "May 5" is a date, but "May" alone after a number ("G7 May act") is the modal.
            let Ok(weekday) = weekday_group(&c) else {
                continue;
            };
            let start = if weekday.is_none() {
                mt.start().min(dt.start())
            } else {
                all.start()
            };
            let end = all.end().max(mt.end());
            if day_named_thing(text, all.end()) {
                continue;
            }
            // A dot after an abbreviation ends the month token, not the expression ("Dec. 8").
            push(
                start,
                trim_dot(text, start, end),
                Spec::MonthDay {
                    month: m,
                    day: d,
                    weekday,
                },
            );
        }
    }
    for c in R_MY.captures_iter(text) {
        let all = c.get(0).expect("group 0");
        let mt = c.name("m").expect("month group");
        let (Some(m), Some(y)) = (month_num(mt.as_str()), num::<i32>(&c, "y")) else {
            continue;
        };
        if !capitalised(mt.as_str())
            || !digits_isolated(text, c.name("y").expect("y").start(), all.end())
        {
            continue;
        }
        push(
            all.start(),
            all.end(),
            abs(format!("{y:04}-{m:02}"), Granularity::Month),
        );
    }
    for c in R_MRELY.captures_iter(text) {
        let all = c.get(0).expect("group 0");
        let mt = c.name("m").expect("month group");
        let Some(m) = month_num(mt.as_str()) else {
            continue;
        };
        if !capitalised(mt.as_str()) {
            continue;
        }
        let years = match rel_of(c.name("rel")) {
            Rel::Last => -1,
            Rel::Next => 1,
            _ => 0,
        };
        push(
            all.start(),
            all.end(),
            Spec::MonthYearOffset { month: m, years },
        );
    }
    for c in R_MONTH.captures_iter(text) {
        let mt = c.name("m").expect("month group");
        let Some(m) = month_num(mt.as_str()) else {
            continue;
        };
        let prep = c.name("prep").map(|p| p.as_str().to_lowercase());
        let rel = rel_of(c.name("rel"));
        let part = c.name("part");
        if !capitalised(mt.as_str()) || (prep.is_none() && rel == Rel::Plain && part.is_none()) {
            continue;
        }
        // "to March" is the verb; "by May" / "to May" are as often Theresa May as the month.
        let bare = rel == Rel::Plain && part.is_none();
        if bare
            && (m == 3 || m == 5)
            && matches!(
                prep.as_deref(),
                Some("to") | Some("by") | Some("from") | Some("after") | Some("before")
            )
        {
            continue;
        }
        if m == 5 && text[mt.end()..].starts_with(['\'', '’']) {
            continue;
        }
        let start = c.name("rel").or(part).map_or(mt.start(), |x| x.start());
        push(start, mt.end(), Spec::Month { month: m, rel });
    }
    for c in R_SEASON_Y.captures_iter(text) {
        let all = c.get(0).expect("group 0");
        let Some(y) = num::<i32>(&c, "y") else {
            continue;
        };
        if !digits_isolated(text, c.name("y").expect("y").start(), all.end()) {
            continue;
        }
        push(
            all.start(),
            all.end(),
            abs(format!("{y:04}"), Granularity::Season),
        );
    }
    for c in R_SEASON_REL.captures_iter(text) {
        let all = c.get(0).expect("group 0");
        let last_month = match c["s"].to_lowercase().as_str() {
            "spring" => 5,
            "summer" => 8,
            _ => 11,
        };
        push(
            all.start(),
            all.end(),
            Spec::Season {
                last_month,
                rel: rel_of(c.name("rel")),
            },
        );
    }
    for c in R_YEAR_PART.captures_iter(text) {
        let all = c.get(0).expect("group 0");
        let Some(y) = num::<i32>(&c, "y") else {
            continue;
        };
        if digits_end_ok(text, all.end()) && plausible_after(text, all.end()) {
            push(
                all.start(),
                all.end(),
                abs(format!("{y:04}"), Granularity::Year),
            );
        }
    }
    for c in R_DECADE.captures_iter(text) {
        let all = c.get(0).expect("group 0");
        let value = if let (Some(cc), Some(dd)) = (c.name("c"), c.name("dd")) {
            format!("{}{}X", cc.as_str(), dd.as_str())
        } else if let Some(dd) = c.name("dd2") {
            // "the ’90s": the last century for 30–90, this one for 00–10; "’20s" is ambiguous.
            match dd.as_str() {
                "0" | "1" => format!("20{}X", dd.as_str()),
                "2" => continue,
                d => format!("19{d}X"),
            }
        } else {
            continue;
        };
        push(all.start(), all.end(), abs(value, Granularity::Decade));
    }
    for c in R_RANGE.captures_iter(text) {
        let all = c.get(0).expect("group 0");
        let (Some(y1), Some(y2s)) = (num::<i32>(&c, "y1"), c.name("y2")) else {
            continue;
        };
        let Ok(mut y2) = y2s.as_str().parse::<i32>() else {
            continue;
        };
        if y2s.as_str().len() == 2 {
            y2 += y1 / 100 * 100;
        }
        if y2 <= y1
            || y2 - y1 > 50
            || !digits_isolated(text, all.start(), all.end())
            || !plausible_after(text, all.end())
        {
            continue;
        }
        push(
            all.start(),
            all.end(),
            abs(format!("{y1:04}/{y2:04}"), Granularity::Interval),
        );
    }
    for c in R_YEAR.captures_iter(text) {
        let all = c.get(0).expect("group 0");
        if plausible_year(text, all.start(), all.end()) {
            push(
                all.start(),
                all.end(),
                abs(all.as_str().to_string(), Granularity::Year),
            );
        }
    }
    for c in R_REL.captures_iter(text) {
        let all = c.get(0).expect("group 0");
        // "the last year", "the next month" are spans of time, not calendar units.
        if words_before(text, all.start(), 1)
            .first()
            .is_some_and(|w| w == "the")
        {
            continue;
        }
        let off = match rel_of(c.name("rel")) {
            Rel::Last => -1,
            Rel::Next => 1,
            _ => 0,
        };
        let spec = if c["u"].eq_ignore_ascii_case("year") {
            Spec::Years(off)
        } else {
            Spec::Months(off)
        };
        push(all.start(), all.end(), spec);
    }
    for c in R_AGO.captures_iter(text) {
        let all = c.get(0).expect("group 0");
        let Some(n) = word_num(&c["n"]) else { continue };
        let n = n.min(10_000);
        let u = c["u"].to_lowercase();
        let spec = if u.starts_with("day") {
            Spec::Days(-n)
        } else if u.starts_with("week") {
            Spec::Days(-7 * n)
        } else if u.starts_with("month") {
            Spec::Months(-(n as i32))
        } else {
            Spec::Years(-(n as i32))
        };
        push(all.start(), all.end(), spec);
    }
    for c in R_DAYREL.captures_iter(text) {
        let all = c.get(0).expect("group 0");
        let s = all.as_str().to_lowercase();
        let d = if s.contains("before") {
            -2
        } else if s.contains("after") {
            2
        } else if s.starts_with("yesterday") {
            -1
        } else {
            1
        };
        push(all.start(), all.end(), Spec::Days(d));
    }
    for c in R_WEEKDAY.captures_iter(text) {
        let all = c.get(0).expect("group 0");
        let w = c.name("wd").expect("wd");
        if weekday_in_name(text, w.start(), w.end()) {
            continue;
        }
        let Some(wd) = weekday_of(w.as_str()) else {
            continue;
        };
        push(
            all.start(),
            all.end(),
            Spec::Weekday {
                wd,
                rel: rel_of(c.name("rel")),
            },
        );
    }
    out
}

/// "May 15 Street", "March 14 Alliance", "6 October Bridge": dates that name places and groups.
fn day_named_thing(text: &str, end: usize) -> bool {
    const HEADS: &[&str] = &[
        "street",
        "st",
        "square",
        "avenue",
        "road",
        "bridge",
        "movement",
        "alliance",
        "coalition",
        "brigade",
        "brigades",
        "revolution",
        "uprising",
        "group",
        "forces",
        "stadium",
        "university",
        "city",
        "district",
        "airport",
        "station",
        "camp",
        "party",
        "front",
        "agreement",
        "accord",
        "declaration",
        "statement",
        "manifesto",
        "war",
    ];
    let next = text[end..]
        .trim_start()
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    next.chars().next().is_some_and(|c| c.is_uppercase())
        && HEADS.contains(&next.to_lowercase().as_str())
}

fn trim_dot(text: &str, start: usize, end: usize) -> usize {
    if end > start && text[..end].ends_with('.') {
        end - 1
    } else {
        end
    }
}

fn plausible_after(text: &str, end: usize) -> bool {
    !UNITS.contains(&word_after(text, end).as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_pattern_compiles() {
        // Forces each lazy regex so a bad pattern fails here rather than inside a caller.
        assert!(
            candidates(
                "Friday, Nov. 1 2013 1990s in May last year 2016-2018 two days ago Saturday"
            )
            .len()
                > 5
        );
    }
}
