//! Lean reads for derived indexes (the full-text search index of `mosaic-search`): what a
//! document contributes to them, and marks that change whenever the store does, so an index can
//! tell it has fallen behind.

use rusqlite::OptionalExtension;

use crate::{Store, StoreError};

/// A claim's cluster and grade: (event id, cluster, grade).
pub type ClaimGradeRow = (i64, Option<i64>, Option<String>);

/// Counters that move whenever documents, events or corrections change. An index that recorded
/// the marks it was built at is behind the store exactly when they differ.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ChangeMarks {
    pub schema_version: i64,
    pub documents: i64,
    /// Ids are never reused, so a delete followed by an add still moves this.
    pub max_document_id: i64,
    pub events: i64,
    pub max_event_id: i64,
    /// The highest correction number ever given (applied or undone; numbers are never reused).
    pub max_correction: i64,
    /// Undone corrections: `undo` moves one here without a new number.
    pub undone_corrections: i64,
    /// A checksum of every claim's cluster and grade: a new article regrades the claims of the
    /// clusters it joins, in other documents.
    #[serde(default)]
    pub grades: i64,
}

/// What one stored document gives a text index about itself.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArticleExport {
    pub id: i64,
    pub name: String,
    pub title: Option<String>,
    /// The cleaned text.
    pub text: String,
    pub outlet: Option<String>,
    pub published: Option<String>,
    pub url: Option<String>,
    pub near_duplicate_of: Option<i64>,
    /// Live actors the document mentions (after corrections), ascending.
    pub actor_ids: Vec<i64>,
}

/// An event's date period as stored: the sortable bounds `events --since/--until` compare
/// (`None` for an event with no date of its own and none from its document).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventBounds {
    pub event_id: i64,
    pub lower: Option<String>,
    pub upper: Option<String>,
}

impl Store {
    /// The store's current [`ChangeMarks`].
    pub fn change_marks(&self) -> Result<ChangeMarks, StoreError> {
        let (documents, max_document_id, events, max_event_id, applied, undone_max, undone) =
            self.conn.query_row(
                "SELECT (SELECT count(*) FROM documents), (SELECT COALESCE(max(id), 0) FROM documents),
                        (SELECT count(*) FROM events), (SELECT COALESCE(max(id), 0) FROM events),
                        (SELECT COALESCE(max(id), 0) FROM actor_overrides),
                        (SELECT COALESCE(max(id), 0) FROM undone_overrides),
                        (SELECT count(*) FROM undone_overrides)",
                [],
                |r| {
                    Ok((
                        r.get(0)?,
                        r.get(1)?,
                        r.get(2)?,
                        r.get(3)?,
                        r.get::<_, i64>(4)?,
                        r.get::<_, i64>(5)?,
                        r.get(6)?,
                    ))
                },
            )?;
        Ok(ChangeMarks {
            schema_version: self.schema_version()?,
            documents,
            max_document_id,
            events,
            max_event_id,
            max_correction: applied.max(undone_max),
            undone_corrections: undone,
            grades: self.conn.query_row(
                "SELECT COALESCE(sum((event_id % 1000003) * (cluster_id % 997 + 1)
                        * (unicode(coalesce(grade, 'Z')) * 10 + CAST(substr(coalesce(grade, 'Z0'), 2) AS INTEGER))) % 1000000007, 0)
                 FROM cluster_members",
                [],
                |r| r.get(0),
            )?,
        })
    }

    /// The claims of other documents whose grade or cluster the ingest of `doc_id` may have
    /// changed: the members of every cluster an event of `doc_id` joined.
    pub fn claims_regraded_by(&self, doc_id: i64) -> Result<Vec<i64>, StoreError> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT m.event_id FROM cluster_members m
                 WHERE m.doc_id != ?1 AND m.cluster_id IN
                       (SELECT cluster_id FROM cluster_members WHERE doc_id = ?1)",
            )?
            .query_map([doc_id], |r| r.get(0))?
            .collect::<Result<_, _>>()?)
    }

    /// Each claim's cluster and grade as they are now: (event id, cluster, grade).
    pub fn claim_grades(&self, events: &[i64]) -> Result<Vec<ClaimGradeRow>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT cluster_id, grade FROM cluster_members WHERE event_id = ?1")?;
        let mut out = Vec::with_capacity(events.len());
        for &e in events {
            let row: Option<(i64, Option<String>)> = stmt
                .query_row([e], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?;
            out.push((e, row.as_ref().map(|r| r.0), row.and_then(|r| r.1)));
        }
        Ok(out)
    }

    /// Ids of every stored document, ascending.
    pub fn document_ids(&self) -> Result<Vec<i64>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id FROM documents ORDER BY id")?;
        let ids = stmt
            .query_map([], |r| r.get(0))?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(ids)
    }

    /// Document `id` as a text index needs it, or `None` when no such document is stored.
    pub fn article_export(&self, id: i64) -> Result<Option<ArticleExport>, StoreError> {
        let found = self
            .conn
            .prepare_cached(
                "SELECT d.id, d.name, d.title, d.text, s.name, d.published, d.url, d.near_duplicate_of
                 FROM documents d LEFT JOIN sources s ON s.id = d.source_id WHERE d.id = ?1",
            )?
            .query_row([id], |r| {
                Ok(ArticleExport {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    title: r.get(2)?,
                    text: r.get(3)?,
                    outlet: r.get(4)?,
                    published: r.get(5)?,
                    url: r.get(6)?,
                    near_duplicate_of: r.get(7)?,
                    actor_ids: Vec::new(),
                })
            })
            .optional()?;
        let Some(mut article) = found else {
            return Ok(None);
        };
        let mut raw = self
            .conn
            .prepare_cached(
                "SELECT actor_id FROM doc_entities WHERE doc_id = ?1
                 UNION SELECT actor_id FROM mentions WHERE doc_id = ?1 AND actor_id IS NOT NULL",
            )?
            .query_map([id], |r| r.get::<_, i64>(0))?
            .collect::<Result<Vec<_>, _>>()?;
        for a in raw.iter_mut() {
            *a = crate::write::resolve(&self.conn, *a)?;
        }
        raw.sort_unstable();
        raw.dedup();
        article.actor_ids = raw;
        Ok(Some(article))
    }

    /// The stored date bounds of document `doc_id`'s events, by event id.
    pub fn event_bounds(&self, doc_id: i64) -> Result<Vec<EventBounds>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, date_lower, date_upper FROM events WHERE doc_id = ?1 ORDER BY idx",
        )?;
        let rows = stmt
            .query_map([doc_id], |r| {
                Ok(EventBounds {
                    event_id: r.get(0)?,
                    lower: r.get(1)?,
                    upper: r.get(2)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }
}
