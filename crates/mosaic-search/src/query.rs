//! Searching: a query text plus filters, ranked by BM25, with counts of what filters left out.

use std::ops::Bound;

use mosaic_core::Modality;
use serde::Serialize;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{
    AllQuery, BooleanQuery, Occur, Query, QueryParser, RangeQuery, TermQuery, TermSetQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::snippet::SnippetGenerator;
use tantivy::{DocAddress, Order, Searcher, TantivyDocument, Term};

use crate::docs::{article_from, claim_from};
use crate::fields::{Fields, KIND_ARTICLE, KIND_CLAIM};
use crate::record::{ArticleRecord, ClaimRecord};
use crate::{GradeFilter, SearchError, SearchIndex};

/// Characters of context a snippet shows.
const SNIPPET_CHARS: usize = 220;

/// Which hits a search returns.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum HitKind {
    Claims,
    Articles,
    #[default]
    All,
}

impl HitKind {
    fn claims(self) -> bool {
        self != HitKind::Articles
    }
    fn articles(self) -> bool {
        self != HitKind::Claims
    }
}

/// What to keep. Claims and articles share `actor_ids`, dates, `outlet` and copies; `event_type`,
/// `modality` and `grade` are properties of claims, so any of them leaves articles out.
#[derive(Clone, Debug, Default)]
pub struct SearchFilter {
    /// Keeps claims with any of these actors as source or target, and articles that mention
    /// any of them. Callers resolve a typed name to ids by the store's one rule (`pick_actor`).
    pub actor_ids: Vec<i64>,
    /// PLOVER type, case-insensitive.
    pub event_type: Option<String>,
    /// ISO date or prefix; compares by period, as `mosaic events` does: a claim's date is the
    /// event's own, else its article's; an article's is its publication date.
    pub since: Option<String>,
    pub until: Option<String>,
    /// With `since`/`until`, also keep what has no date at all (left out and counted otherwise).
    pub include_undated: bool,
    /// Keeps outlets whose name contains this text (case-insensitive), as `mosaic documents`.
    pub outlet: Option<String>,
    pub modality: Option<Modality>,
    /// Ungraded claims never pass a grade filter.
    pub grade: Option<GradeFilter>,
    /// Also return near-duplicate copies (by default each text counts once).
    pub include_duplicates: bool,
}

impl SearchFilter {
    /// Whether the filter names something only claims have.
    pub fn claims_only(&self) -> bool {
        self.event_type.is_some() || self.modality.is_some() || self.grade.is_some()
    }
}

/// A search request.
#[derive(Clone, Debug, Default)]
pub struct SearchQuery {
    /// Words, "phrases", `-excluded`, `OR`; every word must match unless `OR` is written.
    /// Empty: everything the filter keeps, newest first.
    pub text: String,
    pub kind: HitKind,
    pub filter: SearchFilter,
    /// Hits per kind.
    pub limit: usize,
}

/// A piece of text around the best match, with the matched words' byte ranges.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Snippet {
    pub text: String,
    pub highlights: Vec<(usize, usize)>,
}

impl Snippet {
    /// The text with each match between `open` and `close`.
    pub fn marked(&self, open: &str, close: &str) -> String {
        let mut out = String::new();
        let mut at = 0;
        for &(s, e) in &self.highlights {
            out.push_str(&self.text[at..s]);
            out.push_str(open);
            out.push_str(&self.text[s..e]);
            out.push_str(close);
            at = e;
        }
        out.push_str(&self.text[at..]);
        out
    }
}

/// A matching claim.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ClaimHit {
    /// BM25 (0 for an empty query).
    pub score: f32,
    pub claim: ClaimRecord,
    pub snippet: Snippet,
}

/// A matching article.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ArticleHit {
    pub score: f32,
    /// The article without its text.
    pub article: ArticleRecord,
    pub snippet: Snippet,
}

/// How many hits of one kind matched and what the filter left out.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct HitCounts {
    /// Before the limit.
    pub matching: usize,
    /// Undated ones a date filter left out.
    pub undated_hidden: usize,
    /// Near-duplicate copies left out.
    pub copies_hidden: usize,
}

/// The hits of a search, best first, with counts.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct SearchResults {
    pub claims: Vec<ClaimHit>,
    pub articles: Vec<ArticleHit>,
    pub claim_counts: HitCounts,
    pub article_counts: HitCounts,
    /// Articles were not searched because the filter names claim-only properties.
    pub articles_skipped: bool,
}

/// Which date condition a query carries.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Dates {
    AsFiltered,
    OnlyUndated,
}

/// Hits as loaded: score, stored document, snippet.
type Loaded = Vec<(f32, TantivyDocument, Snippet)>;

struct Built {
    query: Box<dyn Query>,
    /// No outlet matched: nothing can match.
    empty: bool,
}

impl SearchIndex {
    /// Runs `q`. The query text is parsed leniently: a stray quote or colon never fails.
    pub fn search(&self, q: &SearchQuery) -> Result<SearchResults, SearchError> {
        let searcher = self.searcher();
        let text = self.text_query(&q.text);
        let mut out = SearchResults::default();
        if q.kind.claims() {
            let (hits, counts) = self.run(&searcher, q, text.as_deref(), KIND_CLAIM)?;
            out.claims = hits
                .into_iter()
                .map(|(score, doc, snippet)| ClaimHit {
                    score,
                    claim: claim_from(&self.fields, &doc),
                    snippet,
                })
                .collect();
            out.claim_counts = counts;
        }
        if q.kind.articles() && q.filter.claims_only() {
            out.articles_skipped = true;
        } else if q.kind.articles() {
            let (hits, counts) = self.run(&searcher, q, text.as_deref(), KIND_ARTICLE)?;
            out.articles = hits
                .into_iter()
                .map(|(score, doc, snippet)| ArticleHit {
                    score,
                    article: article_from(&self.fields, &doc),
                    snippet,
                })
                .collect();
            out.article_counts = counts;
        }
        Ok(out)
    }

    /// The parsed text query, `None` for an empty text.
    fn text_query(&self, text: &str) -> Option<Box<dyn Query>> {
        if text.trim().is_empty() {
            return None;
        }
        let f = &self.fields;
        let mut parser =
            QueryParser::for_index(self.index(), vec![f.title, f.body, f.actors, f.attribution]);
        parser.set_conjunction_by_default();
        // A title word says more about what an article is about than one in its body, and a
        // claim's actor names more than a word of its sentence.
        parser.set_field_boost(f.title, 2.0);
        parser.set_field_boost(f.actors, 1.5);
        Some(parser.parse_query_lenient(text).0)
    }

    fn run(
        &self,
        searcher: &Searcher,
        q: &SearchQuery,
        text: Option<&dyn Query>,
        kind: &str,
    ) -> Result<(Loaded, HitCounts), SearchError> {
        let built = self.build(searcher, q, text, kind, Dates::AsFiltered, false)?;
        if built.empty {
            return Ok((Vec::new(), HitCounts::default()));
        }
        let limit = q.limit.max(1);
        let (found, matching) = if text.is_some() {
            let collector = (TopDocs::with_limit(limit).order_by_score(), Count);
            searcher.search(&built.query, &collector)
        } else {
            // Without words nothing ranks; newest first is what a filter-only search wants.
            let by_date =
                TopDocs::with_limit(limit).order_by_fast_field::<i64>("sort_date", Order::Desc);
            searcher
                .search(&built.query, &(by_date, Count))
                .map(|(v, n)| (v.into_iter().map(|(_, a)| (0.0, a)).collect::<Vec<_>>(), n))
        }
        .map_err(|e| self.err(e))?;
        let hits = self.load(searcher, text, found)?;
        let counts = HitCounts {
            matching,
            undated_hidden: self.undated_hidden(searcher, q, text, kind)?,
            copies_hidden: self.copies_hidden(searcher, q, text, kind, matching)?,
        };
        Ok((hits, counts))
    }

    fn load(
        &self,
        searcher: &Searcher,
        text: Option<&dyn Query>,
        found: Vec<(f32, DocAddress)>,
    ) -> Result<Loaded, SearchError> {
        let generator = match text {
            Some(t) => {
                let mut g = SnippetGenerator::create(searcher, t, self.fields.body)
                    .map_err(|e| self.err(e))?;
                g.set_max_num_chars(SNIPPET_CHARS);
                Some(g)
            }
            None => None,
        };
        let mut out = Vec::with_capacity(found.len());
        for (score, addr) in found {
            let doc: TantivyDocument = searcher.doc(addr).map_err(|e| self.err(e))?;
            let snippet = snippet(&self.fields, &doc, generator.as_ref());
            out.push((score, doc, snippet));
        }
        Ok(out)
    }

    fn count(&self, searcher: &Searcher, built: &Built) -> Result<usize, SearchError> {
        if built.empty {
            return Ok(0);
        }
        searcher
            .search(&built.query, &Count)
            .map_err(|e| self.err(e))
    }

    fn undated_hidden(
        &self,
        searcher: &Searcher,
        q: &SearchQuery,
        text: Option<&dyn Query>,
        kind: &str,
    ) -> Result<usize, SearchError> {
        let f = &q.filter;
        if f.include_undated || (f.since.is_none() && f.until.is_none()) {
            return Ok(0);
        }
        let built = self.build(searcher, q, text, kind, Dates::OnlyUndated, false)?;
        self.count(searcher, &built)
    }

    fn copies_hidden(
        &self,
        searcher: &Searcher,
        q: &SearchQuery,
        text: Option<&dyn Query>,
        kind: &str,
        matching: usize,
    ) -> Result<usize, SearchError> {
        if q.filter.include_duplicates {
            return Ok(0);
        }
        let built = self.build(searcher, q, text, kind, Dates::AsFiltered, true)?;
        Ok(self.count(searcher, &built)?.saturating_sub(matching))
    }

    /// The whole query: kind, text, then one clause per filter.
    fn build(
        &self,
        searcher: &Searcher,
        q: &SearchQuery,
        text: Option<&dyn Query>,
        kind: &str,
        dates: Dates,
        with_copies: bool,
    ) -> Result<Built, SearchError> {
        let f = &self.fields;
        let flt = &q.filter;
        let mut must: Vec<Box<dyn Query>> = vec![term(f.kind, kind)];
        must.push(text.map_or_else(|| Box::new(AllQuery) as Box<dyn Query>, |t| t.box_clone()));
        if !flt.actor_ids.is_empty() {
            let ids = flt
                .actor_ids
                .iter()
                .map(|id| Term::from_field_u64(f.actor_id, *id as u64));
            must.push(Box::new(TermSetQuery::new(ids)));
        }
        if let Some(t) = &flt.event_type {
            must.push(term(f.event_type, &t.trim().to_uppercase()));
        }
        if let Some(m) = flt.modality {
            must.push(term(f.modality, m.as_str()));
        }
        if let Some(g) = flt.grade {
            must.extend(grade_clauses(f, g));
        }
        if let Some(d) = date_clause(f, flt, dates) {
            must.push(d);
        }
        let mut empty = false;
        if let Some(needle) = &flt.outlet {
            let keys = self.outlets_containing(searcher, needle)?;
            empty = keys.is_empty();
            must.push(Box::new(TermSetQuery::new(keys)));
        }
        let mut clauses: Vec<(Occur, Box<dyn Query>)> =
            must.into_iter().map(|q| (Occur::Must, q)).collect();
        if !flt.include_duplicates && !with_copies {
            clauses.push((Occur::MustNot, u64_term(f.copy, 1)));
        }
        Ok(Built {
            query: Box::new(BooleanQuery::new(clauses)),
            empty,
        })
    }

    /// The indexed outlet names (lower-cased) that contain `needle`, as exact terms.
    fn outlets_containing(
        &self,
        searcher: &Searcher,
        needle: &str,
    ) -> Result<Vec<Term>, SearchError> {
        let needle = needle.trim().to_lowercase();
        let mut keys = std::collections::BTreeSet::new();
        for seg in searcher.segment_readers() {
            let inverted = seg
                .inverted_index(self.fields.outlet_key)
                .map_err(|e| self.err(e))?;
            let mut stream = inverted.terms().stream().map_err(|e| self.err(e.into()))?;
            while stream.advance() {
                let key = String::from_utf8_lossy(stream.key()).to_string();
                if key.contains(&needle) {
                    keys.insert(key);
                }
            }
        }
        Ok(keys
            .into_iter()
            .map(|k| Term::from_field_text(self.fields.outlet_key, &k))
            .collect())
    }
}

fn term(field: Field, value: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, value),
        IndexRecordOption::Basic,
    ))
}

fn u64_term(field: Field, value: u64) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_u64(field, value),
        IndexRecordOption::Basic,
    ))
}

fn grade_clauses(f: &Fields, g: GradeFilter) -> Vec<Box<dyn Query>> {
    match g {
        GradeFilter::Exact(g) => vec![term(f.grade, &g.to_string())],
        GradeFilter::AtLeast(g) => vec![
            up_to(f.reliability, g.reliability_rank()),
            up_to(f.credibility, g.credibility as u64),
        ],
    }
}

fn up_to(field: Field, max: u64) -> Box<dyn Query> {
    Box::new(RangeQuery::new(
        Bound::Included(Term::from_field_u64(field, 1)),
        Bound::Included(Term::from_field_u64(field, max)),
    ))
}

/// The date condition, as the store's event filter words it: a period matches `since` when it
/// ends on or after it and `until` when it starts on or before it.
fn date_clause(f: &Fields, flt: &SearchFilter, dates: Dates) -> Option<Box<dyn Query>> {
    if flt.since.is_none() && flt.until.is_none() {
        return None;
    }
    let undated = u64_term(f.dated, 0);
    if dates == Dates::OnlyUndated {
        return Some(undated);
    }
    let mut within: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    if let Some(since) = &flt.since {
        within.push((
            Occur::Must,
            Box::new(RangeQuery::new(
                Bound::Included(Term::from_field_text(f.date_upper, since.trim())),
                Bound::Unbounded,
            )),
        ));
    }
    if let Some(until) = &flt.until {
        within.push((
            Occur::Must,
            Box::new(RangeQuery::new(
                Bound::Unbounded,
                Bound::Included(Term::from_field_text(
                    f.date_lower,
                    &format!("{}~", until.trim()),
                )),
            )),
        ));
    }
    let within: Box<dyn Query> = Box::new(BooleanQuery::new(within));
    Some(if flt.include_undated {
        Box::new(BooleanQuery::new(vec![
            (Occur::Should, within),
            (Occur::Should, undated),
        ]))
    } else {
        within
    })
}

/// The best passage of the hit's text with the query's words marked; the start of the text
/// when the query has no words or none of them is in the text (a title or actor match).
/// Paragraph breaks become spaces, so a snippet is one line.
fn snippet(f: &Fields, doc: &TantivyDocument, generator: Option<&SnippetGenerator>) -> Snippet {
    if let Some(g) = generator {
        let s = g.snippet_from_doc(doc);
        if !s.is_empty() {
            let marks: Vec<(usize, usize)> =
                s.highlighted().iter().map(|r| (r.start, r.end)).collect();
            return flatten(s.fragment(), &marks);
        }
    }
    let body = crate::index::text(doc, f.body).unwrap_or_default();
    flatten(&opening(&body, SNIPPET_CHARS), &[])
}

/// The first words of `text` within about `max` bytes, with `…` when cut.
fn opening(text: &str, max: usize) -> String {
    if text.len() <= max {
        return text.to_string();
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let cut = text[..end].rfind(char::is_whitespace).unwrap_or(end);
    format!("{}…", text[..cut].trim_end())
}

/// `text` with every whitespace run as one space (none at the ends), `marks` moved along.
fn flatten(text: &str, marks: &[(usize, usize)]) -> Snippet {
    let mut out = String::with_capacity(text.len());
    let mut at = vec![0usize; text.len() + 1];
    let mut gap = false;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            // A mark ending here ends before the space that will stand for the run.
            at[i] = out.len();
            gap = !out.is_empty();
            continue;
        }
        if gap {
            out.push(' ');
            gap = false;
        }
        at[i] = out.len();
        out.push(c);
    }
    at[text.len()] = out.len();
    let highlights = marks
        .iter()
        .map(|&(s, e)| (at[s].min(out.len()), at[e].min(out.len())))
        .filter(|(s, e)| s < e)
        .collect();
    Snippet {
        text: out,
        highlights,
    }
}

#[cfg(test)]
pub(crate) fn flatten_for_test(text: &str, marks: &[(usize, usize)]) -> Snippet {
    flatten(&text.replace("\\n", "\n"), marks)
}
