//! What the coder reads: the document's tokens (one form, `Document::tokens`), each token's
//! dependants and covering mention, and the entity facts every part asks about.

use std::ops::Range;

use mosaic_core::{Document, EntityKind, RoleStatus, Span};
use mosaic_kb::KnowledgeBase;

/// The whole document, indexed once for the coder.
pub(crate) struct DocView<'d> {
    pub doc: &'d Document,
    pub kb: &'d KnowledgeBase,
    lower: Vec<String>,
    children: Vec<Vec<usize>>,
    /// For each token, the mention covering it (the innermost), when that mention has an entity.
    token_mention: Vec<Option<usize>>,
    /// Whether the tokens carry a dependency parse (else they are rule tokens).
    pub parsed: bool,
}

impl<'d> DocView<'d> {
    pub fn new(doc: &'d Document, kb: &'d KnowledgeBase) -> Self {
        let toks = &doc.tokens;
        let lower = toks
            .iter()
            .map(|t| doc.text[t.span.range()].to_lowercase())
            .collect();
        let mut children = vec![Vec::new(); toks.len()];
        for (i, t) in toks.iter().enumerate() {
            if t.head != i && t.head < toks.len() {
                children[t.head].push(i);
            }
        }
        DocView {
            doc,
            kb,
            lower,
            children,
            token_mention: token_mentions(doc),
            parsed: toks.iter().any(|t| !t.dep.is_empty()),
        }
    }

    /// The coder's view of sentence `si`.
    pub fn sentence(&self, si: usize) -> Cx<'_, 'd> {
        let span = self.doc.sentences[si].span;
        let toks = &self.doc.tokens;
        let a = toks.partition_point(|t| t.span.end <= span.start);
        let b = toks.partition_point(|t| t.span.start < span.end);
        Cx {
            v: self,
            range: a..b.max(a),
            si,
        }
    }
}

/// One sentence of the document, with every accessor the coder's parts share.
pub(crate) struct Cx<'a, 'd> {
    pub v: &'a DocView<'d>,
    /// The sentence's tokens.
    pub range: Range<usize>,
    pub si: usize,
}

impl<'d> Cx<'_, 'd> {
    pub fn doc(&self) -> &'d Document {
        self.v.doc
    }

    pub fn parsed(&self) -> bool {
        self.v.parsed
    }

    pub fn sentence_span(&self) -> Span {
        self.v.doc.sentences[self.si].span
    }

    pub fn lower(&self, i: usize) -> &str {
        &self.v.lower[i]
    }

    /// The parser's lemma, or the rule tokens' (see `fallback::rule_tokens`).
    pub fn lemma(&self, i: usize) -> &str {
        let l = &self.v.doc.tokens[i].lemma;
        if l.is_empty() {
            &self.v.lower[i]
        } else {
            l
        }
    }

    pub fn tag(&self, i: usize) -> &str {
        &self.v.doc.tokens[i].tag
    }

    pub fn dep(&self, i: usize) -> &str {
        &self.v.doc.tokens[i].dep
    }

    pub fn head(&self, i: usize) -> usize {
        self.v.doc.tokens[i].head
    }

    pub fn span(&self, i: usize) -> Span {
        self.v.doc.tokens[i].span
    }

    pub fn is_verb(&self, i: usize) -> bool {
        self.tag(i).starts_with("VB")
    }

    pub fn is_noun(&self, i: usize) -> bool {
        self.tag(i).starts_with("NN")
    }

    /// The token's dependants inside this sentence, in text order.
    pub fn children(&self, head: usize) -> Vec<usize> {
        self.v.children[head]
            .iter()
            .copied()
            .filter(|k| self.range.contains(k))
            .collect()
    }

    /// Dependants with one of these labels.
    pub fn children_with(&self, head: usize, deps: &[&str]) -> Vec<usize> {
        self.v.children[head]
            .iter()
            .copied()
            .filter(|&k| self.range.contains(&k) && deps.contains(&self.dep(k)))
            .collect()
    }

    /// Objects of the prepositions (`prep` dependants) of `head` written `prep`.
    /// Is `upper` on the head chain of `lower`, within `steps` steps?
    pub fn governs(&self, upper: usize, lower: usize, steps: usize) -> bool {
        let mut t = lower;
        for _ in 0..steps {
            let up = self.head(t);
            if up == t {
                return false;
            }
            if up == upper {
                return true;
            }
            t = up;
        }
        false
    }

    pub fn prep_objects_of(&self, head: usize, prep: &str) -> Vec<usize> {
        self.children(head)
            .into_iter()
            .filter(|&k| self.dep(k) == "prep" && self.lower(k) == prep)
            .flat_map(|k| self.children_with(k, &["pobj"]))
            .collect()
    }

    /// The mention covering token `i`, when it names an entity.
    pub fn mention_at(&self, i: usize) -> Option<usize> {
        self.v.token_mention.get(i).copied().flatten()
    }

    pub fn entity_at(&self, i: usize) -> Option<usize> {
        self.mention_at(i)
            .and_then(|m| self.v.doc.mentions[m].entity)
    }

    /// Is the mention at `i` a demonym ("Iranian")?
    pub fn adjectival_at(&self, i: usize) -> bool {
        self.mention_at(i)
            .is_some_and(|m| self.v.doc.mentions[m].adjectival)
    }

    pub fn kind(&self, e: usize) -> EntityKind {
        self.v.doc.entities[e].kind
    }

    /// Is the entity a group the knowledge base knows as no organ of a state (an armed group, a
    /// movement)?
    pub fn is_non_state_group(&self, e: usize) -> bool {
        self.v.doc.entities[e]
            .kb_id
            .as_deref()
            .is_some_and(|id| id.starts_with("grp:"))
    }

    pub fn sector(&self, e: usize) -> Option<&str> {
        self.v.doc.entities[e].sector.as_deref()
    }

    /// Is the entity a news outlet: a medium by the knowledge base, the article's own outlet, or
    /// a name the text calls a news agency, newspaper or broadcaster ("the judiciary's Mizan news
    /// agency")?
    pub fn is_outlet(&self, e: usize) -> bool {
        let doc = self.v.doc;
        let ent = &doc.entities[e];
        if self.sector(e) == Some("MED") {
            return true;
        }
        if doc
            .meta
            .outlet
            .as_deref()
            .is_some_and(|o| mosaic_core::fold_key(o) == mosaic_core::fold_key(&ent.name))
        {
            return true;
        }
        // "BAKU, January 14, 2025 (Caspian Dispatch) —": the dateline's credit.
        let credited = ent.mentions.iter().any(|&m| {
            let span = doc.mentions[m].span;
            span.start < 160
                && doc.text[..span.start].trim_end().ends_with('(')
                && doc.text[span.end..]
                    .trim_start()
                    .strip_prefix(')')
                    .is_some_and(|rest| rest.trim_start().starts_with(['—', '–', '-', ':']))
        });
        if credited {
            return true;
        }
        // ("the Saudi daily Okaz": a demonym before an outlet noun is no outlet.)
        ent.kind == EntityKind::Org
            && ent.mentions.iter().any(|&m| {
                let after = &doc.text[doc.mentions[m].span.end..];
                let next: String = after.chars().take(24).collect::<String>().to_lowercase();
                crate::words::words()
                    .outlet_nouns
                    .iter_words()
                    .any(|n| next.trim_start().starts_with(n))
            })
    }

    /// A cheap view of another sentence of the same document.
    pub fn other(&self, si: usize) -> Cx<'_, 'd> {
        self.v.sentence(si)
    }
}

/// For each token, the mention that covers it (the innermost one).
fn token_mentions(doc: &Document) -> Vec<Option<usize>> {
    let toks = &doc.tokens;
    let mut out: Vec<Option<usize>> = vec![None; toks.len()];
    for (mi, m) in doc.mentions.iter().enumerate() {
        if m.entity.is_none() {
            continue;
        }
        let a = toks.partition_point(|t| t.span.end <= m.span.start);
        let b = toks.partition_point(|t| t.span.start < m.span.end);
        for slot in out.iter_mut().take(b).skip(a) {
            let replace = match *slot {
                None => true,
                Some(prev) => doc.mentions[prev].span.len() > m.span.len(),
            };
            if replace {
                *slot = Some(mi);
            }
        }
    }
    out
}

/// Which state an actor stands for in an event, and related facts about the article's entities.
impl Cx<'_, '_> {
    /// An actor standing in an event: a capital is coded as its state, and so is any other city
    /// of a state the article names ("Istanbul claims", "attacks in Istanbul").
    pub fn actor_for_event(&self, e: usize) -> usize {
        if let Some(state) = self.state_of_capital(e) {
            return state;
        }
        let ent = &self.doc().entities[e];
        if ent.kind == EntityKind::Gpe
            && ent.kb_id.as_deref().is_some_and(|k| k.starts_with("city:"))
        {
            if let Some(s) = ent.country.as_deref().and_then(|c| self.state_entity(c)) {
                return s;
            }
        }
        e
    }

    /// The state entity of a country code, when the article has one.
    pub fn state_entity(&self, country: &str) -> Option<usize> {
        self.doc().entities.iter().position(|x| {
            x.country.as_deref() == Some(country)
                && x.kb_id.as_deref().is_some_and(|k| k.starts_with("state:"))
        })
    }

    /// Is the entity a state (a country of the knowledge base)?
    pub fn is_state(&self, e: usize) -> bool {
        self.doc().entities[e]
            .kb_id
            .as_deref()
            .is_some_and(|k| k.starts_with("state:"))
    }

    /// Is the entity a city that stands for no state of the article (not a capital of one, nor in
    /// a country the article names)?
    pub fn is_unresolved_city(&self, e: usize) -> bool {
        let ent = &self.doc().entities[e];
        ent.kb_id.as_deref().is_some_and(|k| k.starts_with("city:")) && self.actor_for_event(e) == e
    }

    /// The state a capital city stands for, when the article has that state as an entity.
    pub fn state_of_capital(&self, e: usize) -> Option<usize> {
        let id = self.doc().entities[e].kb_id.as_deref()?;
        let state_id = self.v.kb.actor(id)?.capital_of.as_deref()?;
        self.doc()
            .entities
            .iter()
            .position(|x| x.kb_id.as_deref() == Some(state_id))
    }

    /// The state an actor belongs to, when the article names it (an agency → its country).
    pub fn state_of(&self, e: usize) -> usize {
        let ent = &self.doc().entities[e];
        let Some(country) = ent.country.as_deref() else {
            return e;
        };
        if ent
            .kb_id
            .as_deref()
            .is_some_and(|k| k.starts_with("state:"))
        {
            return e;
        }
        if self.state_of_capital(e).is_some() {
            return self.actor_for_event(e);
        }
        self.doc()
            .entities
            .iter()
            .position(|x| {
                x.kind == EntityKind::Gpe
                    && x.country.as_deref() == Some(country)
                    && x.kb_id.as_deref().is_some_and(|k| k.starts_with("state:"))
            })
            .unwrap_or(e)
    }

    /// The state a person serves in a current office the article states ("Turkish Foreign
    /// Minister Ahmet Davutoglu" → Turkey); anyone else stands for themselves.
    pub fn represented_state(&self, e: usize) -> usize {
        if self.kind(e) != EntityKind::Person {
            return e;
        }
        self.doc()
            .roles
            .iter()
            .filter(|r| r.person == e && r.status == RoleStatus::Current)
            .filter_map(|r| r.org)
            .map(|o| self.state_of(o))
            .find(|&s| self.kind(s) == EntityKind::Gpe)
            .unwrap_or(e)
    }

    /// The state the article names most often (its state mentions, demonyms and capitals).
    pub fn main_state(&self) -> Option<usize> {
        let mut counts = std::collections::HashMap::new();
        for m in &self.doc().mentions {
            let Some(e) = m.entity else { continue };
            let e = self.actor_for_event(e);
            if self.doc().entities[e]
                .kb_id
                .as_deref()
                .is_some_and(|k| k.starts_with("state:"))
            {
                *counts.entry(e).or_insert(0usize) += 1;
            }
        }
        counts
            .into_iter()
            .max_by_key(|&(e, c)| (c, std::cmp::Reverse(e)))
            .map(|(e, _)| e)
    }
}

/// Each value once, in first-seen order.
/// Events already coded in this sentence and the `back` sentences before it, newest first.
pub(crate) fn recent_events<'e>(
    cx: &Cx,
    earlier: &'e [mosaic_core::Event],
    back: usize,
) -> impl Iterator<Item = &'e mosaic_core::Event> {
    let from = cx.doc().sentences[cx.si.saturating_sub(back)].span.start;
    earlier
        .iter()
        .rev()
        .take_while(move |e| e.sentence.start >= from)
}

pub(crate) fn dedup(v: Vec<usize>) -> Vec<usize> {
    let mut out = Vec::new();
    for x in v {
        if !out.contains(&x) {
            out.push(x);
        }
    }
    out
}
