//! `bench`: throughput and peak memory of the whole pipeline, stage by stage.

use std::path::PathBuf;
use std::time::Instant;

use anyhow::{bail, Result};
use mosaic_extract::StageTimes;
use mosaic_ingest::{discover, read};
use serde_json::json;

use super::{extractor, print_json};
use crate::exit::Exit;
use crate::Cli;

/// Peak resident set size of this process in KiB (Linux `VmHWM`), if known.
pub fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

pub fn bench(cli: &Cli, paths: &[PathBuf], rounds: usize) -> Result<Exit> {
    let t_read = Instant::now();
    let files = discover(paths);
    let articles: Vec<_> = files.iter().flat_map(read).filter_map(Result::ok).collect();
    let read_secs = t_read.elapsed().as_secs_f64();
    if articles.is_empty() {
        bail!("no readable articles under the given paths");
    }
    let words: usize = articles
        .iter()
        .map(|a| a.cleaned.text.split_whitespace().count())
        .sum();
    let bytes: usize = articles.iter().map(|a| a.cleaned.text.len()).sum();
    let t_load = Instant::now();
    let ex = extractor(cli)?;
    let load_secs = t_load.elapsed().as_secs_f64();
    let mut times = StageTimes::default();
    let t = Instant::now();
    let mut events = 0;
    let mut entities = 0;
    for _ in 0..rounds {
        for a in &articles {
            let doc = ex.annotate_timed(a.clone().into_document(), &mut times);
            events += doc.events.len();
            entities += doc.entities.len();
        }
    }
    let secs = t.elapsed().as_secs_f64().max(1e-9);
    let n = (articles.len() * rounds) as f64;
    let rss = peak_rss_kib();
    let stage_json: Vec<_> = times.stages.iter().map(|(s, d)| json!({"stage": s, "seconds": d.as_secs_f64(), "share": d.as_secs_f64() / secs})).collect();
    let report = json!({
        "articles": articles.len(), "rounds": rounds, "words_per_round": words, "bytes_per_round": bytes,
        "model": ex.uses_model(),
        "read_and_clean_seconds": read_secs, "load_seconds": load_secs,
        "model_load_seconds": ex.load_times.model.as_secs_f64(),
        "knowledge_base_load_seconds": ex.load_times.knowledge_base.as_secs_f64(),
        "event_dictionaries_load_seconds": ex.load_times.event_dictionaries.as_secs_f64(),
        "extract_seconds": secs, "articles_per_second": n / secs, "words_per_second": (words * rounds) as f64 / secs,
        "megabytes_per_second": (bytes * rounds) as f64 / secs / 1e6,
        "peak_rss_mib": rss.map(|k| k as f64 / 1024.0),
        "entities_per_round": entities / rounds, "events_per_round": events / rounds,
        "stages": stage_json,
    });
    if cli.json {
        print_json(&report)?;
        return Ok(Exit::Success);
    }
    println!(
        "corpus        {} articles, {} words ({:.1} KB), {rounds} round{}",
        articles.len(),
        words,
        bytes as f64 / 1e3,
        if rounds == 1 { "" } else { "s" }
    );
    println!(
        "pipeline      {}",
        if ex.uses_model() {
            "native spaCy en_core_web_sm + rules"
        } else {
            "rules only (model not installed)"
        }
    );
    println!(
        "read+clean    {:.3} s (once)   start-up {:.3} s: model {:.3} s, knowledge base {:.3} s, \
         event dictionaries {:.3} s",
        read_secs,
        load_secs,
        ex.load_times.model.as_secs_f64(),
        ex.load_times.knowledge_base.as_secs_f64(),
        ex.load_times.event_dictionaries.as_secs_f64()
    );
    println!(
        "extract       {:.3} s  →  {:.1} articles/s, {:.0} words/s, {:.2} MB/s",
        secs,
        n / secs,
        (words * rounds) as f64 / secs,
        (bytes * rounds) as f64 / secs / 1e6
    );
    for (s, d) in &times.stages {
        println!(
            "  {:10} {:8.3} s  {:5.1}%",
            s,
            d.as_secs_f64(),
            100.0 * d.as_secs_f64() / secs
        );
    }
    match rss {
        Some(k) => println!("peak RSS      {:.1} MiB", k as f64 / 1024.0),
        None => println!("peak RSS      unknown on this platform"),
    }
    println!(
        "found         {} entities, {} events per round",
        entities / rounds,
        events / rounds
    );
    Ok(Exit::Success)
}
