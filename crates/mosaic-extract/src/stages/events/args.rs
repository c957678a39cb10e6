//! The arguments of a trigger from the dependency parse: who acts (subjects, passive agents,
//! possessors and by-phrases of act nouns, the subject of a light verb) and on whom (objects,
//! prepositional phrases, the counterpart named inside an abstract object).

use mosaic_core::{EntityKind, EventType};

use super::agents;
use super::constructions::schemes::is_foiling;
use super::constructions::{envoys, espionage};
use super::lexicon::is_arrest_verb;
use super::lexicon::Frame;
use super::phrases::{
    governing_subjects, is_anti, np_entities, object_entities, pronoun_antecedent, verb_subjects,
    Counterpart,
};
use super::triggers::{Found, Origin};
use super::view::{dedup, Cx};
use crate::words::words;

/// How the arguments were found (shown in the event's rule).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Via {
    /// Subject and objects of a verb.
    Verb,
    /// Possessor, compounds and phrases of an act noun, or the subject of its light verb.
    Noun,
    /// "declared X persona non grata": the expelled diplomats' states are already the targets.
    PersonaNonGrata,
    /// No parse: the nearest actors on each side.
    Linear,
}

impl Via {
    pub fn as_str(&self) -> &'static str {
        match self {
            Via::Verb => "parse-verb",
            Via::Noun => "parse-noun",
            Via::PersonaNonGrata => "parse-persona-non-grata",
            Via::Linear => "linear",
        }
    }
}

pub(crate) struct Args {
    pub sources: Vec<usize>,
    pub targets: Vec<usize>,
    pub via: Via,
    /// The sources were not named but inferred (an arrest "in Baku" by no one named is the
    /// state's): an agency that made the same arrest just before is the better guess.
    pub inferred: bool,
}

/// The entities named by the objects of a preposition token.
pub(crate) fn prep_objects(cx: &Cx, prep: usize) -> Vec<usize> {
    cx.children_with(prep, &["pobj"])
        .into_iter()
        .flat_map(|g| np_entities(cx, g))
        .collect()
}

/// The entities acted on through a preposition token's objects ("against German goods").
pub(crate) fn prep_targets(cx: &Cx, prep: usize, reach: Counterpart) -> Vec<usize> {
    cx.children_with(prep, &["pobj"])
        .into_iter()
        .flat_map(|g| object_entities(cx, g, reach))
        .collect()
}

/// Actors from the dependency parse.
pub(crate) fn from_parse(cx: &Cx, f: &Found) -> Args {
    if let Some(args) = envoys::persona_non_grata(cx, f) {
        return args;
    }
    let (mut sources, mut targets, via) = if f.noun {
        let (s, t) = noun_args(cx, f);
        (s, t, Via::Noun)
    } else {
        let (s, t) = verb_args(cx, f);
        (s, t, Via::Verb)
    };
    if sources.is_empty() && matches!(f.event_type, EventType::Protest | EventType::Threaten) {
        // "students throughout Indonesia staged demonstrations", "Druze inhabitants of the Golan
        // Heights threatened a general strike": a crowd is of the place it is in.
        sources = crowd_places(cx, f);
    }
    // A dictionary pattern's `$` and `+` mark the phrases of the source and the target
    // ("- $ * (AS &NEGOTIATOR) (IN TALK) (WITH +)").
    if let Some(at) = f.source_at {
        let marked = np_entities(cx, at);
        if !marked.is_empty() {
            sources = marked;
        }
    }
    if let Some(at) = f.target_at {
        let marked = object_entities(cx, at, Counterpart::of(f.event_type, f.frame));
        if !marked.is_empty() {
            targets = marked;
        }
    }
    if targets.is_empty() {
        if let Some(lower) = f.lower {
            targets = clause_targets(cx, lower, &sources, f.event_type);
        }
    }
    if targets.is_empty()
        && !f.noun
        && matches!(f.event_type, EventType::Accuse | EventType::Request)
    {
        // "a rights group protested that Croatian authorities are failing to …", "demanded
        // that the Sudanese government end curbs": the clause's subject is the one accused or
        // asked.
        for c in cx.children_with(f.head, &["ccomp"]) {
            let (subjects, _) = verb_subjects(cx, c);
            targets.extend(subjects.into_iter().filter(|t| !sources.contains(t)));
        }
    }
    if targets.is_empty() && f.frame == Frame::Mutual && !f.noun && sources.len() < 2 {
        targets = shared_partners(cx, f.head);
        targets.retain(|t| !sources.contains(t));
    }
    if f.event_type == EventType::Espionage {
        espionage::default_victim(cx, &sources, &mut targets);
    }
    // "Iran and Turkey held talks": the first with the others; but "the visit of Shoigu and
    // Mattis" is two visitors, neither the other's host.
    let travellers = f.noun && words().visit_nouns.has(cx.lower(f.head), cx.lemma(f.head));
    if f.frame == Frame::Mutual && targets.is_empty() && sources.len() > 1 && !travellers {
        targets = sources.split_off(1);
    }
    // (Only an arrest's agency can be inferred: "had been denied access to a lawyer" is no one's
    // arrest.)
    let inferred = !f.noun
        && f.event_type == EventType::Coerce
        && f.mode == Some(mosaic_core::EventMode::Arrest)
        && agentless_passive(cx, f.head);
    Args {
        sources: dedup(sources),
        targets: dedup(targets),
        via,
        inferred,
    }
}

/// Whom the clause of a combination is about: its objects and phrases ("threatened to cut off
/// electricity to Nakhichevan"), else its subject when that is not the speaker ("said the US must
/// be ready to mediate").
fn clause_targets(cx: &Cx, lower: usize, sources: &[usize], event_type: EventType) -> Vec<usize> {
    let mut targets = Vec::new();
    if event_type == EventType::Request && cx.is_verb(lower) {
        // "demanded that the SDF be integrated into the army": the demand is made of the clause's
        // subject, before anyone its phrases name.
        let own: Vec<usize> = sources
            .iter()
            .flat_map(|&s| [s, cx.state_of(s), cx.state_of(cx.represented_state(s))])
            .collect();
        let (subjects, _) = verb_subjects(cx, lower);
        let asked: Vec<usize> = subjects
            .into_iter()
            .filter(|t| !own.contains(t) && !own.contains(&cx.state_of(*t)))
            .collect();
        if !asked.is_empty() {
            return asked;
        }
    }
    let reach = Counterpart::of(event_type, Frame::Transitive);
    if !cx.is_verb(lower) {
        // "is opposed to French mediation": the thing refused names its author.
        targets = object_entities(cx, lower, reach);
    }
    // Partners of an agreement are those it is made with, not its common enemy ("agreed to
    // cooperate against the PKK") or where it happens.
    let agreement = event_type == EventType::Agree;
    // What is agreed on is done for or to someone ("agreed to lift embargoes on Iran"), never
    // against them.
    let reach = if agreement {
        Counterpart::Recipient
    } else {
        Counterpart::of(event_type, Frame::Transitive)
    };
    for k in cx.children(lower) {
        match (cx.dep(k), cx.lower(k)) {
            // "providing intelligence to Macedonia": the parser's dative may be the preposition.
            ("dative", "to") => targets.extend(prep_targets(cx, k, reach)),
            ("dobj" | "dative", _) => targets.extend(object_entities(cx, k, reach)),
            ("prep", "to" | "with" | "for" | "from" | "between" | "on") => {
                targets.extend(prep_targets(cx, k, reach))
            }
            ("prep", "against" | "into" | "in") if !agreement => {
                targets.extend(prep_targets(cx, k, reach))
            }
            _ => {}
        }
    }
    if targets.is_empty() && cx.is_verb(lower) {
        // "will not allow Hezbollah to rearm": the one let or made to act.
        for c in cx.children_with(lower, &["ccomp", "xcomp"]) {
            targets.extend(verb_subjects(cx, c).0);
        }
    }
    if targets.is_empty() && agreement {
        // "agreed to set up an energy research centre in Tokyo": where what is agreed on will be.
        for k in cx.children_with(lower, &["dobj"]) {
            for p in cx.children_with(k, &["prep"]) {
                if cx.lower(p) == "in" {
                    targets.extend(prep_objects(cx, p));
                }
            }
        }
        for p in cx.prep_objects_of(lower, "in") {
            targets.extend(np_entities(cx, p));
        }
    }
    // Never the speaker's own side ("Aliyev said Azerbaijan would not tolerate …").
    let own: Vec<usize> = sources
        .iter()
        .flat_map(|&s| [s, cx.state_of(s), cx.state_of(cx.represented_state(s))])
        .collect();
    targets.retain(|t| !own.contains(t) && !own.contains(&cx.state_of(*t)));
    if targets.is_empty() && event_type == EventType::Threaten {
        // "threatened to hold a general strike unless Israel rescinded …": the one the condition
        // is put to.
        for c in cx.children_with(lower, &["advcl"]) {
            let conditional = cx
                .children_with(c, &["mark"])
                .into_iter()
                .any(|m| matches!(cx.lower(m), "unless" | "if"));
            if conditional {
                targets.extend(verb_subjects(cx, c).0);
            }
        }
    }
    if targets.is_empty() && event_type == EventType::Request {
        // "said the US must be ready to mediate": the demand is made of the clause's subject.
        let (subjects, _) = verb_subjects(cx, lower);
        targets = subjects
            .into_iter()
            .filter(|t| !own.contains(t) && !own.contains(&cx.state_of(*t)))
            .collect();
    }
    targets
}

/// "spoke by phone with Hossein Amir-Abdollahian and agreed to set up a hotline": verbs joined by
/// "and" share their counterpart.
fn shared_partners(cx: &Cx, verb: usize) -> Vec<usize> {
    if cx.dep(verb) != "conj" {
        return Vec::new();
    }
    let first = cx.head(verb);
    let mut out: Vec<usize> = cx
        .prep_objects_of(first, "with")
        .into_iter()
        .flat_map(|g| np_entities(cx, g))
        .collect();
    for o in cx.children_with(first, &["dobj"]) {
        out.extend(
            cx.prep_objects_of(o, "with")
                .into_iter()
                .flat_map(|g| np_entities(cx, g)),
        );
    }
    out
}

/// An act noun: possessors, compounds and "by" name the actor ("Iran's attack", "the arrest of X
/// by MIT"), other phrases the target; else the subject of the verb that does the act ("launched
/// an attack", "held talks").
fn noun_args(cx: &Cx, f: &Found) -> (Vec<usize>, Vec<usize>) {
    // "undertook a mediation mission between Syria and Arafat": an act noun modifying a generic
    // one (mission, efforts, talks) is told by that phrase.
    let trig = if cx.dep(f.head) == "compound" && cx.is_noun(cx.head(f.head)) {
        cx.head(f.head)
    } else {
        f.head
    };
    let espionage = f.event_type == EventType::Espionage;
    let NounPhraseParties {
        mut sources,
        mut targets,
        mut sponsors,
        located,
    } = noun_phrase_parties(cx, f, trig);
    if targets.is_empty()
        && matches!(
            f.event_type,
            EventType::Assault | EventType::Espionage | EventType::Protest
        )
    {
        targets = located;
    }
    if sponsors.is_empty() && espionage {
        sponsors = espionage::sponsor_of_members(cx, trig);
    }
    if !sponsors.is_empty() {
        sources = sponsors;
    } else if espionage && espionage::is_bare_network(cx, f) {
        // A bare "network" is espionage only when someone runs it ("a network serving Russia").
        return (Vec::new(), Vec::new());
    }
    if f.event_type == EventType::Assault && targets.is_empty() {
        targets.extend(participle_targets(cx, trig));
    }
    if f.event_type == EventType::Assault && targets.is_empty() {
        // "a strike on a convoy in the Syrian town of Latakia": the state where it hit.
        targets.extend(struck_places(cx, trig));
    }
    if sources.is_empty() {
        sources.extend(by_phrase_of_object(cx, trig));
        targets.retain(|t| !sources.contains(t));
    }
    if sources.is_empty() && cx.dep(trig) == "nsubjpass" && !is_told(cx, cx.head(trig)) {
        // "The arrests were carried out by the army's intelligence directorate"; "the killing
        // was confirmed by Hezbollah" names who told it, not who did it.
        for k in cx.children_with(cx.head(trig), &["agent"]) {
            sources.extend(prep_objects(cx, k));
        }
    }
    if sources.is_empty() || espionage && targets.is_empty() {
        light_verb_parties(cx, f, trig, &mut sources, &mut targets);
    }
    (sources, targets)
}

/// What an act noun's own phrase names: possessors, compounds and adjectives, by- and
/// of-phrases, the phrases of a clause describing it.
#[derive(Default)]
struct NounPhraseParties {
    sources: Vec<usize>,
    targets: Vec<usize>,
    /// "an Iranian spy ring working for Israel": who runs it outranks who is in it.
    sponsors: Vec<usize>,
    /// Where it happened: a target only when nothing else is.
    located: Vec<usize>,
}

fn noun_phrase_parties(cx: &Cx, f: &Found, trig: usize) -> NounPhraseParties {
    let mut p = NounPhraseParties::default();
    let espionage = f.event_type == EventType::Espionage;
    let reach = Counterpart::of(f.event_type, f.frame);
    // "at Israel's request", "Iran's criticism": a verbal act told as a noun is reported only
    // when someone makes it ("issued a demand", "voiced criticism").
    let verbal = f.origin == Origin::ActNoun && !f.event_type.is_material();
    for k in cx.children(trig) {
        match (cx.dep(k), cx.lower(k)) {
            ("poss" | "compound" | "amod" | "nmod", _) => {
                let Some(e) = cx.entity_at(k).or_else(|| pronoun_antecedent(cx, k)) else {
                    continue;
                };
                if cx.kind(e) == EntityKind::Loc {
                    continue;
                }
                // "West Bank bombings", "Gaza strikes": a place named before the act is where it
                // happened (a state's name or demonym there is its author: "Israeli strikes").
                if cx.dep(k) == "compound"
                    && !cx.adjectival_at(k)
                    && cx.kind(e) == EntityKind::Gpe
                    && !cx.is_state(e)
                {
                    p.located.push(e);
                } else if is_anti(cx, k) {
                    p.targets.push(e);
                } else if !verbal {
                    p.sources.push(e);
                }
            }
            ("prep", "by") if !verbal => p.sources.extend(prep_objects(cx, k)),
            // "the visit of Russian Defence Minister Sergei Shoigu": the visitor.
            ("prep", "of") if words().visit_nouns.has(cx.lower(trig), cx.lemma(trig)) => {
                p.sources.extend(prep_objects(cx, k))
            }
            // "with the support of Jordan and the EU": the helpers.
            ("prep", "of") if is_help_received(cx, trig, f.event_type) => {
                p.sources.extend(prep_objects(cx, k))
            }
            ("prep", "between" | "among") => {
                let both = prep_objects(cx, k);
                if let Some((first, rest)) = both.split_first() {
                    p.sources.push(*first);
                    p.targets.extend_from_slice(rest);
                }
            }
            ("prep", "for") if espionage => p.sponsors.extend(prep_objects(cx, k)),
            // Where an attack happened names its target only when nothing else does.
            ("prep", "in") => p.located.extend(prep_targets(cx, k, reach)),
            (
                "prep",
                "with" | "against" | "on" | "of" | "to" | "into" | "for" | "from" | "targeting",
            ) => p.targets.extend(prep_targets(cx, k, reach)),
            ("acl", _) => describing_clause_parties(cx, k, espionage, &mut p),
            _ => {}
        }
    }
    p
}

/// "a spy ring run by Israel's Mossad", "a network working for / serving Russia", "an attack
/// targeting Israel".
fn describing_clause_parties(cx: &Cx, clause: usize, espionage: bool, p: &mut NounPhraseParties) {
    for g in cx.children(clause) {
        match (cx.dep(g), cx.lower(g)) {
            ("agent", _) => p.sponsors.extend(prep_objects(cx, g)),
            ("prep", "for") if espionage => p.sponsors.extend(prep_objects(cx, g)),
            ("dobj", _) if espionage => p.sponsors.extend(np_entities(cx, g)),
            ("prep", "against" | "on" | "targeting") => p.targets.extend(prep_objects(cx, g)),
            ("dobj", _) if cx.tag(clause) == "VBG" => p.targets.extend(np_entities(cx, g)),
            _ => {}
        }
    }
}

/// "launched an attack … targeting Israel": the target hangs on the light verb.
fn participle_targets(cx: &Cx, trig: usize) -> Vec<usize> {
    let Some(verb) = light_verb(cx, trig) else {
        return Vec::new();
    };
    cx.children_with(verb, &["advcl", "xcomp"])
        .into_iter()
        .filter(|&k| cx.tag(k) == "VBG" && words().hostile_participles.contains(cx.lemma(k)))
        .flat_map(|k| cx.children_with(k, &["dobj"]))
        .flat_map(|g| np_entities(cx, g))
        .collect()
}

/// "the arrest of 12 suspects by MIT": the parser often hangs the by-phrase on the object
/// instead of the act.
fn by_phrase_of_object(cx: &Cx, trig: usize) -> Vec<usize> {
    cx.prep_objects_of(trig, "of")
        .into_iter()
        .flat_map(|o| cx.children_with(o, &["prep"]))
        .filter(|&b| cx.lower(b) == "by")
        .flat_map(|b| prep_objects(cx, b))
        .collect()
}

/// A noun trigger that is the object of a light verb ("signed a pact", "held talks", "launched
/// an attack") takes the verb's subject as its source, and the counterpart hung on the verb.
fn light_verb_parties(
    cx: &Cx,
    f: &Found,
    trig: usize,
    sources: &mut Vec<usize>,
    targets: &mut Vec<usize>,
) {
    let espionage = f.event_type == EventType::Espionage;
    // "Turkey rolled up spy rings": who arrests a network is its victim, never its spy.
    let caught = espionage
        && light_verb_any(cx, trig)
            .is_some_and(|v| is_arrest_verb(cx.lemma(v)) || is_foiling(cx, v));
    // The light verb must govern the noun directly ("signed a pact", "held talks with";
    // "opened the door to negotiations" is not one).
    let direct = light_verb(cx, trig).is_some() || caught;
    let Some((verb, subjects)) =
        governing_subjects(cx, trig).filter(|_| direct || espionage && !sources.is_empty())
    else {
        return;
    };
    if sources.is_empty() && caught {
        *targets = subjects.into_iter().map(|e| cx.state_of(e)).collect();
    } else if sources.is_empty() {
        *sources = subjects;
        if targets.is_empty() {
            // "held talks with X", "imposed sanctions on X", "launched an attack against X".
            let reach = Counterpart::of(f.event_type, f.frame);
            for k in cx.children_with(verb, &["prep", "dative"]) {
                let partner = matches!(cx.lower(k), "with" | "between" | "to");
                let acted_on = matches!(cx.lower(k), "on" | "against" | "to");
                if partner && f.frame == Frame::Mutual || acted_on && f.frame != Frame::Mutual {
                    targets.extend(prep_targets(cx, k, reach));
                }
            }
            targets.retain(|t| !sources.contains(t));
        }
    } else {
        // "Turkey detained a spy ring run by Israel": spied on the state that caught it.
        *targets = subjects.into_iter().map(|e| cx.state_of(e)).collect();
    }
}

/// "with the support of X", "with the help of X": help the act received, whose helpers are the
/// of-phrase.
fn is_help_received(cx: &Cx, noun: usize, event_type: EventType) -> bool {
    matches!(
        event_type,
        EventType::Support | EventType::Aid | EventType::Cooperate
    ) && cx.dep(noun) == "pobj"
        && cx.lower(cx.head(noun)) == "with"
}

/// Is the verb one of telling or knowing ("confirmed", "reported", "commented")?
fn is_told(cx: &Cx, verb: usize) -> bool {
    let w = words();
    [
        &w.reporting_verbs,
        &w.publishing_verbs,
        &w.non_factive_verbs,
    ]
    .iter()
    .any(|list| list.contains(cx.lemma(verb)))
}

/// A verb: its subject acts (the agent of a passive), its objects and phrases are acted on.
fn verb_args(cx: &Cx, f: &Found) -> (Vec<usize>, Vec<usize>) {
    let trig = f.head;
    let kids = cx.children(trig);
    let mut sources;
    let mut targets = Vec::new();
    let espionage = f.event_type == EventType::Espionage;
    let reach = Counterpart::of(f.event_type, f.frame);
    let (subj, passive_subj) = verb_subjects(cx, trig);
    let mut agent = Vec::new();
    let mut sponsor = Vec::new();
    // A phrase trigger ("held talks") also takes the phrases attached to its last word.
    let mut kids = kids;
    for extra in f.first + 1..=f.last {
        kids.extend(
            cx.children(extra)
                .into_iter()
                .filter(|&k| cx.dep(k) == "prep"),
        );
    }
    // "passed information to Israel": the one the secrets go to runs the spy.
    let leaking = espionage && words().leaking_verbs.contains(cx.lemma(trig));
    for &k in &kids {
        match (cx.dep(k), cx.lower(k)) {
            ("prep" | "dative", "to") if leaking => sponsor.extend(
                prep_objects(cx, k)
                    .into_iter()
                    .filter(|&e| !cx.is_outlet(e)),
            ),
            // "providing intelligence to Macedonia": the parser's dative may be the preposition.
            ("dative", "to") => targets.extend(prep_targets(cx, k, reach)),
            // "offered its troops to Lebanon": the subject's own things name no counterpart.
            ("dobj" | "dative", _) => targets.extend(
                object_entities(cx, k, reach)
                    .into_iter()
                    .filter(|e| !subj.contains(e)),
            ),
            ("agent", _) => agent.extend(prep_objects(cx, k)),
            ("prep", "for") if espionage => sponsor.extend(prep_objects(cx, k)),
            // "arrived in Amman on a visit": a visit is to the state of the place reached.
            ("prep", "in")
                if f.event_type == EventType::Consult
                    && words().travel_verbs.contains(cx.lemma(trig)) =>
            {
                targets.extend(prep_targets(cx, k, reach))
            }
            // "met in Abu Dhabi" names a place, not a party; "strikes in Syria" hit Syria.
            ("prep", "in")
                if !matches!(
                    f.event_type,
                    EventType::Assault | EventType::Espionage | EventType::Protest
                ) => {}
            // "cooperate against the PKK": the PKK is the common enemy, not a partner.
            ("prep", "against") if f.frame == Frame::Mutual => {}
            // "held talks with A … and later with B", "spoke with the director of Israel's
            // Mossad and with Qatar's prime minister": every partner.
            ("prep", "with") if f.frame == Frame::Mutual => {
                for p in std::iter::once(k).chain(cx.children_with(k, &["conj"])) {
                    targets.extend(prep_targets(cx, p, Counterpart::Partner));
                }
            }
            // "agreed on a project", "share intelligence on ISIS": a joint act's topic.
            ("prep", "on" | "about" | "over") if f.frame == Frame::Mutual => {}
            // "dismissed the claim as Kremlin disinformation": a characterisation, not a party.
            ("prep", "as") if f.event_type == EventType::Reject => {}
            (
                "prep",
                "with" | "against" | "on" | "to" | "into" | "for" | "from" | "upon" | "in" | "as",
            ) if targets.is_empty() => targets.extend(prep_targets(cx, k, reach)),
            _ => {}
        }
    }
    if targets.is_empty() {
        targets = object_phrase_counterparts(cx, f, &subj);
    }
    if passive_subj {
        // "X was arrested by Y": the agent acts on the subject.
        targets = [subj, targets].concat();
        sources = agent;
        if sources.is_empty() && f.event_type == EventType::Coerce {
            // "Four citizens were arrested in Baku": arrests without a named agent are the
            // doing of the state where they happen — the one named here, or the story's.
            sources = location_state(cx, &kids)
                .or_else(|| cx.main_state())
                .into_iter()
                .collect();
        }
    } else {
        sources = subj;
    }
    if !sponsor.is_empty() {
        // "spying for the Mossad": the sponsor is the spy in the answer keys' sense.
        sources = sponsor;
    } else if leaking {
        // Secrets handed to no named service or state are no espionage we can code.
        sources.clear();
    }
    if espionage && targets.is_empty() {
        // "arrested a soldier on suspicion of handing positions to Azerbaijan": the arrester's
        // state was spied on.
        targets = espionage::arresting_states(cx, trig);
        targets.retain(|t| !sources.contains(t));
    }
    if espionage && targets.is_empty() {
        if let Some((_, subjects)) = governing_subjects(cx, trig) {
            targets = subjects
                .into_iter()
                .map(|e| cx.state_of(e))
                .filter(|t| !sources.contains(t))
                .collect();
        }
    }
    (sources, targets)
}

/// The counterpart named inside a verb's object or complement rather than by it: "commended the
/// contact between the services of Israel and Turkey", "signed an agreement with Iraq",
/// "threatened to strike Iran".
fn object_phrase_counterparts(cx: &Cx, f: &Found, subj: &[usize]) -> Vec<usize> {
    let mut targets = Vec::new();
    for k in cx.children(f.head) {
        match cx.dep(k) {
            "dobj"
                if matches!(
                    f.event_type,
                    EventType::Support | EventType::Accuse | EventType::Reject
                ) && np_entities(cx, k).is_empty()
                    // ("backing opponents of Assad" is no support for Assad.)
                    && !words().opposing_nouns.has(cx.lower(k), cx.lemma(k)) =>
            {
                targets.extend(abstract_object_counterparts(cx, k, subj));
            }
            // "signed an agreement with Iraq": the partner hangs on the object.
            "dobj" if f.frame == Frame::Mutual => {
                for g in cx.children_with(k, &["prep"]) {
                    if matches!(cx.lower(g), "with" | "between") {
                        targets.extend(prep_objects(cx, g));
                    }
                }
            }
            // "threatened to strike Iran", "urged Baku to expel": the act's object.
            "xcomp" | "ccomp"
                if matches!(
                    f.event_type,
                    EventType::Threaten | EventType::Request | EventType::Accuse
                ) =>
            {
                for g in cx.children(k) {
                    match cx.dep(g) {
                        "dobj" => targets.extend(np_entities(cx, g)),
                        "prep" if matches!(cx.lower(g), "on" | "against" | "to") => {
                            targets.extend(prep_objects(cx, g))
                        }
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }
    targets
}

/// "praised the cooperation with Ankara": an act's abstract object names the counterpart in its
/// with/between/of/to phrases, however deep (the actor's own state aside).
fn abstract_object_counterparts(cx: &Cx, object: usize, subj: &[usize]) -> Vec<usize> {
    let own: Vec<usize> = subj.iter().map(|&e| cx.state_of(e)).collect();
    let mut out = Vec::new();
    let mut stack = vec![object];
    let mut steps = 0;
    while let Some(h) = stack.pop() {
        steps += 1;
        if steps > 12 {
            break;
        }
        for g in cx.children_with(h, &["prep"]) {
            if !matches!(cx.lower(g), "with" | "between" | "of" | "to") {
                continue;
            }
            for o in cx.children_with(g, &["pobj"]) {
                let found = np_entities(cx, o);
                if found.is_empty() {
                    stack.push(o);
                }
                out.extend(
                    found
                        .into_iter()
                        .filter(|e| !own.contains(e) && !subj.contains(e)),
                );
            }
        }
    }
    out
}

/// Named actors that are themselves the object of an act against people: the object's own
/// mention, or those listed with "including".
pub(crate) fn direct_objects(cx: &Cx, trig: usize) -> Vec<usize> {
    let mut heads: Vec<usize> = cx
        .children(trig)
        .into_iter()
        .filter(|&k| matches!(cx.dep(k), "dobj" | "nsubjpass"))
        .collect();
    // "arrested 22 officers from the Revolutionary Guards", with "from" attached to the verb.
    heads.extend(
        cx.children(trig)
            .into_iter()
            .filter(|&k| cx.dep(k) == "prep" && cx.lower(k) == "from")
            .flat_map(|k| cx.children(k))
            .filter(|&g| {
                cx.dep(g) == "pobj"
                    && cx
                        .entity_at(g)
                        .is_some_and(|e| cx.kind(e) == EntityKind::Org)
            }),
    );
    if cx.is_noun(trig) {
        heads.extend(
            cx.children(trig)
                .into_iter()
                .filter(|&k| cx.dep(k) == "prep" && cx.lower(k) == "of")
                .flat_map(|k| cx.children(k))
                .filter(|&g| cx.dep(g) == "pobj"),
        );
    }
    // "22 officers from the Revolutionary Guards", "members of the IPA": the group they belong to
    // ("residents of Haifa" name a place instead).
    let groups: Vec<usize> = heads
        .iter()
        .filter(|&&h| {
            cx.entity_at(h).is_none() && !words().residence_nouns.has(cx.lower(h), cx.lemma(h))
        })
        .flat_map(|&h| cx.children(h))
        .filter(|&k| cx.dep(k) == "prep" && matches!(cx.lower(k), "of" | "from"))
        .flat_map(|k| cx.children(k))
        .filter(|&g| cx.dep(g) == "pobj")
        .collect();
    heads.extend(groups);
    let mut out = Vec::new();
    for h in heads {
        let mut members = vec![h];
        members.extend(cx.children(h).into_iter().filter(|&k| cx.dep(k) == "conj"));
        for k in cx.children(h) {
            if cx.dep(k) == "prep" && cx.lower(k) == "including" {
                for g in cx.children(k) {
                    if cx.dep(g) == "pobj" {
                        members.push(g);
                        members.extend(cx.children(g).into_iter().filter(|&c| cx.dep(c) == "conj"));
                    }
                }
            }
        }
        for m in members {
            if let Some(e) = cx.entity_at(m) {
                if !cx.doc().mentions[cx.mention_at(m).unwrap()].adjectival && !out.contains(&e) {
                    out.push(e);
                }
            }
        }
    }
    out
}

/// The places the crowd acting is said to be of or in.
fn crowd_places(cx: &Cx, f: &Found) -> Vec<usize> {
    let verb = if f.noun { cx.head(f.head) } else { f.head };
    let w = words();
    let mut out = Vec::new();
    for subject in cx.children_with(verb, &["nsubj"]) {
        let people = if agents::is_people(cx, subject) {
            Some(subject)
        } else {
            cx.prep_objects_of(subject, "of")
                .into_iter()
                .find(|&p| agents::is_people(cx, p))
        };
        let Some(people) = people else { continue };
        for k in cx.children_with(people, &["prep"]) {
            if w.locative_preps.contains(cx.lower(k)) {
                out.extend(
                    prep_objects(cx, k)
                        .into_iter()
                        .map(|e| cx.state_of(cx.actor_for_event(e))),
                );
            }
        }
        if out.is_empty() {
            // "Prisoners rioted at a jail in East Timor's capital Dili": where they acted.
            out.extend(struck_places(cx, verb));
        }
    }
    // A crowd is of a country; a province or a town that stands for none is no actor.
    out.retain(|&e| cx.is_state(e));
    out
}

/// A passive verb with no by-agent ("were detained in Izmir").
fn agentless_passive(cx: &Cx, verb: usize) -> bool {
    let (_, passive) = verb_subjects(cx, verb);
    passive && cx.children_with(verb, &["agent"]).is_empty()
}

/// The state of a place named in an "in X" phrase of the trigger.
fn location_state(cx: &Cx, kids: &[usize]) -> Option<usize> {
    for &k in kids {
        if cx.dep(k) == "prep" && cx.lower(k) == "in" {
            for g in cx.children(k) {
                if let Some(e) = cx.entity_at(g) {
                    if cx.kind(e) == EntityKind::Gpe {
                        return Some(cx.state_of(cx.actor_for_event(e)));
                    }
                }
            }
        }
    }
    None
}

/// The verb a noun trigger is the object, attribute or prepositional object of — one that does
/// the act ("carried out the arrests"), not one that talks about it ("commented on the killing").
pub(crate) fn light_verb(cx: &Cx, noun: usize) -> Option<usize> {
    let v = light_verb_any(cx, noun)?;
    let w = words();
    // One who talks about an act, stops it, or faces it does not do it ("commented on the
    // killing", "thwarted 150 attacks", "posed a threat").
    let not_doing = [
        &w.non_factive_verbs,
        &w.topic_verbs,
        &w.judging_verbs,
        &w.foiling_verbs,
        &w.preventing_verbs,
        &w.stative_light_verbs,
    ]
    .iter()
    .any(|list| list.has(cx.lower(v), cx.lemma(v)))
        // ("arrested … bombings": people are arrested for acts they did, not by the arrester.)
        || is_arrest_verb(cx.lemma(v));
    (!not_doing).then_some(v)
}

pub(crate) fn light_verb_any(cx: &Cx, noun: usize) -> Option<usize> {
    let head = cx.head(noun);
    match cx.dep(noun) {
        "dobj" | "attr" | "nsubjpass" | "oprd" if cx.is_verb(head) => Some(head),
        "pobj" => {
            let up = cx.head(head);
            // "opened the door to negotiations": a goal, not the act done.
            if cx.dep(head) != "prep" || matches!(cx.lower(head), "to" | "towards" | "toward") {
                None
            } else if cx.lower(head) == "for"
                && cx.is_noun(up)
                && words().responsibility_nouns.contains(cx.lemma(up))
            {
                // "claimed responsibility for the attack": who claims it did it.
                light_verb_any(cx, up)
            } else if cx.is_verb(up) {
                Some(up)
            } else if cx.lower(head) == "of" && cx.is_noun(up) && up != noun {
                // "announced the restart of defence ties", "held a round of talks"
                light_verb_any(cx, up)
            } else {
                None
            }
        }
        "conj" => light_verb_any(cx, head),
        _ => None,
    }
}

/// The states of places named in "in …"/"on …" phrases of an attack (through "of" and demonyms).
fn struck_places(cx: &Cx, trig: usize) -> Vec<usize> {
    let mut out = Vec::new();
    let mut stack: Vec<usize> = cx
        .children(trig)
        .into_iter()
        .filter(|&k| cx.dep(k) == "prep" && matches!(cx.lower(k), "in" | "on" | "near"))
        .collect();
    let mut seen = 0;
    while let Some(k) = stack.pop() {
        seen += 1;
        if seen > 20 {
            break;
        }
        for g in cx.children(k) {
            let e = cx.entity_at(g).filter(|&e| cx.kind(e) == EntityKind::Gpe);
            let is_place = words().place_nouns.has(cx.lower(g), cx.lemma(g));
            if let Some(e) = e {
                let st = cx.state_of(cx.actor_for_event(e));
                if !out.contains(&st) {
                    out.push(st);
                }
            }
            if matches!(cx.dep(g), "pobj" | "prep") || is_place && cx.dep(g) == "amod" {
                stack.push(g);
            }
            if is_place {
                for a in cx.children(g) {
                    if cx.dep(a) == "amod" {
                        if let Some(e) = cx.entity_at(a) {
                            let st = cx.state_of(cx.actor_for_event(e));
                            if cx.kind(st) == EntityKind::Gpe && !out.contains(&st) {
                                out.push(st);
                            }
                        }
                    }
                }
            }
        }
    }
    out.truncate(1);
    out
}
