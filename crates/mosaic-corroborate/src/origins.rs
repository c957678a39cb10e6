//! Independent origins: where each report's claim comes from, counted once however many outlets
//! carry it.

use mosaic_core::fold_key;
use serde::Serialize;

use crate::outlets::{split_credit, Outlets};
use crate::report::{ActorKey, Link, Report};

/// Where a report's claim comes from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Origin {
    /// Equal keys are one origin: `state:TUR` (the state and its organs, its state media),
    /// `owner:Turkuvaz Media` (sister outlets), `outlet:reuters`, `actor:42`.
    pub key: String,
    /// For people: "government of Turkey", "Reuters".
    pub label: String,
    /// The chain as the report tells it: outlet, then each source cited.
    pub chain: Vec<String>,
}

/// The origin of a report: the last source its sentence cites, else what its article cites,
/// else its outlet (or the wire its byline credits).
pub fn origin_of(r: &Report, outlets: &Outlets) -> Origin {
    // The sentence's own last source; else the article's first (its main source).
    let (cites, root): (&[Link], Option<&Link>) = if r.cites.is_empty() {
        (&r.doc_cites, r.doc_cites.first())
    } else {
        (&r.cites, r.cites.last())
    };
    let mut chain: Vec<String> = r.outlet.iter().cloned().collect();
    chain.extend(cites.iter().map(|l| l.text.clone()));
    let (key, label) = match root {
        Some(root) => link_origin(root, outlets),
        None => byline_origin(r, outlets),
    };
    Origin { key, label, chain }
}

fn link_origin(link: &Link, outlets: &Outlets) -> (String, String) {
    match &link.actor {
        Some(a) if a.is_media() || outlets.get(&a.name).is_some() => {
            outlet_origin(&a.name, outlets)
        }
        Some(a) if a.is_state_organ() => state_origin(a),
        Some(a) => (format!("actor:{}", a.id), a.name.clone()),
        None if outlets.get(&link.text).is_some() => outlet_origin(&link.text, outlets),
        None => (
            format!("source:{}", fold_key(&link.text)),
            link.text.clone(),
        ),
    }
}

fn byline_origin(r: &Report, outlets: &Outlets) -> (String, String) {
    let Some(byline) = &r.outlet else {
        return (format!("document:{}", r.doc_root), r.doc_name.clone());
    };
    let (outlet, credit) = split_credit(byline);
    // "Rediff.com (ANI)": the text is the wire's.
    match credit.and_then(|c| outlets.get(c)).filter(|o| o.wire) {
        Some(wire) => outlet_origin(&wire.name, outlets),
        None => outlet_origin(outlet, outlets),
    }
}

/// An outlet's origin: its owner's when the file names one (a state, or a group of sister
/// outlets), else the outlet itself.
fn outlet_origin(name: &str, outlets: &Outlets) -> (String, String) {
    let Some(o) = outlets.get(name) else {
        return (format!("outlet:{}", fold_key(name)), name.to_string());
    };
    match o.owner.as_deref() {
        Some(owner) => match owner.strip_prefix("state:") {
            Some(code) => (
                format!("state:{code}"),
                format!("state of {code} (its outlet {})", o.name),
            ),
            None => (format!("owner:{owner}"), format!("{owner} ({})", o.name)),
        },
        None => (format!("outlet:{}", fold_key(&o.name)), o.name.clone()),
    }
}

fn state_origin(a: &ActorKey) -> (String, String) {
    let code = a.country.clone().unwrap_or_default();
    let state = a.state_name.clone().unwrap_or_else(|| code.clone());
    let label = if a.is_state() {
        format!("government of {state}")
    } else {
        format!("government of {state} ({})", a.name)
    };
    (format!("state:{code}"), label)
}
