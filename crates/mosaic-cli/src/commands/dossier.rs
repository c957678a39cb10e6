//! `actor`: one actor's dossier — names, offices and roles over time, acts, and why each
//! mention was joined to it; from the knowledge base when no stored article names it.

use std::fmt::Write;

use anyhow::{bail, Result};
use mosaic_store::{ActorDetail, OverrideKind};

use super::query::{event_listing, plural, EVENT_LEGEND};
use super::{open_store, print_json};
use crate::args::{CopyArgs, ListArgs};
use crate::exit::Exit;
use crate::table::clip;
use crate::{pick, Cli};

pub fn actor(cli: &Cli, name: &str, copies: CopyArgs, wide: bool) -> Result<Exit> {
    let store = open_store(cli)?;
    let Some(found) = pick::actor(&store, name)? else {
        // Not in any stored article: what the knowledge base knows, if anything.
        if kb_dossier(cli, name)? {
            return Ok(Exit::Success);
        }
        bail!(
            "no actor has the id, name or alias {name:?} in {} or the knowledge base — `mosaic entities` lists the stored ones with their ids",
            cli.db.display()
        );
    };
    let Some(d) = store.actor_dossier(found.id, copies.include_duplicates)? else {
        bail!("actor #{} vanished while reading it", found.id);
    };
    // Events of near-duplicate copies the dossier leaves out, to say so.
    let hidden = match store.actor_dossier(found.id, true)? {
        Some(all) if !copies.include_duplicates => {
            let n = |x: &ActorDetail| x.as_source.len() + x.as_target.len();
            n(&all) - n(&d)
        }
        _ => 0,
    };
    if cli.json {
        print_json(&d)?;
    } else {
        print!("{}", render(&d, hidden, wide)?);
    }
    Ok(Exit::Success)
}

fn render(d: &ActorDetail, hidden: usize, wide: bool) -> Result<String> {
    let mut out = identity(d);
    names(&mut out, d);
    let kb_rows = d
        .summary
        .kb_id
        .as_deref()
        .map(kb_role_rows)
        .unwrap_or_default();
    if !kb_rows.is_empty() {
        let _ = writeln!(out, "\noffices in the knowledge base (dates, then source):");
        for row in &kb_rows {
            let _ = writeln!(out, "  {row}");
        }
    }
    roles(&mut out, d);
    acts(&mut out, d, hidden, wide)?;
    joins_and_corrections(&mut out, d);
    Ok(out)
}

fn identity(d: &ActorDetail) -> String {
    let s = &d.summary;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} (#{}, {}{})",
        s.name,
        s.id,
        s.kind.as_str(),
        s.kb_id
            .as_ref()
            .map(|k| format!(", {k}"))
            .unwrap_or_default()
    );
    if let Some(c) = &s.country {
        let _ = writeln!(
            out,
            "country: {c}   sector: {}",
            s.sector.as_deref().unwrap_or("-")
        );
    }
    let _ = writeln!(
        out,
        "named in {} distinct text{} ({} mention{}); {} stored cop{} ({} mention{}); {}",
        s.texts,
        plural(s.texts),
        s.mentions,
        plural(s.mentions),
        s.copies,
        if s.copies == 1 { "y" } else { "ies" },
        s.mentions_in_copies,
        plural(s.mentions_in_copies),
        d.created_by
    );
    out
}

fn names(out: &mut String, d: &ActorDetail) {
    let _ = writeln!(out, "\nnames:");
    if d.aliases.is_empty() {
        let _ = writeln!(out, "  (no other name)");
    }
    for a in &d.aliases {
        let _ = writeln!(
            out,
            "  {:40} first in {}",
            a.alias,
            a.first_doc_name.as_deref().unwrap_or("?")
        );
    }
}

fn roles(out: &mut String, d: &ActorDetail) {
    if d.roles.is_empty() {
        return;
    }
    let _ = writeln!(out, "\nroles stated in the articles:");
    for r in &d.roles {
        let _ = writeln!(
            out,
            "  {:10} {:8} {} — {}   [{}]",
            r.as_of
                .as_deref()
                .or(r.doc_date.as_deref())
                .unwrap_or("undated"),
            match r.status {
                mosaic_core::RoleStatus::Current => "current",
                mosaic_core::RoleStatus::Former => "former",
            },
            r.title,
            r.org.as_ref().map(|o| o.name.as_str()).unwrap_or("?"),
            r.doc_name
        );
        let _ = writeln!(out, "             “{}”", clip(&r.evidence, 120));
    }
}

fn acts(out: &mut String, d: &ActorDetail, hidden: usize, wide: bool) -> Result<()> {
    let list = ListArgs {
        wide,
        ..Default::default()
    };
    for (title, rows) in [("acts", &d.as_source), ("acted upon", &d.as_target)] {
        if rows.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n{title} ({}):", rows.len());
        let mut listing = event_listing(rows);
        listing.legend = None;
        out.push_str(&listing.render(&list)?);
    }
    if !d.as_source.is_empty() || !d.as_target.is_empty() {
        let _ = writeln!(out, "{EVENT_LEGEND}");
    }
    if hidden > 0 {
        let _ = writeln!(
            out,
            "{hidden} event{} told in near-duplicate copies left out; --include-duplicates shows them",
            plural(hidden)
        );
    }
    Ok(())
}

fn joins_and_corrections(out: &mut String, d: &ActorDetail) {
    if !d.joins.is_empty() {
        let _ = writeln!(out, "\nwhy these mentions are this actor:");
        for j in d.joins.iter().take(20) {
            let _ = writeln!(
                out,
                "  {}: \"{}\" — {}",
                j.doc_name, j.entity_name, j.reason
            );
        }
        if d.joins.len() > 20 {
            let _ = writeln!(out, "  … {} more (--json lists all)", d.joins.len() - 20);
        }
    }
    if !d.overrides.is_empty() {
        let _ = writeln!(out, "\ncorrections (`mosaic undo N` reverts one):");
        for o in &d.overrides {
            let what = match o.kind {
                OverrideKind::Merge => format!(
                    "merged {} (#{}) into {} (#{})",
                    o.other.name, o.other.id, o.actor.name, o.actor.id
                ),
                OverrideKind::Split => format!(
                    "split '{}' off {} (#{}) into #{}",
                    o.alias.as_deref().unwrap_or("?"),
                    o.actor.name,
                    o.actor.id,
                    o.other.id
                ),
            };
            let _ = writeln!(out, "  #{} {what}", o.id);
        }
    }
}

/// A person's offices in the knowledge base, oldest first: "2003-03-14 – 2014-08-28  prime
/// minister — Turkey  [persons.toml]".
fn kb_role_rows(kb_id: &str) -> Vec<String> {
    let kb = mosaic_kb::KnowledgeBase::embedded();
    let Some(actor) = kb.actor(kb_id) else {
        return Vec::new();
    };
    let mut roles: Vec<&mosaic_kb::Role> = actor.roles.iter().collect();
    roles.sort_by(|a, b| a.from.cmp(&b.from).then(a.to.cmp(&b.to)));
    roles
        .into_iter()
        .map(|r| {
            let org = kb.actor(&r.org).map_or(r.org.as_str(), |o| o.name.as_str());
            format!(
                "{:10} – {:10}  {} — {}  [{}]",
                r.from.as_deref().unwrap_or("?"),
                r.to.as_deref().unwrap_or("(open)"),
                r.role,
                org,
                r.source.as_deref().unwrap_or_else(|| kb.source_of(kb_id))
            )
        })
        .collect()
}

/// `mosaic actor NAME` for an actor no stored article mentions: the knowledge base's entries of
/// that name, with their offices. `false` when it knows none.
fn kb_dossier(cli: &Cli, name: &str) -> Result<bool> {
    let kb = mosaic_kb::KnowledgeBase::embedded();
    let hits = kb.lookup(name);
    if hits.is_empty() {
        return Ok(false);
    }
    let actors: Vec<&mosaic_kb::Actor> = hits.iter().map(|h| &kb.actors()[h.actor]).collect();
    if cli.json {
        print_json(&actors)?;
        return Ok(true);
    }
    println!(
        "{name:?} is in no article of {}; the knowledge base knows {}:",
        cli.db.display(),
        if actors.len() == 1 {
            "one actor"
        } else {
            "these actors"
        }
    );
    for a in actors {
        println!(
            "\n{} ({}, {}{})",
            a.name,
            a.kind.as_str(),
            a.id,
            a.country
                .as_ref()
                .map(|c| format!(", {c}"))
                .unwrap_or_default()
        );
        if !a.aliases.is_empty() {
            println!("names: {}", a.aliases.join(", "));
        }
        let rows = kb_role_rows(&a.id);
        if !rows.is_empty() {
            println!("offices (dates, then source):");
            for row in rows {
                println!("  {row}");
            }
        }
    }
    Ok(true)
}
