//! Do two reports tell the same real-world event, and is one a copy of the other?

use std::collections::HashSet;

use mosaic_core::EventMode;

use crate::report::{ActorKey, Relation, Report};

/// Days of slack when comparing when two acts happened (time zones, a weekday read against
/// another day's paper).
const TIME_SLACK_DAYS: i64 = 1;

/// The widest window (a month, give or take) that still places an act well enough to match it
/// with another report's.
pub const MAX_WINDOW_DAYS: i64 = 62;

/// Why two reports are not one event.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mismatch {
    /// One article telling an act twice is coded once by extraction; two acts it tells are two.
    SameDocument,
    Type,
    /// Two acts of one type done differently (an arrest and an expulsion are both COERCE).
    Mode,
    Source,
    Target,
    /// No date on one side, or dates that cannot overlap.
    Time,
    /// Counts of the same thing too far apart to be one act ("7 detained" against "33").
    Quantity,
    /// Places in different states.
    Place,
}

/// Why two reports are one event, with a score to choose between candidate clusters.
#[derive(Clone, Debug, PartialEq)]
pub struct Match {
    pub score: u32,
    pub reasons: Vec<String>,
}

/// Compares two reports on type, parties, time, counts and place.
pub fn same_event(a: &Report, b: &Report) -> Result<Match, Mismatch> {
    if a.doc_id == b.doc_id {
        return Err(Mismatch::SameDocument);
    }
    if a.event_type != b.event_type {
        return Err(Mismatch::Type);
    }
    if let (Some(ma), Some(mb)) = (a.mode, b.mode) {
        if mode_family(ma) != mode_family(mb) {
            return Err(Mismatch::Mode);
        }
    }
    let mut reasons = vec![format!("both {}", a.event_type)];
    let mut score = 1;
    score += party(&a.source, &b.source, "source", &mut reasons).ok_or(Mismatch::Source)?;
    score += party(&a.target, &b.target, "target", &mut reasons).ok_or(Mismatch::Target)?;
    let (Some(wa), Some(wb)) = (a.window, b.window) else {
        return Err(Mismatch::Time);
    };
    // ("this year" and a day of that year overlap, but say nothing about being one act.)
    if !wa.overlaps(&wb, TIME_SLACK_DAYS)
        || wa.days() > MAX_WINDOW_DAYS
        || wb.days() > MAX_WINDOW_DAYS
    {
        return Err(Mismatch::Time);
    }
    reasons.push(format!(
        "times overlap ({} – {} and {} – {})",
        wa.lo, wa.hi, wb.lo, wb.hi
    ));
    score += counts(a, b, &mut reasons)?;
    score += place(a, b, &mut reasons)?;
    let overlap = word_overlap(&a.evidence, &b.evidence);
    if overlap >= 0.5 {
        score += 1;
        reasons.push(format!(
            "sentences share {:.0}% of their words",
            overlap * 100.0
        ));
    }
    Ok(Match { score, reasons })
}

/// Modes that are stages of one act: held, charged, convicted are one arrest told at different
/// points (a contradiction of stage, not two acts).
fn mode_family(m: EventMode) -> EventMode {
    match m {
        EventMode::Charge | EventMode::Convict => EventMode::Arrest,
        other => other,
    }
}

/// Points for two parties: 3 the same actor, 2 two organs of one state, 0 one side unnamed;
/// `None` when both are named and unrelated.
fn party(
    a: &Option<ActorKey>,
    b: &Option<ActorKey>,
    role: &str,
    reasons: &mut Vec<String>,
) -> Option<u32> {
    match (a, b) {
        (Some(x), Some(y)) => match x.relation(y) {
            Relation::Same => {
                reasons.push(format!("same {role} ({})", x.name));
                Some(3)
            }
            Relation::SameState => {
                reasons.push(format!(
                    "{role}s {} and {} act for one state",
                    x.name, y.name
                ));
                Some(2)
            }
            Relation::Unrelated => None,
        },
        _ => Some(0),
    }
}

/// Counts of one class must be close enough to be one act told twice (33 and 34 are; 7 and 33
/// are not). Points when a count agrees exactly.
fn counts(a: &Report, b: &Report, reasons: &mut Vec<String>) -> Result<u32, Mismatch> {
    let mut points = 0;
    for qa in &a.quantities {
        for qb in b.quantities.iter().filter(|q| q.noun == qa.noun) {
            let (lo, hi) = (qa.value.min(qb.value), qa.value.max(qb.value));
            if hi - lo > 2.max(hi / 6) {
                return Err(Mismatch::Quantity);
            }
            if lo == hi {
                points = 2;
                reasons.push(format!("same count ({})", qa.text));
            }
        }
    }
    Ok(points)
}

fn place(a: &Report, b: &Report, reasons: &mut Vec<String>) -> Result<u32, Mismatch> {
    match (&a.location, &b.location) {
        (Some(x), Some(y)) => match (x.relation(y), &x.country, &y.country) {
            (Relation::Same, _, _) => {
                reasons.push(format!("same place ({})", x.name));
                Ok(1)
            }
            (_, Some(cx), Some(cy)) if cx == cy => Ok(0),
            (_, Some(_), Some(_)) => Err(Mismatch::Place),
            _ => Ok(0),
        },
        _ => Ok(0),
    }
}

/// Is one report a copy of the other: the same text stored twice (near-duplicate documents),
/// or the same wire sentence carried by two outlets?
pub fn is_copy(a: &Report, b: &Report) -> bool {
    a.doc_root == b.doc_root || word_overlap(&a.evidence, &b.evidence) >= SYNDICATED_OVERLAP
}

/// Share of words two sentences have in common above which one outlet carries the other's (or a
/// common wire's) sentence: syndicated copy changes quotes, a word or two, never the wording.
pub const SYNDICATED_OVERLAP: f64 = 0.8;

/// Jaccard overlap of the sentences' lower-cased words.
pub fn word_overlap(a: &str, b: &str) -> f64 {
    let words = |s: &str| -> HashSet<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let (wa, wb) = (words(a), words(b));
    if wa.is_empty() || wb.is_empty() {
        return 0.0;
    }
    let shared = wa.intersection(&wb).count() as f64;
    shared / ((wa.len() + wb.len()) as f64 - shared)
}
