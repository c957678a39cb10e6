//! Mention recognition: the knowledge base's alias matcher, the statistical NER (when the model
//! is installed) and, without it, the capitalised-chunk rules. Overlaps are settled here so that
//! resolution sees one mention per name (plus a country nested in an organisation's name, such as
//! "Israeli" in "Israeli Air Force", which is a mention of the state in its own right).

use mosaic_core::{EntityKind, Mention, MentionSource, Span};
use mosaic_kb::{ActorType, AliasKind, KnowledgeBase};

use crate::work::Work;

/// A mention candidate before overlaps are settled.
#[derive(Clone, Debug)]
struct Candidate {
    span: Span,
    kind: EntityKind,
    source: MentionSource,
    actors: Vec<usize>,
    demonym: bool,
}

pub fn recognise(w: &mut Work) {
    let kb = w.kb;
    let text = w.doc.text.clone();
    let mut kb_hits: Vec<Candidate> = kb
        .find_in_text(&text)
        .into_iter()
        .map(|hit| {
            let demonym = hit.candidates.iter().all(|c| c.how == AliasKind::Demonym);
            let first = &kb.actors()[hit.candidates[0].actor];
            Candidate {
                span: Span::new(hit.start, hit.end),
                kind: if demonym {
                    EntityKind::Norp
                } else {
                    first.kind
                },
                source: MentionSource::Gazetteer,
                actors: hit.candidates.iter().map(|c| c.actor).collect(),
                demonym,
            }
        })
        .collect();
    kb_hits.retain(|c| !c.actors.is_empty());
    // "in Sabah", "near Sabah": an outlet's name after a place preposition is the place (Sabah
    // the Malaysian state, not the Turkish daily) — unless something is being reported in it.
    for c in kb_hits.iter_mut() {
        if c.actors
            .iter()
            .all(|&a| kb.actors()[a].actor_type == mosaic_kb::ActorType::Media)
            && after_locative(&text, c.span.start)
        {
            c.actors.clear();
            c.kind = EntityKind::Gpe;
            c.source = MentionSource::Rule;
        }
    }
    // A lower-case description that several countries' bodies share ("a foreign intelligence
    // service", "the defence ministry") names no one by itself; a country before it is resolved
    // by `resolve_descriptors`, and anything else stays a common noun phrase.
    kb_hits.retain(|c| {
        if c.actors.is_empty() {
            return c.kind == EntityKind::Gpe;
        }
        let surface = &text[c.span.range()];
        let lower = !surface.chars().any(char::is_uppercase);
        !(lower && c.actors.len() > 1 && !c.demonym)
    });

    // "Abu Khaled al-Iraqi", "al-Masri": a demonym joined to an Arabic article is a name's nisba,
    // part of the person's name, not the state.
    kb_hits.retain(|c| !(c.demonym && after_arabic_article(&text, c.span.start)));

    let mut model: Vec<Candidate> = Vec::new();
    if let Some(parsed) = &w.parse {
        for ent in &parsed.ents {
            let Some(kind) = model_kind(&ent.label) else {
                continue;
            };
            let span = trim_mention(&text, Span::new(ent.start, ent.end));
            if span.is_empty() {
                continue;
            }
            // The model sometimes runs a name across a line break ("Shaimaa Shedeed\n\nPrimary");
            // its label then describes the whole run, so a cut-off personal name is re-typed.
            let (span, kind) = match text[span.range()].find('\n') {
                Some(nl) => {
                    let cut = trim_mention(&text, Span::new(span.start, span.start + nl));
                    let words: Vec<&str> = text[cut.range()].split_whitespace().collect();
                    let personal = (2..=3).contains(&words.len())
                        && words
                            .iter()
                            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
                        && !is_generic_name(&text[cut.range()]);
                    (cut, if personal { EntityKind::Person } else { kind })
                }
                None => (span, kind),
            };
            // "the Obama administration": an organisation named after a person.
            let (span, kind) = match (kind, institution_after(&text, span.end)) {
                (EntityKind::Person, Some(end)) => (Span::new(span.start, end), EntityKind::Org),
                _ => (span, kind),
            };
            let surface = &text[span.range()];
            if span.is_empty() || is_generic_name(surface) {
                continue;
            }
            if kind == EntityKind::Person && names_a_thing(&text, span.end) {
                continue;
            }
            let actors: Vec<usize> = kb.lookup(surface).into_iter().map(|h| h.actor).collect();
            let demonym = kind == EntityKind::Norp;
            model.push(Candidate {
                span,
                kind,
                source: MentionSource::Model,
                actors,
                demonym,
            });
        }
    } else {
        for s in &w.doc.sentences {
            for c in crate::stages::chunks::chunks(&text[s.span.range()], s.span.start) {
                let actors: Vec<usize> = kb
                    .lookup(&text[c.span.range()])
                    .into_iter()
                    .map(|h| h.actor)
                    .collect();
                model.push(Candidate {
                    span: c.span,
                    kind: c.kind,
                    source: MentionSource::Rule,
                    actors,
                    demonym: false,
                });
            }
        }
    }

    let mut kept: Vec<Candidate> = Vec::new();
    let mut used_kb = vec![false; kb_hits.len()];
    for m in model {
        let inside: Vec<usize> = (0..kb_hits.len())
            .filter(|&i| m.span.overlaps(kb_hits[i].span))
            .collect();
        if inside.is_empty() {
            // A lone model NORP that no knowledge resolves ("Kurdish", "Muslim") is not an actor.
            if m.kind != EntityKind::Norp {
                kept.push(m);
            }
            continue;
        }
        let covers_all = inside.iter().all(|&i| m.span.contains(kb_hits[i].span));
        if inside.iter().any(|&i| kb_hits[i].actors.is_empty()) {
            // A name read as a place by its context ("in Sabah"): that reading stands.
            continue;
        }
        if !m.actors.is_empty() && covers_all {
            // The whole model span is itself a known name ("Iranian Revolutionary Guards").
            for &i in &inside {
                used_kb[i] = true;
            }
            kept.push(Candidate {
                kind: kb.actors()[m.actors[0]].kind,
                ..m
            });
            continue;
        }
        if !covers_all || m.span == kb_hits[inside[0]].span {
            // Partial overlap or the same span: the knowledge base's reading wins.
            continue;
        }
        // The model span is longer than the knowledge base hits inside it.
        let only_persons = inside.iter().all(|&i| {
            kb_hits[i]
                .actors
                .iter()
                .all(|&a| kb.actors()[a].kind == EntityKind::Person)
        });
        if only_persons && m.kind != EntityKind::Person {
            // "the Obama administration", "the Erdogan government": named after a person.
            for &i in &inside {
                used_kb[i] = true;
            }
            kept.push(m);
            continue;
        }
        if only_persons && inside.len() == 1 {
            if let Some(rest) = second_person(kb, &text, &m, &kb_hits[inside[0]]) {
                // "Peres and Liberman Nejad": the known surname ends one person, another begins.
                kept.push(rest);
                continue;
            }
            // "Mannouchehr Mottaki": a fuller spelling of a known person.
            used_kb[inside[0]] = true;
            let actors = kb_hits[inside[0]].actors.clone();
            kept.push(Candidate { actors, ..m });
            continue;
        }
        let orgs: Vec<usize> = inside
            .iter()
            .copied()
            .filter(|&i| !is_place_or_demonym(kb, &kb_hits[i]))
            .collect();
        let prefix_only = orgs.len() == 1 && {
            let h = &kb_hits[orgs[0]];
            let before = &text[m.span.start..h.span.start];
            let after = &text[h.span.end..m.span.end];
            after.trim().is_empty()
                && inside
                    .iter()
                    .all(|&i| i == orgs[0] || kb_hits[i].span.end <= h.span.start)
                && {
                    let rest = before.trim();
                    rest.is_empty()
                        || rest.eq_ignore_ascii_case("the")
                        || inside
                            .iter()
                            .any(|&i| i != orgs[0] && is_place_or_demonym(kb, &kb_hits[i]))
                }
        };
        if prefix_only {
            // "Israeli Mossad", "the Turkish MIT": a country qualifier before a known organisation.
            let h = kb_hits[orgs[0]].clone();
            used_kb[orgs[0]] = true;
            kept.push(Candidate { span: m.span, ..h });
            continue;
        }
        // "Iranian Intelligence", "Turkish government": a state plus a generic word is the state
        // itself, not a new organisation (the demonym hit inside stays).
        if orgs.is_empty()
            && remainder_is_generic(&text, m.span, inside.iter().map(|&i| kb_hits[i].span))
        {
            continue;
        }
        if orgs.is_empty()
            && matches!(m.kind, EntityKind::Org | EntityKind::Loc)
            && m.span.end > kb_hits[*inside.last().unwrap()].span.end
        {
            // "Israeli Air Force", "Istanbul police": an organisation or region named after a place.
            kept.push(m);
            continue;
        }
        if let Some(rest) = person_after_places(&text, &m, inside.iter().map(|&i| &kb_hits[i])) {
            // "ambassador to Azerbaijan George Deek": the model ran the place into the name.
            kept.push(rest);
            continue;
        }
        // Otherwise trust the knowledge base hits inside and drop the model span.
    }
    for (i, h) in kb_hits.into_iter().enumerate() {
        if !used_kb[i] && !kept.iter().any(|k| k.span == h.span) {
            kept.push(h);
        }
    }
    add_glosses(&text, &mut kept);
    resolve_descriptors(kb, &text, &mut kept);
    extend_facilities(&text, &mut kept);
    type_by_neighbouring_noun(&text, &mut kept);
    kept.extend(named_features(&text, &kept));
    let titled = names_after_titles(kb, &text, &kept);
    kept.extend(titled);
    names_before_positions(kb, &text, &mut kept);
    let listed = places_listed_with_places(kb, &text, &kept);
    kept.extend(listed);
    let surnames = bare_surnames(kb, &text, &kept);
    kept.extend(surnames);
    // A span with no capital letter is a phrase, not a name ("the kingdom for years").
    // (Known names keep their case: "debkafile", "the top intelligence agency" of a country.)
    kept.retain(|c| {
        c.demonym || !c.actors.is_empty() || text[c.span.range()].chars().any(char::is_uppercase)
    });
    kept.sort_by_key(|c| (c.span.start, std::cmp::Reverse(c.span.end)));
    w.mention_actors.clear();
    w.doc.mentions.clear();
    for c in kept {
        w.doc.mentions.push(Mention {
            span: c.span,
            text: text[c.span.range()].to_string(),
            kind: c.kind,
            source: c.source,
            entity: None,
            adjectival: c.demonym,
        });
        w.mention_actors.push(c.actors);
    }
}

/// A model person span that opens with places or demonyms the knowledge base knows and goes on
/// with two or more capitalised words no one knows: those words are the person.
fn person_after_places<'c>(
    text: &str,
    m: &Candidate,
    inside: impl Iterator<Item = &'c Candidate>,
) -> Option<Candidate> {
    if m.kind != EntityKind::Person {
        return None;
    }
    let mut end = m.span.start;
    for h in inside {
        let place = h.demonym || h.kind == EntityKind::Gpe || h.kind == EntityKind::Loc;
        if place && text[end..h.span.start].trim().is_empty() {
            end = h.span.end;
            continue;
        }
        return None;
    }
    let rest = &text[end..m.span.end];
    let lead = rest.len() - rest.trim_start().len();
    let words: Vec<&str> = rest.split_whitespace().collect();
    let names = words.len() >= 2
        && words
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase));
    (end > m.span.start && lead > 0 && names).then(|| Candidate {
        span: Span::new(end + lead, m.span.end),
        kind: EntityKind::Person,
        source: m.source,
        actors: Vec::new(),
        demonym: false,
    })
}

/// "Israel's ambassador to Azerbaijan George Deek": two or three capitalised words right after a
/// title are a person's name, where the model found none.
fn names_after_titles(kb: &KnowledgeBase, text: &str, kept: &[Candidate]) -> Vec<Candidate> {
    static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let re = RE.get_or_init(|| {
        regex::Regex::new(
            r"(?i:ambassador|minister|president|spokesman|spokeswoman|spokesperson|envoy|commander|director|columnist|correspondent|reporter|analyst|adviser|advisor|leader|secretary|governor|mayor|chief|attaché|prosecutor|judge)(?: to (?:the )?\p{Lu}[\w-]+(?: \p{Lu}[\w-]+)?)? (\p{Lu}[\w'’-]+(?: \p{Lu}[\w'’-]+){1,2})\b",
        )
        .expect("title pattern")
    });
    re.captures_iter(text)
        .filter_map(|c| c.get(1))
        .map(|g| Span::new(g.start(), g.end()))
        .filter(|&span| !kept.iter().any(|k| k.span.overlaps(span)))
        .filter(|&span| {
            text[span.range()]
                .split_whitespace()
                .all(|w| kb.lookup(w).is_empty() && !kb.is_common_word(w))
        })
        .map(|span| Candidate {
            span,
            kind: EntityKind::Person,
            source: MentionSource::Rule,
            actors: Vec::new(),
            demonym: false,
        })
        .collect()
}

/// "Duran Kalkan, a member of the group's executive committee": two or three capitalised words
/// before an apposition that states a position are a person's name, whatever the model made of
/// them (it read "Duran" as a place). Known names are left alone.
fn names_before_positions(kb: &KnowledgeBase, text: &str, kept: &mut Vec<Candidate>) {
    static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let re = RE.get_or_init(|| {
        regex::Regex::new(r"(\p{Lu}[\p{L}'’-]+(?: \p{Lu}[\p{L}'’-]+){1,2}), (?:a |an |the )?((?:[\p{Ll}-]+ ){0,3}[\p{Ll}-]+)")
            .expect("apposition pattern")
    });
    let found: Vec<Span> = re
        .captures_iter(text)
        .filter_map(|c| {
            let (name, after) = (c.get(1)?, c.get(2)?);
            let position = after
                .as_str()
                .split_whitespace()
                .any(super::roles::is_role_word);
            let span = Span::new(name.start(), name.end());
            let known = kept.iter().any(|k| {
                k.span.overlaps(span) && (!k.actors.is_empty() || k.kind == EntityKind::Person)
            });
            let words_unknown = name
                .as_str()
                .split_whitespace()
                .all(|w| kb.lookup(w).is_empty() && !kb.is_common_word(w));
            (position && !known && words_unknown).then_some(span)
        })
        .collect();
    for span in found {
        kept.retain(|k| !k.span.overlaps(span));
        kept.push(Candidate {
            span,
            kind: EntityKind::Person,
            source: MentionSource::Rule,
            actors: Vec::new(),
            demonym: false,
        });
    }
}

/// "raids in Lankaran and Masally": a capitalised name listed after a place that follows a
/// locative is a place too, where the model found nothing.
fn places_listed_with_places(kb: &KnowledgeBase, text: &str, kept: &[Candidate]) -> Vec<Candidate> {
    static NEXT: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let next = NEXT.get_or_init(|| {
        regex::Regex::new(r"^(?:\s+and\s+|\s+or\s+)(\p{Lu}[\p{L}-]+)\b").expect("list pattern")
    });
    let mut out: Vec<Candidate> = Vec::new();
    let mut places: Vec<Span> = kept
        .iter()
        .filter(|c| matches!(c.kind, EntityKind::Gpe | EntityKind::Loc) && !c.demonym)
        .filter(|c| after_locative(text, c.span.start))
        .map(|c| c.span)
        .collect();
    while let Some(place) = places.pop() {
        let Some(c) = next.captures(&text[place.end..]) else {
            continue;
        };
        let g = c.get(1).expect("group 1");
        let span = Span::new(place.end + g.start(), place.end + g.end());
        let taken = kept.iter().chain(&out).any(|k| k.span.overlaps(span));
        let word = &text[span.range()];
        if taken || !kb.lookup(word).is_empty() || kb.is_common_word(word) {
            continue;
        }
        out.push(Candidate {
            span,
            kind: EntityKind::Gpe,
            source: MentionSource::Rule,
            actors: Vec::new(),
            demonym: false,
        });
        places.push(span);
    }
    out
}

/// "… Gen. Mohammad Pakpour warned Israel. Pakpour once worked …": a person's surname alone,
/// later in the text, where the model found no name. The surname must be no other actor's name
/// and no common word, and written with its capital.
fn bare_surnames(kb: &KnowledgeBase, text: &str, kept: &[Candidate]) -> Vec<Candidate> {
    let mut out: Vec<Candidate> = Vec::new();
    for c in kept
        .iter()
        .filter(|c| c.kind == EntityKind::Person && !c.demonym)
    {
        let full = &text[c.span.range()];
        let Some(surname) = full.split_whitespace().last() else {
            continue;
        };
        let surname = super::resolve::strip_arabic_article(surname);
        if full.split_whitespace().count() < 2
            || surname.chars().count() < 4
            || !surname.chars().next().is_some_and(char::is_uppercase)
            || !kb
                .lookup(surname)
                .iter()
                .all(|h| c.actors.contains(&h.actor))
            || kb.is_common_word(surname)
            || crate::words::words()
                .time_nouns
                .contains(&surname.to_lowercase())
        {
            continue;
        }
        for (at, _) in text[c.span.end..].match_indices(surname) {
            let start = c.span.end + at;
            let span = Span::new(start, start + surname.len());
            let bounded = !text[..start].ends_with(|ch: char| ch.is_alphanumeric() || ch == '-')
                && !text[span.end..].starts_with(|ch: char| ch.is_alphanumeric() || ch == '-');
            let covered = kept.iter().chain(&out).any(|k| k.span.overlaps(span));
            if bounded && !covered {
                out.push(Candidate {
                    span,
                    kind: EntityKind::Person,
                    source: MentionSource::Rule,
                    actors: c.actors.clone(),
                    demonym: false,
                });
            }
        }
    }
    out
}

/// Does the name ending at `end` name a thing ("the Emad operation", "Saadabad and Baghdad
/// Pacts")? The noun may follow at once or after a second coordinated name.
fn names_a_thing(text: &str, end: usize) -> bool {
    let words: Vec<&str> = text[end..].split_whitespace().take(4).collect();
    let bare = |w: &str| {
        w.trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase()
    };
    let thing = |w: &str| crate::words::words().thing_name_nouns.contains(&bare(w));
    let capital = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    match words.as_slice() {
        [first, ..] if thing(first) => true,
        ["and", name, noun, ..] => capital(name) && thing(noun),
        _ => false,
    }
}

/// A model person span that starts with a known person's surname and goes on with another
/// capitalised name ("Liberman Nejad") joins two people: the rest is a person of its own.
fn second_person(
    kb: &KnowledgeBase,
    text: &str,
    m: &Candidate,
    hit: &Candidate,
) -> Option<Candidate> {
    if m.kind != EntityKind::Person || hit.span.start != m.span.start || hit.span.end >= m.span.end
    {
        return None;
    }
    let surname = &text[hit.span.range()];
    let is_surname = hit.actors.iter().any(|&a| {
        let name = &kb.actors()[a].name;
        name.split_whitespace().count() > 1 && name.split_whitespace().last() == Some(surname)
    });
    let rest = &text[hit.span.end..m.span.end];
    let lead = rest.len() - rest.trim_start().len();
    let starts_name = rest
        .trim_start()
        .chars()
        .next()
        .is_some_and(char::is_uppercase);
    (is_surname && lead > 0 && starts_name).then(|| Candidate {
        span: Span::new(hit.span.end + lead, m.span.end),
        kind: EntityKind::Person,
        source: m.source,
        actors: Vec::new(),
        demonym: false,
    })
}

/// "NAME (Turkish: FOREIGN NAME)": the foreign name, however the model cut it, is one name of
/// the same actor; the language word inside names no one.
fn add_glosses(text: &str, kept: &mut Vec<Candidate>) {
    for g in super::naming::glosses(text) {
        let before = text[..g.open].trim_end().len();
        let Some(named) = kept.iter().find(|c| c.span.end == before && !c.demonym) else {
            continue;
        };
        let gloss = Candidate {
            span: g.name,
            kind: named.kind,
            source: MentionSource::Rule,
            actors: named.actors.clone(),
            demonym: false,
        };
        kept.retain(|c| !c.span.overlaps(g.whole));
        kept.push(gloss);
    }
}

/// Is `at` right after an Arabic article written with a hyphen ("al-", "el-", "as-", "ad-")?
fn after_arabic_article(text: &str, at: usize) -> bool {
    let before = &text[..at];
    let Some(stem) = before.strip_suffix('-') else {
        return false;
    };
    let word = stem
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    matches!(
        word,
        "al" | "Al" | "el" | "El" | "as" | "ad" | "ash" | "an" | "ar" | "az" | "at"
    )
}

fn is_place_or_demonym(kb: &KnowledgeBase, c: &Candidate) -> bool {
    c.demonym
        || c.actors
            .iter()
            .all(|&a| matches!(kb.actors()[a].kind, EntityKind::Gpe | EntityKind::Loc))
}

fn model_kind(label: &str) -> Option<EntityKind> {
    Some(match label {
        "PERSON" => EntityKind::Person,
        "ORG" => EntityKind::Org,
        "GPE" => EntityKind::Gpe,
        "LOC" | "FAC" => EntityKind::Loc,
        "NORP" => EntityKind::Norp,
        _ => return None,
    })
}

/// Drops a leading "the" and a trailing possessive or punctuation from a model span.
pub fn trim_mention(text: &str, span: Span) -> Span {
    let mut s = &text[span.range()];
    let mut start = span.start;
    for article in ["the ", "The "] {
        if let Some(rest) = s.strip_prefix(article) {
            start += article.len();
            s = rest;
        }
    }
    // "Organisation (Turkish: Teşkilat": a parenthesis the span opens but never closes is not
    // part of the name.
    if let Some(open) = s.rfind('(') {
        if !s[open..].contains(')') {
            s = &s[..open];
        }
    }
    for suffix in ["'s", "’s", "'", "’"] {
        if let Some(rest) = s.strip_suffix(suffix) {
            s = rest;
            break;
        }
    }
    let s = s.trim_end_matches(|c: char| !c.is_alphanumeric() && c != ')' && c != '.');
    let lead = s.len() - s.trim_start().len();
    Span::new(start + lead, start + s.len())
}

/// Words that alone never make a name: a model span made only of these ("Defense", "Armed
/// Forces", "State Intelligence Services") is a description, not an actor; nor is a rank ("Brig").
const GENERIC_WORDS: &[&str] = &[
    "defense",
    "defence",
    "foreign",
    "interior",
    "ministry",
    "minister",
    "armed",
    "forces",
    "force",
    "army",
    "state",
    "government",
    "intelligence",
    "services",
    "service",
    "agency",
    "agencies",
    "security",
    "council",
    "police",
    "military",
    "air",
    "navy",
    "national",
    "general",
    "staff",
    "chief",
    "department",
    "office",
    "affairs",
    "the",
    "of",
    "and",
    "brig",
    "gen",
    "col",
    "lt",
    "maj",
    "capt",
    "adm",
    "sgt",
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "president",
    "prime",
    "deputy",
    "secretary",
    "islamic",
    "republic",
    "republics",
    "primary",
    "sharia",
    "muslim",
    "world",
    "east",
    "west",
    "north",
    "south",
    "south-east",
    "southeast",
    "north-east",
    "northeast",
    "uav",
    "drone",
    "drones",
];

fn is_generic_name(surface: &str) -> bool {
    surface
        .split(|c: char| c.is_whitespace() || c == '.')
        .filter(|w| !w.is_empty())
        .all(|w| GENERIC_WORDS.contains(&w.to_lowercase().as_str()))
}

/// "Turkey's top intelligence agency", "the Israeli foreign intelligence service": a state named
/// just before a description of a service stands for that state's service. The state's services
/// are ranked by how well their names fit the description (a ministry for "intelligence
/// ministry", a foreign service for "foreign"), then by the knowledge base's order, which lists
/// each country's principal service first.
fn resolve_descriptors(kb: &KnowledgeBase, text: &str, kept: &mut Vec<Candidate>) {
    static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let re = RE.get_or_init(|| {
        regex::Regex::new(
            r"(?i)^(?:['’]s)?\s+((?:(?:top|national|main|chief|principal|foreign|domestic|external|internal|own|state|secret|military|civilian|feared|powerful|notorious)\s+)*(?:intelligence|spy|security|counterintelligence|counter-intelligence|secret)\s+(?:agency|service|organi[sz]ation|ministry|apparatus))\b",
        )
        .unwrap()
    });
    static MINISTRY_AFTER: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let ministry_after = MINISTRY_AFTER.get_or_init(|| {
        regex::Regex::new(r"(?i)^(?:['’]s)?\s+((?:foreign|defen[cs]e|interior|home)\s+ministry|ministry\s+of\s+(?:foreign\s+affairs|defen[cs]e|national\s+defen[cs]e|interior|the\s+interior))\b").unwrap()
    });
    static MINISTRY_BEFORE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let ministry_before = MINISTRY_BEFORE.get_or_init(|| {
        regex::Regex::new(r"(?i)\b((?:foreign|defen[cs]e|interior|home)\s+ministry)\s+in\s+$")
            .unwrap()
    });
    let mut found: Vec<(Span, usize)> = Vec::new();
    for c in kept.iter() {
        // A state, or a capital standing for it ("the foreign ministry in Baku").
        let state = c
            .actors
            .iter()
            .copied()
            .find(|&a| kb.actors()[a].actor_type == ActorType::State)
            .or_else(|| {
                c.actors.iter().find_map(|&a| {
                    kb.actors()[a]
                        .capital_of
                        .as_deref()
                        .and_then(|id| kb.index_of(id))
                })
            });
        let Some(state) = state else { continue };
        let Some(country) = kb.actors()[state].country.clone() else {
            continue;
        };
        let is_capital =
            kb.actors()[state].actor_type == ActorType::State && !c.actors.contains(&state);
        if !is_capital && (c.demonym || matches!(kb.actors()[state].kind, EntityKind::Gpe)) {
            let rest = &text[c.span.end..];
            if let Some(caps) = re.captures(rest) {
                let g = caps.get(1).unwrap();
                let span = Span::new(c.span.end + g.start(), c.span.end + g.end());
                if let Some(agency) = principal_service(kb, &country, &g.as_str().to_lowercase()) {
                    found.push((span, agency));
                }
            } else if let Some(caps) = ministry_after.captures(rest) {
                let g = caps.get(1).unwrap();
                if let Some(m) = state_ministry(kb, &country, g.as_str()) {
                    found.push((Span::new(c.span.end + g.start(), c.span.end + g.end()), m));
                }
            }
        }
        if let Some(caps) = ministry_before.captures(&text[..c.span.start]) {
            let g = caps.get(1).unwrap();
            if let Some(m) = state_ministry(kb, &country, g.as_str()) {
                found.push((Span::new(g.start(), g.end()), m));
            }
        }
    }
    for (span, agency) in found {
        kept.retain(|k| !(k.span == span || span.contains(k.span) && !k.demonym));
        kept.push(Candidate {
            span,
            kind: EntityKind::Org,
            source: MentionSource::Rule,
            actors: vec![agency],
            demonym: false,
        });
    }
}

/// A country's foreign, defence or interior ministry (knowledge-base ids `gov:ISO:mfa|mod|moi`).
fn state_ministry(kb: &KnowledgeBase, country: &str, description: &str) -> Option<usize> {
    let d = description.to_lowercase();
    let suffix = if d.contains("foreign") {
        "mfa"
    } else if d.contains("defen") {
        "mod"
    } else if d.contains("interior") || d.contains("home") {
        "moi"
    } else {
        return None;
    };
    kb.index_of(&format!("gov:{country}:{suffix}"))
}

fn principal_service(kb: &KnowledgeBase, country: &str, description: &str) -> Option<usize> {
    let fits = |a: &mosaic_kb::Actor| {
        let hay = format!(
            "{} {} {}",
            a.name,
            a.aliases.join(" "),
            a.note.as_deref().unwrap_or("")
        )
        .to_lowercase();
        let mut score = 0;
        for (cue, word) in [
            ("ministry", "ministry"),
            ("foreign", "foreign"),
            ("external", "foreign"),
            ("domestic", "domestic"),
            ("military", "military"),
            ("security", "security"),
        ] {
            if description.contains(cue) && hay.contains(word) {
                score += 2;
            }
        }
        if !description.contains("military") && hay.contains("military") {
            score -= 1;
        }
        score
    };
    kb.actors()
        .iter()
        .enumerate()
        .filter(|(_, a)| {
            a.country.as_deref() == Some(country)
                && a.actor_type == ActorType::Agency
                && !a.former
                && a.sector.as_deref().is_none_or(|s| s == "SPY")
        })
        .max_by_key(|(i, a)| (fits(a), std::cmp::Reverse(*i)))
        .map(|(i, _)| i)
}

/// Words that, after a state's name, describe the state rather than name an institution.
const STATE_GENERIC: &[&str] = &[
    "intelligence",
    "government",
    "authorities",
    "officials",
    "leadership",
    "regime",
    "side",
    "state",
    "administration",
    "services",
    "agencies",
    "intelligence services",
    "intelligence agencies",
    "media",
    "press",
    "people",
    "public",
];

/// Is the part of `span` outside the knowledge-base hits only a generic word such as "Intelligence"?
fn remainder_is_generic(text: &str, span: Span, hits: impl Iterator<Item = Span>) -> bool {
    let mut rest = String::new();
    let mut at = span.start;
    let mut hits: Vec<Span> = hits.collect();
    hits.sort();
    for h in hits {
        if h.start > at {
            rest.push_str(&text[at..h.start]);
        }
        at = at.max(h.end);
    }
    if span.end > at {
        rest.push_str(&text[at..span.end]);
    }
    let rest = rest
        .trim()
        .trim_start_matches("'s")
        .trim_start_matches("’s")
        .trim()
        .to_lowercase();
    !rest.is_empty() && STATE_GENERIC.contains(&rest.as_str())
}

/// End of "administration"/"government"/"regime"/"cabinet" right after a person's name.
fn institution_after(text: &str, end: usize) -> Option<usize> {
    let rest = text[end..]
        .strip_prefix("'s ")
        .or_else(|| text[end..].strip_prefix(' '))?;
    let word: String = rest.chars().take_while(|c| c.is_alphabetic()).collect();
    matches!(
        word.as_str(),
        "administration" | "government" | "regime" | "cabinet" | "Administration" | "Government"
    )
    .then(|| end + (text[end..].len() - rest.len()) + word.len())
}

/// "the Vaziani military base", "the Rafah crossing", "the Sangachal oil terminal": a place name
/// followed by a facility word names the facility, a place of its own.
fn extend_facilities(text: &str, kept: &mut [Candidate]) {
    static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let re = RE.get_or_init(|| {
        regex::Regex::new(r"^\s+((?:military|air|naval|oil|gas|border|nuclear|army|power|detention)\s+)?(base|airbase|air\s+base|terminal|crossing|airport|port|plant|facility|prison|camp|checkpoint|refinery|field|complex)\b").unwrap()
    });
    for c in kept.iter_mut() {
        if c.demonym
            || !matches!(
                c.kind,
                EntityKind::Gpe | EntityKind::Loc | EntityKind::Person | EntityKind::Org
            )
        {
            continue;
        }
        // Known names keep their identity ("Baku airport" is still about Baku, "Hezbollah camp"
        // about Hezbollah); only names no knowledge holds become facilities.
        if !c.actors.is_empty() {
            continue;
        }
        if let Some(m) = re.find(&text[c.span.end..]) {
            c.span = Span::new(c.span.start, c.span.end + m.end());
            c.kind = EntityKind::Loc;
            c.actors.clear();
            c.source = MentionSource::Rule;
        }
    }
}

/// What the noun beside an unknown name says it is (the answer keys' conventions): "Syunik
/// province", "the town of Sidakan" are places of government (GPE); "the Litani river", "the
/// Hamrin mountains", "the Khurais oil field" are geography (LOC, the river or mountains named
/// with their noun); "the Saudi daily Okaz", "Mizan news agency", "the opposition Unity bloc" are
/// organisations; "the Galilee" is no person.
fn type_by_neighbouring_noun(text: &str, kept: &mut [Candidate]) {
    static AFTER: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    static BEFORE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let after = AFTER.get_or_init(|| {
        regex::Regex::new(r"^\s+(?:(province|provinces|district|governorate|county|municipality|town|village|city|region)|(river|mountains|mountain|valley|desert|lake|plain|plateau)|(?:oil\s+|gas\s+|concert\s+|music\s+|sports\s+|shopping\s+)?(field|venue|stadium|arena|mall)|(news\s+agency|newspaper|daily|weekly|television|tv|radio|bloc|party|movement|alliance|coalition|front))\b").unwrap()
    });
    let before = BEFORE.get_or_init(|| {
        regex::Regex::new(r"(?i)\b(?:((?:the\s+(?:town|village|city|province|district|region)|provinces|regions|districts|governorates)\s+of(?:\s+\p{Lu}[\p{L}-]+\s+and)?)|((?:the\s+)?(?:\p{Lu}\p{L}+\s+)?(?:daily|newspaper|weekly|broadcaster)))\s+$").unwrap()
    });
    for c in kept.iter_mut() {
        if c.demonym || !c.actors.is_empty() && c.kind != EntityKind::Loc {
            continue;
        }
        let tail = &text[c.span.end..];
        if let Some(m) = after.captures(tail) {
            if m.get(1).is_some() {
                c.kind = EntityKind::Gpe;
            } else if m.get(2).is_some() {
                c.span = Span::new(c.span.start, c.span.end + m.get(0).unwrap().end());
                c.kind = EntityKind::Loc;
                c.actors.clear();
            } else if m.get(3).is_some() {
                c.kind = EntityKind::Loc;
            } else if c.actors.is_empty() {
                c.kind = EntityKind::Org;
            }
            c.source = MentionSource::Rule;
            continue;
        }
        let head = &text[..c.span.start];
        if let Some(m) = before.captures(head) {
            c.kind = if m.get(1).is_some() {
                EntityKind::Gpe
            } else {
                EntityKind::Org
            };
            c.source = MentionSource::Rule;
            continue;
        }
        // "Haifa and the Galilee": a single word after "the" is no person's name.
        let single = !text[c.span.range()].contains(' ');
        if c.kind == EntityKind::Person && single && head.ends_with("the ") {
            c.kind = EntityKind::Loc;
        }
    }
}

/// "the Litani river", "the Hamrin mountains": geography the model leaves out, found by its noun.
fn named_features(text: &str, kept: &[Candidate]) -> Vec<Candidate> {
    static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let re = RE.get_or_init(|| {
        regex::Regex::new(
            r"\bthe\s+((?:\p{Lu}[\p{L}'-]+\s+){1,3}(?:river|mountains|valley|desert|plain|plateau))\b",
        )
        .unwrap()
    });
    // "a lawmaker from the opposition Unity bloc": a political grouping named by its noun.
    static BLOC: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let bloc = BLOC.get_or_init(|| {
        regex::Regex::new(
            r"\bthe\s+(?:(?:opposition|ruling|governing|nationalist|islamist|conservative|liberal|centrist|pro-\p{L}+)\s+)*((?:\p{Lu}[\p{L}'-]+\s+){1,3}(?:bloc|alliance|coalition))\b",
        )
        .unwrap()
    });
    let places = re
        .captures_iter(text)
        .filter_map(|c| c.get(1))
        .map(|m| (Span::new(m.start(), m.end()), EntityKind::Loc));
    let blocs = bloc
        .captures_iter(text)
        .filter_map(|c| c.get(1))
        .map(|m| (Span::new(m.start(), m.end()), EntityKind::Org));
    places
        .chain(blocs)
        .filter(|(span, _)| !kept.iter().any(|k| k.span.overlaps(*span)))
        .map(|(span, kind)| Candidate {
            span,
            kind,
            source: MentionSource::Rule,
            actors: Vec::new(),
            demonym: false,
        })
        .collect()
}

/// Does a place preposition stand right before `at`, without a verb of publishing before it
/// ("arrested in Sabah" yes, "reported in Sabah" no)?
fn after_locative(text: &str, at: usize) -> bool {
    let mut words = text[..at].split_whitespace().rev();
    let prep = words.next().unwrap_or("").to_lowercase();
    if !matches!(
        prep.as_str(),
        "in" | "near" | "across" | "from" | "into" | "around" | "outside"
    ) {
        return false;
    }
    let verb = words.next().unwrap_or("").to_lowercase();
    ![
        "reported",
        "published",
        "wrote",
        "written",
        "said",
        "quoted",
        "appeared",
        "told",
        "interview",
        "column",
        "article",
        "printed",
        "according",
        "speaking",
        "story",
        "report",
        "editorial",
    ]
    .iter()
    .any(|v| verb.starts_with(v))
}

#[cfg(test)]
mod feature_tests {
    use super::*;

    #[test]
    fn blocs_are_named_by_their_noun() {
        let t = "Nino Lomidze, a lawmaker from the opposition Unity bloc, said so.";
        let found = named_features(t, &[]);
        assert_eq!(found.len(), 1);
        assert_eq!(&t[found[0].span.range()], "Unity bloc");
        assert_eq!(found[0].kind, EntityKind::Org);
    }
}
