//! `ingest`, `extract` and `parse`: running the pipeline over files.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use mosaic_ingest::{discover, read, Rejection};
use mosaic_store::{IngestOutcome, Store};
use serde::Serialize;

use super::{extractor, print_json};
use crate::{progress, Cli};

#[derive(Default, Serialize)]
pub struct IngestSummary {
    pub new: usize,
    pub unchanged: usize,
    pub duplicate: usize,
    pub rejected: Vec<Rejection>,
    pub duplicates: Vec<(String, String)>,
}

/// Ingests every article under `paths` into the store; returns the summary.
pub fn ingest_into(cli: &Cli, store: &mut Store, paths: &[PathBuf]) -> Result<IngestSummary> {
    let files = discover(paths);
    if files.is_empty() {
        bail!(
            "no articles found under {} (looked for .txt .md .html .htm .jsonl .xml .rss .atom)",
            show_paths(paths)
        );
    }
    let ex = extractor(cli)?;
    store.set_pipeline_version(mosaic_extract::PIPELINE_VERSION);
    let mut summary = IngestSummary::default();
    let mut known = store.simhashes()?;
    let pb = progress::bar(files.len() as u64, "ingesting", cli.quiet || cli.json);
    for file in &files {
        for item in read(file) {
            let article = match item {
                Ok(a) => a,
                Err(r) => {
                    pb.suspend(|| eprintln!("rejected {r}"));
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
            let near = known
                .iter()
                .find(|(_, h)| mosaic_ingest::is_near_duplicate(*h, sim))
                .map(|(id, _)| *id);
            let doc = ex.annotate(article.into_document());
            let name = doc.meta.name.clone();
            match store.put_document(&doc, &hash, sim, near)? {
                IngestOutcome::New { doc_id } => {
                    summary.new += 1;
                    known.push((doc_id, sim));
                }
                IngestOutcome::Unchanged { .. } => summary.unchanged += 1,
                IngestOutcome::NearDuplicate { doc_id, of } => {
                    summary.duplicate += 1;
                    summary.duplicates.push((name, format!("document {of}")));
                    known.push((doc_id, sim));
                }
            }
        }
        pb.inc(1);
    }
    pb.finish_and_clear();
    Ok(summary)
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

pub fn ingest(cli: &Cli, paths: &[PathBuf]) -> Result<ExitCode> {
    check_paths(paths)?;
    let mut store = Store::open(&cli.db)
        .with_context(|| format!("cannot open the store {}", cli.db.display()))?;
    let summary = ingest_into(cli, &mut store, paths)?;
    if cli.json {
        print_json(&summary)?;
    } else {
        print_summary(&summary, &cli.db);
    }
    Ok(ExitCode::SUCCESS)
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
    for (name, of) in &s.duplicates {
        println!("  duplicate: {name} copies {of} (linked, not counted as a new source)");
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

pub fn extract(cli: &Cli, paths: &[PathBuf], out: &Path) -> Result<ExitCode> {
    check_paths(paths)?;
    let files = discover(paths);
    if files.is_empty() {
        bail!("no articles found under {}", show_paths(paths));
    }
    std::fs::create_dir_all(out).with_context(|| format!("cannot create {}", out.display()))?;
    let ex = extractor(cli)?;
    let pb = progress::bar(files.len() as u64, "extracting", cli.quiet || cli.json);
    let mut written = BTreeMap::new();
    let mut rejected = Vec::new();
    for file in &files {
        for item in read(file) {
            match item {
                Err(r) => {
                    pb.suspend(|| eprintln!("rejected {r}"));
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
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

pub fn parse(cli: &Cli, file: &Path, format: &str) -> Result<ExitCode> {
    if format != "spacy-json" {
        bail!("unknown format {format:?}; the only format is spacy-json");
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
    Ok(ExitCode::SUCCESS)
}

pub fn show_paths(paths: &[PathBuf]) -> String {
    paths
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}
