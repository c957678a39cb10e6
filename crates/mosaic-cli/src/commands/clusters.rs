//! `mosaic clusters` and `mosaic network`: the picture across articles.

use anyhow::{Context, Result};
use mosaic_store::{ClusterFilter, ClusterRow, NetworkEdge, NetworkFilter, Outlets, Store};
use serde::Serialize;

use super::{open_store, print_json};
use crate::args::{DateArgs, ListArgs};
use crate::exit::Exit;
use crate::table::{Column, Listing, Table};
use crate::Cli;

/// The environment variable naming the analyst's outlets file.
pub const OUTLETS_ENV: &str = "MOSAIC_OUTLETS";

/// The outlet priors and ownership to grade with: the defaults, with the analyst's file over
/// them (`$MOSAIC_OUTLETS`, else `outlets.toml` beside the store) when there is one.
pub fn outlets(cli: &Cli) -> Result<Outlets> {
    let beside = cli
        .db
        .parent()
        .map(|d| d.join("outlets.toml"))
        .filter(|p| p.exists());
    let file = std::env::var_os(OUTLETS_ENV)
        .map(std::path::PathBuf::from)
        .or(beside);
    let Some(file) = file else {
        return Ok(Outlets::embedded());
    };
    let text = std::fs::read_to_string(&file)
        .with_context(|| format!("cannot read the outlets file {}", file.display()))?;
    Outlets::with_overrides(&text).map_err(|e| {
        anyhow::anyhow!(
            "the outlets file {} is not valid: {e} (see crates/mosaic-corroborate/data/outlets.toml for the format)",
            file.display()
        )
    })
}

/// Options of `mosaic clusters`.
pub struct ClusterQuery<'a> {
    pub min_reports: usize,
    pub actor: Option<&'a str>,
    pub kind: Option<&'a str>,
    pub dates: &'a DateArgs,
    pub contradicted: bool,
    pub rebuild: bool,
    pub limit: usize,
}

pub fn clusters(cli: &Cli, q: &ClusterQuery, list: &ListArgs) -> Result<Exit> {
    let mut store = open_store(cli)?;
    if q.rebuild {
        store.set_outlets(outlets(cli)?);
        store.rebuild_clusters()?;
    }
    let filter = ClusterFilter {
        min_reports: q.min_reports,
        actor: q.actor.map(str::to_string),
        event_type: q.kind.map(str::to_string),
        since: q.dates.since.clone(),
        until: q.dates.until.clone(),
        contradicted: q.contradicted,
        limit: Some(q.limit),
    };
    let rows = store.list_clusters(&filter)?;
    if cli.json {
        print_json(&ClustersJson {
            clusters: rows.iter().map(cluster_json).collect(),
        })?;
    } else {
        print!("{}", cluster_listing(&rows).render(list)?);
    }
    Ok(Exit::Success)
}

/// The JSON contract of `mosaic clusters --json` (what `score_crossdoc.py` reads).
#[derive(Serialize)]
struct ClustersJson {
    clusters: Vec<serde_json::Value>,
}

fn cluster_json(c: &ClusterRow) -> serde_json::Value {
    let name = |a: &Option<mosaic_store::ActorRef>| a.as_ref().map(|a| a.name.clone());
    let id = |a: &Option<mosaic_store::ActorRef>| a.as_ref().map(|a| a.id);
    serde_json::json!({
        "id": c.id,
        "event": {
            "source": name(&c.event.source),
            "source_id": id(&c.event.source),
            "type": c.event.event_type,
            "target": name(&c.event.target),
            "target_id": id(&c.event.target),
            "date": c.event.date,
            "window": c.window,
        },
        "reports": c.reports.iter().map(|r| serde_json::json!({
            "doc": r.doc,
            "event_id": r.event_id,
            "outlet": r.outlet,
            "published": r.published,
            "evidence": r.evidence,
            "claimant": r.claimant,
            "cites": r.cites,
            "modality": r.modality,
            "copy_of": r.copy_of,
            "counter_claim": r.counter,
            "origin": r.origin,
            "grade": r.grade,
            "grade_reason": r.grade_reason,
            "joined_because": r.join_reason,
        })).collect::<Vec<_>>(),
        "independent_origins": c.independent_origins,
        "origins": c.origins,
        "contradictions": c.contradictions.iter().map(|x| serde_json::json!({
            "kind": x.kind,
            "what": x.what,
            "between": x.between,
        })).collect::<Vec<_>>(),
        "grade": c.grade,
        "grade_reason": c.grade_reason,
    })
}

const CLUSTER_LEGEND: &str = "told: articles telling the event / their independent origins; \
grade: Admiralty source reliability A–F and information credibility 1–6 (the reason follows); \
copy: a syndicated or duplicated copy, counted once; denies: a counter-claim, no origin of the claim";

fn cluster_listing(rows: &[ClusterRow]) -> Listing<'static> {
    let mut table = Table::new(vec![
        Column::number("id"),
        Column::whole("window"),
        Column::whole("type"),
        Column::text("source", 14),
        Column::text("target", 12),
        Column::whole("told"),
        Column::whole("grade"),
    ]);
    let mut csv_rows = Vec::new();
    for c in rows {
        let window = match (&c.event.date, &c.window) {
            (Some(d), _) => d.clone(),
            (None, [Some(lo), Some(hi)]) if lo == hi => lo.clone(),
            (None, [Some(lo), Some(hi)]) => format!("{lo}…{}", &hi[5..]),
            _ => "?".into(),
        };
        let name = |a: &Option<mosaic_store::ActorRef>| {
            a.as_ref()
                .map_or_else(|| "—".to_string(), |a| a.name.clone())
        };
        let mut details: Vec<String> = c
            .reports
            .iter()
            .map(|r| {
                let mark = if r.counter {
                    " [denies]".to_string()
                } else if let Some(of) = &r.copy_of {
                    format!(" [copy of {of}]")
                } else {
                    String::new()
                };
                format!(
                    "{} {}{mark}: “{}” (origin: {})",
                    r.grade.as_deref().unwrap_or("—"),
                    r.doc,
                    r.evidence,
                    r.claimant
                )
            })
            .collect();
        details.extend(
            c.contradictions
                .iter()
                .map(|x| format!("contradiction: {}", x.what)),
        );
        if let Some(why) = &c.grade_reason {
            details.push(format!(
                "grade {}: {why}",
                c.grade.as_deref().unwrap_or("—")
            ));
        }
        table.row(
            vec![
                c.id.to_string(),
                window.clone(),
                c.event.event_type.clone(),
                name(&c.event.source),
                name(&c.event.target),
                format!("{}/{}", c.reports.len(), c.independent_origins),
                c.grade.clone().unwrap_or_else(|| "—".into()),
            ],
            details,
        );
        csv_rows.push(vec![
            c.id.to_string(),
            window,
            c.event.event_type.clone(),
            name(&c.event.source),
            name(&c.event.target),
            c.reports.len().to_string(),
            c.independent_origins.to_string(),
            c.contradictions.len().to_string(),
            c.grade.clone().unwrap_or_default(),
            c.grade_reason.clone().unwrap_or_default(),
            c.reports
                .iter()
                .map(|r| r.doc.clone())
                .collect::<Vec<_>>()
                .join("; "),
        ]);
    }
    Listing {
        table,
        legend: Some(CLUSTER_LEGEND),
        notes: Vec::new(),
        csv_headers: &[
            "id",
            "date",
            "type",
            "source",
            "target",
            "reports",
            "independent_origins",
            "contradictions",
            "grade",
            "grade_reason",
            "documents",
        ],
        csv_rows,
        empty: "(no event told by several articles; --min-reports 1 lists every event's cluster)",
    }
}

/// Options of `mosaic network`.
pub struct NetworkQuery<'a> {
    pub actor: Option<&'a str>,
    pub kind: Option<&'a str>,
    pub dates: &'a DateArgs,
    pub min_origins: usize,
    pub limit: usize,
}

pub fn network(cli: &Cli, q: &NetworkQuery, list: &ListArgs) -> Result<Exit> {
    let store: Store = open_store(cli)?;
    let mut edges = store.network(&NetworkFilter {
        since: q.dates.since.clone(),
        until: q.dates.until.clone(),
        event_type: q.kind.map(str::to_string),
        actor: q.actor.map(str::to_string),
        min_origins: q.min_origins,
    })?;
    edges.truncate(q.limit);
    if cli.json {
        print_json(&serde_json::json!({ "edges": edges }))?;
    } else {
        print!("{}", network_listing(&edges).render(list)?);
    }
    Ok(Exit::Success)
}

const NETWORK_LEGEND: &str = "events: real-world events (clusters) from source to target; vc/mc: \
verbal/material cooperation, vx/mx: verbal/material conflict (PLOVER's quad classes); score: sum \
of PLOVER conflict–cooperation scores; months: per month, cooperation+conflict";

fn network_listing(edges: &[NetworkEdge]) -> Listing<'static> {
    let mut table = Table::new(vec![
        Column::text("source", 16),
        Column::text("target", 16),
        Column::number("events"),
        Column::number("vc"),
        Column::number("mc"),
        Column::number("vx"),
        Column::number("mx"),
        Column::number("score"),
    ]);
    let mut csv_rows = Vec::new();
    for e in edges {
        let months: Vec<String> = e
            .months
            .iter()
            .map(|m| format!("{} {}+{}", m.month, m.cooperation, m.conflict))
            .collect();
        let clusters: Vec<String> = e.clusters.iter().map(|c| format!("#{c}")).collect();
        table.row(
            vec![
                e.source.name.clone(),
                e.target.name.clone(),
                e.events.to_string(),
                e.verbal_cooperation.to_string(),
                e.material_cooperation.to_string(),
                e.verbal_conflict.to_string(),
                e.material_conflict.to_string(),
                format!("{:+.1}", e.score),
            ],
            vec![format!(
                "months: {}; clusters: {}",
                months.join(", "),
                clusters.join(" ")
            )],
        );
        csv_rows.push(vec![
            e.source.id.to_string(),
            e.source.name.clone(),
            e.target.id.to_string(),
            e.target.name.clone(),
            e.events.to_string(),
            e.verbal_cooperation.to_string(),
            e.material_cooperation.to_string(),
            e.verbal_conflict.to_string(),
            e.material_conflict.to_string(),
            format!("{:.1}", e.score),
            e.origins.to_string(),
            clusters.join(" "),
        ]);
    }
    Listing {
        table,
        legend: Some(NETWORK_LEGEND),
        notes: Vec::new(),
        csv_headers: &[
            "source_id",
            "source",
            "target_id",
            "target",
            "events",
            "verbal_cooperation",
            "material_cooperation",
            "verbal_conflict",
            "material_conflict",
            "score",
            "origins",
            "clusters",
        ],
        csv_rows,
        empty: "(no events between two named actors)",
    }
}
