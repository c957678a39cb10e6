//! Across sources, end to end: made-up reports (`tests/crossdoc/`) ingested and read back with
//! `mosaic clusters --json`; and, when `../shared` is beside the repository, the four outlets'
//! reports of one real event mixed with the sample articles as distractors.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

fn mosaic(db: &Path, args: &[&str]) -> Value {
    let out = Command::new(env!("CARGO_BIN_EXE_mosaic"))
        .arg("--db")
        .arg(db)
        .args(args)
        .arg("--quiet")
        .output()
        .expect("run mosaic");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap_or(Value::Null)
}

fn scratch(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("mosaic-crossdoc-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d.join("t.db")
}

fn docs(c: &Value) -> Vec<String> {
    let mut d: Vec<String> = c["reports"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["doc"].as_str().unwrap().to_string())
        .collect();
    d.sort();
    d
}

fn cluster_with<'a>(clusters: &'a [Value], kind: &str, doc: &str) -> &'a Value {
    clusters
        .iter()
        .find(|c| c["event"]["type"] == kind && docs(c).iter().any(|d| d == doc))
        .unwrap_or_else(|| panic!("no {kind} cluster holds {doc}: {clusters:#?}"))
}

fn model_missing() -> bool {
    if mosaic_nlp::model_dir::find_model_dir(None).is_some() {
        return false;
    }
    mosaic_nlp::model_dir::model_missing_in_test("the cross-source tests");
    true
}

#[test]
fn made_up_reports_cluster_count_origins_and_grade() {
    if model_missing() {
        return;
    }
    let db = scratch("made-up");
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/crossdoc");
    // The first report alone, then the rest: later reports regrade it, in the store and in the
    // search index.
    mosaic(
        &db,
        &[
            "ingest",
            corpus.join("s1_civil_georgia.txt").to_str().unwrap(),
        ],
    );
    let alone = mosaic(&db, &["events", "--json", "--doc", "s1_civil_georgia.txt"]);
    assert_eq!(
        alone[0]["cluster"]["grade"], "F6",
        "a single report cannot be judged"
    );
    mosaic(&db, &["ingest", corpus.to_str().unwrap()]);
    let stored = mosaic(
        &db,
        &[
            "events",
            "--json",
            "--doc",
            "s1_civil_georgia.txt",
            "--type",
            "COERCE",
        ],
    );
    let found = mosaic(
        &db,
        &[
            "search",
            "--json",
            "four people suspected",
            "--kind",
            "claims",
            "--type",
            "COERCE",
        ],
    );
    let indexed = found["claims"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["claim"]["doc_name"] == "s1_civil_georgia.txt")
        .expect("the claim is found");
    assert_ne!(stored[0]["cluster"]["grade"], "F6");
    assert_eq!(
        indexed["claim"]["grade"], stored[0]["cluster"]["grade"],
        "the index keeps up"
    );
    let all = mosaic(&db, &["clusters", "--json", "--min-reports", "1"]);
    let clusters = all["clusters"].as_array().unwrap();

    // One arrest, told by two outlets and a syndicated copy of one of them.
    let arrest = cluster_with(clusters, "COERCE", "s1_civil_georgia.txt");
    let d = docs(arrest);
    for doc in [
        "s1_civil_georgia.txt",
        "s2_reuters.txt",
        "s3_caucasus_daily.txt",
    ] {
        assert!(d.iter().any(|x| x == doc), "{doc} missing from {d:?}");
    }
    // Same actors, other month; same actors, another kind of act: never in it.
    assert!(
        !d.iter()
            .any(|x| x == "s4_later_arrests.txt" || x == "s5_expulsion.txt"),
        "{d:?}"
    );
    let copy = arrest["reports"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["doc"] == "s3_caucasus_daily.txt")
        .unwrap();
    assert_eq!(
        copy["copy_of"], "s2_reuters.txt",
        "the copy carries Reuters' sentence"
    );
    // Every report has a grade with its reason.
    for r in arrest["reports"].as_array().unwrap() {
        assert!(r["grade"].as_str().is_some_and(|g| g.len() == 2), "{r:#}");
        assert!(r["grade_reason"]
            .as_str()
            .is_some_and(|g| g.contains("credibility")));
    }

    // The spying the Georgian service alleges, and Moscow's denial: a contradiction, and the
    // denier is no origin of the claim.
    let spying = cluster_with(clusters, "ESPIONAGE", "s6_tass_denial.txt");
    assert_eq!(spying["independent_origins"], 1, "{spying:#}");
    let denial = spying["contradictions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["kind"] == "denial")
        .expect("a denial contradiction");
    assert!(denial["between"]
        .as_array()
        .unwrap()
        .iter()
        .any(|d| d == "s6_tass_denial.txt"));
    let grade = spying["grade"].as_str().unwrap();
    assert!(
        grade.ends_with('4'),
        "a denied single-origin claim is doubtful: {grade}"
    );

    // A rebuild from nothing gives the incremental result.
    let again = mosaic(
        &db,
        &["clusters", "--json", "--min-reports", "1", "--rebuild"],
    );
    let strip = |v: &Value| -> Vec<(String, Vec<String>, Value)> {
        let mut out: Vec<_> = v["clusters"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| {
                (
                    c["event"]["type"].to_string(),
                    docs(c),
                    c["independent_origins"].clone(),
                )
            })
            .collect();
        out.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
        out
    };
    assert_eq!(strip(&all), strip(&again));

    // Listings show each event's cluster.
    let events = mosaic(&db, &["events", "--json", "--doc", "s2_reuters.txt"]);
    assert!(events
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["cluster"]["reports"].as_u64() >= Some(3)));
}

#[test]
fn four_outlets_of_one_real_event_among_distractors() {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    let crossdoc = shared.join("eval/crossdoc_dev");
    if !crossdoc.exists() || model_missing() {
        eprintln!("SKIPPED: ../shared/eval/crossdoc_dev is not beside the repository");
        return;
    }
    let db = scratch("real");
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    mosaic(
        &db,
        &[
            "ingest",
            crossdoc.to_str().unwrap(),
            shared.join("corpus/seeds").to_str().unwrap(),
            examples.to_str().unwrap(),
        ],
    );
    let gold: Value = serde_json::from_str(
        &std::fs::read_to_string(crossdoc.join("crossdoc.gold.json")).unwrap(),
    )
    .unwrap();
    let gold = &gold["clusters"][0];
    let want = docs(gold);
    let pred = mosaic(&db, &["clusters", "--json"]);
    let clusters = pred["clusters"].as_array().unwrap();
    // As the scorer matches: the first cluster sharing most of the gold documents.
    let shared_docs = |c: &Value| docs(c).iter().filter(|d| want.contains(d)).count();
    let most = clusters.iter().map(shared_docs).max().unwrap_or(0);
    let best = clusters.iter().find(|c| shared_docs(c) == most).unwrap();
    assert_eq!(
        docs(best),
        want,
        "the four reports, and nothing from the distractors"
    );
    assert_eq!(best["event"]["type"], "COERCE");
    assert_eq!(best["independent_origins"], 1);
    let pairs = |c: &Value| -> Vec<Vec<String>> {
        let mut p: Vec<Vec<String>> = c["contradictions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| {
                let mut b: Vec<String> = x["between"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|d| d.as_str().unwrap().to_string())
                    .collect();
                b.sort();
                b
            })
            .collect();
        p.sort();
        p
    };
    assert_eq!(
        pairs(best),
        pairs(gold),
        "both contradictions on the count, and no other"
    );
}
