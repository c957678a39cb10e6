//! Sentence and paragraph segmentation by rule.
//!
//! Line breaks end paragraphs (news copy puts one paragraph per line); inside a paragraph a
//! sentence ends at `.`, `!` or `?` (plus closing quotes/brackets) followed by white space and
//! something that can start a sentence, unless the word before the full stop is a known
//! abbreviation ("Gen.", "Nov.", "U.S.") or a single initial. The parser runs per line, so its
//! own sentence starts never cross these paragraph boundaries.

use mosaic_core::{Document, Sentence, Span};

/// Abbreviations after which a full stop does not end a sentence (compared without the dot,
/// case-sensitively, so "US." at the end of a sentence still ends it).
const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Prof", "Gen", "Brig", "Lt", "Col", "Maj", "Capt", "Cmdr", "Adm",
    "Sgt", "Cpl", "Pvt", "Gov", "Sen", "Rep", "Rev", "Sr", "Jr", "St", "Mt", "Ft", "No", "Nos",
    "vs", "etc", "approx", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct",
    "Nov", "Dec", "Mon", "Tue", "Tues", "Wed", "Thu", "Thur", "Thurs", "Fri", "Sat", "Sun", "Inc",
    "Ltd", "Corp", "Co", "Dept", "Univ", "Assn", "Bros", "Gens", "e.g", "i.e", "U.S", "U.K", "U.N",
    "E.U", "a.m", "p.m", "Ph.D", "Amb", "Pres", "Supt", "Insp", "Det", "Cdr",
];

/// Words that are abbreviations only when followed by a number ("No. 5", "Art. 3").
const NUMERIC_ABBREVIATIONS: &[&str] = &["No", "Art", "Vol", "p", "pp", "Fig"];

pub fn segment(doc: &mut Document) {
    doc.sentences = split(&doc.text);
}

/// Splits `text` into sentences with paragraph numbers.
pub fn split(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut paragraph = 0;
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let line_end = line_start + line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        if !content.trim().is_empty() {
            for (a, b) in split_line(content) {
                out.push(Sentence {
                    span: Span::new(line_start + a, line_start + b),
                    paragraph,
                });
            }
            paragraph += 1;
        }
        line_start = line_end;
    }
    out
}

fn split_line(line: &str) -> Vec<(usize, usize)> {
    let bytes = line.as_bytes();
    let mut cuts = Vec::new();
    let mut start = skip_space(line, 0);
    let mut i = start;
    while i < bytes.len() {
        let c = bytes[i];
        if matches!(c, b'.' | b'!' | b'?') {
            // Extend over repeated terminators and closing quotes/brackets.
            let mut j = i + 1;
            while j < bytes.len() && matches!(bytes[j], b'.' | b'!' | b'?') {
                j += 1;
            }
            loop {
                let rest = &line[j..];
                let Some(ch) = rest.chars().next() else { break };
                if matches!(ch, '"' | '\'' | '”' | '’' | ')' | ']' | '»') {
                    j += ch.len_utf8();
                } else {
                    break;
                }
            }
            let next = skip_space(line, j);
            let has_space = next > j;
            if next >= bytes.len() {
                break;
            }
            if has_space && c == b'.' && j == i + 1 && is_abbreviation(line, i, &line[next..]) {
                i = j;
                continue;
            }
            if has_space && can_start_sentence(&line[next..]) {
                cuts.push((start, trim_end(line, j)));
                start = next;
                i = next;
                continue;
            }
            i = j;
        } else {
            i += 1;
        }
    }
    let end = trim_end(line, line.len());
    if end > start {
        cuts.push((start, end));
    }
    cuts
}

fn skip_space(s: &str, mut i: usize) -> usize {
    while let Some(c) = s[i..].chars().next() {
        if c.is_whitespace() {
            i += c.len_utf8();
        } else {
            break;
        }
    }
    i
}

fn trim_end(s: &str, end: usize) -> usize {
    s[..end].trim_end().len()
}

fn can_start_sentence(rest: &str) -> bool {
    let mut chars = rest.chars();
    match chars.next() {
        Some(c) if c.is_uppercase() || c.is_ascii_digit() => true,
        Some('"' | '“' | '‘' | '\'' | '(' | '[' | '«' | '—' | '-') => true,
        _ => false,
    }
}

/// Is the full stop at `dot` the end of an abbreviation rather than of a sentence?
fn is_abbreviation(line: &str, dot: usize, after: &str) -> bool {
    let before = &line[..dot];
    let word_start = before
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace() || matches!(c, '(' | '"' | '“' | '‘'))
        .map(|(i, c)| i + c.len_utf8())
        .unwrap_or(0);
    let word = &before[word_start..];
    if word.is_empty() {
        return false;
    }
    // A single initial ("Michael J. Fox"), but not a sentence-final pronoun "I".
    let mut wc = word.chars();
    if let (Some(c), None) = (wc.next(), wc.next()) {
        if c.is_uppercase() && c != 'I' {
            return true;
        }
    }
    // Dotted acronyms such as "U.S." or "a.m.": "U.S. officials" continues, "the U.S. The" does not.
    if word.contains('.') && word.chars().all(|c| c.is_alphabetic() || c == '.') {
        let next_is_lower = after.chars().next().is_some_and(|c| c.is_lowercase());
        return next_is_lower || word.len() <= 4 && after_word_is_name(after);
    }
    if ABBREVIATIONS.contains(&word) {
        return true;
    }
    if NUMERIC_ABBREVIATIONS.contains(&word) {
        return after.chars().next().is_some_and(|c| c.is_ascii_digit());
    }
    false
}

/// Heuristic for "U.S. Secretary", "U.N. Security Council": after a dotted acronym, a capitalised
/// word continues the sentence unless it is a word that typically starts one ("the U.S. The
/// police followed").
fn after_word_is_name(after: &str) -> bool {
    let word: String = after.chars().take_while(|c| c.is_alphabetic()).collect();
    !word.is_empty()
        && !matches!(
            word.as_str(),
            "The"
                | "A"
                | "An"
                | "It"
                | "He"
                | "She"
                | "They"
                | "We"
                | "I"
                | "You"
                | "In"
                | "On"
                | "At"
                | "But"
                | "And"
                | "Or"
                | "So"
                | "This"
                | "That"
                | "These"
                | "Those"
                | "There"
                | "Its"
                | "His"
                | "Her"
                | "Their"
                | "Our"
                | "Meanwhile"
                | "However"
                | "After"
                | "Before"
                | "When"
                | "While"
                | "Since"
                | "As"
                | "If"
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(t: &str) -> Vec<&str> {
        split(t).iter().map(|s| &t[s.span.range()]).collect()
    }

    #[test]
    fn abbreviations_do_not_end_sentences() {
        assert_eq!(
            texts("Brig. Gen. Hossein Salami spoke. He left on Nov. 1 for the U.S. capital. Then he returned."),
            vec!["Brig. Gen. Hossein Salami spoke.", "He left on Nov. 1 for the U.S. capital.", "Then he returned."]
        );
    }

    #[test]
    fn quotes_close_sentences_and_lines_are_paragraphs() {
        let s = split("He said: “It is over.” Then silence.\nNext paragraph here.");
        assert_eq!(s.len(), 3);
        assert_eq!(s[2].paragraph, 1);
    }

    #[test]
    fn us_at_sentence_end_followed_by_new_sentence() {
        assert_eq!(
            texts("They fled to the U.S. The police followed."),
            vec!["They fled to the U.S.", "The police followed."]
        );
        assert_eq!(
            texts("U.S. Secretary of State Warren Christopher telephoned Andrei Kozyrev."),
            vec!["U.S. Secretary of State Warren Christopher telephoned Andrei Kozyrev."]
        );
        assert_eq!(
            texts("Serbia demanded a meeting of the U.N. Security Council on Tuesday."),
            vec!["Serbia demanded a meeting of the U.N. Security Council on Tuesday."]
        );
    }
}
