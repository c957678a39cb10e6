//! Where a word stands in its sentence's clause structure.

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
