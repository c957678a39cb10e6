//! Times the search index on a store: a full build from the store, then query latency.
//!
//! ```sh
//! cargo run --release -p mosaic-search --example search_bench -- STORE.db [--rounds N]
//! ```
//!
//! The index is built in a scratch folder (the store's own index is left alone). Queries are a
//! fixed mix of the genre's words, phrases, `OR`, and filters (type, dates, outlet, actor, grade,
//! empty query with filters); each runs `--rounds` times (default 20), and the median and 95th
//! percentile of all runs are printed, with the slowest query.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use mosaic_search::store::{rebuild, RebuildReason};
use mosaic_search::{GradeFilter, HitKind, SearchFilter, SearchIndex, SearchQuery};
use mosaic_store::Store;

fn queries(actor: Option<i64>) -> Vec<(&'static str, SearchQuery)> {
    let q = |text: &str, kind: HitKind, filter: SearchFilter| SearchQuery {
        text: text.into(),
        kind,
        filter,
        limit: 20,
    };
    let f = SearchFilter::default;
    vec![
        ("word", q("arrested", HitKind::All, f())),
        ("two words", q("expelled diplomat", HitKind::All, f())),
        ("phrase", q("\"foreign ministry\"", HitKind::All, f())),
        ("or", q("sanctions OR espionage", HitKind::All, f())),
        ("rare word", q("cryptocurrency", HitKind::Claims, f())),
        (
            "type",
            q(
                "arrested",
                HitKind::Claims,
                SearchFilter {
                    event_type: Some("COERCE".into()),
                    ..f()
                },
            ),
        ),
        (
            "dates",
            q(
                "ministry",
                HitKind::All,
                SearchFilter {
                    since: Some("2025-01".into()),
                    until: Some("2025-06".into()),
                    ..f()
                },
            ),
        ),
        (
            "outlet",
            q(
                "police",
                HitKind::All,
                SearchFilter {
                    outlet: Some("wire".into()),
                    ..f()
                },
            ),
        ),
        (
            "actor",
            q(
                "",
                HitKind::Claims,
                SearchFilter {
                    actor_ids: actor.into_iter().collect(),
                    ..f()
                },
            ),
        ),
        (
            "grade",
            q(
                "arrested",
                HitKind::Claims,
                SearchFilter {
                    grade: Some(GradeFilter::AtLeast("B3".parse().unwrap())),
                    ..f()
                },
            ),
        ),
        (
            "filters only",
            q(
                "",
                HitKind::Claims,
                SearchFilter {
                    event_type: Some("ACCUSE".into()),
                    since: Some("2024".into()),
                    ..f()
                },
            ),
        ),
    ]
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(db) = args.first().map(PathBuf::from) else {
        eprintln!("usage: search_bench STORE.db [--rounds N]");
        std::process::exit(2);
    };
    let rounds: usize = args
        .iter()
        .position(|a| a == "--rounds")
        .and_then(|i| args.get(i + 1)?.parse().ok())
        .unwrap_or(20);
    let store = Store::open(&db).expect("open the store");
    let scratch = std::env::temp_dir().join(format!("search-bench-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&scratch);
    let mut index = SearchIndex::open(&scratch).expect("create the index");
    let t = Instant::now();
    let done = rebuild(&mut index, &store, RebuildReason::Requested).expect("build");
    let build = t.elapsed();
    let (claims, articles) = index.counts().unwrap();
    println!(
        "build: {done:?}: {articles} articles, {claims} claims in {:.1} s ({:.0} articles/s)",
        build.as_secs_f64(),
        articles as f64 / build.as_secs_f64()
    );
    let actor = store
        .list_actors(&mosaic_store::ActorFilter {
            limit: Some(1),
            ..Default::default()
        })
        .unwrap()
        .first()
        .map(|a| a.id);
    let mut all = Vec::new();
    let mut slowest = (Duration::ZERO, "");
    for (name, q) in queries(actor) {
        let mut times = Vec::new();
        let mut hits = 0;
        for _ in 0..rounds {
            let t = Instant::now();
            let r = index.search(&q).expect("search");
            times.push(t.elapsed());
            hits = r.claim_counts.matching + r.article_counts.matching;
        }
        times.sort();
        let median = percentile(&times, 0.5);
        println!(
            "  {name:<13} {hits:>6} matching  median {:>7.2} ms",
            median.as_secs_f64() * 1e3
        );
        if median > slowest.0 {
            slowest = (median, name);
        }
        all.extend(times);
    }
    all.sort();
    println!(
        "latency over {} searches: median {:.2} ms, p95 {:.2} ms (slowest query: {})",
        all.len(),
        percentile(&all, 0.5).as_secs_f64() * 1e3,
        percentile(&all, 0.95).as_secs_f64() * 1e3,
        slowest.1
    );
    let _ = std::fs::remove_dir_all(&scratch);
}
