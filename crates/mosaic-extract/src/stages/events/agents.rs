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
    words().actor_nouns.has(cx.lower(tok), cx.lemma(tok))
        || sector_at(cx, tok).is_some()
        || is_named_people(cx, tok)
}

/// A plural proper noun that names no entity of its own: a people or a community ("Iraqi Kurds",
/// "Lebanese Shiites", "Bosnian Serbs"), whose demonym names where they act.
fn is_named_people(cx: &Cx, tok: usize) -> bool {
    cx.tag(tok) == "NNPS" && cx.entity_at(tok).is_none()
}

/// Is the noun at `tok` a people or a crowd rather than an institution: a plural of a people
/// ("Albanians", "Kuwaitis"), or a generic actor of a civilian sector ("students", "workers",
/// "residents", "prisoners")?
pub(crate) fn is_people(cx: &Cx, tok: usize) -> bool {
    let w = words();
    let plural = matches!(cx.tag(tok), "NNS" | "NNPS");
    let demonym_plural = plural
        && cx
            .entity_at(tok)
            .is_some_and(|e| cx.doc().entities[e].name.to_lowercase() != cx.lower(tok));
    demonym_plural
        || is_named_people(cx, tok)
        || w.crowd_nouns.has(cx.lower(tok), cx.lemma(tok))
        || w.residence_nouns.has(cx.lower(tok), cx.lemma(tok))
        || sector_at(cx, tok).is_some_and(|s| w.crowd_sectors.contains(&s.to_lowercase()))
}

/// "six Kuwaitis", "two Lebanese residents": a handful of people counted are individuals, not
/// their country ("up to 100 ethnic Albanians" are a crowd).
pub(crate) fn is_counted_people(cx: &Cx, tok: usize) -> bool {
    const HANDFUL: u32 = 12;
    is_people(cx, tok)
        && cx.children_with(tok, &["nummod"]).into_iter().any(|n| {
            cx.tag(n) == "CD"
                && cx.children(n).is_empty()
                && small_number(cx.lower(n)).is_some_and(|v| v <= HANDFUL)
        })
}

/// A cardinal written in digits or as a word up to twelve.
fn small_number(word: &str) -> Option<u32> {
    const WORDS: [&str; 12] = [
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
        "twelve",
    ];
    word.parse()
        .ok()
        .or_else(|| WORDS.iter().position(|w| *w == word).map(|i| i as u32 + 1))
}

/// Which side of an act a party is on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Side {
    Source,
    Target,
}

/// The sector of a party as the sentence tells it: the agent dictionary's sector of the generic
/// phrase that stands for it ("Serb forces" → MIL, "Iranian authorities" → GOV), else the sector
/// the knowledge base gives the named actor (MİT → SPY).
pub(crate) fn sector_of_party(cx: &Cx, trig: usize, party: usize, side: Side) -> Option<String> {
    let deps: &[&str] = match side {
        Side::Source => &["nsubj", "agent"],
        Side::Target => &["dobj", "nsubjpass", "dative"],
    };
    let generic = cx
        .children_with(trig, deps)
        .into_iter()
        .flat_map(|k| {
            if cx.dep(k) == "agent" {
                cx.children_with(k, &["pobj"])
            } else {
                vec![k]
            }
        })
        .filter(|&k| cx.entity_at(k).is_none())
        .find_map(|k| {
            // ("Serb forces": Phoenix files only "armed forces"; Mosaic's force nouns are
            // military.)
            sector_at(cx, k).or_else(|| {
                words()
                    .force_nouns
                    .has(cx.lower(k), cx.lemma(k))
                    .then(|| "MIL".to_string())
            })
        });
    generic.or_else(|| cx.sector(party).map(str::to_string))
}
