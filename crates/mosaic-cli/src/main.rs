//! `mosaic`: a thin command-line front end over the Mosaic crates.

mod args;
mod commands;
mod exit;
mod pick;
mod progress;
mod table;

use std::path::PathBuf;
use std::process::ExitCode;

use args::{CopyArgs, DateArgs, IngestMeta, ListArgs};
use clap::{Parser, Subcommand};

/// Mosaic rebuilds the system news articles describe: actors and their names, roles over time,
/// and who did what to whom — every claim tied to the sentence that states it.
#[derive(Parser)]
#[command(
    name = "mosaic",
    version,
    about = "Mosaic rebuilds the system news articles describe: actors and their names, roles over time, and who did what to whom — every claim tied to the sentence that states it.",
    after_help = "Start with `mosaic demo`, then `mosaic entities`, `mosaic actor NAME`, `mosaic events --type COERCE`.",
    after_long_help = exit::LONG_HELP
)]
pub struct Cli {
    /// Print machine-readable JSON instead of tables.
    #[arg(long, global = true)]
    pub json: bool,
    /// The SQLite store.
    #[arg(long, global = true, default_value = "mosaic.db", env = "MOSAIC_DB")]
    pub db: PathBuf,
    /// The spaCy model package (default: $MOSAIC_MODELS, then ./models).
    #[arg(long, global = true, env = "MOSAIC_MODELS")]
    pub models: Option<PathBuf>,
    /// Use rules only, even when the statistical model is installed.
    #[arg(long, global = true)]
    pub rules_only: bool,
    /// No progress bars.
    #[arg(long, short, global = true)]
    pub quiet: bool,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Read articles (files or folders of .txt, .md, .html, .jsonl, RSS/Atom) into the store.
    Ingest {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        #[command(flatten)]
        meta: IngestMeta,
    },
    /// Extract articles to answer-key JSON files (no store needed): DIR/NAME.json per article.
    Extract {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        #[arg(long)]
        out: PathBuf,
    },
    /// Score extraction on GOLD_DIR/*.txt against GOLD_DIR/*.gold.json (the figures of score.py).
    Eval {
        gold_dir: PathBuf,
        /// Also print one line per document.
        #[arg(long)]
        per_doc: bool,
        /// Keep the predictions in this folder.
        #[arg(long)]
        out: Option<PathBuf>,
        /// Also print the event-type confusion (gold type × predicted type).
        #[arg(long)]
        confusion: bool,
    },
    /// List the stored documents: name, id, outlet, date, URL, words, near-duplicate copies.
    Documents {
        /// Only outlets whose name contains this (case-insensitive).
        #[arg(long)]
        outlet: Option<String>,
        #[command(flatten)]
        dates: DateArgs,
        #[command(flatten)]
        copies: CopyArgs,
        #[arg(long, default_value_t = 100)]
        limit: usize,
        #[command(flatten)]
        list: ListArgs,
    },
    /// List the actors in the store, with their ids, most mentioned first.
    Entities {
        /// Only this type (PERSON, ORG, GPE, LOC).
        #[arg(long = "type")]
        kind: Option<String>,
        #[command(flatten)]
        copies: CopyArgs,
        #[arg(long, default_value_t = 100)]
        limit: usize,
        #[command(flatten)]
        list: ListArgs,
    },
    /// List events, newest first.
    Events {
        /// An actor on either side: its id, or a name or alias that names one actor.
        #[arg(long)]
        actor: Option<String>,
        /// PLOVER type (COERCE, CONSULT …).
        #[arg(long = "type", value_parser = args::event_type)]
        kind: Option<String>,
        #[command(flatten)]
        dates: DateArgs,
        /// Only events of this document (id or name; see `mosaic documents`).
        #[arg(long)]
        doc: Option<String>,
        #[command(flatten)]
        copies: CopyArgs,
        #[arg(long, default_value_t = 100)]
        limit: usize,
        #[command(flatten)]
        list: ListArgs,
    },
    /// Show one article with its annotations (id or name; see `mosaic documents`).
    Show { doc: String },
    /// An actor's dossier: aliases, roles over time, events (id, or a name naming one actor).
    Actor {
        name: String,
        #[command(flatten)]
        copies: CopyArgs,
        /// Never shorten a value.
        #[arg(long)]
        wide: bool,
    },
    /// Merge actor ABSORB into actor KEEP (a correction that survives re-ingest; see `undo`).
    Merge {
        keep: String,
        absorb: String,
        /// Why: kept with the correction and shown by `mosaic corrections`.
        #[arg(long)]
        reason: Option<String>,
        /// Merge even two states, or two known actors of different countries.
        #[arg(long)]
        force: bool,
    },
    /// Split the alias ALIAS off ACTOR into a new actor (a correction that survives re-ingest).
    Split {
        actor: String,
        alias: String,
        /// Why: kept with the correction and shown by `mosaic corrections`.
        #[arg(long)]
        reason: Option<String>,
    },
    /// List the analyst corrections (merges and splits) with their number, time and reason.
    Corrections {
        #[command(flatten)]
        list: ListArgs,
    },
    /// Undo correction N (see `mosaic corrections`); it stays undone on later ingests.
    Undo { number: i64 },
    /// Real-world events told by several articles: reports, independent origins,
    /// contradictions and Admiralty grades.
    Clusters {
        /// Events told by at least this many articles (1 lists every event's cluster).
        #[arg(long, default_value_t = 2)]
        min_reports: usize,
        /// An actor on either side: its id, or a name or alias that names one actor.
        #[arg(long)]
        actor: Option<String>,
        /// PLOVER type (COERCE, CONSULT …).
        #[arg(long = "type", value_parser = args::event_type)]
        kind: Option<String>,
        #[command(flatten)]
        dates: DateArgs,
        /// Only events whose reports contradict each other.
        #[arg(long)]
        contradicted: bool,
        /// Cluster every stored event again first (after editing the outlets file).
        #[arg(long)]
        rebuild: bool,
        #[arg(long, default_value_t = 100)]
        limit: usize,
        #[command(flatten)]
        list: ListArgs,
    },
    /// The actor network: who did what to whom across real-world events, by PLOVER quad class.
    Network {
        /// Only edges touching this actor.
        #[arg(long)]
        actor: Option<String>,
        /// PLOVER type (COERCE, CONSULT …).
        #[arg(long = "type", value_parser = args::event_type)]
        kind: Option<String>,
        #[command(flatten)]
        dates: DateArgs,
        /// Only events with at least this many independent origins.
        #[arg(long, default_value_t = 0)]
        min_origins: usize,
        #[arg(long, default_value_t = 100)]
        limit: usize,
        #[command(flatten)]
        list: ListArgs,
    },
    /// Throughput and peak memory of the whole pipeline on PATH.
    Bench {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Repeat the corpus this many times (at least 1).
        #[arg(long, default_value_t = 3, value_parser = clap::value_parser!(u32).range(1..))]
        rounds: u32,
    },
    /// Parse a file with the native spaCy pipeline (raw text, no clean-up).
    Parse {
        file: PathBuf,
        #[arg(long, default_value = "spacy-json")]
        format: String,
    },
    /// The knowledge base.
    Kb {
        #[command(subcommand)]
        what: KbCommand,
    },
    /// Full-text search over the stored claims and articles, with filters.
    Search(commands::search::SearchArgs),
    /// Ingest the bundled examples into the store (--db) and show what was found.
    Demo {
        /// Folder of articles (default: the repository's examples/).
        #[arg(long)]
        corpus: Option<PathBuf>,
    },
}

#[derive(Subcommand)]
pub enum KbCommand {
    /// Counts by type and country.
    Stats,
    /// Problems found in the knowledge-base files.
    Validate,
    /// Look a name up.
    Lookup {
        name: String,
        #[command(flatten)]
        list: ListArgs,
    },
}

fn main() -> ExitCode {
    // Behave like other Unix tools when the reader of our output goes away (`mosaic … | head`).
    #[cfg(unix)]
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return exit::usage_error(e),
    };
    match commands::run(&cli) {
        Ok(code) => code.into(),
        Err(e) => {
            eprintln!("mosaic: {e:#}");
            exit::Exit::Error.into()
        }
    }
}
