//! The answer-key format (`../shared/eval/README.md`) and a scorer that computes exactly what
//! `score.py` computes: the same name folding, the same greedy matching, the same micro averages.

mod answer;
mod score;

pub use answer::*;
pub use score::*;
