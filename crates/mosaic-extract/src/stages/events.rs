//! Event coding: who did what to whom, when, how surely, and who says so.
//!
//! For each sentence, triggers from the [lexicon](super::lexicon) are found; their actors come
//! from the dependency parse when the model is installed (subject, passive agent, object,
//! "with"/"against"/"on"/"between" phrases, possessors, coordination), otherwise from the nearest
//! actor mentions on each side. Modality comes from cue words governing the trigger, attribution
//! from "according to X", "X said", "citing X"; the date is a time expression of the same clause.

use std::sync::OnceLock;

use mosaic_core::{Attribution, EntityKind, Event, Modality, Span};

use super::lexicon::{trigger_forms, Frame, TriggerForm};
use crate::work::Work;

/// A token of the sentence being coded, with its parse when there is one.
#[derive(Clone, Debug)]
pub(crate) struct Tok {
    pub span: Span,
    pub lower: String,
    pub tag: String,
    pub dep: String,
    /// Index of the head in the same token list (itself for a root or without a parse).
    pub head: usize,
}

fn forms() -> &'static [TriggerForm] {
    static FORMS: OnceLock<Vec<TriggerForm>> = OnceLock::new();
    FORMS.get_or_init(trigger_forms)
}

/// The document's tokens: the parse's when present, otherwise words and punctuation by rule.
pub(crate) fn tokens(w: &Work) -> Vec<Tok> {
    if let Some(p) = &w.parse {
        return p
            .tokens
            .iter()
            .map(|t| Tok {
                span: Span::new(t.start, t.end),
                lower: t.text.to_lowercase(),
                tag: t.tag.clone(),
                dep: t.dep.clone(),
                head: t.head,
            })
            .collect();
    }
    let text = &w.doc.text;
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let push = |a: usize, b: usize, out: &mut Vec<Tok>| {
        let i = out.len();
        out.push(Tok {
            span: Span::new(a, b),
            lower: text[a..b].to_lowercase(),
            tag: String::new(),
            dep: String::new(),
            head: i,
        });
    };
    for (i, c) in text.char_indices() {
        let word = c.is_alphanumeric() || c == '-' || c == '\'' && start.is_some();
        match (word, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                push(s, i, &mut out);
                start = None;
                if !c.is_whitespace() {
                    push(i, i + c.len_utf8(), &mut out);
                }
            }
            (false, None) if !c.is_whitespace() => push(i, i + c.len_utf8(), &mut out),
            _ => {}
        }
    }
    if let Some(s) = start {
        push(s, text.len(), &mut out);
    }
    out
}

pub fn code_events(w: &mut Work) {
    let toks = tokens(w);
    let has_parse = w.parse.is_some();
    let tok_mention = token_mentions(w, &toks);
    let mut events: Vec<Event> = Vec::new();
    for si in 0..w.doc.sentences.len() {
        let sentence = w.doc.sentences[si].span;
        let range = {
            let a = toks.partition_point(|t| t.span.end <= sentence.start);
            let b = toks.partition_point(|t| t.span.start < sentence.end);
            a..b
        };
        let mut taken = vec![false; toks.len()];
        for i in range.clone() {
            if taken[i] {
                continue;
            }
            let Some(form) = match_trigger(&toks, i, range.end, w, &tok_mention) else {
                continue;
            };
            let n = form.words.len();
            for t in &mut taken[i..i + n] {
                *t = true;
            }
            let trig = form.trigger;
            let trigger_span = Span::new(toks[i].span.start, toks[i + n - 1].span.end);
            let head_tok = i + n - 1;
            if trig.noun && !is_nounish(&toks[head_tok], has_parse)
                || !trig.noun && !is_verbish(&toks[i], has_parse)
            {
                continue;
            }
            let (sources, targets, rule) = if has_parse {
                args_from_parse(
                    w,
                    &toks,
                    &tok_mention,
                    if trig.noun { head_tok } else { i },
                    trig.noun,
                    trig.frame,
                    range.clone(),
                )
            } else {
                args_linear(w, &toks, &tok_mention, i, head_tok, range.clone())
            };
            let sources: Vec<usize> = sources.into_iter().map(|e| actor_for_event(w, e)).collect();
            let mut targets: Vec<usize> =
                targets.into_iter().map(|e| actor_for_event(w, e)).collect();
            if sources.is_empty() {
                continue;
            }
            if trig.frame == Frame::AgainstPeople {
                targets.retain(|&t| {
                    w.doc.entities[t].kind != EntityKind::Gpe || trig.event_type != "COERCE"
                });
            }
            let modality = modality_of(w, &toks, i, range.clone(), has_parse);
            let attribution = attribution_of(w, sentence);
            let date = date_of(w, sentence, trigger_span);
            let quantities = quantities_in(&w.doc.text[sentence.range()]);
            let target_list: Vec<Option<usize>> = if targets.is_empty() {
                vec![None]
            } else {
                targets.iter().map(|&t| Some(t)).collect()
            };
            for &s in &sources {
                for &t in &target_list {
                    if t == Some(s) {
                        continue;
                    }
                    let ev = Event {
                        event_type: trig.event_type.to_string(),
                        mode: trig.mode.map(str::to_string),
                        source: Some(s),
                        target: t,
                        modality,
                        attribution: attribution.clone(),
                        date: date.clone(),
                        location: None,
                        quantities: quantities.clone(),
                        sentence,
                        trigger: trigger_span,
                        rule: format!(
                            "{}:{}:{}",
                            rule,
                            if trig.noun { "noun" } else { "verb" },
                            form.words.join(" ")
                        ),
                    };
                    if !events.iter().any(|e| same_claim(e, &ev)) {
                        events.push(ev);
                    }
                }
            }
        }
    }
    w.doc.events = events;
}

fn same_claim(a: &Event, b: &Event) -> bool {
    a.event_type == b.event_type
        && a.source == b.source
        && a.target == b.target
        && a.sentence == b.sentence
}

/// An actor standing in an event: a capital is coded as its state.
fn actor_for_event(w: &Work, e: usize) -> usize {
    w.state_of_capital(e).unwrap_or(e)
}

/// For each token, the mention that covers it (the innermost one).
fn token_mentions(w: &Work, toks: &[Tok]) -> Vec<Option<usize>> {
    let mut out: Vec<Option<usize>> = vec![None; toks.len()];
    for (mi, m) in w.doc.mentions.iter().enumerate() {
        if m.entity.is_none() {
            continue;
        }
        let a = toks.partition_point(|t| t.span.end <= m.span.start);
        let b = toks.partition_point(|t| t.span.start < m.span.end);
        for slot in out.iter_mut().take(b).skip(a) {
            let replace = match *slot {
                None => true,
                Some(prev) => w.doc.mentions[prev].span.len() > m.span.len(),
            };
            if replace {
                *slot = Some(mi);
            }
        }
    }
    out
}

fn match_trigger<'a>(
    toks: &[Tok],
    i: usize,
    end: usize,
    w: &Work,
    tok_mention: &[Option<usize>],
) -> Option<&'a TriggerForm> {
    // Words inside a name ("Islamic Revolutionary Guard Corps", "Treaty of Lausanne") are not acts.
    if tok_mention[i].is_some_and(|m| w.doc.mentions[m].text.contains(' ')) {
        return None;
    }
    forms().iter().find(|f| {
        let n = f.words.len();
        i + n <= end
            && f.words
                .iter()
                .enumerate()
                .all(|(k, word)| toks[i + k].lower == *word)
    })
}

fn is_nounish(t: &Tok, has_parse: bool) -> bool {
    !has_parse || t.tag.starts_with("NN")
}

fn is_verbish(t: &Tok, has_parse: bool) -> bool {
    !has_parse || t.tag.starts_with("VB")
}

fn children(toks: &[Tok], range: &std::ops::Range<usize>, head: usize) -> Vec<usize> {
    range
        .clone()
        .filter(|&j| j != head && toks[j].head == head)
        .collect()
}

/// The entities a noun phrase headed by `tok` names: the mention at the token, else the
/// possessor or a name compounded to it ("Turkey's agency", "Mossad agents"), else "members of
/// X" / "network run by X"; coordinated phrases ("Turkey and Iran") give several.
fn np_entities(
    w: &Work,
    toks: &[Tok],
    tm: &[Option<usize>],
    range: &std::ops::Range<usize>,
    tok: usize,
) -> Vec<usize> {
    let mut out = Vec::new();
    let mut add = |e: usize, out: &mut Vec<usize>| {
        if !out.contains(&e) {
            out.push(e);
        }
    };
    if let Some(e) = tm[tok].and_then(|m| w.mention_entity(m)) {
        add(e, &mut out);
    } else {
        let kids = children(toks, range, tok);
        let mut found = false;
        for &k in &kids {
            if matches!(toks[k].dep.as_str(), "poss" | "compound" | "nmod" | "amod") {
                if let Some(e) = tm[k].and_then(|m| w.mention_entity(m)) {
                    if w.doc.entities[e].kind != EntityKind::Loc {
                        add(e, &mut out);
                        found = true;
                        break;
                    }
                }
            }
        }
        if !found {
            // "members of an Israeli spy ring", "a network run by Israel's Mossad"
            for &k in &kids {
                if toks[k].dep == "prep" && toks[k].lower == "of" || toks[k].dep == "acl" {
                    for &g in &children(toks, range, k) {
                        let via = if toks[g].dep == "agent" {
                            children(toks, range, g)
                        } else {
                            vec![g]
                        };
                        for v in via {
                            if matches!(toks[v].dep.as_str(), "pobj" | "dobj") {
                                for e in np_entities(w, toks, tm, range, v) {
                                    add(e, &mut out);
                                }
                            }
                        }
                    }
                }
            }
        }
    }
    for k in children(toks, range, tok) {
        if toks[k].dep == "conj" {
            for e in np_entities(w, toks, tm, range, k) {
                add(e, &mut out);
            }
        }
    }
    out
}

type Args = (Vec<usize>, Vec<usize>, &'static str);

/// Actors from the dependency parse.
fn args_from_parse(
    w: &Work,
    toks: &[Tok],
    tm: &[Option<usize>],
    trig: usize,
    noun: bool,
    frame: Frame,
    range: std::ops::Range<usize>,
) -> Args {
    let kids = children(toks, &range, trig);
    let mut sources = Vec::new();
    let mut targets = Vec::new();
    let prep_objects = |prep: usize| -> Vec<usize> {
        children(toks, &range, prep)
            .into_iter()
            .filter(|&g| toks[g].dep == "pobj")
            .flat_map(|g| np_entities(w, toks, tm, &range, g))
            .collect()
    };
    if noun {
        for &k in &kids {
            match (toks[k].dep.as_str(), toks[k].lower.as_str()) {
                ("poss", _) | ("compound", _) | ("amod", _) => {
                    if let Some(e) = tm[k].and_then(|m| w.mention_entity(m)) {
                        if w.doc.entities[e].kind != EntityKind::Loc {
                            sources.push(e);
                        }
                    }
                }
                ("prep", "by") => sources.extend(prep_objects(k)),
                ("prep", "between") | ("prep", "among") => {
                    let both = prep_objects(k);
                    if let Some((first, rest)) = both.split_first() {
                        sources.push(*first);
                        targets.extend_from_slice(rest);
                    }
                }
                ("prep", "with" | "against" | "on" | "of" | "to" | "in" | "for" | "from") => {
                    targets.extend(prep_objects(k))
                }
                ("acl", _) => {
                    for g in children(toks, &range, k) {
                        if toks[g].dep == "agent" {
                            sources.extend(prep_objects(g));
                        }
                    }
                }
                _ => {}
            }
        }
        // A noun trigger that is the object of a light verb ("signed a pact", "held talks",
        // "launched an attack") takes the verb's subject as its source.
        if sources.is_empty() {
            let mut h = trig;
            for _ in 0..3 {
                let up = toks[h].head;
                if up == h {
                    break;
                }
                let dep = toks[h].dep.as_str();
                h = up;
                if matches!(
                    dep,
                    "dobj" | "pobj" | "attr" | "nsubjpass" | "prep" | "conj" | "appos"
                ) && toks[h].tag.starts_with("VB")
                {
                    let (s, _) = verb_subjects(w, toks, tm, &range, h);
                    sources = s;
                    break;
                }
            }
        }
        if frame == Frame::Mutual && targets.is_empty() && sources.len() > 1 {
            targets = sources.split_off(1);
        }
        return (dedup(sources), dedup(targets), "parse-noun");
    }
    let (subj, passive_subj) = verb_subjects(w, toks, tm, &range, trig);
    let mut agent = Vec::new();
    for &k in &kids {
        match (toks[k].dep.as_str(), toks[k].lower.as_str()) {
            ("dobj", _) | ("dative", _) => targets.extend(np_entities(w, toks, tm, &range, k)),
            ("agent", _) => agent.extend(prep_objects(k)),
            ("prep", "with" | "against" | "on" | "to" | "into" | "for" | "from" | "upon") => {
                if targets.is_empty() {
                    targets.extend(prep_objects(k))
                }
            }
            _ => {}
        }
    }
    if passive_subj {
        // "X was arrested by Y": the agent acts on the subject.
        targets = [subj, targets].concat();
        sources = agent;
    } else {
        sources = subj;
    }
    if frame == Frame::Mutual && targets.is_empty() && sources.len() > 1 {
        targets = sources.split_off(1);
    }
    (dedup(sources), dedup(targets), "parse-verb")
}

fn dedup(v: Vec<usize>) -> Vec<usize> {
    let mut out = Vec::new();
    for x in v {
        if !out.contains(&x) {
            out.push(x);
        }
    }
    out
}

/// The subject of a verb, climbing through infinitives, participles and conjoined verbs
/// ("Turkey undertook to stop cooperating" → Turkey). Returns (entities, passive?).
fn verb_subjects(
    w: &Work,
    toks: &[Tok],
    tm: &[Option<usize>],
    range: &std::ops::Range<usize>,
    verb: usize,
) -> (Vec<usize>, bool) {
    let mut v = verb;
    for _ in 0..4 {
        for k in children(toks, range, v) {
            match toks[k].dep.as_str() {
                "nsubj" => return (np_entities(w, toks, tm, range, k), false),
                "nsubjpass" => return (np_entities(w, toks, tm, range, k), v == verb),
                _ => {}
            }
        }
        let dep = toks[v].dep.as_str();
        let up = toks[v].head;
        if up == v
            || !matches!(
                dep,
                "xcomp" | "conj" | "advcl" | "pcomp" | "ccomp" | "relcl" | "acl"
            )
        {
            break;
        }
        if dep == "relcl" || dep == "acl" {
            // "agents who spied on Iran": the noun the clause modifies is the subject.
            return (
                np_entities(w, toks, tm, range, up),
                dep == "acl" && toks[verb].tag == "VBN",
            );
        }
        v = up;
    }
    (Vec::new(), false)
}

/// Without a parse: the nearest actor before the trigger acts on the nearest actor after it.
fn args_linear(
    w: &Work,
    toks: &[Tok],
    tm: &[Option<usize>],
    first: usize,
    last: usize,
    range: std::ops::Range<usize>,
) -> Args {
    let entity_at = |j: usize| {
        tm[j]
            .and_then(|m| w.mention_entity(m))
            .filter(|&e| w.doc.entities[e].kind != EntityKind::Loc)
    };
    let source = (range.start..first).rev().find_map(entity_at);
    let target = (last + 1..range.end).find_map(|j| entity_at(j).filter(|&e| Some(e) != source));
    (
        source.into_iter().collect(),
        target.into_iter().collect(),
        "linear",
    )
}

const ALLEGED: &[&str] = &[
    "allegedly",
    "reportedly",
    "alleged",
    "suspected",
    "suspicion",
    "accused",
    "purported",
    "purportedly",
    "claimed",
    "claims",
    "claim",
    "believed",
    "rumoured",
    "rumored",
    "supposedly",
];
const PLANNED: &[&str] = &[
    "will",
    "would",
    "plan",
    "plans",
    "planned",
    "planning",
    "plot",
    "plotted",
    "plotting",
    "intend",
    "intends",
    "intended",
    "foil",
    "foiled",
    "thwart",
    "thwarted",
    "attempt",
    "attempted",
    "try",
    "tried",
    "aim",
    "aims",
    "agreed",
    "undertook",
    "undertake",
    "pledged",
    "vowed",
    "prepare",
    "prepared",
    "preparing",
    "seek",
    "sought",
    "set",
    "going",
    "shall",
    "expected",
    "conspiracy",
    "scheme",
    "prevent",
    "prevented",
];
const DENIED: &[&str] = &[
    "never", "not", "n't", "no", "denied", "denies", "deny", "rejected",
];

/// Modality from cue words on the path from the trigger to the sentence root (with a parse) or in
/// a window before the trigger (without one). Denial beats planning beats allegation.
fn modality_of(
    w: &Work,
    toks: &[Tok],
    trig: usize,
    range: std::ops::Range<usize>,
    has_parse: bool,
) -> Modality {
    let mut cues: Vec<&str> = Vec::new();
    if has_parse {
        let mut v = trig;
        let mut path = vec![trig];
        for _ in 0..6 {
            let up = toks[v].head;
            if up == v {
                break;
            }
            v = up;
            path.push(v);
        }
        for &p in &path {
            cues.push(&toks[p].lower);
            for k in children(toks, &range, p) {
                if matches!(
                    toks[k].dep.as_str(),
                    "neg"
                        | "aux"
                        | "advmod"
                        | "amod"
                        | "auxpass"
                        | "prep"
                        | "mark"
                        | "dobj"
                        | "pobj"
                ) || k == trig
                {
                    cues.push(&toks[k].lower);
                    if toks[k].dep == "prep" {
                        for g in children(toks, &range, k) {
                            cues.push(&toks[g].lower);
                        }
                    }
                }
            }
        }
        // "alleged Mossad spy ring": a modifier of the trigger noun itself.
        for k in children(toks, &range, trig) {
            cues.push(&toks[k].lower);
        }
    } else {
        let from = trig.saturating_sub(6).max(range.start);
        cues.extend(toks[from..=trig].iter().map(|t| t.lower.as_str()));
    }
    let _ = w;
    if cues.iter().any(|c| DENIED.contains(c)) {
        Modality::Denied
    } else if cues.iter().any(|c| PLANNED.contains(c)) {
        Modality::Planned
    } else if cues.iter().any(|c| ALLEGED.contains(c)) {
        Modality::Alleged
    } else {
        Modality::Asserted
    }
}

/// Attribution chain: the outlet, then whoever the sentence cites ("according to X", "citing X",
/// "X said/reported/claimed").
fn attribution_of(w: &Work, sentence: Span) -> Vec<Attribution> {
    let mut chain = Vec::new();
    if let Some(outlet) = &w.doc.meta.outlet {
        chain.push(Attribution {
            text: outlet.clone(),
            entity: None,
            span: None,
        });
    }
    let text = &w.doc.text[sentence.range()];
    let lower = text.to_lowercase();
    for cue in ["according to ", "citing ", "quoting "] {
        if let Some(p) = lower.find(cue) {
            let start = sentence.start + p + cue.len();
            if let Some(m) =
                w.doc.mentions.iter().find(|m| {
                    m.span.start >= start && m.span.start < start + 40 && m.entity.is_some()
                })
            {
                chain.push(Attribution {
                    text: m.text.clone(),
                    entity: m.entity,
                    span: Some(m.span),
                });
            }
        }
    }
    for verb in [
        " said",
        " reported",
        " claimed",
        " stated",
        " told",
        " announced",
        " added",
        " report",
        " disclose",
    ] {
        if let Some(p) = lower.find(verb) {
            let at = sentence.start + p;
            if let Some(m) = w
                .doc
                .mentions
                .iter()
                .rev()
                .find(|m| m.span.end <= at && at - m.span.end <= 3 && m.entity.is_some())
            {
                if !chain.iter().any(|a: &Attribution| a.span == Some(m.span)) {
                    chain.push(Attribution {
                        text: m.text.clone(),
                        entity: m.entity,
                        span: Some(m.span),
                    });
                }
            }
        }
    }
    chain
}

/// The event's own date: the time expression of the sentence nearest to the trigger.
fn date_of(w: &Work, sentence: Span, trigger: Span) -> Option<String> {
    w.doc
        .times
        .iter()
        .filter(|t| sentence.contains(t.span))
        .min_by_key(|t| {
            if t.span.start >= trigger.end {
                t.span.start - trigger.end
            } else {
                trigger.start - t.span.end.min(trigger.start)
            }
        })
        .map(|t| t.value.clone())
}

/// Numbers stated with the act: "11 persons", "a 15-person cell", "seven members".
fn quantities_in(sentence: &str) -> Vec<String> {
    static RE: OnceLock<regex::Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        regex::Regex::new(r"(?i)\b(\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens of|hundreds of)(-person|-member)?\s+(?:[a-z]+\s+)?(people|persons|suspects|members|agents|officers|spies|individuals|operatives|citizens|nationals|arrests|cell|network|ring|documents|files|soldiers|troops|militants)\b").unwrap()
    });
    re.find_iter(sentence)
        .map(|m| m.as_str().to_string())
        .collect()
}
