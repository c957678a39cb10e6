//! Store listings: `entities` and `events`, as tables, CSV or JSON.

use anyhow::{Context, Result};
use mosaic_core::EntityKind;
use mosaic_store::{ActorFilter, ActorSummary, EventCounts, EventFilter, EventRow, Store};

use super::{open_store, print_json};
use crate::args::{CopyArgs, DateArgs, ListArgs};
use crate::exit::Exit;
use crate::table::{Column, Listing, Table};
use crate::{pick, Cli};

const ACTOR_LEGEND: &str = "texts: distinct texts naming the actor (near-duplicate copies count \
once); mentions: in those texts; —: no knowledge-base id";
const ACTOR_LEGEND_COPIES: &str = "copies: stored documents naming the actor, near-duplicate \
copies included; mentions: in all of them; —: no knowledge-base id";
pub const EVENT_LEGEND: &str = "~date: the article's date (the event states none); ?: no date; \
—: no named target; told: articles telling the event / their independent origins (`mosaic \
clusters`); grade: this report's Admiralty grade (source A–F, credibility 1–6); in: the \
document (`mosaic show` it); per: its outlet, then each source cited";

/// Actors most mentioned first, at most `limit`, and how many there are in all.
pub fn actors(
    store: &Store,
    kind: Option<EntityKind>,
    copies: CopyArgs,
    limit: usize,
) -> Result<(Vec<ActorSummary>, usize)> {
    let mut all = store.list_actors(&ActorFilter {
        kind,
        count_copies: copies.include_duplicates,
        ..Default::default()
    })?;
    let total = all.len();
    all.truncate(limit);
    Ok((all, total))
}

/// The actors as a listing; `total` is how many the filter matched before the limit.
pub fn actor_listing(actors: &[ActorSummary], total: usize, copies: CopyArgs) -> Listing<'static> {
    let with_copies = copies.include_duplicates;
    let mut table = Table::new(vec![
        Column::number("id"),
        Column::text("actor", 24).rank(2),
        Column::whole("type"),
        Column::text("kb id", 12),
        Column::number(if with_copies { "copies" } else { "texts" }),
        Column::number("mentions"),
        Column::text("aliases", 12).rank(0),
    ]);
    let mut csv_rows = Vec::new();
    for a in actors {
        let (docs, mentions) = if with_copies {
            (a.copies, a.mentions_in_copies)
        } else {
            (a.texts, a.mentions)
        };
        table.row(
            vec![
                a.id.to_string(),
                a.name.clone(),
                a.kind.as_str().into(),
                a.kb_id.clone().unwrap_or_else(|| "—".into()),
                docs.to_string(),
                mentions.to_string(),
                a.aliases.join(", "),
            ],
            Vec::new(),
        );
        csv_rows.push(vec![
            a.id.to_string(),
            a.name.clone(),
            a.kind.as_str().into(),
            a.kb_id.clone().unwrap_or_default(),
            a.country.clone().unwrap_or_default(),
            a.sector.clone().unwrap_or_default(),
            a.texts.to_string(),
            a.copies.to_string(),
            a.mentions.to_string(),
            a.mentions_in_copies.to_string(),
            a.aliases.join("; "),
        ]);
    }
    let mut notes = Vec::new();
    if total > actors.len() {
        notes.push(format!(
            "showing {} of {total} actors; --limit {total} lists all",
            actors.len()
        ));
    }
    Listing {
        table,
        legend: Some(if with_copies {
            ACTOR_LEGEND_COPIES
        } else {
            ACTOR_LEGEND
        }),
        notes,
        csv_headers: &[
            "id",
            "name",
            "type",
            "kb_id",
            "country",
            "sector",
            "texts",
            "copies",
            "mentions",
            "mentions_in_copies",
            "aliases",
        ],
        csv_rows,
        empty: "(no actors)",
    }
}

pub fn entities(
    cli: &Cli,
    kind: Option<&str>,
    copies: CopyArgs,
    limit: usize,
    list: &ListArgs,
) -> Result<Exit> {
    let store = open_store(cli)?;
    let kind = match kind {
        Some(k) => Some(
            EntityKind::parse(k)
                .with_context(|| format!("unknown type {k:?}; use PERSON, ORG, GPE or LOC"))?,
        ),
        None => None,
    };
    let (shown, total) = actors(&store, kind, copies, limit)?;
    if cli.json {
        print_json(&shown)?;
    } else {
        print!("{}", actor_listing(&shown, total, copies).render(list)?);
    }
    Ok(Exit::Success)
}

fn actor_name(a: &Option<mosaic_store::ActorRef>) -> String {
    a.as_ref()
        .map(|a| a.name.clone())
        .unwrap_or_else(|| "—".into())
}

/// The event's date as shown: its own, else `~` and its article's, else `?`.
fn shown_date(e: &EventRow) -> String {
    match (&e.date, &e.effective_date) {
        (Some(d), _) => d.clone(),
        (None, Some(d)) => format!("~{d}"),
        _ => "?".into(),
    }
}

fn said_by(e: &EventRow) -> String {
    e.attribution
        .iter()
        .map(|a| a.text.as_str())
        .collect::<Vec<_>>()
        .join(" → ")
}

/// Events as a table with the evidence under each row, or as CSV.
pub fn event_listing(rows: &[EventRow]) -> Listing<'static> {
    let mut table = Table::new(vec![
        Column::whole("date"),
        Column::whole("type"),
        Column::text("source", 14),
        Column::text("target", 12),
        Column::whole("modality"),
        Column::whole("told"),
        Column::whole("grade"),
    ]);
    let mut csv_rows = Vec::new();
    for e in rows {
        // The PLOVER type with its CAMEO code, as ICEWS- and Phoenix-style users read events.
        let kind = match &e.cameo {
            Some(c) => format!("{} {c}", e.event_type),
            None => e.event_type.to_string(),
        };
        let per = said_by(e);
        let source = if per.is_empty() {
            format!("in {}", e.doc_name)
        } else {
            format!("in {}, per {per}", e.doc_name)
        };
        let details = vec![format!("“{}”", e.evidence), source];
        table.row(
            vec![
                shown_date(e),
                kind,
                actor_name(&e.source),
                actor_name(&e.target),
                e.modality.as_str().into(),
                told(e),
                e.cluster
                    .as_ref()
                    .and_then(|c| c.grade.clone())
                    .unwrap_or_else(|| "—".into()),
            ],
            details,
        );
        csv_rows.push(event_csv(e, per));
    }
    Listing {
        table,
        legend: Some(EVENT_LEGEND),
        notes: Vec::new(),
        csv_headers: &[
            "id",
            "date",
            "date_from",
            "type",
            "cameo",
            "source_id",
            "source",
            "target_id",
            "target",
            "modality",
            "attribution",
            "doc_id",
            "document",
            "trigger",
            "evidence",
            "rule",
            "cluster",
            "reports",
            "independent_origins",
            "grade",
        ],
        csv_rows,
        empty: "(no events)",
    }
}

/// "4/1": the articles telling the event and their independent origins.
pub fn told(e: &EventRow) -> String {
    e.cluster.as_ref().map_or_else(
        || "—".into(),
        |c| format!("{}/{}", c.reports, c.independent_origins),
    )
}

fn event_csv(e: &EventRow, per: String) -> Vec<String> {
    let id = |a: &Option<mosaic_store::ActorRef>| a.as_ref().map(|a| a.id.to_string());
    let name = |a: &Option<mosaic_store::ActorRef>| a.as_ref().map(|a| a.name.clone());
    vec![
        e.id.to_string(),
        e.effective_date.clone().unwrap_or_default(),
        match e.date_from {
            Some(mosaic_store::DateSource::Event) => "event".into(),
            Some(mosaic_store::DateSource::Document) => "document".into(),
            None => String::new(),
        },
        e.event_type.clone(),
        e.cameo.clone().unwrap_or_default(),
        id(&e.source).unwrap_or_default(),
        name(&e.source).unwrap_or_default(),
        id(&e.target).unwrap_or_default(),
        name(&e.target).unwrap_or_default(),
        e.modality.as_str().into(),
        per,
        e.doc_id.to_string(),
        e.doc_name.clone(),
        e.trigger.clone(),
        e.evidence.clone(),
        e.rule.clone(),
        e.cluster
            .as_ref()
            .map(|c| c.id.to_string())
            .unwrap_or_default(),
        e.cluster
            .as_ref()
            .map(|c| c.reports.to_string())
            .unwrap_or_default(),
        e.cluster
            .as_ref()
            .map(|c| c.independent_origins.to_string())
            .unwrap_or_default(),
        e.cluster
            .as_ref()
            .and_then(|c| c.grade.clone())
            .unwrap_or_default(),
    ]
}

/// What the listing left out, each with the option that brings it back.
pub fn event_notes(shown: usize, counts: &EventCounts) -> Vec<String> {
    let mut notes = Vec::new();
    if counts.matching > shown {
        notes.push(format!(
            "showing {shown} of {} events; --limit {} lists all",
            counts.matching, counts.matching
        ));
    }
    if counts.undated_hidden > 0 {
        notes.push(format!(
            "{} undated event{} left out by --since/--until; --include-undated keeps them",
            counts.undated_hidden,
            plural(counts.undated_hidden)
        ));
    }
    if counts.copies_hidden > 0 {
        notes.push(format!(
            "{} event{} of near-duplicate copies left out; --include-duplicates shows them",
            counts.copies_hidden,
            plural(counts.copies_hidden)
        ));
    }
    notes
}

pub fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// `events`' options, gathered.
pub struct EventQuery<'a> {
    pub actor: Option<&'a str>,
    pub kind: Option<&'a str>,
    pub dates: &'a DateArgs,
    pub doc: Option<&'a str>,
    pub copies: CopyArgs,
    pub limit: usize,
}

/// The store filter for `q`, its actor and document named by the one rule.
pub fn event_filter(store: &Store, q: &EventQuery) -> Result<EventFilter> {
    let actor = match q.actor {
        Some(a) => Some(format!("#{}", pick::actor_required(store, a)?.id)),
        None => None,
    };
    let document = match q.doc {
        Some(d) => Some(format!("#{}", pick::document(store, d)?.id)),
        None => None,
    };
    Ok(EventFilter {
        actor,
        event_type: q.kind.map(str::to_string),
        since: q.dates.since.clone(),
        until: q.dates.until.clone(),
        document,
        include_near_duplicates: q.copies.include_duplicates,
        include_undated: q.dates.include_undated,
        newest_first: true,
        limit: Some(q.limit),
    })
}

/// The events of `filter` as a listing with its notes.
pub fn events_listing(store: &Store, filter: &EventFilter) -> Result<Listing<'static>> {
    let rows = store.list_events(filter)?;
    let counts = store.event_counts(filter)?;
    let mut listing = event_listing(&rows);
    listing.notes = event_notes(rows.len(), &counts);
    Ok(listing)
}

pub fn events(cli: &Cli, q: &EventQuery, list: &ListArgs) -> Result<Exit> {
    let store = open_store(cli)?;
    let filter = event_filter(&store, q)?;
    if cli.json {
        print_json(&store.list_events(&filter)?)?;
    } else {
        print!("{}", events_listing(&store, &filter)?.render(list)?);
    }
    Ok(Exit::Success)
}
