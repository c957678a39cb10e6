//! A document's first line: the title when it reads like one.

use mosaic_core::Document;

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
