//! `eval`: extraction scored against hand-made answer keys, with score.py's figures.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use mosaic_eval::{score_folder, AnswerFile};
use mosaic_ingest::{discover, read};

use super::extractor;
use crate::exit::Exit;
use crate::Cli;

pub fn eval(
    cli: &Cli,
    gold_dir: &Path,
    per_doc: bool,
    out: Option<&Path>,
    confusion: bool,
) -> Result<Exit> {
    if !gold_dir.is_dir() {
        bail!(
            "{} is not a folder of NAME.txt + NAME.gold.json pairs",
            gold_dir.display()
        );
    }
    let predictions = predict_folder(cli, gold_dir)?;
    if let Some(out) = out {
        std::fs::create_dir_all(out).with_context(|| format!("cannot create {}", out.display()))?;
        for (stem, answer) in &predictions {
            std::fs::write(
                out.join(format!("{stem}.json")),
                serde_json::to_string_pretty(answer)?,
            )?;
        }
    }
    let report = score_folder(gold_dir, |stem| predictions.get(stem).cloned())
        .map_err(anyhow::Error::msg)?;
    if cli.json {
        println!("{}", serde_json::to_string_pretty(&report.json())?);
    } else {
        print!("{}", report.table(per_doc));
        if confusion {
            println!("\nevent types (events paired on their actors):");
            print!("{}", report.confusion_table());
        }
    }
    Ok(Exit::Success)
}

/// Runs extraction on every `NAME.txt` of a folder (sidecar metadata included), keyed by NAME.
pub fn predict_folder(cli: &Cli, dir: &Path) -> Result<HashMap<String, AnswerFile>> {
    let ex = extractor(cli)?;
    let files: Vec<_> = discover(&[PathBuf::from(dir)])
        .into_iter()
        .filter(|f| f.path.extension().is_some_and(|e| e == "txt") && f.path.parent() == Some(dir))
        .collect();
    let mut out = HashMap::new();
    for file in files {
        let stem = file
            .path
            .file_stem()
            .unwrap_or_default()
            .to_string_lossy()
            .to_string();
        let file_name = file
            .path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .to_string();
        for item in read(&file) {
            match item {
                Ok(article) => {
                    let doc = ex.annotate(article.into_document());
                    out.insert(stem.clone(), mosaic_extract::to_answer(&doc, &file_name));
                }
                Err(r) => eprintln!("mosaic: rejected {r}"),
            }
        }
    }
    Ok(out)
}
