//! `demo`: the one-command tour — ingest the bundled examples and show what Mosaic found.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use mosaic_store::Store;

use super::analyse::{ingest_into, print_summary};
use super::query;
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

pub fn demo(cli: &Cli, corpus: Option<&Path>) -> Result<ExitCode> {
    let corpus = match corpus {
        Some(c) => c.to_path_buf(),
        None => match default_corpus() {
            Some(c) => c,
            None => bail!(
                "cannot find the examples/ folder; run from the repository or pass --corpus DIR"
            ),
        },
    };
    let mut store = Store::open(&cli.db)
        .with_context(|| format!("cannot open the store {}", cli.db.display()))?;
    println!("Ingesting {} into {} …", corpus.display(), cli.db.display());
    let summary = ingest_into(cli, &mut store, &[corpus])?;
    print_summary(&summary, &cli.db);
    println!();
    println!("Most-mentioned actors:");
    query::print_actors(&store, None, 15)?;
    println!();
    println!("Events (newest first):");
    query::print_events(
        &store,
        &mosaic_store::EventFilter {
            limit: Some(15),
            newest_first: true,
            ..Default::default()
        },
    )?;
    println!();
    println!("Explore further:");
    println!("  mosaic entities                      # every actor, with aliases");
    println!("  mosaic actor \"Mossad\"                 # one actor's dossier: names, roles over time, events");
    println!("  mosaic events --type COERCE          # who arrested or expelled whom");
    println!("  mosaic events --actor Iran --since 2024");
    println!("  mosaic show NAME                     # an article with its annotations");
    println!("  mosaic eval ../shared/eval/dev       # accuracy against hand-made answer keys");
    Ok(ExitCode::SUCCESS)
}
