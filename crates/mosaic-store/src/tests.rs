//! Concurrency tests; they hold transactions open by hand, which needs the private connection.

use std::time::{Duration, Instant};

use mosaic_core::{ArticleMeta, Document};

use crate::Store;

fn doc(name: &str) -> Document {
    let meta = ArticleMeta {
        name: name.into(),
        origin: name.into(),
        ..Default::default()
    };
    Document::new(meta, format!("Text of {name}."))
}

#[test]
fn readers_and_new_connections_do_not_wait_for_an_open_write() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.db");
    let mut writer = Store::open(&path).unwrap();
    writer.put_document(&doc("a"), "ha", 1, None).unwrap();
    let reader = Store::open(&path).unwrap();

    writer
        .conn
        .execute_batch("BEGIN IMMEDIATE; INSERT INTO sources (name) VALUES ('pending');")
        .unwrap();
    let started = Instant::now();
    let stats = reader.stats().unwrap();
    assert_eq!(
        (stats.documents, stats.sources),
        (1, 0),
        "the reader sees the last commit only"
    );
    assert!(reader.load_document("a").unwrap().is_some());
    let late = Store::open(&path).unwrap();
    assert_eq!(late.stats().unwrap().documents, 1);
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "reads waited {:?}",
        started.elapsed()
    );

    writer.conn.execute_batch("COMMIT").unwrap();
    assert_eq!(reader.stats().unwrap().sources, 1);
}

#[test]
fn a_second_writer_waits_for_the_first_instead_of_failing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.db");
    let first = Store::open(&path).unwrap();
    let mut second = Store::open(&path).unwrap();
    first.conn.execute_batch("BEGIN IMMEDIATE").unwrap();
    let holder = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(300));
        first.conn.execute_batch("COMMIT").unwrap();
    });
    let started = Instant::now();
    let out = second.put_document(&doc("b"), "hb", 2, None).unwrap();
    assert!(
        started.elapsed() >= Duration::from_millis(250),
        "did not wait for the lock"
    );
    holder.join().unwrap();
    assert_eq!(
        second
            .load_document(&out.doc_id().to_string())
            .unwrap()
            .unwrap()
            .meta
            .name,
        "b"
    );
}

/// A store written by the previous schema, with a correction recorded before undo existed,
/// opens, lists that correction, and refuses to undo it rather than guess.
#[test]
fn a_version_2_store_migrates_and_its_old_corrections_are_listed_not_undone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        for m in &crate::schema::MIGRATIONS[..2] {
            conn.execute_batch(m).unwrap();
        }
        conn.pragma_update(None, "user_version", 2).unwrap();
        conn.execute_batch(
            "INSERT INTO actors (id, name, name_key, kind, created_by) VALUES
               (1, 'Hakan Fidan', 'hakan fidan', 'PERSON', 'new'),
               (2, 'Hakan Fydan', 'hakan fydan', 'PERSON', 'new');
             UPDATE actors SET merged_into = 1 WHERE id = 2;
             INSERT INTO actor_overrides (kind, actor_id, other_id) VALUES ('merge', 1, 2);",
        )
        .unwrap();
    }
    let mut store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), crate::SCHEMA_VERSION);
    let list = store.corrections().unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].reason, None);
    let err = store.undo(list[0].id).unwrap_err();
    assert!(err.to_string().contains("older mosaic"), "{err}");
    store
        .put_document(&doc("after"), "h-after", 3, None)
        .unwrap();
    assert_eq!(
        store
            .list_documents(&Default::default())
            .unwrap()
            .documents
            .len(),
        1
    );
}
