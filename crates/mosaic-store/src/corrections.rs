//! Analyst corrections: merging two actors, splitting an alias off an actor, listing them and
//! undoing one.
//!
//! A correction is applied to the rows already stored and replayed on every later ingest (a
//! merged actor stays as a tombstone that forwards to its survivor; a split is looked up by
//! `write::Splits`). To be undoable, each correction records what it moved (`override_moves`) and
//! what it changed on the surviving actor (the `undo` JSON). Undoing moves those rows back, then
//! deletes the correction from `actor_overrides`, so replay never sees it again, and keeps it in
//! `undone_overrides` as history.

use std::collections::HashSet;

use mosaic_core::{fold_key, Entity, EntityKind};
use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};
use serde::{Deserialize, Serialize};

use crate::read::find_actor_ids;
use crate::write::{add_alias, create_actor, match_actor};
use crate::{ActorRef, MergeRequest, OverrideKind, OverrideRow, Store, StoreError};

/// An actor row as far as corrections care.
struct ActorRow {
    name: String,
    name_key: String,
    kind: String,
    kb_id: Option<String>,
    sector: Option<String>,
    country: Option<String>,
    created_doc: Option<i64>,
}

fn actor_row(conn: &Connection, id: i64) -> Result<ActorRow, StoreError> {
    Ok(conn.query_row(
        "SELECT name, name_key, kind, kb_id, sector, country,
                (SELECT d.id FROM documents d WHERE d.id = a.created_doc)
         FROM actors a WHERE id = ?1",
        [id],
        |r| {
            Ok(ActorRow {
                name: r.get(0)?,
                name_key: r.get(1)?,
                kind: r.get(2)?,
                kb_id: r.get(3)?,
                sector: r.get(4)?,
                country: r.get(5)?,
                created_doc: r.get(6)?,
            })
        },
    )?)
}

/// One alias row, kept so undoing can put it back where it was.
#[derive(Clone, Debug, Serialize, Deserialize)]
struct AliasRow {
    alias: String,
    key: String,
    first_doc: Option<i64>,
}

fn alias_rows(conn: &Connection, actor: i64) -> Result<Vec<AliasRow>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT alias, alias_key, first_doc FROM actor_aliases WHERE actor_id = ?1",
    )?;
    let rows = stmt
        .query_map([actor], |r| {
            Ok(AliasRow {
                alias: r.get(0)?,
                key: r.get(1)?,
                first_doc: r.get(2)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

/// What a merge changed on the survivor besides moving rows.
#[derive(Debug, Default, Serialize, Deserialize)]
struct MergeUndo {
    /// The absorbed actor's aliases, which the merge moved to the survivor.
    absorbed_aliases: Vec<AliasRow>,
    /// Alias keys the survivor did not have before the merge.
    added_keys: Vec<String>,
    /// The absorbed actor's kb id, when the survivor took it over.
    kb_moved: Option<String>,
    sector_filled: bool,
    country_filled: bool,
    /// The last document stored before the merge: later ones were assigned under it.
    last_doc: i64,
}

/// What a split removed from the actor it split.
#[derive(Debug, Serialize, Deserialize)]
struct SplitUndo {
    alias: AliasRow,
}

/// Exactly one live actor for `query` (the rule of [`Store::pick_actor`]), or an error naming
/// the candidates.
fn one_actor(conn: &Connection, query: &str) -> Result<i64, StoreError> {
    let ids = find_actor_ids(conn, query)?;
    match ids.as_slice() {
        [id] => Ok(*id),
        [] => Err(StoreError::ActorNotFound(query.to_string())),
        many => {
            let mut candidates = Vec::new();
            for &id in many {
                let a = actor_row(conn, id)?;
                candidates.push(format!("#{id} {} {}", a.name, a.kind));
            }
            Err(StoreError::AmbiguousActor {
                query: query.to_string(),
                candidates,
            })
        }
    }
}

/// Points every reference to actor `from` at actor `to`.
fn repoint(conn: &Connection, from: i64, to: i64) -> Result<(), StoreError> {
    for sql in [
        "UPDATE doc_entities SET actor_id = ?2 WHERE actor_id = ?1",
        "UPDATE mentions SET actor_id = ?2 WHERE actor_id = ?1",
        "UPDATE roles SET person_actor = ?2 WHERE person_actor = ?1",
        "UPDATE roles SET org_actor = ?2 WHERE org_actor = ?1",
        "UPDATE events SET source_actor = ?2 WHERE source_actor = ?1",
        "UPDATE events SET target_actor = ?2 WHERE target_actor = ?1",
        "UPDATE events SET location_actor = ?2 WHERE location_actor = ?1",
        "UPDATE event_attributions SET actor_id = ?2 WHERE actor_id = ?1",
    ] {
        conn.prepare_cached(sql)?.execute([from, to])?;
    }
    Ok(())
}

/// Moves document entity `(doc_id, idx)` from actor `from` to `to`, with the roles, events and
/// attributions that refer to it and, when `mentions`, its mentions still on `from` (a mention
/// split off to a third actor stays there). An entity no longer on `from` is left alone.
fn move_entity(
    conn: &Connection,
    (doc_id, idx): (i64, i64),
    from: i64,
    to: i64,
    mentions: bool,
) -> Result<(), StoreError> {
    let on: Option<i64> = conn
        .prepare_cached("SELECT actor_id FROM doc_entities WHERE doc_id = ?1 AND idx = ?2")?
        .query_row([doc_id, idx], |r| r.get(0))
        .optional()?;
    if on != Some(from) {
        return Ok(());
    }
    for sql in [
        "UPDATE doc_entities SET actor_id = ?3 WHERE doc_id = ?1 AND idx = ?2",
        "UPDATE roles SET person_actor = ?3 WHERE doc_id = ?1 AND person_idx = ?2",
        "UPDATE roles SET org_actor = ?3 WHERE doc_id = ?1 AND org_idx = ?2",
        "UPDATE events SET source_actor = ?3 WHERE doc_id = ?1 AND source_idx = ?2",
        "UPDATE events SET target_actor = ?3 WHERE doc_id = ?1 AND target_idx = ?2",
        "UPDATE events SET location_actor = ?3 WHERE doc_id = ?1 AND location_idx = ?2",
        "UPDATE event_attributions SET actor_id = ?3
           WHERE entity_idx = ?2 AND event_id IN (SELECT id FROM events WHERE doc_id = ?1)",
    ] {
        conn.prepare_cached(sql)?.execute([doc_id, idx, to])?;
    }
    if mentions {
        conn.prepare_cached(
            "UPDATE mentions SET actor_id = ?3 WHERE doc_id = ?1 AND entity_idx = ?2 AND actor_id = ?4",
        )?
        .execute([doc_id, idx, to, from])?;
    }
    Ok(())
}

/// The next correction number. Numbers of undone corrections are never reused, so `undo 3`
/// and the history always mean the same correction.
fn next_override_id(conn: &Connection) -> Result<i64, StoreError> {
    Ok(conn.query_row(
        "SELECT 1 + max(COALESCE((SELECT max(id) FROM actor_overrides), 0),
                        COALESCE((SELECT max(id) FROM undone_overrides), 0))",
        [],
        |r| r.get(0),
    )?)
}

/// Records which entities and mentions of `actor` correction `id` is about to move.
fn journal_moves(conn: &Connection, id: i64, actor: i64) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO override_moves (override_id, what, doc_id, idx)
         SELECT ?1, 'entity', doc_id, idx FROM doc_entities WHERE actor_id = ?2",
        [id, actor],
    )?;
    conn.execute(
        "INSERT INTO override_moves (override_id, what, doc_id, idx)
         SELECT ?1, 'mention', doc_id, idx FROM mentions WHERE actor_id = ?2",
        [id, actor],
    )?;
    Ok(())
}

/// Why merging these two actors is probably a slip, if it is: two states are never one actor,
/// and two knowledge-base actors of different countries are almost never one.
fn merge_hazard(keep: &ActorRow, absorb: &ActorRow) -> Option<String> {
    let is_state = |a: &ActorRow| a.kb_id.as_deref().is_some_and(|k| k.starts_with("state:"));
    if is_state(keep) && is_state(absorb) {
        return Some(format!(
            "'{}' and '{}' are two states",
            keep.name, absorb.name
        ));
    }
    match (&keep.kb_id, &absorb.kb_id, &keep.country, &absorb.country) {
        (Some(k1), Some(k2), Some(c1), Some(c2)) if c1 != c2 => Some(format!(
            "'{}' ({k1}, {c1}) and '{}' ({k2}, {c2}) are known actors of different countries",
            keep.name, absorb.name
        )),
        _ => None,
    }
}

fn merge_undo(
    conn: &Connection,
    keep_id: i64,
    absorb_id: i64,
    keep: &ActorRow,
    absorb: &ActorRow,
) -> Result<MergeUndo, StoreError> {
    let absorbed_aliases = alias_rows(conn, absorb_id)?;
    let mut had: HashSet<String> = alias_rows(conn, keep_id)?
        .into_iter()
        .map(|a| a.key)
        .collect();
    had.insert(keep.name_key.clone());
    let added_keys = std::iter::once(absorb.name_key.clone())
        .chain(absorbed_aliases.iter().map(|a| a.key.clone()))
        .filter(|k| had.insert(k.clone()))
        .collect();
    Ok(MergeUndo {
        absorbed_aliases,
        added_keys,
        kb_moved: keep.kb_id.is_none().then(|| absorb.kb_id.clone()).flatten(),
        sector_filled: keep.sector.is_none() && absorb.sector.is_some(),
        country_filled: keep.country.is_none() && absorb.country.is_some(),
        last_doc: conn.query_row("SELECT COALESCE(max(id), 0) FROM documents", [], |r| {
            r.get(0)
        })?,
    })
}

/// Applies a merge inside an open transaction; returns the correction's number.
fn apply_merge(
    tx: &Connection,
    keep_id: i64,
    absorb_id: i64,
    req: &MergeRequest,
) -> Result<i64, StoreError> {
    let keep = actor_row(tx, keep_id)?;
    let absorb = actor_row(tx, absorb_id)?;
    if let Some(why) = merge_hazard(&keep, &absorb).filter(|_| !req.force) {
        return Err(StoreError::MergeNeedsForce(why));
    }
    let undo = merge_undo(tx, keep_id, absorb_id, &keep, &absorb)?;
    let id = next_override_id(tx)?;
    tx.execute(
        "INSERT INTO actor_overrides (id, kind, actor_id, other_id, reason, forced, undo)
         VALUES (?1, 'merge', ?2, ?3, ?4, ?5, ?6)",
        params![
            id,
            keep_id,
            absorb_id,
            req.reason,
            req.force && merge_hazard(&keep, &absorb).is_some(),
            serde_json::to_string(&undo)?
        ],
    )?;
    journal_moves(tx, id, absorb_id)?;
    repoint(tx, absorb_id, keep_id)?;
    add_alias(
        tx,
        keep_id,
        &absorb.name,
        &absorb.name_key,
        absorb.created_doc,
    )?;
    tx.execute(
        "INSERT OR IGNORE INTO actor_aliases (actor_id, alias, alias_key, first_doc)
         SELECT ?2, alias, alias_key, first_doc FROM actor_aliases WHERE actor_id = ?1
           AND alias_key <> (SELECT name_key FROM actors WHERE id = ?2)",
        [absorb_id, keep_id],
    )?;
    tx.execute("DELETE FROM actor_aliases WHERE actor_id = ?1", [absorb_id])?;
    // The survivor inherits a kb id it lacks. A second kb id stays on the tombstone, where it
    // still routes its mentions to the survivor.
    if let Some(kb) = &undo.kb_moved {
        tx.execute("UPDATE actors SET kb_id = NULL WHERE id = ?1", [absorb_id])?;
        tx.execute(
            "UPDATE actors SET kb_id = ?1 WHERE id = ?2",
            params![kb, keep_id],
        )?;
    }
    tx.execute(
        "UPDATE actors SET sector = COALESCE(sector, (SELECT sector FROM actors WHERE id = ?2)),
                           country = COALESCE(country, (SELECT country FROM actors WHERE id = ?2))
         WHERE id = ?1",
        [keep_id, absorb_id],
    )?;
    tx.execute(
        "UPDATE actors SET merged_into = ?1 WHERE id = ?2",
        [keep_id, absorb_id],
    )?;
    Ok(id)
}

/// Applies a split inside an open transaction; returns the correction's number and the new
/// actor's id.
fn apply_split(
    tx: &Connection,
    from: i64,
    alias: &str,
    reason: Option<&str>,
) -> Result<(i64, i64), StoreError> {
    let key = fold_key(alias);
    let actor = actor_row(tx, from)?;
    if key == actor.name_key {
        return Err(StoreError::InvalidOverride(format!(
            "'{alias}' is the canonical name of actor #{from}; split one of its aliases, or merge instead"
        )));
    }
    let stored = alias_rows(tx, from)?.into_iter().find(|a| a.key == key);
    let used: i64 = tx.query_row(
        "SELECT count(*) FROM mentions WHERE actor_id = ?1 AND text_key = ?2",
        params![from, key],
        |r| r.get(0),
    )?;
    if stored.is_none() && used == 0 {
        return Err(StoreError::InvalidOverride(format!(
            "actor #{from} ('{}') has no alias '{alias}'; see its aliases in the actor detail",
            actor.name
        )));
    }
    let kind = EntityKind::parse(&actor.kind).ok_or_else(|| StoreError::Corrupt {
        what: format!("kind of actor #{from}"),
        detail: actor.kind.clone(),
    })?;
    let removed = stored.unwrap_or(AliasRow {
        alias: alias.trim().to_string(),
        key: key.clone(),
        first_doc: None,
    });
    let display = removed.alias.clone();
    let id = next_override_id(tx)?;
    let created_by = format!(
        "override #{id}: alias '{display}' split off actor #{from} ('{}')",
        actor.name
    );
    let new_id = create_actor(
        tx,
        &display,
        &key,
        kind,
        None,
        &created_by,
        removed.first_doc,
    )?;
    tx.execute(
        "INSERT INTO actor_overrides (id, kind, actor_id, other_id, alias, alias_key, reason, undo)
         VALUES (?1, 'split', ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            id,
            from,
            new_id,
            display,
            key,
            reason,
            serde_json::to_string(&SplitUndo { alias: removed })?
        ],
    )?;
    tx.execute(
        "DELETE FROM actor_aliases WHERE actor_id = ?1 AND alias_key = ?2",
        params![from, key],
    )?;
    tx.execute(
        "UPDATE mentions SET actor_id = ?2 WHERE actor_id = ?1 AND text_key = ?3",
        params![from, new_id, key],
    )?;
    // Whole document entities named by the alias move with everything that refers to them.
    for entity in entities_named(tx, from, &key)? {
        move_entity(tx, entity, from, new_id, true)?;
    }
    Ok((id, new_id))
}

fn entities_named(conn: &Connection, actor: i64, key: &str) -> Result<Vec<(i64, i64)>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT doc_id, idx FROM doc_entities WHERE actor_id = ?1 AND name_key = ?2",
    )?;
    let rows = stmt
        .query_map(params![actor, key], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

/// An active correction as stored, with what undoing it needs.
struct Active {
    row: OverrideRow,
    undo: Option<String>,
}

fn load_active(conn: &Connection, id: i64) -> Result<Option<Active>, StoreError> {
    let found = conn
        .query_row(
            "SELECT o.kind, o.actor_id, a.name, o.other_id, b.name, o.alias, o.reason, o.forced,
                    o.created_at, o.undo
             FROM actor_overrides o JOIN actors a ON a.id = o.actor_id
             JOIN actors b ON b.id = o.other_id WHERE o.id = ?1",
            [id],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    ActorRef {
                        id: r.get(1)?,
                        name: r.get(2)?,
                    },
                    ActorRef {
                        id: r.get(3)?,
                        name: r.get(4)?,
                    },
                    r.get::<_, Option<String>>(5)?,
                    r.get::<_, Option<String>>(6)?,
                    r.get::<_, bool>(7)?,
                    r.get::<_, String>(8)?,
                    r.get::<_, Option<String>>(9)?,
                ))
            },
        )
        .optional()?;
    let Some((kind, actor, other, alias, reason, forced, created_at, undo)) = found else {
        return Ok(None);
    };
    Ok(Some(Active {
        row: OverrideRow {
            id,
            kind: parse_kind(&kind)?,
            actor,
            other,
            alias,
            reason,
            forced,
            created_at,
            undone_at: None,
        },
        undo,
    }))
}

pub(crate) fn parse_kind(kind: &str) -> Result<OverrideKind, StoreError> {
    match kind {
        "merge" => Ok(OverrideKind::Merge),
        "split" => Ok(OverrideKind::Split),
        other => Err(StoreError::Corrupt {
            what: "override kind".into(),
            detail: other.to_string(),
        }),
    }
}

/// A later active correction on either actor of `c` builds on it: undoing `c` first would leave
/// that one pointing at rows it never saw.
fn later_dependent(conn: &Connection, c: &OverrideRow) -> Result<Option<i64>, StoreError> {
    let ids = [c.actor.id, c.other.id];
    Ok(conn.query_row(
        "SELECT min(o.id) FROM actor_overrides o
             WHERE o.id > ?1 AND (o.actor_id IN (?2, ?3) OR o.other_id IN (?2, ?3))",
        params![c.id, ids[0], ids[1]],
        |r| r.get::<_, Option<i64>>(0),
    )?)
}

fn moved_rows(conn: &Connection, id: i64, what: &str) -> Result<Vec<(i64, i64)>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT doc_id, idx FROM override_moves WHERE override_id = ?1 AND what = ?2",
    )?;
    let rows = stmt
        .query_map(params![id, what], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

fn restore_alias(conn: &Connection, actor: i64, a: &AliasRow) -> Result<(), StoreError> {
    // The document an alias was first seen in may have been deleted since.
    conn.execute(
        "INSERT OR IGNORE INTO actor_aliases (actor_id, alias, alias_key, first_doc)
         VALUES (?1, ?2, ?3, (SELECT id FROM documents WHERE id = ?4))",
        params![actor, a.alias, a.key, a.first_doc],
    )?;
    Ok(())
}

/// A document entity as the assignment rules see it, rebuilt from its stored row.
fn stored_entity(conn: &Connection, doc_id: i64, idx: i64) -> Result<Entity, StoreError> {
    let (name, kind, kb_id, sector, country, aliases): (
        String,
        String,
        Option<String>,
        Option<String>,
        Option<String>,
        String,
    ) = conn.query_row(
        "SELECT name, kind, kb_id, sector, country, aliases FROM doc_entities
         WHERE doc_id = ?1 AND idx = ?2",
        [doc_id, idx],
        |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
            ))
        },
    )?;
    let kind = EntityKind::parse(&kind).ok_or_else(|| StoreError::Corrupt {
        what: format!("kind of entity {idx} of document #{doc_id}"),
        detail: kind.clone(),
    })?;
    Ok(Entity {
        name,
        kind,
        kb_id,
        sector,
        country,
        aliases: serde_json::from_str(&aliases)?,
        mentions: Vec::new(),
        reasons: Vec::new(),
    })
}

fn undo_merge(tx: &Connection, c: &OverrideRow, undo: &MergeUndo) -> Result<(), StoreError> {
    let (keep, absorb) = (c.actor.id, c.other.id);
    tx.execute(
        "UPDATE actors SET merged_into = NULL WHERE id = ?1",
        [absorb],
    )?;
    if let Some(kb) = &undo.kb_moved {
        tx.execute("UPDATE actors SET kb_id = NULL WHERE id = ?1", [keep])?;
        tx.execute(
            "UPDATE actors SET kb_id = ?1 WHERE id = ?2",
            params![kb, absorb],
        )?;
    }
    if undo.sector_filled {
        tx.execute("UPDATE actors SET sector = NULL WHERE id = ?1", [keep])?;
    }
    if undo.country_filled {
        tx.execute("UPDATE actors SET country = NULL WHERE id = ?1", [keep])?;
    }
    for key in &undo.added_keys {
        tx.execute(
            "DELETE FROM actor_aliases WHERE actor_id = ?1 AND alias_key = ?2",
            params![keep, key],
        )?;
    }
    for a in &undo.absorbed_aliases {
        restore_alias(tx, absorb, a)?;
    }
    let journaled = moved_rows(tx, c.id, "entity")?;
    // Mentions were journaled on their own: a split-off mention may have moved without its entity.
    for &entity in &journaled {
        move_entity(tx, entity, keep, absorb, false)?;
    }
    for (doc_id, idx) in moved_rows(tx, c.id, "mention")? {
        tx.execute(
            "UPDATE mentions SET actor_id = ?3 WHERE doc_id = ?1 AND idx = ?2 AND actor_id = ?4",
            params![doc_id, idx, absorb, keep],
        )?;
    }
    reassign_later(tx, keep, absorb, undo.last_doc, &journaled)
}

/// Entities stored after the merge were joined under it; the assignment rules, asked again now
/// that both actors stand apart, say which of them belong to the revived actor.
fn reassign_later(
    tx: &Connection,
    keep: i64,
    absorb: i64,
    last_doc: i64,
    journaled: &[(i64, i64)],
) -> Result<(), StoreError> {
    let mut stmt =
        tx.prepare("SELECT doc_id, idx FROM doc_entities WHERE actor_id = ?1 AND doc_id > ?2")?;
    let later = stmt
        .query_map([keep, last_doc], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    drop(stmt);
    for (doc_id, idx) in later.into_iter().filter(|k| !journaled.contains(k)) {
        let e = stored_entity(tx, doc_id, idx)?;
        let key = fold_key(&e.name);
        if match_actor(tx, &e, &key)?.0 == Some(absorb) {
            move_entity(tx, (doc_id, idx), keep, absorb, true)?;
            for form in std::iter::once(&e.name).chain(&e.aliases) {
                add_alias(tx, absorb, form, &fold_key(form), Some(doc_id))?;
            }
        }
    }
    Ok(())
}

fn undo_split(tx: &Connection, c: &OverrideRow, undo: &SplitUndo) -> Result<(), StoreError> {
    let (from, split) = (c.actor.id, c.other.id);
    // Everything on the split-off actor came from the split or was matched to it because of it.
    let mut stmt = tx.prepare("SELECT doc_id, idx FROM doc_entities WHERE actor_id = ?1")?;
    let entities = stmt
        .query_map([split], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))?
        .collect::<Result<Vec<_>, _>>()?;
    drop(stmt);
    for entity in entities {
        move_entity(tx, entity, split, from, true)?;
    }
    repoint(tx, split, from)?;
    restore_alias(tx, from, &undo.alias)?;
    tx.execute(
        "INSERT OR IGNORE INTO actor_aliases (actor_id, alias, alias_key, first_doc)
         SELECT ?2, alias, alias_key, first_doc FROM actor_aliases WHERE actor_id = ?1
           AND alias_key <> (SELECT name_key FROM actors WHERE id = ?2)",
        [split, from],
    )?;
    tx.execute("DELETE FROM actor_aliases WHERE actor_id = ?1", [split])?;
    Ok(())
}

/// Moves an undone correction from the replayed table to the history.
fn retire(tx: &Connection, c: &OverrideRow) -> Result<(), StoreError> {
    tx.execute(
        "INSERT INTO undone_overrides (id, kind, actor_id, actor_name, other_id, other_name, alias,
                                       reason, forced, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            c.id,
            match c.kind {
                OverrideKind::Merge => "merge",
                OverrideKind::Split => "split",
            },
            c.actor.id,
            c.actor.name,
            c.other.id,
            c.other.name,
            c.alias,
            c.reason,
            c.forced,
            c.created_at
        ],
    )?;
    tx.execute("DELETE FROM actor_overrides WHERE id = ?1", [c.id])?;
    if c.kind == OverrideKind::Split {
        // The split-off actor existed only through the correction.
        tx.execute("DELETE FROM actors WHERE id = ?1", [c.other.id])?;
    }
    Ok(())
}

fn undo_tx(tx: &Connection, id: i64) -> Result<OverrideRow, StoreError> {
    let Some(active) = load_active(tx, id)? else {
        let undone: Option<String> = tx
            .query_row(
                "SELECT undone_at FROM undone_overrides WHERE id = ?1",
                [id],
                |r| r.get(0),
            )
            .optional()?;
        return Err(match undone {
            Some(at) => StoreError::CannotUndo {
                id,
                why: format!("it was already undone at {at}"),
            },
            None => StoreError::CorrectionNotFound(id),
        });
    };
    let c = active.row;
    if let Some(later) = later_dependent(tx, &c)? {
        return Err(StoreError::CannotUndo {
            id,
            why: format!("correction #{later} involves the same actors; undo #{later} first"),
        });
    }
    let Some(undo) = active.undo else {
        return Err(StoreError::CannotUndo {
            id,
            why: "it was recorded by an older mosaic that did not keep what undoing needs".into(),
        });
    };
    match c.kind {
        OverrideKind::Merge => undo_merge(tx, &c, &serde_json::from_str(&undo)?)?,
        OverrideKind::Split => undo_split(tx, &c, &serde_json::from_str(&undo)?)?,
    }
    retire(tx, &c)?;
    Ok(c)
}

impl Store {
    /// Merges two actors as [`MergeRequest`] says and records the correction: the absorbed
    /// actor's names and kb id keep leading to the survivor in every later ingest. Two states,
    /// or two knowledge-base actors of different countries, are refused unless forced
    /// ([`StoreError::MergeNeedsForce`]). Returns the recorded correction.
    pub fn merge(&mut self, req: &MergeRequest) -> Result<OverrideRow, StoreError> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let keep_id = one_actor(&tx, &req.keep)?;
        let absorb_id = one_actor(&tx, &req.absorb)?;
        if keep_id == absorb_id {
            return Err(StoreError::InvalidOverride(format!(
                "'{}' and '{}' are already the same actor #{keep_id}",
                req.keep, req.absorb
            )));
        }
        let id = apply_merge(&tx, keep_id, absorb_id, req)?;
        let row = load_active(&tx, id)?.map(|a| a.row);
        crate::clusters::recluster_actors(&tx, &[keep_id, absorb_id], &self.outlets)?;
        tx.commit()?;
        row.ok_or(StoreError::CorrectionNotFound(id))
    }

    /// Merges actor `absorb` into actor `keep` (each an id, kb id, name or alias naming exactly
    /// one actor), with no reason and past the safety checks; see [`Store::merge`].
    pub fn merge_actors(&mut self, keep: &str, absorb: &str) -> Result<(), StoreError> {
        self.merge(&MergeRequest {
            keep: keep.into(),
            absorb: absorb.into(),
            reason: None,
            force: true,
        })
        .map(|_| ())
    }

    /// Splits the surface form `alias` off `actor` into a new actor and records the correction
    /// with its reason: mentions written that way (and document entities named that way) move
    /// to the new actor, now and in every later ingest. Returns the recorded correction, whose
    /// `other` is the new actor.
    pub fn split(
        &mut self,
        actor: &str,
        alias: &str,
        reason: Option<&str>,
    ) -> Result<OverrideRow, StoreError> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let from = one_actor(&tx, actor)?;
        let (id, _) = apply_split(&tx, from, alias, reason)?;
        let row = load_active(&tx, id)?.map(|a| a.row);
        if let Some(r) = &row {
            crate::clusters::recluster_actors(&tx, &[from, r.other.id], &self.outlets)?;
        }
        tx.commit()?;
        row.ok_or(StoreError::CorrectionNotFound(id))
    }

    /// [`Store::split`] without a reason; returns the new actor's id.
    pub fn split_alias(&mut self, actor: &str, alias: &str) -> Result<i64, StoreError> {
        Ok(self.split(actor, alias, None)?.other.id)
    }

    /// Undoes correction `id`: the rows it moved go back, the absorbed actor (merge) stands
    /// again with its names and kb id, the split-off actor (split) is folded back, and entities
    /// stored since are reassigned by the usual rules. The correction is no longer replayed;
    /// it stays listed as undone. Refused when a later correction involves the same actors
    /// (undo that one first). Returns the correction as it was.
    pub fn undo(&mut self, id: i64) -> Result<OverrideRow, StoreError> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut row = undo_tx(&tx, id)?;
        crate::clusters::recluster_actors(&tx, &[row.actor.id, row.other.id], &self.outlets)?;
        row.undone_at = tx
            .query_row(
                "SELECT undone_at FROM undone_overrides WHERE id = ?1",
                [id],
                |r| r.get(0),
            )
            .optional()?;
        tx.commit()?;
        Ok(row)
    }

    /// Every correction, active and undone, by number.
    pub fn corrections(&self) -> Result<Vec<OverrideRow>, StoreError> {
        let mut out = self.overrides()?;
        let mut stmt = self.conn.prepare(
            "SELECT id, kind, actor_id, actor_name, other_id, other_name, alias, reason, forced,
                    created_at, undone_at FROM undone_overrides",
        )?;
        let rows = stmt
            .query_map([], |r| {
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
                        reason: r.get(7)?,
                        forced: r.get(8)?,
                        created_at: r.get(9)?,
                        undone_at: r.get(10)?,
                    },
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        for (kind, mut row) in rows {
            row.kind = parse_kind(&kind)?;
            out.push(row);
        }
        out.sort_by_key(|r| r.id);
        Ok(out)
    }
}
