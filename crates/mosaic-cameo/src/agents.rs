//! The agent dictionary (`Phoenix.agents.txt`): generic actor nouns with a sector code.
//!
//! Line format: `PHRASE {optional plurals} [~CODE]` (or `[CODE~]`), `#` comments, and
//! substitution sets `!NAME! = A, B, C` used inside phrases (`POLICE!PERSON!`,
//! `FOREIGN_!MINIST!`). Rules as implemented:
//! - `_` and blanks both separate words, and both are matched as consecutive words (the format
//!   allows other words in a blank's place; no entry of the shipped file needs it).
//! - Plurals: `{}` none; `{A_B C_D}` exactly those; otherwise the regular plural of the last
//!   word. A phrase ending in `_`, a phrase built from a substitution set, and a stem get none.
//! - A code closed by `}` instead of `]` (`[~ENV}`) is accepted.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::inflect::noun_plural;
use crate::Problem;

/// The shipped agent dictionary, unchanged from PETRARCH2 (see `data/NOTICE.md`).
pub const PHOENIX_AGENTS_TXT: &str = include_str!("../data/Phoenix.agents.txt");

/// TABARI-era stems: a last word matching any word that starts with it ("DEFENSE_MINIST" covers
/// "defense minister", "defense ministry", "defense ministries"). The file gives no syntax for
/// stems and no rule tells "MINIST" from a word such as "POLICE" (which must not match
/// "policeman" by prefix), so they are listed here, as found by reading every last word of the
/// shipped file; "ministr" is the header's own example.
const STEMS: &[&str] = &["authorit", "compan", "industr", "minist", "ministr"];

/// Phoenix.agents.txt: generic actor nouns with a sector code ("POLICE [~COP]", "REBEL [~REB]").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Agent {
    /// The phrase's words, lower-case ("riot police" -> ["riot","police"]); for a substitution
    /// set, one agent per member ("policeman", "policemen", ...).
    pub words: Vec<String>,
    /// The agent code without `~` ("COP", "MIL", "GOVFRM", "NGO").
    pub code: String,
    /// `NGO~` (code before the actor code) rather than `~COP`.
    pub prefix: bool,
    /// The last word is a stem (see the module docs) and matches any word starting with it.
    pub stem: bool,
    pub line: usize,
}

#[derive(Clone, Debug, Default)]
pub struct AgentDictionary {
    pub agents: Vec<Agent>,
    /// Every matchable word sequence: (agent, words). Stems keep the stem as last word.
    forms: Vec<(usize, Vec<String>)>,
    /// Last word → indices into `forms`, for whole-word matches.
    by_last: HashMap<String, Vec<usize>>,
    /// Indices into `forms` whose last word is a stem.
    stems: Vec<usize>,
}

impl AgentDictionary {
    /// The shipped Phoenix.agents.txt, parsed once per process.
    pub fn embedded() -> &'static AgentDictionary {
        static DICT: OnceLock<AgentDictionary> = OnceLock::new();
        DICT.get_or_init(|| AgentDictionary::parse(PHOENIX_AGENTS_TXT).0)
    }

    /// Parse any text in this format; unreadable lines are returned as problems.
    pub fn parse(text: &str) -> (AgentDictionary, Vec<Problem>) {
        let mut dict = AgentDictionary::default();
        let mut sets: HashMap<String, Vec<String>> = HashMap::new();
        let mut problems = Vec::new();
        for (i, raw) in text.lines().enumerate() {
            let line = i + 1;
            let text = raw.split(['#', ';']).next().unwrap_or("").trim();
            let result = if text.is_empty() {
                Ok(())
            } else if text.starts_with('!') && text.contains('=') {
                substitution_set(text).map(|(name, members)| {
                    sets.insert(name, members);
                })
            } else {
                dict.entry(text, line, &sets)
            };
            if let Err(message) = result {
                problems.push(Problem { line, message });
            }
        }
        (dict, problems)
    }

    /// The longest agent whose words END at `words[head]` and match the words before it
    /// consecutively. Words are lower-case written forms; generated plurals and substitution
    /// members match too ("troops", "policemen", "rebels"), and a stem matches any head word
    /// that starts with it. Ties go to the earlier line. Returns the agent and how many words
    /// it covered.
    pub fn lookup(&self, words: &[&str], head: usize) -> Option<(&Agent, usize)> {
        let last = *words.get(head)?;
        let whole = self.by_last.get(last).into_iter().flatten();
        let stems = self.stems.iter().filter(|&&f| {
            let stem = self.forms[f].1.last().map_or("", String::as_str);
            last.len() >= stem.len() && last.starts_with(stem)
        });
        let mut best: Option<(usize, usize)> = None;
        for &f in whole.chain(stems) {
            let (agent, form) = &self.forms[f];
            let n = form.len();
            if n > head + 1 {
                continue;
            }
            let before = &words[head + 1 - n..head];
            if !before.iter().zip(form).all(|(w, f)| *w == f.as_str()) {
                continue;
            }
            let better = match best {
                None => true,
                Some((a, m)) => n > m || (n == m && *agent < a),
            };
            if better {
                best = Some((*agent, n));
            }
        }
        best.map(|(a, n)| (&self.agents[a], n))
    }

    /// The sector: the first three letters of the code, e.g. "GOVFRM" -> "GOV".
    pub fn sector(agent: &Agent) -> &str {
        let end = agent
            .code
            .char_indices()
            .nth(3)
            .map_or(agent.code.len(), |(i, _)| i);
        &agent.code[..end]
    }

    fn entry(
        &mut self,
        text: &str,
        line: usize,
        sets: &HashMap<String, Vec<String>>,
    ) -> Result<(), String> {
        let open = text.find('[').ok_or("no [code]")?;
        let (code, prefix) = agent_code(&text[open + 1..])?;
        let head = &text[..open];
        let (phrase, plurals) = match head.split_once('{') {
            Some((phrase, rest)) => {
                let (inside, _) = rest.split_once('}').ok_or("unclosed '{'")?;
                (phrase.trim(), Some(inside))
            }
            None => (head.trim(), None),
        };
        let expanded = substitute(phrase, sets)?;
        let substituted = phrase.contains('!');
        for raw in expanded {
            let words = words_of(&raw);
            let Some(last) = words.last() else {
                return Err("agent without words".into());
            };
            let stopped = raw.ends_with('_') || substituted;
            let stem = !stopped && STEMS.contains(&last.as_str());
            let mut forms = vec![words.clone()];
            match plurals {
                _ if stopped || stem => {}
                Some(list) => forms.extend(
                    list.split([' ', ',', '\t'])
                        .map(words_of)
                        .filter(|w| !w.is_empty()),
                ),
                None => forms.extend(noun_plural(last).map(|p| {
                    let mut w = words[..words.len() - 1].to_vec();
                    w.push(p);
                    w
                })),
            }
            self.add(
                Agent {
                    words,
                    code: code.clone(),
                    prefix,
                    stem,
                    line,
                },
                forms,
            );
        }
        Ok(())
    }

    fn add(&mut self, agent: Agent, forms: Vec<Vec<String>>) {
        let a = self.agents.len();
        for form in forms {
            let f = self.forms.len();
            if agent.stem && form == agent.words {
                self.stems.push(f);
            } else if let Some(last) = form.last() {
                self.by_last.entry(last.clone()).or_default().push(f);
            }
            self.forms.push((a, form));
        }
        self.agents.push(agent);
    }
}

/// `~COP]`, `NGO~]`, `~ENV}` (what follows the `[`) → (code, prefix).
fn agent_code(after_open: &str) -> Result<(String, bool), String> {
    let inner = after_open.split([']', '}']).next().unwrap_or("").trim();
    let (code, prefix) = match (inner.strip_prefix('~'), inner.strip_suffix('~')) {
        (Some(c), _) => (c, false),
        (None, Some(c)) => (c, true),
        (None, None) => return Err(format!("agent code [{inner}] has no '~'")),
    };
    if code.is_empty() || !code.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(format!("unreadable agent code [{inner}]"));
    }
    Ok((code.to_string(), prefix))
}

/// `!PERSON! = MAN, MEN, WOMAN` → ("PERSON", [MAN, MEN, WOMAN]).
fn substitution_set(text: &str) -> Result<(String, Vec<String>), String> {
    let (label, list) = text.split_once('=').unwrap_or((text, ""));
    let name = label.trim().trim_matches('!');
    let members: Vec<String> = list
        .split(',')
        .map(|m| m.trim().to_string())
        .filter(|m| !m.is_empty())
        .collect();
    if name.is_empty() || name.contains('!') || members.is_empty() {
        return Err("unreadable substitution set".into());
    }
    Ok((name.to_string(), members))
}

/// Every phrase obtained by replacing each `!NAME!` with each member of its set.
fn substitute(phrase: &str, sets: &HashMap<String, Vec<String>>) -> Result<Vec<String>, String> {
    let Some(start) = phrase.find('!') else {
        return Ok(vec![phrase.to_string()]);
    };
    let len = phrase[start + 1..].find('!').ok_or("unclosed '!' marker")?;
    let name = &phrase[start + 1..start + 1 + len];
    let members = sets
        .get(name)
        .ok_or_else(|| format!("unknown substitution set !{name}!"))?;
    let (before, after) = (&phrase[..start], &phrase[start + len + 2..]);
    let mut out = Vec::new();
    for m in members {
        out.extend(substitute(&format!("{before}{m}{after}"), sets)?);
    }
    Ok(out)
}

fn words_of(raw: &str) -> Vec<String> {
    raw.split(|c: char| c == '_' || c.is_whitespace())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}
