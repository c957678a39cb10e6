//! `search`: full-text search over stored claims and articles (`mosaic-search`), and the hooks
//! that keep the index beside the store up to date while `ingest` stores articles.

use anyhow::{bail, Context, Result};
use clap::{Args, ValueEnum};
use mosaic_search::store::{index_path, rebuild, sync, RebuildReason, StoreIndexer, SyncAction};
use mosaic_search::{
    ArticleHit, ClaimHit, Grade, GradeFilter, HitCounts, HitKind, SearchError, SearchFilter,
    SearchIndex, SearchQuery, SearchResults,
};
use mosaic_store::Store;

use super::{open_store, print_json};
use crate::args::{CopyArgs, DateArgs, ListArgs};
use crate::exit::Exit;
use crate::table::{Column, Listing, Table};
use crate::{pick, Cli};

/// Set to `off` to store articles without updating the search index (it is brought up to date
/// by the next `mosaic search`); used to measure what indexing costs an ingest.
pub const INDEX_ENV: &str = "MOSAIC_SEARCH_INDEX";

const OPEN: &str = "«";
const CLOSE: &str = "»";

const CLAIM_LEGEND: &str = "«»: the words searched for; ~date: the article's date (the claim \
states none); ?: no date; —: none; grade: Admiralty grade (— until graded); in: the document \
(`mosaic show` it); per: its outlet, then each source cited";
const ARTICLE_LEGEND: &str = "«»: the words searched for; —: not known";

/// Which hits to print.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum KindArg {
    Claims,
    Articles,
    #[default]
    All,
}

/// The options of `mosaic search`.
#[derive(Args, Debug)]
pub struct SearchArgs {
    /// Words to find (all must match; write OR between alternatives, "quotes" for a phrase,
    /// -word to exclude). None: everything the filters keep, newest first.
    pub query: Vec<String>,
    /// Claims (stored events), articles, or both.
    #[arg(long, value_enum, default_value_t = KindArg::All)]
    pub kind: KindArg,
    /// An actor on either side of a claim, or named in an article: its id, or a name or alias
    /// that names one actor.
    #[arg(long)]
    pub actor: Option<String>,
    /// PLOVER type of the claim (COERCE, CONSULT …).
    #[arg(long = "type", value_parser = crate::args::event_type)]
    pub event_type: Option<String>,
    #[command(flatten)]
    pub dates: DateArgs,
    /// Only outlets whose name contains this (case-insensitive).
    #[arg(long)]
    pub outlet: Option<String>,
    /// asserted, alleged, denied or planned.
    #[arg(long, value_parser = modality)]
    pub modality: Option<mosaic_core::Modality>,
    /// Only claims of exactly this Admiralty grade (e.g. B2).
    #[arg(long, value_parser = grade, conflicts_with = "min_grade")]
    pub grade: Option<Grade>,
    /// Only claims graded this well or better on both axes: B3 keeps reliability A-B and
    /// credibility 1-3.
    #[arg(long, value_parser = grade)]
    pub min_grade: Option<Grade>,
    #[command(flatten)]
    pub copies: CopyArgs,
    /// Hits shown per kind.
    #[arg(long, default_value_t = 20, value_parser = clap::value_parser!(u64).range(1..))]
    pub limit: u64,
    /// Rebuild the index from the store first.
    #[arg(long)]
    pub reindex: bool,
    #[command(flatten)]
    pub list: ListArgs,
}

fn modality(s: &str) -> Result<mosaic_core::Modality, String> {
    mosaic_search::record::parse_modality(s)
        .ok_or_else(|| "expected asserted, alleged, denied or planned".to_string())
}

fn grade(s: &str) -> Result<Grade, String> {
    s.parse().map_err(|e: SearchError| e.to_string())
}

pub fn search(cli: &Cli, a: &SearchArgs) -> Result<Exit> {
    let store = open_store(cli)?;
    let index = fresh_index(cli, &store, a.reindex)?;
    let query = SearchQuery {
        text: a.query.join(" "),
        kind: match a.kind {
            KindArg::Claims => HitKind::Claims,
            KindArg::Articles => HitKind::Articles,
            KindArg::All => HitKind::All,
        },
        filter: filter(&store, a)?,
        limit: a.limit as usize,
    };
    if a.kind == KindArg::Articles && query.filter.claims_only() {
        bail!("--type, --modality, --grade and --min-grade select claims; drop them or use --kind claims");
    }
    let results = index.search(&query)?;
    if cli.json {
        print_json(&results)?;
    } else {
        print!("{}", render(&results, a)?);
    }
    Ok(Exit::Success)
}

fn filter(store: &Store, a: &SearchArgs) -> Result<SearchFilter> {
    let actor_ids = match &a.actor {
        Some(name) => vec![pick::actor_required(store, name)?.id],
        None => Vec::new(),
    };
    Ok(SearchFilter {
        actor_ids,
        event_type: a.event_type.clone(),
        since: a.dates.since.clone(),
        until: a.dates.until.clone(),
        include_undated: a.dates.include_undated,
        outlet: a.outlet.clone(),
        modality: a.modality,
        grade: match (a.grade, a.min_grade) {
            (Some(g), _) => Some(GradeFilter::Exact(g)),
            (None, Some(g)) => Some(GradeFilter::AtLeast(g)),
            (None, None) => None,
        },
        include_duplicates: a.copies.include_duplicates,
    })
}

/// The index beside the store, brought up to date first (said on stderr when that did
/// anything). Another process writing it (an ingest) is not an error: the search runs on what
/// it holds, and says the results may be behind.
fn fresh_index(cli: &Cli, store: &Store, reindex: bool) -> Result<SearchIndex> {
    let path = index_path(&cli.db);
    let mut index = SearchIndex::open(&path)
        .with_context(|| format!("cannot open the search index {}", path.display()))?;
    let done = if reindex {
        rebuild(&mut index, store, RebuildReason::Requested)
    } else {
        sync(&mut index, store)
    };
    match done {
        Ok(action) => say(&action, &path, cli.quiet && !reindex),
        Err(SearchError::Busy(_)) => eprintln!(
            "mosaic: the search index {} is being updated by another process; results may miss what it has not indexed yet",
            path.display()
        ),
        Err(e) => return Err(e).context("cannot bring the search index up to date"),
    }
    Ok(index)
}

fn say(action: &SyncAction, path: &std::path::Path, quiet: bool) {
    if quiet {
        return;
    }
    match action {
        SyncAction::UpToDate => {}
        SyncAction::Updated { added, removed } => eprintln!(
            "mosaic: search index {} was behind the store: {added} document{} added, {removed} removed",
            path.display(),
            super::query::plural(*added)
        ),
        SyncAction::Rebuilt { documents, reason } => eprintln!(
            "mosaic: search index {} rebuilt from the store ({}): {documents} document{}",
            path.display(),
            reason.describe(),
            super::query::plural(*documents)
        ),
    }
}

fn render(r: &SearchResults, a: &SearchArgs) -> Result<String> {
    if a.list.format == crate::args::Format::Csv {
        return csv(r);
    }
    let mut out = String::new();
    let both = a.kind == KindArg::All;
    if a.kind != KindArg::Articles {
        if both {
            out.push_str("claims:\n");
        }
        out.push_str(&claim_listing(&r.claims, &r.claim_counts).render(&a.list)?);
    }
    if a.kind != KindArg::Claims && !r.articles_skipped {
        if both {
            out.push_str("\narticles:\n");
        }
        out.push_str(&article_listing(&r.articles, &r.article_counts).render(&a.list)?);
    }
    if both && r.articles_skipped {
        out.push_str(
            "articles not searched: --type, --modality and the grade filters select claims\n",
        );
    }
    Ok(out)
}

fn actor(a: &Option<mosaic_search::ActorName>) -> String {
    a.as_ref().map_or_else(|| "—".into(), |a| a.name.clone())
}

fn shown_date(c: &mosaic_search::ClaimRecord) -> String {
    match (&c.date, c.date_from) {
        (Some(d), Some(mosaic_search::DateFrom::Document)) => format!("~{d}"),
        (Some(d), _) => d.clone(),
        (None, _) => "?".into(),
    }
}

fn claim_listing(hits: &[ClaimHit], counts: &HitCounts) -> Listing<'static> {
    let mut table = Table::new(vec![
        Column::whole("date"),
        Column::whole("type"),
        Column::text("source", 14),
        Column::text("target", 12),
        Column::whole("modality"),
        Column::whole("grade"),
    ]);
    for h in hits {
        let c = &h.claim;
        let kind = match &c.cameo {
            Some(code) => format!("{} {code}", c.event_type),
            None => c.event_type.clone(),
        };
        let per = if c.attribution.is_empty() {
            format!("in {}", c.doc_name)
        } else {
            format!("in {}, per {}", c.doc_name, c.attribution)
        };
        table.row(
            vec![
                shown_date(c),
                kind,
                actor(&c.source),
                actor(&c.target),
                c.modality.as_str().into(),
                c.grade.map_or_else(|| "—".into(), |g| g.to_string()),
            ],
            vec![format!("“{}”", h.snippet.marked(OPEN, CLOSE)), per],
        );
    }
    Listing {
        table,
        legend: Some(CLAIM_LEGEND),
        notes: notes(hits.len(), counts, "claim"),
        csv_headers: &[],
        csv_rows: Vec::new(),
        empty: "(no claims)",
    }
}

fn article_listing(hits: &[ArticleHit], counts: &HitCounts) -> Listing<'static> {
    let mut table = Table::new(vec![
        Column::whole("published"),
        Column::text("document", 16).rank(2),
        Column::text("outlet", 10),
        Column::text("title", 16),
    ]);
    for h in hits {
        let a = &h.article;
        let none = || "—".to_string();
        table.row(
            vec![
                a.published.clone().unwrap_or_else(none),
                a.name.clone(),
                a.outlet.clone().unwrap_or_else(none),
                a.title.clone().unwrap_or_else(none),
            ],
            vec![format!("“{}”", h.snippet.marked(OPEN, CLOSE))],
        );
    }
    Listing {
        table,
        legend: Some(ARTICLE_LEGEND),
        notes: notes(hits.len(), counts, "article"),
        csv_headers: &[],
        csv_rows: Vec::new(),
        empty: "(no articles)",
    }
}

/// What the listing left out, each with the option that brings it back.
fn notes(shown: usize, c: &HitCounts, what: &str) -> Vec<String> {
    let plural = super::query::plural;
    let mut notes = Vec::new();
    if c.matching > shown {
        notes.push(format!(
            "showing {shown} of {} {what}s; --limit {} lists all",
            c.matching, c.matching
        ));
    }
    if c.undated_hidden > 0 {
        notes.push(format!(
            "{} undated {what}{} left out by --since/--until; --include-undated keeps them",
            c.undated_hidden,
            plural(c.undated_hidden)
        ));
    }
    if c.copies_hidden > 0 {
        notes.push(format!(
            "{} {what}{} of near-duplicate copies left out; --include-duplicates shows them",
            c.copies_hidden,
            plural(c.copies_hidden)
        ));
    }
    notes
}

const CSV_HEADERS: &[&str] = &[
    "kind",
    "score",
    "event_id",
    "doc_id",
    "document",
    "date",
    "date_from",
    "outlet",
    "type",
    "cameo",
    "source_id",
    "source",
    "target_id",
    "target",
    "modality",
    "grade",
    "cluster",
    "attribution",
    "title",
    "url",
    "snippet",
];

/// One CSV for both kinds: a claim leaves the article columns empty and the other way round.
fn csv(r: &SearchResults) -> Result<String> {
    let id = |a: &Option<mosaic_search::ActorName>| {
        a.as_ref().map_or(String::new(), |a| a.id.to_string())
    };
    let name =
        |a: &Option<mosaic_search::ActorName>| a.as_ref().map_or(String::new(), |a| a.name.clone());
    let opt = |s: &Option<String>| s.clone().unwrap_or_default();
    let mut rows = Vec::new();
    for h in &r.claims {
        let c = &h.claim;
        rows.push(vec![
            "claim".into(),
            format!("{:.3}", h.score),
            c.event_id.to_string(),
            c.doc_id.to_string(),
            c.doc_name.clone(),
            opt(&c.date),
            c.date_from.map_or(String::new(), |d| {
                serde_json::to_value(d)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_default()
            }),
            opt(&c.outlet),
            c.event_type.clone(),
            opt(&c.cameo),
            id(&c.source),
            name(&c.source),
            id(&c.target),
            name(&c.target),
            c.modality.as_str().into(),
            c.grade.map_or(String::new(), |g| g.to_string()),
            c.cluster.map_or(String::new(), |n| n.to_string()),
            c.attribution.clone(),
            String::new(),
            String::new(),
            h.snippet.marked(OPEN, CLOSE),
        ]);
    }
    for h in &r.articles {
        let a = &h.article;
        let mut row = vec![String::new(); CSV_HEADERS.len()];
        row[0] = "article".into();
        row[1] = format!("{:.3}", h.score);
        row[3] = a.doc_id.to_string();
        row[4] = a.name.clone();
        row[5] = opt(&a.published);
        row[7] = opt(&a.outlet);
        row[18] = opt(&a.title);
        row[19] = opt(&a.url);
        row[20] = h.snippet.marked(OPEN, CLOSE);
        rows.push(row);
    }
    crate::table::csv(CSV_HEADERS, &rows)
}

/// The index updater of one ingest, or `None` when indexing is off (`MOSAIC_SEARCH_INDEX=off`)
/// or the index cannot be opened, which is said once: the store is written all the same, and
/// the next `mosaic search` brings the index up to date.
pub fn ingest_indexer(store: &Store, quiet: bool) -> Option<StoreIndexer> {
    if std::env::var(INDEX_ENV).is_ok_and(|v| v == "off") {
        return None;
    }
    match StoreIndexer::open(store) {
        Ok(Some(ix)) => {
            if let SyncAction::Rebuilt { documents, reason } = ix.opened {
                if documents > 0 && !quiet {
                    eprintln!(
                        "mosaic: search index built for the {documents} stored documents ({})",
                        reason.describe()
                    );
                }
            }
            Some(ix)
        }
        Ok(None) => None,
        Err(e) => {
            index_warning(&e);
            None
        }
    }
}

/// Indexes a document just stored; on failure says so once and stops indexing this ingest.
pub fn index_stored(ix: &mut Option<StoreIndexer>, store: &Store, doc_id: i64) {
    if let Some(indexer) = ix.as_mut() {
        if let Err(e) = indexer.add(store, doc_id) {
            index_warning(&e);
            *ix = None;
        }
    }
}

/// Commits what the ingest indexed.
pub fn finish_indexing(ix: Option<StoreIndexer>, store: &Store) {
    if let Some(indexer) = ix {
        if let Err(e) = indexer.finish(store) {
            index_warning(&e);
        }
    }
}

fn index_warning(e: &SearchError) {
    eprintln!(
        "mosaic: the search index was not updated ({e}); the store is; `mosaic search` brings the index up to date"
    );
}
