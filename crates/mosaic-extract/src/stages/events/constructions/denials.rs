//! Denials: "Tehran denied recruiting Israelis" codes the recruiting, as denied; "denied any
//! role" is a rejection even with no accuser named; a denial with no named target answers the
//! accusation made just before ("Iran said …, but Azerbaijan denied" → Azerbaijan REJECT Iran).

use mosaic_core::{Event, EventType, Modality};

use super::super::triggers::Found;
use super::super::view::{recent_events, Cx};
use crate::words::words;

/// Does this denial deny an act coded on its own ("denied recruiting Israelis", "denies that its
/// fighters have returned")?
pub(crate) fn denies_an_act(cx: &Cx, deny: usize, all: &[Found]) -> bool {
    cx.children_with(deny, &["xcomp", "ccomp", "dobj", "pcomp"])
        .into_iter()
        .any(|k| {
            cx.is_verb(k)
                && all
                    .iter()
                    .any(|o| o.head == k && o.event_type != EventType::Reject)
        })
}

/// "denied any role", "rejected the claims": the object stands for an accusation.
pub(crate) fn denies_a_charge(cx: &Cx, deny: usize) -> bool {
    cx.children_with(deny, &["dobj"])
        .into_iter()
        .any(|k| words().charge_nouns.has(cx.lower(k), cx.lemma(k)))
}

/// Whom a rejection with no named target answers: whoever acted against the rejecting side in an
/// event coded before, else the accuser of the same or the previous sentence.
pub(crate) fn answered_accuser(cx: &Cx, sources: &[usize], earlier: &[Event]) -> Option<usize> {
    let hostile = |e: &Event| {
        matches!(
            e.event_type,
            EventType::Accuse
                | EventType::Coerce
                | EventType::Sanction
                | EventType::Threaten
                | EventType::Request
        )
    };
    // (An act against a state's agency was against the state: "Baku dismissed the allegation"
    // answers the charge against Azerbaijan's State Security Service.)
    let own: Vec<usize> = sources.iter().map(|&s| cx.state_of(s)).collect();
    if let Some(e) = earlier
        .iter()
        .rev()
        .find(|e| e.target.is_some_and(|t| own.contains(&cx.state_of(t))) && hostile(e))
    {
        return e.source;
    }
    let sentence = cx.sentence_span();
    let previous = cx.si.checked_sub(1).map(|p| cx.doc().sentences[p].span);
    let accuser = earlier
        .iter()
        .rev()
        .take_while(|e| e.sentence == sentence || Some(e.sentence) == previous)
        .find(|e| {
            e.event_type == EventType::Accuse
                && e.source
                    .is_some_and(|a| !sources.iter().any(|&s| cx.state_of(s) == cx.state_of(a)))
        })
        .and_then(|e| e.source);
    accuser.or_else(|| alleger_of_own_act(cx, &own, earlier))
}

/// Who alleged an act of the rejecting side told in the last few sentences ("the NSS said the
/// soldier handed positions to Azerbaijan's service … Baku dismissed the allegation").
fn alleger_of_own_act(cx: &Cx, own: &[usize], earlier: &[Event]) -> Option<usize> {
    // (A denial often answers the story's lead, a few paragraphs up.)
    recent_events(cx, earlier, 6)
        .filter(|e| e.modality == Modality::Alleged && e.event_type.is_hostile())
        .filter(|e| e.source.is_some_and(|s| own.contains(&cx.state_of(s))))
        .find_map(|e| {
            e.attribution
                .iter()
                .find_map(|a| a.entity)
                .filter(|&a| !own.contains(&cx.state_of(a)))
        })
}
