//! Token-for-token parity of `mosaic_nlp::tokenizer` with spaCy 3.8 (fixtures written by
//! `scripts/spacy_parity.py`), plus robustness tests on hostile input.
//!
//! Needs the unpacked model (`scripts/setup-model.sh`, which the test command runs); without it
//! the tests fail, unless `MOSAIC_TESTS_WITHOUT_MODEL=1` (see `model_missing_in_test`).

use std::path::{Path, PathBuf};

use mosaic_nlp::model_dir::find_model_dir;
use mosaic_nlp::tokenizer::{RawToken, Tokenizer};
use serde_json::Value;

fn tokenizer() -> Option<Tokenizer> {
    let Some(dir) = find_model_dir(None) else {
        mosaic_nlp::model_dir::model_missing_in_test("the tokenizer parity tests");
        return None;
    };
    Some(Tokenizer::from_package_dir(&dir).expect("tokenizer rules load"))
}

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/spacy")
}

/// The text a fixture was made from: inline, or a seed article from `../shared` (None if absent
/// or changed since the fixture was written).
fn fixture_text(fx: &Value) -> Option<String> {
    if let Some(t) = fx["text"].as_str() {
        return Some(t.to_string());
    }
    let source = fx["source"].as_str()?;
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let text = std::fs::read_to_string(repo.join("..").join(source)).ok()?;
    let expected = fx["text_chars"].as_u64()? as usize;
    (text.chars().count() == expected).then_some(text)
}

/// One spaCy token from a fixture, in the terms `RawToken` uses.
#[derive(Debug, PartialEq)]
struct Expected {
    char_start: usize,
    char_end: usize,
    text: String,
    whitespace: bool,
    norm: String,
    /// Present when spaCy's norm differs from the vocabulary norm: it came from a special case.
    lex_norm: Option<String>,
}

fn expected_tokens(fx: &Value, text: &str) -> Vec<Expected> {
    let chars: Vec<char> = text.chars().collect();
    fx["tokens"]
        .as_array()
        .expect("tokens")
        .iter()
        .map(|t| {
            let s = t["start"].as_u64().unwrap() as usize;
            let e = t["end"].as_u64().unwrap() as usize;
            Expected {
                char_start: s,
                char_end: e,
                text: chars[s..e].iter().collect(),
                whitespace: t["whitespace"].as_str() == Some(" "),
                norm: t["norm"].as_str().unwrap_or_default().to_string(),
                lex_norm: t["lex_norm"].as_str().map(str::to_string),
            }
        })
        .collect()
}

fn same(mine: &RawToken, exp: &Expected) -> bool {
    let norm_ok = match &mine.norm_override {
        Some(n) => *n == exp.norm,
        None => exp.lex_norm.is_none(),
    };
    mine.char_start == exp.char_start
        && mine.char_end == exp.char_end
        && mine.text == exp.text
        && mine.whitespace == exp.whitespace
        && norm_ok
}

/// Checks the byte/char offsets of `tokens` against `text` and their order.
fn check_offsets(text: &str, tokens: &[RawToken]) {
    let mut prev_end = 0;
    for t in tokens {
        assert!(t.start < t.end, "empty token {t:?}");
        assert!(t.start >= prev_end, "overlap at {t:?}");
        assert_eq!(&text[t.start..t.end], t.text, "text/offset mismatch");
        assert_eq!(text[..t.start].chars().count(), t.char_start);
        assert_eq!(t.char_start + t.text.chars().count(), t.char_end);
        if t.whitespace {
            assert_eq!(
                text.as_bytes().get(t.end),
                Some(&b' '),
                "whitespace flag {t:?}"
            );
        }
        prev_end = t.end;
    }
}

#[test]
fn tokens_match_spacy_fixtures() {
    let Some(tok) = tokenizer() else { return };
    let mut files: Vec<PathBuf> = std::fs::read_dir(fixtures_dir())
        .expect("fixtures/spacy exists")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .filter(|p| !p.file_name().unwrap().to_string_lossy().starts_with('_'))
        .collect();
    files.sort();
    assert!(files.len() >= 20, "too few fixtures: {}", files.len());

    let (mut same_tokens, mut total, mut docs_ok, mut docs, mut skipped) = (0, 0, 0, 0, 0);
    let mut report = String::new();
    for path in &files {
        let fx: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        let Some(text) = fixture_text(&fx) else {
            skipped += 1;
            continue;
        };
        let expected = expected_tokens(&fx, &text);
        let mine = tok.tokenize(&text);
        check_offsets(&text, &mine);
        docs += 1;
        total += expected.len();
        // Tokens are compared by position in the text, so one split difference costs only the
        // tokens it touches.
        let mut j = 0;
        let mut doc_same = mine.len() == expected.len();
        for exp in &expected {
            while j < mine.len() && mine[j].char_start < exp.char_start {
                j += 1;
            }
            if j < mine.len() && same(&mine[j], exp) {
                same_tokens += 1;
            } else {
                doc_same = false;
                if report.len() < 4000 {
                    report.push_str(&format!(
                        "{}: spaCy {:?} | ours {:?}\n",
                        path.file_name().unwrap().to_string_lossy(),
                        exp,
                        mine.get(j)
                    ));
                }
            }
        }
        if doc_same {
            docs_ok += 1;
        }
    }
    eprintln!(
        "tokenizer parity: {same_tokens}/{total} tokens identical, {docs_ok}/{docs} docs identical \
         ({skipped} seed fixtures skipped: ../shared not present)"
    );
    assert!(report.is_empty(), "differences from spaCy:\n{report}");
    assert_eq!(docs_ok, docs);
}

#[test]
fn special_cases_carry_norms_and_offsets() {
    let Some(tok) = tokenizer() else { return };
    assert_eq!(tok.special_case_count(), 1347);
    let text = "They can't go at 10am.";
    let toks = tok.tokenize(text);
    let texts: Vec<&str> = toks.iter().map(|t| t.text.as_str()).collect();
    assert_eq!(texts, ["They", "ca", "n't", "go", "at", "10", "am", "."]);
    assert_eq!(toks[2].norm_override.as_deref(), Some("not"));
    assert_eq!(toks[6].norm_override.as_deref(), Some("a.m."));
    assert_eq!(toks[0].norm_override, None);
    assert!(toks[2].whitespace && !toks[1].whitespace);
    check_offsets(text, &toks);
}

#[test]
fn never_panics_on_hostile_input() {
    let Some(tok) = tokenizer() else { return };
    let long_word = "a".repeat(100_000);
    let long_dots = "a.".repeat(20_000);
    let long_url = format!("https://{}.com/{}", "b".repeat(5_000), "c/".repeat(5_000));
    let long_at = format!("{}@{}", "x.".repeat(3_000), "y.".repeat(3_000));
    let cases: Vec<String> = vec![
        String::new(),
        " ".into(),
        "\u{0301}".into(),
        "\u{0301}\u{0301}a\u{0308}".into(),
        "\0\0\0".into(),
        "\u{1c}\u{1d}\u{1e}\u{1f}".into(),
        "\u{feff}\u{200b}\u{200f}\u{202e}abc\u{202c}".into(),
        "👨‍👩‍👧‍👦🏳️‍🌈🇮🇷".into(),
        "مرحبا بالعالم، كيف حالك؟".into(),
        "\r\n\r\n\t\t  \u{a0}\u{3000}".into(),
        "'''''''''''s".into(),
        "((((((((((((((((x))))))))))))))))".into(),
        "....................................................".into(),
        "US$US$US$US$5".into(),
        "\u{10ffff}\u{e000}\u{fffd}".into(),
        long_word,
        long_dots,
        long_url,
        long_at,
    ];
    for text in &cases {
        let toks = tok.tokenize(text);
        check_offsets(text, &toks);
        let covered: usize = toks.iter().map(|t| t.end - t.start).sum();
        let spaces = toks.iter().filter(|t| t.whitespace).count();
        assert_eq!(
            covered + spaces,
            text.len(),
            "tokens must cover the text: {text:?}"
        );
    }
}

/// Random strings over an alphabet rich in the characters the rules care about; checks the
/// structural invariants (spaCy itself is not available at test time).
#[test]
fn random_strings_keep_invariants() {
    let Some(tok) = tokenizer() else { return };
    const ALPHABET: &[&str] = &[
        "a", "Z", "ı", "İ", "é", "5", "0", ".", ",", "'", "’", "\"", "“", "-", "—", "–", "(", ")",
        "[", "$", "€", "%", "/", ":", "@", "#", "&", "+", "*", "^", "…", "?", "!", "°", "km",
        "U.S.", "can't", "n't", "'s", "a.m.", "http://", "www.", ".com", " ", " ", " ", "  ", "\t",
        "\n", "\u{a0}", "\u{1c}", "\u{0301}", "😀", "🇮🇷", "ا", "ی", "\u{200c}", "\0", "e.g.", ":)",
        "<3", "10", "am", "’S",
    ];
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for _ in 0..3_000 {
        let len = (next() % 24) as usize;
        let text: String = (0..len)
            .map(|_| ALPHABET[(next() % ALPHABET.len() as u64) as usize])
            .collect();
        let toks = tok.tokenize(&text);
        check_offsets(&text, &toks);
        let covered: usize = toks.iter().map(|t| t.end - t.start).sum();
        let spaces = toks.iter().filter(|t| t.whitespace).count();
        assert_eq!(covered + spaces, text.len(), "coverage: {text:?}");
        // Same answer from the chunk cache as from a fresh tokenizer run.
        assert_eq!(tok.tokenize(&text), toks, "cache changed result: {text:?}");
    }
}

/// Compares against a large random corpus tokenized by spaCy:
/// `python scripts/spacy_parity.py --stress 30000` then
/// `MOSAIC_TOKENIZER_STRESS=/tmp/mosaic-tokenizer-stress.jsonl cargo test -p mosaic-nlp --test tokenizer_parity -- --ignored`.
#[test]
#[ignore = "needs a stress file generated with real spaCy"]
fn stress_file_matches_spacy() {
    let Some(tok) = tokenizer() else { return };
    let path = std::env::var("MOSAIC_TOKENIZER_STRESS")
        .unwrap_or_else(|_| "/tmp/mosaic-tokenizer-stress.jsonl".into());
    let data = std::fs::read_to_string(&path).expect("stress file");
    let (mut bad, mut n) = (0, 0);
    for line in data.lines() {
        let v: Value = serde_json::from_str(line).unwrap();
        let text = v["text"].as_str().unwrap();
        let expected: Vec<(usize, usize, bool, Option<String>)> = v["tokens"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| {
                (
                    t[0].as_u64().unwrap() as usize,
                    t[1].as_u64().unwrap() as usize,
                    t[2].as_bool().unwrap(),
                    t[3].as_str().map(str::to_string),
                )
            })
            .collect();
        let toks = tok.tokenize(text);
        check_offsets(text, &toks);
        let mine: Vec<(usize, usize, bool, Option<String>)> = toks
            .iter()
            .map(|t| {
                (
                    t.char_start,
                    t.char_end,
                    t.whitespace,
                    t.norm_override.clone(),
                )
            })
            .collect();
        // A special-case norm equal to the vocabulary norm is invisible in the fixture.
        let ok = mine.len() == expected.len()
            && mine.iter().zip(&expected).all(|(m, e)| {
                m.0 == e.0 && m.1 == e.1 && m.2 == e.2 && (e.3.is_none() || m.3 == e.3)
            });
        n += 1;
        if !ok {
            bad += 1;
            if bad <= 10 {
                eprintln!("DIFF {text:?}\n  spaCy {expected:?}\n  ours  {mine:?}");
            }
        }
    }
    eprintln!("stress: {}/{n} strings identical", n - bad);
    assert_eq!(bad, 0);
}
