//! Roles over time: (person, title, organisation, current/former) from the constructions news
//! uses to introduce people — a title before the name ("Turkish Foreign Minister Hakan Fidan",
//! "former Israeli president Shimon Peres"), an apposition after it ("Hakan Fidan, head of the
//! Turkish MIT intelligence service") or before it ("Iran's intelligence minister, Esmail Khatib").
//! The organisation is the organisation named inside the title, else the state it names.

use mosaic_core::{EntityKind, Role, RoleStatus, Span};

use crate::work::Work;

/// Nouns that make a phrase a position.
const ROLE_NOUNS: &[&str] = &[
    "minister",
    "president",
    "premier",
    "chief",
    "head",
    "director",
    "commander",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "ambassador",
    "secretary",
    "leader",
    "chairman",
    "chairwoman",
    "chair",
    "governor",
    "mayor",
    "king",
    "emir",
    "prince",
    "speaker",
    "deputy",
    "adviser",
    "advisor",
    "envoy",
    "official",
    "officer",
    "founder",
    "member",
    "judge",
    "prosecutor",
    "chancellor",
    "lawmaker",
    "senator",
    "diplomat",
    "consul",
    "boss",
    "coordinator",
    "employee",
    "figure",
    "commissioner",
    "attorney-general",
    "undersecretary",
    "vice-president",
    "vice",
    "counterpart",
    "agent",
    "operative",
    "analyst",
    "researcher",
    "professor",
    "editor",
    "correspondent",
    "representative",
    "staff",
];

/// Military and police ranks (a rank alone is not a role in an organisation, but it is part of
/// the title phrase and must not stop the scan).
const RANKS: &[&str] = &[
    "Gen.",
    "Gen",
    "General",
    "Brig.",
    "Brig",
    "Brigadier",
    "Maj.",
    "Maj",
    "Major",
    "Col.",
    "Col",
    "Colonel",
    "Lt.",
    "Lt",
    "Lieutenant",
    "Capt.",
    "Captain",
    "Adm.",
    "Admiral",
    "Rear",
    "Vice",
    "Sgt.",
    "Mr.",
    "Mrs.",
    "Ms.",
    "Dr.",
];

/// Lower-case words that belong inside a title ("military Chief of Staff", "deputy intelligence
/// minister", "acting head").
const TITLE_MODIFIERS: &[&str] = &[
    "of",
    "for",
    "the",
    "in",
    "acting",
    "interim",
    "deputy",
    "military",
    "defense",
    "defence",
    "foreign",
    "interior",
    "intelligence",
    "security",
    "senior",
    "top",
    "assistant",
    "vice",
    "national",
    "army",
    "navy",
    "air",
    "police",
    "state",
    "general",
    "chief",
    "prime",
    "justice",
    "finance",
    "economy",
    "energy",
    "oil",
    "health",
    "counter-terrorism",
];

const FORMER: &[&str] = &[
    "former",
    "ex",
    "then",
    "late",
    "erstwhile",
    "previous",
    "onetime",
    "one-time",
];

pub fn extract_roles(w: &mut Work) {
    let text = w.doc.text.clone();
    let anchor = w.doc.anchor.as_ref().map(|a| a.date.clone());
    let mut roles: Vec<Role> = Vec::new();
    let mut retyped: Vec<usize> = Vec::new();
    for (mi, m) in w.doc.mentions.iter().enumerate() {
        let Some(person) = m.entity else { continue };
        if !(w.doc.entities[person].kind == EntityKind::Person
            || looks_like_personal_name(w, person))
            || m.source == mosaic_core::MentionSource::Coreference
        {
            continue;
        }
        let Some(si) = w.doc.sentence_at(m.span.start) else {
            continue;
        };
        let sentence = w.doc.sentences[si].span;
        let mut phrases: Vec<(Span, &'static str)> = Vec::new();
        if let Some(p) = title_before(&text, sentence.start, m.span.start) {
            phrases.push((p, "title-before-name"));
        }
        if let Some(p) = apposition_after(&text, m.span.end, sentence.end) {
            phrases.push((p, "apposition-after-name"));
        }
        if let Some(p) = apposition_before(&text, sentence.start, m.span.start) {
            phrases.push((p, "apposition-before-name"));
        }
        for (phrase, rule) in phrases {
            let Some(org) = org_in(w, phrase, mi)
                .or_else(|| state_office_holder_state(w, &text, phrase, sentence))
            else {
                continue;
            };
            if org == person {
                continue;
            }
            let phrase_text = &text[phrase.range()];
            let status = if phrase_text
                .split(|c: char| !c.is_alphanumeric())
                .any(|t| FORMER.contains(&t.to_lowercase().as_str()))
            {
                RoleStatus::Former
            } else {
                RoleStatus::Current
            };
            let title = role_title(w, phrase);
            if title.is_empty() {
                continue;
            }
            if w.doc.entities[person].kind != EntityKind::Person {
                retyped.push(person);
            }
            if roles
                .iter()
                .any(|r| r.person == person && r.org == Some(org) && r.title == title)
            {
                continue;
            }
            let evidence = Span::new(phrase.start.min(m.span.start), phrase.end.max(m.span.end));
            roles.push(Role {
                person,
                title,
                org: Some(org),
                status,
                as_of: anchor.clone(),
                evidence,
                rule: rule.into(),
            });
        }
    }
    paired_titles(w, &text, anchor.as_deref(), &mut roles);
    // A name introduced with a position ("Nino Lomidze, a lawmaker") is a person, whatever the
    // model called it.
    for e in retyped {
        let ent = &mut w.doc.entities[e];
        if ent.kind != EntityKind::Person {
            ent.reasons.push(format!(
                "\"{}\" holds a position in the text: a person, not {}",
                ent.name,
                ent.kind.as_str()
            ));
            ent.kind = EntityKind::Person;
        }
    }
    w.doc.roles = roles;
}

/// A new entity whose name is two to four capitalised words with no organisation word in it.
fn looks_like_personal_name(w: &Work, e: usize) -> bool {
    let ent = &w.doc.entities[e];
    let words: Vec<&str> = ent.name.split_whitespace().collect();
    ent.kb_id.is_none()
        && (2..=4).contains(&words.len())
        && words.iter().all(|t| {
            t.chars().next().is_some_and(|c| c.is_uppercase())
                && t.chars()
                    .all(|c| c.is_alphabetic() || c == '-' || c == '\'')
        })
        && !words
            .iter()
            .any(|t| crate::stages::chunks::ORG_HEADS.contains(t))
}

fn words_with_spans(s: &str, offset: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        if c.is_whitespace() {
            if let Some(st) = start.take() {
                out.push((offset + st, offset + i));
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(st) = start {
        out.push((offset + st, offset + s.len()));
    }
    out
}

fn bare(word: &str) -> String {
    word.trim_matches(|c: char| !c.is_alphanumeric() && c != '-')
        .to_lowercase()
}

fn is_role_word(word: &str) -> bool {
    let b = bare(word);
    let b = b
        .strip_suffix("’s")
        .or_else(|| b.strip_suffix("'s"))
        .unwrap_or(&b)
        .to_string();
    ROLE_NOUNS.contains(&b.as_str()) || ROLE_NOUNS.iter().any(|r| b.ends_with(&format!("-{r}")))
}

/// "Turkish and Iranian Foreign Ministers Ahmet Davutoglu and Javad Zarif": a plural title shared
/// by two states and two people, in the same order.
fn paired_titles(w: &Work, text: &str, anchor: Option<&str>, roles: &mut Vec<Role>) {
    static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let re = RE.get_or_init(|| {
        regex::Regex::new(
            r"\b(\p{Lu}[\p{L}'’]+) and (\p{Lu}[\p{L}'’]+) ((?:[\p{L}-]+ ){0,3}?(?:[Mm]inisters|[Pp]residents|[Pp]remiers|[Ll]eaders|[Cc]hiefs|[Hh]eads|[Ss]ecretaries|[Aa]mbassadors|[Ee]nvoys|[Cc]ommanders)) ",
        )
        .unwrap()
    });
    let entity_at = |a: usize, b: usize, kind: EntityKind| {
        w.doc
            .mentions
            .iter()
            .find(|m| m.span.start == a && m.span.end <= b)
            .and_then(|m| m.entity)
            .map(|e| w.state_of_capital(e).unwrap_or(e))
            .filter(|&e| w.doc.entities[e].kind == kind)
    };
    for caps in re.captures_iter(text) {
        let (g1, g2, title) = (
            caps.get(1).unwrap(),
            caps.get(2).unwrap(),
            caps.get(3).unwrap(),
        );
        let (Some(s1), Some(s2)) = (
            entity_at(g1.start(), g1.end(), EntityKind::Gpe),
            entity_at(g2.start(), g2.end(), EntityKind::Gpe),
        ) else {
            continue;
        };
        // The two names that follow: "Ahmet Davutoglu and Javad Zarif".
        let people: Vec<(usize, Span)> = w
            .doc
            .mentions
            .iter()
            .filter(|m| m.span.start >= title.end() && m.span.start < title.end() + 80)
            .filter_map(|m| m.entity.map(|e| (e, m.span)))
            .filter(|&(e, _)| w.doc.entities[e].kind == EntityKind::Person)
            .take(2)
            .collect();
        let [(p1, sp1), (p2, sp2)] = people[..] else {
            continue;
        };
        let between = &text[sp1.end..sp2.start];
        if sp1.start != caps.get(0).unwrap().end() || !matches!(between.trim(), "and" | ",") {
            continue;
        }
        let singular = title
            .as_str()
            .to_lowercase()
            .trim_end_matches('s')
            .replace("secretarie", "secretary");
        for (person, state, span) in [(p1, s1, sp1), (p2, s2, sp2)] {
            if roles
                .iter()
                .any(|r| r.person == person && r.org == Some(state))
            {
                continue;
            }
            roles.push(Role {
                person,
                title: singular.clone(),
                org: Some(state),
                status: RoleStatus::Current,
                as_of: anchor.map(str::to_string),
                evidence: Span::new(g1.start(), span.end.max(sp2.end)),
                rule: "paired-titles".into(),
            });
        }
    }
}

/// "Turkish Foreign Minister Hakan Fidan": the run of title words right before the name.
fn title_before(text: &str, sentence_start: usize, name_start: usize) -> Option<Span> {
    let before = &text[sentence_start..name_start];
    if before.ends_with(", ") || before.ends_with(",") {
        return None;
    }
    let words = words_with_spans(before, sentence_start);
    let mut first = None;
    let mut saw_role = false;
    for &(a, b) in words.iter().rev() {
        let w = &text[a..b];
        if w.ends_with(',')
            || w.ends_with(';')
            || w.ends_with(':')
            || w.ends_with('.') && !RANKS.contains(&w)
        {
            break;
        }
        let role = is_role_word(w);
        let capital = w.chars().next().is_some_and(|c| c.is_uppercase());
        // "and" is left out: before a name it joins two people ("Shoigu and US Secretary of
        // Defense Jim Mattis"), not two titles.
        let joiner =
            TITLE_MODIFIERS.contains(&bare(w).as_str()) || FORMER.contains(&bare(w).as_str());
        let acronym = w.starts_with('(') && w.ends_with(')');
        if role || capital || joiner || acronym || RANKS.contains(&w) {
            saw_role |= role;
            first = Some(a);
        } else {
            break;
        }
    }
    let start = first?;
    saw_role.then(|| Span::new(start, name_start))
}

/// "Hakan Fidan, head of the Turkish MIT intelligence service and …": the phrase after the comma.
fn apposition_after(text: &str, name_end: usize, sentence_end: usize) -> Option<Span> {
    let rest = &text[name_end..sentence_end];
    let body = rest.strip_prefix(", ")?;
    let start = name_end + 2;
    let mut end = start + body.len();
    for stop in [
        ",", ";", " and ", " who ", " which ", " said", " told", " was ", " is ", " has ", " had ",
        "(", " —", " –",
    ] {
        if let Some(p) = body.find(stop) {
            // " and " followed by a lower-case word continues the title ("chief and head of").
            if stop == " and "
                && body[p + 5..]
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_lowercase())
            {
                continue;
            }
            end = end.min(start + p);
        }
    }
    let phrase = &text[start..end];
    let n_words = phrase.split_whitespace().count();
    (n_words > 0 && n_words <= 14 && phrase.split_whitespace().take(6).any(is_role_word))
        .then(|| Span::new(start, end))
}

/// "Iran's intelligence minister, Esmail Khatib": a role phrase ending in a comma before the name.
fn apposition_before(text: &str, sentence_start: usize, name_start: usize) -> Option<Span> {
    let before = text[sentence_start..name_start].strip_suffix(", ")?;
    let words = words_with_spans(before, sentence_start);
    let &(_, last_end) = words.last()?;
    if !is_role_word(&text[words.last()?.0..last_end]) {
        // "The head of Egypt's General Intelligence Service, Tarek Mansour": the role word
        // opens a phrase that ends with the organisation.
        let n = words.len();
        let opener = (n.saturating_sub(10)..n).find(|&i| {
            is_role_word(&text[words[i].0..words[i].1])
                && words.get(i + 1).is_some_and(|&(a, b)| {
                    matches!(bare(&text[a..b]).as_str(), "of" | "at" | "for")
                })
                && words[i..].iter().all(|&(a, b)| !text[a..b].ends_with(','))
        })?;
        return Some(Span::new(words[opener].0, last_end));
    }
    let mut first = words.last()?.0;
    for &(a, b) in words.iter().rev().skip(1).take(8) {
        let w = &text[a..b];
        if w.ends_with(',')
            || matches!(
                bare(w).as_str(),
                "with" | "met" | "by" | "said" | "and" | "to" | "as"
            )
        {
            break;
        }
        first = a;
    }
    Some(Span::new(first, last_end))
}

/// The organisation a title names: an organisation mention inside it, else a state (or demonym).
fn org_in(w: &Work, phrase: Span, person_mention: usize) -> Option<usize> {
    let inside: Vec<usize> = w
        .doc
        .mentions
        .iter()
        .enumerate()
        .filter(|(i, m)| *i != person_mention && phrase.contains(m.span))
        .filter_map(|(_, m)| m.entity)
        .collect();
    let kind = |e: usize| w.doc.entities[e].kind;
    if let Some(&org) = inside.iter().find(|&&e| kind(e) == EntityKind::Org) {
        return Some(org);
    }
    inside
        .iter()
        .find(|&&e| kind(e) == EntityKind::Gpe)
        .map(|&e| w.state_of_capital(e).unwrap_or(e))
}

/// The title words of a phrase, lower-cased, without names, articles and possessives.
fn role_title(w: &Work, phrase: Span) -> String {
    let text = &w.doc.text;
    let mut out: Vec<String> = Vec::new();
    for (a, b) in words_with_spans(&text[phrase.range()], phrase.start) {
        let in_mention = w.doc.mentions.iter().any(|m| {
            m.span.contains(Span::new(a, b))
                || Span::new(a, b).contains(m.span) && !m.span.is_empty()
        });
        let word = &text[a..b];
        let bw = bare(word);
        if in_mention
            || RANKS.contains(&word)
            || FORMER.contains(&bw.as_str())
            || matches!(
                bw.as_str(),
                "the" | "a" | "an" | "its" | "his" | "her" | "their" | "acting"
            )
        {
            continue;
        }
        if bw.is_empty() {
            continue;
        }
        out.push(bw);
    }
    while out
        .last()
        .is_some_and(|w| matches!(w.as_str(), "of" | "and" | "for" | "in"))
    {
        out.pop();
    }
    while out
        .first()
        .is_some_and(|w| matches!(w.as_str(), "of" | "and" | "for" | "in"))
    {
        out.remove(0);
    }
    if !out.iter().any(|w| is_role_word(w)) {
        return String::new();
    }
    out.join(" ")
}

/// Offices of a state, which belong to the state when the title names no organisation.
const STATE_OFFICES: &[&str] = &[
    "president",
    "prime minister",
    "minister",
    "chief of staff",
    "chief of general staff",
    "king",
    "emir",
    "crown prince",
    "vice president",
    "premier",
    "chancellor",
    "secretary of state",
    "secretary of defense",
    "secretary of defence",
];

/// "Prime Minister Tayyip Erdogan", "Defense Minister Nurettin Canikli": a state office with no
/// country in the title belongs to the state named nearest before it in the same sentence.
fn state_office_holder_state(w: &Work, text: &str, phrase: Span, sentence: Span) -> Option<usize> {
    let title = text[phrase.range()].to_lowercase();
    if !STATE_OFFICES.iter().any(|o| title.contains(o)) {
        return None;
    }
    w.doc
        .mentions
        .iter()
        .rev()
        .filter(|m| m.span.end <= phrase.start && m.span.start >= sentence.start)
        .filter_map(|m| m.entity)
        .map(|e| w.state_of_capital(e).unwrap_or(e))
        .find(|&e| {
            w.doc.entities[e]
                .kb_id
                .as_deref()
                .is_some_and(|k| k.starts_with("state:"))
        })
}
