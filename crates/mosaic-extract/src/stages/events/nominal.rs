//! Acts told as nouns ("the Turkish shelling of the border villages", "an investigation by the
//! army", "Israel's blockade"): `data/act_nouns.toml` gives each noun the CAMEO code of its act.
//! The noun's phrases then name the parties (see `args`).

use std::collections::HashMap;
use std::sync::OnceLock;

use mosaic_cameo::CameoCode;
use serde::Deserialize;

use super::view::Cx;

const ACT_NOUNS_TOML: &str = include_str!("../../../data/act_nouns.toml");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawGroup {
    cameo: String,
    words: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    noun: Vec<RawGroup>,
}

fn parse(text: &str) -> Result<HashMap<String, CameoCode>, String> {
    let raw: RawFile = toml::from_str(text).map_err(|e| e.to_string())?;
    let mut out = HashMap::new();
    for g in raw.noun {
        let code = CameoCode::parse(&g.cameo).ok_or_else(|| format!("bad code {:?}", g.cameo))?;
        if code.plover().is_none() {
            return Err(format!("{code} is no PLOVER event"));
        }
        for w in g.words {
            if out.insert(w.clone(), code).is_some() {
                return Err(format!("{w:?} listed twice"));
            }
        }
    }
    Ok(out)
}

fn act_nouns() -> &'static HashMap<String, CameoCode> {
    static TABLE: OnceLock<HashMap<String, CameoCode>> = OnceLock::new();
    TABLE.get_or_init(|| parse(ACT_NOUNS_TOML).expect("data/act_nouns.toml parses (tested)"))
}

pub(crate) fn preload() {
    let _ = act_nouns();
}

/// The CAMEO code of the act the noun at token `i` tells, if it is one.
pub(crate) fn act_code(cx: &Cx, i: usize) -> Option<CameoCode> {
    if !cx.is_noun(i) || matches!(cx.tag(i), "NNP" | "NNPS") {
        return None;
    }
    let table = act_nouns();
    table
        .get(cx.lower(i))
        .or_else(|| table.get(cx.lemma(i)))
        .copied()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stages::events::lexicon::lexicon;

    #[test]
    fn act_nouns_are_valid_and_not_in_the_lexicon() {
        let table = parse(ACT_NOUNS_TOML).unwrap_or_else(|e| panic!("{e}"));
        let lex = lexicon();
        for noun in table.keys() {
            assert_eq!(noun.to_lowercase(), *noun);
            let in_lexicon = lex
                .starting_with(noun)
                .iter()
                .any(|&i| lex.entries[i].noun && lex.entries[i].words.len() == 1);
            assert!(!in_lexicon, "{noun:?} is also a noun of triggers.toml");
        }
    }
}
