//! Acts that are part of another act rather than events of their own: "signed a pact" (one
//! agreement), "an attack targeting Israel" (one attack), "a meeting about the arrests" (talks
//! whose topic is an arrest), "discussed the killing".

use mosaic_core::EventType;

use super::super::triggers::{Found, Origin};
use super::super::view::Cx;
use crate::words::words;

/// Is this trigger part of another trigger's event? Its head chain reaches another trigger of
/// the same type, or it is the topic of talks or an agreement ("a pact covering intelligence
/// cooperation"). A spy ring that was arrested stays an event.
pub(crate) fn is_subordinate(cx: &Cx, f: &Found, all: &[Found]) -> bool {
    let type_at = |h: usize| all.iter().find(|o| o.head == h).map(|o| o.event_type);
    // Only Mosaic's own agreement and talk triggers frame a topic ("signed a pact covering
    // cooperation"); the dictionary's broader intents do not ("plans to impose sanctions").
    let lexical_type_at = |h: usize| {
        all.iter()
            .find(|o| o.head == h && o.origin == Origin::Lexicon)
            .map(|o| o.event_type)
    };
    // ("cooperate on peace talks": the talks are what the cooperation is about.)
    let talks = |h: usize| {
        matches!(
            type_at(h),
            Some(EventType::Consult | EventType::Agree | EventType::Cooperate)
        )
    };
    if f.noun && is_topic_of_talk(cx, f.head, &talks) {
        return true;
    }
    if f.event_type == EventType::Request && is_protest_purpose(cx, f.head, &type_at) {
        return true;
    }
    // "demanded the withdrawal of Serbian forces", "rejected a ceasefire", "threatened a general
    // strike": an act asked for, refused or threatened has not happened.
    if f.noun && is_content_of(cx, f.head, &type_at) {
        return true;
    }
    // "detained seven suspects in raids", "captured during an operation": the noun is how the
    // act was done.
    if f.noun && is_means_of(cx, f.head, &type_at) {
        return true;
    }
    // "launched an attack … targeting Israel": a participle beside a same-type noun on the same
    // verb describes that act.
    if !f.noun && cx.tag(f.head) == "VBG" && matches!(cx.dep(f.head), "advcl" | "xcomp") {
        let verb = cx.head(f.head);
        if cx
            .children_with(verb, &["dobj"])
            .into_iter()
            .any(|k| type_at(k) == Some(f.event_type))
        {
            return true;
        }
    }
    let mut v = f.head;
    for _ in 0..4 {
        let up = cx.head(v);
        if up == v || cx.dep(v) == "conj" {
            return false;
        }
        v = up;
        if type_at(v) == Some(f.event_type) {
            return true;
        }
        if f.noun
            && matches!(
                lexical_type_at(v),
                Some(EventType::Consult | EventType::Agree)
            )
            && f.event_type != EventType::Espionage
        {
            return true;
        }
    }
    false
}

/// "staged demonstrations to demand reforms", "continued their hunger strike to demand the
/// resignation of …": the demand is what the protest is for, not an event of its own (PLOVER:
/// the topic of a protest is not coded separately).
fn is_protest_purpose(cx: &Cx, verb: usize, type_at: &dyn Fn(usize) -> Option<EventType>) -> bool {
    if !matches!(cx.dep(verb), "advcl" | "xcomp") {
        return false;
    }
    let up = cx.head(verb);
    type_at(up) == Some(EventType::Protest)
        || cx
            .children_with(up, &["dobj"])
            .into_iter()
            .any(|o| type_at(o) == Some(EventType::Protest))
}

/// Is the act noun the means of another act ("in raids", "during an operation")?
fn is_means_of(cx: &Cx, noun: usize, type_at: &dyn Fn(usize) -> Option<EventType>) -> bool {
    let prep = cx.head(noun);
    cx.dep(noun) == "pobj"
        && words().means_preps.contains(cx.lower(prep))
        && type_at(cx.head(prep)).is_some()
        && cx.is_verb(cx.head(prep))
}

/// Is the act noun what a demand, a refusal or a threat is about (its object, or the object of
/// its "for")?
fn is_content_of(cx: &Cx, noun: usize, type_at: &dyn Fn(usize) -> Option<EventType>) -> bool {
    let mut up = cx.head(noun);
    if cx.dep(noun) == "pobj" && cx.lower(up) == "for" {
        up = cx.head(up);
    } else if cx.dep(noun) != "dobj" {
        return false;
    }
    matches!(
        type_at(up),
        Some(EventType::Request | EventType::Reject | EventType::Threaten)
    )
}

/// "met to discuss the arrests", "held a meeting … about the arrests", "talked about the
/// strike": the act noun is what the talk was about.
fn is_topic_of_talk(cx: &Cx, noun: usize, talks: &dyn Fn(usize) -> bool) -> bool {
    let w = words();
    let mut v = noun;
    let mut topic = false;
    for _ in 0..3 {
        let up = cx.head(v);
        if up == v {
            return false;
        }
        v = up;
        topic |= cx.dep(v) == "prep" && w.topic_preps.contains(cx.lower(v));
        if cx.is_verb(v) {
            if w.topic_verbs.has(cx.lower(v), cx.lemma(v)) {
                return true;
            }
            return topic && (talks(v) || cx.children_with(v, &["dobj"]).into_iter().any(talks));
        }
        if !matches!(cx.dep(v), "prep" | "pobj" | "dobj") && !w.topic_preps.contains(cx.lower(v)) {
            return false;
        }
    }
    false
}
