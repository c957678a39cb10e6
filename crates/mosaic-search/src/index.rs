//! The index on disk: opening (and recreating when its schema changed), adding and removing a
//! document's records, commits that record what the index was built from.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use tantivy::collector::{Count, TopDocs};
use tantivy::directory::error::LockError;
use tantivy::query::TermQuery;
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, TantivyError, Term};

use crate::fields::{self, Fields, KIND_ARTICLE, KIND_CLAIM};
use crate::record::{ArticleRecord, ClaimGrade, ClaimRecord};
use crate::{docs, SearchError, INDEX_SCHEMA_VERSION};

/// Memory the writer may buffer before it flushes a segment (tantivy's minimum is 15 MB).
const WRITER_HEAP: usize = 50_000_000;

/// How [`SearchIndex::open`] found the folder.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Opening {
    /// An index of this build's schema.
    Existing,
    /// There was none; an empty one was created.
    Created,
    /// There was one of another schema version (or unreadable); it was replaced by an empty one.
    Replaced,
}

/// What every commit records beside the documents: the schema version, and the marks of the
/// source the index was brought up to date with (opaque here; see `store::StoreMarks`).
#[derive(Serialize, Deserialize)]
struct Payload {
    schema_version: u32,
    marks: Option<serde_json::Value>,
}

/// A full-text index of articles and claims.
pub struct SearchIndex {
    path: PathBuf,
    index: Index,
    pub(crate) fields: Fields,
    reader: IndexReader,
    writer: Option<IndexWriter>,
    opening: Opening,
}

impl SearchIndex {
    /// Opens the index in `dir`, creating it if missing. An index written with another
    /// [`INDEX_SCHEMA_VERSION`], or one that cannot be read, is deleted and created anew
    /// ([`Opening::Replaced`]): it is derived data, rebuilt from the store.
    pub fn open(dir: &Path) -> Result<SearchIndex, SearchError> {
        let exists = dir.join("meta.json").exists();
        if exists {
            match Index::open_in_dir(dir) {
                Ok(index)
                    if payload(&index)
                        .is_some_and(|p| p.schema_version == INDEX_SCHEMA_VERSION) =>
                {
                    return SearchIndex::wrap(dir, index, Opening::Existing);
                }
                _ => remove_dir(dir)?,
            }
        }
        std::fs::create_dir_all(dir).map_err(|source| SearchError::Io {
            path: dir.to_path_buf(),
            action: "create the folder",
            source,
        })?;
        let index = Index::create_in_dir(dir, fields::schema()).map_err(|e| err(dir, e))?;
        let opening = if exists {
            Opening::Replaced
        } else {
            Opening::Created
        };
        let mut s = SearchIndex::wrap(dir, index, opening)?;
        s.commit::<serde_json::Value>(None)?;
        Ok(s)
    }

    /// A private index in memory (tests, in-memory stores).
    pub fn in_ram() -> Result<SearchIndex, SearchError> {
        let index = Index::create_in_ram(fields::schema());
        SearchIndex::wrap(Path::new(":memory:"), index, Opening::Created)
    }

    fn wrap(path: &Path, index: Index, opening: Opening) -> Result<SearchIndex, SearchError> {
        fields::register(&index);
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(|e| err(path, e))?;
        Ok(SearchIndex {
            path: path.to_path_buf(),
            fields: Fields::of(&index.schema()),
            index,
            reader,
            writer: None,
            opening,
        })
    }

    /// The folder of the index.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// How the folder was found when opened.
    pub fn opening(&self) -> Opening {
        self.opening
    }

    pub(crate) fn index(&self) -> &Index {
        &self.index
    }

    pub(crate) fn searcher(&self) -> tantivy::Searcher {
        self.reader.searcher()
    }

    pub(crate) fn err(&self, e: TantivyError) -> SearchError {
        err(&self.path, e)
    }

    /// The writer, taken on first use: one process writes at a time (tantivy's lock file).
    fn writer(&mut self) -> Result<&mut IndexWriter, SearchError> {
        if self.writer.is_none() {
            let w = self
                .index
                .writer_with_num_threads(1, WRITER_HEAP)
                .map_err(|e| match e {
                    TantivyError::LockFailure(LockError::LockBusy, _) => {
                        SearchError::Busy(self.path.clone())
                    }
                    e => err(&self.path, e),
                })?;
            self.writer = Some(w);
        }
        Ok(self.writer.as_mut().expect("just set"))
    }

    /// Adds an article (visible after [`SearchIndex::commit`]).
    pub fn add_article(&mut self, a: &ArticleRecord) -> Result<(), SearchError> {
        let doc = docs::article_doc(&self.fields, a);
        let path = self.path.clone();
        self.writer()?
            .add_document(doc)
            .map_err(|e| err(&path, e))?;
        Ok(())
    }

    /// Adds a claim (visible after [`SearchIndex::commit`]).
    pub fn add_claim(&mut self, c: &ClaimRecord) -> Result<(), SearchError> {
        let doc = docs::claim_doc(&self.fields, c);
        let path = self.path.clone();
        self.writer()?
            .add_document(doc)
            .map_err(|e| err(&path, e))?;
        Ok(())
    }

    /// Removes a stored document's article and claims.
    pub fn remove_document(&mut self, doc_id: i64) -> Result<(), SearchError> {
        let term = Term::from_field_u64(self.fields.doc_id, doc_id as u64);
        self.writer()?.delete_term(term);
        Ok(())
    }

    /// Removes everything (before a rebuild).
    pub fn clear(&mut self) -> Result<(), SearchError> {
        let path = self.path.clone();
        self.writer()?
            .delete_all_documents()
            .map_err(|e| err(&path, e))?;
        Ok(())
    }

    /// Makes the changes so far durable and visible, recording `marks`: what the index is now
    /// up to date with (`None`: unknown, so the next check rebuilds).
    pub fn commit<M: Serialize>(&mut self, marks: Option<&M>) -> Result<(), SearchError> {
        let payload = Payload {
            schema_version: INDEX_SCHEMA_VERSION,
            marks: marks.and_then(|m| serde_json::to_value(m).ok()),
        };
        let text = serde_json::to_string(&payload).expect("plain data");
        let path = self.path.clone();
        let writer = self.writer()?;
        let mut prepared = writer.prepare_commit().map_err(|e| err(&path, e))?;
        prepared.set_payload(&text);
        prepared.commit().map_err(|e| err(&path, e))?;
        self.reader.reload().map_err(|e| err(&path, e))?;
        Ok(())
    }

    /// The marks recorded by the last commit, if any.
    pub fn marks<M: DeserializeOwned>(&self) -> Option<M> {
        serde_json::from_value(payload(&self.index)?.marks?).ok()
    }

    /// Ids of the documents indexed (as of the last commit).
    pub fn document_ids(&self) -> Result<BTreeSet<i64>, SearchError> {
        let searcher = self.searcher();
        let mut out = BTreeSet::new();
        for seg in searcher.segment_readers() {
            let col = seg.fast_fields().u64("doc_id").map_err(|e| self.err(e))?;
            for doc in seg.doc_ids_alive() {
                if let Some(id) = col.first(doc) {
                    out.insert(id as i64);
                }
            }
        }
        Ok(out)
    }

    /// How many claims and articles are indexed (as of the last commit).
    pub fn counts(&self) -> Result<(usize, usize), SearchError> {
        let searcher = self.searcher();
        let count = |kind: &str| {
            let q = TermQuery::new(
                Term::from_field_text(self.fields.kind, kind),
                IndexRecordOption::Basic,
            );
            searcher.search(&q, &Count).map_err(|e| self.err(e))
        };
        Ok((count(KIND_CLAIM)?, count(KIND_ARTICLE)?))
    }

    /// Sets the grade and cluster of indexed claims (by event id), keeping everything else;
    /// visible after the next commit. Returns how many claims were found and updated. This is
    /// how cross-source grading refreshes the index without reindexing documents.
    pub fn update_claim_grades(&mut self, grades: &[ClaimGrade]) -> Result<usize, SearchError> {
        let searcher = self.searcher();
        let mut updated = Vec::new();
        for g in grades {
            let term = Term::from_field_u64(self.fields.event_id, g.event_id as u64);
            let q = TermQuery::new(term.clone(), IndexRecordOption::Basic);
            let top = searcher
                .search(&q, &TopDocs::with_limit(1).order_by_score())
                .map_err(|e| self.err(e))?;
            let Some((_, addr)) = top.first() else {
                continue;
            };
            let stored: TantivyDocument = searcher.doc(*addr).map_err(|e| self.err(e))?;
            let mut claim = docs::claim_from(&self.fields, &stored);
            claim.grade = g.grade;
            claim.cluster = g.cluster;
            updated.push((term, claim));
        }
        for (term, claim) in &updated {
            self.writer()?.delete_term(term.clone());
            self.add_claim(claim)?;
        }
        Ok(updated.len())
    }
}

fn payload(index: &Index) -> Option<Payload> {
    let metas = index.load_metas().ok()?;
    serde_json::from_str(metas.payload.as_deref()?).ok()
}

fn err(path: &Path, source: TantivyError) -> SearchError {
    SearchError::Index {
        path: path.to_path_buf(),
        source,
    }
}

/// Deletes an index folder; refuses a folder that holds anything but index files, so a
/// mistaken path never deletes a user's data.
fn remove_dir(dir: &Path) -> Result<(), SearchError> {
    let io = |action, source| SearchError::Io {
        path: dir.to_path_buf(),
        action,
        source,
    };
    let entries = std::fs::read_dir(dir).map_err(|e| io("read the folder", e))?;
    for e in entries {
        let e = e.map_err(|e| io("read the folder", e))?;
        let name = e.file_name().to_string_lossy().to_string();
        let ours = name == "meta.json"
            || name.starts_with('.')
            || name.ends_with(".lock")
            || name.split('.').next().is_some_and(|stem| {
                stem.len() == 32 && stem.chars().all(|c| c.is_ascii_hexdigit())
            });
        if !ours {
            return Err(io(
                "replace it (it holds files that are not the index's)",
                std::io::Error::other(name),
            ));
        }
    }
    std::fs::remove_dir_all(dir).map_err(|e| io("remove the old index", e))
}

/// The stored text of a field.
pub(crate) fn text(doc: &TantivyDocument, f: tantivy::schema::Field) -> Option<String> {
    doc.get_first(f)
        .and_then(|v| v.as_str())
        .map(str::to_string)
}

/// The stored number of a field.
pub(crate) fn number(doc: &TantivyDocument, f: tantivy::schema::Field) -> Option<u64> {
    doc.get_first(f).and_then(|v| v.as_u64())
}
