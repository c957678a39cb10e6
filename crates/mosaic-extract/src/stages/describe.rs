//! Descriptions linked to names: "a senior ISIS financier … the man, a Syrian national named as
//! Ahmad al-Hamad" makes the financier, the man and the national one person, so that an act done
//! to the description ("the arrest of a senior ISIS financier") is done to the named person.
//!
//! A description is a singular noun phrase headed by a person noun (`words().person_nouns`) that no
//! name covers. It is linked to a name in its own sentence by one of a few constructions of
//! English (an apposition, "identified/named as X", "was identified as X", a copula), then to
//! descriptions in nearby sentences: an earlier indefinite one with the same head noun or any
//! earlier one when the later is generic ("the man", "the suspect"), and later definite ones
//! with the same head. Each link carries the reason it was made.

use mosaic_core::{EntityKind, Mention, MentionSource, Span, Token};

use crate::words::words;
use crate::work::Work;

/// The stage: each description linked to a named person becomes a mention of that person's
/// entity, with the link's reason among the entity's reasons. It runs after the roles stage, so a
/// description is never read as a person standing in a title ("Omar Khalil, a member of …").
pub fn link(w: &mut Work) {
    let sentences: Vec<Span> = w.doc.sentences.iter().map(|s| s.span).collect();
    let links = link_descriptions(&w.doc.text, &w.doc.tokens, &sentences, &w.doc.mentions);
    if links.is_empty() {
        return;
    }
    for link in links {
        let Some(named) = w.doc.mentions.iter().position(|m| m.span == link.named) else {
            continue;
        };
        let Some(entity) = w.doc.mentions[named].entity else {
            continue;
        };
        let pos = w
            .doc
            .mentions
            .partition_point(|m| m.span.start < link.head.start);
        let actors = w.mention_actors.get(named).cloned().unwrap_or_default();
        w.doc.mentions.insert(
            pos,
            Mention {
                span: link.head,
                text: w.doc.text[link.head.range()].to_string(),
                kind: EntityKind::Person,
                source: MentionSource::Coreference,
                entity: Some(entity),
                adjectival: false,
            },
        );
        if pos <= w.mention_actors.len() {
            w.mention_actors.insert(pos, actors);
        }
        w.doc.entities[entity].reasons.push(link.reason);
    }
    for e in &mut w.doc.entities {
        e.mentions.clear();
    }
    for (i, m) in w.doc.mentions.iter().enumerate() {
        if let Some(e) = m.entity {
            w.doc.entities[e].mentions.push(i);
        }
    }
}

/// A description linked to a named person's mention.
struct Link {
    /// The description's head noun ("commander"), which becomes a mention of the person.
    pub head: Span,
    /// The mention of the named person it refers to (a span of `Document::mentions`).
    pub named: Span,
    pub reason: String,
}

/// How far back an indefinite description may stand from the description linked to a name.
const BACK_SENTENCES: usize = 2;
/// How far forward a definite description may refer to a person described and named before.
const FORWARD_SENTENCES: usize = 4;

struct Tree<'a> {
    text: &'a str,
    tokens: &'a [Token],
    children: Vec<Vec<usize>>,
    /// For each token, the person mention covering it.
    person: Vec<Option<usize>>,
    /// For each token, whether any mention covers it.
    named: Vec<bool>,
    /// For each token, its sentence.
    sentence: Vec<usize>,
}

impl<'a> Tree<'a> {
    fn lower(&self, t: usize) -> String {
        self.text[self.tokens[t].span.range()].to_lowercase()
    }
    fn lemma(&self, t: usize) -> String {
        let l = &self.tokens[t].lemma;
        if l.is_empty() {
            self.lower(t)
        } else {
            l.to_lowercase()
        }
    }
    fn dep(&self, t: usize) -> &str {
        &self.tokens[t].dep
    }
    fn kids(&self, t: usize, deps: &[&str]) -> Vec<usize> {
        self.children[t]
            .iter()
            .copied()
            .filter(|&k| deps.contains(&self.dep(k)))
            .collect()
    }
    /// A person mention at the token, or on the head of the phrase it heads.
    fn person_at(&self, t: usize) -> Option<usize> {
        self.person[t]
    }
}

/// The head lemma a description is compared by: "34-year-old" reads as "year-old".
fn head_key(tree: &Tree, t: usize) -> Option<String> {
    let tok = &tree.tokens[t];
    if !tok.tag.starts_with("NN") && tok.tag != "JJ" {
        return None;
    }
    let lemma = tree.lemma(t);
    let year_old = lemma == "old" && t >= 2 && tree.lower(t - 2) == "year";
    if year_old {
        return Some("year-old".into());
    }
    (tok.tag == "NN" || tok.tag == "NNP" && tree.lower(t) == lemma)
        .then_some(lemma)
        .filter(|l| words().person_nouns.contains(l))
}

/// A description: a person noun no mention covers, not itself a title on a name ("commander
/// Abu X" is the name's title, which the roles stage reads) nor plural.
fn is_description(tree: &Tree, t: usize) -> Option<String> {
    if tree.named[t] || tree.dep(t) == "compound" || tree.tokens[t].tag.ends_with('S') {
        return None;
    }
    let key = head_key(tree, t)?;
    // "year-old" is an adjective on the noun it describes ("a 34-year-old man"): that noun heads.
    if key == "year-old" && matches!(tree.dep(t), "amod") {
        return None;
    }
    Some(key)
}

fn determiner(tree: &Tree, t: usize) -> Option<String> {
    tree.kids(t, &["det"]).first().map(|&d| tree.lower(d))
}

/// The person an "as" phrase of a naming verb names ("identified as Ahmet Yilmaz").
fn named_as(tree: &Tree, verb: usize) -> Option<usize> {
    if !words().naming_verbs.contains(&tree.lemma(verb)) {
        return None;
    }
    tree.kids(verb, &["prep"])
        .into_iter()
        .filter(|&p| tree.lower(p) == "as")
        .flat_map(|p| tree.kids(p, &["pobj"]))
        .find_map(|o| tree.person_at(o))
}

/// The person the description is linked to in its own sentence, with the construction.
fn same_sentence(tree: &Tree, t: usize, depth: usize) -> Option<(usize, &'static str)> {
    // "the suspect, identified as X", "a Syrian national named as X"
    for v in tree.kids(t, &["acl", "relcl"]) {
        if let Some(p) = named_as(tree, v) {
            return Some((p, "named as"));
        }
    }
    let head = tree.tokens[t].head;
    match tree.dep(t) {
        // "named the commander as X", "The militant was identified as X"
        "dobj" | "oprd" | "nsubjpass" => {
            if let Some(p) = named_as(tree, head) {
                return Some((p, "named as"));
            }
        }
        // "X, a 34-year-old man, …"
        "appos" => {
            if let Some(p) = tree.person_at(head) {
                return Some((p, "apposition"));
            }
        }
        // "The suspect is X"
        "nsubj" if tree.lemma(head) == "be" => {
            if let Some(p) = tree
                .kids(head, &["attr"])
                .into_iter()
                .find_map(|a| tree.person_at(a))
            {
                return Some((p, "copula"));
            }
        }
        // "X is a former military official"
        "attr" => {
            if let Some(p) = tree
                .kids(head, &["nsubj"])
                .into_iter()
                .find_map(|s| tree.person_at(s))
            {
                return Some((p, "copula"));
            }
        }
        _ => {}
    }
    // "a former official, X, said", "the man, a Syrian national named as X"
    for a in tree.kids(t, &["appos"]) {
        if let Some(p) = tree.person_at(a) {
            return Some((p, "apposition"));
        }
        if depth == 0 && is_description(tree, a).is_some() {
            if let Some(found) = same_sentence(tree, a, 1) {
                return Some(found);
            }
        }
    }
    if depth == 0 && tree.dep(t) == "appos" && is_description(tree, head).is_some() {
        return same_sentence(tree, head, 1);
    }
    None
}

struct Description {
    tok: usize,
    key: String,
    definite: bool,
    person: Option<(usize, String)>,
}

/// Every description of the document linked to a named person, in text order.
fn link_descriptions(
    text: &str,
    tokens: &[Token],
    sentences: &[Span],
    mentions: &[Mention],
) -> Vec<Link> {
    if tokens.iter().all(|t| t.dep.is_empty()) {
        return Vec::new();
    }
    let tree = build(text, tokens, sentences, mentions);
    let mut descs: Vec<Description> = (0..tokens.len())
        .filter_map(|t| {
            let key = is_description(&tree, t)?;
            let definite = matches!(
                determiner(&tree, t).as_deref(),
                Some("the" | "this" | "that")
            );
            let person = same_sentence(&tree, t, 0)
                .map(|(p, how)| (p, format!("{how} \"{}\"", mentions[p].text)));
            Some(Description {
                tok: t,
                key,
                definite,
                person,
            })
        })
        .collect();
    link_back(&tree, &mut descs, mentions);
    link_forward(&tree, &mut descs, mentions);
    descs
        .into_iter()
        .filter_map(|d| {
            let (p, reason) = d.person?;
            Some(Link {
                head: tokens[d.tok].span,
                named: mentions[p].span,
                reason: format!(
                    "\"{}\" describes {}: {reason}",
                    tree.lower(d.tok),
                    mentions[p].text
                ),
            })
        })
        .collect()
}

/// An earlier indefinite description is the person a later linked one names: the same head
/// noun ("a senior commander … named the commander as X"), or any head when the later one is
/// generic ("a senior ISIS financier … the man, named as X").
fn link_back(tree: &Tree, descs: &mut [Description], mentions: &[Mention]) {
    for later in 0..descs.len() {
        let Some((p, _)) = descs[later].person.clone() else {
            continue;
        };
        if !descs[later].definite {
            continue;
        }
        let s = tree.sentence[descs[later].tok];
        let generic = words().generic_person_nouns.contains(&descs[later].key);
        // The person was introduced by the nearest indefinite description before; definite ones
        // in between ("… a former officer. … the suspect … The detained man, identified as X")
        // already refer back to it.
        let earlier = (0..later).rev().find(|&e| {
            let d = &descs[e];
            !d.definite
                && !is_speaker(tree, d.tok)
                && s - tree.sentence[d.tok] <= BACK_SENTENCES
                && tree.sentence[d.tok] < s
                && (generic || d.key == descs[later].key)
        });
        let Some(e) = earlier else {
            continue;
        };
        if descs[e].person.is_some() {
            continue;
        }
        let key = descs[later].key.clone();
        let named = &mentions[p].text;
        descs[e].person = Some((p, format!("told again as \"the {key}\" named {named}")));
        for between in e + 1..later {
            let d = &descs[between];
            let fits = d.definite
                && d.person.is_none()
                && (words().generic_person_nouns.contains(&d.key) || d.key == descs[e].key);
            if fits {
                descs[between].person =
                    Some((p, format!("refers back like \"the {key}\" named {named}")));
            }
        }
    }
}

/// "A spokesman said …": whoever reports the story is not the person it is about.
fn is_speaker(tree: &Tree, t: usize) -> bool {
    let head = tree.tokens[t].head;
    tree.dep(t) == "nsubj" && words().reporting_verbs.contains(&tree.lemma(head))
}

/// A later definite description with the same head noun, or a generic one, refers to the
/// person last described that way ("… identified as X. The suspect had travelled …").
fn link_forward(tree: &Tree, descs: &mut [Description], mentions: &[Mention]) {
    for later in 0..descs.len() {
        if descs[later].person.is_some() || !descs[later].definite {
            continue;
        }
        let s = tree.sentence[descs[later].tok];
        let generic = words().generic_person_nouns.contains(&descs[later].key);
        let antecedent = (0..later).rev().find(|&e| {
            let d = &descs[e];
            d.person.is_some()
                && s - tree.sentence[d.tok] <= FORWARD_SENTENCES
                && (d.key == descs[later].key || generic)
        });
        if let Some(e) = antecedent {
            let (p, _) = descs[e].person.clone().expect("filtered");
            descs[later].person = Some((
                p,
                format!(
                    "refers back to \"{}\" named {}",
                    tree.lower(descs[e].tok),
                    mentions[p].text
                ),
            ));
        }
    }
}

fn build<'a>(
    text: &'a str,
    tokens: &'a [Token],
    sentences: &[Span],
    mentions: &[Mention],
) -> Tree<'a> {
    let mut children = vec![Vec::new(); tokens.len()];
    for (i, t) in tokens.iter().enumerate() {
        if t.head != i && t.head < tokens.len() {
            children[t.head].push(i);
        }
    }
    let mut person = vec![None; tokens.len()];
    let mut named = vec![false; tokens.len()];
    for (mi, m) in mentions.iter().enumerate() {
        let a = tokens.partition_point(|t| t.span.end <= m.span.start);
        let b = tokens.partition_point(|t| t.span.start < m.span.end);
        for t in a..b {
            named[t] = true;
            if m.kind == EntityKind::Person && !m.adjectival {
                person[t] = Some(mi);
            }
        }
    }
    let sentence = tokens
        .iter()
        .map(|t| sentences.partition_point(|s| s.end <= t.span.start))
        .collect();
    Tree {
        text,
        tokens,
        children,
        person,
        named,
        sentence,
    }
}
