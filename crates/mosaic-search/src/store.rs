//! The SQLite store as the index's source: records from its rows, and keeping the index in
//! step with it. The store is the truth; the index records the store's [`ChangeMarks`] with
//! every commit, so an index that fell behind (an ingest without indexing, a deletion, a
//! correction, a crash between the two commits) is noticed and brought up to date, never
//! used as if it were current.

use std::path::{Path, PathBuf};

use mosaic_store::{ChangeMarks, DateSource, EventFilter, EventRow, Store};
use serde::Serialize;

use crate::index::Opening;
use crate::record::{ActorName, ArticleRecord, ClaimGrade, ClaimRecord, DateFrom, Period};
use crate::{SearchError, SearchIndex};

/// Articles indexed between two commits during an ingest: a commit costs a few file syncs and
/// a segment, so one per article would dominate a large ingest.
pub const COMMIT_EVERY: usize = 200;

/// Where the index of the store at `db` lives: beside it, `mosaic.db` → `mosaic.db.search/`.
pub fn index_path(db: &Path) -> PathBuf {
    let mut p = db.as_os_str().to_owned();
    p.push(".search");
    PathBuf::from(p)
}

/// Why an index was rebuilt from the store rather than updated document by document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RebuildReason {
    /// Asked for (`mosaic search --reindex`).
    Requested,
    /// There was no index yet.
    NoIndex,
    /// The index was written by another version of its schema, or could not be read.
    SchemaChanged,
    /// The index does not say which state of the store it holds (an interrupted update).
    UnknownState,
    /// Analyst corrections moved mentions between actors: actor ids and names in the index
    /// may all be stale.
    CorrectionsChanged,
    /// The store's claims differ from the index's beyond added or deleted documents.
    ClaimsChanged,
}

impl RebuildReason {
    /// The reason in words, for messages.
    pub fn describe(&self) -> &'static str {
        match self {
            RebuildReason::Requested => "as asked",
            RebuildReason::NoIndex => "there was none",
            RebuildReason::SchemaChanged => "its format changed",
            RebuildReason::UnknownState => "it did not record which state of the store it holds",
            RebuildReason::CorrectionsChanged => "corrections changed actors since it was built",
            RebuildReason::ClaimsChanged => "the store's claims changed since it was built",
        }
    }
}

/// What bringing the index up to date did.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "action")]
pub enum SyncAction {
    UpToDate,
    /// Documents added to or deleted from the store since were added or removed.
    Updated {
        added: usize,
        removed: usize,
    },
    Rebuilt {
        documents: usize,
        reason: RebuildReason,
    },
}

/// The article record of stored document `doc_id`.
pub fn article_record(store: &Store, doc_id: i64) -> Result<Option<ArticleRecord>, SearchError> {
    Ok(store.article_export(doc_id)?.map(|a| ArticleRecord {
        doc_id: a.id,
        name: a.name,
        title: a.title,
        text: a.text,
        outlet: a.outlet,
        published: a.published,
        url: a.url,
        copy_of: a.near_duplicate_of,
        actor_ids: a.actor_ids,
    }))
}

fn actor(a: &Option<mosaic_store::ActorRef>) -> Option<ActorName> {
    a.as_ref().map(|a| ActorName {
        id: a.id,
        name: a.name.clone(),
    })
}

fn claim(e: EventRow, period: Option<Period>, article: &ArticleRecord) -> ClaimRecord {
    let attribution = e
        .attribution
        .iter()
        .map(|a| a.text.as_str())
        .collect::<Vec<_>>()
        .join(" → ");
    ClaimRecord {
        event_id: e.id,
        doc_id: e.doc_id,
        doc_name: e.doc_name,
        evidence: e.evidence,
        event_type: e.event_type,
        cameo: e.cameo,
        source: actor(&e.source),
        target: actor(&e.target),
        modality: e.modality,
        date: e.effective_date,
        date_from: e.date_from.map(|d| match d {
            DateSource::Event => DateFrom::Event,
            DateSource::Document => DateFrom::Document,
        }),
        period,
        outlet: article.outlet.clone(),
        attribution,
        copy_of: article.copy_of,
        grade: e
            .cluster
            .as_ref()
            .and_then(|c| c.grade.as_deref())
            .and_then(|g| g.parse().ok()),
        cluster: e.cluster.as_ref().map(|c| c.id),
    }
}

/// The claims of stored document `article`, read through the same listing `mosaic events` uses.
pub fn claim_records(
    store: &Store,
    article: &ArticleRecord,
) -> Result<Vec<ClaimRecord>, SearchError> {
    let events = store.list_events(&EventFilter {
        document: Some(format!("#{}", article.doc_id)),
        include_near_duplicates: true,
        ..Default::default()
    })?;
    let bounds = store.event_bounds(article.doc_id)?;
    let period_of = |id: i64| {
        let b = bounds.iter().find(|b| b.event_id == id)?;
        Some(Period {
            lower: b.lower.clone()?,
            upper: b.upper.clone()?,
        })
    };
    Ok(events
        .into_iter()
        .map(|e| {
            let period = period_of(e.id);
            claim(e, period, article)
        })
        .collect())
}

/// Indexes stored document `doc_id` (its article and claims), replacing what the index held
/// for it; removes it from the index when the store no longer has it. Returns the claims added.
pub fn index_document(
    index: &mut SearchIndex,
    store: &Store,
    doc_id: i64,
) -> Result<usize, SearchError> {
    index.remove_document(doc_id)?;
    let Some(article) = article_record(store, doc_id)? else {
        return Ok(0);
    };
    let claims = claim_records(store, &article)?;
    for c in &claims {
        index.add_claim(c)?;
    }
    index.add_article(&article)?;
    Ok(claims.len())
}

/// Commits, recording the store's marks only if the index now holds exactly the store's
/// documents and claims (another process may have written to the store meanwhile); otherwise
/// it records none, so the next [`sync`] looks again.
pub fn commit(index: &mut SearchIndex, store: &Store) -> Result<(), SearchError> {
    let marks = store.change_marks()?;
    index.commit(Some(&marks))?;
    let (claims, _) = index.counts()?;
    let docs = index.document_ids()?.len();
    if claims as i64 != marks.events || docs as i64 != marks.documents {
        index.commit::<ChangeMarks>(None)?;
    }
    Ok(())
}

/// Whether the index holds the store as it is now.
pub fn is_current(index: &SearchIndex, store: &Store) -> Result<bool, SearchError> {
    Ok(index.marks::<ChangeMarks>() == Some(store.change_marks()?))
}

/// Brings the index up to date with the store: nothing if it is current, documents added or
/// deleted since are added or removed, and anything else (no index, another schema, analyst
/// corrections, changed claims) rebuilds it.
pub fn sync(index: &mut SearchIndex, store: &Store) -> Result<SyncAction, SearchError> {
    let now = store.change_marks()?;
    let had: Option<ChangeMarks> = index.marks();
    if had == Some(now) {
        return Ok(SyncAction::UpToDate);
    }
    let Some(had) = had else {
        let reason = match index.opening() {
            Opening::Created => RebuildReason::NoIndex,
            Opening::Replaced => RebuildReason::SchemaChanged,
            Opening::Existing => RebuildReason::UnknownState,
        };
        return rebuild(index, store, reason);
    };
    if had.max_correction != now.max_correction
        || had.undone_corrections != now.undone_corrections
        || had.schema_version != now.schema_version
    {
        return rebuild(index, store, RebuildReason::CorrectionsChanged);
    }
    let stored: std::collections::BTreeSet<i64> = store.document_ids()?.into_iter().collect();
    let indexed = index.document_ids()?;
    let removed: Vec<i64> = indexed.difference(&stored).copied().collect();
    let added: Vec<i64> = stored.difference(&indexed).copied().collect();
    for id in &removed {
        index.remove_document(*id)?;
    }
    for id in &added {
        index_document(index, store, *id)?;
    }
    commit(index, store)?;
    if !is_current(index, store)? {
        return rebuild(index, store, RebuildReason::ClaimsChanged);
    }
    Ok(SyncAction::Updated {
        added: added.len(),
        removed: removed.len(),
    })
}

/// Empties the index and indexes every stored document again.
pub fn rebuild(
    index: &mut SearchIndex,
    store: &Store,
    reason: RebuildReason,
) -> Result<SyncAction, SearchError> {
    index.clear()?;
    let ids = store.document_ids()?;
    for id in &ids {
        index_document(index, store, *id)?;
    }
    commit(index, store)?;
    Ok(SyncAction::Rebuilt {
        documents: ids.len(),
        reason,
    })
}

/// Keeps the index of a store in step while articles are stored one by one (the ingest).
pub struct StoreIndexer {
    index: SearchIndex,
    pending: usize,
    /// Claims of earlier documents whose grade the new ones changed (they joined their
    /// clusters), refreshed at each commit.
    regraded: std::collections::BTreeSet<i64>,
    /// What opening did to bring the index up to date before the first new article.
    pub opened: SyncAction,
}

impl StoreIndexer {
    /// Opens the index beside `store` and brings it up to date; `None` for an in-memory store,
    /// which has no folder to keep an index in.
    pub fn open(store: &Store) -> Result<Option<StoreIndexer>, SearchError> {
        if store.path() == Path::new(":memory:") {
            return Ok(None);
        }
        let mut index = SearchIndex::open(&index_path(store.path()))?;
        let opened = sync(&mut index, store)?;
        Ok(Some(StoreIndexer {
            index,
            pending: 0,
            regraded: Default::default(),
            opened,
        }))
    }

    /// Indexes a document just stored, committing every [`COMMIT_EVERY`] documents.
    pub fn add(&mut self, store: &Store, doc_id: i64) -> Result<(), SearchError> {
        index_document(&mut self.index, store, doc_id)?;
        self.regraded.extend(store.claims_regraded_by(doc_id)?);
        self.pending += 1;
        if self.pending >= COMMIT_EVERY {
            self.pending = 0;
            self.commit(store)?;
        }
        Ok(())
    }

    /// Commits the new documents, then the new grades of the claims they regraded (a claim is
    /// found by the committed index only).
    fn commit(&mut self, store: &Store) -> Result<(), SearchError> {
        commit(&mut self.index, store)?;
        if self.regraded.is_empty() {
            return Ok(());
        }
        let ids: Vec<i64> = std::mem::take(&mut self.regraded).into_iter().collect();
        let grades: Vec<ClaimGrade> = store
            .claim_grades(&ids)?
            .into_iter()
            .map(|(event_id, cluster, grade)| ClaimGrade {
                event_id,
                grade: grade.and_then(|g| g.parse().ok()),
                cluster,
            })
            .collect();
        self.index.update_claim_grades(&grades)?;
        commit(&mut self.index, store)
    }

    /// Commits what is left.
    pub fn finish(mut self, store: &Store) -> Result<(), SearchError> {
        self.commit(store)
    }
}
