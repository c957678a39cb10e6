//! Versioned schema: `PRAGMA user_version` holds the number of migrations applied.
//!
//! Migrations are append-only. Each runs in its own immediate transaction together with the
//! `user_version` bump, so a crash mid-migration leaves the previous version intact, and two
//! processes opening a fresh file at once serialise on the write lock instead of both migrating.

use std::path::Path;

use rusqlite::{Connection, TransactionBehavior};

use crate::StoreError;

/// `PRAGMA application_id` of mosaic databases ("MSIC"), so a foreign SQLite file is refused.
pub const APPLICATION_ID: i64 = 0x4D53_4943;

const V1: &str = r#"
PRAGMA application_id = 1297303875;

-- Outlets, shared by their documents.
CREATE TABLE sources (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
);

CREATE TABLE documents (
    id                INTEGER PRIMARY KEY,
    name              TEXT NOT NULL,
    origin            TEXT NOT NULL,
    title             TEXT,
    url               TEXT,
    source_id         INTEGER REFERENCES sources(id),
    published         TEXT,
    anchor_date       TEXT,
    anchor_how        TEXT,
    anchor_inferred   INTEGER,
    content_hash      TEXT NOT NULL UNIQUE,
    -- u64 simhash stored bit-for-bit as i64.
    simhash           INTEGER NOT NULL,
    near_duplicate_of INTEGER REFERENCES documents(id) ON DELETE SET NULL,
    text              TEXT NOT NULL,
    -- OffsetMap anchors as JSON [[clean, original], ...].
    offsets           TEXT NOT NULL,
    -- Tokens as one deflated JSON array of [start, end, tag, pos, lemma, dep, head, ws]:
    -- nothing queries single tokens, and they would otherwise be half the file.
    tokens            BLOB NOT NULL,
    ingested_at       TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    pipeline_version  TEXT NOT NULL
);
CREATE INDEX documents_name ON documents(name);
CREATE INDEX documents_near_dup ON documents(near_duplicate_of);
CREATE INDEX documents_source ON documents(source_id);

CREATE TABLE sentences (
    doc_id    INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx       INTEGER NOT NULL,
    start     INTEGER NOT NULL,
    end       INTEGER NOT NULL,
    paragraph INTEGER NOT NULL,
    PRIMARY KEY (doc_id, idx)
) WITHOUT ROWID;

-- Global actors. Rows are never deleted: an absorbed actor stays as a tombstone
-- (merged_into set) so its kb id, name and aliases keep routing new mentions to the survivor.
CREATE TABLE actors (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    name_key    TEXT NOT NULL,
    kind        TEXT NOT NULL,
    kb_id       TEXT UNIQUE,
    sector      TEXT,
    country     TEXT,
    created_by  TEXT NOT NULL,
    created_doc INTEGER REFERENCES documents(id) ON DELETE SET NULL,
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    merged_into INTEGER REFERENCES actors(id)
);
CREATE INDEX actors_name_key ON actors(name_key);
CREATE INDEX actors_merged_into ON actors(merged_into);
CREATE INDEX actors_created_doc ON actors(created_doc);

CREATE TABLE actor_aliases (
    actor_id  INTEGER NOT NULL REFERENCES actors(id),
    alias     TEXT NOT NULL,
    alias_key TEXT NOT NULL,
    first_doc INTEGER REFERENCES documents(id) ON DELETE SET NULL,
    PRIMARY KEY (actor_id, alias_key)
) WITHOUT ROWID;
CREATE INDEX actor_aliases_key ON actor_aliases(alias_key);
CREATE INDEX actor_aliases_first_doc ON actor_aliases(first_doc);

-- The article's own entities, each tied to the global actor it was assigned to and why.
CREATE TABLE doc_entities (
    doc_id      INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx         INTEGER NOT NULL,
    actor_id    INTEGER NOT NULL REFERENCES actors(id),
    name        TEXT NOT NULL,
    name_key    TEXT NOT NULL,
    kind        TEXT NOT NULL,
    kb_id       TEXT,
    sector      TEXT,
    country     TEXT,
    aliases     TEXT NOT NULL,
    mentions    TEXT NOT NULL,
    reasons     TEXT NOT NULL,
    join_reason TEXT NOT NULL,
    PRIMARY KEY (doc_id, idx)
) WITHOUT ROWID;
CREATE INDEX doc_entities_actor ON doc_entities(actor_id);

CREATE TABLE mentions (
    doc_id     INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx        INTEGER NOT NULL,
    start      INTEGER NOT NULL,
    end        INTEGER NOT NULL,
    text       TEXT NOT NULL,
    text_key   TEXT NOT NULL,
    kind       TEXT NOT NULL,
    source     TEXT NOT NULL,
    entity_idx INTEGER,
    adjectival INTEGER NOT NULL,
    -- Usually the entity's actor; differs when an analyst split this surface form off.
    actor_id   INTEGER REFERENCES actors(id),
    PRIMARY KEY (doc_id, idx)
) WITHOUT ROWID;
CREATE INDEX mentions_actor ON mentions(actor_id);

CREATE TABLE times (
    doc_id      INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx         INTEGER NOT NULL,
    start       INTEGER NOT NULL,
    end         INTEGER NOT NULL,
    text        TEXT NOT NULL,
    value       TEXT NOT NULL,
    granularity TEXT NOT NULL,
    relative    INTEGER NOT NULL,
    PRIMARY KEY (doc_id, idx)
) WITHOUT ROWID;

CREATE TABLE roles (
    doc_id       INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx          INTEGER NOT NULL,
    person_idx   INTEGER NOT NULL,
    person_actor INTEGER NOT NULL REFERENCES actors(id),
    title        TEXT NOT NULL,
    org_idx      INTEGER,
    org_actor    INTEGER REFERENCES actors(id),
    status       TEXT NOT NULL,
    as_of        TEXT,
    ev_start     INTEGER NOT NULL,
    ev_end       INTEGER NOT NULL,
    evidence     TEXT NOT NULL,
    sentence     TEXT NOT NULL,
    rule         TEXT NOT NULL,
    PRIMARY KEY (doc_id, idx)
) WITHOUT ROWID;
CREATE INDEX roles_person ON roles(person_actor);

CREATE TABLE events (
    id             INTEGER PRIMARY KEY,
    doc_id         INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx            INTEGER NOT NULL,
    event_type     TEXT NOT NULL,
    mode           TEXT,
    source_idx     INTEGER,
    source_actor   INTEGER REFERENCES actors(id),
    target_idx     INTEGER,
    target_actor   INTEGER REFERENCES actors(id),
    modality       TEXT NOT NULL,
    date           TEXT,
    -- The event's date, or the document's when the event has none (date_from says which),
    -- with the bounds of that period as sortable strings for range filters.
    effective_date TEXT,
    date_from      TEXT,
    date_lower     TEXT,
    date_upper     TEXT,
    location_idx   INTEGER,
    location_actor INTEGER REFERENCES actors(id),
    quantities     TEXT NOT NULL,
    sent_start     INTEGER NOT NULL,
    sent_end       INTEGER NOT NULL,
    trig_start     INTEGER NOT NULL,
    trig_end       INTEGER NOT NULL,
    trigger_text   TEXT NOT NULL,
    evidence       TEXT NOT NULL,
    rule           TEXT NOT NULL,
    UNIQUE (doc_id, idx)
);
-- Each per-actor index costs a page write per actor per ingest transaction, so only lookups
-- the queries need are indexed; corrections that repoint org/location/attribution actors scan.
CREATE INDEX events_source ON events(source_actor);
CREATE INDEX events_target ON events(target_actor);
CREATE INDEX events_type ON events(event_type);
CREATE INDEX events_date ON events(date_lower);

CREATE TABLE event_attributions (
    event_id   INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    ordinal    INTEGER NOT NULL,
    text       TEXT NOT NULL,
    entity_idx INTEGER,
    actor_id   INTEGER REFERENCES actors(id),
    start      INTEGER,
    end        INTEGER,
    PRIMARY KEY (event_id, ordinal)
) WITHOUT ROWID;

CREATE TABLE diagnostics (
    doc_id   INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx      INTEGER NOT NULL,
    stage    TEXT NOT NULL,
    severity TEXT NOT NULL,
    message  TEXT NOT NULL,
    start    INTEGER,
    end      INTEGER,
    PRIMARY KEY (doc_id, idx)
) WITHOUT ROWID;

-- Analyst corrections, replayed whenever actors are assigned.
-- merge: actor_id kept, other_id absorbed.  split: alias_key left actor_id for other_id.
CREATE TABLE actor_overrides (
    id         INTEGER PRIMARY KEY,
    kind       TEXT NOT NULL CHECK (kind IN ('merge', 'split')),
    actor_id   INTEGER NOT NULL REFERENCES actors(id),
    other_id   INTEGER NOT NULL REFERENCES actors(id),
    alias      TEXT,
    alias_key  TEXT,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX actor_overrides_actor ON actor_overrides(actor_id, alias_key);
CREATE INDEX actor_overrides_other ON actor_overrides(other_id);
"#;

/// Events keep their CAMEO code and the sectors of generic actors ("Serb forces": MIL).
const V2: &str = r#"
ALTER TABLE events ADD COLUMN cameo TEXT;
ALTER TABLE events ADD COLUMN source_sector TEXT;
ALTER TABLE events ADD COLUMN target_sector TEXT;
CREATE INDEX events_cameo ON events(cameo);
"#;

/// Corrections become reviewable and reversible: each keeps its reason, whether it was forced
/// past a safety check, and what undoing it needs (the rows it moved, what it changed on the
/// survivor). Undone corrections leave the replayed table for a history of their own, so the
/// replay at ingest never sees them. Near-duplicate copies are grouped under their original for
/// counting distinct texts.
const V3: &str = r#"
ALTER TABLE actor_overrides ADD COLUMN reason TEXT;
ALTER TABLE actor_overrides ADD COLUMN forced INTEGER NOT NULL DEFAULT 0;
-- JSON written by the correction: what it changed beyond moving rows (aliases, kb id, sector).
ALTER TABLE actor_overrides ADD COLUMN undo TEXT;

-- The document entities and mentions a correction moved off an actor, to move them back.
CREATE TABLE override_moves (
    override_id INTEGER NOT NULL REFERENCES actor_overrides(id) ON DELETE CASCADE,
    what        TEXT NOT NULL CHECK (what IN ('entity', 'mention')),
    doc_id      INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx         INTEGER NOT NULL,
    PRIMARY KEY (override_id, what, doc_id, idx)
) WITHOUT ROWID;
CREATE INDEX override_moves_doc ON override_moves(doc_id);

-- Corrections that were undone, with names as text: their actors may be gone.
CREATE TABLE undone_overrides (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL,
    actor_id    INTEGER NOT NULL,
    actor_name  TEXT NOT NULL,
    other_id    INTEGER NOT NULL,
    other_name  TEXT NOT NULL,
    alias       TEXT,
    reason      TEXT,
    forced      INTEGER NOT NULL,
    created_at  TEXT NOT NULL,
    undone_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

-- Each document with the original it is a near-duplicate of (itself when it is one):
-- copies of one text count once.
CREATE VIEW document_roots AS
WITH RECURSIVE r(id, root) AS (
    SELECT id, id FROM documents WHERE near_duplicate_of IS NULL
    UNION ALL
    SELECT d.id, r.root FROM documents d JOIN r ON d.near_duplicate_of = r.id
)
SELECT id, root FROM r;
"#;

/// Across sources: every event belongs to a cluster, the reports of one real-world event, with
/// the cluster's independent origins, contradictions and Admiralty grade; each member keeps why it
/// joined, its copy group, its origin and its own grade.
const V4: &str = r#"
CREATE TABLE clusters (
    id                  INTEGER PRIMARY KEY,
    event_type          TEXT NOT NULL,
    -- The state the source stands for (`state:TUR`), else the actor (`actor:42`): with the type
    -- and the window, what candidate clusters are found by.
    source_key          TEXT,
    window_lo           TEXT,
    window_hi           TEXT,
    rep_event           INTEGER REFERENCES events(id) ON DELETE SET NULL,
    reports             INTEGER NOT NULL DEFAULT 0,
    independent_origins INTEGER NOT NULL DEFAULT 0,
    origins             TEXT NOT NULL DEFAULT '[]',
    grade               TEXT,
    grade_reason        TEXT
);
CREATE INDEX clusters_candidates ON clusters(event_type, source_key, window_lo);
CREATE INDEX clusters_reports ON clusters(reports);

CREATE TABLE cluster_members (
    event_id     INTEGER PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
    cluster_id   INTEGER NOT NULL REFERENCES clusters(id) ON DELETE CASCADE,
    doc_id       INTEGER NOT NULL,
    join_reason  TEXT NOT NULL,
    -- The member whose copy this report is (itself when it is no copy).
    copy_of      INTEGER,
    origin_key   TEXT,
    origin_label TEXT,
    origin_chain TEXT,
    -- A denial of the act: told, but not an origin of the claim.
    counter      INTEGER NOT NULL DEFAULT 0,
    grade        TEXT,
    grade_reason TEXT
);
CREATE INDEX cluster_members_cluster ON cluster_members(cluster_id);
CREATE INDEX cluster_members_doc ON cluster_members(doc_id);

CREATE TABLE contradictions (
    id         INTEGER PRIMARY KEY,
    cluster_id INTEGER NOT NULL REFERENCES clusters(id) ON DELETE CASCADE,
    kind       TEXT NOT NULL,
    what       TEXT NOT NULL,
    event_a    INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    event_b    INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE
);
CREATE INDEX contradictions_cluster ON contradictions(cluster_id);
"#;

/// Every migration in order; migration `i` brings the schema to version `i + 1`.
pub(crate) const MIGRATIONS: &[&str] = &[V1, V2, V3, V4];

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

pub(crate) fn user_version(conn: &Connection) -> Result<i64, StoreError> {
    Ok(conn.pragma_query_value(None, "user_version", |r| r.get(0))?)
}

/// Brings the database up to [`SCHEMA_VERSION`], refusing files that are newer or not mosaic's.
pub(crate) fn migrate(conn: &mut Connection, path: &Path) -> Result<(), StoreError> {
    // The common case needs no write lock, so opening never waits behind a writer.
    if user_version(conn)? == SCHEMA_VERSION && application_id(conn)? == APPLICATION_ID {
        return Ok(());
    }
    loop {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let version = user_version(&tx)?;
        if version > SCHEMA_VERSION {
            return Err(StoreError::TooNew {
                path: path.to_path_buf(),
                found: version,
                supported: SCHEMA_VERSION,
            });
        }
        let app = application_id(&tx)?;
        let foreign_tables: i64 = tx.query_row(
            "SELECT count(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'",
            [],
            |r| r.get(0),
        )?;
        if (version > 0 && app != APPLICATION_ID) || (version == 0 && foreign_tables > 0) {
            return Err(StoreError::NotMosaic {
                path: path.to_path_buf(),
            });
        }
        if version == SCHEMA_VERSION {
            return Ok(());
        }
        tx.execute_batch(MIGRATIONS[version as usize])?;
        tx.pragma_update(None, "user_version", version + 1)?;
        tx.commit()?;
    }
}

fn application_id(conn: &Connection) -> Result<i64, StoreError> {
    Ok(conn.pragma_query_value(None, "application_id", |r| r.get(0))?)
}
