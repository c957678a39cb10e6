//! The event trigger lexicon: words and phrases that state an act, with their PLOVER type and
//! mode. Verbs are listed by base form and expanded to their inflections; nouns by singular.

/// How a trigger's arguments are laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Frame {
    /// "A verbs B": subject acts on object.
    Transitive,
    /// "A and B agreed", "talks between A and B", "A met with B": both sides act together.
    Mutual,
    /// An act against unnamed people ("arrested seven suspects"): no target unless named.
    AgainstPeople,
}

pub struct Trigger {
    pub words: &'static [&'static str],
    pub noun: bool,
    pub event_type: &'static str,
    pub mode: Option<&'static str>,
    pub frame: Frame,
    /// When non-empty, the verb counts only with one of these nouns as its object
    /// ("uncovered a spy network" is a coercive act; "uncovered the truth" is not).
    pub objects: &'static [&'static str],
}

macro_rules! verbs {
    ($t:expr, $m:expr, $f:expr, [$($w:expr),*]) => { Trigger { words: &[$($w),*], noun: false, event_type: $t, mode: $m, frame: $f, objects: &[] } };
    ($t:expr, $m:expr, $f:expr, [$($w:expr),*], objects [$o:expr]) => { Trigger { words: &[$($w),*], noun: false, event_type: $t, mode: $m, frame: $f, objects: $o } };
}
macro_rules! nouns {
    ($t:expr, $m:expr, $f:expr, [$($w:expr),*]) => { Trigger { words: &[$($w),*], noun: true, event_type: $t, mode: $m, frame: $f, objects: &[] } };
}

use Frame::*;

/// Nouns for places and facilities: after a name they make it a place ("Vaziani military base",
/// "the town of Sandakan"); a demonym on one names the state the place belongs to.
#[rustfmt::skip]
pub const PLACE_NOUNS: &[&str] = &[
    "town", "city", "village", "province", "region", "area", "port", "base", "airbase", "airport", "border",
    "territory", "coast", "capital", "district", "camp", "facility", "facilities", "site", "sites", "crossing",
    "terminal", "river", "valley", "prison", "harbour", "harbor", "strait", "governorate", "county", "mountains",
    "desert", "plain", "checkpoint", "refinery", "plant", "field",
];

/// Objects that make "uncover", "bust" or "foil" a coercive act against a clandestine group.
const CLANDESTINE: &[&str] = &[
    "network",
    "networks",
    "ring",
    "rings",
    "cell",
    "cells",
    "gang",
    "plot",
    "plots",
    "spy",
    "spies",
    "agents",
    "operatives",
    "members",
];

/// Diplomats whose summoning is a protest to the state they represent.
const ENVOYS: &[&str] = &[
    "ambassador",
    "ambassadors",
    "envoy",
    "envoys",
    "chargé",
    "charge",
    "d'affaires",
    "affaires",
    "diplomat",
    "diplomats",
    "attaché",
    "attache",
    "consul",
    "representative",
    "representatives",
];

/// Objects that make "send"/"deliver" an act of aid.
const AID_OBJECTS: &[&str] = &[
    "aid",
    "weapons",
    "arms",
    "assistance",
    "supplies",
    "ammunition",
    "equipment",
    "drones",
    "missiles",
    "money",
    "funds",
    "troops",
    "advisers",
    "advisors",
    "food",
    "fuel",
];

#[rustfmt::skip]
pub const TRIGGERS: &[Trigger] = &[
    verbs!("AGREE", None, Mutual, ["sign", "agree", "ratify", "conclude"]),
    nouns!("AGREE", None, Mutual, ["pact", "accord", "agreement", "deal", "memorandum", "treaty", "ceasefire", "truce"]),
    verbs!("CONSULT", Some("meet"), Mutual, ["meet", "visit", "host", "negotiate", "confer", "hold talks", "speak by phone", "speak by telephone", "speak on the phone", "talk by phone", "receive"]),
    nouns!("CONSULT", Some("meet"), Mutual, ["talks", "meeting", "visit", "discussions", "negotiations", "summit", "phone call", "telephone call", "phone conversation", "consultations"]),
    verbs!("COOPERATE", None, Mutual, ["cooperate", "collaborate", "coordinate", "work together", "partner", "share intelligence"]),
    nouns!("COOPERATE", None, Mutual, ["cooperation", "partnership", "collaboration", "coordination", "alliance", "security ties", "defense ties", "defence ties", "military ties", "intelligence ties", "intelligence sharing"]),
    verbs!("SUPPORT", None, Transitive, ["support", "back", "endorse", "praise", "commend", "welcome", "hail"]),
    nouns!("SUPPORT", None, Transitive, ["supporter", "backer", "backing", "support"]),
    verbs!("AID", None, Transitive, ["provide", "supply", "fund", "finance", "arm", "train", "equip", "aid", "assist"]),
    nouns!("AID", None, Transitive, ["aid", "assistance", "funding", "financing"]),
    verbs!("AID", None, Transitive, ["send", "deliver", "ship", "transfer", "donate"], objects [AID_OBJECTS]),
    verbs!("ACCUSE", None, Transitive, ["accuse", "blame", "condemn", "criticize", "criticise", "denounce"]),
    nouns!("ACCUSE", None, Transitive, ["accusation", "allegation", "condemnation"]),
    // Summoning a state's envoy is a formal protest to that state.
    verbs!("ACCUSE", Some("summon"), Transitive, ["summon"], objects [ENVOYS]),
    verbs!("ACCUSE", Some("charge"), AgainstPeople, ["charge", "indict"]),
    nouns!("ACCUSE", Some("charge"), AgainstPeople, ["charges", "indictment", "indictments"]),
    verbs!("REJECT", None, Transitive, ["reject", "refuse", "deny", "dismiss", "rebuff", "veto"]),
    nouns!("REJECT", None, Transitive, ["rejection", "denial", "refusal"]),
    verbs!("REQUEST", None, Transitive, ["ask", "urge", "demand", "request", "appeal", "call on", "call for"]),
    verbs!("THREATEN", None, Transitive, ["threaten", "warn"]),
    nouns!("THREATEN", None, Transitive, ["threat", "ultimatum", "warning"]),
    verbs!("PROTEST", None, Transitive, ["protest", "demonstrate", "rally"]),
    nouns!("PROTEST", None, Transitive, ["protest", "demonstration"]),
    verbs!("SANCTION", None, Transitive, ["sanction", "embargo", "boycott", "blacklist"]),
    nouns!("SANCTION", None, Transitive, ["sanctions", "embargo", "boycott"]),
    verbs!("MOBILIZE", None, Transitive, ["deploy", "mobilize", "mobilise"]),
    nouns!("MOBILIZE", None, Transitive, ["deployment", "mobilization", "mobilisation"]),
    verbs!("COERCE", Some("arrest"), AgainstPeople, ["arrest", "detain", "apprehend", "capture", "seize", "round up", "roll up", "jail", "imprison", "nab", "catch", "take into custody"]),
    nouns!("COERCE", Some("arrest"), AgainstPeople, ["arrest", "arrests", "detention", "detentions", "capture", "crackdown"]),
    verbs!("COERCE", Some("arrest"), AgainstPeople, ["uncover", "discover", "bust", "dismantle", "break up", "expose", "foil", "thwart"], objects [CLANDESTINE]),
    verbs!("COERCE", Some("expel"), AgainstPeople, ["expel", "deport", "extradite", "force"]),
    nouns!("COERCE", Some("expel"), AgainstPeople, ["expulsion", "deportation", "extradition"]),
    verbs!("COERCE", Some("convict"), AgainstPeople, ["sentence", "convict", "prosecute", "execute"]),
    nouns!("COERCE", Some("convict"), AgainstPeople, ["conviction", "persona non grata"]),
    verbs!("ASSAULT", Some("kill"), Transitive, ["kill", "assassinate", "eliminate", "murder", "neutralize", "neutralise", "shoot"]),
    nouns!("ASSAULT", Some("kill"), Transitive, ["assassination", "killing", "execution", "murder"]),
    verbs!("ASSAULT", Some("kidnap"), Transitive, ["kidnap", "abduct"]),
    nouns!("ASSAULT", Some("kidnap"), Transitive, ["kidnapping", "abduction"]),
    verbs!("ASSAULT", None, Transitive, ["attack", "strike", "bomb", "shell", "fight", "target", "invade", "raid", "clash", "blast", "blow up"]),
    nouns!("ASSAULT", None, Transitive, ["attack", "strike", "airstrike", "air strike", "bombing", "offensive", "assault", "invasion"]),
    verbs!("ESPIONAGE", None, Transitive, ["spy", "infiltrate", "penetrate", "recruit", "surveil", "eavesdrop", "wiretap"]),
    nouns!("ESPIONAGE", None, Transitive, ["espionage", "spying", "spy ring", "spy network", "spy cell", "surveillance", "spy operation", "espionage network"]),
    // A bare network is espionage only with a sponsor ("a network serving Russia"); see events.rs.
    nouns!("ESPIONAGE", None, Transitive, ["network", "ring", "cell"]),
    verbs!("RETREAT", None, Transitive, ["withdraw", "retreat", "pull out"]),
    nouns!("RETREAT", None, Transitive, ["withdrawal", "retreat"]),
    verbs!("CONCEDE", None, Transitive, ["release", "free", "pardon", "apologize", "apologise", "concede"]),
    nouns!("CONCEDE", None, Transitive, ["release", "apology", "pardon", "concession"]),
];

/// Irregular past forms and participles of trigger verbs.
const IRREGULAR: &[(&str, &[&str])] = &[
    ("meet", &["met"]),
    ("hold", &["held"]),
    ("fight", &["fought"]),
    ("catch", &["caught"]),
    ("shoot", &["shot"]),
    ("strike", &["struck", "stricken"]),
    ("take", &["took", "taken"]),
    ("withdraw", &["withdrew", "withdrawn"]),
    ("pull", &["pulled"]),
    ("seize", &["seized"]),
    ("spy", &["spied", "spies", "spying"]),
    ("ally", &["allied", "allies"]),
    ("deny", &["denied", "denies", "denying"]),
    ("arm", &["armed", "arming"]),
    ("shell", &["shelled", "shelling"]),
    ("bomb", &["bombed", "bombing"]),
    ("round", &["rounded"]),
    ("roll", &["rolled"]),
    ("work", &["worked"]),
    ("call", &["called"]),
    ("speak", &["spoke", "spoken"]),
    ("break", &["broke", "broken"]),
    ("talk", &["talked"]),
    ("blow", &["blew", "blown"]),
];

/// All written forms of an English verb: base, -s, -ed, -ing (with the usual spelling rules).
pub fn verb_forms(base: &str) -> Vec<String> {
    let mut out = vec![base.to_string()];
    if let Some((_, irr)) = IRREGULAR.iter().find(|(b, _)| *b == base) {
        out.extend(irr.iter().map(|s| s.to_string()));
    }
    let (stem_e, ends_e) = match base.strip_suffix('e') {
        Some(s) => (s.to_string(), true),
        None => (base.to_string(), false),
    };
    let last = base.chars().last().unwrap_or(' ');
    // Verbs that double their final consonant before -ed/-ing.
    let cvc = [
        "kidnap", "ban", "plan", "stop", "ship", "drop", "spot", "grab", "nab", "shop", "rob",
        "bar", "tap", "wiretap", "plot", "expel", "compel", "propel", "patrol", "control",
    ]
    .contains(&base);
    if base.ends_with('y')
        && !base.ends_with("ay")
        && !base.ends_with("ey")
        && !base.ends_with("oy")
    {
        let stem = &base[..base.len() - 1];
        out.push(format!("{stem}ies"));
        out.push(format!("{stem}ied"));
        out.push(format!("{base}ing"));
    } else if ends_e {
        out.push(format!("{base}s"));
        out.push(format!("{base}d"));
        out.push(format!("{stem_e}ing"));
    } else {
        let s = if base.ends_with('s')
            || base.ends_with("sh")
            || base.ends_with("ch")
            || last == 'x'
            || base.ends_with('z')
        {
            "es"
        } else {
            "s"
        };
        out.push(format!("{base}{s}"));
        if cvc {
            out.push(format!("{base}{last}ed"));
            out.push(format!("{base}{last}ing"));
        }
        out.push(format!("{base}ed"));
        out.push(format!("{base}ing"));
    }
    out
}

/// A trigger as it can be matched: the sequence of lower-cased word forms.
pub struct TriggerForm {
    pub words: Vec<String>,
    pub trigger: &'static Trigger,
}

/// Every matchable form of every trigger, longest first (so "spy ring" wins over "spy").
pub fn trigger_forms() -> Vec<TriggerForm> {
    let mut out = Vec::new();
    for t in TRIGGERS {
        for w in t.words {
            let parts: Vec<&str> = w.split(' ').collect();
            let heads: Vec<String> = if t.noun {
                let mut v = vec![parts[0].to_string()];
                if parts.len() == 1 && !parts[0].ends_with('s') {
                    v.push(format!("{}s", parts[0]));
                }
                v
            } else {
                verb_forms(parts[0])
            };
            for h in heads {
                let mut words = vec![h];
                words.extend(parts[1..].iter().map(|s| s.to_string()));
                if t.noun && parts.len() > 1 && !words.last().unwrap().ends_with('s') {
                    let mut plural = words.clone();
                    let last = plural.pop().unwrap();
                    plural.push(format!("{last}s"));
                    out.push(TriggerForm {
                        words: plural,
                        trigger: t,
                    });
                }
                out.push(TriggerForm { words, trigger: t });
            }
        }
    }
    out.sort_by_key(|f| std::cmp::Reverse(f.words.len()));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflections() {
        assert!(verb_forms("arrest").contains(&"arrested".to_string()));
        assert!(verb_forms("detain").contains(&"detaining".to_string()));
        assert!(verb_forms("sign").contains(&"signed".to_string()));
        assert!(verb_forms("spy").contains(&"spying".to_string()));
        assert!(verb_forms("agree").contains(&"agreed".to_string()));
        assert!(verb_forms("meet").contains(&"met".to_string()));
        assert!(verb_forms("kidnap").contains(&"kidnapped".to_string()));
        assert!(verb_forms("cooperate").contains(&"cooperating".to_string()));
        assert!(verb_forms("expel").contains(&"expelled".to_string()));
    }
}
