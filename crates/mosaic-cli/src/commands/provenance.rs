//! Where a stored article comes from: the name commands call it by, the absolute path it was
//! read from, and the outlet, date and URL the analyst gave on the command line.

use anyhow::{bail, Result};
use mosaic_core::{Document, Severity};
use mosaic_ingest::InputFile;

use crate::args::IngestMeta;

/// Refuses metadata that cannot apply to what is read: one URL names one article.
pub fn check(meta: &IngestMeta, files: &[InputFile]) -> Result<()> {
    if meta.url.is_some() && files.len() > 1 {
        bail!(
            "--url names one article, but {} files were found; ingest that file on its own",
            files.len()
        );
    }
    Ok(())
}

/// Gives a document read from `file` its stored name and origin, and the command line's
/// metadata over what the file said (noted as a diagnostic, so `show` tells where it came from).
pub fn apply(doc: &mut Document, file: &InputFile, meta: &IngestMeta) {
    let m = &mut doc.meta;
    // The file name with its extension, as the user sees it (`show a.json`); records keep
    // their `file.jsonl#N`.
    let stem = file.path.file_stem().map(|s| s.to_string_lossy());
    if stem.as_deref() == Some(m.name.as_str()) {
        if let Some(name) = file.path.file_name() {
            m.name = name.to_string_lossy().into_owned();
        }
    }
    // Absolute, so the stored path means the same whatever folder the ingest ran in.
    let shown = file.path.display().to_string();
    let record = m.origin.strip_prefix(&shown).unwrap_or("").to_string();
    if let Ok(abs) = std::fs::canonicalize(&file.path) {
        m.origin = format!("{}{record}", abs.display());
    }
    let given = [
        ("outlet", &meta.outlet, &mut m.outlet),
        ("published", &meta.published, &mut m.published),
        ("url", &meta.url, &mut m.url),
    ];
    let mut notes = Vec::new();
    for (what, value, field) in given {
        if let Some(v) = value {
            let was = field.replace(v.clone());
            notes.push(match was {
                Some(old) if &old != v => {
                    format!("{what} {v:?} from --{what} (the source said {old:?})")
                }
                _ => format!("{what} {v:?} from --{what}"),
            });
        }
    }
    for n in notes {
        doc.diagnose("ingest", Severity::Info, n, None);
    }
}
