//! `kb`: what the knowledge base knows.

use anyhow::Result;
use mosaic_kb::KnowledgeBase;

use super::print_json;
use crate::args::ListArgs;
use crate::exit::Exit;
use crate::table::{Column, Listing, Table};
use crate::{Cli, KbCommand};

pub fn kb(cli: &Cli, what: &KbCommand) -> Result<Exit> {
    let kb = KnowledgeBase::embedded();
    match what {
        KbCommand::Stats => {
            let s = kb.stats();
            if cli.json {
                print_json(&serde_json::json!({
                    "actors": s.actors, "keys": s.keys, "shared_keys": s.shared_keys,
                    "by_type": s.by_type, "by_kind": s.by_kind, "by_sector": s.by_sector, "by_country": s.by_country,
                }))?;
            } else {
                println!(
                    "{} actors, {} distinct names ({} shared by several actors)",
                    s.actors, s.keys, s.shared_keys
                );
                println!("\nby type:");
                for (k, v) in &s.by_type {
                    println!("  {k:14} {v:6}");
                }
                println!("\nby sector:");
                for (k, v) in &s.by_sector {
                    println!("  {k:14} {v:6}");
                }
                println!("\nby country (top 40 of {}):", s.by_country.len());
                let mut countries: Vec<_> = s.by_country.iter().collect();
                countries.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
                for (k, v) in countries.into_iter().take(40) {
                    println!("  {k:14} {v:6}");
                }
                println!(
                    "\nroles: {} dated offices on {} persons; by the decade they end:",
                    s.roles, s.persons_with_roles
                );
                for (k, v) in &s.roles_by_decade_end {
                    println!("  {k:14} {v:6}");
                }
                if let Some(p) = &s.phoenix {
                    println!(
                        "\nfrom the Phoenix actor dictionaries (PETRARCH2, MIT licence):\n  persons        {:6} added, {} merged into known ones\n  organisations  {:6} added (groups, IGOs, NGOs), {} merged\n  dated roles    {:6}\n  coverage ends around {}: later offices come from persons.toml and from the text",
                        p.persons_added,
                        p.persons_merged,
                        p.organisations_added,
                        p.organisations_merged,
                        p.dated_roles,
                        p.latest_date.as_deref().map_or("2015", |d| &d[..4])
                    );
                }
            }
            Ok(Exit::Success)
        }
        KbCommand::Validate => {
            let problems = kb.validate();
            if cli.json {
                print_json(&problems)?;
            } else if problems.is_empty() {
                println!("knowledge base valid: {} actors", kb.actors().len());
            } else {
                for p in &problems {
                    println!("{p}");
                }
            }
            Ok(if problems.is_empty() {
                Exit::Success
            } else {
                Exit::Negative
            })
        }
        KbCommand::Lookup { name, list } => lookup(cli, kb, name, list),
    }
}

/// `kb lookup NAME`: every actor the name can denote, and how it matched.
fn lookup(cli: &Cli, kb: &KnowledgeBase, name: &str, list: &ListArgs) -> Result<Exit> {
    let hits = kb.lookup(name);
    let actors: Vec<(&mosaic_kb::Actor, String)> = hits
        .iter()
        .map(|h| (&kb.actors()[h.actor], format!("{:?}", h.how)))
        .collect();
    if cli.json {
        let rows: Vec<_> = actors
            .iter()
            .map(|(a, how)| {
                serde_json::json!({"id": a.id, "name": a.name, "type": a.actor_type.as_str(), "kind": a.kind.as_str(),
                    "country": a.country, "sector": a.sector, "parent": a.parent, "matched_as": how})
            })
            .collect();
        print_json(&rows)?;
        return Ok(Exit::Success);
    }
    let mut table = Table::new(vec![
        Column::text("kb id", 12),
        Column::text("name", 16),
        Column::whole("type"),
        Column::whole("country"),
        Column::whole("sector"),
        Column::whole("matched as"),
    ]);
    let mut csv_rows = Vec::new();
    for (a, how) in &actors {
        let cells = vec![
            a.id.clone(),
            a.name.clone(),
            a.actor_type.as_str().to_string(),
            a.country.clone().unwrap_or_else(|| "—".into()),
            a.sector.clone().unwrap_or_else(|| "—".into()),
            how.clone(),
        ];
        csv_rows.push(cells.iter().map(|c| c.replace('—', "")).collect());
        table.row(cells, Vec::new());
    }
    let empty = format!("no actor is called {name:?}");
    let listing = Listing {
        table,
        legend: Some("matched as: how the name was found (its canonical name, an alias, a generated form …); —: none"),
        notes: Vec::new(),
        csv_headers: &["kb_id", "name", "type", "country", "sector", "matched_as"],
        csv_rows,
        empty: &empty,
    };
    print!("{}", listing.render(list)?);
    Ok(Exit::Success)
}
