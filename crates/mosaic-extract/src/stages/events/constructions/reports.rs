//! Reported hostile acts: "Iran said the Mossad agents planned assassinations" is, besides the
//! act (alleged), an accusation by the one who reports it — unless the reporter arrested the
//! people or foiled the plot, when the arrest carries the allegation.

use super::super::lexicon::is_arrest_verb;
use super::super::phrases::verb_subjects;
use super::super::view::Cx;
use super::schemes::is_foiling;
use crate::words::words;

/// A reporting verb governing `tok` whose subject names actors ("Iran said …", "the agency
/// claimed to have …"): the verb and those actors.
pub(crate) fn reporter_of(cx: &Cx, tok: usize) -> Option<(usize, Vec<usize>)> {
    let mut v = tok;
    for _ in 0..6 {
        let up = cx.head(v);
        if up == v {
            return None;
        }
        v = up;
        if !cx.is_verb(v) {
            continue;
        }
        if words().reporting_verbs.contains(cx.lemma(v)) {
            let (subjects, passive) = verb_subjects(cx, v);
            return (!passive && !subjects.is_empty()).then_some((v, subjects));
        }
        // "the agency said it had detained a ring run by Mossad", "said it foiled a plot by X":
        // the arrest or the foiling is the news, and carries its allegation (the spying or the
        // plot, coded as alleged or planned); the report is no separate accusation — unless the
        // reporter only "claimed" it.
        if (is_foiling(cx, v) || is_arrest_verb(cx.lemma(v))) && !claimed_above(cx, v) {
            return None;
        }
    }
    None
}

/// Is some word above `tok` a form of "claim"?
fn claimed_above(cx: &Cx, tok: usize) -> bool {
    let mut h = tok;
    for _ in 0..6 {
        if cx.head(h) == h {
            return false;
        }
        h = cx.head(h);
        if cx.lemma(h) == "claim" {
            return true;
        }
    }
    false
}
