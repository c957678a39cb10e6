//! `demo`: the one-command tour — ingest the bundled examples and show what Mosaic found.

use anyhow::{bail, Context, Result};
use mosaic_store::{EventFilter, Store};
use std::path::{Path, PathBuf};

use super::analyse::{check_paths, ingest_into, print_summary};
use super::{print_json, query};
use crate::args::{CopyArgs, IngestMeta, ListArgs};
use crate::exit::Exit;
use crate::Cli;

/// The repository's `examples/` folder: beside the current directory or above the executable.
fn default_corpus() -> Option<PathBuf> {
    let mut starts = vec![std::env::current_dir().ok()?];
    if let Ok(exe) = std::env::current_exe() {
        starts.push(exe);
    }
    for start in starts {
        for dir in start.ancestors() {
            let candidate = dir.join("examples");
            if candidate.join("README.md").is_file() {
                return Some(candidate);
            }
        }
    }
    None
}

/// `path` relative to the working directory when it lies under it, so the demo prints the same
/// thing on every machine.
fn relative(path: &Path) -> PathBuf {
    std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| path.to_path_buf())
}

pub fn demo(cli: &Cli, corpus: Option<&Path>) -> Result<Exit> {
    let corpus = match corpus {
        Some(c) => c.to_path_buf(),
        None => match default_corpus() {
            Some(c) => relative(&c),
            None => bail!(
                "cannot find the examples/ folder; run from the repository or pass --corpus DIR"
            ),
        },
    };
    check_paths(std::slice::from_ref(&corpus))?;
    let mut store = Store::open(&cli.db)
        .with_context(|| format!("cannot open the store {}", cli.db.display()))?;
    if !cli.json {
        println!("Ingesting {} into {} …", corpus.display(), cli.db.display());
    }
    let summary = ingest_into(cli, &mut store, &[corpus], &IngestMeta::default())?;
    let copies = CopyArgs::default();
    let (actors, total) = query::actors(&store, None, copies, 15)?;
    let filter = EventFilter {
        limit: Some(15),
        newest_first: true,
        ..Default::default()
    };
    if cli.json {
        print_json(&serde_json::json!({
            "ingest": summary,
            "actors": actors,
            "events": store.list_events(&filter)?,
        }))?;
        return Ok(Exit::Success);
    }
    print_summary(&summary, &cli.db);
    let list = ListArgs::default();
    println!("\nMost-mentioned actors:");
    print!(
        "{}",
        query::actor_listing(&actors, total, copies).render(&list)?
    );
    println!("\nEvents (newest first):");
    print!("{}", query::events_listing(&store, &filter)?.render(&list)?);
    println!("{NEXT}");
    Ok(Exit::Success)
}

const NEXT: &str = "
Explore further:
  mosaic documents                     # the articles: name, id, outlet, date, URL, copies
  mosaic entities                      # every actor, with its id and aliases
  mosaic actor Mossad                  # one actor's dossier: names, roles over time, events
  mosaic events --type COERCE          # who arrested or expelled whom
  mosaic events --actor Iran --since 2025
  mosaic show NAME                     # an article with its annotations
  mosaic merge KEEP ABSORB --reason …  # a correction; `mosaic corrections` reviews them
  mosaic eval ../shared/eval/dev       # accuracy against hand-made answer keys";
