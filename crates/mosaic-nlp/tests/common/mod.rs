//! Helpers shared by the parity tests: locating the model and reading the spaCy fixtures.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use mosaic_nlp::pipeline::InputToken;
use serde_json::Value;

/// The installed model directory, or `None` after printing the loud skip message.
pub fn model_dir() -> Option<PathBuf> {
    let found = mosaic_nlp::model_dir::find_model_dir(None);
    if found.is_none() {
        mosaic_nlp::model_dir::model_missing_in_test("the NLP parity tests");
    }
    found
}

/// One fixture written by scripts/spacy_nets_fixtures.py.
pub struct Fixture {
    pub name: String,
    pub text: String,
    pub tokens: Vec<InputToken>,
    pub tag: Vec<String>,
    pub pos: Vec<String>,
    pub lemma: Vec<String>,
    pub dep: Vec<String>,
    pub head: Vec<usize>,
    pub sent_start: Vec<bool>,
    pub ents: Vec<(usize, usize, String)>,
    pub ner_only_ents: Vec<(usize, usize, String)>,
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_string())
        .collect()
}

fn ents(v: &Value) -> Vec<(usize, usize, String)> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e[0].as_u64().unwrap() as usize,
                e[1].as_u64().unwrap() as usize,
                e[2].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// All fixtures under tests/fixtures/nets, sorted by name.
pub fn fixtures() -> Vec<Fixture> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/nets");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/fixtures/nets exists")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .filter(|p| p.file_stem().is_some_and(|s| s != "vectors"))
        .collect();
    paths.sort();
    paths.iter().filter_map(|p| load_fixture(p)).collect()
}

/// Fixture text: inline, or (seed articles) read from `source`, relative to the directory that
/// holds the repository and shared/. `None` (with a message) if that file is not there.
pub fn fixture_text(v: &Value, name: &str) -> Option<String> {
    if let Some(t) = v["text"].as_str() {
        return Some(t.to_string());
    }
    let src = v["source"].as_str().expect("fixture has text or source");
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../..")
        .join(src);
    match std::fs::read_to_string(&p) {
        Ok(t) => Some(t),
        Err(_) => {
            eprintln!(
                "{name}: source text {} not found, fixture skipped",
                p.display()
            );
            None
        }
    }
}

fn load_fixture(path: &Path) -> Option<Fixture> {
    let v: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let name = path.file_stem().unwrap().to_string_lossy().into_owned();
    let text = fixture_text(&v, &name)?;
    // Map code-point offsets to byte offsets.
    let mut byte_of_char: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    byte_of_char.push(text.len());
    let tokens = v["tokens"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            let cs = t[0].as_u64().unwrap() as usize;
            let tt = t[1].as_str().unwrap().to_string();
            let ce = cs + tt.chars().count();
            InputToken {
                start: byte_of_char[cs],
                end: byte_of_char[ce],
                char_start: cs,
                char_end: ce,
                text: tt,
                whitespace: t[2].as_bool().unwrap(),
                norm_override: t[3].as_str().map(str::to_string),
            }
        })
        .collect();
    Some(Fixture {
        name,
        text,
        tokens,
        tag: strings(&v["tag"]),
        pos: strings(&v["pos"]),
        lemma: strings(&v["lemma"]),
        dep: strings(&v["dep"]),
        head: v["head"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h.as_u64().unwrap() as usize)
            .collect(),
        sent_start: v["sent_start"]
            .as_array()
            .unwrap()
            .iter()
            .map(|b| b.as_bool().unwrap())
            .collect(),
        ents: ents(&v["ents"]),
        ner_only_ents: ents(&v["ner_only_ents"]),
    })
}

/// matched/total counter.
#[derive(Default, Clone, Copy)]
pub struct Score {
    pub matched: usize,
    pub total: usize,
}

impl Score {
    pub fn add(&mut self, ok: bool) {
        self.total += 1;
        self.matched += ok as usize;
    }
    pub fn ratio(&self) -> f64 {
        if self.total == 0 {
            1.0
        } else {
            self.matched as f64 / self.total as f64
        }
    }
}

impl std::fmt::Display for Score {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}/{} ({:.3}%)",
            self.matched,
            self.total,
            100.0 * self.ratio()
        )
    }
}
