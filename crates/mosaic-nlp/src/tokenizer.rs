//! spaCy's rule-based English tokenizer, reproduced token for token.
//!
//! Every rule (prefix/suffix/infix/URL patterns and the 1,347 special cases) is read from the
//! package's `tokenizer` msgpack file; only the *algorithm* lives here. The algorithm follows
//! spaCy 3.8's `Tokenizer` (see `shared/reference/spacy-sm-inference.md` §9):
//!
//! 1. split the text into alternating runs of Python-`isspace` and non-space characters; a single
//!    U+0020 after a non-space run is absorbed as the previous token's trailing space;
//! 2. tokenize every run ("chunk"): whole-chunk special case, else repeated prefix/suffix stripping
//!    with special-case checks, then URL match or infix splitting of the remainder;
//! 3. a final pass that re-merges token sequences equal to a special case spanning several tokens.
//!
//! The patterns are Python `re` patterns with look-around, so they are translated into
//! `fancy-regex` syntax (exact semantics). Each one also gets a plain `regex` twin with the
//! look-arounds turned into consuming groups or dropped; the twin matches a superset of strings
//! and is a fast DFA, so it decides the common "no match at all" case without backtracking.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

/// ORTH and NORM attribute ids used as map keys inside special-case sub-tokens.
const ATTR_ORTH: u64 = 65;
const ATTR_NORM: u64 = 67;

/// Chunks longer than this (bytes) are not cached: they rarely repeat and would bloat memory.
const CACHE_MAX_CHUNK_BYTES: usize = 96;
/// The cache is dropped wholesale when it grows past this many chunks, bounding memory in
/// long-running processes (spaCy's cache is unbounded; results never depend on it).
const CACHE_MAX_ENTRIES: usize = 200_000;
/// Backtracking budget per regex call. Only pathological inputs (thousands of characters
/// without spaces that almost look like URLs) reach it; they are then treated as "no match".
const BACKTRACK_LIMIT: usize = 5_000_000;

/// A token as produced by the tokenizer, before any neural annotation.
#[derive(Clone, Debug, PartialEq)]
pub struct RawToken {
    /// UTF-8 byte offset of the first byte in the input text.
    pub start: usize,
    /// UTF-8 byte offset one past the last byte.
    pub end: usize,
    /// Code-point offset of the first character (spaCy's `token.idx`).
    pub char_start: usize,
    /// Code-point offset one past the last character.
    pub char_end: usize,
    /// ORTH: the token text (for special cases the sub-token ORTH, which always equals the
    /// covered text for this model).
    pub text: String,
    /// NORM set by a tokenizer special case (e.g. "n't" → "not"), if any.
    pub norm_override: Option<String>,
    /// Whether a single U+0020 follows the token (spaCy's `whitespace_ == " "`).
    pub whitespace: bool,
}

/// Failure to load the tokenizer rules.
#[derive(Debug, thiserror::Error)]
pub enum TokenizerError {
    /// The rules file could not be read.
    #[error("cannot read tokenizer rules {path}: {source}")]
    Io {
        /// File that failed.
        path: PathBuf,
        /// Underlying error.
        source: std::io::Error,
    },
    /// The rules file is not the expected msgpack structure.
    #[error("malformed tokenizer rules: {0}")]
    Format(String),
    /// A pattern uses syntax this translator does not support, or failed to compile.
    #[error("cannot compile tokenizer pattern {which}: {msg}")]
    Regex {
        /// Which pattern (`prefix_search`, `suffix_search`, `infix_finditer`, `url_match`).
        which: &'static str,
        /// What went wrong.
        msg: String,
    },
}

/// One sub-token of a special case, with its byte range inside the special-case key.
#[derive(Debug)]
struct SpecialSub {
    orth: Arc<str>,
    norm: Option<Arc<str>>,
    start: usize,
    end: usize,
    /// True when `orth` is exactly `key[start..end]` (always, for en_core_web_sm).
    orth_is_slice: bool,
}

/// A token of one chunk: byte range relative to the chunk plus what a special case attached.
#[derive(Clone, Debug)]
struct Piece {
    start: usize,
    end: usize,
    char_start: usize,
    char_len: usize,
    /// ORTH when it differs from the covered text (never for this model).
    orth: Option<Arc<str>>,
    norm: Option<Arc<str>>,
}

/// A compiled Python pattern: the exact engine plus an optional fast superset filter.
struct PyRegex {
    exact: fancy_regex::Regex,
    /// Matches whenever `exact` does (and maybe more); `None` if no useful twin exists.
    filter: Option<regex::Regex>,
}

impl PyRegex {
    fn compile(which: &'static str, pattern: &str) -> Result<PyRegex, TokenizerError> {
        let err = |msg: String| TokenizerError::Regex { which, msg };
        let translated = pyre::translate(pattern).map_err(err)?;
        let exact = fancy_regex::RegexBuilder::new(&translated.exact)
            .backtrack_limit(BACKTRACK_LIMIT)
            .delegate_size_limit(1 << 28)
            .delegate_dfa_size_limit(1 << 26)
            .build()
            .map_err(|e| err(e.to_string()))?;
        let filter = regex::RegexBuilder::new(&translated.filter)
            .size_limit(1 << 28)
            .dfa_size_limit(1 << 26)
            .build()
            .ok();
        Ok(PyRegex { exact, filter })
    }

    /// Byte position before which no match can start, or `None` if there is no match at all.
    /// The filter is a superset whose matches start at or before the corresponding real match
    /// (look-behinds became consuming), so its leftmost start is a safe place to begin the
    /// backtracking search; this keeps repeated suffix searches on long chunks linear.
    fn lower_bound(&self, s: &str) -> Option<usize> {
        match &self.filter {
            Some(f) => f.find(s).map(|m| m.start()),
            None => Some(0),
        }
    }

    /// First match (Python `re.search`), as a byte range.
    fn search(&self, s: &str) -> Option<(usize, usize)> {
        let from = self.lower_bound(s)?;
        match self.exact.find_from_pos(s, from) {
            Ok(Some(m)) => Some((m.start(), m.end())),
            _ => None,
        }
    }

    /// All non-overlapping matches, left to right (Python `re.finditer`).
    fn find_all(&self, s: &str, out: &mut Vec<(usize, usize)>) {
        out.clear();
        let Some(from) = self.lower_bound(s) else {
            return;
        };
        let input = fancy_regex::RegexInput::new(s).from_pos(from);
        for m in self.exact.find_iter_input(input) {
            match m {
                Ok(m) => out.push((m.start(), m.end())),
                Err(_) => break,
            }
        }
    }

    /// Whether the pattern matches at the start of `s` (Python `re.match`).
    fn match_at_start(&self, s: &str) -> bool {
        if self.filter.as_ref().is_some_and(|f| !f.is_match(s)) {
            return false;
        }
        let input = fancy_regex::RegexInput::new(s).anchored(true);
        matches!(self.exact.find_input(input), Ok(Some(_)))
    }
}

/// Special cases that span several tokens of the plain (special-case-free) tokenization,
/// re-merged in a final pass (spaCy's `_special_matcher`).
#[derive(Default)]
struct SpanCases {
    /// Distinct token-text sequences, each at least one token long.
    seqs: Vec<Vec<Box<str>>>,
    /// First token text → indices into `seqs`.
    by_first: HashMap<Box<str>, Vec<usize>>,
}

/// spaCy's English tokenizer driven by the package's `tokenizer` rules file.
pub struct Tokenizer {
    prefix: Option<PyRegex>,
    suffix: Option<PyRegex>,
    infix: Option<PyRegex>,
    url: Option<PyRegex>,
    specials: HashMap<Box<str>, Arc<[SpecialSub]>>,
    /// Byte length of the longest special-case key.
    max_special_len: usize,
    span_cases: SpanCases,
    cache: RwLock<HashMap<Box<str>, Arc<[Piece]>>>,
}

impl std::fmt::Debug for Tokenizer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tokenizer")
            .field("special_cases", &self.specials.len())
            .field("span_cases", &self.span_cases.seqs.len())
            .finish_non_exhaustive()
    }
}

/// Python's `str.isspace()`: bidi class WS/B/S or category Zs (differs from
/// `char::is_whitespace` on U+001C–U+001F).
pub fn is_py_space(c: char) -> bool {
    matches!(
        c,
        '\u{9}'..='\u{d}'
            | '\u{1c}'..='\u{20}'
            | '\u{85}'
            | '\u{a0}'
            | '\u{1680}'
            | '\u{2000}'..='\u{200a}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{202f}'
            | '\u{205f}'
            | '\u{3000}'
    )
}

impl Tokenizer {
    /// Loads the rules from `<dir>/tokenizer` (an unpacked en_core_web_sm package directory).
    pub fn from_package_dir(dir: &Path) -> Result<Tokenizer, TokenizerError> {
        let path = dir.join("tokenizer");
        let data = std::fs::read(&path).map_err(|source| TokenizerError::Io {
            path: path.clone(),
            source,
        })?;
        Tokenizer::from_bytes(&data)
    }

    /// Loads the rules from the bytes of a `tokenizer` msgpack file.
    pub fn from_bytes(data: &[u8]) -> Result<Tokenizer, TokenizerError> {
        let fmt = |m: &str| TokenizerError::Format(m.to_string());
        let root = rmpv::decode::read_value(&mut &data[..])
            .map_err(|e| TokenizerError::Format(e.to_string()))?;
        let map = root.as_map().ok_or_else(|| fmt("top level is not a map"))?;
        let field = |name: &str| {
            map.iter()
                .find(|(k, _)| k.as_str() == Some(name))
                .map(|(_, v)| v)
        };
        let pattern = |name: &'static str| -> Result<Option<PyRegex>, TokenizerError> {
            match field(name) {
                None => Ok(None),
                Some(v) if v.is_nil() => Ok(None),
                Some(v) => {
                    let p = v
                        .as_str()
                        .ok_or_else(|| TokenizerError::Format(format!("{name} is not a string")))?;
                    PyRegex::compile(name, p).map(Some)
                }
            }
        };
        if field("token_match").is_some_and(|v| !v.is_nil()) {
            // en_core_web_sm has none; supporting it would need another hook in the algorithm.
            return Err(fmt(
                "token_match is set, which this tokenizer does not implement",
            ));
        }
        let prefix = pattern("prefix_search")?;
        let suffix = pattern("suffix_search")?;
        let infix = pattern("infix_finditer")?;
        let url = pattern("url_match")?;
        let faster_heuristics = field("faster_heuristics")
            .and_then(|v| v.as_bool())
            .unwrap_or(true);

        let mut specials: HashMap<Box<str>, Arc<[SpecialSub]>> = HashMap::new();
        if let Some(exc) = field("exceptions") {
            let exc = exc.as_map().ok_or_else(|| fmt("exceptions is not a map"))?;
            for (k, v) in exc {
                let key = k
                    .as_str()
                    .ok_or_else(|| fmt("exception key is not a string"))?;
                let subs = v
                    .as_array()
                    .ok_or_else(|| fmt("exception value is not a list"))?;
                let mut parsed = Vec::with_capacity(subs.len());
                for sub in subs {
                    let attrs = sub
                        .as_map()
                        .ok_or_else(|| fmt("special-case sub-token is not a map"))?;
                    let get = |id: u64| {
                        attrs
                            .iter()
                            .find(|(a, _)| a.as_u64() == Some(id))
                            .and_then(|(_, v)| v.as_str())
                    };
                    let orth = get(ATTR_ORTH).ok_or_else(|| fmt("special case without ORTH"))?;
                    parsed.push((orth.to_string(), get(ATTR_NORM).map(Arc::from)));
                }
                if parsed.is_empty() || key.is_empty() {
                    continue;
                }
                specials.insert(key.into(), special_subs(key, parsed));
            }
        }

        let mut tok = Tokenizer {
            prefix,
            suffix,
            infix,
            url,
            max_special_len: specials.keys().map(|k| k.len()).max().unwrap_or(0),
            specials,
            span_cases: SpanCases::default(),
            cache: RwLock::new(HashMap::new()),
        };
        tok.span_cases = tok.build_span_cases(faster_heuristics);
        Ok(tok)
    }

    /// Records the special-case-free tokenization of every key that the chunk-level lookups
    /// could miss (spaCy adds exactly these to its phrase matcher).
    fn build_span_cases(&self, faster_heuristics: bool) -> SpanCases {
        let mut keys: Vec<&str> = self.specials.keys().map(|k| &**k).collect();
        keys.sort_unstable();
        let mut seen: std::collections::HashSet<Vec<Box<str>>> = Default::default();
        let mut cases = SpanCases::default();
        let mut infixes = Vec::new();
        for key in keys {
            let needs = !faster_heuristics
                || self.prefix_len(key) > 0
                || self.suffix_len(key) > 0
                || {
                    if let Some(re) = &self.infix {
                        re.find_all(key, &mut infixes);
                    }
                    !infixes.is_empty()
                }
                || key.contains(' ');
            if !needs {
                continue;
            }
            let seq: Vec<Box<str>> = self
                .tokenize_inner(key, false)
                .into_iter()
                .map(|t| t.text.into_boxed_str())
                .collect();
            if seq.is_empty() || !seen.insert(seq.clone()) {
                continue;
            }
            let idx = cases.seqs.len();
            cases.by_first.entry(seq[0].clone()).or_default().push(idx);
            cases.seqs.push(seq);
        }
        cases
    }

    /// Number of special cases loaded (1,347 for en_core_web_sm 3.8.0).
    pub fn special_case_count(&self) -> usize {
        self.specials.len()
    }

    /// Splits `text` into tokens exactly as spaCy's `nlp.tokenizer(text)` does.
    pub fn tokenize(&self, text: &str) -> Vec<RawToken> {
        let tokens = self.tokenize_inner(text, true);
        self.merge_span_cases(text, tokens)
    }

    /// Whitespace split + per-chunk tokenization (§9.2/§9.3), without the final pass.
    fn tokenize_inner(&self, text: &str, with_specials: bool) -> Vec<RawToken> {
        let mut out: Vec<RawToken> = Vec::with_capacity(text.len() / 4 + 1);
        let mut chars = text.char_indices();
        let Some((_, first)) = chars.next() else {
            return out;
        };
        let mut in_ws = is_py_space(first);
        let (mut start, mut start_c) = (0usize, 0usize);
        let mut scratch = Vec::new();
        for (ci, (i, c)) in (1usize..).zip(chars) {
            if is_py_space(c) != in_ws {
                if start < i {
                    self.emit_chunk(
                        text,
                        start,
                        i,
                        start_c,
                        with_specials,
                        &mut out,
                        &mut scratch,
                    );
                }
                if c == ' ' {
                    if let Some(last) = out.last_mut() {
                        last.whitespace = true;
                    }
                    start = i + 1;
                    start_c = ci + 1;
                } else {
                    start = i;
                    start_c = ci;
                }
                in_ws = !in_ws;
            }
        }
        if start < text.len() {
            self.emit_chunk(
                text,
                start,
                text.len(),
                start_c,
                with_specials,
                &mut out,
                &mut scratch,
            );
            if let Some(last) = out.last_mut() {
                last.whitespace = false;
            }
        }
        out
    }

    #[allow(clippy::too_many_arguments)]
    fn emit_chunk(
        &self,
        text: &str,
        start: usize,
        end: usize,
        start_c: usize,
        with_specials: bool,
        out: &mut Vec<RawToken>,
        scratch: &mut Vec<Piece>,
    ) {
        let chunk = &text[start..end];
        let push = |out: &mut Vec<RawToken>, p: &Piece| {
            let text_slice = &chunk[p.start..p.end];
            out.push(RawToken {
                start: start + p.start,
                end: start + p.end,
                char_start: start_c + p.char_start,
                char_end: start_c + p.char_start + p.char_len,
                text: match &p.orth {
                    Some(o) => o.to_string(),
                    None => text_slice.to_string(),
                },
                norm_override: p.norm.as_ref().map(|n| n.to_string()),
                whitespace: false,
            });
        };
        if !with_specials || chunk.len() > CACHE_MAX_CHUNK_BYTES {
            scratch.clear();
            self.tokenize_chunk(chunk, with_specials, scratch);
            for p in scratch.iter() {
                push(out, p);
            }
            return;
        }
        let cached = self
            .cache
            .read()
            .ok()
            .and_then(|c| c.get(chunk).map(Arc::clone));
        let pieces = match cached {
            Some(p) => p,
            None => {
                scratch.clear();
                self.tokenize_chunk(chunk, true, scratch);
                let pieces: Arc<[Piece]> = scratch.as_slice().into();
                if let Ok(mut c) = self.cache.write() {
                    if c.len() >= CACHE_MAX_ENTRIES {
                        c.clear();
                    }
                    c.insert(chunk.into(), Arc::clone(&pieces));
                }
                pieces
            }
        };
        for p in pieces.iter() {
            push(out, p);
        }
    }

    fn is_special(&self, s: &str) -> bool {
        // Skipping the hash of long strings keeps affix stripping of long chunks linear.
        s.len() <= self.max_special_len && self.specials.contains_key(s)
    }

    fn special(&self, s: &str) -> Option<&Arc<[SpecialSub]>> {
        if s.len() > self.max_special_len {
            return None;
        }
        self.specials.get(s)
    }

    /// Length in bytes of the prefix at the start of `s` (0 if none).
    fn prefix_len(&self, s: &str) -> usize {
        match &self.prefix {
            Some(re) => re.search(s).map_or(0, |(a, b)| b - a),
            None => 0,
        }
    }

    /// Length in bytes of the suffix (Python `re.search`: the leftmost start that reaches the end).
    fn suffix_len(&self, s: &str) -> usize {
        match &self.suffix {
            Some(re) => re.search(s).map_or(0, |(a, b)| b - a),
            None => 0,
        }
    }

    /// Tokenizes one whitespace-free (or whitespace-only) chunk into `out` (§9.3).
    fn tokenize_chunk(&self, chunk: &str, with_specials: bool, out: &mut Vec<Piece>) {
        if with_specials {
            if let Some(subs) = self.special(chunk) {
                push_special(chunk, 0, subs, out);
                return;
            }
        }
        let mut prefixes: Vec<(usize, usize)> = Vec::new();
        let mut suffixes: Vec<(usize, usize)> = Vec::new();
        let (mut lo, mut hi) = (0usize, chunk.len());
        let mut last_size = usize::MAX;
        while lo < hi && hi - lo != last_size {
            let s = &chunk[lo..hi];
            if with_specials && self.is_special(s) {
                break;
            }
            last_size = s.len();
            let pre = self.prefix_len(s);
            if pre > 0 && pre < s.len() && with_specials && self.is_special(&s[pre..]) {
                prefixes.push((lo, lo + pre));
                lo += pre;
                break;
            }
            let suf = self.suffix_len(&s[pre..]);
            if suf > 0 && suf < s.len() && with_specials && self.is_special(&s[..s.len() - suf]) {
                suffixes.push((hi - suf, hi));
                hi -= suf;
                break;
            }
            if pre > 0 && suf > 0 {
                prefixes.push((lo, lo + pre));
                suffixes.push((hi - suf, hi));
                lo += pre;
                hi -= suf;
            } else if pre > 0 {
                prefixes.push((lo, lo + pre));
                lo += pre;
            } else if suf > 0 {
                suffixes.push((hi - suf, hi));
                hi -= suf;
            }
        }

        for &(a, b) in &prefixes {
            push_plain(chunk, a, b, out);
        }
        if lo < hi {
            let rest = &chunk[lo..hi];
            let special = if with_specials {
                self.special(rest)
            } else {
                None
            };
            if let Some(subs) = special {
                push_special(chunk, lo, subs, out);
            } else if self.url.as_ref().is_some_and(|re| re.match_at_start(rest)) {
                push_plain(chunk, lo, hi, out);
            } else {
                let mut matches = Vec::new();
                if let Some(re) = &self.infix {
                    re.find_all(rest, &mut matches);
                }
                let mut cursor = 0usize;
                for &(a, b) in &matches {
                    // A match at the very start is skipped (it is not an infix).
                    if a == 0 {
                        continue;
                    }
                    if a > cursor {
                        push_plain(chunk, lo + cursor, lo + a, out);
                    }
                    if b > a {
                        push_plain(chunk, lo + a, lo + b, out);
                    }
                    cursor = b;
                }
                if cursor < rest.len() {
                    push_plain(chunk, lo + cursor, hi, out);
                }
            }
        }
        for &(a, b) in suffixes.iter().rev() {
            push_plain(chunk, a, b, out);
        }
    }

    /// Final pass (§9.4): token sequences equal to a special case that the chunk-level
    /// lookups could not see (e.g. split by affix rules) are replaced by its sub-tokens.
    fn merge_span_cases(&self, text: &str, tokens: Vec<RawToken>) -> Vec<RawToken> {
        let cases = &self.span_cases;
        if cases.seqs.is_empty() {
            return tokens;
        }
        let mut matches: Vec<(usize, usize)> = Vec::new();
        for (i, t) in tokens.iter().enumerate() {
            let Some(list) = cases.by_first.get(t.text.as_str()) else {
                continue;
            };
            for &si in list {
                let seq = &cases.seqs[si];
                let end = i + seq.len();
                if end <= tokens.len()
                    && seq.iter().zip(&tokens[i..end]).all(|(s, t)| **s == *t.text)
                {
                    matches.push((i, end));
                }
            }
        }
        if matches.is_empty() {
            return tokens;
        }
        matches.sort_unstable_by(|a, b| (b.1 - b.0).cmp(&(a.1 - a.0)).then(a.0.cmp(&b.0)));
        matches.dedup();
        let mut marked = vec![false; tokens.len()];
        let mut accepted: Vec<(usize, usize)> = Vec::new();
        for &(s, e) in &matches {
            if !marked[s] && !marked[e - 1] {
                accepted.push((s, e));
            }
            // spaCy marks the tokens of rejected matches too.
            for m in &mut marked[s..e] {
                *m = true;
            }
        }
        accepted.sort_unstable();

        let mut out = Vec::with_capacity(tokens.len());
        let mut tokens = tokens.into_iter().enumerate().peekable();
        let mut rebuilt = String::new();
        for (s, e) in accepted {
            while let Some((i, _)) = tokens.peek() {
                if *i >= s {
                    break;
                }
                out.push(tokens.next().map(|(_, t)| t).expect("peeked"));
            }
            let span: Vec<RawToken> = tokens.by_ref().take(e - s).map(|(_, t)| t).collect();
            rebuilt.clear();
            for (k, t) in span.iter().enumerate() {
                rebuilt.push_str(&t.text);
                if t.whitespace && k + 1 < span.len() {
                    rebuilt.push(' ');
                }
            }
            match self.special(rebuilt.as_str()) {
                Some(subs) if !span.is_empty() => {
                    let first = &span[0];
                    let last_ws = span[span.len() - 1].whitespace;
                    let span_end = span[span.len() - 1].end;
                    let mut pieces = Vec::with_capacity(subs.len());
                    push_special(&rebuilt, 0, subs, &mut pieces);
                    let n = pieces.len();
                    for (k, p) in pieces.iter().enumerate() {
                        let start = (first.start + p.start).min(span_end);
                        let end = (first.start + p.end).min(span_end);
                        out.push(RawToken {
                            start,
                            end,
                            char_start: first.char_start + p.char_start,
                            char_end: first.char_start + p.char_start + p.char_len,
                            text: match &p.orth {
                                Some(o) => o.to_string(),
                                None => text.get(start..end).unwrap_or_default().to_string(),
                            },
                            norm_override: p.norm.as_ref().map(|n| n.to_string()),
                            whitespace: k + 1 == n && last_ws,
                        });
                    }
                }
                _ => out.extend(span),
            }
        }
        out.extend(tokens.map(|(_, t)| t));
        out
    }
}

/// Builds the sub-token table of one special case. ORTHs are expected to spell the key; if
/// they ever do not, sub-tokens are laid out by ORTH length clipped to the key and the last
/// one is stretched to its end, so offsets stay inside the covered text.
fn special_subs(key: &str, parsed: Vec<(String, Option<Arc<str>>)>) -> Arc<[SpecialSub]> {
    let concat: String = parsed.iter().map(|(o, _)| o.as_str()).collect();
    let exact = concat == key;
    let n = parsed.len();
    let mut pos = 0usize;
    let mut subs = Vec::with_capacity(n);
    for (i, (orth, norm)) in parsed.into_iter().enumerate() {
        let (start, end) = if exact {
            (pos, pos + orth.len())
        } else {
            let s = floor_char_boundary(key, pos.min(key.len()));
            let e = if i + 1 == n {
                key.len()
            } else {
                floor_char_boundary(key, (pos + orth.len()).min(key.len()))
            };
            (s, e.max(s))
        };
        pos += orth.len();
        subs.push(SpecialSub {
            orth_is_slice: exact,
            orth: Arc::from(orth.as_str()),
            norm,
            start,
            end,
        });
    }
    subs.into()
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Code-point offset of byte `a` in `chunk`, counted on from the previous piece (pieces are
/// pushed left to right), so long chunks with many pieces stay linear.
fn char_pos(chunk: &str, out: &[Piece], a: usize) -> usize {
    match out.last() {
        Some(p) if p.end <= a => p.char_start + p.char_len + chunk[p.end..a].chars().count(),
        _ => chunk[..a].chars().count(),
    }
}

fn push_plain(chunk: &str, a: usize, b: usize, out: &mut Vec<Piece>) {
    out.push(Piece {
        start: a,
        end: b,
        char_start: char_pos(chunk, out, a),
        char_len: chunk[a..b].chars().count(),
        orth: None,
        norm: None,
    });
}

fn push_special(chunk: &str, base: usize, subs: &[SpecialSub], out: &mut Vec<Piece>) {
    let base_c = char_pos(chunk, out, base);
    let key_end = subs.last().map_or(base, |s| base + s.end);
    let key = &chunk[base..key_end.min(chunk.len())];
    for sub in subs {
        let slice = key.get(sub.start..sub.end).unwrap_or("");
        out.push(Piece {
            start: base + sub.start,
            end: base + sub.end,
            char_start: base_c + key.get(..sub.start).map_or(0, |p| p.chars().count()),
            char_len: slice.chars().count(),
            orth: (!sub.orth_is_slice).then(|| Arc::clone(&sub.orth)),
            norm: sub.norm.clone(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model() -> Option<Tokenizer> {
        let dir = crate::model_dir::find_model_dir(None)?;
        Some(Tokenizer::from_package_dir(&dir).expect("rules load"))
    }

    #[test]
    fn tokenizer_is_shareable_between_threads() {
        fn assert_sync<T: Send + Sync>() {}
        assert_sync::<Tokenizer>();
    }

    #[test]
    fn special_case_orths_spell_their_keys() {
        let Some(tok) = model() else {
            crate::model_dir::model_missing_in_test("the tokenizer special cases test");
            return;
        };
        for (key, subs) in &tok.specials {
            assert!(subs.iter().all(|s| s.orth_is_slice), "{key:?}");
        }
        // Without its DFA twin a pattern still works, but every lookup backtracks.
        for re in [&tok.prefix, &tok.suffix, &tok.infix, &tok.url] {
            assert!(re.as_ref().is_some_and(|r| r.filter.is_some()));
        }
        // spaCy records 366 of the 1,347 keys for the cross-token pass (some share a sequence).
        assert!(
            tok.span_cases.seqs.len() > 300,
            "{}",
            tok.span_cases.seqs.len()
        );
    }

    /// The filter-derived starting point must never skip a match the plain search finds.
    #[test]
    fn hinted_search_equals_plain_search() {
        let Some(tok) = model() else { return };
        let atoms = [
            "a", "Z", "5", ".", "..", "'", "'s", "’S", ")", "(", "\"", "km", "$", "US$", "°C", "%",
            "-", "—", ",", "…", "😀", "x.", "E.", "AB", "+", "^",
        ];
        let mut state = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..20_000 {
            let mut s = String::new();
            for _ in 0..(state % 9) {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                s.push_str(atoms[(state % atoms.len() as u64) as usize]);
            }
            state = state.wrapping_mul(0x9e37_79b9_7f4a_7c15).wrapping_add(1);
            for re in [&tok.prefix, &tok.suffix, &tok.infix].into_iter().flatten() {
                let plain = re
                    .exact
                    .find(&s)
                    .ok()
                    .flatten()
                    .map(|m| (m.start(), m.end()));
                assert_eq!(re.search(&s), plain, "{s:?}");
            }
        }
    }
}

/// Translation of the Python `re` subset used by spaCy's rules into Rust regex syntax.
mod pyre {
    /// Result of translating one Python pattern.
    pub struct Translated {
        /// Same language as the Python pattern, in `fancy-regex` syntax.
        pub exact: String,
        /// Look-around-free superset for the `regex` crate.
        pub filter: String,
    }

    #[derive(Debug, Clone)]
    enum ClassItem {
        Range(u32, u32),
        Digit,
        Word,
        Space,
    }

    #[derive(Debug, Clone)]
    enum Node {
        Empty,
        Lit(u32),
        Class {
            negated: bool,
            items: Vec<ClassItem>,
        },
        Start,
        End,
        Dot,
        Group(Box<Node>),
        Look {
            behind: bool,
            negative: bool,
            inner: Box<Node>,
        },
        Repeat {
            inner: Box<Node>,
            min: u32,
            max: Option<u32>,
            greedy: bool,
        },
        Concat(Vec<Node>),
        Alt(Vec<Node>),
    }

    /// Python `str.isspace()` code points, as class ranges.
    const PY_SPACE: &[(u32, u32)] = &[
        (0x9, 0xd),
        (0x1c, 0x20),
        (0x85, 0x85),
        (0xa0, 0xa0),
        (0x1680, 0x1680),
        (0x2000, 0x200a),
        (0x2028, 0x2029),
        (0x202f, 0x202f),
        (0x205f, 0x205f),
        (0x3000, 0x3000),
    ];

    struct Parser {
        s: Vec<char>,
        i: usize,
    }

    pub fn translate(pattern: &str) -> Result<Translated, String> {
        let mut p = Parser {
            s: pattern.chars().collect(),
            i: 0,
        };
        let node = p.alt()?;
        if p.i != p.s.len() {
            return Err(format!("unbalanced ')' at {}", p.i));
        }
        let mut exact = String::new();
        emit(&node, &mut exact);
        let relaxed = relax_top(node);
        let mut filter = String::new();
        emit(&relaxed, &mut filter);
        Ok(Translated { exact, filter })
    }

    impl Parser {
        fn peek(&self) -> Option<char> {
            self.s.get(self.i).copied()
        }
        fn peek_at(&self, k: usize) -> Option<char> {
            self.s.get(self.i + k).copied()
        }
        fn next(&mut self) -> Result<char, String> {
            let c = self.peek().ok_or("unexpected end of pattern")?;
            self.i += 1;
            Ok(c)
        }

        fn alt(&mut self) -> Result<Node, String> {
            let mut branches = vec![self.concat()?];
            while self.peek() == Some('|') {
                self.i += 1;
                branches.push(self.concat()?);
            }
            Ok(if branches.len() == 1 {
                branches.pop().unwrap_or(Node::Empty)
            } else {
                Node::Alt(branches)
            })
        }

        fn concat(&mut self) -> Result<Node, String> {
            let mut items = Vec::new();
            while let Some(c) = self.peek() {
                if c == '|' || c == ')' {
                    break;
                }
                let mut atom = self.atom()?;
                while let Some((min, max)) = self.quantifier()? {
                    let greedy = if self.peek() == Some('?') {
                        self.i += 1;
                        false
                    } else {
                        true
                    };
                    atom = Node::Repeat {
                        inner: Box::new(atom),
                        min,
                        max,
                        greedy,
                    };
                }
                items.push(atom);
            }
            Ok(match items.len() {
                0 => Node::Empty,
                1 => items.pop().unwrap_or(Node::Empty),
                _ => Node::Concat(items),
            })
        }

        fn quantifier(&mut self) -> Result<Option<(u32, Option<u32>)>, String> {
            let q = match self.peek() {
                Some('*') => (0, None),
                Some('+') => (1, None),
                Some('?') => (0, Some(1)),
                Some('{') => {
                    // Python treats a '{' that does not start a valid repeat as a literal.
                    let rest: String = self.s[self.i + 1..].iter().take(24).collect();
                    let Some(close) = rest.find('}') else {
                        return Ok(None);
                    };
                    let body = &rest[..close];
                    let parse = |t: &str| t.parse::<u32>().ok();
                    let q = match body.split_once(',') {
                        None => parse(body).map(|n| (n, Some(n))),
                        Some((a, b)) => {
                            let lo = if a.is_empty() { Some(0) } else { parse(a) };
                            let hi = if b.is_empty() {
                                Some(None)
                            } else {
                                parse(b).map(Some)
                            };
                            lo.zip(hi)
                        }
                    };
                    match q {
                        Some(q) => {
                            self.i += body.chars().count() + 1;
                            q
                        }
                        None => return Ok(None),
                    }
                }
                _ => return Ok(None),
            };
            self.i += 1;
            Ok(Some(q))
        }

        fn atom(&mut self) -> Result<Node, String> {
            let c = self.next()?;
            match c {
                '(' => self.group(),
                '[' => self.class(),
                '^' => Ok(Node::Start),
                '$' => Ok(Node::End),
                '.' => Ok(Node::Dot),
                '\\' => self.escape(false).map(|e| match e {
                    Esc::Char(c) => Node::Lit(c),
                    Esc::Class(item, negated) => Node::Class {
                        negated,
                        items: vec![item],
                    },
                }),
                '*' | '+' | '?' => Err(format!("nothing to repeat at {}", self.i - 1)),
                c => Ok(Node::Lit(c as u32)),
            }
        }

        fn group(&mut self) -> Result<Node, String> {
            if self.peek() != Some('?') {
                let inner = self.alt()?;
                self.expect(')')?;
                return Ok(Node::Group(Box::new(inner)));
            }
            self.i += 1;
            let look = match (self.peek(), self.peek_at(1)) {
                (Some(':'), _) => None,
                (Some('='), _) => Some((false, false)),
                (Some('!'), _) => Some((false, true)),
                (Some('<'), Some('=')) => Some((true, false)),
                (Some('<'), Some('!')) => Some((true, true)),
                (Some('u'), _) => {
                    // Global Unicode flag: the default for str patterns already.
                    while self.peek().is_some_and(|c| c.is_ascii_alphabetic()) {
                        if self.peek() != Some('u') {
                            return Err("unsupported inline flag".into());
                        }
                        self.i += 1;
                    }
                    self.expect(')')?;
                    return Ok(Node::Empty);
                }
                _ => return Err(format!("unsupported group syntax at {}", self.i)),
            };
            match look {
                None => {
                    self.i += 1;
                    let inner = self.alt()?;
                    self.expect(')')?;
                    Ok(Node::Group(Box::new(inner)))
                }
                Some((behind, negative)) => {
                    self.i += if behind { 2 } else { 1 };
                    let inner = self.alt()?;
                    self.expect(')')?;
                    Ok(Node::Look {
                        behind,
                        negative,
                        inner: Box::new(inner),
                    })
                }
            }
        }

        fn expect(&mut self, c: char) -> Result<(), String> {
            if self.peek() == Some(c) {
                self.i += 1;
                Ok(())
            } else {
                Err(format!("expected '{c}' at {}", self.i))
            }
        }

        /// Parses a character class following Python's `sre_parse` rules: ']' first is literal,
        /// '-' first or last is literal, '[' and '|' inside are plain characters.
        fn class(&mut self) -> Result<Node, String> {
            let mut negated = false;
            if self.peek() == Some('^') {
                negated = true;
                self.i += 1;
            }
            let mut items = Vec::new();
            let mut first = true;
            loop {
                let c = self.next()?;
                if c == ']' && !first {
                    break;
                }
                first = false;
                let code1 = if c == '\\' {
                    self.escape(true)?
                } else {
                    Esc::Char(c as u32)
                };
                if self.peek() == Some('-') {
                    self.i += 1;
                    let that = self.next()?;
                    if that == ']' {
                        push_esc(&mut items, code1)?;
                        items.push(ClassItem::Range('-' as u32, '-' as u32));
                        break;
                    }
                    let code2 = if that == '\\' {
                        self.escape(true)?
                    } else {
                        Esc::Char(that as u32)
                    };
                    match (code1, code2) {
                        (Esc::Char(lo), Esc::Char(hi)) if lo <= hi => {
                            items.push(ClassItem::Range(lo, hi))
                        }
                        _ => return Err(format!("bad character range at {}", self.i)),
                    }
                } else {
                    push_esc(&mut items, code1)?;
                }
            }
            Ok(Node::Class { negated, items })
        }

        fn hex(&mut self, n: usize) -> Result<u32, String> {
            let mut v = 0u32;
            for _ in 0..n {
                let d = self
                    .next()?
                    .to_digit(16)
                    .ok_or_else(|| format!("bad hex escape at {}", self.i))?;
                v = v * 16 + d;
            }
            if v > 0x10ffff {
                return Err("escape beyond U+10FFFF".into());
            }
            Ok(v)
        }

        fn escape(&mut self, in_class: bool) -> Result<Esc, String> {
            let c = self.next()?;
            Ok(match c {
                'u' => Esc::Char(self.hex(4)?),
                'U' => Esc::Char(self.hex(8)?),
                'x' => Esc::Char(self.hex(2)?),
                'n' => Esc::Char(0xa),
                't' => Esc::Char(0x9),
                'r' => Esc::Char(0xd),
                'f' => Esc::Char(0xc),
                'v' => Esc::Char(0xb),
                'a' => Esc::Char(0x7),
                'd' => Esc::Class(ClassItem::Digit, false),
                'D' => Esc::Class(ClassItem::Digit, true),
                'w' => Esc::Class(ClassItem::Word, false),
                'W' => Esc::Class(ClassItem::Word, true),
                's' => Esc::Class(ClassItem::Space, false),
                'S' => Esc::Class(ClassItem::Space, true),
                'b' if in_class => Esc::Char(0x8),
                c if c.is_ascii_alphanumeric() => {
                    return Err(format!("unsupported escape \\{c} at {}", self.i))
                }
                c => Esc::Char(c as u32),
            })
        }
    }

    enum Esc {
        Char(u32),
        Class(ClassItem, bool),
    }

    fn push_esc(items: &mut Vec<ClassItem>, e: Esc) -> Result<(), String> {
        match e {
            Esc::Char(c) => items.push(ClassItem::Range(c, c)),
            Esc::Class(item, false) => items.push(item),
            // A negated shorthand inside a class would need set union with a complement.
            Esc::Class(_, true) => return Err("negated shorthand inside a class".into()),
        }
        Ok(())
    }

    /// Look-around-free superset: a positive look-behind that opens a top-level branch and a
    /// positive look-ahead that closes one become consuming groups (match existence is then
    /// unchanged); every other look-around is dropped (superset).
    fn relax_top(node: Node) -> Node {
        match node {
            Node::Alt(branches) => Node::Alt(branches.into_iter().map(relax_branch).collect()),
            other => relax_branch(other),
        }
    }

    fn relax_branch(node: Node) -> Node {
        let mut items = match node {
            Node::Concat(items) => items,
            other => vec![other],
        };
        let n = items.len();
        for (k, item) in items.iter_mut().enumerate() {
            let taken = std::mem::replace(item, Node::Empty);
            *item = match taken {
                Node::Look {
                    behind: true,
                    negative: false,
                    inner,
                } if k == 0 => Node::Group(Box::new(relax(*inner))),
                Node::Look {
                    behind: false,
                    negative: false,
                    inner,
                } if k + 1 == n => Node::Group(Box::new(relax(*inner))),
                other => relax(other),
            };
        }
        Node::Concat(items)
    }

    fn relax(node: Node) -> Node {
        match node {
            Node::Look { .. } => Node::Empty,
            Node::Group(inner) => Node::Group(Box::new(relax(*inner))),
            Node::Repeat {
                inner,
                min,
                max,
                greedy,
            } => Node::Repeat {
                inner: Box::new(relax(*inner)),
                min,
                max,
                greedy,
            },
            Node::Concat(items) => Node::Concat(items.into_iter().map(relax).collect()),
            Node::Alt(items) => Node::Alt(items.into_iter().map(relax).collect()),
            other => other,
        }
    }

    fn emit_char(c: u32, out: &mut String) {
        use std::fmt::Write;
        let _ = write!(out, "\\x{{{c:X}}}");
    }

    /// Emits class ranges, skipping surrogate code points (they cannot occur in a `str`).
    fn emit_range(lo: u32, hi: u32, out: &mut String) {
        let parts = [(lo, hi.min(0xd7ff)), (lo.max(0xe000), hi)];
        for (a, b) in parts {
            if a > b {
                continue;
            }
            emit_char(a, out);
            if b > a {
                out.push('-');
                emit_char(b, out);
            }
        }
    }

    fn emit_items(items: &[ClassItem], out: &mut String) {
        for item in items {
            match item {
                ClassItem::Range(a, b) => emit_range(*a, *b, out),
                ClassItem::Digit => out.push_str("\\p{Nd}"),
                // Python's \w is str.isalnum() or '_' = categories L* and N* plus '_'.
                ClassItem::Word => out.push_str("\\p{L}\\p{N}_"),
                ClassItem::Space => {
                    for &(a, b) in PY_SPACE {
                        emit_range(a, b, out);
                    }
                }
            }
        }
    }

    fn emit(node: &Node, out: &mut String) {
        match node {
            Node::Empty => {}
            Node::Lit(c) => {
                if (0xd800..=0xdfff).contains(c) {
                    out.push_str("[^\\x{0}-\\x{10FFFF}]");
                } else {
                    emit_char(*c, out);
                }
            }
            Node::Class { negated, items } => {
                // An empty class (possible after dropping surrogates) must still never match.
                let mut body = String::new();
                emit_items(items, &mut body);
                match (body.is_empty(), negated) {
                    (true, false) => out.push_str("[^\\x{0}-\\x{10FFFF}]"),
                    (true, true) => out.push_str("[\\x{0}-\\x{10FFFF}]"),
                    (false, neg) => {
                        out.push('[');
                        if *neg {
                            out.push('^');
                        }
                        out.push_str(&body);
                        out.push(']');
                    }
                }
            }
            Node::Start => out.push('^'),
            Node::End => out.push('$'),
            Node::Dot => out.push('.'),
            Node::Group(inner) => {
                out.push_str("(?:");
                emit(inner, out);
                out.push(')');
            }
            Node::Look {
                behind,
                negative,
                inner,
            } => {
                out.push_str(match (behind, negative) {
                    (false, false) => "(?=",
                    (false, true) => "(?!",
                    (true, false) => "(?<=",
                    (true, true) => "(?<!",
                });
                emit(inner, out);
                out.push(')');
            }
            Node::Repeat {
                inner,
                min,
                max,
                greedy,
            } => {
                out.push_str("(?:");
                emit(inner, out);
                out.push(')');
                match (min, max) {
                    (0, None) => out.push('*'),
                    (1, None) => out.push('+'),
                    (0, Some(1)) => out.push('?'),
                    (m, None) => out.push_str(&format!("{{{m},}}")),
                    (m, Some(n)) if m == n => out.push_str(&format!("{{{m}}}")),
                    (m, Some(n)) => out.push_str(&format!("{{{m},{n}}}")),
                }
                if !greedy {
                    out.push('?');
                }
            }
            Node::Concat(items) => {
                for item in items {
                    emit(item, out);
                }
            }
            Node::Alt(items) => {
                for (k, item) in items.iter().enumerate() {
                    if k > 0 {
                        out.push('|');
                    }
                    // Branches are grouped so an empty branch or a trailing anchor stays local.
                    out.push_str("(?:");
                    emit(item, out);
                    out.push(')');
                }
            }
        }
    }

    #[cfg(test)]
    mod tests {
        use super::translate;

        fn py(p: &str) -> fancy_regex::Regex {
            fancy_regex::Regex::new(&translate(p).unwrap().exact).unwrap()
        }

        #[test]
        fn class_quirks_follow_python() {
            // '|', '(' and '[' are plain members; a trailing '-' is literal.
            let re = py(r"^[a|(\[-]$");
            for s in ["a", "|", "(", "[", "-"] {
                assert!(re.is_match(s).unwrap(), "{s}");
            }
            assert!(!re.is_match("b").unwrap());
            // "&&" and "--" are set operations in Rust classes but plain characters in Python.
            let re = py(r"^[&&x]$");
            assert!(re.is_match("&").unwrap());
            let re = py(r"^[\u0041-\u0043\U0001F600]+$");
            assert!(re.is_match("AB😀C").unwrap());
        }

        #[test]
        fn leftmost_first_alternation() {
            let re = py("^…|^……");
            assert_eq!(re.find("……x").unwrap().unwrap().end(), "…".len());
        }

        #[test]
        fn filter_is_superset_for_lookbehind_branches() {
            let t = translate(r"(?<=[0-9])km$|\.$").unwrap();
            let f = regex::Regex::new(&t.filter).unwrap();
            assert!(f.is_match("5km"));
            assert!(!f.is_match("akm"));
            assert!(f.is_match("a."));
        }
    }
}
