//! Writing: documents, global actor assignment, and analyst corrections.

use std::collections::HashMap;

use mosaic_core::{fold_key, Document, Entity, EntityKind, Span};
use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};
use serde::Serialize;

use crate::read::find_document_id;
use crate::{IngestOutcome, Store, StoreError};

/// Follows `merged_into` links to the live actor.
pub(crate) fn resolve(conn: &Connection, mut id: i64) -> Result<i64, StoreError> {
    let mut stmt = conn.prepare_cached("SELECT merged_into FROM actors WHERE id = ?1")?;
    // Merges refuse cycles, so the bound only guards against hand-edited files.
    for _ in 0..1000 {
        match stmt
            .query_row([id], |r| r.get::<_, Option<i64>>(0))
            .optional()?
            .flatten()
        {
            Some(next) => id = next,
            None => return Ok(id),
        }
    }
    Err(StoreError::Corrupt {
        what: format!("merge chain of actor #{id}"),
        detail: "cycle".into(),
    })
}

/// Split corrections: (actor the alias left, alias key) → (new actor, override id).
struct Splits(HashMap<(i64, String), (i64, i64)>);

impl Splits {
    fn load(conn: &Connection) -> Result<Splits, StoreError> {
        let mut stmt =
            conn.prepare_cached("SELECT actor_id, alias_key, other_id, id FROM actor_overrides WHERE kind = 'split' ORDER BY id")?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, i64>(2)?,
                    r.get::<_, i64>(3)?,
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        let mut map = HashMap::new();
        for (from, key, to, id) in rows {
            // Keyed by the live actor: a split survives a later merge of the actor it left.
            // Later corrections replace earlier ones for the same alias.
            map.insert((resolve(conn, from)?, key), (to, id));
        }
        Ok(Splits(map))
    }

    /// Where a surface form with folded `key`, assigned to live actor `actor`, really belongs.
    fn redirect(
        &self,
        conn: &Connection,
        mut actor: i64,
        key: &str,
    ) -> Result<(i64, Vec<i64>), StoreError> {
        let mut applied = Vec::new();
        while let Some(&(to, override_id)) = self.0.get(&(actor, key.to_string())) {
            if applied.contains(&override_id) {
                break;
            }
            applied.push(override_id);
            actor = resolve(conn, to)?;
        }
        Ok((actor, applied))
    }
}

struct ActorInfo {
    name_key: String,
    kind: Option<EntityKind>,
    kb_id: Option<String>,
}

fn actor_info(conn: &Connection, id: i64) -> Result<ActorInfo, StoreError> {
    let mut stmt = conn.prepare_cached("SELECT name_key, kind, kb_id FROM actors WHERE id = ?1")?;
    Ok(stmt.query_row([id], |r| {
        Ok(ActorInfo {
            name_key: r.get(0)?,
            kind: EntityKind::parse(&r.get::<_, String>(1)?),
            kb_id: r.get(2)?,
        })
    })?)
}

/// Live actors whose canonical name (when `names`) or an alias folds to `key`.
fn actors_with_key(conn: &Connection, key: &str, names: bool) -> Result<Vec<i64>, StoreError> {
    let mut raw: Vec<i64> = Vec::new();
    if names {
        let mut stmt = conn.prepare_cached("SELECT id FROM actors WHERE name_key = ?1")?;
        raw.extend(
            stmt.query_map([key], |r| r.get::<_, i64>(0))?
                .collect::<Result<Vec<_>, _>>()?,
        );
    }
    // An alias split off an actor still counts as that actor's alias here, so the rules reach the
    // same actor as before the correction and the correction can then redirect the match.
    let mut stmt = conn.prepare_cached(
        "SELECT actor_id FROM actor_aliases WHERE alias_key = ?1
         UNION SELECT actor_id FROM actor_overrides WHERE kind = 'split' AND alias_key = ?1",
    )?;
    raw.extend(
        stmt.query_map([key], |r| r.get::<_, i64>(0))?
            .collect::<Result<Vec<_>, _>>()?,
    );
    let mut live = Vec::with_capacity(raw.len());
    for id in raw {
        live.push(resolve(conn, id)?);
    }
    live.sort_unstable();
    live.dedup();
    Ok(live)
}

/// Places and regions are often typed either way by NER; every other kind must match exactly.
fn kinds_compatible(a: EntityKind, b: EntityKind) -> bool {
    a == b
        || matches!(
            (a, b),
            (EntityKind::Gpe, EntityKind::Loc) | (EntityKind::Loc, EntityKind::Gpe)
        )
}

/// The assignment rules without corrections: `(actor, reason)`, or `(None, reason)` for a new actor.
pub(crate) fn match_actor(
    conn: &Connection,
    e: &Entity,
    key: &str,
) -> Result<(Option<i64>, String), StoreError> {
    if let Some(kb) = &e.kb_id {
        let found: Option<i64> = conn
            .prepare_cached("SELECT id FROM actors WHERE kb_id = ?1")?
            .query_row([kb], |r| r.get(0))
            .optional()?;
        if let Some(id) = found {
            return Ok((Some(resolve(conn, id)?), format!("kb id {kb}")));
        }
    }
    let new_reason = || match &e.kb_id {
        Some(kb) => format!("new (kb id {kb})"),
        None => "new".to_string(),
    };
    if key.is_empty() {
        return Ok((None, new_reason()));
    }
    let tokens = key.split(' ').count();
    // A lone given or family name is the weakest evidence there is ("Fidan", "Ali"): it may only
    // follow an alias some earlier article tied to a full name, never another lone name.
    let lone_person = tokens == 1 && e.kind == EntityKind::Person;
    let mut fitting = Vec::new();
    for id in actors_with_key(conn, key, !lone_person)? {
        let a = actor_info(conn, id)?;
        let Some(kind) = a.kind else { continue };
        let kind_ok = if tokens >= 2 {
            kinds_compatible(kind, e.kind)
        } else {
            kind == e.kind
        };
        // Two different kb ids are two different actors, whatever their names.
        let kb_ok = e.kb_id.is_none() || a.kb_id.is_none();
        if kind_ok && kb_ok {
            fitting.push(id);
        }
    }
    let kind = e.kind.as_str();
    match fitting.as_slice() {
        [id] => {
            let mut reason = if tokens >= 2 {
                format!("same full name '{key}' and kind {kind}")
            } else if lone_person {
                format!("'{key}' is an alias of exactly one {kind} actor")
            } else {
                format!("'{key}' names exactly one {kind} actor")
            };
            if let Some(kb) = &e.kb_id {
                conn.prepare_cached(
                    "UPDATE actors SET kb_id = ?1 WHERE id = ?2 AND kb_id IS NULL",
                )?
                .execute(params![kb, id])?;
                reason.push_str(&format!("; kb id {kb} attached"));
            }
            Ok((Some(*id), reason))
        }
        [] => Ok((None, new_reason())),
        many => Ok((
            None,
            format!(
                "{} ('{key}' fits {} {kind} actors, too ambiguous to join)",
                new_reason(),
                many.len()
            ),
        )),
    }
}

pub(crate) fn create_actor(
    conn: &Connection,
    name: &str,
    key: &str,
    kind: EntityKind,
    e: Option<&Entity>,
    created_by: &str,
    doc: Option<i64>,
) -> Result<i64, StoreError> {
    conn.prepare_cached(
        "INSERT INTO actors (name, name_key, kind, kb_id, sector, country, created_by, created_doc)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        name,
        key,
        kind.as_str(),
        e.and_then(|e| e.kb_id.as_deref()),
        e.and_then(|e| e.sector.as_deref()),
        e.and_then(|e| e.country.as_deref()),
        created_by,
        doc
    ])?;
    Ok(conn.last_insert_rowid())
}

pub(crate) fn add_alias(
    conn: &Connection,
    actor: i64,
    alias: &str,
    key: &str,
    doc: Option<i64>,
) -> Result<(), StoreError> {
    if key.is_empty() || actor_info(conn, actor)?.name_key == key {
        return Ok(());
    }
    conn.prepare_cached("INSERT OR IGNORE INTO actor_aliases (actor_id, alias, alias_key, first_doc) VALUES (?1, ?2, ?3, ?4)")?
        .execute(params![actor, alias.trim(), key, doc])?;
    Ok(())
}

/// Assigns every entity of `doc` to a global actor and records the reasons; returns the actor ids.
fn assign_entities(
    conn: &Connection,
    doc: &Document,
    doc_id: i64,
    splits: &Splits,
) -> Result<Vec<i64>, StoreError> {
    let mut out = Vec::with_capacity(doc.entities.len());
    let mut insert = conn.prepare_cached(
        "INSERT INTO doc_entities (doc_id, idx, actor_id, name, name_key, kind, kb_id, sector, country, aliases, mentions, reasons, join_reason)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )?;
    for (idx, e) in doc.entities.iter().enumerate() {
        let key = fold_key(&e.name);
        let (matched, mut reason) = match_actor(conn, e, &key)?;
        let actor = match matched {
            Some(a) => {
                let (to, applied) = splits.redirect(conn, a, &key)?;
                for o in applied {
                    reason.push_str(&format!("; override #{o}: '{key}' split off actor #{a}"));
                }
                to
            }
            None => create_actor(conn, &e.name, &key, e.kind, Some(e), &reason, Some(doc_id))?,
        };
        // Guarded so an actor row is only rewritten when it learns something.
        conn.prepare_cached(
            "UPDATE actors SET sector = COALESCE(sector, ?1), country = COALESCE(country, ?2)
             WHERE id = ?3 AND ((sector IS NULL AND ?1 IS NOT NULL) OR (country IS NULL AND ?2 IS NOT NULL))",
        )?
        .execute(params![e.sector, e.country, actor])?;
        for form in std::iter::once(&e.name).chain(&e.aliases) {
            let k = fold_key(form);
            let (owner, _) = splits.redirect(conn, actor, &k)?;
            add_alias(conn, owner, form, &k, Some(doc_id))?;
        }
        insert.execute(params![
            doc_id,
            idx as i64,
            actor,
            e.name,
            key,
            e.kind.as_str(),
            e.kb_id,
            e.sector,
            e.country,
            serde_json::to_string(&e.aliases)?,
            serde_json::to_string(&e.mentions)?,
            serde_json::to_string(&e.reasons)?,
            reason
        ])?;
        out.push(actor);
    }
    Ok(out)
}

/// The serde name of a unit enum variant (`Modality::Alleged` → `alleged`).
pub(crate) fn enum_str<T: Serialize + std::fmt::Debug>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        _ => format!("{v:?}").to_lowercase(),
    }
}

/// The sortable `[lower, upper]` bounds of an ISO date value (`2013-10` → `2013-10`, `2013-10~`).
fn date_bounds(value: &str) -> Option<(String, String)> {
    let (lo, hi) = value.split_once('/').unwrap_or((value, value));
    // Parts that do not sort with calendar dates (`2013-W40`, `2013-SU`) are dropped: the value
    // then covers its whole year, which is wider but never wrong.
    let plain = |s: &str| -> String {
        let end = s
            .find(|c: char| !(c.is_ascii_digit() || c == '-' || c == 'X'))
            .unwrap_or(s.len());
        s[..end].trim_end_matches('-').to_string()
    };
    let (lo, hi) = (plain(lo), plain(hi));
    let (lo, hi) = (lo.as_str(), hi.as_str());
    let iso = |s: &str| s.starts_with(|c: char| c.is_ascii_digit());
    // '~' sorts after every digit and '-', so "2013-10~" is ≥ every day of October 2013.
    (iso(lo) && iso(hi)).then(|| (lo.replace('X', "0"), format!("{}~", hi.replace('X', "9"))))
}

fn span_text(text: &str, s: Span) -> &str {
    text.get(s.range()).unwrap_or("")
}

fn validate(doc: &Document) -> Result<(), StoreError> {
    let bad = |problem: String| StoreError::InvalidDocument {
        name: doc.meta.name.clone(),
        problem,
    };
    let text = &doc.text;
    let check_span = |what: &str, s: Span| {
        if s.start > s.end
            || s.end > text.len()
            || !text.is_char_boundary(s.start)
            || !text.is_char_boundary(s.end)
        {
            Err(bad(format!(
                "{what} span {}..{} is not a char range of the {}-byte text",
                s.start,
                s.end,
                text.len()
            )))
        } else {
            Ok(())
        }
    };
    let ents = doc.entities.len();
    let check_ent = |what: &str, i: Option<usize>| match i {
        Some(i) if i >= ents => Err(bad(format!("{what} points to entity {i} of {ents}"))),
        _ => Ok(()),
    };
    for (i, s) in doc.sentences.iter().enumerate() {
        check_span(&format!("sentence {i}"), s.span)?;
    }
    for (i, t) in doc.tokens.iter().enumerate() {
        check_span(&format!("token {i}"), t.span)?;
    }
    for (i, m) in doc.mentions.iter().enumerate() {
        check_span(&format!("mention {i}"), m.span)?;
        check_ent(&format!("mention {i}"), m.entity)?;
    }
    for (i, e) in doc.entities.iter().enumerate() {
        if let Some(&m) = e.mentions.iter().find(|&&m| m >= doc.mentions.len()) {
            return Err(bad(format!(
                "entity {i} lists mention {m} of {}",
                doc.mentions.len()
            )));
        }
    }
    for (i, t) in doc.times.iter().enumerate() {
        check_span(&format!("time {i}"), t.span)?;
    }
    for (i, r) in doc.roles.iter().enumerate() {
        check_span(&format!("role {i} evidence"), r.evidence)?;
        check_ent(&format!("role {i} person"), Some(r.person))?;
        check_ent(&format!("role {i} org"), r.org)?;
    }
    for (i, ev) in doc.events.iter().enumerate() {
        check_span(&format!("event {i} sentence"), ev.sentence)?;
        check_span(&format!("event {i} trigger"), ev.trigger)?;
        check_ent(&format!("event {i} source"), ev.source)?;
        check_ent(&format!("event {i} target"), ev.target)?;
        check_ent(&format!("event {i} location"), ev.location)?;
        for (j, a) in ev.attribution.iter().enumerate() {
            check_ent(&format!("event {i} attribution {j}"), a.entity)?;
            if let Some(s) = a.span {
                check_span(&format!("event {i} attribution {j}"), s)?;
            }
        }
    }
    for (i, d) in doc.diagnostics.iter().enumerate() {
        if let Some(s) = d.span {
            check_span(&format!("diagnostic {i}"), s)?;
        }
    }
    Ok(())
}

type CompactToken<'a> = (
    usize,
    usize,
    &'a str,
    &'a str,
    &'a str,
    &'a str,
    usize,
    bool,
);

fn insert_document(
    conn: &Connection,
    doc: &Document,
    content_hash: &str,
    simhash: u64,
    near_duplicate_of: Option<i64>,
    pipeline_version: &str,
) -> Result<i64, StoreError> {
    let source_id: Option<i64> = match doc
        .meta
        .outlet
        .as_deref()
        .map(str::trim)
        .filter(|o| !o.is_empty())
    {
        Some(outlet) => {
            conn.prepare_cached("INSERT OR IGNORE INTO sources (name) VALUES (?1)")?
                .execute([outlet])?;
            Some(
                conn.prepare_cached("SELECT id FROM sources WHERE name = ?1")?
                    .query_row([outlet], |r| r.get(0))?,
            )
        }
        None => None,
    };
    let tokens: Vec<CompactToken> = doc
        .tokens
        .iter()
        .map(|t| {
            (
                t.span.start,
                t.span.end,
                t.tag.as_str(),
                t.pos.as_str(),
                t.lemma.as_str(),
                t.dep.as_str(),
                t.head,
                t.whitespace_after,
            )
        })
        .collect();
    let m = &doc.meta;
    conn.prepare_cached(
        "INSERT INTO documents (name, origin, title, url, source_id, published, anchor_date, anchor_how, anchor_inferred,
                                content_hash, simhash, near_duplicate_of, text, offsets, tokens, pipeline_version)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
    )?
    .execute(params![
        m.name,
        m.origin,
        m.title,
        m.url,
        source_id,
        m.published,
        doc.anchor.as_ref().map(|a| &a.date),
        doc.anchor.as_ref().map(|a| &a.how),
        doc.anchor.as_ref().map(|a| a.inferred),
        content_hash,
        simhash as i64,
        near_duplicate_of,
        doc.text,
        serde_json::to_string(&doc.offsets.anchors)?,
        miniz_oxide::deflate::compress_to_vec(serde_json::to_string(&tokens)?.as_bytes(), 1),
        pipeline_version
    ])?;
    Ok(conn.last_insert_rowid())
}

fn insert_annotations(
    conn: &Connection,
    doc: &Document,
    doc_id: i64,
    actors: &[i64],
    splits: &Splits,
) -> Result<(), StoreError> {
    let text = &doc.text;
    let actor_of = |i: Option<usize>| i.map(|i| actors[i]);
    let sentence_of = |s: Span| {
        doc.sentence_at(s.start)
            .map(|i| span_text(text, doc.sentences[i].span))
            .unwrap_or_else(|| span_text(text, s))
    };

    let mut stmt = conn.prepare_cached(
        "INSERT INTO sentences (doc_id, idx, start, end, paragraph) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (i, s) in doc.sentences.iter().enumerate() {
        stmt.execute(params![
            doc_id,
            i as i64,
            s.span.start as i64,
            s.span.end as i64,
            s.paragraph as i64
        ])?;
    }

    let mut stmt = conn.prepare_cached(
        "INSERT INTO mentions (doc_id, idx, start, end, text, text_key, kind, source, entity_idx, adjectival, actor_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?;
    for (i, m) in doc.mentions.iter().enumerate() {
        let key = fold_key(&m.text);
        let actor = match actor_of(m.entity) {
            Some(a) => Some(splits.redirect(conn, a, &key)?.0),
            None => None,
        };
        stmt.execute(params![
            doc_id,
            i as i64,
            m.span.start as i64,
            m.span.end as i64,
            m.text,
            key,
            m.kind.as_str(),
            enum_str(&m.source),
            m.entity.map(|e| e as i64),
            m.adjectival,
            actor
        ])?;
    }

    let mut stmt = conn.prepare_cached(
        "INSERT INTO times (doc_id, idx, start, end, text, value, granularity, relative) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    for (i, t) in doc.times.iter().enumerate() {
        stmt.execute(params![
            doc_id,
            i as i64,
            t.span.start as i64,
            t.span.end as i64,
            t.text,
            t.value,
            enum_str(&t.granularity),
            t.relative
        ])?;
    }

    let mut stmt = conn.prepare_cached(
        "INSERT INTO roles (doc_id, idx, person_idx, person_actor, title, org_idx, org_actor, status, as_of, ev_start, ev_end, evidence, sentence, rule)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
    )?;
    for (i, r) in doc.roles.iter().enumerate() {
        stmt.execute(params![
            doc_id,
            i as i64,
            r.person as i64,
            actors[r.person],
            r.title,
            r.org.map(|o| o as i64),
            actor_of(r.org),
            enum_str(&r.status),
            r.as_of,
            r.evidence.start as i64,
            r.evidence.end as i64,
            span_text(text, r.evidence),
            sentence_of(r.evidence),
            r.rule
        ])?;
    }

    let doc_date = doc
        .anchor
        .as_ref()
        .map(|a| a.date.clone())
        .or_else(|| doc.meta.published.clone());
    let mut stmt = conn.prepare_cached(
        "INSERT INTO events (doc_id, idx, event_type, mode, source_idx, source_actor, target_idx, target_actor, modality, date,
                             effective_date, date_from, date_lower, date_upper, location_idx, location_actor, quantities,
                             sent_start, sent_end, trig_start, trig_end, trigger_text, evidence, rule,
                             cameo, source_sector, target_sector)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24,
                 ?25, ?26, ?27)",
    )?;
    let mut attr = conn.prepare_cached(
        "INSERT INTO event_attributions (event_id, ordinal, text, entity_idx, actor_id, start, end) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for (i, ev) in doc.events.iter().enumerate() {
        let (effective, from) = match (&ev.date, &doc_date) {
            (Some(d), _) => (Some(d.clone()), Some("event")),
            (None, Some(d)) => (Some(d.clone()), Some("document")),
            (None, None) => (None, None),
        };
        let bounds = effective.as_deref().and_then(date_bounds);
        stmt.execute(params![
            doc_id,
            i as i64,
            ev.event_type.as_str(),
            ev.mode.map(|m| m.as_str()),
            ev.source.map(|x| x as i64),
            actor_of(ev.source),
            ev.target.map(|x| x as i64),
            actor_of(ev.target),
            ev.modality.as_str(),
            ev.date,
            effective,
            from,
            bounds.as_ref().map(|b| &b.0),
            bounds.as_ref().map(|b| &b.1),
            ev.location.map(|x| x as i64),
            actor_of(ev.location),
            serde_json::to_string(&ev.quantities)?,
            ev.sentence.start as i64,
            ev.sentence.end as i64,
            ev.trigger.start as i64,
            ev.trigger.end as i64,
            span_text(text, ev.trigger),
            span_text(text, ev.sentence),
            ev.rule,
            ev.cameo,
            ev.source_sector,
            ev.target_sector
        ])?;
        let event_id = conn.last_insert_rowid();
        for (j, a) in ev.attribution.iter().enumerate() {
            attr.execute(params![
                event_id,
                j as i64,
                a.text,
                a.entity.map(|x| x as i64),
                actor_of(a.entity),
                a.span.map(|s| s.start as i64),
                a.span.map(|s| s.end as i64)
            ])?;
        }
    }

    let mut stmt = conn.prepare_cached(
        "INSERT INTO diagnostics (doc_id, idx, stage, severity, message, start, end) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for (i, d) in doc.diagnostics.iter().enumerate() {
        stmt.execute(params![
            doc_id,
            i as i64,
            d.stage,
            enum_str(&d.severity),
            d.message,
            d.span.map(|s| s.start as i64),
            d.span.map(|s| s.end as i64)
        ])?;
    }
    Ok(())
}

impl Store {
    /// Stores one analysed article in a single transaction and assigns its entities to global
    /// actors.
    ///
    /// A document whose `content_hash` is already stored is left alone ([`IngestOutcome::Unchanged`]),
    /// so re-running an interrupted ingest completes it without doubles. Documents are not keyed
    /// by name: an edited article (new hash) is stored beside the old version.
    ///
    /// Assignment, per entity, first rule that applies:
    /// 1. its kb id is held by an actor → that actor;
    /// 2. a name of two or more tokens equal (after `fold_key`) to the name or an alias of
    ///    exactly one actor of a compatible kind (same kind, or GPE/LOC) that has no other kb id;
    /// 3. a one-token name: a PERSON must be an *alias* of exactly one PERSON actor (two bare
    ///    "Fidan"s never merge); other kinds must name exactly one actor of the same kind;
    /// 4. otherwise a new actor.
    ///
    /// Corrections then win: absorbed actors forward to their survivor, and surface forms split
    /// off an actor go to the split-off actor. Every decision is stored with its reason.
    pub fn put_document(
        &mut self,
        doc: &Document,
        content_hash: &str,
        simhash: u64,
        near_duplicate_of: Option<i64>,
    ) -> Result<IngestOutcome, StoreError> {
        validate(doc)?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        if let Some(doc_id) = hash_lookup(&tx, content_hash)? {
            return Ok(IngestOutcome::Unchanged { doc_id });
        }
        if let Some(of) = near_duplicate_of {
            let exists: Option<i64> = tx
                .query_row("SELECT id FROM documents WHERE id = ?1", [of], |r| r.get(0))
                .optional()?;
            if exists.is_none() {
                return Err(StoreError::UnknownNearDuplicate(of));
            }
        }
        let doc_id = insert_document(
            &tx,
            doc,
            content_hash,
            simhash,
            near_duplicate_of,
            &self.pipeline_version,
        )?;
        let splits = Splits::load(&tx)?;
        let actors = assign_entities(&tx, doc, doc_id, &splits)?;
        insert_annotations(&tx, doc, doc_id, &actors, &splits)?;
        crate::clusters::cluster_document(&tx, doc_id, &self.outlets)?;
        tx.commit()?;
        Ok(match near_duplicate_of {
            Some(of) => IngestOutcome::NearDuplicate { doc_id, of },
            None => IngestOutcome::New { doc_id },
        })
    }

    /// The id of the document stored with this content hash, if any.
    pub fn has_content_hash(&self, hash: &str) -> Result<Option<i64>, StoreError> {
        hash_lookup(&self.conn, hash)
    }

    /// Deletes a document and all its annotations (actors and corrections stay, so re-putting the
    /// article reassigns it under the same corrections). Returns whether a document was deleted.
    pub fn delete_document(&mut self, name_or_id: &str) -> Result<bool, StoreError> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let Some(id) = find_document_id(&tx, name_or_id)? else {
            return Ok(false);
        };
        let touched = crate::clusters::clusters_of_document(&tx, id)?;
        tx.execute("DELETE FROM documents WHERE id = ?1", [id])?;
        for cluster in touched {
            crate::clusters::resummarize(&tx, cluster, &self.outlets)?;
        }
        tx.commit()?;
        Ok(true)
    }
}

fn hash_lookup(conn: &Connection, hash: &str) -> Result<Option<i64>, StoreError> {
    Ok(conn
        .prepare_cached("SELECT id FROM documents WHERE content_hash = ?1")?
        .query_row([hash], |r| r.get(0))
        .optional()?)
}

#[cfg(test)]
mod unit {
    use super::date_bounds;

    #[test]
    fn date_bounds_cover_the_period() {
        let (lo, hi) = date_bounds("2013-10").unwrap();
        assert!(
            lo.as_str() <= "2013-10-01" && hi.as_str() >= "2013-10-31" && hi.as_str() < "2013-11"
        );
        let (lo, hi) = date_bounds("199X").unwrap();
        assert!(lo.as_str() <= "1990-01-01" && hi.as_str() >= "1999-12-31" && hi.as_str() < "2000");
        let (lo, hi) = date_bounds("2016/2018").unwrap();
        assert!(lo.as_str() <= "2016-01" && hi.as_str() >= "2018-12-31");
        assert!(date_bounds("PRESENT_REF").is_none());
        let (lo, hi) = date_bounds("2013-W40").unwrap();
        assert!(lo.as_str() <= "2013-10-01" && hi.as_str() >= "2013-10-01" && hi.as_str() < "2014");
    }
}
