//! Actor resolution: links every mention to one entity of the article.
//!
//! Order of evidence: (1) the knowledge base (a demonym names its state; among same-named
//! services the one of the country in context wins), (2) acronyms the text defines
//! ("National Intelligence Organisation (MIT)"), (3) short forms of a name given in full
//! earlier or later ("Fidan" → "Hakan Fidan", "Sabah" → "Daily Sabah"), (4) "the Organisation"
//! → the organisation just named. Anything else becomes a new entity keyed by its full name.
//! A knowledge-base type overrides the model's label; every grouping records its reason.

use std::collections::HashMap;

use mosaic_core::{fold_key, Entity, EntityKind, Mention, MentionSource, Span};
use mosaic_kb::{ActorType, KnowledgeBase};

use crate::work::Work;

/// Union-find over mention indices.
struct Groups {
    parent: Vec<usize>,
}

impl Groups {
    fn new(n: usize) -> Self {
        Groups {
            parent: (0..n).collect(),
        }
    }
    fn find(&mut self, x: usize) -> usize {
        let mut r = x;
        while self.parent[r] != r {
            r = self.parent[r];
        }
        let mut y = x;
        while self.parent[y] != r {
            let next = self.parent[y];
            self.parent[y] = r;
            y = next;
        }
        r
    }
    fn union(&mut self, keep: usize, other: usize) {
        let (a, b) = (self.find(keep), self.find(other));
        if a != b {
            self.parent[b] = a;
        }
    }
}

#[allow(clippy::needless_range_loop)] // several parallel per-mention vectors are indexed together
pub fn resolve(w: &mut Work) {
    let references = add_definite_references(w);
    let kb = w.kb;
    let n = w.doc.mentions.len();
    let context = country_context(w);
    let mut reasons: Vec<Vec<String>> = vec![Vec::new(); n];

    // 1. Knowledge base: each mention with candidates picks one actor.
    let mut chosen: Vec<Option<usize>> = vec![None; n];
    for (i, m) in w.doc.mentions.iter().enumerate() {
        let cands = &w.mention_actors[i];
        if cands.is_empty() {
            continue;
        }
        let pick = pick_actor(kb, cands, i, w, &context);
        let a = &kb.actors()[pick];
        let why = if m.adjectival {
            format!("demonym \"{}\" names {}", m.text, a.name)
        } else if cands.len() > 1 {
            format!(
                "\"{}\" is ambiguous ({} actors); chose {} by country context",
                m.text,
                cands.len(),
                a.id
            )
        } else {
            format!("\"{}\" is a known name of {}", m.text, a.id)
        };
        reasons[i].push(why);
        chosen[i] = Some(pick);
    }

    let mut groups = Groups::new(n);
    let mut by_actor: HashMap<usize, usize> = HashMap::new();
    for i in 0..n {
        if let Some(a) = chosen[i] {
            match by_actor.get(&a) {
                Some(&first) => groups.union(first, i),
                None => {
                    by_actor.insert(a, i);
                }
            }
        }
    }
    // New actors: the same folded full name and compatible kind is one entity.
    let mut by_name: HashMap<(String, bool), usize> = HashMap::new();
    for i in 0..n {
        let m = &w.doc.mentions[i];
        // References ("the man", "the agency") join the entity they refer to, never each other.
        if chosen[i].is_some() || m.source == MentionSource::Coreference {
            continue;
        }
        let key = (fold_key(&m.text), m.kind == EntityKind::Person);
        match by_name.get(&key) {
            Some(&first) => groups.union(first, i),
            None => {
                by_name.insert(key, i);
            }
        }
    }

    // 2. Acronyms defined in the text: NAME (ACR).
    let text = w.doc.text.clone();
    for i in 0..n {
        let m = &w.doc.mentions[i];
        let after = &text[m.span.end..];
        let Some(acr) = defined_acronym(after, &m.text) else {
            continue;
        };
        for j in 0..n {
            if j != i && w.doc.mentions[j].text == acr {
                let (ai, aj) = (chosen[groups.find(i)].or(chosen[i]), chosen[j]);
                // Never fuse two different known actors on an acronym alone.
                if ai.is_some() && aj.is_some() && ai != aj {
                    continue;
                }
                groups.union(i, j);
                reasons[j].push(format!(
                    "acronym \"{acr}\" defined after \"{}\"",
                    w.doc.mentions[i].text
                ));
            }
        }
    }

    // 2b. Other names the text gives: glosses and "known as" clauses.
    for (named, alias, why) in super::naming::alias_links(&text, &w.doc.mentions) {
        let (a, b) = (chosen[groups.find(named)].or(chosen[named]), chosen[alias]);
        if a.is_some() && b.is_some() && a != b {
            continue;
        }
        groups.union(named, alias);
        reasons[alias].push(why);
    }

    for (span, antecedent) in &references {
        let find = |s: &Span| w.doc.mentions.iter().position(|m| m.span == *s);
        if let (Some(r), Some(a)) = (find(span), find(antecedent)) {
            groups.union(a, r);
            reasons[r].push(format!(
                "\"{}\" refers to \"{}\" named before",
                w.doc.mentions[r].text, w.doc.mentions[a].text
            ));
        }
    }

    // 3. Short forms: a one-word name equal to the last (or first) word of exactly one longer name.
    let roots: Vec<usize> = (0..n).map(|i| groups.find(i)).collect();
    let mut long_names: HashMap<String, Vec<usize>> = HashMap::new();
    for i in 0..n {
        let m = &w.doc.mentions[i];
        let words: Vec<&str> = m.text.split_whitespace().collect();
        if words.len() >= 2
            && !m.adjectival
            && matches!(m.kind, EntityKind::Person | EntityKind::Org)
        {
            let last = *words.last().unwrap();
            // "Saeed al-Jubouri" is "Jubouri" for short.
            let bare_last = strip_arabic_article(last);
            for (pos, word) in [(0, words[0]), (1, last), (1, bare_last)] {
                if pos == 0 && m.kind != EntityKind::Person || pos == 1 && word.is_empty() {
                    continue;
                }
                let list = long_names.entry(fold_key(word)).or_default();
                if !list.contains(&roots[i]) {
                    list.push(roots[i]);
                }
            }
        }
    }
    for i in 0..n {
        let m = &w.doc.mentions[i];
        if chosen[i].is_some()
            || m.adjectival
            || m.source == MentionSource::Coreference
            || m.text.split_whitespace().count() != 1
        {
            continue;
        }
        if let Some(targets) = long_names.get(&fold_key(&m.text)) {
            let targets: Vec<usize> = targets
                .iter()
                .map(|&t| groups.find(t))
                .collect::<std::collections::BTreeSet<_>>()
                .into_iter()
                .collect();
            if targets.len() == 1 && targets[0] != groups.find(i) {
                groups.union(targets[0], i);
                reasons[i].push(format!(
                    "short form of \"{}\"",
                    w.doc.mentions[targets[0]].text
                ));
            }
        }
    }

    // 4. Build entities in order of first mention.
    let mut entity_of_root: HashMap<usize, usize> = HashMap::new();
    let mut entities: Vec<Entity> = Vec::new();
    let mut entity_actor: Vec<Option<usize>> = Vec::new();
    for i in 0..n {
        let r = groups.find(i);
        let e = *entity_of_root.entry(r).or_insert_with(|| {
            entities.push(Entity {
                name: String::new(),
                kind: EntityKind::Org,
                kb_id: None,
                sector: None,
                country: None,
                aliases: Vec::new(),
                mentions: Vec::new(),
                reasons: Vec::new(),
            });
            entity_actor.push(None);
            entities.len() - 1
        });
        entities[e].mentions.push(i);
        entities[e].reasons.append(&mut reasons[i]);
        if entity_actor[e].is_none() {
            entity_actor[e] = chosen[i];
        }
    }
    for (e, ent) in entities.iter_mut().enumerate() {
        let mentions: Vec<&Mention> = ent.mentions.iter().map(|&i| &w.doc.mentions[i]).collect();
        if let Some(a) = entity_actor[e] {
            let actor = &kb.actors()[a];
            ent.name = actor.name.clone();
            ent.kind = actor.kind;
            ent.kb_id = Some(actor.id.clone());
            ent.sector = actor.sector.clone();
            ent.country = actor.country.clone();
        } else {
            ent.kind = vote_kind(&mentions);
            if let Some((kind, why)) =
                kind_from_context(&w.doc.text, &mentions, &w.doc.mentions, ent.kind)
            {
                ent.reasons.push(why);
                ent.kind = kind;
            }
            ent.name = mentions
                .iter()
                .filter(|m| m.source != MentionSource::Coreference && !m.adjectival)
                .filter(|m| !is_description(&m.text))
                .map(|m| m.text.as_str())
                .max_by_key(|t| (t.split_whitespace().count(), t.len()))
                .unwrap_or(mentions[0].text.as_str())
                .to_string();
            if ent.reasons.is_empty() {
                ent.reasons.push(format!(
                    "new {} \"{}\" (no knowledge-base entry)",
                    ent.kind.as_str(),
                    ent.name
                ));
            }
        }
        let known = entity_actor[e].map(|a| &kb.actors()[a]);
        let mut aliases: Vec<String> = Vec::new();
        for m in &mentions {
            if m.text != ent.name
                && !aliases.contains(&m.text)
                && (!is_description(&m.text) || known.is_some_and(|a| names_exactly(a, &m.text)))
            {
                aliases.push(m.text.clone());
            }
            // "Iran's Foreign Ministry", "Turkish Foreign Ministry": the qualified form as written is
            // also a name of the organisation.
            if ent.kind == EntityKind::Org {
                if let Some(q) = qualified_form(&w.doc, &w.doc.mentions, m) {
                    if q != ent.name && !aliases.contains(&q) {
                        aliases.push(q);
                    }
                }
            }
        }
        ent.aliases = aliases;
    }
    for (e, ent) in entities.iter().enumerate() {
        for &m in &ent.mentions {
            let mention = &mut w.doc.mentions[m];
            mention.entity = Some(e);
            // A mention reads as what its entity was resolved to ("Astara", typed a person by
            // the model, is the place it is listed with).
            if !mention.adjectival {
                mention.kind = ent.kind;
            }
        }
    }
    // A capital can stand for its state in events ("Ankara accused Tehran") even when the
    // article never names the state itself: the state is added, without mentions, so that the
    // events have it to point at. Outputs list it only if something refers to it.
    let present: Vec<usize> = entity_actor.iter().flatten().copied().collect();
    for a in present {
        let Some(state_id) = kb.actors()[a].capital_of.clone() else {
            continue;
        };
        let Some(state) = kb.index_of(&state_id) else {
            continue;
        };
        if entity_actor.contains(&Some(state)) {
            continue;
        }
        let actor = &kb.actors()[state];
        entities.push(Entity {
            name: actor.name.clone(),
            kind: actor.kind,
            kb_id: Some(actor.id.clone()),
            sector: actor.sector.clone(),
            country: actor.country.clone(),
            aliases: Vec::new(),
            mentions: Vec::new(),
            reasons: vec![format!(
                "implied: its capital {} is named",
                kb.actors()[a].name
            )],
        });
        entity_actor.push(Some(state));
    }
    w.doc.entities = entities;
    w.entity_actor = entity_actor;
}

/// "al-Jubouri" → "Jubouri"; a word without an Arabic article is returned whole.
pub(crate) fn strip_arabic_article(word: &str) -> &str {
    for article in [
        "al-", "Al-", "el-", "El-", "as-", "ad-", "ash-", "an-", "ar-", "az-", "at-",
    ] {
        if let Some(rest) = word.strip_prefix(article) {
            if rest.chars().next().is_some_and(char::is_uppercase) {
                return rest;
            }
        }
    }
    word
}

/// A form that describes an actor without naming it: no word of it is written with a capital
/// ("the agency", "top intelligence agency", "foreign intelligence service"), or it is one generic
/// body noun however written ("the Organisation", "Group"). Such forms refer to an actor inside one
/// article but are never stored among its names: across articles they would name any body.
pub(crate) fn is_description(form: &str) -> bool {
    let generic = &crate::words::words().generic_body_nouns;
    let words: Vec<&str> = form
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .map(|w| w.strip_suffix("'s").or(w.strip_suffix("’s")).unwrap_or(w))
        .filter(|w| !w.is_empty() && !matches!(w.to_lowercase().as_str(), "the" | "a" | "an"))
        .collect();
    let proper = |w: &str| w.chars().any(char::is_uppercase);
    match words.as_slice() {
        [] => true,
        [one] => !proper(one) || generic.contains(&one.to_lowercase()),
        many => !many.iter().any(|w| proper(w)),
    }
}

/// Does the knowledge base write this actor's name exactly so (lower-case brands: "debkafile")?
fn names_exactly(actor: &mosaic_kb::Actor, form: &str) -> bool {
    actor.name == form || actor.aliases.iter().any(|a| a == form)
}

/// The kind most mentions agree on; a person reading wins ties, since the model often calls a
/// surname alone a place or an organisation.
fn vote_kind(mentions: &[&Mention]) -> EntityKind {
    // The fullest name decides: the model labels a full name far more reliably than a lone
    // surname ("Erol told Arab News" often comes out as an organisation).
    let longest = mentions
        .iter()
        .filter(|m| m.source != MentionSource::Coreference && m.kind != EntityKind::Norp)
        .map(|m| m.text.split_whitespace().count())
        .max()
        .unwrap_or(0);
    if longest >= 2 {
        let full: Vec<&Mention> = mentions
            .iter()
            .copied()
            .filter(|m| m.text.split_whitespace().count() == longest && m.kind != EntityKind::Norp)
            .collect();
        if let Some(k) = full
            .iter()
            .map(|m| m.kind)
            .find(|k| *k == EntityKind::Person)
            .or_else(|| full.first().map(|m| m.kind))
        {
            return k;
        }
    }
    let mut counts: HashMap<EntityKind, usize> = HashMap::new();
    for m in mentions {
        if m.source != MentionSource::Coreference {
            *counts.entry(m.kind).or_default() +=
                1 + usize::from(m.text.split_whitespace().count() > 1);
        }
    }
    counts.remove(&EntityKind::Norp);
    let best = counts
        .iter()
        .max_by_key(|(k, c)| (**c, **k == EntityKind::Person))
        .map(|(k, _)| *k);
    best.unwrap_or(EntityKind::Org)
}

/// How often each country is named in the article (states, their demonyms, their capitals).
fn country_context(w: &Work) -> HashMap<String, usize> {
    let mut out = HashMap::new();
    for cands in &w.mention_actors {
        if cands.len() == 1 {
            if let Some(c) = &w.kb.actors()[cands[0]].country {
                *out.entry(c.clone()).or_insert(0) += 1;
            }
        }
    }
    out
}

/// Chooses among the actors a mention may name: a state for a demonym; otherwise the candidate
/// whose country is named just before the mention ("Armenia's National Security Service"), then
/// the one whose country the article names most.
fn pick_actor(
    kb: &KnowledgeBase,
    cands: &[usize],
    i: usize,
    w: &Work,
    context: &HashMap<String, usize>,
) -> usize {
    if cands.len() == 1 {
        return cands[0];
    }
    let m = &w.doc.mentions[i];
    if m.adjectival {
        if let Some(&s) = cands
            .iter()
            .find(|&&a| kb.actors()[a].actor_type == ActorType::State)
        {
            return s;
        }
    }
    // The nearest preceding unambiguous mention in the same sentence that names a country.
    let sentence = w.doc.sentence_at(m.span.start);
    for j in (0..i).rev() {
        let prev = &w.doc.mentions[j];
        if w.doc.sentence_at(prev.span.start) != sentence || m.span.start - prev.span.end > 40 {
            break;
        }
        if let [only] = w.mention_actors[j][..] {
            if let Some(country) = &kb.actors()[only].country {
                if let Some(&c) = cands
                    .iter()
                    .find(|&&a| kb.actors()[a].country.as_ref() == Some(country))
                {
                    return c;
                }
            }
        }
    }
    // Then, for a generic name several countries' bodies share, the country named last in the
    // sentence before ("Tehran rejected the accusations. Foreign ministry spokesman Nasser
    // Kanaani said …": Iran's ministry). Names of different kinds of actor ("MIT") are not
    // generic.
    let generic = cands
        .iter()
        .all(|&a| kb.actors()[a].actor_type == kb.actors()[cands[0]].actor_type);
    if let Some(si) = sentence.and_then(|s| s.checked_sub(1)).filter(|_| generic) {
        let previous = w.doc.sentences[si].span;
        for j in (0..i).rev() {
            let prev = &w.doc.mentions[j];
            if prev.span.end <= previous.start {
                break;
            }
            if !previous.contains(prev.span) {
                continue;
            }
            if let [only] = w.mention_actors[j][..] {
                if let Some(country) = &kb.actors()[only].country {
                    if let Some(&c) = cands
                        .iter()
                        .find(|&&a| kb.actors()[a].country.as_ref() == Some(country))
                    {
                        return c;
                    }
                }
            }
        }
    }
    *cands
        .iter()
        .max_by_key(|&&a| {
            (
                kb.actors()[a]
                    .country
                    .as_ref()
                    .and_then(|c| context.get(c))
                    .copied()
                    .unwrap_or(0),
                std::cmp::Reverse(a),
            )
        })
        .unwrap()
}

/// "Name (ACR)": returns ACR when its letters are the initials of the name's capitalised words
/// (or it is a short all-capitals token right after the name).
fn defined_acronym(after: &str, name: &str) -> Option<String> {
    let rest = after
        .strip_prefix(" (")
        .or_else(|| after.strip_prefix('('))?;
    let close = rest.find(')')?;
    let acr = &rest[..close];
    let letters: Vec<char> = acr.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() < 2
        || letters.len() > 8
        || !acr
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '.')
    {
        return None;
    }
    if !letters
        .iter()
        .filter(|c| c.is_alphabetic())
        .all(|c| c.is_uppercase())
    {
        return None;
    }
    let initials: String = name
        .split_whitespace()
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_uppercase())
        .flat_map(|c| {
            mosaic_core::strip_diacritics(&c.to_string())
                .chars()
                .collect::<Vec<_>>()
        })
        .collect();
    let acr_plain = mosaic_core::strip_diacritics(&letters.iter().collect::<String>());
    // Services are often known by initials in their own language ("National Intelligence
    // Organisation (MIT)", "State Security Service (DTX)"), so for a name with an organisation
    // word any short all-capitals form counts; otherwise the letters must fit the initials.
    let org_name = name
        .split_whitespace()
        .any(|w| crate::stages::chunks::ORG_HEADS.contains(&w));
    let plausible = org_name && letters.len() <= 6
        || initials.contains(&acr_plain)
        || acr_plain.starts_with(initials.chars().next().unwrap_or('#'));
    plausible.then(|| acr.to_string())
}

/// "the Organisation", "the Agency", "the Ministry": a capitalised generic head after "the" refers
/// to the organisation of that kind named most recently.
/// Returns (reference span, antecedent span) pairs.
fn add_definite_references(w: &mut Work) -> Vec<(Span, Span)> {
    const SERVICE: &[&str] = &[
        "agency",
        "service",
        "organisation",
        "organization",
        "directorate",
        "committee",
        "intelligence",
        "bureau",
        "mit",
        "mossad",
        "fsb",
    ];
    const GROUP: &[&str] = &[
        "group",
        "organisation",
        "organization",
        "party",
        "front",
        "movement",
        "brigades",
        "army",
        "hezbollah",
        "hamas",
        "pkk",
    ];
    const HEADS: &[(&str, &[&str], Option<ActorType>)] = &[
        ("Organisation", &["organisation", "organization"], None),
        ("Organization", &["organisation", "organization"], None),
        ("Agency", &["agency"], None),
        ("Service", &["service"], None),
        ("Ministry", &["ministry"], None),
        ("Directorate", &["directorate"], None),
        // Lower-case descriptions refer back just as often: "the agency said", "the ministry".
        ("agency", SERVICE, Some(ActorType::Agency)),
        ("service", SERVICE, Some(ActorType::Agency)),
        ("ministry", &["ministry"], Some(ActorType::Ministry)),
        ("group", GROUP, Some(ActorType::Group)),
    ];
    let text = w.doc.text.clone();
    let mut added = Vec::new();
    let mut linked = Vec::new();
    for (head, words, actor_type) in HEADS {
        for article in ["the ", "The "] {
            let needle = format!("{article}{head}");
            let mut from = 0;
            while let Some(pos) = text[from..].find(&needle) {
                let start = from + pos + 4;
                let end = start + head.len();
                from = end;
                // "the Organisation of Islamic Cooperation" is a name of its own, not a reference.
                let next = text[end..].trim_start();
                if next.starts_with("of ")
                    || next.chars().next().is_some_and(|c| c.is_uppercase())
                    || text[end..].starts_with(|c: char| c.is_alphanumeric())
                {
                    continue;
                }
                // A model mention of the bare word ("the Organisation" tagged ORG) is the same
                // reference: it is linked, not added again.
                let covering = w
                    .doc
                    .mentions
                    .iter()
                    .position(|m| m.span.contains(Span::new(start, end)));
                let existing = covering.is_some_and(|c| {
                    w.doc.mentions[c].span == Span::new(start, end)
                        && w.mention_actors[c].is_empty()
                });
                if covering.is_some() && !existing {
                    continue;
                }
                let antecedent = w.doc.mentions.iter().enumerate().rev().find(|(i, m)| {
                    m.span.end <= start
                        && start - m.span.end < 1500
                        && m.kind == EntityKind::Org
                        && (words.iter().any(|wd| m.text.to_lowercase().contains(wd))
                            || w.mention_actors[*i].iter().any(|&a| {
                                Some(w.kb.actors()[a].actor_type) == *actor_type
                                    || words
                                        .iter()
                                        .any(|wd| w.kb.actors()[a].name.to_lowercase().contains(wd))
                            }))
                });
                if let Some((i, m)) = antecedent {
                    if existing {
                        linked.push((Span::new(start, end), m.span));
                        continue;
                    }
                    added.push((
                        Span::new(start, end),
                        w.mention_actors[i].clone(),
                        m.kind,
                        m.span,
                    ));
                }
            }
        }
    }
    let mut links = linked;
    for (span, actors, kind, antecedent_span) in added {
        links.push((span, antecedent_span));
        let text_of = text[span.range()].to_string();
        let pos = w
            .doc
            .mentions
            .partition_point(|m| m.span.start < span.start);
        w.doc.mentions.insert(
            pos,
            Mention {
                span,
                text: text_of,
                kind,
                source: MentionSource::Coreference,
                entity: None,
                adjectival: false,
            },
        );
        w.mention_actors.insert(pos, actors);
    }
    links
}

/// The text "<Country>'s NAME" or "<Demonym> NAME" when a country mention stands right before
/// an organisation mention.
fn qualified_form(
    doc: &mosaic_core::Document,
    mentions: &[Mention],
    m: &Mention,
) -> Option<String> {
    let before = mentions
        .iter()
        .rev()
        .find(|p| p.span.end <= m.span.start && m.span.start - p.span.end <= 3)?;
    if !(before.adjectival || before.kind == EntityKind::Gpe) {
        return None;
    }
    let gap = &doc.text[before.span.end..m.span.start];
    matches!(gap, " " | "'s " | "’s ").then(|| doc.text[before.span.start..m.span.end].to_string())
}

/// Prepositions after which a lone unknown name is a place ("in Penjwen", "near Giza").
const LOCATIVE: &[&str] = &[
    "in", "near", "at", "from", "outside", "around", "into", "across", "toward", "towards", "to",
];

/// Corrects the model's type of a new (non-knowledge-base) entity from its context: a one-word
/// "person" that is never given a full name but stands after "in"/"near" or before "base"/
/// "crossing" is a place.
fn kind_from_context(
    text: &str,
    mentions: &[&Mention],
    all: &[Mention],
    kind: EntityKind,
) -> Option<(EntityKind, String)> {
    // A one-word "person" or "organisation" that no knowledge names and that never appears as
    // a longer name: the model's guess for an unknown place.
    if !matches!(kind, EntityKind::Person | EntityKind::Org)
        || mentions.iter().any(|m| {
            m.text.split_whitespace().count() > 1 || m.text.chars().all(|c| !c.is_lowercase())
        })
    {
        return None;
    }
    let was = kind.as_str().to_lowercase();
    for m in mentions {
        let before = text[..m.span.start]
            .split_whitespace()
            .last()
            .unwrap_or("")
            .to_lowercase();
        let after: Vec<String> = text[m.span.end..]
            .split_whitespace()
            .take(2)
            .map(|w| {
                w.trim_matches(|c: char| !c.is_alphanumeric())
                    .to_lowercase()
            })
            .collect();
        if after
            .iter()
            .any(|w| crate::words::words().place_nouns.contains(w.as_str()))
        {
            return Some((
                EntityKind::Loc,
                format!(
                    "\"{}\" is followed by a place word: a place, not a {was}",
                    m.text
                ),
            ));
        }
        // "the coastal town of Sandakan"
        let two_before: Vec<String> = text[..m.span.start]
            .split_whitespace()
            .rev()
            .take(2)
            .map(|w| w.to_lowercase())
            .collect();
        let of_place = two_before.len() == 2
            && two_before[0] == "of"
            && crate::words::words()
                .place_nouns
                .contains(two_before[1].as_str());
        if LOCATIVE.contains(&before.as_str()) || of_place {
            return Some((
                EntityKind::Gpe,
                format!("\"{}\" follows \"{before}\": a place, not a {was}", m.text),
            ));
        }
        if let Some(place) = coordinated_place(text, m.span.start, all) {
            return Some((
                EntityKind::Gpe,
                format!(
                    "\"{}\" is listed with the place \"{}\": a place, not a {was}",
                    m.text, place.text
                ),
            ));
        }
    }
    None
}

/// "in Lankaran and Astara", "raids in Kuwait City, Jahra and Ahmadi": the place a name is
/// coordinated with, when that place itself stands after a locative preposition.
fn coordinated_place<'m>(text: &str, at: usize, all: &'m [Mention]) -> Option<&'m Mention> {
    let before = text[..at].trim_end();
    let before = before
        .strip_suffix("and")
        .or_else(|| before.strip_suffix("or"))
        .or_else(|| before.strip_suffix(','))?
        .trim_end();
    let place = all.iter().rev().find(|p| {
        p.span.end == before.len()
            && matches!(p.kind, EntityKind::Gpe | EntityKind::Loc)
            && !p.adjectival
    })?;
    let prep = text[..place.span.start]
        .split_whitespace()
        .last()
        .unwrap_or("")
        .to_lowercase();
    (LOCATIVE.contains(&prep.as_str()) || coordinated_place(text, place.span.start, all).is_some())
        .then_some(place)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn acronym_definitions() {
        assert_eq!(
            defined_acronym(" (MIT) said", "National Intelligence Organisation").as_deref(),
            Some("MIT")
        );
        assert_eq!(
            defined_acronym(" (IPA)", "Islamic Party in Azerbaijan").as_deref(),
            Some("IPA")
        );
        assert_eq!(defined_acronym(" (in 2019)", "Ankara"), None);
        assert_eq!(
            defined_acronym(" (ANKASAM)", "Ankara Center for Crisis and Policy Studies").as_deref(),
            Some("ANKASAM")
        );
    }
}
