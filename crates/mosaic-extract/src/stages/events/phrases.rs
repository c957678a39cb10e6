//! Who acts and who is acted on: the entities a noun phrase names (names, demonyms on actor
//! nouns, possessors, "members of X", coordination, pronouns) and the subjects of verbs, climbing
//! through infinitives, participles and relative clauses.

use mosaic_core::{EntityKind, EventType};

use super::lexicon::Frame;

use super::agents;
use super::constructions::schemes::{self, is_scheme};
use super::lexicon::is_arrest_verb;
use super::view::Cx;
use crate::words::words;

/// The entities a noun phrase headed by `tok` names: the mention at the token, else the
/// strongest name attached to it (apposition, compound, possessor, a demonym on an actor noun),
/// else "members of X" / "network run by X"; coordinated phrases ("Turkey and Iran",
/// "Israeli and Turkish services") give several. Pronouns resolve to the subject they stand for.
pub(crate) fn np_entities(cx: &Cx, tok: usize) -> Vec<usize> {
    let mut out = Vec::new();
    if let Some(named) = dateline_subject(cx, tok) {
        return named;
    }
    if agents::is_counted_people(cx, tok) {
        return out;
    }
    if let Some(e) = cx.entity_at(tok) {
        out.push(e);
    } else if let Some(e) = pronoun_antecedent(cx, tok) {
        out.push(e);
    } else if let Some(pair) = the_two_sides(cx, tok) {
        // "both sides agreed", "the two countries signed": the pair named just before.
        out.extend(pair);
    } else if let Some(counted) = counted_phrase(cx, tok) {
        // "thousands of university students", "a group of Chechen refugees": the people
        // counted.
        out.extend(np_entities(cx, counted));
    } else {
        out.extend(modifier_entities(cx, tok));
    }
    // Coordination, also through an apposition ("Hakan Fidan, head of MIT and Khosrow Hosseinian");
    // a name in apposition to a name is another member of a list ("Erdogan, …, Canikli").
    let mut conj_heads = vec![tok];
    conj_heads.extend(
        cx.children(tok)
            .into_iter()
            .filter(|&k| cx.dep(k) == "appos"),
    );
    for &k in &conj_heads[1..] {
        if let Some(e) = cx.entity_at(k) {
            if !out.contains(&e) && cx.kind(e) != EntityKind::Loc {
                out.push(e);
            }
        }
    }
    for h in conj_heads {
        for k in cx.children(h) {
            // "planned to kill the scientists but Azerbaijan denied": "but" joins clauses, and a
            // name after it is the next clause's subject the parser mistook for a conjunct.
            if cx.dep(k) == "conj" && !(k > 0 && cx.lower(k - 1) == "but") {
                for e in np_entities(cx, k) {
                    if !out.contains(&e) {
                        out.push(e);
                    }
                }
            }
        }
    }
    out
}

/// Which phrases of an object name the counterpart of an act.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Counterpart {
    /// A joint act: only partners ("coordinate operations against the PKK" names the common
    /// enemy, not a partner).
    Partner,
    /// A one-sided friendly act: partners and recipients ("support to Kyiv"), never adversaries
    /// ("backing the opposition against Assad" supports no Assad).
    Recipient,
    /// A hostile act: anyone it is directed at.
    Adversary,
}

impl Counterpart {
    pub(crate) fn of(event_type: EventType, frame: Frame) -> Counterpart {
        if frame == Frame::Mutual {
            Counterpart::Partner
        } else if event_type.is_hostile() {
            Counterpart::Adversary
        } else {
            Counterpart::Recipient
        }
    }
}

/// Whom an object phrase names as acted on: the entities it names; else the state of a demonym
/// or place name on its head, whatever the noun ("shell Iraqi towns", "restrictions against
/// German goods", "demolished Palestinian homes"); else the actors of its with/to/against/of
/// phrases ("break off relations with Congo"), or the author of a proposal, call or demand
/// ("rejected a fresh offer from Afghanistan", "calls by Kofi Annan"). Which phrases count
/// depends on the act (see [`Counterpart`]).
pub(crate) fn object_entities(cx: &Cx, tok: usize, reach: Counterpart) -> Vec<usize> {
    object_entities_within(cx, tok, reach, 2)
}

/// [`object_entities`], looking `depth` phrases deep ("provide … dollars of aid for Romania",
/// "restrictions against German goods").
fn object_entities_within(cx: &Cx, tok: usize, reach: Counterpart, depth: usize) -> Vec<usize> {
    let named = np_entities(cx, tok);
    if !named.is_empty() {
        return named;
    }
    // "backing opponents of Assad": those against someone are not that someone; "in solidarity
    // with Azerbaijan" says why, not on whom.
    if words().opposing_nouns.has(cx.lower(tok), cx.lemma(tok))
        || words().manner_nouns.has(cx.lower(tok), cx.lemma(tok))
    {
        return Vec::new();
    }
    let mut out = Vec::new();
    // "two Houthi drone launch sites": a name may sit on a compound of the compound.
    let mut modifiers = cx.children_with(tok, &["amod", "compound", "poss", "nmod"]);
    let nested: Vec<usize> = modifiers
        .iter()
        .filter(|&&k| cx.dep(k) == "compound" && cx.entity_at(k).is_none())
        .flat_map(|&k| cx.children_with(k, &["compound", "amod"]))
        .collect();
    modifiers.extend(nested);
    for k in modifiers {
        if is_anti(cx, k) {
            continue;
        }
        if let Some(e) = cx.entity_at(k) {
            if !matches!(cx.kind(e), EntityKind::Loc) {
                // "Iranian nuclear sites" are Iran's, "MİT facilities" Turkey's; "Houthi launch
                // sites" the Houthis' own, a group being no organ of its country.
                let e = cx.actor_for_event(e);
                out.push(if cx.is_non_state_group(e) {
                    e
                } else {
                    cx.state_of(e)
                });
            }
        }
    }
    if out.is_empty() && reach == Counterpart::Adversary {
        // "an investigation into crimes committed by Croat forces": those who did them.
        for clause in cx.children_with(tok, &["acl"]) {
            for agent in cx.children_with(clause, &["agent"]) {
                for g in cx.children_with(agent, &["pobj"]) {
                    out.extend(np_entities(cx, g));
                }
            }
        }
    }
    if out.is_empty() && depth > 0 {
        for k in cx.children_with(tok, &["prep"]) {
            let counts = match cx.lower(k) {
                "with" | "between" | "of" | "from" | "by" => true,
                "to" | "on" | "for" => reach != Counterpart::Partner,
                "against" | "in" | "inside" => reach == Counterpart::Adversary,
                _ => false,
            };
            if counts {
                for g in cx.children_with(k, &["pobj"]) {
                    out.extend(object_entities_within(cx, g, reach, depth - 1));
                }
            }
        }
        // "denounced as an ugly crime Serbia's suppression", "photographs and intelligence to
        // Macedonia": what stands beside the object names the counterpart too.
        if out.is_empty() {
            for k in cx.children_with(tok, &["appos", "conj"]) {
                out.extend(object_entities_within(cx, k, reach, depth - 1));
            }
        }
    }
    out
}

/// "both sides", "the two countries", "the two leaders": the last two actors named before, in this
/// sentence or the one before it (names, not demonyms; places aside).
fn the_two_sides(cx: &Cx, tok: usize) -> Option<Vec<usize>> {
    let plural = matches!(cx.tag(tok), "NNS" | "NNPS");
    let paired = cx
        .children_with(tok, &["det", "predet", "nummod", "preconj"])
        .into_iter()
        .any(|k| matches!(cx.lower(k), "both" | "two"));
    if !plural || !paired || !words().pair_nouns.has(cx.lower(tok), cx.lemma(tok)) {
        return None;
    }
    let doc = cx.doc();
    let at = cx.span(tok).start;
    let from = cx
        .si
        .checked_sub(1)
        .map_or(cx.sentence_span().start, |p| doc.sentences[p].span.start);
    // "the two countries" are states, "the two leaders" persons; "both sides" anyone.
    let kinds: &[EntityKind] = match cx.lemma(tok) {
        "country" | "nation" | "state" | "neighbour" | "neighbor" | "capital" => &[EntityKind::Gpe],
        "leader" | "minister" | "president" => &[EntityKind::Person],
        "agency" | "service" => &[EntityKind::Org],
        _ => &[EntityKind::Gpe, EntityKind::Org, EntityKind::Person],
    };
    let persons_counted = matches!(cx.lemma(tok), "leader" | "minister" | "president");
    // Every earlier actor of the right kind, nearest first, with its mention's last token.
    let mut seen: Vec<(usize, usize)> = Vec::new();
    for m in doc.mentions.iter().rev() {
        if m.span.end > at || m.span.start < from || m.adjectival {
            continue;
        }
        // Officials stand for the states they serve, unless persons are what is counted.
        let Some(e) = m.entity.map(|e| cx.actor_for_event(e)).map(|e| {
            if persons_counted {
                e
            } else {
                cx.represented_state(e)
            }
        }) else {
            continue;
        };
        if kinds.contains(&cx.kind(e)) && !seen.iter().any(|&(x, _)| x == e) {
            let toks = doc.tokens_in(m.span);
            seen.push((e, toks.end.saturating_sub(1).max(toks.start)));
        }
    }
    // A coordinated pair first ("Ankara and Tehran", "Bayramov … and his counterpart"), else the
    // last two actors of this very sentence.
    let joined = |a: usize, b: usize| {
        (cx.head(b) == a && cx.dep(b) == "conj") || (cx.head(a) == b && cx.dep(a) == "conj")
    };
    for w in seen.windows(2) {
        if joined(w[0].1, w[1].1) {
            return Some(vec![w[1].0, w[0].0]);
        }
    }
    let start = cx.sentence_span().start;
    match seen.as_slice() {
        [(a, ta), (b, tb), ..] if cx.span(*ta).start >= start && cx.span(*tb).start >= start => {
            Some(vec![*b, *a])
        }
        _ => None,
    }
}

/// The entities a generic noun phrase names through its modifiers: an apposition, a compound or
/// nmod, a possessor, a demonym (on nouns for people or institutions only), a leader
/// ("Vietnamese-led forces"), an of/from phrase of a member noun, a locative of an actor noun.
fn modifier_entities(cx: &Cx, tok: usize) -> Vec<usize> {
    let w = words();
    let mut out: Vec<usize> = Vec::new();
    let kids = cx.children(tok);
    let plural = cx.tag(tok) == "NNS" || cx.tag(tok) == "NNPS";
    let actor_noun = is_actor_noun(cx, tok);
    for deps in [&["appos"][..], &["compound", "nmod"], &["poss"], &["amod"]] {
        for &k in &kids {
            if !deps.contains(&cx.dep(k)) || is_anti(cx, k) {
                continue;
            }
            let Some(e) = cx.entity_at(k).or_else(|| {
                if cx.dep(k) == "poss" {
                    pronoun_antecedent(cx, k)
                } else {
                    None
                }
            }) else {
                continue;
            };
            if cx.kind(e) == EntityKind::Loc {
                continue;
            }
            // A demonym names the acting state only on nouns for people or institutions.
            let demonym = cx.adjectival_at(k);
            if (cx.dep(k) == "amod" || demonym) && !actor_noun {
                continue;
            }
            if !out.contains(&e) {
                out.push(e);
            }
            if cx.dep(k) == "amod" || cx.dep(k) == "compound" {
                // "Israeli and Turkish intelligence services"
                for c in cx.children(k) {
                    if cx.dep(c) == "conj" {
                        if let Some(e2) = cx.entity_at(c) {
                            if !out.contains(&e2) {
                                out.push(e2);
                            }
                        }
                    }
                }
            }
            if !plural {
                break;
            }
        }
        // A plural noun may gather several ("Israeli and Turkish intelligence services").
        if !out.is_empty() && !plural {
            break;
        }
    }
    if out.is_empty() && actor_noun {
        out.extend(leaders_of(cx, tok));
    }
    if out.is_empty() {
        // "members of an Israeli spy ring", "a network run by Israel's Mossad"
        for &k in &kids {
            // "officials from Saudi Arabia and Iran", "members of the IPA"
            // "rebels in the Ivory Coast", "students throughout Indonesia": a generic actor
            // belongs to the country its locative names.
            let member = matches!(cx.lower(k), "of" | "from")
                && w.member_nouns.has(cx.lower(tok), cx.lemma(tok));
            // (A crowd's locative says where it is, not whose it is: see `protests`.)
            let located =
                actor_noun && !agents::is_people(cx, tok) && w.locative_preps.contains(cx.lower(k));
            if cx.dep(k) == "prep" && (member || located) {
                for g in cx.children(k) {
                    if cx.dep(g) == "pobj" {
                        out.extend(np_entities(cx, g));
                    }
                }
            }
        }
    }
    out
}

/// "Vietnamese-led forces", "the Saudi-led coalition": a force is its leader's.
fn leaders_of(cx: &Cx, tok: usize) -> Vec<usize> {
    cx.children_with(tok, &["amod"])
        .into_iter()
        .filter(|&k| words().leading_participles.contains(cx.lemma(k)))
        .flat_map(|k| cx.children_with(k, &["npadvmod", "compound", "nmod", "amod"]))
        .filter_map(|k| cx.entity_at(k))
        .collect()
}

/// The phrase a quantity noun counts: "thousands of students" → "students", "a group of refugees"
/// → "refugees".
fn counted_phrase(cx: &Cx, tok: usize) -> Option<usize> {
    let quantity = cx.tag(tok) == "CD" || words().quantity_nouns.has(cx.lower(tok), cx.lemma(tok));
    if !quantity {
        return None;
    }
    // "two of them" counts people a pronoun stands for, not the organisation it might resolve to.
    cx.prep_objects_of(tok, "of")
        .into_iter()
        .next()
        .filter(|&k| cx.tag(k) != "PRP")
}

/// "YEREVAN — Armenia's National Security Service said …": the parser often takes the dateline's
/// city for the subject and hangs the real one on it as an apposition.
fn dateline_subject(cx: &Cx, tok: usize) -> Option<Vec<usize>> {
    if tok != cx.range.start || tok + 1 >= cx.range.end {
        return None;
    }
    if !matches!(cx.lower(tok + 1), "—" | "–" | "-" | "," | ":") {
        return None;
    }
    let named: Vec<usize> = cx
        .children(tok)
        .into_iter()
        .filter(|&k| cx.dep(k) == "appos")
        .flat_map(|k| np_entities(cx, k))
        .collect();
    (!named.is_empty()).then_some(named)
}

/// "anti-Iranian", "anti-Iran": the name is the target, not the actor.
pub(crate) fn is_anti(cx: &Cx, k: usize) -> bool {
    (k >= 1 && cx.lower(k - 1) == "anti")
        || (k >= 2 && cx.lower(k - 1) == "-" && cx.lower(k - 2) == "anti")
        || cx.lower(k).starts_with("anti-")
}

/// The noun a relative clause is about ("ISIS, about which Iran said it …"), for a pronoun in a
/// clause reported inside it.
fn relative_topic(cx: &Cx, pronoun: usize) -> Option<usize> {
    let verb = cx.head(pronoun);
    if !matches!(cx.dep(verb), "ccomp" | "xcomp") {
        return None;
    }
    let saying = cx.head(verb);
    if cx.dep(saying) != "relcl" {
        return None;
    }
    let about_it = cx
        .children_with(saying, &["prep", "dep"])
        .into_iter()
        .flat_map(|p| cx.children_with(p, &["pobj"]))
        .any(|w| matches!(cx.lower(w), "which" | "whom"));
    if !about_it {
        return None;
    }
    // "groups such as ISIS, about which …": the example named stands for the group.
    let noun = cx.head(saying);
    cx.entity_at(noun).or_else(|| {
        cx.prep_objects_of(noun, "as")
            .into_iter()
            .find_map(|o| cx.entity_at(o))
    })
}

/// A personal pronoun standing for an actor named before: "he"/"she" → the person who was the
/// subject of a recent sentence, "it"/"its" → the organisation or state that was.
pub(crate) fn pronoun_antecedent(cx: &Cx, tok: usize) -> Option<usize> {
    let word = cx.lower(tok);
    let want: &[EntityKind] = match word {
        "he" | "him" | "his" | "she" | "her" => &[EntityKind::Person],
        "it" | "its" => &[EntityKind::Org, EntityKind::Gpe],
        "they" | "them" | "their" => &[EntityKind::Org, EntityKind::Gpe],
        _ => return None,
    };
    let doc = cx.doc();
    // "the leaders of Türkiye and Iran held their first meeting": "their" is the clause's own
    // subject, which names more than one actor; the caller reads it from there.
    if word == "their" && clause_has_subject(cx, tok) {
        return None;
    }
    // "groups such as ISIS, about which Iran said it was supported by US intelligence": what the
    // relative clause is about.
    if let Some(e) = relative_topic(cx, tok).filter(|&e| want.contains(&doc.entities[e].kind)) {
        return Some(e);
    }
    // "the Revolutionary Guards said they had shelled …": the one who says it.
    if matches!(word, "they" | "it" | "he" | "she") {
        if let Some(e) = speaker_of(cx, tok)
            .into_iter()
            .find(|&e| want.contains(&doc.entities[e].kind))
        {
            return Some(e);
        }
    }
    // An object pronoun ("Iran supported him") points back to the nearest fitting name in its
    // own sentence; a subject pronoun to the subject of a sentence before.
    if matches!(word, "him" | "her" | "his") {
        let at = cx.span(tok).start;
        let sentence = cx.sentence_span();
        if let Some(e) = doc
            .mentions
            .iter()
            .rev()
            .filter(|m| m.span.end <= at && m.span.start >= sentence.start)
            .filter_map(|m| m.entity)
            .find(|&e| want.contains(&doc.entities[e].kind))
        {
            return Some(e);
        }
    }
    // The subject of this sentence (for a later clause) or of the sentences before.
    for back in 0..=3usize {
        let Some(si) = cx.si.checked_sub(back) else {
            break;
        };
        // "Iranian Intelligence feels free as it planned …": the subject phrase, not only a
        // name on its head word.
        let there = cx.other(si);
        for j in there.range.clone() {
            if back == 0 && j >= tok {
                break;
            }
            if (cx.dep(j) == "nsubj" || cx.dep(j) == "nsubjpass")
                && !matches!(cx.tag(j), "PRP" | "PRP$")
            {
                if let Some(e) = np_entities(&there, j)
                    .into_iter()
                    .find(|&e| want.contains(&doc.entities[e].kind))
                {
                    return Some(e);
                }
            }
        }
    }
    // Otherwise the nearest preceding mention of a fitting kind.
    let at = cx.span(tok).start;
    doc.mentions
        .iter()
        .rev()
        .filter(|m| m.span.end <= at && at - m.span.end < 400)
        .filter_map(|m| m.entity)
        .find(|&e| want.contains(&doc.entities[e].kind))
}

/// Does the verb governing the phrase of `tok` have a subject of its own?
fn clause_has_subject(cx: &Cx, tok: usize) -> bool {
    let mut t = tok;
    for _ in 0..4 {
        let up = cx.head(t);
        if up == t {
            return false;
        }
        t = up;
        if cx.is_verb(t) {
            return !cx.children_with(t, &["nsubj", "nsubjpass"]).is_empty();
        }
    }
    false
}

/// The subject of the verb of saying whose clause the subject pronoun at `tok` opens.
fn speaker_of(cx: &Cx, tok: usize) -> Vec<usize> {
    if cx.dep(tok) != "nsubj" {
        return Vec::new();
    }
    let clause = cx.head(tok);
    let verb = cx.head(clause);
    let w = words();
    let saying =
        w.reporting_verbs.contains(cx.lemma(verb)) || w.publishing_verbs.contains(cx.lemma(verb));
    if clause == verb || cx.dep(clause) != "ccomp" || !saying {
        return Vec::new();
    }
    cx.children_with(verb, &["nsubj"])
        .into_iter()
        .filter(|&k| !matches!(cx.tag(k), "PRP" | "PRP$"))
        .flat_map(|k| np_entities(cx, k))
        .collect()
}

/// The subject of a verb, climbing through infinitives, participles and conjoined verbs
/// ("Turkey undertook to stop cooperating" → Turkey). Returns (entities, passive?).
pub(crate) fn verb_subjects(cx: &Cx, verb: usize) -> (Vec<usize>, bool) {
    // "This group was sentenced": passive even when its subject names no one.
    let passive = cx
        .children(verb)
        .into_iter()
        .any(|k| matches!(cx.dep(k), "nsubjpass" | "auxpass"));
    if passive {
        let ents: Vec<usize> = cx
            .children(verb)
            .into_iter()
            .filter(|&k| cx.dep(k) == "nsubjpass")
            .flat_map(|k| np_entities(cx, k))
            .collect();
        // "Serb forces were engaged in ethnic cleansing": a state, not a passive.
        let stative = words().stative_participles.contains(cx.lemma(verb));
        return (ents, !stative);
    }
    verb_subjects_inner(cx, verb)
}

fn verb_subjects_inner(cx: &Cx, verb: usize) -> (Vec<usize>, bool) {
    let w = words();
    // "… the scientists but Azerbaijan denied": the name the parser joined to the object before.
    if verb >= 2
        && cx.lower(verb - 2) == "but"
        && cx.dep(verb - 1) == "conj"
        && cx.head(verb - 1) != verb
        && !cx
            .children(verb)
            .iter()
            .any(|&k| matches!(cx.dep(k), "nsubj" | "nsubjpass"))
    {
        if let Some(e) = cx.entity_at(verb - 1) {
            return (vec![e], false);
        }
    }
    let mut v = verb;
    for _ in 0..4 {
        // With two subjects ("Although a member of NATO, Turkey undertook"), the nearest wins.
        let mut subjects: Vec<usize> = cx
            .children(v)
            .into_iter()
            .filter(|&k| matches!(cx.dep(k), "nsubj" | "nsubjpass"))
            .collect();
        subjects.sort_by_key(|&k| std::cmp::Reverse(k));
        for &k in &subjects {
            let ents = np_entities(cx, k);
            if !ents.is_empty() {
                return (ents, cx.dep(k) == "nsubjpass" && v == verb);
            }
        }
        // "… but protesters blocked roads": a clause with a subject of its own never borrows
        // another clause's, even when its own names no one (relative pronouns aside).
        if subjects
            .iter()
            .any(|&k| !matches!(cx.tag(k), "WDT" | "WP" | "WP$") && cx.lower(k) != "that")
        {
            return (Vec::new(), false);
        }
        let dep = cx.dep(v);
        let up = cx.head(v);
        if up == v || !matches!(dep, "xcomp" | "conj" | "advcl" | "pcomp" | "relcl" | "acl") {
            break;
        }
        // "a plot by Ukrainian intelligence to assassinate …", "plans for assassinating …":
        // the act belongs to the scheme's authors, not to whoever foiled or revealed it.
        if (dep == "acl" && is_scheme(cx, up))
            || (dep == "pcomp" && cx.dep(up) == "prep" && is_scheme(cx, cx.head(up)))
        {
            let scheme = if dep == "acl" { up } else { cx.head(up) };
            return (schemes::authors(cx, scheme), false);
        }
        // "foiled an Iranian plot to kill …" parsed with the infinitive on the verb.
        if dep == "xcomp" && w.foiling_verbs.has(cx.lower(up), cx.lemma(up)) {
            let scheme = cx
                .children(up)
                .into_iter()
                .find(|&k| cx.dep(k) == "dobj" && is_scheme(cx, k));
            if let Some(scheme) = scheme {
                return (schemes::authors(cx, scheme), false);
            }
        }
        if dep == "pcomp" && cx.dep(up) == "prep" && cx.is_verb(cx.head(up)) {
            let verb = cx.head(up);
            // "Iran accused Israel of killing …": the accused did it, not the accuser.
            if matches!(cx.lower(up), "of" | "for")
                && w.accusing_verbs.has(cx.lower(verb), cx.lemma(verb))
            {
                let objects: Vec<usize> = cx
                    .children(verb)
                    .into_iter()
                    .filter(|&k| cx.dep(k) == "dobj")
                    .flat_map(|k| np_entities(cx, k))
                    .collect();
                if !objects.is_empty() {
                    return (objects, false);
                }
            }
            // "showed its good will by forcing the agents to leave": the subject of "showed".
            v = verb;
            continue;
        }
        if dep == "relcl" || dep == "acl" {
            // "agents who spied on Iran": the noun the clause modifies is the subject; "Kalın was
            // the first official to visit Syria": through a copula, the copula's subject.
            let mut ents = np_entities(cx, up);
            if cx.dep(up) == "attr" {
                let (copula_subject, _) = verb_subjects(cx, cx.head(up));
                if !copula_subject.is_empty() {
                    ents = copula_subject;
                }
            }
            return (ents, dep == "acl" && cx.tag(verb) == "VBN");
        }
        v = up;
    }
    (Vec::new(), false)
}

/// The nearest verb above `tok` that has a subject naming actors, with those actors.
pub(crate) fn governing_subjects(cx: &Cx, tok: usize) -> Option<(usize, Vec<usize>)> {
    let mut h = tok;
    for _ in 0..5 {
        let up = cx.head(h);
        if up == h {
            return None;
        }
        // "arrested a Hamas cell planning bombings": a clause describing a noun has that noun
        // for subject, never the outer verb's.
        if cx.is_verb(h) && matches!(cx.dep(h), "acl" | "relcl") && cx.is_noun(up) {
            let described = np_entities(cx, up);
            return (!described.is_empty()).then_some((h, described));
        }
        h = up;
        // "seized … on suspicion of plotting assaults": the suspects' act, not the arresters'.
        if cx.is_noun(h) && words().suspicion_nouns.contains(cx.lemma(h)) {
            return None;
        }
        // "arrests eight over alleged financing of Hezbollah": the grounds of an arrest.
        if cx.dep(h) == "prep"
            && matches!(cx.lower(h), "over" | "for")
            && is_arrest_verb(cx.lemma(cx.head(h)))
        {
            return None;
        }
        if cx.is_verb(h) {
            let (s, passive) = verb_subjects(cx, h);
            if passive {
                // "analysed by the Mossad in cooperation with the CIA": the agent acts.
                let agents: Vec<usize> = cx
                    .children(h)
                    .into_iter()
                    .filter(|&k| cx.dep(k) == "agent")
                    .flat_map(|k| cx.children(k))
                    .filter(|&g| cx.dep(g) == "pobj")
                    .flat_map(|g| np_entities(cx, g))
                    .collect();
                if !agents.is_empty() {
                    return Some((h, agents));
                }
            } else if !s.is_empty() {
                return Some((h, s));
            }
        }
    }
    None
}

/// A noun for people, institutions or their schemes, on which a demonym names the actor.
fn is_actor_noun(cx: &Cx, tok: usize) -> bool {
    agents::is_actor_noun(cx, tok) || is_scheme(cx, tok)
}
