//! Finding input files in the paths a user names.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::{Format, InputFile, Rejection};

/// What [`discover_report`] found: the readable files, and every file passed over with why.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Discovery {
    /// Sorted by path; each file once.
    pub files: Vec<InputFile>,
    /// Files that are not articles (answer keys, non-article JSON, unknown types, orphan sidecars).
    pub skipped: Vec<Rejection>,
}

/// The article files under `paths` (files, or folders searched recursively), sorted by path.
/// See [`discover_report`] for the files skipped and why.
pub fn discover(paths: &[PathBuf]) -> Vec<InputFile> {
    discover_report(paths).files
}

/// Like [`discover`], also telling which files were skipped and why.
///
/// Hidden files and folders (name starting with `.`) inside folders are passed over silently.
/// `NAME.meta.json` beside `NAME.ext` is attached to that file as its sidecar, never read as an
/// article. Symbolic links to folders are not followed, so link loops cannot hang discovery.
pub fn discover_report(paths: &[PathBuf]) -> Discovery {
    let mut found: BTreeMap<PathBuf, bool> = BTreeMap::new(); // path → named explicitly
    let mut out = Discovery::default();
    for p in paths {
        if p.is_dir() {
            let walker = walkdir::WalkDir::new(p)
                .follow_links(false)
                .sort_by_file_name();
            let walker = walker
                .into_iter()
                .filter_entry(|e| e.depth() == 0 || !is_hidden(e.path()));
            for entry in walker {
                match entry {
                    Ok(e)
                        if e.file_type().is_file()
                            || (e.file_type().is_symlink() && e.path().is_file()) =>
                    {
                        found.entry(e.path().to_path_buf()).or_insert(false);
                    }
                    Ok(_) => {}
                    Err(e) => out.skipped.push(Rejection {
                        origin: e
                            .path()
                            .map_or_else(|| p.display().to_string(), |x| x.display().to_string()),
                        reason: format!("cannot list: {e}"),
                    }),
                }
            }
        } else if p.is_file() {
            found.insert(p.clone(), true);
        } else {
            out.skipped.push(Rejection {
                origin: p.display().to_string(),
                reason: "no such file or folder".into(),
            });
        }
    }

    // Sidecars keyed by (folder, article name they describe).
    let mut sidecars: BTreeMap<(PathBuf, String), PathBuf> = BTreeMap::new();
    for path in found.keys() {
        if let Some(base) = file_name(path).strip_suffix(".meta.json") {
            sidecars.insert((parent(path), base.to_string()), path.clone());
        }
    }
    let mut used: BTreeSet<PathBuf> = BTreeSet::new();
    for (path, explicit) in &found {
        let name = file_name(path);
        if name.ends_with(".meta.json") {
            continue;
        }
        if !explicit && is_project_doc(&name) {
            out.skipped.push(Rejection {
                origin: path.display().to_string(),
                reason: "a folder's documentation file (README, LICENSE …), not an article; name it explicitly to read it".into(),
            });
            continue;
        }
        match classify(path, *explicit) {
            Ok(format) => {
                let dir = parent(path);
                let stem = path
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let beside = dir.join(format!("{stem}.meta.json"));
                let sidecar = sidecars
                    .get(&(dir.clone(), stem))
                    .or_else(|| sidecars.get(&(dir, name.clone())))
                    .cloned()
                    // A file named on its own still has the sidecar beside it.
                    .or_else(|| (*explicit && beside.is_file()).then_some(beside));
                if let Some(s) = &sidecar {
                    used.insert(s.clone());
                }
                out.files.push(InputFile {
                    path: path.clone(),
                    format,
                    sidecar,
                });
            }
            Err(reason) => out.skipped.push(Rejection {
                origin: path.display().to_string(),
                reason,
            }),
        }
    }
    for s in sidecars.values().filter(|s| !used.contains(*s)) {
        out.skipped.push(Rejection {
            origin: s.display().to_string(),
            reason: "sidecar metadata with no article file of the same name beside it; skipped"
                .into(),
        });
    }
    out.skipped.sort_by(|a, b| a.origin.cmp(&b.origin));
    out
}

/// README, LICENSE, CHANGELOG and the like describe a folder of articles; they are not news.
fn is_project_doc(name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or("").to_ascii_uppercase();
    matches!(
        stem.as_str(),
        "README"
            | "LICENSE"
            | "LICENCE"
            | "CHANGELOG"
            | "CONTRIBUTING"
            | "NOTICE"
            | "COPYING"
            | "AUTHORS"
    )
}

fn is_hidden(p: &Path) -> bool {
    p.file_name()
        .is_some_and(|n| n.to_string_lossy().starts_with('.'))
}

fn file_name(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn parent(p: &Path) -> PathBuf {
    p.parent().map(Path::to_path_buf).unwrap_or_default()
}

fn head(path: &Path, n: usize) -> Vec<u8> {
    let mut buf = Vec::with_capacity(n);
    if let Ok(f) = std::fs::File::open(path) {
        let _ = f.take(n as u64).read_to_end(&mut buf);
    }
    buf
}

/// What the first bytes say the file is: a feed, an HTML page, or neither.
fn sniff_markup(head: &[u8]) -> Option<Format> {
    let text = String::from_utf8_lossy(head).to_lowercase();
    if text.contains("<rss") || text.contains("<feed") || text.contains("<rdf:rdf") {
        Some(Format::Feed)
    } else if text.contains("<!doctype html") || text.contains("<html") {
        Some(Format::Html)
    } else {
        None
    }
}

fn classify(path: &Path, explicit: bool) -> Result<Format, String> {
    let name = file_name(path).to_lowercase();
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "txt" | "text" => Ok(Format::Text),
        "md" | "markdown" => Ok(Format::Markdown),
        "html" | "htm" | "xhtml" => Ok(Format::Html),
        "jsonl" | "ndjson" => Ok(Format::Jsonl),
        "rss" | "atom" => Ok(Format::Feed),
        "xml" => match sniff_markup(&head(path, 4096)) {
            Some(Format::Feed) => Ok(Format::Feed),
            _ => Err("XML file that is not an RSS/Atom feed; skipped".into()),
        },
        "json" if name.ends_with(".gold.json") => {
            Err("answer key (*.gold.json), not an article; skipped".into())
        }
        "json" => {
            let h = String::from_utf8_lossy(&head(path, 65536)).to_string();
            if h.contains("jsonfeed.org") {
                Ok(Format::Feed)
            } else if h.contains("\"text\"") || h.contains("\"html\"") {
                Ok(Format::Json)
            } else {
                Err("JSON file without article fields (\"text\" or \"html\"); skipped — use .jsonl with one article per line".into())
            }
        }
        _ => {
            let h = head(path, 4096);
            if let Some(f) = sniff_markup(&h) {
                return Ok(f);
            }
            if explicit && !h.contains(&0) {
                return Ok(Format::Text);
            }
            Err(format!(
                "unsupported file type{}; Mosaic reads .txt .md .html .jsonl .json and RSS/Atom feeds",
                if ext.is_empty() { String::new() } else { format!(" (.{ext})") }
            ))
        }
    }
}
