//! Coding without the statistical model: rule tokens, and actors by position.

use mosaic_cameo::VerbDictionary;
use mosaic_core::{Document, EntityKind, Span, Token};

use super::args::{Args, Via};
use super::view::Cx;

/// Without a parse: the nearest actor before the trigger acts on the nearest actor after it.
pub(crate) fn linear_args(cx: &Cx, first: usize, last: usize) -> Args {
    let actor_at = |j: usize| cx.entity_at(j).filter(|&e| cx.kind(e) != EntityKind::Loc);
    let source = (cx.range.start..first).rev().find_map(actor_at);
    let target = (last + 1..cx.range.end).find_map(|j| actor_at(j).filter(|&e| Some(e) != source));
    Args {
        sources: source.into_iter().collect(),
        targets: target.into_iter().collect(),
        via: Via::Linear,
        inferred: false,
    }
}

/// Words and punctuation by rule, for a document the model did not parse: no tags, no
/// dependencies, each token its own head. A word the CAMEO dictionary knows as a form of a verb
/// gets that verb as its lemma ("arrested" → "arrest", "met" → "meet"), so that triggers match
/// without the model's lemmatizer; other words are their own lemma.
pub fn rule_tokens(doc: &Document) -> Vec<Token> {
    let text = &doc.text;
    let dict = VerbDictionary::embedded();
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let push = |a: usize, b: usize, out: &mut Vec<Token>| {
        let head = out.len();
        let lower = text[a..b].to_lowercase();
        // (The first entry of a form may be a phrase, "attacked and stabbed": the one-word entry
        // is the lemma.)
        let lemma = dict
            .entries_for(&lower)
            .iter()
            .map(|&e| &dict.entries[e])
            .find(|e| e.words.len() == 1)
            .map_or(lower, |e| e.words[0].clone());
        out.push(Token {
            span: Span::new(a, b),
            head,
            lemma,
            whitespace_after: text[b..].starts_with(char::is_whitespace),
            ..Token::default()
        });
    };
    for (i, c) in text.char_indices() {
        let word = c.is_alphanumeric() || c == '-' || c == '\'' && start.is_some();
        match (word, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                push(s, i, &mut out);
                start = None;
                if !c.is_whitespace() {
                    push(i, i + c.len_utf8(), &mut out);
                }
            }
            (false, None) if !c.is_whitespace() => push(i, i + c.len_utf8(), &mut out),
            _ => {}
        }
    }
    if let Some(s) = start {
        push(s, text.len(), &mut out);
    }
    out
}
