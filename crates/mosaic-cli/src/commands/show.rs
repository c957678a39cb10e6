//! `show`: one stored article, sentence by sentence, with what was found in each.

use std::fmt::Write;

use anyhow::{Context, Result};
use mosaic_core::{Document, Event, Sentence};
use mosaic_store::DocumentRow;

use super::{open_store, print_json};
use crate::exit::Exit;
use crate::{pick, Cli};

pub fn show(cli: &Cli, name: &str) -> Result<Exit> {
    let store = open_store(cli)?;
    let row = pick::document(&store, name)?;
    let doc = store
        .load_document(&format!("#{}", row.id))?
        .with_context(|| format!("document #{} vanished while reading it", row.id))?;
    if cli.json {
        print_json(&doc)?;
    } else {
        print!("{}", render_document(&doc, &row));
    }
    Ok(Exit::Success)
}

/// The article in a terminal: where it comes from, then each sentence with its mentions marked
/// (`[surface|TYPE=entity]`) and its times, events and roles under it.
pub fn render_document(doc: &Document, row: &DocumentRow) -> String {
    let mut out = header(doc, row);
    for (i, s) in doc.sentences.iter().enumerate() {
        let _ = writeln!(out, "{i:>3}  {}", marked(doc, s));
        annotations(&mut out, doc, s);
    }
    if !doc.diagnostics.is_empty() {
        let _ = writeln!(out, "\ndiagnostics:");
        for d in &doc.diagnostics {
            let _ = writeln!(out, "  [{}] {:?}: {}", d.stage, d.severity, d.message);
        }
    }
    out
}

fn header(doc: &Document, row: &DocumentRow) -> String {
    let m = &doc.meta;
    let mut out = String::new();
    let _ = writeln!(out, "{}", m.title.as_deref().unwrap_or(&m.name));
    let _ = writeln!(
        out,
        "document: {} (#{})   outlet: {}   published: {}   anchor: {}",
        m.name,
        row.id,
        m.outlet.as_deref().unwrap_or("?"),
        m.published.as_deref().unwrap_or("?"),
        doc.anchor
            .as_ref()
            .map(|a| format!("{} ({})", a.date, a.how))
            .unwrap_or_else(|| "none".into()),
    );
    let _ = writeln!(out, "url: {}", m.url.as_deref().unwrap_or("?"));
    let _ = writeln!(out, "from: {}", m.origin);
    if let Some(of) = row.copy_of {
        let _ = writeln!(out, "near-duplicate copy of #{of}");
    }
    if !row.copies.is_empty() {
        let ids: Vec<String> = row.copies.iter().map(|c| format!("#{c}")).collect();
        let _ = writeln!(out, "near-duplicate copies: {}", ids.join(", "));
    }
    let _ = writeln!(out);
    out
}

/// The sentence with each mention as `[surface|TYPE]`, or `[surface|TYPE=entity]` when the
/// entity's name differs from the surface.
fn marked(doc: &Document, s: &Sentence) -> String {
    let mut line = String::new();
    let mut at = s.span.start;
    let mut mentions: Vec<_> = doc
        .mentions
        .iter()
        .filter(|x| s.span.contains(x.span))
        .collect();
    mentions.sort_by_key(|x| (x.span.start, std::cmp::Reverse(x.span.end)));
    for x in mentions {
        if x.span.start < at {
            continue;
        }
        line.push_str(&doc.text[at..x.span.start]);
        let ent = x
            .entity
            .map(|e| doc.entities[e].name.as_str())
            .unwrap_or("?");
        let resolved = if ent != x.text {
            format!("={ent}")
        } else {
            String::new()
        };
        let _ = write!(
            line,
            "[{}|{}{resolved}]",
            &doc.text[x.span.range()],
            x.kind.as_str()
        );
        at = x.span.end;
    }
    line.push_str(&doc.text[at..s.span.end]);
    line
}

fn annotations(out: &mut String, doc: &Document, s: &Sentence) {
    for t in doc.times.iter().filter(|t| s.span.contains(t.span)) {
        let _ = writeln!(out, "       time  \"{}\" = {}", t.text, t.value);
    }
    for e in doc.events.iter().filter(|e| e.sentence == s.span) {
        let _ = writeln!(out, "       event {}", event_line(doc, e));
    }
    for r in doc.roles.iter().filter(|r| s.span.contains(r.evidence)) {
        let _ = writeln!(
            out,
            "       role  {} — {} of {} ({:?})",
            doc.entities[r.person].name,
            r.title,
            r.org.map(|o| doc.entities[o].name.as_str()).unwrap_or("?"),
            r.status
        );
    }
}

fn event_line(doc: &Document, e: &Event) -> String {
    let name = |x: Option<usize>| {
        x.map(|i| doc.entities[i].name.clone())
            .unwrap_or_else(|| "—".into())
    };
    let date = e
        .date
        .as_ref()
        .map(|d| format!(", {d}"))
        .unwrap_or_default();
    let per = if e.attribution.is_empty() {
        String::new()
    } else {
        let chain: Vec<&str> = e.attribution.iter().map(|a| a.text.as_str()).collect();
        format!(", per {}", chain.join(" → "))
    };
    format!(
        "{} {} → {} [{}{date}] trigger \"{}\" rule {}{per}",
        e.event_type,
        name(e.source),
        name(e.target),
        e.modality.as_str(),
        &doc.text[e.trigger.range()],
        e.rule,
    )
}
