//! The verb dictionary (`CAMEO.2.0.txt`): synsets, verb blocks with their verbs and patterns,
//! and transformations.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::code::CodeSpec;
use crate::inflect::{noun_plural, verb_forms};
use crate::patterns::{parse_pattern, Pattern};
use crate::Problem;

/// The shipped verb dictionary, unchanged from PETRARCH2 (see `data/NOTICE.md`).
pub const CAMEO_VERBS_TXT: &str = include_str!("../data/CAMEO.2.0.txt");

/// A synonym set: `&NAME` followed by `+WORD` lines.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Synset {
    /// The label as written, without `&` but with any trailing `_`: "CURRENCY", "AUXVERB1_".
    /// Look synsets up with [`VerbDictionary::synset`], which ignores case and the `_`.
    pub name: String,
    /// Every member as lower-case words, each followed by its generated plural if it has one.
    pub phrases: Vec<Vec<String>>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerbEntry {
    /// The verb's words as lemma (base) forms, e.g. ["ask","for"], ["cordon","off"], ["wire","tap"].
    /// Written as in the file: a few entries are inflected already ("kidnapped and killed").
    pub words: Vec<String>,
    /// Which of `words` is the inflected verb (the one marked `+`, else 0). Every form in `forms`
    /// has its verb at this position too (the loader reports forms that do not).
    pub verb_at: usize,
    /// Every inflected written form of the whole entry, as word sequences, the base form first:
    /// the regular forms when the line has no `{...}`, otherwise the base plus exactly the forms
    /// listed in braces (`{}` = no other forms). No duplicates.
    pub forms: Vec<Vec<String>>,
    /// The entry's own code `[...]` if the line has one.
    pub code: Option<CodeSpec>,
    /// Index into `VerbDictionary::blocks`.
    pub block: usize,
    pub line: usize,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerbBlock {
    /// The header's name: `---  ACCELERATE   [---]  ---` -> "ACCELERATE" (as written).
    pub name: String,
    /// The header's code (Null for `[---]` or no code).
    pub code: CodeSpec,
    /// Indices into `VerbDictionary::entries`, in file order.
    pub entries: Vec<usize>,
    /// Patterns apply to every verb of the block.
    pub patterns: Vec<Pattern>,
    pub line: usize,
}

/// A `~` transformation line, e.g. `~ a (a b ATTACK) SAY = a b 015`: when the upper verb SAY
/// with source `a` has as complement the lower event (a, b, ATTACK), code (a, b, 015).
/// Actors are kept as written (`a`, `b`, `.` = unspecified, `_` = absent); verbs are lower-case
/// with `_` as a blank ("will attack"), except the wildcard `Q` (any verb), kept as "Q".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Transformation {
    pub upper_source: String,
    pub lower_source: String,
    pub lower_target: String,
    pub lower_verb: String,
    pub upper_verb: String,
    pub result_source: String,
    pub result_target: String,
    /// A CAMEO code as written, or "Q" (the lower event's code).
    pub result_code: String,
    pub line: usize,
}

#[derive(Clone, Debug, Default)]
pub struct VerbDictionary {
    pub synsets: Vec<Synset>,
    pub blocks: Vec<VerbBlock>,
    pub entries: Vec<VerbEntry>,
    pub transformations: Vec<Transformation>,
    /// Verb word (lemma or written form at the verb position) → entries, in file order.
    by_verb: HashMap<String, Vec<usize>>,
    /// Synset key (see `synset_key`) → index.
    by_synset: HashMap<String, usize>,
}

impl VerbDictionary {
    /// The shipped CAMEO.2.0.txt, parsed once per process. Its few known problems (tested in
    /// this crate) are dropped lines; nothing here panics.
    pub fn embedded() -> &'static VerbDictionary {
        static DICT: OnceLock<VerbDictionary> = OnceLock::new();
        DICT.get_or_init(|| VerbDictionary::parse(CAMEO_VERBS_TXT).0)
    }

    /// Parse any text in this format. Lines that cannot be read are collected as problems (line
    /// number + reason) instead of aborting.
    pub fn parse(text: &str) -> (VerbDictionary, Vec<Problem>) {
        let mut reader = Reader::default();
        for (i, raw) in text.lines().enumerate() {
            if let Err(message) = reader.line(i + 1, raw) {
                reader.problems.push(Problem {
                    line: i + 1,
                    message,
                });
            }
        }
        (reader.dict, reader.problems)
    }

    /// Entries whose verb word (`words[verb_at]`) has this lemma, or whose forms contain this
    /// written word at the verb position. Lower-case input. Empty slice if none.
    pub fn entries_for(&self, word: &str) -> &[usize] {
        self.by_verb.get(word).map_or(&[], Vec::as_slice)
    }

    /// The code an isolated verb gets: the entry's own code, else its block's code.
    pub fn default_code(&self, entry: usize) -> CodeSpec {
        let e = &self.entries[entry];
        e.code.unwrap_or(self.blocks[e.block].code)
    }

    /// A synset by name, with or without `&` and trailing `_`, in any case.
    pub fn synset(&self, name: &str) -> Option<usize> {
        self.by_synset.get(&synset_key(name)).copied()
    }

    /// Every pattern with the block it belongs to.
    pub fn patterns(&self) -> impl Iterator<Item = (usize, &Pattern)> {
        self.blocks
            .iter()
            .enumerate()
            .flat_map(|(b, block)| block.patterns.iter().map(move |p| (b, p)))
    }
}

fn synset_key(name: &str) -> String {
    name.trim_start_matches('&')
        .trim_end_matches('_')
        .to_lowercase()
}

/// Lower-case words of a `_`- or blank-separated phrase, and the index of the `+`-marked word.
fn marked_words(raw: &str) -> (Vec<String>, Option<usize>) {
    let mut marked = None;
    let words = raw
        .split(|c: char| c == '_' || c.is_whitespace())
        .filter(|w| !w.is_empty())
        .enumerate()
        .map(|(i, w)| {
            if let Some(rest) = w.strip_prefix('+') {
                marked = Some(i);
                rest.to_lowercase()
            } else {
                w.to_lowercase()
            }
        })
        .collect();
    (words, marked)
}

/// Parsing state: the dictionary so far, and where the next `+` line or pattern belongs.
#[derive(Default)]
struct Reader {
    dict: VerbDictionary,
    problems: Vec<Problem>,
    /// The synset being defined: set by `&NAME`, ended by any line that is not a `+` member.
    synset: Option<usize>,
    /// The current verb block, set by each `---` header.
    block: Option<usize>,
}

impl Reader {
    fn line(&mut self, no: usize, raw: &str) -> Result<(), String> {
        let text = raw.split('#').next().unwrap_or("").trim();
        if text.is_empty() {
            return Ok(());
        }
        if let (Some(s), Some(member)) = (self.synset, text.strip_prefix('+')) {
            return self.synset_member(s, member);
        }
        self.synset = None;
        if text.starts_with("---") {
            self.header(no, text)
        } else if let Some(body) = text.strip_prefix('-') {
            // "- * AID [070] # RUSH": the comment names the verb the pattern was written for.
            let found_with = raw
                .split_once('#')
                .and_then(|(_, c)| c.split_whitespace().next())
                .filter(|w| w.chars().all(|c| c.is_ascii_alphabetic() || c == '_'))
                .map(|w| w.to_lowercase().replace('_', " "));
            self.pattern(no, body, found_with)
        } else if let Some(body) = text.strip_prefix('~') {
            self.transformation(no, body)
        } else if let Some(name) = text.strip_prefix('&') {
            self.synset_header(name)
        } else {
            self.entry(no, text)
        }
    }

    fn synset_header(&mut self, name: &str) -> Result<(), String> {
        let name = name.trim();
        if name.is_empty() || name.contains(char::is_whitespace) {
            return Err(format!("unreadable synset label &{name}"));
        }
        let key = synset_key(name);
        let next = self.dict.synsets.len();
        let s = *self.dict.by_synset.entry(key).or_insert(next);
        if s == next {
            self.dict.synsets.push(Synset {
                name: name.to_string(),
                phrases: Vec::new(),
            });
        }
        self.synset = Some(s);
        Ok(())
    }

    fn synset_member(&mut self, s: usize, member: &str) -> Result<(), String> {
        let (words, _) = marked_words(member);
        let Some(last) = words.last() else {
            return Err("empty synset member".into());
        };
        let synset = &mut self.dict.synsets[s];
        let plural = !member.ends_with('_') && !synset.name.ends_with('_');
        let plural = plural.then(|| noun_plural(last)).flatten().map(|p| {
            let mut w = words[..words.len() - 1].to_vec();
            w.push(p);
            w
        });
        synset.phrases.push(words);
        synset.phrases.extend(plural);
        Ok(())
    }

    fn header(&mut self, no: usize, text: &str) -> Result<(), String> {
        let body = text.trim_start_matches('-');
        let (name, code, problem) = match body.find('[') {
            Some(open) => {
                let inner = body[open + 1..].split(']').next().unwrap_or("");
                let code = CodeSpec::parse(inner);
                let problem = code
                    .is_none()
                    .then(|| format!("unreadable block code [{inner}]"));
                (&body[..open], code.unwrap_or(CodeSpec::Null), problem)
            }
            None => (body.trim_end_matches('-'), CodeSpec::Null, None),
        };
        self.block = Some(self.dict.blocks.len());
        self.dict.blocks.push(VerbBlock {
            name: name.trim().to_string(),
            code,
            entries: Vec::new(),
            patterns: Vec::new(),
            line: no,
        });
        problem.map_or(Ok(()), Err)
    }

    fn pattern(&mut self, no: usize, body: &str, found_with: Option<String>) -> Result<(), String> {
        let block = self.block.ok_or("pattern outside a verb block")?;
        let dict = &self.dict;
        let mut patterns = parse_pattern(body, no, &|name| dict.synset(name))?;
        for p in &mut patterns {
            p.found_with.clone_from(&found_with);
        }
        self.dict.blocks[block].patterns.extend(patterns);
        Ok(())
    }

    fn entry(&mut self, no: usize, text: &str) -> Result<(), String> {
        let block = self.block.ok_or("verb outside a verb block")?;
        // Two entries carry TABARI-style `;` comments ("SCRAP {...};shan 8/30/93").
        let text = text.split(';').next().unwrap_or("");
        let (entry, mismatched) = parse_entry(text, block, no)?;
        let index = self.dict.entries.len();
        for form in &entry.forms {
            let key = &form[entry.verb_at.min(form.len() - 1)];
            let list = self.dict.by_verb.entry(key.clone()).or_default();
            if list.last() != Some(&index) {
                list.push(index);
            }
        }
        self.dict.blocks[block].entries.push(index);
        self.dict.entries.push(entry);
        match mismatched {
            Some(form) => Err(format!("form {form} marks another word as the verb (kept)")),
            None => Ok(()),
        }
    }

    fn transformation(&mut self, no: usize, body: &str) -> Result<(), String> {
        let t = parse_transformation(body, no).ok_or("unreadable transformation")?;
        self.dict.transformations.push(t);
        Ok(())
    }
}

/// `VERB`, `VERB [code]`, `VERB {FORM FORM ...} [code]`, `+ASK_FOR {+ASKED_FOR ...} [020]`.
/// Also returns the first braced form whose `+` is not at the entry's verb position.
fn parse_entry(
    text: &str,
    block: usize,
    line: usize,
) -> Result<(VerbEntry, Option<String>), String> {
    let head_end = text.find(['{', '[']).unwrap_or(text.len());
    let (words, marked) = marked_words(&text[..head_end]);
    if words.is_empty() {
        return Err("verb line without a verb".into());
    }
    let verb_at = marked.unwrap_or(0);
    let mut rest = text[head_end..].trim();

    let mut listed = None;
    if let Some(after) = rest.strip_prefix('{') {
        let close = after.find('}').ok_or("unclosed '{'")?;
        listed = Some(&after[..close]);
        rest = after[close + 1..].trim();
    }
    let mut code = None;
    if let Some(after) = rest.strip_prefix('[') {
        let close = after.find(']').ok_or("unclosed '['")?;
        let inner = &after[..close];
        code = Some(CodeSpec::parse(inner).ok_or_else(|| format!("unreadable code [{inner}]"))?);
        rest = after[close + 1..].trim();
    }
    if !rest.is_empty() {
        return Err(format!("unexpected text after the verb: {rest}"));
    }

    let mut forms = vec![words.clone()];
    let mut mismatched = None;
    match listed {
        Some(list) => {
            for raw in list.split([',', ' ', '\t']).filter(|f| !f.is_empty()) {
                let (form, mark) = marked_words(raw);
                if mark.unwrap_or(verb_at) != verb_at || form.len() <= verb_at {
                    mismatched.get_or_insert_with(|| raw.to_string());
                }
                forms.push(form);
            }
        }
        None => {
            for inflected in verb_forms(&words[verb_at]) {
                let mut form = words.clone();
                form[verb_at] = inflected;
                forms.push(form);
            }
        }
    }
    let mut seen = std::collections::HashSet::new();
    forms.retain(|f| !f.is_empty() && seen.insert(f.clone()));
    let entry = VerbEntry {
        words,
        verb_at,
        forms,
        code,
        block,
        line,
    };
    Ok((entry, mismatched))
}

/// ` a (a b ATTACK) SAY = a b 015` (the `~` already removed).
fn parse_transformation(body: &str, line: usize) -> Option<Transformation> {
    let (left, right) = body.split_once('=')?;
    let (upper_source, rest) = left.split_once('(')?;
    let (inner, upper_verb) = rest.split_once(')')?;
    let [lower_source, lower_target, lower_verb] = three(inner)?;
    let [result_source, result_target, result_code] = three(right)?;
    let upper_source = one(upper_source)?;
    let upper_verb = one(upper_verb)?;
    if result_code != "Q" && crate::CameoCode::parse(&result_code).is_none() {
        return None;
    }
    Some(Transformation {
        upper_source,
        lower_source,
        lower_target,
        lower_verb: verb_name(&lower_verb),
        upper_verb: verb_name(&upper_verb),
        result_source,
        result_target,
        result_code,
        line,
    })
}

fn three(text: &str) -> Option<[String; 3]> {
    let v: Vec<String> = text.split_whitespace().map(str::to_string).collect();
    v.try_into().ok()
}

fn one(text: &str) -> Option<String> {
    let mut it = text.split_whitespace();
    let w = it.next()?;
    it.next().is_none().then(|| w.to_string())
}

fn verb_name(v: &str) -> String {
    if v == "Q" {
        v.to_string()
    } else {
        v.replace('_', " ").to_lowercase()
    }
}
