//! Reading what the cross-source analysis kept: clusters with their reports, origins,
//! contradictions and grades; each event's place in its cluster; the actor network.

use std::collections::BTreeMap;

use mosaic_core::{EventType, QuadClass};
use rusqlite::{params_from_iter, Connection, OptionalExtension};
use serde::Serialize;

use crate::read::find_actor_ids;
use crate::{ActorRef, EventCluster, Store, StoreError};

/// One report of a cluster's event.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ClusterReport {
    /// The document's name.
    pub doc: String,
    pub doc_id: i64,
    pub event_id: i64,
    pub outlet: Option<String>,
    pub published: Option<String>,
    pub evidence: String,
    /// Who the claim comes from, as its origin says ("government of Turkey").
    pub claimant: String,
    /// Whom the report cites, in order (its outlet first).
    pub cites: Vec<String>,
    pub modality: String,
    pub source: Option<ActorRef>,
    pub target: Option<ActorRef>,
    pub date: Option<String>,
    /// The document whose copy this report is (syndicated or near-duplicate), if any.
    pub copy_of: Option<String>,
    /// A denial: told, but no origin of the claim.
    pub counter: bool,
    pub origin: String,
    pub grade: Option<String>,
    pub grade_reason: Option<String>,
    /// Why it joined the cluster.
    pub join_reason: String,
}

/// Two reports that disagree.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ContradictionRow {
    pub kind: String,
    pub what: String,
    /// The two documents, by name.
    pub between: [String; 2],
    pub events: [i64; 2],
}

/// The event a cluster stands for.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ClusterEvent {
    pub source: Option<ActorRef>,
    #[serde(rename = "type")]
    pub event_type: String,
    pub target: Option<ActorRef>,
    pub date: Option<String>,
}

/// One real-world event and everything said of it across sources.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ClusterRow {
    pub id: i64,
    pub event: ClusterEvent,
    /// When it happened, as its reports together allow.
    pub window: [Option<String>; 2],
    pub reports: Vec<ClusterReport>,
    pub independent_origins: usize,
    pub origins: Vec<String>,
    pub contradictions: Vec<ContradictionRow>,
    pub grade: Option<String>,
    pub grade_reason: Option<String>,
}

/// Which clusters to list.
#[derive(Clone, Debug, Default)]
pub struct ClusterFilter {
    /// Clusters told by at least this many documents (default 2: shared events).
    pub min_reports: usize,
    /// An actor (id, kb id, name or alias) as source or target.
    pub actor: Option<String>,
    pub event_type: Option<String>,
    /// ISO date or prefix; compared with the cluster's window.
    pub since: Option<String>,
    pub until: Option<String>,
    /// Only clusters whose reports disagree.
    pub contradicted: bool,
    pub limit: Option<usize>,
}

/// One direction of the actor network: what `source` did to `target`, over clusters (one
/// real-world event counts once however many articles tell it).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NetworkEdge {
    pub source: ActorRef,
    pub target: ActorRef,
    pub events: usize,
    /// Clusters of each quad class.
    pub verbal_cooperation: usize,
    pub material_cooperation: usize,
    pub verbal_conflict: usize,
    pub material_conflict: usize,
    /// Sum of PLOVER conflict–cooperation scores (positive: cooperation).
    pub score: f64,
    /// Independent origins summed over the edge's clusters.
    pub origins: usize,
    pub months: Vec<PairMonth>,
    /// The clusters behind the edge.
    pub clusters: Vec<i64>,
}

/// A month of one edge.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PairMonth {
    pub month: String,
    pub cooperation: usize,
    pub conflict: usize,
    pub score: f64,
}

/// Which part of the network to build.
#[derive(Clone, Debug, Default)]
pub struct NetworkFilter {
    pub since: Option<String>,
    pub until: Option<String>,
    pub event_type: Option<String>,
    pub actor: Option<String>,
    /// Keep only clusters with at least this many independent origins.
    pub min_origins: usize,
}

/// An event's cluster, as listings show it.
pub(crate) fn event_cluster(
    conn: &Connection,
    event: i64,
) -> Result<Option<EventCluster>, StoreError> {
    Ok(conn
        .prepare_cached(
            "SELECT c.id, c.reports, c.independent_origins, m.grade
             FROM cluster_members m JOIN clusters c ON c.id = m.cluster_id WHERE m.event_id = ?1",
        )?
        .query_row([event], |r| {
            Ok(EventCluster {
                id: r.get(0)?,
                reports: r.get::<_, i64>(1)? as usize,
                independent_origins: r.get::<_, i64>(2)? as usize,
                grade: r.get(3)?,
            })
        })
        .optional()?)
}

impl Store {
    /// Sets the outlet priors and ownership used from now on (new ingests, rebuilds).
    pub fn set_outlets(&mut self, outlets: mosaic_corroborate::Outlets) {
        self.outlets = outlets;
    }

    /// Clusters every stored event again from nothing, in one transaction (after the outlets
    /// file changed, or to check the incremental result).
    pub fn rebuild_clusters(&mut self) -> Result<(), StoreError> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        crate::clusters::rebuild(&tx, &self.outlets)?;
        tx.commit()?;
        Ok(())
    }

    /// The clusters `filter` selects, most independently corroborated first.
    pub fn list_clusters(&self, filter: &ClusterFilter) -> Result<Vec<ClusterRow>, StoreError> {
        let ids = self.cluster_ids(filter)?;
        ids.into_iter()
            .map(|id| self.cluster(id).map(|c| c.expect("listed cluster exists")))
            .collect()
    }

    fn cluster_ids(&self, f: &ClusterFilter) -> Result<Vec<i64>, StoreError> {
        let mut sql = String::from(
            "SELECT c.id FROM clusters c LEFT JOIN events r ON r.id = c.rep_event WHERE c.reports >= ?",
        );
        let mut args: Vec<rusqlite::types::Value> = vec![(f.min_reports.max(1) as i64).into()];
        if let Some(t) = &f.event_type {
            sql.push_str(" AND c.event_type = ?");
            args.push(t.to_uppercase().into());
        }
        if let Some(s) = &f.since {
            sql.push_str(" AND c.window_hi >= ?");
            args.push(s.clone().into());
        }
        if let Some(u) = &f.until {
            sql.push_str(" AND c.window_lo <= ?");
            args.push(format!("{u}\u{10FFFF}").into());
        }
        if f.contradicted {
            sql.push_str(" AND EXISTS (SELECT 1 FROM contradictions x WHERE x.cluster_id = c.id)");
        }
        if let Some(q) = &f.actor {
            let ids = match find_actor_ids(&self.conn, q)?.as_slice() {
                [] => return Err(StoreError::ActorNotFound(q.clone())),
                [one] => *one,
                many => {
                    return Err(StoreError::AmbiguousActor {
                        query: q.clone(),
                        candidates: many.iter().map(|id| format!("#{id}")).collect(),
                    })
                }
            };
            sql.push_str(
                " AND EXISTS (SELECT 1 FROM cluster_members m JOIN events e ON e.id = m.event_id
                   WHERE m.cluster_id = c.id AND (e.source_actor = ? OR e.target_actor = ?))",
            );
            args.push(ids.into());
            args.push(ids.into());
        }
        // Most origins first, then most reports; an event the text dates before one dated only
        // by its articles; then the latest.
        sql.push_str(
            " ORDER BY c.independent_origins DESC, c.reports DESC, (r.date IS NULL), c.window_hi DESC, c.id",
        );
        if let Some(l) = f.limit {
            sql.push_str(&format!(" LIMIT {l}"));
        }
        let mut stmt = self.conn.prepare(&sql)?;
        let ids = stmt
            .query_map(params_from_iter(args), |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        Ok(ids)
    }

    /// One cluster, whole.
    pub fn cluster(&self, id: i64) -> Result<Option<ClusterRow>, StoreError> {
        let conn = &self.conn;
        let head = conn
            .query_row(
                "SELECT c.event_type, c.window_lo, c.window_hi, c.independent_origins, c.origins,
                        c.grade, c.grade_reason, c.rep_event
                 FROM clusters c WHERE c.id = ?1",
                [id],
                |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        [r.get(1)?, r.get(2)?],
                        r.get::<_, i64>(3)? as usize,
                        r.get::<_, String>(4)?,
                        r.get(5)?,
                        r.get(6)?,
                        r.get::<_, Option<i64>>(7)?,
                    ))
                },
            )
            .optional()?;
        let Some((event_type, window, independent, origins, grade, grade_reason, rep)) = head
        else {
            return Ok(None);
        };
        let reports = cluster_reports(conn, id)?;
        let rep = reports
            .iter()
            .find(|r| Some(r.event_id) == rep)
            .or(reports.first());
        let event = ClusterEvent {
            source: rep.and_then(|r| r.source.clone()),
            event_type,
            target: rep.and_then(|r| r.target.clone()),
            date: rep.and_then(|r| r.date.clone()),
        };
        Ok(Some(ClusterRow {
            id,
            event,
            window,
            contradictions: contradictions(conn, id)?,
            reports,
            independent_origins: independent,
            origins: serde_json::from_str(&origins).unwrap_or_default(),
            grade,
            grade_reason,
        }))
    }

    /// The actor network over clusters: one edge per (source, target) pair.
    pub fn network(&self, f: &NetworkFilter) -> Result<Vec<NetworkEdge>, StoreError> {
        network(self, f)
    }
}

fn actor(conn: &Connection, id: Option<i64>) -> Result<Option<ActorRef>, StoreError> {
    let Some(id) = id else { return Ok(None) };
    let live = crate::write::resolve(conn, id)?;
    Ok(conn
        .prepare_cached("SELECT name FROM actors WHERE id = ?1")?
        .query_row([live], |r| r.get::<_, String>(0))
        .optional()?
        .map(|name| ActorRef { id: live, name }))
}

fn cluster_reports(conn: &Connection, cluster: i64) -> Result<Vec<ClusterReport>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT m.event_id, d.id, d.name, s.name, d.published, e.evidence, m.origin_label,
                m.origin_chain, e.modality, e.source_actor, e.target_actor, e.date,
                (SELECT cd.name FROM events ce JOIN documents cd ON cd.id = ce.doc_id
                  WHERE ce.id = m.copy_of AND m.copy_of != m.event_id),
                m.counter, m.origin_key, m.grade, m.grade_reason, m.join_reason
         FROM cluster_members m JOIN events e ON e.id = m.event_id
         JOIN documents d ON d.id = e.doc_id LEFT JOIN sources s ON s.id = d.source_id
         WHERE m.cluster_id = ?1 ORDER BY d.published, d.id",
    )?;
    let raw: Vec<_> = stmt
        .query_map([cluster], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, Option<String>>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, Option<String>>(6)?,
                r.get::<_, Option<String>>(7)?,
                r.get::<_, String>(8)?,
                (r.get::<_, Option<i64>>(9)?, r.get::<_, Option<i64>>(10)?),
                r.get::<_, Option<String>>(11)?,
                r.get::<_, Option<String>>(12)?,
                r.get::<_, bool>(13)?,
                r.get::<_, Option<String>>(14)?,
                (
                    r.get::<_, Option<String>>(15)?,
                    r.get::<_, Option<String>>(16)?,
                ),
                r.get::<_, String>(17)?,
            ))
        })?
        .collect::<Result<_, _>>()?;
    let mut out = Vec::with_capacity(raw.len());
    for (
        event_id,
        doc_id,
        doc,
        outlet,
        published,
        evidence,
        label,
        chain,
        modality,
        (s, t),
        date,
        copy_of,
        counter,
        key,
        (grade, why),
        join,
    ) in raw
    {
        out.push(ClusterReport {
            doc,
            doc_id,
            event_id,
            outlet,
            published,
            evidence,
            claimant: label.unwrap_or_default(),
            cites: chain
                .and_then(|c| serde_json::from_str(&c).ok())
                .unwrap_or_default(),
            modality,
            source: actor(conn, s)?,
            target: actor(conn, t)?,
            date,
            copy_of,
            counter,
            origin: key.unwrap_or_default(),
            grade,
            grade_reason: why,
            join_reason: join,
        });
    }
    Ok(out)
}

fn contradictions(conn: &Connection, cluster: i64) -> Result<Vec<ContradictionRow>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT x.kind, x.what, da.name, db.name, x.event_a, x.event_b
         FROM contradictions x
         JOIN events ea ON ea.id = x.event_a JOIN documents da ON da.id = ea.doc_id
         JOIN events eb ON eb.id = x.event_b JOIN documents db ON db.id = eb.doc_id
         WHERE x.cluster_id = ?1 ORDER BY x.id",
    )?;
    let rows = stmt
        .query_map([cluster], |r| {
            Ok(ContradictionRow {
                kind: r.get(0)?,
                what: r.get(1)?,
                between: [r.get(2)?, r.get(3)?],
                events: [r.get(4)?, r.get(5)?],
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

fn network(store: &Store, f: &NetworkFilter) -> Result<Vec<NetworkEdge>, StoreError> {
    let conn = &store.conn;
    let mut sql = String::from(
        "SELECT c.id, c.event_type, e.source_actor, e.target_actor, c.window_lo, c.independent_origins
         FROM clusters c JOIN events e ON e.id = c.rep_event
         WHERE e.target_actor IS NOT NULL AND c.independent_origins >= ?",
    );
    let mut args: Vec<rusqlite::types::Value> = vec![(f.min_origins as i64).into()];
    if let Some(t) = &f.event_type {
        sql.push_str(" AND c.event_type = ?");
        args.push(t.to_uppercase().into());
    }
    if let Some(s) = &f.since {
        sql.push_str(" AND c.window_hi >= ?");
        args.push(s.clone().into());
    }
    if let Some(u) = &f.until {
        sql.push_str(" AND c.window_lo <= ?");
        args.push(format!("{u}\u{10FFFF}").into());
    }
    let rows: Vec<(i64, String, i64, i64, Option<String>, i64)> = conn
        .prepare(&sql)?
        .query_map(params_from_iter(args), |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
            ))
        })?
        .collect::<Result<_, _>>()?;
    let only: Option<i64> = match &f.actor {
        Some(q) => match store.pick_actor(q)? {
            crate::Pick::One(a) => Some(a.id),
            crate::Pick::None => return Err(StoreError::ActorNotFound(q.clone())),
            crate::Pick::Several(many) => {
                return Err(StoreError::AmbiguousActor {
                    query: q.clone(),
                    candidates: many.iter().map(|a| format!("#{}", a.id)).collect(),
                })
            }
        },
        None => None,
    };
    let mut edges: BTreeMap<(i64, i64), NetworkEdge> = BTreeMap::new();
    for (cluster, ty, s, t, lo, origins) in rows {
        let (Some(src), Some(tgt)) = (actor(conn, Some(s))?, actor(conn, Some(t))?) else {
            continue;
        };
        if src.id == tgt.id || only.is_some_and(|a| a != src.id && a != tgt.id) {
            continue;
        }
        let Some(kind) = EventType::parse(&ty) else {
            continue;
        };
        let edge = edges
            .entry((src.id, tgt.id))
            .or_insert_with(|| NetworkEdge {
                source: src.clone(),
                target: tgt.clone(),
                events: 0,
                verbal_cooperation: 0,
                material_cooperation: 0,
                verbal_conflict: 0,
                material_conflict: 0,
                score: 0.0,
                origins: 0,
                months: Vec::new(),
                clusters: Vec::new(),
            });
        add_to_edge(edge, cluster, kind, lo.as_deref(), origins as usize);
    }
    let mut out: Vec<NetworkEdge> = edges.into_values().collect();
    out.sort_by(|a, b| b.events.cmp(&a.events).then(a.source.id.cmp(&b.source.id)));
    Ok(out)
}

fn add_to_edge(
    edge: &mut NetworkEdge,
    cluster: i64,
    kind: EventType,
    lo: Option<&str>,
    origins: usize,
) {
    edge.events += 1;
    edge.origins += origins;
    edge.clusters.push(cluster);
    let score = kind.plover_score();
    edge.score += score;
    match kind.quad() {
        Some(QuadClass::VerbalCooperation) => edge.verbal_cooperation += 1,
        Some(QuadClass::MaterialCooperation) => edge.material_cooperation += 1,
        Some(QuadClass::VerbalConflict) => edge.verbal_conflict += 1,
        Some(QuadClass::MaterialConflict) => edge.material_conflict += 1,
        None => {}
    }
    let month = lo.map_or_else(|| "undated".to_string(), |d| d.chars().take(7).collect());
    let cooperative = kind.quad().is_some_and(|q| q.is_cooperation());
    match edge.months.iter_mut().find(|m| m.month == month) {
        Some(m) => {
            m.cooperation += cooperative as usize;
            m.conflict += (!cooperative && kind.quad().is_some()) as usize;
            m.score += score;
        }
        None => {
            edge.months.push(PairMonth {
                month,
                cooperation: cooperative as usize,
                conflict: (!cooperative && kind.quad().is_some()) as usize,
                score,
            });
            edge.months.sort_by(|a, b| a.month.cmp(&b.month));
        }
    }
}
