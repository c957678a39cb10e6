//! End-to-end tests of the `mosaic` binary: ingest (with bad input mixed in), re-ingest,
//! queries, extraction to answer files, and helpful errors.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn mosaic(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_mosaic"))
        .args(args)
        .arg("--quiet")
        .output()
        .expect("run mosaic")
}

fn stdout_json(out: &Output) -> serde_json::Value {
    assert!(
        out.status.success(),
        "mosaic failed: {}\n{}",
        String::from_utf8_lossy(&out.stderr),
        String::from_utf8_lossy(&out.stdout)
    );
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)))
}

fn scratch(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("mosaic-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn examples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples")
}

/// A corpus of good articles plus every kind of bad file, copied from examples/.
fn corpus_with_bad_files(dir: &Path) -> PathBuf {
    let corpus = dir.join("corpus");
    std::fs::create_dir_all(&corpus).unwrap();
    for e in std::fs::read_dir(examples()).unwrap() {
        let p = e.unwrap().path();
        if p.is_file() && p.file_name().unwrap() != "README.md" {
            std::fs::copy(&p, corpus.join(p.file_name().unwrap())).unwrap();
        }
    }
    std::fs::write(
        corpus.join("binary.txt"),
        [0u8, 159, 146, 150, 0, 1, 2, 3, 0, 0, 255, 254].repeat(50),
    )
    .unwrap();
    std::fs::write(corpus.join("empty.txt"), "").unwrap();
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(
            "Turkey's intelligence agency MIT detained three suspects in Ankara on Tuesday.\n"
                .encode_utf16()
                .flat_map(|u| u.to_le_bytes()),
        )
        .collect();
    std::fs::write(corpus.join("utf16.txt"), utf16).unwrap();
    std::fs::write(
        corpus.join("latin1.txt"),
        b"Le minist\xe8re turc a annonc\xe9 l'arrestation de trois suspects \xe0 Ankara.\n",
    )
    .unwrap();
    std::fs::write(corpus.join("broken.jsonl"), "{\"text\": \"Iran's intelligence ministry said it arrested two men in Tehran.\", \"title\": \"Iran arrests two\"}\n{not json at all\n").unwrap();
    std::fs::write(corpus.join("broken.html"), "<html><head><title>Raid</title><body><p>Azerbaijan's State Security Service detained an Iranian national in Baku on Monday, officials said.<p>Unclosed").unwrap();
    corpus
}

#[test]
fn ingest_reports_bad_input_and_reingest_changes_nothing() {
    let dir = scratch("ingest");
    let corpus = corpus_with_bad_files(&dir);
    let db = dir.join("t.db");
    let db = db.to_str().unwrap();
    let first = stdout_json(&mosaic(&[
        "--db",
        db,
        "--json",
        "ingest",
        corpus.to_str().unwrap(),
    ]));
    let new = first["new"].as_u64().unwrap();
    assert!(new >= 10, "expected the examples to be ingested: {first}");
    let rejected: Vec<String> = first["rejected"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| format!("{} {}", r["origin"], r["reason"]))
        .collect();
    for bad in ["binary.txt", "empty.txt", "broken.jsonl#2"] {
        assert!(
            rejected.iter().any(|r| r.contains(bad)),
            "{bad} should be rejected with a reason: {rejected:?}"
        );
    }
    assert!(
        !rejected.iter().any(|r| r.contains("utf16.txt")
            || r.contains("latin1.txt")
            || r.contains("broken.html")),
        "decodable files must load: {rejected:?}"
    );
    assert!(
        first["duplicate"].as_u64().unwrap() >= 1,
        "the syndicated copy in examples/ should be linked as a near-duplicate: {first}"
    );

    let second = stdout_json(&mosaic(&[
        "--db",
        db,
        "--json",
        "ingest",
        corpus.to_str().unwrap(),
    ]));
    assert_eq!(second["new"], 0, "re-ingest must add nothing: {second}");
    assert_eq!(second["duplicate"], 0);
    assert!(second["unchanged"].as_u64().unwrap() >= new);

    let actors = stdout_json(&mosaic(&["--db", db, "--json", "entities"]));
    assert!(actors.as_array().unwrap().len() > 10);
    let events = stdout_json(&mosaic(&["--db", db, "--json", "events", "--limit", "500"]));
    assert!(!events.as_array().unwrap().is_empty());
    for e in events.as_array().unwrap() {
        assert!(
            !e["evidence"].as_str().unwrap().is_empty(),
            "every event keeps its evidence sentence"
        );
        assert!(e["rule"].as_str().is_some());
    }
    let coerce = stdout_json(&mosaic(&[
        "--db", db, "--json", "events", "--type", "coerce",
    ]));
    assert!(coerce
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["event_type"] == "COERCE"));

    let shown = mosaic(&["--db", db, "show", "utf16"]);
    assert!(
        shown.status.success(),
        "{}",
        String::from_utf8_lossy(&shown.stderr)
    );
    assert!(String::from_utf8_lossy(&shown.stdout).contains("MIT"));
}

#[test]
fn extract_writes_one_answer_file_per_article() {
    let dir = scratch("extract");
    let out = dir.join("out");
    let report = stdout_json(&mosaic(&[
        "--json",
        "extract",
        examples().to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]));
    let written = report["written"].as_object().unwrap();
    assert!(written.len() >= 12, "{report}");
    for path in written.values() {
        let answer: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(path.as_str().unwrap()).unwrap())
                .unwrap();
        let names: Vec<String> = answer["entities"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["name"].as_str().unwrap().to_string())
            .collect();
        for ev in answer["events"].as_array().unwrap() {
            let src = ev["source"].as_str().unwrap();
            assert!(
                names.iter().any(|n| n == src),
                "event source {src} must name an entity of the same file"
            );
        }
    }
}

#[test]
fn errors_say_what_to_do() {
    let dir = scratch("errors");
    let out = mosaic(&["--db", dir.join("missing.db").to_str().unwrap(), "entities"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("mosaic ingest"),
        "the error should point at `mosaic ingest`: {err}"
    );
    let out = mosaic(&[
        "extract",
        dir.join("nothing-here").to_str().unwrap(),
        "--out",
        dir.join("o").to_str().unwrap(),
    ]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no such file or folder"));
    assert!(
        !dir.join("missing.db").exists(),
        "a failed command must not leave a store behind"
    );
    let out = mosaic(&[
        "--models",
        dir.to_str().unwrap(),
        "extract",
        examples().to_str().unwrap(),
        "--out",
        dir.join("o").to_str().unwrap(),
    ]);
    assert!(
        !out.status.success(),
        "a --models folder without the model is an error"
    );
    let out = mosaic(&[
        "--db",
        dir.join("x.db").to_str().unwrap(),
        "events",
        "--type",
        "arrest",
    ]);
    assert!(!out.status.success(), "unknown event types are refused");
}

// ---- The analyst's command line (issue 16): one test per finding. ----

/// A command's exit code, stdout and stderr.
struct Run {
    code: i32,
    out: String,
    err: String,
}

fn run(args: &[&str]) -> Run {
    let o = mosaic(args);
    Run {
        code: o.status.code().unwrap_or(-1),
        out: String::from_utf8_lossy(&o.stdout).into_owned(),
        err: String::from_utf8_lossy(&o.stderr).into_owned(),
    }
}

/// `mosaic --db DB ARGS…`, which must succeed; its stdout.
fn ok(db: &str, args: &[&str]) -> String {
    let r = run(&[&["--db", db], args].concat());
    assert_eq!(r.code, 0, "mosaic {args:?} failed: {}\n{}", r.err, r.out);
    r.out
}

fn json(db: &str, args: &[&str]) -> serde_json::Value {
    stdout_json(&mosaic(&[&["--db", db, "--json"], args].concat()))
}

/// A scratch store holding examples/ (copied, so its paths are the scratch folder's).
fn examples_store(name: &str) -> (PathBuf, String) {
    let dir = scratch(name);
    let corpus = dir.join("examples");
    std::fs::create_dir_all(&corpus).unwrap();
    for e in std::fs::read_dir(examples()).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, corpus.join(p.file_name().unwrap())).unwrap();
    }
    let db = dir.join("m.db").to_str().unwrap().to_string();
    // Run from the scratch folder with a relative path: the stored origin must still be absolute.
    let out = Command::new(env!("CARGO_BIN_EXE_mosaic"))
        .current_dir(&dir)
        .args(["--quiet", "--db", "m.db", "ingest", "examples"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (dir, db)
}

fn assert_usage_error(r: &Run, what: &str) {
    assert_eq!(r.code, 2, "{what}: exit code 2 expected: {}", r.err);
    assert!(
        r.err.starts_with("mosaic: "),
        "{what}: one error prefix: {}",
        r.err
    );
    assert!(
        !r.err.contains("error:"),
        "{what}: no second prefix: {}",
        r.err
    );
}

#[test]
fn documents_lists_names_ids_outlets_urls_words_and_copies() {
    let (_dir, db) = examples_store("documents");
    let docs = json(&db, &["documents"]);
    let docs = docs.as_array().unwrap();
    let baku = docs
        .iter()
        .find(|d| d["name"] == "01_baku_expels_iranian_attache.txt")
        .unwrap_or_else(|| panic!("names keep their extension: {docs:?}"));
    assert_eq!(baku["outlet"], "Baku Observer");
    assert!(baku["url"].as_str().unwrap().starts_with("https://"));
    assert!(baku["words"].as_u64().unwrap() > 100);
    assert_eq!(
        baku["copies"].as_array().unwrap().len(),
        1,
        "the syndicated copy is linked to its original: {baku}"
    );
    assert!(
        !docs.iter().any(|d| d["name"] == "08_wire_feed.jsonl#1"),
        "copies are listed under their original by default"
    );
    let all = json(&db, &["documents", "--include-duplicates"]);
    let copy = all
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["name"] == "08_wire_feed.jsonl#1")
        .expect("--include-duplicates lists copies");
    assert_eq!(copy["copy_of"], baku["id"]);
    let table = ok(&db, &["documents"]);
    assert!(table.starts_with("id  document"), "{table}");
    let outlet = json(&db, &["documents", "--outlet", "baku observer"]);
    assert_eq!(outlet.as_array().unwrap().len(), 1);

    // Every "not found" points to the listing that has the answer.
    for args in [
        &["show", "nothing-like-it"][..],
        &["events", "--doc", "nothing-like-it"],
    ] {
        let r = run(&[&["--db", db.as_str()], args].concat());
        assert_eq!(r.code, 2);
        assert!(r.err.contains("mosaic documents"), "{args:?}: {}", r.err);
    }
}

#[test]
fn show_prints_the_url_and_the_absolute_path_and_takes_the_extension() {
    let (dir, db) = examples_store("show");
    for name in [
        "01_baku_expels_iranian_attache.txt",
        "01_baku_expels_iranian_attache",
        "08_wire_feed.jsonl#2",
    ] {
        let out = ok(&db, &["show", name]);
        assert!(out.contains("\nurl: https://"), "{name}: {out}");
        let from = out.lines().find(|l| l.starts_with("from: ")).unwrap();
        let path = Path::new(from.trim_start_matches("from: "));
        assert!(path.is_absolute(), "{from}");
        let canonical = std::fs::canonicalize(&dir).unwrap();
        assert!(
            path.starts_with(&canonical),
            "{from} under {}",
            canonical.display()
        );
    }
}

#[test]
fn ingest_takes_outlet_published_and_url_for_plain_text() {
    let dir = scratch("ingest-meta");
    let text = dir.join("note.txt");
    std::fs::write(
        &text,
        "Kuwait's State Security arrested two men on Monday, the interior ministry said.\n",
    )
    .unwrap();
    let db = dir.join("m.db").to_str().unwrap().to_string();
    ok(
        &db,
        &[
            "ingest",
            text.to_str().unwrap(),
            "--outlet",
            "Gulf Courier",
            "--published",
            "2025-06-04",
            "--url",
            "https://gulf.example/a",
        ],
    );
    let docs = json(&db, &["documents"]);
    let d = &docs[0];
    assert_eq!(
        (&d["outlet"], &d["published"], &d["url"]),
        (
            &serde_json::json!("Gulf Courier"),
            &serde_json::json!("2025-06-04"),
            &serde_json::json!("https://gulf.example/a")
        )
    );
    let shown = ok(&db, &["show", "note.txt"]);
    assert!(
        shown.contains("anchor: 2025-06-04"),
        "--published anchors relative dates: {shown}"
    );
    // One URL cannot name every article of a folder; a bad date is refused.
    std::fs::write(dir.join("other.txt"), "Iran said nothing on Tuesday.\n").unwrap();
    let r = run(&[
        "--db",
        &db,
        "ingest",
        dir.to_str().unwrap(),
        "--url",
        "https://x",
    ]);
    assert_eq!(r.code, 2, "{}", r.err);
    let r = run(&[
        "--db",
        &db,
        "ingest",
        text.to_str().unwrap(),
        "--published",
        "01/06/2023",
    ]);
    assert_usage_error(&r, "an ambiguous --published date");
}

/// A name (folded) that several stored actors answer to and none owns alone as its canonical
/// name: the rule must list them rather than pick one.
fn shared_name(actors: &serde_json::Value) -> Option<String> {
    use std::collections::HashMap;
    let fold = |s: &str| s.to_lowercase();
    let mut canonical: HashMap<String, usize> = HashMap::new();
    let mut alias: HashMap<String, usize> = HashMap::new();
    for a in actors.as_array().unwrap() {
        *canonical
            .entry(fold(a["name"].as_str().unwrap()))
            .or_default() += 1;
        for x in a["aliases"].as_array().unwrap() {
            *alias.entry(fold(x.as_str().unwrap())).or_default() += 1;
        }
    }
    let mut names: Vec<String> = canonical
        .iter()
        .filter(|(_, &n)| n >= 2)
        .map(|(k, _)| k.clone())
        .chain(
            alias
                .iter()
                .filter(|(k, &n)| n >= 2 && !canonical.contains_key(*k))
                .map(|(k, _)| k.clone()),
        )
        .collect();
    names.sort();
    names.into_iter().next()
}

#[test]
fn one_rule_for_every_command_that_takes_an_actor() {
    let (_dir, db) = examples_store("ambiguity");
    let actors = json(&db, &["entities", "--limit", "1000"]);
    let name = shared_name(&actors).expect("examples/ have a name two actors share");
    for args in [
        &["events", "--actor", name.as_str()][..],
        &["actor", name.as_str()],
        &["merge", name.as_str(), "Iran"],
        &["merge", "Iran", name.as_str()],
        &["split", name.as_str(), "whatever"],
    ] {
        let r = run(&[&["--db", db.as_str()], args].concat());
        assert_eq!(
            r.code, 2,
            "{args:?} must refuse to choose: {}{}",
            r.err, r.out
        );
        assert!(r.err.starts_with("mosaic: "), "{}", r.err);
        assert!(
            r.err.contains("  1. #") && r.err.contains("  2. #"),
            "{args:?} lists numbered candidates with ids: {}",
            r.err
        );
    }
    // The id chooses; `entities` shows it.
    let r = run(&["--db", &db, "events", "--actor", &name]);
    let id = r.err.split("  1. #").nth(1).unwrap();
    let id: String = id.chars().take_while(|c| c.is_ascii_digit()).collect();
    ok(&db, &["events", "--actor", &format!("#{id}")]);
    ok(&db, &["actor", &id]);
    let table = ok(&db, &["entities"]);
    assert!(table.starts_with("id  actor"), "{table}");
    let first_id = actors[0]["id"].to_string();
    let first_row = table.lines().nth(1).unwrap();
    assert_eq!(first_row.split_whitespace().next(), Some(first_id.as_str()));
}

#[test]
fn corrections_are_listed_undone_and_stay_undone() {
    let (dir, db) = examples_store("corrections");
    let actors = json(&db, &["entities", "--limit", "1000"]);
    let all = actors.as_array().unwrap();
    let unique = |a: &serde_json::Value| all.iter().filter(|b| b["name"] == a["name"]).count() == 1;
    // Two people with full names no other actor has, so the new article below names one only.
    let persons: Vec<&serde_json::Value> = all
        .iter()
        .filter(|a| a["kind"] == "PERSON" && a["kb_id"].is_null() && unique(a))
        .filter(|a| a["name"].as_str().unwrap().contains(' '))
        .collect();
    let (keep, absorb) = (persons[0]["id"].to_string(), persons[1]["id"].to_string());
    let before = json(&db, &["entities", "--limit", "1000"]);

    let merged = json(&db, &["merge", &keep, &absorb, "--reason", "same person"]);
    let n = merged["id"].to_string();
    let after = json(&db, &["entities", "--limit", "1000"]);
    assert_eq!(
        after.as_array().unwrap().len() + 1,
        before.as_array().unwrap().len()
    );
    let list = json(&db, &["corrections"]);
    assert_eq!(list[0]["reason"], "same person");
    assert!(list[0]["created_at"].as_str().unwrap().starts_with("20"));
    assert!(ok(&db, &["corrections"]).contains("same person"));

    let undone = json(&db, &["undo", &n]);
    assert_eq!(undone["id"].to_string(), n);
    assert_eq!(json(&db, &["entities", "--limit", "1000"]), before);
    // Re-ingesting, and a new article naming the absorbed actor, keep the two apart.
    let name = persons[1]["name"].as_str().unwrap();
    std::fs::write(
        dir.join("examples/zz_new.txt"),
        format!("{name} met officials in Baku on Monday, the ministry said.\n"),
    )
    .unwrap();
    ok(&db, &["ingest", dir.join("examples").to_str().unwrap()]);
    let revived = json(&db, &["actor", &absorb]);
    assert_eq!(revived["summary"]["id"].to_string(), absorb);
    assert!(
        revived["joins"]
            .as_array()
            .unwrap()
            .iter()
            .any(|j| j["doc_name"] == "zz_new.txt"),
        "an undone merge is not replayed: {revived}"
    );
    let list = json(&db, &["corrections"]);
    assert!(list[0]["undone_at"].is_string(), "{list}");
    let again = run(&["--db", &db, "undo", &n]);
    assert_eq!(again.code, 2);
    assert!(again.err.contains("already undone"), "{}", again.err);
}

#[test]
fn merging_two_states_needs_force() {
    let (_dir, db) = examples_store("force");
    let r = run(&["--db", &db, "merge", "Iran", "Iraq"]);
    assert_eq!(r.code, 2, "{}", r.out);
    assert!(
        r.err.contains("two states") && r.err.contains("--force"),
        "{}",
        r.err
    );
    assert_eq!(json(&db, &["corrections"]), serde_json::json!([]));
    let c = json(&db, &["merge", "Iran", "Iraq", "--force"]);
    assert_eq!(c["forced"], true);
}

#[test]
fn counts_say_what_they_count_in_every_listing() {
    let (_dir, db) = examples_store("counts");
    let texts = json(&db, &["entities", "--limit", "1000"]);
    let copied = texts
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["copies"].as_u64() > a["texts"].as_u64())
        .expect("an actor of the syndicated copy");
    let name = copied["name"].as_str().unwrap();
    let table = ok(&db, &["entities"]);
    assert!(table.lines().next().unwrap().contains("texts"), "{table}");
    assert!(
        table.contains("near-duplicate copies count once"),
        "{table}"
    );
    let table = ok(&db, &["entities", "--include-duplicates"]);
    assert!(table.lines().next().unwrap().contains("copies"), "{table}");
    let dossier = ok(&db, &["actor", &copied["id"].to_string()]);
    assert!(
        dossier.contains(&format!(
            "named in {} distinct text",
            copied["texts"].as_u64().unwrap()
        )),
        "{name}: {dossier}"
    );
    // Events and the dossier leave copies out by default too, and say so.
    let events = ok(&db, &["events", "--limit", "1000"]);
    assert!(
        events.contains("near-duplicate copies left out"),
        "{events}"
    );
    let with = json(&db, &["events", "--limit", "1000", "--include-duplicates"]);
    let without = json(&db, &["events", "--limit", "1000"]);
    assert!(with.as_array().unwrap().len() > without.as_array().unwrap().len());
    let docs = ok(&db, &["documents"]);
    assert!(docs.contains("listed under their original"), "{docs}");
}

#[test]
fn date_filters_keep_undated_events_on_request_and_say_how_many() {
    let (_dir, db) = examples_store("undated");
    let all = json(&db, &["events", "--limit", "1000"]);
    let undated = all
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["effective_date"].is_null())
        .count();
    assert!(undated > 0, "examples/ have articles without a date");
    let since = json(&db, &["events", "--since", "1900", "--limit", "1000"]);
    assert_eq!(
        since.as_array().unwrap().len() + undated,
        all.as_array().unwrap().len()
    );
    let table = ok(&db, &["events", "--since", "1900", "--limit", "1000"]);
    assert!(
        table.contains(&format!("{undated} undated event")) && table.contains("--include-undated"),
        "{table}"
    );
    let kept = json(
        &db,
        &[
            "events",
            "--since",
            "1900",
            "--include-undated",
            "--limit",
            "1000",
        ],
    );
    assert_eq!(kept, all);
}

fn csv_rows(text: &str) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

#[test]
fn tables_have_headers_legends_widths_wide_views_and_csv() {
    let (_dir, db) = examples_store("tables");
    let events = ok(&db, &["events", "--limit", "1000"]);
    let header = events.lines().next().unwrap();
    assert!(header.starts_with("date") && header.contains("source") && header.contains("target"));
    assert!(
        events.contains("~date: the article's date"),
        "a legend explains the marks"
    );
    assert!(
        events.lines().all(|l| l.chars().count() <= 100),
        "not a terminal: 100 columns"
    );
    let longest = json(&db, &["events", "--limit", "1000"])
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["evidence"].as_str().unwrap().to_string())
        .max_by_key(|e| e.len())
        .unwrap();
    assert!(longest.len() > 150, "a long evidence sentence to test with");
    assert!(!events.contains(&longest));
    let wide = ok(&db, &["events", "--limit", "1000", "--wide"]);
    assert!(wide.contains(&longest), "--wide shows evidence in full");
    let long_name = json(&db, &["entities", "--limit", "1000"])
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["name"].as_str().unwrap().to_string())
        .max_by_key(|n| n.chars().count())
        .unwrap();
    assert!(ok(&db, &["entities", "--limit", "1000", "--wide"]).contains(&long_name));

    ok(&db, &["merge", "Iran", "Iraq", "--force"]);
    for args in [
        &["events", "--limit", "1000"][..],
        &["entities"],
        &["documents"],
        &["corrections"],
        &["kb", "lookup", "MIT"],
    ] {
        let out = ok(&db, &[args, &["--format", "csv"]].concat());
        let rows = csv_rows(&out);
        assert!(rows.len() >= 2, "{args:?}: a header and rows: {out}");
        assert!(rows.iter().all(|r| r.len() == rows[0].len()), "{args:?}");
        assert!(!out.contains('…'), "{args:?}: CSV values are whole");
    }
    let lookup = ok(&db, &["kb", "lookup", "MIT"]);
    assert!(
        lookup.starts_with("kb id"),
        "kb lookup has a header: {lookup}"
    );
}

#[test]
fn json_on_every_command_that_prints_data() {
    let dir = scratch("json");
    let db = dir.join("m.db").to_str().unwrap().to_string();
    let demo = json(&db, &["demo", "--corpus", examples().to_str().unwrap()]);
    assert!(demo["ingest"]["new"].as_u64().unwrap() >= 10, "{demo}");
    assert!(!demo["actors"].as_array().unwrap().is_empty());
    assert!(!demo["events"].as_array().unwrap().is_empty());
    let merged = json(&db, &["merge", "Iran", "Iraq", "--force"]);
    assert_eq!(merged["kind"], "merge");
    let split = json(&db, &["split", "Iran", "Iraqi"]);
    assert_eq!(split["kind"], "split");
    assert_eq!(split["alias"], "Iraqi");
    let undone = json(&db, &["undo", &split["id"].to_string()]);
    assert!(undone["undone_at"].is_string());
    for args in [
        &["corrections"][..],
        &["documents"],
        &["entities"],
        &["events"],
        &["actor", "Iran"],
        &["show", "#1"],
        &["kb", "lookup", "MIT"],
        &["kb", "stats"],
    ] {
        json(&db, args);
    }
}

#[test]
fn every_error_has_one_prefix_and_exit_code_2() {
    let dir = scratch("prefix");
    let db = dir.join("m.db").to_str().unwrap().to_string();
    assert_usage_error(&run(&["entities", "--bogus"]), "an unknown option");
    assert_usage_error(&run(&["frobnicate"]), "an unknown command");
    assert_usage_error(&run(&["bench", "examples", "--rounds", "0"]), "--rounds 0");
    assert_usage_error(&run(&["events", "--since", "2025-13"]), "a bad date");
    let r = run(&[
        "--rules-only",
        "parse",
        examples().join("README.md").to_str().unwrap(),
    ]);
    assert_usage_error(&r, "--rules-only parse");
    assert!(r.err.contains("--rules-only"), "{}", r.err);
    assert_usage_error(&run(&["--db", &db, "entities"]), "no store");
    let help = run(&["--help"]);
    assert_eq!(help.code, 0);
    assert!(help.out.contains("Exit codes: 0"), "{}", help.out);
}

#[test]
fn a_failed_first_ingest_leaves_no_store_and_says_why() {
    let dir = scratch("failed-ingest");
    let bin = dir.join("scan.txt");
    std::fs::write(&bin, [0u8, 1, 2, 3, 0, 255].repeat(40)).unwrap();
    let db = dir.join("m.db");
    let r = run(&[
        "--db",
        db.to_str().unwrap(),
        "ingest",
        bin.to_str().unwrap(),
    ]);
    assert_usage_error(&r, "a binary file only");
    assert!(r.err.contains("binary"), "says why: {}", r.err);
    assert!(!db.exists(), "no empty store is left behind");
    let dat = dir.join("scan.dat");
    std::fs::write(&dat, [0u8, 1, 2, 3].repeat(40)).unwrap();
    let r = run(&[
        "--db",
        db.to_str().unwrap(),
        "ingest",
        dat.to_str().unwrap(),
    ]);
    assert_usage_error(&r, "an explicit unsupported file");
    assert!(
        r.err.contains("scan.dat:"),
        "names the file and why: {}",
        r.err
    );
    assert!(!db.exists());
}

/// The README's sessions are what the commands print today (`scripts/readme-session.sh`
/// regenerates them; this runs it in check mode on this build's binary).
#[test]
fn readme_session_matches_what_the_commands_print() {
    if mosaic_nlp::model_dir::find_model_dir(None).is_none() {
        mosaic_nlp::model_dir::model_missing_in_test("the README session check");
        return;
    }
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let out = Command::new("bash")
        .arg(repo.join("scripts/readme-session.sh"))
        .arg("--check")
        .env("MOSAIC_BIN", env!("CARGO_BIN_EXE_mosaic"))
        .output()
        .expect("run bash");
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn two_documents_of_one_name_are_listed_not_picked() {
    let dir = scratch("same-name");
    for (folder, text) in [
        (
            "a",
            "Iran's intelligence ministry said it arrested two men in Tehran on Monday.\n",
        ),
        (
            "b",
            "Turkey's MIT detained three suspects in Ankara on Tuesday, officials said.\n",
        ),
    ] {
        std::fs::create_dir_all(dir.join(folder)).unwrap();
        std::fs::write(dir.join(folder).join("note.txt"), text).unwrap();
    }
    let db = dir.join("m.db").to_str().unwrap().to_string();
    ok(
        &db,
        &[
            "ingest",
            dir.join("a").to_str().unwrap(),
            dir.join("b").to_str().unwrap(),
        ],
    );
    for args in [&["show", "note.txt"][..], &["events", "--doc", "note"]] {
        let r = run(&[&["--db", db.as_str()], args].concat());
        assert_eq!(r.code, 2, "{args:?}: {}", r.out);
        assert!(
            r.err.contains("2 documents are called") && r.err.contains("  2. #"),
            "{}",
            r.err
        );
    }
    // The stored path tells them apart.
    assert!(ok(&db, &["show", "b/note.txt"]).contains("MIT"));
    assert!(ok(&db, &["show", "#1"]).contains("Tehran"));
}

#[test]
fn bench_counts_its_rounds() {
    let out = ok(
        "unused.db",
        &["bench", examples().to_str().unwrap(), "--rounds", "1"],
    );
    assert!(out.contains(" 1 round\n"), "{out}");
}
