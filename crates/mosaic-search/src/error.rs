//! The crate's one error type.

use std::path::PathBuf;

/// Why an index operation failed. None of these touch the store: the index is derived data,
/// and every failure can be repaired by rebuilding it from the store.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("search index {path}: {source}")]
    Index {
        path: PathBuf,
        #[source]
        source: tantivy::TantivyError,
    },
    #[error("search index {path}: cannot {action}: {source}")]
    Io {
        path: PathBuf,
        action: &'static str,
        #[source]
        source: std::io::Error,
    },
    #[error(
        "the search index {0} is being written by another process (an ingest?); try again when it is done"
    )]
    Busy(PathBuf),
    #[error("store: {0}")]
    Store(#[from] mosaic_store::StoreError),
    #[error("not an Admiralty grade {0:?}: expected a letter A-F then a digit 1-6, e.g. B2")]
    BadGrade(String),
}
