//! How surely the text asserts an act (modality), who says so (attribution) and when the act
//! itself happened (its date, never the announcement's).

use std::sync::OnceLock;

use mosaic_core::{Attribution, Modality, Span};

use super::view::Cx;
use crate::words::words;

/// Modality from cue words on the path from the trigger to the sentence root (with a parse) or in
/// a window before the trigger (without one). Denial beats planning beats allegation.
pub(crate) fn modality_of(cx: &Cx, trig: usize) -> Modality {
    // "stopped an Iranian assassination attempt": an act noun modifying another is governed
    // through it.
    let trig = if cx.dep(trig) == "compound" && cx.is_noun(cx.head(trig)) {
        cx.head(trig)
    } else {
        trig
    };
    let cues: Vec<&str> = if cx.parsed() {
        parse_cues(cx, trig)
    } else {
        let from = trig.saturating_sub(6).max(cx.range.start);
        (from..trig).map(|k| cx.lower(k)).collect()
    };
    let w = words();
    if cues.iter().any(|c| w.denied_cues.contains(c)) {
        Modality::Denied
    } else if cues.iter().any(|c| w.planned_cues.contains(c)) {
        Modality::Planned
    } else if cues.iter().any(|c| w.alleged_cues.contains(c)) {
        Modality::Alleged
    } else {
        Modality::Asserted
    }
}

/// The trigger's own modals, negation and adverbs ("will arrest", "never cooperated", "allegedly
/// spied", "an alleged spy ring"), but not the trigger word itself ("agreed", "accused" and
/// "thwarted" state an act that happened); then every word governing it ("plotted to kill",
/// "denied recruiting", "on suspicion of spying"), with those words' own modals and negation.
fn parse_cues<'c>(cx: &'c Cx, trig: usize) -> Vec<&'c str> {
    const ALLEGED: &str = "allegedly";
    let w = words();
    let mut cues: Vec<&str> = cx
        .children_with(trig, &["neg", "aux", "advmod", "amod", "det"])
        .into_iter()
        .map(|k| cx.lower(k))
        .collect();
    let mut v = trig;
    let mut crossed_conj = false;
    let mut presupposed_from: Option<usize> = None;
    for _ in 0..6 {
        let up = cx.head(v);
        if up == v {
            break;
        }
        let dep = cx.dep(v);
        let reduced_relative = is_reduced_relative(cx, v);
        v = up;
        // A noun the trigger merely modifies does not govern it ("the arrest of suspects").
        if matches!(dep, "compound" | "amod" | "nmod" | "poss") {
            break;
        }
        // What governs a noun that an act describes still makes the act claimed or planned, but
        // never denies it: "denied recruiting the four people detained in Georgia" denies the
        // recruiting, not the detention it takes as known.
        if reduced_relative && presupposed_from.is_none() {
            presupposed_from = Some(cues.len());
        }
        // A conjoined verb keeps its own polarity ("does not recognize Israel and launched…")
        // but shares what governs both ("undertook to stop cooperating … and to roll up").
        if dep == "conj" {
            // … except over "or"/"nor": "did not confirm or deny" negates both.
            let alternative = cx
                .children_with(v, &["cc"])
                .into_iter()
                .any(|c| matches!(cx.lower(c), "or" | "nor"));
            crossed_conj |= !alternative;
            if !alternative {
                continue;
            }
            if !cx.children_with(v, &["neg"]).is_empty() {
                cues.push("not");
            }
        }
        cues.push(cx.lower(v));
        let non_factive = w.non_factive_verbs.has(cx.lower(v), cx.lemma(v));
        for k in cx.children(v) {
            // "has not commented on the killing", "did not confirm the strike": silence about an
            // act is not its denial.
            if cx.dep(k) == "neg" && (crossed_conj || non_factive) {
                continue;
            }
            if matches!(cx.dep(k), "neg" | "aux" | "advmod" | "mark") {
                cues.push(cx.lower(k));
            }
            // "Our sources disclose that …": an unnamed source's claim.
            // "Prosecutors say he passed documents …": the accusing side's case.
            if cx.dep(k) == "nsubj"
                && (w.unnamed_sources.contains(cx.lower(k))
                    || w.accusing_sources.contains(cx.lemma(k)))
            {
                cues.push(ALLEGED);
            }
            // "According to that report, …": a claim passed on, not asserted by the outlet.
            if cx.dep(k) == "prep" && cx.lower(k) == "according" {
                cues.push(ALLEGED);
            }
        }
    }
    if let Some(from) = presupposed_from {
        let governing = cues.split_off(from);
        cues.extend(governing.into_iter().filter(|c| !w.denied_cues.contains(c)));
    }
    // The trigger's own "according to" ("arrested, according to the statement").
    if cx
        .children_with(trig, &["prep"])
        .into_iter()
        .any(|k| cx.lower(k) == "according")
    {
        cues.push(ALLEGED);
    }
    cues
}

/// Is `span` inside a quotation (an odd number of quote marks before it in its paragraph)?
pub(crate) fn inside_quotes(text: &str, sentence: Span, span: Span) -> bool {
    let para_start = text[..sentence.start].rfind('\n').map_or(0, |i| i + 1);
    let before = &text[para_start..span.start];
    let opens = before.matches('“').count();
    let closes = before.matches('”').count();
    let straight = before.matches('"').count();
    opens > closes || straight % 2 == 1
}

/// Attribution chain: the outlet, then whoever the sentence cites ("according to X", "citing X",
/// "quoting X", "X said/reported/claimed"), each once, in text order of the cue.
pub(crate) fn attribution_of(cx: &Cx) -> Vec<Attribution> {
    let doc = cx.doc();
    let mut chain = Vec::new();
    if let Some(outlet) = &doc.meta.outlet {
        chain.push(Attribution {
            text: outlet.clone(),
            entity: None,
            span: None,
        });
    }
    let w = words();
    let push = |m: usize, chain: &mut Vec<Attribution>| {
        let mention = &doc.mentions[m];
        let text = mention
            .entity
            .map_or_else(|| mention.text.clone(), |e| doc.entities[e].name.clone());
        // Each source once: cited twice in one sentence ("MIT said … the agency said") or the
        // outlet itself named as a cue, it is still one link.
        let known = chain.iter().any(|a| {
            a.span == Some(mention.span)
                || (a.entity.is_some() && a.entity == mention.entity)
                || mosaic_core::fold_key(&a.text) == mosaic_core::fold_key(&text)
        });
        if !known {
            chain.push(Attribution {
                text,
                entity: mention.entity,
                span: Some(mention.span),
            });
        }
    };
    for k in cx.range.clone() {
        if w.citing_cues.contains(cx.lower(k)) {
            // The first named actor within a few words after the cue, past a possessor
            // ("citing Turkey's National Intelligence Organisation").
            let start = cx.span(k).end;
            let possessor = |m: &mosaic_core::Mention| {
                let after = &doc.text[m.span.end..];
                after.starts_with("'s") || after.starts_with("’s")
            };
            if let Some(m) = doc.mentions.iter().position(|m| {
                m.span.start > start
                    && m.span.start < start + 60
                    && m.entity.is_some()
                    && !possessor(m)
            }) {
                push(m, &mut chain);
            }
        } else if (w.reporting_verbs.contains(cx.lemma(k))
            || w.publishing_verbs.contains(cx.lemma(k)))
            && k > cx.range.start
        {
            // The named actor ending right before the verb ("the agency said", "Iran's MFA said").
            let at = cx.span(k).start;
            if let Some(m) = doc
                .mentions
                .iter()
                .rposition(|m| m.span.end <= at && at - m.span.end <= 3 && m.entity.is_some())
            {
                push(m, &mut chain);
            }
        }
    }
    chain
}

/// The event's own date: the time expression of the sentence nearest to the trigger, unless it
/// dates the announcement of the act rather than the act.
pub(crate) fn date_of(cx: &Cx, trigger: Span, trig: usize) -> Option<String> {
    let sentence = cx.sentence_span();
    cx.doc()
        .times
        .iter()
        .filter(|t| sentence.contains(t.span))
        .filter(|t| !cx.parsed() || !dates_the_report(cx, t.span, trig))
        .filter(|t| !cx.parsed() || !dates_another_clause(cx, t.span, trig))
        .filter(|t| !cx.parsed() || !dates_what_a_description_hangs_on(cx, t.span, trig))
        .filter(|t| !is_span_bound(cx, t.span))
        .min_by_key(|t| {
            if t.span.start >= trigger.end {
                t.span.start - trigger.end
            } else {
                trigger.start - t.span.end.min(trigger.start)
            }
        })
        .map(|t| t.value.clone())
}

/// "since 1979", "until 2020", "for two years": a time that bounds a span of time rather than
/// dating an act.
fn is_span_bound(cx: &Cx, time: Span) -> bool {
    let before = cx.doc().text[..time.start].trim_end();
    let word: String = before
        .chars()
        .rev()
        .take_while(|c| c.is_alphabetic())
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    words().span_preps.contains(&word.to_lowercase())
}

/// The verb a time expression hangs on (climbing at most `steps` heads from its first token),
/// or the act itself when the climb reaches it first.
fn verb_of_time(cx: &Cx, time: Span, trig: usize, steps: usize) -> Option<usize> {
    let first = cx
        .range
        .clone()
        .find(|&j| time.contains(cx.span(j)) || cx.span(j).contains(time))?;
    let mut v = first;
    for _ in 0..steps {
        if v == trig || cx.is_verb(v) || cx.head(v) == v {
            break;
        }
        v = cx.head(v);
    }
    Some(v)
}

/// Does the time expression date a clause of its own below the act ("held talks, the first since
/// the two rivals restored relations in March 2023")? The act's date is in its own clause or in
/// one above it.
fn dates_another_clause(cx: &Cx, time: Span, trig: usize) -> bool {
    let Some(v) = verb_of_time(cx, time, trig, 6) else {
        return false;
    };
    v != trig
        && cx.is_verb(v)
        && !cx.governs(v, trig, 10)
        && matches!(cx.dep(v), "advcl" | "relcl" | "acl" | "ccomp" | "pcomp")
}

/// A clause describing a noun without a subject or "that" of its own ("the four people detained
/// in Georgia"), as opposed to the content of a noun ("claims that it had supplied drones").
fn is_reduced_relative(cx: &Cx, tok: usize) -> bool {
    cx.dep(tok) == "acl"
        && cx
            .children_with(tok, &["nsubj", "nsubjpass", "mark", "aux"])
            .is_empty()
}

/// "Russia denied on Wednesday that it recruited the four people detained in Georgia": an act
/// told by a participle describing a noun takes only a date of its own, never that of the verb
/// above it (an infinitive, "plots in June to kill", is dated by what it depends on).
fn dates_what_a_description_hangs_on(cx: &Cx, time: Span, trig: usize) -> bool {
    is_reduced_relative(cx, trig)
        && cx.tag(trig) == "VBN"
        && verb_of_time(cx, time, trig, 6).is_some_and(|v| v != trig)
}

/// "Iran said on Friday that it had sent drones": the date hangs on the reporting verb that
/// governs the act, so it dates the announcement, not the act.
fn dates_the_report(cx: &Cx, time: Span, trig: usize) -> bool {
    let Some(v) = verb_of_time(cx, time, trig, 4) else {
        return false;
    };
    // "declared … persona non grata" is itself the act, not a report of one.
    v != trig
        && words().reporting_verbs.contains(cx.lemma(v))
        && cx.lemma(v) != "declare"
        && cx.governs(v, trig, 8)
}

/// Numbers stated with the act: "11 persons", "a 15-person cell", "seven members".
pub(crate) fn quantities_in(sentence: &str) -> Vec<String> {
    static RE: OnceLock<regex::Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        regex::Regex::new(r"(?i)\b(\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens of|hundreds of)(-person|-member)?\s+(?:[a-z]+\s+)?(people|persons|suspects|members|agents|officers|spies|individuals|operatives|citizens|nationals|arrests|cell|network|ring|documents|files|soldiers|troops|militants)\b").unwrap()
    });
    re.find_iter(sentence)
        .map(|m| m.as_str().to_string())
        .collect()
}
