//! Constructions by which a text gives an actor another name: a gloss in another language
//! ("the National Intelligence Organisation (Turkish: Millî İstihbarat Teşkilatı)") and a
//! "known as" clause ("usually known by its initials MIT or MİT, or simply as the Organisation").
//! Recognition reads the glosses to make each one a single name; resolution joins the names
//! each construction gives to the actor it names.

use std::sync::OnceLock;

use mosaic_core::{Mention, Span};
use regex::Regex;

/// A gloss: where its parenthesis opens, and the foreign name inside (quotes trimmed).
pub(crate) struct Gloss {
    pub open: usize,
    /// The whole parenthesis, language included.
    pub whole: Span,
    pub name: Span,
}

/// Every "(Language: NAME)" of the text.
pub(crate) fn glosses(text: &str) -> Vec<Gloss> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(
            r"\((?:in )?(?:Turkish|Persian|Farsi|Arabic|Hebrew|Russian|Azerbaijani|Azeri|Kurdish|Kurmanji|Sorani|Armenian|Georgian|Urdu|Pashto|Dari|Ukrainian|French|German|Spanish|Chinese|Greek|Kazakh|Kyrgyz|Uzbek|Tajik|Turkmen)\s*:\s*([^()\n]{1,100})\)",
        )
        .expect("gloss pattern")
    });
    re.captures_iter(text)
        .filter_map(|c| {
            let whole = c.get(0)?;
            let inner = c.get(1)?;
            let trimmed = trim_quotes(&text[inner.range()]);
            let lead = text[inner.range()].find(trimmed)?;
            let start = inner.start() + lead;
            (!trimmed.is_empty()).then(|| Gloss {
                open: whole.start(),
                whole: Span::new(whole.start(), whole.end()),
                name: Span::new(start, start + trimmed.len()),
            })
        })
        .collect()
}

fn trim_quotes(s: &str) -> &str {
    s.trim_matches(|c: char| c.is_whitespace() || "\"'“”‘’«»„".contains(c))
}

/// The mention a gloss opening at `open` glosses: the one ending just before the parenthesis.
pub(crate) fn glossed(text: &str, open: usize, mentions: &[Mention]) -> Option<usize> {
    let before = text[..open].trim_end().len();
    mentions
        .iter()
        .rposition(|m| m.span.end == before && !m.adjectival)
}

/// Pairs (named, alias) that a gloss or a "known as" clause joins, with the reason.
pub(crate) fn alias_links(text: &str, mentions: &[Mention]) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    for g in glosses(text) {
        let (Some(named), Some(alias)) = (
            glossed(text, g.open, mentions),
            mentions.iter().position(|m| m.span == g.name),
        ) else {
            continue;
        };
        out.push((
            named,
            alias,
            format!(
                "\"{}\" is its name in another language",
                mentions[alias].text
            ),
        ));
    }
    for (i, m) in mentions.iter().enumerate() {
        if m.adjectival {
            continue;
        }
        let Some(region) = known_as_region(text, m.span.end) else {
            continue;
        };
        for (j, other) in mentions.iter().enumerate() {
            if j != i && region.contains(other.span) && !other.adjectival && other.kind == m.kind {
                out.push((
                    i,
                    j,
                    format!("\"{}\" is what \"{}\" is known as", other.text, m.text),
                ));
            }
        }
    }
    out
}

/// The stretch after a name where "known as" lists its other names: from the cue to the end of
/// the clause (", is …", a semicolon, the sentence's end).
fn known_as_region(text: &str, from: usize) -> Option<Span> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(
            r"^\s*(?:\([^()\n]{0,120}\)\s*)?,?\s*(?:(?:which is|who is|usually|commonly|also|widely|better|simply|formerly|locally|officially|often)\s+)*(?:known|referred to|called|nicknamed|dubbed)\s+(?:in\s+\p{Lu}\w+\s+)?(?:as|by)\b",
        )
        .expect("known-as pattern")
    });
    let rest = &text[from..];
    let cue = re.find(rest)?;
    let tail = &rest[cue.end()..];
    let end = [
        ", is ", ", was ", ", are ", ", has ", ";", ". ", ".\n", "\n",
    ]
    .iter()
    .filter_map(|stop| tail.find(stop))
    .min()
    .unwrap_or(tail.len())
    .min(200);
    Some(Span::new(from + cue.end(), from + cue.end() + end))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glosses_and_known_as() {
        let t = "The National Intelligence Organisation (Turkish: “Millî İstihbarat Teşkilatı”), usually known by its initials MIT or MİT, is a service.";
        let g = glosses(t);
        assert_eq!(g.len(), 1);
        assert_eq!(&t[g[0].name.range()], "Millî İstihbarat Teşkilatı");
        let region = known_as_region(t, t.find(" (").unwrap()).unwrap();
        assert_eq!(&t[region.range()], " its initials MIT or MİT");
        assert!(known_as_region("Mossad said it knew", 6).is_none());
    }
}
