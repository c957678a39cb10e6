//! End-to-end parity (text → tokenizer → networks → rules) against the spaCy `Doc.to_json`
//! fixtures in tests/fixtures/spacy (written by scripts/spacy_parity.py). Offsets there are in
//! code points.

mod common;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use common::{model_dir, Score};
use mosaic_nlp::pipeline::Pipeline;
use serde_json::Value;

/// tests/fixtures/spacy, or another directory of `Doc.to_json()` files given in
/// MOSAIC_SPACY_FIXTURES (for ad-hoc parity runs on larger generated sets).
fn fixture_paths() -> Vec<PathBuf> {
    let dir = std::env::var_os("MOSAIC_SPACY_FIXTURES")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/spacy"));
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    paths.retain(|p| {
        p.extension().is_some_and(|e| e == "json")
            && !p.file_name().unwrap().to_string_lossy().starts_with('_')
    });
    paths.sort();
    paths
}

/// Compares our `to_json` with the fixture on the keys spaCy writes (fixtures for seed articles
/// carry `source` instead of `text`; `norm`/`whitespace` are extra fixture fields).
fn json_equal(ours: &Value, fx: &Value, name: &str) -> bool {
    let mut ok = true;
    for key in ["ents", "sents"] {
        if ours.get(key) != fx.get(key) {
            eprintln!("{name}: to_json {key} differ");
            ok = false;
        }
    }
    let (Some(a), Some(b)) = (ours["tokens"].as_array(), fx["tokens"].as_array()) else {
        return false;
    };
    if a.len() != b.len() {
        return false;
    }
    for (i, (x, y)) in a.iter().zip(b).enumerate() {
        for key in [
            "id", "start", "end", "tag", "pos", "morph", "lemma", "dep", "head",
        ] {
            if x.get(key) != y.get(key) {
                eprintln!(
                    "{name}: to_json token {i} {key}: ours {:?} spaCy {:?}",
                    x.get(key),
                    y.get(key)
                );
                ok = false;
            }
        }
    }
    ok
}

fn uint(v: &Value) -> usize {
    v.as_u64().expect("unsigned integer") as usize
}

#[test]
fn spacy_doc_json_fixtures_match() {
    let Some(dir) = model_dir() else { return };
    let paths = fixture_paths();
    if paths.is_empty() {
        eprintln!("SKIPPED: no fixtures in tests/fixtures/spacy");
        return;
    }
    let nlp = Pipeline::load(&dir).expect("model loads");
    let mut docs_tok = Score::default();
    let mut json_docs = Score::default();
    let (mut tag, mut pos, mut lemma, mut dep, mut head, mut ss, mut ents) = (
        Score::default(),
        Score::default(),
        Score::default(),
        Score::default(),
        Score::default(),
        Score::default(),
        Score::default(),
    );
    let mut extra = 0;
    for path in &paths {
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let fx: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        let Some(text) = common::fixture_text(&fx, &name) else {
            continue;
        };
        let out = nlp.parse(&text);
        // The serialized view must reproduce spaCy's JSON (minus keys spaCy omits per doc).
        let view = nlp.parse_spacy_view(&text);
        let ours_json = mosaic_nlp::spacy_json::to_spacy_json(&text, &view);
        json_docs.add(json_equal(&ours_json, &fx, &name));
        let theirs = fx["tokens"].as_array().unwrap();
        let same =
            out.tokens.len() == theirs.len()
                && out.tokens.iter().zip(theirs).all(|(a, b)| {
                    a.char_start == uint(&b["start"]) && a.char_end == uint(&b["end"])
                });
        docs_tok.add(same);
        if !same {
            eprintln!("{name}: tokenization differs; annotations not compared");
            continue;
        }
        let starts: HashSet<usize> = fx["sents"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| uint(&s["start"]))
            .collect();
        for (i, (a, b)) in out.tokens.iter().zip(theirs).enumerate() {
            let checks = [
                (&mut tag, a.tag.as_str(), b["tag"].as_str().unwrap_or("")),
                (&mut pos, a.pos.as_str(), b["pos"].as_str().unwrap_or("")),
                (
                    &mut lemma,
                    a.lemma.as_str(),
                    b["lemma"].as_str().unwrap_or(""),
                ),
                (&mut dep, a.dep.as_str(), b["dep"].as_str().unwrap_or("")),
            ];
            for (score, ours, spacy) in checks {
                score.add(ours == spacy);
                if ours != spacy {
                    eprintln!(
                        "{name} token {i} {:?}: ours {ours:?} spaCy {spacy:?}",
                        a.text
                    );
                }
            }
            head.add(a.head == uint(&b["head"]));
            ss.add(a.sent_start == starts.contains(&a.char_start));
        }
        let ours: HashSet<(usize, usize, String)> = out
            .ents
            .iter()
            .map(|e| {
                (
                    out.tokens[e.start_token].char_start,
                    out.tokens[e.end_token - 1].char_end,
                    e.label.clone(),
                )
            })
            .collect();
        let spacy: HashSet<(usize, usize, String)> = fx["ents"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                (
                    uint(&e["start"]),
                    uint(&e["end"]),
                    e["label"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        for e in &spacy {
            ents.add(ours.contains(e));
            if !ours.contains(e) {
                eprintln!("{name}: missing entity {e:?}");
            }
        }
        extra += ours.difference(&spacy).count();
    }
    eprintln!(
        "spaCy JSON fixtures: docs tokenized identically {docs_tok}; to_json identical {json_docs}; tags {tag}, pos {pos}, lemmas {lemma}, deps {dep}, heads {head}, sent starts {ss}, entities {ents} (+{extra} extra)"
    );
    for (what, s) in [
        ("tags", tag),
        ("pos", pos),
        ("lemmas", lemma),
        ("deps", dep),
        ("heads", head),
        ("sent starts", ss),
        ("entities", ents),
    ] {
        assert!(s.ratio() >= 0.995, "{what} agreement too low: {s}");
    }
    assert!(
        extra * 200 <= ents.total.max(1),
        "too many extra entities: {extra}"
    );
    assert!(
        docs_tok.ratio() >= 0.9,
        "too many documents tokenized differently: {docs_tok}"
    );
}
