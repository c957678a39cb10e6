//! Mosaic's own trigger lexicon (`data/triggers.toml`): the genre's acts the CAMEO dictionary does
//! not code, or codes against the answer keys' conventions. Read once per process.

use std::collections::HashMap;
use std::sync::OnceLock;

use mosaic_cameo::CameoCode;
use mosaic_core::{EventMode, EventType};
use serde::Deserialize;

use crate::words::WordList;

const TRIGGERS_TOML: &str = include_str!("../../../data/triggers.toml");

/// How a trigger's arguments are laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Frame {
    /// "A verbs B": subject acts on object.
    Transitive,
    /// "A and B agreed", "talks between A and B", "A met with B": both sides act together.
    Mutual,
    /// An act against unnamed people ("arrested seven suspects"): no target unless named.
    AgainstPeople,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
enum Pos {
    Verb,
    Noun,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTrigger {
    #[serde(rename = "type")]
    event_type: String,
    pos: Pos,
    frame: Frame,
    #[serde(default)]
    mode: Option<String>,
    #[serde(default)]
    objects: Option<String>,
    #[serde(default)]
    except_objects: Option<String>,
    /// The CAMEO code of the act, when it has one.
    #[serde(default)]
    cameo: Option<String>,
    words: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    trigger: Vec<RawTrigger>,
}

/// One phrase of the lexicon.
#[derive(Debug)]
pub struct LexEntry {
    /// Lower-case words, consecutive in the text.
    pub words: Vec<String>,
    pub noun: bool,
    pub event_type: EventType,
    pub mode: Option<EventMode>,
    pub frame: Frame,
    /// When set, a verb counts only with an object from this list ("uncovered a spy network" is
    /// a coercive act; "uncovered the truth" is not).
    pub objects: Option<Objects>,
    /// When set, a verb does not count with an object from this list ("released a video").
    pub except_objects: Option<&'static WordList>,
    pub cameo: Option<CameoCode>,
}

impl LexEntry {
    /// The word that carries the parse: a verb phrase's first, a noun phrase's last.
    pub fn head_offset(&self) -> usize {
        if self.noun {
            self.words.len() - 1
        } else {
            0
        }
    }
}

pub struct Lexicon {
    pub entries: Vec<LexEntry>,
    /// First word → entries starting with it, longest first.
    by_first: HashMap<String, Vec<usize>>,
}

impl Lexicon {
    fn parse(text: &str) -> Result<Lexicon, String> {
        let raw: RawFile = toml::from_str(text).map_err(|e| e.to_string())?;
        let mut entries = Vec::new();
        for t in raw.trigger {
            let event_type = EventType::parse(&t.event_type)
                .ok_or_else(|| format!("unknown event type {:?}", t.event_type))?;
            let mode = match &t.mode {
                Some(m) => Some(EventMode::parse(m).ok_or_else(|| format!("unknown mode {m:?}"))?),
                None => None,
            };
            let cameo = match &t.cameo {
                Some(c) => {
                    Some(CameoCode::parse(c).ok_or_else(|| format!("bad CAMEO code {c:?}"))?)
                }
                None => None,
            };
            let objects = match &t.objects {
                Some(name) => Some(object_list(name)?),
                None => None,
            };
            let except_objects = match &t.except_objects {
                Some(name) => match object_list(name)? {
                    Objects::Listed(list) => Some(list),
                    Objects::Actor => return Err("`except_objects` takes a word list".into()),
                },
                None => None,
            };
            for phrase in &t.words {
                entries.push(LexEntry {
                    words: phrase.split(' ').map(str::to_string).collect(),
                    noun: t.pos == Pos::Noun,
                    event_type,
                    mode,
                    frame: t.frame,
                    objects,
                    except_objects,
                    cameo,
                });
            }
        }
        let mut by_first: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, e) in entries.iter().enumerate() {
            by_first.entry(e.words[0].clone()).or_default().push(i);
        }
        for list in by_first.values_mut() {
            list.sort_by_key(|&i| std::cmp::Reverse(entries[i].words.len()));
        }
        Ok(Lexicon { entries, by_first })
    }

    /// Entries whose first word is `word` (a lemma or a written form), longest first.
    pub fn starting_with(&self, word: &str) -> &[usize] {
        self.by_first.get(word).map_or(&[], Vec::as_slice)
    }
}

/// Is this lemma one of the lexicon's arrest verbs ("detain", "round up")?
pub fn is_arrest_verb(lemma: &str) -> bool {
    let lex = lexicon();
    lex.starting_with(lemma).iter().any(|&i| {
        let e = &lex.entries[i];
        !e.noun && e.mode == Some(EventMode::Arrest)
    })
}

/// What a trigger's object must be for the trigger to count.
#[derive(Clone, Copy, Debug)]
pub enum Objects {
    /// A word of this list ("uncovered a spy network", "sent aid").
    Listed(&'static WordList),
    /// A named actor or a noun for people or a group ("eliminated Islam Dotkanlou", "neutralised
    /// 41 militants"; not "eliminated the threat").
    Actor,
}

/// The object rules a trigger may name as its `objects`: a word list of `data/words.toml` by
/// name, or `actors`.
fn object_list(name: &str) -> Result<Objects, String> {
    if name == "actors" {
        return Ok(Objects::Actor);
    }
    crate::words::list_named(name)
        .map(Objects::Listed)
        .ok_or_else(|| format!("unknown object list {name:?}"))
}

/// The shipped lexicon. The file is compiled in; a test guarantees it parses.
pub fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(|| Lexicon::parse(TRIGGERS_TOML).expect("data/triggers.toml parses"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_lexicon_is_valid() {
        let lex = Lexicon::parse(TRIGGERS_TOML).unwrap_or_else(|e| panic!("{e}"));
        let mut seen = std::collections::HashSet::new();
        for e in &lex.entries {
            assert!(
                e.words
                    .iter()
                    .all(|w| !w.is_empty() && w.to_lowercase() == *w),
                "{:?}",
                e.words
            );
            // A phrase codes one act: the same words twice under one part of speech would make
            // the first silently win.
            let objects = e.objects.map(|o| match o {
                Objects::Listed(list) => std::ptr::from_ref(list) as usize,
                Objects::Actor => 0,
            });
            assert!(
                seen.insert((e.words.clone(), e.noun, objects)),
                "{:?} listed twice",
                e.words
            );
        }
    }

    #[test]
    fn every_act_carries_a_cameo_code_of_its_type() {
        // Users of ICEWS- and Phoenix-style data read events by their CAMEO codes: each entry
        // names one, and it must be a code of the same PLOVER type (CAMEO has no espionage).
        for e in &lexicon().entries {
            if e.event_type == EventType::Espionage {
                assert!(
                    e.cameo.is_none(),
                    "{:?}: CAMEO has no espionage code",
                    e.words
                );
                continue;
            }
            let code = e
                .cameo
                .as_ref()
                .unwrap_or_else(|| panic!("{:?} has no cameo code", e.words));
            assert_eq!(
                code.plover(),
                Some(e.event_type),
                "{:?}: CAMEO {} is not {:?}",
                e.words,
                code.as_str(),
                e.event_type
            );
        }
    }

    #[test]
    fn index_finds_phrases_longest_first() {
        let lex = lexicon();
        let spy = lex.starting_with("spy");
        assert!(spy.len() >= 2);
        assert!(lex.entries[spy[0]].words.len() > 1);
    }
}
