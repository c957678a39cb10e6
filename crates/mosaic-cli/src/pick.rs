//! The one disambiguation rule of every command that takes an actor or a document: an exact id,
//! else a unique name, else a numbered list of the candidates with their ids (an error, exit 2).
//! The rule itself is the store's ([`Store::pick_actor`], [`Store::pick_document`]); this module
//! words the outcome the same way everywhere.

use anyhow::{bail, Result};
use mosaic_store::{ActorSummary, DocumentRow, Pick, Store};

/// The one actor `query` names, or an error listing the candidates. `Ok(None)` when no stored
/// actor has that id, name or alias (the caller decides whether that is an error).
pub fn actor(store: &Store, query: &str) -> Result<Option<ActorSummary>> {
    match store.pick_actor(query)? {
        Pick::One(a) => Ok(Some(a)),
        Pick::None => Ok(None),
        Pick::Several(all) => {
            let lines: Vec<String> = all.iter().map(actor_line).collect();
            bail!(
                "{} actors are called {query:?}; name one by its id (e.g. `#{}`):\n{}",
                all.len(),
                all[0].id,
                numbered(&lines)
            )
        }
    }
}

/// Like [`actor`], with "not found" an error that says where to look.
pub fn actor_required(store: &Store, query: &str) -> Result<ActorSummary> {
    match actor(store, query)? {
        Some(a) => Ok(a),
        None => bail!(
            "no actor has the id, name or alias {query:?} — `mosaic entities` lists the actors with their ids"
        ),
    }
}

/// The one document `query` names, or an error listing the candidates or saying where to look.
pub fn document(store: &Store, query: &str) -> Result<DocumentRow> {
    match store.pick_document(query)? {
        Pick::One(d) => Ok(d),
        Pick::None => bail!(
            "no document has the id or name {query:?} — `mosaic documents` lists them with their ids"
        ),
        Pick::Several(all) => {
            let lines: Vec<String> = all
                .iter()
                .map(|d| {
                    format!(
                        "#{:<5} {}  {}  ingested {}",
                        d.id,
                        d.name,
                        d.origin,
                        d.ingested_at.get(..10).unwrap_or(&d.ingested_at)
                    )
                })
                .collect();
            bail!(
                "{} documents are called {query:?}; name one by its id (e.g. `#{}`):\n{}",
                all.len(),
                all[0].id,
                numbered(&lines)
            )
        }
    }
}

fn actor_line(a: &ActorSummary) -> String {
    format!(
        "#{:<5} {}  {}  {}{}  {} {}",
        a.id,
        a.name,
        a.kind.as_str(),
        a.kb_id.as_deref().unwrap_or("no kb id"),
        a.country
            .as_deref()
            .map(|c| format!(" ({c})"))
            .unwrap_or_default(),
        a.texts,
        if a.texts == 1 { "text" } else { "texts" }
    )
}

fn numbered(lines: &[String]) -> String {
    lines
        .iter()
        .enumerate()
        .map(|(i, l)| format!("  {}. {l}", i + 1))
        .collect::<Vec<_>>()
        .join("\n")
}
