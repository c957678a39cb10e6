//! Greedy arc-eager dependency parser of en_core_web_sm (spaCy's `parser` component), plus the
//! transition-model network shared with the NER.
//!
//! The network: Linear 96→64 on the tok2vec output, a "precomputable" lower layer whose per-token
//! contributions are computed for the whole document in one matrix product, and per step a sum
//! of the state's feature-token rows → Maxout(2 pieces) → Linear to move scores.
//!
//! The transition system is spaCy's non-monotonic arc-eager: LEFT may replace an existing head,
//! REDUCE of a headless token pushes it back to the buffer ("unshift"), BREAK marks sentence starts.
//! Non-projective arcs come out as decorated "X||Y" labels and are undone by
//! [`deprojectivize`] afterwards.

use std::collections::BTreeMap;
use std::path::Path;

use crate::tok2vec::{has_avx2, matmul_wt, Linear};
use crate::weights::{map_get, read_msgpack, Model, WeightsError};

/// The network of a greedy transition-based component (parser or NER).
#[derive(Debug, Clone)]
pub(crate) struct TransitionModel {
    /// 96 → 64 projection of the token vectors.
    proj: Linear,
    n_feats: usize,
    n_hidden: usize,
    n_pieces: usize,
    /// Lower weights as (nF·nH·nP, nI) rows.
    lower_w: Vec<f32>,
    lower_b: Vec<f32>,
    lower_pad: Vec<f32>,
    /// Upper weights transposed to (nH, n_classes) so a step is a row-wise axpy.
    upper_wt: Vec<f32>,
    upper_b: Vec<f32>,
    n_classes: usize,
}

/// Per-document precomputed lower-layer contributions.
pub(crate) struct Precomputed {
    /// (N, nF·nH·nP)
    a: Vec<f32>,
}

/// Scratch buffers for one decoding run.
pub(crate) struct StepBuffers {
    unmaxed: Vec<f32>,
    hidden: Vec<f32>,
    /// Move scores of the last step.
    pub scores: Vec<f32>,
}

impl TransitionModel {
    /// Loads the network from a `parser/model` or `ner/model` file; `width` is the token vector
    /// width (96).
    pub(crate) fn from_model(model: &Model, width: usize) -> Result<TransitionModel, WeightsError> {
        let root = model
            .nodes_named("parser_model")
            .first()
            .copied()
            .ok_or_else(|| model.error("no parser_model node"))?;
        let refs = &model.nodes[root].refs;
        let (lower, upper) = match (refs.get("lower"), refs.get("upper")) {
            (Some(l), Some(u)) => (*l, *u),
            _ => return Err(model.error("parser_model lacks lower/upper refs")),
        };
        let ln = &model.nodes[lower];
        let (nf, nh, np, ni) = match (ln.dim("nF"), ln.dim("nO"), ln.dim("nP"), ln.dim("nI")) {
            (Some(f), Some(o), Some(p), Some(i)) => (f, o, p, i),
            _ => return Err(model.error("lower layer lacks dims")),
        };
        let lower_w = model.param(lower, "W", &[nf, nh, np, ni])?.data.clone();
        let lower_b = model.param(lower, "b", &[nh, np])?.data.clone();
        let lower_pad = model.param(lower, "pad", &[1, nf, nh, np])?.data.clone();
        let n_classes = model.nodes[upper]
            .dim("nO")
            .ok_or_else(|| model.error("upper layer lacks nO"))?;
        let up = Linear::load(model, upper, n_classes, nh)?;
        let mut upper_wt = vec![0.0; nh * n_classes];
        for c in 0..n_classes {
            for i in 0..nh {
                upper_wt[i * n_classes + c] = up.w[c * nh + i];
            }
        }
        let proj = Linear::find(model, ni, width)?;
        Ok(TransitionModel {
            proj,
            n_feats: nf,
            n_hidden: nh,
            n_pieces: np,
            lower_w,
            lower_b,
            lower_pad,
            upper_wt,
            upper_b: up.b,
            n_classes,
        })
    }

    /// Number of moves scored.
    pub(crate) fn n_classes(&self) -> usize {
        self.n_classes
    }

    /// Number of state features.
    pub(crate) fn n_feats(&self) -> usize {
        self.n_feats
    }

    /// Projects the document's token vectors and computes every token's contribution to every
    /// feature slot in one matrix product.
    pub(crate) fn precompute(&self, x: &[f32], n: usize) -> Precomputed {
        let x64 = self.proj.forward(x, n);
        let cols = self.n_feats * self.n_hidden * self.n_pieces;
        let mut a = vec![0.0; n * cols];
        matmul_wt(&x64, n, self.proj.n_out, &self.lower_w, cols, &mut a);
        Precomputed { a }
    }

    pub(crate) fn buffers(&self) -> StepBuffers {
        StepBuffers {
            unmaxed: vec![0.0; self.n_hidden * self.n_pieces],
            hidden: vec![0.0; self.n_hidden],
            scores: vec![0.0; self.n_classes],
        }
    }

    /// Scores all moves for a state whose feature tokens are `ids` (−1 = missing).
    #[inline(always)]
    /// `offset` is the document's first row in `pre` (documents of a batch share one
    /// precomputed table); `ids` are relative to the document.
    pub(crate) fn score(
        &self,
        pre: &Precomputed,
        offset: usize,
        ids: &[i32],
        buf: &mut StepBuffers,
    ) {
        let hp = self.n_hidden * self.n_pieces;
        let row = self.n_feats * hp;
        // Same order as spaCy: features summed from zero in slot order, bias added last.
        buf.unmaxed.iter_mut().for_each(|v| *v = 0.0);
        for (f, &id) in ids.iter().enumerate() {
            let src = if id >= 0 {
                let start = (offset + id as usize) * row + f * hp;
                &pre.a[start..start + hp]
            } else {
                &self.lower_pad[f * hp..(f + 1) * hp]
            };
            for (u, v) in buf.unmaxed.iter_mut().zip(src) {
                *u += v;
            }
        }
        for (u, b) in buf.unmaxed.iter_mut().zip(&self.lower_b) {
            *u += b;
        }
        let np = self.n_pieces;
        for (o, h) in buf.hidden.iter_mut().enumerate() {
            let z = &buf.unmaxed[o * np..(o + 1) * np];
            let mut best = z[0];
            for &v in &z[1..] {
                if v > best {
                    best = v;
                }
            }
            *h = best;
        }
        let nc = self.n_classes;
        buf.scores.iter_mut().for_each(|v| *v = 0.0);
        // Four hidden units per sweep over the scores: a quarter of the load/store traffic.
        let mut hc = buf.hidden.chunks_exact(4);
        let mut wc = self.upper_wt.chunks_exact(4 * nc);
        for (h, w) in (&mut hc).zip(&mut wc) {
            let (w0, rest) = w.split_at(nc);
            let (w1, rest) = rest.split_at(nc);
            let (w2, w3) = rest.split_at(nc);
            for j in 0..nc {
                buf.scores[j] += h[0] * w0[j] + h[1] * w1[j] + h[2] * w2[j] + h[3] * w3[j];
            }
        }
        for (&h, w) in hc.remainder().iter().zip(wc.remainder().chunks_exact(nc)) {
            for (s, wv) in buf.scores.iter_mut().zip(w) {
                *s += h * wv;
            }
        }
        for (s, b) in buf.scores.iter_mut().zip(&self.upper_b) {
            *s += b;
        }
    }
}

/// Reads a `moves` file into (move type, label) pairs in output-row order: move types ascending,
/// labels within a type by (frequency, label) descending — spaCy's ordering.
pub(crate) fn load_moves(path: &Path) -> Result<Vec<(u8, String)>, WeightsError> {
    let root = read_msgpack(path)?;
    let fmt = |msg: String| WeightsError::Format {
        path: path.to_path_buf(),
        msg,
    };
    let json = map_get(&root, "moves")
        .and_then(|v| v.as_str())
        .ok_or_else(|| fmt("no `moves` string".into()))?;
    let parsed: BTreeMap<String, BTreeMap<String, i64>> =
        serde_json::from_str(json).map_err(|e| fmt(format!("moves JSON: {e}")))?;
    let mut by_type: Vec<(u8, &BTreeMap<String, i64>)> = Vec::new();
    for (k, v) in &parsed {
        let t: u8 = k.parse().map_err(|_| fmt(format!("bad move type {k}")))?;
        by_type.push((t, v));
    }
    by_type.sort_by_key(|(t, _)| *t);
    let mut out = Vec::new();
    for (t, labels) in by_type {
        let mut l: Vec<(i64, &String)> = labels.iter().map(|(k, v)| (*v, k)).collect();
        l.sort();
        l.reverse();
        for (_, label) in l {
            out.push((t, label.clone()));
        }
    }
    Ok(out)
}

/// "Replace the best move so far?": only on a strictly larger score, so ties go to the lowest
/// move index as in spaCy's arg-max.
pub(crate) trait BestSoFar {
    fn is_none_or_greater(&self, scores: &[f32], i: usize) -> bool;
}

impl BestSoFar for Option<usize> {
    fn is_none_or_greater(&self, scores: &[f32], i: usize) -> bool {
        match *self {
            None => true,
            Some(b) => scores[i] > scores[b],
        }
    }
}

const SHIFT: u8 = 0;
const REDUCE: u8 = 1;
const LEFT: u8 = 2;
const RIGHT: u8 = 3;
const BREAK: u8 = 4;

/// Result of parsing one document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseResult {
    /// Head token index per token (a root is its own head).
    pub heads: Vec<usize>,
    /// Dependency label per token ("ROOT" for roots).
    pub labels: Vec<String>,
    /// Sentence starts (left edge of each root's subtree).
    pub sent_starts: Vec<bool>,
}

/// The loaded dependency parser.
#[derive(Clone)]
pub struct Parser {
    net: TransitionModel,
    moves: Vec<(u8, String)>,
}

impl std::fmt::Debug for Parser {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Parser")
            .field("moves", &self.moves.len())
            .finish_non_exhaustive()
    }
}

/// Arc-eager parse state (spaCy's StateC, restricted to what the parser uses).
struct ArcState {
    n: usize,
    stack: Vec<usize>,
    /// Pushed-back tokens; the last element is the front of the buffer.
    rebuffer: Vec<usize>,
    next: usize,
    heads: Vec<i32>,
    labels: Vec<usize>,
    left_arcs: Vec<Vec<usize>>,
    right_arcs: Vec<Vec<usize>>,
    unshiftable: Vec<bool>,
    sent_start: Vec<bool>,
}

impl ArcState {
    fn new(n: usize) -> ArcState {
        ArcState {
            n,
            stack: Vec::with_capacity(n),
            rebuffer: Vec::new(),
            next: 0,
            heads: vec![-1; n],
            labels: vec![usize::MAX; n],
            left_arcs: vec![Vec::new(); n],
            right_arcs: vec![Vec::new(); n],
            unshiftable: vec![false; n],
            sent_start: vec![false; n],
        }
    }

    fn s(&self, i: usize) -> i32 {
        if i < self.stack.len() {
            self.stack[self.stack.len() - 1 - i] as i32
        } else {
            -1
        }
    }

    fn b(&self, i: usize) -> i32 {
        if i < self.rebuffer.len() {
            self.rebuffer[self.rebuffer.len() - 1 - i] as i32
        } else {
            let j = self.next + (i - self.rebuffer.len());
            if j < self.n {
                j as i32
            } else {
                -1
            }
        }
    }

    fn buffer_len(&self) -> usize {
        self.rebuffer.len() + (self.n - self.next)
    }

    fn is_final(&self) -> bool {
        self.stack.is_empty() && self.buffer_len() == 0
    }

    fn is_sent_start(&self, t: i32) -> bool {
        t >= 0 && self.sent_start[t as usize]
    }

    /// Child of the last entry of `h`'s left (or right) arc list — the most recent attachment.
    fn last_child(list: &[Vec<usize>], h: i32) -> i32 {
        if h < 0 {
            return -1;
        }
        list[h as usize].last().map_or(-1, |&c| c as i32)
    }

    fn features(&self, ids: &mut [i32; 8]) {
        let b0 = self.b(0);
        let s0 = self.s(0);
        ids[0] = b0;
        ids[1] = self.b(1);
        ids[2] = s0;
        ids[3] = self.s(1);
        ids[4] = self.s(2);
        ids[5] = Self::last_child(&self.left_arcs, b0);
        ids[6] = Self::last_child(&self.left_arcs, s0);
        ids[7] = Self::last_child(&self.right_arcs, s0);
    }

    fn valid(&self, move_type: u8) -> bool {
        let depth = self.stack.len();
        let blen = self.buffer_len();
        match move_type {
            SHIFT => {
                depth == 0
                    || (blen >= 2
                        && !self.is_sent_start(self.b(0))
                        && !self.unshiftable[self.b(0) as usize])
            }
            REDUCE => depth > 0,
            LEFT | RIGHT => depth > 0 && blen > 0 && !self.is_sent_start(self.b(0)),
            BREAK => blen >= 2 && self.b(1) == self.b(0) + 1 && !self.is_sent_start(self.b(1)),
            _ => false,
        }
    }

    fn push(&mut self) {
        let t = match self.rebuffer.pop() {
            Some(t) => t,
            None => {
                self.next += 1;
                self.next - 1
            }
        };
        self.stack.push(t);
    }

    /// spaCy removes a replaced arc only when it is the last of its list; otherwise the stale
    /// entry stays and keeps answering L/R queries, so we keep it too.
    fn del_arc(&mut self, head: usize, child: usize) {
        let list = if head > child {
            &mut self.left_arcs[head]
        } else {
            &mut self.right_arcs[head]
        };
        if list.last() == Some(&child) {
            list.pop();
        }
    }

    fn add_arc(&mut self, head: usize, child: usize, label: usize) {
        if self.heads[child] >= 0 {
            self.del_arc(self.heads[child] as usize, child);
        }
        if head > child {
            self.left_arcs[head].push(child);
        } else {
            self.right_arcs[head].push(child);
        }
        self.heads[child] = head as i32;
        self.labels[child] = label;
    }

    fn apply(&mut self, move_type: u8, label: usize) {
        match move_type {
            SHIFT => self.push(),
            REDUCE => {
                let s0 = self.s(0) as usize;
                if self.heads[s0] >= 0 || self.stack.len() == 1 {
                    self.stack.pop();
                } else {
                    self.stack.pop();
                    self.unshiftable[s0] = true;
                    self.rebuffer.push(s0);
                }
            }
            LEFT => {
                let (b0, s0) = (self.b(0) as usize, self.s(0) as usize);
                self.add_arc(b0, s0, label);
                self.unshiftable[b0] = false;
                self.stack.pop();
            }
            RIGHT => {
                let (b0, s0) = (self.b(0) as usize, self.s(0) as usize);
                self.add_arc(s0, b0, label);
                self.push();
            }
            BREAK => {
                let b1 = self.b(1) as usize;
                self.sent_start[b1] = true;
            }
            _ => {}
        }
    }
}

impl Parser {
    /// Loads `parser/model` and `parser/moves` from the package directory.
    pub fn from_package_dir(dir: &Path, width: usize) -> Result<Parser, WeightsError> {
        let model = Model::load(&dir.join("parser").join("model"))?;
        let net = TransitionModel::from_model(&model, width)?;
        let moves = load_moves(&dir.join("parser").join("moves"))?;
        if moves.len() != net.n_classes() || net.n_feats() != 8 {
            return Err(model.error(format!(
                "parser has {} moves for {} outputs and {} features (expected 8)",
                moves.len(),
                net.n_classes(),
                net.n_feats()
            )));
        }
        if moves.iter().any(|(t, _)| *t > BREAK) {
            return Err(model.error("unknown parser move type"));
        }
        Ok(Parser { net, moves })
    }

    /// Move names as spaCy prints them (S, D, L-x, R-x, B-ROOT), in output order.
    pub fn move_names(&self) -> Vec<String> {
        self.moves
            .iter()
            .map(|(t, l)| match *t {
                SHIFT => "S".to_string(),
                REDUCE => "D".to_string(),
                LEFT => format!("L-{l}"),
                RIGHT => format!("R-{l}"),
                _ => format!("B-{l}"),
            })
            .collect()
    }

    /// Parses one document given its tok2vec vectors (N×width) and per-token IS_SPACE flags.
    pub fn parse(&self, x: &[f32], is_space: &[bool]) -> ParseResult {
        self.parse_batch(x, &[is_space.len()], is_space)
            .pop()
            .expect("one document in, one result out")
    }

    /// Parses several documents whose tokens are concatenated in `x` / `is_space`
    /// (`doc_lens` tokens each); the lower-layer precomputation is one matrix product for all.
    pub fn parse_batch(
        &self,
        x: &[f32],
        doc_lens: &[usize],
        is_space: &[bool],
    ) -> Vec<ParseResult> {
        #[cfg(target_arch = "x86_64")]
        if has_avx2() {
            // SAFETY: AVX2 and FMA were detected at run time.
            return unsafe { self.parse_avx2(x, doc_lens, is_space) };
        }
        self.parse_impl(x, doc_lens, is_space)
    }

    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2,fma")]
    unsafe fn parse_avx2(
        &self,
        x: &[f32],
        doc_lens: &[usize],
        is_space: &[bool],
    ) -> Vec<ParseResult> {
        self.parse_impl(x, doc_lens, is_space)
    }

    #[inline(always)]
    fn parse_impl(&self, x: &[f32], doc_lens: &[usize], is_space: &[bool]) -> Vec<ParseResult> {
        let total = is_space.len();
        assert_eq!(
            doc_lens.iter().sum::<usize>(),
            total,
            "document lengths do not add up"
        );
        let pre = self.net.precompute(x, total);
        let mut buf = self.net.buffers();
        let mut out = Vec::with_capacity(doc_lens.len());
        let mut offset = 0;
        for &n in doc_lens {
            out.push(self.decode(&pre, offset, &is_space[offset..offset + n], &mut buf));
            offset += n;
        }
        out
    }

    /// Greedy decoding of one document whose precomputed rows start at `offset`.
    #[inline(always)]
    fn decode(
        &self,
        pre: &Precomputed,
        offset: usize,
        is_space: &[bool],
        buf: &mut StepBuffers,
    ) -> ParseResult {
        let n = is_space.len();
        if n == 0 {
            return ParseResult {
                heads: vec![],
                labels: vec![],
                sent_starts: vec![],
            };
        }
        let mut st = ArcState::new(n);
        let mut ids = [0i32; 8];
        // Every step either consumes or moves a token; this bound only guards against a bug
        // turning into an endless loop.
        let max_steps = 10 * n + 10;
        let mut steps = 0;
        while !st.is_final() && steps < max_steps {
            steps += 1;
            st.features(&mut ids);
            self.net.score(pre, offset, &ids, buf);
            let valid = [
                st.valid(SHIFT),
                st.valid(REDUCE),
                st.valid(LEFT),
                st.valid(RIGHT),
                st.valid(BREAK),
            ];
            let mut best: Option<usize> = None;
            for (i, (t, _)) in self.moves.iter().enumerate() {
                if valid[*t as usize] && best.is_none_or_greater(&buf.scores, i) {
                    best = Some(i);
                }
            }
            match best {
                Some(i) => st.apply(self.moves[i].0, i),
                None => break,
            }
        }
        let mut heads: Vec<usize> = (0..n).collect();
        let mut labels: Vec<String> = vec!["ROOT".to_string(); n];
        for i in 0..n {
            if st.heads[i] >= 0 {
                heads[i] = st.heads[i] as usize;
                labels[i] = self.moves[st.labels[i]].1.clone();
            }
        }
        let sent_starts = deprojectivize(&mut heads, &mut labels, is_space);
        ParseResult {
            heads,
            labels,
            sent_starts,
        }
    }
}

/// Left/right subtree edges computed the way spaCy's `set_children_from_heads` does (repeated
/// sweeps until every head lies inside its sentence, at most 12 passes), and the resulting
/// sentence starts.
pub fn edges_and_sent_starts(heads: &[usize]) -> (Vec<usize>, Vec<usize>, Vec<bool>) {
    let n = heads.len();
    let mut l: Vec<usize> = (0..n).collect();
    let mut r: Vec<usize> = (0..n).collect();
    for _pass in 0..12 {
        for i in 0..n {
            let h = heads[i];
            l[h] = l[h].min(l[i]);
            r[h] = r[h].max(r[i]);
        }
        for i in (0..n).rev() {
            let h = heads[i];
            r[h] = r[h].max(r[i]);
            l[h] = l[h].min(l[i]);
        }
        let mut starts = vec![false; n];
        for i in 0..n {
            if heads[i] == i {
                starts[l[i]] = true;
            }
        }
        let mut ok = true;
        let mut cs = 0;
        for (i, &start) in starts.iter().enumerate() {
            if (i > 0 && start) || i == n - 1 {
                if heads[cs..i].iter().any(|&h| h < cs || h > i) {
                    ok = false;
                    break;
                }
                cs = i;
            }
        }
        if ok {
            break;
        }
    }
    let mut starts = vec![false; n];
    for i in 0..n {
        if heads[i] == i {
            starts[l[i]] = true;
        }
    }
    (l, r, starts)
}

/// Undoes the projectivization: a label "X||Y" means "the real head is the nearest descendant
/// (breadth-first) of my current head labelled Y". Returns the sentence starts of the final tree.
pub fn deprojectivize(heads: &mut [usize], labels: &mut [String], is_space: &[bool]) -> Vec<bool> {
    let n = heads.len();
    let (l, r, starts) = edges_and_sent_starts(heads);
    let mut changed = false;
    for i in 0..n {
        let Some(pos) = labels[i].find("||") else {
            continue;
        };
        let new_label = labels[i][..pos].to_string();
        let head_label = labels[i][pos + 2..].to_string();
        let mut visited = vec![false; n];
        let mut level = vec![heads[i]];
        let mut found = None;
        'search: while !level.is_empty() {
            let mut next = Vec::new();
            for &q in &level {
                if visited[q] {
                    continue;
                }
                visited[q] = true;
                // Children by the edges computed before the loop (spaCy does not refresh them
                // while deprojectivizing) but with current heads.
                for c in l[q]..=r[q] {
                    if c == q || heads[c] != q || is_space[c] || c == i {
                        continue;
                    }
                    if labels[c] == head_label {
                        found = Some(c);
                        break 'search;
                    }
                    next.push(c);
                }
            }
            level = next;
        }
        if let Some(h) = found {
            heads[i] = h;
        }
        labels[i] = new_label;
        changed = true;
    }
    if changed {
        edges_and_sent_starts(heads).2
    } else {
        starts
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentence_starts_are_left_edges_of_roots() {
        // "A b . C d ." with roots 1 and 4
        let heads = vec![1, 1, 1, 4, 4, 4];
        let (_, _, s) = edges_and_sent_starts(&heads);
        assert_eq!(s, vec![true, false, false, true, false, false]);
    }

    #[test]
    fn deprojectivize_moves_head_to_labelled_descendant() {
        // 0 <- 1 (root) -> 2(prep) -> 3(pobj); token 4 labelled "pobj||prep" attached to 1.
        let mut heads = vec![1, 1, 1, 2, 1];
        let mut labels: Vec<String> = ["nsubj", "ROOT", "prep", "pobj", "pobj||prep"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        deprojectivize(&mut heads, &mut labels, &[false; 5]);
        assert_eq!(heads, vec![1, 1, 1, 2, 2]);
        assert_eq!(labels[4], "pobj");
    }
}
