//! Who an article cites anywhere in its text: "Anadolu reports that …", "as reported by the TRT
//! channel", "according to the interior ministry". An unattributed sentence of the article rests
//! on these.

use std::sync::OnceLock;

use mosaic_core::Span;
use regex::Regex;

use crate::report::{ActorKey, Link};

/// A named actor of the article, where its name stands.
pub struct Named<'a> {
    pub span: Span,
    pub text: &'a str,
    pub actor: Option<ActorKey>,
}

/// The actors the text cites, once each, in text order: a name right after a citing cue, or
/// right before a verb of reporting.
pub fn cited(text: &str, names: Vec<Named<'_>>) -> Vec<Link> {
    let mut out: Vec<Link> = Vec::new();
    for n in names {
        let before = &text[..n.span.start];
        let after = &text[n.span.end..];
        if !(cue_before(before) || verb_after(after)) {
            continue;
        }
        let key = n
            .actor
            .as_ref()
            .map_or_else(|| n.text.to_lowercase(), |a| a.id.to_string());
        let seen = out.iter().any(|l| {
            l.actor
                .as_ref()
                .map_or_else(|| l.text.to_lowercase(), |a| a.id.to_string())
                == key
        });
        if !seen {
            out.push(Link {
                text: n.text.to_string(),
                actor: n.actor,
            });
        }
    }
    out
}

fn cue_before(before: &str) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(r"(?i)\b(?:according to|citing|quoting|(?:as )?reported by|cited by|told|quoted by|in an interview with|per)(?: the| a)?(?: \p{Ll}+){0,2}\s*$")
            .expect("cue pattern")
    });
    re.is_match(before)
}

fn verb_after(after: &str) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(r"^(?:['’]s)?(?: (?:news agency|agency|channel|broadcaster|daily|newspaper|television|tv))?,?(?: (?:also|earlier|later|first))? (?:reported|reports|said|says|cited|quoted|wrote|writes|announced|claimed|stated|added|confirmed)\b")
            .expect("verb pattern")
    });
    re.is_match(after)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cues_and_verbs() {
        assert!(cue_before("As reported by the "));
        assert!(cue_before("the arrests, according to "));
        assert!(cue_before("citing the state broadcaster "));
        assert!(!cue_before("the minister met "));
        assert!(verb_after(" reports that after four days"));
        assert!(verb_after(" news agency reported on Monday"));
        assert!(verb_after("'s channel said"));
        assert!(!verb_after(" detained 33 people"));
    }
}
