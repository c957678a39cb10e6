//! What the index holds, independent of any store: a store (SQLite today, PostgreSQL later)
//! turns its rows into these records, and the index never reads the store itself.

use mosaic_core::Modality;
use serde::{Deserialize, Serialize};

use crate::Grade;

/// An actor as a claim names it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActorName {
    pub id: i64,
    pub name: String,
}

/// A date period as sortable strings: `lower` ≤ every day of the period ≤ `upper` (the store's
/// convention: `2013-10` spans `2013-10` … `2013-10~`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Period {
    pub lower: String,
    pub upper: String,
}

impl Period {
    /// The period of an ISO date or prefix (`2013`, `2013-10`, `2013-10-05`); `None` for
    /// anything else.
    pub fn of_iso(date: &str) -> Option<Period> {
        let d = date.trim();
        let iso = !d.is_empty() && d.chars().all(|c| c.is_ascii_digit() || c == '-');
        iso.then(|| Period {
            lower: d.to_string(),
            upper: format!("{d}~"),
        })
    }
}

/// One stored article.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ArticleRecord {
    pub doc_id: i64,
    /// The name commands accept (`file.txt`, `feed.jsonl#3`).
    pub name: String,
    pub title: Option<String>,
    /// The cleaned text (indexed; only a snippet of it is returned).
    pub text: String,
    pub outlet: Option<String>,
    pub published: Option<String>,
    pub url: Option<String>,
    /// The document this one is a near-duplicate copy of.
    pub copy_of: Option<i64>,
    /// Actors the article mentions, for the actor filter.
    pub actor_ids: Vec<i64>,
}

/// Where a claim's date came from (as `mosaic events` marks it with `~`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateFrom {
    /// The text dates the event itself.
    Event,
    /// The article's date stands in.
    Document,
}

/// One stored claim (an event with the sentence that states it).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClaimRecord {
    /// The store's event id: the key for updates such as [`crate::SearchIndex::update_claim_grades`].
    pub event_id: i64,
    pub doc_id: i64,
    pub doc_name: String,
    /// The evidence sentence.
    pub evidence: String,
    /// PLOVER type (`COERCE`).
    pub event_type: String,
    pub cameo: Option<String>,
    pub source: Option<ActorName>,
    pub target: Option<ActorName>,
    pub modality: Modality,
    /// The event's date, else its article's (see `date_from`).
    pub date: Option<String>,
    pub date_from: Option<DateFrom>,
    /// The period `--since/--until` compare against; `None` = undated.
    pub period: Option<Period>,
    pub outlet: Option<String>,
    /// The attribution chain as written, outermost first ("Baku Observer → DTX").
    pub attribution: String,
    pub copy_of: Option<i64>,
    /// Admiralty grade from cross-source grading (empty until it is computed).
    pub grade: Option<Grade>,
    /// The cross-source cluster the claim belongs to (empty until it is computed).
    pub cluster: Option<i64>,
}

/// The new grade and cluster of one claim.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClaimGrade {
    pub event_id: i64,
    pub grade: Option<Grade>,
    pub cluster: Option<i64>,
}

/// Modality by its stored name (`asserted`, `alleged`, `denied`, `planned`).
pub fn parse_modality(s: &str) -> Option<Modality> {
    serde_json::from_value(serde_json::Value::String(s.trim().to_lowercase())).ok()
}
