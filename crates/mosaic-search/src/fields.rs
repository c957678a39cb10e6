//! The tantivy schema and the analyzer of its text fields.

use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, FAST, INDEXED, STORED, STRING,
};
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer,
    TextAnalyzer,
};
use tantivy::Index;

/// The analyzer of every text field. Folding lets "Turkiye" find "Türkiye" and "Erdogan"
/// find "Erdoğan"; English stemming lets "arrest" find "arrested" and "arrests".
pub const ANALYZER: &str = "mosaic";

/// The two kinds of indexed documents.
pub const KIND_CLAIM: &str = "claim";
pub const KIND_ARTICLE: &str = "article";

/// Every field, looked up once.
#[derive(Clone, Copy, Debug)]
pub struct Fields {
    pub kind: Field,
    pub doc_id: Field,
    pub event_id: Field,
    pub name: Field,
    pub title: Field,
    pub body: Field,
    pub actors: Field,
    pub attribution: Field,
    pub outlet: Field,
    pub outlet_key: Field,
    pub url: Field,
    pub date: Field,
    pub date_from: Field,
    pub date_lower: Field,
    pub date_upper: Field,
    pub dated: Field,
    pub sort_date: Field,
    pub event_type: Field,
    pub cameo: Field,
    pub modality: Field,
    pub actor_id: Field,
    pub source: Field,
    pub target: Field,
    pub copy: Field,
    pub copy_of: Field,
    pub grade: Field,
    pub reliability: Field,
    pub credibility: Field,
    pub cluster: Field,
}

fn text() -> TextOptions {
    TextOptions::default().set_stored().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(ANALYZER)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    )
}

/// The schema: text fields for BM25 (title, body, actors, attribution), exact fields for
/// filters, stored fields to show a hit without reading the store.
pub fn schema() -> Schema {
    let mut b = Schema::builder();
    b.add_text_field("kind", STRING | STORED);
    b.add_u64_field("doc_id", INDEXED | STORED | FAST);
    b.add_u64_field("event_id", INDEXED | STORED);
    b.add_text_field("name", STORED);
    b.add_text_field("title", text());
    b.add_text_field("body", text());
    b.add_text_field("actors", text());
    b.add_text_field("attribution", text());
    b.add_text_field("outlet", STORED);
    b.add_text_field("outlet_key", STRING);
    b.add_text_field("url", STORED);
    b.add_text_field("date", STORED);
    b.add_text_field("date_from", STORED);
    b.add_text_field("date_lower", STRING | STORED);
    b.add_text_field("date_upper", STRING | STORED);
    b.add_u64_field("dated", INDEXED);
    b.add_i64_field("sort_date", FAST);
    b.add_text_field("event_type", STRING | STORED);
    b.add_text_field("cameo", STRING | STORED);
    b.add_text_field("modality", STRING | STORED);
    b.add_u64_field("actor_id", INDEXED | STORED);
    // Source and target as "id\tname", shown with a hit.
    b.add_text_field("source", STORED);
    b.add_text_field("target", STORED);
    b.add_u64_field("copy", INDEXED);
    b.add_u64_field("copy_of", STORED);
    b.add_text_field("grade", STRING | STORED);
    b.add_u64_field("reliability", INDEXED);
    b.add_u64_field("credibility", INDEXED);
    b.add_u64_field("cluster", INDEXED | STORED);
    b.build()
}

impl Fields {
    /// The fields of `schema` (built by [`schema`]).
    pub fn of(schema: &Schema) -> Fields {
        let f = |name: &str| schema.get_field(name).expect("field of our schema");
        Fields {
            kind: f("kind"),
            doc_id: f("doc_id"),
            event_id: f("event_id"),
            name: f("name"),
            title: f("title"),
            body: f("body"),
            actors: f("actors"),
            attribution: f("attribution"),
            outlet: f("outlet"),
            outlet_key: f("outlet_key"),
            url: f("url"),
            date: f("date"),
            date_from: f("date_from"),
            date_lower: f("date_lower"),
            date_upper: f("date_upper"),
            dated: f("dated"),
            sort_date: f("sort_date"),
            event_type: f("event_type"),
            cameo: f("cameo"),
            modality: f("modality"),
            actor_id: f("actor_id"),
            source: f("source"),
            target: f("target"),
            copy: f("copy"),
            copy_of: f("copy_of"),
            grade: f("grade"),
            reliability: f("reliability"),
            credibility: f("credibility"),
            cluster: f("cluster"),
        }
    }
}

/// The text analyzer, registered on every opened index.
pub fn analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(Stemmer::new(Language::English))
        .build()
}

/// Registers [`ANALYZER`] on `index`.
pub fn register(index: &Index) {
    index.tokenizers().register(ANALYZER, analyzer());
}

/// The lower bound of a period as a sortable number (`2013-10` → 20131000), 0 when undated:
/// an empty query lists newest first by it.
pub fn sort_key(lower: Option<&str>) -> i64 {
    let Some(lower) = lower else { return 0 };
    let digits: String = lower.chars().filter(|c| c.is_ascii_digit()).collect();
    let padded = format!("{digits:0<8}");
    padded.get(..8).and_then(|d| d.parse().ok()).unwrap_or(0)
}
