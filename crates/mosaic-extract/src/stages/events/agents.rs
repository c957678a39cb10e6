//! Generic actors ("Serb forces", "Iranian authorities", "riot police", "rebels in the Ivory
//! Coast"): a noun from the Phoenix agent dictionary, or one of Mosaic's own actor nouns, stands
//! for the country or organisation its modifiers name, with the agent's sector.

use mosaic_cameo::AgentDictionary;

use super::view::Cx;
use crate::words::words;

/// The agent dictionary's sector for the noun phrase headed by `tok` ("riot police" → COP,
/// "Serb forces" → none in Phoenix, "armed forces" → MIL), reading its compounds and adjectives.
pub(crate) fn sector_at(cx: &Cx, tok: usize) -> Option<String> {
    if !cx.is_noun(tok) {
        return None;
    }
    let mut words: Vec<&str> = cx
        .children_with(tok, &["compound", "amod"])
        .into_iter()
        .filter(|&k| k < tok && cx.entity_at(k).is_none())
        .map(|k| cx.lower(k))
        .collect();
    words.push(cx.lower(tok));
    let dict = AgentDictionary::embedded();
    let (agent, _) = dict
        .lookup(&words, words.len() - 1)
        .or_else(|| dict.lookup(&[cx.lemma(tok)], 0))?;
    Some(AgentDictionary::sector(agent).to_string())
}

/// A noun for people or institutions acting as a group, on which a demonym or a possessor names
/// the actor ("Iranian agents", "Turkey's army"): a Phoenix agent or one of Mosaic's actor nouns.
pub(crate) fn is_actor_noun(cx: &Cx, tok: usize) -> bool {
    words().actor_nouns.has(cx.lower(tok), cx.lemma(tok)) || sector_at(cx, tok).is_some()
}
