//! Event coding: who did what to whom, when, how surely, and who says so.
//!
//! For each sentence, in order:
//! 1. [`triggers`] finds the words that state an act;
//! 2. [`args`] finds their actors on the dependency parse ([`phrases`] says which entities a
//!    noun phrase names), or [`fallback`] by position without one;
//! 3. [`constructions`] applies the constructions of English with a rule of their own (gapping,
//!    schemes, envoys, denials, reported acts, topics of talk);
//! 4. [`modality`] says how surely, who says so and when.
//!
//! The coder reads only the [`Document`] and the knowledge base, so a stored document can be
//! coded again.

mod agents;
mod args;
mod clauses;
mod combine;
mod constructions;
mod dictionary;
pub mod fallback;
mod lexicon;
mod modality;
mod nominal;
mod phrases;
mod triggers;
mod view;

use mosaic_core::{Document, EntityKind, Event, EventMode, EventType, Modality};
use mosaic_kb::KnowledgeBase;

use self::args::{Args, Via};
use self::constructions::{
    denials, envoys, gapping, headline, protests, provisions, reciprocal, reports, topics,
};
use self::lexicon::Frame;
use self::triggers::Found;
use self::view::{dedup, Cx, DocView};

/// Loads the coder's vocabularies (the CAMEO verb dictionary, the Phoenix agents, Mosaic's lexicon
/// and word lists), which are otherwise read on first use.
pub fn preload() {
    let _ = mosaic_cameo::VerbDictionary::embedded();
    let _ = mosaic_cameo::AgentDictionary::embedded();
    let _ = mosaic_cameo::CameoCode::parse("010").and_then(|c| c.plover());
    let _ = lexicon::lexicon();
    let _ = crate::words::words();
    nominal::preload();
}

/// Codes every sentence of the document, replacing `doc.events`.
pub fn code_events(doc: &mut Document, kb: &KnowledgeBase) {
    let events = {
        let view = DocView::new(doc, kb);
        let mut events = Vec::new();
        let mut headline_events = Vec::new();
        for si in 0..doc.sentences.len() {
            let cx = view.sentence(si);
            let mut found = triggers::find(&cx);
            combine::apply(&cx, &mut found);
            trace(&cx, &found);
            if headline::is_headline(doc, si) {
                // Headlines drop articles and tenses, which the dictionary's broad verbs and the
                // reported-act rule misread: only Mosaic's own triggers code them.
                for f in found
                    .iter()
                    .filter(|f| f.origin == triggers::Origin::Lexicon)
                {
                    code_trigger(&cx, f, &found, &mut headline_events, false);
                }
            } else {
                for f in &found {
                    code_trigger(&cx, f, &found, &mut events, true);
                }
                drop_untargeted_repeats(&mut events, cx.sentence_span());
            }
        }
        if !headline_events.is_empty() {
            headline::merge(&view.sentence(0), headline_events, &mut events);
        }
        events
    };
    doc.events = events;
}

/// With `MOSAIC_EVENTS_TRACE` set, prints each sentence's parse and triggers to stderr (a
/// developer's aid for writing construction rules).
fn trace(cx: &Cx, found: &[Found]) {
    if !tracing() {
        return;
    }
    eprintln!("--- {}", &cx.doc().text[cx.sentence_span().range()]);
    for i in cx.range.clone() {
        eprintln!(
            "  {i:>4} {:<14} {:<12} {:<5} {:<9} -> {}",
            cx.lower(i),
            cx.lemma(i),
            cx.tag(i),
            cx.dep(i),
            cx.head(i)
        );
    }
    for f in found {
        eprintln!(
            "  trigger {} {} ({}) at {} {:?}",
            f.event_type,
            f.words,
            f.origin_str(),
            f.head,
            f.lower
        );
    }
}

/// Says, when tracing, why a trigger codes no event.
fn dropped(_cx: &Cx, f: &Found, why: &str) {
    if tracing() {
        eprintln!(
            "  dropped {} {} at {}: {why}",
            f.event_type, f.words, f.head
        );
    }
}

fn tracing() -> bool {
    static ON: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("MOSAIC_EVENTS_TRACE").is_some())
}

/// Codes one trigger, adding its events (and, with `reported`, a reporter's accusation) to
/// `events`.
fn code_trigger(cx: &Cx, f: &Found, all: &[Found], events: &mut Vec<Event>, reported: bool) {
    if let Some(pairs) = gapping::pairs(cx, f.first, f.last) {
        // "Iran fighting the PJAK and Turkey the PKK": the verb serves both pairs.
        for (s, t) in pairs {
            push_claim(events, event(cx, f, s, Some(t), "gapping"));
        }
        return;
    }
    if cx.parsed() {
        if let Some(why) = no_act(cx, f, all) {
            return dropped(cx, f, why);
        }
    }
    // Who acts can change what the act is (a crowd's blockade is a protest).
    let retyped;
    let f = match protests::retyped(cx, f).filter(|_| cx.parsed()) {
        Some(t) => {
            retyped = Found {
                event_type: t,
                mode: protests::mode_after(t, f.mode),
                ..f.clone()
            };
            &retyped
        }
        None => f,
    };
    let args = if cx.parsed() {
        args::from_parse(cx, f)
    } else {
        fallback::linear_args(cx, f.first, f.last)
    };
    let via = args.via;
    let (sources, targets) = match parties(cx, f, args, events) {
        Ok(parties) => parties,
        Err(why) => return dropped(cx, f, why),
    };
    let mut pairs: Vec<(usize, Option<usize>)> = Vec::new();
    if targets.is_empty()
        && sources.len() >= 2
        && cx.parsed()
        && reciprocal::is_reciprocal(cx, f.head, f.event_type)
    {
        // "Israel and Iran fought a war", "expelled each other's diplomats": each side acts on
        // the other.
        for &s in &sources {
            pairs.extend(sources.iter().filter(|&&t| t != s).map(|&t| (s, Some(t))));
        }
    } else {
        for &s in &sources {
            if targets.is_empty() {
                pairs.push((s, None));
            }
            pairs.extend(targets.iter().map(|&t| (s, Some(t))));
        }
    }
    if cx.parsed() && is_unsaid(cx, f) {
        // "Hamas did not confirm or deny the claim", "Baku does not object to the talks": not
        // denying, not objecting is no act (a material act not done is coded, as denied).
        return dropped(cx, f, "a verbal act not done");
    }
    let rule = format!("{}:{}:{}", via.as_str(), f.origin_str(), f.words);
    let refers_back = cx.parsed() && !f.noun && has_definite_patient(cx, f.head);
    for (s, t) in pairs {
        let ev = event(cx, f, s, t, &rule);
        if refers_back && is_retold(&ev, events) {
            // "MİT detained 12 suspects … The suspects were detained in raids": told again.
            dropped(
                cx,
                f,
                "the act already coded, told again of the same people",
            );
            continue;
        }
        push_claim(events, ev);
    }
    if cx.parsed() && reported {
        accusation_by_reporter(cx, f, &sources, &targets, events);
    }
}

/// The event a trigger codes between two actors, with its modality, attribution, date and
/// quantities.
fn event(cx: &Cx, f: &Found, source: usize, target: Option<usize>, rule: &str) -> Event {
    let doc = cx.doc();
    let sentence = cx.sentence_span();
    let trigger = f.span(cx);
    let mut modality = modality::modality_of(cx, f.head);
    // (A verbal act not done — "did not confirm or deny", "does not object" — is dropped by the
    // caller; see `is_unsaid`.)
    if modality == Modality::Asserted && modality::inside_quotes(&doc.text, sentence, trigger) {
        // A quoted statement is the speaker's claim, not the outlet's.
        modality = Modality::Alleged;
    }
    Event {
        event_type: f.event_type,
        mode: f.mode,
        cameo: f.cameo.clone(),
        source: Some(source),
        target,
        source_sector: cx
            .parsed()
            .then(|| agents::sector_of_party(cx, f.head, source, agents::Side::Source))
            .flatten(),
        target_sector: target.and_then(|t| {
            cx.parsed()
                .then(|| agents::sector_of_party(cx, f.head, t, agents::Side::Target))
                .flatten()
        }),
        modality,
        attribution: modality::attribution_of(cx),
        date: modality::date_of(cx, trigger, f.head),
        location: None,
        quantities: modality::quantities_in(&doc.text[sentence.range()]),
        sentence,
        trigger,
        rule: rule.to_string(),
    }
}

/// Why a trigger states no act of its own, when it does not: part of another trigger's act, a
/// condition or a prevented act, a habit, a standing policy, a dictionary verb in a clause that
/// only describes a noun, a denial of an act coded on its own.
fn no_act(cx: &Cx, f: &Found, all: &[Found]) -> Option<&'static str> {
    if topics::is_subordinate(cx, f, all) {
        return Some("part of another trigger's act");
    }
    if clauses::is_unreal(cx, f.head) {
        // "if it dominates the Azeri people", "banned any demonstrations": a condition or a
        // prevented act is no event.
        return Some("a condition or a prevented act");
    }
    if !f.noun && done_by_means(cx, f, all) {
        // "Russia retaliated by expelling the British attaché": the expulsion is the act.
        return Some("told again by the act that was its means");
    }
    if !f.noun && clauses::is_standing_refusal(cx, f.head, f.event_type) {
        return Some("a standing policy, told in the negative present");
    }
    if clauses::is_habitual(cx, anchor_verb(cx, f)) {
        return Some("a habit or a generality");
    }
    if (matches!(
        f.origin,
        triggers::Origin::Verb | triggers::Origin::Pattern(_)
    ) || f.event_type == EventType::Threaten && !f.noun)
        && clauses::is_descriptive(cx, f.head)
    {
        // "Iranians who were heading for Europe", "agents serving the Mossad": the dictionary's
        // codes for common verbs are unreliable in clauses that only describe a noun, and "work
        // threatening the security of Russia" threatens no one.
        return Some("a dictionary verb in a descriptive clause");
    }
    if f.event_type == EventType::Reject
        && !f.noun
        && crate::words::words()
            .denial_verbs
            .contains(cx.lemma(f.head))
        && denials::denies_an_act(cx, f.head, all)
    {
        // "Tehran denied recruiting Israelis": the recruiting is coded, as denied.
        return Some("denies an act coded on its own");
    }
    None
}

/// The parties of an act as the answer keys code them: capitals and cities as their states,
/// signatories as the states they serve, an agency rather than also its state, no outlet doing
/// deeds, named detainees only. `None` when the act has no source, or needs a target it lacks.
fn parties(
    cx: &Cx,
    f: &Found,
    args: Args,
    earlier: &[Event],
) -> Result<(Vec<usize>, Vec<usize>), &'static str> {
    // "Turkish and Iranian foreign ministers signed a pact": agreements bind the states their
    // signatories serve.
    let as_party = |e: usize| {
        let e = cx.actor_for_event(e);
        if f.event_type == EventType::Agree {
            cx.represented_state(e)
        } else {
            e
        }
    };
    let mut sources = dedup(args.sources.into_iter().map(as_party).collect());
    if args.inferred {
        // "MİT has captured a Syrian man … The suspect was seized near Azaz": the agency that
        // made the arrest just told; "11 persons had been seized …, citing MIT": the agency the
        // report cites.
        if let Some(agency) = recent_arrester(cx, earlier).or_else(|| cited_agency(cx)) {
            sources = vec![agency];
        }
    }
    // A city that stands for no state named in the article is a place, not an actor ("a Hamas
    // cell in the Hebron area who were planning …"); a region, a sea or a range never acts.
    sources.retain(|&e| !cx.is_unresolved_city(e) && cx.kind(e) != EntityKind::Loc);
    // "an Israeli Mossad spy ring": the agency, not also its state.
    let specific: Vec<usize> = sources
        .iter()
        .copied()
        .filter(|&e| cx.kind(e) != EntityKind::Gpe)
        .collect();
    sources.retain(|&e| {
        cx.kind(e) != EntityKind::Gpe || !specific.iter().any(|&o| cx.state_of(o) == e)
    });
    // A sea, a mountain range or a region is where an act happened, not whom it was against
    // ("a drone attack on a tanker in the Red Sea"); a region of a known state stands for it.
    let mut targets = dedup(
        args.targets
            .into_iter()
            .filter_map(|t| place_as_party(cx, t))
            .map(as_party)
            .collect(),
    );
    // No one acts on themselves, nor on the state they serve ("Pashinyan said Armenia would
    // give up …").
    let own: Vec<usize> = sources
        .iter()
        .flat_map(|&s| [s, cx.state_of(cx.represented_state(s))])
        .collect();
    targets.retain(|t| !own.contains(t));
    // An outlet reports acts; it does not arrest, strike or sign ("(Caspian Dispatch) —
    // Azerbaijan declared …" parses the dateline's outlet as a subject).
    if !matches!(
        f.event_type,
        EventType::Accuse | EventType::Reject | EventType::Request
    ) {
        sources.retain(|&e| !cx.is_outlet(e));
    }
    if sources.is_empty() && cx.parsed() {
        // "This will include … operational cooperation": the parties of the agreement just told.
        if let Some((parties, partners)) = provisions::parties_of_provision(cx, f, earlier) {
            sources = parties;
            if targets.is_empty() {
                targets = partners;
            }
        }
    }
    if sources.is_empty() {
        return Err("no named source");
    }
    if args.via == Via::PersonaNonGrata {
        // Its targets are already the expelled diplomats' states.
    } else if matches!(f.mode, Some(EventMode::Expel | EventMode::Summon)) && cx.parsed() {
        // Expelling a state's diplomats is an act against that state.
        targets = envoys::represented_states(cx, f.head);
    } else if f.frame == Frame::AgainstPeople {
        // Acts against people name a target only when the object itself is a named actor
        // ("arrested Hakan Fidan", "detained members of the IRGC"); a state "arrested" is never
        // the detainee, its nationals were.
        if cx.parsed() {
            targets = args::direct_objects(cx, f.head);
        }
        targets.retain(|&t| {
            !matches!(cx.kind(t), EntityKind::Gpe | EntityKind::Loc) && !sources.contains(&t)
        });
    }
    if targets.is_empty() && f.event_type == EventType::Reject {
        // "Tehran rejected the accusations": the rejection answers whoever accused it.
        // (An agency's or a ministry's charge is its state's: "London rejected the accusations"
        // answers Russia.)
        targets.extend(denials::answered_accuser(cx, &sources, earlier).map(|a| cx.state_of(a)));
    }
    if targets.is_empty() {
        lacks_counterpart(cx, f)?;
    }
    Ok((sources, targets))
}

/// Is the trigger a verbal act (a demand, a refusal, an accusation, a threat) told as not done?
fn is_unsaid(cx: &Cx, f: &Found) -> bool {
    !f.event_type.is_material()
        && f.event_type != EventType::Agree
        && modality::modality_of(cx, f.head) == Modality::Denied
}

/// Is the verb done by means of another coded act ("retaliated by expelling", "responded by
/// shelling")?
fn done_by_means(cx: &Cx, f: &Found, all: &[Found]) -> bool {
    cx.children_with(f.head, &["prep"])
        .into_iter()
        .filter(|&p| cx.lower(p) == "by")
        .flat_map(|p| cx.children_with(p, &["pcomp", "pobj"]))
        .any(|m| all.iter().any(|o| o.head == m && o.head != f.head))
}

/// The verb that carries a trigger: itself, or an act noun's light verb ("usually signals
/// expulsions").
fn anchor_verb(cx: &Cx, f: &Found) -> usize {
    if f.noun {
        args::light_verb_any(cx, f.head).unwrap_or(f.head)
    } else {
        f.head
    }
}

/// "demanded immediate elections", "rejected a call for its forces to be deployed", "announced
/// that it is prepared to impose martial law": a demand, a refusal or a declared threat that is
/// what the sentence is about is an event even when it names no counterpart. A
/// denial answers an accuser, and CAMEO's generic rejections ("failed", "obstructed") are no
/// refusal without one.
fn stands_alone(cx: &Cx, f: &Found) -> bool {
    let declared_threat =
        f.event_type == EventType::Threaten && f.origin == triggers::Origin::Combination;
    (matches!(f.event_type, EventType::Request | EventType::Reject) || declared_threat)
        && cx.parsed()
        && !f.noun
        && clauses::is_main_predicate(cx, f.head)
        && !crate::words::words()
            .denial_verbs
            .contains(cx.lemma(f.head))
        && !(matches!(
            f.origin,
            triggers::Origin::Verb | triggers::Origin::Pattern(_)
        ) && f.cameo.as_deref() == Some("120"))
}

/// A target as a party: itself, or for a place (not a state or a city) the state it lies in.
fn place_as_party(cx: &Cx, t: usize) -> Option<usize> {
    if cx.kind(t) != EntityKind::Loc {
        return Some(t);
    }
    let state = cx.state_of(t);
    (state != t && cx.kind(state) == EntityKind::Gpe).then_some(state)
}

/// Why an act with no named counterpart is no event, when it is not: its type needs one (support,
/// accusation, aid …) and nothing excuses it, or a dictionary code stands outside the main
/// clause.
fn lacks_counterpart(cx: &Cx, f: &Found) -> Result<(), &'static str> {
    let denies_a_charge =
        f.event_type == EventType::Reject && cx.parsed() && denials::denies_a_charge(cx, f.head);
    // "agreed to resign": an intent to do what needs no counterpart needs none either.
    let intent = f.event_type == EventType::Agree
        && f.lower.is_some_and(|l| clauses::is_intransitive(cx, l));
    let against_people = f.frame == Frame::AgainstPeople;
    if !stands_alone(cx, f)
        && needs_target(f.event_type, f.frame)
        && !denies_a_charge
        && !intent
        && !against_people
    {
        return Err("needs a named counterpart");
    }
    // The dictionary's codes for common verbs ("led", "fired", "took") are reliable only where
    // the verb is what the sentence is about, or where it names the counterpart: a background
    // clause ("during which aircraft fired …", "who headed the department") is no event without
    // one. (An act noun stands where its light verb does: "launched rocket fire against …".)
    if f.origin != triggers::Origin::Lexicon && !clauses::is_main_predicate(cx, anchor_verb(cx, f))
    {
        return Err("a dictionary code outside the main clause, with no counterpart");
    }
    Ok(())
}

/// An organisation (not an outlet) the sentence cites as its source.
fn cited_agency(cx: &Cx) -> Option<usize> {
    modality::attribution_of(cx)
        .into_iter()
        .filter_map(|a| a.entity)
        .find(|&e| cx.kind(e) == EntityKind::Org && !cx.is_outlet(e))
}

/// The organisation that made an arrest told in this sentence or the two before.
fn recent_arrester(cx: &Cx, earlier: &[Event]) -> Option<usize> {
    view::recent_events(cx, earlier, 2)
        .filter(|e| e.event_type == EventType::Coerce && e.mode == Some(EventMode::Arrest))
        .filter_map(|e| e.source)
        .find(|&s| cx.kind(s) == EntityKind::Org)
}

/// Event types the answer keys never code without a named counterpart. Acts against unnamed
/// people (arrests, charges, expulsions) are coded without one.
fn needs_target(event_type: EventType, frame: Frame) -> bool {
    frame == Frame::Mutual
        || matches!(
            event_type,
            EventType::Support
                | EventType::Accuse
                | EventType::Reject
                | EventType::Request
                | EventType::Threaten
                | EventType::Aid
                | EventType::Espionage
                | EventType::Sanction
        )
}

/// "Iran said the Mossad agents planned assassinations": reporting another's hostile act is an
/// accusation by the one who reports it.
fn accusation_by_reporter(
    cx: &Cx,
    f: &Found,
    accused: &[usize],
    victims: &[usize],
    events: &mut Vec<Event>,
) {
    if !matches!(
        f.event_type,
        EventType::Assault | EventType::Espionage | EventType::Threaten
    ) {
        return;
    }
    let Some((verb, accusers)) = reports::reporter_of(cx, f.head) else {
        return;
    };
    let accusers = dedup(
        accusers
            .into_iter()
            .map(|e| cx.actor_for_event(e))
            .collect(),
    );
    for &accuser in &accusers {
        // An outlet reporting an act is reporting, not accusing.
        if cx.is_outlet(accuser) {
            continue;
        }
        let own = cx.state_of(cx.represented_state(accuser));
        for &target in accused {
            if accuser == target
                || cx.state_of(accuser) == cx.state_of(target)
                || own == cx.state_of(cx.represented_state(target))
            {
                continue;
            }
            // An accusation is a grievance: the act reported was against the reporter's own side
            // ("Iran said Mossad agents planned to kill Iranian scientists"), not a third party's
            // ("the coalition said the raid was carried out by Iraqi troops").
            if !victims.is_empty()
                && !victims
                    .iter()
                    .any(|&v| cx.state_of(v) == own || v == accuser)
            {
                continue;
            }
            let sentence = cx.sentence_span();
            push_claim(
                events,
                Event {
                    event_type: EventType::Accuse,
                    mode: None,
                    cameo: Some("112".into()),
                    source: Some(accuser),
                    target: Some(target),
                    source_sector: None,
                    target_sector: None,
                    modality: Modality::Asserted,
                    attribution: modality::attribution_of(cx),
                    date: None,
                    location: None,
                    quantities: Vec::new(),
                    sentence,
                    trigger: cx.span(verb),
                    rule: format!("parse-report:{}:{}", cx.lower(verb), f.words),
                },
            );
        }
    }
}

/// "Both countries have fought Kurdish groups — Iran fighting the PJAK and Turkey the PKK": an
/// act told generally and then with its counterpart is one act; the untargeted telling goes.
/// Is the verb's patient a definite phrase or a pronoun ("the serviceman was detained", "the
/// suspects were seized", "detained them"), which refers back to people already told of?
fn has_definite_patient(cx: &Cx, verb: usize) -> bool {
    cx.children_with(verb, &["dobj", "nsubjpass"])
        .into_iter()
        .any(|p| {
            cx.tag(p) == "PRP"
                || cx
                    .children_with(p, &["det"])
                    .into_iter()
                    .any(|d| matches!(cx.lower(d), "the" | "this" | "these" | "those"))
        })
}

/// An act with no counterpart told again of people already told of: the same actor and act,
/// undated or on the same date, and with no other count ("11 persons had been seized" is another
/// arrest), as an event of an earlier sentence.
fn is_retold(ev: &Event, earlier: &[Event]) -> bool {
    let act = |e: &Event| (e.event_type, e.source, e.target, e.mode);
    ev.target.is_none()
        && earlier.iter().any(|e| {
            e.sentence.start < ev.sentence.start
                && act(e) == act(ev)
                && (ev.date.is_none() || e.date.is_none() || e.date == ev.date)
                && (ev.quantities.is_empty()
                    || ev.quantities.iter().any(|q| e.quantities.contains(q)))
        })
}

fn drop_untargeted_repeats(events: &mut Vec<Event>, sentence: mosaic_core::Span) {
    let act = |e: &Event| (e.event_type, e.source, e.mode, e.cameo.clone());
    let targeted: Vec<_> = events
        .iter()
        .filter(|e| e.sentence == sentence && e.target.is_some())
        .map(act)
        .collect();
    events.retain(|e| e.sentence != sentence || e.target.is_some() || !targeted.contains(&act(e)));
}

/// Adds an event unless the sentence already states the same claim.
fn push_claim(events: &mut Vec<Event>, ev: Event) {
    let same = |e: &Event| {
        e.event_type == ev.event_type
            && e.source == ev.source
            && e.target == ev.target
            && e.sentence == ev.sentence
    };
    if !events.iter().any(same) {
        events.push(ev);
    }
}

/// Every source file of the coder, for tests that check the word lists are read.
#[cfg(test)]
pub const SOURCES: &[&str] = &[
    include_str!("mod.rs"),
    include_str!("args.rs"),
    include_str!("agents.rs"),
    include_str!("combine.rs"),
    include_str!("clauses.rs"),
    include_str!("phrases.rs"),
    include_str!("modality.rs"),
    include_str!("triggers.rs"),
    include_str!("view.rs"),
    include_str!("dictionary.rs"),
    include_str!("nominal.rs"),
    include_str!("lexicon.rs"),
    include_str!("constructions/denials.rs"),
    include_str!("constructions/envoys.rs"),
    include_str!("constructions/protests.rs"),
    include_str!("constructions/espionage.rs"),
    include_str!("constructions/reciprocal.rs"),
    include_str!("constructions/reports.rs"),
    include_str!("constructions/schemes.rs"),
    include_str!("constructions/topics.rs"),
    include_str!("constructions/provisions.rs"),
    include_str!("constructions/gapping.rs"),
    include_str!("constructions/headline.rs"),
    include_str!("fallback.rs"),
];
