//! Transforms: Mosaic's extraction pipeline over a [`Document`].
//!
//! Stages run in order — segment, parse (native spaCy model, when installed), time, recognise
//! mentions, resolve actors, roles, events — each annotating the document with spans.
//! Extraction never fails: it returns the document plus diagnostics.

mod answer;
pub mod stages;
mod words;
mod work;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

pub use answer::to_answer;
use mosaic_core::{ArticleMeta, Document, Severity};
use mosaic_kb::KnowledgeBase;
use mosaic_nlp::pipeline::Pipeline as NlpPipeline;
pub use stages::segment::split as split_sentences;

use crate::work::Work;

/// Bumped whenever a stage changes what it extracts, so stores can tell stale extractions.
pub const PIPELINE_VERSION: &str = concat!("mosaic-", env!("CARGO_PKG_VERSION"), "+rules.1");

/// Options for building an [`Extractor`].
#[derive(Clone, Debug, Default)]
pub struct ExtractOptions {
    /// Where the spaCy model package lives (else `MOSAIC_MODELS`, else `./models`).
    pub models: Option<PathBuf>,
    /// Run on rules alone even when the model is installed.
    pub rules_only: bool,
}

/// The extraction pipeline, loaded once and reused for every article.
pub struct Extractor {
    kb: &'static KnowledgeBase,
    nlp: Option<NlpPipeline>,
    /// Why the statistical model is not in use, when it is not.
    pub model_note: Option<String>,
    /// What loading each part took.
    pub load_times: LoadTimes,
}

/// Start-up cost of an [`Extractor`], part by part.
#[derive(Clone, Copy, Debug, Default)]
pub struct LoadTimes {
    /// The knowledge base (compiled in, built on first use).
    pub knowledge_base: Duration,
    /// The spaCy model's weights.
    pub model: Duration,
    /// The event coder's vocabularies: CAMEO verbs, Phoenix agents, lexicon, word lists.
    pub event_dictionaries: Duration,
}

impl Extractor {
    pub fn new(options: &ExtractOptions) -> Extractor {
        let mut load_times = LoadTimes::default();
        let t = Instant::now();
        let kb = KnowledgeBase::embedded();
        load_times.knowledge_base = t.elapsed();
        let t = Instant::now();
        stages::events::preload();
        load_times.event_dictionaries = t.elapsed();
        if options.rules_only {
            return Extractor {
                kb,
                nlp: None,
                model_note: Some("statistical model disabled (--rules-only)".into()),
                load_times,
            };
        }
        let t = Instant::now();
        let (nlp, model_note) =
            match mosaic_nlp::model_dir::find_model_dir(options.models.as_deref()) {
                None => (
                    None,
                    Some(format!(
                        "spaCy model not installed; running on rules. {}",
                        mosaic_nlp::model_dir::INSTALL_HINT
                    )),
                ),
                Some(dir) => match NlpPipeline::load(&dir) {
                    Ok(p) => (Some(p), None),
                    Err(e) => (
                        None,
                        Some(format!(
                            "cannot load the spaCy model from {}: {e}; running on rules",
                            dir.display()
                        )),
                    ),
                },
            };
        load_times.model = t.elapsed();
        Extractor {
            kb,
            nlp,
            model_note,
            load_times,
        }
    }

    pub fn uses_model(&self) -> bool {
        self.nlp.is_some()
    }

    pub fn model_dir_hint(dir: Option<&Path>) -> Option<PathBuf> {
        mosaic_nlp::model_dir::find_model_dir(dir)
    }

    /// Runs every stage over one article's cleaned text.
    pub fn extract(&self, meta: ArticleMeta, text: String) -> Document {
        self.annotate(Document::new(meta, text))
    }

    /// Runs every stage over a document that holds only its text (and ingest diagnostics).
    pub fn annotate(&self, doc: Document) -> Document {
        self.annotate_timed(doc, &mut StageTimes::default())
    }

    /// [`Self::annotate`], adding each stage's wall time to `times`.
    pub fn annotate_timed(&self, doc: Document, times: &mut StageTimes) -> Document {
        let mut w = Work::new(doc, self.kb);
        let mut clock = Instant::now();
        let mut lap = |name: &'static str, times: &mut StageTimes| {
            let now = Instant::now();
            times.add(name, now - clock);
            clock = now;
        };
        stages::segment::segment(&mut w.doc);
        lap("segment", times);
        if let Some(nlp) = &self.nlp {
            w.parse = Some(parse_by_paragraph(nlp, &w.doc.text));
            attach_tokens(&mut w);
        } else {
            w.doc.tokens = stages::events::fallback::rule_tokens(&w.doc);
            if let Some(note) = &self.model_note {
                w.doc.diagnose("parse", Severity::Info, note.clone(), None);
            }
        }
        lap("parse", times);
        stages::time::annotate_times(&mut w);
        lap("time", times);
        stages::recognise::recognise(&mut w);
        lap("recognise", times);
        stages::resolve::resolve(&mut w);
        lap("resolve", times);
        stages::roles::extract_roles(&mut w);
        lap("roles", times);
        stages::describe::link(&mut w);
        lap("describe", times);
        stages::events::code_events(&mut w.doc, w.kb);
        lap("events", times);
        w.doc
    }
}

/// Accumulated wall time per stage, in pipeline order.
#[derive(Clone, Debug, Default)]
pub struct StageTimes {
    pub stages: Vec<(&'static str, Duration)>,
}

impl StageTimes {
    fn add(&mut self, name: &'static str, d: Duration) {
        match self.stages.iter_mut().find(|(n, _)| *n == name) {
            Some((_, total)) => *total += d,
            None => self.stages.push((name, d)),
        }
    }
}

/// Parses each line (paragraph) on its own, so that no dependency arc or entity crosses a
/// paragraph break: news copy puts headlines, bylines and paragraphs on separate lines without
/// final punctuation, and a whole-document parse would run a headline into the first sentence.
fn parse_by_paragraph(nlp: &NlpPipeline, text: &str) -> mosaic_nlp::pipeline::Parsed {
    // (byte offset, char offset, line) of every non-empty line, parsed as one batch.
    let mut lines: Vec<(usize, usize, &str)> = Vec::new();
    let (mut start, mut char_start) = (0, 0);
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        if !content.trim().is_empty() {
            lines.push((start, char_start, content));
        }
        start += line.len();
        char_start += line.chars().count();
    }
    let texts: Vec<&str> = lines.iter().map(|l| l.2).collect();
    let mut out = mosaic_nlp::pipeline::Parsed::default();
    for ((start, char_start, _), p) in lines.iter().zip(nlp.parse_many(&texts)) {
        let base = out.tokens.len();
        for mut t in p.tokens {
            t.start += start;
            t.end += start;
            t.char_start += char_start;
            t.char_end += char_start;
            t.head += base;
            out.tokens.push(t);
        }
        for mut e in p.ents {
            e.start += start;
            e.end += start;
            e.start_token += base;
            e.end_token += base;
            out.ents.push(e);
        }
    }
    out
}

/// Copies the parse's tokens into the document.
fn attach_tokens(w: &mut Work) {
    let Some(p) = &w.parse else { return };
    w.doc.tokens = p
        .tokens
        .iter()
        .map(|t| mosaic_core::Token {
            span: mosaic_core::Span::new(t.start, t.end),
            tag: t.tag.clone(),
            pos: t.pos.clone(),
            lemma: t.lemma.clone(),
            dep: t.dep.clone(),
            head: t.head,
            whitespace_after: t.whitespace,
        })
        .collect();
}
