//! Option groups shared by several commands, so each means the same everywhere.

use clap::{Args, ValueEnum};
use mosaic_core::EventType;

/// How a listing is printed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Aligned columns sized to the terminal (100 columns when not a terminal).
    #[default]
    Table,
    /// Comma-separated values with a header row, every value in full.
    Csv,
}

/// Output options of every listing.
#[derive(Args, Clone, Copy, Debug, Default)]
pub struct ListArgs {
    /// Table or CSV (`--json` gives JSON).
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Never shorten a value: columns as wide as their longest value, evidence in full.
    #[arg(long)]
    pub wide: bool,
}

/// Whether near-duplicate copies count.
#[derive(Args, Clone, Copy, Debug, Default)]
pub struct CopyArgs {
    /// Count and list near-duplicate copies too (by default each distinct text counts once).
    #[arg(long, visible_alias = "duplicates")]
    pub include_duplicates: bool,
}

/// A date window.
#[derive(Args, Clone, Debug, Default)]
pub struct DateArgs {
    /// On or after this date (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long, value_parser = iso_date_prefix)]
    pub since: Option<String>,
    /// On or before this date (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long, value_parser = iso_date_prefix)]
    pub until: Option<String>,
    /// With --since/--until, also keep what has no date at all (left out by default; the
    /// listing says how many).
    #[arg(long)]
    pub include_undated: bool,
}

/// Metadata given on the command line for the articles read, over what the files say.
#[derive(Args, Clone, Debug, Default)]
pub struct IngestMeta {
    /// The outlet that published the articles.
    #[arg(long)]
    pub outlet: Option<String>,
    /// Their publication date (YYYY-MM-DD, or another unambiguous date form); it anchors
    /// relative dates such as "on Monday".
    #[arg(long, value_parser = published_date)]
    pub published: Option<String>,
    /// The article's address (only when a single file is read).
    #[arg(long)]
    pub url: Option<String>,
}

/// A PLOVER event type, checked.
pub fn event_type(s: &str) -> Result<String, String> {
    EventType::parse(s)
        .map(|t| t.as_str().to_string())
        .ok_or_else(|| {
            let all: Vec<&str> = EventType::ALL.iter().map(|t| t.as_str()).collect();
            format!("not an event type; use one of {}", all.join(", "))
        })
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, checked as a calendar date.
pub fn iso_date_prefix(s: &str) -> Result<String, String> {
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

/// A publication date as sidecar files accept it, normalised to ISO.
fn published_date(s: &str) -> Result<String, String> {
    mosaic_ingest::normalize_date(s).ok_or_else(|| {
        "expected an unambiguous date such as 2025-04-08 or \"8 April 2025\"".to_string()
    })
}
