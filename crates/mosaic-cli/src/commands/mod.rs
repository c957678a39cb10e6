//! One module per command family; `run` dispatches.

mod analyse;
mod bench;
mod demo;
mod eval;
mod kb;
mod query;

use std::process::ExitCode;

use anyhow::Result;
use mosaic_extract::{ExtractOptions, Extractor};

use crate::{Cli, Command};

pub fn run(cli: &Cli) -> Result<ExitCode> {
    match &cli.command {
        Command::Ingest { paths } => analyse::ingest(cli, paths),
        Command::Extract { paths, out } => analyse::extract(cli, paths, out),
        Command::Eval {
            gold_dir,
            per_doc,
            out,
            confusion,
        } => eval::eval(cli, gold_dir, *per_doc, out.as_deref(), *confusion),
        Command::Entities { kind, limit } => query::entities(cli, kind.as_deref(), *limit),
        Command::Events {
            actor,
            kind,
            since,
            limit,
        } => query::events(
            cli,
            actor.as_deref(),
            kind.as_deref(),
            since.as_deref(),
            *limit,
        ),
        Command::Show { doc } => query::show(cli, doc),
        Command::Actor { name } => query::actor(cli, name),
        Command::Merge { keep, absorb } => query::merge(cli, keep, absorb),
        Command::Split { actor, alias } => query::split(cli, actor, alias),
        Command::Bench { paths, rounds } => bench::bench(cli, paths, *rounds),
        Command::Parse { file, format } => analyse::parse(cli, file, format),
        Command::Kb { what } => kb::kb(cli, what),
        Command::Demo { corpus } => demo::demo(cli, corpus.as_deref()),
    }
}

/// Builds the extractor, telling the user once (on stderr) when the model is missing.
pub fn extractor(cli: &Cli) -> Extractor {
    let ex = Extractor::new(&ExtractOptions {
        models: cli.models.clone(),
        rules_only: cli.rules_only,
    });
    if let Some(note) = &ex.model_note {
        if !cli.rules_only {
            eprintln!("mosaic: {note}");
        }
    }
    ex
}

/// Prints a value as pretty JSON on stdout.
pub fn print_json(v: &impl serde::Serialize) -> Result<()> {
    println!("{}", serde_json::to_string_pretty(v)?);
    Ok(())
}
