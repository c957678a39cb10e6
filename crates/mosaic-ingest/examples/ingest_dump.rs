//! Reads the given files/folders and prints each article's metadata, notes and cleaned text, or
//! the rejection; with `--bench`, prints only read+clean throughput. Streams (JSONL is never
//! held whole in memory).

use std::path::PathBuf;
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let bench = args.iter().any(|a| a == "--bench");
    let paths: Vec<PathBuf> = args
        .iter()
        .filter(|a| !a.starts_with("--"))
        .map(PathBuf::from)
        .collect();
    let found = mosaic_ingest::discover_report(&paths);
    for s in &found.skipped {
        eprintln!("skipped {s}");
    }
    let opts = mosaic_ingest::ReadOptions::default();
    let start = Instant::now();
    let (mut bytes, mut ok, mut bad) = (0u64, 0usize, 0usize);
    for f in &found.files {
        bytes += std::fs::metadata(&f.path).map(|m| m.len()).unwrap_or(0);
        for r in mosaic_ingest::read_iter(f, &opts) {
            match r {
                Ok(a) if bench => {
                    ok += 1;
                    std::hint::black_box(a);
                }
                Ok(a) => {
                    ok += 1;
                    println!(
                        "=== {} [{}; {}] title={:?} outlet={:?} published={:?} url={:?}",
                        a.meta.origin,
                        a.format.as_str(),
                        a.encoding,
                        a.meta.title,
                        a.meta.outlet,
                        a.meta.published,
                        a.meta.url
                    );
                    for n in a.notes.iter().chain(&a.cleaned.notes) {
                        println!("  note: {n}");
                    }
                    println!("{}\n", a.cleaned.text);
                }
                Err(r) => {
                    bad += 1;
                    println!("REJECTED {r}");
                }
            }
        }
    }
    let secs = start.elapsed().as_secs_f64();
    eprintln!(
        "{ok} articles, {bad} rejected, {:.1} MB in {secs:.2}s = {:.1} MB/s",
        bytes as f64 / 1e6,
        bytes as f64 / 1e6 / secs
    );
}
