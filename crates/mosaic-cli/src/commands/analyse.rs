//! `ingest`, `extract` and `parse`: running the pipeline over files.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use mosaic_ingest::{read, InputFile, Rejection};
use mosaic_store::{IngestOutcome, Pick, Store};
use serde::Serialize;

use super::{extractor, print_json, provenance};
use crate::args::IngestMeta;
use crate::exit::Exit;
use crate::{progress, Cli};

#[derive(Default, Serialize)]
pub struct IngestSummary {
    pub new: usize,
    pub unchanged: usize,
    pub duplicate: usize,
    pub rejected: Vec<Rejection>,
    pub duplicates: Vec<Duplicate>,
}

/// An article stored as a near-duplicate copy of one already stored.
#[derive(Serialize)]
pub struct Duplicate {
    pub document: String,
    pub id: i64,
    pub copy_of: i64,
    pub copy_of_name: String,
}

/// The article files under `paths`; none is an error that says why each named file was passed
/// over (a binary file named explicitly is rejected for being binary, not "not found").
fn article_files(paths: &[PathBuf]) -> Result<Vec<InputFile>> {
    let found = mosaic_ingest::discover_report(paths);
    if found.files.is_empty() {
        let why: Vec<String> = found.skipped.iter().map(|r| format!("\n  {r}")).collect();
        bail!(
            "no articles found under {} (looked for .txt .md .html .htm .jsonl .xml .rss .atom){}",
            show_paths(paths),
            why.concat()
        );
    }
    Ok(found.files)
}

/// Ingests every article under `paths` into the store; returns the summary.
pub fn ingest_into(
    cli: &Cli,
    store: &mut Store,
    paths: &[PathBuf],
    meta: &IngestMeta,
) -> Result<IngestSummary> {
    let files = article_files(paths)?;
    provenance::check(meta, &files)?;
    let ex = extractor(cli)?;
    store.set_pipeline_version(mosaic_extract::PIPELINE_VERSION);
    store.set_outlets(super::clusters::outlets(cli)?);
    let mut summary = IngestSummary::default();
    let mut known = store.simhashes()?;
    let pb = progress::bar(files.len() as u64, "ingesting", cli.quiet || cli.json);
    let mut index = super::search::ingest_indexer(store, cli.quiet || cli.json);
    for file in &files {
        for item in read(file) {
            let article = match item {
                Ok(a) => a,
                Err(r) => {
                    pb.suspend(|| eprintln!("mosaic: rejected {r}"));
                    summary.rejected.push(r);
                    continue;
                }
            };
            if store.has_content_hash(&article.content_hash)?.is_some() {
                summary.unchanged += 1;
                continue;
            }
            let hash = article.content_hash.clone();
            let sim = mosaic_ingest::simhash(&article.cleaned.text);
            let near = near_duplicate_of(store, &known, sim, &article.cleaned.text)?;
            let mut doc = article.into_document();
            provenance::apply(&mut doc, file, meta);
            let doc = ex.annotate(doc);
            let name = doc.meta.name.clone();
            let outcome = store.put_document(&doc, &hash, sim, near)?;
            super::search::index_stored(&mut index, store, outcome.doc_id());
            match outcome {
                IngestOutcome::New { doc_id } => {
                    summary.new += 1;
                    known.push((doc_id, sim));
                }
                IngestOutcome::Unchanged { .. } => summary.unchanged += 1,
                IngestOutcome::NearDuplicate { doc_id, of } => {
                    summary.duplicate += 1;
                    summary.duplicates.push(Duplicate {
                        document: name,
                        id: doc_id,
                        copy_of: of,
                        copy_of_name: match store.pick_document(&format!("#{of}"))? {
                            Pick::One(d) => d.name,
                            _ => String::new(),
                        },
                    });
                    known.push((doc_id, sim));
                }
            }
        }
        pb.inc(1);
    }
    pb.finish_and_clear();
    super::search::finish_indexing(index, store);
    Ok(summary)
}

/// The stored document `text` copies: the first within the SimHash distance whose shingles
/// also overlap enough (the MinHash check of `NearDupIndex`). The SimHash alone is not enough
/// at scale: two unrelated texts fall within 16 bits about once in 26,000 pairs, so a
/// 10,000-article store would mark thousands of distinct articles as copies.
fn near_duplicate_of(
    store: &Store,
    known: &[(i64, u64)],
    sim: u64,
    text: &str,
) -> Result<Option<i64>> {
    for (id, _) in known
        .iter()
        .filter(|(_, h)| mosaic_ingest::is_near_duplicate(*h, sim))
    {
        let Some(stored) = store.article_export(*id)? else {
            continue;
        };
        if mosaic_ingest::dedup::estimated_overlap(text, &stored.text)
            >= mosaic_ingest::dedup::NEAR_DUP_MIN_JACCARD
        {
            return Ok(Some(*id));
        }
    }
    Ok(None)
}

/// Refuses paths that do not exist before anything (a store file) is created.
pub fn check_paths(paths: &[PathBuf]) -> Result<()> {
    let missing: Vec<String> = paths
        .iter()
        .filter(|p| !p.exists())
        .map(|p| p.display().to_string())
        .collect();
    if !missing.is_empty() {
        bail!("no such file or folder: {}", missing.join(", "));
    }
    Ok(())
}

pub fn ingest(cli: &Cli, paths: &[PathBuf], meta: &IngestMeta) -> Result<Exit> {
    check_paths(paths)?;
    let fresh = !cli.db.exists();
    let result = Store::open(&cli.db)
        .with_context(|| format!("cannot open the store {}", cli.db.display()))
        .and_then(|mut store| ingest_into(cli, &mut store, paths, meta))
        .and_then(nothing_read_is_an_error);
    if result.is_err() && fresh {
        // A failed first ingest leaves no empty store behind to puzzle over.
        remove_store(&cli.db);
    }
    let summary = result?;
    if cli.json {
        print_json(&summary)?;
    } else {
        print_summary(&summary, &cli.db);
    }
    Ok(Exit::Success)
}

/// An ingest that could read no article at all failed, whatever it rejected.
fn nothing_read_is_an_error(s: IngestSummary) -> Result<IngestSummary> {
    if s.new + s.unchanged + s.duplicate == 0 {
        let why: Vec<String> = s.rejected.iter().map(|r| format!("\n  {r}")).collect();
        bail!(
            "no article could be read; every input was rejected:{}",
            why.concat()
        );
    }
    Ok(s)
}

/// Deletes a store file this run created, with SQLite's side files and its search index.
fn remove_store(db: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let mut p = db.as_os_str().to_owned();
        p.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(p));
    }
    let _ = std::fs::remove_dir_all(mosaic_search::store::index_path(db));
}

pub fn print_summary(s: &IngestSummary, db: &Path) {
    println!(
        "{} new, {} unchanged, {} near-duplicate, {} rejected  → {}",
        s.new,
        s.unchanged,
        s.duplicate,
        s.rejected.len(),
        db.display()
    );
    for d in &s.duplicates {
        println!(
            "  duplicate: {} (#{}) copies #{} {} (linked, not counted as a new text)",
            d.document, d.id, d.copy_of, d.copy_of_name
        );
    }
    for r in &s.rejected {
        println!("  rejected: {r}");
    }
}

/// A file name for an article's answer file: `NAME.json`, with record markers made safe.
pub fn answer_file_name(name: &str) -> String {
    let safe: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!("{safe}.json")
}

pub fn extract(cli: &Cli, paths: &[PathBuf], out: &Path) -> Result<Exit> {
    check_paths(paths)?;
    let files = article_files(paths)?;
    std::fs::create_dir_all(out).with_context(|| format!("cannot create {}", out.display()))?;
    let ex = extractor(cli)?;
    let pb = progress::bar(files.len() as u64, "extracting", cli.quiet || cli.json);
    let mut written = BTreeMap::new();
    let mut rejected = Vec::new();
    for file in &files {
        for item in read(file) {
            match item {
                Err(r) => {
                    pb.suspend(|| eprintln!("mosaic: rejected {r}"));
                    rejected.push(r);
                }
                Ok(article) => {
                    let original_name = file
                        .path
                        .file_name()
                        .map(|n| n.to_string_lossy().to_string())
                        .unwrap_or_default();
                    let doc = ex.annotate(article.into_document());
                    let answer = mosaic_extract::to_answer(&doc, &original_name);
                    let path = out.join(answer_file_name(&doc.meta.name));
                    std::fs::write(&path, serde_json::to_string_pretty(&answer)?)
                        .with_context(|| format!("cannot write {}", path.display()))?;
                    written.insert(doc.meta.name.clone(), path.display().to_string());
                }
            }
        }
        pb.inc(1);
    }
    pb.finish_and_clear();
    if cli.json {
        print_json(&serde_json::json!({"written": written, "rejected": rejected}))?;
    } else {
        println!(
            "wrote {} answer files to {}; {} rejected",
            written.len(),
            out.display(),
            rejected.len()
        );
        for r in &rejected {
            println!("  rejected: {r}");
        }
    }
    Ok(if written.is_empty() {
        Exit::Negative
    } else {
        Exit::Success
    })
}

pub fn parse(cli: &Cli, file: &Path, format: &str) -> Result<Exit> {
    if format != "spacy-json" {
        bail!("unknown format {format:?}; the only format is spacy-json");
    }
    if cli.rules_only {
        bail!("`parse` runs the spaCy model, which --rules-only turns off; drop --rules-only");
    }
    let Some(dir) = mosaic_nlp::model_dir::find_model_dir(cli.models.as_deref()) else {
        bail!(
            "the spaCy model is not installed. {}",
            mosaic_nlp::model_dir::INSTALL_HINT
        );
    };
    let bytes = std::fs::read(file).with_context(|| format!("cannot read {}", file.display()))?;
    let text = String::from_utf8(bytes)
        .with_context(|| format!("{} is not UTF-8 text", file.display()))?;
    let nlp = mosaic_nlp::pipeline::Pipeline::load(&dir)
        .with_context(|| format!("cannot load the model from {}", dir.display()))?;
    println!(
        "{}",
        mosaic_nlp::spacy_json::to_spacy_json_string(&text, &nlp.parse_spacy_view(&text))
    );
    Ok(Exit::Success)
}

pub fn show_paths(paths: &[PathBuf]) -> String {
    paths
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}
