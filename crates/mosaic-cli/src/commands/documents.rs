//! `documents`: the stored sources, with what commands call them and where they came from.

use anyhow::Result;
use mosaic_store::{DocumentFilter, DocumentListing};

use super::query::plural;
use super::{open_store, print_json};
use crate::args::{CopyArgs, DateArgs, ListArgs};
use crate::exit::Exit;
use crate::table::{Column, Listing, Table};
use crate::Cli;

const LEGEND: &str = "document: the name commands take (or the id); copies: near-duplicate \
copies stored of the text (their ids); —: not known";
const LEGEND_COPIES: &str = "document: the name commands take (or the id); copy of: the \
original this near-duplicate copies; —: not known";

fn ids(ids: &[i64]) -> String {
    ids.iter()
        .map(|i| format!("#{i}"))
        .collect::<Vec<_>>()
        .join(" ")
}

fn listing(l: &DocumentListing, copies: CopyArgs) -> Listing<'static> {
    let dash = |v: &Option<String>| v.clone().unwrap_or_else(|| "—".into());
    let mut table = Table::new(vec![
        Column::number("id"),
        Column::text("document", 16).rank(3),
        Column::text("outlet", 10).rank(0),
        Column::whole("published"),
        Column::number("words"),
        Column::number("events"),
        Column::whole(if copies.include_duplicates {
            "copy of"
        } else {
            "copies"
        }),
        Column::text("url", 10).rank(0),
    ]);
    let mut csv_rows = Vec::new();
    for d in &l.documents {
        let link = if copies.include_duplicates {
            d.copy_of.map(|c| format!("#{c}")).unwrap_or_default()
        } else {
            ids(&d.copies)
        };
        table.row(
            vec![
                d.id.to_string(),
                d.name.clone(),
                dash(&d.outlet),
                dash(&d.published),
                d.words.to_string(),
                d.events.to_string(),
                link,
                dash(&d.url),
            ],
            Vec::new(),
        );
        csv_rows.push(vec![
            d.id.to_string(),
            d.name.clone(),
            d.title.clone().unwrap_or_default(),
            d.outlet.clone().unwrap_or_default(),
            d.published.clone().unwrap_or_default(),
            d.url.clone().unwrap_or_default(),
            d.words.to_string(),
            d.events.to_string(),
            d.copy_of.map(|c| c.to_string()).unwrap_or_default(),
            d.copies
                .iter()
                .map(|c| c.to_string())
                .collect::<Vec<_>>()
                .join(" "),
            d.origin.clone(),
        ]);
    }
    Listing {
        table,
        legend: Some(if copies.include_duplicates {
            LEGEND_COPIES
        } else {
            LEGEND
        }),
        notes: notes(l),
        csv_headers: &[
            "id",
            "name",
            "title",
            "outlet",
            "published",
            "url",
            "words",
            "events",
            "copy_of",
            "copies",
            "origin",
        ],
        csv_rows,
        empty: "(no documents)",
    }
}

fn notes(l: &DocumentListing) -> Vec<String> {
    let mut notes = Vec::new();
    if l.undated_hidden > 0 {
        notes.push(format!(
            "{} document{} without a publication date left out by --since/--until; --include-undated keeps them",
            l.undated_hidden,
            plural(l.undated_hidden)
        ));
    }
    if l.copies_hidden > 0 {
        notes.push(format!(
            "{} near-duplicate cop{} listed under their original; --include-duplicates lists them",
            l.copies_hidden,
            if l.copies_hidden == 1 { "y" } else { "ies" }
        ));
    }
    notes
}

pub fn documents(
    cli: &Cli,
    outlet: Option<&str>,
    dates: &DateArgs,
    copies: CopyArgs,
    limit: usize,
    list: &ListArgs,
) -> Result<Exit> {
    let store = open_store(cli)?;
    let filter = DocumentFilter {
        outlet: outlet.map(str::to_string),
        since: dates.since.clone(),
        until: dates.until.clone(),
        include_undated: dates.include_undated,
        include_duplicates: copies.include_duplicates,
        limit: None,
    };
    let mut l = store.list_documents(&filter)?;
    let total = l.documents.len();
    l.documents.truncate(limit);
    if cli.json {
        print_json(&l.documents)?;
        return Ok(Exit::Success);
    }
    let mut out = listing(&l, copies);
    if total > l.documents.len() {
        out.notes.insert(
            0,
            format!(
                "showing {} of {total} documents; --limit {total} lists all",
                l.documents.len()
            ),
        );
    }
    print!("{}", out.render(list)?);
    Ok(Exit::Success)
}
