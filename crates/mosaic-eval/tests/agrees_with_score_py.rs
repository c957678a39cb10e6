//! `mosaic eval` must print the figures `shared/eval/score.py` prints. This test builds
//! predictions that exercise every matching rule (aliases, case and diacritics, possessives,
//! symmetric event types, missing files, date prefixes, modality defaults, role status) from the
//! shared answer keys, scores them with both scorers and compares every number.

use std::path::{Path, PathBuf};
use std::process::Command;

use mosaic_eval::{predictions_from_dir, score_folder, AnswerFile};

fn shared() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/eval");
    p.join("score.py").is_file().then_some(p)
}

/// A deterministic distortion of an answer key: drops some items, renames others through their
/// aliases, flips symmetric events, upper-cases and strips diacritics, perturbs dates.
fn distort(key: &AnswerFile, seed: usize) -> AnswerFile {
    let mut p = key.clone();
    let mut n = seed;
    let mut next = || {
        n = n
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407)
            >> 1;
        n % 7
    };
    p.entities.retain(|_| next() != 0);
    for e in &mut p.entities {
        match next() {
            1 if !e.aliases.is_empty() => std::mem::swap(&mut e.name, &mut e.aliases[0]),
            2 => e.name = e.name.to_uppercase(),
            3 => e.kind = "LOC".into(),
            4 => e.name = format!("{}’s", e.name),
            _ => {}
        }
    }
    p.events.retain(|_| next() != 0);
    for ev in &mut p.events {
        match next() {
            1 => std::mem::swap(&mut ev.source, &mut ev.target),
            2 => ev.date = ev.date.as_ref().map(|d| d[..4.min(d.len())].to_string()),
            3 => ev.modality = None,
            4 => ev.kind = "OTHER".into(),
            5 => ev.date = Some("1999".into()),
            _ => {}
        }
    }
    p.times.retain(|_| next() != 0);
    for t in &mut p.times {
        if next() == 1 {
            t.value = Some("2000".into());
        }
    }
    p.roles.retain(|_| next() != 0);
    for r in &mut p.roles {
        if next() == 1 {
            r.status = Some("former".into());
        }
    }
    p
}

#[test]
fn figures_match_score_py() {
    let Some(eval) = shared() else {
        eprintln!("SKIPPED: ../shared/eval/score.py not found beside the repository");
        return;
    };
    if Command::new("python3").arg("--version").output().is_err() {
        eprintln!("SKIPPED: python3 is not installed");
        return;
    }
    let gold = eval.join("dev");
    let pred = tempdir();
    let mut names: Vec<PathBuf> = std::fs::read_dir(&gold)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".gold.json"))
        .collect();
    names.sort();
    for (i, g) in names.iter().enumerate() {
        // One article gets no prediction at all: both scorers count it as empty.
        if i == 1 {
            continue;
        }
        let key: AnswerFile = serde_json::from_str(&std::fs::read_to_string(g).unwrap()).unwrap();
        let stem = g
            .file_name()
            .unwrap()
            .to_string_lossy()
            .trim_end_matches(".gold.json")
            .to_string();
        std::fs::write(
            pred.join(format!("{stem}.json")),
            serde_json::to_string(&distort(&key, i + 3)).unwrap(),
        )
        .unwrap();
    }
    let ours = score_folder(&gold, predictions_from_dir(&pred))
        .unwrap()
        .json();
    let out = Command::new("python3")
        .arg(eval.join("score.py"))
        .arg(&gold)
        .arg(&pred)
        .arg("--json")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "score.py failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let theirs: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(ours, theirs, "mosaic eval and score.py disagree");
    // The distortion must leave something to disagree about, or the test proves nothing.
    let f1 = theirs["summary"]["events"]["f1"].as_f64().unwrap();
    assert!(
        f1 > 0.0 && f1 < 1.0,
        "distortion should give partial event scores, got {f1}"
    );
}

fn tempdir() -> PathBuf {
    let d = std::env::temp_dir().join(format!("mosaic-eval-agree-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}
