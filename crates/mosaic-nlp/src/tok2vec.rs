//! thinc's `Tok2Vec.v2` as used by en_core_web_sm: HashEmbed per feature column → Maxout +
//! LayerNorm mixing → 4 residual window blocks (Maxout + LayerNorm over [x(i-1), x(i), x(i+1)]).
//!
//! The same code runs the shared `tok2vec` component (6 columns) and the NER's private copy
//! (4 columns). All matrix work for a document is done as a few large matrix products.

use crate::hash::hash_embed_rows;
use crate::weights::{Model, WeightsError};

/// `out (m×n) = x (m×k) · wᵀ` where `w` is row-major (n×k), as thinc stores Linear/Maxout weights.
pub(crate) fn matmul_wt(x: &[f32], m: usize, k: usize, w: &[f32], n: usize, out: &mut [f32]) {
    matmul_wt_strided(x, k, m, k, w, n, out);
}

/// Like [`matmul_wt`], but row `r` of the left matrix is `x[r·row_stride .. r·row_stride + k]`;
/// rows may overlap (the encoder's 3-row windows are overlapping views of one array).
pub(crate) fn matmul_wt_strided(
    x: &[f32],
    row_stride: usize,
    m: usize,
    k: usize,
    w: &[f32],
    n: usize,
    out: &mut [f32],
) {
    if m == 0 {
        return;
    }
    assert!(
        x.len() >= (m - 1) * row_stride + k,
        "left matrix out of bounds"
    );
    assert_eq!(w.len(), n * k, "weight matrix size");
    assert_eq!(out.len(), m * n, "output size");
    // SAFETY: the asserts above guarantee every element addressed through (m, k, n) and the
    // strides lies inside the slices.
    unsafe {
        matrixmultiply::sgemm(
            m,
            k,
            n,
            1.0,
            x.as_ptr(),
            row_stride as isize,
            1,
            w.as_ptr(),
            1,
            k as isize,
            0.0,
            out.as_mut_ptr(),
            n as isize,
            1,
        );
    }
}

/// Whether the AVX2+FMA variants of the hot loops can run. The crate is built for baseline
/// x86-64, so elementwise loops would otherwise only use SSE2. Arithmetic is the same either
/// way: Rust never fuses a separate multiply and add.
#[inline]
pub(crate) fn has_avx2() -> bool {
    #[cfg(target_arch = "x86_64")]
    {
        std::is_x86_feature_detected!("avx2") && std::is_x86_feature_detected!("fma")
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        false
    }
}

/// One HashEmbed table.
#[derive(Debug, Clone)]
struct HashEmbed {
    seed: u32,
    rows: u32,
    /// Each table row already multiplied by this column's block of the mixing Maxout weights
    /// (rows × nO·nP). The mixer's input is a concatenation of sums of table rows, so its
    /// product distributes over those sums: summing projected rows replaces the mixing matrix
    /// product (a quarter of all arithmetic) by a few vector additions per token.
    projected: Vec<f32>,
}

/// Maxout layer: `nO` outputs, `nP` pieces, `nI` inputs. thinc stores W as (nO, nP, nI) with
/// the pieces of one unit adjacent; here the rows are regrouped piece-major, (nP, nO, nI), so
/// the pieces of all units come out of the product as nP contiguous nO-vectors and the max is
/// a plain elementwise (vectorizable) max. Same dot products, so same values.
#[derive(Debug, Clone)]
pub(crate) struct Maxout {
    pub n_out: usize,
    pub n_pieces: usize,
    pub n_in: usize,
    pub w: Vec<f32>,
    pub b: Vec<f32>,
}

/// LayerNorm with gain `g` and bias `b`.
#[derive(Debug, Clone)]
pub(crate) struct LayerNorm {
    pub g: Vec<f32>,
    pub b: Vec<f32>,
}

impl Maxout {
    fn load(model: &Model, node: usize) -> Result<Maxout, WeightsError> {
        let n = &model.nodes[node];
        let (n_out, n_pieces, n_in) = match (n.dim("nO"), n.dim("nP"), n.dim("nI")) {
            (Some(o), Some(p), Some(i)) => (o, p, i),
            _ => return Err(model.error(format!("maxout node {node} lacks dims"))),
        };
        let w_src = &model.param(node, "W", &[n_out, n_pieces, n_in])?.data;
        let b_src = &model.param(node, "b", &[n_out, n_pieces])?.data;
        let mut w = vec![0.0; w_src.len()];
        let mut b = vec![0.0; b_src.len()];
        for o in 0..n_out {
            for p in 0..n_pieces {
                let src = (o * n_pieces + p) * n_in;
                let dst = (p * n_out + o) * n_in;
                w[dst..dst + n_in].copy_from_slice(&w_src[src..src + n_in]);
                b[p * n_out + o] = b_src[o * n_pieces + p];
            }
        }
        Ok(Maxout {
            n_out,
            n_pieces,
            n_in,
            w,
            b,
        })
    }

    /// Applies the layer to `m` input rows, row `r` being `x[r·row_stride..][..nI]` (rows may
    /// overlap), writing (m×nO) into `out`; `scratch` is resized as needed.
    #[inline(always)]
    fn forward_strided(
        &self,
        x: &[f32],
        row_stride: usize,
        m: usize,
        scratch: &mut Vec<f32>,
        out: &mut [f32],
    ) {
        let width = self.n_out * self.n_pieces;
        scratch.clear();
        scratch.resize(m * width, 0.0);
        matmul_wt_strided(x, row_stride, m, self.n_in, &self.w, width, scratch);
        self.max_pieces(scratch, out);
    }

    /// Adds the bias to pre-activations `z` (rows of nP·nO, piece-major) and takes the max over
    /// pieces into `out` (rows of nO).
    #[inline(always)]
    fn max_pieces(&self, z: &[f32], out: &mut [f32]) {
        let np = self.n_pieces;
        let no = self.n_out;
        for (zrow, orow) in z.chunks_exact(no * np).zip(out.chunks_exact_mut(no)) {
            for ((y, z), b) in orow.iter_mut().zip(&zrow[..no]).zip(&self.b[..no]) {
                *y = z + b;
            }
            for p in 1..np {
                let z = &zrow[p * no..(p + 1) * no];
                let b = &self.b[p * no..(p + 1) * no];
                for ((y, z), b) in orow.iter_mut().zip(z).zip(b) {
                    let v = z + b;
                    // Branch-free select (compiles to a vector max).
                    *y = if v > *y { v } else { *y };
                }
            }
        }
    }
}

impl LayerNorm {
    fn load(model: &Model, node: usize, n: usize) -> Result<LayerNorm, WeightsError> {
        Ok(LayerNorm {
            g: model.param(node, "G", &[n])?.data.clone(),
            b: model.param(node, "b", &[n])?.data.clone(),
        })
    }

    /// Normalizes each row of `x` in place.
    #[inline(always)]
    fn forward_inplace(&self, x: &mut [f32]) {
        let n = self.g.len();
        for row in x.chunks_exact_mut(n) {
            let mean = lane_sum(row, None) / n as f32;
            let var = lane_sum(row, Some(mean)) / n as f32;
            let inv = 1.0 / (var + 1e-8).sqrt();
            for ((v, g), b) in row.iter_mut().zip(&self.g).zip(&self.b) {
                *v = (*v - mean) * inv * g + b;
            }
        }
    }
}

/// Σ x (or Σ (x − mean)² when `mean` is given) with 8 independent partial sums: vectorizes and
/// breaks the add dependency chain.
#[inline(always)]
fn lane_sum(row: &[f32], mean: Option<f32>) -> f32 {
    let mut acc = [0f32; 8];
    let chunks = row.chunks_exact(8);
    let rest = chunks.remainder();
    match mean {
        None => {
            for c in chunks {
                for (a, v) in acc.iter_mut().zip(c) {
                    *a += v;
                }
            }
            for (a, v) in acc.iter_mut().zip(rest) {
                *a += v;
            }
        }
        Some(m) => {
            for c in chunks {
                for (a, v) in acc.iter_mut().zip(c) {
                    *a += (v - m) * (v - m);
                }
            }
            for (a, v) in acc.iter_mut().zip(rest) {
                *a += (v - m) * (v - m);
            }
        }
    }
    acc.iter().sum()
}

/// A loaded Tok2Vec network.
#[derive(Clone)]
pub struct Tok2Vec {
    embeds: Vec<HashEmbed>,
    mixer: Maxout,
    mixer_norm: LayerNorm,
    blocks: Vec<(Maxout, LayerNorm)>,
    pad: usize,
    width: usize,
}

impl std::fmt::Debug for Tok2Vec {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tok2Vec")
            .field("columns", &self.embeds.len())
            .field("width", &self.width)
            .field("blocks", &self.blocks.len())
            .field("pad", &self.pad)
            .finish()
    }
}

/// Reusable buffers so repeated calls don't reallocate.
#[derive(Debug, Default)]
pub struct Tok2VecScratch {
    padded: Vec<f32>,
    z: Vec<f32>,
    delta: Vec<f32>,
}

impl Tok2Vec {
    /// Finds the Tok2Vec sub-network in a thinc model file (the `tok2vec` component, or the copy
    /// embedded in `ner/model`). Layers are identified by name and order, not by fixed node ids.
    pub fn from_model(model: &Model) -> Result<Tok2Vec, WeightsError> {
        let mut embed_nodes: Vec<(i64, usize)> = Vec::new();
        for i in model.nodes_named("hashembed") {
            let col = model.nodes[i]
                .attr_int("column")
                .ok_or_else(|| model.error(format!("hashembed node {i} has no column")))?;
            embed_nodes.push((col, i));
        }
        embed_nodes.sort();
        if embed_nodes.is_empty() {
            return Err(model.error("no hashembed layers"));
        }
        let mut embeds = Vec::new();
        let mut tables: Vec<&[f32]> = Vec::new();
        let mut width = 0;
        for (k, &(col, i)) in embed_nodes.iter().enumerate() {
            if col != k as i64 {
                return Err(model.error("hashembed columns are not 0..n"));
            }
            let n = &model.nodes[i];
            let (rows, n_out) = match (n.dim("nV"), n.dim("nO")) {
                (Some(v), Some(o)) => (v, o),
                _ => return Err(model.error(format!("hashembed node {i} lacks dims"))),
            };
            let seed = n
                .attr_int("seed")
                .ok_or_else(|| model.error(format!("hashembed node {i} has no seed")))?;
            width = n_out;
            tables.push(model.param(i, "E", &[rows, n_out])?.data.as_slice());
            embeds.push(HashEmbed {
                seed: seed as u32,
                rows: rows as u32,
                projected: Vec::new(),
            });
        }
        let maxouts = model.nodes_named("maxout");
        let norms = model.nodes_named("layernorm");
        if maxouts.len() != 5 || norms.len() != 5 {
            return Err(model.error(format!(
                "expected 5 maxout and 5 layernorm layers, found {} and {}",
                maxouts.len(),
                norms.len()
            )));
        }
        let mixer = Maxout::load(model, maxouts[0])?;
        if mixer.n_in != width * embeds.len() || mixer.n_out != width {
            return Err(model.error("mixing layer does not fit the embeddings"));
        }
        let mix_width = mixer.n_out * mixer.n_pieces;
        for (c, (e, table)) in embeds.iter_mut().zip(&tables).enumerate() {
            let rows = e.rows as usize;
            e.projected = vec![0.0; rows * mix_width];
            // projected (rows × mix_width) = table (rows × width) · W[:, c·width..(c+1)·width]ᵀ
            // SAFETY: table holds rows×width values; the weight view reads W[n·n_in + c·width
            // + k] for n < mix_width, k < width, inside W's mix_width×n_in values.
            unsafe {
                matrixmultiply::sgemm(
                    rows,
                    width,
                    mix_width,
                    1.0,
                    table.as_ptr(),
                    width as isize,
                    1,
                    mixer.w.as_ptr().add(c * width),
                    1,
                    mixer.n_in as isize,
                    0.0,
                    e.projected.as_mut_ptr(),
                    mix_width as isize,
                    1,
                );
            }
        }
        let mixer_norm = LayerNorm::load(model, norms[0], width)?;
        let mut blocks = Vec::new();
        for k in 1..5 {
            let m = Maxout::load(model, maxouts[k])?;
            if m.n_in != 3 * width || m.n_out != width {
                return Err(model.error("encoder block is not a width-1 window over the width"));
            }
            blocks.push((m, LayerNorm::load(model, norms[k], width)?));
        }
        // The encoder's with_array pads each doc on both sides; the amount is stored on the
        // with_array node wrapping the residual blocks.
        let pad = model
            .nodes
            .iter()
            .find(|n| n.name.starts_with("with_array(residual("))
            .and_then(|n| n.attr_int("pad"))
            .ok_or_else(|| model.error("encoder with_array pad not found"))?
            as usize;
        Ok(Tok2Vec {
            embeds,
            mixer,
            mixer_norm,
            blocks,
            pad,
            width,
        })
    }

    /// Output width (96).
    pub fn width(&self) -> usize {
        self.width
    }

    /// Number of feature columns the network reads.
    pub fn n_cols(&self) -> usize {
        self.embeds.len()
    }

    /// Runs the network. `features` holds `n_cols()` ids per token (row-major, at least that
    /// many columns per row: `stride` ≥ n_cols; extra columns are ignored). Returns N×width.
    pub fn forward(
        &self,
        features: &[u64],
        stride: usize,
        scratch: &mut Tok2VecScratch,
    ) -> Vec<f32> {
        self.forward_batch(features, stride, &[features.len() / stride], scratch)
    }

    /// Runs the network over several documents at once (their tokens concatenated in
    /// `features`, `doc_lens` tokens each), so the matrix products are large even for short
    /// documents. Each document gets its own padding rows, and the window is one row per block
    /// over four blocks, so no value can flow from one document into another: the result is the
    /// same as running the documents one by one. Returns (Σ doc_lens)×width.
    pub fn forward_batch(
        &self,
        features: &[u64],
        stride: usize,
        doc_lens: &[usize],
        scratch: &mut Tok2VecScratch,
    ) -> Vec<f32> {
        assert_eq!(
            doc_lens.iter().sum::<usize>() * stride,
            features.len(),
            "feature rows do not match the document lengths"
        );
        #[cfg(target_arch = "x86_64")]
        if has_avx2() {
            // SAFETY: AVX2 and FMA were detected at run time.
            return unsafe { self.forward_avx2(features, stride, doc_lens, scratch) };
        }
        self.forward_impl(features, stride, doc_lens, scratch)
    }

    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2,fma")]
    unsafe fn forward_avx2(
        &self,
        features: &[u64],
        stride: usize,
        doc_lens: &[usize],
        scratch: &mut Tok2VecScratch,
    ) -> Vec<f32> {
        self.forward_impl(features, stride, doc_lens, scratch)
    }

    #[inline(always)]
    fn forward_impl(
        &self,
        features: &[u64],
        stride: usize,
        doc_lens: &[usize],
        scratch: &mut Tok2VecScratch,
    ) -> Vec<f32> {
        let n_tok = features.len() / stride;
        let w = self.width;
        let s = scratch;

        let mix_width = self.mixer.n_out * self.mixer.n_pieces;
        s.z.clear();
        s.z.resize(n_tok * mix_width, 0.0);
        for (t, zrow) in s.z.chunks_exact_mut(mix_width).enumerate() {
            for (c, e) in self.embeds.iter().enumerate() {
                for r in hash_embed_rows(features[t * stride + c], e.seed, e.rows) {
                    let r = r as usize;
                    let src = &e.projected[r * mix_width..(r + 1) * mix_width];
                    for (d, v) in zrow.iter_mut().zip(src) {
                        *d += v;
                    }
                }
            }
        }

        // `padded` holds each doc with `pad` zero rows on each side, all docs one after the
        // other, framed by one extra all-zero row at each end, so the 3-row window of array
        // row i is simply the contiguous slice starting at buffer row i: no window copy.
        let rows: usize = doc_lens.iter().map(|l| l + 2 * self.pad).sum();
        s.padded.clear();
        s.padded.resize((rows + 2) * w, 0.0);
        let mut doc_rows = Vec::with_capacity(doc_lens.len());
        let mut row = 1;
        let mut tok = 0;
        for &len in doc_lens {
            let dst = (row + self.pad) * w..(row + self.pad + len) * w;
            self.mixer.max_pieces(
                &s.z[tok * mix_width..(tok + len) * mix_width],
                &mut s.padded[dst.clone()],
            );
            self.mixer_norm.forward_inplace(&mut s.padded[dst.clone()]);
            doc_rows.push(dst);
            row += len + 2 * self.pad;
            tok += len;
        }

        for (maxout, norm) in &self.blocks {
            s.delta.clear();
            s.delta.resize(rows * w, 0.0);
            maxout.forward_strided(&s.padded, w, rows, &mut s.z, &mut s.delta);
            norm.forward_inplace(&mut s.delta);
            for (x, d) in s.padded[w..(rows + 1) * w].iter_mut().zip(&s.delta) {
                *x += d;
            }
        }
        let mut out = Vec::with_capacity(n_tok * w);
        for r in doc_rows {
            out.extend_from_slice(&s.padded[r]);
        }
        out
    }
}

/// thinc Linear layer (W (nO, nI), b (nO)).
#[derive(Debug, Clone)]
pub(crate) struct Linear {
    pub n_out: usize,
    pub n_in: usize,
    pub w: Vec<f32>,
    pub b: Vec<f32>,
}

impl Linear {
    /// Loads a Linear node with the given shape.
    pub(crate) fn load(
        model: &Model,
        node: usize,
        n_out: usize,
        n_in: usize,
    ) -> Result<Linear, WeightsError> {
        Ok(Linear {
            n_out,
            n_in,
            w: model.param(node, "W", &[n_out, n_in])?.data.clone(),
            b: model.param(node, "b", &[n_out])?.data.clone(),
        })
    }

    /// Finds the single Linear node with these dims.
    pub(crate) fn find(model: &Model, n_out: usize, n_in: usize) -> Result<Linear, WeightsError> {
        let ids: Vec<usize> = model
            .nodes_named("linear")
            .into_iter()
            .filter(|&i| {
                model.nodes[i].dim("nO") == Some(n_out) && model.nodes[i].dim("nI") == Some(n_in)
            })
            .collect();
        match ids.as_slice() {
            [i] => Linear::load(model, *i, n_out, n_in),
            _ => Err(model.error(format!(
                "expected one linear {n_in}→{n_out}, found {}",
                ids.len()
            ))),
        }
    }

    /// Applies the layer to `m` rows.
    pub(crate) fn forward(&self, x: &[f32], m: usize) -> Vec<f32> {
        let mut out = vec![0.0; m * self.n_out];
        matmul_wt(x, m, self.n_in, &self.w, self.n_out, &mut out);
        for row in out.chunks_exact_mut(self.n_out) {
            for (v, b) in row.iter_mut().zip(&self.b) {
                *v += b;
            }
        }
        out
    }
}
