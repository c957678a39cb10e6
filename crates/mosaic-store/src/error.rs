use std::path::PathBuf;

/// Everything that can go wrong in the store, phrased so the user knows what to do next.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The file was written by a newer mosaic with a schema this build does not know.
    #[error(
        "database {path} is newer than this mosaic (schema {found} > {supported}): upgrade mosaic"
    )]
    TooNew {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
    /// The file is an SQLite database, but not one mosaic created.
    #[error(
        "{path} is an SQLite database that mosaic did not create: choose another database file"
    )]
    NotMosaic { path: PathBuf },
    /// The parent directory of the database could not be created.
    #[error("cannot create the directory for database {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// SQLite could not open the file (missing permissions, a directory, a damaged header …).
    #[error("cannot open database {path}: {source}: check the path and its permissions")]
    Open {
        path: PathBuf,
        source: rusqlite::Error,
    },
    /// Another process held the write lock for longer than the busy timeout.
    #[error("database is busy (another mosaic process is writing to it): wait for it to finish, then retry")]
    Busy,
    /// A name or id matched no actor.
    #[error("no actor matches '{0}': `mosaic entities` lists the actors with their ids")]
    ActorNotFound(String),
    /// A name matched several actors where one was required.
    #[error("'{query}' matches {} actors ({}): name one by its id", candidates.len(), candidates.join(", "))]
    AmbiguousActor {
        query: String,
        candidates: Vec<String>,
    },
    /// A name or id matched no document.
    #[error("no document matches '{0}': `mosaic documents` lists them with their ids")]
    DocumentNotFound(String),
    /// An analyst correction that cannot be applied as asked.
    #[error("cannot apply correction: {0}")]
    InvalidOverride(String),
    /// A merge that is probably a slip (two states, known actors of different countries); it
    /// goes through only when forced.
    #[error("refused to merge: {0}")]
    MergeNeedsForce(String),
    /// No recorded correction has this number.
    #[error("no correction #{0}: `mosaic corrections` lists them with their numbers")]
    CorrectionNotFound(i64),
    /// The correction cannot be undone (already undone, recorded without what undoing needs,
    /// or a later correction builds on it).
    #[error("cannot undo correction #{id}: {why}")]
    CannotUndo { id: i64, why: String },
    /// The document breaks the model's invariants (a pipeline bug); nothing of it was stored.
    #[error("document '{name}' is inconsistent ({problem}); nothing was stored: this is a pipeline bug, please report it")]
    InvalidDocument { name: String, problem: String },
    /// `near_duplicate_of` names a document that is not in the store.
    #[error("near_duplicate_of points to document #{0}, which is not in the store")]
    UnknownNearDuplicate(i64),
    /// A stored value could not be decoded (the file was edited by hand or damaged).
    #[error("stored {what} is unreadable ({detail}): the database was edited outside mosaic or is damaged; re-ingest the article")]
    Corrupt { what: String, detail: String },
    /// Any other SQLite failure.
    #[error("database error: {0}")]
    Sqlite(rusqlite::Error),
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        if let rusqlite::Error::SqliteFailure(f, _) = &e {
            if matches!(
                f.code,
                rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked
            ) {
                return StoreError::Busy;
            }
        }
        StoreError::Sqlite(e)
    }
}

impl From<serde_json::Error> for StoreError {
    fn from(e: serde_json::Error) -> Self {
        StoreError::Corrupt {
            what: "JSON column".into(),
            detail: e.to_string(),
        }
    }
}
