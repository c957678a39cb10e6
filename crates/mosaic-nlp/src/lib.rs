//! Native inference of spaCy's `en_core_web_sm` 3.8.0, reading the weights straight from the
//! unpacked wheel. No Python at run time.
//!
//! Stages, in order: [`tokenizer`] → [`features`] (NORM/PREFIX/SUFFIX/SHAPE ids) → [`tok2vec`] →
//! [`tagger`], [`parser`] (sentence starts) → [`ner`]; [`pipeline`] wires them together.

pub mod features;
pub mod hash;
pub mod model_dir;
pub mod ner;
pub mod parser;
pub mod pipeline;
pub mod spacy_json;
pub mod tagger;
pub mod tok2vec;
pub mod tokenizer;
pub mod weights;
