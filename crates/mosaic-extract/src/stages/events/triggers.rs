//! Finding the words of a sentence that state an act.

use mosaic_cameo::{CameoCode, VerbDictionary};
use mosaic_core::{EventMode, EventType, Span};

use super::dictionary::{self, Coded};
use super::lexicon::{lexicon, Frame, LexEntry, Objects};
use super::nominal;
use super::view::Cx;
use super::{agents, phrases};
use crate::words::{words, WordList};

/// A trigger found in a sentence: which words, what act, and how its arguments are laid out.
#[derive(Clone, Debug)]
pub(crate) struct Found {
    /// First and last token of the trigger's words.
    pub first: usize,
    pub last: usize,
    /// The token that carries the parse: a verb phrase's verb, a noun phrase's head noun.
    pub head: usize,
    pub noun: bool,
    pub event_type: EventType,
    pub mode: Option<EventMode>,
    pub frame: Frame,
    /// The CAMEO code, when the act has one.
    pub cameo: Option<String>,
    /// The words as written in the lexicon or dictionary, for the rule string.
    pub words: String,
    /// Where the trigger comes from (shown in the rule string).
    pub origin: Origin,
    /// Tokens a dictionary pattern marked as the source (`$`) or target (`+`) phrase.
    pub source_at: Option<usize>,
    pub target_at: Option<usize>,
    /// For a combination ("threatened to attack B"), the verb of the clause it governs, whose
    /// arguments name the target when the stance verb has none.
    pub lower: Option<usize>,
}

/// Which vocabulary found a trigger.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Origin {
    /// Mosaic's own lexicon (`data/triggers.toml`).
    Lexicon,
    /// A CAMEO verb with its default code.
    Verb,
    /// A CAMEO pattern, by its line in CAMEO.2.0.txt.
    Pattern(usize),
    /// A verb of stance over a clause ("threatened to attack").
    Combination,
    /// An act noun of `data/act_nouns.toml` ("the shelling of", "an investigation").
    ActNoun,
}

impl Found {
    /// Where the trigger comes from, for the rule string: `noun`/`verb` (Mosaic's lexicon),
    /// `cameo` (a dictionary verb), `cameo@LINE` (a dictionary pattern).
    pub fn origin_str(&self) -> String {
        match self.origin {
            Origin::Lexicon if self.noun => "noun".into(),
            Origin::Lexicon => "verb".into(),
            Origin::Verb => format!("cameo {}", self.cameo.as_deref().unwrap_or("")),
            Origin::Pattern(line) => {
                format!("cameo {} line {line}", self.cameo.as_deref().unwrap_or(""))
            }
            Origin::Combination => {
                format!("combination {}", self.cameo.as_deref().unwrap_or(""))
            }
            Origin::ActNoun => format!("act noun {}", self.cameo.as_deref().unwrap_or("")),
        }
    }

    pub fn span(&self, cx: &Cx) -> Span {
        Span::new(cx.span(self.first).start, cx.span(self.last).end)
    }

    fn from_lexicon(first: usize, e: &LexEntry) -> Found {
        Found {
            first,
            last: first + e.words.len() - 1,
            head: first + e.head_offset(),
            noun: e.noun,
            event_type: e.event_type,
            mode: e.mode,
            frame: e.frame,
            cameo: e.cameo.map(|c| c.as_str().to_string()),
            words: e.words.join(" "),
            origin: Origin::Lexicon,
            source_at: None,
            target_at: None,
            lower: None,
        }
    }

    /// A verb the CAMEO dictionary codes, as the PLOVER act its code maps to.
    fn from_dictionary(v: usize, coded: Coded) -> Option<Found> {
        let code = coded.forward?;
        let event_type = code.plover()?;
        let dict = VerbDictionary::embedded();
        Some(Found {
            first: coded.first,
            last: coded.last,
            head: v,
            noun: false,
            event_type,
            mode: mode_of(code),
            frame: frame_of(code),
            cameo: Some(code.as_str().to_string()),
            words: dict.entries[coded.entry].words.join(" "),
            origin: coded.pattern_line.map_or(Origin::Verb, Origin::Pattern),
            source_at: coded.source_at,
            target_at: coded.target_at,
            lower: None,
        })
    }
}

impl Found {
    /// An act noun with its CAMEO code.
    fn act_noun(cx: &Cx, i: usize, code: CameoCode) -> Option<Found> {
        Some(Found {
            first: i,
            last: i,
            head: i,
            noun: true,
            event_type: code.plover()?,
            mode: mode_of(code),
            frame: frame_of(code),
            cameo: Some(code.as_str().to_string()),
            words: cx.lemma(i).to_string(),
            origin: Origin::ActNoun,
            source_at: None,
            target_at: None,
            lower: None,
        })
    }
}

/// The mode of a CAMEO code, where Mosaic's rules need it.
fn mode_of(code: CameoCode) -> Option<EventMode> {
    let c = code.as_str();
    Some(match () {
        _ if c.starts_with("04") => EventMode::Meet,
        _ if c.starts_with("173") => EventMode::Arrest,
        _ if c.starts_with("174") => EventMode::Expel,
        _ if c.starts_with("116") => EventMode::Convict,
        _ if c.starts_with("181") => EventMode::Kidnap,
        _ if c == "1823" || c.starts_with("186") => EventMode::Kill,
        _ => return None,
    })
}

/// How a CAMEO act's arguments are laid out: talks, agreements and cooperation involve both
/// sides; arrests, expulsions and convictions are done to people.
fn frame_of(code: CameoCode) -> Frame {
    let c = code.as_str();
    if c.starts_with("03") || c.starts_with("04") || c.starts_with("06") || c == "057" {
        Frame::Mutual
    } else if c.starts_with("173") || c.starts_with("174") || c.starts_with("116") {
        Frame::AgainstPeople
    } else {
        Frame::Transitive
    }
}

/// Every trigger of the sentence, in text order, none overlapping: Mosaic's lexicon first, then
/// the CAMEO verb dictionary on verbs it does not know.
pub(crate) fn find(cx: &Cx) -> Vec<Found> {
    let mut found = Vec::new();
    let mut i = cx.range.start;
    while i < cx.range.end {
        let f = lexicon_match(cx, i)
            .or_else(|| {
                (cx.parsed() && cx.is_verb(i) && !lexicon_vetoes(cx, i))
                    .then(|| dictionary::code_verb(cx, i))
                    .flatten()
                    .and_then(|c| Found::from_dictionary(i, c))
            })
            .or_else(|| {
                cx.parsed()
                    .then(|| nominal::act_code(cx, i))
                    .flatten()
                    .and_then(|c| Found::act_noun(cx, i, c))
            });
        match f {
            Some(f) => {
                i = f.last.max(i) + 1;
                found.push(f);
            }
            None => i += 1,
        }
    }
    defer_to_act_nouns(cx, &mut found);
    defer_to_lexicon_below(cx, &mut found);
    found
}

/// "is expected to travel to Erbil next week to meet Nechirvan Barzani": where a dictionary verb
/// governs a trigger of Mosaic's own lexicon of the same type, both tell one act and the
/// lexicon's, the more specific, carries it.
fn defer_to_lexicon_below(cx: &Cx, found: &mut Vec<Found>) {
    let lexical: Vec<(usize, EventType)> = found
        .iter()
        .filter(|f| f.origin == Origin::Lexicon && !f.noun)
        .map(|f| (f.head, f.event_type))
        .collect();
    found.retain(|f| {
        f.origin == Origin::Lexicon
            || !lexical
                .iter()
                .any(|&(h, t)| t == f.event_type && h != f.head && cx.governs(f.head, h, 4))
    });
}

/// "voiced support for Iran", "announced the arrest of 12 suspects by MIT", "held talks with":
/// where the dictionary codes a verb by its object, and that object is itself an act noun of the
/// same type, the noun carries the event (its own phrases name the parties; the verb lends it a
/// subject).
fn defer_to_act_nouns(cx: &Cx, found: &mut Vec<Found>) {
    let nouns: Vec<(usize, EventType)> = found
        .iter()
        .filter(|f| f.noun)
        .map(|f| (f.head, f.event_type))
        .collect();
    found.retain(|f| {
        f.noun
            || f.origin == Origin::Lexicon
            || !cx
                .children_with(f.head, &["dobj", "attr", "nsubjpass"])
                .into_iter()
                .any(|k| nouns.contains(&(k, f.event_type)))
    });
}

/// The longest lexicon phrase starting at token `i` whose part of speech (and required object)
/// fit.
fn lexicon_match(cx: &Cx, i: usize) -> Option<Found> {
    // Words inside a name ("Islamic Revolutionary Guard Corps", "Treaty of Lausanne") are not acts.
    if cx
        .mention_at(i)
        .is_some_and(|m| cx.doc().mentions[m].text.contains(' '))
    {
        return None;
    }
    let lex = lexicon();
    let mut candidates: Vec<usize> = lex.starting_with(cx.lower(i)).to_vec();
    if cx.lemma(i) != cx.lower(i) {
        candidates.extend(lex.starting_with(cx.lemma(i)));
    }
    // Longest first; among equals, an entry that asks for certain objects before the plain one
    // ("expelled inspectors" before "expelled").
    candidates.sort_by_key(|&c| {
        let e = &lex.entries[c];
        (std::cmp::Reverse(e.words.len()), e.objects.is_none())
    });
    candidates
        .into_iter()
        .map(|c| &lex.entries[c])
        .find(|e| fits(cx, i, e))
        .map(|e| Found::from_lexicon(i, e))
}

/// Does the lexicon say this verb is no act with its object ("released a video")? The dictionary
/// then does not code it either.
fn lexicon_vetoes(cx: &Cx, i: usize) -> bool {
    let lex = lexicon();
    lex.starting_with(cx.lemma(i)).iter().any(|&c| {
        let e = &lex.entries[c];
        !e.noun
            && e.words.len() == 1
            && e.except_objects.is_some_and(|list| {
                cx.children_with(i, &["dobj", "nsubjpass"])
                    .into_iter()
                    .any(|k| list.has(cx.lower(k), cx.lemma(k)))
            })
    })
}

fn fits(cx: &Cx, i: usize, e: &LexEntry) -> bool {
    let n = e.words.len();
    if i + n > cx.range.end {
        return false;
    }
    let head = i + e.head_offset();
    let words_match = e.words.iter().enumerate().all(|(k, word)| {
        let t = i + k;
        // The head matches by lemma too ("arrested" → arrest, "talks" as written).
        cx.lower(t) == word || (t == head && cx.lemma(t) == word)
    });
    if !words_match {
        return false;
    }
    if !cx.parsed() {
        return linear_objects_fit(cx, i + n, e);
    }
    let pos_ok = if e.noun {
        cx.is_noun(head)
    } else {
        cx.is_verb(head)
    };
    pos_ok
        && e.objects.is_none_or(|rule| {
            objects_of(cx, head).into_iter().any(|k| match rule {
                Objects::Listed(list) => in_list(cx, k, list),
                Objects::Actor => {
                    !phrases::np_entities(cx, k).is_empty() || agents::is_actor_noun(cx, k)
                }
            })
        })
        && e.except_objects.is_none_or(|list| {
            !objects_of(cx, head)
                .into_iter()
                .any(|k| in_list(cx, k, list))
        })
}

/// Without a parse, a verb that asks for certain objects counts when one of the next few words is
/// one ("accepted the rebels' demands"), and a verb that excludes some does not when one is.
fn linear_objects_fit(cx: &Cx, after: usize, e: &LexEntry) -> bool {
    const REACH: usize = 5;
    let window = after..(after + REACH).min(cx.range.end);
    let listed = |list: &WordList| window.clone().any(|t| list.has(cx.lower(t), cx.lemma(t)));
    let wanted = match e.objects {
        None => true,
        Some(Objects::Listed(list)) => listed(list),
        Some(Objects::Actor) => window.clone().any(|t| cx.entity_at(t).is_some()),
    };
    wanted && !e.except_objects.is_some_and(listed)
}

/// A verb's objects, seen through a share of them ("captured part of a stronghold").
fn objects_of(cx: &Cx, verb: usize) -> Vec<usize> {
    let mut out = cx.children_with(verb, &["dobj", "nsubjpass"]);
    // "aerial photographs and other military intelligence"
    let conjuncts: Vec<usize> = out
        .iter()
        .flat_map(|&k| cx.children_with(k, &["conj"]))
        .collect();
    out.extend(conjuncts);
    let partitive: Vec<usize> = out
        .iter()
        .copied()
        .filter(|&k| words().partitive_nouns.contains(cx.lower(k)))
        .collect();
    for k in partitive {
        out.extend(cx.prep_objects_of(k, "of"));
    }
    out
}

/// Is the noun, alone or with the compound before it ("aid workers"), in the list?
fn in_list(cx: &Cx, k: usize, list: &WordList) -> bool {
    list.has(cx.lower(k), cx.lemma(k))
        || cx
            .children_with(k, &["compound"])
            .into_iter()
            .any(|c| list.contains(&format!("{} {}", cx.lower(c), cx.lemma(k))))
}
