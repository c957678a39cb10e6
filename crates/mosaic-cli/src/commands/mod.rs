//! One module per command family; `run` dispatches.

mod analyse;
mod bench;
pub mod clusters;
mod corrections;
mod demo;
mod documents;
mod dossier;
mod eval;
mod kb;
mod provenance;
mod query;
pub mod search;
mod show;

use anyhow::{bail, Context, Result};
use mosaic_extract::{ExtractOptions, Extractor};
use mosaic_store::Store;

use crate::exit::Exit;
use crate::{Cli, Command};

pub fn run(cli: &Cli) -> Result<Exit> {
    match &cli.command {
        Command::Ingest { paths, meta } => analyse::ingest(cli, paths, meta),
        Command::Extract { paths, out } => analyse::extract(cli, paths, out),
        Command::Eval {
            gold_dir,
            per_doc,
            out,
            confusion,
        } => eval::eval(cli, gold_dir, *per_doc, out.as_deref(), *confusion),
        Command::Documents {
            outlet,
            dates,
            copies,
            limit,
            list,
        } => documents::documents(cli, outlet.as_deref(), dates, *copies, *limit, list),
        Command::Entities {
            kind,
            copies,
            limit,
            list,
        } => query::entities(cli, kind.as_deref(), *copies, *limit, list),
        Command::Events {
            actor,
            kind,
            dates,
            doc,
            copies,
            limit,
            list,
        } => query::events(
            cli,
            &query::EventQuery {
                actor: actor.as_deref(),
                kind: kind.as_deref(),
                dates,
                doc: doc.as_deref(),
                copies: *copies,
                limit: *limit,
            },
            list,
        ),
        Command::Show { doc } => show::show(cli, doc),
        Command::Actor { name, copies, wide } => dossier::actor(cli, name, *copies, *wide),
        Command::Merge {
            keep,
            absorb,
            reason,
            force,
        } => corrections::merge(cli, keep, absorb, reason.as_deref(), *force),
        Command::Split {
            actor,
            alias,
            reason,
        } => corrections::split(cli, actor, alias, reason.as_deref()),
        Command::Corrections { list } => corrections::corrections(cli, list),
        Command::Undo { number } => corrections::undo(cli, *number),
        Command::Clusters {
            min_reports,
            actor,
            kind,
            dates,
            contradicted,
            rebuild,
            limit,
            list,
        } => clusters::clusters(
            cli,
            &clusters::ClusterQuery {
                min_reports: *min_reports,
                actor: actor.as_deref(),
                kind: kind.as_deref(),
                dates,
                contradicted: *contradicted,
                rebuild: *rebuild,
                limit: *limit,
            },
            list,
        ),
        Command::Network {
            actor,
            kind,
            dates,
            min_origins,
            limit,
            list,
        } => clusters::network(
            cli,
            &clusters::NetworkQuery {
                actor: actor.as_deref(),
                kind: kind.as_deref(),
                dates,
                min_origins: *min_origins,
                limit: *limit,
            },
            list,
        ),
        Command::Bench { paths, rounds } => bench::bench(cli, paths, *rounds as usize),
        Command::Parse { file, format } => analyse::parse(cli, file, format),
        Command::Kb { what } => kb::kb(cli, what),
        Command::Search(args) => search::search(cli, args),
        Command::Demo { corpus } => demo::demo(cli, corpus.as_deref()),
    }
}

/// Opens the store for reading commands, which must not create one.
pub fn open_store(cli: &Cli) -> Result<Store> {
    if !cli.db.exists() {
        bail!(
            "no store at {} — run `mosaic ingest PATH` (or `mosaic demo`) first, or pass --db FILE",
            cli.db.display()
        );
    }
    Store::open(&cli.db).with_context(|| format!("cannot open the store {}", cli.db.display()))
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
