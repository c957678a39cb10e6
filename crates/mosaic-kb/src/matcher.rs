//! Finding known names in running text with one Aho-Corasick automaton over folded text.

use std::collections::HashSet;

use rustc_hash::FxHashMap as HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use crate::fold::{fold_pattern, fold_with_offsets};
use crate::load::Form;
use crate::{AliasHit, TextHit};

/// How one actor's form may match a pattern.
struct Entry {
    hit: AliasHit,
    /// For short all-caps acronyms: the case-preserving folded form the text must equal.
    exact: Option<String>,
    /// The first letter in the text must be a capital.
    caps: bool,
    /// An acronym that spells an ordinary word ("US", "IS"): refused inside all-caps runs.
    caps_guard: bool,
}

pub(crate) struct Matcher {
    ac: Option<AhoCorasick>,
    entries: Vec<Vec<Entry>>,
}

/// "U.S.", "MİT", "ISI", "FETÖ", "MI6", "LeT", "BfV": one token of at most five letters, all
/// capitals or with a capital after the first letter. Such forms spell ordinary words when
/// lower-cased ("us", "is", "it", "let"), so they match only as written.
pub(crate) fn is_short_acronym(s: &str) -> bool {
    let s = fold_pattern(s, false);
    let letters: Vec<char> = s.chars().filter(|c| c.is_alphabetic()).collect();
    let caps = letters.iter().filter(|c| c.is_uppercase()).count();
    !s.contains(' ')
        && (1..=5).contains(&letters.len())
        && (caps == letters.len() || letters.iter().skip(1).any(|c| c.is_uppercase()))
}

impl Matcher {
    pub fn new(forms: &[Vec<Form>], common_words: &str) -> Matcher {
        let common: HashSet<String> = common_words
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(|l| l.to_lowercase())
            .collect();
        let mut ids: HashMap<String, usize> = HashMap::default();
        let mut patterns: Vec<String> = Vec::new();
        let mut entries: Vec<Vec<Entry>> = Vec::new();
        for (actor, fs) in forms.iter().enumerate() {
            for f in fs.iter().filter(|f| f.in_text) {
                let mut variants = vec![(f.text.as_str(), f.caps)];
                // "The Washington Post" is also written "the Washington Post" and "Washington Post".
                // A name written with a lower-case "the" ("the West") needs its article.
                if let Some(rest) = f.text.strip_prefix("The ") {
                    let single_common =
                        !rest.contains(' ') && common.contains(&rest.to_lowercase());
                    variants.push((rest, f.caps || single_common));
                }
                for (v, caps) in variants {
                    let pat = fold_pattern(v, true);
                    if pat.is_empty() {
                        continue;
                    }
                    // (An acronym is at most five letters: long forms need no check.)
                    let exact =
                        (v.len() <= 16 && is_short_acronym(v)).then(|| fold_pattern(v, false));
                    let caps_guard = exact.is_some() && common.contains(&pat);
                    let slot = *ids.entry(pat.clone()).or_insert_with(|| {
                        patterns.push(pat.clone());
                        entries.push(Vec::new());
                        patterns.len() - 1
                    });
                    let list = &mut entries[slot];
                    let dup = list
                        .iter()
                        .any(|e| e.hit.actor == actor && e.exact == exact && e.caps == caps);
                    if !dup {
                        list.push(Entry {
                            hit: AliasHit { actor, how: f.how },
                            exact,
                            caps,
                            caps_guard,
                        });
                    }
                }
            }
        }
        let ac = (!patterns.is_empty()).then(|| {
            AhoCorasickBuilder::new()
                .match_kind(MatchKind::Standard)
                .build(&patterns)
                .expect("alias automaton builds")
        });

        Matcher { ac, entries }
    }

    pub fn find(&self, text: &str) -> Vec<TextHit> {
        let Some(ac) = &self.ac else {
            return Vec::new();
        };
        let folded = fold_with_offsets(text, true);
        let ft = folded.text.as_str();
        let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        let mut found: Vec<(usize, usize, Vec<AliasHit>)> = Vec::new();
        for m in ac.find_overlapping_iter(&folded.text) {
            let (s, e) = (m.start(), m.end());
            let (first, last) = (ft[s..e].chars().next(), ft[s..e].chars().next_back());
            if (word(ft[..s].chars().next_back()) && word(first))
                || (word(ft[e..].chars().next()) && word(last))
            {
                continue;
            }
            let (a, b) = folded.original_range(s, e);
            let orig = &text[a..b];
            let mut hits: Vec<AliasHit> = Vec::new();
            for entry in &self.entries[m.pattern().as_usize()] {
                if hits.iter().any(|h| h.actor == entry.hit.actor)
                    || !self.accepts(entry, text, a, b, orig)
                {
                    continue;
                }
                hits.push(entry.hit);
            }
            if !hits.is_empty() {
                found.push((a, b, hits));
            }
        }
        found.sort_by(|x, y| x.0.cmp(&y.0).then(y.1.cmp(&x.1)));
        let mut out: Vec<TextHit> = Vec::new();
        let mut last_end = 0;
        for (a, b, candidates) in found {
            if a < last_end {
                continue;
            }
            last_end = b;
            out.push(TextHit {
                start: a,
                end: b,
                candidates,
            });
        }
        out
    }

    fn accepts(&self, e: &Entry, text: &str, a: usize, b: usize, orig: &str) -> bool {
        if let Some(exact) = &e.exact {
            if fold_pattern(orig, false) != *exact {
                return false;
            }
            if e.caps_guard && in_all_caps_run(text, a, b) {
                return false;
            }
        }
        if e.caps
            && !orig
                .chars()
                .find(|c| c.is_alphabetic())
                .is_some_and(char::is_uppercase)
        {
            return false;
        }
        true
    }
}

/// True when the word just before or just after `[a, b)` is written in capitals (a headline or
/// shouted text), where "US" or "IS" are as likely ordinary words.
fn in_all_caps_run(text: &str, a: usize, b: usize) -> bool {
    let before: String = text[..a]
        .chars()
        .rev()
        .skip_while(|c| !c.is_alphabetic())
        .take_while(|c| c.is_alphabetic())
        .collect();
    let after: String = text[b..]
        .chars()
        .skip_while(|c| !c.is_alphabetic())
        .take_while(|c| c.is_alphabetic())
        .collect();
    let shouting = |w: &str| w.chars().count() >= 2 && w.chars().all(|c| c.is_uppercase());
    shouting(&before) || shouting(&after)
}
