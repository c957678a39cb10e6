//! Cross-source analysis kept in the store: every event belongs to a cluster (the reports of one
//! real-world event), with the cluster's origins, contradictions and grades.
//!
//! Clustering is incremental: a new article's events look for clusters through the index on
//! (type, source key, window), never through all pairs, and only the clusters they touch are
//! summed up again. The decisions are `mosaic-corroborate`'s; this module feeds it and keeps
//! what it decides, in the ingest's own transaction.

use std::collections::{BTreeSet, HashMap};

use chrono::NaiveDate;
use mosaic_core::{EntityKind, EventMode, EventType, Modality};
use mosaic_corroborate::{
    best_cluster, summarize, ActorKey, Candidate, Link, Outlets, Quantity, Report, Window,
};
use rusqlite::{params, Connection, OptionalExtension};

use crate::StoreError;

/// The key candidate clusters are found by: the state a party stands for, else the actor itself.
fn party_key(a: &ActorKey) -> String {
    match (
        &a.country,
        a.is_state_organ() || matches!(a.kind, EntityKind::Gpe | EntityKind::Loc),
    ) {
        (Some(c), true) => format!("state:{c}"),
        _ => format!("actor:{}", a.id),
    }
}

/// Clusters every event of a newly stored document, and sums up the clusters it touched.
pub(crate) fn cluster_document(
    conn: &Connection,
    doc_id: i64,
    outlets: &Outlets,
) -> Result<(), StoreError> {
    let ids: Vec<i64> = conn
        .prepare_cached("SELECT id FROM events WHERE doc_id = ?1 ORDER BY idx")?
        .query_map([doc_id], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    let mut touched = BTreeSet::new();
    for report in load_reports(conn, &ids)? {
        touched.insert(place_report(conn, &report)?);
    }
    for cluster in touched {
        resummarize(conn, cluster, outlets)?;
    }
    Ok(())
}

/// Puts one report in the cluster it joins, or in a new one. Returns the cluster.
fn place_report(conn: &Connection, r: &Report) -> Result<i64, StoreError> {
    let candidates = candidate_clusters(conn, r)?;
    let loaded: Vec<(i64, Vec<Report>)> = candidates
        .into_iter()
        .map(|c| Ok((c, load_reports(conn, &members_of(conn, c)?)?)))
        .collect::<Result<_, StoreError>>()?;
    let views: Vec<Candidate> = loaded
        .iter()
        .map(|(c, m)| Candidate {
            cluster: *c,
            members: m,
        })
        .collect();
    let (cluster, why) = match best_cluster(r, &views) {
        Some((c, m)) => (c, m.reasons.join("; ")),
        None => (
            new_cluster(conn, r)?,
            "first report of this event".to_string(),
        ),
    };
    conn.prepare_cached(
        "INSERT OR REPLACE INTO cluster_members (event_id, cluster_id, doc_id, join_reason)
         VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![r.event_id, cluster, r.doc_id, why])?;
    widen(conn, cluster, r)?;
    Ok(cluster)
}

/// Clusters of the same type whose source stands for the same party and whose window overlaps
/// the report's (with a day of slack each side).
fn candidate_clusters(conn: &Connection, r: &Report) -> Result<Vec<i64>, StoreError> {
    let (Some(source), Some(w)) = (&r.source, r.window) else {
        return Ok(Vec::new());
    };
    let lo = (w.lo - chrono::Duration::days(1)).to_string();
    let hi = (w.hi + chrono::Duration::days(1)).to_string();
    let mut stmt = conn.prepare_cached(
        "SELECT id FROM clusters
         WHERE event_type = ?1 AND source_key = ?2 AND window_lo <= ?3 AND window_hi >= ?4
         ORDER BY id",
    )?;
    let ids = stmt
        .query_map(
            params![r.event_type.as_str(), party_key(source), hi, lo],
            |row| row.get(0),
        )?
        .collect::<Result<_, _>>()?;
    Ok(ids)
}

fn new_cluster(conn: &Connection, r: &Report) -> Result<i64, StoreError> {
    let (lo, hi) = r.window.map(|w| w.bounds()).unzip();
    conn.prepare_cached(
        "INSERT INTO clusters (event_type, source_key, window_lo, window_hi) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![
        r.event_type.as_str(),
        r.source.as_ref().map(party_key),
        lo,
        hi
    ])?;
    Ok(conn.last_insert_rowid())
}

/// Widens a cluster's window to take in a new report's.
fn widen(conn: &Connection, cluster: i64, r: &Report) -> Result<(), StoreError> {
    let Some(w) = r.window else {
        return Ok(());
    };
    let (lo, hi) = w.bounds();
    conn.prepare_cached(
        "UPDATE clusters SET window_lo = min(coalesce(window_lo, ?2), ?2),
                             window_hi = max(coalesce(window_hi, ?3), ?3)
         WHERE id = ?1",
    )?
    .execute(params![cluster, lo, hi])?;
    Ok(())
}

fn members_of(conn: &Connection, cluster: i64) -> Result<Vec<i64>, StoreError> {
    Ok(conn
        .prepare_cached(
            "SELECT event_id FROM cluster_members WHERE cluster_id = ?1 ORDER BY event_id",
        )?
        .query_map([cluster], |r| r.get(0))?
        .collect::<Result<_, _>>()?)
}

/// Sums a cluster up again from its members: origins, contradictions, grades. A cluster left
/// with no member is removed.
pub(crate) fn resummarize(
    conn: &Connection,
    cluster: i64,
    outlets: &Outlets,
) -> Result<(), StoreError> {
    let reports = load_reports(conn, &members_of(conn, cluster)?)?;
    if reports.is_empty() {
        conn.execute("DELETE FROM clusters WHERE id = ?1", [cluster])?;
        return Ok(());
    }
    let s = summarize(&reports, outlets);
    let mut member = conn.prepare_cached(
        "UPDATE cluster_members SET copy_of = ?2, origin_key = ?3, origin_label = ?4,
                 origin_chain = ?5, counter = ?6, grade = ?7, grade_reason = ?8
         WHERE event_id = ?1",
    )?;
    for (i, r) in reports.iter().enumerate() {
        let o = &s.origins[i];
        let g = &s.report_grades[i];
        member.execute(params![
            r.event_id,
            reports[s.copy_of[i]].event_id,
            o.key,
            o.label,
            serde_json::to_string(&o.chain)?,
            r.is_denial(),
            g.code(),
            g.reason
        ])?;
    }
    conn.execute(
        "DELETE FROM contradictions WHERE cluster_id = ?1",
        [cluster],
    )?;
    let mut add = conn.prepare_cached(
        "INSERT INTO contradictions (cluster_id, kind, what, event_a, event_b) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for c in &s.contradictions {
        add.execute(params![
            cluster,
            c.kind.as_str(),
            c.what,
            reports[c.a].event_id,
            reports[c.b].event_id
        ])?;
    }
    let docs: BTreeSet<i64> = reports.iter().map(|r| r.doc_id).collect();
    let origins: Vec<&str> = s.independent.iter().map(|o| o.label.as_str()).collect();
    conn.prepare_cached(
        "UPDATE clusters SET reports = ?2, independent_origins = ?3, origins = ?4, grade = ?5,
                 grade_reason = ?6, rep_event = ?7
         WHERE id = ?1",
    )?
    .execute(params![
        cluster,
        docs.len() as i64,
        s.independent.len() as i64,
        serde_json::to_string(&origins)?,
        s.grade.code(),
        s.grade.reason,
        representative(&reports)
    ])?;
    Ok(())
}

/// The report that stands for the cluster: a telling (not a denial) with the parties most
/// reports name, dated by the text if any is.
fn representative(reports: &[Report]) -> i64 {
    let mut votes: HashMap<(Option<i64>, Option<i64>), usize> = HashMap::new();
    for r in reports.iter().filter(|r| !r.is_denial()) {
        *votes
            .entry((
                r.source.as_ref().map(|a| a.id),
                r.target.as_ref().map(|a| a.id),
            ))
            .or_default() += 1;
    }
    let best = votes
        .into_iter()
        .max_by_key(|(k, n)| (*n, std::cmp::Reverse(*k)))
        .map(|(k, _)| k);
    reports
        .iter()
        .filter(|r| !r.is_denial())
        .filter(|r| {
            Some((
                r.source.as_ref().map(|a| a.id),
                r.target.as_ref().map(|a| a.id),
            )) == best
        })
        .max_by_key(|r| (r.date.is_some(), std::cmp::Reverse(r.event_id)))
        .or(reports.first())
        .map_or(0, |r| r.event_id)
}

/// Clusters every event of the store again from nothing (after corrections, which change who
/// the actors are, or after the outlets file changed).
pub(crate) fn rebuild(conn: &Connection, outlets: &Outlets) -> Result<(), StoreError> {
    conn.execute_batch(
        "DELETE FROM contradictions; DELETE FROM cluster_members; DELETE FROM clusters;",
    )?;
    let docs: Vec<i64> = conn
        .prepare("SELECT id FROM documents ORDER BY id")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    for d in docs {
        cluster_document(conn, d, outlets)?;
    }
    Ok(())
}

/// Clusters again the events that name any of `actors` (after a correction changed who they
/// are): they leave their clusters, which are summed up again, then are placed afresh.
pub(crate) fn recluster_actors(
    conn: &Connection,
    actors: &[i64],
    outlets: &Outlets,
) -> Result<(), StoreError> {
    let list = actors
        .iter()
        .map(i64::to_string)
        .collect::<Vec<_>>()
        .join(",");
    let events: Vec<i64> = conn
        .prepare(&format!(
            "SELECT id FROM events WHERE source_actor IN ({list}) OR target_actor IN ({list})
             ORDER BY doc_id, idx"
        ))?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    let mut touched = BTreeSet::new();
    for &e in &events {
        let old: Option<i64> = conn
            .query_row(
                "SELECT cluster_id FROM cluster_members WHERE event_id = ?1",
                [e],
                |r| r.get(0),
            )
            .optional()?;
        touched.extend(old);
        conn.execute("DELETE FROM cluster_members WHERE event_id = ?1", [e])?;
    }
    for &c in &touched {
        resummarize(conn, c, outlets)?;
    }
    let mut placed = BTreeSet::new();
    for report in load_reports(conn, &events)? {
        placed.insert(place_report(conn, &report)?);
    }
    for c in placed {
        resummarize(conn, c, outlets)?;
    }
    Ok(())
}

/// The clusters the events of a document belong to (to sum up again after it is deleted).
pub(crate) fn clusters_of_document(conn: &Connection, doc_id: i64) -> Result<Vec<i64>, StoreError> {
    Ok(conn
        .prepare_cached("SELECT DISTINCT cluster_id FROM cluster_members WHERE doc_id = ?1")?
        .query_map([doc_id], |r| r.get(0))?
        .collect::<Result<_, _>>()?)
}

// ---- Reading reports ----

/// The reports of the given events, in the order given (missing events are skipped).
pub(crate) fn load_reports(
    conn: &Connection,
    event_ids: &[i64],
) -> Result<Vec<Report>, StoreError> {
    let mut out = Vec::with_capacity(event_ids.len());
    let mut doc_cites: HashMap<i64, Vec<Link>> = HashMap::new();
    let mut actors: HashMap<i64, ActorKey> = HashMap::new();
    for &id in event_ids {
        let Some(row) = event_row(conn, id)? else {
            continue;
        };
        if let std::collections::hash_map::Entry::Vacant(e) = doc_cites.entry(row.doc_id) {
            e.insert(document_cites(conn, row.doc_id, &mut actors)?);
        }
        let mut actor = |id: Option<i64>| -> Result<Option<ActorKey>, StoreError> {
            id.map(|a| actor_key(conn, a, &mut actors))
                .transpose()
                .map(Option::flatten)
        };
        let source = actor(row.source)?;
        let target = actor(row.target)?;
        let location = actor(row.location)?;
        let cites = event_cites(conn, id, &mut actors)?;
        out.push(Report {
            event_id: id,
            doc_id: row.doc_id,
            doc_name: row.doc_name,
            doc_root: row.doc_root,
            outlet: row.outlet,
            published: row.published.as_deref().and_then(parse_day),
            event_type: EventType::parse(&row.event_type).unwrap_or(EventType::Other),
            mode: row.mode.as_deref().and_then(EventMode::parse),
            trigger: row.trigger,
            source,
            target,
            location,
            modality: parse_modality(&row.modality),
            window: window_of(row.date.as_deref(), row.doc_date.as_deref()),
            date: row.date,
            quantities: row
                .quantities
                .iter()
                .filter_map(|q| Quantity::parse(q))
                .collect(),
            cites,
            doc_cites: doc_cites[&row.doc_id].clone(),
            evidence: row.evidence,
        });
    }
    Ok(out)
}

/// The act's own dates, else the week before its article's date.
fn window_of(date: Option<&str>, doc_date: Option<&str>) -> Option<Window> {
    date.and_then(Window::of_date)
        .or_else(|| doc_date.and_then(parse_day).map(Window::before_publication))
}

fn parse_day(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s.get(..10)?, "%Y-%m-%d").ok()
}

fn parse_modality(s: &str) -> Modality {
    match s {
        "alleged" => Modality::Alleged,
        "denied" => Modality::Denied,
        "planned" => Modality::Planned,
        _ => Modality::Asserted,
    }
}

struct EventData {
    doc_id: i64,
    doc_name: String,
    doc_root: i64,
    outlet: Option<String>,
    published: Option<String>,
    doc_date: Option<String>,
    event_type: String,
    mode: Option<String>,
    trigger: String,
    source: Option<i64>,
    target: Option<i64>,
    location: Option<i64>,
    modality: String,
    date: Option<String>,
    quantities: Vec<String>,
    evidence: String,
}

fn event_row(conn: &Connection, id: i64) -> Result<Option<EventData>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT e.doc_id, d.name, coalesce(r.root, d.id), s.name, d.published,
                coalesce(d.anchor_date, d.published), e.event_type, e.trigger_text,
                e.source_actor, e.target_actor, e.location_actor, e.modality, e.date,
                e.quantities, e.evidence, e.mode
         FROM events e JOIN documents d ON d.id = e.doc_id
         LEFT JOIN document_roots r ON r.id = d.id
         LEFT JOIN sources s ON s.id = d.source_id
         WHERE e.id = ?1",
    )?;
    let row = stmt
        .query_row([id], |r| {
            Ok(EventData {
                doc_id: r.get(0)?,
                doc_name: r.get(1)?,
                doc_root: r.get(2)?,
                outlet: r.get(3)?,
                published: r.get(4)?,
                doc_date: r.get(5)?,
                event_type: r.get(6)?,
                trigger: r.get(7)?,
                source: r.get(8)?,
                target: r.get(9)?,
                location: r.get(10)?,
                modality: r.get(11)?,
                date: r.get(12)?,
                quantities: serde_json::from_str(&r.get::<_, String>(13)?).unwrap_or_default(),
                evidence: r.get(14)?,
                mode: r.get(15)?,
            })
        })
        .optional()?;
    Ok(row)
}

/// The live actor (through merges) as the corroboration needs it.
fn actor_key(
    conn: &Connection,
    id: i64,
    cache: &mut HashMap<i64, ActorKey>,
) -> Result<Option<ActorKey>, StoreError> {
    let live = crate::write::resolve(conn, id)?;
    if let Some(a) = cache.get(&live) {
        return Ok(Some(a.clone()));
    }
    let mut stmt = conn.prepare_cached(
        "SELECT a.name, a.kb_id, a.kind, a.country, a.sector,
                (SELECT s.name FROM actors s WHERE s.kb_id = 'state:' || a.country)
         FROM actors a WHERE a.id = ?1",
    )?;
    let key = stmt
        .query_row([live], |r| {
            Ok(ActorKey {
                id: live,
                name: r.get(0)?,
                kb_id: r.get(1)?,
                kind: EntityKind::parse(&r.get::<_, String>(2)?).unwrap_or(EntityKind::Org),
                country: r.get(3)?,
                sector: r.get(4)?,
                state_name: r.get(5)?,
            })
        })
        .optional()?;
    if let Some(k) = &key {
        cache.insert(live, k.clone());
    }
    Ok(key)
}

/// Who an event's sentence cites: the attribution links after the outlet (those with a place
/// in the text).
fn event_cites(
    conn: &Connection,
    event: i64,
    cache: &mut HashMap<i64, ActorKey>,
) -> Result<Vec<Link>, StoreError> {
    let rows: Vec<(String, Option<i64>)> = conn
        .prepare_cached(
            "SELECT text, actor_id FROM event_attributions
             WHERE event_id = ?1 AND start IS NOT NULL ORDER BY ordinal",
        )?
        .query_map([event], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    rows.into_iter()
        .map(|(text, actor)| {
            let actor = actor
                .map(|a| actor_key(conn, a, cache))
                .transpose()?
                .flatten();
            Ok(Link { text, actor })
        })
        .collect()
}

/// Every source an article cites in any sentence, once each, in text order: the attribution
/// chains of its events, and names its text cites where no event was coded ("Anadolu reports
/// that …").
fn document_cites(
    conn: &Connection,
    doc: i64,
    cache: &mut HashMap<i64, ActorKey>,
) -> Result<Vec<Link>, StoreError> {
    let text: String = conn.query_row("SELECT text FROM documents WHERE id = ?1", [doc], |r| {
        r.get(0)
    })?;
    let rows: Vec<(usize, usize, Option<i64>)> = conn
        .prepare_cached(
            "SELECT start, end, actor_id FROM mentions
             WHERE doc_id = ?1 AND adjectival = 0 AND kind != 'LOC' ORDER BY start",
        )?
        .query_map([doc], |r| {
            Ok((
                r.get::<_, i64>(0)? as usize,
                r.get::<_, i64>(1)? as usize,
                r.get(2)?,
            ))
        })?
        .collect::<Result<_, _>>()?;
    let attributed: Vec<(usize, usize, Option<i64>)> = conn
        .prepare_cached(
            "SELECT a.start, a.end, a.actor_id FROM event_attributions a JOIN events e ON e.id = a.event_id
             WHERE e.doc_id = ?1 AND a.start IS NOT NULL",
        )?
        .query_map([doc], |r| {
            Ok((r.get::<_, i64>(0)? as usize, r.get::<_, i64>(1)? as usize, r.get(2)?))
        })?
        .collect::<Result<_, _>>()?;
    let mut names = Vec::new();
    for (start, end, actor) in rows {
        let Some(name) = text.get(start..end) else {
            continue;
        };
        let actor = actor
            .map(|a| actor_key(conn, a, cache))
            .transpose()?
            .flatten();
        names.push((start, end, name, actor));
    }
    let mut links = mosaic_corroborate::citations::cited(
        &text,
        names
            .iter()
            .map(|(s, e, n, a)| mosaic_corroborate::citations::Named {
                span: mosaic_core::Span::new(*s, *e),
                text: n,
                actor: a.clone(),
            })
            .collect(),
    );
    // The events' own attributions may name what the text cues do not ("X said" read on the
    // parse): add them, in text order.
    for (start, end, actor) in attributed {
        let actor = actor
            .map(|a| actor_key(conn, a, cache))
            .transpose()?
            .flatten();
        let known = links.iter().any(|l| match (&l.actor, &actor) {
            (Some(a), Some(b)) => a.id == b.id,
            _ => false,
        });
        if !known {
            if let Some(t) = text.get(start..end) {
                links.push(Link {
                    text: t.to_string(),
                    actor,
                });
            }
        }
    }
    Ok(links)
}
