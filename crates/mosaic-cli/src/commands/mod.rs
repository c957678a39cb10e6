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
            until,
            doc,
            include_duplicates,
            limit,
        } => query::events(
            cli,
            mosaic_store::EventFilter {
                actor: actor.clone(),
                event_type: kind.clone(),
                since: since.clone(),
                until: until.clone(),
                document: doc.clone(),
                include_near_duplicates: *include_duplicates,
                newest_first: true,
                limit: Some(*limit),
            },
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

/// Builds the extractor, telling the user once (on stderr) when the model is missing. A model
/// folder named explicitly with --models must be valid: a typo is an error, not a silent
/// fall-back to rules.
pub fn extractor(cli: &Cli) -> Result<Extractor> {
    if let Some(dir) = &cli.models {
        if !cli.rules_only && mosaic_nlp::model_dir::find_model_dir(Some(dir)).is_none() {
            anyhow::bail!(
                "{} does not hold the spaCy model (expected config.cfg, tokenizer, ner/ …); {}",
                dir.display(),
                mosaic_nlp::model_dir::INSTALL_HINT
            );
        }
    }
    let ex = Extractor::new(&ExtractOptions {
        models: cli.models.clone(),
        rules_only: cli.rules_only,
    });
    if let Some(note) = &ex.model_note {
        if !cli.rules_only {
            eprintln!("mosaic: {note}");
        }
    }
    Ok(ex)
}

/// Prints a value as pretty JSON on stdout.
pub fn print_json(v: &impl serde::Serialize) -> Result<()> {
    println!("{}", serde_json::to_string_pretty(v)?);
    Ok(())
}
