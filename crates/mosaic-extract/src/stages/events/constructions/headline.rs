//! A document's first line: the title when it reads like one.

use mosaic_core::{Document, Event};

use super::super::view::Cx;

/// The first line of an article when it is its title (the metadata title, or a short line with
/// no closing punctuation followed by more text). A record whose only line is its first (a wire
/// snippet, a tweet) has no headline: that line is its text.
pub(crate) fn is_headline(doc: &Document, si: usize) -> bool {
    let s = &doc.sentences[si];
    if s.paragraph != 0 || doc.sentences.iter().all(|x| x.paragraph == 0) {
        return false;
    }
    let line = doc.text[s.span.range()].trim();
    if doc.meta.title.as_deref().is_some_and(|t| t.trim() == line) {
        return true;
    }
    let Some(last) = doc.sentences.iter().rfind(|x| x.paragraph == 0) else {
        return false;
    };
    let last = doc.text[last.span.range()].trim_end();
    !last.ends_with(['.', '!', '?', '"', '”']) && last.split_whitespace().count() <= 25
}

/// A headline restates the story's main act, which the body tells with its details: a headline
/// event of a type the body also tells, by or against the same side (the same actor, or one of
/// the same state), is that telling; one the body never tells stays, told by the headline.
pub(crate) fn merge(cx: &Cx, headline: Vec<Event>, body: &mut Vec<Event>) {
    let side = |e: Option<usize>| e.map(|e| cx.state_of(cx.represented_state(e)));
    let kept: Vec<Event> = headline
        .into_iter()
        .filter(|h| {
            !body.iter().any(|b| {
                b.event_type == h.event_type
                    && (side(b.source) == side(h.source)
                        || h.target.is_some() && side(b.target) == side(h.target))
            })
        })
        .collect();
    body.splice(0..0, kept);
}
