//! The Phoenix actor dictionaries of PETRARCH2 (Open Event Data Alliance, MIT licence; shipped
//! unchanged in `data/phoenix/`): persons with their codes over time, international and
//! non-governmental organisations and their officials, armed non-state groups.
//!
//! The format (PETRARCH2 `dictionaries.rst`, "Actor Dictionary"): a primary phrase with an
//! optional default `[CODE]`, `+` synonym lines, and tab-indented `[CODE restriction]` lines whose
//! restriction is `YYMMDD-YYMMDD`, `>DATE` or `<DATE` (dates also as `YYYYMMDD`). A code is a
//! country (three letters, CAMEO's, mostly ISO 3166 alpha-3) or `IGO`/`NGO`/`MNC`, followed by
//! three-letter sector codes (`TURGOV`, `TURGOVMIL`, `IGOUNO`).
//!
//! This module only reads the files; `load::import_phoenix` turns the entries into actors and
//! merges them with the hand-written ones.

/// The dictionaries, embedded: (file name, contents).
pub(crate) const FILES: &[(&str, &str)] = &[
    (
        "Phoenix.Countries.actors.txt",
        include_str!("../data/phoenix/Phoenix.Countries.actors.txt"),
    ),
    (
        "Phoenix.International.actors.txt",
        include_str!("../data/phoenix/Phoenix.International.actors.txt"),
    ),
    (
        "Phoenix.MilNonState.actors.txt",
        include_str!("../data/phoenix/Phoenix.MilNonState.actors.txt"),
    ),
];

/// One file read: its records, and the person drafts of those records.
pub(crate) struct Read {
    pub file: &'static str,
    pub entries: Vec<Entry<'static>>,
    pub drafts: Vec<Option<crate::import::PersonDraft>>,
}

/// Every file read, in file order, with its records' names already worked out (the part of the
/// import that needs nothing else from the knowledge base).
pub(crate) fn read_all() -> Vec<Read> {
    FILES
        .iter()
        .map(|(file, text)| {
            let entries = parse(text);
            let drafts = crate::import::person_drafts(&entries);
            Read {
                file,
                entries,
                drafts,
            }
        })
        .collect()
}

/// One record: a primary phrase with its synonyms and codes.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Entry<'t> {
    /// The primary phrase first, then the synonyms, as written (`RECEP_TAYYIP_ERDOGAN_`).
    pub names: Vec<&'t str>,
    /// The code that applies when no dated one does.
    pub default: Option<&'t str>,
    pub periods: Vec<Period<'t>>,
    /// Line of the primary phrase (1-based), for provenance.
    pub line: usize,
}

/// A code restricted to a stretch of time; open ends are `None`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Period<'t> {
    pub code: &'t str,
    pub from: Option<Day>,
    pub to: Option<Day>,
}

/// A calendar day, compact until it is written out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Day {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl Day {
    /// `YYYY-MM-DD`.
    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Every record of one file. Malformed brackets are skipped (the files have a few typos, e.g.
/// a seven-digit date); nothing here fails.
pub(crate) fn parse(text: &str) -> Vec<Entry<'_>> {
    let mut out: Vec<Entry> = Vec::with_capacity(text.len() / 80);
    for (no, raw) in text.lines().enumerate() {
        // Comments start with '#' (and, in TABARI style, ';'); a bracket never contains either.
        let content = raw.split(['#', ';']).next().unwrap_or("");
        if content.trim().is_empty() {
            continue;
        }
        let indented = content.starts_with(['\t', ' ']);
        let trimmed = content.trim();
        if indented && trimmed.starts_with('[') {
            if let Some(e) = out.last_mut() {
                add_codes(e, trimmed);
            }
            continue;
        }
        if let Some(synonym) = trimmed.strip_prefix('+') {
            if let Some(e) = out.last_mut() {
                let name = synonym.split('[').next().unwrap_or("").trim();
                if !name.is_empty() {
                    e.names.push(name);
                }
                add_codes(e, synonym);
            }
            continue;
        }
        let name = trimmed.split('[').next().unwrap_or("").trim();
        if name.is_empty() {
            continue;
        }
        let mut e = Entry {
            names: vec![name],
            default: None,
            periods: Vec::new(),
            line: no + 1,
        };
        add_codes(&mut e, trimmed);
        out.push(e);
    }
    out
}

/// Reads every `[…]` group of a line into the entry: a bare code is the default, a restricted
/// one a period.
fn add_codes<'t>(e: &mut Entry<'t>, line: &'t str) {
    let mut rest = line;
    while let Some(open) = rest.find('[') {
        let Some(close) = rest[open..].find(']') else {
            return;
        };
        let inner = &rest[open + 1..open + close];
        rest = &rest[open + close + 1..];
        let mut parts = inner.split_whitespace();
        let Some(code) = parts.next().filter(|c| is_code(c)) else {
            continue;
        };
        match parts.next() {
            None => {
                if e.default.is_none() {
                    e.default = Some(code);
                }
            }
            Some(restriction) => {
                if let Some((from, to)) = restriction_dates(restriction) {
                    e.periods.push(Period { code, from, to });
                }
            }
        }
    }
}

/// A code is capital letters (sometimes digits) in whole three-letter groups; `---` is "none".
fn is_code(c: &str) -> bool {
    c.len() >= 3
        && c.len().is_multiple_of(3)
        && c.bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
}

/// `A-B`, `>A` (from A on), `<B` (until B).
type Interval = (Option<Day>, Option<Day>);

fn restriction_dates(r: &str) -> Option<Interval> {
    if let Some(from) = r.strip_prefix('>') {
        return Some((Some(date(from)?), None));
    }
    if let Some(to) = r.strip_prefix('<') {
        return Some((None, Some(date(to)?)));
    }
    let (a, b) = r.split_once('-')?;
    Some((Some(date(a)?), Some(date(b)?)))
}

/// `YYMMDD` or `YYYYMMDD`. Two-digit years up to 20 are this century's (the files end around 2015
/// and begin in the 19th century with four-digit years).
fn date(s: &str) -> Option<Day> {
    if !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (year, md): (u32, &str) = match s.len() {
        6 => {
            let yy: u32 = s[..2].parse().ok()?;
            (if yy <= 20 { 2000 + yy } else { 1900 + yy }, &s[2..])
        }
        8 => (s[..4].parse().ok()?, &s[4..]),
        _ => return None,
    };
    let month: u32 = md[..2].parse().ok()?;
    let day: u32 = md[2..].parse().ok()?;
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    Some(Day {
        year: year as u16,
        month: month as u8,
        day: day as u8,
    })
}

/// `RECEP_TAYYIP_ERDOGAN_` → `Recep Tayyip Erdogan`; `AL-ASSAD` → `al-Assad`; `U.N.` stays.
pub(crate) fn display_name(raw: &str) -> String {
    display_words(raw.split(['_', ' ']))
}

/// The words, each written as news writes it, joined by spaces. One buffer for the whole name:
/// the import writes some 40,000 names at every start-up.
pub(crate) fn display_words<'a>(words: impl Iterator<Item = &'a str>) -> String {
    let mut out = String::with_capacity(32);
    for w in words.filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        push_display_word(&mut out, w);
    }
    out
}

fn push_display_word(out: &mut String, w: &str) {
    // Acronyms and initials keep their capitals ("U.N.", "B.", "UNICEF" stays as is when short).
    if w.contains('.') || (w.len() <= 5 && w.chars().all(|c| c.is_uppercase()) && !has_vowel(w)) {
        out.push_str(w);
        return;
    }
    for (i, part) in w.split('-').enumerate() {
        if i > 0 {
            out.push('-');
        }
        // Arabic articles and particles stay lower case inside a name.
        let particle = ["al", "el", "bin", "ibn", "bint", "de", "van", "von"]
            .iter()
            .any(|p| part.eq_ignore_ascii_case(p));
        let mut chars = part.chars();
        if let Some(first) = chars.next() {
            if particle {
                out.extend(first.to_lowercase());
            } else {
                out.extend(first.to_uppercase());
            }
            for c in chars {
                if c.is_ascii() {
                    out.push(c.to_ascii_lowercase());
                } else {
                    out.extend(c.to_lowercase());
                }
            }
        }
    }
}

fn has_vowel(w: &str) -> bool {
    w.chars().any(|c| "AEIOUY".contains(c))
}

/// The words of a phrase (`RECEP_TAYYIP_ERDOGAN_` → RECEP, TAYYIP, ERDOGAN).
pub(crate) fn words_of(raw: &str) -> impl Iterator<Item = &str> {
    raw.split(['_', ' ']).filter(|w| !w.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_with_synonyms_and_dated_codes() {
        let text = "RECEP_TAYYIP_ERDOGAN_  # CountryInfo.txt\n+ERDOGAN_\n+TAYYIP_ERDOGAN\n\t[TURELI 720101-021118]\n\t[TURGOV >030314]\n\t[TURELI]\nJAVIER_DE_CUELLAR_\t[IGOUNO 820101-911231] [ELI]# IGOrulers.txt\n";
        let e = parse(text);
        assert_eq!(e.len(), 2);
        assert_eq!(
            e[0].names,
            ["RECEP_TAYYIP_ERDOGAN_", "ERDOGAN_", "TAYYIP_ERDOGAN"]
        );
        assert_eq!(e[0].default, Some("TURELI"));
        assert_eq!(
            e[0].periods,
            [
                Period {
                    code: "TURELI",
                    from: date("720101"),
                    to: date("021118")
                },
                Period {
                    code: "TURGOV",
                    from: date("030314"),
                    to: None
                }
            ]
        );
        assert_eq!(
            e[1].periods[0].from.map(|d| d.iso()).as_deref(),
            Some("1982-01-01")
        );
        assert_eq!(
            e[0].periods[0].to.map(|d| d.iso()).as_deref(),
            Some("2002-11-18")
        );
        assert_eq!(e[1].default, Some("ELI"));
    }

    #[test]
    fn dates_and_names() {
        assert_eq!(
            date("18970101").map(|d| d.iso()).as_deref(),
            Some("1897-01-01")
        );
        assert_eq!(date("2004017"), None);
        assert_eq!(
            date("450703").map(|d| d.iso()).as_deref(),
            Some("1945-07-03")
        );
        assert_eq!(
            display_name("RECEP_TAYYIP_ERDOGAN_"),
            "Recep Tayyip Erdogan"
        );
        assert_eq!(display_name("BASHAR_AL-ASSAD_"), "Bashar al-Assad");
        assert_eq!(
            display_name("U.N._SECRETARY_GENERAL"),
            "U.N. Secretary General"
        );
    }

    #[test]
    fn shipped_files_read_whole() {
        let counts: Vec<usize> = FILES.iter().map(|(_, t)| parse(t).len()).collect();
        // About 18,000 persons and places, 7,800 international bodies, 1,000 armed groups.
        assert!(counts[0] > 18_000, "{counts:?}");
        assert!(counts[1] > 7_500, "{counts:?}");
        assert!(counts[2] > 1_000, "{counts:?}");
        let periods: usize = FILES
            .iter()
            .map(|(_, t)| parse(t).iter().map(|e| e.periods.len()).sum::<usize>())
            .sum();
        assert!(periods > 26_000, "{periods}");
    }
}
