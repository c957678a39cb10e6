//! Scores `find_times` on an answer-key folder with the scorer's rule for `times`
//! (normalised text containment either way, exact value).
//!
//! `cargo run -p mosaic-time --example dev_eval [DIR]` (default `/work/shared/eval/dev`).
//! The anchor is the key's `published` date, else `infer_anchor(text)`. Predictions are
//! de-duplicated on (normalised text, value), as the keys list each expression once.

use std::collections::HashSet;
use std::path::PathBuf;

use mosaic_time::{find_times, infer_anchor, parse_published};

fn norm(s: &str) -> String {
    let s = s.to_lowercase().replace(['’', '‘'], "'").replace("'s", "");
    let s: String = s
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '_' || c.is_whitespace() || c == '\'' || c == '-' {
                c
            } else {
                ' '
            }
        })
        .collect();
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    s.strip_prefix("the ").map(str::to_string).unwrap_or(s)
}

/// True positives of `preds` against the key, one gold item per prediction at most.
fn score(preds: &[(String, String)], gold: &serde_json::Value) -> usize {
    let golds: Vec<(String, String)> = gold["times"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|t| {
                    (
                        norm(t["text"].as_str().unwrap_or("")),
                        t["value"].as_str().unwrap_or("").to_string(),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    let mut used = vec![false; golds.len()];
    let mut tp = 0;
    for (t, v) in preds {
        let tn = norm(t);
        if let Some(i) = (0..golds.len()).find(|&i| {
            !used[i]
                && !tn.is_empty()
                && !golds[i].0.is_empty()
                && (tn.contains(&golds[i].0) || golds[i].0.contains(&tn))
                && golds[i].1 == *v
        }) {
            used[i] = true;
            tp += 1;
        }
    }
    tp
}

fn main() {
    let dir = PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "/work/shared/eval/dev".into()),
    );
    let mut names: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("dev dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    names.sort();
    let (mut tp_all, mut pred_all, mut gold_all, mut raw_all, mut raw_tp) = (0, 0, 0, 0, 0);
    for p in names {
        let text = std::fs::read_to_string(&p).expect("text");
        let gold_path = p.with_extension("gold.json");
        let gold: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&gold_path).expect("gold"))
                .expect("json");
        let inferred = infer_anchor(&text);
        let published = gold["published"].as_str().and_then(parse_published);
        let anchor = published.or(inferred.as_ref().map(|a| a.date));
        println!(
            "== {}  published={:?}  inferred={:?}",
            p.file_name().unwrap().to_string_lossy(),
            published.map(|d| d.to_string()),
            inferred.as_ref().map(|a| format!("{} ({})", a.date, a.how))
        );
        let matches = find_times(&text, anchor);
        raw_all += matches.len();
        raw_tp += score(
            &matches
                .iter()
                .map(|m| (m.text.clone(), m.value.clone()))
                .collect::<Vec<_>>(),
            &gold,
        );
        let mut seen = HashSet::new();
        let preds: Vec<_> = matches
            .into_iter()
            .filter(|m| seen.insert((norm(&m.text), m.value.clone())))
            .collect();
        let golds: Vec<(String, String)> = gold["times"]
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|t| {
                        (
                            t["text"].as_str().unwrap_or("").to_string(),
                            t["value"].as_str().unwrap_or("").to_string(),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default();
        let mut used = vec![false; golds.len()];
        let mut tp = 0;
        for m in &preds {
            let tn = norm(&m.text);
            let hit = golds.iter().enumerate().position(|(i, (gt, gv))| {
                let un = norm(gt);
                !used[i]
                    && !tn.is_empty()
                    && !un.is_empty()
                    && (tn.contains(&un) || un.contains(&tn))
                    && *gv == m.value
            });
            match hit {
                Some(i) => {
                    used[i] = true;
                    tp += 1;
                    println!("   ok   {:?} = {}", m.text, m.value);
                }
                None => println!(
                    "   FP   {:?} = {} ({:?}{})",
                    m.text,
                    m.value,
                    m.granularity,
                    if m.relative { ", relative" } else { "" }
                ),
            }
        }
        for (i, (gt, gv)) in golds.iter().enumerate() {
            if !used[i] {
                println!("   MISS {gt:?} = {gv}");
            }
        }
        println!("   tp/pred/gold = {tp}/{}/{}", preds.len(), golds.len());
        tp_all += tp;
        pred_all += preds.len();
        gold_all += golds.len();
    }
    let p = tp_all as f64 / pred_all.max(1) as f64;
    let r = tp_all as f64 / gold_all.max(1) as f64;
    println!("TOTAL tp/pred/gold = {tp_all}/{pred_all}/{gold_all}  (without de-dup: {raw_tp}/{raw_all}/{gold_all})  P={p:.3} R={r:.3} F1={:.3}", if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 });
}
