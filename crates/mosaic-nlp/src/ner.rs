//! Named-entity recognizer of en_core_web_sm: its own Tok2Vec copy (4 feature columns), then a
//! greedy BILUO transition model (one move per token).

use std::path::Path;

use crate::parser::{load_moves, BestSoFar, Precomputed, StepBuffers, TransitionModel};
use crate::tok2vec::{has_avx2, Tok2Vec, Tok2VecScratch};
use crate::weights::{Model, WeightsError};

const BEGIN: u8 = 1;
const IN: u8 = 2;
const LAST: u8 = 3;
const UNIT: u8 = 4;
const OUT: u8 = 5;

/// One recognized entity, in token indices.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// Label, e.g. "ORG".
    pub label: String,
}

/// The loaded NER.
#[derive(Clone)]
pub struct Ner {
    tok2vec: Tok2Vec,
    net: TransitionModel,
    /// (move type, label index into `labels`; usize::MAX for the empty label).
    moves: Vec<(u8, usize)>,
    labels: Vec<String>,
}

impl std::fmt::Debug for Ner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Ner")
            .field("tok2vec", &self.tok2vec)
            .field("labels", &self.labels)
            .finish_non_exhaustive()
    }
}

impl Ner {
    /// Loads `ner/model` and `ner/moves` from the package directory.
    pub fn from_package_dir(dir: &Path) -> Result<Ner, WeightsError> {
        let model = Model::load(&dir.join("ner").join("model"))?;
        let tok2vec = Tok2Vec::from_model(&model)?;
        let net = TransitionModel::from_model(&model, tok2vec.width())?;
        let raw = load_moves(&dir.join("ner").join("moves"))?;
        let mut labels: Vec<String> = Vec::new();
        let mut moves = Vec::new();
        for (t, l) in raw {
            if !(BEGIN..=OUT).contains(&t) {
                return Err(model.error(format!("unknown NER move type {t}")));
            }
            let idx = if l.is_empty() {
                usize::MAX
            } else if let Some(i) = labels.iter().position(|x| *x == l) {
                i
            } else {
                labels.push(l);
                labels.len() - 1
            };
            moves.push((t, idx));
        }
        if moves.len() != net.n_classes() || net.n_feats() != 3 {
            return Err(model.error(format!(
                "NER has {} moves for {} outputs and {} features (expected 3)",
                moves.len(),
                net.n_classes(),
                net.n_feats()
            )));
        }
        Ok(Ner {
            tok2vec,
            net,
            moves,
            labels,
        })
    }

    /// Number of feature columns the NER's embedding reads (NORM, PREFIX, SUFFIX, SHAPE).
    pub fn n_cols(&self) -> usize {
        self.tok2vec.n_cols()
    }

    /// Move names as spaCy prints them, in output order (including the hidden "U-").
    pub fn move_names(&self) -> Vec<String> {
        self.moves
            .iter()
            .map(|&(t, l)| {
                let label = if l == usize::MAX {
                    ""
                } else {
                    self.labels[l].as_str()
                };
                match t {
                    BEGIN => format!("B-{label}"),
                    IN => format!("I-{label}"),
                    LAST => format!("L-{label}"),
                    UNIT => format!("U-{label}"),
                    _ => "O".to_string(),
                }
            })
            .collect()
    }

    /// The NER's own 96-d token vectors (its private Tok2Vec copy; exposed for layer-wise checks).
    pub fn token_vectors(
        &self,
        features: &[u64],
        stride: usize,
        scratch: &mut Tok2VecScratch,
    ) -> Vec<f32> {
        self.tok2vec.forward(features, stride, scratch)
    }

    /// Recognizes entities. `features` holds at least 4 ids per token (row stride `stride`),
    /// `is_space` the IS_SPACE flag per token, and `sent_start` the parser's sentence starts
    /// (pass all-false when running without a parser).
    pub fn predict(
        &self,
        features: &[u64],
        stride: usize,
        is_space: &[bool],
        sent_start: &[bool],
        scratch: &mut Tok2VecScratch,
    ) -> Vec<Entity> {
        self.predict_batch(
            features,
            stride,
            &[is_space.len()],
            is_space,
            sent_start,
            scratch,
        )
        .pop()
        .expect("one document in, one result out")
    }

    /// [`Ner::predict`] for several documents whose tokens are concatenated (`doc_lens` tokens
    /// each); the embedding, encoder and lower layer run as single matrix products for all.
    /// Entity token indices are relative to each document.
    pub fn predict_batch(
        &self,
        features: &[u64],
        stride: usize,
        doc_lens: &[usize],
        is_space: &[bool],
        sent_start: &[bool],
        scratch: &mut Tok2VecScratch,
    ) -> Vec<Vec<Entity>> {
        #[cfg(target_arch = "x86_64")]
        if has_avx2() {
            // SAFETY: AVX2 and FMA were detected at run time.
            return unsafe {
                self.predict_avx2(features, stride, doc_lens, is_space, sent_start, scratch)
            };
        }
        self.predict_impl(features, stride, doc_lens, is_space, sent_start, scratch)
    }

    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2,fma")]
    unsafe fn predict_avx2(
        &self,
        features: &[u64],
        stride: usize,
        doc_lens: &[usize],
        is_space: &[bool],
        sent_start: &[bool],
        scratch: &mut Tok2VecScratch,
    ) -> Vec<Vec<Entity>> {
        self.predict_impl(features, stride, doc_lens, is_space, sent_start, scratch)
    }

    #[inline(always)]
    fn predict_impl(
        &self,
        features: &[u64],
        stride: usize,
        doc_lens: &[usize],
        is_space: &[bool],
        sent_start: &[bool],
        scratch: &mut Tok2VecScratch,
    ) -> Vec<Vec<Entity>> {
        let total = is_space.len();
        assert_eq!(
            doc_lens.iter().sum::<usize>(),
            total,
            "document lengths do not add up"
        );
        assert_eq!(sent_start.len(), total, "one sentence-start flag per token");
        let x = self
            .tok2vec
            .forward_batch(features, stride, doc_lens, scratch);
        let pre = self.net.precompute(&x, total);
        let mut buf = self.net.buffers();
        let mut out = Vec::with_capacity(doc_lens.len());
        let mut offset = 0;
        for &n in doc_lens {
            let range = offset..offset + n;
            out.push(self.decode(
                &pre,
                offset,
                &is_space[range.clone()],
                &sent_start[range],
                &mut buf,
            ));
            offset += n;
        }
        out
    }

    /// Greedy BILUO decoding of one document whose precomputed rows start at `offset`.
    #[inline(always)]
    fn decode(
        &self,
        pre: &Precomputed,
        offset: usize,
        is_space: &[bool],
        sent_start: &[bool],
        buf: &mut StepBuffers,
    ) -> Vec<Entity> {
        let n = is_space.len();
        let mut ents = Vec::new();
        let mut open: Option<(usize, usize)> = None; // (start, label)
        let mut ids = [0i32; 3];
        for b0 in 0..n {
            ids[0] = b0 as i32;
            match open {
                Some((start, _)) => {
                    ids[1] = start as i32;
                    ids[2] = b0 as i32 - 1;
                }
                None => {
                    ids[1] = -1;
                    ids[2] = -1;
                }
            }
            self.net.score(pre, offset, &ids, buf);
            let rem = n - b0;
            let next_ss = b0 + 1 < n && sent_start[b0 + 1];
            let space = is_space[b0];
            let mut best: Option<usize> = None;
            for (i, &(t, label)) in self.moves.iter().enumerate() {
                let valid = match t {
                    BEGIN => {
                        open.is_none() && rem >= 2 && label != usize::MAX && !next_ss && !space
                    }
                    IN => {
                        matches!(open, Some((_, l)) if l == label)
                            && rem >= 2
                            && label != usize::MAX
                            && !next_ss
                    }
                    LAST => matches!(open, Some((_, l)) if l == label) && label != usize::MAX,
                    UNIT => open.is_none() && label != usize::MAX && !space,
                    _ => open.is_none(),
                };
                if valid && best.is_none_or_greater(&buf.scores, i) {
                    best = Some(i);
                }
            }
            // Some move is always valid (O when closed, L-label when open); stop defensively.
            let Some(i) = best else { break };
            let (t, label) = self.moves[i];
            match t {
                BEGIN => open = Some((b0, label)),
                LAST => {
                    if let Some((start, l)) = open.take() {
                        ents.push(Entity {
                            start,
                            end: b0 + 1,
                            label: self.labels[l].clone(),
                        });
                    }
                }
                UNIT => ents.push(Entity {
                    start: b0,
                    end: b0 + 1,
                    label: self.labels[label].clone(),
                }),
                _ => {}
            }
        }
        ents
    }
}
