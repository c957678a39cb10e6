//! End-to-end tests of `mosaic search`: the index built on ingest beside the store, filters,
//! output forms, and an index that fell behind the store (ingest without indexing, a deleted
//! index, a correction) being brought up to date and said so, never read as current.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn run(db: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_mosaic"))
        .arg("--db")
        .arg(db)
        .args(["--rules-only"])
        .args(args)
        .envs(env.iter().copied())
        .output()
        .expect("run mosaic")
}

fn ok(out: Output) -> (String, String) {
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout).to_string(),
        String::from_utf8_lossy(&out.stderr).to_string(),
    );
    assert!(out.status.success(), "mosaic failed: {stderr}\n{stdout}");
    (stdout, stderr)
}

fn json(db: &Path, args: &[&str]) -> serde_json::Value {
    let mut all = vec!["search", "--json"];
    all.extend_from_slice(args);
    let (stdout, _) = ok(run(db, &all, &[]));
    serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {stdout}"))
}

fn scratch(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("mosaic-search-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// Copies of three example articles (the Baku story, its wire copy inside the JSONL feed, the
/// Shin Bet story), so each test stores a small corpus of its own.
fn corpus(dir: &Path) -> PathBuf {
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let out = dir.join("corpus");
    std::fs::create_dir_all(&out).unwrap();
    for name in [
        "01_baku_expels_iranian_attache.txt",
        "01_baku_expels_iranian_attache.meta.json",
        "07_shin_bet_hebron_cell.html",
        "08_wire_feed.jsonl",
    ] {
        std::fs::copy(examples.join(name), out.join(name)).unwrap();
    }
    out
}

fn ingested(name: &str) -> (PathBuf, PathBuf) {
    let dir = scratch(name);
    let db = dir.join("t.db");
    ok(run(
        &db,
        &["ingest", corpus(&dir).to_str().unwrap(), "-q"],
        &[],
    ));
    (dir, db)
}

fn count(v: &serde_json::Value, kind: &str) -> usize {
    v[kind].as_array().map_or(0, |a| a.len())
}

#[test]
fn ingest_builds_the_index_and_search_finds_claims_and_articles() {
    let (_dir, db) = ingested("basic");
    assert!(db.with_extension("db.search").join("meta.json").exists());
    let v = json(&db, &["Lankaran"]);
    assert!(count(&v, "claims") >= 1, "{v:#}");
    let claim = &v["claims"][0]["claim"];
    assert_eq!(claim["doc_name"], "01_baku_expels_iranian_attache.txt");
    assert_eq!(claim["outlet"], "Baku Observer");
    // Every claim is graded and in a cluster as soon as it is stored.
    assert!(
        claim["grade"].as_str().is_some_and(|g| g.len() == 2),
        "{claim:#}"
    );
    assert!(claim["cluster"].as_i64().is_some(), "{claim:#}");
    assert_eq!(count(&v, "articles"), 1, "the wire copy is left out: {v:#}");
    assert_eq!(v["article_counts"]["copies_hidden"], 1);
    let v = json(&db, &["Lankaran", "--include-duplicates"]);
    assert_eq!(count(&v, "articles"), 2);
    let v = json(&db, &["hamas", "--kind", "articles"]);
    assert_eq!(count(&v, "claims"), 0);
    assert_eq!(
        v["articles"][0]["article"]["name"],
        "07_shin_bet_hebron_cell.html"
    );
}

#[test]
fn filters_narrow_claims_and_name_actors_by_the_one_rule() {
    let (_dir, db) = ingested("filters");
    let all = json(&db, &["--kind", "claims", "--limit", "200"]);
    let n = count(&all, "claims");
    assert!(n >= 4, "{all:#}");
    let coerce = json(
        &db,
        &["--type", "COERCE", "--kind", "claims", "--limit", "200"],
    );
    let kinds: Vec<&str> = coerce["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["claim"]["event_type"].as_str().unwrap())
        .collect();
    assert!(!kinds.is_empty() && kinds.len() < n && kinds.iter().all(|k| *k == "COERCE"));
    let outlet = json(
        &db,
        &[
            "--outlet",
            "jerusalem",
            "--kind",
            "claims",
            "--limit",
            "200",
        ],
    );
    assert!(count(&outlet, "claims") > 0);
    for h in outlet["claims"].as_array().unwrap() {
        assert_eq!(h["claim"]["outlet"], "Jerusalem Ledger");
    }
    let late = json(
        &db,
        &["--since", "2025-08", "--kind", "claims", "--limit", "200"],
    );
    assert!(count(&late, "claims") < n);
    let graded = json(&db, &["--min-grade", "B3"]);
    assert_eq!(count(&graded, "claims"), 0, "nothing is graded yet");
    let out = run(&db, &["search", "--actor", "Nobody At All"], &[]);
    assert_eq!(out.status.code(), Some(2));
    let out = run(&db, &["search", "--min-grade", "Z9"], &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("Admiralty"));
    let out = run(
        &db,
        &["search", "--kind", "articles", "--type", "COERCE"],
        &[],
    );
    assert_eq!(out.status.code(), Some(2), "type is a claim property");
}

#[test]
fn tables_mark_the_words_and_csv_has_one_header() {
    let (_dir, db) = ingested("output");
    let (table, _) = ok(run(&db, &["search", "expelled", "--limit", "1"], &[]));
    assert!(
        table.contains("claims:") && table.contains("articles:"),
        "{table}"
    );
    assert!(table.contains("«expelled»"), "{table}");
    assert!(table.contains("«»: the words searched for"), "{table}");
    let (csv, _) = ok(run(&db, &["search", "expelled", "--format", "csv"], &[]));
    let mut lines = csv.lines();
    assert!(lines
        .next()
        .unwrap()
        .starts_with("kind,score,event_id,doc_id,document"));
    assert!(lines.clone().any(|l| l.starts_with("claim,")));
    assert!(lines.any(|l| l.starts_with("article,")));
}

#[test]
fn an_index_behind_the_store_is_updated_and_says_so() {
    let dir = scratch("stale");
    let db = dir.join("t.db");
    let src = corpus(&dir);
    let one = dir.join("one");
    std::fs::create_dir_all(&one).unwrap();
    std::fs::rename(
        src.join("07_shin_bet_hebron_cell.html"),
        one.join("07_shin_bet_hebron_cell.html"),
    )
    .unwrap();
    ok(run(&db, &["ingest", src.to_str().unwrap()], &[]));
    // An ingest that does not index (as an older mosaic would): the store moves on alone.
    ok(run(
        &db,
        &["ingest", one.to_str().unwrap()],
        &[("MOSAIC_SEARCH_INDEX", "off")],
    ));
    let (_, stderr) = ok(run(&db, &["search", "hamas", "--json"], &[]));
    assert!(
        stderr.contains("was behind the store: 1 document added"),
        "{stderr}"
    );
    let v = json(&db, &["hamas", "--kind", "articles"]);
    assert_eq!(count(&v, "articles"), 1);
    let (_, stderr) = ok(run(&db, &["search", "hamas"], &[]));
    assert!(!stderr.contains("search index"), "up to date now: {stderr}");
    // A lost index is rebuilt from the store.
    std::fs::remove_dir_all(db.with_extension("db.search")).unwrap();
    let (_, stderr) = ok(run(&db, &["search", "hamas"], &[]));
    assert!(
        stderr.contains("rebuilt from the store (there was none)"),
        "{stderr}"
    );
    let (_, stderr) = ok(run(&db, &["search", "hamas", "--reindex"], &[]));
    assert!(
        stderr.contains("rebuilt from the store (as asked)"),
        "{stderr}"
    );
}

#[test]
fn a_correction_rebuilds_the_index_with_the_new_actors() {
    let (_dir, db) = ingested("correction");
    ok(run(
        &db,
        &["merge", "Shin Bet", "Hamas", "--force", "--reason", "test"],
        &[],
    ));
    let (_, stderr) = ok(run(&db, &["search", "arrested"], &[]));
    assert!(stderr.contains("corrections changed actors"), "{stderr}");
    let v = json(
        &db,
        &["--actor", "Shin Bet", "--kind", "claims", "--limit", "200"],
    );
    let names: Vec<String> = v["claims"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|h| [&h["claim"]["source"]["name"], &h["claim"]["target"]["name"]])
        .filter_map(|n| n.as_str().map(str::to_string))
        .collect();
    assert!(
        !names.iter().any(|n| n == "Hamas"),
        "Hamas is Shin Bet now: {names:?}"
    );
}

#[test]
fn a_failed_first_ingest_leaves_no_index() {
    let dir = scratch("failed");
    let db = dir.join("t.db");
    let bad = dir.join("bad");
    std::fs::create_dir_all(&bad).unwrap();
    std::fs::write(bad.join("empty.txt"), "").unwrap();
    let out = run(&db, &["ingest", bad.to_str().unwrap()], &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(!db.exists() && !db.with_extension("db.search").exists());
}
