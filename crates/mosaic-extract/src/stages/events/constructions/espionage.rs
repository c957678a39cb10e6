//! Espionage, in the answer keys' sense: it runs from the spy or the spy's sponsor to the party
//! spied on. A network's sponsor runs it; a bare "network" is espionage only with a sponsor; with
//! no victim named, the state the story is about was spied on.

use super::super::args::prep_objects;
use super::super::lexicon::is_arrest_verb;
use super::super::phrases::{np_entities, verb_subjects};
use super::super::triggers::Found;
use super::super::view::Cx;
use crate::words::words;

/// "a network of 12 people working for Israel's Mossad": the members' sponsor.
pub(crate) fn sponsor_of_members(cx: &Cx, network: usize) -> Vec<usize> {
    let mut sponsors = Vec::new();
    for members in cx.prep_objects_of(network, "of") {
        for clause in cx.children_with(members, &["acl", "relcl"]) {
            for g in cx.children(clause) {
                match (cx.dep(g), cx.lower(g)) {
                    ("prep", "for") => sponsors.extend(prep_objects(cx, g)),
                    ("dobj", _) if words().serving_verbs.contains(cx.lemma(clause)) => {
                        sponsors.extend(np_entities(cx, g))
                    }
                    _ => {}
                }
            }
        }
    }
    sponsors
}

/// A lone "network", "ring" or "cell" (not "spy ring").
pub(crate) fn is_bare_network(cx: &Cx, f: &Found) -> bool {
    f.first == f.last
        && words()
            .bare_network_nouns
            .has(cx.lower(f.head), cx.lemma(f.head))
}

/// Spying with no victim named in the sentence: the state the story is about (the one that
/// caught the spies), when it is not the sponsor's own.
pub(crate) fn default_victim(cx: &Cx, sources: &[usize], targets: &mut Vec<usize>) {
    if !targets.is_empty() || sources.is_empty() {
        return;
    }
    let own: Vec<usize> = sources.iter().map(|&s| cx.state_of(s)).collect();
    if let Some(t) = cx
        .main_state()
        .filter(|t| !own.contains(t) && !sources.contains(t))
    {
        targets.push(t);
    }
}

/// The states of whoever arrests the spy: the subject (or agent) of the arrest verb that governs
/// the act, through "on suspicion of" or "for".
pub(crate) fn arresting_states(cx: &Cx, act: usize) -> Vec<usize> {
    let mut t = act;
    for _ in 0..6 {
        let up = cx.head(t);
        if up == t {
            break;
        }
        t = up;
        if cx.is_verb(t) && is_arrest_verb(cx.lemma(t)) {
            let (subjects, passive) = verb_subjects(cx, t);
            let actors = if passive {
                cx.children_with(t, &["agent"])
                    .into_iter()
                    .flat_map(|a| prep_objects(cx, a))
                    .collect()
            } else {
                subjects
            };
            return actors.into_iter().map(|e| cx.state_of(e)).collect();
        }
    }
    Vec::new()
}
