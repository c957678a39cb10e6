//! The CAMEO verb dictionary over the dependency parse: which entry a verb is, and which of its
//! block's patterns its arguments fit.
//!
//! PETRARCH matched these patterns on constituency trees; here a pattern's post-verb nouns are
//! looked up in the verb's own arguments (objects, particles, attached phrases, and the passive
//! subject), its prepositional phrases among the `prep` dependants in those arguments, and its
//! pre-verb nouns in the subject's phrase. Clauses under the verb (complements, relative and
//! adverbial clauses, conjuncts) are never searched: they are events or combinations of their own.

use mosaic_cameo::{CameoCode, CodeSpec, Element, Marker, Pattern, Term, VerbDictionary};

use super::view::Cx;

/// What the dictionary says a verb token codes.
#[derive(Clone, Debug)]
pub(crate) struct Coded {
    /// The code of the act the subject does (of a pair `[042:043]`, the first: the object's
    /// act in return is not coded separately).
    pub forward: Option<CameoCode>,
    /// The dictionary entry (its words give the rule string).
    pub entry: usize,
    /// The first and last token of the verb's words ("called on", "wire tapped").
    pub first: usize,
    pub last: usize,
    /// The pattern that decided the code, when one did (its line in CAMEO.2.0.txt).
    pub pattern_line: Option<usize>,
    /// A token the pattern marks as the source (`$`) or target (`+`) phrase.
    pub source_at: Option<usize>,
    pub target_at: Option<usize>,
}

/// Dependants that open a clause of their own, or are not part of the verb's phrase.
const CLAUSAL: &[&str] = &[
    "ccomp",
    "xcomp",
    "advcl",
    "relcl",
    "acl",
    "conj",
    "parataxis",
    "csubj",
    "csubjpass",
    "pcomp",
    "punct",
    "cc",
    "mark",
    "aux",
    "auxpass",
    "neg",
    "expl",
];

/// The dictionary's reading of verb token `v`, or `None` when the verb is not in the dictionary
/// or codes no event (`[---]`).
pub(crate) fn code_verb(cx: &Cx, v: usize) -> Option<Coded> {
    let dict = VerbDictionary::embedded();
    let (entry, (first, last)) = best_entry(cx, v, dict)?;
    let args = Arguments::of(cx, v);
    let block = &dict.blocks[dict.entries[entry].block];
    let mut best: Option<(usize, &Pattern, Binding)> = None;
    let verb = dict.entries[entry].words.join(" ");
    for p in &block.patterns {
        // A block's patterns apply to all its verbs, but a one-word pattern written for another
        // verb of the block generalises badly ("&MILITARY *" was written for "take", as in
        // "troops took the town", and is no occupation when soldiers "arrested" people).
        let own = p.found_with.as_deref().is_none_or(|w| w == verb);
        if !own && p.specificity() < 2 {
            continue;
        }
        if let Some(b) = args.fit(cx, dict, p) {
            let score = p.specificity();
            if best.as_ref().is_none_or(|(s, _, _)| score > *s) {
                best = Some((score, p, b));
            }
        }
    }
    let (code, pattern_line, binding) = match best {
        // Announcing, describing or commenting on an act is not doing it ("announced the arrest
        // of", "did not comment on the killing"): a statement verb's pattern codes only a verbal
        // act; the act noun codes the act itself, with its own agent.
        Some((_, p, _))
            if is_statement_block(block) && p.code.forward().is_some_and(is_material) =>
        {
            return None
        }
        Some((_, p, b)) => (p.code, Some(p.line), b),
        None if suppressed(cx, v) => return None,
        None => (dict.default_code(entry), None, Binding::default()),
    };
    // A reverse-only pair (`[:173]`, "appeared in court") codes what the other side did: no act
    // of the subject's.
    let forward = match code {
        CodeSpec::Null => return None,
        CodeSpec::Code(c) => c,
        CodeSpec::Pair { forward, .. } => forward?,
    };
    // The blocks of material cooperation gather loose synonyms ("gave", "increased", "deepened",
    // "protected" in blocks coded as cooperation, aid or concession): only the verb a block is
    // named after, or one with a code of its own, takes the block's code alone. Statements,
    // intents, consultations ("telephoned") and hostile blocks ("blocked", "pressured") are
    // tighter.
    if pattern_line.is_none() && !is_block_head(dict, entry) && (5..=8).contains(&forward.root()) {
        return None;
    }
    Some(Coded {
        forward: Some(forward),
        entry,
        first,
        last,
        pattern_line,
        source_at: binding.source,
        target_at: binding.target,
    })
}

/// A block of verbs of public statement (CAMEO 01: say, announce, describe, comment).
fn is_statement_block(block: &mosaic_cameo::VerbBlock) -> bool {
    block.code.forward().is_some_and(|c| c.root() == 1)
}

/// Material acts (consultations and cooperation through violence), as opposed to verbal ones
/// (statements, appeals, intents, demands, accusations, rejections, threats).
fn is_material(code: CameoCode) -> bool {
    !matches!(code.root(), 1 | 2 | 3 | 10 | 11 | 12 | 13)
}

/// Is the entry the verb its block is named after, or does it carry its own code? Other members
/// of a block share its patterns, but its code for the isolated verb fits them less well
/// ("dominate" in DESTROY, "leave" in GO_SOMEWHERE).
fn is_block_head(dict: &VerbDictionary, entry: usize) -> bool {
    let e = &dict.entries[entry];
    e.code.is_some()
        || dict.blocks[e.block]
            .name
            .eq_ignore_ascii_case(&e.words.join("_"))
}

/// Verbs whose isolated CAMEO code Mosaic does not take (`data/words.toml`, `uncoded_verbs`):
/// their patterns still apply.
fn suppressed(cx: &Cx, v: usize) -> bool {
    crate::words::words().uncoded_verbs.contains(cx.lemma(v))
}

/// The longest dictionary entry whose verb is token `v` (by lemma or written form) and whose other
/// words are there: a particle or preposition on the verb, or the next words ("called on",
/// "asked for", "pulled out").
fn best_entry(cx: &Cx, v: usize, dict: &VerbDictionary) -> Option<(usize, (usize, usize))> {
    let mut candidates: Vec<usize> = dict.entries_for(cx.lemma(v)).to_vec();
    for &e in dict.entries_for(cx.lower(v)) {
        if !candidates.contains(&e) {
            candidates.push(e);
        }
    }
    candidates
        .into_iter()
        .filter_map(|e| {
            entry_fits(cx, v, &dict.entries[e].words, dict.entries[e].verb_at).map(|last| (e, last))
        })
        .max_by_key(|&(e, _)| (dict.entries[e].words.len(), std::cmp::Reverse(e)))
}

/// The first and last token of the entry's words around verb `v`, when they are all there.
fn entry_fits(cx: &Cx, v: usize, words: &[String], verb_at: usize) -> Option<(usize, usize)> {
    // Words before the verb must be written right before it.
    for (k, w) in words[..verb_at].iter().rev().enumerate() {
        let t = v.checked_sub(k + 1).filter(|t| *t >= cx.range.start)?;
        if cx.lower(t) != w {
            return None;
        }
    }
    let mut last = v;
    for (k, w) in words[verb_at + 1..].iter().enumerate() {
        let next = v + k + 1;
        if next < cx.range.end && cx.lower(next) == w {
            last = last.max(next);
            continue;
        }
        // A particle or preposition of the verb, wherever it stands ("pulled its troops out");
        // the trigger then stays the verb alone.
        if words.len() > 2
            || !cx
                .children_with(v, &["prt", "prep", "advmod", "agent"])
                .into_iter()
                .any(|c| cx.lower(c) == w)
        {
            return None;
        }
    }
    Some((v - verb_at, last))
}

/// Where a pattern put its `$` and `+` markers.
#[derive(Clone, Copy, Debug, Default)]
struct Binding {
    source: Option<usize>,
    target: Option<usize>,
}

/// The tokens a verb's patterns are matched against.
struct Arguments {
    /// The subject's phrase (the passive agent's, for a passive verb).
    pre: Vec<usize>,
    /// The verb's own arguments: objects, particles, attached phrases, the passive subject.
    post: Vec<usize>,
    /// The subject's head, for `$`/`+` markers before the verb.
    subject: Option<usize>,
}

impl Arguments {
    fn of(cx: &Cx, v: usize) -> Arguments {
        let passive = !cx.children_with(v, &["auxpass", "nsubjpass"]).is_empty();
        let mut pre = Vec::new();
        let mut post = Vec::new();
        let mut subject = None;
        for c in cx.children(v) {
            let dep = cx.dep(c);
            // "telephoned Kozyrev on Tuesday": a date is no argument a pattern may read as the
            // verb's "(ON)".
            if dep == "prep" && is_when(cx, c) {
                continue;
            }
            if dep == "nsubj" || (passive && dep == "agent") {
                subject = subject.or(Some(c));
                collect(cx, c, &mut pre);
            } else if !CLAUSAL.contains(&dep) && dep != "nsubj" {
                collect(cx, c, &mut post);
            }
        }
        pre.sort_unstable();
        post.sort_unstable();
        Arguments { pre, post, subject }
    }

    /// Do all of the pattern's elements fit, and where do its markers point?
    fn fit(&self, cx: &Cx, dict: &VerbDictionary, p: &Pattern) -> Option<Binding> {
        let mut binding = Binding::default();
        for e in &p.pre {
            match e {
                Element::Marker(Marker::Source) => binding.source = self.subject,
                Element::Marker(Marker::Target) => binding.target = self.subject,
                _ => fits(cx, dict, e, &self.pre, &mut binding)?,
            }
        }
        for e in &p.post {
            fits(cx, dict, e, &self.post, &mut binding)?;
        }
        Some(binding)
    }
}

/// Is this preposition's object a time expression ("on Tuesday", "in March 2024")?
fn is_when(cx: &Cx, prep: usize) -> bool {
    let times = &cx.doc().times;
    cx.children_with(prep, &["pobj"]).into_iter().any(|o| {
        let at = cx.span(o);
        times.iter().any(|t| t.span.contains(at))
            || crate::words::words()
                .time_nouns
                .has(cx.lower(o), cx.lemma(o))
    })
}

/// The token and its dependants, down to (not into) clauses of their own.
fn collect(cx: &Cx, root: usize, out: &mut Vec<usize>) {
    let mut stack = vec![root];
    while let Some(t) = stack.pop() {
        out.push(t);
        for c in cx.children(t) {
            if !CLAUSAL.contains(&cx.dep(c)) {
                stack.push(c);
            }
        }
    }
}

/// Does element `e` fit somewhere among `region`'s tokens?
fn fits(
    cx: &Cx,
    dict: &VerbDictionary,
    e: &Element,
    region: &[usize],
    binding: &mut Binding,
) -> Option<()> {
    match e {
        Element::Word(w) => region.iter().any(|&t| word_is(cx, t, w)).then_some(()),
        Element::Synset(s) => region
            .iter()
            .any(|&t| synset_at(cx, dict, *s, t))
            .then_some(()),
        Element::Phrase(terms) => region
            .iter()
            .any(|&t| phrase_at(cx, dict, terms, t, region))
            .then_some(()),
        Element::Prep {
            prep,
            object,
            marker,
        } => {
            let first = prep.split(' ').next().unwrap_or(prep);
            let found = region.iter().copied().find(|&p| {
                cx.lower(p) == first
                    && object.as_ref().is_none_or(|o| {
                        let mut inner = Vec::new();
                        for c in cx.children(p) {
                            collect(cx, c, &mut inner);
                        }
                        fits(cx, dict, o, &inner, &mut Binding::default()).is_some()
                    })
            })?;
            let object_head = cx.children_with(found, &["pobj"]).first().copied();
            match marker {
                Some(Marker::Source) => binding.source = object_head,
                Some(Marker::Target) => binding.target = object_head,
                _ => {}
            }
            Some(())
        }
        // A bare `$` or `+` after the verb marks no particular phrase the parse can find; the
        // verb's own arguments decide.
        Element::Marker(_) => Some(()),
    }
}

fn word_is(cx: &Cx, t: usize, w: &str) -> bool {
    cx.lemma(t) == w || cx.lower(t) == w
}

/// Does a member of synset `s` start at token `t` (its words consecutive)?
fn synset_at(cx: &Cx, dict: &VerbDictionary, s: usize, t: usize) -> bool {
    dict.synsets[s].phrases.iter().any(|phrase| {
        phrase.iter().enumerate().all(|(k, w)| {
            let at = t + k;
            at < cx.range.end && word_is(cx, at, w)
        })
    })
}

/// `{FINANCIAL AID}`: the head (last term) is token `t`, and every modifier is in the region
/// before it.
fn phrase_at(cx: &Cx, dict: &VerbDictionary, terms: &[Term], t: usize, region: &[usize]) -> bool {
    let Some((head, modifiers)) = terms.split_last() else {
        return false;
    };
    let term_at = |term: &Term, at: usize| match term {
        Term::Word(w) => word_is(cx, at, w),
        Term::Synset(s) => synset_at(cx, dict, *s, at),
    };
    term_at(head, t)
        && modifiers
            .iter()
            .all(|m| region.iter().any(|&o| o < t && o + 6 >= t && term_at(m, o)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clausal_labels_are_spacy_labels() {
        // The labels are those of spaCy's English parser (ClearNLP style).
        for l in CLAUSAL {
            assert!(l.chars().all(|c| c.is_ascii_lowercase()), "{l}");
        }
    }
}
