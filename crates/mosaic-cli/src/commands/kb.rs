//! `kb`: what the knowledge base knows.

use std::process::ExitCode;

use anyhow::Result;
use mosaic_kb::KnowledgeBase;

use super::print_json;
use crate::{Cli, KbCommand};

pub fn kb(cli: &Cli, what: &KbCommand) -> Result<ExitCode> {
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
            Ok(ExitCode::SUCCESS)
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
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
        KbCommand::Lookup { name } => {
            let hits = kb.lookup(name);
            let rows: Vec<_> = hits
                .iter()
                .map(|h| {
                    let a = &kb.actors()[h.actor];
                    serde_json::json!({"id": a.id, "name": a.name, "type": a.actor_type.as_str(), "kind": a.kind.as_str(),
                        "country": a.country, "sector": a.sector, "parent": a.parent, "matched_as": format!("{:?}", h.how)})
                })
                .collect();
            if cli.json {
                print_json(&rows)?;
            } else if rows.is_empty() {
                println!("no actor is called {name:?}");
            } else {
                for (h, r) in hits.iter().zip(&rows) {
                    let a = &kb.actors()[h.actor];
                    println!(
                        "{:24} {:32} {:10} {:5} {}",
                        a.id,
                        a.name,
                        a.actor_type.as_str(),
                        a.country.as_deref().unwrap_or("-"),
                        r["matched_as"].as_str().unwrap_or("")
                    );
                }
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}
