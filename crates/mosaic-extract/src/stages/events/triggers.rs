//! Finding the words of a sentence that state an act.

use mosaic_core::{EventMode, EventType, Span};

use super::lexicon::{lexicon, Frame, LexEntry};
use super::view::Cx;

/// A trigger found in a sentence: which words, what act, and how its arguments are laid out.
#[derive(Clone, Debug)]
pub(crate) struct Found {
    /// First and last token of the trigger's words.
    pub first: usize,
    pub last: usize,
    /// The token that carries the parse: a verb phrase's verb, a noun phrase's head noun.
    pub head: usize,
    pub noun: bool,
    pub event_type: EventType,
    pub mode: Option<EventMode>,
    pub frame: Frame,
    /// The CAMEO code, when the act has one.
    pub cameo: Option<String>,
    /// The words as written in the lexicon or dictionary, for the rule string.
    pub words: String,
}

impl Found {
    pub fn span(&self, cx: &Cx) -> Span {
        Span::new(cx.span(self.first).start, cx.span(self.last).end)
    }

    fn from_lexicon(first: usize, e: &LexEntry) -> Found {
        Found {
            first,
            last: first + e.words.len() - 1,
            head: first + e.head_offset(),
            noun: e.noun,
            event_type: e.event_type,
            mode: e.mode,
            frame: e.frame,
            cameo: None,
            words: e.words.join(" "),
        }
    }
}

/// Every trigger of the sentence, in text order, none overlapping.
pub(crate) fn find(cx: &Cx) -> Vec<Found> {
    let mut found = Vec::new();
    let mut i = cx.range.start;
    while i < cx.range.end {
        match lexicon_match(cx, i) {
            Some(f) => {
                i = f.last + 1;
                found.push(f);
            }
            None => i += 1,
        }
    }
    found
}

/// The longest lexicon phrase starting at token `i` whose part of speech (and required object)
/// fit.
fn lexicon_match(cx: &Cx, i: usize) -> Option<Found> {
    // Words inside a name ("Islamic Revolutionary Guard Corps", "Treaty of Lausanne") are not acts.
    if cx
        .mention_at(i)
        .is_some_and(|m| cx.doc().mentions[m].text.contains(' '))
    {
        return None;
    }
    let lex = lexicon();
    let mut candidates: Vec<usize> = lex.starting_with(cx.lower(i)).to_vec();
    if cx.lemma(i) != cx.lower(i) {
        candidates.extend(lex.starting_with(cx.lemma(i)));
    }
    candidates.sort_by_key(|&c| std::cmp::Reverse(lex.entries[c].words.len()));
    candidates
        .into_iter()
        .map(|c| &lex.entries[c])
        .find(|e| fits(cx, i, e))
        .map(|e| Found::from_lexicon(i, e))
}

fn fits(cx: &Cx, i: usize, e: &LexEntry) -> bool {
    let n = e.words.len();
    if i + n > cx.range.end {
        return false;
    }
    let head = i + e.head_offset();
    let words_match = e.words.iter().enumerate().all(|(k, word)| {
        let t = i + k;
        // The head matches by lemma too ("arrested" → arrest, "talks" as written).
        cx.lower(t) == word || (t == head && cx.lemma(t) == word)
    });
    if !words_match {
        return false;
    }
    if !cx.parsed() {
        return true;
    }
    let pos_ok = if e.noun {
        cx.is_noun(head)
    } else {
        cx.is_verb(head)
    };
    pos_ok
        && e.objects.is_none_or(|list| {
            cx.children_with(head, &["dobj", "nsubjpass"])
                .into_iter()
                .any(|k| list.has(cx.lower(k), cx.lemma(k)))
        })
}
