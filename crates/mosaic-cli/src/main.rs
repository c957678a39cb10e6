//! `mosaic`: a thin command-line front end over the Mosaic crates.

mod commands;
mod progress;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use mosaic_core::EventType;

/// Mosaic rebuilds the system news articles describe: actors and their names, roles over time,
/// and who did what to whom — every claim tied to the sentence that states it.
#[derive(Parser)]
#[command(
    name = "mosaic",
    version,
    about = "Mosaic rebuilds the system news articles describe: actors and their names, roles over time, and who did what to whom — every claim tied to the sentence that states it.",
    after_help = "Start with `mosaic demo`, then `mosaic entities`, `mosaic actor NAME`, `mosaic events --type COERCE`."
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
    /// List the actors in the store.
    Entities {
        /// Only this type (PERSON, ORG, GPE, LOC).
        #[arg(long = "type")]
        kind: Option<String>,
        #[arg(long, default_value_t = 100)]
        limit: usize,
    },
    /// List events, newest first.
    Events {
        /// An actor on either side (name or alias).
        #[arg(long)]
        actor: Option<String>,
        /// PLOVER type (COERCE, CONSULT …).
        #[arg(long = "type", value_parser = event_type)]
        kind: Option<String>,
        /// Only events on or after this date (YYYY, YYYY-MM or YYYY-MM-DD).
        #[arg(long, value_parser = iso_date_prefix)]
        since: Option<String>,
        /// Only events on or before this date (YYYY, YYYY-MM or YYYY-MM-DD).
        #[arg(long, value_parser = iso_date_prefix)]
        until: Option<String>,
        /// Only events of this document (name or id).
        #[arg(long)]
        doc: Option<String>,
        /// Include events of articles recorded as near-duplicates of another.
        #[arg(long)]
        include_duplicates: bool,
        #[arg(long, default_value_t = 100)]
        limit: usize,
    },
    /// Show one article with its annotations.
    Show { doc: String },
    /// An actor's dossier: aliases, roles over time, events.
    Actor { name: String },
    /// Merge actor B into actor A (an analyst correction that survives re-ingest).
    Merge { keep: String, absorb: String },
    /// Split the alias ALIAS off ACTOR into a new actor.
    Split { actor: String, alias: String },
    /// Throughput and peak memory of the whole pipeline on PATH.
    Bench {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Repeat the corpus this many times.
        #[arg(long, default_value_t = 3)]
        rounds: usize,
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
    Lookup { name: String },
}

fn event_type(s: &str) -> Result<String, String> {
    EventType::parse(s)
        .map(|t| t.as_str().to_string())
        .ok_or_else(|| {
            let all: Vec<&str> = EventType::ALL.iter().map(|t| t.as_str()).collect();
            format!("not an event type; use one of {}", all.join(", "))
        })
}

fn iso_date_prefix(s: &str) -> Result<String, String> {
    let ok = match s.len() {
        4 => s.chars().all(|c| c.is_ascii_digit()),
        7 => chrono::NaiveDate::parse_from_str(&format!("{s}-01"), "%Y-%m-%d").is_ok(),
        10 => chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok(),
        _ => false,
    };
    if ok {
        Ok(s.to_string())
    } else {
        Err("expected a date as YYYY, YYYY-MM or YYYY-MM-DD".into())
    }
}

fn main() -> ExitCode {
    // Behave like other Unix tools when the reader of our output goes away (`mosaic … | head`).
    #[cfg(unix)]
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    let cli = Cli::parse();
    match commands::run(&cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("mosaic: {e:#}");
            ExitCode::from(2)
        }
    }
}
