//! Article snapshots: each `tests/articles/NAME.txt` (with an optional `NAME.meta.json` sidecar
//! holding `url` / `outlet` / `published` / `title`) is extracted and its whole answer
//! (`to_answer`, pretty JSON) compared with `NAME.expected.json`.
//!
//! A snapshot is a change detector, not an answer key: it records what Mosaic extracted when the
//! expectation was last accepted, so any change in a stage shows up here for review.
//!
//! - Run: `cargo test -p mosaic-extract --release --test articles`.
//! - Accept the current output: `UPDATE_EXPECT=1 cargo test -p mosaic-extract --release --test
//!   articles` rewrites the expectations and prints which files changed; review them with
//!   `git diff` before committing.
//!
//! On a mismatch the test prints, per article and per section (entities, events, times, roles),
//! the lines only the expectation has (`-`) and the lines only the new output has (`+`), so a
//! changed event reads as one line instead of a JSON dump.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use mosaic_core::ArticleMeta;
use mosaic_eval::AnswerFile;
use mosaic_extract::{to_answer, ExtractOptions, Extractor};
use serde::Deserialize;

/// Lines per section shown on a mismatch; the rest is counted.
const SHOW: usize = 12;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Sidecar {
    url: Option<String>,
    outlet: Option<String>,
    published: Option<String>,
    title: Option<String>,
}

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/articles")
}

fn articles() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir())
        .expect("tests/articles is readable")
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    v.sort();
    v
}

fn extract(extractor: &Extractor, txt: &Path) -> AnswerFile {
    let stem = txt.file_stem().unwrap().to_string_lossy().to_string();
    let sidecar_path = txt.with_file_name(format!("{stem}.meta.json"));
    let side: Sidecar = match std::fs::read_to_string(&sidecar_path) {
        Ok(s) => {
            serde_json::from_str(&s).unwrap_or_else(|e| panic!("{}: {e}", sidecar_path.display()))
        }
        Err(_) => Sidecar::default(),
    };
    let meta = ArticleMeta {
        name: stem,
        title: side.title,
        url: side.url,
        outlet: side.outlet,
        published: side.published,
        origin: txt.display().to_string(),
    };
    let text = std::fs::read_to_string(txt).expect("readable article");
    let doc = extractor.extract(meta, text);
    to_answer(&doc, &txt.file_name().unwrap().to_string_lossy())
}

/// One line per item, section by section: what a reviewer compares.
fn lines(a: &AnswerFile) -> BTreeMap<&'static str, Vec<String>> {
    let opt = |s: &Option<String>| s.clone().unwrap_or_else(|| "-".into());
    let mut m = BTreeMap::new();
    m.insert(
        "0 header",
        vec![format!(
            "outlet {} / published {}",
            opt(&a.outlet),
            opt(&a.published)
        )],
    );
    m.insert(
        "1 entities",
        a.entities
            .iter()
            .map(|e| format!("{} {:?} aka {:?}", e.kind, e.name, e.aliases))
            .collect(),
    );
    m.insert(
        "2 events",
        a.events
            .iter()
            .map(|e| {
                format!(
                    "{} -{}-> {} [{}, {}] ({}) «{}»",
                    opt(&e.source),
                    e.kind,
                    opt(&e.target),
                    opt(&e.modality),
                    opt(&e.date),
                    opt(&e.rule),
                    short(&opt(&e.evidence))
                )
            })
            .collect(),
    );
    m.insert(
        "3 times",
        a.times
            .iter()
            .map(|t| format!("{:?} = {}", t.text, opt(&t.value)))
            .collect(),
    );
    m.insert(
        "4 roles",
        a.roles
            .iter()
            .map(|r| {
                format!(
                    "{} — {} — {} ({})",
                    opt(&r.person),
                    opt(&r.role),
                    opt(&r.org),
                    opt(&r.status)
                )
            })
            .collect(),
    );
    m
}

fn short(s: &str) -> String {
    let mut out: String = s.chars().take(60).collect();
    if s.chars().count() > 60 {
        out.push('…');
    }
    out
}

/// Lines of `a` not matched by a line of `b` (as a multiset).
fn only_in(a: &[String], b: &[String]) -> Vec<String> {
    let mut rest: Vec<&String> = b.iter().collect();
    a.iter()
        .filter(|l| match rest.iter().position(|r| r == l) {
            Some(i) => {
                rest.swap_remove(i);
                false
            }
            None => true,
        })
        .cloned()
        .collect()
}

fn diff(expected: &AnswerFile, actual: &AnswerFile) -> String {
    let (e, a) = (lines(expected), lines(actual));
    let mut out = String::new();
    for (section, el) in &e {
        let al = &a[section];
        let (gone, new) = (only_in(el, al), only_in(al, el));
        if gone.is_empty() && new.is_empty() {
            continue;
        }
        out.push_str(&format!("  {}:\n", &section[2..]));
        for (sign, list) in [("-", &gone), ("+", &new)] {
            for l in list.iter().take(SHOW) {
                out.push_str(&format!("    {sign} {l}\n"));
            }
            if list.len() > SHOW {
                out.push_str(&format!("    {sign} … {} more\n", list.len() - SHOW));
            }
        }
    }
    if out.is_empty() {
        // Same items, different order or a field the summary lines leave out (full evidence, kb_id).
        let ej = serde_json::to_string_pretty(expected).unwrap();
        let aj = serde_json::to_string_pretty(actual).unwrap();
        if let Some((i, (x, y))) = ej
            .lines()
            .zip(aj.lines())
            .enumerate()
            .find(|(_, (x, y))| x != y)
        {
            out.push_str(&format!(
                "  first differing JSON line {}:\n    - {}\n    + {}\n",
                i + 1,
                x.trim(),
                y.trim()
            ));
        } else {
            out.push_str(
                "  the JSON differs in length only (items reordered or added at the end)\n",
            );
        }
    }
    out
}

#[test]
fn article_snapshots() {
    let extractor = Extractor::new(&ExtractOptions::default());
    if !extractor.uses_model() {
        mosaic_nlp::model_dir::model_missing_in_test("the article snapshots");
        return;
    }
    let update = std::env::var("UPDATE_EXPECT").is_ok_and(|v| v == "1");
    let files = articles();
    assert!(!files.is_empty(), "no articles in {}", dir().display());
    let mut failures = String::new();
    let mut changed = Vec::new();
    for txt in &files {
        let stem = txt.file_stem().unwrap().to_string_lossy().to_string();
        let exp_path = txt.with_file_name(format!("{stem}.expected.json"));
        let actual = extract(&extractor, txt);
        let actual_json = serde_json::to_string_pretty(&actual).unwrap() + "\n";
        let old = std::fs::read_to_string(&exp_path).ok();
        if update {
            if old.as_deref() != Some(actual_json.as_str()) {
                std::fs::write(&exp_path, &actual_json).expect("writable expectation");
                changed.push(exp_path.file_name().unwrap().to_string_lossy().to_string());
            }
            continue;
        }
        let Some(old) = old else {
            failures.push_str(&format!(
                "\n✗ {stem}: no {stem}.expected.json — run with UPDATE_EXPECT=1 to create it\n"
            ));
            continue;
        };
        let expected: AnswerFile = serde_json::from_str(&old)
            .unwrap_or_else(|e| panic!("{}: not an answer file: {e}", exp_path.display()));
        if expected != actual {
            failures.push_str(&format!("\n✗ {stem}\n{}", diff(&expected, &actual)));
        }
    }
    if update {
        if changed.is_empty() {
            eprintln!("UPDATE_EXPECT: all {} expectations unchanged", files.len());
        } else {
            eprintln!("UPDATE_EXPECT: rewrote {}", changed.join(", "));
        }
        return;
    }
    assert!(
        failures.is_empty(),
        "article snapshots differ (- expected, + now); if the change is intended, accept it with \
         UPDATE_EXPECT=1 and review the diff:\n{failures}"
    );
}
