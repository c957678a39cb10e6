//! What the cross-source stage knows of one claim: an event as one article tells it.

use chrono::NaiveDate;
use mosaic_core::{EntityKind, EventMode, EventType, Modality};
use serde::Serialize;

use crate::window::Window;

/// A global actor as the store knows it, with what relating it to others needs.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ActorKey {
    /// The store's actor id.
    pub id: i64,
    pub name: String,
    pub kb_id: Option<String>,
    pub kind: EntityKind,
    /// ISO 3166 alpha-3 code of the actor's country (its own code for a state).
    pub country: Option<String>,
    /// The name of that country's state, when the store knows it.
    pub state_name: Option<String>,
    pub sector: Option<String>,
}

impl ActorKey {
    /// Is the actor a state itself?
    pub fn is_state(&self) -> bool {
        self.kb_id
            .as_deref()
            .is_some_and(|k| k.starts_with("state:"))
    }

    /// An organ of a state: its government, ministries, services, forces, police, courts, or
    /// the state itself (and its capital standing for it).
    pub fn is_state_organ(&self) -> bool {
        let by_kb = self.kb_id.as_deref().is_some_and(|k| {
            ["state:", "gov:", "spy:", "mil:", "pol:", "jud:"]
                .iter()
                .any(|p| k.starts_with(p))
        });
        let by_sector = self
            .sector
            .as_deref()
            .is_some_and(|s| matches!(s, "GOV" | "SPY" | "MIL" | "POL" | "JUD" | "LEG"));
        // A place cited or acting ("Tbilisi said") stands for its government.
        let place = matches!(self.kind, EntityKind::Gpe);
        (by_kb || by_sector || place) && self.country.is_some()
    }

    /// A news outlet.
    pub fn is_media(&self) -> bool {
        self.sector.as_deref() == Some("MED")
            || self.kb_id.as_deref().is_some_and(|k| k.starts_with("med:"))
    }

    /// Two actors a report may name for one party: the same actor, or an organ and its state
    /// ("MİT" and "Turkey"), or two organs of one state ("Turkish police", "MİT"), or a city and
    /// its state.
    pub fn relation(&self, other: &ActorKey) -> Relation {
        if self.id == other.id {
            return Relation::Same;
        }
        match (&self.country, &other.country) {
            (Some(a), Some(b))
                if a == b && (self.stands_for_state() && other.stands_for_state()) =>
            {
                Relation::SameState
            }
            _ => Relation::Unrelated,
        }
    }

    /// Does the actor act for its state (the state, its organs, its places)?
    fn stands_for_state(&self) -> bool {
        self.is_state_organ() || matches!(self.kind, EntityKind::Gpe | EntityKind::Loc)
    }
}

/// How two named parties relate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Relation {
    Unrelated,
    /// Different actors of one state.
    SameState,
    Same,
}

/// One link of who says a claim.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Link {
    pub text: String,
    pub actor: Option<ActorKey>,
}

/// A count the report gives with the act ("33 people").
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Quantity {
    pub value: u64,
    /// The counted noun, folded to a class ("people" for people, persons, suspects …).
    pub noun: String,
    pub text: String,
}

impl Quantity {
    /// Reads "33 people", "seven suspects", "a 15-person cell"; `None` for vague counts.
    pub fn parse(text: &str) -> Option<Quantity> {
        let mut words = text.split_whitespace();
        let first = words.next()?.to_lowercase();
        let number = first.split('-').next().unwrap_or("");
        let value = number
            .replace(',', "")
            .parse::<u64>()
            .ok()
            .or_else(|| word_number(number))?;
        let noun = text.split_whitespace().last()?.to_lowercase();
        let class = match noun.as_str() {
            "people" | "persons" | "suspects" | "individuals" | "citizens" | "nationals"
            | "members" | "agents" | "officers" | "spies" | "operatives" | "militants" => "people",
            "cell" | "network" | "ring" => "people",
            other => other,
        };
        Some(Quantity {
            value,
            noun: class.to_string(),
            text: text.to_string(),
        })
    }
}

fn word_number(w: &str) -> Option<u64> {
    const WORDS: [&str; 12] = [
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
        "twelve",
    ];
    WORDS.iter().position(|x| *x == w).map(|i| i as u64 + 1)
}

/// An event as one article tells it: a report of a claim.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Report {
    /// The store's event id.
    pub event_id: i64,
    pub doc_id: i64,
    /// The document's name (file name, or `file.jsonl#N`).
    pub doc_name: String,
    /// The document this one is a near-duplicate copy of; itself for an original.
    pub doc_root: i64,
    pub outlet: Option<String>,
    pub published: Option<NaiveDate>,
    pub event_type: EventType,
    /// How the act was done, where the text says (an arrest, an expulsion …).
    pub mode: Option<EventMode>,
    /// The words that state the act ("detained", "formally arrested").
    pub trigger: String,
    pub source: Option<ActorKey>,
    pub target: Option<ActorKey>,
    pub location: Option<ActorKey>,
    pub modality: Modality,
    /// The act's own date as the text gives it.
    pub date: Option<String>,
    /// When the act happened: its own date, else the week before publication.
    pub window: Option<Window>,
    pub quantities: Vec<Quantity>,
    /// Who the sentence cites, after the outlet.
    pub cites: Vec<Link>,
    /// Who the article cites anywhere: what an unattributed sentence rests on.
    pub doc_cites: Vec<Link>,
    pub evidence: String,
}

impl Report {
    /// A report that denies the act rather than telling it.
    pub fn is_denial(&self) -> bool {
        self.modality == Modality::Denied
    }
}
