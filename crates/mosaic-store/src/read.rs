//! Reading: lookups, listings, and rebuilding documents.

use mosaic_core::{
    fold_key, ArticleMeta, Attribution, DateAnchor, Diagnostic, Document, Entity, EntityKind,
    Event, Mention, OffsetMap, Role, Sentence, Span, TimeExpression, Token,
};
use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, Connection, OptionalExtension, Row};
use serde::de::DeserializeOwned;

use crate::corrections::parse_kind as parse_override_kind;
use crate::write::resolve;
use crate::{
    ActorDetail, ActorFilter, ActorRef, ActorSummary, AliasInfo, AttributionRow, DateSource,
    EventCounts, EventFilter, EventRow, JoinEntry, OverrideKind, OverrideRow, Pick, RoleEntry,
    Store, StoreError, StoreStats,
};

/// A token as stored: `[start, end, tag, pos, lemma, dep, head, whitespace_after]`.
type OwnedToken = (usize, usize, String, String, String, String, usize, bool);

fn parse_enum<T: DeserializeOwned>(what: &str, s: &str) -> Result<T, StoreError> {
    serde_json::from_value(serde_json::Value::String(s.to_string())).map_err(|e| {
        StoreError::Corrupt {
            what: format!("{what} '{s}'"),
            detail: e.to_string(),
        }
    })
}

fn parse_kind(s: &str) -> Result<EntityKind, StoreError> {
    EntityKind::parse(s).ok_or_else(|| StoreError::Corrupt {
        what: "entity kind".into(),
        detail: s.to_string(),
    })
}

fn json<T: DeserializeOwned>(what: &str, s: &str) -> Result<T, StoreError> {
    serde_json::from_str(s).map_err(|e| StoreError::Corrupt {
        what: what.to_string(),
        detail: e.to_string(),
    })
}

fn span(start: i64, end: i64) -> Span {
    Span {
        start: start as usize,
        end: end as usize,
    }
}

fn opt_span(start: Option<i64>, end: Option<i64>) -> Option<Span> {
    Some(span(start?, end?))
}

fn mention_count(conn: &Connection, id: i64) -> Result<i64, StoreError> {
    Ok(conn
        .prepare_cached("SELECT count(*) FROM mentions WHERE actor_id = ?1")?
        .query_row([id], |r| r.get(0))?)
}

fn live_sorted(conn: &Connection, raw: Vec<i64>) -> Result<Vec<i64>, StoreError> {
    let mut live = Vec::new();
    for id in raw {
        let id = resolve(conn, id)?;
        if !live.contains(&id) {
            live.push(id);
        }
    }
    let mut keyed = Vec::new();
    for id in live {
        keyed.push((-mention_count(conn, id)?, id));
    }
    keyed.sort_unstable();
    Ok(keyed.into_iter().map(|(_, id)| id).collect())
}

fn ids(conn: &Connection, sql: &str, arg: &str) -> Result<Vec<i64>, StoreError> {
    let mut stmt = conn.prepare_cached(sql)?;
    let out = stmt
        .query_map([arg], |r| r.get::<_, i64>(0))?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(out)
}

/// Live actors named by `query`, most mentioned first: an id (`12` or `#12`), a kb id, else actors
/// whose canonical name folds like it, else actors with such an alias.
pub(crate) fn find_actor_ids(conn: &Connection, query: &str) -> Result<Vec<i64>, StoreError> {
    let q = query.trim();
    if let Ok(id) = q.trim_start_matches('#').parse::<i64>() {
        let exists: Option<i64> = conn
            .query_row("SELECT id FROM actors WHERE id = ?1", [id], |r| r.get(0))
            .optional()?;
        if let Some(id) = exists {
            return Ok(vec![resolve(conn, id)?]);
        }
    }
    let by_kb = ids(conn, "SELECT id FROM actors WHERE kb_id = ?1", q)?;
    if !by_kb.is_empty() {
        return live_sorted(conn, by_kb);
    }
    let key = fold_key(q);
    let by_name = live_sorted(
        conn,
        ids(conn, "SELECT id FROM actors WHERE name_key = ?1", &key)?,
    )?;
    if !by_name.is_empty() {
        return Ok(by_name);
    }
    live_sorted(
        conn,
        ids(
            conn,
            "SELECT actor_id FROM actor_aliases WHERE alias_key = ?1",
            &key,
        )?,
    )
}

/// A document by id, else by name (the latest stored under that name), else by origin.
pub(crate) fn find_document_id(conn: &Connection, query: &str) -> Result<Option<i64>, StoreError> {
    let q = query.trim();
    if let Ok(id) = q.trim_start_matches('#').parse::<i64>() {
        let found: Option<i64> = conn
            .query_row("SELECT id FROM documents WHERE id = ?1", [id], |r| r.get(0))
            .optional()?;
        if found.is_some() {
            return Ok(found);
        }
    }
    for sql in [
        "SELECT max(id) FROM documents WHERE name = ?1",
        "SELECT max(id) FROM documents WHERE origin = ?1",
    ] {
        let found: Option<i64> = conn.query_row(sql, [q], |r| r.get(0))?;
        if found.is_some() {
            return Ok(found);
        }
    }
    Ok(None)
}

/// Actors with their counts. Per actor and document: its mentions (a document entity with none
/// still counts the document); per text (a document and its near-duplicate copies): the copy
/// with most mentions, so a text counts once however often it was republished.
const SUMMARY_SQL: &str = "
WITH per_doc AS (
  SELECT actor_id, doc_id, sum(n) AS n FROM (
    SELECT actor_id, doc_id, 1 AS n FROM mentions
     WHERE actor_id IS NOT NULL AND (?1 IS NULL OR actor_id = ?1)
    UNION ALL
    SELECT actor_id, doc_id, 0 FROM doc_entities WHERE ?1 IS NULL OR actor_id = ?1)
  GROUP BY actor_id, doc_id),
per_text AS (
  SELECT p.actor_id, r.root, max(p.n) AS top, sum(p.n) AS total, count(*) AS copies
  FROM per_doc p JOIN document_roots r ON r.id = p.doc_id
  GROUP BY p.actor_id, r.root),
counts AS (
  SELECT actor_id, count(*) AS texts, sum(copies) AS copies, sum(top) AS mentions,
         sum(total) AS all_mentions
  FROM per_text GROUP BY actor_id)
SELECT a.id, a.name, a.kind, a.kb_id, a.sector, a.country,
       COALESCE(c.texts, 0) AS texts, COALESCE(c.copies, 0) AS copies,
       COALESCE(c.mentions, 0) AS mentions, COALESCE(c.all_mentions, 0) AS all_mentions
FROM actors a LEFT JOIN counts c ON c.actor_id = a.id
WHERE a.merged_into IS NULL
  AND (?1 IS NULL OR a.id = ?1)
  AND (?2 IS NULL OR a.kind = ?2)
  AND (?3 IS NULL OR instr(a.name_key, ?3) > 0
       OR EXISTS (SELECT 1 FROM actor_aliases al WHERE al.actor_id = a.id AND instr(al.alias_key, ?3) > 0))
  AND COALESCE(c.texts, 0) >= ?4 AND (?5 OR COALESCE(c.texts, 0) > 0)
ORDER BY CASE WHEN ?7 THEN all_mentions ELSE mentions END DESC,
         CASE WHEN ?7 THEN copies ELSE texts END DESC, a.name, a.id
LIMIT ?6";

/// One summary row before its aliases are fetched.
type SummaryRow = (
    i64,
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    [i64; 4],
);

fn summaries(
    conn: &Connection,
    id: Option<i64>,
    f: &ActorFilter,
) -> Result<Vec<ActorSummary>, StoreError> {
    let mut stmt = conn.prepare_cached(SUMMARY_SQL)?;
    let name = f.name.as_deref().map(fold_key).filter(|k| !k.is_empty());
    let limit = f.limit.map(|l| l as i64).unwrap_or(-1);
    let rows = stmt
        .query_map(
            params![
                id,
                f.kind.map(|k| k.as_str()),
                name,
                f.min_texts as i64,
                f.include_empty || id.is_some(),
                limit,
                f.count_copies
            ],
            |r| -> rusqlite::Result<SummaryRow> {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    [r.get(6)?, r.get(7)?, r.get(8)?, r.get(9)?],
                ))
            },
        )?
        .collect::<Result<Vec<_>, _>>()?;
    let mut out = Vec::with_capacity(rows.len());
    for (id, name, kind, kb_id, sector, country, [texts, copies, mentions, all]) in rows {
        let aliases = aliases(conn, id)?.into_iter().map(|a| a.alias).collect();
        out.push(ActorSummary {
            id,
            name,
            kind: parse_kind(&kind)?,
            kb_id,
            sector,
            country,
            texts: texts as usize,
            copies: copies as usize,
            mentions: mentions as usize,
            mentions_in_copies: all as usize,
            aliases,
        });
    }
    Ok(out)
}

fn aliases(conn: &Connection, id: i64) -> Result<Vec<AliasInfo>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT al.alias, al.first_doc, d.name FROM actor_aliases al LEFT JOIN documents d ON d.id = al.first_doc
         WHERE al.actor_id = ?1 ORDER BY al.first_doc NULLS LAST, al.alias",
    )?;
    let out = stmt
        .query_map([id], |r| {
            Ok(AliasInfo {
                alias: r.get(0)?,
                first_doc: r.get(1)?,
                first_doc_name: r.get(2)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(out)
}

fn actor_ref(id: Option<i64>, name: Option<String>) -> Option<ActorRef> {
    Some(ActorRef {
        id: id?,
        name: name?,
    })
}

/// How [`event_where`] treats the date filter.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Dates {
    /// As the filter says.
    Filter,
    /// Only the undated events the filter's date bounds would leave out.
    HiddenUndated,
}

/// The `FROM … WHERE …` of an event query with its arguments.
fn event_where(
    conn: &Connection,
    f: &EventFilter,
    actor_ids: Option<&[i64]>,
    dates: Dates,
) -> Result<(String, Vec<Value>), StoreError> {
    let mut sql = String::from(
        " FROM events e
         JOIN documents d ON d.id = e.doc_id
         LEFT JOIN actors sa ON sa.id = e.source_actor
         LEFT JOIN actors ta ON ta.id = e.target_actor
         LEFT JOIN actors la ON la.id = e.location_actor
         WHERE 1 = 1",
    );
    let mut args: Vec<Value> = Vec::new();
    if let Some(ids) = actor_ids {
        let list = ids
            .iter()
            .map(|i| i.to_string())
            .collect::<Vec<_>>()
            .join(",");
        sql.push_str(&format!(
            " AND (e.source_actor IN ({list}) OR e.target_actor IN ({list}))"
        ));
    }
    if let Some(t) = f.event_type.as_deref() {
        args.push(Value::Text(t.trim().to_string()));
        sql.push_str(&format!(
            " AND e.event_type = ?{} COLLATE NOCASE",
            args.len()
        ));
    }
    let bounds: Vec<(&str, String)> = [
        f.since
            .as_deref()
            .map(|d| ("e.date_upper >=", d.trim().to_string())),
        f.until
            .as_deref()
            .map(|d| ("e.date_lower <=", format!("{}~", d.trim()))),
    ]
    .into_iter()
    .flatten()
    .collect();
    match (dates, bounds.is_empty(), f.include_undated) {
        (Dates::HiddenUndated, false, _) => sql.push_str(" AND e.date_lower IS NULL"),
        (Dates::HiddenUndated, true, _) => sql.push_str(" AND 0"),
        (Dates::Filter, true, _) => {}
        (Dates::Filter, false, undated) => {
            let mut within = Vec::new();
            for (cmp, value) in bounds {
                args.push(Value::Text(value));
                within.push(format!("{cmp} ?{}", args.len()));
            }
            let within = within.join(" AND ");
            sql.push_str(&if undated {
                format!(" AND (e.date_lower IS NULL OR ({within}))")
            } else {
                format!(" AND {within}")
            });
        }
    }
    if let Some(doc) = f.document.as_deref() {
        let id = find_document_id(conn, doc)?
            .ok_or_else(|| StoreError::DocumentNotFound(doc.to_string()))?;
        args.push(Value::Integer(id));
        sql.push_str(&format!(" AND e.doc_id = ?{}", args.len()));
    }
    if !f.include_near_duplicates {
        sql.push_str(" AND d.near_duplicate_of IS NULL");
    }
    Ok((sql, args))
}

fn count_events(
    conn: &Connection,
    f: &EventFilter,
    actor_ids: Option<&[i64]>,
    dates: Dates,
) -> Result<usize, StoreError> {
    let (from, args) = event_where(conn, f, actor_ids, dates)?;
    let n: i64 = conn.query_row(
        &format!("SELECT count(*){from}"),
        params_from_iter(args),
        |r| r.get(0),
    )?;
    Ok(n as usize)
}

fn event_rows(
    conn: &Connection,
    f: &EventFilter,
    actor_ids: Option<&[i64]>,
) -> Result<Vec<EventRow>, StoreError> {
    let (from, args) = event_where(conn, f, actor_ids, Dates::Filter)?;
    let mut sql = String::from(
        "SELECT e.id, e.doc_id, d.name, e.idx, e.event_type, e.mode,
                e.source_actor, sa.name, e.target_actor, ta.name, e.location_actor, la.name,
                e.modality, e.date, e.effective_date, e.date_from, e.quantities, e.trigger_text, e.evidence, e.rule,
                e.cameo, e.source_sector, e.target_sector",
    );
    sql.push_str(&from);
    let dir = if f.newest_first { "DESC" } else { "ASC" };
    sql.push_str(&format!(
        " ORDER BY e.date_lower {dir} NULLS LAST, e.doc_id {dir}, e.idx"
    ));
    if let Some(limit) = f.limit {
        sql.push_str(&format!(" LIMIT {limit}"));
    }
    let mut stmt = conn.prepare(&sql)?;
    let raw = stmt
        .query_map(params_from_iter(args), raw_event)?
        .collect::<Result<Vec<_>, _>>()?;
    let mut out = Vec::with_capacity(raw.len());
    for r in raw {
        out.push(r.finish(conn)?);
    }
    Ok(out)
}

/// An event row before its strings are parsed and its attributions fetched.
struct RawEvent {
    row: EventRow,
    modality: String,
    date_from: Option<String>,
    quantities: String,
}

fn raw_event(r: &Row) -> rusqlite::Result<RawEvent> {
    Ok(RawEvent {
        row: EventRow {
            id: r.get(0)?,
            doc_id: r.get(1)?,
            doc_name: r.get(2)?,
            index: r.get::<_, i64>(3)? as usize,
            event_type: r.get(4)?,
            mode: r.get(5)?,
            cameo: r.get(20)?,
            source: actor_ref(r.get(6)?, r.get(7)?),
            source_sector: r.get(21)?,
            target_sector: r.get(22)?,
            target: actor_ref(r.get(8)?, r.get(9)?),
            location: actor_ref(r.get(10)?, r.get(11)?),
            cluster: None,
            modality: Default::default(),
            date: r.get(13)?,
            effective_date: r.get(14)?,
            date_from: None,
            quantities: Vec::new(),
            attribution: Vec::new(),
            trigger: r.get(17)?,
            evidence: r.get(18)?,
            rule: r.get(19)?,
        },
        modality: r.get(12)?,
        date_from: r.get(15)?,
        quantities: r.get(16)?,
    })
}

impl RawEvent {
    fn finish(self, conn: &Connection) -> Result<EventRow, StoreError> {
        let mut row = self.row;
        row.modality = parse_enum("modality", &self.modality)?;
        row.date_from = match self.date_from.as_deref() {
            Some("event") => Some(DateSource::Event),
            Some("document") => Some(DateSource::Document),
            _ => None,
        };
        row.quantities = json("event quantities", &self.quantities)?;
        row.cluster = crate::clusters_read::event_cluster(conn, row.id)?;
        let mut stmt = conn.prepare_cached(
            "SELECT ea.text, ea.actor_id, a.name FROM event_attributions ea LEFT JOIN actors a ON a.id = ea.actor_id
             WHERE ea.event_id = ?1 ORDER BY ea.ordinal",
        )?;
        row.attribution = stmt
            .query_map([row.id], |r| {
                Ok(AttributionRow {
                    text: r.get(0)?,
                    actor: actor_ref(r.get(1)?, r.get(2)?),
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(row)
    }
}

fn overrides(conn: &Connection, actor: Option<i64>) -> Result<Vec<OverrideRow>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT o.id, o.kind, o.actor_id, a.name, o.other_id, b.name, o.alias, o.created_at,
                o.reason, o.forced
         FROM actor_overrides o JOIN actors a ON a.id = o.actor_id JOIN actors b ON b.id = o.other_id
         WHERE ?1 IS NULL OR o.actor_id = ?1 OR o.other_id = ?1 ORDER BY o.id",
    )?;
    let rows = stmt
        .query_map([actor], |r| {
            Ok((
                r.get::<_, String>(1)?,
                OverrideRow {
                    id: r.get(0)?,
                    kind: OverrideKind::Merge,
                    actor: ActorRef {
                        id: r.get(2)?,
                        name: r.get(3)?,
                    },
                    other: ActorRef {
                        id: r.get(4)?,
                        name: r.get(5)?,
                    },
                    alias: r.get(6)?,
                    created_at: r.get(7)?,
                    reason: r.get(8)?,
                    forced: r.get(9)?,
                    undone_at: None,
                },
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    rows.into_iter()
        .map(|(kind, mut row)| {
            row.kind = parse_override_kind(&kind)?;
            Ok(row)
        })
        .collect()
}

impl Store {
    /// Every stored document's simhash, for the caller's near-duplicate search.
    pub fn simhashes(&self) -> Result<Vec<(i64, u64)>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, simhash FROM documents ORDER BY id")?;
        let out = stmt
            .query_map([], |r| {
                Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)? as u64))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(out)
    }

    /// Live actors matching `filter`, most mentioned first.
    pub fn list_actors(&self, filter: &ActorFilter) -> Result<Vec<ActorSummary>, StoreError> {
        summaries(&self.conn, None, filter)
    }

    /// Ids of the live actors `query` names (id, `#id`, kb id, name, else alias), most mentioned first.
    pub fn find_actors(&self, query: &str) -> Result<Vec<i64>, StoreError> {
        find_actor_ids(&self.conn, query)
    }

    /// Everything about the actor `name_or_id` names (an id, kb id, name or alias; when a name
    /// fits several actors, the most mentioned one). Absorbed actors lead to their survivor.
    pub fn actor_detail(&self, name_or_id: &str) -> Result<Option<ActorDetail>, StoreError> {
        let Some(&id) = find_actor_ids(&self.conn, name_or_id)?.first() else {
            return Ok(None);
        };
        self.actor_dossier(id, true)
    }

    /// Everything about live actor `id`; its acts leave out near-duplicate copies unless
    /// `include_duplicates`.
    pub fn actor_dossier(
        &self,
        id: i64,
        include_duplicates: bool,
    ) -> Result<Option<ActorDetail>, StoreError> {
        let conn = &self.conn;
        let Some(summary) = summaries(conn, Some(id), &ActorFilter::default())?
            .into_iter()
            .next()
        else {
            return Ok(None);
        };
        let created_by: String =
            conn.query_row("SELECT created_by FROM actors WHERE id = ?1", [id], |r| {
                r.get(0)
            })?;

        let mut stmt = conn.prepare_cached(
            "SELECT r.title, r.org_actor, oa.name, r.status, r.as_of, r.doc_id, d.name, COALESCE(d.anchor_date, d.published),
                    r.evidence, r.sentence, r.rule
             FROM roles r JOIN documents d ON d.id = r.doc_id LEFT JOIN actors oa ON oa.id = r.org_actor
             WHERE r.person_actor = ?1
             ORDER BY r.as_of IS NULL, r.as_of, COALESCE(d.anchor_date, d.published) NULLS LAST, r.doc_id, r.idx",
        )?;
        let raw_roles = stmt
            .query_map([id], |r| {
                Ok((
                    r.get::<_, String>(3)?,
                    RoleEntry {
                        title: r.get(0)?,
                        org: actor_ref(r.get(1)?, r.get(2)?),
                        status: mosaic_core::RoleStatus::Current,
                        as_of: r.get(4)?,
                        doc_id: r.get(5)?,
                        doc_name: r.get(6)?,
                        doc_date: r.get(7)?,
                        evidence: r.get(8)?,
                        sentence: r.get(9)?,
                        rule: r.get(10)?,
                    },
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        let mut roles = Vec::with_capacity(raw_roles.len());
        for (status, mut role) in raw_roles {
            role.status = parse_enum("role status", &status)?;
            roles.push(role);
        }

        let events = event_rows(
            conn,
            &EventFilter {
                include_near_duplicates: include_duplicates,
                ..Default::default()
            },
            Some(&[id]),
        )?;
        let (as_source, as_target): (Vec<_>, Vec<_>) = events
            .into_iter()
            .partition(|e| e.source.as_ref().is_some_and(|s| s.id == id));
        // An event with the actor on both sides is listed under both.
        let mut as_target = as_target;
        as_target.extend(
            as_source
                .iter()
                .filter(|e| e.target.as_ref().is_some_and(|t| t.id == id))
                .cloned(),
        );
        as_target.sort_by_key(|e| e.id);

        let mut stmt = conn.prepare_cached(
            "SELECT de.doc_id, d.name, de.name, de.join_reason FROM doc_entities de JOIN documents d ON d.id = de.doc_id
             WHERE de.actor_id = ?1 ORDER BY de.doc_id, de.idx",
        )?;
        let joins = stmt
            .query_map([id], |r| {
                Ok(JoinEntry {
                    doc_id: r.get(0)?,
                    doc_name: r.get(1)?,
                    entity_name: r.get(2)?,
                    reason: r.get(3)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;

        Ok(Some(ActorDetail {
            summary,
            created_by,
            aliases: aliases(conn, id)?,
            roles,
            as_source,
            as_target,
            joins,
            overrides: overrides(conn, Some(id))?,
        }))
    }

    /// Events matching `filter` in date order (see [`EventFilter`] for how dates compare).
    ///
    /// `filter.actor` must name exactly one actor (the rule of [`Store::pick_actor`]); a name
    /// several actors share is an error listing them, never a silent choice.
    pub fn list_events(&self, filter: &EventFilter) -> Result<Vec<EventRow>, StoreError> {
        let actor_ids = self.filter_actor(filter)?;
        event_rows(&self.conn, filter, actor_ids.as_deref())
    }

    /// How many events `filter` matches before its limit, and how many it leaves out for being
    /// undated (under a date filter) or near-duplicate copies.
    pub fn event_counts(&self, filter: &EventFilter) -> Result<EventCounts, StoreError> {
        let conn = &self.conn;
        let ids = self.filter_actor(filter)?;
        let ids = ids.as_deref();
        let matching = count_events(conn, filter, ids, Dates::Filter)?;
        let undated_hidden = if filter.include_undated {
            0
        } else {
            count_events(conn, filter, ids, Dates::HiddenUndated)?
        };
        let copies_hidden = if filter.include_near_duplicates {
            0
        } else {
            let all = EventFilter {
                include_near_duplicates: true,
                ..filter.clone()
            };
            count_events(conn, &all, ids, Dates::Filter)? - matching
        };
        Ok(EventCounts {
            matching,
            undated_hidden,
            copies_hidden,
        })
    }

    fn filter_actor(&self, filter: &EventFilter) -> Result<Option<Vec<i64>>, StoreError> {
        let Some(q) = filter.actor.as_deref() else {
            return Ok(None);
        };
        match find_actor_ids(&self.conn, q)?.as_slice() {
            [] => Err(StoreError::ActorNotFound(q.to_string())),
            [id] => Ok(Some(vec![*id])),
            many => Err(StoreError::AmbiguousActor {
                query: q.to_string(),
                candidates: many.iter().map(|id| format!("#{id}")).collect(),
            }),
        }
    }

    /// The actor `query` names by the one rule every command uses: an id (`12`, `#12`) or kb
    /// id; else the actors whose canonical name folds like it; else those with such an alias.
    /// Exactly one is [`Pick::One`]; several are [`Pick::Several`], most mentioned first.
    pub fn pick_actor(&self, query: &str) -> Result<Pick<ActorSummary>, StoreError> {
        let ids = find_actor_ids(&self.conn, query)?;
        let mut found = Vec::with_capacity(ids.len());
        for id in ids {
            found.extend(summaries(&self.conn, Some(id), &ActorFilter::default())?);
        }
        Ok(match found.len() {
            0 => Pick::None,
            1 => Pick::One(found.remove(0)),
            _ => Pick::Several(found),
        })
    }

    /// Every recorded analyst correction, oldest first.
    pub fn overrides(&self) -> Result<Vec<OverrideRow>, StoreError> {
        overrides(&self.conn, None)
    }

    /// The id of the document `name_or_id` names (id, else latest with that name, else origin).
    pub fn find_document(&self, name_or_id: &str) -> Result<Option<i64>, StoreError> {
        find_document_id(&self.conn, name_or_id)
    }

    /// Rebuilds the stored [`Document`] exactly as it was put.
    pub fn load_document(&self, name_or_id: &str) -> Result<Option<Document>, StoreError> {
        let conn = &self.conn;
        let Some(id) = find_document_id(conn, name_or_id)? else {
            return Ok(None);
        };
        let (meta, text, offsets, tokens, anchor) = conn.query_row(
            "SELECT d.name, d.title, d.url, s.name, d.published, d.origin, d.text, d.offsets, d.tokens,
                    d.anchor_date, d.anchor_how, d.anchor_inferred
             FROM documents d LEFT JOIN sources s ON s.id = d.source_id WHERE d.id = ?1",
            [id],
            |r| {
                let meta = ArticleMeta {
                    name: r.get(0)?,
                    title: r.get(1)?,
                    url: r.get(2)?,
                    outlet: r.get(3)?,
                    published: r.get(4)?,
                    origin: r.get(5)?,
                };
                let anchor = match r.get::<_, Option<String>>(9)? {
                    Some(date) => Some(DateAnchor {
                        date,
                        how: r.get::<_, Option<String>>(10)?.unwrap_or_default(),
                        inferred: r.get::<_, Option<bool>>(11)?.unwrap_or(false),
                    }),
                    None => None,
                };
                Ok((meta, r.get::<_, String>(6)?, r.get::<_, String>(7)?, r.get::<_, Vec<u8>>(8)?, anchor))
            },
        )?;
        let tokens =
            miniz_oxide::inflate::decompress_to_vec(&tokens).map_err(|e| StoreError::Corrupt {
                what: "tokens".into(),
                detail: format!("{e:?}"),
            })?;
        let tokens = String::from_utf8(tokens).map_err(|e| StoreError::Corrupt {
            what: "tokens".into(),
            detail: e.to_string(),
        })?;
        let compact: Vec<OwnedToken> = json("tokens", &tokens)?;
        let mut doc = Document {
            meta,
            text,
            offsets: OffsetMap {
                anchors: json("offsets", &offsets)?,
            },
            tokens: compact
                .into_iter()
                .map(
                    |(start, end, tag, pos, lemma, dep, head, whitespace_after)| Token {
                        span: Span { start, end },
                        tag,
                        pos,
                        lemma,
                        dep,
                        head,
                        whitespace_after,
                    },
                )
                .collect(),
            anchor,
            ..Default::default()
        };

        let mut stmt = conn.prepare_cached(
            "SELECT start, end, paragraph FROM sentences WHERE doc_id = ?1 ORDER BY idx",
        )?;
        doc.sentences = stmt
            .query_map([id], |r| {
                Ok(Sentence {
                    span: span(r.get(0)?, r.get(1)?),
                    paragraph: r.get::<_, i64>(2)? as usize,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;

        let mut stmt =
            conn.prepare_cached("SELECT start, end, text, kind, source, entity_idx, adjectival FROM mentions WHERE doc_id = ?1 ORDER BY idx")?;
        let rows = stmt
            .query_map([id], |r| {
                Ok((
                    span(r.get(0)?, r.get(1)?),
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, Option<i64>>(5)?,
                    r.get::<_, bool>(6)?,
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        for (span, text, kind, source, entity, adjectival) in rows {
            doc.mentions.push(Mention {
                span,
                text,
                kind: parse_kind(&kind)?,
                source: parse_enum("mention source", &source)?,
                entity: entity.map(|e| e as usize),
                adjectival,
            });
        }

        let mut stmt = conn.prepare_cached(
            "SELECT name, kind, kb_id, sector, country, aliases, mentions, reasons FROM doc_entities WHERE doc_id = ?1 ORDER BY idx",
        )?;
        let rows = stmt
            .query_map([id], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, Option<String>>(2)?,
                    r.get::<_, Option<String>>(3)?,
                    r.get::<_, Option<String>>(4)?,
                    r.get::<_, String>(5)?,
                    r.get::<_, String>(6)?,
                    r.get::<_, String>(7)?,
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        for (name, kind, kb_id, sector, country, aliases, mentions, reasons) in rows {
            doc.entities.push(Entity {
                name,
                kind: parse_kind(&kind)?,
                kb_id,
                sector,
                country,
                aliases: json("entity aliases", &aliases)?,
                mentions: json("entity mentions", &mentions)?,
                reasons: json("entity reasons", &reasons)?,
            });
        }

        let mut stmt =
            conn.prepare_cached("SELECT start, end, text, value, granularity, relative FROM times WHERE doc_id = ?1 ORDER BY idx")?;
        let rows = stmt
            .query_map([id], |r| {
                Ok((
                    span(r.get(0)?, r.get(1)?),
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, bool>(5)?,
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        for (span, text, value, granularity, relative) in rows {
            doc.times.push(TimeExpression {
                span,
                text,
                value,
                granularity: parse_enum("granularity", &granularity)?,
                relative,
            });
        }

        let mut stmt = conn.prepare_cached(
            "SELECT person_idx, title, org_idx, status, as_of, ev_start, ev_end, rule FROM roles WHERE doc_id = ?1 ORDER BY idx",
        )?;
        let rows = stmt
            .query_map([id], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, Option<i64>>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, Option<String>>(4)?,
                    span(r.get(5)?, r.get(6)?),
                    r.get::<_, String>(7)?,
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        for (person, title, org, status, as_of, evidence, rule) in rows {
            doc.roles.push(Role {
                person: person as usize,
                title,
                org: org.map(|o| o as usize),
                status: parse_enum("role status", &status)?,
                as_of,
                evidence,
                rule,
            });
        }

        let mut stmt = conn.prepare_cached(
            "SELECT id, event_type, mode, source_idx, target_idx, modality, date, location_idx, quantities,
                    sent_start, sent_end, trig_start, trig_end, rule, cameo, source_sector, target_sector
             FROM events WHERE doc_id = ?1 ORDER BY idx",
        )?;
        type RawEv = (
            i64,
            String,
            Option<String>,
            Option<i64>,
            Option<i64>,
            String,
            Option<String>,
            Option<i64>,
            String,
            Span,
            Span,
            String,
            [Option<String>; 3],
        );
        let rows: Vec<RawEv> = stmt
            .query_map([id], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                    r.get(7)?,
                    r.get(8)?,
                    span(r.get(9)?, r.get(10)?),
                    span(r.get(11)?, r.get(12)?),
                    r.get(13)?,
                    [r.get(14)?, r.get(15)?, r.get(16)?],
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        let mut attr =
            conn.prepare_cached("SELECT text, entity_idx, start, end FROM event_attributions WHERE event_id = ?1 ORDER BY ordinal")?;
        for (
            event_id,
            event_type,
            mode,
            source,
            target,
            modality,
            date,
            location,
            quantities,
            sentence,
            trigger,
            rule,
            [cameo, source_sector, target_sector],
        ) in rows
        {
            let attribution = attr
                .query_map([event_id], |r| {
                    Ok(Attribution {
                        text: r.get(0)?,
                        entity: r.get::<_, Option<i64>>(1)?.map(|e| e as usize),
                        span: opt_span(r.get(2)?, r.get(3)?),
                    })
                })?
                .collect::<Result<Vec<_>, _>>()?;
            doc.events.push(Event {
                event_type: parse_enum("event type", &event_type)?,
                mode: mode.map(|m| parse_enum("event mode", &m)).transpose()?,
                cameo,
                source: source.map(|x| x as usize),
                source_sector,
                target_sector,
                target: target.map(|x| x as usize),
                modality: parse_enum("modality", &modality)?,
                attribution,
                date,
                location: location.map(|x| x as usize),
                quantities: json("event quantities", &quantities)?,
                sentence,
                trigger,
                rule,
            });
        }

        let mut stmt = conn.prepare_cached("SELECT stage, severity, message, start, end FROM diagnostics WHERE doc_id = ?1 ORDER BY idx")?;
        let rows = stmt
            .query_map([id], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    opt_span(r.get(3)?, r.get(4)?),
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        for (stage, severity, message, span) in rows {
            doc.diagnostics.push(Diagnostic {
                stage,
                severity: parse_enum("severity", &severity)?,
                message,
                span,
            });
        }
        Ok(Some(doc))
    }

    /// Row counts of every table, and the schema version.
    pub fn stats(&self) -> Result<StoreStats, StoreError> {
        let count = |sql: &str| -> Result<usize, StoreError> {
            Ok(self.conn.query_row(sql, [], |r| r.get::<_, i64>(0))? as usize)
        };
        Ok(StoreStats {
            schema_version: self.schema_version()?,
            documents: count("SELECT count(*) FROM documents")?,
            near_duplicates: count(
                "SELECT count(*) FROM documents WHERE near_duplicate_of IS NOT NULL",
            )?,
            sources: count("SELECT count(*) FROM sources")?,
            actors: count("SELECT count(*) FROM actors WHERE merged_into IS NULL")?,
            merged_actors: count("SELECT count(*) FROM actors WHERE merged_into IS NOT NULL")?,
            aliases: count("SELECT count(*) FROM actor_aliases")?,
            doc_entities: count("SELECT count(*) FROM doc_entities")?,
            mentions: count("SELECT count(*) FROM mentions")?,
            sentences: count("SELECT count(*) FROM sentences")?,
            times: count("SELECT count(*) FROM times")?,
            roles: count("SELECT count(*) FROM roles")?,
            events: count("SELECT count(*) FROM events")?,
            attributions: count("SELECT count(*) FROM event_attributions")?,
            diagnostics: count("SELECT count(*) FROM diagnostics")?,
            overrides: count("SELECT count(*) FROM actor_overrides")?,
        })
    }
}
