//! Clean-up of decoded article text: page junk, repeated paragraphs, whitespace.
//!
//! Quotes, dashes and every other visible character are kept exactly as written: the answer keys
//! quote evidence verbatim (curly quotes included) and the scorer folds quotes itself, so
//! rewriting them here would only move offsets for no gain. What changes is invisible or layout:
//! line ends become `\n`, runs of spaces/tabs/NBSP/other Unicode spaces become one space, lines
//! are trimmed, at most one blank line separates paragraphs, and zero-width spaces, word joiners,
//! BOMs, soft hyphens and control characters are removed. ZWJ/ZWNJ are kept (they change how
//! Persian and other scripts are written).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use mosaic_core::OffsetMap;
use once_cell::sync::Lazy;
use regex::{Regex, RegexSet};

/// Cleaned article text, its map back to the raw text, and what was removed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Cleaned {
    pub text: String,
    /// Cleaned-text byte offset → raw-text byte offset. Exact on every character of `text`.
    pub offsets: OffsetMap,
    /// One line per removal (`dropped page junk …`, `dropped repeated paragraph …`).
    pub notes: Vec<String>,
}

/// Paragraphs shorter than this (in words) are never treated as repeats: short lines such as
/// "Reuters" or a dateline legitimately recur.
const MIN_DUP_WORDS: usize = 8;
/// Share of a paragraph's word 3-grams that must occur in one earlier paragraph for it to count
/// as a near-exact repeat (tolerates about one edited word per 15).
const NEAR_DUP_CONTAINMENT: f64 = 0.8;
/// Junk patterns only apply to lines up to this many words, so real sentences that mention
/// "share" or "advertisement" survive.
const MAX_JUNK_WORDS: usize = 12;
/// Cookie banners are longer sentences; they get their own, larger limit.
const MAX_COOKIE_WORDS: usize = 60;

struct Line {
    /// Content range in the raw text (terminator excluded).
    start: usize,
    end: usize,
    /// The line terminator: its start and the text it is (`"\n"`, `"\r\n"`, `"\r"`, `"\u{2028}"` …).
    term: Option<(usize, usize)>,
    /// Whitespace-collapsed, trimmed content without invisible characters.
    norm: String,
}

enum Fate {
    Keep(Vec<(usize, usize)>),
    Blank,
    Drop,
}

/// Cleans raw article text; see the module docs for what changes and what never does.
pub fn clean(raw: &str) -> Cleaned {
    let lines = split_lines(raw);
    let mut notes = Vec::new();
    let mut fates: Vec<Fate> = Vec::with_capacity(lines.len());
    let mut dups = DupFinder::default();
    // Inside a "Related articles" / "More from …" block, headline-like lines are links, not text.
    let mut in_link_block = false;
    for (i, line) in lines.iter().enumerate() {
        if line.norm.is_empty() {
            in_link_block = false;
            fates.push(Fate::Blank);
            continue;
        }
        if let Some(kind) = junk_kind(&line.norm) {
            notes.push(format!(
                "dropped page junk ({kind}) at line {}: \"{}\"",
                i + 1,
                excerpt(&line.norm)
            ));
            in_link_block = kind == "related links";
            fates.push(Fate::Drop);
            continue;
        }
        if in_link_block && is_link_title(&line.norm) {
            notes.push(format!(
                "dropped related-link title at line {}: \"{}\"",
                i + 1,
                excerpt(&line.norm)
            ));
            fates.push(Fate::Drop);
            continue;
        }
        in_link_block = false;
        if let Some(first) = dups.check(i, &line.norm) {
            notes.push(format!(
                "dropped repeated paragraph at line {} (repeats line {}): \"{}\"",
                i + 1,
                first + 1,
                excerpt(&line.norm)
            ));
            fates.push(Fate::Drop);
            continue;
        }
        let cut = repeated_run(&raw[line.start..line.end]);
        if let Some((a, b)) = cut {
            notes.push(format!(
                "dropped sentences printed twice in a row at line {}: \"{}\"",
                i + 1,
                excerpt(&raw[line.start + a..line.start + b])
            ));
        }
        fates.push(Fate::Keep(
            cut.map(|(a, b)| (line.start + a, line.start + b))
                .into_iter()
                .collect(),
        ));
    }

    let mut out = Out::new(raw.len());
    let mut prev_kept: Option<usize> = None;
    for (i, fate) in fates.iter().enumerate() {
        let Fate::Keep(skip) = fate else { continue };
        if let Some(p) = prev_kept {
            let blank_between = (p + 1..i).any(|j| matches!(fates[j], Fate::Blank));
            let mut terms = (p..i).filter_map(|j| lines[j].term);
            for _ in 0..if blank_between { 2 } else { 1 } {
                match terms.next() {
                    Some((at, len)) if &raw[at..at + len] == "\r\n" => out.push(at + 1, "\n"),
                    Some((at, _)) => out.push(at, "\n"),
                    None => {}
                }
            }
        }
        emit_line(raw, &lines[i], skip, &mut out);
        prev_kept = Some(i);
    }
    Cleaned {
        text: out.text,
        offsets: OffsetMap {
            anchors: out.anchors,
        },
        notes,
    }
}

/// Whether the first line of an article reads as a headline: short, capitalised, not a byline,
/// and not a sentence running into the body (a final period is accepted only when a blank line
/// follows and the line is short).
pub fn looks_like_title(line: &str, next_is_blank: bool) -> bool {
    let line = line.trim();
    let words = line.split_whitespace().count();
    let Some(first) = line.chars().next() else {
        return false;
    };
    if !(3..=30).contains(&words) || line.chars().count() > 250 {
        return false;
    }
    if !(first.is_uppercase() || first.is_numeric() || "\"'“‘«".contains(first)) {
        return false;
    }
    let lower = line.to_lowercase();
    if lower.starts_with("by ") || lower.starts_with("posted ") || lower.starts_with("published ") {
        return false;
    }
    // A dateline ("ANKARA, Turkey (AP) —") or a lead-in runs on into the next line.
    if line.ends_with([',', ';', ':', '—', '–', '-']) {
        return false;
    }
    if line.ends_with('.') && !line.ends_with("...") {
        return next_is_blank && words <= 15;
    }
    next_is_blank || words <= 20
}

/// A line that reads like a link to another story: short and not ending as a sentence does.
fn is_link_title(norm: &str) -> bool {
    norm.split(' ').count() <= 20 && !norm.ends_with(['.', '!', '?', '"', '”', '’', ':', ';', ','])
}

fn excerpt(s: &str) -> String {
    let s = s.trim();
    match s.char_indices().nth(60) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

/// Characters removed outright: invisible and meaningless in running text.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' | '\u{180E}'
    ) || (c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0B' | '\x0C'))
}

fn split_lines(raw: &str) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut start = 0;
    let mut norm = String::new();
    let mut pending_space = false;
    let mut iter = raw.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let term_len = match c {
            '\n' | '\u{2028}' | '\u{2029}' | '\u{85}' => Some(c.len_utf8()),
            '\r' => Some(if matches!(iter.peek(), Some((_, '\n'))) {
                2
            } else {
                1
            }),
            _ => None,
        };
        if let Some(len) = term_len {
            if len == 2 {
                iter.next();
            }
            lines.push(Line {
                start,
                end: i,
                term: Some((i, len)),
                norm: std::mem::take(&mut norm),
            });
            start = i + len;
            pending_space = false;
        } else if c.is_whitespace() {
            pending_space = !norm.is_empty();
        } else if !is_invisible(c) {
            if pending_space {
                norm.push(' ');
                pending_space = false;
            }
            norm.push(c);
        }
    }
    if start < raw.len() || lines.is_empty() {
        lines.push(Line {
            start,
            end: raw.len(),
            term: None,
            norm,
        });
    }
    lines
}

/// Appends one kept line with spaces collapsed, skipping the raw ranges in `skip`.
fn emit_line(raw: &str, line: &Line, skip: &[(usize, usize)], out: &mut Out) {
    let mut pending: Option<usize> = None;
    let mut wrote = false;
    for (off, c) in raw[line.start..line.end].char_indices() {
        let at = line.start + off;
        if skip.iter().any(|(a, b)| (*a..*b).contains(&at)) {
            continue;
        }
        if c.is_whitespace() {
            if wrote && pending.is_none() {
                pending = Some(at);
            }
        } else if !is_invisible(c) {
            if let Some(p) = pending.take() {
                out.push(p, " ");
            }
            let mut buf = [0u8; 4];
            out.push(at, c.encode_utf8(&mut buf));
            wrote = true;
        }
    }
}

/// Builds the cleaned text and records an anchor whenever it stops advancing with the raw text.
struct Out {
    text: String,
    anchors: Vec<(usize, usize)>,
}

impl Out {
    fn new(cap: usize) -> Self {
        Out {
            text: String::with_capacity(cap),
            anchors: vec![(0, 0)],
        }
    }

    /// Appends `s`, which stands for the raw text starting at `raw_at`.
    fn push(&mut self, raw_at: usize, s: &str) {
        let (c, o) = *self.anchors.last().expect("anchors start non-empty");
        if o + (self.text.len() - c) != raw_at {
            if c == self.text.len() {
                *self.anchors.last_mut().expect("non-empty") = (c, raw_at);
            } else {
                self.anchors.push((self.text.len(), raw_at));
            }
        }
        self.text.push_str(s);
    }
}

/// One hash per word (letters and digits, lower-cased), without allocating the words.
fn word_hashes(s: &str) -> Vec<u64> {
    const FNV_OFFSET: u64 = 0xcbf29ce484222325;
    let mut out = Vec::new();
    let mut h = FNV_OFFSET;
    let mut in_word = false;
    for c in s.chars() {
        if c.is_alphanumeric() {
            in_word = true;
            let mut feed = |c: char| {
                h ^= c as u64;
                h = h.wrapping_mul(0x100000001b3);
            };
            if c.is_ascii() {
                feed(c.to_ascii_lowercase());
            } else {
                c.to_lowercase().for_each(feed);
            }
        } else if in_word {
            out.push(h);
            h = FNV_OFFSET;
            in_word = false;
        }
    }
    if in_word {
        out.push(h);
    }
    out
}

/// Order-sensitive hash of a sequence of word hashes.
fn seq_hash(words: &[u64]) -> u64 {
    words.iter().fold(0x9E3779B97F4A7C15u64, |acc, w| {
        (acc.rotate_left(23) ^ w).wrapping_mul(0xbf58476d1ce4e5b9)
    })
}

/// Keys here are already hashes (or small ids): SipHash over them again only costs time.
type Prehashed = BuildHasherDefault<PassThrough>;

#[derive(Default)]
struct PassThrough(u64);

impl Hasher for PassThrough {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 << 8 | *b as u64).wrapping_mul(0x9E3779B97F4A7C15);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n.wrapping_mul(0x9E3779B97F4A7C15);
    }
    fn write_u32(&mut self, n: u32) {
        self.write_u64(n as u64);
    }
}

/// Finds paragraphs that repeat an earlier one exactly or nearly (word 3-gram containment).
#[derive(Default)]
struct DupFinder {
    exact: HashMap<u64, usize, Prehashed>,
    postings: HashMap<u64, Vec<u32>, Prehashed>,
    /// Line index of each registered paragraph.
    paras: Vec<usize>,
}

/// Postings lists longer than this are not scanned: such 3-grams are too common to tell anything.
const MAX_POSTINGS: usize = 64;

impl DupFinder {
    fn check(&mut self, line: usize, norm: &str) -> Option<usize> {
        let words = word_hashes(norm);
        if words.len() < MIN_DUP_WORDS {
            return None;
        }
        let key = seq_hash(&words);
        if let Some(first) = self.exact.get(&key) {
            return Some(*first);
        }
        let mut shingles: Vec<u64> = words.windows(3).map(seq_hash).collect();
        shingles.sort_unstable();
        shingles.dedup();
        let mut hits: HashMap<u32, usize, Prehashed> = HashMap::default();
        for s in &shingles {
            if let Some(list) = self.postings.get(s) {
                if list.len() <= MAX_POSTINGS {
                    for p in list {
                        *hits.entry(*p).or_default() += 1;
                    }
                }
            }
        }
        let best = hits
            .into_iter()
            .max_by_key(|(p, n)| (*n, std::cmp::Reverse(*p)));
        if let Some((p, n)) = best {
            if n as f64 >= NEAR_DUP_CONTAINMENT * shingles.len() as f64 {
                return Some(self.paras[p as usize]);
            }
        }
        let id = self.paras.len() as u32;
        self.paras.push(line);
        self.exact.insert(key, line);
        for s in shingles {
            let list = self.postings.entry(s).or_default();
            if list.last() != Some(&id) {
                list.push(id);
            }
        }
        None
    }
}

/// Byte ranges of sentences inside one line (a split after `.`, `!`, `?` and closing quotes
/// followed by a space; abbreviations over-split, which is harmless for repeat detection).
fn sentences(line: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = line.char_indices().peekable();
    let mut after_stop = false;
    while let Some((i, c)) = chars.next() {
        if matches!(c, '.' | '!' | '?') {
            after_stop = true;
        } else if after_stop && "\"'”’)]".contains(c) {
        } else if after_stop && c.is_whitespace() {
            out.push((start, i));
            while let Some((_, w)) = chars.peek() {
                if !w.is_whitespace() {
                    break;
                }
                chars.next();
            }
            start = chars.peek().map_or(line.len(), |(j, _)| *j);
            after_stop = false;
        } else {
            after_stop = false;
        }
    }
    if start < line.len() {
        out.push((start, line.len()));
    }
    out
}

/// The range of a run of sentences that repeats the run right before it ("A. B. A. B."), when
/// the run is long enough not to be a deliberate echo.
fn repeated_run(line: &str) -> Option<(usize, usize)> {
    if line.len() < 80 {
        return None;
    }
    let spans = sentences(line);
    let keys: Vec<Vec<u64>> = spans
        .iter()
        .map(|(a, b)| word_hashes(&line[*a..*b]))
        .collect();
    let n = spans.len();
    for i in 0..n {
        for k in 1..=(n - i) / 2 {
            let first = &keys[i..i + k];
            let second = &keys[i + k..i + 2 * k];
            let words: usize = first.iter().map(Vec::len).sum();
            if words >= MIN_DUP_WORDS && first == second {
                // Start at the end of the first run so the space between is dropped with it.
                return Some((spans[i + k - 1].1, spans[i + 2 * k - 1].1));
            }
        }
    }
    None
}

static JUNK: Lazy<Vec<(&'static str, RegexSet)>> = Lazy::new(|| {
    let groups: &[(&str, &[&str])] = &[
        (
            "share/print widget",
            &[
                r"^print friendly(,? pdf)?( (&|and) email)?$",
                r"^share (this|the|on|via|to|it|article|story|post|page|with)\b.*$",
                r"^(share|sharing) (is caring|options|buttons)$",
                r"^click (here )?to (share|print|email|tweet|pin|open|subscribe|comment)\b.*$",
                r"^\(?opens? in (a )?new (window|tab)\)?$",
                r"^(print|email|save|bookmark|share)( this)?( article| page| story| post)?$",
            ],
        ),
        (
            "comment widget",
            &[
                r"^(leave|post|add|write|submit|join) (a|your|the) (reply|response|comment|comments|discussion)\b.*$",
                r"^\d+ (comments?|responses?|replies)$",
                r"^(no )?(comments?|responses?|replies)( \(\d+\))?( yet)?$",
                r"^comments (are|is) closed$",
                r"^you must be logged in to (post|leave) a (comment|reply)$",
                r"^(show|view|load|hide|read) (all |the )?(\d+ )?comments\b.*$",
            ],
        ),
        (
            "navigation",
            &[
                r"^search( form| for| this site| the site| \.\.\.|…)?$",
                r"^you are here\b.*$",
                r"^home ?[»>›/|].*$",
                r"^skip to (the )?(main )?(content|navigation)$",
                r"^(toggle|main|open|close) (navigation|menu)$",
                r"^(menu|navigation|back to top|go to top|top)$",
                r"^(next|previous|prev) (article|post|story|page)\b.*$",
                r"^(sign|log) ?(in|up|out)( (/|or) (sign|log) ?(in|up|out))?$",
                r"^(register|login|loading|close|open)( \.\.\.|\.\.\.|…)?$",
                r"^(privacy policy|terms (of|and) (use|service|conditions)|contact us|about us|cookie policy)$",
            ],
        ),
        (
            "timestamp widget",
            &[
                r"^last updated\b.*$",
                r"^updated:.*$",
                r"^(updated|modified) (on |at )?(\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun|today|yesterday).*$",
                r"^(about )?\d+ (sec|second|min|minute|hr|hour|day|week|month|year)s?( \d+ (sec|second|min|minute)s?)? ago$",
                r"^(\d+ )?(min|minute)s? read$",
                r"^(estimated )?reading time\b.*$",
                r"^listen to (this|the) (article|story)\b.*$",
            ],
        ),
        (
            "related links",
            &[
                r"^more from\b.*$",
                r"^(related|recommended|suggested|popular|trending|featured)( articles?| posts?| stories| news| content| topics| reading| links| coverage| videos?)?( for you)?$",
                r"^most (read|popular|viewed|shared|commented)\b.*$",
                r"^(read|see) (more|also)\b.*$",
                r"^also read\b.*$",
                r"^you (may|might) (also )?(like|enjoy|be interested in)\b.*$",
                r"^(more|latest|top|other) (stories|news|headlines|articles|videos|posts)( from .*| in .*| on .*)?$",
                r"^(don't|do not) miss\b.*$",
            ],
        ),
        (
            "follow/subscribe",
            &[
                r"^follow (us|@?[\w.]+) (on|at|via)\b.*$",
                r"^follow us$",
                r"^(like|join) us on\b.*$",
                r"^(subscribe|sign up|signup|register)\b.*\b(newsletters?|updates|alerts|channel|podcast|mailing list)\b.*$",
                r"^subscribe( now| today| here| for free)?$",
                r"^(get|receive) (our|the|daily|weekly|free)\b.*\bnewsletters?\b.*$",
                r"^(support|donate to) (us|our journalism|independent journalism)\b.*$",
            ],
        ),
        (
            "cookie banner",
            &[
                r"^(accept|reject|decline|allow)( all)?( cookies)?$",
                r"^(got it|i agree|i accept|ok|okay|manage (preferences|cookies|consent|settings))$",
                r"^cookie (settings|policy|preferences|consent)$",
            ],
        ),
        (
            "advertisement",
            &[
                r"^(advertisement|advertising|advert|ads?|sponsored|promoted|promotion)( content| links?| stories| feature)?$",
                r"^(paid|partner) (content|post)$",
                r"^(story|article|text) continues (below|after)\b.*$",
                r"^(continue reading|scroll (down )?to continue)\b.*$",
            ],
        ),
        (
            "tags/copyright",
            &[
                r"^(tags?|tagged|filed under|categories|category|topics|keywords)( with)?:.*$",
                r"^(©|\(c\)|copyright\b).*$",
                r"^all rights reserved$",
            ],
        ),
    ];
    groups
        .iter()
        .map(|(name, pats)| (*name, RegexSet::new(*pats).expect("junk patterns compile")))
        .collect()
});

/// Names of share buttons and networks: a line made only of these is a widget row.
const WIDGET_WORDS: &[&str] = &[
    "share",
    "shares",
    "print",
    "email",
    "e-mail",
    "mail",
    "tweet",
    "pin",
    "save",
    "like",
    "comment",
    "comments",
    "copy",
    "link",
    "facebook",
    "twitter",
    "x",
    "linkedin",
    "whatsapp",
    "telegram",
    "reddit",
    "pinterest",
    "tumblr",
    "pocket",
    "flipboard",
    "messenger",
    "sms",
    "vk",
    "more",
    "google",
    "threads",
    "bluesky",
    "mastodon",
    "instagram",
    "youtube",
    "rss",
    "pdf",
];

static COOKIE_CUE: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"\bcookies?\b.*\b(use|uses|using|accept|consent|polic|browsing|experience|continu|agree|settings|preferences)|\b(use|uses|using|accept|consent to)\b.*\bcookies?\b")
        .expect("cookie cue compiles")
});

static EDGE_PUNCT: &[char] = &[
    '-', '–', '—', '|', '•', '·', '*', '»', '«', '>', '<', '[', ']', '(', ')', ':', '!', '.', ' ',
    '_', '=', '~',
];

/// The kind of page junk a (normalised) line is, if it is junk.
fn junk_kind(norm: &str) -> Option<&'static str> {
    let words = norm.split(' ').count();
    if words > MAX_COOKIE_WORDS {
        return None;
    }
    let mentions_cookies = norm
        .as_bytes()
        .windows(6)
        .any(|w| w.eq_ignore_ascii_case(b"cookie"));
    if words > MAX_JUNK_WORDS {
        return (mentions_cookies && COOKIE_CUE.is_match(&norm.to_lowercase()))
            .then_some("cookie banner");
    }
    let lower = norm.to_lowercase().replace(['’', '‘'], "'");
    let core = lower.trim_matches(EDGE_PUNCT);
    if core.is_empty() {
        // A rule of dashes or stars is decoration, not text.
        return (norm.chars().count() >= 3).then_some("separator");
    }
    let tokens: Vec<&str> = core
        .split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .filter(|t| !t.is_empty())
        .collect();
    if !tokens.is_empty() && tokens.iter().all(|t| WIDGET_WORDS.contains(t)) && tokens.len() <= 10 {
        return Some("share/print widget");
    }
    for (name, set) in JUNK.iter() {
        if set.is_match(core) {
            return Some(name);
        }
    }
    (mentions_cookies && COOKIE_CUE.is_match(core)).then_some("cookie banner")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn junk_lines_are_recognised_generally() {
        for l in [
            "Print Friendly, PDF & Email",
            "Share this:",
            "Share on Facebook",
            "Click to share on Twitter (Opens in new window)",
            "Leave a Response",
            "Leave a comment",
            "Search form",
            "Last updated: 1 min 4 sec ago",
            "You are here",
            "MORE FROM Middle-East",
            "Related Articles",
            "Follow us on Twitter",
            "Subscribe to our newsletter",
            "We use cookies to give you the best experience. By continuing you agree to our cookie policy.",
            "Advertisement",
            "- Advertisement -",
            "Facebook Twitter WhatsApp Email",
            "3 comments",
            "READ MORE: Turkey detains suspects",
            "Tags: Iran, Turkey, MIT",
            "© 2023 Daily Sabah. All rights reserved.",
        ] {
            assert!(junk_kind(&l.split_whitespace().collect::<Vec<_>>().join(" ")).is_some(), "{l}");
        }
        for l in [
            "Turkey and Iran sign secret intelligence cooperation pact.",
            "Share prices fell after MIT said it had arrested 11 people.",
            "Advertisement agencies in Istanbul were searched by police on Monday.",
            "He said the network would follow orders from Tehran.",
            "Updated intelligence pact signed in Ankara",
            "Firas Elias",
            "About National Intelligence Organization (MIT)",
        ] {
            assert!(junk_kind(l).is_none(), "{l}");
        }
    }

    #[test]
    fn title_heuristic() {
        assert!(looks_like_title(
            "Role of Iranian intelligence in Azerbaijan",
            true
        ));
        assert!(looks_like_title(
            "Turkey and Iran sign pact. Ankara rolls up spy rings",
            true
        ));
        assert!(!looks_like_title(
            "Pro-government Turkish media reports 11 arrests in the second alleged Mossad spy operation discovered less than six months ahead of Sunday’s runoff elections.",
            false
        ));
        assert!(!looks_like_title("By John Smith", true));
        assert!(!looks_like_title("ANKARA, Turkey (AP) —", false));
    }

    #[test]
    fn sentence_runs_printed_twice_are_cut() {
        let line = "The agency said eleven people were detained in Istanbul on Tuesday. They were charged. \
                    The agency said eleven people were detained in Istanbul on Tuesday. They were charged. Then more.";
        let c = clean(line);
        assert_eq!(
            c.text,
            "The agency said eleven people were detained in Istanbul on Tuesday. They were charged. Then more."
        );
        assert_eq!(c.notes.len(), 1);
    }
}
