//! Tokenizer throughput on the sample articles (`../shared/corpus/seeds`, falling back to the
//! fixture texts). Informational, so ignored by default:
//! `cargo test --release -p mosaic-nlp --test tokenizer_speed -- --ignored --nocapture`.

use std::path::Path;
use std::time::Instant;

use mosaic_nlp::model_dir::find_model_dir;
use mosaic_nlp::tokenizer::Tokenizer;

fn corpus() -> Vec<String> {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let seeds = manifest.join("../../../shared/corpus/seeds");
    let dir = if seeds.is_dir() {
        seeds
    } else {
        manifest.join("tests/fixtures/texts")
    };
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect()
}

#[test]
#[ignore = "benchmark; run with --release -- --ignored --nocapture"]
fn tokenizer_speed() {
    let Some(dir) = find_model_dir(None) else {
        mosaic_nlp::model_dir::model_missing_in_test("the tokenizer speed test");
        return;
    };
    let t0 = Instant::now();
    let tok = Tokenizer::from_package_dir(&dir).unwrap();
    let load = t0.elapsed();
    let docs = corpus();
    let bytes: usize = docs.iter().map(String::len).sum();

    // Cold: a fresh tokenizer per pass, so every chunk goes through the rules.
    let mut cold = std::time::Duration::ZERO;
    let mut cold_tokens = 0;
    for _ in 0..5 {
        let fresh = Tokenizer::from_package_dir(&dir).unwrap();
        let t1 = Instant::now();
        for d in &docs {
            cold_tokens += fresh.tokenize(d).len();
        }
        cold += t1.elapsed();
    }

    // Warm: the chunk cache is populated (the steady state of a long-running process).
    for d in &docs {
        tok.tokenize(d);
    }
    let passes = 200;
    let t0 = Instant::now();
    let mut tokens = 0;
    for _ in 0..passes {
        for d in &docs {
            tokens += tok.tokenize(d).len();
        }
    }
    let warm = t0.elapsed();
    eprintln!(
        "load {:.0} ms; corpus {} docs, {} bytes, {} tokens",
        load.as_secs_f64() * 1e3,
        docs.len(),
        bytes,
        tokens / passes
    );
    eprintln!(
        "cold (empty cache): {:.0} tokens/s; warm: {:.0} tokens/s ({:.1} MB/s)",
        cold_tokens as f64 / cold.as_secs_f64().max(1e-9),
        tokens as f64 / warm.as_secs_f64(),
        (bytes * passes) as f64 / warm.as_secs_f64() / 1e6
    );
}

/// Time on adversarial chunks (long runs of affix characters, near-URLs). spaCy itself is
/// quadratic on several of these; this only reports.
#[test]
#[ignore = "benchmark; run with --release -- --ignored --nocapture"]
fn tokenizer_pathological_inputs() {
    let Some(dir) = find_model_dir(None) else {
        mosaic_nlp::model_dir::model_missing_in_test("the tokenizer speed test");
        return;
    };
    let tok = Tokenizer::from_package_dir(&dir).unwrap();
    let n = 20_000;
    let cases: Vec<(&str, String)> = vec![
        ("close parens", ")".repeat(n)),
        ("open parens", "(".repeat(n)),
        ("quotes+s", format!("{}s", "'".repeat(n))),
        ("dots", ".".repeat(n)),
        ("a.", "a.".repeat(n / 2)),
        ("a-", "a-".repeat(n / 2)),
        ("dollars", "$".repeat(n)),
        ("letters", "a".repeat(n)),
        ("digits+km", format!("{}km", "5".repeat(n))),
        (
            "near-url",
            format!("{}@{}", "x.".repeat(n / 4), "y.".repeat(n / 4)),
        ),
        ("url", format!("https://example.com/{}", "p/".repeat(n / 2))),
        ("emoji", "😀".repeat(n / 4)),
    ];
    for (name, text) in cases {
        let t0 = Instant::now();
        let toks = tok.tokenize(&text);
        eprintln!(
            "{name:>14}: {:>6} bytes -> {:>6} tokens in {:>8.1} ms",
            text.len(),
            toks.len(),
            t0.elapsed().as_secs_f64() * 1e3
        );
    }
}
