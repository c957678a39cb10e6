//! Mosaic's sources: finds input files, reads them into articles, cleans the text and spots
//! duplicates.
//!
//! The flow is [`discover`] → [`read`] (or [`read_iter`] to stream) → [`SourceArticle`], whose
//! `cleaned` field holds the text every later stage works on plus an [`OffsetMap`] back to
//! `raw_text`. [`clean`] is usable on its own; [`dedup`] holds exact and near-duplicate detection.
//!
//! Nothing here panics on bad input: each article that cannot be read becomes a [`Rejection`]
//! with a one-line reason.

mod clean;
mod decode;
pub mod dedup;
mod discover;
mod feed;
mod html;
mod meta;
mod read;

use std::path::PathBuf;

pub use clean::{clean, looks_like_title, Cleaned};
pub use decode::{decode, Decoded};
pub use dedup::{
    content_hash, hamming, is_near_duplicate, simhash, NearDupIndex, NEAR_DUP_MAX_HAMMING,
};
pub use discover::{discover, discover_report, Discovery};
pub use meta::normalize_date;
pub use mosaic_core::{ArticleMeta, OffsetMap};
pub use read::{read, read_iter, read_with, ArticleIter};

/// Input formats Mosaic reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Plain text (`.txt`, or anything sniffed as text).
    Text,
    /// Markdown, read as text (markup is left in place).
    Markdown,
    Html,
    /// One JSON object per line (`text` or `html`, optional `title`, `url`, `outlet`, `published`).
    Jsonl,
    /// A `.json` file holding one such object, or an array of them.
    Json,
    /// RSS 0.x/1.0/2.0, Atom or JSON Feed.
    Feed,
}

impl Format {
    /// Lower-case name, as used in notes and reports.
    pub fn as_str(&self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Markdown => "markdown",
            Format::Html => "html",
            Format::Jsonl => "jsonl",
            Format::Json => "json",
            Format::Feed => "feed",
        }
    }
}

/// A file found by [`discover`], with its format and the sidecar metadata file beside it, if any.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputFile {
    pub path: PathBuf,
    pub format: Format,
    /// `NAME.meta.json` beside `NAME.ext` (`url`, `outlet`, `published`, optional `title`).
    pub sidecar: Option<PathBuf>,
}

/// One article as read from its source, before any text analysis.
#[derive(Clone, Debug)]
pub struct SourceArticle {
    pub meta: ArticleMeta,
    /// Decoded text before clean-up (for HTML and feeds: the extracted main text, title first).
    pub raw_text: String,
    pub format: Format,
    /// BLAKE3 hex digest of the cleaned text: equal hashes mean the same article re-ingested.
    pub content_hash: String,
    /// The character encoding the bytes were decoded from (`UTF-8`, `UTF-16LE`, `windows-1252` …).
    pub encoding: String,
    /// The cleaned text with its offset map back to `raw_text`, and what clean-up did.
    pub cleaned: Cleaned,
    /// What reading noticed (detected encoding, lossy decoding, sidecar use, missing fields …).
    pub notes: Vec<String>,
}

impl SourceArticle {
    /// A fresh [`mosaic_core::Document`] over the cleaned text, reading notes kept as diagnostics.
    pub fn into_document(self) -> mosaic_core::Document {
        let mut doc = mosaic_core::Document::new(self.meta, self.cleaned.text);
        doc.offsets = self.cleaned.offsets;
        for note in self.notes.into_iter().chain(self.cleaned.notes) {
            doc.diagnose("ingest", mosaic_core::Severity::Info, note, None);
        }
        doc
    }
}

/// An input (file, or record inside a file) that yields no article, and why.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Rejection {
    /// Path, with `#N` for a record or line inside a file.
    pub origin: String,
    /// One line: what is wrong and, where possible, what to do about it.
    pub reason: String,
}

impl std::fmt::Display for Rejection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.origin, self.reason)
    }
}

/// Limits that keep one bad input from exhausting memory or time.
#[derive(Clone, Debug)]
pub struct ReadOptions {
    /// Largest article text accepted, in bytes (a plain-text file, one JSONL line, one feed item).
    pub max_article_bytes: usize,
    /// Largest HTML page read; markup weighs more than its text.
    pub max_html_bytes: usize,
    /// Largest feed or `.json` file parsed (these are parsed whole, not streamed).
    pub max_feed_bytes: usize,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            max_article_bytes: 5 * 1024 * 1024,
            max_html_bytes: 20 * 1024 * 1024,
            max_feed_bytes: 50 * 1024 * 1024,
        }
    }
}
