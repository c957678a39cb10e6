//! Verb patterns: `- [pre-verb nouns and preps] * [post-verb nouns and preps] [CODE]`.
//!
//! Lexing rules, including the implicit ones found in `CAMEO.2.0.txt`:
//! - `(`, `)`, `{`, `}` and `*` are tokens of their own even when glued to a word
//!   (`*SCEPTICAL`, `SPY_*_DEAL`); `$`, `+`, `%`, `^` are markers when they stand alone.
//! - `_` joins words that must be consecutive (`{AIR_STRIKE}`, `SPECIAL_CLAUSE`); a `_` next to
//!   `*` or at either end of a word is dropped.
//! - `&NAME` is a synset. A synset name can itself contain `_` (`&FIGHT_OF_WORDS`), so a token
//!   is resolved by the longest defined name, and what follows (`&FIGHT_GAMES` = `&FIGHT` +
//!   "games") or precedes (`FIGHTER_&AIRCRAFT`) is further words of the same phrase.
//! - `/` separates alternatives within one token (`(BY/WITH &WEAPON)`, `BOMBING/EXPLOSION`):
//!   the line yields one pattern per alternative, all with the same line number.
//! - Inside `( )` the first word is the preposition; the rest, after an optional marker, is its
//!   object. Several object words without braces (`(TO A VOTE)`) form one phrase, like braces.

use crate::code::CodeSpec;

/// One word of a phrase: a plain word or a synset standing for any of its members.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Term {
    /// Lower-case.
    Word(String),
    /// Index into `VerbDictionary::synsets`.
    Synset(usize),
}

impl Term {
    pub fn as_word(&self) -> Option<&str> {
        match self {
            Term::Word(w) => Some(w),
            Term::Synset(_) => None,
        }
    }
}

/// One element of a pattern.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Element {
    /// A bare word (noun head, particle or adverb as written: `AID`, `OUT`, `FORWARD`). Lower-case.
    Word(String),
    /// `{FINANCIAL AID}`, `{&MILITARY AID}`, `SPECIAL_CLAUSE`: modifiers then the head (the LAST
    /// term is the head). Always two terms or more; a one-word phrase is a `Word` or `Synset`.
    Phrase(Vec<Term>),
    /// `&NAME`: index into `VerbDictionary::synsets`.
    Synset(usize),
    /// `(FOR AID)`, `(FOR {FINANCIAL AID})`, `(TO &TREATY)`, `(TO)` alone, `(INTO $)`,
    /// `(TO + BORDER)`: the preposition (lower-case; several words if the file joins them with
    /// `_`) and what its object must contain (None when the parentheses hold only the
    /// preposition or only a marker).
    Prep {
        prep: String,
        object: Option<Box<Element>>,
        marker: Option<Marker>,
    },
    /// `$` (source here), `+` (target here), `%` (compound actor), `^` (skip a phrase).
    Marker(Marker),
}

impl Element {
    /// The number of words this element requires (a synset counts as one word).
    pub fn specificity(&self) -> usize {
        match self {
            Element::Word(_) | Element::Synset(_) => 1,
            Element::Phrase(terms) => terms.len(),
            Element::Prep { prep, object, .. } => {
                prep.split_whitespace().count() + object.as_ref().map_or(0, |o| o.specificity())
            }
            Element::Marker(_) => 0,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Marker {
    /// `$`
    Source,
    /// `+`
    Target,
    /// `%`
    Compound,
    /// `^`
    Skip,
}

impl Marker {
    fn from_token(t: &str) -> Option<Marker> {
        match t {
            "$" => Some(Marker::Source),
            "+" => Some(Marker::Target),
            "%" => Some(Marker::Compound),
            "^" => Some(Marker::Skip),
            _ => None,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pattern {
    /// Everything before `*` (pre-verb nouns and preps, in file order).
    pub pre: Vec<Element>,
    /// Everything after `*`.
    pub post: Vec<Element>,
    pub code: CodeSpec,
    /// 1-based line in the verb dictionary (for diagnostics and the `rule` string).
    pub line: usize,
    /// The verb the pattern was written for, from its trailing comment (`# RUSH`), lower case.
    /// The pattern applies to the whole block; this records where it was first found.
    pub found_with: Option<String>,
}

impl Pattern {
    /// Number of words it requires (words of words, phrases and prepositional phrases, a synset
    /// counting as one), for "best match = most words".
    pub fn specificity(&self) -> usize {
        self.pre
            .iter()
            .chain(&self.post)
            .map(Element::specificity)
            .sum()
    }
}

/// Parses a pattern line without its leading `-` and without its `#` comment.
/// `synset` resolves a name (without `&`, as written) to its index.
pub(crate) fn parse_pattern(
    body: &str,
    line: usize,
    synset: &dyn Fn(&str) -> Option<usize>,
) -> Result<Vec<Pattern>, String> {
    let open = body.rfind('[').ok_or("no [code] after the pattern")?;
    let close = body[open..]
        .find(']')
        .ok_or("the code's '[' is not closed")?;
    let inner = &body[open + 1..open + close];
    let code = CodeSpec::parse(inner).ok_or_else(|| format!("unreadable code [{inner}]"))?;
    if !body[open + close + 1..].trim().is_empty() {
        return Err("text after the code".into());
    }
    expand_alternatives(&body[..open])
        .iter()
        .map(|text| {
            let tokens = lex(text)?;
            let (pre, post) = Parser {
                tokens: &tokens,
                at: 0,
                synset,
            }
            .pattern()?;
            Ok(Pattern {
                pre,
                post,
                code,
                line,
                found_with: None,
            })
        })
        .collect()
}

/// One text per combination of `/`-alternatives (one text when there are none).
fn expand_alternatives(body: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    for chunk in body.split_whitespace() {
        let start = chunk.len() - chunk.trim_start_matches(['(', '{']).len();
        let end = chunk.trim_end_matches([')', '}']).len().max(start);
        let core = &chunk[start..end];
        let alts: Vec<&str> = if core.contains('/') {
            core.split('/').filter(|a| !a.is_empty()).collect()
        } else {
            vec![core]
        };
        out = out
            .iter()
            .flat_map(|prefix| {
                alts.iter()
                    .map(move |alt| format!("{prefix} {}{alt}{}", &chunk[..start], &chunk[end..]))
            })
            .collect();
    }
    out
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tok<'a> {
    Open(char),
    Close(char),
    Star,
    Marker(Marker),
    Word(&'a str),
}

fn lex(text: &str) -> Result<Vec<Tok<'_>>, String> {
    let mut out = Vec::new();
    let mut word_start: Option<usize> = None;
    for (i, c) in text.char_indices() {
        let tok = match c {
            '(' | '{' => Some(Tok::Open(c)),
            ')' | '}' => Some(Tok::Close(c)),
            '*' => Some(Tok::Star),
            c if c.is_whitespace() => None,
            _ => {
                word_start.get_or_insert(i);
                continue;
            }
        };
        if let Some(from) = word_start.take() {
            push_word(&mut out, &text[from..i])?;
        }
        out.extend(tok);
    }
    if let Some(from) = word_start {
        push_word(&mut out, &text[from..])?;
    }
    Ok(out)
}

fn push_word<'s>(out: &mut Vec<Tok<'s>>, raw: &'s str) -> Result<(), String> {
    let raw = raw.trim_matches('_');
    if raw.is_empty() {
        return Ok(());
    }
    if let Some(m) = Marker::from_token(raw) {
        out.push(Tok::Marker(m));
    } else if raw.starts_with(['$', '+', '%', '^']) {
        return Err(format!("marker glued to a word: {raw}"));
    } else {
        out.push(Tok::Word(raw));
    }
    Ok(())
}

struct Parser<'a, 's> {
    tokens: &'a [Tok<'s>],
    at: usize,
    synset: &'a dyn Fn(&str) -> Option<usize>,
}

impl<'s> Parser<'_, 's> {
    fn next(&mut self) -> Option<Tok<'s>> {
        let t = self.tokens.get(self.at).copied();
        self.at += 1;
        t
    }

    /// `(pre, post)`; without a `*` everything is post.
    fn pattern(&mut self) -> Result<(Vec<Element>, Vec<Element>), String> {
        let (mut pre, mut post, mut star) = (Vec::new(), Vec::new(), false);
        while let Some(tok) = self.next() {
            let element = match tok {
                Tok::Star if star => return Err("two '*' in one pattern".into()),
                Tok::Star => {
                    star = true;
                    continue;
                }
                Tok::Marker(m) => Element::Marker(m),
                Tok::Word(w) => element_of(self.terms(w)?),
                Tok::Open('{') => element_of(self.braces()?),
                Tok::Open(_) => self.prep()?,
                Tok::Close(c) => return Err(format!("unopened '{c}'")),
            };
            if star { &mut post } else { &mut pre }.push(element);
        }
        if !star {
            std::mem::swap(&mut pre, &mut post);
        }
        Ok((pre, post))
    }

    /// The terms inside `{ }`, the `{` already read.
    fn braces(&mut self) -> Result<Vec<Term>, String> {
        let mut terms = Vec::new();
        loop {
            match self.next() {
                Some(Tok::Word(w)) => terms.extend(self.terms(w)?),
                Some(Tok::Close('}')) if !terms.is_empty() => return Ok(terms),
                Some(Tok::Close('}')) => return Err("empty braces".into()),
                Some(other) => return Err(format!("{other:?} inside braces")),
                None => return Err("unclosed '{'".into()),
            }
        }
    }

    /// A prepositional phrase, the `(` already read.
    fn prep(&mut self) -> Result<Element, String> {
        let prep = match self.next() {
            Some(Tok::Word(w)) if !w.contains('&') => words_of(w).join(" "),
            other => {
                return Err(format!(
                    "parentheses start with {other:?}, not a preposition"
                ))
            }
        };
        let (mut object, mut marker) = (Vec::new(), None);
        loop {
            match self.next() {
                Some(Tok::Word(w)) => object.extend(self.terms(w)?),
                Some(Tok::Open('{')) => object.extend(self.braces()?),
                Some(Tok::Marker(m)) if marker.is_none() => marker = Some(m),
                Some(Tok::Close(')')) => break,
                Some(other) => return Err(format!("{other:?} inside parentheses")),
                None => return Err("unclosed '('".into()),
            }
        }
        let object = (!object.is_empty()).then(|| Box::new(element_of(object)));
        Ok(Element::Prep {
            prep,
            object,
            marker,
        })
    }

    /// A word token's terms: `_`-separated words, `&NAME` resolved by the longest defined name.
    fn terms(&self, raw: &str) -> Result<Vec<Term>, String> {
        let parts: Vec<&str> = raw.split('_').filter(|p| !p.is_empty()).collect();
        let mut terms = Vec::new();
        let mut i = 0;
        while i < parts.len() {
            let Some(first) = parts[i].strip_prefix('&') else {
                terms.push(Term::Word(parts[i].to_lowercase()));
                i += 1;
                continue;
            };
            let found = (i + 1..=parts.len()).rev().find_map(|j| {
                let name = std::iter::once(first)
                    .chain(parts[i + 1..j].iter().copied())
                    .collect::<Vec<_>>()
                    .join("_");
                (self.synset)(&name).map(|s| (s, j))
            });
            let (s, j) = found.ok_or_else(|| format!("undefined synset &{first} in {raw}"))?;
            terms.push(Term::Synset(s));
            i = j;
        }
        if terms.is_empty() {
            return Err(format!("no word in {raw}"));
        }
        Ok(terms)
    }
}

fn words_of(raw: &str) -> Vec<String> {
    raw.split('_')
        .filter(|p| !p.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// One term is a `Word` or `Synset`, several a `Phrase`.
fn element_of(mut terms: Vec<Term>) -> Element {
    if terms.len() == 1 {
        match terms.pop() {
            Some(Term::Word(w)) => return Element::Word(w),
            Some(Term::Synset(s)) => return Element::Synset(s),
            None => {}
        }
    }
    Element::Phrase(terms)
}
