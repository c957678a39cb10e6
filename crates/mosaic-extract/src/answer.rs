//! Document → the answer-key format of `shared/eval/README.md`.

use mosaic_core::{Document, EntityKind, RoleStatus};
use mosaic_eval::{AnswerEntity, AnswerEvent, AnswerFile, AnswerRole, AnswerTime};

/// The article's extraction as an answer file: each resolved actor once with every surface form
/// as an alias, events naming those actors, times and roles.
pub fn to_answer(doc: &Document, file_name: &str) -> AnswerFile {
    // Entities implied but never named (a state behind its capital) are listed only when an
    // event or a role refers to them.
    let referred = |e: usize| {
        doc.events
            .iter()
            .any(|ev| ev.source == Some(e) || ev.target == Some(e))
            || doc.roles.iter().any(|r| r.person == e || r.org == Some(e))
    };
    let listed: Vec<usize> = (0..doc.entities.len())
        .filter(|&e| doc.entities[e].kind != EntityKind::Norp)
        .filter(|&e| !doc.entities[e].mentions.is_empty() || referred(e))
        .collect();
    let name = |e: usize| doc.entities[e].name.clone();
    AnswerFile {
        doc: file_name.to_string(),
        outlet: doc.meta.outlet.clone(),
        published: doc
            .anchor
            .as_ref()
            .filter(|a| !a.inferred)
            .map(|a| a.date.clone())
            .or_else(|| doc.meta.published.clone()),
        entities: listed
            .iter()
            .map(|&e| {
                let ent = &doc.entities[e];
                AnswerEntity {
                    name: ent.name.clone(),
                    kind: ent.kind.as_str().to_string(),
                    aliases: ent.aliases.clone(),
                    kb_id: ent.kb_id.clone(),
                }
            })
            .collect(),
        events: claims(doc)
            .into_iter()
            .map(|ev| AnswerEvent {
                source: ev.source.map(name),
                kind: ev.event_type.as_str().to_string(),
                target: ev.target.map(name),
                date: ev.date.clone(),
                modality: Some(ev.modality.as_str().to_string()),
                evidence: Some(doc.slice(ev.sentence).to_string()),
                cameo: ev.cameo.clone(),
                rule: Some(ev.rule.clone()),
            })
            .collect(),
        times: unique_times(doc),
        roles: doc
            .roles
            .iter()
            .map(|r| AnswerRole {
                person: Some(name(r.person)),
                role: Some(r.title.clone()),
                org: r.org.map(name),
                status: Some(match r.status {
                    RoleStatus::Current => "current".into(),
                    RoleStatus::Former => "former".into(),
                }),
                evidence: Some(doc.slice(r.evidence).to_string()),
            })
            .collect(),
    }
}

/// Each (expression, value) once, as the answer keys list them.
fn unique_times(doc: &Document) -> Vec<AnswerTime> {
    let mut out: Vec<AnswerTime> = Vec::new();
    for t in &doc.times {
        let key = mosaic_core::fold_key(&t.text);
        if !out.iter().any(|o| {
            mosaic_core::fold_key(&o.text) == key && o.value.as_deref() == Some(t.value.as_str())
        }) {
            out.push(AnswerTime {
                text: t.text.clone(),
                value: Some(t.value.clone()),
            });
        }
    }
    out
}

/// Each claim once: the same act by the same actors, equally sure and equally dated, told again
/// in a later sentence (a lede restated in the body, a quote repeated) is one claim. The document
/// keeps every telling, for corroboration; the answer lists the claim.
fn claims(doc: &Document) -> Vec<&mosaic_core::Event> {
    let mut out: Vec<&mosaic_core::Event> = Vec::new();
    for ev in &doc.events {
        let seen = out.iter().any(|o| {
            o.event_type == ev.event_type
                && o.source == ev.source
                && o.target == ev.target
                && o.modality == ev.modality
                && o.date == ev.date
        });
        if !seen {
            out.push(ev);
        }
    }
    out
}
