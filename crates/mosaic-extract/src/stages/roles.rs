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
    "chargé",
    "charge",
    "d'affaires",
    "attaché",
    "attache",
    "negotiator",
    "delegate",
    "fellow",
    "scholar",
    "lecturer",
    "aide",
    "secretary-general",
    "ombudsman",
    "inspector",
    "auditor",
    "wali",
    "emissary",
    "columnist",
    "journalist",
    "reporter",
    "spokesman",
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
    imply_kb_offices(w);
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
        let mut phrases: Vec<(Span, &'static str, Option<ToldByVerb>)> = Vec::new();
        if let Some(p) = title_before(&text, sentence.start, m.span.start) {
            phrases.push((p, "title-before-name", None));
        }
        if let Some(p) = apposition_after(w, &text, m.span.end, sentence.end) {
            for part in conjoined_titles(&text, over_names(w, p)) {
                phrases.push((part, "apposition-after-name", None));
            }
        }
        if let Some(p) = apposition_before(&text, sentence.start, m.span.start) {
            phrases.push((p, "apposition-before-name", None));
        }
        if let Some((p, told)) = relative_headship(&text, m.span.end, sentence.end) {
            phrases.push((p, "relative-clause-headship", Some(told)));
        }
        if let Some((p, told)) = past_work(&text, m.span.end, sentence.end) {
            phrases.push((p, "past-work", Some(told)));
        }
        if let Some(p) = outlet_possessor(w, &text, m.span.start) {
            let told = ToldByVerb {
                title: Some("journalist"),
                former: false,
            };
            phrases.push((p, "outlet-possessor", Some(told)));
        }
        for (phrase, rule, told) in phrases {
            // "Recep Tayyip Erdogan, military Chief of Staff Hulusi Akar and …": a list of
            // people with their titles, not an apposition.
            if rule == "apposition-after-name" && names_a_person(w, phrase, person) {
                continue;
            }
            // ("once worked at the agency's office": a back-reference is the only name there.)
            let coreference_ok = rule == "past-work";
            let Some(org) = org_in(w, phrase, mi, coreference_ok)
                .or_else(|| office_possessor(&text, phrase, &roles))
                .or_else(|| owner_by_pronoun(w, &text, phrase, si))
                .or_else(|| delegation_leader_of(w, &text, phrase))
                .or_else(|| kb_office_org(w, &text, phrase, person))
                .or_else(|| state_office_holder_state(w, &text, phrase, sentence))
                .or_else(|| unnamed_office_org(w, &text, phrase, si))
            else {
                continue;
            };
            if org == person {
                continue;
            }
            let phrase_text = &text[phrase.range()];
            let status = if told.as_ref().is_some_and(|t| t.former)
                || phrase_text
                    .split(|c: char| !c.is_alphanumeric())
                    .any(|t| FORMER.contains(&t.to_lowercase().as_str()))
            {
                RoleStatus::Former
            } else {
                RoleStatus::Current
            };
            let title = match told.as_ref().and_then(|t| t.title) {
                Some(title) => title.to_string(),
                None => role_title(w, phrase),
            };
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
    offices_told_apart(w, &text, anchor.as_deref(), &mut roles);
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

/// Is the word (any case, possessive or hyphenated: "deputy-minister") a noun of position?
pub(crate) fn is_role_word(word: &str) -> bool {
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
    for (i, &(a, b)) in words.iter().enumerate().rev() {
        let w = &text[a..b];
        // "US Ambassador to Israel Tom Nides": "to" inside an envoy's title.
        let envoy_to = w == "to"
            && i > 0
            && ENVOY_NOUNS.contains(&bare(&text[words[i - 1].0..words[i - 1].1]).as_str());
        if envoy_to {
            first = Some(a);
            continue;
        }
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
        // "Revolutionary Guards Gen. Hossein Salami": a military rank is a position in the force
        // named before it.
        let rank = RANKS.contains(&w) && !matches!(w, "Mr." | "Mrs." | "Ms." | "Dr.");
        if role || capital || joiner || acronym || RANKS.contains(&w) {
            saw_role |= role || rank;
            first = Some(a);
        } else {
            break;
        }
    }
    let start = first?;
    saw_role.then(|| Span::new(start, name_start))
}

/// "Hakan Fidan, head of the Turkish MIT intelligence service and …": the phrase after the comma.
fn apposition_after(w: &Work, text: &str, name_end: usize, sentence_end: usize) -> Option<Span> {
    let rest = &text[name_end..sentence_end];
    let mut body = rest.strip_prefix(", ")?;
    let mut start = name_end + 2;
    // "Ali Akbar Ahmadian, who is the secretary of the Supreme National Security Council": a
    // relative clause that states the position.
    let mut relative = false;
    for lead in [
        "who is ",
        "who was ",
        "who has been ",
        "who had been ",
        "who serves as ",
        "who served as ",
    ] {
        if let Some(r) = body.strip_prefix(lead) {
            start += lead.len();
            body = r;
            relative = true;
            break;
        }
    }
    // Other relative clauses ("who previously worked as …", "who heads …") tell a position by
    // their verb: `past_work` and `relative_headship` read them.
    if !relative && body.starts_with("who ") {
        return None;
    }
    let mut end = start + body.len();
    for stop in [
        ",", ";", " and ", " who ", " which ", " said", " told", " was ", " is ", " has ", " had ",
        "(", " —", " –",
    ] {
        if let Some(p) = body.find(stop) {
            // " and " continues the title unless a person's name follows ("head of MIT and
            // Khosrow Hosseinian"): "chief and head of", "for European and Asian Affairs".
            if stop == " and " && !person_starts_at(w, start + p + 5) {
                continue;
            }
            end = end.min(start + p);
        }
    }
    // "foreign minister in 2005 in the 13th conference": a date ends the title.
    if let Some(dated) = text[start..end]
        .match_indices(" in ")
        .find(|(at, _)| text[start + at + 4..].starts_with(|c: char| c.is_ascii_digit()))
    {
        end = start + dated.0;
    }
    let phrase = &text[start..end];
    let n_words = phrase.split_whitespace().count();
    (n_words > 0 && n_words <= 22 && phrase.split_whitespace().take(6).any(is_role_word))
        .then(|| Span::new(start, end))
}

/// Does a person's name (or a name the model left untyped) start at `at`?
fn person_starts_at(w: &Work, at: usize) -> bool {
    w.doc.mentions.iter().any(|m| {
        m.span.start == at
            && m.entity.is_some_and(|e| {
                w.doc.entities[e].kind == EntityKind::Person || looks_like_personal_name(w, e)
            })
    })
}

/// "assistant secretary of state for European and Asian Affairs and former US State Department
/// spokesperson": two titles joined by "and", each with its own role word.
fn conjoined_titles(text: &str, phrase: Span) -> Vec<Span> {
    let body = &text[phrase.range()];
    let mut parts = vec![phrase];
    for (at, _) in body.match_indices(" and ") {
        let (left, right) = (&body[..at], &body[at + 5..]);
        let titled = |s: &str| s.split_whitespace().any(is_role_word);
        let right_opens = right.split_whitespace().next().is_some_and(|w| {
            FORMER.contains(&bare(w).as_str()) || matches!(bare(w).as_str(), "a" | "an" | "the")
        });
        if titled(left) && titled(right) && right_opens {
            let split = phrase.start + at;
            parts = vec![
                Span::new(phrase.start, split),
                Span::new(split + 5, phrase.end),
            ];
            break;
        }
    }
    parts
}

/// "Iran's intelligence minister, Esmail Khatib": a role phrase ending in a comma before the name.
fn apposition_before(text: &str, sentence_start: usize, name_start: usize) -> Option<Span> {
    // "…, Major General Tarek Mansour", "…, Brig. Gen. Hossein Salami": ranks stand between the
    // comma and the name.
    let mut upto = name_start;
    loop {
        let head = text[sentence_start..upto].trim_end();
        let last = head.rsplit(' ').next().unwrap_or("");
        if !last.is_empty() && RANKS.contains(&last) && !head.ends_with(',') {
            upto = sentence_start + head.len() - last.len();
        } else {
            break;
        }
    }
    let before = text[sentence_start..upto].strip_suffix(", ")?;
    let words = words_with_spans(before, sentence_start);
    let &(_, last_end) = words.last()?;
    if !is_role_word(&text[words.last()?.0..last_end]) {
        // "The head of Egypt's General Intelligence Service, Tarek Mansour": the role word
        // opens a phrase that ends with the organisation.
        let n = words.len();
        let opener = (n.saturating_sub(10)..n).find(|&i| {
            is_role_word(&text[words[i].0..words[i].1])
                && words.get(i + 1).is_some_and(|&(a, b)| {
                    let next = bare(&text[a..b]);
                    matches!(next.as_str(), "of" | "at" | "for")
                        || next == "to"
                            && ENVOY_NOUNS.contains(&bare(&text[words[i].0..words[i].1]).as_str())
                })
                && words[i..].iter().all(|&(a, b)| !text[a..b].ends_with(','))
        })?;
        // "Israel's ambassador to Azerbaijan", "the Turkish head of …": the owner before it.
        let mut first = opener;
        while first > 0 && opener - first < 4 {
            let prev = &text[words[first - 1].0..words[first - 1].1];
            let owner = prev.chars().next().is_some_and(|c| c.is_uppercase())
                || matches!(bare(prev).as_str(), "the" | "a" | "an");
            if !owner || prev.ends_with(',') {
                break;
            }
            first -= 1;
        }
        return Some(Span::new(words[first].0, last_end));
    }
    let mut first = words.last()?.0;
    for &(a, b) in words.iter().rev().skip(1).take(8) {
        let w = &text[a..b];
        if w.ends_with(',')
            || matches!(
                bare(w).as_str(),
                "with"
                    | "met"
                    | "by"
                    | "said"
                    | "says"
                    | "told"
                    | "and"
                    | "to"
                    | "as"
                    // "Talks between Iraq's national security adviser, X": a preposition
                    // ends the title's noun phrase.
                    | "between"
                    | "among"
                    | "from"
                    | "against"
                    | "for"
                    | "after"
                    | "before"
                    | "about"
                    | "on"
                    | "in"
                    | "at"
                    | "including"
            )
        {
            break;
        }
        first = a;
        // The noun phrase starts at its article ("The ministry summoned the British chargé
        // d'affaires, Helen Marsh": the phrase is "the British chargé d'affaires").
        if matches!(bare(w).as_str(), "the" | "a" | "an") {
            break;
        }
    }
    Some(Span::new(first, last_end))
}

/// The organisation a title names: an organisation mention inside it, else a state (or demonym).
fn org_in(w: &Work, phrase: Span, person_mention: usize, coreference_ok: bool) -> Option<usize> {
    let text = &w.doc.text;
    // "Israel's ambassador to Azerbaijan": the state after "to" receives the envoy.
    let destination = posting_start(text, phrase).unwrap_or(phrase.end);
    // (A body named only by a back-reference, "Foreign ministry" resolved to the ministry last
    // named, is no firm ground for a role: the speaker may be another state's.)
    let inside: Vec<usize> = w
        .doc
        .mentions
        .iter()
        .enumerate()
        .filter(|(i, m)| {
            *i != person_mention
                && phrase.contains(m.span)
                && m.span.start < destination
                && (coreference_ok
                    || m.source != mosaic_core::MentionSource::Coreference
                    || is_possessive(text, m.span))
                && !modifies_a_member_noun(text, m.span)
        })
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

/// "the group's executive committee": a back-reference in the possessive points at the body
/// just named, whose part the title names.
fn is_possessive(text: &str, span: Span) -> bool {
    let after = &text[span.end..];
    after.starts_with("'s") || after.starts_with("’s")
}

/// Nouns for which a body named before them is a qualifier, not the employer: "head of a NATO
/// state", "an EU country", "a NATO member state". ("A Hezbollah member of parliament" is a
/// member of Hezbollah: "member" alone is the person's own title.)
const MEMBER_NOUNS: &[&str] = &[
    "state",
    "states",
    "country",
    "countries",
    "nation",
    "nations",
    "ally",
    "allies",
    "capital",
    "capitals",
];

fn modifies_a_member_noun(text: &str, mention: Span) -> bool {
    let after = &text[mention.end..];
    if !after.starts_with(' ') {
        return false;
    }
    let mut next = after.split_whitespace().map(bare);
    match next.next().as_deref() {
        Some("member" | "partner") => next
            .next()
            .is_some_and(|n| MEMBER_NOUNS.contains(&n.as_str())),
        Some(n) => MEMBER_NOUNS.contains(&n),
        None => false,
    }
}

/// Envoys' titles: their state sends them "to" another.
const ENVOY_NOUNS: &[&str] = &[
    "ambassador",
    "ambassadors",
    "envoy",
    "envoys",
    "emissary",
    "representative",
    "consul",
    "delegate",
    "chargé",
    "attaché",
];

/// Where the receiving state of an envoy's title starts ("ambassador to | Azerbaijan").
fn posting_start(text: &str, phrase: Span) -> Option<usize> {
    let words = words_with_spans(&text[phrase.range()], phrase.start);
    words.windows(2).find_map(|pair| {
        let [(a, b), (c, d)] = pair else { return None };
        (ENVOY_NOUNS.contains(&bare(&text[*a..*b]).as_str()) && &text[*c..*d] == "to")
            .then_some(*d + 1)
    })
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
        // "the committee's press secretary": the possessor is the owner, not the title.
        let possessive = word.ends_with("'s") || word.ends_with("’s");
        if in_mention
            || possessive
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
    while out.last().is_some_and(|w| {
        matches!(
            w.as_str(),
            "of" | "and" | "for" | "in" | "to" | "at" | "with"
        )
    }) {
        out.pop();
    }
    while out
        .first()
        .is_some_and(|w| matches!(w.as_str(), "of" | "and" | "for" | "in"))
    {
        out.remove(0);
    }
    if !out.iter().any(|w| is_role_word(w)) {
        return rank_title(text, phrase).unwrap_or_default();
    }
    out.join(" ")
}

/// The rank a phrase gives ("Gen." → "general", "Brig. Gen." → "brigadier general").
fn rank_title(text: &str, phrase: Span) -> Option<String> {
    let words: Vec<String> = text[phrase.range()]
        .split_whitespace()
        .filter(|w| RANKS.contains(w) && !matches!(*w, "Mr." | "Mrs." | "Ms." | "Dr."))
        .map(|w| {
            match w.trim_end_matches('.') {
                "Gen" => "general",
                "Brig" => "brigadier",
                "Maj" => "major",
                "Col" => "colonel",
                "Lt" => "lieutenant",
                "Capt" => "captain",
                "Adm" => "admiral",
                "Sgt" => "sergeant",
                other => return other.to_lowercase(),
            }
            .to_string()
        })
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}

/// A position told by a verb rather than a title: the title the verb states (none when the
/// phrase after it names one) and whether the position is past.
struct ToldByVerb {
    title: Option<&'static str>,
    former: bool,
}

/// "Saud al-Harbi, who headed the GIP's counter-terrorism department until 2021": a position told
/// by its verb. Returns the phrase after the verb with the title and tense the verb gives.
fn relative_headship(
    text: &str,
    name_end: usize,
    sentence_end: usize,
) -> Option<(Span, ToldByVerb)> {
    const VERBS: &[(&str, &str, bool)] = &[
        ("who heads ", "head", false),
        ("who headed ", "head", true),
        ("who leads ", "leader", false),
        ("who led ", "leader", true),
        ("who runs ", "head", false),
        ("who ran ", "head", true),
        ("who commands ", "commander", false),
        ("who commanded ", "commander", true),
        ("who chairs ", "chair", false),
        ("who chaired ", "chair", true),
    ];
    let after = &text[name_end..sentence_end];
    let (lead_len, title, past, main_clause) = if let Some(body) = after.strip_prefix(", ") {
        let &(lead, title, past) = VERBS.iter().find(|(lead, _, _)| body.starts_with(lead))?;
        (2 + lead.len(), title, past, false)
    } else {
        // "Bahoz Erdal ran the group's Syrian branch until 2015": the person's own predicate.
        let body = after.strip_prefix(' ')?;
        let &(lead, title, past) = VERBS
            .iter()
            .find(|(lead, _, _)| body.starts_with(&lead["who ".len()..]))?;
        (1 + lead.len() - "who ".len(), title, past, true)
    };
    let start = name_end + lead_len;
    let rest = &text[start..sentence_end];
    let end = [
        ",",
        ";",
        " and ",
        " said",
        " until ",
        " before ",
        " from ",
        " in ",
        " on ",
        " against ",
        " since ",
        " between ",
        ".",
    ]
    .iter()
    .filter_map(|stop| rest.find(stop))
    .min()
    .unwrap_or(rest.len());
    // A main-clause verb heads a body only when its object is one ("ran the group's branch"),
    // not an act ("led the attack", "headed the delegation").
    if main_clause && !headed_is_a_body(&rest[..end]) {
        return None;
    }
    let told = ToldByVerb {
        title: Some(title),
        former: past,
    };
    (end > 0).then_some((Span::new(start, start + end), told))
}

/// "The BBC's Lyse Doucet", "Reuters' Jonathan Landay": a person in the possessive of a news
/// outlet works for it. Returns the outlet's mention span.
fn outlet_possessor(w: &Work, text: &str, name_start: usize) -> Option<Span> {
    let before = &text[..name_start];
    let stem = ["'s ", "’s ", "' ", "’ "]
        .iter()
        .find_map(|p| before.strip_suffix(p))?;
    let m = w.doc.mentions.iter().find(|m| m.span.end == stem.len())?;
    let e = m.entity?;
    let media = w
        .entity_actor
        .get(e)
        .copied()
        .flatten()
        .is_some_and(|a| w.kb.actors()[a].actor_type == mosaic_kb::ActorType::Media);
    media.then_some(m.span)
}

/// Is the object of "ran", "led", "heads" a body: its head noun a body noun, or a name?
fn headed_is_a_body(object: &str) -> bool {
    let Some(head) = object.split_whitespace().last() else {
        return false;
    };
    let head = bare(head);
    let body_nouns = &crate::words::words().generic_body_nouns;
    body_nouns.contains(&head)
        || matches!(head.as_str(), "branch" | "wing" | "division" | "section")
        || object
            .split_whitespace()
            .last()
            .is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase))
            && !matches!(head.as_str(), "delegation" | "team")
}

/// "Arman Petrosyan, once worked at Armenia's defence ministry", "X, who had in the past served
/// as the agency's representative in Russia": past work, a former position. "Served as" names its
/// title; "worked at" gives none but staff. "Has served as … since" is a current one.
fn past_work(text: &str, name_end: usize, sentence_end: usize) -> Option<(Span, ToldByVerb)> {
    static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let re = RE.get_or_init(|| {
        regex::Regex::new(
            r"^(?: [^,.;]{1,80},? and|,)?(?: who| and)? (has |had )?(?:once |previously |formerly |earlier |also |in the past )*(?:worked|served)(?: in the past)? (at|for|with|as) ",
        )
        .unwrap()
    });
    let body = &text[name_end..sentence_end];
    let caps = re.captures(body)?;
    let start = name_end + caps.get(0)?.end();
    let rest = &text[start..sentence_end];
    let served_as = &caps[2] == "as";
    // The organisation of "representative in Russia" is not Russia: a title ends at its posting.
    let stops: &[&str] = if served_as {
        &[
            ",", ";", " and ", " until ", " before ", " from ", " since ", " in ", " when ", ".",
        ]
    } else {
        &[
            ",", ";", " and ", " until ", " before ", " from ", " since ", " when ", ".",
        ]
    };
    let end = stops
        .iter()
        .filter_map(|stop| rest.find(stop))
        .min()
        .unwrap_or(rest.len());
    let current = caps.get(1).is_some_and(|g| g.as_str() == "has ") && rest.contains(" since ");
    let told = ToldByVerb {
        title: (!served_as).then_some("staff member"),
        former: !current,
    };
    (end > 0).then_some((Span::new(start, start + end), told))
}

/// The phrase extended to the end of a name it cuts ("head of the Ankara Center for Crisis | and
/// Policy Studies": the text rules cut at "and").
fn over_names(w: &Work, phrase: Span) -> Span {
    let end = w
        .doc
        .mentions
        .iter()
        .filter(|m| m.span.start >= phrase.start && m.span.start < phrase.end)
        .map(|m| m.span.end)
        .max()
        .unwrap_or(phrase.end)
        .max(phrase.end);
    Span::new(phrase.start, end)
}

/// Does the phrase name a person other than `person` (a list, not a title)?
fn names_a_person(w: &Work, phrase: Span, person: usize) -> bool {
    w.doc.mentions.iter().any(|m| {
        phrase.contains(m.span)
            && m.entity
                .is_some_and(|e| e != person && w.doc.entities[e].kind == EntityKind::Person)
    })
}

/// "Erlan Karin, the president's state adviser": an office in the possessive stands for its
/// holder's organisation, told by the last role with that office.
fn office_possessor(text: &str, phrase: Span, roles: &[Role]) -> Option<usize> {
    let lower = text[phrase.range()].to_lowercase();
    let office = STATE_OFFICES
        .iter()
        .find(|o| lower.contains(&format!("the {o}'s")) || lower.contains(&format!("the {o}’s")))?;
    roles
        .iter()
        .rev()
        .find(|r| r.title.split_whitespace().collect::<Vec<_>>().join(" ") == *office)
        .and_then(|r| r.org)
}

/// "its spokeswoman Irina Volkova", "their envoy": the organisation the possessive stands for,
/// the nearest named before it in this sentence or the one before.
fn owner_by_pronoun(w: &Work, text: &str, phrase: Span, si: usize) -> Option<usize> {
    let words: Vec<String> = text[phrase.range()]
        .split_whitespace()
        .map(|t| t.to_lowercase())
        .collect();
    if !words.iter().any(|t| matches!(t.as_str(), "its" | "their")) {
        return None;
    }
    nearest_before(w, phrase.start, si, 1, |e| {
        w.doc.entities[e].kind == EntityKind::Org
    })
}

/// "a Hamas delegation led by senior official Mahmoud Awadallah": the delegation's side.
fn delegation_leader_of(w: &Work, text: &str, phrase: Span) -> Option<usize> {
    let before = text[..phrase.start].trim_end();
    let before = before
        .strip_suffix(" led by")
        .or_else(|| before.strip_suffix(" headed by"))?;
    let group_noun = before.rsplit(' ').next()?;
    if !matches!(
        group_noun,
        "delegation" | "team" | "side" | "mission" | "group" | "panel" | "committee"
    ) {
        return None;
    }
    let noun_start = before.len() - group_noun.len();
    // The side named just before the group noun ("a Hamas delegation", "the Iranian team").
    w.doc
        .mentions
        .iter()
        .filter(|m| m.span.end <= noun_start && noun_start - m.span.end <= 2)
        .filter_map(|m| m.entity)
        .map(|e| w.state_of_capital(e).unwrap_or(e))
        .next_back()
}

/// A state office whose holder the knowledge base knows ("Prime Minister Tayyip Erdogan" in an
/// article of 2013): the organisation of the office the person held on the article's date,
/// its state for a ministry.
fn kb_office_org(w: &Work, text: &str, phrase: Span, person: usize) -> Option<usize> {
    let title = text[phrase.range()].to_lowercase();
    if !STATE_OFFICES.iter().any(|o| title.contains(o)) {
        return None;
    }
    let actor = w.entity_actor.get(person).copied().flatten()?;
    let kb = w.kb;
    let Some(date) = w.doc.anchor.as_ref().map(|a| a.date.as_str()) else {
        // No date to place the article in: the office the person holds now, else the state
        // the knowledge base gives them.
        let now = kb.actors()[actor].roles.iter().find(|r| r.to.is_none());
        let org_id = match now {
            Some(r) => r.org.clone(),
            None => format!("state:{}", kb.actors()[actor].country.as_deref()?),
        };
        return entity_of_kb(w, &org_id);
    };
    // "former President Ahmadi Najad": an office held before the article's date.
    let former = title
        .split(|c: char| !c.is_alphanumeric())
        .any(|t| FORMER.contains(&t));
    let role = kb.actors()[actor].roles.iter().find(|r| {
        if former {
            r.to.as_deref().is_some_and(|t| t <= date)
        } else {
            r.from.as_deref().is_none_or(|f| f <= date) && r.to.as_deref().is_none_or(|t| t >= date)
        }
    })?;
    let org = kb.actor(&role.org)?;
    // Offices in a ministry are the state's (the answer keys name the country for them).
    let org_id = match org.actor_type {
        mosaic_kb::ActorType::Ministry => org.parent.as_deref().unwrap_or(&org.id),
        _ => org.id.as_str(),
    };
    entity_of_kb(w, org_id)
}

/// "Türkiye's Minister of National Defense expressed concern … Yaşar Güler said": an office told
/// without a name, and in the same or the next two sentences a person the knowledge base says held
/// that office on the article's date. The office's words must all stand together in the text
/// ("defence minister" in "Minister of National Defense"), with no other name right after them.
fn offices_told_apart(w: &Work, text: &str, anchor: Option<&str>, roles: &mut Vec<Role>) {
    let kb = w.kb;
    for (person, ent) in w.doc.entities.iter().enumerate() {
        let Some(actor) = w.entity_actor.get(person).copied().flatten() else {
            continue;
        };
        if ent.kind != EntityKind::Person || ent.mentions.is_empty() {
            continue;
        }
        let held = kb.actors()[actor].roles.iter().filter(|r| match anchor {
            Some(d) => {
                r.from.as_deref().is_none_or(|f| f <= d) && r.to.as_deref().is_none_or(|t| t >= d)
            }
            None => r.to.is_none(),
        });
        for office in held {
            let Some(org) = entity_of_kb(w, &office.org) else {
                continue;
            };
            if roles
                .iter()
                .any(|r| r.person == person && r.org == Some(org))
            {
                continue;
            }
            let first = &w.doc.mentions[ent.mentions[0]];
            let Some(si) = w.doc.sentence_at(first.span.start) else {
                continue;
            };
            let from = w.doc.sentences[si.saturating_sub(2)].span.start;
            let Some(phrase) =
                office_phrase(w, text, &office.role, Span::new(from, first.span.end))
            else {
                continue;
            };
            roles.push(Role {
                person,
                title: text[phrase.range()].to_lowercase(),
                org: Some(org),
                status: RoleStatus::Current,
                as_of: anchor.map(str::to_string),
                evidence: Span::new(phrase.start, first.span.end),
                rule: "office-told-apart".into(),
            });
        }
    }
}

/// Where the words of an office ("defence minister") stand together in `within`, written as a
/// title that no name follows.
fn office_phrase(w: &Work, text: &str, office: &str, within: Span) -> Option<Span> {
    let norm = |s: &str| {
        let s = bare(s);
        match s.as_str() {
            "defense" => "defence".to_string(),
            _ => s,
        }
    };
    let keys: Vec<String> = office
        .split_whitespace()
        .map(norm)
        .filter(|k| !matches!(k.as_str(), "of" | "the" | "and" | "for" | "national"))
        .collect();
    if keys.is_empty() || !keys.iter().any(|k| is_role_word(k)) {
        return None;
    }
    let words = words_with_spans(&text[within.range()], within.start);
    let width = keys.len() + 3;
    for i in 0..words.len() {
        for j in i + keys.len()..=(i + width).min(words.len()) {
            let window: Vec<String> = words[i..j]
                .iter()
                .map(|&(a, b)| norm(&text[a..b]))
                .collect();
            let tight =
                keys.contains(&window[0]) && window.last().is_some_and(|l| keys.contains(l));
            if !tight || !keys.iter().all(|k| window.contains(k)) {
                continue;
            }
            let span = Span::new(words[i].0, words[j - 1].1);
            let named_after = w.doc.mentions.iter().any(|m| {
                m.span.start >= span.end
                    && m.span.start <= span.end + 2
                    && m.entity
                        .is_some_and(|e| w.doc.entities[e].kind == EntityKind::Person)
            });
            if !named_after && !text[span.range()].contains(',') {
                return Some(span);
            }
        }
    }
    None
}

/// The document's entity for a knowledge-base id (a ministry's state for a ministry).
fn entity_of_kb(w: &Work, id: &str) -> Option<usize> {
    let kb = w.kb;
    let org = kb.actor(id)?;
    let id = match org.actor_type {
        mosaic_kb::ActorType::Ministry => org.parent.as_deref().unwrap_or(&org.id),
        _ => org.id.as_str(),
    };
    w.entity_actor
        .iter()
        .position(|a| a.is_some_and(|a| kb.actors()[a].id == id))
}

/// Adds, as implied entities, the organisations of the offices the knowledge base gives the
/// persons of the document on its date (so that `kb_office_org` can name them).
fn imply_kb_offices(w: &mut Work) {
    let kb = w.kb;
    let date = w.doc.anchor.as_ref().map(|a| a.date.clone());
    let mut ids: Vec<(String, String)> = Vec::new();
    for (e, ent) in w.doc.entities.iter().enumerate() {
        if ent.kind != EntityKind::Person {
            continue;
        }
        let Some(actor) = w.entity_actor.get(e).copied().flatten() else {
            continue;
        };
        let a = &kb.actors()[actor];
        for r in &a.roles {
            let valid = match &date {
                Some(d) => r.from.as_deref().is_none_or(|f| f <= d.as_str()),
                None => r.to.is_none(),
            };
            if valid {
                let org = kb.actor(&r.org).map(|o| match o.actor_type {
                    mosaic_kb::ActorType::Ministry => o.parent.clone().unwrap_or(o.id.clone()),
                    _ => o.id.clone(),
                });
                if let Some(org) = org {
                    ids.push((org, a.name.clone()));
                }
            }
        }
        if let Some(c) = &a.country {
            ids.push((format!("state:{c}"), a.name.clone()));
        }
    }
    for (id, person) in ids {
        implied_entity(w, &id, format!("implied: {person} holds an office of it"));
    }
}

/// The document's entity for a knowledge-base actor, added (with no mention, as an implied
/// entity) when the text does not name it: "Prime Minister Tayyip Erdogan" in an article that
/// never says "Turkey" still holds an office of Turkey.
fn implied_entity(w: &mut Work, id: &str, why: String) -> Option<usize> {
    if let Some(e) = entity_of_kb(w, id) {
        return Some(e);
    }
    let kb = w.kb;
    let index = kb.index_of(id)?;
    let actor = &kb.actors()[index];
    w.doc.entities.push(mosaic_core::Entity {
        name: actor.name.clone(),
        kind: actor.kind,
        kb_id: Some(actor.id.clone()),
        sector: actor.sector.clone(),
        country: actor.country.clone(),
        aliases: Vec::new(),
        mentions: Vec::new(),
        reasons: vec![why],
    });
    w.entity_actor.push(Some(index));
    Some(w.doc.entities.len() - 1)
}

/// A title naming no organisation and no state nearby: a spokesperson speaks for the
/// organisation named last before them (in this sentence, or the one before); a state office
/// ("Intelligence Minister Hossein Farahani") belongs to the state named last before it in the
/// last few sentences.
fn unnamed_office_org(w: &Work, text: &str, phrase: Span, si: usize) -> Option<usize> {
    let title = text[phrase.range()].to_lowercase();
    // ("Foreign ministry spokesman Nasser Kanaani": a body the title names but no one resolved is
    // no licence to take the organisation named last.)
    let body_word = [
        "ministry",
        "service",
        "agency",
        "office",
        "army",
        "police",
        "council",
        "group",
        "organisation",
        "organization",
        "directorate",
        "committee",
        "bureau",
        "movement",
        "party",
    ]
    .into_iter()
    .find(|b| title.contains(b));
    if let Some(body) = body_word {
        // "Service spokesman Armen Hovhannisyan", the service named in the sentence before: the
        // organisation of that kind named last.
        return nearest_before(w, phrase.start, si, 1, |e| body_fits(w, e, body));
    }
    if ["spokesman", "spokeswoman", "spokesperson"]
        .iter()
        .any(|t| title.contains(t))
    {
        // ("'The SDF has never released a single ISIS member,' spokesman Rojhat Ahmed said": the
        // quote's subject, the first organisation of the sentence.)
        return nearest_in_sentence(w, si, |e| w.doc.entities[e].kind == EntityKind::Org).or_else(
            || {
                nearest_before(w, phrase.start, si, 1, |e| {
                    w.doc.entities[e].kind == EntityKind::Org
                })
            },
        );
    }
    // "assistant secretary of state", "Secretary of Defense": offices of the United States.
    if ["secretary of state", "secretary of defense"]
        .iter()
        .any(|o| title.contains(o))
    {
        return (0..w.doc.entities.len())
            .find(|&e| w.doc.entities[e].kb_id.as_deref() == Some("state:USA"));
    }
    if STATE_OFFICES.iter().any(|o| title.contains(o)) {
        return nearest_before(w, phrase.start, si, 3, |e| is_state(w, e));
    }
    None
}

/// Is entity `e` a body of the kind `body` names: by its name or another of its names in the
/// article ("the Turkish intelligence service MIT"), or by its type in the knowledge base (MIT is
/// an agency, the PKK a group)?
fn body_fits(w: &Work, e: usize, body: &str) -> bool {
    let ent = &w.doc.entities[e];
    if ent.kind != EntityKind::Org {
        return false;
    }
    let named = std::iter::once(&ent.name)
        .chain(&ent.aliases)
        .chain(ent.mentions.iter().map(|&m| &w.doc.mentions[m].text))
        .any(|n| n.to_lowercase().contains(body));
    let typed = w.entity_actor.get(e).copied().flatten().is_some_and(|a| {
        use mosaic_kb::ActorType as T;
        let t = w.kb.actors()[a].actor_type;
        match body {
            "agency" | "service" | "directorate" | "bureau" => t == T::Agency,
            "ministry" | "office" => t == T::Ministry,
            "army" => t == T::Military,
            "police" => t == T::Police,
            "group" | "movement" | "organisation" | "organization" => {
                matches!(t, T::Group | T::Party)
            }
            "party" => t == T::Party,
            _ => false,
        }
    });
    named || typed
}

fn is_state(w: &Work, e: usize) -> bool {
    w.doc.entities[e]
        .kb_id
        .as_deref()
        .is_some_and(|k| k.starts_with("state:"))
}

/// The entity of the last mention before `at` that fits, in this sentence and the `back`
/// sentences before it.
fn nearest_before(
    w: &Work,
    at: usize,
    si: usize,
    back: usize,
    fits: impl Fn(usize) -> bool,
) -> Option<usize> {
    let from = w.doc.sentences[si.saturating_sub(back)].span.start;
    w.doc
        .mentions
        .iter()
        .rev()
        .filter(|m| m.span.end <= at && m.span.start >= from)
        .filter_map(|m| m.entity)
        .map(|e| w.state_of_capital(e).unwrap_or(e))
        .find(|&e| fits(e))
}

/// The first fitting entity named anywhere in the sentence.
fn nearest_in_sentence(w: &Work, si: usize, fits: impl Fn(usize) -> bool) -> Option<usize> {
    let sentence = w.doc.sentences[si].span;
    w.doc
        .mentions
        .iter()
        .filter(|m| sentence.contains(m.span))
        .filter_map(|m| m.entity)
        .find(|&e| fits(e))
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
