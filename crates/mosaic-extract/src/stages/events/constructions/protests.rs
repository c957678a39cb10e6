//! Protests are done by crowds (PLOVER: "civilian demonstrations and other collective actions").
//! A state, agency or official who "protests" makes a diplomatic protest, an ACCUSE; a crowd that
//! blocks roads or occupies a building protests rather than coerces.

use mosaic_core::{EventMode, EventType};

use super::super::agents;
use super::super::phrases::verb_subjects;
use super::super::triggers::{Found, Origin};
use super::super::view::Cx;

/// The trigger's type once its actor is known: a crowd's coercion is a protest, a state's or an
/// agency's protest is an accusation.
pub(crate) fn retyped(cx: &Cx, f: &Found) -> Option<EventType> {
    match f.event_type {
        // A state's or an official's "protest" is diplomatic; its blockade (CAMEO's "obstruct
        // passage") is coercion. Demonstrations, riots and strikes are always a crowd's.
        EventType::Protest if cx.lemma(f.head) == "protest" && !by_crowd(cx, f) => {
            Some(EventType::Accuse)
        }
        EventType::Protest
            if f.cameo.as_deref() == Some("144")
                && f.origin != Origin::Lexicon
                && !by_crowd(cx, f) =>
        {
            Some(EventType::Coerce)
        }
        EventType::Coerce if f.mode.is_none() && by_crowd(cx, f) => Some(EventType::Protest),
        // "workers stopped work on the first day of an open-ended strike": a crowd's strike is
        // a labour strike.
        EventType::Assault if cx.lemma(f.head) == "strike" && f.noun && by_crowd(cx, f) => {
            Some(EventType::Protest)
        }
        _ => None,
    }
}

/// Is the actor of the trigger a crowd: a plural of a people ("ethnic Albanians", "Young
/// Algerians"), or a generic actor of a civilian sector ("students", "workers", "prisoners")?
fn by_crowd(cx: &Cx, f: &Found) -> bool {
    actor_heads(cx, f)
        .into_iter()
        .any(|h| agents::is_people(cx, h))
}

/// The head words of the phrases naming the trigger's actor: a verb's subject, or an act noun's
/// possessor and modifiers, else its light verb's subject.
fn actor_heads(cx: &Cx, f: &Found) -> Vec<usize> {
    let subjects_of = |v: usize| {
        let mut out = cx.children_with(v, &["nsubj"]);
        if out.is_empty() && cx.dep(v) == "conj" {
            out = cx.children_with(cx.head(v), &["nsubj"]);
        }
        out
    };
    if !f.noun {
        return subjects_of(f.head);
    }
    let own = cx.children_with(f.head, &["poss", "amod", "compound", "nmod"]);
    if !own.is_empty() {
        return own;
    }
    let v = cx.head(f.head);
    if cx.is_verb(v) && v != f.head {
        let (_, passive) = verb_subjects(cx, v);
        if !passive {
            return subjects_of(v);
        }
    }
    Vec::new()
}

/// Only acts of force against people keep their mode when retyped.
pub(crate) fn mode_after(retyped: EventType, mode: Option<EventMode>) -> Option<EventMode> {
    if retyped == EventType::Coerce {
        mode
    } else {
        None
    }
}
