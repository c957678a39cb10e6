//! Records to tantivy documents and back.

use tantivy::TantivyDocument;

use crate::fields::{sort_key, Fields, KIND_ARTICLE, KIND_CLAIM};
use crate::index::{number, text};
use crate::record::{parse_modality, ActorName, ArticleRecord, ClaimRecord, DateFrom, Period};
use crate::Grade;

fn put_period(doc: &mut TantivyDocument, f: &Fields, period: Option<&Period>) {
    match period {
        Some(p) => {
            doc.add_text(f.date_lower, &p.lower);
            doc.add_text(f.date_upper, &p.upper);
            doc.add_u64(f.dated, 1);
        }
        None => doc.add_u64(f.dated, 0),
    }
    doc.add_i64(f.sort_date, sort_key(period.map(|p| p.lower.as_str())));
}

fn put_outlet(doc: &mut TantivyDocument, f: &Fields, outlet: Option<&str>) {
    if let Some(o) = outlet {
        doc.add_text(f.outlet, o);
        doc.add_text(f.outlet_key, o.trim().to_lowercase());
    }
}

/// An article as indexed: its title and text are searched; it is dated by publication.
pub fn article_doc(f: &Fields, a: &ArticleRecord) -> TantivyDocument {
    let mut doc = TantivyDocument::default();
    doc.add_text(f.kind, KIND_ARTICLE);
    doc.add_u64(f.doc_id, a.doc_id as u64);
    doc.add_text(f.name, &a.name);
    if let Some(t) = &a.title {
        doc.add_text(f.title, t);
    }
    doc.add_text(f.body, &a.text);
    put_outlet(&mut doc, f, a.outlet.as_deref());
    if let Some(u) = &a.url {
        doc.add_text(f.url, u);
    }
    if let Some(p) = &a.published {
        doc.add_text(f.date, p);
    }
    put_period(
        &mut doc,
        f,
        a.published.as_deref().and_then(Period::of_iso).as_ref(),
    );
    for id in &a.actor_ids {
        doc.add_u64(f.actor_id, *id as u64);
    }
    put_copy(&mut doc, f, a.copy_of);
    doc
}

fn put_copy(doc: &mut TantivyDocument, f: &Fields, copy_of: Option<i64>) {
    doc.add_u64(f.copy, copy_of.is_some() as u64);
    if let Some(of) = copy_of {
        doc.add_u64(f.copy_of, of as u64);
    }
}

fn actor_cell(a: &ActorName) -> String {
    format!("{}\t{}", a.id, a.name)
}

/// A claim as indexed: its evidence sentence, actor names and attribution are searched.
pub fn claim_doc(f: &Fields, c: &ClaimRecord) -> TantivyDocument {
    let mut doc = TantivyDocument::default();
    doc.add_text(f.kind, KIND_CLAIM);
    doc.add_u64(f.doc_id, c.doc_id as u64);
    doc.add_u64(f.event_id, c.event_id as u64);
    doc.add_text(f.name, &c.doc_name);
    doc.add_text(f.body, &c.evidence);
    doc.add_text(f.event_type, c.event_type.to_uppercase());
    if let Some(code) = &c.cameo {
        doc.add_text(f.cameo, code);
    }
    doc.add_text(f.modality, c.modality.as_str());
    let mut names = Vec::new();
    for (field, actor) in [(f.source, &c.source), (f.target, &c.target)] {
        if let Some(a) = actor {
            doc.add_text(field, actor_cell(a));
            doc.add_u64(f.actor_id, a.id as u64);
            names.push(a.name.as_str());
        }
    }
    doc.add_text(f.actors, names.join("\n"));
    doc.add_text(f.attribution, &c.attribution);
    put_outlet(&mut doc, f, c.outlet.as_deref());
    if let Some(d) = &c.date {
        doc.add_text(f.date, d);
    }
    if let Some(from) = c.date_from {
        doc.add_text(f.date_from, date_from_str(from));
    }
    put_period(&mut doc, f, c.period.as_ref());
    put_copy(&mut doc, f, c.copy_of);
    put_grade(&mut doc, f, c.grade);
    if let Some(cluster) = c.cluster {
        doc.add_u64(f.cluster, cluster as u64);
    }
    doc
}

fn put_grade(doc: &mut TantivyDocument, f: &Fields, grade: Option<Grade>) {
    if let Some(g) = grade {
        doc.add_text(f.grade, g.to_string());
        doc.add_u64(f.reliability, g.reliability_rank());
        doc.add_u64(f.credibility, g.credibility as u64);
    }
}

fn date_from_str(d: DateFrom) -> &'static str {
    match d {
        DateFrom::Event => "event",
        DateFrom::Document => "document",
    }
}

fn actor_from(doc: &TantivyDocument, field: tantivy::schema::Field) -> Option<ActorName> {
    let cell = text(doc, field)?;
    let (id, name) = cell.split_once('\t')?;
    Some(ActorName {
        id: id.parse().ok()?,
        name: name.to_string(),
    })
}

fn period_from(f: &Fields, doc: &TantivyDocument) -> Option<Period> {
    Some(Period {
        lower: text(doc, f.date_lower)?,
        upper: text(doc, f.date_upper)?,
    })
}

/// The claim a stored document holds.
pub fn claim_from(f: &Fields, doc: &TantivyDocument) -> ClaimRecord {
    ClaimRecord {
        event_id: number(doc, f.event_id).unwrap_or(0) as i64,
        doc_id: number(doc, f.doc_id).unwrap_or(0) as i64,
        doc_name: text(doc, f.name).unwrap_or_default(),
        evidence: text(doc, f.body).unwrap_or_default(),
        event_type: text(doc, f.event_type).unwrap_or_default(),
        cameo: text(doc, f.cameo),
        source: actor_from(doc, f.source),
        target: actor_from(doc, f.target),
        modality: text(doc, f.modality)
            .and_then(|m| parse_modality(&m))
            .unwrap_or_default(),
        date: text(doc, f.date),
        date_from: text(doc, f.date_from).map(|d| {
            if d == "event" {
                DateFrom::Event
            } else {
                DateFrom::Document
            }
        }),
        period: period_from(f, doc),
        outlet: text(doc, f.outlet),
        attribution: text(doc, f.attribution).unwrap_or_default(),
        copy_of: number(doc, f.copy_of).map(|n| n as i64),
        grade: text(doc, f.grade).and_then(|g| g.parse().ok()),
        cluster: number(doc, f.cluster).map(|n| n as i64),
    }
}

/// The article a stored document holds, its text left out (hits carry a snippet instead).
pub fn article_from(f: &Fields, doc: &TantivyDocument) -> ArticleRecord {
    ArticleRecord {
        doc_id: number(doc, f.doc_id).unwrap_or(0) as i64,
        name: text(doc, f.name).unwrap_or_default(),
        title: text(doc, f.title),
        text: String::new(),
        outlet: text(doc, f.outlet),
        published: text(doc, f.date),
        url: text(doc, f.url),
        copy_of: number(doc, f.copy_of).map(|n| n as i64),
        actor_ids: doc
            .get_all(f.actor_id)
            .filter_map(|v| tantivy::schema::Value::as_u64(&v))
            .map(|n| n as i64)
            .collect(),
    }
}
