//! Store queries: `entities`, `events`, `show`, `actor`, and the analyst corrections `merge`/`split`.

use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use mosaic_core::{Document, EntityKind};
use mosaic_store::{ActorFilter, EventFilter, EventRow, Store};

use super::print_json;
use crate::Cli;

fn open(cli: &Cli) -> Result<Store> {
    if !cli.db.exists() {
        bail!(
            "no store at {} — run `mosaic ingest PATH` (or `mosaic demo`) first, or pass --db FILE",
            cli.db.display()
        );
    }
    Store::open(&cli.db).with_context(|| format!("cannot open the store {}", cli.db.display()))
}

pub fn print_actors(store: &Store, kind: Option<EntityKind>, limit: usize) -> Result<()> {
    let actors = store.list_actors(&ActorFilter {
        kind,
        limit: Some(limit),
        ..Default::default()
    })?;
    println!(
        "{:<34} {:7} {:18} {:>5} {:>5}  aliases",
        "actor", "type", "kb id", "docs", "ment."
    );
    for a in actors {
        let aliases = a
            .aliases
            .iter()
            .take(6)
            .cloned()
            .collect::<Vec<_>>()
            .join(", ");
        println!(
            "{:<34} {:7} {:18} {:>5} {:>5}  {}",
            clip(&a.name, 34),
            a.kind.as_str(),
            clip(a.kb_id.as_deref().unwrap_or("(new)"), 18),
            a.docs,
            a.mentions,
            aliases
        );
    }
    Ok(())
}

pub fn entities(cli: &Cli, kind: Option<&str>, limit: usize) -> Result<ExitCode> {
    let store = open(cli)?;
    let kind = match kind {
        Some(k) => Some(
            EntityKind::parse(k)
                .with_context(|| format!("unknown type {k:?}; use PERSON, ORG, GPE or LOC"))?,
        ),
        None => None,
    };
    if cli.json {
        print_json(&store.list_actors(&ActorFilter {
            kind,
            limit: Some(limit),
            ..Default::default()
        })?)?;
    } else {
        print_actors(&store, kind, limit)?;
    }
    Ok(ExitCode::SUCCESS)
}

fn actor_name(a: &Option<mosaic_store::ActorRef>) -> String {
    a.as_ref()
        .map(|a| a.name.clone())
        .unwrap_or_else(|| "—".into())
}

pub fn print_event_rows(rows: &[EventRow]) {
    for e in rows {
        let date = match (&e.date, &e.effective_date) {
            (Some(d), _) => d.clone(),
            (None, Some(d)) => format!("~{d}"),
            _ => "?".into(),
        };
        let said_by = e
            .attribution
            .iter()
            .map(|a| a.text.as_str())
            .collect::<Vec<_>>()
            .join(" → ");
        // The PLOVER type with its CAMEO code, as ICEWS- and Phoenix-style users read events.
        let kind = match &e.cameo {
            Some(c) => format!("{} {c}", e.event_type),
            None => e.event_type.to_string(),
        };
        println!(
            "{:11} {:15} {:26} → {:26} [{}{}]  {}",
            date,
            kind,
            clip(&actor_name(&e.source), 26),
            clip(&actor_name(&e.target), 26),
            e.modality.as_str(),
            if said_by.is_empty() {
                String::new()
            } else {
                format!("; per {said_by}")
            },
            e.doc_name
        );
        println!("            “{}”", clip(&e.evidence, 150));
    }
}

pub fn print_events(store: &Store, filter: &EventFilter) -> Result<()> {
    let rows = store.list_events(filter)?;
    if rows.is_empty() {
        println!("(no events)");
    }
    print_event_rows(&rows);
    Ok(())
}

pub fn events(cli: &Cli, filter: EventFilter) -> Result<ExitCode> {
    let store = open(cli)?;
    if cli.json {
        print_json(&store.list_events(&filter)?)?;
    } else {
        print_events(&store, &filter)?;
    }
    Ok(ExitCode::SUCCESS)
}

pub fn actor(cli: &Cli, name: &str) -> Result<ExitCode> {
    let store = open(cli)?;
    let ids = store.find_actors(name)?;
    if ids.len() > 1 {
        // Two actors share the name: list them rather than pick one silently.
        let all = store.list_actors(&ActorFilter {
            include_empty: true,
            ..Default::default()
        })?;
        eprintln!(
            "mosaic: {} actors are called {name:?}; name one by its id:",
            ids.len()
        );
        for a in all.iter().filter(|a| ids.contains(&a.id)) {
            eprintln!(
                "  {:6} {} ({}, {})",
                a.id,
                a.name,
                a.kind.as_str(),
                a.kb_id.as_deref().unwrap_or("new")
            );
        }
        return Ok(ExitCode::from(1));
    }
    let Some(d) = store.actor_detail(name)? else {
        // Not in any stored article: what the knowledge base knows, if anything.
        if kb_dossier(cli, name)? {
            return Ok(ExitCode::SUCCESS);
        }
        bail!(
            "no actor called {name:?} in {} or in the knowledge base — `mosaic entities` lists the stored ones",
            cli.db.display()
        );
    };
    if cli.json {
        print_json(&d)?;
        return Ok(ExitCode::SUCCESS);
    }
    let s = &d.summary;
    println!(
        "{} ({}{})",
        s.name,
        s.kind.as_str(),
        s.kb_id
            .as_ref()
            .map(|k| format!(", {k}"))
            .unwrap_or_default()
    );
    if let Some(c) = &s.country {
        println!(
            "country: {c}   sector: {}",
            s.sector.as_deref().unwrap_or("-")
        );
    }
    println!(
        "seen in {} documents, {} mentions; {}",
        s.docs, s.mentions, d.created_by
    );
    println!("\nnames:");
    for a in &d.aliases {
        println!(
            "  {:40} first in {}",
            a.alias,
            a.first_doc_name.as_deref().unwrap_or("?")
        );
    }
    let kb_rows = s.kb_id.as_deref().map(kb_role_rows).unwrap_or_default();
    if !kb_rows.is_empty() {
        println!("\noffices in the knowledge base (dates, then source):");
        for row in &kb_rows {
            println!("  {row}");
        }
    }
    if !d.roles.is_empty() {
        println!("\nroles stated in the articles:");
        for r in &d.roles {
            println!(
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
            println!("             “{}”", clip(&r.evidence, 120));
        }
    }
    if !d.as_source.is_empty() {
        println!("\nacts ({}):", d.as_source.len());
        print_event_rows(&d.as_source);
    }
    if !d.as_target.is_empty() {
        println!("\nacted upon ({}):", d.as_target.len());
        print_event_rows(&d.as_target);
    }
    if !d.joins.is_empty() {
        println!("\nwhy these mentions are this actor:");
        for j in d.joins.iter().take(20) {
            println!("  {}: \"{}\" — {}", j.doc_name, j.entity_name, j.reason);
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn merge(cli: &Cli, keep: &str, absorb: &str) -> Result<ExitCode> {
    let mut store = open(cli)?;
    store.merge_actors(keep, absorb)?;
    println!(
        "merged {absorb:?} into {keep:?}; the correction is kept and re-applied on every ingest"
    );
    Ok(ExitCode::SUCCESS)
}

pub fn split(cli: &Cli, actor: &str, alias: &str) -> Result<ExitCode> {
    let mut store = open(cli)?;
    let id = store.split_alias(actor, alias)?;
    println!("split {alias:?} off {actor:?} into actor {id}; the correction is kept and re-applied on every ingest");
    Ok(ExitCode::SUCCESS)
}

pub fn show(cli: &Cli, name: &str) -> Result<ExitCode> {
    let store = open(cli)?;
    let Some(doc) = store.load_document(name)? else {
        bail!(
            "no document {name:?} in {} — `mosaic ingest` it first",
            cli.db.display()
        );
    };
    if cli.json {
        print_json(&doc)?;
    } else {
        print!("{}", render_document(&doc));
    }
    Ok(ExitCode::SUCCESS)
}

/// The article in a terminal: each sentence with its mentions marked, then its events and roles.
pub fn render_document(doc: &Document) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let m = &doc.meta;
    let _ = writeln!(out, "{}", m.title.as_deref().unwrap_or(&m.name));
    let _ = writeln!(
        out,
        "outlet: {}   published: {}   anchor: {}   from: {}",
        m.outlet.as_deref().unwrap_or("?"),
        m.published.as_deref().unwrap_or("?"),
        doc.anchor
            .as_ref()
            .map(|a| format!("{} ({})", a.date, a.how))
            .unwrap_or_else(|| "none".into()),
        m.origin
    );
    let _ = writeln!(out);
    for (si, s) in doc.sentences.iter().enumerate() {
        let mut line = String::new();
        let mut at = s.span.start;
        let mut mentions: Vec<_> = doc
            .mentions
            .iter()
            .filter(|x| s.span.contains(x.span))
            .collect();
        mentions.sort_by_key(|x| (x.span.start, std::cmp::Reverse(x.span.end)));
        for x in mentions {
            if x.span.start < at {
                continue;
            }
            line.push_str(&doc.text[at..x.span.start]);
            let ent = x
                .entity
                .map(|e| doc.entities[e].name.as_str())
                .unwrap_or("?");
            let _ = write!(
                line,
                "[{}|{}{}]",
                &doc.text[x.span.range()],
                x.kind.as_str(),
                if ent != x.text {
                    format!("={ent}")
                } else {
                    String::new()
                }
            );
            at = x.span.end;
        }
        line.push_str(&doc.text[at..s.span.end]);
        let _ = writeln!(out, "{si:>3}  {line}");
        for t in doc.times.iter().filter(|t| s.span.contains(t.span)) {
            let _ = writeln!(out, "       time  \"{}\" = {}", t.text, t.value);
        }
        for e in doc.events.iter().filter(|e| e.sentence == s.span) {
            let name = |x: Option<usize>| {
                x.map(|i| doc.entities[i].name.clone())
                    .unwrap_or_else(|| "—".into())
            };
            let _ = writeln!(
                out,
                "       event {} {} → {} [{}{}] trigger \"{}\" rule {}{}",
                e.event_type,
                name(e.source),
                name(e.target),
                e.modality.as_str(),
                e.date
                    .as_ref()
                    .map(|d| format!(", {d}"))
                    .unwrap_or_default(),
                &doc.text[e.trigger.range()],
                e.rule,
                if e.attribution.is_empty() {
                    String::new()
                } else {
                    format!(
                        ", per {}",
                        e.attribution
                            .iter()
                            .map(|a| a.text.as_str())
                            .collect::<Vec<_>>()
                            .join(" → ")
                    )
                }
            );
        }
        for r in doc.roles.iter().filter(|r| s.span.contains(r.evidence)) {
            let _ = writeln!(
                out,
                "       role  {} — {} of {} ({:?})",
                doc.entities[r.person].name,
                r.title,
                r.org.map(|o| doc.entities[o].name.as_str()).unwrap_or("?"),
                r.status
            );
        }
    }
    if !doc.diagnostics.is_empty() {
        let _ = writeln!(out, "\ndiagnostics:");
        for d in &doc.diagnostics {
            let _ = writeln!(out, "  [{}] {:?}: {}", d.stage, d.severity, d.message);
        }
    }
    out
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

fn clip(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}
