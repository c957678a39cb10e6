//! A rule recogniser for proper-noun chunks, used when the statistical model is not installed
//! (and as a safety net for names it misses). A chunk is a run of capitalised words, joined by
//! the connectors names use ("of", "for", "al-"); its type comes from cues: a title before it
//! makes a person, an organisation head word inside it makes an organisation.

use mosaic_core::{EntityKind, Span};

const CONNECTORS: &[&str] = &[
    "of", "for", "and", "the", "de", "al", "bin", "ibn", "el", "in",
];

/// Words that make a chunk an organisation when they appear in it.
pub const ORG_HEADS: &[&str] = &[
    "Ministry",
    "Agency",
    "Organization",
    "Organisation",
    "Service",
    "Services",
    "Council",
    "Party",
    "Group",
    "Forces",
    "Force",
    "Army",
    "Navy",
    "Police",
    "Directorate",
    "Department",
    "Office",
    "Bureau",
    "Committee",
    "Commission",
    "Corps",
    "Guard",
    "Guards",
    "Brigade",
    "Brigades",
    "Front",
    "Movement",
    "Union",
    "Institute",
    "Center",
    "Centre",
    "University",
    "Foundation",
    "Association",
    "Authority",
    "Command",
    "Company",
    "Corporation",
    "Bank",
    "News",
    "Agency",
    "Times",
    "Post",
    "Press",
    "Herald",
    "Journal",
    "Tribune",
    "Gazette",
    "Network",
    "Television",
    "Radio",
    "Parliament",
    "Assembly",
    "Senate",
    "Congress",
    "Cabinet",
    "Government",
    "Administration",
    "Embassy",
    "Consulate",
    "Mission",
    "Court",
    "Prosecutor",
    "Unit",
    "Battalion",
    "Division",
    "Regiment",
    "League",
    "Alliance",
    "Coalition",
    "Federation",
    "Society",
    "Academy",
    "Studies",
    "Intelligence",
    "Security",
];

/// Titles and honorifics that make the following chunk a person.
pub const PERSON_TITLES: &[&str] = &[
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "President",
    "Minister",
    "Premier",
    "Gen",
    "General",
    "Brig",
    "Colonel",
    "Col",
    "Lt",
    "Lieutenant",
    "Major",
    "Maj",
    "Captain",
    "Capt",
    "Admiral",
    "Adm",
    "Sheikh",
    "Ayatollah",
    "Imam",
    "King",
    "Prince",
    "Queen",
    "Emir",
    "Sultan",
    "Chancellor",
    "Secretary",
    "Ambassador",
    "Spokesman",
    "Spokeswoman",
    "Spokesperson",
    "Director",
    "Chief",
    "Commander",
    "Senator",
    "Sen",
    "Rep",
    "Governor",
    "Mayor",
    "Judge",
    "Prosecutor",
    "Deputy",
    "Cleric",
    "Hojatoleslam",
    "Sergeant",
    "Sgt",
];

pub struct Chunk {
    pub span: Span,
    pub kind: EntityKind,
}

fn is_cap_word(w: &str) -> bool {
    let mut cs = w.chars();
    match cs.next() {
        Some(c) if c.is_uppercase() => w.chars().any(|c| c.is_alphabetic()),
        _ => false,
    }
}

/// Finds capitalised chunks in one sentence (`offset` = the sentence's start in the document).
pub fn chunks(sentence: &str, offset: usize) -> Vec<Chunk> {
    let words: Vec<(usize, usize)> = word_spans(sentence);
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let w = &sentence[words[i].0..words[i].1];
        if !is_cap_word(w) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        let mut last_cap = i;
        while j < words.len() {
            let wj = &sentence[words[j].0..words[j].1];
            // Names do not run across punctuation other than hyphens and apostrophes.
            let gap = &sentence[words[j - 1].1..words[j].0];
            if !gap.chars().all(|c| c == ' ') {
                break;
            }
            if is_cap_word(wj) {
                last_cap = j;
                j += 1;
            } else if CONNECTORS.contains(&wj)
                && j + 1 < words.len()
                && joins_name(sentence, &words[i..j], wj)
            {
                j += 1;
            } else {
                break;
            }
        }
        let (a, b) = (i, last_cap);
        i = last_cap + 1;
        let first = &sentence[words[a].0..words[a].1];
        let text = &sentence[words[a].0..words[b].1];
        let tokens: Vec<&str> = text.split_whitespace().collect();
        // A lone capitalised word opening a sentence is usually an ordinary word.
        if a == 0 && a == b {
            continue;
        }
        if first.len() <= 2 && a == b && !first.chars().all(|c| c.is_uppercase()) {
            continue;
        }
        let prev = if a > 0 {
            sentence[words[a - 1].0..words[a - 1].1].trim_end_matches('.')
        } else {
            ""
        };
        let kind = if tokens.iter().any(|t| ORG_HEADS.contains(t)) {
            EntityKind::Org
        } else if PERSON_TITLES.iter().any(|t| t.eq_ignore_ascii_case(prev)) && tokens.len() <= 4 {
            EntityKind::Person
        } else if text
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(|c| c.is_uppercase())
            && text.len() >= 2
        {
            EntityKind::Org
        } else if (2..=4).contains(&tokens.len()) && !tokens.iter().any(|t| CONNECTORS.contains(t))
        {
            EntityKind::Person
        } else {
            continue;
        };
        out.push(Chunk {
            span: Span::new(offset + words[a].0, offset + words[b].1),
            kind,
        });
    }
    out
}

/// May this connector continue the name begun by `so_far`? "of"/"for"/"al"/"bin" always can;
/// "and", "the", "on", "in" only inside an organisation's name ("Center for Crisis and Policy
/// Studies", "Organisation of the Islamic Cooperation"), never between two people.
fn joins_name(sentence: &str, so_far: &[(usize, usize)], connector: &str) -> bool {
    if !matches!(connector, "and" | "the" | "in") {
        return true;
    }
    so_far.iter().any(|&(a, b)| {
        ORG_HEADS.contains(&&sentence[a..b]) || matches!(&sentence[a..b], "of" | "for")
    })
}

/// Word spans: letters, digits, hyphens and inner apostrophes; a trailing possessive is excluded.
fn word_spans(s: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        let part = c.is_alphanumeric()
            || c == '-'
            || c == '.' && start.is_some_and(|st: usize| s[st..i].len() == 1);
        match (part, start) {
            (true, None) => start = Some(i),
            (false, Some(st)) => {
                out.push((st, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(st) = start {
        out.push((st, s.len()));
    }
    out.into_iter()
        .map(|(a, b)| {
            let w = &s[a..b];
            let w = w.trim_end_matches(['.', '-']);
            (a, a + w.len())
        })
        .filter(|(a, b)| b > a)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(s: &str) -> Vec<(String, EntityKind)> {
        chunks(s, 0)
            .into_iter()
            .map(|c| (s[c.span.range()].to_string(), c.kind))
            .collect()
    }

    #[test]
    fn types_by_cue() {
        let f = found("He met Khosrow Hosseinian and the Ankara Center for Crisis and Policy Studies on Monday.");
        assert!(f.contains(&("Khosrow Hosseinian".into(), EntityKind::Person)));
        assert!(f.contains(&(
            "Ankara Center for Crisis and Policy Studies".into(),
            EntityKind::Org
        )));
    }

    #[test]
    fn lone_sentence_initial_word_is_skipped() {
        assert!(found("Although a member, it stayed.").is_empty());
    }
}
