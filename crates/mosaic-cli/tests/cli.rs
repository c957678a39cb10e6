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
