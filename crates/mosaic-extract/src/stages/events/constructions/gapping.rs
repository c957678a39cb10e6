//! Gapping: "A <verb> B and C D", the verb left out of the second pair ("Iran fighting the PJAK
//! and Turkey the PKK"). Read from the words, as parsers rarely get it right.

use mosaic_core::EntityKind;

use super::super::view::Cx;

/// The two (actor, acted-on) pairs of a gapped clause around the trigger's words `first..=last`:
/// a name, the trigger, a name, "and" or a comma, two names in a row, and the clause ends.
pub(crate) fn pairs(cx: &Cx, first: usize, last: usize) -> Option<Vec<(usize, usize)>> {
    // The entity whose mention covers token `j`, and the first token after that mention.
    let name_at = |j: usize| -> Option<(usize, usize)> {
        if j >= cx.range.end {
            return None;
        }
        let m = cx.mention_at(j)?;
        let e = cx.doc().mentions[m].entity?;
        let end = cx.doc().mentions[m].span.end;
        let mut k = j;
        while k < cx.range.end && cx.span(k).start < end {
            k += 1;
        }
        Some((e, k))
    };
    let skip_the = |j: usize| {
        if j < cx.range.end && cx.lower(j) == "the" {
            j + 1
        } else {
            j
        }
    };
    if first == cx.range.start {
        return None;
    }
    let a = cx.entity_at(first - 1)?;
    let (b, j) = name_at(skip_the(last + 1))?;
    if j >= cx.range.end || !matches!(cx.lower(j), "and" | ",") {
        return None;
    }
    let (c, k) = name_at(j + 1)?;
    let (d, end) = name_at(skip_the(k))?;
    let closes = end >= cx.range.end
        || matches!(
            cx.lower(end),
            "." | "," | ";" | "—" | "–" | ")" | "respectively"
        );
    let kinds_ok = [a, c].iter().all(|&e| cx.kind(e) != EntityKind::Loc);
    (closes && kinds_ok && c != d && a != b).then(|| {
        vec![
            (cx.actor_for_event(a), cx.actor_for_event(b)),
            (cx.actor_for_event(c), cx.actor_for_event(d)),
        ]
    })
}
