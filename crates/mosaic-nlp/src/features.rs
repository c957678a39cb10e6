//! Lexical feature ids fed to the embedding tables: NORM, PREFIX, SUFFIX, SHAPE (as spaCy string
//! ids), plus SPACY (trailing space) and IS_SPACE as raw 0/1.
//!
//! Everything follows Python `str` semantics on code points, because that is what spaCy computes
//! at training time; the character classes come from tables generated from Python itself.

use std::collections::HashMap;
use std::path::Path;

use rmpv::Value;

use crate::hash::string_id;
use crate::weights::{map_get, read_msgpack, WeightsError};

mod pyunicode;

/// Python's `str.isspace()`: non-empty and every code point is whitespace.
pub fn py_is_space(s: &str) -> bool {
    !s.is_empty() && s.chars().all(crate::tokenizer::is_py_space)
}

/// 1 = alphabetic upper, 2 = alphabetic not upper, 3 = digit, 0 = other (Python semantics).
fn shape_class(c: char) -> u8 {
    let cp = c as u32;
    if cp < 0x80 {
        return match c {
            'A'..='Z' => 1,
            'a'..='z' => 2,
            '0'..='9' => 3,
            _ => 0,
        };
    }
    let t = &pyunicode::SHAPE_CLASS_RANGES;
    match t.binary_search_by(|&(lo, hi, _)| {
        if hi < cp {
            std::cmp::Ordering::Less
        } else if lo > cp {
            std::cmp::Ordering::Greater
        } else {
            std::cmp::Ordering::Equal
        }
    }) {
        Ok(i) => t[i].2,
        Err(_) => 0,
    }
}

/// Python's `str.isalpha()`: non-empty and every code point alphabetic.
pub fn is_py_alpha(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| matches!(shape_class(c), 1 | 2))
}

/// spaCy's word shape ("Azerbaijani" → "Xxxxx", "$5.2bn" → "$d.dxx", ≥ 100 code points → "LONG").
pub fn word_shape(text: &str) -> String {
    if text.chars().nth(99).is_some() {
        return "LONG".to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut last: Option<char> = None;
    let mut run = 0usize;
    for c in text.chars() {
        let mapped = match shape_class(c) {
            1 => 'X',
            2 => 'x',
            3 => 'd',
            _ => c,
        };
        if Some(mapped) == last {
            run += 1;
        } else {
            run = 0;
            last = Some(mapped);
        }
        if run < 4 {
            out.push(mapped);
        }
    }
    out
}

/// First code point (Python `s[:1]`).
pub fn prefix(text: &str) -> &str {
    match text.char_indices().nth(1) {
        Some((i, _)) => &text[..i],
        None => text,
    }
}

/// Last three code points (Python `s[-3:]`).
pub fn suffix(text: &str) -> &str {
    match text.char_indices().rev().nth(2) {
        Some((i, _)) => &text[i..],
        None => text,
    }
}

/// Number of feature columns the shared tok2vec uses.
pub const N_COLS: usize = 6;

/// Computes the per-token feature ids. Holds the norm exceptions of the package.
#[derive(Debug, Clone)]
pub struct FeatureExtractor {
    /// Id of the exact token text → id of its norm (`lexeme_norm` first, then BASE_NORMS).
    norm_exceptions: HashMap<u64, u64>,
}

impl FeatureExtractor {
    /// Builds the extractor from the package's `vocab/lookups.bin` (`lexeme_norm` table).
    pub fn from_package_dir(dir: &Path) -> Result<FeatureExtractor, WeightsError> {
        let path = dir.join("vocab").join("lookups.bin");
        let root = read_msgpack(&path)?;
        let mut table = HashMap::new();
        if let Some(Value::Map(m)) = map_get(&root, "lexeme_norm") {
            for (k, v) in m {
                if let (Some(k), Some(v)) = (k.as_u64(), v.as_str()) {
                    table.insert(k, v.to_string());
                }
            }
        }
        Ok(FeatureExtractor::from_lexeme_norms(table))
    }

    /// Builds the extractor from a `lexeme_norm` table (text id → norm string).
    pub fn from_lexeme_norms(lexeme_norm: HashMap<u64, String>) -> FeatureExtractor {
        let mut norm_exceptions = HashMap::new();
        // BASE_NORMS sit behind lexeme_norm in spaCy's lookup chain, so insert them first and
        // let lexeme_norm entries overwrite them.
        for (k, v) in pyunicode::BASE_NORMS.iter() {
            norm_exceptions.insert(string_id(k), string_id(v));
        }
        for (k, v) in lexeme_norm {
            norm_exceptions.insert(k, string_id(&v));
        }
        FeatureExtractor { norm_exceptions }
    }

    /// NORM id of a token: tokenizer special-case norm, then the norm tables, then lower case.
    pub fn norm_id(&self, text: &str, norm_override: Option<&str>) -> u64 {
        if let Some(n) = norm_override {
            return string_id(n);
        }
        if let Some(id) = self.norm_exceptions.get(&string_id(text)) {
            return *id;
        }
        string_id(&text.to_lowercase())
    }

    /// The six feature ids [NORM, PREFIX, SUFFIX, SHAPE, SPACY, IS_SPACE] of one token.
    pub fn token_features(
        &self,
        text: &str,
        norm_override: Option<&str>,
        whitespace: bool,
    ) -> [u64; N_COLS] {
        [
            self.norm_id(text, norm_override),
            string_id(prefix(text)),
            string_id(suffix(text)),
            string_id(&word_shape(text)),
            whitespace as u64,
            py_is_space(text) as u64,
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        assert_eq!(word_shape("Azerbaijani"), "Xxxxx");
        assert_eq!(word_shape("2009"), "dddd");
        assert_eq!(word_shape("$5.2bn"), "$d.dxx");
        assert_eq!(word_shape("x²"), "xd");
        assert_eq!(word_shape("Ünïcode"), "Xxxxx");
        assert_eq!(word_shape(&"a".repeat(100)), "LONG");
        assert_eq!(word_shape(&"a".repeat(99)), "xxxx");
    }

    #[test]
    fn affixes() {
        assert_eq!(prefix("Émile"), "É");
        assert_eq!(suffix("Émile"), "ile");
        assert_eq!(suffix("ab"), "ab");
        assert_eq!(suffix("naïve"), "ïve");
        assert_eq!(prefix(""), "");
    }

    #[test]
    fn spaces() {
        assert!(py_is_space("\u{1c}\n "));
        assert!(!py_is_space(""));
        assert!(!py_is_space("a "));
    }

    #[test]
    fn norms_fall_back_in_order() {
        let mut t = HashMap::new();
        t.insert(string_id("Cause"), "because".to_string());
        let f = FeatureExtractor::from_lexeme_norms(t);
        assert_eq!(f.norm_id("Cause", None), string_id("because"));
        assert_eq!(f.norm_id("—", None), string_id("-"));
        assert_eq!(f.norm_id("Hello", None), string_id("hello"));
        assert_eq!(f.norm_id("n't", Some("not")), string_id("not"));
    }
}
