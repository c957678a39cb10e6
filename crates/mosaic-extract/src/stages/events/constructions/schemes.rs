//! Schemes belong to their authors: in "a plot by X to kill Y", "Tehran's plan to …", "an Iranian
//! plot to …" and "agents set out plans for assassinating …", the intended act is the authors',
//! never the one who foiled or revealed it.

use mosaic_core::EntityKind;

use super::super::phrases::{is_anti, np_entities, pronoun_antecedent, verb_subjects};
use super::super::view::{dedup, Cx};
use crate::words::words;

/// Is the token a noun for an intended act ("plot", "plans", "attempt")?
pub(crate) fn is_scheme(cx: &Cx, tok: usize) -> bool {
    words().scheme_nouns.has(cx.lower(tok), cx.lemma(tok))
}

/// Who is behind a scheme: named on the noun ("an Iranian plot", "Tehran's plan", "a plot by X",
/// "a scheme from Hezbollah"), else the subject of the verb that made it ("agents set out plans"),
/// unless that verb foiled or revealed it.
pub(crate) fn authors(cx: &Cx, scheme: usize) -> Vec<usize> {
    let mut out: Vec<usize> = Vec::new();
    for k in cx.children(scheme) {
        match (cx.dep(k), cx.lower(k)) {
            ("poss" | "compound" | "amod" | "nmod", _) if !is_anti(cx, k) => {
                if let Some(e) = cx.entity_at(k).or_else(|| pronoun_antecedent(cx, k)) {
                    if cx.kind(e) != EntityKind::Loc {
                        out.push(e);
                    }
                }
            }
            ("prep", "by" | "from" | "of") => {
                for g in cx.children_with(k, &["pobj"]) {
                    out.extend(np_entities(cx, g));
                }
            }
            _ => {}
        }
    }
    if out.is_empty() {
        let verb = cx.head(scheme);
        if verb != scheme
            && cx.is_verb(verb)
            && matches!(cx.dep(scheme), "dobj" | "nsubjpass")
            && !is_foiling(cx, verb)
        {
            let (subjects, passive) = verb_subjects(cx, verb);
            if !passive {
                out = subjects;
            }
        }
    }
    dedup(out)
}

/// Is the token a verb by which a third party stops or reveals a scheme ("foiled", "uncovered")?
pub(crate) fn is_foiling(cx: &Cx, tok: usize) -> bool {
    words().foiling_verbs.has(cx.lower(tok), cx.lemma(tok))
}
