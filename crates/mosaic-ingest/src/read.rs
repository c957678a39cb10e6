//! Reading one input file into articles (or rejections).

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use serde_json::Value;

use crate::clean::{clean, looks_like_title};
use crate::decode::decode;
use crate::dedup::content_hash;
use crate::feed::parse_feed;
use crate::html::{extract_page, fragment_text};
use crate::meta::{clean_field, normalize_date, read_sidecar, Sidecar};
use crate::{ArticleMeta, Format, InputFile, ReadOptions, Rejection, SourceArticle};

/// Reads a file with default limits; a JSONL, JSON or feed file yields many results.
pub fn read(file: &InputFile) -> Vec<Result<SourceArticle, Rejection>> {
    read_with(file, &ReadOptions::default())
}

/// [`read`] with explicit limits.
pub fn read_with(file: &InputFile, opts: &ReadOptions) -> Vec<Result<SourceArticle, Rejection>> {
    read_iter(file, opts).collect()
}

/// Reads a file lazily: JSONL is streamed line by line, so a 100 MB file never sits in memory.
pub fn read_iter(file: &InputFile, opts: &ReadOptions) -> ArticleIter {
    let ctx = Ctx::new(file, opts.clone());
    let inner = if file.format == Format::Jsonl {
        match open_jsonl(&file.path) {
            Ok(reader) => Inner::Jsonl {
                reader,
                line: 0,
                buf: Vec::new(),
            },
            Err(reason) => Inner::Done(vec![Err(ctx.reject_file(reason))].into_iter()),
        }
    } else {
        Inner::Done(read_whole(&ctx).into_iter())
    };
    ArticleIter { ctx, inner }
}

/// Articles of one file, in file order; see [`read_iter`].
pub struct ArticleIter {
    ctx: Ctx,
    inner: Inner,
}

enum Inner {
    Done(std::vec::IntoIter<Result<SourceArticle, Rejection>>),
    Jsonl {
        reader: BufReader<File>,
        line: usize,
        buf: Vec<u8>,
    },
}

impl Iterator for ArticleIter {
    type Item = Result<SourceArticle, Rejection>;

    fn next(&mut self) -> Option<Self::Item> {
        match &mut self.inner {
            Inner::Done(it) => it.next(),
            Inner::Jsonl { reader, line, buf } => loop {
                *line += 1;
                let cap = self
                    .ctx
                    .opts
                    .max_article_bytes
                    .saturating_mul(2)
                    .saturating_add(65536);
                let origin = format!("{}#{}", self.ctx.path_str, line);
                match read_capped_line(reader, buf, cap) {
                    Ok(None) => return None,
                    Err(e) => {
                        let r = Rejection {
                            origin,
                            reason: format!("read error, rest of file skipped: {e}"),
                        };
                        self.inner = Inner::Done(Vec::new().into_iter());
                        return Some(Err(r));
                    }
                    Ok(Some(total)) if total > cap => {
                        return Some(Err(Rejection {
                            origin,
                            reason: format!(
                                "line is {}, over the {} line limit; split the record or raise ReadOptions::max_article_bytes",
                                mb(total),
                                mb(cap)
                            ),
                        }));
                    }
                    Ok(Some(_)) => {
                        if buf.iter().all(u8::is_ascii_whitespace) {
                            continue;
                        }
                        let rec = jsonl_record(&self.ctx, buf, *line);
                        return Some(rec);
                    }
                }
            },
        }
    }
}

/// Everything about the file that every article of it shares.
struct Ctx {
    path_str: String,
    file_name: String,
    stem: String,
    format: Format,
    opts: ReadOptions,
    sidecar: Option<Sidecar>,
    sidecar_note: Option<String>,
}

impl Ctx {
    fn new(file: &InputFile, opts: ReadOptions) -> Self {
        let (sidecar, sidecar_note) = match &file.sidecar {
            None => (None, None),
            Some(p) => match read_sidecar(p) {
                Ok(s) => (
                    Some(s),
                    Some(format!("metadata from sidecar {}", p.display())),
                ),
                Err(e) => (None, Some(e)),
            },
        };
        let name = |s: Option<&std::ffi::OsStr>| {
            s.map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default()
        };
        Ctx {
            path_str: file.path.display().to_string(),
            file_name: name(file.path.file_name()),
            stem: name(file.path.file_stem()),
            format: file.format,
            opts,
            sidecar,
            sidecar_note,
        }
    }

    fn reject_file(&self, reason: String) -> Rejection {
        Rejection {
            origin: self.path_str.clone(),
            reason,
        }
    }

    /// Meta for the whole file (single-article formats) or record `n` of it.
    fn meta(&self, record: Option<usize>) -> ArticleMeta {
        match record {
            None => ArticleMeta {
                name: self.stem.clone(),
                origin: self.path_str.clone(),
                ..Default::default()
            },
            Some(n) => ArticleMeta {
                name: format!("{}#{n}", self.file_name),
                origin: format!("{}#{n}", self.path_str),
                ..Default::default()
            },
        }
    }
}

fn mb(n: usize) -> String {
    format!("{:.1} MB", n as f64 / (1024.0 * 1024.0))
}

/// Reads at most `limit` bytes of a file, refusing bigger files up front.
fn read_limited(path: &Path, limit: usize, what: &str) -> Result<Vec<u8>, String> {
    let f = File::open(path).map_err(|e| format!("cannot open: {e}"))?;
    let size = f.metadata().map(|m| m.len() as usize).unwrap_or(0);
    let too_big = |n: usize| {
        format!(
            "file is {}, over the {} {what} limit; split it or raise the limit in ReadOptions",
            mb(n),
            mb(limit)
        )
    };
    if size > limit {
        return Err(too_big(size));
    }
    let mut buf = Vec::with_capacity(size.min(limit));
    f.take(limit as u64 + 1)
        .read_to_end(&mut buf)
        .map_err(|e| format!("read error: {e}"))?;
    if buf.len() > limit {
        return Err(too_big(buf.len()));
    }
    Ok(buf)
}

fn read_whole(ctx: &Ctx) -> Vec<Result<SourceArticle, Rejection>> {
    let path = Path::new(&ctx.path_str);
    let (limit, what) = match ctx.format {
        Format::Text | Format::Markdown => (ctx.opts.max_article_bytes, "article"),
        Format::Html => (ctx.opts.max_html_bytes, "HTML page"),
        _ => (ctx.opts.max_feed_bytes, "feed/JSON file"),
    };
    let bytes = match read_limited(path, limit, what) {
        Ok(b) => b,
        Err(reason) => return vec![Err(ctx.reject_file(reason))],
    };
    match ctx.format {
        Format::Text | Format::Markdown => vec![read_text(ctx, &bytes)],
        Format::Html => vec![read_html(ctx, &bytes)],
        Format::Feed => read_feed(ctx, &bytes),
        Format::Json => read_json(ctx, &bytes),
        Format::Jsonl => unreachable_jsonl(ctx),
    }
}

fn unreachable_jsonl(ctx: &Ctx) -> Vec<Result<SourceArticle, Rejection>> {
    vec![Err(ctx.reject_file(
        "internal: JSONL is streamed, not read whole".into(),
    ))]
}

fn read_text(ctx: &Ctx, bytes: &[u8]) -> Result<SourceArticle, Rejection> {
    let d = decode(bytes, None).map_err(|r| ctx.reject_file(r))?;
    build(ctx, ctx.meta(None), d.text, d.encoding, d.notes, true)
}

fn read_html(ctx: &Ctx, bytes: &[u8]) -> Result<SourceArticle, Rejection> {
    let declared = declared_charset(bytes);
    let d = decode(bytes, declared.as_deref()).map_err(|r| ctx.reject_file(r))?;
    let page = extract_page(&d.text);
    if page.text.trim().is_empty() {
        return Err(ctx.reject_file("HTML page has no text to extract".into()));
    }
    let mut meta = ctx.meta(None);
    meta.title = page.title;
    meta.url = page.url;
    meta.outlet = page.outlet;
    meta.published = page.published;
    let mut notes = d.notes;
    notes.extend(page.notes);
    build(ctx, meta, page.text, d.encoding, notes, false)
}

/// `<meta charset=…>` or `http-equiv` content type in the first 2 KB of a page.
fn declared_charset(bytes: &[u8]) -> Option<String> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(2048)]).to_lowercase();
    let at = head.find("charset=")? + "charset=".len();
    let rest = head[at..].trim_start_matches(['"', '\'', ' ']);
    let label: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || "-_:.".contains(*c))
        .collect();
    (!label.is_empty()).then_some(label)
}

fn read_feed(ctx: &Ctx, bytes: &[u8]) -> Vec<Result<SourceArticle, Rejection>> {
    let items = match parse_feed(bytes) {
        Ok(items) => items,
        Err(e) => return vec![Err(ctx.reject_file(format!("malformed feed: {e}")))],
    };
    if items.is_empty() {
        return vec![Err(ctx.reject_file("feed has no items".into()))];
    }
    items
        .into_iter()
        .enumerate()
        .map(|(i, item)| {
            let mut meta = ctx.meta(Some(i + 1));
            if item.text.trim().is_empty() {
                return Err(Rejection {
                    origin: meta.origin,
                    reason: "feed item has no content or description".into(),
                });
            }
            meta.title = item.title;
            meta.url = item.url;
            meta.outlet = item.outlet;
            meta.published = item.published;
            build(ctx, meta, item.text, "UTF-8".into(), Vec::new(), false)
        })
        .collect()
}

fn read_json(ctx: &Ctx, bytes: &[u8]) -> Vec<Result<SourceArticle, Rejection>> {
    let d = match decode(bytes, None) {
        Ok(d) => d,
        Err(r) => return vec![Err(ctx.reject_file(r))],
    };
    match serde_json::from_str::<Value>(&d.text) {
        Err(e) => vec![Err(ctx.reject_file(format!("malformed JSON: {e}")))],
        Ok(Value::Array(items)) => items
            .into_iter()
            .enumerate()
            .map(|(i, v)| record(ctx, v, ctx.meta(Some(i + 1)), &d.encoding))
            .collect(),
        Ok(v) => vec![record(ctx, v, ctx.meta(None), &d.encoding)],
    }
}

fn open_jsonl(path: &Path) -> Result<BufReader<File>, String> {
    let f = File::open(path).map_err(|e| format!("cannot open: {e}"))?;
    let mut reader = BufReader::with_capacity(1 << 16, f);
    let head = reader.fill_buf().map_err(|e| format!("read error: {e}"))?;
    if head.starts_with(b"\xFF\xFE") || head.starts_with(b"\xFE\xFF") {
        return Err("UTF-16 JSONL is not supported; convert the file to UTF-8".into());
    }
    if head[..head.len().min(8000)].contains(&0) {
        return Err("binary file (NUL bytes); not JSONL".into());
    }
    if head.is_empty() {
        return Err("empty file (0 bytes)".into());
    }
    if head.starts_with(b"\xEF\xBB\xBF") {
        // A UTF-8 BOM would make the first record unparseable.
        reader.consume(3);
    }
    Ok(reader)
}

/// Reads one line into `buf` (newline excluded) keeping at most `cap` bytes; the rest of an
/// over-long line is skipped without being stored. Returns the line's full length, or `None` at
/// end of file.
fn read_capped_line(
    r: &mut BufReader<File>,
    buf: &mut Vec<u8>,
    cap: usize,
) -> std::io::Result<Option<usize>> {
    buf.clear();
    let mut total = 0usize;
    let mut any = false;
    loop {
        let chunk = r.fill_buf()?;
        if chunk.is_empty() {
            return Ok(any.then_some(total));
        }
        any = true;
        let (take, done) = match chunk.iter().position(|b| *b == b'\n') {
            Some(i) => (i, true),
            None => (chunk.len(), false),
        };
        if total + take <= cap {
            buf.extend_from_slice(&chunk[..take]);
        } else if buf.len() < cap {
            buf.clear();
        }
        total += take;
        r.consume(take + usize::from(done));
        if done {
            if buf.last() == Some(&b'\r') {
                buf.pop();
            }
            return Ok(Some(total));
        }
    }
}

fn jsonl_record(ctx: &Ctx, line: &[u8], n: usize) -> Result<SourceArticle, Rejection> {
    let meta = ctx.meta(Some(n));
    let d = decode(line, None).map_err(|r| Rejection {
        origin: meta.origin.clone(),
        reason: r,
    })?;
    match serde_json::from_str::<Value>(&d.text) {
        Ok(v) => record(ctx, v, meta, &d.encoding),
        Err(e) => Err(Rejection {
            origin: meta.origin,
            reason: format!("line {n}: malformed JSON ({e}); fix or remove this line, the other lines still load"),
        }),
    }
}

/// One JSON article object (a JSONL line, a `.json` file or an element of its array).
fn record(
    ctx: &Ctx,
    v: Value,
    mut meta: ArticleMeta,
    encoding: &str,
) -> Result<SourceArticle, Rejection> {
    let reject = |origin: &str, reason: String| Rejection {
        origin: origin.to_string(),
        reason,
    };
    let Value::Object(obj) = v else {
        return Err(reject(
            &meta.origin,
            "record is not a JSON object; expected {\"text\": …} or {\"html\": …}".into(),
        ));
    };
    let field = |k: &str| obj.get(k).and_then(Value::as_str);
    let mut notes = Vec::new();
    let (text, format_note) = if let Some(t) = field("text").filter(|t| !t.trim().is_empty()) {
        (t.to_string(), None)
    } else if let Some(h) = field("html").filter(|h| !h.trim().is_empty()) {
        let looks_like_page =
            h.to_lowercase().contains("<body") || h.to_lowercase().contains("<html");
        if looks_like_page {
            let page = extract_page(h);
            meta.title = page.title;
            meta.url = page.url;
            meta.outlet = page.outlet;
            meta.published = page.published;
            notes.extend(page.notes);
            (page.text, Some("text extracted from the record's html"))
        } else {
            (
                fragment_text(h),
                Some("text taken from the record's html fragment"),
            )
        }
    } else {
        return Err(reject(
            &meta.origin,
            "record has no non-empty \"text\" or \"html\" string field; add one or remove the record".into(),
        ));
    };
    notes.extend(format_note.map(str::to_string));
    if let Some(t) = clean_field(field("title")) {
        meta.title = Some(t);
    }
    if let Some(u) = clean_field(field("url")) {
        meta.url = Some(u);
    }
    if let Some(o) = clean_field(field("outlet")) {
        meta.outlet = Some(o);
    }
    if let Some(p) = clean_field(field("published")) {
        match normalize_date(&p) {
            Some(d) => meta.published = Some(d),
            None => notes.push(format!("publication date {p:?} not understood; left empty")),
        }
    }
    build(ctx, meta, text, encoding.to_string(), notes, false)
}

fn title_key(s: &str) -> String {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Final assembly shared by every format: size limit, sidecar, title, clean-up, hash.
fn build(
    ctx: &Ctx,
    mut meta: ArticleMeta,
    mut raw: String,
    encoding: String,
    mut notes: Vec<String>,
    text_format: bool,
) -> Result<SourceArticle, Rejection> {
    if raw.len() > ctx.opts.max_article_bytes {
        return Err(Rejection {
            origin: meta.origin,
            reason: format!(
                "article text is {}, over the {} limit; split it or raise ReadOptions::max_article_bytes",
                mb(raw.len()),
                mb(ctx.opts.max_article_bytes)
            ),
        });
    }
    if raw.trim().is_empty() {
        return Err(Rejection {
            origin: meta.origin,
            reason: "empty (no text)".into(),
        });
    }
    if let Some(s) = &ctx.sidecar {
        let single = matches!(ctx.format, Format::Text | Format::Markdown | Format::Html)
            || (ctx.format == Format::Json && !meta.origin.contains('#'));
        if single {
            meta.url = clean_field(s.url.as_deref()).or(meta.url);
            meta.title = clean_field(s.title.as_deref()).or(meta.title);
        }
        meta.outlet = clean_field(s.outlet.as_deref()).or(meta.outlet);
        match s.published.as_deref().map(|p| (p, normalize_date(p))) {
            Some((_, Some(d))) if single || meta.published.is_none() => meta.published = Some(d),
            Some((p, None)) => notes.push(format!(
                "sidecar publication date {p:?} not understood; ignored"
            )),
            _ => {}
        }
    }
    notes.extend(ctx.sidecar_note.clone());
    // Formats whose title sits outside the text get it as the first line, as in the .txt corpus.
    if !text_format {
        if let Some(t) = &meta.title {
            let first = raw.trim_start().lines().next().unwrap_or_default();
            if title_key(first) != title_key(t) {
                raw = format!("{t}\n\n{raw}");
            }
        }
    }
    let cleaned = clean(&raw);
    if cleaned.text.is_empty() {
        return Err(Rejection {
            origin: meta.origin,
            reason: "nothing left after clean-up (only page junk)".into(),
        });
    }
    if meta.title.is_none() {
        let mut lines = cleaned.text.split('\n');
        let first = lines
            .next()
            .unwrap_or_default()
            .trim_start_matches('#')
            .trim();
        let next_blank = lines.next().is_some_and(str::is_empty);
        let more = cleaned.text.contains('\n');
        if more && looks_like_title(first, next_blank) {
            meta.title = Some(first.to_string());
        }
    }
    Ok(SourceArticle {
        content_hash: content_hash(&cleaned.text),
        meta,
        raw_text: raw,
        format: ctx.format,
        encoding,
        cleaned,
        notes,
    })
}
