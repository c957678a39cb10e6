//! spaCy's `attribute_ruler` as configured in en_core_web_sm: 179 token-pattern rules (1–2 tokens,
//! conditions on TAG, LOWER, DEP, IS_SPACE) that set POS, MORPH, LEMMA and occasionally TAG/DEP.
//!
//! All rules are matched against the annotations as they were before the ruler ran; the
//! matches are then applied in rule order (later rules win), as spaCy does.

use std::collections::HashMap;
use std::path::Path;

use regex::Regex;
use rmpv::Value;

use crate::weights::{key_str, read_msgpack, WeightsError};

/// A condition on one string attribute.
#[derive(Debug, Clone)]
enum StrPred {
    Eq(String),
    In(Vec<String>),
    NotIn(Vec<String>),
    Regex(Regex),
}

impl StrPred {
    fn test(&self, v: &str) -> bool {
        match self {
            StrPred::Eq(s) => s == v,
            StrPred::In(l) => l.iter().any(|s| s == v),
            StrPred::NotIn(l) => !l.iter().any(|s| s == v),
            StrPred::Regex(r) => r.is_match(v),
        }
    }
}

/// Conditions on one token of a pattern.
#[derive(Debug, Clone, Default)]
struct TokenSpec {
    tag: Option<StrPred>,
    lower: Option<StrPred>,
    dep: Option<StrPred>,
    is_space: Option<bool>,
}

/// Attribute values a rule assigns.
#[derive(Debug, Clone, Default)]
pub(crate) struct Assign {
    pub tag: Option<String>,
    pub pos: Option<String>,
    pub morph: Option<String>,
    pub lemma: Option<String>,
    pub dep: Option<String>,
}

#[derive(Debug, Clone)]
struct Rule {
    patterns: Vec<Vec<TokenSpec>>,
    assign: Assign,
    /// Which token of the matched span gets the attributes (negative: from the end).
    index: i64,
}

/// Per-token annotation the ruler reads and writes.
#[derive(Debug, Clone, Default)]
pub(crate) struct TokenAttrs {
    pub lower: String,
    pub is_space: bool,
    pub tag: String,
    pub dep: String,
    pub pos: String,
    pub morph: String,
    /// `None` = not set (the lemmatizer fills it).
    pub lemma: Option<String>,
}

/// The loaded rules.
#[derive(Debug, Clone)]
pub(crate) struct AttributeRuler {
    rules: Vec<Rule>,
    /// (rule, pattern) pairs whose first token requires this exact TAG …
    by_first_tag: HashMap<String, Vec<(usize, usize)>>,
    /// … or this exact LOWER …
    by_first_lower: HashMap<String, Vec<(usize, usize)>>,
    /// … and all others, tried at every position.
    unindexed: Vec<(usize, usize)>,
}

fn pred(v: &Value, what: &str) -> Result<StrPred, String> {
    if let Some(s) = v.as_str() {
        return Ok(StrPred::Eq(s.to_string()));
    }
    let Value::Map(m) = v else {
        return Err(format!("{what}: unsupported value {v}"));
    };
    if m.len() != 1 {
        return Err(format!("{what}: expected one operator"));
    }
    let (op, arg) = &m[0];
    let list = || -> Result<Vec<String>, String> {
        arg.as_array()
            .ok_or_else(|| format!("{what}: list expected"))?
            .iter()
            .map(|x| {
                x.as_str()
                    .map(str::to_string)
                    .ok_or_else(|| format!("{what}: string expected"))
            })
            .collect()
    };
    match key_str(op).as_deref() {
        Some("IN") => Ok(StrPred::In(list()?)),
        Some("NOT_IN") => Ok(StrPred::NotIn(list()?)),
        Some("REGEX") => {
            let re = arg
                .as_str()
                .ok_or_else(|| format!("{what}: regex string expected"))?;
            // The three patterns in the model (e.g. "^n'?t$") mean the same in Rust's regex
            // syntax as in Python's `re.search`.
            Regex::new(re)
                .map(StrPred::Regex)
                .map_err(|e| format!("{what}: {e}"))
        }
        other => Err(format!("{what}: unsupported operator {other:?}")),
    }
}

fn token_spec(v: &Value) -> Result<TokenSpec, String> {
    let Value::Map(m) = v else {
        return Err("token pattern is not a map".into());
    };
    let mut spec = TokenSpec::default();
    for (k, val) in m {
        match key_str(k).as_deref() {
            Some("TAG") => spec.tag = Some(pred(val, "TAG")?),
            Some("LOWER") => spec.lower = Some(pred(val, "LOWER")?),
            Some("DEP") => spec.dep = Some(pred(val, "DEP")?),
            Some("IS_SPACE") => {
                spec.is_space = Some(val.as_bool().ok_or("IS_SPACE must be a bool")?);
            }
            // Any other key would silently match everything here; refuse instead.
            other => return Err(format!("unsupported pattern key {other:?}")),
        }
    }
    Ok(spec)
}

fn assign(v: &Value) -> Result<Assign, String> {
    let Value::Map(m) = v else {
        return Err("attrs is not a map".into());
    };
    let mut a = Assign::default();
    for (k, val) in m {
        let s = val
            .as_str()
            .ok_or("attr value must be a string")?
            .to_string();
        match key_str(k).as_deref() {
            Some("TAG") => a.tag = Some(s),
            Some("POS") => a.pos = Some(s),
            Some("MORPH") => a.morph = Some(s),
            Some("LEMMA") => a.lemma = Some(s),
            Some("DEP") => a.dep = Some(s),
            other => return Err(format!("unsupported attr {other:?}")),
        }
    }
    Ok(a)
}

fn pred_ok(p: &Option<StrPred>, v: &str) -> bool {
    match p {
        None => true,
        Some(p) => p.test(v),
    }
}

impl TokenSpec {
    fn matches(&self, t: &TokenAttrs) -> bool {
        pred_ok(&self.tag, &t.tag)
            && pred_ok(&self.lower, &t.lower)
            && pred_ok(&self.dep, &t.dep)
            && self.is_space.is_none() | (self.is_space == Some(t.is_space))
    }
}

impl AttributeRuler {
    /// Loads `attribute_ruler/patterns` from the package directory.
    pub(crate) fn from_package_dir(dir: &Path) -> Result<AttributeRuler, WeightsError> {
        let path = dir.join("attribute_ruler").join("patterns");
        let root = read_msgpack(&path)?;
        let fmt = |msg: String| WeightsError::Format {
            path: path.clone(),
            msg,
        };
        let list = root
            .as_array()
            .ok_or_else(|| fmt("patterns is not a list".into()))?;
        let mut rules = Vec::with_capacity(list.len());
        for (i, r) in list.iter().enumerate() {
            let get = |name: &str| crate::weights::map_get(r, name);
            let patterns = get("patterns")
                .and_then(Value::as_array)
                .ok_or_else(|| fmt(format!("rule {i}: no patterns")))?
                .iter()
                .map(|p| {
                    p.as_array()
                        .ok_or_else(|| "pattern is not a list".to_string())?
                        .iter()
                        .map(token_spec)
                        .collect::<Result<Vec<_>, _>>()
                })
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| fmt(format!("rule {i}: {e}")))?;
            let assign = assign(get("attrs").unwrap_or(&Value::Nil))
                .map_err(|e| fmt(format!("rule {i}: {e}")))?;
            let index = get("index").and_then(Value::as_i64).unwrap_or(0);
            rules.push(Rule {
                patterns,
                assign,
                index,
            });
        }
        let mut by_first_tag: HashMap<String, Vec<(usize, usize)>> = HashMap::new();
        let mut by_first_lower: HashMap<String, Vec<(usize, usize)>> = HashMap::new();
        let mut unindexed = Vec::new();
        for (ri, rule) in rules.iter().enumerate() {
            for (pi, pat) in rule.patterns.iter().enumerate() {
                match pat.first() {
                    Some(TokenSpec {
                        tag: Some(StrPred::Eq(t)),
                        ..
                    }) => by_first_tag.entry(t.clone()).or_default().push((ri, pi)),
                    Some(TokenSpec {
                        lower: Some(StrPred::Eq(l)),
                        ..
                    }) => by_first_lower.entry(l.clone()).or_default().push((ri, pi)),
                    Some(_) => unindexed.push((ri, pi)),
                    None => {}
                }
            }
        }
        Ok(AttributeRuler {
            rules,
            by_first_tag,
            by_first_lower,
            unindexed,
        })
    }

    /// Matches every rule on the current annotations, then applies the matches in rule order.
    pub(crate) fn apply(&self, toks: &mut [TokenAttrs]) {
        let n = toks.len();
        // (rule, start, end) of every match; only patterns whose first-token condition can hold
        // at a position are tried there.
        let mut matches: Vec<(usize, usize, usize)> = Vec::new();
        let none: Vec<(usize, usize)> = Vec::new();
        for s in 0..n {
            let cands = self
                .by_first_tag
                .get(&toks[s].tag)
                .unwrap_or(&none)
                .iter()
                .chain(self.by_first_lower.get(&toks[s].lower).unwrap_or(&none))
                .chain(&self.unindexed);
            for &(ri, pi) in cands {
                let pat = &self.rules[ri].patterns[pi];
                if s + pat.len() <= n
                    && pat
                        .iter()
                        .enumerate()
                        .all(|(k, spec)| spec.matches(&toks[s + k]))
                {
                    matches.push((ri, s, s + pat.len()));
                }
            }
        }
        // spaCy sorts matches by rule number (later rules win), then position.
        matches.sort_unstable();
        matches.dedup();
        let mut targets: Vec<(usize, usize)> = Vec::new(); // (rule, token)
        for (ri, s, e) in matches {
            let index = self.rules[ri].index;
            let t = if index >= 0 {
                s as i64 + index
            } else {
                e as i64 + index
            };
            if t >= s as i64 && t < e as i64 {
                targets.push((ri, t as usize));
            }
        }
        for (ri, t) in targets {
            let a = &self.rules[ri].assign;
            let tok = &mut toks[t];
            if let Some(v) = &a.tag {
                tok.tag.clone_from(v);
            }
            if let Some(v) = &a.pos {
                tok.pos.clone_from(v);
            }
            if let Some(v) = &a.morph {
                tok.morph.clone_from(v);
            }
            if let Some(v) = &a.lemma {
                tok.lemma = Some(v.clone());
            }
            if let Some(v) = &a.dep {
                tok.dep.clone_from(v);
            }
        }
    }
}
