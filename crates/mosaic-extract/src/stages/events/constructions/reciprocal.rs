//! Reciprocal acts: coordinated subjects that act on each other ("Israel and Iran fought a war",
//! "expelled each other's diplomats").

use mosaic_core::EventType;

use super::super::view::Cx;
use crate::words::words;

pub(crate) fn is_reciprocal(cx: &Cx, trig: usize, event_type: EventType) -> bool {
    // "Israel and Iran fought (a war)", not "both countries have fought Kurdish groups".
    let objects = cx.children_with(trig, &["dobj"]);
    let no_victim = objects
        .iter()
        .all(|&o| words().war_nouns.has(cx.lower(o), cx.lemma(o)));
    if event_type == EventType::Assault
        && no_victim
        && words().reciprocal_verbs.has(cx.lower(trig), cx.lemma(trig))
    {
        return true;
    }
    cx.range
        .clone()
        .any(|j| cx.lower(j) == "other" && j > 0 && cx.lower(j - 1) == "each")
}
