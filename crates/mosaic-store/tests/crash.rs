//! Kill -9 in the middle of an ingest, then check the store is whole and the ingest resumable.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};

use common::{hash_of, typical_doc};
use mosaic_core::Document;
use mosaic_store::{IngestOutcome, Store};

const CHILD_DB: &str = "MOSAIC_STORE_CRASH_CHILD_DB";
const TOTAL: usize = 400;

fn crash_doc(i: usize) -> Document {
    let mut d = typical_doc(i);
    // Every document distinct in its counts too, so a half-written one cannot pass for another.
    d.events.truncate(5 + i % 6);
    d
}

/// The writer run in the child process; a no-op when the test harness runs it directly.
#[test]
fn crash_child_writer() {
    let Ok(path) = std::env::var(CHILD_DB) else {
        return;
    };
    let mut store = Store::open(path.as_ref()).unwrap();
    let mut out = std::io::stdout().lock();
    for i in 0..TOTAL {
        let d = crash_doc(i);
        store
            .put_document(&d, &hash_of(&d), i as u64, None)
            .unwrap();
        writeln!(out, "stored {i}").unwrap();
        out.flush().unwrap();
    }
}

/// Starts the writer on `path`, waits until it reports document `at`, lets it run `extra_ms`
/// more, then SIGKILLs it (std's `kill` on Unix: no destructor, no rollback runs).
fn run_and_kill(path: &std::path::Path, at: usize, extra_ms: u64) {
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args([
            "crash_child_writer",
            "--exact",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD_DB, path)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let wanted = format!("stored {at}");
    loop {
        let line = lines
            .next()
            .unwrap_or_else(|| panic!("child ended before storing document {at}"))
            .unwrap();
        if line == wanted {
            break;
        }
    }
    std::thread::sleep(std::time::Duration::from_millis(extra_ms));
    child.kill().unwrap();
    child.wait().unwrap();
}

/// Every stored document must be exactly one of the expected ones, whole.
fn check_consistent(store: &Store) -> usize {
    assert_eq!(store.integrity_check().unwrap(), ["ok"]);
    let stats = store.stats().unwrap();
    let (mut mentions, mut events, mut found) = (0, 0, 0);
    for i in 0..TOTAL {
        let want = crash_doc(i);
        let Some(got) = store.load_document(&want.meta.name).unwrap() else {
            continue;
        };
        // A short message on failure: the documents themselves are pages long.
        assert!(
            serde_json::to_value(&got).unwrap() == serde_json::to_value(&want).unwrap(),
            "document {i} incomplete: {} of {} mentions, {} of {} events stored",
            got.mentions.len(),
            want.mentions.len(),
            got.events.len(),
            want.events.len()
        );
        mentions += want.mentions.len();
        events += want.events.len();
        found += 1;
    }
    assert_eq!(
        found, stats.documents,
        "a stored document is not one of the expected ones, or is doubled"
    );
    assert_eq!(
        (stats.mentions, stats.events),
        (mentions, events),
        "rows of a half-written document survived"
    );
    found
}

#[test]
fn sigkill_mid_ingest_leaves_a_consistent_resumable_store() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("crash.db");
    // Three kills at different moments; each restarted writer first skips what is stored.
    let mut stored = 0;
    for (round, extra_ms) in [0u64, 3, 17].into_iter().enumerate() {
        run_and_kill(&path, stored + 25, extra_ms);
        let store = Store::open(&path).unwrap();
        let now = check_consistent(&store);
        assert!(
            now > stored + 25 && now < TOTAL,
            "round {round}: killed mid-way, yet {now} documents stored"
        );
        stored = now;
    }

    // Re-running the whole ingest completes the set without doubles.
    let mut store = Store::open(&path).unwrap();
    let (mut new, mut unchanged) = (0, 0);
    for i in 0..TOTAL {
        let d = crash_doc(i);
        match store
            .put_document(&d, &hash_of(&d), i as u64, None)
            .unwrap()
        {
            IngestOutcome::New { .. } => new += 1,
            IngestOutcome::Unchanged { .. } => unchanged += 1,
            other => panic!("{other:?}"),
        }
    }
    assert_eq!((unchanged, new), (stored, TOTAL - stored));
    assert_eq!(check_consistent(&store), TOTAL);
    assert_eq!(store.stats().unwrap().actors, 14);
}
