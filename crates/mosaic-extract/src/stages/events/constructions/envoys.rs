//! Acts against a state through its diplomats: expelling or summoning a state's envoys is an act
//! against that state ("expelled Russia's defence attaché", "declared two Iranian diplomats
//! persona non grata", "summoned Iran's chargé d'affaires").

use mosaic_core::EntityKind;

use super::super::args::{Args, Via};
use super::super::phrases::verb_subjects;
use super::super::triggers::Found;
use super::super::view::{dedup, Cx};

/// "X declared two Iranian diplomats persona non grata": the parser rarely sees the Latin phrase
/// for what it is, so the declaring verb and the words between are read directly.
pub(crate) fn persona_non_grata(cx: &Cx, f: &Found) -> Option<Args> {
    if !f.noun || cx.lower(f.head) != "grata" {
        return None;
    }
    let verb = (cx.range.start..f.head)
        .rev()
        .find(|&j| cx.lemma(j) == "declare")?;
    let (subjects, _) = verb_subjects(cx, verb);
    let expelled: Vec<usize> = (verb + 1..f.head)
        .filter_map(|j| cx.entity_at(j))
        .map(|e| cx.state_of(cx.actor_for_event(e)))
        .filter(|&e| cx.kind(e) == EntityKind::Gpe)
        .collect();
    Some(Args {
        sources: dedup(subjects),
        targets: dedup(expelled),
        via: Via::PersonaNonGrata,
        inferred: false,
    })
}

/// The states whose people were expelled or summoned: "expelled Russia's defence attaché",
/// "expels two Iranian diplomats", "declared two employees of the Iranian embassy persona non
/// grata".
pub(crate) fn represented_states(cx: &Cx, trig: usize) -> Vec<usize> {
    let mut out = Vec::new();
    let mut heads = cx.children_with(trig, &["dobj", "nsubjpass", "pobj"]);
    for &h in &heads.clone() {
        heads.extend(cx.prep_objects_of(h, "of"));
        // "a second secretary at the British embassy"
        heads.extend(cx.prep_objects_of(h, "at"));
    }
    for h in heads {
        for k in std::iter::once(h).chain(cx.children(h)) {
            if let Some(e) = cx.entity_at(k) {
                let e = cx.state_of(cx.actor_for_event(e));
                if cx.kind(e) == EntityKind::Gpe && !out.contains(&e) {
                    out.push(e);
                }
            }
        }
    }
    out
}
