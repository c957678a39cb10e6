//! The analyst's corrections: `merge`, `split`, `corrections` (review) and `undo`.

use anyhow::{bail, Result};
use mosaic_store::{MergeRequest, OverrideKind, OverrideRow, StoreError};

use super::{open_store, print_json};
use crate::args::ListArgs;
use crate::exit::Exit;
use crate::table::{Column, Listing, Table};
use crate::{pick, Cli};

/// "merged Iraq (#12) into Iran (#3)" / "split 'Fidan' off Hakan Fidan (#5) into #40".
pub fn describe(c: &OverrideRow) -> String {
    match c.kind {
        OverrideKind::Merge => format!(
            "merged {} (#{}) into {} (#{})",
            c.other.name, c.other.id, c.actor.name, c.actor.id
        ),
        OverrideKind::Split => format!(
            "split '{}' off {} (#{}) into #{}",
            c.alias.as_deref().unwrap_or("?"),
            c.actor.name,
            c.actor.id,
            c.other.id
        ),
    }
}

/// A stored timestamp to the minute: `2026-01-02T10:11:12.345Z` → `2026-01-02 10:11`.
fn minute(ts: &str) -> String {
    ts.get(..16).unwrap_or(ts).replace('T', " ")
}

pub fn merge(
    cli: &Cli,
    keep: &str,
    absorb: &str,
    reason: Option<&str>,
    force: bool,
) -> Result<Exit> {
    let mut store = open_store(cli)?;
    let keep = pick::actor_required(&store, keep)?;
    let absorb = pick::actor_required(&store, absorb)?;
    let request = MergeRequest {
        keep: format!("#{}", keep.id),
        absorb: format!("#{}", absorb.id),
        reason: reason.map(str::to_string),
        force,
    };
    let c = match store.merge(&request) {
        Err(StoreError::MergeNeedsForce(why)) => {
            bail!("refused to merge: {why}; pass --force if they really are one actor")
        }
        other => other?,
    };
    report(cli, &c)
}

pub fn split(cli: &Cli, actor: &str, alias: &str, reason: Option<&str>) -> Result<Exit> {
    let mut store = open_store(cli)?;
    let from = pick::actor_required(&store, actor)?;
    let c = store.split(&format!("#{}", from.id), alias, reason)?;
    report(cli, &c)
}

fn report(cli: &Cli, c: &OverrideRow) -> Result<Exit> {
    if cli.json {
        print_json(c)?;
    } else {
        println!(
            "correction #{}: {}; kept and re-applied on every ingest; `mosaic undo {}` reverts it",
            c.id,
            describe(c),
            c.id
        );
    }
    Ok(Exit::Success)
}

pub fn undo(cli: &Cli, number: i64) -> Result<Exit> {
    let mut store = open_store(cli)?;
    let c = match store.undo(number) {
        Err(StoreError::CorrectionNotFound(n)) => {
            bail!("no correction #{n} — `mosaic corrections` lists them with their numbers")
        }
        other => other?,
    };
    if cli.json {
        print_json(&c)?;
    } else {
        println!(
            "undid correction #{}: {}; it is no longer applied, now or on later ingests",
            c.id,
            describe(&c)
        );
    }
    Ok(Exit::Success)
}

fn status(c: &OverrideRow) -> String {
    match (&c.undone_at, c.forced) {
        (Some(at), _) => format!("undone {}", minute(at)),
        (None, true) => "applied (forced)".into(),
        (None, false) => "applied".into(),
    }
}

fn listing(all: &[OverrideRow]) -> Listing<'static> {
    let mut table = Table::new(vec![
        Column::number("#"),
        Column::whole("when (UTC)"),
        Column::text("correction", 24),
        Column::text("reason", 12),
        Column::whole("status"),
    ]);
    let mut csv_rows = Vec::new();
    for c in all {
        let reason = c.reason.clone().unwrap_or_else(|| "—".into());
        table.row(
            vec![
                c.id.to_string(),
                minute(&c.created_at),
                describe(c),
                reason,
                status(c),
            ],
            Vec::new(),
        );
        csv_rows.push(vec![
            c.id.to_string(),
            match c.kind {
                OverrideKind::Merge => "merge".into(),
                OverrideKind::Split => "split".into(),
            },
            c.actor.id.to_string(),
            c.actor.name.clone(),
            c.other.id.to_string(),
            c.other.name.clone(),
            c.alias.clone().unwrap_or_default(),
            c.reason.clone().unwrap_or_default(),
            c.forced.to_string(),
            c.created_at.clone(),
            c.undone_at.clone().unwrap_or_default(),
        ]);
    }
    Listing {
        table,
        legend: Some("—: no reason given; `mosaic undo N` reverts correction N"),
        notes: Vec::new(),
        csv_headers: &[
            "id",
            "kind",
            "actor_id",
            "actor",
            "other_id",
            "other",
            "alias",
            "reason",
            "forced",
            "created_at",
            "undone_at",
        ],
        csv_rows,
        empty: "(no corrections; `mosaic merge` and `mosaic split` make them)",
    }
}

pub fn corrections(cli: &Cli, list: &ListArgs) -> Result<Exit> {
    let store = open_store(cli)?;
    let all = store.corrections()?;
    if cli.json {
        print_json(&all)?;
    } else {
        print!("{}", listing(&all).render(list)?);
    }
    Ok(Exit::Success)
}
