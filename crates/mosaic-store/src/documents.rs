//! Listing stored documents and finding the one a user names.

use rusqlite::types::Value;
use rusqlite::{params_from_iter, Connection, OptionalExtension};

use crate::{DocumentFilter, DocumentListing, DocumentRow, Pick, Store, StoreError};

/// Ids of the documents `query` names, latest first: an id; else an exact name; else a name
/// that differs only by the file extension (`a` for `a.json`, `a.json` for a document stored as
/// `a` by an older mosaic); else the path it was read from, whole or by its last parts.
fn document_ids(conn: &Connection, query: &str) -> Result<Vec<i64>, StoreError> {
    let q = query.trim();
    if let Ok(id) = q.trim_start_matches('#').parse::<i64>() {
        let found: Option<i64> = conn
            .query_row("SELECT id FROM documents WHERE id = ?1", [id], |r| r.get(0))
            .optional()?;
        if let Some(id) = found {
            return Ok(vec![id]);
        }
    }
    for sql in [
        "SELECT id FROM documents WHERE name = ?1 ORDER BY id DESC",
        "SELECT id FROM documents
         WHERE (substr(name, 1, length(?1) + 1) = ?1 || '.' AND instr(substr(name, length(?1) + 2), '.') = 0)
            OR (substr(?1, 1, length(name) + 1) = name || '.' AND instr(substr(?1, length(name) + 2), '.') = 0)
         ORDER BY id DESC",
        "SELECT id FROM documents WHERE origin = ?1 OR substr(origin, -length(?1) - 1) = '/' || ?1
         ORDER BY id DESC",
    ] {
        let mut stmt = conn.prepare_cached(sql)?;
        let ids = stmt
            .query_map([q], |r| r.get::<_, i64>(0))?
            .collect::<Result<Vec<_>, _>>()?;
        if !ids.is_empty() {
            return Ok(ids);
        }
    }
    Ok(Vec::new())
}

/// How [`document_where`] treats the date bounds.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Part {
    /// What the filter keeps.
    Kept,
    /// The undated documents the date bounds leave out.
    HiddenUndated,
    /// Everything the filter keeps, copies included.
    WithCopies,
}

fn document_where(f: &DocumentFilter, part: Part) -> (String, Vec<Value>) {
    let mut sql =
        String::from(" FROM documents d LEFT JOIN sources s ON s.id = d.source_id WHERE 1 = 1");
    let mut args = Vec::new();
    if let Some(outlet) = f.outlet.as_deref() {
        args.push(Value::Text(outlet.trim().to_lowercase()));
        sql.push_str(&format!(
            " AND instr(lower(COALESCE(s.name, '')), ?{}) > 0",
            args.len()
        ));
    }
    let bounds: Vec<(&str, String)> = [
        f.since
            .as_deref()
            .map(|d| ("d.published >=", d.trim().to_string())),
        f.until
            .as_deref()
            .map(|d| ("d.published <=", format!("{}~", d.trim()))),
    ]
    .into_iter()
    .flatten()
    .collect();
    if part == Part::HiddenUndated {
        let hidden = !bounds.is_empty() && !f.include_undated;
        sql.push_str(if hidden {
            " AND d.published IS NULL"
        } else {
            " AND 0"
        });
    } else if !bounds.is_empty() {
        let mut within = Vec::new();
        for (cmp, value) in bounds {
            args.push(Value::Text(value));
            within.push(format!("{cmp} ?{}", args.len()));
        }
        let within = within.join(" AND ");
        sql.push_str(&if f.include_undated {
            format!(" AND (d.published IS NULL OR ({within}))")
        } else {
            format!(" AND {within}")
        });
    }
    if part != Part::WithCopies && !f.include_duplicates {
        sql.push_str(" AND d.near_duplicate_of IS NULL");
    }
    (sql, args)
}

fn count(conn: &Connection, f: &DocumentFilter, part: Part) -> Result<usize, StoreError> {
    let (from, args) = document_where(f, part);
    let n: i64 = conn.query_row(
        &format!("SELECT count(*){from}"),
        params_from_iter(args),
        |r| r.get(0),
    )?;
    Ok(n as usize)
}

fn copies_of(conn: &Connection, id: i64) -> Result<Vec<i64>, StoreError> {
    let mut stmt =
        conn.prepare_cached("SELECT id FROM documents WHERE near_duplicate_of = ?1 ORDER BY id")?;
    let ids = stmt
        .query_map([id], |r| r.get(0))?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(ids)
}

fn document_rows(
    conn: &Connection,
    from: &str,
    args: Vec<Value>,
    limit: Option<usize>,
) -> Result<Vec<DocumentRow>, StoreError> {
    let mut sql = format!(
        "SELECT d.id, d.name, d.title, s.name, d.published, d.url, d.origin, d.text,
                d.near_duplicate_of, d.ingested_at,
                (SELECT count(*) FROM events e WHERE e.doc_id = d.id){from} ORDER BY d.id"
    );
    if let Some(limit) = limit {
        sql.push_str(&format!(" LIMIT {limit}"));
    }
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt
        .query_map(params_from_iter(args), |r| {
            Ok(DocumentRow {
                id: r.get(0)?,
                name: r.get(1)?,
                title: r.get(2)?,
                outlet: r.get(3)?,
                published: r.get(4)?,
                url: r.get(5)?,
                origin: r.get(6)?,
                words: r.get::<_, String>(7)?.split_whitespace().count(),
                copy_of: r.get(8)?,
                ingested_at: r.get(9)?,
                events: r.get::<_, i64>(10)? as usize,
                copies: Vec::new(),
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    rows.into_iter()
        .map(|mut d| {
            d.copies = copies_of(conn, d.id)?;
            Ok(d)
        })
        .collect()
}

impl Store {
    /// Stored documents matching `filter`, oldest stored first, with what the filter left out.
    pub fn list_documents(&self, filter: &DocumentFilter) -> Result<DocumentListing, StoreError> {
        let conn = &self.conn;
        let (from, args) = document_where(filter, Part::Kept);
        let documents = document_rows(conn, &from, args, filter.limit)?;
        let kept = count(conn, filter, Part::Kept)?;
        Ok(DocumentListing {
            documents,
            undated_hidden: count(conn, filter, Part::HiddenUndated)?,
            copies_hidden: count(conn, filter, Part::WithCopies)? - kept,
        })
    }

    /// The document `query` names (see `document_ids` for the order of the rules): exactly
    /// one, or every candidate so the user can choose by id.
    pub fn pick_document(&self, query: &str) -> Result<Pick<DocumentRow>, StoreError> {
        let ids = document_ids(&self.conn, query)?;
        if ids.is_empty() {
            return Ok(Pick::None);
        }
        let list = ids
            .iter()
            .map(|i| i.to_string())
            .collect::<Vec<_>>()
            .join(",");
        let from = format!(
            " FROM documents d LEFT JOIN sources s ON s.id = d.source_id WHERE d.id IN ({list})"
        );
        let mut rows = document_rows(&self.conn, &from, Vec::new(), None)?;
        rows.reverse();
        Ok(if rows.len() == 1 {
            Pick::One(rows.remove(0))
        } else {
            Pick::Several(rows)
        })
    }
}
