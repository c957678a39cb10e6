//! spaCy's `Doc.to_json()` output, so results can be diffed against spaCy directly.
//!
//! Shape (spaCy 3.8): `{"text", "ents"?: [{start,end,label}], "sents"?: [{start,end}],
//! "tokens": [{id,start,end,tag?,pos?,morph?,lemma?,dep?,head?}]}`. All offsets are code-point
//! offsets; entity/sentence `end` is the end of their last token (trailing space excluded).
//! spaCy writes a key only if the doc has that annotation (`Doc.has_annotation`: at least one
//! token has it); an empty doc always gets `"ents": []` and `"sents": []`.

use serde_json::{json, Map, Value};

/// One token as spaCy annotates it. `None` means "this annotation was not produced".
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SpacyTokenView {
    /// Code-point offset of the token start (`token.idx`).
    pub char_start: usize,
    /// Code-point offset one past the token end.
    pub char_end: usize,
    /// Fine-grained tag (`tag_`).
    pub tag: Option<String>,
    /// Coarse part of speech (`pos_`).
    pub pos: Option<String>,
    /// Morphological features in UD string form, e.g. `"Number=Sing"` (`morph.to_json()`).
    pub morph: Option<String>,
    /// Lemma (`lemma_`).
    pub lemma: Option<String>,
    /// Dependency label (`dep_`).
    pub dep: Option<String>,
    /// Index of the head token (a root points to itself). Written together with `dep`.
    pub head: Option<usize>,
}

/// A named entity as a token range.
#[derive(Clone, Debug, PartialEq)]
pub struct SpacyEntView {
    /// First token index.
    pub start: usize,
    /// One past the last token index.
    pub end: usize,
    /// Entity label, e.g. `"GPE"`.
    pub label: String,
}

/// Everything `to_spacy_json` needs from an annotated document.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SpacyDocView {
    /// Tokens in order.
    pub tokens: Vec<SpacyTokenView>,
    /// Entities in order; `None` if no entity recognizer ran (key omitted).
    pub ents: Option<Vec<SpacyEntView>>,
    /// Token indices that start a sentence; `None` if no sentence boundaries exist (key
    /// omitted). Token 0 always starts a sentence, listed or not.
    pub sent_starts: Option<Vec<usize>>,
}

fn ent_spans(doc: &SpacyDocView) -> Option<Vec<(usize, usize, &str)>> {
    let ents = match &doc.ents {
        Some(e) => e,
        None if doc.tokens.is_empty() => return Some(Vec::new()),
        None => return None,
    };
    Some(
        ents.iter()
            .filter(|e| e.start < e.end && e.end <= doc.tokens.len())
            .map(|e| {
                (
                    doc.tokens[e.start].char_start,
                    doc.tokens[e.end - 1].char_end,
                    e.label.as_str(),
                )
            })
            .collect(),
    )
}

fn sent_spans(doc: &SpacyDocView) -> Option<Vec<(usize, usize)>> {
    let n = doc.tokens.len();
    let starts = match &doc.sent_starts {
        Some(s) => s,
        None if n == 0 => return Some(Vec::new()),
        None => return None,
    };
    let mut is_start = vec![false; n];
    for &s in starts {
        if s < n {
            is_start[s] = true;
        }
    }
    let mut spans = Vec::new();
    let mut begin = 0;
    for (i, &start) in is_start.iter().enumerate().skip(1) {
        if start {
            spans.push((doc.tokens[begin].char_start, doc.tokens[i - 1].char_end));
            begin = i;
        }
    }
    if n > 0 {
        spans.push((doc.tokens[begin].char_start, doc.tokens[n - 1].char_end));
    }
    Some(spans)
}

/// Which optional token fields the doc has (spaCy's `has_annotation`: any token has it).
struct Present {
    tag: bool,
    pos: bool,
    morph: bool,
    lemma: bool,
    dep: bool,
}

fn present(doc: &SpacyDocView) -> Present {
    let any = |f: fn(&SpacyTokenView) -> bool| doc.tokens.iter().any(f);
    Present {
        tag: any(|t| t.tag.is_some()),
        pos: any(|t| t.pos.is_some()),
        morph: any(|t| t.morph.is_some()),
        lemma: any(|t| t.lemma.is_some()),
        dep: any(|t| t.dep.is_some() || t.head.is_some()),
    }
}

/// `(key, value)` pairs of one token in spaCy's key order.
fn token_fields(i: usize, t: &SpacyTokenView, p: &Present) -> Vec<(&'static str, Value)> {
    let s = |v: &Option<String>| Value::from(v.as_deref().unwrap_or(""));
    let mut f = vec![
        ("id", Value::from(i)),
        ("start", Value::from(t.char_start)),
        ("end", Value::from(t.char_end)),
    ];
    if p.tag {
        f.push(("tag", s(&t.tag)));
    }
    if p.pos {
        f.push(("pos", s(&t.pos)));
    }
    if p.morph {
        f.push(("morph", s(&t.morph)));
    }
    if p.lemma {
        f.push(("lemma", s(&t.lemma)));
    }
    if p.dep {
        f.push(("dep", s(&t.dep)));
        f.push(("head", Value::from(t.head.unwrap_or(i))));
    }
    f
}

/// The value of spaCy's `doc.to_json()` for `text` annotated as `doc`.
///
/// `serde_json::Value` objects do not keep key order; use [`to_spacy_json_string`] for
/// byte-level comparison with Python's `json.dumps`.
pub fn to_spacy_json(text: &str, doc: &SpacyDocView) -> Value {
    let mut root = Map::new();
    root.insert("text".into(), Value::from(text));
    if let Some(ents) = ent_spans(doc) {
        let ents: Vec<Value> = ents
            .into_iter()
            .map(|(s, e, l)| json!({"start": s, "end": e, "label": l}))
            .collect();
        root.insert("ents".into(), Value::Array(ents));
    }
    if let Some(sents) = sent_spans(doc) {
        let sents: Vec<Value> = sents
            .into_iter()
            .map(|(s, e)| json!({"start": s, "end": e}))
            .collect();
        root.insert("sents".into(), Value::Array(sents));
    }
    let p = present(doc);
    let tokens: Vec<Value> = doc
        .tokens
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let m: Map<String, Value> = token_fields(i, t, &p)
                .into_iter()
                .map(|(k, v)| (k.to_string(), v))
                .collect();
            Value::Object(m)
        })
        .collect();
    root.insert("tokens".into(), Value::Array(tokens));
    Value::Object(root)
}

/// Same content as [`to_spacy_json`], serialized with spaCy's key order and no whitespace,
/// i.e. what `json.dumps(doc.to_json(), ensure_ascii=False, separators=(",", ":"))` prints.
pub fn to_spacy_json_string(text: &str, doc: &SpacyDocView) -> String {
    fn obj(out: &mut String, fields: &[(&str, Value)]) {
        out.push('{');
        for (k, (key, v)) in fields.iter().enumerate() {
            if k > 0 {
                out.push(',');
            }
            out.push_str(&Value::from(*key).to_string());
            out.push(':');
            out.push_str(&v.to_string());
        }
        out.push('}');
    }
    fn list<T>(out: &mut String, items: &[T], mut each: impl FnMut(&mut String, &T)) {
        out.push('[');
        for (k, it) in items.iter().enumerate() {
            if k > 0 {
                out.push(',');
            }
            each(out, it);
        }
        out.push(']');
    }
    let mut out = String::with_capacity(text.len() * 4 + 64);
    out.push_str("{\"text\":");
    out.push_str(&Value::from(text).to_string());
    if let Some(ents) = ent_spans(doc) {
        out.push_str(",\"ents\":");
        list(&mut out, &ents, |o, &(s, e, l)| {
            obj(
                o,
                &[
                    ("start", s.into()),
                    ("end", e.into()),
                    ("label", Value::from(l)),
                ],
            )
        });
    }
    if let Some(sents) = sent_spans(doc) {
        out.push_str(",\"sents\":");
        list(&mut out, &sents, |o, &(s, e)| {
            obj(o, &[("start", s.into()), ("end", e.into())])
        });
    }
    let p = present(doc);
    out.push_str(",\"tokens\":");
    let indexed: Vec<(usize, &SpacyTokenView)> = doc.tokens.iter().enumerate().collect();
    list(&mut out, &indexed, |o, &(i, t)| {
        obj(o, &token_fields(i, t, &p))
    });
    out.push('}');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tok(s: usize, e: usize, tag: &str, dep: &str, head: usize) -> SpacyTokenView {
        SpacyTokenView {
            char_start: s,
            char_end: e,
            tag: Some(tag.into()),
            pos: Some("X".into()),
            morph: Some(String::new()),
            lemma: Some("l".into()),
            dep: Some(dep.into()),
            head: Some(head),
        }
    }

    #[test]
    fn key_order_and_spans_match_spacy() {
        let text = "Hi Ali. Go";
        let doc = SpacyDocView {
            tokens: vec![
                tok(0, 2, "UH", "intj", 1),
                tok(3, 6, "NNP", "ROOT", 1),
                tok(6, 7, ".", "punct", 1),
                tok(8, 10, "VB", "ROOT", 3),
            ],
            ents: Some(vec![SpacyEntView {
                start: 1,
                end: 2,
                label: "PERSON".into(),
            }]),
            sent_starts: Some(vec![0, 3]),
        };
        let s = to_spacy_json_string(text, &doc);
        assert!(s.starts_with(
            r#"{"text":"Hi Ali. Go","ents":[{"start":3,"end":6,"label":"PERSON"}],"sents":[{"start":0,"end":7},{"start":8,"end":10}],"tokens":[{"id":0,"start":0,"end":2,"tag":"UH","pos":"X","morph":"","lemma":"l","dep":"intj","head":1}"#
        ), "{s}");
        let v: Value = serde_json::from_str(&s).unwrap();
        assert_eq!(v, to_spacy_json(text, &doc));
    }

    #[test]
    fn absent_annotations_are_omitted_but_empty_doc_has_lists() {
        let doc = SpacyDocView {
            tokens: vec![SpacyTokenView {
                char_start: 0,
                char_end: 1,
                ..Default::default()
            }],
            ents: None,
            sent_starts: None,
        };
        assert_eq!(
            to_spacy_json_string("a", &doc),
            r#"{"text":"a","tokens":[{"id":0,"start":0,"end":1}]}"#
        );
        assert_eq!(
            to_spacy_json_string("", &SpacyDocView::default()),
            r#"{"text":"","ents":[],"sents":[],"tokens":[]}"#
        );
    }

    /// Rebuilds every inline fixture from its own annotations and compares with spaCy's output.
    #[test]
    fn round_trips_spacy_fixtures() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/spacy");
        let Ok(entries) = std::fs::read_dir(&dir) else {
            return;
        };
        let mut checked = 0;
        for e in entries {
            let path = e.unwrap().path();
            let mut fx: Value =
                serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            let Some(text) = fx["text"].as_str().map(str::to_string) else {
                continue;
            };
            let toks = fx["tokens"].as_array().unwrap();
            let s = |t: &Value, k: &str| t[k].as_str().map(str::to_string);
            let tokens: Vec<SpacyTokenView> = toks
                .iter()
                .map(|t| SpacyTokenView {
                    char_start: t["start"].as_u64().unwrap() as usize,
                    char_end: t["end"].as_u64().unwrap() as usize,
                    tag: s(t, "tag"),
                    pos: s(t, "pos"),
                    morph: s(t, "morph"),
                    lemma: s(t, "lemma"),
                    dep: s(t, "dep"),
                    head: t["head"].as_u64().map(|h| h as usize),
                })
                .collect();
            let tok_at = |c: u64, end: bool| {
                tokens
                    .iter()
                    .position(|t| (if end { t.char_end } else { t.char_start }) as u64 == c)
                    .unwrap()
            };
            let ents = fx["ents"].as_array().map(|a| {
                a.iter()
                    .map(|e| SpacyEntView {
                        start: tok_at(e["start"].as_u64().unwrap(), false),
                        end: tok_at(e["end"].as_u64().unwrap(), true) + 1,
                        label: e["label"].as_str().unwrap().to_string(),
                    })
                    .collect()
            });
            let sent_starts = fx["sents"].as_array().map(|a| {
                a.iter()
                    .map(|e| tok_at(e["start"].as_u64().unwrap(), false))
                    .collect()
            });
            let doc = SpacyDocView {
                tokens,
                ents,
                sent_starts,
            };
            for t in fx["tokens"].as_array_mut().unwrap() {
                let m = t.as_object_mut().unwrap();
                for extra in ["whitespace", "norm", "lex_norm"] {
                    m.remove(extra);
                }
            }
            assert_eq!(to_spacy_json(&text, &doc), fx, "{}", path.display());
            checked += 1;
        }
        assert!(checked > 0 || !dir.exists());
    }
}
