//! Reader for thinc's serialized models (`tok2vec/model`, `ner/model`, …) and the other msgpack
//! files of the package.
//!
//! A model file is a msgpack map with four parallel lists indexed by node id: `nodes` (name, dims,
//! refs), `attrs` (values that are themselves msgpack-encoded bytes), `params` (arrays in the
//! msgpack-numpy convention, map keys as msgpack bin) and `shims` (unused here).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rmpv::Value;

/// Errors while reading a model file.
#[derive(Debug, thiserror::Error)]
pub enum WeightsError {
    /// The file could not be read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// File that failed.
        path: PathBuf,
        /// Underlying error.
        source: std::io::Error,
    },
    /// The file is not what the reader expects.
    #[error("{path}: {msg}")]
    Format {
        /// File that failed.
        path: PathBuf,
        /// What was wrong.
        msg: String,
    },
}

/// A float32 array with its shape (C order).
#[derive(Debug, Clone)]
pub struct Array {
    /// Dimensions.
    pub shape: Vec<usize>,
    /// Values, row-major.
    pub data: Vec<f32>,
}

/// One node of a thinc model tree.
#[derive(Debug, Clone)]
pub struct Node {
    /// Layer name (e.g. "hashembed", "maxout", "linear").
    pub name: String,
    /// Named dimensions (`None` when unset).
    pub dims: HashMap<String, Option<i64>>,
    /// Named references to other node ids.
    pub refs: HashMap<String, usize>,
    /// Attributes, already decoded from their inner msgpack.
    pub attrs: HashMap<String, Value>,
    /// Parameters by name.
    pub params: HashMap<String, Array>,
}

impl Node {
    /// Integer attribute, if present.
    pub fn attr_int(&self, name: &str) -> Option<i64> {
        self.attrs.get(name).and_then(Value::as_i64)
    }

    /// Integer dimension, if set.
    pub fn dim(&self, name: &str) -> Option<usize> {
        self.dims.get(name).copied().flatten().map(|v| v as usize)
    }
}

/// A whole serialized thinc model.
#[derive(Debug, Clone)]
pub struct Model {
    /// Nodes by id.
    pub nodes: Vec<Node>,
    /// File it came from (for error messages).
    pub path: PathBuf,
}

impl Model {
    /// Reads and decodes a thinc model file.
    pub fn load(path: &Path) -> Result<Model, WeightsError> {
        let root = read_msgpack(path)?;
        let fmt = |msg: &str| WeightsError::Format {
            path: path.to_path_buf(),
            msg: msg.to_string(),
        };
        let nodes = map_get(&root, "nodes")
            .and_then(Value::as_array)
            .ok_or_else(|| fmt("no `nodes` list"))?;
        let attrs = map_get(&root, "attrs")
            .and_then(Value::as_array)
            .ok_or_else(|| fmt("no `attrs` list"))?;
        let params = map_get(&root, "params")
            .and_then(Value::as_array)
            .ok_or_else(|| fmt("no `params` list"))?;
        if attrs.len() != nodes.len() || params.len() != nodes.len() {
            return Err(fmt("nodes/attrs/params lists differ in length"));
        }
        let mut out = Vec::with_capacity(nodes.len());
        for i in 0..nodes.len() {
            let n = &nodes[i];
            let name = map_get(n, "name")
                .and_then(Value::as_str)
                .ok_or_else(|| fmt("node without name"))?
                .to_string();
            let mut dims = HashMap::new();
            if let Some(Value::Map(m)) = map_get(n, "dims") {
                for (k, v) in m {
                    if let Some(k) = key_str(k) {
                        dims.insert(k, v.as_i64());
                    }
                }
            }
            let mut refs = HashMap::new();
            if let Some(Value::Map(m)) = map_get(n, "refs") {
                for (k, v) in m {
                    if let (Some(k), Some(v)) = (key_str(k), v.as_u64()) {
                        refs.insert(k, v as usize);
                    }
                }
            }
            let mut node_attrs = HashMap::new();
            if let Value::Map(m) = &attrs[i] {
                for (k, v) in m {
                    let Some(k) = key_str(k) else { continue };
                    let decoded = match v {
                        Value::Binary(b) => rmpv::decode::read_value(&mut &b[..])
                            .map_err(|e| fmt(&format!("attr {k}: {e}")))?,
                        other => other.clone(),
                    };
                    node_attrs.insert(k, decoded);
                }
            }
            let mut node_params = HashMap::new();
            if let Value::Map(m) = &params[i] {
                for (k, v) in m {
                    let Some(k) = key_str(k) else { continue };
                    let arr =
                        decode_array(v).map_err(|e| fmt(&format!("param {name}.{k}: {e}")))?;
                    node_params.insert(k, arr);
                }
            }
            out.push(Node {
                name,
                dims,
                refs,
                attrs: node_attrs,
                params: node_params,
            });
        }
        Ok(Model {
            nodes: out,
            path: path.to_path_buf(),
        })
    }

    /// A format error attributed to this model's file.
    pub fn error(&self, msg: impl Into<String>) -> WeightsError {
        WeightsError::Format {
            path: self.path.clone(),
            msg: msg.into(),
        }
    }

    /// Ids of all nodes with this exact name, ascending.
    pub fn nodes_named(&self, name: &str) -> Vec<usize> {
        (0..self.nodes.len())
            .filter(|&i| self.nodes[i].name == name)
            .collect()
    }

    /// Parameter `param` of node `node`, checked against the expected shape.
    pub fn param(&self, node: usize, param: &str, shape: &[usize]) -> Result<&Array, WeightsError> {
        let n = self
            .nodes
            .get(node)
            .ok_or_else(|| self.error(format!("no node {node}")))?;
        let a = n
            .params
            .get(param)
            .ok_or_else(|| self.error(format!("node {node} ({}) has no param {param}", n.name)))?;
        if a.shape != shape {
            return Err(self.error(format!(
                "node {node} ({}) param {param}: shape {:?}, expected {:?}",
                n.name, a.shape, shape
            )));
        }
        Ok(a)
    }
}

/// Reads a whole msgpack file into a value tree.
pub fn read_msgpack(path: &Path) -> Result<Value, WeightsError> {
    let bytes = std::fs::read(path).map_err(|source| WeightsError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    rmpv::decode::read_value(&mut &bytes[..]).map_err(|e| WeightsError::Format {
        path: path.to_path_buf(),
        msg: format!("bad msgpack: {e}"),
    })
}

/// Key of a msgpack map as text (srsly writes some keys as str, some as bin).
pub fn key_str(k: &Value) -> Option<String> {
    match k {
        Value::String(s) => s.as_str().map(str::to_string),
        Value::Binary(b) => std::str::from_utf8(b).ok().map(str::to_string),
        _ => None,
    }
}

/// Looks up `key` (str or bin) in a msgpack map.
pub fn map_get<'a>(v: &'a Value, key: &str) -> Option<&'a Value> {
    match v {
        Value::Map(m) => m
            .iter()
            .find(|(k, _)| key_str(k).as_deref() == Some(key))
            .map(|(_, v)| v),
        _ => None,
    }
}

fn decode_array(v: &Value) -> Result<Array, String> {
    let ty = map_get(v, "type")
        .and_then(|t| match t {
            Value::String(s) => s.as_str().map(str::to_string),
            Value::Binary(b) => std::str::from_utf8(b).ok().map(str::to_string),
            _ => None,
        })
        .ok_or("array without type")?;
    if ty != "<f4" {
        return Err(format!("unsupported dtype {ty}"));
    }
    let shape: Vec<usize> = map_get(v, "shape")
        .and_then(Value::as_array)
        .ok_or("array without shape")?
        .iter()
        .map(|d| d.as_u64().map(|d| d as usize).ok_or("bad shape entry"))
        .collect::<Result<_, _>>()?;
    let data = match map_get(v, "data") {
        Some(Value::Binary(b)) => b,
        _ => return Err("array without data".into()),
    };
    let n: usize = shape.iter().product();
    if data.len() != n * 4 {
        return Err(format!(
            "data has {} bytes, shape {:?} needs {}",
            data.len(),
            shape,
            n * 4
        ));
    }
    let data = data
        .chunks_exact(4)
        .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
        .collect();
    Ok(Array { shape, data })
}
