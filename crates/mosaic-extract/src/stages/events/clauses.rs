//! Where a word stands in its sentence's clause structure.

use mosaic_core::EventType;

use super::view::Cx;
use crate::words::words;

/// Is the token the sentence's main predicate: its root, a verb conjoined with the root ("met and
/// agreed"), the complement of a root verb of saying ("X said Y attacked Z"), or of a root verb
/// it completes ("began to shell")?
pub(crate) fn is_main_predicate(cx: &Cx, tok: usize) -> bool {
    let mut t = tok;
    for _ in 0..4 {
        let head = cx.head(t);
        if head == t || cx.dep(t) == "ROOT" {
            return true;
        }
        match cx.dep(t) {
            "conj" | "xcomp" => t = head,
            "ccomp" | "parataxis" if is_saying(cx, head) => t = head,
            _ => return false,
        }
    }
    false
}

fn is_saying(cx: &Cx, verb: usize) -> bool {
    let w = words();
    w.reporting_verbs.contains(cx.lemma(verb)) || w.publishing_verbs.contains(cx.lemma(verb))
}

/// Does the verb act on no one: no object, complement, or phrase naming a counterpart ("agreed to
/// resign", "… to resign without returning to Kyrgyzstan")?
pub(crate) fn is_intransitive(cx: &Cx, verb: usize) -> bool {
    cx.is_verb(verb)
        && cx
            .children_with(verb, &["dobj", "dative", "xcomp", "ccomp", "attr"])
            .is_empty()
        && !cx
            .children_with(verb, &["prep"])
            .into_iter()
            .any(|p| matches!(cx.lower(p), "to" | "with" | "for" | "against" | "on"))
}

/// Is the act only supposed or prevented: under "if"/"unless" ("if it dominates"), in a clause
/// that supposes what a noun would do ("a force that would deploy"), or the object of a verb of
/// prevention ("banned any demonstrations", "prevented attacks")?
pub(crate) fn is_unreal(cx: &Cx, tok: usize) -> bool {
    let w = words();
    // "potential threats", "possible attacks"
    if cx.is_noun(tok)
        && cx
            .children_with(tok, &["amod"])
            .into_iter()
            .any(|a| w.hypothetical_adjectives.contains(cx.lower(a)))
    {
        return true;
    }
    let mut t = tok;
    for _ in 0..4 {
        if cx
            .children_with(t, &["mark"])
            .into_iter()
            .any(|m| w.conditional_marks.contains(cx.lower(m)))
        {
            return true;
        }
        if matches!(cx.dep(t), "relcl" | "acl")
            && cx.children_with(t, &["aux"]).into_iter().any(|a| {
                w.hypothetical_modals.contains(cx.lower(a))
                    || cx.dep(t) == "acl"
                        && cx.lower(a) == "to"
                        && !w
                            .scheme_nouns
                            .has(cx.lower(cx.head(t)), cx.lemma(cx.head(t)))
            })
        {
            // "a police force that would deploy in Gaza", "a joint operations centre to fight
            // ISIS": a supposed act, or the purpose of a thing, describing a noun ("a scheme to
            // blast the embassy" is the scheme itself, coded as planned).
            return true;
        }
        let up = cx.head(t);
        if up == t {
            return false;
        }
        if matches!(cx.dep(t), "dobj" | "xcomp" | "pobj")
            && cx.is_verb(up)
            && w.preventing_verbs.contains(cx.lemma(up))
        {
            return true;
        }
        if !matches!(cx.dep(t), "conj" | "xcomp" | "advcl" | "pobj" | "prep") {
            return false;
        }
        t = up;
    }
    false
}

/// Is the clause a habit or a generality ("officials rarely confirm or deny involvement")? The
/// adverb may sit on the verb or on the first of conjoined verbs.
pub(crate) fn is_habitual(cx: &Cx, tok: usize) -> bool {
    let w = words();
    let verb = if cx.dep(tok) == "conj" {
        cx.head(tok)
    } else {
        tok
    };
    // "continues to carry out ambushes": an ongoing activity, not an act.
    let up = cx.head(verb);
    if cx.dep(verb) == "xcomp" && cx.lemma(up) == "continue" && matches!(cx.tag(up), "VBZ" | "VBP")
    {
        return true;
    }
    [tok, verb].into_iter().any(|v| {
        cx.children_with(v, &["advmod"])
            .into_iter()
            .any(|a| w.habitual_adverbs.contains(cx.lower(a)))
    })
}

/// Is the verb a standing policy told in the negative present ("Iran does not recognize Israel",
/// "Ankara does not allow …")? No act happened.
pub(crate) fn is_standing_refusal(cx: &Cx, verb: usize, event_type: EventType) -> bool {
    // (Said in answer to a charge, a material act denies the act: "said Moscow does not conduct
    // intelligence operations against Georgia".)
    let reported = cx.dep(verb) == "ccomp" && is_saying(cx, cx.head(verb));
    !(reported && event_type.is_material())
        && cx.is_verb(verb)
        && cx.tag(verb) == "VB"
        && !cx.children_with(verb, &["neg"]).is_empty()
        && cx
            .children_with(verb, &["aux"])
            .into_iter()
            .any(|a| matches!(cx.lower(a), "does" | "do"))
}

/// Is the token in a clause that describes a noun ("who were heading …", "serving the Mossad")?
pub(crate) fn is_descriptive(cx: &Cx, tok: usize) -> bool {
    matches!(cx.dep(tok), "relcl" | "acl")
}
