//! What an agreement provides for: "This will include sharing intelligence and operational
//! cooperation", "The deal provides for the exchange of prisoners". The acts are the parties', as
//! the agreement told just before names them.

use mosaic_core::{Event, EventType};

use super::super::lexicon::lexicon;
use super::super::triggers::Found;
use super::super::view::{recent_events, Cx};
use crate::words::words;

/// The parties of the agreement whose provisions the trigger states, when it states one.
pub(crate) fn parties_of_provision(
    cx: &Cx,
    f: &Found,
    earlier: &[Event],
) -> Option<(Vec<usize>, Vec<usize>)> {
    if f.event_type.is_hostile() && f.event_type != EventType::Coerce {
        return None;
    }
    let verb = providing_verb(cx, f.head)?;
    let subject = cx.children_with(verb, &["nsubj"]).into_iter().next()?;
    let is_agreement = matches!(cx.lower(subject), "this" | "it")
        || lexicon().starting_with(cx.lemma(subject)).iter().any(|&i| {
            let e = &lexicon().entries[i];
            e.noun && e.event_type == EventType::Agree
        });
    if !is_agreement {
        return None;
    }
    let deal = recent_events(cx, earlier, 2)
        .find(|e| e.event_type == EventType::Agree && e.target.is_some())?;
    Some((
        deal.source.into_iter().collect(),
        deal.target.into_iter().collect(),
    ))
}

/// The verb of provision ("include", "provide for", "cover") that governs the trigger through its
/// objects, complements and their conjuncts.
fn providing_verb(cx: &Cx, trig: usize) -> Option<usize> {
    let mut t = trig;
    for _ in 0..4 {
        let up = cx.head(t);
        if up == t
            || !matches!(
                cx.dep(t),
                "dobj" | "xcomp" | "conj" | "pobj" | "prep" | "pcomp"
            )
        {
            return None;
        }
        if cx.is_verb(up) && words().provision_verbs.contains(cx.lemma(up)) {
            return Some(up);
        }
        t = up;
    }
    None
}
