//! Insert throughput for typical articles (~600 words, ~30 mentions, 10 events):
//! `cargo run --release -p mosaic-store --example bench -- [N] [db path]`.

#[path = "../tests/common/mod.rs"]
mod common;

use std::time::Instant;

use mosaic_store::{ActorFilter, EventFilter, Store};

/// CPU seconds (user + system) this process has used, from /proc (Linux); 0 elsewhere.
fn cpu_secs() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the parenthesised command name; utime and stime are the 12th and 13th.
    let rest = stat.rsplit(')').next().unwrap_or("");
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| f.get(i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
    (ticks(11) + ticks(12)) / 100.0
}

fn main() {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(2000);
    let dir = tempfile::tempdir().unwrap();
    let path = args
        .next()
        .map(Into::into)
        .unwrap_or_else(|| dir.path().join("bench.db"));
    let docs: Vec<_> = (0..n).map(common::typical_doc).collect();
    let hashes: Vec<_> = docs.iter().map(common::hash_of).collect();
    let words = docs[0].text.split_whitespace().count();
    println!("article: {} bytes, {words} words, {} tokens, {} mentions, {} entities, {} events, {} roles, {} times",
        docs[0].text.len(), docs[0].tokens.len(), docs[0].mentions.len(), docs[0].entities.len(), docs[0].events.len(), docs[0].roles.len(), docs[0].times.len());

    let mut store = Store::open(&path).unwrap();
    let (t, cpu) = (Instant::now(), cpu_secs());
    for (d, h) in docs.iter().zip(&hashes) {
        store.put_document(d, h, 0, None).unwrap();
    }
    let secs = t.elapsed().as_secs_f64();
    let cpu = cpu_secs() - cpu;
    println!("put_document: {n} docs in {secs:.2} s wall = {:.0} docs/s (one transaction each, WAL, synchronous=NORMAL)", n as f64 / secs);
    println!(
        "  CPU {cpu:.2} s = {:.2} ms/doc, i.e. {:.0} docs/s on an idle core",
        cpu * 1e3 / n as f64,
        n as f64 / cpu.max(1e-9)
    );

    let t = Instant::now();
    for (d, h) in docs.iter().zip(&hashes) {
        store.put_document(d, h, 0, None).unwrap();
    }
    println!(
        "re-put (unchanged): {:.0} docs/s",
        n as f64 / t.elapsed().as_secs_f64()
    );

    let t = Instant::now();
    for d in docs.iter().take(200) {
        store.load_document(&d.meta.name).unwrap().unwrap();
    }
    println!(
        "load_document: {:.0} docs/s",
        200.0 / t.elapsed().as_secs_f64()
    );
    let t = Instant::now();
    let actors = store.list_actors(&ActorFilter::default()).unwrap();
    println!(
        "list_actors: {} actors in {:.1} ms",
        actors.len(),
        t.elapsed().as_secs_f64() * 1e3
    );
    let t = Instant::now();
    let events = store
        .list_events(&EventFilter {
            actor: Some("Fidan".into()),
            since: Some("2014-03-05".into()),
            limit: Some(100),
            ..Default::default()
        })
        .unwrap();
    println!(
        "list_events(actor, since, limit 100): {} rows in {:.1} ms",
        events.len(),
        t.elapsed().as_secs_f64() * 1e3
    );
    let t = Instant::now();
    let detail = store.actor_detail("Hakan Fidan").unwrap().unwrap();
    println!(
        "actor_detail: {} roles, {} events in {:.1} ms",
        detail.roles.len(),
        detail.as_source.len() + detail.as_target.len(),
        t.elapsed().as_secs_f64() * 1e3
    );
    drop(store);
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0)
        + std::fs::metadata(path.with_extension("db-wal"))
            .map(|m| m.len())
            .unwrap_or(0);
    println!(
        "file size: {:.1} MB ({:.1} KB/doc)",
        size as f64 / 1e6,
        size as f64 / 1e3 / n as f64
    );
}
