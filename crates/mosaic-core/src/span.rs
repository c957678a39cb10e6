use serde::{Deserialize, Serialize};

/// A half-open range `[start, end)` of UTF-8 byte offsets into [`crate::Document::text`].
///
/// Both ends always fall on `char` boundaries, so `&doc.text[span.range()]` never panics for a
/// span produced by a stage. Exports that need code-point offsets (spaCy JSON) convert at the edge.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end, "span start {start} after end {end}");
        Span { start, end }
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    pub fn range(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }

    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.range()]
    }
}
