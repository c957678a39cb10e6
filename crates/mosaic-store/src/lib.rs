//! Mosaic's embedded SQLite store.
//!
//! One file (default `./mosaic.db`, WAL journal) holds every ingested [`Document`] with all its
//! annotations, plus the global actors those documents' entities were assigned to. Each
//! [`Store::put_document`] is one transaction: a process killed mid-ingest leaves the file as it
//! was before that article, and re-running the ingest adds what is missing and nothing twice
//! (documents are keyed by content hash).
//!
//! Actor assignment across articles is deliberately strict (see [`Store::put_document`]), and
//! analyst corrections ([`Store::merge_actors`], [`Store::split_alias`]) are recorded and replayed
//! every time actors are assigned, so they survive re-ingesting the articles.

mod clusters;
mod clusters_read;
mod corrections;
mod documents;
mod error;
mod export_rows;
mod read;
mod schema;
mod write;

#[cfg(test)]
mod tests;

use std::path::{Path, PathBuf};
use std::time::Duration;

use mosaic_core::{EntityKind, Modality, RoleStatus};
use rusqlite::Connection;
use serde::Serialize;

pub use clusters_read::{
    ClusterFilter, ClusterReport, ClusterRow, ContradictionRow, NetworkEdge, NetworkFilter,
    PairMonth,
};
pub use error::StoreError;
pub use export_rows::{ArticleExport, ChangeMarks, EventBounds};
pub use mosaic_corroborate::Outlets;
pub use schema::{APPLICATION_ID, SCHEMA_VERSION};

/// The database file used when the caller names none.
pub const DEFAULT_DB_PATH: &str = "mosaic.db";

/// How long a writer waits for another process's write transaction before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// A handle on one store file (or an in-memory store). Not `Sync`: open one per thread.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    pipeline_version: String,
    /// The outlet priors and ownership the cross-source grades are computed with.
    outlets: mosaic_corroborate::Outlets,
}

/// What [`Store::put_document`] did with an article.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum IngestOutcome {
    /// Stored as a new document.
    New { doc_id: i64 },
    /// A document with the same content hash was already stored; nothing changed.
    Unchanged { doc_id: i64 },
    /// Stored, and recorded as a near-duplicate of document `of`.
    NearDuplicate { doc_id: i64, of: i64 },
}

impl IngestOutcome {
    /// The id of the stored (or already present) document.
    pub fn doc_id(&self) -> i64 {
        match *self {
            IngestOutcome::New { doc_id }
            | IngestOutcome::Unchanged { doc_id }
            | IngestOutcome::NearDuplicate { doc_id, .. } => doc_id,
        }
    }
}

/// What a name or id given by a user picks out: exactly one thing, several candidates, or none.
///
/// Every command that takes an actor or a document goes through the same rule
/// ([`Store::pick_actor`], [`Store::pick_document`]) so that ambiguity is never settled silently.
#[derive(Clone, Debug, PartialEq)]
pub enum Pick<T> {
    One(T),
    /// Several fit equally well, most mentioned (actors) or latest (documents) first.
    Several(Vec<T>),
    None,
}

/// Which actors [`Store::list_actors`] returns.
#[derive(Clone, Debug, Default)]
pub struct ActorFilter {
    /// Keeps actors whose folded name or an alias contains this (folded) text.
    pub name: Option<String>,
    pub kind: Option<EntityKind>,
    /// Keeps actors seen in at least this many distinct texts.
    pub min_texts: usize,
    /// Also list actors no stored document mentions any more (after deletions or corrections).
    pub include_empty: bool,
    /// Order by counts over every stored copy instead of over distinct texts.
    pub count_copies: bool,
    pub limit: Option<usize>,
}

/// A global actor as listed: identity plus how much the corpus talks about it.
///
/// Near-duplicate copies of one text (syndicated wire stories) are counted once in `texts` and
/// `mentions`, so a story republished 300 times does not outweigh 20 independent ones;
/// `copies` and `mentions_in_copies` count every stored document.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ActorSummary {
    pub id: i64,
    pub name: String,
    pub kind: EntityKind,
    pub kb_id: Option<String>,
    pub sector: Option<String>,
    pub country: Option<String>,
    /// Distinct texts (a near-duplicate counts with its original) that name the actor.
    pub texts: usize,
    /// Stored documents that name the actor, near-duplicate copies included.
    pub copies: usize,
    /// Mentions in distinct texts: for each text, those of its copy that names the actor most.
    pub mentions: usize,
    /// Mentions in every stored copy.
    pub mentions_in_copies: usize,
    /// Every other name the actor goes by, in first-seen order.
    pub aliases: Vec<String>,
}

/// A pointer to an actor with its canonical name, for display.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ActorRef {
    pub id: i64,
    pub name: String,
}

/// One alias of an actor and the document it was first seen in (gone if that was deleted).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AliasInfo {
    pub alias: String,
    pub first_doc: Option<i64>,
    pub first_doc_name: Option<String>,
}

/// One role claim about a person, with the sentence that supports it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RoleEntry {
    pub title: String,
    pub org: Option<ActorRef>,
    pub status: RoleStatus,
    pub as_of: Option<String>,
    pub doc_id: i64,
    pub doc_name: String,
    /// The document's anchor (or publication) date.
    pub doc_date: Option<String>,
    /// The role's evidence span as text.
    pub evidence: String,
    /// The sentence containing the evidence.
    pub sentence: String,
    pub rule: String,
}

/// Why a document's entity was assigned to an actor.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct JoinEntry {
    pub doc_id: i64,
    pub doc_name: String,
    pub entity_name: String,
    pub reason: String,
}

/// Everything known about one actor.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ActorDetail {
    pub summary: ActorSummary,
    /// Why the actor was created ("new", or the correction that created it).
    pub created_by: String,
    pub aliases: Vec<AliasInfo>,
    /// Role claims ordered by `as_of` (undated last), then document date.
    pub roles: Vec<RoleEntry>,
    pub as_source: Vec<EventRow>,
    pub as_target: Vec<EventRow>,
    /// One line per document entity assigned to the actor, with the reason.
    pub joins: Vec<JoinEntry>,
    /// Analyst corrections involving the actor.
    pub overrides: Vec<OverrideRow>,
}

/// Which events [`Store::list_events`] returns.
///
/// Dates compare by period: an event dated `2013-10` matches `since: 2013-10-15` (the month
/// reaches that day) and `until: 2013-10-01`. An event without its own date is placed at its
/// document's anchor date, or its publication date when no anchor was found
/// ([`EventRow::date_from`] says which); events with neither never match a date filter.
#[derive(Clone, Debug, Default)]
pub struct EventFilter {
    /// Actor id, kb id, name or alias; matches events with the actor as source or target.
    pub actor: Option<String>,
    /// Event type, case-insensitive (`ARREST`).
    pub event_type: Option<String>,
    /// ISO date or prefix (`2013`, `2013-10`, `2013-10-05`).
    pub since: Option<String>,
    pub until: Option<String>,
    /// Document id or name.
    pub document: Option<String>,
    /// Include events from documents recorded as near-duplicates of another.
    pub include_near_duplicates: bool,
    /// With `since`/`until`, also keep events that have no date at all (neither their own nor
    /// their document's): a date filter cannot say whether they fall inside.
    pub include_undated: bool,
    /// Latest first instead of chronological order.
    pub newest_first: bool,
    pub limit: Option<usize>,
}

/// Where an event's effective date came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DateSource {
    /// The text dated the event itself.
    Event,
    /// No event date; the document's anchor or publication date stands in.
    Document,
}

/// One link of an event's attribution chain.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AttributionRow {
    pub text: String,
    pub actor: Option<ActorRef>,
}

/// An event as stored, with actors resolved to global actors.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EventRow {
    pub id: i64,
    pub doc_id: i64,
    pub doc_name: String,
    /// Index of the event in its document.
    pub index: usize,
    pub event_type: String,
    pub mode: Option<String>,
    /// The act's CAMEO code, where it has one.
    pub cameo: Option<String>,
    pub source: Option<ActorRef>,
    /// Sectors of generic actors ("Serb forces": MIL) standing for the source and target.
    pub source_sector: Option<String>,
    pub target_sector: Option<String>,
    pub target: Option<ActorRef>,
    pub location: Option<ActorRef>,
    /// The real-world event this report belongs to, across articles.
    pub cluster: Option<EventCluster>,
    pub modality: Modality,
    /// The event's own date, if the text gave one.
    pub date: Option<String>,
    /// The date used for ordering and filtering (see [`EventFilter`]).
    pub effective_date: Option<String>,
    pub date_from: Option<DateSource>,
    pub quantities: Vec<String>,
    pub attribution: Vec<AttributionRow>,
    pub trigger: String,
    /// The sentence stating the event.
    pub evidence: String,
    pub rule: String,
}

/// Where an event stands across sources: its cluster, how many articles and independent origins
/// tell it, and the grade of this report of it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct EventCluster {
    pub id: i64,
    /// Distinct documents that report the event.
    pub reports: usize,
    pub independent_origins: usize,
    /// This report's Admiralty grade ("B3").
    pub grade: Option<String>,
}

/// What a filtered event listing left out, so the listing can say so.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct EventCounts {
    /// Events matching the filter, before `limit`.
    pub matching: usize,
    /// Undated events a date filter left out (see [`EventFilter::include_undated`]).
    pub undated_hidden: usize,
    /// Events of near-duplicate copies left out.
    pub copies_hidden: usize,
}

/// Which documents [`Store::list_documents`] returns, oldest stored first.
#[derive(Clone, Debug, Default)]
pub struct DocumentFilter {
    /// Keeps documents whose outlet contains this text (case-insensitive).
    pub outlet: Option<String>,
    /// Publication date bounds (ISO date or prefix), as for events.
    pub since: Option<String>,
    pub until: Option<String>,
    /// With `since`/`until`, also keep documents without a publication date.
    pub include_undated: bool,
    /// Also list near-duplicate copies (by default each text is listed once, with its copies).
    pub include_duplicates: bool,
    pub limit: Option<usize>,
}

/// A stored document as listed.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DocumentRow {
    pub id: i64,
    /// The name commands accept (file name with its extension, `file.jsonl#N` for a record).
    pub name: String,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub published: Option<String>,
    pub url: Option<String>,
    /// Where it was read from.
    pub origin: String,
    pub words: usize,
    pub events: usize,
    /// The document this one is a near-duplicate copy of.
    pub copy_of: Option<i64>,
    /// Documents recorded as near-duplicate copies of this one.
    pub copies: Vec<i64>,
    pub ingested_at: String,
}

/// A document listing and what its filter left out.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct DocumentListing {
    pub documents: Vec<DocumentRow>,
    /// Documents without a publication date left out by a date filter.
    pub undated_hidden: usize,
    /// Near-duplicate copies left out (listed under their original's `copies`).
    pub copies_hidden: usize,
}

/// The kind of an analyst correction.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OverrideKind {
    /// `other` was merged into `actor`.
    Merge,
    /// `alias` was split off `actor` into the new actor `other`.
    Split,
}

/// A recorded analyst correction.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OverrideRow {
    /// The number `undo` takes.
    pub id: i64,
    pub kind: OverrideKind,
    pub actor: ActorRef,
    pub other: ActorRef,
    pub alias: Option<String>,
    /// Why the analyst made it, as they said.
    pub reason: Option<String>,
    /// Made past a safety check (two states, or known actors of different countries).
    pub forced: bool,
    pub created_at: String,
    /// When it was undone; an undone correction is history and no longer applied.
    pub undone_at: Option<String>,
}

/// An analyst's request to merge two actors (see [`Store::merge`]).
#[derive(Clone, Debug, Default)]
pub struct MergeRequest {
    /// The actor that stays (id, kb id, name or alias naming exactly one actor).
    pub keep: String,
    /// The actor that is absorbed into `keep`.
    pub absorb: String,
    pub reason: Option<String>,
    /// Merge even two states, or two known actors of different countries.
    pub force: bool,
}

/// Row counts and the schema version.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct StoreStats {
    pub schema_version: i64,
    pub documents: usize,
    pub near_duplicates: usize,
    pub sources: usize,
    /// Live actors (absorbed ones excluded).
    pub actors: usize,
    pub merged_actors: usize,
    pub aliases: usize,
    pub doc_entities: usize,
    pub mentions: usize,
    pub sentences: usize,
    pub times: usize,
    pub roles: usize,
    pub events: usize,
    pub attributions: usize,
    pub diagnostics: usize,
    pub overrides: usize,
}

impl Store {
    /// Opens (creating if needed) the store at `path` and migrates it to [`SCHEMA_VERSION`].
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| StoreError::Io {
                path: path.to_path_buf(),
                source,
            })?;
        }
        let opened = Connection::open(path).and_then(|c| {
            // Touch the file so a non-database or unreadable file fails here, with its path.
            c.query_row("SELECT count(*) FROM sqlite_master", [], |_| Ok(()))?;
            Ok(c)
        });
        let conn = opened.map_err(|source| match StoreError::from(source) {
            StoreError::Sqlite(source) => StoreError::Open {
                path: path.to_path_buf(),
                source,
            },
            other => other,
        })?;
        Store::init(conn, path.to_path_buf(), true)
    }

    /// Opens [`DEFAULT_DB_PATH`] in the working directory.
    pub fn open_default() -> Result<Store, StoreError> {
        Store::open(Path::new(DEFAULT_DB_PATH))
    }

    /// A private store that vanishes when dropped (tests, one-shot analyses).
    pub fn open_in_memory() -> Result<Store, StoreError> {
        Store::init(
            Connection::open_in_memory()?,
            PathBuf::from(":memory:"),
            false,
        )
    }

    fn init(mut conn: Connection, path: PathBuf, wal: bool) -> Result<Store, StoreError> {
        conn.busy_timeout(BUSY_TIMEOUT)?;
        if wal {
            // WAL lets readers proceed while an ingest transaction is open; with WAL,
            // synchronous=NORMAL still never corrupts the file, it can only lose the last
            // commits on power loss (not on a process kill).
            conn.pragma_update_and_check(None, "journal_mode", "WAL", |_| Ok(()))?;
            conn.pragma_update(None, "synchronous", "NORMAL")?;
            // Each ingest rewrites the same hot index pages; checkpointing every 16 MB instead
            // of 4 MB writes them back (and syncs) a quarter as often. The size limit truncates
            // the WAL after a checkpoint so it does not keep its high-water size.
            conn.pragma_update(None, "wal_autocheckpoint", 4000)?;
            conn.pragma_update(None, "journal_size_limit", 64 * 1024 * 1024)?;
        }
        conn.pragma_update(None, "foreign_keys", true)?;
        schema::migrate(&mut conn, &path)?;
        Ok(Store {
            conn,
            path,
            pipeline_version: format!("mosaic {}", env!("CARGO_PKG_VERSION")),
            outlets: mosaic_corroborate::Outlets::embedded(),
        })
    }

    /// The file this store lives in (`:memory:` for in-memory stores).
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Sets the version string recorded with every document stored from now on.
    pub fn set_pipeline_version(&mut self, version: impl Into<String>) {
        self.pipeline_version = version.into();
    }

    /// The schema version of the open file (equal to [`SCHEMA_VERSION`] once opened).
    pub fn schema_version(&self) -> Result<i64, StoreError> {
        schema::user_version(&self.conn)
    }

    /// Runs SQLite's full integrity check; `Ok(vec!["ok"])` when the file is sound.
    pub fn integrity_check(&self) -> Result<Vec<String>, StoreError> {
        let mut stmt = self.conn.prepare("PRAGMA integrity_check")?;
        let rows = stmt
            .query_map([], |r| r.get::<_, String>(0))?
            .collect::<Result<Vec<_>, _>>()?;
        let fk: i64 =
            self.conn
                .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
                    r.get(0)
                })?;
        if fk > 0 {
            return Ok(rows
                .into_iter()
                .filter(|r| r != "ok")
                .chain([format!("{fk} foreign key violations")])
                .collect());
        }
        Ok(rows)
    }
}
