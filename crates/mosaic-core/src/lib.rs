//! Mosaic's document model.
//!
//! A [`Document`] holds an article's cleaned text and, as [`Span`]s into that text, every annotation
//! the pipeline stages add in order: sentences, tokens, entity mentions, resolved entities, time
//! expressions, roles, events and diagnostics. Stages never remove what an earlier stage wrote;
//! they refine it (for example actor resolution links mentions to entities).

mod document;
mod normalize;
mod span;

pub use document::*;
pub use normalize::{fold_key, strip_diacritics};
pub use span::Span;
