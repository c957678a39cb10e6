//! Full-text search over Mosaic's stored articles and claims.
//!
//! A [tantivy](https://docs.rs/tantivy) index kept beside the SQLite store (`mosaic.db` →
//! `mosaic.db.search/`). Two kinds of hits: **articles** (title, cleaned text, outlet, date, URL)
//! and **claims** (each stored event: its evidence sentence, PLOVER type, CAMEO code, actors,
//! modality, date, outlet, attribution chain, and later its Admiralty grade and cluster).
//! Ranking is tantivy's BM25; filters (actor, type, dates, outlet, modality, grade, copies) are
//! exact clauses that never change a score.
//!
//! Layers, so another store (PostgreSQL) can feed the same index:
//! - [`record`]: plain records ([`ArticleRecord`], [`ClaimRecord`]) — what is indexed;
//! - [`SearchIndex`]: open, add, remove, commit, [`SearchIndex::search`],
//!   [`SearchIndex::update_claim_grades`]; it never reads a store;
//! - [`store`]: records from `mosaic-store`, and keeping the index in step with it
//!   ([`store::sync`], [`store::rebuild`], [`store::StoreIndexer`] for ingest).
//!
//! The store is the source of truth: the index is derived, every commit records the store
//! marks it is current with, and an index that is behind, of another schema or unreadable is
//! updated or rebuilt, never read as if it were current.

mod docs;
mod error;
mod fields;
mod grade;
mod index;
mod query;
pub mod record;
pub mod store;

#[cfg(test)]
mod tests;

pub use error::SearchError;
pub use grade::{Grade, GradeFilter};
pub use index::{Opening, SearchIndex};
pub use query::{
    ArticleHit, ClaimHit, HitCounts, HitKind, SearchFilter, SearchQuery, SearchResults, Snippet,
};
pub use record::{ActorName, ArticleRecord, ClaimGrade, ClaimRecord, DateFrom, Period};

/// Version of the index layout. Bump it whenever fields or analysis change: an index of
/// another version is deleted and rebuilt from the store when opened.
pub const INDEX_SCHEMA_VERSION: u32 = 1;
