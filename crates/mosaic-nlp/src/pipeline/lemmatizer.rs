//! spaCy's English rule lemmatizer (mode "rule") with the package's lookup tables
//! (`lemma_rules`, `lemma_exc`, `lemma_index`, keyed by lower-case universal POS).

use std::collections::{HashMap, HashSet};
use std::path::Path;

use rmpv::Value;

use crate::features::is_py_alpha;
use crate::hash::string_id;
use crate::weights::{map_get, read_msgpack, WeightsError};

#[derive(Debug, Clone, Default)]
struct PosTables {
    rules: Vec<(String, String)>,
    exc: HashMap<String, Vec<String>>,
    index: HashSet<String>,
}

impl PosTables {
    fn is_empty(&self) -> bool {
        self.rules.is_empty() && self.exc.is_empty() && self.index.is_empty()
    }
}

/// The loaded lemmatizer.
#[derive(Debug, Clone)]
pub(crate) struct Lemmatizer {
    by_pos: HashMap<u64, PosTables>,
}

fn strs(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|x| x.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// Python `str.lower()` (full Unicode lower-casing, as Rust's `to_lowercase`).
fn lower(s: &str) -> String {
    s.to_lowercase()
}

impl Lemmatizer {
    /// Loads `lemmatizer/lookups/lookups.bin`.
    pub(crate) fn from_package_dir(dir: &Path) -> Result<Lemmatizer, WeightsError> {
        let path = dir.join("lemmatizer").join("lookups").join("lookups.bin");
        let root = read_msgpack(&path)?;
        let mut by_pos: HashMap<u64, PosTables> = HashMap::new();
        if let Some(Value::Map(m)) = map_get(&root, "lemma_rules") {
            for (k, v) in m {
                let Some(k) = k.as_u64() else { continue };
                let rules = v
                    .as_array()
                    .map(|a| {
                        a.iter()
                            .filter_map(|pair| {
                                let p = strs(pair);
                                (p.len() == 2).then(|| (p[0].clone(), p[1].clone()))
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                by_pos.entry(k).or_default().rules = rules;
            }
        }
        if let Some(Value::Map(m)) = map_get(&root, "lemma_exc") {
            for (k, v) in m {
                let Some(k) = k.as_u64() else { continue };
                let mut exc = HashMap::new();
                if let Value::Map(words) = v {
                    for (w, forms) in words {
                        if let Some(w) = w.as_str() {
                            exc.insert(w.to_string(), strs(forms));
                        }
                    }
                }
                by_pos.entry(k).or_default().exc = exc;
            }
        }
        if let Some(Value::Map(m)) = map_get(&root, "lemma_index") {
            for (k, v) in m {
                let Some(k) = k.as_u64() else { continue };
                by_pos.entry(k).or_default().index = strs(v).into_iter().collect();
            }
        }
        Ok(Lemmatizer { by_pos })
    }

    /// The lemma of a token with universal POS `pos` (e.g. "NOUN") and morphology `morph`
    /// ("Number=Sing|…", "" or "_" for none).
    pub(crate) fn lemmatize(&self, text: &str, pos: &str, morph: &str) -> String {
        let univ_pos = lower(pos);
        if univ_pos.is_empty() || univ_pos == "eol" || univ_pos == "space" {
            return lower(text);
        }
        if is_base_form(&univ_pos, morph) {
            return lower(text);
        }
        let tables = match self.by_pos.get(&string_id(&univ_pos)) {
            Some(t) if !t.is_empty() => t,
            _ => {
                return if univ_pos == "propn" {
                    text.to_string()
                } else {
                    lower(text)
                };
            }
        };
        let string = lower(text);
        let mut forms: Vec<String> = Vec::new();
        let mut oov: Vec<String> = Vec::new();
        for (old, new) in &tables.rules {
            if let Some(stem) = string.strip_suffix(old.as_str()) {
                let form = format!("{stem}{new}");
                if form.is_empty() {
                    continue;
                }
                if tables.index.contains(&form) {
                    forms.insert(0, form);
                } else if !is_py_alpha(&form) {
                    forms.push(form);
                } else {
                    oov.push(form);
                }
            }
        }
        let mut seen = HashSet::new();
        forms.retain(|f| seen.insert(f.clone()));
        if let Some(exc) = tables.exc.get(&string) {
            for f in exc {
                if !forms.contains(f) {
                    forms.insert(0, f.clone());
                }
            }
        }
        if forms.is_empty() {
            forms = oov;
        }
        forms.into_iter().next().unwrap_or_else(|| text.to_string())
    }
}

fn morph_get<'a>(morph: &'a str, feat: &str) -> Option<&'a str> {
    morph
        .split('|')
        .filter_map(|kv| kv.split_once('='))
        .find(|(k, _)| *k == feat)
        .map(|(_, v)| v)
}

/// English `is_base_form`: uninflected forms are only lower-cased.
fn is_base_form(univ_pos: &str, morph: &str) -> bool {
    let number = morph_get(morph, "Number");
    let verb_form = morph_get(morph, "VerbForm");
    let tense = morph_get(morph, "Tense");
    let degree = morph_get(morph, "Degree");
    (univ_pos == "noun" && number == Some("Sing"))
        || (univ_pos == "verb" && verb_form == Some("Inf"))
        || (univ_pos == "verb"
            && verb_form == Some("Fin")
            && tense == Some("Pres")
            && number.is_none())
        || (univ_pos == "adj" && degree == Some("Pos"))
        || verb_form == Some("Inf")
        || verb_form == Some("None")
        || degree == Some("Pos")
}
