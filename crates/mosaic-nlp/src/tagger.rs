//! Fine-grained tagger: a softmax layer over the shared tok2vec vectors. Only the arg-max is
//! needed, so the softmax itself is skipped.

use std::path::Path;

use crate::tok2vec::Linear;
use crate::weights::{Model, WeightsError};

/// The loaded tagger.
#[derive(Clone)]
pub struct Tagger {
    out: Linear,
    labels: Vec<String>,
}

impl std::fmt::Debug for Tagger {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tagger")
            .field("labels", &self.labels.len())
            .finish_non_exhaustive()
    }
}

impl Tagger {
    /// Loads `tagger/model` and `tagger/cfg` (labels) from the package directory.
    pub fn from_package_dir(dir: &Path, width: usize) -> Result<Tagger, WeightsError> {
        let cfg_path = dir.join("tagger").join("cfg");
        let cfg_text = std::fs::read_to_string(&cfg_path).map_err(|source| WeightsError::Io {
            path: cfg_path.clone(),
            source,
        })?;
        let cfg: serde_json::Value =
            serde_json::from_str(&cfg_text).map_err(|e| WeightsError::Format {
                path: cfg_path.clone(),
                msg: e.to_string(),
            })?;
        let labels: Vec<String> = cfg["labels"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default();
        let model = Model::load(&dir.join("tagger").join("model"))?;
        let ids = model.nodes_named("softmax");
        let node = *ids.first().ok_or_else(|| model.error("no softmax layer"))?;
        if labels.is_empty() || model.nodes[node].dim("nO") != Some(labels.len()) {
            return Err(model.error("tagger labels do not match the output layer"));
        }
        let out = Linear::load(&model, node, labels.len(), width)?;
        Ok(Tagger { out, labels })
    }

    /// Tag names in output order.
    pub fn labels(&self) -> &[String] {
        &self.labels
    }

    /// Tag index for each of the `n` token vectors in `x` (N×width).
    pub fn predict(&self, x: &[f32], n: usize) -> Vec<usize> {
        let scores = self.out.forward(x, n);
        scores
            .chunks_exact(self.labels.len())
            .map(|row| {
                let mut best = 0;
                for (i, v) in row.iter().enumerate() {
                    if *v > row[best] {
                        best = i;
                    }
                }
                best
            })
            .collect()
    }
}
