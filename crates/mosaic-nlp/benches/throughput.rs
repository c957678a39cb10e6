//! Single-threaded throughput of the native pipeline on the seed articles, in words/s (words =
//! whitespace-separated chunks, the same count scripts/bench_spacy.py uses), plus peak RSS.
//!
//! `cargo bench -p mosaic-nlp --bench throughput` runs both modes, each in its own child process
//! so peak RSS is per mode:
//!   full — tokenizer + tok2vec + tagger + parser + NER (what `Pipeline::parse` does)
//!   ner  — tokenizer + NER's tok2vec + NER (what `Pipeline::entities` does)
//!   para — as full, but each line parsed on its own (how mosaic-extract calls it; short docs
//!          pay the fixed per-document costs, e.g. the encoders' 8 padding rows, more often)
//!   parab — the same lines through one `Pipeline::parse_many` call per article
//! Env: MOSAIC_SEEDS (default /work/shared/corpus/seeds), BENCH_SECONDS (default 5).

use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

use mosaic_nlp::model_dir::find_model_dir;
use mosaic_nlp::pipeline::Pipeline;

fn peak_rss_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

/// CPU time of this thread so far (from the scheduler's accounting), so the figure is not
/// distorted when other processes compete for the cores.
fn cpu_seconds() -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| {
            s.split_whitespace()
                .next()
                .and_then(|v| v.parse::<f64>().ok())
        })
        .map_or(f64::NAN, |ns| ns / 1e9)
}

fn load_texts() -> Vec<String> {
    let dir = std::env::var_os("MOSAIC_SEEDS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/work/shared/corpus/seeds"));
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    paths.retain(|p| p.extension().is_some_and(|e| e == "txt"));
    paths.sort();
    paths
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect()
}

fn run_mode(mode: &str) {
    let Some(dir) = find_model_dir(None) else {
        eprintln!("SKIPPED: spaCy model not installed — run scripts/setup-model.sh");
        return;
    };
    let texts = load_texts();
    if texts.is_empty() {
        eprintln!("SKIPPED: no seed texts (set MOSAIC_SEEDS)");
        return;
    }
    let secs: f64 = std::env::var("BENCH_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(5.0);
    let t_load = Instant::now();
    let nlp = Pipeline::load(&dir).expect("model loads");
    let load_s = t_load.elapsed().as_secs_f64();
    let words_per_pass: usize = texts.iter().map(|t| t.split_whitespace().count()).sum();
    let mut sink = 0usize;
    // Warm-up pass (fills the tokenizer cache, as a long-running process would have it).
    for t in &texts {
        sink += nlp.parse(t).tokens.len();
    }
    let start = Instant::now();
    let cpu0 = cpu_seconds();
    let mut words = 0usize;
    let mut passes = 0usize;
    // The fastest pass is the figure least disturbed by other processes on a shared machine.
    let mut best_pass = f64::INFINITY;
    while start.elapsed() < Duration::from_secs_f64(secs) || passes == 0 {
        let p0 = cpu_seconds();
        for t in &texts {
            sink += match mode {
                "ner" => nlp.entities(t).len(),
                "para" => t.lines().map(|l| nlp.parse(l).tokens.len()).sum(),
                "parab" => {
                    let lines: Vec<&str> = t.lines().collect();
                    nlp.parse_many(&lines).iter().map(|p| p.tokens.len()).sum()
                }
                _ => nlp.parse(t).tokens.len(),
            };
        }
        best_pass = best_pass.min(cpu_seconds() - p0);
        words += words_per_pass;
        passes += 1;
    }
    let el = start.elapsed().as_secs_f64();
    let cpu = cpu_seconds() - cpu0;
    println!(
        "mosaic-nlp {mode:4}: {:>8.0} words/s best pass, {:>8.0} mean (CPU time), {:>8.0} wall  ({words} words, {passes} passes over {} docs, {el:.2}s; load {load_s:.2}s; peak RSS {:.0} MiB) [{sink}]",
        words_per_pass as f64 / best_pass,
        words as f64 / cpu,
        words as f64 / el,
        texts.len(),
        peak_rss_mib()
    );
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Some(mode) = args
        .iter()
        .find(|a| ["full", "ner", "para", "parab"].contains(&a.as_str()))
    {
        run_mode(mode);
        return;
    }
    let exe = std::env::current_exe().expect("own path");
    for mode in ["full", "ner", "para", "parab"] {
        let status = Command::new(&exe).arg(mode).status().expect("child runs");
        assert!(status.success(), "bench child {mode} failed");
    }
}
