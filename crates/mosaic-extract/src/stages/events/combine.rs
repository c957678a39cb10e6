//! Verb–verb combinations, as PETRARCH defines them ("Combinations" and "Transformations" in its
//! dictionary documentation): a verb of stance over a clause codes one event of its own.
//!
//! - "A threatened to attack B" is a THREATEN by A; the attack is not coded.
//! - "A urged B to withdraw" is a REQUEST; "A refused to meet B" a REJECT.
//! - "A agreed to help B", "A is ready to contribute" are AGREE; the act agreed on is still
//!   coded, as planned (the answer keys' convention).
//! - "A said B must …" is a REQUEST to B; "A said it will help B" an AGREE, "… will attack B" a
//!   THREATEN, "… would not meet B's demands" a REJECT.

use mosaic_core::{EventMode, EventType};

use super::dictionary;
use super::lexicon::Frame;
use super::triggers::{Found, Origin};
use super::view::Cx;
use crate::words::words;

/// What a verb (or a predicate adjective) says about the clause it governs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Stance {
    /// "said", "announced", "declared": the clause is a statement.
    Say,
    /// "agreed", "offered", "is ready": the clause is a commitment.
    Intent,
    /// "urged", "asked", "demanded".
    Request,
    /// "refused", "is opposed".
    Refuse,
    /// "threatened", "warned".
    Threaten,
}

/// Rewrites the sentence's triggers where a verb of stance governs a clause: the stance verb
/// carries the combined event, and the clause's own act is dropped where it does not happen.
pub(crate) fn apply(cx: &Cx, found: &mut Vec<Found>) {
    if !cx.parsed() {
        return;
    }
    // A clause already combined into the one above it is not a stance of its own ("said the US
    // must be ready to mediate": one demand, not also an offer to mediate).
    let mut consumed: Vec<usize> = Vec::new();
    for u in cx.range.clone() {
        if consumed.contains(&u) {
            continue;
        }
        let Some((stance, lower)) = stance_over_clause(cx, u, found) else {
            continue;
        };
        if stance == Stance::Threaten && warns_of_others(cx, u, lower) {
            // "warned Moscow that extremists were planning an attack", "warned that the Islamic
            // State would exploit any vacuum": a warning about what others may do threatens no
            // one.
            found.retain(|f| f.head != u || f.noun);
            consumed.push(lower);
            continue;
        }
        let lower_type = act_of_clause(cx, lower, found);
        let Some(Combined {
            event_type,
            cameo,
            mode,
        }) = combined(cx, u, stance, lower, lower_type)
        else {
            continue;
        };
        consumed.push(lower);
        // "undertook to stop cooperating": a commitment's act is still coded, as planned (the
        // answer keys' convention); what is agreed, asked, refused or threatened is not ("agreed
        // to coordinate the extradition of suspects", "urged Riyadh to obtain commitments before
        // making concessions").
        let keep_lower = stance == Stance::Intent
            && event_type == EventType::Agree
            && words().intent_verbs.contains(cx.lemma(u));
        if !keep_lower {
            // (A statement's clause keeps its act nouns: "said Egypt will host a meeting with
            // Qatar" still tells the meeting.)
            let drops_content = stance != Stance::Say;
            found.retain(|f| {
                f.head != lower || f.noun && !(drops_content && is_content(cx, f.head, lower))
            });
            if drops_content {
                // ("agreed to set up a centre to fight ISIS": the fighting is what is agreed.)
                found.retain(|f| !is_content(cx, f.head, lower));
            }
        }
        let words = format!("{} {}", cx.lemma(u), cx.lemma(lower));
        match found.iter_mut().find(|f| f.head == u && !f.noun) {
            Some(f) => {
                if f.event_type != event_type || f.cameo.is_none() {
                    f.cameo = Some(cameo.to_string());
                }
                f.event_type = event_type;
                f.mode = mode;
                f.lower = Some(lower);
                f.origin = Origin::Combination;
                f.words = words;
            }
            None => found.push(Found {
                first: u,
                last: u,
                head: u,
                noun: false,
                event_type,
                mode,
                frame: if event_type == EventType::Agree {
                    Frame::Mutual
                } else {
                    Frame::Transitive
                },
                cameo: Some(cameo.to_string()),
                words,
                origin: Origin::Combination,
                source_at: None,
                target_at: None,
                lower: Some(lower),
            }),
        }
    }
    found.sort_by_key(|f| f.first);
}

/// The act a clause states: its verb's trigger, else an act noun it takes as object ("to impose
/// sanctions", "to hold talks").
fn act_of_clause(cx: &Cx, lower: usize, found: &[Found]) -> Option<EventType> {
    found
        .iter()
        .find(|f| f.head == lower && !f.noun)
        .or_else(|| {
            let objects = cx.children_with(lower, &["dobj"]);
            found.iter().find(|f| f.noun && objects.contains(&f.head))
        })
        .map(|f| f.event_type)
}

/// The stance of token `u` and the verb of the clause it governs, when it has both.
fn stance_over_clause(cx: &Cx, u: usize, found: &[Found]) -> Option<(Stance, usize)> {
    let w = words();
    if !cx.is_verb(u) {
        return None;
    }
    // "is ready to contribute", "is opposed to …": a predicate adjective with its own clause.
    for adj in cx.children_with(u, &["acomp"]) {
        let stance = if w.intent_adjectives.contains(cx.lower(adj)) {
            Stance::Intent
        } else if w.refusal_adjectives.contains(cx.lower(adj)) {
            Stance::Refuse
        } else {
            continue;
        };
        if let Some(lower) = clause_verb(cx, adj) {
            return Some((stance, lower));
        }
        if stance == Stance::Refuse {
            // "is opposed to French mediation": the refusal of a thing; its author is rejected.
            if let Some(object) = cx.prep_objects_of(adj, "to").into_iter().next() {
                return Some((stance, object));
            }
        }
    }
    // "is prepared to impose martial law", parsed as a passive verb.
    if cx.lemma(u) == "prepare"
        && cx.tag(u) == "VBN"
        && !cx.children_with(u, &["auxpass", "aux"]).is_empty()
    {
        if let Some(lower) = clause_verb(cx, u) {
            return Some((Stance::Intent, lower));
        }
    }
    // "issued a stern reminder to Iraq that it must cooperate", "insisted on its demands that
    // Burundi's government grant …": a noun of saying carries the clause, unless the verb has a
    // stance of its own ("warned in a statement that …").
    // "accepted demands … that it initiate reforms" yields to the demand: the verb's own act.
    let own_act = found
        .iter()
        .find(|f| f.head == u && !f.noun)
        .map(|f| f.event_type);
    if let Some((noun, lower)) = saying_noun_clause(cx, u) {
        let stance = if let Some(own) = own_act {
            match own {
                EventType::Threaten => Stance::Threaten,
                EventType::Request => Stance::Request,
                _ => return None,
            }
        } else if w.threat_nouns.contains(cx.lemma(noun)) {
            Stance::Threaten
        } else if w.demand_nouns.contains(cx.lemma(noun)) {
            Stance::Request
        } else {
            Stance::Say
        };
        return Some((stance, lower));
    }
    let lower = clause_verb(cx, u)?;
    let own = found.iter().find(|f| f.head == u && !f.noun);
    let lexical = own.is_some_and(|f| f.origin == Origin::Lexicon);
    let stance = match own.map(|f| f.event_type) {
        // A commitment: Mosaic's agreement verbs, or a verb of commitment ("offered to",
        // "pledged to"); not a mere wish or plan ("wants to", "plans to").
        _ if w.intent_verbs.contains(cx.lemma(u)) => Stance::Intent,
        // "pressured workers to cancel the strike", "pushed Baku to expel" (CAMEO codes some of
        // them as coercion).
        _ if w.urging_verbs.contains(cx.lemma(u)) => Stance::Request,
        Some(EventType::Agree) if lexical => Stance::Intent,
        Some(EventType::Request) => Stance::Request,
        Some(EventType::Threaten) => Stance::Threaten,
        // "refused to meet"; "denied recruiting" denies a claim instead (see `denials`), and
        // "failed to protect" refuses nothing.
        Some(EventType::Reject) if lexical && !w.denial_verbs.contains(cx.lemma(u)) => {
            Stance::Refuse
        }
        Some(_) => return None,
        None if w.reporting_verbs.contains(cx.lemma(u)) || is_statement(cx, u) => Stance::Say,
        None => return None,
    };
    Some((stance, lower))
}

/// A noun of saying that is the verb's object ("issued a reminder that …", "insisted on its
/// demands that …"), with the verb of the clause it carries.
fn saying_noun_clause(cx: &Cx, u: usize) -> Option<(usize, usize)> {
    let mut nouns = cx.children_with(u, &["dobj"]);
    for p in cx.children_with(u, &["prep"]) {
        nouns.extend(cx.children_with(p, &["pobj"]));
    }
    nouns.into_iter().find_map(|n| {
        if !words().saying_nouns.contains(cx.lemma(n)) {
            return None;
        }
        cx.children_with(n, &["acl", "ccomp", "relcl"])
            .into_iter()
            .find(|&c| {
                cx.is_verb(c)
                    && cx
                        .children_with(c, &["mark"])
                        .into_iter()
                        .any(|m| cx.lower(m) == "that")
            })
            .map(|c| (n, c))
    })
}

/// Does the dictionary code this verb as a public statement (CAMEO 01: "announced", "declared",
/// "reiterated")?
fn is_statement(cx: &Cx, u: usize) -> bool {
    dictionary::code_verb(cx, u)
        .and_then(|c| c.forward)
        .is_some_and(|c| c.root() == 1)
}

/// The verb of the clause `u` governs: its open (`xcomp`) or closed (`ccomp`) complement.
fn clause_verb(cx: &Cx, u: usize) -> Option<usize> {
    cx.children_with(u, &["xcomp", "ccomp"])
        .into_iter()
        .find(|&c| cx.is_verb(c))
}

/// The event a stance verb and its clause code together.
struct Combined {
    event_type: EventType,
    cameo: &'static str,
    mode: Option<EventMode>,
}

impl Combined {
    fn of(event_type: EventType, cameo: &'static str) -> Option<Combined> {
        Some(Combined {
            event_type,
            cameo,
            mode: None,
        })
    }
}

/// The combined event, or `None` when the clause stays an event of its own ("X said Y attacked
/// Z", "Iran planned to kidnap …").
fn combined(
    cx: &Cx,
    u: usize,
    stance: Stance,
    lower: usize,
    lower_type: Option<EventType>,
) -> Option<Combined> {
    let w = words();
    let modal = |list: &crate::words::WordList| {
        cx.children_with(lower, &["aux"])
            .into_iter()
            .any(|a| list.contains(cx.lower(a)))
    };
    let negated = !cx.children_with(lower, &["neg"]).is_empty();
    match stance {
        // "ordered four Iranian diplomats to leave the country": an expulsion.
        Stance::Request if w.departure_verbs.contains(cx.lemma(lower)) => Some(Combined {
            event_type: EventType::Coerce,
            cameo: "174",
            mode: Some(EventMode::Expel),
        }),
        // "ordered the newspaper La Prensa to suspend publication": a restriction imposed.
        Stance::Request
            if w.commanding_verbs.contains(cx.lemma(u))
                && w.cessation_verbs.contains(cx.lemma(lower)) =>
        {
            Combined::of(EventType::Coerce, "172")
        }
        Stance::Request => Combined::of(EventType::Request, "020"),
        Stance::Refuse => Combined::of(EventType::Reject, "120"),
        Stance::Threaten => Combined::of(EventType::Threaten, "130"),
        Stance::Intent => match lower_type {
            // A declared intent to harm is a threat ("announced it is prepared to impose martial
            // law"); an intent only narrated ("Iran planned to kidnap") is the act, planned.
            Some(t) if t.is_hostile() && t != EventType::Reject && !agrees(cx, u) => {
                declared(cx, u).then_some(())?;
                Combined::of(EventType::Threaten, "130")
            }
            _ => Combined::of(EventType::Agree, "030"),
        },
        Stance::Say if modal(&w.obligation_modals) => Combined::of(EventType::Request, "100"),
        // "said the American strikes will not go unanswered" commits no one: a speaker promises
        // or threatens its own acts.
        Stance::Say if modal(&w.future_modals) && !acts_for_itself(cx, lower) => None,
        Stance::Say if modal(&w.future_modals) => match lower_type? {
            // "announced it would prohibit all aid to the rebels": a sanction decided is the
            // sanction.
            EventType::Sanction => None,
            t if t.is_hostile() => Combined::of(EventType::Threaten, "130"),
            EventType::Request | EventType::Other => None,
            // "would not meet the hostage-takers' demands": a cooperation refused.
            _ if negated => Combined::of(EventType::Reject, "120"),
            _ => Combined::of(EventType::Agree, "030"),
        },
        Stance::Say => None,
    }
}

/// Is the act noun part of what the clause of `lower` states (its objects and their phrases), not
/// a reason or a time ("threatened to retaliate for the killing of …")?
fn is_content(cx: &Cx, noun: usize, lower: usize) -> bool {
    let mut t = noun;
    for _ in 0..5 {
        let up = cx.head(t);
        if up == t {
            return false;
        }
        if cx.dep(t) == "prep"
            && matches!(
                cx.lower(t),
                "for" | "over" | "after" | "since" | "following"
            )
        {
            return false;
        }
        if up == lower {
            return true;
        }
        t = up;
    }
    false
}

/// Does the warning at `u` concern what a third party may do: its clause's subject is someone
/// other than the one warning (or its state)?
fn warns_of_others(cx: &Cx, u: usize, lower: usize) -> bool {
    let Some(subject) = cx
        .children_with(lower, &["nsubj", "nsubjpass"])
        .into_iter()
        .next()
    else {
        return false;
    };
    if cx.tag(subject) == "PRP" {
        return false;
    }
    let speakers: Vec<usize> = super::phrases::verb_subjects(cx, u)
        .0
        .into_iter()
        .flat_map(|e| [e, cx.state_of(cx.represented_state(e))])
        .collect();
    match cx.entity_at(subject) {
        Some(e) => !speakers.contains(&e) && !speakers.contains(&cx.state_of(e)),
        // "police will no longer tolerate rallies": the state's own forces act for it.
        None => !super::agents::sector_at(cx, subject)
            .is_some_and(|s| words().state_sectors.contains(&s.to_lowercase())),
    }
}

/// Is the reported clause's subject a party that can commit ("it", "they", "Turkey"), rather than
/// a thing ("the strikes", "the talks")?
fn acts_for_itself(cx: &Cx, lower: usize) -> bool {
    cx.children_with(lower, &["nsubj", "nsubjpass"])
        .into_iter()
        .all(|s| cx.tag(s) == "PRP" || cx.entity_at(s).is_some())
}

/// Is the stance an agreement ("agreed to impose sanctions") rather than a readiness declared
/// alone ("is prepared to impose martial law")? Agreeing to a hostile act is still an agreement.
fn agrees(cx: &Cx, u: usize) -> bool {
    let readiness = cx.lemma(u) == "prepare"
        || cx
            .children_with(u, &["acomp"])
            .into_iter()
            .any(|a| words().intent_adjectives.contains(cx.lower(a)));
    !readiness
}

/// Is the stance verb itself said or announced ("announced that it is prepared to …")?
fn declared(cx: &Cx, u: usize) -> bool {
    let up = cx.head(u);
    up != u
        && cx.dep(u) == "ccomp"
        && (words().reporting_verbs.contains(cx.lemma(up)) || is_statement(cx, up))
}
