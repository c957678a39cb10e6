//! The whole en_core_web_sm pipeline: tokenizer → features → tok2vec → tagger → parser →
//! attribute ruler → lemmatizer → NER (the NER has its own embedding copy and is constrained by
//! the parser's sentence starts), reproducing `nlp(text)` of spaCy 3.8 exactly.
//!
//! ```no_run
//! use mosaic_nlp::{model_dir::find_model_dir, pipeline::Pipeline};
//! let dir = find_model_dir(None).expect("run scripts/setup-model.sh");
//! let nlp = Pipeline::load(&dir).unwrap();
//! let doc = nlp.parse("Turkey and Iran signed a pact in Ankara on Friday.");
//! for e in &doc.ents {
//!     println!("{} {}", &"Turkey and Iran signed a pact in Ankara on Friday."[e.start..e.end], e.label);
//! }
//! let ents_only = nlp.entities("Turkey and Iran signed a pact."); // tokenizer + NER only
//! # let _ = ents_only;
//! ```

use std::path::Path;

mod attribute_ruler;
mod lemmatizer;

use attribute_ruler::{AttributeRuler, TokenAttrs};
use lemmatizer::Lemmatizer;

use crate::features::{py_is_space, FeatureExtractor, N_COLS};
use crate::ner::Ner;
use crate::parser::{ParseResult, Parser};
use crate::spacy_json::{SpacyDocView, SpacyEntView, SpacyTokenView};
use crate::tagger::Tagger;
use crate::tok2vec::{Tok2Vec, Tok2VecScratch};
use crate::tokenizer::{RawToken, Tokenizer, TokenizerError};
use crate::weights::{Model, WeightsError};

/// Texts longer than this (bytes) are analysed in pieces: all networks work on the whole
/// document at once with memory linear in its length (≈ 13 KB per token), so a pathological
/// multi-megabyte input would otherwise need gigabytes. Pieces end after a blank line (else a
/// line break, else a space) in the second half of the window, so ordinary news articles
/// (far below this size) are analysed whole, exactly as spaCy does.
pub const SEGMENT_BYTES: usize = 100_000;

/// Byte ranges covering `text`, each at most [`SEGMENT_BYTES`] long (unless a single character
/// run forces otherwise) and cut at a paragraph, line or word boundary where possible.
fn segments(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    while text.len() - start > SEGMENT_BYTES {
        let mut end = start + SEGMENT_BYTES;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let window = &text[start..end];
        let half = window.len() / 2;
        let cut = [
            window.rfind("\n\n").map(|i| i + 2),
            window.rfind('\n').map(|i| i + 1),
            window.rfind(' ').map(|i| i + 1),
        ]
        .into_iter()
        .flatten()
        .find(|&c| c > half)
        .unwrap_or(window.len());
        let cut = if cut == 0 { window.len() } else { cut };
        out.push((start, start + cut));
        start += cut;
    }
    if start < text.len() || out.is_empty() {
        out.push((start, text.len()));
    }
    out
}

/// Documents are batched together until the batch holds this many tokens: large enough for
/// efficient matrix products, small enough to keep memory modest.
const BATCH_TOKENS: usize = 4096;

/// Consecutive index ranges of `docs` whose token counts add up to about [`BATCH_TOKENS`].
fn batches(docs: &[Vec<RawToken>]) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut tokens = 0;
    for (i, d) in docs.iter().enumerate() {
        if i > start && tokens + d.len() > BATCH_TOKENS {
            out.push(start..i);
            start = i;
            tokens = 0;
        }
        tokens += d.len();
    }
    if start < docs.len() {
        out.push(start..docs.len());
    }
    out
}

/// Errors while loading the pipeline.
#[derive(Debug, thiserror::Error)]
pub enum NlpError {
    /// A weight or table file is missing or malformed.
    #[error(transparent)]
    Weights(#[from] WeightsError),
    /// The tokenizer rules could not be loaded.
    #[error(transparent)]
    Tokenizer(#[from] TokenizerError),
    /// The package directory does not look like en_core_web_sm.
    #[error("{0}")]
    Package(String),
}

/// A token as fed to the networks: exactly what the tokenizer produces.
pub type InputToken = RawToken;

/// Result of [`Pipeline::parse`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Parsed {
    /// Tokens in order.
    pub tokens: Vec<ParsedToken>,
    /// Entities in order.
    pub ents: Vec<ParsedEnt>,
}

/// One annotated token.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParsedToken {
    /// Byte offsets into the text.
    pub start: usize,
    /// End byte offset (exclusive).
    pub end: usize,
    /// Code-point offsets into the text.
    pub char_start: usize,
    /// End code-point offset (exclusive).
    pub char_end: usize,
    /// Token text.
    pub text: String,
    /// Followed by one space.
    pub whitespace: bool,
    /// Fine-grained (Penn) tag.
    pub tag: String,
    /// Coarse universal POS (from spaCy's attribute ruler rules).
    pub pos: String,
    /// Lemma (attribute ruler, then the rule lemmatizer).
    pub lemma: String,
    /// Dependency label ("ROOT" for roots).
    pub dep: String,
    /// Head token index; a root is its own head.
    pub head: usize,
    /// First token of a sentence.
    pub sent_start: bool,
}

/// One entity.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParsedEnt {
    /// First token index.
    pub start_token: usize,
    /// One past the last token index.
    pub end_token: usize,
    /// Byte offset of the entity start.
    pub start: usize,
    /// Byte offset of the entity end (exclusive).
    pub end: usize,
    /// Label, e.g. "GPE".
    pub label: String,
}

/// The loaded pipeline (immutable, shareable across threads).
pub struct Pipeline {
    tokenizer: Tokenizer,
    features: FeatureExtractor,
    tok2vec: Tok2Vec,
    tagger: Tagger,
    parser: Parser,
    ner: Ner,
    ruler: AttributeRuler,
    lemmatizer: Lemmatizer,
}

impl std::fmt::Debug for Pipeline {
    // The weights are megabytes of floats; show the structure only.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pipeline")
            .field("tokenizer", &self.tokenizer)
            .field("tok2vec", &self.tok2vec)
            .field("tagger", &self.tagger)
            .field("parser", &self.parser)
            .field("ner", &self.ner)
            .finish_non_exhaustive()
    }
}

/// Per-token inputs shared by all components.
struct Prepared {
    feats: Vec<u64>,
    is_space: Vec<bool>,
}

impl Pipeline {
    /// Loads the tokenizer and all weights from an unpacked en_core_web_sm 3.8.0 package
    /// directory (see [`crate::model_dir::find_model_dir`]).
    pub fn load(package_dir: &Path) -> Result<Pipeline, NlpError> {
        if !package_dir.join("config.cfg").is_file() {
            return Err(NlpError::Package(format!(
                "{} is not a spaCy package directory (no config.cfg)",
                package_dir.display()
            )));
        }
        let tokenizer = Tokenizer::from_package_dir(package_dir)?;
        let features = FeatureExtractor::from_package_dir(package_dir)?;
        let tok2vec =
            Tok2Vec::from_model(&Model::load(&package_dir.join("tok2vec").join("model"))?)?;
        if tok2vec.n_cols() != N_COLS {
            return Err(NlpError::Package(format!(
                "tok2vec reads {} feature columns, expected {N_COLS}",
                tok2vec.n_cols()
            )));
        }
        let tagger = Tagger::from_package_dir(package_dir, tok2vec.width())?;
        let parser = Parser::from_package_dir(package_dir, tok2vec.width())?;
        let ner = Ner::from_package_dir(package_dir)?;
        let ruler = AttributeRuler::from_package_dir(package_dir)?;
        let lemmatizer = Lemmatizer::from_package_dir(package_dir)?;
        if ner.n_cols() > N_COLS {
            return Err(NlpError::Package(
                "NER reads more feature columns than computed".into(),
            ));
        }
        Ok(Pipeline {
            tokenizer,
            features,
            tok2vec,
            tagger,
            parser,
            ner,
            ruler,
            lemmatizer,
        })
    }

    /// Tokenizes, tags, parses, applies the attribute rules and lemmatizer, and recognizes
    /// entities, exactly as `nlp(text)` with en_core_web_sm. Texts over [`SEGMENT_BYTES`] are
    /// analysed in paragraph-aligned pieces (see there). Never panics; an internal failure
    /// (a bug) yields an empty result.
    pub fn parse(&self, text: &str) -> Parsed {
        self.parse_many(&[text]).pop().unwrap_or_default()
    }

    /// [`Pipeline::parse`] for many texts at once, with the same result per text. Short texts
    /// (paragraphs, headlines) are much faster this way: their tokens share the matrix products
    /// (see [`Tok2Vec::forward_batch`]).
    pub fn parse_many(&self, texts: &[&str]) -> Vec<Parsed> {
        // The code is written not to panic; this is the last line of defence for the promise,
        // since callers run it over arbitrary scraped text.
        let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            self.parse_many_with_morph(texts)
                .into_iter()
                .map(|(p, _)| p)
                .collect::<Vec<_>>()
        }));
        run.unwrap_or_else(|_| vec![Parsed::default(); texts.len()])
    }

    /// Tokenizer + NER only (the NER has its own embeddings, so tok2vec/tagger/parser are
    /// skipped; without parser sentence starts, entities may cross sentence boundaries exactly as
    /// in a spaCy pipeline without parser). This is the fast path when only entities are needed.
    pub fn entities(&self, text: &str) -> Vec<ParsedEnt> {
        self.entities_many(&[text]).pop().unwrap_or_default()
    }

    /// [`Pipeline::entities`] for many texts at once.
    pub fn entities_many(&self, texts: &[&str]) -> Vec<Vec<ParsedEnt>> {
        let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let (owners, segs) = self.segment_all(texts);
            let mut out: Vec<Vec<ParsedEnt>> = vec![Vec::new(); texts.len()];
            let mut base = vec![0usize; texts.len()];
            for group in batches(&segs) {
                let docs: Vec<&[RawToken]> = group.clone().map(|i| segs[i].as_slice()).collect();
                for (i, ents) in group.zip(self.annotate_entities_batch(&docs)) {
                    let d = owners[i];
                    out[d].extend(ents.into_iter().map(|mut e| {
                        e.start_token += base[d];
                        e.end_token += base[d];
                        e
                    }));
                    base[d] += segs[i].len();
                }
            }
            out
        }));
        run.unwrap_or_else(|_| vec![Vec::new(); texts.len()])
    }

    /// Segments of all texts (tokenized, offsets relative to their text) and the text each
    /// belongs to.
    fn segment_all(&self, texts: &[&str]) -> (Vec<usize>, Vec<Vec<RawToken>>) {
        let mut owners = Vec::new();
        let mut segs = Vec::new();
        for (d, text) in texts.iter().enumerate() {
            for tokens in self.segment_tokens(text) {
                owners.push(d);
                segs.push(tokens);
            }
        }
        (owners, segs)
    }

    /// Tokens of each segment of `text`, with offsets relative to the whole text.
    fn segment_tokens(&self, text: &str) -> Vec<Vec<RawToken>> {
        let mut out = Vec::new();
        let mut chars_before = 0;
        let mut prev = 0;
        for (a, b) in segments(text) {
            chars_before += text[prev..a].chars().count();
            let mut tokens = self.tokenizer.tokenize(&text[a..b]);
            for t in &mut tokens {
                t.start += a;
                t.end += a;
                t.char_start += chars_before;
                t.char_end += chars_before;
            }
            out.push(tokens);
            prev = a;
        }
        out
    }

    fn parse_many_with_morph(&self, texts: &[&str]) -> Vec<(Parsed, Vec<String>)> {
        let (owners, segs) = self.segment_all(texts);
        let mut out: Vec<(Parsed, Vec<String>)> = vec![Default::default(); texts.len()];
        for group in batches(&segs) {
            let docs: Vec<&[RawToken]> = group.clone().map(|i| segs[i].as_slice()).collect();
            for (i, (p, m)) in group.zip(self.annotate_batch(&docs)) {
                let (parsed, morphs) = &mut out[owners[i]];
                let t0 = parsed.tokens.len();
                parsed.tokens.extend(p.tokens.into_iter().map(|mut t| {
                    t.head += t0;
                    t
                }));
                parsed.ents.extend(p.ents.into_iter().map(|mut e| {
                    e.start_token += t0;
                    e.end_token += t0;
                    e
                }));
                morphs.extend(m);
            }
        }
        out
    }

    /// The tokenizer alone.
    pub fn tokenize(&self, text: &str) -> Vec<RawToken> {
        self.tokenizer.tokenize(text)
    }

    fn prepare(&self, docs: &[&[InputToken]]) -> Prepared {
        let total: usize = docs.iter().map(|d| d.len()).sum();
        let mut feats = Vec::with_capacity(total * N_COLS);
        let mut is_space = Vec::with_capacity(total);
        for t in docs.iter().flat_map(|d| d.iter()) {
            feats.extend_from_slice(&self.features.token_features(
                &t.text,
                t.norm_override.as_deref(),
                t.whitespace,
            ));
            is_space.push(py_is_space(&t.text));
        }
        Prepared { feats, is_space }
    }

    /// The shared tok2vec output (spaCy's `doc.tensor`), N×96 row-major.
    pub fn tensor(&self, tokens: &[InputToken]) -> Vec<f32> {
        let p = self.prepare(&[tokens]);
        self.tok2vec
            .forward(&p.feats, N_COLS, &mut Tok2VecScratch::default())
    }

    /// The NER's private token vectors, N×96 row-major.
    pub fn ner_tensor(&self, tokens: &[InputToken]) -> Vec<f32> {
        let p = self.prepare(&[tokens]);
        self.ner
            .token_vectors(&p.feats, N_COLS, &mut Tok2VecScratch::default())
    }

    /// Runs tagger, parser, attribute ruler, lemmatizer and NER on already tokenized text.
    pub fn annotate(&self, tokens: &[InputToken]) -> Parsed {
        self.annotate_batch(&[tokens]).pop().unwrap_or_default().0
    }

    /// [`Pipeline::annotate`] for several documents at once (one matrix product per layer for
    /// all of them), plus each token's morphological features (UD string, "" if none), which
    /// only the spaCy JSON view needs.
    fn annotate_batch(&self, docs: &[&[InputToken]]) -> Vec<(Parsed, Vec<String>)> {
        let p = self.prepare(docs);
        let lens: Vec<usize> = docs.iter().map(|d| d.len()).collect();
        let total = p.is_space.len();
        let mut scratch = Tok2VecScratch::default();
        let x = self
            .tok2vec
            .forward_batch(&p.feats, N_COLS, &lens, &mut scratch);
        let tags = self.tagger.predict(&x, total);
        let parses = self.parser.parse_batch(&x, &lens, &p.is_space);
        let sent_starts: Vec<bool> = parses
            .iter()
            .flat_map(|r| r.sent_starts.iter().copied())
            .collect();
        let ents = self.ner.predict_batch(
            &p.feats,
            N_COLS,
            &lens,
            &p.is_space,
            &sent_starts,
            &mut scratch,
        );
        let mut out = Vec::with_capacity(docs.len());
        let mut offset = 0;
        for ((tokens, parse), ents) in docs.iter().zip(parses).zip(ents) {
            let range = offset..offset + tokens.len();
            offset += tokens.len();
            out.push(self.finish_doc(
                tokens,
                &tags[range.clone()],
                &p.is_space[range],
                parse,
                ents,
            ));
        }
        out
    }

    /// Attribute ruler and lemmatizer on one doc's network output, assembled into [`Parsed`].
    fn finish_doc(
        &self,
        tokens: &[InputToken],
        tags: &[usize],
        is_space: &[bool],
        parse: ParseResult,
        ents: Vec<crate::ner::Entity>,
    ) -> (Parsed, Vec<String>) {
        let labels = self.tagger.labels();
        let mut attrs: Vec<TokenAttrs> = tokens
            .iter()
            .enumerate()
            .map(|(i, t)| TokenAttrs {
                lower: t.text.to_lowercase(),
                is_space: is_space[i],
                tag: labels[tags[i]].clone(),
                dep: parse.labels[i].clone(),
                ..TokenAttrs::default()
            })
            .collect();
        self.ruler.apply(&mut attrs);
        let morphs: Vec<String> = attrs
            .iter()
            .map(|a| {
                if a.morph == "_" {
                    String::new()
                } else {
                    a.morph.clone()
                }
            })
            .collect();
        let out_tokens = tokens
            .iter()
            .zip(attrs)
            .enumerate()
            .map(|(i, (t, a))| ParsedToken {
                start: t.start,
                end: t.end,
                char_start: t.char_start,
                char_end: t.char_end,
                text: t.text.clone(),
                whitespace: t.whitespace,
                lemma: a
                    .lemma
                    .unwrap_or_else(|| self.lemmatizer.lemmatize(&t.text, &a.pos, &a.morph)),
                tag: a.tag,
                pos: a.pos,
                dep: a.dep,
                head: parse.heads[i],
                sent_start: parse.sent_starts[i],
            })
            .collect();
        let parsed = Parsed {
            tokens: out_tokens,
            ents: to_parsed_ents(tokens, ents),
        };
        (parsed, morphs)
    }

    /// The full analysis in the shape of spaCy's `doc.to_json()` (see
    /// [`crate::spacy_json::to_spacy_json`]), including MORPH, which [`Parsed`] does not carry.
    pub fn parse_spacy_view(&self, text: &str) -> SpacyDocView {
        let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let (parsed, morphs) = self
                .parse_many_with_morph(&[text])
                .pop()
                .unwrap_or_default();
            parsed.to_spacy_view_with_morph(Some(&morphs))
        }));
        run.unwrap_or_default()
    }

    /// Runs only the NER (with its own embeddings; no sentence-start constraint, as in a
    /// tokenizer+ner spaCy pipeline) on already tokenized text.
    pub fn annotate_entities(&self, tokens: &[InputToken]) -> Vec<ParsedEnt> {
        self.annotate_entities_batch(&[tokens])
            .pop()
            .unwrap_or_default()
    }

    fn annotate_entities_batch(&self, docs: &[&[InputToken]]) -> Vec<Vec<ParsedEnt>> {
        let p = self.prepare(docs);
        let lens: Vec<usize> = docs.iter().map(|d| d.len()).collect();
        let no_starts = vec![false; p.is_space.len()];
        let ents = self.ner.predict_batch(
            &p.feats,
            N_COLS,
            &lens,
            &p.is_space,
            &no_starts,
            &mut Tok2VecScratch::default(),
        );
        docs.iter()
            .zip(ents)
            .map(|(tokens, e)| to_parsed_ents(tokens, e))
            .collect()
    }

    /// Tag names of the tagger, in output order.
    pub fn tag_labels(&self) -> &[String] {
        self.tagger.labels()
    }

    /// Parser move names in output order (S, D, L-x, R-x, B-ROOT).
    pub fn parser_move_names(&self) -> Vec<String> {
        self.parser.move_names()
    }

    /// NER move names in output order.
    pub fn ner_move_names(&self) -> Vec<String> {
        self.ner.move_names()
    }
}

impl Parsed {
    /// The view [`crate::spacy_json::to_spacy_json`] serializes, without MORPH (use
    /// [`Pipeline::parse_spacy_view`] for a byte-exact spaCy comparison).
    pub fn to_spacy_view(&self) -> SpacyDocView {
        self.to_spacy_view_with_morph(None)
    }

    fn to_spacy_view_with_morph(&self, morphs: Option<&[String]>) -> SpacyDocView {
        let tokens = self
            .tokens
            .iter()
            .enumerate()
            .map(|(i, t)| SpacyTokenView {
                char_start: t.char_start,
                char_end: t.char_end,
                tag: Some(t.tag.clone()),
                pos: Some(t.pos.clone()),
                morph: morphs.and_then(|m| m.get(i).cloned()),
                lemma: Some(t.lemma.clone()),
                dep: Some(t.dep.clone()),
                head: Some(t.head),
            })
            .collect();
        SpacyDocView {
            tokens,
            ents: Some(
                self.ents
                    .iter()
                    .map(|e| SpacyEntView {
                        start: e.start_token,
                        end: e.end_token,
                        label: e.label.clone(),
                    })
                    .collect(),
            ),
            sent_starts: Some(
                self.tokens
                    .iter()
                    .enumerate()
                    .filter(|(_, t)| t.sent_start)
                    .map(|(i, _)| i)
                    .collect(),
            ),
        }
    }
}

fn to_parsed_ents(tokens: &[InputToken], ents: Vec<crate::ner::Entity>) -> Vec<ParsedEnt> {
    ents.into_iter()
        .filter(|e| e.start < e.end && e.end <= tokens.len())
        .map(|e| ParsedEnt {
            start_token: e.start,
            end_token: e.end,
            start: tokens[e.start].start,
            end: tokens[e.end - 1].end,
            label: e.label,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_texts_are_one_segment() {
        assert_eq!(segments(""), vec![(0, 0)]);
        assert_eq!(segments("a b"), vec![(0, 3)]);
    }

    #[test]
    fn long_texts_split_after_blank_lines() {
        let para = "word ".repeat(999) + "end.\n\n";
        let text = para.repeat(60);
        let segs = segments(&text);
        assert!(segs.len() > 1);
        assert_eq!(segs[0].0, 0);
        assert_eq!(segs.last().unwrap().1, text.len());
        for w in segs.windows(2) {
            assert_eq!(w[0].1, w[1].0);
            assert!(text[..w[0].1].ends_with("\n\n"));
        }
        for (a, b) in &segs {
            assert!(b - a <= SEGMENT_BYTES);
        }
        // No boundary at all: cut at a char boundary, never inside a code point.
        let text = "é".repeat(SEGMENT_BYTES);
        for (a, b) in segments(&text) {
            assert!(text.is_char_boundary(a) && text.is_char_boundary(b));
        }
    }
}
