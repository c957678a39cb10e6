//! Network parity against spaCy's own output (tests/fixtures/nets, written by
//! scripts/spacy_nets_fixtures.py). Tokens are taken from the fixtures, so these tests check the
//! features, tok2vec, tagger, parser and NER independently of the tokenizer.

mod common;

use std::collections::HashSet;

use common::{fixtures, model_dir, Score};
use mosaic_nlp::pipeline::Pipeline;

#[test]
fn full_pipeline_matches_spacy() {
    let Some(dir) = model_dir() else { return };
    let nlp = Pipeline::load(&dir).expect("model loads");
    let (mut pos, mut lemmas) = (Score::default(), Score::default());
    let (mut tags, mut heads, mut deps, mut starts, mut ents) = (
        Score::default(),
        Score::default(),
        Score::default(),
        Score::default(),
        Score::default(),
    );
    let mut extra_ents = 0;
    let mut docs = Score::default();
    for fx in fixtures() {
        let out = nlp.annotate(&fx.tokens);
        assert_eq!(out.tokens.len(), fx.tokens.len());
        let mut doc_ok = true;
        for (i, t) in out.tokens.iter().enumerate() {
            pos.add(t.pos == fx.pos[i]);
            lemmas.add(t.lemma == fx.lemma[i]);
            if t.pos != fx.pos[i] || t.lemma != fx.lemma[i] {
                eprintln!(
                    "{} token {i} {:?}: ours pos={} lemma={:?} | spaCy pos={} lemma={:?}",
                    fx.name, t.text, t.pos, t.lemma, fx.pos[i], fx.lemma[i]
                );
            }
            let ok = [
                t.tag == fx.tag[i],
                t.head == fx.head[i],
                t.dep == fx.dep[i],
                t.sent_start == fx.sent_start[i],
            ];
            tags.add(ok[0]);
            heads.add(ok[1]);
            deps.add(ok[2]);
            starts.add(ok[3]);
            if ok.contains(&false) {
                doc_ok = false;
                eprintln!(
                    "{} token {i} {:?}: ours tag={} head={} dep={} ss={} | spaCy tag={} head={} dep={} ss={}",
                    fx.name, t.text, t.tag, t.head, t.dep, t.sent_start, fx.tag[i], fx.head[i], fx.dep[i],
                    fx.sent_start[i]
                );
            }
        }
        let ours: HashSet<(usize, usize, String)> = out
            .ents
            .iter()
            .map(|e| (e.start_token, e.end_token, e.label.clone()))
            .collect();
        for e in &fx.ents {
            let ok = ours.contains(e);
            ents.add(ok);
            if !ok {
                doc_ok = false;
                eprintln!("{} missing entity {:?}", fx.name, e);
            }
        }
        let theirs: HashSet<_> = fx.ents.iter().cloned().collect();
        for e in ours.difference(&theirs) {
            extra_ents += 1;
            doc_ok = false;
            eprintln!("{} extra entity {:?}", fx.name, e);
        }
        docs.add(doc_ok);
    }
    eprintln!(
        "parity: tags {tags}, heads {heads}, deps {deps}, sent starts {starts}, entities {ents} (+{extra_ents} extra), pos {pos}, lemmas {lemmas}, docs identical {docs}"
    );
    for (name, s) in [
        ("tags", tags),
        ("heads", heads),
        ("deps", deps),
        ("sent starts", starts),
        ("entities", ents),
        ("pos", pos),
        ("lemmas", lemmas),
    ] {
        assert!(s.ratio() >= 0.995, "{name} agreement too low: {s}");
    }
    assert!(
        extra_ents * 200 <= ents.total.max(1),
        "too many extra entities: {extra_ents}"
    );
}

#[test]
fn ner_only_matches_spacy() {
    let Some(dir) = model_dir() else { return };
    let nlp = Pipeline::load(&dir).expect("model loads");
    let mut ents = Score::default();
    let mut extra = 0;
    for fx in fixtures() {
        let ours: HashSet<(usize, usize, String)> = nlp
            .annotate_entities(&fx.tokens)
            .iter()
            .map(|e| (e.start_token, e.end_token, e.label.clone()))
            .collect();
        for e in &fx.ner_only_ents {
            ents.add(ours.contains(e));
        }
        let theirs: HashSet<_> = fx.ner_only_ents.iter().cloned().collect();
        extra += ours.difference(&theirs).count();
    }
    eprintln!("NER-only parity: entities {ents} (+{extra} extra)");
    assert!(ents.ratio() >= 0.995, "NER-only agreement too low: {ents}");
    assert!(
        extra * 200 <= ents.total.max(1),
        "too many extra entities: {extra}"
    );
}

/// Layer-level check: the shared tok2vec output (doc.tensor) and the NER's own token vectors
/// against spaCy's values (fixtures rounded to 1e-6).
#[test]
fn token_vectors_match_spacy() {
    let Some(dir) = model_dir() else { return };
    let nlp = Pipeline::load(&dir).expect("model loads");
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/nets/vectors.json");
    let vectors: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let by_name: std::collections::HashMap<String, common::Fixture> = fixtures()
        .into_iter()
        .map(|f| (f.name.clone(), f))
        .collect();
    let mut checked = 0;
    let mut worst = 0f32;
    for (name, v) in vectors.as_object().unwrap() {
        let fx = &by_name[name];
        for (key, ours) in [
            ("tensor", nlp.tensor(&fx.tokens)),
            ("ner_tensor", nlp.ner_tensor(&fx.tokens)),
        ] {
            let theirs: Vec<f32> = v[key]
                .as_array()
                .unwrap()
                .iter()
                .flat_map(|row| {
                    row.as_array()
                        .unwrap()
                        .iter()
                        .map(|x| x.as_f64().unwrap() as f32)
                })
                .collect();
            assert_eq!(ours.len(), theirs.len(), "{name} {key}: size");
            for (a, b) in ours.iter().zip(&theirs) {
                worst = worst.max((a - b).abs());
            }
            checked += theirs.len();
        }
    }
    eprintln!("token vectors: {checked} values, max abs diff {worst:e}");
    assert!(checked > 0);
    assert!(
        worst < 1e-4,
        "token vectors differ from spaCy by up to {worst}"
    );
}

#[test]
fn move_tables_match_spacy() {
    let Some(dir) = model_dir() else { return };
    let nlp = Pipeline::load(&dir).expect("model loads");
    let p = nlp.parser_move_names();
    assert_eq!(p.len(), 106);
    assert_eq!(&p[..4], &["S", "D", "L-det", "L-nsubj"]);
    assert_eq!(p[49], "R-punct");
    assert_eq!(p[105], "B-ROOT");
    let n = nlp.ner_move_names();
    assert_eq!(n.len(), 74);
    assert_eq!(&n[..3], &["B-ORG", "B-DATE", "B-PERSON"]);
    assert_eq!(n[72], "U-");
    assert_eq!(n[73], "O");
    assert_eq!(nlp.tag_labels().len(), 50);
}

#[test]
fn end_to_end_from_text_matches_spacy() {
    let Some(dir) = model_dir() else { return };
    let nlp = Pipeline::load(&dir).expect("model loads");
    let (mut toks, mut labels, mut ents) = (Score::default(), Score::default(), Score::default());
    for fx in fixtures() {
        let out = nlp.parse(&fx.text);
        let ours: Vec<(usize, &str, bool)> = out
            .tokens
            .iter()
            .map(|t| (t.char_start, t.text.as_str(), t.whitespace))
            .collect();
        let theirs: Vec<(usize, &str, bool)> = fx
            .tokens
            .iter()
            .map(|t| (t.char_start, t.text.as_str(), t.whitespace))
            .collect();
        let same_tokens = ours == theirs;
        toks.add(same_tokens);
        if !same_tokens {
            eprintln!("{}: tokenization differs", fx.name);
            continue;
        }
        for (i, t) in out.tokens.iter().enumerate() {
            labels.add(t.tag == fx.tag[i] && t.head == fx.head[i] && t.dep == fx.dep[i]);
            assert_eq!(&fx.text[t.start..t.end], t.text);
        }
        let got: HashSet<(usize, usize, String)> = out
            .ents
            .iter()
            .map(|e| (e.start_token, e.end_token, e.label.clone()))
            .collect();
        for e in &fx.ents {
            ents.add(got.contains(e));
        }
        for e in &out.ents {
            assert_eq!(e.start, out.tokens[e.start_token].start);
            assert_eq!(e.end, out.tokens[e.end_token - 1].end);
        }
    }
    eprintln!("end-to-end: docs tokenized identically {toks}, tokens with tag+head+dep identical {labels}, entities {ents}");
    assert!(
        toks.ratio() >= 0.95,
        "tokenization differs too often: {toks}"
    );
    assert!(labels.ratio() >= 0.995 && ents.ratio() >= 0.995);
}

#[test]
fn odd_inputs_do_not_panic() {
    let Some(dir) = model_dir() else { return };
    let nlp = Pipeline::load(&dir).expect("model loads");
    for text in [
        "",
        " ",
        "\n\n\n",
        "a",
        "!!!",
        "\u{0}\u{1}",
        "💥",
        &"x".repeat(5000),
        &"word ".repeat(3000),
    ] {
        let out = nlp.parse(text);
        for t in &out.tokens {
            assert!(t.head < out.tokens.len());
        }
        let _ = nlp.entities(text);
    }
    // Longer than one segment: offsets, heads and entities must still refer to the whole text.
    let fx = fixtures();
    let long: String = fx
        .iter()
        .map(|f| f.text.as_str())
        .collect::<Vec<_>>()
        .join("\n\n")
        .repeat(4);
    assert!(long.len() > mosaic_nlp::pipeline::SEGMENT_BYTES);
    let out = nlp.parse(&long);
    assert!(out.tokens.len() > 15_000);
    let mut chars = 0;
    let mut prev_end = 0;
    for t in &out.tokens {
        assert_eq!(&long[t.start..t.end], t.text);
        chars += long[prev_end..t.start].chars().count();
        assert_eq!(t.char_start, chars);
        chars += t.text.chars().count();
        prev_end = t.end;
        assert!(t.head < out.tokens.len());
    }
    for e in out.ents.iter().chain(nlp.entities(&long).iter()) {
        assert_eq!(e.start, out.tokens[e.start_token].start);
        assert_eq!(e.end, out.tokens[e.end_token - 1].end);
    }
}

#[test]
fn pipeline_is_shareable_and_debug_is_short() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Pipeline>();
    let Some(dir) = model_dir() else { return };
    let nlp = Pipeline::load(&dir).expect("model loads");
    assert!(format!("{nlp:?}").len() < 2000);
}

#[test]
fn batched_calls_equal_single_calls() {
    let Some(dir) = model_dir() else { return };
    let nlp = Pipeline::load(&dir).expect("model loads");
    let fx = fixtures();
    // Short texts plus the lines of the articles: many short documents in one batch,
    // including empty ones.
    let mut texts: Vec<&str> = fx
        .iter()
        .filter(|f| f.name.starts_with("text_"))
        .map(|f| f.text.as_str())
        .collect();
    texts.extend(fx.iter().flat_map(|f| f.text.lines()));
    let many = nlp.parse_many(&texts);
    let ents_many = nlp.entities_many(&texts);
    assert_eq!(many.len(), texts.len());
    for (i, t) in texts.iter().enumerate() {
        assert_eq!(many[i], nlp.parse(t), "parse_many differs on text {i}");
        assert_eq!(
            ents_many[i],
            nlp.entities(t),
            "entities_many differs on text {i}"
        );
    }
}
